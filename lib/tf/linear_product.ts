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

const direct = new Set<string>();

/** Called by initTf's kernel registration: lib/tf's _FusedMatMul now serves `backendName`. */
export function noteFusedMatMul(backendName: string): void {
  direct.add(backendName);
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
