// Notebook hygiene. Stored notebooks are source: no outputs, null execution counts, only
// allow-listed metadata, stable cell ids, one canonical JSON layout (sorted keys, one-space
// indent, source as a list of lines, like nbformat writes). Course notebooks also carry `slideshow`
// metadata on every cell: missing values are filled in by the rules of scripts/slideshow.mjs.
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

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const problems = uncleanNotebooks();
    for (const p of problems) console.log(`✗ ${p} — run \`npm run nb:clean\``);
    if (problems.length === 0) console.log(`✓ ${notebookFiles().length} notebooks stored clean`);
    process.exit(problems.length ? 1 : 0);
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
