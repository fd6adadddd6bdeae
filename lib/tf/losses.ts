/**
 * Cross-entropy losses on probabilities as single ops (value and gradient each one pass in
 * JavaScript), with the same values and gradients as tfjs-layers' 'sparseCategoricalCrossentropy'
 * and 'categoricalCrossentropy' on softmax outputs (ε = 1e-7, as tfjs-layers' epsilon()):
 *
 *   sparse:      p = clip(yPred, ε, 1-ε);  q = clip(p[y] / Σp, ε, 1-ε);  loss = -log q
 *                ∂/∂yPred[j] = [ε ≤ yPred[j] ≤ 1-ε] · (1/Σp − [j = y] / p[y])        (0 if q clipped)
 *   categorical: q = clip(yPred / ΣyPred, ε, 1-ε);  loss = -Σ t·log q
 *                ∂/∂yPred[j] = (Σ_{k: q_k unclipped} t_k) / ΣyPred − [q_j unclipped] · t_j / yPred[j]
 *
 * tfjs composes these from ~10 ops whose gradients include comparison and logical kernels that the
 * wasm backend runs slowly (~0.1 ms each on [32, 800]). Unlike tfjs, a sparse label outside
 * [0, numClasses) raises an error instead of silently contributing 0.
 *
 * tfjs-layers' fit()/trainOnBatch() accept [batch, 1] integer targets only with its own
 * sparse loss, so these are meant for lib/tf's trainModel() (which picks them automatically).
 * Introduced in 2_LSTM.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import { assertTensor, shown } from '../validate';

const EPS = Math.fround(1e-7);
const ONE_MINUS_EPS = Math.fround(1 - 1e-7);

function clip(v: number): number {
  return v < EPS ? EPS : v > ONE_MINUS_EPS ? ONE_MINUS_EPS : v;
}

function unclipped(v: number): boolean {
  return v >= EPS && v <= ONE_MINUS_EPS;
}

function checkPredictions(name: string, yTrue: tf.Tensor, yPred: tf.Tensor): number {
  assertTensor(yTrue, `${name}(yTrue)`);
  assertTensor(yPred, `${name}(yPred)`);
  if (yPred.rank < 2 || yPred.dtype !== 'float32') {
    throw new TypeError(`${name}: tahminler float32 [batchSize, numClasses] olmalı; verilen: ${yPred.dtype} [${yPred.shape}].`);
  }
  return yPred.shape[yPred.rank - 1];
}

/** A prediction read in the loss loop: a probability, or a clear error (NaN means the run diverged). */
function checkProbability(name: string, p: number, r: number, j: number): number {
  if (!(p >= 0 && p < Infinity)) {
    throw new RangeError(
      `${name}: tahmin [${r}, ${j}] = ${shown(p)}; tahminler negatif olmayan sonlu olasılıklar (softmax çıktısı) olmalı. ` +
        'NaN ise eğitim ıraksamış olabilir: öğrenme oranını düşürün ya da clipNorm kullanın.',
    );
  }
  return p;
}

/**
 * Sparse categorical cross-entropy. yTrue: class indices, [batchSize] or [batchSize, 1];
 * yPred: probabilities [batchSize, numClasses]. Returns the per-sample loss [batchSize].
 * Introduced in 2_LSTM.ipynb.
 */
export function fusedSparseCategoricalCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const name = 'sparseCategoricalCrossentropy';
  const numClasses = checkPredictions(name, yTrue, yPred);
  const rows = yPred.size / numClasses;
  if (yTrue.size !== rows) {
    throw new RangeError(`${name}: ${rows} tahmin satırı için ${yTrue.size} etiket var (etiketler [${yTrue.shape}], ` +
      `tahminler [${yPred.shape}]); her satır için bir sınıf numarası verin.`);
  }
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [labelsTensor, predTensor] = args as tf.Tensor[];
    const labels = labelsTensor.dataSync();
    const pred = predTensor.dataSync();
    const sums = new Float64Array(rows);
    const classes = new Int32Array(rows);
    const qPasses = new Uint8Array(rows);
    const loss = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      const y = labels[r];
      if (!(Number.isInteger(y) && y >= 0 && y < numClasses)) {
        throw new RangeError(`${name}: ${r}. satırın etiketi ${shown(y)}; etiketler 0..${numClasses - 1} arasında tam sayı sınıf numaraları olmalı.`);
      }
      const base = r * numClasses;
      let s = 0;
      for (let j = 0; j < numClasses; j++) s += clip(checkProbability(name, pred[base + j], r, j));
      s = Math.fround(s);
      const q = Math.fround(clip(pred[base + y]) / s);
      classes[r] = y;
      sums[r] = s;
      qPasses[r] = unclipped(q) ? 1 : 0;
      loss[r] = -Math.log(clip(q));
    }
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const upstream = dy.dataSync();
      const grad = new Float32Array(rows * numClasses);
      for (let r = 0; r < rows; r++) {
        if (qPasses[r] === 0) continue;
        const base = r * numClasses;
        const g = upstream[r];
        const inv = 1 / sums[r];
        for (let j = 0; j < numClasses; j++) if (unclipped(pred[base + j])) grad[base + j] = g * inv;
        const py = pred[base + classes[r]];
        if (unclipped(py)) grad[base + classes[r]] = g * (inv - 1 / py);
      }
      return [tf.zerosLike(labelsTensor), tf.tensor(grad, yPred.shape, 'float32')];
    };
    return { value: tf.tensor(loss, yPred.shape.slice(0, -1), 'float32'), gradFunc };
  });
  return op(yTrue, yPred);
}

/**
 * Categorical cross-entropy. yTrue: one-hot (or soft) targets and yPred: probabilities, both
 * [batchSize, numClasses]. Returns the per-sample loss [batchSize]. Introduced in 2_LSTM.ipynb.
 */
export function fusedCategoricalCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const name = 'categoricalCrossentropy';
  const numClasses = checkPredictions(name, yTrue, yPred);
  if (yTrue.shape.length !== yPred.shape.length || yTrue.shape.some((d, i) => d !== yPred.shape[i])) {
    throw new RangeError(`${name}: hedeflerin şekli [${yTrue.shape}] tahminlerinkiyle [${yPred.shape}] aynı olmalı ` +
      '(one-hot satırlar); sınıf numaraları için sparseCategoricalCrossentropy kullanın.');
  }
  const rows = yPred.size / numClasses;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [targetTensor, predTensor] = args as tf.Tensor[];
    const target = targetTensor.dataSync();
    const pred = predTensor.dataSync();
    const sums = new Float64Array(rows);
    const loss = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      const base = r * numClasses;
      let s = 0;
      for (let j = 0; j < numClasses; j++) {
        s += checkProbability(name, pred[base + j], r, j);
        const t = target[base + j];
        if (!(t >= 0 && t <= 1)) {
          throw new RangeError(`${name}: hedef [${r}, ${j}] = ${shown(t)}; hedefler 0 ile 1 arasında olasılıklar (one-hot) olmalı.`);
        }
      }
      s = Math.fround(s);
      sums[r] = s;
      let l = 0;
      for (let j = 0; j < numClasses; j++) {
        if (target[base + j] !== 0) l -= target[base + j] * Math.log(clip(Math.fround(pred[base + j] / s)));
      }
      loss[r] = l;
    }
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const upstream = dy.dataSync();
      const grad = new Float32Array(rows * numClasses);
      for (let r = 0; r < rows; r++) {
        const base = r * numClasses;
        const s = sums[r];
        let mass = 0;
        for (let j = 0; j < numClasses; j++) {
          if (target[base + j] !== 0 && unclipped(Math.fround(pred[base + j] / s))) mass += target[base + j];
        }
        const g = upstream[r];
        for (let j = 0; j < numClasses; j++) {
          const t = target[base + j];
          const direct = t !== 0 && unclipped(Math.fround(pred[base + j] / s)) ? t / pred[base + j] : 0;
          grad[base + j] = g * (mass / s - direct);
        }
      }
      return [tf.zerosLike(targetTensor), tf.tensor(grad, yPred.shape, 'float32')];
    };
    return { value: tf.tensor(loss, yPred.shape.slice(0, -1), 'float32'), gradFunc };
  });
  return op(yTrue, yPred);
}
