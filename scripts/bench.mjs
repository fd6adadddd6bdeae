// `npm run bench -- NAME [args]`: runs bench/NAME.ts (never part of `npm test`).
// Benchmarks compare against Python reference implementations, installed on first use into
// .venv-bench from bench/requirements.txt; BENCH_PYTHON tells the benchmark where that Python is.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { main, ROOT, SetupError } from './setup.mjs';

const IS_WINDOWS = process.platform === 'win32';
const BENCH_VENV = path.join(ROOT, '.venv-bench');
const BENCH_PYTHON = path.join(BENCH_VENV, IS_WINDOWS ? 'Scripts' : 'bin', IS_WINDOWS ? 'python.exe' : 'python');

function available() {
  return fs.readdirSync(path.join(ROOT, 'bench')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
}

function ensureBenchVenv() {
  const requirements = path.join(ROOT, 'bench', 'requirements.txt');
  const stamp = path.join(BENCH_VENV, '.dl-setup-stamp');
  const want = fs.readFileSync(requirements, 'utf8');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return;
  console.log('[bench] preparing .venv-bench (torch CPU, gensim, sentence-transformers)…');
  const steps = [
    ['python3', ['-m', 'venv', BENCH_VENV]],
    [BENCH_PYTHON, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '-r', requirements]],
  ];
  for (const [cmd, args] of steps) {
    if (spawnSync(cmd, args, { stdio: 'inherit' }).status !== 0) {
      throw new SetupError(`Preparing the benchmark venv failed (${cmd} ${args.join(' ')}).\n→ Check the connection to PyPI and run the benchmark again.`);
    }
  }
  fs.writeFileSync(stamp, want);
}

await main(async () => {
  const [name, ...args] = process.argv.slice(2);
  if (!name || !available().includes(name)) {
    throw new SetupError(`${name ? `No benchmark named "${name}".` : 'Name a benchmark.'}\n→ npm run bench -- <${available().join('|')}>`);
  }
  ensureBenchVenv();
  const status = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', `${name}.ts`), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BENCH_PYTHON },
  }).status;
  process.exit(status ?? 1);
});
