/**
 * A seeded random number generator for the samplers: Mersenne Twister MT19937 (Matsumoto and
 * Nishimura, 1998) seeded the way Python's `random.seed(n)` seeds it (init_by_array with the
 * integer's 32-bit words), and `random()` built from two 32-bit draws with 53 bits of precision,
 * as Python's `random.random()`. transformers.js 4.x's exported `random` is the same generator, so
 * `new SeededRandom(7)` and `random.seed(7)` give the same floats: our sampler and transformers.js's
 * `generate` then draw the same tokens. Introduced in 4_gpt_transformers.ipynb.
 */

const N = 624;
const M = 397;

/** Floats uniformly distributed in [0, 1), reproducible from a seed. */
export class SeededRandom {
  private readonly mt = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new Error(`seed negatif olmayan bir tam sayı olmalı (ör. 42); verilen: ${String(seed)}.`);
    }
    this.seed(seed);
  }

  private seed(n: number): void {
    const mt = this.mt;
    const mul = (a: number, b: number) => Math.imul(a, b) >>> 0;
    // The seed's 32-bit words, least significant first (Python's init_by_array key).
    const key: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 0x100000000)) key.push(v % 0x100000000);
    if (key.length === 0) key.push(0);
    mt[0] = 19650218;
    for (let k = 1; k < N; k++) mt[k] = (mul(1812433253, mt[k - 1] ^ (mt[k - 1] >>> 30)) + k) >>> 0;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = ((mt[i] ^ mul(mt[i - 1] ^ (mt[i - 1] >>> 30), 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      mt[i] = ((mt[i] ^ mul(mt[i - 1] ^ (mt[i - 1] >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
    }
    mt[0] = 0x80000000; // a non-zero initial state
    this.index = N;
  }

  /** The next tempered 32-bit output. */
  private nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
        mt[k] = (mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A float in [0, 1) with 53 random bits: (a·2^26 + b) / 2^53 with a 27 and b 26 bits. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
