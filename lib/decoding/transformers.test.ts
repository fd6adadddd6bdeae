// Our decoding loop against transformers.js's own generate(), same model, same prompt ids:
// greedy (with and without repetition penalty) and top-k + temperature sampling with its seeded
// `random` must give the same token ids. Offline models: the committed tiny GPT-2 and the real
// SmolLM2-135M-Instruct (converted by scripts/prepare-models.mjs in before()).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '@huggingface/transformers';
import { loadPipeline, unloadPipelines } from '../models/loader';
import { loadTransformersModule } from '../models/runtime';
import { OFFLINE_ENV, ensurePreparedModels } from '../models/testing';
import { decode } from './generate';
import { scoreContinuation } from './metrics';
import { transformersCausalLM } from '../models/causal-lm';
import type { TransformersGenerator } from '../models/causal-lm';

before(ensurePreparedModels);
after(unloadPipelines);

async function theirIds(generator: TransformersGenerator, promptIds: number[], options: Record<string, unknown>): Promise<number[]> {
  const { Tensor: TensorClass } = await loadTransformersModule();
  const input_ids = new TensorClass('int64', BigInt64Array.from(promptIds, BigInt), [1, promptIds.length]);
  const attention_mask = new TensorClass('int64', new BigInt64Array(promptIds.length).fill(1n), [1, promptIds.length]);
  const out = (await generator.model.generate({ input_ids, attention_mask, ...options })) as Tensor;
  return Array.from(out.data as BigInt64Array, Number).slice(promptIds.length);
}

for (const [name, prompt] of [['tiny-gpt2', 'Bu hafta sonu'], ['smollm2', 'The best way to learn a language is']] as const) {
  test(`${name}: greedy, greedy with repetition penalty, and top-k + temperature sampling agree with transformers.js generate`, async () => {
    const generator = (await loadPipeline(name, { environment: OFFLINE_ENV })) as unknown as TransformersGenerator;
    const lm = await transformersCausalLM(generator, name);
    const promptIds = Array.from(generator.tokenizer.encode(prompt));
    const n = 24;
    const greedy = await decode(lm, promptIds, { maxNewTokens: n });
    assert.ok(greedy.ids.length >= 8, `${name} generated ${greedy.ids.length} tokens`);
    assert.deepEqual(greedy.ids, await theirIds(generator, promptIds, { max_new_tokens: n, do_sample: false }));
    // minNewTokens (the bench's setting) against min_new_tokens, and the deferred log P against
    // scoreContinuation's step-by-step ones: the same forward calls, so the same numbers.
    const long = await decode(lm, promptIds, { maxNewTokens: n, minNewTokens: n });
    assert.deepEqual(long.ids, await theirIds(generator, promptIds, { max_new_tokens: n, min_new_tokens: n, do_sample: false }));
    assert.equal(long.ids.length, n);
    assert.deepEqual(long.tokenLogProbs, (await scoreContinuation(lm, promptIds, long.ids)).tokenLogProbs);
    const penalised = await decode(lm, promptIds, { maxNewTokens: n, repetitionPenalty: 1.3 });
    assert.deepEqual(penalised.ids, await theirIds(generator, promptIds, { max_new_tokens: n, do_sample: false, repetition_penalty: 1.3 }));
    const { random } = await loadTransformersModule();
    for (const [seed, temperature, topK] of [[3, 0.8, 20], [11, 1.3, 50]]) {
      const ours = await decode(lm, promptIds, { maxNewTokens: n, doSample: true, temperature, topK, seed });
      random.seed(seed);
      const theirs = await theirIds(generator, promptIds, { max_new_tokens: n, do_sample: true, temperature, top_k: topK });
      assert.deepEqual(ours.ids, theirs, `seed ${seed}, T=${temperature}, top-k ${topK}`);
      assert.ok(ours.ids.length >= 8 && ours.ids.join() !== greedy.ids.join(), 'a real sampled continuation, not the greedy one');
    }
  });
}
