/** Scalar math the exercise checks share for their hidden references (one home each; the notebooks use tf's ops). */

/** The logistic sigmoid σ(x) = 1 / (1 + e^(−x)): word2vec's negative-sampling loss (0.ts) and LSTM gates (2.ts). */
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
