/**
 * Seeded train/test split, after scikit-learn's `train_test_split`: `nTest = ceil(testSize * n)`,
 * the rest is training data, both parts in shuffled order. With `stratify`, every class keeps its
 * share in both parts: class k gets `nTest * count_k / n` test examples, rounded by largest
 * remainder so the parts add up (sklearn's `_approximate_mode`, with ties broken by class order
 * instead of at random).
 */
import { LabelEncoder } from './labels';
import type { Label } from './labels';
import { mulberry32, permutation, shuffleInPlace } from '../random';
import type { Rng } from '../random';
import { assertObject, isArray, shown } from '../validate';

/** Options of `trainTestSplit`. */
export interface SplitOptions {
  /** Fraction of examples for the test part, in (0, 1). Default 0.25 (sklearn). */
  testSize?: number;
  /** Seed of the shuffle (an integer); the same seed gives the same split. Required. */
  seed: number;
  /** Keep the class proportions of `y` in both parts. Default false (sklearn). */
  stratify?: boolean;
}

/** The two parts, plus the original positions of their examples. */
export interface Split<T, L> {
  XTrain: T[];
  XTest: T[];
  yTrain: L[];
  yTest: L[];
  trainIndices: number[];
  testIndices: number[];
}

/**
 * Splits examples `X` and labels `y` (same length) into shuffled train and test parts.
 * Introduced in 1_RNN.ipynb.
 *
 * @example const { XTrain, XTest, yTrain, yTest } = trainTestSplit(texts, labels, { testSize: 0.2, seed: 42, stratify: true });
 */
export function trainTestSplit<T, L>(X: readonly T[], y: readonly L[], options: SplitOptions): Split<T, L> {
  if (!isArray(X)) throw new TypeError(`trainTestSplit(X, y): X bir dizi olmalı; verilen: ${shown(X)}.`);
  if (!isArray(y)) throw new TypeError(`trainTestSplit(X, y): y bir dizi olmalı; verilen: ${shown(y)}.`);
  if (X.length !== y.length) {
    throw new RangeError(`trainTestSplit(X, y): X'te ${X.length} örnek, y'de ${y.length} etiket var; sayıları eşit olmalı.`);
  }
  assertObject(options, 'trainTestSplit options (ör. { testSize: 0.2, seed: 42 })');
  const { testSize = 0.25, seed, stratify = false } = options;
  if (typeof testSize !== 'number' || !(testSize > 0 && testSize < 1)) {
    throw new RangeError(`testSize 0 ile 1 arasında (uçlar hariç) bir oran olmalı (ör. 0.2); verilen: ${shown(testSize)}.`);
  }
  if (seed === undefined) throw new TypeError('trainTestSplit bir seed ister (ör. { seed: 42 }); böylece bölme her çalıştırmada aynı olur.');
  if (typeof stratify !== 'boolean') throw new TypeError(`stratify true ya da false olmalı; verilen: ${shown(stratify)}.`);
  const rng = mulberry32(seed);

  const n = X.length;
  // The small epsilon keeps 0.07 * 100 = 7.000000000000001 from becoming 8 (sklearn would give 8).
  const nTest = Math.ceil(testSize * n - 1e-9);
  const nTrain = n - nTest;
  if (nTest < 1 || nTrain < 1) {
    throw new RangeError(
      `trainTestSplit: ${n} örnek ve testSize ${testSize} ile ${nTest < 1 ? 'test' : 'eğitim'} kısmı boş kalır; daha çok veri ya da başka bir testSize kullanın.`,
    );
  }
  const [train, test] = stratify ? stratifiedIndices(y, nTest, rng) : randomIndices(n, nTest, rng);
  return {
    XTrain: train.map((i) => X[i]),
    XTest: test.map((i) => X[i]),
    yTrain: train.map((i) => y[i]),
    yTest: test.map((i) => y[i]),
    trainIndices: train,
    testIndices: test,
  };
}

function randomIndices(n: number, nTest: number, rng: Rng): [number[], number[]] {
  const order = permutation(n, rng);
  return [order.slice(nTest), order.slice(0, nTest)];
}

function stratifiedIndices<L>(y: readonly L[], nTest: number, rng: Rng): [number[], number[]] {
  y.forEach((label, i) => {
    if (typeof label !== 'string' && (typeof label !== 'number' || !Number.isFinite(label))) {
      throw new TypeError(`trainTestSplit (stratify): y[${i}] bir metin ya da sonlu sayı etiketi olmalı; verilen: ${shown(label)}.`);
    }
  });
  const encoder = new LabelEncoder<Label>().fit(y as readonly Label[]);
  const classIds = encoder.transform(y as readonly Label[]);
  const members: number[][] = encoder.classes.map(() => []);
  classIds.forEach((c, i) => members[c].push(i));
  const n = y.length;
  const nTrain = n - nTest;

  members.forEach((m, c) => {
    if (m.length < 2) {
      throw new RangeError(
        `trainTestSplit (stratify): ${shown(encoder.classes[c])} sınıfında yalnızca ${m.length} örnek var; her sınıf en az 2 örnek ister. Örnek ekleyin ya da sınıfı çıkarın.`,
      );
    }
  });
  const k = members.length;
  if (nTest < k || nTrain < k) {
    throw new RangeError(
      `trainTestSplit (stratify): ${k} sınıf her kısımda en az ${k} örnek ister; test kısmında ${nTest}, eğitim kısmında ${nTrain} var. testSize'ı değiştirin.`,
    );
  }

  // Largest-remainder rounding of the exact shares nTest * count / n.
  const exact = members.map((m) => (nTest * m.length) / n);
  const perClass = exact.map(Math.floor);
  let left = nTest - perClass.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, c) => ({ c, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r);
  for (const { c } of byRemainder) {
    if (left === 0) break;
    perClass[c] += 1;
    left -= 1;
  }

  const train: number[] = [];
  const test: number[] = [];
  members.forEach((m, c) => {
    const shuffled = shuffleInPlace([...m], rng);
    test.push(...shuffled.slice(0, perClass[c]));
    train.push(...shuffled.slice(perClass[c]));
  });
  // Without this, the parts would be grouped by class.
  return [shuffleInPlace(train, rng), shuffleInPlace(test, rng)];
}
