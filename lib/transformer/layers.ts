/**
 * The two parameterised layers every transformer is made of — `Linear` (y = x·Wᵀ + b, PyTorch's
 * nn.Linear with its [out, in] weight layout, so a state dict loads as is) and `Embedding` (a
 * lookup table) — plus what models share about parameters: collecting them under PyTorch names,
 * loading them with name/shape checks, counting and disposing them.
 *
 * LoRA hook: every projection is a `Linear`, and `Linear.adapter` (null by default) is added to
 * its output: y = x·Wᵀ + b + adapter(x). lib/transformer/lora.ts sets it on the projections it
 * adapts without touching the model files.
 *
 * Introduced in 3_Bert_transformers.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import { linearProduct, linearProducts, recordingGradients } from '../tf/ops';
import { checkNumber, shown } from '../validate';

/** Anything holding tf.Variables under PyTorch-style dotted names. */
export interface HasParameters {
  namedParameters(): Map<string, tf.Variable>;
}

/** Adds `module`'s parameters to `into` as `prefix.name`. */
export function addParameters(into: Map<string, tf.Variable>, prefix: string, module: HasParameters): void {
  if (typeof module?.namedParameters !== 'function') throw new TypeError(`addParameters: module namedParameters() ` +
    `yöntemi olan bir katman olmalı (Linear, LayerNorm, blok…), ` +
      `verilen: ${shown(module)}.`);
  for (const [name, v] of module.namedParameters()) into.set(prefix === '' ? name : `${prefix}.${name}`, v);
}

let skipRandomInit = false;

/**
 * Builds a model without drawing random initial weights (zeros instead), for models whose
 * weights are loaded right after: drawing SmolLM2's 135 M normal values takes seconds.
 */
export function withoutRandomInit<M>(build: () => M): M {
  if (typeof build !== 'function') {
    throw new TypeError(`withoutRandomInit: build modeli kuran bir fonksiyon olmalı, verilen: ${shown(build)}. Örnek: ` +
      `() => new MiniLlama(config).`);
  }
  skipRandomInit = true;
  try {
    return build();
  } finally {
    skipRandomInit = false;
  }
}

/** A trainable float32 variable filled from N(0, std²) (seeded by lib/tf's setSeed). */
export function normalVariable(shape: number[], std: number): tf.Variable {
  if (skipRandomInit) return tf.tidy(() => tf.variable(tf.zeros(shape, 'float32')));
  return tf.tidy(() => tf.variable(tf.mul(tf.randomNormal(shape, 0, 1, 'float32'), std)));
}

/** A trainable float32 variable filled with `value`. */
export function constantVariable(shape: number[], value: number): tf.Variable {
  return tf.tidy(() => tf.variable(tf.fill(shape, value, 'float32')));
}

/**
 * y = x·Wᵀ + b over the last axis. x: (..., in), W: (out, in), b: (out) → (..., out).
 * One fused matmul (+ bias) kernel; introduced in 3_Bert_transformers.ipynb.
 */
export function linear(x: tf.Tensor, W: tf.Tensor, b?: tf.Tensor | null): tf.Tensor {
  if (!(x instanceof tf.Tensor) || !(W instanceof tf.Tensor)) {
    const what = (t: unknown) => (t instanceof tf.Tensor ? `a tensor [${t.shape}]` : shown(t));
    throw new TypeError(`linear: x (..., in) ve W (out, in) tensör olmalı, verilen: x = ${what(x)}, W = ${what(W)}.`);
  }
  const [out, inFeatures] = W.shape;
  if (b != null && (b.rank !== 1 || b.shape[0] !== out)) {
    throw new Error(`linear: yanlılık terimi b [${out}] (W'nin out boyutu) biçiminde olmalı, verilen: [${b.shape}].`);
  }
  if (W.rank !== 2) throw new Error(`linear: W (out, in) biçiminde olmalı, verilen: şekil [${W.shape}].`);
  if (x.shape[x.rank - 1] !== inFeatures) {
    throw new Error(`linear: x'in son ekseni W'nin in = ${inFeatures} boyutuna eşit olmalı, verilen: x [${x.shape}], ` +
      `W [${W.shape}].`);
  }
  return tf.tidy(() => {
    const x2 = x.rank === 2 ? x : tf.reshape(x, [-1, inFeatures]); // (N, in)
    const y = linearProduct(x2 as tf.Tensor2D, W as tf.Tensor2D, b); // (N, out): one fused matmul kernel
    return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), out]); // (..., out)
  });
}

export interface LinearOptions {
  /** Include a bias (default true). */
  bias?: boolean;
  /** Standard deviation of the normal initialisation (default 0.02, GPT-2/BERT/Llama's initializer_range). */
  std?: number;
}

/** nn.Linear: weight (out, in), bias (out). Introduced in 3_Bert_transformers.ipynb. */
export class Linear implements HasParameters {
  readonly weight: tf.Variable; // (out, in)
  readonly bias: tf.Variable | null; // (out)
  /** LoRA hook: when set, its output is added to the projection (see the file header). */
  adapter: ((x: tf.Tensor) => tf.Tensor) | null = null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions = {}) {
    checkNumber(inFeatures, 'Linear: inFeatures', { integer: true, min: 1 });
    checkNumber(outFeatures, 'Linear: outFeatures', { integer: true, min: 1 });
    if (options.std !== undefined) checkNumber(options.std, 'Linear: std', { min: 0 });
    this.weight = normalVariable([outFeatures, inFeatures], options.std ?? 0.02);
    this.bias = options.bias === false ? null : constantVariable([outFeatures], 0);
  }

  /** x (..., in) → (..., out) */
  forward(x: tf.Tensor): tf.Tensor {
    const y = linear(x, this.weight, this.bias); // (..., out)
    return this.adapter == null ? y : tf.tidy(() => tf.add(y, this.adapter!(x)));
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>([['weight', this.weight]]);
    if (this.bias != null) m.set('bias', this.bias);
    return m;
  }
}

/**
 * The outputs of several Linear layers that read the same x (attention's q, k, v; SwiGLU's gate and
 * up): [layer.forward(x) for each layer]. At inference, without biases or LoRA adapters, they are computed together
 * (linearProducts: in decoding, one kernel call and one hand-off to lib/tf's threads for all of
 * them), with the same numbers. Introduced in 5_LLAMA_transformers.ipynb (MiniLlama's layers).
 */
export function linearOutputs(x: tf.Tensor, layers: Linear[]): tf.Tensor[] {
  // Inference only: while gradients are recorded each layer runs its own op, as it always did.
  const together = x instanceof tf.Tensor && x.rank >= 2 && layers.length > 1 && !recordingGradients() &&
    layers.every((l) => l.bias == null && l.adapter == null && l.inFeatures === x.shape[x.rank - 1]);
  if (!together) return layers.map((l) => l.forward(x));
  return tf.tidy(() => {
    const inFeatures = x.shape[x.rank - 1];
    const x2 = (x.rank === 2 ? x : tf.reshape(x, [-1, inFeatures])) as tf.Tensor2D; // (N, in)
    const ys = linearProducts(x2, layers.map((l) => l.weight as tf.Tensor2D)); // [(N, out_i)]
    return x.rank === 2 ? ys : ys.map((y, i) => tf.reshape(y, [...x.shape.slice(0, -1), layers[i].outFeatures])); // [(..., out_i)]
  });
}

/**
 * nn.Embedding: weight (num, dim); forward(ids (B, T) int32) → (B, T, dim). Introduced in 3_Bert_transformers.ipynb.
 */
export class Embedding implements HasParameters {
  readonly weight: tf.Variable; // (num, dim)

  constructor(readonly num: number, readonly dim: number, std = 0.02) {
    checkNumber(num, 'Embedding: num', { integer: true, min: 1 });
    checkNumber(dim, 'Embedding: dim', { integer: true, min: 1 });
    checkNumber(std, 'Embedding: std', { min: 0 });
    this.weight = normalVariable([num, dim], std);
  }

  /** ids (...) int32, already checked by checkIds → (..., dim) */
  forward(ids: tf.Tensor): tf.Tensor {
    return tf.gather(this.weight, ids);
  }

  namedParameters(): Map<string, tf.Variable> {
    return new Map([['weight', this.weight]]);
  }
}

/** Dropout with rate `rate` while training, identity otherwise. */
export function dropout(x: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  return training && rate > 0 ? tf.dropout(x, rate) : x;
}

/** Token ids as given by a notebook: a tensor or nested arrays of shape (B, T). */
export type Ids = tf.Tensor | number[][];

/**
 * Token ids as an int32 (B, T) tensor after checking rank, integrality and range
 * [0, limit): one clear error naming `what` otherwise. Always returns a new tensor (dispose it).
 */
export function checkIds(ids: Ids, limit: number, what: string, limitName: string): tf.Tensor2D {
  const shape = `(batchSize, seqLen) of integers in [0, ${limit - 1}] (${limitName} = ${limit})`;
  if (ids == null || (!(ids instanceof tf.Tensor) && !Array.isArray(ids))) {
    throw new TypeError(`${what} ${shape} biçiminde bir tensör ya da iç içe dizi olmalı, verilen: ${shown(ids)}.`);
  }
  let t: tf.Tensor;
  try {
    t = ids instanceof tf.Tensor ? ids : tf.tensor(ids as number[][]);
  } catch {
    throw new Error(`${what} ${shape} biçiminde, her satırı aynı uzunlukta bir iç içe dizi olmalı, verilen: ` +
      `${shown(ids)}.`);
  }
  try {
    if (t.rank === 2 && t.shape[1] === 0) {
      throw new Error(`${what} hiç belirteç içermiyor, verilen: şekil [${t.shape}]. ` +
        `Her satıra en az bir belirteç numarası verin.`);
    }
    if (t.rank !== 2) {
      throw new Error(`${what} (batchSize, seqLen) biçiminde olmalı, verilen: rank ${t.rank} [${t.shape}]. ` +
        'Tek diziyi [[...ids]] diye sarın ya da tf.expandDims(ids, 0) kullanın.');
    }
    const width = t.shape[1] as number;
    const values = t.dataSync();
    for (let i = 0; i < values.length; i++) {
      const id = values[i];
      if (!Number.isInteger(id) || id < 0 || id >= limit) {
        throw new Error(`${what}[${Math.floor(i / width)}][${i % width}] geçersiz, verilen: ${shown(id)}. ` +
          `Numaralar [0, ${limit - 1}] ` +
          `aralığında tam sayı olmalı (${limitName} = ${limit}).`);
      }
    }
    return (t.dtype === 'int32' ? tf.clone(t) : tf.cast(t, 'int32')) as tf.Tensor2D;
  } finally {
    if (t !== ids) t.dispose();
  }
}

/** Whether every value is finite (a plain loop: a NaN in a checkpoint is found in ~1 ns per value). */
function allFinite(values: ArrayLike<number | string>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/**
 * Loads `named` into `params` (a model's namedParameters()): every name must exist, every shape
 * match, and every parameter be given, else one error listing what is missing, extra or mis-shaped.
 * Values are copied; the caller keeps ownership of the tensors it passed.
 */
export function loadParameters(model: string, params: Map<string, tf.Variable>,
                               named: Record<string, tf.Tensor | Float32Array>, options: { allowMissing?: boolean } = {}): void {
  if (named == null || typeof named !== 'object') {
    throw new TypeError(`${model}.setWeights: named {ad: tensör} biçiminde bir nesne olmalı, verilen: ${shown(named)}.`);
  }
  const problems: string[] = [];
  for (const [name, value] of Object.entries(named)) {
    const v = params.get(name);
    if (v == null) {
      problems.push(`bilinmeyen tensör "${name}"`);
      continue;
    }
    const size = v.shape.reduce((a, b) => a * b, 1);
    if (value instanceof tf.Tensor) {
      if (value.shape.length !== v.shape.length || value.shape.some((d, i) => d !== v.shape[i])) {
        problems.push(`"${name}" [${v.shape}] biçiminde olmalı, verilen: [${value.shape}]`);
      } else if (!allFinite(value.dataSync())) {
        problems.push(`"${name}" NaN ya da Infinity içeriyor`);
      }
    } else if (!(value instanceof Float32Array) || value.length !== size) {
      problems.push(`"${name}" ${size} = [${v.shape}] değerlik bir Float32Array olmalı, ` +
        `verilen: ${shown((value as { length?: unknown })?.length)} değer`);
    } else if (!allFinite(value)) {
      problems.push(`"${name}" NaN ya da Infinity içeriyor`);
    }
  }
  if (!options.allowMissing) {
    const missing = [...params.keys()].filter((n) => !(n in named));
    if (missing.length > 0) problems.push(`${missing.length} tensör eksik: ` +
      `${missing.slice(0, 5).map((n) => `"${n}"`).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, 5).map((p) => (p.length > 120 ? `${p.slice(0, 119)}…` : p));
    if (problems.length > 5) listed.push(`ve ${problems.length - 5} sorun daha`);
    throw new Error(`${model}.setWeights: ${listed.join('; ')}. Adları ve şekilleri namedParameters() verir ` +
      '(PyTorch düzeni: Linear ağırlıkları [out, in]).');
  }
  for (const [name, value] of Object.entries(named)) {
    const v = params.get(name)!;
    tf.tidy(() => v.assign(value instanceof tf.Tensor ? tf.cast(value, 'float32') : tf.tensor(value, v.shape, 'float32')));
  }
}

/** Frees every variable of a model. */
export function disposeParameters(params: Map<string, tf.Variable>): void {
  for (const v of new Set(params.values())) v.dispose();
}

/** Checks a positive-integer configuration field. */
export function checkPositiveInt(model: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${model}: ${name} pozitif bir tam sayı olmalı, verilen: ${shown(value)}.`);
  }
}

/** Checks that a model's configuration is an object (not null, a number or a string). */
export function checkConfigObject(model: string, config: unknown): void {
  if (config == null || typeof config !== 'object') throw new TypeError(`${model}: config { vocabSize, ` +
    `contextLength, numLayers, numHeads, dModel } gibi bir nesne olmalı, ` +
      `verilen: ${shown(config)}.`);
}

/** `config` over `defaults`, where a field given as undefined keeps its default. */
export function withDefaults<C extends object, D extends Partial<C>>(config: C, defaults: D): C & D {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(config)) if (v !== undefined) out[k] = v;
  return out as C & D;
}
