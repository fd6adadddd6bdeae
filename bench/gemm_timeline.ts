/**
 * `npm run bench -- gemm_timeline [--reps R] [--gap MS]`: where two threads lose time on the mini-GPT
 * step's 15 products (bench/gpt_products.ts), from the pool's own timestamps (performance.timeOrigin
 * + performance.now() on each thread; lib/tf/kernels/matmul.ts threadedGemmTimeline and
 * KernelThreads.lastJobTimes).
 *
 * Each product runs through tf.matMul on 2 threads R times back to back ("hot": the worker still
 * polling from the last hand-off, as bench/gemm times them) and R times with a pause of --gap ms
 * (default 5) before each ("after a pause": the worker has stopped polling and sleeps in
 * Atomics.wait, as between the products of a training step, where other ops run between them).
 * Per product, medians over the R runs:
 * - whole: from the hand-off to the product's end (tf.matMul's own bookkeeping not included);
 * - worker late: from the hand-off until the worker claimed its job (the OS waking it, if it slept);
 * - copy in: this thread copying the operand every task reads (no task can start before it);
 * - this thread's tasks: their compute time, and its GFLOP/s while computing;
 * - the worker's span: from its claim to the end of its last task, and its GFLOP/s over that span
 *   (its tasks' FLOPs; waits for operands still being copied are inside the span);
 * - tail: one thread done, the other still computing; copy back after both are done.
 * Writes nothing to bench/results.md.
 */
import { GPT_STEP_PRODUCTS as SHAPES } from './gpt_products';
import { cpuInfo, loadAverage, median, withKernelThreads } from './results';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const REPS = arg('--reps', 15);
const GAP_MS = arg('--gap', 5);

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function main(): Promise<void> {
  const cpu = cpuInfo();
  console.log(`[bench] ${cpu.line}; load average ${loadAverage()}; ${REPS} runs per product and mode, pause ${GAP_MS} ms`);
  const lib = await import('../lib/tf');
  await lib.initTf({ backend: 'wasm' });
  const { tf } = lib;
  const { threadedGemmTimeline } = await import('../lib/tf/kernels/matmul');
  const fmt = (v: number, d = 2) => v.toFixed(d);
  const totals: Record<string, { flop: number; ms: number; oneMs: number }> = {};
  // One thread first: each product's wall time on one thread (tf.matMul, median), the reference.
  const oneMs = await withKernelThreads(1, () => SHAPES.map(([, M, N, K, tA, tB]) => {
    const a = tf.randomNormal(tA ? [K, M] : [M, K]);
    const b = tf.randomNormal(tB ? [N, K] : [K, N]);
    tf.matMul(a, b, tA, tB).dispose();
    const ms = median(Array.from({ length: REPS }, () => {
      const t0 = performance.now();
      tf.matMul(a, b, tA, tB).dispose();
      return performance.now() - t0;
    }));
    tf.dispose([a, b]);
    return ms;
  }));
  await withKernelThreads(2, () => {
    for (const mode of ['hot', 'after a pause']) {
      console.log(`\n${mode}: per product, medians (ms unless said)`);
      console.log('| product | 1 thread | 2 threads | speed-up | worker late | slept | copy in | this thread computes (GFLOP/s) | worker span (GFLOP/s) | tasks mine/all | tail | copy back after |');
      console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
      let flopSum = 0;
      let msSum = 0;
      let oneSum = 0;
      SHAPES.forEach(([what, M, N, K, tA, tB, times], i) => {
        const a = tf.randomNormal(tA ? [K, M] : [M, K]);
        const b = tf.randomNormal(tB ? [N, K] : [K, N]);
        tf.matMul(a, b, tA, tB).dispose();
        threadedGemmTimeline(true);
        for (let r = 0; r < REPS; r++) {
          if (mode !== 'hot') sleepMs(GAP_MS);
          tf.matMul(a, b, tA, tB).dispose();
        }
        const runs = threadedGemmTimeline(false);
        tf.dispose([a, b]);
        const flop = 2 * M * N * K;
        const rows = runs.map((t) => {
          const size = (task: number) => t.bounds[task + 1] - t.bounds[task];
          const perUnit = flop / (t.byColumns ? N : M);
          const mineMs = t.mine.reduce((s, [, s0, s1]) => s + s1 - s0, 0);
          const mineUnits = t.mine.reduce((s, [task]) => s + size(task), 0);
          const w = t.workers[0];
          const ranJob = w.claimedAt >= t.handOffAt; // else this thread took the worker's job back
          const workerUnits = (t.byColumns ? N : M) - mineUnits;
          const mineEnd = t.mine.length > 0 ? t.mine[t.mine.length - 1][2] : t.copyInAt;
          const workerEnd = ranJob ? w.doneAt : mineEnd;
          const bothDone = Math.max(mineEnd, workerEnd);
          return {
            whole: t.endAt - t.handOffAt,
            late: ranJob ? w.claimedAt - t.handOffAt : NaN,
            slept: ranJob && w.slept ? 1 : 0,
            copyIn: t.copyInAt - t.handOffAt,
            mineMs,
            mineRate: mineUnits * perUnit / mineMs / 1e6,
            workerMs: ranJob ? w.doneAt - w.claimedAt : NaN,
            workerRate: ranJob ? workerUnits * perUnit / (w.doneAt - w.claimedAt) / 1e6 : NaN,
            tasks: `${t.mine.length}/${t.bounds.length - 1}`,
            tail: Math.abs(mineEnd - workerEnd),
            copyBack: t.endAt - bothDone,
          };
        });
        const med = (f: (r: typeof rows[number]) => number) => median(rows.map(f).filter((v) => !Number.isNaN(v)));
        const whole = med((r) => r.whole);
        flopSum += times * flop;
        msSum += times * whole;
        oneSum += times * oneMs[i];
        console.log(`| ${what} | ${fmt(oneMs[i])} | ${fmt(whole)} | ${fmt(oneMs[i] / whole)}× | ${fmt(med((r) => r.late), 3)} | ` +
          `${rows.reduce((s, r) => s + r.slept, 0)}/${rows.length} | ${fmt(med((r) => r.copyIn), 3)} | ${fmt(med((r) => r.mineMs))} (${fmt(med((r) => r.mineRate), 1)}) | ` +
          `${fmt(med((r) => r.workerMs))} (${fmt(med((r) => r.workerRate), 1)}) | ${rows[0].tasks} | ${fmt(med((r) => r.tail), 3)} | ${fmt(med((r) => r.copyBack), 3)} |`);
      });
      totals[mode] = { flop: flopSum, ms: msSum, oneMs: oneSum };
      console.log(`step's products: 1 thread ${fmt(oneSum, 1)} ms (${fmt(flopSum / oneSum / 1e6, 1)} GFLOP/s), 2 threads ${fmt(msSum, 1)} ms ` +
        `(${fmt(flopSum / msSum / 1e6, 1)} GFLOP/s), ${fmt(oneSum / msSum)}×`);
    }
  });
  console.log(`[bench] load average at the end ${loadAverage()}`);
  const hot = totals.hot;
  const paused = totals['after a pause'];
  console.log(`RESULT timeline_hot_gflops=${(hot.flop / hot.ms / 1e6).toFixed(1)} timeline_paused_gflops=${(paused.flop / paused.ms / 1e6).toFixed(1)} ` +
    `one_thread_gflops=${(hot.flop / hot.oneMs / 1e6).toFixed(1)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
