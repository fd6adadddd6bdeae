// Reference solutions of 1_RNN.ipynb's exercises, for teachers and for `npm test` (its solutions run puts
// each block below in place of the notebook's answer cell with the same `// cevap:` line; every kontrol must
// then say ✓). Not a module: the blocks use the notebook's variables.

// cevap: 1.2
const XTrainPost: tf.Tensor2D = tf.tensor2d(padSequences(tokenizer.textsToSequences(textsOf(trainIds)), { maxLen: seqLen, padding: 'post' }));
XTrainPost.shape
// The retraining: 8.2's whole pipeline on the same three splits with post padding, beside 8.2's 'pre' rows.
// Çözüm dosyasında yeniden eğitim de cevap hücresinde duruyor; defterde onu kontrol'ün altındaki boş hücreye yazın.
/** "mean ± sd" of three values, `digits` decimals (4 for losses, which reach 10⁻⁴). */
const meanSdText = (xs: number[], digits = 3) => { const { mean, sd } = meanSd(xs); return `${formatNumber(mean, { digits })} ± ${formatNumber(sd, { digits })}`; };
/** 8.2's pipeline on splits 42, 1 and 2 with a padding and a variant (the kept trainable models are disposed). */
async function variantRows(padding: 'pre' | 'post', variant: SplitVariant = {}) {
  const rows: { tohum: number; accuracies: number[]; fits: { loss: number; valLoss: number }[] }[] = [];
  for (const seed of [42, 1, 2]) {
    const { accuracies, fits, run } = await accuraciesOnSplit(seed, padding, variant);
    run.tunedModel.dispose();
    rows.push({ tohum: seed, accuracies, fits });
  }
  return rows;
}
/** One row per embedding variant: the test accuracy of each split and mean ± sd, for 8.2's rows and a new run's. */
const besideSeedRows = (label: string, rows: { tohum: number; accuracies: number[] }[]) => variantNames.slice(0, 2).map((name, v) => ({
  gömme: name, '8.2 (baştan dolgu, düz metin)': meanSdText(seedRows.map((r) => r.accuracies[v])),
  ...Object.fromEntries(rows.map((r) => [`${label}: tohum ${r.tohum}`, formatNumber(r.accuracies[v], { digits: 3 })])),
  [`${label}: ortalama ± standart sapma`]: meanSdText(rows.map((r) => r.accuracies[v])),
}));
const postRows = await variantRows('post');
showTable(besideSeedRows('sondan dolgu', postRows), { caption: 'Alıştırma 1.2: sondan dolgu, üç bölme (test doğruluğu)' });

// cevap: 1.3
/** ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ for U = s·Q and weak inputs (σ = 0.05), T = gradSteps. */
const measuredRatio = (s: number) => {
  const norms = probeGradients(s, 0.05).grads.map(vectorNorm);
  return norms[0] / norms[gradSteps - 1];
};
const oranlar: Record<string, number> = { '0,9': measuredRatio(0.9), '1,0': measuredRatio(1.0), '1,1': measuredRatio(1.1) };
showTable(Object.entries(oranlar).map(([s, oran]) => ({ s, oran: sci(oran), 'üst sınır s^(T−1)': sci(Number(s.replace(',', '.')) ** (gradSteps - 1)) })));

// cevap: 1.4
/** The review's words in reverse order, e.g. "Yemekler lezzetliydi ama çok pahalı." → "pahalı çok ama lezzetliydi yemekler". */
function tersCevir(metin: string): string {
  return words(metin).reverse().join(' ');
}
// The retraining: every review reversed, 8.2's pipeline on the same three splits (padding 'pre').
// Çözüm dosyasında yeniden eğitim de cevap hücresinde duruyor; defterde onu kontrol'ün altındaki boş hücreye yazın.
const reversedRows = await variantRows('pre', { transform: tersCevir });
showTable(besideSeedRows('ters çevrilmiş', reversedRows), { caption: 'Alıştırma 1.4: kelimeleri ters çevrilmiş yorumlar, üç bölme (test doğruluğu)' });

// cevap: 1.5
// Embedding width 8, 32 (the notebook's) and 100 on the three splits: test accuracy and the gap between the last
// epoch's validation and training loss, frozen and trainable embedding.
const widthRows = [];
for (const dim of [8, 32, 100]) {
  const rows = await variantRows('pre', { dim });
  for (const [v, name] of variantNames.slice(0, 2).entries()) {
    widthRows.push({ boyut: dim, gömme: name, 'test doğruluğu': meanSdText(rows.map((r) => r.accuracies[v])),
      'eğitim kaybı (20. epok)': meanSdText(rows.map((r) => r.fits[v].loss), 4), 'doğrulama kaybı (20. epok)': meanSdText(rows.map((r) => r.fits[v].valLoss), 4),
      'fark: doğrulama − eğitim': meanSdText(rows.map((r) => r.fits[v].valLoss - r.fits[v].loss), 4) });
  }
}
showTable(widthRows, { maxRows: widthRows.length, caption: 'Alıştırma 1.5: gömme boyutu, üç bölme (ortalama ± standart sapma)' });

// cevap: 1.6
// The seed-42 split, the trainable-embedding model from one start (setSeed(42)); plain SGD at a high rate and Adam,
// each with and without clipNorm: 1. Every step's loss, and the last epoch's mean training loss and test accuracy.
const optimizerRuns = [];
for (const [name, makeOptimizer] of [['SGD (0,5)', () => tf.train.sgd(0.5)], ['SGD (2)', () => tf.train.sgd(2)], ['Adam (0,05)', () => tf.train.adam(0.05)]] as [string, () => tf.Optimizer][]) {
  for (const clipNorm of [undefined, 1]) {
    setSeed(42);
    const model = createSentimentModel(true);
    model.compile({ optimizer: makeOptimizer(), loss: 'binaryCrossentropy' });
    const history = await trainModel(model, XTrain, yTrain, { epochs: epochs, batchSize: batchSize, clipNorm: clipNorm, validationData: [XVal, yVal] });
    optimizerRuns.push({ ad: `${name}${clipNorm ? ', clipNorm 1' : ''}`, history, test: accuracyOn(model, XTest, testIds) });
    model.dispose();
  }
}
showPlot({
  data: optimizerRuns.map((r, k) => ({ type: 'scatter', mode: 'lines', name: r.ad, y: r.history.batchLosses, line: { dash: k % 2 === 0 ? 'solid' : 'dash' } })),
  layout: { title: { text: 'Alıştırma 1.6: her adımın kaybı (eğitilebilir gömme, tohum 42)' }, height: 380,
    xaxis: { title: { text: 'adım (yığın)' } }, yaxis: { title: { text: 'kayıp (logaritmik)' }, type: 'log', exponentformat: 'power' } },
});
showTable(optimizerRuns.map((r) => ({ deneme: r.ad,
  'eğitim kaybı: 1. epok': formatNumber(r.history.epochs[0].loss, { digits: 4 }), 'eğitim kaybı: 20. epok': formatNumber(r.history.epochs[epochs - 1].loss, { digits: 4 }),
  'en büyük adım kaybı': formatNumber(Math.max(...r.history.batchLosses), { digits: 4 }),
  'doğrulama kaybı: 20. epok': formatNumber(r.history.epochs[epochs - 1].valLoss!, { digits: 4 }), 'test doğruluğu': formatNumber(r.test, { digits: 3 }) })),
  { caption: 'Tek tohum (42), tek bölme' });
