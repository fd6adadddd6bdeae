/**
 * Normalisation of each token's vector over its features.
 *
 * - LayerNorm (Ba et al. 2016): (x − mean) / √(var + ε) · γ + β — BERT (after each sub-layer,
 *   "post-norm") and GPT-2 (before, "pre-norm", plus one at the end).
 * - RMSNorm (Zhang & Sennrich 2019): x / √(mean(x²) + ε) · γ — no centring, no bias; Llama,
 *   pre-norm. Same formula as transformers' LlamaRMSNorm.
 *
 * Introduced in 3_Bert_transformers.ipynb (LayerNorm) and 5_LLAMA_transformers.ipynb (RMSNorm).
 */
import * as tf from '@tensorflow/tfjs';
import { checkPositiveInt, constantVariable, HasParameters } from './layers';
import { fusedLayerNorm, recordingGradients, useFusedKernels } from '../tf/ops';
import { checkNumber } from '../validate';

/** The checks layerNorm and rmsNorm share: γ (and β) of the width d, ε > 0. */
function checkNorm(fn: string, x: tf.Tensor, params: Array<[string, tf.Tensor | null]>, eps: number): void {
  const d = x.shape[x.rank - 1];
  for (const [name, p] of params) {
    if (p != null && (p.rank !== 1 || p.shape[0] !== d)) {
      throw new Error(`${fn}: ${name} [${d}] (x'in son ekseni) biçiminde olmalı, verilen: [${p.shape}].`);
    }
  }
  checkNumber(eps, `${fn}: eps`, { min: 0, above: true });
}

/**
 * LayerNorm over the last axis: x (..., d), gamma/beta (d). Introduced in 3_Bert_transformers.ipynb.
 *
 *   mean, variance = moments(x) over d;  y = (x − mean) / √(variance + ε) · γ + β
 *
 * On the fast path one op on lib/tf's kernels (fusedLayerNorm: one pass forward, one backward); on
 * the readable path (setFused(false)) the tfjs composition below. Equal values and gradients
 * (lib/transformer/readable_path.test.ts, lib/tf/transformer_ops.test.ts).
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor | null, eps = 1e-5): tf.Tensor {
  checkNorm('layerNorm', x, [['gamma', gamma], ['beta', beta]], eps);
  const useFused = useFusedKernels();
  if (useFused) return fusedLayerNorm(x, gamma, beta, eps); // (..., d)
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true); // (..., 1) ×2
    const y = tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gamma); // (..., d)
    return beta == null ? y : tf.add(y, beta); // (..., d)
  });
}

/** RMSNorm over the last axis: x (..., d), gamma (d). Introduced in 5_LLAMA_transformers.ipynb. */
export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor, eps = 1e-6): tf.Tensor {
  checkNorm('rmsNorm', x, [['gamma', gamma]], eps);
  if (useFusedKernels() && !recordingGradients() && tf.getBackend() === 'wasm') return rmsNormValues(x, gamma, eps);
  return tf.tidy(() => {
    const ms = tf.mean(tf.square(x), -1, true); // (..., 1)
    return tf.mul(tf.mul(x, tf.rsqrt(tf.add(ms, eps))), gamma); // (..., d)
  });
}

/**
 * rmsNorm's numbers computed in JavaScript at inference on the wasm backend (one loop instead of six
 * tfjs ops per call, 61 calls per SmolLM2 token), with the roundings of tfjs-backend-wasm's kernels: x² in float32, the
 * mean as a float32 running sum in order divided by d, ε rounded to float32 and added, 1/√ of it
 * (square root, then division, each rounded), x·that, ·γ. Bit-identical to the ops
 * (lib/transformer/inference_identity.test.ts).
 */
function rmsNormValues(x: tf.Tensor, gamma: tf.Tensor, eps: number): tf.Tensor {
  const v = x.dataSync() as Float32Array;
  const g = gamma.dataSync() as Float32Array;
  const d = x.shape[x.rank - 1];
  const eps32 = Math.fround(eps);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i += d) {
    let sum = 0;
    for (let j = 0; j < d; j++) sum = Math.fround(sum + Math.fround(v[i + j] * v[i + j]));
    const ms = Math.fround(sum / d); // (× a rounded 1/d instead changes SmolLM2's logits: tested)
    const r = Math.fround(1 / Math.fround(Math.sqrt(Math.fround(ms + eps32))));
    for (let j = 0; j < d; j++) out[i + j] = Math.fround(v[i + j] * r) * g[j]; // stored rounded
  }
  return tf.tensor(out, x.shape, 'float32'); // (..., d)
}

/** nn.LayerNorm(d): `weight` (γ, ones) and `bias` (β, zeros). Introduced in 3_Bert_transformers.ipynb. */
export class LayerNorm implements HasParameters {
  readonly weight: tf.Variable; // (d)
  readonly bias: tf.Variable | null; // (d)

  constructor(readonly dim: number, readonly eps = 1e-5, bias = true) {
    checkPositiveInt('LayerNorm', 'dim', dim);
    checkNumber(eps, 'LayerNorm: eps', { min: 0, above: true });
    this.weight = constantVariable([dim], 1);
    this.bias = bias ? constantVariable([dim], 0) : null;
  }

  /** x (..., d) → (..., d) */
  forward(x: tf.Tensor): tf.Tensor {
    return layerNorm(x, this.weight, this.bias, this.eps);
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>([['weight', this.weight]]);
    if (this.bias != null) m.set('bias', this.bias);
    return m;
  }
}

/** LlamaRMSNorm(d): `weight` (γ, ones). Introduced in 5_LLAMA_transformers.ipynb. */
export class RMSNorm implements HasParameters {
  readonly weight: tf.Variable; // (d)

  constructor(readonly dim: number, readonly eps = 1e-6) {
    checkPositiveInt('RMSNorm', 'dim', dim);
    checkNumber(eps, 'RMSNorm: eps', { min: 0, above: true });
    this.weight = constantVariable([dim], 1);
  }

  /** x (..., d) → (..., d) */
  forward(x: tf.Tensor): tf.Tensor {
    return rmsNorm(x, this.weight, this.eps);
  }

  namedParameters(): Map<string, tf.Variable> {
    return new Map([['weight', this.weight]]);
  }
}
