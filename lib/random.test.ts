import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32, permutation, randomInt, shuffleInPlace } from './random';

const draw = (seed: number, n: number): number[] => {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => rng());
};

test('mulberry32: same seed, same stream; other seed, other stream', () => {
  assert.deepEqual(draw(42, 5), draw(42, 5));
  assert.notDeepEqual(draw(42, 5), draw(43, 5));
  assert.deepEqual(draw(-1, 3), draw(2 ** 32 - 1, 3)); // seeds are taken modulo 2^32
});

test('mulberry32 matches the reference algorithm', () => {
  // Values from an independent Python re-implementation of Tommy Ettinger's mulberry32 with
  // explicit 32-bit masks (checks Math.imul and the unsigned shifts).
  assert.deepEqual(draw(42, 3), [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  assert.deepEqual(draw(0, 3), [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
});

test('mulberry32: floats in [0, 1), roughly uniform', () => {
  const xs = draw(7, 20000);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
  const bins = new Array<number>(10).fill(0);
  for (const x of xs) bins[Math.floor(x * 10)] += 1;
  for (const b of bins) assert.ok(Math.abs(b - 2000) < 200, `bin count ${b}`);
});

test('randomInt stays in range and hits every value', () => {
  const rng = mulberry32(3);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const k = randomInt(rng, 6);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 6);
    seen.add(k);
  }
  assert.equal(seen.size, 6);
});

test('permutation and shuffleInPlace reorder without losing items', () => {
  const p = permutation(50, mulberry32(1));
  assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  assert.notDeepEqual(p, [...p].sort((a, b) => a - b));
  assert.deepEqual(permutation(50, mulberry32(1)), p);
  const items = ['a', 'b', 'c', 'd', 'e'];
  const same = shuffleInPlace(items, mulberry32(9));
  assert.equal(same, items);
  assert.deepEqual([...items].sort(), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(permutation(0, mulberry32(1)), []);
});

test('bad seeds and sizes throw with a message', () => {
  assert.throws(() => mulberry32(1.5), /seed bir tam sayı olmalı; verilen: 1\.5\. Bir tam sayı verin \(ör\. 42\)/);
  assert.throws(() => mulberry32('42' as unknown as number), /seed bir tam sayı olmalı; verilen: \"42\"/);
  assert.throws(() => randomInt(mulberry32(1), 0), /n bir tam sayı \(≥ 1\) olmalı/);
  assert.throws(() => permutation(-1, mulberry32(1)), /n bir tam sayı \(≥ 0\) olmalı/);
});
