import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyRepetitionPenalty, applyTemperature, argmax, logSoftmax, sampleToken, softmax, topKFilter, topPFilter,
} from './logits';
import { SeededRandom } from './rng';

const logits = Float32Array.from([2, 1, 0.5, 3, -1]); // token 3 first, then 0, 1, 2, 4

test('softmax sums to 1 and logSoftmax is its log', () => {
  const p = softmax(logits);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  logSoftmax(logits).forEach((l, i) => assert.ok(Math.abs(Math.exp(l) - p[i]) < 1e-12));
  assert.equal(argmax(logits), 3);
  assert.equal(argmax([1, 5, 5]), 1, 'first index on ties');
});

test('temperature < 1 sharpens, > 1 flattens, the order stays', () => {
  const p = softmax(logits)[3];
  assert.ok(softmax(applyTemperature(logits, 0.5))[3] > p);
  assert.ok(softmax(applyTemperature(logits, 2))[3] < p);
  assert.equal(argmax(applyTemperature(logits, 7)), 3);
});

test('top-k keeps the k largest; top-p keeps the smallest set reaching p', () => {
  assert.deepEqual(Array.from(topKFilter(logits, 2), Number.isFinite), [true, false, false, true, false]);
  const p = softmax(logits); // p3 ≈ 0.61, p0 ≈ 0.22
  assert.deepEqual(Array.from(topPFilter(logits, 0.5), Number.isFinite), [false, false, false, true, false]);
  assert.deepEqual(Array.from(topPFilter(logits, p[3] + 0.01), Number.isFinite), [true, false, false, true, false]);
  assert.equal(Array.from(topPFilter(logits, 1), Number.isFinite).filter(Boolean).length, 5);
});

test('repetition penalty lowers seen tokens whatever their sign', () => {
  const out = applyRepetitionPenalty(logits, [3, 4, 3], 2);
  assert.equal(out[3], 1.5);
  assert.equal(out[4], -2);
  assert.equal(out[0], 2);
});

test('sampleToken: seeded, reproducible, never outside top-k / top-p, frequencies follow the probabilities', () => {
  const a = new SeededRandom(5);
  const b = new SeededRandom(5);
  const draws = Array.from({ length: 50 }, () => sampleToken(logits, { temperature: 1 }, a));
  assert.deepEqual(draws, Array.from({ length: 50 }, () => sampleToken(logits, { temperature: 1 }, b)));
  const rng = new SeededRandom(1);
  for (let i = 0; i < 200; i++) assert.ok([3, 0].includes(sampleToken(logits, { topK: 2 }, rng)));
  for (let i = 0; i < 200; i++) assert.equal(sampleToken(logits, { topP: 0.5 }, rng), 3);
  const counts = new Array(5).fill(0);
  for (let i = 0; i < 20000; i++) counts[sampleToken(logits, {}, rng)]++;
  softmax(logits).forEach((p, i) => assert.ok(Math.abs(counts[i] / 20000 - p) < 0.015, `token ${i}`));
});

test('bad settings throw an error naming the argument', () => {
  assert.throws(() => applyTemperature(logits, 0), /temperature/);
  assert.throws(() => applyTemperature(logits, -1), /temperature/);
  assert.throws(() => topKFilter(logits, 0), /topK/);
  assert.throws(() => topKFilter(logits, 1.5), /topK/);
  assert.throws(() => topPFilter(logits, 0), /topP/);
  assert.throws(() => topPFilter(logits, 1.2), /topP/);
  assert.throws(() => applyRepetitionPenalty(logits, [1], 0), /repetitionPenalty/);
  assert.throws(() => sampleToken(logits, { topP: 2 }, new SeededRandom(0)), /topP/);
});

test('sortedIndices: decreasing, ties by id, filtered tokens last, limit', async () => {
  const { sortedIndices } = await import('./logits');
  assert.deepEqual(sortedIndices([1, -Infinity, 3, 3, 0]), [2, 3, 0, 4, 1]);
  assert.deepEqual(sortedIndices([1, -Infinity, 3, 3, 0], 3), [2, 3, 0]);
  assert.deepEqual(sortedIndices([5, 5, 5, 1], 2), [0, 1]);
});

test('tokenLogProb equals logSoftmax at that token', async () => {
  const { tokenLogProb } = await import('./logits');
  const full = logSoftmax(logits);
  for (let i = 0; i < logits.length; i++) assert.ok(Math.abs(tokenLogProb(logits, i) - full[i]) < 1e-12);
});

test('sampleToken with top-p alone (the nucleus found from sorted values) draws what sorting every id would', () => {
  const rng = new SeededRandom(3);
  const logits = Float32Array.from({ length: 3000 }, () => 6 * rng.random() - 3);
  logits[17] = logits[18] = 2.9; // a tie, kept in id order
  for (const topP of [0.05, 0.5, 0.9, 0.999]) {
    // the reference: every id sorted, then cut, with the same draw (topK = vocabulary size changes nothing but takes the full sort)
    const [a, b] = [new SeededRandom(9), new SeededRandom(9)];
    const fast = Array.from({ length: 200 }, () => sampleToken(logits, { topP, temperature: 0.8 }, a));
    const full = Array.from({ length: 200 }, () => sampleToken(logits, { topP, temperature: 0.8, topK: logits.length }, b));
    assert.deepEqual(fast, full, `topP ${topP}`);
  }
});

// The straightforward definitions the fast paths of logits.ts replace (every id sorted by a comparator, maps through
// TypedArray.from): the fast ones must give exactly these numbers, so the notebooks' tokens do not move.
const byLogit = (z: ArrayLike<number>) => Array.from(z, (_, i) => i).sort((a, b) => (z[b] === z[a] ? a - b : z[b] === -Infinity ? -1 : z[a] === -Infinity ? 1 : z[b] - z[a]));
function referenceTopK(z: ArrayLike<number>, k: number): Float32Array {
  const out = new Float32Array(z.length).fill(-Infinity);
  for (const i of byLogit(z).slice(0, k)) out[i] = z[i];
  return out;
}
function referenceTopP(z: ArrayLike<number>, topP: number): Float32Array {
  const p = softmax(z);
  const out = new Float32Array(z.length).fill(-Infinity);
  let cumulative = 0;
  for (const i of byLogit(z)) { out[i] = z[i]; cumulative += p[i]; if (cumulative >= topP) break; }
  return out;
}
function referenceDraw(z: ArrayLike<number>, s: { temperature?: number; topK?: number; topP?: number }, rng: SeededRandom): number {
  const scaled = Float32Array.from(z, (v) => (s.temperature === undefined ? v : v / s.temperature));
  let ids = byLogit(scaled).slice(0, s.topK ?? scaled.length);
  const soft = (ks: number[]) => { const m = Math.max(...ks.map((i) => scaled[i])); const e = Float32Array.from(ks, (i) => Math.exp(scaled[i] - m)); let t = 0; for (const x of e) t += x; return e.map((x) => x / t); };
  let probs = soft(ids);
  if (s.topP !== undefined && s.topP < 1) {
    let cumulative = 0, keep = 0;
    while (keep < probs.length && cumulative < s.topP) cumulative += probs[keep++];
    ids = ids.slice(0, keep);
    probs = soft(ids);
  }
  let total = 0;
  for (const p of probs) total += p;
  let u = rng.random() * total;
  for (let k = 0; k < probs.length; k++) if ((u -= probs[k]) < 0) return ids[k];
  return ids[ids.length - 1];
}

test('fast top-k, top-p, temperature, log-softmax and draws equal the straightforward definitions exactly (ties, filtered tokens)', async () => {
  const { sortedIndices } = await import('./logits');
  const rng = new SeededRandom(12);
  // 3000 logits rounded to 0,05 (many ties, also at the cuts) with 100 filtered tokens
  const z = Float32Array.from({ length: 3000 }, (_, i) => (i % 30 === 7 ? -Infinity : Math.round((8 * rng.random() - 4) * 20) / 20));
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));
  for (const k of [1, 5, 40, 64, 65, 300, 2899, 2900, 2950, 3000, 5000]) {
    assert.ok(same(topKFilter(z, k), referenceTopK(z, k)), `topKFilter k = ${k}`);
    assert.deepEqual(sortedIndices(z, Math.min(k, 3000)), byLogit(z).slice(0, k), `sortedIndices limit ${k}`);
  }
  for (const p of [0.01, 0.3, 0.9, 0.999, 1]) assert.ok(same(topPFilter(z, p), referenceTopP(z, p)), `topPFilter p = ${p}`);
  assert.ok(same(applyTemperature(z, 0.7), Float32Array.from(z, (v) => v / 0.7)));
  const zMax = Math.max(...z), logZ = zMax + Math.log(Array.from(z).reduce((a, v) => a + Math.exp(v - zMax), 0));
  assert.ok(same(logSoftmax(z), Float64Array.from(z, (v) => v - logZ)), 'logSoftmax');
  for (const s of [{ temperature: 0.7, topK: 50 }, { topK: 40 }, { topP: 0.9 }, { temperature: 1.3, topP: 0.5 }, { temperature: 0.8, topK: 100, topP: 0.9 }, {}]) {
    const [a, b] = [new SeededRandom(3), new SeededRandom(3)];
    const fast = Array.from({ length: 300 }, () => sampleToken(z, s, a));
    assert.deepEqual(fast, Array.from({ length: 300 }, () => referenceDraw(z, s, b)), JSON.stringify(s));
  }
  // Negative control: the same check on a top-k that breaks ties at the cut by the higher id fails.
  const tieAtCut = Float32Array.from([5, 4, 3, 3, 3, 1]);
  const wrongTies = Float32Array.from(tieAtCut, (v, i) => (i === 0 || i === 1 || i === 4 ? v : -Infinity));   // keeps id 4, not id 2
  assert.ok(same(topKFilter(tieAtCut, 3), referenceTopK(tieAtCut, 3)) && !same(topKFilter(tieAtCut, 3), wrongTies), 'the check sees the tie rule');
});
