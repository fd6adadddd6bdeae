import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from './backend';
import { fusedAdam } from './optimizers/fused_adam';
import { fusedLstm } from './rnn/fused_layers';
import { clearSeed, setSeed } from './seed';
import { testValues } from './testing';
import { clipByGlobalNorm, trainModel } from './train';

const V = 30;
const T = 6;

/** Next-token data with structure to learn: each row counts up modulo V from a random start. */
function data(n: number): { X: tf.Tensor; y: tf.Tensor } {
  const starts = testValues(n, 9).map((v) => Math.floor((v + 1) * V / 2));
  const X = tf.tensor2d(Array.from(starts, (s) => Array.from({ length: T }, (_, t) => (s + t) % V)), [n, T], 'int32');
  const y = tf.tensor1d(Array.from(starts, (s) => (s + T) % V), 'int32');
  return { X, y };
}

function model(fused: boolean): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.embedding({ inputDim: V, outputDim: 8, inputLength: T }));
  m.add(fused ? fusedLstm({ units: 16, recurrentActivation: 'sigmoid' }) : tf.layers.lstm({ units: 16, recurrentActivation: 'sigmoid' }));
  m.add(tf.layers.dense({ units: V, activation: 'softmax' }));
  m.compile({ optimizer: fused ? fusedAdam(0.02) : tf.train.adam(0.02), loss: 'sparseCategoricalCrossentropy' });
  return m;
}

/** Trains with a fixed seed on a backend; returns the batch losses. */
async function losses(backend: 'wasm' | 'cpu', fused: boolean, epochs: number): Promise<number[]> {
  await initTf({ backend, quiet: true });
  setSeed(3);
  const m = model(fused);
  const { X, y } = data(64);
  const h = await trainModel(m, X, y, { epochs, batchSize: 16 });
  tf.dispose([X, y]);
  m.dispose();
  clearSeed();
  return h.batchLosses;
}

test('the same model trains to matching losses on wasm and cpu, fused and plain tf.layers', async () => {
  const wasmFused = await losses('wasm', true, 6);
  const cpuFused = await losses('cpu', true, 6);
  const cpuPlain = await losses('cpu', false, 6);
  assert.equal(wasmFused.length, 24);
  for (const [name, other] of [['cpu fused', cpuFused], ['cpu plain tfjs', cpuPlain]] as const) {
    const diff = Math.max(...wasmFused.map((l, i) => Math.abs(l - other[i])));
    assert.ok(diff < 2e-3, `${name}: loss curves differ by ${diff}`);
  }
  assert.ok(wasmFused[23] < 0.7 * wasmFused[0], `the loss falls: ${wasmFused[0]} → ${wasmFused[23]}`);
});

test('trainModel: flat memory, progress, validation metrics, stop flag', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  setSeed(4);
  const m = model(true);
  const { X, y } = data(48);
  const counts: number[] = [];
  const progress: Array<[number, string]> = [];
  let finished = '';
  const h = await trainModel(m, X, y, {
    epochs: 3, batchSize: 16, validationData: [X, y], progressEveryMs: 0,
    onEpochEnd: () => { counts.push(tf.memory().numTensors); },
    progress: { update: (done, info) => progress.push([done, info ?? '']), finish: (info) => { finished = info ?? ''; } },
  });
  assert.equal(h.epochs.length, 3);
  assert.equal(new Set(counts).size, 1, `numTensors per epoch: ${counts}`);
  assert.ok(h.epochs.every((e) => e.valLoss !== undefined && e.valAccuracy !== undefined && e.valAccuracy >= 0 && e.valAccuracy <= 1));
  assert.ok(progress.some(([done]) => done === 3) && /^epok 3 · kayıp/.test(finished), finished);

  const stop = { stop: false };
  let batches = 0;
  const stopped = await trainModel(m, X, y, {
    epochs: 5, batchSize: 4, stop, progressEveryMs: 0,
    onProgress: () => { batches++; if (batches === 3) stop.stop = true; },
  });
  assert.equal(stopped.stopped, true);
  assert.equal(stopped.batchLosses.length, 3, 'stops between batches right after the flag is set');
  tf.dispose([X, y]);
  m.dispose();
  clearSeed();
});

test('clipByGlobalNorm scales all gradients together down to maxNorm and leaves small ones alone', () => {
  const grads = { a: tf.tensor1d([3]), b: tf.tensor1d([0, 4]) };   // global norm 5
  const clipped = clipByGlobalNorm(grads, 1);
  assert.equal(clipped.norm, 5);
  assert.deepEqual(Array.from(clipped.grads.a.dataSync()).map((v) => +v.toFixed(6)), [0.6]);
  assert.deepEqual(Array.from(clipped.grads.b.dataSync()).map((v) => +v.toFixed(6)), [0, 0.8]);
  assert.equal(clipByGlobalNorm(grads, 10).grads, grads, 'under the limit: unchanged');
  assert.equal(clipByGlobalNorm(grads, Infinity).grads, grads, 'Infinity: no clipping (1_RNN compares runs this way)');
  assert.throws(() => clipByGlobalNorm(grads, 0), /clipNorm sonlu bir sayı \(> 0\) olmalı; verilen: 0/);
  tf.dispose([grads.a, grads.b, clipped.grads.a, clipped.grads.b]);
});

test('trainModel with clipNorm: no SGD step moves the weights further than lr · clipNorm', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  setSeed(5);
  const m = model(true);
  m.compile({ optimizer: tf.train.sgd(1), loss: 'sparseCategoricalCrossentropy' });
  const { X, y } = data(16);
  const flat = () => m.trainableWeights.flatMap((w) => Array.from(w.read().dataSync()));
  const before = flat();
  const h = await trainModel(m, X, y, { epochs: 1, batchSize: 16, clipNorm: 0.01 });   // one step
  const moved = Math.hypot(...flat().map((v, i) => v - before[i]));
  assert.ok(moved > 0.009 && moved <= 0.01 * 1.001, `the step moved the weights by ${moved}`);
  assert.ok(Number.isFinite(h.epochs[0].loss));
  await assert.rejects(trainModel(m, X, y, { epochs: 1, clipNorm: -1 }), /clipNorm sonlu bir sayı \(> 0\) olmalı; verilen: -1/);
  tf.dispose([X, y]);
  m.dispose();
  clearSeed();
});

test('trainModel rejects bad input clearly', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const m = model(true);
  const { X, y } = data(8);
  await assert.rejects(trainModel(m, X, tf.zeros([7]), { epochs: 1 }), /X'te 8 örnek var ama y'de 7/);
  await assert.rejects(trainModel(m, tf.fill(X.shape, NaN), y, { epochs: 1 }), /X NaN ya da sonsuz/);
  await assert.rejects(trainModel(m, X, y, undefined as never), /options en az epochs içeren bir nesne olmalı/);
  await assert.rejects(trainModel(m, X, y, { epochs: 1, batchSize: 0 }), /batchSize/);
  await assert.rejects(trainModel(m, X, y, { epochs: 1, loss: 'hinge' }), /kayıp "hinge" desteklenmiyor/);
  tf.dispose([X, y]);
});
