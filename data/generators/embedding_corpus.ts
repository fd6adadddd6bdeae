/**
 * Generates data/embedding_corpus.txt: Turkish sentences (one per line) over clearly separated
 * topics, for training Word2Vec / FastText in 0_Word_Embeddings.ipynb.
 *
 * Design (see data/README.md):
 * - Each topic (food, weather, sport, technology, school, travel, health, music, family/royalty)
 *   has its own lexicon and hand-written sentence frames, so words of one topic share contexts
 *   and their vectors cluster.
 * - Gendered person words come in pairs (kral/kraliçe, erkek/kadın, baba/anne, ...). Both members
 *   of a pair use the same pair-specific frames; the only systematic difference is a gendered
 *   clothing phrase (kravat/papyon/kasket vs etek/elbise/küpe). That gives one consistent gender
 *   offset, which is what the analogy kral − erkek + kadın ≈ kraliçe needs.
 * - School sentences inflect "kitap" and its neighbours in many ways (kitaplar, kitabı,
 *   kitaplarımız, kitaplarda, kitapçı ...), but "kitaplarımızdan" is never produced, so the
 *   notebook can show FastText building a vector for it from character n-grams.
 *
 * All sentences are generated (seeded), not copied from anywhere.
 * Run: node --import tsx data/generators/embedding_corpus.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { Lexicon, capitalize, countWords, expand, inflect, mulberry32, pick } from './turkish';

export const EMBEDDING_CORPUS_SEED = 20240607;
/** Whitespace-separated words to generate; the issue asks for at least 100,000 tokens. */
export const EMBEDDING_CORPUS_TARGET_WORDS = 130_000;
/** The unseen inflected form the FastText section asks about. */
export const HELD_OUT_FORM = 'kitaplarımızdan';

const NAMES = ['Ayşe', 'Mehmet', 'Zeynep', 'Emre', 'Elif', 'Can', 'Deniz', 'Burak', 'Selin', 'Mert', 'Ece', 'Kerem', 'Derya', 'Ali', 'Fatma', 'Hakan', 'Gül', 'Ozan', 'Esra', 'Yusuf', 'Merve', 'Cem', 'Nazlı', 'Tolga', 'Seda', 'Kaan', 'Buse'];

const LEXICON: Lexicon = {
  ad: NAMES,
  // food
  kahvaltilik: ['peynir', 'zeytin', 'bal', 'reçel', 'yumurta', 'simit', 'menemen', 'tereyağı*', 'domates', 'salatalık', 'kaymak', 'sucuk', 'pekmez'],
  anayemek: ['pilav', 'makarna', 'köfte', 'kebap', 'mantı', 'dolma', 'sarma', 'kuru fasulye', 'nohut', 'tavuk', 'balık', 'karnıyarık', 'güveç', 'börek', 'lahmacun', 'pide', 'çorba', 'mercimek çorbası*', 'türlü', 'hünkârbeğendi', 'musakka'],
  firinyemek: ['börek', 'köfte', 'tavuk', 'balık', 'patates', 'güveç', 'lahmacun', 'pide', 'karnıyarık', 'musakka'],
  kizartma: ['köfte', 'patates', 'balık', 'patlıcan', 'kabak', 'biber', 'tavuk', 'hamsi'],
  tatli: ['baklava', 'sütlaç', 'künefe', 'kadayıf', 'aşure', 'revani', 'helva', 'lokum', 'kazandibi', 'profiterol', 'dondurma'],
  meyve: ['elma', 'armut', 'portakal', 'mandalina', 'karpuz', 'kavun', 'kiraz', 'üzüm', 'çilek', 'muz', 'şeftali', 'incir', 'nar', 'kayısı'],
  sikmameyve: ['portakal', 'mandalina', 'nar', 'greyfurt', 'elma', 'havuç'],
  sebze: ['patlıcan', 'kabak', 'biber', 'domates', 'soğan', 'havuç', 'ıspanak', 'pırasa', 'fasulye', 'enginar', 'bamya', 'karnabahar', 'brokoli', 'kereviz'],
  icecek: ['çay', 'kahve', 'ayran', 'şalgam', 'limonata', 'meyve suyu*', 'boza', 'sahlep', 'maden suyu*', 'kefir'],
  baharat: ['kekik', 'nane', 'pul biber', 'kimyon', 'karabiber', 'tarçın', 'sumak', 'zencefil', 'zerdeçal'],
  kap: ['tencere', 'tava', 'tepsi', 'kase', 'tabak', 'fırın', 'sahan', 'güveç kabı*'],
  unlu: ['ekmek', 'simit', 'poğaça', 'açma', 'pide', 'börek', 'kurabiye', 'pasta'],
  ich: ['peynir', 'kıyma', 'ıspanak', 'patates', 'mantar', 'lor'],
  lezzet: ['lezzetli', 'nefis', 'doyurucu', 'hafif', 'leziz', 'enfes', 'iştah açıcı'],
  tat: ['tuzlu', 'yağlı', 'acı', 'ekşi', 'baharatlı', 'sulu', 'kuru', 'şekerli', 'tatsız'],
  // weather
  havaAdj: ['güneşli', 'bulutlu', 'yağmurlu', 'karlı', 'rüzgârlı', 'sisli', 'nemli', 'serin', 'soğuk', 'sıcak', 'ılık', 'bunaltıcı', 'kapalı', 'ayazlı', 'fırtınalı', 'açık'],
  bolge: ['Karadeniz', 'Ege', 'Akdeniz', 'Marmara', 'Doğu Anadolu', 'İç Anadolu', 'Güneydoğu Anadolu'],
  yagis: ['kuvvetli yağmur', 'sağanak', 'kar yağışı', 'dolu', 'fırtına', 'yoğun sis', 'kuvvetli rüzgâr', 'çisenti', 'karla karışık yağmur', 'zirai don'],
  yagis2: ['sis', 'fırtına', 'sağanak', 'don', 'kırağı', 'dolu', 'çığ', 'buzlanma', 'tipi'],
  derece: ['beş', 'sekiz', 'on', 'on iki', 'on beş', 'yirmi', 'yirmi beş', 'otuz', 'otuz beş', 'kırk'],
  soguk: ['iki', 'üç', 'beş', 'sekiz', 'on'],
  hiz: ['kırk', 'elli', 'altmış', 'seksen', 'yüz'],
  // sport
  spor: ['futbol', 'basketbol', 'voleybol', 'hentbol', 'tenis', 'yüzme', 'güreş', 'atletizm', 'boks', 'okçuluk'],
  takim: ['Ev sahibi takım', 'Konuk takım', 'Genç takım', 'Milli takım', 'Şampiyon takım', 'Lider takım'],
  sira: ['birinci', 'ikinci', 'üçüncü', 'dördüncü', 'beşinci'],
  sayi: ['iki', 'üç', 'dört', 'beş', 'altı', 'yedi', 'sekiz', 'on'],
  oyuncu: ['kaleci', 'forvet', 'stoper', 'kaptan', 'orta saha oyuncusu*', 'sol bek', 'sağ kanat', 'pivot', 'smaçör', 'pasör'],
  // technology
  cihaz: ['bilgisayar', 'telefon', 'tablet', 'dizüstü bilgisayar', 'akıllı saat', 'akıllı telefon', 'oyun konsolu*'],
  yazilim: ['program', 'uygulama', 'oyun', 'web sitesi*', 'tarayıcı', 'işletim sistemi*', 'veritabanı*'],
  progdil: ['TypeScript', 'Python', 'Java', 'Rust', 'Go', 'Kotlin', 'Swift'],
  parca: ['işlemci', 'bellek', 'ekran kartı*', 'disk', 'anakart', 'klavye', 'fare', 'ekran', 'pil', 'kamera', 'hoparlör'],
  // school
  okulEsya: ['kitap', 'kitap', 'kitap', 'kitap', 'defter', 'kalem', 'silgi', 'cetvel', 'çanta', 'ödev', 'not', 'dosya', 'harita', 'sözlük', 'ansiklopedi', 'dergi', 'roman'],
  okuma: ['kitap', 'kitap', 'kitap', 'kitap', 'kitap', 'roman', 'hikâye kitabı*', 'ders kitabı*', 'ansiklopedi', 'dergi', 'sözlük', 'şiir kitabı*', 'masal kitabı*'],
  kucukEsya: ['kalem', 'silgi', 'cetvel', 'defter', 'kitap', 'pergel', 'sözlük'],
  ders: ['matematik', 'fizik', 'kimya', 'biyoloji', 'tarih', 'coğrafya', 'edebiyat', 'İngilizce', 'felsefe', 'geometri'],
  // travel
  sehir: ['İstanbul', 'Ankara', 'İzmir', 'Antalya', 'Trabzon', 'Mardin', 'Bodrum', 'Eskişehir', 'Edirne', 'Roma', 'Paris', 'Berlin', 'Londra', 'Viyana', 'Prag', 'Atina', 'Tokyo', 'Kahire', 'Bakü', 'Lizbon'],
  manzara: ['deniz', 'şehir', 'dağ', 'liman', 'göl', 'boğaz', 'vadi'],
  ulasim: ['uçakla', 'trenle', 'otobüsle', 'feribotla', 'arabayla', 'hızlı trenle'],
  // health
  hastalik: ['grip', 'nezle', 'soğuk algınlığı*', 'migren', 'alerji', 'bronşit', 'zatürre'],
  ilac: ['ağrı kesici', 'şurup', 'antibiyotik', 'vitamin', 'merhem', 'damla', 'tablet'],
  saglikci: ['doktor', 'hemşire', 'diş hekimi*', 'eczacı', 'fizyoterapist', 'cerrah', 'diyetisyen'],
  // music
  enstruman: ['gitar', 'piyano', 'keman', 'bağlama', 'davul', 'ney', 'flüt', 'çello', 'ud', 'kanun', 'klarnet', 'akordeon'],
  telli: ['gitar', 'keman', 'bağlama', 'ud', 'çello', 'kanun'],
  tur: ['caz', 'rock', 'halk müziği*', 'klasik müzik', 'pop', 'blues', 'sanat müziği*', 'tango'],
};

/** Hand-written frames per topic. Each line may combine alternatives and slots. */
const TOPICS: Record<string, readonly string[]> = {
  food: [
    'Sabah kahvaltısında {kahvaltilik:ACC} ve {kahvaltilik:ACC} [çok sevdik|severek yedik|paylaştık].',
    'Kahvaltı sofrasında {kahvaltilik}, {kahvaltilik} ve taze {kahvaltilik} vardı.',
    '{ad} mutfakta akşam için {anayemek} pişiriyor.',
    'Akşam yemeğinde {anayemek:ACC} [çok|oldukça|epey] {lezzet} bulduk.',
    'Bu {anayemek} biraz fazla {tat} olmuş.',
    '{sebze:ACC} küçük küçük doğrayıp {kap:DAT} koydum.',
    'Tatlı olarak {tatli} ısmarladık.',
    '{tatli:ACC} [demli bir çayla|sade bir kahveyle|soğuk bir ayranla|bir bardak sütle] yedik.',
    'Pazardan bir kilo {meyve} ve iki kilo {sebze} aldık.',
    'Manavdaki {meyve:PL} bu hafta çok [taze|olgun|sulu|ucuz] görünüyordu.',
    '{meyve:ACC} yıkayıp [kaseye|tabağa|meyve tabağına] koydum.',
    'Çorbaya biraz {baharat} ekleyince tadı [tamamen değişti|daha güzel oldu].',
    '{firinyemek:ACC} fırında [kırk dakika|bir saat|yarım saat] pişirdik.',
    'Çorbanın üstüne {baharat} serpip limon sıktım.',
    'Misafirler için {tatli} hazırlamak [iki saatimizi|bütün öğleden sonramızı] aldı.',
    'Bu lokantanın {anayemek:GEN} tadı [hiç değişmemiş|her zamanki gibi nefis|eskisi kadar iyi değil].',
    '{icecek:ACC} [yemekten sonra|yemekle birlikte|kahvaltıda] içmeyi severim.',
    'Tencerede kaynayan {anayemek:GEN} kokusu bütün mutfağı sardı.',
    '{ad} bu {tatli} tarifini ünlü bir şeften öğrendi.',
    'Bıçakla {sebze:ACC} ince ince doğradım.',
    '[Tabakları|Kaşıkları|Çatalları|Bardakları] sofraya dizip yemeği servis ettik.',
    '{sikmameyve#1} suyu sıkmak için [olgun|iri|sulu] {sikmameyve#1:PL} seçtim.',
    'Yemekten sonra tatlı yerine {meyve} yemeyi tercih ettik.',
    '{sebze:INS} yapılan zeytinyağlı yemekleri çok severim.',
    'Fırından yeni çıkmış {unlu} kokusu mutfağa yayılıyordu.',
    'Bu sabah fırından [taze|çıtır|dumanı tüten] {unlu} aldım.',
    '{ad} {tatli:ACC} çok sever ama şekeri azaltmaya çalışıyor.',
    'Bayram sofrasında {anayemek}, {anayemek} ve {tatli} vardı.',
    'Yemeğin tuzu [biraz az|tam kıvamında|fazla] olmuş.',
    'Salatanın üstüne zeytinyağı ve {baharat} ekledim.',
    'Lokantada garson bize günün yemeği olarak {anayemek:ACC} önerdi.',
    'Şef {kizartma:ACC} [tereyağında|zeytinyağında|kızgın yağda] hafifçe kızarttı.',
    '{sebze:ACC} haşlayıp üzerine [sarımsaklı yoğurt|tereyağı] döktük.',
    'Bu mevsimde {meyve:PL} çok [ucuz|tatlı|bol] oluyor.',
    '{ad:GEN} en sevdiği yemek {anayemek}.',
    'Hamuru açıp içine {ich} koyduk ve börek yaptık.',
    'Çay demlenirken {kahvaltilik:ACC} ve {kahvaltilik:ACC} sofraya koyduk.',
    '{anayemek:ACC} [pilavla|salatayla|cacıkla|turşuyla] birlikte servis ettiler.',
    'Tarifte {baharat}, {baharat} ve bir tutam tuz kullanılıyor.',
    '{kap:ACC} ocağa koyup [suyu kaynattım|yağı ısıttım].',
    'Öğle yemeğinde [hafif|doyurucu] bir {anayemek} yedik.',
    '{ad} kahvaltıda {kahvaltilik} yemeden güne başlamıyor.',
    'Mutfak tezgâhında {sebze}, {sebze} ve {sebze} duruyordu.',
    '{meyve#1} reçeli yapmak için [şeker|limon] ve [olgun|taze] {meyve#1:PL} aldık.',
    'Bu {tatli} [fazla şekerli|tam kıvamında|çok hafif] olmuş, bir dilim daha alabilirim.',
    'Lokantanın menüsünde {anayemek}, {anayemek} ve çeşit çeşit mezeler vardı.',
    'Sofradaki {icecek} bardakları bir anda boşaldı.',
    'Akşam yemeği için {ich:LI} börek ve {icecek} hazırladık.',
    '{tatli:GEN} şerbeti soğuyunca tatlıyı dilimledik.',
  ],
  weather: [
    'Bugün hava çok {havaAdj}.',
    'Meteoroloji yarın {bolge:LOC} {yagis} bekliyor.',
    'Sabahtan beri aralıksız [yağmur yağıyor|kar yağıyor|çiseliyor|rüzgâr esiyor].',
    'Gece sıcaklık sıfırın altında {soguk} dereceye düştü.',
    'Öğleden sonra gökyüzü kararınca [şemsiyemi|yağmurluğumu|montumu] yanıma aldım.',
    '[Kış aylarında|Sonbaharda|İlkbaharda|Yaz aylarında] bu bölgede [sık sık|zaman zaman] {yagis2} olur.',
    'Rüzgâr o kadar sert esti ki [şemsiyem ters döndü|ağaç dalları kırıldı|pencereler titredi].',
    '[Sağanaktan|Yağmurdan|Fırtınadan] sonra gökyüzünde kocaman bir gökkuşağı çıktı.',
    'Hava durumu tahminine göre hafta sonu [güneşli|yağmurlu|karlı|rüzgârlı|bulutlu] olacak.',
    'Sıcaklık öğle saatlerinde {derece} dereceyi buldu.',
    'Nem oranı yükselince hava daha da bunaltıcı geliyor.',
    '[İlkbaharda|Sonbaharda|Mart ayında|Kasım ayında] havalar [ısınmaya|soğumaya] başlar.',
    'Sabah yollarda buzlanma olduğu için [dikkatli olmak gerekiyor|sürücüler uyarıldı].',
    'Bulutlar dağılınca güneş yeniden yüzünü gösterdi.',
    'Kar taneleri pencerenin önünde yavaş yavaş süzülüyordu.',
    'Akşama doğru rüzgâr [poyraza|lodosa|karayele] döndü.',
    'Yarın sabah {bolge:GEN} yüksek kesimlerinde [kar|don|tipi] bekleniyor.',
    'Termometre gölgede {derece} dereceyi gösteriyordu.',
    'Dolu taneleri camlara sert sert vurdu.',
    'Sis yüzünden karşı kıyı hiç görünmüyordu.',
    'Bu yıl kış [erken|geç] geldi ve [çok sert|oldukça ılık|kuru] geçti.',
    'Güneşli günlerde bile rüzgâr [serin|soğuk|sert] esiyor.',
    'Gök gürültüsü duyulunca herkes saçak altına sığındı.',
    'Gece boyunca yağan kar her yeri beyaza bürüdü.',
    'Kuraklık yüzünden barajlardaki su seviyesi [hızla|iyice] düştü.',
    'Şimşek çakınca gökyüzü bir anlığına aydınlandı.',
    'Uzmanlar bu yaz sıcak hava dalgalarının daha sık yaşanacağını söylüyor.',
    'Yağmur durunca toprak kokusu her yere yayıldı.',
    'Sabah kırağı düştüğü için çimenler bembeyazdı.',
    '{bolge:LOC} hava bugün {havaAdj}, yarın ise {havaAdj} olacak.',
    'Rüzgârın hızı saatte {hiz} kilometreye ulaştı.',
    '[Mont|Atkı|Bere|Eldiven] olmadan bu ayazda dışarı çıkmak zor.',
    'Yağmur bulutları [batıdan|kuzeyden|güneyden] hızla yaklaşıyor.',
    'Meteoroloji uzmanları hafta boyunca {yagis2} uyarısı yaptı.',
    '{bolge:LOC} [sıcak|soğuk|nemli|kuru] bir hava dalgası etkili oluyor.',
    'Gökyüzü [sabahtan beri|öğleden sonra] [kapalı|bulutlu|masmavi].',
    'Bugünkü hava durumuna göre [yağmur|kar|sağanak] ihtimali yüzde {derece}.',
    'Kışın bu bölgede kar kalınlığı [yarım metreyi|bir metreyi] geçiyor.',
    'Lodos estiği günlerde hava [ılık|nemli|kapalı] oluyor.',
    'Poyraz esince sıcaklık birden düştü.',
    'Sıcak hava dalgası nedeniyle [öğle saatlerinde|gün ortasında] dışarı çıkmamak gerekiyor.',
    'Yağmur sonrası [gökkuşağı|sis|serinlik] bütün vadiyi kapladı.',
    '{havaAdj} bir sabahtı ve [rüzgâr hafif hafif esiyordu|gökyüzünde tek bir bulut yoktu|yağmur çiseliyordu].',
    'Mevsim normallerinin üzerinde seyreden sıcaklıklar [hafta sonuna kadar|birkaç gün daha] sürecek.',
    'Kar yağışı nedeniyle [bazı yollar|dağ geçitleri|köy yolları] ulaşıma kapandı.',
    'Fırtına uyarısı yüzünden [balıkçılar denize açılmadı|tekneler limanda kaldı].',
    'Gökyüzündeki kara bulutlar [sağanağın|fırtınanın|dolunun] habercisiydi.',
  ],
  sport: [
    '{takim} dün akşamki maçı [iki|üç|tek] golle kazandı.',
    'Kaleci son dakikada [penaltıyı|şutu|kafa vuruşunu] kurtardı.',
    'Hakem [ilk yarının|maçın] sonunda [iki|üç|dört] oyuncuya sarı kart gösterdi.',
    'Taraftarlar tribünleri [tamamen|erkenden|saatler önce] doldurdu.',
    '{spor} antrenmanı her [salı|perşembe|cumartesi] sabahı yapılıyor.',
    'Antrenör oyunculara devre arasında yeni bir taktik anlattı.',
    'Forvet [ceza sahasının dışından|kafayla|sol ayağıyla|voleyle] harika bir gol attı.',
    'Takım bu sezon ligde {sayi} maçtır yenilmiyor.',
    'Şampiyonluk kupası [coşkulu bir törenle|stadyumda] kaptana verildi.',
    '[Milli atlet|Genç koşucu|Deneyimli sporcu] [yüz metre yarışında|maratonda|uzun atlamada] altın madalya kazandı.',
    'Basketbol maçında son saniyede atılan üçlük galibiyeti getirdi.',
    'Voleybol takımımız rakibini üç sete karşı bir setle yendi.',
    'Tenisçi ikinci seti [uzun bir mücadeleden sonra|tie-break ile] aldı.',
    '[Futbol|Basketbol|Voleybol] sahasında [çocuklar|gençler] akşama kadar top oynadı.',
    'Transfer döneminde kulüp {sayi} yeni oyuncuyla anlaştı.',
    'Deplasmandaki maçta takım [bir puanla döndü|beraberliğe razı oldu|ağır bir yenilgi aldı].',
    'Taraftarlar maç boyunca takımlarını hiç susmadan destekledi.',
    'Sakatlanan {oyuncu} [sedyeyle|topallayarak] sahadan çıktı.',
    'İkinci yarıda oyun [hızlandı|sertleşti|iyice durgunlaştı].',
    'Turnuvanın finali [pazar|cumartesi] akşamı oynanacak.',
    '{ad} her sabah parkta [beş|on|yedi] kilometre koşuyor.',
    'Yüzme havuzunda [kelebek|serbest|sırtüstü|kurbağalama] stilde antrenman yaptık.',
    'Hakemin verdiği penaltı kararı [büyük tartışma yarattı|taraftarları çıldırttı].',
    'Teknik direktör maçtan sonra [oyuncularını tebrik etti|basın toplantısı düzenledi|hakemi eleştirdi].',
    'Olimpiyatlarda [güreşçilerimiz|haltercilerimiz|okçularımız|boksörlerimiz] {sayi} madalya kazandı.',
    'Kırmızı kart gören {oyuncu} bir sonraki maçta oynayamayacak.',
    'Ligin ilk yarısını {sira} sırada tamamladık.',
    'Maç [uzatmalara|penaltılara] kaldı ve heyecan son ana kadar sürdü.',
    'Kaptan formasını giyip takım arkadaşlarıyla sahaya çıktı.',
    'Tenis maçında raketini yere vuran oyuncu uyarı aldı.',
    'Stadyumun önünde taraftarlar saatlerce bilet kuyruğunda bekledi.',
    'Antrenmanda [pas|şut|koşu|savunma] çalışması yaptık.',
    '{ad} mahallenin basketbol takımında {oyuncu} olarak oynuyor.',
    '{oyuncu:GEN} attığı gol [maçın kaderini değiştirdi|takımı finale taşıdı].',
    '{spor} federasyonu yeni sezonun fikstürünü açıkladı.',
    'Güreşçi rakibini [ilk dakikada|tuşla] yenerek şampiyon oldu.',
    'Maratona katılan [binlerce|yüzlerce] koşucu köprüden geçti.',
    '{takim} bu sezon {spor} liginde [şampiyonluğa oynuyor|küme düşme hattında].',
    'Skor tabelasında [bir bir|iki sıfır|üç iki] yazıyordu.',
    'Hakem düdüğü çalınca [oyuncular sevinçle sarıldı|taraftarlar sahaya koştu].',
    'Sezon öncesi kampta oyuncular günde iki antrenman yaptı.',
    'Rakip takımın savunması [çok güçlüydü|dağınıktı|hiç açık vermedi].',
    'Korner atışından gelen topu stoper kafayla ağlara gönderdi.',
    '{spor} maçına gitmek için [taraftar kartımızı|biletlerimizi] önceden aldık.',
    'Boksör [üçüncü rauntta|son rauntta] rakibini nakavt etti.',
    'Okçuluk yarışmasında sporcu on atışın dokuzunu tam merkeze isabet ettirdi.',
    'Bu galibiyetle takım puan tablosunda {sira} sıraya yükseldi.',
    'Dün akşamki maç [çok heyecanlıydı|golsüz berabere bitti|uzatmalara gitti|yağmur yüzünden ertelendi].',
    '[Derbi|Final|Hazırlık] maç [pazar akşamı|cumartesi günü|hafta içi] [oynanacak|stadyumda izlenecek].',
    'Bu maç [ligin kaderini belirleyecek|iki takım için de çok önemli|televizyondan canlı yayınlanacak].',
    '{takim} ile oynanan maç [üç golle sonuçlandı|tartışmalı bir penaltıyla bitti|taraftarları sevindirdi].',
    'Her maç öncesinde oyuncular [ısınma hareketleri yapıyor|soyunma odasında toplanıyor].',
  ],
  technology: [
    'Yeni {cihaz} [çok hızlı|oldukça hafif|pahalı ama güçlü|beklediğimden yavaş].',
    '{cihaz:GEN} [pili|şarjı] akşama kadar dayanmıyor.',
    'Geliştirici ekibi {yazilim:GEN} yeni sürümünü yayımladı.',
    'Bilgisayarı yeniden başlatınca güncelleme otomatik olarak yüklendi.',
    'Şifreni kimseyle paylaşma ve düzenli olarak değiştir.',
    'Bu {yazilim} {progdil} diliyle yazılmış.',
    'Yazılım mühendisi [hatayı|kodu|günlük kayıtlarını] saatlerce inceledi.',
    'İnternet bağlantısı kopunca [çevrim içi toplantı|dosya yüklemesi|güncelleme] yarıda kaldı.',
    '{ad} yeni bir {cihaz} almak için fiyatları karşılaştırıyor.',
    'Veritabanındaki kayıtları her gece [harici diske|yedek sunucuya] yedekliyoruz.',
    'Yapay zekâ modelleri [büyük miktarda veriyle|güçlü ekran kartlarıyla] eğitiliyor.',
    'Ekranın parlaklığını azaltınca pil daha uzun dayandı.',
    'Klavyenin birkaç tuşu çalışmıyor, yenisini sipariş ettim.',
    'Sunucu aşırı yüklenince web sitesi [birkaç dakika|yarım saat] erişilemez oldu.',
    'Telefonuma yüklediğim uygulama çok fazla [bellek|pil|mobil veri] kullanıyor.',
    'Bu işlemci önceki modelden [iki kat|yüzde otuz] daha hızlı.',
    'Eski dosyaları silince diskte [epey|bolca] yer açıldı.',
    'Tarayıcıyı güncelledikten sonra sayfalar daha hızlı açılıyor.',
    'Bilgisayar virüsü [e-posta ekleriyle|sahte bağlantılarla|korsan yazılımlarla] yayılıyordu.',
    'Robot kol fabrikada parçaları [hatasız|çok hızlı] birleştiriyor.',
    '{ad} yazdığı kodu göndermeden önce bütün testleri çalıştırdı.',
    'Algoritma milyonlarca kaydı [birkaç saniyede|çok kısa sürede] sıraladı.',
    'Kablosuz ağın şifresini [unuttuğum için modemi sıfırladım|herkesle paylaşmadım].',
    'Modem yeniden başlatılınca internet bağlantısı düzeldi.',
    'Yazıcı kâğıt sıkıştırdığı için belgeleri yazdıramadık.',
    'Akıllı telefonlar hayatımızın her alanına girdi.',
    'Şirket, kullanıcı verilerini korumak için yeni bir güvenlik yazılımı kurdu.',
    'Yeni güncellemeyle uygulamaya [karanlık mod|yüz tanıma|sesli komut] özelliği geldi.',
    'Mühendisler işlemcinin ısınma sorununu çözmek için çalışıyor.',
    '{cihaz:ACC} şarja takmayı unutmuşum.',
    'Bu web sitesi mobil cihazlarda da düzgün görünüyor.',
    'Program çöktüğü için kaydedilmemiş değişiklikler kayboldu.',
    '{parca} arızalanınca {cihaz:ACC} teknik servise götürdüm.',
    'Yeni {cihaz:GEN} {parca:P3SG} [çok daha hızlı|öncekinden iki kat güçlü|biraz zayıf].',
    'Geliştiriciler {progdil} ile [sunucu tarafını|mobil uygulamayı|veri işleme kodunu] yeniden yazdı.',
    'Uygulama mağazasında bu {yazilim} [bir milyon kez indirildi|çok iyi puan aldı].',
    'Bilgisayarın belleğini artırınca [programlar daha hızlı açıldı|donma sorunu bitti].',
    '{cihaz} ile [video konferansa katıldım|e-postalarımı okudum|fotoğraf düzenledim].',
    'Siber saldırı sonrasında şirketin sunucuları [bir günlüğüne|saatlerce] kapatıldı.',
    'Yazılım ekibi her sabah kısa bir toplantıyla [hataları|yeni özellikleri] konuşuyor.',
    'Verileri şifrelemeden göndermek ciddi bir güvenlik açığı yaratır.',
    'Akıllı ev sistemi ışıkları ve ısıtmayı telefondan kontrol etmemizi sağlıyor.',
    'Bu {yazilim:GEN} kaynak kodu herkese açık olarak yayımlandı.',
    'Yeni ekran kartıyla [yapay zekâ modelini|oyunları|üç boyutlu çizimleri] çok daha hızlı çalıştırıyoruz.',
    'İşletim sistemini kurduktan sonra sürücüleri tek tek yükledik.',
    'E-posta kutuma gelen şüpheli bağlantıya tıklamadım.',
    'Bulut tabanlı depolama sayesinde dosyalarıma her cihazdan ulaşabiliyorum.',
  ],
  school: [
    'Öğretmen bize yeni {okulEsya:PL} dağıttı.',
    '{okulEsya:PL+P1PL+ACC} sıraların üstüne bıraktık.',
    '{okulEsya:PL+P1PL+ABL} birini [arkadaşımıza|kütüphaneye] verdik.',
    'Raflardaki {okuma:PL+LOC} [eski notlar|sararmış sayfalar|renkli resimler] vardı.',
    '{okuma:GEN} ilk bölümünü bu akşam okuyacağız.',
    '{ad} {okuma:ACC} kütüphaneden ödünç aldı.',
    'Bu dönem okuduğumuz {okuma:PL} çok [ilgi çekiciydi|sürükleyiciydi|öğreticiydi].',
    '{okulEsya:PL+P1PL} yeni dönemde [ücretsiz|erkenden] dağıtılacak.',
    'Öğretmen {ders} ödevlerini [tek tek|dikkatle|akşam] kontrol etti.',
    'Yarın {ders} sınavı var, bu yüzden bütün akşam ders çalışacağım.',
    'Teneffüste [öğrenciler|çocuklar] okul bahçesinde oyun oynadı.',
    'Karne günü bütün öğrenciler heyecanlıydı.',
    'Öğrenciler {okulEsya:PL+P3SG+ACC} çantalarına yerleştirdi.',
    'Sınıfın en çalışkan öğrencisi {ad}.',
    '{ders} öğretmeni tahtaya [zor bir problem|yeni bir konu başlığı|bir şema] yazdı.',
    '{kucukEsya:P1SG+ACC} evde unuttuğum için arkadaşımdan ödünç aldım.',
    'Sınav sonuçları [okul panosuna|okulun sitesine] asıldı.',
    '{ad} {ders} projesini zamanında teslim etti.',
    'Müdür yeni dönemin ilk gününde öğrencilere bir konuşma yaptı.',
    'Üniversite sınavına hazırlanan öğrenciler [okul kütüphanesinde|etüt salonunda] ders çalışıyor.',
    '{okuma:PL+LOC} okuduğumuz bilgileri [deftere|özet olarak] not aldık.',
    'Bu {okuma:ACC} okumadan sınava girmek zor olur.',
    '{okulEsya:PL+P1PL+LOC} bu konu ayrıntılı olarak anlatılıyor.',
    'Okulun yanındaki kitapçıdan yeni dönem için {okulEsya:PL} aldık.',
    'Kitaplığımızdaki {okuma:PL} [alfabetik olarak|konularına göre] sıraladık.',
    '{okulEsya:P1SG+ACC} [çantama|sırama] koymayı unutmuşum.',
    '{okulEsya:PL+P1PL+DAT} [isimlerimizi|sınıfımızı] yazdık.',
    '[Sınıf öğretmenimiz|Rehber öğretmenimiz] {okulEsya:PL+P1PL+ACC} tek tek kontrol etti.',
    'Kütüphanede sessizce {okuma} okuyan öğrenciler vardı.',
    '{ad} {okuma:P3SG+ACC} [bitirince|okuyunca] arkadaşına ödünç verdi.',
    'Kitapsız ve deftersiz derse gelmek öğretmenimizi kızdırdı.',
    '{kucukEsya:ABL} başka bir şey getirmeyi unutmayın, dedi öğretmen.',
    '[Fizik dersinde deney yaptık|Kimya dersinde deney yaptık|Coğrafya dersinde harita çizdik|Edebiyat dersinde şiir okuduk|Matematik dersinde problem çözdük|Geometri dersinde üçgen çizdik|Tarih dersinde belgesel izledik|İngilizce dersinde yeni kelimeler öğrendik|Biyoloji dersinde mikroskopla hücre inceledik].',
    'Öğrenciler [tarih|coğrafya|fen] gezisi için müzeye gitti.',
    '{okuma:PL+P1PL+ACC} sınıfın kitaplığına bağışladık.',
    'Ödevimi bitirmek için [iki|üç] saat ders çalıştım.',
    'Yeni dönemde [matematik|İngilizce|fizik] öğretmenimiz değişti.',
    '{ad} sınıf başkanı seçildi ve bütün arkadaşları onu tebrik etti.',
    '{okulEsya:P3SG+LOC} öğretmenin notları vardı.',
    'Okulun ilk gününde öğrenciler {okulEsya:PL+P3SG+INS} birlikte sınıfa girdi.',
    'Kitapçıdaki {okuma:PL} bu ay indirimdeydi.',
    'Çantamda [iki|üç] {okulEsya} ve bir kalem kutusu var.',
    '{okuma:GEN} son sayfasını okuyunca kapağını kapattım.',
    'Öğretmen [kitabı|defteri|haritayı] açıp dersi anlatmaya başladı.',
    '{okulEsya:PL+DAT} [isim etiketi|sınıf numarası] yapıştırdık.',
    'Okul kütüphanesi [sabah sekizde|öğlen] açılıyor.',
    'Sınıftaki kitaplar [eskimiş|yıpranmış] olduğu için yenilerini istedik.',
    'Sınavdan önce {okulEsya:PL+ACC} bir kez daha gözden geçirdim.',
    'Bu {okuma} bana [kütüphaneden|öğretmenimden] geldi.',
    '[Dün|Bugün|Geçen hafta|Sabah] {ad} [yeni|eski|kalın|ince|resimli] bir {okuma} [okudu|bitirdi|satın aldı|ödünç aldı].',
    '{ad} {okuma:ACC} [kütüphaneye geri verdi|çantasına koydu|sırasında unuttu|arkadaşına gösterdi].',
    '{okulEsya:PL+P1PL+ACC} [sıraların üstüne|dolaplara|çantalarımıza|raflara] [bıraktık|koyduk|yerleştirdik].',
    '{okulEsya:PL+P1PL+LOC} [öğretmenin notları|renkli resimler|eski yazılar|önemli formüller] [vardı|bulunuyordu].',
    '{okulEsya:PL+P1PL+DAT} [isimlerimizi|sınıf numaramızı|okulun adını] [yazdık|ekledik].',
    '[Öğretmenimiz|Müdürümüz|Kütüphaneci] {okulEsya:PL+P1PL+ACC} [tek tek|dikkatle|sabah] [kontrol etti|topladı|inceledi].',
    '{okulEsya:PL+P1PL+ABL} [birini|ikisini|en eskisini] [arkadaşımıza|kütüphaneye|küçük kardeşimize] [verdik|bağışladık].',
    'Kütüphanedeki {okuma:PL} [yeni|eski|boş] [raflara|dolaplara] dizildi.',
    '{ad} [her akşam|yatmadan önce|serviste|teneffüste] {okuma} okuyor.',
    '{okuma:LOC} [ilginç|önemli|zor|anlaşılmaz] bir [bölüm|paragraf|cümle] [vardı|buldum].',
    '{okuma:ABL} [birkaç satırı|bir paragrafı|sevdiğim cümleleri] [deftere|ödevime] [aktardım|yazdım].',
    '{okuma:DAT} [bir ayraç koydum|adımı yazdım|kısa bir not düştüm].',
    '{okuma:P1SG+ACC} [evde|serviste|sınıfta|kütüphanede] unuttum.',
    '{okuma:P1SG+LOC} [önemli yerlerin altını çizdim|bazı sayfalar eksik].',
    '{okulEsya:PL+P1SG+ACC} [çantama|dolabıma|masama] [yerleştirdim|koydum].',
    '{okuma:PL+P3SG+ACC} [raftan indiren|düzenleyen|sayan] öğrenciler [yorulmuştu|çok çalışkandı].',
    '[Öğretmen|Kütüphaneci|Müdür] {okuma:PL+ACC} [öğrencilere|sınıflara] [dağıttı|paylaştırdı].',
    '{okuma:INS} ilgili [bir sunum|bir ödev|kısa bir özet] hazırladım.',
    'Bu {okuma} hakkında [sınıfta tartıştık|bir kompozisyon yazdık|öğretmenimize sorular sorduk].',
  ],
  travel: [
    'Geçen [yıl|ay] {sehir:DAT} gittik.',
    '{sehir:DAT} giden uçak [iki saat|yarım saat|kırk dakika] rötar yaptı.',
    '{sehir:LOC} üç gece kaldık ve [müzeleri|tarihi yerleri|çarşıları] gezdik.',
    'Otel odasından harika bir {manzara} manzarası görünüyordu.',
    'Havalimanında pasaport kontrolü [uzun sürdü|çabuk bitti].',
    'Valizimi hazırlarken pasaportumu koymayı unutmuşum.',
    '{sehir:ABL} {sehir:DAT} tren yolculuğu [dört|altı|sekiz] saat sürüyor.',
    'Rehber bize şehrin tarihini [ayrıntılı olarak|bütün yol boyunca] anlattı.',
    'Tatil için [bir ay|iki ay] önceden otel rezervasyonu yaptık.',
    '{sehir} sokaklarında saatlerce yürüdük.',
    'Feribotla karşı kıyıya geçtik ve [martıları seyrettik|limanda dolaştık].',
    'Kamp alanına vardığımızda çadırımızı [göl kenarına|ağaçların altına] kurduk.',
    'Yolculuk sırasında haritadan [rotamızı|güzergâhımızı] kontrol ettik.',
    '{sehir:GEN} en ünlü müzesini [sabah erkenden|öğleden sonra] ziyaret ettik.',
    'Turistler [limanda|meydanda|köprünün üstünde] fotoğraf çekiyordu.',
    'Vize başvurumuz [iki haftada|bir ayda] sonuçlandı.',
    'Uçak biletlerini [indirimli|son dakikada|aylar önce] aldık.',
    'Otobüs terminalinde [bir saat|kırk dakika] bekledik.',
    '{ad} tatilini {sehir:LOC} geçirmeyi planlıyor.',
    'Yurt dışına çıkmadan önce pasaportumuzun süresini kontrol ettik.',
    'Otelin resepsiyonunda oda anahtarımızı teslim aldık.',
    'Trenin penceresinden [köyler|tarlalar|dağlar] bir bir geçip gidiyordu.',
    'Bu yolculukta [yeni insanlarla tanıştık|çok fotoğraf çektik|hiç bilmediğimiz yerler gördük].',
    '{sehir:DAT} ilk kez gidenlere rehberli bir tur öneririm.',
    'Sırt çantamı alıp [dağ köylerini|kıyı kasabalarını] gezmeye çıktım.',
    'Gümrükte valizlerimiz tek tek kontrol edildi.',
    "Kapadokya'da peri bacalarını gezdik.",
    'Tatilin son günü hediyelik eşya almak için çarşıya gittik.',
    'Havalimanına [taksiyle|metroyla|servisle] gittik.',
    'Uçağımız [gece yarısı|sabah erken saatte] {sehir:DAT} indi.',
    '{sehir:ABL} {sehir:DAT} {ulasim} gitmeyi düşünüyoruz.',
    'Yolculuğa çıkmadan önce [otel rezervasyonumuzun|biletlerimizin] onayını aldık.',
    '{sehir} gezisinde [eski kiliseleri|camileri|kaleyi|saray müzesini] gördük.',
    'Bir sonraki tatilimizi {sehir:LOC} yapmayı düşünüyoruz.',
    'Otelin [havuzu|bahçesi|kahvaltı salonu] çok genişti.',
    'Bavulumuz [havalimanında kayboldu|başka bir uçağa yüklenmiş].',
    '{sehir:GEN} [eski çarşısı|tarihi merkezi|ana caddesi|meydanı] turistlerle doluydu.',
    '{ulasim} yapılan yolculuklar bazen çok yorucu oluyor.',
    'Gezi rehberimiz {sehir:LOC} görülmesi gereken yerleri tek tek saydı.',
    'Pansiyonun sahibi bize [kasabanın|adanın|vadinin] en güzel yerlerini anlattı.',
    'Tatil boyunca [kiralık bir arabayla|bisikletle|yürüyerek] dolaştık.',
    '{sehir:DAT} varınca önce otele yerleşip sonra şehri gezdik.',
    'Biletlerimizi kontrol eden görevli bize [vagon numaramızı|koltuklarımızı] gösterdi.',
    'Yolcular [peronda|iskelede|kapıda] uzun bir kuyruk oluşturmuştu.',
    'Kaldığımız otel [şehir merkezine|denize|istasyona] yürüme mesafesindeydi.',
    '[Turist rehberi|Tur şirketi] {sehir} için [üç günlük|bir haftalık] bir program hazırladı.',
    'Seyahat sigortası yaptırmadan yurt dışına çıkmayın.',
    '[Sahildeki|Şehir merkezindeki|Tarihi|Küçük] otel [çok temizdi|tam istediğimiz gibiydi|biraz gürültülüydü|havalimanına yakındı].',
    'Bu otel [deniz manzaralı odalarıyla|zengin kahvaltısıyla|geniş havuzuyla|güler yüzlü çalışanlarıyla] ünlü.',
    'Tatil için {sehir:LOC} [uygun fiyatlı|merkezi|sessiz|denize yakın] bir otel arıyoruz.',
    'Rehberin önerdiği otel [tarihi çarşıya|limana|tren garına] çok yakındı.',
  ],
  health: [
    'Doktor [ateşimi|tansiyonumu|nabzımı] ölçtü.',
    'Eczaneden reçetedeki ilaçları aldım.',
    '{ad} {hastalik} olduğu için [üç gün|bir hafta] işe gidemedi.',
    'Hemşire koluma [grip aşısı|tetanoz aşısı|iğne] yaptı.',
    'Hastaneden muayene için randevu aldım.',
    'Kan tahlilinin sonuçları [yarın|iki gün sonra] çıkacak.',
    'Baş ağrım geçmeyince {saglikci:DAT} gittim.',
    'Doktor bana günde [iki|üç] kez {ilac} kullanmamı söyledi.',
    'Düzenli egzersiz ve yeterli uyku bağışıklığı güçlendiriyor.',
    'Diş hekimi çürük dişimi [doldurdu|çekti|tedavi etti].',
    'Öksürüğüm [bir haftadır|günlerdir] geçmiyor.',
    'Ateşi yükselen hastayı acil servise götürdük.',
    'Doktor [dinlenmemi|tuzu azaltmamı|her gün yürüyüş yapmamı] tavsiye etti.',
    'Yıllık sağlık kontrolünde [her şey normal çıktı|tansiyonum biraz yüksek çıktı].',
    '{ad} ameliyattan sonra hızla iyileşiyor.',
    'Grip aşısı olmak için sağlık ocağına gittim.',
    'Hasta ziyaret saatleri [akşam altıda|öğleden sonra] başlıyor.',
    'Ağrı kesici almadan önce {saglikci:DAT} danışmak gerekir.',
    'Vitamin eksikliği yorgunluğa ve halsizliğe neden olabilir.',
    'Fizyoterapist dizim için [yeni egzersizler|bir tedavi planı] hazırladı.',
    '{hastalik} belirtileri arasında [ateş|öksürük|halsizlik|baş ağrısı] da var.',
    '{saglikci} hastaya [ilaçlarını düzenli kullanmasını|bol sıvı almasını] söyledi.',
    '{ilac} kutusunun üzerindeki kullanma talimatını dikkatle okudum.',
    'Acil serviste [iki saat|uzun süre] sıra bekledik.',
    'Kırılan kolu alçıya alındı ve [altı hafta|bir ay] sonra kontrole çağrıldı.',
    'Tansiyonu yükselen hastaya doktor hemen {ilac} verdi.',
    'Alerjisi olan hastalar bahar aylarında daha dikkatli olmalı.',
    'Hastanenin [kardiyoloji|ortopedi|göz] bölümünde muayene oldum.',
    '{saglikci:GEN} önerisiyle [beslenmemi düzenledim|sigarayı bıraktım|her gün yürümeye başladım].',
    'Diyetisyen [şekeri azaltmamı|daha çok sebze yememi|öğün atlamamamı] önerdi.',
    'Çocuklar aşı takvimine göre düzenli olarak aşılanmalı.',
    'Migren atağı başlayınca karanlık bir odada dinlenmek iyi geliyor.',
    '{ad} düzenli check-up yaptırarak hastalıkları erkenden fark etmeye çalışıyor.',
    'Doktor röntgen sonuçlarına bakıp [kırık olmadığını|ameliyat gerektiğini] söyledi.',
    'Cerrah ameliyatın [başarıyla|sorunsuz] geçtiğini açıkladı.',
    'Reçetesiz antibiyotik kullanmak sağlığa zarar verebilir.',
    'Hastaneye yatırılan hasta [serum|oksijen] desteği aldı.',
  ],
  music: [
    '{ad} [üç yıldır|küçüklüğünden beri|geçen yazdan beri] {enstruman} çalıyor.',
    'Konserde orkestra [en sevdiğim eseri|yeni bir senfoniyi|bir uvertürü] seslendirdi.',
    'Şarkıcı sahneye çıkınca salonda alkış koptu.',
    'Bu şarkının [melodisi|nakaratı|sözleri] aklımdan çıkmıyor.',
    'Yeni albümdeki [türküler|şarkılar|parçalar] çok beğenildi.',
    'Koro [yılsonu|yardım] konseri için her akşam prova yapıyor.',
    '{telli:GEN} tellerini değiştirdikten sonra akort ettim.',
    'Besteci yeni eserini {enstruman} ve orkestra için yazdı.',
    'Kulaklığımı takıp [sakin|hareketli|hüzünlü] bir şarkı açtım.',
    'Davulcu ritmi hızlandırınca herkes dans etmeye başladı.',
    'Nota okumayı öğrenmek biraz zaman aldı.',
    'Akşam radyoda eski bir [türkü|şarkı|tango] çalıyordu.',
    '{ad} konservatuvarda {enstruman} bölümünde okuyor.',
    'Festivalde {tur} grupları sahne aldı.',
    'Bu şarkının temposu [çok yavaş|oldukça hızlı|dansa uygun].',
    'Piyanist konserin sonunda seyircileri selamladı.',
    'Akorları ezberleyince şarkıyı gitarla çalabildim.',
    'Yeni şarkının sözlerini [grubun solisti|genç bir şair|grubun davulcusu] yazdı.',
    'Konser biletleri [birkaç saatte|bir günde] tükendi.',
    '{tur} dinlemek bana [huzur veriyor|enerji veriyor|eski günleri hatırlatıyor].',
    '{enstruman} çalmayı öğrenmek için [her gün|haftada üç gün] pratik yapıyorum.',
    'Orkestra şefi [bagetini kaldırınca|selam verince] salon sessizleşti.',
    'Grubun yeni klibi [bir haftada|kısa sürede] milyonlarca kez izlendi.',
    '{enstruman:GEN} sesi salonun her köşesine yayıldı.',
    'Solist nakaratı söylerken seyirciler de ona eşlik etti.',
    'Stüdyoda [gitar|davul|vokal] kayıtlarını tamamladık.',
    'Bu türkü [Karadeniz|Ege|Orta Anadolu] yöresinin ezgilerinden esinlenerek bestelenmiş.',
    'Müzik öğretmeni bize [majör ve minör gamları|ritim kalıplarını|nota değerlerini] anlattı.',
    '{tur} konserinde {enstruman} solosu çok etkileyiciydi.',
    'Mahalledeki müzik dükkânından yeni bir {enstruman} aldım.',
    'Sokak müzisyeni {enstruman} çalarak şarkı söylüyordu.',
    'Albümün ilk şarkısı [radyolarda|dinleme listelerinde] zirveye yerleşti.',
    'Şarkıcının sesi [konserin sonunda kısıldı|bu akşam çok güzeldi].',
    'Koro şefi sopranoları ve tenorları ayrı ayrı çalıştırdı.',
    'Bestecinin yeni eseri [ilk kez bu akşam|festivalin açılışında] seslendirilecek.',
    'Metronomu açıp [yavaş|orta] tempoda {enstruman} çalıştım.',
    '{ad} gitarını alıp [sevdiği bir şarkıyı|eski bir türküyü] çalmaya başladı.',
  ],
};

/**
 * Gendered pairs [male, female] with frames shared by both members: past-tense and converb
 * forms ("tahtına oturdu" / "tahtına oturup") so clauses can be chained.
 */
interface PersonPair {
  male: string;
  female: string;
  adjectives: readonly string[];
  clauses: readonly (readonly [string, string])[];
}

const PAIRS: readonly PersonPair[] = [
  {
    male: 'kral', female: 'kraliçe', adjectives: ['yaşlı', 'genç', 'bilge', 'adil', 'zalim', 'sevilen'],
    clauses: [
      ['tahtına oturdu', 'tahtına oturup'], ['halkına seslendi', 'halkına seslenip'], ['tacını başına koydu', 'tacını başına koyup'],
      ['yeni fermanı imzaladı', 'yeni fermanı imzalayıp'], ['danışmanlarını dinledi', 'danışmanlarını dinleyip'],
      ['hazine odasına girdi', 'hazine odasına girip'], ['sarayın balkonuna çıktı', 'sarayın balkonuna çıkıp'],
      ['krallığı yıllarca adaletle yönetti', 'krallığı yıllarca adaletle yönetip'], ['tahtından kalktı', 'tahtından kalkıp'],
      ['taht salonunda elçileri bekledi', 'taht salonunda elçileri bekleyip'],
    ],
  },
  {
    male: 'prens', female: 'prenses', adjectives: ['genç', 'küçük', 'cesur', 'meraklı', 'zeki', 'hırçın'],
    clauses: [
      ['beyaz atına bindi', 'beyaz atına binip'], ['şatonun kulesine çıktı', 'şatonun kulesine çıkıp'],
      ['balodaki misafirleri selamladı', 'balodaki misafirleri selamlayıp'], ['eskrim çalışmasına gitti', 'eskrim çalışmasına gidip'],
      ['bahçedeki labirentte kayboldu', 'bahçedeki labirentte kaybolup'], ['ormana ava çıktı', 'ormana ava çıkıp'],
      ['veliaht olarak yemin etti', 'veliaht olarak yemin edip'], ['şatonun kapısından çıktı', 'şatonun kapısından çıkıp'],
    ],
  },
  {
    male: 'imparator', female: 'imparatoriçe', adjectives: ['büyük', 'yaşlı', 'kudretli', 'genç', 'hırslı'],
    clauses: [
      ['ordusunu denetledi', 'ordusunu denetleyip'], ['başkente döndü', 'başkente dönüp'], ['yabancı elçileri kabul etti', 'yabancı elçileri kabul edip'],
      ['imparatorluğun sınırlarını genişletti', 'imparatorluğun sınırlarını genişletip'], ['savaş meclisini topladı', 'savaş meclisini toplayıp'],
      ['zafer alayını izledi', 'zafer alayını izleyip'], ['eyalet valilerini huzuruna çağırdı', 'eyalet valilerini huzuruna çağırıp'],
    ],
  },
  {
    male: 'erkek', female: 'kadın', adjectives: ['genç', 'yaşlı', 'orta yaşlı', 'uzun boylu', 'yabancı', 'yorgun'],
    clauses: [
      ['otobüse bindi', 'otobüse binip'], ['durakta bekledi', 'durakta bekleyip'], ['komşusuna selam verdi', 'komşusuna selam verip'],
      ['işe gitmek için evden çıktı', 'işe gitmek için evden çıkıp'], ['gazete bayiinden gazete aldı', 'gazete bayiinden gazete alıp'],
      ['parktaki banka oturdu', 'parktaki banka oturup'], ['kalabalık caddede yürüdü', 'kalabalık caddede yürüyüp'],
      ['apartmanın kapısını açtı', 'apartmanın kapısını açıp'], ['karşıdan karşıya geçti', 'karşıdan karşıya geçip'],
    ],
  },
  {
    male: 'baba', female: 'anne', adjectives: ['genç', 'yaşlı', 'yorgun', 'sevecen', 'mutlu'],
    clauses: [
      ['çocuklarını öptü', 'çocuklarını öpüp'], ['bebeği kucağına aldı', 'bebeği kucağına alıp'], ['çocuklarına sarıldı', 'çocuklarına sarılıp'],
      ['akşam eve döndü', 'akşam eve dönüp'], ['çocuklarıyla oyun oynadı', 'çocuklarıyla oyun oynayıp'],
      ['bebeğin beşiğini salladı', 'bebeğin beşiğini sallayıp'], ['çocuklarına iyi geceler diledi', 'çocuklarına iyi geceler dileyip'],
      ['evin kapısını açtı', 'evin kapısını açıp'],
    ],
  },
  {
    male: 'oğlan', female: 'kız', adjectives: ['küçük', 'minik', 'yaramaz', 'utangaç', 'neşeli'],
    clauses: [
      ['bahçede koştu', 'bahçede koşup'], ['salıncağa bindi', 'salıncağa binip'], ['oyuncaklarını topladı', 'oyuncaklarını toplayıp'],
      ['balonunu uçurdu', 'balonunu uçurup'], ['kedinin peşinden koştu', 'kedinin peşinden koşup'], ['ağaca tırmandı', 'ağaca tırmanıp'],
      ['kum havuzunda oynadı', 'kum havuzunda oynayıp'], ['ip atladı', 'ip atlayıp'],
    ],
  },
  {
    male: 'amca', female: 'hala', adjectives: ['yaşlı', 'neşeli', 'sevimli', 'konuşkan'],
    clauses: [
      ['yeğenlerine harçlık verdi', 'yeğenlerine harçlık verip'], ['köyden ziyarete geldi', 'köyden ziyarete gelip'],
      ['bahçesindeki ağaçları budadı', 'bahçesindeki ağaçları budayıp'], ['tarladan döndü', 'tarladan dönüp'],
      ['yeğenlerini kucakladı', 'yeğenlerini kucaklayıp'], ['kardeşinin evine uğradı', 'kardeşinin evine uğrayıp'],
    ],
  },
  {
    male: 'dayı', female: 'teyze', adjectives: ['neşeli', 'genç', 'sevimli', 'şakacı'],
    clauses: [
      ['yeğenlerini lunaparka götürdü', 'yeğenlerini lunaparka götürüp'], ['yeğenlerine hediye aldı', 'yeğenlerine hediye alıp'],
      ['eski fotoğrafları gösterdi', 'eski fotoğrafları gösterip'], ['uzak bir kasabadan ziyarete geldi', 'uzak bir kasabadan ziyarete gelip'],
      ['yeğenleriyle şakalaştı', 'yeğenleriyle şakalaşıp'], ['bayramda bütün yeğenlerini aradı', 'bayramda bütün yeğenlerini arayıp'],
    ],
  },
  {
    male: 'dede', female: 'nine', adjectives: ['yaşlı', 'bilge', 'sevgili', 'ak saçlı'],
    clauses: [
      ['torunlarına masal anlattı', 'torunlarına masal anlatıp'], ['torunlarını kucağına aldı', 'torunlarını kucağına alıp'],
      ['eski günleri anlattı', 'eski günleri anlatıp'], ['bahçedeki çiçekleri suladı', 'bahçedeki çiçekleri sulayıp'],
      ['bastonuna dayandı', 'bastonuna dayanıp'], ['gözlüğünü taktı', 'gözlüğünü takıp'], ['torunlarının ellerini tuttu', 'torunlarının ellerini tutup'],
    ],
  },
  {
    male: 'ağabey', female: 'abla', adjectives: ['büyük', 'sorumlu', 'şefkatli', 'sabırlı'],
    clauses: [
      ['küçük kardeşine yardım etti', 'küçük kardeşine yardım edip'], ['kardeşlerini korudu', 'kardeşlerini koruyup'],
      ['kardeşinin elini tuttu', 'kardeşinin elini tutup'], ['kardeşlerine öğüt verdi', 'kardeşlerine öğüt verip'],
      ['kardeşini servise bindirdi', 'kardeşini servise bindirip'], ['kardeşleriyle bisiklete bindi', 'kardeşleriyle bisiklete binip'],
    ],
  },
  {
    male: 'damat', female: 'gelin', adjectives: ['mutlu', 'heyecanlı', 'genç', 'gülümseyen'],
    clauses: [
      ['düğün salonuna girdi', 'düğün salonuna girip'], ['nikâh masasına oturdu', 'nikâh masasına oturup'],
      ['misafirleri karşıladı', 'misafirleri karşılayıp'], ['düğün fotoğrafları için poz verdi', 'düğün fotoğrafları için poz verip'],
      ['ilk dansa kalktı', 'ilk dansa kalkıp'], ['nikâh defterini imzaladı', 'nikâh defterini imzalayıp'],
    ],
  },
];

/** Gender markers usable at any age, identical in form so the offset stays consistent. */
const GENDER_MARKERS: Record<'male' | 'female', readonly (readonly [string, string])[]> = {
  male: [
    ['kravatını düzeltti', 'kravatını düzeltip'], ['papyonunu taktı', 'papyonunu takıp'], ['kravatını gevşetti', 'kravatını gevşetip'],
    ['kasketini çıkardı', 'kasketini çıkarıp'], ['kasketini taktı', 'kasketini takıp'], ['papyonunu düzeltti', 'papyonunu düzeltip'],
    ['kravatını bağladı', 'kravatını bağlayıp'],
  ],
  female: [
    ['eteğini düzeltti', 'eteğini düzeltip'], ['küpelerini taktı', 'küpelerini takıp'], ['elbisesini giydi', 'elbisesini giyip'],
    ['küpelerini çıkardı', 'küpelerini çıkarıp'], ['saç tokasını taktı', 'saç tokasını takıp'], ['elbisesini düzeltti', 'elbisesini düzeltip'],
    ['eteğini savurdu', 'eteğini savurup'],
  ],
};

/** Family-life frames with a {P} slot filled by a family word of either gender, equally often. */
const FAMILY_FRAMES: readonly string[] = [
  'Bayramda {P} bütün aileyi evine davet etti.',
  'Akşam yemeğinde {P} ailenin eski hikâyelerini anlattı.',
  'Hafta sonu {P} ile birlikte akrabalarımızı ziyaret ettik.',
  '{P} doğum gününde ailesinden güzel bir sürpriz gördü.',
  'Kalabalık ailemizde en çok {P} ile vakit geçiririm.',
  'Bayram sabahı {P:GEN} elini öptük.',
  'Bu fotoğrafta {P} ailenin ortasında gülümsüyor.',
  'Aile toplantısında {P:GEN} söyledikleri herkesi düşündürdü.',
  'Düğünde en çok {P} duygulandı.',
  '{P} kuzenlerimizle birlikte bize geldi.',
];

function familyWords(): string[] {
  const family = PAIRS.filter((p) => !['kral', 'prens', 'imparator', 'erkek'].includes(p.male));
  return family.flatMap((p) => [p.male, p.female]);
}

function genderSentence(rng: () => number): string {
  const pair = pick(rng, PAIRS);
  const gender = rng() < 0.5 ? 'male' : 'female';
  const person = gender === 'male' ? pair.male : pair.female;
  const subject = rng() < 0.6 ? `${pick(rng, pair.adjectives)} ${person}` : person;
  const [ctxPast, ctxConv] = pick(rng, pair.clauses);
  const [gPast, gConv] = pick(rng, GENDER_MARKERS[gender]);
  const form = Math.floor(rng() * 5);
  let s: string;
  if (form === 0) s = `${subject} ${ctxPast}.`;
  else if (form === 1) s = `${subject} ${gConv} ${ctxPast}.`;
  else if (form === 2) s = `${subject} ${ctxConv} ${gPast}.`;
  else if (form === 3) s = `${subject} önce ${ctxPast}, sonra ${gPast}.`;
  else s = `${subject} önce ${gPast}, sonra ${ctxPast}.`;
  return capitalize(s);
}

function familySentence(rng: () => number): string {
  const frame = pick(rng, FAMILY_FRAMES);
  const word = pick(rng, familyWords());
  return capitalize(frame.replace(/\{P(?::([A-Z]+))?\}/, (_m, c?: string) => (c ? inflect(word, [c]) : word)));
}

const TOPIC_WEIGHTS: readonly (readonly [string, number])[] = [
  ['food', 1], ['weather', 1], ['sport', 1], ['technology', 1], ['school', 1.1], ['travel', 1],
  ['health', 0.7], ['music', 0.7], ['gender', 1.6], ['family', 0.4],
];

function pickTopic(rng: () => number): string {
  const total = TOPIC_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [name, w] of TOPIC_WEIGHTS) {
    r -= w;
    if (r < 0) return name;
  }
  return TOPIC_WEIGHTS[TOPIC_WEIGHTS.length - 1][0];
}

/** The corpus as lines, deterministic for a given seed; duplicates are skipped. */
export function generateEmbeddingCorpus(seed = EMBEDDING_CORPUS_SEED, targetWords = EMBEDDING_CORPUS_TARGET_WORDS): string[] {
  const rng = mulberry32(seed);
  const seen = new Set<string>();
  const lines: string[] = [];
  let words = 0;
  for (let attempt = 0; words < targetWords; attempt++) {
    if (attempt > targetWords * 5) throw new Error('Corpus generator cannot reach its size without repeating itself');
    const topic = pickTopic(rng);
    let sentence: string;
    if (topic === 'gender') sentence = genderSentence(rng);
    else if (topic === 'family') sentence = familySentence(rng);
    else sentence = expand(pick(rng, TOPICS[topic]), LEXICON, rng);
    if (sentence.toLocaleLowerCase('tr-TR').includes(HELD_OUT_FORM)) continue;
    if (seen.has(sentence)) continue;
    seen.add(sentence);
    lines.push(sentence);
    words += countWords([sentence]);
  }
  return lines;
}

/** Number of hand-written frames, reported in data/README.md. */
export function frameCount(): number {
  return Object.values(TOPICS).reduce((s, t) => s + t.length, 0) + FAMILY_FRAMES.length + PAIRS.length * 5;
}

if (require.main === module) {
  const lines = generateEmbeddingCorpus();
  const out = path.join(__dirname, '..', 'embedding_corpus.txt');
  fs.writeFileSync(out, lines.join('\n') + '\n', 'utf8');
  console.log(`wrote ${out}: ${lines.length} lines, ${countWords(lines)} words, ${frameCount()} frames`);
}
