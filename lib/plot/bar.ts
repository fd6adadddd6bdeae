/**
 * Bar charts, chiefly next-token probabilities: the candidates in the given order with their
 * probability written on each bar. Introduced in 2_LSTM.ipynb.
 */
import { Figure, showPlot } from '../display/plot';
import { checkFinite, checkNumber, shown } from '../validate';
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
  if (!Array.isArray(labels)) throw new TypeError(`barFigure: labels metinlerden oluşan bir dizi olmalı (her çubuk için bir tane); verilen: ${shown(labels)}.`);
  checkFinite(values, 'barFigure: values');
  if (labels.length !== values.length) throw new RangeError(`barFigure: ${labels.length} etiket ama ${values.length} değer var; her çubuk için bir etiket ve bir değer verin.`);
  if (labels.length === 0) throw new RangeError('barFigure en az bir çubuk ister; boş olmayan labels ve values verin.');
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
