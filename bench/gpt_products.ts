/**
 * The matrix products of one mini-GPT training step (bench/gpt.ts: 4 layers, dModel 128, 2048 rows,
 * vocabulary 3000): each Linear layer's and the tied LM head's forward x·Wᵀ, dx = dy·W and
 * dW = dyᵀ·x, as [what, M, N, K, transposeA, transposeB, times per step] (bench/gemm.ts, bench/gpt.ts).
 */
const L = 4;
const ROWS = 2048;
const C = 128;
const V = 3000;
export type Shape = [string, number, number, number, boolean, boolean, number];
export const GPT_STEP_PRODUCTS: Shape[] = [];
for (const [layer, inp, out, times] of [['c_attn', C, 3 * C, L], ['attn c_proj', C, C, L], ['c_fc', C, 4 * C, L],
  ['mlp c_proj', 4 * C, C, L], ['LM head (tied)', C, V, 1]] as Array<[string, number, number, number]>) {
  GPT_STEP_PRODUCTS.push([`${layer} forward x·Wᵀ`, ROWS, out, inp, false, true, times]);
  GPT_STEP_PRODUCTS.push([`${layer} dx = dy·W`, ROWS, inp, out, false, false, times]);
  GPT_STEP_PRODUCTS.push([`${layer} dW = dyᵀ·x`, out, inp, ROWS, true, false, times]);
}

/**
 * lib/tf's kernels on one core in a private memory holding operands for every shape above
 * (64-byte aligned, filled with sin(i)): `product(k, shape)` runs gemmPacked once on kernels `k`
 * (those returned, or another build instantiated on `memory`). bench/gemm.ts, bench/cores.ts.
 */
export async function oneCoreGemm(): Promise<{
  memory: import('../lib/tf/wasm/kernel_module').WasmMemory;
  kernels: import('../lib/tf/wasm/kernel_module').KernelExports;
  product: (k: import('../lib/tf/wasm/kernel_module').KernelExports, shape: Shape) => void;
}> {
  const { instantiateKernels, WebAssemblyApi } = await import('../lib/tf/wasm/kernel_module');
  const maxFloats = Math.max(...GPT_STEP_PRODUCTS.map(([, M, N, K]) => Math.max(M * K, K * N, M * N)));
  const memory = new WebAssemblyApi.Memory({ initial: Math.ceil((3 * maxFloats * 4 + 2 ** 20) / 65536) + 1 });
  const kernels = instantiateKernels(memory);
  const A = 64;
  const B = A + 4 * maxFloats;
  const C = B + 4 * maxFloats;
  const work = C + 4 * maxFloats;
  const values = new Float32Array(memory.buffer, A, 3 * maxFloats);
  for (let i = 0; i < values.length; i++) values[i] = Math.sin(i);
  return {
    memory,
    kernels,
    product: (k, [, M, N, K, tA, tB]) => k.gemmPacked(M, N, K, A, tA ? 1 : K, tA ? M : 1, B, tB ? K : N, tB ? 1 : 0, C, N, 0, work, 192, 384),
  };
}
