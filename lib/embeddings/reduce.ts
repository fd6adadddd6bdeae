/**
 * 2-D maps and clusters of word vectors for plots. PCA (principal components), t-SNE (van der
 * Maaten & Hinton 2008) and UMAP (McInnes et al. 2018) come from DruidJS (@saehrimnir/druidjs,
 * Cutura et al., a maintained dimensionality-reduction library); these wrappers check the input,
 * fix a seed, and return plain arrays.
 *
 * k-means is written here: Lloyd's iterations from k-means++ seeds (Arthur & Vassilvitskii 2007),
 * best of several restarts by inertia, as scikit-learn's KMeans does. DruidJS's KMeans starts once
 * from a "furthest point" heuristic and often merges well-separated groups (reduce.test.ts has
 * blobs it splits wrongly; on notebook 0's word list it merged food with sport words).
 */
import { PCA, TSNE, UMAP } from '@saehrimnir/druidjs';
import { mulberry32 } from '../random';
import type { Rng } from '../random';
import { assertObject, checkNumber, shown } from '../validate';

/** Points as rows: number[][], Float32Array[], ... (n points of the same length). Introduced in 0_Word_Embeddings.ipynb. */
export type Rows = ReadonlyArray<ArrayLike<number>>;

/** A 2-D point. Introduced in 0_Word_Embeddings.ipynb. */
export type Point2D = [number, number];

/**
 * Projection on the first two principal components (most variance first). [n][2]
 * Introduced in 0_Word_Embeddings.ipynb.
 */
export function pca2d(X: Rows, options: { seed?: number } = {}): Point2D[] {
  const rows = distinctRows(X, 2, 'pca2d');
  return toPoints(new PCA(rows, { d: 2, seed: checkSeed(options, 'pca2d') }).transform(), 'pca2d');
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
  const rows = distinctRows(X, 4, 'tsne2d');
  const n = rows.length;
  const perplexity = options.perplexity ?? Math.max(1, Math.min(30, Math.floor((n - 1) / 3)));
  if (!(perplexity > 0) || perplexity >= n / 3 + 1e-9) {
    throw new RangeError(`tsne2d: perplexity 0'dan büyük ve n/3 = ${(n / 3).toFixed(1)} değerinden küçük olmalı (${n} nokta); verilen: ${shown(perplexity)}.`);
  }
  const iterations = checkNumber(options.iterations ?? 500, 'tsne2d: iterations', { integer: true, min: 1 });
  const lr = checkNumber(options.lr ?? 10, 'tsne2d: lr', { min: 0, above: true });
  const tsne = new TSNE(rows, { d: 2, perplexity, epsilon: lr, seed: checkSeed(options, 'tsne2d') });
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
  const rows = distinctRows(X, 4, 'umap2d');
  const neighbours = options.neighbours ?? Math.min(15, rows.length - 1);
  if (!Number.isInteger(neighbours) || neighbours < 2 || neighbours >= rows.length) {
    throw new RangeError(`umap2d: neighbours [2, n - 1] = [2, ${rows.length - 1}] aralığında bir tam sayı olmalı; verilen: ${shown(neighbours)}.`);
  }
  const minDist = checkNumber(options.minDist ?? 0.1, 'umap2d: minDist', { min: 0 });
  const iterations = checkNumber(options.iterations ?? 350, 'umap2d: iterations', { integer: true, min: 1 });
  const umap = new UMAP(rows, { d: 2, n_neighbors: neighbours, min_dist: minDist, seed: checkSeed(options, 'umap2d') });
  return toPoints(umap.transform(iterations), 'umap2d');
}

/** Options of `kmeans`. Introduced in 0_Word_Embeddings.ipynb. */
export interface KMeansOptions {
  /** Seeds the k-means++ draws. Default 1. */
  seed?: number;
  /** Independent k-means++ starts; the one with the lowest inertia wins. Default 10 (scikit-learn's n_init). */
  restarts?: number;
  /** Lloyd iterations per start, at most. Default 300. */
  maxIterations?: number;
}

/**
 * k-means clustering: the cluster (0..k-1) of every point, numbered in order of first appearance
 * (point 0 is in cluster 0). Lloyd's algorithm from k-means++ seeds, best of `restarts` runs by
 * inertia (sum of squared distances to the cluster means). Introduced in 0_Word_Embeddings.ipynb.
 *
 * @example const labels = kmeans(model.matrix(words, { unit: true }), 4, { seed: 1 }); // e.g. [0, 0, 1, 2, ...]
 */
export function kmeans(X: Rows, k: number, options: KMeansOptions = {}): number[] {
  const rows = toRows(X, 1, 'kmeans');
  if (!Number.isInteger(k) || k < 1 || k > rows.length) {
    throw new RangeError(`kmeans: k [1, ${rows.length}] (nokta sayısı) aralığında bir tam sayı olmalı; verilen: ${shown(k)}.`);
  }
  const restarts = options.restarts ?? 10;
  const maxIterations = options.maxIterations ?? 300;
  checkNumber(restarts, 'kmeans: restarts', { integer: true, min: 1 });
  checkNumber(maxIterations, 'kmeans: maxIterations', { integer: true, min: 1 });
  const random = mulberry32(checkSeed(options, 'kmeans'));
  let best: { labels: Int32Array; inertia: number } | null = null;
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(rows, kMeansPlusPlus(rows, k, random), maxIterations);
    if (best === null || run.inertia < best.inertia) best = run;
  }
  return firstAppearanceOrder((best as { labels: Int32Array }).labels);
}

function squaredDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
  return s;
}

/** k-means++ seeding: each next centre is a point drawn with probability ∝ its squared distance to the nearest centre so far. */
function kMeansPlusPlus(rows: number[][], k: number, random: Rng): Float64Array[] {
  const n = rows.length;
  const chosen = [Math.floor(random() * n)];
  const nearest = rows.map((row) => squaredDistance(row, rows[chosen[0]])); // [n]
  while (chosen.length < k) {
    const total = nearest.reduce((s, d) => s + d, 0);
    let pick = -1;
    if (total > 0) {
      let u = random() * total;
      for (let i = 0; i < n; i++) {
        if (nearest[i] <= 0) continue;
        pick = i; // stays the last candidate if rounding leaves u >= 0 at the end
        u -= nearest[i];
        if (u < 0) break;
      }
    } else {
      // Every point sits on a centre (fewer distinct points than k): any point not chosen yet.
      const rest = rows.map((_, i) => i).filter((i) => !chosen.includes(i));
      pick = rest[Math.floor(random() * rest.length)];
    }
    chosen.push(pick);
    rows.forEach((row, i) => {
      nearest[i] = Math.min(nearest[i], squaredDistance(row, rows[pick]));
    });
  }
  return chosen.map((i) => Float64Array.from(rows[i]));
}

/** Lloyd's iterations: assign each point to its nearest centre, move centres to their means, until nothing moves. */
function lloyd(rows: number[][], centres: Float64Array[], maxIterations: number): { labels: Int32Array; inertia: number } {
  const n = rows.length;
  const k = centres.length;
  const dim = rows[0].length;
  const labels = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n); // squared distance of each point to its centre
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let bestC = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = squaredDistance(rows[i], centres[c]);
        if (d < bestD) [bestC, bestD] = [c, d];
      }
      distances[i] = bestD;
      if (labels[i] !== bestC) [labels[i], changed] = [bestC, true];
    }
    if (!changed) break;
    const sums = Array.from({ length: k }, () => new Float64Array(dim)); // [k][dim]
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      sizes[labels[i]]++;
      for (let j = 0; j < dim; j++) sums[labels[i]][j] += rows[i][j];
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] > 0) {
        for (let j = 0; j < dim; j++) centres[c][j] = sums[c][j] / sizes[c];
      } else {
        // An empty cluster takes over the point worst served by its centre (then that one is served exactly).
        let far = 0;
        for (let i = 1; i < n; i++) if (distances[i] > distances[far]) far = i;
        centres[c] = Float64Array.from(rows[far]);
        distances[far] = 0;
      }
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(rows[i], centres[labels[i]]);
  return { labels, inertia };
}

/** Renames clusters 0, 1, 2, ... in the order their first point appears, so equal partitions print equally. */
function firstAppearanceOrder(labels: Int32Array): number[] {
  const rename = new Map<number, number>();
  return Array.from(labels, (c) => {
    if (!rename.has(c)) rename.set(c, rename.size);
    return rename.get(c) as number;
  });
}

/** The seed of a map or clustering (default 1): an integer, so that a NaN never runs unseeded. */
function checkSeed(options: { seed?: number }, name: string): number {
  assertObject(options, `${name} options`);
  return checkNumber(options.seed === undefined ? 1 : options.seed, `${name}: seed`, { integer: true, hint: 'Bir tam sayı verin (ör. 1).' });
}

/** Checks the points and copies them into the number[][] DruidJS takes. */
function toRows(X: Rows, minPoints: number, name: string): number[][] {
  if (!Array.isArray(X)) throw new TypeError(`${name}: X noktalardan (satırlardan) oluşan bir dizi olmalı (ör. model.matrix(words)); verilen: ${shown(X)}.`);
  if (X.length < minPoints) throw new RangeError(`${name} en az ${minPoints} nokta ister; verilen: ${X.length} nokta. Daha çok kelime seçin.`);
  const dim = X[0]?.length;
  if (typeof dim !== 'number' || dim < 1) throw new TypeError(`${name}: her nokta bir sayı dizisi olmalı; ilk nokta: ${shown(X[0])}.`);
  return X.map((row: ArrayLike<number>, i: number) => {
    if (row === null || typeof row !== 'object' || row.length !== dim) {
      throw new RangeError(`${name}: ${i}. noktada ${shown(row?.length)} sayı var; tüm noktalar ${dim} sayı içermeli.`);
    }
    const out = Array.from(row, Number);
    if (!out.every(Number.isFinite)) throw new RangeError(`${name}: ${i}. nokta sonlu olmayan bir değer içeriyor (${shown(row)}); NaN/Infinity içeren satırları çıkarın.`);
    return out;
  });
}

/**
 * `toRows`, refusing points that are all the same: a map of one position has no axes (PCA divides
 * by zero variance) and t-SNE / UMAP would draw structure that is not in the data.
 */
function distinctRows(X: Rows, minPoints: number, name: string): number[][] {
  const rows = toRows(X, minPoints, name);
  if (rows.every((row) => row.every((v, j) => v === rows[0][j]))) {
    throw new RangeError(
      `${name}: ${rows.length} noktanın hepsi aynı, haritalanacak bir şey yok. ` +
        'Satırların farklı olduğunu kontrol edin (ör. farklı kelimelerin vektörleri).',
    );
  }
  return rows;
}

function toPoints(Y: unknown, name: string): Point2D[] {
  const rows = Array.isArray(Y) ? (Y as ArrayLike<number>[]) : null;
  if (rows === null) throw new Error(`${name}: DruidJS beklenmeyen bir sonuç döndürdü; @saehrimnir/druidjs sürümünü kontrol edin.`);
  const points = rows.map((row): Point2D => [Number(row[0]), Number(row[1])]);
  const bad = points.findIndex(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y));
  if (bad >= 0) {
    throw new RangeError(`${name}: ${bad}. noktanın haritadaki yeri sonlu değil (${points[bad].join(', ')}); noktalar yayılamayacak kadar yakın olabilir. pca2d deneyin.`);
  }
  return points;
}
