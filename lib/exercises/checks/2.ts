/** Checks and self-check quizzes of 2_LSTM.ipynb (hidden cases: a seeded reference layer, small series). */
import { tf } from '../../tf';
import { formatNumber } from '../../display/numbers';
import { closeToTensor, expectFunction, isUnfinished, kindOf, notYet, right, wrong } from '../kontrol';
import type { ExerciseCheck } from '../kontrol';
import type { NotebookExercises } from './index';
import { sigmoid } from './math';

type Step = (x: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D, w: { kernel: tf.Tensor2D; recurrentKernel: tf.Tensor2D; bias: tf.Tensor1D }) =>
  { h: tf.Tensor2D; c: tf.Tensor2D } | Promise<{ h: tf.Tensor2D; c: tf.Tensor2D }>;

/**
 * Exercise 2.1: the learner's step, unrolled over a hidden seeded input, against tf.layers.lstm with
 * tfjs's default recurrentActivation (hardSigmoid). Returns null when every h_t agrees to 1e-5.
 */
async function againstHardLstm(step: Step): Promise<string | null | 'yapilacak'> {
  const [batchSize, seqLen, inputDim, units] = [2, 4, 3, 5];
  const x = tf.randomNormal([batchSize, seqLen, inputDim], 0, 1, 'float32', 21) as tf.Tensor3D;
  const layer = tf.layers.lstm({ units, returnSequences: true, kernelInitializer: tf.initializers.glorotUniform({ seed: 22 }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: 23 }), biasInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 24 }) });
  const expected = tf.tidy(() => Array.from((layer.apply(x) as tf.Tensor).dataSync())); // [batchSize, seqLen, units], flat
  const [kernel, recurrentKernel, bias] = layer.getWeights() as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
  const got: number[][][] = [];
  const keep: tf.Tensor[] = [];
  try {
    let h = tf.zeros([batchSize, units]) as tf.Tensor2D;
    let c = tf.zeros([batchSize, units]) as tf.Tensor2D;
    keep.push(h, c);
    for (let t = 0; t < seqLen; t++) {
      const xt = tf.tidy(() => x.slice([0, t, 0], [batchSize, 1, inputDim]).reshape([batchSize, inputDim])) as tf.Tensor2D; // [batchSize, inputDim]
      keep.push(xt);
      const out = await step(xt, h, c, { kernel, recurrentKernel, bias });
      if (isUnfinished(out)) return 'yapilacak';
      if (out === null || typeof out !== 'object' || !(out.h instanceof tf.Tensor) || !(out.c instanceof tf.Tensor)) {
        return `fonksiyon { h, c } tensörlerini içeren bir nesne döndürmeli; ${kindOf(out)} döndü${out instanceof tf.Tensor ? ' (yalnızca h mi?)' : ''}.`;
      }
      keep.push(out.h, out.c);
      if (out.h.shape.join(',') !== `${batchSize},${units}`) return `h_t'nin biçimi [${batchSize}, ${units}] olmalıydı, [${out.h.shape.join(', ')}] döndü.`;
      got.push(out.h.arraySync() as number[][]);
      [h, c] = [out.h, out.c];
    }
  } finally {
    tf.dispose([x, ...keep]);
    layer.dispose();
  }
  // got[t][b][u] → [b][t][u], the layer's order.
  const flat = Array.from({ length: batchSize }, (_, b) => got.map((ht) => ht[b])).flat(2);
  let worst = 0, at = -1;
  flat.forEach((v, i) => { const d = Math.abs(v - expected[i]); if (!(d <= worst)) { worst = d; at = i; } });
  if (worst <= 1e-5) return null;
  const [b, t, u] = [Math.floor(at / (seqLen * units)), Math.floor(at / units) % seqLen, at % units];
  return `en büyük fark ${Number.isFinite(worst) ? formatNumber(worst, { digits: 4, trim: true }) : 'NaN'}: ${t + 1}. adımda, ${b + 1}. örnekte, ${u + 1}. birimde (izin verilen 10⁻⁵).`;
}

const BIASES = { b1: 1, b3: 3, b5: 5 };

/** Exercise 2.5's reference: `horizon` predictions, each fed back into the sliding window. */
function rollForward(window: number[], horizon: number, next: (w: number[]) => number): number[] {
  const w = [...window];
  const out: number[] = [];
  for (let k = 0; k < horizon; k++) {
    const p = next(w);
    out.push(p);
    w.shift();
    w.push(p);
  }
  return out;
}

const checks: Record<string, ExerciseCheck> = {
  '2.1': {
    title: "hardSigmoid'li LSTM adımı",
    check: async (f) => {
      if (typeof f !== 'function') return wrong(`Bir fonksiyon bekleniyordu; gelen ${kindOf(f)}.`);
      if (f.length > 4) return wrong(`Fonksiyon lstmStep gibi 4 parametre (x, hPrev, cPrev, w) almalı; sizinki ${f.length} zorunlu parametre bekliyor.`);
      let problem: string | null | 'yapilacak';
      try {
        problem = await againstHardLstm(f as Step);
      } catch (err) {
        return wrong(`Fonksiyonunuz gizli bir girdide ([2, 3] boyutlu x_t, 5 birim) hata verdi: ${(err as Error)?.message ?? String(err)}`);
      }
      if (problem === 'yapilacak') return notYet('Fonksiyonun gövdesi henüz yazılmamış (`yapilacak()` duruyor): onu yazıp hücreyi yeniden çalıştırın.');
      if (problem !== null && problem.startsWith('fonksiyon ')) return wrong(`${problem[0].toUpperCase()}${problem.slice(1)} lstmStep gibi \`return { h, c }\` yazın.`);
      if (problem !== null) return wrong(`Varsayılan tf.layers.lstm ile 4 adımlık gizli bir dizide karşılaştırıldı: ${problem} Üç kapının hepsinde hardSigmoid kullanıp adayı (C̃) tanh ile bıraktınız mı? Ağırlık blokları tfjs'te i, f, C̃, o sırasındadır (slaytlardaki f, i, o sırası değil): \`tf.split\` sonucunu bu sırayla adlandırdınız mı?`);
      return right('4 adımlık gizli bir dizide her h_t, recurrentActivation verilmemiş tf.layers.lstm ile 10⁻⁵ içinde aynı: tfjs\'in varsayılan kapısı hardSigmoid.');
    },
  },
  '2.3': {
    title: 'Unutma kapısının yanlılık terimi ve 50 adım',
    check: (answer) => {
      if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return wrong(`Bir nesne ({ b1: …, b3: …, b5: … }) bekleniyordu; gelen ${kindOf(answer)}.`);
      const rec = answer as Record<string, unknown>;
      for (const [key, b] of Object.entries(BIASES)) {
        const v = rec[key];
        if (!(key in rec)) return wrong(`${key} anahtarı eksik: nesnede b1, b3 ve b5 olmalı.`);
        if (typeof v !== 'number' || !Number.isFinite(v)) return wrong(`${key} için bir sayı bekleniyordu; gelen ${kindOf(v)}.`);
        const want = sigmoid(b) ** 50;
        if (Math.abs(v - want) > 0.1 * want) {
          const hint = Math.abs(v - sigmoid(b)) < 1e-3 ? ' Bu σ(b_f)\'nin kendisi: 50 adımda 50 kez çarpılır.'
            : Math.abs(v - want) < 0.3 * want ? ' Yöntem doğru görünüyor: σ\'yı yuvarlamadan, `1 / (1 + Math.exp(-b))` ile hesaplayın (50. kuvvette küçük bir yuvarlama büyür).' : '';
          return wrong(`${key} = ${formatNumber(v, { digits: 4, trim: true })} tutmuyor (b_f = ${b}, 50 adım; %10 pay bırakıldı).${hint}`);
        }
      }
      return right('σ(b_f)^50: b_f = 1\'de sinyal 50 adımda neredeyse yok olur, b_f = 5\'te büyük kısmı kalır; kapı eğitimle değişse de başlangıç bu yüzden önemli.');
    },
  },
  '2.4': {
    title: 'Erken durdurma kuralı',
    check: (f) => expectFunction(f, {
      arity: 1,
      cases: ([
        [[], false], [[3.1], false], [[3.1, 2.9], false], [[3.1, 2.9, 2.8], false], [[2.8, 2.9, 3.0], true],
        [[3.2, 2.9, 3.0, 3.1], true], [[3.2, 2.9, 3.0, 2.95], false], [[3.2, 2.9, 3.0, 2.95, 3.05], false],
        [[3.2, 2.9, 2.9, 2.9], false], [[4, 3.5, 3.2, 3.3, 3.6], true],
      ] as [number[], boolean][]).map(([losses, want]) => ({
        args: [losses],
        judge: (r: unknown) => (typeof r !== 'boolean' ? `true ya da false bekleniyordu, ${kindOf(r)} döndü.` : r === want ? null : `${want ? 'durmalıydı' : 'devam etmeliydi'}, fonksiyon ${r} döndü.`),
      })),
      why: 'Son iki epokta doğrulama kaybı her seferinde bir öncekinden büyükse true; daha kısa bir geçmişte ya da eşitlikte false.',
    }),
  },
  '2.5': {
    title: 'Çok adımlı tahmin (geri besleme)',
    check: (f) => {
      const mean = (w: number[]) => w.reduce((a, b) => a + b, 0) / w.length;
      const first = (w: number[]) => w[0];
      const trend = (w: number[]) => w[w.length - 1] + (w[w.length - 1] - w[w.length - 2]);
      const cases = ([[[1, 2, 3], 4, first], [[0.5, -0.5, 1, 2], 6, mean], [[10, 12], 5, trend]] as [number[], number, (w: number[]) => number][]).map(([w, horizon, next]) => {
        const given = [...w];
        const ref = closeToTensor([horizon], rollForward(w, horizon, next), 1e-9);
        return { args: [w, horizon, next], judge: (r: unknown) => ref(r) ?? (w.join() !== given.join() ? 'girdi penceresini değiştirdiniz: fonksiyon onun bir kopyasıyla çalışmalı.' : null) };
      });
      return expectFunction(f, { arity: 3, cases, why: 'Her tahmin pencereye eklenip en eski değer atılıyor ve bir sonraki tahmin bu pencereden yapılıyor; girdi penceresi değişmeden kalıyor.' });
    },
  },
  '2.6': {
    title: 'Üstünlük tohumlar arasındaki oynamadan büyük mü?',
    // Hidden cases (best validation losses per seed): the means alone, or the best seeds alone, would say
    // "üstün" where the ranges overlap; a tie at the edge is not a lead.
    check: (f) => expectFunction(f, {
      arity: 2,
      cases: ([
        [[3.6, 3.7, 3.65], [4.0, 3.9, 4.1], true],
        [[3.5, 3.6, 4.0], [3.9, 4.1, 4.2], false],
        [[3.7, 3.8], [3.8, 4.0], false],
        [[4.0, 4.1, 4.05], [3.6, 3.7, 3.65], false],
        [[3.0], [3.1, 3.2, 3.5], true],
        [[3.2, 3.3, 3.1], [3.25, 3.9, 4.0], false],
      ] as [number[], number[], boolean][]).map(([aday, oteki, want]) => ({
        args: [aday, oteki],
        judge: (r: unknown) => (typeof r !== 'boolean' ? `true ya da false bekleniyordu, ${kindOf(r)} döndü.`
          : r === want ? null : want ? 'aralıklar örtüşmüyor: adayın en kötü tohumu bile ötekinin en iyi tohumundan düşük; true bekleniyordu.'
            : `fonksiyon true döndü, ama bu kayıplarda aralıklar örtüşüyor ya da aday önde değil. Ortalamalara ya da yalnızca en iyi tohumlara bakmak yetmez: ipucuna dönün.`),
      })),
      why: 'Adayın en büyük (en kötü) kaybı ötekinin en küçük (en iyi) kaybından küçükse true: aralıklar örtüşmüyor, fark tohumlar arasındaki oynamadan büyük. Örtüşme ya da eşitlikte false.',
    }),
  },
};
export const EXERCISES_2: NotebookExercises = {
  checks,
  quizzes: {
    '2.1': {
      question: 'LSTM\'de hata sinyali hücre durumu boyunca neden RNN\'dekinden çok daha az küçülür?',
      choices: [
        { text: 'LSTM\'de gradyan kırpma yerleşiktir; sinyal hiçbir adımda patlamaz ya da sönmez.', why: 'LSTM kırpma yapmaz; kırpma zaten kaybolan gradyanı düzeltmez.' },
        { text: 'Çıkış kapısı her adımda sinyali büyüterek kaybı telafi eder.', why: 'Çıkış kapısı h_t\'ye ne gösterileceğini seçer; hücre durumundan geriye akan yolu unutma kapısı belirler.' },
        { text: '∂C_t/∂C_{t−1} = diag(f_t): araya tanh′ ve U girmez; f_t ≈ 1 ise sinyal korunur.', correct: true, why: 'Kapıların h_{t−1}\'e bağlılığı bir yana, unutma kapısı belirler: 0,97^50 ≈ 0,22 iken 0,5^50 ≈ 10⁻¹⁵.' },
        { text: 'LSTM\'in parametresi dört kat daha çok olduğu için gradyanı daha güçlüdür.', why: 'Parametre sayısı değil, hücre durumunun yalnızca çarpma ve toplamayla akan yolu fark yaratır.' },
      ],
    },
    '2.2': {
      question: 'Bir dil modelinin ürettiği akıcı bir cümlenin "yeni" olup olmadığını nasıl anlarsınız?',
      choices: [
        { text: 'Cümleyi ve ardışık üç kelimelik parçalarını eğitim cümlelerinde arayarak.', correct: true, why: 'Birebir eşleşme ezberi, bütün üçlüleri eğitimde geçen cümle görülmüş parçaların yeniden birleşimini gösterir (6. bölüm).' },
        { text: 'Cümle dilbilgisine uygunsa ve anlamlıysa yenidir; ayrıca bakmak gerekmez.', why: 'Ezberlenmiş bir cümle de dilbilgisine uygundur; akıcılık yenilik demek değil.' },
        { text: 'Doğrulama kaybı düşükse model ezberlemiyordur, üretilen cümleler yenidir.', why: 'Kayıp cümle başına yeniliği ölçmez: en düşük doğrulama kaybının modeli de cümlelerinin bir kısmını eğitimden birebir ya da parça parça okudu (6. bölüm).' },
        { text: 'Sıcaklık 1\'in üstündeyse örnekleme cümleleri her zaman yeni yapar.', why: 'Defterde son epoktaki model her sıcaklıkta eğitim cümlelerinin bir kısmını birebir okudu (T = 1,5\'te bile %21).' },
      ],
    },
    '2.3': {
      question: '9. bölümdeki deneyden "LSTM uzun bağımlılıkları her zaman öğrenir" sonucu çıkar mı?',
      choices: [
        { text: 'Evet: 9. bölümde LSTM her tohumda %90\'ın üstündeydi.', why: 'Bu yalnızca kapısı "hatırla" konumunda başlatılan LSTM için geçerliydi.' },
        { text: 'Evet, çünkü aynı görevde SimpleRNN başaramadı, LSTM başardı.', why: 'Bir modelin başaramaması ötekinin her koşulda başaracağını göstermez.' },
        { text: 'Hayır: LSTM uzun bağımlılığı hiç öğrenemez; yalnız kısa olanları öğrenir.', why: 'Uygun başlangıçla N = 50\'de en kötü tohumda bile %90\'ın üstündeydi.' },
        { text: 'Hayır: varsayılan kapı başlangıcıyla N = 50\'de yazı-tura düzeyinde kaldı.', correct: true, why: 'Başarı mimari ile başlangıcın birlikte sonucuydu. Görev yapaydı, yalnızca üç tohum, 512 dizi ve 10 epok denendi.' },
      ],
    },
  },
};
