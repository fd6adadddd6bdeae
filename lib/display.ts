/** Notebook display primitives: plots, tables and in-place progress. Used by every notebook. */
export { displayBundle, escapeHtml, inKernel, MimeBundle } from './display/bundle';
export { Figure, PlotOptions, PlotTrace, PLOTLY_MIME, plotBundle, showPlot } from './display/plot';
export { FrameLike, TableOptions, TableRow, showTable, tableBundle } from './display/table';
export { formatNumber, formatPercent, formatSeconds, NumberFormat } from './display/numbers';
export { newProgress, Progress, ProgressOptions, progressLine } from './display/progress';
