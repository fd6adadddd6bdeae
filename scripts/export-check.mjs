// Browser test of the offline exports, in headless Chromium with every request outside the files
// under test refused:
//   1. the site written by `npm run export` (opened from disk, file://): index.html links resolve;
//      every page draws one chart per plotly output of its notebook (an SVG with data marks each),
//      typesets its math, and logs no console error; every deck initialises with the number of
//      slides its `slideshow` metadata gives, and each chart, drawn when its slide is shown, fills
//      its slide's width;
//   2. `jupyter nbconvert --to html` and JupyterLab's own export (the menu File → Save and Export
//      Notebook As → HTML, i.e. the server's /nbconvert/html/<path>) of an executed notebook: each
//      one file that draws offline;
//   3. RISE: /rise/<path> in the running JupyterLab shows the first slide.
// Every page and every slide of every deck is also checked by axe-core (WCAG 2 A and AA rules, as
// browsers' accessibility tools run them): a serious or critical violation fails; one line per page
// and deck counts what axe found, by rule and impact.
// Screenshots: test-results/export-*.png.
//   node scripts/export-check.mjs SITE_DIR       (SITE_DIR/ipynb holds the executed notebooks)
// Exit codes: 0 passed, 1 failed, 3 skipped (no Chromium outside CI).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findChromium, launchChromium, startJupyterLab } from './browser.mjs';
import { jupyterEnv, ROOT, VENV_BIN } from './setup.mjs';
import { slideCount } from './slideshow.mjs';

const OUT = path.join(ROOT, 'test-results');
const PLOTLY = 'application/vnd.plotly.v1+json';
// Data marks: line/marker paths, bar points, heatmap images (as in the browser smoke test).
const MARKS = 'svg.main-svg g.trace path, svg.main-svg .point, svg.main-svg g.hm image';

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa'];
const FAILING_IMPACTS = ['serious', 'critical'];

const sourceOf = (cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);

/** What a notebook's exports must show: plotly outputs, whether there is math, the deck's slide count. */
export function expectations(nb) {
  const markdown = nb.cells.filter((c) => c.cell_type === 'markdown').map(sourceOf).join('\n');
  return {
    plots: nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.[PLOTLY]).length,
    // $…$ or $$…$$ outside inline code.
    math: /\$[^$\s][^$]*\$/.test(markdown.replace(/`[^`]*`/g, '')),
    slides: slideCount(nb.cells.map((c) => c.metadata?.slideshow?.slide_type ?? '-')),
  };
}

/**
 * A page that records what goes wrong: console errors, uncaught exceptions, failed requests, and
 * requests that leave `allowed` (a URL prefix). Those are refused, unless `intercept` is false:
 * RISE never starts its slideshow while Playwright intercepts its requests, so there they are only recorded.
 */
async function watchedPage(context, allowed, { intercept = true } = {}) {
  const page = await context.newPage();
  const problems = [];
  const outside = (url) => !(url.startsWith(allowed) || url.startsWith('data:') || url.startsWith('blob:'));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text().slice(0, 300)}`));
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message.slice(0, 300)}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url().slice(0, 200)} (${r.failure()?.errorText})`));
  if (intercept) {
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (!outside(url)) return route.continue();
      problems.push(`refused request: ${url.slice(0, 200)}`);
      return route.abort();
    });
  } else {
    page.on('request', (r) => outside(r.url()) && problems.push(`request outside ${allowed}: ${r.url().slice(0, 200)}`));
  }
  return { page, problems };
}

/** Waits until MathJax has typeset and `count` plotly charts have data marks; returns what the page shows. */
async function pageState(page, count) {
  await page.waitForFunction(() => window.MathJax?.startup?.promise, null, { timeout: 30_000 });
  await page.evaluate(() => window.MathJax.startup.promise);
  await page.waitForFunction(
    ([n, marks]) => {
      const plots = [...document.querySelectorAll('.js-plotly-plot')];
      return plots.length >= n && plots.every((p) => p.querySelector(marks));
    },
    [count, MARKS],
    { timeout: 60_000 },
  ).catch(() => {});
  return page.evaluate((marks) => {
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    // Math left as text: a $…$ in a Markdown cell's text outside code.
    const raw = [...document.querySelectorAll('.jp-MarkdownOutput')].flatMap((md) => {
      const clone = md.cloneNode(true);
      clone.querySelectorAll('code, pre, mjx-container').forEach((e) => e.remove());
      return clone.textContent.match(/\$[^$\s][^$]{0,40}/g) ?? [];
    });
    return {
      plots: plots.length,
      withMarks: plots.filter((p) => p.querySelector(marks)).length,
      math: document.querySelectorAll('mjx-container').length,
      mathErrors: document.querySelectorAll('mjx-merror').length,
      rawMath: raw.slice(0, 3),
    };
  }, MARKS);
}

function pageProblems(state, want) {
  const problems = [];
  if (state.plots !== want.plots || state.withMarks !== want.plots) {
    problems.push(`${state.withMarks} of ${state.plots} charts drawn; the notebook has ${want.plots} plotly outputs`);
  }
  if (want.math && state.math === 0) problems.push('no math typeset');
  if (state.mathErrors) problems.push(`${state.mathErrors} formulas failed to typeset`);
  if (state.rawMath.length) problems.push(`math left as text: ${state.rawMath.join(' | ')}`);
  return problems;
}

/**
 * axe-core's WCAG 2 A/AA violations of what the page shows (axe skips hidden elements). Each:
 * { id, impact, nodes, example, all }. The script is injected from node_modules: it makes no request.
 */
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    // No preload: axe would fetch the stylesheets again by XHR, which file:// pages refuse.
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload: false });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
      example: `${v.nodes[0]?.target.join(' ')}: ${(v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`,
      all: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** Adds `found` (axeViolations) into `tally`: rule id → { impact, nodes, example, all }. */
function addViolations(tally, found) {
  for (const v of found) {
    const entry = (tally[v.id] ??= { impact: v.impact, nodes: 0, example: v.example, all: [] });
    entry.nodes += v.nodes;
    entry.all.push(...v.all);
  }
  return tally;
}

/**
 * "axe WCAG 2 A/AA: 0 serious/critical nodes, 3 in all (region moderate 3)", a problem per failing
 * rule, and every node found written to test-results/axe-<name>.json.
 */
function axeReport(tally, name) {
  fs.writeFileSync(path.join(OUT, `axe-${name}.json`), `${JSON.stringify(tally, null, 1)}\n`);
  const rules = Object.entries(tally).sort((a, b) => b[1].nodes - a[1].nodes);
  const failing = rules.filter(([, v]) => FAILING_IMPACTS.includes(v.impact));
  const nodes = (list) => list.reduce((n, [, v]) => n + v.nodes, 0);
  const detail = rules.map(([id, v]) => `${id} ${v.impact} ${v.nodes}`).join(', ');
  return {
    line: `axe WCAG 2 A/AA: ${nodes(failing)} serious/critical nodes, ${nodes(rules)} in all${detail ? ` (${detail})` : ''}`,
    problems: failing.map(([id, v]) => `axe ${id} (${v.impact}): ${v.nodes} nodes, e.g. ${v.example}`),
  };
}

/** Scrolls the first chart into view (if any) and takes a screenshot. */
async function screenshot(page, name) {
  await page.evaluate(() => document.querySelector('.js-plotly-plot')?.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  return path.relative(ROOT, file);
}

export async function checkPage(context, site, name, want) {
  const { page, problems } = await watchedPage(context, pathToFileURL(site).href);
  await page.goto(pathToFileURL(path.join(site, 'notebooks', `${name}.html`)).href);
  const state = await pageState(page, want.plots);
  problems.push(...pageProblems(state, want));
  const axe = axeReport(addViolations({}, await axeViolations(page)), `page-${name}`);
  problems.push(...axe.problems);
  const shot = await screenshot(page, `export-page-${name}.png`);
  await page.close();
  return { problems, summary: `page: ${state.withMarks} charts, ${state.math} formulas (${shot})`, axe: axe.line };
}

/**
 * axe on every slide of a deck at once: reveal's print view (`?print-pdf`) lays out all slides, their
 * fragments shown, one under another (axe skips hidden slides, and one run per slide is minutes per deck).
 * Charts are drawn first, as a reader's navigation would.
 */
async function axeEverySlide(context, site, name, problems) {
  const { page, problems: seen } = await watchedPage(context, pathToFileURL(site).href);
  await page.goto(`${pathToFileURL(path.join(site, 'slides', `${name}.slides.html`)).href}?print-pdf`);
  await page.waitForFunction(() => window.Reveal?.isReady?.(), null, { timeout: 30_000 });
  // Every chart of the deck draws at once here. One draw(document) right after Reveal reports ready
  // is not enough: in 0_WE's and 1_RNN's print views every chart was still without a canvas 40 s later
  // (the print layout is built after ready; stop 16's CI waited 120 s in vain on three decks, 6 minutes),
  // so the wait draws any chart still without one. Not a failure when a chart stays undrawn: every chart
  // is checked on its own slide above, and axe then checks the deck without that chart's SVG; the line
  // names the charts left undrawn.
  await page.waitForFunction((marks) => {
    const plots = [...document.querySelectorAll('.dl-plot')];
    for (const p of plots) if (!p.querySelector('.dl-plot-canvas')) window.dlPlots.draw(p.parentElement);
    return plots.every((p) => p.querySelector(marks));
  }, MARKS, { timeout: 40_000, polling: 500 })
    .catch(async () => {
      const undrawn = await page.evaluate((marks) => [...document.querySelectorAll('.dl-plot')]
        .map((p, i) => ({ i, drawn: !!p.querySelector(marks), canvas: !!p.querySelector('.dl-plot-canvas'), title: JSON.parse(p.querySelector('script')?.textContent ?? '{}')?.layout?.meta?.alt?.name ?? '?' }))
        .filter((p) => !p.drawn), MARKS);
      const which = undrawn.map((p) => `#${p.i} "${p.title}"${p.canvas ? '' : ' (no canvas)'}`).join(', ');
      console.log(`  deck ${name}: print view: ${undrawn.length} chart(s) not drawn within 40 s: ${which}; axe checked what was drawn`);
    });
  const found = await axeViolations(page);
  problems.push(...seen.map((p) => `print view: ${p}`));
  await page.close();
  return found;
}

/** Opens a deck, checks its slide count, visits every slide holding a chart, then checks every slide with axe. */
export async function checkDeck(context, site, name, want) {
  const { page, problems } = await watchedPage(context, pathToFileURL(site).href);
  await page.goto(pathToFileURL(path.join(site, 'slides', `${name}.slides.html`)).href);
  await page.waitForFunction(() => window.Reveal?.isReady?.(), null, { timeout: 30_000 });
  const slides = await page.evaluate(() => window.Reveal.getTotalSlides());
  if (slides !== want.slides) problems.push(`the deck has ${slides} slides; its metadata gives ${want.slides}`);
  await page.evaluate(() => window.Reveal.configure({ transition: 'none' }));
  const chartSlides = await page.evaluate(() => window.Reveal.getSlides().filter((s) => s.querySelector('.dl-plot')).map((s) => window.Reveal.getIndices(s)));
  // axe on what the deck shows around a slide: reveal's controls, slide number, the page's language and title.
  const violations = addViolations({}, await axeViolations(page));
  let shot = null;
  const sizes = [];
  for (const { h, v } of chartSlides) {
    await page.evaluate(([hh, vv]) => window.Reveal.slide(hh, vv), [h, v ?? 0]);
    const size = await page.waitForFunction(
      (marks) => {
        const slide = window.Reveal.getCurrentSlide();
        const plots = [...slide.querySelectorAll('.dl-plot')];
        if (!plots.every((p) => p.querySelector(marks))) return false;
        // Width of each chart relative to its slide, and its height, in the slide's own pixels.
        return plots.map((p) => ({ ratio: p.querySelector('svg.main-svg').getBoundingClientRect().width / slide.getBoundingClientRect().width, height: p.querySelector('svg.main-svg').clientHeight || p.querySelector('.dl-plot-canvas').clientHeight }));
      },
      MARKS,
      { timeout: 20_000 },
    ).then((r) => r.jsonValue()).catch(() => null);
    if (!size) {
      problems.push(`slide ${h}/${v}: a chart has no data marks after navigating to it`);
      continue;
    }
    sizes.push(...size);
    const bad = size.filter((s) => s.ratio < 0.6 || s.ratio > 1.05 || s.height < 200);
    if (bad.length) problems.push(`slide ${h}/${v}: chart size ${JSON.stringify(bad)} (want 60–105 % of the slide's width, ≥ 200 px high)`);
    if (!shot && h > 0) {
      await page.waitForTimeout(300);
      shot = path.join(OUT, `export-deck-${name}.png`);
      await page.screenshot({ path: shot });
    }
  }
  const drawn = await page.evaluate((marks) => [...document.querySelectorAll('.dl-plot')].filter((p) => p.querySelector(marks)).length, MARKS);
  if (drawn !== want.plots) problems.push(`${drawn} charts drawn after visiting every chart slide; the notebook has ${want.plots}`);
  if (!shot) {
    shot = path.join(OUT, `export-deck-${name}.png`);
    await page.screenshot({ path: shot });
  }
  await page.close();
  addViolations(violations, await axeEverySlide(context, site, name, problems));
  const axe = axeReport(violations, `deck-${name}`);
  problems.push(...axe.problems);
  const widths = sizes.map((s) => Math.round(100 * s.ratio));
  return { problems, summary: `deck: ${slides} slides, ${drawn} charts (width ${Math.min(...widths)}–${Math.max(...widths)} % of a slide) (${path.relative(ROOT, shot)})`, axe: axe.line };
}

async function checkIndex(context, site) {
  const { page, problems } = await watchedPage(context, pathToFileURL(site).href);
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
  const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')));
  const missing = links.filter((href) => !fs.existsSync(path.join(site, decodeURIComponent(href))));
  if (missing.length) problems.push(`index.html links to missing files: ${missing.join(', ')}`);
  const shot = path.join(OUT, 'export-index.png');
  await page.screenshot({ path: shot, fullPage: true });
  await page.close();
  return { problems, summary: `index: ${links.length} links (${path.relative(ROOT, shot)})` };
}

/** One exported HTML file opened from disk, reading nothing but itself: charts and math drawn. */
async function checkSingleFile(context, file, want) {
  const { page, problems } = await watchedPage(context, pathToFileURL(file).href);
  await page.goto(pathToFileURL(file).href);
  const state = await pageState(page, want.plots);
  problems.push(...pageProblems(state, want));
  const axe = axeReport(addViolations({}, await axeViolations(page)), path.basename(file, '.html'));
  problems.push(...axe.problems);
  const shot = await screenshot(page, `${path.basename(file, '.html')}.png`);
  await page.close();
  return { problems, summary: `${(fs.statSync(file).size / 1e6).toFixed(1)} MB single file: ${state.withMarks} charts, ${state.math} formulas (${shot})`, axe: axe.line };
}

/**
 * A fresh folder `work` laid out like the project, the executed notebook in notebooks/ and the
 * diagrams it links in ../images (copied: Jupyter's server serves no link out of its root).
 */
function projectCopy(work, executed) {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'notebooks'), { recursive: true });
  fs.copyFileSync(executed, path.join(work, 'notebooks', path.basename(executed)));
  fs.cpSync(path.join(ROOT, 'images'), path.join(work, 'images'), { recursive: true });
}

/** `jupyter nbconvert --to html` from the venv, as a reader runs it beside the notebook. */
async function checkCli(context, executed, want) {
  const name = path.basename(executed, '.ipynb');
  const work = path.join(OUT, 'export-cli');
  projectCopy(work, executed);
  const file = path.join(OUT, `export-cli-${name}.html`);
  const run = spawnSync(path.join(VENV_BIN, 'jupyter'), ['nbconvert', '--to', 'html', '--output', path.basename(file, '.html'), '--output-dir', OUT, path.join(work, 'notebooks', `${name}.ipynb`)], { env: jupyterEnv(), encoding: 'utf8' });
  if (run.status !== 0) return { problems: [`jupyter nbconvert failed: ${run.stderr.trim().slice(-1000)}`] };
  return checkSingleFile(context, file, want);
}

/** JupyterLab's HTML export (the menu's route) of one executed notebook, opened from disk; then RISE on it. */
async function checkJupyterLab(context, executed, want) {
  const name = path.basename(executed, '.ipynb');
  const work = path.join(OUT, 'export-jupyterlab');
  projectCopy(work, executed);
  const jupyter = await startJupyterLab(work);
  const results = [];
  try {
    const { base, token } = jupyter;
    // What File → Save and Export Notebook As → HTML downloads.
    const response = await fetch(`${base}/nbconvert/html/notebooks/${encodeURIComponent(name)}.ipynb?download=true&token=${token}`);
    const file = path.join(OUT, `export-jupyterlab-${name}.html`);
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const exported = response.ok ? await checkSingleFile(context, file, want) : { problems: [`/nbconvert/html answered ${response.status}`] };
    results.push({ what: `JupyterLab's HTML export (/nbconvert/html) of ${name}`, ...exported });

    const { page, problems } = await watchedPage(context, base, { intercept: false });
    await page.goto(`${base}/rise/notebooks/${encodeURIComponent(name)}.ipynb?token=${token}`);
    const title = await page.waitForFunction(
      () => {
        const slide = document.querySelector('.reveal .slides section.present');
        return slide && slide.getBoundingClientRect().height > 0 && slide.querySelector('h1')?.textContent;
      },
      null,
      { timeout: 180_000 },
    ).then((h) => h.jsonValue()).catch(() => null);
    if (!title) problems.push('no first slide with the notebook title shown');
    await page.waitForTimeout(1000); // let RISE finish laying out the slide for the screenshot
    const shot = path.join(OUT, `export-rise-${name}.png`);
    await page.screenshot({ path: shot });
    // Tolerated, RISE's own: jupyterlab-rise 0.43.1 logs "Maximum call stack size exceeded" on every
    // notebook, even an empty one (jupyterlab-contrib/rise#144), and asks for optional per-notebook
    // rise.css / <name>.css files.
    const known = /Maximum call stack size exceeded|Refused to apply style from '[^']*\/files\/[^']*\.css'|\/files\/[^ ]*\.css/;
    await page.close();
    results.push({ what: `RISE slideshow (/rise) of ${name}`, problems: problems.filter((p) => !known.test(p)), summary: `first slide "${String(title).replace(/¶$/, '').slice(0, 60)}" (${path.relative(ROOT, shot)})` });
  } finally {
    jupyter.stop();
  }
  return results;
}

async function main() {
  const site = path.resolve(process.argv[2] ?? path.join(ROOT, 'site'));
  const chromium = findChromium();
  if (!chromium) {
    console.log('- export browser test skipped: no Chromium found (install Debian\'s `chromium` or set CHROMIUM_PATH).');
    return 3;
  }
  const notebooks = fs.readdirSync(path.join(site, 'ipynb')).filter((f) => f.endsWith('.ipynb')).sort();
  const profile = path.join(OUT, 'export-chromium-profile');
  fs.rmSync(profile, { recursive: true, force: true });
  const context = await launchChromium(chromium, profile, { width: 1280, height: 900 });
  let failed = 0;
  const report = (what, { problems, summary, axe }, seconds) => {
    failed += problems.length ? 1 : 0;
    console.log(problems.length ? `✗ ${what}  ${seconds} s\n  ${problems.slice(0, 12).join('\n  ')}` : `✓ ${what}  ${seconds} s  ${summary}`);
    if (axe) console.log(`  ${what}: ${axe}`);
  };
  const timed = async (what, fn) => {
    const started = Date.now();
    const result = await fn().catch((err) => ({ problems: [err.message] }));
    report(what, result, ((Date.now() - started) / 1000).toFixed(1));
  };
  try {
    await timed('site index.html', () => checkIndex(context, site));
    for (const file of notebooks) {
      const name = path.basename(file, '.ipynb');
      const want = expectations(JSON.parse(fs.readFileSync(path.join(site, 'ipynb', file), 'utf8')));
      await timed(`page ${name}`, () => checkPage(context, site, name, want));
      await timed(`deck ${name}`, () => checkDeck(context, site, name, want));
    }
    const first = path.join(site, 'ipynb', notebooks[0]);
    await timed(`jupyter nbconvert --to html ${notebooks[0]}`, () => checkCli(context, first, expectations(JSON.parse(fs.readFileSync(first, 'utf8')))));
    const started = Date.now();
    const results = await checkJupyterLab(context, first, expectations(JSON.parse(fs.readFileSync(first, 'utf8')))).catch((err) => [{ what: 'JupyterLab export and RISE', problems: [err.message] }]);
    for (const r of results) report(r.what, r, ((Date.now() - started) / 1000).toFixed(1));
  } finally {
    await context.close().catch(() => {});
  }
  return failed ? 1 : 0;
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  process.exit(await main());
}
