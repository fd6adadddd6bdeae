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
  assert.match(((await judge(square, () => { throw new Error('boom'); })) as { what: string }).what, /0 parametre/);
  assert.match(((await judge(square, (x: number) => { throw new Error(`boom ${x}`); })) as { what: string }).what, /\(3\) girdisinde hata verdi: boom 3/);
  assert.match(((await judge(square, 'x*x')) as { what: string }).what, /Bir fonksiyon bekleniyordu; gelen bir metin \(string\)/);
  assert.deepEqual((await judge(square, async (x: number) => x * x)).status, 'dogru');
});

test('an empty answer is "henüz"; a promise is awaited; NaN and wrong types are explained', async () => {
  const share = { title: 'Oran', check: (v: unknown) => expectNumber(v, { min: 0.4, max: 0.6, what: 'Oran', why: 'Yarıya yakın.' }) };
  assert.deepEqual(await judge(share, undefined), { status: 'henuz' });
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
  assert.throws(() => checkQuiz('3.1', { ...q, choices: q.choices.map((c) => ({ ...c, correct: true })) }), /exactly one choice/);
  assert.throws(() => checkQuiz('3.1', { question: 'x', choices: [q.choices[0]] }), /2 to 8 choices/);
});
