import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeTo, expectFunction, expectNumber, KONTROL_MIME, kontrolBundle, quizBundle, sameList } from '../exercises';
import { judge } from './kontrol';
import { checkQuiz } from './quiz';

const square = { title: 'Kare', check: (f: unknown) => expectFunction(f, { arity: 1, cases: [{ args: [3], judge: closeTo(9, 1e-9) }, { args: [-2], judge: closeTo(4, 1e-9) }], why: 'x·x her işaret için doğru.' }) };

test('a right function is ✓ with why; a wrong one names the failing input; a missing return says so', async () => {
  assert.deepEqual(await judge(square, (x: number) => x * x), { status: 'dogru', why: 'x·x her işaret için doğru.' });
  const wrongSign = await judge(square, (x: number) => (x > 0 ? x * x : -x * x));
  assert.equal(wrongSign.status, 'yanlis');
  assert.match((wrongSign as { what: string }).what, /\(-2\) girdisinde: 4 bekleniyordu, −4 döndü\./);
  assert.match(((await judge(square, (x: number) => { x * x; })) as { what: string }).what, /`return` eksik/);
  assert.match(((await judge(square, () => { throw new Error('boom'); })) as { what: string }).what, /\(3\) girdisinde hata verdi: boom/);
  assert.match(((await judge(square, (x: number) => { throw new Error(`boom ${x}`); })) as { what: string }).what, /\(3\) girdisinde hata verdi: boom 3/);
  assert.match(((await judge(square, 'x*x')) as { what: string }).what, /Bir fonksiyon bekleniyordu; gelen bir metin \(string\)/);
  assert.deepEqual((await judge(square, async (x: number) => x * x)).status, 'dogru');
});

test('an empty answer is "henüz"; a promise is awaited; NaN and wrong types are explained', async () => {
  const share = { title: 'Oran', check: (v: unknown) => expectNumber(v, { min: 0.4, max: 0.6, what: 'Oran', why: 'Yarıya yakın.' }) };
  assert.equal((await judge(share, undefined)).status, 'henuz');
  assert.match(((await judge(share, undefined)) as { what: string }).what, /Cevap `undefined`/);
  assert.equal((await judge(share, Promise.resolve(0.5))).status, 'dogru');
  assert.match(((await judge(share, Promise.reject(new Error('ağ yok')))) as { what: string }).what, /Promise hata verdi: ağ yok/);
  assert.match(((await judge(share, NaN)) as { what: string }).what, /Oran NaN çıktı/);
  assert.match(((await judge(share, '0.5')) as { what: string }).what, /bir sayı olmalı; gelen bir metin/);
  assert.match(((await judge(share, 0.75)) as { what: string }).what, /0,75 çıktı; 0,4 ile 0,6 arasında olmalıydı/);
  assert.equal(sameList(['a', 'b'])(['a', 'c']), '2. öğe "b" olmalıydı, "c" döndü.');
});

test('kontrolBundle carries the verdict for the harness, and never the expected answer in its text', () => {
  const b = kontrolBundle('1.2', 'Kare', { status: 'yanlis', what: 'fark' });
  assert.deepEqual(b[KONTROL_MIME], { id: '1.2', status: 'yanlis' });
  assert.match(String(b['text/plain']), /^✗ Alıştırma 1\.2 · Kare: henüz doğru değil\. fark Alıştırmanın ipucuna/);
  assert.match(String(kontrolBundle('1.2', 'Kare', { status: 'henuz' })['text/html']), /Henüz değil/);
});

test('a quiz shows every choice with its explanation, and refuses a malformed quiz', () => {
  const q = { question: '`softmax` neyi toplar?', choices: [{ text: 'Olasılıkları 1 yapar', correct: true, why: 'Üstelleri toplamına böler.' }, { text: 'Logit\'leri toplar', why: 'Toplam değil, normalleştirme.' }] };
  const html = String(quizBundle('3.1', checkQuiz('3.1', q))['text/html']);
  assert.equal((html.match(/<details>/g) ?? []).length, 2);
  assert.match(html, /<code>softmax<\/code>/);
  assert.match(html, /✓ Doğru\.<\/strong> Üstelleri/);
  assert.throws(() => checkQuiz('3.1', { ...q, choices: q.choices.map((c) => ({ ...c, correct: true })) }), /tam olarak bir seçenek/);
  assert.throws(() => checkQuiz('3.1', { question: 'x', choices: [q.choices[0]] }), /2 ile 8 arasında/);
});

// --- placeholders, tensors, sets, the registry ---
import { closeToTensor, kontrolVerdict, sameSet, yapilacak } from '../exercises';
import { NOTEBOOK_EXERCISES } from './checks/index';
import { initTf, tf } from '../tf';
import { before } from 'node:test';

before(async () => { await initTf({ quiet: true }); });

const FUNCTION_EXERCISES = ['0.1', '0.2', '1.4', '2.1', '2.4', '2.5', '2.6', '3.1', '3.4', '3.6', '4.1', '4.2', '4.3', '4.4', '4.5', '5.1', '5.2', '5.3', '5.4'];

test('an unfinished answer (yapilacak(), in a value, an object or a function body) is "henüz", never ✗', async () => {
  const share = { title: 'Oran', check: (v: unknown) => expectNumber(v, { min: 0, max: 1, what: 'Oran', why: '.' }) };
  assert.equal((await judge(share, yapilacak())).status, 'henuz');
  assert.equal((await judge(share, { a: 1, b: yapilacak() })).status, 'henuz');
  assert.equal((await judge(square, (_x: number) => yapilacak())).status, 'henuz');
  // Every exercise of the registry says "henüz" for the stored answer cells' placeholder.
  for (const nb of Object.values(NOTEBOOK_EXERCISES)) {
    for (const [id, check] of Object.entries(nb.checks)) {
      assert.equal((await judge(check, yapilacak())).status, 'henuz', id);
      // A function to be written, stored as `function f(…) { return yapilacak(); }`.
      const f = (..._args: unknown[]) => yapilacak();
      assert.equal((await judge(check, f)).status, FUNCTION_EXERCISES.includes(id) ? 'henuz' : 'yanlis', id);
    }
  }
});

test('a default parameter does not fail the arity check; too many required parameters does', async () => {
  assert.equal((await judge(square, (x: number, _unused = 2) => x * x)).status, 'dogru');
  assert.match(((await judge(square, (x: number, y: number) => x * y)) as { what: string }).what, /1 parametre almalı; sizinki 2 zorunlu/);
});

test('closeToTensor: shape first, then the worst value, for tf tensors and nested arrays; NaN and disposed tensors explained', () => {
  const judgeIt = closeToTensor([2, 2], [1, 2, 3, 4], 1e-6);
  assert.equal(judgeIt([[1, 2], [3, 4]]), null);
  assert.equal(judgeIt(tf.tensor2d([[1, 2], [3, 4]])), null);
  assert.match(String(judgeIt(tf.tensor1d([1, 2, 3, 4]))), /biçim \(shape\) \[2, 2\] olmalıydı, \[4\] döndü/);
  assert.match(String(judgeIt([[1, 2], [3, 4.5]])), /en büyük fark 0,5 \(4\. değerde/);
  assert.doesNotMatch(String(judgeIt([[1, 2], [3, 4.5]])), /\b4\b.*bekleniyordu/); // the expected values are not shown
  assert.match(String(judgeIt([[1, NaN], [3, 4]])), /2\. değer NaN/);
  const gone = tf.tensor2d([[1, 2], [3, 4]]);
  gone.dispose();
  assert.match(String(judgeIt(gone)), /silinmiş/);
  assert.match(String(judgeIt('1,2,3,4')), /tensör \(ya da sayı dizisi\) bekleniyordu, bir metin/);
});

test('sameSet ignores order and says how many items are missing or extra, without listing the missing ones', () => {
  const j = sameSet(['ab', 'bc', 'cd']);
  assert.equal(j(['cd', 'ab', 'bc']), null);
  assert.equal(j(['ab', 'bc']), '3 farklı öğe bekleniyordu, 2 geldi; 1 öğe eksik.');
  assert.match(String(j(['ab', 'bc', 'cd', 'xy'])), /1 öğe fazla \(örneğin "xy"\)/);
  assert.match(String(j('ab')), /bir dizi bekleniyordu/);
});

test('kontrol and quiz refuse an unknown or malformed id in Turkish, naming the known ones', async () => {
  await assert.rejects(kontrolVerdict('0.9', 1), /"0\.9" numaralı alıştırma yok \(bu defterdekiler: 0\.1, 0\.2/);
  await assert.rejects(kontrolVerdict('0_2' as string, 1), /numara '1\.2' gibi bir metin olmalı/);
  for (const nb of Object.values(NOTEBOOK_EXERCISES)) for (const [id, q] of Object.entries(nb.quizzes)) checkQuiz(id, q);
});

test('the checks of notebooks 0–2 accept right answers and explain wrong ones (cases that need no notebook state)', async () => {
  const noise = (counts: number[], p: number) => { const w = counts.map((n) => n ** p); const z = w.reduce((a, b) => a + b, 0); return w.map((x) => x / z); };
  assert.equal((await kontrolVerdict('0.1', noise)).status, 'dogru');
  assert.match(((await kontrolVerdict('0.1', (c: number[], _p: number) => c)) as { what: string }).what, /^\(\[8, 4, 2, 1\], 1\) girdisinde: biçim doğru, ama değerler tutmuyor/);
  assert.equal((await kontrolVerdict('0.3', ['ap', 'x'])).status, 'yanlis');
  assert.equal((await kontrolVerdict('0.6', '1200')).status, 'yanlis');
  assert.equal((await kontrolVerdict('2.3', { b1: 1 / (1 + Math.exp(-1)) ** 50 })).status, 'yanlis');
  const rule = (v: number[]) => v.length >= 3 && v.at(-1)! > v.at(-2)! && v.at(-2)! > v.at(-3)!;
  assert.equal((await kontrolVerdict('2.4', rule)).status, 'dogru');
  assert.match(((await kontrolVerdict('2.4', (v: number[]) => v.at(-1)! > v.at(-2)!)) as { what: string }).what, /devam etmeliydi|durmalıydı/);
  const mutating = (w: number[], h: number, f: (w: number[]) => number) => Array.from({ length: h }, () => { const p = f(w); w.shift(); w.push(p); return p; });
  assert.match(((await kontrolVerdict('2.5', mutating)) as { what: string }).what, /girdi penceresini değiştirdiniz/);
  assert.equal((await kontrolVerdict('2.5', (w: number[], h: number, f: (w: number[]) => number) => mutating([...w], h, f))).status, 'dogru');
  assert.match(((await kontrolVerdict('1.3', { '0,9': 1e-3, '1,0': 2, '1,1': 3 })) as { what: string }).what, /s = 1,0 için oran 2 çıktı/);
  const rows = (first: number[]) => [first, ...Array.from({ length: 447 }, (_, i) => [i + 2, ...Array(23).fill(0)])]; // [448, 24]
  // Made-up ids in the right shape and padding are refused (lib/exercises/checks/1.test.ts has the real rows).
  assert.match(((await kontrolVerdict('1.2', tf.tensor2d(rows([5, 6, ...Array(22).fill(0)])))) as { what: string }).what, /satır eğitim yorumlarını tutmuyor/);
  assert.match(((await kontrolVerdict('1.2', tf.tensor2d(rows([...Array(22).fill(0), 5, 6])))) as { what: string }).what, /baştan dolgu/);
  assert.match(((await kontrolVerdict('1.2', tf.tensor2d([[1, 2], [3, 0]]))) as { what: string }).what, /Biçim \[448, 24\] olmalı/);
  assert.match(((await kontrolVerdict('1.2', rows([5, NaN, ...Array(22).fill(0)]))) as { what: string }).what, /NaN, kesirli ya da negatif/);
  assert.equal((await kontrolVerdict('1.3', { '0,9': 3.0e-4, '1,0': 0.0117, '1,1': 0.141 })).status, 'dogru');
  assert.match(((await kontrolVerdict('1.3', { '0,9': 0.9 ** 49, '1,0': 1, '1,1': 1.1 ** 49 })) as { what: string }).what, /tohumlu deneyinin ölçtüğü değere uymuyor/);
  assert.match(((await kontrolVerdict('1.3', { '0.9': 3.0e-4 })) as { what: string }).what, /'0,9' anahtarı yok/);
  // 2.1 with a hard-sigmoid step against tf.layers.lstm, and the exact-sigmoid step as the negative control.
  const step = (gate: (z: tf.Tensor) => tf.Tensor) => (x: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D, w: { kernel: tf.Tensor2D; recurrentKernel: tf.Tensor2D; bias: tf.Tensor1D }) => tf.tidy(() => {
    const [zi, zf, zc, zo] = tf.split(x.matMul(w.kernel).add(h.matMul(w.recurrentKernel)).add(w.bias), 4, 1);
    const cNext = gate(zf).mul(c).add(gate(zi).mul(tf.tanh(zc))) as tf.Tensor2D;
    return { h: gate(zo).mul(tf.tanh(cNext)) as tf.Tensor2D, c: cNext };
  });
  const before = tf.memory().numTensors;
  assert.equal((await kontrolVerdict('2.1', step((z) => tf.clipByValue(z.mul(0.2).add(0.5), 0, 1)))).status, 'dogru');
  assert.match(((await kontrolVerdict('2.1', step((z) => tf.sigmoid(z)))) as { what: string }).what, /en büyük fark/);
  assert.equal(tf.memory().numTensors, before); // the check disposes what it made and what the step returned
});
