import * as tf from '@tensorflow/tfjs';
import { initTf, setFused, setSeed } from './tf';
import { MiniGpt } from './transformer/gpt';
import { lmBatch, lmLoss, makeTransformerStep } from './transformer/train';
const GPT = { vocabSize: 96, contextLength: 32, numLayers: 2, numHeads: 4, dModel: 64 };
const tokens = Int32Array.from({ length: 2000 }, (_, i) => (i * 7 + (i >> 3)) % 96);
(async () => {
  await initTf({ backend: 'wasm', quiet: true });
  setSeed(1);
  const model = new MiniGpt(GPT);
  const step = makeTransformerStep(model, (b: any) => lmLoss(model, b.x, b.y), { optimizer: tf.train.sgd(0.5) });
  const b1 = lmBatch(tokens, 4, 32), b2 = lmBatch(tokens, 4, 32);
  step(b1);
  const l = (f: boolean) => { setFused(f); return tf.tidy(() => lmLoss(model, b2.x, b2.y).dataSync()[0]); };
  console.log(process.env.PROBE_FAST, 'wasm fast', l(true), 'readable', l(false));
})();
