/**
 * The floor 128-bit WebAssembly SIMD sets on this CPU, measured (bench/gemm.ts, bench/gpt.ts): the
 * clock from a chain of dependent integer adds (one cycle each), the multiply-add throughput of 12
 * independent 128-bit accumulators (the FMA build's relaxed_madd, as the kernels use) on one thread
 * and on every thread at once. Peak per core = 2 FMA units × 4 lanes × 2 FLOP = 16 FLOP/cycle × clock.
 */
import wabtInit from 'wabt';

// Clock and multiply-add throughput, in WebAssembly like the kernels.
const FLOOR_WAT = `(module
  (func (export "chain") (param $n i32) (param $y i32) (result i32) (local $x i32)
    (loop $l
      ${'(local.set $x (i32.add (local.get $x) (local.get $y)))'.repeat(8)}
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $x))
  (func (export "madd") (param $n i32) (param $s f32) (result f32)
    (local $b v128) (local $c v128)
    ${Array.from({ length: 12 }, (_, i) => `(local $a${i} v128)`).join(' ')}
    (local.set $b (f32x4.splat (local.get $s)))
    (local.set $c (f32x4.splat (f32.const 1e-8)))
    ${Array.from({ length: 12 }, (_, i) => `(local.set $a${i} (f32x4.splat (f32.const ${1 + i / 16})))`).join('\n    ')}
    (loop $l
      ${Array.from({ length: 12 }, (_, i) => `(local.set $a${i} (f32x4.relaxed_madd (local.get $a${i}) (local.get $b) (local.get $c)))`).join('\n      ')}
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (f32x4.extract_lane 0 ${Array.from({ length: 11 }, () => '(f32x4.add').join(' ')} (local.get $a0) ${Array.from({ length: 11 }, (_, i) => `(local.get $a${i + 1}))`).join(' ')}))
  (func (export "madd4") (param $n i32) (param $s f32) (result f32)
    (local $b v128) (local $c v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $b (f32x4.splat (local.get $s)))
    (local.set $c (f32x4.splat (f32.const 1e-8)))
    (loop $l
      ${Array.from({ length: 4 }, (_, i) => `(local.set $a${i} (f32x4.relaxed_madd (local.get $a${i}) (local.get $b) (local.get $c)))`).join('\n      ')}
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (f32x4.extract_lane 0 (f32x4.add (f32x4.add (local.get $a0) (local.get $a1)) (f32x4.add (local.get $a2) (local.get $a3)))))
)`;

/** CPU milliseconds of this process while `f` runs (one thread busy: that thread's time). */
export function cpuMs(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

/** Best of `reps` CPU-time runs of `f` after one warm-up. */
export function bestCpuMs(f: () => void, reps: number): number {
  f();
  return Math.min(...Array.from({ length: reps }, () => cpuMs(f)));
}

/**
 * The floor loops, compiled: `chain` (n × 8 dependent i32 adds: one cycle each), `madd` (n × 12
 * independent f32x4 multiply-adds: throughput-bound, both FMA units busy) and `madd4` (n × 4 chains:
 * latency-bound, about half the FMA units' throughput). `binary` for workers.
 */
export async function floorLoops(): Promise<{ binary: Uint8Array; exports: FloorExports }> {
  const { kernelsUseFma, WebAssemblyApi } = await import('../lib/tf/wasm/kernel_module'); // switches relaxed SIMD on under Node 20
  if (!kernelsUseFma()) throw new Error('bench: the relaxed-SIMD (FMA) build is not available here.');
  const wabt = await wabtInit();
  const parsed = wabt.parseWat('floor.wat', FLOOR_WAT, { simd: true, relaxed_simd: true });
  parsed.resolveNames();
  const { buffer } = parsed.toBinary({});
  parsed.destroy();
  const exports = new WebAssemblyApi.Instance(new WebAssemblyApi.Module(buffer), {}).exports as unknown as FloorExports;
  return { binary: buffer, exports };
}

export interface FloorExports {
  chain(n: number, y: number): number;
  madd(n: number, s: number): number;
  madd4(n: number, s: number): number;
}

export async function simdFloor(threads: number): Promise<{ ghz: number; maddGflops: number; together: { perThread: number[]; wallGflops: number } | null }> {
  const { binary: buffer, exports } = await floorLoops();
  const n = 50_000_000;
  const chainMs = bestCpuMs(() => exports.chain(n, 3), 5);
  const maddMs = bestCpuMs(() => exports.madd(n, 0.9999999), 5);
  return { ghz: 8 * n / chainMs / 1e6, maddGflops: 12 * 8 * n / maddMs / 1e6, together: await maddTogether(buffer, threads, n) };
}

/** This thread's CPU time in ms (Linux's per-thread counters; elsewhere the process's). */
const THREAD_CPU_MS = `(() => { try { const f = require('fs').readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; } catch { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } })()`;

// Runs the multiply-add loop once, after every thread has arrived at the barrier (an Int32 counter).
const MADD_WORKER = `
const { parentPort, workerData } = require('worker_threads');
const { binary, barrier, threads, n } = workerData;
const madd = new WebAssembly.Instance(new WebAssembly.Module(binary), {}).exports.madd;
madd(1000, 0.9999999);
const gate = new Int32Array(barrier);
Atomics.add(gate, 0, 1);
while (Atomics.load(gate, 0) < threads);
const cpu0 = ${THREAD_CPU_MS}, t0 = performance.now();
madd(n, 0.9999999);
parentPort.postMessage({ wallMs: performance.now() - t0, cpuMs: ${THREAD_CPU_MS} - cpu0 });
`;

/**
 * The multiply-add loop on `threads` threads at once (each its own n iterations): per thread GFLOP/s
 * in its own CPU time (what one core gives while the others work too: two virtual CPUs that share one
 * physical core, or a host's other guests, show here as less than the single-thread figure), and all
 * threads' FLOPs over the slowest thread's wall time.
 */
async function maddTogether(binary: Uint8Array, threads: number, n: number): Promise<{ perThread: number[]; wallGflops: number } | null> {
  if (threads < 2) return null;
  const { Worker } = await import('worker_threads');
  const barrier = new SharedArrayBuffer(4);
  const results = await Promise.all(Array.from({ length: threads }, () => new Promise<{ wallMs: number; cpuMs: number }>((resolve, reject) => {
    const worker = new Worker(MADD_WORKER, { eval: true, workerData: { binary, barrier, threads, n } });
    worker.once('message', (m: { wallMs: number; cpuMs: number }) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
  })));
  const flop = 12 * 8 * n;
  return { perThread: results.map((r) => flop / r.cpuMs / 1e6), wallGflops: threads * flop / Math.max(...results.map((r) => r.wallMs)) / 1e6 };
}
