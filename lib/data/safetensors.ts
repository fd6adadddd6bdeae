/**
 * A reader for the safetensors format (Hugging Face's checkpoint files), written here so that a
 * notebook can load real weights into its own tfjs model: an 8-byte little-endian header length N,
 * N bytes of JSON `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: {…} }`,
 * then the raw little-endian tensor bytes (offsets relative to the end of the header).
 * Spec: https://github.com/huggingface/safetensors#format
 *
 * A file format, like csv.ts: it knows no model and no runtime, so lib/transformer (MiniLlama's
 * fromPretrained) and lib/models (loadCheckpoint) both read checkpoints through it.
 * Introduced in 5_LLAMA_transformers.ipynb.
 */
import * as fs from 'fs';
import { shown } from '../validate';

/** One tensor's entry in a safetensors header. */
export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  /** Byte range [begin, end) after the header. */
  dataOffsets: [number, number];
}

/** A safetensors file's header: its tensors, metadata and where the data starts. */
export interface SafetensorsHeader {
  tensors: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
  /** Byte offset of the data section in the file (8 + header length). */
  dataStart: number;
}

/** A tensor read as float32: its shape and values (row-major). */
export interface Float32Tensor {
  shape: number[];
  data: Float32Array;
}

const BYTES: Readonly<Record<string, number>> = { F32: 4, F16: 2, BF16: 2 };

/** Reads and checks the header of `file` (no tensor data is read). */
export function readSafetensorsHeader(file: string): SafetensorsHeader {
  if (typeof file !== 'string' || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new Error(`loadSafetensors: ${shown(file)} konumunda safetensors dosyası yok; bir model.safetensors dosyasının yolunu verin.`);
  }
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const lengthBytes = Buffer.alloc(8);
    if (size < 8 || fs.readSync(fd, lengthBytes, 0, 8, 0) !== 8) throw new Error(`${shown(file)}: safetensors dosyası olamayacak kadar kısa (${size} bayt); dosya eksik inmiş olabilir, yeniden indirin.`);
    const headerLength = Number(lengthBytes.readBigUInt64LE(0));
    if (headerLength > size - 8) throw new Error(`${shown(file)}: başlık (header) uzunluğu ${headerLength}, dosyadan (${size} bayt) büyük; bu bir safetensors dosyası değil ya da yarım kalmış (exceeds the file): yeniden indirin.`);
    const json = Buffer.alloc(headerLength);
    fs.readSync(fd, json, 0, headerLength, 8);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`${shown(file)}: başlık (header) geçerli JSON değil (not valid JSON: ${(err as Error).message}); bu bir safetensors dosyası mı?`);
    }
    const dataStart = 8 + headerLength;
    const tensors = new Map<string, SafetensorsEntry>();
    let metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(parsed)) {
      if (name === '__metadata__') {
        metadata = value as Record<string, string>;
        continue;
      }
      const v = value as { dtype?: string; shape?: number[]; data_offsets?: [number, number] };
      if (typeof v.dtype !== 'string' || !Array.isArray(v.shape) || !Array.isArray(v.data_offsets)) {
        throw new Error(`${shown(file)}: "${name}" kaydında dtype, shape ya da data_offsets eksik; dosya bozuk olabilir, yeniden indirin.`);
      }
      const [begin, end] = v.data_offsets;
      const count = v.shape.reduce((a, b) => a * b, 1);
      const width = BYTES[v.dtype];
      if (width !== undefined && end - begin !== count * width) {
        throw new Error(`${shown(file)}: "${name}" tensörünün biçimi [${v.shape}] (${count} × ${v.dtype} = ${count * width} bayt), ama data_offsets ${end - begin} bayt diyor; dosya bozuk.`);
      }
      if (dataStart + end > size) throw new Error(`${shown(file)}: "${name}" tensörü ${dataStart + end}. baytta bitiyor, dosyanın sonundan (${size}) sonra; dosya yarım inmiş olabilir, yeniden indirin.`);
      tensors.set(name, { dtype: v.dtype, shape: v.shape, dataOffsets: [begin, end] });
    }
    return { tensors, metadata, dataStart };
  } finally {
    fs.closeSync(fd);
  }
}

/** fp16 bits → number (IEEE 754 half precision). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** The bytes of one tensor as float32 values (F32 copied, F16 / BF16 widened). */
function toFloat32(bytes: Buffer, dtype: string, name: string): Float32Array {
  if (dtype === 'F32') {
    const out = new Float32Array(bytes.length / 4);
    new Uint8Array(out.buffer).set(bytes); // a copy: the Buffer's offset need not be 4-aligned
    return out;
  }
  const n = bytes.length / 2;
  const out = new Float32Array(n);
  if (dtype === 'BF16') {
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < n; i++) bits[i] = bytes.readUInt16LE(2 * i) << 16; // bf16 = the top half of an fp32
    return out;
  }
  if (dtype === 'F16') {
    for (let i = 0; i < n; i++) out[i] = halfToFloat(bytes.readUInt16LE(2 * i));
    return out;
  }
  throw new Error(`"${name}" tensörünün veri türü (dtype) ${dtype}; bu okuyucu yalnızca F32, F16 ve BF16 okur.`);
}

/**
 * Reads the tensors of a safetensors file as float32 (all of them, or only `names`: a missing
 * name is an error naming it). Each tensor is read on its own, so memory holds the result only.
 */
export function loadSafetensors(file: string, names?: readonly string[]): Record<string, Float32Tensor> {
  const header = readSafetensorsHeader(file);
  const wanted = names ?? [...header.tensors.keys()];
  const missing = wanted.filter((n) => !header.tensors.has(n));
  if (missing.length > 0) {
    throw new Error(`${shown(file)} içinde ${missing.slice(0, 5).map((n) => `"${n}"`).join(', ')}${missing.length > 5 ? ', …' : ''} tensörü yok ` +
      `(dosyada ${header.tensors.size} tensör var, örneğin "${[...header.tensors.keys()][0]}"); model ile dosyanın eşleştiğini kontrol edin.`);
  }
  const out: Record<string, Float32Tensor> = {};
  const fd = fs.openSync(file, 'r');
  try {
    for (const name of wanted) {
      const entry = header.tensors.get(name)!;
      const [begin, end] = entry.dataOffsets;
      const bytes = Buffer.alloc(end - begin);
      fs.readSync(fd, bytes, 0, end - begin, header.dataStart + begin);
      out[name] = { shape: entry.shape, data: toFloat32(bytes, entry.dtype, name) };
    }
  } finally {
    fs.closeSync(fd);
  }
  return out;
}
