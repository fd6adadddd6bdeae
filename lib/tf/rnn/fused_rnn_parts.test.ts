/**
 * The threaded recurrent path's batch parts give the same bits whether they run on the workers or
 * in turn on the main thread (setRnnPartsOn, chosen per pass when the hand-off would cost more than
 * it saves): outputs, final states and the gradients of every input, for the three cells, varied
 * shapes and 1–4 threads. Negative control: the single-thread path sums the weight gradients over
 * the whole batch at once, so its bits differ from the two-part sum — the bitwise check sees that.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../backend';
import { testValues } from '../testing';
import { kernelThreadsReady, runningKernelThreads, setKernelThreads } from '../wasm/threads';
import { CellKind, fusedRnn, GATES, NUM_STATES, PartsOn, setRnnPartsOn } from './fused_rnn_op';

interface Case { cell: CellKind; B: number; T: number; E: number; H: number; bias: boolean; state: boolean; seq: boolean }

const CASES: Case[] = [];
for (const cell of ['lstm', 'gru', 'simpleRNN'] as const) {
  CASES.push({ cell, B: 12, T: 5, E: 6, H: 7, bias: true, state: false, seq: false });
  CASES.push({ cell, B: 20, T: 3, E: 4, H: 5, bias: false, state: true, seq: true });
  CASES.push({ cell, B: 9, T: 4, E: 3, H: 8, bias: true, state: true, seq: false });
}
// The notebook-2 / bench/lstm.ts shape.
CASES.push({ cell: 'lstm', B: 32, T: 10, E: 50, H: 100, bias: true, state: false, seq: false });

/** Bits of the outputs and of the gradients of every input, for one case. */
function bitsOf(c: Case): Uint32Array[] {
  const tensors = tf.tidy(() => {
    const G = GATES[c.cell] * c.H;
    const ins = [
      tf.tensor(testValues(c.B * c.T * c.E, 1), [c.B, c.T, c.E]),
      tf.tensor(testValues(c.E * G, 2), [c.E, G]),
      tf.tensor(testValues(c.H * G, 3), [c.H, G]),
    ];
    if (c.bias) ins.push(tf.tensor(testValues(G, 4), [G]));
    const numStates = c.state ? NUM_STATES[c.cell] : 0;
    for (let s = 0; s < numStates; s++) ins.push(tf.tensor(testValues(c.B * c.H, 5 + s), [c.B, c.H]));
    const f = (...t: tf.Tensor[]) => {
      const outs = fusedRnn({
        x: t[0], kernel: t[1], recurrentKernel: t[2], bias: c.bias ? t[3] : null,
        initialState: c.state ? t.slice(c.bias ? 4 : 3) : null,
      }, { cell: c.cell, activation: 'tanh', recurrentActivation: 'sigmoid', returnSequences: c.seq, returnState: true });
      // A weighted sum, so every output element gets its own gradient.
      return outs.map((o, i) => tf.sum(tf.mul(o, tf.reshape(tf.tensor(testValues(o.size, 10 + i)), o.shape))))
        .reduce((a, b) => tf.add(a, b)) as tf.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(f)(ins);
    return [value, ...grads];
  });
  const bits = tensors.map((t) => new Uint32Array(new Float32Array(t.dataSync()).buffer));
  tf.dispose(tensors);
  return bits;
}

function sameBits(a: Uint32Array[], b: Uint32Array[]): boolean {
  return a.length === b.length && a.every((x, i) => x.length === b[i].length && x.every((v, j) => v === b[i][j]));
}

describe('threaded recurrent passes: parts on the workers or on the main thread, same bits', () => {
  test('setup', async () => {
    await initTf({ backend: 'wasm', quiet: true });
  });
  for (const threads of [1, 2, 3, 4]) {
    test(`${threads} thread(s)`, async () => {
      setKernelThreads(threads);
      await kernelThreadsReady();
      const jobs0 = runningKernelThreads()?.jobsOnWorkers ?? 0;
      try {
        for (const c of CASES) {
          const bits = (['workers', 'main', 'auto'] as PartsOn[]).map((where) => {
            setRnnPartsOn(where);
            return bitsOf(c);
          });
          const name = `${c.cell} B${c.B} T${c.T} E${c.E} H${c.H}${c.bias ? '' : ' no bias'}${c.state ? ' with state' : ''}`;
          assert.ok(sameBits(bits[0], bits[1]), `${name}: workers vs main thread`);
          assert.ok(sameBits(bits[0], bits[2]), `${name}: workers vs auto`);
        }
      } finally {
        setRnnPartsOn('auto');
      }
      // With workers, the 'workers' runs did use them (not only the main thread taking jobs back).
      if (threads > 1) assert.ok((runningKernelThreads()?.jobsOnWorkers ?? 0) > jobs0, 'the workers ran parts');
    });
  }
  test('negative control: one thread (one weight-gradient sum) differs in bits from two parts', async () => {
    const c = CASES[CASES.length - 1];
    setKernelThreads(1);
    const one = bitsOf(c);
    setKernelThreads(2);
    await kernelThreadsReady();
    setRnnPartsOn('main');
    try {
      const two = bitsOf(c);
      assert.ok(!sameBits(one, two), 'the split changes the weight gradients\' rounding, and the check sees it');
      // ...but only the weight gradients: the loss, dx is row-independent (index 0 value, 1 dx).
      assert.ok(sameBits(one.slice(0, 2), two.slice(0, 2)), 'value and input gradient do not depend on the split');
    } finally {
      setRnnPartsOn('auto');
      setKernelThreads(1);
    }
  });
});
