import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../tf/backend';
import { setSeed } from '../tf/seed';
import { assertTensorsClose, testValues } from '../tf/testing';
import { MiniBert } from './bert';
import { MiniGpt } from './gpt';
import { MiniLlama } from './llama';
import { adamW, bertPretrainingLoss, crossEntropy, IGNORE_INDEX, lmBatch, lmLoss, makeTransformerStep, mlmLossesByKind, mlmMask, trainTransformer } from './train';

before(async () => {
  await initTf({ backend: 'wasm', quiet: true });
});

/** Mean −log softmax(x)[target] over the rows not labelled IGNORE_INDEX, in tfjs ops. */
function crossEntropyReference(x: tf.Tensor, targets: number[]): tf.Scalar {
  const V = x.shape[x.rank - 1];
  const weights = tf.tensor1d(targets.map((t) => (t === IGNORE_INDEX ? 0 : 1)));
  const picked = tf.sum(tf.mul(tf.logSoftmax(x), tf.oneHot(targets.map((t) => Math.max(t, 0)), V)), -1); // (N)
  return tf.div(tf.neg(tf.sum(tf.mul(picked, weights))), tf.sum(weights)) as tf.Scalar;
}

test('crossEntropy on an LM-head-sized input (rows split between two threads) equals the tfjs formula', () => {
  const [N, V] = [301, 1001];
  const targets = Array.from({ length: N }, (_, i) => (i % 17 === 5 ? IGNORE_INDEX : (i * 37) % V));
  tf.tidy(() => {
    const z = tf.mul(tf.tensor2d(testValues(N * V, 3), [N, V]), 6);
    assertTensorsClose(crossEntropy(z, targets), crossEntropyReference(z, targets), 1e-5, 'value');
    assertTensorsClose(tf.grad((x: tf.Tensor) => crossEntropy(x, targets))(z), tf.grad((x: tf.Tensor) => crossEntropyReference(x, targets))(z), 1e-8, 'gradient'); // entries ~1e-6
  });
});

test('crossEntropy: value and gradient equal tfjs autodiff of logSoftmax, ignoring IGNORE_INDEX', () => {
  const [N, V] = [6, 7];
  const targets = [3, 0, IGNORE_INDEX, 6, 2, IGNORE_INDEX];
  tf.tidy(() => {
    const z = tf.mul(tf.tensor2d(testValues(N * V, 1), [N, V]), 4);
    const unfused = (x: tf.Tensor): tf.Scalar => crossEntropyReference(x, targets);
    const fused = (x: tf.Tensor): tf.Scalar => crossEntropy(x, targets);
    assertTensorsClose(fused(z), unfused(z), 1e-6, 'value');
    assertTensorsClose(tf.grad(fused)(z), tf.grad(unfused)(z), 1e-6, 'gradient');
    // Rank 3 logits with rank 2 targets, as an LM gives them.
    assertTensorsClose(crossEntropy(tf.reshape(z, [2, 3, V]), tf.tensor2d([targets.slice(0, 3), targets.slice(3)], [2, 3], 'int32')), unfused(z), 1e-6, 'rank 3');
    assert.throws(() => crossEntropy(z, [1, 2, 3]), /6 satırlık logits \[6,7\] için 3 hedef geldi/);
    assert.throws(() => crossEntropy(z, [1, 2, 3, 4, 5, 7]), /5\. satırdaki hedef geçersiz, verilen: 7\. Hedefler \[0, 6\]/);
  });
});

test('AdamW: one step equals the formula (decay on matrices only, then Adam)', () => {
  const lr = 0.1;
  const W = tf.variable(tf.tensor2d([[1, -2], [3, 0.5]]));
  const b = tf.variable(tf.tensor1d([1, -1]));
  const opt = adamW(lr, { weightDecay: 0.5 });
  const g = { W: [[0.5, -1], [2, 0]], b: [0.25, 4] };
  opt.applyGradients([{ name: W.name, tensor: tf.tensor2d(g.W) }, { name: b.name, tensor: tf.tensor1d(g.b) }]);
  // First Adam step: m̂ = g, v̂ = g², update = lr · g / (|g| + ε) = lr · sign(g).
  const adam = (p: number, gi: number): number => p - lr * gi / (Math.abs(gi) + 1e-8);
  const expectW = [[1, -2], [3, 0.5]].map((row, i) => row.map((p, j) => adam(p * (1 - lr * 0.5), g.W[i][j])));
  const expectB = [1, -1].map((p, i) => adam(p, g.b[i]));
  tf.tidy(() => {
    assertTensorsClose(W, tf.tensor2d(expectW), 1e-6, 'W (decayed)');
    assertTensorsClose(b, tf.tensor1d(expectB), 1e-6, 'b (not decayed)');
  });
  tf.dispose([W, b]);
  opt.dispose();
});

/** A token stream with structure: runs that count up by one (mod V). */
function countingTokens(n: number, V: number): Int32Array {
  const out = new Int32Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    t = i % 9 === 0 ? Math.floor((testValues(1, i)[0] + 1) * V / 2) : (t + 1) % V;
    out[i] = t;
  }
  return out;
}

async function trainGpt(seed: number, steps: number, stop?: { stop: boolean }): Promise<{ losses: number[]; stopped: boolean; leaked: number }> {
  setSeed(seed);
  const gpt = new MiniGpt({ vocabSize: 20, contextLength: 16, numLayers: 1, numHeads: 2, dModel: 16 });
  const tokens = countingTokens(2000, 20);
  const optimizer = adamW(1e-2);
  let before = 0;
  const reports: number[] = [];
  const h = await trainTransformer(gpt, {
    steps, optimizer, stop, clipNorm: 1, progressEveryMs: 0,
    batch: (i) => {
      if (i === 1) before = tf.memory().numTensors; // optimizer state exists from step 1 on
      return lmBatch(tokens, 8, 12);
    },
    loss: (b) => lmLoss(gpt, b.x, b.y),
    onProgress: (p) => {
      reports.push(p.step);
      if (stop != null && p.step === 5) stop.stop = true;
    },
  });
  const leaked = tf.memory().numTensors - before;
  assert.deepEqual(reports, Array.from({ length: h.losses.length }, (_, i) => i + 1));
  gpt.dispose();
  optimizer.dispose();
  return { losses: h.losses, stopped: h.stopped, leaked };
}

test('trainTransformer: the loss falls, memory stays flat, the same seed gives the same curve, stop ends early', async () => {
  const a = await trainGpt(7, 60);
  assert.equal(a.leaked, 0, 'numTensors flat');
  const first = a.losses.slice(0, 5).reduce((s, x) => s + x) / 5;
  const last = a.losses.slice(-5).reduce((s, x) => s + x) / 5;
  assert.ok(Math.abs(first - Math.log(20)) < 0.3, `starts near ln V: ${first}`);
  assert.ok(last < 0.6 * first, `learns: ${first} → ${last}`);
  const b = await trainGpt(7, 60);
  assert.deepEqual(b.losses, a.losses, 'seeded: identical losses');
  const c = await trainGpt(7, 60, { stop: false });
  assert.ok(c.stopped && c.losses.length === 5);
});

test('a Llama and a BERT train with makeTransformerStep; MLM masking is 15 % with 80/10/10', () => {
  setSeed(8);
  const llama = new MiniLlama({ vocabSize: 20, contextLength: 16, numLayers: 1, numHeads: 2, numKvHeads: 1, dModel: 16, intermediateSize: 24 });
  const tokens = countingTokens(1000, 20);
  const step = makeTransformerStep(llama, (b: { x: tf.Tensor2D; y: tf.Tensor2D }) => lmLoss(llama, b.x, b.y), { optimizer: adamW(1e-2) });
  const losses = Array.from({ length: 40 }, () => tf.tidy(() => step(lmBatch(tokens, 8, 12))));
  assert.ok(losses[39] < 0.7 * losses[0], `Llama learns: ${losses[0]} → ${losses[39]}`);
  llama.dispose();

  // Rows [CLS] k k … k: a masked token is its neighbours' token.
  const ids = Array.from({ length: 400 }, (_, i) => Array.from({ length: 10 }, (_, t) => (t === 0 ? 1 : 4 + (i % 30))));
  const { inputs, labels } = mlmMask(ids, { vocabSize: 34, maskId: 3, specialIds: [0, 1, 2, 3] });
  const chosen = labels.flat().filter((l) => l !== IGNORE_INDEX).length;
  assert.ok(Math.abs(chosen / 3600 - 0.15) < 0.02, `15 % chosen: ${chosen / 3600}`);
  const masked = inputs.flat().filter((t, i) => labels.flat()[i] !== IGNORE_INDEX && t === 3).length;
  assert.ok(Math.abs(masked / chosen - 0.8) < 0.05, `80 % [MASK]: ${masked / chosen}`);
  assert.ok(labels.every((row) => row[0] === IGNORE_INDEX), '[CLS] never chosen');

  setSeed(9);
  const bert = new MiniBert({ vocabSize: 34, contextLength: 10, numLayers: 1, numHeads: 2, dModel: 16 });
  const bertStep = makeTransformerStep(bert, (b: number) => bertPretrainingLoss(bert, {
    ids: inputs.slice(b * 16, b * 16 + 16), mlmLabels: labels.slice(b * 16, b * 16 + 16),
    tokenTypeIds: Array.from({ length: 16 }, () => [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]), nspLabels: Array.from({ length: 16 }, (_, i) => i % 2),
  }).loss, { optimizer: adamW(1e-2) });
  const bertLosses = Array.from({ length: 60 }, (_, i) => bertStep(i % 25));
  assert.ok(bertLosses[59] < 0.75 * bertLosses[0], `BERT learns: ${bertLosses[0]} → ${bertLosses[59]}`);
  bert.dispose();
});

test('clipNorm: makeTransformerStep scales the gradients by clipNorm / ‖g‖ exactly (lib/tf clipByGlobalNorm)', () => {
  // loss = 3a + 4b: gradients (3, 4), global norm 5. clipNorm 1 → (0.6, 0.8); SGD with lr 1 from 0
  // lands on (−0.6, −0.8) as float32. torch's clip_grad_norm_ (the inline formula this replaced)
  // divides by ‖g‖ + 1e-6: 3/5.000001 = 0.59999988, another float32 — the test tells them apart.
  const a = tf.variable(tf.zeros([1]));
  const b = tf.variable(tf.zeros([1]));
  const model = { namedParameters: () => new Map([['a', a], ['b', b]]) };
  try {
    const step = makeTransformerStep(model, () => tf.add(tf.sum(tf.mul(a, 3)), tf.sum(tf.mul(b, 4))) as tf.Scalar,
      { optimizer: tf.train.sgd(1), clipNorm: 1 });
    step(null);
    assert.equal(a.dataSync()[0], Math.fround(-0.6));
    assert.equal(b.dataSync()[0], Math.fround(-0.8));
    assert.notEqual(Math.fround(-3 / (5 + 1e-6)), Math.fround(-0.6), 'the two formulas differ in float32');
    step(null); // norm 5 again: a second clipped step, (−1.2, −1.6)
    assert.ok(Math.abs(a.dataSync()[0] + 1.2) < 1e-6 && Math.abs(b.dataSync()[0] + 1.6) < 1e-6);
  } finally {
    tf.dispose([a, b]);
  }
});

test('mlmLossesByKind: one loss per chosen position, its kind read from the input, the mean equal to the MLM loss', () => {
  setSeed(5);
  const model = new MiniBert({ vocabSize: 40, contextLength: 16, numLayers: 1, numHeads: 2, dModel: 8 });
  const ids = Array.from({ length: 8 }, (_, b) => Array.from({ length: 12 }, (_, t) => 5 + ((b * 7 + t * 3) % 35)));   // (8, 12)
  const masked = mlmMask(ids, { vocabSize: 40, maskId: 1, specialIds: [0, 1, 2, 3], probability: 0.5 });
  const batch = { ids: masked.inputs, mlmLabels: masked.labels };
  const rows = mlmLossesByKind(model, batch, 1);
  const chosen = masked.labels.flat().filter((l) => l !== IGNORE_INDEX).length;
  assert.equal(rows.length, chosen);
  const inputs = masked.inputs.flat(), labelsAt = masked.labels.flat().flatMap((l, i) => (l === IGNORE_INDEX ? [] : [i]));
  rows.forEach((r, k) => {
    const shownToken = inputs[labelsAt[k]];
    assert.equal(r.kind, shownToken === 1 ? 'mask' : shownToken === r.label ? 'unchanged' : 'random');
  });
  assert.ok(rows.some((r) => r.kind === 'mask'));
  const mean = rows.reduce((s, r) => s + r.loss, 0) / rows.length;
  const reference = tf.tidy(() => bertPretrainingLoss(model, batch).mlm.dataSync()[0]);   // dropout 0 by default: same as eval
  assert.ok(Math.abs(mean - reference) < 1e-4, `${mean} vs ${reference}`);
  assert.throws(() => mlmLossesByKind(model, { ids: null as never, mlmLabels: [] }, 1), /mlmLossesByKind: batch.ids/);
});
