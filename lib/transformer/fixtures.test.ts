/**
 * lib/transformer against PyTorch and Hugging Face transformers with the same weights and inputs:
 * the JSON files in fixtures/ are written by fixtures/make_fixtures.py (see its header).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../tf/backend';
import { assertTensorsClose } from '../tf/testing';
import { MultiHeadAttention, paddingMask, scaledDotProductAttention, causalMask } from './attention';
import { BertLayer, bertConfig, MiniBert } from './bert';
import { GptBlock, gptConfig, MiniGpt } from './gpt';
import { HasParameters, loadParameters } from './layers';
import { LlamaDecoderLayer, llamaConfig, MiniLlama } from './llama';
import { SwiGlu } from './mlp';
import { RMSNorm } from './norms';
import { applyRotary, rotaryTables } from './positions';

interface Stored { shape: number[]; data: number[] }
type Fixture = Record<string, unknown>;

const TOL = 2e-5; // float32: relative to max(1, max |expected|)

function fixture(name: string): Fixture {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as Fixture;
}

function tensor(f: Fixture, key: string): tf.Tensor {
  const s = f[key] as Stored;
  return tf.tensor(s.data, s.shape, 'float32');
}

function weights(f: Fixture): Record<string, tf.Tensor> {
  return Object.fromEntries(Object.entries(f.weights as Record<string, Stored>).map(([n, s]) => [n, tf.tensor(s.data, s.shape, 'float32')]));
}

function load(module: HasParameters, f: Fixture): void {
  const w = weights(f);
  loadParameters('fixture', module.namedParameters(), w);
  tf.dispose(Object.values(w));
}

function dispose(module: HasParameters): void {
  for (const v of module.namedParameters().values()) v.dispose();
}

before(async () => {
  await initTf({ backend: 'wasm', quiet: true });
});

test('scaled dot-product attention = torch.nn.functional.scaled_dot_product_attention (padding and causal masks)', () => {
  const f = fixture('sdpa');
  tf.tidy(() => {
    const [q, k, v] = ['q', 'k', 'v'].map((n) => tensor(f, n));
    const padded = scaledDotProductAttention(q, k, v, paddingMask(f.attentionMask as number[][]));
    assertTensorsClose(padded.output, tensor(f, 'paddedOutput'), TOL, 'padded output');
    assertTensorsClose(padded.weights, tensor(f, 'paddedWeights'), TOL, 'padded weights');
    const causal = scaledDotProductAttention(q, k, v, causalMask(5));
    assertTensorsClose(causal.output, tensor(f, 'causalOutput'), TOL, 'causal output');
    assertTensorsClose(causal.weights, tensor(f, 'causalWeights'), TOL, 'causal weights');
  });
});

test('multi-head attention with biases and padding = torch.nn.MultiheadAttention', () => {
  const f = fixture('mha');
  const mha = new MultiHeadAttention({ dModel: 8, numHeads: f.numHeads as number });
  load(mha, f);
  tf.tidy(() => {
    const { output, weights: w } = mha.forward(tensor(f, 'x'), { mask: paddingMask(f.attentionMask as number[][]) });
    assertTensorsClose(output, tensor(f, 'output'), TOL, 'output');
    assertTensorsClose(w, tensor(f, 'attentionWeights'), TOL, 'per-head weights');
  });
  dispose(mha);
});

test('grouped-query attention with RoPE = transformers LlamaAttention (4 query heads, 2 kv heads)', () => {
  const f = fixture('gqa');
  const attn = new MultiHeadAttention({ dModel: 16, numHeads: 4, numKvHeads: 2, bias: false });
  load(attn, f);
  tf.tidy(() => {
    const { output, weights: w } = attn.forward(tensor(f, 'x'), { causal: true, rotary: rotaryTables(4, 0, 6, f.ropeTheta as number) });
    assertTensorsClose(output, tensor(f, 'output'), TOL, 'output');
    assertTensorsClose(w, tensor(f, 'attentionWeights'), TOL, 'weights');
  });
  dispose(attn);
});

test('RoPE tables and rotation = transformers LlamaRotaryEmbedding + apply_rotary_pos_emb (positions 0… and 1000…)', () => {
  const f = fixture('rope');
  for (const c of f.cases as Fixture[]) {
    tf.tidy(() => {
      const r = rotaryTables(f.headDim as number, c.start as number, 5, f.theta as number);
      assertTensorsClose(r.cos, tensor(c, 'cos'), 1e-6, `cos from ${c.start}`);
      assertTensorsClose(r.sin, tensor(c, 'sin'), 1e-6, `sin from ${c.start}`);
      assertTensorsClose(applyRotary(tensor(f, 'q'), r), tensor(c, 'q'), TOL, `q from ${c.start}`);
      assertTensorsClose(applyRotary(tensor(f, 'k'), r), tensor(c, 'k'), TOL, `k from ${c.start}`);
    });
  }
});

test('RMSNorm = LlamaRMSNorm; SwiGLU = LlamaMLP', () => {
  const fn = fixture('rmsnorm');
  const norm = new RMSNorm(16, fn.eps as number);
  const fm = fixture('swiglu');
  const mlp = new SwiGlu(16, 24);
  load(mlp, fm);
  tf.tidy(() => {
    norm.weight.assign(tensor(fn, 'weight'));
    assertTensorsClose(norm.forward(tensor(fn, 'x')), tensor(fn, 'output'), TOL, 'RMSNorm');
    assertTensorsClose(mlp.forward(tensor(fm, 'x')), tensor(fm, 'output'), TOL, 'SwiGLU');
  });
  dispose(norm);
  dispose(mlp);
});

test('one Llama decoder layer = transformers LlamaDecoderLayer', () => {
  const f = fixture('llama_layer');
  const c = f.config as { dModel: number; numHeads: number; numKvHeads: number; intermediateSize: number; ropeTheta: number; rmsNormEps: number };
  const layer = new LlamaDecoderLayer(llamaConfig({ ...c, vocabSize: 32, contextLength: 16, numLayers: 1 }));
  load(layer, f);
  tf.tidy(() => {
    const { output } = layer.forward(tensor(f, 'x'), rotaryTables(4, 0, 6, c.ropeTheta), null, 0);
    assertTensorsClose(output, tensor(f, 'output'), TOL, 'layer output');
  });
  dispose(layer);
});

test('one GPT-2 block = transformers GPT2Block, gradients = torch autograd', () => {
  const f = fixture('gpt2_block');
  const block = new GptBlock(gptConfig({ vocabSize: 32, contextLength: 16, numLayers: 1, numHeads: 2, dModel: 16 }));
  load(block, f);
  tf.tidy(() => {
    const x = tensor(f, 'x');
    const R = tensor(f, 'R');
    assertTensorsClose(block.forward(x, null, 0, false).output, tensor(f, 'output'), TOL, 'block output');
    const cAttn = block.attn.cAttn.weight;
    const ln1 = block.ln1.weight;
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(block.forward(x, null, 0, false).output, R)) as tf.Scalar, [cAttn, ln1]);
    assertTensorsClose(grads[cAttn.name], tensor(f, 'gradCAttn'), 1e-4, 'dL/dc_attn');
    assertTensorsClose(grads[ln1.name], tensor(f, 'gradLn1'), 1e-4, 'dL/dln_1');
    const gx = tf.grad((xi: tf.Tensor) => tf.sum(tf.mul(block.forward(xi, null, 0, false).output, R)))(x);
    assertTensorsClose(gx, tensor(f, 'gradX'), 1e-4, 'dL/dx');
  });
  dispose(block);
});

test('one BERT layer = transformers BertLayer (post-norm, padding mask)', () => {
  const f = fixture('bert_layer');
  const c = f.config as { dModel: number; numHeads: number; intermediateSize: number };
  const layer = new BertLayer(bertConfig({ ...c, vocabSize: 32, contextLength: 16, numLayers: 1 }));
  load(layer, f);
  tf.tidy(() => {
    const { output } = layer.forward(tensor(f, 'x'), paddingMask(f.attentionMask as number[][]), false);
    assertTensorsClose(output, tensor(f, 'output'), TOL, 'layer output');
  });
  dispose(layer);
});

test('whole models load Hugging Face state dicts and give their logits: LlamaForCausalLM, GPT2LMHeadModel, BertForPreTraining', () => {
  const fl = fixture('llama_model');
  const llama = new MiniLlama(fl.config as never);
  const wl = weights(fl);
  assert.ok('lm_head.weight' in wl, 'the tied copy is in the state dict and skipped');
  llama.setWeights(wl);
  const fg = fixture('gpt2_model');
  const gpt = new MiniGpt(fg.config as never);
  const wg = weights(fg);
  gpt.setWeights(wg);
  const fb = fixture('bert_model');
  const bert = new MiniBert(fb.config as never);
  const wb = weights(fb);
  bert.setWeights(wb);
  tf.tidy(() => {
    assertTensorsClose(llama.forward(fl.ids as number[][]).logits, tensor(fl, 'logits'), TOL, 'Llama logits');
    assertTensorsClose(gpt.forward(fg.ids as number[][]).logits, tensor(fg, 'logits'), TOL, 'GPT-2 logits');
    const out = bert.forward(fb.ids as number[][], {
      tokenTypeIds: fb.tokenTypeIds as number[][], attentionMask: fb.attentionMask as number[][], returnAttention: true,
    });
    assertTensorsClose(bert.mlmLogits(out.hidden), tensor(fb, 'mlmLogits'), TOL, 'BERT MLM logits');
    assertTensorsClose(bert.nspLogits(out.pooled), tensor(fb, 'nspLogits'), TOL, 'BERT NSP logits');
    assertTensorsClose(out.attentions![1], tensor(fb, 'attentions1'), TOL, 'BERT attention weights');
  });
  tf.dispose([...Object.values(wl), ...Object.values(wg), ...Object.values(wb)]);
  for (const m of [llama, gpt, bert]) m.dispose();
});
