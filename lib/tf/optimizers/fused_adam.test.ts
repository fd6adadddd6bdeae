import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../backend';
import { maxAbsDiff, testValues } from '../testing';
import { fusedAdam } from './fused_adam';

/** Runs 6 Adam steps with fixed gradients on fresh variables; returns parameters and moments. */
async function run(makeOptimizer: () => tf.Optimizer, tag: string): Promise<number[][]> {
  const shapes = [[7], [3, 5], [1], [16, 9]];
  const vars = shapes.map((s, i) => tf.variable(tf.tensor(testValues(s.reduce((a, b) => a * b, 1), i + 1), s), true, `${tag}_${i}`));
  const opt = makeOptimizer();
  for (let step = 0; step < 6; step++) {
    const grads: tf.NamedTensorMap = {};
    vars.forEach((v, i) => {
      // Mixed magnitudes, including exact zeros and values far below epsilon.
      grads[v.name] = tf.tidy(() => tf.mul(tf.tensor(testValues(v.size, 50 + 7 * step + i), v.shape), i === 2 ? 1e-9 : 10 ** (step % 3 - 2)));
    });
    if (step === 3) grads[vars[0].name] = tf.zerosLike(vars[0]);
    opt.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  const state = await opt.getWeights();
  const out = [...vars.map((v) => Array.from(v.dataSync())), ...state.map((s) => Array.from(s.tensor.dataSync()))];
  opt.dispose();
  tf.dispose(vars);
  return out;
}

for (const backend of ['wasm', 'cpu'] as const) {
  test(`fusedAdam equals tf.train.adam bit for bit (${backend})`, async () => {
    await initTf({ backend, quiet: true });
    const ours = await run(() => fusedAdam(0.01), `f_${backend}`);
    const ref = await run(() => tf.train.adam(0.01), `r_${backend}`);
    assert.equal(ours.length, ref.length);
    ours.forEach((values, i) => assert.equal(maxAbsDiff(values, ref[i]), 0, `array ${i}`));
  });
}

test('fusedAdam keeps tf.memory().numTensors flat', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const v = tf.variable(tf.ones([10]));
  const opt = fusedAdam(0.1);
  const step = () => tf.tidy(() => {
    opt.minimize(() => tf.sum(tf.square(v)) as tf.Scalar);
  });
  step();
  const before = tf.memory().numTensors;
  for (let i = 0; i < 5; i++) step();
  assert.equal(tf.memory().numTensors, before);
  assert.ok(v.dataSync()[0] < 1, 'the loss went down');
});
