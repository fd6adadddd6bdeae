import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, formatNumber, formatPercent, formatSeconds, formatSignificant, inKernel, PLOTLY_MIME, plotBundle, progressLine, tableBundle } from '../display';
import { captionBundle, distinguishSeries, figureText, OKABE_ITO } from './plot';

test('outside a kernel inKernel() is false', () => {
  assert.equal(inKernel(), false);
});

test('plotBundle carries the plotly MIME object, an HTML fallback and a text summary', () => {
  const bundle = plotBundle({ data: [{ type: 'scatter', x: [1, 2], y: [3, 4] }], layout: { title: { text: 'Kayıp' } } });
  const spec = bundle[PLOTLY_MIME] as { data: unknown[]; layout: Record<string, unknown>; config: Record<string, unknown> };
  assert.deepEqual(spec.data, [{ type: 'scatter', x: [1, 2], y: [3, 4] }]);
  assert.equal(spec.config.responsive, true);
  assert.match(String(bundle['text/html']), /Plotly\.newPlot/);
  assert.equal(bundle['text/plain'], '[grafik] Kayıp — 1 seri: çizgi grafiği');
});

test('plotBundle adds its description to layout.meta, keeping the meta it was given', () => {
  const figure = { data: [{ type: 'scatter', x: [1, 2], y: [3.1, 2.9] }], layout: { title: { text: 'token/s' }, meta: { source: 'bench' } } };
  const spec = plotBundle(figure)[PLOTLY_MIME] as { layout: { title: unknown; meta: Record<string, unknown> } };
  assert.deepEqual(spec.layout.title, { text: 'token/s' });
  assert.equal(spec.layout.meta.source, 'bench');
  assert.equal((spec.layout.meta.alt as { name: string }).name, 'token/s');
  assert.deepEqual(figure.layout.meta, { source: 'bench' }, 'the caller\'s figure is not modified');
});

test('plotBundle defaults: Turkish separators, the Okabe–Ito colourway, under what the figure sets', () => {
  const spec = (layout: Record<string, unknown>) => plotBundle({ data: [{ type: 'bar', x: ['a'], y: [1] }], layout })[PLOTLY_MIME] as { layout: Record<string, unknown> };
  assert.equal(spec({}).layout.separators, ',.');
  assert.deepEqual(spec({}).layout.colorway, OKABE_ITO);
  assert.equal(spec({ separators: '.,' }).layout.separators, '.,');
});

test('distinguishSeries: lines get dashes, marker series symbols, bar series patterns; set values and single series stay', () => {
  const lines = distinguishSeries([{ type: 'scatter', mode: 'lines+markers', y: [1] }, { type: 'scatter', mode: 'lines', y: [2], line: { dash: 'dot', color: 'red' } }, { y: [3] }]);
  assert.deepEqual(lines.map((t) => (t.line as { dash?: string } | undefined)?.dash), ['solid', 'dot', 'dot']);
  assert.equal((lines[1].line as { color: string }).color, 'red');
  assert.deepEqual(lines.map((t) => (t.marker as { symbol?: string } | undefined)?.symbol), ['circle', undefined, 'square'], 'plotly\'s default mode has markers');
  const bars = distinguishSeries([{ type: 'bar', y: [1] }, { type: 'bar', y: [2] }]);
  assert.deepEqual(bars.map((t) => (t.marker as { pattern: { shape: string } }).pattern.shape), ['', '/']);
  const single = { type: 'scatter', mode: 'lines', y: [1] };
  assert.deepEqual(distinguishSeries([single]), [single]);
});

test('figureText: name from the title, a Turkish description with the decimal comma; the caller can replace it', () => {
  const figure = { data: [{ type: 'bar', x: ['ev', 'okul'], y: [0.31, 0.0523] }], layout: { title: { text: 'Olasılıklar<br>ilk adım' }, xaxis: { title: { text: 'Aday' } } } };
  assert.deepEqual(figureText(figure), { name: 'Olasılıklar ilk adım', description: 'Çubuk grafiği (x ekseni: Aday). ev: 0,31; okul: 0,052.' });
  assert.deepEqual(figureText(figure, { description: 'ev en olası.' }), { name: 'Olasılıklar ilk adım', description: 'ev en olası.' });
  const spec = plotBundle(figure, { description: 'ev en olası.' })[PLOTLY_MIME] as { layout: { meta: { alt: unknown } } };
  assert.deepEqual(spec.layout.meta.alt, { name: 'Olasılıklar ilk adım', description: 'ev en olası.' });
  assert.throws(() => plotBundle(figure, { description: 3 as unknown as string }), /description bir metin olmalı/);
});

test('figureText of a heatmap names its size, range and largest cell; of lines, each series\' count and range', () => {
  const heat = figureText({ data: [{ type: 'heatmap', z: [[0.1, 0.9], [0.5, null]], x: ['ben', 'sen'], y: ['o', 'biz'] }] });
  assert.equal(heat.name, 'Grafik');
  assert.match(heat.description, /2×2 hücre; satırlar: o, biz; sütunlar: ben, sen; değerler 0,1 ile 0,9 arası; en büyük değer 0,9 \(o → sen\)/);
  const curves = figureText({ data: [{ type: 'scatter', mode: 'lines', name: 'kayıp', x: [1, 2, 3], y: [2.5, null, 0.125] }] });
  assert.match(curves.description, /“kayıp”: 3 nokta, x 1 ile 3 arası, y 0,125 ile 2,5 arası/);
  const grouped = figureText({ data: [{ type: 'bar', name: 'a', x: ['u', 'v'], y: [1, 2] }, { type: 'bar', name: 'b', x: ['u', 'v'], y: [3, 4] }] });
  assert.match(grouped.description, /^Çubuk grafiği\. 2 seri: “a”: 2 çubuk, y 1 ile 2 arası; “b”: 2 çubuk, y 3 ile 4 arası\.$/);
  // A lone unnamed series is described without a series label.
  const histogram = figureText({ data: [{ type: 'histogram', x: [2, 5, 24] }] });
  assert.equal(histogram.description, 'Histogram. 3 değer, 2 ile 24 arası.');
  // A range spanning orders of magnitude: both ends through formatSignificant (three significant digits, no ·10⁰).
  const tiny = figureText({ data: [{ type: 'bar', name: 'p', x: ['a', 'b'], y: [3.91e-5, 0.0351] }, { type: 'bar', name: 'q', x: ['a', 'b'], y: [5.82e-16, 1.05] }, { type: 'bar', name: 'r', x: ['a', 'b'], y: [0.5, 2] }] });
  assert.match(tiny.description, /“p”: 2 çubuk, y 3,91·10⁻⁵ ile 0,0351 arası; “q”: 2 çubuk, y 5,82·10⁻¹⁶ ile 1,05 arası; “r”: 2 çubuk, y 0,5 ile 2 arası/);
});

test('captionBundle: the description as escaped HTML and as text', () => {
  const caption = captionBundle({ name: '<Kayıp>', description: 'a & b' });
  assert.match(String(caption['text/html']), /^<p class="dl-plot-caption"[^>]*><strong>&lt;Kayıp&gt;<\/strong> — a &amp; b<\/p>$/);
  assert.equal(caption['text/plain'], '<Kayıp> — a & b');
});

test('plotBundle HTML fallback loads nothing from outside: without plotly.js on the page it shows the summary', () => {
  const html = String(plotBundle({ data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { title: { text: '<Sayılar>' } } })['text/html']);
  assert.doesNotMatch(html, /https?:\/\/|\bsrc=/);
  assert.match(html, /<pre>\[grafik\] &lt;Sayılar&gt; — 1 seri: çubuk grafiği \(grafik bu görünümde çizilemiyor/);
  assert.match(html, /if\(window\.Plotly&&el\)/);
});

test('plotBundle HTML cannot be broken out of by data containing </script>', () => {
  const bundle = plotBundle({ data: [{ type: 'bar', x: ['</script><b>'], y: [1] }] });
  assert.doesNotMatch(String(bundle['text/html']), /<\/script><b>/);
});

test('plotBundle rejects a figure without a data array', () => {
  assert.throws(() => plotBundle({ data: 'x' as unknown as [] }), /data bir seri dizisi olmalı/);
});

test('tableBundle escapes cells and shows the head of rows', () => {
  const rows = [{ metin: '<b>İstanbul\'da</b>', etiket: 'pozitif' }, { metin: 'kötü', etiket: 'negatif' }, { metin: 'iyi', etiket: 'pozitif' }];
  const b = tableBundle(rows, { maxRows: 2, caption: 'Yorumlar' });
  const html = String(b['text/html']);
  assert.match(html, /&lt;b&gt;İstanbul&#39;da&lt;\/b&gt;/);
  assert.match(html, /<th>metin<\/th><th>etiket<\/th>/);
  assert.match(html, /2 \/ 3 satır/);
  assert.equal((html.match(/<tr>/g) ?? []).length, 3); // header + 2 rows
});

test('tableBundle reads a DataFrame-like object', () => {
  const b = tableBundle({ columns: ['a', 'b'], values: [[1, 0.123456], [2, 3]], shape: [2, 2] });
  assert.match(String(b['text/plain']), /1 \| 0,1235/);
});

test('tableBundle explains bad input', () => {
  assert.throws(() => tableBundle([1, 2] as unknown as Record<string, unknown>[]), /her satır .* bir nesne olmalı; verilen: 1/);
  assert.throws(() => tableBundle([], { maxRows: 0 }), /maxRows bir tam sayı \(≥ 1\) olmalı; verilen: 0/);
});

test('progressLine shows bar, percentage, remaining time and info', () => {
  const line = progressLine('Eğitim', 5, 10, 10, 'kayıp 0,5');
  assert.equal(line, 'Eğitim · ██████████░░░░░░░░░░  %50 (5/10) · kalan ~10,0 sn · geçen 10,0 sn · kayıp 0,5');
});

test('numbers are written as Turkish readers write them', () => {
  assert.equal(formatNumber(0.9512), '0,95');
  // Three significant digits; powers of ten outside 0,001 … 10⁴ (tables spanning many orders of magnitude).
  assert.deepEqual([5.54e-16, 0.0117, 1.0503, 33.04, 422.2, 12509, 4.25e8, -0.5].map((x) => formatSignificant(x)),
    ['5,54·10⁻¹⁶', '0,0117', '1,05', '33,0', '422', '1,25·10⁴', '4,25·10⁸', '−0,500']);
  assert.equal(formatSignificant(0), '0');
  assert.equal(formatNumber(-0.5, { trim: true }), '−0,5');
  assert.equal(formatNumber(1509, { digits: 0 }), '1509');
  assert.equal(formatNumber(57000, { digits: 0 }), '57.000');
  assert.equal(formatNumber(174604.3e6, { digits: 1 }), '174.604.300.000,0');
  assert.equal(formatNumber(1.03e-4), '1,03·10⁻⁴');
  assert.equal(formatNumber(-0.0001, { digits: 1 }), '−1·10⁻⁴');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatPercent(0.863), '%86,3');
  assert.equal(formatPercent(0.5, 0), '%50');
  assert.equal(formatPercent(-0.02), '−%2,0');
  assert.equal(formatSeconds(125), '2 dk 5 sn');
  assert.throws(() => formatNumber(1, { digits: 1.5 }), /digits bir tam sayı \(≥ 0 ve ≤ 20\) olmalı; verilen: 1\.5/);
  assert.throws(() => formatNumber('1' as unknown as number), /x bir sayı olmalı; verilen: "1"/);
});

test('escapeHtml escapes all five special characters', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
