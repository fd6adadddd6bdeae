import { test } from 'node:test';
import assert from 'node:assert/strict';
import { random } from '@huggingface/transformers';
import { SeededRandom } from './rng';

test('SeededRandom(42) starts as Python random.seed(42): random() = 0.6394267984578837', () => {
  assert.equal(new SeededRandom(42).random(), 0.6394267984578837);
});

test('SeededRandom draws exactly the floats of transformers.js random.Random, past the state refill (624 words)', () => {
  for (const seed of [0, 1, 7, 42, 2 ** 31 + 5, 2 ** 40 + 3]) {
    const ours = new SeededRandom(seed);
    const theirs = new random.Random(seed);
    for (let i = 0; i < 1500; i++) assert.equal(ours.random(), theirs.random(), `seed ${seed}, draw ${i}`);
  }
});

test('SeededRandom rejects a seed that is not a non-negative integer, naming it', () => {
  assert.throws(() => new SeededRandom(-1), /seed/);
  assert.throws(() => new SeededRandom(1.5), /seed/);
});
