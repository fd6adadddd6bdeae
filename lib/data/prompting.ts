/**
 * The two small hand-written files of 4_gpt_transformers.ipynb: Turkish sentences with their
 * English translations (token cost of Turkish), and labelled English reviews (zero-/few-shot
 * prompting). See data/README.md.
 */
import { parseCsvRecords } from './csv';
import { shown } from '../validate';
import { dataPath, readDataFile } from './files';

/** A Turkish sentence and its English translation. Introduced in 4_gpt_transformers.ipynb. */
export interface ParallelSentence {
  tr: string;
  en: string;
}

/** An English review; `split` says whether it may be shown to the model as an example or is only for testing. */
export interface EnglishReview {
  text: string;
  label: 'positive' | 'negative';
  split: 'example' | 'test';
}

/** data/parallel_tr_en.csv, validated (no empty side). Introduced in 4_gpt_transformers.ipynb. */
export function loadParallelSentences(file: string = dataPath('parallelSentences')): ParallelSentence[] {
  const records = parseCsvRecords(readDataFile(file, 'parallelSentences'), ['tr', 'en'], file);
  return records.map((r, k) => {
    const tr = r.tr.trim();
    const en = r.en.trim();
    if (!tr || !en) throw new Error(`${file}, kayıt ${k + 1}: hem Türkçe (tr) hem İngilizce (en) cümle gerekli.`);
    return { tr, en };
  });
}

/** data/english_reviews.csv, validated (labels positive/negative, splits example/test). Introduced in 4_gpt_transformers.ipynb. */
export function loadEnglishReviews(file: string = dataPath('englishReviews')): EnglishReview[] {
  const records = parseCsvRecords(readDataFile(file, 'englishReviews'), ['text', 'label', 'split'], file);
  return records.map((r, k) => {
    const text = r.text.trim();
    const label = r.label.trim();
    const split = r.split.trim();
    if (!text) throw new Error(`${file}, kayıt ${k + 1}: metin boş.`);
    if (label !== 'positive' && label !== 'negative') throw new Error(`${file}, kayıt ${k + 1}: bilinmeyen etiket ${shown(label)}; positive ya da negative kullanın.`);
    if (split !== 'example' && split !== 'test') throw new Error(`${file}, kayıt ${k + 1}: bilinmeyen bölüm ${shown(split)}; example ya da test kullanın.`);
    return { text, label, split };
  });
}
