/**
 * BatchMatMul and _FusedMatMul for the `wasm` backend on the SIMD GEMM of lib/tf/wasm, reading and
 * writing tensors in place on the backend heap.
 *
 * Why: tfjs-backend-wasm 4.22 sends only non-transposed products to XNNPACK, and re-creates (and
 * re-packs) an XNNPACK operator whenever the weight tensor changes — every training step. With
 * `transposeA` or `transposeB`, which every matmul gradient uses (dW = xᵀ·dy, dx = dy·Wᵀ), it runs a
 * scalar loop at ~1 GFLOP/s. The GEMM here reads Aᵀ through strides and packs B (or Bᵀ, as stored)
 * into cache-sized panels; it runs at 45-54 GFLOP/s on one core, and large products use every thread of
 * lib/tf's pool (../wasm/threads.ts).
 * A·Bᵀ with few rows (decoding one token through a Linear's [out, in] weight) skips the packing:
 * each output is a dot product of two rows. Cases it does not cover (non-float32, general batch
 * broadcasting, empty tensors, unusual bias shapes or activations) go to the original kernel.
 *
 * Introduced in 2_LSTM.ipynb (every Dense layer's forward and backward pass).
 */
import * as tf from '@tensorflow/tfjs';
import { kernelHeap, WasmBackendHeap } from '../wasm/heap';
import { FUSED_MATMUL_ACTIVATIONS } from '../wasm/kernel_module';
import type { KernelExports } from '../wasm/kernel_module';
import { kernelThreads, KernelThreads } from '../wasm/threads';
import { requireInput } from './backend_io';
import { SHARED_MIN_FLOATS, sharedWeight, workerRows } from './shared_weights';

type KernelFunc = tf.KernelConfig['kernelFunc'];

// Below this many rows of A, A·Bᵀ runs as row-by-row dot products (gemmNT) rather than on the packed
// GEMM, whose packing of B only pays off over many rows: measured on one core, (M, 1536)·(1536, 576)ᵀ
// gemmNT / packed 17.7 / 2.5 GFLOP/s at M = 1, 49.5 / 16.4 at M = 8, 49.8 / 47.4 at M = 255,
// 45.8 / 50.4 at M = 512; on (M, 512)·(512, 128)ᵀ the two meet near M = 128.
const GEMM_NT_MAX_ROWS = 256;

// gemmPacked's blocks of B: 192 rows × 384 columns (288 KB, within L2). Measured on six training-step
// shapes, (128…3000) × (128…3000) × (128…3000): 45-54 GFLOP/s on one core against 26-52 for the
// unpacked GEMM; the block size mattered little between 128×256 and 512×256.
const PACK_KC = 192;
const PACK_NC = 384;
const PACK_FLOATS = PACK_KC * PACK_NC + 4 * PACK_KC; // B's panels, then a strip of Aᵀ

// From this many FLOPs a 2-D product is split over the pool's threads: below it the copies and the
// hand-off cost more than two threads save.
const THREADED_MIN_FLOPS = 8e6;

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
  const batchA = tf.util.sizeFromShape(batchDimsA);
  const batchB = tf.util.sizeFromShape(batchDimsB);
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
  const batch = tf.util.sizeFromShape(outBatchDims);
  const out = heap.outputInfo([...outBatchDims, M, N]);
  const aPtr = heap.inputInfo(a);
  const bPtr = heap.inputInfo(b);
  const k = heap.kernels;
  const sAm = transposeA ? 1 : K;
  const sAk = transposeA ? M : 1;
  if (transposeB && !transposeA && M < GEMM_NT_MAX_ROWS) {
    // Few rows (a decoding step): dot products against B's rows in place; transposing B would
    // cost more than the product itself (a 49152×576 LM head: 227 ms to transpose, 11 ms to use).
    // A weight shared with the threads (shared_weights.ts) is split among them by rows.
    const pool = batch === 1 ? kernelThreads() : null;
    const part = pool != null ? sharedPart(pool, heap, b, bPtr, out.ptr) : null;
    if (pool != null && part != null) {
      threadedGemmNT(pool, heap, M, K, aPtr, [part]);
      return { info: out.info, ptr: out.ptr, rows: M, N };
    }
    for (let i = 0; i < batch; i++) {
      const pa = aPtr + 4 * (batchA === 1 ? 0 : i) * M * K;
      const pb = bPtr + 4 * (batchB === 1 ? 0 : i) * N * K;
      k.gemmNT(M, N, K, pa, K, pb, K, out.ptr + 4 * i * M * N, N, 0);
    }
    return { info: out.info, ptr: out.ptr, rows: batch * M, N };
  }
  const work = heap.scratch(PACK_FLOATS); // gemmPacked's packing buffer
  const transB = transposeB ? 1 : 0; // B stored [N, K]: packed from that layout, never transposed whole
  const ldb = transposeB ? K : N;
  const pool = batch === 1 && 2 * M * N * K >= THREADED_MIN_FLOPS && M >= 2 ? kernelThreads() : null;
  if (pool != null) {
    threadedGemm(pool, heap, M, N, K, aPtr, sAm, sAk, bPtr, ldb, transB, out.ptr, work);
    return { info: out.info, ptr: out.ptr, rows: M, N };
  }
  for (let i = 0; i < batch; i++) {
    const pa = aPtr + 4 * (batchA === 1 ? 0 : i) * M * K;
    const pb = bPtr + 4 * (batchB === 1 ? 0 : i) * K * N;
    k.gemmPacked(M, N, K, pa, sAm, sAk, pb, ldb, transB, out.ptr + 4 * i * M * N, N, 0, work, PACK_KC, PACK_NC);
  }
  return { info: out.info, ptr: out.ptr, rows: batch * M, N };
}

/** Where the threaded GEMM's wall time goes (see threadedGemmStats). */
export interface ThreadedGemmStats {
  products: number;
  /** Copying the operands every task reads into the shared memory, on this thread before its own tasks. */
  copyInMs: number;
  /** Copying each task's own operands (rows of A, or columns of B) in, while the workers already compute. */
  copyTasksMs: number;
  /** From the hand-off until every thread is done (this thread's own tasks: mainDoneMs of it). */
  parallelMs: number;
  mainDoneMs: number;
  /** Copying the workers' parts of C back as each task is done, this thread's tasks done (overlaps the workers). */
  copyBackMs: number;
  /** Waiting for a worker's task after this thread's last one. */
  waitMs: number;
  chunks: number;
  /** Tasks this thread claimed (the rest ran on the workers). */
  mainChunks: number;
}

const emptyGemmStats = (): ThreadedGemmStats =>
  ({ products: 0, copyInMs: 0, copyTasksMs: 0, parallelMs: 0, mainDoneMs: 0, copyBackMs: 0, waitMs: 0, chunks: 0, mainChunks: 0 });
let gemmStats = emptyGemmStats();

/** The threaded GEMM's time split since the last reset (bench/gemm.ts: where two threads lose). */
export function threadedGemmStats(reset = false): ThreadedGemmStats {
  const stats = gemmStats;
  if (reset) gemmStats = emptyGemmStats();
  return stats;
}

/** One threaded product's timeline (ms since the epoch, every thread's clock: see threadedGemmTimeline). */
export interface GemmTimeline {
  M: number; N: number; K: number; byColumns: boolean;
  /** Task bounds (rows or columns). */
  bounds: number[];
  /** The hand-off (the workers' calls posted). */
  handOffAt: number;
  /** The operand every task reads copied in. */
  copyInAt: number;
  /** Task t's own operand copied in (the `ready` count raised past t). */
  readyAt: number[];
  /** This thread's tasks: [task, start, end]. */
  mine: Array<[number, number, number]>;
  /** A worker's task seen done by this thread (after its own last one), and its part of C copied back. */
  seenDoneAt: Array<[number, number, number]>;
  endAt: number;
  /** Per worker: its job claimed and done (workers' own clock), asleep (Atomics.wait) when the job came. */
  workers: Array<{ claimedAt: number; doneAt: number; slept: boolean }>;
}

let timeline: GemmTimeline[] | null = null;

/**
 * Starts (true) or stops (false) recording each threaded product's timeline; returns what was
 * recorded since the last call (bench/gemm_timeline.ts).
 */
export function threadedGemmTimeline(record: boolean): GemmTimeline[] {
  const recorded = timeline ?? [];
  timeline = record ? [] : null;
  return recorded;
}

const epochMs = (): number => performance.timeOrigin + performance.now();

/**
 * Task bounds over `total` rows (or columns) for `threads` threads, guided: each task a share of
 * what is left (1/(2·threads)), never below a floor, all whole multiples of 8 but the last — large
 * tasks first (each repacks its part of B), small ones at the end so that the threads finish together.
 */
export function gemmTaskBounds(total: number, threads: number): number[] {
  const floor = Math.max(32, 8 * Math.ceil(total / (64 * threads)));
  const bounds = [0];
  for (let i0 = 0; i0 < total;) {
    const size = Math.max(floor, 8 * Math.ceil((total - i0) / (16 * threads)));
    i0 = Math.min(total, i0 + size);
    bounds.push(i0);
  }
  return bounds;
}

/**
 * C[M,N] = A·B on every thread of the pool. All threads claim tasks — rows of C, or columns when C
 * has few rows (gemmTaskBounds) — from a shared counter; this thread computes its tasks in place on
 * the tfjs heap, the workers theirs in the threads' shared memory (the tfjs heap cannot be shared).
 * So that the workers wait as little as possible for these copies: the hand-off comes first; this
 * thread then copies the operand every task reads, then each task's own rows of A (or columns of B)
 * in task order, raising a `ready` count the workers wait on, then claims tasks itself, and after
 * its last one copies each worker's
 * part of C back as its done flag rises, while the workers finish. Claiming rather than splitting
 * evenly keeps every core busy when a worker starts late or the OS slows one of them. Every element
 * of C is computed by one gemmPacked call over the same K blocks whoever claims it, so C is
 * bit-identical for any thread count. The copies move M·K + K·N + (the workers' share of) M·N floats
 * against 2·M·N·K FLOPs, which is why only large products come here (a training step's Linear
 * layers and LM head).
 */
function threadedGemm(pool: KernelThreads, heap: WasmBackendHeap, M: number, N: number, K: number, aPtr: number,
                       sAm: number, sAk: number, bPtr: number, ldb: number, transB: number, cPtr: number, work: number): void {
  // Rows, unless C has few (a weight gradient like (128, 2048)·(2048, 512)): row tasks would then
  // be thin and each would repack all of B.
  const byColumns = M < 512 && N > M;
  const total = byColumns ? N : M;
  const bounds = gemmTaskBounds(total, pool.threads);
  const count = bounds.length - 1;
  const workers = pool.threads - 1;
  // Shared: A, B, C, then [counter, ready] on their own cache lines and the table (bounds, done flags).
  const blocks = [4 * M * K, 4 * K * N, 4 * M * N, 128 + 4 * (2 * count + 1)].map((bytes) => pool.alloc(bytes));
  const [a, b, c, control] = blocks;
  const counter = control;
  const ready = control + 64;
  const table = control + 128;
  try {
    const ints = pool.int32View(table, 2 * count + 1);
    ints.set(bounds);
    ints.fill(0, count + 1);
    pool.storeInt(counter, 0);
    pool.storeInt(ready, 0);
    // Each task's own operand — A's rows, or B's columns — is one block when stored along the task
    // dimension (A [M, K], Bᵀ [N, K]): copied task by task, so that the workers start on the first
    // while this thread copies the next. Stored across it (Aᵀ [K, M], B [K, N]: every weight
    // gradient dyᵀ·x), a task's part is a segment of each of K rows, and copying it task by task
    // cost one typed-array call per segment: 1.8 ms for (2048, 512) against 0.17 ms in one block
    // (bench/gemm_timeline.ts) — so it is copied whole, before the first task is ready.
    const [ownPtr, ownShared] = byColumns ? [bPtr, b] : [aPtr, a];
    const contiguous = byColumns ? transB === 1 : sAk === 1;
    const ownFrom = heap.view(ownPtr, total * K);
    const ownTo = pool.view(ownShared, total * K);
    const copyOwn = (i0: number, i1: number) => {
      if (contiguous) ownTo.set(ownFrom.subarray(i0 * K, i1 * K), i0 * K);
      else if (i0 === 0) ownTo.set(ownFrom); // the whole operand, with the first task
    };
    const mine = new Set<number>();
    const calls = Array.from({ length: workers }, () => {
      const workerWork = pool.alloc(4 * PACK_FLOATS); // each worker packs B into its own buffer
      blocks.push(workerWork);
      return {
        name: 'gemmPackedTasks' as const,
        args: [counter, ready, table, count, byColumns ? 1 : 0, M, N, K, a, sAm, sAk, b, ldb, transB, c, N, workerWork, PACK_KC, PACK_NC],
      };
    });
    const trace: GemmTimeline | null = timeline == null ? null : {
      M, N, K, byColumns, bounds, handOffAt: epochMs(), copyInAt: 0, readyAt: [], mine: [], seenDoneAt: [], endAt: 0, workers: [],
    };
    const t0 = performance.now();
    let t1 = t0;
    let t2 = t0;
    let t3 = t0;
    pool.forkAll(calls, () => {
      if (byColumns) pool.view(a, M * K).set(heap.view(aPtr, M * K)); // the operand every task reads
      else pool.view(b, K * N).set(heap.view(bPtr, K * N));
      t1 = performance.now();
      if (trace != null) trace.copyInAt = epochMs();
      const readyInts = pool.int32View(ready, 1);
      for (let t = 0; t < count; t++) {
        copyOwn(bounds[t], bounds[t + 1]);
        Atomics.store(readyInts, 0, t + 1);
        Atomics.notify(readyInts, 0); // a worker asleep waiting for it
        trace?.readyAt.push(epochMs());
      }
      t2 = performance.now();
      for (let t = pool.fetchAdd(counter, 1); t < count; t = pool.fetchAdd(counter, 1)) {
        const taskStart = trace != null ? epochMs() : 0;
        const i0 = bounds[t];
        const size = bounds[t + 1] - i0;
        if (byColumns) {
          const columns = bPtr + 4 * (transB ? i0 * ldb : i0); // B's columns i0…: rows of a transposed B
          heap.kernels.gemmPacked(M, size, K, aPtr, sAm, sAk, columns, ldb, transB, cPtr + 4 * i0, N, 0, work, PACK_KC, PACK_NC);
        } else {
          heap.kernels.gemmPacked(size, N, K, aPtr + 4 * i0 * sAm, sAm, sAk, bPtr, ldb, transB, cPtr + 4 * i0 * N, N, 0, work, PACK_KC, PACK_NC);
        }
        mine.add(t);
        trace?.mine.push([t, taskStart, epochMs()]);
      }
      t3 = performance.now();
      // The workers' parts of C, each as soon as it is done: whole rows, or a column block of every row.
      for (let t = 0; t < count; t++) {
        if (mine.has(t)) continue;
        const w0 = performance.now();
        // Poll briefly, then sleep until the worker's notify: a worker that lost its core to other
        // work gets this one back.
        pool.waitWhile(ints, count + 1 + t, (done) => done === 0, 'gemmPackedTasks', 0.02);
        const w1 = performance.now();
        const seenAt = trace != null ? epochMs() : 0;
        gemmStats.waitMs += w1 - w0;
        const i0 = bounds[t];
        const size = bounds[t + 1] - i0;
        if (!byColumns) heap.view(cPtr + 4 * i0 * N, size * N).set(pool.view(c + 4 * i0 * N, size * N));
        else for (let m = 0; m < M; m++) heap.view(cPtr + 4 * (m * N + i0), size).set(pool.view(c + 4 * (m * N + i0), size));
        gemmStats.copyBackMs += performance.now() - w1;
        trace?.seenDoneAt.push([t, seenAt, epochMs()]);
      }
    });
    if (trace != null) {
      trace.endAt = epochMs();
      for (let w = 0; w < workers; w++) trace.workers.push(pool.lastJobTimes(w));
      timeline?.push(trace);
    }
    gemmStats.products++;
    gemmStats.copyInMs += t1 - t0;
    gemmStats.copyTasksMs += t2 - t1;
    gemmStats.mainDoneMs += t3 - t0;
    gemmStats.parallelMs += performance.now() - t0;
    gemmStats.chunks += count;
    gemmStats.mainChunks += mine.size;
  } finally {
    blocks.forEach((block) => pool.free(block));
  }
}

/** One weight of a threaded A·Bᵀ: B [N, K] on the tfjs heap at bPtr, its workers' rows at bShared, C at cPtr (M × N). */
interface SharedPart {
  N: number;
  bPtr: number;
  bShared: number;
  cPtr: number;
}

/**
 * The part for weight `b` when its product goes to the pool: a shared weight (shared_weights.ts)
 * large enough that splitting it saves more than the hand-off costs; else null (one thread).
 */
function sharedPart(pool: KernelThreads, heap: WasmBackendHeap, b: tf.TensorInfo, bPtr: number, cPtr: number): SharedPart | null {
  const [N, K] = b.shape.slice(-2);
  if (N * K < SHARED_MIN_FLOATS || N < 16) return null;
  const bShared = sharedWeight(b, pool, heap, bPtr);
  return bShared == null ? null : { N, bPtr, bShared, cPtr };
}

/**
 * C_p = A·B_pᵀ for a few rows of A (M × K) and one or more weights B_p [N_p, K] on every thread of
 * the pool, in one hand-off (a decoding step's q, k, v, or gate and up, read the same x). The first
 * `workerRows` rows of each B_p (the workers' share, shared_weights.ts) are copied in the threads'
 * shared memory. This thread computes each C_p's last columns in place on the tfjs heap, reading B_p
 * there; the workers claim tasks — chunks of whole 16-row blocks of the workers' rows of one B_p,
 * writing into a shared C (64-byte aligned, so no two threads write one cache line) — from a shared
 * counter (kernel gemmNTTasks), with one copy of A; this thread then claims what is left (a worker
 * that started late does less) and copies the workers' columns back. Every element of C is the same
 * dot product (gemmNT) whoever computes it, so C is bit-identical for any thread count and grouping.
 */
function threadedGemmNT(pool: KernelThreads, heap: WasmBackendHeap, M: number, K: number, aPtr: number, parts: SharedPart[]): void {
  const workers = pool.threads - 1;
  const splits = parts.map((p) => workerRows(p.N, pool.threads));
  let totalSplit = 0;
  for (const split of splits) totalSplit += split;
  // ~4 tasks per worker over all parts, whole 16-row blocks (16 floats of C: one cache line per row of A).
  const chunk = Math.max(16, 16 * Math.ceil(totalSplit / (64 * workers)));
  let count = 0;
  for (const split of splits) count += Math.ceil(split / chunk);
  // One block of shared memory for the hand-off (one alloc and one free: a decoding step makes 121):
  // the counter, A, the task table, then each part's C, every piece on a 64-byte boundary.
  const at64 = (bytes: number) => Math.ceil(bytes / 64) * 64;
  const cBytes = splits.map((split) => at64(4 * M * split));
  const block = pool.alloc(64 + at64(4 * M * K) + at64(16 * count) + cBytes.reduce((sum, b) => sum + b, 0));
  try {
    const counter = block;
    const a = block + 64;
    const table = a + at64(4 * M * K);
    const cs: number[] = [];
    let c = table + at64(16 * count);
    for (const bytes of cBytes) {
      cs.push(c);
      c += bytes;
    }
    const ints = pool.int32View(table, 4 * count);
    let t = 0;
    parts.forEach((part, p) => {
      for (let n0 = 0; n0 < splits[p]; n0 += chunk, t += 4) {
        // [rows, B's rows, C's columns, ldc]
        ints[t] = Math.min(chunk, splits[p] - n0);
        ints[t + 1] = part.bShared + 4 * n0 * K;
        ints[t + 2] = cs[p] + 4 * n0;
        ints[t + 3] = splits[p];
      }
    });
    pool.view(a, M * K).set(heap.view(aPtr, M * K));
    pool.storeInt(counter, 0);
    const claim: Parameters<KernelExports['gemmNTTasks']> = [counter, table, count, M, K, a, K];
    pool.forkAll(Array.from({ length: workers }, () => ({ name: 'gemmNTTasks' as const, args: claim })), () => {
      parts.forEach((part, p) => {
        const split = splits[p];
        if (split < part.N) heap.kernels.gemmNT(M, part.N - split, K, aPtr, K, part.bPtr + 4 * split * K, K, part.cPtr + 4 * split, part.N, 0);
      });
      pool.kernels.gemmNTTasks(...claim); // the workers' tasks still unclaimed
    });
    parts.forEach((part, p) => {
      for (let m = 0; m < M; m++) heap.view(part.cPtr + 4 * m * part.N, splits[p]).set(pool.view(cs[p] + 4 * m * splits[p], splits[p]));
    });
    threadedProducts += parts.length;
    threadedHandOffs++;
  } finally {
    pool.free(block);
  }
}

let threadedProducts = 0;
let threadedHandOffs = 0;

/** Products A·Bᵀ that ran on the pool through a shared weight so far (tests check the path was taken). */
export function sharedWeightProducts(): number {
  return threadedProducts;
}

/** Hand-offs to the pool those products took (several products of one LinearProducts call share one). */
export function sharedWeightHandOffs(): number {
  return threadedHandOffs;
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
    const biasSize = bias != null ? tf.util.sizeFromShape(bias.shape) : 0;
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

/** The kernel name of `makeLinearProducts` (lib/tf's own: tfjs has no kernel computing several products at once). */
export const LINEAR_PRODUCTS = 'LibTfLinearProducts';

/** Rows of x up to which LibTfLinearProducts computes what _FusedMatMul would (both use gemmNT below it). */
export const LINEAR_PRODUCTS_MAX_ROWS = GEMM_NT_MAX_ROWS - 1;

/**
 * LibTfLinearProducts (wasm): x (M, K) · W_iᵀ for weights W_0…W_{n−1} (N_i, K), inputs `x`, `w0`…,
 * attribute `count`; outputs (M, N_i). The same dot products (gemmNT) as n _FusedMatMul calls
 * without bias, bit for bit, but the shared weights among them go to the pool in one hand-off:
 * a decoding step's q, k, v (or gate and up) read the same x. Only for M ≤ LINEAR_PRODUCTS_MAX_ROWS
 * (where _FusedMatMul also runs gemmNT): linear_product.ts checks that before calling it.
 */
export function makeLinearProducts(): KernelFunc {
  return (args) => {
    const heap = wasmHeapOf(args.backend);
    const x = requireInput(args.inputs, 'x', LINEAR_PRODUCTS);
    const count = Number(args.attrs?.count);
    const ws = Array.from({ length: count }, (_, i) => requireInput(args.inputs, `w${i}`, LINEAR_PRODUCTS));
    const [M, K] = x.shape;
    const bad = heap == null || x.shape.length !== 2 || x.dtype !== 'float32' || M > LINEAR_PRODUCTS_MAX_ROWS || count < 1 ||
      ws.some((w) => w.shape.length !== 2 || w.shape[1] !== K || w.dtype !== 'float32' || w.shape[0] === 0) || M === 0 || K === 0;
    if (bad || heap == null) {
      throw new Error(`${LINEAR_PRODUCTS}: x (M ≤ ${LINEAR_PRODUCTS_MAX_ROWS}, K) ve W_i (N_i, K) float32 olmalı, verilen: x [${x.shape}] ` +
        `${x.dtype}, W [${ws.map((w) => `[${w.shape}] ${w.dtype}`).join(', ')}] (lib/tf'te bir hata; lütfen bildirin).`);
    }
    const outs = ws.map((w) => heap.outputInfo([M, w.shape[0]]));
    const aPtr = heap.inputInfo(x);
    const pool = kernelThreads();
    const parts: SharedPart[] = [];
    ws.forEach((w, i) => {
      const N = w.shape[0];
      const bPtr = heap.inputInfo(w);
      const part = pool != null ? sharedPart(pool, heap, w, bPtr, outs[i].ptr) : null;
      if (part != null) parts.push(part);
      else heap.kernels.gemmNT(M, N, K, aPtr, K, bPtr, K, outs[i].ptr, N, 0);
    });
    if (pool != null && parts.length > 0) threadedGemmNT(pool, heap, M, K, aPtr, parts);
    return outs.map((o) => o.info);
  };
}

function transposedCols(b: tf.TensorInfo, transposeB: boolean): number {
  return transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
}
