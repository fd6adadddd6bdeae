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
