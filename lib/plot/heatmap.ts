/**
 * Heatmaps with token or class labels on the axes: attention weights (rows attend to columns)
 * and confusion matrices (rows: true class, columns: predicted). Introduced in 1_RNN.ipynb.
 */
import { Figure, showPlot } from '../display/plot';
import { assertStringArray, checkFinite, checkNumber, shown } from '../validate';
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
    throw new TypeError(`heatmap: z sayı satırlarından oluşan bir dizi, xLabels ve yLabels metin dizileri olmalı; verilen: z = ${shown(z, 40)}, xLabels = ${shown(xLabels, 40)}, yLabels = ${shown(yLabels, 40)}.`);
  }
  z.forEach((row, i) => checkFinite(row, `heatmap: z[${i}]`));
  if (z.length !== yLabels.length) throw new RangeError(`heatmap: ${z.length} satır ama ${yLabels.length} y etiketi var; her satır için bir etiket verin.`);
  z.forEach((row, i) => {
    if (row.length !== xLabels.length) throw new RangeError(`heatmap: ${i}. satırda ${row.length} değer var ama ${xLabels.length} x etiketi var; sayılar eşit olmalı.`);
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
  if (!Array.isArray(yTrue) || !Array.isArray(yPred)) throw new TypeError(`confusionMatrix: yTrue ve yPred sınıf numaralarından oluşan diziler olmalı; verilen: yTrue = ${shown(yTrue, 40)}, yPred = ${shown(yPred, 40)}.`);
  checkNumber(numClasses, 'confusionMatrix: numClasses', { integer: true, min: 1 });
  if (yTrue.length !== yPred.length) throw new RangeError(`confusionMatrix: ${yTrue.length} gerçek etiket ama ${yPred.length} tahmin var; sayılar eşit olmalı.`);
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  yTrue.forEach((t, i) => {
    const p = yPred[i];
    for (const [name, v] of [['yTrue', t], ['yPred', p]] as const) {
      if (!Number.isInteger(v) || v < 0 || v >= numClasses) throw new RangeError(`confusionMatrix: ${name}[${i}] = ${shown(v)} bir sınıf numarası değil; [0, ${numClasses}) aralığında tam sayılar olmalı.`);
    }
    m[t][p] += 1;
  });
  return m;
}

/** Draws a confusion matrix with class names on both axes. */
export function showConfusionMatrix(yTrue: number[], yPred: number[], classNames: string[], options: HeatmapOptions = {}): void {
  assertStringArray(classNames, 'showConfusionMatrix(classNames)');
  const m = confusionMatrix(yTrue, yPred, classNames.length);
  showHeatmap(m, classNames, classNames, { title: 'Karışıklık matrisi', xTitle: 'Tahmin', yTitle: 'Gerçek', colorbarTitle: 'örnek sayısı', ...options });
}
