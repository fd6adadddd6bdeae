/**
 * The orthogonal initializer (Saxe et al. 2014) that recurrent layers use for their recurrent
 * kernel by default (`recurrentInitializer: 'orthogonal'`, as in Keras), computed in plain
 * Float64 JavaScript. tfjs-layers' version runs a QR factorisation as dozens of small tensor ops
 * and prints "Orthogonal initializer is being called on a matrix with more than 2000 (…)
 * elements: Slowness may result." for every LSTM bigger than 11 units — a warning a learner
 * cannot act on. This one draws the same random matrix (tf.randomNormal, same seed), takes the
 * same Q (the QR factor whose R has a positive diagonal, which is unique), so it gives the same
 * weights to float32 rounding — fast and without the warning. Registered under tfjs's class name
 * 'Orthogonal', so `'orthogonal'` in any layer config (and saved models) resolves to it.
 */
import * as tf from '@tensorflow/tfjs';
import { assertObject, checkNumber } from '../validate';

/** Q of A = QR with R's diagonal positive: Gram–Schmidt, each column orthogonalised twice ("twice is enough"). */
export function orthonormalColumns(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const q = Float64Array.from(a); // [rows, cols], row-major
  for (let j = 0; j < cols; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += q[i * cols + k] * q[i * cols + j];
        for (let i = 0; i < rows; i++) q[i * cols + j] -= dot * q[i * cols + k];
      }
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += q[i * cols + j] ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < rows; i++) q[i * cols + j] /= norm;
  }
  return q;
}

type OrthogonalArgs = { gain?: number; seed?: number };
/** tfjs-layers does not export the class itself; its factory's result knows its constructor. */
const TfjsOrthogonal = tf.initializers.orthogonal({}).constructor as new (args: OrthogonalArgs) => { gain: number; seed?: number };

/** tfjs's Orthogonal with `apply` computed in JavaScript (same config, same class name). */
export class Orthogonal extends TfjsOrthogonal {
  static className = 'Orthogonal';

  constructor(args: OrthogonalArgs = {}) {
    assertObject(args, 'Orthogonal(args)');
    if (args.gain !== undefined) checkNumber(args.gain, 'Orthogonal: gain', { min: 0, above: true });
    if (args.seed !== undefined) checkNumber(args.seed, 'Orthogonal: seed', { integer: true });
    super(args);
  }

  static fromConfig(cls: new (args: OrthogonalArgs) => Orthogonal, config: OrthogonalArgs): Orthogonal {
    return new cls(config);
  }

  getConfig(): OrthogonalArgs {
    return { gain: this.gain, seed: this.seed };
  }

  apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
    if (shape.length < 2) throw new RangeError(`Orthogonal başlatıcı en az 2 boyutlu bir şekil ister; verilen: [${shape.join(', ')}].`);
    if (dtype !== undefined && dtype !== 'float32' && dtype !== 'int32') throw new TypeError(`Orthogonal: veri türü ${dtype} desteklenmiyor; float32 kullanın.`);
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1];
    const [tall, narrow] = [Math.max(rows, cols), Math.min(rows, cols)];
    const random = tf.tidy(() => tf.randomNormal([tall, narrow], 0, 1, 'float32', this.seed).dataSync());
    const q = orthonormalColumns(random, tall, narrow); // [tall, narrow]
    const out = new Float32Array(rows * cols); // [rows, cols]: Q, or Qᵀ when the matrix is wide
    for (let i = 0; i < tall; i++) {
      for (let j = 0; j < narrow; j++) {
        const v = this.gain * q[i * narrow + j];
        if (rows >= cols) out[i * cols + j] = v;
        else out[j * cols + i] = v;
      }
    }
    return tf.tensor(out, shape, dtype ?? 'float32');
  }
}

tf.serialization.registerClass(Orthogonal as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
