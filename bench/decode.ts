/**
 * `npm run bench -- decode [--rounds R] [--tokens N]`: our readable decoding loop (lib/decoding
 * `decode`, one forward call per token with the KV cache) against transformers.js's own
 * `model.generate`, in one run, on SmolLM2-135M-Instruct (onnx/model_q4.onnx prepared by
 * `npm run models:prepare`), the same prompt, N greedy tokens (end-of-sequence suppressed until N on both sides:
 * min_new_tokens / minNewTokens; default 128). The token ids must be identical. Rounds alternate between the two
 * (default 5: one slow round on a shared machine does not move the median); each side's median
 * wall time of the whole call (prompt included) gives its tokens/s. Both sides run the same forward
 * call (`model.forward`), so the process CPU time (`process.cpuUsage`, which other work inflates far
 * less than wall time) per token is split into that call and everything around it: the loop's own
 * overhead, the part the two sides do differently. Also measured: the same loop
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
import { busyMachineNote, cpuInfo, loadAverage, median, writeResults } from './results';

const version = (pkg: string) => (JSON.parse(fs.readFileSync(projectPath('node_modules', ...pkg.split('/'), 'package.json'), 'utf8')) as { version: string }).version;
const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer.`);
  return value;
};
const ROUNDS = option('rounds', 5);
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
  const loadAtStart = loadAverage();

  // Process CPU time (ms) inside the model's forward call, which both loops run once per token.
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const model = generator.model as unknown as { forward(inputs: unknown): Promise<unknown> };
  const forward = model.forward.bind(model);
  let forwardCpuMs = 0;
  model.forward = async (inputs) => {
    const start = cpuMs();
    try { return await forward(inputs); } finally { forwardCpuMs += cpuMs() - start; }
  };
  /** One timed call: ids, wall ms, process CPU ms per token inside the forward call and around it. */
  const timed = async (run: () => Promise<number[]>) => {
    forwardCpuMs = 0;
    const [t, c] = [performance.now(), cpuMs()];
    const ids = await run();
    const [ms, cpu] = [performance.now() - t, cpuMs() - c];
    return { ids, ms, forwardCpu: forwardCpuMs / TOKENS, aroundCpu: (cpu - forwardCpuMs) / TOKENS };
  };
  const ours = () => timed(async () => (await decode(lm, promptIds, { maxNewTokens: TOKENS, minNewTokens: TOKENS })).ids);
  const theirs = () => timed(async () => {
    const out = (await generator.model.generate({ input_ids, attention_mask, max_new_tokens: TOKENS, min_new_tokens: TOKENS, do_sample: false })) as Tensor;
    return Array.from(out.data as BigInt64Array, Number).slice(promptIds.length);
  });
  await ours(); // warm-up (first session runs allocate)
  await theirs();
  const rounds: { ours: Awaited<ReturnType<typeof ours>>; theirs: Awaited<ReturnType<typeof theirs>> }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which side goes first (an object literal runs its values in order), so neither always inherits the other's garbage.
    const round = r % 2 === 0 ? { theirs: await theirs(), ours: await ours() } : { ours: await ours(), theirs: await theirs() };
    if (round.theirs.ids.join() !== round.ours.ids.join()) throw new Error(`round ${r + 1}: the token ids differ:\n  ours   ${round.ours.ids.join(' ')}\n  theirs ${round.theirs.ids.join(' ')}`);
    if (round.ours.ids.length !== TOKENS) throw new Error(`expected ${TOKENS} tokens, got ${round.ours.ids.length}`);
    rounds.push(round);
    console.log(`round ${r + 1}/${ROUNDS}: transformers.js ${round.theirs.ms.toFixed(0)} ms, ours ${round.ours.ms.toFixed(0)} ms (${TOKENS} identical ids; ratio ${(round.theirs.ms / round.ours.ms).toFixed(2)}); ` +
      `CPU per token in forward / around it: transformers.js ${round.theirs.forwardCpu.toFixed(2)} / ${round.theirs.aroundCpu.toFixed(2)} ms, ours ${round.ours.forwardCpu.toFixed(2)} / ${round.ours.aroundCpu.toFixed(2)} ms`);
  }
  model.forward = forward;
  const oursMs = rounds.map((r) => r.ours.ms);
  const theirsMs = rounds.map((r) => r.theirs.ms);
  const cpuCell = (side: 'ours' | 'theirs') => `${median(rounds.map((r) => r[side].forwardCpu)).toFixed(2)} | ${median(rounds.map((r) => r[side].aroundCpu)).toFixed(2)}`;
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
    `SmolLM2-135M-Instruct (onnx/model_q4.onnx), prompt of ${promptIds.length} tokens, ${TOKENS} greedy tokens, ${ROUNDS} alternating rounds (median), transformers.js ${version('@huggingface/transformers')}, onnxruntime-node ${version('onnxruntime-node')}, ` +
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${loadAtStart} at the start and ${loadAverage()} at the end.${busyMachineNote(cpuInfo(), loadAtStart)}`,
    `Per-round ratios (transformers.js ms ÷ ours): ${rounds.map((r) => (r.theirs.ms / r.ours.ms).toFixed(2)).join(' / ')}.`,
    '',
    '| loop | tokens/s | CPU ms per token in `model.forward` | CPU ms per token around it |',
    '| --- | --- | --- | --- |',
    `| transformers.js \`model.generate\` (greedy, KV cache) | ${theirsTps.toFixed(1)} | ${cpuCell('theirs')} |`,
    `| lib/decoding \`decode\` (greedy, KV cache) | ${oursTps.toFixed(1)} | ${cpuCell('ours')} |`,
    `| lib/decoding \`decode\` without the KV cache, ${uncachedTokens} tokens | ${uncachedTps.toFixed(1)} (with the cache, the same ${uncachedTokens} tokens: ${cachedShortTps.toFixed(1)}) | | |`,
    '',
    'CPU is the whole process\'s (`process.cpuUsage`, medians over the rounds): onnxruntime\'s worker thread, which keeps spinning a little after each call, counts too, so "around it" is not ours alone; the two sides\' difference there is.',
  ];
  const ratio = oursTps / theirsTps;
  await unloadPipelines();
  writeResults('decode', lines, `RESULT decode_tokens_ratio_vs_transformersjs=${ratio.toFixed(3)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
