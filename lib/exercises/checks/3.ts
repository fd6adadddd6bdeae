/**
 * Checks and self-check quizzes of 3_Bert_transformers.ipynb. Hidden cases: seeded Q/K matrices
 * (3.1), mBERT's size from its published configuration (3.3), a small hand-made vocabulary (3.4) and
 * the notebook's own attention model on sentences the exercise does not name (3.6).
 */
import { tf } from '../../tf';
import { formatNumber } from '../../display/numbers';
import { loadPipeline } from '../../models';
import { closeTo, closeToTensor, expectFunction, isUnfinished, kindOf, notYet, right, sameList, wrong } from '../kontrol';
import type { ExerciseCheck, FunctionCase } from '../kontrol';
import type { NotebookExercises } from './index';

/** softmax(Q Kᵀ / √d_k) or softmax(Q Kᵀ), row by row: exercise 3.1's reference, in plain numbers. */
function attentionWeights(q: number[][], k: number[][], scaled: boolean): number[] {
  const scale = scaled ? Math.sqrt(q[0].length) : 1;
  return q.flatMap((qi) => {
    const s = k.map((kj) => qi.reduce((a, x, d) => a + x * kj[d], 0) / scale);
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  });
}

/** bert-base-multilingual-cased's configuration (its config.json on the Hugging Face Hub): bert-base with 119,547 tokens. */
const MBERT = { vocab: 119_547, hidden: 768, layers: 12, inter: 3072, positions: 512, types: 2 };
const mbertEmbeddings = (MBERT.vocab + MBERT.positions + MBERT.types) * MBERT.hidden + 2 * MBERT.hidden;
const mbertLayer = 4 * (MBERT.hidden ** 2 + MBERT.hidden) + 2 * MBERT.hidden * MBERT.inter + MBERT.inter + MBERT.hidden + 4 * MBERT.hidden;
const mbertTotal = mbertEmbeddings + MBERT.layers * mbertLayer + MBERT.hidden ** 2 + MBERT.hidden; // + pooler

/** Exercise 3.4's hidden vocabulary and words, with the pieces greedy shortest-match-first gives. */
const SHORT_VOCAB = new Map(['ev', 'e', '##v', '##ler', '##l', '##e', '##r', 'kitap', 'k', '##tap', '##lar', 'şu', 'ş', '##u', 'gel', '##di', '##d', '##i'].map((t, i) => [t, i]));
const SHORT_CASES: [string, string[]][] = [
  ['evler', ['e', '##v', '##l', '##e', '##r']],          // longest-first gives ev ##ler
  ['şu', ['ş', '##u']],
  ['geldi', ['gel', '##d', '##i']],                      // no shorter first piece than 'gel' exists
  ['kitaplar', ['[UNK]']],                              // after 'k', no '##i…' piece: the whole word is [UNK], as in BERT
  ['xyz', ['[UNK]']],
];

/** Exercise 3.6's hidden cases: (sentence, target word, layer, head), on sentences other than the exercise's. */
const IT_CASES: [string, string, number, number][] = [
  ["The cat chased the mouse because it was hungry.", 'cat', 3, 1],
  ["The cat chased the mouse because it was hungry.", 'mouse', 5, 11],
  ["The ball broke the window because it was heavy.", 'window', 0, 6],
  ["The ball broke the window because it was heavy.", 'ball', 2, 0],
];

/** The weight from "it" to `target` in one layer and head of the notebook's attention model (minilm-attentions). */
async function itWeight(sentence: string, target: string, layer: number, head: number): Promise<number> {
  const model = await loadPipeline('minilm-attentions');
  const enc = model.tokenizer(sentence);
  const tokens = (enc.input_ids.tolist() as number[][])[0].map((id) => model.tokenizer.decode([id]));
  const attn = ((await model.model(enc)).attentions.tolist() as number[][][][][])[0]; // (layers, heads, T, T)
  return attn[layer][head][tokens.indexOf('it')][tokens.indexOf(target)];
}

/** Runs `f` on the first case only to see whether it is still `yapilacak()` (before any model is loaded). */
async function unfinishedFunction(f: (...args: never[]) => unknown, args: unknown[]): Promise<boolean> {
  try {
    return isUnfinished(await (f as (...a: unknown[]) => unknown)(...args));
  } catch {
    return false; // expectFunction reports the error with its input
  }
}

const checks: Record<string, ExerciseCheck> = {
  '3.1': {
    title: 'Ölçekli ve ölçeksiz dikkat ağırlıkları',
    check: async (f) => {
      const q = tf.randomNormal([5, 16], 0, 1, 'float32', 31) as tf.Tensor2D;   // 5 queries, d_k = 16
      const k = tf.randomNormal([7, 16], 0, 1, 'float32', 32) as tf.Tensor2D;   // 7 keys: a wrong transpose shows
      try {
        const [qa, ka] = [q.arraySync(), k.arraySync()];
        const cases: FunctionCase[] = [true, false].map((scaled) => ({
          args: [q, k, scaled],
          judge: closeToTensor([5, 7], attentionWeights(qa, ka, scaled), 1e-5),
        }));
        return await expectFunction(f, { arity: 3, cases,
          why: 'Gizli 5 sorgu × 7 anahtarlık (d_k = 16) bir örnekte iki durum da tutuyor: her satır softmax, ölçekli olanda puanlar √d_k\'ya bölünmüş.' });
      } finally {
        tf.dispose([q, k]);
      }
    },
  },
  '3.3': {
    title: 'Çok dilli BERT\'in parametre sayısı ve gömme payı',
    check: (answer) => {
      if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return wrong(`Bir nesne ({ toplam: …, gommePayi: … }) bekleniyordu; gelen ${kindOf(answer)}.`);
      const { toplam, gommePayi } = answer as Record<string, unknown>;
      if (typeof toplam !== 'number' || !Number.isFinite(toplam)) return wrong(`toplam için bir sayı bekleniyordu; gelen ${kindOf(toplam)}.`);
      if (typeof gommePayi !== 'number' || !Number.isFinite(gommePayi)) return wrong(`gommePayi için bir sayı bekleniyordu; gelen ${kindOf(gommePayi)}.`);
      if (toplam !== mbertTotal) {
        const hint = toplam === 109_482_240 ? ' Bu bert-base\'in sayısı: sözlüğü 119.547 yapın.' : '';
        return wrong(`toplam = ${formatNumber(toplam, { digits: 0 })} tutmuyor (bert-base\'in boyutları, sözlük 119.547).${hint}`);
      }
      if (gommePayi > 1 && gommePayi <= 100) return wrong(`gommePayi ${formatNumber(gommePayi, { digits: 3, trim: true })}: payı yüzde değil, 0 ile 1 arasında bir kesir olarak yazın.`);
      if (Math.abs(gommePayi - mbertEmbeddings / mbertTotal) > 5e-4) {
        return wrong(`gommePayi = ${formatNumber(gommePayi, { digits: 4, trim: true })} tutmuyor: bertParameters'ın "gömmeler" satırını (sözcük, konum ve segment tabloları ile LayerNorm'u) aynı modelin toplamına bölün.`);
      }
      return right('Toplamın yarısından fazlası gömme tablolarında: çok dilli sözlük bert-base\'inkinin yaklaşık dört katı, kodlayıcı blokları ise aynı.');
    },
  },
  '3.4': {
    title: 'En kısa eşleşmeyle WordPiece',
    check: (f) => expectFunction(f, {
      arity: 2,
      cases: SHORT_CASES.map(([word, pieces]) => ({ args: [word, SHORT_VOCAB], judge: sameList(pieces) })),
      why: 'Her konumda sözlükteki en kısa parça alınıyor (ilk parçadan sonrakiler ##\'li), bir yerde hiçbir parça yoksa bütün kelime [UNK] oluyor.',
    }),
  },
  '3.6': {
    title: '"it" satırından bir kelimeye dikkat ağırlığı',
    check: async (f) => {
      if (typeof f !== 'function') return wrong(`Bir fonksiyon bekleniyordu; gelen ${kindOf(f)}.`);
      if (await unfinishedFunction(f as (...args: never[]) => unknown, IT_CASES[0])) {
        return notYet('Fonksiyonun gövdesi henüz yazılmamış (`yapilacak()` duruyor): onu yazıp hücreyi yeniden çalıştırın.');
      }
      const expected: number[] = [];
      for (const c of IT_CASES) expected.push(await itWeight(...c));
      return expectFunction(f, {
        arity: 4,
        cases: IT_CASES.map((args, i) => ({ args, judge: closeTo(expected[i], 1e-5) })),
        why: 'Gizli iki cümlede, dört katman/baş çiftinde ağırlık modelin dikkat tensöründen aynı: satır "it" (sorgu), sütun hedef kelime (anahtar).',
      });
    },
  },
};

export const EXERCISES_3: NotebookExercises = {
  checks,
  quizzes: {
    '3.1': {
      question: 'Öz-dikkatte Q·Kᵀ neden √d_k\'ya bölünür?',
      choices: [
        { text: 'Her satırdaki ağırlıkların toplamı tam 1 olsun diye.', why: 'Toplamı softmax zaten 1 yapar; bölme puanların büyüklüğünü ayarlar.' },
        { text: 'Matris çarpımını hızlandırmak ve bellek kazanmak için.', why: 'Bölme bir işlem ekler; amaç hız değil, puanların ölçeği.' },
        { text: 'Büyüyen puan varyansını 1 civarında tutmak için.', correct: true, why: 'Büyük puanlarda softmax neredeyse tek bir 1\'e döner ve gradyanları sıfıra yaklaşır (alıştırma 1).' },
        { text: 'Uzun cümlelerde her kelimenin payını küçültmek için.', why: 'Bölen cümle uzunluğuna (T) değil, vektör boyutuna (d_k) bağlıdır.' },
      ],
    },
    '3.2': {
      question: 'Konum bilgisi olmayan bir Transformer kodlayıcısı "kedi değil köpek geldi" ile "köpek değil kedi geldi"yi neden ayıramaz?',
      choices: [
        { text: '"değil" kelimesinin vektörünü iki cümlede farklı öğrendiği için.', why: '"değil"in vektörü iki cümlede de aynıdır; sorun kelime değil, yerinin görünmemesi.' },
        { text: 'Dikkat yalnızca yan yana duran kelimelere baktığı için.', why: 'Dikkat bütün kelime çiftlerine bakar; uzaklığı da ancak konum bilgisiyle görür.' },
        { text: 'Ayırır, ama yalnızca birden çok dikkat başı varsa.', why: 'Hiçbir baş sırayı görmez; baş sayısı bunu değiştirmez.' },
        { text: 'Yer değişince yalnızca çıktıların sırası değişir.', correct: true, why: 'Ortalama cümle vektörü iki sırada da aynı (2.2\'deki `assert`: fark 10⁻⁵\'ten küçük).' },
      ],
    },
    '3.3': {
      question: 'BERT girdisindeki bir belirtecin vektörü hangi üç gömmenin toplamıdır ve `[CLS]` ne işe yarar?',
      choices: [
        { text: 'Belirteç + segment + konum; `[CLS]`\'nin son vektörü girdiyi özetler.', correct: true, why: '4. bölümdeki çift girdisi ve 6. bölümdeki ince ayar (havuzlanmış `[CLS]` → 2 sınıf) böyle kurulur.' },
        { text: 'Belirteç + konum + dikkat gömmesi; `[CLS]` cümlenin sonunu işaretler.', why: '"Dikkat gömmesi" yoktur; cümle sonunu ve iki parçanın sınırını `[SEP]` işaretler.' },
        { text: 'Word2Vec + segment + konum; `[CLS]` sözlükte olmayan kelimeler içindir.', why: 'BERT belirteç gömmelerini kendisi öğrenir; sözlükte olmayan parça `[UNK]`\'dır.' },
        { text: 'Belirteç + segment + konum; `[CLS]` yalnızca ön eğitimde kullanılır.', why: 'İnce ayarda da sınıflandırıcı `[CLS]` vektörünü (havuzlanmış haliyle) okur.' },
      ],
    },
    '3.4': {
      question: 'MLM\'de seçilen belirteçlerin neden hepsi `[MASK]` yapılmaz (80/10/10)?',
      choices: [
        { text: 'Üç tür karıştırılınca eğitim daha az adımda yakınsar.', why: 'Üç türün maliyeti aynıdır; amaç hız değil.' },
        { text: 'Rastgele belirteçler modeli yazım hatalarına karşı dayanıklı yapar.', why: 'Amaç dayanıklılık değil: model hangi konumun sorulduğunu bilmemeli.' },
        { text: 'Kullanımda `[MASK]` yoktur; her vektör iyi kalmalı.', correct: true, why: 'Yalnızca `[MASK]` görse tahmini maske belirtecine bağlardı; 5. bölümdeki tablo üç türü de gösterir.' },
        { text: 'Seçilenlerin hepsi maskelenseydi MLM kaybı hesaplanamazdı.', why: 'Kayıp yalnızca seçilen konumlarda hesaplanır; hepsi `[MASK]` olsa da hesaplanırdı.' },
      ],
    },
    '3.5': {
      question: 'NSP\'de "hayır" örneğinin B cümlesi nereden gelir, ve RoBERTa ile ALBERT NSP\'ye ne yaptı?',
      choices: [
        { text: 'A\'nın kendisinden; RoBERTa NSP örneklerini iki katına çıkardı.', why: 'B başka bir belgeden gelir; RoBERTa NSP\'yi bıraktı.' },
        { text: 'Başka bir belgeden; RoBERTa NSP\'yi bıraktı, ALBERT yerine SOP koydu.', correct: true, why: 'RoBERTa yalnızca MLM ile aynı ya da daha iyi sonuç ölçtü; ALBERT NSP\'yi büyük ölçüde konu tahmini saydı.' },
        { text: 'Aynı belgede A\'dan önceki cümleden; ALBERT NSP\'yi olduğu gibi korudu.', why: 'Sırası ters çevrilmiş iki ardışık cümle ALBERT\'in SOP\'sidir; ALBERT NSP\'yi bıraktı.' },
        { text: 'Rastgele belirteçlerden; iki model de NSP\'yi MLM\'ye kattı.', why: 'B gerçek bir cümledir; NSP\'yi iki model de bıraktı.' },
      ],
    },
  },
};
