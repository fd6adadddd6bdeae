/**
 * A chart in words, for readers who cannot see it (screen readers, text-only views, a slow
 * projector): its name (the title) and a short Turkish description generated from the figure itself —
 * the kind of chart, the axes, the series with their counts and value ranges, the largest bars or
 * cells. `showPlot` shows it under every chart and the course's HTML export gives it to the chart's
 * SVG as its accessible name. Introduced in 0_Word_Embeddings.ipynb.
 */
import { formatNumber, formatSignificant } from './numbers';
import type { Figure, PlotTrace } from './plot';
import { shown } from '../validate';

export interface FigureText {
  /** The chart's title without markup, or "Grafik". */
  name: string;
  /** One or a few sentences: what is plotted and its key numbers. */
  description: string;
}

/** Series listed one by one up to this many; beyond, only their count and the overall range. */
const MAX_SERIES = 6;
/** Bars or categories named one by one up to this many. */
const MAX_ITEMS = 8;

/** Text of a plotly title (a string or `{ text }`), markup removed. */
export function titleText(title: unknown): string {
  const raw = typeof title === 'string' ? title : typeof title === 'object' && title !== null && 'text' in title ? String((title as { text: unknown }).text ?? '') : '';
  return raw.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}

/** Three significant digits with a decimal comma: 0,0123 · 1,23 · 12,3 · 1234. */
export function readableNumber(x: number): string {
  const abs = Math.abs(x);
  const digits = abs >= 100 || Number.isInteger(x) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return formatNumber(x, { digits, trim: true });
}

const finite = (values: unknown): number[] => (Array.isArray(values) ? values.flat(2).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)) : []);

function range(values: number[]): string {
  if (values.length === 0) return 'değer yok';
  let lo = values[0];
  let hi = values[0];
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) return readableNumber(lo);
  let [low, high] = [readableNumber(lo), readableNumber(hi)];
  // A range spanning orders of magnitude: both ends with three significant digits, through the one helper the
  // notebooks' tables use ("3,91·10⁻⁵ ile 0,0351 arası", "5,82·10⁻¹⁶ ile 1,05 arası"; never "·10⁰").
  if (low.includes('·10') !== high.includes('·10')) [low, high] = [formatSignificant(lo), formatSignificant(hi)];
  return `${low} ile ${high} arası`;
}

const quoted = (s: unknown) => `“${String(s)}”`;

export function kindOf(trace: PlotTrace): string {
  const type = trace.type ?? 'scatter';
  if (type === 'scatter' || type === 'scattergl') {
    const mode = String(trace.mode ?? 'lines+markers');
    return mode.includes('lines') ? 'çizgi grafiği' : 'nokta grafiği';
  }
  const names: Record<string, string> = { bar: 'çubuk grafiği', heatmap: 'ısı haritası', histogram: 'histogram', box: 'kutu grafiği', pie: 'pasta grafiği', scatter3d: '3 boyutlu nokta grafiği' };
  return names[type] ?? `${type} grafiği`;
}

/** "x ekseni: Epok; y ekseni: Kayıp; y2 ekseni: Doğruluk" from the layout's axis titles. */
function axesText(layout: Record<string, unknown>): string {
  const axes = Object.keys(layout)
    .filter((k) => /^[xy]axis\d*$/.test(k))
    .sort()
    .map((k) => [k.replace('axis', ''), titleText((layout[k] as { title?: unknown } | undefined)?.title)] as const)
    .filter(([, t]) => t !== '');
  return axes.map(([axis, t]) => `${axis} ekseni: ${t}`).join('; ');
}

/** One series: its name, how many points, the range of its values. */
function seriesText(trace: PlotTrace, index: number, only = false): string {
  // A lone unnamed series needs no label ("660 değer, …", not "1 seri: 1. seri: 660 değer").
  const label = trace.name ? quoted(trace.name) : only ? '' : `${index + 1}. seri`;
  const name = label === '' ? '' : `${label}: `;
  const type = trace.type ?? 'scatter';
  if (type === 'histogram') {
    const values = finite(trace.x ?? trace.y);
    return `${name}${values.length} değer, ${range(values)}`;
  }
  const y = Array.isArray(trace.y) ? trace.y : [];
  const x = Array.isArray(trace.x) ? trace.x : [];
  const count = Math.max(x.length, y.length);
  const xNumbers = finite(x);
  const xPart = xNumbers.length === x.length && x.length > 1 ? `, x ${range(xNumbers)}` : '';
  return `${name}${count} ${type === 'bar' ? 'çubuk' : 'nokta'}${xPart}, y ${range(finite(y))}`;
}

/** Bars named with their values (a single bar series), or the largest and smallest when there are many. */
function barsText(trace: PlotTrace): string {
  const horizontal = trace.orientation === 'h';
  const labels = (horizontal ? trace.y : trace.x) as unknown[] | undefined;
  const values = (horizontal ? trace.x : trace.y) as unknown[] | undefined;
  if (!Array.isArray(labels) || !Array.isArray(values)) return '';
  const pairs = labels.map((l, i) => [String(l), values[i]] as const).filter((p): p is readonly [string, number] => typeof p[1] === 'number' && Number.isFinite(p[1]));
  if (pairs.length <= MAX_ITEMS) return pairs.map(([l, v]) => `${l}: ${readableNumber(v)}`).join('; ');
  const sorted = [...pairs].sort((a, b) => b[1] - a[1]);
  const list = (ps: (readonly [string, number])[]) => ps.map(([l, v]) => `${l} ${readableNumber(v)}`).join(', ');
  return `${pairs.length} çubuk; en büyükler: ${list(sorted.slice(0, 3))}; en küçük: ${list(sorted.slice(-1))}`;
}

function heatmapText(trace: PlotTrace): string {
  const z = Array.isArray(trace.z) ? (trace.z as unknown[][]) : [];
  const rows = Array.isArray(trace.y) ? (trace.y as unknown[]).map(String) : z.map((_, i) => String(i));
  const cols = Array.isArray(trace.x) ? (trace.x as unknown[]).map(String) : (z[0] ?? []).map((_, i) => String(i));
  let best: [number, number, number] | null = null;
  z.forEach((row, r) => (Array.isArray(row) ? row : []).forEach((v, c) => {
    if (typeof v === 'number' && Number.isFinite(v) && (best === null || v > best[2])) best = [r, c, v];
  }));
  const names = (labels: string[]) => (labels.length <= MAX_ITEMS ? labels.join(', ') : `${labels.slice(0, MAX_ITEMS).join(', ')} …`);
  const parts = [`${z.length}×${cols.length} hücre`, `satırlar: ${names(rows)}`, `sütunlar: ${names(cols)}`, `değerler ${range(finite(z))}`];
  if (best !== null) {
    const [r, c, v] = best as [number, number, number];
    parts.push(`en büyük değer ${readableNumber(v)} (${rows[r]} → ${cols[c]})`);
  }
  return parts.join('; ');
}

/** Groups of a marker-only chart (e.g. word vectors by cluster): names and sizes. */
function groupsText(traces: PlotTrace[]): string {
  const sizes = traces.map((t, i) => `${t.name ? quoted(t.name) : `${i + 1}. grup`} ${Array.isArray(t.x) ? t.x.length : 0}`);
  const total = traces.reduce((n, t) => n + (Array.isArray(t.x) ? t.x.length : 0), 0);
  const labels = traces.flatMap((t) => (Array.isArray(t.text) ? (t.text as unknown[]).map(String).filter((s) => s !== '') : []));
  const some = labels.length ? `; etiketlerden bazıları: ${labels.slice(0, MAX_ITEMS).join(', ')}` : '';
  const x = range(traces.flatMap((t) => finite(t.x)));
  const y = range(traces.flatMap((t) => finite(t.y)));
  return `${total} nokta${traces.length > 1 ? `, ${traces.length} grup (${sizes.join(', ')})` : ''}; x ${x}, y ${y}${some}`;
}

/** Throws unless `figure` looks like a plotly figure { data: [...traces], layout?, config? }; `where` names the caller. */
export function checkFigure(figure: unknown, where: string): asserts figure is Figure {
  const f = figure as Figure | null;
  if (f === null || typeof f !== 'object' || !Array.isArray(f.data)) {
    throw new TypeError(`${where} bir figür { data: [...seriler], layout?, config? } bekliyor; data bir seri dizisi olmalı. Verilen: ${shown(figure)}.`);
  }
}

/** The figure's name and description (see the module comment). */
export function describeFigure(figure: Figure): FigureText {
  checkFigure(figure, 'describeFigure');
  const layout = figure.layout ?? {};
  const name = titleText(layout.title) || 'Grafik';
  const traces = figure.data.filter((t) => t.visible !== false);
  if (traces.length === 0) return { name, description: 'Boş grafik: çizilecek seri yok.' };
  const kinds = [...new Set(traces.map(kindOf))];
  const sentences = [`${kinds.join(' ve ')}`.replace(/^./, (c) => c.toLocaleUpperCase('tr'))];
  const axes = axesText(layout);
  if (axes) sentences[0] += ` (${axes})`;
  const types = new Set(traces.map((t) => t.type ?? 'scatter'));
  const markersOnly = traces.every((t) => (t.type ?? 'scatter') === 'scatter' && !String(t.mode ?? 'lines+markers').includes('lines'));
  if (types.size === 1 && types.has('heatmap') && traces.length === 1) {
    sentences.push(heatmapText(traces[0]));
  } else if (markersOnly) {
    sentences.push(groupsText(traces));
  } else if (types.size === 1 && types.has('bar') && traces.length === 1) {
    sentences.push(barsText(traces[0]));
  } else if (traces.length === 1) {
    sentences.push(seriesText(traces[0], 0, true));
  } else if (traces.length <= MAX_SERIES) {
    sentences.push(`${traces.length} seri: ${traces.map((t, i) => seriesText(t, i)).join('; ')}`);
  } else {
    const names = traces.slice(0, MAX_SERIES).map((t, i) => (t.name ? quoted(t.name) : `${i + 1}. seri`)).join(', ');
    sentences.push(`${traces.length} seri (${names} …); y ${range(traces.flatMap((t) => finite(t.type === 'heatmap' ? t.z : t.y)))}`);
  }
  return { name, description: `${sentences.filter((s) => s !== '').join('. ')}.` };
}
