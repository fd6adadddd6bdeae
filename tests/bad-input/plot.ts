// lib/plot and lib/display: figures and progress lines must not draw NaN, Infinity or negative time.
import { progressLine } from '../../lib/display';
import { barFigure, confusionMatrix, heatmapFigure, scatter2dFigure, trainingCurvesFigure } from '../../lib/plot';
import type { Case } from './cases';
import { missingCases } from './cases';

const gapAt = (i: number) => (r: unknown) => {
  const y = (r as { data: { y: unknown[] }[] }).data[0].y;
  return y[i] === null ? null : `y[${i}] drawn as ${String(y[i])}`;
};
const noNaNText = (r: unknown) => (/NaN|Infinity|-\d/.test(String(r)) ? `drew ${JSON.stringify(r)}` : null);

export const cases: Case[] = [
  { name: 'barFigure with a NaN value', run: () => barFigure(['a', 'b'], [1, NaN]) },
  { name: 'barFigure with more labels than values', run: () => barFigure(['a', 'b', 'c'], [1, 2]) },
  { name: 'barFigure with digits -1', run: () => barFigure(['a'], [1], { digits: -1 }) },
  { name: 'barFigure with digits 200', run: () => barFigure(['a'], [1], { digits: 200 }) },
  ...missingCases('barFigure(values)', (x) => barFigure(['a'], x)),
  { name: 'heatmapFigure with a NaN cell', run: () => heatmapFigure([[1, NaN]], ['a', 'b'], ['r']) },
  { name: 'heatmapFigure with digits -1', run: () => heatmapFigure([[0.5]], ['a'], ['r'], { digits: -1 }) },
  { name: 'heatmapFigure with ragged rows', run: () => heatmapFigure([[1, 2], [3]], ['a', 'b'], ['r', 's']) },
  { name: 'heatmapFigure with too few labels', run: () => heatmapFigure([[1, 2]], ['a'], ['r']) },
  // A diverged run is data worth seeing: drawn with a gap (and a printed warning), never as a number.
  { name: 'trainingCurvesFigure with an Infinity loss', run: () => trainingCurvesFigure({ loss: [1, Infinity, 0.5] }), expect: gapAt(1) },
  { name: 'trainingCurvesFigure with a NaN loss', run: () => trainingCurvesFigure({ loss: [1, NaN] }), expect: gapAt(1) },
  { name: 'trainingCurvesFigure with a series that is not numbers', run: () => trainingCurvesFigure({ loss: 'düşük' as never }) },
  { name: 'scatter2dFigure with a NaN point', run: () => scatter2dFigure([{ x: NaN, y: 1, label: 'a' }]) },
  { name: 'confusionMatrix with a class out of range', run: () => confusionMatrix([0, 5], [0, 1], 2) },
  { name: 'confusionMatrix with a fractional class', run: () => confusionMatrix([0, 0.5], [0, 1], 2) },
  { name: 'confusionMatrix with lengths that differ', run: () => confusionMatrix([0, 1, 1], [0, 1], 2) },
  { name: 'progressLine with done NaN', run: () => progressLine('Eğitim', NaN, 10, 5) },
  { name: 'progressLine with total Infinity', run: () => progressLine('Eğitim', 3, Infinity, 5) },
  { name: 'progressLine with done -5', run: () => progressLine('Eğitim', -5, 10, 5) },
  { name: 'progressLine with done above total', run: () => progressLine('Eğitim', 15, 10, 5), expect: noNaNText },
  { name: 'progressLine with elapsed NaN', run: () => progressLine('Eğitim', 3, 10, NaN) },
];

import { newProgress, showTable, tableBundle } from '../../lib/display';
import { liveLossPlot } from '../../lib/plot';

cases.push(
  { name: 'tableBundle(null)', run: () => tableBundle(null as never) },
  { name: 'tableBundle of a string', run: () => tableBundle('kedi' as never) },
  { name: 'tableBundle with maxRows -1', run: () => tableBundle([{ a: 1 }], { maxRows: -1 }) },
  { name: 'tableBundle with maxRows NaN', run: () => tableBundle([{ a: 1 }], { maxRows: NaN }) },
  { name: 'tableBundle with a 100 000-character cell', run: () => tableBundle([{ a: 'x'.repeat(100_000) }]), expect: 'result' },
  { name: 'tableBundle with a NaN cell', run: () => tableBundle([{ a: NaN }]), expect: 'result' },
  { name: 'showTable([])', run: () => showTable([]), expect: 'any' },
  { name: 'newProgress with total NaN', run: () => newProgress({ label: 'x', total: NaN }) },
  { name: 'newProgress without options', run: () => newProgress(undefined as never) },
  { name: 'liveLossPlot with a NaN epoch loss', run: () => { const p = liveLossPlot(); p.onEpochEnd(0, { loss: NaN }); return p.history.loss.length; }, expect: 'any' },
  { name: 'scatter2dFigure of a string', run: () => scatter2dFigure('noktalar' as never) },
);

// Issue 31 item 6: HTML escaping of non-strings, figures and captions, accuracies, seconds.
import { captionBundle, describeFigure, displayBundle, escapeHtml, figureText, formatSeconds } from '../../lib/display';
import { showConfusionMatrix } from '../../lib/plot';

cases.push(
  { name: 'escapeHtml(42)', run: () => escapeHtml(42 as never) },
  { name: 'escapeHtml(null)', run: () => escapeHtml(null as never) },
  { name: 'captionBundle(null)', run: () => captionBundle(null as never) },
  { name: 'describeFigure(null)', run: () => describeFigure(null as never) },
  { name: 'figureText of a figure without data', run: () => figureText({} as never) },
  { name: 'displayBundle(NaN)', run: () => displayBundle(NaN as never) },
  { name: 'formatSeconds(NaN)', run: () => formatSeconds(NaN), mentions: /seconds/ },
  { name: 'formatSeconds(-1)', run: () => formatSeconds(-1), mentions: /seconds/ },
  { name: 'progressLine with a null label', run: () => progressLine(null as never, 1, 10, 1), mentions: /label/ },
  { name: 'trainingCurvesFigure with a negative accuracy', run: () => trainingCurvesFigure({ loss: [1, 0.5], acc: [-0.2, 0.5] }), mentions: /acc/ },
  { name: 'trainingCurvesFigure with an accuracy in percent', run: () => trainingCurvesFigure({ acc: [50, 80] }), mentions: /acc/ },
  { name: 'showConfusionMatrix without class names', run: () => showConfusionMatrix([0, 1], [0, 1], null as never), mentions: /classNames/ },
  { name: 'liveLossPlot(null)', run: () => liveLossPlot(null as never) },
  { name: 'tableBundle with caption 42', run: () => tableBundle([{ a: 1 }], { caption: 42 as never }), mentions: /caption/ },
  { name: 'scatter2dFigure with a null point', run: () => scatter2dFigure([null as never]) },
);
