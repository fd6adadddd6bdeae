/**
 * `npm run bench -- decode [--rounds R] [--tokens N]`: our readable decoding loop (lib/decoding
 * `decode`, one forward call per token with the KV cache) against transformers.js's own
 * `model.generate`, in one run, on SmolLM2-135M-Instruct (onnx/model_q4.onnx prepared by
 * `npm run models:prepare`), the same prompt, N greedy tokens (end-of-sequence suppressed until N on both sides:
 * min_new_tokens / minNewTokens; default 128). The token ids must be identical. Rounds alternate between the two; each side's median
 * wall time of the whole call (prompt included) gives its tokens/s. Also measured: the same loop
 * without the KV cache (the whole sequence re-run every step) over fewer tokens (N / 4), to show
 * what the cache saves.
 *
 * Ends with
 *   RESULT decode_tokens_ratio_vs_transformersjs=<ours tokens/s ÷ transformers.js generate tokens/s>
 * and writes its section of bench/results.md.
 */
import * as fs from 'fs';
import type { Tensor } from '@huggingface/transformers';
import { projectPath } from '../lib/paths';
import { loadPipeline, loadTransformersModule, transformersCausalLM, unloadPipelines } from '../lib/models';
import type { TransformersGenerator } from '../lib/models';
import { OFFLINE_ENV, ensurePreparedModels } from '../lib/models/testing';
import { decode } from '../lib/decoding';
import { median, writeResults } from './results';

const version = (pkg: string) => (JSON.parse(fs.readFileSync(projectPath('node_modules', ...pkg.split('/'), 'package.json'), 'utf8')) as { version: string }).version;
const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer.`);
  return value;
};
const ROUNDS = option('rounds', 3);
const TOKENS = option('tokens', 128);
const PROMPT = 'Write a short story about a lighthouse keeper who finds a message in a bottle.';

async function main(): Promise<void> {
  ensurePreparedModels();
  const generator = (await loadPipeline('smollm2', { environment: OFFLINE_ENV })) as unknown as TransformersGenerator;
  const lm = await transformersCausalLM(generator, 'SmolLM2-135M-Instruct q4');
  const { Tensor: TensorClass } = await loadTransformersModule();
  const promptIds = Array.from(generator.tokenizer.encode(PROMPT));
  const input_ids = new TensorClass('int64', BigInt64Array.from(promptIds, BigInt), [1, promptIds.length]);
  const attention_mask = new TensorClass('int64', new BigInt64Array(promptIds.length).fill(1n), [1, promptIds.length]);

  const ours = async () => {
    const t = performance.now();
    const r = await decode(lm, promptIds, { maxNewTokens: TOKENS, minNewTokens: TOKENS });
    return { ids: r.ids, ms: performance.now() - t };
  };
  const theirs = async () => {
    const t = performance.now();
    const out = (await generator.model.generate({ input_ids, attention_mask, max_new_tokens: TOKENS, min_new_tokens: TOKENS, do_sample: false })) as Tensor;
    return { ids: Array.from(out.data as BigInt64Array, Number).slice(promptIds.length), ms: performance.now() - t };
  };
  await ours(); // warm-up (first session runs allocate)
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const a = await theirs();
    const b = await ours();
    if (a.ids.join() !== b.ids.join()) throw new Error(`round ${r + 1}: the token ids differ:\n  ours   ${b.ids.join(' ')}\n  theirs ${a.ids.join(' ')}`);
    if (b.ids.length !== TOKENS) throw new Error(`expected ${TOKENS} tokens, got ${b.ids.length}`);
    theirsMs.push(a.ms);
    oursMs.push(b.ms);
    console.log(`round ${r + 1}/${ROUNDS}: transformers.js ${a.ms.toFixed(0)} ms, ours ${b.ms.toFixed(0)} ms (${TOKENS} identical ids)`);
  }
  const uncachedTokens = Math.max(1, Math.floor(TOKENS / 4));
  const t = performance.now();
  const plain = await decode(lm, promptIds, { maxNewTokens: uncachedTokens, minNewTokens: uncachedTokens, useCache: false });
  const uncachedMs = performance.now() - t;
  const t2 = performance.now();
  const cachedPrefix = (await decode(lm, promptIds, { maxNewTokens: uncachedTokens, minNewTokens: uncachedTokens })).ids;
  const cachedShortMs = performance.now() - t2;
  if (plain.ids.join() !== cachedPrefix.join()) console.log('note: without the cache the q4 model chose other tokens (its numerics differ between batch and single-token runs)');

  const oursTps = (TOKENS / median(oursMs)) * 1000;
  const theirsTps = (TOKENS / median(theirsMs)) * 1000;
  const cachedShortTps = (uncachedTokens / cachedShortMs) * 1000;
  const uncachedTps = (uncachedTokens / uncachedMs) * 1000;
  const lines = [
    `SmolLM2-135M-Instruct (onnx/model_q4.onnx), prompt of ${promptIds.length} tokens, ${TOKENS} greedy tokens, ${ROUNDS} alternating rounds (median), transformers.js ${version('@huggingface/transformers')}, onnxruntime-node ${version('onnxruntime-node')}, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| loop | tokens/s |',
    '| --- | --- |',
    `| transformers.js \`model.generate\` (greedy, KV cache) | ${theirsTps.toFixed(1)} |`,
    `| lib/decoding \`decode\` (greedy, KV cache) | ${oursTps.toFixed(1)} |`,
    `| lib/decoding \`decode\` without the KV cache, ${uncachedTokens} tokens | ${uncachedTps.toFixed(1)} (with the cache, the same ${uncachedTokens} tokens: ${cachedShortTps.toFixed(1)}) |`,
  ];
  const ratio = oursTps / theirsTps;
  await unloadPipelines();
  writeResults('decode', lines, `RESULT decode_tokens_ratio_vs_transformersjs=${ratio.toFixed(3)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
