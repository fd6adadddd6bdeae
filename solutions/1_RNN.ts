// Reference solutions of 1_RNN.ipynb's exercises, for teachers and for `npm test` (its solutions run puts
// each block below in place of the notebook's answer cell with the same `// cevap:` line; every kontrol must
// then say ✓). Not a module: the blocks use the notebook's variables.

// cevap: 1.2
const XTrainPost: tf.Tensor2D = tf.tensor2d(padSequences(tokenizer.textsToSequences(textsOf(trainIds)), { maxLen: seqLen, padding: 'post' }));
XTrainPost.shape

// cevap: 1.3
/** ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ for U = s·Q and weak inputs (σ = 0.05), T = gradSteps. */
const measuredRatio = (s: number) => {
  const norms = probeGradients(s, 0.05).grads.map(vectorNorm);
  return norms[0] / norms[gradSteps - 1];
};
const oranlar: Record<string, number> = { '0,9': measuredRatio(0.9), '1,0': measuredRatio(1.0), '1,1': measuredRatio(1.1) };
showTable(Object.entries(oranlar).map(([s, oran]) => ({ s, oran: sci(oran), 'üst sınır s^(T−1)': sci(Number(s.replace(',', '.')) ** (gradSteps - 1)) })));
