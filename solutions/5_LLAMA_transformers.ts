// Reference solutions of 5_LLAMA_transformers.ipynb's exercises, for teachers and for `npm test` (its solutions run
// puts each block below in place of the notebook's answer cell with the same `// cevap:` line; every kontrol must
// then say ✓). Not a module: the blocks use the notebook's variables.

// cevap: 5.1
/** ⟨q, R_uzaklik k⟩: k rotated by RoPE (half-split pairs) `uzaklik` positions, dotted with q. */
function mesafeSkoru(q: number[], k: number[], uzaklik: number, taban: number): number {
  return tf.tidy(() => {
    const kRot = applyRotary(tf.tensor4d(k, [1, 1, 1, k.length]), rotaryTables(k.length, uzaklik, 1, taban)); // (1, 1, 1, d_h)
    return tf.sum(tf.mul(tf.tensor1d(q), kRot.reshape([k.length]))).dataSync()[0];
  });
}
// One seeded random q, k pair against section 3's q = k = (1, …, 1), for two bases, 0 … 4000 tokens apart.
setSeed(11);
const [qRand, kRand] = [Array.from(valuesOf(() => tf.randomNormal([headDim]))), Array.from(valuesOf(() => tf.randomNormal([headDim])))];
const onesVec = Array<number>(headDim).fill(1);
const gapsOut = Array.from({ length: 101 }, (_, i) => 40 * i);
showPlot({
  data: [10000, 500000].flatMap((b) => [
    { type: 'scatter' as const, mode: 'lines' as const, name: `rastgele q, k; taban ${formatNumber(b, { digits: 0 })}`, x: gapsOut, y: gapsOut.map((d) => mesafeSkoru(qRand, kRand, d, b) / headDim) },
    { type: 'scatter' as const, mode: 'lines' as const, name: `q = k; taban ${formatNumber(b, { digits: 0 })}`, x: gapsOut, y: gapsOut.map((d) => mesafeSkoru(onesVec, onesVec, d, b) / headDim) },
  ]),
  layout: { title: { text: 'RoPE skoru uzaklığa göre: rastgele q, k ve q = k' }, height: 340, xaxis: { title: { text: 'uzaklık n − m (token)' } }, yaxis: { title: { text: 'q·R k / d_h' } } },
});

// cevap: 5.2
/** Section 4's criterion on flat (T, V) logits: relative max |Δ| < 1e-4, and the same top-1 wherever the reference's top-1 is decided. */
function olcutGeciyor(bizim: Float32Array, referans: Float32Array, V: number): boolean {
  const tol = 1e-4;
  let maxDiff = 0, maxAbs = 0;
  for (let i = 0; i < referans.length; i++) { maxDiff = Math.max(maxDiff, Math.abs(bizim[i] - referans[i])); maxAbs = Math.max(maxAbs, Math.abs(referans[i])); }
  if (maxDiff / maxAbs >= tol) return false;
  const [ours, ref] = [argmaxRows(bizim, V), argmaxRows(referans, V)];
  return ref.every((best, t) => topMargin(referans.subarray(t * V, (t + 1) * V), best) <= 2 * tol * maxAbs || ours[t] === best);
}
// A Turkish sentence of our own, with the correct model and with the ε bug of section 4.
const myIds = encode('Yarın sabah erkenden kalkıp deniz kenarında uzun bir yürüyüşe çıkacağım.');
const myRef = await referenceLogits(fp32, myIds);
({ token: myIds.length, 'doğru model': olcutGeciyor(ourLogits(myIds), myRef, V) ? 'geçti' : 'kaldı',
   'ε hatalı model': olcutGeciyor(withLlamaBug(llama, 'rms-eps', () => ourLogits(myIds)), myRef, V) ? 'geçti' : 'kaldı' })

// cevap: 5.3
/** Least squares line y ≈ a + b·x. */
function dogruUydur(x: number[], y: number[]): { a: number; b: number } {
  const n = x.length;
  const [mx, my] = [x.reduce((s, v) => s + v, 0) / n, y.reduce((s, v) => s + v, 0) / n];
  const b = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / x.reduce((s, v) => s + (v - mx) ** 2, 0);
  return { a: my - b * mx, b };
}
// Step 0 reads the prompt on both paths: the fit starts at step 1.
const fitLens = seqLens.slice(1);
const fits = { önbelleksiz: dogruUydur(fitLens, withoutCache.msPerStep.slice(1)), önbellekli: dogruUydur(fitLens, withCache.msPerStep.slice(1)) };
showPlot({
  data: Object.entries(fits).flatMap(([name, fit]) => [
    { type: 'scatter' as const, mode: 'markers' as const, name: `${name}: ölçülen`, x: fitLens, y: (name === 'önbelleksiz' ? withoutCache : withCache).msPerStep.slice(1) },
    { type: 'scatter' as const, mode: 'lines' as const, name: `${name}: a + b·T`, x: fitLens, y: fitLens.map((T) => fit.a + fit.b * T) },
  ]),
  layout: { title: { text: 'Adım süresi ve en küçük kareler doğrusu (bu makinede ölçüldü)' }, height: 340, xaxis: { title: { text: 'dizi uzunluğu T (token)' } }, yaxis: { title: { text: 'ms / adım' } } },
});
Object.fromEntries(Object.entries(fits).map(([name, fit]) => [`${name}: eğim (ms / token)`, formatNumber(fit.b, { digits: 2 })]))

// cevap: 5.4
/** Reciprocal rank fusion: each chunk scores Σ 1/(k + its rank) over the rankings; the fused ranking, best first. */
function rrf(siralamalar: number[][], k = 60): number[] {
  const score = new Map<number, number>();
  for (const ranking of siralamalar) ranking.forEach((chunk, r) => score.set(chunk, (score.get(chunk) ?? 0) + 1 / (k + r + 1)));
  return [...score.keys()].sort((a, b) => score.get(b)! - score.get(a)!);
}
const fusedRank = (qi: number) => rrf([retrievers.BM25(qi), retrievers['gömme (kosinüs)'](qi)]);
showTable([...Object.entries(retrievers), ['BM25 + gömme (RRF)', fusedRank] as const].map(([name, rank]) => ({ erişici: name,
  ...Object.fromEntries(ks.map((k) => [`recall@${k}`, formatNumber(recallAt(rank, k), { digits: 2 })])) })), { caption: `${ragQuestions.length} soru` });

// cevap: 5.5
for (const [n, v] of mini.namedParameters()) v.assign(frozen.get(n)!); // undo section 9's merge()
const qvRows: { r: number; count: number; loss: number }[] = [];
for (const r of [1, 4, 16]) {
  setSeed(2);
  const adapter = addLora(mini, { r, alpha: 2 * r, targets: /(q_proj|v_proj)$/ });
  trainChars(mini, task.train, adapter.trainableVariables(), 60, 3e-3, 2);
  qvRows.push({ r, count: adapter.numTrainable(), loss: heldOutLoss(task.heldOut) });
  adapter.remove();
}
showTable(qvRows.map((row) => ({ r: row.r, 'eğitilen parametre': row.count, 'ayrılmış kayıp, yorumlar': formatNumber(row.loss, { digits: 3 }) })),
  { caption: `Yalnızca q_proj ve v_proj, 60 adım, tek tohum; LoRA öncesi ${formatNumber(before['restoran yorumları'], { digits: 3 })}` });
const loraQV = { parametre: { r1: qvRows[0].count, r4: qvRows[1].count, r16: qvRows[2].count }, kayip: { r1: qvRows[0].loss, r4: qvRows[1].loss, r16: qvRows[2].loss } };
loraQV
