/**
 * lib/tf — the one place notebooks get TensorFlow.js from.
 *
 *   import { tf, initTf, setSeed, fusedLstm, fusedAdam, trainModel } from './lib/tf';
 *   await initTf();   // Hesaplar WebAssembly ile, kursun hızlandırılmış işlemleriyle 2 çekirdekte yapılıyor (TensorFlow.js 4.22.0); …
 *   setSeed(42);
 *
 * initTf() picks the wasm backend with the kernels it lacks, else cpu; tfjs-node only when asked for
 * (`initTf({ backend: 'tensorflow' })` or LIB_TF_BACKEND=tensorflow), never because it is installed. The fused layers/optimizer/losses are drop-in, numerically equivalent replacements for
 * tf.layers.lstm / gru / simpleRNN, tf.train.adam and the cross-entropy losses.
 */
import * as tf from '@tensorflow/tfjs';

export { tf };
export { initTf, registerKernels, tfInfo } from './tf/backend';
export type { BackendChoice, InitOptions, TfInfo } from './tf/backend';
export { clearSeed, getSeed, random, setSeed } from './tf/seed';
export { makeRandom, permutation } from './random';
export { fusedGru, fusedLstm, fusedSimpleRNN, isFusedRecurrentLayer } from './tf/rnn/fused_layers';
export { fusedRnn, fusedRnnStats } from './tf/rnn/fused_rnn_op';
export type { CellKind, FusedRnnConfig, FusedRnnInputs, FusedRnnStats } from './tf/rnn/fused_rnn_op';
export { kernelThreadCount, setKernelThreads } from './tf/wasm/threads';
export { SharedWeights, shareWeights } from './tf/kernels/shared_weights';
export { fusedAdam, FusedAdamOptimizer } from './tf/optimizers/fused_adam';
// Loading it replaces tfjs's 'orthogonal' (recurrent kernels' default): same weights, fast, no warning.
export { Orthogonal } from './tf/initializers';
export { fusedCategoricalCrossentropy, fusedSparseCategoricalCrossentropy } from './tf/losses';
export { fusedCausalAttention, fusedGeluTanh, fusedLayerNorm, fusedSoftmaxCrossEntropy, setFused, useFusedKernels } from './tf/ops';
export { clipByGlobalNorm, evaluateModel, makeTrainStep, resolveLoss, trainModel } from './tf/train';
export type { EpochLog, LossFn, ProgressSink, TrainHistory, TrainOptions, TrainProgress, TrainStepOptions } from './tf/train';
