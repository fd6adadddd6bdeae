import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ModelNotAvailableError } from './errors';
import { loadCheckpoint, loadSafetensors, readSafetensorsHeader } from './safetensors';

/** Writes a safetensors file by the spec: u64 header length, JSON header, raw little-endian data. */
function writeSafetensors(file: string, tensors: Record<string, { dtype: string; shape: number[]; bytes: Buffer }>, headerPatch: Record<string, unknown> = {}): void {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.length] };
    chunks.push(t.bytes);
    offset += t.bytes.length;
  }
  Object.assign(header, headerPatch);
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  fs.writeFileSync(file, Buffer.concat([length, json, ...chunks]));
}

const f32 = (values: number[]) => Buffer.from(new Float32Array(values).buffer);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'safetensors-'));

test('reads F32, F16 and BF16 tensors as float32 with their shapes', () => {
  const file = path.join(tmp(), 'model.safetensors');
  const f16 = Buffer.alloc(6);
  [0x3c00, 0xc000, 0x3555].forEach((h, i) => f16.writeUInt16LE(h, 2 * i)); // 1, -2, 0.333251953125
  const bf16 = Buffer.alloc(4);
  [0x3f80, 0x4049].forEach((h, i) => bf16.writeUInt16LE(h, 2 * i)); // 1, 3.140625
  writeSafetensors(file, {
    'w.weight': { dtype: 'F32', shape: [2, 3], bytes: f32([1, 2, 3, 4, 5, 6.5]) },
    half: { dtype: 'F16', shape: [3], bytes: f16 },
    brain: { dtype: 'BF16', shape: [2], bytes: bf16 },
  });
  const header = readSafetensorsHeader(file);
  assert.deepEqual([...header.tensors.keys()], ['w.weight', 'half', 'brain']);
  assert.deepEqual(header.metadata, { format: 'pt' });
  const t = loadSafetensors(file);
  assert.deepEqual(t['w.weight'].shape, [2, 3]);
  assert.deepEqual([...t['w.weight'].data], [1, 2, 3, 4, 5, 6.5]);
  assert.deepEqual([...t.half.data], [1, -2, 0.333251953125]);
  assert.deepEqual([...t.brain.data], [1, 3.140625]);
  assert.deepEqual(Object.keys(loadSafetensors(file, ['half'])), ['half']);
});

test('a missing tensor, a mis-shaped entry and a truncated file each give a clear error', () => {
  const dir = tmp();
  const good = path.join(dir, 'good.safetensors');
  writeSafetensors(good, { a: { dtype: 'F32', shape: [2], bytes: f32([1, 2]) } });
  assert.throws(() => loadSafetensors(good, ['a', 'b']), /içinde "b" tensörü yok.*örneğin "a"/);

  const misShaped = path.join(dir, 'bad.safetensors');
  writeSafetensors(misShaped, { a: { dtype: 'F32', shape: [2], bytes: f32([1, 2]) } }, { a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } });
  assert.throws(() => readSafetensorsHeader(misShaped), /"a" tensörünün biçimi \[3\] \(3 × F32 = 12 bayt\), ama data_offsets 8 bayt diyor/);

  const truncated = path.join(dir, 'cut.safetensors');
  fs.writeFileSync(truncated, fs.readFileSync(good).subarray(0, fs.statSync(good).size - 4));
  assert.throws(() => readSafetensorsHeader(truncated), /dosyanın sonundan.*yarım inmiş/);
  fs.writeFileSync(truncated, Buffer.from('not a safetensors file at all'));
  assert.throws(() => readSafetensorsHeader(truncated), /exceeds the file|not valid JSON/);
});

test('loadCheckpoint: a missing checkpoint names the command that prepares it', () => {
  const dir = tmp();
  assert.throws(() => loadCheckpoint(dir), (err: unknown) => {
    assert.ok(err instanceof ModelNotAvailableError);
    assert.equal(err.reason, 'local-missing');
    assert.match(err.message, /config\.json yok.*npm run models:prepare/);
    return true;
  });
  fs.writeFileSync(path.join(dir, 'config.json'), '{"hidden_size": 2}');
  assert.throws(() => loadCheckpoint(dir), /model\.safetensors yok.*npm run models:prepare/);
  writeSafetensors(path.join(dir, 'model.safetensors'), { 'model.norm.weight': { dtype: 'F32', shape: [2], bytes: f32([1, 1]) } });
  const ckpt = loadCheckpoint(dir);
  assert.equal(ckpt.config.hidden_size, 2);
  assert.deepEqual([...ckpt.tensors['model.norm.weight'].data], [1, 1]);
});
