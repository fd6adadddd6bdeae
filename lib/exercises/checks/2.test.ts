// Checks of 2_LSTM.ipynb's exercises: what 2.1's ✗ says for a wrong return type and a wrong block order; 2.6 refuses the usual shortcuts.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { kontrolVerdict } from '../../exercises';
import { initTf, tf } from '../../tf';

before(async () => { await initTf({ quiet: true }); });

type W = { kernel: tf.Tensor2D; recurrentKernel: tf.Tensor2D; bias: tf.Tensor1D };
const hard = (z: tf.Tensor) => tf.clipByValue(z.mul(0.2).add(0.5), 0, 1);
/** A hard-sigmoid LSTM step that reads the four blocks in `order` (tfjs: i, f, c, o). */
const stepWith = (order: ('i' | 'f' | 'c' | 'o')[]) => (x: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D, w: W) => tf.tidy(() => {
  const parts = tf.split(x.matMul(w.kernel).add(h.matMul(w.recurrentKernel)).add(w.bias), 4, 1);
  const z = Object.fromEntries(order.map((k, j) => [k, parts[j]])) as Record<'i' | 'f' | 'c' | 'o', tf.Tensor>;
  const cNext = hard(z.f).mul(c).add(hard(z.i).mul(tf.tanh(z.c))) as tf.Tensor2D;
  return { h: hard(z.o).mul(tf.tanh(cNext)) as tf.Tensor2D, c: cNext };
});
const what = async (answer: unknown) => ((await kontrolVerdict('2.1', answer)) as { what?: string }).what ?? '';

test('2.1: the tfjs block order passes; the slides\' f, i, o order is refused with the order named', async () => {
  assert.equal((await kontrolVerdict('2.1', stepWith(['i', 'f', 'c', 'o']))).status, 'dogru');
  assert.match(await what(stepWith(['f', 'i', 'c', 'o'])), /en büyük fark .* bloklar|i, f, C̃, o sırasındadır/);
});

test('2.1: a step returning a bare tensor is told it returned a tensor, not "an object"', async () => {
  const bare = (x: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D, w: W) => stepWith(['i', 'f', 'c', 'o'])(x, h, c, w).h;
  const message = await what(bare);
  assert.match(message, /bir tensör \[2, 5\] döndü \(yalnızca h mi\?\)/);
  assert.doesNotMatch(message, /; bir nesne döndü/);
  assert.doesNotMatch(message, /hardSigmoid kullanıp/); // not the numeric nudge: the type was wrong
});

test('2.6: non-overlapping ranges pass; comparing means, best seeds only, or allowing a tie at the edge gets ✗', async () => {
  const max = (v: number[]) => Math.max(...v), min = (v: number[]) => Math.min(...v);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const verdict = (f: (a: number[], b: number[]) => boolean) => kontrolVerdict('2.6', f);
  assert.equal((await verdict((a, b) => max(a) < min(b))).status, 'dogru');
  for (const shortcut of [(a: number[], b: number[]) => mean(a) < mean(b), (a: number[], b: number[]) => min(a) < min(b),
    (a: number[], b: number[]) => max(a) <= min(b), (a: number[], b: number[]) => max(a) < max(b)]) {
    const v = await verdict(shortcut);
    assert.equal(v.status, 'yanlis', String(shortcut));
    assert.match((v as { what: string }).what, /girdisinde: fonksiyon true döndü/);
    assert.doesNotMatch((v as { what: string }).what, /max|min\(|Math\./); // the rule itself is not shown
  }
  assert.match(((await kontrolVerdict('2.6', (a: number[], b: number[]) => (max(a) < min(b) ? 'evet' : 'hayır'))) as { what: string }).what, /true ya da false bekleniyordu/);
});
