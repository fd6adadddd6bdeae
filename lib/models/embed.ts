/**
 * Sentence embeddings from a feature-extraction pipeline: mean pooling over the tokens, then L2
 * normalisation (Reimers & Gurevych 2019, Sentence-BERT; what sentence-transformers does for
 * all-MiniLM-L6-v2 and paraphrase-multilingual-MiniLM). Like sentence-transformers' `encode`,
 * sentences are batched in order of length so a batch pads to similar lengths, and the vectors come
 * back in input order. The length is counted in tokens, not characters as sentence-transformers
 * does: padding is what the model computes in vain, and tokens are what gets padded.
 *
 * Each sentence is tokenized once, and the pooling is done here on the model's output rather than
 * by the pipeline: the pipeline would tokenize every batch again and reads its int64 attention
 * mask once per token and dimension (a BigInt conversion each time), together about a tenth of a
 * MiniLM pass. Introduced in 3_Bert_transformers.ipynb.
 */
import type { FeatureExtractionPipeline, Tensor } from '@huggingface/transformers';
import { normalize as unitLength } from '../embeddings/vectors';
import { loadTransformersModule } from './runtime';
import { assertObject, assertStringArray, checkNumber, shown } from '../validate';

/** Options of `embedSentences`. */
export interface EmbedOptions {
  /** Sentences per forward pass (default 32, sentence-transformers' default). */
  batchSize?: number;
  /** L2-normalise each vector (default true), so a dot product is the cosine similarity. */
  normalize?: boolean;
}

/** One vector per sentence, `[sentences.length, hiddenSize]`, in input order. Introduced in 3_Bert_transformers.ipynb. */
export async function embedSentences(extractor: FeatureExtractionPipeline, sentences: string[], options: EmbedOptions = {}): Promise<number[][]> {
  assertObject(options, 'embedSentences options');
  const batchSize = checkNumber(options.batchSize ?? 32, 'embedSentences: batchSize', { integer: true, min: 1 });
  const normalize = options.normalize ?? true;
  if (typeof normalize !== 'boolean') throw new TypeError(`embedSentences: normalize true ya da false olmalı; verilen: ${shown(normalize)}.`);
  assertStringArray(sentences, 'embedSentences(sentences)');
  if (extractor === null || typeof extractor !== 'function' || extractor.tokenizer == null) {
    throw new TypeError(`embedSentences(extractor) await loadPipeline('sentence-embeddings') sonucu olmalı; verilen: ${shown(extractor)}.`);
  }
  if (sentences.length === 0) return [];
  const { Tensor: TensorClass } = await loadTransformersModule();
  const { tokenizer } = extractor;
  // With special tokens, cut to the model's maximum length (256 tokens for all-MiniLM-L6-v2), as the pipeline does.
  const ids = (tokenizer(sentences, { truncation: true, return_tensor: false }) as unknown as { input_ids: number[][] }).input_ids;
  // Longest first by token count, ties in input order.
  const order = sentences.map((_, i) => i).sort((a, b) => ids[b].length - ids[a].length || a - b);
  const padId = BigInt(tokenizer.pad_token_id ?? 0);
  const out: number[][] = new Array(sentences.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    const width = ids[batch[0]].length;
    // Padding on the right keeps every real token at its own position (BERT-style absolute positions).
    const inputIds = new BigInt64Array(batch.length * width).fill(padId);
    const mask = new BigInt64Array(batch.length * width);
    batch.forEach((s, r) => ids[s].forEach((id, j) => {
      inputIds[r * width + j] = BigInt(id);
      mask[r * width + j] = 1n;
    }));
    const outputs = (await extractor.model({
      input_ids: new TensorClass('int64', inputIds, [batch.length, width]),
      attention_mask: new TensorClass('int64', mask, [batch.length, width]),
    })) as Record<string, Tensor>;
    const hidden = outputs.last_hidden_state ?? outputs.token_embeddings;
    const dim = hidden.dims[2];
    const data = hidden.data as Float32Array;
    batch.forEach((s, r) => (out[s] = meanPool(data, r * width * dim, ids[s].length, dim, normalize)));
    for (const t of Object.values(outputs)) t.dispose();
  }
  return out;
}

/** The mean of `tokens` consecutive vectors of length `dim` starting at `offset`, L2-normalised if asked. */
function meanPool(data: Float32Array, offset: number, tokens: number, dim: number, normalize: boolean): number[] {
  const sum = new Float64Array(dim);
  for (let t = 0; t < tokens; t++) {
    const row = offset + t * dim;
    for (let k = 0; k < dim; k++) sum[k] += data[row + k];
  }
  const mean = sum.map((v) => v / tokens);
  return Array.from(normalize ? unitLength(mean) : mean);
}
