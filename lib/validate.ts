/**
 * Checks at lib/'s public boundary, shared by its areas. Values arrive from notebook cells, JSON
 * or an earlier mistake (a NaN, a pasted page of text), so each check throws one short error that
 * names the argument, shows the value (shortened to ~80 characters) and says what is allowed.
 * Internal module (not re-exported).
 */

/** A value as it appears in an error message: strings quoted and cut to `max` characters. */
export function shown(value: unknown, max = 80): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (value === null || value === undefined) return String(value);
  else if (typeof value === 'function') return 'a function';
  else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    text = `[${items.slice(0, 20).map((v) => (typeof v === 'number' ? String(v) : shown(v, 20))).join(', ')}${items.length > 20 ? ', …' : ''}]`;
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}… (${text.length} characters)` : text;
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
}

function rangeText(r: NumberRange): string {
  const kind = r.integer ? 'an integer' : 'a finite number';
  const lo = r.min === undefined ? '' : `${r.above ? '>' : '>='} ${r.min}`;
  const hi = r.max === undefined ? '' : `${r.below ? '<' : '<='} ${r.max}`;
  return [kind, [lo, hi].filter(Boolean).join(' and ')].filter(Boolean).join(' ');
}

/** `value` if it is a number in `range`, else a RangeError: "lr must be a finite number > 0, got NaN." */
export function checkNumber(value: unknown, name: string, range: NumberRange = {}): number {
  const ok = typeof value === 'number' && Number.isFinite(value) &&
    (!range.integer || Number.isInteger(value)) &&
    (range.min === undefined || (range.above ? value > range.min : value >= range.min)) &&
    (range.max === undefined || (range.below ? value < range.max : value <= range.max));
  if (!ok) throw new RangeError(`${name} must be ${rangeText(range)}, got ${shown(value)}.`);
  return value as number;
}

/** Throws unless every entry of `values` is a finite number; names the first one that is not. */
export function checkFinite(values: ArrayLike<number>, name: string): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new TypeError(`${name} must be an array of numbers, got ${shown(values)}.`);
  }
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number' || !Number.isFinite(values[i])) {
      throw new RangeError(`${name}[${i}] must be a finite number, got ${shown(values[i])}.`);
    }
  }
}
