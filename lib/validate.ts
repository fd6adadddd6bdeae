/**
 * The one set of checks at lib/'s public boundary, shared by every area. Values arrive from notebook
 * cells, JSON, CSV or an earlier mistake (a NaN, a pasted page of text), so the static types are not
 * enough: each check throws one short Turkish error that names the argument, shows the value it got
 * (`shown`, cut to ~80 characters) and says what to give instead (issue 27's rule for learners).
 * Internal module (not re-exported from the area barrels).
 */

/** A value as it appears in an error message: strings quoted and cut to `max` characters. */
export function shown(value: unknown, max = 80): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (value === null || value === undefined) return String(value);
  else if (typeof value === 'function') return 'bir fonksiyon';
  else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const head = items.slice(0, 20).map((v) => (typeof v === 'number' ? String(v) : shown(v, 20)));
    text = `[${head.join(', ')}${items.length > 20 ? ', …' : ''}]`;
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}… (${text.length} karakter)` : text;
}

/** `Array.isArray` without the `any[]` it narrows to. */
export function isArray(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/** Allowed range of a number, for `checkNumber`. */
export interface NumberRange {
  min?: number;
  max?: number;
  /** min itself is not allowed (> instead of >=). */
  above?: boolean;
  /** max itself is not allowed (< instead of <=). */
  below?: boolean;
  integer?: boolean;
  /** What to do instead, when the default advice ("give a value in this range") is too vague. */
  hint?: string;
}

function rangeText(r: NumberRange): string {
  const kind = r.integer ? 'bir tam sayı' : 'sonlu bir sayı';
  const lo = r.min === undefined ? '' : `${r.above ? '>' : '≥'} ${r.min}`;
  const hi = r.max === undefined ? '' : `${r.below ? '<' : '≤'} ${r.max}`;
  const bounds = [lo, hi].filter(Boolean).join(' ve ');
  return bounds ? `${kind} (${bounds})` : kind;
}

/** `value` if it is a number in `range`, else a RangeError: "lr sonlu bir sayı (> 0) olmalı; verilen: NaN. …" */
export function checkNumber(value: unknown, name: string, range: NumberRange = {}): number {
  const ok = typeof value === 'number' && Number.isFinite(value) &&
    (!range.integer || Number.isInteger(value)) &&
    (range.min === undefined || (range.above ? value > range.min : value >= range.min)) &&
    (range.max === undefined || (range.below ? value < range.max : value <= range.max));
  if (!ok) {
    const advice = range.hint ?? 'Bu koşula uyan bir değer verin.';
    throw new RangeError(`${name} ${rangeText(range)} olmalı; verilen: ${shown(value)}. ${advice}`);
  }
  return value as number;
}

/** Throws unless every entry of `values` is a finite number; names the first one that is not. */
export function checkFinite(values: ArrayLike<number>, name: string): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new TypeError(`${name} bir sayı dizisi olmalı; verilen: ${shown(values)}.`);
  }
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number' || !Number.isFinite(values[i])) {
      throw new RangeError(
        `${name}[${i}] sonlu bir sayı olmalı; verilen: ${shown(values[i])}. NaN/Infinity genellikle önceki bir adımdaki hatadan gelir (ör. ıraksayan eğitim).`,
      );
    }
  }
}

/** Throws unless `value` is a string. */
export function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} bir metin (string) olmalı; verilen: ${shown(value)}.`);
  }
}

/** Throws unless `value` is an array of strings. */
export function assertStringArray(value: unknown, name: string): asserts value is readonly string[] {
  if (typeof value === 'string') {
    throw new TypeError(`${name} metinlerden oluşan bir dizi olmalı; verilen tek bir metin: ${shown(value)}. Diziye sarın: [metin].`);
  }
  if (!isArray(value)) {
    throw new TypeError(`${name} metinlerden oluşan bir dizi olmalı; verilen: ${shown(value)}.`);
  }
  value.forEach((item, i) => assertString(item, `${name}[${i}]`));
}

/** Throws unless `value` is an array of arrays of finite numbers (token index sequences). */
export function assertSequences(value: unknown, name: string): asserts value is readonly (readonly number[])[] {
  if (!isArray(value)) {
    throw new TypeError(`${name} sayı dizilerinden oluşan bir dizi olmalı (ör. [[1, 2], [3]]); verilen: ${shown(value)}.`);
  }
  value.forEach((seq, i) => {
    if (!isArray(seq)) {
      throw new TypeError(`${name}[${i}] bir sayı dizisi olmalı; verilen: ${shown(seq)}.`);
    }
    seq.forEach((item, j) => {
      if (typeof item !== 'number' || !Number.isFinite(item)) {
        throw new TypeError(`${name}[${i}][${j}] sonlu bir sayı olmalı; verilen: ${shown(item)}.`);
      }
    });
  });
}

/** Throws unless `value` is one of `allowed`. */
export function assertOneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const list = allowed.map((a) => `'${a}'`).join(', ');
    throw new RangeError(`${name} şunlardan biri olmalı: ${list}; verilen: ${shown(value)}.`);
  }
}

/** Throws unless `value` is a plain object (not null, not an array). */
export function assertObject<T>(value: T, name: string): asserts value is T & Record<string, unknown> {
  if (typeof value !== 'object' || value === null || isArray(value)) {
    throw new TypeError(`${name} bir nesne olmalı (ör. { … }); verilen: ${shown(value)}.`);
  }
}

/** The parts of a tf.Tensor the checks look at (duck-typed, so this module needs no tfjs). */
interface TensorLike {
  shape: number[];
  dtype: string;
  rank: number;
  isDisposed: boolean;
}

/** Throws unless `value` is a live tf.Tensor (of rank `rank`, when given). */
export function assertTensor(value: unknown, name: string, rank?: number): asserts value is TensorLike {
  const t = value as TensorLike | null;
  if (t === null || typeof t !== 'object' || !Array.isArray(t.shape) || typeof t.dtype !== 'string') {
    throw new TypeError(`${name} bir tf.Tensor olmalı (ör. tf.tensor2d(dizi)); verilen: ${shown(value)}.`);
  }
  if (t.isDisposed) throw new Error(`${name} tensörü serbest bırakılmış (dispose edilmiş); yeniden oluşturun.`);
  if (rank !== undefined && t.rank !== rank) {
    throw new RangeError(`${name} ${rank} boyutlu bir tensör olmalı; verilen şekil: [${t.shape.join(', ')}].`);
  }
}
