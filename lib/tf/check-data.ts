/**
 * What trainModel / evaluateModel check before the first step, so that a wrong tensor gets one
 * sentence instead of a tfjs shape error deep inside a batch, or NaN weights after an epoch:
 * X and y are tensors with one row per example, X fits the model's input, every value is finite,
 * and class labels fit the loss (integers 0..C-1 for sparse cross-entropy, 0/1 for binary).
 * The learner reads these in the notebooks, so they are in Turkish.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedSparseCategoricalCrossentropy } from './losses';
import type { LossFn } from './train';
import { shown } from '../validate';

const shape = (s: readonly (number | null)[]) => `[${s.map((d) => (d === null ? 'null' : d)).join(', ')}]`;

function allFinite(t: tf.Tensor): boolean {
  if (t.dtype !== 'float32') return true;
  return tf.tidy(() => tf.all(tf.isFinite(t)).dataSync()[0] === 1);
}

/** Throws unless `model` is a tf.LayersModel; `where` names the caller. */
export function checkModel(model: unknown, where: string): asserts model is tf.LayersModel {
  if (!(model instanceof tf.LayersModel)) {
    throw new TypeError(`${where}: model bir tf.LayersModel olmalı (ör. tf.sequential({ layers: [...] })); verilen: ${shown(model)}.`);
  }
}

/** Throws unless X and y suit `model` and `loss`; `where` names the caller ('trainModel', 'validationData'). */
export function checkTrainingData(model: tf.LayersModel, X: unknown, y: unknown, loss: LossFn, where: string): void {
  checkModel(model, where);
  for (const [name, t] of [['X', X], ['y', y]] as const) {
    if (!(t instanceof tf.Tensor)) {
      throw new TypeError(`${where}: ${name} bir tf.Tensor olmalı (ör. tf.tensor2d(dizi)), gelen: ${shown(t)}.`);
    }
    if (t.isDisposed) throw new Error(`${where}: ${name} tensörü serbest bırakılmış (dispose edilmiş); yeniden oluşturun.`);
  }
  const [Xt, yt] = [X as tf.Tensor, y as tf.Tensor];
  const expected = model.inputs[0]?.shape;
  if (model.inputs.length === 1 && expected) {
    const fits = Xt.rank === expected.length && expected.every((d, i) => i === 0 || d === null || d === Xt.shape[i]);
    if (!fits) {
      throw new RangeError(
        `${where}: X'in şekli ${shape(Xt.shape)}, model ise ${shape(expected)} bekliyor (ilk boyut örnek sayısı). ` +
          'Girdiyi modelin inputShape\'ine uyacak biçimde kurun ya da modeli verinin şekliyle tanımlayın.',
      );
    }
  }
  if (yt.shape[0] !== Xt.shape[0]) {
    throw new RangeError(`${where}: X'te ${Xt.shape[0]} örnek var ama y'de ${yt.shape[0]}; her örneğin bir hedefi olmalı.`);
  }
  for (const [name, t] of [['X', Xt], ['y', yt]] as const) {
    if (!allFinite(t)) {
      throw new RangeError(`${where}: ${name} NaN ya da sonsuz değer içeriyor; bu değerlerle eğitim ağırlıkları NaN yapar. Veriyi hazırlayan hücreyi kontrol edin.`);
    }
  }
  const classes = model.outputs[0]?.shape[model.outputs[0].shape.length - 1];
  if (loss === fusedSparseCategoricalCrossentropy && typeof classes === 'number') {
    const [min, max, integral] = tf.tidy(() => {
      const v = tf.cast(yt, 'float32');
      return [tf.min(v).dataSync()[0], tf.max(v).dataSync()[0], tf.all(tf.equal(v, tf.round(v))).dataSync()[0] === 1];
    });
    if (!integral || min < 0 || max > classes - 1) {
      throw new RangeError(
        `${where}: sparseCategoricalCrossentropy için y sınıf numaraları 0..${classes - 1} arasında tam sayılar olmalı ` +
          `(modelin çıktısında ${classes} birim var); y ${min}..${max} arasında${integral ? '' : ' ve kesirli değerler içeriyor'}.`,
      );
    }
  }
}
