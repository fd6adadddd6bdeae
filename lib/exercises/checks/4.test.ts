import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kontrolVerdict } from '../../exercises';

const what = (v: { status: string; what?: string }) => v.what ?? '';

test('4.1: the embedding corpus split is ✓; the notebook\'s other merge tables and a mangled split are ✗, with the cause', async () => {
  assert.equal((await kontrolVerdict('4.1', ['kitap', 'lar', 'ımız', 'dan_'])).status, 'dogru');
  assert.equal((await kontrolVerdict('4.1', ['kitap', 'lar', 'ımız', 'dan'])).status, 'dogru'); // the end-of-word mark may be dropped
  assert.match(what(await kontrolVerdict('4.1', ['kit', 'ap', 'lar', 'ım', 'ız', 'dan_'])), /ağaç bankasında öğrenilen/);
  assert.match(what(await kontrolVerdict('4.1', ['ki', 'ta', 'p', 'larım', 'ı', 'z', 'da', 'n_'])), /gündelik cümlelerin/);
  assert.match(what(await kontrolVerdict('4.1', ['kita', 'p', 'lar', 'ım', 'ız', 'dan_'])), /1000 birleştirme öğrenin/);
  assert.match(what(await kontrolVerdict('4.1', ['kitap', 'larımızdan'])), /2 parça geldi/);
  assert.match(what(await kontrolVerdict('4.1', ['kitap', 'lar'])), /birleşince "kitaplarımızdan" vermiyor/);
  assert.match(what(await kontrolVerdict('4.1', 4)), /Parçaların dizisi/);
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
