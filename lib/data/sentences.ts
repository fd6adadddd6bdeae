/**
 * The two line-per-sentence datasets: daily-life sentences for next-word generation and the
 * larger topic corpus for word embeddings (see data/README.md).
 */
import { dataPath, readLines } from './files';

/**
 * Turkish daily-life sentences (data/daily_sentences.txt), one per entry, for the LSTM text
 * generator. Pass `file` to read another file. Introduced in 2_LSTM.ipynb.
 */
export function loadDailySentences(file: string = dataPath('dailySentences')): string[] {
  return readLines(file, 'dailySentences');
}

/**
 * The Turkish word-embedding corpus (data/embedding_corpus.txt), one sentence per entry, natural
 * casing and punctuation kept. Pass `file` to read another file. Introduced in 0_Word_Embeddings.ipynb.
 */
export function loadEmbeddingCorpus(file: string = dataPath('embeddingCorpus')): string[] {
  return readLines(file, 'embeddingCorpus');
}
