/**
 * lib/transformer — transformer building blocks and three small models (MiniBert, MiniGpt,
 * MiniLlama) on TensorFlow.js variables with PyTorch / Hugging Face names and layouts.
 *
 *   import { MiniGpt, scaledDotProductAttention, causalMask } from './lib/transformer';
 *   const gpt = new MiniGpt({ vocabSize, contextLength: 64, numLayers: 4, numHeads: 4, dModel: 128 });
 *   const { logits } = gpt.forward(ids);            // ids (B, T) int32 → (B, T, V)
 *
 * Code lives in lib/transformer/, one file per concept: layers (Linear, Embedding, parameter
 * loading), attention, kv_cache, positions, norms, mlp, gpt, params. See lib/transformer/README.md.
 *
 * Changes to the API contract (/work/wt/API.md):
 *  - MiniGpt's config names: contextLength (block_size), dModel (n_embd), numLayers, numHeads;
 *    c_attn is one fused (3C, C) projection as in nanoGPT.
 *  - forward() returns `hidden` only when asked (`returnHidden`), attentions when `returnAttention`.
 *  - LoRA hook: every projection is a `Linear` whose `adapter` (default null) is added to its output.
 */
export { addParameters, checkIds, Embedding, Linear, linear, loadParameters } from './transformer/layers';
export type { HasParameters, Ids, LinearOptions } from './transformer/layers';
export {
  attendHeads, causalMask, MASKED, mergeHeads, MultiHeadAttention, paddingMask, repeatKvHeads,
  scaledDotProductAttention, splitHeads,
} from './transformer/attention';
export type { AttentionCallOptions, AttentionResult, HeadsOptions, MultiHeadAttentionOptions } from './transformer/attention';
export { KVCache } from './transformer/kv_cache';
export { applyRotary, ropeInverseFrequencies, rotaryTables, rotateHalf, sinusoidalPositionalEncoding } from './transformer/positions';
export type { Rotary } from './transformer/positions';
export { LayerNorm, layerNorm, RMSNorm, rmsNorm } from './transformer/norms';
export { gelu, GeluMlp, silu, SwiGlu } from './transformer/mlp';
export type { GeluKind, GeluMlpOptions } from './transformer/mlp';
export { CausalSelfAttention, GptBlock, gptConfig, MiniGpt } from './transformer/gpt';
export type { DecoderForwardOptions, DecoderOutput, GptConfig } from './transformer/gpt';
export { componentOf, gptParameterFormula, parameterCounts } from './transformer/params';
export type { Component, ParameterCounts } from './transformer/params';
export { addLora, loraParameterFormula } from './transformer/lora';
export type { LoraAdapter, LoraModel, LoraOptions } from './transformer/lora';
