/**
 * Text generation through a transformers.js text-generation pipeline, streamed token by token:
 * `generate(gpt2, 'Bu hafta sonu')` continues a prompt; `chat(smollm2, 'What is …?')` sends
 * messages through the model's own chat template (tokenizer_config.json). Generation stops at the
 * end-of-sequence token or after `maxNewTokens`. Streaming uses transformers.js's streamer
 * protocol (TextStreamer): `put()` receives the prompt once, then each new token; `end()` closes.
 * The options, their checks, the end-of-sequence ids, the context length and the text stream are
 * lib/decoding's (options.ts); this file maps them to transformers.js's names.
 * Introduced in 4_gpt_transformers.ipynb.
 */
import type { Message, TextGenerationPipeline } from '@huggingface/transformers';
import { checkSamplingOptions, contextLengthOf, eosTokenIds, textStream } from '../decoding/options';
import type { SamplingOptions } from '../decoding/options';
import { loadTransformersModule } from './runtime';
import { shown } from '../validate';

/** Options of `generate` and `chat`: lib/decoding's sampling options (maxNewTokens defaults to 128 here). */
export type GenerateOptions = SamplingOptions;

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

/** lib/decoding's sampling options under transformers.js's generate() names. */
function transformersOptions(options: GenerateOptions, maxNewTokens: number): Record<string, unknown> {
  return {
    max_new_tokens: maxNewTokens,
    ...(options.minNewTokens ? { min_new_tokens: options.minNewTokens } : {}),
    do_sample: options.doSample ?? false,
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.topK !== undefined ? { top_k: options.topK } : {}),
    ...(options.topP !== undefined ? { top_p: options.topP } : {}),
  };
}

/**
 * Refuses a prompt that does not fit the model's context with the tokens still to come: past it the
 * model has no position embedding, and onnxruntime fails deep inside (after a long wait).
 */
function checkPromptLength(generator: TextGenerationPipeline, input: string | Message[], maxNewTokens: number): void {
  const context = contextLengthOf(generator.model.config);
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
  const maxNewTokens = checkSamplingOptions(options, 128);
  checkPromptLength(generator, input, maxNewTokens);
  const { TextStreamer } = await loadTransformersModule();
  const tokenizer = generator.tokenizer;
  const tokenIds: number[] = [];
  const stream = textStream((ids) => tokenizer.decode(ids, { skip_special_tokens: true }), options.onToken);

  class TokenStreamer extends TextStreamer {
    put(value: bigint[][]): void {
      if (this.skip_prompt && this.next_tokens_are_prompt) {
        this.next_tokens_are_prompt = false; // the first call carries the prompt
        return;
      }
      for (const id of value[0] ?? []) {
        tokenIds.push(Number(id));
        stream(tokenIds);
      }
    }
    end(): void {
      // Nothing is buffered: put() reported every token.
    }
  }

  const started = Date.now();
  await generator(input, { ...transformersOptions(options, maxNewTokens), streamer: new TokenStreamer(tokenizer, { skip_prompt: true }) });
  const ms = Date.now() - started;
  const last = tokenIds[tokenIds.length - 1];
  return {
    text: tokenizer.decode(tokenIds, { skip_special_tokens: true }),
    tokenIds,
    stoppedAtEos: last !== undefined && eosTokenIds(generator.model.config, generator.model.generation_config).includes(last),
    ms,
  };
}

/** Continues `prompt` (no chat template), e.g. `await generate(gpt2, 'Bu hafta sonu', { maxNewTokens: 20 })`. Introduced in 4_gpt_transformers.ipynb. */
export async function generate(generator: TextGenerationPipeline, prompt: string, options: GenerateOptions = {}): Promise<GenerateResult> {
  if (typeof prompt !== 'string' || prompt.length === 0) throw new TypeError(`generate: girdi (prompt) boş olmayan bir metin olmalı; verilen: ${shown(prompt)}.`);
  return run(generator, prompt, options);
}

/**
 * Sends `messages` (or one user message) through the model's chat template and returns the
 * assistant's answer (`text`, trimmed). Introduced in 5_LLAMA_transformers.ipynb.
 */
export async function chat(generator: TextGenerationPipeline, messages: Message[] | string, options: GenerateOptions = {}): Promise<GenerateResult> {
  const chatMessages: Message[] = typeof messages === 'string' ? [{ role: 'user', content: messages }] : messages;
  if (!Array.isArray(chatMessages) || chatMessages.length === 0) {
    throw new TypeError(`chat: bir metin ya da en az bir mesaj ({ role: 'user', content: '…' }) verin; verilen: ${shown(messages)}.`);
  }
  chatMessages.forEach((m, i) => {
    if (m === null || typeof m !== 'object' || typeof m.role !== 'string' || typeof m.content !== 'string') {
      throw new TypeError(`chat: messages[${i}] { role, content } biçiminde olmalı (ikisi de metin); verilen: ${shown(m)}.`);
    }
  });
  if (!generator.tokenizer.chat_template) {
    throw new Error('chat: bu modelin sohbet şablonu yok (tokenizer_config.json); düz bir metinle generate() kullanın.');
  }
  const result = await run(generator, chatMessages, options);
  return { ...result, text: result.text.trim() };
}
