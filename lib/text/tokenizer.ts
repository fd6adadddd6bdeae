/**
 * A word tokenizer with the API of Keras's `Tokenizer` (keras_preprocessing/text.py), which the
 * course's Python code uses, in camelCase, splitting Turkish text with `words()` (normalize.ts).
 *
 * Same as Keras:
 * - `wordIndex` ranks words by count, most frequent first; ties keep first-seen order (Keras sorts
 *   an insertion-ordered dict with Python's stable sort). Index 0 is never assigned: it is padding.
 * - `oovToken`, when given, takes index 1 and replaces unknown words.
 * - `numWords` limits only `textsToSequences` / `sequencesToTexts` to indices < numWords (so the
 *   `numWords - 1` most frequent words, counting the OOV token); `wordIndex` keeps every word.
 * - `fitOnTexts` may be called again: counts accumulate and the index is rebuilt.
 *
 * Different from Keras, on purpose:
 * - Turkish splitting (see normalize.ts): Turkish lowercase, NFC, Unicode punctuation, emoji.
 * - The OOV token keeps index 1 even if the same string occurs in the texts (in Keras the word
 *   would overwrite it); such a word then maps to index 1.
 * - `sequencesToTexts` skips index 0 (padding) instead of writing the OOV token for it, and throws on
 *   an index that is not in the vocabulary at all (a bug upstream, not an unknown word).
 * - Using the tokenizer before `fitOnTexts` throws instead of returning empty sequences.
 * - Only arrays of strings are accepted (Keras also takes pre-split word lists and char_level).
 */
import { resolveTextOptions, wordsWith } from './normalize';
import type { TextOptions } from './normalize';
import { assertObject, assertSequences, assertString, assertStringArray, checkNumber, isArray, shown } from '../validate';

/** Options of `new Tokenizer(...)`: Keras's `num_words`, `oov_token`, plus the `TextOptions`. */
export interface TokenizerOptions extends TextOptions {
  /** Keep only indices < numWords in sequences (the numWords-1 most frequent words). Default: all. */
  numWords?: number | null;
  /** Token for unknown words, given index 1 (e.g. '<OOV>'). Default: unknown words are dropped. */
  oovToken?: string | null;
}

/** The JSON form of a Tokenizer (`tokenizer.toJSON()`); word lists are [word, number] pairs in order. */
export interface TokenizerJSON {
  format: 'Tokenizer';
  version: 1;
  config: Required<TextOptions> & { numWords: number | null; oovToken: string | null };
  documentCount: number;
  wordCounts: [string, number][];
  wordDocs: [string, number][];
  wordIndex: [string, number][];
}

/**
 * Turns texts into sequences of word indices and back, Keras-style, with Turkish-aware splitting.
 * Introduced in 1_RNN.ipynb.
 *
 * @example
 * const tokenizer = new Tokenizer({ oovToken: '<OOV>' }).fitOnTexts(['Yemekler çok güzeldi', 'Servis çok yavaştı']);
 * tokenizer.wordIndex.get('çok'); // 2 (1 is '<OOV>')
 * tokenizer.textsToSequences(['Çok güzel']); // [[2, 1]]
 */
export class Tokenizer {
  /** Indices >= numWords are left out of sequences (null: no limit). */
  readonly numWords: number | null;
  /** The token standing for unknown words (index 1), or null. */
  readonly oovToken: string | null;
  /** How texts are split into words (see normalize.ts). */
  readonly textOptions: Readonly<Required<TextOptions>>;

  private readonly counts = new Map<string, number>();
  private readonly docs = new Map<string, number>();
  private index = new Map<string, number>();
  private reverse = new Map<number, string>();
  private documents = 0;

  constructor(options: TokenizerOptions = {}) {
    assertObject(options, 'Tokenizer options');
    const { numWords = null, oovToken = null, ...textOptions } = options;
    if (numWords !== null) checkNumber(numWords, 'numWords', { integer: true, min: 1 });
    if (oovToken !== null && (typeof oovToken !== 'string' || oovToken === '')) {
      throw new TypeError(`oovToken boş olmayan bir metin (ör. '<OOV>') ya da null olmalı; verilen: ${shown(oovToken)}.`);
    }
    this.numWords = numWords;
    this.oovToken = oovToken;
    this.textOptions = Object.freeze(resolveTextOptions(textOptions));
  }

  /** Word → index, most frequent word first (1, or 2 when there is an OOV token). Padding 0 is not in it. */
  get wordIndex(): ReadonlyMap<string, number> {
    return this.index;
  }

  /** Index → word, the inverse of `wordIndex`. */
  get indexWord(): ReadonlyMap<number, string> {
    return this.reverse;
  }

  /** Word → number of occurrences in the fitted texts, in first-seen order. */
  get wordCounts(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** Word → number of fitted texts it occurs in. */
  get wordDocs(): ReadonlyMap<string, number> {
    return this.docs;
  }

  /** Number of texts fitted so far. */
  get documentCount(): number {
    return this.documents;
  }

  /**
   * Number of distinct indices a sequence can hold, padding 0 included: the `inputDim` of an
   * Embedding layer. `wordIndex.size + 1`, capped at `numWords` when set.
   */
  get vocabSize(): number {
    this.assertFitted('vocabSize');
    const all = this.index.size + 1;
    return this.numWords === null ? all : Math.min(all, this.numWords);
  }

  /** The words of one text exactly as the tokenizer sees them. */
  tokenize(text: string): string[] {
    assertString(text, 'tokenize(text)');
    return wordsWith(text, this.textOptions);
  }

  /**
   * Counts the words of `texts` and rebuilds `wordIndex`. May be called again to add texts.
   * Throws on an empty corpus or a corpus with no words.
   */
  fitOnTexts(texts: readonly string[]): this {
    assertStringArray(texts, 'fitOnTexts(texts)');
    if (texts.length === 0) {
      throw new RangeError('fitOnTexts(texts): derlem boş; en az bir metin verin.');
    }
    const split = texts.map((text) => wordsWith(text, this.textOptions));
    if (this.counts.size === 0 && split.every((w) => w.length === 0)) {
      throw new RangeError(
        `fitOnTexts(texts): ${texts.length} metinde hiç kelime bulunamadı (boş ya da yalnızca noktalama/süzülen karakterler); kelime içeren metinler verin.`,
      );
    }
    for (const seq of split) {
      this.documents += 1;
      for (const w of seq) this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
      for (const w of new Set(seq)) this.docs.set(w, (this.docs.get(w) ?? 0) + 1);
    }
    this.rebuildIndex();
    return this;
  }

  /**
   * Each text as a list of word indices. Unknown words become the OOV index (1) or are dropped;
   * words with index >= numWords likewise.
   */
  textsToSequences(texts: readonly string[]): number[][] {
    assertStringArray(texts, 'textsToSequences(texts)');
    this.assertFitted('textsToSequences');
    const oov = this.oovToken === null ? null : 1;
    return texts.map((text) => {
      const seq: number[] = [];
      for (const w of wordsWith(text, this.textOptions)) {
        const i = this.index.get(w);
        if (i !== undefined && (this.numWords === null || i < this.numWords)) seq.push(i);
        else if (oov !== null) seq.push(oov);
      }
      return seq;
    });
  }

  /**
   * Each sequence back to text, words joined by single spaces. Index 0 (padding) is skipped;
   * indices >= numWords become the OOV token or are dropped; an index outside the vocabulary throws.
   */
  sequencesToTexts(sequences: readonly (readonly number[])[]): string[] {
    assertSequences(sequences, 'sequencesToTexts(sequences)');
    this.assertFitted('sequencesToTexts');
    return sequences.map((seq, s) => {
      const out: string[] = [];
      seq.forEach((i, j) => {
        if (i === 0) return;
        const word = this.reverse.get(i);
        if (word === undefined) {
          throw new RangeError(
            `sequencesToTexts: sequences[${s}][${j}] = ${shown(i)} bir kelime numarası değil (geçerli: doldurma için 0, 1..${this.index.size}).`,
          );
        }
        if (this.numWords === null || i < this.numWords) out.push(word);
        else if (this.oovToken !== null) out.push(this.oovToken);
      });
      return out.join(' ');
    });
  }

  /** A JSON-safe snapshot; `Tokenizer.fromJSON(tokenizer.toJSON())` gives an equal tokenizer. */
  toJSON(): TokenizerJSON {
    return {
      format: 'Tokenizer',
      version: 1,
      config: { ...this.textOptions, numWords: this.numWords, oovToken: this.oovToken },
      documentCount: this.documents,
      wordCounts: [...this.counts],
      wordDocs: [...this.docs],
      wordIndex: [...this.index],
    };
  }

  /** Rebuilds a tokenizer from `toJSON()` output or its `JSON.stringify` string; checks it is consistent. */
  static fromJSON(json: string | TokenizerJSON): Tokenizer {
    const data: unknown = typeof json === 'string' ? parseJSON(json) : json;
    assertObject(data, 'Tokenizer JSON');
    if (data.format !== 'Tokenizer' || data.version !== 1) {
      throw new TypeError(
        `Kaydedilmiş bir Tokenizer değil: format 'Tokenizer', version 1 bekleniyordu; verilen: format ${shown(data.format)}, version ${shown(data.version)}. toJSON() çıktısını verin.`,
      );
    }
    assertObject(data.config, 'Tokenizer JSON config');
    const tokenizer = new Tokenizer(data.config as TokenizerOptions);
    tokenizer.documents = checkNumber(data.documentCount, 'Tokenizer JSON documentCount', { integer: true, min: 0 });
    for (const [w, c] of readPairs(data.wordCounts, 'wordCounts')) tokenizer.counts.set(w, c);
    for (const [w, c] of readPairs(data.wordDocs, 'wordDocs')) tokenizer.docs.set(w, c);
    tokenizer.rebuildIndex();
    const saved = readPairs(data.wordIndex, 'wordIndex');
    const rebuilt = [...tokenizer.index];
    if (saved.length !== rebuilt.length || saved.some(([w, i], k) => rebuilt[k][0] !== w || rebuilt[k][1] !== i)) {
      throw new RangeError('Tokenizer JSON tutarsız: wordIndex ile wordCounts uyuşmuyor; dosya elle mi değiştirildi? toJSON() ile yeniden kaydedin.');
    }
    return tokenizer;
  }

  private rebuildIndex(): void {
    // Stable sort: equal counts keep first-seen order, as Keras's sort over its OrderedDict.
    const ranked = [...this.counts].filter(([w]) => w !== this.oovToken).sort((a, b) => b[1] - a[1]);
    const vocab = this.oovToken === null ? [] : [this.oovToken];
    for (const [w] of ranked) vocab.push(w);
    this.index = new Map(vocab.map((w, i) => [w, i + 1]));
    this.reverse = new Map(vocab.map((w, i) => [i + 1, w]));
  }

  private assertFitted(what: string): void {
    if (this.documents === 0) {
      throw new Error(`Tokenizer.${what}: tokenizer henüz eğitilmedi; önce fitOnTexts(texts) çağırın.`);
    }
  }
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SyntaxError(`Tokenizer.fromJSON: metin geçerli JSON değil (${(err as Error).message}); toJSON() ile kaydedilmiş metni verin.`);
  }
}

function readPairs(value: unknown, name: string): [string, number][] {
  if (!isArray(value)) throw new TypeError(`Tokenizer JSON ${name} [kelime, sayı] çiftlerinden oluşan bir dizi olmalı; verilen: ${shown(value)}.`);
  return value.map((pair, k) => {
    const [word, n] = isArray(pair) && pair.length === 2 ? pair : [];
    if (typeof word !== 'string' || typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw new TypeError(`Tokenizer JSON ${name}[${k}] bir [kelime, pozitif tam sayı] çifti olmalı; verilen: ${shown(pair)}.`);
    }
    return [word, n];
  });
}
