/**
 * A tiny causal LM for the lib/decoding tests (not used by notebooks): next-token log-probabilities
 * looked up from a table by the last token, so every decoding result can be worked out by hand.
 * Its cache is the list of tokens seen (a new array per step: the input cache is never changed).
 */
import type { CausalLM } from './lm';

/** `table[last]` = next-token probabilities after token `last`; token 0 is the end-of-sequence token. */
export function tableLM(table: number[][], contextLength = 64): CausalLM<number[]> & { calls: number[] } {
  const calls: number[] = [];
  return {
    name: 'table-lm',
    vocabSize: table.length,
    contextLength,
    eosTokenIds: [0],
    calls,
    async step(ids, cache) {
      calls.push(ids.length);
      const seen = [...(cache ?? []), ...ids];
      return { logits: Float32Array.from(table[seen[seen.length - 1]], Math.log), cache: seen };
    },
    decode: (ids) => ids.map((id) => String.fromCharCode(96 + id)).join(''),
  };
}
