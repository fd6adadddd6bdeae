/**
 * `npm run bench -- gpt [--rounds R] [--steps S]`: training speed of the notebook-4 mini GPT —
 * MiniGpt(numLayers 4, numHeads 4, dModel 128, contextLength 64), a 3,000-word vocabulary of
 * data/embedding_corpus.txt (lib/text Tokenizer, OOV), batch 32, AdamW(3e-4, weight decay 0.1 on
 * matrices), next-token cross-entropy — in lib/transformer and in PyTorch (bench/gpt_pytorch.py:
 * the same model written the nanoGPT way) with the same initial weights and the same batches.
 *
 * In one run: lib/transformer steps (makeTransformerStep, what trainTransformer runs) alternating
 * with PyTorch CPU, both sides at each thread count of threadCounts() (1, 2, 4… up to the usable
 * cores; one table row each); each step timed alone (forward, backward, update, reading
 * the loss). Then: where a lib step goes (tfjs kernels by name from tf.profile, and each component
 * forward + backward on the real shapes), PyTorch's profile, GFLOP/s of both sides on the step's
 * matrix products (the Linear layers and the LM head), and greedy decoding tokens/s with and
 * without the KV cache. Ends with
 * `RESULT gpt_step_ratio_vs_pytorch=<lib ms/step ÷ PyTorch ms/step> first_loss_delta=<|Δ| first loss>`
 * (each side at its fastest thread count) and writes the tables to the CPU's section of
 * bench/results.md; on a CPU with 512-bit FMA, also the 128-bit SIMD floor and our GEMM's share of it.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { projectPath } from '../lib/paths';
import { GPT_STEP_PRODUCTS } from './gpt_products';
import { busyMachineNote, cpuInfo, fastestCount, loadAverage, median, perThreadCount, simdFloorNote, threadCounts, withKernelThreads, writeResults } from './results';
import { simdFloor } from './simd_floor';

const CONFIG = { vocabSize: 3000, contextLength: 64, numLayers: 4, numHeads: 4, dModel: 128 };
const BATCH_SIZE = 32;
const LR = 3e-4;
const WEIGHT_DECAY = 0.1;
const SEED = 11;
const NUM_BATCHES = 64;

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The corpus as one stream of word ids (sentence ends kept as the OOV-free token '.'). */
async function loadTokens(): Promise<Int32Array> {
  const { Tokenizer } = await import('../lib/text');
  const lines = fs.readFileSync(projectPath('data', 'embedding_corpus.txt'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
  const tokenizer = new Tokenizer({ numWords: CONFIG.vocabSize, oovToken: '<OOV>' }).fitOnTexts(lines);
  return Int32Array.from(tokenizer.textsToSequences(lines).flat());
}

/** NUM_BATCHES fixed batches: BATCH_SIZE window starts each, from a local LCG (same on both sides). */
function batchOffsets(n: number): number[][] {
  let s = SEED;
  const rand = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  return Array.from({ length: NUM_BATCHES }, () => Array.from({ length: BATCH_SIZE }, () => Math.floor(rand() * (n - CONFIG.contextLength - 1))));
}

class TorchChild {
  private readonly lines: AsyncIterableIterator<string>;
  private readonly child: ReturnType<typeof spawn>;

  constructor(python: string, specFile: string, weightsFile: string) {
    this.child = spawn(python, [projectPath('bench', 'gpt_pytorch.py'), specFile, weightsFile], { stdio: ['pipe', 'pipe', 'inherit'] });
    if (this.child.stdout == null) throw new Error('no stdout from the PyTorch process');
    this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async ask(command: string): Promise<Record<string, unknown>> {
    if (command !== '') this.child.stdin?.write(`${command}\n`);
    const { value, done } = await this.lines.next();
    if (done) throw new Error('the PyTorch process ended early (is torch installed in BENCH_PYTHON?)');
    return JSON.parse(value) as Record<string, unknown>;
  }

  quit(): void {
    this.child.stdin?.end('quit\n');
  }
}

async function main(): Promise<void> {
  const rounds = argValue('--rounds', 5);
  const stepsPerRound = argValue('--steps', 10);
  const warmup = 5;
  const python = process.env.BENCH_PYTHON ?? 'python3';
  const cpu = cpuInfo();
  const counts = threadCounts(cpu.cores);
  const loadAtStart = loadAverage();
  console.log(`[bench] ${cpu.line}; thread counts ${counts.join(', ')}; load average ${loadAtStart}`);
  const lib = await import('../lib/tf');
  const info = await lib.initTf();
  const { tf } = lib;
  const T = await import('../lib/transformer');

  const tokens = await loadTokens();
  const offsets = batchOffsets(tokens.length);
  console.log(`[bench] ${tokens.length} tokens, vocabSize ${CONFIG.vocabSize}, ${NUM_BATCHES} fixed batches of ${BATCH_SIZE}×${CONFIG.contextLength}`);
  lib.setSeed(SEED);
  const gpt = new T.MiniGpt(CONFIG);
  const params = [...gpt.namedParameters()];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gpt-'));
  const specFile = path.join(tmp, 'spec.json');
  const weightsFile = path.join(tmp, 'weights.f32');
  fs.writeFileSync(weightsFile, Buffer.concat(params.map(([, v]) => Buffer.from((v.dataSync() as Float32Array).slice().buffer))));
  fs.writeFileSync(specFile, JSON.stringify({
    config: CONFIG, batchSize: BATCH_SIZE, lr: LR, weightDecay: WEIGHT_DECAY, tokens: Array.from(tokens), offsets,
    weights: params.map(([name, v]) => ({ name, shape: v.shape })),
  }));

  const batch = (b: number): { x: import('@tensorflow/tfjs').Tensor2D; y: import('@tensorflow/tfjs').Tensor2D } => {
    const L = CONFIG.contextLength;
    const x = new Int32Array(BATCH_SIZE * L);
    const y = new Int32Array(BATCH_SIZE * L);
    offsets[b % NUM_BATCHES].forEach((o, i) => {
      x.set(tokens.subarray(o, o + L), i * L);
      y.set(tokens.subarray(o + 1, o + L + 1), i * L);
    });
    return { x: tf.tensor2d(x, [BATCH_SIZE, L], 'int32'), y: tf.tensor2d(y, [BATCH_SIZE, L], 'int32') };
  };
  const optimizer = T.adamW(LR, { weightDecay: WEIGHT_DECAY });
  const step = T.makeTransformerStep(gpt, (b: ReturnType<typeof batch>) => T.lmLoss(gpt, b.x, b.y), { optimizer });
  let ourStep = 0;
  const ourLosses: number[] = [];
  const ours = (n: number): number[] => Array.from({ length: n }, () => {
    const b = batch(ourStep++);
    const t0 = performance.now();
    ourLosses.push(step(b));
    const ms = performance.now() - t0;
    tf.dispose(b);
    return ms;
  });

  const torch = new TorchChild(python, specFile, weightsFile);
  const ready = await torch.ask('');
  const torchMs = perThreadCount(counts);
  const torchLosses = perThreadCount(counts);
  const ourMs = perThreadCount(counts);
  const trainTorch = async (threads: number, n: number, timed: boolean): Promise<void> => {
    const r = await torch.ask(`train ${threads} ${n}`);
    torchLosses[threads].push(...(r.losses as number[]));
    if (timed) torchMs[threads].push(...(r.ms as number[]));
  };
  for (const threads of counts) await withKernelThreads(threads, () => ours(warmup));
  for (const threads of counts) await trainTorch(threads, warmup, false);
  for (let r = 0; r < rounds; r++) {
    console.log(`[bench] round ${r + 1}/${rounds}`);
    // Alternate the order between rounds so neither side always runs right after the other.
    for (const threads of r % 2 === 0 ? counts : [...counts].reverse()) {
      ourMs[threads].push(...(await withKernelThreads(threads, () => ours(stepsPerRound))));
      await trainTorch(threads, stepsPerRound, true);
    }
  }
  const ourThreads = fastestCount(ourMs, counts);
  const torchThreads = fastestCount(torchMs, counts);
  // The profiles and decoding below run at lib's fastest thread count.
  await withKernelThreads(ourThreads, () => undefined);
  const torchProfile = await torch.ask(`profile ${torchThreads} 3`);
  torch.quit();

  // Where a lib step goes, 1: tfjs kernels by name over 3 profiled steps.
  const profiled = 3;
  const kernelMs = new Map<string, number>();
  let linearMatmulMs = 0;
  const isKernel = (name: string): boolean => tf.getKernel(name, tf.getBackend()) != null;
  const wallStart = performance.now();
  const prof = await tf.profile(() => {
    for (let i = 0; i < profiled; i++) {
      const b = batch(ourStep++);
      ourLosses.push(step(b));
      tf.dispose(b);
    }
  });
  const profiledWall = (performance.now() - wallStart) / profiled;
  for (const k of prof.kernels) {
    if (!isKernel(k.name) || typeof k.kernelTimeMs !== 'number') continue;
    kernelMs.set(k.name, (kernelMs.get(k.name) ?? 0) + k.kernelTimeMs / profiled);
    // tfjs hands every product to the kernel as rank 3; the Linear layers' have batch 1, attention's B·nh.
    if ((k.name === 'BatchMatMul' || k.name === '_FusedMatMul') && k.inputShapes[0]?.[0] === 1) linearMatmulMs += k.kernelTimeMs / profiled;
  }
  const kernelTotal = [...kernelMs.values()].reduce((a, b) => a + b, 0);
  const kernelRows = [...kernelMs].sort((a, b) => b[1] - a[1]).slice(0, 12);

  // Where a lib step goes, 2: each component's forward + backward alone on the step's shapes.
  const { dModel: C, numLayers: L, vocabSize: V, contextLength: P } = CONFIG;
  const N = BATCH_SIZE * P;
  const timeIt = (f: () => void, n = 5): number => {
    f();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    return (performance.now() - t0) / n;
  };
  const x = tf.randomNormal([BATCH_SIZE, P, C]);
  const x4 = tf.randomNormal([BATCH_SIZE, P, 4 * C]);
  const qkv = tf.randomNormal([BATCH_SIZE, P, 3 * C]);
  const block = gpt.h[0];
  const fb = (f: (t: import('@tensorflow/tfjs').Tensor) => import('@tensorflow/tfjs').Tensor, input: import('@tensorflow/tfjs').Tensor) =>
    () => tf.tidy(() => { tf.grad((t: import('@tensorflow/tfjs').Tensor) => tf.sum(f(t)))(input).dataSync(); });
  const components: Array<[string, number]> = [
    ['LayerNorm ×(2L+1)', (2 * L + 1) * timeIt(fb((t) => block.ln1.forward(t), x))],
    ['c_attn Linear (C→3C) ×L', L * timeIt(fb((t) => block.attn.cAttn.forward(t), x))],
    // What the step runs (fusedCausalAttention), and the readable tfjs-op path it replaces.
    ['attention core, fused: qkv → heads, q·kᵀ, mask, softmax, ·v, merge ×L', L * timeIt(fb((t) => lib.fusedCausalAttention(t, CONFIG.numHeads), qkv))],
    ['(not in the step: the same with tfjs ops: split, attendHeads ×L)', L * timeIt(fb((t) => {
      const [q, k, v] = tf.split(t, 3, -1);
      return T.attendHeads(q, k, v, { numHeads: CONFIG.numHeads, causal: true }).output;
    }, qkv))],
    ['c_proj Linear (C→C) ×L', L * timeIt(fb((t) => block.attn.cProj.forward(t), x))],
    ['MLP c_fc + c_proj Linear ×L', L * (timeIt(fb((t) => block.mlp.up.forward(t), x)) + timeIt(fb((t) => block.mlp.down.forward(t), x4)))],
    ['GELU (tanh) on (B, T, 4C) ×L', L * timeIt(fb((t) => T.gelu(t, 'gelu_tanh'), x4))],
    ['LM head (tied) + cross-entropy', timeIt(() => tf.tidy(() => {
      const yb = batch(0);
      tf.grad((t: import('@tensorflow/tfjs').Tensor) => T.crossEntropy(T.linear(t, gpt.wte.weight), yb.y))(x).dataSync();
    }))],
  ];
  tf.dispose([x4, qkv]);
  const adamMs = timeIt(() => tf.tidy(() => {
    optimizer.applyGradients(params.map(([, v]) => ({ name: v.name, tensor: tf.zerosLike(v) })));
  }), 3);
  components.push(['AdamW update (fused kernel + decay)', adamMs]);

  // The step's products alone, unprofiled, at lib's thread count (tf.matMul on the pool, as the step
  // runs them): wall time, median of 5 after a warm-up, times their count per step; then the
  // 128-bit SIMD floor measured on this CPU. Together: what bounds the ratio (boundLines below).
  const { threadedGemmStats } = await import('../lib/tf/kernels/matmul');
  threadedGemmStats(true);
  const productMs = GPT_STEP_PRODUCTS.map(([, M, Np, K, tA, tB, times]) => {
    const a = tf.randomNormal(tA ? [K, M] : [M, K]);
    const b = tf.randomNormal(tB ? [Np, K] : [K, Np]);
    const once = (): number => {
      const t0 = performance.now();
      tf.matMul(a, b, tA, tB).dispose();
      return performance.now() - t0;
    };
    once();
    const ms = median(Array.from({ length: 5 }, once));
    tf.dispose([a, b]);
    return times * ms;
  });
  const handOff = threadedGemmStats(true);
  const floor = await simdFloor(cpu.cores);

  // Greedy decoding, 48 new tokens after an 8-token prompt, with and without the KV cache.
  const prompt = Array.from(tokens.subarray(100, 108));
  const newTokens = 48;
  const greedy = (useCache: boolean): { ids: number[]; ms: number } => {
    const ids = [...prompt];
    const cache = useCache ? gpt.newCache() : null;
    const t0 = performance.now();
    for (let i = 0; i < newTokens; i++) {
      const next = tf.tidy(() => {
        const feed = cache == null || i === 0 ? [ids] : [[ids[ids.length - 1]]];
        const { logits } = gpt.forward(feed, { cache });
        const last = tf.slice(logits, [0, logits.shape[1] - 1, 0], [1, 1, V]);
        return tf.argMax(tf.reshape(last, [V])).dataSync()[0];
      });
      ids.push(next);
    }
    const ms = performance.now() - t0;
    cache?.dispose();
    return { ids, ms };
  };
  greedy(true);
  const cached = greedy(true);
  const uncached = greedy(false);
  if (cached.ids.join() !== uncached.ids.join()) throw new Error('greedy decoding differs with and without the KV cache');
  tf.dispose(x);
  if (process.env.BENCH_KEEP) console.log(`[bench] kept ${tmp}`); else fs.rmSync(tmp, { recursive: true, force: true });

  // Results.
  const oursMedian = median(ourMs[ourThreads]);
  const torchBest = median(torchMs[torchThreads]);
  const ratio = oursMedian / torchBest;
  const firstDelta = Math.abs(ourLosses[0] - torchLosses[torchThreads][0]);
  const matmulFlops = 3 * 2 * N * (12 * L * C * C + C * V); // forward + backward (dX, dW) of the Linear layers and the LM head
  const stepFlops = matmulFlops + 3 * L * 4 * N * P * C / 2; // + causal attention products (half of q·kᵀ and ·v)
  const gflops = (flops: number, ms: number): string => (flops / ms / 1e6).toFixed(1);
  const torchMatmulMs = Number(torchProfile.matmulMs);
  const rows = counts.flatMap((th) => [
    `| lib/transformer (${info.backend}) | ${th} | ${median(ourMs[th]).toFixed(1)} | ${gflops(stepFlops, median(ourMs[th]))} | ` +
      `${th === ourThreads ? gflops(matmulFlops, linearMatmulMs) : '–'} | ${ourMs[th].length} |`,
    `| PyTorch ${String(ready.torch)} CPU | ${th} | ${median(torchMs[th]).toFixed(1)} | ${gflops(stepFlops, median(torchMs[th]))} | ` +
      `${th === torchThreads ? gflops(matmulFlops, torchMatmulMs) : '–'} | ${torchMs[th].length} |`,
  ]);
  const floorNote = simdFloorNote(cpu, matmulFlops / linearMatmulMs / 1e6 / ourThreads);
  const header = '| implementation | threads | ms/step (median) | step GFLOP/s | Linear/LM-head matmul GFLOP/s | timed steps |\n|---|---:|---:|---:|---:|---:|';
  const kernelTable = ['| tfjs kernel | ms/step |', '|---|---:|', ...kernelRows.map(([n, ms]) => `| ${n} | ${ms.toFixed(1)} |`),
    `| all kernels | ${kernelTotal.toFixed(1)} |`, `| step wall time while profiled | ${profiledWall.toFixed(1)} |`];
  const inStep = components.filter(([n]) => !n.startsWith('(not in the step'));
  const componentTable = ['| component (forward + backward, alone) | ms/step |', '|---|---:|', ...components.map(([n, ms]) => `| ${n} | ${ms.toFixed(1)} |`),
    `| sum (of the step's components) | ${inStep.reduce((a, [, ms]) => a + ms, 0).toFixed(1)} |`, `| measured step (median) | ${oursMedian.toFixed(1)} |`];
  const torchTop = (torchProfile.top as Array<[string, number]>).slice(0, 8).map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join(', ');
  const decodeLine = `Greedy decoding (${newTokens} tokens after an 8-token prompt, batch 1): with the KV cache ` +
    `${(1000 * newTokens / cached.ms).toFixed(1)} tokens/s, without ${(1000 * newTokens / uncached.ms).toFixed(1)} tokens/s ` +
    '(the same tokens: checked).';
  const lossLine = `Same initial weights and batches: first-step loss ${ourLosses[0].toFixed(6)} (lib) vs ${torchLosses[torchThreads][0].toFixed(6)} (PyTorch), ` +
    `|Δ| ${firstDelta.toExponential(1)}; step ${warmup + rounds * stepsPerRound}: ${ourLosses[warmup + rounds * stepsPerRound - 1].toFixed(4)} vs ` +
    `${torchLosses[torchThreads][warmup + rounds * stepsPerRound - 1].toFixed(4)}.`;
  const result = `RESULT gpt_step_ratio_vs_pytorch=${ratio.toFixed(3)} first_loss_delta=${firstDelta.toExponential(2)}`;
  // What bounds the ratio, from this run's numbers: the products at the measured 128-bit floor on
  // lib's threads, everything else as fast as PyTorch's; and where the gap between the sides sits.
  const productsFlops = GPT_STEP_PRODUCTS.reduce((sum, [, M, Np, K, , , times]) => sum + times * 2 * M * Np * K, 0);
  if (Math.abs(productsFlops - matmulFlops) > 1) throw new Error(`bench/gpt_products.ts (${productsFlops} FLOPs) no longer matches CONFIG (${matmulFlops})`);
  const productsMs = productMs.reduce((a, b) => a + b, 0);
  const floorPerCore = floor.maddGflops;
  const floorMs = matmulFlops / (ourThreads * floorPerCore) / 1e6;
  const torchOtherMs = torchBest - torchMatmulMs;
  const ourOtherMs = oursMedian - productsMs;
  const boundMs = floorMs + torchOtherMs;
  const gap = oursMedian - torchBest;
  const groups = torchProfile.groups as Record<string, number>;
  const component = (prefix: string): number => components.find(([n]) => n.startsWith(prefix))?.[1] ?? NaN;
  const lmHeadMs = productMs.slice(-3).reduce((a, b) => a + b, 0); // the LM head's three products
  const nonProduct: Array<[string, number, number]> = [
    ['LayerNorm', component('LayerNorm'), groups.LayerNorm],
    ['GELU', component('GELU'), groups.GELU],
    ['attention core (q·kᵀ, softmax, ·v)', component('attention core'), groups['attention core']],
    ['softmax + cross-entropy (LM head + CE less its three products)', component('LM head') - lmHeadMs, groups['softmax + cross-entropy']],
  ];
  const pct = (ms: number) => `${(100 * ms / gap).toFixed(0)} %`;
  const perProduct = (i: number) => GPT_STEP_PRODUCTS[i][6] * 2 * GPT_STEP_PRODUCTS[i][1] * GPT_STEP_PRODUCTS[i][2] * GPT_STEP_PRODUCTS[i][3];
  const wait = (handOff.copyInMs + handOff.waitMs) / Math.max(1, handOff.products); // a thread idle: the workers before they can start, this thread after its last task
  const boundLines = [
    `**What bounds the ratio on this CPU** (this run's numbers). The step's products are ${(matmulFlops / 1e9).toFixed(2)} GFLOP. ` +
      `The 128-bit floor measured here: ${floorPerCore.toFixed(1)} GFLOP/s per core (12 independent relaxed_madd chains; clock ` +
      `${floor.ghz.toFixed(2)} GHz × 16 FLOP/cycle = ${(16 * floor.ghz).toFixed(1)})` +
      (floor.together != null ? `, ${floor.together.wallGflops.toFixed(1)} GFLOP/s on all ${cpu.cores} threads at once in wall time` : '') +
      `; on lib's ${ourThreads} thread${ourThreads > 1 ? 's' : ''} the products would take ${floorMs.toFixed(1)} ms at the floor. ` +
      `Alone and unprofiled through tf.matMul on the pool (median of 5 each, times their count per step) they take ${productsMs.toFixed(1)} ms ` +
      `(${gflops(matmulFlops, productsMs)} GFLOP/s, ${(100 * floorMs / productsMs).toFixed(0)} % of the floor` +
      (handOff.products === 0 ? '). ' : `; per threaded product ${wait.toFixed(2)} ms of ${(handOff.parallelMs / handOff.products).toFixed(2)} ms ` +
        'with a thread idle: the workers until the operands every task reads are copied in, this thread after its last task). ') +
      `PyTorch's products (aten::mm/addmm, AVX2: 256-bit) take ${torchMatmulMs.toFixed(1)} ms (${gflops(matmulFlops, torchMatmulMs)} GFLOP/s), its ` +
      `everything else ${torchOtherMs.toFixed(1)} ms. With our products at the floor and everything else as fast as PyTorch's the step would ` +
      `take ${boundMs.toFixed(1)} ms: a ratio of **${(boundMs / torchBest).toFixed(3)}**, the lowest 128-bit SIMD allows against ` +
      `this PyTorch on this CPU; at this run's product speed and PyTorch's everything else, ${((productsMs + torchOtherMs) / torchBest).toFixed(3)}.` +
      (floor.together == null || floor.together.wallGflops >= 0.9 * cpu.cores * floorPerCore ? '' :
        ` **This run was disturbed**: the floor loop on all ${cpu.cores} threads at once gave ${floor.together.wallGflops.toFixed(1)} GFLOP/s ` +
        `together in wall time, ${(floor.together.wallGflops / floorPerCore).toFixed(2)}× one thread, where this machine quiet gives ` +
        `close to ${cpu.cores}× when its cores are free (bench/cores.ts, in independent processes; 1.97–1.99× on the Zen 3 guest of ` +
        `2026-12-07, no steal time): other work held a core during this phase, so the ` +
        `products-alone figures above and the gap below are not this code's.`),
    '',
    `| ms/step | lib (${ourThreads} thread${ourThreads > 1 ? 's' : ''}) | lib's products at the 128-bit floor | PyTorch (${torchThreads} thread${torchThreads > 1 ? 's' : ''}) |`,
    '|---|---:|---:|---:|',
    `| products (Linear layers, LM head) | ${productsMs.toFixed(1)} | ${floorMs.toFixed(1)} | ${torchMatmulMs.toFixed(1)} |`,
    `| everything else | ${ourOtherMs.toFixed(1)} | ${torchOtherMs.toFixed(1)} (PyTorch's) | ${torchOtherMs.toFixed(1)} |`,
    `| step | ${oursMedian.toFixed(1)} | ${boundMs.toFixed(1)} | ${torchBest.toFixed(1)} |`,
    `| ratio to PyTorch | ${ratio.toFixed(3)} | ${(boundMs / torchBest).toFixed(3)} | 1 |`,
    '',
    `Where the gap of ${gap.toFixed(1)} ms per step sits: our products above the floor ${(productsMs - floorMs).toFixed(1)} ms (${pct(productsMs - floorMs)}); ` +
      `the floor itself above PyTorch's products, 128-bit against 256-bit SIMD ${(floorMs - torchMatmulMs).toFixed(1)} ms (${pct(floorMs - torchMatmulMs)}); ` +
      `everything else, ours above PyTorch's, ${(ourOtherMs - torchOtherMs).toFixed(1)} ms (${pct(ourOtherMs - torchOtherMs)}).`,
    '',
    'Everything else by part: ours is each op forward + backward alone (the component table), PyTorch\'s the self CPU time of ' +
      'its ops in the profile, so the rows compare in size, not to the millisecond.',
    '',
    '| part | lib ms/step | PyTorch ms/step |',
    '|---|---:|---:|',
    ...nonProduct.map(([n, ours, theirs]) => `| ${n} | ${ours.toFixed(1)} | ${Number(theirs).toFixed(1)} |`),
    '',
    `| product, ${ourThreads} thread${ourThreads > 1 ? 's' : ''}, alone | GFLOP/s | of ${ourThreads} × the per-core floor |`,
    '|---|---:|---:|',
    ...GPT_STEP_PRODUCTS.map(([what], i) => `| ${what} | ${gflops(perProduct(i), productMs[i])} | ` +
      `${(100 * perProduct(i) / productMs[i] / 1e6 / (ourThreads * floorPerCore)).toFixed(0)} % |`),
  ];
  const lines = [
    `\`npm run bench -- gpt\` (${rounds} rounds × ${stepsPerRound} steps per thread count after ${warmup} warm-up steps, lib and PyTorch alternating), ` +
      `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, load average ${loadAtStart} at the start and ${loadAverage()} at the end ` +
      `(1, 5, 15 min; ${cpu.cores} usable cores). On a shared machine timings are noisy: medians are compared, each side at its fastest ` +
      `thread count (lib ${ourThreads}, PyTorch ${torchThreads}); the profiles below ran at those.${busyMachineNote(cpu, loadAtStart)}`,
    '',
    `MiniGpt: numLayers ${L}, numHeads ${CONFIG.numHeads}, dModel ${C}, contextLength ${P}, vocabSize ${V} (words of data/embedding_corpus.txt), ` +
      `batch ${BATCH_SIZE}, AdamW(${LR}, weight decay ${WEIGHT_DECAY} on matrices), tied LM head, ${(params.reduce((a, [, v]) => a + v.size, 0) / 1e6).toFixed(2)} M parameters. ` +
      `A step = forward, backward, update, reading the loss. FLOPs per step: ${(stepFlops / 1e9).toFixed(2)} G, of which ${(matmulFlops / 1e9).toFixed(2)} G in the Linear layers and the LM head.`,
    '',
    header, ...rows, '',
    ...(floorNote != null ? [floorNote, ''] : []),
    `The matmul GFLOP/s columns divide the Linear and LM-head FLOPs by those products' kernel times in the profiles below; ` +
      `tf.profile slows every kernel (lib's profiled step: ${profiledWall.toFixed(0)} ms against ${oursMedian.toFixed(0)} ms unprofiled), so lib's figure is a lower bound.`, '',
    `Where a lib/transformer step goes (tf.profile over ${profiled} steps; kernels only, nested scopes excluded):`, '', ...kernelTable, '',
    ...componentTable, '',
    `PyTorch (torch.profiler, self CPU ms per step): ${torchTop}.`, '',
    ...boundLines, '',
    lossLine, '', decodeLine, '',
    'What the profile led to (runs of 2026-12-05 on this machine at load average ≈ 20, so absolute times are inflated): ' +
      'before any change, GELU(tanh) composed as pow + tanh cost 1,618 ms of a 5,148 ms step (the `Pow` kernel alone 1,127 ms: wasm\'s ' +
      'pow and tanh are scalar loops, and pow\'s gradient also differentiates the exponent); written as x·σ(2u) on the vectorised ' +
      'sigmoid it took 420 ms. A JavaScript-loop GELU (393 vs 143 ms for fwd + bwd on (2048, 512)) and LayerNorm (121 vs 49 ms) ' +
      'were slower than the tfjs kernels and dropped. `Sum` over leading axes (every bias and broadcast gradient) was 575 ms: ' +
      'wasm transposes before reducing; lib/tf now computes it as ones·x on its GEMM (2.7 vs 54 ms on (2048, 512)). ' +
      'That left a 726 ms step (quiet machine), 448 ms of it in matrix products at 34 GFLOP/s on one thread. ' +
      'Second round (quiet machine, load ≈ 1.5; step medians of this bench): the GEMM packs B, or Bᵀ as stored, into ' +
      'cache-sized panels (45-54 instead of 26-52 GFLOP/s per core on the step\'s shapes, and no whole transpose of weights) and ' +
      'large products run on both cores, each claiming chunks of rows or columns (726 → 494 ms); the LM head\'s cross-entropy ' +
      'became one SIMD op (143 → 37 ms forward + backward on (2048, 3000); step 358 ms); LayerNorm and GELU became one op each, ' +
      'tf.split became block copies (SplitV 14-28 → 1 ms) and exp lost two multi-instruction conversions (step 280 ms); causal ' +
      'attention reads q, k, v from the fused projection and writes the merged heads in one op (per layer 6.3 ms of kernels ' +
      'against 12-13 ms for the tfjs ops; step 262 ms); GELU, attention and the loss\'s softmax split their rows between the ' +
      'two cores, and exp\'s polynomial became multiply-adds (step 234-245 ms). Matrix products are still most of a step: ' +
      'timed around each product in an instrumented step, they compute at ~90 GFLOP/s plus ~15 ms of operand copies for the ' +
      'worker thread. WebAssembly SIMD is 128 bits ' +
      'wide, so two cores peak near 100 GFLOP/s where PyTorch\'s oneDNN reaches 160-180 on AVX-512.',
  ];
  console.log(lines.join('\n'));
  writeResults('gpt', lines, result);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
