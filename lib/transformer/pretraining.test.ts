import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../tf/seed';
import { nspPairs, pairInput, pretrainingBatch } from './pretraining';
import { IGNORE_INDEX } from './train';

const texts = Array.from({ length: 400 }, (_, i) => `cümle ${i} başı, cümle ${i} sonu.`);

test('nspPairs: A before the first comma, B after it; about half are real continuations, the rest come from other texts', () => {
  setSeed(7);
  const pairs = nspPairs([...texts, 'virgülsüz bir cümle.']);
  assert.equal(pairs.length, texts.length, 'texts without ", " are skipped');
  const real = pairs.filter((p) => p.isNext);
  assert.ok(real.length > 160 && real.length < 240, `${real.length} of 400 real pairs`);
  pairs.forEach((p, i) => {
    assert.equal(p.a, `cümle ${i} başı`);
    assert.equal(p.b === `cümle ${i} sonu.`, p.isNext, 'a random B is never the real one');
  });
  setSeed(7);
  assert.deepEqual(nspPairs(texts), pairs.slice(0, texts.length), 'seeded');
  assert.throws(() => nspPairs(['tek, cümle']), /en az iki metin gerekli/);
});

test('pairInput: [CLS] A [SEP] B [SEP] with segments 0…0 1…1', () => {
  const special = { cls: 2, sep: 3, pad: 0, mask: 4, vocabSize: 50 };
  assert.deepEqual(pairInput([10, 11], [20], special), { ids: [2, 10, 11, 3, 20, 3], tokenTypeIds: [0, 0, 0, 0, 1, 1] });
});

test('pretrainingBatch: padding, mask, cut to maxLen, 15 % of real tokens chosen with 80/10/10, NSP labels', () => {
  setSeed(3);
  const special = { cls: 2, sep: 3, pad: 0, mask: 4, vocabSize: 1000 };
  const pairs = Array.from({ length: 300 }, (_, i) => ({ a: Array.from({ length: 5 + (i % 7) }, (_, k) => 100 + k), b: [200, 201, 202], isNext: i % 2 === 0 }));
  const batch = pretrainingBatch(pairs, special, 64);
  const width = 5 + 6 + 3 + 3;
  assert.ok(batch.ids.every((r) => r.length === width));
  assert.deepEqual(batch.nspLabels, pairs.map((_, i) => (i % 2 === 0 ? 0 : 1)));
  batch.attentionMask.forEach((row, b) => assert.equal(row.reduce((s, v) => s + v, 0), pairs[b].a.length + 6));
  let chosen = 0, real = 0, masked = 0, kept = 0;
  batch.mlmLabels.forEach((row, b) => row.forEach((label, t) => {
    if (![0, 2, 3].includes(batch.ids[b][t])) real += 1;
    if (label === IGNORE_INDEX) return;
    assert.ok(label >= 100, 'only real tokens are predicted, never [CLS]/[SEP]/[PAD]');
    chosen += 1;
    if (batch.ids[b][t] === 4) masked += 1;
    if (batch.ids[b][t] === label) kept += 1;
  }));
  assert.ok(Math.abs(chosen / real - 0.15) < 0.03, `chosen ${chosen / real}`);
  assert.ok(Math.abs(masked / chosen - 0.8) < 0.07 && Math.abs(kept / chosen - 0.1) < 0.06, `masked ${masked / chosen}, kept ${kept / chosen}`);
  const cut = pretrainingBatch([{ a: new Array(30).fill(100), b: new Array(10).fill(200), isNext: true }], special, 20);
  assert.equal(cut.ids[0].length, 20);
  // Like BERT's truncate_seq_pair: one token at a time from the longer segment (30 + 10 → 8 + 9).
  assert.deepEqual([cut.tokenTypeIds[0].filter((s) => s === 0).length, cut.tokenTypeIds[0].filter((s) => s === 1).length], [8 + 2, 9 + 1]);
  assert.throws(() => pretrainingBatch([], special, 20), /cümle çifti yok/);
});
