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
// 30 days ahead from the first day of the test year, with the trained forecaster (scaled values in, °C out).
const forecastNext = (w: number[]) => tf.tidy(() => (forecaster.predict(tf.tensor3d([w.map((v) => [v])])) as tf.Tensor).dataSync()[0]);
const ahead = cokAdimliTahmin(scaled.slice(trainDays - windowSize, trainDays), 30, forecastNext).map((v) => v * tsStd + tsMean);
showTable(ahead.map((p, h) => ({ ufuk: h + 1, tahmin: formatNumber(p), gerçek: formatNumber(temperatures[trainDays + h]) })), { maxRows: 30 });
