import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kontrolVerdict } from '../../exercises';
import { loadDailySentences, loadEmbeddingCorpus } from '../../data';

const what = (v: { status: string; what?: string }) => v.what ?? '';

/** BPE as the notebook teaches it (learnBpe, then the merges applied in order), to split the hidden words independently. */
function learnBpe(text: string, numMerges: number): [string, string][] {
  const counts = new Map<string, number>();
  for (const w of text.toLocaleLowerCase('tr').match(/\p{L}+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  let words = [...counts].map(([w, n]) => ({ symbols: [...w, '_'], n }));
  const merges: [string, string][] = [];
  for (let m = 0; m < numMerges; m++) {
    const pairs = new Map<string, number>();
    for (const { symbols, n } of words) for (let i = 0; i + 1 < symbols.length; i++) pairs.set(`${symbols[i]}\u0000${symbols[i + 1]}`, (pairs.get(`${symbols[i]}\u0000${symbols[i + 1]}`) ?? 0) + n);
    let best = '', count = 0;
    for (const [k, c] of pairs) if (c > count || (c === count && k < best)) { best = k; count = c; }
    if (count === 0) break;
    const [a, b] = best.split('\u0000') as [string, string];
    merges.push([a, b]);
    words = words.map(({ symbols, n }) => ({ symbols: mergePair(symbols, a, b), n }));
  }
  return merges;
}
function mergePair(symbols: string[], a: string, b: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) { out.push(a + b); i++; } else out.push(symbols[i]);
  }
  return out;
}
const splitter = (merges: [string, string][]) => (word: string) => merges.reduce((s, [a, b]) => mergePair(s, a, b), [...word.toLocaleLowerCase('tr'), '_']);

test('4.1: a splitter with 1000 merges on the embedding corpus is ✓ on the hidden words; fewer merges, a printed split or a mangled one are ✗', async () => {
  const merges = learnBpe(loadEmbeddingCorpus().join('\n'), 1000);
  assert.equal((await kontrolVerdict('4.1', splitter(merges))).status, 'dogru');
  assert.equal((await kontrolVerdict('4.1', (w: string) => splitter(merges)(w).map((p) => p.replace(/_$/, '')).filter(Boolean))).status, 'dogru'); // '_' may be dropped
  assert.match(what(await kontrolVerdict('4.1', splitter(merges.slice(0, 300)))), /300 birleştirmenin bölmesine benziyor/);
  assert.match(what(await kontrolVerdict('4.1', splitter(learnBpe(loadDailySentences().join('\n'), 300)))), /gündelik cümlelerin/);
  assert.equal((await kontrolVerdict('4.1', splitter(merges.slice(0, 500)))).status, 'yanlis');
  // Copying §3's printed split does not help: a function that returns kitap|lar|ımız|dan for every word is ✗.
  assert.match(what(await kontrolVerdict('4.1', () => ['kitap', 'lar', 'ımız', 'dan'])), /birleşince kelimenin kendisini vermiyor/);
  assert.match(what(await kontrolVerdict('4.1', (w: string) => [w])), /1 parça döndü/);
  assert.match(what(await kontrolVerdict('4.1', ['kitap', 'lar', 'ımız', 'dan'])), /fonksiyon bekleniyordu/);
});

/** min-p as the exercise asks: drop tokens whose probability is below minP × the largest probability. */
const minP = (z: Float32Array, m: number) => {
  const max = Math.max(...z);
  return z.map((v) => (Math.exp(v - max) < m ? -Infinity : v));
};

test('4.2: min-p on probabilities relative to the top is ✓; a threshold on logits, an absolute one, or returned probabilities are ✗', async () => {
  assert.equal((await kontrolVerdict('4.2', minP)).status, 'dogru');
  const onLogits = (z: Float32Array, m: number) => { const max = Math.max(...z); return z.map((v) => (v < m * max ? -Infinity : v)); };
  assert.match(what(await kontrolVerdict('4.2', onLogits)), /token kalmalıydı, \d+ token kaldı/);
  const absolute = (z: Float32Array, m: number) => { const max = Math.max(...z); const s = z.reduce((a, v) => a + Math.exp(v - max), 0); return z.map((v) => (Math.exp(v - max) / s < m ? -Infinity : v)); };
  assert.match(what(await kontrolVerdict('4.2', absolute)), /minP × pMax/);
  const probs = (z: Float32Array, m: number) => { const max = Math.max(...z); return z.map((v) => (Math.exp(v - max) < m ? -Infinity : Math.exp(v - max))); };
  assert.match(what(await kontrolVerdict('4.2', probs)), /logit'i değişmiş/);
  const inPlace = (z: Float32Array, m: number) => { const max = Math.max(...z); z.forEach((v, i) => { if (Math.exp(v - max) < m) z[i] = -Infinity; }); return z; };
  assert.match(what(await kontrolVerdict('4.2', inPlace)), /girdi logit dizisini değiştirdiniz/);
});

test('4.3: log P / length^α is ✓; the plain total, always per token, or α as a factor are ✗', async () => {
  type H = { ids: number[]; logProb: number };
  const argBest = (score: (h: H, a: number) => number) => (hs: H[], a: number) => hs.reduce((b, h, i) => (score(h, a) > score(hs[b], a) ? i : b), 0);
  assert.equal((await kontrolVerdict('4.3', argBest((h, a) => h.logProb / h.ids.length ** a))).status, 'dogru');
  assert.match(what(await kontrolVerdict('4.3', argBest((h) => h.logProb))), /α = 1 ile 0\. hipotez seçildi/);
  assert.match(what(await kontrolVerdict('4.3', argBest((h) => h.logProb / h.ids.length))), /α = 0 ile 1\. hipotez seçildi/);
  assert.equal((await kontrolVerdict('4.3', argBest((h, a) => h.logProb / (h.ids.length * a)))).status, 'yanlis');
  assert.match(what(await kontrolVerdict('4.3', (hs: H[]) => hs[0])), /sıra numarası/);
  // EOS left out of the length (the exercise's one stated rule) is ✗; an argmax keeping the later of equals is ✓ (no ties).
  assert.equal((await kontrolVerdict('4.3', argBest((h, a) => h.logProb / Math.max(1, h.ids.length - 1) ** a))).status, 'yanlis');
  const argBestLater = (hs: H[], a: number) => hs.reduce((b, h, i) => (h.logProb / h.ids.length ** a >= hs[b].logProb / hs[b].ids.length ** a ? i : b), 0);
  assert.equal((await kontrolVerdict('4.3', argBestLater)).status, 'dogru');
});

test('4.5: the MLP with d_ff is ✓ (GPT-2 small included); 4·d kept, or the d_ff bias forgotten, are ✗ with the gap', async () => {
  type S = { vocabSize: number; contextLength: number; dModel: number; numLayers: number; dFf: number };
  const count = (mlpOf: (d: number, f: number) => number) => ({ vocabSize: V, contextLength: n, dModel: d, numLayers: L, dFf }: S) => {
    const embeddings = V * d + n * d, attention = L * (4 * d * d + 4 * d), mlp = L * mlpOf(d, dFf), norms = 4 * L * d + 2 * d;
    return { embeddings, attention, mlp, norms, total: embeddings + attention + mlp + norms };
  };
  const reference = count((d, f) => 2 * d * f + f + d);
  assert.equal(reference({ vocabSize: 50257, contextLength: 1024, dModel: 768, numLayers: 12, dFf: 3072 }).total, 124_439_808);
  assert.equal((await kontrolVerdict('4.5', reference)).status, 'dogru');
  assert.match(what(await kontrolVerdict('4.5', count((d) => 8 * d * d + 5 * d))), /doğru toplamdan [\d.]+ (fazla|eksik)/);
  assert.match(what(await kontrolVerdict('4.5', count((d, f) => 2 * d * f + 4 * d + d))), /fazla|eksik/);
  assert.match(what(await kontrolVerdict('4.5', (s: S) => reference(s).total)), /nesne .* bekleniyordu/);
});

test('4.4: negatives first, each group in order, a new array is ✓; positives first, a reordered group, or an in-place sort are ✗', async () => {
  type Shot = { text: string; label: string };
  const reference = (xs: Shot[]) => [...xs.filter((x) => x.label === 'negative'), ...xs.filter((x) => x.label === 'positive')];
  assert.equal((await kontrolVerdict('4.4', reference)).status, 'dogru');
  assert.equal((await kontrolVerdict('4.4', (xs: Shot[]) => [...xs].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)))).status, 'dogru'); // a stable sort is right too
  assert.match(what(await kontrolVerdict('4.4', (xs: Shot[]) => [...xs.filter((x) => x.label === 'positive'), ...xs.filter((x) => x.label === 'negative')])), /önce bütün olumsuzlar/);
  assert.match(what(await kontrolVerdict('4.4', (xs: Shot[]) => xs.sort((a, b) => (a.label < b.label ? -1 : 1)))), /girdi dizisi değişti/);
  assert.match(what(await kontrolVerdict('4.4', (xs: Shot[]) => [...reference(xs)].reverse().sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)))), /grubun içindeki sıra/);
  assert.match(what(await kontrolVerdict('4.4', (xs: Shot[]) => xs.filter((x) => x.label === 'negative'))), /örnek bekleniyordu/);
});
