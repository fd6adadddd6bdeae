/**
 * Sum for the `wasm` backend when it reduces leading axes (x [rows, ...rest] → [...rest]): as the
 * product ones(1, rows) · x(rows, cols) on lib/tf's SIMD GEMM.
 *
 * Why: every bias and every broadcast gradient is such a sum — a Linear layer's db = Σ_rows dy, a
 * LayerNorm's dγ, dβ, a position embedding added over the batch — and tfjs-backend-wasm 4.22
 * transposes the input so the reduced axes come last and then sums row by row, about 20× slower
 * than the GEMM on (2048, 512) (bench/results.md, gpt: `Sum` was 14 % of a transformer training
 * step's kernel time). Other reductions (last axes, int32, keepDims shapes alike) go to the
 * original kernel.
 *
 * Introduced in 4_gpt_transformers.ipynb (every transformer's backward pass).
 */
import * as tf from '@tensorflow/tfjs';
import { kernelHeap, WasmBackendHeap } from '../wasm/heap';
import { requireInput } from './backend_io';

type KernelFunc = tf.KernelConfig['kernelFunc'];

/** Sum: the GEMM path for leading-axes reductions of float32 tensors, else `original`. */
export function makeSum(original: KernelFunc): KernelFunc {
  return (args) => {
    const heap = kernelHeap(args.backend as tf.KernelBackend);
    const x = requireInput(args.inputs, 'x', 'Sum');
    if (!(heap instanceof WasmBackendHeap) || x.dtype !== 'float32' || x.shape.length < 2) return original(args);
    const axes = tf.util.parseAxisParam(args.attrs?.axis as number | number[], x.shape).sort((a, b) => a - b);
    const k = axes.length;
    if (k === 0 || k === x.shape.length || axes.some((a, i) => a !== i)) return original(args);
    const rows = x.shape.slice(0, k).reduce((a, b) => a * b, 1);
    const rest = x.shape.slice(k);
    const cols = rest.reduce((a, b) => a * b, 1);
    if (rows === 0 || cols === 0) return original(args);
    const keepDims = args.attrs?.keepDims === true;
    const out = heap.outputInfo(keepDims ? [...x.shape.slice(0, k).map(() => 1), ...rest] : rest);
    const xPtr = heap.inputInfo(x);
    const ones = heap.scratch(rows);
    heap.view(ones, rows).fill(1);
    heap.kernels.gemm(1, cols, rows, ones, rows, 1, xPtr, cols, out.ptr, cols, 0); // (1, rows) · (rows, cols)
    return out.info;
  };
}
