import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from './generate';
import { distinctN, perplexity, repetitionRate, scoreContinuation } from './metrics';
import { tableLM } from './testing';
import { SeededRandom } from './rng';
import type { DecodeOptions } from './generate';
import type { CausalLM } from './lm';

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

// A 64-token table LM with seeded, uneven next-token probabilities: enough choices for top-k,
// top-p and temperature to matter. Token 0 ends a text.
function randomTableLM() {
  const rng = new SeededRandom(2024);
  const table = Array.from({ length: 64 }, () => {
    const w = Array.from({ length: 64 }, () => rng.random() ** 6);
    w[0] *= 4; // end-of-sequence comes up now and then
    const sum = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / sum);
  });
  return tableLM(table);
}

// Ids each setting gave before the log P were deferred (commit 28c71d8: a log-sum-exp over the
// vocabulary inside the loop, every token): the faster loop must give these same ids.
const PINNED: [string, DecodeOptions, number[]][] = [
  ['greedy', { maxNewTokens: 40 }, [46, 38, 59, 39, 19, 8, 34, 23, 0]],
  ['greedy, minNewTokens 30', { maxNewTokens: 40, minNewTokens: 30 }, [46, 38, 59, 39, 19, 8, 34, 23, 55, 28, 33, 53, 32, 5, 46, 38, 59, 39, 19, 8, 34, 23, 55, 28, 33, 53, 32, 5, 46, 38, 59, 39, 19, 8, 34, 23, 0]],
  ['greedy, minNewTokens 30, repetition penalty 1.3', { maxNewTokens: 40, minNewTokens: 30, repetitionPenalty: 1.3 }, [46, 38, 59, 39, 19, 8, 34, 23, 55, 28, 33, 53, 32, 31, 35, 3, 62, 25, 7, 4, 11, 36, 40, 16, 43, 30, 10, 47, 45, 52, 54, 13, 0]],
  ['seed 7, T = 0.8, top-k 20', { maxNewTokens: 40, doSample: true, seed: 7, temperature: 0.8, topK: 20 }, [18, 30, 39, 19, 23, 50, 56, 11, 36, 23, 0]],
  ['seed 7, top-p 0.9', { maxNewTokens: 40, doSample: true, seed: 7, topP: 0.9 }, [31, 49, 58, 36, 52, 63, 0]],
  ['seed 11, T = 1.3, top-k 50, top-p 0.95, minNewTokens 6, penalty 1.2', { maxNewTokens: 40, minNewTokens: 6, doSample: true, seed: 11, temperature: 1.3, topK: 50, topP: 0.95, repetitionPenalty: 1.2 }, [9, 28, 10, 62, 46, 8, 53, 15, 28, 22, 13, 6, 61, 41, 60, 0]],
];

test('greedy and seeded sampling give the pinned ids; the deferred log P equal scoreContinuation\'s exactly', async () => {
  for (const [name, options, pinned] of PINNED) {
    const r = await decode(randomTableLM(), [5], options);
    assert.deepEqual(r.ids, pinned, name);
    const scored = await scoreContinuation(randomTableLM(), [5], r.ids); // the same log P, computed step by step
    assert.deepEqual(r.tokenLogProbs, scored.tokenLogProbs, name);
    assert.equal(r.logProb, scored.logProb, name);
    assert.equal(JSON.parse(JSON.stringify(r)).logProb, r.logProb, 'the getters are enumerable: JSON and spread see the values');
  }
  // Negative controls: the pins and the log P comparison can fail.
  const otherSeed = await decode(randomTableLM(), [5], { ...PINNED[3][1], seed: 8 });
  assert.notDeepEqual(otherSeed.ids, PINNED[3][2], 'another seed, other ids');
  assert.notDeepEqual(PINNED[0][2], PINNED[1][2], 'minNewTokens changes the greedy ids');
  assert.notDeepEqual(PINNED[1][2], PINNED[2][2], 'the penalty changes the greedy ids');
  const r = await decode(randomTableLM(), [5], PINNED[0][1]);
  const swapped = await scoreContinuation(randomTableLM(), [5], [...r.ids.slice(0, -2), 7, 0]);
  assert.notDeepEqual(r.tokenLogProbs, swapped.tokenLogProbs, 'one token changed, another log P');
});

test('past 16 M floats of kept logits the oldest rows are folded into their log P at once: same numbers', async () => {
  const vocabSize = 131072; // × 140 tokens = 18,4 M floats, above the 16 M kept
  const wide: CausalLM<number[]> = {
    name: 'wide', vocabSize, contextLength: 256, eosTokenIds: [],
    async step(ids, cache) {
      const seen = [...(cache ?? []), ...ids];
      const last = seen[seen.length - 1];
      return { logits: Float32Array.from({ length: vocabSize }, (_, i) => Math.sin(i * 0.37 + last * 1.3) * 8), cache: seen };
    },
  };
  const r = await decode(wide, [1], { maxNewTokens: 140 });
  assert.equal(r.ids.length, 140);
  assert.deepEqual(r.tokenLogProbs, (await scoreContinuation(wide, [1], r.ids)).tokenLogProbs);
});

test('a model whose logits are NaN is named at the step, not left to the deferred log P', async () => {
  const broken: CausalLM<null> = { name: 'broken', vocabSize: 4, contextLength: 16, eosTokenIds: [], step: async () => ({ logits: new Float32Array(4).fill(NaN), cache: null }) };
  await assert.rejects(decode(broken, [1], { maxNewTokens: 3 }), /logits\[0\] = NaN/);
  await assert.rejects(decode(broken, [1], { maxNewTokens: 3, doSample: true }), /logits/);
});
