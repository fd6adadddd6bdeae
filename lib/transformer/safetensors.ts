/**
 * Reads a `.safetensors` file (Hugging Face's weight format: an 8-byte little-endian header
 * length, a JSON header {name: {dtype, shape, data_offsets}}, then the raw little-endian data)
 * into float32 tensors by name, so a checkpoint such as SmolLM2-135M's model.safetensors can be
 * given to MiniLlama.setWeights. F32, F16 and BF16 are read (the halves widened to float32).
 *
 * Introduced in 5_LLAMA_transformers.ipynb.
 */
import * as fs from 'fs';
import * as tf from '@tensorflow/tfjs';
import { shown } from '../validate';

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** IEEE half → float. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function toFloat32(bytes: Buffer, dtype: string, name: string): Float32Array {
  if (dtype === 'F32') {
    const out = new Float32Array(bytes.length / 4);
    new Uint8Array(out.buffer).set(bytes); // copy: the data need not be 4-byte aligned in the file
    return out;
  }
  const n = bytes.length / 2;
  const out = new Float32Array(n);
  if (dtype === 'BF16') {
    const u32 = new Uint32Array(out.buffer);
    for (let i = 0; i < n; i++) u32[i] = bytes.readUInt16LE(2 * i) << 16;
    return out;
  }
  if (dtype === 'F16') {
    for (let i = 0; i < n; i++) out[i] = halfToFloat(bytes.readUInt16LE(2 * i));
    return out;
  }
  throw new Error(`loadSafetensors: tensor "${name}" has dtype ${dtype}; only F32, F16 and BF16 are read.`);
}

/** Every tensor of a .safetensors file as float32 tf.Tensors by name (dispose them after setWeights). */
export function loadSafetensors(file: string): Record<string, tf.Tensor> {
  if (typeof file !== 'string' || !fs.existsSync(file)) throw new Error(`loadSafetensors: no file ${shown(file)}.`);
  const data = fs.readFileSync(file);
  const headerLength = data.length >= 8 ? Number(data.readBigUInt64LE(0)) : 0;
  if (headerLength <= 0 || 8 + headerLength > data.length) throw new Error(`loadSafetensors: ${shown(file)} is not a safetensors file (bad header length).`);
  let header: Record<string, HeaderEntry | Record<string, string>>;
  try {
    header = JSON.parse(data.subarray(8, 8 + headerLength).toString('utf8')) as typeof header;
  } catch {
    throw new Error(`loadSafetensors: ${shown(file)} is not a safetensors file (its header is not JSON).`);
  }
  const base = 8 + headerLength;
  const out: Record<string, tf.Tensor> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: [begin, end] } = entry as HeaderEntry;
    const bytes = ({ F32: 4, F16: 2, BF16: 2 } as Record<string, number | undefined>)[dtype]; // other dtypes: refused by toFloat32
    const count = Array.isArray(shape) ? shape.reduce((a, b) => a * b, 1) : NaN;
    if (bytes !== undefined && !(Number.isInteger(begin) && begin >= 0 && end <= data.length - base && end - begin === count * bytes)) {
      throw new Error(`loadSafetensors: tensor ${shown(name)} has data_offsets [${begin}, ${end}] that do not hold shape [${shape}] of ${dtype} ` +
        `in a file of ${data.length - base} data bytes (truncated or damaged file?).`);
    }
    out[name] = tf.tensor(toFloat32(data.subarray(base + begin, base + end), dtype, name), shape, 'float32');
  }
  return out;
}
