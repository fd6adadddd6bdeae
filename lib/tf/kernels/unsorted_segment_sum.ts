/**
 * UnsortedSegmentSum as a plain scatter-add: out[ids[j]] += x[j] in one pass.
 *
 * It is the gradient of every gather, so of every Embedding layer. The `cpu` backend's kernel
 * builds an equality mask and a full reduction per segment — O(numSegments · x.size), about 2.5 s
 * per training step for an 800-word embedding — and the `wasm` backend has no kernel at all.
 * Semantics follow the `cpu` reference: ids outside [0, numSegments) are dropped and the output is
 * float32. Sums run in index order, in float64 on `cpu` (as the reference's reduction does) and in
 * float32 SIMD in place on the `wasm` heap.
 * segmentIds may have any rank k; x's first k dimensions must equal segmentIds.shape (TF semantics).
 *
 * Introduced in 0_Word_Embeddings.ipynb (through Embedding layers).
 */
import * as tf from '@tensorflow/tfjs';
import { kernelHeap, WasmBackendHeap } from '../wasm/heap';
import { readValues, requireInput, writeOutput } from './backend_io';

export function unsortedSegmentSum({ inputs, backend, attrs }: {
  inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const x = requireInput(inputs, 'x', 'UnsortedSegmentSum');
  const segmentIds = requireInput(inputs, 'segmentIds', 'UnsortedSegmentSum');
  const numSegments = Number(attrs?.numSegments);
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error(`UnsortedSegmentSum: numSegments negatif olmayan bir tam sayı olmalı, ` +
      `verilen: ${String(attrs?.numSegments)}.`);
  }
  const k = segmentIds.shape.length;
  if (k > x.shape.length || segmentIds.shape.some((d, i) => d !== x.shape[i])) {
    throw new Error(`UnsortedSegmentSum: ` +
      `segmentIds biçimi [${segmentIds.shape}], x biçiminin [${x.shape}] başı olmalı.`);
  }
  const innerShape = x.shape.slice(k);
  const inner = innerShape.reduce((a, b) => a * b, 1);
  const numIds = segmentIds.shape.reduce((a, b) => a * b, 1);
  const outShape = [numSegments, ...innerShape];
  const heap = kernelHeap(backend as tf.KernelBackend);
  if (heap instanceof WasmBackendHeap && x.dtype === 'float32' && segmentIds.dtype === 'int32') {
    // In place on the wasm heap, float32 sums (SIMD over each row).
    const out = heap.outputInfo(outShape);
    heap.kernels.scatterAdd(numIds, inner, heap.inputInfo(segmentIds), heap.inputInfo(x), numSegments, out.ptr);
    return out.info;
  }
  const ids = readValues(backend, segmentIds);
  const values = Float64Array.from(readValues(backend, x));
  const sums = new Float64Array(numSegments * inner);
  for (let j = 0; j < numIds; j++) {
    const s = ids[j];
    if (s < 0 || s >= numSegments) continue;
    const dst = s * inner;
    const src = j * inner;
    for (let i = 0; i < inner; i++) sums[dst + i] += values[src + i];
  }
  return writeOutput(backend, outShape, 'float32', (out) => out.set(sums));
}
