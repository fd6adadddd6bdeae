/**
 * What every benchmark shares: the median of timed runs, the CPU it ran on, the thread counts it
 * compares, and bench/results.md, where each benchmark owns one `## NAME · CPU` section per CPU
 * model (ending with its RESULT line) and rewrites only the one of the CPU it ran on.
 */
import * as fs from 'fs';
import * as os from 'os';
import { projectPath } from '../lib/paths';
import { cgroupCpuLimit, kernelThreadsReady, setKernelThreads } from '../lib/tf/wasm/threads';

/** The CPU a figure was measured on. */
export interface CpuInfo {
  model: string;
  /** x86 family/model numbers (they tell a Zen 3 from a Zen 4 that a hypervisor calls "AMD EPYC"). */
  family: string;
  /** Logical cores this process may use (affinity, then the cgroup quota). */
  cores: number;
  /** AVX-512 (avx512f): 512-bit FMA, 16 float lanes against wasm SIMD's 4. */
  fma512: boolean;
  /** Clock in GHz as /proc/cpuinfo reports it, or null. */
  ghz: number | null;
  /** How bench/results.md names the CPU: one section per benchmark and key. */
  key: string;
  /** One line for the console and the results. */
  line: string;
}

export function cpuInfo(): CpuInfo {
  let text = '';
  try {
    text = fs.readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    // not Linux: model from os.cpus(), 512-bit FMA unknown (reported as absent)
  }
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(text)?.[1].trim() ?? '';
  const model = field('model name') || os.cpus()[0]?.model || 'unknown CPU';
  const family = field('cpu family') ? `family ${field('cpu family')} model ${field('model')}` : '';
  const fma512 = /\bavx512f\b/.test(field('flags'));
  const mhz = Number(field('cpu MHz'));
  const parallel = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const cores = Math.min(parallel, cgroupCpuLimit() ?? Infinity);
  const key = [model, family, fma512 ? '512-bit FMA' : 'no 512-bit FMA'].filter(Boolean).join(' · ');
  const line = `CPU: ${model}${family ? ` (${family})` : ''}, ${cores} usable logical cores, 512-bit FMA (AVX-512): ${fma512 ? 'yes' : 'no'}`;
  return { model, family, cores, fma512, ghz: mhz > 0 ? mhz / 1000 : null, key, line };
}

/** Thread counts a benchmark compares: 1, 2, 4, 8… up to the usable cores, and that count itself. */
export function threadCounts(cores = cpuInfo().cores): number[] {
  const counts: number[] = [];
  for (let t = 1; t < cores; t *= 2) counts.push(t);
  counts.push(Math.max(1, cores));
  return counts;
}

/** An empty list of timings per thread count. */
export function perThreadCount(counts: number[]): Record<number, number[]> {
  return Object.fromEntries(counts.map((t) => [t, [] as number[]]));
}

/** The thread count whose timings have the lowest median. */
export function fastestCount(ms: Record<number, number[]>, counts: number[]): number {
  return counts.reduce((best, t) => (median(ms[t]) < median(ms[best]) ? t : best), counts[0]);
}

/** Runs `f` with lib/tf's kernels on `threads` threads, once the pool's workers are up. */
export async function withKernelThreads<T>(threads: number, f: () => T): Promise<T> {
  setKernelThreads(threads);
  await kernelThreadsReady();
  return f();
}

/** The 1/5/15-minute load averages, for the results of a machine shared with other work. */
export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(', ');
}

/** A warning for the results when the machine was busier than its cores during the run, else ''. */
export function busyMachineNote(cpu: CpuInfo, loadAtStart: string): string {
  const peak = Math.max(Number(loadAtStart.split(',')[0]), os.loadavg()[0]);
  return peak > cpu.cores
    ? ` **Not a quiet-machine result**: the load (${peak.toFixed(1)}) exceeded the ${cpu.cores} usable cores, so every timing is ` +
      'inflated and the ratio is noisy; the targets are judged on a quiet run.'
    : '';
}

/**
 * On a CPU with 512-bit FMA, the floor 128-bit wasm SIMD sets: per core and cycle, two FMA units do
 * 2 × 4 lanes × 2 = 16 FLOP with 128-bit vectors against 64 with 512-bit ones. Null elsewhere (there
 * 128-bit vs 256-bit is the 2× the GEMM section of bench/results.md already works out).
 */
export function simdFloorNote(cpu: CpuInfo, ourGemmGflopsPerCore: number): string | null {
  if (!cpu.fma512) return null;
  if (cpu.ghz == null) return 'This CPU has 512-bit FMA: 128-bit wasm SIMD reaches at most a quarter of its peak FLOP/cycle (clock unknown).';
  const peak128 = 16 * cpu.ghz;
  const peak512 = 64 * cpu.ghz;
  return `This CPU has 512-bit FMA: per core at ${cpu.ghz.toFixed(2)} GHz, 128-bit wasm SIMD peaks at 16 FLOP/cycle = ` +
    `${peak128.toFixed(1)} GFLOP/s, AVX-512 at 64 = ${peak512.toFixed(1)} GFLOP/s. Our GEMM reaches ${ourGemmGflopsPerCore.toFixed(1)} ` +
    `GFLOP/s per core, ${(100 * ourGemmGflopsPerCore / peak128).toFixed(0)} % of the 128-bit floor (target ≥ 80 %).`;
}

export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Ends a benchmark: its `## name · CPU` section of bench/results.md (the CPU line, the given lines,
 * then the RESULT line in a code block) replaces the old one of the same CPU, keeping the other
 * sections — other benchmarks and other CPUs; a new CPU's section goes after the benchmark's others.
 * The RESULT line is printed last.
 */
export function writeResults(name: string, lines: string[], result: string, cpu = cpuInfo()): void {
  const file = projectPath('bench', 'results.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const heading = `## ${name} · ${cpu.key}`;
  const section = [heading, '', `${cpu.line}.`, '', ...lines, '', '```', result, '```', ''].join('\n');
  const start = old.search(new RegExp(`^${escapeRegExp(heading)}\\s*$`, 'm'));
  if (start < 0) {
    // After the last section of this benchmark (any CPU), else at the end.
    const sections = [...old.matchAll(new RegExp(`^## ${escapeRegExp(name)}( · .*)?\\s*$`, 'gm'))];
    const last = sections.length > 0 ? sections[sections.length - 1].index! : -1;
    const next = last < 0 ? -1 : old.slice(last + 1).search(/^## /m);
    if (last < 0 || next < 0) fs.writeFileSync(file, `${old.trimEnd()}\n\n${section}`);
    else fs.writeFileSync(file, `${old.slice(0, last + 1 + next)}${section}\n${old.slice(last + 1 + next)}`);
  } else {
    const next = old.slice(start + 1).search(/^## /m);
    fs.writeFileSync(file, next < 0 ? old.slice(0, start) + section : `${old.slice(0, start)}${section}\n${old.slice(start + 1 + next)}`);
  }
  console.log(`[bench] ${cpu.line}`);
  console.log(result);
}
