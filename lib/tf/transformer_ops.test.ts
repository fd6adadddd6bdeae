import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initTf } from './backend';
import { assertTensorsClose, testValues } from './testing';
import { fusedGeluTanh, fusedLayerNorm } from './transformer_ops';

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

  test(`fusedGeluTanh equals 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))), values and gradients (${backend})`, async () => {
    await initTf({ backend, quiet: true });
    tf.tidy(() => {
      const x = tf.mul(tf.tensor2d(testValues(3 * 11, 5), [3, 11]), 8); // [-8, 8]: both tails and the middle
      assertTensorsClose(fusedGeluTanh(x), geluTanhReference(x), 2e-6, 'gelu');
      const w = tf.tensor2d(testValues(3 * 11, 6), [3, 11]);
      assertTensorsClose(tf.grad((t: tf.Tensor) => tf.sum(tf.mul(fusedGeluTanh(t), w)))(x),
        tf.grad((t: tf.Tensor) => tf.sum(tf.mul(geluTanhReference(t), w)))(x), 2e-6, 'gelu gradient');
    });
  });
}
