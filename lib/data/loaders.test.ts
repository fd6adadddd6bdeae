import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { projectPath } from '../paths';
import { labelToNumber, loadDailySentences, loadEmbeddingCorpus, loadKnowledgeBase, loadReviewRows, loadReviews } from '../data';

const fixture = (name: string): string => path.join(__dirname, 'fixtures', name);

test('loadReviewRows parses quoted commas, quotes and line breaks in the fixture', () => {
  assert.deepEqual(loadReviewRows(fixture('reviews_quoted.csv')), [
    { text: 'Yemekler lezzetliydi, servis hızlıydı.', label: 'pozitif' },
    { text: 'Menüde "ev yapımı" yazıyordu ama değildi.', label: 'negatif' },
    { text: 'İlk satır\nikinci satır', label: 'pozitif' },
    { text: 'Kısa ve öz', label: 'negatif' },
  ]);
});

test('a missing data file names the path and how to restore it', () => {
  const missing = projectPath('data', 'no_such_reviews.csv');
  assert.throws(() => loadReviewRows(missing), (err: Error) => {
    assert.match(err.message, /Veri dosyası bulunamadı: .*data[\\/]no_such_reviews\.csv/);
    assert.match(err.message, /git checkout data\/no_such_reviews\.csv/);
    assert.match(err.message, /node --import tsx data\/generators\/restaurant_reviews\.ts/);
    return true;
  });
  assert.throws(() => loadKnowledgeBase(projectPath('data', 'gone.json')), /Veri dosyası bulunamadı.*git checkout data\/gone\.json` ile geri getirin\.$/);
  assert.throws(() => loadDailySentences('/nonexistent/daily.txt'), /Veri dosyası bulunamadı: \/nonexistent\/daily\.txt\. Verdiğiniz yolu kontrol edin\./);
});

test('review validation: missing column, empty text, unknown label, bad quoting', () => {
  assert.throws(() => loadReviewRows(fixture('reviews_missing_label_column.csv')), /"label" sütunu yok; başlığı "text,sentiment"/);
  assert.throws(() => loadReviewRows(fixture('reviews_empty_text.csv')), /kayıt 2: metin boş/);
  assert.throws(() => loadReviewRows(fixture('reviews_unknown_label.csv')), /kayıt 2: bilinmeyen etiket "olumsuz"; şunlardan birini kullanın: negatif, pozitif/);
  assert.throws(() => loadReviewRows(fixture('reviews_unclosed_quote.csv')), /hiç kapanmıyor/);
  assert.throws(() => loadReviewRows(fixture('reviews_unquoted_comma.csv')), /3 alan var ama başlıkta 2 var. Virgül içeren alanları tırnağa alın/);
});

test('line files reject blank lines; the knowledge base rejects bad entries', () => {
  assert.throws(() => loadDailySentences(fixture('daily_blank_line.txt')), /satır 2: boş metin/);
  assert.throws(() => loadEmbeddingCorpus(fixture('daily_blank_line.txt')), /satır 2: boş metin/);
  assert.throws(() => loadKnowledgeBase(fixture('kb_missing_text.json')), /kayıt 1: "text" alanı eksik/);
  assert.throws(() => loadKnowledgeBase(fixture('kb_duplicate_id.json')), /kayıt 1: "rnn" kimliği iki kez geçiyor/);
  assert.throws(() => loadKnowledgeBase(fixture('kb_not_array.json')), /JSON dizisi içermeli/);
  assert.throws(() => loadKnowledgeBase(fixture('reviews_quoted.csv')), /geçerli JSON değil/);
});

test('loadReviews returns a danfojs DataFrame with the same rows', async () => {
  const df = await loadReviews(fixture('reviews_quoted.csv'));
  assert.deepEqual(df.shape, [4, 2]);
  assert.deepEqual(df.columns, ['text', 'label']);
  assert.deepEqual(df['label'].values, ['pozitif', 'negatif', 'pozitif', 'negatif']);
  assert.equal(df['text'].values[0], 'Yemekler lezzetliydi, servis hızlıydı.');
});

test('labelToNumber encodes negatif as 0 and pozitif as 1', () => {
  assert.equal(labelToNumber('negatif'), 0);
  assert.equal(labelToNumber('pozitif'), 1);
});
