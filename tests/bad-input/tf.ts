// lib/tf: backend choice, optimiser, training loop.
import { fusedAdam, initTf, tf, trainModel } from '../../lib/tf';
import type { Case } from './cases';
import { missingCases, numberCases } from './cases';

async function tinyModel(): Promise<tf.LayersModel> {
  await initTf({ quiet: true });
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], activation: 'softmax' })] });
  model.compile({ optimizer: fusedAdam(0.01), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

async function train(X: number[][], y: number[], options: object = { epochs: 1 }) {
  const model = await tinyModel();
  const [Xt, yt] = [tf.tensor2d(X), tf.tensor1d(y)];
  try {
    return await trainModel(model, Xt, yt, options as never);
  } finally {
    Xt.dispose();
    yt.dispose();
  }
}

const X = [[1, 2, 3], [3, 2, 1], [0, 1, 0], [1, 1, 1]];

export const cases: Case[] = [
  { name: "initTf({ backend: 'gpu' })", run: () => initTf({ backend: 'gpu' as never, quiet: true }), mentions: /gpu/ },
  { name: "initTf({ backend: '' })", run: () => initTf({ backend: '' as never, quiet: true }) },
  ...numberCases('fusedAdam learningRate', (lr) => fusedAdam(lr), /learningRate|öğrenme/),
  { name: 'fusedAdam beta1 = 1.5', run: () => fusedAdam(0.01, 1.5) },
  { name: 'fusedAdam epsilon = NaN', run: () => fusedAdam(0.01, 0.9, 0.999, NaN) },
  { name: 'trainModel on all-NaN inputs', run: () => train(X.map((r) => r.map(() => NaN)), [0, 1, 0, 1]) },
  { name: 'trainModel with an Infinity input', run: () => train([[Infinity, 1, 1], ...X.slice(1)], [0, 1, 0, 1]) },
  { name: 'trainModel with fractional class labels', run: () => train(X, [0, 0.5, 1, 1]) },
  { name: 'trainModel with a class label too large for the output', run: () => train(X, [0, 1, 2, 7]) },
  { name: 'trainModel with a negative class label', run: () => train(X, [0, -1, 1, 1]) },
  { name: 'trainModel without options', run: () => train(X, [0, 1, 0, 1], null as never) },
  { name: 'trainModel with epochs NaN', run: () => train(X, [0, 1, 0, 1], { epochs: NaN }) },
  { name: 'trainModel with X and y of different lengths', run: () => train(X, [0, 1]) },
  { name: 'trainModel with inputs of the wrong width', run: () => train(X.map((r) => [...r, 1]), [0, 1, 0, 1]) },
  { name: 'trainModel on good data trains', run: () => train(X, [0, 1, 0, 1]), expect: 'result' },
  ...missingCases('trainModel(X)', (x) => tinyModel().then((m) => trainModel(m, x, tf.tensor1d([0]), { epochs: 1 }))),
];
