/**
 * `npm run bench -- lstm [--rounds R] [--steps S]`: training speed of the notebook-2 next-word
 * model, Embedding(800×50) → LSTM(100) → Dense(800, softmax), batch 32, seqLen 10, Adam(1e-3),
 * on data/daily_sentences.txt (lib/text: Tokenizer(numWords 800, OOV) → n-gram prefixes → pre-padded).
 *
 * In one run:
 *  - lib/tf: initTf() (wasm + lib/tf kernels), fusedLstm, fusedAdam, the fused sparse cross-entropy,
 *    one makeTrainStep() call per batch (what trainModel() runs);
 *  - PyTorch CPU (bench/lstm_pytorch.py): same architecture, data, batch order, initial weights and
 *    Adam settings;
 *  - both sides at each thread count of threadCounts() (1, 2, 4… up to the usable cores), one table
 *    row each; rounds alternate between the sides and thread counts so all see the same machine load;
 *  - references, each in its own process: plain tfjs on the `cpu` backend, plain tfjs on `wasm` with
 *    only a JavaScript scatter-add registered (it cannot train otherwise), lib/tf on `cpu`, and
 *    tfjs-node when it is installed.
 * Every step is timed alone (forward, backward, update and reading the loss); tables give medians.
 * Then 100 more steps per side at its fastest thread count are cut into parts (bench/lstm_profile.ts
 * and lstm_pytorch.py's `profile`): the bound table, ours vs PyTorch per part and the step if that
 * part ran as fast as PyTorch's, with tfjs kernel calls per step and the fused LSTM's copies, own
 * part and wait for the worker.
 * Ends with `RESULT lstm_step_ratio_vs_pytorch=<lib/tf ms/step ÷ PyTorch ms/step>`, each side at its
 * fastest thread count, and writes the table to the CPU's section of bench/results.md.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { projectPath } from '../lib/paths';
import { busyMachineNote, cpuInfo, fastestCount, loadAverage, median, perThreadCount, threadCounts, withKernelThreads, writeResults } from './results';
import { ngramPrefixSequences, padSequences, splitXy, Tokenizer } from '../lib/text';
import { lossPartSideBySide, lstmBackwardSideBySide, Part, PARTS, profileOurStep } from './lstm_profile';
import { simdFloor } from './simd_floor';

const VOCAB_SIZE = 800;
const EMBEDDING_DIM = 50;
const NUM_HIDDENS = 100;
const BATCH_SIZE = 32;
const SEQ_LEN = 10;
const LR = 1e-3;
const SEED = 7;

interface Data {
  X: number[][]; // [numExamples, SEQ_LEN]
  y: number[]; // [numExamples]
}

/** Next-word examples from the notebook's sentences, shuffled once with a fixed seed. */
function loadData(): Data {
  const texts = fs.readFileSync(projectPath('data', 'daily_sentences.txt'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
  const tokenizer = new Tokenizer({ numWords: VOCAB_SIZE, oovToken: '<OOV>' }).fitOnTexts(texts);
  if (tokenizer.vocabSize !== VOCAB_SIZE) throw new Error(`expected a vocabulary of ${VOCAB_SIZE}, got ${tokenizer.vocabSize}`);
  const padded = padSequences(ngramPrefixSequences(tokenizer.textsToSequences(texts)), { maxLen: SEQ_LEN + 1 });
  const { X, y } = splitXy(padded);
  // Fixed shuffle (mulberry32-style LCG kept local so the order never depends on other code).
  let s = SEED;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const order = X.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return { X: order.map((i) => X[i]), y: order.map((i) => y[i]) };
}

function quantile(values: number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * v.length))];
}

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

// ------------------------------------------------------------------------------------------------
// Reference runs (child processes, so each starts from a clean tfjs).

type ReferenceName = 'tfjs-cpu' | 'tfjs-wasm' | 'lib-cpu' | 'tfjs-node';

async function runReference(name: ReferenceName, dataFile: string): Promise<void> {
  const data = JSON.parse(fs.readFileSync(dataFile, 'utf8')) as Data;
  const steps = name === 'tfjs-cpu' ? 3 : name === 'tfjs-wasm' ? 20 : 40;
  const warmup = name === 'tfjs-cpu' ? 1 : 5;
  const tf = await import('@tensorflow/tfjs');
  let step: (b: number) => Promise<void>;
  if (name === 'lib-cpu') {
    const lib = await import('../lib/tf');
    await lib.initTf({ backend: 'cpu', quiet: true });
    lib.setSeed(SEED);
    const model = buildModel(lib.tf, lib.fusedLstm);
    model.compile({ optimizer: lib.fusedAdam(LR), loss: 'sparseCategoricalCrossentropy' });
    const trainStep = lib.makeTrainStep(model);
    step = async (b) => {
      tf.tidy(() => trainStep(...batchTensors(tf, data, b)));
    };
  } else {
    if (name === 'tfjs-node') {
      require('@tensorflow/tfjs-node');
      await tf.setBackend('tensorflow');
    } else if (name === 'tfjs-wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
      registerScatterAdd(tf);
      await tf.setBackend('wasm');
    } else {
      await tf.setBackend('cpu');
    }
    const model = buildModel(tf, (args) => tf.layers.lstm(args));
    model.compile({ optimizer: tf.train.adam(LR), loss: 'sparseCategoricalCrossentropy' });
    step = async (b) => {
      const [X, y] = batchTensors(tf, data, b);
      const yCol = tf.reshape(y, [BATCH_SIZE, 1]);
      await model.trainOnBatch(X, yCol); // reads the loss value, as the lib/tf step does
      tf.dispose([X, y, yCol]);
    };
  }
  const ms: number[] = [];
  for (let i = 0; i < warmup + steps; i++) {
    const t0 = performance.now();
    await step(i);
    if (i >= warmup) ms.push(performance.now() - t0);
  }
  const threads = name === 'lib-cpu' ? (await import('../lib/tf/wasm/threads')).kernelThreadCount() : name === 'tfjs-node' ? os.cpus().length : 1;
  process.stdout.write(JSON.stringify({ ms, threads }) + '\n');
}

type TfModule = typeof import('@tensorflow/tfjs');

function buildModel(tf: TfModule, lstm: (args: { units: number; recurrentActivation: 'sigmoid' }) => ReturnType<TfModule['layers']['lstm']>) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: VOCAB_SIZE, outputDim: EMBEDDING_DIM, inputLength: SEQ_LEN }));
  // Sigmoid gates, as PyTorch's LSTM (tfjs defaults to hardSigmoid).
  model.add(lstm({ units: NUM_HIDDENS, recurrentActivation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: VOCAB_SIZE, activation: 'softmax' }));
  return model;
}

/** Batch b (cycling through the data): X [BATCH_SIZE, SEQ_LEN] int32, y [BATCH_SIZE] float32 class indices. */
function batchTensors(tf: TfModule, data: Data, b: number): [import('@tensorflow/tfjs').Tensor, import('@tensorflow/tfjs').Tensor] {
  const numBatches = Math.floor(data.X.length / BATCH_SIZE);
  const start = (b % numBatches) * BATCH_SIZE;
  const X = tf.tensor2d(data.X.slice(start, start + BATCH_SIZE), [BATCH_SIZE, SEQ_LEN], 'int32');
  // float32 labels: tfjs-layers' sparse loss floors them, which int32 tensors do not support.
  const y = tf.tensor1d(data.y.slice(start, start + BATCH_SIZE), 'float32');
  return [X, y];
}

/** The "plain JavaScript scatter-add" of the issue: the least the wasm backend needs to train. */
function registerScatterAdd(tf: TfModule): void {
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs as { x: import('@tensorflow/tfjs').TensorInfo; segmentIds: import('@tensorflow/tfjs').TensorInfo };
      const numSegments = Number((attrs as { numSegments: number }).numSegments);
      const be = backend as unknown as {
        readSync(id: object): Float32Array | Int32Array;
        makeOutput(shape: number[], dtype: string): import('@tensorflow/tfjs').TensorInfo;
        typedArrayFromHeap(info: import('@tensorflow/tfjs').TensorInfo): Float32Array;
      };
      const values = be.readSync(x.dataId);
      const ids = be.readSync(segmentIds.dataId);
      const inner = values.length / ids.length;
      const out = be.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], 'float32');
      const o = be.typedArrayFromHeap(out);
      o.fill(0);
      for (let j = 0; j < ids.length; j++) {
        if (ids[j] < 0 || ids[j] >= numSegments) continue;
        for (let k = 0; k < inner; k++) o[ids[j] * inner + k] += values[j * inner + k];
      }
      return out;
    },
  });
}

function reference(name: ReferenceName, dataFile: string): { ms: number[]; threads: number } | null {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--reference', name, dataFile], {
    cwd: projectPath(), encoding: 'utf8', maxBuffer: 1 << 24,
  });
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (r.status !== 0 || line == null) {
    console.error(`[bench] reference ${name} failed:\n${(r.stderr || '').split('\n').slice(-5).join('\n')}`);
    return null;
  }
  return JSON.parse(line) as { ms: number[]; threads: number };
}

// ------------------------------------------------------------------------------------------------
// PyTorch child with a line protocol (see bench/lstm_pytorch.py).

class TorchChild {
  private readonly lines: AsyncIterableIterator<string>;
  private readonly child: ReturnType<typeof spawn>;

  constructor(python: string, specFile: string) {
    this.child = spawn(python, [projectPath('bench', 'lstm_pytorch.py'), specFile], { stdio: ['pipe', 'pipe', 'inherit'] });
    if (this.child.stdout == null) throw new Error('no stdout from the PyTorch process');
    this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async next(): Promise<Record<string, unknown>> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error('the PyTorch process ended early (is torch==2.13.0 installed in BENCH_PYTHON?)');
    return JSON.parse(value) as Record<string, unknown>;
  }

  async train(threads: number, steps: number): Promise<{ ms: number[]; losses: number[] }> {
    this.child.stdin?.write(`train ${threads} ${steps}\n`);
    const reply = await this.next();
    return { ms: reply.ms as number[], losses: reply.losses as number[] };
  }

  async profile(threads: number, steps: number): Promise<TorchProfile> {
    this.child.stdin?.write(`profile ${threads} ${steps}\n`);
    return (await this.next()) as unknown as TorchProfile;
  }

  quit(): void {
    this.child.stdin?.end('quit\n');
  }
}

interface TorchProfile {
  parts: Record<Part, number>;
  stepMs: number;
  ops: Array<[string, number, number]>;
  opsPerStep: number;
}

// ------------------------------------------------------------------------------------------------

interface Row {
  name: string;
  threads: number;
  ms: number[];
  note: string;
}

async function main(): Promise<void> {
  const refIndex = process.argv.indexOf('--reference');
  if (refIndex >= 0) {
    await runReference(process.argv[refIndex + 1] as ReferenceName, process.argv[refIndex + 2]);
    return;
  }
  const rounds = argValue('--rounds', 8);
  const stepsPerRound = argValue('--steps', 50);
  const warmup = 20;
  const python = process.env.BENCH_PYTHON ?? 'python3';

  const cpu = cpuInfo();
  const counts = threadCounts(cpu.cores);
  const loadAtStart = loadAverage();
  console.log(`[bench] ${cpu.line}; thread counts ${counts.join(', ')}; load average ${loadAtStart}`);
  const lib = await import('../lib/tf');
  const info = await lib.initTf();
  const { tf } = lib;
  const data = loadData();
  const numBatches = Math.floor(data.X.length / BATCH_SIZE);
  console.log(`[bench] ${data.X.length} examples (${numBatches} batches of ${BATCH_SIZE}), vocabSize ${VOCAB_SIZE}, seqLen ${SEQ_LEN}`);

  lib.setSeed(SEED);
  const model = buildModel(tf, lib.fusedLstm);
  model.compile({ optimizer: lib.fusedAdam(LR), loss: 'sparseCategoricalCrossentropy' });
  const [embedding, kernel, recurrentKernel, bias, denseKernel, denseBias] = model.getWeights().map((w) => Array.from(w.dataSync()));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lstm-'));
  const specFile = path.join(tmp, 'spec.json');
  const dataFile = path.join(tmp, 'data.json');
  fs.writeFileSync(dataFile, JSON.stringify(data));
  fs.writeFileSync(specFile, JSON.stringify({
    ...data, batchSize: BATCH_SIZE, vocabSize: VOCAB_SIZE, embeddingDim: EMBEDDING_DIM, numHiddens: NUM_HIDDENS, lr: LR, seed: SEED,
    weights: { numHiddens: NUM_HIDDENS, embedding, kernel, recurrentKernel, bias, denseKernel, denseBias },
  }));

  const trainStep = lib.makeTrainStep(model);
  let ourStep = 0;
  const ourLosses: number[] = [];
  const ours = (n: number): number[] => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const loss = tf.tidy(() => trainStep(...batchTensors(tf, data, ourStep)));
      ms.push(performance.now() - t0);
      ourLosses.push(loss);
      ourStep++;
    }
    return ms;
  };

  const torch = new TorchChild(python, specFile);
  const ready = await torch.next();
  const torchLosses = perThreadCount(counts);
  const torchMs = perThreadCount(counts);
  const ourMs = perThreadCount(counts);
  for (const threads of counts) await withKernelThreads(threads, () => ours(warmup));
  for (const threads of counts) torchLosses[threads].push(...(await torch.train(threads, warmup)).losses);
  // Where lib/tf's step goes: the fused LSTM passes (kernels, copies, thread hand-off) are timed
  // during the same steps as the table.
  const { fusedRnnStats } = await import('../lib/tf/rnn/fused_rnn_op');
  fusedRnnStats(true);
  for (let r = 0; r < rounds; r++) {
    // Alternate the order between rounds so neither side always runs right after the other.
    const order = r % 2 === 0 ? counts : [...counts].reverse();
    for (const threads of order) {
      ourMs[threads].push(...(await withKernelThreads(threads, () => ours(stepsPerRound))));
      const { ms, losses } = await torch.train(threads, stepsPerRound);
      torchMs[threads].push(...ms);
      torchLosses[threads].push(...losses);
    }
  }
  const spent = fusedRnnStats(true);
  // The per-part profile, after the timed rounds (its timestamps and kernel counting cost a little),
  // each side at its fastest thread count.
  const ourBest = fastestCount(ourMs, counts);
  const torchBestThreads = fastestCount(torchMs, counts);
  const profileSteps = 100;
  const ourProfile = await withKernelThreads(ourBest, () => profileOurStep(lib, model, (b) => batchTensors(tf, data, b), ourStep, profileSteps));
  const torchProfile = await torch.profile(torchBestThreads, profileSteps);
  torch.quit();
  const allOurMs = counts.flatMap((t) => ourMs[t]);
  const timedSteps = allOurMs.length;
  const timedTotal = allOurMs.reduce((a, b) => a + b, 0);

  console.log('[bench] reference runs (separate processes)…');
  // The engine, in English from initTf's fields (its `line` is the learners' Turkish sentence).
  const simd = info.backend === 'wasm' && await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') === true;
  const { kernelsUseFma } = await import('../lib/tf/wasm/kernel_module');
  const engineNote = `${info.backend}${info.backend === 'wasm' ? (simd ? ' (SIMD)' : ' (no SIMD)') : ''}` + (!info.fused ? ''
    : ` + lib/tf kernels (fused RNN/Adam/loss, ${kernelsUseFma() ? 'SIMD+FMA' : 'SIMD'}, ${info.kernels.length} kernels replaced)`);
  const rows: Row[] = counts.flatMap((threads) => [
    { name: `lib/tf (${info.backend}, fused LSTM/Adam/loss)`, threads, ms: ourMs[threads], note: `${engineNote} · ${threads === 1 ? 'one thread' : `${threads} threads`}; makeTrainStep (what trainModel runs)` },
    { name: `PyTorch ${String(ready.torch)} CPU`, threads, ms: torchMs[threads], note: 'nn.LSTM, CrossEntropyLoss, Adam' },
  ]);
  const refs: Array<[ReferenceName, string, string]> = [
    ['lib-cpu', 'lib/tf (cpu backend fallback, fused LSTM/Adam/loss)', 'used only when wasm cannot start; Dense/softmax run on tfjs-backend-cpu'],
    ['tfjs-wasm', 'plain tfjs wasm + JS scatter-add', 'tf.layers.lstm, tf.train.adam, trainOnBatch'],
    ['tfjs-cpu', 'plain tfjs cpu', 'tf.layers.lstm, tf.train.adam, trainOnBatch'],
  ];
  let hasTfjsNode = true;
  try {
    require.resolve('@tensorflow/tfjs-node');
  } catch {
    hasTfjsNode = false;
  }
  if (hasTfjsNode) refs.push(['tfjs-node', 'tfjs-node (native TensorFlow)', 'tf.layers.lstm, tf.train.adam, trainOnBatch']);
  for (const [ref, name, note] of refs) {
    const r = reference(ref, dataFile);
    if (r != null) rows.push({ name, threads: r.threads, ms: r.ms, note });
  }
  if (process.env.BENCH_KEEP) console.log(`[bench] kept ${tmp}`); else fs.rmSync(tmp, { recursive: true, force: true });

  const ratio = median(ourMs[ourBest]) / median(torchMs[torchBestThreads]);
  // lib/tf trains one model across the thread counts, PyTorch one per count: compare the first steps.
  const torchRef = torchLosses[counts[counts.length - 1]];
  const steps = warmup + rounds * stepsPerRound;
  const firstDiff = Math.abs(ourLosses[0] - torchRef[0]);
  const tail = Math.min(50, steps);
  const meanTail = (l: number[]) => l.slice(steps - tail, steps).reduce((a, b) => a + b, 0) / tail;
  const header = '| implementation | threads | ms/step (median) | ms/step (p10) | steps/s | timed steps | notes |\n|---|---:|---:|---:|---:|---:|---|';
  const body = rows.map((r) => `| ${r.name} | ${r.threads} | ${median(r.ms).toFixed(2)} | ${quantile(r.ms, 0.1).toFixed(2)} | ` +
    `${(1000 / median(r.ms)).toFixed(1)} | ${r.ms.length} | ${r.note} |`).join('\n');
  const lstmMs = spent.forwardMs + spent.backwardMs;
  const profile = `Where lib/tf's step goes (the ${timedSteps} timed steps, mean ${(timedTotal / timedSteps).toFixed(2)} ms): ` +
    `fused LSTM forward ${(spent.forwardMs / timedSteps).toFixed(2)} ms, backward ${(spent.backwardMs / timedSteps).toFixed(2)} ms ` +
    `(${(100 * lstmMs / timedTotal).toFixed(0)}%: kernels, copies into shared memory and the thread hand-off); the rest — ` +
    `embedding gather/scatter, Dense matmuls, softmax, loss, Adam and tfjs's per-op bookkeeping — ` +
    `${((timedTotal - lstmMs) / timedSteps).toFixed(2)} ms.`;
  const bound = boundTable(ourProfile, torchProfile, ourBest, torchBestThreads, profileSteps);
  if (info.fused) {
    const part = await withKernelThreads(ourBest, () => lossPartSideBySide(lib, BATCH_SIZE, VOCAB_SIZE));
    bound.push('', `The output layer's loss part alone (softmax, sparse cross-entropy and both gradients on [${BATCH_SIZE}, ${VOCAB_SIZE}] ` +
      `logits; lossPartSideBySide, the two paths alternating in one run, median of 9 × 200 calls): lib/tf's kernels ` +
      `${part.fastMs.toFixed(3)} ms, the readable path (JavaScript loops, tfjs-core's four-kernel Softmax gradient; the same values ` +
      `bit for bit) ${part.readableMs.toFixed(3)} ms.`);
    const rows = Math.max(4, Math.floor(BATCH_SIZE / ourBest / 4) * 4); // about one thread's part of the batch (parts are multiples of 4 rows)
    const kernel = lstmBackwardSideBySide(rows, SEQ_LEN, EMBEDDING_DIM, NUM_HIDDENS);
    bound.push('', `The LSTM's backward kernel alone on one thread's part of the batch (${rows} rows × ${SEQ_LEN} steps; ` +
      `lstmBackwardSideBySide, this build and commit 8ce6b44's alternating in one run on one core, median of 15 × 50 calls; ` +
      `the same output bits): ${kernel.nowMs.toFixed(3)} ms, before ${kernel.beforeMs.toFixed(3)} ms — ` +
      (EMBEDDING_DIM % 4 > 0 ? `the last ${EMBEDDING_DIM % 4} column(s) of dX = dZ·Wᵀ (E = ${EMBEDDING_DIM}) now summed four rows at a time, and ` : '') +
      `Wᵀ's rows padded to a multiple of 8 floats.`);
  }
  bound.push('', ...await floorLines(ourProfile, torchProfile, ourBest, torchBestThreads, cpu.cores));
  const lossLine = `Same initial weights and batches on both sides: first-step loss ${ourLosses[0].toFixed(6)} vs ` +
    `${torchRef[0].toFixed(6)} (|Δ| ${firstDiff.toExponential(1)}); mean loss over steps ${steps - tail + 1}–${steps}: ` +
    `${meanTail(ourLosses).toFixed(4)} (lib/tf) vs ${meanTail(torchRef).toFixed(4)} (PyTorch). Later steps drift apart ` +
    'slightly: Adam divides by √v, so float32 rounding differences between the two libraries grow (plain tf.layers.lstm + ' +
    'tf.train.adam follows the lib/tf curve, not PyTorch\'s).';
  const result = `RESULT lstm_step_ratio_vs_pytorch=${ratio.toFixed(3)}`;

  console.log(`\n${header}\n${body}\n\n${profile}\n\n${bound.join('\n')}\n\n${lossLine}\n`);
  console.log('[bench] PyTorch ops (torch.profiler, per step: calls, self CPU ms):\n' +
    torchProfile.ops.map(([n, c, ms]) => `  ${n} ${c.toFixed(1)} ${ms.toFixed(3)}`).join('\n'));
  if (firstDiff > 1e-4 || Math.abs(meanTail(ourLosses) - meanTail(torchRef)) > 0.05 * meanTail(torchRef)) {
    console.warn('[bench] warning: lib/tf and PyTorch losses disagree more than float32 noise explains');
  }
  writeResults('lstm', [
    `\`npm run bench -- lstm\` (${rounds} rounds × ${stepsPerRound} steps per thread count after ${warmup} warm-up steps, lib/tf and PyTorch alternating), ` +
      `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, load average ${loadAtStart} at the start and ${loadAverage()} at the end ` +
      `(1, 5, 15 min; ${cpu.cores} usable cores). On a shared machine timings are noisy: medians are compared, each side at its fastest ` +
      `thread count (lib/tf ${ourBest}, PyTorch ${torchBestThreads}).${busyMachineNote(cpu, loadAtStart)}`,
    '',
    `Notebook-2 next-word model: Embedding(${VOCAB_SIZE}×${EMBEDDING_DIM}) → LSTM(${NUM_HIDDENS}, sigmoid gates) → ` +
      `Dense(${VOCAB_SIZE}, softmax), batch ${BATCH_SIZE}, seqLen ${SEQ_LEN}, Adam(${LR}), sparse categorical cross-entropy, ` +
      `on data/daily_sentences.txt (${data.X.length} n-gram prefix examples). A step = forward, backward, Adam update, reading the loss.`,
    '',
    header,
    body,
    '',
    profile,
    '',
    ...bound,
    '',
    lossLine,
  ], result);
}

/**
 * Where the gap to PyTorch sits: each part of the step on both sides (bench/lstm_profile.ts), and
 * what lib/tf's step would be if that part alone ran as fast as PyTorch's.
 */
function boundTable(ours: ReturnType<typeof profileOurStep>, theirs: TorchProfile, ourThreads: number, torchThreads: number, steps: number): string[] {
  const f = (ms: number) => ms.toFixed(2);
  const signed = (ms: number) => (ms >= 0 ? '+' : '') + f(ms);
  const rows = PARTS.map((p: Part) => {
    const gap = ours.parts[p] - theirs.parts[p];
    return `| ${p} | ${f(ours.parts[p])} | ${f(theirs.parts[p])} | ${signed(gap)} | ${f(ours.stepMs - gap)} | ` +
      `${((ours.stepMs - gap) / theirs.stepMs).toFixed(3)} |`;
  });
  const behind = PARTS.map((p: Part) => [p, ours.parts[p] - theirs.parts[p]] as const).filter(([, g]) => g > 0.005).sort((a, b) => b[1] - a[1]);
  const bestOfBoth = PARTS.reduce((sum, p: Part) => sum + Math.min(ours.parts[p], theirs.parts[p]), 0);
  const summary = `Where lib/tf is behind, largest first: ${behind.map(([p, g]) => `${p} +${f(g)} ms`).join(', ') || 'nowhere'}. ` +
    `With each of those parts as fast as PyTorch's (and the others as they are), lib/tf's step would take ` +
    `${f(bestOfBoth)} ms, ${(bestOfBoth / theirs.stepMs).toFixed(3)}× PyTorch's ${f(theirs.stepMs)} ms in these profiled steps.`;
  const l = ours.lstm;
  const kernels = ours.kernels.map((k) => `${k.name} ${k.callsPerStep.toFixed(0)}× ${k.msPerStep.toFixed(3)} ms`).join(', ');
  const calls = ours.kernels.reduce((a, k) => a + k.callsPerStep, 0);
  return [
    `Where the gap sits (${steps} more steps on each side after the timed ones, lib/tf at ${ourThreads} and PyTorch at ${torchThreads} ` +
      'thread(s); wall time per part, cut at the same places on both sides: timestamps between the layers, and in the backward ' +
      'pass where the LSTM\'s gradient starts and ends — PyTorch tensor hooks, lib/tf the fused op\'s own timestamps; each part ' +
      'includes its framework\'s bookkeeping; the profiled steps are slower than the timed ones by the timestamps and kernel counting):',
    '',
    '| part | lib/tf ms | PyTorch ms | gap ms | lib/tf step if this part ran as PyTorch\'s | its ratio |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    `| whole step | ${f(ours.stepMs)} | ${f(theirs.stepMs)} | ${signed(ours.stepMs - theirs.stepMs)} | – | ${(ours.stepMs / theirs.stepMs).toFixed(3)} |`,
    '',
    summary,
    '',
    `lib/tf per step: ${calls.toFixed(0)} tfjs kernel calls (${kernels}), ${ours.readsPerStep.toFixed(0)} reads from the backend, ` +
      `${ours.tensorsPerStep.toFixed(0)} tensors made. The fused LSTM passes: forward ${f(l.forwardMs)} ms = copies ${f(l.forwardCopyMs)} + ` +
      `main thread's kernel part ${f(l.forwardMainMs)} + wait for the worker ${f(l.forwardWaitMs)} (+ tfjs op set-up); backward ${f(l.backwardMs)} ms = ` +
      `copies ${f(l.backwardCopyMs)} + main thread's part ${f(l.backwardMainMs)} + wait ${f(l.backwardWaitMs)} + sum of the parts' weight ` +
      `gradients ${f(l.backwardSumMs)}; passes whose parts ran in turn on the main thread (layer under the size rule): ` +
      `${ours.lstmPassesOnMain.forward} of ${steps} forward, ${ours.lstmPassesOnMain.backward} of ${steps} backward. PyTorch: ${theirs.opsPerStep.toFixed(0)} profiled ops per step (torch.profiler, aten ops and autograd nodes).`,
  ];
}

/**
 * FLOPs (two per multiply-add) of one step's matrix products, by part: the LSTM's input projection
 * x·W and recurrence h·U (from t = 1: h0 is zero), backpropagation through time's dh = dZ·Uᵀ, dU, dW
 * and dX, and the Dense layer's forward and two gradient products. Element-wise work is not counted.
 */
function productFlops(): Array<[Part, number]> {
  const [B, T, E, H, V] = [BATCH_SIZE, SEQ_LEN, EMBEDDING_DIM, NUM_HIDDENS, VOCAB_SIZE];
  const G = 4 * H;
  const recurrence = 2 * B * (T - 1) * H * G;
  return [
    ['LSTM forward', 2 * B * T * E * G + recurrence],
    ['Dense + loss forward', 2 * B * H * V],
    ['Dense + loss backward', 2 * 2 * B * H * V],
    ['LSTM backward', recurrence + 2 * B * T * H * G + 2 * 2 * B * T * E * G],
  ];
}

/**
 * What 128-bit SIMD allows: the step's products at the floor measured on this CPU (simd_floor.ts,
 * as bench/gpt's section) against both sides' time in the parts that hold them (the profile above).
 */
async function floorLines(ours: ReturnType<typeof profileOurStep>, theirs: TorchProfile, ourThreads: number, torchThreads: number,
                          cores: number): Promise<string[]> {
  let floor: Awaited<ReturnType<typeof simdFloor>>;
  try {
    floor = await simdFloor(cores);
  } catch (e) {
    return [`(No 128-bit floor on this machine: ${(e as Error).message})`];
  }
  // The floor on our thread count: one core's times the threads (a property of the CPU). Whether the
  // machine gave every core while it was measured is the all-cores figure, said beside it; the step
  // is then also compared with one core's floor, so that a busy moment does not decide the sentence.
  const threads = Math.min(ourThreads, cores);
  const floorGflops = floor.maddGflops * threads;
  const together = floor.together != null
    ? ` (all ${cores} cores at once gave ${floor.together.wallGflops.toFixed(1)} in wall time in this run, ` +
      `${(floor.together.wallGflops / floor.maddGflops).toFixed(2)} cores' worth)` : '';
  const parts = productFlops();
  const total = parts.reduce((sum, [, flops]) => sum + flops, 0);
  const atFloorMs = (flops: number) => flops / floorGflops / 1e6;
  const oneCoreMs = total / floor.maddGflops / 1e6;
  const share = (ms: number) => `${(100 * ms / theirs.stepMs).toFixed(0)} %`;
  const rate = (flops: number, ms: number) => `${ms.toFixed(2)} (${(flops / ms / 1e6).toFixed(1)})`;
  const oursIn = parts.reduce((sum, [p]) => sum + ours.parts[p], 0);
  const theirsIn = parts.reduce((sum, [p]) => sum + theirs.parts[p], 0);
  const rows = threads > 1 ? `about ${Math.round(BATCH_SIZE / threads)} rows per thread` : `all ${BATCH_SIZE} rows on one thread`;
  return [
    `**What bounds the ratio on this CPU** (this run). The 128-bit floor measured here: ${floor.maddGflops.toFixed(1)} GFLOP/s per core ` +
      `(12 independent relaxed_madd chains, bench/simd_floor.ts), ${floorGflops.toFixed(1)} on lib/tf's ${threads} thread(s)${together}. ` +
      `The step's matrix products (element-wise work not counted):`,
    '',
    `| part | products MFLOP | at the floor, ms | lib/tf ms (GFLOP/s) | PyTorch ms (GFLOP/s) |`,
    '|---|---:|---:|---:|---:|',
    ...parts.map(([p, flops]) => `| ${p} | ${(flops / 1e6).toFixed(2)} | ${atFloorMs(flops).toFixed(2)} | ${rate(flops, ours.parts[p])} | ${rate(flops, theirs.parts[p])} |`),
    `| these four parts | ${(total / 1e6).toFixed(2)} | ${atFloorMs(total).toFixed(2)} | ${rate(total, oursIn)} | ${rate(total, theirsIn)} |`,
    `| whole step | ${(total / 1e6).toFixed(2)} | ${atFloorMs(total).toFixed(2)} | ${rate(total, ours.stepMs)} | ${rate(total, theirs.stepMs)} |`,
    '',
    `At the floor the products would take ${atFloorMs(total).toFixed(2)} ms on ${threads} thread(s), ${share(atFloorMs(total))} of ` +
      `PyTorch's profiled step (${theirs.stepMs.toFixed(2)} ms at ${torchThreads} thread(s))` +
      (threads > 1 ? `; on one core ${oneCoreMs.toFixed(2)} ms, ${share(oneCoreMs)}` : '') + '. ' +
      (atFloorMs(total) < 0.5 * theirs.stepMs
        ? `With ${threads > 1 ? `${threads} cores` : 'one core'} most of the step's time is not arithmetic at the floor, on either side: `
        : 'Even at the floor most of the step is arithmetic: ') +
      `the parts that hold the products run at ${(total / oursIn / 1e6).toFixed(1)} GFLOP/s here and ` +
      `${(total / theirsIn / 1e6).toFixed(1)} in PyTorch, and besides the products they hold element-wise work (gates, softmax, loss), ` +
      `the recurrence's ${SEQ_LEN} dependent time steps (${rows})${threads > 1 ? ', the hand-offs' : ''} and each framework's bookkeeping.`,
  ];
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
