/**
 * Softmax's gradient as one pass on lib/tf's kernels for the `wasm` backend.
 *
 * Why: tfjs-core composes it from four kernels — t = dy·y, sum(t) over the last axis, sum·y, t − that —
 * each a pass over the whole (rows, V) tensor with its own output and per-op bookkeeping; a softmax
 * output layer (a next-word model's Dense(vocabulary, 'softmax')) pays them every training step.
 * softmaxGradRows does the same operations in the same order (the sum sequential in float32, as
 * tfjs-backend-wasm's Sum), so the gradient is the same bit for bit (softmax_grad.test.ts); off the
 * wasm heap, with the fast path off (setFused(false)) or for other dtypes, tfjs's own gradient runs.
 *
 * Introduced in 2_LSTM.ipynb (the next-word model's softmax layer).
 */
import * as tf from '@tensorflow/tfjs';
import { useFusedKernels } from '../fused';
import { kernelHeap } from '../wasm/heap';

let installed = false;

/** Replaces tfjs's Softmax gradient (once); tfjs's own still runs wherever the kernel cannot. */
export function registerSoftmaxGradient(): void {
  if (installed) return;
  const original = tf.getGradient('Softmax');
  if (original == null) throw new Error('tfjs-core\'de Softmax gradyanı yok; @tensorflow/tfjs sürümünü kontrol edin.');
  installed = true;
  tf.registerGradient({
    ...original,
    gradFunc: (dy, saved, attrs) => {
      const dyT = dy as tf.Tensor;
      const [y] = saved;
      const heap = kernelHeap();
      if (!useFusedKernels() || !heap.inPlace || y.dtype !== 'float32' || dyT.dtype !== 'float32' || y.size === 0) {
        return original.gradFunc(dy, saved, attrs);
      }
      return {
        logits: () => {
          heap.begin();
          const V = y.shape[y.rank - 1]; // tfjs's softmax runs over the last axis only
          const [yPtr, dyPtr] = [heap.input(y), heap.input(dyT)];
          const dx = heap.output(y.shape);
          heap.kernels.softmaxGradRows(y.size / V, V, yPtr, dyPtr, dx.ptr);
          return dx.toTensor();
        },
      };
    },
  });
}
