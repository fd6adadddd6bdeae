// Notebook hygiene. Stored notebooks are source: no outputs, null execution counts, only
// allow-listed metadata, stable cell ids, one canonical JSON layout (sorted keys, one-space
// indent, source as a list of lines, like nbformat writes). Course notebooks also carry `slideshow`
// metadata on every cell: missing values are filled in by the rules of scripts/slideshow.mjs.
// Course notebooks must also read well without sight: every image has alt text that says something
// (not empty, not its file name, not a bare "resim"), one H1 (the title) and no skipped heading
// level — these are reported with the cell to fix, never rewritten.
//   npm run nb:clean            rewrites notebooks/*.ipynb (and tests/fixtures) in canonical form
//   node scripts/nb-clean.mjs --check   exits 1 listing every notebook that is not clean
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cellsWithoutSlideType, fillSlideshow } from './slideshow.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const KERNELSPEC = { display_name: 'TypeScript', language: 'typescript', name: 'tslab' };
const LANGUAGE_INFO = {
  codemirror_mode: { mode: 'typescript', name: 'javascript', typescript: true },
  file_extension: '.ts',
  mimetype: 'text/typescript',
  name: 'typescript',
};
const NOTEBOOK_METADATA_KEYS = ['kernelspec', 'language_info', 'memory_budget_gib', 'rise'];
const CELL_METADATA_KEYS = ['slideshow', 'tags'];

function pick(obj, keys) {
  return Object.fromEntries(keys.filter((k) => obj && obj[k] !== undefined).map((k) => [k, obj[k]]));
}

function sourceLines(source) {
  const text = Array.isArray(source) ? source.join('') : source ?? '';
  return text.split(/(?<=\n)/).filter((line) => line !== '');
}

/**
 * The canonical form of a notebook object. `name` seeds ids for cells that have none; with `slideshow`
 * (course notebooks) cells without a slide type get one.
 */
export function cleanNotebook(nb, name, { slideshow = false } = {}) {
  const seen = new Set();
  const cells = nb.cells.map((cell, index) => {
    let id = typeof cell.id === 'string' && /^[a-zA-Z0-9-_]{1,64}$/.test(cell.id) && !seen.has(cell.id) ? cell.id : null;
    for (let salt = 0; id === null || seen.has(id); salt++) {
      id = createHash('sha1').update(`${name}:${index}:${salt}`).digest('hex').slice(0, 8);
    }
    seen.add(id);
    const clean = { cell_type: cell.cell_type, id, metadata: pick(cell.metadata, CELL_METADATA_KEYS), source: sourceLines(cell.source) };
    if (cell.cell_type === 'code') Object.assign(clean, { execution_count: null, outputs: [] });
    if (cell.cell_type === 'markdown' && cell.attachments) clean.attachments = cell.attachments;
    return clean;
  });
  const metadata = { ...pick(nb.metadata, NOTEBOOK_METADATA_KEYS), kernelspec: KERNELSPEC, language_info: LANGUAGE_INFO };
  return { cells: slideshow ? fillSlideshow(cells) : cells, metadata, nbformat: 4, nbformat_minor: 5 };
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

export function serializeNotebook(nb) {
  return `${JSON.stringify(sortKeys(nb), null, 1)}\n`;
}

export function notebookFiles() {
  const dirs = [path.join(ROOT, 'notebooks'), path.join(ROOT, 'tests', 'fixtures', 'notebooks')];
  return dirs
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(d, f)));
}

/** Course notebooks (not test fixtures) are presented as slides. */
const isCourseNotebook = (file) => path.dirname(path.resolve(file)) === path.join(ROOT, 'notebooks');

/** The canonical text of a notebook file. */
function cleanText(file, nb) {
  return serializeNotebook(cleanNotebook(nb, path.basename(file), { slideshow: isCourseNotebook(file) }));
}

/** Notebooks whose stored text differs from their canonical form, with the first reason found. */
export function uncleanNotebooks(files = notebookFiles()) {
  const problems = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const nb = JSON.parse(text);
    if (text === cleanText(file, nb)) continue;
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    const withoutSlides = isCourseNotebook(file) ? cellsWithoutSlideType(nb.cells) : 0;
    const reason = withoutSlides
      ? `lacks slideshow metadata on ${withoutSlides} of ${nb.cells.length} cells`
      : code.some((c) => c.outputs?.length)
        ? 'has outputs'
        : code.some((c) => c.execution_count !== null)
          ? 'has execution counts'
          : nb.cells.some((c) => !c.id)
            ? 'has cells without ids'
            : 'has metadata or layout outside the allow-list';
    problems.push(`${path.relative(ROOT, file)} ${reason}`);
  }
  return problems;
}

/** Alt texts that say nothing about the picture. */
const EMPTY_ALT = /^(resim|görsel|şekil|grafik|diyagram|çizim|image|img|figure|picture|diagram|svg)?\s*\d*$/i;

/** A Markdown cell's lines outside fenced code blocks, inline code spans blanked (they show code, not Markdown). */
function markdownLines(source) {
  const lines = [];
  let fence = null;
  for (const line of source.split('\n')) {
    const marker = line.match(/^\s{0,3}(`{3,}|~{3,})/)?.[1];
    if (fence === null && marker) fence = marker[0];
    else if (fence !== null && marker?.[0] === fence) fence = null;
    else if (fence === null) lines.push(line.replace(/`+[^`]*`+/g, (m) => ' '.repeat(m.length)));
  }
  return lines;
}

/** Images of one cell without a meaningful alt text: [{ src, alt, markup }]. */
function imagesWithoutAlt(lines) {
  const text = lines.join('\n');
  const found = [];
  for (const m of text.matchAll(/!\[([^\]]*)\]\s*(?:\(\s*<?([^)\s>]*)>?[^)]*\)|\[([^\]]*)\])/g)) found.push({ alt: m[1], src: m[2] ?? m[3], markup: m[0] });
  for (const m of text.matchAll(/<img\b[^>]*>/gi)) {
    const alt = m[0].match(/\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i);
    found.push({ alt: alt ? alt[1] ?? alt[2] ?? alt[3] : '', src: m[0].match(/\bsrc\s*=\s*["']?([^"'\s>]+)/i)?.[1] ?? '', markup: m[0] });
  }
  return found.filter(({ alt, src }) => {
    const a = alt.trim();
    const file = path.basename(src ?? '');
    return EMPTY_ALT.test(a) || a === file || a === file.replace(/\.[a-z0-9]+$/i, '');
  });
}

/** Headings of one cell in order: [{ level, text }] (ATX "# …", setext "===" / "---", HTML <h1>…<h6>). */
function headingsOf(lines) {
  const headings = [];
  lines.forEach((line, i) => {
    const atx = line.match(/^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/);
    if (atx) return headings.push({ level: atx[1].length, text: (atx[2] ?? '').trim() });
    const previous = lines[i - 1] ?? '';
    const setext = line.match(/^\s{0,3}(=+|-+)\s*$/);
    if (setext && previous.trim() !== '' && !/^\s{0,3}(#|>|[-*+]\s|\d+[.)]\s|\|)/.test(previous)) {
      return headings.push({ level: setext[1][0] === '=' ? 1 : 2, text: previous.trim() });
    }
    for (const h of line.matchAll(/<h([1-6])\b[^>]*>(.*?)(?:<\/h\1>|$)/gi)) headings.push({ level: Number(h[1]), text: h[2].replace(/<[^>]*>/g, '').trim() });
  });
  return headings;
}

/**
 * What keeps a course notebook from reading well without sight: images without alt text, other
 * than exactly one H1, a heading level skipped. One line per finding, naming the cell to fix.
 */
export function accessibilityProblems(nb, name) {
  const problems = [];
  const headings = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'markdown') continue;
    const lines = markdownLines(Array.isArray(cell.source) ? cell.source.join('') : cell.source ?? '');
    for (const image of imagesWithoutAlt(lines)) {
      problems.push(`${name} cell ${cell.id}: image ${image.src || '(no source)'} has no alt text that says what it shows (${image.markup.slice(0, 80)})`);
    }
    headings.push(...headingsOf(lines).map((h) => ({ ...h, cell: cell.id })));
  }
  const h1 = headings.filter((h) => h.level === 1);
  if (h1.length === 0) problems.push(`${name}: no H1 heading (the notebook's title, "# …")`);
  for (const extra of h1.slice(1)) problems.push(`${name} cell ${extra.cell}: a second H1 "${extra.text.slice(0, 60)}" (the title is "${h1[0].text.slice(0, 60)}"): make it "## …"`);
  headings.forEach((h, i) => {
    const before = headings[i - 1];
    if (before && h.level > before.level + 1) problems.push(`${name} cell ${h.cell}: heading "${h.text.slice(0, 60)}" is H${h.level} right after H${before.level}: make it H${before.level + 1}`);
  });
  return problems;
}

/** accessibilityProblems of every course notebook (notebooks/, not the test fixtures). */
export function notebookAccessibility(files = notebookFiles().filter(isCourseNotebook)) {
  return files.flatMap((file) => accessibilityProblems(JSON.parse(fs.readFileSync(file, 'utf8')), path.relative(ROOT, file)));
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const readable = notebookAccessibility();
  for (const p of readable) console.log(`✗ ${p}`);
  if (process.argv.includes('--check')) {
    const problems = uncleanNotebooks();
    for (const p of problems) console.log(`✗ ${p} — run \`npm run nb:clean\``);
    if (problems.length === 0) console.log(`✓ ${notebookFiles().length} notebooks stored clean`);
    if (readable.length === 0) console.log(`✓ ${notebookFiles().filter(isCourseNotebook).length} course notebooks: every image has alt text, one H1, no skipped heading level`);
    process.exit(problems.length || readable.length ? 1 : 0);
  }
  for (const file of notebookFiles()) {
    const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
    const text = cleanText(file, nb);
    if (text !== fs.readFileSync(file, 'utf8')) {
      fs.writeFileSync(file, text);
      console.log(`cleaned ${path.relative(ROOT, file)}`);
    }
  }
}
