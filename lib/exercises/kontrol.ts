/**
 * `kontrol`: immediate, kind feedback on an exercise answer, in Turkish — ✓ with why it is right, ✗
 * with what differs (a failing example input, a shape, a number outside the range) and a nudge back to
 * the hint, or "henüz değil" while the answer cell is still empty. Never the solution itself: the
 * checks live in lib/exercises/checks/, not in the notebook, so reading the exercise cell gives nothing
 * away. The verdict is also sent as `application/vnd.dl-kontrol+json` so that the test harness can
 * require every check to pass with the reference solutions (solutions/) and to say "henüz" without them.
 * Introduced in 0_Word_Embeddings.ipynb.
 */
import { escapeHtml, MimeBundle } from '../display/bundle';
import { formatNumber } from '../display/numbers';
import { shown } from '../validate';

export type KontrolStatus = 'dogru' | 'yanlis' | 'henuz';

/** What a check decides: right (and why), wrong (and what differs), or not answered yet. */
export type Verdict = { status: 'dogru'; why: string } | { status: 'yanlis'; what: string } | { status: 'henuz'; what?: string };

export interface ExerciseCheck {
  /** One line naming the exercise, e.g. "Kosinüs benzerliği fonksiyonu". */
  title: string;
  /** Judges the (awaited) answer; may be async (it may train a little, load a model…). */
  check: (answer: unknown) => Verdict | Promise<Verdict>;
}

export const KONTROL_MIME = 'application/vnd.dl-kontrol+json';

export const right = (why: string): Verdict => ({ status: 'dogru', why });
export const notYet = (what?: string): Verdict => (what === undefined ? { status: 'henuz' } : { status: 'henuz', what });

/**
 * What an answer cell holds until the learner writes the answer: `const x: number[] = yapilacak();`
 * or, in a function to be written, `return yapilacak();`. kontrol says "henüz" for it (and for
 * `undefined`), so Run All on the stored notebook reaches every check without an error.
 */
const UNFINISHED: unique symbol = Symbol('yapılacak');

/** The placeholder of an answer not written yet (typed as anything, so that the empty cell type-checks). */
export function yapilacak(): never {
  return UNFINISHED as never;
}

/** True for the placeholder itself, or an array / plain object holding it at its top level. */
export function isUnfinished(value: unknown): boolean {
  if (value === UNFINISHED) return true;
  if (Array.isArray(value)) return value.some((v) => v === UNFINISHED);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as Record<string, unknown>).some((v) => v === UNFINISHED);
  }
  return false;
}
export const wrong = (what: string): Verdict => ({ status: 'yanlis', what });

/** The kind of a value as a learner would name it ("bir sayı", "bir metin (string)", "undefined"). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `bir dizi (${value.length} öğe)`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'bir sayı';
  if (typeof value === 'string') return 'bir metin (string)';
  if (typeof value === 'boolean') return 'bir mantıksal değer (boolean)';
  if (typeof value === 'function') return 'bir fonksiyon';
  if (typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') return 'bir Promise';
  if (typeof value === 'object' && Array.isArray((value as { shape?: unknown }).shape) && typeof (value as { dataSync?: unknown }).dataSync === 'function') {
    return `bir tensör [${(value as { shape: number[] }).shape.join(', ')}]`;
  }
  return 'bir nesne';
}

/** A number in [min, max] (or within `tol` of `near`): the usual check for a measured answer. */
export function expectNumber(answer: unknown, spec: { near?: number; tol?: number; min?: number; max?: number; what: string; why: string }): Verdict {
  if (typeof answer !== 'number') return wrong(`${spec.what} bir sayı olmalı; gelen ${kindOf(answer)}.`);
  if (!Number.isFinite(answer)) return wrong(`${spec.what} ${formatNumber(answer)} çıktı: hesapta bir sıfıra bölme ya da taşma olabilir.`);
  const lo = spec.near !== undefined ? spec.near - (spec.tol ?? 0) : spec.min ?? -Infinity;
  const hi = spec.near !== undefined ? spec.near + (spec.tol ?? 0) : spec.max ?? Infinity;
  if (answer < lo || answer > hi) {
    const range = Number.isFinite(lo) && Number.isFinite(hi) ? `${formatNumber(lo, { digits: 3, trim: true })} ile ${formatNumber(hi, { digits: 3, trim: true })} arasında` : Number.isFinite(lo) ? `${formatNumber(lo, { digits: 3, trim: true })} ya da daha büyük` : `${formatNumber(hi, { digits: 3, trim: true })} ya da daha küçük`;
    return wrong(`${spec.what} ${formatNumber(answer, { digits: 4, trim: true })} çıktı; ${range} olmalıydı.`);
  }
  return right(spec.why);
}

/** An argument of a hidden case as the learner will read it (a function or a tensor by its kind). */
function argText(arg: unknown): string {
  if (typeof arg === 'function') return 'bir fonksiyon';
  const t = tensorLike(arg);
  if (t !== null && !Array.isArray(arg)) return `tensör [${t.shape.join(', ')}]`;
  return shown(arg, 60);
}

/** One hidden case of a function exercise: the arguments, and a judge of the returned value (null = fine). */
export interface FunctionCase {
  args: unknown[];
  judge: (result: unknown) => string | null;
}

/**
 * Runs a learner's function on hidden cases; the first case it fails is shown (its input and what was
 * wrong), so the learner can reproduce it. Async functions are awaited.
 */
export async function expectFunction(answer: unknown, spec: { arity?: number; cases: FunctionCase[]; why: string }): Promise<Verdict> {
  if (typeof answer !== 'function') return wrong(`Bir fonksiyon bekleniyordu; gelen ${kindOf(answer)}.`);
  // Only too many required parameters is an error: a default value (p = 0.75) lowers `length` legitimately.
  if (spec.arity !== undefined && answer.length > spec.arity) {
    return wrong(`Fonksiyon ${spec.arity} parametre almalı; sizinki ${answer.length} zorunlu parametre bekliyor.`);
  }
  for (const c of spec.cases) {
    const input = c.args.map(argText).join(', ');
    let result: unknown;
    try {
      result = await (answer as (...args: unknown[]) => unknown)(...c.args);
    } catch (err) {
      return wrong(`Fonksiyonunuz (${input}) girdisinde hata verdi: ${(err as Error)?.message ?? String(err)}`);
    }
    if (isUnfinished(result)) return notYet('Fonksiyonun gövdesi henüz yazılmamış (`yapilacak()` duruyor): onu yazıp hücreyi yeniden çalıştırın.');
    if (result === undefined) return wrong(`Fonksiyonunuz (${input}) için bir şey döndürmedi: \`return\` eksik olabilir.`);
    const problem = c.judge(result);
    if (problem !== null) return wrong(`(${input}) girdisinde: ${problem}`);
  }
  return right(spec.why);
}

/** |a − b| ≤ tol for numbers, or "expected …, got …" as a learner-facing sentence. */
export function closeTo(expected: number, tol: number): (result: unknown) => string | null {
  return (result) => {
    if (typeof result !== 'number' || Number.isNaN(result)) return `bir sayı bekleniyordu, ${kindOf(result)} döndü.`;
    return Math.abs(result - expected) <= tol ? null : `${formatNumber(expected, { digits: 4, trim: true })} bekleniyordu, ${formatNumber(result, { digits: 4, trim: true })} döndü.`;
  };
}

/** The same array of strings/numbers, in order. */
export function sameList(expected: readonly (string | number)[]): (result: unknown) => string | null {
  return (result) => {
    if (!Array.isArray(result)) return `bir dizi bekleniyordu, ${kindOf(result)} döndü.`;
    if (result.length !== expected.length) return `${expected.length} öğe bekleniyordu, ${result.length} öğe döndü: ${shown(result, 80)}.`;
    const i = result.findIndex((v, k) => v !== expected[k]);
    return i < 0 ? null : `${i + 1}. öğe ${shown(expected[i])} olmalıydı, ${shown(result[i])} döndü.`;
  };
}

/** The same strings in any order (duplicates ignored): names one missing and one extra item. */
export function sameSet(expected: readonly string[]): (result: unknown) => string | null {
  return (result) => {
    if (!Array.isArray(result)) return `bir dizi bekleniyordu, ${kindOf(result)} döndü.`;
    const want = new Set(expected);
    const got = new Set(result.map((v) => (typeof v === 'string' ? v : shown(v))));
    const missing = [...want].filter((v) => !got.has(v));
    const extra = [...got].filter((v) => !want.has(v));
    if (missing.length === 0 && extra.length === 0) return null;
    const parts = [`${want.size} farklı öğe bekleniyordu, ${got.size} geldi`];
    if (missing.length) parts.push(`${missing.length} öğe eksik`);
    if (extra.length) parts.push(`${extra.length} öğe fazla (örneğin ${shown(extra[0])})`);
    return `${parts.join('; ')}.`;
  };
}

/** A tensor's (or nested array's) shape and values as plain arrays; null when it is neither. */
function tensorLike(value: unknown): { shape: number[]; values: number[] } | null {
  if (value !== null && typeof value === 'object' && Array.isArray((value as { shape?: unknown }).shape) &&
      typeof (value as { dataSync?: unknown }).dataSync === 'function') {
    const t = value as { shape: number[]; dataSync: () => ArrayLike<number>; isDisposed?: boolean };
    if (t.isDisposed) return { shape: t.shape, values: [Number.NaN] };
    return { shape: [...t.shape], values: Array.from(t.dataSync()) };
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const flat = Array.from(value as unknown as ArrayLike<number>);
    return { shape: [flat.length], values: flat };
  }
  if (!Array.isArray(value)) return null;
  const shape: number[] = [];
  for (let level: unknown = value; Array.isArray(level); level = level[0]) shape.push(level.length);
  const values = (value as unknown[]).flat(shape.length - 1 as 1);
  if (values.length !== shape.reduce((a, b) => a * b, 1) || values.some((v) => typeof v !== 'number')) return null;
  return { shape, values: values as number[] };
}

/** A tolerance as learners read it: 10⁻⁵ rather than 0,00001. */
function tolText(tol: number): string {
  const n = Math.log10(tol);
  if (Number.isInteger(n) && n < -2) return `10${String(n).replace(/./g, (c) => (c === '-' ? '⁻' : '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(c)]))}`;
  return formatNumber(tol, { digits: 6, trim: true });
}

/**
 * A tensor (tf.Tensor or nested arrays) of `shape` whose values are within `tol` of `expected`
 * (flat, row-major). A mismatch names the shape or the first differing position, not the expected values.
 */
export function closeToTensor(shape: readonly number[], expected: ArrayLike<number>, tol: number): (result: unknown) => string | null {
  return (result) => {
    const got = tensorLike(result);
    if (got === null) return `bir tensör (ya da sayı dizisi) bekleniyordu, ${kindOf(result)} döndü.`;
    if (got.shape.join(',') !== shape.join(',')) return `biçim (shape) [${shape.join(', ')}] olmalıydı, [${got.shape.join(', ')}] döndü.`;
    if (got.values.length === 1 && Number.isNaN(got.values[0]) && expected.length > 1) return 'tensör silinmiş (dispose edilmiş) döndü: onu `tf.tidy` dışında döndürün.';
    const nan = got.values.findIndex((v) => !Number.isFinite(v));
    if (nan >= 0) return `${nan + 1}. değer ${formatNumber(got.values[nan])}: bir yerde sıfıra bölme ya da taşma var.`;
    let worst = 0, at = -1;
    got.values.forEach((v, i) => { const d = Math.abs(v - expected[i]); if (d > worst) { worst = d; at = i; } });
    if (worst <= tol) return null;
    return `biçim doğru, ama değerler tutmuyor: en büyük fark ${formatNumber(worst, { digits: 4, trim: true })} (${at + 1}. değerde; izin verilen ${tolText(tol)}).`;
  };
}

function verdictLine(id: string, title: string, verdict: Verdict): { html: string; text: string } {
  const head = `Alıştırma ${id} · ${title}`;
  if (verdict.status === 'dogru') {
    return { text: `✓ ${head}: doğru. ${verdict.why}`, html: `<strong>✓ Doğru.</strong> ${escapeHtml(verdict.why)}` };
  }
  if (verdict.status === 'henuz') {
    const what = verdict.what ?? 'Cevap hücresi henüz boş: cevabınızı yazıp o hücreyi, sonra bu hücreyi çalıştırın.';
    return { text: `… ${head}: henüz değil. ${what}`, html: `<strong>… Henüz değil.</strong> ${escapeHtml(what)}` };
  }
  const nudge = 'Alıştırmanın ipucuna bir daha bakın ve yeniden deneyin.';
  return { text: `✗ ${head}: henüz doğru değil. ${verdict.what} ${nudge}`, html: `<strong>✗ Henüz doğru değil.</strong> ${escapeHtml(verdict.what)} <em>${nudge}</em>` };
}

// Colours meet WCAG AA (≥ 4.5:1) on white and are not the only signal: ✓ / ✗ / … and the words say it too.
const STYLE: Record<KontrolStatus, string> = {
  dogru: 'border-left:4px solid #1b7a3a;background:#eef8f1;color:#0f4d23',
  yanlis: 'border-left:4px solid #b3261e;background:#fdf0ef;color:#7a1a14',
  henuz: 'border-left:4px solid #5f6368;background:#f3f4f6;color:#303338',
};

/** The MIME bundle `kontrol` shows; exported for tests. */
export function kontrolBundle(id: string, title: string, verdict: Verdict): MimeBundle {
  const { html, text } = verdictLine(id, title, verdict);
  return {
    'text/html': `<div class="dl-kontrol" role="status" style="${STYLE[verdict.status]};padding:6px 10px;margin:4px 0"><span style="font-weight:600">Alıştırma ${escapeHtml(id)}</span> · ${escapeHtml(title)}<br>${html}</div>`,
    'text/plain': text,
    [KONTROL_MIME]: { id, status: verdict.status },
  };
}

/** Judges `answer` with `check` (awaiting promises, catching a check's own failure) into a verdict. */
export async function judge(check: ExerciseCheck, answer: unknown): Promise<Verdict> {
  let value = answer;
  if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') {
    try {
      value = await value;
    } catch (err) {
      return wrong(`Cevabınız olan Promise hata verdi: ${(err as Error)?.message ?? String(err)}`);
    }
  }
  if (isUnfinished(value)) return { status: 'henuz' };
  if (value === undefined) return notYet('Cevap `undefined`: cevap hücresi boş, çalıştırılmamış ya da yazdığınız ifade bir değer döndürmüyor (ör. `return` eksik).');
  try {
    return await check.check(value);
  } catch (err) {
    return wrong(`Cevabınız denetlenirken hata çıktı: ${(err as Error)?.message ?? String(err)}`);
  }
}
