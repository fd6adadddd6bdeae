/**
 * Weights copied once into the threads' shared memory, so that a decoding step's matrix-vector
 * products run on every thread of lib/tf's pool (../wasm/threads.ts).
 *
 * Why: a worker thread cannot read the tfjs wasm heap (it is not a shared memory), and copying a
 * weight for every product would cost as much as the product: with one token (M = 1) x·Wᵀ reads
 * each weight once. So the weights a model decodes with are copied into the pool's memory when
 * they are loaded (`shareWeights`), and the product (matmul.ts) splits W's rows among the threads:
 * this thread takes the last 1/k of them and reads them from the tfjs heap, so only the other
 * (k − 1)/k, which the workers read, are copied. The copy is found by the tensor's dataId, which
 * tfjs changes whenever a variable is assigned, so a stale copy is never read; `refresh()` copies
 * the new values (a model calls it before each forward pass).
 *
 * Memory: a copy of (k − 1)/k of every shared weight while the pool has k ≥ 2 threads (SmolLM2-135M:
 * 269 MB on two threads, 403 MB on four); none on one thread. `dispose()` frees it. A pool replaced
 * by setKernelThreads takes its memory with it; the next product copies the weight into the new pool.
 *
 * Introduced in 5_LLAMA_transformers.ipynb (through MiniLlama's setWeights).
 */
import * as tf from '@tensorflow/tfjs';
import { kernelHeap, WasmBackendHeap } from '../wasm/heap';
import { kernelThreads, KernelThreads, runningKernelThreads } from '../wasm/threads';
import { shown } from '../../validate';

/**
 * Below this many floats (W is N × K) a threaded product saves less than the hand-off costs
 * (measured on one token: see matmul.ts), so smaller weights are neither copied nor split.
 */
export const SHARED_MIN_FLOATS = 1 << 15;

/**
 * Rows [0, workerRows) of an N-row weight are the workers' (copied); this thread keeps the last
 * ~N/threads, a multiple of 8 rows (gemmNT's blocks), read in place from the tfjs heap.
 */
export function workerRows(N: number, threads: number): number {
  return N - 8 * Math.floor(N / threads / 8);
}

interface Copy {
  rows: number;
  cols: number;
  /** Rows copied (workerRows for the pool that holds the copy). */
  copiedRows: number;
  /** SharedWeights sets holding this dataId. */
  refs: number;
  /** The pool (KernelThreads.id) whose memory holds the copy, and where; 0 when not copied. */
  poolId: number;
  ptr: number;
}

const copies = new Map<object, Copy>();

/** Frees a copy's block if the pool that holds it is still running. */
function release(copy: Copy): void {
  const pool = runningKernelThreads();
  if (copy.poolId !== 0 && pool?.id === copy.poolId) pool.free(copy.ptr);
  copy.poolId = 0;
  copy.ptr = 0;
}

/**
 * Copies `info`'s values (on the wasm heap at `heapPtr`) into `pool`'s memory unless already there;
 * returns the copy's byte offset there, or null when it does not fit (the product then runs on one thread).
 */
function place(copy: Copy, pool: KernelThreads, heap: WasmBackendHeap, heapPtr: number): number | null {
  if (copy.poolId === pool.id) return copy.ptr;
  release(copy);
  const floats = workerRows(copy.rows, pool.threads) * copy.cols;
  let ptr: number;
  try {
    ptr = pool.alloc(4 * floats);
  } catch {
    return null; // shared memory full (a model larger than ~1 GB): the single-thread path still works
  }
  pool.view(ptr, floats).set(heap.view(heapPtr, floats));
  copy.poolId = pool.id;
  copy.ptr = ptr;
  copy.copiedRows = floats / copy.cols;
  return ptr;
}

/**
 * Where `pool` finds the workers' rows of the weight `b` (a kernel input on `heap` at `heapPtr`):
 * their copy in the shared memory (made now if the pool changed since), or null when `b` is not a
 * shared weight.
 */
export function sharedWeight(b: tf.TensorInfo, pool: KernelThreads, heap: WasmBackendHeap, heapPtr: number): number | null {
  const copy = copies.get(b.dataId);
  return copy == null ? null : place(copy, pool, heap, heapPtr);
}

/** A set of weights kept in the threads' shared memory (see the file header). */
export class SharedWeights {
  private readonly tensors: tf.Tensor[];
  /** The dataId each tensor had when it was shared (a variable's changes on assign). */
  private readonly dataIds: Array<object | null>;
  private disposed = false;

  constructor(tensors: tf.Tensor[]) {
    if (!Array.isArray(tensors) || tensors.some((t) => !(t instanceof tf.Tensor))) {
      throw new TypeError(`shareWeights: tensors bir tensör dizisi olmalı (ör. modelin ağırlıkları), verilen: ${shown(tensors)}.`);
    }
    this.tensors = tensors.filter((t) => t.dtype === 'float32' && t.rank === 2 && t.size >= SHARED_MIN_FLOATS);
    this.dataIds = this.tensors.map(() => null);
    this.refresh();
  }

  /** Shares the current values of every tensor whose data changed (an assigned variable) since. */
  refresh(): void {
    if (this.disposed || this.tensors.length === 0) return;
    const pool = kernelThreads();
    const heap = pool != null ? kernelHeap() : null;
    this.tensors.forEach((t, i) => {
      const current = t.isDisposed ? null : t.dataId;
      if (current === this.dataIds[i]) return;
      this.drop(i);
      if (current == null) return;
      let copy = copies.get(current);
      if (copy == null) {
        const [rows, cols] = t.shape as [number, number];
        copy = { rows, cols, copiedRows: 0, refs: 0, poolId: 0, ptr: 0 };
        copies.set(current, copy);
      }
      copy.refs++;
      this.dataIds[i] = current;
      // Copied now, at load, when a pool runs on the wasm heap; else at the first threaded product.
      if (pool != null && heap instanceof WasmBackendHeap) place(copy, pool, heap, heap.input(t));
    });
  }

  /** Bytes of shared memory these weights hold now ((k − 1)/k of each, on k threads). */
  get bytes(): number {
    const pool = runningKernelThreads();
    let bytes = 0;
    for (const id of new Set(this.dataIds)) {
      const copy = id == null ? undefined : copies.get(id);
      if (copy != null && pool != null && copy.poolId === pool.id) bytes += 4 * copy.copiedRows * copy.cols;
    }
    return bytes;
  }

  /** Frees the copies (the tensors themselves stay). */
  dispose(): void {
    this.tensors.forEach((_, i) => this.drop(i));
    this.disposed = true;
  }

  private drop(i: number): void {
    const id = this.dataIds[i];
    if (id == null) return;
    this.dataIds[i] = null;
    const copy = copies.get(id);
    if (copy == null || --copy.refs > 0) return;
    release(copy);
    copies.delete(id);
  }
}

/**
 * Keeps a copy of `tensors` (2-D float32 weights, e.g. a model's Linear weights) in the shared
 * memory of lib/tf's threads, so that products with few rows through them (x·Wᵀ, one decoding step)
 * run on every thread. Call `refresh()` after the tensors may have been assigned, `dispose()` to free.
 * Introduced in 5_LLAMA_transformers.ipynb (MiniLlama does it in setWeights).
 */
export function shareWeights(tensors: tf.Tensor[]): SharedWeights {
  return new SharedWeights(tensors);
}
