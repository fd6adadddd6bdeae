// `npm run export`: the course as an offline website in site/ (git-ignored):
//   index.html                      the course map in Turkish, a link to each page, deck and notebook
//   notebooks/<name>.html           each notebook executed, as a page (charts, formulas, images drawn offline)
//   slides/<name>.slides.html       each notebook as a reveal.js deck (its `slideshow` metadata)
//   ipynb/<name>.ipynb              the executed notebooks, with outputs, to download
//   vendor/                         plotly.js, MathJax, require.js and reveal.js, shared by every page
// Opening any page fetches nothing from outside site/. Notebooks are executed fresh (one run each, with
// the offline substitutes when the hub models are not all cached); source notebooks are never modified
// (checked). One progress line per notebook.
//   npm run export [-- --out DIR] [-- --executed DIR]
// --executed DIR takes already executed copies from DIR instead of executing (the test suite passes the
// copies its notebook run saved); each copy's cells must have the same sources as notebooks/.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSetup, jupyterEnv, main, REVEAL_FILES, ROOT, SetupError, VENDOR_FILES, VENV_PYTHON } from './setup.mjs';
import { fillSlideshow } from './slideshow.mjs';
import { indexHtml, INDEX_NOTES } from './site-index.ts';

const say = (line) => console.log(`[export] ${line}`);

function parseArgs(argv) {
  const args = { out: path.join(ROOT, 'site'), executed: null };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if ((argv[i] === '--out' || argv[i] === '--executed') && value && !value.startsWith('--')) {
      args[argv[i].slice(2)] = path.resolve(value);
      i++;
    } else {
      throw new SetupError(`Unknown option or missing value: ${argv[i]}.\n→ npm run export [-- --out DIR] [-- --executed DIR]`);
    }
  }
  return args;
}

function courseNotebooks() {
  const dir = path.join(ROOT, 'notebooks');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(dir, f));
}

const sha = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const cellSources = (nb) => nb.cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
const readNotebook = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** 'hub' when every default model is cached (or DL_MODELS says so), else 'offline': the notebooks then run offline. */
async function modelMode() {
  if (process.env.DL_MODELS) return process.env.DL_MODELS;
  const { MODEL_USES, cacheChecker, planDownloads } = await import('../lib/models/index.ts');
  const plan = await planDownloads([...MODEL_USES], cacheChecker());
  return plan.every((p) => p.cached) ? 'hub' : 'offline';
}

/** Executes one notebook into dir (scripts/run_notebooks.py, one run); throws with its output when a cell fails. */
function execute(notebook, dir, models) {
  const env = jupyterEnv(models === 'offline' ? { DL_MODELS: 'offline' } : {});
  const run = spawnSync(VENV_PYTHON, [path.join(ROOT, 'scripts', 'run_notebooks.py'), '--save-executed', dir, notebook], { cwd: ROOT, env, encoding: 'utf8' });
  if (run.status !== 0) throw new SetupError(`${path.basename(notebook)} failed while executing:\n${(run.stdout + run.stderr).trim().slice(-4000)}\n→ Fix the notebook (npm test shows the same failure), then export again.`);
}

/** Runs export_site.py over the executed copies, calling onLine for each notebook's JSON line as it is written. */
function convert(out, executed, onLine) {
  return new Promise((resolve, reject) => {
    const child = spawn(VENV_PYTHON, [path.join(ROOT, 'scripts', 'export_site.py'), out, path.join(ROOT, 'notebooks'), ...executed], { cwd: ROOT, env: jupyterEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      buffered += d;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) if (line.trim()) onLine(JSON.parse(line));
    });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new SetupError(`Converting to HTML failed:\n${stderr.trim().slice(-4000)}`))));
  });
}

function copyVendor(out) {
  const vendor = path.join(out, 'vendor');
  const copy = (from, to) => fs.cpSync(path.join(ROOT, 'node_modules', from), path.join(vendor, to), { recursive: true });
  for (const [name, from] of VENDOR_FILES) copy(from, name);
  for (const file of REVEAL_FILES) copy(path.join('reveal.js', file), path.join('reveal.js', file));
}

function dirSize(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? dirSize(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** A path as the user typed it: relative to the current folder when inside it. */
function shown(file) {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative || '.';
}

/** What an export writes into its folder. */
const SITE_ENTRIES = ['index.html', 'notebooks', 'slides', 'ipynb', 'vendor'];

/** `out` is emptied first: it must be a new folder or an earlier (maybe interrupted) export, never the project or a folder of other files. */
function checkOutputFolder(out) {
  const relative = path.relative(out, ROOT);
  const holdsProject = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  const otherFiles = fs.existsSync(out) && fs.readdirSync(out).some((entry) => !SITE_ENTRIES.includes(entry));
  if (holdsProject || otherFiles) {
    throw new SetupError(`${out} ${holdsProject ? 'holds the project' : 'holds other files than an earlier export'}; the export empties its output folder first.\n→ Choose a new folder: npm run export -- --out DIR`);
  }
}

export async function exportSite({ out, executed }) {
  const started = Date.now();
  const notebooks = courseNotebooks();
  const before = notebooks.map(sha);
  checkOutputFolder(out);
  fs.rmSync(out, { recursive: true, force: true });
  const ipynbDir = path.join(out, 'ipynb');
  fs.mkdirSync(ipynbDir, { recursive: true });
  const models = executed ? null : await modelMode();
  say(`${notebooks.length} notebooks → ${shown(out)}/ (${executed ? `executed copies from ${shown(executed)}` : `executing each once, ${models === 'offline' ? 'offline substitutes for the pretrained models (not all cached)' : 'pretrained models from the cache'}`})`);
  const entries = [];
  for (const [i, notebook] of notebooks.entries()) {
    const name = path.basename(notebook, '.ipynb');
    const t0 = Date.now();
    if (executed) {
      const copy = path.join(executed, `${name}.ipynb`);
      if (!fs.existsSync(copy)) throw new SetupError(`No executed copy of ${name} in ${executed} (did its run fail?).`);
      if (JSON.stringify(cellSources(readNotebook(copy))) !== JSON.stringify(cellSources(readNotebook(notebook)))) {
        throw new SetupError(`${copy} was executed from other sources than notebooks/${name}.ipynb; run the notebooks again.`);
      }
      fs.copyFileSync(copy, path.join(ipynbDir, `${name}.ipynb`));
    } else {
      execute(notebook, ipynbDir, models);
    }
    // A notebook not yet cleaned (`npm run nb:clean`) gets the default slide types in its deck and download.
    const copy = path.join(ipynbDir, `${name}.ipynb`);
    const nb = readNotebook(copy);
    nb.cells = fillSlideshow(nb.cells);
    fs.writeFileSync(copy, `${JSON.stringify(nb, null, 1)}\n`);
    const plots = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.['application/vnd.plotly.v1+json']).length;
    entries.push({ name, nb, plots, seconds: (Date.now() - t0) / 1000 });
    if (!executed) say(`${i + 1}/${notebooks.length} ${name}: executed in ${entries.at(-1).seconds.toFixed(1)} s`);
  }
  await convert(out, entries.map((e) => path.join(ipynbDir, `${e.name}.ipynb`)), ({ name, page_bytes: page, deck_bytes: deck }) => {
    const entry = entries.find((e) => e.name === name);
    say(`${entries.indexOf(entry) + 1}/${entries.length} ${name}: page ${mb(page)}, deck ${mb(deck)}, ${entry.plots} charts`);
  });
  copyVendor(out);
  const note = executed ? INDEX_NOTES.executed : models === 'offline' ? INDEX_NOTES.offline : INDEX_NOTES.hub;
  fs.writeFileSync(path.join(out, 'index.html'), indexHtml(entries, note));
  const changed = notebooks.filter((nb, i) => sha(nb) !== before[i]);
  if (changed.length) throw new SetupError(`The export modified source notebooks: ${changed.map((f) => path.relative(ROOT, f)).join(', ')}. This is a bug in the export.`);
  say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${shown(path.join(out, 'index.html'))}, ${mb(dirSize(out))} in all (vendor/ ${mb(dirSize(path.join(out, 'vendor')))}); source notebooks unchanged`);
  return entries;
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  await main(async () => {
    const args = parseArgs(process.argv.slice(2));
    ensureSetup();
    await exportSite(args);
  });
}
