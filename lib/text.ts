/**
 * lib/text: Turkish text → words → index sequences, and the data plumbing around them
 * (padding, labels, seeded splits, next-word examples). No tfjs here: tensors are lib/tf's job.
 */
export { DEFAULT_TEXT_OPTIONS, KERAS_FILTERS, TURKISH_FILTERS, normalizeText, turkishLower, turkishUpper, words } from './text/normalize';
export type { TextOptions } from './text/normalize';
export { Tokenizer } from './text/tokenizer';
export type { TokenizerJSON, TokenizerOptions } from './text/tokenizer';
export { padSequences } from './text/pad';
export type { PadOptions } from './text/pad';
export { LabelEncoder } from './text/labels';
export type { Label, LabelEncoderJSON } from './text/labels';
export { trainTestSplit } from './text/split';
export type { Split, SplitOptions } from './text/split';
export { ngramPrefixSequences, splitXy } from './text/ngrams';
export { mulberry32, permutation, randomInt, shuffleInPlace } from './random';
export type { Rng } from './random';
