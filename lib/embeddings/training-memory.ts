/**
 * One shared WebAssembly memory holding everything a training run touches: corpus ids, weights,
 * lookup tables and per-thread scratch. Both kernels work on it: the SIMD kernel through byte
 * offsets (each thread's instance imports the same memory, Hogwild-style like word2vec.c's
 * pthreads), the TypeScript kernel through typed-array views of the same bytes.
 *
 * Internal to lib/embeddings: used by trainWord2Vec / trainFastText (0_Word_Embeddings.ipynb).
 */
import type { KernelJob } from './kernel';
import { buildAliasTable, buildExpTable, buildKeepThresholds } from './tables';
import { EXP_TABLE_SIZE } from './kernel';
import { WASM_PAGE_BYTES, webAssembly } from '../wasm';
import type { WasmMemory } from '../wasm';
import type { EncodedCorpus } from './vocab';

/** Byte offsets inside a thread's job block; the WAT kernel reads the same offsets. */
const JOB = {
  tokens: 0, sentenceEnds: 4, syn0: 8, syn1neg: 12, inputRowStarts: 16, inputRows: 20, keepThreshold: 24,
  aliasProb: 28, aliasIndex: 32, expTable: 36, progress: 40, neu1: 44, work: 48, sentence: 52, rowScratch: 56,
  stride: 60, window: 64, negative: 68, skipGram: 72, useSubsampling: 76, rng: 80, pending: 84,
  lr: 88, minLr: 96, totalWords: 104, negScale: 112, bytes: 120,
} as const;
export { JOB as JOB_OFFSETS };

/** What a training run needs besides the corpus. */
export interface TrainingLayout {
  dim: number;
  vocabSize: number;
  /** vocabSize for Word2Vec; vocabSize + buckets for FastText. */
  numInputRows: number;
  counts: number[];
  /** FastText: input rows of word w are rows[starts[w] .. starts[w+1]). */
  subwords: { starts: Int32Array; rows: Int32Array } | null;
  threads: number;
  window: number;
  negative: number;
  skipGram: boolean;
  sample: number;
  lr: number;
  minLr: number;
  epochs: number;
}

interface Region {
  offset: number;
  bytes: number;
}

/** The allocated memory with typed views of each region. */
export class TrainingMemory {
  readonly memory: WasmMemory;
  readonly dim: number;
  /** Floats per weight row: dim rounded up to a multiple of 4 (one SIMD vector). */
  readonly stride: number;
  readonly syn0: Float32Array; // [numInputRows * stride]
  readonly syn1neg: Float32Array; // [vocabSize * stride]
  readonly progress: Int32Array; // [1]
  /** Byte offset of each thread's job block. */
  readonly jobOffsets: number[];
  private readonly jsJobs: KernelJob[];

  constructor(corpus: EncodedCorpus, layout: TrainingLayout, initRandom: () => number) {
    const { dim, vocabSize, numInputRows, threads, window } = layout;
    const stride = Math.ceil(dim / 4) * 4;
    const maxRowsPerWord = layout.subwords === null ? 1 : maxRowsOfAnyWord(layout.subwords.starts);

    // Regions, 16-byte aligned (one SIMD vector); offset 0 stays unused so that 0 can mean "none".
    // Each thread's scratch starts on its own 128-byte boundary, so that two threads never write
    // to the same cache line through their scratch (false sharing).
    let top = 64;
    const region = (bytes: number, align = 16): Region => {
      top = Math.ceil(top / align) * align;
      const r = { offset: top, bytes };
      top += Math.ceil(bytes / 16) * 16;
      return r;
    };
    const tokensR = region(corpus.tokens.length * 4);
    const endsR = region(corpus.sentenceEnds.length * 4);
    const syn0R = region(numInputRows * stride * 4);
    const syn1R = region(vocabSize * stride * 4);
    const startsR = layout.subwords ? region(layout.subwords.starts.length * 4) : null;
    const rowsR = layout.subwords ? region(layout.subwords.rows.length * 4) : null;
    const keepR = region(vocabSize * 8);
    const aliasProbR = region(vocabSize * 8);
    const aliasIndexR = region(vocabSize * 4);
    const expR = region(EXP_TABLE_SIZE * 4);
    const progressR = region(16);
    const perThread = Array.from({ length: threads }, () => ({
      job: region(JOB.bytes, 128),
      neu1: region(stride * 4),
      work: region(stride * 4),
      sentence: region(Math.max(1, corpus.maxSentenceLength) * 4),
      rowScratch: region(2 * window * maxRowsPerWord * 4),
    }));
    top = Math.ceil(top / 128) * 128;
    if (top > 2 ** 31) {
      throw new RangeError(
        `Eğitim ${(top / 2 ** 30).toFixed(1)} GiB bellek istiyor (numInputRows=${numInputRows} x dim=${dim}); ` +
          'bu uygulama en çok 2 GiB destekler. dim değerini ya da FastText için buckets değerini düşürün.',
      );
    }
    const pages = Math.ceil(top / WASM_PAGE_BYTES);
    this.memory = new (webAssembly().Memory)({ initial: pages, maximum: pages, shared: true });
    const buffer = this.memory.buffer;
    const f32 = (r: Region) => new Float32Array(buffer, r.offset, r.bytes / 4);
    const i32 = (r: Region) => new Int32Array(buffer, r.offset, r.bytes / 4);

    this.dim = dim;
    this.stride = stride;
    i32(tokensR).set(corpus.tokens);
    i32(endsR).set(corpus.sentenceEnds);
    this.syn0 = f32(syn0R);
    this.syn1neg = f32(syn1R); // zeros, as in word2vec.c and gensim
    // Input rows start uniform in [-0.5/dim, 0.5/dim) (word2vec.c); the padding floats stay 0.
    for (let row = 0; row < numInputRows; row++) {
      for (let c = 0; c < dim; c++) this.syn0[row * stride + c] = (initRandom() - 0.5) / dim;
    }
    const inputRowStarts = startsR && layout.subwords ? i32(startsR) : null;
    const inputRows = rowsR && layout.subwords ? i32(rowsR) : null;
    if (inputRowStarts && inputRows && layout.subwords) {
      inputRowStarts.set(layout.subwords.starts);
      inputRows.set(layout.subwords.rows);
    }
    const keepThreshold = new Float64Array(buffer, keepR.offset, vocabSize);
    buildKeepThresholds(layout.counts, layout.sample, keepThreshold);
    const alias = buildAliasTable(layout.counts, 0.75, {
      prob: new Float64Array(buffer, aliasProbR.offset, vocabSize),
      alias: new Int32Array(buffer, aliasIndexR.offset, vocabSize),
    });
    const expTable = f32(expR);
    expTable.set(buildExpTable());
    this.progress = new Int32Array(buffer, progressR.offset, 1);

    const totalWords = corpus.tokens.length * layout.epochs;
    if (totalWords > 2 ** 31 - 1) {
      throw new RangeError(`epochs x derlem kelime sayısı = ${totalWords}, 2^31 - 1 sınırını aşıyor; daha az epoch ya da daha küçük bir derlemle eğitin.`);
    }
    this.jobOffsets = perThread.map((t) => t.job.offset);
    this.jsJobs = perThread.map((t) => {
      const ints = new Int32Array(buffer, t.job.offset, JOB.bytes / 4);
      const floats = new Float64Array(buffer, t.job.offset, JOB.bytes / 8);
      const set = (field: keyof typeof JOB, value: number) => (ints[JOB[field] / 4] = value);
      set('tokens', tokensR.offset);
      set('sentenceEnds', endsR.offset);
      set('syn0', syn0R.offset);
      set('syn1neg', syn1R.offset);
      set('inputRowStarts', startsR ? startsR.offset : 0);
      set('inputRows', rowsR ? rowsR.offset : 0);
      set('keepThreshold', keepR.offset);
      set('aliasProb', aliasProbR.offset);
      set('aliasIndex', aliasIndexR.offset);
      set('expTable', expR.offset);
      set('progress', progressR.offset);
      set('neu1', t.neu1.offset);
      set('work', t.work.offset);
      set('sentence', t.sentence.offset);
      set('rowScratch', t.rowScratch.offset);
      set('stride', stride);
      set('window', window);
      set('negative', layout.negative);
      set('skipGram', layout.skipGram ? 1 : 0);
      set('useSubsampling', layout.sample > 0 ? 1 : 0);
      set('rng', 0);
      set('pending', 0);
      floats[JOB.lr / 8] = layout.lr;
      floats[JOB.minLr / 8] = layout.minLr;
      floats[JOB.totalWords / 8] = totalWords;
      floats[JOB.negScale / 8] = vocabSize / 4294967296;
      return {
        tokens: i32(tokensR),
        sentenceEnds: i32(endsR),
        syn0: this.syn0,
        syn1neg: this.syn1neg,
        inputRowStarts,
        inputRows,
        keepThreshold,
        aliasProb: alias.prob,
        aliasIndex: alias.alias,
        expTable,
        progress: this.progress,
        neu1: f32(t.neu1),
        work: f32(t.work),
        sentence: i32(t.sentence),
        rowScratch: i32(t.rowScratch),
        dim,
        stride,
        window,
        negative: layout.negative,
        skipGram: layout.skipGram,
        useSubsampling: layout.sample > 0,
        lr: layout.lr,
        minLr: layout.minLr,
        totalWords,
      };
    });
  }

  /** The typed-array view of thread `thread`'s job, for the TypeScript kernel. */
  jsJob(thread: number): KernelJob {
    return this.jsJobs[thread];
  }

  /** A thread's random state (uint32) and uncounted words, as both kernels keep them. */
  setThreadState(thread: number, rng: number, pending = 0): void {
    const ints = new Int32Array(this.memory.buffer, this.jobOffsets[thread], JOB.bytes / 4);
    ints[JOB.rng / 4] = rng | 0;
    ints[JOB.pending / 4] = pending;
  }

  threadState(thread: number): { rng: number; pending: number } {
    const ints = new Int32Array(this.memory.buffer, this.jobOffsets[thread], JOB.bytes / 4);
    return { rng: ints[JOB.rng / 4], pending: ints[JOB.pending / 4] };
  }

  /** Adds every thread's uncounted words to the progress counter. */
  flushPending(): void {
    for (let t = 0; t < this.jobOffsets.length; t++) {
      const { rng, pending } = this.threadState(t);
      if (pending > 0) Atomics.add(this.progress, 0, pending);
      this.setThreadState(t, rng, 0);
    }
  }

  /** Row `row` of the input matrix, without padding. [dim] */
  inputRow(row: number): Float32Array {
    return this.syn0.subarray(row * this.stride, row * this.stride + this.dim);
  }
}

function maxRowsOfAnyWord(starts: Int32Array): number {
  let max = 1;
  for (let w = 0; w + 1 < starts.length; w++) max = Math.max(max, starts[w + 1] - starts[w]);
  return max;
}
