/**
 * Attention (Vaswani et al. 2017, "Attention Is All You Need", §3.2): scaled dot-product
 * attention, the additive masks that hide padding and the future, and multi-head attention with
 * grouped-query attention (Ainslie et al. 2023, GQA: `numKvHeads` < `numHeads` key/value heads,
 * each shared by numHeads / numKvHeads query heads; numKvHeads = 1 is multi-query attention,
 * Shazeer 2019).
 *
 *   softmax(Q·Kᵀ / √d_k + mask) · V
 *
 * Masks are additive: 0 where a query may look, MASKED (−1e9) where it may not, so that after
 * the softmax the masked weights are exactly 0 (exp(−1e9) underflows to 0 in float32). A row
 * that is masked everywhere gets uniform weights rather than NaN.
 *
 * Introduced in 3_Bert_transformers.ipynb (causal masks and GQA in 4_gpt_transformers.ipynb and
 * 5_LLAMA_transformers.ipynb).
 */
import * as tf from '@tensorflow/tfjs';
import { KVCache } from './kv_cache';
import { addParameters, HasParameters, Linear, linearOutputs } from './layers';
import { applyRotary, Rotary } from './positions';
import { checkNumber, shown } from '../validate';

/** The additive value that hides a position. */
export const MASKED = -1e9;

export type AttentionResult = {
  /** (..., Tq, dv) */
  output: tf.Tensor;
  /** softmax weights (..., Tq, Tk): row i says how much query i reads from each key. */
  weights: tf.Tensor;
};

/**
 * softmax(q·kᵀ/√d + mask)·v. q: (..., Tq, d), k: (..., Tk, d), v: (..., Tk, dv); mask additive,
 * broadcastable to (..., Tq, Tk) (causalMask, paddingMask or their sum). Rank-4 k and v may have
 * fewer heads than q, a divisor of q's (grouped-query attention). Returns the output and the
 * attention weights. Introduced in 3_Bert_transformers.ipynb.
 */
export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor | null): AttentionResult {
  checkAttentionInputs(q, k, v, mask); // here, at the notebook-facing call; the layers call attend() directly
  return attend(q, k, v, mask);
}

/**
 * softmax(q·kᵀ/√d + mask)·v without checks: the per-layer path. Rank-4 k and v may have fewer heads
 * than q (GQA: q (B, nh, Tq, d), k and v (B, nkv, Tk, d) with nkv dividing nh, query head h reading kv
 * head ⌊h / (nh/nkv)⌋). `dropout` drops attention weights before they multiply v (training); the
 * returned weights are the softmax's.
 */
function attend(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor | null, dropout = 0): AttentionResult {
  const d = q.shape[q.rank - 1];
  const [B, nh, nkv] = [q.shape[0], q.shape[1] as number, k.shape[1] as number]; // batch and heads when rank 4
  const grouped = q.rank === 4 && nkv !== nh;
  return tf.tidy(() => {
    // GQA without copying k and v: the query heads that share a kv head are stacked as extra query
    // rows, (B, nh, Tq, d) → (B, nkv, groups·Tq, d), a reshape since head h = kv·groups + g.
    const [Tq, Tk] = [q.shape[q.rank - 2], k.shape[k.rank - 2]];
    const byKvHead = (t: tf.Tensor, cols: number) => (grouped ? tf.reshape(t, [B, nkv, (nh / nkv) * Tq, cols]) : t);
    const byHead = (t: tf.Tensor, cols: number) => (grouped ? tf.reshape(t, [B, nh, Tq, cols]) : t);
    let scores = byHead(tf.mul(tf.matMul(byKvHead(q, d), k, false, true), 1 / Math.sqrt(d)), Tk); // (..., Tq, Tk)
    if (mask != null) scores = tf.add(scores, mask); // (..., Tq, Tk)
    const weights = tf.softmax(scores); // (..., Tq, Tk)
    const kept = dropout > 0 ? tf.dropout(weights, dropout) : weights; // (..., Tq, Tk)
    const output = byHead(tf.matMul(byKvHead(kept, Tk), v), v.shape[v.rank - 1]); // (..., Tq, dv)
    return { output, weights };
  });
}

/** What scaledDotProductAttention accepts: tensors of matching shapes, finite values, a mask that broadcasts. */
function checkAttentionInputs(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor | null): void {
  const fn = 'scaledDotProductAttention';
  const given: Array<[string, unknown]> = [['q', q], ['k', k], ['v', v]];
  if (mask != null) given.push(['mask', mask]);
  for (const [name, t] of given) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${fn}: ${name} bir tensör olmalı, verilen: ${shown(t)}.`);
  }
  const shapes = `q [${q.shape}], k [${k.shape}], v [${v.shape}]`;
  if (q.rank < 2 || k.rank !== q.rank || v.rank !== q.rank) {
    throw new Error(`${fn}: q, k, v aynı ranka (≥ 2) sahip olmalı, verilen: ${shapes}. Örnek: (B, nh, T, d) ` +
      `biçiminde üç tensör.`);
  }
  if (k.shape[k.rank - 1] !== q.shape[q.rank - 1]) {
    throw new Error(`${fn}: q ile k'nin son ekseni (d) aynı olmalı, verilen: ${shapes}.`);
  }
  if (k.shape[k.rank - 2] !== v.shape[v.rank - 2]) {
    throw new Error(`${fn}: k ile v'de anahtar sayısı aynı olmalı, verilen: ${shapes}.`);
  }
  const [nh, nkv] = [q.shape[1] as number, k.shape[1] as number];
  if (q.rank === 4 && nkv !== nh && (v.shape[1] !== nkv || nh % nkv !== 0)) {
    throw new Error(`${fn}: k ile v'nin dikkat başı sayıları eşit olmalı ve q'nun ${nh} dikkat başını bölmeli ` +
      '(gruplu sorgu dikkati), ' +
      `verilen: ${shapes}.`);
  }
  if (mask != null) {
    const scores = [...q.shape.slice(0, -1), k.shape[k.rank - 2]]; // (..., Tq, Tk)
    const fits = mask.rank <= scores.length && mask.shape.every((d, i) => d === 1 || d === scores[scores.length - mask.rank + i]);
    if (!fits) {
      throw new Error(`${fn}: mask skorlara (..., Tq, Tk) = [${scores}] yayınlanabilmeli, verilen: ` +
        `mask [${mask.shape}]. ` +
        'causalMask(Tq, Tk) ya da paddingMask(attentionMask) kullanın.');
    }
  }
  for (const [name, t] of given.slice(0, 3)) {
    if (tf.tidy(() => tf.any(tf.logicalNot(tf.isFinite(t as tf.Tensor))).dataSync()[0])) {
      throw new RangeError(`${fn}: ${name} NaN ya da Infinity içeriyor (verilen: ` +
        `şekli [${(t as tf.Tensor).shape}] olan bir tensör); ` +
        'onu üreten adımı kontrol edin.');
    }
  }
}

/**
 * The look-ahead mask: (Tq, Tk) with 0 on and below the diagonal and MASKED above it. With
 * Tk > Tq (incremental decoding with a KV cache) the queries are the last Tq positions, so query
 * i sees keys 0 … Tk − Tq + i. Introduced in 4_gpt_transformers.ipynb.
 */
export function causalMask(Tq: number, Tk = Tq): tf.Tensor2D {
  checkNumber(Tq, 'causalMask: Tq', { integer: true, min: 1 });
  checkNumber(Tk, 'causalMask: Tk', { integer: true, min: 1 });
  if (Tk < Tq) {
    throw new Error(`causalMask: Tk, Tq'dan küçük olamaz, verilen: Tq = ${shown(Tq)}, Tk = ${shown(Tk)}. ` +
      `Tk ≥ Tq verin (önbellekle Tk = önceki + yeni).`);
  }
  const data = new Float32Array(Tq * Tk);
  for (let i = 0; i < Tq; i++) for (let j = Tk - Tq + i + 1; j < Tk; j++) data[i * Tk + j] = MASKED;
  return tf.tensor2d(data, [Tq, Tk]);
}

/**
 * The padding mask from an attention mask (B, T) of 1 = token, 0 = padding (Hugging Face's
 * `attention_mask`): (B, 1, 1, T) with MASKED on padding keys, broadcasting over heads and
 * queries. Introduced in 3_Bert_transformers.ipynb.
 */
export function paddingMask(attentionMask: tf.Tensor | number[][]): tf.Tensor4D {
  const wanted = '1 (belirteç) ve 0 (dolgu) değerlerinden oluşan (batchSize, seqLen) ' +
    'biçiminde bir tensör ya da iç içe dizi';
  if (!(attentionMask instanceof tf.Tensor) && !(Array.isArray(attentionMask) && attentionMask.every(Array.isArray))) {
    throw new TypeError(`paddingMask: attentionMask ${wanted} olmalı, verilen: ${shown(attentionMask)}.`);
  }
  return tf.tidy(() => {
    let m: tf.Tensor;
    try {
      m = attentionMask instanceof tf.Tensor ? attentionMask : tf.tensor2d(attentionMask);
    } catch {
      throw new Error(`paddingMask: attentionMask satırları eşit uzunlukta, ${wanted} olmalı, verilen: ` +
        `${shown(attentionMask)}.`);
    }
    if (m.rank !== 2) {
      throw new Error(`paddingMask: attentionMask (batchSize, seqLen) biçiminde olmalı, verilen: şekil [${m.shape}]. ` +
        `Tek dizi için [[1, 1, 0]] yazın.`);
    }
    const bad = Array.from(m.dataSync() as ArrayLike<number>).find((x) => x !== 0 && x !== 1);
    if (bad !== undefined) {
      throw new RangeError(`paddingMask: attentionMask yalnız 1 (belirteç) ve 0 (dolgu) içerebilir, verilen: ` +
        `${shown(bad)}.`);
    }
    const [B, T] = m.shape;
    const keep = tf.cast(m, 'float32'); // (B, T)
    return tf.reshape(tf.mul(tf.sub(1, keep), MASKED), [B, 1, 1, T]) as tf.Tensor4D; // (B, 1, 1, T)
  });
}

/** (B, T, n·hs) → (B, n, T, hs) */
export function splitHeads(x: tf.Tensor, n: number): tf.Tensor {
  if (!(x instanceof tf.Tensor) || x.rank !== 3) {
    throw new Error(`splitHeads: x (B, T, n·hs) biçiminde bir tensör olmalı, verilen: ` +
      `${x instanceof tf.Tensor ? `şekil [${x.shape}]` : shown(x)}.`);
  }
  const [B, T, C] = x.shape;
  if (!Number.isInteger(n) || n < 1 || C % n !== 0) {
    throw new Error(`splitHeads: dikkat başı sayısı n, genişlik ${C}'yi bölen pozitif bir tam sayı olmalı, verilen: ` +
      `n = ${shown(n)}.`);
  }
  // One token (a decoding step): the transpose would move nothing, so a reshape says it with one op.
  if (T === 1) return tf.reshape(x, [B, n, 1, C / n]); // (B, n, 1, hs)
  return tf.transpose(tf.reshape(x, [B, T, n, C / n]), [0, 2, 1, 3]); // (B, n, T, hs)
}

/** (B, n, T, hs) → (B, T, n·hs) */
export function mergeHeads(x: tf.Tensor): tf.Tensor {
  if (!(x instanceof tf.Tensor) || x.rank !== 4) {
    throw new Error(`mergeHeads: x (B, n, T, hs) biçiminde bir tensör olmalı, verilen: ` +
      `${x instanceof tf.Tensor ? `şekil [${x.shape}]` : shown(x)}.`);
  }
  const [B, n, T, hs] = x.shape;
  if (T === 1) return tf.reshape(x, [B, 1, n * hs]); // one token: the same order without a transpose
  return tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [B, T, n * hs]); // (B, T, C)
}

/**
 * Shares each of nkv key/value heads with `groups` query heads (Hugging Face's repeat_kv):
 * (B, nkv, T, hs) → (B, nkv·groups, T, hs), query head h reading kv head ⌊h / groups⌋. The form
 * the GQA papers and Hugging Face write; attention here gets the same result without the copies
 * (attend stacks the query heads that share a kv head), and the tests compare the two.
 */
export function repeatKvHeads(x: tf.Tensor, groups: number): tf.Tensor {
  checkNumber(groups, 'repeatKvHeads: groups', { integer: true, min: 1 });
  if (x.rank !== 4) throw new Error(`repeatKvHeads: x (B, nkv, T, hs) biçiminde olmalı, verilen: şekil [${x.shape}].`);
  if (groups === 1) return x;
  const [B, nkv, T, hs] = x.shape;
  // Tile over a rank-4 view: tfjs has no gradient for rank-5 tile.
  const rows = tf.reshape(x, [B, nkv, 1, T * hs]); // (B, nkv, 1, T·hs)
  return tf.reshape(tf.tile(rows, [1, 1, groups, 1]), [B, nkv * groups, T, hs]); // (B, nh, T, hs)
}

/** Checks numHeads / numKvHeads against the model width; returns the head size. */
export function checkHeads(model: string, dModel: number, numHeads: number, numKvHeads: number, headDim?: number): number {
  if (!Number.isInteger(dModel) || dModel < 1) {
    throw new Error(`${model}: dModel pozitif bir tam sayı olmalı, verilen: ${shown(dModel)}.`);
  }
  if (headDim != null && (!Number.isInteger(headDim) || headDim < 1)) {
    throw new Error(`${model}: headDim pozitif bir tam sayı olmalı, verilen: ${shown(headDim)}.`);
  }
  if (!Number.isInteger(numHeads) || numHeads < 1) {
    throw new Error(`${model}: numHeads pozitif bir tam sayı olmalı, verilen: ${shown(numHeads)}.`);
  }
  if (headDim == null && dModel % numHeads !== 0) {
    const divisors = Array.from({ length: dModel }, (_, i) => i + 1).filter((d) => dModel % d === 0 && d <= 64);
    throw new Error(`${model}: numHeads dModel = ${dModel}'i bölmeli, verilen: numHeads = ${shown(numHeads)}. ` +
      `Şunlardan birini kullanın: ${divisors.join(', ')}.`);
  }
  if (!Number.isInteger(numKvHeads) || numKvHeads < 1 || numHeads % numKvHeads !== 0) {
    const divisors = Array.from({ length: numHeads }, (_, i) => i + 1).filter((d) => numHeads % d === 0);
    throw new Error(`${model}: numKvHeads numHeads = ${numHeads}'i bölmeli, verilen: ` +
      `numKvHeads = ${shown(numKvHeads)}. Şunlardan birini ` +
      `kullanın: ${divisors.join(', ')} (${numHeads} = çok başlı, 1 = tek anahtar/değer başı).`);
  }
  return headDim ?? dModel / numHeads;
}

export interface HeadsOptions {
  numHeads: number;
  /** Key/value heads (default numHeads). */
  numKvHeads?: number;
  /** Additive mask broadcastable to (B, nh, T, Tk), e.g. paddingMask(attentionMask). */
  mask?: tf.Tensor | null;
  /** Add the look-ahead mask (decoders). */
  causal?: boolean;
  /** Rotate q and k (RoPE) with these tables for the new positions. */
  rotary?: Rotary | null;
  /** Append k, v to this cache (layer `layer`) and attend over everything cached. */
  cache?: KVCache | null;
  layer?: number;
  /** Dropout rate on the attention weights (training only). */
  dropout?: number;
}

/**
 * The heads of multi-head attention, after the projections: splits q (B, T, nh·hs) and k, v
 * (B, T, nkv·hs) into heads, applies RoPE and the KV cache, shares kv heads (GQA), attends,
 * and merges the heads back. Returns output (B, T, nh·hs) and weights (B, nh, T, Tk).
 * Introduced in 3_Bert_transformers.ipynb.
 */
export function attendHeads(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, options: HeadsOptions): AttentionResult {
  const nh = options.numHeads;
  const nkv = options.numKvHeads ?? nh;
  const hs = checkHeads('attendHeads', q.shape[q.rank - 1], nh, nkv);
  if (k.shape[k.rank - 1] !== nkv * hs || v.shape[v.rank - 1] !== nkv * hs) {
    throw new Error(`attendHeads: k ve v (B, T, numKvHeads·headDim) = (…, ${nkv * hs}) biçiminde olmalı, verilen: ` +
      `k [${k.shape}], v [${v.shape}].`);
  }
  return tf.tidy(() => {
    let qh = splitHeads(q, nh); // (B, nh, T, hs)
    let kh = splitHeads(k, nkv); // (B, nkv, T, hs)
    let vh = splitHeads(v, nkv); // (B, nkv, T, hs)
    if (options.rotary != null) {
      qh = applyRotary(qh, options.rotary); // (B, nh, T, hs)
      kh = applyRotary(kh, options.rotary); // (B, nkv, T, hs)
    }
    if (options.cache != null) [kh, vh] = options.cache.append(options.layer ?? 0, kh, vh); // (B, nkv, Tk, hs)
    const [T, Tk] = [qh.shape[2] as number, kh.shape[2] as number];
    let mask = options.mask ?? null;
    if (options.causal) mask = mask == null ? causalMask(T, Tk) : tf.add(mask, causalMask(T, Tk)); // (…, T, Tk)
    const { output, weights } = attend(qh, kh, vh, mask, options.dropout ?? 0); // (B, nh, T, hs), (B, nh, T, Tk)
    return { output: mergeHeads(output), weights }; // (B, T, C), (B, nh, T, Tk)
  });
}

export interface MultiHeadAttentionOptions {
  dModel: number;
  numHeads: number;
  /** Key/value heads for GQA (default numHeads; 1 = multi-query). */
  numKvHeads?: number;
  /** Head size (default dModel / numHeads). */
  headDim?: number;
  /** Biases in the projections (default true; Llama has none). */
  bias?: boolean;
  /** Std of the output projection's initialisation (default 0.02). */
  outStd?: number;
  /** PyTorch names of the q, k, v, o projections (default Llama's q_proj, k_proj, v_proj, o_proj). */
  names?: [string, string, string, string];
}

/** What a call to MultiHeadAttention.forward takes: the HeadsOptions other than the head counts. */
export type AttentionCallOptions = Omit<HeadsOptions, 'numHeads' | 'numKvHeads'>;

/**
 * Multi-head (grouped-query) self-attention with separate q/k/v/o projections, by default named
 * as in Hugging Face Llama: `q_proj` (nh·hs, dModel), `k_proj`, `v_proj` (nkv·hs, dModel),
 * `o_proj` (dModel, nh·hs); BERT passes its own names.
 * Introduced in 3_Bert_transformers.ipynb (GQA in 5_LLAMA_transformers.ipynb).
 */
export class MultiHeadAttention implements HasParameters {
  readonly numHeads: number;
  readonly numKvHeads: number;
  readonly headDim: number;
  readonly q: Linear;
  readonly k: Linear;
  readonly v: Linear;
  readonly o: Linear;
  readonly names: [string, string, string, string];

  constructor(options: MultiHeadAttentionOptions) {
    if (options == null || typeof options !== 'object') throw new TypeError(`MultiHeadAttention: options { dModel, ` +
      `numHeads, numKvHeads? } biçiminde bir nesne olmalı, ` +
        `verilen: ${shown(options)}.`);
    this.names = options.names ?? ['q_proj', 'k_proj', 'v_proj', 'o_proj'];
    this.numHeads = options.numHeads;
    this.numKvHeads = options.numKvHeads ?? options.numHeads;
    this.headDim = checkHeads('MultiHeadAttention', options.dModel, this.numHeads, this.numKvHeads, options.headDim);
    const bias = options.bias ?? true;
    this.q = new Linear(options.dModel, this.numHeads * this.headDim, { bias });
    this.k = new Linear(options.dModel, this.numKvHeads * this.headDim, { bias });
    this.v = new Linear(options.dModel, this.numKvHeads * this.headDim, { bias });
    this.o = new Linear(this.numHeads * this.headDim, options.dModel, { bias, std: options.outStd });
  }

  /** x (B, T, dModel) → output (B, T, dModel), weights (B, nh, T, Tk) */
  forward(x: tf.Tensor, options: AttentionCallOptions = {}): AttentionResult {
    return tf.tidy(() => {
      // q (B, T, nh·hs), k and v (B, T, nkv·hs)
      const [q, k, v] = linearOutputs(x, [this.q, this.k, this.v]);
      const { output, weights } = attendHeads(q, k, v,
        { numHeads: this.numHeads, numKvHeads: this.numKvHeads, ...options });
      return { output: this.o.forward(output), weights }; // (B, T, dModel)
    });
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>();
    [this.q, this.k, this.v, this.o].forEach((lin, i) => addParameters(m, this.names[i], lin));
    return m;
  }
}
