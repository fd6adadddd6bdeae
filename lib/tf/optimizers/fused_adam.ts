/**
 * Adam (Kingma & Ba, 2015) with one SIMD kernel call per variable instead of ~14 tfjs ops.
 *
 * A subclass of tfjs-core's AdamOptimizer: same constructor, state variables (`<name>/m`,
 * `<name>/v`, accumulated β powers), getWeights/setWeights and serialization. On the `wasm` backend
 * `applyGradients` runs lib/tf/wasm's `adam` kernel on the heap, computing the float32 scalars and
 * the update in the same order as tfjs, so parameters equal `tf.train.adam`'s bit for bit. New
 * values go to fresh buffers that the variables are assigned to (no tensor is modified in place).
 * On other backends it is tf.train.adam unchanged.
 *
 * Introduced in 2_LSTM.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import { kernelHeap, WasmBackendHeap } from '../wasm/heap';
import { checkNumber } from '../../validate';

interface MomentSlot {
  originalName: string;
  variable: tf.Variable;
}

/** AdamOptimizer's private state, reached through this view (same objects, typed). */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: MomentSlot[];
  accumulatedSecondMoment: MomentSlot[];
}

type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  /** tf.AdamOptimizer's arguments, checked: a NaN or negative rate would train to NaN weights silently. */
  constructor(learningRate: number, beta1: number, beta2: number, epsilon?: number) {
    checkNumber(learningRate, 'fusedAdam: learningRate', { min: 0, above: true });
    checkNumber(beta1, 'fusedAdam: beta1', { min: 0, max: 1, below: true });
    checkNumber(beta2, 'fusedAdam: beta2', { min: 0, max: 1, below: true });
    if (epsilon !== undefined) checkNumber(epsilon, 'fusedAdam: epsilon', { min: 0, above: true });
    super(learningRate, beta1, beta2, epsilon);
  }

  override applyGradients(variableGradients: VariableGradients): void {
    const heap = kernelHeap();
    if (!(heap instanceof WasmBackendHeap)) {
      super.applyGradients(variableGradients);
      return;
    }
    const s = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    // tfjs: oneMinusAccBeta = sub(1, accBeta) in float32; the kernel's float32 arguments round the same way.
    const accBeta1 = s.accBeta1.dataSync()[0];
    const accBeta2 = s.accBeta2.dataSync()[0];
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        if (value == null) throw new Error(`FusedAdam: no variable named "${name}"`);
        s.accumulatedFirstMoment[i] ??= {
          originalName: `${name}/m`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        s.accumulatedSecondMoment[i] ??= {
          originalName: `${name}/v`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        const gradient = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
        if (gradient == null) return;
        const m = s.accumulatedFirstMoment[i].variable;
        const v = s.accumulatedSecondMoment[i].variable;
        const pPtr = heap.input(value);
        const gPtr = heap.input(gradient);
        const mPtr = heap.input(m);
        const vPtr = heap.input(v);
        const pOut = heap.output(value.shape);
        const mOut = heap.output(value.shape);
        const vOut = heap.output(value.shape);
        heap.kernels.adam(value.size, pPtr, gPtr, mPtr, vPtr, pOut.ptr, mOut.ptr, vOut.ptr,
          -s.learningRate, s.beta1, 1 - s.beta1, s.beta2, 1 - s.beta2, 1 - accBeta1, 1 - accBeta2, s.epsilon);
        m.assign(mOut.toTensor());
        v.assign(vOut.toTensor());
        value.assign(pOut.toTensor());
      });
      // tfjs: accBeta.assign(mul(accBeta, beta)) — a float32 product, which Math.fround reproduces.
      s.accBeta1.assign(tf.scalar(Math.fround(accBeta1 * Math.fround(s.beta1))));
      s.accBeta2.assign(tf.scalar(Math.fround(accBeta2 * Math.fround(s.beta2))));
    });
    this.incrementIterations();
  }
}

/**
 * `tf.train.adam` whose update runs as one SIMD kernel per variable on the wasm backend.
 * Same arguments and results as tf.train.adam. Introduced in 2_LSTM.ipynb.
 */
export function fusedAdam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number): tf.AdamOptimizer {
  return new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon);
}
