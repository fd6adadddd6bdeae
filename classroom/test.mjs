// `npm run classroom:test`: the classroom tested for real on this machine's Docker daemon.
//   1. the course image built from a clean cache (classroom/build-image.sh --no-cache) from HEAD;
//      the proxy's CA bundle is in no layer of it
//   2. JupyterHub (test accounts: DummyAuthenticator) on loopback, its own network and container names
//   3. nothing is reachable without logging in; a wrong password is refused
//   4. three attendees log in through the hub's form and run a notebook each AT THE SAME TIME over the
//      Jupyter server API (kernel over websocket): no error, their charts drawn
//   5. one attendee over the memory limit loses only their kernel (killed, restarted, told so); the others'
//      kernels keep their state and answer
//   6. an attendee cannot read another attendee's files (not through the hub, not over the network)
//   7. nbgitpuller: the teacher's repository served from the hub's machine, an attendee pulls it through
//      the link, the teacher pushes a change mid-course, a second pull brings it and keeps her own edit
//   8. the dev container's start command on the image: JupyterLab with the TypeScript kernel
//   9. headless Chromium: the hub's login page, a notebook opened in JupyterLab, its cells run, a chart drawn
//  10. everything stopped: no container left, the test's volumes and network removed
// CLASSROOM_REUSE_IMAGE=1 skips step 1's build and uses dl-course:latest (iterating on the hub);
// CLASSROOM_ONLY=browser runs steps 2, 9 and 10 alone on dl-course:latest (iterating on the browser step).
// Ends with "classroom: N passed, N failed"; exit 0 passed, 1 failed, 3 skipped (no Docker daemon).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classroomContainers, CLASSROOM, containerCgroup, daemonReachable, docker, freePort, ROOT, SETTINGS, startHub, stopHub } from './hub.mjs';

const PREFIX = 'dl-course-test-';
const NETWORK = 'dl-course-test-net';
const OUT = path.join(ROOT, 'test-results', 'classroom');
const counts = { passed: 0, failed: 0 };
// attendee.mjs needs `ws` from classroom/hub/node_modules, which startHub installs: loaded after it, so that a
// machine without Docker (CI) skips this test without that install.
let Attendee, Kernel, runNotebook;
const ONLY_BROWSER = process.env.CLASSROOM_ONLY === 'browser';

function check(name, ok, detail = '') {
  counts[ok ? 'passed' : 'failed']++;
  console.log(`${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
  return ok;
}

/** The PEM blocks of a CA bundle. */
const pemBlocks = (text) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/** Step 1: build from a clean cache, from HEAD; the CA bundle given as a secret is in no layer. */
function buildImage() {
  const head = spawnSync('git', ['-C', ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  if (process.env.CLASSROOM_REUSE_IMAGE !== '1' && !ONLY_BROWSER) {
    const started = Date.now();
    const r = spawnSync('bash', [path.join(CLASSROOM, 'build-image.sh'), '--no-cache'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 << 20 });
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'build.log'), r.stdout);
    console.log(r.stdout.split('\n').filter((l) => /^(build time|image size|\[image\]|\[base\])/.test(l)).join('\n'));
    if (!check('course image built from a clean cache', r.status === 0, `${((Date.now() - started) / 1000).toFixed(0)} s, log in test-results/classroom/build.log`)) return false;
  }
  const revision = docker(['image', 'inspect', '-f', '{{index .Config.Labels "org.opencontainers.image.revision"}}', SETTINGS.image]);
  check('the image is built from a git commit of the project', /^[0-9a-f]{40}$/.test(revision), `${revision.slice(0, 12)}${revision === head ? ' (HEAD)' : ` (HEAD is ${head.slice(0, 12)})`}`);
  // The proxy's CA: certificates of the build's bundle that Debian's bundle in the image does not have.
  const hostBundle = process.env.CLASSROOM_CA ?? '/etc/ssl/certs/ca-certificates.crt';
  const imageBundle = docker(['run', '--rm', '--network', 'none', '--entrypoint', 'cat', SETTINGS.image, '/etc/ssl/certs/ca-certificates.crt'], { ok: true }) ?? '';
  const extra = pemBlocks(fs.readFileSync(hostBundle, 'utf8')).filter((b) => !imageBundle.includes(b));
  // One base64 line of each such certificate, searched for in every file of the image.
  const needles = extra.map((b) => b.split('\n')[3]).filter(Boolean);
  let found = '';
  if (needles.length) {
    const r = spawnSync(process.env.DOCKER ?? 'docker', ['run', '--rm', '-i', '--network', 'none', '--user', '0', '--entrypoint', 'grep', SETTINGS.image, '-rlF', '--exclude-dir=proc', '--exclude-dir=sys', '-f', '/dev/stdin', '/'], { input: needles.join('\n'), encoding: 'utf8', maxBuffer: 64 << 20 });
    found = r.stdout.trim();
  }
  check('the build\'s CA bundle is in no file of the image', !found, needles.length ? `${needles.length} certificate(s) of the build machine's bundle not in Debian's, none found in the image${found ? `: ${found}` : ''}` : 'the build bundle has no certificate beyond Debian\'s');
  return true;
}

/** Step 3: the hub without a login. */
async function checkLocked(hub) {
  const home = await fetch(`${hub.url}/hub/home`, { redirect: 'manual' });
  check('the hub\'s pages need a login', home.status === 302 && /\/hub\/login/.test(home.headers.get('location') ?? ''), `GET /hub/home → ${home.status} ${home.headers.get('location')}`);
  const users = await fetch(`${hub.url}/hub/api/users`);
  check('the hub\'s API needs a login', users.status === 403, `GET /hub/api/users → ${users.status}`);
  const stranger = new Attendee(hub.url, 'ayse');
  const refused = await stranger.login('yanlış-parola').then(() => false, () => true);
  check('a wrong password is refused', refused);
}

const gib = (bytes) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

/** What a cell shows for its last expression: tslab prints it (console.log, a stdout stream), it sends no execute_result. */
const shownValue = (result) => result.outputs.filter((o) => o.type === 'stream' && o.content.name === 'stdout').map((o) => o.content.text).join('').trim() || undefined;

/** Step 4: three attendees at once, each from login to a whole notebook. */
async function concurrentAttendees(hub, password, plan) {
  const started = Date.now();
  const results = await Promise.all(plan.map(async ([name, notebook]) => {
    const a = new Attendee(hub.url, name);
    await a.login(password);
    await a.startServer();
    const cgroup = containerCgroup(PREFIX + name);
    // A cell gets attendee.mjs's CELL_TIMEOUT_MS (sized for three attendees on two shared cores), and fails
    // at once, named, if its container stops using CPU (a hung kernel); long cells are reported as they run.
    const result = await runNotebook(a, `notebooks/${notebook}`, { cpuSeconds: cgroup.cpuSeconds, log: console.log });
    // A failed run's server log (tslab's stderr is there), kept before the hub removes the container.
    if (result.error) fs.writeFileSync(path.join(OUT, `${name}-server.log`), docker(['logs', PREFIX + name], { ok: true }) ?? '');
    return { a, notebook, result, peak: cgroup.peakBytes() };
  }));
  console.log(`  (three attendees from login to their notebook's end: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const { a, notebook, result, peak } of results) {
    check(`${a.name} ran ${notebook} alongside the others`, !result.error && result.ran === result.cells && result.figures > 0 && result.emptyFigures === 0,
      `${result.ran}/${result.cells} code cells, ${result.figures} charts with data, ${result.error ? `error in ${result.error}, server log in test-results/classroom/${a.name}-server.log, ` : ''}${result.seconds.toFixed(0)} s, container peak ${gib(peak)}`);
  }
  // The same notebook draws the same number of charts for every attendee.
  const byNotebook = Map.groupBy ? Map.groupBy(results, (r) => r.notebook) : new Map(plan.map(([, nb]) => [nb, results.filter((r) => r.notebook === nb)]));
  for (const [nb, rs] of byNotebook) if (rs.length > 1) check(`${nb}: every attendee saw the same charts`, new Set(rs.map((r) => r.result.figures)).size === 1, rs.map((r) => `${r.a.name} ${r.result.figures}`).join(', '));
  return results.map((r) => r.a);
}

/** Step 5: one attendee allocates past the memory limit while the two others compute. */
async function memoryLimit([first, second, hog]) {
  const [k1, k2, kHog] = await Promise.all([first.openKernel('notebooks/bellek-1.ipynb'), second.openKernel('notebooks/bellek-2.ipynb'), hog.openKernel('notebooks/bellek-3.ipynb')]);
  await Promise.all([k1.execute('const kept = 41;'), k2.execute('const kept = 41;')]);
  const oomBefore = containerCgroup(PREFIX + hog.name).oomKills();
  // 256 MiB at a time, every page written, well past the limit.
  const hogRun = kHog.execute('const blocks: Buffer[] = []; for (let i = 0; i < 64; i++) blocks.push(Buffer.alloc(256 * 1024 * 1024, 1)); blocks.length', 180_000);
  // The two others compute for 45 s of wall time meanwhile, however busy the server (a fixed count of loop
  // steps ran past the cell timeout on a shared machine: tslab makes a cell's top-level `let` a module
  // export, every step a property write).
  const busy = '(() => { const until = Date.now() + 45_000; let s = 0; while (Date.now() < until) for (let i = 0; i < 1e6; i++) s += i % 7; return s > 0; })()';
  const [hogResult, r1, r2] = await Promise.all([hogRun, k1.execute(busy), k2.execute(busy)]);
  const oomAfter = containerCgroup(PREFIX + hog.name).oomKills();
  check(`${hog.name}'s kernel over ${SETTINGS.memLimit} was killed by the limit and restarted`, Boolean(hogResult.died) && oomAfter > oomBefore,
    `kernel status "${hogResult.died ?? hogResult.status}", OOM kills in the container ${oomBefore} → ${oomAfter}`);
  // The message the attendee's JupyterLab shows comes from this status: "The kernel … appears to have died. It will restart automatically."
  check(`${hog.name} is told their kernel restarts`, kHog.statuses.includes('restarting'), `statuses seen: ${[...new Set(kHog.statuses)].join(', ')}`);
  // The restarted kernel (same id), reached as JupyterLab reaches it after a restart: a new websocket and a
  // request, tried again until it answers. (Waiting for the server's execution_state to say "idle" failed on
  // the shared machine: it did not within 120 s of the restart, and the request sent then came back at once
  // with no result, a pending "restarting" status ending it.)
  const deadline = Date.now() + 240_000;
  let afterRestart = { status: 'none', outputs: [] };
  let tries = 0;
  while (Date.now() < deadline) {
    tries++;
    const kAfter = new Kernel(hog, kHog.id, kHog.sessionId);
    await kAfter.connect();
    afterRestart = await kAfter.execute('1 + 1', Math.max(1000, Math.min(120_000, deadline - Date.now())));
    kAfter.ws.close();
    if (afterRestart.status === 'ok') break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const value = shownValue(afterRestart);
  check(`${hog.name}'s server lives on and the restarted kernel runs code`, afterRestart.status === 'ok' && value === '2', `1 + 1 → ${value} (status ${afterRestart.status}${afterRestart.died ? `, ${afterRestart.died}` : ''}${afterRestart.timedOut ? ', timed out' : ''}; ${tries} websocket(s))`);
  const [a1, a2] = await Promise.all([k1.execute('kept + 1'), k2.execute('kept + 1')]);
  for (const [a, busyRun, after, name] of [[first, r1, a1], [second, r2, a2]].map(([x, b, c]) => [x, b, c, x.name])) {
    const v = shownValue(after);
    const busyValue = shownValue(busyRun);
    check(`${name}'s kernel kept running and kept its state meanwhile`, busyRun.status === 'ok' && busyValue === 'true' && v === '42' && containerCgroup(PREFIX + a.name).oomKills() === 0,
      `busy cell ${busyRun.status}${busyRun.timedOut ? ' (timed out)' : ''}, kept + 1 → ${v}`);
  }
  await Promise.all([k1.close(), k2.close(), kHog.close()]);
}

/** Step 6: the second attendee's file, looked for by the first. */
async function isolation(ayse, mehmet) {
  const secret = `gizli-${randomBytes(6).toString('hex')}`;
  const put = await mehmet.api('contents/notebooks/gizli.txt', { method: 'PUT', json: { type: 'file', format: 'text', content: secret } });
  check(`${mehmet.name} saves a file in their home`, put.status === 201 || put.status === 200, `HTTP ${put.status}`);
  const through = await ayse.request(`/user/${mehmet.name}/api/contents/notebooks/gizli.txt`, { headers: { 'x-xsrftoken': ayse.cookie('_xsrf', `${ayse.base}/`) ?? '' } });
  const body = await through.text();
  check(`${ayse.name} cannot read it through the hub with her login`, !body.includes(secret), `HTTP ${through.status} at ${new URL(through.url).pathname}`);
  const mounts = JSON.parse(docker(['inspect', '-f', '{{json .Mounts}}', PREFIX + ayse.name]));
  check(`${ayse.name}'s container mounts only her own volume`, mounts.length === 1 && mounts[0].Name === `${PREFIX}user-${ayse.name}` && mounts[0].Destination === SETTINGS.homeDir, mounts.map((m) => `${m.Name} → ${m.Destination}`).join(', '));
  // From her kernel: the file is not in her home, and his server refuses her without his token. Top-level
  // statements, the result printed: tslab shows a cell's last value on stdout (no execute_result), and it
  // cannot `await` an async arrow function's call at the top level ("await is not defined", tslab 1.0.22).
  const mehmetIp = docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${NETWORK}").IPAddress}}`, PREFIX + mehmet.name]);
  const k = await ayse.openKernel('notebooks/deneme.ipynb');
  const r = await k.execute(`const local = require('fs').existsSync('${SETTINGS.homeDir}/notebooks/gizli.txt');
const response = await fetch('http://${mehmetIp}:8888/user/${mehmet.name}/api/contents/notebooks/gizli.txt', { redirect: 'manual', signal: AbortSignal.timeout(60_000) })
  .then(async (res) => ({ status: res.status, leaked: (await res.text()).includes('${secret}') }), (err) => ({ status: 0, leaked: false, error: String(err.cause ?? err) }));
console.log(JSON.stringify({ local, ...response }));`, 180_000);
  await k.close();
  const shown = shownValue(r);
  const out = r.status === 'ok' && shown ? JSON.parse(shown) : {};
  check(`${ayse.name}'s kernel finds no copy of it and ${mehmet.name}'s server refuses her over the network`, out.local === false && out.leaked === false && out.status >= 300,
    r.status === 'ok' ? shown ?? 'the cell printed nothing' : `the cell's status ${r.status}${r.error ? `: ${r.error}` : ''}${r.timedOut ? ' (no reply in 180 s)' : ''} ${r.outputs.map((o) => o.content.text ?? '').join('').slice(0, 300)}`);
}

/** Step 7: notebooks handed out with nbgitpuller from a git daemon on the classroom network's gateway, then updated. */
async function nbgitpuller(ayse) {
  const srv = fs.mkdtempSync(path.join(os.tmpdir(), 'classroom-git-'));
  const bare = path.join(srv, 'dil-modelleri.git');
  const git = (args, cwd = ROOT) => {
    const r = spawnSync('git', ['-c', 'user.name=Öğretmen', '-c', 'user.email=ogretmen@example.org', ...args], { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  git(['init', '-q', '--bare', bare]);
  git(['push', '-q', bare, 'HEAD:refs/heads/main']);
  const gateway = docker(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Gateway}}{{end}}', NETWORK]);
  const port = await freePort(gateway);
  const daemon = spawn('git', ['daemon', '--reuseaddr', `--base-path=${srv}`, '--export-all', `--listen=${gateway}`, `--port=${port}`, srv], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const repo = `git://${gateway}:${port}/dil-modelleri.git`;
    const link = new URLSearchParams({ repo, branch: 'main', urlpath: 'lab/tree/dil-modelleri/notebooks/1_RNN.ipynb', targetPath: 'dil-modelleri' });
    const page = await ayse.request(`/hub/user-redirect/git-pull?${link}`);
    const html = await page.text();
    check('the nbgitpuller link leads to the attendee\'s own pull page', page.status === 200 && new URL(page.url).pathname === `/user/${ayse.name}/git-pull`, `${page.status} ${new URL(page.url).pathname}`);
    // What that page's script then streams: the pull itself.
    const pull = async () => (await ayse.request(`/user/${ayse.name}/git-pull/api?${new URLSearchParams({ repo, branch: 'main', targetpath: 'dil-modelleri' })}`)).text();
    const first = await pull();
    const listed = await ayse.api('contents/dil-modelleri/notebooks/1_RNN.ipynb?content=0');
    check('the first pull brings the course\'s notebooks into her home', first.includes('"phase": "finished"') && listed.status === 200, `stream ends ${first.trim().split('\n').pop()?.slice(0, 60)}; 1_RNN.ipynb → HTTP ${listed.status}${html.includes('nbgitpuller') ? '' : ' (page without nbgitpuller)'}`);
    // Her own edit, then the teacher's change mid-course.
    const mine = 'Benim notlarım\n';
    await ayse.api('contents/dil-modelleri/README.md', { method: 'PUT', json: { type: 'file', format: 'text', content: mine } });
    const work = path.join(srv, 'work');
    git(['clone', '-q', '--branch', 'main', bare, work], srv);
    fs.writeFileSync(path.join(work, 'notebooks', 'EK_ALISTIRMA.md'), '# Ek alıştırma\n');
    git(['add', 'notebooks/EK_ALISTIRMA.md'], work);
    git(['commit', '-q', '-m', 'Ek alıştırma'], work);
    git(['push', '-q', 'origin', 'main'], work);
    const second = await pull();
    const added = await ayse.api('contents/dil-modelleri/notebooks/EK_ALISTIRMA.md?content=0');
    const readme = await (await ayse.api('contents/dil-modelleri/README.md?type=file&format=text')).json();
    check('a second pull brings the teacher\'s new file and keeps her own edit', second.includes('"phase": "finished"') && added.status === 200 && readme.content === mine, `new file → HTTP ${added.status}, her README.md ${readme.content === mine ? 'kept' : 'overwritten'}`);
  } finally {
    daemon.kill();
    fs.rmSync(srv, { recursive: true, force: true });
  }
}

/** The dev container's start command (.devcontainer/devcontainer.json) on the built image: JupyterLab with the TypeScript kernel. */
async function devContainer() {
  const json = fs.readFileSync(path.join(ROOT, '.devcontainer', 'devcontainer.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const spec = JSON.parse(json);
  const command = spec.postStartCommand.replace(/^nohup /, '').replace(/ > \S+ 2>&1 &$/, '');
  const name = `${PREFIX}devcontainer`;
  docker(['run', '-d', '--rm', '--name', name, '--network', NETWORK, '--user', spec.containerUser, '--entrypoint', 'bash', SETTINGS.image, '-c', command]);
  try {
    const ip = docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${NETWORK}").IPAddress}}`, name]);
    const port = spec.forwardPorts[0];
    let specs = null;
    for (let i = 0; i < 120 && !specs; i++) {
      specs = await fetch(`http://${ip}:${port}/api/kernelspecs`).then((r) => (r.ok ? r.json() : null), () => null);
      if (!specs) await new Promise((r) => setTimeout(r, 1000));
    }
    const lab = specs ? await fetch(`http://${ip}:${port}/lab/tree/notebooks`).then((r) => r.text()) : '';
    check('the dev container\'s command starts JupyterLab with the TypeScript kernel', Boolean(specs?.kernelspecs?.tslab) && lab.includes('JupyterLab'), specs ? `kernels: ${Object.keys(specs.kernelspecs).join(', ')}` : 'no answer in 120 s');
  } finally {
    docker(['rm', '-f', name], { ok: true });
  }
}

/** Step 9: a browser: the hub's login page, JupyterLab, a notebook's cells run, a chart drawn. */
async function browser(hub, name, password) {
  const { findChromium, launchChromium } = await import('../scripts/browser.mjs');
  const chromium = findChromium();
  if (!chromium) return console.log('- headless Chromium: skipped (no Chromium; set CHROMIUM_PATH)');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'classroom-chromium-'));
  const context = await launchChromium(chromium, profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // Only the hub on loopback: every other request is refused.
    await page.route('**/*', (route) => (route.request().url().startsWith(hub.url) ? route.continue() : route.abort()));
    await page.goto(`${hub.url}/hub/login`);
    await page.fill('#username_input', name);
    await page.fill('#password_input', password);
    await page.click('#login_submit');
    await page.waitForURL(new RegExp(`/user/${name}/lab`), { timeout: 240_000 });
    await page.goto(`${hub.url}/user/${name}/lab/tree/notebooks/1_RNN.ipynb`);
    // Run All only once the notebook's content is shown and its kernel is up. JupyterLab shows a cell before
    // the file's content arrives, and its execution indicator says idle while there is no kernel: Run All
    // clicked then finds no kernel preference yet (JupyterLab sets it from the notebook's metadata after
    // loading) and asks for a kernel — the "Select Kernel" dialog, the cells waiting behind it (image 6e971e8
    // on a loaded machine). A kernel named in the toolbar comes from that preference, so the file is loaded.
    const stored = JSON.parse(fs.readFileSync(path.join(ROOT, 'notebooks', '1_RNN.ipynb'), 'utf8'));
    const firstCode = stored.cells.find((c) => c.cell_type === 'code');
    const want = { line: [].concat(firstCode.source).join('').split('\n')[0], kernel: stored.metadata.kernelspec.display_name };
    const ready = await untilPage(page, (w) => {
      const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
      return Boolean(panel) && [...panel.querySelectorAll('.jp-CodeCell .cm-content')].some((e) => e.textContent.includes(w.line))
        && panel.querySelector('.jp-Toolbar-kernelName')?.textContent.trim() === w.kernel
        && panel.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle';
    }, want, 240_000, `notebook 1's content («${want.line}») with its ${want.kernel} kernel idle`);
    // JupyterLab's interface is Turkish by default (scripts/setup.mjs), English where a user switched it back.
    await page.click('.lm-MenuBar-itemLabel:text-matches("^(Run|Çalıştır)$")');
    await page.click('.lm-Menu-itemLabel:text-matches("^(Run All Cells|Tüm Hücreleri Çalıştır)$")');
    await untilPage(page, () => Boolean(document.querySelector('.jp-OutputArea .js-plotly-plot svg.main-svg g.trace')), null, 600_000, 'a chart drawn after Run All Cells');
    console.log(`  (Chromium: notebook ready ${ready.toFixed(0)} s after opening)`);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'lab-chart.png') });
    const errors = await page.$$eval('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]', (els) => els.map((e) => e.textContent).filter((t) => /Error/.test(t)));
    check(`${name} in headless Chromium: logged in on the hub's page, opened 1_RNN.ipynb, ran its cells, a chart drawn`, errors.length === 0, `${errors.length} errors; screenshot test-results/classroom/lab-chart.png`);
  } catch (err) {
    // What the page showed when it gave up: a screenshot, and how many cells had run (their prompts numbered).
    const page = context.pages()[0];
    const seen = await page?.screenshot({ path: path.join(OUT, 'lab-failure.png') }).then(() => page.$$eval('.jp-InputArea-prompt', (els) => els.filter((e) => /\[\d+\]/.test(e.textContent)).length), () => null);
    check('headless Chromium: login, notebook, chart', false, `${err.message.split('\n')[0]}${seen === null || seen === undefined ? '' : `; ${seen} cells had run, screenshot test-results/classroom/lab-failure.png`}`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Waits until `predicate(arg)` holds in the page, polling each second; returns the seconds waited. A JupyterLab
 * dialog over the page (e.g. "Select Kernel" / "Çekirdek Seç") fails the wait at once, named: nothing in this
 * test answers dialogs, so one means the notebook is blocked.
 */
async function untilPage(page, predicate, arg, timeoutMs, what) {
  const started = Date.now();
  const inPage = (holds, a) => {
    const dialog = document.querySelector('.jp-Dialog');
    if (dialog) return { dialog: (dialog.querySelector('.jp-Dialog-header')?.textContent ?? '').trim(), body: dialog.querySelector('.jp-Dialog-body')?.textContent.trim().slice(0, 120) ?? '' };
    return holds(a) ? { ok: true } : false;
  };
  // One expression for the page (both functions' sources, the argument as JSON).
  const handle = await page.waitForFunction(`(${inPage})(${predicate}, ${JSON.stringify(arg)})`, null, { timeout: timeoutMs, polling: 1000 }).catch((err) => {
    throw new Error(`waited ${timeoutMs / 1000} s for ${what}: ${err.message.split('\n')[0]}`);
  });
  const outcome = await handle.jsonValue();
  if (outcome.dialog !== undefined) throw new Error(`JupyterLab's dialog "${outcome.dialog}" (${outcome.body}) appeared over the notebook while waiting for ${what}`);
  return (Date.now() - started) / 1000;
}

function cleanUp() {
  const volumes = docker(['volume', 'ls', '-q', '--filter', `name=^${PREFIX}`], { ok: true });
  if (volumes) docker(['volume', 'rm', '-f', ...volumes.split('\n')], { ok: true });
  docker(['network', 'rm', NETWORK], { ok: true });
}

async function main() {
  if (!daemonReachable()) {
    console.log('classroom: skipped — no Docker daemon reachable (see README, "A classroom": start dockerd, then npm run classroom:test)');
    console.log('classroom: 0 passed, 0 failed, 1 skipped');
    process.exit(3);
  }
  const started = Date.now();
  fs.mkdirSync(OUT, { recursive: true });
  if (!buildImage()) return finish(started);
  cleanUp();
  const password = randomBytes(9).toString('base64url');
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'classroom-test-'));
  let hub;
  try {
    hub = await startHub({ ip: '127.0.0.1', port: await freePort(), state, auth: 'dummy', password, network: NETWORK, prefix: PREFIX });
    check('JupyterHub with configurable-http-proxy and DockerSpawner answers', true, hub.url);
    ({ Attendee, Kernel, runNotebook } = await import('./attendee.mjs'));
    if (!ONLY_BROWSER) {
      await checkLocked(hub);
      const attendees = await concurrentAttendees(hub, password, [['ayse', '1_RNN.ipynb'], ['mehmet', '3_Bert_transformers.ipynb'], ['zeynep', '1_RNN.ipynb']]);
      const limits = JSON.parse(docker(['inspect', '-f', '{{json .HostConfig}}', PREFIX + 'ayse']));
      check('each attendee\'s container has the memory and CPU limits of classroom/settings.json', limits.Memory === parseSize(SETTINGS.memLimit) && limits.MemorySwap === limits.Memory && limits.CpuQuota / limits.CpuPeriod === SETTINGS.cpuLimit,
        `memory ${gib(limits.Memory)} (no swap beyond it), CPUs ${limits.CpuQuota / limits.CpuPeriod}`);
      await memoryLimit(attendees);
      await isolation(attendees[0], attendees[1]);
      await nbgitpuller(attendees[0]);
      await devContainer();
    }
    await browser(hub, 'ayse', password);
  } catch (err) {
    check('classroom run', false, err.stack ?? String(err));
  } finally {
    const forced = await stopHub(state, PREFIX);
    if (hub) check('stopping the hub stops every attendee\'s container', forced.length === 0, forced.length ? `removed by force: ${forced.join(', ')}` : 'none left');
    cleanUp();
    const left = classroomContainers(PREFIX);
    check('no container left behind', left.length === 0, left.join(', '));
    fs.cpSync(path.join(state, 'jupyterhub.log'), path.join(OUT, 'jupyterhub.log'), { force: true });
    fs.rmSync(state, { recursive: true, force: true });
  }
  finish(started);
}

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)$/.exec(s);
  return Math.round(Number(m[1]) * { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 }[m[2]]);
}

function finish(started) {
  console.log(`classroom test wall time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`classroom: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed ? 1 : 0);
}

await main();
