import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TEXT_OPTIONS,
  KERAS_FILTERS,
  TURKISH_FILTERS,
  normalizeText,
  resolveTextOptions,
  turkishLower,
  turkishUpper,
  words,
  wordsWith,
} from './normalize';

test('turkishLower maps İ to i and I to ı, unlike toLowerCase()', () => {
  assert.equal(turkishLower('İSTANBUL'), 'istanbul');
  assert.equal(turkishLower('IŞIK'), 'ışık');
  assert.equal(turkishLower('ISPARTA İZMİR'), 'ısparta izmir');
  assert.equal(turkishLower('ÇĞÖŞÜ'), 'çğöşü');
  // The bug this function exists for: the default lowercasing adds a combining dot.
  assert.equal('İ'.toLowerCase(), 'i\u0307');
  assert.equal(turkishLower('İ'), 'i');
  assert.equal(turkishLower('İ').length, 1);
});

test('turkishLower composes decomposed input and repairs i + U+0307', () => {
  assert.equal(turkishLower('I\u0307stanbul'), 'istanbul'); // I + combining dot = İ after NFC
  assert.equal(turkishLower('i\u0307stanbul'), 'istanbul'); // left over by Python's str.lower()
  assert.equal(turkishLower('KA\u0302R'), 'kâr'); // A + combining circumflex
  assert.equal(turkishLower('KA\u0302R').length, 3);
});

test('turkishLower keeps apostrophes, circumflexes, digits and emoji', () => {
  assert.equal(turkishLower("İSTANBUL'DA 2023 KÂR 😍"), "istanbul'da 2023 kâr 😍");
});

test('turkishUpper maps i to İ and ı to I', () => {
  assert.equal(turkishUpper('istanbul'), 'İSTANBUL');
  assert.equal(turkishUpper('ılık'), 'ILIK');
  assert.equal(turkishUpper("izmir'de kâr"), "İZMİR'DE KÂR");
  assert.equal(turkishUpper('i\u0307'), 'İ');
  assert.equal(turkishUpper(turkishLower('IİıiÇç')), 'IİIİÇÇ');
});

test('turkishLower and turkishUpper reject non-strings', () => {
  assert.throws(() => turkishLower(42 as unknown as string), /turkishLower\(text\) bir metin \(string\) olmalı; verilen: 42/);
  assert.throws(() => turkishUpper(null as unknown as string), /bir metin \(string\) olmalı; verilen: null/);
});

test('words splits Turkish text the documented way', () => {
  assert.deepEqual(words("İstanbul'da çok güzel bir gün geçirdik!"), ["istanbul'da", 'çok', 'güzel', 'bir', 'gün', 'geçirdik']);
  assert.deepEqual(words('Yemekler   LEZZETLİ,\tservis\nHIZLI.'), ['yemekler', 'lezzetli', 'servis', 'hızlı']);
  assert.deepEqual(words(''), []);
  assert.deepEqual(words(' ...!? '), []);
});

test('words: the apostrophe policy, keep (default) and split', () => {
  const text = "İstanbul'da Ali’nin 2023'te";
  assert.deepEqual(words(text), ["istanbul'da", "ali'nin", "2023'te"]);
  assert.deepEqual(words(text, { apostrophe: 'keep' }), ["istanbul'da", "ali'nin", "2023'te"]);
  assert.deepEqual(words(text, { apostrophe: 'split' }), ['istanbul', 'da', 'ali', 'nin', '2023', 'te']);
});

test('words: apostrophe look-alikes are one word, quote marks are separators', () => {
  const forms = ["İstanbul'da", 'İstanbul’da', 'İstanbul‘da', 'İstanbulʼda', 'İstanbul´da'];
  for (const f of forms) assert.deepEqual(words(f), ["istanbul'da"], f);
  assert.deepEqual(words("'Harika' dedi"), ['harika', 'dedi']);
  assert.deepEqual(words('‘Harika’ dedi'), ['harika', 'dedi']);
  assert.deepEqual(words("a''b"), ['a', 'b']);
});

test('words: circumflex words stay distinct from their plain forms', () => {
  assert.deepEqual(words('Kâr kar KÂR'), ['kâr', 'kar', 'kâr']);
  assert.deepEqual(words('ka\u0302r'), ['kâr']); // decomposed input is composed (NFC)
  assert.notDeepEqual(words('hala'), words('hâlâ'));
});

test('words: emoji become tokens of their own by default, or are removed', () => {
  const text = 'Harika😍 👍🏽👍🏽 🇹🇷 👨‍👩‍👧 ❤️ 1️⃣';
  assert.deepEqual(words(text), ['harika', '😍', '👍🏽', '👍🏽', '🇹🇷', '👨‍👩‍👧', '❤️', '1️⃣']);
  assert.deepEqual(words(text, { emoji: 'remove' }), ['harika']);
  // © ® ™ are punctuation here, not emoji.
  assert.deepEqual(words('Marka™ ©2024'), ['marka', '2024']);
});

test('words: punctuation filters, Turkish default vs Keras set', () => {
  const text = '“Güzel” — «çok» güzel… 50₺';
  assert.deepEqual(words(text), ['güzel', 'çok', 'güzel', '50']);
  assert.deepEqual(words(text, { filters: KERAS_FILTERS }), ['“güzel”', '—', '«çok»', 'güzel…', '50₺']);
  assert.deepEqual(words('a-b c_d e.f', { filters: '' }), ['a-b', 'c_d', 'e.f']);
  assert.ok(!KERAS_FILTERS.includes("'"), 'Keras filters do not contain the apostrophe');
  assert.ok(TURKISH_FILTERS.startsWith(KERAS_FILTERS));
});

test('words: digits kept by default, or removed', () => {
  assert.deepEqual(words('5 yıldız, 10 numara'), ['5', 'yıldız', '10', 'numara']);
  assert.deepEqual(words("5 yıldız, 10 numara 2023'te", { digits: 'remove' }), ['yıldız', 'numara', 'te']);
});

test('words: lower false keeps case but still composes NFC', () => {
  assert.deepEqual(words('İstanbul KA\u0302R', { lower: false }), ['İstanbul', 'KÂR']);
});

test('words: any whitespace separates, plus a custom split string', () => {
  assert.deepEqual(words('bir\u00a0iki\u2003üç'), ['bir', 'iki', 'üç']);
  assert.deepEqual(words('bir|iki üç', { split: '|', filters: '' }), ['bir', 'iki', 'üç']);
});

test('words rejects bad input and bad options with a message', () => {
  assert.throws(() => words(undefined as unknown as string), /words\(text\) bir metin \(string\) olmalı; verilen: undefined/);
  assert.throws(() => words(['a'] as unknown as string), /bir metin \(string\) olmalı; verilen: \[/);
  assert.throws(() => words('a', { apostrophe: 'drop' as 'keep' }), /apostrophe şunlardan biri olmalı: 'keep', 'split'; verilen: "drop"/);
  assert.throws(() => words('a', { emoji: 'keep' as 'token' }), /emoji şunlardan biri olmalı: 'token', 'remove'/);
  assert.throws(() => words('a', { digits: 0 as unknown as 'keep' }), /digits şunlardan biri olmalı: 'keep', 'remove'; verilen: 0/);
  assert.throws(() => words('a', { lower: 'yes' as unknown as boolean }), /lower true ya da false olmalı/);
  assert.throws(() => words('a', { split: '' }), /split boş olmayan bir ayırıcı olmalı/);
  assert.throws(() => words('a', { lowercase: true } as unknown as object), /Bilinmeyen metin seçeneği: "lowercase"/);
});

test('normalizeText joins the words with single spaces', () => {
  assert.equal(normalizeText('  “Kâr” ETTİK… 5 yıldız!  '), 'kâr ettik 5 yıldız');
  assert.equal(normalizeText("İSTANBUL'DA, Işıklar!", { apostrophe: 'split' }), 'istanbul da ışıklar');
  const text = "Bugün İzmir'de hava 25°, çok güzel 😎!";
  assert.deepEqual(normalizeText(text).split(' '), words(text));
  assert.throws(() => normalizeText({} as unknown as string), /normalizeText\(text\) bir metin \(string\) olmalı; verilen: \{\}/);
});

test('resolveTextOptions fills defaults and wordsWith uses them', () => {
  assert.deepEqual(resolveTextOptions(), { ...DEFAULT_TEXT_OPTIONS });
  assert.deepEqual(resolveTextOptions({ emoji: undefined, digits: 'remove' }), { ...DEFAULT_TEXT_OPTIONS, digits: 'remove' });
  assert.deepEqual(wordsWith('A b', resolveTextOptions({ lower: false })), ['A', 'b']);
  assert.throws(() => resolveTextOptions('x'), /text options bir nesne olmalı .*verilen: \"x\"/);
});
