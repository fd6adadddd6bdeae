/**
 * Initial weights for a Keras-style Embedding layer from trained word vectors: row i is the
 * vector of the word the tokenizer gave index i (the usual "pre-trained embeddings" recipe, e.g.
 * the Keras guide "Using pre-trained word embeddings").
 */
import { mulberry32 } from '../random';
import { checkWordVectors, FastTextVectors } from './vectors';
import { assertObject, assertOneOf, checkNumber, shown } from '../validate';
import type { WordVectors } from './vectors';

/** Options of `embeddingMatrix`. Introduced in 1_RNN.ipynb. */
export interface EmbeddingMatrixOptions {
  /**
   * Rows of words the model has no vector for: 'random' (default) draws each number uniformly from
   * [-scale, scale], so these words start distinct and are learned by the layer; 'zeros' leaves them 0.
   */
  missing?: 'random' | 'zeros';
  /** Half-width of the 'random' rows. Default: the standard deviation of the model's vectors. */
  scale?: number;
  /** Seed of the 'random' rows. Default 1. */
  seed?: number;
}

/** How many tokenizer words found a vector. Introduced in 1_RNN.ipynb. */
export interface EmbeddingCoverage {
  /** Indices 1..vocabSize-1 that are assigned to a word. */
  words: number;
  found: number;
  /** Words with no vector, most frequent (lowest index) first. */
  missing: string[];
}

/**
 * A [vocabSize, dim] matrix for `tf.layers.embedding({ inputDim: vocabSize, weights: [tf.tensor2d(matrix)] })`.
 * Row 0 (padding) is zeros. Row i (1 <= i < vocabSize) is the vector of the word with index i in
 * `wordIndex` (a Tokenizer's `wordIndex`); words with index >= vocabSize are left out, as the
 * layer never sees them. A FastText model gives every word a vector (from its n-grams); a
 * Word2Vec model has none for words below its minCount or never seen, which get `missing` rows.
 * Introduced in 1_RNN.ipynb.
 *
 * @example
 * const matrix = embeddingMatrix(w2v, tokenizer.wordIndex, vocabSize); // number[vocabSize][dim]
 */
export function embeddingMatrix(
  model: WordVectors,
  wordIndex: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  vocabSize: number,
  options: EmbeddingMatrixOptions = {},
): number[][] {
  checkWordVectors(model, 'embeddingMatrix(model)');
  checkNumber(vocabSize, 'vocabSize', { integer: true, min: 1, hint: "Embedding katmanının inputDim'ini verin (ör. tokenizer.vocabSize)." });
  assertObject(options, 'embeddingMatrix options');
  const missing = options.missing ?? 'random';
  assertOneOf(missing, 'options.missing', ['random', 'zeros']);
  const scale = checkNumber(options.scale ?? standardDeviation(model.vectors), 'options.scale', { min: 0 });
  const random = mulberry32(options.seed ?? 1);
  const byIndex = wordsByIndex(wordIndex, vocabSize);

  const matrix: number[][] = [new Array<number>(model.dim).fill(0)]; // row 0: padding
  for (let i = 1; i < vocabSize; i++) {
    const word = byIndex[i];
    const vector = word === undefined ? null : vectorOrNull(model, word);
    if (vector !== null) {
      matrix.push(Array.from(vector));
    } else {
      // Drawn for every missing row, so a row's numbers do not depend on which other words are missing.
      const row = new Array<number>(model.dim);
      for (let k = 0; k < model.dim; k++) row[k] = missing === 'random' ? (2 * random() - 1) * scale : 0;
      matrix.push(row);
    }
  }
  return matrix;
}

/** Which tokenizer words (indices 1..vocabSize-1) have a vector in `model`. Introduced in 1_RNN.ipynb. */
export function embeddingCoverage(
  model: WordVectors,
  wordIndex: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  vocabSize: number,
): EmbeddingCoverage {
  const byIndex = wordsByIndex(wordIndex, vocabSize);
  const missingWords: string[] = [];
  let words = 0;
  for (let i = 1; i < vocabSize; i++) {
    const word = byIndex[i];
    if (word === undefined) continue;
    words++;
    if (vectorOrNull(model, word) === null) missingWords.push(word);
  }
  return { words, found: words - missingWords.length, missing: missingWords };
}

function wordsByIndex(
  wordIndex: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  vocabSize: number,
): Array<string | undefined> {
  if (wordIndex === null || typeof wordIndex !== 'object') {
    throw new TypeError(`wordIndex kelimeden numaraya bir Map ya da nesne olmalı (ör. tokenizer.wordIndex); verilen: ${shown(wordIndex)}.`);
  }
  const entries: Array<[string, number]> = wordIndex instanceof Map ? [...wordIndex] : Object.entries(wordIndex);
  const byIndex: Array<string | undefined> = new Array<string | undefined>(vocabSize);
  for (const [word, index] of entries) {
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`wordIndex ${shown(word)} kelimesine ${shown(index)} numarasını veriyor; numaralar 0 ya da daha büyük tam sayılar olmalı.`);
    if (index === 0) throw new RangeError(`wordIndex ${shown(word)} kelimesine 0 numarasını veriyor; 0 doldurma (padding) için ayrılmış. Kelime numaraları 1'den başlamalı.`);
    if (index < vocabSize && byIndex[index] === undefined) byIndex[index] = word;
  }
  return byIndex;
}

/** The word's vector: Word2Vec knows its vocabulary; FastText any word long enough for one n-gram. */
function vectorOrNull(model: WordVectors, word: string): Float32Array | null {
  if (model.has(word)) return model.vector(word);
  if (model instanceof FastTextVectors && model.ngrams(word).length > 0) return model.vector(word);
  return null;
}

function standardDeviation(values: Float32Array): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return Math.sqrt(squares / values.length);
}
