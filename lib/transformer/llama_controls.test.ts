import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../tf/backend';
import { setSeed } from '../tf/seed';
import { assertTensorsClose } from '../tf/testing';
import { causalMask } from './attention';
import { withoutRandomInit } from './layers';
import { LlamaConfig, MiniLlama } from './llama';
import { gqaModuloPermutation, interleavedRopePermutation, withLlamaBug } from './llama_controls';
import { rotaryTables } from './positions';

const config: LlamaConfig = { vocabSize: 31, contextLength: 16, numLayers: 2, numHeads: 4, numKvHeads: 2, dModel: 16, intermediateSize: 24, ropeTheta: 100, rmsNormEps: 1e-2 };
const ids = [[1, 5, 9, 30, 2, 7, 7, 3, 0]];

before(async () => {
  await initTf({ backend: 'wasm', quiet: true });
});

function model(): MiniLlama {
  setSeed(3);
  const m = new MiniLlama(config);
  for (const v of m.namedParameters().values()) if (v.shape.length === 2) v.assign(tf.mul(v, 20)); // weights large enough for every bug to show
  return m;
}
const logitsOf = (m: MiniLlama) => tf.tidy(() => m.forward(ids).logits.arraySync() as number[][][]);

test('withLlamaBug: each bug changes the logits, and the model is bit-identical afterwards', () => {
  const m = model();
  const clean = logitsOf(m);
  for (const bug of ['rope-interleaved', 'gqa-modulo', 'rms-eps'] as const) {
    const wrong = withLlamaBug(m, bug, () => logitsOf(m));
    const diff = Math.max(...wrong.flat(2).map((v, i) => Math.abs(v - clean.flat(2)[i])));
    assert.ok(diff > 1e-3, `${bug} changes the logits (${diff})`);
    assert.deepEqual(logitsOf(m), clean, `${bug}: restored exactly`);
  }
  assert.throws(() => withLlamaBug(m, 'nope' as never, () => 0), /değerlerinden biri olmalı; gelen: "nope"/);
  assert.throws(() => withLlamaBug(m, 'gqa-modulo', () => { throw new Error('inside'); }), /inside/);
  assert.deepEqual(logitsOf(m), clean, 'restored after a throw');
  m.dispose();
});

test("withLlamaBug('rms-eps') is the model built with ε / 10", () => {
  const m = model();
  const other = withoutRandomInit(() => new MiniLlama({ ...config, rmsNormEps: config.rmsNormEps! / 10 }));
  other.setWeights(Object.fromEntries([...m.namedParameters()].map(([n, v]) => [n, v])));
  assertTensorsClose(tf.tensor(withLlamaBug(m, 'rms-eps', () => logitsOf(m))), tf.tensor(logitsOf(other)), 1e-5, "rms-eps");
  m.dispose();
  other.dispose();
});

/** Rotates adjacent pairs (2i, 2i+1) by pos·θ_i: RoPE as Su et al. and Meta's code write it. x (n, T, hs). */
function interleavedRope(x: tf.Tensor3D, theta: number): tf.Tensor3D {
  const [n, T, hs] = x.shape;
  const data = x.arraySync();
  for (let h = 0; h < n; h++) for (let t = 0; t < T; t++) for (let i = 0; i < hs / 2; i++) {
    const angle = t * Math.pow(theta, (-2 * i) / hs);
    const [a, b] = [data[h][t][2 * i], data[h][t][2 * i + 1]];
    data[h][t][2 * i] = a * Math.cos(angle) - b * Math.sin(angle);
    data[h][t][2 * i + 1] = a * Math.sin(angle) + b * Math.cos(angle);
  }
  return tf.tensor3d(data);
}

/** Layer 0's attention output written out by hand, with a chosen rotation and query→kv head map. */
function attentionByHand(m: MiniLlama, x: tf.Tensor2D, rope: 'half' | 'interleaved', kvOf: (h: number) => number): tf.Tensor2D {
  const { numHeads: nh, numKvHeads: nkv, headDim: hs, ropeTheta } = m.config;
  const attn = m.layers[0].selfAttn;
  const T = x.shape[0];
  const heads = (w: tf.Tensor, n: number) => tf.transpose(tf.reshape(tf.matMul(x, w, false, true), [T, n, hs]), [1, 0, 2]) as tf.Tensor3D; // (n, T, hs)
  const rotate = (t: tf.Tensor3D) => {
    if (rope === 'interleaved') return interleavedRope(t, ropeTheta);
    const { cos, sin } = rotaryTables(hs, 0, T, ropeTheta);
    const [a, b] = tf.split(t, 2, -1);
    return tf.add(tf.mul(t, cos), tf.mul(tf.concat([tf.neg(b), a], -1), sin)) as tf.Tensor3D;
  };
  const [q, k, v] = [rotate(heads(attn.q.weight, nh)), rotate(heads(attn.k.weight, nkv)), heads(attn.v.weight, nkv)];
  const outs = Array.from({ length: nh }, (_, h) => {
    const [qh, kh, vh] = [tf.gather(q, h), tf.gather(k, kvOf(h)), tf.gather(v, kvOf(h))]; // (T, hs)
    const w = tf.softmax(tf.add(tf.div(tf.matMul(qh, kh, false, true), Math.sqrt(hs)), causalMask(T))); // (T, T)
    return tf.matMul(w, vh); // (T, hs)
  });
  return tf.matMul(tf.concat(outs, 1), attn.o.weight, false, true) as tf.Tensor2D; // (T, d)
}

test('the permuted weights are the bugs they stand for: interleaved RoPE, and query head h reading kv head h mod nkv', () => {
  const m = model();
  setSeed(4);
  const x = tf.randomNormal([7, config.dModel]) as tf.Tensor2D;
  const ours = () => tf.tidy(() => m.layers[0].selfAttn.forward(x.expandDims(0), { causal: true, rotary: rotaryTables(4, 0, 7, 100) }).output.squeeze([0]));
  const g = config.numHeads / config.numKvHeads!;
  assertTensorsClose(ours(), attentionByHand(m, x, 'half', (h) => Math.floor(h / g)), 1e-4, "attention");
  assertTensorsClose(withLlamaBug(m, 'rope-interleaved', ours), attentionByHand(m, x, 'interleaved', (h) => Math.floor(h / g)), 1e-4, "attention");
  assertTensorsClose(withLlamaBug(m, 'gqa-modulo', ours), attentionByHand(m, x, 'half', (h) => h % config.numKvHeads!), 1e-4, "attention");
  m.dispose();
});

test('the permutations are permutations', () => {
  for (const perm of [interleavedRopePermutation(3, 8), gqaModuloPermutation(9, 3, 4), gqaModuloPermutation(4, 4, 2)]) {
    assert.deepEqual([...perm].sort((a, b) => a - b), perm.map((_, i) => i));
  }
  assert.deepEqual(interleavedRopePermutation(1, 6), [0, 2, 4, 1, 3, 5]);
  assert.deepEqual(gqaModuloPermutation(4, 4, 1), [0, 1, 2, 3], 'MHA: no change');
});
