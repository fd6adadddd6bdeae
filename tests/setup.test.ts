// What `npm start` / `npm test` say when set-up cannot go on: one clear message with what to do,
// exit code 1, no stack trace. Set-up runs here in a scratch copy of the project with fake `npm`
// and `python3` commands on PATH, so nothing is installed; the port checks run the real start script
// (the suite has finished set-up before the unit tests).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { PROJECT_ROOT } from '../lib/paths';

interface Fakes {
  /** Exit code of the fake `npm ci` (0 also creates node_modules/, as npm would). */
  npmStatus: number;
  /** Version the fake `python3` reports; none on PATH when undefined. */
  pythonVersion?: string;
}

const scratchDirs: string[] = [];
after(() => scratchDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A scratch project with scripts/setup.mjs and fake commands; returns a function that runs set-up there. */
function scratchProject({ npmStatus, pythonVersion }: Fakes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-setup-'));
  scratchDirs.push(dir);
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.mkdirSync(path.join(dir, 'bin'));
  for (const f of ['setup.mjs', 'tslab-iopub.mjs']) fs.copyFileSync(path.join(PROJECT_ROOT, 'scripts', f), path.join(dir, 'scripts', f));
  for (const f of ['package.json', 'requirements.txt']) fs.copyFileSync(path.join(PROJECT_ROOT, f), path.join(dir, f));
  const script = (name: string, body: string) => fs.writeFileSync(path.join(dir, 'bin', name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  script('npm', npmStatus === 0 ? '/bin/mkdir -p node_modules\nexit 0' : `echo "npm ERR! network" >&2\nexit ${npmStatus}`);
  if (pythonVersion) script('python3', `echo ${pythonVersion}`);
  const run = (preload = '') =>
    spawnSync(process.execPath, ['--input-type=module', '-e', `${preload}\nconst s = await import(${JSON.stringify(path.join(dir, 'scripts', 'setup.mjs'))});\nawait s.main(s.ensureSetup);`], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: path.join(dir, 'bin') },
    });
  return { dir, run };
}

function assertCleanFailure(r: ReturnType<typeof spawnSync>, message: RegExp): void {
  assert.equal(r.status, 1, `exit code 1; stdout: ${String(r.stdout)} stderr: ${String(r.stderr)}`);
  assert.match(String(r.stderr), message);
  assert.match(String(r.stderr), /\n→ /, 'says what to do');
  assert.doesNotMatch(String(r.stderr), /\n\s+at /, 'no stack trace');
}

test('too old a Node stops set-up with the version needed', () => {
  const { run } = scratchProject({ npmStatus: 0 });
  assertCleanFailure(run("Object.defineProperty(process.versions, 'node', { value: '18.19.0' });"), /Node\.js 20 or newer is required/);
});

test('a failing npm ci stops set-up with what to check, and leaves no stamp, so the next run installs again', () => {
  const project = scratchProject({ npmStatus: 1 });
  assertCleanFailure(project.run(), /Installing npm packages failed \(npm ci[^)]*\)\.\n→ Check your internet connection/);
  assert.equal(fs.existsSync(path.join(project.dir, 'node_modules', '.dl-setup-stamp')), false);
});

test('no Python, or one older than 3.10, stops set-up with what to install; npm is not reinstalled on the next run', () => {
  const project = scratchProject({ npmStatus: 0 });
  const first = project.run();
  assertCleanFailure(first, /Python 3\.10 or newer is required \(no python3 on PATH\)/);
  assert.match(first.stdout, /npm packages: installing/);
  fs.writeFileSync(path.join(project.dir, 'bin', 'python3'), '#!/bin/sh\necho 3.8\n', { mode: 0o755 });
  const second = project.run();
  assertCleanFailure(second, /Python 3\.10 or newer is required \(found only: python3 3\.8\)/);
  assert.match(second.stdout, /npm packages: up to date/);
});

test('a failing pip install stops set-up with what to check; the half-made venv is finished on the next run', () => {
  const project = scratchProject({ npmStatus: 0 });
  // python3 3.11 whose `-m venv DIR` makes a venv whose pip cannot reach PyPI.
  const bin = path.join(project.dir, 'bin');
  fs.writeFileSync(path.join(bin, 'venv-python'), '#!/bin/sh\n[ "$1" = "-c" ] && exit 0\necho "ERROR: Could not find a version that satisfies the requirement jupyterlab" >&2\nexit 1\n', { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'python3'), `#!/bin/sh\n[ "$1" = "-c" ] && { echo 3.11; exit 0; }\n/bin/mkdir -p "$3/bin" && /bin/cp ${bin}/venv-python "$3/bin/python"\n`, { mode: 0o755 });
  const first = project.run();
  assertCleanFailure(first, /Installing Python packages into \.venv failed[^]*Could not find a version[^]*\n→ Check your connection to PyPI/);
  assert.match(first.stdout, /creating \.venv/);
  const second = project.run();
  assertCleanFailure(second, /Installing Python packages into \.venv failed/);
  assert.doesNotMatch(second.stdout, /creating \.venv/, 'the venv is kept');
  assert.match(second.stdout, /installing requirements\.txt/, 'and its install is tried again');
});

test('npm start on a busy port, or with a port that is not a number, says which port to use instead', async () => {
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as net.AddressInfo).port;
  try {
    const start = (...args: string[]) => spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'start.mjs'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
    assertCleanFailure(start('--port', String(port)), new RegExp(`Port ${port} is already in use[^\\n]*\\n→ .*npm start -- --port ${port + 1}`));
    assertCleanFailure(start('--port', 'abc'), /"abc" is not a valid port/);
  } finally {
    busy.close();
  }
});

test('a failing download of the Turkish treebank stops set-up with what to check, and extracts nothing', () => {
  const project = scratchProject({ npmStatus: 0 });
  const python = path.join(project.dir, '.venv', 'bin', 'python');
  fs.mkdirSync(path.dirname(python), { recursive: true });
  fs.writeFileSync(python, '#!/bin/sh\necho "ERROR: Could not find a version that satisfies the requirement turkish-treebanks==1.0.0" >&2\nexit 1\n', { mode: 0o755 });
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const s = await import(${JSON.stringify(path.join(project.dir, 'scripts', 'setup.mjs'))});\nawait s.main(s.ensureTreebank);`], {
    cwd: project.dir,
    encoding: 'utf8',
    env: { PATH: path.join(project.dir, 'bin') },
  });
  assertCleanFailure(r, /Downloading the Turkish treebank failed[^]*turkish-treebanks[^]*\n→ Check your connection to PyPI/);
  assert.equal(fs.existsSync(path.join(project.dir, '.cache', 'corpora', 'turkish-treebanks', 'web.conllu')), false);
  assert.deepEqual(fs.readdirSync(path.join(project.dir, '.cache')), [], 'no temporary folder left behind');
});
