/**
 * MiniBert: the BERT encoder (Devlin et al. 2019) as Hugging Face's BertForPreTraining plus
 * BertForSequenceClassification's head — bidirectional self-attention (a padding mask only, no
 * causal mask), token + learned position + segment embeddings, post-norm blocks
 * (x = LayerNorm(x + sublayer(x))), exact GELU. Names and layouts ([out, in] Linear weights):
 *
 *   bert.embeddings.{word,position,token_type}_embeddings.weight   bert.embeddings.LayerNorm.*
 *   bert.encoder.layer.{i}.attention.self.{query,key,value}.*      bert.encoder.layer.{i}.attention.output.dense.*
 *   bert.encoder.layer.{i}.attention.output.LayerNorm.*            bert.encoder.layer.{i}.intermediate.dense.*
 *   bert.encoder.layer.{i}.output.dense.*                          bert.encoder.layer.{i}.output.LayerNorm.*
 *   bert.pooler.dense.*                                            (tanh of [CLS]'s projection)
 *   cls.predictions.transform.dense.*, cls.predictions.transform.LayerNorm.*, cls.predictions.bias
 *                                      (MLM head; its decoder weight is tied to word_embeddings)
 *   cls.seq_relationship.*             (NSP head, 2 classes: 0 = B follows A, 1 = random)
 *   classifier.*                       (only when numLabels is set: fine-tuning head)
 *
 * Introduced in 3_Bert_transformers.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import { MultiHeadAttention, paddingMask } from './attention';
import {
  addParameters, checkConfigObject, checkIds, checkPositiveInt, constantVariable, disposeParameters, dropout,
  Embedding, HasParameters, Ids, Linear, linear, loadParameters, withDefaults,
} from './layers';
import { gelu, GeluMlp } from './mlp';
import { LayerNorm } from './norms';
import { shown } from '../validate';

export interface BertConfig {
  vocabSize: number;
  /** Longest sequence (max_position_embeddings). */
  contextLength: number;
  numLayers: number;
  numHeads: number;
  /** Model width (hidden_size). */
  dModel: number;
  /** Feed-forward width (intermediate_size; default 4·dModel). */
  intermediateSize?: number;
  /** Segments (type_vocab_size; default 2: sentence A and B). */
  typeVocabSize?: number;
  /** LayerNorm ε (layer_norm_eps; default 1e-12 as BERT). */
  layerNormEps?: number;
  /** Dropout while training (default 0). */
  dropout?: number;
  /** Classes of the fine-tuning head (default: no classifier). */
  numLabels?: number;
}

export interface BertForwardOptions {
  /** (B, T) of 1 = token, 0 = padding (default all 1). */
  attentionMask?: tf.Tensor | number[][];
  /** (B, T) segment ids: 0 for sentence A, 1 for B (default all 0). */
  tokenTypeIds?: Ids;
  returnAttention?: boolean;
  /** Also return the embeddings' output and every layer's output. */
  returnHiddenStates?: boolean;
  training?: boolean;
}

export type BertOutput = {
  /** (B, T, d): the last layer's contextual vectors. */
  hidden: tf.Tensor3D;
  /** (B, d): tanh(W·hidden[:, 0] + b), the [CLS] summary the NSP and classification heads read. */
  pooled: tf.Tensor2D;
  /** Per layer (B, nh, T, T), when returnAttention. */
  attentions?: tf.Tensor4D[];
  /** numLayers + 1 tensors (B, T, d): embeddings, then each layer, when returnHiddenStates. */
  hiddenStates?: tf.Tensor3D[];
};

/** One post-norm encoder layer: x = LN(x + attn(x)); x = LN(x + mlp(x)). */
export class BertLayer implements HasParameters {
  readonly attention: MultiHeadAttention;
  readonly attentionNorm: LayerNorm;
  readonly mlp: GeluMlp;
  readonly outputNorm: LayerNorm;

  constructor(readonly config: Required<BertConfig>) {
    checkConfigObject('BertLayer', config);
    const d = config.dModel;
    this.attention = new MultiHeadAttention({
      dModel: d, numHeads: config.numHeads, names: ['self.query', 'self.key', 'self.value', 'output.dense'],
    });
    this.attentionNorm = new LayerNorm(d, config.layerNormEps);
    this.mlp = new GeluMlp(d, config.intermediateSize, { kind: 'gelu', names: ['intermediate.dense', 'output.dense'] });
    this.outputNorm = new LayerNorm(d, config.layerNormEps);
  }

  /** x (B, T, d), mask (B, 1, 1, T) additive → (B, T, d), weights (B, nh, T, T) */
  forward(x: tf.Tensor, mask: tf.Tensor | null, training: boolean): { output: tf.Tensor; weights: tf.Tensor } {
    const rate = this.config.dropout;
    return tf.tidy(() => {
      const a = this.attention.forward(x, { mask, dropout: training ? rate : 0 }); // (B, T, d)
      const h = this.attentionNorm.forward(tf.add(x, dropout(a.output, rate, training))); // (B, T, d)
      const out = this.outputNorm.forward(tf.add(h, dropout(this.mlp.forward(h), rate, training))); // (B, T, d)
      return { output: out, weights: a.weights };
    });
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>();
    addParameters(m, 'attention', this.attention);
    addParameters(m, 'attention.output.LayerNorm', this.attentionNorm);
    addParameters(m, '', this.mlp); // intermediate.dense, output.dense
    addParameters(m, 'output.LayerNorm', this.outputNorm);
    return m;
  }
}

/** BertConfig's fixed defaults, stated once (intermediateSize defaults to 4·dModel). */
export const BERT_DEFAULTS = Object.freeze({ typeVocabSize: 2, layerNormEps: 1e-12, dropout: 0, numLabels: 0 });

/** The configuration with defaults filled in and every field checked. */
export function bertConfig(config: BertConfig): Required<BertConfig> {
  checkConfigObject('MiniBert', config);
  const c: Required<BertConfig> = withDefaults(config, { ...BERT_DEFAULTS, intermediateSize: 4 * config.dModel });
  const sizes = ['vocabSize', 'contextLength', 'numLayers', 'numHeads', 'dModel', 'intermediateSize', 'typeVocabSize'] as const;
  for (const key of sizes) {
    checkPositiveInt('MiniBert', key, c[key]);
  }
  if (!Number.isInteger(c.numLabels) || c.numLabels < 0) {
    throw new Error(`MiniBert: numLabels negatif olmayan bir tam sayı olmalı, verilen: ${shown(c.numLabels)}.`);
  }
  if (!(c.dropout >= 0 && c.dropout < 1)) {
    throw new Error(`MiniBert: dropout [0, 1) aralığında olmalı, verilen: ${shown(c.dropout)}.`);
  }
  if (!(c.layerNormEps > 0 && Number.isFinite(c.layerNormEps))) {
    throw new Error(`MiniBert: layerNormEps 0'dan büyük sonlu bir sayı olmalı (ör. 1e-12), verilen: ` +
      `${shown(c.layerNormEps)}.`);
  }
  return c;
}

/**
 * BERT encoder with its pre-training heads (MLM, NSP) and an optional classifier. Introduced in
 * 3_Bert_transformers.ipynb.
 */
export class MiniBert implements HasParameters {
  readonly config: Required<BertConfig>;
  readonly wordEmbeddings: Embedding;
  readonly positionEmbeddings: Embedding;
  readonly tokenTypeEmbeddings: Embedding;
  readonly embeddingsNorm: LayerNorm;
  readonly layers: BertLayer[];
  readonly pooler: Linear;
  readonly mlmTransform: Linear;
  readonly mlmNorm: LayerNorm;
  readonly mlmBias: tf.Variable; // (V)
  readonly nsp: Linear; // (2, d)
  readonly classifier: Linear | null; // (numLabels, d)

  constructor(config: BertConfig) {
    this.config = bertConfig(config);
    const c = this.config;
    this.wordEmbeddings = new Embedding(c.vocabSize, c.dModel);
    this.positionEmbeddings = new Embedding(c.contextLength, c.dModel);
    this.tokenTypeEmbeddings = new Embedding(c.typeVocabSize, c.dModel);
    this.embeddingsNorm = new LayerNorm(c.dModel, c.layerNormEps);
    this.layers = Array.from({ length: c.numLayers }, () => new BertLayer(c));
    this.pooler = new Linear(c.dModel, c.dModel);
    this.mlmTransform = new Linear(c.dModel, c.dModel);
    this.mlmNorm = new LayerNorm(c.dModel, c.layerNormEps);
    this.mlmBias = constantVariable([c.vocabSize], 0);
    this.nsp = new Linear(c.dModel, 2);
    this.classifier = c.numLabels > 0 ? new Linear(c.dModel, c.numLabels) : null;
  }

  /** ids (B, T) int32 → contextual vectors (B, T, d) and the pooled [CLS] vector (B, d). */
  forward(ids: Ids, options: BertForwardOptions = {}): BertOutput {
    options = options ?? {}; // forward(ids, null) as forward(ids)
    const c = this.config;
    const training = options.training ?? false;
    return tf.tidy(() => {
      const x0 = checkIds(ids, c.vocabSize, 'ids', 'vocabSize'); // (B, T)
      const [B, T] = x0.shape;
      if (T > c.contextLength) throw new Error(`MiniBert.forward: ` +
        `en çok contextLength = ${c.contextLength} belirteç alır, verilen: ${T} belirteç. ` +
        `Diziyi ${c.contextLength} belirtece kısaltın.`);
      const types = options.tokenTypeIds == null ? tf.zeros([B, T], 'int32') // (B, T)
        : checkIds(options.tokenTypeIds, c.typeVocabSize, 'tokenTypeIds', 'typeVocabSize');
      if (types.shape[0] !== B || types.shape[1] !== T) {
        throw new Error(`MiniBert.forward: tokenTypeIds ids ile aynı şekilde [${B},${T}] olmalı, verilen: ` +
          `[${types.shape}].`);
      }
      let mask: tf.Tensor | null = null;
      if (options.attentionMask != null) {
        mask = paddingMask(options.attentionMask); // (B, 1, 1, T)
        if (mask.shape[0] !== B || mask.shape[3] !== T) throw new Error(`MiniBert.forward: ` +
          `attentionMask ids ile aynı şekilde [${B},${T}] olmalı, ` +
          `verilen: [${mask.shape[0]},${mask.shape[3]}].`);
      }
      const pos = tf.range(0, T, 1, 'int32'); // (T)
      const words = tf.add(this.wordEmbeddings.forward(x0), this.positionEmbeddings.forward(pos)); // (B, T, d)
      const emb = tf.add(words, this.tokenTypeEmbeddings.forward(types)); // (B, T, d)
      let x = dropout(this.embeddingsNorm.forward(emb), c.dropout, training); // (B, T, d)
      const hiddenStates: tf.Tensor[] = [x];
      const attentions: tf.Tensor[] = [];
      for (const layer of this.layers) {
        const out = layer.forward(x, mask, training);
        x = out.output; // (B, T, d)
        hiddenStates.push(x);
        attentions.push(out.weights);
      }
      const cls = tf.reshape(tf.slice(x, [0, 0, 0], [B, 1, c.dModel]), [B, c.dModel]); // (B, d)
      const pooled = tf.tanh(this.pooler.forward(cls)) as tf.Tensor2D; // (B, d)
      const result: BertOutput = { hidden: x as tf.Tensor3D, pooled };
      if (options.returnAttention) result.attentions = attentions as tf.Tensor4D[];
      if (options.returnHiddenStates) result.hiddenStates = hiddenStates as tf.Tensor3D[];
      return result;
    });
  }

  /** MLM head: hidden (..., d) → scores over the vocabulary (..., V), decoder tied to word_embeddings. */
  mlmLogits(hidden: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const h = this.mlmNorm.forward(gelu(this.mlmTransform.forward(hidden), 'gelu')); // (..., d)
      return linear(h, this.wordEmbeddings.weight, this.mlmBias); // (..., V)
    });
  }

  /** NSP head: pooled (B, d) → (B, 2) scores for [IsNext, NotNext]. */
  nspLogits(pooled: tf.Tensor): tf.Tensor2D {
    return this.nsp.forward(pooled) as tf.Tensor2D;
  }

  /** Fine-tuning head: pooled (B, d) → (B, numLabels). */
  classifierLogits(pooled: tf.Tensor, training = false): tf.Tensor2D {
    if (this.classifier == null) {
      throw new Error('MiniBert.classifierLogits: modelde sınıflandırıcı yok (verilen: numLabels = 0). ' +
        'Modeli numLabels ile kurun (ör. 2).');
    }
    return tf.tidy(() => this.classifier!.forward(dropout(pooled, this.config.dropout, training))) as tf.Tensor2D;
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>();
    addParameters(m, 'bert.embeddings.word_embeddings', this.wordEmbeddings);
    addParameters(m, 'bert.embeddings.position_embeddings', this.positionEmbeddings);
    addParameters(m, 'bert.embeddings.token_type_embeddings', this.tokenTypeEmbeddings);
    addParameters(m, 'bert.embeddings.LayerNorm', this.embeddingsNorm);
    this.layers.forEach((layer, i) => addParameters(m, `bert.encoder.layer.${i}`, layer));
    addParameters(m, 'bert.pooler.dense', this.pooler);
    addParameters(m, 'cls.predictions.transform.dense', this.mlmTransform);
    addParameters(m, 'cls.predictions.transform.LayerNorm', this.mlmNorm);
    m.set('cls.predictions.bias', this.mlmBias);
    addParameters(m, 'cls.seq_relationship', this.nsp);
    if (this.classifier != null) addParameters(m, 'classifier', this.classifier);
    return m;
  }

  /**
   * Loads weights by Hugging Face name; checks every name and shape. `allowMissing` keeps the
   * current values of tensors not given (e.g. a fresh classifier on a pre-trained encoder).
   */
  setWeights(named: Record<string, tf.Tensor | Float32Array>, options: { allowMissing?: boolean } = {}): void {
    loadParameters('MiniBert', this.namedParameters(), named, options);
  }

  dispose(): void {
    disposeParameters(this.namedParameters());
  }
}
