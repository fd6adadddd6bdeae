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

import { evaluateModel, fusedGru, fusedLstm, makeRandom, resolveLoss, setKernelThreads, setSeed, shareWeights } from '../../lib/tf';

cases.push(
  { name: 'setSeed(NaN)', run: () => setSeed(NaN) },
  { name: "setSeed('42')", run: () => setSeed('42' as never) },
  { name: 'makeRandom(Infinity)', run: () => makeRandom(Infinity) },
  { name: 'setKernelThreads(0)', run: () => setKernelThreads(0) },
  { name: 'setKernelThreads(NaN)', run: () => setKernelThreads(NaN) },
  { name: 'shareWeights(null)', run: () => shareWeights(null as never), mentions: /tensör dizisi/ },
  { name: 'shareWeights(a tensor, not an array)', run: async () => { await initTf({ quiet: true }); return shareWeights(tf.zeros([2, 2]) as never); }, mentions: /tensör dizisi/ },
  { name: 'shareWeights([Float32Array])', run: () => shareWeights([new Float32Array(4)] as never), mentions: /tensör dizisi/ },
  { name: 'shareWeights([]) shares nothing', run: () => shareWeights([]).bytes, expect: (b) => (b === 0 ? null : `bytes ${String(b)}`) },
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

// Issue 31 item 6: public ops, losses, seeds and backends given what nobody planned for.
import {
  Orthogonal, clipByGlobalNorm, fusedCategoricalCrossentropy, fusedCausalAttention, fusedLayerNorm, fusedRnn,
  fusedSparseCategoricalCrossentropy, makeTrainStep, permutation, registerKernels,
} from '../../lib/tf';

const probs = () => tf.tensor2d([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]);
cases.push(
  { name: 'setSeed(1.5)', run: () => setSeed(1.5), mentions: /seed/ },
  { name: 'setSeed(null)', run: () => setSeed(null as never), mentions: /seed/ },
  { name: 'makeRandom(2.5)', run: () => makeRandom(2.5), mentions: /seed/ },
  { name: 'tf permutation(NaN)', run: () => permutation(NaN), mentions: /\bn\b/ },
  { name: 'sparse cross-entropy with NaN predictions', run: async () => { await initTf({ quiet: true }); return fusedSparseCategoricalCrossentropy(tf.tensor1d([0, 1]), tf.tensor2d([[NaN, 0.5, 0.5], [0.1, 0.8, 0.1]])); }, mentions: /NaN/ },
  { name: 'sparse cross-entropy with a fractional label', run: async () => { await initTf({ quiet: true }); return fusedSparseCategoricalCrossentropy(tf.tensor1d([0, 1.5]), probs()); }, mentions: /1\.5/ },
  { name: 'categorical cross-entropy with a negative probability', run: async () => { await initTf({ quiet: true }); return fusedCategoricalCrossentropy(tf.tensor2d([[1, 0, 0], [0, 1, 0]]), tf.tensor2d([[1.2, -0.2, 0], [0.1, 0.8, 0.1]])); }, mentions: /-0\.2/ },
  { name: 'categorical cross-entropy with targets of 2', run: async () => { await initTf({ quiet: true }); return fusedCategoricalCrossentropy(tf.tensor2d([[2, 0, 0], [0, 1, 0]]), probs()); } },
  { name: 'sparse cross-entropy(null, p)', run: () => fusedSparseCategoricalCrossentropy(null as never, probs()), mentions: /yTrue/ },
  { name: 'fusedLayerNorm(null, …)', run: () => fusedLayerNorm(null as never, tf.ones([4]), null, 1e-5), mentions: /x/ },
  { name: 'fusedLayerNorm with eps NaN', run: () => fusedLayerNorm(tf.ones([2, 4]), tf.ones([4]), null, NaN), mentions: /eps/ },
  { name: 'fusedCausalAttention with numHeads 0', run: () => fusedCausalAttention(tf.ones([1, 2, 6]), 0), mentions: /numHeads/ },
  { name: 'fusedCausalAttention of a rank-2 tensor', run: () => fusedCausalAttention(tf.ones([2, 6]), 1) },
  { name: 'fusedLstm(null)', run: () => fusedLstm(null as never) },
  { name: 'fusedRnn with a kernel of the wrong shape', run: async () => { await initTf({ quiet: true }); return fusedRnn({ x: tf.zeros([2, 3, 4]), kernel: tf.zeros([5, 8]), recurrentKernel: tf.zeros([2, 8]), bias: null, initialState: null }, { cell: 'lstm', activation: 'tanh', recurrentActivation: 'sigmoid', returnSequences: false, returnState: false }); }, mentions: /kernel/ },
  { name: "fusedRnn with cell 'rnn'", run: () => fusedRnn({} as never, { cell: 'rnn' } as never), mentions: /cell/ },
  { name: "registerKernels('gpu')", run: () => registerKernels('gpu' as never), mentions: /gpu/ },
  { name: "initTf({ backend: 'gpu' })", run: () => initTf({ backend: 'gpu' as never, quiet: true }), mentions: /gpu/ },
  { name: 'clipByGlobalNorm with maxNorm -Infinity', run: () => clipByGlobalNorm({ w: tf.ones([2]) }, -Infinity), mentions: /clipNorm/ },
  { name: 'clipByGlobalNorm(undefined, 1)', run: () => clipByGlobalNorm(undefined as never, 1), mentions: /grads/ },
  { name: 'makeTrainStep(null)', run: () => makeTrainStep(null as never), mentions: /model/ },
  { name: 'evaluateModel(null, X, y)', run: () => evaluateModel(null as never, tf.ones([1, 3]), tf.zeros([1])), mentions: /model/ },
  { name: 'Orthogonal({ gain: NaN })', run: () => new Orthogonal({ gain: NaN }), mentions: /gain/ },
  { name: 'Orthogonal({ seed: 1.5 })', run: () => new Orthogonal({ seed: 1.5 }), mentions: /seed/ },
);
