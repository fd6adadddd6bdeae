/**
 * Numbers as Turkish readers write them, in one place for everything lib/ shows learners (tables,
 * progress lines, chart labels) and for the notebooks' own printed sentences: a decimal comma
 * (0,95), the percent sign in front (%86,3), groups of three digits separated by dots from five
 * digits on (57.000; 1509 stays 1509, as TDK's spelling guide writes four-digit numbers), and
 * tiny or huge magnitudes as 1,2·10⁻⁴. Code stays code: these are for text, never for parsing.
 * Introduced in 0_Word_Embeddings.ipynb.
 */
import { checkNumber, shown } from '../validate';

export interface NumberFormat {
  /** Digits after the comma (default 2). */
  digits?: number;
  /** Drop trailing zeros after the comma ("0,50" → "0,5"; default false). */
  trim?: boolean;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

function groupThousands(integerPart: string): string {
  return integerPart.length <= 4 ? integerPart : integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `x` with a decimal comma: formatNumber(0.9512) → "0,95", formatNumber(57000, { digits: 0 }) → "57.000". */
export function formatNumber(x: number, options: NumberFormat = {}): string {
  if (typeof x !== 'number') throw new TypeError(`formatNumber: x bir sayı olmalı; verilen: ${shown(x)}.`);
  const digits = checkNumber(options.digits ?? 2, 'formatNumber: digits', { min: 0, max: 20, integer: true });
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const abs = Math.abs(x);
  // A tiny value that `digits` would round to zero (or one too long to read) is written in powers of ten.
  if (abs !== 0 && ((abs < 1e-3 && abs < 0.5 * 10 ** -digits) || abs >= 1e15)) return inPowersOfTen(x, 3, true);
  let text = abs.toFixed(digits);
  if (options.trim && text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  const [integerPart, fraction] = text.split('.');
  const sign = x < 0 && Number(text) !== 0 ? '−' : '';
  return `${sign}${groupThousands(integerPart)}${fraction === undefined ? '' : `,${fraction}`}`;
}

/**
 * `x` (finite, not 0) in powers of ten with `significant` significant digits: inPowersOfTen(0.000103, 3, true) →
 * "1,03·10⁻⁴"; with `trim`, trailing zeros of the mantissa go (0.035 → "3,5·10⁻²").
 */
function inPowersOfTen(x: number, significant: number, trim: boolean): string {
  const [mantissa, exponent] = x.toExponential(significant - 1).split('e');
  const m = formatNumber(Number(mantissa), { digits: significant - 1, trim });
  return `${m}·10${String(Number(exponent)).replace(/./g, (c) => SUPERSCRIPT[c])}`;
}

/**
 * `x` with `significant` significant digits (default 3): 0,0117 · 1,05 · 33,0 · 422 inside 0,001 … 10⁴, powers of ten
 * outside (5,54·10⁻¹⁶, 4,25·10⁸), for tables whose values span many orders of magnitude. Introduced in 1_RNN.ipynb.
 */
export function formatSignificant(x: number, significant = 3): string {
  if (typeof x !== 'number') throw new TypeError(`formatSignificant: x bir sayı olmalı; verilen: ${shown(x)}.`);
  checkNumber(significant, 'formatSignificant: significant', { min: 1, max: 15, integer: true });
  if (x === 0) return '0';   // exactly zero, not "0,00": no digits were measured
  if (!Number.isFinite(x)) return formatNumber(x);
  const n = Math.floor(Math.log10(Math.abs(x)));
  if (n >= -3 && n < 4) return formatNumber(x, { digits: Math.max(0, significant - 1 - n) });
  return inPowersOfTen(x, significant, false);
}

/** A fraction as a Turkish percentage: formatPercent(0.863) → "%86,3"; formatPercent(0.5, 0) → "%50". */
export function formatPercent(fraction: number, digits = 1): string {
  if (typeof fraction !== 'number') throw new TypeError(`formatPercent: fraction bir sayı olmalı; verilen: ${shown(fraction)}.`);
  if (!Number.isFinite(fraction)) return formatNumber(fraction);
  const text = formatNumber(100 * fraction, { digits });
  return text.startsWith('−') ? `−%${text.slice(1)}` : `%${text}`;
}

/** Seconds as a progress line shows them: "12,3 sn", "2 dk 5 sn". */
export function formatSeconds(seconds: number): string {
  checkNumber(seconds, 'formatSeconds(seconds)', { min: 0 });
  if (seconds < 60) return `${formatNumber(seconds, { digits: 1 })} sn`;
  const m = Math.floor(seconds / 60);
  return `${m} dk ${Math.round(seconds - 60 * m)} sn`;
}
