// Reference solutions of 0_Word_Embeddings.ipynb's exercises, for teachers and for `npm test` (its solutions
// run puts each block below in place of the notebook's answer cell with the same `// cevap:` line; every
// kontrol must then say ✓). Not a module: the blocks use the notebook's variables.

// cevap: 0.1
/** P(w) ∝ counts[w]^p, normalised to sum 1. */
function gurultuDagilimi(counts: number[], p: number): number[] {
  const weights = counts.map((n) => n ** p);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}
showTable([0, 0.5, 0.75, 1].map((p) => {
  const probs = gurultuDagilimi(trainVocab.counts, p);
  const top = (k: number) => 100 * probs.slice(0, k).reduce((a, b) => a + b, 0);   // share of the k most frequent words
  return { üs: p, [`en sık (${trainVocab.words[0]}) %`]: 100 * probs[0], 'en sık 2 %': top(2), 'en sık 15 %': top(15), 'en sık 50 %': top(50),
    [`en nadir (${trainVocab.words.at(-1)}) %`]: 100 * probs.at(-1)! };
}));

// cevap: 0.2
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

// cevap: 0.3
const kaybolanNgramlar: string[] = charNgrams('kitaplarımızdan', 3, 6).filter((g) => !charNgrams('kitablarımızdan', 3, 6).includes(g));
kaybolanNgramlar
// The neighbours: the misspelt word, a word below minCount and the right spelling, in §5's FastText (n-grams 3–6) and
// in one retrained with n-grams 2–4 (the rest as §5, seed 1); Word2Vec has a row for none of them.
const fastTextShort = await trainFastText(sentences, { ...w2vOptions, architecture: 'skipgram', minN: 2, maxN: 4 });
const typoWords = ['kitablarımızdan', 'defterlerimizde', 'kitaplarımızdan'];
showTable(typoWords.flatMap((w) => [['3–6', fastText], ['2–4', fastTextShort]].map(([n, m]) => ({
  kelime: w, 'derlemde sayısı': corpusCount(w), Word2Vec: hasVector(skipGram, w), 'FastText n-gram': n as string,
  'en yakın 5': top5(m as WordVectors, w), 'benzerlik(kelime, kitaplarımızdan)': formatNumber((m as WordVectors).similarity(w, 'kitaplarımızdan'), { digits: 3 }),
}))), { maxRows: 6, caption: 'Sözlük dışı iki kelime ve doğru yazım: FastText komşuları (tek tohum)' });

// cevap: 0.4
const sehirSayilari: Record<string, number> = Object.fromEntries(['istanbul', 'ankara', 'paris', 'roma', 'tokyo'].map((w) => [w, corpusCount(w)]));
sehirSayilari
// Where the cities land (one seed each): their Skip-gram neighbours, K-Means with the cities as a 10th topic (seed 1,
// as §7) and the t-SNE map of the 84 words (seed 1).
const cities = Object.keys(sehirSayilari);
showTable(cities.map((w) => ({ şehir: w, sayı: sehirSayilari[w], 'sözlükte': skipGram.has(w) ? 'evet' : 'hayır', 'Skip-gram: en yakın 5': top5(skipGram, w) })));
const cityTopics: Record<string, string[]> = { ...TOPICS, şehir: cities };
const cityWords = Object.values(cityTopics).flat();
const cityTopicOf = new Map(Object.entries(cityTopics).flatMap(([t, ws]) => ws.map((w) => [w, t] as [string, string])));
const Xcity = skipGram.matrix(cityWords, { unit: true });   // [84][100]
const cityClusters = kmeans(Xcity, Object.keys(cityTopics).length, { seed: 1 });
/** The words of cluster c and how many of them each topic has, e.g. "sağlık 8, şehir 5". */
const cityClusterRow = (c: number) => { const ws = cityWords.filter((_, i) => cityClusters[i] === c);
  return { küme: c, konular: [...new Set(ws.map((w) => cityTopicOf.get(w)!))].map((t) => `${t} ${ws.filter((w) => cityTopicOf.get(w) === t).length}`).join(', '), kelimeler: ws.join(', ') }; };
showTable(Array.from({ length: Object.keys(cityTopics).length }, (_, c) => cityClusterRow(c)), { maxRows: 10, caption: `K-Means, K = ${Object.keys(cityTopics).length} (tohum 1), şehirler 10. konu olarak` });
const cityMap = tsne2d(Xcity, { seed: 1 });
showScatter2d(cityWords.map((w, i) => ({ x: cityMap[i][0], y: cityMap[i][1], label: cityTopicOf.get(w) === 'şehir' ? w : '', group: cityTopicOf.get(w)!, hover: `${w} · konu: ${cityTopicOf.get(w)}` })),
  { title: 't-SNE: konu kelimeleri ve beş şehir (renk: konu)', xTitle: 't-SNE 1', yTitle: 't-SNE 2' });
/** The 5 words nearest to a city on the t-SNE map, with their topics. */
const mapNeighbours = (w: string) => { const k = cityWords.indexOf(w); return cityWords.map((v, i) => ({ v, d: Math.hypot(cityMap[i][0] - cityMap[k][0], cityMap[i][1] - cityMap[k][1]) }))
  .filter(({ v }) => v !== w).sort((a, b) => a.d - b.d).slice(0, 5).map(({ v }) => `${v} (${cityTopicOf.get(v)})`).join(', '); };
showTable(cities.map((w) => ({ şehir: w, 'haritada en yakın 5': mapNeighbours(w) })));

// cevap: 0.5
const ilkCevap = (m: WordVectors, w: string) => m.analogy(w, 'erkek', 'kadın', 1)[0].word;
const analojiCevaplari = { cbow: { dayı: ilkCevap(cbow, 'dayı'), imparator: ilkCevap(cbow, 'imparator') },
  skipGram: { dayı: ilkCevap(skipGram, 'dayı'), imparator: ilkCevap(skipGram, 'imparator') } };
// The two questions, then two relations the corpus was not written for: a topic and one of its words, and a case suffix.
const ownQuestions: [string, string, string, string][] = [['dayı', 'erkek', 'kadın', 'teyze'], ['imparator', 'erkek', 'kadın', 'imparatoriçe'],
  ['pilav', 'yemek', 'müzik', 'bir çalgı (gitar, piyano …)'], ['uçakla', 'uçak', 'tren', 'trenle']];
const top3With = (m: WordVectors, [a, b, c]: string[]) => m.analogy(a, b, c, 3).map((n) => `${n.word} (${formatNumber(n.similarity, { digits: 3 })})`).join(', ');
showTable(ownQuestions.map((q) => ({ soru: `${q[0]} − ${q[1]} + ${q[2]}`, beklenen: q[3], 'CBOW ilk 3': top3With(cbow, q), 'Skip-gram ilk 3': top3With(skipGram, q) })));
showTable(['müzik', 'yemek', 'uçak', 'tren'].map((w) => ({ kelime: w, 'derlemde sayısı': corpusCount(w),
  'geçtiği ilk 3 cümle': sentences.filter((s) => s.includes(w)).slice(0, 3).map((s) => s.join(' ')).join(' | ') })), { caption: 'Bu kelimeler derlemde hangi kalıplarda geçiyor?' });

// cevap: 0.6
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
