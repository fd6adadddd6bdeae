/**
 * Helpers for lib/tf's unit tests (not part of the notebook API): comparing tensors and arrays.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';

/** Largest |a - b| over two equally long arrays (NaN if they differ in length or hold NaN). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return NaN;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Asserts same shape and values within `tol` · max(1, max|expected|). */
export function assertTensorsClose(actual: tf.Tensor, expected: tf.Tensor, tol: number, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const e = expected.dataSync();
  let scale = 1;
  for (let i = 0; i < e.length; i++) scale = Math.max(scale, Math.abs(e[i]));
  const diff = maxAbsDiff(actual.dataSync(), e);
  assert.ok(diff <= tol * scale, `${what}: max |diff| ${diff} > ${tol * scale}`);
}

/** Deterministic pseudo-random floats in [-1, 1) (a 32-bit LCG), for test inputs. */
export function testValues(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2147483648 - 1;
  }
  return out;
}
