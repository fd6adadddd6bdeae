/**
 * The one home of lib/'s seeded random numbers. Two generator families live here, each kept
 * because notebooks' seeded outputs (splits, t-SNE layouts, initial weights, figures) depend on
 * its exact stream — replacing one by the other would change every seeded result:
 * - `mulberry32` (Tommy Ettinger, public domain): explicit generators for data preparation
 *   (shuffling, splitting, sampling, the data generators in data/generators/);
 * - `makeRandom` (sfc32, Chris Doty-Humphrey's Small Fast Counter as in PractRand, seeded through
 *   splitmix32): the generator `setSeed` (lib/tf/seed) installs as `Math.random` for tfjs.
 * Neither is for cryptography. One `permutation`/`shuffleInPlace` (Fisher–Yates) serves both.
 * Internal module: lib/text and lib/tf re-export what learners use.
 */
import { checkNumber, isArray, shown } from './validate';

/** A source of floats uniformly distributed in [0, 1). */
export type Rng = () => number;

/**
 * Mulberry32 generator seeded with an integer (reduced modulo 2^32).
 * Introduced in 1_RNN.ipynb (through `trainTestSplit`).
 *
 * @example const rng = mulberry32(42); rng() // same float on every run
 */
export function mulberry32(seed: number): Rng {
  checkNumber(seed, 'seed', { integer: true, hint: 'Bir tam sayı verin (ör. 42).' });
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded generator of floats in [0, 1) (sfc32), seeded with an integer. Introduced in 0_Word_Embeddings.ipynb. */
export function makeRandom(seed: number): Rng {
  checkNumber(seed, 'seed', { integer: true, hint: 'Bir tam sayı verin (ör. 42).' });
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // mix the initial state
  return next;
}

function checkRng(rng: unknown): asserts rng is Rng {
  if (typeof rng !== 'function') {
    throw new TypeError(`rng bir rastgele sayı üreteci (fonksiyon) olmalı; verilen: ${shown(rng)}. Örneğin mulberry32(42) verin.`);
  }
}

/** A uniform integer in [0, n). Introduced in 1_RNN.ipynb. */
export function randomInt(rng: Rng, n: number): number {
  checkRng(rng);
  checkNumber(n, 'n', { integer: true, min: 1 });
  return Math.floor(rng() * n);
}

/** Shuffles `items` in place (Fisher–Yates) and returns it. Introduced in 1_RNN.ipynb. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  if (!isArray(items)) throw new TypeError(`shuffleInPlace(items) bir dizi olmalı; verilen: ${shown(items)}.`);
  checkRng(rng);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/**
 * The integers 0..n-1 in random order. Without `rng` it draws from `Math.random`, which `setSeed`
 * (lib/tf) makes reproducible. Introduced in 1_RNN.ipynb.
 */
export function permutation(n: number, rng: Rng = Math.random): number[] {
  checkNumber(n, 'n', { integer: true, min: 0 });
  return shuffleInPlace(Array.from({ length: n }, (_, i) => i), rng);
}
