import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseCsv, parseCsvRecords } from './csv';

test('parseCsv reads quoted commas, doubled quotes, line breaks and CRLF', () => {
  const text = 'text,label\r\n"a, b",pozitif\n"he said ""hi""",negatif\n"two\nlines",pozitif\nplain,negatif';
  assert.deepEqual(parseCsv(text), [
    ['text', 'label'],
    ['a, b', 'pozitif'],
    ['he said "hi"', 'negatif'],
    ['two\nlines', 'pozitif'],
    ['plain', 'negatif'],
  ]);
});

test('parseCsv keeps empty fields and ignores a byte-order mark and the final newline', () => {
  assert.deepEqual(parseCsv('\uFEFFa,b,c\n,,\n"",x,\n'), [
    ['a', 'b', 'c'],
    ['', '', ''],
    ['', 'x', ''],
  ]);
});

test('parseCsv rejects an unclosed quote and names the line it opened on', () => {
  assert.throws(() => parseCsv('text,label\nok,pozitif\n"never closed,negatif\n', 'f.csv'), /f\.csv: 3\. satırda açılan tırnaklı alan hiç kapanmıyor/);
});

test('parseCsv rejects stray quotes and text after a closing quote', () => {
  assert.throws(() => parseCsv('a,b"c\n'), /satır 1: tırnaksız bir alanın içinde tırnak \(\"\) var/);
  assert.throws(() => parseCsv('"a"b,c\n'), /kapanan tırnaktan sonra beklenmeyen metin/);
});

test('parseCsvRecords maps fields to header names and checks columns and field counts', () => {
  assert.deepEqual(parseCsvRecords('label,text\npozitif,"x, y"\n', ['text', 'label']), [{ label: 'pozitif', text: 'x, y' }]);
  assert.throws(() => parseCsvRecords('text,sentiment\na,b\n', ['text', 'label'], 'r.csv'), /r\.csv dosyasında "label" sütunu yok/);
  assert.throws(() => parseCsvRecords('text,label\na, b,pozitif\n', ['text', 'label'], 'r.csv'), /kayıt 1: 3 alan var ama başlıkta 2 var/);
  assert.throws(() => parseCsvRecords('', ['text', 'label'], 'r.csv'), /r\.csv boş/);
});
