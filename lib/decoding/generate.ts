/**
 * Decoding loops over a `CausalLM` (lm.ts): greedy, sampling (temperature, top-k, top-p) and beam
 * search, with an optional repetition penalty, the KV cache, and each new token streamed as it
 * is produced. Every setting is checked once, before the first step (options.ts): one clear (Turkish)
 * error names a bad argument, and the per-token loop runs unchecked.
 * Introduced in 4_gpt_transformers.ipynb.
 */
import type { CausalLM } from './lm';
import { applyRepetitionPenalty, checkLogits, checkRepetitionPenalty, checkTokenIds, drawToken, indexOfMax, logSoftmax, penalize, tokenLogProb } from './logits';
import { checkSamplingOptions, textStream } from './options';
import type { SamplingOptions } from './options';
import { shown } from '../validate';
import { SeededRandom } from './rng';

/** Settings of `decode`. Sampling happens when `doSample` is true; beam search when `numBeams` > 1. */
export interface DecodeOptions extends SamplingOptions {
  /** How many tokens to generate at most. */
  maxNewTokens: number;
  /** > 1 makes already seen tokens (prompt and generated) less likely; 1 = off. */
  repetitionPenalty?: number;
  /** Beam search with this many beams (1 = no beam search). */
  numBeams?: number;
  /** Beam scores are log P / length^lengthPenalty (default 1, as transformers). */
  lengthPenalty?: number;
  /** Seed of the sampler's own generator (default 0). */
  seed?: number;
  /** Keep going after an end-of-sequence token (for timing: always maxNewTokens tokens). Default false. */
  ignoreEos?: boolean;
  /** false: re-run the whole sequence every step instead of feeding one token to the KV cache. Default true. */
  useCache?: boolean;
}

/** What `decode` returns. */
export interface DecodeResult {
  /** Generated token ids (the end-of-sequence token included when generation stopped there). */
  ids: number[];
  /** Generated text (when the model can decode). */
  text: string;
  /**
   * log P(token | everything before) of each generated token under the model's own distribution
   * (no temperature or penalty). Greedy and sampling compute it when first read (`DeferredLogProbs`).
   */
  tokenLogProbs: number[];
  /** Σ tokenLogProbs: the sequence's log-probability. */
  logProb: number;
  stoppedAtEos: boolean;
  /** Wall-clock milliseconds of the generation, prompt included (a deferred tokenLogProbs is computed later, when read). */
  ms: number;
}

/** Checks every setting of `decode` and throws one error naming the first bad argument. */
export function checkDecodeOptions(lm: CausalLM, promptIds: number[], options: DecodeOptions): void {
  if (typeof lm?.step !== 'function' || !Number.isInteger(lm.vocabSize) || !Number.isInteger(lm.contextLength)) {
    throw new TypeError(`lm bir CausalLM olmalı (miniGptCausalLM(...) ya da transformersCausalLM(...)); verilen: ${shown(lm)}.`);
  }
  if (!Array.isArray(promptIds) || promptIds.length === 0) throw new RangeError('prompt boş olamaz: en az bir token verin.');
  checkTokenIds(promptIds, lm.vocabSize, 'promptIds');
  const maxNewTokens = checkSamplingOptions(options);
  if (promptIds.length >= lm.contextLength) {
    throw new RangeError(`prompt çok uzun: ${promptIds.length} token, ${lm.name} modelinin bağlam uzunluğu ${lm.contextLength}. ` +
      `Prompt'u en fazla ${lm.contextLength - 1} tokena kısaltın (ör. son tokenları tutun).`);
  }
  if (promptIds.length + maxNewTokens > lm.contextLength) {
    throw new RangeError(
      `maxNewTokens çok büyük: prompt (${promptIds.length} token) + maxNewTokens (${maxNewTokens}) = ${promptIds.length + maxNewTokens}, ` +
        `${lm.name} modelinin bağlam uzunluğu ${lm.contextLength}. maxNewTokens ≤ ${lm.contextLength - promptIds.length} verin.`,
    );
  }
  if (options.repetitionPenalty !== undefined) checkRepetitionPenalty(options.repetitionPenalty);
  const beams = options.numBeams ?? 1;
  if (!Number.isInteger(beams) || beams < 1) throw new RangeError(`numBeams en az 1 olan bir tam sayı olmalı; verilen: ${String(options.numBeams)}.`);
  if (beams > 1 && (options.minNewTokens ?? 0) > 0) throw new RangeError('minNewTokens ışın aramasında (numBeams > 1) kullanılmaz: greedy ya da örnekleme seçin.');
  if (options.lengthPenalty !== undefined && !Number.isFinite(options.lengthPenalty)) throw new RangeError(`lengthPenalty sonlu bir sayı olmalı (1 = uzunluğa göre ortalama, 0 = toplam log P); verilen: ${String(options.lengthPenalty)}.`);
  if (beams > 1 && options.doSample) throw new RangeError('numBeams > 1 ile doSample birlikte kullanılamaz: ya ışın araması ya örnekleme seçin.');
}

/**
 * Continues `promptIds` with `lm`: greedy by default, sampling with `doSample`, beam search with
 * `numBeams > 1`. One step of greedy/sampling is: logits of the last token → repetition penalty
 * → (greedy: argmax | sampling: temperature, top-k, top-p, seeded draw) → append → feed that
 * one token to the KV cache.
 */
export async function decode<C>(lm: CausalLM<C>, promptIds: number[], options: DecodeOptions): Promise<DecodeResult> {
  checkDecodeOptions(lm, promptIds, options);
  if ((options.numBeams ?? 1) > 1) return beamSearch(lm, promptIds, options);
  const started = performance.now();
  const rng = new SeededRandom(options.seed ?? 0);
  const eos = new Set(lm.eosTokenIds);
  const useCache = options.useCache ?? true;
  const all = [...promptIds];
  const ids: number[] = [];
  const logProbs = new DeferredLogProbs();
  const stream = textStream(lm.decode?.bind(lm), options.onToken);
  let out = await lm.step(promptIds, null);
  let stoppedAtEos = false;
  while (ids.length < options.maxNewTokens) {
    let logits = out.logits;
    if (ids.length < (options.minNewTokens ?? 0)) {
      logits = new Float32Array(logits); // a copy: out.logits stays the model's own distribution (logProbs keeps it)
      for (const id of eos) logits[id] = -Infinity;
    }
    if (options.repetitionPenalty !== undefined && options.repetitionPenalty !== 1) logits = penalize(logits, all, options.repetitionPenalty);
    const next = options.doSample ? drawToken(logits, options, rng) : indexOfMax(logits);
    // A diverged model (NaN logits) is named here, not left to the deferred log P (checkLogits says which entry).
    if (Number.isNaN(out.logits[next])) checkLogits(out.logits, 'decode: modelin logits\'i');
    logProbs.add(out.logits, next);
    ids.push(next);
    all.push(next);
    stream(ids);
    if (eos.has(next) && !options.ignoreEos) { stoppedAtEos = true; break; }
    if (ids.length === options.maxNewTokens) break;
    const previous = out.cache;
    out = useCache ? await lm.step([next], previous) : await lm.step(all, null);
    if (!useCache) lm.release?.(previous);
  }
  lm.release?.(out.cache);
  return finish(lm, ids, () => logProbs.values(), stoppedAtEos, started);
}

/** Floats of logits rows `DeferredLogProbs` may hold (64 MB): 341 tokens of SmolLM2's 49,152. */
const MAX_DEFERRED_FLOATS = 16 * 1024 * 1024;

/**
 * The log P of each generated token, computed when first read. Each one is a log-sum-exp over the
 * whole vocabulary (49,152 Math.exp for SmolLM2: 0.9 ms of CPU per token on the course's 2-core
 * EPYC, ~5 % of a q4 step), work transformers.js's greedy `generate` never does; a caller that reads only the ids
 * and the text (a chat, `npm run bench -- decode`) should not pay for it. The rows kept are the
 * step outputs themselves (a CausalLM returns a fresh array each step); past MAX_DEFERRED_FLOATS
 * the oldest rows are turned into their log P at once, so memory stays bounded on long texts.
 * Same function on the same rows: the same numbers as computing them in the loop.
 */
class DeferredLogProbs {
  private readonly done: number[] = [];
  private readonly pending: { logits: Float32Array; id: number }[] = [];
  private pendingFloats = 0;

  add(logits: Float32Array, id: number): void {
    this.pending.push({ logits, id });
    this.pendingFloats += logits.length;
    while (this.pendingFloats > MAX_DEFERRED_FLOATS) this.foldOldest();
  }

  values(): number[] {
    while (this.pending.length > 0) this.foldOldest();
    return this.done;
  }

  private foldOldest(): void {
    const { logits, id } = this.pending.shift()!;
    this.pendingFloats -= logits.length;
    this.done.push(tokenLogProb(logits, id)); // a bad logit shows as NaN here, and tokenLogProb then says so
  }
}

/** The result; `tokenLogProbs` and `logProb` are computed on first read (enumerable getters: spread and JSON see values). */
function finish(lm: CausalLM<unknown>, ids: number[], logProbs: () => number[], stoppedAtEos: boolean, started: number): DecodeResult {
  const text = lm.decode ? lm.decode(ids) : '';
  const ms = performance.now() - started;
  let values: number[] | undefined;
  const tokenLogProbs = () => (values ??= logProbs());
  const result = { ids, text, stoppedAtEos, ms } as DecodeResult;
  return Object.defineProperties(result, {
    tokenLogProbs: { get: tokenLogProbs, enumerable: true },
    logProb: { get: () => tokenLogProbs().reduce((a, b) => a + b, 0), enumerable: true },
  });
}

interface Beam<C> {
  ids: number[];
  tokenLogProbs: number[];
  logProb: number;
  cache: C;
  logits: Float32Array;
}

/**
 * Beam search (as transformers' `num_beams`, with early stopping): keep the `numBeams` most
 * probable partial texts; at each step extend every beam by each of its `2 · numBeams` best next
 * tokens and keep the best `numBeams` of all extensions. A beam that emits end-of-sequence is
 * set aside as a finished hypothesis; the search ends when `numBeams` are finished or at
 * `maxNewTokens`. The answer is the hypothesis with the best log P / length^lengthPenalty.
 */
async function beamSearch<C>(lm: CausalLM<C>, promptIds: number[], options: DecodeOptions): Promise<DecodeResult> {
  const started = performance.now();
  const numBeams = options.numBeams ?? 1;
  const alpha = options.lengthPenalty ?? 1;
  const eos = new Set(lm.eosTokenIds);
  const score = (b: { logProb: number; ids: number[] }) => b.logProb / Math.max(1, b.ids.length) ** alpha;
  const first = await lm.step(promptIds, null);
  let beams: Beam<C>[] = [{ ids: [], tokenLogProbs: [], logProb: 0, cache: first.cache, logits: first.logits }];
  const finished: { ids: number[]; tokenLogProbs: number[]; logProb: number; eos: boolean }[] = [];
  for (let t = 0; t < options.maxNewTokens && beams.length > 0; t++) {
    const candidates: { beam: Beam<C>; token: number; logP: number; rawLogP: number }[] = [];
    for (const beam of beams) {
      const rawLogProbs = logSoftmax(beam.logits);
      const logProbs = options.repetitionPenalty !== undefined && options.repetitionPenalty !== 1
        ? logSoftmax(applyRepetitionPenalty(beam.logits, [...promptIds, ...beam.ids], options.repetitionPenalty))
        : rawLogProbs;
      // 2·numBeams per beam: enough to refill the beams even if numBeams of them end here.
      for (const token of topIndices(logProbs, 2 * numBeams)) candidates.push({ beam, token, logP: logProbs[token], rawLogP: rawLogProbs[token] });
    }
    candidates.sort((a, b) => b.beam.logProb + b.logP - (a.beam.logProb + a.logP));
    const next: Beam<C>[] = [];
    for (const c of candidates) {
      const ids = [...c.beam.ids, c.token];
      const tokenLogProbs = [...c.beam.tokenLogProbs, c.rawLogP];
      const logProb = c.beam.logProb + c.logP;
      if (eos.has(c.token) && !options.ignoreEos) {
        if (finished.length < numBeams) finished.push({ ids, tokenLogProbs, logProb, eos: true });
      } else if (next.length < numBeams) {
        next.push({ ids, tokenLogProbs, logProb, cache: c.beam.cache, logits: c.beam.logits });
      }
      if (next.length === numBeams) break;
    }
    const previous = beams;
    beams = [];
    if (finished.length < numBeams) {
      for (const b of next) {
        if (b.ids.length === options.maxNewTokens) { finished.push({ ...b, eos: false }); continue; }
        const out = await lm.step([b.ids[b.ids.length - 1]], b.cache);
        beams.push({ ...b, cache: out.cache, logits: out.logits });
      }
    }
    for (const b of previous) lm.release?.(b.cache); // caches no new beam grew
  }
  for (const b of beams) lm.release?.(b.cache);
  const best = [...finished].sort((a, b) => score(b) - score(a))[0];
  return finish(lm, best.ids, () => best.tokenLogProbs, best.eos, started);
}

/** Indices of the `k` largest values, largest first. */
function topIndices(values: ArrayLike<number>, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (top.length < k || values[i] > values[top[top.length - 1]]) {
      let j = Math.min(top.length, k - 1);
      top[j] = i;
      while (j > 0 && values[top[j - 1]] < values[i]) { top[j] = top[j - 1]; top[--j] = i; }
    }
  }
  return top;
}
