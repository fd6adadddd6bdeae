// scripts/nb-clean.mjs --check: course notebooks read well without sight (alt text, one H1, no skipped level).
import { test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: a plain ES module script without types
import { accessibilityProblems, notebookAccessibility } from '../scripts/nb-clean.mjs';

const md = (id: string, source: string) => ({ cell_type: 'markdown', id, metadata: {}, source });
const nb = (...cells: object[]) => ({ cells });
const check = (...cells: object[]) => accessibilityProblems(nb(...cells), 'x.ipynb') as string[];

test('a notebook with a title, alt texts and ordered headings passes', () => {
  assert.deepEqual(check(md('a', '# Başlık\n\n## 1. Bölüm\n\n![LSTM hücresi: üç kapı](../images/lstm_cell.svg)\n\n### 1.1 Alt bölüm'), md('b', '## 2. Bölüm\n<img src="x.svg" alt="GRU hücresi">')), []);
});

test('images without a meaningful alt text are caught, in Markdown and HTML', () => {
  const found = check(
    md('a', '# T\n![](../images/a.svg) ![ ](../images/b.svg)'),
    md('b', '![lstm_cell.svg](../images/lstm_cell.svg) ![gru_cell](../images/gru_cell.svg "başlık") ![Resim 1](../images/c.svg)'),
    md('c', '<img src="../images/d.svg"> <IMG alt="" src=\'e.svg\'> ![][ref]'),
  );
  assert.equal(found.length, 8, found.join('\n'));
  assert.match(found[0], /^x\.ipynb cell a: image \.\.\/images\/a\.svg has no alt text/);
  assert.match(found.find((f) => f.includes('d.svg')) ?? '', /cell c/);
});

test('images inside code (fenced or inline) are not Markdown images', () => {
  assert.deepEqual(check(md('a', '# T\n```markdown\n![](../images/a.svg)\n```\n`![](x.svg)` ve ~~~ yok')), []);
});

test('no H1, a second H1 (ATX, setext or HTML) and a skipped level are caught', () => {
  assert.deepEqual(check(md('a', '## Bölüm')), ['x.ipynb: no H1 heading (the notebook\'s title, "# …")']);
  const found = check(md('a', '# Başlık'), md('b', 'İkinci başlık\n===\n'), md('c', '<h1>Üçüncü</h1>'), md('d', '## B\n#### Derin'));
  assert.equal(found.length, 3, found.join('\n'));
  assert.match(found[0], /cell b: a second H1 "İkinci başlık"/);
  assert.match(found[1], /cell c: a second H1 "Üçüncü"/);
  assert.match(found[2], /cell d: heading "Derin" is H4 right after H2: make it H3/);
});

test('a "#" inside a code fence is a comment, not a heading; "---" after a blank line is a rule', () => {
  assert.deepEqual(check(md('a', '# T\n```bash\n# yorum\n```\n\n---\n\n## B')), []);
});

test('the course notebooks pass', () => {
  assert.deepEqual(notebookAccessibility(), []);
});
