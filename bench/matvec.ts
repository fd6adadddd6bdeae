/**
 * `npm run bench -- matvec [--reps R]`: how fast one decoding step's matrix-vector products stream
 * their weights, per thread count — the part of `npm run bench -- llama` that bounds our Llama.
 *
 * The 211 products of a SmolLM2-135M step (30 layers × q, k, v, o, gate, up, down, and the tied LM
 * head: 538 MB of fp32 weights, far beyond any cache), x·Wᵀ with one row of x, on the kernel itself
 * (gemmNT; gemmNTTasks on the workers) in the pool's shared memory, no tfjs around it:
 *
 *  1. one thread: gemmNT over every weight;
 *  2. k threads, one hand-off per pass: every weight split as matmul.ts splits it (this thread the last
 *     ~1/k rows, the workers tasks of the rest), all 211 in one call — what the kernel and the memory
 *     allow with the hand-off cost taken away;
 *  3. k threads, one hand-off per weight (211 per token: decoding before q/k/v and gate/up were grouped);
 *  4. k threads, one hand-off per group (121 per token: q/k/v together, gate/up together, as
 *     LibTfLinearProducts runs them now).
 *
 * Wall time (median and best of R passes) as GB/s of weights read, this thread's CPU time per pass
 * (Linux per-thread counters), and how many of the hand-offs a worker picked up (the rest this thread
 * took back when it was done with its own part: a worker asleep or descheduled adds nothing). On a machine shared with other work the wall times are inflated and
 * the best is the figure closest to the hardware. The gaps 3 − 2 and 4 − 2, divided by the extra
 * hand-offs, estimate what one hand-off costs. Writes the CPU's section of bench/results.md and ends with
 *   RESULT matvec_gbps_1thread=<…> matvec_gbps_threads=<grouped, most threads> handoff_us=<…> threads=<k>
 */
import * as fs from 'fs';
import { busyMachineNote, cpuInfo, loadAverage, median, threadCounts, writeResults } from './results';

// SmolLM2-135M-Instruct (its config.json): hidden 576, 9 heads of 64 with 3 key/value heads (k, v: 192
// rows), intermediate 1536, 30 layers, vocabulary 49152 (the tied LM head).
const D = 576;
const KV = 192;
const FF = 1536;
const LAYERS = 30;
const VOCAB = 49152;

/** The step's weights [rows, cols] in product order, and which ones share one hand-off when grouped. */
function stepWeights(): { shapes: Array<[number, number]>; groups: number[][] } {
  const shapes: Array<[number, number]> = [];
  const groups: number[][] = [];
  for (let l = 0; l < LAYERS; l++) {
    const i = shapes.length;
    shapes.push([D, D], [KV, D], [KV, D], [D, D], [FF, D], [FF, D], [D, FF]);
    groups.push([i, i + 1, i + 2], [i + 3], [i + 4, i + 5], [i + 6]);
  }
  groups.push([shapes.length]);
  shapes.push([VOCAB, D]);
  return { shapes, groups };
}

/** This thread's CPU time in ms (Linux: /proc/thread-self; elsewhere the whole process's). */
function threadCpuMs(): number {
  try {
    const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Timing {
  medianMs: number;
  bestMs: number;
  cpuMs: number;
  /** Hand-offs per pass a worker picked up (the others this thread took back: the worker was asleep or late). */
  workerJobs: number;
}

function time(pass: () => void, reps: number, jobsOnWorkers: () => number = () => 0): Timing {
  pass(); // warm-up
  const ms: number[] = [];
  const cpu0 = threadCpuMs();
  const jobs0 = jobsOnWorkers();
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    pass();
    ms.push(performance.now() - t0);
  }
  return { medianMs: median(ms), bestMs: Math.min(...ms), cpuMs: (threadCpuMs() - cpu0) / reps, workerJobs: (jobsOnWorkers() - jobs0) / reps };
}

async function main(): Promise<void> {
  const reps = arg('reps', 15);
  const cpu = cpuInfo();
  const loadAtStart = loadAverage();
  const counts = threadCounts(cpu.cores).filter((t) => t >= 2);
  if (counts.length === 0) counts.push(2); // one core: the pool still runs (oversubscribed), for the hand-off figures
  console.log(`[bench] ${cpu.line}; load average ${loadAtStart}`);
  await import('../lib/tf/wasm/kernel_module'); // switches relaxed SIMD on under Node 20
  const { KernelThreads } = await import('../lib/tf/wasm/threads');
  const { workerRows } = await import('../lib/tf/kernels/shared_weights');
  const { shapes, groups } = stepWeights();
  const floats = shapes.reduce((sum, [n, k]) => sum + n * k, 0);
  const gigabytes = 4 * floats / 1e9;
  const rows: string[] = [];
  const gbps = (ms: number) => gigabytes / ms * 1000;
  const line = (what: string, threads: number, handOffs: number, t: Timing) => {
    rows.push(`| ${what} | ${threads} | ${handOffs} | ${threads > 1 ? t.workerJobs.toFixed(0) : '–'} | ${t.medianMs.toFixed(1)} | ${t.bestMs.toFixed(1)} | ${gbps(t.medianMs).toFixed(1)} | ${gbps(t.bestMs).toFixed(1)} | ${t.cpuMs.toFixed(1)} |`);
    console.log(`[matvec] ${what}, ${threads} thread(s), ${handOffs} hand-offs: median ${t.medianMs.toFixed(1)} ms (${gbps(t.medianMs).toFixed(1)} GB/s), best ${t.bestMs.toFixed(1)} (${gbps(t.bestMs).toFixed(1)} GB/s), this thread's CPU ${t.cpuMs.toFixed(1)} ms, jobs on workers ${t.workerJobs.toFixed(0)} (load ${loadAverage()})`);
  };
  let oneThread: Timing | null = null;
  let grouped: Timing | null = null;
  let handOffUs = NaN;
  for (const threads of counts) {
    const pool = new KernelThreads(threads);
    try {
      await pool.ready;
      const weights = shapes.map(([n, k]) => pool.alloc(4 * n * k));
      const x = pool.alloc(4 * FF);
      const outs = shapes.map(([n]) => pool.alloc(4 * n)); // this thread's columns and the workers' (64-byte aligned blocks)
      const counter = pool.alloc(4);
      let seed = 1;
      for (const [i, [n, k]] of shapes.entries()) {
        const w = pool.view(weights[i], n * k);
        for (let j = 0; j < w.length; j++) {
          seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
          w[j] = seed / 2 ** 32 - 0.5;
        }
      }
      pool.view(x, FF).fill(0.01);
      const k = pool.kernels;
      if (oneThread == null) {
        oneThread = time(() => shapes.forEach(([n, kk], i) => k.gemmNT(1, n, kk, x, kk, weights[i], kk, outs[i], n, 0)), reps);
        line('one thread', 1, 0, oneThread);
      }
      // Tasks as matmul.ts makes them: the workers' rows of each weight in 16-row blocks, ~4 per worker per call.
      // perWeight: each weight's tasks sized as if it were handed off alone (the one-per-pass ceiling,
      // so that no task is a large part of the pass and this thread can take over from a late worker).
      const tableFor = (members: number[], perWeight = false) => {
        const splits = members.map((i) => workerRows(shapes[i][0], threads));
        const total = splits.reduce((s, n) => s + n, 0);
        const chunkFor = (rows: number) => Math.max(16, 16 * Math.ceil(rows / (64 * (threads - 1))));
        const tasks: number[] = [];
        members.forEach((i, p) => {
          const K = shapes[i][1];
          const chunk = chunkFor(perWeight ? splits[p] : total);
          for (let n0 = 0; n0 < splits[p]; n0 += chunk) tasks.push(Math.min(chunk, splits[p] - n0), weights[i] + 4 * n0 * K, outs[i] + 4 * n0, shapes[i][0]);
        });
        const table = pool.alloc(4 * tasks.length);
        pool.int32View(table, tasks.length).set(tasks);
        return { members, splits, table, count: tasks.length / 4, K: shapes[members[0]][1] };
      };
      const run = (calls: Array<ReturnType<typeof tableFor>>) => {
        for (const call of calls) {
          pool.storeInt(counter, 0);
          const args = [counter, call.table, call.count, 1, call.K, x, call.K];
          pool.forkAll(Array.from({ length: threads - 1 }, () => ({ name: 'gemmNTTasks' as const, args })), () => {
            call.members.forEach((i, p) => {
              const [n, kk] = shapes[i];
              const split = call.splits[p];
              if (split < n) k.gemmNT(1, n - split, kk, x, kk, weights[i] + 4 * split * kk, kk, outs[i] + 4 * split, n, 0);
            });
            k.gemmNTTasks(counter, call.table, call.count, 1, call.K, x, call.K);
          });
        }
      };
      // One hand-off per pass needs one K per call: the weights by K (576: all but down; 1536: down).
      const byK = [D, FF].map((K) => tableFor(shapes.map((_, i) => i).filter((i) => shapes[i][1] === K), true));
      const jobs = () => pool.jobsOnWorkers;
      const perPass = time(() => run(byK), reps, jobs);
      line('one hand-off per pass (the ceiling)', threads, byK.length, perPass);
      const perWeight = shapes.map((_, i) => tableFor([i]));
      const single = time(() => run(perWeight), reps, jobs);
      line('one hand-off per weight (before)', threads, perWeight.length, single);
      const perGroup = groups.map((members) => tableFor(members));
      const group = time(() => run(perGroup), reps, jobs);
      line('one hand-off per group: q/k/v, gate/up (now)', threads, perGroup.length, group);
      if (threads === counts[counts.length - 1]) {
        grouped = group;
        handOffUs = 1000 * (single.bestMs - perPass.bestMs) / (perWeight.length - byK.length);
      }
    } finally {
      pool.dispose();
    }
  }
  const loadAtEnd = loadAverage();
  const maxThreads = counts[counts.length - 1];
  const lines = [
    `\`npm run bench -- matvec\` (best and median of ${reps} passes after a warm-up), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
      `load average ${loadAtStart} at the start and ${loadAtEnd} at the end (1, 5, 15 min; ${cpu.cores} usable cores).${busyMachineNote(cpu, loadAtStart)}`,
    '',
    `One decoding step's matrix-vector products of SmolLM2-135M (211 weights, ${(gigabytes * 1000).toFixed(0)} MB of fp32, one row of x), on the kernel alone in the threads' shared memory (no tfjs): ` +
      'gemmNT on this thread, gemmNTTasks on the workers, each weight split as matmul.ts splits it. GB/s = weights read per second of wall time; CPU = this thread\'s.',
    '',
    '| products | threads | hand-offs per pass | of them run by a worker | ms (median) | ms (best) | GB/s (median) | GB/s (best) | this thread\'s CPU ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `One hand-off costs ≈ ${handOffUs.toFixed(0)} µs on ${maxThreads} threads here (best per-weight pass minus best one-per-pass, over the extra hand-offs).`,
  ];
  writeResults('matvec', lines, `RESULT matvec_gbps_1thread=${gbps(oneThread!.bestMs).toFixed(1)} matvec_gbps_threads=${gbps(grouped!.bestMs).toFixed(1)} ` +
    `handoff_us=${handOffUs.toFixed(0)} threads=${maxThreads}`, cpu);
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
