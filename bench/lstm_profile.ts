/**
 * The per-part profile of bench/lstm.ts: where one training step of the notebook-2 model goes on
 * lib/tf, measured the same way as on PyTorch (bench/lstm_pytorch.py's `profile` command), so the
 * two can be compared part by part.
 *
 * Parts (wall time, each step alone): embedding forward; LSTM forward; Dense + loss forward;
 * Dense + loss backward (from the end of the forward pass until the LSTM's gradient starts, i.e.
 * the loss, softmax and Dense gradients with their autograd bookkeeping); LSTM backward; embedding
 * backward (the rest of the backward pass: the scatter-add and the gradient bookkeeping after it);
 * Adam; the rest of the step (making the batch, reading the loss, disposal).
 *
 * The step here is optimizer.computeGradients + applyGradients, which is what optimizer.minimize
 * (makeTrainStep) runs, with timestamps between the layers. It also counts, per step, the tfjs
 * kernel calls by name (each timed), reads from the backend (dataSync) and tensors made.
 */
import type * as tfType from '@tensorflow/tfjs';
import { median } from './results';

export const PARTS = ['embedding forward', 'LSTM forward', 'Dense + loss forward', 'Dense + loss backward', 'LSTM backward',
  'embedding backward', 'Adam', 'rest of the step'] as const;
export type Part = typeof PARTS[number];

export interface KernelUse {
  name: string;
  callsPerStep: number;
  msPerStep: number;
}

export interface OurProfile {
  steps: number;
  /** Mean ms per step of each part. */
  parts: Record<Part, number>;
  stepMs: number;
  kernels: KernelUse[];
  readsPerStep: number;
  tensorsPerStep: number;
  /** Mean ms per step of the fused LSTM passes' pieces (fusedRnnStats). */
  lstm: Record<string, number>;
  /** Passes of the fused LSTM whose parts ran in turn on the main thread. */
  lstmPassesOnMain: { forward: number; backward: number };
}

type Lib = typeof import('../lib/tf');

export function profileOurStep(lib: Lib, model: tfType.LayersModel, batch: (b: number) => [tfType.Tensor, tfType.Tensor],
                               firstBatch: number, steps: number): OurProfile {
  const { tf } = lib;
  const { fusedRnnStats } = require('../lib/tf/rnn/fused_rnn_op') as typeof import('../lib/tf/rnn/fused_rnn_op');
  const optimizer = model.optimizer;
  const lossFn = lib.resolveLoss('sparseCategoricalCrossentropy');
  const variables = model.trainableWeights.map((w) => w.read() as tfType.Variable);
  const [embedding, lstm, dense] = model.layers;
  const marks: Record<string, number> = {};
  const restore: Array<() => void> = [];
  // Timestamps around each layer's call.
  for (const [layer, name] of [[embedding, 'emb'], [lstm, 'lstm'], [dense, 'dense']] as const) {
    const original = layer.call.bind(layer);
    layer.call = (inputs, kwargs) => {
      marks[`${name}0`] = performance.now();
      const out = original(inputs, kwargs);
      marks[`${name}1`] = performance.now();
      return out;
    };
    restore.push(() => {
      layer.call = original;
    });
  }
  // Every wasm kernel counted and timed by name; backend reads counted.
  const kernelUse = new Map<string, { calls: number; ms: number }>();
  for (const k of tf.getKernelsForBackend(tf.getBackend())) {
    const original = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, k.backendName);
    tf.registerKernel({
      ...k,
      kernelFunc: (args) => {
        const t0 = performance.now();
        try {
          return original(args);
        } finally {
          const u = kernelUse.get(k.kernelName) ?? { calls: 0, ms: 0 };
          u.calls++;
          u.ms += performance.now() - t0;
          kernelUse.set(k.kernelName, u);
        }
      },
    });
    restore.push(() => {
      tf.unregisterKernel(k.kernelName, k.backendName);
      tf.registerKernel(k);
    });
  }
  const backend = tf.backend() as unknown as { readSync(id: object): unknown };
  const readSync = backend.readSync;
  let reads = 0;
  backend.readSync = function (this: unknown, id: object) {
    reads++;
    return readSync.call(this, id);
  };
  restore.push(() => {
    backend.readSync = readSync;
  });

  const sums = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
  let stepTotal = 0;
  const id0 = tf.scalar(0);
  const firstId = id0.id;
  id0.dispose();
  fusedRnnStats(true);
  try {
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      tf.tidy(() => {
        const [X, y] = batch(firstBatch + i);
        const { value, grads } = optimizer.computeGradients(() => {
          const yPred = model.apply(X, { training: true }) as tfType.Tensor;
          const loss = tf.mean(lossFn(y, yPred)) as tfType.Scalar;
          marks.fwd1 = performance.now();
          return loss;
        }, variables);
        const t2 = performance.now();
        optimizer.applyGradients(grads);
        const t3 = performance.now();
        value.dataSync();
        const [lb0, lb1] = fusedRnnStats().lastBackwardSpan;
        sums['embedding forward'] += marks.emb1 - marks.emb0;
        sums['LSTM forward'] += marks.lstm1 - marks.lstm0;
        sums['Dense + loss forward'] += marks.fwd1 - marks.dense0;
        sums['Dense + loss backward'] += lb0 - marks.fwd1;
        sums['LSTM backward'] += lb1 - lb0;
        sums['embedding backward'] += t2 - lb1;
        sums.Adam += t3 - t2;
      });
      const t4 = performance.now();
      stepTotal += t4 - t0;
    }
  } finally {
    for (const r of restore.reverse()) r();
  }
  const lastId = tf.scalar(0);
  const tensors = lastId.id - firstId - 1;
  lastId.dispose();
  const spent = fusedRnnStats(true);
  const parts = Object.fromEntries(PARTS.map((p) => [p, sums[p] / steps])) as Record<Part, number>;
  const stepMs = stepTotal / steps;
  // The rest is what the named parts do not cover (so the parts add up to the step).
  parts['rest of the step'] = stepMs - PARTS.filter((p) => p !== 'rest of the step').reduce((s, p) => s + parts[p], 0);
  const lstmPieces: Record<string, number> = {};
  for (const [k, v] of Object.entries(spent)) if (typeof v === 'number' && k.endsWith('Ms')) lstmPieces[k] = v / steps;
  return {
    steps, parts, stepMs,
    kernels: [...kernelUse].map(([name, u]) => ({ name, callsPerStep: u.calls / steps, msPerStep: u.ms / steps }))
      .sort((a, b) => b.msPerStep - a.msPerStep),
    readsPerStep: reads / steps,
    tensorsPerStep: tensors / steps,
    lstm: lstmPieces,
    lstmPassesOnMain: { forward: spent.forwardPassesOnMain, backward: spent.backwardPassesOnMain },
  };
}

/**
 * The output layer's loss part alone, on its own kernels and on the readable path, alternating in one
 * run: softmax, the sparse cross-entropy and their gradients on (batch, vocabulary) logits — the part
 * that lib/tf's probRowSums / probCrossEntropyGrad / softmaxGradRows replace (JavaScript loops and
 * tfjs-core's four-kernel Softmax gradient on the readable path). Median ms per call of each.
 */
export function lossPartSideBySide(lib: Lib, batch: number, vocab: number, rounds = 9, calls = 200): { fastMs: number; readableMs: number } {
  const { tf } = lib;
  const logits = tf.randomNormal([batch, vocab], 0, 1, 'float32', 1);
  const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => (i * 97) % vocab), 'float32');
  const loss = lib.resolveLoss('sparseCategoricalCrossentropy');
  const valueAndGrad = tf.valueAndGrad((z: tfType.Tensor) => tf.mean(loss(labels, tf.softmax(z))) as tfType.Scalar);
  const time = (fast: boolean): number => {
    lib.setFused(fast);
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      tf.tidy(() => {
        const { value, grad } = valueAndGrad(logits);
        value.dataSync();
        grad.dataSync();
      });
    }
    return (performance.now() - t0) / calls;
  };
  const fast: number[] = [];
  const readable: number[] = [];
  try {
    time(true);
    time(false);
    for (let r = 0; r < rounds; r++) {
      fast.push(time(true));
      readable.push(time(false));
    }
  } finally {
    lib.setFused(true);
    tf.dispose([logits, labels]);
  }
  return { fastMs: median(fast), readableMs: median(readable) };
}

/**
 * The fused LSTM's backward kernel on one thread's part of the notebook-2 batch (`rows` rows ×
 * `T` steps, input `E`, `H` units), this build against the build of commit 8ce6b44 kept as a test
 * fixture (lib/tf/wasm/fixtures: before the recurrent GEMM summed its last columns four rows at a
 * time and padded Wᵀ's rows), both on one private memory from the same forward pass, alternating in
 * one run; median ms per call of each. Their outputs are the same bits (lib/tf/wasm/kernels_identity.test.ts).
 */
export function lstmBackwardSideBySide(rows: number, T: number, E: number, H: number, rounds = 15, calls = 50): { nowMs: number; beforeMs: number } {
  const fs = require('fs') as typeof import('fs');
  const path = require('path') as typeof import('path');
  const { WebAssemblyApi, kernelModule } = require('../lib/tf/wasm/kernel_module') as typeof import('../lib/tf/wasm/kernel_module');
  const flavour = kernelModule().fma ? 'kernels-fma' : 'kernels';
  const dir = path.join(__dirname, '..', 'lib', 'tf', 'wasm');
  const G = 4 * H;
  const sizes = [rows * T * E, E * G, H * G, G, rows * H, rows * T * H, rows * T * H, rows * T * H, rows * T * G, rows * T * G,
    rows * T * E, E * G, H * G, G, rows * T * G + 2 * rows * H + G * H + 8 + G * Math.ceil(E / 8) * 8 + rows * T * H];
  const offsets: number[] = [];
  let at = 64;
  for (const n of sizes) {
    offsets.push(at);
    at += 4 * Math.ceil(n / 16) * 16;
  }
  const memory = new WebAssemblyApi.Memory({ initial: Math.ceil(at / 65536) + 1 });
  const load = (file: string) =>
    new WebAssemblyApi.Instance(new WebAssemblyApi.Module(fs.readFileSync(file)), { env: { memory } }).exports as unknown as import('../lib/tf/wasm/kernel_module').KernelExports;
  const now = load(path.join(dir, `${flavour}.wasm`));
  const before = load(path.join(dir, 'fixtures', `${flavour}.8ce6b44.wasm`));
  const [x, W, U, bias, dY, Hs, Cs, ACs, Z, A, dx, dW, dU, db, scratch] = offsets;
  const values = new Float32Array(memory.buffer, x, (Hs - x) / 4);
  for (let i = 0; i < values.length; i++) values[i] = 0.1 * Math.sin(i);
  now.lstmForward(rows, T, E, H, x, W, U, bias, 0, 0, 1, 2, Hs, Cs, ACs, Z, A); // tanh, sigmoid gates
  const time = (k: typeof now): number => {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      k.lstmBackward(rows, T, E, H, x, W, U, 0, 0, 1, 2, Hs, Cs, ACs, Z, A, dY, H, 0, 0, 0, 0, 0, dx, dW, dU, db, 0, 0, scratch);
    }
    return (performance.now() - t0) / calls;
  };
  time(now);
  time(before);
  const nowMs: number[] = [];
  const beforeMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    nowMs.push(time(now));
    beforeMs.push(time(before));
  }
  return { nowMs: median(nowMs), beforeMs: median(beforeMs) };
}
