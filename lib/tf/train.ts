/**
 * The training loop notebooks use: mini-batch gradient descent on a compiled tf.LayersModel with
 * progress callbacks, a stop flag honoured between batches, seeded shuffling (lib/tf/seed) and
 * flat memory (`tf.memory().numTensors` is the same after every epoch).
 *
 * One step is `optimizer.minimize(mean(loss(y, model(x))) + regularizers)` — what tfjs-layers'
 * fit() computes — without fit()'s per-batch bookkeeping. Cross-entropy losses given by name use
 * the fused versions in ./losses (same values and gradients, one op each).
 *
 * Display is not done here: pass `onProgress` / `onEpochEnd` (e.g. to lib/display's progress).
 * Introduced in 1_RNN.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedCategoricalCrossentropy, fusedSparseCategoricalCrossentropy } from './losses';
import { checkModel, checkTrainingData } from './check-data';
import { assertObject, checkNumber, shown } from '../validate';
import { formatNumber, formatPercent } from '../display/numbers';
import { permutation } from '../random';

/** (yTrue, yPred) → per-sample loss, as tfjs-layers losses. */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

const LOSSES: Record<string, LossFn> = {
  sparseCategoricalCrossentropy: fusedSparseCategoricalCrossentropy,
  categoricalCrossentropy: fusedCategoricalCrossentropy,
  binaryCrossentropy: tf.metrics.binaryCrossentropy,
  meanSquaredError: tf.metrics.meanSquaredError,
  mse: tf.metrics.meanSquaredError,
  meanAbsoluteError: tf.metrics.meanAbsoluteError,
  mae: tf.metrics.meanAbsoluteError,
};

/** The loss function for a name ('sparseCategoricalCrossentropy', ...) or a function. */
export function resolveLoss(loss: string | LossFn | undefined): LossFn {
  if (typeof loss === 'function') return loss;
  if (typeof loss === 'string' && loss in LOSSES) return LOSSES[loss];
  throw new RangeError(`trainModel: kayıp ${shown(loss)} desteklenmiyor; ${Object.keys(LOSSES).join(', ')} adlarından birini ` +
    'ya da (yTrue, yPred) => örnek başına kayıp veren bir fonksiyon verin.');
}

export interface TrainStepOptions {
  /** Loss name or function; default: the loss given to model.compile(). */
  loss?: string | LossFn;
  /** Default: the optimizer given to model.compile(). */
  optimizer?: tf.Optimizer;
  /**
   * Gradient clipping: when the global norm of all gradients exceeds clipNorm, scale them down to
   * it (Keras's `global_clipnorm`). Guards against exploding gradients. Default: no clipping.
   */
  clipNorm?: number;
}

/**
 * Scales `grads` so that their global norm sqrt(Σ‖g‖²) is at most `maxNorm` (unchanged if it is
 * already). Returns the clipped gradients and the norm before clipping. Introduced in 1_RNN.ipynb.
 */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): { grads: tf.NamedTensorMap; norm: number } {
  // Infinity is allowed and means "no clipping" (1_RNN compares runs with and without clipping this way).
  if (maxNorm !== Infinity) checkNumber(maxNorm, 'clipNorm', { min: 0, above: true, hint: 'Örneğin 1 ya da 5 verin; kırpmamak için Infinity.' });
  if (grads === null || typeof grads !== 'object') {
    throw new TypeError(`clipByGlobalNorm: grads ad → gradyan tensörü eşlemesi olmalı (optimizer.computeGradients çıktısı); verilen: ${shown(grads)}.`);
  }
  const names = Object.keys(grads);
  const norm = Math.sqrt(tf.tidy(() => tf.addN(names.map((n) => tf.sum(tf.square(grads[n])))).dataSync()[0]));
  if (norm <= maxNorm) return { grads, norm };
  const factor = maxNorm / norm;
  return { grads: Object.fromEntries(names.map((n) => [n, tf.mul(grads[n], factor)])), norm };
}

/**
 * One training step on a batch: returns a function (X, y) → loss that updates the model's weights.
 * X: [batchSize, ...inputShape]; y: targets for the model's single output.
 * Introduced in 1_RNN.ipynb.
 */
export function makeTrainStep(model: tf.LayersModel, options: TrainStepOptions = {}): (X: tf.Tensor, y: tf.Tensor) => number {
  checkModel(model, 'makeTrainStep');
  assertObject(options, 'makeTrainStep options');
  if (model.outputs.length !== 1) throw new Error('trainModel: yalnızca tek çıktılı modeller destekleniyor; modelin çıktı sayısı ' + model.outputs.length + '.');
  const optimizer = options.optimizer ?? model.optimizer;
  if (optimizer == null) throw new Error('trainModel: önce modeli derleyin (model.compile({ optimizer, loss })) ya da optimizer verin.');
  const lossFn = resolveLoss(options.loss ?? (typeof model.loss === 'string' || typeof model.loss === 'function' ? model.loss : undefined));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { clipNorm } = options;
  if (clipNorm !== undefined) checkNumber(clipNorm, 'trainModel: clipNorm', { min: 0, above: true, hint: 'Örneğin 1 ya da 5 verin.' });
  const objective = (X: tf.Tensor, y: tf.Tensor) => () => {
    const yPred = model.apply(X, { training: true }) as tf.Tensor;
    let total = tf.mean(lossFn(y, yPred)) as tf.Scalar;
    for (const penalty of model.calculateLosses()) total = tf.add(total, penalty);
    return total;
  };
  return (X, y) => {
    let cost: tf.Scalar | null;
    if (clipNorm === undefined) {
      cost = optimizer.minimize(objective(X, y), true, variables);
    } else {
      cost = tf.tidy(() => {
        const { value, grads } = optimizer.computeGradients(objective(X, y), variables);
        optimizer.applyGradients(clipByGlobalNorm(grads, clipNorm).grads);
        return value;
      });
    }
    if (cost == null) throw new Error('trainModel: optimizer bir kayıp değeri döndürmedi; kayıp fonksiyonunun skaler döndürdüğünü kontrol edin.');
    const value = cost.dataSync()[0];
    cost.dispose();
    return value;
  };
}

/** Progress reported while training (at most every `progressEveryMs`). */
export interface TrainProgress {
  epoch: number; // 1-based
  epochs: number;
  batch: number; // 1-based within the epoch
  batches: number;
  /** Mean loss of the epoch so far. */
  loss: number;
  /** Seconds since training started. */
  seconds: number;
}

export interface EpochLog {
  epoch: number; // 1-based
  loss: number;
  valLoss?: number;
  valAccuracy?: number;
  seconds: number;
}

/** Anything with lib/display's Progress shape (newProgress({label, total: epochs})). */
export interface ProgressSink {
  update(done: number, info?: string): void;
  finish(info?: string): void;
}

export interface TrainOptions extends TrainStepOptions {
  epochs: number;
  batchSize?: number;
  /** Reshuffle the examples every epoch (seeded by setSeed). Default true. */
  shuffle?: boolean;
  /** Held-out [X, y] evaluated after each epoch. */
  validationData?: [tf.Tensor, tf.Tensor];
  /** Set `stop.stop = true` (from a callback or another cell) to end after the current batch. */
  stop?: { stop: boolean };
  onProgress?: (progress: TrainProgress) => void;
  /** A progress display whose total is `epochs`: gets completed epochs and the running loss. */
  progress?: ProgressSink;
  onEpochEnd?: (log: EpochLog) => void | Promise<void>;
  /** Minimum milliseconds between onProgress calls (and event-loop yields). Default 200. */
  progressEveryMs?: number;
}

export interface TrainHistory {
  epochs: EpochLog[];
  /** Loss of every batch, in order. */
  batchLosses: number[];
  /** True if training ended through the stop flag. */
  stopped: boolean;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Trains `model` on X [numExamples, ...] and y [numExamples, ...] for `epochs` epochs of
 * mini-batches. Returns the history; tf.memory().numTensors is unchanged afterwards.
 * Introduced in 1_RNN.ipynb.
 */
export async function trainModel(model: tf.LayersModel, X: tf.Tensor, y: tf.Tensor, options: TrainOptions): Promise<TrainHistory> {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`trainModel: options en az epochs içeren bir nesne olmalı (ör. { epochs: 10, batchSize: 32 }); verilen: ${shown(options)}.`);
  }
  checkModel(model, 'trainModel');
  const epochs = checkNumber(options.epochs, 'trainModel: epochs', { integer: true, min: 0 });
  const batchSize = checkNumber(options.batchSize ?? 32, 'trainModel: batchSize', { integer: true, min: 1 });
  const lossFn = resolveLoss(options.loss ?? (typeof model.loss === 'string' || typeof model.loss === 'function' ? model.loss : undefined));
  checkTrainingData(model, X, y, lossFn, 'trainModel');
  if (options.validationData != null) checkTrainingData(model, ...options.validationData, lossFn, 'trainModel (validationData)');
  const n = X.shape[0];
  if (n === 0) throw new RangeError('trainModel: X hiç eğitim örneği içermiyor (ilk boyut 0); veriyi hazırlayan hücreyi kontrol edin.');
  const step = makeTrainStep(model, options);
  const progressEvery = options.progressEveryMs ?? 200;
  const batches = Math.ceil(n / batchSize);
  const history: TrainHistory = { epochs: [], batchLosses: [], stopped: false };
  const start = performance.now();
  let lastReport = start;

  for (let epoch = 1; epoch <= epochs && !history.stopped; epoch++) {
    const order = Int32Array.from(options.shuffle === false ? Array.from({ length: n }, (_, i) => i) : permutation(n));
    let sum = 0;
    let seen = 0;
    for (let b = 0; b < batches; b++) {
      if (options.stop?.stop) {
        history.stopped = true;
        break;
      }
      const idx = order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize));
      const loss = tf.tidy(() => {
        const indices = tf.tensor1d(idx, 'int32');
        return step(tf.gather(X, indices), tf.gather(y, indices));
      });
      history.batchLosses.push(loss);
      sum += loss * idx.length;
      seen += idx.length;
      const now = performance.now();
      if (now - lastReport >= progressEvery || b === batches - 1) {
        lastReport = now;
        options.onProgress?.({ epoch, epochs, batch: b + 1, batches, loss: sum / seen, seconds: (now - start) / 1000 });
        options.progress?.update(epoch - 1, `epok ${epoch}/${epochs} · yığın ${b + 1}/${batches} · kayıp ${formatNumber(sum / seen, { digits: 3 })}`);
        // Let displays render and other cells' code (e.g. a stop button) run.
        await yieldToEventLoop();
      }
    }
    if (seen === 0) break;
    const log: EpochLog = { epoch, loss: sum / seen, seconds: (performance.now() - start) / 1000 };
    if (options.validationData != null) Object.assign(log, evaluateModel(model, ...options.validationData, { loss: lossFn, batchSize }));
    history.epochs.push(log);
    options.progress?.update(epoch, epochSummary(log));
    await options.onEpochEnd?.(log);
    await yieldToEventLoop();
  }
  const last = history.epochs[history.epochs.length - 1];
  options.progress?.finish(last != null ? epochSummary(last) + (history.stopped ? ' · durduruldu' : '') : undefined);
  return history;
}

function epochSummary(log: EpochLog): string {
  const parts = [`epok ${log.epoch}`, `kayıp ${formatNumber(log.loss, { digits: 3 })}`];
  if (log.valLoss !== undefined) parts.push(`doğrulama kaybı ${formatNumber(log.valLoss, { digits: 3 })}`);
  if (log.valAccuracy !== undefined) parts.push(`doğrulama doğruluğu ${formatPercent(log.valAccuracy)}`);
  return parts.join(' · ');
}

/**
 * Mean loss and, for classification losses, accuracy of `model` on X, y (inference mode).
 * Introduced in 1_RNN.ipynb.
 */
export function evaluateModel(model: tf.LayersModel, X: tf.Tensor, y: tf.Tensor,
                              options: { loss?: string | LossFn; batchSize?: number } = {}): { valLoss: number; valAccuracy?: number } {
  checkModel(model, 'evaluateModel');
  assertObject(options, 'evaluateModel options');
  if (options.batchSize !== undefined) checkNumber(options.batchSize, 'evaluateModel: batchSize', { integer: true, min: 1 });
  const lossFn = resolveLoss(options.loss ?? (typeof model.loss === 'string' || typeof model.loss === 'function' ? model.loss : undefined));
  checkTrainingData(model, X, y, lossFn, 'evaluateModel');
  return tf.tidy(() => {
    const yPred = model.predict(X, { batchSize: options.batchSize ?? 256 }) as tf.Tensor;
    const valLoss = tf.mean(lossFn(y, yPred)).dataSync()[0];
    let correct: tf.Tensor | null = null;
    if (lossFn === fusedSparseCategoricalCrossentropy) {
      correct = tf.equal(tf.argMax(yPred, -1), tf.cast(tf.reshape(y, [-1]), 'int32'));
    } else if (lossFn === fusedCategoricalCrossentropy) {
      correct = tf.equal(tf.argMax(yPred, -1), tf.argMax(y, -1));
    } else if (lossFn === tf.metrics.binaryCrossentropy) {
      correct = tf.equal(tf.greater(yPred, 0.5), tf.greater(y, 0.5));
    }
    const valAccuracy = correct == null ? undefined : tf.mean(tf.cast(correct, 'float32')).dataSync()[0];
    return { valLoss, valAccuracy };
  });
}
