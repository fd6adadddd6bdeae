/**
 * `npm run bench -- cores [--reps R]`: does this machine give two cores' worth of work at once?
 * Each loop runs in its own OS process (no shared memory, no hand-off, nothing of lib/tf's pool):
 * alone, then as many processes at once as there are usable cores, started together after their
 * warm-up. Per process: CPU time (process.cpuUsage / time.process_time) and wall time; per phase the
 * steal time /proc/stat counts (the hypervisor running something else on our virtual CPUs).
 *
 * Loops (each about a second alone):
 * - `chain`: dependent i32 adds, one per cycle: the clock each core runs at.
 * - `madd`: 12 independent f32x4 multiply-adds (bench/simd_floor.ts): both FMA units, the 128-bit floor.
 * - `madd4`: 4 chains: latency-bound, about half the FMA units' throughput. Two virtual CPUs on one
 *   physical core's two hardware threads keep madd4's speed each where madd's halves.
 * - `gemm`: lib/tf's gemmPacked, one thread, private memory, over the mini-GPT step's 15 products
 *   (bench/gpt_products.ts) — bench/gemm's "1 core" column.
 * - `torch1`: PyTorch's torch.mm on the same products, 1 thread (bench/cores_torch.py); `torch2`:
 *   the same in one process with 2 threads (run alone only).
 *
 * Ends with `RESULT cores_madd_together=<both at once / one alone> cores_gemm_together=<…>`; writes
 * nothing to bench/results.md (its figures go into the gpt and gemm sections by hand).
 */
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import { projectPath } from '../lib/paths';
import { GPT_STEP_PRODUCTS as SHAPES, oneCoreGemm } from './gpt_products';
import { cpuInfo, loadAverage, median } from './results';

type Kind = 'chain' | 'madd' | 'madd4' | 'gemm' | 'torch1' | 'torch2';
interface Run { wallMs: number; cpuMs: number; flop: number }

const STEP_FLOP = SHAPES.reduce((s, [, M, N, K, , , times]) => s + times * 2 * M * N * K, 0);

// ---- child: warm up, say "ready", run once on "go", print the timings --------------------------
async function child(kind: Kind): Promise<void> {
  let run: () => number; // returns FLOPs (or cycles for chain)
  if (kind === 'gemm') {
    const { kernels, product } = await oneCoreGemm();
    const step = () => {
      for (const shape of SHAPES) for (let t = 0; t < shape[6]; t++) product(kernels, shape);
    };
    step();
    run = () => {
      for (let i = 0; i < 3; i++) step();
      return 3 * STEP_FLOP;
    };
  } else {
    const { floorLoops } = await import('./simd_floor');
    const { exports } = await floorLoops();
    const n = kind === 'chain' ? 400_000_000 : kind === 'madd' ? 50_000_000 : 100_000_000;
    const f = kind === 'chain' ? () => exports.chain(n, 3) : kind === 'madd' ? () => exports.madd(n, 0.9999999) : () => exports.madd4(n, 0.9999999);
    f();
    run = () => {
      f();
      return kind === 'chain' ? 8 * n : kind === 'madd' ? 12 * 8 * n : 4 * 8 * n;
    };
  }
  process.stdout.write('ready\n');
  process.stdin.once('data', () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const flop = run();
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    process.stdout.write(`${JSON.stringify({ wallMs, cpuMs: (c.user + c.system) / 1000, flop })}\n`);
    process.exit(0);
  });
}

// ---- parent ------------------------------------------------------------------------------------
function procStat(): { steal: number; idle: number; busy: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (USER_HZ ticks: 10 ms)
  return { steal: 10 * f[7], idle: 10 * (f[3] + f[4]), busy: 10 * (f[0] + f[1] + f[2] + f[5] + f[6]) };
}

function start(kind: Kind): { proc: ChildProcess; ready: Promise<void>; result: Promise<Run> } {
  const python = process.env.BENCH_PYTHON ?? projectPath('.venv-bench', 'bin', 'python');
  const proc = kind.startsWith('torch')
    ? spawn(python, [projectPath('bench', 'cores_torch.py'), kind === 'torch2' ? '2' : '1'], { stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn(process.execPath, ['--import', 'tsx', projectPath('bench', 'cores.ts'), '--child', kind], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = '';
  let onReady: () => void = () => undefined;
  let onResult: (r: Run) => void = () => undefined;
  const ready = new Promise<void>((r) => { onReady = r; });
  const result = new Promise<Run>((r) => { onResult = r; });
  proc.stdout?.on('data', (d: Buffer) => {
    buffer += d.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (line === 'ready') onReady();
      else if (line.startsWith('{')) onResult(JSON.parse(line) as Run);
    }
  });
  return { proc, ready, result };
}

interface Phase { runs: Run[]; stealMs: number; idleMs: number; wallMs: number }

async function phase(kind: Kind, processes: number): Promise<Phase> {
  const children = Array.from({ length: processes }, () => start(kind));
  await Promise.all(children.map((c) => c.ready));
  await new Promise((r) => setTimeout(r, 200)); // let the warm-ups' stragglers settle
  const s0 = procStat();
  const t0 = performance.now();
  children.forEach((c) => c.proc.stdin?.write('go\n'));
  const runs = await Promise.all(children.map((c) => c.result));
  const wallMs = performance.now() - t0;
  const s1 = procStat();
  return { runs, stealMs: s1.steal - s0.steal, idleMs: s1.idle - s0.idle, wallMs };
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--child');
  if (i >= 0) return child(process.argv[i + 1] as Kind);
  const reps = (() => {
    const r = process.argv.indexOf('--reps');
    return r >= 0 ? Number(process.argv[r + 1]) : 3;
  })();
  const only = (() => {
    const r = process.argv.indexOf('--kinds');
    return r >= 0 ? process.argv[r + 1].split(',') as Kind[] : null;
  })();
  const cpu = cpuInfo();
  const together = Math.max(2, cpu.cores);
  console.log(`[bench] ${cpu.line}; load average ${loadAverage()}; ${reps} rounds, each loop alone then ${together} processes at once`);
  const kinds: Kind[] = only ?? ['chain', 'madd', 'madd4', 'gemm', 'torch1', 'torch2'];
  const unit = (k: Kind) => (k === 'chain' ? 'G adds/s' : 'GFLOP/s');
  const ratios: Record<string, number> = {};
  for (const kind of kinds) {
    const alone: Phase[] = [];
    const both: Phase[] = [];
    for (let r = 0; r < reps; r++) {
      alone.push(await phase(kind, 1));
      if (kind !== 'torch2') both.push(await phase(kind, together));
    }
    const rate = (p: Phase, by: 'cpuMs' | 'wallMs') => p.runs.map((x) => x.flop / x[by] / 1e6);
    const aloneWall = median(alone.map((p) => rate(p, 'wallMs')[0]));
    const aloneCpu = median(alone.map((p) => rate(p, 'cpuMs')[0]));
    const stealOf = (ps: Phase[]) => median(ps.map((p) => p.stealMs)).toFixed(0);
    console.log(`${kind}: alone ${aloneWall.toFixed(1)} ${unit(kind)} wall, ${aloneCpu.toFixed(1)} by CPU time ` +
      `(${kind === 'torch2' ? 'all threads\' CPU time' : 'one process'}); steal during the phase ${stealOf(alone)} ms; ` +
      `wall ${median(alone.map((p) => p.wallMs)).toFixed(0)} ms`);
    if (both.length > 0) {
      const perWall = median(both.map((p) => Math.min(...rate(p, 'wallMs'))));
      const perCpu = median(both.map((p) => Math.min(...rate(p, 'cpuMs'))));
      const sumWall = median(both.map((p) => p.runs.reduce((s, x) => s + x.flop, 0) / Math.max(...p.runs.map((x) => x.wallMs)) / 1e6));
      ratios[kind] = sumWall / aloneWall;
      console.log(`${kind}: ${together} at once: each ${perWall.toFixed(1)} wall / ${perCpu.toFixed(1)} by CPU time (slower of the two, median of rounds); ` +
        `together ${sumWall.toFixed(1)} ${unit(kind)} in wall time = ${ratios[kind].toFixed(2)}× one alone; steal ${stealOf(both)} ms, ` +
        `idle ${median(both.map((p) => p.idleMs)).toFixed(0)} ms; per round: ` +
        both.map((p) => p.runs.map((x) => `${(x.flop / x.wallMs / 1e6).toFixed(1)}w/${(x.flop / x.cpuMs / 1e6).toFixed(1)}c`).join('+')).join(', '));
    }
  }
  console.log(`[bench] load average at the end ${loadAverage()}`);
  console.log(`RESULT ${Object.entries(ratios).map(([k, v]) => `cores_${k}_together=${v.toFixed(2)}`).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
