/**
 * Generates data/restaurant_reviews.csv (`text,label`, labels `pozitif` / `negatif`) for the
 * sentiment model in 1_RNN.ipynb.
 *
 * Every review is assembled from hand-written clauses about six aspects (food, service, price,
 * ambience, hygiene, waiting). Labelling rule (also in data/README.md): the review's label is
 * the polarity of its LAST evaluative clause. So in a contrast "A ama B" (or "fakat"/"ancak")
 * the clause after the conjunction decides, and a negated clause counts with its negation
 * ("hiç fena değildi" is positive, "hiç lezzetli değildi" is negative).
 *
 * Some contrast reviews appear in both orders ("A ama B" and "B ama A", opposite labels), and
 * negation words ("hiç", "değildi") occur in both classes, so a bag-of-words model cannot reach
 * 100 %: order and negation matter.
 *
 * Run: node --import tsx data/generators/restaurant_reviews.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { capitalize, mulberry32, pick, shuffle } from './turkish';

export const REVIEWS_SEED = 20240613;
/** Reviews per label; the file holds twice as many. */
export const REVIEWS_PER_LABEL = 330;

export type Polarity = 'pozitif' | 'negatif';

/** {int} is replaced by an intensifier or nothing; {dish} by a dish name. */
interface AspectClauses {
  /** plainly positive */
  pos: readonly string[];
  /** plainly negative */
  neg: readonly string[];
  /** negated negative word: positive overall ("hiç fena değildi") */
  notNeg: readonly string[];
  /** negated positive word: negative overall ("hiç lezzetli değildi") */
  notPos: readonly string[];
}

const DISHES = ['kebap', 'lahmacun', 'pide', 'mantı', 'köfte', 'balık', 'iskender', 'çorba', 'pilav', 'künefe', 'baklava', 'hamburger', 'pizza', 'makarna', 'adana kebap', 'karnıyarık'];
const INTENSIFIERS = ['', '', '', 'çok', 'gerçekten', 'son derece', 'inanılmaz', 'oldukça', 'fazlasıyla', 'aşırı'];

const ASPECTS: Record<string, AspectClauses> = {
  food: {
    pos: [
      'yemekler {int} lezzetliydi', '{dish} {int} lezzetliydi', 'et tam kıvamında pişmişti', 'mezeler taptazeydi',
      'porsiyonlar doyurucuydu', 'tatlılar {int} güzeldi', 'et lokum gibiydi', 'çorba sıcacık ve lezzetliydi',
      'salata taptazeydi', 'lahmacun incecik ve çıtır çıtırdı', '{dish} tam kararındaydı', 'yıllardır gelirim, lezzet hâlâ aynı',
      'ev yemeği tadında yemekler vardı', '{dish} hayatımda yediğim en iyisiydi', 'soslar çok dengeliydi', 'ekmekler fırından yeni çıkmıştı',
    ],
    neg: [
      'yemekler {int} tatsızdı', 'et {int} sertti', 'çorba soğuk geldi', 'pilav lapa olmuştu', '{dish} {int} tuzluydu',
      'porsiyonlar {int} küçüktü', 'salata bayattı', '{dish} yanmıştı', 'tatlı {int} şekerliydi', 'patatesler yağ içindeydi',
      '{dish} çiğ kalmıştı', 'mezeler dünden kalmış gibiydi', 'yemeklerin tadı tuzdan anlaşılmıyordu', '{dish} donmuştan çıkmış gibiydi',
      'ekmek bayattı', 'yemekte tuhaf bir koku vardı',
    ],
    notNeg: [
      'yemekler hiç fena değildi', '{dish} hiç de kötü değildi', 'porsiyonlar hiç küçük değildi', 'et hiç sert değildi',
      '{dish} hiç tuzlu değildi', 'tatlılar hiç ağır değildi', 'yemeklerde hiçbir eksik yoktu', 'yemeklerin hiçbirinde kusur yoktu',
    ],
    notPos: [
      'yemekleri hiç beğenmedim', '{dish} hiç lezzetli değildi', 'et pek taze değildi', 'çorba hiç sıcak değildi',
      'porsiyonlar hiç doyurucu değildi', 'yemeklerin hiçbiri iyi değildi', '{dish} eskisi kadar güzel değildi', 'tatlıyı hiç sevmedik',
    ],
  },
  service: {
    pos: [
      'garsonlar {int} ilgiliydi', 'servis {int} hızlıydı', 'çalışanlar güler yüzlüydü', 'garson bize menüyü sabırla anlattı',
      'personel {int} nazikti', 'her isteğimizle hemen ilgilendiler', 'işletme sahibi masamıza gelip hâl hatır sordu', 'garsonumuz çok yardımseverdi',
      'siparişimizi eksiksiz getirdiler',
    ],
    neg: [
      'garsonlar {int} kabaydı', 'servis {int} yavaştı', 'siparişimizi iki kez karıştırdılar', 'garson bizi görmezden geldi',
      'çalışanlar {int} ilgisizdi', 'hesabı yanlış getirdiler', 'masamıza kimse uğramadı', 'garson siparişi yüzümüze bakmadan aldı',
      'şikâyetimizi dinlemediler bile',
    ],
    notNeg: [
      'garsonlar hiç de ilgisiz değildi', 'servis hiç yavaş değildi', 'personel hiç kaba değildi', 'hiçbir siparişimizi karıştırmadılar',
      'çalışanlar hiç asık suratlı değildi',
    ],
    notPos: [
      'garsonlar hiç ilgilenmedi', 'servis hiç hızlı değildi', 'çalışanlar pek nazik değildi', 'kimse bizimle ilgilenmedi',
      'garson bir kez olsun gülümsemedi',
    ],
  },
  price: {
    pos: [
      'fiyatlar {int} uygundu', 'hesap beklediğimizden azdı', 'fiyatı lezzetine göre çok makul', 'öğrenci menüsü cebimize uygundu',
      'fiyat-performans {int} iyiydi', 'bu lezzete bu fiyat bedava sayılır', 'hesap gelince şaşırdık, çok ucuzdu',
    ],
    neg: [
      'fiyatlar {int} yüksekti', 'hesap {int} kabarık geldi', 'porsiyona göre {int} pahalıydı', 'servis ücretini habersiz eklediler',
      'bu fiyata bu yemek olmaz', 'işletme sadece kârını düşünüyor', 'menüdeki fiyatla hesaptaki fiyat farklıydı', 'çok pahalı',
    ],
    notNeg: [
      'fiyatlar hiç de pahalı değildi', 'fiyatlar hiç abartılı değildi', 'hesap hiç şişirilmemişti', 'ödediğimiz paraya hiç acımadık',
    ],
    notPos: [
      'fiyatlar hiç uygun değildi', 'ödediğimiz paraya hiç değmedi', 'fiyat-performans hiç iyi değildi', 'hesap hiç makul değildi',
    ],
  },
  ambience: {
    pos: [
      'mekân {int} şıktı', 'ortam sıcak ve samimiydi', 'manzara harikaydı', 'müzik tam kıvamındaydı', 'oturma düzeni rahattı',
      'bahçesi {int} ferahtı', 'dekorasyon zevkliydi', 'deniz kenarındaki masalar çok keyifliydi',
    ],
    neg: [
      'mekân {int} gürültülüydü', 'müzik {int} yüksekti', 'masalar birbirine çok yakındı', 'içerisi havasızdı',
      'sandalyeler {int} rahatsızdı', 'ortam {int} karanlıktı', 'içerisi sigara kokuyordu', 'klima çalışmıyordu, içerisi buram buram sıcaktı',
    ],
    notNeg: [
      'ortam hiç de gürültülü değildi', 'mekân hiç sıkışık değildi', 'müzik hiç rahatsız edici değildi', 'içerisi hiç havasız değildi',
    ],
    notPos: [
      'ortam hiç samimi değildi', 'mekân hiç rahat değildi', 'manzara hiç göründüğü gibi değildi', 'atmosferi hiç sevmedim',
    ],
  },
  hygiene: {
    pos: [
      'her yer tertemizdi', 'tuvaletler pırıl pırıldı', 'masalar hemen silindi', 'mutfak açıktı ve {int} temizdi',
      'çalışanlar bone ve eldiven kullanıyordu', 'çatal bıçaklar pırıl pırıldı',
    ],
    neg: [
      'masalar yapış yapıştı', 'tuvaletler {int} pisti', 'bardakta leke vardı', 'tabaktan saç çıktı', 'çatal bıçaklar kirliydi',
      'masanın altı peçete doluydu', 'mutfaktan kötü kokular geliyordu',
    ],
    notNeg: [
      'tuvaletler hiç de kirli değildi', 'masalar hiç pis değildi', 'hijyen konusunda hiçbir sorun yoktu', 'hiçbir yerde toz yoktu',
    ],
    notPos: [
      'ortam hiç temiz değildi', 'hijyene hiç dikkat etmiyorlar', 'tabaklar pek temiz değildi', 'tuvaletler hiç temizlenmemişti',
    ],
  },
  waiting: {
    pos: [
      'hiç beklemeden masaya oturduk', 'yemekler on dakikada geldi', 'kalabalığa rağmen hemen yer bulduk',
      'siparişimiz beş dakikada hazırdı', 'rezervasyonumuz sayesinde kapıda hiç beklemedik', 'hesabı hemen getirdiler',
    ],
    neg: [
      'yarım saat masa bekledik', 'yemekler bir saatte geldi', 'kırk dakikadır hâlâ bekliyoruz', 'hesabı almak için yirmi dakika bekledik',
      'rezervasyonumuz olmasına rağmen kapıda bekletildik', 'siparişimiz unutulmuş, tekrar hatırlatmak zorunda kaldık',
    ],
    notNeg: [
      'hiç uzun beklemedik', 'bekleme süresi hiç uzun değildi', 'kalabalığa rağmen hiç sıra beklemedik',
    ],
    notPos: [
      'yemekler hiç çabuk gelmedi', 'sıra hiç ilerlemedi', 'servis hiç zamanında gelmedi',
    ],
  },
};

/** Whole-review verdicts that state the polarity directly. */
const GENERAL: Record<Polarity, readonly string[]> = {
  pozitif: ['bayıldım', 'beklediğimden çok daha iyiydi', 'her şey harikaydı', 'çok memnun kaldık', 'gerçekten keyifli bir akşamdı', 'hiç fena değildi', 'mükemmeldi'],
  negatif: ['hiç beğenmedim', 'hayal kırıklığına uğradım', 'berbat bir deneyimdi', 'hiç memnun kalmadık', 'tam bir fiyaskoydu', 'hiç iyi değildi', 'rezaletti'],
};

const CLOSERS: Record<Polarity, readonly string[]> = {
  pozitif: ['Kesinlikle tekrar geleceğim.', 'Herkese tavsiye ederim.', 'Bir dahaki sefere ailemi de getireceğim.', 'Teşekkürler, ellerinize sağlık!', 'Favori mekânlarım arasına girdi.', 'Yolunuz düşerse mutlaka uğrayın.'],
  negatif: ['Bir daha asla gelmem.', 'Kimseye tavsiye etmem.', 'Paramıza yazık oldu.', 'Uzak durun derim.', 'Bir daha adımımı atmam.', 'Başka bir yere gidin.'],
};

/** Neutral openers: same distribution in both classes. */
const OPENERS: readonly string[] = [
  "Geçen cuma akşamı Kadıköy'deki bu lokantaya gittik.", 'Arkadaşlarla öğle yemeği için uğradık.', 'İlk kez geldim.',
  'Cumartesi akşamı ailece buradaydık.', "İstanbul'da kaldığımız son gün burayı denedik.", "Beşiktaş'taki şubeye gittik.",
  "Ankara'ya iş için gelmiştim, akşam yemeğini burada yedim.", "İzmir'de kordon boyundaki bu balıkçıya uğradık.",
  'Doğum günü kutlaması için rezervasyon yaptırmıştık.', 'Yorumlara bakıp geldik.', 'Öğle arasında paket sipariş verdim.',
  "Eskişehir'e gelen misafirlerimizi buraya getirdik.", 'Uzun zamandır merak ediyordum.', 'Mahallenin yeni açılan dükkânını denedik.',
  'Hafta içi bir akşam iki kişi gittik.', 'Menüde "ev yapımı" yazan yemekleri denedik.',
];

const EMOJI: Record<Polarity, readonly string[]> = {
  pozitif: ['😍', '👍', '🙂', '😋', '⭐⭐⭐⭐⭐', '👏'],
  negatif: ['😡', '👎', '😞', '🤢', '⭐', '😤'],
};

const CONTRAST = ['ama', 'ama', 'ama', 'fakat', 'ancak'];

function fill(clause: string, rng: () => number): string {
  return clause
    .replace('{int}', () => pick(rng, INTENSIFIERS))
    .replace('{dish}', () => pick(rng, DISHES))
    .replace(/\s+/g, ' ')
    .trim();
}

function opposite(p: Polarity): Polarity {
  return p === 'pozitif' ? 'negatif' : 'pozitif';
}

/** A clause of the given polarity from one aspect; `negatedShare` = chance of a negated form. */
function clause(aspect: string, polarity: Polarity, rng: () => number, negatedShare: number): string {
  const a = ASPECTS[aspect];
  const negated = rng() < negatedShare;
  const bank = polarity === 'pozitif' ? (negated ? a.notNeg : a.pos) : negated ? a.notPos : a.neg;
  return fill(pick(rng, bank), rng);
}

function twoAspects(rng: () => number): [string, string] {
  const [a, b] = shuffle(rng, Object.keys(ASPECTS));
  return [a, b];
}

/** A clause used as a whole sentence: capitalised, with a full stop. */
function sentence(s: string): string {
  return capitalize(s) + '.';
}

/** Shout one clause in upper case now and then ("ÇOK PAHALI"), as real reviewers do. */
function maybeShout(s: string, rng: () => number): string {
  return rng() < 0.05 ? s.toLocaleUpperCase('tr-TR') : s;
}

/** One review text with the given label; kind chooses the shape. */
function review(label: Polarity, kind: 'simple' | 'negation' | 'contrast', rng: () => number): string {
  const parts: string[] = [];
  if (rng() < 0.3) parts.push(pick(rng, OPENERS));
  const [a1, a2] = twoAspects(rng);
  if (kind === 'simple') {
    const c1 = clause(a1, label, rng, 0);
    if (rng() < 0.5) {
      const c2 = clause(a2, label, rng, 0.2);
      parts.push(sentence(`${maybeShout(c1, rng)}${pick(rng, [' ve ', ', üstelik ', ', '])}${c2}`));
    } else {
      parts.push(sentence(maybeShout(c1, rng)));
    }
    if (rng() < 0.3) parts.push(sentence(pick(rng, GENERAL[label])));
  } else if (kind === 'negation') {
    parts.push(sentence(clause(a1, label, rng, 1)));
    if (rng() < 0.4) parts.push(sentence(clause(a2, label, rng, 0.5)));
  } else {
    const first = clause(a1, opposite(label), rng, 0.3);
    const last = rng() < 0.15 ? pick(rng, GENERAL[label]) : clause(a2, label, rng, 0.3);
    parts.push(sentence(`${first} ${pick(rng, CONTRAST)} ${maybeShout(last, rng)}`));
  }
  if (kind !== 'contrast' && rng() < 0.3) parts.push(pick(rng, CLOSERS[label]));
  let text = parts.join(' ');
  if (rng() < 0.15) text += ' ' + pick(rng, EMOJI[label]);
  return text;
}

/** The mirror of a contrast: same two clauses, swapped, so the label flips. */
function mirroredPair(rng: () => number): [string, string] {
  const [a1, a2] = twoAspects(rng);
  const pos = clause(a1, 'pozitif', rng, 0.3);
  const neg = clause(a2, 'negatif', rng, 0.3);
  const conj = pick(rng, CONTRAST);
  return [sentence(`${neg} ${conj} ${pos}`), sentence(`${pos} ${conj} ${neg}`)];
}

export interface GeneratedReview {
  text: string;
  label: Polarity;
}

/** Exactly `perLabel` reviews per label, shuffled, deterministic for a seed. */
export function generateReviews(seed = REVIEWS_SEED, perLabel = REVIEWS_PER_LABEL): GeneratedReview[] {
  const rng = mulberry32(seed);
  const seen = new Set<string>();
  const out: GeneratedReview[] = [];
  const add = (text: string, label: Polarity): boolean => {
    if (seen.has(text)) return false;
    seen.add(text);
    out.push({ text, label });
    return true;
  };
  // The brief's own examples, so the notebook can point at them.
  add('Yemekler lezzetliydi ama çok pahalı.', 'negatif');
  add('Hiç fena değildi, yine gelirim.', 'pozitif');
  add('Hiç beğenmedim.', 'negatif');
  add('Çok pahalı ama yemekler gerçekten lezzetliydi.', 'pozitif');
  // About one review in six belongs to an order-swapped pair.
  const pairs = Math.round(perLabel / 6);
  for (let made = 0, guard = 0; made < pairs; guard++) {
    if (guard > pairs * 50) throw new Error('Review generator ran out of distinct mirrored pairs');
    const [p, n] = mirroredPair(rng);
    if (seen.has(p) || seen.has(n)) continue;
    add(p, 'pozitif');
    add(n, 'negatif');
    made++;
  }
  for (const label of ['pozitif', 'negatif'] as const) {
    for (let guard = 0; out.filter((r) => r.label === label).length < perLabel; guard++) {
      if (guard > perLabel * 50) throw new Error('Review generator ran out of distinct reviews');
      const r = rng();
      const kind = r < 0.5 ? 'simple' : r < 0.72 ? 'negation' : 'contrast';
      add(review(label, kind, rng), label);
    }
  }
  return shuffle(rng, out);
}

/** RFC 4180 field: always quoted, inner quotes doubled. */
function csvField(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function toCsv(rows: readonly GeneratedReview[]): string {
  return ['text,label', ...rows.map((r) => `${csvField(r.text)},${r.label}`)].join('\n') + '\n';
}

if (require.main === module) {
  const rows = generateReviews();
  const out = path.join(__dirname, '..', 'restaurant_reviews.csv');
  fs.writeFileSync(out, toCsv(rows), 'utf8');
  const pos = rows.filter((r) => r.label === 'pozitif').length;
  console.log(`wrote ${out}: ${rows.length} reviews (${pos} pozitif, ${rows.length - pos} negatif)`);
}
