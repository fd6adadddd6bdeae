/**
 * Training curves: one line per series with epochs on x, drawn once (`showTrainingCurves`) or
 * live while a model trains (`liveLossPlot`, a tfjs fit callback that redraws one output in place).
 * Introduced in 1_RNN.ipynb.
 */
import { newDisplayId } from '../display/bundle';
import { Figure, PlotTrace, showPlot } from '../display/plot';

/** Turkish legend names for the metric keys tfjs uses. */
const SERIES_NAMES: Record<string, string> = {
  loss: 'eğitim kaybı',
  val_loss: 'doğrulama kaybı',
  acc: 'eğitim doğruluğu',
  val_acc: 'doğrulama doğruluğu',
  accuracy: 'eğitim doğruluğu',
  val_accuracy: 'doğrulama doğruluğu',
};

export interface CurveOptions {
  title?: string;
  /** x axis title, default "Epok". */
  xTitle?: string;
  /** y axis title for losses, default "Kayıp". */
  yTitle?: string;
  /** Legend names by series key, over the defaults (e.g. `{ val_loss: 'test kaybı' }` when the held-out data is a test set). */
  seriesNames?: Record<string, string>;
}

const isAccuracy = (key: string) => /acc/.test(key);

/**
 * A figure with one line per series, e.g. `{ loss: [...], val_loss: [...] }` or
 * `{ RNN: [...], LSTM: [...] }`. Accuracy-like series (keys containing "acc") go on a second y
 * axis from 0 to 1, so loss and accuracy can share one plot.
 */
export function trainingCurvesFigure(series: Record<string, number[]>, options: CurveOptions = {}): Figure {
  const gaps = nonFiniteValues(series);
  if (gaps) console.log(gaps);
  return curvesFigure(series, options);
}

/**
 * A warning naming the NaN / ±Infinity values of `series` (a diverged training run), or ''.
 * The figure draws them as gaps: plotly cannot place them, and they are not zeros.
 */
function nonFiniteValues(series: Record<string, number[]>): string {
  const found = Object.entries(series ?? {}).flatMap(([key, values]) =>
    Array.isArray(values) ? values.flatMap((v, i) => (typeof v === 'number' && !Number.isFinite(v) ? [`${key}[${i}] = ${v}`] : [])) : [],
  );
  if (found.length === 0) return '';
  return `Uyarı: ${found.slice(0, 3).join(', ')}${found.length > 3 ? ` ve ${found.length - 3} değer daha` : ''} sonlu değil ` +
    '(eğitim ıraksamış olabilir: öğrenme oranını düşürün ya da gradyanı kırpın); grafikte boşluk olarak gösteriliyor.';
}

function curvesFigure(series: Record<string, number[]>, options: CurveOptions): Figure {
  if (series === null || typeof series !== 'object') throw new TypeError('trainingCurvesFigure: series must be an object such as { loss: [0.9, 0.5] }.');
  const keys = Object.keys(series);
  if (keys.length === 0) throw new Error('trainingCurvesFigure needs at least one series, e.g. { loss: [0.9, 0.5] }.');
  for (const key of keys) {
    const values = series[key];
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'number')) {
      throw new Error(`Series "${key}" must be an array of numbers (one per epoch).`);
    }
  }
  const withAccuracy = keys.some(isAccuracy) && !keys.every(isAccuracy);
  const data: PlotTrace[] = keys.map((key) => ({
    type: 'scatter',
    mode: series[key].length > 30 ? 'lines' : 'lines+markers',
    name: options.seriesNames?.[key] ?? SERIES_NAMES[key] ?? key,
    x: series[key].map((_, i) => i + 1),
    y: series[key].map((v) => (Number.isFinite(v) ? v : null)),
    yaxis: withAccuracy && isAccuracy(key) ? 'y2' : 'y',
    // Validation curves dashed; every other series gets its own dash from showPlot (not colour alone).
    ...(key.startsWith('val_') ? { line: { dash: 'dash' } } : {}),
  }));
  const allAccuracy = keys.every(isAccuracy);
  const layout: Record<string, unknown> = {
    title: { text: options.title ?? 'Eğitim eğrileri' },
    xaxis: { title: { text: options.xTitle ?? 'Epok' } },
    yaxis: { title: { text: options.yTitle ?? (allAccuracy ? 'Doğruluk' : 'Kayıp') } },
    legend: { orientation: 'h', y: -0.2 },
    height: 400,
  };
  if (withAccuracy) {
    layout.yaxis2 = { title: { text: 'Doğruluk' }, overlaying: 'y', side: 'right', range: [0, 1] };
  }
  return { data, layout };
}

/** Draws training curves once, e.g. from a tfjs `History.history`. */
export function showTrainingCurves(series: Record<string, number[]>, options: CurveOptions = {}): void {
  showPlot(trainingCurvesFigure(series, options));
}

/** What tfjs passes to `onEpochEnd`: metric name → value. */
export type EpochLogs = Record<string, number>;

/** An epoch summary as lib/tf's `trainModel` reports it (camelCase metric names). */
export interface TrainEpochLog {
  epoch: number;
  loss: number;
  valLoss?: number;
  accuracy?: number;
  valAccuracy?: number;
}

export interface LiveLossPlot {
  /** Pass as (or inside) tfjs `callbacks`: records the epoch's logs and redraws. */
  onEpochEnd(epoch: number, logs?: EpochLogs): void;
  /** The same for lib/tf's `trainModel({ onEpochEnd: live.onEpochLog })`. */
  onEpochLog(log: TrainEpochLog): void;
  /** Everything recorded so far, one array per metric. */
  readonly history: Record<string, number[]>;
}

/**
 * A fit callback that draws the loss curve live: the first epoch creates the plot, later epochs
 * replace it in place. `model.fit(X, y, { epochs, callbacks: liveLossPlot() })`.
 */
export function liveLossPlot(options: CurveOptions = {}): LiveLossPlot {
  const displayId = newDisplayId();
  const history: Record<string, number[]> = {};
  let drawn = false;
  let warned = false;
  const plot: LiveLossPlot = {
    history,
    onEpochLog: (log) => {
      const names: [keyof TrainEpochLog, string][] = [['loss', 'loss'], ['valLoss', 'val_loss'], ['accuracy', 'acc'], ['valAccuracy', 'val_acc']];
      const logs: EpochLogs = {};
      for (const [from, to] of names) if (typeof log[from] === 'number') logs[to] = log[from] as number;
      plot.onEpochEnd(log.epoch, logs);
    },
    onEpochEnd(_epoch: number, logs: EpochLogs = {}) {
      for (const [key, value] of Object.entries(logs)) {
        if (typeof value === 'number') (history[key] ??= []).push(value);
      }
      if (Object.keys(history).length === 0) return;
      const gaps = warned ? '' : nonFiniteValues(history);
      if (gaps) {
        console.log(gaps); // once: the same values would be reported again at every epoch
        warned = true;
      }
      showPlot(curvesFigure(history, options), {}, { displayId, update: drawn });
      drawn = true;
    },
  };
  return plot;
}
