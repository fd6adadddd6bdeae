// Reference solutions of 2_LSTM.ipynb's exercises, for teachers and for `npm test` (its solutions run puts
// each block below in place of the notebook's answer cell with the same `// cevap:` line; every kontrol must
// then say ✓). Not a module: the blocks use the notebook's variables.

// cevap: 2.1
/** lstmStep with tfjs's default gates: hardSigmoid(x) = max(0, min(1, 0.2·x + 0.5)). */
function hardLstmStep(x: tf.Tensor2D, hPrev: tf.Tensor2D, cPrev: tf.Tensor2D, w: LstmWeights): LstmStepOut {
  const hardSigmoid = (z: tf.Tensor) => tf.clipByValue(z.mul(0.2).add(0.5), 0, 1);
  return tf.tidy(() => {
    const z = x.matMul(w.kernel).add(hPrev.matMul(w.recurrentKernel)).add(w.bias); // [batchSize, 4·numHiddens]
    const [zi, zf, zc, zo] = tf.split(z, 4, 1);     // each [batchSize, numHiddens]
    const i = hardSigmoid(zi), f = hardSigmoid(zf), o = hardSigmoid(zo);
    const c = f.mul(cPrev).add(i.mul(tf.tanh(zc)));  // C_t = f ⊙ C_{t-1} + i ⊙ C̃_t (C̃_t keeps tanh)
    const h = o.mul(tf.tanh(c));                     // h_t = o ⊙ tanh(C_t)
    return { h, c, i, f, o } as LstmStepOut;
  });
}

// cevap: 2.3
const sinyalKalan = { b1: (1 / (1 + Math.exp(-1))) ** 50, b3: (1 / (1 + Math.exp(-3))) ** 50, b5: (1 / (1 + Math.exp(-5))) ** 50 };
sinyalKalan

// cevap: 2.4
/** True when the validation loss rose in each of the last two epochs. */
function durmaliMi(valLosses: number[]): boolean {
  const n = valLosses.length;
  return n >= 3 && valLosses[n - 1] > valLosses[n - 2] && valLosses[n - 2] > valLosses[n - 3];
}
// The rule on §5's training, in a new model (seed 42; §5's lmModel is untouched): where it stops, beside this
// run's best epoch and §5's lmBest.epoch, and how many of its sentences are verbatim training sentences,
// beside §6's two models (same sampler, start texts and draws).
setSeed(42);
const earlyModel = buildLanguageModel('LSTM');
const earlyStop = { stop: false };
const earlyLosses: number[] = [];
await trainModel(earlyModel, XTrain, yTrain, { epochs: epochs, batchSize: batchSize, validationData: [XVal, yVal], stop: earlyStop,
  onEpochEnd: (log) => { earlyLosses.push(log.valLoss!); earlyStop.stop = durmaliMi(earlyLosses); } });
const earlyBestEpoch = earlyLosses.indexOf(Math.min(...earlyLosses)) + 1;
const earlyVerbatim = sampleTemperatures.map((T) => shareOf(sampleSentences(startTexts, T, drawsPerStart, earlyModel, makeRandom(7)), 'birebir'));
showTable([
  { model: 'erken durdurulan', 'eğitilen epok': earlyLosses.length, 'en iyi doğrulama epoku': earlyBestEpoch,
    ...Object.fromEntries(sampleTemperatures.map((T, k) => [`birebir, T = ${formatNumber(T, { digits: 1 })}`, formatPercent(earlyVerbatim[k])])) },
  ...Object.keys(lmModels).map((name) => ({ model: `5. bölüm: ${name}`, 'eğitilen epok': name === 'son epok' ? epochs : lmBest.epoch, 'en iyi doğrulama epoku': lmBest.epoch,
    ...Object.fromEntries(sampleTemperatures.map((T) => [`birebir, T = ${formatNumber(T, { digits: 1 })}`, formatPercent(rowOf(name, `T = ${formatNumber(T, { digits: 1 })}`).birebir)])) })),
], { caption: 'Erken durdurma kuralı 5. bölümün eğitiminde (tek tohum, tek üreteç tohumu; 20 çekiliş × başlangıç ifadesi)' });
void earlyModel.dispose();

// cevap: 2.5
/** `ufuk` predictions, each fed back into the window (oldest value dropped); `pencere` itself is not changed. */
function cokAdimliTahmin(pencere: number[], ufuk: number, birSonraki: (pencere: number[]) => number): number[] {
  const window = [...pencere];
  const out: number[] = [];
  for (let k = 0; k < ufuk; k++) {
    const next = birSonraki(window);
    out.push(next);
    window.shift();
    window.push(next);
  }
  return out;
}
// Error by horizon over every test-year start that leaves 30 days (336), in °C, beside the season-only forecast.
const horizon = 30, forecastNext = (w: number[]) => tf.tidy(() => (forecaster.predict(tf.tensor3d([w.map((v) => [v])])) as tf.Tensor).dataSync()[0]);
const starts = testDays.filter((d) => d + horizon <= numDays);
const [fedBackError, seasonError] = [Array(horizon).fill(0) as number[], Array(horizon).fill(0) as number[]];
for (const d of starts) {
  cokAdimliTahmin(scaled.slice(d - windowSize, d), horizon, forecastNext).forEach((v, h) => {
    fedBackError[h] += Math.abs(v * tsStd + tsMean - temperatures[d + h]) / starts.length;
    seasonError[h] += Math.abs(seasonMean[d + h - trainDays] - temperatures[d + h]) / starts.length;
  });
}
const horizons = Array.from({ length: horizon }, (_, h) => h + 1);
showPlot({ data: [{ type: 'scatter', mode: 'lines+markers', name: 'LSTM, tahmin geri beslenerek', x: horizons, y: fedBackError },
    { type: 'scatter', mode: 'lines', name: 'yalnız mevsim (eğitim yıllarında aynı günün ortalaması)', x: horizons, y: seasonError, line: { dash: 'dash' } }],
  layout: { title: { text: `Çok adımlı tahmin: ufka göre ortalama mutlak hata (${starts.length} başlangıç günü)` }, height: 360,
    xaxis: { title: { text: 'ufuk (gün)' } }, yaxis: { title: { text: 'ortalama mutlak hata (°C)' } } } });
showTable([1, 5, 10, 20, 30].map((h) => ({ ufuk: h, 'LSTM, geri besleme (°C)': formatNumber(fedBackError[h - 1]), 'yalnız mevsim (°C)': formatNumber(seasonError[h - 1]) })),
  { caption: `Test yılı, ${starts.length} başlangıç günü, tek eğitim tohumu (42); mevsimden kötü olduğu ilk ufuk: ${horizons.find((h) => fedBackError[h - 1] > seasonError[h - 1]) ?? '—'}` });
