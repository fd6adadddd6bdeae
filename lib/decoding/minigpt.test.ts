import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initTf, setSeed, tf } from '../tf';
import { MiniGpt } from '../transformer';
import { decode } from './generate';
import { miniGptCausalLM } from './minigpt';

test('MiniGpt through the CausalLM adapter: cached = uncached decoding, beam search, sampling, no tensors left behind', async () => {
  await initTf();
  setSeed(3);
  const gpt = new MiniGpt({ vocabSize: 40, contextLength: 32, numLayers: 2, numHeads: 2, dModel: 16 });
  const lm = miniGptCausalLM(gpt, { name: 'mini', eosTokenIds: [0] });
  const before = tf.memory().numTensors;
  const cached = await decode(lm, [5, 6, 7], { maxNewTokens: 12, ignoreEos: true });
  const plain = await decode(lm, [5, 6, 7], { maxNewTokens: 12, ignoreEos: true, useCache: false });
  assert.deepEqual(cached.ids, plain.ids);
  cached.tokenLogProbs.forEach((l, i) => assert.ok(Math.abs(l - plain.tokenLogProbs[i]) < 1e-4));
  const beam = await decode(lm, [5, 6, 7], { maxNewTokens: 8, numBeams: 3, ignoreEos: true, lengthPenalty: 0 });
  const greedy8 = await decode(lm, [5, 6, 7], { maxNewTokens: 8, ignoreEos: true });
  assert.ok(beam.logProb >= greedy8.logProb - 1e-6, `beam ${beam.logProb} vs greedy ${greedy8.logProb}`);
  const a = await decode(lm, [5], { maxNewTokens: 10, doSample: true, topP: 0.9, temperature: 1.5, seed: 4, ignoreEos: true });
  const b = await decode(lm, [5], { maxNewTokens: 10, doSample: true, topP: 0.9, temperature: 1.5, seed: 4, ignoreEos: true });
  assert.deepEqual(a.ids, b.ids);
  assert.equal(tf.memory().numTensors, before, 'every KV cache released');
  await assert.rejects(decode(lm, [5, 6, 7], { maxNewTokens: 30 }), /maxNewTokens/);
  gpt.dispose();
});
