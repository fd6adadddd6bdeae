/**
 * LayerNorm and GELU (tanh) as single ops on lib/tf's SIMD kernels, for training transformers.
 *
 * Why: tfjs composes LayerNorm from ~6 ops (moments, sub, rsqrt, mul, add) and GELU from ~5, and
 * their gradients from twice as many, each a pass over a (B·T, d) or (B·T, 4d) tensor; in
 * `npm run bench -- gpt` the two took ~100 of a ~340 ms training step. Here each is one pass
 * forward and one backward. The formulas (and the readable tfjs compositions they equal, values
 * and gradients, in transformer_ops.test.ts) are lib/transformer's `layerNorm` and `gelu`.
 *
 * Introduced in 4_gpt_transformers.ipynb (through lib/transformer's LayerNorm and GELU MLP).
 */
import * as tf from '@tensorflow/tfjs';
import { forkRows } from './kernels/fork_rows';
import { kernelHeap } from './wasm/heap';
import { assertTensor, checkNumber } from '../validate';

/** y = (x − mean)·rstd·γ + β over the last axis (d); x (..., d), gamma and beta (d), beta optional. */
export function fusedLayerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor | null, eps: number): tf.Tensor {
  assertTensor(x, 'fusedLayerNorm(x)');
  assertTensor(gamma, 'fusedLayerNorm(gamma)', 1);
  if (beta != null) assertTensor(beta, 'fusedLayerNorm(beta)', 1);
  checkNumber(eps, 'fusedLayerNorm(eps)', { min: 0, above: true, hint: 'Genellikle 1e-5 kullanılır.' });
  const d = x.shape[x.rank - 1];
  const rows = x.size / d;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xs, g] = args as tf.Tensor[];
    const b = beta == null ? null : (args[2] as tf.Tensor);
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const heap = kernelHeap();
    heap.begin();
    const [xPtr, gPtr, bPtr] = [heap.input(xs), heap.input(g), b == null ? 0 : heap.input(b)];
    const y = heap.output(xs.shape);
    const stats = heap.output([rows, 2]); // each row's mean and 1/√(var + ε), for the gradient
    heap.kernels.layerNormRows(rows, d, xPtr, gPtr, bPtr, eps, y.ptr, stats.ptr);
    save([xs, g, stats.toTensor()]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      heap.begin();
      const [sx, sg, sStats] = saved;
      const ptrs = [heap.input(sx), heap.input(sg), heap.input(sStats), heap.input(dy)];
      const [dx, dgamma, dbeta] = [heap.output(sx.shape), heap.output([d]), b == null ? null : heap.output([d])];
      heap.kernels.layerNormGrad(rows, d, ptrs[0], ptrs[1], ptrs[2], ptrs[3], dx.ptr, dgamma.ptr, dbeta?.ptr ?? 0);
      return [dx, dgamma, ...(dbeta == null ? [] : [dbeta])].map((o) => o.toTensor());
    };
    return { value: y.toTensor(), gradFunc };
  });
  return beta == null ? op(x, gamma) : op(x, gamma, beta);
}

/** GELU with the tanh approximation (GPT-2's gelu_new): x·σ(2u), u = √(2/π)·(x + 0.044715·x³). */
export function fusedGeluTanh(x: tf.Tensor): tf.Tensor {
  assertTensor(x, 'fusedGeluTanh(x)');
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const xs = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const heap = kernelHeap();
    heap.begin();
    const xPtr = heap.input(xs);
    const y = heap.output(xs.shape);
    forkRows(heap, 'geluTanh', xs.size, [{ ptr: xPtr, rowFloats: 1, role: 'in' }, { ptr: y.ptr, rowFloats: 1, role: 'out' }],
      ([x1, y1], n) => [n, x1, y1]);
    save([xs]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor => {
      heap.begin();
      const [sxPtr, dyPtr] = [heap.input(saved[0]), heap.input(dy)];
      const dx = heap.output(saved[0].shape);
      forkRows(heap, 'geluTanhGrad', saved[0].size, [{ ptr: sxPtr, rowFloats: 1, role: 'in' }, { ptr: dyPtr, rowFloats: 1, role: 'in' },
        { ptr: dx.ptr, rowFloats: 1, role: 'out' }], ([x1, dy1, dx1], n) => [n, x1, dy1, dx1]);
      return dx.toTensor();
    };
    return { value: y.toTensor(), gradFunc };
  });
  return op(x);
}

/**
 * Causal multi-head self-attention from a fused q/k/v projection, as one op: qkv (B, T, 3C) with
 * q, k, v side by side (nanoGPT's c_attn output), C = numHeads·headSize → the heads' output merged
 * (B, T, C). Equal to splitting qkv and lib/transformer's attendHeads(q, k, v, { numHeads, causal:
 * true }).output, values and gradients (transformer_ops.test.ts). One kernel call replaces the split,
 * the head transposes, q·kᵀ, the mask, the softmax, ·v and the merge, forward and backward. The
 * attention weights stay inside (kept for the backward pass): a caller that wants them uses attendHeads.
 */
export function fusedCausalAttention(qkv: tf.Tensor, numHeads: number): tf.Tensor {
  assertTensor(qkv, 'fusedCausalAttention(qkv)', 3);
  checkNumber(numHeads, 'fusedCausalAttention(numHeads)', { integer: true, min: 1 });
  const [B, T, C3] = qkv.shape as [number, number, number];
  if (C3 % (3 * numHeads) !== 0) {
    throw new RangeError(`fusedCausalAttention: qkv (B, T, 3·C) şeklinde olmalı ve C, numHeads = ${numHeads} ile bölünmeli; verilen şekil: [${qkv.shape}].`);
  }
  const C = C3 / 3;
  const hs = C / numHeads;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const x = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const heap = kernelHeap();
    heap.begin();
    const xPtr = heap.input(x);
    const out = heap.output([B, T, C]);
    const weights = heap.output([B, numHeads, T, T]);
    // Batch rows split between the threads: each holds T·3C of qkv, T·C of output, nh·T·T of weights.
    forkRows(heap, 'causalAttention', B, [{ ptr: xPtr, rowFloats: T * C3, role: 'in' }, { ptr: out.ptr, rowFloats: T * C, role: 'out' },
      { ptr: weights.ptr, rowFloats: numHeads * T * T, role: 'out' }], ([x1, o1, w1], b) => [b, T, numHeads, hs, x1, o1, w1]);
    save([x, weights.toTensor()]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor => {
      heap.begin();
      const [sxPtr, weightsPtr, dyPtr] = [heap.input(saved[0]), heap.input(saved[1]), heap.input(dy)];
      const dqkv = heap.output(saved[0].shape);
      const scratch = heap.scratch(T * T); // one head's dS
      forkRows(heap, 'causalAttentionGrad', B, [{ ptr: sxPtr, rowFloats: T * C3, role: 'in' },
        { ptr: weightsPtr, rowFloats: numHeads * T * T, role: 'in' }, { ptr: dyPtr, rowFloats: T * C, role: 'in' },
        { ptr: dqkv.ptr, rowFloats: T * C3, role: 'out' }, { ptr: scratch, rowFloats: T * T, role: 'scratch' }],
      ([x1, w1, dy1, d1, s1], b) => [b, T, numHeads, hs, x1, w1, dy1, d1, s1]);
      return dqkv.toTensor();
    };
    return { value: out.toTensor(), gradFunc };
  });
  return op(qkv); // (B, T, C)
}

/**
 * Mean softmax cross-entropy of logits (..., V) against class ids `labels` (one per row, float32),
 * rows labelled `ignoreIndex` skipped: the mean over counted rows of logsumexp(z) − z[y], 0 when no
 * row counts. One op: the softmax of every row on lib/tf's SIMD kernels (rows split between the
 * threads), kept for the gradient (softmax − onehot) / count; the loss is summed in float64 from each
 * row's max and Σ exp. Labels are not checked here: they must be integers in [0, V) or ignoreIndex
 * (lib/transformer's crossEntropy checks them, and holds the tfjs composition this equals).
 */
export function fusedSoftmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor, ignoreIndex: number): tf.Scalar {
  const V = logits.shape[logits.rank - 1];
  const rows = logits.size / V;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [z, y] = args as tf.Tensor[];
    const save = args[2] as tf.GradSaveFunc;
    const ys = y.dataSync() as Float32Array;
    const count = ys.reduce((n: number, label: number) => (label === ignoreIndex ? n : n + 1), 0);
    const heap = kernelHeap();
    heap.begin();
    const zPtr = heap.input(z);
    const yPtr = heap.input(y);
    const probs = heap.output([rows, V]);
    const stats = heap.scratch(2 * rows); // each row's max and Σ exp
    forkRows(heap, 'softmaxRows', rows, [{ ptr: zPtr, rowFloats: V, role: 'in' }, { ptr: yPtr, rowFloats: 1, role: 'in' },
      { ptr: probs.ptr, rowFloats: V, role: 'out' }, { ptr: stats, rowFloats: 2, role: 'out' }],
    ([z1, y1, p1, s1], n) => [n, V, z1, y1, ignoreIndex, p1, s1]);
    const [st, zs] = [heap.view(stats, 2 * rows), heap.view(zPtr, rows * V)];
    let total = 0;
    for (let r = 0; r < rows; r++) if (ys[r] !== ignoreIndex) total += st[2 * r] + Math.log(st[2 * r + 1]) - zs[r * V + ys[r]];
    save([probs.toTensor(), y]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const g = dy.dataSync()[0] / Math.max(count, 1);
      heap.begin();
      const [pPtr, labelsPtr] = [heap.input(saved[0]), heap.input(saved[1])];
      const grad = heap.output(z.shape);
      heap.kernels.softmaxCrossEntropyGrad(rows, V, pPtr, labelsPtr, ignoreIndex, g, grad.ptr); // (softmax − onehot)·g
      return [grad.toTensor(), tf.zerosLike(saved[1])];
    };
    return { value: tf.scalar(count > 0 ? total / count : 0), gradFunc };
  });
  return op(logits, labels) as tf.Scalar;
}
