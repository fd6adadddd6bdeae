import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { embeddingCoverage, embeddingMatrix } from './embedding-matrix';
import { FastTextVectors, WordVectors } from './vectors';

const model = new WordVectors(['güzel', 'yemek'], Float32Array.from([1, 2, 3, 4]), 2);
// A Tokenizer's wordIndex: 0 is padding, 1 the OOV token, then words by frequency.
const wordIndex = new Map([
  ['<OOV>', 1],
  ['güzel', 2],
  ['çok', 3],
  ['yemek', 4],
  ['nadir', 5],
]);

describe('embeddingMatrix', () => {
  it('puts word vectors on their tokenizer rows and zeros on row 0', () => {
    const m = embeddingMatrix(model, wordIndex, 5, { missing: 'zeros' });
    assert.deepEqual(m, [
      [0, 0],
      [0, 0], // <OOV>: no vector
      [1, 2],
      [0, 0], // çok: no vector
      [3, 4],
    ]); // 'nadir' (index 5) is outside vocabSize 5
  });

  it('fills missing rows with small seeded random numbers by default', () => {
    const a = embeddingMatrix(model, wordIndex, 5, { scale: 0.1, seed: 3 });
    const b = embeddingMatrix(model, Object.fromEntries(wordIndex), 5, { scale: 0.1, seed: 3 });
    assert.deepEqual(a, b); // same seed, Map or plain object
    assert.deepEqual(a[0], [0, 0]);
    assert.deepEqual(a[2], [1, 2]);
    for (const row of [a[1], a[3]]) {
      assert.ok(row.every((x) => Math.abs(x) <= 0.1 && x !== 0), String(row));
    }
    assert.notDeepEqual(a[1], a[3]);
    assert.notDeepEqual(embeddingMatrix(model, wordIndex, 5, { scale: 0.1, seed: 4 })[1], a[1]);
  });

  it('uses FastText vectors for words outside the vocabulary', () => {
    const ft = new FastTextVectors(['güzel'], Float32Array.from([1, 1]), 2, new Float32Array(20).fill(0.5), { minN: 3, maxN: 6, buckets: 10 });
    const m = embeddingMatrix(ft, wordIndex, 4, { missing: 'zeros' });
    assert.deepEqual(m[3], [0.5, 0.5]); // 'çok' from its n-grams
    assert.deepEqual(embeddingCoverage(ft, wordIndex, 4), { words: 3, found: 3, missing: [] });
  });

  it('reports coverage', () => {
    assert.deepEqual(embeddingCoverage(model, wordIndex, 6), { words: 5, found: 2, missing: ['<OOV>', 'çok', 'nadir'] });
  });

  it('rejects bad input', () => {
    assert.throws(() => embeddingMatrix(model, wordIndex, 0), /vocabSize/);
    assert.throws(() => embeddingMatrix(model, new Map([['x', 0]]), 3), /doldurma \(padding\) için ayrılmış/);
    assert.throws(() => embeddingMatrix(model, wordIndex, 3, { missing: 'mean' as 'zeros' }), /missing/);
  });
});
