// Reference solutions of 0_Word_Embeddings.ipynb's exercises, for teachers and for `npm test` (its solutions
// run puts each block below in place of the notebook's answer cell with the same `// cevap:` line; every
// kontrol must then say ✓). Not a module: the blocks use the notebook's variables.

// cevap: 0.2
/** P(w) ∝ counts[w]^p, normalised to sum 1. */
function gurultuDagilimi(counts: number[], p: number): number[] {
  const weights = counts.map((n) => n ** p);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}
showTable([0, 0.5, 0.75, 1].map((p) => {
  const probs = gurultuDagilimi(trainVocab.counts, p);
  return { üs: p, [`en sık (${trainVocab.words[0]}) %`]: 100 * probs[0], [`en nadir (${trainVocab.words.at(-1)}) %`]: 100 * probs.at(-1)! };
}));

// cevap: 0.3
/** The negative-sampling loss before the first step and after each of `adim` steps of nsStep. */
function kayipEgrisi(v: number[], uPos: number[], uNeg: number[][], lr: number, adim: number): number[] {
  const losses = [nsLoss(v, uPos, uNeg)];
  for (let k = 0; k < adim; k++) {
    ({ v, uPos, uNeg } = nsStep(v, uPos, uNeg, lr));
    losses.push(nsLoss(v, uPos, uNeg));
  }
  return losses;
}
showPlot({
  data: [0.02, 0.2, 2].map((lr) => ({ type: 'scatter', mode: 'lines', name: `lr = ${formatNumber(lr, { trim: true })}`,
    y: kayipEgrisi(before.v, beforeRow(contextId), noiseIds.map(beforeRow), lr, 50) })),
  layout: { title: { text: 'Aynı çifte 50 adım: kayıp' }, height: 340, xaxis: { title: { text: 'adım' } }, yaxis: { title: { text: 'kayıp L' } } },
});

// cevap: 0.4
const kaybolanNgramlar: string[] = charNgrams('kitaplarımızdan', 3, 6).filter((g) => !charNgrams('kitablarımızdan', 3, 6).includes(g));
kaybolanNgramlar

// cevap: 0.5
const sehirSayilari: Record<string, number> = Object.fromEntries(['istanbul', 'ankara', 'paris', 'roma', 'tokyo'].map((w) => [w, corpusCount(w)]));
sehirSayilari

// cevap: 0.7
const sozlukBoyutuMinCount2: number = buildVocabulary(realSentences, 2).words.length;
sozlukBoyutuMinCount2
// The result: two Skip-gram models with minCount 2 (seeds 1 and 2), in a new cell's way (§8's models untouched);
// neighbour agreement of the new words (2–4 occurrences) against those seen 5–9 times, and chance.
const [min2a, min2b] = [await trainWord2Vec(realSentences, { ...w2vOptions, architecture: 'skipgram', minCount: 2, seed: 1 }),
  await trainWord2Vec(realSentences, { ...w2vOptions, architecture: 'skipgram', minCount: 2, seed: 2 })];
const vocab2 = buildVocabulary(realSentences, 2);
const bandOf = (lo: number, hi: number) => vocab2.words.filter((_, i) => vocab2.counts[i] >= lo && vocab2.counts[i] < hi).filter((_, i, all) => i % Math.ceil(all.length / 150) === 0);
showTable([[2, 5], [5, 10]].map(([lo, hi]) => ({ 'derlemdeki sayısı': `${lo}–${hi - 1}`, 'Skip-gram, minCount 2 (1 çift)': pct(pairAgreements([min2a, min2b], bandOf(lo, hi))[0]),
  şans: pct(chanceAgreement(min2a)), sözlük: min2a.vocabSize })), { caption: 'minCount 2: iki tohumun ilk 10 komşusunun ortak payı (en çok 150 kelimelik örneklem)' });
