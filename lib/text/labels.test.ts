import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LabelEncoder } from './labels';

test('classes are the sorted distinct labels; transform and inverseTransform agree', () => {
  const enc = new LabelEncoder<string>().fit(['olumsuz', 'olumlu', 'olumlu', 'nötr']);
  assert.deepEqual(enc.classes, ['nötr', 'olumlu', 'olumsuz']);
  assert.equal(enc.numClasses, 3);
  assert.deepEqual(enc.transform(['olumlu', 'olumsuz', 'nötr']), [1, 2, 0]);
  assert.deepEqual(enc.inverseTransform([2, 0, 1]), ['olumsuz', 'nötr', 'olumlu']);
});

test('strings sort by code point like sklearn/NumPy; numbers sort numerically', () => {
  // 'Ç' (U+00C7) sorts after every ASCII letter; '😀' (U+1F600) after U+FF5E, which UTF-16 order gets wrong.
  const enc = new LabelEncoder<string>().fit(['çok', 'Çok', 'a', 'B', '😀', '～']);
  assert.deepEqual(enc.classes, ['B', 'a', 'Çok', 'çok', '～', '😀']);
  const nums = new LabelEncoder<number>().fit([10, 2, 1, 2]);
  assert.deepEqual(nums.classes, [1, 2, 10]);
  assert.deepEqual(nums.fitTransform([10, 1]), [1, 0]);
});

test('fitTransform, toJSON / fromJSON round-trip', () => {
  const enc = new LabelEncoder<string>();
  assert.deepEqual(enc.fitTransform(['b', 'a', 'b']), [1, 0, 1]);
  const back = LabelEncoder.fromJSON<string>(JSON.stringify(enc));
  assert.deepEqual(back.classes, ['a', 'b']);
  assert.deepEqual(back.transform(['b']), [1]);
  assert.throws(() => LabelEncoder.fromJSON({ format: 'LabelEncoder', version: 1, classes: ['b', 'a'] }), /classes farklı ve sıralı olmalı/);
  assert.throws(() => LabelEncoder.fromJSON('{"classes": []}'), /Kaydedilmiş bir LabelEncoder değil/);
  assert.throws(() => LabelEncoder.fromJSON('{oops'), /LabelEncoder.fromJSON: metin geçerli JSON değil/);
});

test('unknown label, bad ids and bad labels throw with a message', () => {
  const enc = new LabelEncoder<string>().fit(['olumlu', 'olumsuz']);
  assert.throws(
    () => enc.transform(['olumlu', 'nötr']),
    /labels\[1\] = "nötr" bilinmeyen bir etiket; kodlayıcı şu etiketlerle eğitildi: \["olumlu", "olumsuz"\]/,
  );
  assert.throws(() => enc.inverseTransform([2]), /ids\[0\] = 2 bir sınıf numarası değil; geçerli numaralar 0\.\.1/);
  assert.throws(() => enc.inverseTransform([-1]), /bir sınıf numarası değil/);
  assert.throws(() => enc.inverseTransform([0.5]), /bir sınıf numarası değil/);
  assert.throws(() => new LabelEncoder().fit([]), /etiket listesi boş/);
  assert.throws(() => new LabelEncoder<string | number>().fit(['a', 1]), /hem metin hem sayı/);
  assert.throws(() => new LabelEncoder().fit(['a', null] as unknown as string[]), /labels\[1\] bir metin ya da sonlu bir sayı olmalı; verilen: null/);
  assert.throws(() => new LabelEncoder<number>().fit([1, NaN]), /labels\[1\] bir metin ya da sonlu bir sayı olmalı; verilen: NaN/);
  assert.throws(() => new LabelEncoder().fit('ab' as unknown as string[]), /fit\(labels\) etiketlerden oluşan bir dizi olmalı; verilen: \"ab\"/);
  assert.throws(() => new LabelEncoder().transform(['a']), /henüz eğitilmedi; önce fit\(labels\) çağırın/);
  assert.throws(() => new LabelEncoder().classes, /henüz eğitilmedi/);
});
