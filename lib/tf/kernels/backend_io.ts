/**
 * Reading kernel inputs and writing kernel outputs on the `cpu` and `wasm` backends, whose
 * KernelBackend APIs differ (`makeTensorInfo` vs `makeOutput` + heap views).
 */
import * as tf from '@tensorflow/tfjs';

type Values = Float32Array | Int32Array;

interface CpuLike {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Values): tf.TensorInfo;
}
interface WasmLike {
  readSync(dataId: object): unknown;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Values;
}

function hasFunction(obj: object, name: string): boolean {
  return typeof (obj as Record<string, unknown>)[name] === 'function';
}

/** The values of a kernel input as a typed array (a copy on wasm; shared on cpu: do not write). */
export function readValues(backend: object, info: tf.TensorInfo): Values {
  const values = (backend as CpuLike).readSync(info.dataId);
  if (values instanceof Float32Array || values instanceof Int32Array) return values;
  throw new Error(`Expected numeric tensor data, got dtype ${info.dtype}`);
}

/** A kernel output filled by `fill` (which receives a zeroed array of the output's size). */
export function writeOutput(backend: object, shape: number[], dtype: 'float32' | 'int32',
                            fill: (out: Values) => void): tf.TensorInfo {
  const size = shape.reduce((a, b) => a * b, 1);
  if (hasFunction(backend, 'makeOutput') && hasFunction(backend, 'typedArrayFromHeap')) {
    const wasm = backend as WasmLike;
    const info = wasm.makeOutput(shape, dtype);
    const out = wasm.typedArrayFromHeap(info);
    out.fill(0);
    fill(out);
    return info;
  }
  if (hasFunction(backend, 'makeTensorInfo')) {
    const out = dtype === 'float32' ? new Float32Array(size) : new Int32Array(size);
    fill(out);
    return (backend as CpuLike).makeTensorInfo(shape, dtype, out);
  }
  throw new Error('Unsupported tfjs backend for lib/tf kernels (need cpu or wasm).');
}

/** A named kernel input, or a clear error if the op did not pass it. */
export function requireInput(inputs: tf.NamedTensorInfoMap, name: string, kernelName: string): tf.TensorInfo {
  const info = inputs[name];
  if (info == null) throw new Error(`${kernelName}: missing input "${name}"`);
  return info;
}
