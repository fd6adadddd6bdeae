// Numbers one notebook quotes from another. Notebook 3 compares its BERTs with notebook 1's `siniflandir` on the 60
// ayrılmış (hand-written) reviews, a number notebook 3 cannot compute (it runs in another kernel, and training
// notebook 1's model there would cost its time budget). Notebook 1 asserts the count it measured; this test fails when
// that asserted count and notebook 3's sentence drift apart (a prose-sync check: it reads the stored sources, no run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../lib/paths';
import { formatNumber } from '../lib/display';

/** A notebook's cells of one kind, each as one string. */
function cellTexts(name: string, kind: 'code' | 'markdown'): string[] {
  const nb = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'notebooks', name), 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.filter((c) => c.cell_type === kind).map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
}

test("notebook 3 quotes notebook 1's siniflandir on the ayrılmış reviews as notebook 1 asserts it", () => {
  const code = cellTexts('1_RNN.ipynb', 'code').join('\n');
  const asserted = /assert\.deepEqual\(\[heldoutRight, heldoutRows\.length\], \[(\d+), (\d+)\]/.exec(code);
  assert.ok(asserted, "1. defter, siniflandir'in ayrılmış yorumlardaki doğru sayısını assert.deepEqual([heldoutRight, heldoutRows.length], [N, 60], …) ile denetlemeli");
  const [right, total] = [Number(asserted[1]), Number(asserted[2])];
  const accuracy = formatNumber(right / total, { digits: 3 });
  // The sentence of notebook 3 that quotes it, line breaks as spaces.
  const prose = cellTexts('3_Bert_transformers.ipynb', 'markdown').join('\n').replace(/\s+/g, ' ');
  const sentence = `1. defterin Word2Vec'li \`siniflandir\`'i aynı ${total} yorumda ${accuracy}`;
  assert.ok(prose.includes(sentence), `3. defterin metni "${sentence}" demeli (1. defterin assert ettiği ${right} / ${total})`);
  // ... and the constant notebook 3's own assert and table use.
  const constant = `const siniflandirHeldout = { right: ${right}, total: ${total} };`;
  assert.ok(cellTexts('3_Bert_transformers.ipynb', 'code').some((c) => c.includes(constant)), `3. defterin kodu "${constant}" içermeli`);
  // Notebook 3 also says every ayrılmış review has a word siniflandir does not know: notebook 1 asserts 60 of 60.
  if (prose.includes('ayrılmış yorumların hepsinde onun da bilmediği kelimeler var')) {
    assert.ok(code.includes('assert.equal(heldoutUnknown, heldoutRows.length'), "1. defter her ayrılmış yorumda bilinmeyen kelime olduğunu assert etmeli");
  }
});
