/** Loaders for the project's own Turkish datasets and the real Turkish treebank (data/README.md describes each file). */
export { parseCsv, parseCsvRecords } from './data/csv';
export { DATA_FILES, dataPath } from './data/files';
export type { DataFileName } from './data/files';
export { SENTIMENT_LABELS, labelToNumber, loadReviewRows, loadReviews } from './data/reviews';
export type { Review, SentimentLabel } from './data/reviews';
export { loadDailySentences, loadEmbeddingCorpus } from './data/sentences';
export { loadKnowledgeBase } from './data/knowledge_base';
export type { KbEntry } from './data/knowledge_base';
export { loadEnglishReviews, loadParallelSentences } from './data/prompting';
export type { EnglishReview, ParallelSentence } from './data/prompting';
export { loadTreebank, morphemeBoundaries, parseTreebank, readTreebankFile, treebankDir, treebankDocuments } from './data/treebank';
export type { TreebankOptions, TreebankSection, TreebankSegment, TreebankSentence, TreebankSplit, TreebankWord } from './data/treebank';
