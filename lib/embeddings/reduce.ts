/**
 * 2-D maps and clusters of word vectors for plots, from DruidJS (@saehrimnir/druidjs, Cutura et
 * al., a maintained dimensionality-reduction library): PCA (principal components), t-SNE (van der
 * Maaten & Hinton 2008), UMAP (McInnes et al. 2018) and k-means (Lloyd). These wrappers check the
 * input, fix a seed, and return plain arrays.
 */
import { KMeans, PCA, TSNE, UMAP } from '@saehrimnir/druidjs';

/** Points as rows: number[][], Float32Array[], ... (n points of the same length). Introduced in 0_Word_Embeddings.ipynb. */
export type Rows = ReadonlyArray<ArrayLike<number>>;

/** A 2-D point. Introduced in 0_Word_Embeddings.ipynb. */
export type Point2D = [number, number];

/**
 * Projection on the first two principal components (most variance first). [n][2]
 * Introduced in 0_Word_Embeddings.ipynb.
 */
export function pca2d(X: Rows, options: { seed?: number } = {}): Point2D[] {
  const rows = toRows(X, 2, 'pca2d');
  return toPoints(new PCA(rows, { d: 2, seed: options.seed ?? 1 }).transform(), 'pca2d');
}

/** Options of `tsne2d`. Introduced in 0_Word_Embeddings.ipynb. */
export interface TsneOptions {
  /** Effective number of neighbours, < n/3. Default min(30, (n - 1) / 3). */
  perplexity?: number;
  /** Gradient steps. Default 500. */
  iterations?: number;
  /** Learning rate (DruidJS's epsilon). Default 10. */
  lr?: number;
  seed?: number;
}

/**
 * t-SNE map: keeps neighbours together, distances between far groups carry little meaning. [n][2]
 * Deterministic for a given seed (on one Node version; see DruidJS's notes on floating point).
 * Introduced in 0_Word_Embeddings.ipynb.
 */
export function tsne2d(X: Rows, options: TsneOptions = {}): Point2D[] {
  const rows = toRows(X, 4, 'tsne2d');
  const n = rows.length;
  const perplexity = options.perplexity ?? Math.max(1, Math.min(30, Math.floor((n - 1) / 3)));
  if (!(perplexity > 0) || perplexity >= n / 3 + 1e-9) {
    throw new RangeError(`tsne2d: perplexity must be > 0 and below n/3 = ${(n / 3).toFixed(1)} for ${n} points, got ${perplexity}.`);
  }
  const iterations = options.iterations ?? 500;
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`tsne2d: iterations must be an integer >= 1, got ${iterations}.`);
  const tsne = new TSNE(rows, { d: 2, perplexity, epsilon: options.lr ?? 10, seed: options.seed ?? 1 });
  return toPoints(tsne.transform(iterations), 'tsne2d');
}

/** Options of `umap2d`. Introduced in 0_Word_Embeddings.ipynb. */
export interface UmapOptions {
  /** Size of the neighbourhood that shapes the map. Default min(15, n - 1). */
  neighbours?: number;
  /** How tightly points may be packed. Default 0.1. */
  minDist?: number;
  /** Optimisation epochs. Default 350. */
  iterations?: number;
  seed?: number;
}

/** UMAP map: like t-SNE, keeps neighbours together and is usually faster. [n][2] Introduced in 0_Word_Embeddings.ipynb. */
export function umap2d(X: Rows, options: UmapOptions = {}): Point2D[] {
  const rows = toRows(X, 4, 'umap2d');
  const neighbours = options.neighbours ?? Math.min(15, rows.length - 1);
  if (!Number.isInteger(neighbours) || neighbours < 2 || neighbours >= rows.length) {
    throw new RangeError(`umap2d: neighbours must be an integer in [2, n - 1] = [2, ${rows.length - 1}], got ${neighbours}.`);
  }
  const umap = new UMAP(rows, { d: 2, n_neighbors: neighbours, min_dist: options.minDist ?? 0.1, seed: options.seed ?? 1 });
  return toPoints(umap.transform(options.iterations ?? 350), 'umap2d');
}

/**
 * k-means clustering: the cluster (0..k-1) of every point. Introduced in 0_Word_Embeddings.ipynb.
 *
 * @example const labels = kmeans(model.matrix(words), 4, { seed: 1 }); // e.g. [0, 0, 3, 1, ...]
 */
export function kmeans(X: Rows, k: number, options: { seed?: number } = {}): number[] {
  const rows = toRows(X, 1, 'kmeans');
  if (!Number.isInteger(k) || k < 1 || k > rows.length) {
    throw new RangeError(`kmeans: k must be an integer in [1, ${rows.length}] (the number of points), got ${k}.`);
  }
  const labels = new KMeans(rows, { K: k, seed: options.seed ?? 1 }).get_cluster_list();
  return Array.from(labels, Number);
}

/** Checks the points and copies them into the number[][] DruidJS takes. */
function toRows(X: Rows, minPoints: number, name: string): number[][] {
  if (!Array.isArray(X)) throw new TypeError(`${name}: X must be an array of points (rows), e.g. model.matrix(words).`);
  if (X.length < minPoints) throw new RangeError(`${name} needs at least ${minPoints} points, got ${X.length}.`);
  const dim = X[0]?.length;
  if (typeof dim !== 'number' || dim < 1) throw new TypeError(`${name}: each point must be an array of numbers.`);
  return X.map((row: ArrayLike<number>, i: number) => {
    if (row === null || typeof row !== 'object' || row.length !== dim) {
      throw new RangeError(`${name}: point ${i} has ${row?.length} numbers; all points must have ${dim}.`);
    }
    const out = Array.from(row, Number);
    if (!out.every(Number.isFinite)) throw new RangeError(`${name}: point ${i} contains a value that is not a finite number.`);
    return out;
  });
}

function toPoints(Y: unknown, name: string): Point2D[] {
  const rows = Array.isArray(Y) ? (Y as ArrayLike<number>[]) : null;
  if (rows === null) throw new Error(`${name}: DruidJS returned an unexpected result.`);
  return rows.map((row) => [Number(row[0]), Number(row[1])]);
}
