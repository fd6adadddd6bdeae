/**
 * Real Turkish text: the Turkish Web Treebank (Google Research, `turkish-treebanks` 1.0.0 on PyPI,
 * Apache-2.0) — 4,851 sentences from forums, blogs and reviews (`web`) and Wikipedia (`wiki`), every
 * word with its gold lemma, part of speech and morphological features, split into inflectional groups
 * (IGs: "Açık|la|nma|yan"). Setup extracts the CoNLL-U files into .cache/corpora/turkish-treebanks/
 * (scripts/setup.mjs, `ensureTreebank`); data/README.md says where they come from.
 *
 * In the CoNLL-U rows a word's first IG carries the lemma and every later IG has lemma "_" and follows
 * without a space, so a word is one lemma row plus the "_" rows after it; punctuation is a word of
 * its own (it has a lemma). The sentence text is exactly the words joined by the rows' SpaceAfter marks.
 * Introduced in 0_Word_Embeddings.ipynb; used in 3_Bert_transformers and 4_gpt_transformers.
 */
import * as fs from 'fs';
import * as path from 'path';
import { projectPath } from '../paths';
import { turkishLower } from '../text/normalize';
import { shown } from '../validate';

export type TreebankSection = 'web' | 'wiki';
export type TreebankSplit = 'train' | 'dev' | 'test';

/** One inflectional group: a CoNLL-U row. `lemma` is null on every IG after a word's first. */
export interface TreebankSegment {
  form: string;
  lemma: string | null;
  upos: string;
  feats: Record<string, string>;
}

/** A surface word: its first IG's lemma, its last IG's category and features. */
export interface TreebankWord {
  form: string;
  lemma: string;
  upos: string;
  feats: Record<string, string>;
  segments: TreebankSegment[];
  /**
   * How many characters of `form` spell the lemma ("soruların" → 4): the root boundary. null when the
   * lemma is not a prefix of the (Turkish-lowercased) form, e.g. a root whose spelling changed
   * (kitap → kitabı, kemik → kemiğe) or a colloquial form (gidicem ← git).
   */
  rootEnd: number | null;
}

export interface TreebankSentence {
  /** "tr-forum:00000222:S023" */
  id: string;
  section: TreebankSection;
  split: TreebankSplit;
  /** The sentence id without its ":S…" part: sentences of one document share it. */
  document: string;
  /** The sentence as written (NFC). */
  text: string;
  words: TreebankWord[];
}

export interface TreebankOptions {
  section?: TreebankSection | 'all';
  split?: TreebankSplit | 'all';
}

const SECTIONS: readonly TreebankSection[] = ['web', 'wiki'];
const SPLITS: readonly TreebankSplit[] = ['train', 'dev', 'test'];

/** Folder that setup fills; a function so that tests can read files elsewhere through `dir`. */
export function treebankDir(): string {
  return projectPath('.cache', 'corpora', 'turkish-treebanks');
}

/** The package's own split (turkish_treebanks/read.py): per file, index % 10 < 8 train, 8 dev, 9 test. */
function splitOf(index: number): TreebankSplit {
  const r = index % 10;
  return r < 8 ? 'train' : r === 8 ? 'dev' : 'test';
}

/** Feature strings repeat (a few thousand distinct among 81,370 rows): parse each once, share the object. */
const featsCache = new Map<string, Record<string, string>>();

function parseFeats(text: string): Record<string, string> {
  const known = featsCache.get(text);
  if (known) return known;
  const feats: Record<string, string> = {};
  featsCache.set(text, feats);
  if (text === '_') return feats;
  for (const pair of text.split('|')) {
    const eq = pair.indexOf('=');
    if (eq > 0) feats[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return feats;
}

function rootEndOf(form: string, lemma: string): number | null {
  const lower = turkishLower(form);
  // Lowercasing keeps the length for Turkish letters (I → ı, İ → i), so offsets stay offsets of `form`.
  return lower.length === form.length && lemma.length > 0 && lower.startsWith(lemma) ? lemma.length : null;
}

/** Sentences of one CoNLL-U file's text; `where` names the file in error messages. */
export function parseTreebank(conllu: string, section: TreebankSection, where = `${section}.conllu`): TreebankSentence[] {
  if (typeof conllu !== 'string') throw new TypeError(`parseTreebank: conllu must be the text of a CoNLL-U file, got ${shown(conllu)}.`);
  const blocks = conllu.replace(/^\uFEFF/, '').normalize('NFC').split(/\r?\n\s*\r?\n/).filter((b) => b.trim() !== '');
  if (blocks.length === 0) throw new Error(`${where} holds no sentence: expected CoNLL-U blocks ("# sent_id = …", "# text = …", token rows).`);
  return blocks.map((block, index) => {
    const lines = block.split(/\r?\n/);
    const id = lines.find((l) => l.startsWith('# sent_id = '))?.slice(12).trim();
    const text = lines.find((l) => l.startsWith('# text = '))?.slice(9);
    if (!id || text === undefined) throw new Error(`${where}, sentence ${index + 1}: missing "# sent_id" or "# text" line.`);
    const words: TreebankWord[] = [];
    let rebuilt = '';
    for (const line of lines.filter((l) => l.trim() !== '' && !l.startsWith('#'))) {
      const cols = line.split('\t');
      if (cols.length !== 10) throw new Error(`${where}, ${id}: a token row must have 10 tab-separated columns, got ${cols.length}: ${shown(line)}.`);
      const [, form, lemma, upos, , feats, , , , misc] = cols;
      const continues = lemma === '_' && form !== '_';
      const segment: TreebankSegment = { form, lemma: continues ? null : lemma, upos, feats: parseFeats(feats) };
      if (continues) {
        const word = words[words.length - 1];
        if (!word) throw new Error(`${where}, ${id}: the first row has no lemma ("_"): a word must start with its lemma.`);
        word.form += form;
        word.segments.push(segment);
        word.upos = upos;
        word.feats = segment.feats;
      } else {
        words.push({ form, lemma: segment.lemma as string, upos, feats: segment.feats, segments: [segment], rootEnd: null });
      }
      rebuilt += form + (misc.includes('SpaceAfter=No') ? '' : ' ');
    }
    if (words.length === 0) throw new Error(`${where}, ${id}: the sentence has no token rows.`);
    if (rebuilt.trim() !== text) throw new Error(`${where}, ${id}: the rows spell ${shown(rebuilt.trim())}, but "# text" is ${shown(text)}.`);
    for (const w of words) w.rootEnd = rootEndOf(w.form, w.lemma);
    return { id, section, split: splitOf(index), document: id.replace(/:S\d+$/, ''), text, words };
  });
}

const cache = new Map<string, TreebankSentence[]>();

/** The sentences of one treebank file (cached by path), or a Turkish error that says how to get it. */
export function readTreebankFile(file: string, section: TreebankSection): TreebankSentence[] {
  const cached = cache.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    throw new Error(
      `Türkçe ağaç bankası bulunamadı: ${file}. Bu dosyayı kurulum indirir: internete bağlıyken proje klasöründe ` +
        '`npm start` ya da `npm run setup` komutunu bir kez çalıştırın (PyPI\'dan turkish-treebanks 1.0.0, 1,2 MB). ' +
        '(The Turkish treebank is missing: run `npm run setup` once with internet.)',
    );
  }
  if (!fs.statSync(file).isFile()) throw new Error(`readTreebankFile: ${file} is a folder; give the path of web.conllu or wiki.conllu.`);
  const sentences = parseTreebank(fs.readFileSync(file, 'utf8'), section, file);
  cache.set(file, sentences);
  return sentences;
}

/**
 * Sentences of the Turkish Web Treebank with gold lemmas, parts of speech and morphology:
 * `loadTreebank()` (all 4,851), `loadTreebank({ section: 'web', split: 'train' })`.
 * Sentences are shared between calls: do not modify them.
 */
export function loadTreebank(options: TreebankOptions = {}): TreebankSentence[] {
  if (options === null || typeof options !== 'object') throw new TypeError(`loadTreebank: options must be { section?, split? }, got ${shown(options)}.`);
  const section = options.section ?? 'all';
  const split = options.split ?? 'all';
  if (section !== 'all' && !SECTIONS.includes(section)) throw new RangeError(`loadTreebank: section must be 'web', 'wiki' or 'all', got ${shown(section)}.`);
  if (split !== 'all' && !SPLITS.includes(split)) throw new RangeError(`loadTreebank: split must be 'train', 'dev', 'test' or 'all', got ${shown(split)}.`);
  const sections = section === 'all' ? SECTIONS : [section];
  return sections.flatMap((name) => readTreebankFile(path.join(treebankDir(), `${name}.conllu`), name)).filter((s) => split === 'all' || s.split === split);
}

/** Sentences grouped by document (first appearance order), each document's sentences in S-number order. */
export function treebankDocuments(sentences: readonly TreebankSentence[]): { id: string; sentences: TreebankSentence[] }[] {
  if (!Array.isArray(sentences)) throw new TypeError(`treebankDocuments: sentences must be an array from loadTreebank(), got ${shown(sentences)}.`);
  const docs = new Map<string, TreebankSentence[]>();
  for (const s of sentences) {
    if (s == null || typeof s.document !== 'string') throw new TypeError(`treebankDocuments: every sentence must come from loadTreebank(), got ${shown(s)}.`);
    const list = docs.get(s.document) ?? [];
    list.push(s);
    docs.set(s.document, list);
  }
  const number = (s: TreebankSentence) => Number(/:S(\d+)$/.exec(s.id)?.[1] ?? 0);
  return [...docs].map(([id, list]) => ({ id, sentences: list.sort((a, b) => number(a) - number(b)) }));
}

/**
 * Gold boundary offsets inside `word.form`: the root's end (when known) and every boundary between
 * inflectional groups, sorted, without 0 and form.length. "Açıklanmayan" → [4, 6, 9]; "soruların" → [4]
 * (the treebank marks derivations as IGs but not each inflectional suffix, so these are the boundaries
 * it attests, not all morpheme boundaries).
 */
export function morphemeBoundaries(word: TreebankWord): number[] {
  if (word == null || typeof word.form !== 'string' || !Array.isArray(word.segments)) {
    throw new TypeError(`morphemeBoundaries: word must be a word of a loadTreebank() sentence, got ${shown(word)}.`);
  }
  const cuts = new Set<number>();
  if (word.rootEnd !== null) cuts.add(word.rootEnd);
  let offset = 0;
  for (const segment of word.segments.slice(0, -1)) {
    offset += segment.form.length;
    cuts.add(offset);
  }
  return [...cuts].filter((c) => c > 0 && c < word.form.length).sort((a, b) => a - b);
}
