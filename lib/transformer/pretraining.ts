/**
 * BERT pre-training data (Devlin et al. 2019, §3.1): sentence pairs for next sentence prediction
 * (NSP: half the time B really follows A, half the time B comes from another text) and batches of
 * `[CLS] A [SEP] B [SEP]` with segment ids, a padding mask and MLM masking (mlmMask in train.ts).
 * The notebook shows each idea on an example; this file is the plumbing that repeats it over a corpus.
 * Introduced in 3_Bert_transformers.ipynb.
 */
import { random } from '../tf/ops';
import { mlmMask } from './train';
import { shown } from '../validate';

/** Two text segments and whether B is A's real continuation. */
export interface SentencePair {
  a: string;
  b: string;
  /** true: B follows A in the text (NSP label 0); false: B was drawn from another text (label 1). */
  isNext: boolean;
}

/**
 * NSP pairs from texts that continue after a comma ("Kadın önce elbisesini düzeltti, sonra otobüse
 * bindi."): A is the part before the first ", ", B the rest. With probability 1/2, B is replaced by
 * the B of another, randomly drawn text. Texts without ", " are skipped. Seeded by setSeed.
 * Introduced in 3_Bert_transformers.ipynb.
 */
export function nspPairs(texts: readonly string[]): SentencePair[] {
  const split = texts.flatMap((t) => {
    const at = t.indexOf(', ');
    return at > 0 && at < t.length - 2 ? [{ a: t.slice(0, at), b: t.slice(at + 2) }] : [];
  });
  if (split.length < 2) {
    throw new Error(`nspPairs: rastgele devam cümlesi seçmek için ", " içeren en az iki metin gerekli, verilen: ` +
      `${split.length} metin.`);
  }
  return split.map(({ a, b }, i) => {
    if (random() < 0.5) return { a, b, isNext: true };
    let j = Math.floor(random() * (split.length - 1));
    if (j >= i) j += 1; // any other text
    return { a, b: split[j].b, isNext: false };
  });
}

/** Special token ids a batch needs. */
export interface SpecialIds {
  cls: number;
  sep: number;
  pad: number;
  mask: number;
  vocabSize: number;
}

/** `[CLS] a [SEP] b [SEP]` and its segment ids (0 for [CLS], A and the first [SEP]; 1 for B and the last). */
export function pairInput(a: number[], b: number[], special: SpecialIds): { ids: number[]; tokenTypeIds: number[] } {
  return {
    ids: [special.cls, ...a, special.sep, ...b, special.sep],
    tokenTypeIds: [...new Array<number>(a.length + 2).fill(0), ...new Array<number>(b.length + 1).fill(1)],
  };
}

/**
 * What pretrainingBatch returns: a BertBatch (train.ts) of plain arrays, written as a type alias so
 * it is also a tf.TensorContainer, as trainTransformer's batches must be.
 */
export type PretrainingBatch = {
  /** (B, T) input ids after MLM masking. */
  ids: number[][];
  tokenTypeIds: number[][];
  attentionMask: number[][];
  mlmLabels: number[][];
  nspLabels: number[];
};

/**
 * A pre-training batch from tokenized pairs (ids without special tokens): inputs padded on the
 * right to the longest pair (cut to `maxLen`, taking from the longer segment first), attention
 * mask, segment ids, MLM masking of 15 % of the real tokens (80/10/10) and NSP labels
 * (0 = B follows A, 1 = random, as Hugging Face's BertForPreTraining). Introduced in 3_Bert_transformers.ipynb.
 */
export function pretrainingBatch(pairs: ReadonlyArray<{ a: number[]; b: number[]; isNext: boolean }>, special: SpecialIds,
                                 maxLen: number): PretrainingBatch {
  if (pairs.length === 0) {
    throw new Error('pretrainingBatch: cümle çifti yok (verilen: []); nspPairs(...) ile çift üretin.');
  }
  if (maxLen < 5) {
    throw new Error(`pretrainingBatch: maxLen [CLS] A [SEP] B [SEP] için yer bırakmalı (en az 5), verilen: ` +
      `${shown(maxLen)}.`);
  }
  const rows = pairs.map(({ a, b }) => {
    const [x, y] = [[...a], [...b]];
    while (x.length + y.length + 3 > maxLen) (x.length >= y.length ? x : y).pop();
    return pairInput(x, y, special);
  });
  const width = Math.max(...rows.map((r) => r.ids.length));
  const pad = (row: number[], value: number) => [...row, ...new Array<number>(width - row.length).fill(value)];
  const ids = rows.map((r) => pad(r.ids, special.pad)); // (B, T)
  const specialIds = [special.cls, special.sep, special.pad, special.mask];
  const masked = mlmMask(ids, { vocabSize: special.vocabSize, maskId: special.mask, specialIds });
  return {
    ids: masked.inputs,
    tokenTypeIds: rows.map((r) => pad(r.tokenTypeIds, 0)),
    attentionMask: rows.map((r) => pad(r.ids.map(() => 1), 0)),
    mlmLabels: masked.labels,
    nspLabels: pairs.map((p) => (p.isNext ? 0 : 1)),
  };
}
