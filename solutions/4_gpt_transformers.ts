// Reference solutions of 4_gpt_transformers.ipynb's exercises, for teachers and for `npm test` (its solutions run puts
// each block below in place of the notebook's answer cell with the same `// cevap:` line; every kontrol must
// then say ✓). Not a module: the blocks use the notebook's variables. Blocks 4.2, 4.3 and 4.4 also run the
// measurements their exercises ask for (SmolLM2: 9 texts of 40 tokens; beam search with B = 1, 2, 4, 8 on 12 tokens and
// two short answers; two more 26-review few-shot runs), so the example answers quote numbers a run printed.

// cevap: 4.1
const corpusMerges = learnBpeFast(loadEmbeddingCorpus().join('\n'), 1000);
const derlemBpe = (kelime: string): string[] => applyBpe(kelime, corpusMerges);
// The exercise's plot: mean tokens per parallel sentence (the sum of each word's BPE pieces) by merge count.
const mergeCounts = [100, 300, 1000];
const bpeTokens = (text: string, table: Merge[]): number => sum((text.match(/\p{L}+/gu) ?? []).map((w) => applyBpe(w, table).length));
const meanTokens = (side: 'tr' | 'en') => mergeCounts.map((n) => sum(parallel.map((p) => bpeTokens(p[side], corpusMerges.slice(0, n)))) / parallel.length);
showPlot({
  data: (['tr', 'en'] as const).map((side) => ({ type: 'scatter', mode: 'lines+markers', name: side === 'tr' ? 'Türkçe' : 'İngilizce', x: mergeCounts, y: meanTokens(side) })),
  layout: { title: { text: 'Gömme derleminde öğrenilen BPE: cümle başına ortalama token' }, height: 360,
    xaxis: { title: { text: 'birleştirme sayısı' } }, yaxis: { title: { text: 'ortalama token' } } },
});
derlemBpe('kitaplarımızdan')

// cevap: 4.2
/** Logits of the tokens whose probability is below minP × the largest probability become -Infinity; the rest stay. */
function minPFilter(logits: Float32Array, minP: number): Float32Array {
  const p = softmax(logits);
  let pMax = 0;
  for (const q of p) pMax = Math.max(pMax, q);
  const out = new Float32Array(logits.length);   // a loop, not Float32Array.from(logits, f): it runs 240 times (2 values × 3 seeds × 40 tokens) on 49,152 logits
  for (let i = 0; i < logits.length; i++) out[i] = p[i] < minP * pMax ? -Infinity : logits[i];
  return out;
}
// The exercise's comparison: 40 tokens on the story prompt, T = 1, no other filter, seeds 1–3, without min-p and with 0,05 and 0,2.
async function minPRun(minP: number, seed: number): Promise<{ perToken: number; distinct2: number; text: string }> {
  const ids = [...storyIds], rng = new SeededRandom(seed);
  let out = await smolLM.step(ids, null), logP = 0;
  for (let t = 0; t < 40; t++) {
    const next = sampleStep(minP > 0 ? minPFilter(out.logits, minP) : out.logits, ids, rng, { temperature: 1, topK: smolLM.vocabSize, topP: 1, repetitionPenalty: 1 });
    logP += logSoftmax(out.logits)[next];               // under the model's own distribution, as in §4's table
    ids.push(next);
    out = await smolLM.step([next], out.cache);       // only the new token, with the KV cache
  }
  const generated = ids.slice(storyIds.length);
  return { perToken: logP / 40, distinct2: distinctN(generated, 2), text: smol.tokenizer.decode(generated) };
}
const minPRows = [];
for (const minP of [0, 0.05, 0.2]) {
  const r = [];
  for (const seed of [1, 2, 3]) r.push(await minPRun(minP, seed));
  minPRows.push({ minP: minP === 0 ? 'yok' : formatNumber(minP, { digits: 2, trim: true }), 'log P / token (ortalama)': formatNumber(mean(r.map((x) => x.perToken)), { digits: 2 }),
    'log P / token (en küçük – en büyük)': `${formatNumber(Math.min(...r.map((x) => x.perToken)), { digits: 2 })} – ${formatNumber(Math.max(...r.map((x) => x.perToken)), { digits: 2 })}`,
    'distinct-2 (ortalama)': formatNumber(mean(r.map((x) => x.distinct2)), { digits: 2 }), 'distinct-2 (en küçük – en büyük)': `${formatNumber(Math.min(...r.map((x) => x.distinct2)), { digits: 2 })} – ${formatNumber(Math.max(...r.map((x) => x.distinct2)), { digits: 2 })}`,
    'ilk metnin başı': visible(r[0].text.slice(0, 50)) });
}
showTable(minPRows, { caption: 'min-p: hikâye prompt\'u, 40 token, T = 1, üç tohum' });

// cevap: 4.3
/** Index of the finished hypothesis with the best log P / length^alpha (length counts the EOS token). */
function enIyiHipotez(bitenler: { ids: number[]; logProb: number }[], alpha: number): number {
  const skor = (h: { ids: number[]; logProb: number }) => h.logProb / h.ids.length ** alpha;
  let best = 0;
  bitenler.forEach((h, i) => { if (skor(h) > skor(bitenler[best])) best = i; });
  return best;
}
// The exercise's sweep: the story prompt, 12 tokens, B = 1, 2, 4, 8 (α = 1); time from each DecodeResult.
const beamSweep = [];
for (const numBeams of [1, 2, 4, 8]) {
  const r = await decode(smolLM, storyIds, { maxNewTokens: 12, numBeams });
  beamSweep.push({ B: numBeams, 'log P / token': formatNumber(r.logProb / r.ids.length, { digits: 3 }), 'süre (sn)': formatNumber(r.ms / 1000, { digits: 1 }), metin: visible(r.text) });
}
showTable(beamSweep, { caption: `Hikâye prompt'u, 12 token, α = 1 (${smolName})` });
// α on the question of §4, which ends at EOS: B = 4 with α = 1 is the run §4 already made (eosRuns).
const alphaRuns: [string, DecodeResult][] = [['B = 2, α = 1', await decode(smolLM, questionIds, { maxNewTokens: 16, numBeams: 2 })],
  ['B = 4, α = 0', await decode(smolLM, questionIds, { maxNewTokens: 16, numBeams: 4, lengthPenalty: 0 })], ['B = 4, α = 1 (4. bölüm)', eosRuns[1][1]]];
showTable(alphaRuns.map(([ayar, r]) => ({ ayar, cevap: r.text.trim() === '' ? '(boş)' : visible(r.text), 'token (EOS dahil)': r.ids.length, 'toplam log P': formatNumber(r.logProb, { digits: 2 }) })),
  { caption: '"What is the capital of France?": ışın sayısı ve α' });

// cevap: 4.4
/** The same examples, the negative ones first, then the positive ones, each group in its own order. */
function olumsuzlarOnce(ornekler: typeof shots): typeof shots {
  return [...ornekler.filter((r) => r.label === 'negative'), ...ornekler.filter((r) => r.label === 'positive')];
}
// The exercise's measurement: k = 4 in three orders of the same four examples.
const fourShots = shots.slice(0, 4);
const orders: [string, typeof shots][] = [['defterdeki (olumlu, olumsuz, …)', fourShots], ['önce olumsuzlar', olumsuzlarOnce(fourShots)],
  ['önce olumlular', [...fourShots.filter((r) => r.label === 'positive'), ...fourShots.filter((r) => r.label === 'negative')]]];
const orderRows = [];
for (const [sira, examples] of orders) {
  // The notebook's order is §5's k = 4 run (the same four examples in the same order): reused, not measured again.
  const r = examples === fourShots ? fewShot[shotCounts.indexOf(4)] : await fewShotAccuracy(smolLM, 4, examples), [lo, hi] = wilson(r.accuracy, nTest);
  orderRows.push({ sıra: sira, doğruluk: `${Math.round(r.accuracy * nTest)}/${nTest}`, '%95 aralık': `${formatNumber(lo, { digits: 2 })} – ${formatNumber(hi, { digits: 2 })}`, '"positive" deme oranı': formatNumber(r.positiveShare, { digits: 2 }) });
}
showTable(orderRows, { caption: `k = 4, aynı dört örnek, üç sıra (${smolName})` });

// cevap: 4.5
/** gptParameters with the MLP's inner width dFf (GPT-2: dFf = 4·d). */
function gptParametreleri(shape: GptShape & { dFf: number }): ReturnType<typeof gptParameters> {
  const d = shape.dModel, L = shape.numLayers, dFf = shape.dFf;   // no renaming destructuring: tslab 1.0.22 mangles it
  const base = gptParameters(shape);
  const mlp = L * (d * dFf + dFf + dFf * d + d);   // d → d_ff → d: two matrices, two bias vectors
  return { ...base, mlp, total: base.total - base.mlp + mlp };
}
// The exercise's comparison: GPT-2's vocabulary and context, d_ff = 4·d, deep-narrow against shallow-wide.
showTable([['24 katman, d = 512', 24, 512], ['6 katman, d = 1024', 6, 1024]].map(([ad, L, d]) => {
  const p = gptParametreleri({ vocabSize: 50257, contextLength: 1024, dModel: d as number, numLayers: L as number, dFf: 4 * (d as number) });
  return { model: ad as string, toplam: formatCount(p.total), gömmeler: formatCount(p.embeddings), 'gömmelerin payı': formatPercent(p.embeddings / p.total), dikkat: formatCount(p.attention), MLP: formatCount(p.mlp) };
}), { caption: '124 milyonluk bütçe: derin-dar ve sığ-geniş' });
