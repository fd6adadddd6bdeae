/** data/ner_sentences.jsonl (the offline NER model's training data): schema, tags, and exactly what its generator writes. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import { generateNerSentences, NER_COUNT, toJsonl } from '../../data/generators/ner_sentences';
import { projectPath } from '../paths';

test('ner_sentences.jsonl is exactly what its seeded generator produces', () => {
  assert.equal(fs.readFileSync(projectPath('data', 'ner_sentences.jsonl'), 'utf8'), toJsonl(generateNerSentences()), 'ner_sentences.jsonl drifted from its generator');
});

test('NER sentences: one tag per token, valid BIO sequences of PER/LOC/ORG, Turkish apostrophe suffixes inside entities', () => {
  const rows = generateNerSentences();
  assert.equal(rows.length, NER_COUNT);
  assert.equal(new Set(rows.map((r) => r.tokens.join(' '))).size, rows.length, 'duplicates');
  for (const { tokens, tags } of rows) {
    assert.equal(tokens.length, tags.length);
    tags.forEach((t, i) => {
      assert.match(t, /^(O|[BI]-(PER|LOC|ORG))$/);
      if (t.startsWith('I-')) assert.ok(tags[i - 1] !== 'O' && tags[i - 1].slice(2) === t.slice(2), `I- without its B-: ${tokens.join(' ')}`);
    });
  }
  const kinds = new Set(rows.flatMap((r) => r.tags.filter((t) => t.startsWith('B-'))));
  assert.deepEqual([...kinds].sort(), ['B-LOC', 'B-ORG', 'B-PER']);
  assert.ok(rows.some((r) => r.tokens.some((w, i) => /^[A-ZÇĞİÖŞÜ]\p{L}*'\p{L}+$/u.test(w) && r.tags[i] !== 'O')), "no entity with an apostrophe suffix (Ankara'ya)");
});
