/**
 * SplitV (tf.split) for the `wasm` backend as block copies. tfjs 4.22 runs a generic strided Slice
 * per part: splitting a GPT block's fused q/k/v projection (32, 64, 384) into three took ~7 ms,
 * a tenth of the attention's time in `npm run bench -- gpt`. Here each part is one contiguous copy
 * per leading index. Other dtypes go to the original kernel.
 *
 * Introduced in 4_gpt_transformers.ipynb (attention's q, k, v; RoPE's halves in 5_LLAMA_transformers.ipynb).
 */
import * as tf from '@tensorflow/tfjs';
import { kernelHeap, WasmBackendHeap } from '../wasm/heap';
import { requireInput } from './backend_io';

type KernelFunc = tf.KernelConfig['kernelFunc'];

/** SplitV by block copies; other cases go to `original`. */
export function makeSplitV(original: KernelFunc): KernelFunc {
  return (args) => {
    const heap = kernelHeap(args.backend as tf.KernelBackend);
    const x = requireInput(args.inputs, 'x', 'SplitV');
    if (!(heap instanceof WasmBackendHeap) || (x.dtype !== 'float32' && x.dtype !== 'int32') || tf.util.sizeFromShape(x.shape) === 0) return original(args);
    const axis = tf.util.parseAxisParam(args.attrs?.axis as number, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x, args.attrs?.numOrSizeSplits as number | number[], axis);
    const outer = tf.util.sizeFromShape(x.shape.slice(0, axis));
    const inner = tf.util.sizeFromShape(x.shape.slice(axis + 1));
    const src = heap.inputInfo(x);
    let start = 0;
    return sizes.map((size) => {
      const out = heap.outputInfo(x.shape.map((d, i) => (i === axis ? size : d)), x.dtype as 'float32' | 'int32');
      if (size > 0) heap.kernels.copyBlocks(outer, x.shape[axis] * inner, src + 4 * start * inner, size * inner, out.ptr);
      start += size;
      return out.info;
    });
  };
}
