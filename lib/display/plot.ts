/**
 * `showPlot`: a plotly figure as a notebook output. JupyterLab draws the
 * `application/vnd.plotly.v1+json` MIME type with the renderer that Python's plotly (>= 6.1) installs
 * into the venv. nbconvert's HTML export does not know that type, so the bundle also carries an HTML
 * fallback that loads plotly.js from its CDN when the exported page is opened.
 * Introduced in 0_Word_Embeddings.ipynb.
 */
import { displayBundle, MimeBundle } from './bundle';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
const PLOTLY_CDN = 'https://cdn.plot.ly/plotly-2.35.2.min.js';

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

/** The MIME bundle `showPlot` sends; exported so tests can check it without a kernel. */
export function plotBundle(figure: Figure): MimeBundle {
  if (!Array.isArray(figure.data)) {
    throw new Error('showPlot expects a figure { data: [...traces], layout?, config? }; `data` must be an array of traces.');
  }
  const spec = { data: figure.data, layout: figure.layout ?? {}, config: { responsive: true, ...(figure.config ?? {}) } };
  const id = `dl-plot-${process.pid}-${++plotCounter}`;
  const height = typeof spec.layout.height === 'number' ? spec.layout.height : 450;
  const html =
    `<div id="${id}" style="width:100%;height:${height}px"></div>\n` +
    `<script type="text/javascript">(function(){var fig=${scriptJson(spec)};` +
    `function draw(){window.Plotly.newPlot(${JSON.stringify(id)},fig.data,fig.layout,fig.config);}` +
    `if(window.Plotly){draw();}else{var s=document.createElement('script');s.src=${JSON.stringify(PLOTLY_CDN)};` +
    `s.onload=draw;document.head.appendChild(s);}})();</script>`;
  return { [PLOTLY_MIME]: spec, 'text/html': html, 'text/plain': plainSummary(figure) };
}

/** Draws a plotly figure in the notebook. */
export function showPlot(figure: Figure): void {
  displayBundle(plotBundle(figure));
}
