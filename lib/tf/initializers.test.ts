import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initTf, tf } from '../tf';
import { Orthogonal } from './initializers';

test("'orthogonal' resolves to lib/tf's initializer: tfjs's weights to float32 rounding, no slowness warning", async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const warnings: unknown[] = [];
  const warn = console.warn;
  for (const shape of [[64, 256], [300, 40], [2, 3, 4]]) {
    const ours = new Orthogonal({ seed: 7 }).apply(shape);
    console.warn = (...args: unknown[]) => warnings.push(args);
    const theirs = tf.initializers.orthogonal({ seed: 7 }).apply(shape);
    console.warn = warn;
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]);
    assert.ok(diff < 1e-5, `shape [${shape}]: largest difference ${diff}`);
    tf.dispose([ours, theirs]);
  }
  assert.ok(warnings.length > 0, "tfjs's own initializer warns (so the test would notice ours doing it)");
  // A layer configured with the string 'orthogonal' builds through our class, silently.
  const seen: unknown[] = [];
  console.warn = (...args: unknown[]) => seen.push(args);
  try {
    const layer = tf.layers.lstm({ units: 64, inputShape: [5, 8] });
    tf.sequential({ layers: [layer] });
    const recurrent = layer.getWeights()[1]; // [units, 4 * units]
    const gram = tf.tidy(() => tf.matMul(recurrent, recurrent, false, true)); // rows orthonormal: R Rᵀ = I
    const offIdentity = tf.tidy(() => tf.max(tf.abs(tf.sub(gram, tf.eye(64)))).dataSync()[0]);
    assert.ok(offIdentity < 1e-4, `R Rᵀ differs from I by ${offIdentity}`);
    gram.dispose();
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(seen, []);
});
