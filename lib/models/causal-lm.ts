/**
 * A transformers.js causal LM as lib/decoding's `CausalLM` (the step interface our greedy, sampling
 * and beam-search loops run on). It lives with the transformers.js wrapper, so lib/decoding needs no
 * model library; the end-of-sequence ids and context length come from lib/decoding's config readers.
 * Introduced in 4_gpt_transformers.ipynb.
 */
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import type { CausalLM } from '../decoding/lm';
import { contextLengthOf, eosTokenIds } from '../decoding/options';
import { loadTransformersModule } from './runtime';
import { shown } from '../validate';

/** A transformers.js KV cache: the `present.*` tensors renamed `past_key_values.*`, and how many tokens they hold. */
export interface TransformersCache {
  tensors: Record<string, Tensor>;
  length: number;
}

/** The parts of a transformers.js text-generation pipeline `transformersCausalLM` needs. */
export interface TransformersGenerator {
  model: PreTrainedModel;
  tokenizer: PreTrainedTokenizer;
}

/**
 * A transformers.js causal LM (the `model` and `tokenizer` of a text-generation pipeline) as a
 * `CausalLM`: each step is one forward call `model({ input_ids, attention_mask, past_key_values })`,
 * exactly what `generate()` runs, so the same cache gives the same logits.
 */
export async function transformersCausalLM(generator: TransformersGenerator, name: string): Promise<CausalLM<TransformersCache>> {
  if (generator?.model == null || generator.tokenizer == null || generator.model.config == null) {
    throw new TypeError(`transformersCausalLM: generator bir text-generation pipeline'ı olmalı ({ model, tokenizer }, ör. loadPipeline('text-generation')); verilen: ${shown(generator)}.`);
  }
  const { Tensor: TensorClass, DynamicCache } = await loadTransformersModule();
  const { model, tokenizer } = generator;
  const config = model.config as unknown as Record<string, unknown>;
  const vocabSize = Number(config.vocab_size);
  const contextLength = Number(contextLengthOf(config));
  return {
    name,
    vocabSize,
    contextLength,
    eosTokenIds: eosTokenIds(config, model.generation_config),
    async step(ids, cache) {
      const past = cache?.length ?? 0;
      const total = past + ids.length;
      const input_ids = new TensorClass('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]); // (1, T)
      const attention_mask = new TensorClass('int64', new BigInt64Array(total).fill(1n), [1, total]); // (1, past + T)
      const past_key_values = cache ? new DynamicCache(cache.tensors) : null;
      const out = (await model({ input_ids, attention_mask, past_key_values })) as Record<string, Tensor>;
      const logits = out.logits; // (1, T, vocabSize)
      const data = logits.data as Float32Array;
      // One token fed (every step after the prompt): the output is that row, a fresh array, used as is.
      // Several (the prompt): a copy of the last row, so the whole (T, vocabSize) block is not kept.
      const last = ids.length === 1 ? data : data.slice((ids.length - 1) * vocabSize, ids.length * vocabSize); // (vocabSize)
      const tensors: Record<string, Tensor> = {};
      for (const key of Object.keys(out)) if (key.startsWith('present')) tensors[key.replace('present', 'past_key_values')] = out[key];
      return { logits: last, cache: { tensors, length: total } };
    },
    decode: (ids) => tokenizer.decode(ids, { skip_special_tokens: true }),
  };
}
