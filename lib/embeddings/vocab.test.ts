import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildVocabulary, encodeCorpus } from './vocab';

describe('buildVocabulary', () => {
  const sentences = [['b', 'a', 'c'], ['a', 'b', 'd'], ['a']];

  it('ranks by count, ties in first-seen order, and applies minCount', () => {
    const vocab = buildVocabulary(sentences, 2);
    assert.deepEqual(vocab.words, ['a', 'b']);
    assert.deepEqual(vocab.counts, [3, 2]);
    assert.equal(vocab.corpusWords, 7);
    assert.equal(vocab.distinctWords, 4);
    assert.deepEqual(buildVocabulary(sentences, 1).words, ['a', 'b', 'c', 'd']);
  });

  it('drops rare words from sentences before windows are formed', () => {
    const encoded = encodeCorpus([['c', 'd'], ...sentences], buildVocabulary(sentences, 2));
    assert.deepEqual([...encoded.tokens], [1, 0, 0, 1, 0]); // ['c','d'] lost every word and is gone
    assert.deepEqual([...encoded.sentenceEnds], [2, 4, 5]);
    assert.equal(encoded.maxSentenceLength, 2);
  });

  it('explains bad input', () => {
    assert.throws(() => buildVocabulary([], 1), /Derlem boş/);
    assert.throws(() => buildVocabulary([[]], 1), /Derlem boş/);
    assert.throws(() => buildVocabulary(['kedi uyudu'] as unknown as string[][], 1), /kelimelerden oluşan bir dizi olmalı; verilen: "kedi uyudu"/);
    assert.throws(() => buildVocabulary([['a', '']], 1), /boş olmayan bir metin/);
    assert.throws(() => buildVocabulary(sentences, 5), /minCount=5 kez.*en sık kelime .* 3 kez/);
  });
});
