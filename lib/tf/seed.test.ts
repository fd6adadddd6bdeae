import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from './backend';
import { fusedLstm } from './rnn/fused_layers';
import { clearSeed, getSeed, setSeed } from './seed';
import { makeRandom, permutation } from '../random';
import { trainModel } from './train';

afterEach(() => clearSeed());

test('makeRandom: same seed, same stream; different seeds differ; values in [0, 1)', () => {
  const a = makeRandom(5);
  const b = makeRandom(5);
  const c = makeRandom(6);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()));
  assert.notDeepEqual(xs.slice(0, 10), Array.from({ length: 10 }, () => c()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
});

test('setSeed seeds Math.random and permutations; clearSeed restores the native generator', () => {
  const native = Math.random;
  setSeed(42);
  assert.equal(getSeed(), 42);
  const first = [Math.random(), Math.random(), ...permutation(8)];
  setSeed(42);
  assert.deepEqual([Math.random(), Math.random(), ...permutation(8)], first);
  clearSeed();
  assert.equal(Math.random, native);
  assert.equal(getSeed(), null);
  assert.throws(() => setSeed(1.5), /setSeed\(seed\) bir tam sayı olmalı; verilen: 1\.5/);
});

/** Builds (unseeded initializers, dropout) and trains a small model; returns its batch losses. */
async function trainOnce(seed: number): Promise<number[]> {
  setSeed(seed);
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: 20, outputDim: 6, inputLength: 5 }));
  model.add(fusedLstm({ units: 8 }));
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: 20, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
  const X = tf.randomUniform([40, 5], 0, 20, 'int32');
  const y = tf.randomUniform([40], 0, 20, 'int32');
  const history = await trainModel(model, X, y, { epochs: 3, batchSize: 8 });
  tf.dispose([X, y]);
  model.dispose();
  return history.batchLosses;
}

test('training twice with the same seed gives identical losses (initializers, dropout, shuffling)', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const a = await trainOnce(7);
  const b = await trainOnce(7);
  const c = await trainOnce(8);
  assert.equal(a.length, 15);
  assert.deepEqual(b, a);
  assert.notDeepEqual(c, a);
});
