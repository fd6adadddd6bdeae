import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initTf } from './backend';
import { assertTensorsClose, testValues } from './testing';
import { fusedCausalAttention, fusedGeluTanh, fusedLayerNorm } from './transformer_ops';

/** The readable tfjs compositions the fused ops replace (lib/transformer's formulas). */
function layerNormReference(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor | null, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  const scaled = tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gamma);
  return beta == null ? scaled : tf.add(scaled, beta);
}

function geluTanhReference(x: tf.Tensor): tf.Tensor {
  const c = Math.sqrt(2 / Math.PI);
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(c, tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))));
}

/** Causal attention from qkv (B, T, 3C) in tfjs ops: split, heads, q·kᵀ/√hs + mask, softmax, ·v, merge. */
function causalAttentionReference(qkv: tf.Tensor, nh: number): [tf.Tensor, tf.Tensor] {
  const [B, T, C3] = qkv.shape;
  const hs = C3 / 3 / nh;
  const heads = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [B, T, nh, hs]), [0, 2, 1, 3]); // (B, nh, T, hs)
  const [q, k, v] = tf.split(qkv, 3, -1).map(heads);
  const future = tf.tensor2d(Array.from({ length: T * T }, (_, i) => (i % T > Math.floor(i / T) ? -1e9 : 0)), [T, T]);
  const weights = tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(hs)), future)); // (B, nh, T, T)
  const output = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [B, T, nh * hs]); // (B, T, C)
  return [output, weights];
}

for (const backend of ['wasm', 'cpu'] as const) {
  // d = 7 and 130: rows whose width is not a multiple of the SIMD width; shifted, scaled inputs.
  const cases: Array<[number[], boolean]> = [[[3, 7], true], [[2, 5, 130], true], [[4, 130], false]];
  for (const [shape, withBeta] of cases) {
    test(`fusedLayerNorm equals the tfjs composition, values and gradients: [${shape}]${withBeta ? '' : ' without β'} (${backend})`, async () => {
      await initTf({ backend, quiet: true });
      const d = shape[shape.length - 1];
      const size = shape.reduce((a, b) => a * b, 1);
      tf.tidy(() => {
        const x = tf.add(tf.mul(tf.tensor(testValues(size, 1), shape), 3), 0.5);
        const gamma = tf.tensor1d(testValues(d, 2));
        const beta = withBeta ? tf.tensor1d(testValues(d, 3)) : null;
        const w = tf.tensor(testValues(size, 4), shape); // a loss Σ w·y gives every output its own gradient
        const inputs = beta == null ? [x, gamma] : [x, gamma, beta];
        const lossOf = (f: typeof fusedLayerNorm) => (...t: tf.Tensor[]) => tf.sum(tf.mul(f(t[0], t[1], t[2] ?? null, 1e-5), w));
        assertTensorsClose(fusedLayerNorm(x, gamma, beta, 1e-5), layerNormReference(x, gamma, beta, 1e-5), 2e-6, 'y');
        const fused = tf.grads(lossOf(fusedLayerNorm))(inputs);
        const reference = tf.grads(lossOf(layerNormReference))(inputs);
        fused.forEach((g, i) => assertTensorsClose(g, reference[i], 2e-5, ['dx', 'dγ', 'dβ'][i]));
      });
    });
  }

  // 33 values, and 300 001 (split between two threads on wasm, odd count).
  for (const [rows, cols] of [[3, 11], [1, 300001]]) {
    test(`fusedGeluTanh equals 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))), values and gradients: [${rows}, ${cols}] (${backend})`, async () => {
      await initTf({ backend, quiet: true });
      tf.tidy(() => {
        const x = tf.mul(tf.tensor2d(testValues(rows * cols, 5), [rows, cols]), 8); // [-8, 8]: both tails and the middle
        assertTensorsClose(fusedGeluTanh(x), geluTanhReference(x), 2e-6, 'gelu');
        const w = tf.tensor2d(testValues(rows * cols, 6), [rows, cols]);
        assertTensorsClose(tf.grad((t: tf.Tensor) => tf.sum(tf.mul(fusedGeluTanh(t), w)))(x),
          tf.grad((t: tf.Tensor) => tf.sum(tf.mul(geluTanhReference(t), w)))(x), 2e-6, 'gelu gradient');
      });
    });
  }

  // hs = 6 and T = 7: head sizes and rows off the SIMD width; B = 13: large enough that the wasm
  // backend splits the batch between two threads (lib/tf/kernels/fork_rows.ts), with an odd split.
  for (const [B, T, nh, hs] of [[2, 7, 3, 6], [1, 16, 2, 32], [13, 64, 4, 32]]) {
    test(`fusedCausalAttention equals split + causal attention per head, values and gradients: B ${B}, T ${T}, ${nh}×${hs} (${backend})`, async () => {
      await initTf({ backend, quiet: true });
      tf.tidy(() => {
        const size = B * T * 3 * nh * hs;
        const qkv = tf.mul(tf.tensor3d(testValues(size, 7), [B, T, 3 * nh * hs]), 2);
        const reference = (x: tf.Tensor) => causalAttentionReference(x, nh)[0];
        assertTensorsClose(fusedCausalAttention(qkv, nh), reference(qkv), 2e-6, 'output');
        const w = tf.tensor(testValues(B * T * nh * hs, 8), [B, T, nh * hs]); // Σ w·output: every output gets its own gradient
        const dFused = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(fusedCausalAttention(x, nh), w)))(qkv);
        const dRef = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(reference(x), w)))(qkv);
        assertTensorsClose(dFused, dRef, 1e-5, 'dqkv');
      });
    });
  }
}
