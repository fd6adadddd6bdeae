/**
 * Vocabulary and corpus encoding for Word2Vec / FastText training, as gensim's
 * Word2Vec.build_vocab: count every word, keep those seen at least `minCount` times, rank them by
 * count (most frequent first; ties keep first-seen order), and drop the rest from the sentences
 * before windows are formed (so a dropped word does not occupy a window slot).
 */
import { checkNumber, shown } from '../validate';

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
      `sentences kelimelere ayrılmış cümlelerden oluşan bir dizi (string[][]) olmalı; verilen: ${shown(sentences)}. ` +
        'Önce kelimelere ayırın, ör. corpus.map((line) => words(line)).',
    );
  }
  let tokens = 0;
  for (let s = 0; s < sentences.length; s++) {
    const sentence: unknown = sentences[s];
    if (!Array.isArray(sentence)) {
      throw new TypeError(
        `sentences[${s}] kelimelerden oluşan bir dizi olmalı; verilen: ${shown(sentence)}. ` +
          'Kelimelere ayrılmış cümleler (string[][]) verin, ör. corpus.map((line) => words(line)).',
      );
    }
    for (let t = 0; t < sentence.length; t++) {
      const token: unknown = sentence[t];
      if (typeof token !== 'string' || token.length === 0) {
        throw new TypeError(`sentences[${s}][${t}] boş olmayan bir metin olmalı; verilen: ${shown(token)}.`);
      }
    }
    tokens += sentence.length;
  }
  if (tokens === 0) {
    throw new Error('Derlem boş: hiçbir cümlede kelime yok. Metnin yüklendiğini ve kelimelere ayrıldığını kontrol edin.');
  }
}

/** Counts words and keeps those with count >= minCount. Introduced in 0_Word_Embeddings.ipynb. */
export function buildVocabulary(sentences: string[][], minCount: number): Vocabulary {
  assertSentences(sentences);
  checkNumber(minCount, 'minCount', { integer: true, min: 1 });
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
      `Hiçbir kelime en az minCount=${minCount} kez geçmiyor (en sık kelime ${corpusWords} kelimede ${best} kez geçiyor). ` +
        'minCount değerini düşürün ya da daha büyük bir derlem kullanın.',
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
