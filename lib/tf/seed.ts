/**
 * One seed for everything random in a notebook, so that restart-and-run-all reproduces loss
 * curves exactly.
 *
 * tfjs draws from `Math.random` whenever no explicit seed is given: weight initializers without
 * `seed`, dropout masks, `tf.random*` ops, `tf.util.shuffle` (and so model.fit's shuffling). So
 * setSeed() installs a seeded generator as `Math.random` — the approach of seedrandom's
 * `Math.seedrandom()` — and lib/tf's own shuffles draw from it too. Generator: sfc32
 * (Chris Doty-Humphrey's Small Fast Counter, as in PractRand), seeded through splitmix32.
 *
 * Introduced in 0_Word_Embeddings.ipynb.
 */

const nativeRandom = Math.random;
let seeded: (() => number) | null = null;
let currentSeed: number | null = null;

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

/** A seeded generator of floats in [0, 1) (sfc32). */
export function makeRandom(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new Error(`makeRandom: seed must be a finite number, got ${seed}.`);
  const init = splitmix32(Math.trunc(seed));
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

/**
 * Makes every later random draw deterministic: tfjs initializers, dropout, tf.random* ops,
 * shuffles in model.fit and trainModel(). Call it at the top of a notebook (and again before a
 * cell that must reproduce a result on its own). Introduced in 0_Word_Embeddings.ipynb.
 */
export function setSeed(seed: number): void {
  if (!Number.isInteger(seed)) throw new Error(`setSeed: seed must be an integer, got ${seed}.`);
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

/** A random permutation of 0..n-1 (Fisher-Yates) drawn from random(). */
export function permutation(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
