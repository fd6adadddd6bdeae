/**
 * x·Wᵀ + b for a Linear layer, with the fewest tfjs ops when nothing records gradients.
 *
 * tf.fused.matMul wraps its one _FusedMatMul kernel in three reshapes to rank 3 and a custom-gradient
 * scope; a decoding step runs 211 such products on one token each, where that wrapping costs more
 * than many of the products (tfjs's per-op bookkeeping runs in JavaScript on the main thread). When
 * no gradient is being recorded and lib/tf's own _FusedMatMul serves the backend (registered by
 * initTf, which accepts rank-2 operands), that kernel is called directly: the same kernel on the same
 * operands, so the same numbers bit for bit (lib/transformer/inference_identity.test.ts).
 * Otherwise — training, another backend — tf.fused.matMul as before.
 */
import * as tf from '@tensorflow/tfjs';
import { useFusedKernels } from './fused';

const direct = new Set<string>();
/** Backends with lib/tf's several-products kernel: its name and the most rows of x it takes. */
const grouped = new Map<string, { kernelName: string; maxRows: number }>();

/** Called by initTf's kernel registration: lib/tf's _FusedMatMul now serves `backendName`. */
export function noteFusedMatMul(backendName: string): void {
  direct.add(backendName);
}

/** Called by initTf's kernel registration: `kernelName` computes several x·Wᵀ at once on `backendName`. */
export function noteLinearProducts(backendName: string, kernelName: string, maxRows: number): void {
  grouped.set(backendName, { kernelName, maxRows });
}

/** True while tfjs records ops for a gradient (inside tf.grad, variableGrads, a training step). */
export function recordingGradients(): boolean {
  return tf.engine().state.gradientDepth > 0;
}

/** x (N, in) · W (out, in)ᵀ + b (out) → (N, out). */
export function linearProduct(x: tf.Tensor2D, W: tf.Tensor2D, b?: tf.Tensor | null): tf.Tensor2D {
  if (!recordingGradients() && direct.has(tf.getBackend()) && x.dtype === 'float32' && W.dtype === 'float32' &&
      (b == null || b.dtype === 'float32')) {
    const inputs: tf.NamedTensorMap = b != null ? { a: x, b: W, bias: b } : { a: x, b: W };
    return tf.engine().runKernel('_FusedMatMul', inputs, { transposeA: false, transposeB: true, activation: 'linear' }) as tf.Tensor2D;
  }
  return tf.fused.matMul({ a: x, b: W, transposeB: true, bias: b ?? undefined }) as tf.Tensor2D; // (N, out)
}

/**
 * x (N, in) · W_i (out_i, in)ᵀ for several weights that multiply the same x (a decoding step's q, k
 * and v; gate and up), without bias → [(N, out_i)]. When nothing records gradients, the fast path is
 * on and lib/tf's LibTfLinearProducts serves the backend (x with few rows, as in decoding), one kernel
 * call computes all of them — one hand-off to lib/tf's threads instead of one per weight — with the
 * same dot products as linearProduct's, so the same numbers bit for bit
 * (lib/transformer/inference_identity.test.ts, lib/tf/kernels/shared_weights.test.ts).
 * Otherwise one linearProduct per weight.
 */
export function linearProducts(x: tf.Tensor2D, Ws: tf.Tensor2D[]): tf.Tensor2D[] {
  const kernel = grouped.get(tf.getBackend());
  if (kernel != null && Ws.length > 1 && !recordingGradients() && useFusedKernels() && x.dtype === 'float32' &&
      x.shape[0] <= kernel.maxRows && Ws.every((W) => W.dtype === 'float32' && W.rank === 2 && W.shape[1] === x.shape[1])) {
    const inputs: tf.NamedTensorMap = { x };
    Ws.forEach((W, i) => {
      inputs[`w${i}`] = W;
    });
    return tf.engine().runKernel(kernel.kernelName, inputs, { count: Ws.length }) as unknown as tf.Tensor2D[];
  }
  return Ws.map((W) => linearProduct(x, W));
}
