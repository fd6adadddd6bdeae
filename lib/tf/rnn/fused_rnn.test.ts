/**
 * The fused recurrent layers against tf.layers.lstm / gru / simpleRNN with the same weights:
 * outputs, final states and gradients (weights, inputs, initial states), on the wasm backend with
 * one and two threads and on the cpu backend (private heap); fallbacks, serialization, memory.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { RNN } from '@tensorflow/tfjs-layers/dist/layers/recurrent';
import { initTf, registerKernels } from '../backend';
import { assertTensorsClose, testValues } from '../testing';
import { kernelThreads, setKernelThreads } from '../wasm/threads';
import { fusedGru, fusedLstm, fusedSimpleRNN, isFusedRecurrentLayer } from './fused_layers';

type Kind = 'lstm' | 'gru' | 'simpleRNN';
type LayerArgs = Record<string, unknown> & { units: number };

const plainFactory: Record<Kind, (a: LayerArgs) => RNN> = {
  lstm: (a) => tf.layers.lstm(a),
  gru: (a) => tf.layers.gru(a),
  simpleRNN: (a) => tf.layers.simpleRNN(a),
};
const fusedFactory: Record<Kind, (a: LayerArgs) => RNN> = {
  lstm: (a) => fusedLstm(a),
  gru: (a) => fusedGru(a),
  simpleRNN: (a) => fusedSimpleRNN(a),
};

/** Weighted sum of every output, so each output element gets a distinct gradient. */
function scalarOf(out: tf.Tensor | tf.Tensor[]): tf.Scalar {
  const outs = Array.isArray(out) ? out : [out];
  return outs.map((t, i) => tf.sum(tf.mul(t, tf.reshape(tf.tensor(testValues(t.size, 100 + i)), t.shape))))
    .reduce((a, b) => tf.add(a, b)) as tf.Scalar;
}

/** Builds both layers with identical weights and compares outputs and all gradients. */
function compare(kind: Kind, args: LayerArgs, B: number, T: number, E: number, withState: boolean): void {
  tf.tidy(() => {
    const H = args.units;
    const plain = plainFactory[kind]({ ...args });
    const fused = fusedFactory[kind]({ ...args });
    const x = tf.tensor(testValues(B * T * E, 7), [B, T, E]);
    const states = withState
      ? Array.from({ length: kind === 'lstm' ? 2 : 1 }, (_, i) => tf.tensor(testValues(B * H, 20 + i), [B, H]))
      : null;
    const call = (layer: RNN, input: tf.Tensor, init: tf.Tensor[] | null) =>
      layer.apply(input, init != null ? { initialState: init } : {}) as tf.Tensor | tf.Tensor[];
    call(plain, x, states);
    call(fused, x, states);
    // Random non-zero biases so bias gradients and activations are exercised away from 0.
    fused.setWeights(plain.getWeights().map((w, i) => (i === 2 ? tf.tensor(testValues(w.size, 9), w.shape) : w)));
    plain.setWeights(fused.getWeights());
    const wrt = [x, ...(states ?? [])];
    const run = (layer: RNN) => {
      const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const weightGrads = tf.variableGrads(() => scalarOf(call(layer, x, states)), vars);
      const inputGrads = tf.grads((...ins: tf.Tensor[]) => scalarOf(call(layer, ins[0], states != null ? ins.slice(1) : null)))(wrt);
      const out = call(layer, x, states);
      return { outs: Array.isArray(out) ? out : [out], weights: vars.map((v) => weightGrads.grads[v.name]), inputs: inputGrads };
    };
    const a = run(fused);
    const b = run(plain);
    const tol = 2e-5;
    a.outs.forEach((t, i) => assertTensorsClose(t, b.outs[i], tol, `${kind} output ${i}`));
    a.weights.forEach((t, i) => assertTensorsClose(t, b.weights[i], tol, `${kind} weight gradient ${i}`));
    a.inputs.forEach((t, i) => assertTensorsClose(t, b.inputs[i], tol, `${kind} input gradient ${i}`));
  });
}

const CONFIGS: Array<{ name: string; args: Omit<LayerArgs, 'units'>; withState?: boolean }> = [
  { name: 'defaults (hardSigmoid gates, last output)', args: {} },
  { name: 'sigmoid gates, sequences', args: { recurrentActivation: 'sigmoid', returnSequences: true } },
  { name: 'relu, no bias', args: { activation: 'relu', useBias: false } },
  { name: 'goBackwards, returnState, sequences', args: { returnSequences: true, returnState: true, goBackwards: true } },
  { name: 'initial state given', args: { returnState: true }, withState: true },
];

for (const setup of ['wasm, 1 thread', 'wasm, 2 threads', 'wasm, 3 threads', 'wasm, 4 threads', 'cpu']) {
  describe(`fused layers equal tf.layers (${setup})`, () => {
    test('setup', async () => {
      await initTf({ backend: setup.startsWith('wasm') ? 'wasm' : 'cpu', quiet: true });
      setKernelThreads(Number(/(\d) threads?$/.exec(setup)?.[1] ?? 1));
    });
    for (const kind of ['lstm', 'gru', 'simpleRNN'] as const) {
      for (const c of CONFIGS) {
        const args = kind === 'simpleRNN' ? { ...c.args, recurrentActivation: undefined } : c.args;
        // B = 12 splits 4 + 8 rows over two threads, 4 + 4 + 4 over three and four; B = 20 splits
        // 4 + 4 + 4 + 8 over four; H = 7 exercises the non-SIMD tails.
        test(`${kind}: ${c.name}`, () => {
          compare(kind, { units: 7, ...args }, 12, 5, 6, c.withState === true);
          compare(kind, { units: 8, ...args }, 3, 4, 5, c.withState === true);
          compare(kind, { units: 5, ...args }, 20, 3, 4, c.withState === true);
        });
      }
    }
  });
}

describe('fallbacks, serialization and memory', () => {
  test('masked inputs take the step-by-step path and still match', async () => {
    await initTf({ backend: 'wasm', quiet: true });
    tf.tidy(() => {
      const tokens = tf.tensor2d([[0, 0, 3, 4], [1, 2, 3, 4], [0, 5, 6, 7]], [3, 4]);
      const build = (rnn: RNN) => {
        const model = tf.sequential();
        model.add(tf.layers.embedding({ inputDim: 8, outputDim: 5, maskZero: true, embeddingsInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
        model.add(rnn);
        return model;
      };
      const plain = build(tf.layers.lstm({ units: 6 }));
      const fused = build(fusedLstm({ units: 6 }));
      const warn = console.warn;
      const warnings: string[] = [];
      console.warn = (m: string) => warnings.push(m);
      try {
        plain.predict(tokens);
        fused.setWeights(plain.getWeights());
        assertTensorsClose(fused.predict(tokens) as tf.Tensor, plain.predict(tokens) as tf.Tensor, 1e-6, 'masked');
      } finally {
        console.warn = warn;
      }
      assert.ok(warnings.some((w) => /maskZero/.test(w)), 'the fallback is announced once');
    });
  });

  test('dropout while training falls back; inference with dropout set is fused and equal', async () => {
    await initTf({ backend: 'wasm', quiet: true });
    tf.tidy(() => {
      const x = tf.tensor(testValues(2 * 3 * 4, 5), [2, 3, 4]);
      const plain = tf.layers.gru({ units: 5, dropout: 0.5 });
      const fused = fusedGru({ units: 5, dropout: 0.5 });
      plain.apply(x);
      fused.apply(x);
      fused.setWeights(plain.getWeights());
      assertTensorsClose(fused.apply(x) as tf.Tensor, plain.apply(x) as tf.Tensor, 1e-5, 'inference');
      const warn = console.warn;
      console.warn = () => undefined;
      try {
        const y = fused.apply(x, { training: true }) as tf.Tensor;
        assert.deepEqual(y.shape, [2, 5]);
      } finally {
        console.warn = warn;
      }
    });
  });

  test('a saved model loads back as plain tf.layers.lstm with the same predictions', async () => {
    await initTf({ backend: 'wasm', quiet: true });
    const model = tf.sequential();
    model.add(fusedLstm({ units: 4, inputShape: [3, 2] }));
    assert.ok(isFusedRecurrentLayer(model.layers[0]));
    assert.equal(model.layers[0].getClassName(), 'LSTM');
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    assert.ok(artifacts != null);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    assert.ok(!isFusedRecurrentLayer(loaded.layers[0]));
    const x = tf.tensor(testValues(2 * 3 * 2, 8), [2, 3, 2]);
    assertTensorsClose(loaded.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor, 1e-5, 'reloaded');
  });

  test('training steps keep tf.memory().numTensors flat and free all shared memory', async () => {
    await initTf({ backend: 'wasm', quiet: true });
    setKernelThreads(2);
    const layer = fusedLstm({ units: 8 });
    const x = tf.tensor(testValues(16 * 6 * 5, 3), [16, 6, 5]);
    layer.apply(x);
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const step = () => tf.tidy(() => {
      tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, vars);
    });
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    assert.equal(tf.memory().numTensors, before);
    tf.tidy(() => layer.apply(x) as tf.Tensor); // inference: no workspace kept
    const pool = kernelThreads();
    assert.ok(pool != null, 'two threads available in this test');
    assert.equal(pool.allocatedBytes, 0);
    x.dispose();
  });

  test('bad shapes are clear errors', async () => {
    await initTf({ backend: 'wasm', quiet: true });
    const { fusedRnn } = await import('./fused_rnn_op');
    assert.throws(() => fusedRnn({
      x: tf.zeros([2, 3, 4]), kernel: tf.zeros([5, 8]), recurrentKernel: tf.zeros([2, 8]), bias: null, initialState: null,
    }, { cell: 'lstm', activation: 'tanh', recurrentActivation: 'sigmoid', returnSequences: false, returnState: false }), /kernel must be \[4, 8\]/);
  });
});

test('registerKernels is idempotent', () => {
  registerKernels('wasm');
  registerKernels('wasm');
});
