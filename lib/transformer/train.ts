/**
 * Training the small transformers on lib/tf: the loss (cross-entropy from logits, one fused op
 * whose gradient equals tfjs autodiff on logSoftmax), AdamW (decoupled weight decay,
 * Loshchilov & Hutter 2019, on lib/tf's fused Adam), a step (gradients, optional clipping by
 * global norm, update) and a loop with the guarantees of lib/tf's trainModel: progress sink,
 * `{ stop }` flag checked between steps, `tf.memory().numTensors` flat, seeded by setSeed.
 *
 * Batches: `lmBatch` (random windows of a token stream, next-token targets) for GPT/Llama,
 * `mlmMask` (BERT's 15 % with 80/10/10) and `bertPretrainingLoss` (MLM + NSP) for BERT.
 *
 * Introduced in 4_gpt_transformers.ipynb (LM training) and 3_Bert_transformers.ipynb (MLM + NSP).
 */
import * as tf from '@tensorflow/tfjs';
import { clipByGlobalNorm, FusedAdamOptimizer, fusedSoftmaxCrossEntropy, random, useFusedKernels } from '../tf/ops';
import type { ProgressSink } from '../tf/ops';
import type { MiniBert } from './bert';
import type { DecoderForwardOptions, DecoderOutput } from './decoder';
import type { HasParameters, Ids } from './layers';
import { checkNumber, shown } from '../validate';
import { formatNumber } from '../display/numbers';

/** Targets equal to this are ignored by crossEntropy (PyTorch's and Hugging Face's convention). */
export const IGNORE_INDEX = -100;

/**
 * Mean cross-entropy of logits (..., V) against integer targets (...), skipping IGNORE_INDEX:
 * mean over counted rows of logsumexp(z) − z[y]. On the fast path one op on lib/tf's kernels
 * (fusedSoftmaxCrossEntropy); on the readable path (setFused(false)) the tfjs composition below,
 * differentiated by tfjs — equal values and gradients (readable_path.test.ts).
 * Introduced in 4_gpt_transformers.ipynb.
 */
export function crossEntropy(logits: tf.Tensor, targets: tf.Tensor | Int32Array | number[]): tf.Scalar {
  if (!(logits instanceof tf.Tensor)) {
    throw new TypeError(`crossEntropy: logits (..., V) biçiminde bir tensör olmalı, verilen: ${shown(logits)}. ` +
      'Modelin forward() çıktısındaki logits\'i verin.');
  }
  if (!(targets instanceof tf.Tensor) && !ArrayBuffer.isView(targets) && !Array.isArray(targets)) {
    throw new TypeError(`crossEntropy: targets sınıf numaralarından oluşan bir tensör ya da dizi olmalı, verilen: ` +
      `${shown(targets)}.`);
  }
  const V = logits.shape[logits.rank - 1];
  const rows = logits.size / V;
  const labels = Array.from((targets instanceof tf.Tensor ? targets.dataSync() : targets) as ArrayLike<number>);
  if (labels.length !== rows) {
    throw new Error(`crossEntropy: ${rows} satırlık logits [${logits.shape}] için ${labels.length} hedef geldi; ` +
      'targets, logits\'in son ekseni atılmış biçiminde olmalı (ör. logits (B, T, V) için targets (B, T)).');
  }
  const bad = labels.findIndex((y) => y !== IGNORE_INDEX && !(Number.isInteger(y) && y >= 0 && y < V));
  if (bad >= 0) {
    throw new RangeError(`crossEntropy: ${bad}. satırdaki hedef geçersiz, verilen: ${shown(labels[bad])}. ` +
      `Hedefler [0, ${V - 1}] aralığında tam sayı sınıf numaraları ya da yok sayılacak satırlar için ` +
      `${IGNORE_INDEX} olmalı.`);
  }
  const count = labels.filter((y) => y !== IGNORE_INDEX).length;
  const loss = tf.tidy(() => {
    const useFused = useFusedKernels();
    if (useFused) return fusedSoftmaxCrossEntropy(logits, tf.tensor1d(labels, 'float32'), IGNORE_INDEX);
    // The readable path: −log softmax(z)[y] averaged over the counted rows, in tfjs ops.
    const y = tf.tensor1d(labels, 'int32'); // (rows)
    const counted = tf.notEqual(y, IGNORE_INDEX); // (rows)
    const classes = tf.where(counted, y, tf.zerosLike(y)); // (rows), ignored rows read class 0 (then weighted 0)
    const logProbs = tf.logSoftmax(tf.reshape(logits, [rows, V])); // (rows, V)
    const picked = tf.sum(tf.mul(logProbs, tf.oneHot(classes, V)), -1); // (rows) log p(y)
    return tf.div(tf.neg(tf.sum(tf.mul(picked, tf.cast(counted, 'float32')))), Math.max(count, 1)) as tf.Scalar;
  });
  const value = loss.dataSync()[0];
  if (!Number.isFinite(value)) {
    loss.dispose();
    throw new RangeError(`crossEntropy: kayıp sonlu bir sayı değil, verilen: ${shown(value)}; logits NaN ya da ` +
      'Infinity içeriyor. Eğitim ıraksamış olabilir: öğrenme oranını düşürün ya da gradyanları clipNorm ile ' +
      'kırpın.');
  }
  return loss;
}

/** What lmLoss needs of a model: MiniGpt and MiniLlama. */
export interface NextTokenModel extends HasParameters {
  forward(ids: Ids, options?: DecoderForwardOptions): DecoderOutput;
}

/** Next-token loss: crossEntropy(model(x).logits, y); x, y (B, T). Introduced in 4_gpt_transformers.ipynb. */
export function lmLoss(model: NextTokenModel, x: Ids, y: tf.Tensor | number[][]): tf.Scalar {
  if (typeof model?.forward !== 'function') {
    throw new TypeError(`lmLoss: model bir MiniGpt ya da MiniLlama olmalı, verilen: ${shown(model)}.`);
  }
  if (!(y instanceof tf.Tensor) && !Array.isArray(y)) {
    throw new TypeError(`lmLoss: y (B, T) biçiminde sonraki belirteç hedefleri olmalı (x'in bir kaydırılmışı), ` +
      `verilen: ${shown(y)}.`);
  }
  return tf.tidy(() => {
    const { logits } = model.forward(x, { training: true }); // (B, T, V)
    const targets = y instanceof tf.Tensor ? y : tf.tensor2d(y, undefined, 'int32'); // (B, T)
    return crossEntropy(logits, targets);
  });
}

/**
 * A batch for next-token training: `batchSize` windows of seqLen + 1 tokens at random offsets of
 * `tokens` (seeded by setSeed); x = first seqLen tokens, y = the same shifted by one (nanoGPT's
 * get_batch). Introduced in 4_gpt_transformers.ipynb.
 */
export function lmBatch(tokens: Int32Array | number[], batchSize: number, seqLen: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  if (!Array.isArray(tokens) && !(tokens instanceof Int32Array)) {
    throw new TypeError(`lmBatch: tokens belirteç numaralarından oluşan bir dizi ya da Int32Array olmalı, verilen: ` +
      `${shown(tokens)}.`);
  }
  checkNumber(batchSize, 'lmBatch: batchSize', { integer: true, min: 1 });
  checkNumber(seqLen, 'lmBatch: seqLen', { integer: true, min: 1 });
  if (Array.isArray(tokens)) {
    const bad = tokens.findIndex((id) => !Number.isInteger(id) || id < 0); // an Int32Array copy would turn NaN into 0 silently
    if (bad >= 0) {
      throw new RangeError(`lmBatch: tokens[${bad}] geçersiz, verilen: ${shown(tokens[bad])}. ` +
        `Belirteç numaraları 0 ya da daha büyük tam sayılardır.`);
    }
  }
  if (tokens.length < seqLen + 1) {
    throw new Error(`lmBatch: en az seqLen + 1 = ${seqLen + 1} belirteç gerekli, verilen: ${tokens.length}. ` +
      `Daha kısa bir seqLen verin.`);
  }
  const x = new Int32Array(batchSize * seqLen);
  const y = new Int32Array(batchSize * seqLen);
  for (let b = 0; b < batchSize; b++) {
    const start = Math.floor(random() * (tokens.length - seqLen));
    for (let t = 0; t < seqLen; t++) {
      x[b * seqLen + t] = tokens[start + t];
      y[b * seqLen + t] = tokens[start + t + 1];
    }
  }
  return { x: tf.tensor2d(x, [batchSize, seqLen], 'int32'), y: tf.tensor2d(y, [batchSize, seqLen], 'int32') };
}

export interface MlmMaskOptions {
  vocabSize: number;
  /** Id of [MASK]. */
  maskId: number;
  /** Ids never chosen for prediction ([CLS], [SEP], [PAD], …). */
  specialIds: number[];
  /** Share of tokens to predict (default 0.15). */
  probability?: number;
}

/**
 * BERT's masking (Devlin et al. 2019, §3.1): each non-special token is chosen with probability
 * 15 %; a chosen token becomes [MASK] 80 % of the time, a random token 10 %, stays 10 %; labels
 * hold the original id at chosen positions and IGNORE_INDEX elsewhere. Seeded by setSeed.
 * Introduced in 3_Bert_transformers.ipynb.
 */
export function mlmMask(ids: number[][], options: MlmMaskOptions): { inputs: number[][]; labels: number[][] } {
  if (options == null || typeof options !== 'object') {
    throw new TypeError(`mlmMask: options { vocabSize, maskId, specialIds } biçiminde olmalı, verilen: ` +
      `${shown(options)}.`);
  }
  checkNumber(options.vocabSize, 'mlmMask: vocabSize', { integer: true, min: 1 });
  checkNumber(options.maskId, 'mlmMask: maskId', { integer: true, min: 0, max: options.vocabSize, below: true });
  const p = checkNumber(options.probability ?? 0.15, 'mlmMask: probability', { min: 0, max: 1 });
  const special = new Set(options.specialIds);
  const inputs = ids.map((row) => [...row]);
  const labels = ids.map((row) => row.map(() => IGNORE_INDEX));
  ids.forEach((row, b) => row.forEach((id, t) => {
    if (special.has(id) || random() >= p) return;
    labels[b][t] = id;
    const r = random();
    if (r < 0.8) inputs[b][t] = options.maskId;
    else if (r < 0.9) inputs[b][t] = Math.floor(random() * options.vocabSize);
  }));
  return { inputs, labels };
}

export interface BertBatch {
  ids: Ids;
  tokenTypeIds?: Ids;
  attentionMask?: tf.Tensor | number[][];
  /** (B, T) original ids at masked positions, IGNORE_INDEX elsewhere (from mlmMask). */
  mlmLabels: number[][];
  /** (B) 0 = sentence B follows A, 1 = random; omit for MLM only. */
  nspLabels?: number[];
}

/** The total pre-training loss and its parts (nsp only when nspLabels were given). */
export type BertLosses = { loss: tf.Scalar; mlm: tf.Scalar; nsp?: tf.Scalar };

/**
 * BERT pre-training loss: MLM cross-entropy over the masked positions (only their vectors go
 * through the MLM head) plus NSP cross-entropy. Introduced in 3_Bert_transformers.ipynb.
 */
export function bertPretrainingLoss(model: MiniBert, batch: BertBatch): BertLosses {
  if (batch == null || typeof batch !== 'object') throw new TypeError('bertPretrainingLoss: batch { ids, mlmLabels, ' +
    'tokenTypeIds?, attentionMask?, nspLabels? } biçiminde ' +
      `olmalı, verilen: ${shown(batch)}.`);
  return tf.tidy((): BertLosses => {
    const { ids, tokenTypeIds, attentionMask } = batch;
    const out = model.forward(ids, { tokenTypeIds, attentionMask, training: true });
    const [B, T, d] = out.hidden.shape;
    const flat = batch.mlmLabels.flat();
    if (flat.length !== B * T) {
      throw new Error(`bertPretrainingLoss: mlmLabels ids ile aynı şekilde (${B}, ${T}) olmalı, verilen: ` +
        `${flat.length} etiket.`);
    }
    const positions = flat.flatMap((label, i) => (label === IGNORE_INDEX ? [] : [i]));
    if (positions.length === 0) {
      throw new Error(`bertPretrainingLoss: yığında maskelenmiş konum yok (verilen: her mlmLabel ${IGNORE_INDEX}); ` +
        `mlmMask(...) ile maskeleyin.`);
    }
    const chosen = tf.gather(tf.reshape(out.hidden, [B * T, d]), tf.tensor1d(positions, 'int32')); // (N, d)
    const mlm = crossEntropy(model.mlmLogits(chosen), positions.map((i) => flat[i])); // MLM head (N, V)
    if (batch.nspLabels == null) return { loss: mlm, mlm };
    const nsp = crossEntropy(model.nspLogits(out.pooled), batch.nspLabels); // (B, 2)
    return { loss: tf.add(mlm, nsp) as tf.Scalar, mlm, nsp };
  });
}

/** What the input showed at a position chosen for MLM: [MASK], another (random) token, or the token itself. */
export type MlmPositionKind = 'mask' | 'random' | 'unchanged';

/**
 * MLM loss (nats) at every chosen position of a masked batch (mlmMask's 80/10/10), with what the input showed there:
 * at 'mask' only the context can tell the token, at 'unchanged' the input shows it, at 'random' a wrong one. Evaluation
 * mode (no dropout, no gradients). A random replacement that drew the right token counts as 'unchanged' (1 in V).
 * Introduced in 3_Bert_transformers.ipynb, to compare the loss at [MASK] alone with a frequency-only baseline.
 */
export function mlmLossesByKind(model: MiniBert, batch: BertBatch, maskId: number): { label: number; kind: MlmPositionKind; loss: number }[] {
  const inputs = (Array.isArray(batch?.ids) ? batch.ids as number[][] : null)?.flat();
  if (inputs == null) throw new TypeError(`mlmLossesByKind: batch.ids (B, T) sayı dizisi olmalı; verilen: ${shown(batch?.ids)}.`);
  const labels = batch.mlmLabels.flat();
  const positions = labels.flatMap((label, i) => (label === IGNORE_INDEX ? [] : [i]));
  if (positions.length === 0) return [];
  const losses = tf.tidy(() => {
    const { hidden } = model.forward(batch.ids, { tokenTypeIds: batch.tokenTypeIds, attentionMask: batch.attentionMask });   // (B, T, d)
    const [B, T, d] = hidden.shape;
    const chosen = tf.gather(tf.reshape(hidden, [B * T, d]), tf.tensor1d(positions, 'int32'));                            // (N, d)
    const logp = tf.logSoftmax(model.mlmLogits(chosen));                                                                  // (N, V)
    const target = tf.oneHot(tf.tensor1d(positions.map((i) => labels[i]), 'int32'), model.config.vocabSize);                 // (N, V)
    return Array.from(tf.neg(tf.sum(tf.mul(logp, target), 1)).dataSync());                                               // (N)
  });
  return positions.map((i, k) => ({ label: labels[i], loss: losses[k],
    kind: inputs[i] === maskId ? 'mask' : inputs[i] === labels[i] ? 'unchanged' : 'random' }));
}

/**
 * AdamW: Adam with decoupled weight decay, p ← p·(1 − lr·λ) before each Adam update, as
 * torch.optim.AdamW. Decay applies to matrices (rank ≥ 2: Linear and embedding weights), not to
 * biases and norm gains (nanoGPT's grouping). Defaults as PyTorch: β = (0.9, 0.999), ε = 1e-8,
 * λ = 0.01. Introduced in 4_gpt_transformers.ipynb.
 */
export class AdamW extends FusedAdamOptimizer {
  constructor(readonly lr: number, readonly weightDecay = 0.01, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8) {
    super(lr, beta1, beta2, epsilon);
    checkNumber(weightDecay, 'adamW: weightDecay', { min: 0 });
  }

  override applyGradients(variableGradients: Parameters<FusedAdamOptimizer['applyGradients']>[0]): void {
    if (this.weightDecay > 0) {
      const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
      const keep = Math.fround(1 - this.lr * this.weightDecay);
      tf.tidy(() => {
        for (const name of names) {
          const v = tf.engine().registeredVariables[name];
          if (v != null && v.rank >= 2) v.assign(tf.mul(v, keep));
        }
      });
    }
    super.applyGradients(variableGradients);
  }
}

/** AdamW with PyTorch's defaults; see AdamW. Introduced in 4_gpt_transformers.ipynb. */
export function adamW(lr = 1e-3,
                      options: { weightDecay?: number; beta1?: number; beta2?: number; epsilon?: number } = {}): AdamW {
  const o = options ?? {};
  return new AdamW(lr, o.weightDecay ?? 0.01, o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.epsilon ?? 1e-8);
}

export interface StepOptions {
  /** Default adamW(1e-3). */
  optimizer?: tf.Optimizer;
  /** Scale gradients so their global L2 norm is at most this (torch.nn.utils.clip_grad_norm_). */
  clipNorm?: number;
}

/**
 * One training step: `loss(batch)` (a scalar computed from the model, training: true), its
 * gradients with respect to every parameter, optional clipping, the optimizer update. Returns
 * (batch) → loss before the update. Introduced in 4_gpt_transformers.ipynb.
 */
export function makeTransformerStep<B>(model: HasParameters, loss: (batch: B) => tf.Scalar,
                                       options: StepOptions = {}): (batch: B) => number {
  if (typeof model?.namedParameters !== 'function') throw new TypeError('makeTransformerStep: model bir MiniGpt, ' +
    'MiniLlama ya da MiniBert (namedParameters() yöntemiyle) olmalı, ' +
      `verilen: ${shown(model)}.`);
  if (typeof loss !== 'function') throw new TypeError('makeTransformerStep: loss (batch) ' +
    '=> skaler biçiminde bir fonksiyon olmalı, ör. (b) => lmLoss(model, b.x, b.y); ' +
      `verilen: ${shown(loss)}.`);
  if (options.clipNorm != null) checkNumber(options.clipNorm, 'makeTransformerStep: clipNorm', { min: 0, above: true });
  const optimizer = options.optimizer ?? adamW(1e-3);
  const variables = [...new Set(model.namedParameters().values())];
  return (batch) => {
    const value = tf.tidy(() => {
      const { value: l, grads } = tf.variableGrads(() => loss(batch), variables);
      optimizer.applyGradients(options.clipNorm == null ? grads : clipByGlobalNorm(grads, options.clipNorm).grads);
      return l.dataSync()[0];
    });
    return value;
  };
}

export interface TransformerProgress {
  step: number; // 1-based
  steps: number;
  /** Mean loss of the steps since the last report. */
  loss: number;
  seconds: number;
}

export interface TrainTransformerOptions<B> extends StepOptions {
  steps: number;
  /** The batch for step i (0-based), e.g. () => lmBatch(tokens, 32, 64); its tensors are disposed after the step. */
  batch: (step: number) => B;
  /** The loss of a batch, e.g. (b) => lmLoss(model, b.x, b.y). */
  loss: (batch: B) => tf.Scalar;
  /** Set `stop.stop = true` to end after the current step. */
  stop?: { stop: boolean };
  /** A display whose total is `steps` (lib/display's newProgress). */
  progress?: ProgressSink;
  onProgress?: (p: TransformerProgress) => void;
  /** Minimum milliseconds between progress reports (and event-loop yields). Default 200. */
  progressEveryMs?: number;
  /** Every `evalEvery` steps (and after the last), call `evaluate` (e.g. a validation loss). */
  evalEvery?: number;
  evaluate?: () => number;
}

export interface TransformerHistory {
  /** Loss of every step. */
  losses: number[];
  /** evaluate() results by step. */
  evals: Array<{ step: number; loss: number }>;
  stopped: boolean;
  seconds: number;
}

/**
 * Trains for `steps` steps; returns every step's loss. tf.memory().numTensors is the same before
 * and after (the optimizer's state, created on the first step, aside). Introduced in 4_gpt_transformers.ipynb.
 */
export async function trainTransformer<B extends tf.TensorContainer>(model: HasParameters,
                                                                     options: TrainTransformerOptions<B>): Promise<TransformerHistory> {
  if (options == null || typeof options !== 'object') {
    throw new TypeError(`trainTransformer: options { steps, batch, loss } biçiminde olmalı, verilen: ${shown(options)}.`);
  }
  if (!Number.isInteger(options.steps) || options.steps < 0) {
    throw new Error(`trainTransformer: steps negatif olmayan bir tam sayı olmalı, verilen: ${shown(options.steps)}.`);
  }
  if (typeof options.batch !== 'function') throw new TypeError('trainTransformer: batch (step) ' +
    '=> yığın biçiminde bir fonksiyon olmalı, ör. () => lmBatch(tokens, 32, 64); ' +
      `verilen: ${shown(options.batch)}.`);
  if (options.evalEvery != null) checkNumber(options.evalEvery, 'trainTransformer: evalEvery', { integer: true, min: 1 });
  const step = makeTransformerStep(model, options.loss, options);
  const every = options.progressEveryMs ?? 200;
  const history: TransformerHistory = { losses: [], evals: [], stopped: false, seconds: 0 };
  const start = performance.now();
  let last = start;
  let sinceReport: number[] = [];
  for (let i = 0; i < options.steps; i++) {
    if (options.stop?.stop) {
      history.stopped = true;
      break;
    }
    const batch = options.batch(i);
    let loss: number;
    try {
      loss = step(batch);
    } finally {
      tf.dispose(batch);
    }
    history.losses.push(loss);
    sinceReport.push(loss);
    const isLast = i === options.steps - 1;
    if (options.evaluate != null && options.evalEvery != null && ((i + 1) % options.evalEvery === 0 || isLast)) {
      history.evals.push({ step: i + 1, loss: tf.tidy(options.evaluate) });
    }
    const now = performance.now();
    if (now - last >= every || isLast) {
      const mean = sinceReport.reduce((a, b) => a + b, 0) / sinceReport.length;
      sinceReport = [];
      last = now;
      const seconds = (now - start) / 1000;
      options.onProgress?.({ step: i + 1, steps: options.steps, loss: mean, seconds });
      options.progress?.update(i + 1, `adım ${i + 1}/${options.steps} · kayıp ${formatNumber(mean, { digits: 3 })}`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  history.seconds = (performance.now() - start) / 1000;
  const final = history.losses[history.losses.length - 1];
  const summary = final == null ? undefined
    : `${history.losses.length} adım · son kayıp ${formatNumber(final, { digits: 3 })}${history.stopped ? ' · durduruldu' : ''}`;
  options.progress?.finish(summary);
  return history;
}
