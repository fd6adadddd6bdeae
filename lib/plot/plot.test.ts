import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barFigure, confusionMatrix, heatmapFigure, liveLossPlot, scatter2dFigure, trainingCurvesFigure } from '../plot';

type Trace = Record<string, unknown>;

test('trainingCurvesFigure: one line per series, epochs from 1, Turkish names and axis titles', () => {
  const fig = trainingCurvesFigure({ loss: [0.9, 0.6, 0.4], val_loss: [1.0, 0.8, 0.7] });
  const [train, val] = fig.data as Trace[];
  assert.deepEqual(train.x, [1, 2, 3]);
  assert.deepEqual(val.y, [1.0, 0.8, 0.7]);
  assert.equal(train.name, 'eğitim kaybı');
  assert.equal(val.name, 'doğrulama kaybı');
  assert.deepEqual((fig.layout?.xaxis as Trace).title, { text: 'Epok' });
  assert.deepEqual((fig.layout?.yaxis as Trace).title, { text: 'Kayıp' });
  assert.equal(fig.layout?.yaxis2, undefined);
});

test('trainingCurvesFigure puts accuracy on a second axis and accepts overrides', () => {
  const fig = trainingCurvesFigure({ loss: [0.5], acc: [0.7] }, { title: 'RNN', yTitle: 'BCE' });
  const traces = fig.data as Trace[];
  assert.equal(traces[0].yaxis, 'y');
  assert.equal(traces[1].yaxis, 'y2');
  assert.deepEqual((fig.layout?.yaxis2 as Trace).range, [0, 1]);
  assert.deepEqual(fig.layout?.title, { text: 'RNN' });
  assert.deepEqual((fig.layout?.yaxis as Trace).title, { text: 'BCE' });
});

test('trainingCurvesFigure rejects empty or non-numeric series', () => {
  assert.throws(() => trainingCurvesFigure({}), /en az bir seri ister/);
  assert.throws(() => trainingCurvesFigure({ loss: ['a' as unknown as number] }), /"loss" serisi sayılardan oluşan bir dizi olmalı/);
});

test('trainingCurvesFigure: seriesNames renames a series (a held-out test year is not "doğrulama")', () => {
  const fig = trainingCurvesFigure({ loss: [0.9], val_loss: [1.0] }, { seriesNames: { val_loss: 'test yılı kaybı' } });
  assert.deepEqual((fig.data as Trace[]).map((t) => t.name), ['eğitim kaybı', 'test yılı kaybı']);
});

test('liveLossPlot records every epoch (outside a kernel it draws nothing)', () => {
  const live = liveLossPlot();
  live.onEpochEnd(0, { loss: 0.9, acc: 0.5 });
  live.onEpochEnd(1, { loss: 0.7, acc: 0.6 });
  assert.deepEqual(live.history, { loss: [0.9, 0.7], acc: [0.5, 0.6] });
});

test('liveLossPlot.onEpochLog takes lib/tf trainModel logs (camelCase) under the tfjs names', () => {
  const live = liveLossPlot();
  const onEpochEnd = live.onEpochLog; // passed detached, as trainModel({ onEpochEnd }) does
  onEpochEnd({ epoch: 1, loss: 0.8, valLoss: 0.9, valAccuracy: 0.6 });
  onEpochEnd({ epoch: 2, loss: 0.5, valLoss: 0.7, valAccuracy: 0.7 });
  assert.deepEqual(live.history, { loss: [0.8, 0.5], val_loss: [0.9, 0.7], val_acc: [0.6, 0.7] });
});

test('liveLossPlot draws onEpochLog points at the epoch (or step) they are given, onEpochEnd points at 1, 2, …', () => {
  const live = liveLossPlot();
  live.onEpochLog({ epoch: 20, loss: 5, valLoss: 6 });
  live.onEpochLog({ epoch: 40, loss: 4, valLoss: 5.5 });
  assert.deepEqual((live.figure()!.data as Trace[]).map((t) => t.x), [[20, 40], [20, 40]]);
  const tfjsStyle = liveLossPlot();
  assert.equal(tfjsStyle.figure(), null);
  tfjsStyle.onEpochEnd(0, { loss: 1 });
  tfjsStyle.onEpochEnd(1, { loss: 0.5 });
  assert.deepEqual((tfjsStyle.figure()!.data as Trace[]).map((t) => t.x), [[1, 2]]);
});

test('scatter2dFigure makes one trace per cluster, ordered, with labels and hover text', () => {
  const fig = scatter2dFigure([
    { x: 0, y: 1, label: 'elma', group: 1 },
    { x: 1, y: 0, label: 'armut', group: 1 },
    { x: 5, y: 5, label: 'futbol', group: 0, hover: 'futbol (spor)' },
  ]);
  const traces = fig.data as Trace[];
  assert.deepEqual(traces.map((t) => t.name), ['Küme 0', 'Küme 1']);
  assert.deepEqual(traces[1].text, ['elma', 'armut']);
  assert.deepEqual(traces[0].hovertext, ['futbol (spor)']);
});

test('scatter2dFigure rejects NaN coordinates and empty input', () => {
  assert.throws(() => scatter2dFigure([{ x: NaN, y: 1 }]), /0\. noktanın koordinatı sonlu değil/);
  assert.throws(() => scatter2dFigure([]), /en az bir nokta/);
});

test('heatmapFigure keeps repeated tokens apart and checks shapes', () => {
  const fig = heatmapFigure([[0.5, 0.5], [0.1, 0.9]], ['bir', 'bir'], ['a', 'b'], { title: 'Dikkat' });
  const [h] = fig.data as Trace[];
  assert.deepEqual(h.x, ['bir', 'bir (1)']);
  assert.deepEqual(h.text, [['0,50', '0,50'], ['0,10', '0,90']]);
  assert.deepEqual((h as unknown as { colorbar: unknown }).colorbar, { title: { text: '' } });
  const titled = heatmapFigure([[1]], ['a'], ['x'], { colorbarTitle: 'örnek sayısı' }).data[0] as unknown as { colorbar: unknown };
  assert.deepEqual(titled.colorbar, { title: { text: 'örnek sayısı' } });
  assert.throws(() => heatmapFigure([[1, 2]], ['a'], ['x']), /0\. satırda 2 değer var ama 1 x etiketi var/);
  assert.throws(() => heatmapFigure([[1]], ['a'], ['x', 'y']), /1 satır ama 2 y etiketi var/);
});

test('heatmapFigure: room above the top x axis for the figure title and the axis title', () => {
  const layout = heatmapFigure([[1]], ['a'], ['x'], { title: 'Kapılar', xTitle: 'kelime' }).layout as Record<string, Trace>;
  assert.deepEqual(layout.title, { text: 'Kapılar' });
  assert.deepEqual(layout.margin, { t: 130 });
  assert.deepEqual(layout.xaxis.title, { text: 'kelime' });
  assert.equal(layout.xaxis.side, 'top');
});

test('confusionMatrix counts true (rows) against predicted (columns)', () => {
  assert.deepEqual(confusionMatrix([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], 2), [[1, 1], [1, 2]]);
  assert.throws(() => confusionMatrix([0, 2], [0, 1], 2), /yTrue\[1\] = 2 bir sınıf numarası değil/);
  assert.throws(() => confusionMatrix([0], [0, 1], 2), /1 gerçek etiket ama 2 tahmin var/);
});

test('barFigure writes probabilities on bars', () => {
  const fig = barFigure(['gidiyoruz', 'kalıyoruz'], [0.61, 0.2]);
  const [b] = fig.data as Trace[];
  assert.deepEqual(b.text, ['0,610', '0,200']);
  assert.deepEqual((fig.layout?.yaxis as Trace).title, { text: 'Olasılık' });
  assert.throws(() => barFigure(['a'], [1, 2]), /1 etiket ama 2 değer var/);
});
