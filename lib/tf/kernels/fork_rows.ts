/**
 * Runs a row-wise kernel on both cores: the worker thread takes the first half of the rows, from
 * copies in the threads' shared memory (the tfjs heap cannot be shared), this thread the rest in
 * place. Worth it for kernels that compute enough per byte (GELU's exp, attention's products) on
 * large inputs; memory-bound ones would spend the saving on the copies.
 *
 * Introduced in 4_gpt_transformers.ipynb (through the fused GELU and attention of lib/transformer).
 */
import type { KernelExports } from '../wasm/kernel_module';
import { KernelHeap, WasmBackendHeap } from '../wasm/heap';
import { kernelThreads } from '../wasm/threads';

/** One array the kernel reads (`in`), writes (`out`) or uses alone (`scratch`), `rowFloats` floats per row. */
export interface RowArray {
  ptr: number;
  rowFloats: number;
  role: 'in' | 'out' | 'scratch';
}

/** Below this many floats of input the hand-off and copies cost more than half the kernel saves. */
const MIN_FLOATS = 1 << 18;

/**
 * Calls kernel `name` over `rows` rows: `args(ptrs, count)` gives its arguments for `count` rows,
 * where ptrs[i] points at the first of them in arrays[i] (a scratch array: its base, one per
 * thread). Single-threaded when there are no two threads, the heap is not the wasm heap, or the
 * input is small.
 */
export function forkRows(heap: KernelHeap, name: keyof KernelExports, rows: number, arrays: RowArray[],
                         args: (ptrs: number[], count: number) => number[]): void {
  const run = (k: KernelExports, a: number[]) => (k[name] as (...x: number[]) => void)(...a);
  const inputFloats = arrays.filter((a) => a.role === 'in').reduce((sum, a) => sum + a.rowFloats * rows, 0);
  const wasmHeap = heap instanceof WasmBackendHeap ? heap : null;
  const pool = wasmHeap != null && rows >= 2 && inputFloats >= MIN_FLOATS ? kernelThreads() : null;
  if (pool == null || wasmHeap == null) {
    run(heap.kernels, args(arrays.map((a) => a.ptr), rows));
    return;
  }
  const half = Math.floor(rows / 2); // rows [0, half) on the worker
  const blocks = arrays.map((a) => pool.alloc(4 * Math.max(1, a.rowFloats * (a.role === 'scratch' ? 1 : half))));
  try {
    arrays.forEach((a, i) => {
      if (a.role === 'in') pool.view(blocks[i], half * a.rowFloats).set(wasmHeap.view(a.ptr, half * a.rowFloats));
    });
    pool.fork({ name, args: args(blocks, half) },
      () => run(heap.kernels, args(arrays.map((a) => (a.role === 'scratch' ? a.ptr : a.ptr + 4 * half * a.rowFloats)), rows - half)));
    arrays.forEach((a, i) => {
      if (a.role === 'out') wasmHeap.view(a.ptr, half * a.rowFloats).set(pool.view(blocks[i], half * a.rowFloats));
    });
  } finally {
    blocks.forEach((b) => pool.free(b));
  }
}
