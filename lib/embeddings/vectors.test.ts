import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cosine, FastTextVectors, normalize, WordVectors } from './vectors';
import { charNgrams, fastTextHash } from './subwords';

/** Hand-made 3-d vectors: axis 0 = royalty, axis 1 = male (+) / female (-), axis 2 = fruit. */
function royals(): WordVectors {
  const words = ['kral', 'kraliçe', 'erkek', 'kadın', 'elma', 'armut'];
  const rows = [
    [1, 1, 0],
    [1, -1, 0],
    [0, 1, 0.1],
    [0, -1, 0.1],
    [0, 0.1, 1],
    [0.1, 0, 1],
  ];
  return new WordVectors(words, Float32Array.from(rows.flat()), 3, { minCount: 5 });
}

describe('WordVectors', () => {
  it('computes cosine similarity', () => {
    const m = royals();
    assert.ok(Math.abs(m.similarity('kral', 'kraliçe') - 0) < 1e-7);
    assert.ok(Math.abs(m.similarity('kral', 'erkek') - 1 / Math.sqrt(2) / Math.sqrt(1.01)) < 1e-6);
    assert.ok(Math.abs(m.similarity('kral', [2, 2, 0]) - 1) < 1e-6);
    assert.equal(cosine([1, 0], [0, 0]), 0);
  });

  it('ranks neighbours by cosine and leaves out the query word', () => {
    const m = royals();
    const got = m.mostSimilar('elma', 2);
    assert.deepEqual(got.map((n) => n.word), ['armut', 'erkek']);
    assert.ok(Math.abs(got[0].similarity - m.similarity('elma', 'armut')) < 1e-6);
    assert.ok(got[0].similarity >= got[1].similarity);
    assert.deepEqual(m.mostSimilar('elma', 1, ['armut']).map((n) => n.word), ['erkek']);
    assert.equal(m.mostSimilar([0.1, 0, 1], 1)[0].word, 'armut'); // a vector query excludes nothing
  });

  it('solves kral - erkek + kadın = kraliçe (3CosAdd on unit vectors)', () => {
    const m = royals();
    const [best] = m.analogy('kral', 'erkek', 'kadın', 1);
    assert.equal(best.word, 'kraliçe');
    // Expected score by hand: unit(kral) - unit(erkek) + unit(kadın), normalised, dotted with unit(kraliçe).
    const u = (w: string) => normalize(m.vector(w));
    const t = [0, 1, 2].map((k) => u('kral')[k] - u('erkek')[k] + u('kadın')[k]);
    assert.ok(Math.abs(best.similarity - cosine(t, u('kraliçe'))) < 1e-6);
  });

  it('explains an unknown word and points to FastText and minCount', () => {
    const m = royals();
    assert.throws(() => m.vector('kitaplarımızdan'), (e: Error) =>
      /"kitaplarımızdan" sözlükte yok/.test(e.message) && /minCount/.test(e.message) && /trainFastText/.test(e.message),
    );
    assert.throws(() => m.mostSimilar('yok'), /sözlükte yok/);
    assert.throws(() => m.similarity('kral', [1, 2]), /3 sayı/);
    assert.throws(() => m.mostSimilar('kral', 0), /topN/);
  });

  it('gives rows for plotting, unit length on request', () => {
    const m = royals();
    assert.deepEqual(m.matrix(['kral']), [[1, 1, 0]]);
    const [unit] = m.matrix(['kral'], { unit: true });
    assert.ok(Math.abs(Math.hypot(...unit) - 1) < 1e-6);
    assert.equal(m.matrix().length, 6);
  });

  it('checks its inputs', () => {
    assert.throws(() => new WordVectors(['a'], new Float32Array(2), 3), /3 sayı gerekir/);
    assert.throws(() => new WordVectors(['a', 'a'], new Float32Array(2), 1), /iki kez/);
    assert.throws(() => new WordVectors([], new Float32Array(0), 0), /dim/);
  });
});

describe('FastTextVectors', () => {
  it('builds an unseen word from the mean of its n-gram bucket vectors', () => {
    const dim = 2;
    const buckets = 97;
    const ngramVectors = new Float32Array(buckets * dim);
    for (let b = 0; b < buckets; b++) ngramVectors.set([b, 1], b * dim);
    const m = new FastTextVectors(['kitap'], Float32Array.from([5, 5]), dim, ngramVectors, { minN: 3, maxN: 4, buckets });
    assert.deepEqual([...m.vector('kitap')], [5, 5]); // a vocabulary word keeps its trained vector
    const ngrams = charNgrams('kitaplar', 3, 4);
    const mean = ngrams.reduce((s, g) => s + (fastTextHash(g) % buckets), 0) / ngrams.length;
    const v = m.vector('kitaplar');
    assert.ok(Math.abs(v[0] - mean) < 1e-4);
    assert.ok(Math.abs(v[1] - 1) < 1e-6);
    assert.equal(m.has('kitaplar'), false);
  });
});
