/**
 * Chooses and prepares the TensorFlow.js backend every notebook uses.
 *
 * 1. `wasm` (XNNPACK, SIMD, one thread in Node), after registering what it lacks for the
 *    course's models: UnsortedSegmentSum (the gradient of every Embedding), a BatchMatMul whose
 *    transposed cases (all matmul gradients) run on SIMD kernels, a Sum over leading axes (bias
 *    and broadcast gradients) on the same GEMM, and the fused recurrent layers
 *    and Adam of this folder, which run in place on its heap.
 * 2. Otherwise the pure-JS `cpu` backend, with its O(numSegments · n) UnsortedSegmentSum replaced.
 *
 * `@tensorflow/tfjs-node` (native TensorFlow, an optionalDependency) runs only when asked for —
 * `initTf({ backend: 'tensorflow' })` or `LIB_TF_BACKEND=tensorflow` — never because it happens to be
 * installed: npm 10 (bundled with Node 20 and 22) runs its install script, so an attendee's `npm ci`
 * may install it, and no test or figure of the course has been made on it (see README.md).
 *
 * Introduced in 0_Word_Embeddings.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as os from 'os';
import * as path from 'path';
import { identityWithoutCopy, makeGatherV2 } from './kernels/gather_identity';
import { LINEAR_PRODUCTS, LINEAR_PRODUCTS_MAX_ROWS, makeBatchMatMul, makeFusedMatMul, makeLinearProducts } from './kernels/matmul';
import { makeSplitV } from './kernels/split';
import { registerSoftmaxGradient } from './kernels/softmax_grad';
import { makeSum } from './kernels/sum';
import { unsortedSegmentSum } from './kernels/unsorted_segment_sum';
import { setFused, useFusedKernels } from './fused';
import { noteFusedMatMul, noteLinearProducts } from './linear_product';
import { kernelsUseFma } from './wasm/kernel_module';
import { kernelThreadCount, usableCores } from './wasm/threads';
import { assertOneOf, shown } from '../validate';

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

/** What initTf() chose. */
export interface TfInfo {
  /** tfjs version, e.g. "4.22.0". */
  version: string;
  /** Active backend: "tensorflow" (tfjs-node), "wasm" or "cpu". */
  backend: string;
  /** Threads the backend computes with. */
  threads: number;
  /** Kernels registered or replaced by lib/tf on this backend. */
  kernels: string[];
  /** True when the fused recurrent layers and Adam run their SIMD kernels on this backend. */
  fused: boolean;
  /** The one sentence initTf() prints for learners: engine, threads, why it matters. */
  line: string;
  /** The technical summary (versions, SIMD/FMA, replaced kernels): printed too with `verbose: true`. */
  details: string;
}

export interface InitOptions {
  /** Force a backend. Default 'auto': `LIB_TF_BACKEND` when set, else wasm (else cpu); never tfjs-node unless asked. */
  backend?: BackendChoice;
  /** Do not print the summary sentence. */
  quiet?: boolean;
  /** Also print the technical summary (`TfInfo.details`): versions, SIMD/FMA, replaced kernels. */
  verbose?: boolean;
  /**
   * false: the readable path — lib/tf's fused ops and replaced kernels off, plain tfjs everywhere
   * (same numbers, slower); true: the fast path (default). The same switch as setFused().
   */
  kernels?: boolean;
}

const WASM_DIST = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
// Must happen before the wasm backend first initialises (tf.ready() may do it implicitly).
setWasmPaths(WASM_DIST);

const registered = new Map<string, string[]>();

/**
 * Registers `kernelFunc` for `kernelName` on `backendName`, replacing any existing kernel. The
 * original's setupFunc/disposeFunc are kept: wasm kernels bind their C++ entry points there, and
 * the replacements fall back to the original kernel for cases they do not cover. While the switch
 * is off (setFused(false)) each call of a `switchable` kernel goes to tfjs's own kernel.
 */
function replaceKernel(kernelName: string, backendName: string, kernelFunc: tf.KernelConfig['kernelFunc'], switchable = true): void {
  const original = tf.getKernel(kernelName, backendName);
  if (original != null) tf.unregisterKernel(kernelName, backendName);
  const tfjsKernel = original?.kernelFunc;
  const chosen: tf.KernelConfig['kernelFunc'] = tfjsKernel == null || !switchable ? kernelFunc
    : (args) => (useFusedKernels() ? kernelFunc(args) : tfjsKernel(args));
  tf.registerKernel({ kernelName, backendName, kernelFunc: chosen, setupFunc: original?.setupFunc, disposeFunc: original?.disposeFunc });
  registered.set(backendName, [...(registered.get(backendName) ?? []), kernelName]);
}

/** Adds lib/tf's kernels to a backend (idempotent). */
export function registerKernels(backendName: 'wasm' | 'cpu'): void {
  assertOneOf(backendName, 'registerKernels(backendName)', ['wasm', 'cpu']);
  if (registered.has(backendName)) return;
  registered.set(backendName, []);
  // Not switchable: wasm has no UnsortedSegmentSum at all, and on cpu tfjs's is O(numSegments·n).
  replaceKernel('UnsortedSegmentSum', backendName, unsortedSegmentSum as tf.KernelConfig['kernelFunc'], false);
  if (backendName === 'wasm') {
    replaceKernel('Identity', 'wasm', identityWithoutCopy as tf.KernelConfig['kernelFunc']);
    const wrappers = [['BatchMatMul', makeBatchMatMul], ['_FusedMatMul', makeFusedMatMul], ['GatherV2', makeGatherV2], ['Sum', makeSum],
      ['SplitV', makeSplitV]] as const;
    for (const [name, wrap] of wrappers) {
      const original = tf.getKernel(name, 'wasm');
      if (original == null) throw new Error(`tfjs-backend-wasm'da sarılacak ${name} çekirdeği yok; @tensorflow/tfjs-backend-wasm sürümünü kontrol edin.`);
      // Not switchable: tfjs-backend-wasm 4.22's _FusedMatMul (a Linear's x·Wᵀ + b on XNNPACK) gives
      // wrong results once a training step has changed the weights (a cache of packed weights not
      // refreshed, we think): after one SGD step of a MiniGpt its loss was 4.371 where the cpu backend
      // and every lib/tf path give 4.564. The readable_path test's training steps would fail with it.
      replaceKernel(name, 'wasm', wrap(original.kernelFunc), name !== '_FusedMatMul');
    }
    noteFusedMatMul('wasm'); // linear layers may call it directly (linear_product.ts)
    // Not a replacement (tfjs has no such kernel): several x·Wᵀ in one call, for linearProducts.
    if (tf.getKernel(LINEAR_PRODUCTS, 'wasm') == null) tf.registerKernel({ kernelName: LINEAR_PRODUCTS, backendName: 'wasm', kernelFunc: makeLinearProducts() });
    noteLinearProducts('wasm', LINEAR_PRODUCTS, LINEAR_PRODUCTS_MAX_ROWS);
    registerSoftmaxGradient(); // a gradient, not a kernel: it checks the backend at each call
  }
}

/** The environment variable that picks a backend when initTf() is not given one. */
export const BACKEND_ENV = 'LIB_TF_BACKEND';

/** Who asked for the backend: initTf's option, the environment variable, or nobody ('auto'). */
type ChoiceSource = 'option' | 'env' | 'default';

/**
 * The backend asked for: initTf's option, else `LIB_TF_BACKEND`, else 'auto'. 'auto' means the tested
 * engine (wasm + lib/tf kernels, else cpu) and never tfjs-node, installed or not.
 */
export function requestedBackend(option: BackendChoice | undefined, env: NodeJS.ProcessEnv = process.env): { choice: BackendChoice; source: ChoiceSource } {
  if (option !== undefined && option !== 'auto') return { choice: option, source: 'option' };
  const fromEnv = env[BACKEND_ENV];
  if (fromEnv === undefined || fromEnv === '') return { choice: 'auto', source: 'default' };
  if (!BACKEND_CHOICES.includes(fromEnv as BackendChoice)) {
    throw new RangeError(`initTf: ${BACKEND_ENV}=${shown(fromEnv)} bilinmiyor; ${BACKEND_CHOICES.map((b) => `'${b}'`).join(', ')} olabilir.`);
  }
  return { choice: fromEnv as BackendChoice, source: fromEnv === 'auto' ? 'default' : 'env' };
}

function tryLoadTfjsNode(): boolean {
  try {
    // Optional dependency: absent on most course machines, so it is loaded dynamically.
    require('@tensorflow/tfjs-node');
    return tf.findBackendFactory('tensorflow') != null;
  } catch {
    return false;
  }
}

async function activate(name: string): Promise<boolean> {
  // The wasm backend's Emscripten runtime adds process handlers that re-throw every uncaught error
  // from inside its minified source, so Node prints that whole file instead of the error. Node's
  // default handling is the same without the noise: drop the handlers it added.
  const exceptionHandlers = process.listeners('uncaughtException');
  const rejectionHandlers = process.listeners('unhandledRejection');
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  } finally {
    for (const h of process.listeners('uncaughtException')) {
      if (!exceptionHandlers.includes(h)) process.removeListener('uncaughtException', h);
    }
    for (const h of process.listeners('unhandledRejection')) {
      if (!rejectionHandlers.includes(h)) process.removeListener('unhandledRejection', h);
    }
  }
}

/** Hides tfjs-backend-cpu's "install tfjs-node" banner: initTf() prints its own summary. */
function silenceCpuBanner(): void {
  const cpu = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
  if (cpu != null && 'firstUse' in cpu) cpu.firstUse = false;
}

let current: TfInfo | null = null;

/**
 * Picks the backend the course is tested on (wasm with lib/tf's kernels, else cpu; tfjs-node only when
 * asked for by `options.backend` or LIB_TF_BACKEND), prepares it and prints one sentence for learners such as
 * `Hesaplar WebAssembly ile, kursun hızlandırılmış işlemleriyle 2 çekirdekte yapılıyor (TensorFlow.js 4.22.0);
 * defterdeki süreler bu makineye göre, sizin makinenizde farklı olabilir.` (`verbose: true` adds `TfInfo.details`).
 * Call (and await) it once at the top of a notebook; later calls return the same answer.
 * Introduced in 0_Word_Embeddings.ipynb.
 */
export async function initTf(options: InitOptions = {}): Promise<TfInfo> {
  if (options === null || typeof options !== 'object') throw new TypeError(`initTf: options { backend: 'wasm' } gibi bir nesne olmalı; verilen: ${shown(options)}.`);
  if (options.backend !== undefined && !BACKEND_CHOICES.includes(options.backend)) {
    // There is no 'gpu' (or webgl) backend in Node: falling back quietly to cpu would be 10× slower.
    throw new RangeError(`initTf: backend ${shown(options.backend)} bilinmiyor; ${BACKEND_CHOICES.map((b) => `'${b}'`).join(', ')} olabilir (Node'da GPU arka ucu yok).`);
  }
  if (options.kernels !== undefined) setFused(options.kernels);
  const { choice, source } = requestedBackend(options.backend);
  if (current != null && (choice === 'auto' || choice === current.backend)) {
    if (options.kernels === undefined) return current;
    current = await describe(current.backend, source); // the line says which path now runs
    report(current, options);
    return current;
  }

  let chosen: string | null = null;
  if (choice === 'tensorflow') {
    if (!tryLoadTfjsNode() || !await activate('tensorflow')) {
      throw new Error(`initTf: "tensorflow" arka ucu (${source === 'env' ? `${BACKEND_ENV}=tensorflow` : 'istendi'}) ` +
        `@tensorflow/tfjs-node ister; bu paket kurulu değil ya da yüklenemedi. Test edilmiş motorda (wasm) çalışmak için ${source === 'env' ? `${BACKEND_ENV} değişkenini kaldırın` : 'initTf() çağrısını backend vermeden yapın'}.`);
    }
    chosen = 'tensorflow';
  }
  if (chosen == null && (choice === 'auto' || choice === 'wasm')) {
    registerKernels('wasm');
    if (await activate('wasm')) chosen = 'wasm';
    else if (choice === 'wasm') throw new Error(`initTf: wasm arka ucu başlatılamadı (.wasm dosyaları ${WASM_DIST} içinde arandı); kurulumu kontrol edin ya da { backend: 'cpu' } deneyin.`);
  }
  if (chosen == null) {
    registerKernels('cpu');
    silenceCpuBanner();
    if (!await activate('cpu')) throw new Error('initTf: cpu arka ucu bile başlatılamadı; @tensorflow/tfjs kurulumunu kontrol edin (npm run setup).');
    chosen = 'cpu';
  }
  current = await describe(chosen, source);
  report(current, options);
  return current;
}

function report(info: TfInfo, options: InitOptions): void {
  if (options.quiet) return;
  console.log(info.line);
  if (options.verbose) console.log(info.details);
}

async function describe(backend: string, source: ChoiceSource): Promise<TfInfo> {
  const kernels = registered.get(backend) ?? [];
  const fused = backend === 'wasm' || backend === 'cpu';
  const threads = backend === 'tensorflow' ? os.cpus().length : kernelThreadCount();
  const simd = backend === 'wasm' && await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') === true;
  const chosenBy = source === 'env' ? `${BACKEND_ENV}=tensorflow` : "initTf({ backend: 'tensorflow' })";
  // The technical detail, for the curious and for bug reports (initTf({ verbose: true }) prints it too).
  let what: string = backend;
  if (backend === 'tensorflow') what += ` (tfjs-node, ${chosenBy} ile seçildi; kurs bu arka uçta test edilmedi)`;
  if (backend === 'wasm') what += simd ? ' (SIMD)' : ' (SIMD yok)';
  if (fused) {
    const notes = ['birleşik RNN/Adam/kayıp', kernelsUseFma() ? 'SIMD+FMA' : 'SIMD'];
    if (kernels.length > 0) notes.push(`değiştirilen tfjs çekirdekleri: ${kernels.length}`);
    what += useFusedKernels() ? ` + lib/tf çekirdekleri (${notes.join(', ')})`
      : ' + lib/tf çekirdekleri kapalı (okunur yol: yalnız tfjs işlemleri; setFused(true) açar)';
  }
  const details = `TensorFlow.js ${tf.version.tfjs} · arka uç: ${what} · ${threads} iş parçacığı`;
  // The learner reads this sentence at the top of every notebook: which engine computes, on how
  // many threads, and why that matters to them (the times the notebook shows are this machine's).
  const engine = backend === 'wasm' ? `WebAssembly${simd ? '' : ' (SIMD desteği yok: daha yavaş)'} ile`
    : backend === 'cpu' ? 'saf JavaScript ile (WebAssembly başlatılamadı: daha yavaş)'
      : 'yerel TensorFlow (tfjs-node) ile';
  const untested = backend === 'tensorflow' ? `; ${chosenBy} ile seçildi, kurs bu arka uçta test edilmedi` : '';
  // No repository path: a learner reads "the course's operations" and "on 2 cores".
  const ours = !fused ? '' : useFusedKernels() ? ', kursun hızlandırılmış işlemleriyle' : ', kursun hızlandırılmış işlemleri kapalı (yalnızca tfjs işlemleri)';
  const line = `Hesaplar ${engine}${ours} ${whereItRuns(threads, usableCores())} yapılıyor ` +
    `(TensorFlow.js ${tf.version.tfjs}${untested}); defterdeki süreler bu makineye göre, sizin makinenizde farklı olabilir.`;
  return { version: tf.version.tfjs, backend, threads, kernels, fused, line, details };
}

/**
 * Where the learner's sentence says the work runs. By default the kernels run one thread per core the
 * process may use (wasm/threads.ts), and "N çekirdekte" is the plain word for that; only when more
 * threads than cores were asked for (LIB_TF_THREADS, setKernelThreads) does the sentence name threads,
 * so it never claims more cores than there are.
 */
export function whereItRuns(threads: number, cores: number): string {
  if (threads > cores) return `${threads} iş parçacığıyla ${cores === 1 ? 'tek' : cores} çekirdekte`;
  return threads === 1 ? 'tek çekirdekte' : `${threads} çekirdekte`;
}

/** What initTf() chose, or null before it ran. */
export function tfInfo(): TfInfo | null {
  return current;
}
