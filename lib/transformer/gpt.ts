/**
 * MiniGpt: a GPT-2-style decoder-only transformer (Radford et al. 2019), written like nanoGPT's
 * model.py — CausalSelfAttention, MLP, Block, GPT — on tf.Variables with nanoGPT / Hugging Face
 * GPT-2 names and PyTorch's [out, in] Linear layout:
 *
 *   transformer.wte.weight (V, C)           transformer.wpe.weight (contextLength, C)
 *   transformer.h.{i}.ln_1.{weight,bias}    transformer.h.{i}.attn.c_attn.{weight (3C, C), bias}
 *   transformer.h.{i}.attn.c_proj.*         transformer.h.{i}.ln_2.*
 *   transformer.h.{i}.mlp.c_fc.* (4C, C)    transformer.h.{i}.mlp.c_proj.* (C, 4C)
 *   transformer.ln_f.*                      LM head tied to wte (no lm_head.weight)
 *
 * c_attn is one (3C, C) projection as in nanoGPT, split into q, k, v. Hugging Face's GPT2 stores
 * its Conv1D weights as [in, out]: transpose them to load a Hugging Face checkpoint.
 * Pre-norm blocks: x + attn(ln_1(x)), then x + mlp(ln_2(x)); causal attention.
 *
 * Introduced in 4_gpt_transformers.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import { attendHeads, checkHeads } from './attention';
import { decoderOutput, DecoderForwardOptions, DecoderOutput } from './decoder';
import { firstPosition, KVCache } from './kv_cache';
import {
  addParameters, checkConfigObject, checkIds, checkPositiveInt, disposeParameters, dropout, Embedding, HasParameters,
  Ids, Linear, linear, loadParameters, withDefaults,
} from './layers';
import { GeluKind, GeluMlp } from './mlp';
import { LayerNorm } from './norms';
import { fusedCausalAttention, useFusedKernels } from '../tf/ops';
import { shown } from '../validate';

export interface GptConfig {
  vocabSize: number;
  /** Longest sequence (positions of wpe; nanoGPT's block_size, GPT-2's n_positions). */
  contextLength: number;
  numLayers: number;
  numHeads: number;
  /** Model width C (n_embd). */
  dModel: number;
  /** Dropout on embeddings, attention weights and residual branches while training (default 0). */
  dropout?: number;
  /** Biases in Linear and LayerNorm (default true, as GPT-2). */
  bias?: boolean;
  /** 'gelu_tanh' (default, GPT-2's gelu_new) or exact 'gelu' (nanoGPT). */
  gelu?: GeluKind;
  layerNormEps?: number;
}

/** What attention and a block return: output (B, T, C) and, when asked for, weights (B, nh, T, Tk). */
export type BlockResult = { output: tf.Tensor; weights?: tf.Tensor };

/** Causal multi-head self-attention with a fused q/k/v projection (nanoGPT's CausalSelfAttention). */
export class CausalSelfAttention implements HasParameters {
  readonly cAttn: Linear; // (3C, C)
  readonly cProj: Linear; // (C, C)

  constructor(readonly config: Required<GptConfig>) {
    checkConfigObject('CausalSelfAttention', config);
    const C = config.dModel;
    this.cAttn = new Linear(C, 3 * C, { bias: config.bias });
    // GPT-2: residual projections scaled by 1/√(2·numLayers) at initialisation.
    this.cProj = new Linear(C, C, { bias: config.bias, std: 0.02 / Math.sqrt(2 * config.numLayers) });
  }

  /**
   * x (B, T, C) → output (B, T, C), weights (B, nh, T, Tk). Readable path: split q, k, v and
   * attendHeads. Fast path, when the fused kernels are on and nothing needs more than the output
   * (no weights asked for, no KV cache, no attention dropout): one op on lib/tf's kernels
   * (fusedCausalAttention, equal to the readable path) and weights is undefined.
   */
  forward(x: tf.Tensor, cache: KVCache | null, layer: number, training: boolean, returnWeights = true): BlockResult {
    return tf.tidy(() => {
      const qkv = this.cAttn.forward(x); // (B, T, 3C)
      const attentionDropout = training ? this.config.dropout : 0;
      const useFused = useFusedKernels() && !returnWeights && cache == null && attentionDropout === 0;
      const { output, weights }: BlockResult = useFused
        ? { output: fusedCausalAttention(qkv, this.config.numHeads) } // (B, T, C)
        : attendHeads(...(tf.split(qkv, 3, -1) as [tf.Tensor, tf.Tensor, tf.Tensor]), {
          numHeads: this.config.numHeads, causal: true, cache, layer, dropout: attentionDropout,
        }); // (B, T, C), (B, nh, T, Tk)
      const result: BlockResult = { output: dropout(this.cProj.forward(output), this.config.dropout, training) }; // (B, T, C)
      if (weights != null) result.weights = weights;
      return result;
    });
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>();
    addParameters(m, 'c_attn', this.cAttn);
    addParameters(m, 'c_proj', this.cProj);
    return m;
  }
}

/** One pre-norm decoder block: x + attn(ln_1(x)); x + mlp(ln_2(x)). */
export class GptBlock implements HasParameters {
  readonly ln1: LayerNorm;
  readonly attn: CausalSelfAttention;
  readonly ln2: LayerNorm;
  readonly mlp: GeluMlp;

  constructor(readonly config: Required<GptConfig>) {
    checkConfigObject('GptBlock', config);
    const C = config.dModel;
    this.ln1 = new LayerNorm(C, config.layerNormEps, config.bias);
    this.attn = new CausalSelfAttention(config);
    this.ln2 = new LayerNorm(C, config.layerNormEps, config.bias);
    this.mlp = new GeluMlp(C, 4 * C, { kind: config.gelu, bias: config.bias, downStd: 0.02 / Math.sqrt(2 * config.numLayers) });
  }

  /** x (B, T, C) → (B, T, C), weights (B, nh, T, Tk) unless returnWeights is false */
  forward(x: tf.Tensor, cache: KVCache | null, layer: number, training: boolean, returnWeights = true): BlockResult {
    return tf.tidy(() => {
      const a = this.attn.forward(this.ln1.forward(x), cache, layer, training, returnWeights);
      const h = tf.add(x, a.output); // (B, T, C)
      const out = tf.add(h, dropout(this.mlp.forward(this.ln2.forward(h)), this.config.dropout, training)); // (B, T, C)
      const result: BlockResult = { output: out };
      if (a.weights != null) result.weights = a.weights;
      return result;
    });
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>();
    addParameters(m, 'ln_1', this.ln1);
    addParameters(m, 'attn', this.attn);
    addParameters(m, 'ln_2', this.ln2);
    addParameters(m, 'mlp', this.mlp);
    return m;
  }
}

/** GptConfig's defaults, stated once: no dropout, biases, GPT-2's tanh GELU, LayerNorm ε 1e-5. */
export const GPT_DEFAULTS = Object.freeze({ dropout: 0, bias: true, gelu: 'gelu_tanh' as GeluKind, layerNormEps: 1e-5 });

/** The configuration with GPT_DEFAULTS filled in and every field checked. */
export function gptConfig(config: GptConfig): Required<GptConfig> {
  checkConfigObject('MiniGpt', config);
  const c: Required<GptConfig> = withDefaults(config, GPT_DEFAULTS);
  for (const key of ['vocabSize', 'contextLength', 'numLayers', 'numHeads', 'dModel'] as const) {
    checkPositiveInt('MiniGpt', key, c[key]);
  }
  checkHeads('MiniGpt', c.dModel, c.numHeads, c.numHeads);
  if (!(c.dropout >= 0 && c.dropout < 1)) {
    throw new Error(`MiniGpt: dropout [0, 1) aralığında olmalı, verilen: ${shown(c.dropout)}.`);
  }
  if (!(c.layerNormEps > 0 && Number.isFinite(c.layerNormEps))) {
    throw new Error(`MiniGpt: layerNormEps 0'dan büyük sonlu bir sayı olmalı (ör. 1e-5), verilen: ` +
      `${shown(c.layerNormEps)}.`);
  }
  if (c.gelu !== 'gelu' && c.gelu !== 'gelu_tanh') {
    throw new Error(`MiniGpt: gelu 'gelu' ya da 'gelu_tanh' olmalı, verilen: ${shown(c.gelu)}.`);
  }
  return c;
}

/**
 * The GPT: token + learned position embeddings, numLayers blocks, final LayerNorm, LM head tied
 * to the token embeddings. Weights initialised as GPT-2 (N(0, 0.02), residual projections
 * 0.02/√(2L)), seeded by lib/tf's setSeed. Introduced in 4_gpt_transformers.ipynb.
 */
export class MiniGpt implements HasParameters {
  readonly config: Required<GptConfig>;
  readonly wte: Embedding;
  readonly wpe: Embedding;
  readonly h: GptBlock[];
  readonly lnF: LayerNorm;

  constructor(config: GptConfig) {
    this.config = gptConfig(config);
    const c = this.config;
    this.wte = new Embedding(c.vocabSize, c.dModel);
    this.wpe = new Embedding(c.contextLength, c.dModel);
    this.h = Array.from({ length: c.numLayers }, () => new GptBlock(c));
    this.lnF = new LayerNorm(c.dModel, c.layerNormEps, c.bias);
  }

  /** An empty KV cache for incremental decoding (dispose it when done). */
  newCache(): KVCache {
    return new KVCache(this.config.numLayers, this.config.contextLength);
  }

  /**
   * ids (B, T) int32 → logits (B, T, V). With a cache, ids are the new tokens only and their
   * positions start at cache.length; the cache grows by T.
   */
  forward(ids: Ids, options: DecoderForwardOptions = {}): DecoderOutput {
    options = options ?? {}; // forward(ids, null) as forward(ids)
    const c = this.config;
    const cache = options.cache ?? null;
    const training = options.training ?? false;
    return tf.tidy(() => {
      const x0 = checkIds(ids, c.vocabSize, 'ids', 'vocabSize'); // (B, T)
      const T = x0.shape[1];
      const start = firstPosition('MiniGpt', cache, T, c.contextLength);
      const pos = tf.range(start, start + T, 1, 'int32'); // (T)
      let x = dropout(tf.add(this.wte.forward(x0), this.wpe.forward(pos)), c.dropout, training); // (B, T, C)
      const attentions: tf.Tensor[] = [];
      this.h.forEach((block, layer) => {
        const out = block.forward(x, cache, layer, training, options.returnAttention === true);
        x = out.output; // (B, T, C)
        if (out.weights != null) attentions.push(out.weights);
      });
      const hidden = this.lnF.forward(x); // (B, T, C)
      const logits = linear(hidden, this.wte.weight) as tf.Tensor3D; // (B, T, V), tied head
      return decoderOutput(logits, hidden, attentions, options);
    });
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>();
    addParameters(m, 'transformer.wte', this.wte);
    addParameters(m, 'transformer.wpe', this.wpe);
    this.h.forEach((block, i) => addParameters(m, `transformer.h.${i}`, block));
    addParameters(m, 'transformer.ln_f', this.lnF);
    return m;
  }

  /** Loads weights by PyTorch name (see the file header); checks every name and shape. */
  setWeights(named: Record<string, tf.Tensor | Float32Array>): void {
    loadParameters('MiniGpt', this.namedParameters(), named);
  }

  dispose(): void {
    disposeParameters(this.namedParameters());
  }
}
