import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from './generate';
import { distinctN, perplexity, repetitionRate, scoreContinuation } from './metrics';
import { tableLM } from './testing';

// Tokens: 0 = end, 1 = a, 2 = b, 3 = c, 4 = d. From the start token 4, greedy takes a (0.5) but
// a's best follow-up has only 0.3, while b (0.4) leads to c with 0.9: beam search must find "bc".
const TABLE = [
  [0.2, 0.2, 0.2, 0.2, 0.2],
  [0.3, 0.25, 0.2, 0.2499, 0.0001],
  [0.05, 0.02, 0.02, 0.9, 0.01],
  [0.9, 0.04, 0.03, 0.02, 0.01],
  [0.05, 0.5, 0.4, 0.04, 0.01],
];

test('greedy takes the most probable token each step and stops at end-of-sequence', async () => {
  const r = await decode(tableLM(TABLE), [4], { maxNewTokens: 5 });
  assert.deepEqual(r.ids, [1, 0]);
  assert.equal(r.stoppedAtEos, true);
  assert.ok(Math.abs(r.logProb - Math.log(0.5 * 0.3)) < 1e-6);
  assert.equal(r.text, 'a`');
});

test('beam search finds the more probable sequence greedy misses; 1 beam equals greedy', async () => {
  const beam = await decode(tableLM(TABLE), [4], { maxNewTokens: 5, numBeams: 2 });
  assert.deepEqual(beam.ids, [2, 3, 0]);
  assert.ok(Math.abs(beam.logProb - Math.log(0.4 * 0.9 * 0.9)) < 1e-6);
  assert.ok(beam.logProb > Math.log(0.5 * 0.3));
  const one = await decode(tableLM(TABLE), [4], { maxNewTokens: 5, numBeams: 1 });
  assert.deepEqual(one.ids, [1, 0]);
});

test('the KV cache feeds one token per step; without it the whole sequence is re-run, same result', async () => {
  const cached = tableLM(TABLE);
  const plain = tableLM(TABLE);
  const a = await decode(cached, [4, 1, 2], { maxNewTokens: 6, ignoreEos: true, doSample: true, seed: 3 });
  const b = await decode(plain, [4, 1, 2], { maxNewTokens: 6, ignoreEos: true, doSample: true, seed: 3, useCache: false });
  assert.deepEqual(a.ids, b.ids);
  assert.equal(a.ids.length, 6);
  assert.deepEqual(cached.calls, [3, 1, 1, 1, 1, 1]);
  assert.deepEqual(plain.calls, [3, 4, 5, 6, 7, 8]);
});

test('sampling is reproducible per seed and streams every token as produced', async () => {
  const streamed: number[] = [];
  let text = '';
  const a = await decode(tableLM(TABLE), [4], { maxNewTokens: 20, doSample: true, seed: 11, ignoreEos: true, onToken: (piece, id) => { streamed.push(id); text += piece; } });
  const b = await decode(tableLM(TABLE), [4], { maxNewTokens: 20, doSample: true, seed: 11, ignoreEos: true });
  assert.deepEqual(a.ids, b.ids);
  assert.deepEqual(streamed, a.ids);
  assert.equal(text, a.text);
  const seeds = await Promise.all([1, 2, 3, 4].map((seed) => decode(tableLM(TABLE), [4], { maxNewTokens: 20, doSample: true, seed, ignoreEos: true })));
  assert.ok(new Set(seeds.map((r) => r.ids.join())).size > 1, 'different seeds give different texts');
});

test('repetition penalty steers greedy away from a token it already used', async () => {
  const loop = [[0.1, 0.1, 0.1, 0.1, 0.6], [0.1, 0.1, 0.1, 0.1, 0.6], [0.1, 0.1, 0.1, 0.1, 0.6], [0.1, 0.1, 0.1, 0.1, 0.6], [0.1, 0.45, 0.05, 0.05, 0.35]];
  const plain = await decode(tableLM(loop), [4], { maxNewTokens: 4, ignoreEos: true });
  assert.deepEqual(plain.ids, [1, 4, 1, 4]);
  const penalised = await decode(tableLM(loop), [4], { maxNewTokens: 4, ignoreEos: true, repetitionPenalty: 3 });
  assert.ok(repetitionRate(penalised.ids) < repetitionRate(plain.ids), `${penalised.ids} vs ${plain.ids}`);
});

test('bad input throws one error naming the argument', async () => {
  const lm = tableLM(TABLE, 10);
  const cases: [object, RegExp][] = [
    [{ maxNewTokens: 3, doSample: true, temperature: 0 }, /temperature/],
    [{ maxNewTokens: 3, doSample: true, temperature: -0.5 }, /temperature/],
    [{ maxNewTokens: 3, doSample: true, topP: 0 }, /topP/],
    [{ maxNewTokens: 3, doSample: true, topP: 1.5 }, /topP/],
    [{ maxNewTokens: 3, doSample: true, topK: 0 }, /topK/],
    [{ maxNewTokens: 3, numBeams: 0 }, /numBeams/],
    [{ maxNewTokens: 0 }, /maxNewTokens/],
    [{ maxNewTokens: 10 }, /maxNewTokens.*bağlam uzunluğu 10/],
    [{ maxNewTokens: 3, repetitionPenalty: 0 }, /repetitionPenalty/],
  ];
  for (const [options, message] of cases) await assert.rejects(decode(lm, [4], options as never), message);
  await assert.rejects(decode(lm, [], { maxNewTokens: 3 }), /prompt/);
});

test('metrics: scoreContinuation, perplexity, rep/ℓ, distinct-n', async () => {
  const s = await scoreContinuation(tableLM(TABLE), [4], [2, 3, 0]);
  assert.ok(Math.abs(s.logProb - Math.log(0.4 * 0.9 * 0.9)) < 1e-6);
  assert.ok(Math.abs(perplexity([Math.log(0.5), Math.log(0.5)]) - 2) < 1e-12);
  assert.equal(repetitionRate([1, 2, 3, 4]), 0);
  assert.equal(repetitionRate([1, 1, 1, 1]), 1);
  assert.equal(repetitionRate([1, 2, 1, 2], 1), 0, 'window 1 only looks at the previous token');
  assert.equal(distinctN([1, 2, 1, 2], 2), 2 / 3);
  assert.equal(distinctN([1, 2, 3], 1), 1);
});

test('minNewTokens keeps end-of-sequence out until that many tokens exist', async () => {
  const r = await decode(tableLM(TABLE), [4], { maxNewTokens: 5, minNewTokens: 3 });
  assert.ok(r.ids.slice(0, 3).every((id) => id !== 0), `${r.ids}`);
  assert.equal(r.ids.length <= 5, true);
});
