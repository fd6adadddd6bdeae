import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../backend';
import { setFused } from '../fused';
import { testValues } from '../testing';

/** d/dz Σ w ⊙ softmax(z) on the fast path or tfjs's own gradient (setFused(false)). */
function softmaxGrad(z: tf.Tensor, w: tf.Tensor, fast: boolean): Float32Array {
  setFused(fast);
  try {
    return tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.softmax(x), w)))(z).dataSync() as Float32Array);
  } finally {
    setFused(true);
  }
}

test('Softmax gradient on the kernel equals tfjs-core\'s composition bit for bit (rows of 801 and 5, rank 3)', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  for (const shape of [[33, 801], [2, 3, 5], [1, 1]]) {
    const size = shape.reduce((a, b) => a * b, 1);
    const z = tf.tensor(testValues(size, 11).map((v) => 6 * v), shape);
    const w = tf.tensor(testValues(size, 12), shape);
    const fastRun = await tf.profile(() => softmaxGrad(z, w, true));
    const fast = fastRun.result as Float32Array;
    const readable = softmaxGrad(z, w, false);
    // The kernel ran: no Sub, tfjs's composition's last kernel, in the fast run.
    assert.ok(!fastRun.kernelNames.includes('Sub'), `kernels of the fast run: ${fastRun.kernelNames.join(', ')}`);
    assert.deepEqual(Array.from(fast), Array.from(readable), `shape [${shape}]`);
    if (size > 100) {
      // Negative control: summing t in another order (pairs) changes some bits, and the comparison sees it.
      const pairwise = tf.tidy(() => {
        const y = tf.softmax(z);
        const t = tf.mul(w, y);
        const s = tf.add(tf.sum(t.slice([0, 0], [-1, 400]), -1, true), tf.sum(t.slice([0, 400], [-1, -1]), -1, true));
        return tf.sub(t, tf.mul(s, y)).dataSync();
      });
      assert.notDeepEqual(Array.from(pairwise), Array.from(readable));
    }
    tf.dispose([z, w]);
  }
});

test('Softmax gradient off the wasm heap is tfjs\'s own (cpu backend)', async () => {
  await initTf({ backend: 'cpu', quiet: true });
  const z = tf.tensor2d([[1, 2, 3], [0, 0, 1]]);
  const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.softmax(x), tf.tensor2d([[1, 0, 0], [0, 2, 0]]))))(z);
  const y = tf.softmax(z).arraySync() as number[][];
  // d/dz_j of w·softmax(z) = y_j (w_j − Σ_k w_k y_k)
  const expect = y.map((row, r) => {
    const w = r === 0 ? [1, 0, 0] : [0, 2, 0];
    const s = row.reduce((a, v, k) => a + v * w[k], 0);
    return row.map((v, j) => v * (w[j] - s));
  });
  (g.arraySync() as number[][]).forEach((row, r) => row.forEach((v, j) => assert.ok(Math.abs(v - expect[r][j]) < 1e-6)));
  await initTf({ backend: 'wasm', quiet: true });
});
