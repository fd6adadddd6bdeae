/**
 * The position-wise feed-forward block applied to every token after attention.
 *
 * - GELU MLP (BERT, GPT-2): down(gelu(up(x))), up to 4·d and back. GELU (Hendrycks & Gimpel
 *   2016) x·Φ(x), exact with erf (BERT, nanoGPT) or with the tanh approximation GPT-2 was trained
 *   with (Hugging Face's "gelu_new", PyTorch's approximate='tanh').
 * - SwiGLU (Shazeer 2020, "GLU Variants Improve Transformer"; Llama):
 *   down_proj(silu(gate_proj(x)) ⊙ up_proj(x)), no biases, as transformers' LlamaMLP.
 *
 * Introduced in 3_Bert_transformers.ipynb (GELU MLP) and 5_LLAMA_transformers.ipynb (SwiGLU).
 */
import * as tf from '@tensorflow/tfjs';
import { addParameters, checkPositiveInt, HasParameters, Linear, linearOutputs } from './layers';
import { fusedGeluTanh, useFusedKernels } from '../tf/ops';
import { shown } from '../validate';

export type GeluKind = 'gelu' | 'gelu_tanh';

/** GELU, exact ('gelu': x·Φ(x) with erf) or 'gelu_tanh' (GPT-2). Introduced in 3_Bert_transformers.ipynb. */
export function gelu(x: tf.Tensor, kind: GeluKind = 'gelu'): tf.Tensor {
  if (kind !== 'gelu' && kind !== 'gelu_tanh') {
    throw new Error(`gelu: kind 'gelu' (tam) ya da 'gelu_tanh' (GPT-2) olmalı, verilen: ${shown(kind)}.`);
  }
  return tf.tidy(() => {
    if (kind === 'gelu') return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
    // 0.5·(1 + tanh(u)) = σ(2u), u = √(2/π)·(x + 0.044715·x³). Fast path: one op on lib/tf's kernels
    // (fusedGeluTanh; the composition cost ~50 ms of a GPT training step); readable path
    // (setFused(false)): the tfjs ops below. Equal values and gradients (readable_path.test.ts).
    const useFused = useFusedKernels();
    if (useFused) return fusedGeluTanh(x); // (...)
    const c = 2 * Math.sqrt(2 / Math.PI); // 2u = x·(c + c·0.044715·x²)
    return tf.mul(x, tf.sigmoid(tf.mul(x, tf.add(c, tf.mul(tf.square(x), c * 0.044715))))); // (...)
  });
}

/** SiLU (swish): x·σ(x). Introduced in 5_LLAMA_transformers.ipynb. */
export function silu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
}

export interface GeluMlpOptions {
  /** Default 'gelu' (exact). */
  kind?: GeluKind;
  /** PyTorch names of the two Linear layers (default GPT-2's ['c_fc', 'c_proj']). */
  names?: [string, string];
  /** Biases (default true). */
  bias?: boolean;
  /** Std of the second layer's initialisation (default 0.02). */
  downStd?: number;
}

/**
 * GELU feed-forward with configurable PyTorch names (GPT-2: `c_fc` / `c_proj`, BERT:
 * `intermediate.dense` / `output.dense`). Introduced in 3_Bert_transformers.ipynb.
 */
export class GeluMlp implements HasParameters {
  readonly up: Linear; // (hidden, d)
  readonly down: Linear; // (d, hidden)

  readonly kind: GeluKind;
  readonly names: [string, string];

  constructor(dModel: number, hidden: number, options: GeluMlpOptions = {}) {
    checkPositiveInt('GeluMlp', 'dModel', dModel);
    checkPositiveInt('GeluMlp', 'hidden', hidden);
    this.kind = options.kind ?? 'gelu';
    this.names = options.names ?? ['c_fc', 'c_proj'];
    this.up = new Linear(dModel, hidden, { bias: options.bias });
    this.down = new Linear(hidden, dModel, { bias: options.bias, std: options.downStd });
  }

  /** x (B, T, d) → (B, T, d) */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.down.forward(gelu(this.up.forward(x), this.kind))); // (B, T, hidden) → (B, T, d)
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>();
    addParameters(m, this.names[0], this.up);
    addParameters(m, this.names[1], this.down);
    return m;
  }
}

/**
 * LlamaMLP: gate_proj, up_proj (hidden, d), down_proj (d, hidden), no biases. Introduced in 5_LLAMA_transformers.ipynb.
 */
export class SwiGlu implements HasParameters {
  readonly gate: Linear;
  readonly up: Linear;
  readonly down: Linear;

  constructor(dModel: number, hidden: number, downStd = 0.02) {
    checkPositiveInt('SwiGlu', 'dModel', dModel);
    checkPositiveInt('SwiGlu', 'hidden', hidden);
    this.gate = new Linear(dModel, hidden, { bias: false });
    this.up = new Linear(dModel, hidden, { bias: false });
    this.down = new Linear(hidden, dModel, { bias: false, std: downStd });
  }

  /** x (B, T, d) → (B, T, d) */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const [gate, up] = linearOutputs(x, [this.gate, this.up]); // (B, T, hidden) each
      const h = tf.mul(silu(gate), up); // (B, T, hidden)
      return this.down.forward(h); // (B, T, d)
    });
  }

  namedParameters(): Map<string, tf.Variable> {
    const m = new Map<string, tf.Variable>();
    addParameters(m, 'gate_proj', this.gate);
    addParameters(m, 'up_proj', this.up);
    addParameters(m, 'down_proj', this.down);
    return m;
  }
}
