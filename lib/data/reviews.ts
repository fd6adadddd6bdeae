/**
 * Turkish restaurant reviews labelled `pozitif` / `negatif` (data/restaurant_reviews.csv), the
 * sentiment data of 1_RNN.ipynb. Label rule: the last evaluative clause decides (see data/README.md).
 */
import type { DataFrame } from 'danfojs-node';
import { parseCsvRecords } from './csv';
import { dataPath, readDataFile } from './files';
import { shown } from '../validate';

/** The two labels, in the order of their numeric codes (negatif = 0, pozitif = 1). */
export const SENTIMENT_LABELS = ['negatif', 'pozitif'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** One review. Introduced in 1_RNN.ipynb. */
export interface Review {
  text: string;
  label: SentimentLabel;
}

function isSentimentLabel(value: string): value is SentimentLabel {
  return (SENTIMENT_LABELS as readonly string[]).includes(value);
}

/** `y` for a label: negatif -> 0, pozitif -> 1; any other value is an error. Introduced in 1_RNN.ipynb. */
export function labelToNumber(label: SentimentLabel): 0 | 1 {
  if (typeof label !== 'string' || !isSentimentLabel(label)) {
    throw new RangeError(`labelToNumber: label ${SENTIMENT_LABELS.map((l) => `"${l}"`).join(' ya da ')} (küçük harfle) olmalı; verilen: ${shown(label)}.`);
  }
  return label === 'pozitif' ? 1 : 0;
}

/**
 * The reviews as plain typed rows, validated: columns `text` and `label` must exist, no text may
 * be empty and every label must be `pozitif` or `negatif`. Pass `file` to read another CSV.
 * Introduced in 1_RNN.ipynb.
 */
export function loadReviewRows(file: string = dataPath('reviews')): Review[] {
  const records = parseCsvRecords(readDataFile(file, 'reviews'), ['text', 'label'], file);
  if (records.length === 0) throw new Error(`${file} bir başlık içeriyor ama hiç yorum yok.`);
  return records.map((r, k) => {
    const record = k + 1;
    const text = r.text.trim();
    const label = r.label.trim();
    if (text === '') throw new Error(`${file}, kayıt ${record}: metin boş; her yorumun bir metni olmalı.`);
    if (!isSentimentLabel(label)) {
      throw new Error(`${file}, kayıt ${record}: bilinmeyen etiket ${shown(label)}; şunlardan birini kullanın: ${SENTIMENT_LABELS.join(', ')}.`);
    }
    return { text, label };
  });
}

/**
 * The reviews as a danfojs-node DataFrame with columns `text` and `label`.
 * Async because danfojs-node (and the tfjs it brings) is loaded only when a frame is asked for.
 * Introduced in 1_RNN.ipynb.
 */
export async function loadReviews(file: string = dataPath('reviews')): Promise<DataFrame> {
  const rows = loadReviewRows(file);
  const dfd = await import('danfojs-node');
  return new dfd.DataFrame(rows, { columns: ['text', 'label'] });
}
