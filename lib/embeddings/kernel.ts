/**
 * The hot loop of Word2Vec / FastText training with negative sampling.
 *
 * Follows word2vec.c (Mikolov et al. 2013, https://code.google.com/archive/p/word2vec/) and
 * gensim's word2vec_inner.pyx / fasttext_inner.pyx:
 * - frequent-word subsampling decided on the fly with a keep threshold per word,
 * - a random "reduced window" b in [0, window) per centre word (nearer words are used more often),
 * - k negatives drawn from the unigram^0.75 distribution (an alias table), σ from a lookup table,
 * - CBOW uses the mean of the context rows and adds the error to every context row (cbow_mean=1),
 * - the learning rate decays linearly with the number of corpus words processed.
 * FastText (Bojanowski et al. 2017) changes only the input side: a word's input is the mean of its
 * own row and the rows of its hashed character n-grams, and the error is added to each of them.
 *
 * This is the readable reference version, run on the calling thread (`backend: 'js'`). The default
 * backend runs the same steps from kernel-simd.wat (WebAssembly SIMD, 4 floats per instruction):
 * JavaScript has no SIMD, and this loop trains skip-gram about 10x slower than the SIMD kernel and
 * about 4x slower than gensim (measured on data/embedding_corpus.txt, see bench/results.md).
 * kernel.test.ts checks that both kernels make the same updates. Nothing in here allocates.
 *
 * Internal to lib/embeddings: used by trainWord2Vec / trainFastText (0_Word_Embeddings.ipynb).
 */

/** Sigmoid table: EXP_TABLE_SIZE samples of σ(x) on [-MAX_EXP, MAX_EXP), as in word2vec.c. */
export const EXP_TABLE_SIZE = 1000;
export const MAX_EXP = 6;

/** Everything `trainSentences` reads and writes. Typed arrays may live on SharedArrayBuffers. */
export interface KernelJob {
  /** Word ids of the whole corpus, sentences concatenated; words below minCount already removed. */
  tokens: Int32Array;
  /** Exclusive end offset in `tokens` of each sentence. */
  sentenceEnds: Int32Array;
  /** Input vectors: vocabSize word rows, then (FastText) the n-gram bucket rows. [numInputRows * stride] */
  syn0: Float32Array;
  /** Output vectors used by negative sampling. [vocabSize * stride] */
  syn1neg: Float32Array;
  /** FastText only: input rows of word w are inputRows[inputRowStarts[w] .. inputRowStarts[w+1]). */
  inputRowStarts: Int32Array | null;
  inputRows: Int32Array | null;
  /** Keep word w if a uniform uint32 draw is below keepThreshold[w] (subsampling); [vocabSize] */
  keepThreshold: Float64Array;
  /** Alias table of the unigram^0.75 distribution (tables.ts). [vocabSize] each */
  aliasProb: Float64Array;
  aliasIndex: Int32Array;
  /** σ on the grid of EXP_TABLE_SIZE points. */
  expTable: Float32Array;
  /** progress[0]: corpus words processed by all threads so far (drives the learning rate). */
  progress: Int32Array;
  /** Scratch, one set per thread. */
  neu1: Float32Array; // [stride]
  work: Float32Array; // [stride]
  sentence: Int32Array; // [maxSentenceLen]
  rowScratch: Int32Array; // [2 * window * maxInputRowsPerWord]
  dim: number;
  /** Floats from one row to the next (>= dim; the SIMD kernel pads rows to a multiple of 4). */
  stride: number;
  window: number;
  negative: number;
  skipGram: boolean;
  useSubsampling: boolean;
  lr: number;
  minLr: number;
  /** epochs * corpus words: where the learning rate reaches minLr. */
  totalWords: number;
}

/**
 * Trains on sentences [from, to) of `job`. `state[0]` holds the thread's 32-bit LCG state and is
 * updated; `state[1]` accumulates words not yet added to `job.progress` (flushed every ~10k words
 * like word2vec.c, so threads rarely touch the shared counter).
 */
export function trainSentences(job: KernelJob, from: number, to: number, state: Float64Array): void {
  const tokens = job.tokens;
  const sentenceEnds = job.sentenceEnds;
  const syn0 = job.syn0;
  const syn1neg = job.syn1neg;
  const inputRowStarts = job.inputRowStarts;
  const inputRows = job.inputRows;
  const keepThreshold = job.keepThreshold;
  const aliasProb = job.aliasProb;
  const aliasIndex = job.aliasIndex;
  const expTable = job.expTable;
  const progress = job.progress;
  const neu1 = job.neu1;
  const work = job.work;
  const sentence = job.sentence;
  const rowScratch = job.rowScratch;
  const dim = job.dim | 0;
  const stride = job.stride | 0;
  const window = job.window | 0;
  const negative = job.negative | 0;
  const skipGram = job.skipGram;
  const useSubsampling = job.useSubsampling;
  const lr0 = job.lr;
  const minLr = job.minLr;
  const totalWords = job.totalWords;
  const subwords = inputRowStarts !== null && inputRows !== null;
  // One uint32 draw u gives both numbers the alias method needs: slot k = floor(x) and the
  // fraction x - k, where x = u * vocabSize / 2^32.
  const negScale = aliasProb.length / 4294967296;
  const expScale = EXP_TABLE_SIZE / MAX_EXP / 2;
  const maxExp = MAX_EXP;

  let rng = state[0] | 0;
  let pending = state[1];
  let alpha = lr0 - (lr0 - minLr) * (Atomics.load(progress, 0) / totalWords);
  if (alpha < minLr) alpha = minLr;

  for (let s = from; s < to; s++) {
    const start = s === 0 ? 0 : sentenceEnds[s - 1];
    const end = sentenceEnds[s];
    // 1. Subsample frequent words (Mikolov et al. 2013, eq. 5 as implemented in word2vec.c).
    let n = 0;
    for (let t = start; t < end; t++) {
      const w = tokens[t];
      if (useSubsampling) {
        rng = (Math.imul(rng, 1664525) + 1013904223) | 0;
        if (keepThreshold[w] <= rng >>> 0) continue;
      }
      sentence[n++] = w;
    }
    pending += end - start;
    if (pending >= 10000) {
      const done = Atomics.add(progress, 0, pending) + pending;
      pending = 0;
      alpha = lr0 - (lr0 - minLr) * (done / totalWords);
      if (alpha < minLr) alpha = minLr;
    }

    for (let i = 0; i < n; i++) {
      // 2. Reduced window: use window - b words on each side, b uniform in [0, window).
      rng = (Math.imul(rng, 1664525) + 1013904223) | 0;
      const b = ((rng >>> 16) % window) | 0;
      let lo = i - window + b;
      if (lo < 0) lo = 0;
      let hi = i + window + 1 - b;
      if (hi > n) hi = n;

      // 3. Each step below trains one (input rows -> target word) example. Skip-gram: one step per
      //    (centre, context) pair; CBOW: one step, all context words -> the centre word.
      const numSteps = skipGram ? hi - lo - 1 : 1;
      for (let step = 0; step < numSteps; step++) {
        let target: number;
        let numRows = 0;
        if (skipGram) {
          const j = lo + step + (lo + step >= i ? 1 : 0);
          if (subwords) {
            // fastText: the centre word's n-grams predict the context word.
            target = sentence[j];
            const w = sentence[i];
            for (let r = inputRowStarts[w], rEnd = inputRowStarts[w + 1]; r < rEnd; r++) rowScratch[numRows++] = inputRows[r];
          } else {
            // word2vec.c and gensim: the context word's vector predicts the centre word.
            target = sentence[i];
            rowScratch[numRows++] = sentence[j];
          }
        } else {
          target = sentence[i];
          for (let j = lo; j < hi; j++) {
            if (j === i) continue;
            const w = sentence[j];
            if (subwords) {
              for (let r = inputRowStarts[w], rEnd = inputRowStarts[w + 1]; r < rEnd; r++) rowScratch[numRows++] = inputRows[r];
            } else {
              rowScratch[numRows++] = w;
            }
          }
          if (numRows === 0) continue;
        }

        // 4. Hidden vector h: one input row is used in place; several are averaged into neu1.
        let h: Float32Array;
        let hOff: number;
        if (numRows === 1) {
          h = syn0;
          hOff = rowScratch[0] * stride;
        } else {
          h = neu1;
          hOff = 0;
          for (let c = 0; c < dim; c++) neu1[c] = 0;
          for (let r = 0; r < numRows; r++) {
            const off = rowScratch[r] * stride;
            for (let c = 0; c < dim; c++) neu1[c] += syn0[off + c];
          }
          const inv = 1 / numRows;
          for (let c = 0; c < dim; c++) neu1[c] *= inv;
        }
        for (let c = 0; c < dim; c++) work[c] = 0;

        // 5. Negative sampling: the target with label 1, `negative` noise words with label 0.
        for (let d = 0; d <= negative; d++) {
          let out: number;
          let label: number;
          if (d === 0) {
            out = target;
            label = 1;
          } else {
            rng = (Math.imul(rng, 1664525) + 1013904223) | 0;
            const x = (rng >>> 0) * negScale;
            const k = x | 0;
            out = x - k < aliasProb[k] ? k : aliasIndex[k];
            if (out === target) continue;
            label = 0;
          }
          const l2 = out * stride;
          // f = h · output row, four partial sums so the additions can overlap.
          let f0 = 0;
          let f1 = 0;
          let f2 = 0;
          let f3 = 0;
          let c = 0;
          for (; c + 3 < dim; c += 4) {
            f0 += h[hOff + c] * syn1neg[l2 + c];
            f1 += h[hOff + c + 1] * syn1neg[l2 + c + 1];
            f2 += h[hOff + c + 2] * syn1neg[l2 + c + 2];
            f3 += h[hOff + c + 3] * syn1neg[l2 + c + 3];
          }
          let f = f0 + f1 + (f2 + f3);
          for (; c < dim; c++) f += h[hOff + c] * syn1neg[l2 + c];
          let g: number;
          if (f > maxExp) g = (label - 1) * alpha;
          else if (f < -maxExp) g = label * alpha;
          else g = (label - expTable[((f + maxExp) * expScale) | 0]) * alpha;
          // work += g * output row; output row += g * h (fused; reads the output row before writing).
          for (c = 0; c < dim; c++) {
            const o = syn1neg[l2 + c];
            work[c] += g * o;
            syn1neg[l2 + c] = o + g * h[hOff + c];
          }
        }

        // 6. Back to the input rows: each gets the whole error (word2vec.c, fastText, gensim).
        for (let r = 0; r < numRows; r++) {
          const off = rowScratch[r] * stride;
          for (let c = 0; c < dim; c++) syn0[off + c] += work[c];
        }
      }
    }
  }
  state[0] = rng;
  state[1] = pending;
}

/** Flushes a thread's uncounted words into the shared progress counter. */
export function flushProgress(job: KernelJob, state: Float64Array): void {
  if (state[1] > 0) Atomics.add(job.progress, 0, state[1]);
  state[1] = 0;
}
