import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from './backend';
import { setFused } from './fused';
import { kernelHeap } from './wasm/heap';
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

/** The sparse loss's values and gradient on the fast path and on the readable one (setFused(false)). */
function sparseBothPaths(labels: tf.Tensor, p: tf.Tensor): Array<{ loss: Float32Array; grad: Float32Array }> {
  return [true, false].map((on) => {
    setFused(on);
    try {
      return tf.tidy(() => {
        const weights = tf.range(1, labels.size + 1);
        const { grads } = tf.variableGrads(() => tf.sum(tf.mul(fusedSparseCategoricalCrossentropy(labels, p as tf.Variable), weights)) as tf.Scalar,
          [p as tf.Variable]);
        return { loss: fusedSparseCategoricalCrossentropy(labels, p).dataSync() as Float32Array, grad: grads[(p as tf.Variable).name].dataSync() as Float32Array };
      });
    } finally {
      setFused(true);
    }
  });
}

test('sparse cross-entropy on the wasm heap equals the JavaScript loops bit for bit (clip edges, one row per edge)', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const p = tf.variable(tf.tidy(() => tf.concat([predictions(40, 801).reshape([-1, 801]),
    tf.pad(tf.tensor2d([[1e-7, 0.9999999, 0], [Math.fround(1e-7) * 0.999, 1, 0]]), [[0, 0], [0, 798]])], 0)));
  const labels = tf.tensor1d(Array.from({ length: 47 }, (_, i) => (i * 37) % 7), 'float32');
  // The fast path really ran: it starts every kernel call with heap.begin(), the loops never do.
  const heap = kernelHeap();
  const begin = heap.begin;
  let calls = 0;
  heap.begin = () => {
    calls++;
    begin.call(heap);
  };
  const [fast, readable] = sparseBothPaths(labels, p);
  heap.begin = begin;
  assert.equal(calls, 3, 'heap passes: forward twice (value and loss), backward once');
  assert.deepEqual(Array.from(fast.loss), Array.from(readable.loss));
  assert.deepEqual(Array.from(fast.grad), Array.from(readable.grad));
  // Negative control: the comparison sees a change in one value of one row's gradient.
  const changed = fast.grad.slice();
  changed[801 * 3 + 5] = Math.fround(changed[801 * 3 + 5] * (1 + 2 ** -20));
  assert.notDeepEqual(Array.from(changed), Array.from(readable.grad));
  assert.throws(() => fusedSparseCategoricalCrossentropy(labels.slice([0], [2]), tf.tensor2d([[0.5, 0.5, 0], [0.2, Infinity, 0]])),
    /tahmin \[1, 1\] = Infinity/);
  p.dispose();
});

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
