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

import { evaluateModel, fusedGru, fusedLstm, makeRandom, resolveLoss, setKernelThreads, setSeed } from '../../lib/tf';

cases.push(
  { name: 'setSeed(NaN)', run: () => setSeed(NaN) },
  { name: "setSeed('42')", run: () => setSeed('42' as never) },
  { name: 'makeRandom(Infinity)', run: () => makeRandom(Infinity) },
  { name: 'setKernelThreads(0)', run: () => setKernelThreads(0) },
  { name: 'setKernelThreads(NaN)', run: () => setKernelThreads(NaN) },
  { name: 'fusedLstm({ units: -1 })', run: () => fusedLstm({ units: -1 }) },
  { name: 'fusedLstm({ units: NaN })', run: () => fusedLstm({ units: NaN }) },
  { name: 'fusedGru({ units: 0 })', run: () => fusedGru({ units: 0 }) },
  { name: "resolveLoss('hinge')", run: () => resolveLoss('hinge') },
  { name: 'resolveLoss of a 100 000-character name', run: () => resolveLoss('x'.repeat(100_000)) },
  {
    name: 'evaluateModel on NaN inputs',
    run: async () => {
      const model = await tinyModel();
      return tf.tidy(() => evaluateModel(model, tf.fill([2, 3], NaN), tf.tensor1d([0, 1])));
    },
  },
  {
    name: 'evaluateModel with labels beyond the output',
    run: async () => {
      const model = await tinyModel();
      return tf.tidy(() => evaluateModel(model, tf.ones([2, 3]), tf.tensor1d([0, 5])));
    },
  },
);
