/**
 * lib/transformer's MiniGpt (or any model with the same `forward(ids, { cache })` and
 * `newCache()`) as a `CausalLM`, so lib/decoding's loops run on the GPT trained in
 * 4_gpt_transformers.ipynb. MiniGpt's KVCache grows in place; the CausalLM contract says a step
 * leaves its input cache unchanged. So a cache is used in place once (greedy and sampling feed
 * each cache exactly once: O(1) work per token), and a cache stepped a second time (beam search
 * extending one beam by several tokens) is rebuilt from its token list with a fresh KVCache.
 * Introduced in 4_gpt_transformers.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import type { KVCache } from '../transformer/kv_cache';
import type { CausalLM } from './lm';
import { shown } from '../validate';

/** What the adapter needs from the model. */
export interface CachedDecoder {
  config: { vocabSize: number; contextLength: number };
  newCache(): KVCache;
  forward(ids: number[][], options: { cache?: KVCache | null }): { logits: tf.Tensor };
}

/** The adapter's cache: the tokens seen, their KVCache, and whether a step already grew it. */
export interface MiniGptCache {
  tokens: number[];
  kv: KVCache;
  used: boolean;
}

/** `model` as a CausalLM; `eosTokenIds` end a text, `decode` turns ids into text for streaming. */
export function miniGptCausalLM(model: CachedDecoder, options: { name: string; eosTokenIds?: number[]; decode?: (ids: number[]) => string }): CausalLM<MiniGptCache> & { release(cache: MiniGptCache): void } {
  if (typeof model?.forward !== 'function' || typeof model.newCache !== 'function' || model.config == null) {
    throw new TypeError(`miniGptCausalLM: model bir MiniGpt (ya da forward(ids, { cache }) ve newCache() olan bir model) olmalı; verilen: ${shown(model)}.`);
  }
  if (typeof options?.name !== 'string') throw new TypeError(`miniGptCausalLM: options { name } gerekli (çıktılarda hangi modelin cevap verdiği); verilen: ${shown(options)}.`);
  const run = (ids: number[], kv: KVCache): Float32Array =>
    tf.tidy(() => {
      const { logits } = model.forward([ids], { cache: kv }); // (1, T, V)
      const T = ids.length;
      return logits.slice([0, T - 1, 0], [1, 1, model.config.vocabSize]).dataSync() as Float32Array; // (V)
    });
  return {
    name: options.name,
    vocabSize: model.config.vocabSize,
    contextLength: model.config.contextLength,
    eosTokenIds: options.eosTokenIds ?? [],
    async step(ids, cache) {
      let kv: KVCache;
      let fed = ids;
      if (cache === null) kv = model.newCache();
      else if (!cache.used) { cache.used = true; kv = cache.kv; }
      else { kv = model.newCache(); fed = [...cache.tokens, ...ids]; } // rebuild: the cache was grown by another step
      const logits = Float32Array.from(run(fed, kv));
      return { logits, cache: { tokens: [...(cache?.tokens ?? []), ...ids], kv, used: false } };
    },
    release(cache) {
      if (!cache.used) cache.kv.dispose();
    },
    ...(options.decode ? { decode: options.decode } : {}),
  };
}
