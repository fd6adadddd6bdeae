/** The shipped datasets: sizes, balance, schema and the properties the notebooks rely on. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import { generateDailySentences } from '../../data/generators/daily_sentences';
import { generateEmbeddingCorpus, HELD_OUT_FORM } from '../../data/generators/embedding_corpus';
import { generateReviews, toCsv } from '../../data/generators/restaurant_reviews';
import { dataPath, loadDailySentences, loadEmbeddingCorpus, loadKnowledgeBase, loadReviewRows } from '../data';

const lower = (s: string): string => s.toLocaleLowerCase('tr-TR');
const words = (s: string): string[] => lower(s).match(/[\p{L}]+/gu) ?? [];

function counts(lines: readonly string[]): Map<string, number> {
  const c = new Map<string, number>();
  for (const line of lines) for (const w of words(line)) c.set(w, (c.get(w) ?? 0) + 1);
  return c;
}

test('restaurant reviews: at least 600, balanced within 5 %, unique, with negation, contrast and Turkish specifics', () => {
  const rows = loadReviewRows();
  assert.ok(rows.length >= 600, `only ${rows.length} reviews`);
  const pos = rows.filter((r) => r.label === 'pozitif').length;
  const neg = rows.length - pos;
  assert.ok(Math.abs(pos - neg) / rows.length <= 0.05, `unbalanced: ${pos} pozitif vs ${neg} negatif`);
  assert.equal(new Set(rows.map((r) => r.text)).size, rows.length, 'duplicate review texts');
  const has = (re: RegExp, label?: string): boolean => rows.some((r) => re.test(r.text) && (label === undefined || r.label === label));
  assert.ok(has(/hiç fena değildi/i, 'pozitif'), 'no positive "hiç fena değildi"');
  assert.ok(has(/hiç beğenmedim/i, 'negatif'), 'no negative "hiç beğenmedim"');
  assert.ok(rows.filter((r) => / (ama|fakat|ancak) /.test(r.text)).length >= 100, 'too few contrast reviews');
  assert.ok(has(/[A-ZÇĞİÖŞÜ][a-zçğıöşü]+'[a-zçğıöşü]+/), 'no apostrophe suffix such as İstanbul\'da');
  assert.ok(has(/[âîû]/), 'no circumflex (kâr, hâlâ, mekân)');
  assert.ok(has(/\p{Extended_Pictographic}/u), 'no emoji');
  assert.ok(has(/[A-ZÇĞİÖŞÜ]{4,} [A-ZÇĞİÖŞÜ]{4,}/), 'no upper-case shouting');
});

test('restaurant reviews: word order matters (same bag of words, opposite labels)', () => {
  const byBag = new Map<string, Set<string>>();
  for (const r of loadReviewRows()) {
    const bag = words(r.text).sort().join(' ');
    byBag.set(bag, (byBag.get(bag) ?? new Set()).add(r.label));
  }
  const conflicting = [...byBag.values()].filter((labels) => labels.size === 2).length;
  assert.ok(conflicting >= 30, `only ${conflicting} order-only pairs; a bag-of-words model could score too well`);
});

test('daily sentences: at least 400 unique, many starting with "Bu hafta sonu"', () => {
  const lines = loadDailySentences();
  assert.ok(lines.length >= 400, `only ${lines.length} sentences`);
  assert.equal(new Set(lines).size, lines.length, 'duplicate sentences');
  const seeded = lines.filter((l) => l.startsWith('Bu hafta sonu ')).length;
  assert.ok(seeded >= 60, `only ${seeded} sentences start with "Bu hafta sonu"`);
});

test('embedding corpus: at least 100,000 tokens over distinct topics', () => {
  const lines = loadEmbeddingCorpus();
  const wordCount = lines.reduce((n, l) => n + l.split(/\s+/).length, 0);
  assert.ok(wordCount >= 100_000, `only ${wordCount} whitespace tokens`);
  const c = counts(lines);
  for (const w of ['peynir', 'yağmur', 'maç', 'bilgisayar', 'öğretmen', 'otel', 'doktor', 'gitar', 'kral', 'kraliçe', 'erkek', 'kadın']) {
    assert.ok((c.get(w) ?? 0) >= 20, `topic word "${w}" appears only ${c.get(w) ?? 0} times`);
  }
});

test('embedding corpus: gender pairs are used equally often so the analogy offset is consistent', () => {
  const c = counts(loadEmbeddingCorpus());
  for (const [m, f] of [['kral', 'kraliçe'], ['erkek', 'kadın'], ['prens', 'prenses'], ['baba', 'anne'], ['amca', 'hala'], ['dayı', 'teyze']]) {
    const a = c.get(m) ?? 0;
    const b = c.get(f) ?? 0;
    assert.ok(a >= 200 && b >= 200, `${m}=${a}, ${f}=${b}: too rare for a stable vector`);
    assert.ok(Math.abs(a - b) / (a + b) < 0.1, `${m}=${a} vs ${f}=${b}: unbalanced pair`);
  }
});

test(`embedding corpus: "${HELD_OUT_FORM}" is absent while its inflectional family is present`, () => {
  const lines = loadEmbeddingCorpus();
  const text = lower(lines.join('\n'));
  assert.equal(text.includes(HELD_OUT_FORM), false, `${HELD_OUT_FORM} must stay unseen for the FastText demo`);
  const c = counts(lines);
  for (const form of ['kitap', 'kitaplar', 'kitabı', 'kitaplarımız', 'kitaplarımızı', 'kitaplarda', 'kitaptan', 'kitapçıdan']) {
    assert.ok((c.get(form) ?? 0) > 0, `family form "${form}" missing`);
  }
  // Other nouns carry the same suffix chain, so the n-grams of "-larımızdan" are learned.
  const sameChain = [...c.keys()].filter((w) => /(ları|leri)m[ıi]zd[ae]n$/.test(w));
  assert.ok(sameChain.length >= 5, `only ${sameChain.length} words end in -larımızdan/-lerimizden`);
});

test('knowledge base: 30-60 entries covering the course topics', () => {
  const kb = loadKnowledgeBase();
  assert.ok(kb.length >= 30 && kb.length <= 60, `${kb.length} entries`);
  const all = kb.map((e) => `${e.title} ${e.text}`).join('\n');
  for (const topic of ['RNN', 'LSTM', 'GRU', 'dikkat', 'Transformer', 'BERT', 'GPT', 'LLaMA', 'RoPE', 'RMSNorm', 'Nicemleme', 'LoRA', 'RAG', 'Tokenizasyon', 'Word2Vec', 'FastText', 'Halüsinasyon']) {
    assert.ok(all.includes(topic), `no entry about ${topic}`);
  }
  for (const e of kb) assert.ok(e.text.length >= 150 && e.text.length <= 900, `entry ${e.id} is ${e.text.length} characters`);
});

test('each generated file is exactly what its seeded generator produces', () => {
  const read = (p: string): string => fs.readFileSync(p, 'utf8');
  assert.equal(read(dataPath('reviews')), toCsv(generateReviews()), 'restaurant_reviews.csv drifted from its generator');
  assert.equal(read(dataPath('dailySentences')), generateDailySentences().join('\n') + '\n', 'daily_sentences.txt drifted');
  assert.equal(read(dataPath('embeddingCorpus')), generateEmbeddingCorpus().join('\n') + '\n', 'embedding_corpus.txt drifted');
});
