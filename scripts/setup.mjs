// Idempotent project setup shared by `npm start` and `npm test`:
//   Node check → npm packages → Python check → .venv from requirements.txt → tslab kernel (its output socket
//   made lossless) → notebooks/lib link
//   → the course's nbconvert templates as the venv's default HTML export → JupyterLab's defaults (Turkish, no news, RISE)
//   → the Turkish treebank (real text).
// Each step leaves a stamp only after it succeeded, so an interrupted setup is redone on the next run,
// and a finished one is skipped in milliseconds. Only Node built-ins here: packages may not exist yet.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TSLAB_IOPUB } from './tslab-iopub.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IS_WINDOWS = process.platform === 'win32';
export const VENV = path.join(ROOT, '.venv');
export const VENV_BIN = path.join(VENV, IS_WINDOWS ? 'Scripts' : 'bin');
export const VENV_PYTHON = path.join(VENV_BIN, IS_WINDOWS ? 'python.exe' : 'python');
const MIN_NODE = 20;
const MIN_PYTHON = [3, 10];

/** A setup failure: one clear message saying what to install or do. */
export class SetupError extends Error {}

const say = (line) => console.log(`[setup] ${line}`);

function run(cmd, args, { what, fix, cwd = ROOT, env = process.env, quiet = false }) {
  const result = spawnSync(cmd, args, { cwd, env, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', shell: IS_WINDOWS });
  if (result.error || result.status !== 0) {
    const detail = result.error ? result.error.message : quiet ? `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n') : '';
    throw new SetupError(`${what} failed (${[cmd, ...args].join(' ')}).${detail ? `\n${detail}` : ''}\n→ ${fix}`);
  }
  return result.stdout ?? '';
}

function hashFiles(...files) {
  const hash = createHash('sha256');
  for (const f of files) hash.update(fs.existsSync(f) ? fs.readFileSync(f) : `missing:${f}`);
  return hash.digest('hex').slice(0, 16);
}

function stampOk(stampFile, value) {
  return fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === value;
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_NODE) {
    throw new SetupError(`Node.js ${MIN_NODE} or newer is required; this is ${process.version}.\n→ Install a current LTS from https://nodejs.org and run the command again.`);
  }
}

function ensureNpmPackages() {
  const stamp = path.join(ROOT, 'node_modules', '.dl-setup-stamp');
  const want = hashFiles(path.join(ROOT, 'package.json'), path.join(ROOT, 'package-lock.json'));
  if (stampOk(stamp, want)) return say('npm packages: up to date');
  say('npm packages: installing (npm ci)…');
  const npm = IS_WINDOWS ? 'npm.cmd' : 'npm';
  run(npm, ['ci', '--no-audit', '--no-fund'], {
    what: 'Installing npm packages',
    fix: 'Check your internet connection to the npm registry and run the command again. If it keeps failing, delete node_modules/ and retry.',
  });
  fs.writeFileSync(stamp, `${want}\n`);
}

/** The first Python ≥ 3.10 on PATH, as [command, ...prefixArgs]. */
function findPython() {
  const candidates = IS_WINDOWS ? [['py', '-3'], ['python'], ['python3']] : [['python3'], ['python']];
  const found = [];
  for (const [cmd, ...pre] of candidates) {
    const r = spawnSync(cmd, [...pre, '-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
    if (r.status !== 0 || !r.stdout) continue;
    const [major, minor] = r.stdout.trim().split('.').map(Number);
    found.push(`${cmd} ${r.stdout.trim()}`);
    if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return [cmd, ...pre];
  }
  const seen = found.length ? `found only: ${found.join(', ')}` : 'no python3 on PATH';
  throw new SetupError(`Python ${MIN_PYTHON.join('.')} or newer is required (${seen}).\n→ Install it (python.org, or e.g. \`sudo apt install python3 python3-venv\`) and run the command again.`);
}

function ensureVenv() {
  const stamp = path.join(VENV, '.dl-setup-stamp');
  const want = hashFiles(path.join(ROOT, 'requirements.txt'));
  if (fs.existsSync(VENV_PYTHON) && stampOk(stamp, want)) return say('Python venv (.venv): up to date');
  if (!fs.existsSync(VENV_PYTHON) || spawnSync(VENV_PYTHON, ['-c', 'import sys'], { encoding: 'utf8' }).status !== 0) {
    const python = findPython();
    say(`Python venv: creating .venv with ${python.join(' ')}…`);
    fs.rmSync(VENV, { recursive: true, force: true });
    run(python[0], [...python.slice(1), '-m', 'venv', VENV], {
      what: 'Creating the Python virtualenv',
      fix: 'Install the venv module (on Debian/Ubuntu: `sudo apt install python3-venv`) and run the command again.',
    });
  }
  say('Python venv: installing requirements.txt (JupyterLab, nbclient, plotly, RISE)…');
  run(VENV_PYTHON, ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', path.join(ROOT, 'requirements.txt')], {
    what: 'Installing Python packages into .venv',
    fix: 'Check your connection to PyPI and run the command again (a half-finished install is repaired on the next run).',
    quiet: true,
  });
  fs.writeFileSync(stamp, `${want}\n`);
}

/** Absolute paths, so the kernel starts whatever the Jupyter server's PATH is. */
function kernelArgv() {
  const tslab = path.join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab');
  return [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'];
}

export const KERNEL_JSON = path.join(VENV, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json');

function ensureKernel() {
  const argv = kernelArgv();
  if (fs.existsSync(KERNEL_JSON)) {
    const spec = JSON.parse(fs.readFileSync(KERNEL_JSON, 'utf8'));
    if (JSON.stringify(spec.argv) === JSON.stringify(argv)) return say('tslab kernel: registered');
  }
  say('tslab kernel: registering "TypeScript" in .venv…');
  run(process.execPath, [argv[1], 'install', `--python=${VENV_PYTHON}`, '--sys-prefix', `--binary=${argv[1]}`], {
    what: 'Registering the tslab kernel',
    fix: 'Run `npm ci` to restore node_modules/tslab, then run the command again.',
    quiet: true,
  });
  // tslab writes argv [binary, ...]; the binary is a `#!/usr/bin/env node` script, so name node itself.
  const spec = JSON.parse(fs.readFileSync(KERNEL_JSON, 'utf8'));
  fs.writeFileSync(KERNEL_JSON, JSON.stringify({ ...spec, argv }, null, 1));
}

/** tslab's output socket made lossless: what and why in scripts/tslab-iopub.mjs. */
function ensureTslabIopub() {
  const file = path.join(ROOT, ...TSLAB_IOPUB.file);
  const source = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (source.includes(TSLAB_IOPUB.fixed)) return say('tslab output socket: lossless');
  if (!source.includes(TSLAB_IOPUB.published)) {
    throw new SetupError(`tslab's output socket was not found in ${path.relative(ROOT, file)} (tslab other than 1.0.22?).\n→ Run \`npm ci\` to restore the pinned tslab, then run the command again.`);
  }
  fs.writeFileSync(file, source.replace(TSLAB_IOPUB.published, TSLAB_IOPUB.fixed));
  say('tslab output socket: made lossless (sendTimeout 0, no high-water mark)');
}

/** notebooks/lib → ../lib: tslab only compiles imports under the notebook's folder (tslab issue #63). */
function ensureLibLink() {
  const link = path.join(ROOT, 'notebooks', 'lib');
  const stat = fs.lstatSync(link, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink() && fs.realpathSync(link) === fs.realpathSync(path.join(ROOT, 'lib'))) return;
  if (stat) fs.rmSync(link, { recursive: !stat.isSymbolicLink(), force: true });
  // A junction needs no admin rights on Windows; elsewhere a relative link survives moving the project.
  fs.symlinkSync(IS_WINDOWS ? path.join(ROOT, 'lib') : path.join('..', 'lib'), link, IS_WINDOWS ? 'junction' : 'dir');
  say('notebooks/lib → ../lib link: created');
}

/**
 * Files of the offline pages: [path under the site's vendor/ (and the template's static/), path under node_modules/].
 * One plotly.js for every exported page: the version JupyterLab's plotly renderer draws.
 */
export const VENDOR_FILES = [
  ['plotly.min.js', 'plotly.js-dist-min/plotly.min.js'],
  ['require.js', 'requirejs/require.js'],
  ['mathjax/tex-svg-full.js', 'mathjax/es5/tex-svg-full.js'],
];
/** reveal.js 5 files a deck loads (6.x moved the notes plugin and never initialises with nbconvert's template). */
export const REVEAL_FILES = ['dist/reveal.js', 'dist/reveal.css', 'dist/theme/white.css', 'dist/theme/fonts/source-sans-pro', 'plugin/notes/notes.js'];
export const TEMPLATES_SRC = path.join(ROOT, 'export', 'templates');
const TEMPLATES_DST = path.join(VENV, 'share', 'jupyter', 'nbconvert', 'templates');
/** The templates' preprocessor (it embeds the diagrams), a module the venv's Python imports. */
const PREPROCESSOR = path.join(ROOT, 'export', 'dl_course_export.py');

function sitePackages() {
  if (IS_WINDOWS) return path.join(VENV, 'Lib', 'site-packages');
  const python = fs.readdirSync(path.join(VENV, 'lib')).find((d) => /^python3\.\d+$/.test(d));
  return path.join(VENV, 'lib', python, 'site-packages');
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)])).sort();
}

/**
 * The course's nbconvert templates (export/templates) installed into the venv, with plotly.js, MathJax and
 * require.js in their static/ folder, and made the default of HTML export for `jupyter nbconvert` and for
 * JupyterLab's "Save and Export Notebook As" menu (the server's nbconvert handler reads the server's
 * config): a single HTML file whose charts and formulas draw without a network.
 */
function ensureExportTemplates() {
  const stamp = path.join(TEMPLATES_DST, 'dl_course', '.dl-setup-stamp');
  const sources = filesUnder(TEMPLATES_SRC);
  const want = hashFiles(...sources, PREPROCESSOR, path.join(ROOT, 'package-lock.json'));
  if (stampOk(stamp, want)) return say('HTML export templates: installed');
  fs.copyFileSync(PREPROCESSOR, path.join(sitePackages(), path.basename(PREPROCESSOR)));
  for (const file of sources) {
    const target = path.join(TEMPLATES_DST, path.relative(TEMPLATES_SRC, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  for (const [name, from] of VENDOR_FILES) {
    const target = path.join(TEMPLATES_DST, 'dl_course', 'static', name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'node_modules', from), target);
  }
  const defaults = {
    // lang="tr" on the page: screen readers then read the Turkish text with a Turkish voice.
    HTMLExporter: { template_name: 'dl_course', embed_images: true, language_code: 'tr' },
    SlidesExporter: { template_name: 'dl_course_slides', reveal_theme: 'white' },
  };
  for (const name of ['jupyter_nbconvert_config.json', 'jupyter_server_config.json']) {
    const file = path.join(VENV, 'etc', 'jupyter', name);
    const config = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ ...config, ...defaults }, null, 2)}\n`);
  }
  fs.writeFileSync(stamp, `${want}\n`);
  say('HTML export templates: installed as the default of `jupyter nbconvert --to html` and JupyterLab\'s HTML export');
}

/**
 * JupyterLab's defaults for every user of this venv (its settings overrides; a user's own choice in
 * the Settings menu still wins):
 *  - the interface in Turkish (the language pack from requirements.txt), beside the Turkish notebooks;
 *    Settings → Language switches it back;
 *  - no "Would you like to get notified about official Jupyter news?" question and no news or update
 *    requests: the course runs offline, and a newcomer's first screen should be the notebook;
 *  - RISE (live slides) with reveal's `white` theme, whose fonts ship with it (the default theme fetches
 *    Google Fonts: a classroom offline would see fallback fonts and waiting requests), and slides
 *    taller than the screen scrolling.
 */
export const LAB_SETTINGS = {
  '@jupyterlab/translation-extension:plugin': { locale: 'tr_TR' },
  '@jupyterlab/apputils-extension:notification': { fetchNews: 'false', checkForUpdates: false },
  'jupyterlab-rise:plugin': { theme: 'white', scroll: true },
};
export const LAB_OVERRIDES = path.join(VENV, 'share', 'jupyter', 'lab', 'settings', 'overrides.json');

function ensureLabSettings() {
  const overrides = fs.existsSync(LAB_OVERRIDES) ? JSON.parse(fs.readFileSync(LAB_OVERRIDES, 'utf8')) : {};
  const missing = Object.entries(LAB_SETTINGS).filter(([plugin, want]) => Object.entries(want).some(([k, v]) => overrides[plugin]?.[k] !== v));
  if (missing.length === 0) return say('JupyterLab defaults: Turkish interface, no news, RISE white');
  for (const [plugin, want] of missing) overrides[plugin] = { ...overrides[plugin], ...want };
  fs.mkdirSync(path.dirname(LAB_OVERRIDES), { recursive: true });
  fs.writeFileSync(LAB_OVERRIDES, `${JSON.stringify(overrides, null, 2)}\n`);
  say('JupyterLab defaults: Turkish interface (Settings → Language changes it), no news fetching, RISE theme white with scrolling slides');
}

/**
 * Real Turkish text (notebooks 0, 3 and 4): the Turkish Web Treebank, from PyPI's `turkish-treebanks`
 * 1.0.0 (Google Research, Apache-2.0), whose wheel carries the CoNLL-U files. pip downloads the pinned
 * wheel (the registry the course already uses), its checksum is verified, and the two files and the
 * licence are extracted into .cache/corpora/turkish-treebanks/ (git-ignored). Files already there with
 * the right checksums make this a no-op, so it runs offline after the first time. data/README.md.
 */
export const TREEBANK = {
  dir: path.join(ROOT, '.cache', 'corpora', 'turkish-treebanks'),
  wheel: { name: 'turkish_treebanks-1.0.0-py3-none-any.whl', sha256: '5a009c29a8e96e8f7e25059d59ac293c3baead6d746bf0fa4c9d3349b1e37ba0' },
  files: {
    'web.conllu': { from: 'data/web.conllu', sha256: 'd6f92b12b74f367a36e30dd3d644d7a0bb01a991584602e6e69f1191664f86bf' },
    'wiki.conllu': { from: 'data/wiki.conllu', sha256: '58f049fae8d0653ba0940a58168c17c7cebbc50f88cad2985d12d34ac1b9acde' },
    LICENSE: { from: 'turkish_treebanks-1.0.0.dist-info/LICENSE', sha256: 'cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30' },
  },
};

const sha256 = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

export function ensureTreebank() {
  const files = Object.entries(TREEBANK.files);
  const intact = ([name, { sha256: want }]) => fs.existsSync(path.join(TREEBANK.dir, name)) && sha256(path.join(TREEBANK.dir, name)) === want;
  if (files.every(intact)) return say('Turkish treebank (.cache/corpora): ready');
  say('Turkish treebank: downloading turkish-treebanks 1.0.0 from PyPI (1.2 MB)…');
  fs.mkdirSync(path.join(ROOT, '.cache'), { recursive: true }); // a fresh clone has none yet
  const tmp = fs.mkdtempSync(path.join(ROOT, '.cache', 'treebank-'));
  try {
    run(VENV_PYTHON, ['-m', 'pip', 'download', '--disable-pip-version-check', '--no-deps', '--only-binary=:all:', '-d', tmp, 'turkish-treebanks==1.0.0'], {
      what: 'Downloading the Turkish treebank',
      fix: 'Check your connection to PyPI and run the command again.',
      quiet: true,
    });
    const wheel = path.join(tmp, TREEBANK.wheel.name);
    if (!fs.existsSync(wheel) || sha256(wheel) !== TREEBANK.wheel.sha256) {
      throw new SetupError(`The downloaded ${TREEBANK.wheel.name} does not have the expected SHA-256.\n→ Run the command again; if it persists, PyPI served a different file: report it.`);
    }
    fs.mkdirSync(TREEBANK.dir, { recursive: true });
    const members = Object.fromEntries(files.map(([name, { from }]) => [from, path.join(TREEBANK.dir, name)]));
    run(VENV_PYTHON, ['-c', 'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nfor member, target in json.loads(sys.argv[2]).items():\n    open(target, "wb").write(z.read(member))', wheel, JSON.stringify(members)], {
      what: 'Extracting the Turkish treebank',
      fix: 'Delete .cache/corpora/ and run the command again.',
      quiet: true,
    });
    const bad = files.filter((f) => !intact(f)).map(([name]) => name);
    if (bad.length) throw new SetupError(`Extracted treebank files with unexpected SHA-256: ${bad.join(', ')}.\n→ Delete .cache/corpora/ and run the command again.`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  say('Turkish treebank: 4,851 sentences extracted to .cache/corpora/turkish-treebanks/');
}

/** Jupyter refuses to run as root (containers, CI) unless told. */
export function rootFlag() {
  return process.getuid?.() === 0 ? ['--allow-root'] : [];
}

/** Environment for Jupyter and its kernels: the venv and this Node first on PATH. */
export function jupyterEnv(extra = {}) {
  const pathParts = [VENV_BIN, path.dirname(process.execPath), process.env.PATH ?? ''];
  return { ...process.env, PATH: pathParts.join(path.delimiter), VIRTUAL_ENV: VENV, ...extra };
}

export function ensureSetup() {
  checkNode();
  ensureNpmPackages();
  ensureVenv();
  ensureKernel();
  ensureTslabIopub();
  ensureLibLink();
  ensureExportTemplates();
  ensureLabSettings();
  ensureTreebank();
}

/** Runs `fn`, turning a SetupError into its message and exit code 1 (no stack dump). */
export async function main(fn) {
  try {
    await fn();
  } catch (err) {
    if (err instanceof SetupError) {
      console.error(`\n✗ ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(ensureSetup);
}
