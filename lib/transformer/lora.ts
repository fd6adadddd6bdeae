/**
 * LoRA, low-rank adaptation (Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large Language Models",
 * arXiv:2106.09685): the pretrained weight W (out, in) stays frozen and each adapted projection
 * learns a low-rank update ΔW = (α / r)·B·A with A (r, in) and B (out, r):
 *
 *   y = x·Wᵀ + (α / r)·(x·Aᵀ)·Bᵀ
 *
 * A starts small and random, B at zero, so training starts from the base model exactly (§4.1 of
 * the paper). Trainable parameters per adapted matrix: r·(in + out) instead of in·out. After
 * training, `merge()` folds ΔW into W: the merged model computes the same outputs with no extra work.
 *
 * Adapters hang on `Linear.adapter` (lib/transformer/layers.ts), so no model file changes: the
 * projections are found by walking the model's objects and named by their weight's name in
 * `namedParameters()` (e.g. `model.layers.0.self_attn.q_proj`).
 * Introduced in 5_LLAMA_transformers.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import { Linear, type HasParameters } from './layers';
import { shown } from '../validate';

/** Options of `addLora`. */
export interface LoraOptions {
  /** Rank r of the update (default 8). */
  r?: number;
  /** Scaling α; the update is multiplied by α / r (default 2·r, so the scale is 2). */
  alpha?: number;
  /** Which projections to adapt, matched against their names (default q_proj and v_proj, the paper's choice). */
  targets?: RegExp;
  /** Standard deviation of A's normal initialisation (default 0.02). */
  std?: number;
}

/** One adapted projection: the frozen Linear and its two low-rank factors. */
export interface LoraAdapter {
  name: string;
  linear: Linear;
  A: tf.Variable; // (r, in)
  B: tf.Variable; // (out, r)
  scale: number; // α / r
}

/** What `addLora` returns: the adapters, their trainable variables, and merge / remove. */
export interface LoraModel {
  adapters: LoraAdapter[];
  /** A and B of every adapter: the only variables an optimizer should update. */
  trainableVariables(): tf.Variable[];
  /** Number of trainable LoRA parameters, Σ r·(in + out). */
  numTrainable(): number;
  /** Folds each update into its weight (W ← W + (α/r)·B·A) and removes the adapters. */
  merge(): void;
  /** Removes the adapters (W unchanged) and frees A and B. */
  remove(): void;
}

/** Every Linear reachable from `root` through object properties and arrays, each once. */
function findLinears(root: object): Linear[] {
  const found: Linear[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value) || value instanceof tf.Tensor) return;
    seen.add(value);
    if (value instanceof Linear) {
      found.push(value);
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child);
  };
  visit(root);
  return found;
}

/** The LoRA update of one projection as a function of x (..., in) → (..., out). */
function adapterForward(A: tf.Variable, B: tf.Variable, scale: number, inFeatures: number): (x: tf.Tensor) => tf.Tensor {
  return (x) => tf.tidy(() => {
    const x2 = tf.reshape(x, [-1, inFeatures]); // (N, in)
    const down = tf.matMul(x2, A, false, true); // (N, r)
    const up = tf.matMul(down, B, false, true); // (N, out)
    return tf.reshape(tf.mul(up, scale), [...x.shape.slice(0, -1), B.shape[0]]); // (..., out)
  });
}

/**
 * Puts a LoRA adapter on every projection of `model` whose name matches `options.targets`.
 * Throws when nothing matches (naming the projections there are) or a projection already has one.
 */
export function addLora(model: HasParameters, options: LoraOptions = {}): LoraModel {
  const r = options.r ?? 8;
  const alpha = options.alpha ?? 2 * r;
  const targets = options.targets ?? /(q_proj|v_proj)$/;
  if (!Number.isInteger(r) || r < 1) throw new Error(`addLora: r pozitif bir tam sayı olmalı, verilen: ${shown(r)}.`);
  const weightNames = new Map<tf.Variable, string>();
  for (const [name, v] of model.namedParameters()) weightNames.set(v, name.replace(/\.weight$/, ''));
  const linears = findLinears(model).filter((l) => weightNames.has(l.weight));
  const chosen = linears.filter((l) => targets.test(weightNames.get(l.weight)!));
  if (chosen.length === 0) {
    const names = linears.map((l) => weightNames.get(l.weight)!);
    throw new Error(`addLora: hiçbir izdüşüm targets ile eşleşmiyor, verilen: ${targets}. Modeldekiler: ` +
      `${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}.`);
  }
  for (const linear of chosen) { // every check before any adapter is attached
    const name = weightNames.get(linear.weight)!;
    if (linear.adapter != null) {
      throw new Error(`addLora: ${name} katmanında zaten bir bağdaştırıcı var; önce remove() ya da merge() çağırın.`);
    }
    if (r > Math.min(linear.inFeatures, linear.outFeatures)) throw new Error(`addLora: r, ` +
      `${name} katmanının küçük boyutunu ` +
      `(${Math.min(linear.inFeatures, linear.outFeatures)}) aşamaz, verilen: r = ${shown(r)}.`);
  }
  const adapters = chosen.map((linear): LoraAdapter => {
    const name = weightNames.get(linear.weight)!;
    const std = options.std ?? 0.02;
    const A = tf.tidy(() => tf.variable(tf.mul(tf.randomNormal([r, linear.inFeatures]), std))); // (r, in)
    const B = tf.variable(tf.zeros([linear.outFeatures, r])); // (out, r): ΔW = 0 at the start
    const scale = alpha / r;
    linear.adapter = adapterForward(A, B, scale, linear.inFeatures);
    return { name, linear, A, B, scale };
  });

  const detach = () => {
    for (const a of adapters) {
      a.linear.adapter = null;
      a.A.dispose();
      a.B.dispose();
    }
    adapters.length = 0;
  };
  return {
    adapters,
    trainableVariables: () => adapters.flatMap((a) => [a.A, a.B]),
    numTrainable: () => adapters.reduce((s, a) => s + a.A.size + a.B.size, 0),
    merge() {
      for (const a of adapters) {
        tf.tidy(() => a.linear.weight.assign(tf.add(a.linear.weight, tf.mul(tf.matMul(a.B, a.A), a.scale)))); // (out, in)
      }
      detach();
    },
    remove: detach,
  };
}

/** Trainable parameters of LoRA on matrices of the given [out, in] shapes at rank r: Σ r·(in + out). */
export function loraParameterFormula(shapes: ReadonlyArray<readonly [number, number]>, r: number): number {
  return shapes.reduce((s, [out, inFeatures]) => s + r * (out + inFeatures), 0);
}
