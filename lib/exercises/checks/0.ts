/**
 * Checks and self-check quizzes of 0_Word_Embeddings.ipynb. The checks recompute what they need
 * (from the corpus files or their own small hidden cases), so nothing here depends on the notebook's state.
 */
import { loadEmbeddingCorpus, loadTreebank } from '../../data';
import { buildVocabulary, charNgrams, trainWord2Vec, WORD2VEC_SETTINGS } from '../../embeddings';
import type { WordVectors } from '../../embeddings';
import { formatNumber } from '../../display/numbers';
import { words } from '../../text';
import { closeToTensor, expectFunction, kindOf, right, sameSet, wrong } from '../kontrol';
import type { ExerciseCheck, Verdict } from '../kontrol';
import type { NotebookExercises } from './index';
import { sigmoid } from './math';

const dot = (a: number[], b: number[]) => a.reduce((s, x, c) => s + x * b[c], 0);
const nsLoss = (v: number[], uPos: number[], uNeg: number[][]) =>
  -Math.log(sigmoid(dot(uPos, v))) - uNeg.reduce((s, u) => s + Math.log(sigmoid(-dot(u, v))), 0);
/** The reference loss curve of exercise 0.2: the loss before the first step and after each of `steps`. */
function lossCurve(v: number[], uPos: number[], uNeg: number[][], lr: number, steps: number): number[] {
  const losses = [nsLoss(v, uPos, uNeg)];
  for (let k = 0; k < steps; k++) {
    const gPos = sigmoid(dot(uPos, v)) - 1;
    const gNeg = uNeg.map((u) => sigmoid(dot(u, v)));
    const gradV = v.map((_, c) => gPos * uPos[c] + gNeg.reduce((s, g, i) => s + g * uNeg[i][c], 0));
    [v, uPos, uNeg] = [v.map((x, c) => x - lr * gradV[c]), uPos.map((x, c) => x - lr * gPos * v[c]), uNeg.map((u, i) => u.map((x, c) => x - lr * gNeg[i] * v[c]))];
    losses.push(nsLoss(v, uPos, uNeg));
  }
  return losses;
}
const noise = (counts: number[], p: number) => {
  const w = counts.map((n) => n ** p);
  const z = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / z);
};

/** A record of whole numbers for every key of `keys`; a missing key or a non-number is named. */
function countsRecord(answer: unknown, keys: string[]): Record<string, number> | Verdict {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return wrong(`Bir nesne ({ istanbul: …, … }) bekleniyordu; gelen ${kindOf(answer)}.`);
  const rec = answer as Record<string, unknown>;
  const missing = keys.find((k) => !(k in rec));
  if (missing !== undefined) return wrong(`"${missing}" anahtarı eksik: nesnede ${keys.map((k) => `"${k}"`).join(', ')} olmalı.`);
  const bad = keys.find((k) => typeof rec[k] !== 'number' || !Number.isInteger(rec[k]) || (rec[k] as number) < 0);
  if (bad !== undefined) {
    const got = typeof rec[bad] === 'number' ? `${formatNumber(rec[bad] as number, { digits: 4, trim: true })} (tam sayı değil ya da negatif)` : kindOf(rec[bad]);
    return wrong(`"${bad}" için bir sayım (0 ya da pozitif tam sayı) bekleniyordu; gelen ${got}.`);
  }
  return rec as Record<string, number>;
}

const CITIES = ['istanbul', 'ankara', 'paris', 'roma', 'tokyo'];

/**
 * Notebook 0's §4 models, retrained with the notebook's own settings (WORD2VEC_SETTINGS, its `w2vOptions`: one thread
 * and seed 1 give the same vectors bit for bit, as §8 asserts), once per kernel: exercise 0.5 compares the learner's
 * answers with their analogies.
 */
export const ANALOGY_TRAINING = WORD2VEC_SETTINGS;
let notebookModels: Promise<Record<'cbow' | 'skipGram', WordVectors>> | undefined;
function analogyModels(): Promise<Record<'cbow' | 'skipGram', WordVectors>> {
  notebookModels ??= (async () => {
    const sentences = loadEmbeddingCorpus().map((line) => words(line));
    return { cbow: await trainWord2Vec(sentences, { ...ANALOGY_TRAINING, architecture: 'cbow' }), skipGram: await trainWord2Vec(sentences, { ...ANALOGY_TRAINING, architecture: 'skipgram' }) };
  })();
  return notebookModels;
}
const ANALOGY_MODELS = ['cbow', 'skipGram'] as const;
const ANALOGY_WORDS = ['dayı', 'imparator'] as const;
/** float32 answers (a tf tensor, a Float32Array) round at ~10⁻⁸ relative; these values are below 5. */
const TOL = 1e-6;

const checks: Record<string, ExerciseCheck> = {
  '0.1': {
    title: 'Üslü gürültü dağılımı',
    check: (f) => expectFunction(f, {
      arity: 2,
      cases: [
        { args: [[8, 4, 2, 1], 1], judge: closeToTensor([4], noise([8, 4, 2, 1], 1), TOL) },
        { args: [[8, 4, 2, 1], 0], judge: closeToTensor([4], noise([8, 4, 2, 1], 0), TOL) },
        { args: [[9, 1], 0.5], judge: closeToTensor([2], noise([9, 1], 0.5), TOL) },
        { args: [[1000, 30, 7, 1, 1], 0.75], judge: closeToTensor([5], noise([1000, 30, 7, 1, 1], 0.75), TOL) },
      ],
      why: 'Her sayının p. kuvvetini alıp toplamlarına bölüyorsunuz: p = 1 sıklığın kendisi, p = 0 düzgün dağılım, aradaki üsler sık kelimelerin payını kısar.',
    }),
  },
  '0.2': {
    title: '50 adımlık kayıp eğrisi',
    check: (f) => expectFunction(f, {
      arity: 5,
      cases: [
        [[0.3, -0.2, 0.1], [0.1, 0.2, -0.3], [[0.2, 0.1, 0.4], [-0.3, 0.2, 0.1]], 0.2, 4],
        [[0.5, 0.1], [-0.4, 0.3], [[0.6, -0.2]], 2, 3],
        [[0.1, 0.1, 0.1, 0.1], [0, 0, 0, 0], [[0.1, -0.1, 0.1, -0.1], [0.2, 0.2, 0.2, 0.2], [0, 0.3, 0, 0.3]], 0.02, 5],
      ].map((args) => {
        const [v, uPos, uNeg, lr, steps] = args as [number[], number[], number[][], number, number];
        const want = lossCurve(v, uPos, uNeg, lr, steps);
        const judge = closeToTensor([steps + 1], want, TOL);
        return { args, judge: (r: unknown) => (Array.isArray(r) && r.length === steps ? `${steps + 1} kayıp bekleniyordu (başlangıçtaki kayıp ve her adımdan sonraki), ${steps} döndü: başlangıç kaybını unutmuş olabilirsiniz.` : judge(r)) };
      }),
      why: 'Her adımda nsStep yeni vektörleri veriyor ve kaybı onlarla yeniden hesaplıyorsunuz; küçük adımlarda (ör. lr = 0,2) kayıp her adımda düşer.',
    }),
  },
  '0.3': {
    title: 'Yazım hatasının kaybettirdiği n-gramlar',
    check: (answer) => {
      const lost = charNgrams('kitaplarımızdan', 3, 6).filter((g) => !charNgrams('kitablarımızdan', 3, 6).includes(g));
      const problem = sameSet(lost)(answer);
      if (problem === null) return right(`"p" yerine "b" yazmak, o harfi içeren ${lost.length} n-gramı götürür; geri kalanlar aynı kaldığı için FastText yazım hatalı kelimeye yine de yakın bir vektör kurar.`);
      return wrong(`${problem} Doğru kelimenin (kitaplarımızdan) 3–6 karakterlik n-gramlarından, hatalı yazımınkilerde (kitablarımızdan) olmayanları toplayın.`);
    },
  },
  '0.4': {
    title: 'Şehir adlarının derlemdeki sayısı',
    check: (answer) => {
      const rec = countsRecord(answer, CITIES);
      if ('status' in rec) return rec as Verdict;
      const counts = new Map<string, number>();
      for (const line of loadEmbeddingCorpus()) for (const w of words(line)) counts.set(w, (counts.get(w) ?? 0) + 1);
      const off = CITIES.find((c) => rec[c] !== (counts.get(c) ?? 0));
      if (off !== undefined) return wrong(`"${off}" için ${rec[off]} yazdınız, derlem bunu doğrulamıyor: sayıyı \`corpusCount('${off}')\` ile alın (tahmin etmeyin).`);
      const n = CITIES.map((c) => counts.get(c) ?? 0);
      const inVocab = n.filter((x) => x >= 5).length;
      return right(`Şehirler derlemde ${Math.min(...n)}–${Math.max(...n)} kez geçiyor; ${inVocab === CITIES.length ? 'hepsi' : `${inVocab} tanesi`} minCount 5'i aşıyor ve Word2Vec sözlüğünde: haritaya konabilirler, ama vektörleri yalnızca bu kadar bağlamdan öğrenildi.`);
    },
  },
  '0.5': {
    title: 'İki analojinin ilk cevabı',
    check: async (answer) => {
      if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return wrong(`Bir nesne ({ cbow: { dayı: …, imparator: … }, skipGram: { … } }) bekleniyordu; gelen ${kindOf(answer)}.`);
      const rec = answer as Record<string, unknown>;
      for (const m of ANALOGY_MODELS) {
        const inner = rec[m] as Record<string, unknown> | undefined;
        if (inner === null || typeof inner !== 'object') return wrong(`"${m}" anahtarında bir nesne ({ dayı: …, imparator: … }) olmalı; gelen ${kindOf(inner)}.`);
        const bad = ANALOGY_WORDS.find((w) => typeof inner[w] !== 'string');
        if (bad !== undefined) return wrong(`${m}.${bad} bir kelime (string) olmalı; gelen ${kindOf(inner[bad])}.`);
      }
      const models = await analogyModels();
      for (const m of ANALOGY_MODELS) {
        for (const w of ANALOGY_WORDS) {
          const given = (rec[m] as Record<string, string>)[w];
          const top = models[m].analogy(w, 'erkek', 'kadın', 5).map((n) => n.word);
          if (given === top[0]) continue;
          const where = top.indexOf(given);
          const why = where > 0 ? `"${given}" o modelin ${where + 1}. cevabı; ilk cevabı (en benzer kelimeyi) yazın` : `"${given}" o modelin ilk cevabı değil`;
          return wrong(`${m} için "${w} − erkek + kadın" sorusunda ${why}. Cevabı tahmin etmeyin: \`${m}.analogy('${w}', 'erkek', 'kadın')\` ile hesaplayın.`);
        }
      }
      return right('İki model de iki soruda cinsiyet çiftinin öteki kelimesini buluyor: derlemde bu çiftler aynı kalıplarda geçiyor. Şimdi bu derlemde çalışmayan bir analoji arayın.');
    },
  },
  '0.6': {
    title: 'minCount 2 ile gerçek metnin sözlüğü',
    check: (answer) => {
      if (typeof answer !== 'number' || !Number.isInteger(answer)) return wrong(`Sözlükteki kelime sayısı bir tam sayı olmalı; gelen ${kindOf(answer)}.`);
      const real = loadTreebank({ split: 'train' }).map((s) => words(s.text));
      const [two, five] = [buildVocabulary(real, 2).words.length, buildVocabulary(real, 5).words.length];
      if (answer === five) return wrong('Bu sayı minCount 5 olan sözlüğün büyüklüğü: eşiği 2 yapın.');
      if (answer !== two) return wrong(`${answer} çıktı; minCount 2 ile eğitim bölmesinden kurulan sözlük bunu vermiyor. Sözlüğü \`realSentences\` (yalnızca eğitim bölmesi) ile kurun.`);
      return right(`Eşiği 5'ten 2'ye indirmek sözlüğü ${formatNumber(two / five, { digits: 1 })} katına çıkarır: yeni kelimelerin hepsi 2–4 kez geçer, vektörleri az bağlamdan öğrenilir.`);
    },
  },
};

export const EXERCISES_0: NotebookExercises = {
  checks,
  quizzes: {
    '0.1': {
      question: 'One-hot vektörlerde "pilav" ile "makarna"nın kosinüs benzerliği neden 0\'dır?',
      choices: [
        { text: 'Derlemde bu iki kelime hiç aynı cümlede geçmediği için benzerlikleri sıfırdır.', why: 'One-hot vektör derlemden hiç öğrenmez; benzerlik aynı cümlede geçseler de 0 olurdu.' },
        { text: 'Farklı kelimelerin 1\'leri farklı yerdedir; iç çarpım 0 olur.', correct: true, why: 'Ortak 1 olmadığı için her farklı çiftin benzerliği 0: vektörler anlam taşımaz. Yoğun gömmeler benzer bağlamdaki kelimelere benzer yönler öğrenir.' },
        { text: 'Vektörler birim uzunlukta olmadığı için kosinüs hesabı 0\'a iner.', why: 'One-hot vektörlerin boyu zaten 1; sıfırın nedeni ortak bir boyutlarının olmaması.' },
        { text: 'Sözlük çok büyük olduğu için sayısal olarak 0\'a yuvarlanır.', why: 'Sonuç yuvarlama değil, tam 0: iç çarpımın bütün terimleri 0.' },
      ],
    },
    '0.2': {
      question: 'Negatif örneklemede gürültü kelimeleri neden U(w) yerine U(w)^(3/4) dağılımından çekilir?',
      choices: [
        { text: 'Olasılıkların toplamını 1 yapmak, yani dağılımı normalleştirmek için.', why: 'Toplamı 1 yapan Z ile bölmektir; üs dağılımın biçimini değiştirir.' },
        { text: 'Nadir kelimeleri gürültüden tamamen çıkarıp yalnız sık kelimeleri çekmek için.', why: 'Tersine: üs < 1 nadir kelimelerin payını büyütür (defterdeki tabloda en nadir kelimenin payı iki katını aştı).' },
        { text: 'Eğitimi tohumdan bağımsız ve tekrarlanabilir yapmak için.', why: 'Dağılımın biçimi rastgeleliği ortadan kaldırmaz; tekrarlanabilirlik tohumdan gelir.' },
        { text: 'Çok sık kelimelerin payını azaltıp nadir kelimelerinkini artırmak için.', correct: true, why: '3/4. kuvvet dağılımı düzleştirir: en sık kelimenin ("sonra") payı %3,5\'ten %1,5\'e iner, nadir kelimelerinki artar; nadir kelimeler de ayırt edilmeyi öğrenir.' },
      ],
    },
    '0.3': {
      question: 'Word2Vec "kitaplarımızdan" için hata verirken FastText nasıl bir vektör üretebiliyor?',
      choices: [
        { text: 'Görülmeyen kelimeye her çalıştırmada rastgele bir vektör atar; anlamı yoktur.', why: 'Rastgele vektörün komşuları anlamsız olurdu; defterde komşular aynı kökten ya da aynı eklerdendi.' },
        { text: 'Kelimeyi sözlükteki en yakın yazımlı kelimeyle, örneğin "kitaplarımız" ile değiştirir.', why: 'FastText yazım düzeltmesi yapmaz; vektörü n-gramlardan toplar.' },
        { text: 'Vektörü, başka kelimelerde eğitilmiş karakter n-gramlarının ortalamasıdır.', correct: true, why: '`<ki`, `kita`, `ızdan>` gibi parçalar derlemin başka kelimelerinde geçti; kelimenin kendisi görülmemiş olsa da vektörü kurulabilir.' },
        { text: 'Eğitimde bütün olası ekli kelimeleri önceden üretip sözlüğe ekler.', why: 'Sözlük yine derlemdeki kelimelerden oluşur; görülmeyen kelimeye ulaşan yol n-gramlardır.' },
      ],
    },
    '0.4': {
      question: 'Gerçek metinde 5–9 kez geçen bir kelimenin en yakın komşularına neden güvenmemeliyiz?',
      choices: [
        { text: 'Yalnız tohumu farklı iki modelin ilk 10 komşusu burada çok az örtüşüyor.', correct: true, why: 'Defterde iki tohumun ortak komşuları 5–9 kez geçen kelimelerde %3 kadardı (şansın dört katı, ama çok az): vektör veriden çok rastlantıya bağlı; sıklık arttıkça ortaklık arttı.' },
        { text: 'Bu kelimeler sözlüğe hiç girmez; komşuları rastgele seçilir.', why: 'minCount 5 olduğu için 5–9 kez geçenler sözlüktedir; sorun vektörlerinin kararsızlığı.' },
        { text: 'Kosinüs benzerliği az geçen kelimelerin vektörlerinde tanımsız kalır.', why: 'Kosinüs her sıfır olmayan vektör için tanımlı; sorun vektörün az bağlamdan öğrenilmesi.' },
        { text: 'Gerçek metin küçük harfe çevrilmediği için aynı kelime ikiye bölünür.', why: 'İki derlem de aynı `words` fonksiyonuyla küçük harfe çevrilip bölündü.' },
      ],
    },
  },
};
