/**
 * Heatmaps with token or class labels on the axes: attention weights (rows attend to columns)
 * and confusion matrices (rows: true class, columns: predicted). Introduced in 1_RNN.ipynb.
 */
import { Figure, showPlot } from '../display/plot';
import { checkFinite, checkNumber } from '../validate';
import { formatNumber } from '../display/numbers';

export interface HeatmapOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Write each cell's value on it (default: true up to 15×15). */
  showValues?: boolean;
  /** Digits for the written values (default 2; integers are written as they are). */
  digits?: number;
  colorscale?: string;
  /** Title of the colour bar: what the colours measure (e.g. 'kosinüs benzerliği', 'örnek sayısı'). */
  colorbarTitle?: string;
}

export function heatmapFigure(z: number[][], xLabels: string[], yLabels: string[], options: HeatmapOptions = {}): Figure {
  if (!Array.isArray(z) || !Array.isArray(xLabels) || !Array.isArray(yLabels)) {
    throw new TypeError('heatmap: z must be an array of rows of numbers, xLabels and yLabels arrays of strings.');
  }
  z.forEach((row, i) => checkFinite(row, `heatmap: z[${i}]`));
  if (z.length !== yLabels.length) throw new Error(`heatmap: ${z.length} rows but ${yLabels.length} y labels.`);
  z.forEach((row, i) => {
    if (row.length !== xLabels.length) throw new Error(`heatmap: row ${i} has ${row.length} values but there are ${xLabels.length} x labels.`);
  });
  const showValues = options.showValues ?? (xLabels.length <= 15 && yLabels.length <= 15);
  const digits = checkNumber(options.digits ?? 2, 'heatmap: digits', { integer: true, min: 0, max: 20 });
  const text = z.map((row) => row.map((v) => (Number.isInteger(v) ? formatNumber(v, { digits: 0 }) : formatNumber(v, { digits }))));
  // Repeated tokens (e.g. "bir" twice) would merge into one category: make labels unique.
  const unique = (labels: string[]) => labels.map((l, i) => (labels.indexOf(l) === i ? l : `${l} (${i})`));
  return {
    data: [
      {
        type: 'heatmap',
        z,
        x: unique(xLabels),
        y: unique(yLabels),
        colorscale: options.colorscale ?? 'Viridis',
        colorbar: { title: { text: options.colorbarTitle ?? '' } },
        text,
        texttemplate: showValues ? '%{text}' : '',
        hovertemplate: '%{y} → %{x}: %{z}<extra></extra>',
      },
    ],
    layout: {
      title: { text: options.title ?? 'Isı haritası' },
      xaxis: { title: { text: options.xTitle ?? '' }, side: 'top', type: 'category' },
      // Row 0 at the top, as in a matrix.
      yaxis: { title: { text: options.yTitle ?? '' }, autorange: 'reversed', type: 'category' },
      // The x axis sits on top: leave room between the figure title and the axis title.
      margin: { t: 130 },
      height: Math.max(340, 140 + 40 * yLabels.length),
    },
  };
}

export function showHeatmap(z: number[][], xLabels: string[], yLabels: string[], options: HeatmapOptions = {}): void {
  showPlot(heatmapFigure(z, xLabels, yLabels, options));
}

/** Counts `[numClasses][numClasses]`: row = true class, column = predicted class. */
export function confusionMatrix(yTrue: number[], yPred: number[], numClasses: number): number[][] {
  if (!Array.isArray(yTrue) || !Array.isArray(yPred)) throw new TypeError('confusionMatrix: yTrue and yPred must be arrays of class indices.');
  checkNumber(numClasses, 'confusionMatrix: numClasses', { integer: true, min: 1 });
  if (yTrue.length !== yPred.length) throw new Error(`confusionMatrix: ${yTrue.length} true labels but ${yPred.length} predictions.`);
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  yTrue.forEach((t, i) => {
    const p = yPred[i];
    for (const [name, v] of [['true label', t], ['prediction', p]] as const) {
      if (!Number.isInteger(v) || v < 0 || v >= numClasses) throw new Error(`confusionMatrix: ${name} ${v} at ${i} is not a class index in [0, ${numClasses}).`);
    }
    m[t][p] += 1;
  });
  return m;
}

/** Draws a confusion matrix with class names on both axes. */
export function showConfusionMatrix(yTrue: number[], yPred: number[], classNames: string[], options: HeatmapOptions = {}): void {
  const m = confusionMatrix(yTrue, yPred, classNames.length);
  showHeatmap(m, classNames, classNames, { title: 'Karışıklık matrisi', xTitle: 'Tahmin', yTitle: 'Gerçek', colorbarTitle: 'örnek sayısı', ...options });
}
