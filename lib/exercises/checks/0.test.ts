// Checks of 0_Word_Embeddings.ipynb's exercises with right and wrong answers: float32 answers pass 0.1
// (review ex.r2), 0.4 and 0.6 recount from the data and name the usual mistakes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kontrolVerdict } from '../../exercises';
import { loadEmbeddingCorpus, loadTreebank } from '../../data';
import { buildVocabulary } from '../../embeddings';
import { words } from '../../text';
import * as fs from 'node:fs';
import * as path from 'node:path';

const what = async (id: string, answer: unknown) => ((await kontrolVerdict(id, answer)) as { what?: string }).what ?? '';

test('0.1: a float32 computation passes (tolerance 10⁻⁶); p fixed at 0,75 fails on the first hidden case', async () => {
  const float32 = (counts: number[], p: number) => { const w = Float32Array.from(counts, (n) => n ** p); const z = w.reduce((a, b) => a + b, 0); return w.map((x) => x / z); };
  assert.equal((await kontrolVerdict('0.1', float32)).status, 'dogru');
  assert.match(await what('0.1', (c: number[]) => float32(c, 0.75)), /^\(\[8, 4, 2, 1\], 1\) girdisinde/);
});

test('0.4: the corpus counts pass; a guessed count and a missing city are named', async () => {
  const counts = new Map<string, number>();
  for (const line of loadEmbeddingCorpus()) for (const w of words(line)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const right = Object.fromEntries(['istanbul', 'ankara', 'paris', 'roma', 'tokyo'].map((c) => [c, counts.get(c) ?? 0]));
  assert.equal((await kontrolVerdict('0.4', right)).status, 'dogru');
  assert.match(await what('0.4', { ...right, roma: right.roma + 1 }), /"roma" için .* derlem bunu doğrulamıyor/);
  const { tokyo: _tokyo, ...fourCities } = right;
  assert.match(await what('0.4', fourCities), /"tokyo" anahtarı eksik/);
});

test('0.6: the minCount-2 vocabulary of the training split passes; the minCount-5 size is named as such', async () => {
  const real = loadTreebank({ split: 'train' }).map((s) => words(s.text));
  assert.equal((await kontrolVerdict('0.6', buildVocabulary(real, 2).words.length)).status, 'dogru');
  assert.match(await what('0.6', buildVocabulary(real, 5).words.length), /minCount 5 olan sözlüğün büyüklüğü/);
  const all = loadTreebank().map((s) => words(s.text));
  assert.match(await what('0.6', buildVocabulary(all, 2).words.length), /yalnızca eğitim bölmesi/);
});

test('0.5: the top answers of both models pass; a guessed pair word, a second answer and a missing model are named', async () => {
  const right = { cbow: { dayı: 'teyze', imparator: 'imparatoriçe' }, skipGram: { dayı: 'teyze', imparator: 'imparatoriçe' } };
  assert.equal((await kontrolVerdict('0.5', right)).status, 'dogru');
  assert.match(await what('0.5', { ...right, skipGram: { dayı: 'hala', imparator: 'imparatoriçe' } }), /skipGram için "dayı − erkek \+ kadın" sorusunda "hala" o modelin ilk cevabı değil/);
  assert.match(await what('0.5', { ...right, cbow: { dayı: 'şakalaştı', imparator: 'imparatoriçe' } }), /"şakalaştı" o modelin 2\. cevabı/);
  assert.match(await what('0.5', { cbow: right.cbow }), /"skipGram" anahtarında bir nesne/);
  assert.doesNotMatch(await what('0.5', { ...right, skipGram: { dayı: 'hala', imparator: 'imparatoriçe' } }), /teyze/); // never the answer
});

test('0.5 retrains with §4\'s settings from their one home: the check and the notebook read WORD2VEC_SETTINGS', async () => {
  const { ANALOGY_TRAINING } = await import('./0');
  const { WORD2VEC_SETTINGS } = await import('../../embeddings');
  assert.equal(ANALOGY_TRAINING, WORD2VEC_SETTINGS, 'the check trains with the shared object, not a copy');
  assert.ok(Object.isFrozen(WORD2VEC_SETTINGS), 'a notebook cell cannot change the shared settings in place');
  // The notebook's §4 takes the same object: a copy of the values there would drift from the check again.
  const notebook = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'notebooks', '0_Word_Embeddings.ipynb'), 'utf8')) as { cells: { cell_type: string; source: string[] }[] };
  const code = notebook.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join(''));
  const defining = code.filter((s) => /\bconst w2vOptions\b/.test(s));
  assert.equal(defining.length, 1);
  assert.match(defining[0], /const w2vOptions = WORD2VEC_SETTINGS;/);
  // Every model the check stands in for (§4's CBOW and Skip-gram) is trained from w2vOptions with no override.
  for (const architecture of ['cbow', 'skipgram']) {
    const cell = code.find((s) => s.includes(`architecture: '${architecture}', onProgress`));
    assert.match(cell ?? '', new RegExp(`trainWord2Vec\\(sentences, \\{\\s*\\.\\.\\.w2vOptions, architecture: '${architecture}', onProgress`), architecture);
  }
});
