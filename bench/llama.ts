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
 *     Both sides at each thread count of threadCounts() (1, 2, 4… up to the usable cores; lib/tf's
 *     pool, onnxruntime's intra-op threads), R rounds alternating (default 3), median per row; the
 *     ratio compares each side at its fastest thread count.
 *  2b. What bounds our step: one decoding step under tf.profile (kernels by name), and the 211
 *     matrix-vector products alone (the weights, 538 MB, streamed once per token; in the step's
 *     121 kernel calls: q/k/v and gate/up together) at each thread
 *     count, as GB/s.
 *  3. Quantization (notebook 5, section 7): transformers.js fp32 / q8 / q4 — file size, resident
 *     memory of a fresh onnxruntime session (own Node process), decode tokens/s (onnxruntime's
 *     default threads), and quality on a
 *     held-out English paragraph: top-1 agreement with fp32 and perplexity.
 *
 * Ends with
 *   RESULT llama_decode_ratio_vs_transformersjs=<ours tokens/s ÷ transformers.js fp32 tokens/s>
 *          logits_max_abs_diff=<…>
 * and writes its section of bench/results.md.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as tf from '@tensorflow/tfjs';
import type { PipelineFor } from '../lib/models';
import { generate, loadCheckpoint, loadPipeline, loadTransformersModule, resolveModel, unloadPipelines } from '../lib/models';
import { projectPath } from '../lib/paths';
import { initTf } from '../lib/tf';
import { linearProducts } from '../lib/tf/ops';
import { MiniLlama, llamaConfigFromHf, withoutRandomInit } from '../lib/transformer';
import { busyMachineNote, cpuInfo, fastestCount, loadAverage, median, perThreadCount, threadCounts, withKernelThreads, writeResults } from './results';

type Generator = PipelineFor<'smollm2'>;
const ENV = { DL_OFFLINE: '1' };
const DTYPE_FILE = { fp32: 'model.onnx', q8: 'model_quantized.onnx', q4: 'model_q4.onnx' } as const;
const HELD_OUT = `The small robot woke up before sunrise and checked its batteries. It had promised the farmer that the
tomatoes would be watered before the heat of the day, so it rolled slowly along the rows, measuring the soil with
a thin metal finger. Where the ground was dry it poured a little water; where the leaves looked pale it made a note
for the farmer. By the time the sun climbed over the hills, the robot had finished half of the field and sat down
in the shade of the old walnut tree to let its motors cool.`;

function arg(name: string, fallback: number, min: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} needs an integer ≥ ${min}`);
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

/**
 * Every matrix a decoding step multiplies by one vector (the projections and the tied LM head), in the
 * groups the step computes together (linearOutputs: q, k, v; gate, up): one kernel call each.
 */
function stepMatrices(llama: MiniLlama): tf.Tensor2D[][] {
  const layers = llama.layers.flatMap((l) => [[l.selfAttn.q, l.selfAttn.k, l.selfAttn.v], [l.selfAttn.o], [l.mlp.gate, l.mlp.up], [l.mlp.down]]
    .map((group) => group.map((p) => p.weight as tf.Tensor2D)));
  return [...layers, [(llama.lmHead?.weight ?? llama.embedTokens.weight) as tf.Tensor2D]];
}

/**
 * CPU time of this thread in ms: Linux's per-thread counters (clock ticks) for the main thread, whose
 * task id is the process id; elsewhere the whole process's (onnxruntime's idle threads spin for a
 * while after each run, so those figures include their time).
 */
function cpuMs(): number {
  try {
    const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}
const CLOCK_TICKS = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

/**
 * One pass of x·Wᵀ over every step matrix (one token's products, nothing else): wall ms (median of
 * `reps`) and CPU ms (mean; on one thread the work itself, little changed by other load on the machine).
 */
function productsAlone(groups: tf.Tensor2D[][], reps: number): { ms: number; cpu: number } {
  const xs = new Map<number, tf.Tensor2D>();
  for (const [w] of groups) if (!xs.has(w.shape[1])) xs.set(w.shape[1], tf.randomNormal([1, w.shape[1]]) as tf.Tensor2D);
  const ms: number[] = [];
  const cpu0 = cpuMs();
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (const group of groups) tf.dispose(tf.tidy(() => linearProducts(xs.get(group[0].shape[1])!, group))); // as a step runs them
    ms.push(performance.now() - t0);
  }
  const cpu = (cpuMs() - cpu0) / reps;
  tf.dispose([...xs.values()]);
  return { ms: median(ms), cpu };
}

/** CPU ms per token of `steps` decoding steps (after the prompt) on one thread. */
function stepCpuMs(llama: MiniLlama, prompt: number[], continuation: number[], steps: number): number {
  const cache = llama.newCache();
  tf.tidy(() => {
    llama.forward([prompt], { cache }).logits.dataSync();
  });
  const cpu0 = cpuMs();
  for (let s = 0; s < steps; s++) {
    tf.tidy(() => {
      llama.forward([[continuation[s]]], { cache }).logits.dataSync();
    });
  }
  const cpu = (cpuMs() - cpu0) / steps;
  cache.dispose();
  return cpu;
}

async function main(): Promise<void> {
  const n = arg('tokens', 64, 2);
  const rounds = arg('rounds', 3, 1);
  const cpu = cpuInfo();
  const counts = threadCounts(cpu.cores);
  const loadAtStart = loadAverage();
  console.log(`[bench] ${cpu.line}; thread counts ${counts.join(', ')}; load average ${loadAtStart}`);
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

  // 2. Decoding, the same prompt and n greedy tokens on both sides, at each thread count.
  const ourTps = perThreadCount(counts);
  const theirTps = perThreadCount(counts);
  const sessions = new Map<number, Generator>();
  for (const threads of counts) {
    sessions.set(threads, await loadPipeline('smollm2', { dtype: 'fp32', environment: ENV, threads }));
    await withKernelThreads(threads, () => decodeOurs(llama, promptIds, 2)); // warm-up (the weights' shared copy, buffers)
    await decodeTransformersJs(sessions.get(threads)!, prompt, 2);
  }
  let decodedIds: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const threads of counts) {
      const oursRun = await withKernelThreads(threads, () => decodeOurs(llama, promptIds, n));
      const theirsRun = await decodeTransformersJs(sessions.get(threads)!, prompt, n);
      const firstDiff = oursRun.ids.findIndex((id, i) => id !== theirsRun.ids[i]);
      if (firstDiff >= 0) throw new Error(`${threads} threads: token ids differ at step ${firstDiff}: ours ${oursRun.ids[firstDiff]}, transformers.js ${theirsRun.ids[firstDiff]}`);
      ourTps[threads].push(oursRun.tokensPerSecond);
      theirTps[threads].push(theirsRun.tokensPerSecond);
      decodedIds = oursRun.ids;
      console.log(`[llama] round ${r + 1}/${rounds}, ${threads} thread(s): ours ${oursRun.tokensPerSecond.toFixed(2)}, transformers.js ${theirsRun.tokensPerSecond.toFixed(2)} tokens/s (load ${loadAverage()})`);
    }
  }
  console.log(`[llama] ${n} identical greedy tokens: ${JSON.stringify(tokenizer.decode(decodedIds))}`);
  // Fastest = highest tokens/s: fastestCount picks the lowest median, so it is given seconds per token.
  const secondsPerToken = (tps: Record<number, number[]>) => Object.fromEntries(counts.map((t) => [t, tps[t].map((v) => 1 / v)]));
  const ourBest = fastestCount(secondsPerToken(ourTps), counts);
  const theirBest = fastestCount(secondsPerToken(theirTps), counts);

  // 2b. What bounds our step, at our fastest thread count: kernels of one profiled step, and the
  // step's matrix-vector products alone at every thread count.
  const groups = stepMatrices(llama);
  const matrices = groups.flat();
  const weightBytes = 4 * matrices.reduce((sum, w) => sum + w.size, 0);
  const products: Record<number, { ms: number; cpu: number }> = {};
  for (const threads of counts) products[threads] = await withKernelThreads(threads, () => productsAlone(groups, 15));
  const productMs = Object.fromEntries(counts.map((t) => [t, products[t].ms]));
  // On one thread, CPU time splits the step into the products and the rest whatever the load.
  const oneThreadStepCpu = await withKernelThreads(1, () => stepCpuMs(llama, promptIds, decodedIds, decodedIds.length - 1));
  const restCpu = oneThreadStepCpu - products[1].cpu;
  await withKernelThreads(ourBest, () => undefined);
  const cache = llama.newCache();
  tf.tidy(() => {
    llama.forward([promptIds], { cache }).logits.dataSync();
  });
  const isKernel = (name: string): boolean => tf.getKernel(name, tf.getBackend()) != null;
  const profiledSteps = 5;
  const kernelMs = new Map<string, { ms: number; calls: number }>();
  const wallStart = performance.now();
  const prof = await tf.profile(() => {
    for (let s = 0; s < profiledSteps; s++) {
      tf.tidy(() => {
        llama.forward([[decodedIds[s]]], { cache }).logits.dataSync();
      });
    }
  });
  const profiledWall = (performance.now() - wallStart) / profiledSteps;
  cache.dispose();
  for (const k of prof.kernels) {
    if (!isKernel(k.name) || typeof k.kernelTimeMs !== 'number') continue;
    const e = kernelMs.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += k.kernelTimeMs / profiledSteps;
    e.calls += 1 / profiledSteps;
    kernelMs.set(k.name, e);
  }
  const kernelTotal = [...kernelMs.values()].reduce((a, b) => a + b.ms, 0);
  const kernelCalls = [...kernelMs.values()].reduce((a, b) => a + b.calls, 0);
  const kernelRows = [...kernelMs].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10)
    .map(([name, e]) => `| ${name} | ${e.calls.toFixed(0)} | ${e.ms.toFixed(2)} |`);
  const ourStepMs = 1000 / median(ourTps[ourBest]);
  const theirStepMs = 1000 / median(theirTps[theirBest]);
  console.log(`[llama] step at ${ourBest} thread(s): ${ourStepMs.toFixed(1)} ms; products alone ${productMs[ourBest].toFixed(1)} ms (${(weightBytes / productMs[ourBest] / 1e6).toFixed(1)} GB/s); profiled kernels ${kernelTotal.toFixed(1)} ms over ${kernelCalls.toFixed(0)} calls`);
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
    const speed = await decodeTransformersJs(pipe, prompt, n);
    const file = `${onnxDir}/${DTYPE_FILE[dtype]}`;
    const agree = q.top1.filter((t, i) => t === fp32Top1[i]).length / q.top1.length;
    rows.push(`| ${dtype} | ${(fs.statSync(file).size / 1e6).toFixed(0)} | ${sessionMemoryMiB(file).toFixed(0)} | ${speed.tokensPerSecond.toFixed(1)} | ${agree.toFixed(3)} | ${q.perplexity.toFixed(2)} |`);
    console.log(`[llama] ${rows[rows.length - 1]}`);
  }
  await unloadPipelines();

  const ratio = median(ourTps[ourBest]) / median(theirTps[theirBest]);
  const result = `RESULT llama_decode_ratio_vs_transformersjs=${ratio.toFixed(3)} logits_max_abs_diff=${maxDiff.toExponential(2)}`;
  const gbs = (ms: number) => (weightBytes / ms / 1e6).toFixed(1);
  writeResults('llama', [
    `\`npm run bench -- llama\` (${rounds} rounds × ${n} tokens per thread count, alternating sides), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
      `load average ${loadAtStart} at the start and ${loadAverage()} at the end (1, 5, 15 min; ${cpu.cores} usable cores). Medians are compared, ` +
      `each side at its fastest thread count (lib ${ourBest}, transformers.js ${theirBest}).${busyMachineNote(cpu, loadAtStart)}`,
    '',
    `**Our Llama vs transformers.js, fp32, same weights** (SmolLM2-135M-Instruct, .cache/models/local): ${promptIds.length}-token chat prompt, max |Δlogit| ${maxDiff.toExponential(2)} over all ${promptIds.length} × ${V} logits, top-1 identical at ${sameTop1}/${positions} positions; ${n} greedy tokens identical on both sides in every run.`,
    '',
    '| side | threads | decode tokens/s (median) | runs |',
    '|---|---:|---:|---:|',
    ...counts.flatMap((t) => [
      `| lib/transformer MiniLlama (tfjs wasm, KV cache, lib/tf pool) | ${t} | ${median(ourTps[t]).toFixed(2)} | ${ourTps[t].length} |`,
      `| transformers.js fp32 (onnxruntime-node, intra-op threads) | ${t} | ${median(theirTps[t]).toFixed(2)} | ${theirTps[t].length} |`,
    ]),
    '',
    `**What bounds our decoding step.** One token multiplies ${matrices.length} matrices (every projection and the tied LM head, ${(weightBytes / 1e6).toFixed(0)} MB of fp32 weights) by one vector each, so each token streams the weights from memory once. ` +
      `Those products alone (no other op; median of 15 passes; in the ${groups.length} kernel calls a step makes of them, q/k/v and gate/up together) take ${counts.map((t) => `${productMs[t].toFixed(1)} ms on ${t} thread${t > 1 ? 's' : ''} (${gbs(productMs[t])} GB/s)`).join(', ')}. ` +
      `Our whole step at ${ourBest} thread(s) takes ${ourStepMs.toFixed(1)} ms, so ${(ourStepMs - productMs[ourBest]).toFixed(1)} ms go to the rest: ${kernelCalls.toFixed(0)} tfjs kernel calls per token, ` +
      `${(kernelTotal).toFixed(1)} ms of kernel time under tf.profile (which slows every kernel: ${profiledWall.toFixed(1)} ms per profiled step), the rest tfjs's per-op bookkeeping in JavaScript. ` +
      `transformers.js's step takes ${theirStepMs.toFixed(1)} ms at ${theirBest} thread(s): it reads the same weights at ≥ ${gbs(theirStepMs)} GB/s in one onnxruntime graph. ` +
      `In the main thread's CPU time on one thread (little changed by other load): a step costs ${oneThreadStepCpu.toFixed(1)} ms, the products alone ${products[1].cpu.toFixed(1)} ms, ` +
      `so ${restCpu.toFixed(1)} ms (${(100 * restCpu / oneThreadStepCpu).toFixed(0)} %) are the other ops and tfjs's per-op work, which stay on this thread. ` +
      `Even with the products split perfectly, k threads cannot decode faster than 1000 / (${restCpu.toFixed(1)} + ${products[1].cpu.toFixed(1)} / k) tokens/s: ` +
      `${counts.filter((t) => t > 1).concat([4, 8].filter((t) => t > counts[counts.length - 1])).map((t) => `${(1000 / (restCpu + products[1].cpu / t)).toFixed(1)} on ${t}`).join(', ')}.`,
    '',
    `Kernels of one profiled step at ${ourBest} thread(s) (tf.profile over ${profiledSteps} steps; kernels only, nested scopes excluded):`,
    '',
    '| tfjs kernel | calls per token | ms per token |',
    '|---|---:|---:|',
    ...kernelRows,
    `| all kernels | ${kernelCalls.toFixed(0)} | ${kernelTotal.toFixed(2)} |`,
    '',
    `**Quantization** (transformers.js; quality on a ${heldIds.length}-token held-out English paragraph; memory = RSS added by one onnxruntime session in a fresh process):`,
    '',
    '| dtype | file (MB) | session memory (MiB) | decode tokens/s | top-1 same as fp32 | perplexity |',
    '|---|---|---|---|---|---|',
    ...rows,
  ], result, cpu);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
