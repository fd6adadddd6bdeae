/**
 * FastText subwords (Bojanowski et al. 2017, "Enriching Word Vectors with Subword Information"):
 * a word is wrapped in boundary marks, "<kitap>", and cut into every character n-gram of length
 * minN..maxN ("<ki", "kit", ..., "tap>", ...). Each n-gram is hashed into one of `buckets` rows, so
 * any string, also a word never seen in training, maps to rows that training has shaped.
 *
 * Order and hash follow facebookresearch/fastText src/dictionary.cc (computeSubwords, hash), which
 * gensim reproduces (compute_ngrams_bytes, ft_hash_bytes): n-grams of Unicode characters ordered by
 * start position then length, and 32-bit FNV-1a over the UTF-8 bytes where each byte is first
 * sign-extended as a C `int8_t` (fastText's quirk; it changes the hash of non-ASCII letters such as
 * ı, ş, ğ, so matching it keeps bucket ids equal to fastText's and gensim's).
 */
import { assertString, checkNumber, shown } from '../validate';

/** Character n-gram lengths of FastText's defaults. */
export const DEFAULT_MIN_N = 3;
export const DEFAULT_MAX_N = 6;

/**
 * The character n-grams of `<word>` with minN <= length <= maxN, in fastText's order.
 * Introduced in 0_Word_Embeddings.ipynb.
 *
 * @example charNgrams('kedi', 3, 4) // ['<ke', '<ked', 'ked', 'kedi', 'edi', 'edi>', 'di>']
 */
export function charNgrams(word: string, minN = DEFAULT_MIN_N, maxN = DEFAULT_MAX_N): string[] {
  assertNgramRange(minN, maxN);
  if (typeof word !== 'string' || word.length === 0) {
    throw new TypeError(`word boş olmayan bir metin olmalı; verilen: ${shown(word)}.`);
  }
  const chars = Array.from(`<${word}>`); // code points, so "ı" or an emoji is one character
  const ngrams: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    let ngram = '';
    for (let n = 1; n <= maxN && i + n <= chars.length; n++) {
      ngram += chars[i + n - 1];
      // fastText skips a lone "<" or ">" when minN is 1.
      if (n >= minN && !(n === 1 && (i === 0 || i + n === chars.length))) ngrams.push(ngram);
    }
  }
  return ngrams;
}

/** fastText's string hash: FNV-1a 32-bit over UTF-8 bytes, bytes sign-extended as int8. Introduced in 0_Word_Embeddings.ipynb. */
export function fastTextHash(text: string): number {
  assertString(text, 'fastTextHash(text)');
  const bytes = Buffer.from(text, 'utf8');
  let h = 2166136261;
  for (let i = 0; i < bytes.length; i++) {
    h = (h ^ ((bytes[i] << 24) >> 24)) >>> 0; // (bytes[i] << 24) >> 24 is the int8 sign extension
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/** The bucket row of each n-gram of `word` (duplicates kept, as fastText does). Introduced in 0_Word_Embeddings.ipynb. */
export function ngramBuckets(word: string, minN: number, maxN: number, buckets: number): number[] {
  checkNumber(buckets, 'buckets', { integer: true, min: 1 });
  return charNgrams(word, minN, maxN).map((ngram) => fastTextHash(ngram) % buckets);
}

export function assertNgramRange(minN: number, maxN: number): void {
  if (!Number.isInteger(minN) || !Number.isInteger(maxN) || minN < 1 || maxN < minN) {
    throw new RangeError(`n-gram uzunlukları 1 ≤ minN ≤ maxN koşulunu sağlayan tam sayılar olmalı; verilen: minN=${shown(minN)}, maxN=${shown(maxN)}.`);
  }
}
