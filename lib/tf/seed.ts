/**
 * One seed for everything random in a notebook, so that restart-and-run-all reproduces loss
 * curves exactly.
 *
 * tfjs draws from `Math.random` whenever no explicit seed is given: weight initializers without
 * `seed`, dropout masks, `tf.random*` ops, `tf.util.shuffle` (and so model.fit's shuffling). So
 * setSeed() installs a seeded generator as `Math.random` — the approach of seedrandom's
 * `Math.seedrandom()` — and lib/tf's own shuffles draw from it too. Generator: sfc32 (`makeRandom`
 * in lib/random.ts, the one home of lib/'s seeded generators).
 *
 * Introduced in 0_Word_Embeddings.ipynb.
 */

import { makeRandom } from '../random';
import { checkNumber } from '../validate';

const nativeRandom = Math.random;
let seeded: (() => number) | null = null;
let currentSeed: number | null = null;

/**
 * Makes every later random draw deterministic: tfjs initializers, dropout, tf.random* ops,
 * shuffles in model.fit and trainModel(). Call it at the top of a notebook (and again before a
 * cell that must reproduce a result on its own). Introduced in 0_Word_Embeddings.ipynb.
 */
export function setSeed(seed: number): void {
  checkNumber(seed, 'setSeed(seed)', { integer: true, hint: 'Bir tam sayı verin (ör. 42).' });
  seeded = makeRandom(seed);
  currentSeed = seed;
  Math.random = seeded;
}

/** The seed given to setSeed(), or null if randomness is not seeded. */
export function getSeed(): number | null {
  return currentSeed;
}

/** Puts the original, unseeded Math.random back. */
export function clearSeed(): void {
  seeded = null;
  currentSeed = null;
  Math.random = nativeRandom;
}

/** A float in [0, 1) from the seeded generator (or Math.random when no seed is set). */
export function random(): number {
  return (seeded ?? Math.random)();
}
