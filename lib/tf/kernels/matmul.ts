/**
 * BatchMatMul and _FusedMatMul for the `wasm` backend on the SIMD GEMM of lib/tf/wasm, reading and
 * writing tensors in place on the backend heap.
 *
 * Why: tfjs-backend-wasm 4.22 sends only non-transposed products to XNNPACK, and re-creates (and
 * re-packs) an XNNPACK operator whenever the weight tensor changes — every training step. With
 * `transposeA` or `transposeB`, which every matmul gradient uses (dW = xᵀ·dy, dx = dy·Wᵀ), it runs a
 * scalar loop at ~1 GFLOP/s. The GEMM here reads Aᵀ through strides and transposes B once into
 * scratch; it runs at 20-45 GFLOP/s on one core. A·Bᵀ with few rows (decoding one token through a
 * Linear's [out, in] weight) skips the transpose: each output is a dot product of two rows. Cases it does not cover (non-float32, general
 * batch broadcasting, empty tensors, unusual bias shapes or activations) go to the original kernel.
 *
 * Introduced in 2_LSTM.ipynb (every Dense layer's forward and backward pass).
 */
import * as tf from '@tensorflow/tfjs';
import { kernelHeap, WasmBackendHeap } from '../wasm/heap';
import { FUSED_MATMUL_ACTIVATIONS } from '../wasm/kernel_module';
import { requireInput } from './backend_io';

type KernelFunc = tf.KernelConfig['kernelFunc'];

// Below this many rows of A, A·Bᵀ runs as row-by-row dot products (gemmNT) rather than a transpose
// of B and the blocked GEMM: measured on (M, 1536, 576), gemmNT is 9.5× faster at M = 8 and 2.3× at
// M = 64, and the two meet near M = 2048.
const GEMM_NT_MAX_ROWS = 256;

function product(dims: number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

interface Product {
  info: tf.TensorInfo;
  ptr: number;
  rows: number; // batch · M
  N: number;
}

/** out = a·b (with transposes) on the heap, or null when the fast path does not apply. */
function heapMatMul(heap: WasmBackendHeap, a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean,
                    transposeB: boolean): Product | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return null;
  const batchDimsA = a.shape.slice(0, -2);
  const batchDimsB = b.shape.slice(0, -2);
  const batchA = product(batchDimsA);
  const batchB = product(batchDimsB);
  const sameBatch = batchDimsA.length === batchDimsB.length && batchDimsA.every((d, i) => d === batchDimsB[i]);
  if (!sameBatch && batchA !== 1 && batchB !== 1) return null;
  const [rowsA, colsA] = a.shape.slice(-2);
  const [rowsB, colsB] = b.shape.slice(-2);
  const M = transposeA ? colsA : rowsA;
  const K = transposeA ? rowsA : colsA;
  const N = transposeB ? rowsB : colsB;
  if (K !== (transposeB ? colsB : rowsB)) {
    throw new Error(`MatMul: inner dimensions differ: a [${a.shape}] (transposeA=${transposeA}), ` +
      `b [${b.shape}] (transposeB=${transposeB}).`);
  }
  if (M === 0 || N === 0 || K === 0) return null;
  const outBatchDims = tf.broadcast_util.assertAndGetBroadcastShape(batchDimsA, batchDimsB);
  const batch = product(outBatchDims);
  const out = heap.outputInfo([...outBatchDims, M, N]);
  const aPtr = heap.inputInfo(a);
  let bPtr = heap.inputInfo(b);
  const k = heap.kernels;
  const sAm = transposeA ? 1 : K;
  const sAk = transposeA ? M : 1;
  if (transposeB && !transposeA && M < GEMM_NT_MAX_ROWS) {
    // Few rows (a decoding step): dot products against B's rows in place; transposing B would
    // cost more than the product itself (a 49152×576 LM head: 227 ms to transpose, 11 ms to use).
    for (let i = 0; i < batch; i++) {
      const pa = aPtr + 4 * (batchA === 1 ? 0 : i) * M * K;
      const pb = bPtr + 4 * (batchB === 1 ? 0 : i) * N * K;
      k.gemmNT(M, N, K, pa, K, pb, K, out.ptr + 4 * i * M * N, N, 0);
    }
    return { info: out.info, ptr: out.ptr, rows: batch * M, N };
  }
  if (transposeB) {
    // Bᵀ: transpose each batch of B into scratch so the GEMM reads B row-major [K, N].
    const scratch = heap.scratch(batchB * K * N);
    for (let i = 0; i < batchB; i++) k.transpose(N, K, bPtr + 4 * i * N * K, K, scratch + 4 * i * K * N);
    bPtr = scratch;
  }
  for (let i = 0; i < batch; i++) {
    const pa = aPtr + 4 * (batchA === 1 ? 0 : i) * M * K;
    const pb = bPtr + 4 * (batchB === 1 ? 0 : i) * K * N;
    k.gemm(M, N, K, pa, sAm, sAk, pb, N, out.ptr + 4 * i * M * N, N, 0);
  }
  return { info: out.info, ptr: out.ptr, rows: batch * M, N };
}

function wasmHeapOf(backend: unknown): WasmBackendHeap | null {
  const heap = kernelHeap(backend as tf.KernelBackend);
  return heap instanceof WasmBackendHeap ? heap : null;
}

/** BatchMatMul: the GEMM fast path, else `original` (the backend's own kernel). */
export function makeBatchMatMul(original: KernelFunc): KernelFunc {
  return (args) => {
    const heap = wasmHeapOf(args.backend);
    const a = requireInput(args.inputs, 'a', 'BatchMatMul');
    const b = requireInput(args.inputs, 'b', 'BatchMatMul');
    const result = heap != null
      ? heapMatMul(heap, a, b, args.attrs?.transposeA === true, args.attrs?.transposeB === true)
      : null;
    return result?.info ?? original(args);
  };
}

/** _FusedMatMul (matmul + bias + activation, used by Dense layers): GEMM plus an in-place epilogue. */
export function makeFusedMatMul(original: KernelFunc): KernelFunc {
  return (args) => {
    const heap = wasmHeapOf(args.backend);
    const a = requireInput(args.inputs, 'a', '_FusedMatMul');
    const b = requireInput(args.inputs, 'b', '_FusedMatMul');
    const { bias, preluActivationWeights } = args.inputs;
    const activation = String(args.attrs?.activation ?? 'linear');
    const act = FUSED_MATMUL_ACTIVATIONS[activation];
    if (heap == null || act == null || preluActivationWeights != null) return original(args);
    const biasSize = bias != null ? product(bias.shape) : 0;
    const lastDim = transposedCols(b, args.attrs?.transposeB === true);
    const biasOk = bias == null || (bias.dtype === 'float32' && (biasSize === 1 || (biasSize === lastDim &&
      bias.shape[bias.shape.length - 1] === lastDim)));
    if (!biasOk) return original(args);
    const result = heapMatMul(heap, a, b, args.attrs?.transposeA === true, args.attrs?.transposeB === true);
    if (result == null) return original(args);
    const biasPtr = bias != null ? heap.inputInfo(bias) : 0;
    const alpha = Number(args.attrs?.leakyreluAlpha ?? 0.2);
    heap.kernels.biasActivation(result.rows, result.N, result.ptr, biasPtr, biasSize === 1 ? 0 : 1, act, alpha);
    return result.info;
  };
}

function transposedCols(b: tf.TensorInfo, transposeB: boolean): number {
  return transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
}
