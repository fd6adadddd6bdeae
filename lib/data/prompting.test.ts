import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadEnglishReviews, loadParallelSentences } from './prompting';

test('parallel sentences: 30 Turkish–English pairs, Turkish letters on the Turkish side', () => {
  const pairs = loadParallelSentences();
  assert.equal(pairs.length, 30);
  assert.ok(pairs.filter((p) => /[çğıöşüİ]/.test(p.tr)).length >= 25);
  assert.ok(pairs.every((p) => !/[çğıöşİ]/.test(p.en)));
});

test('English reviews: 8 balanced examples, 26 balanced test reviews, no text in both', () => {
  const reviews = loadEnglishReviews();
  const examples = reviews.filter((r) => r.split === 'example');
  const tests = reviews.filter((r) => r.split === 'test');
  assert.equal(examples.length, 8);
  assert.equal(tests.length, 26);
  assert.equal(examples.filter((r) => r.label === 'positive').length, 4);
  assert.equal(tests.filter((r) => r.label === 'positive').length, 13);
  assert.equal(new Set(reviews.map((r) => r.text)).size, reviews.length);
});

test('a bad label or split is named with its record', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reviews-')), 'r.csv');
  fs.writeFileSync(file, 'text,label,split\n"Nice.",good,test\n');
  assert.throws(() => loadEnglishReviews(file), /kayıt 1: bilinmeyen etiket "good"/);
  fs.writeFileSync(file, 'text,label,split\n"Nice.",positive,train\n');
  assert.throws(() => loadEnglishReviews(file), /kayıt 1: bilinmeyen bölüm "train"/);
});
