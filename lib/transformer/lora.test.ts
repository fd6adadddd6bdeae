import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { MiniGpt } from './gpt';
import { addLora, loraParameterFormula } from './lora';

const config = { vocabSize: 20, contextLength: 16, numLayers: 2, numHeads: 2, dModel: 8 };
const ids = [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]];
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

test('B = 0 at the start: the adapted model computes exactly the base model', () => {
  const gpt = new MiniGpt(config);
  const base = gpt.forward(ids).logits;
  const lora = addLora(gpt, { r: 2, targets: /c_attn$/ });
  assert.deepEqual(lora.adapters.map((a) => a.name), ['transformer.h.0.attn.c_attn', 'transformer.h.1.attn.c_attn']);
  assert.equal(maxDiff(gpt.forward(ids).logits, base), 0);
  lora.remove();
  gpt.dispose();
});

test('trainable count follows r·(in + out); merge gives base + adapter outputs and removes the adapters', () => {
  const gpt = new MiniGpt(config);
  const lora = addLora(gpt, { r: 2, alpha: 4, targets: /(c_attn|c_proj)$/ });
  const shapes = lora.adapters.map((a) => a.linear.weight.shape as [number, number]);
  assert.equal(lora.numTrainable(), loraParameterFormula(shapes, 2));
  assert.equal(lora.trainableVariables().length, 2 * lora.adapters.length);
  for (const a of lora.adapters) a.B.assign(tf.randomNormal(a.B.shape, 0, 0.5)); // a trained-looking update
  const adapted = gpt.forward(ids).logits;
  const weightBefore = lora.adapters[0].linear.weight.clone();
  const linear = lora.adapters[0].linear;
  lora.merge();
  assert.equal(linear.adapter, null);
  assert.ok(maxDiff(linear.weight, weightBefore) > 0, 'W changed by the merge');
  assert.ok(maxDiff(gpt.forward(ids).logits, adapted) < 1e-5, 'merged = base + adapter');
  gpt.dispose();
});

test('clear errors: no matching projection, an adapter already there, r too large', () => {
  const gpt = new MiniGpt(config);
  assert.throws(() => addLora(gpt, { targets: /q_proj$/ }), /hiçbir izdüşüm targets ile eşleşmiyor, verilen: \/q_proj\$\/\. Modeldekiler: transformer\.h\.0\.attn\.c_attn/);
  assert.throws(() => addLora(gpt, { r: 0 }), /r pozitif bir tam sayı olmalı/);
  assert.throws(() => addLora(gpt, { r: 9, targets: /c_attn$/ }), /aşamaz/);
  const lora = addLora(gpt, { r: 2, targets: /c_attn$/ });
  assert.throws(() => addLora(gpt, { r: 2, targets: /c_attn$/ }), /zaten bir bağdaştırıcı var/);
  lora.remove();
  gpt.dispose();
});
