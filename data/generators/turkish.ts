/**
 * Small toolkit shared by the project's data generators: a seeded PRNG, a Turkish noun
 * inflector (vowel harmony, buffer consonants, consonant softening, d/t assimilation,
 * apostrophes on proper nouns) and a tiny template language.
 *
 * The suffix rules follow standard Turkish grammar (e.g. Göksel & Kerslake, "Turkish: A
 * Comprehensive Grammar", ch. 2 and 8). It covers what the generators need, not all of Turkish.
 *
 * Template language:
 *   [a|b|c]          pick one alternative (no nesting; alternatives may contain slots)
 *   {cat}            a random word of lexicon category `cat`, uninflected
 *   {cat:PL+P1PL+ABL} the word with a suffix chain (see SUFFIXES)
 *   {cat#1}, {cat#1:ACC} the same word each time the tag #1 is repeated in one sentence
 *   Within one sentence the same category never yields the same word twice.
 * Lexicon words ending in `*` are compounds that already carry the 3rd-person possessive
 * ("meyve suyu*"), so case suffixes take the pronominal n ("meyve suyunu").
 * Words starting with an upper-case letter are proper nouns: suffixes follow an apostrophe.
 */

import { shuffleInPlace } from '../../lib/random';

// The generators' seeded PRNG is lib/random's mulberry32 (the same stream as the copy that lived here).
export { mulberry32 } from '../../lib/random';

export function pick<T>(rng: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick() from an empty list');
  return items[Math.floor(rng() * items.length)];
}

export function shuffle<T>(rng: () => number, items: readonly T[]): T[] {
  return shuffleInPlace(items.slice(), rng);
}

const VOWELS = 'aeıioöuüâîû';
const FRONT = 'eiöüî';
const ROUNDED = 'oöuüû';
const VOICELESS = 'çfhkpsşt';

function isVowel(c: string): boolean {
  return VOWELS.includes(c);
}

function lastVowel(s: string): string {
  for (let i = s.length - 1; i >= 0; i--) if (isVowel(s[i])) return s[i];
  return 'e';
}

function vowelCount(s: string): number {
  let n = 0;
  for (const c of s) if (isVowel(c)) n++;
  return n;
}

/** Loanwords whose suffixes take front vowels although their last vowel is back (golü, saati). */
const FRONT_HARMONY = new Set(['gol', 'saat', 'dikkat', 'alkol', 'kontrol', 'petrol', 'rol', 'kalp', 'harf', 'sembol', 'protokol', 'hal']);

/** Stems that change before a vowel-initial suffix beyond the regular p/ç/k rule. */
const FORCE_SOFT: Record<string, string> = {
  renk: 'reng', cep: 'ceb', tat: 'tad', dert: 'derd', yurt: 'yurd', armut: 'armud', kâğıt: 'kâğıd',
  kanat: 'kanad', umut: 'umud', oğul: 'oğl', şehir: 'şehr', resim: 'resm', ağız: 'ağz', burun: 'burn',
  isim: 'ism', fikir: 'fikr', nehir: 'nehr', akıl: 'akl', karın: 'karn', uç: 'uc', dip: 'dib',
  kalp: 'kalb', hak: 'hakk', boyun: 'boyn', alın: 'aln', bağır: 'bağr', kayıt: 'kayd', tavır: 'tavr',
};
/** Polysyllabic words ending in p/ç/k that do not soften. */
const NO_SOFT = new Set(['ahlak', 'hukuk', 'tebrik', 'şampuan', 'otobüs', 'bisküvi']);

function softStem(word: string): string {
  if (FORCE_SOFT[word] !== undefined) return FORCE_SOFT[word];
  if (NO_SOFT.has(word) || vowelCount(word) < 2) return word;
  const last = word[word.length - 1];
  const body = word.slice(0, -1);
  if (last === 'p') return body + 'b';
  if (last === 'ç') return body + 'c';
  if (last === 'k') return body + (body.endsWith('n') ? 'g' : 'ğ');
  return word;
}

/** Undo a 3rd-person possessive on a compound's head: kitabı -> kitap, çorbası -> çorba. */
function stripPossessive(word: string): string {
  if (word.endsWith('suyu')) return word.slice(0, -2);
  if (/[aeıioöuü]s[ıiuü]$/.test(word)) return word.slice(0, -2);
  const stem = word.slice(0, -1);
  const unsoft: Record<string, string> = { b: 'p', c: 'ç', ğ: 'k', g: 'k' };
  const last = stem[stem.length - 1];
  if (unsoft[last] !== undefined && vowelCount(stem) >= 2) return stem.slice(0, -1) + unsoft[last];
  return stem;
}

/** Suffix codes understood by `inflect`, written with archiphonemes A (a/e), I (ı/i/u/ü), D (d/t). */
export const SUFFIXES: Record<string, string> = {
  PL: 'lAr', // kitaplar
  ACC: '(y)I', // kitabı, çorbayı
  DAT: '(y)A', // kitaba, çorbaya
  LOC: 'DA', // kitapta, evde
  ABL: 'DAn', // kitaptan
  GEN: '(n)In', // kitabın, çorbanın
  INS: '(y)lA', // kitapla, çorbayla
  P1SG: '(I)m', // kitabım
  P2SG: '(I)n', // kitabın (your)
  P3SG: '(s)I', // kitabı (his/her)
  P1PL: '(I)mIz', // kitabımız
  LI: 'lI', // şekerli
  SIZ: 'sIz', // şekersiz
  CI: 'CI', // kitapçı (C = c/ç)
  LIK: 'lIk', // kitaplık
};

/** After a 3rd-person possessive, case suffixes take a pronominal n (kitabını, kitabında). */
const AFTER_P3: Record<string, string> = { ACC: 'nI', DAT: 'nA', LOC: 'nDA', ABL: 'nDAn' };

function frontOf(v: string): string {
  return ({ a: 'e', ı: 'i', o: 'ö', u: 'ü', â: 'e', û: 'ü' } as Record<string, string>)[v] ?? v;
}

/**
 * Inflect a Turkish noun (or noun phrase: only its last word is inflected) with a chain of
 * suffix codes, e.g. inflect('kitap', ['PL', 'P1PL', 'ABL']) -> 'kitaplarımızdan'.
 */
export function inflect(phrase: string, chain: readonly string[]): string {
  let compound = false;
  if (phrase.endsWith('*')) {
    compound = true;
    phrase = phrase.slice(0, -1);
  }
  if (chain.length === 0) return phrase;
  const space = phrase.lastIndexOf(' ');
  const head = space >= 0 ? phrase.slice(0, space + 1) : '';
  const root = space >= 0 ? phrase.slice(space + 1) : phrase;
  const proper = /^[A-ZÇĞİÖŞÜ]/.test(root);
  let word = root;
  let afterP3 = compound;
  let first = true;
  for (const code of chain) {
    let spec = afterP3 && AFTER_P3[code] !== undefined ? AFTER_P3[code] : SUFFIXES[code];
    if (spec === undefined) throw new Error(`Unknown suffix code "${code}" in chain ${chain.join('+')}`);
    if (compound && first && code === 'P3SG') {
      afterP3 = true; // "ekran kartı" already carries it
      continue;
    }
    if (compound && first && code === 'PL') {
      // "ders kitabı" -> "ders kitapları": plural goes inside the possessive.
      const rest = chain.slice(1);
      const ownPossessive = rest.some((c) => c.startsWith('P'));
      return head + inflect(stripPossessive(root), ownPossessive ? ['PL', ...rest] : ['PL', 'P3SG', ...rest]);
    }
    const plain = word.replace(/'/g, '');
    const endsInVowel = isVowel(plain[plain.length - 1]);
    const m = /^\((.+?)\)(.*)$/.exec(spec);
    // (y)/(n)/(s) buffers appear after a vowel, the (I) buffer vowel after a consonant.
    if (m) spec = endsInVowel === (m[1] !== 'I') ? m[1] + m[2] : m[2];
    const startsWithVowel = spec[0] === 'A' || spec[0] === 'I' || isVowel(spec[0]);
    if (first) {
      if (proper) word += "'";
      else if (startsWithVowel && !endsInVowel && !compound) word = softStem(word);
    }
    const useFront = first && FRONT_HARMONY.has(root);
    let out = '';
    for (const ch of spec) {
      const sofar = (word + out).replace(/'/g, '');
      let v = lastVowel(sofar);
      if (useFront && vowelCount(out) === 0) v = frontOf(v);
      const front = FRONT.includes(v);
      const rounded = ROUNDED.includes(v);
      const prev = sofar[sofar.length - 1];
      if (ch === 'A') out += front ? 'e' : 'a';
      else if (ch === 'I') out += front ? (rounded ? 'ü' : 'i') : rounded ? 'u' : 'ı';
      else if (ch === 'D') out += VOICELESS.includes(prev) ? 't' : 'd';
      else if (ch === 'C') out += VOICELESS.includes(prev) ? 'ç' : 'c';
      else out += ch;
    }
    word += out;
    afterP3 = code === 'P3SG';
    first = false;
  }
  return head + word;
}

/** Upper-case the first letter the Turkish way (i -> İ). */
export function capitalize(s: string): string {
  return s.length === 0 ? s : s[0].toLocaleUpperCase('tr-TR') + s.slice(1);
}

export type Lexicon = Readonly<Record<string, readonly string[]>>;

/** Expand one template with random choices; see the file header for the syntax. */
export function expand(template: string, lexicon: Lexicon, rng: () => number): string {
  const withAlternatives = template.replace(/\[([^\[\]]*)\]/g, (_m, body: string) => pick(rng, body.split('|')));
  const used = new Map<string, Set<string>>();
  const bound = new Map<string, string>();
  const filled = withAlternatives.replace(/\{([a-zA-Z0-9_]+)(#\d+)?(?::([A-Z0-9+]+))?\}/g, (_m, cat: string, ref?: string, chain?: string) => {
    const words = lexicon[cat];
    if (words === undefined) throw new Error(`Template uses unknown category {${cat}}: ${template}`);
    const key = ref ? cat + ref : '';
    let word = key ? bound.get(key) : undefined;
    if (word === undefined) {
      const seen = used.get(cat) ?? new Set<string>();
      used.set(cat, seen);
      const fresh = words.filter((w) => !seen.has(w));
      word = pick(rng, fresh.length > 0 ? fresh : words);
      seen.add(word);
      if (key) bound.set(key, word);
    }
    return chain ? inflect(word, chain.split('+')) : word.replace(/\*$/, '');
  });
  return capitalize(filled.replace(/\s+/g, ' ').trim());
}

/** Count whitespace-separated words, the unit used for corpus sizes in data/README.md. */
export function countWords(lines: readonly string[]): number {
  let n = 0;
  for (const line of lines) {
    const t = line.trim();
    if (t.length > 0) n += t.split(/\s+/).length;
  }
  return n;
}
