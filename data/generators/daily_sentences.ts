/**
 * Generates data/daily_sentences.txt: Turkish daily-life sentences (one per line) for next-word
 * generation with an LSTM in 2_LSTM.ipynb (seed phrase "Bu hafta sonu").
 *
 * Two parts, both written for this project:
 * - HANDWRITTEN: sentences written one by one, with varied structure.
 * - Generated: a time phrase + an optional condition + an activity clause. Every activity is
 *   written in three tenses (future / past / habitual) so the opener always agrees with the verb
 *   ("Bu hafta sonu ... gideceğim", "Geçen hafta sonu ... gittim", "Her hafta sonu ... giderim").
 *
 * Run: node --import tsx data/generators/daily_sentences.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { mulberry32, pick, shuffle } from './turkish';

export const DAILY_SEED = 20240611;
export const DAILY_GENERATED_COUNT = 340;

export const HANDWRITTEN: readonly string[] = [
  'Bu hafta sonu hava yağmurlu olacakmış, o yüzden evde kalmayı düşünüyorum.',
  'Bu hafta sonu için büyük planlarımız var.',
  'Bu hafta sonu misafirimiz geleceği için evi erkenden topladık.',
  'Bu hafta sonu bütün aile bir araya geliyoruz.',
  'Bu hafta sonu nereye gitsek diye düşünüp duruyoruz.',
  'Bu hafta sonu hiçbir şey yapmadan sadece dinlenmek istiyorum.',
  'Bu hafta sonu mahallede sokak şenliği düzenlenecek.',
  'Bu hafta sonu kardeşimin mezuniyet töreni var.',
  'Bu hafta sonu telefonumu kapatıp kitap okuyacağım.',
  'Bu hafta sonu da geçen hafta sonu gibi çok çabuk geçti.',
  'Bu hafta sonu trafik her zamankinden yoğundu.',
  'Bu hafta sonu şehirde büyük bir kitap fuarı açılıyor.',
  'Bu hafta sonu nöbetçi eczane bizim sokakta.',
  'Bu hafta sonu çocuklar dedelerinde kalacak.',
  'Bu hafta sonu yapılacaklar listem bir sayfayı geçti.',
  'Bu hafta sonu annemin doğum günü, ona sürpriz bir pasta hazırlıyoruz.',
  'Bu hafta sonu erken kalkmak zorunda değilim, buna çok seviniyorum.',
  'Bu hafta sonu yağmur yağarsa piknik planımız suya düşecek.',
  'Sabahları ilk iş pencereyi açıp odayı havalandırırım.',
  'Kahvaltıdan sonra bir bardak çay içmeden evden çıkmam.',
  'Otobüs yine geç kaldı, işe koşarak yetiştim.',
  'Akşam eve gelince ayakkabılarımı çıkarıp terliklerimi giyerim.',
  'Marketten ekmek, süt ve yumurta almayı unutma.',
  'Komşumuz her sabah balkonda kuşlara yem bırakıyor.',
  'Bugün işler çok yoğundu, öğle yemeğini bile atladım.',
  'Çamaşır makinesi bozulunca bütün planlarım altüst oldu.',
  'Kardeşim sabahları uyanmakta çok zorlanıyor.',
  'Akşam yemeğinden sonra ailece kısa bir yürüyüşe çıktık.',
  'Kedimiz bütün gün güneşli pencerenin önünde uyudu.',
  'Dün gece yağmurun sesini dinleyerek uykuya daldım.',
  'Sabah trafiğe takılmamak için evden erken çıkıyorum.',
  'Bu akşam yemeği ben pişireceğim, herkes sofraya otursun yeter.',
  'Telefonumun şarjı bitince yolu bulmakta zorlandım.',
  'Fırının önünden geçerken taze ekmek kokusuna dayanamadım.',
  'Annem her pazar bütün aileyi kahvaltıya çağırır.',
  'Apartmanın asansörü iki gündür çalışmıyor.',
  'Sabah kahvemi içmeden kimseyle konuşmak istemem.',
  'Anahtarlarımı yine evde unuttum, komşudan yedek anahtarı aldım.',
  'Akşamları balkonda oturup gün batımını izlemeyi seviyorum.',
  'Dün akşam eski bir arkadaşımla telefonda saatlerce konuştuk.',
  'Pazartesi sabahları herkes biraz yorgun görünüyor.',
  'Yağmur başlayınca şemsiyesi olmayanlar durağa sığındı.',
  'Küçük kardeşim ödevini bitirmeden televizyon izleyemez.',
  'Bugün bankaya gidip faturaları ödedim.',
  'Bakkal amca bana her zaman güler yüzle selam verir.',
  'Babam akşam haberlerini izlemeden yatmaz.',
  'Mahallemizdeki park yeniden düzenlendi, artık çok daha güzel.',
  'Ev arkadaşım bulaşıkları yıkadı, ben de mutfağı topladım.',
  'Çay demlenirken sofrayı kurduk.',
  'Sabah koşusundan dönünce soğuk bir duş aldım.',
  'Kütüphane bu hafta tadilat nedeniyle kapalı.',
  'Ninem her kış bize yün çorap örer.',
  'Dün akşam elektrikler kesilince mum ışığında yemek yedik.',
  'Yeni taşındığımız evin manzarası çok güzel.',
  'Öğle arasında iş yerinin yakınındaki parkta biraz yürüdüm.',
  'Dişçiden randevu almak için sabahtan beri arıyorum.',
  'Arkadaşımın düğünü için yeni bir takım elbise aldım.',
  'Saat gece yarısını geçti ama hâlâ uyuyamadım.',
  'Hafta içi o kadar yoruldum ki cumartesiyi iple çekiyorum.',
  'Pazar kahvaltısında menemen yapmak bizim evde bir gelenektir.',
  'Kapıyı çalan kargo görevlisi paketimi getirmiş.',
  'Akşam yemeğine misafir geleceği için annem sabahtan beri mutfakta.',
  'Okul servisi her sabah yedi buçukta kapının önüne geliyor.',
  'Dolmuşta yanıma oturan teyze bana yol tarif etti.',
  'Bahçedeki domatesler bu yıl çok erken olgunlaştı.',
  'Kışın sabahları hava karanlıkken kalkmak çok zor.',
  'Ev işlerini paylaşınca herkesin yükü hafifliyor.',
  'Yarın erken kalkacağım için bu akşam erkenden yatacağım.',
  'Pazardaki satıcılar akşama doğru fiyatları düşürüyor.',
  'Geçen hafta sonu kuzenlerimle sahilde uçurtma uçurduk.',
  'Geçen hafta sonu evde kalıp bütün gün film izledik.',
  'Geçen hafta sonu dedemin doğum gününü kutladık.',
  'Her sabah aynı saatte kalkmak vücudu dinç tutuyor.',
  'Hafta sonları genellikle geç kalkar, uzun bir kahvaltı yaparız.',
  'Cumartesi sabahları semt pazarı çok kalabalık olur.',
  'Yarın sabah erkenden doktora gitmem gerekiyor.',
  'Bu akşam arkadaşlarımla mahalledeki yeni kafede buluşacağız.',
  'Akşam işten dönerken markete uğradım.',
  'Yağmur durunca çocuklar hemen sokağa fırladı.',
  'Dün akşamki yemekten o kadar çok arttı ki bugün de aynısını yedik.',
  'Ayda bir kez bütün odaları baştan aşağı temizleriz.',
  'Otobüste yaşlı bir amcaya yerimi verdim.',
  'Sabahları radyoda haberleri dinleyerek kahvaltı ederim.',
  'Buzdolabında hiçbir şey kalmamış, alışverişe çıkmamız lazım.',
  'Uzun bir günün sonunda sıcak bir çorba kadar güzel bir şey yok.',
  'Komşumuzun köpeği geceleri biraz fazla havlıyor.',
  'Kardeşim odasını toplamadan dışarı çıkamayacağını biliyor.',
  'Sabah alarmı duymadım ve işe geç kaldım.',
  'Akşam yemeğinden sonra herkes kendi odasına çekildi.',
  'Annemle birlikte kış için turşu kurduk.',
  'Babam bahçedeki çitleri boyamak için boya aldı.',
  'Dün okuldan dönerken yağmura yakalandım.',
  'İş yerinde yeni bir arkadaşımız var, çok yardımsever biri.',
  'Bu sabah kahvaltıda simit ve peynir yedik.',
  'Yarın pazar olduğu için alarm kurmayacağım.',
  'Her akşam yatmadan önce birkaç sayfa kitap okurum.',
  'Bugün hava o kadar güzeldi ki herkes parka akın etti.',
  'Kırtasiyeden kardeşim için boya kalemleri aldım.',
  'Akşam yemeği hazır olunca annem herkesi sofraya çağırdı.',
  'Hafta sonu için hava durumuna bakmayı unutmayalım.',
  'Sabah işe giderken vapurda martılara simit attım.',
  'Çocuklar parkta salıncak sırası için tartıştı.',
  'Dün gece komşunun düğünündeki davul sesinden uyuyamadık.',
  'Pazartesi günü yeni işimde ilk günüm olacak.',
  'Eve gelince ilk iş çiçekleri suladım.',
  'Kızım bu yıl ilk kez okula başladı.',
  'Akşamları birlikte yemek yapmak bizi birbirimize yaklaştırıyor.',
  'Sabah kalktığımda evde kimse yoktu.',
  'Elektrik faturası bu ay beklediğimizden yüksek geldi.',
  'Oğlum her akşam bana okulda neler olduğunu anlatır.',
  'Yeni aldığım bisikletle işe gidip gelmeye başladım.',
  'Salı akşamları mahalledeki spor salonunda voleybol oynuyoruz.',
  'Bu sabah kapının önünde küçük bir kedi yavrusu bulduk.',
  'Arkadaşlarımla her ay bir kitap seçip birlikte okuyoruz.',
  'Tatil dönüşü evi toz içinde bulduk.',
  'Akşam haberlerinde yarın kar yağacağını söylediler.',
  'Annemin yaptığı kurabiyeler bir saatte bitti.',
  'Dün akşam balkonda oturup yıldızları seyrettik.',
  'Ev sahibimiz kirayı bu yıl biraz artırdı.',
  'Sabah sporu yaptığım günler kendimi daha enerjik hissediyorum.',
];

/** An everyday activity in three tenses; null where a tense would sound unnatural. */
type Activity = readonly [future: string, past: string, habitual: string | null];

const ACTIVITIES: readonly Activity[] = [
  ['arkadaşlarımla pikniğe gideceğim', 'arkadaşlarımla pikniğe gittim', 'arkadaşlarımla pikniğe giderim'],
  ['annemi ziyaret edeceğim', 'annemi ziyaret ettim', 'annemi ziyaret ederim'],
  ['evi baştan aşağı temizleyeceğim', 'evi baştan aşağı temizledim', 'evi baştan aşağı temizlerim'],
  ['sahilde uzun bir yürüyüş yapacağım', 'sahilde uzun bir yürüyüş yaptım', 'sahilde uzun bir yürüyüş yaparım'],
  ['yeni bir kitap okumaya başlayacağım', 'yeni bir kitap okumaya başladım', 'saatlerce kitap okurum'],
  ['sinemaya gideceğim', 'sinemaya gittim', 'sinemaya giderim'],
  ['pazardan taze sebze ve meyve alacağım', 'pazardan taze sebze ve meyve aldım', 'pazardan taze sebze ve meyve alırım'],
  ['kahvaltıyı dışarıda yapacağız', 'kahvaltıyı dışarıda yaptık', 'kahvaltıyı dışarıda yaparız'],
  ['bisikletle parkta dolaşacağım', 'bisikletle parkta dolaştım', 'bisikletle parkta dolaşırım'],
  ['balkondaki çiçekleri sulayacağım', 'balkondaki çiçekleri suladım', 'balkondaki çiçekleri sularım'],
  ['dedemlerin köyüne gideceğiz', 'dedemlerin köyüne gittik', 'dedemlerin köyüne gideriz'],
  ['öğlene kadar uyuyacağım', 'öğlene kadar uyudum', 'öğlene kadar uyurum'],
  ['arkadaşlarımla maç izleyeceğiz', 'arkadaşlarımla maç izledik', 'arkadaşlarımla maç izleriz'],
  ['kuzenimin doğum günü partisine katılacağım', 'kuzenimin doğum günü partisine katıldım', null],
  ['mutfakta yeni bir tarif deneyeceğim', 'mutfakta yeni bir tarif denedim', 'mutfakta yeni tarifler denerim'],
  ['çamaşırları yıkayıp ütüleyeceğim', 'çamaşırları yıkayıp ütüledim', 'çamaşırları yıkayıp ütülerim'],
  ['şehirdeki yeni müzeyi gezeceğiz', 'şehirdeki yeni müzeyi gezdik', 'bir müze gezeriz'],
  ['eski bir dostumla kahve içeceğim', 'eski bir dostumla kahve içtim', 'eski dostlarımla kahve içerim'],
  ['spor salonuna gideceğim', 'spor salonuna gittim', 'spor salonuna giderim'],
  ['bütün ödevlerimi bitireceğim', 'bütün ödevlerimi bitirdim', 'ödevlerimi bitiririm'],
  ['kardeşimle bahçede top oynayacağım', 'kardeşimle bahçede top oynadım', 'kardeşimle bahçede top oynarım'],
  ['ailece akşam yemeğine çıkacağız', 'ailece akşam yemeğine çıktık', 'ailece akşam yemeğine çıkarız'],
  ['odamın duvarlarını boyayacağım', 'odamın duvarlarını boyadım', null],
  ['gitar çalışacağım', 'gitar çalıştım', 'gitar çalışırım'],
  ['denize gireceğiz', 'denize girdik', 'denize gireriz'],
  ['dağda kamp yapacağız', 'dağda kamp yaptık', 'dağda kamp yaparız'],
  ['komşularımızı çaya davet edeceğiz', 'komşularımızı çaya davet ettik', 'komşularımızı çaya davet ederiz'],
  ['alışveriş merkezine gideceğim', 'alışveriş merkezine gittim', 'alışveriş merkezine giderim'],
  ['kütüphanede ders çalışacağım', 'kütüphanede ders çalıştım', 'kütüphanede ders çalışırım'],
  ['bütün gün dinleneceğim', 'bütün gün dinlendim', 'bütün gün dinlenirim'],
  ['babamla balığa çıkacağız', 'babamla balığa çıktık', 'babamla balığa çıkarız'],
  ['kendime yeni ayakkabı alacağım', 'kendime yeni ayakkabı aldım', null],
  ['babamla arabayı yıkayacağız', 'babamla arabayı yıkadık', 'babamla arabayı yıkarız'],
  ['anneanneme uzun bir mektup yazacağım', 'anneanneme uzun bir mektup yazdım', 'anneanneme mektup yazarım'],
  ['arkadaşlarımla konsere gideceğiz', 'arkadaşlarımla konsere gittik', 'arkadaşlarımla konsere gideriz'],
  ['bahçedeki ağaçları budayacağız', 'bahçedeki ağaçları budadık', null],
  ['dolabımı düzenleyeceğim', 'dolabımı düzenledim', 'dolabımı düzenlerim'],
  ['yoga yapacağım', 'yoga yaptım', 'yoga yaparım'],
  ['köpeğimi uzun bir yürüyüşe çıkaracağım', 'köpeğimi uzun bir yürüyüşe çıkardım', 'köpeğimi uzun bir yürüyüşe çıkarırım'],
  ['en sevdiğim diziyi baştan izleyeceğim', 'en sevdiğim diziyi baştan izledim', 'en sevdiğim diziyi izlerim'],
  ['arkadaşımın taşınmasına yardım edeceğim', 'arkadaşımın taşınmasına yardım ettim', null],
  ['çikolatalı bir pasta yapacağım', 'çikolatalı bir pasta yaptım', 'pasta ya da kurabiye yaparım'],
  ['tiyatroya gideceğiz', 'tiyatroya gittik', 'tiyatroya gideriz'],
  ['şehir dışına kısa bir geziye çıkacağız', 'şehir dışına kısa bir geziye çıktık', 'şehir dışına kısa geziler yaparız'],
  ['teyzemlere misafirliğe gideceğiz', 'teyzemlere misafirliğe gittik', 'teyzemlere misafirliğe gideriz'],
  ['fotoğraf çekmek için eski mahalleleri gezeceğim', 'fotoğraf çekmek için eski mahalleleri gezdim', 'fotoğraf çekmek için eski mahalleleri gezerim'],
  ['bisikletimin lastiğini tamir edeceğim', 'bisikletimin lastiğini tamir ettim', null],
  ['yüzmeye gideceğim', 'yüzmeye gittim', 'yüzmeye giderim'],
  ['arkadaşlarımla kutu oyunu oynayacağız', 'arkadaşlarımla kutu oyunu oynadık', 'arkadaşlarımla kutu oyunu oynarız'],
  ['buzdolabını temizleyeceğim', 'buzdolabını temizledim', null],
  ['erkenden kalkıp koşuya çıkacağım', 'erkenden kalkıp koşuya çıktım', 'erkenden kalkıp koşuya çıkarım'],
  ['bir ressamın sergisine gideceğim', 'bir ressamın sergisine gittim', 'resim sergilerini gezerim'],
  ['dedemle satranç oynayacağım', 'dedemle satranç oynadım', 'dedemle satranç oynarım'],
  ['ninemin bahçesinde domates toplayacağız', 'ninemin bahçesinde domates topladık', 'ninemin bahçesinde domates toplarız'],
  ['yeni bir dil öğrenmeye başlayacağım', 'yeni bir dil öğrenmeye başladım', null],
  ['eski fotoğrafları albüme yerleştireceğim', 'eski fotoğrafları albüme yerleştirdim', null],
  ['kuzenlerimle lunaparka gideceğiz', 'kuzenlerimle lunaparka gittik', 'kuzenlerimle lunaparka gideriz'],
  ['gönüllü olarak sahili temizleyeceğiz', 'gönüllü olarak sahili temizledik', 'gönüllü olarak sahili temizleriz'],
  ['salon için yeni perdeler seçeceğiz', 'salon için yeni perdeler seçtik', null],
  ['bütün gün bulmaca çözeceğim', 'bütün gün bulmaca çözdüm', 'bulmaca çözerim'],
  ['arkadaşlarımla mangal yapacağız', 'arkadaşlarımla mangal yaptık', 'arkadaşlarımla mangal yaparız'],
  ['bir yürüyüş grubuyla ormana gideceğiz', 'bir yürüyüş grubuyla ormana gittik', 'bir yürüyüş grubuyla ormana gideriz'],
  ['yaz tatili planımızı yapacağız', 'yaz tatili planımızı yaptık', null],
  ['kırtasiyeden defter ve kalem alacağım', 'kırtasiyeden defter ve kalem aldım', null],
  ['anneme yemek yapmasında yardım edeceğim', 'anneme yemek yapmasında yardım ettim', 'anneme yemek yapmasında yardım ederim'],
  ['internetten yemek kursu izleyeceğim', 'internetten yemek kursu izledim', 'internetten kurs videoları izlerim'],
  ['saçımı kestireceğim', 'saçımı kestirdim', null],
  ['eski okul arkadaşlarımla buluşacağım', 'eski okul arkadaşlarımla buluştum', 'eski okul arkadaşlarımla buluşurum'],
  ['evde film gecesi yapacağız', 'evde film gecesi yaptık', 'evde film gecesi yaparız'],
  ['bahçeye yeni fideler dikeceğiz', 'bahçeye yeni fideler diktik', null],
  ['bisikletle sahil yolunda tur atacağım', 'bisikletle sahil yolunda tur attım', 'bisikletle sahil yolunda tur atarım'],
  ['ailemle birlikte kahvaltı hazırlayacağım', 'ailemle birlikte kahvaltı hazırladım', 'ailemle birlikte kahvaltı hazırlarım'],
  ['komşumuzun çocuğuna matematik çalıştıracağım', 'komşumuzun çocuğuna matematik çalıştırdım', 'komşumuzun çocuğuna matematik çalıştırırım'],
  ['uzun zamandır aramadığım arkadaşlarımı arayacağım', 'uzun zamandır aramadığım arkadaşlarımı aradım', null],
  ['balkonda kahvemi içip gazete okuyacağım', 'balkonda kahvemi içip gazete okudum', 'balkonda kahvemi içip gazete okurum'],
  ['kardeşimle birlikte bir yapboz tamamlayacağız', 'kardeşimle birlikte bir yapboz tamamladık', 'kardeşimle yapboz yaparız'],
  ['mahalledeki kafede arkadaşlarımla buluşacağım', 'mahalledeki kafede arkadaşlarımla buluştum', 'mahalledeki kafede arkadaşlarımla buluşurum'],
  ['bütün aileyle birlikte bahçeyi düzenleyeceğiz', 'bütün aileyle birlikte bahçeyi düzenledik', null],
  ['vapurla adalara gideceğiz', 'vapurla adalara gittik', 'vapurla adalara gideriz'],
];

// Whole-day openers only, so that "öğlene kadar uyuyacağım" never follows "Bu akşam".
const FUTURE_OPENERS = ['Bu hafta sonu', 'Bu hafta sonu', 'Bu hafta sonu', 'Bu hafta sonu', 'Yarın', 'Cumartesi günü', 'Pazar günü', 'Gelecek hafta sonu', 'Tatilde', 'Önümüzdeki cumartesi'];
const PAST_OPENERS = ['Geçen hafta sonu', 'Dün', 'Geçen cumartesi', 'Geçen pazar', 'Tatilde'];
const HABIT_OPENERS = ['Her hafta sonu', 'Pazar günleri', 'Boş zamanlarımda', 'Cumartesi günleri', 'Hafta sonları genellikle'];
const FUTURE_CONDITIONS = ['', '', '', 'hava güzel olursa', 'vaktim olursa', 'her şey yolunda giderse', 'işlerim erken biterse', 'yağmur yağmazsa'];
const PAST_REASONS = ['', '', '', 'hava güzel olduğu için', 'sonunda', 'canım sıkıldığı için'];
const HABIT_CONDITIONS = ['', '', 'vakit buldukça', 'hava güzelse'];

function generatedSentence(rng: () => number): string {
  const activity = pick(rng, ACTIVITIES);
  const r = rng();
  let parts: string[];
  if (r < 0.6 || (activity[2] === null && r >= 0.85)) {
    parts = [pick(rng, FUTURE_OPENERS), pick(rng, FUTURE_CONDITIONS), activity[0]];
  } else if (r < 0.85) {
    parts = [pick(rng, PAST_OPENERS), pick(rng, PAST_REASONS), activity[1]];
  } else {
    parts = [pick(rng, HABIT_OPENERS), pick(rng, HABIT_CONDITIONS), activity[2] ?? activity[0]];
  }
  return parts.filter((p) => p.length > 0).join(' ') + '.';
}

/** Hand-written and generated sentences, shuffled, deterministic for a seed. */
export function generateDailySentences(seed = DAILY_SEED, generatedCount = DAILY_GENERATED_COUNT): string[] {
  const rng = mulberry32(seed);
  const seen = new Set<string>(HANDWRITTEN);
  const generated: string[] = [];
  for (let attempt = 0; generated.length < generatedCount; attempt++) {
    if (attempt > generatedCount * 50) throw new Error('Daily sentence generator ran out of distinct sentences');
    const s = generatedSentence(rng);
    if (seen.has(s)) continue;
    seen.add(s);
    generated.push(s);
  }
  return shuffle(rng, [...HANDWRITTEN, ...generated]);
}

if (require.main === module) {
  const lines = generateDailySentences();
  const out = path.join(__dirname, '..', 'daily_sentences.txt');
  fs.writeFileSync(out, lines.join('\n') + '\n', 'utf8');
  const bu = lines.filter((l) => l.startsWith('Bu hafta sonu')).length;
  console.log(`wrote ${out}: ${lines.length} sentences (${HANDWRITTEN.length} hand-written), ${bu} start with "Bu hafta sonu"`);
}
