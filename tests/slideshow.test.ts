// The rules that give course notebooks their slideshow metadata (scripts/slideshow.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: a plain ES module of the scripts, without type declarations
import { fillSlideshow, slideCount, slideTypes } from '../scripts/slideshow.mjs';

const md = (source: string, metadata: Record<string, unknown> = {}) => ({ cell_type: 'markdown', source, metadata });
const code = (source: string, metadata: Record<string, unknown> = {}) => ({ cell_type: 'code', source, metadata, outputs: [] });

test('sections are slides, subsections sub-slides, plumbing skipped, code as fragments', () => {
  const cells = [
    md('# 1 · Başlık\n\nAmaçlar'),
    code("import assert from 'node:assert/strict';\nimport {\n  tf, initTf,\n} from './lib/tf';\n\nawait initTf();\nsetSeed(42); // seeded"),
    md('## 1. Bölüm\nAçıklama'),
    code('const x = 1;'),
    md('Ara not'),
    md('### 1.1 Alt bölüm'),
    code('setSeed(42);\nconst model = build();'),
  ];
  assert.deepEqual(slideTypes(cells), ['slide', 'skip', 'slide', 'fragment', '-', 'subslide', 'fragment']);
});

test('a chart or table starts a sub-slide, together with the paragraph that introduces it', () => {
  const cells = [
    md('## 2. Grafikler'),
    code('const fig = build();'),
    code('showPlot(fig);'),
    md('Şimdi kaybı çizelim:'),
    code("const live = liveLossPlot({ title: 'Kayıp' });"),
    code('showBar(a);'),
  ];
  assert.deepEqual(slideTypes(cells), ['slide', 'fragment', 'subslide', 'subslide', '-', 'subslide']);
});

test('a heading below the closing words of the previous section still starts its slide', () => {
  assert.deepEqual(slideTypes([md('# Başlık'), md('Bölümün sonu.\n\n## 2. Yeni bölüm'), md('Ara\n### 2.1 Alt')]), ['slide', 'slide', 'subslide']);
});

test('a chart or table right after the heading of a slide or sub-slide stays on it', () => {
  const cells = [md('## 3. Veri\nVeriyi okuyalım:'), code('showTable(rows);'), md('### 3.1 Dağılım'), code('showBar(counts);')];
  assert.deepEqual(slideTypes(cells), ['slide', '-', 'subslide', '-']);
});

test('fillSlideshow keeps slide types an author set and fills only the missing ones', () => {
  const cells = [md('# Başlık'), code('const a = 1;', { slideshow: { slide_type: 'slide' } }), code('showBar(a);', { tags: ['x'] })];
  const filled = fillSlideshow(cells);
  assert.deepEqual(filled.map((c: { metadata: { slideshow: { slide_type: string } } }) => c.metadata.slideshow.slide_type), ['slide', 'slide', 'subslide']);
  assert.deepEqual(filled[2].metadata.tags, ['x']);
  assert.equal(filled[1], cells[1]);
});

test('slideCount counts slides and sub-slides as nbconvert builds the deck', () => {
  assert.equal(slideCount(['skip', '-', 'fragment', 'subslide', 'slide', '-', 'notes']), 3); // first visible cell opens slide 1
  assert.equal(slideCount(['skip', 'notes']), 0);
});
