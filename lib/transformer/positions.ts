/**
 * Where a token is: attention itself ignores order, so transformers add it.
 *
 * - Sinusoidal encoding (Vaswani et al. 2017, §3.5): PE[pos, 2i] = sin(pos / 10000^(2i/d)),
 *   PE[pos, 2i+1] = cos(pos / 10000^(2i/d)), added to the token embeddings.
 * - Learned position embeddings (BERT, GPT-2): an `Embedding` of contextLength rows, added likewise.
 * - Rotary embeddings (RoPE, Su et al. 2021, "RoFormer"; Llama): q and k of each head are rotated
 *   by an angle proportional to the position, so q·k depends on the relative offset only. Layout
 *   as Hugging Face Llama: the head's first half pairs with its second half,
 *   rotate_half(x) = [−x₂, x₁], x' = x·cos + rotate_half(x)·sin, with angle pos·θ^(−2i/d)
 *   repeated over both halves. Frequencies and angles are rounded to float32 like PyTorch does,
 *   so tables match transformers' LlamaRotaryEmbedding at large positions too.
 *
 * Introduced in 3_Bert_transformers.ipynb (sinusoidal, learned) and 5_LLAMA_transformers.ipynb (RoPE).
 */
import * as tf from '@tensorflow/tfjs';
import { recordingGradients, useFusedKernels } from '../tf/ops';
import { checkNumber, shown } from '../validate';

/** The sinusoidal table (seqLen, dModel). Introduced in 3_Bert_transformers.ipynb. */
export function sinusoidalPositionalEncoding(seqLen: number, dModel: number, base = 10000): tf.Tensor2D {
  if (!Number.isInteger(seqLen) || seqLen < 1 || !Number.isInteger(dModel) || dModel < 2 || dModel % 2 !== 0) {
    throw new Error('sinusoidalPositionalEncoding: seqLen pozitif bir tam sayı, ' +
      'dModel 2 ya da daha büyük çift bir tam sayı olmalı, ' +
      `verilen: seqLen = ${shown(seqLen)}, dModel = ${shown(dModel)}.`);
  }
  checkNumber(base, 'sinusoidalPositionalEncoding: base', { min: 0, above: true });
  const pe = new Float32Array(seqLen * dModel);
  for (let pos = 0; pos < seqLen; pos++) {
    for (let i = 0; i < dModel / 2; i++) {
      const angle = pos / Math.pow(base, (2 * i) / dModel);
      pe[pos * dModel + 2 * i] = Math.sin(angle);
      pe[pos * dModel + 2 * i + 1] = Math.cos(angle);
    }
  }
  return tf.tensor2d(pe, [seqLen, dModel]); // (T, d)
}

/** cos and sin tables of RoPE for a run of positions: each (T, headDim). */
export interface Rotary {
  cos: tf.Tensor2D;
  sin: tf.Tensor2D;
}

/**
 * RoPE's inverse frequencies θ^(−2i/headDim), i = 0 … headDim/2 − 1, in float32 as
 * transformers computes them. Introduced in 5_LLAMA_transformers.ipynb.
 */
export function ropeInverseFrequencies(headDim: number, theta = 10000): Float32Array {
  if (!Number.isInteger(headDim) || headDim < 2 || headDim % 2 !== 0) {
    throw new Error(`RoPE: headDim 2 ya da daha büyük çift bir tam sayı olmalı, verilen: ${shown(headDim)}.`);
  }
  checkNumber(theta, 'RoPE: theta', { min: 1, above: true });
  return Float32Array.from({ length: headDim / 2 }, (_, i) => 1 / Math.fround(Math.pow(theta, Math.fround((2 * i) / headDim))));
}

/**
 * cos/sin tables (T, headDim) for positions start … start + T − 1, each angle repeated over both
 * halves of the head (Hugging Face layout). Introduced in 5_LLAMA_transformers.ipynb.
 */
export function rotaryTables(headDim: number, start: number, T: number, theta = 10000): Rotary {
  checkNumber(start, 'rotaryTables: start (first position)', { integer: true, min: 0 });
  checkNumber(T, 'rotaryTables: T (number of positions)', { integer: true, min: 1 });
  const inv = ropeInverseFrequencies(headDim, theta);
  const half = headDim / 2;
  const cos = new Float32Array(T * headDim);
  const sin = new Float32Array(T * headDim);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < half; i++) {
      const angle = Math.fround((start + t) * inv[i]);
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      cos[t * headDim + i] = c;
      cos[t * headDim + half + i] = c;
      sin[t * headDim + i] = s;
      sin[t * headDim + half + i] = s;
    }
  }
  return { cos: tf.tensor2d(cos, [T, headDim]), sin: tf.tensor2d(sin, [T, headDim]) };
}

/** [x₁, x₂] → [−x₂, x₁] over the last axis (halves). */
export function rotateHalf(x: tf.Tensor): tf.Tensor {
  if (x.shape[x.rank - 1] % 2 !== 0) {
    throw new Error(`rotateHalf: son eksenin genişliği çift olmalı (iki yarı), verilen: şekil [${x.shape}].`);
  }
  return tf.tidy(() => {
    const [x1, x2] = tf.split(x, 2, -1); // (..., hs/2) ×2
    return tf.concat([tf.neg(x2), x1], -1); // (..., hs)
  });
}

/** x·cos + rotate_half(x)·sin; x (B, n, T, hs), tables (T, hs). Introduced in 5_LLAMA_transformers.ipynb. */
export function applyRotary(x: tf.Tensor, rotary: Rotary): tf.Tensor {
  if (rotary?.cos == null || rotary.sin == null) throw new TypeError(`applyRotary: rotary, rotaryTables(headDim, ` +
    `start, T)'nin verdiği { cos, sin } tabloları olmalı, ` +
    `verilen: ${shown(rotary)}.`);
  const hs = x.shape[x.rank - 1];
  if (rotary.cos.shape[1] !== hs || rotary.cos.shape[0] !== x.shape[x.rank - 2]) {
    throw new Error(`applyRotary: tablolar (T, headDim) = (${x.shape[x.rank - 2]}, ${hs}) ` +
      `biçiminde olmalı (x [${x.shape}]), ` +
      `verilen: [${rotary.cos.shape}].`);
  }
  // Inference on the fast path: the same roundings in one loop instead of six tfjs ops (a decoding
  // step rotates q and k in every layer: 360 ops per SmolLM2 token).
  if (useFusedKernels() && !recordingGradients()) return rotatedValues(x, rotary);
  return tf.tidy(() => tf.add(tf.mul(x, rotary.cos), tf.mul(rotateHalf(x), rotary.sin))); // (B, n, T, hs)
}

/**
 * applyRotary's numbers computed in JavaScript: x·cos, rotate_half(x)·sin and their sum, each
 * rounded to float32 as tfjs's Mul and Add round them (a float32 product or sum computed in double
 * and rounded once is the correctly rounded float32 result), so bit-identical to the ops.
 */
function rotatedValues(x: tf.Tensor, rotary: Rotary): tf.Tensor {
  const v = x.dataSync() as Float32Array;
  const cos = rotary.cos.dataSync() as Float32Array;
  const sin = rotary.sin.dataSync() as Float32Array;
  const hs = x.shape[x.rank - 1];
  const T = x.shape[x.rank - 2];
  const half = hs / 2;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i += hs) {
    const row = ((i / hs) % T) * hs; // this vector's position in the tables
    for (let j = 0; j < hs; j++) {
      const rotated = j < half ? -v[i + j + half] : v[i + j - half]; // rotate_half: [−x₂, x₁]
      out[i + j] = Math.fround(v[i + j] * cos[row + j]) + Math.fround(rotated * sin[row + j]); // stored rounded
    }
  }
  return tf.tensor(out, x.shape, 'float32'); // (B, n, T, hs)
}
