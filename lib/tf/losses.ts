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

const EPS = Math.fround(1e-7);
const ONE_MINUS_EPS = Math.fround(1 - 1e-7);

function clip(v: number): number {
  return v < EPS ? EPS : v > ONE_MINUS_EPS ? ONE_MINUS_EPS : v;
}

function unclipped(v: number): boolean {
  return v >= EPS && v <= ONE_MINUS_EPS;
}

function checkPredictions(name: string, yPred: tf.Tensor): number {
  if (yPred.rank < 2 || yPred.dtype !== 'float32') {
    throw new Error(`${name}: predictions must be float32 [batchSize, numClasses], got ${yPred.dtype} [${yPred.shape}].`);
  }
  return yPred.shape[yPred.rank - 1];
}

/**
 * Sparse categorical cross-entropy. yTrue: class indices, [batchSize] or [batchSize, 1];
 * yPred: probabilities [batchSize, numClasses]. Returns the per-sample loss [batchSize].
 * Introduced in 2_LSTM.ipynb.
 */
export function fusedSparseCategoricalCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const name = 'sparseCategoricalCrossentropy';
  const numClasses = checkPredictions(name, yPred);
  const rows = yPred.size / numClasses;
  if (yTrue.size !== rows) {
    throw new Error(`${name}: ${yTrue.size} labels for ${rows} prediction rows (labels [${yTrue.shape}], ` +
      `predictions [${yPred.shape}]); pass one class index per row.`);
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
      const y = Math.floor(labels[r]);
      if (!(y >= 0 && y < numClasses)) {
        throw new Error(`${name}: label ${labels[r]} at row ${r} is outside [0, ${numClasses - 1}].`);
      }
      const base = r * numClasses;
      let s = 0;
      for (let j = 0; j < numClasses; j++) s += clip(pred[base + j]);
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
  const numClasses = checkPredictions(name, yPred);
  if (yTrue.shape.length !== yPred.shape.length || yTrue.shape.some((d, i) => d !== yPred.shape[i])) {
    throw new Error(`${name}: targets [${yTrue.shape}] must have the predictions' shape [${yPred.shape}] ` +
      '(one-hot rows); for class indices use sparseCategoricalCrossentropy.');
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
      for (let j = 0; j < numClasses; j++) s += pred[base + j];
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
