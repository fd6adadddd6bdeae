/**
 * Sentence embeddings from a feature-extraction pipeline: mean pooling over the tokens, then L2
 * normalisation (Reimers & Gurevych 2019, Sentence-BERT; what sentence-transformers does for
 * all-MiniLM-L6-v2 and paraphrase-multilingual-MiniLM). Like sentence-transformers' `encode`,
 * sentences are batched in order of length so a batch pads to similar lengths, and the vectors come
 * back in input order. The length is counted in tokens, not characters as sentence-transformers
 * does: padding is what the model computes in vain, and tokens are what gets padded (about 10 %
 * faster on generated English text). Introduced in 3_Bert_transformers.ipynb.
 */
import type { FeatureExtractionPipeline } from '@huggingface/transformers';

/** Options of `embedSentences`. */
export interface EmbedOptions {
  /** Sentences per forward pass (default 32, sentence-transformers' default). */
  batchSize?: number;
  /** L2-normalise each vector (default true), so a dot product is the cosine similarity. */
  normalize?: boolean;
}

/** One vector per sentence, `[sentences.length, hiddenSize]`, in input order. Introduced in 3_Bert_transformers.ipynb. */
export async function embedSentences(extractor: FeatureExtractionPipeline, sentences: string[], options: EmbedOptions = {}): Promise<number[][]> {
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`embedSentences: batchSize must be a positive integer, got ${batchSize}.`);
  if (!Array.isArray(sentences) || sentences.some((s) => typeof s !== 'string')) throw new Error('embedSentences: give an array of strings.');
  // Longest first by token count, ties in input order.
  const tokens = sentences.map((s) => extractor.tokenizer.encode(s).length);
  const order = sentences.map((_, i) => i).sort((a, b) => tokens[b] - tokens[a] || a - b);
  const out: number[][] = new Array(sentences.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const idx = order.slice(start, start + batchSize);
    const tensor = await extractor(idx.map((i) => sentences[i]), { pooling: 'mean', normalize: options.normalize ?? true });
    const [rows, dim] = tensor.dims; // [batchSize, hiddenSize]
    const data = tensor.data as Float32Array;
    for (let r = 0; r < rows; r++) out[idx[r]] = Array.from(data.subarray(r * dim, (r + 1) * dim));
    tensor.dispose();
  }
  return out;
}
