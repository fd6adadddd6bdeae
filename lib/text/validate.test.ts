import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as text from '../text';
import {
  assertInteger,
  assertObject,
  assertOneOf,
  assertSequences,
  assertString,
  assertStringArray,
  compareCodePoints,
  describe,
  isArray,
} from './validate';

test('describe names values for error messages', () => {
  assert.equal(describe(null), 'null');
  assert.equal(describe(undefined), 'undefined');
  assert.equal(describe([1, 2]), 'an array of length 2');
  assert.equal(describe('kâr'), 'a string ("kâr")');
  assert.equal(describe('x'.repeat(50)), `a string ("${'x'.repeat(40)}…")`);
  assert.equal(describe(3), 'a number (3)');
  assert.equal(describe(true), 'a boolean (true)');
  assert.equal(describe({}), 'an object');
  assert.equal(describe(() => 1), 'a function');
});

test('assert helpers pass good values and name bad ones', () => {
  assert.doesNotThrow(() => assertString('a', 'x'));
  assert.throws(() => assertString(1, 'x'), /x must be a string, got a number \(1\)/);
  assert.doesNotThrow(() => assertStringArray(['a'], 'xs'));
  assert.throws(() => assertStringArray('a', 'xs'), /single string/);
  assert.throws(() => assertStringArray(['a', 2], 'xs'), /xs\[1\] must be a string/);
  assert.doesNotThrow(() => assertSequences([[1], []], 's'));
  assert.throws(() => assertSequences([[Infinity]], 's'), /s\[0\]\[0\] must be a finite number, got a number \(Infinity\)/);
  assert.doesNotThrow(() => assertInteger(0, 'n', 0));
  assert.throws(() => assertInteger(-1, 'n', 0), /n must be an integer >= 0, got a number \(-1\)/);
  assert.doesNotThrow(() => assertOneOf('pre', 'p', ['pre', 'post']));
  assert.throws(() => assertOneOf('mid', 'p', ['pre', 'post']), /p must be 'pre' or 'post', got a string \("mid"\)/);
  assert.doesNotThrow(() => assertObject({}, 'o'));
  assert.throws(() => assertObject([], 'o'), /o must be an object, got an array/);
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
