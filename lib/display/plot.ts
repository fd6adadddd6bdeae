/**
 * `showPlot`: a plotly figure as a notebook output. JupyterLab draws the
 * `application/vnd.plotly.v1+json` MIME type with the renderer that Python's plotly (>= 6.1) installs
 * into the venv. The course's HTML export (export/templates, installed by setup as the venv's default)
 * draws that type offline too. Other viewers get an HTML fallback that draws the figure when the page
 * already has plotly.js and otherwise shows the text summary: it loads nothing from a CDN.
 * Introduced in 0_Word_Embeddings.ipynb.
 */
import { displayBundle, escapeHtml, MimeBundle } from './bundle';

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

function plainSummary(figure: Figure): string {
  const title = figure.layout?.title;
  const titleText = typeof title === 'string' ? title : typeof title === 'object' && title !== null && 'text' in title ? String((title as { text: unknown }).text) : '';
  const kinds = figure.data.map((t) => t.type ?? 'scatter');
  return `[plotly] ${titleText ? `${titleText} — ` : ''}${figure.data.length} trace(s): ${[...new Set(kinds)].join(', ')}`;
}

export interface PlotOptions {
  /**
   * The traces' y values are measured times or speeds (tokens/s, ms per step), which differ on
   * every run. Marked in `layout.meta`, so the test harness, which requires every other figure to
   * come out identical when a notebook runs twice, compares this one without its y values.
   */
  measuredTimes?: boolean;
}

/** The MIME bundle `showPlot` sends; exported so tests can check it without a kernel. */
export function plotBundle(figure: Figure, options: PlotOptions = {}): MimeBundle {
  if (figure == null || !Array.isArray(figure.data)) {
    throw new Error('showPlot expects a figure { data: [...traces], layout?, config? }; `data` must be an array of traces.');
  }
  const layout = options.measuredTimes === true
    ? { ...figure.layout, meta: { ...(figure.layout?.meta as object | undefined), measuredTimes: true } }
    : figure.layout ?? {};
  const spec = { data: figure.data, layout, config: { responsive: true, ...(figure.config ?? {}) } };
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

/** Draws a plotly figure in the notebook. */
export function showPlot(figure: Figure, options: PlotOptions = {}): void {
  displayBundle(plotBundle(figure, options));
}
