/** Positions, norms and feed-forward blocks: their defining properties (PyTorch agreement: fixtures.test.ts). */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../tf/backend';
import { setSeed } from '../tf/seed';
import { assertTensorsClose, testValues } from '../tf/testing';
import { gelu, SwiGlu } from './mlp';
import { LayerNorm, RMSNorm } from './norms';
import { applyRotary, rotaryTables, sinusoidalPositionalEncoding } from './positions';

before(async () => {
  await initTf({ backend: 'wasm', quiet: true });
});

test('sinusoidal encoding: sin on even features, cos on odd, wavelengths growing with the feature', () => {
  const pe = sinusoidalPositionalEncoding(50, 8);
  const a = pe.arraySync();
  assert.deepEqual(pe.shape, [50, 8]);
  assert.ok(Math.abs(a[1][0] - Math.sin(1)) < 1e-7 && Math.abs(a[1][1] - Math.cos(1)) < 1e-7);
  assert.ok(Math.abs(a[7][2] - Math.sin(7 / 10)) < 1e-6 && Math.abs(a[7][7] - Math.cos(7 / 1000)) < 1e-6);
  assert.deepEqual(a[0], [0, 1, 0, 1, 0, 1, 0, 1]);
  pe.dispose();
  assert.throws(() => sinusoidalPositionalEncoding(4, 7), /dModel 2 ya da daha büyük çift bir tam sayı olmalı/);
});

test('RoPE keeps lengths and makes q·k depend on the offset between positions only', () => {
  const hs = 8;
  tf.tidy(() => {
    const q = tf.tensor4d(testValues(hs, 1), [1, 1, 1, hs]);
    const k = tf.tensor4d(testValues(hs, 2), [1, 1, 1, hs]);
    const at = (x: tf.Tensor, pos: number): tf.Tensor => applyRotary(x, rotaryTables(hs, pos, 1, 100));
    const dot = (m: number, n: number): number => tf.sum(tf.mul(at(q, m), at(k, n))).dataSync()[0];
    assert.ok(Math.abs(dot(5, 2) - dot(13, 10)) < 1e-5, 'offset 3');
    assert.ok(Math.abs(dot(5, 2) - dot(2, 5)) > 1e-3, 'order matters');
    assertTensorsClose(tf.norm(at(q, 7)), tf.norm(q), 1e-6, 'rotation keeps the norm');
    // Position 0 is the identity; the first pair rotates by exactly pos radians (θ⁰ = 1).
    assertTensorsClose(at(q, 0), q, 0, 'position 0');
    const { cos, sin } = rotaryTables(hs, 3, 2, 100);
    assert.ok(Math.abs(cos.arraySync()[0][0] - Math.cos(3)) < 1e-7 && Math.abs(sin.arraySync()[1][4] - Math.sin(4)) < 1e-7);
  });
});

test('LayerNorm gives zero mean and unit variance; RMSNorm unit root-mean-square', () => {
  const ln = new LayerNorm(6);
  const rms = new RMSNorm(6, 1e-6);
  tf.tidy(() => {
    const x = tf.add(tf.mul(tf.tensor3d(testValues(2 * 3 * 6, 3), [2, 3, 6]), 5), 2);
    const y = ln.forward(x);
    const { mean, variance } = tf.moments(y, -1);
    assertTensorsClose(mean, tf.zeros([2, 3]), 1e-5, 'mean');
    assertTensorsClose(variance, tf.ones([2, 3]), 1e-3, 'variance');
    const r = rms.forward(x);
    assertTensorsClose(tf.sqrt(tf.mean(tf.square(r), -1)), tf.ones([2, 3]), 1e-5, 'rms');
    // RMSNorm does not centre: the sign pattern of x is kept.
    assert.deepEqual(Array.from(tf.sign(r).dataSync()), Array.from(tf.sign(x).dataSync()));
  });
  for (const v of [...ln.namedParameters().values(), ...rms.namedParameters().values()]) v.dispose();
});

test('GELU: exact and tanh forms at known points', () => {
  tf.tidy(() => {
    const x = tf.tensor1d([-2, -1, 0, 1, 3]);
    // x·Φ(x): Φ(1) = 0.8413447461, Φ(-2) = 0.0227501319, Φ(3) = 0.9986501020.
    assertTensorsClose(gelu(x, 'gelu'), tf.tensor1d([-0.0455002638, -0.1586552539, 0, 0.8413447461, 2.995950306]), 2e-6, 'gelu');
    assertTensorsClose(gelu(x, 'gelu_tanh'), tf.tensor1d([-0.0454022884, -0.1588080094, 0, 0.8411919906, 2.9963627]), 2e-6, 'gelu_tanh');
  });
});

test('tanh GELU as x·σ(2u): value and gradient equal the tanh formula', () => {
  tf.tidy(() => {
    const x = tf.mul(tf.tensor1d(testValues(1000, 5)), 6);
    const composed = (t: tf.Tensor): tf.Tensor =>
      tf.mul(tf.mul(t, 0.5), tf.add(1, tf.tanh(tf.mul(tf.add(t, tf.mul(tf.pow(t, 3), 0.044715)), Math.sqrt(2 / Math.PI)))));
    const w = tf.tensor1d(testValues(1000, 6));
    assertTensorsClose(gelu(x, 'gelu_tanh'), composed(x), 1e-6, 'value');
    assertTensorsClose(tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gelu(t, 'gelu_tanh'), w)))(x),
      tf.grad((t: tf.Tensor) => tf.sum(tf.mul(composed(t), w)))(x), 1e-5, 'gradient');
  });
});

test('SwiGLU = down(silu(gate x) ⊙ up x), no biases', () => {
  setSeed(2);
  const mlp = new SwiGlu(4, 6);
  assert.deepEqual([...mlp.namedParameters().keys()], ['gate_proj.weight', 'up_proj.weight', 'down_proj.weight']);
  tf.tidy(() => {
    const x = tf.tensor3d(testValues(2 * 4, 4), [1, 2, 4]);
    const g = tf.matMul(tf.reshape(x, [2, 4]), mlp.gate.weight, false, true);
    const u = tf.matMul(tf.reshape(x, [2, 4]), mlp.up.weight, false, true);
    const h = tf.mul(tf.div(g, tf.add(1, tf.exp(tf.neg(g)))), u);
    assertTensorsClose(mlp.forward(x), tf.reshape(tf.matMul(h, mlp.down.weight, false, true), [1, 2, 4]), 1e-6, 'SwiGLU');
  });
  for (const v of mlp.namedParameters().values()) v.dispose();
});
