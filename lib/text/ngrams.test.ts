import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ngramPrefixSequences, splitXy } from './ngrams';
import { padSequences } from './pad';
import { Tokenizer } from './tokenizer';

test('ngramPrefixSequences gives every prefix of length >= 2', () => {
  assert.deepEqual(ngramPrefixSequences([[1, 2, 3, 4]]), [[1, 2], [1, 2, 3], [1, 2, 3, 4]]);
  assert.deepEqual(ngramPrefixSequences([[5, 6], [7], [], [8, 9, 10]]), [[5, 6], [8, 9], [8, 9, 10]]);
  assert.deepEqual(ngramPrefixSequences([]), []);
});

test('splitXy takes all but the last token as X and the last as y', () => {
  assert.deepEqual(splitXy([[0, 5, 2], [5, 2, 9]]), { X: [[0, 5], [5, 2]], y: [2, 9] });
  assert.deepEqual(splitXy([[3, 4]]), { X: [[3]], y: [4] });
  assert.deepEqual(splitXy([]), { X: [], y: [] });
});

test('the course pipeline: tokenize, prefixes, pre-padding, split', () => {
  const tok = new Tokenizer().fitOnTexts(['Bu hafta sonu denize gittik', 'Bu sabah kahve içtik']);
  // bu=1, hafta=2, sonu=3, denize=4, gittik=5, sabah=6, kahve=7, içtik=8
  const prefixes = ngramPrefixSequences(tok.textsToSequences(['Bu hafta sonu denize gittik', 'Bu sabah kahve içtik']));
  const padded = padSequences(prefixes);
  assert.deepEqual(padded, [
    [0, 0, 0, 1, 2],
    [0, 0, 1, 2, 3],
    [0, 1, 2, 3, 4],
    [1, 2, 3, 4, 5],
    [0, 0, 0, 1, 6],
    [0, 0, 1, 6, 7],
    [0, 1, 6, 7, 8],
  ]);
  const { X, y } = splitXy(padded);
  assert.deepEqual(X[3], [1, 2, 3, 4]);
  assert.deepEqual(y, [2, 3, 4, 5, 6, 7, 8]);
});

test('bad input is rejected with a message', () => {
  assert.throws(() => ngramPrefixSequences([[1, 'b']] as unknown as number[][]), /ngramPrefixSequences\(sequences\)\[0\]\[1\] sonlu bir sayı olmalı/);
  assert.throws(() => ngramPrefixSequences({} as unknown as number[][]), /sayı dizilerinden oluşan bir dizi olmalı .*verilen: \{\}/);
  assert.throws(() => splitXy([[1, 2], [3]]), /sequences\[1\] 1 token içeriyor; her dizi en az 2 token ister/);
  assert.throws(() => splitXy([null] as unknown as number[][]), /splitXy\(sequences\)\[0\] bir sayı dizisi olmalı; verilen: null/);
});
