// lib/data: file names, labels, CSV and word lists.
import { dataPath, labelToNumber, loadReviewRows, parseCsv, parseCsvRecords } from '../../lib/data';
import type { Case } from './cases';
import { missingCases, stringCases } from './cases';

const HUGE = 'x'.repeat(100_000);

export const cases: Case[] = [
  { name: "dataPath('nope')", run: () => dataPath('nope' as never), mentions: /nope/ },
  ...missingCases('dataPath(name)', (x) => dataPath(x)),
  { name: "labelToNumber('pozitif')", run: () => labelToNumber('pozitif'), expect: (r) => (r === 1 ? null : `gave ${String(r)}`) },
  ...stringCases('labelToNumber', (s) => labelToNumber(s as never)),
  { name: "labelToNumber('olumlu')", run: () => labelToNumber('olumlu' as never), mentions: /olumlu/ },
  { name: "labelToNumber('POZITIF')", run: () => labelToNumber('POZITIF' as never) },
  ...missingCases('labelToNumber(label)', (x) => labelToNumber(x)),
  ...stringCases('parseCsv', (s) => parseCsv(s), 'result'),
  { name: 'parseCsvRecords with a 100 000-character header', run: () => parseCsvRecords(`${HUGE}\n1`, ['text', 'label']) },
  { name: 'parseCsvRecords(empty)', run: () => parseCsvRecords('', ['text', 'label']) },
  ...missingCases('parseCsv(text)', (x) => parseCsv(x)),
  { name: "loadReviewRows('')", run: () => loadReviewRows('') },
  { name: 'loadReviewRows(a folder)', run: () => loadReviewRows('/tmp') },
];

import { loadDailySentences, loadEmbeddingCorpus, loadKnowledgeBase } from '../../lib/data';

cases.push(
  { name: "loadDailySentences('')", run: () => loadDailySentences('') },
  { name: "loadDailySentences('nope.txt')", run: () => loadDailySentences('nope.txt'), mentions: /nope\.txt/ },
  { name: 'loadEmbeddingCorpus(a folder)', run: () => loadEmbeddingCorpus('/tmp') },
  { name: 'loadKnowledgeBase(a CSV file)', run: () => loadKnowledgeBase(dataPath('reviews')) },
  ...missingCases('loadKnowledgeBase(file) (null)', (x) => loadKnowledgeBase(x)).slice(0, 1),
);

import { loadTreebank, morphemeBoundaries, parseTreebank, readTreebankFile, treebankDocuments } from '../../lib/data';

cases.push(
  { name: "loadTreebank({ section: 'news' })", run: () => loadTreebank({ section: 'news' as never }), mentions: /news/ },
  { name: "loadTreebank({ split: 'validation' })", run: () => loadTreebank({ split: 'validation' as never }), mentions: /validation/ },
  { name: 'loadTreebank(null)', run: () => loadTreebank(null as never) },
  { name: "loadTreebank('web')", run: () => loadTreebank('web' as never) },
  { name: 'readTreebankFile(a missing file)', run: () => readTreebankFile('/nonexistent/web.conllu', 'web'), mentions: /npm run setup/ },
  { name: 'readTreebankFile(a folder)', run: () => readTreebankFile('/tmp', 'web') },
  ...stringCases('parseTreebank', (s) => parseTreebank(s, 'web')),
  ...missingCases('parseTreebank(conllu)', (x) => parseTreebank(x as never, 'web')),
  ...missingCases('treebankDocuments(sentences)', (x) => treebankDocuments(x as never)),
  { name: 'treebankDocuments([1, 2])', run: () => treebankDocuments([1, 2] as never) },
  ...missingCases('morphemeBoundaries(word)', (x) => morphemeBoundaries(x as never)),
  { name: "morphemeBoundaries({ form: 'kitap' })", run: () => morphemeBoundaries({ form: 'kitap' } as never) },
);
