/**
 * Vocabulary and corpus encoding for Word2Vec / FastText training, as gensim's
 * Word2Vec.build_vocab: count every word, keep those seen at least `minCount` times, rank them by
 * count (most frequent first; ties keep first-seen order), and drop the rest from the sentences
 * before windows are formed (so a dropped word does not occupy a window slot).
 */

/** Words kept for training, most frequent first. Introduced in 0_Word_Embeddings.ipynb. */
export interface Vocabulary {
  /** words[i] is the word with id i. */
  words: string[];
  /** counts[i]: occurrences of words[i] in the corpus. */
  counts: number[];
  /** word -> id. */
  index: Map<string, number>;
  /** All word occurrences in the corpus, including words below minCount. */
  corpusWords: number;
  /** Distinct words in the corpus, including words below minCount. */
  distinctWords: number;
  minCount: number;
}

/** Checks the training input: a non-empty array of sentences, each an array of string tokens. */
export function assertSentences(sentences: unknown): asserts sentences is string[][] {
  if (!Array.isArray(sentences)) {
    throw new TypeError(
      `sentences must be an array of tokenized sentences (string[][]), got ${typeof sentences}. ` +
        'Tokenize first, e.g. corpus.map((line) => words(line)).',
    );
  }
  let tokens = 0;
  for (let s = 0; s < sentences.length; s++) {
    const sentence: unknown = sentences[s];
    if (!Array.isArray(sentence)) {
      throw new TypeError(
        `sentences[${s}] must be an array of words, got ${typeof sentence}. ` +
          'Pass tokenized sentences (string[][]), e.g. corpus.map((line) => words(line)).',
      );
    }
    for (let t = 0; t < sentence.length; t++) {
      const token: unknown = sentence[t];
      if (typeof token !== 'string' || token.length === 0) {
        throw new TypeError(`sentences[${s}][${t}] must be a non-empty string, got ${JSON.stringify(token)}.`);
      }
    }
    tokens += sentence.length;
  }
  if (tokens === 0) {
    throw new Error('The corpus is empty: no sentence contains a word. Check that the text was loaded and tokenized.');
  }
}

/** Counts words and keeps those with count >= minCount. Introduced in 0_Word_Embeddings.ipynb. */
export function buildVocabulary(sentences: string[][], minCount: number): Vocabulary {
  assertSentences(sentences);
  const counts = new Map<string, number>();
  let corpusWords = 0;
  for (const sentence of sentences) {
    for (const word of sentence) counts.set(word, (counts.get(word) ?? 0) + 1);
    corpusWords += sentence.length;
  }
  // Map iteration is insertion order and Array.prototype.sort is stable: ties keep first-seen order.
  const kept = [...counts].filter(([, count]) => count >= minCount).sort((a, b) => b[1] - a[1]);
  if (kept.length === 0) {
    const best = Math.max(...counts.values());
    throw new Error(
      `No word occurs at least minCount=${minCount} times (the most frequent word occurs ${best} times ` +
        `in ${corpusWords} words). Lower minCount or use a larger corpus.`,
    );
  }
  return {
    words: kept.map(([word]) => word),
    counts: kept.map(([, count]) => count),
    index: new Map(kept.map(([word], i) => [word, i])),
    corpusWords,
    distinctWords: counts.size,
    minCount,
  };
}

/** The corpus as word ids: sentences concatenated, words below minCount removed. */
export interface EncodedCorpus {
  tokens: Int32Array;
  /** Exclusive end offset in `tokens` of each sentence (sentences that lost every word are dropped). */
  sentenceEnds: Int32Array;
  /** Length of the longest encoded sentence. */
  maxSentenceLength: number;
}

export function encodeCorpus(sentences: string[][], vocab: Vocabulary): EncodedCorpus {
  const tokens: number[] = [];
  const ends: number[] = [];
  let maxSentenceLength = 0;
  for (const sentence of sentences) {
    const start = tokens.length;
    for (const word of sentence) {
      const id = vocab.index.get(word);
      if (id !== undefined) tokens.push(id);
    }
    if (tokens.length > start) {
      ends.push(tokens.length);
      maxSentenceLength = Math.max(maxSentenceLength, tokens.length - start);
    }
  }
  return { tokens: Int32Array.from(tokens), sentenceEnds: Int32Array.from(ends), maxSentenceLength };
}
