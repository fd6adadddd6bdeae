import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainTestSplit } from './split';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const count = <L>(ys: readonly L[], label: L): number => ys.filter((l) => l === label).length;

test('sizes follow sklearn: nTest = ceil(testSize * n)', () => {
  const X = range(10);
  const y = X.map((i) => i % 2);
  assert.equal(trainTestSplit(X, y, { testSize: 0.25, seed: 1 }).XTest.length, 3);
  assert.equal(trainTestSplit(X, y, { testSize: 0.2, seed: 1 }).XTest.length, 2);
  // 0.07 * 100 is 7.000000000000001 in floating point: still 7 test examples, not 8.
  const X100 = range(100);
  assert.equal(trainTestSplit(X100, X100.map((i) => i % 2), { testSize: 0.07, seed: 1 }).XTest.length, 7);
  assert.equal(trainTestSplit(X100, X100.map((i) => i % 2), { testSize: 0.29, seed: 1 }).XTest.length, 29);
  assert.equal(trainTestSplit(X, y, { seed: 1 }).XTest.length, 3); // default testSize 0.25
});

test('the parts partition the data and keep X and y aligned', () => {
  const X = range(50).map((i) => `örnek ${i}`);
  const y = range(50).map((i) => (i % 3 === 0 ? 'olumsuz' : 'olumlu'));
  const s = trainTestSplit(X, y, { testSize: 0.2, seed: 7 });
  assert.deepEqual([...s.trainIndices, ...s.testIndices].sort((a, b) => a - b), range(50));
  s.trainIndices.forEach((idx, k) => {
    assert.equal(s.XTrain[k], X[idx]);
    assert.equal(s.yTrain[k], y[idx]);
  });
  s.testIndices.forEach((idx, k) => {
    assert.equal(s.XTest[k], X[idx]);
    assert.equal(s.yTest[k], y[idx]);
  });
  assert.notDeepEqual(s.trainIndices, [...s.trainIndices].sort((a, b) => a - b), 'the training part is shuffled');
});

test('same seed gives the same split; another seed a different one', () => {
  const X = range(100);
  const y = X.map((i) => i % 4);
  for (const stratify of [false, true]) {
    const a = trainTestSplit(X, y, { testSize: 0.3, seed: 42, stratify });
    const b = trainTestSplit(X, y, { testSize: 0.3, seed: 42, stratify });
    const c = trainTestSplit(X, y, { testSize: 0.3, seed: 43, stratify });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.testIndices, c.testIndices);
  }
});

test('stratify keeps class ratios in both parts', () => {
  // 60 olumlu, 30 olumsuz, 10 nötr; test part of 20 => 12, 6, 2.
  const y = [...Array(60).fill('olumlu'), ...Array(30).fill('olumsuz'), ...Array(10).fill('nötr')] as string[];
  const X = range(100);
  for (const seed of [0, 1, 2, 3]) {
    const s = trainTestSplit(X, y, { testSize: 0.2, seed, stratify: true });
    assert.deepEqual([count(s.yTest, 'olumlu'), count(s.yTest, 'olumsuz'), count(s.yTest, 'nötr')], [12, 6, 2]);
    assert.deepEqual([count(s.yTrain, 'olumlu'), count(s.yTrain, 'olumsuz'), count(s.yTrain, 'nötr')], [48, 24, 8]);
  }
});

test('stratified parts are shuffled, not grouped by class', () => {
  const y = [...Array(50).fill('a'), ...Array(50).fill('b')] as string[];
  const s = trainTestSplit(range(100), y, { testSize: 0.2, seed: 11, stratify: true });
  const changes = (ys: string[]): number => ys.slice(1).filter((l, i) => l !== ys[i]).length;
  assert.ok(changes(s.yTrain) > 10, `yTrain changes class only ${changes(s.yTrain)} times`);
  assert.ok(changes(s.yTest) > 2, `yTest changes class only ${changes(s.yTest)} times`);
});

test('stratify rounds by largest remainder so the parts add up', () => {
  // 7 a, 5 b, 3 c; nTest = ceil(0.3 * 15) = 5; shares 2.33, 1.67, 1.0 => 2, 2, 1.
  const y = [...Array(7).fill('a'), ...Array(5).fill('b'), ...Array(3).fill('c')] as string[];
  const s = trainTestSplit(range(15), y, { testSize: 0.3, seed: 5, stratify: true });
  assert.deepEqual([count(s.yTest, 'a'), count(s.yTest, 'b'), count(s.yTest, 'c')], [2, 2, 1]);
  assert.equal(s.yTrain.length, 10);
});

test('without stratify a skewed split can happen, which stratify prevents', () => {
  // Over many seeds the unstratified test share of the minority class varies; the stratified one never does.
  const y = [...Array(90).fill(0), ...Array(10).fill(1)] as number[];
  const X = range(100);
  const plain = new Set<number>();
  const strat = new Set<number>();
  for (let seed = 0; seed < 20; seed++) {
    plain.add(count(trainTestSplit(X, y, { testSize: 0.2, seed }).yTest, 1));
    strat.add(count(trainTestSplit(X, y, { testSize: 0.2, seed, stratify: true }).yTest, 1));
  }
  assert.ok(plain.size > 1);
  assert.deepEqual([...strat], [2]);
});

test('bad input is rejected with a message', () => {
  const X = range(10);
  const y = X.map((i) => i % 2);
  assert.throws(() => trainTestSplit(X, y, { testSize: 0, seed: 1 }), /testSize 0 ile 1 arasında \(uçlar hariç\) bir oran olmalı \(ör\. 0\.2\); verilen: 0/);
  assert.throws(() => trainTestSplit(X, y, { testSize: 1, seed: 1 }), /0 ile 1 arasında \(uçlar hariç\)/);
  assert.throws(() => trainTestSplit(X, y, { testSize: 1.5, seed: 1 }), /0 ile 1 arasında \(uçlar hariç\)/);
  assert.throws(() => trainTestSplit(X, y, { testSize: NaN, seed: 1 }), /0 ile 1 arasında \(uçlar hariç\)/);
  assert.throws(() => trainTestSplit(X, y, {} as { seed: number }), /bir seed ister/);
  assert.throws(() => trainTestSplit(X, y, { seed: 1.5 }), /seed bir tam sayı olmalı/);
  assert.throws(() => trainTestSplit(X, y.slice(1), { seed: 1 }), /X'te 10 örnek, y'de 9 etiket var/);
  assert.throws(() => trainTestSplit('abc' as unknown as number[], y, { seed: 1 }), /X bir dizi olmalı; verilen: "abc"/);
  assert.throws(() => trainTestSplit([1], [0], { seed: 1 }), /eğitim kısmı boş kalır/);
  assert.throws(() => trainTestSplit(X, y, { seed: 1, stratify: 'yes' as unknown as boolean }), /stratify true ya da false olmalı/);
  const y1 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  assert.throws(() => trainTestSplit(X, y1, { seed: 1, stratify: true }), /1 sınıfında yalnızca 1 örnek var; her sınıf en az 2 örnek ister/);
  const y5 = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4];
  assert.throws(() => trainTestSplit(X, y5, { testSize: 0.2, seed: 1, stratify: true }), /5 sınıf her kısımda en az 5 örnek ister/);
  assert.throws(() => trainTestSplit(X, X.map(() => null), { seed: 1, stratify: true }), /y\[0\] bir metin ya da sonlu sayı etiketi olmalı; verilen: null/);
});
