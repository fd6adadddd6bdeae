/**
 * Runs a row-wise kernel on every thread of lib/tf's pool: the workers take the first parts of the
 * rows, from copies in the threads' shared memory (the tfjs heap cannot be shared), this thread the
 * last part in place. Worth it for kernels that compute enough per byte (GELU's exp, attention's products) on
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
 * Where the rows are split among `threads` threads: boundaries 0 = b[0] < b[1] < … < b[n] = rows,
 * each at a multiple of `align` rows. Elementwise kernels (one float per row) pass align = 4: their
 * SIMD loop then meets the same 4-float groups and scalar tail as on one thread, so every element
 * is bit-identical for any thread count; kernels that loop within a row are so for any split.
 */
export function rowSplit(rows: number, threads: number, align: number): number[] {
  const bounds = [0];
  for (let t = 1; t < threads; t++) {
    const b = Math.floor((rows * t) / threads / align) * align;
    if (b > bounds[bounds.length - 1] && b < rows) bounds.push(b);
  }
  bounds.push(rows);
  return bounds;
}

/**
 * Calls kernel `name` over `rows` rows: `args(ptrs, count)` gives its arguments for `count` rows,
 * where ptrs[i] points at the first of them in arrays[i] (a scratch array: its base, one per
 * thread). Single-threaded when there is no pool, the heap is not the wasm heap, or the input is
 * small.
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
  const elementwise = arrays.every((a) => a.role === 'scratch' || a.rowFloats === 1);
  const bounds = rowSplit(rows, pool.threads, elementwise ? 4 : 1);
  const last = bounds[bounds.length - 2]; // rows [last, rows) on this thread, in place
  // The workers' rows [0, last), copied once: worker w takes rows [bounds[w], bounds[w + 1]).
  const blocks = arrays.map((a) => (a.role === 'scratch' ? -1 : pool.alloc(4 * Math.max(1, a.rowFloats * last))));
  const scratch: number[] = [];
  try {
    arrays.forEach((a, i) => {
      if (a.role === 'in') pool.view(blocks[i], last * a.rowFloats).set(wasmHeap.view(a.ptr, last * a.rowFloats));
    });
    const calls = bounds.slice(0, -2).map((b0, w) => {
      const ptrs = arrays.map((a, i) => {
        if (a.role !== 'scratch') return blocks[i] + 4 * b0 * a.rowFloats;
        scratch.push(pool.alloc(4 * Math.max(1, a.rowFloats)));
        return scratch[scratch.length - 1];
      });
      return { name, args: args(ptrs, bounds[w + 1] - b0) };
    });
    pool.forkAll(calls,
      () => run(heap.kernels, args(arrays.map((a) => (a.role === 'scratch' ? a.ptr : a.ptr + 4 * last * a.rowFloats)), rows - last)));
    arrays.forEach((a, i) => {
      if (a.role === 'out') wasmHeap.view(a.ptr, last * a.rowFloats).set(pool.view(blocks[i], last * a.rowFloats));
    });
  } finally {
    [...blocks.filter((b) => b >= 0), ...scratch].forEach((b) => pool.free(b));
  }
}
