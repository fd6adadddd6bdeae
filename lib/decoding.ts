/**
 * lib/decoding: text generation strategies written out, over one model-agnostic step interface
 * (`CausalLM`): greedy, temperature, top-k, top-p (nucleus), repetition penalty and beam search,
 * a seeded Mersenne Twister matching transformers.js's `random`, and metrics of generated text.
 * transformers.js 4.3.1's own `generate` has no beam search and ignores top_p; these fill the gap.
 * Introduced in 4_gpt_transformers.ipynb (reused in 5_LLAMA_transformers.ipynb).
 */
export { SeededRandom } from './decoding/rng';
export {
  applyRepetitionPenalty, applyTemperature, argmax, logSoftmax, sampleToken, softmax, sortedIndices, tokenLogProb, topKFilter, topPFilter,
} from './decoding/logits';
export type { SamplingSettings } from './decoding/logits';
export { miniGptCausalLM } from './decoding/minigpt';
export type { CachedDecoder, MiniGptCache } from './decoding/minigpt';
export type { CausalLM, StepOutput } from './decoding/lm';
export { checkDecodeOptions, decode } from './decoding/generate';
export type { DecodeOptions, DecodeResult } from './decoding/generate';
export { checkSamplingOptions, contextLengthOf, eosTokenIds, textStream } from './decoding/options';
export type { SamplingOptions } from './decoding/options';
export { distinctN, perplexity, repetitionRate, scoreContinuation } from './decoding/metrics';
