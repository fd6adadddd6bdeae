// Checks of 1_RNN.ipynb's exercises with right and wrong answers (issue 28): 1.2 must compare each row with
// the review it stands for, not only the shape and where the zeros are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kontrolVerdict } from '../../exercises';
import { loadReviewRows } from '../../data';
import { LabelEncoder, padSequences, Tokenizer, trainTestSplit, words } from '../../text';

/** Notebook 1's training reviews (§4: seed-42 split 80/20, then 85/15) and its tokenizer, as the notebook builds them. */
function notebookTraining() {
  const rows = loadReviewRows();
  const y = new LabelEncoder<string>().fit(rows.map((r) => r.label)).transform(rows.map((r) => r.label));
  const outer = trainTestSplit(rows.map((_, i) => i), y, { testSize: 0.2, seed: 42, stratify: true });
  const inner = trainTestSplit(outer.XTrain, outer.yTrain, { testSize: 0.15, seed: 42, stratify: true });
  const texts = inner.XTrain.map((i) => rows[i].text);
  return { texts, valTexts: inner.XTest.map((i) => rows[i].text), tokenizer: new Tokenizer({ oovToken: '<OOV>' }).fitOnTexts(texts) };
}
const what = async (answer: unknown) => ((await kontrolVerdict('1.2', answer)) as { what?: string }).what ?? '';

test('1.2: the post-padded training reviews pass; made-up, <OOV>-only, reversed and shuffled rows are refused', async () => {
  const { texts, tokenizer } = notebookTraining();
  const seqs = tokenizer.textsToSequences(texts);
  const post = padSequences(seqs, { maxLen: 24, padding: 'post' });
  assert.equal((await kontrolVerdict('1.2', post)).status, 'dogru');
  // Right shape, words first, zeros only at the end — but no review (1 = <OOV>): the old check said ✓.
  const oovRows = post.map(() => [1, ...Array(23).fill(0)]);
  assert.match(await what(oovRows), /448 satır eğitim yorumlarını tutmuyor; ilki 1\. satır: kelime numaraları/);
  assert.doesNotMatch(await what(oovRows), /textsToSequences|textsOf/); // what differs, not the solution
  const madeUp = post.map((_, i) => [2 + (i % 50), 3, ...Array(22).fill(0)]);
  assert.match(await what(madeUp), /satır eğitim yorumlarını tutmuyor/);
  const reversed = padSequences(seqs.map((s) => [...s].reverse()), { maxLen: 24, padding: 'post' });
  assert.match(await what(reversed), /sırası farklı/);
  const shuffled = [post[1], post[0], ...post.slice(2)];
  assert.match(await what(shuffled), /ilki 1\. satır/);
  assert.match(await what(padSequences(seqs, { maxLen: 24 })), /baştan dolgu/);
});

test('1.2: rows of another split or shape are refused before the row comparison', async () => {
  const { valTexts, tokenizer } = notebookTraining();
  const val = padSequences(tokenizer.textsToSequences(valTexts), { maxLen: 24, padding: 'post' });
  assert.match(await what(val), /Biçim \[448, 24\] olmalı .* gelen \d+ satır/);
  const { texts, tokenizer: tok } = notebookTraining();
  assert.match(await what(padSequences(tok.textsToSequences(texts), { maxLen: 20, padding: 'post' })), /Satır sayısı doğru, ama her satır 24 uzunlukta/);
  assert.equal((await kontrolVerdict('1.2', undefined)).status, 'henuz');
});

test('1.4: reversing the words passes; reversing the characters, the sentence order or nothing is refused', async () => {
  const byWords = (text: string) => words(text).reverse().join(' ');
  assert.equal((await kontrolVerdict('1.4', byWords)).status, 'dogru');
  assert.equal((await kontrolVerdict('1.4', (text: string) => text.split(' ').reverse().join(' '))).status, 'dogru'); // the Tokenizer drops the punctuation either way
  const w = async (f: unknown) => ((await kontrolVerdict('1.4', f)) as { what?: string }).what ?? '';
  assert.match(await w((text: string) => [...text].reverse().join('')), /^\("Yemekler lezzetliydi ama çok pahalı\."\) girdisinde: 1\. kelime "ılahap" geldi/);
  assert.match(await w((text: string) => text), /kelimelerin sırası değişmemiş/);
  assert.match(await w((text: string) => words(text).slice(1).reverse().join(' ')), /5 kelime bekleniyordu, 4 kelime döndü/);
  assert.match(await w((text: string) => text.split(/(?<=[.!?])\s+/).reverse().join(' ')), /girdisinde/); // sentences reversed, not words
  assert.doesNotMatch(await w((text: string) => text), /reverse|words\(/); // what differs, not the solution
});
