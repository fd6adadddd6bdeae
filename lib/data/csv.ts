/**
 * A small CSV reader following RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): fields may be
 * quoted, a quoted field may hold commas, line breaks and doubled quotes (""), records end with
 * LF or CRLF. A leading UTF-8 byte-order mark is ignored. Introduced in 1_RNN.ipynb.
 *
 * Written here rather than using danfojs's reader so that bad input fails loudly with a line
 * number instead of producing shifted columns.
 */
import { shown } from '../validate';

/** Parse CSV text into records of raw string fields. `source` names the file in error messages. Introduced in 1_RNN.ipynb. */
export function parseCsv(text: string, source = 'CSV input'): string[][] {
  if (typeof text !== 'string') throw new TypeError(`parseCsv: text bir metin (dosyanın içeriği) olmalı; verilen: ${shown(text)}.`);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let fieldWasQuoted = false;
  let line = 1;
  let quoteStartLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endField = (): void => {
    record.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
  };

  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field.length > 0 || fieldWasQuoted) {
        throw new Error(`${source}, satır ${line}: tırnaksız bir alanın içinde tırnak (") var. Alanın tamamını tırnağa alın ve içteki tırnakları ikileyin ("").`);
      }
      quoted = true;
      fieldWasQuoted = true;
      quoteStartLine = line;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else {
      if (fieldWasQuoted) {
        throw new Error(`${source}, satır ${line}: kapanan tırnaktan sonra beklenmeyen metin var. Alanların arasına virgül koyun.`);
      }
      field += c;
    }
  }
  if (quoted) {
    throw new Error(`${source}: ${quoteStartLine}. satırda açılan tırnaklı alan hiç kapanmıyor. Kapanış tırnağını (") ekleyin.`);
  }
  // A final record without a trailing newline.
  if (field.length > 0 || fieldWasQuoted || record.length > 0) endRecord();
  return records;
}

/**
 * Parse CSV with a header row into objects keyed by column name, checking that every column in
 * `required` exists and that every record has as many fields as the header. Introduced in 1_RNN.ipynb.
 */
export function parseCsvRecords(text: string, required: readonly string[], source = 'CSV input'): Record<string, string>[] {
  const records = parseCsv(text, source).filter((r) => !(r.length === 1 && r[0] === ''));
  if (records.length === 0) throw new Error(`${source} boş: bir başlık satırı (${required.join(',')}) ve veri satırları bekleniyordu.`);
  const header = records[0].map((h) => h.trim());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new Error(`${source} dosyasında ${missing.map((c) => `"${c}"`).join(', ')} sütunu yok; başlığı ${shown(header.join(','))}, beklenen "${required.join(',')}".`);
  }
  return records.slice(1).map((fields, k) => {
    if (fields.length !== header.length) {
      throw new Error(`${source}, kayıt ${k + 1}: ${fields.length} alan var ama başlıkta ${header.length} var. Virgül içeren alanları tırnağa alın.`);
    }
    const row: Record<string, string> = {};
    header.forEach((name, j) => (row[name] = fields[j]));
    return row;
  });
}
