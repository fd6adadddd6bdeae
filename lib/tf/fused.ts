/**
 * The one switch between lib/tf's fast path and the readable one.
 *
 *   setFused(false);   // or initTf({ kernels: false }) at the top of a notebook
 *
 * On (the default), lib/transformer's LayerNorm, GELU (tanh), causal attention of a GPT block and
 * cross-entropy run as single ops on lib/tf's SIMD kernels, and initTf()'s replacements of tfjs's
 * BatchMatMul, Sum, GatherV2, SplitV and Identity kernels are used. Off, every one of them runs the
 * plain TensorFlow.js code written beside it (the composition of tfjs ops, or tfjs's own kernel):
 * the same numbers within float rounding (lib/transformer/readable_path.test.ts), slower. Two
 * replacements stay on: UnsortedSegmentSum (tfjs-backend-wasm has none; every Embedding's gradient
 * needs it) and _FusedMatMul (tfjs-backend-wasm's gives wrong results after a training step;
 * see backend.ts). The fused recurrent layers and fusedAdam are chosen by name (fusedLstm,
 * fusedAdam), not by this switch.
 *
 * The flag is read only through `useFusedKernels()`, at each fused call and each replaced kernel, so
 * a flip takes effect at the next op. Introduced in 4_gpt_transformers.ipynb.
 */

import { shown } from '../validate';

let fused = true;

/** Turns lib/tf's fused ops and replaced kernels on (default) or off (the readable tfjs path). */
export function setFused(on: boolean): void {
  if (typeof on !== 'boolean') {
    throw new TypeError('setFused: true (hızlı yol, lib/tf çekirdekleri) ya da false (okunur yol, yalnız tfjs) ' +
      `bekleniyordu, verilen: ${shown(on)}. Örnek: setFused(false).`);
  }
  fused = on;
}

/** True while lib/tf's fused ops and replaced kernels run (see setFused). */
export function useFusedKernels(): boolean {
  return fused;
}
