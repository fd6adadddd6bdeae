/**
 * lib/transformer — transformer building blocks and three small models (MiniBert, MiniGpt,
 * MiniLlama) on TensorFlow.js variables with PyTorch / Hugging Face names and layouts.
 *
 *   import { MiniGpt, scaledDotProductAttention, causalMask } from './lib/transformer';
 *   const gpt = new MiniGpt({ vocabSize, contextLength: 64, numLayers: 4, numHeads: 4, dModel: 128 });
 *   const { logits } = gpt.forward(ids);            // ids (B, T) int32 → (B, T, V)
 *
 * Code lives in lib/transformer/, one file per concept: layers (Linear, Embedding, parameter
 * loading), attention, kv_cache, positions, norms, decoder, mlp, gpt, llama, llama_controls (negative
 * controls for a logits match), bert, params, train, lora, pretraining. Checkpoints are read by
 * lib/data/safetensors. See lib/transformer/README.md.
 *
 * Conventions:
 *  - One glossary for all three configs: vocabSize, contextLength (block_size /
 *    max_position_embeddings), numLayers, numHeads, numKvHeads, dModel (n_embd / hidden_size),
 *    intermediateSize; llamaConfigFromHf() maps a Hugging Face config.json.
 *  - MiniGpt's c_attn is one fused (3C, C) projection as in nanoGPT.
 *  - MiniBert.forward returns { hidden, pooled, attentions?, hiddenStates? }; the heads are
 *    separate calls: mlmLogits(hidden), nspLogits(pooled), classifierLogits(pooled).
 *  - Training: makeTransformerStep / trainTransformer (not lib/tf's trainModel, which takes a
 *    tf.LayersModel); losses crossEntropy, lmLoss, bertPretrainingLoss; optimizer adamW.
 *  - forward() returns `hidden` only when asked (`returnHidden`), attentions when `returnAttention`.
 *  - LoRA hook: every projection is a `Linear` whose `adapter` (default null) is added to its output.
 */
export {
  addParameters, checkIds, Embedding, Linear, linear, loadParameters, withoutRandomInit,
} from './transformer/layers';
export type { HasParameters, Ids, LinearOptions } from './transformer/layers';
export {
  attendHeads, causalMask, MASKED, mergeHeads, MultiHeadAttention, paddingMask, repeatKvHeads,
  scaledDotProductAttention, splitHeads,
} from './transformer/attention';
export type {
  AttentionCallOptions, AttentionResult, HeadsOptions, MultiHeadAttentionOptions,
} from './transformer/attention';
export { KVCache } from './transformer/kv_cache';
export {
  applyRotary, ropeInverseFrequencies, rotaryTables, rotateHalf, sinusoidalPositionalEncoding,
} from './transformer/positions';
export type { Rotary } from './transformer/positions';
export { LayerNorm, layerNorm, RMSNorm, rmsNorm } from './transformer/norms';
export { gelu, GeluMlp, silu, SwiGlu } from './transformer/mlp';
export type { GeluKind, GeluMlpOptions } from './transformer/mlp';
export { CausalSelfAttention, GPT_DEFAULTS, GptBlock, gptConfig, MiniGpt } from './transformer/gpt';
export type { GptConfig } from './transformer/gpt';
export type { DecoderForwardOptions, DecoderOutput } from './transformer/decoder';
export {
  LLAMA_DEFAULTS, LlamaDecoderLayer, llamaConfig, llamaConfigFromHf, MiniLlama, SMOLLM2_135M,
} from './transformer/llama';
export type { HfLlamaConfig, LlamaConfig } from './transformer/llama';
export { LLAMA_BUGS, gqaModuloPermutation, interleavedRopePermutation, withLlamaBug } from './transformer/llama_controls';
export type { LlamaBug } from './transformer/llama_controls';
export { BERT_DEFAULTS, BertLayer, bertConfig, MiniBert } from './transformer/bert';
export type { BertConfig, BertForwardOptions, BertOutput } from './transformer/bert';
export {
  bertParameterFormula, componentOf, gptParameterFormula, llamaParameterFormula, parameterCounts,
} from './transformer/params';
export type { Component, ParameterCounts } from './transformer/params';
export {
  AdamW, adamW, bertPretrainingLoss, crossEntropy, IGNORE_INDEX, lmBatch, lmLoss, makeTransformerStep, mlmLossesByKind, mlmMask, trainTransformer,
} from './transformer/train';
export type {
  BertBatch, BertLosses, NextTokenModel, MlmMaskOptions, StepOptions, TrainTransformerOptions, TransformerHistory, TransformerProgress,
} from './transformer/train';
export { addLora, loraParameterFormula } from './transformer/lora';
export type { LoraAdapter, LoraModel, LoraOptions } from './transformer/lora';
