/**
 * Negative controls for a logits match: a loaded MiniLlama turned, for the length of one call,
 * into the model a classic conversion bug would give, then restored exactly. A match against a
 * reference implementation is evidence only if the same tolerance rejects these.
 *
 * - 'rope-interleaved': RoPE rotating adjacent pairs (2i, 2i+1) — the layout of Su et al., Meta's
 *   code, llama.cpp/GGUF and llama2.c — on weights stored for Hugging Face's half-split layout
 *   (pairs i, i + hs/2). Interleaved rotation R_int = Pᵀ·R_half·P, where P takes a head's rows
 *   2i to i and 2i+1 to hs/2 + i, and q·k is unchanged by a common permutation, so the bug is
 *   exactly Hugging Face's rotation on q_proj / k_proj rows permuted by P within each head (what
 *   forgetting the conversion's row permutation does).
 * - 'gqa-modulo': query head h reading key/value head h mod nkv instead of ⌊h / (nh/nkv)⌋. Equal to
 *   the correct map with query heads reordered, h' ← σ(h') = nkv·(h' mod g) + ⌊h' / g⌋ (g = nh/nkv),
 *   in q_proj's rows and o_proj's columns. A no-op when nkv = nh.
 * - 'rms-eps': every RMSNorm with ε ÷ 10 (e.g. 1e-6 for SmolLM2's 1e-5, the default a converter
 *   that ignores rms_norm_eps would use).
 *
 * The weights are permuted in place and permuted back (gathers are exact), so the model is
 * bit-identical afterwards and no second copy of it is made. MiniLlama's own forward path is untouched.
 *
 * Introduced in 5_LLAMA_transformers.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import type { MiniLlama } from './llama';
import type { RMSNorm } from './norms';
import { shown } from '../validate';

export type LlamaBug = 'rope-interleaved' | 'gqa-modulo' | 'rms-eps';
export const LLAMA_BUGS: readonly LlamaBug[] = ['rope-interleaved', 'gqa-modulo', 'rms-eps'];

/** Row order within each head that turns half-split RoPE into interleaved RoPE: new row i ← old row perm[i]. */
export function interleavedRopePermutation(numHeads: number, headDim: number): number[] {
  const half = headDim / 2;
  return Array.from({ length: numHeads * headDim }, (_, row) => {
    const [h, j] = [Math.floor(row / headDim), row % headDim];
    return h * headDim + (j < half ? 2 * j : 2 * (j - half) + 1);
  });
}

/** Head order σ under which the correct GQA map reproduces the h mod nkv map, expanded to rows. */
export function gqaModuloPermutation(numHeads: number, numKvHeads: number, headDim: number): number[] {
  const g = numHeads / numKvHeads;
  return Array.from({ length: numHeads * headDim }, (_, row) => {
    const h = Math.floor(row / headDim);
    return (numKvHeads * (h % g) + Math.floor(h / g)) * headDim + (row % headDim);
  });
}

function inverse(perm: number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => { inv[p] = i; });
  return inv;
}

/** v ← v gathered along `axis` by `perm` (exact). */
function permute(v: tf.Variable, perm: number[], axis: number): void {
  const idx = tf.tensor1d(perm, 'int32');
  const moved = tf.gather(v, idx, axis);
  v.assign(moved);
  tf.dispose([idx, moved]);
}

/**
 * Runs `fn` on `model` with `bug` in place, then restores the model exactly (also when `fn`
 * throws). `fn` must be synchronous: nothing else may use the model while it is wrong.
 */
export function withLlamaBug<T>(model: MiniLlama, bug: LlamaBug, fn: () => T): T {
  if (!LLAMA_BUGS.includes(bug)) {
    throw new RangeError(`withLlamaBug: hata (bug) ${LLAMA_BUGS.map((b) => `'${b}'`).join(', ')} değerlerinden biri olmalı; gelen: ${shown(bug)}. Bu üç dönüştürme hatasından birini seçin.`);
  }
  if (typeof fn !== 'function') throw new TypeError(`withLlamaBug: üçüncü argüman, hatalı modelle çalışacak bir fonksiyon olmalı, ör. () => model.forward([ids]); gelen: ${shown(fn)}.`);
  const { numHeads, numKvHeads, headDim } = model.config;
  const edits: Array<[tf.Variable, number[], number]> = []; // variable, permutation, axis (weights are (out, in))
  const norms: RMSNorm[] = [];
  for (const layer of model.layers) {
    const attn = layer.selfAttn;
    if (bug === 'rope-interleaved') {
      edits.push([attn.q.weight, interleavedRopePermutation(numHeads, headDim), 0]);
      edits.push([attn.k.weight, interleavedRopePermutation(numKvHeads, headDim), 0]);
    } else if (bug === 'gqa-modulo') {
      const perm = gqaModuloPermutation(numHeads, numKvHeads, headDim);
      edits.push([attn.q.weight, perm, 0], [attn.o.weight, perm, 1]);
    } else {
      norms.push(layer.inputLayernorm, layer.postAttentionLayernorm);
    }
  }
  if (bug === 'rms-eps') norms.push(model.norm);
  const epsBefore = norms.map((n) => n.eps);
  for (const [v, perm, axis] of edits) permute(v, perm, axis);
  norms.forEach((n) => setEps(n, n.eps / 10));
  try {
    return fn();
  } finally {
    for (const [v, perm, axis] of edits) permute(v, inverse(perm), axis);
    norms.forEach((n, i) => setEps(n, epsBefore[i]));
  }
}

/** ε is fixed at construction for every real use; only this control changes it, and changes it back. */
function setEps(norm: RMSNorm, eps: number): void {
  (norm as { eps: number }).eps = eps;
}
