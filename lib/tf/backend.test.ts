import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ENV, initTf, requestedBackend, tfInfo, whereItRuns } from './backend';
import { unsortedSegmentSum } from './kernels/unsorted_segment_sum';

// This file tests the default choice: a LIB_TF_BACKEND in the caller's shell would change it.
delete process.env[BACKEND_ENV];

test('initTf picks wasm with lib/tf kernels (never an installed tfjs-node) and prints one line', async () => {
  const handlers = process.listeners('uncaughtException').length;
  const lines: string[] = [];
  const log = console.log;
  console.log = (m: string) => lines.push(m);
  try {
    const info = await initTf();
    assert.equal(tfInfo(), info);
    assert.equal(tf.getBackend(), info.backend);
    assert.equal(lines.length, 1);
    assert.equal(lines[0], info.line);
    // One Turkish sentence for learners: engine, threads, why it matters; no kernel counts or flags.
    assert.match(info.line, /^Hesaplar WebAssembly ile, kursun hızlandırılmış işlemleriyle (tek|\d+) çekirdekte yapılıyor \(TensorFlow\.js \d+\.\d+\.\d+\); defterdeki süreler bu makineye göre/);
    assert.equal(info.line.split(/[.;] /).length, 2, 'one sentence (two clauses)');
    // No repository path, no developer words (kernel counts, flags, threads).
    assert.doesNotMatch(info.line, /lib\/|SIMD|FMA|çekirdekleri|birleşik|iş parçacığı/);
    assert.match(info.details, /^TensorFlow\.js \d+\.\d+\.\d+ · arka uç: wasm/);
    assert.equal(info.backend, 'wasm');
    assert.ok(info.fused);
    for (const k of ['UnsortedSegmentSum', 'BatchMatMul', '_FusedMatMul', 'GatherV2', 'Identity']) assert.ok(info.kernels.includes(k), k);
    assert.match(info.details, /birleşik RNN/);
    // The wasm runtime's noisy re-throwing handlers are not left behind.
    assert.equal(process.listeners('uncaughtException').length, handlers);
    // Later calls return the same answer without printing again.
    assert.equal(await initTf(), info);
    assert.equal(lines.length, 1);
    // verbose: the sentence, then the technical summary.
    const again = await initTf({ kernels: true, verbose: true });
    assert.deepEqual(lines.slice(1), [again.line, again.details]);
  } finally {
    console.log = log;
  }
});

test('the backend asked for: the option, else LIB_TF_BACKEND, else auto; a misspelt variable is an error', () => {
  assert.deepEqual(requestedBackend(undefined, {}), { choice: 'auto', source: 'default' });
  assert.deepEqual(requestedBackend(undefined, { [BACKEND_ENV]: '' }), { choice: 'auto', source: 'default' });
  assert.deepEqual(requestedBackend(undefined, { [BACKEND_ENV]: 'tensorflow' }), { choice: 'tensorflow', source: 'env' });
  assert.deepEqual(requestedBackend('auto', { [BACKEND_ENV]: 'cpu' }), { choice: 'cpu', source: 'env' });
  assert.deepEqual(requestedBackend('wasm', { [BACKEND_ENV]: 'tensorflow' }), { choice: 'wasm', source: 'option' });
  assert.deepEqual(requestedBackend('tensorflow', {}), { choice: 'tensorflow', source: 'option' });
  assert.throws(() => requestedBackend(undefined, { [BACKEND_ENV]: 'tfjs-node' }), /LIB_TF_BACKEND="?tfjs-node"? bilinmiyor/);
});

test('asking for tfjs-node without it installed is a clear error', async () => {
  await assert.rejects(initTf({ backend: 'tensorflow', quiet: true }), /@tensorflow\/tfjs-node ister; bu paket kurulu değil/);
});

/**
 * An attendee whose `npm ci` (npm 10 runs install scripts) installed tfjs-node: a fake
 * `@tensorflow/tfjs-node` on NODE_PATH registers a 'tensorflow' backend (tfjs's cpu backend under
 * that name) and marks that it was loaded. Each case runs in a fresh Node process, as a notebook does.
 */
test('an installed tfjs-node (a fake module) runs only when asked for, and the line says so', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-tfjs-node-'));
  try {
    const pkg = path.join(dir, 'node_modules', '@tensorflow', 'tfjs-node');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node', version: '4.22.0', main: 'index.js' }));
    fs.writeFileSync(path.join(pkg, 'index.js'), [
      "const tf = require('@tensorflow/tfjs');",
      "const { MathBackendCPU } = require('@tensorflow/tfjs-backend-cpu');",
      "tf.registerBackend('tensorflow', () => new MathBackendCPU());",
      'globalThis.fakeTfjsNodeLoaded = true;',
    ].join('\n'));
    const script = path.join(dir, 'choose.cjs');
    fs.writeFileSync(script, [
      `const { initTf } = require(${JSON.stringify(path.join(__dirname, 'backend.ts'))});`,
      'const options = JSON.parse(process.argv[2]);',
      'initTf({ ...options, quiet: true }).then((info) => {',
      "  const tf = require('@tensorflow/tfjs');",
      '  console.log(JSON.stringify({ backend: info.backend, active: tf.getBackend(), line: info.line, loaded: globalThis.fakeTfjsNodeLoaded === true }));',
      '});',
    ].join('\n'));
    const root = path.resolve(__dirname, '..', '..');
    const choose = (options: object, env: Record<string, string> = {}) => {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NODE_PATH: [path.join(dir, 'node_modules'), path.join(root, 'node_modules')].join(path.delimiter) };
      if (!(BACKEND_ENV in env)) delete childEnv[BACKEND_ENV];
      const out = execFileSync(process.execPath, ['--import', 'tsx', script, JSON.stringify(options)], { cwd: root, env: childEnv, encoding: 'utf8' });
      return JSON.parse(out.trim().split('\n').pop()!) as { backend: string; active: string; line: string; loaded: boolean };
    };
    const byDefault = choose({});
    assert.deepEqual([byDefault.backend, byDefault.active, byDefault.loaded], ['wasm', 'wasm', false], 'installed is not asked for');
    const byOption = choose({ backend: 'tensorflow' });
    assert.deepEqual([byOption.backend, byOption.active, byOption.loaded], ['tensorflow', 'tensorflow', true]);
    assert.match(byOption.line, /^Hesaplar yerel TensorFlow \(tfjs-node\) ile \d+ çekirdekte yapılıyor \(TensorFlow\.js [\d.]+; initTf\(\{ backend: 'tensorflow' \}\) ile seçildi, kurs bu arka uçta test edilmedi\)/);
    const byEnv = choose({}, { [BACKEND_ENV]: 'tensorflow' });
    assert.deepEqual([byEnv.backend, byEnv.loaded], ['tensorflow', true]);
    assert.match(byEnv.line, /LIB_TF_BACKEND=tensorflow ile seçildi/);
    // The option wins over the variable.
    const optionWins = choose({ backend: 'wasm' }, { [BACKEND_ENV]: 'tensorflow' });
    assert.deepEqual([optionWins.backend, optionWins.loaded], ['wasm', false]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the cpu fallback trains an Embedding through the replaced UnsortedSegmentSum', async () => {
  await initTf({ backend: 'cpu', quiet: true });
  // The kernel registered for cpu is ours (the reference one is O(numSegments · n): seconds per step).
  assert.equal(tf.getKernel('UnsortedSegmentSum', 'cpu')?.kernelFunc, unsortedSegmentSum);
  const table = tf.variable(tf.randomNormal([800, 50]));
  const ids = tf.tensor1d(Array.from({ length: 320 }, (_, i) => (i * 37) % 800), 'int32');
  const g = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, ids)))(table);
  assert.equal(tf.sum(g).dataSync()[0], 320 * 50);
  tf.dispose([table, ids, g]);
});

test('the sentence names cores, and threads only when more were asked for than there are cores', () => {
  assert.equal(whereItRuns(1, 1), 'tek çekirdekte');
  assert.equal(whereItRuns(2, 2), '2 çekirdekte');
  assert.equal(whereItRuns(8, 16), '8 çekirdekte');   // the default cap: 8 of the 16 cores
  // LIB_TF_THREADS=4 on a 2-core container: "4 çekirdekte" would claim cores that are not there.
  assert.equal(whereItRuns(4, 2), '4 iş parçacığıyla 2 çekirdekte');
  assert.equal(whereItRuns(3, 1), '3 iş parçacığıyla tek çekirdekte');
});
