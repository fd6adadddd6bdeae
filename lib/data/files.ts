/**
 * Where the project's own datasets live and how a missing one is reported. The files are
 * described in data/README.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT, projectPath } from '../paths';
import { shown } from '../validate';

/** File names inside data/, each with the generator script that rebuilds it. Introduced in 0_Word_Embeddings.ipynb. */
export const DATA_FILES = {
  reviews: { file: 'restaurant_reviews.csv', generator: 'data/generators/restaurant_reviews.ts' },
  dailySentences: { file: 'daily_sentences.txt', generator: 'data/generators/daily_sentences.ts' },
  embeddingCorpus: { file: 'embedding_corpus.txt', generator: 'data/generators/embedding_corpus.ts' },
  knowledgeBase: { file: 'knowledge_base.json', generator: null },
  parallelSentences: { file: 'parallel_tr_en.csv', generator: null },
  englishReviews: { file: 'english_reviews.csv', generator: null },
} as const;

export type DataFileName = keyof typeof DATA_FILES;

/** Absolute path of one of the project's datasets. Introduced in 0_Word_Embeddings.ipynb. */
export function dataPath(name: DataFileName): string {
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(DATA_FILES, name)) {
    throw new RangeError(`dataPath: name şunlardan biri olmalı: ${Object.keys(DATA_FILES).map((n) => `'${n}'`).join(', ')}; verilen: ${shown(name)}.`);
  }
  return projectPath('data', DATA_FILES[name].file);
}

/**
 * Read a UTF-8 text file, or throw an Error that names the path and says how to get it back.
 * `name` tells which dataset was expected, so the hint can name its generator.
 */
export function readDataFile(file: string, name: DataFileName): string {
  if (typeof file !== 'string' || file.trim() === '') {
    throw new TypeError(`file bir veri dosyasının yolu olmalı (ör. dataPath('${name}')); verilen: ${shown(file)}.`);
  }
  if (!fs.existsSync(file)) {
    const rel = path.relative(PROJECT_ROOT, file).split(path.sep).join('/');
    const inProject = !rel.startsWith('..') && !path.isAbsolute(rel);
    const { generator } = DATA_FILES[name];
    const hint = inProject
      ? `\`git checkout ${rel}\` ile geri getirin` + (generator ? ` ya da \`node --import tsx ${generator}\` ile yeniden üretin.` : '.')
      : 'Verdiğiniz yolu kontrol edin.';
    throw new Error(`Veri dosyası bulunamadı: ${file}. ${hint}`);
  }
  if (!fs.statSync(file).isFile()) throw new Error(`Dosya bekleniyordu ama bir klasör bulundu: ${file}; dosyanın yolunu verin.`);
  return fs.readFileSync(file, 'utf8');
}

/** Non-empty lines of a text file; a blank line in the middle is an error (it would be an empty example). */
export function readLines(file: string, name: DataFileName): string[] {
  const lines = readDataFile(file, name).replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new Error(`${file} boş: her satırda bir cümle bekleniyordu.`);
  const blank = lines.findIndex((l) => l.trim() === '');
  if (blank >= 0) throw new Error(`${file}, satır ${blank + 1}: boş metin. Boş satırı silin; her satırda bir cümle olmalı.`);
  return lines.map((l) => l.trim());
}
