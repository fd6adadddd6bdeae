/**
 * Training pairs for next-word prediction, as in the Keras text-generation tutorials the course's
 * LSTM code follows: every prefix of length >= 2 of a sentence's token sequence is one example;
 * after padding, all tokens but the last are the input and the last is the word to predict.
 */
import { assertSequences } from '../validate';

/**
 * For each sequence [a, b, c, d]: [a, b], [a, b, c], [a, b, c, d]. Sequences shorter than 2
 * tokens give nothing. Introduced in 2_LSTM.ipynb.
 *
 * @example ngramPrefixSequences([[5, 2, 9]]) // [[5, 2], [5, 2, 9]]
 */
export function ngramPrefixSequences(sequences: readonly (readonly number[])[]): number[][] {
  assertSequences(sequences, 'ngramPrefixSequences(sequences)');
  const out: number[][] = [];
  for (const seq of sequences) {
    for (let end = 2; end <= seq.length; end++) out.push(seq.slice(0, end));
  }
  return out;
}

/**
 * Splits each (padded) sequence into input `X` (all tokens but the last) and target `y` (the last).
 * X has shape [numSequences, seqLen - 1], y [numSequences]. Introduced in 2_LSTM.ipynb.
 *
 * @example splitXy([[0, 5, 2], [5, 2, 9]]) // { X: [[0, 5], [5, 2]], y: [2, 9] }
 */
export function splitXy(sequences: readonly (readonly number[])[]): { X: number[][]; y: number[] } {
  assertSequences(sequences, 'splitXy(sequences)');
  const X: number[][] = [];
  const y: number[] = [];
  sequences.forEach((seq, i) => {
    if (seq.length < 2) {
      throw new RangeError(
        `splitXy: sequences[${i}] ${seq.length} token içeriyor; her dizi en az 2 token ister (girdi + hedef). Kısa dizileri çıkarın ya da önce padSequences ile doldurun.`,
      );
    }
    X.push(seq.slice(0, -1));
    y.push(seq[seq.length - 1]);
  });
  return { X, y };
}
