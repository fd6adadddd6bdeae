/**
 * Generates data/ner_sentences.jsonl: Turkish sentences with named-entity tags (BIO scheme of
 * CoNLL-2003: B-PER/I-PER people, B-LOC/I-LOC places, B-ORG/I-ORG organisations, O other), one
 * JSON object `{ "tokens": [...], "tags": [...] }` per line. The offline token-classification
 * model of 3_Bert_transformers.ipynb is trained on it (models/build/build_tasks.py).
 *
 * Names, places, organisations and sentence frames are written by hand for this project; the
 * people and organisations are made up. Proper nouns take their case suffix after an apostrophe
 * (Ankara'ya, Ayşe'nin), which stays part of the entity's token, as in Turkish NER corpora.
 *
 *   node --import tsx data/generators/ner_sentences.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { inflect, mulberry32, pick, shuffle } from './turkish';

export const NER_SEED = 20241205;
export const NER_COUNT = 1600;

const PEOPLE = [
  'Ayşe Yılmaz', 'Mehmet Demir', 'Zeynep Kaya', 'Ali Çelik', 'Elif Şahin', 'Mustafa Aydın', 'Fatma Öztürk', 'Emre Arslan',
  'Can Doğan', 'Selin Koç', 'Burak Kurt', 'Deniz Aksoy', 'Hakan Polat', 'Merve Erdem', 'Oğuz Yıldız', 'Gül Özdemir',
  'Ayşe', 'Mehmet', 'Zeynep', 'Ali', 'Elif', 'Kerem', 'Ceren', 'Murat', 'Derya', 'Tolga', 'İpek', 'Barış', 'Nazlı', 'Umut',
];
const PLACES = [
  'Ankara', 'İstanbul', 'İzmir', 'Bursa', 'Antalya', 'Trabzon', 'Eskişehir', 'Konya', 'Gaziantep', 'Kayseri', 'Mardin',
  'Rize', 'Edirne', 'Kadıköy', 'Beşiktaş', 'Kapadokya', 'Karadeniz', 'Ege', 'Berlin', 'Paris', 'Londra', 'Tokyo', 'Almanya',
  'Fransa', 'Japonya', 'Türkiye', 'Van Gölü', 'Uludağ', 'Boğaziçi',
];
const ORGS = [
  'Anadolu Üniversitesi', 'Ege Üniversitesi', 'Karadeniz Teknik Üniversitesi', 'Yıldız Yazılım', 'Mavi Bilişim', 'Doğa Vakfı',
  'Güneş Gazetesi', 'Kuzey Bankası', 'Ankara Belediyesi', 'Türk Dil Kurumu', 'Meteoroloji Genel Müdürlüğü', 'Sağlık Bakanlığı',
  'Çınar Holding', 'Atlas Havayolları', 'Deniz Spor Kulübü', 'Lale Yayınları', 'Kültür Bakanlığı', 'Boğaziçi Üniversitesi',
];

/** A frame's slots: {PER}, {LOC}, {ORG}, optionally with a case suffix, e.g. {LOC:DAT}. */
const FRAMES = [
  '{PER} dün {LOC:DAT} gitti.', '{PER} geçen yıl {LOC:DAT} taşındı.', '{PER} hafta sonunu {LOC:LOC} geçirdi.',
  '{PER} {ORG:LOC} mühendis olarak çalışıyor.', '{PER} {ORG:ABL} mezun oldu.', '{ORG} yeni şubesini {LOC:LOC} açtı.',
  '{ORG} bu yıl {LOC:LOC} bir konferans düzenleyecek.', '{PER:GEN} ailesi {LOC:LOC} yaşıyor.', '{LOC:DAT} giden tren sabah yedide kalktı.',
  '{PER} ile {PER} {LOC:LOC} buluştu.', '{ORG} açıklamasında {PER:GEN} yeni görevine başladığını duyurdu.',
  'Toplantıya {ORG} adına {PER} katıldı.', '{PER} yarın {LOC:ABL} {LOC:DAT} uçacak.', '{LOC} bu kış çok kar aldı.',
  '{ORG} {PER:ACC} genel müdür olarak atadı.', '{PER:GEN} yazdığı kitap {ORG} tarafından yayımlandı.',
  'Geçen ay {LOC:LOC} düzenlenen festivale binlerce kişi katıldı.', '{PER} çocukluğunu {LOC:LOC} geçirdi.',
  '{ORG:GEN} merkezi {LOC:LOC} bulunuyor.', 'Bu sabah {PER} ile telefonda konuştum.', '{PER} {ORG:DAT} iş başvurusu yaptı.',
  '{LOC} ile {LOC} arasındaki yol onarılıyor.', 'Yarınki maçta {ORG} deplasmanda oynayacak.', '{PER} tatil için {LOC:ACC} seçti.',
  'Hava raporunu {ORG} yayımladı.', '{PER} bana {LOC:ABL} bir kartpostal gönderdi.', 'Öğrenciler {ORG:GEN} kütüphanesinde çalıştı.',
];

export interface NerSentence {
  tokens: string[];
  tags: string[];
}

/** Splits a filled frame into tokens: words (with apostrophe suffixes attached) and punctuation marks. */
function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}']+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** One sentence from a frame: every slot's entity tokens get B-/I- tags, the rest O. */
function fill(frame: string, rng: () => number): NerSentence {
  const tokens: string[] = [];
  const tags: string[] = [];
  const used = new Set<string>();
  for (const part of frame.split(/(\{[A-Z]+(?::[A-Z+]+)?\})/)) {
    const slot = part.match(/^\{([A-Z]+)(?::([A-Z+]+))?\}$/);
    if (!slot) {
      for (const t of tokenize(part)) { tokens.push(t); tags.push('O'); }
      continue;
    }
    const [, kind, chain] = slot;
    const pool = kind === 'PER' ? PEOPLE : kind === 'LOC' ? PLACES : ORGS;
    let name = pick(rng, pool);
    while (used.has(name)) name = pick(rng, pool);
    used.add(name);
    const words = (chain ? inflect(name, chain.split('+')) : name).split(' ');
    words.forEach((w, i) => { tokens.push(w); tags.push(`${i === 0 ? 'B' : 'I'}-${kind}`); });
  }
  return { tokens, tags };
}

/** `count` distinct sentences, deterministic for a seed. */
export function generateNerSentences(seed = NER_SEED, count = NER_COUNT): NerSentence[] {
  const rng = mulberry32(seed);
  const seen = new Set<string>();
  const out: NerSentence[] = [];
  for (let attempt = 0; out.length < count; attempt++) {
    if (attempt > count * 50) throw new Error('NER generator ran out of distinct sentences');
    const s = fill(pick(rng, FRAMES), rng);
    const key = s.tokens.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return shuffle(rng, out);
}

/** One JSON object per line. */
export function toJsonl(sentences: readonly NerSentence[]): string {
  return sentences.map((s) => JSON.stringify(s)).join('\n') + '\n';
}

if (require.main === module) {
  const sentences = generateNerSentences();
  const out = path.join(__dirname, '..', 'ner_sentences.jsonl');
  fs.writeFileSync(out, toJsonl(sentences), 'utf8');
  const entities = sentences.flatMap((s) => s.tags).filter((t) => t.startsWith('B-')).length;
  console.log(`wrote ${out}: ${sentences.length} sentences, ${entities} entities`);
}
