/**
 * Bar charts, chiefly next-token probabilities: the candidates in the given order with their
 * probability written on each bar. Introduced in 2_LSTM.ipynb.
 */
import { Figure, showPlot } from '../display/plot';
import { checkFinite, checkNumber } from '../validate';
import { formatNumber } from '../display/numbers';

export interface BarOptions {
  title?: string;
  xTitle?: string;
  /** y axis title, default "Olasılık". */
  yTitle?: string;
  /** Digits written on bars (default 3). */
  digits?: number;
}

export function barFigure(labels: string[], values: number[], options: BarOptions = {}): Figure {
  if (!Array.isArray(labels)) throw new TypeError('barFigure: labels must be an array of strings (one per bar).');
  checkFinite(values, 'barFigure: values');
  if (labels.length !== values.length) throw new Error(`barFigure: ${labels.length} labels but ${values.length} values.`);
  if (labels.length === 0) throw new Error('barFigure needs at least one bar.');
  const digits = checkNumber(options.digits ?? 3, 'barFigure: digits', { integer: true, min: 0, max: 20 });
  return {
    data: [{ type: 'bar', x: labels, y: values, text: values.map((v) => formatNumber(v, { digits })), textposition: 'outside' }],
    layout: {
      title: { text: options.title ?? 'Sonraki kelime olasılıkları' },
      xaxis: { title: { text: options.xTitle ?? 'Aday' }, type: 'category' },
      yaxis: { title: { text: options.yTitle ?? 'Olasılık' } },
      height: 380,
    },
  };
}

export function showBar(labels: string[], values: number[], options: BarOptions = {}): void {
  showPlot(barFigure(labels, values, options));
}
