/**
 * MiniLlama: the Llama architecture (Touvron et al. 2023) as Hugging Face's LlamaForCausalLM —
 * decoder-only and causal; RMSNorm before each sub-layer (pre-norm); rotary positions (RoPE) in
 * every attention layer instead of added position embeddings; SwiGLU feed-forward;
 * grouped-query attention (numKvHeads key/value heads); no biases. Names and layouts:
 *
 *   model.embed_tokens.weight (V, d)
 *   model.layers.{i}.input_layernorm.weight (d)
 *   model.layers.{i}.self_attn.{q,k,v,o}_proj.weight   q (nh·hs, d), k/v (nkv·hs, d), o (d, nh·hs)
 *   model.layers.{i}.post_attention_layernorm.weight (d)
 *   model.layers.{i}.mlp.{gate,up,down}_proj.weight     gate/up (I, d), down (d, I)
 *   model.norm.weight (d)                               lm_head.weight (V, d) only when not tied
 *
 * so a Hugging Face state dict (e.g. SmolLM2-135M's model.safetensors, read by
 * loadSafetensors) loads as is. llamaConfigFromHf() reads its config.json.
 *
 * Introduced in 5_LLAMA_transformers.ipynb.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { checkHeads, MultiHeadAttention } from './attention';
import { decoderOutput, DecoderForwardOptions, DecoderOutput } from './decoder';
import { firstPosition, KVCache } from './kv_cache';
import {
  addParameters, checkConfigObject, checkIds, checkPositiveInt, disposeParameters, Embedding, HasParameters, Ids,
  Linear, linear, loadParameters, withDefaults, withoutRandomInit,
} from './layers';
import { SwiGlu } from './mlp';
import { RMSNorm } from './norms';
import { rotaryTables } from './positions';
import { loadSafetensors } from '../data/safetensors';
import { SharedWeights, shareWeights } from '../tf/ops';
import { shown } from '../validate';

export interface LlamaConfig {
  vocabSize: number;
  /** Longest sequence (max_position_embeddings); RoPE itself has no table to outgrow. */
  contextLength: number;
  numLayers: number;
  numHeads: number;
  /** Key/value heads (GQA); default numHeads. */
  numKvHeads?: number;
  /** Model width d (hidden_size). */
  dModel: number;
  /** Head size (head_dim); default dModel / numHeads. */
  headDim?: number;
  /** SwiGLU width I (intermediate_size). */
  intermediateSize: number;
  /** RoPE base θ (rope_theta; default 10000). */
  ropeTheta?: number;
  /** RMSNorm ε (rms_norm_eps; default 1e-6). */
  rmsNormEps?: number;
  /** LM head = embed_tokens (tie_word_embeddings; default true). */
  tieWordEmbeddings?: boolean;
}

/** The Hugging Face config.json fields MiniLlama reads. */
export interface HfLlamaConfig {
  vocab_size: number;
  hidden_size: number;
  intermediate_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  num_key_value_heads?: number;
  head_dim?: number;
  max_position_embeddings: number;
  rope_theta?: number;
  rms_norm_eps?: number;
  tie_word_embeddings?: boolean;
  attention_bias?: boolean;
  mlp_bias?: boolean;
  rope_scaling?: unknown;
  hidden_act?: string;
}

/** MiniLlama's configuration from a Hugging Face Llama config.json. Introduced in 5_LLAMA_transformers.ipynb. */
export function llamaConfigFromHf(hf: HfLlamaConfig): LlamaConfig {
  if (hf == null || typeof hf !== 'object') throw new TypeError(`llamaConfigFromHf: ` +
    `hf ayrıştırılmış bir config.json nesnesi olmalı, verilen: ${shown(hf)}. ` +
      'Örnek: JSON.parse(fs.readFileSync(dosya, \'utf8\')).');
  if (hf.attention_bias === true || hf.mlp_bias === true) throw new Error(`llamaConfigFromHf: ` +
    `MiniLlama'da yanlılık terimi yok, verilen: attention_bias = ${shown(hf.attention_bias)}, ` +
      `mlp_bias = ${shown(hf.mlp_bias)}. İkisi de false olan bir model seçin.`);
  if (hf.rope_scaling != null) throw new Error(`llamaConfigFromHf: rope_scaling (Llama 3.1 tarzı ölçekli RoPE) ` +
    `desteklenmiyor, verilen: ${shown(hf.rope_scaling)}. ` +
      'rope_scaling: null olan bir model seçin.');
  if (hf.hidden_act != null && hf.hidden_act !== 'silu') {
    throw new Error(`llamaConfigFromHf: hidden_act "silu" (SwiGLU) olmalı, verilen: ${shown(hf.hidden_act)}.`);
  }
  const config: LlamaConfig = {
    vocabSize: hf.vocab_size,
    contextLength: hf.max_position_embeddings,
    numLayers: hf.num_hidden_layers,
    numHeads: hf.num_attention_heads,
    numKvHeads: hf.num_key_value_heads ?? hf.num_attention_heads,
    dModel: hf.hidden_size,
    headDim: hf.head_dim ?? hf.hidden_size / hf.num_attention_heads,
    intermediateSize: hf.intermediate_size,
    ropeTheta: hf.rope_theta ?? LLAMA_DEFAULTS.ropeTheta,
    rmsNormEps: hf.rms_norm_eps ?? LLAMA_DEFAULTS.rmsNormEps,
    tieWordEmbeddings: hf.tie_word_embeddings ?? LLAMA_DEFAULTS.tieWordEmbeddings,
  };
  llamaConfig(config); // every field checked now, not at the first forward pass
  return config;
}

/** SmolLM2-135M's architecture (HuggingFaceTB/SmolLM2-135M(-Instruct) config.json). */
export const SMOLLM2_135M: Readonly<LlamaConfig> = Object.freeze({
  vocabSize: 49152, contextLength: 8192, numLayers: 30, numHeads: 9, numKvHeads: 3, dModel: 576, headDim: 64,
  intermediateSize: 1536, ropeTheta: 100000, rmsNormEps: 1e-5, tieWordEmbeddings: true,
});

/** LlamaConfig's fixed defaults, stated once (numKvHeads defaults to numHeads, headDim to dModel / numHeads). */
export const LLAMA_DEFAULTS = Object.freeze({ ropeTheta: 10000, rmsNormEps: 1e-6, tieWordEmbeddings: true });

/** The configuration with defaults filled in and every field checked. */
export function llamaConfig(config: LlamaConfig): Required<LlamaConfig> {
  checkConfigObject('MiniLlama', config);
  const c: Required<LlamaConfig> = withDefaults(config, {
    ...LLAMA_DEFAULTS, numKvHeads: config.numHeads, headDim: config.dModel / config.numHeads,
  });
  const sizes = ['vocabSize', 'contextLength', 'numLayers', 'numHeads', 'dModel', 'intermediateSize'] as const;
  for (const key of sizes) checkPositiveInt('MiniLlama', key, c[key]);
  checkHeads('MiniLlama', c.dModel, c.numHeads, c.numKvHeads, config.headDim);
  if (!Number.isInteger(c.headDim) || c.headDim % 2 !== 0) {
    throw new Error(`MiniLlama: headDim çift bir tam sayı olmalı (RoPE çiftleri döndürür), verilen: ` +
      `${shown(c.headDim)}.`);
  }
  if (!(c.ropeTheta > 1 && Number.isFinite(c.ropeTheta))) {
    throw new Error(`MiniLlama: ropeTheta 1'den büyük sonlu bir sayı olmalı (ör. 10000), verilen: ` +
      `${shown(c.ropeTheta)}.`);
  }
  if (!(c.rmsNormEps > 0 && Number.isFinite(c.rmsNormEps))) {
    throw new Error(`MiniLlama: rmsNormEps 0'dan büyük sonlu bir sayı olmalı (ör. 1e-6), verilen: ` +
      `${shown(c.rmsNormEps)}.`);
  }
  return c;
}

/** One Llama decoder layer: h = x + attn(norm₁(x)); out = h + mlp(norm₂(h)). */
export class LlamaDecoderLayer implements HasParameters {
  readonly inputLayernorm: RMSNorm;
  readonly selfAttn: MultiHeadAttention;
  readonly postAttentionLayernorm: RMSNorm;
  readonly mlp: SwiGlu;

  constructor(readonly config: Required<LlamaConfig>) {
    checkConfigObject('LlamaDecoderLayer', config);
    const { dModel: d, numLayers: L } = config;
    const residualStd = 0.02 / Math.sqrt(2 * L);
    this.inputLayernorm = new RMSNorm(d, config.rmsNormEps);
    this.selfAttn = new MultiHeadAttention({
      dModel: d, numHeads: config.numHeads, numKvHeads: config.numKvHeads, headDim: config.headDim,
      bias: false, outStd: residualStd,
    });
    this.postAttentionLayernorm = new RMSNorm(d, config.rmsNormEps);
    this.mlp = new SwiGlu(d, config.intermediateSize, residualStd);
  }

  /** x (B, T, d) → (B, T, d), weights (B, nh, T, Tk); rotary: tables for the T new positions. */
  forward(x: tf.Tensor, rotary: { cos: tf.Tensor2D; sin: tf.Tensor2D }, cache: KVCache | null,
          layer: number): { output: tf.Tensor; weights: tf.Tensor } {
    return tf.tidy(() => {
      const a = this.selfAttn.forward(this.inputLayernorm.forward(x), { causal: true, rotary, cache, layer }); // (B, T, d)
      const h = tf.add(x, a.output); // (B, T, d)
      const out = tf.add(h, this.mlp.forward(this.postAttentionLayernorm.forward(h))); // (B, T, d)
      return { output: out, weights: a.weights };
    });
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>();
    addParameters(m, 'input_layernorm', this.inputLayernorm);
    addParameters(m, 'self_attn', this.selfAttn);
    addParameters(m, 'post_attention_layernorm', this.postAttentionLayernorm);
    addParameters(m, 'mlp', this.mlp);
    return m;
  }
}

/** LlamaForCausalLM in TensorFlow.js. Introduced in 5_LLAMA_transformers.ipynb. */
export class MiniLlama implements HasParameters {
  readonly config: Required<LlamaConfig>;
  readonly embedTokens: Embedding;
  readonly layers: LlamaDecoderLayer[];
  readonly norm: RMSNorm;
  /** Separate LM head, or null when tied to embed_tokens. */
  readonly lmHead: Linear | null;
  /**
   * The loaded weights' copy in lib/tf's threads' shared memory (setWeights makes it), so that a
   * decoding step's matrix-vector products run on every core; null before setWeights.
   */
  private shared: SharedWeights | null = null;

  constructor(config: LlamaConfig) {
    this.config = llamaConfig(config);
    const c = this.config;
    this.embedTokens = new Embedding(c.vocabSize, c.dModel);
    this.layers = Array.from({ length: c.numLayers }, () => new LlamaDecoderLayer(c));
    this.norm = new RMSNorm(c.dModel, c.rmsNormEps);
    this.lmHead = c.tieWordEmbeddings ? null : new Linear(c.dModel, c.vocabSize, { bias: false });
  }

  /** An empty KV cache for incremental decoding (dispose it when done). */
  newCache(): KVCache {
    return new KVCache(this.config.numLayers, this.config.contextLength);
  }

  /** ids (B, T) int32 → logits (B, T, V); with a cache, only the new tokens (positions continue at cache.length). */
  forward(ids: Ids, options: DecoderForwardOptions = {}): DecoderOutput {
    options = options ?? {}; // forward(ids, null) as forward(ids)
    const c = this.config;
    const cache = options.cache ?? null;
    this.shared?.refresh(); // weights assigned since setWeights (LoRA merge, training) are shared anew
    return tf.tidy(() => {
      const x0 = checkIds(ids, c.vocabSize, 'ids', 'vocabSize'); // (B, T)
      const T = x0.shape[1];
      const start = firstPosition('MiniLlama', cache, T, c.contextLength);
      const rotary = rotaryTables(c.headDim, start, T, c.ropeTheta); // (T, hs) ×2
      let x = this.embedTokens.forward(x0); // (B, T, d)
      const attentions: tf.Tensor[] = [];
      this.layers.forEach((layer, i) => {
        const out = layer.forward(x, rotary, cache, i);
        x = out.output; // (B, T, d)
        if (options.returnAttention) attentions.push(out.weights);
      });
      const hidden = this.norm.forward(x); // (B, T, d)
      const head = this.lmHead == null ? linear(hidden, this.embedTokens.weight) : this.lmHead.forward(hidden);
      const logits = head as tf.Tensor3D; // (B, T, V)
      return decoderOutput(logits, hidden, attentions, options);
    });
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>();
    addParameters(m, 'model.embed_tokens', this.embedTokens);
    this.layers.forEach((layer, i) => addParameters(m, `model.layers.${i}`, layer));
    addParameters(m, 'model.norm', this.norm);
    if (this.lmHead != null) addParameters(m, 'lm_head', this.lmHead);
    return m;
  }

  /**
   * Loads weights by Hugging Face name; checks every name and shape. With tied embeddings a
   * stored `lm_head.weight` (some checkpoints keep a copy of the embeddings) is skipped.
   */
  setWeights(named: Record<string, tf.Tensor | Float32Array>): void {
    const { ['lm_head.weight']: _tiedCopy, ...rest } = named;
    loadParameters('MiniLlama', this.namedParameters(), this.lmHead == null ? rest : named);
    // Copied once into the threads' shared memory: every projection and the LM head, the matrices
    // a decoding step multiplies by one vector each (the embedding only when it is the tied head).
    const head = this.lmHead?.weight ?? this.embedTokens.weight;
    const projections = [...this.namedParameters().values()].filter((v) => v.rank === 2 && v !== this.embedTokens.weight);
    this.shared?.dispose();
    this.shared = shareWeights([...projections, head]);
  }

  /** Bytes of the weights' copy in lib/tf's threads' shared memory (0 on one thread or before setWeights). */
  get sharedBytes(): number {
    return this.shared?.bytes ?? 0;
  }

  dispose(): void {
    this.shared?.dispose();
    this.shared = null;
    disposeParameters(this.namedParameters());
  }

  /**
   * A MiniLlama from a Hugging Face model folder: config.json and model.safetensors (e.g.
   * .cache/models/local/SmolLM2-135M-Instruct). Introduced in 5_LLAMA_transformers.ipynb.
   */
  static fromPretrained(dir: string): MiniLlama {
    const configFile = path.join(dir, 'config.json');
    const weightsFile = path.join(dir, 'model.safetensors');
    for (const f of [configFile, weightsFile]) if (!fs.existsSync(f)) throw new Error(`MiniLlama.fromPretrained: ` +
      `dosya bulunamadı, verilen: ${shown(f)}. Klasörde config.json ve model.safetensors olmalı.`);
    const config = llamaConfigFromHf(JSON.parse(fs.readFileSync(configFile, 'utf8')) as HfLlamaConfig);
    const model = withoutRandomInit(() => new MiniLlama(config));
    const stored = Object.entries(loadSafetensors(weightsFile));
    const weights = Object.fromEntries(stored.map(([name, t]) => [name, tf.tensor(t.data, t.shape)]));
    try {
      model.setWeights(weights);
    } catch (e) {
      model.dispose();
      throw e;
    } finally {
      tf.dispose(Object.values(weights));
    }
    return model;
  }
}
