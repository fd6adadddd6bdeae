/**
 * lib/embeddings: Word2Vec (CBOW, skip-gram) and FastText trained here, with negative sampling,
 * subsampling and a decaying learning rate as in word2vec.c and gensim; queries on the vectors
 * (similarity, neighbours, analogies), the word2vec text format, Embedding-layer initialisation,
 * and 2-D maps / clusters for plots. Introduced in 0_Word_Embeddings.ipynb.
 */
export { trainFastText, trainWord2Vec } from './embeddings/train';
export { WORD2VEC_SETTINGS, WORD2VEC_SETTING_MEANINGS } from './embeddings/settings';
export type { Word2VecSetting } from './embeddings/settings';
export type { Architecture, Backend, FastTextOptions, TrainingProgress, Word2VecOptions } from './embeddings/train';
export { cosine, FastTextVectors, normalize, WordVectors } from './embeddings/vectors';
export type { Neighbour, Query, TrainingStats } from './embeddings/vectors';
export { charNgrams, fastTextHash, ngramBuckets } from './embeddings/subwords';
export { buildVocabulary } from './embeddings/vocab';
export type { Vocabulary } from './embeddings/vocab';
export { loadWord2VecText, parseWord2VecText, saveWord2VecText, toWord2VecText } from './embeddings/word2vec-format';
export { embeddingCoverage, embeddingMatrix } from './embeddings/embedding-matrix';
export type { EmbeddingCoverage, EmbeddingMatrixOptions } from './embeddings/embedding-matrix';
export { kmeans, pca2d, tsne2d, umap2d } from './embeddings/reduce';
export type { KMeansOptions, Point2D, Rows, TsneOptions, UmapOptions } from './embeddings/reduce';
