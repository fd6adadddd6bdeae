/**
 * The KV cache of incremental decoding: each layer's keys and values of the tokens seen so far,
 * (B, nkv, Tpast, hs), so that generating one more token computes q, k, v for that token only
 * and attends over the cache. The logits equal a full forward pass over all tokens (tested).
 *
 * Tensors held here survive the caller's tf.tidy (they are kept); `dispose()` frees them.
 * Introduced in 4_gpt_transformers.ipynb (measured in 5_LLAMA_transformers.ipynb).
 */
import * as tf from '@tensorflow/tfjs';
import { checkNumber, shown } from '../validate';

export class KVCache {
  private readonly keys: Array<tf.Tensor | null>;
  private readonly values: Array<tf.Tensor | null>;

  constructor(readonly numLayers: number, readonly maxLength: number) {
    checkNumber(numLayers, 'KVCache: numLayers', { integer: true, min: 1 });
    checkNumber(maxLength, 'KVCache: maxLength', { integer: true, min: 1 });
    this.keys = new Array<tf.Tensor | null>(numLayers).fill(null);
    this.values = new Array<tf.Tensor | null>(numLayers).fill(null);
  }

  /** Tokens cached so far (the position of the next token). */
  get length(): number {
    return this.keys[0]?.shape[2] ?? 0;
  }

  /** Appends k, v (B, nkv, T, hs) to layer `layer`; returns everything cached (B, nkv, Tpast + T, hs). */
  append(layer: number, k: tf.Tensor, v: tf.Tensor): [tf.Tensor, tf.Tensor] {
    if (layer < 0 || layer >= this.numLayers) {
      throw new Error(`KVCache: layer [0, ${this.numLayers - 1}] aralığında olmalı, verilen: ${shown(layer)}.`);
    }
    const pastK = this.keys[layer];
    const pastV = this.values[layer];
    if (pastK != null && [0, 1, 3].some((axis) => pastK.shape[axis] !== k.shape[axis])) {
      throw new Error(`KVCache: ${layer}. katmandaki anahtarlar (batch, heads, tokens, headDim) = [${pastK.shape}], ` +
        `verilen yeni anahtarlar: [${k.shape}]. Yığın, dikkat başı sayısı ve baş boyutu aynı kalmalı; ` +
        'başka bir yığın ya da model için yeni bir model.newCache() kullanın.');
    }
    const allK = pastK == null ? tf.clone(k) : tf.concat([pastK, k], 2); // (B, nkv, Tk, hs)
    const allV = pastV == null ? tf.clone(v) : tf.concat([pastV, v], 2); // (B, nkv, Tk, hs)
    pastK?.dispose();
    pastV?.dispose();
    this.keys[layer] = tf.keep(allK);
    this.values[layer] = tf.keep(allV);
    return [allK, allV];
  }

  /** Frees the cached tensors; the cache is empty afterwards. */
  dispose(): void {
    for (const t of [...this.keys, ...this.values]) t?.dispose();
    this.keys.fill(null);
    this.values.fill(null);
  }
}

/**
 * The position of the first of T new tokens (cache.length, or 0 without a cache); one clear
 * error when the tokens would not fit in the model's context.
 */
export function firstPosition(model: string, cache: KVCache | null, T: number, contextLength: number): number {
  const start = cache?.length ?? 0;
  if (start + T > contextLength) {
    throw new Error(`${model}.forward: en çok contextLength = ${contextLength} belirteç alır, verilen: ` +
      `${start > 0 ? `önbellekte ${start} + ` : ''}${T} belirteç. ` +
        `En çok son ${contextLength - start} belirteci verin.`);
  }
  return start;
}
