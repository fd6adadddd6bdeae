import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { charNgrams, fastTextHash, ngramBuckets } from './subwords';

describe('charNgrams', () => {
  it('gives the n-grams of <word> in fastText order (start position, then length)', () => {
    assert.deepEqual(charNgrams('kedi', 3, 4), ['<ke', '<ked', 'ked', 'kedi', 'edi', 'edi>', 'di>']);
  });

  it('counts Turkish letters as one character each and includes the boundary marks', () => {
    const ngrams = charNgrams('kitaplarımızdan', 3, 6);
    assert.equal(ngrams.length, 54); // gensim's compute_ngrams_bytes gives 54 as well
    assert.ok(ngrams.includes('<kitap'));
    assert.ok(ngrams.includes('ımız'));
    assert.ok(ngrams.includes('dan>'));
    assert.ok(ngrams.every((g) => [...g].length >= 3 && [...g].length <= 6));
  });

  it('keeps the whole word as an n-gram when it is short enough', () => {
    assert.deepEqual(charNgrams('ev', 3, 6), ['<ev', '<ev>', 'ev>']);
  });

  it('rejects a bad range or an empty word', () => {
    assert.throws(() => charNgrams('kedi', 4, 3), /1 ≤ minN ≤ maxN/);
    assert.throws(() => charNgrams('', 3, 6), /boş olmayan bir metin/);
  });
});

describe('fastTextHash', () => {
  it('matches gensim.models.fasttext_inner.ft_hash_bytes (fastText hash, int8 bytes)', () => {
    // Reference values computed with gensim 4.4.0: ft_hash_bytes(s.encode('utf-8')).
    assert.equal(fastTextHash('<ki'), 1468299675);
    assert.equal(fastTextHash('kita'), 3757828194);
    assert.equal(fastTextHash('ları'), 1756728739);
    assert.equal(fastTextHash('mız>'), 4029407827);
    assert.equal(fastTextHash('ğıü'), 4187906996);
  });

  it('maps n-grams to buckets below the bucket count', () => {
    const buckets = ngramBuckets('kitap', 3, 6, 1000);
    assert.equal(buckets.length, charNgrams('kitap', 3, 6).length);
    assert.ok(buckets.every((b) => Number.isInteger(b) && b >= 0 && b < 1000));
    assert.equal(buckets[0], fastTextHash('<ki') % 1000);
  });
});
