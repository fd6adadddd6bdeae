/**
 * The training settings of 0_Word_Embeddings.ipynb §4, in one home: the notebook's CBOW, Skip-gram and
 * FastText models (and §8's real-text models) are trained with them, and kontrol('0.5') retrains §4's
 * models with the same object to compare a learner's analogy answers, so a change here reaches both.
 * Frozen: a notebook cell that wants other settings spreads a copy (`{ ...WORD2VEC_SETTINGS, window: 2 }`).
 * Introduced in 0_Word_Embeddings.ipynb.
 */
import type { Word2VecOptions } from './train';

export const WORD2VEC_SETTINGS = Object.freeze({
  dim: 100,      // vector size d
  window: 5,     // c: at most 5 words on each side
  negative: 5,   // k noise words per positive pair
  minCount: 5,   // rarer words get no vector
  sample: 1e-3,  // subsampling of frequent words
  epochs: 10,    // passes over the corpus
  seed: 1,       // same seed, same vectors
  workers: 1,    // one thread: exactly reproducible
} as const satisfies Word2VecOptions);

export type Word2VecSetting = keyof typeof WORD2VEC_SETTINGS;

/** What each setting does, in the words the notebook's table shows learners. */
export const WORD2VEC_SETTING_MEANINGS: Readonly<Record<Word2VecSetting, string>> = Object.freeze({
  dim: 'vektör boyu d',
  window: 'pencere c: kelimenin her yanında en çok bu kadar bağlam kelimesi',
  negative: 'k: her doğru (kelime, bağlam) çifti için çekilen gürültü kelimesi',
  minCount: 'sözlük eşiği: daha az geçen kelimeye vektör verilmez',
  sample: 'sık kelimelerin alt örnekleme eşiği',
  epochs: 'derlemin üzerinden geçiş sayısı (epok)',
  seed: 'tohum: aynı tohum, aynı vektörler',
  workers: 'iş parçacığı: 1 ile her çalıştırma birebir aynı',
});
