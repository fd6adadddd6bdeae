import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { loadTreebank, morphemeBoundaries, parseTreebank, readTreebankFile, treebankDir, treebankDocuments } from '../data';
import { PROJECT_ROOT } from '../paths';

// Two sentences in the treebank's own layout: IG rows with lemma "_", SpaceAfter=No, punctuation.
const SAMPLE = [
  '# sent_id = tr-blog:00000584:S049',
  '# text = Açıklanmayan soruların kitabı.',
  '1\tAçık\taçık\tNOUN\tNN\tCase=Bare|Proper=False\t2\tig\t_\tSpaceAfter=No',
  '2\tla\t_\tVERB\tVB\tDerivation=Make\t3\tig\t_\tSpaceAfter=No',
  '3\tnma\t_\tVERB\tVB\tDerivation=Pass|Polarity=Neg\t4\tig\t_\tSpaceAfter=No',
  '4\tyan\t_\tADJ\tVJ\tDerivation=PresPart\t5\trcmod\t_\t_',
  '5\tsoruların\tsoru\tNOUN\tNN\tPersonNumber=A3pl|Case=Gen\t6\tposs\t_\t_',
  '6\tkitabı\tkitap\tNOUN\tNN\tCase=Acc\t0\troot\t_\tSpaceAfter=No',
  '7\t.\t.\tPUNCT\t.\tProper=False\t6\tp\t_\t_',
  '',
  '# sent_id = tr-blog:00000584:S012',
  '# text = İyi.',
  '1\tİyi\tiyi\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No',
  '2\t.\t.\tPUNCT\t.\t_\t1\tp\t_\t_',
  '',
].join('\n');

test('parseTreebank joins inflectional groups into words and keeps the gold lemma and features', () => {
  const [s, t] = parseTreebank(SAMPLE, 'web');
  assert.deepEqual(s.words.map((w) => w.form), ['Açıklanmayan', 'soruların', 'kitabı', '.']);
  assert.deepEqual(s.words.map((w) => w.lemma), ['açık', 'soru', 'kitap', '.']);
  assert.deepEqual(s.words[0].segments.map((g) => g.form), ['Açık', 'la', 'nma', 'yan']);
  assert.equal(s.words[0].upos, 'ADJ');
  assert.equal(s.words[1].feats.Case, 'Gen');
  assert.deepEqual(s.words.map((w) => w.rootEnd), [4, 4, null, 1]);
  assert.deepEqual(morphemeBoundaries(s.words[0]), [4, 6, 9]);
  assert.deepEqual(morphemeBoundaries(s.words[1]), [4]);
  assert.deepEqual(morphemeBoundaries(s.words[2]), []);
  assert.equal(t.words[0].rootEnd, 3); // İyi → iyi: Turkish lowercasing, not JavaScript's (i̇yi)
  assert.deepEqual([s.document, s.split, t.split], ['tr-blog:00000584', 'train', 'train']);
  assert.deepEqual(treebankDocuments([s, t]).map((d) => d.sentences.map((x) => x.id)), [['tr-blog:00000584:S012', 'tr-blog:00000584:S049']]);
});

test('parseTreebank explains a malformed file', () => {
  assert.throws(() => parseTreebank('# sent_id = a:S1\n1\tx\tx\n', 'web'), /missing "# sent_id" or "# text"/);
  assert.throws(() => parseTreebank('# sent_id = a:S1\n# text = x\n1\tx\tx\n', 'web'), /10 tab-separated columns, got 3/);
  assert.throws(() => parseTreebank('# sent_id = a:S1\n# text = y\n1\tx\tx\tX\tX\t_\t0\troot\t_\t_\n', 'web'), /rows spell "x", but "# text" is "y"/);
  assert.throws(() => parseTreebank('# sent_id = a:S1\n# text = la\n1\tla\t_\tX\tX\t_\t0\troot\t_\t_\n', 'web'), /must start with its lemma/);
});

test('a missing treebank gives a Turkish error that says to run setup', () => {
  assert.throws(() => readTreebankFile('/nonexistent/web.conllu', 'web'), /Türkçe ağaç bankası bulunamadı: \/nonexistent\/web\.conllu\..*npm run setup/);
  assert.throws(() => loadTreebank({ section: 'news' as 'web' }), /section must be 'web', 'wiki' or 'all', got "news"/);
  assert.throws(() => loadTreebank({ split: 'val' as 'dev' }), /split must be 'train', 'dev', 'test' or 'all'/);
});

test('the real treebank: 4,851 sentences, the package split, no empty sentence, Turkish letters intact', () => {
  const all = loadTreebank();
  assert.equal(all.length, 4851);
  assert.equal(loadTreebank({ section: 'web' }).length, 2541);
  assert.equal(loadTreebank({ section: 'wiki' }).length, 2310);
  const sizes = ['train', 'dev', 'test'].map((split) => loadTreebank({ split: split as 'train' }).length);
  assert.deepEqual(sizes, [2033 + 1848, 254 + 231, 254 + 231]); // web 2,541 and wiki 2,310, every 10 as 8/1/1
  assert.equal(new Set(all.map((s) => s.id)).size, all.length);
  assert.ok(all.every((s) => s.text.trim() !== '' && s.words.length > 0 && s.words.every((w) => w.form !== '' && w.lemma !== '')));
  const text = all.map((s) => s.text).join(' ');
  assert.equal(text, text.normalize('NFC'));
  for (const letter of 'çğıöşüÇĞİÖŞÜ') assert.ok(text.includes(letter), `${letter} appears`);
  const words = all.flatMap((s) => s.words);
  assert.equal(words.length, 66463);
  const alphabetic = words.filter((w) => /\p{L}/u.test(w.form));
  assert.ok(alphabetic.length > 55000 && alphabetic.length < 60000, `${alphabetic.length} words with letters`);
  // The lemma spells the start of most words; where it does not, the root changed (kitap → kitabı).
  assert.ok(words.filter((w) => w.rootEnd !== null).length / words.length > 0.95);
  assert.ok(words.some((w) => w.form === 'kitabı' && w.lemma === 'kitap' && w.rootEnd === null) || words.some((w) => w.lemma === 'kemik' && w.rootEnd === null));
  assert.ok(treebankDocuments(all).length > 500);
});

test('setup fetches the treebank once, then finds it offline with its checksums', () => {
  // setup.mjs ran before the tests (npm test); a second call must not touch the network: prove it by
  // pointing pip at an unreachable index — the step must still report "ready".
  assert.ok(fs.existsSync(path.join(treebankDir(), 'LICENSE')));
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', "const { ensureTreebank } = await import('./scripts/setup.mjs'); ensureTreebank();"], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, PIP_INDEX_URL: 'http://127.0.0.1:9/simple', PIP_NO_INDEX: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Turkish treebank \(\.cache\/corpora\): ready/);
});
