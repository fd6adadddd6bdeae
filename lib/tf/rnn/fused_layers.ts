/**
 * Drop-in replacements for `tf.layers.simpleRNN`, `tf.layers.gru` and `tf.layers.lstm` that run
 * the whole sequence as one fused op (./fused_rnn_op.ts).
 *
 * Each class extends the tfjs-layers class itself: same constructor arguments, same weights (names,
 * shapes, initializers), same `getConfig()` and class name — a saved model loads back as a plain
 * `tf.layers.lstm`. Only `call()` changes. It falls back to the step-by-step tfjs implementation
 * when the fused kernels cannot reproduce it: masks (`maskZero`), stateful layers, dropout while
 * training, activations other than linear/tanh/sigmoid/hardSigmoid/relu, or the tfjs-node backend
 * (whose native ops are already fast).
 *
 * Notebooks teach with `tf.layers.lstm`; these are the fast path (Introduced in 2_LSTM.ipynb).
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '@tensorflow/tfjs-layers/dist/activations';
import type {
  GRU, GRUCell, GRULayerArgs, LSTM, LSTMCell, LSTMLayerArgs, RNN, SimpleRNN, SimpleRNNCell, SimpleRNNLayerArgs,
} from '@tensorflow/tfjs-layers/dist/layers/recurrent';
import type { Kwargs } from '@tensorflow/tfjs-layers/dist/types';
import { ACTIVATION_CODES, KernelActivation } from '../wasm/kernel_module';
import { CellKind, fusedRnn, NUM_STATES } from './fused_rnn_op';
import { assertObject, checkNumber } from '../../validate';

/** Backends on which the fused kernels are used (tfjs-node's `tensorflow` keeps its native ops). */
const FUSED_BACKENDS = new Set(['wasm', 'cpu']);

function registeredLayerClass<T>(className: string): T {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (entry == null || typeof entry[0] !== 'function') {
    throw new Error(`tfjs-layers'da "${className}" adlı kayıtlı sınıf yok; @tensorflow/tfjs sürümünü kontrol edin.`);
  }
  return entry[0] as unknown as T;
}

function kernelActivation(activation: Activation): KernelActivation | null {
  const name = activation.getClassName();
  return name in ACTIVATION_CODES ? (name as KernelActivation) : null;
}

type AnyCell = SimpleRNNCell | GRUCell | LSTMCell;

/** Why the fused path cannot run this call, or null when it can. */
function fallbackReason(layer: RNN, cell: AnyCell, inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs | undefined): string | null {
  if (!FUSED_BACKENDS.has(tf.getBackend())) return `"${tf.getBackend()}" arka ucu kendi işlemlerini kullanıyor`;
  if (layer.stateful) return 'durum taşıyan (stateful) katmanlar birleşik çekirdekte yok';
  if (kwargs?.mask != null) return 'maskeli girdiler (maskZero) birleşik çekirdekte yok';
  const training = kwargs?.training === true;
  if (training && (cell.dropout > 0 || cell.recurrentDropout > 0)) return 'eğitimde dropout birleşik çekirdekte yok';
  if (kernelActivation(cell.activation) == null) return `"${cell.activation.getClassName()}" aktivasyonu birleşik çekirdekte yok`;
  if ('recurrentActivation' in cell && kernelActivation(cell.recurrentActivation) == null) {
    return `"${cell.recurrentActivation.getClassName()}" tekrarlayan aktivasyonu birleşik çekirdekte yok`;
  }
  const x = Array.isArray(inputs) ? inputs : [inputs];
  if (x.length !== 1 || x[0].rank !== 3 || x[0].dtype !== 'float32') return 'girdi tek bir float32 [yığın, zaman, özellik] tensörü değil';
  const initialState: unknown = kwargs?.initialState;
  if (initialState != null) {
    const ok = Array.isArray(initialState) && initialState.length === NUM_STATES[cellKindOf(cell)] &&
      initialState.every((s) => s instanceof tf.Tensor);
    if (!ok) return 'initialState bir tensör listesi değil';
  }
  return null;
}

function cellKindOf(cell: AnyCell): CellKind {
  const name = cell.getClassName();
  if (name === 'LSTMCell') return 'lstm';
  if (name === 'GRUCell') return 'gru';
  return 'simpleRNN';
}

const warned = new WeakSet<RNN>();

/** The fused forward of `layer`, or null (with a one-time note) when it must fall back. */
function fusedCall(layer: RNN, inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs | undefined): tf.Tensor | tf.Tensor[] | null {
  const cell = layer.cell as AnyCell;
  const reason = fallbackReason(layer, cell, inputs, kwargs);
  if (reason != null) {
    if (!warned.has(layer) && FUSED_BACKENDS.has(tf.getBackend())) {
      warned.add(layer);
      console.warn(`${layer.name}: adım adım tfjs yolu kullanılıyor, birleşik çekirdekten yavaştır (${reason}).`);
    }
    return null;
  }
  const kind = cellKindOf(cell);
  return tf.tidy(() => {
    let x = Array.isArray(inputs) ? inputs[0] : inputs; // [batchSize, seqLen, inputDim]
    // tfjs reverses the inputs and emits outputs in processing order: the same as running forward
    // over the reversed sequence.
    if (layer.goBackwards) x = tf.reverse(x, 1);
    const initialState: unknown = kwargs?.initialState;
    const outputs = fusedRnn({
      x,
      kernel: cell.kernel.read(),
      recurrentKernel: cell.recurrentKernel.read(),
      bias: cell.useBias ? cell.bias.read() : null,
      initialState: Array.isArray(initialState) ? (initialState as tf.Tensor[]) : null,
    }, {
      cell: kind,
      activation: kernelActivation(cell.activation) ?? 'tanh',
      recurrentActivation: 'recurrentActivation' in cell ? kernelActivation(cell.recurrentActivation) ?? 'sigmoid' : 'linear',
      returnSequences: layer.returnSequences,
      returnState: layer.returnState,
    });
    return layer.returnState ? outputs : outputs[0];
  });
}

const LSTMBase = registeredLayerClass<typeof LSTM>('LSTM');
const GRUBase = registeredLayerClass<typeof GRU>('GRU');
const SimpleRNNBase = registeredLayerClass<typeof SimpleRNN>('SimpleRNN');

class FusedLSTM extends LSTMBase {
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return fusedCall(this, inputs, kwargs) ?? super.call(inputs, kwargs);
  }
}

class FusedGRU extends GRUBase {
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return fusedCall(this, inputs, kwargs) ?? super.call(inputs, kwargs);
  }
}

class FusedSimpleRNN extends SimpleRNNBase {
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return fusedCall(this, inputs, kwargs) ?? super.call(inputs, kwargs);
  }
}

/** The layer arguments a learner types, checked before tfjs-layers reads them (its errors name its internals). */
function checkLayerArgs<T extends { units: number }>(args: T, where: string): T {
  assertObject(args, `${where}(args)`);
  checkNumber(args.units, `${where}: units`, { integer: true, min: 1, hint: 'Gizli birim sayısını verin (ör. { units: 32 }).' });
  return args;
}

/**
 * `tf.layers.lstm` with the whole sequence fused into one op: same arguments, weights and saved
 * format. Input [batchSize, seqLen, inputDim] → [batchSize, numHiddens] (or the sequence).
 * Introduced in 2_LSTM.ipynb.
 */
export function fusedLstm(args: LSTMLayerArgs): LSTM {
  return new FusedLSTM(checkLayerArgs(args, 'fusedLstm'));
}

/** `tf.layers.gru`, fused (see fusedLstm). Introduced in 2_LSTM.ipynb. */
export function fusedGru(args: GRULayerArgs): GRU {
  return new FusedGRU(checkLayerArgs(args, 'fusedGru'));
}

/** `tf.layers.simpleRNN`, fused (see fusedLstm). Introduced in 1_RNN.ipynb. */
export function fusedSimpleRNN(args: SimpleRNNLayerArgs): SimpleRNN {
  return new FusedSimpleRNN(checkLayerArgs(args, 'fusedSimpleRNN'));
}

/** True if `layer` is one of the fused recurrent layers. */
export function isFusedRecurrentLayer(layer: unknown): boolean {
  return layer instanceof FusedLSTM || layer instanceof FusedGRU || layer instanceof FusedSimpleRNN;
}
