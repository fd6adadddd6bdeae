/**
 * Text generation through a transformers.js text-generation pipeline, streamed token by token:
 * `generate(gpt2, 'Bu hafta sonu')` continues a prompt; `chat(smollm2, 'What is …?')` sends
 * messages through the model's own chat template (tokenizer_config.json). Generation stops at the
 * end-of-sequence token or after `maxNewTokens`. Streaming uses transformers.js's streamer
 * protocol (TextStreamer): `put()` receives the prompt once, then each new token; `end()` closes.
 * Introduced in 4_gpt_transformers.ipynb.
 */
import type { Message, TextGenerationPipeline } from '@huggingface/transformers';
import { loadTransformersModule } from './runtime';
import { checkNumber, shown } from '../validate';

/** Options of `generate` and `chat`. */
export interface GenerateOptions {
  /** Upper bound on generated tokens (default 128). */
  maxNewTokens?: number;
  /** Generate at least this many tokens, ignoring end-of-sequence before that (for timing; default 0). */
  minNewTokens?: number;
  /** Sample instead of greedy decoding (default false: greedy, reproducible). */
  doSample?: boolean;
  temperature?: number;
  topK?: number;
  topP?: number;
  /** Called once per generated token with the text it adds ('' while a UTF-8 character is incomplete). */
  onToken?: (text: string, tokenId: number) => void;
}

/** What `generate` and `chat` return. */
export interface GenerateResult {
  /** The generated text only (no prompt), special tokens removed. */
  text: string;
  /** Every generated token id, including the end-of-sequence token when generation stopped there. */
  tokenIds: number[];
  /** True when the model ended by itself (end-of-sequence token), not at maxNewTokens. */
  stoppedAtEos: boolean;
  /** Wall-clock milliseconds of the whole call (prompt processing included). */
  ms: number;
}

function eosIds(generator: TextGenerationPipeline): Set<number> {
  const ids = new Set<number>();
  const add = (v: unknown) => {
    if (typeof v === 'number') ids.add(v);
    else if (Array.isArray(v)) v.forEach(add);
  };
  add(generator.model.generation_config?.eos_token_id);
  add((generator.model.config as { eos_token_id?: unknown }).eos_token_id);
  return ids;
}

/** The longest sequence (prompt + generated tokens) the model has position embeddings for, if its config says. */
function contextLength(generator: TextGenerationPipeline): number | null {
  const config = generator.model.config as { max_position_embeddings?: unknown; n_positions?: unknown };
  const n = config.max_position_embeddings ?? config.n_positions;
  return typeof n === 'number' && n > 0 ? n : null;
}

/** Sampling and length options, checked before any work (transformers.js would run with NaN). */
function checkOptions(options: GenerateOptions): number {
  if (options === null || typeof options !== 'object') throw new TypeError(`options bir nesne olmalı, ör. { maxNewTokens: 20 }; gelen: ${shown(options)}.`);
  const maxNewTokens = checkNumber(options.maxNewTokens ?? 128, 'maxNewTokens', { integer: true, min: 1 });
  if (options.minNewTokens !== undefined) checkNumber(options.minNewTokens, 'minNewTokens', { integer: true, min: 0, max: maxNewTokens });
  if (options.temperature !== undefined) checkNumber(options.temperature, 'temperature', { min: 0, above: true });
  if (options.topK !== undefined) checkNumber(options.topK, 'topK', { integer: true, min: 0 });
  if (options.topP !== undefined) checkNumber(options.topP, 'topP', { min: 0, above: true, max: 1 });
  if (options.doSample !== undefined && typeof options.doSample !== 'boolean') throw new TypeError(`doSample true ya da false olmalı; gelen: ${shown(options.doSample)}.`);
  if (options.onToken !== undefined && typeof options.onToken !== 'function') throw new TypeError('onToken bir fonksiyon olmalı: (metin, tokenId) => { … }.');
  return maxNewTokens;
}

/**
 * Refuses a prompt that does not fit the model's context with the tokens still to come: past it the
 * model has no position embedding, and onnxruntime fails deep inside (after a long wait).
 */
function checkPromptLength(generator: TextGenerationPipeline, input: string | Message[], maxNewTokens: number): void {
  const context = contextLength(generator);
  if (context === null) return;
  const tokenizer = generator.tokenizer;
  // apply_chat_template gives { input_ids, attention_mask } (or the ids alone in older versions).
  const templated = typeof input === 'string' ? null
    : (tokenizer.apply_chat_template(input, { tokenize: true, add_generation_prompt: true, return_tensor: false }) as unknown);
  const ids = typeof input === 'string' ? tokenizer.encode(input)
    : Array.isArray(templated) ? templated : (templated as { input_ids: number[] }).input_ids;
  const promptTokens = ids.length;
  if (promptTokens + maxNewTokens > context) {
    const room = context - promptTokens;
    throw new RangeError(
      `Girdi ${promptTokens} token, üretilecek en çok ${maxNewTokens} token ile ${promptTokens + maxNewTokens} konum gerekiyor; ` +
        `bu modelin bağlamı ${context} token. ` +
        (room >= 1 ? `Girdiyi kısaltın ya da maxNewTokens'ı en çok ${room} yapın.` : 'Girdiyi kısaltın.'),
    );
  }
}

async function run(generator: TextGenerationPipeline, input: string | Message[], options: GenerateOptions): Promise<GenerateResult> {
  const maxNewTokens = checkOptions(options);
  checkPromptLength(generator, input, maxNewTokens);
  const { TextStreamer } = await loadTransformersModule();
  const tokenizer = generator.tokenizer;
  const tokenIds: number[] = [];
  let printed = '';

  class TokenStreamer extends TextStreamer {
    put(value: bigint[][]): void {
      if (this.skip_prompt && this.next_tokens_are_prompt) {
        this.next_tokens_are_prompt = false; // the first call carries the prompt
        return;
      }
      for (const id of value[0] ?? []) {
        tokenIds.push(Number(id));
        // Decode everything so far and report the new suffix: a token may be half a UTF-8 character.
        const text = tokenizer.decode(tokenIds, { skip_special_tokens: true });
        const complete = text.endsWith('\uFFFD') ? printed : text;
        const piece = complete.slice(printed.length);
        printed = complete;
        options.onToken?.(piece, Number(id));
      }
    }
    end(): void {
      // Nothing is buffered: put() reported every token.
    }
  }

  const started = Date.now();
  await generator(input, {
    max_new_tokens: maxNewTokens,
    ...(options.minNewTokens ? { min_new_tokens: options.minNewTokens } : {}),
    do_sample: options.doSample ?? false,
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.topK !== undefined ? { top_k: options.topK } : {}),
    ...(options.topP !== undefined ? { top_p: options.topP } : {}),
    streamer: new TokenStreamer(tokenizer, { skip_prompt: true }),
  });
  const ms = Date.now() - started;
  const last = tokenIds[tokenIds.length - 1];
  return {
    text: tokenizer.decode(tokenIds, { skip_special_tokens: true }),
    tokenIds,
    stoppedAtEos: last !== undefined && eosIds(generator).has(last),
    ms,
  };
}

/** Continues `prompt` (no chat template), e.g. `await generate(gpt2, 'Bu hafta sonu', { maxNewTokens: 20 })`. Introduced in 4_gpt_transformers.ipynb. */
export async function generate(generator: TextGenerationPipeline, prompt: string, options: GenerateOptions = {}): Promise<GenerateResult> {
  if (typeof prompt !== 'string' || prompt.length === 0) throw new TypeError(`generate: girdi (prompt) boş olmayan bir metin olmalı; gelen: ${shown(prompt)}.`);
  return run(generator, prompt, options);
}

/**
 * Sends `messages` (or one user message) through the model's chat template and returns the
 * assistant's answer (`text`, trimmed). Introduced in 5_LLAMA_transformers.ipynb.
 */
export async function chat(generator: TextGenerationPipeline, messages: Message[] | string, options: GenerateOptions = {}): Promise<GenerateResult> {
  const chatMessages: Message[] = typeof messages === 'string' ? [{ role: 'user', content: messages }] : messages;
  if (!Array.isArray(chatMessages) || chatMessages.length === 0) {
    throw new TypeError(`chat: bir metin ya da en az bir mesaj ({ role: 'user', content: '…' }) verin; gelen: ${shown(messages)}.`);
  }
  chatMessages.forEach((m, i) => {
    if (m === null || typeof m !== 'object' || typeof m.role !== 'string' || typeof m.content !== 'string') {
      throw new TypeError(`chat: messages[${i}] { role, content } biçiminde olmalı (ikisi de metin); gelen: ${shown(m)}.`);
    }
  });
  if (!generator.tokenizer.chat_template) {
    throw new Error('chat: this model has no chat template (tokenizer_config.json); use generate() with a plain prompt.');
  }
  const result = await run(generator, chatMessages, options);
  return { ...result, text: result.text.trim() };
}
