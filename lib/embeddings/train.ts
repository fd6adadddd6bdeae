/**
 * Training Word2Vec (Mikolov et al. 2013, "Efficient Estimation of Word Representations in Vector
 * Space" and "Distributed Representations of Words and Phrases and their Compositionality") and
 * FastText (Bojanowski et al. 2017) with negative sampling, as the original word2vec.c tool and
 * gensim do it. Defaults are gensim's (Word2Vec / FastText classes), except FastText's `buckets`.
 *
 * Pipeline: vocabulary (vocab.ts) -> corpus as word ids -> tables (tables.ts) in one shared memory
 * (training-memory.ts) -> the kernel (kernel.ts, or its SIMD twin kernel-simd.wat) over all
 * sentences for `epochs` passes -> vectors (vectors.ts).
 */
import { mulberry32 } from '../random';
import { flushProgress, trainSentences } from './kernel';
import { instantiateSimdKernel, simdKernelModule } from './simd';
import { runSimdWorkers, splitSentences } from './simd-workers';
import { assertNgramRange, DEFAULT_MAX_N, DEFAULT_MIN_N, ngramBuckets } from './subwords';
import { TrainingMemory } from './training-memory';
import { FastTextVectors, WordVectors } from './vectors';
import type { TrainingStats } from './vectors';
import { buildVocabulary, encodeCorpus } from './vocab';
import type { EncodedCorpus, Vocabulary } from './vocab';
import { checkNumber, shown } from '../validate';

/**
 * CBOW predicts a word from the mean of its context; skip-gram predicts each context word from the word.
 * Introduced in 0_Word_Embeddings.ipynb.
 */
export type Architecture = 'cbow' | 'skipgram';

/**
 * 'simd': WebAssembly SIMD kernel (kernel-simd.wat), 1 or more threads. 'js': the TypeScript
 * reference kernel (kernel.ts), one thread, about 10x slower, the same algorithm.
 * Introduced in 0_Word_Embeddings.ipynb.
 */
export type Backend = 'simd' | 'js';

/** Reported to `onProgress` during training. Introduced in 0_Word_Embeddings.ipynb. */
export interface TrainingProgress {
  /** 1-based epoch being trained. */
  epoch: number;
  epochs: number;
  /** Words processed so far (words kept by minCount, all epochs and threads). */
  wordsDone: number;
  totalWords: number;
  /** wordsDone / totalWords, 0..1. */
  fraction: number;
  /** Current learning rate. */
  lr: number;
  seconds: number;
  wordsPerSecond: number;
}

/** Options of `trainWord2Vec`. Defaults are gensim's. Introduced in 0_Word_Embeddings.ipynb. */
export interface Word2VecOptions {
  /** Default 'cbow' (word2vec.c and gensim default to CBOW). */
  architecture?: Architecture;
  /** Vector size. Default 100. */
  dim?: number;
  /** Maximum distance between the word and a context word. Default 5. */
  window?: number;
  /** Noise words drawn per positive example. Default 5. */
  negative?: number;
  /** Passes over the corpus. Default 5. */
  epochs?: number;
  /** Words seen fewer times are dropped. Default 5. */
  minCount?: number;
  /** Subsampling threshold for frequent words (0 = off). Default 1e-3. */
  sample?: number;
  /** Initial learning rate, decayed linearly to `minLr`. Default 0.025. */
  lr?: number;
  /** Default 0.0001. */
  minLr?: number;
  /** Seeds initial vectors and every random draw. Default 1. */
  seed?: number;
  /** Threads. Default 1: exactly reproducible. More threads are faster but not bit-reproducible. */
  workers?: number;
  /** Default 'simd'. */
  backend?: Backend;
  /** Called about every 100 ms, after each epoch (one thread) and once at the end. */
  onProgress?: (progress: TrainingProgress) => void;
}

/** Options of `trainFastText`: Word2Vec's plus the subword settings. Introduced in 0_Word_Embeddings.ipynb. */
export interface FastTextOptions extends Word2VecOptions {
  /** Shortest character n-gram. Default 3. */
  minN?: number;
  /** Longest character n-gram. Default 6. */
  maxN?: number;
  /**
   * Hash buckets for n-grams. Default 200 000 (gensim and fastText use 2 000 000: 800 MB of
   * float32 at dim 100; a corpus of this course's size has far fewer distinct n-grams).
   */
  buckets?: number;
}

const DEFAULTS = {
  architecture: 'cbow' as Architecture,
  dim: 100,
  window: 5,
  negative: 5,
  epochs: 5,
  minCount: 5,
  sample: 1e-3,
  lr: 0.025,
  minLr: 0.0001,
  seed: 1,
  workers: 1,
  backend: 'simd' as Backend,
  minN: DEFAULT_MIN_N,
  maxN: DEFAULT_MAX_N,
  buckets: 200_000,
};

type ResolvedOptions = typeof DEFAULTS & { onProgress?: (progress: TrainingProgress) => void };

/** Sentences per kernel call: small enough for ~100 ms progress ticks, and repeated calls let V8
 * move the WebAssembly function from its baseline compiler to the optimizing one. */
const SENTENCES_PER_CALL = 64;

/**
 * Trains Word2Vec (CBOW or skip-gram, negative sampling) on tokenized sentences.
 * Introduced in 0_Word_Embeddings.ipynb.
 *
 * @example
 * const sentences = loadEmbeddingCorpus().map((line) => words(line));
 * const model = await trainWord2Vec(sentences, { architecture: 'skipgram', epochs: 10 });
 * model.mostSimilar('kral', 5);
 */
export async function trainWord2Vec(sentences: string[][], options: Word2VecOptions = {}): Promise<WordVectors> {
  const o = resolveOptions(options, false);
  const vocab = buildVocabulary(sentences, o.minCount);
  const corpus = encodeCorpus(sentences, vocab);
  const { memory, stats } = await runTraining(corpus, vocab, o, null);
  const vectors = new Float32Array(vocab.words.length * o.dim); // [vocabSize * dim]
  for (let w = 0; w < vocab.words.length; w++) vectors.set(memory.inputRow(w), w * o.dim);
  return new WordVectors(vocab.words, vectors, o.dim, { counts: vocab.counts, minCount: o.minCount, stats });
}

/**
 * Trains FastText: Word2Vec whose input vectors are the mean of the word's own vector and its
 * character n-gram vectors, so that any word, also one never seen, gets a vector.
 * Introduced in 0_Word_Embeddings.ipynb.
 *
 * @example
 * const ft = await trainFastText(sentences, { architecture: 'skipgram' });
 * ft.mostSimilar('kitaplarımızdan', 5); // an unseen word: its n-grams still have vectors
 */
export async function trainFastText(sentences: string[][], options: FastTextOptions = {}): Promise<FastTextVectors> {
  const o = resolveOptions(options, true);
  const vocab = buildVocabulary(sentences, o.minCount);
  const corpus = encodeCorpus(sentences, vocab);
  const vocabSize = vocab.words.length;
  // Input rows of word w: its own row w, then row vocabSize + b for each n-gram bucket b.
  const starts = new Int32Array(vocabSize + 1);
  const rows: number[] = [];
  for (let w = 0; w < vocabSize; w++) {
    starts[w] = rows.length;
    rows.push(w);
    for (const b of ngramBuckets(vocab.words[w], o.minN, o.maxN, o.buckets)) rows.push(vocabSize + b);
  }
  starts[vocabSize] = rows.length;
  const { memory, stats } = await runTraining(corpus, vocab, o, { starts, rows: Int32Array.from(rows) });

  const dim = o.dim;
  const vectors = new Float32Array(vocabSize * dim); // [vocabSize * dim]: mean of each word's rows
  for (let w = 0; w < vocabSize; w++) {
    const target = vectors.subarray(w * dim, (w + 1) * dim);
    for (let r = starts[w]; r < starts[w + 1]; r++) {
      const row = memory.inputRow(rows[r]);
      for (let c = 0; c < dim; c++) target[c] += row[c];
    }
    const inv = 1 / (starts[w + 1] - starts[w]);
    for (let c = 0; c < dim; c++) target[c] *= inv;
  }
  const ngramVectors = new Float32Array(o.buckets * dim); // [buckets * dim]
  for (let b = 0; b < o.buckets; b++) ngramVectors.set(memory.inputRow(vocabSize + b), b * dim);
  return new FastTextVectors(vocab.words, vectors, dim, ngramVectors, {
    minN: o.minN,
    maxN: o.maxN,
    buckets: o.buckets,
    counts: vocab.counts,
    minCount: o.minCount,
    stats,
  });
}

async function runTraining(
  corpus: EncodedCorpus,
  vocab: Vocabulary,
  o: ResolvedOptions,
  subwords: { starts: Int32Array; rows: Int32Array } | null,
): Promise<{ memory: TrainingMemory; stats: TrainingStats }> {
  const vocabSize = vocab.words.length;
  const threads = Math.min(o.workers, Math.max(1, corpus.sentenceEnds.length));
  const random = mulberry32(o.seed);
  const memory = new TrainingMemory(
    corpus,
    {
      dim: o.dim,
      vocabSize,
      numInputRows: subwords ? vocabSize + o.buckets : vocabSize,
      counts: vocab.counts,
      subwords,
      threads,
      window: o.window,
      negative: o.negative,
      skipGram: o.architecture === 'skipgram',
      sample: o.sample,
      lr: o.lr,
      minLr: o.minLr,
      epochs: o.epochs,
    },
    random,
  );
  for (let t = 0; t < threads; t++) memory.setThreadState(t, Math.floor(random() * 4294967296));

  const epochWords = corpus.tokens.length;
  const totalWords = epochWords * o.epochs;
  const numSentences = corpus.sentenceEnds.length;
  // Assembling the SIMD kernel (first call only) is not training time.
  const simdModule = o.backend === 'simd' ? await simdKernelModule() : null;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const report = (extraWords = 0) => {
    if (!o.onProgress) return;
    const wordsDone = Math.min(totalWords, Atomics.load(memory.progress, 0) + extraWords);
    const seconds = (performance.now() - started) / 1000;
    const fraction = wordsDone / totalWords;
    o.onProgress({
      epoch: Math.min(o.epochs, Math.floor(wordsDone / epochWords) + 1),
      epochs: o.epochs,
      wordsDone,
      totalWords,
      fraction,
      lr: Math.max(o.minLr, o.lr - (o.lr - o.minLr) * fraction),
      seconds,
      wordsPerSecond: seconds > 0 ? wordsDone / seconds : 0,
    });
  };

  if (simdModule !== null && threads > 1) {
    const shares = splitSentences(corpus.sentenceEnds, threads).map(([from, to], t) => ({
      jobOffset: memory.jobOffsets[t],
      from,
      to,
    }));
    await runSimdWorkers(simdModule, memory.memory, shares, o.epochs, SENTENCES_PER_CALL, () => report());
  } else {
    // One thread, on this thread: chunked so that progress can be shown; exactly reproducible.
    if (simdModule === null) {
      const job = memory.jsJob(0);
      const state = new Float64Array([memory.threadState(0).rng, 0]); // [rng, uncounted words]
      await runChunks(numSentences, o.epochs, (from, to) => trainSentences(job, from, to, state), () => report(state[1]));
      flushProgress(job, state);
    } else {
      const train = instantiateSimdKernel(simdModule, memory.memory);
      const jobOffset = memory.jobOffsets[0];
      await runChunks(numSentences, o.epochs, (from, to) => train(jobOffset, from, to), () =>
        report(memory.threadState(0).pending),
      );
    }
  }
  memory.flushPending();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  report();
  const stats: TrainingStats = {
    architecture: o.architecture,
    backend: o.backend,
    workers: threads,
    epochs: o.epochs,
    vocabSize,
    corpusWords: vocab.corpusWords,
    trainedWords: totalWords,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wordsPerSecond: seconds > 0 ? (vocab.corpusWords * o.epochs) / seconds : Infinity,
  };
  return { memory, stats };
}

/**
 * Calls `step` over all sentences `epochs` times. Every ~100 ms and after each epoch it calls
 * `onTick` and yields to the event loop, so that a notebook can redraw a progress display.
 */
async function runChunks(
  numSentences: number,
  epochs: number,
  step: (from: number, to: number) => void,
  onTick: () => void,
): Promise<void> {
  let lastTick = Date.now();
  const tick = async () => {
    onTick();
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastTick = Date.now();
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let s = 0; s < numSentences; s += SENTENCES_PER_CALL) {
      step(s, Math.min(numSentences, s + SENTENCES_PER_CALL));
      if (Date.now() - lastTick >= 100) await tick();
    }
    if (epoch < epochs - 1) await tick(); // the last one is reported by the caller, complete
  }
}

function resolveOptions(options: FastTextOptions, fastText: boolean): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options bir nesne olmalı (ör. { dim: 50, epochs: 5 }); verilen: ${shown(options)}.`);
  }
  const known = new Set([...Object.keys(DEFAULTS), 'onProgress']);
  for (const key of Object.keys(options)) {
    if (!known.has(key) || (!fastText && ['minN', 'maxN', 'buckets'].includes(key))) {
      throw new TypeError(
        `${fastText ? 'trainFastText' : 'trainWord2Vec'} için bilinmeyen seçenek: ${shown(key)}. Bilinen seçenekler: ${[...known].join(', ')}.` +
          (!fastText && ['minN', 'maxN', 'buckets'].includes(key) ? ' Alt-kelime seçenekleri trainFastText içindir.' : ''),
      );
    }
  }
  const o: ResolvedOptions = { ...DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (o as Record<string, unknown>)[key] = value;
  }
  const positiveInt = (name: keyof typeof DEFAULTS, value: unknown, min = 1) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw new RangeError(`${name} bir tam sayı (≥ ${min}) olmalı; verilen: ${shown(value)}.`);
    }
  };
  if (o.architecture !== 'cbow' && o.architecture !== 'skipgram') {
    throw new TypeError(`architecture 'cbow' ya da 'skipgram' olmalı; verilen: ${shown(o.architecture)}.`);
  }
  if (o.backend !== 'simd' && o.backend !== 'js') {
    throw new TypeError(`backend 'simd' ya da 'js' olmalı; verilen: ${shown(o.backend)}.`);
  }
  positiveInt('dim', o.dim);
  positiveInt('window', o.window);
  positiveInt('negative', o.negative);
  positiveInt('epochs', o.epochs);
  positiveInt('minCount', o.minCount);
  positiveInt('workers', o.workers);
  checkNumber(o.seed, 'seed', { integer: true, hint: 'Bir tam sayı verin (ör. 1).' });
  checkNumber(o.sample, 'sample', { min: 0 });
  // word2vec.c and gensim use 0.025 (skip-gram) to 0.05 (CBOW); above 1 the updates diverge to NaN.
  checkNumber(o.lr, 'lr', { min: 0, above: true, max: 1 });
  checkNumber(o.minLr, 'minLr', { min: 0, max: o.lr });
  if (o.backend === 'js' && o.workers > 1) {
    throw new RangeError("backend 'js' tek iş parçacığında eğitir; workers > 1 için backend 'simd' kullanın.");
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new TypeError(`onProgress bir fonksiyon olmalı; verilen: ${shown(o.onProgress)}.`);
  }
  if (fastText) {
    assertNgramRange(o.minN, o.maxN);
    positiveInt('buckets', o.buckets);
  }
  return o;
}
