import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from '../random';
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

  it('kmeans: separates many blobs for every seed (k-means++ with restarts)', () => {
    // 9 blobs in 64-d around random centres: DruidJS's single furthest-point start merged some of
    // them for 6 of these 8 seeds.
    const random = mulberry32(7);
    const centres = Array.from({ length: 9 }, () => Array.from({ length: 64 }, () => random() * 10));
    const points: number[][] = [];
    const truth: number[] = [];
    for (let i = 0; i < 90; i++) {
      points.push(centres[i % 9].map((v) => v + (random() - 0.5) * 2));
      truth.push(i % 9);
    }
    for (let seed = 1; seed <= 8; seed++) assert.ok(sameClusters(kmeans(points, 9, { seed }), truth), `seed ${seed}`);
  });

  it('kmeans: clusters numbered by first appearance; restarts keep the lowest inertia', () => {
    const found = kmeans(X, 3, { seed: 4 });
    assert.deepEqual(found.slice(0, 3), [0, 1, 2]);
    // Two tight pairs and a far point, k = 2: the best split puts the far point alone.
    const Y = [[0, 0], [0, 1], [10, 0], [10, 1], [100, 0]];
    assert.deepEqual(kmeans(Y, 2, { seed: 3 }), [0, 0, 0, 0, 1]);
    // k equal to the number of points: one cluster each. Duplicates (fewer distinct points than k) still work.
    assert.deepEqual(kmeans([[1, 1], [3, 0], [2, 2]], 3), [0, 1, 2]);
    assert.deepEqual(kmeans([[1, 1], [1, 1], [2, 2]], 3), [0, 0, 1]);
    assert.throws(() => kmeans(X, 3, { restarts: 0 }), /restarts bir tam sayı/);
  });

  it('explains bad input', () => {
    assert.throws(() => pca2d([[1, 2]]), /en az 2 nokta ister/);
    assert.throws(() => pca2d([[1, 2], [1]]), /1\. noktada 1 sayı var/);
    assert.throws(() => kmeans(X, 0), /k \[1, 36\] \(nokta sayısı\)/);
    assert.throws(() => kmeans(X, 37), /k \[1, 36\] \(nokta sayısı\)/);
    assert.throws(() => tsne2d(X.slice(0, 6), { perplexity: 5 }), /perplexity/);
    assert.throws(() => pca2d([[1, NaN], [2, 3]]), /sonlu olmayan/);
  });
});
