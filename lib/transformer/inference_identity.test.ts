/**
 * Inference (and training) numbers against those of commit 8ce6b44, bit for bit. Notebooks quote what these
 * models computed, so a change that makes a forward pass or a decoding step cheaper (fewer tfjs ops,
 * kernels called directly) must leave every logit's bits as they were. fixtures/inference_8ce6b44.json
 * holds the SHA-256 of the float32 logits each case below computed at that commit
 * (`UPDATE_INFERENCE_FIXTURE=1` rewrites it — only for a change meant to alter the numbers).
 * Negative control: the same case with lib/tf's replaced kernels switched off (setFused(false))
 * rounds differently, and the hash sees it.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../tf/backend';
import { setFused } from '../tf/fused';
import { linearProduct } from '../tf/linear_product';
import { setSeed } from '../tf/seed';
import { MiniBert } from './bert';
import { MiniGpt } from './gpt';
import { MiniLlama } from './llama';
import { rmsNorm } from './norms';
import { applyRotary, rotaryTables } from './positions';
import { adamW, lmLoss, makeTransformerStep } from './train';

const FIXTURE = path.join(__dirname, 'fixtures', 'inference_8ce6b44.json');
const SMOLLM2 = path.join(__dirname, '..', '..', '.cache', 'models', 'local', 'SmolLM2-135M-Instruct');

before(async () => {
  await initTf({ backend: 'wasm', quiet: true });
});

function hashOf(tensors: tf.Tensor[]): string {
  const h = createHash('sha256');
  for (const t of tensors) h.update(Buffer.from((t.dataSync() as Float32Array).slice().buffer));
  return h.digest('hex');
}

/** Prefill `prompt` with a KV cache, then `steps` greedy one-token steps: every logit computed. */
function decodeLogits(model: MiniLlama | MiniGpt, prompt: number[], steps: number): string {
  const cache = model.newCache();
  const all: tf.Tensor[] = [];
  try {
    let logits = model.forward(tf.tensor2d([prompt], [1, prompt.length], 'int32'), { cache }).logits; // (1, T, V)
    all.push(logits);
    for (let s = 0; s < steps; s++) {
      const next = tf.tidy(() => tf.argMax(tf.reshape(tf.slice(logits, [0, logits.shape[1] - 1, 0], [1, 1, -1]), [-1])).dataSync()[0]);
      logits = model.forward(tf.tensor2d([[next]], [1, 1], 'int32'), { cache }).logits; // (1, 1, V)
      all.push(logits);
    }
    return hashOf(all);
  } finally {
    cache.dispose();
    tf.dispose(all);
  }
}

const CASES: Record<string, () => string> = {
  // GQA, RoPE, SwiGLU, tied head: small products (single-thread dot products).
  tinyLlama: () => {
    setSeed(7);
    const m = new MiniLlama({ vocabSize: 61, contextLength: 32, numLayers: 2, numHeads: 4, numKvHeads: 2, dModel: 32, intermediateSize: 48 });
    try {
      return decodeLogits(m, [1, 5, 9, 30, 2, 7, 7, 3, 0], 6);
    } finally {
      m.dispose();
    }
  },
  // Biases, GELU, learned positions; a batch of 2 × 40 tokens without a cache, then cached steps.
  tinyGpt: () => {
    setSeed(8);
    const m = new MiniGpt({ vocabSize: 300, contextLength: 64, numLayers: 2, numHeads: 4, dModel: 64 });
    try {
      const ids = tf.tensor2d(Array.from({ length: 80 }, (_, i) => (i * 37) % 300), [2, 40], 'int32');
      const full = m.forward(ids).logits;
      const h = hashOf([full]);
      tf.dispose([ids, full]);
      return `${h}:${decodeLogits(m, [3, 1, 4, 1, 5, 9, 2, 6], 5)}`;
    } finally {
      m.dispose();
    }
  },
  // Encoder with biases on products large enough for the threaded GEMM (4 × 128 rows).
  tinyBert: () => {
    setSeed(9);
    const m = new MiniBert({ vocabSize: 500, contextLength: 128, numLayers: 2, numHeads: 4, dModel: 128 });
    try {
      const ids = tf.tensor2d(Array.from({ length: 512 }, (_, i) => (i * 13) % 500), [4, 128], 'int32');
      const { hidden, pooled } = m.forward(ids);
      const h = hashOf([hidden, pooled]);
      tf.dispose([ids, hidden, pooled]);
      return h;
    } finally {
      m.dispose();
    }
  },
  // Training, for the weight gradients' products dyᵀ·x (threaded, Aᵀ strips): 3 AdamW steps on
  // 4 × 64 tokens, the losses and every weight afterwards.
  tinyGptTraining: () => {
    setSeed(10);
    const m = new MiniGpt({ vocabSize: 300, contextLength: 64, numLayers: 2, numHeads: 4, dModel: 128 });
    try {
      const step = makeTransformerStep(m, (b: { x: tf.Tensor2D; y: tf.Tensor2D }) => lmLoss(m, b.x, b.y), { optimizer: adamW(1e-3) });
      const losses = [0, 1, 2].map((s) => {
        const x = tf.tensor2d(Array.from({ length: 256 }, (_, i) => (i * 7 + s) % 300), [4, 64], 'int32');
        const y = tf.tensor2d(Array.from({ length: 256 }, (_, i) => (i * 11 + s) % 300), [4, 64], 'int32');
        const loss = step({ x, y });
        tf.dispose([x, y]);
        return loss;
      });
      const lossBits = tf.tensor1d(losses);
      const h = hashOf([lossBits, ...m.namedParameters().values()]);
      lossBits.dispose();
      return h;
    } finally {
      m.dispose();
    }
  },
};

// SmolLM2-135M (the model notebook 5 decodes; products on every thread through the shared weights).
if (fs.existsSync(path.join(SMOLLM2, 'model.safetensors'))) {
  CASES.smollm2 = () => {
    const m = MiniLlama.fromPretrained(SMOLLM2);
    try {
      return decodeLogits(m, [1, 9690, 198, 2683, 359, 253, 5356, 5646, 11173, 3365, 2], 8);
    } finally {
      m.dispose();
    }
  };
}

test('inference logits are bit-identical to commit 8ce6b44', () => {
  const got = Object.fromEntries(Object.entries(CASES).map(([name, run]) => [name, run()]));
  if (process.env.UPDATE_INFERENCE_FIXTURE === '1') {
    fs.writeFileSync(FIXTURE, `${JSON.stringify(got, null, 2)}\n`);
    return;
  }
  const want = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, string>;
  for (const name of Object.keys(got)) assert.equal(got[name], want[name], `${name}: the logits' bits changed`);
});

test('negative control: another rounding changes the hash', () => {
  const want = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, string>;
  setFused(false); // tfjs's own BatchMatMul/Sum kernels in attention: other summation orders
  try {
    assert.notEqual(CASES.tinyLlama(), want.tinyLlama);
  } finally {
    setFused(true);
  }
});

/** `f` on the fast path (JavaScript loops at inference) and on the readable one (the tfjs ops), as bits. */
function bothPaths(f: () => tf.Tensor): [Uint32Array, Uint32Array] {
  const bits = (): Uint32Array => {
    const y = f();
    const out = new Uint32Array((y.dataSync() as Float32Array).slice().buffer);
    y.dispose();
    return out;
  };
  const fast = bits();
  setFused(false);
  try {
    return [fast, bits()];
  } finally {
    setFused(true);
  }
}

test('rmsNorm and RoPE at inference: the same bits as the tfjs ops on varied shapes and magnitudes', () => {
  setSeed(11);
  for (const [shape, scale] of [[[1, 1, 576], 1], [[3, 7, 64], 1e-3], [[2, 5, 34], 50], [[400, 576], 3], [[1, 9, 1, 64], 1]] as Array<[number[], number]>) {
    const x = tf.mul(tf.randomNormal(shape), scale);
    const gamma = tf.add(tf.randomUniform([shape[shape.length - 1]]), 0.5);
    const [fast, ops] = bothPaths(() => rmsNorm(x, gamma, 1e-5));
    assert.deepEqual(fast, ops, `rmsNorm [${shape}] ×${scale}`);
    if (shape.length >= 3 && shape[shape.length - 1] % 2 === 0) {
      const T = shape[shape.length - 2];
      const rotary = rotaryTables(shape[shape.length - 1], 37, T, 10000);
      const [fastR, opsR] = bothPaths(() => applyRotary(x, rotary));
      assert.deepEqual(fastR, opsR, `applyRotary [${shape}] ×${scale}`);
      tf.dispose([rotary.cos, rotary.sin]);
    }
    tf.dispose([x, gamma]);
  }
});

test('linearProduct (the kernel called directly) equals tf.fused.matMul bit for bit; under a gradient it is the op', () => {
  setSeed(12);
  const shapes: Array<[number, number, number, boolean]> = [[1, 960, 576, false], [5, 7, 33, true], [300, 384, 128, true], [2048, 3000, 128, false], [255, 64, 576, true]];
  for (const [N, out, inp, withBias] of shapes) {
    const x = tf.randomNormal([N, inp]) as tf.Tensor2D;
    const W = tf.randomNormal([out, inp]) as tf.Tensor2D;
    const b = withBias ? tf.randomNormal([out]) : null;
    const direct = linearProduct(x, W, b);
    const op = tf.fused.matMul({ a: x, b: W, transposeB: true, bias: b ?? undefined });
    assert.deepEqual(new Uint32Array((direct.dataSync() as Float32Array).slice().buffer),
      new Uint32Array((op.dataSync() as Float32Array).slice().buffer), `[${N}, ${inp}]·[${out}, ${inp}]ᵀ${withBias ? ' + b' : ''}`);
    tf.dispose([x, W, direct, op, ...(b != null ? [b] : [])]);
  }
  // Inside tf.grad the op path runs, so the product has a gradient: d(sum(x·Wᵀ))/dx = column sums of W.
  const W = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
  const dx = tf.grad((x: tf.Tensor) => tf.sum(linearProduct(x as tf.Tensor2D, W)))(tf.ones([2, 2]));
  assert.deepEqual(Array.from(dx.dataSync()), [9, 12, 9, 12]);
  tf.dispose([W, dx]);
});
