/**
 * `showPlot`: a plotly figure as a notebook output. JupyterLab draws the
 * `application/vnd.plotly.v1+json` MIME type with the renderer that Python's plotly (>= 6.1) installs
 * into the venv. The course's HTML export (export/templates, installed by setup as the venv's default)
 * draws that type offline too. Other viewers get an HTML fallback that draws the figure when the page
 * already has plotly.js and otherwise shows the text summary: it loads nothing from a CDN.
 * Introduced in 0_Word_Embeddings.ipynb.
 */
import { displayBundle, escapeHtml, MimeBundle } from './bundle';
import { checkFigure, describeFigure, FigureText, kindOf } from './figure-text';
import { assertObject, assertString, shown } from '../validate';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** One plotly trace: `{ type: 'scatter', x, y, mode, name, ... }` (plotly.js attribute names). */
export interface PlotTrace {
  type?: string;
  name?: string;
  [attribute: string]: unknown;
}

/** A plotly figure. See https://plotly.com/javascript/reference/ for the attributes. */
export interface Figure {
  data: PlotTrace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

let plotCounter = 0;

/** JSON that is safe inside an HTML <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The text a viewer without plotly.js shows: "[grafik] Kayıp — 2 seri: çizgi grafiği" (Turkish, like the notebooks). */
function plainSummary(figure: Figure): string {
  const title = figure.layout?.title;
  const titleText = typeof title === 'string' ? title : typeof title === 'object' && title !== null && 'text' in title ? String((title as { text: unknown }).text) : '';
  const kinds = [...new Set(figure.data.map(kindOf))];
  return `[grafik] ${titleText ? `${titleText} — ` : ''}${figure.data.length} seri: ${kinds.join(', ')}`;
}

export interface PlotOptions {
  /**
   * What the chart shows, in words, for readers who cannot see it: replaces the description generated
   * from the figure (figure-text.ts), e.g. to state the conclusion the chart supports.
   */
  description?: string;
}

/**
 * Okabe & Ito's colour-blind-safe palette (2008), ordered so the first colours differ most for
 * every colour vision; yellow, faint on white, last.
 */
export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'];
const SYMBOLS = ['circle', 'square', 'diamond', 'triangle-up', 'x', 'cross', 'star', 'triangle-down'];
const PATTERNS = ['', '/', '\\', 'x', '.', '+', '-', '|'];

const get = (trace: PlotTrace, attribute: string, key: string): unknown => (trace[attribute] as Record<string, unknown> | undefined)?.[key];
const withAttribute = (trace: PlotTrace, attribute: string, key: string, value: unknown): PlotTrace =>
  ({ ...trace, [attribute]: { ...(trace[attribute] as object | undefined), [key]: value } });

/**
 * Series told apart by more than colour: with two or more lines, each gets its own dash; with two
 * or more marker series, its own symbol; with two or more bar or histogram series, its own fill
 * pattern. Only what the trace leaves unset; the caller's traces are not modified.
 */
export function distinguishSeries(data: PlotTrace[]): PlotTrace[] {
  const kind = (t: PlotTrace) => t.type ?? 'scatter';
  const lines = data.filter((t) => kind(t) === 'scatter' && String(t.mode ?? 'lines+markers').includes('lines'));
  const markers = data.filter((t) => kind(t) === 'scatter' && String(t.mode ?? 'lines+markers').includes('markers'));
  const bars = data.filter((t) => kind(t) === 'bar' || kind(t) === 'histogram');
  return data.map((trace) => {
    let t = trace;
    if (lines.length > 1 && lines.includes(trace) && get(trace, 'line', 'dash') === undefined) t = withAttribute(t, 'line', 'dash', DASHES[lines.indexOf(trace) % DASHES.length]);
    if (markers.length > 1 && markers.includes(trace) && get(trace, 'marker', 'symbol') === undefined) t = withAttribute(t, 'marker', 'symbol', SYMBOLS[markers.indexOf(trace) % SYMBOLS.length]);
    if (bars.length > 1 && bars.includes(trace) && get(trace, 'marker', 'pattern') === undefined) t = withAttribute(t, 'marker', 'pattern', { shape: PATTERNS[bars.indexOf(trace) % PATTERNS.length] });
    return t;
  });
}

/** The chart's accessible name and description: the generated one, or the caller's description. */
export function figureText(figure: Figure, options: PlotOptions = {}): FigureText {
  checkFigure(figure, 'figureText');
  assertObject(options, 'figureText options');
  const generated = describeFigure(figure);
  return options.description === undefined ? generated : { name: generated.name, description: options.description };
}

/** The MIME bundle `showPlot` sends; exported so tests can check it without a kernel. */
export function plotBundle(figure: Figure, options: PlotOptions = {}): MimeBundle {
  checkFigure(figure, 'showPlot');
  assertObject(options, 'showPlot options');
  if (options.description !== undefined && typeof options.description !== 'string') {
    throw new TypeError(`showPlot: options.description bir metin olmalı (grafiğin ne gösterdiği, sözcüklerle); verilen: ${shown(options.description)}.`);
  }
  const text = figureText(figure, options);
  // Turkish numbers on ticks and hover (decimal comma, dot between thousands) and colours every
  // reader can tell apart: defaults, under whatever the figure sets itself. The accessible name and
  // description travel in meta.alt (the course's HTML export labels the chart's SVG with them).
  const layout: Record<string, unknown> = {
    separators: ',.',
    colorway: OKABE_ITO,
    ...figure.layout,
    meta: { ...(figure.layout?.meta as object | undefined), alt: text },
  };
  const spec = { data: distinguishSeries(figure.data), layout, config: { responsive: true, ...(figure.config ?? {}) } };
  const id = `dl-plot-${process.pid}-${++plotCounter}`;
  const height = typeof spec.layout.height === 'number' ? spec.layout.height : 450;
  const summary = plainSummary(figure);
  const note = `${summary} (grafik bu görünümde çizilemiyor: plotly.js yok; projenin HTML dışa aktarımı çizer)`;
  const html =
    `<div id="${id}" style="width:100%"><pre>${escapeHtml(note)}</pre></div>\n` +
    `<script type="text/javascript">(function(){var fig=${scriptJson(spec)};var el=document.getElementById(${JSON.stringify(id)});` +
    `if(window.Plotly&&el){el.innerHTML='';el.style.height='${height}px';window.Plotly.newPlot(el,fig.data,fig.layout,fig.config);}})();</script>`;
  return { [PLOTLY_MIME]: spec, 'text/html': html, 'text/plain': summary };
}

/**
 * The chart in words, the output shown under it (JupyterLab draws a plotly output from its JSON
 * alone, so the words need their own output to be seen and read aloud there).
 */
export function captionBundle(text: FigureText): MimeBundle {
  assertObject(text, 'captionBundle(text)');
  assertString(text.name, 'captionBundle: text.name');
  assertString(text.description, 'captionBundle: text.description');
  return {
    'text/html': `<p class="dl-plot-caption" style="margin:0.25em 0 1em;font-size:0.9em;color:#333"><strong>${escapeHtml(text.name)}</strong> — ${escapeHtml(text.description)}</p>`,
    'text/plain': `${text.name} — ${text.description}`,
  };
}

/**
 * Draws a plotly figure in the notebook with its description under it (see `PlotOptions`).
 * With `displayId`, a later call with the same id and `update: true` redraws both in place (live plots).
 */
export function showPlot(figure: Figure, options: PlotOptions = {}, display: { displayId?: string; update?: boolean } = {}): void {
  const bundle = plotBundle(figure, options);
  displayBundle(bundle, display);
  const text = ((bundle[PLOTLY_MIME] as { layout: { meta: { alt: FigureText } } }).layout.meta.alt);
  displayBundle(captionBundle(text), display.displayId === undefined ? display : { ...display, displayId: `${display.displayId}-caption` });
}
