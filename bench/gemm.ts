/**
 * `npm run bench -- gemm [--reps R]`: lib/tf's GEMM on the matrix products of one mini-GPT training
 * step (bench/gpt.ts: 4 layers, dModel 128, 2048 rows, vocabulary 3000), against the floor that
 * 128-bit WebAssembly SIMD sets on this CPU.
 *
 * 1. The floor, measured: the clock from a chain of dependent integer adds (one cycle each), and the
 *    multiply-add throughput of 12 independent 128-bit accumulators in WebAssembly (the FMA build's
 *    relaxed_madd, as the kernels use). Peak per core = 2 FMA units × 4 lanes × 2 FLOP = 16 FLOP/cycle
 *    × clock.
 * 2. Per core: each of the step's 15 product shapes (forward x·Wᵀ, dx = dy·W, dW = dyᵀ·x) on the
 *    kernel itself (gemmPacked, one thread, private memory), timed in this thread's CPU time so that
 *    other work on a shared machine does not inflate it; best of R after a warm-up.
 * 3. On the pool: the same products through tf.matMul on the wasm backend (what a training step
 *    runs: operands copied into the threads' shared memory, chunks claimed by every thread), at each
 *    thread count of threadCounts(); wall time, best and median of R — on a loaded machine the
 *    second core is often taken, so the best is the figure that shows the hand-off's cost.
 *
 * Ends with `RESULT gemm_step_gflops_per_core=<1 thread> gemm_floor_share=<of the 128-bit peak>
 * gemm_step_gflops_threads=<at the most threads>` and writes the CPU's section of bench/results.md.
 */
import * as fs from 'fs';
import { projectPath } from '../lib/paths';
import { GPT_STEP_PRODUCTS as SHAPES, oneCoreGemm } from './gpt_products';
import { busyMachineNote, cpuInfo, loadAverage, median, threadCounts, withKernelThreads, writeResults } from './results';
import { bestCpuMs, simdFloor } from './simd_floor';

const REPS = (() => {
  const i = process.argv.indexOf('--reps');
  return i >= 0 ? Number(process.argv[i + 1]) : 15;
})();

async function main(): Promise<void> {
  const cpu = cpuInfo();
  const loadAtStart = loadAverage();
  console.log(`[bench] ${cpu.line}; load average ${loadAtStart}`);
  const { ghz, maddGflops, together } = await simdFloor(cpu.cores);
  const peak = 16 * ghz;
  console.log(`[bench] clock ${ghz.toFixed(2)} GHz → 128-bit peak ${peak.toFixed(1)} GFLOP/s per core; measured multiply-adds ${maddGflops.toFixed(1)} GFLOP/s`);
  const togetherText = together == null ? '' : ` On all ${cpu.cores} threads at once (each its own loop, worker threads) the same ` +
    `multiply-adds give ${together.perThread.map((g) => g.toFixed(1)).join(' / ')} GFLOP/s per thread in its own CPU time and ` +
    `${together.wallGflops.toFixed(1)} GFLOP/s together in wall time (${(together.wallGflops / maddGflops).toFixed(2)}× one thread): ` +
    'the most any two-thread product can reach here, hand-offs and copies aside.';
  if (together != null) console.log(`[bench]${togetherText}`);

  // 2. The kernel on one core, private memory, 64-byte-aligned operands.
  const { WebAssemblyApi } = await import('../lib/tf/wasm/kernel_module');
  type KernelExports = import('../lib/tf/wasm/kernel_module').KernelExports;
  const { memory, kernels, product } = await oneCoreGemm();
  // The same products on the kernels of commit 8ce6b44 (before the Aᵀ strips), in the same run.
  const before = new WebAssemblyApi.Instance(new WebAssemblyApi.Module(fs.readFileSync(projectPath('lib', 'tf', 'wasm', 'fixtures',
    'kernels-fma.8ce6b44.wasm'))), { env: { memory } }).exports as unknown as KernelExports;
  const rate = (k: KernelExports) => SHAPES.map((shape) => {
    const [, M, N, K] = shape;
    const ms = bestCpuMs(() => product(k, shape), REPS);
    return 2 * M * N * K / ms / 1e6;
  });
  const perCoreBefore = rate(before);
  const perCore = rate(kernels);

  // 3. Through tf.matMul on the pool, at each thread count.
  const lib = await import('../lib/tf');
  await lib.initTf({ backend: 'wasm' });
  const { tf } = lib;
  const counts = threadCounts(cpu.cores);
  const { threadedGemmStats } = await import('../lib/tf/kernels/matmul');
  const pooled: Record<number, Array<{ best: number; median: number }>> = {};
  const split: Record<number, Array<ReturnType<typeof threadedGemmStats>>> = {};
  for (const threads of counts) {
    split[threads] = [];
    pooled[threads] = await withKernelThreads(threads, () => SHAPES.map(([, M, N, K, tA, tB]) => {
      const a = tf.randomNormal(tA ? [K, M] : [M, K]);
      const b = tf.randomNormal(tB ? [N, K] : [K, N]);
      const once = (): number => {
        const t0 = performance.now();
        const c = tf.matMul(a, b, tA, tB);
        const ms = performance.now() - t0;
        c.dispose();
        return ms;
      };
      once();
      threadedGemmStats(true);
      const ms = Array.from({ length: REPS }, once);
      split[threads].push(threadedGemmStats(true));
      tf.dispose([a, b]);
      const flop = 2 * M * N * K;
      return { best: flop / Math.min(...ms) / 1e6, median: flop / median(ms) / 1e6 };
    }));
  }
  const loadAtEnd = loadAverage();

  // Per step: FLOPs over the sum of each product's time (its count in the step included).
  const stepFlops = SHAPES.reduce((s, [, M, N, K, , , times]) => s + times * 2 * M * N * K, 0);
  const stepRate = (gflops: number[]): number =>
    stepFlops / SHAPES.reduce((s, [, M, N, K, , , times], i) => s + times * 2 * M * N * K / gflops[i], 0);
  const coreStep = stepRate(perCore);
  const coreBefore = stepRate(perCoreBefore);
  const rows = SHAPES.map(([what, M, N, K, , , times], i) => `| ${what} | ${M}×${N}×${K} | ${times} | ${perCoreBefore[i].toFixed(1)} | ${perCore[i].toFixed(1)} | ` +
    `${(100 * perCore[i] / peak).toFixed(0)} % | ${counts.map((t) => `${pooled[t][i].best.toFixed(1)} / ${pooled[t][i].median.toFixed(1)}`).join(' | ')} |`);
  const stepRow = `| **the step's products** (${(stepFlops / 1e9).toFixed(2)} GFLOP) | | | ${coreBefore.toFixed(1)} | **${coreStep.toFixed(1)}** | ` +
    `**${(100 * coreStep / peak).toFixed(0)} %** | ${counts.map((t) => `**${stepRate(pooled[t].map((p) => p.best)).toFixed(1)} / ` +
      `${stepRate(pooled[t].map((p) => p.median)).toFixed(1)}**`).join(' | ')} |`;
  const maxThreads = counts[counts.length - 1];
  const splitLines = maxThreads < 2 ? [] : [
    '',
    `Where the ${maxThreads}-thread products' wall time goes (the same timed runs, per product, mean; tf.matMul's own bookkeeping not included), ` +
      'all from the hand-off to the workers on: this thread copying the operand every task reads into the shared memory (the workers wait for it), ' +
      'then each task\'s own rows of A or columns of B in task order (the workers start on the first while it copies the next), ' +
      'then computing the tasks it claims; after its last one it copies each worker\'s part of C back as that task is done, ' +
      'waiting where one is not. Serial share: the first copy and the wait, of the whole.',
    '',
    '| product | copy in ms | copy per task ms | this thread\'s last task done at ms | copy back ms | wait ms | whole ms | serial share | tasks by this thread |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...SHAPES.map(([what], i) => {
      const st = split[maxThreads][i];
      const per = (v: number) => v / Math.max(1, st.products);
      const serial = (st.copyInMs + st.waitMs) / Math.max(1e-9, st.parallelMs);
      return `| ${what} | ${per(st.copyInMs).toFixed(3)} | ${per(st.copyTasksMs).toFixed(3)} | ${per(st.mainDoneMs).toFixed(3)} | ` +
        `${per(st.copyBackMs).toFixed(3)} | ${per(st.waitMs).toFixed(3)} | ${per(st.parallelMs).toFixed(3)} | ${(100 * serial).toFixed(0)} % | ${st.mainChunks} of ${st.chunks} |`;
    }),
  ];
  const lines = [
    `\`npm run bench -- gemm\` (best of ${REPS} after a warm-up), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
      `load average ${loadAtStart} at the start and ${loadAtEnd} at the end (1, 5, 15 min; ${cpu.cores} usable cores).` +
      busyMachineNote(cpu, loadAtStart) + ' The "1 core" columns are CPU time, which other work inflates little; the thread ' +
      'columns are wall time.',
    '',
    `**The 128-bit floor on this CPU.** The clock, from a chain of dependent integer adds in WebAssembly (one cycle each): ` +
      `${ghz.toFixed(2)} GHz. Two FMA units × 4 float lanes × 2 FLOP = 16 FLOP/cycle per core with 128-bit vectors, so ` +
      `16 × ${ghz.toFixed(2)} = **${peak.toFixed(1)} GFLOP/s per core**; 12 independent 128-bit multiply-adds in WebAssembly ` +
      `(relaxed_madd) measure ${maddGflops.toFixed(1)} GFLOP/s. AVX2 (256-bit, what PyTorch uses here) doubles that: ` +
      `${(2 * peak).toFixed(1)} per core; AVX-512 would quadruple it (this CPU has ${cpu.fma512 ? '' : 'no '}AVX-512).${togetherText}`,
    '',
    'The GEMM on the products of one mini-GPT training step (bench/gpt.ts: 4 layers, dModel 128, 2048 rows, vocabulary 3000). ' +
      '"1 core" is the kernel (gemmPacked) alone in this thread\'s CPU time, so other work on the machine does not inflate it. ' +
      'The thread columns are tf.matMul on the wasm backend, wall time best / median: the copies into the threads\' shared memory ' +
      'and the hand-off included; on a shared machine the median pays for cores other work takes.',
    '',
    `| product | M×N×K | per step | 1 core, 8ce6b44's kernel | 1 core GFLOP/s | of the floor | ${counts.map((t) => `${t} thread${t > 1 ? 's' : ''} GFLOP/s best / median`).join(' | ')} |`,
    `|---|---|---:|---:|---:|---:|${counts.map(() => '---:|').join('')}`,
    ...rows,
    stepRow,
    ...splitLines,
    '',
    whatItAnswered(perCoreBefore, perCore, peak),
  ];
  writeResults('gemm', lines, `RESULT gemm_step_gflops_per_core=${coreStep.toFixed(1)} gemm_floor_share=${(coreStep / peak).toFixed(3)} ` +
    `gemm_step_gflops_threads=${stepRate(pooled[maxThreads].map((p) => p.best)).toFixed(1)} threads=${maxThreads}`, cpu);
}

/** Range of `values` over the rows whose name matches `kind`, as "a–b". */
function rangeOf(values: number[], kind: RegExp): string {
  const picked = values.filter((_, i) => kind.test(SHAPES[i][0]));
  return `${Math.min(...picked).toFixed(1)}–${Math.max(...picked).toFixed(1)}`;
}

/** The question of 2026-12-07 (issue 30) this benchmark was written for, with this run's numbers. */
function whatItAnswered(before: number[], after: number[], peak: number): string {
  const dW = /dW/;
  const others = /forward|dx/;
  return 'What this answered (2026-12-07, issue 30). The gpt section of 2026-12-07 put the step\'s Linear/LM-head products ' +
    'at 35 GFLOP/s on 2 threads where its history (2026-12-05) said ~90. Not a regression in the kernel: the micro-kernel and ' +
    'the packing of B are unchanged since a710e16, and the relaxed-SIMD (FMA) build is the one selected (this bench refuses ' +
    `to run otherwise). Per core the products other than dW run at ${rangeOf(after, others)} GFLOP/s, ` +
    `${(100 * Math.min(...after.filter((_, i) => others.test(SHAPES[i][0]))) / peak).toFixed(0)}–` +
    `${(100 * Math.max(...after.filter((_, i) => others.test(SHAPES[i][0]))) / peak).toFixed(0)} % of the 128-bit floor. ` +
    'The two figures measured different things on different machines: 35 is tf.profile\'s kernel time (a lower bound: ' +
    'profiling slows every kernel; it includes the copies into the threads\' shared memory and the hand-off) in a run at ' +
    'load 1.5–2.2 on 2 cores, where other work held about one core and the second thread got little of it; ~90 was timed ' +
    'around each product on the 2026-12-05 machine, an EPYC with AVX-512 (PyTorch reached 160-180 GFLOP/s there; AVX2 ' +
    'here gives it 127), while this one is family 25 model 1 (Zen 3). One real loss was found and fixed: the weight ' +
    `gradients dW = dyᵀ·x read A transposed, and ran at ${rangeOf(before, dW)} GFLOP/s per core on 8ce6b44's kernel — ` +
    'the micro-kernel\'s 4-row strip walked kc rows M floats apart, and with M a power of two (128, 384, 512) those rows ' +
    'fall in a few L1 sets and evict each other. Each strip is now copied to contiguous memory first (same multiply-adds ' +
    `in the same order, bit-identical: lib/tf/wasm/kernels_identity.test.ts): ${rangeOf(after, dW)} GFLOP/s.`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
