/**
 * Runtime checks shared by lib/text. Values often arrive from JSON, CSV or a notebook cell, so the
 * static types are not enough: every public function checks its input and names what was wrong.
 * Internal module (not re-exported from index.ts).
 */

/** `Array.isArray` without the `any[]` it narrows to. */
export function isArray(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/** A short description of a value for error messages: `a number (3)`, `null`, `an array`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (isArray(value)) return `an array of length ${value.length}`;
  switch (typeof value) {
    case 'string': {
      const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      return `a string (${JSON.stringify(shown)})`;
    }
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** Throws unless `value` is a string. */
export function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, got ${describe(value)}.`);
  }
}

/** Throws unless `value` is an array of strings; `fn` names the caller in the message. */
export function assertStringArray(value: unknown, name: string): asserts value is readonly string[] {
  if (typeof value === 'string') {
    throw new TypeError(`${name} must be an array of strings, got a single string. Wrap it in an array: [text].`);
  }
  if (!isArray(value)) {
    throw new TypeError(`${name} must be an array of strings, got ${describe(value)}.`);
  }
  value.forEach((item, i) => assertString(item, `${name}[${i}]`));
}

/** Throws unless `value` is an array of arrays of finite numbers (token index sequences). */
export function assertSequences(value: unknown, name: string): asserts value is readonly (readonly number[])[] {
  if (!isArray(value)) {
    throw new TypeError(`${name} must be an array of number arrays, got ${describe(value)}.`);
  }
  value.forEach((seq, i) => {
    if (!isArray(seq)) {
      throw new TypeError(`${name}[${i}] must be an array of numbers, got ${describe(seq)}.`);
    }
    seq.forEach((item, j) => {
      if (typeof item !== 'number' || !Number.isFinite(item)) {
        throw new TypeError(`${name}[${i}][${j}] must be a finite number, got ${describe(item)}.`);
      }
    });
  });
}

/** Throws unless `value` is an integer >= `min`. */
export function assertInteger(value: unknown, name: string, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${describe(value)}.`);
  }
}

/** Throws unless `value` is one of `allowed`. */
export function assertOneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const list = allowed.map((a) => `'${a}'`).join(' or ');
    throw new RangeError(`${name} must be ${list}, got ${describe(value)}.`);
  }
}

/** Throws unless `value` is a plain object (not null, not an array). */
export function assertObject<T>(value: T, name: string): asserts value is T & Record<string, unknown> {
  if (typeof value !== 'object' || value === null || isArray(value)) {
    throw new TypeError(`${name} must be an object, got ${describe(value)}.`);
  }
}

/** Orders strings by Unicode code point, as Python and NumPy do (JS `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return (ca.done ? 0 : 1) - (cb.done ? 0 : 1);
    const diff = (ca.value.codePointAt(0) ?? 0) - (cb.value.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
}
