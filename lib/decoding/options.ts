/**
 * The one home of text generation's settings: the sampling options both ways of generating take
 * (our `decode` loop and lib/models's `generate`/`chat` over transformers.js), checked once at the
 * entry with one rule each; the end-of-sequence ids and context length read from a model's config;
 * and the UTF-8 text stream that reports each token's text as it is produced. lib/models maps these
 * options to transformers.js's names (max_new_tokens, top_k, …). Introduced in 4_gpt_transformers.ipynb.
 */
import { checkNumber, shown } from '../validate';

/** Sampling and length settings shared by `decode` and lib/models's `generate` / `chat`. */
export interface SamplingOptions {
  /** How many tokens to generate at most. */
  maxNewTokens?: number;
  /** End-of-sequence tokens are refused until this many tokens exist (transformers' min_new_tokens). */
  minNewTokens?: number;
  /** Sample instead of greedy decoding (default false: greedy, reproducible). */
  doSample?: boolean;
  temperature?: number;
  topK?: number;
  topP?: number;
  /** Receives each new token as it is produced, with the text it adds ('' while a UTF-8 character is incomplete). */
  onToken?: (text: string, tokenId: number) => void;
}

/**
 * Checks every sampling setting (one clear Turkish error naming the first bad one) and returns
 * maxNewTokens (`defaultMaxNewTokens` when not given; without a default it is required).
 */
export function checkSamplingOptions(options: SamplingOptions, defaultMaxNewTokens?: number): number {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options bir nesne olmalı, ör. { maxNewTokens: 20 }; verilen: ${shown(options)}.`);
  }
  const maxNewTokens = checkNumber(options.maxNewTokens ?? defaultMaxNewTokens, 'maxNewTokens', { integer: true, min: 1 });
  if (options.minNewTokens !== undefined) {
    checkNumber(options.minNewTokens, 'minNewTokens', { integer: true, min: 0, max: maxNewTokens, hint: '0 ile maxNewTokens arasında bir tam sayı verin.' });
  }
  if (options.temperature !== undefined) {
    checkNumber(options.temperature, 'temperature', { min: 0, above: true, hint: "En olası token'ı seçmek için greedy (doSample: false) kullanın." });
  }
  if (options.topK !== undefined) checkNumber(options.topK, 'topK', { integer: true, min: 1 });
  if (options.topP !== undefined) checkNumber(options.topP, 'topP', { min: 0, above: true, max: 1 });
  if (options.doSample !== undefined && typeof options.doSample !== 'boolean') {
    throw new TypeError(`doSample true ya da false olmalı; verilen: ${shown(options.doSample)}.`);
  }
  if (options.onToken !== undefined && typeof options.onToken !== 'function') {
    throw new TypeError(`onToken bir fonksiyon olmalı, ör. (text) => process.stdout.write(text); verilen: ${shown(options.onToken)}.`);
  }
  return maxNewTokens;
}

function idsOf(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(idsOf);
  return [];
}

/** The end-of-sequence token ids a model's config and generation config name (either may list several). */
export function eosTokenIds(config: unknown, generationConfig?: unknown): number[] {
  const read = (c: unknown) => idsOf((c as { eos_token_id?: unknown } | null | undefined)?.eos_token_id);
  return [...new Set([...read(generationConfig), ...read(config)])];
}

/** The longest sequence (prompt + generated) a model's config has positions for, or null when it does not say. */
export function contextLengthOf(config: unknown): number | null {
  const c = (config ?? {}) as { max_position_embeddings?: unknown; n_positions?: unknown; n_ctx?: unknown };
  const n = c.max_position_embeddings ?? c.n_positions ?? c.n_ctx;
  return typeof n === 'number' && n > 0 ? n : null;
}

/**
 * The text stream of a generation: call it with the ids generated so far after each new token; it
 * calls `onToken` with the text that token adds. A token may end in the middle of a UTF-8
 * character (decoded as U+FFFD): its text is then '' and comes with the token that completes it.
 */
export function textStream(decode: ((ids: number[]) => string) | undefined, onToken: SamplingOptions['onToken']): (ids: number[]) => void {
  let printed = '';
  return (ids) => {
    if (!onToken) return;
    const id = ids[ids.length - 1];
    if (!decode) { onToken('', id); return; }
    const text = decode(ids);
    const complete = text.endsWith('\uFFFD') ? printed : text;
    const piece = complete.startsWith(printed) ? complete.slice(printed.length) : complete;
    printed = complete;
    onToken(piece, id);
  };
}
