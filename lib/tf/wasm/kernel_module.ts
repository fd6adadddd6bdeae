/**
 * Loads the compiled SIMD kernels (kernels.wasm, built from assembly/kernels.ts by build.mjs) and
 * types their exports. The module imports its linear memory, so one compiled module serves both
 * the tfjs `wasm` backend (instantiated on the backend's own heap) and the other backends
 * (instantiated on a private memory that tensors are copied into).
 *
 * Pointers are byte offsets into that memory; 0 means "absent" (no bias, no initial state, ...).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';

import { webAssembly } from '../../wasm';
import type { WasmApi, WasmMemory } from '../../wasm';

export type { WasmMemory };
/** The global WebAssembly API, typed by lib/wasm.ts. */
export const WebAssemblyApi: WasmApi = webAssembly();

/** Activation codes understood by the kernels (same table as assembly/kernels.ts). */
export const ACTIVATION_CODES = { linear: 0, tanh: 1, sigmoid: 2, hardSigmoid: 3, relu: 4 } as const;
export type KernelActivation = keyof typeof ACTIVATION_CODES;

/** Exports of kernels.wasm. Argument order documented in assembly/kernels.ts. */
export interface KernelExports {
  gemm(M: number, N: number, K: number, a: number, sAm: number, sAk: number, b: number, ldb: number,
       c: number, ldc: number, acc: number): void;
  gemmPacked(M: number, N: number, K: number, a: number, sAm: number, sAk: number, b: number, ldb: number, transB: number,
             c: number, ldc: number, acc: number, work: number, kc: number, nc: number): void;
  gemmPackedTasks(counter: number, ready: number, table: number, count: number, byColumns: number, M: number, N: number, K: number,
                  a: number, sAm: number, sAk: number, b: number, ldb: number, transB: number, c: number, ldc: number, work: number,
                  kc: number, nc: number): void;
  gemmNT(M: number, N: number, K: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number,
         acc: number): void;
  gemmNTTasks(counter: number, tasks: number, count: number, M: number, K: number, a: number, lda: number): void;
  rnnForward(B: number, T: number, E: number, H: number, x: number, W: number, U: number, bias: number, h0: number,
             act: number, Hs: number, Z: number): void;
  rnnBackward(B: number, T: number, E: number, H: number, x: number, W: number, U: number, h0: number, act: number,
              Hs: number, Z: number, dY: number, dYStride: number, seq: number, dhT: number, dhTStride: number,
              dx: number, dW: number, dU: number, db: number, dh0: number, scratch: number): void;
  lstmForward(B: number, T: number, E: number, H: number, x: number, W: number, U: number, bias: number, h0: number,
              c0: number, act: number, recAct: number, Hs: number, Cs: number, ACs: number, Z: number, A: number): void;
  lstmBackward(B: number, T: number, E: number, H: number, x: number, W: number, U: number, h0: number, c0: number,
               act: number, recAct: number, Hs: number, Cs: number, ACs: number, Z: number, A: number,
               dY: number, dYStride: number, seq: number, dhT: number, dhTStride: number, dcT: number, dcTStride: number,
               dx: number, dW: number, dU: number, db: number, dh0: number, dc0: number, scratch: number): void;
  gruForward(B: number, T: number, E: number, H: number, x: number, W: number, U: number, bias: number, h0: number,
             act: number, recAct: number, Hs: number, RH: number, Z: number, A: number): void;
  gruBackward(B: number, T: number, E: number, H: number, x: number, W: number, U: number, h0: number,
              act: number, recAct: number, Hs: number, RH: number, Z: number, A: number,
              dY: number, dYStride: number, seq: number, dhT: number, dhTStride: number,
              dx: number, dW: number, dU: number, db: number, dh0: number, scratch: number): void;
  adam(n: number, p: number, g: number, m: number, v: number, pOut: number, mOut: number, vOut: number,
       negLr: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number,
       oneMinusAccBeta1: number, oneMinusAccBeta2: number, eps: number): void;
  biasActivation(M: number, N: number, c: number, bias: number, biasStride: number, act: number, alpha: number): void;
  layerNormRows(rows: number, d: number, x: number, gamma: number, beta: number, eps: number, y: number, stats: number): void;
  layerNormGrad(rows: number, d: number, x: number, gamma: number, stats: number, dy: number, dx: number, dgamma: number,
                dbeta: number): void;
  geluTanh(n: number, x: number, y: number): void;
  geluTanhGrad(n: number, x: number, dy: number, dx: number): void;
  causalAttention(B: number, T: number, nh: number, hs: number, qkv: number, out: number, probs: number): void;
  causalAttentionGrad(B: number, T: number, nh: number, hs: number, qkv: number, probs: number, dout: number, dqkv: number,
                      scratch: number): void;
  softmaxRows(rows: number, V: number, z: number, labels: number, ignore: number, probs: number, stats: number): void;
  softmaxCrossEntropyGrad(rows: number, V: number, probs: number, labels: number, ignore: number, g: number, out: number): void;
  scatterAdd(n: number, inner: number, ids: number, x: number, numSegments: number, out: number): void;
  probRowSums(rows: number, V: number, pred: number, sums: number): number;
  probCrossEntropyGrad(rows: number, V: number, pred: number, sums: number, labels: number, dy: number, out: number): void;
  softmaxGradRows(rows: number, V: number, y: number, dy: number, out: number): void;
  gatherRows(n: number, inner: number, ids: number, x: number, out: number): void;
  accumulate(n: number, dst: number, src: number): void;
  copyBlocks(n: number, srcStride: number, src: number, len: number, dst: number): void;
}

/** Epilogue activations of biasActivation (tfjs _FusedMatMul names). */
export const FUSED_MATMUL_ACTIVATIONS: Record<string, number> = {
  linear: 0, tanh: 1, sigmoid: 2, relu: 4, relu6: 5, elu: 6, leakyrelu: 7,
};

const EXPORT_NAMES: ReadonlyArray<keyof KernelExports> = [
  'gemm', 'gemmPacked', 'gemmPackedTasks', 'gemmNT', 'gemmNTTasks', 'rnnForward', 'rnnBackward', 'lstmForward', 'lstmBackward', 'gruForward', 'gruBackward', 'adam',
  'biasActivation', 'layerNormRows', 'layerNormGrad', 'geluTanh', 'geluTanhGrad', 'causalAttention',
  'causalAttentionGrad', 'softmaxRows', 'softmaxCrossEntropyGrad', 'scatterAdd', 'gatherRows', 'accumulate', 'copyBlocks',
  'probRowSums', 'probCrossEntropyGrad', 'softmaxGradRows',
];

/** Export names in a fixed order: worker threads receive kernel calls by index into this list. */
export const KERNEL_NAMES: ReadonlyArray<keyof KernelExports> = EXPORT_NAMES;

function readBinary(name: string): Uint8Array {
  const file = path.join(__dirname, name);
  if (!fs.existsSync(file)) throw new Error(`Missing ${file}: rebuild it with \`node lib/tf/wasm/build.mjs\`.`);
  return fs.readFileSync(file);
}

/**
 * Whether the fused-multiply-add build can run. Relaxed SIMD ships in V8 11.4+ (Node 22); Node 20's
 * V8 11.3 implements it behind --experimental-wasm-relaxed-simd, which is switched on here before
 * the module is compiled. LIB_TF_FMA=0 in the environment keeps the plain SIMD build.
 */
function relaxedSimdAvailable(binary: Uint8Array): boolean {
  if (process.env.LIB_TF_FMA === '0') return false;
  if (WebAssemblyApi.validate(binary)) return true;
  try {
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    return false;
  }
  return WebAssemblyApi.validate(binary);
}

const compiled = new Map<boolean, { module: object; fma: boolean }>();

/**
 * The compiled module (FMA build when available), read once from disk. `shared` selects the build
 * whose memory is shared between threads (see ../threads.ts).
 */
export function kernelModule(shared = false): { module: object; fma: boolean } {
  let entry = compiled.get(shared);
  if (entry == null) {
    const base = shared ? 'kernels-mt' : 'kernels';
    const fmaBinary = readBinary(`${base}-fma.wasm`);
    entry = relaxedSimdAvailable(fmaBinary)
      ? { module: new WebAssemblyApi.Module(fmaBinary), fma: true }
      : { module: new WebAssemblyApi.Module(readBinary(`${base}.wasm`)), fma: false };
    compiled.set(shared, entry);
  }
  return entry;
}

/** True when the kernels use fused multiply-adds (relaxed SIMD). */
export function kernelsUseFma(): boolean {
  return kernelModule().fma;
}

/** Instantiates the kernels on `memory` (the tfjs wasm heap, a private or a shared memory). */
export function instantiateKernels(memory: WasmMemory, shared = false): KernelExports {
  const instance = new WebAssemblyApi.Instance(kernelModule(shared).module, { env: { memory } });
  const kernels: Partial<Record<keyof KernelExports, unknown>> = {};
  for (const name of EXPORT_NAMES) {
    const fn = instance.exports[name];
    if (typeof fn !== 'function') throw new Error(`kernels.wasm lacks export "${name}": rebuild it.`);
    kernels[name] = fn;
  }
  return kernels as KernelExports;
}
