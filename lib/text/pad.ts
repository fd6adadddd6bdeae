/**
 * Pads token sequences to one length, with the semantics of Keras's `pad_sequences`
 * (keras.utils.pad_sequences): the length is `maxLen` or the longest sequence; longer sequences
 * lose their beginning ('pre', default) or end ('post'); shorter ones get `value` before ('pre',
 * default) or after ('post'). Returns plain numbers; turning them into a tensor is lib/tf's job.
 * Unlike Keras (dtype 'int32'), values are not cast: what goes in comes out.
 */
import { assertObject, assertOneOf, assertSequences, checkNumber, shown } from '../validate';

/** Options of `padSequences`, named after Keras's arguments. */
export interface PadOptions {
  /** Length of every output row. Default: the longest input sequence. */
  maxLen?: number | null;
  /** Where `value` is added to short sequences. Default 'pre' (Keras). */
  padding?: 'pre' | 'post';
  /** Which end of a long sequence is cut off. Default 'pre' (Keras). */
  truncating?: 'pre' | 'post';
  /** The padding value. Default 0, the index Tokenizer reserves for padding. */
  value?: number;
}

const PAD_OPTIONS = ['maxLen', 'padding', 'truncating', 'value'];

/**
 * Pads/truncates each sequence to `maxLen`; the result has shape [numSequences, maxLen].
 * Introduced in 1_RNN.ipynb.
 *
 * @example padSequences([[1], [2, 3], [4, 5, 6]]) // [[0, 0, 1], [0, 2, 3], [4, 5, 6]]
 * @example padSequences([[1], [2, 3], [4, 5, 6]], { maxLen: 2 }) // [[0, 1], [2, 3], [5, 6]]
 */
export function padSequences(sequences: readonly (readonly number[])[], options: PadOptions = {}): number[][] {
  assertSequences(sequences, 'padSequences(sequences)');
  assertObject(options, 'padSequences options');
  for (const key of Object.keys(options)) {
    if (!PAD_OPTIONS.includes(key)) {
      // Keras spells it maxlen; an ignored option would pad to the longest sequence without a word.
      const hint = key.toLowerCase() === 'maxlen' ? ' maxLen mi demek istediniz?' : '';
      throw new TypeError(`padSequences: bilinmeyen seçenek ${shown(key, 40)}; seçenekler: ${PAD_OPTIONS.join(', ')}.${hint}`);
    }
  }
  const { maxLen = null, padding = 'pre', truncating = 'pre', value = 0 } = options;
  if (maxLen !== null) checkNumber(maxLen, 'maxLen', { integer: true, min: 0 });
  assertOneOf(padding, 'padding', ['pre', 'post']);
  assertOneOf(truncating, 'truncating', ['pre', 'post']);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`value (doldurma değeri) sonlu bir sayı olmalı; verilen: ${shown(value)}. Genellikle 0 kullanılır.`);
  }
  const len = maxLen ?? sequences.reduce((m, s) => Math.max(m, s.length), 0); // seqLen of the result
  return sequences.map((seq) => {
    // slice(-0) would keep everything, so a zero length is handled apart.
    const kept = len === 0 ? [] : truncating === 'pre' ? seq.slice(-len) : seq.slice(0, len);
    const fill: number[] = new Array<number>(len - kept.length).fill(value);
    return padding === 'pre' ? [...fill, ...kept] : [...kept, ...fill];
  });
}
