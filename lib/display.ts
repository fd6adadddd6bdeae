/** Notebook display primitives: plots, tables and in-place progress. Used by every notebook. */
export { displayBundle, escapeHtml, inKernel, MimeBundle } from './display/bundle';
export { captionBundle, Figure, figureText, OKABE_ITO, PlotOptions, PlotTrace, PLOTLY_MIME, plotBundle, showPlot } from './display/plot';
export { describeFigure, FigureText } from './display/figure-text';
export { FrameLike, TableOptions, TableRow, showTable, tableBundle } from './display/table';
export { formatNumber, formatPercent, formatSeconds, formatSignificant, NumberFormat } from './display/numbers';
export { newProgress, Progress, ProgressOptions, progressLine } from './display/progress';
export { asyncFailureText, reportAsyncFailures } from './display/async_errors';
