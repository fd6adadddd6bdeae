/**
 * Lookup tables the training kernel reads, built once per training run.
 * Sources: word2vec.c (expTable), Walker/Vose (alias method) and gensim's Word2Vec.prepare_vocab
 * (subsampling thresholds).
 *
 * Internal to lib/embeddings: used by trainWord2Vec / trainFastText (0_Word_Embeddings.ipynb).
 */
import { EXP_TABLE_SIZE, MAX_EXP } from './kernel';

/** σ(x) sampled on EXP_TABLE_SIZE points of [-MAX_EXP, MAX_EXP), exactly as word2vec.c fills it. */
export function buildExpTable(): Float32Array {
  const table = new Float32Array(EXP_TABLE_SIZE);
  for (let i = 0; i < EXP_TABLE_SIZE; i++) {
    const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
    table[i] = e / (e + 1);
  }
  return table;
}

/**
 * Walker's alias table for drawing negatives from the unigram distribution raised to `power`
 * (0.75 in Mikolov et al. 2013), built with Vose's method (1991). A draw picks a slot k uniformly
 * and returns k if a second uniform number is below prob[k], else alias[k]; that is exact, like
 * gensim's cumulative table, and needs only 12 bytes per word, so the table stays in the CPU's
 * fastest cache (word2vec.c's 10^8-slot table, or even 2^20 slots, misses it and measured ~40%
 * slower here). The kernels take both uniform numbers from one 32-bit draw.
 */
export interface AliasTable {
  /** Keep slot k with this probability. [vocabSize] */
  prob: Float64Array;
  /** Otherwise return this word. [vocabSize] */
  alias: Int32Array;
}

export function buildAliasTable(counts: ArrayLike<number>, power = 0.75, target?: AliasTable): AliasTable {
  const n = counts.length;
  if (n === 0) throw new Error('Boş bir sözlük için negatif örnekleme tablosu kurulamaz; minCount değerini düşürün ya da daha büyük bir derlem kullanın.');
  const prob = target?.prob ?? new Float64Array(n);
  const alias = target?.alias ?? new Int32Array(n);
  let total = 0;
  for (let w = 0; w < n; w++) total += Math.pow(counts[w], power);
  const scaled = new Float64Array(n); // probability x n: the mean slot holds exactly 1
  const small: number[] = [];
  const large: number[] = [];
  for (let w = 0; w < n; w++) {
    scaled[w] = (Math.pow(counts[w], power) / total) * n;
    (scaled[w] < 1 ? small : large).push(w);
  }
  while (small.length > 0 && large.length > 0) {
    const less = small.pop() as number;
    const more = large.pop() as number;
    prob[less] = scaled[less];
    alias[less] = more;
    scaled[more] = scaled[more] + scaled[less] - 1; // `more` gives away what fills up slot `less`
    (scaled[more] < 1 ? small : large).push(more);
  }
  // What is left is 1 up to rounding error.
  for (const w of [...large, ...small]) {
    prob[w] = 1;
    alias[w] = w;
  }
  return { prob, alias };
}

/** The probability of each word under an alias table (for tests). */
export function aliasTableDistribution(table: AliasTable): Float64Array {
  const n = table.prob.length;
  const p = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    p[k] += table.prob[k] / n;
    p[table.alias[k]] += (1 - table.prob[k]) / n;
  }
  return p;
}

/**
 * Frequent-word subsampling thresholds as in gensim/word2vec.c: with t = sample · (retained words),
 * word w is kept with probability (√(count/t) + 1) · t / count (capped at 1). Returned scaled to
 * [0, 2^32] so the kernel compares it with a raw uint32 draw. `sample = 0` keeps everything.
 */
export function buildKeepThresholds(counts: ArrayLike<number>, sample: number, target?: Float64Array): Float64Array {
  const thresholds = target ?? new Float64Array(counts.length);
  let retained = 0;
  for (let w = 0; w < counts.length; w++) retained += counts[w];
  const t = sample * retained;
  for (let w = 0; w < counts.length; w++) {
    const p = sample > 0 ? (Math.sqrt(counts[w] / t) + 1) * (t / counts[w]) : 1;
    thresholds[w] = Math.min(1, p) * 4294967296;
  }
  return thresholds;
}

/** Probability that word w survives subsampling (for reports and tests). */
export function keepProbability(count: number, totalRetained: number, sample: number): number {
  if (sample <= 0) return 1;
  const t = sample * totalRetained;
  return Math.min(1, (Math.sqrt(count / t) + 1) * (t / count));
}
