// lib/text: words, tokenizer, padding, labels, split.
import { LabelEncoder, Tokenizer, padSequences, trainTestSplit, turkishLower, words } from '../../lib/text';
import type { Case } from './cases';
import { missingCases, stringCases } from './cases';

const fitted = () => new Tokenizer({ oovToken: '<OOV>' }).fitOnTexts(['kedi süt içti', 'köpek kemik yedi']);

export const cases: Case[] = [
  ...stringCases('words', (s) => words(s), 'result'),
  ...stringCases('turkishLower', (s) => turkishLower(s), 'result'),
  ...missingCases('words(text)', (x) => words(x)),
  ...stringCases('Tokenizer.textsToSequences', (s) => fitted().textsToSequences([s]), 'result'),
  { name: 'Tokenizer.fitOnTexts(a string)', run: () => new Tokenizer().fitOnTexts('kedi' as never) },
  { name: 'Tokenizer.textsToSequences before fit', run: () => new Tokenizer().textsToSequences(['kedi']) },
  { name: "padSequences with Keras's spelling maxlen", run: () => padSequences([[1, 2]], { maxlen: 1 } as never), mentions: /maxLen/ },
  { name: 'padSequences with maxLen NaN', run: () => padSequences([[1, 2]], { maxLen: NaN }) },
  { name: 'padSequences with maxLen -1', run: () => padSequences([[1, 2]], { maxLen: -1 }) },
  { name: 'padSequences with a NaN token', run: () => padSequences([[1, NaN]]) },
  { name: 'LabelEncoder.transform of an unknown label', run: () => new LabelEncoder().fit(['pozitif', 'negatif']).transform(['olumlu']), mentions: /olumlu/ },
  { name: 'LabelEncoder.fit([])', run: () => new LabelEncoder().fit([]) },
  { name: 'trainTestSplit with testSize 1.5', run: () => trainTestSplit([1, 2, 3, 4], [0, 1, 0, 1], { testSize: 1.5, seed: 1 }) },
  { name: 'trainTestSplit with testSize NaN', run: () => trainTestSplit([1, 2, 3, 4], [0, 1, 0, 1], { testSize: NaN, seed: 1 }) },
  { name: 'trainTestSplit with X and y of different lengths', run: () => trainTestSplit([1, 2, 3], [0, 1], { testSize: 0.5, seed: 1 }) },
];

import { mulberry32, ngramPrefixSequences, normalizeText, permutation, randomInt, shuffleInPlace, splitXy } from '../../lib/text';

cases.push(
  { name: 'mulberry32(NaN)', run: () => mulberry32(NaN) },
  { name: 'randomInt(rng, 0)', run: () => randomInt(mulberry32(1), 0) },
  { name: 'randomInt(rng, NaN)', run: () => randomInt(mulberry32(1), NaN) },
  { name: 'permutation(-1)', run: () => permutation(-1, mulberry32(1)) },
  { name: 'permutation(2.5)', run: () => permutation(2.5, mulberry32(1)) },
  { name: 'shuffleInPlace(a string)', run: () => shuffleInPlace('abc' as never, mulberry32(1)) },
  { name: 'ngramPrefixSequences([[NaN, 1]])', run: () => ngramPrefixSequences([[NaN, 1]]) },
  { name: 'splitXy([[1]]): one token has no next word', run: () => splitXy([[1]]), expect: 'any' },
  { name: 'splitXy([])', run: () => splitXy([]), expect: 'any' },
  ...stringCases('normalizeText', (s) => normalizeText(s), 'result'),
  { name: 'normalizeText with an unknown option', run: () => normalizeText('Kedi', { lowercase: true } as never) },
  { name: 'Tokenizer with numWords -1', run: () => new Tokenizer({ numWords: -1 }) },
  { name: 'Tokenizer with numWords NaN', run: () => new Tokenizer({ numWords: NaN }) },
  { name: 'Tokenizer.sequencesToTexts with an unknown index', run: () => fitted().sequencesToTexts([[999]]), expect: 'any' },
  { name: 'LabelEncoder.inverseTransform([7])', run: () => new LabelEncoder().fit(['a', 'b']).inverseTransform([7]) },
  { name: 'LabelEncoder.inverseTransform([0.5])', run: () => new LabelEncoder().fit(['a', 'b']).inverseTransform([0.5]) },
);

// Issue 31 item 6: sizes and seeds that are NaN, fractional or null.
cases.push(
  { name: 'permutation(NaN)', run: () => permutation(NaN, mulberry32(1)), mentions: /\bn\b/ },
  { name: 'permutation(null)', run: () => permutation(null as never, mulberry32(1)) },
  { name: 'permutation with an rng that is not a function', run: () => permutation(3, 42 as never), mentions: /rng/ },
  { name: 'mulberry32(1.5)', run: () => mulberry32(1.5), mentions: /seed/ },
  { name: 'mulberry32(null)', run: () => mulberry32(null as never), mentions: /seed/ },
  { name: 'trainTestSplit with seed 1.5', run: () => trainTestSplit([1, 2, 3, 4], [0, 1, 0, 1], { seed: 1.5 }), mentions: /seed/ },
  { name: 'padSequences with maxLen 2.5', run: () => padSequences([[1, 2, 3]], { maxLen: 2.5 }), mentions: /maxLen/ },
);
