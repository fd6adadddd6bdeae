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
