/**
 * Measures of generated text, over token ids: how probable the model finds it (log-probability,
 * perplexity), how much it repeats itself (Welleck et al., 2019, "rep/ℓ") and how varied it is
 * (distinct-n, Li et al., 2016). Introduced in 4_gpt_transformers.ipynb.
 */
import type { CausalLM } from './lm';
import { checkTokenIds, tokenLogProb } from './logits';
import { shown } from '../validate';

/**
 * log P(continuation | prompt) under `lm` = Σ_t log P(c_t | prompt, c_<t), one cached step per
 * token. Returns the per-token log-probabilities and their sum.
 */
export async function scoreContinuation<C>(lm: CausalLM<C>, promptIds: number[], continuationIds: number[]): Promise<{ tokenLogProbs: number[]; logProb: number }> {
  if (!Array.isArray(promptIds) || promptIds.length === 0) throw new RangeError('prompt boş olamaz: en az bir token verin.');
  checkTokenIds(promptIds, lm.vocabSize, 'promptIds');
  checkTokenIds(continuationIds, lm.vocabSize, 'continuationIds');
  const fed = promptIds.length + Math.max(0, continuationIds.length - 1); // the last token is only predicted
  if (fed > lm.contextLength) {
    throw new RangeError(`prompt (${promptIds.length} token) + continuationIds (${continuationIds.length}) ${lm.name} modelinin bağlam uzunluğunu (${lm.contextLength}) aşıyor.`);
  }
  const tokenLogProbs: number[] = [];
  let out = await lm.step(promptIds, null);
  for (let t = 0; t < continuationIds.length; t++) {
    tokenLogProbs.push(tokenLogProb(out.logits, continuationIds[t]));
    if (t + 1 < continuationIds.length) out = await lm.step([continuationIds[t]], out.cache);
  }
  return { tokenLogProbs, logProb: tokenLogProbs.reduce((a, b) => a + b, 0) };
}

/** Perplexity exp(−mean log p) of per-token log-probabilities. */
export function perplexity(tokenLogProbs: number[]): number {
  if (!Array.isArray(tokenLogProbs) || tokenLogProbs.length === 0) throw new RangeError('perplexity: tokenLogProbs en az bir token log-olasılığı içermeli.');
  const bad = tokenLogProbs.findIndex((l) => typeof l !== 'number' || Number.isNaN(l) || l > 0);
  if (bad >= 0) throw new RangeError(`perplexity: tokenLogProbs[${bad}] = ${String(tokenLogProbs[bad])}; log-olasılıklar ≤ 0 olmalı (log p, p ≤ 1).`);
  return Math.exp(-tokenLogProbs.reduce((a, b) => a + b, 0) / tokenLogProbs.length);
}

/**
 * rep/ℓ (Welleck et al., 2019): the share of tokens that already occur among the `window`
 * tokens before them. 0 = never repeats within the window; greedy loops push it towards 1.
 */
export function repetitionRate(ids: number[], window = 16): number {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window en az 1 olmalı; verilen: ${String(window)}.`);
  if (!Array.isArray(ids)) throw new TypeError(`repetitionRate: ids token id'lerinden oluşan bir dizi olmalı; verilen: ${shown(ids)}.`);
  if (ids.length < 2) return 0;
  let repeats = 0;
  for (let t = 1; t < ids.length; t++) if (ids.slice(Math.max(0, t - window), t).includes(ids[t])) repeats++;
  return repeats / (ids.length - 1);
}

/** distinct-n (Li et al., 2016): distinct n-grams / all n-grams of the text (1 = no n-gram repeats). */
export function distinctN(ids: number[], n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n en az 1 olmalı; verilen: ${String(n)}.`);
  if (!Array.isArray(ids)) throw new TypeError(`distinctN: ids token id'lerinden oluşan bir dizi olmalı; verilen: ${shown(ids)}.`);
  const total = ids.length - n + 1;
  if (total <= 0) return 0;
  const seen = new Set<string>();
  for (let t = 0; t < total; t++) seen.add(ids.slice(t, t + n).join(','));
  return seen.size / total;
}
