/**
 * A second thread for the SIMD kernels: one worker_threads Worker and the main thread instantiate
 * the same kernels (the shared-memory build) on one shared WebAssembly memory, and split work
 * fork-join style — the worker runs one kernel call while the main thread runs another, then the
 * main thread waits for it. The fused recurrent layers give each thread half of the batch: the
 * rows are independent through the whole recurrence, so each forward or backward pass needs a
 * single hand-off (see ../rnn/fused_rnn_op.ts).
 *
 * The tfjs wasm heap cannot be shared (it is not a shared memory), so data is copied into this
 * memory; blocks are handed out by a small first-fit allocator.
 *
 * Introduced in 2_LSTM.ipynb (through the fused recurrent layers).
 */
import * as os from 'os';
import { Worker } from 'worker_threads';
import { instantiateKernels, KERNEL_NAMES, kernelModule, KernelExports, WasmMemory, WebAssemblyApi } from './kernel_module';

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

// How long the worker keeps polling for the next job before it sleeps. Training alternates
// forward and backward hand-offs about a millisecond apart; waking a sleeping thread costs tens of
// microseconds and lands wherever the scheduler likes, so (like OpenMP's default wait policy) the
// worker spins through those gaps and sleeps only when training pauses.
const SPIN_MS = Number(process.env.LIB_TF_SPIN_MS ?? 2);

// Runs in the worker: wait for a job, run the kernel, report, repeat.
const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const { module, memory, control, names } = workerData;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctl = new Int32Array(control);
let calmJobs = 0; // jobs to wait for without spinning
for (;;) {
  let state = Atomics.load(ctl, 0);
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
    while ((state = Atomics.load(ctl, 0)) !== ${RUN} && state !== ${QUIT}) Atomics.wait(ctl, 0, state);
  }
  if (state === ${QUIT}) break;
  // Claim the job; if the main thread already took it back (it finished first), skip it.
  if (Atomics.compareExchange(ctl, 0, ${RUN}, ${STARTED}) !== ${RUN}) continue;
  try {
    const args = [];
    for (let i = 0; i < ctl[2]; i++) args.push(ctl[3 + i]);
    kernels[names[ctl[1]]](...args);
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

export class KernelThreads {
  readonly kernels: KernelExports;
  private readonly memory: WasmMemory;
  private readonly control: Int32Array;
  private readonly worker: Worker;
  private broken = false;
  // Allocated blocks [start, end) in bytes, sorted by start. Offset 0..64 stays unused (null pointer).
  private readonly blocks: Array<[number, number]> = [];

  constructor() {
    this.memory = new WebAssemblyApi.Memory({ initial: 256, maximum: MAX_PAGES, shared: true });
    this.kernels = instantiateKernels(this.memory, true);
    this.control = new Int32Array(new SharedArrayBuffer(4 * (3 + MAX_ARGS)));
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: kernelModule(true).module, memory: this.memory, control: this.control.buffer, names: KERNEL_NAMES },
    });
    this.worker.unref(); // never keeps a script alive
    this.worker.on('error', () => {
      this.broken = true;
    });
  }

  /** False once the worker failed: callers then use the single-thread path. */
  get usable(): boolean {
    return !this.broken;
  }

  /** Runs `call` on the worker and `main` on this thread; returns when both are done. */
  fork(call: KernelCall, main: () => void): void {
    if (call.args.length > MAX_ARGS) throw new Error(`KernelThreads: too many arguments for ${call.name}`);
    const ctl = this.control;
    ctl[1] = KERNEL_NAMES.indexOf(call.name);
    ctl[2] = call.args.length;
    call.args.forEach((a, i) => {
      ctl[3 + i] = a;
    });
    Atomics.store(ctl, STATE, RUN);
    Atomics.notify(ctl, STATE);
    let mainError: unknown = null;
    try {
      main();
    } catch (e) {
      mainError = e;
    }
    // If the worker has not picked the job up yet (descheduled or asleep), take it back and run it
    // here: a busy machine then costs the single-thread time, never a stall.
    if (mainError == null && Atomics.compareExchange(ctl, STATE, RUN, IDLE) === RUN) {
      (this.kernels[call.name] as (...args: number[]) => void)(...call.args);
      return;
    }
    // Both halves take about as long: poll for up to a millisecond before sleeping.
    const deadline = performance.now() + 1;
    while (Atomics.load(ctl, STATE) === STARTED && performance.now() < deadline);
    for (let current = Atomics.load(ctl, STATE); current === STARTED || current === RUN; current = Atomics.load(ctl, STATE)) {
      if (Atomics.wait(ctl, STATE, current, 10_000) === 'timed-out' && Atomics.load(ctl, STATE) === current) {
        this.broken = true;
        throw new Error(`KernelThreads: the worker thread did not finish ${call.name} within 10 s.`);
      }
    }
    const state = Atomics.load(ctl, STATE);
    Atomics.store(ctl, STATE, IDLE);
    if (state === FAILED) {
      this.broken = true;
      throw new Error(`KernelThreads: ${call.name} failed on the worker thread.`);
    }
    if (mainError != null) throw mainError;
  }

  /** Allocates `bytes` (64-byte aligned) in the shared memory; returns the byte offset. */
  alloc(bytes: number): number {
    const size = Math.ceil(Math.max(bytes, 1) / 64) * 64;
    let start = 64;
    let i = 0;
    for (; i < this.blocks.length; i++) {
      if (this.blocks[i][0] - start >= size) break;
      start = this.blocks[i][1];
    }
    const end = start + size;
    const missing = end - this.memory.buffer.byteLength;
    if (missing > 0) {
      const pages = Math.ceil(missing / PAGE_BYTES);
      if (this.memory.buffer.byteLength / PAGE_BYTES + pages > MAX_PAGES) {
        throw new Error(`KernelThreads: out of shared memory (${end} bytes requested).`);
      }
      this.memory.grow(pages);
    }
    this.blocks.splice(i, 0, [start, end]);
    return start;
  }

  free(ptr: number): void {
    const i = this.blocks.findIndex((b) => b[0] === ptr);
    if (i >= 0) this.blocks.splice(i, 1);
  }

  /** Bytes currently allocated (for tests: it returns to 0 when nothing is held). */
  get allocatedBytes(): number {
    return this.blocks.reduce((sum, [s, e]) => sum + e - s, 0);
  }

  view(ptr: number, floats: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, floats);
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
    Atomics.store(this.control, STATE, QUIT);
    Atomics.notify(this.control, STATE);
    void this.worker.terminate();
  }
}

let pool: KernelThreads | null | undefined;
let requested = defaultThreads();

function defaultThreads(): number {
  const fromEnv = Number(process.env.LIB_TF_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.min(2, cores);
}

/** Sets how many threads the fused kernels use (1 or 2). Introduced in 2_LSTM.ipynb. */
export function setKernelThreads(threads: number): void {
  if (threads !== 1 && threads !== 2) throw new Error(`setKernelThreads: threads must be 1 or 2, got ${threads}.`);
  requested = threads;
  if (threads === 1 && pool != null) {
    pool.dispose();
    pool = undefined;
  }
}

/** Threads the fused kernels use now. */
export function kernelThreadCount(): number {
  return kernelThreads() != null ? 2 : 1;
}

/** The two-thread pool, or null when running single-threaded (one core, LIB_TF_THREADS=1, failure). */
export function kernelThreads(): KernelThreads | null {
  if (requested < 2) return null;
  if (pool === undefined) {
    try {
      pool = new KernelThreads();
    } catch {
      pool = null;
    }
  }
  return pool != null && pool.usable ? pool : null;
}
