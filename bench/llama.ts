/**
 * `npm run bench -- llama [--tokens N]`: lib/transformer's MiniLlama (tfjs, wasm backend) against
 * transformers.js (onnxruntime-node) on SmolLM2-135M-Instruct, the same fp32 weights on both sides
 * (model.safetensors and onnx/model.onnx, both written by `npm run models:prepare` from one
 * checkpoint), in one run:
 *
 *  1. Logits: every position of a chat prompt; the largest |Δlogit| and top-1 agreement.
 *  2. Decoding: the same chat prompt, greedy, exactly N new tokens (default 64) on both sides;
 *     the token ids must be identical (asserted). Ours uses its KV cache (prefill, then one token
 *     per step). Decode tokens/s = (N − 1) / (time of token N − time of token 1): prompt excluded.
 *  3. Quantization (notebook 5, section 7): transformers.js fp32 / q8 / q4 — file size, resident
 *     memory of a fresh onnxruntime session (own Node process), decode tokens/s, and quality on a
 *     held-out English paragraph: top-1 agreement with fp32 and perplexity.
 *
 * Ends with
 *   RESULT llama_decode_ratio_vs_transformersjs=<ours tokens/s ÷ transformers.js fp32 tokens/s>
 *          logits_max_abs_diff=<…>
 * and writes its section of bench/results.md.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as tf from '@tensorflow/tfjs';
import type { PipelineFor } from '../lib/models';
import { generate, loadCheckpoint, loadPipeline, loadTransformersModule, resolveModel, unloadPipelines } from '../lib/models';
import { projectPath } from '../lib/paths';
import { initTf } from '../lib/tf';
import { MiniLlama, llamaConfigFromHf, withoutRandomInit } from '../lib/transformer';
import { writeResults } from './results';

type Generator = PipelineFor<'smollm2'>;
const ENV = { DL_OFFLINE: '1' };
const DTYPE_FILE = { fp32: 'model.onnx', q8: 'model_quantized.onnx', q4: 'model_q4.onnx' } as const;
const HELD_OUT = `The small robot woke up before sunrise and checked its batteries. It had promised the farmer that the
tomatoes would be watered before the heat of the day, so it rolled slowly along the rows, measuring the soil with
a thin metal finger. Where the ground was dry it poured a little water; where the leaves looked pale it made a note
for the farmer. By the time the sun climbed over the hills, the robot had finished half of the field and sat down
in the shade of the old walnut tree to let its motors cool.`;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 2) throw new Error(`--${name} needs an integer ≥ 2`);
  return v;
}

/** transformers.js logits for every position: (T, V) rows in one Float32Array. */
async function referenceLogits(pipe: Generator, ids: number[]): Promise<Float32Array> {
  const { Tensor } = await loadTransformersModule();
  const int64 = (xs: number[]) => new Tensor('int64', BigInt64Array.from(xs.map(BigInt)), [1, xs.length]);
  const call = pipe.model as unknown as (x: object) => Promise<{ logits: { data: Float32Array } }>;
  return (await call({ input_ids: int64(ids), attention_mask: int64(ids.map(() => 1)) })).logits.data;
}

function argmax(row: Float32Array): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
  return best;
}

/** Top-1 per position and perplexity of `ids` under (T, V) logits. */
function quality(logits: Float32Array, ids: number[], V: number): { top1: number[]; perplexity: number } {
  const top1: number[] = [];
  let nll = 0;
  for (let t = 0; t + 1 < ids.length; t++) {
    const row = logits.subarray(t * V, (t + 1) * V);
    const best = argmax(row);
    let sum = 0;
    for (let j = 0; j < V; j++) sum += Math.exp(row[j] - row[best]);
    nll -= row[ids[t + 1]] - row[best] - Math.log(sum);
    top1.push(best);
  }
  return { top1, perplexity: Math.exp(nll / top1.length) };
}

/** Resident memory (MiB) an onnxruntime session adds for `file`, in a fresh Node process. */
function sessionMemoryMiB(file: string): number {
  const script = "const ort = require('onnxruntime-node'); const before = process.memoryUsage().rss;" +
    'ort.InferenceSession.create(process.argv[1]).then(() => console.log((process.memoryUsage().rss - before) / 2 ** 20));';
  return Number(execFileSync(process.execPath, ['-e', script, file], { cwd: projectPath(), encoding: 'utf8' }).trim());
}

/** transformers.js greedy decoding of exactly n tokens: ids and decode tokens/s (first token excluded). */
async function decodeTransformersJs(pipe: Generator, prompt: string, n: number) {
  const stamps: number[] = [];
  const r = await generate(pipe, prompt, { maxNewTokens: n, minNewTokens: n, onToken: () => stamps.push(performance.now()) });
  return { ids: r.tokenIds, tokensPerSecond: (n - 1) / ((stamps[n - 1] - stamps[0]) / 1000) };
}

/** MiniLlama greedy decoding with its KV cache: prefill the prompt, then one token per step. */
function decodeOurs(llama: MiniLlama, prompt: number[], n: number) {
  const V = llama.config.vocabSize;
  const cache = llama.newCache();
  const ids: number[] = [];
  const stamps: number[] = [];
  let input = prompt;
  for (let s = 0; s < n; s++) {
    const id = tf.tidy(() => {
      const { logits } = llama.forward([input], { cache }); // (1, T, V)
      return tf.argMax(logits.slice([0, logits.shape[1] - 1, 0], [1, 1, V]).reshape([V])).dataSync()[0];
    });
    stamps.push(performance.now());
    ids.push(id);
    input = [id];
  }
  cache.dispose();
  return { ids, tokensPerSecond: (n - 1) / ((stamps[n - 1] - stamps[0]) / 1000) };
}

async function main(): Promise<void> {
  const n = arg('tokens', 64);
  await initTf();
  const started = performance.now();
  const ckpt = loadCheckpoint('SmolLM2-135M-Instruct');
  const llama = withoutRandomInit(() => new MiniLlama(llamaConfigFromHf(ckpt.config as never)));
  llama.setWeights(Object.fromEntries(Object.entries(ckpt.tensors).map(([name, t]) => [name, t.data])));
  for (const name of Object.keys(ckpt.tensors)) delete ckpt.tensors[name];
  console.log(`[llama] MiniLlama loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const V = llama.config.vocabSize;

  const fp32 = await loadPipeline('smollm2', { dtype: 'fp32', environment: ENV });
  const tokenizer = fp32.tokenizer;
  const prompt = tokenizer.apply_chat_template([{ role: 'user', content: 'Explain in a few sentences why the sky is blue.' }], { tokenize: false, add_generation_prompt: true }) as string;
  const promptIds = tokenizer.encode(prompt, { add_special_tokens: false });

  // 1. Logits of the prompt.
  const ours = tf.tidy(() => llama.forward([promptIds]).logits.dataSync() as Float32Array);
  const theirs = await referenceLogits(fp32, promptIds);
  let maxDiff = 0;
  for (let i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i]));
  const positions = promptIds.length;
  let sameTop1 = 0;
  for (let t = 0; t < positions; t++) if (argmax(ours.subarray(t * V, (t + 1) * V)) === argmax(theirs.subarray(t * V, (t + 1) * V))) sameTop1++;

  // 2. Decoding, the same prompt and n greedy tokens on both sides.
  decodeOurs(llama, promptIds, 2); // warm-up (weight packing)
  await decodeTransformersJs(fp32, prompt, 2);
  const oursDecode = decodeOurs(llama, promptIds, n);
  const refDecode = await decodeTransformersJs(fp32, prompt, n);
  const firstDiff = oursDecode.ids.findIndex((id, i) => id !== refDecode.ids[i]);
  if (firstDiff >= 0) throw new Error(`token ids differ at step ${firstDiff}: ours ${oursDecode.ids[firstDiff]}, transformers.js ${refDecode.ids[firstDiff]}`);
  console.log(`[llama] ${n} identical greedy tokens: ${JSON.stringify(tokenizer.decode(oursDecode.ids))}`);
  llama.dispose();

  // 3. fp32 / q8 / q4 through transformers.js.
  const heldIds = tokenizer.encode(HELD_OUT, { add_special_tokens: false });
  const onnxDir = projectPath(resolveModel('smollm2').id, 'onnx');
  const rows: string[] = [];
  let fp32Top1: number[] = [];
  for (const dtype of ['fp32', 'q8', 'q4'] as const) {
    const pipe = dtype === 'fp32' ? fp32 : await loadPipeline('smollm2', { dtype, environment: ENV });
    const q = quality(await referenceLogits(pipe, heldIds), heldIds, V);
    if (dtype === 'fp32') fp32Top1 = q.top1;
    await decodeTransformersJs(pipe, prompt, 2);
    const speed = dtype === 'fp32' ? refDecode : await decodeTransformersJs(pipe, prompt, n);
    const file = `${onnxDir}/${DTYPE_FILE[dtype]}`;
    const agree = q.top1.filter((t, i) => t === fp32Top1[i]).length / q.top1.length;
    rows.push(`| ${dtype} | ${(fs.statSync(file).size / 1e6).toFixed(0)} | ${sessionMemoryMiB(file).toFixed(0)} | ${speed.tokensPerSecond.toFixed(1)} | ${agree.toFixed(3)} | ${q.perplexity.toFixed(2)} |`);
    console.log(`[llama] ${rows[rows.length - 1]}`);
  }
  await unloadPipelines();

  const ratio = oursDecode.tokensPerSecond / refDecode.tokensPerSecond;
  const result = `RESULT llama_decode_ratio_vs_transformersjs=${ratio.toFixed(3)} logits_max_abs_diff=${maxDiff.toExponential(2)}`;
  const cpus = os.cpus();
  writeResults('llama', [
    `Measured on ${cpus.length} × ${cpus[0]?.model ?? 'CPU'} (load average ${os.loadavg()[0].toFixed(1)} at the end: a shared machine, so absolute speeds are low and noisy; the ratio is measured side by side in one run).`,
    '',
    `**Our Llama vs transformers.js, fp32, same weights** (SmolLM2-135M-Instruct, .cache/models/local): ${promptIds.length}-token chat prompt, max |Δlogit| ${maxDiff.toExponential(2)} over all ${promptIds.length} × ${V} logits, top-1 identical at ${sameTop1}/${positions} positions; ${n} greedy tokens identical on both sides.`,
    '',
    '| side | decode tokens/s |',
    '|---|---|',
    `| lib/transformer MiniLlama (tfjs wasm, KV cache) | ${oursDecode.tokensPerSecond.toFixed(2)} |`,
    `| transformers.js fp32 (onnxruntime-node) | ${refDecode.tokensPerSecond.toFixed(2)} |`,
    '',
    `**Quantization** (transformers.js; quality on a ${heldIds.length}-token held-out English paragraph; memory = RSS added by one onnxruntime session in a fresh process):`,
    '',
    '| dtype | file (MB) | session memory (MiB) | decode tokens/s | top-1 same as fp32 | perplexity |',
    '|---|---|---|---|---|---|',
    ...rows,
  ], result);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
