/**
 * `showTable`: rows or a danfojs DataFrame as an HTML table (every cell escaped), with a
 * plain-text version for logs and exports. Introduced in 1_RNN.ipynb.
 */
import { displayBundle, escapeHtml, MimeBundle } from './bundle';
import { formatNumber } from './numbers';
import { assertString, checkNumber, shown } from '../validate';

/** What danfojs-node's DataFrame offers that a table needs (kept structural: no danfojs import). */
export interface FrameLike {
  columns: string[];
  values: unknown[] | unknown[][];
  shape: number[];
}

export type TableRow = Record<string, unknown>;

export interface TableOptions {
  /** Show at most this many rows (the head), default 10. */
  maxRows?: number;
  /** Caption above the table. */
  caption?: string;
}

function isFrame(value: unknown): value is FrameLike {
  return typeof value === 'object' && value !== null && Array.isArray((value as FrameLike).columns) && Array.isArray((value as FrameLike).values);
}

function formatCell(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? formatNumber(value, { digits: 0 }) : formatNumber(value, { digits: 4, trim: true });
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Columns and string cells of the first `maxRows` rows, plus the total row count. */
function tableCells(source: FrameLike | TableRow[], maxRows: number): { columns: string[]; rows: string[][]; total: number } {
  if (isFrame(source)) {
    const values = source.values as unknown[][];
    return {
      columns: source.columns,
      rows: values.slice(0, maxRows).map((row) => (Array.isArray(row) ? row : [row]).map(formatCell)),
      total: values.length,
    };
  }
  if (!Array.isArray(source)) {
    throw new TypeError(`showTable satır nesnelerinden oluşan bir dizi ya da bir danfojs DataFrame bekliyor; verilen: ${shown(source)}.`);
  }
  const columns: string[] = [];
  for (const row of source) {
    if (typeof row !== 'object' || row === null) throw new TypeError(`showTable: her satır { kelime: "kedi", sayi: 3 } gibi bir nesne olmalı; verilen: ${shown(row)}.`);
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  }
  return { columns, rows: source.slice(0, maxRows).map((row) => columns.map((c) => formatCell(row[c]))), total: source.length };
}

/** The MIME bundle `showTable` sends; exported for tests. */
export function tableBundle(source: FrameLike | TableRow[], options: TableOptions = {}): MimeBundle {
  const maxRows = options.maxRows ?? 10;
  checkNumber(maxRows, 'showTable: maxRows', { integer: true, min: 1 });
  if (options.caption !== undefined) assertString(options.caption, 'showTable: caption');
  const { columns, rows, total } = tableCells(source, maxRows);
  const more = total > rows.length ? `${rows.length} / ${total} satır gösteriliyor` : '';
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n');
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  const html =
    `<table class="dl-table">${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>` +
    (more ? `<p><small>${escapeHtml(more)}</small></p>` : '');
  const widths = columns.map((c, i) => Math.min(40, Math.max(c.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]) => cells.map((v, i) => v.slice(0, 40).padEnd(widths[i])).join(' | ');
  const text = [options.caption ?? '', line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line), more]
    .filter((l) => l !== '')
    .join('\n');
  return { 'text/html': html, 'text/plain': text };
}

/** Shows the head of a table: `showTable(df)` or `showTable([{ kelime: 'kedi', sayi: 3 }])`. */
export function showTable(source: FrameLike | TableRow[], options: TableOptions = {}): void {
  displayBundle(tableBundle(source, options));
}
