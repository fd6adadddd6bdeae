/**
 * What the two decoder-only models (MiniGpt, MiniLlama) share at their surface: the options of
 * forward() and what it returns. The models themselves differ inside (gpt.ts, llama.ts).
 *
 * Introduced in 4_gpt_transformers.ipynb.
 */
import * as tf from '@tensorflow/tfjs';
import type { KVCache } from './kv_cache';

export interface DecoderForwardOptions {
  /** KV cache from model.newCache(): feed only the new tokens; positions continue from cache.length. */
  cache?: KVCache | null;
  /** Return every layer's attention weights (B, nh, T, Tk). */
  returnAttention?: boolean;
  /** Return the final hidden states (B, T, C). */
  returnHidden?: boolean;
  /** Apply dropout (training). */
  training?: boolean;
}

export type DecoderOutput = {
  /** (B, T, V) next-token scores before the softmax. */
  logits: tf.Tensor3D;
  /** (B, T, C) after the final norm, when returnHidden. */
  hidden?: tf.Tensor3D;
  /** Per layer (B, nh, T, Tk), when returnAttention. */
  attentions?: tf.Tensor4D[];
};

/** The decoder's result: logits, plus hidden states and attention weights when asked for. */
export function decoderOutput(logits: tf.Tensor, hidden: tf.Tensor, attentions: tf.Tensor[],
                              options: DecoderForwardOptions): DecoderOutput {
  const result: DecoderOutput = { logits: logits as tf.Tensor3D };
  if (options.returnHidden) result.hidden = hidden as tf.Tensor3D;
  if (options.returnAttention) result.attentions = attentions as tf.Tensor4D[];
  return result;
}
