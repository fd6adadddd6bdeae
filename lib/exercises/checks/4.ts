/** Checks and self-check quizzes of 4_gpt_transformers.ipynb (hidden cases; no model is run, so every check is instant). */
import { formatNumber } from '../../display/numbers';
import { shown } from '../../validate';
import { expectFunction, kindOf } from '../kontrol';
import type { ExerciseCheck, FunctionCase } from '../kontrol';
import type { NotebookExercises } from './index';

/**
 * Exercise 4.1: a function that splits a word with the 1000 merges learnBpeFast learns on
 * data/embedding_corpus.txt, run on hidden words (none of them printed in the notebook, so the check
 * cannot be passed by copying a split from §3's tables). The data file and the algorithm are fixed,
 * so the pieces are too; the solutions run learns them in the notebook and must agree. The other
 * tables are the plausible wrong answers: the notebook's own merge tables, or fewer merges.
 * Pieces are given without the end-of-word mark '_'.
 */
const HIDDEN_WORDS = ['öğretmenlerimizden', 'arkadaşlarıyla', 'bilgisayarlarımız', 'kitapçıdan', 'müzelerimizi', 'okullarımızda'];
const HIDDEN_SPLITS: Record<string, string[]> = {                  // 1000 merges on the embedding corpus
  öğretmenlerimizden: ['öğretmen', 'lerimiz', 'den'], arkadaşlarıyla: ['arkadaş', 'larıyla'], bilgisayarlarımız: ['bilgisa', 'yar', 'lar', 'ım', 'ız'],
  kitapçıdan: ['kitap', 'çı', 'dan'], müzelerimizi: ['mü', 'zel', 'er', 'im', 'iz', 'i'], okullarımızda: ['oku', 'l', 'lar', 'ımız', 'da'],
};
const WRONG_TABLES: [Record<string, string[]>, string][] = [
  [{ öğretmenlerimizden: ['öğr', 'etm', 'en', 'ler', 'im', 'iz', 'den'], arkadaşlarıyla: ['arkadaş', 'lar', 'ıyla'], kitapçıdan: ['kit', 'ap', 'ç', 'ı', 'dan'] },
    "ağaç bankasında öğrenilen 1000 birleştirmenin (`realMerges`) bölmesine benziyor: birleştirmeleri `loadEmbeddingCorpus()`'un metninde yeniden öğrenin."],
  [{ öğretmenlerimizden: ['ö', 'ğ', 're', 't', 'me', 'n', 'ler', 'im', 'iz', 'den'], arkadaşlarıyla: ['arkadaş', 'lar', 'ı', 'y', 'la'], kitapçıdan: ['ki', 'ta', 'p', 'çı', 'da', 'n'] },
    "gündelik cümlelerin 300 birleştirmesinin (`merges`) bölmesine benziyor: birleştirmeleri `loadEmbeddingCorpus()`'un metninde yeniden öğrenin."],
  [{ öğretmenlerimizden: ['öğ', 'r', 'et', 'm', 'en', 'ler', 'im', 'iz', 'den'], arkadaşlarıyla: ['ar', 'ka', 'da', 'ş', 'lar', 'ı', 'y', 'la'], kitapçıdan: ['kita', 'p', 'çı', 'dan'] },
    'aynı derlemde 300 birleştirmenin bölmesine benziyor: 1000 birleştirme öğrenin.'],
];

/** Exercise 4.2's reference: the tokens whose probability is at least minP × the largest probability keep their logit. */
function minPReference(logits: number[], minP: number): number[] {
  const max = Math.max(...logits);
  return logits.map((z) => (Math.exp(z - max) >= minP ? z : -Infinity)); // p_i / p_max = e^(z_i − z_max)
}

/** Judges a returned logit vector against the reference: kept tokens unchanged, the others -Infinity. */
function sameFilter(expected: number[]): (result: unknown) => string | null {
  return (result) => {
    if (!(result instanceof Float32Array) && !Array.isArray(result)) return `bir logit dizisi (Float32Array) bekleniyordu, ${kindOf(result)} döndü.`;
    const got = Array.from(result as ArrayLike<number>);
    if (got.length !== expected.length) return `${expected.length} logit bekleniyordu, ${got.length} döndü.`;
    const keptWant = expected.filter(Number.isFinite).length, keptGot = got.filter((z) => z !== -Infinity).length;
    if (got.some((z) => Number.isNaN(z))) return 'dönen dizide NaN var.';
    if (got.every((z, i) => (expected[i] === -Infinity ? z === -Infinity : Math.abs(z - expected[i]) < 1e-5))) return null;
    const changed = got.findIndex((z, i) => Number.isFinite(expected[i]) && Number.isFinite(z) && Math.abs(z - expected[i]) >= 1e-5);
    if (changed >= 0) return `tutulan ${changed + 1}. tokenın logit'i değişmiş (${formatNumber(got[changed], { digits: 4, trim: true })}): süzgeç yalnızca atılanları -Infinity yapmalı, kalanları olduğu gibi bırakmalı.`;
    return `${keptWant} token kalmalıydı, ${keptGot} token kaldı. Eşik logit'e değil olasılığa uygulanır, ve en olası tokenın olasılığına göredir (minP × pMax).`;
  };
}

/** Exercise 4.3's reference: the index of the best finished hypothesis by log P / length^α (length counts EOS). */
function bestHypothesisReference(hyps: { ids: number[]; logProb: number }[], alpha: number): number {
  const score = (h: { ids: number[]; logProb: number }) => h.logProb / Math.max(1, h.ids.length) ** alpha;
  return hyps.reduce((best, h, i) => (score(h) > score(hyps[best]) ? i : best), 0);
}

type Shape = { vocabSize: number; contextLength: number; dModel: number; numLayers: number; dFf: number };
/** Exercise 4.5's reference: the notebook's gptParameters with the MLP's inner width dFf instead of 4·d. */
function gptParametersReference({ vocabSize: V, contextLength: n, dModel: d, numLayers: L, dFf }: Shape) {
  const embeddings = V * d + n * d;
  const attention = L * (3 * d * d + 3 * d + d * d + d);
  const mlp = L * (d * dFf + dFf + dFf * d + d);
  const norms = L * 2 * 2 * d + 2 * d;
  return { mlp, total: embeddings + attention + mlp + norms };
}
const SHAPES: Shape[] = [
  { vocabSize: 50257, contextLength: 1024, dModel: 768, numLayers: 12, dFf: 3072 }, // GPT-2 small: 124.439.808
  { vocabSize: 1000, contextLength: 64, dModel: 64, numLayers: 3, dFf: 100 },       // dFf ≠ 4·d
  { vocabSize: 50257, contextLength: 1024, dModel: 512, numLayers: 24, dFf: 2048 },
];

const checks: Record<string, ExerciseCheck> = {
  '4.1': {
    title: 'Gömme derleminde 1000 birleştirmeyle BPE, görmediğiniz kelimelerde',
    check: (f) => expectFunction(f, {
      arity: 1,
      cases: HIDDEN_WORDS.map((word) => ({ args: [word], judge: (r: unknown) => {
        if (!Array.isArray(r) || !r.every((p) => typeof p === 'string')) return `parçaların dizisi (string[], \`applyBpe\`'nin döndürdüğü) bekleniyordu, ${kindOf(r)} döndü.`;
        const pieces = (r as string[]).map((p) => p.replace(/_$/, '')).filter((p) => p.length > 0);   // the end-of-word mark may stay or go
        if (pieces.join('') !== word) return `parçalar birleşince kelimenin kendisini vermiyor (${shown(pieces.join(''))}): \`applyBpe(kelime, …)\`'in çıktısını olduğu gibi döndürün.`;
        if (pieces.join('|') === HIDDEN_SPLITS[word].join('|')) return null;
        const known = WRONG_TABLES.find(([splits]) => splits[word]?.join('|') === pieces.join('|'));
        return `${pieces.length} parça döndü, beklenen bölme bu değil. ${known ? `Bu, ${known[1]}` : 'Birleştirmeleri `learnBpeFast(loadEmbeddingCorpus().join(\'\\n\'), 1000)` ile öğrenip `applyBpe` ile uyguladınız mı?'}`;
      } })),
      why: 'Gömme derleminde öğrenilen 1000 birleştirme, hiç göstermediğimiz altı kelimede de beklenen parçaları veriyor. Bu derlemin sık ekleri ("lar", "dan") tabloya girdiği için bazı kesmeler ek sınırına düşüyor; ama kökler de bölünebiliyor: 3. bölümdeki ölçüm binlerce kelimede yapıldı.',
    }),
  },
  '4.2': {
    title: 'min-p süzgeci',
    check: (f) => {
      const cases: [number[], number][] = [
        [[2, 1, 0, -1, -3], 0.2],         // probabilities ∝ e^z: keep z ≥ 2 + ln 0,2
        [[-1, -2, -2.5, -5, -1.2], 0.5],  // negative logits: a threshold on logits (minP × max z) keeps none
        [[0.3, 0.1, 0.2, 0.25, 0.05, 0, 0.15, 0.28], 0.8], // a flat distribution: pMax ≈ 0,14, an absolute p ≥ minP keeps none
        [[5, 4.9, -10, 4, 3], 0.05],
      ];
      const fnCases: FunctionCase[] = cases.map(([z, minP]) => {
        const given = Float32Array.from(z);
        const ref = sameFilter(minPReference(Array.from(given), minP));
        return { args: [given, minP], judge: (r: unknown) => ref(r) ?? (given.some((v, i) => v !== Math.fround(z[i])) ? 'girdi logit dizisini değiştirdiniz: yeni bir dizi döndürün.' : null) };
      });
      return expectFunction(f, { arity: 2, cases: fnCases, why: 'Olasılığı en olası tokenınkinin minP katından az olan tokenlar atılıyor (p_i / p_max = e^(z_i − z_max)); eşik dağılımla birlikte kayıyor, kalan logit\'ler değişmiyor.' });
    },
  },
  '4.3': {
    title: 'Uzunluk cezasıyla en iyi hipotez',
    check: (f) => {
      const h = (len: number, logProb: number) => ({ ids: Array.from({ length: len }, (_, i) => 100 + i), logProb });
      const sets: [{ ids: number[]; logProb: number }[], number][] = [
        [[h(1, -1.0), h(8, -4.0)], 0],            // α = 0: the total — the short one wins
        [[h(1, -1.0), h(8, -4.0)], 1],            // α = 1: per token — the long one wins
        [[h(3, -3.3), h(12, -9.0), h(6, -4.8)], 1],   // no ties: any argmax gives the same index
        [[h(2, -1.0), h(10, -8.0), h(4, -2.4)], 2],   // α = 2: length² — the long one
        [[h(2, -1.0), h(10, -8.0), h(4, -2.4)], 0.5],
        [[h(2, -1.0), h(4, -2.4)], 1],                // EOS counted: −0,5 vs −0,6; left out it would be −1 vs −0,8
      ];
      const fnCases: FunctionCase[] = sets.map(([hyps, alpha]) => {
        const want = bestHypothesisReference(hyps, alpha);
        return { args: [hyps, alpha], judge: (r: unknown) => {
          if (typeof r !== 'number' || !Number.isInteger(r)) return `bir sıra numarası (0'dan başlayan tam sayı) bekleniyordu, ${kindOf(r)} döndü.`;
          return r === want ? null : `α = ${formatNumber(alpha, { digits: 1, trim: true })} ile ${r}. hipotez seçildi, başka biri daha iyi skorlu. Skor log P / uzunluk^α: α = 0 toplamdır, α = 1 token başına ortalamadır.`;
        } };
      });
      return expectFunction(f, { arity: 2, cases: fnCases, why: 'Skor log P / uzunluk^α: α = 0\'da kısa hipotez kazanabiliyor, α = 1\'de token başına ortalama, α > 1\'de uzun hipotezler daha da kayırılıyor.' });
    },
  },
  '4.4': {
    title: 'Örnekleri yeniden sıralamak: önce olumsuzlar',
    check: (f) => {
      type Shot = { text: string; label: string };
      const r = (label: string, n: number): Shot => ({ text: `${label === 'positive' ? 'Great' : 'Poor'} product ${n}.`, label });
      const lists: Shot[][] = [
        [r('positive', 1), r('negative', 1), r('positive', 2), r('negative', 2)],                  // the notebook's order
        [r('negative', 1), r('positive', 1), r('negative', 2), r('negative', 3), r('positive', 2)],  // the groups' own order must stay
        [r('positive', 3), r('positive', 1), r('negative', 2)],
        [r('positive', 1), r('positive', 2)],                                                         // no negative example
      ];
      return expectFunction(f, {
        arity: 1,
        cases: lists.map((list) => {
          const given = list.map((x) => ({ ...x }));
          const want = [...list.filter((x) => x.label === 'negative'), ...list.filter((x) => x.label === 'positive')];
          return { args: [given], judge: (out: unknown) => {
            if (!Array.isArray(out)) return `örneklerin dizisi bekleniyordu, ${kindOf(out)} döndü.`;
            if (given.some((x, i) => x.text !== list[i].text)) return 'girdi dizisi değişti (yerinde sıralama?): yeni bir dizi döndürün.';
            if (out.length !== want.length) return `${want.length} örnek bekleniyordu, ${out.length} döndü: hiçbir örnek düşmemeli ya da eklenmemeli.`;
            const labels = (out as Shot[]).map((x) => x?.label);
            if (labels.join() !== want.map((x) => x.label).join()) return `etiket sırası ${labels.join(', ')}: önce bütün olumsuzlar (negative), sonra olumlular gelmeli.`;
            if ((out as Shot[]).some((x, i) => x.text !== want[i].text)) return 'etiketler doğru sırada, ama bir grubun içindeki sıra değişmiş: her grup girdideki sırasını korumalı.';
            return null;
          } };
        }),
        why: 'Olumsuz örnekler önce, olumlular sonra; her grup kendi sırasında ve girdi değişmeden. Şimdi iki sırayı modelle ölçüp karşılaştırın.',
      });
    },
  },
  '4.5': {
    title: 'd_ff ile parametre hesabı',
    check: (f) => expectFunction(f, {
      arity: 1,
      cases: SHAPES.map((shape) => {
        const want = gptParametersReference(shape);
        return { args: [shape], judge: (r: unknown) => {
          if (r === null || typeof r !== 'object' || typeof (r as { total?: unknown }).total !== 'number') return `{ …, mlp, total } gibi bir nesne (gptParameters'ınki gibi) bekleniyordu, ${kindOf(r)} döndü.`;
          const { total, mlp } = r as { total: number; mlp?: unknown };
          if (total === want.total && (mlp === undefined || mlp === want.mlp)) return null;
          const diff = total - want.total;
          return `toplam ${formatNumber(total, { digits: 0 })} çıktı, doğru toplamdan ${formatNumber(Math.abs(diff), { digits: 0 })} ${diff > 0 ? 'fazla' : 'eksik'}. MLP'nin iki matrisine (d × d_ff, d_ff × d) ve iki yanlılık vektörüne (d_ff ve d) bakın.`;
        } };
      }),
      why: 'MLP katman başına 2·d·d_ff + d_ff + d parametre; d_ff = 4·d\'de GPT-2 small\'ın 124.439.808\'i çıkıyor, başka d_ff\'lerde de hesap tutuyor.',
    }),
  },
};

export const EXERCISES_4: NotebookExercises = {
  checks,
  quizzes: {
    '4.1': {
      question: 'GPT eğitiminde tek bir ileri geçişte neden her konum için sonraki token tahmin edilebilir, ve bu neden "kopya çekmek" değildir?',
      choices: [
        { text: 'Nedensel maske i. konumu 1..i ile sınırlar; çıktısı (i+1). token görülmeden hesaplanır.', correct: true, why: 'Böylece T uzunluğunda bir dizi tek geçişte T ayrı eğitim örneği verir; 6. bölümde sonraki tokenları değiştirmenin önceki çıktıları değiştirmediğini denetledik.' },
        { text: 'KV önbelleği önceki konumların sonuçlarını sakladığı için her konum ayrıca hesaplanmaz.', why: 'KV önbelleği üretimi hızlandırır; eğitimde bütün konumlar önbelleksiz, maskeyle paralel hesaplanır.' },
        { text: 'Hedefler bir kaydırıldığı için model girdi tokenlarını hiç görmez, yalnız hedefleri görür.', why: 'Model girdileri görür; kaydırma i. çıktıyı (i+1). tokenla eşler, o tokenı gizleyen maskedir.' },
        { text: 'Model bütün tokenları birden tahmin edip sonra hepsini birlikte, adım adım düzeltir.', why: 'Her konumun tahmini yalnızca soldaki tokenlara dayanır; sonradan bir "düzeltme" adımı yoktur.' },
      ],
    },
    '4.2': {
      question: 'Model emin olduğu bir bağlamda (en olası tokenın olasılığı 0,95) top-k = 50 mi, top-p = 0,9 mu daha az token tutar?',
      choices: [
        { text: 'top-k = 50: en fazla 50 token tutar.', why: 'Top-k dağılıma bakmadan her bağlamda 50 token tutar.' },
        { text: 'top-p = 0,9: yalnızca en olası tokenı.', correct: true, why: 'Top-p olasılıkları toplamı 0,9\'a ulaşan en küçük kümeyi tutar; 0,95 tek başına yeter. Uzun kuyruklu bir bağlamda ise tersine çok token tutar (4. bölümdeki grafik).' },
        { text: 'İkisi de aynı sayıda token tutar.', why: 'Top-k sayıyı sabitler, top-p kütleyi: ikisi ancak tesadüfen aynı sayıda token tutar.' },
        { text: 'Bunu yalnızca sıcaklık belirler.', why: 'Sıcaklık olasılıkları değiştirir, top-p\'nin tuttuğu sayıyı etkiler; ama top-k yine 50 token tutar.' },
      ],
    },
    '4.3': {
      question: 'SmolLM2\'nin tokenlaştırıcısı aynı içerikteki Türkçe metne İngilizcesinin yaklaşık 2 katı token harcadı (3. bölüm). 8192 tokenlık bir bağlama, İngilizceye göre ne kadar Türkçe içerik sığar, token başına ücret alan bir API\'de maliyet nasıl değişir?',
      choices: [
        { text: 'Aynı içerik sığar, ücret aynıdır: Türkçe cümleler karakter olarak daha kısadır.', why: 'Bağlam ve ücret token cinsindendir, karakter değil: Türkçe cümleler daha kısa ama iki kat token tutuyor.' },
        { text: 'Yaklaşık yarısı sığar; aynı içerik yaklaşık 2 kat pahalıdır.', correct: true, why: '8192 / 2 ≈ 4100 tokenlık İngilizce metnin içeriği kadar. Türkçe metinle eğitilmiş bir sözlükte oran tersine bile dönebilir (defterdeki minik Türkçe GPT-2 vekilinde yaklaşık 0,5).' },
        { text: 'Yarısı sığar ama ücret aynıdır.', why: 'API\'ler token başına ücret alır: iki kat token iki kat ücret demektir.' },
        { text: 'İki katı sığar: Türkçe ekler tek token olur.', why: 'İngilizce ağırlıklı bir sözlükte Türkçe ekler çoğu kez birkaç parçaya bölünür; 3. bölümde kelime başına yaklaşık 3,9 token.' },
      ],
    },
  },
};
