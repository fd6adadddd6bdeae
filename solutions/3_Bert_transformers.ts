// Reference solutions of 3_Bert_transformers.ipynb's exercises, for teachers and for `npm test` (its solutions
// run puts each block below in place of the notebook's answer cell with the same `// cevap:` line; every kontrol
// must then say ✓). Not a module: the blocks use the notebook's variables.

// cevap: 3.1
/** Attention weights (T_q, T_k): softmax(Q Kᵀ / √d_k) when `olcekli`, softmax(Q Kᵀ) otherwise. */
function dikkatAgirliklari(Q: tf.Tensor2D, K: tf.Tensor2D, olcekli: boolean): tf.Tensor2D {
  return tf.tidy(() => {
    const scores = tf.matMul(Q, K, false, true);                      // (T_q, T_k): q_i · k_j
    return tf.softmax(olcekli ? tf.div(scores, Math.sqrt(Q.shape[1])) : scores) as tf.Tensor2D;   // each row sums to 1
  });
}
// d_k = 64: the largest weight of each row, scaled and unscaled (6 random queries and keys, as in §2).
const Q64 = tf.randomNormal([6, 64], 0, 1, 'float32', 7) as tf.Tensor2D, K64 = tf.randomNormal([6, 64], 0, 1, 'float32', 8) as tf.Tensor2D;   // (T, d_k)
const rowMax = (olcekli: boolean) => Array.from(tf.tidy(() => tf.max(dikkatAgirliklari(Q64, K64, olcekli), 1)).dataSync());   // (T)
const [scaledMax, unscaledMax] = [rowMax(true), rowMax(false)];
showTable(scaledMax.map((_, i) => ({ sorgu: i + 1, 'ölçekli: en büyük ağırlık': formatNumber(scaledMax[i], { digits: 3 }),
  'ölçeksiz: en büyük ağırlık': formatNumber(unscaledMax[i], { digits: 3 }) })));
// The model answer's claim: unscaled, most rows put almost all their weight on one key; scaled, none does.
// Bound: at least 4 of 6 rows above 0,9 unscaled. Scaling by √d_k in both cases (the wrong answer) gives 0 such rows
// (the scaled rows' maxima stay under 0,7); unscaled scores have std ≈ 8 here, so nearly every row saturates (5–6).
assert.ok(unscaledMax.filter((m) => m > 0.9).length >= 4 && scaledMax.every((m) => m < 0.7), `${scaledMax} / ${unscaledMax}`);

// cevap: 3.2
const ogrenilenTablo = tf.randomNormal([4, dK], 0, 1, 'float32', 5) as tf.Tensor2D;   // (T, d): a learned table starts random
const ogrenilenFark = orderGap((X) => tf.add(X, ogrenilenTablo) as tf.Tensor2D);
const fark3 = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, formatNumber(v, { digits: 3 })]));
showTable([{ girdi: 'kelime + sinüs konumları (2.2)', ...fark3(withPositions) }, { girdi: 'kelime + öğrenilen (rastgele başlatılmış) konumlar', ...fark3(ogrenilenFark) }]);
// The model answer's claim: a random table separates the two orders too.
assert.ok(ogrenilenFark['cümle vektörü farkı'] > 1e-3);

// cevap: 3.3
const cokDilliSayim = bertParameters({ ...bertBase, vocab_size: 119547 });
const cokDilli = { toplam: cokDilliSayim.toplam, gommePayi: cokDilliSayim.gömmeler / cokDilliSayim.toplam };
showFacts({ 'çok dilli BERT toplam': cokDilli.toplam, 'gömme payı (çok dilli)': formatPercent(cokDilli.gommePayi),
  'gömme payı (bert-base)': formatPercent(bertBaseCount.gömmeler / bertBaseCount.toplam) })

// cevap: 3.4
/** WordPiece with the shortest match first; later pieces carry '##'; no match somewhere → [UNK] for the whole word. */
function enKisaWordPiece(word: string, vocab: Map<string, number>): string[] {
  const chars = [...word];
  const pieces: string[] = [];
  for (let start = 0; start < chars.length;) {
    let end = start + 1;
    let piece: string | null = null;
    for (; end <= chars.length; end++) {                 // try the shortest candidate first
      const candidate = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
      if (vocab.has(candidate)) { piece = candidate; break; }
    }
    if (piece === null) return ['[UNK]'];
    pieces.push(piece);
    start = end;
  }
  return pieces;
}
showTable([['en uzun eşleşme', wordPiece('kitaplarımızdan', wpVocab)], ['en kısa eşleşme', enKisaWordPiece('kitaplarımızdan', wpVocab)]]
  .map(([kural, parçalar]) => ({ kural: kural as string, parçalar: (parçalar as string[]).join(' '), 'parça sayısı': (parçalar as string[]).length })));
// The model answer's claim: shortest-match cuts the word into its letters, one piece per letter.
assert.equal(enKisaWordPiece('kitaplarımızdan', wpVocab).length, [...'kitaplarımızdan'].length);

// cevap: 3.5
const uzunBert = new MiniBert(miniConfig);
uzunBert.setWeights(Object.fromEntries(miniBert.namedParameters()));   // a copy: miniBert stays §6's 400-step model
const uzunParts = { mlm: [] as number[], nsp: [] as number[] };
const extraSteps = 300;
await pretrain(uzunBert, { seed: 44, steps: extraSteps, from: pretrainSteps, parts: uzunParts, progress: newProgress({ label: `Ön eğitim: ${extraSteps} adım daha`, total: extraSteps }) });
// 25 labels, §6's seeds and labelled reviews: the continued model against §6's two columns.
const uzunRows: { tohum: number; test: number; ayrılmış: number }[] = [];
for (const seed of fineTuneSeeds) {
  const { model } = await fineTune(uzunBert, labelledSubset(25, 100 + seed), seed);
  uzunRows.push({ tohum: seed, test: accuracyOf(bertProbs(model, testTexts), testLabels), ayrılmış: accuracyOf(bertProbs(model, heldoutTexts), heldoutLabels) });
  model.dispose();
}
const uzunCell = (metric: 'test' | 'ayrılmış') => ({ mean: meanOf(uzunRows.map((r) => r[metric])), min: Math.min(...uzunRows.map((r) => r[metric])),
  max: Math.max(...uzunRows.map((r) => r[metric])) });
showTable((['test', 'ayrılmış'] as const).map((metric) => ({ 'etiketli yorum': 25, ölçüm: metric, 'sıfırdan (6. bölüm)': spread(cell(25, 'sıfırdan', metric)),
  'ön eğitimli, 400 adım (6. bölüm)': spread(cell(25, 'ön eğitimli',
    metric)), [`ön eğitimli, ${400 + extraSteps} adım`]: spread(uzunCell(metric)) })), { caption: '3 tohumun ortalaması (en düşük–en yüksek)' });
const uzunNsp = nspAccuracy(uzunBert, unseenEncoded), kisaNsp = nspRows[3]['NSP doğruluğu'];   // §5's table has the 400-step one
const [mlm400, mlm700, nsp400, nsp700] = [partLosses.mlm, uzunParts.mlm, partLosses.nsp, uzunParts.nsp].map((xs) => meanOf(xs.slice(-50)));
showFacts(Object.fromEntries(Object.entries({ 'MLM: son 50 adım (400 / 700 adım)': [mlm400, mlm700], 'NSP: son 50 adım (400 / 700 adım)': [nsp400, nsp700],
  'NSP doğruluğu, görülmemiş (400 / 700 adım)': [kisaNsp, uzunNsp] }).map(([k, v]) => [k, v.map((x) => formatNumber(x, { digits: 3 })).join(' / ')])))
// The model answer's claims: NSP learned much more (held-out accuracy up by over 10 points, the loss lower); on the ayrılmış reviews
// the 25-label mean rose by over 5 points (3 of 60 reviews) to the scratch level (ranges overlap); on the test split it stays below scratch.
assert.ok(uzunNsp > kisaNsp + 0.1 && nsp700 < nsp400, `NSP: ${uzunNsp} vs ${kisaNsp}`);
const [u, p0, s0] = [uzunCell('ayrılmış'), cell(25, 'ön eğitimli', 'ayrılmış'), cell(25, 'sıfırdan', 'ayrılmış')];
assert.ok(u.mean > p0.mean + 0.05 && u.min <= s0.max && s0.min <= u.max, `ayrılmış ${u.mean} vs ${p0.mean} / ${s0.mean}`);
assert.ok(uzunCell('test').mean < cell(25, 'sıfırdan', 'test').mean, 'test');

// cevap: 3.6
/** The "it" row of one sentence's attention in attnModel: weight(layer, head, target), layers and heads counted from 0. */
async function itRow(cumle: string) {
  const enc = attnModel.tokenizer(cumle);
  const tokens = (enc.input_ids.tolist() as number[][])[0].map((id) => attnModel.tokenizer.decode([id]));
  const attn = ((await attnModel.model(enc)).attentions.tolist() as number[][][][][])[0];   // (layers, heads, T, T)
  return (l: number, h: number, target: string) => attn[l][h][tokens.indexOf('it')][tokens.indexOf(target)];
}
/** Attention weight from "it" to `hedef` in layer `katman`, head `bas` (both counted from 0) of attnModel. */
const itAgirligi = async (cumle: string, hedef: string, katman: number, bas: number) => (await itRow(cumle))(katman, bas, hedef);
// Every head in both sentences (one forward pass each): does any head move "it" from the trophy (big) to the suitcase (small)?
const [big, small] = [await itRow("The trophy didn't fit in the suitcase because it was too big."), await itRow("The trophy didn't fit in the suitcase because it was too small.")];
const trophyRows = Array.from({ length: numLayers * numHeads }, (_, k) => {
  const [l, h] = [Math.floor(k / numHeads), k % numHeads];
  return { katman: l, baş: h, 'big: it → trophy': big(l, h, 'trophy'), 'big: it → suitcase': big(l, h, 'suitcase'),
    'small: it → trophy': small(l, h, 'trophy'), 'small: it → suitcase': small(l, h, 'suitcase') };
});
const follows = trophyRows.filter((r) => r['big: it → trophy'] > r['big: it → suitcase'] && r['small: it → suitcase'] > r['small: it → trophy']);
const byTrophy = [...trophyRows].sort((a, b) => b['big: it → trophy'] - a['big: it → trophy']);
const agirlik3 = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'katman' || k === 'baş' ? v : formatNumber(v, { digits: 3 })]));
showTable(byTrophy.slice(0, 4).map(agirlik3), { caption: '"big" cümlesinde "it → trophy" ağırlığı en büyük dört baş' });
showFacts({ 'anlama göre yön değiştiren baş (big: trophy, small: suitcase)': `${follows.length} / ${trophyRows.length}`,
  ...Object.fromEntries(follows.map((r) => [`katman ${r.katman}, baş ${r.baş}: big trophy / suitcase, small trophy / suitcase`,
    [r['big: it → trophy'], r['big: it → suitcase'], r['small: it → trophy'], r['small: it → suitcase']].map((w) => formatNumber(w, { digits: 5 })).join(' · ')])),   // tiny: 5 decimals
  'small cümlesinde en büyük it → suitcase': formatNumber(Math.max(...trophyRows.map((r) => r['small: it → suitcase'])), { digits: 3 }) })
// The model answer's claims: at most two of 72 heads follow the meaning, each with almost no weight on either word (a flip inside the
// noise); the head strongest on "trophy" (§8's layer 3, head 1) keeps "trophy" in both.
assert.ok(follows.every((r) => Math.max(r['big: it → trophy'], r['big: it → suitcase'], r['small: it → trophy'], r['small: it → suitcase']) < 0.02), 'yön değiştiren baş iki kelimeye de bakmamalı');
assert.ok(follows.length <= 2 && byTrophy[0].katman === 3 && byTrophy[0].baş === 1 && byTrophy[0]['small: it → trophy'] > byTrophy[0]['small: it → suitcase']);
