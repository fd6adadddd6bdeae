/**
 * The decoding strategies' building blocks, each a small function over one vector of next-token
 * logits (length vocabSize): softmax, temperature, top-k, top-p (nucleus), repetition penalty,
 * and the seeded draw. They follow Hugging Face transformers' logits processors and warpers
 * (`TemperatureLogitsWarper`, `TopKLogitsWarper`, `TopPLogitsWarper`,
 * `RepetitionPenaltyLogitsProcessor`); the draw follows transformers.js 4.3.1's
 * `MultinomialSampler` (top-k sorted, float32 softmax, one uniform draw, linear scan) so the same
 * seed picks the same token. Filtered-out tokens get -Infinity. Introduced in 4_gpt_transformers.ipynb.
 */
import type { SeededRandom } from './rng';
import { checkNumber, shown } from '../validate';

/**
 * Throws a clear (Turkish) error unless `logits` is a non-empty list of numbers with at least one
 * finite value and no NaN or +Infinity (-Infinity marks a filtered token and is allowed).
 */
export function checkLogits(logits: ArrayLike<number>, fn: string): void {
  if (logits == null || typeof logits !== 'object' || typeof logits.length !== 'number' || logits.length === 0) {
    throw new TypeError(`${fn}: logits boş olmayan bir sayı dizisi olmalı (vocabSize uzunluğunda); verilen: ${shown(logits)}.`);
  }
  let finite = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i];
    if (z > -Infinity && z < Infinity) finite++; // false for NaN, ±Infinity and non-numbers
    else if (z !== -Infinity) throw new RangeError(`${fn}: logits[${i}] = ${shown(z)}; logits sonlu sayılar olmalı (-Infinity = elenmiş token).`);
  }
  if (finite === 0) throw new RangeError(`${fn}: logits'in hepsi -Infinity: seçilebilecek token kalmadı (filtreler çok sıkı).`);
}

/** Throws a clear (Turkish) error unless every id is an integer in [0, vocabSize). */
export function checkTokenIds(ids: unknown, vocabSize: number, name: string): void {
  if (!Array.isArray(ids)) throw new TypeError(`${name} token id'lerinden oluşan bir dizi olmalı; verilen: ${shown(ids)}.`);
  const bad = ids.findIndex((id) => !Number.isInteger(id) || id < 0 || id >= vocabSize);
  if (bad >= 0) throw new RangeError(`${name}[${bad}] = ${shown(ids[bad])}; token id'leri [0, ${vocabSize - 1}] aralığında tam sayılar olmalı (vocabSize = ${vocabSize}).`);
}

/** Index of the largest value (the first one on ties, as transformers.js's greedy sampler). */
export function argmax(values: ArrayLike<number>): number {
  checkLogits(values, 'argmax');
  return indexOfMax(values);
}

/** `argmax` without the scan for bad values: decode() runs it every token on a model's logits. */
export function indexOfMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** softmax(z)_i = exp(z_i − max z) / Σ_j exp(z_j − max z), in float64. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  checkLogits(logits, 'softmax');
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/** log softmax(z)_i = z_i − max z − log Σ_j exp(z_j − max z), in float64. */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  checkLogits(logits, 'logSoftmax');
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  const logZ = max + Math.log(sum);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i] - logZ;
  return out;
}

/** log softmax(z)[id] alone: two passes over z, no array allocated (the decoding loop needs one value per token). */
export function tokenLogProb(logits: ArrayLike<number>, id: number): number {
  if (!(Number.isInteger(id) && id >= 0 && id < logits?.length)) {
    checkLogits(logits, 'tokenLogProb');
    throw new RangeError(`tokenLogProb: id = ${shown(id)}; [0, ${logits.length - 1}] aralığında bir token id'si olmalı.`);
  }
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  const logP = logits[id] - max - Math.log(sum);
  if (Number.isNaN(logP)) checkLogits(logits, 'tokenLogProb'); // checked only when the result shows a bad logit: this runs every step
  return logP;
}

/** Throws a clear (Turkish) error naming the argument when a decoding setting is out of range. */
export function checkTemperature(temperature: number): void {
  if (!(typeof temperature === 'number' && temperature > 0 && Number.isFinite(temperature))) {
    throw new RangeError(`temperature 0'dan büyük bir sayı olmalı; verilen: ${String(temperature)}. En olası token'ı seçmek için greedy (doSample: false) kullanın.`);
  }
}
export function checkTopK(topK: number): void {
  if (!Number.isInteger(topK) || topK < 1) throw new RangeError(`topK en az 1 olan bir tam sayı olmalı; verilen: ${String(topK)}.`);
}
export function checkTopP(topP: number): void {
  if (!(typeof topP === 'number' && topP > 0 && topP <= 1)) throw new RangeError(`topP (0, 1] aralığında olmalı; verilen: ${String(topP)}.`);
}
export function checkRepetitionPenalty(penalty: number): void {
  if (!(typeof penalty === 'number' && penalty > 0 && Number.isFinite(penalty))) {
    throw new RangeError(`repetitionPenalty 0'dan büyük olmalı (1 = ceza yok); verilen: ${String(penalty)}.`);
  }
}

/** Logits divided by the temperature: T < 1 sharpens the distribution, T > 1 flattens it. Rounded to float32 as transformers.js does. */
export function applyTemperature(logits: ArrayLike<number>, temperature: number): Float32Array {
  checkTemperature(temperature);
  checkLogits(logits, 'applyTemperature');
  return scaledFloat32(logits, temperature);
}

/**
 * z / temperature rounded to float32 (no temperature: a float32 copy). A plain loop: a TypedArray.from
 * with a map function goes through the iterator, ~10× slower on 49,152 logits, and the decoding
 * loops run this every token. The same numbers as `Float32Array.from(logits, (z) => z / temperature)`.
 */
function scaledFloat32(logits: ArrayLike<number>, temperature?: number): Float32Array {
  const out = new Float32Array(logits.length);
  if (temperature === undefined) out.set(logits);
  else for (let i = 0; i < logits.length; i++) out[i] = logits[i] / temperature;
  return out;
}

/**
 * Keeps the `topK` largest logits, the rest become -Infinity (ties at the boundary keep the
 * lower token ids, as ONNX TopK does).
 */
export function topKFilter(logits: ArrayLike<number>, topK: number): Float32Array {
  checkTopK(topK);
  checkLogits(logits, 'topKFilter');
  if (topK >= logits.length) return scaledFloat32(logits); // every token kept: a copy
  const out = new Float32Array(logits.length).fill(-Infinity);
  for (const i of firstByLogit(logits, topK)) out[i] = logits[i];
  return out;
}

/**
 * Nucleus filter (Holtzman et al., 2020): keeps the smallest set of most probable tokens whose
 * probabilities add up to at least `topP`; the rest become -Infinity. The most probable token is always kept.
 */
export function topPFilter(logits: ArrayLike<number>, topP: number): Float32Array {
  checkTopP(topP);
  checkLogits(logits, 'topPFilter');
  // softmax(logits)[i] = exp(z_i − max) / Σ, the sum taken in id order as softmax() does. Read in
  // decreasing order (a native numeric sort of the logits: exp is monotone) these are the same
  // numbers, in the same order, as probs read along sortedIndices(logits): the same cut. Only the
  // set of kept ids is needed, not their order.
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  const descending = new Float64Array(logits).sort().reverse();
  let cumulative = 0;
  let keep = 0;
  while (keep < descending.length) {
    cumulative += Math.exp(descending[keep++] - max) / sum;
    if (cumulative >= topP) break;
  }
  const out = new Float32Array(logits.length).fill(-Infinity);
  for (const i of firstByLogit(logits, keep, descending[keep - 1])) out[i] = logits[i];
  return out;
}

/**
 * CTRL's repetition penalty (Keskar et al., 2019), as transformers: the logit of every token
 * already in `previousIds` is divided by `penalty` when positive and multiplied when negative,
 * so with penalty > 1 a repeated token always becomes less likely.
 */
export function applyRepetitionPenalty(logits: ArrayLike<number>, previousIds: Iterable<number>, penalty: number): Float32Array {
  checkRepetitionPenalty(penalty);
  checkLogits(logits, 'applyRepetitionPenalty');
  const previous = previousIds == null ? previousIds : [...previousIds];
  checkTokenIds(previous, logits.length, 'previousIds');
  return penalize(logits, previous as number[], penalty);
}

/** `applyRepetitionPenalty` without the checks: decode() checks the penalty once and its ids are the model's own. */
export function penalize(logits: ArrayLike<number>, previousIds: Iterable<number>, penalty: number): Float32Array {
  const out = scaledFloat32(logits);
  for (const id of new Set(previousIds)) out[id] = out[id] < 0 ? out[id] * penalty : out[id] / penalty;
  return out;
}

/**
 * Token ids ordered by decreasing logit (stable: ties keep increasing ids), the first `limit`
 * only when given. Filtered (-Infinity) logits come last in id order, unsorted: a vocabulary of
 * 49,152 after top-k = 50 sorts 50 numbers, not 49,152.
 */
export function sortedIndices(logits: ArrayLike<number>, limit = logits?.length): number[] {
  checkLogits(logits, 'sortedIndices');
  checkNumber(limit, 'sortedIndices: limit', { integer: true, min: 0 });
  return orderByLogit(logits, limit);
}

/** Up to this limit `orderByLogit` keeps a sorted list in one scan instead of sorting (top-k 40 or 50: one pass over 49,152 logits). */
const SCAN_LIMIT = 64;

/**
 * `sortedIndices` without the checks (sampling calls it once per token). `threshold`, when the
 * caller knows it, is the limit-th largest logit (it saves a sort).
 */
function orderByLogit(logits: ArrayLike<number>, limit: number, threshold?: number): number[] {
  if (limit <= SCAN_LIMIT) return scanTop(logits, limit);
  const finite: number[] = [];
  const filtered: number[] = [];
  for (let i = 0; i < logits.length; i++) (logits[i] === -Infinity ? filtered : finite).push(i);
  let candidates = finite;
  if (limit < finite.length) {
    // Keep only ids at or above the limit-th largest logit before sorting (ties at the threshold stay).
    const t = threshold ?? kthLargest(logits, finite, limit);
    candidates = finite.filter((i) => logits[i] >= t);
  }
  candidates.sort((a, b) => logits[b] - logits[a] || a - b);
  return [...candidates, ...filtered].slice(0, limit);
}

/** The k-th largest of logits[ids] (a native numeric sort of the values: no comparator). */
function kthLargest(logits: ArrayLike<number>, ids: number[], k: number): number {
  const values = new Float64Array(ids.length);
  for (let j = 0; j < ids.length; j++) values[j] = logits[ids[j]];
  return values.sort()[ids.length - k];
}

/**
 * `orderByLogit` for a small limit: one scan keeping the best `limit` ids sorted (a new id goes
 * after equal logits, so ties keep increasing ids), then filtered ids in id order if too few remain.
 */
function scanTop(logits: ArrayLike<number>, limit: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i];
    if (z === -Infinity || (top.length === limit && !(z > logits[top[limit - 1]]))) continue;
    let j = Math.min(top.length, limit - 1);
    while (j > 0 && logits[top[j - 1]] < z) { top[j] = top[j - 1]; j--; }
    top[j] = i;
  }
  for (let i = 0; i < logits.length && top.length < limit; i++) if (logits[i] === -Infinity) top.push(i);
  return top;
}

/**
 * The ids `orderByLogit(logits, limit)` returns, in id order (a filter needs the set, not the
 * order): every id above the limit-th largest logit (`threshold`, when the caller knows it),
 * then ids equal to it by increasing id.
 */
function firstByLogit(logits: ArrayLike<number>, limit: number, threshold?: number): number[] {
  if (limit <= SCAN_LIMIT) return scanTop(logits, limit).sort((a, b) => a - b);
  const finite: number[] = [];
  for (let i = 0; i < logits.length; i++) if (logits[i] !== -Infinity) finite.push(i);
  if (limit >= finite.length) { // every finite id, and filtered ones (their logit stays -Infinity) up to the limit
    let filtered = limit - finite.length;
    const ids: number[] = [];
    for (let i = 0; i < logits.length; i++) if (logits[i] !== -Infinity || filtered-- > 0) ids.push(i);
    return ids;
  }
  const t = threshold ?? kthLargest(logits, finite, limit);
  let ties = limit - finite.filter((i) => logits[i] > t).length;
  return finite.filter((i) => logits[i] > t || (logits[i] === t && ties-- > 0));
}

/** What `sampleToken` restricts the draw to. */
export interface SamplingSettings {
  temperature?: number;
  topK?: number;
  topP?: number;
}

/**
 * Draws one token id: temperature, then the top-k candidates sorted by logit, their softmax
 * (float32, as transformers.js), the top-p cut, and one uniform draw `u` from `rng` scanned
 * along the cumulative probabilities. With the same logits and seed this picks the token
 * transformers.js's `generate({ do_sample: true, temperature, top_k })` picks.
 */
export function sampleToken(logits: ArrayLike<number>, settings: SamplingSettings, rng: SeededRandom): number {
  if (typeof rng?.random !== 'function') throw new TypeError(`sampleToken: rng bir SeededRandom olmalı (ör. new SeededRandom(42)); verilen: ${shown(rng)}.`);
  settings = settings ?? {};
  checkLogits(logits, 'sampleToken');
  if (settings.temperature !== undefined) checkTemperature(settings.temperature);
  if (settings.topK !== undefined) checkTopK(settings.topK);
  if (settings.topP !== undefined) checkTopP(settings.topP);
  return drawToken(logits, settings, rng);
}

/**
 * `sampleToken` without the checks: decode() checks its settings once at the entry, and a scan of
 * all V logits per token would cost more than the draw (tokenLogProb still catches NaN logits).
 */
export function drawToken(logits: ArrayLike<number>, settings: SamplingSettings, rng: SeededRandom): number {
  const scaled = scaledFloat32(logits, settings.temperature); // as applyTemperature
  const nucleusOnly = settings.topK === undefined && settings.topP !== undefined && settings.topP < 1;
  // Top-p without top-k: the cut needs only the sorted *values* (a native numeric sort), so the
  // comparator sort of every id (49,152 for SmolLM2, each step) shrinks to the nucleus. Same
  // numbers in the same order as sorting the ids first, so the same cut and the same draw.
  const descending = nucleusOnly ? new Float64Array(scaled).sort().reverse() : null;
  let candidates = nucleusOnly ? [] : orderByLogit(scaled, settings.topK ?? scaled.length);
  let probs = softmaxFloat32(descending ?? candidates.map((i) => scaled[i]));
  if (settings.topP !== undefined && settings.topP < 1) {
    let cumulative = 0;
    let keep = 0;
    while (keep < probs.length && cumulative < settings.topP) cumulative += probs[keep++];
    candidates = descending ? orderByLogit(scaled, keep, descending[keep - 1]) : candidates.slice(0, keep);
    probs = softmaxFloat32(candidates.map((i) => scaled[i]));
  }
  let total = 0;
  for (const p of probs) total += p;
  let u = rng.random() * total;
  for (let k = 0; k < probs.length; k++) {
    u -= probs[k];
    if (u < 0) return candidates[k];
  }
  return candidates[candidates.length - 1]; // rounding guard
}

/** softmax stored in float32, as transformers.js computes it before drawing. */
function softmaxFloat32(values: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  const exps = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) exps[i] = Math.exp(values[i] - max);
  let sum = 0;
  for (let i = 0; i < exps.length; i++) sum += exps[i];
  const out = new Float32Array(exps.length);
  for (let i = 0; i < exps.length; i++) out[i] = exps[i] / sum;
  return out;
}
