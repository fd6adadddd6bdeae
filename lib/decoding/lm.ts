/**
 * The one interface our decoding loops run on: a causal language model that, given the tokens
 * it has not seen yet and its key/value cache of the ones it has, returns the next-token logits
 * and a new cache. A transformers.js model (lib/models's `transformersCausalLM`, through its forward
 * call with `past_key_values`) and lib/transformer's MiniGpt (`miniGptCausalLM`) both implement it,
 * so greedy, sampling and beam search are written once. Introduced in 4_gpt_transformers.ipynb.
 */

/** What one model step returns. */
export interface StepOutput<C> {
  /** Next-token logits after the last fed token: (vocabSize). A fresh array each step: decode keeps it (unchanged) until its log P is read. */
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
