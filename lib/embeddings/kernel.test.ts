import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from '../random';
import { trainSentences } from './kernel';
import { instantiateSimdKernel, simdKernelModule } from './simd';
import { ngramBuckets } from './subwords';
import { TrainingMemory } from './training-memory';
import { buildVocabulary, encodeCorpus } from './vocab';
import { topicSentences } from './fixtures/topics';

/** Two identical training memories: one for the TypeScript kernel, one for the SIMD kernel. */
function twinMemories(skipGram: boolean, fastText: boolean) {
  const sentences = topicSentences();
  const vocab = buildVocabulary(sentences, 1);
  const corpus = encodeCorpus(sentences, vocab);
  const V = vocab.words.length;
  const buckets = 500;
  let subwords: { starts: Int32Array; rows: Int32Array } | null = null;
  if (fastText) {
    const starts = new Int32Array(V + 1);
    const rows: number[] = [];
    vocab.words.forEach((word, w) => {
      starts[w] = rows.length;
      rows.push(w, ...ngramBuckets(word, 3, 6, buckets).map((b) => V + b));
    });
    starts[V] = rows.length;
    subwords = { starts, rows: Int32Array.from(rows) };
  }
  const layout = {
    dim: 10, // not a multiple of 4: the SIMD rows are padded to 12
    vocabSize: V,
    numInputRows: fastText ? V + buckets : V,
    counts: vocab.counts,
    subwords,
    threads: 1,
    window: 3,
    negative: 4,
    skipGram,
    sample: 1e-2,
    lr: 0.05,
    minLr: 0.0001,
    epochs: 1,
  };
  const make = () => {
    const memory = new TrainingMemory(corpus, layout, mulberry32(11));
    memory.setThreadState(0, 12345);
    return memory;
  };
  return { js: make(), simd: make(), numSentences: corpus.sentenceEnds.length };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('SIMD kernel (kernel-simd.wat) against the TypeScript kernel (kernel.ts)', () => {
  for (const skipGram of [true, false]) {
    for (const fastText of [false, true]) {
      it(`makes the same draws and updates: ${skipGram ? 'skip-gram' : 'CBOW'}${fastText ? ' + subwords' : ''}`, async () => {
        const { js, simd, numSentences } = twinMemories(skipGram, fastText);
        const until = Math.min(numSentences, 40);
        const state = new Float64Array([12345, 0]);
        trainSentences(js.jsJob(0), 0, until, state);
        const train = instantiateSimdKernel(await simdKernelModule(), simd.memory);
        train(simd.jobOffsets[0], 0, until);

        // Same random draws: the generators end in the same state having drawn the same count.
        assert.equal(simd.threadState(0).rng, state[0] | 0);
        assert.equal(simd.threadState(0).pending, state[1]);
        // Same updates, up to float32 vs float64 rounding of intermediate results.
        const changed = maxAbsDiff(js.syn1neg, new Float32Array(js.syn1neg.length));
        assert.ok(changed > 1e-3, `training changed the output vectors (max ${changed})`);
        assert.ok(maxAbsDiff(js.syn0, simd.syn0) < 1e-5, `syn0 differs by ${maxAbsDiff(js.syn0, simd.syn0)}`);
        assert.ok(maxAbsDiff(js.syn1neg, simd.syn1neg) < 1e-5, `syn1neg differs by ${maxAbsDiff(js.syn1neg, simd.syn1neg)}`);
        // Row padding stays zero.
        for (let row = 0; row < 5; row++) {
          assert.equal(simd.syn0[row * simd.stride + 10], 0);
          assert.equal(simd.syn1neg[row * simd.stride + 11], 0);
        }
      });
    }
  }
});
