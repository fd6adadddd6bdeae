import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KERAS_FILTERS } from './normalize';
import { Tokenizer } from './tokenizer';

// Expected values below follow keras_preprocessing/text.py (fit_on_texts, texts_to_sequences,
// sequences_to_texts) and were cross-checked against keras-preprocessing 1.1.2 for the ASCII corpus.
const ASCII = ['the cat sat on the mat', 'the dog ate my homework!', 'dog, cat & bird: friends?', "don't stop", 'a-b c_d e.f'];
const ASCII_INDEX: [string, number][] = [
  ['the', 1], ['cat', 2], ['dog', 3], ['sat', 4], ['on', 5], ['mat', 6], ['ate', 7], ['my', 8], ['homework', 9],
  ['bird', 10], ['friends', 11], ["don't", 12], ['stop', 13], ['a', 14], ['b', 15], ['c', 16], ['d', 17], ['e', 18], ['f', 19],
];

test('wordIndex ranks by count, ties in first-seen order, as Keras', () => {
  const t = new Tokenizer({ filters: KERAS_FILTERS }).fitOnTexts(ASCII);
  assert.deepEqual([...t.wordIndex], ASCII_INDEX);
  assert.deepEqual([...t.indexWord], ASCII_INDEX.map(([w, i]) => [i, w]));
  assert.equal(t.wordCounts.get('the'), 3);
  assert.equal(t.wordDocs.get('the'), 2);
  assert.equal(t.documentCount, 5);
  assert.equal(t.vocabSize, 20);
  assert.ok(![...t.wordIndex.values()].includes(0), 'index 0 is reserved for padding');
});

test('textsToSequences drops unknown words without an OOV token', () => {
  const t = new Tokenizer({ filters: KERAS_FILTERS }).fitOnTexts(ASCII);
  assert.deepEqual(t.textsToSequences(['the unknown cat flew', 'The CAT!']), [[1, 2], [1, 2]]);
});

test('oovToken gets index 1 and replaces unknown words', () => {
  const t = new Tokenizer({ filters: KERAS_FILTERS, oovToken: '<OOV>' }).fitOnTexts(ASCII);
  assert.equal(t.wordIndex.get('<OOV>'), 1);
  assert.equal(t.wordIndex.get('the'), 2);
  assert.equal(t.wordIndex.get('f'), 20);
  assert.deepEqual(t.textsToSequences(['the unknown cat flew']), [[2, 1, 3, 1]]);
  assert.deepEqual(t.sequencesToTexts([[1, 2, 3, 4, 5]]), ['<OOV> the cat dog sat']);
});

test('numWords limits sequences to indices < numWords but keeps the whole wordIndex', () => {
  const plain = new Tokenizer({ filters: KERAS_FILTERS, numWords: 4 }).fitOnTexts(ASCII);
  assert.equal(plain.wordIndex.size, 19);
  assert.deepEqual(plain.textsToSequences(['the dog sat on the mat']), [[1, 3, 1]]);
  assert.deepEqual(plain.sequencesToTexts([[1, 2, 3, 4, 5]]), ['the cat dog']);
  assert.equal(plain.vocabSize, 4);

  const oov = new Tokenizer({ filters: KERAS_FILTERS, numWords: 4, oovToken: '<OOV>' }).fitOnTexts(ASCII);
  assert.deepEqual(oov.textsToSequences(['the dog sat on the mat']), [[2, 1, 1, 1, 2, 1]]);
  assert.deepEqual(oov.sequencesToTexts([[1, 2, 3, 4, 5]]), ['<OOV> the cat <OOV> <OOV>']);
});

test('Turkish text: casing, apostrophes, circumflexes, emoji', () => {
  const t = new Tokenizer({ oovToken: '<OOV>' }).fitOnTexts([
    "İstanbul'da yemekler ÇOK güzeldi 😍",
    'Işıklar çok güzel, KÂR çok',
    "Kar yağdı İSTANBUL'DA",
  ]);
  assert.deepEqual(t.tokenize("İSTANBUL'DA 😍"), ["istanbul'da", '😍']);
  assert.deepEqual([...t.wordIndex], [
    ['<OOV>', 1], ['çok', 2], ["istanbul'da", 3], ['yemekler', 4], ['güzeldi', 5], ['😍', 6],
    ['ışıklar', 7], ['güzel', 8], ['kâr', 9], ['kar', 10], ['yağdı', 11],
  ]);
  assert.deepEqual(t.textsToSequences(["İstanbul’da kâr ve kar 😍"]), [[3, 9, 1, 10, 6]]);
  assert.deepEqual(t.sequencesToTexts([[0, 0, 3, 9, 6]]), ["istanbul'da kâr 😍"]);
});

test("the apostrophe: 'split' gives stem and suffix tokens", () => {
  const t = new Tokenizer({ apostrophe: 'split' }).fitOnTexts(["İstanbul'da ve İzmir'de", "İstanbul'a"]);
  assert.deepEqual([...t.wordIndex.keys()], ['istanbul', 'da', 've', 'izmir', 'de', 'a']);
  assert.deepEqual(t.textsToSequences(["İstanbul'da"]), [[1, 2]]);
});

test('fitOnTexts accumulates over calls and rebuilds the index', () => {
  const t = new Tokenizer().fitOnTexts(['bir iki']);
  assert.deepEqual([...t.wordIndex], [['bir', 1], ['iki', 2]]);
  t.fitOnTexts(['iki üç', 'iki']);
  assert.deepEqual([...t.wordIndex], [['iki', 1], ['bir', 2], ['üç', 3]]);
  assert.equal(t.documentCount, 3);
});

test('a corpus word equal to the OOV token maps to index 1', () => {
  const t = new Tokenizer({ oovToken: 'bilinmeyen' }).fitOnTexts(['bilinmeyen bilinmeyen kelime']);
  assert.deepEqual([...t.wordIndex], [['bilinmeyen', 1], ['kelime', 2]]);
  assert.deepEqual(t.textsToSequences(['bilinmeyen kelime yok']), [[1, 2, 1]]);
});

test('toJSON / fromJSON round-trip gives the same tokenizer', () => {
  const t = new Tokenizer({ oovToken: '<OOV>', numWords: 6, apostrophe: 'split', emoji: 'remove' }).fitOnTexts([
    "İstanbul'da kâr 😍 çok güzel", 'çok çok güzel', '2023 yılı',
  ]);
  const json = JSON.stringify(t);
  const back = Tokenizer.fromJSON(json);
  assert.deepEqual(back.toJSON(), t.toJSON());
  assert.deepEqual([...back.wordIndex], [...t.wordIndex]);
  assert.deepEqual([...back.indexWord], [...t.indexWord]);
  assert.equal(back.numWords, 6);
  assert.equal(back.oovToken, '<OOV>');
  assert.equal(back.textOptions.apostrophe, 'split');
  const probe = ["İSTANBUL'DA çok kâr 😍 var", 'yılı güzel'];
  assert.deepEqual(back.textsToSequences(probe), t.textsToSequences(probe));
  assert.deepEqual(Tokenizer.fromJSON(t.toJSON()).toJSON(), t.toJSON());
});

test('fromJSON rejects bad or edited JSON', () => {
  const good = new Tokenizer().fitOnTexts(['bir iki iki']).toJSON();
  assert.throws(() => Tokenizer.fromJSON('{not json'), /geçerli JSON değil/);
  assert.throws(() => Tokenizer.fromJSON('[]'), /Tokenizer JSON bir nesne olmalı .*verilen: \[\]/);
  assert.throws(() => Tokenizer.fromJSON({ ...good, format: 'Other' } as unknown as typeof good), /Kaydedilmiş bir Tokenizer değil/);
  const edited = { ...good, wordIndex: [['bir', 1], ['iki', 2]] as [string, number][] };
  assert.throws(() => Tokenizer.fromJSON(edited), /wordIndex ile wordCounts uyuşmuyor/);
  const broken = { ...good, wordCounts: [['bir', 'x']] } as unknown as typeof good;
  assert.throws(() => Tokenizer.fromJSON(broken), /wordCounts\[0\] bir \[kelime, pozitif tam sayı\] çifti olmalı/);
});

test('bad input: empty corpus, non-strings, a bare string, unfitted use', () => {
  assert.throws(() => new Tokenizer().fitOnTexts([]), /derlem boş/);
  assert.throws(() => new Tokenizer().fitOnTexts(['', '!!! ...']), /2 metinde hiç kelime bulunamadı/);
  assert.throws(() => new Tokenizer().fitOnTexts(['iyi', 3] as unknown as string[]), /fitOnTexts\(texts\)\[1\] bir metin \(string\) olmalı; verilen: 3/);
  assert.throws(() => new Tokenizer().fitOnTexts(['iyi', null] as unknown as string[]), /\[1\] bir metin \(string\) olmalı; verilen: null/);
  assert.throws(() => new Tokenizer().fitOnTexts('tek metin' as unknown as string[]), /tek bir metin: .*Diziye sarın/);
  assert.throws(() => new Tokenizer().textsToSequences(['a']), /henüz eğitilmedi; önce fitOnTexts/);
  assert.throws(() => new Tokenizer().vocabSize, /henüz eğitilmedi/);
  const t = new Tokenizer().fitOnTexts(['bir iki']);
  assert.throws(() => t.textsToSequences([{}] as unknown as string[]), /textsToSequences\(texts\)\[0\] bir metin \(string\) olmalı; verilen: \{\}/);
  assert.throws(() => t.sequencesToTexts([[1, 7]]), /sequences\[0\]\[1\] = 7 bir kelime numarası değil \(geçerli: doldurma için 0, 1\.\.2\)/);
  assert.throws(() => t.sequencesToTexts([[1, 1.5]]), /sequences\[0\]\[1\] = 1.5 bir kelime numarası değil/);
  assert.throws(() => t.sequencesToTexts([['1']] as unknown as number[][]), /\[0\]\[0\] sonlu bir sayı olmalı; verilen: \"1\"/);
  assert.throws(() => t.tokenize(5 as unknown as string), /tokenize\(text\) bir metin \(string\) olmalı/);
});

test('bad options: numWords, oovToken, text options', () => {
  assert.throws(() => new Tokenizer({ numWords: 0 }), /numWords bir tam sayı \(≥ 1\) olmalı; verilen: 0/);
  assert.throws(() => new Tokenizer({ numWords: 2.5 }), /numWords bir tam sayı \(≥ 1\) olmalı/);
  assert.throws(() => new Tokenizer({ oovToken: '' }), /oovToken boş olmayan bir metin/);
  assert.throws(() => new Tokenizer({ apostrophe: 'x' as 'keep' }), /apostrophe şunlardan biri olmalı: 'keep', 'split'/);
  assert.throws(() => new Tokenizer({ num_words: 5 } as unknown as object), /Bilinmeyen metin seçeneği: "num_words"/);
});
