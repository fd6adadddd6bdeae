/**
 * Trained word vectors and the questions asked of them: cosine similarity, nearest neighbours and
 * analogies by vector arithmetic (Mikolov, Yih & Zweig 2013, "Linguistic Regularities in
 * Continuous Space Word Representations"), as gensim's KeyedVectors answers them: on unit-length
 * vectors, leaving the query words out of the answers.
 */
import { charNgrams, fastTextHash } from './subwords';
import { checkFinite, checkNumber, shown } from '../validate';

/** A word and its cosine similarity to a query. Introduced in 0_Word_Embeddings.ipynb. */
export interface Neighbour {
  word: string;
  similarity: number;
}

/** How a model was trained (null for vectors loaded from a file). Introduced in 0_Word_Embeddings.ipynb. */
export interface TrainingStats {
  architecture: 'cbow' | 'skipgram';
  backend: 'simd' | 'js';
  workers: number;
  epochs: number;
  vocabSize: number;
  /** Word occurrences in the corpus, including words below minCount. */
  corpusWords: number;
  /** Words after minCount, times epochs: what the kernel walked over. */
  trainedWords: number;
  /** Training time, without building the vocabulary. */
  seconds: number;
  /** CPU time of the whole process (all threads) during training. */
  cpuSeconds: number;
  /** corpusWords * epochs / seconds (gensim reports its speed the same way, on raw words). */
  wordsPerSecond: number;
}

export interface WordVectorsExtras {
  counts?: number[];
  minCount?: number;
  stats?: TrainingStats;
}

/** Something a query can be: a word, or a vector of length dim. Introduced in 0_Word_Embeddings.ipynb. */
export type Query = string | ArrayLike<number>;

/** Throws unless `model` is a WordVectors (or FastTextVectors), e.g. the result of trainWord2Vec. */
export function checkWordVectors(model: unknown, name: string): asserts model is WordVectors {
  if (!(model instanceof WordVectors)) {
    throw new TypeError(`${name} bir WordVectors olmalı (trainWord2Vec ya da loadWord2VecText sonucu); verilen: ${shown(model)}.`);
  }
}

/**
 * Word vectors with a vocabulary (gensim's KeyedVectors). Made by `trainWord2Vec` or
 * `loadWord2VecText`. Introduced in 0_Word_Embeddings.ipynb.
 */
export class WordVectors {
  readonly words: readonly string[];
  readonly dim: number;
  /** Row i is the vector of words[i]. [vocabSize * dim] */
  readonly vectors: Float32Array;
  /** Corpus counts of the words, when known. */
  readonly counts: readonly number[] | null;
  readonly minCount: number | null;
  readonly stats: TrainingStats | null;
  private readonly index: Map<string, number>;
  private unitVectors: Float32Array | null = null;

  constructor(words: readonly string[], vectors: Float32Array, dim: number, extras: WordVectorsExtras = {}) {
    if (!Number.isInteger(dim) || dim <= 0) throw new RangeError(`dim 0'dan büyük bir tam sayı olmalı; verilen: ${shown(dim)}.`);
    if (vectors.length !== words.length * dim) {
      throw new RangeError(`vectors ${vectors.length} sayı içeriyor; ${words.length} kelime x dim ${dim} için ${words.length * dim} sayı gerekir.`);
    }
    checkFinite(vectors, 'vectors');
    this.words = [...words];
    this.dim = dim;
    this.vectors = vectors;
    this.counts = extras.counts ? [...extras.counts] : null;
    this.minCount = extras.minCount ?? null;
    this.stats = extras.stats ?? null;
    this.index = new Map();
    this.words.forEach((word, i) => {
      if (this.index.has(word)) throw new Error(`${shown(word)} kelimesi sözlükte iki kez geçiyor; her kelime bir kez olmalı.`);
      this.index.set(word, i);
    });
  }

  get vocabSize(): number {
    return this.words.length;
  }

  /** Whether `word` is in the vocabulary (has a trained vector of its own). */
  has(word: string): boolean {
    return this.index.has(word);
  }

  /** Row of `word` in `vectors`, or -1. */
  indexOf(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /** A copy of the vector of `word`. [dim] Throws for a word outside the vocabulary. */
  vector(word: string): Float32Array {
    if (typeof word !== 'string') throw new TypeError(`word bir metin (string) olmalı; verilen: ${shown(word)}.`);
    const i = this.index.get(word);
    if (i === undefined) throw new Error(this.unknownWordMessage(word));
    return this.vectors.slice(i * this.dim, (i + 1) * this.dim);
  }

  /** Cosine similarity of two words (or vectors), in [-1, 1]. */
  similarity(a: Query, b: Query): number {
    return cosine(this.directionOf(a, 'a'), this.directionOf(b, 'b'));
  }

  /**
   * The `topN` vocabulary words closest (cosine) to a word or a vector. A query word and the
   * words in `exclude` are left out.
   */
  mostSimilar(query: Query, topN = 10, exclude: readonly string[] = []): Neighbour[] {
    const skip = new Set(exclude);
    if (typeof query === 'string') skip.add(query);
    checkNumber(topN, 'topN', { integer: true, min: 1 });
    return this.nearest(normalize(this.directionOf(query, 'query')), topN, skip);
  }

  /**
   * a − b + c, answered like gensim's most_similar(positive=[a, c], negative=[b]) (3CosAdd on
   * unit vectors, the three words excluded): analogy('kral', 'erkek', 'kadın') ≈ 'kraliçe'.
   */
  analogy(a: Query, b: Query, c: Query, topN = 5): Neighbour[] {
    const [ua, ub, uc] = [a, b, c].map((q, i) => normalize(this.directionOf(q, 'abc'[i])));
    const target = new Float32Array(this.dim);
    for (let k = 0; k < this.dim; k++) target[k] = ua[k] - ub[k] + uc[k];
    const skip = new Set([a, b, c].filter((q): q is string => typeof q === 'string'));
    return this.nearest(normalize(target), topN, skip);
  }

  /**
   * The vectors of `words` as rows, for PCA / t-SNE / k-means. [words.length][dim]
   * `unit: true` scales each to length 1, so that distances between rows follow cosine similarity.
   */
  matrix(words: readonly string[] = this.words, options: { unit?: boolean } = {}): number[][] {
    return words.map((word) => Array.from(options.unit ? normalize(this.queryVector(word)) : this.queryVector(word)));
  }

  /** The vector for a query: a word's vector, or a given vector checked for length and finite numbers. */
  protected queryVector(query: Query, name = 'query'): Float32Array {
    if (typeof query === 'string') return this.vector(query);
    if (query === null || typeof query !== 'object' || typeof query.length !== 'number') {
      throw new TypeError(`${name} bir kelime ya da ${this.dim} sayılık bir vektör olmalı; verilen: ${shown(query)}.`);
    }
    if (query.length !== this.dim) {
      throw new RangeError(`${name} ${this.dim} sayı (modelin dim değeri) içermeli; verilen ${query.length} sayı: ${shown(query)}.`);
    }
    checkFinite(query, name);
    return Float32Array.from(query);
  }

  /** A query's vector for a cosine question: an all-zero vector has no direction, so no answer. */
  private directionOf(query: Query, name: string): Float32Array {
    const v = this.queryVector(query, name);
    if (v.every((x) => x === 0)) {
      const what = typeof query === 'string' ? `${shown(query)} kelimesinin vektörü` : `${name} vektörü`;
      throw new RangeError(`${what} tamamen sıfır: yönü olmayan bir vektörün kosinüs benzerliği tanımsızdır. Sıfır olmayan bir vektör ya da başka bir kelime verin.`);
    }
    return v;
  }

  protected unknownWordMessage(word: string): string {
    const kept = this.minCount === null ? `${this.vocabSize} kelime` : `en az minCount=${this.minCount} kez geçen ${this.vocabSize} kelime`;
    return (
      `${shown(word)} sözlükte yok (${kept}). Word2Vec, sözlüğe almadığı bir kelimeye vektör veremez: ` +
      'yazımı ve küçük harfe çevirmeyi (turkishLower) kontrol edin, daha küçük bir minCount ile eğitin ' +
      'ya da görülmemiş kelimelere karakter n-gramlarından vektör kuran trainFastText kullanın.'
    );
  }

  /** Top-n vocabulary words by dot product with the unit vector `unitQuery`. */
  private nearest(unitQuery: Float32Array, topN: number, skip: ReadonlySet<string>): Neighbour[] {
    checkNumber(topN, 'topN', { integer: true, min: 1 });
    const units = this.units();
    const dim = this.dim;
    const best: Neighbour[] = []; // sorted by similarity, descending
    for (let i = 0; i < this.vocabSize; i++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += units[i * dim + k] * unitQuery[k];
      if (best.length === topN && dot <= best[topN - 1].similarity) continue;
      const word = this.words[i];
      if (skip.has(word)) continue;
      let at = best.length;
      while (at > 0 && best[at - 1].similarity < dot) at--;
      best.splice(at, 0, { word, similarity: dot });
      if (best.length > topN) best.pop();
    }
    return best;
  }

  /** Unit-length copies of all vectors, computed once. [vocabSize * dim] */
  private units(): Float32Array {
    if (this.unitVectors === null) {
      const units = new Float32Array(this.vectors.length);
      for (let i = 0; i < this.vocabSize; i++) {
        units.set(normalize(this.vectors.subarray(i * this.dim, (i + 1) * this.dim)), i * this.dim);
      }
      this.unitVectors = units;
    }
    return this.unitVectors;
  }
}

export interface FastTextExtras extends WordVectorsExtras {
  minN: number;
  maxN: number;
  buckets: number;
}

/**
 * FastText vectors: the vocabulary's vectors plus one vector per n-gram hash bucket. A word outside
 * the vocabulary gets the mean of its n-gram vectors (as gensim and fastText do), so
 * `vector`, `similarity` and `mostSimilar` accept any word. Made by `trainFastText`.
 * Introduced in 0_Word_Embeddings.ipynb.
 */
export class FastTextVectors extends WordVectors {
  readonly minN: number;
  readonly maxN: number;
  readonly buckets: number;
  /** Row b is the vector of hash bucket b. [buckets * dim] */
  readonly ngramVectors: Float32Array;

  constructor(words: readonly string[], vectors: Float32Array, dim: number, ngramVectors: Float32Array, extras: FastTextExtras) {
    super(words, vectors, dim, extras);
    if (ngramVectors.length !== extras.buckets * dim) {
      throw new RangeError(`ngramVectors ${ngramVectors.length} sayı içeriyor; ${extras.buckets} bucket x dim ${dim} için ${extras.buckets * dim} sayı gerekir.`);
    }
    this.minN = extras.minN;
    this.maxN = extras.maxN;
    this.buckets = extras.buckets;
    this.ngramVectors = ngramVectors;
  }

  /** The character n-grams this model uses for `word` ("<" and ">" mark its ends). */
  ngrams(word: string): string[] {
    return charNgrams(word, this.minN, this.maxN);
  }

  /** A word's vector: trained for vocabulary words, the mean of its n-gram vectors otherwise. [dim] */
  override vector(word: string): Float32Array {
    if (typeof word !== 'string') throw new TypeError(`word bir metin (string) olmalı; verilen: ${shown(word)}.`);
    if (this.has(word)) return super.vector(word);
    const ngrams = this.ngrams(word);
    if (ngrams.length === 0) {
      throw new Error(`${shown(word)}, ${this.minN}..${this.maxN} uzunluğundaki n-gramlar için (< ve > eklenmiş hâliyle) çok kısa; FastText vektörü yok.`);
    }
    const out = new Float32Array(this.dim);
    for (const ngram of ngrams) {
      const b = fastTextHash(ngram) % this.buckets;
      for (let k = 0; k < this.dim; k++) out[k] += this.ngramVectors[b * this.dim + k];
    }
    for (let k = 0; k < this.dim; k++) out[k] /= ngrams.length;
    return out;
  }
}

/**
 * Cosine similarity of two vectors of equal length, 0 when either is all zeros (a convention, as
 * scikit-learn's; WordVectors' queries refuse zero vectors instead). Introduced in 0_Word_Embeddings.ipynb.
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkFinite(a, 'a');
  checkFinite(b, 'b');
  if (a.length !== b.length) throw new RangeError(`Vektörlerin uzunlukları farklı: ${a.length} ve ${b.length}; aynı modelden iki vektör verin.`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    dot += a[k] * b[k];
    na += a[k] * a[k];
    nb += b[k] * b[k];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** A unit-length copy of `v` (all zeros stay zeros). Introduced in 0_Word_Embeddings.ipynb. */
export function normalize(v: ArrayLike<number>): Float32Array {
  checkFinite(v, 'v');
  let norm = 0;
  for (let k = 0; k < v.length; k++) norm += v[k] * v[k];
  norm = Math.sqrt(norm);
  const out = new Float32Array(v.length);
  if (norm > 0) for (let k = 0; k < v.length; k++) out[k] = v[k] / norm;
  return out;
}
