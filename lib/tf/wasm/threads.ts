/**
 * A pool of threads for the SIMD kernels: k − 1 worker_threads Workers and the main thread
 * instantiate the same kernels (the shared-memory build) on one shared WebAssembly memory, and
 * split work fork-join style — each worker runs one kernel call while the main thread runs
 * another, then the main thread waits for them. The fused recurrent layers give each thread a
 * part of the batch: the rows are independent through the whole recurrence, so each forward or
 * backward pass needs a single hand-off (see ../rnn/fused_rnn_op.ts).
 *
 * How many threads: LIB_TF_THREADS or setKernelThreads(n) when given, else every core the process
 * may use — os.availableParallelism(), lowered to a container's CPU quota (cgroup cpu.max), capped
 * at DEFAULT_MAX_THREADS.
 *
 * The tfjs wasm heap cannot be shared (it is not a shared memory), so data is copied into this
 * memory; blocks are handed out by a small first-fit allocator.
 *
 * Introduced in 2_LSTM.ipynb (through the fused recurrent layers).
 */
import * as fs from 'fs';
import * as os from 'os';
import { Worker } from 'worker_threads';
import {
  instantiateKernels, KERNEL_NAMES, kernelModule, KernelExports, WasmMemory, WebAssemblyApi,
} from './kernel_module';

const PAGE_BYTES = 65536;
const MAX_PAGES = 16384; // the maximum the shared build declares (1 GiB)

// Control block (Int32Array over a SharedArrayBuffer): [state, kernel index, argc, ...args].
const STATE = 0;
const IDLE = 0;
const RUN = 1;
const DONE = 2;
const QUIT = 3;
const FAILED = 4;
const STARTED = 5;
const MAX_ARGS = 40;
const CONTROL_INTS = 3 + MAX_ARGS;

/**
 * The default's cap: 128-bit wasm SIMD GEMM panels and the copies into shared memory stop paying
 * beyond a few cores, and every worker spins for SPIN_MS after each job.
 */
export const DEFAULT_MAX_THREADS = 8;
/** What LIB_TF_THREADS / setKernelThreads may ask for. */
export const MAX_THREADS = 64;

// How long the worker keeps polling for the next job before it sleeps. Training alternates
// forward and backward hand-offs about a millisecond apart; waking a sleeping thread costs tens of
// microseconds and lands wherever the scheduler likes, so (like OpenMP's default wait policy) the
// worker spins through those gaps and sleeps only when training pauses.
const SPIN_MS = Number(process.env.LIB_TF_SPIN_MS ?? 2);

// Runs in the worker: wait for a job, run the kernel, report, repeat.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const { module, memory, control, offset, names, times, timesOffset } = workerData;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
parentPort.postMessage('ready');
const ctl = new Int32Array(control, offset, ${CONTROL_INTS});
// [job claimed at, job done at, slept before it (1) or not (0)], ms since the epoch (timeOrigin +
// now(), the clock every thread shares): KernelThreads.lastJobTimes, for bench/gemm_timeline.ts.
const stamp = new Float64Array(times, timesOffset, 3);
let calmJobs = 0; // jobs to wait for without spinning
for (;;) {
  let state = Atomics.load(ctl, 0);
  let slept = 0;
  if (state !== ${RUN} && state !== ${QUIT}) {
    if (calmJobs > 0) calmJobs--;
    else {
      let last = performance.now();
      const deadline = last + ${SPIN_MS};
      while ((state = Atomics.load(ctl, 0)) !== ${RUN} && state !== ${QUIT}) {
        const now = performance.now();
        // A jump means the OS took the core away: others need it, so stop spinning for a while.
        if (now - last > 0.5) { calmJobs = 500; break; }
        if (now > deadline) break;
        last = now;
      }
    }
    while ((state = Atomics.load(ctl, 0)) !== ${RUN} && state !== ${QUIT}) {
      slept = 1;
      Atomics.wait(ctl, 0, state);
    }
  }
  if (state === ${QUIT}) break;
  // Claim the job; if the main thread already took it back (it finished first), skip it.
  if (Atomics.compareExchange(ctl, 0, ${RUN}, ${STARTED}) !== ${RUN}) continue;
  stamp[0] = performance.timeOrigin + performance.now();
  stamp[2] = slept;
  try {
    const args = [];
    for (let i = 0; i < ctl[2]; i++) args.push(ctl[3 + i]);
    kernels[names[ctl[1]]](...args);
    stamp[1] = performance.timeOrigin + performance.now();
    Atomics.store(ctl, 0, ${DONE});
  } catch (e) {
    Atomics.store(ctl, 0, ${FAILED});
  }
  Atomics.notify(ctl, 0);
}
`;

/** A kernel call for the worker: export name and integer arguments (pointers, sizes, codes). */
export interface KernelCall {
  name: keyof KernelExports;
  args: number[];
}

let poolsCreated = 0;

export class KernelThreads {
  /** Tells pools apart (a pool replaced by setKernelThreads has taken its shared memory with it). */
  readonly id = ++poolsCreated;
  readonly kernels: KernelExports;
  /** Threads computing, this one included (workers + 1). */
  readonly threads: number;
  private readonly memory: WasmMemory;
  /** One control block per worker: [state, kernel index, argc, ...args]. */
  private readonly controls: Int32Array[];
  /** Per worker: when it claimed its last job and finished it, and whether it slept before (see WORKER_SOURCE). */
  private readonly times: Float64Array;
  private readonly workers: Worker[];
  private broken = false;
  /** Jobs a worker ran (rather than this thread taking them back): tests check the workers worked. */
  jobsOnWorkers = 0;
  /** Resolves once every worker can take jobs (until then this thread takes them back). */
  readonly ready: Promise<void>;
  // Allocated blocks [start, end) in bytes, sorted by start. Offset 0..64 stays unused (null pointer).
  private readonly blocks: Array<[number, number]> = [];

  constructor(threads: number) {
    if (!Number.isInteger(threads) || threads < 2) {
      throw new Error(`KernelThreads: en az 2 iş parçacığı gerekir, verilen: ${threads}.`);
    }
    this.threads = threads;
    this.memory = new WebAssemblyApi.Memory({ initial: 256, maximum: MAX_PAGES, shared: true });
    this.kernels = instantiateKernels(this.memory, true);
    const control = new SharedArrayBuffer(4 * CONTROL_INTS * (threads - 1));
    const times = new SharedArrayBuffer(8 * 8 * (threads - 1)); // a 64-byte line per worker
    this.times = new Float64Array(times);
    this.controls = [];
    this.workers = [];
    const ready: Array<Promise<void>> = [];
    for (let w = 0; w < threads - 1; w++) {
      this.controls.push(new Int32Array(control, 4 * CONTROL_INTS * w, CONTROL_INTS));
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          module: kernelModule(true).module, memory: this.memory, control, offset: 4 * CONTROL_INTS * w, names: KERNEL_NAMES,
          times, timesOffset: 64 * w,
        },
      });
      worker.unref(); // never keeps a script alive
      worker.on('error', () => {
        this.broken = true;
      });
      ready.push(new Promise((resolve) => worker.once('message', () => resolve())));
      this.workers.push(worker);
    }
    this.ready = Promise.all(ready).then(() => undefined);
  }

  /**
   * When worker `w` claimed its last job and finished it (ms since the epoch: performance.timeOrigin
   * + performance.now() on every thread), and whether it was asleep (Atomics.wait) when the job came.
   */
  lastJobTimes(w: number): { claimedAt: number; doneAt: number; slept: boolean } {
    return { claimedAt: this.times[8 * w], doneAt: this.times[8 * w + 1], slept: this.times[8 * w + 2] === 1 };
  }

  /** False once a worker failed: callers then use the single-thread path. */
  get usable(): boolean {
    return !this.broken;
  }

  /**
   * Runs calls[i] on worker i (at most `threads − 1` calls) and `main` on this thread; returns when
   * all are done. A call no worker has picked up by the time `main` returns is run here instead.
   */
  forkAll(calls: KernelCall[], main: () => void): void {
    if (calls.length > this.workers.length) {
      throw new Error(`KernelThreads: ${this.workers.length} işçi için ${calls.length} çağrı (lib/tf'te bir hata; lütfen bildirin).`);
    }
    calls.forEach((call, w) => {
      if (call.args.length > MAX_ARGS) throw new Error(`KernelThreads: ${call.name} için argüman sayısı fazla (lib/tf'te bir hata; lütfen bildirin).`);
      const ctl = this.controls[w];
      ctl[1] = KERNEL_NAMES.indexOf(call.name);
      ctl[2] = call.args.length;
      call.args.forEach((a, i) => {
        ctl[3 + i] = a;
      });
      Atomics.store(ctl, STATE, RUN);
      Atomics.notify(ctl, STATE);
    });
    let mainError: unknown = null;
    try {
      main();
    } catch (e) {
      mainError = e;
    }
    // A worker that has not picked its job up yet (descheduled or asleep) loses it to this thread:
    // a busy machine then costs the single-thread time, never a stall.
    const started: number[] = [];
    calls.forEach((call, w) => {
      if (mainError == null && Atomics.compareExchange(this.controls[w], STATE, RUN, IDLE) === RUN) {
        try {
          (this.kernels[call.name] as (...args: number[]) => void)(...call.args);
        } catch (e) {
          mainError = e;
        }
      } else {
        started.push(w);
      }
    });
    let failed: string | null = null;
    for (const w of started) {
      if (!this.join(w, calls[w].name)) failed ??= calls[w].name;
    }
    this.jobsOnWorkers += started.length;
    if (failed != null) {
      this.broken = true;
      throw new Error(`KernelThreads: ${failed} bir işçi iş parçacığında başarısız oldu.`);
    }
    if (mainError != null) throw mainError;
  }

  /** Waits for worker `w`'s job; false when it failed. */
  private join(w: number, name: string): boolean {
    const ctl = this.controls[w];
    // The parts take about as long: poll for up to a millisecond before sleeping.
    this.waitWhile(ctl, STATE, (state) => state === STARTED || state === RUN, name, 1);
    const state = Atomics.load(ctl, STATE);
    Atomics.store(ctl, STATE, IDLE);
    return state !== FAILED;
  }

  /**
   * Waits while `pending(value)` holds for the int32 at `index` of `ints` (a worker's state, a task's
   * done flag), which a worker changes and then notifies: polls for `pollMs`, then sleeps until the
   * notify, re-checking every millisecond. After `stallMs` (10 s) the pool is marked broken (callers
   * then run on one thread) and a clear error names the worker's kernel `name`.
   */
  waitWhile(ints: Int32Array, index: number, pending: (value: number) => boolean, name: string, pollMs: number, stallMs = 10_000): void {
    const start = performance.now();
    const pollUntil = start + pollMs;
    for (let value = Atomics.load(ints, index); pending(value); value = Atomics.load(ints, index)) {
      const now = performance.now();
      if (now < pollUntil) continue;
      if (now - start > stallMs) {
        this.broken = true;
        throw new Error(`KernelThreads: bir işçi iş parçacığı ${name} çekirdeğini ${stallMs / 1000} sn içinde bitirmedi; LIB_TF_THREADS=1 ile tek iş parçacığında deneyin.`);
      }
      Atomics.wait(ints, index, value, 1);
    }
  }

  /**
   * Allocates `bytes` (64-byte aligned) in the shared memory, in the first gap that fits, else at the
   * end, growing the memory (first fit keeps the memory, which cannot shrink, as small as it can);
   * returns the byte offset.
   */
  alloc(bytes: number): number {
    const size = Math.ceil(Math.max(bytes, 1) / 64) * 64;
    const n = this.blocks.length;
    let start = 64;
    let i = 0;
    for (; i < n; i++) {
      if (this.blocks[i][0] - start >= size) break;
      start = this.blocks[i][1];
    }
    const end = start + size;
    const missing = end - this.memory.buffer.byteLength;
    if (missing > 0) {
      const pages = Math.ceil(missing / PAGE_BYTES);
      if (this.memory.buffer.byteLength / PAGE_BYTES + pages > MAX_PAGES) {
        throw new Error(`KernelThreads: paylaşılan bellek yetmedi (${end} bayt istendi); LIB_TF_THREADS=1 ile tek iş parçacığında deneyin.`);
      }
      this.memory.grow(pages);
    }
    this.blocks.splice(i, 0, [start, end]);
    return start;
  }

  free(ptr: number): void {
    // Blocks are sorted by start: binary search (the last block when a product frees its own).
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = this.blocks[mid][0];
      if (start === ptr) {
        if (mid === this.blocks.length - 1) this.blocks.pop();
        else this.blocks.splice(mid, 1);
        return;
      }
      if (start < ptr) lo = mid + 1;
      else hi = mid - 1;
    }
  }

  /** Bytes currently allocated (for tests: it returns to 0 when nothing is held). */
  get allocatedBytes(): number {
    return this.blocks.reduce((sum, [s, e]) => sum + e - s, 0);
  }

  view(ptr: number, floats: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, floats);
  }

  /** `ints` int32 values at byte offset `ptr` (a table of kernel arguments, e.g. gemmNTTasks's tasks). */
  int32View(ptr: number, ints: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, ints);
  }

  /** Atomically adds `amount` to the int32 at `ptr` (a work counter shared with the worker); returns the old value. */
  fetchAdd(ptr: number, amount: number): number {
    return Atomics.add(new Int32Array(this.memory.buffer, ptr, 1), 0, amount);
  }

  /** Atomically sets the int32 at `ptr`. */
  storeInt(ptr: number, value: number): void {
    Atomics.store(new Int32Array(this.memory.buffer, ptr, 1), 0, value);
  }

  dispose(): void {
    this.controls.forEach((ctl, w) => {
      Atomics.store(ctl, STATE, QUIT);
      Atomics.notify(ctl, STATE);
      void this.workers[w].terminate();
    });
  }
}

/**
 * CPUs a cgroup quota allows, from the text of cgroup v2's `cpu.max` ("200000 100000": 2 CPUs;
 * "max 100000": no limit) — rounded up, as a container limited to 1.5 CPUs still runs 2 threads
 * usefully. Null when there is no limit or the text is not a quota.
 */
export function cpuQuotaFromCgroup(cpuMax: string): number | null {
  const fields = cpuMax.trim().split(/\s+/);
  if (fields.length < 1 || fields.length > 2 || fields[0] === 'max') return null;
  const quota = Number(fields[0]);
  const period = fields.length === 2 ? Number(fields[1]) : 100000;
  if (!Number.isFinite(quota) || !Number.isFinite(period) || quota <= 0 || period <= 0) return null;
  return Math.max(1, Math.ceil(quota / period));
}

/** CPUs this process's cgroup may use: cgroup v2 cpu.max, else v1's cfs quota; null when unlimited. */
export function cgroupCpuLimit(root = '/sys/fs/cgroup'): number | null {
  const read = (file: string): string | null => {
    try {
      return fs.readFileSync(`${root}/${file}`, 'utf8');
    } catch {
      return null;
    }
  };
  const v2 = read('cpu.max');
  if (v2 != null) return cpuQuotaFromCgroup(v2);
  const quota = read('cpu/cpu.cfs_quota_us') ?? read('cpu,cpuacct/cpu.cfs_quota_us');
  const period = read('cpu/cpu.cfs_period_us') ?? read('cpu,cpuacct/cpu.cfs_period_us');
  if (quota == null || period == null || quota.trim() === '-1') return null;
  return cpuQuotaFromCgroup(`${quota.trim()} ${period.trim()}`);
}

/** Checks a thread count given by a user (LIB_TF_THREADS, setKernelThreads). */
function checkedThreads(threads: unknown, where: string): number {
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new RangeError(`${where}: iş parçacığı sayısı 1 ile ${MAX_THREADS} arasında bir tam sayı olmalı (threads must be an integer), verilen: ${String(threads)}.`);
  }
  return threads;
}

/**
 * The thread count lib/tf uses unless told otherwise: LIB_TF_THREADS when set, else the cores this
 * process may use (affinity via os.availableParallelism(), then the cgroup quota), at most
 * DEFAULT_MAX_THREADS.
 */
export function defaultThreads(env: NodeJS.ProcessEnv = process.env, cores = availableCores(), cgroupLimit = cgroupCpuLimit()): number {
  const fromEnv = env.LIB_TF_THREADS;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return checkedThreads(Number(fromEnv), 'LIB_TF_THREADS');
  return Math.min(DEFAULT_MAX_THREADS, usableCores(cores, cgroupLimit));
}

/** The cores this process may use: affinity (os.availableParallelism()), then the cgroup quota. */
export function usableCores(cores = availableCores(), cgroupLimit = cgroupCpuLimit()): number {
  return Math.max(1, Math.min(cores, cgroupLimit ?? Infinity));
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

let pool: KernelThreads | null | undefined;
let requested = defaultThreads();

/**
 * Sets how many threads the fused kernels use (1 to MAX_THREADS; more than the cores only
 * oversubscribes them). Introduced in 2_LSTM.ipynb.
 */
export function setKernelThreads(threads: number): void {
  requested = checkedThreads(threads, 'setKernelThreads');
  if (pool != null && pool.threads !== requested) {
    pool.dispose();
    pool = undefined;
  }
}

/** Threads the fused kernels use now. */
export function kernelThreadCount(): number {
  return kernelThreads()?.threads ?? 1;
}

/** Resolves once the pool's workers can take jobs (benchmarks wait for it before timing). */
export async function kernelThreadsReady(): Promise<void> {
  await kernelThreads()?.ready;
}

/** The pool if one is running now, without starting one (for freeing blocks held in it). */
export function runningKernelThreads(): KernelThreads | null {
  return pool != null && pool.usable ? pool : null;
}

/** The thread pool, or null when running single-threaded (one core, LIB_TF_THREADS=1, failure). */
export function kernelThreads(): KernelThreads | null {
  if (requested < 2) return null;
  if (pool === undefined) {
    try {
      pool = new KernelThreads(requested);
    } catch {
      pool = null;
    }
  }
  return pool != null && pool.usable ? pool : null;
}
