/**
 * One differentiable op for a whole recurrent layer: the forward pass over all time steps and
 * backpropagation through time each run as a single call into the SIMD kernels
 * (lib/tf/wasm/assembly/kernels.ts), instead of ~15 tfjs ops per time step forward and ~30 back.
 *
 * The cells follow tfjs-layers 4.22 exactly (SimpleRNNCell; GRUCell with the reset gate applied
 * before the recurrent matmul; LSTMCell with gates i, f, c, o), so with the same weights the
 * results equal `tf.layers.simpleRNN / gru / lstm` up to float32 rounding.
 *
 * Two ways to run:
 * - one thread, in place on the tfjs heap (wasm backend) or on a private copy (cpu backend);
 * - k threads (lib/tf/wasm/threads.ts): batch rows are independent through the recurrence, so
 *   the main thread runs the first part of the batch and each worker another part, each forward
 *   and backward pass in one hand-off; the parts' weight gradients are then summed in order. That
 *   sum's rounding depends on the split, so weight gradients differ between thread counts by float
 *   rounding (tested within 2e-5 of tf.layers for 1-4 threads); outputs and input gradients do not.
 *
 * Introduced in 2_LSTM.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import { kernelHeap, KernelHeap } from '../wasm/heap';
import { ACTIVATION_CODES, KernelActivation, KernelExports } from '../wasm/kernel_module';
import { KernelCall, kernelThreads, KernelThreads } from '../wasm/threads';
import { assertObject, assertOneOf, assertTensor, shown } from '../../validate';

export type CellKind = 'simpleRNN' | 'gru' | 'lstm';

/** Gate blocks per cell along the last axis of the kernels: [numHiddens × GATES]. */
export const GATES: Record<CellKind, number> = { simpleRNN: 1, gru: 3, lstm: 4 };
/** State tensors per cell: h, or h and c for the LSTM. */
export const NUM_STATES: Record<CellKind, number> = { simpleRNN: 1, gru: 1, lstm: 2 };

export interface FusedRnnConfig {
  cell: CellKind;
  /** Activation of the candidate / output (tfjs `activation`). */
  activation: KernelActivation;
  /** Gate activation (tfjs `recurrentActivation`; unused by SimpleRNN). */
  recurrentActivation: KernelActivation;
  /** Return the whole output sequence [batchSize, seqLen, numHiddens] instead of the last step. */
  returnSequences: boolean;
  /** Also return the final states ([h] or [h, c]). */
  returnState: boolean;
}

export interface FusedRnnInputs {
  /** [batchSize, seqLen, inputDim] */
  x: tf.Tensor;
  /** [inputDim, GATES · numHiddens] */
  kernel: tf.Tensor;
  /** [numHiddens, GATES · numHiddens] */
  recurrentKernel: tf.Tensor;
  /** [GATES · numHiddens], or null when the layer has useBias: false */
  bias: tf.Tensor | null;
  /** [h0] or [h0, c0], each [batchSize, numHiddens]; null means zeros */
  initialState: tf.Tensor[] | null;
}

/**
 * Cumulative wall time of the fused passes (for profiles such as bench/lstm.ts). On the threaded
 * path each pass also splits into: copies between the tfjs heap and shared memory (`…CopyMs`), the
 * main thread's own part of the kernels (`…MainMs`), the wait for the workers after it (`…WaitMs`:
 * the hand-off and any imbalance between the parts; for a pass run on this thread, the other parts'
 * time) and, backward, the in-order sum of the parts' weight gradients (`backwardSumMs`). On one
 * thread the whole pass is kernel time.
 */
export interface FusedRnnStats {
  forwardCalls: number;
  forwardMs: number;
  backwardCalls: number;
  backwardMs: number;
  forwardCopyMs: number;
  forwardMainMs: number;
  forwardWaitMs: number;
  backwardCopyMs: number;
  backwardMainMs: number;
  backwardWaitMs: number;
  backwardSumMs: number;
  /** Threaded passes whose parts all ran in turn on this thread (partsOnWorkers). */
  forwardPassesOnMain: number;
  backwardPassesOnMain: number;
  /** performance.now() at the start and end of the latest backward pass (-1 before any). */
  lastBackwardSpan: [number, number];
}

const ZERO_STATS: FusedRnnStats = {
  forwardCalls: 0, forwardMs: 0, backwardCalls: 0, backwardMs: 0,
  forwardCopyMs: 0, forwardMainMs: 0, forwardWaitMs: 0, backwardCopyMs: 0, backwardMainMs: 0, backwardWaitMs: 0, backwardSumMs: 0, forwardPassesOnMain: 0, backwardPassesOnMain: 0,
  lastBackwardSpan: [-1, -1],
};
const stats: FusedRnnStats = { ...ZERO_STATS, lastBackwardSpan: [-1, -1] };

/**
 * Where the batch's parts run: 'auto' (workers when the layer is large enough, see partsOnWorkers),
 * 'workers' or 'main' (every part in turn on this thread). The parts, their memory and the order of
 * the weight-gradient sum are the same either way, so the numbers are too (fused_rnn_parts.test.ts).
 */
export type PartsOn = 'auto' | 'workers' | 'main';
let partsOn: PartsOn = 'auto';

/** For tests and benchmarks: where the batch's parts of the threaded path run (default 'auto'). */
export function setRnnPartsOn(where: PartsOn): void {
  assertOneOf(where, 'setRnnPartsOn(where)', ['auto', 'workers', 'main']);
  partsOn = where;
}

/**
 * Multiply-adds of one part's pass below which its kernel takes about as long as handing it to a
 * worker and waiting for it: then the parts run in turn on this thread (same numbers, no hand-off).
 * Forward + backward of a fused LSTM, best of 400 wall times on 2 cores (AMD EPYC Zen 3, measured at
 * load 8: no quiet machine was to be had, so the best times stand in for quiet ones): parts of
 * 0.42 M multiply-adds (4 rows × 10 steps, 32 units) gained nothing on a worker (0.40 vs 0.37 ms),
 * parts of 0.84 M did (0.37 vs 0.50 ms); the notebook-2 layer's parts (9.6 M) stay on the workers.
 */
const MIN_PART_MADDS_FOR_WORKERS = 500_000;

/** Whether the parts of this pass go to the workers (setRnnPartsOn, else the size rule above). */
function partsOnWorkers(d: Dims, bounds: number[]): boolean {
  if (partsOn !== 'auto') return partsOn === 'workers';
  const rows = Math.min(...bounds.slice(1).map((b, i) => b - bounds[i]));
  return rows * d.T * d.G * (d.E + d.H) >= MIN_PART_MADDS_FOR_WORKERS;
}

/**
 * Runs the first part (`main`) and the others (`calls`) — on the workers via pool.forkAll, or in
 * turn on this thread — adding the first part's time to `…MainMs` and the rest to `…WaitMs`.
 */
function forkTimed(pool: KernelThreads, kind: 'forward' | 'backward', calls: KernelCall[], main: () => void, onWorkers: boolean): void {
  const t0 = performance.now();
  let mainMs = 0;
  const timedMain = () => {
    const m0 = performance.now();
    main();
    mainMs = performance.now() - m0;
  };
  if (onWorkers) pool.forkAll(calls, timedMain);
  else {
    timedMain();
    for (const call of calls) run(pool.kernels, call);
  }
  const waitMs = performance.now() - t0 - mainMs;
  stats[`${kind}MainMs`] += mainMs;
  stats[`${kind}WaitMs`] += waitMs;
  stats[`${kind}PassesOnMain`] += onWorkers ? 0 : 1;
}

/** A copy of the cumulative timings of fused recurrent passes since the last reset. */
export function fusedRnnStats(reset = false): FusedRnnStats {
  if (typeof reset !== 'boolean') throw new TypeError(`fusedRnnStats(reset) true ya da false olmalı; verilen: ${shown(reset)}.`);
  const copy = { ...stats, lastBackwardSpan: [...stats.lastBackwardSpan] as [number, number] };
  if (reset) Object.assign(stats, ZERO_STATS, { lastBackwardSpan: [-1, -1] });
  return copy;
}

/** Batches at least this large are split over the pool's threads when there is a pool. */
const MIN_BATCH_FOR_THREADS = 8;
/** Layers whose workspace exceeds this stay on one thread (the shared memory is at most 1 GiB). */
const MAX_SHARED_BYTES = 256 * 1024 * 1024;

interface Dims {
  B: number;
  T: number;
  E: number;
  H: number;
  G: number;
}

/** What a pass needs besides the dimensions: the cell, activations and the output layout. */
interface Plan {
  cell: CellKind;
  act: number;
  rec: number;
  d: Dims;
  /** Output rows per batch element in the packed output: outRows, then the final states. */
  rows: number;
  outRows: number;
  seq: boolean;
  returnState: boolean;
}

/** Byte offsets of the forward's inputs and workspace (the arrays kept for backpropagation). */
interface ForwardPtrs {
  x: number;
  W: number;
  U: number;
  bias: number;
  h0: number;
  c0: number;
  Hs: number;
  Cs: number;
  ACs: number;
  RH: number;
  Z: number;
  A: number;
}

interface BackwardPtrs {
  dY: number;
  dx: number;
  dW: number;
  dU: number;
  db: number;
  dh0: number;
  dc0: number;
  scratch: number;
}

/** Float sizes of the workspace arrays, in order. */
function workspaceParts(cell: CellKind, d: Dims): Array<[keyof ForwardPtrs, number]> {
  const bth = d.B * d.T * d.H;
  const btg = d.B * d.T * d.G;
  if (cell === 'lstm') return [['Hs', bth], ['Cs', bth], ['ACs', bth], ['Z', btg], ['A', btg]];
  if (cell === 'gru') return [['Hs', bth], ['RH', bth], ['Z', btg], ['A', btg]];
  return [['Hs', bth], ['Z', bth]];
}

function workspaceFloats(cell: CellKind, d: Dims): number {
  return workspaceParts(cell, d).reduce((sum, [, n]) => sum + n, 0);
}

/**
 * The backward kernels' scratch (see their comments in wasm/assembly/kernels.ts): Wᵀ's rows padded to
 * 8 floats and Wᵀ moved to a 32-byte boundary (paddedStride, align32 there: up to 8 more floats).
 */
function backwardScratchFloats(cell: CellKind, d: Dims, batch: number): number {
  const extraRows = cell === 'simpleRNN' ? 1 : 2;
  const paddedE = Math.ceil(d.E / 8) * 8;
  return batch * d.T * d.G + extraRows * batch * d.H + d.G * d.H + 8 + d.G * paddedE + batch * d.T * d.H;
}

/** Fills the workspace pointers of `p` from a base offset. */
function placeWorkspace(p: ForwardPtrs, cell: CellKind, d: Dims, base: number): void {
  let at = base;
  for (const [name, size] of workspaceParts(cell, d)) {
    p[name] = at;
    at += 4 * size;
  }
}

/** Pointers of batch rows [b0, ...) of a pass: every per-row array advances by b0 rows. */
function forwardRows(p: ForwardPtrs, d: Dims, b0: number): ForwardPtrs {
  const { T, E, H, G } = d;
  const shift = (ptr: number, perRow: number) => (ptr === 0 ? 0 : ptr + 4 * b0 * perRow);
  return {
    x: shift(p.x, T * E), W: p.W, U: p.U, bias: p.bias, h0: shift(p.h0, H), c0: shift(p.c0, H),
    Hs: shift(p.Hs, T * H), Cs: shift(p.Cs, T * H), ACs: shift(p.ACs, T * H), RH: shift(p.RH, T * H),
    Z: shift(p.Z, T * G), A: shift(p.A, T * G),
  };
}

function forwardCall(plan: Plan, batch: number, p: ForwardPtrs): KernelCall {
  const { T, E, H } = plan.d;
  if (plan.cell === 'lstm') {
    return { name: 'lstmForward', args: [batch, T, E, H, p.x, p.W, p.U, p.bias, p.h0, p.c0, plan.act, plan.rec, p.Hs, p.Cs, p.ACs, p.Z, p.A] };
  }
  if (plan.cell === 'gru') {
    return { name: 'gruForward', args: [batch, T, E, H, p.x, p.W, p.U, p.bias, p.h0, plan.act, plan.rec, p.Hs, p.RH, p.Z, p.A] };
  }
  return { name: 'rnnForward', args: [batch, T, E, H, p.x, p.W, p.U, p.bias, p.h0, plan.act, p.Hs, p.Z] };
}

function backwardCall(plan: Plan, batch: number, p: ForwardPtrs, g: BackwardPtrs): KernelCall {
  const { T, E, H } = plan.d;
  const dYStride = plan.rows * H;
  const seq = plan.seq ? 1 : 0;
  const dhT = plan.returnState ? g.dY + 4 * plan.outRows * H : 0;
  const dcT = plan.returnState && plan.cell === 'lstm' ? g.dY + 4 * (plan.outRows + 1) * H : 0;
  if (plan.cell === 'lstm') {
    return {
      name: 'lstmBackward',
      args: [batch, T, E, H, p.x, p.W, p.U, p.h0, p.c0, plan.act, plan.rec, p.Hs, p.Cs, p.ACs, p.Z, p.A,
        g.dY, dYStride, seq, dhT, dYStride, dcT, dYStride, g.dx, g.dW, g.dU, g.db, g.dh0, g.dc0, g.scratch],
    };
  }
  if (plan.cell === 'gru') {
    return {
      name: 'gruBackward',
      args: [batch, T, E, H, p.x, p.W, p.U, p.h0, plan.act, plan.rec, p.Hs, p.RH, p.Z, p.A,
        g.dY, dYStride, seq, dhT, dYStride, g.dx, g.dW, g.dU, g.db, g.dh0, g.scratch],
    };
  }
  return {
    name: 'rnnBackward',
    args: [batch, T, E, H, p.x, p.W, p.U, p.h0, plan.act, p.Hs, p.Z,
      g.dY, dYStride, seq, dhT, dYStride, g.dx, g.dW, g.dU, g.db, g.dh0, g.scratch],
  };
}

/** Rows [b0, ...) of the backward outputs; weight gradients stay whole (each thread has its own). */
function backwardRows(g: BackwardPtrs, plan: Plan, b0: number, own: { dW: number; dU: number; db: number; scratch: number }): BackwardPtrs {
  const { T, E, H } = plan.d;
  const shift = (ptr: number, perRow: number) => (ptr === 0 ? 0 : ptr + 4 * b0 * perRow);
  return {
    dY: shift(g.dY, plan.rows * H), dx: shift(g.dx, T * E), dh0: shift(g.dh0, H), dc0: shift(g.dc0, H),
    dW: own.dW, dU: own.dU, db: own.db, scratch: own.scratch,
  };
}

function run(kernels: KernelExports, call: KernelCall): void {
  (kernels[call.name] as (...args: number[]) => void)(...call.args);
}

function checkShapes(cell: CellKind, inputs: FusedRnnInputs): Dims {
  const { x, kernel, recurrentKernel, bias, initialState } = inputs;
  assertTensor(x, `fusedRnn (${cell}): x`);
  assertTensor(kernel, `fusedRnn (${cell}): kernel`);
  assertTensor(recurrentKernel, `fusedRnn (${cell}): recurrentKernel`);
  if (bias != null) assertTensor(bias, `fusedRnn (${cell}): bias`);
  if (x.rank !== 3) throw new RangeError(`Fused ${cell}: girdi [batchSize, seqLen, inputDim] şeklinde (3 boyutlu) olmalı; verilen: [${x.shape}]. Tek bir dizi için tf.expandDims(x, 0) kullanın.`);
  const [B, T, E] = x.shape;
  const H = recurrentKernel.shape[0];
  const G = GATES[cell] * H;
  if (B < 1 || T < 1 || E < 1) throw new RangeError(`Fused ${cell}: girdi boş, şekli [${x.shape}]; her boyut en az 1 olmalı.`);
  if (kernel.rank !== 2 || kernel.shape[0] !== E || kernel.shape[1] !== G) {
    throw new RangeError(`Fused ${cell}: kernel [${E}, ${G}] şeklinde olmalı; verilen: [${kernel.shape}]. Girdinin son boyutu (${E}) katmanın beklediğiyle uyuşmalı.`);
  }
  if (recurrentKernel.rank !== 2 || recurrentKernel.shape[1] !== G) {
    throw new RangeError(`Fused ${cell}: recurrentKernel [${H}, ${G}] şeklinde olmalı; verilen: [${recurrentKernel.shape}].`);
  }
  if (bias != null && (bias.rank !== 1 || bias.shape[0] !== G)) {
    throw new RangeError(`Fused ${cell}: bias [${G}] şeklinde olmalı; verilen: [${bias.shape}].`);
  }
  if (initialState != null) {
    if (initialState.length !== NUM_STATES[cell]) {
      throw new RangeError(`Fused ${cell}: ${NUM_STATES[cell]} başlangıç durumu tensörü bekleniyordu; verilen: ${initialState.length}.`);
    }
    for (const s of initialState) {
      if (s.rank !== 2 || s.shape[0] !== B || s.shape[1] !== H) {
        throw new RangeError(`Fused ${cell}: başlangıç durumları [${B}, ${H}] şeklinde olmalı; verilen: [${s.shape}].`);
      }
    }
  }
  return { B, T, E, H, G };
}

/** Copies h (all steps or the last one) and, with returnState, h_T and c_T into the output rows. */
function packOutputs(plan: Plan, hs: Float32Array, cs: Float32Array | null, dst: Float32Array): void {
  const { B, T, H } = plan.d;
  const { rows, outRows } = plan;
  for (let b = 0; b < B; b++) {
    const src = b * T * H;
    const base = b * rows * H;
    const last = hs.subarray(src + (T - 1) * H, src + T * H);
    dst.set(plan.seq ? hs.subarray(src, src + T * H) : last, base);
    if (plan.returnState) {
      dst.set(last, base + outRows * H);
      if (cs != null) dst.set(cs.subarray(src + (T - 1) * H, src + T * H), base + (outRows + 1) * H);
    }
  }
}

/** Which inputs the op received, by position. */
interface InputIndex {
  bias: number; // -1 when absent
  h0: number;
  c0: number;
}

/** Single-thread path: kernels on the backend heap (in place on wasm). */
function forwardOnHeap(plan: Plan, ins: tf.Tensor[], idx: InputIndex): { value: tf.Tensor; ws: tf.Tensor } {
  const heap = kernelHeap();
  heap.begin();
  const p = inputPointers(heap, ins, idx);
  const ws = heap.output([workspaceFloats(plan.cell, plan.d)]);
  placeWorkspace(p, plan.cell, plan.d, ws.ptr);
  run(heap.kernels, forwardCall(plan, plan.d.B, p));
  const packed = heap.output(packedShape(plan));
  const { B, T, H } = plan.d;
  packOutputs(plan, heap.view(p.Hs, B * T * H), plan.cell === 'lstm' ? heap.view(p.Cs, B * T * H) : null,
    heap.view(packed.ptr, B * plan.rows * H));
  return { value: packed.toTensor(), ws: ws.toTensor() };
}

function inputPointers(heap: KernelHeap, ins: tf.Tensor[], idx: InputIndex): ForwardPtrs {
  return {
    x: heap.input(ins[0]), W: heap.input(ins[1]), U: heap.input(ins[2]),
    bias: idx.bias >= 0 ? heap.input(ins[idx.bias]) : 0,
    h0: idx.h0 >= 0 ? heap.input(ins[idx.h0]) : 0,
    c0: idx.c0 >= 0 ? heap.input(ins[idx.c0]) : 0,
    Hs: 0, Cs: 0, ACs: 0, RH: 0, Z: 0, A: 0,
  };
}

function backwardOnHeap(plan: Plan, saved: tf.Tensor[], idx: InputIndex, dy: tf.Tensor): tf.Tensor[] {
  const heap = kernelHeap();
  heap.begin();
  const { B, T, E, H, G } = plan.d;
  const p = inputPointers(heap, saved, idx);
  placeWorkspace(p, plan.cell, plan.d, heap.input(saved[saved.length - 1]));
  const dY = heap.input(dy);
  const dx = heap.output([B, T, E]);
  const dW = heap.output([E, G]);
  const dU = heap.output([H, G]);
  const db = idx.bias >= 0 ? heap.output([G]) : null;
  const dh0 = idx.h0 >= 0 ? heap.output([B, H]) : null;
  const dc0 = idx.c0 >= 0 ? heap.output([B, H]) : null;
  const scratch = heap.scratch(backwardScratchFloats(plan.cell, plan.d, B));
  run(heap.kernels, backwardCall(plan, B, p, {
    dY, dx: dx.ptr, dW: dW.ptr, dU: dU.ptr, db: db?.ptr ?? 0, dh0: dh0?.ptr ?? 0, dc0: dc0?.ptr ?? 0, scratch,
  }));
  return [dx, dW, dU, db, dh0, dc0].filter((o) => o != null).map((o) => o!.toTensor());
}

/** The two-thread path keeps its inputs and workspace in shared memory until backpropagation. */
interface SharedForward {
  block: number;
  p: ForwardPtrs;
  freed: boolean;
}

const releaseBlocks = new FinalizationRegistry<{ pool: KernelThreads; forward: SharedForward }>(({ pool, forward }) => {
  if (!forward.freed) {
    forward.freed = true;
    pool.free(forward.block);
  }
});

/** Float32 values of a tensor: a view of the wasm heap (no copy) or the tensor's data. */
function valuesOf(heap: KernelHeap, t: tf.Tensor): Float32Array {
  if (heap.inPlace) return heap.view(heap.input(t), t.size);
  return t.dataSync() as Float32Array;
}

/**
 * The batch's parts for `threads` threads: boundaries 0 = b[0] < … < b[n] = B, each a multiple of 4
 * rows (the GEMM block height), the first part at least 4 rows.
 */
function splitBatch(B: number, threads: number): number[] {
  const bounds = [0];
  for (let t = 1; t < threads; t++) {
    const b = Math.max(4 * t, Math.floor((B * t) / (4 * threads)) * 4);
    if (b > bounds[bounds.length - 1] && b < B) bounds.push(b);
  }
  bounds.push(B);
  return bounds;
}

function forwardThreaded(pool: KernelThreads, plan: Plan, ins: tf.Tensor[], idx: InputIndex): { value: tf.Tensor; forward: SharedForward } {
  const t0 = performance.now();
  const heap = kernelHeap();
  heap.begin();
  const { B, T, H } = plan.d;
  const sizes = ins.map((t) => t.size);
  const bytes = 4 * (sizes.reduce((a, b) => a + b, 0) + workspaceFloats(plan.cell, plan.d));
  const block = pool.alloc(bytes);
  const ptrs: number[] = [];
  let at = block;
  for (let i = 0; i < ins.length; i++) {
    ptrs.push(at);
    pool.view(at, sizes[i]).set(valuesOf(heap, ins[i]));
    at += 4 * sizes[i];
  }
  const p: ForwardPtrs = {
    x: ptrs[0], W: ptrs[1], U: ptrs[2], bias: idx.bias >= 0 ? ptrs[idx.bias] : 0,
    h0: idx.h0 >= 0 ? ptrs[idx.h0] : 0, c0: idx.c0 >= 0 ? ptrs[idx.c0] : 0,
    Hs: 0, Cs: 0, ACs: 0, RH: 0, Z: 0, A: 0,
  };
  placeWorkspace(p, plan.cell, plan.d, at);
  const bounds = splitBatch(B, pool.threads);
  const calls = bounds.slice(1, -1).map((b0, w) => forwardCall(plan, bounds[w + 2] - b0, forwardRows(p, plan.d, b0)));
  const t1 = performance.now();
  forkTimed(pool, 'forward', calls, () => run(pool.kernels, forwardCall(plan, bounds[1], p)), partsOnWorkers(plan.d, bounds));
  const t2 = performance.now();
  const packed = heap.output(packedShape(plan));
  packOutputs(plan, pool.view(p.Hs, B * T * H), plan.cell === 'lstm' ? pool.view(p.Cs, B * T * H) : null,
    heap.view(packed.ptr, B * plan.rows * H));
  stats.forwardCopyMs += t1 - t0 + performance.now() - t2;
  return { value: packed.toTensor(), forward: { block, p, freed: false } };
}

/** Scratch of every part, and the weight gradients of every part but the first (it writes the sum). */
function backwardPartsFloats(cell: CellKind, d: Dims, bounds: number[]): number {
  const { E, H, G } = d;
  let floats = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    floats += backwardScratchFloats(cell, d, bounds[i + 1] - bounds[i]) + (i > 0 ? E * G + H * G + G : 0);
  }
  return floats;
}

function backwardThreaded(pool: KernelThreads, plan: Plan, forward: SharedForward, idx: InputIndex, dy: tf.Tensor): tf.Tensor[] {
  const t0 = performance.now();
  const heap = kernelHeap();
  heap.begin();
  const { B, T, E, H, G } = plan.d;
  const bounds = splitBatch(B, pool.threads);
  const sizes = { dY: dy.size, dx: B * T * E, dW: E * G, dU: H * G, db: G, dh0: B * H, dc0: B * H };
  const block = pool.alloc(4 * (Object.values(sizes).reduce((a, b) => a + b, 0) + backwardPartsFloats(plan.cell, plan.d, bounds)));
  try {
    let at = block;
    const take = (floats: number) => {
      const ptr = at;
      at += 4 * floats;
      return ptr;
    };
    const g: BackwardPtrs = {
      dY: take(sizes.dY), dx: take(sizes.dx), dW: take(sizes.dW), dU: take(sizes.dU), db: take(sizes.db),
      dh0: idx.h0 >= 0 ? take(sizes.dh0) : 0, dc0: idx.c0 >= 0 ? take(sizes.dc0) : 0,
      scratch: take(backwardScratchFloats(plan.cell, plan.d, bounds[1])),
    };
    const others = bounds.slice(1, -1).map((b0, w) => ({
      b0, rows: bounds[w + 2] - b0,
      own: { dW: take(E * G), dU: take(H * G), db: take(G), scratch: take(backwardScratchFloats(plan.cell, plan.d, bounds[w + 2] - b0)) },
    }));
    pool.view(g.dY, dy.size).set(valuesOf(heap, dy));
    const p = forward.p;
    const bias = idx.bias >= 0;
    const t1 = performance.now();
    forkTimed(pool, 'backward',
      others.map((o) => backwardCall(plan, o.rows, forwardRows(p, plan.d, o.b0), backwardRows(g, plan, o.b0, { ...o.own, db: bias ? o.own.db : 0 }))),
      () => run(pool.kernels, backwardCall(plan, bounds[1], p, { ...g, db: bias ? g.db : 0 })),
      partsOnWorkers(plan.d, bounds),
    );
    const t2 = performance.now();
    // Summed in part order, whichever thread finished first.
    for (const o of others) {
      pool.kernels.accumulate(E * G, g.dW, o.own.dW);
      pool.kernels.accumulate(H * G, g.dU, o.own.dU);
      if (bias) pool.kernels.accumulate(G, g.db, o.own.db);
    }
    const t3 = performance.now();
    stats.backwardSumMs += t3 - t2;
    const out = (ptr: number, shape: number[]) => {
      const o = heap.output(shape);
      const size = shape.reduce((a, b) => a * b, 1);
      heap.view(o.ptr, size).set(pool.view(ptr, size));
      return o.toTensor();
    };
    const grads = [out(g.dx, [B, T, E]), out(g.dW, [E, G]), out(g.dU, [H, G])];
    if (bias) grads.push(out(g.db, [G]));
    if (idx.h0 >= 0) grads.push(out(g.dh0, [B, H]));
    if (idx.c0 >= 0) grads.push(out(g.dc0, [B, H]));
    stats.backwardCopyMs += t1 - t0 + performance.now() - t3;
    return grads;
  } finally {
    pool.free(block);
  }
}

function packedShape(plan: Plan): number[] {
  const { B, T, H } = plan.d;
  return plan.returnState ? [B, plan.rows, H] : plan.seq ? [B, T, H] : [B, H];
}

/**
 * Runs a whole recurrent layer as one op. Returns `[output]`, or `[output, ...finalStates]` when
 * `returnState` is set; output is [batchSize, seqLen, numHiddens] with `returnSequences`, else
 * [batchSize, numHiddens]. Differentiable with respect to every input tensor.
 */
export function fusedRnn(inputs: FusedRnnInputs, config: FusedRnnConfig): tf.Tensor[] {
  assertObject(inputs, 'fusedRnn(inputs)');
  assertObject(config, 'fusedRnn(config)');
  assertOneOf(config.cell, 'fusedRnn: config.cell', Object.keys(GATES) as CellKind[]);
  const { cell } = config;
  const d = checkShapes(cell, inputs);
  const { B, H } = d;
  const numStates = NUM_STATES[cell];
  const outRows = config.returnSequences ? d.T : 1;
  const plan: Plan = {
    cell, d, outRows, seq: config.returnSequences, returnState: config.returnState,
    // One tensor carries the output and, with returnState, the final states as extra rows:
    // customGrad ops have a single output.
    rows: outRows + (config.returnState ? numStates : 0),
    act: ACTIVATION_CODES[config.activation],
    rec: ACTIVATION_CODES[config.recurrentActivation],
  };
  const tensors: tf.Tensor[] = [inputs.x, inputs.kernel, inputs.recurrentKernel];
  const idx: InputIndex = { bias: -1, h0: -1, c0: -1 };
  if (inputs.bias != null) idx.bias = tensors.push(inputs.bias) - 1;
  if (inputs.initialState != null) {
    idx.h0 = tensors.push(inputs.initialState[0]) - 1;
    if (numStates === 2) idx.c0 = tensors.push(inputs.initialState[1]) - 1;
  }
  const numInputs = tensors.length;
  // The shared memory a forward and backward pass hold at once: inputs, workspace, gradients, parts.
  const sharedBytes = (threads: number) => 4 * (tensors.reduce((sum, t) => sum + t.size, 0) + workspaceFloats(cell, d) +
    d.B * d.T * d.E + d.G * (d.E + d.H + 1) + 2 * d.B * d.H + backwardPartsFloats(cell, d, splitBatch(B, threads)));
  const threads = B >= MIN_BATCH_FOR_THREADS ? kernelThreads() : null;
  const pool = threads != null && sharedBytes(threads.threads) <= MAX_SHARED_BYTES ? threads : null;
  // Whether tfjs records this op for backpropagation (then the workspace must outlive the call).
  const taping = tf.engine().isTapeOn();

  const timed = <T>(kind: 'forward' | 'backward', f: () => T): T => {
    const t0 = performance.now();
    try {
      return f();
    } finally {
      const t1 = performance.now();
      stats[`${kind}Calls`]++;
      stats[`${kind}Ms`] += t1 - t0;
      if (kind === 'backward') stats.lastBackwardSpan = [t0, t1];
    }
  };
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[numInputs] as tf.GradSaveFunc;
    const ins = args.slice(0, numInputs) as tf.Tensor[];
    if (pool != null) {
      const { value, forward } = timed('forward', () => forwardThreaded(pool, plan, ins, idx));
      const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
        try {
          return timed('backward', () => backwardThreaded(pool, plan, forward, idx, dy));
        } finally {
          forward.freed = true;
          pool.free(forward.block);
          releaseBlocks.unregister(forward);
        }
      };
      if (taping) releaseBlocks.register(gradFunc, { pool, forward }, forward);
      else {
        forward.freed = true;
        pool.free(forward.block);
      }
      return { value, gradFunc };
    }
    const { value, ws } = timed('forward', () => forwardOnHeap(plan, ins, idx));
    save([...ins, ws]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => timed('backward', () => backwardOnHeap(plan, saved, idx, dy)),
    };
  });
  const packed = op(...tensors);
  if (!config.returnState) return [packed];
  const output = tf.slice(packed, [0, 0, 0], [B, outRows, H]);
  const states: tf.Tensor[] = [];
  for (let s = 0; s < numStates; s++) states.push(tf.reshape(tf.slice(packed, [0, outRows + s, 0], [B, 1, H]), [B, H]));
  return [config.returnSequences ? output : tf.reshape(output, [B, H]), ...states];
}
