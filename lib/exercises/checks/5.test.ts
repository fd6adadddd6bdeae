// Notebook 5's checks: each reference answer gets ✓, each typical wrong answer ✗ (with what differs), and no
// message shows the solution. The tfjs-based reference of 5.1 (applyRotary, as the notebook's solution) is run too.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { kontrolVerdict } from '../../exercises';
import { initTf, tf } from '../../tf';
import { applyRotary, rotaryTables } from '../../transformer';

before(async () => { await initTf({ quiet: true }); });

const what = (v: { status: string }) => (v as { what?: string }).what ?? '';

test('5.1: the half-split RoPE score is ✓ (by hand and with applyRotary); interleaved pairs, a rotated q and a wrong exponent are ✗', async () => {
  const half = (q: number[], k: number[], d: number, base: number, exponent = (i: number, n: number) => (-2 * i) / n, rotateQ = false) => {
    const h = q.length / 2;
    let s = 0;
    for (let i = 0; i < h; i++) {
      const a = (rotateQ ? -d : d) * Math.pow(base, exponent(i, q.length));
      s += q[i] * (k[i] * Math.cos(a) - k[i + h] * Math.sin(a)) + q[i + h] * (k[i] * Math.sin(a) + k[i + h] * Math.cos(a));
    }
    return s;
  };
  assert.equal((await kontrolVerdict('5.1', (q: number[], k: number[], d: number, b: number) => half(q, k, d, b))).status, 'dogru');
  const withTf = (q: number[], k: number[], d: number, b: number) => tf.tidy(() =>
    tf.sum(tf.mul(tf.tensor1d(q), applyRotary(tf.tensor4d(k, [1, 1, 1, k.length]), rotaryTables(k.length, d, 1, b)).reshape([k.length]))).dataSync()[0]);
  assert.equal((await kontrolVerdict('5.1', withTf)).status, 'dogru', 'the notebook tools (float32) pass');
  const interleaved = (q: number[], k: number[], d: number, b: number) => {
    let s = 0;
    for (let i = 0; i < q.length / 2; i++) {
      const a = d * Math.pow(b, (-2 * i) / q.length);
      s += q[2 * i] * (k[2 * i] * Math.cos(a) - k[2 * i + 1] * Math.sin(a)) + q[2 * i + 1] * (k[2 * i] * Math.sin(a) + k[2 * i + 1] * Math.cos(a));
    }
    return s;
  };
  for (const bad of [interleaved, (q: number[], k: number[], d: number, b: number) => half(q, k, d, b, undefined, true),
    (q: number[], k: number[], d: number, b: number) => half(q, k, d, b, (i, n) => -i / n)]) {
    const v = await kontrolVerdict('5.1', bad);
    assert.equal(v.status, 'yanlis');
    assert.match(what(v), /skor tutmuyor/);
  }
});

/** The criterion of the notebook, written as a learner would. */
function criterion(ours: Float32Array, ref: Float32Array, V: number): boolean {
  let maxDiff = 0, maxAbs = 0;
  for (let i = 0; i < ref.length; i++) { maxDiff = Math.max(maxDiff, Math.abs(ours[i] - ref[i])); maxAbs = Math.max(maxAbs, Math.abs(ref[i])); }
  if (maxDiff / maxAbs >= 1e-4) return false;
  for (let t = 0; t < ref.length / V; t++) {
    const r = Array.from(ref.subarray(t * V, (t + 1) * V)), o = Array.from(ours.subarray(t * V, (t + 1) * V));
    const best = r.indexOf(Math.max(...r));
    const margin = r[best] - Math.max(...r.filter((_, j) => j !== best));
    if (margin > 2e-4 * maxAbs && o.indexOf(Math.max(...o)) !== best) return false;
  }
  return true;
}
const top1Everywhere = (ours: Float32Array, ref: Float32Array, V: number) => {
  for (let t = 0; t < ref.length / V; t++) {
    const r = Array.from(ref.subarray(t * V, (t + 1) * V)), o = Array.from(ours.subarray(t * V, (t + 1) * V));
    if (r.indexOf(Math.max(...r)) !== o.indexOf(Math.max(...o))) return false;
  }
  return true;
};

test('5.2: the relative criterion is ✓; an absolute threshold, top-1 only and top-1 at every position are ✗', async () => {
  assert.equal((await kontrolVerdict('5.2', criterion)).status, 'dogru');
  const absolute = (o: Float32Array, r: Float32Array) => o.every((v, i) => Math.abs(v - r[i]) < 1e-4);
  assert.match(what(await kontrolVerdict('5.2', absolute)), /büyük ölçekli .* geçmeliydi, fonksiyon false döndü/);
  assert.match(what(await kontrolVerdict('5.2', top1Everywhere)), /2·10⁻³ oynamış, top-1 aynı" durumunda ölçüt kalmalıydı/);
  assert.match(what(await kontrolVerdict('5.2', (o: Float32Array, r: Float32Array, V: number) => criterion(o, r, V) && top1Everywhere(o, r, V))),
    /neredeyse berabere .* geçmeliydi/);
  assert.match(what(await kontrolVerdict('5.2', (o: Float32Array, r: Float32Array) => o.every((v, i) => Math.abs(v - r[i]) < 1e-3))), /5·10⁻⁴ oynamış .* kalmalıydı/);
  const meanBased = (o: Float32Array, r: Float32Array) => { let d = 0, m = 0; r.forEach((v, i) => { d = Math.max(d, Math.abs(o[i] - v)); m += Math.abs(v) / r.length; }); return d / m < 1e-4; };
  assert.match(what(await kontrolVerdict('5.2', meanBased)), /çoğu logit küçük.*geçmeliydi/);
  assert.match(what(await kontrolVerdict('5.2', () => 'geçti')), /true ya da false bekleniyordu/);
});

test('5.3: least squares is ✓; a and b swapped, a line through the origin and a two-point slope are ✗', async () => {
  const fit = (x: number[], y: number[]) => {
    const n = x.length, mx = x.reduce((s, v) => s + v, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
    const b = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / x.reduce((s, v) => s + (v - mx) ** 2, 0);
    return { a: my - b * mx, b };
  };
  assert.equal((await kontrolVerdict('5.3', fit)).status, 'dogru');
  assert.match(what(await kontrolVerdict('5.3', (x: number[], y: number[]) => { const { a, b } = fit(x, y); return { a: b, b: a }; })), /yer değiştirmiş/);
  assert.match(what(await kontrolVerdict('5.3', (x: number[], y: number[]) => ({ a: 0, b: y.reduce((s, v, i) => s + v * x[i], 0) / x.reduce((s, v) => s + v * v, 0) }))), /eğim b tutmuyor/);
  assert.match(what(await kontrolVerdict('5.3', (x: number[], y: number[]) => { const b = (y.at(-1)! - y[0]) / (x.at(-1)! - x[0]); return { a: y[0] - b * x[0], b }; })), /tutmuyor/);
  assert.match(what(await kontrolVerdict('5.3', (x: number[]) => x.length)), /\{ a, b \} sayılarını içeren bir nesne/);
});

test('5.4: reciprocal rank fusion is ✓ (rank from 1 or 0); Borda counts, one ranking only and ascending order are ✗', async () => {
  const rrf = (lists: number[][], k = 60, first = 1) => {
    const s = new Map<number, number>();
    for (const l of lists) l.forEach((item, r) => s.set(item, (s.get(item) ?? 0) + 1 / (k + r + first)));
    return [...s.keys()].sort((a, b) => s.get(b)! - s.get(a)! || a - b);
  };
  assert.equal((await kontrolVerdict('5.4', rrf)).status, 'dogru');
  assert.equal((await kontrolVerdict('5.4', (l: number[][], k = 60) => rrf(l, k, 0))).status, 'dogru');
  const borda = (lists: number[][]) => {
    const s = new Map<number, number>();
    for (const l of lists) l.forEach((item, r) => s.set(item, (s.get(item) ?? 0) + r));
    return [...s.keys()].sort((a, b) => s.get(a)! - s.get(b)! || a - b);
  };
  assert.match(what(await kontrolVerdict('5.4', borda)), /sıra birleşik puana göre değil/);
  assert.equal((await kontrolVerdict('5.4', (lists: number[][]) => lists[0])).status, 'yanlis');
  assert.equal((await kontrolVerdict('5.4', (lists: number[][], k = 60) => rrf(lists, k).reverse())).status, 'yanlis');
  assert.match(what(await kontrolVerdict('5.4', (lists: number[][]) => lists[0].slice(1))), /her biri tam bir kez/);
});

test('5.5: 512·r parameters and trained held-out losses is ✓; all seven projections, one layer, r·d·d and an untrained adapter are ✗', async () => {
  const losses = { r1: 2.761, r4: 2.636, r16: 2.578 };
  const answer = (parametre: object, kayip: object = losses) => ({ parametre, kayip });
  assert.equal((await kontrolVerdict('5.5', answer({ r1: 512, r4: 2048, r16: 8192 }))).status, 'dogru');
  assert.match(what(await kontrolVerdict('5.5', answer({ r1: 2440, r4: 9760, r16: 39040 }))), /yedi projeksiyonun hepsinin/);
  assert.match(what(await kontrolVerdict('5.5', answer({ r1: 256, r4: 1024, r16: 4096 }))), /tek bir katmanın/);
  assert.match(what(await kontrolVerdict('5.5', answer({ r1: 16384, r4: 65536, r16: 262144 }))), /r · d_in · d_out/);
  assert.match(what(await kontrolVerdict('5.5', answer({ r1: 512, r4: 2048 }))), /parametre\.r16 için bir tam sayı/);
  // Counts typed in by hand without training: the loss stays at the base model's 2,892.
  assert.match(what(await kontrolVerdict('5.5', answer({ r1: 512, r4: 2048, r16: 8192 }, { r1: 2.892, r4: 2.892, r16: 2.892 }))), /aşağı inmemiş/);
  assert.match(what(await kontrolVerdict('5.5', answer({ r1: 512, r4: 2048, r16: 8192 }, { r1: 0.4, r4: 0.3, r16: 0.2 }))), /fazla düşük/);
  // §9's merged adapter left in place (≈ 2,32 on the held-out reviews) is not a q/v-only adapter's loss.
  assert.match(what(await kontrolVerdict('5.5', answer({ r1: 512, r4: 2048, r16: 8192 }, { r1: 2.33, r4: 2.32, r16: 2.32 }))), /geri yükleme/);
  assert.match(what(await kontrolVerdict('5.5', { r1: 512, r4: 2048, r16: 8192 })), /parametre anahtarında/);
  assert.match(what(await kontrolVerdict('5.5', [512, 2048, 8192])), /Bir nesne/);
});

test('no verdict of notebook 5 shows the expected numbers of 5.5 or a reference formula for 5.1', async () => {
  const v = what(await kontrolVerdict('5.5', { parametre: { r1: 1, r4: 2, r16: 3 }, kayip: { r1: 2, r4: 2, r16: 2 } }));
  assert.doesNotMatch(v, /512|2048|8192/);
});
