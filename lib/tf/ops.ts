/**
 * lib/tf's op-level face: the functions other areas of lib/ compute with (fused transformer ops,
 * gradient clipping, the fast/readable switch, seeded randomness, the fused Adam optimizer), without
 * the backend setup. lib/tf.ts re-exports all of it beside initTf; lib/transformer imports only from
 * here (lib/transformer/fence.test.ts), so loading it neither loads tfjs-backend-wasm nor reaches
 * into lib/tf's kernels, heap or threads.
 */
export { setFused, useFusedKernels } from './fused';
export { fusedCausalAttention, fusedGeluTanh, fusedLayerNorm, fusedSoftmaxCrossEntropy } from './transformer_ops';
export { clipByGlobalNorm } from './train';
export { SharedWeights, shareWeights } from './kernels/shared_weights';
export { linearProduct, linearProducts, recordingGradients } from './linear_product';
export type { ProgressSink } from './train';
export { FusedAdamOptimizer } from './optimizers/fused_adam';
export { random } from './seed';
