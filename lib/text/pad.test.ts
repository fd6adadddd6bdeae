import { test } from 'node:test';
import assert from 'node:assert/strict';
import { padSequences } from './pad';

// Expected arrays written by hand from the documented behaviour of keras.utils.pad_sequences
// (its docstring examples are the first four cases below).
const SEQ = [[1], [2, 3], [4, 5, 6]];

test('Keras docstring examples', () => {
  assert.deepEqual(padSequences(SEQ), [[0, 0, 1], [0, 2, 3], [4, 5, 6]]);
  assert.deepEqual(padSequences(SEQ, { value: -1 }), [[-1, -1, 1], [-1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(padSequences(SEQ, { padding: 'post' }), [[1, 0, 0], [2, 3, 0], [4, 5, 6]]);
  assert.deepEqual(padSequences(SEQ, { maxLen: 2 }), [[0, 1], [2, 3], [5, 6]]);
});

test('truncating pre/post combined with padding pre/post', () => {
  const s = [[1, 2, 3, 4, 5], [6], []];
  assert.deepEqual(padSequences(s, { maxLen: 3 }), [[3, 4, 5], [0, 0, 6], [0, 0, 0]]);
  assert.deepEqual(padSequences(s, { maxLen: 3, padding: 'post' }), [[3, 4, 5], [6, 0, 0], [0, 0, 0]]);
  assert.deepEqual(padSequences(s, { maxLen: 3, truncating: 'post' }), [[1, 2, 3], [0, 0, 6], [0, 0, 0]]);
  assert.deepEqual(padSequences(s, { maxLen: 3, padding: 'post', truncating: 'post', value: -1 }), [
    [1, 2, 3], [6, -1, -1], [-1, -1, -1],
  ]);
  assert.deepEqual(padSequences(s), [[1, 2, 3, 4, 5], [0, 0, 0, 0, 6], [0, 0, 0, 0, 0]]);
});

test('maxLen longer than every sequence pads all; null means the longest', () => {
  assert.deepEqual(padSequences([[7, 8]], { maxLen: 4 }), [[0, 0, 7, 8]]);
  assert.deepEqual(padSequences([[7, 8]], { maxLen: null, padding: 'post' }), [[7, 8]]);
});

test('edge cases: no sequences, maxLen 0, inputs left untouched', () => {
  assert.deepEqual(padSequences([]), []);
  assert.deepEqual(padSequences([[], []]), [[], []]);
  assert.deepEqual(padSequences([[1, 2]], { maxLen: 0 }), [[]]); // Keras raises here; an empty row is the consistent answer
  const input = [[1, 2, 3]];
  const out = padSequences(input, { maxLen: 2 });
  out[0][0] = 99;
  assert.deepEqual(input, [[1, 2, 3]]);
});

test('bad input is rejected with a message', () => {
  assert.throws(() => padSequences(SEQ, { maxLen: -1 }), /maxLen bir tam sayı \(≥ 0\) olmalı; verilen: -1/);
  assert.throws(() => padSequences(SEQ, { maxLen: 2.5 }), /maxLen bir tam sayı \(≥ 0\) olmalı; verilen: 2.5/);
  assert.throws(() => padSequences(SEQ, { maxLen: '3' as unknown as number }), /maxLen bir tam sayı \(≥ 0\) olmalı; verilen: \"3\"/);
  assert.throws(() => padSequences(SEQ, { padding: 'left' as 'pre' }), /padding şunlardan biri olmalı: 'pre', 'post'; verilen: "left"/);
  assert.throws(() => padSequences(SEQ, { truncating: 'end' as 'pre' }), /truncating şunlardan biri olmalı: 'pre', 'post'/);
  assert.throws(() => padSequences(SEQ, { value: NaN }), /value \(doldurma değeri\) sonlu bir sayı olmalı/);
  assert.throws(() => padSequences('abc' as unknown as number[][]), /padSequences\(sequences\) sayı dizilerinden oluşan bir dizi olmalı .*verilen: \"abc\"/);
  assert.throws(() => padSequences([[1], 2] as unknown as number[][]), /sequences\)\[1\] bir sayı dizisi olmalı; verilen: 2/);
  assert.throws(() => padSequences([[1, 'a']] as unknown as number[][]), /\[0\]\[1\] sonlu bir sayı olmalı; verilen: \"a\"/);
});
