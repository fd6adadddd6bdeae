// One voice across the course: the glossary of ../shared/REVIEW.md and numbers as Turkish readers
// write them, checked in every notebook's markdown (code, math, HTML tags, links and quoted titles
// are not prose). A term may stand in parentheses after its Turkish name on first use:
// "ince ayar (fine-tuning)". Numbers: the decimal comma (0,95; %86,3; 1,99×), never 0.95.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../lib/paths';

/** English or off-glossary words → the course's term. */
const TERMS: [RegExp, string][] = [
  [/\bbatch\b/i, 'yığın (batch)'],
  [/\bpadding\b/i, 'dolgu'],
  [/\bepochs?\b/i, 'epok'],
  [/\bfine[- ]?tun/i, 'ince ayar'],
  [/\bpre[- ]?train/i, 'ön eğitim'],
  [/önceden eğitim|ön-eğitim/i, 'ön eğitim'],
  [/\bquantiz/i, 'nicemleme (quantization)'],
  [/\bKV cache\b/i, 'KV önbelleği (KV cache)'],
  [/varlık ismi tanıma/i, 'adlandırılmış varlık tanıma (NER)'],
  [/zamir çözümlemesi/i, 'eşgönderim (coreference)'],
  [/otoregresif/i, 'özbağlanımlı (autoregressive)'],
  [/\bzero-shot\b/i, 'sıfır örnekli'],
  [/\bfew-shot\b/i, 'az örnekli'],
  [/overfit|aşırı uyum/i, 'aşırı öğrenme'],
  [/attention heads?\b/i, 'dikkat başı'],
  [/düşük dereceli|\blow-rank/i, 'düşük ranklı'],
  [/\bvalidation\b/i, 'doğrulama'],
  [/\bheld-out\b/i, 'ayrılmış'],
  [/\bactivations?\b|etkinleştirme/i, 'aktivasyon'],
  [/\bbias\b|sapma terimi/i, 'yanlılık terimi (bias) / önyargı'],
  [/\bseed\b/i, 'tohum / başlangıç ifadesi'],
  [/(?<!Face )\bhub modeli/i, 'Hugging Face Hub modeli'],
  [/yedek model/i, 'vekil model'],
  [/ekran kartı/i, 'GPU'],
  [/\btop-?1\b/i, 'en olası token (top-1)'],
];

/** A decimal point where Turkish writes a comma: 0.95, 1.99×, 0.87 ± 0.01, %23.1, 23.1% (not 119.547, not 4.1 headings). */
const DECIMAL_POINT = /(?<![\w.,/-])(0\.\d+|\d+\.\d+(?=\s*(?:±|%|×))|(?<=%)\d+\.\d+)(?!\w|\.\d)/g;

/** Markdown without what is not prose: code, math, tags, link targets, quoted titles. */
export function prose(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]*\$/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/"[^"\n]*"|“[^”\n]*”/g, ' ');
}

/** Each finding as "term → glossary" or "number → comma", with a little context. */
export function proseFindings(markdown: string): string[] {
  const text = prose(markdown);
  const at = (i: number, len: number) => text.slice(Math.max(0, i - 25), i + len + 10).replace(/\s+/g, ' ');
  const found: string[] = [];
  for (const [pattern, term] of TERMS) {
    for (const m of text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))) {
      const i = m.index ?? 0;
      // Inside parentheses: the English beside its Turkish term, "ince ayar (fine-tuning)".
      if (text.lastIndexOf('(', i) > text.lastIndexOf(')', i)) continue;
      found.push(`"${m[0]}" → ${term}: …${at(i, m[0].length)}…`);
    }
  }
  for (const m of text.matchAll(DECIMAL_POINT)) found.push(`"${m[0]}" → decimal comma: …${at(m.index ?? 0, m[0].length)}…`);
  return found;
}

test('the prose check finds off-glossary terms and decimal points, and leaves code, math and titles alone', () => {
  assert.deepEqual(proseFindings('Doğruluk 0,95; ince ayar (fine-tuning); `lr = 0.1`; $p = 0.5$; "Few-Shot Learners"; 119.547 token; ### 4.1'), []);
  assert.equal(proseFindings('Doğruluk 0.95 oldu.').length, 1);
  assert.equal(proseFindings('1.99× daha çok token, 0.87 ± 0.01 ve %23.1').length, 4);
  assert.equal(proseFindings('Her batch 32 örnek; fine-tuning sonrası').length, 2);
  assert.deepEqual(proseFindings('en olası tokenın (top-1) aynı olması'), []);
  assert.equal(proseFindings("kararlı konumlarda top-1'in değişmesi").length, 1);
});

const notebooksDir = path.join(PROJECT_ROOT, 'notebooks');
/** Notebooks whose second reading is on a branch: each leaves this list in the commit that makes it pass. */
const SECOND_READING_PENDING = new Set<string>([]);
for (const file of fs.readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort()) {
  const todo = SECOND_READING_PENDING.has(file) ? 'second reading in progress' : undefined;
  test(`${file}: prose follows the glossary and the decimal comma`, { todo }, () => {
    const nb = JSON.parse(fs.readFileSync(path.join(notebooksDir, file), 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
    const findings = nb.cells
      .map((c, i) => (c.cell_type === 'markdown' ? proseFindings([c.source].flat().join('')).map((f) => `cell ${i}: ${f}`) : []))
      .flat();
    assert.deepEqual(findings, []);
  });
}

/** README's Turkish parts: the paragraphs that open with "*Türkçe" (the rest of README is English). */
export function readmeTurkishParts(readme: string): string[] {
  return readme.split(/\n\s*\n/).filter((p) => /^\*Türkçe/.test(p.trim()));
}

test('README: its Turkish parts follow the glossary and the decimal comma', () => {
  const parts = readmeTurkishParts(fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8'));
  assert.ok(parts.length >= 1, 'README has a Turkish summary ("*Türkçe özet: …*")');
  assert.deepEqual(parts.flatMap(proseFindings), []);
});

test('the classroom guide (classroom/OGRETMEN.md, Turkish throughout) follows the glossary and the decimal comma', () => {
  assert.deepEqual(proseFindings(fs.readFileSync(path.join(PROJECT_ROOT, 'classroom', 'OGRETMEN.md'), 'utf8')), []);
});

test('the exported site\'s index page: its text follows the glossary and the decimal comma, with every note', async () => {
  const { indexHtml, INDEX_NOTES } = await import('../scripts/site-index');
  const entries = fs.readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort()
    .map((f) => ({ name: f.replace(/\.ipynb$/, ''), nb: JSON.parse(fs.readFileSync(path.join(notebooksDir, f), 'utf8')), plots: 12 }));
  // A page whose text says "yedek model" and "0.95" is caught (the check can fail on the index).
  assert.equal(proseFindings(indexHtml([], 'yedek modeller 0.95 doğruluk verdi').replace(/<style>[\s\S]*?<\/style>/, '')).length, 2);
  for (const note of Object.values(INDEX_NOTES)) {
    const page = indexHtml(entries, note).replace(/<style>[\s\S]*?<\/style>/, '');
    assert.match(page, /<html lang="tr">/);
    assert.deepEqual(proseFindings(page), [], note);
  }
});
