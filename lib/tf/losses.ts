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
import { useFusedKernels } from './fused';
import { kernelHeap, KernelHeap } from './wasm/heap';

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

/** The loss's name as tfjs-layers spells it (compile({ loss })); our error messages begin with it. */
const SPARSE = 'sparseCategoricalCrossentropy';

/**
 * Sparse categorical cross-entropy. yTrue: class indices, [batchSize] or [batchSize, 1];
 * yPred: probabilities [batchSize, numClasses]. Returns the per-sample loss [batchSize].
 * Introduced in 2_LSTM.ipynb.
 */
export function fusedSparseCategoricalCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const name = SPARSE;
  const numClasses = checkPredictions(name, yTrue, yPred);
  const rows = yPred.size / numClasses;
  if (yTrue.size !== rows) {
    throw new RangeError(`${name}: ${rows} tahmin satırı için ${yTrue.size} etiket var (etiketler [${yTrue.shape}], ` +
      `tahminler [${yPred.shape}]); her satır için bir sınıf numarası verin.`);
  }
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [labelsTensor, predTensor] = args as tf.Tensor[];
    const save = args[2] as tf.GradSaveFunc;
    const labels = labelsTensor.dataSync();
    for (let r = 0; r < rows; r++) {
      const y = labels[r];
      if (!(Number.isInteger(y) && y >= 0 && y < numClasses)) {
        throw new RangeError(`${name}: ${r}. satırın etiketi ${shown(y)}; etiketler 0..${numClasses - 1} arasında tam sayı sınıf numaraları olmalı.`);
      }
    }
    save([predTensor]); // the labels' gradient is zeros: only their shape and dtype are needed
    const { shape: labelsShape, dtype: labelsDtype } = labelsTensor;
    const heap = kernelHeap();
    const { loss, gradPred } = heap.inPlace && useFusedKernels()
      ? sparseOnHeap(heap, labels, predTensor, rows, numClasses)
      : sparseInJs(labels, predTensor, rows, numClasses);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => [tf.zeros(labelsShape, labelsDtype), gradPred(dy, saved[0])];
    return { value: tf.tensor(loss, yPred.shape.slice(0, -1), 'float32'), gradFunc };
  });
  return op(yTrue, yPred);
}

/** One pass of the sparse loss: each row's loss, and the gradient with respect to the predictions. */
interface SparsePass {
  loss: Float32Array;
  gradPred(dy: tf.Tensor, pred: tf.Tensor): tf.Tensor;
}

/** A row's loss from its clipped sum s and its label's probability p[y]; `passes`: q was not clipped. */
function sparseRowLoss(s: number, py: number): { loss: number; passes: boolean } {
  const q = Math.fround(clip(py) / s);
  return { loss: -Math.log(clip(q)), passes: unclipped(q) };
}

/** The formulas above as JavaScript loops: the readable path, and the one off the wasm heap. */
function sparseInJs(labels: tf.TypedArray, predTensor: tf.Tensor, rows: number, numClasses: number): SparsePass {
  const name = SPARSE;
  const pred = predTensor.dataSync();
  const sums = new Float64Array(rows);
  const qPasses = new Uint8Array(rows);
  const loss = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * numClasses;
    let s = 0;
    for (let j = 0; j < numClasses; j++) s += clip(checkProbability(name, pred[base + j], r, j));
    sums[r] = Math.fround(s);
    const row = sparseRowLoss(sums[r], pred[base + labels[r]]);
    qPasses[r] = row.passes ? 1 : 0;
    loss[r] = row.loss;
  }
  const gradPred = (dy: tf.Tensor): tf.Tensor => {
    const upstream = dy.dataSync();
    const grad = new Float32Array(rows * numClasses);
    for (let r = 0; r < rows; r++) {
      if (qPasses[r] === 0) continue;
      const base = r * numClasses;
      const g = upstream[r];
      const inv = 1 / sums[r];
      for (let j = 0; j < numClasses; j++) if (unclipped(pred[base + j])) grad[base + j] = g * inv;
      const py = pred[base + labels[r]];
      if (unclipped(py)) grad[base + labels[r]] = g * (inv - 1 / py);
    }
    return tf.tensor(grad, predTensor.shape, 'float32');
  };
  return { loss, gradPred };
}

/**
 * The same loops on lib/tf's kernels, reading the predictions in place on the wasm heap (no copy of
 * the [rows, numClasses] tensor into JavaScript and back): the same operations in the same order,
 * so the same values bit for bit (losses.test.ts). Only the per-row logarithms stay in JavaScript.
 */
function sparseOnHeap(heap: KernelHeap, labels: tf.TypedArray, predTensor: tf.Tensor, rows: number, numClasses: number): SparsePass {
  heap.begin();
  const predPtr = heap.input(predTensor);
  const sumsPtr = heap.scratch(rows);
  const bad = heap.kernels.probRowSums(rows, numClasses, predPtr, sumsPtr);
  const pred = heap.view(predPtr, rows * numClasses);
  if (bad >= 0) checkProbability(SPARSE, pred[bad], Math.floor(bad / numClasses), bad % numClasses);
  const sums = heap.view(sumsPtr, rows).slice();
  const gradLabels = new Float32Array(rows); // the label, or -1 where q was clipped (no gradient)
  const loss = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = sparseRowLoss(sums[r], pred[r * numClasses + labels[r]]);
    gradLabels[r] = row.passes ? labels[r] : -1;
    loss[r] = row.loss;
  }
  const gradPred = (dy: tf.Tensor, predSaved: tf.Tensor): tf.Tensor => {
    heap.begin();
    const [pPtr, dyPtr] = [heap.input(predSaved), heap.input(dy)];
    const rowData = heap.scratch(2 * rows); // sums, then labels
    heap.view(rowData, 2 * rows).set(sums);
    heap.view(rowData + 4 * rows, rows).set(gradLabels);
    const grad = heap.output(predSaved.shape);
    heap.kernels.probCrossEntropyGrad(rows, numClasses, pPtr, rowData, rowData + 4 * rows, dyPtr, grad.ptr);
    return grad.toTensor();
  };
  return { loss, gradPred };
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
