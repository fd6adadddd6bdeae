import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../tf/backend';
import { setSeed } from '../tf/seed';
import { assertTensorsClose } from '../tf/testing';
import { GptConfig, MiniGpt } from './gpt';
import { gptParameterFormula, parameterCounts } from './params';

const config: GptConfig = { vocabSize: 23, contextLength: 12, numLayers: 2, numHeads: 2, dModel: 16 };
const ids = [[3, 7, 1, 22, 0, 5, 9, 2], [4, 4, 8, 15, 16, 11, 20, 1]];

before(async () => {
  await initTf({ backend: 'wasm', quiet: true });
});

test('MiniGpt: names, shapes, attention weights, causality', () => {
  setSeed(1);
  const gpt = new MiniGpt(config);
  const names = [...gpt.namedParameters().keys()];
  assert.deepEqual(names.slice(0, 4), ['transformer.wte.weight', 'transformer.wpe.weight', 'transformer.h.0.ln_1.weight', 'transformer.h.0.ln_1.bias']);
  assert.ok(names.includes('transformer.h.1.attn.c_attn.weight') && names.includes('transformer.h.1.mlp.c_proj.bias') && names.includes('transformer.ln_f.bias'));
  assert.deepEqual(gpt.namedParameters().get('transformer.h.0.attn.c_attn.weight')!.shape, [48, 16]);
  tf.tidy(() => {
    const out = gpt.forward(ids, { returnAttention: true, returnHidden: true });
    assert.deepEqual(out.logits.shape, [2, 8, 23]);
    assert.deepEqual(out.hidden!.shape, [2, 8, 16]);
    assert.equal(out.attentions!.length, 2);
    assert.deepEqual(out.attentions![1].shape, [2, 2, 8, 8]);
    const w = out.attentions![0].arraySync();
    assert.ok(w[0][1][2].slice(3).every((x) => x === 0), 'no weight on the future');
    // Changing token 5 leaves the logits of positions 0..4 unchanged and changes position 5.
    const changed = gpt.forward([[...ids[0].slice(0, 5), 19, 9, 2]]).logits;
    const before5 = (t: tf.Tensor): tf.Tensor => tf.slice(t, [0, 0, 0], [1, 5, 23]);
    assertTensorsClose(before5(changed), before5(tf.slice(out.logits, [0, 0, 0], [1, 8, 23])), 1e-6, 'past unaffected');
    assert.ok(tf.max(tf.abs(tf.sub(tf.slice(changed, [0, 5, 0], [1, 1, 23]), tf.slice(out.logits, [0, 5, 0], [1, 1, 23])))).dataSync()[0] > 1e-4);
  });
  gpt.dispose();
});

test('MiniGpt: logits with the KV cache equal a full forward pass, memory flat', () => {
  setSeed(2);
  const gpt = new MiniGpt(config);
  const full = gpt.forward(ids).logits; // (2, 8, V)
  const before = tf.memory().numTensors;
  const cache = gpt.newCache();
  const parts = [[0, 4], [4, 5], [5, 6], [6, 8]];
  for (const [a, b] of parts) {
    tf.tidy(() => {
      const step = gpt.forward(ids.map((r) => r.slice(a, b)), { cache }).logits;
      assertTensorsClose(step, tf.slice(full, [0, a, 0], [2, b - a, 23]), 1e-5, `positions ${a}..${b - 1}`);
    });
  }
  assert.equal(cache.length, 8);
  assert.throws(() => gpt.forward(ids, { cache }), /contextLength = 12 belirteç alır, verilen: önbellekte 8 \+ 8 belirteç. En çok son 4 belirteci verin/);
  cache.dispose();
  assert.equal(tf.memory().numTensors, before, 'cache freed, nothing leaked');
  full.dispose();
  gpt.dispose();
});

test('MiniGpt: parameter counts equal the closed-form formula, with and without biases', () => {
  for (const c of [config, { ...config, bias: false }, { ...config, numLayers: 3, dModel: 24, numHeads: 3 }]) {
    setSeed(3);
    const gpt = new MiniGpt(c);
    const counts = parameterCounts(gpt);
    assert.deepEqual(counts, gptParameterFormula(c));
    let total = 0;
    for (const v of gpt.namedParameters().values()) total += v.size;
    assert.equal(counts.total, total);
    gpt.dispose();
  }
  // GPT-2 small (124M): the formula gives the published 124,439,808 parameters.
  assert.equal(gptParameterFormula({ vocabSize: 50257, contextLength: 1024, numLayers: 12, numHeads: 12, dModel: 768 }).total, 124439808);
});

test('MiniGpt: bad configuration and bad ids give one clear error', () => {
  assert.throws(() => new MiniGpt({ ...config, numHeads: 3 }), /numHeads dModel = 16'i bölmeli, verilen: numHeads = 3. Şunlardan birini kullanın: 1, 2, 4, 8, 16/);
  assert.throws(() => new MiniGpt({ ...config, numLayers: 0 }), /numLayers pozitif bir tam sayı olmalı, verilen: 0/);
  setSeed(4);
  const gpt = new MiniGpt(config);
  const before = tf.memory().numTensors;
  assert.throws(() => gpt.forward([[1, 23]]), /ids\[0\]\[1\] geçersiz, verilen: 23. Numaralar \[0, 22\] aralığında tam sayı olmalı \(vocabSize = 23\)/);
  assert.throws(() => gpt.forward([[1, -1]]), /ids\[0\]\[1\] geçersiz, verilen: -1/);
  assert.throws(() => gpt.forward([[1.5]]), /ids\[0\]\[0\] geçersiz, verilen: 1.5/);
  const flat = tf.tensor1d([1, 2], 'int32');
  assert.throws(() => gpt.forward(flat), /ids \(batchSize, seqLen\) biçiminde olmalı, verilen: rank 1/);
  flat.dispose();
  assert.throws(() => gpt.forward([Array(13).fill(1)]), /en çok contextLength = 12 belirteç alır, verilen: 13 belirteç/);
  assert.equal(tf.memory().numTensors, before, 'errors leak no tensors');
  gpt.dispose();
});

test('MiniGpt.setWeights round-trips and names the missing or mis-shaped tensor', () => {
  setSeed(5);
  const a = new MiniGpt(config);
  setSeed(6);
  const b = new MiniGpt(config);
  const named = Object.fromEntries([...a.namedParameters()].map(([n, v]) => [n, v as tf.Tensor]));
  b.setWeights(named);
  tf.tidy(() => assertTensorsClose(b.forward(ids).logits, a.forward(ids).logits, 0, 'same weights, same logits'));
  const { ['transformer.ln_f.bias']: _dropped, ...missing } = named;
  assert.throws(() => b.setWeights(missing), /MiniGpt.setWeights: 1 tensör eksik: "transformer.ln_f.bias"/);
  const wrong = { ...named, 'transformer.wpe.weight': tf.zeros([11, 16]) };
  assert.throws(() => b.setWeights(wrong), /"transformer.wpe.weight" \[12,16\] biçiminde olmalı, verilen: \[11,16\]/);
  assert.throws(() => b.setWeights({ ...named, 'lm_head.weight': tf.zeros([23, 16]) }), /bilinmeyen tensör "lm_head.weight"/);
  wrong['transformer.wpe.weight'].dispose();
  a.dispose();
  b.dispose();
});
