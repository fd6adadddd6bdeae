import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../tf/backend';
import { setSeed } from '../tf/seed';
import { assertTensorsClose, testValues } from '../tf/testing';
import { causalMask, MASKED, MultiHeadAttention, paddingMask, repeatKvHeads, scaledDotProductAttention } from './attention';

before(async () => {
  await initTf({ backend: 'wasm', quiet: true });
});

/** softmax(q kᵀ/√d + mask) v with plain loops, for one (Tq, d) × (Tk, d) problem. */
function naiveAttention(q: number[][], k: number[][], v: number[][], mask: number[][] | null): { out: number[][]; w: number[][] } {
  const d = q[0].length;
  const w = q.map((qi, i) => {
    const s = k.map((kj, j) => qi.reduce((a, x, c) => a + x * kj[c], 0) / Math.sqrt(d) + (mask?.[i][j] ?? 0));
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  });
  const out = w.map((wi) => v[0].map((_, c) => wi.reduce((a, x, j) => a + x * v[j][c], 0)));
  return { out, w };
}

function rows(values: Float32Array, r: number, c: number, offset = 0): number[][] {
  return Array.from({ length: r }, (_, i) => Array.from(values.subarray(offset + i * c, offset + (i + 1) * c)));
}

test('scaledDotProductAttention equals the formula and returns weights that sum to 1', () => {
  const [Tq, Tk, d] = [3, 4, 5];
  const qv = testValues(Tq * d, 1), kv = testValues(Tk * d, 2), vv = testValues(Tk * 2, 3);
  const mask = causalMask(Tq, Tk);
  tf.tidy(() => {
    const { output, weights } = scaledDotProductAttention(tf.tensor2d(qv, [Tq, d]), tf.tensor2d(kv, [Tk, d]), tf.tensor2d(vv, [Tk, 2]), mask);
    const ref = naiveAttention(rows(qv, Tq, d), rows(kv, Tk, d), rows(vv, Tk, 2), mask.arraySync());
    assertTensorsClose(output, tf.tensor2d(ref.out), 1e-5, 'output');
    assertTensorsClose(weights, tf.tensor2d(ref.w), 1e-6, 'weights');
    assertTensorsClose(tf.sum(weights, -1), tf.ones([Tq]), 1e-6, 'rows sum to 1');
  });
  mask.dispose();
});

test('causalMask hides the future; with a cache the queries are the last positions', () => {
  assert.deepEqual(causalMask(3).arraySync(), [[0, MASKED, MASKED], [0, 0, MASKED], [0, 0, 0]]);
  assert.deepEqual(causalMask(1, 4).arraySync(), [[0, 0, 0, 0]]);
  assert.deepEqual(causalMask(2, 3).arraySync(), [[0, 0, MASKED], [0, 0, 0]]);
  assert.throws(() => causalMask(3, 2), /Tk, Tq'dan küçük olamaz, verilen: Tq = 3, Tk = 2/);
});

test('paddingMask gives padded keys zero weight and leaves the rest as without padding', () => {
  tf.tidy(() => {
    const q = tf.tensor4d(testValues(2 * 4 * 3, 4), [2, 1, 4, 3]); // (B, nh, T, d)
    const k = tf.tensor4d(testValues(2 * 4 * 3, 5), [2, 1, 4, 3]);
    const v = tf.tensor4d(testValues(2 * 4 * 3, 6), [2, 1, 4, 3]);
    const mask = paddingMask([[1, 1, 1, 1], [1, 1, 0, 0]]); // (B, 1, 1, T)
    assert.deepEqual(mask.shape, [2, 1, 1, 4]);
    const { weights, output } = scaledDotProductAttention(q, k, v, mask);
    const w = weights.arraySync() as number[][][][];
    for (const row of w[1][0]) assert.deepEqual(row.slice(2), [0, 0]);
    // Example 1 without its padding: same output for every query.
    const short = scaledDotProductAttention(tf.slice(q, [1, 0, 0, 0], [1, 1, 4, 3]), tf.slice(k, [1, 0, 0, 0], [1, 1, 2, 3]),
      tf.slice(v, [1, 0, 0, 0], [1, 1, 2, 3]));
    assertTensorsClose(tf.slice(output, [1, 0, 0, 0], [1, 1, 4, 3]), short.output, 1e-6, 'padded = unpadded');
  });
});

test('scaledDotProductAttention rejects mismatched shapes', () => {
  tf.tidy(() => {
    assert.throws(() => scaledDotProductAttention(tf.zeros([2, 3]), tf.zeros([2, 4]), tf.zeros([2, 4])), /son ekseni \(d\) aynı olmalı/);
    assert.throws(() => scaledDotProductAttention(tf.zeros([2, 3]), tf.zeros([4, 3]), tf.zeros([5, 3])), /anahtar sayısı aynı olmalı/);
    assert.throws(() => scaledDotProductAttention(tf.zeros([2, 3]), tf.zeros([1, 4, 3]), tf.zeros([4, 3])), /aynı ranka/);
  });
});

test('grouped-query attention equals multi-head attention with each kv head repeated', () => {
  setSeed(1);
  const gqa = new MultiHeadAttention({ dModel: 8, numHeads: 4, numKvHeads: 2 });
  const mha = new MultiHeadAttention({ dModel: 8, numHeads: 4 });
  const hs = 2;
  tf.tidy(() => {
    // kv head g serves query heads 2g and 2g+1: repeat its rows of k_proj / v_proj.
    const repeatRows = (w: tf.Tensor): tf.Tensor => tf.reshape(repeatKvHeads(tf.reshape(w, [1, 2, hs, 8]), 2), [4 * hs, 8]);
    mha.q.weight.assign(gqa.q.weight);
    mha.q.bias!.assign(tf.randomNormal([8]));
    gqa.q.bias!.assign(mha.q.bias!);
    mha.k.weight.assign(repeatRows(gqa.k.weight));
    mha.v.weight.assign(repeatRows(gqa.v.weight));
    mha.o.weight.assign(gqa.o.weight);
    const x = tf.tensor3d(testValues(2 * 5 * 8, 7), [2, 5, 8]);
    const a = gqa.forward(x, { causal: true });
    const b = mha.forward(x, { causal: true });
    assert.deepEqual(a.weights.shape, [2, 4, 5, 5]);
    assertTensorsClose(a.output, b.output, 1e-5, 'GQA = MHA with repeated kv');
    assertTensorsClose(a.weights, b.weights, 1e-6, 'weights');
  });
  assert.equal(gqa.namedParameters().get('k_proj.weight')!.shape.join(), '4,8');
  const mqa = new MultiHeadAttention({ dModel: 8, numHeads: 4, numKvHeads: 1, bias: false });
  assert.deepEqual([...mqa.namedParameters().keys()], ['q_proj.weight', 'k_proj.weight', 'v_proj.weight', 'o_proj.weight']);
  assert.equal(mqa.namedParameters().get('v_proj.weight')!.shape.join(), '2,8');
  for (const m of [gqa, mha, mqa]) for (const v of m.namedParameters().values()) v.dispose();
});

test('scaledDotProductAttention with fewer kv heads equals the same call on repeated kv heads (GQA), mask and gradients included', () => {
  const [B, nh, nkv, Tq, Tk, d] = [2, 6, 2, 3, 5, 4];
  tf.tidy(() => {
    const q = tf.tensor4d(testValues(B * nh * Tq * d, 7), [B, nh, Tq, d]);
    const k = tf.tensor4d(testValues(B * nkv * Tk * d, 8), [B, nkv, Tk, d]);
    const v = tf.tensor4d(testValues(B * nkv * Tk * d, 9), [B, nkv, Tk, d]);
    const mask = tf.add(causalMask(Tq, Tk), paddingMask([[1, 1, 1, 1, 1], [1, 1, 1, 1, 0]]));
    const grouped = scaledDotProductAttention(q, k, v, mask);
    const repeated = scaledDotProductAttention(q, repeatKvHeads(k, 3), repeatKvHeads(v, 3), mask);
    assertTensorsClose(grouped.output, repeated.output, 1e-6, 'output');
    assertTensorsClose(grouped.weights, repeated.weights, 1e-6, 'weights');
    // Gradients with respect to the shared k and v: through the reshapes, and through tfjs's tile.
    const gradients = (times: number) => tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(scaledDotProductAttention(q, repeatKvHeads(a, times), repeatKvHeads(b, times), mask).output)))([k, v]);
    const [dkGrouped, dvGrouped] = gradients(1);
    const [dkRepeated, dvRepeated] = gradients(3);
    assertTensorsClose(dkGrouped, dkRepeated, 1e-5, 'dk');
    assertTensorsClose(dvGrouped, dvRepeated, 1e-5, 'dv');
    assert.throws(() => scaledDotProductAttention(q, tf.slice(k, [0, 0, 0, 0], [B, 1, Tk, d]), v), /dikkat başı sayıları eşit olmalı/);
    assert.throws(() => scaledDotProductAttention(q, tf.concat([k, k.slice([0, 0, 0, 0], [B, 2, Tk, d])], 1).slice([0, 0, 0, 0], [B, 4, Tk, d]),
      tf.concat([v, v], 1)), /q'nun 6 dikkat başını bölmeli/);
  });
});

test('bad head counts name the argument and the allowed values', () => {
  assert.throws(() => new MultiHeadAttention({ dModel: 10, numHeads: 4 }), /numHeads dModel = 10'i bölmeli, verilen: numHeads = 4. Şunlardan birini kullanın: 1, 2, 5, 10/);
  assert.throws(() => new MultiHeadAttention({ dModel: 12, numHeads: 6, numKvHeads: 4 }), /numKvHeads numHeads = 6'i bölmeli, verilen: numKvHeads = 4. Şunlardan birini kullanın: 1, 2, 3, 6/);
});
