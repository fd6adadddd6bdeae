import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from '../text/random';
import { kmeans, pca2d, tsne2d, umap2d } from './reduce';

/** 3 well separated blobs of 12 points in 8-d. */
function blobs(): { X: number[][]; labels: number[] } {
  const random = mulberry32(5);
  const X: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 36; i++) {
    const c = i % 3;
    X.push(Array.from({ length: 8 }, (_, k) => (k === c ? 10 : 0) + random() - 0.5));
    labels.push(c);
  }
  return { X, labels };
}

/** Whether two labelings agree up to renaming the clusters. */
function sameClusters(a: number[], b: number[]): boolean {
  const map = new Map<number, number>();
  return a.every((x, i) => (map.has(x) ? map.get(x) === b[i] : (map.set(x, b[i]), true))) && new Set(map.values()).size === map.size;
}

describe('reductions and clustering', () => {
  const { X, labels } = blobs();

  it('pca2d: n x 2, seeded, first axis carries the most variance', () => {
    const Y = pca2d(X);
    assert.equal(Y.length, 36);
    assert.ok(Y.every((p) => p.length === 2 && p.every(Number.isFinite)));
    assert.deepEqual(pca2d(X), Y);
    const variance = (k: number) => {
      const mean = Y.reduce((s, p) => s + p[k], 0) / Y.length;
      return Y.reduce((s, p) => s + (p[k] - mean) ** 2, 0);
    };
    assert.ok(variance(0) >= variance(1));
  });

  it('tsne2d: n x 2, same seed same map, keeps blobs apart', () => {
    const Y = tsne2d(X, { iterations: 300, seed: 2 });
    assert.equal(Y.length, 36);
    assert.deepEqual(tsne2d(X, { iterations: 300, seed: 2 }), Y);
    assert.notDeepEqual(tsne2d(X, { iterations: 300, seed: 3 }), Y);
    assert.ok(sameClusters(kmeans(Y, 3, { seed: 1 }), labels));
  });

  it('umap2d: n x 2 and seeded', () => {
    const Y = umap2d(X, { iterations: 100, seed: 2 });
    assert.equal(Y.length, 36);
    assert.deepEqual(umap2d(X, { iterations: 100, seed: 2 }), Y);
  });

  it('kmeans: finds the blobs, seeded', () => {
    const found = kmeans(X, 3, { seed: 4 });
    assert.equal(found.length, 36);
    assert.ok(sameClusters(found, labels));
    assert.deepEqual(kmeans(X, 3, { seed: 4 }), found);
    assert.ok(found.every((c) => Number.isInteger(c) && c >= 0 && c < 3));
  });

  it('explains bad input', () => {
    assert.throws(() => pca2d([[1, 2]]), /at least 2 points/);
    assert.throws(() => pca2d([[1, 2], [1]]), /point 1 has 1 numbers/);
    assert.throws(() => kmeans(X, 0), /k must be/);
    assert.throws(() => kmeans(X, 37), /k must be/);
    assert.throws(() => tsne2d(X.slice(0, 6), { perplexity: 5 }), /perplexity/);
    assert.throws(() => pca2d([[1, NaN], [2, 3]]), /finite/);
  });
});
