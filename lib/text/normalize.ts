/**
 * Turkish-aware text normalization and word splitting: the ONE place where lib/ turns Turkish text
 * into words. The Tokenizer, the word2vec corpus and the notebooks all go through `words()`.
 *
 * Follows Keras's `text_to_word_sequence` (keras_preprocessing/text.py: lowercase, replace every
 * character of `filters` by the separator, split, drop empty strings), changed for Turkish:
 *
 * - Unicode NFC first, so "kâr" typed as `a` + U+0302 (combining circumflex) and as the single
 *   character `â` become the same word. The circumflex is kept: "kâr" (profit) and "kar" (snow)
 *   are different words.
 * - Turkish casing (`turkishLower`): İ→i and I→ı. Python's `str.lower()` and JavaScript's
 *   `toLowerCase()` turn "İ" into "i̇" (i + U+0307 combining dot) and "I" into "i".
 * - Apostrophes: ’ ‘ ʼ ´ are read as the ASCII apostrophe ', so "İstanbul’da" (phone keyboards)
 *   and "İstanbul'da" are one word. Keras's filters do not contain ', and Turkish writes a suffix
 *   on a proper noun after one ("İstanbul'da", "Ali'nin", "2023'te"), so by default the word stays
 *   whole ('keep'): that is the Keras behaviour, it is how Turkish spells the word, and joined
 *   tokens read back correctly in generated text. `apostrophe: 'split'` gives "istanbul" + "da",
 *   a smaller vocabulary for small corpora (at the cost of "da" meeting the conjunction "da").
 *   An apostrophe not between two letters/digits (a quote mark: 'güzel') is always a separator.
 * - Emoji carry sentiment in reviews, so by default each emoji (with its skin tone, ZWJ parts and
 *   variation selector; flags; keycaps) becomes a token of its own even when written against a
 *   word: "harika😍" → "harika", "😍". `emoji: 'remove'` drops them. Keras keeps "harika😍" whole.
 * - Punctuation: the default filters are Keras's plus the non-ASCII punctuation common in Turkish
 *   text (“ ” « » … – — • ° ₺ © ® ™ …); characters not in `filters` stay inside words. Pass
 *   `filters: KERAS_FILTERS` for Keras's exact set.
 * - Digits are kept by default, as in Keras ("5 yıldız" → "5", "yıldız"); `digits: 'remove'`
 *   turns every decimal digit into a separator ("2023'te" → "te").
 * - Any Unicode whitespace separates words (Keras splits only on `split`; a no-break space from
 *   a web page would otherwise glue two words).
 */
import { assertObject, assertOneOf, assertString, shown } from '../validate';

/** Keras's default `filters`: ASCII punctuation except the apostrophe, plus tab and newline. */
export const KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';

/** Default filters: Keras's, plus non-ASCII punctuation and symbols common in Turkish text. */
export const TURKISH_FILTERS = `${KERAS_FILTERS}“”„‟«»‹›…–—―‐‑‒•·¡¿§¶°″‰©®™₺€£¥¢`;

/** Options for `normalizeText` / `words` (and the `Tokenizer`). Defaults in `DEFAULT_TEXT_OPTIONS`. */
export interface TextOptions {
  /** Lowercase with Turkish rules (`turkishLower`). Default true. */
  lower?: boolean;
  /** Characters that separate words (each is replaced by a space). Default `TURKISH_FILTERS`. */
  filters?: string;
  /** Separator for word splitting, besides any whitespace. Default ' ' (Keras's `split`). */
  split?: string;
  /** Word-internal apostrophe: keep "istanbul'da" whole, or split "istanbul" + "da". Default 'keep'. */
  apostrophe?: 'keep' | 'split';
  /** Each emoji becomes its own token, or is removed. Default 'token'. */
  emoji?: 'token' | 'remove';
  /** Decimal digits are kept, or treated as separators. Default 'keep'. */
  digits?: 'keep' | 'remove';
}

/** The defaults of `TextOptions`. */
export const DEFAULT_TEXT_OPTIONS: Readonly<Required<TextOptions>> = Object.freeze({
  lower: true,
  filters: TURKISH_FILTERS,
  split: ' ',
  apostrophe: 'keep',
  emoji: 'token',
  digits: 'keep',
});

// Apostrophe look-alikes: right/left single quotation marks, modifier letter apostrophe, acute accent.
const APOSTROPHE_VARIANTS = /[\u2019\u2018\u02BC\u00B4]/g;
// An apostrophe with no letter, mark or digit on one of its sides is a quote mark, not a suffix separator.
const NON_INTERNAL_APOSTROPHE = /(?<![\p{L}\p{M}\p{N}])'|'(?![\p{L}\p{N}])/gu;
// One emoji: a flag (two regional indicators), a keycap (1️⃣), or a pictograph with optional skin
// tone / variation selector and ZWJ-joined parts (👨‍👩‍👧); a stray skin-tone modifier also counts.
// ©, ® and ™ are pictographs in Unicode but are treated as punctuation (they are in TURKISH_FILTERS).
const EMOJI =
  /(\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|(?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?(?:\u200D\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?)*|\p{Emoji_Modifier})/u;
const WHITESPACE = /\s+/u;

/**
 * Lowercase with Turkish rules: "İ"→"i", "I"→"ı", then the usual Unicode lowercasing; the result is
 * NFC. Also repairs "i̇" (i + U+0307), which locale-blind lowercasing (JavaScript, Python) leaves
 * behind for "İ". Introduced in 0_Word_Embeddings.ipynb.
 *
 * @example turkishLower("İSTANBUL'DA IŞIK") // "istanbul'da ışık"
 */
export function turkishLower(text: string): string {
  assertString(text, 'turkishLower(text)');
  return text
    .normalize('NFC') // "I" + U+0307 composes to "İ" here
    .replace(/İ/g, 'i')
    .replace(/I/g, 'ı')
    .toLowerCase()
    .replace(/i\u0307/g, 'i')
    .normalize('NFC');
}

/**
 * Uppercase with Turkish rules: "i"→"İ", "ı"→"I", then the usual Unicode uppercasing; the result
 * is NFC. Introduced in 0_Word_Embeddings.ipynb.
 *
 * @example turkishUpper('istanbul ılık') // "İSTANBUL ILIK"
 */
export function turkishUpper(text: string): string {
  assertString(text, 'turkishUpper(text)');
  return text
    .normalize('NFC')
    .replace(/i\u0307/g, 'i')
    .replace(/i/g, 'İ')
    .replace(/ı/g, 'I')
    .toUpperCase()
    .normalize('NFC');
}

/** Checks user options and fills in the defaults. Used by `words` and by the Tokenizer. */
export function resolveTextOptions(options: unknown = {}): Required<TextOptions> {
  assertObject(options, 'text options');
  const known = Object.keys(DEFAULT_TEXT_OPTIONS);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`Bilinmeyen metin seçeneği: ${shown(key)}. Bilinen seçenekler: ${known.join(', ')}.`);
    }
  }
  const o = { ...DEFAULT_TEXT_OPTIONS, ...dropUndefined(options) };
  if (typeof o.lower !== 'boolean') throw new TypeError(`lower true ya da false olmalı; verilen: ${shown(o.lower)}.`);
  assertString(o.filters, 'filters');
  assertString(o.split, 'split');
  if (o.split === '') throw new RangeError("split boş olmayan bir ayırıcı olmalı (ör. ' '); verilen: \"\".");
  assertOneOf(o.apostrophe, 'apostrophe', ['keep', 'split']);
  assertOneOf(o.emoji, 'emoji', ['token', 'remove']);
  assertOneOf(o.digits, 'digits', ['keep', 'remove']);
  return { lower: o.lower, filters: o.filters, split: o.split, apostrophe: o.apostrophe, emoji: o.emoji, digits: o.digits };
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Splits a piece of text that holds no emoji into words, applying filters, digits and apostrophes. */
function plainWords(text: string, o: Required<TextOptions>, filterSet: ReadonlySet<string>): string[] {
  let s = text.replace(APOSTROPHE_VARIANTS, "'");
  let filtered = '';
  for (const ch of s) filtered += filterSet.has(ch) ? ' ' : ch;
  s = filtered;
  if (o.digits === 'remove') s = s.replace(/\p{Nd}/gu, ' ');
  s = s.replace(NON_INTERNAL_APOSTROPHE, ' ');
  if (o.apostrophe === 'split') s = s.replace(/'/g, ' ');
  const out: string[] = [];
  for (const part of s.split(o.split)) {
    for (const w of part.split(WHITESPACE)) if (w !== '') out.push(w);
  }
  return out;
}

/**
 * Splits Turkish text into words (NFC, Turkish lowercase, punctuation, digits, apostrophes and
 * emoji handled as described at the top of this file). Introduced in 0_Word_Embeddings.ipynb.
 *
 * @example words("İstanbul'da çok güzel bir gün geçirdik!😍") // ["istanbul'da", "çok", "güzel", "bir", "gün", "geçirdik", "😍"]
 */
export function words(text: string, options?: TextOptions): string[] {
  assertString(text, 'words(text)');
  return wordsWith(text, resolveTextOptions(options));
}

/** `words` with options already checked (the Tokenizer calls this once per text). */
export function wordsWith(text: string, o: Required<TextOptions>): string[] {
  let s = text.normalize('NFC');
  if (o.lower) s = turkishLower(s);
  const filterSet = new Set(o.filters);
  const out: string[] = [];
  // split() with a capturing group alternates [text, emoji, text, emoji, ..., text].
  s.split(EMOJI).forEach((part, i) => {
    if (i % 2 === 1) {
      if (o.emoji === 'token') out.push(part);
    } else {
      out.push(...plainWords(part, o, filterSet));
    }
  });
  return out;
}

/**
 * Normalized text: the words of `words(text, options)` joined by single spaces, so
 * `normalizeText(t).split(' ')` gives back `words(t)` (for non-empty results).
 * Introduced in 0_Word_Embeddings.ipynb.
 *
 * @example normalizeText('  “Kâr” ETTİK… 5 yıldız!  ') // "kâr ettik 5 yıldız"
 */
export function normalizeText(text: string, options?: TextOptions): string {
  assertString(text, 'normalizeText(text)');
  return words(text, options).join(' ');
}
