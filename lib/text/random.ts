/**
 * Seeded randomness for data preparation (shuffling, splitting), so a notebook gives the same
 * split on every run. Mulberry32 by Tommy Ettinger (public domain): a 32-bit state generator,
 * small and fast, good enough for shuffling data (not for cryptography).
 */
import { describe } from './validate';

/** A source of floats uniformly distributed in [0, 1). */
export type Rng = () => number;

/**
 * Mulberry32 generator seeded with a 32-bit integer (other integers are reduced modulo 2^32).
 * Introduced in 1_RNN.ipynb (through `trainTestSplit`).
 *
 * @example const rng = mulberry32(42); rng() // same float on every run
 */
export function mulberry32(seed: number): Rng {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new TypeError(`seed must be an integer (e.g. 42), got ${describe(seed)}.`);
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). Introduced in 1_RNN.ipynb. */
export function randomInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer >= 1, got ${describe(n)}.`);
  return Math.floor(rng() * n);
}

/** Shuffles `items` in place (Fisher–Yates) and returns it. Introduced in 1_RNN.ipynb. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/** The integers 0..n-1 in random order. Introduced in 1_RNN.ipynb. */
export function permutation(n: number, rng: Rng): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer >= 0, got ${describe(n)}.`);
  return shuffleInPlace(Array.from({ length: n }, (_, i) => i), rng);
}
