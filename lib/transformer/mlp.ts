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
import { addParameters, HasParameters, Linear } from './layers';

export type GeluKind = 'gelu' | 'gelu_tanh';

const GELU_K = Math.sqrt(2 / Math.PI);
const GELU_C = 0.044715;

/**
 * GELU with the tanh approximation, 0.5·x·(1 + tanh(k·(x + 0.044715·x³))), k = √(2/π), as one op:
 * one pass forward and one backward, d/dx = 0.5·(1 + t) + 0.5·x·(1 − t²)·k·(1 + 3·0.044715·x²).
 * Composed from tfjs ops it took eight element-wise kernels forward and more backward (pow's
 * gradient even computes log x for the exponent); bench/results.md (gpt) has the profile.
 * Its gradient equals tfjs autodiff of the composed formula (tested).
 */
function geluTanh(x: tf.Tensor): tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor;
    const xs = input.dataSync();
    const out = new Float32Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i];
      out[i] = 0.5 * v * (1 + Math.tanh(GELU_K * (v + GELU_C * v * v * v)));
    }
    const gradFunc = (dy: tf.Tensor): tf.Tensor => {
      const g = dy.dataSync();
      const dx = new Float32Array(xs.length);
      for (let i = 0; i < xs.length; i++) {
        const v = xs[i];
        const t = Math.tanh(GELU_K * (v + GELU_C * v * v * v));
        dx[i] = g[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * GELU_K * (1 + 3 * GELU_C * v * v));
      }
      return tf.tensor(dx, input.shape, 'float32');
    };
    return { value: tf.tensor(out, input.shape, 'float32'), gradFunc };
  });
  return op(x);
}

/** GELU, exact ('gelu': x·Φ(x) with erf) or 'gelu_tanh' (GPT-2). Introduced in 3_Bert_transformers.ipynb. */
export function gelu(x: tf.Tensor, kind: GeluKind = 'gelu'): tf.Tensor {
  if (kind === 'gelu_tanh') return geluTanh(x);
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2)))));
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

/** LlamaMLP: gate_proj, up_proj (hidden, d), down_proj (d, hidden), no biases. Introduced in 5_LLAMA_transformers.ipynb. */
export class SwiGlu implements HasParameters {
  readonly gate: Linear;
  readonly up: Linear;
  readonly down: Linear;

  constructor(dModel: number, hidden: number, downStd = 0.02) {
    this.gate = new Linear(dModel, hidden, { bias: false });
    this.up = new Linear(dModel, hidden, { bias: false });
    this.down = new Linear(hidden, dModel, { bias: false, std: downStd });
  }

  /** x (B, T, d) → (B, T, d) */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const h = tf.mul(silu(this.gate.forward(x)), this.up.forward(x)); // (B, T, hidden)
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
