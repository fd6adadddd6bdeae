/**
 * The one interface our decoding loops run on: a causal language model that, given the tokens
 * it has not seen yet and its key/value cache of the ones it has, returns the next-token logits
 * and a new cache. A transformers.js model (`transformersCausalLM`, through its forward call with
 * `past_key_values`) and lib/transformer's MiniGpt both implement it, so greedy, sampling and beam
 * search are written once. Introduced in 4_gpt_transformers.ipynb.
 */
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { loadTransformersModule } from '../models/runtime';
import { shown } from '../validate';

/** What one model step returns. */
export interface StepOutput<C> {
  /** Next-token logits after the last fed token: (vocabSize). */
  logits: Float32Array;
  /** The cache now holding every token fed so far. */
  cache: C;
}

/** A causal LM, seen one step at a time. */
export interface CausalLM<C = unknown> {
  /** Shown in outputs: which model answered. */
  name: string;
  vocabSize: number;
  /** Longest sequence (prompt + generated) the model accepts (its position table). */
  contextLength: number;
  /** Tokens that end a text. */
  eosTokenIds: number[];
  /**
   * Feeds `ids` after the tokens already in `cache` (null: an empty cache). Must leave `cache`
   * unchanged (beam search keeps one cache per beam and steps several beams from the same one).
   */
  step(ids: number[], cache: C | null): Promise<StepOutput<C>>;
  /** Text of token ids, special tokens removed (for streaming and display). */
  decode?(ids: number[]): string;
  /** Frees a cache the decoding loop will not step again (models whose caches hold tensors). */
  release?(cache: C): void;
}

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

function idsOf(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(idsOf);
  return [];
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
  const contextLength = Number(config.max_position_embeddings ?? config.n_positions ?? config.n_ctx);
  const eos = new Set([...idsOf(model.generation_config?.eos_token_id), ...idsOf(config.eos_token_id)]);
  return {
    name,
    vocabSize,
    contextLength,
    eosTokenIds: [...eos],
    async step(ids, cache) {
      const past = cache?.length ?? 0;
      const total = past + ids.length;
      const input_ids = new TensorClass('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]); // (1, T)
      const attention_mask = new TensorClass('int64', new BigInt64Array(total).fill(1n), [1, total]); // (1, past + T)
      const past_key_values = cache ? new DynamicCache(cache.tensors) : null;
      const out = (await model({ input_ids, attention_mask, past_key_values })) as Record<string, Tensor>;
      const logits = out.logits; // (1, T, vocabSize)
      const data = logits.data as Float32Array;
      const last = data.slice((ids.length - 1) * vocabSize, ids.length * vocabSize); // (vocabSize)
      const tensors: Record<string, Tensor> = {};
      for (const key of Object.keys(out)) if (key.startsWith('present')) tensors[key.replace('present', 'past_key_values')] = out[key];
      return { logits: last, cache: { tensors, length: total } };
    },
    decode: (ids) => tokenizer.decode(ids, { skip_special_tokens: true }),
  };
}
