import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from './backend';
import { fusedCategoricalCrossentropy, fusedSparseCategoricalCrossentropy } from './losses';
import { assertTensorsClose, testValues } from './testing';

/** tfjs-layers' own loss function, taken from a compiled model. */
function layersLoss(name: string): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  const input = tf.input({ shape: [2] });
  const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor });
  model.compile({ optimizer: 'sgd', loss: name });
  return model.lossFunctions[0];
}

/** Softmax rows plus hand-made edge rows: exact 0 and 1, values below ε, rows not summing to 1. */
function predictions(rows: number, classes: number): tf.Tensor {
  return tf.tidy(() => {
    const soft = tf.softmax(tf.mul(tf.tensor(testValues(rows * classes, 3), [rows, classes]), 4));
    const edge = tf.tensor2d([
      [1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [1e-9, 0.5, 0.5, 0, 0], [0.2, 0.2, 0.2, 0.2, 0.6], [0.3, 0.1, 0.1, 0.1, 0.05],
    ]);
    return tf.concat([soft, tf.pad(edge, [[0, 0], [0, classes - 5]])], 0);
  });
}

for (const backend of ['wasm', 'cpu'] as const) {
  test(`sparse categorical cross-entropy: value and gradient equal tfjs-layers (${backend})`, async () => {
    await initTf({ backend, quiet: true });
    const ref = layersLoss('sparseCategoricalCrossentropy');
    tf.tidy(() => {
      const p = predictions(11, 7);
      const labels = tf.tensor2d([0, 1, 6, 3, 3, 2, 5, 4, 0, 1, 2, 0, 0, 1, 4, 2], [16, 1]);
      assertTensorsClose(fusedSparseCategoricalCrossentropy(labels, p), ref(labels, p), 1e-6, 'loss');
      const g = (f: typeof ref) => tf.grad((q: tf.Tensor) => tf.sum(tf.mul(f(labels, q), tf.range(1, 17))))(p);
      assertTensorsClose(g(fusedSparseCategoricalCrossentropy), g(ref), 1e-5, 'gradient');
    });
  });

  test(`categorical cross-entropy: value and gradient equal tfjs-layers (${backend})`, async () => {
    await initTf({ backend, quiet: true });
    const ref = layersLoss('categoricalCrossentropy');
    tf.tidy(() => {
      const p = predictions(11, 7);
      const targets = tf.concat([tf.oneHot(tf.tensor1d([0, 1, 6, 3, 3, 2, 5, 4, 0, 1, 2, 0, 0, 1, 4], 'int32'), 7),
        tf.tensor2d([[0.5, 0.5, 0, 0, 0, 0, 0]])], 0); // one soft target row
      assertTensorsClose(fusedCategoricalCrossentropy(targets, p), ref(targets, p), 1e-6, 'loss');
      const g = (f: typeof ref) => tf.grad((q: tf.Tensor) => tf.sum(tf.mul(f(targets, q), tf.range(1, 17))))(p);
      assertTensorsClose(g(fusedCategoricalCrossentropy), g(ref), 1e-5, 'gradient');
    });
  });
}

test('bad labels and shapes are clear errors', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const p = tf.softmax(tf.ones([2, 3]));
  assert.throws(() => fusedSparseCategoricalCrossentropy(tf.tensor1d([0, 3]), p), /1\. satırın etiketi 3; etiketler 0\.\.2 arasında/);
  assert.throws(() => fusedSparseCategoricalCrossentropy(tf.tensor1d([0, 0.5]), p), /etiketi 0\.5; .*tam sayı/);
  assert.throws(() => fusedSparseCategoricalCrossentropy(tf.tensor1d([0, 1]), tf.tensor2d([[0.5, 0.5, 0], [NaN, 0.5, 0.5]])),
    /tahmin \[1, 0\] = NaN; .*ıraksamış/);
  assert.throws(() => fusedCategoricalCrossentropy(tf.tensor2d([[1, 0, 0], [0, 1, 0]]), tf.tensor2d([[1.2, -0.2, 0], [0, 1, 0]])),
    /tahmin \[0, 1\] = -0\.2/);
  assert.throws(() => fusedCategoricalCrossentropy(tf.tensor2d([[1.5, 0, 0], [0, 1, 0]]), p), /hedef \[0, 0\] = 1\.5/);
  assert.throws(() => fusedSparseCategoricalCrossentropy(null as never, p), /yTrue\) bir tf\.Tensor olmalı .*verilen: null/);
  assert.throws(() => fusedSparseCategoricalCrossentropy(tf.tensor1d([0, 1, 2]), p), /2 tahmin satırı için 3 etiket var/);
  assert.throws(() => fusedCategoricalCrossentropy(tf.tensor1d([0, 1]), p), /one-hot/);
});
