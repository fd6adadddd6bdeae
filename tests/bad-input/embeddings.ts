// lib/embeddings: training, queries, the word2vec format and 2-D maps.
import {
  WordVectors, cosine, kmeans, normalize, parseWord2VecText, pca2d, trainFastText, trainWord2Vec, tsne2d, umap2d,
} from '../../lib/embeddings';
import type { Case } from './cases';
import { missingCases, numberCases, stringCases } from './cases';

// Three words in 2-D, and one whose vector is all zeros.
const model = () => new WordVectors(['kedi', 'köpek', 'araba', 'boş'], Float32Array.from([1, 0, 0.9, 0.1, 0, 1, 0, 0]), 2);
const corpus = Array.from({ length: 20 }, (_, i) => ['kedi', 'süt', 'içti', i % 2 ? 'köpek' : 'kemik']);
const quick = { dim: 4, epochs: 1, minCount: 1, seed: 1, workers: 1 };
const same = (n: number) => Array.from({ length: n }, () => [1, 2, 3]);
const points = (n: number) => Array.from({ length: n }, (_, i) => [Math.cos(i), Math.sin(i * 1.7), i / n]);
const HUGE = 'k'.repeat(100_000);

export const cases: Case[] = [
  // Queries
  ...stringCases('WordVectors.vector', (s) => model().vector(s)),
  ...stringCases('WordVectors.mostSimilar', (s) => model().mostSimilar(s)),
  { name: 'WordVectors.vector(unknown word) names the word', run: () => model().vector('zürafa'), mentions: /zürafa/ },
  ...missingCases('WordVectors.vector(word)', (x) => model().vector(x)),
  ...missingCases('WordVectors.mostSimilar(query)', (x) => model().mostSimilar(x)),
  { name: 'mostSimilar of a zero vector', run: () => model().mostSimilar([0, 0]) },
  { name: 'mostSimilar of a NaN vector', run: () => model().mostSimilar([NaN, 1]) },
  { name: 'mostSimilar of a word whose vector is zero', run: () => model().mostSimilar('boş') },
  { name: 'mostSimilar with topN 0', run: () => model().mostSimilar('kedi', 0) },
  { name: 'mostSimilar with topN NaN', run: () => model().mostSimilar('kedi', NaN) },
  { name: 'mostSimilar of a vector of the wrong length', run: () => model().mostSimilar([1, 2, 3]) },
  { name: 'similarity with a zero vector', run: () => model().similarity('kedi', [0, 0]) },
  { name: 'similarity with a NaN vector', run: () => model().similarity('kedi', [NaN, 0]) },
  { name: 'analogy with a zero vector', run: () => model().analogy('kedi', 'köpek', [0, 0]) },
  { name: 'analogy with an unknown word', run: () => model().analogy('kedi', 'zürafa', 'araba'), mentions: /zürafa/ },
  { name: 'cosine of different lengths', run: () => cosine([1, 2], [1]) },
  { name: 'cosine with NaN', run: () => cosine([NaN, 1], [1, 1]) },
  { name: 'cosine with Infinity', run: () => cosine([Infinity, 1], [1, 1]) },
  { name: 'cosine of a zero vector is 0 (documented)', run: () => cosine([0, 0], [1, 1]), expect: (r) => (r === 0 ? null : `gave ${String(r)}`) },
  { name: 'normalize([NaN, 1])', run: () => normalize([NaN, 1]) },
  { name: 'normalize([Infinity, 1])', run: () => normalize([Infinity, 1]) },
  { name: 'normalize(zero vector) stays zero (documented)', run: () => normalize([0, 0]), expect: 'result' },
  // The word2vec text format
  ...stringCases('parseWord2VecText', (s) => parseWord2VecText(s)),
  { name: 'parseWord2VecText with a 100 000-character header', run: () => parseWord2VecText(`${HUGE}\n`) },
  { name: 'parseWord2VecText with a 100 000-character number', run: () => parseWord2VecText(`1 1\nkedi ${HUGE}\n`) },
  // Training
  ...numberCases('trainWord2Vec lr', (lr) => trainWord2Vec(corpus, { ...quick, lr }), /lr/),
  ...numberCases('trainFastText lr', (lr) => trainFastText(corpus, { ...quick, lr }), /lr/),
  ...numberCases('trainWord2Vec dim', (dim) => trainWord2Vec(corpus, { ...quick, dim }), /dim/),
  ...numberCases('trainWord2Vec window', (window) => trainWord2Vec(corpus, { ...quick, window }), /window/),
  { name: 'trainWord2Vec([])', run: () => trainWord2Vec([], quick) },
  { name: 'trainWord2Vec([[]])', run: () => trainWord2Vec([[]], quick) },
  { name: 'trainWord2Vec(a string)', run: () => trainWord2Vec('kedi süt içti' as never, quick) },
  { name: 'trainWord2Vec(strings, not word lists)', run: () => trainWord2Vec(['kedi süt içti'] as never, quick) },
  ...missingCases('trainWord2Vec(sentences)', (x) => trainWord2Vec(x, quick)),
  { name: 'trainWord2Vec with minCount above every count', run: () => trainWord2Vec(corpus, { ...quick, minCount: 1000 }) },
  // 2-D maps and clusters
  { name: 'pca2d of identical points', run: () => pca2d(same(5)), expect: 'any' },
  { name: 'tsne2d of identical points', run: () => tsne2d(same(12)), expect: 'any' },
  { name: 'umap2d of identical points', run: () => umap2d(same(12)), expect: 'any' },
  { name: 'pca2d of two distinct points repeated', run: () => pca2d([[1, 2, 3], [1, 2, 3], [4, 5, 6]]), expect: 'any' },
  { name: 'pca2d with a NaN', run: () => pca2d([[1, NaN], [2, 3], [3, 4]]) },
  { name: 'pca2d of rows of different lengths', run: () => pca2d([[1, 2], [3]]) },
  { name: 'pca2d([])', run: () => pca2d([]) },
  ...missingCases('pca2d(X)', (x) => pca2d(x)),
  { name: 'tsne2d with iterations -1', run: () => tsne2d(points(12), { iterations: -1 }) },
  { name: 'tsne2d with lr NaN', run: () => tsne2d(points(12), { lr: NaN }) },
  { name: 'tsne2d with lr -1', run: () => tsne2d(points(12), { lr: -1 }) },
  { name: 'umap2d with iterations -1', run: () => umap2d(points(12), { iterations: -1 }) },
  { name: 'umap2d with iterations NaN', run: () => umap2d(points(12), { iterations: NaN }) },
  { name: 'umap2d with minDist NaN', run: () => umap2d(points(12), { minDist: NaN }) },
  { name: 'kmeans with k NaN', run: () => kmeans(points(6), NaN) },
  { name: 'kmeans of identical points, k 2', run: () => kmeans(same(4), 2), expect: 'any' },
];

import { buildVocabulary, charNgrams, embeddingCoverage, embeddingMatrix, loadWord2VecText, saveWord2VecText } from '../../lib/embeddings';

cases.push(
  ...stringCases('charNgrams', (s) => charNgrams(s), 'any'),
  { name: 'charNgrams with minN > maxN', run: () => charNgrams('kedi', 5, 3) },
  { name: 'charNgrams with minN 0', run: () => charNgrams('kedi', 0, 3) },
  { name: 'buildVocabulary with minCount NaN', run: () => buildVocabulary([['a']], NaN) },
  { name: 'buildVocabulary([[""]])', run: () => buildVocabulary([['']], 1) },
  { name: 'embeddingMatrix with vocabSize 0', run: () => embeddingMatrix(model(), { kedi: 1 }, 0) },
  { name: 'embeddingMatrix with an index beyond vocabSize', run: () => embeddingMatrix(model(), { kedi: 9 }, 3), expect: 'any' },
  { name: 'embeddingMatrix with scale NaN', run: () => embeddingMatrix(model(), { kedi: 1 }, 3, { scale: NaN }) },
  { name: 'embeddingMatrix with a NaN index', run: () => embeddingMatrix(model(), { kedi: NaN }, 3) },
  { name: 'embeddingCoverage with wordIndex null', run: () => embeddingCoverage(model(), null as never, 3) },
  { name: "loadWord2VecText('nope.txt')", run: () => loadWord2VecText('nope.txt'), mentions: /nope\.txt/ },
  { name: "saveWord2VecText to ''", run: () => saveWord2VecText(model(), '') },
  { name: 'new WordVectors with a duplicate word of 100 000 characters', run: () => new WordVectors([HUGE, HUGE], new Float32Array(2), 1) },
  { name: 'new WordVectors with NaN vectors', run: () => new WordVectors(['a'], Float32Array.from([NaN]), 1) },
  { name: 'kmeans with a NaN point', run: () => kmeans([[1, NaN], [2, 2]], 1) },
  { name: 'kmeans with restarts 0', run: () => kmeans(points(6), 2, { restarts: 0 }) },
);

// Issue 31 item 6: seeds, scales and the word2vec readers/writers.
import { toWord2VecText } from '../../lib/embeddings';

const spread = Array.from({ length: 12 }, (_, i) => [Math.cos(i), Math.sin(i), i / 12]);
cases.push(
  { name: 'tsne2d with seed NaN (ran unseeded)', run: () => tsne2d(spread, { seed: NaN }), mentions: /seed/ },
  { name: 'umap2d with seed 1.5', run: () => umap2d(spread, { seed: 1.5 }), mentions: /seed/ },
  { name: 'kmeans with seed null', run: () => kmeans(spread, 2, { seed: null as never }), mentions: /seed/ },
  { name: 'pca2d with seed Infinity', run: () => pca2d(spread, { seed: Infinity }), mentions: /seed/ },
  { name: 'embeddingMatrix with scale Infinity', run: () => embeddingMatrix(model(), { kedi: 1 }, 3, { scale: Infinity }), mentions: /scale/ },
  { name: 'embeddingMatrix with scale -Infinity', run: () => embeddingMatrix(model(), { kedi: 1 }, 3, { scale: -Infinity }), mentions: /scale/ },
  { name: 'embeddingMatrix of a model that is not WordVectors', run: () => embeddingMatrix({} as never, { kedi: 1 }, 3), mentions: /WordVectors/ },
  { name: 'parseWord2VecText(null)', run: () => parseWord2VecText(null as never), mentions: /text/ },
  { name: 'toWord2VecText(null)', run: () => toWord2VecText(null as never), mentions: /model/ },
  { name: 'saveWord2VecText(null, path)', run: () => saveWord2VecText(null as never, '/tmp/never-written.txt'), mentions: /model/ },
  { name: 'saveWord2VecText(model, 42)', run: () => saveWord2VecText(model(), 42 as never), mentions: /filePath/ },
  { name: 'loadWord2VecText(null)', run: () => loadWord2VecText(null as never), mentions: /filePath/ },
);
