/**
 * How many parameters a model has and where they sit, counted from its variables and given by
 * closed-form formulas the notebooks show beside the count (they must agree: tested).
 *
 * Components by PyTorch name: embeddings (token, position, segment tables), attention (q/k/v/o
 * projections), mlp (feed-forward), norms (LayerNorm/RMSNorm γ, β), heads (LM head when not tied,
 * BERT's pooler, MLM transform, NSP and classifier).
 *
 * Introduced in 4_gpt_transformers.ipynb (the parameter calculator); used in 3 and 5.
 */
import type * as tf from '@tensorflow/tfjs';
import type { HasParameters } from './layers';
import { bertConfig, type BertConfig } from './bert';
import { gptConfig, type GptConfig } from './gpt';
import { llamaConfig, type LlamaConfig } from './llama';
import { shown } from '../validate';

export interface ParameterCounts {
  embeddings: number;
  attention: number;
  mlp: number;
  norms: number;
  heads: number;
  total: number;
}

export type Component = Exclude<keyof ParameterCounts, 'total'>;

/** Which component a parameter name belongs to. */
export function componentOf(name: string): Component {
  if (/(^|\.)(lm_head|pooler|cls|classifier)\./.test(name)) return 'heads';
  if (/(norm|ln_\d|ln_f|LayerNorm)/.test(name)) return 'norms';
  if (/(wte|wpe|embed_tokens|embeddings)\./.test(name)) return 'embeddings';
  if (/(attn|attention)\./.test(name)) return 'attention';
  if (/(mlp|intermediate|output)\./.test(name)) return 'mlp';
  throw new Error(`parameterCounts: bu parametrenin bileşeni bilinmiyor, verilen: ${shown(name)}.`);
}

/** Parameters per component, counted from the model's variables. Introduced in 4_gpt_transformers.ipynb. */
export function parameterCounts(model: HasParameters): ParameterCounts {
  if (typeof model?.namedParameters !== 'function') throw new TypeError(`parameterCounts: model bir MiniGpt, ` +
    `MiniLlama, MiniBert ya da namedParameters() yöntemi olan bir katman ` +
      `olmalı, verilen: ${shown(model)}.`);
  const counts: ParameterCounts = { embeddings: 0, attention: 0, mlp: 0, norms: 0, heads: 0, total: 0 };
  const seen = new Set<tf.Variable>();
  for (const [name, v] of model.namedParameters()) {
    if (seen.has(v)) continue; // tied weights count once
    seen.add(v);
    counts[componentOf(name)] += v.size;
    counts.total += v.size;
  }
  return counts;
}

function withTotal(c: Omit<ParameterCounts, 'total'>): ParameterCounts {
  return { ...c, total: c.embeddings + c.attention + c.mlp + c.norms + c.heads };
}

/**
 * GPT-2 / MiniGpt (C = dModel, L = numLayers, V = vocabSize, P = contextLength, biases b = 1 or 0):
 * embeddings (V + P)·C; attention L·(4C² + 4bC); mlp L·(8C² + 5bC); norms (2L + 1)·(1 + b)·C;
 * tied head: 0. Introduced in 4_gpt_transformers.ipynb.
 */
export function gptParameterFormula(config: GptConfig): ParameterCounts {
  gptConfig(config); // the configuration a MiniGpt would accept
  const { vocabSize: V, contextLength: P, numLayers: L, dModel: C } = config;
  const b = config.bias === false ? 0 : 1;
  return withTotal({
    embeddings: (V + P) * C,
    attention: L * (4 * C * C + 4 * b * C),
    mlp: L * (8 * C * C + 5 * b * C),
    norms: (2 * L + 1) * (1 + b) * C,
    heads: 0,
  });
}

/**
 * Llama / MiniLlama (d = dModel, L = numLayers, V = vocabSize, I = intermediateSize, hs = headDim,
 * nh / nkv query / key-value heads, no biases): embeddings V·d; attention L·(2·nh + 2·nkv)·hs·d;
 * mlp L·3·d·I; norms (2L + 1)·d; head V·d unless tied. Introduced in 5_LLAMA_transformers.ipynb.
 */
export function llamaParameterFormula(config: LlamaConfig): ParameterCounts {
  llamaConfig(config);
  const { vocabSize: V, numLayers: L, dModel: d, intermediateSize: I, numHeads: nh } = config;
  const nkv = config.numKvHeads ?? nh;
  const hs = config.headDim ?? d / nh;
  return withTotal({
    embeddings: V * d,
    attention: L * (2 * nh + 2 * nkv) * hs * d,
    mlp: L * 3 * d * I,
    norms: (2 * L + 1) * d,
    heads: config.tieWordEmbeddings === false ? V * d : 0,
  });
}

/**
 * BERT / MiniBert (d = dModel, L = numLayers, V = vocabSize, P = contextLength, S = typeVocabSize,
 * I = intermediateSize, n = numLabels): embeddings (V + P + S)·d; attention L·(4d² + 4d);
 * mlp L·(2dI + I + d); norms (2 + 4L)·d; heads: pooler d² + d, MLM transform d² + 3d and bias V
 * (decoder tied), NSP 2d + 2, classifier n·d + n. Introduced in 3_Bert_transformers.ipynb.
 */
export function bertParameterFormula(config: BertConfig): ParameterCounts {
  bertConfig(config);
  const { vocabSize: V, contextLength: P, numLayers: L, dModel: d } = config;
  const S = config.typeVocabSize ?? 2;
  const I = config.intermediateSize ?? 4 * d;
  const n = config.numLabels ?? 0;
  return withTotal({
    embeddings: (V + P + S) * d,
    attention: L * (4 * d * d + 4 * d),
    mlp: L * (2 * d * I + I + d),
    norms: (2 + 4 * L) * d,
    heads: (d * d + d) + (d * d + 3 * d + V) + (2 * d + 2) + (n * d + n),
  });
}
