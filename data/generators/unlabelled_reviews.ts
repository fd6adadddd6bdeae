/**
 * Generates data/unlabelled_reviews.txt: restaurant reviews from notebook 1's generator
 * (restaurant_reviews.ts) with another seed, one per line, LABELS THROWN AWAY, and none identical to a
 * review of restaurant_reviews.csv or heldout_reviews.csv. It is the plentiful unlabelled text of the
 * domain that 3_Bert_transformers.ipynb pre-trains its mini-BERT on before fine-tuning with few labels.
 *
 * Run: node --import tsx data/generators/unlabelled_reviews.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateReviews } from './restaurant_reviews';

export const UNLABELLED_SEED = 7;
/** Reviews drawn per label before duplicates of labelled reviews are removed. */
export const UNLABELLED_PER_LABEL = 1000;

/** The unlabelled review texts, deterministic; `exclude` holds texts that must not appear (labelled or held-out reviews). */
export function unlabelledReviews(exclude: ReadonlySet<string>): string[] {
  return generateReviews(UNLABELLED_SEED, UNLABELLED_PER_LABEL).map((r) => r.text).filter((t) => !exclude.has(t));
}

if (require.main === module) {
  const dataDir = path.join(__dirname, '..');
  const texts = (file: string) => fs.readFileSync(path.join(dataDir, file), 'utf8').split('\n').slice(1)
    .filter((l) => l.trim() !== '').map((l) => l.slice(1, l.lastIndexOf('",')).replace(/""/g, '"'));
  const exclude = new Set([...texts('restaurant_reviews.csv'), ...texts('heldout_reviews.csv')]);
  const rows = unlabelledReviews(exclude);
  if (rows.some((t) => t.includes('\n'))) throw new Error('a review spans lines');
  const out = path.join(dataDir, 'unlabelled_reviews.txt');
  fs.writeFileSync(out, rows.join('\n') + '\n', 'utf8');
  console.log(`wrote ${out}: ${rows.length} unlabelled reviews (${2 * UNLABELLED_PER_LABEL - rows.length} dropped as identical to a labelled one)`);
}
