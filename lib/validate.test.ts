import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as text from './text';
import {
  assertObject,
  assertOneOf,
  assertSequences,
  assertString,
  assertStringArray,
  checkFinite,
  checkNumber,
  isArray,
  shown,
} from './validate';
import { compareCodePoints } from './text/labels';

test('shown names values for error messages, shortened', () => {
  assert.equal(shown(null), 'null');
  assert.equal(shown(undefined), 'undefined');
  assert.equal(shown([1, 2]), '[1, 2]');
  assert.equal(shown('kâr'), '"kâr"');
  assert.match(shown('x'.repeat(200)), /… \(202 karakter\)$/);
  assert.equal(shown(3), '3');
  assert.equal(shown(NaN), 'NaN');
  assert.equal(shown(true), 'true');
  assert.equal(shown({ a: 1 }), '{"a":1}');
  assert.equal(shown(() => 1), 'bir fonksiyon');
});

test('checks pass good values and name bad ones in Turkish, with the value received', () => {
  assert.equal(checkNumber(0.5, 'lr', { min: 0, above: true }), 0.5);
  assert.throws(() => checkNumber(NaN, 'lr', { min: 0, above: true }), /^RangeError: lr sonlu bir sayı \(> 0\) olmalı; verilen: NaN\. /);
  assert.throws(() => checkNumber(2.5, 'n', { integer: true, min: 0 }), /n bir tam sayı \(≥ 0\) olmalı; verilen: 2\.5/);
  assert.throws(() => checkNumber(null, 'n', { integer: true }), /verilen: null/);
  assert.throws(() => checkNumber(5, 'p', { min: 0, max: 1, hint: 'Bir olasılık verin.' }), /p sonlu bir sayı \(≥ 0 ve ≤ 1\) olmalı; verilen: 5\. Bir olasılık verin\./);
  assert.doesNotThrow(() => checkFinite([1, 2], 'xs'));
  assert.throws(() => checkFinite([1, Infinity], 'xs'), /xs\[1\] sonlu bir sayı olmalı; verilen: Infinity/);
  assert.throws(() => checkFinite(null as never, 'xs'), /xs bir sayı dizisi olmalı; verilen: null/);
  assert.doesNotThrow(() => assertString('a', 'x'));
  assert.throws(() => assertString(1, 'x'), /x bir metin \(string\) olmalı; verilen: 1/);
  assert.doesNotThrow(() => assertStringArray(['a'], 'xs'));
  assert.throws(() => assertStringArray('a', 'xs'), /tek bir metin/);
  assert.throws(() => assertStringArray(['a', 2], 'xs'), /xs\[1\] bir metin/);
  assert.doesNotThrow(() => assertSequences([[1], []], 's'));
  assert.throws(() => assertSequences([[Infinity]], 's'), /s\[0\]\[0\] sonlu bir sayı olmalı; verilen: Infinity/);
  assert.doesNotThrow(() => assertOneOf('pre', 'p', ['pre', 'post']));
  assert.throws(() => assertOneOf('mid', 'p', ['pre', 'post']), /p şunlardan biri olmalı: 'pre', 'post'; verilen: "mid"/);
  assert.doesNotThrow(() => assertObject({}, 'o'));
  assert.throws(() => assertObject([], 'o'), /o bir nesne olmalı .*verilen: \[\]/);
  assert.equal(isArray([]), true);
  assert.equal(isArray('a'), false);
});

test('compareCodePoints orders like Python, not like UTF-16', () => {
  assert.ok(compareCodePoints('a', 'b') < 0);
  assert.ok(compareCodePoints('ab', 'a') > 0);
  assert.equal(compareCodePoints('kâr', 'kâr'), 0);
  assert.ok(compareCodePoints('z', 'ç') < 0);
  assert.ok('😀' < '～', 'UTF-16 order puts the surrogate pair first');
  assert.ok(compareCodePoints('😀', '～') > 0);
});

test('lib/text.ts re-exports the public API', () => {
  for (const name of [
    'turkishLower', 'turkishUpper', 'normalizeText', 'words', 'Tokenizer', 'padSequences', 'LabelEncoder',
    'trainTestSplit', 'ngramPrefixSequences', 'splitXy', 'mulberry32', 'permutation', 'randomInt', 'shuffleInPlace',
  ]) {
    assert.equal(typeof (text as Record<string, unknown>)[name], 'function', name);
  }
  assert.equal(typeof text.KERAS_FILTERS, 'string');
  assert.equal(typeof text.TURKISH_FILTERS, 'string');
  assert.equal(text.DEFAULT_TEXT_OPTIONS.apostrophe, 'keep');
});
