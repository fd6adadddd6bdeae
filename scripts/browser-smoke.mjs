// Browser smoke test: JupyterLab from .venv on a free local port, a notebook opened in headless
// Chromium (Playwright), "Run All", then checks that every code cell ran, the kernel is the
// TypeScript one, a plotly chart is drawn (an SVG with data marks) and no cell shows an error; and
// that a newcomer's JupyterLab (fresh user settings) speaks Turkish (menus "Dosya", "Çalıştır") and
// does not ask about Jupyter news.
// A screenshot per notebook is kept in test-results/. Every request that is not to this JupyterLab is blocked.
//   node scripts/browser-smoke.mjs [NOTEBOOK...]   (default: the first course notebook and the chart fixture)
// Exit codes: 0 passed, 1 failed, 3 skipped (no Chromium outside CI).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, launchChromium, startJupyterLab } from './browser.mjs';
import { ROOT } from './setup.mjs';

const OUT = path.join(ROOT, 'test-results');
/** Main menu labels of JupyterLab in Turkish (jupyterlab-language-pack-tr-TR: File, Run). */
const TURKISH_MENUS = ['Dosya', 'Çalıştır'];
const RUN_ALL_TIMEOUT_MS = Number(process.env.SMOKE_TIMEOUT_MS ?? 15 * 60 * 1000);

/** Opens one notebook, runs all cells and checks the result; returns a list of problems. */
async function checkNotebook(page, base, token, name) {
  const started = Date.now();
  await page.goto(`${base}/lab/tree/${encodeURIComponent(name)}?token=${token}&reset`);
  await page.waitForFunction(() => window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel, null, { timeout: 120_000 });
  const menus = await page.evaluate(() => [...document.querySelectorAll('#jp-MainMenu .lm-MenuBar-itemLabel')].map((e) => e.textContent));
  const kernelName = await page.evaluate(async () => {
    const ctx = window.jupyterapp.shell.currentWidget.sessionContext;
    await ctx.ready;
    return ctx.kernelDisplayName;
  });
  await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
  // Done when every code cell has an execution count and the kernel is idle again.
  await page.waitForFunction(
    () => {
      const nb = window.jupyterapp.shell.currentWidget;
      const cells = nb.content.widgets.filter((c) => c.model.type === 'code');
      return nb.sessionContext.session.kernel.status === 'idle' && cells.every((c) => c.model.executionCount !== null);
    },
    null,
    { timeout: RUN_ALL_TIMEOUT_MS, polling: 1000 },
  );
  // Data marks: line/marker paths, bar points, heatmap images. Every plot must have some;
  // plotly draws asynchronously after the output arrives, so give them a moment.
  const MARKS = 'svg.main-svg g.trace path, svg.main-svg .point, svg.main-svg g.hm image';
  const PLOTS = '.jp-Notebook .jp-OutputArea .js-plotly-plot';
  await page.waitForFunction(
    ([plots, marks]) => {
      const all = [...document.querySelectorAll(plots)];
      return all.length > 0 && all.every((p) => p.querySelector(marks));
    },
    [PLOTS, MARKS],
    { timeout: 30_000 },
  ).catch(() => {});
  const result = await page.evaluate(([plots, marks]) => {
    const all = [...document.querySelectorAll(plots)];
    const markCount = all.reduce((n, p) => n + p.querySelectorAll(marks).length, 0);
    const plotsWithoutMarks = all.filter((p) => !p.querySelector(marks)).length;
    const errors = [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map((e) => e.textContent)
      .filter((t) => /Error|Exception/.test(t));
    const cells = window.jupyterapp.shell.currentWidget.content.widgets.filter((c) => c.model.type === 'code');
    // On failure, what the plot holds tells whether plotly ran at all.
    const plotDom = [...document.querySelectorAll('.js-plotly-plot svg g')].slice(0, 30).map((e) => e.getAttribute('class')).join(' ');
    return { plotDom, marks: markCount, plotsWithoutMarks, plots: all.length, errors, codeCells: cells.length };
  }, [PLOTS, MARKS]);
  const shot = path.join(OUT, `browser-smoke-${path.basename(name, '.ipynb')}.png`);
  if (result.plots > 0) {
    // Scroll through the notebook's own API: it owns the scrolling (windowed cell list).
    await page.evaluate(async () => {
      const notebook = window.jupyterapp.shell.currentWidget.content;
      const index = notebook.widgets.findIndex((c) => c.node.querySelector('.js-plotly-plot'));
      notebook.activeCellIndex = index;
      await notebook.scrollToItem(index, 'start');
    });
    await page.waitForTimeout(500);
  }
  await page.screenshot({ path: shot });
  const newsQuestion = await page.evaluate(() => /Jupyter news/i.test(document.body.innerText));
  const problems = [];
  const missingMenus = TURKISH_MENUS.filter((m) => !menus.includes(m));
  if (missingMenus.length) problems.push(`the menu bar shows [${menus.join(', ')}], not the Turkish ${missingMenus.join(', ')} (language pack or the locale default of scripts/setup.mjs)`);
  if (newsQuestion) problems.push('JupyterLab asks about Jupyter news (the fetchNews default of scripts/setup.mjs is not applied)');
  if (kernelName !== 'TypeScript') problems.push(`kernel is "${kernelName}", expected "TypeScript"`);
  if (result.plots === 0) problems.push('no plotly chart in the outputs');
  if (result.plotsWithoutMarks > 0) problems.push(`${result.plotsWithoutMarks} of ${result.plots} plots have no data marks drawn: ${result.plotDom}`);
  if (result.errors.length) problems.push(`cells show errors:\n${result.errors.join('\n').slice(0, 3000)}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const shotName = path.relative(ROOT, shot);
  if (problems.length) {
    console.log(`✗ browser smoke: ${name}  ${seconds} s\n  ${problems.join('\n  ')}\n  screenshot: ${shotName}`);
  } else {
    console.log(`✓ browser smoke: ${name}  ${seconds} s  (menus ${menus.join(', ')}; kernel ${kernelName}, ${result.codeCells} code cells, ${result.plots} plots, ${result.marks} data marks; screenshot ${shotName})`);
  }
  return problems;
}

/** Default: the first course notebook (a real one, with its plots) and the fixture that draws every plot helper. */
function defaultNotebooks() {
  const first = fs.readdirSync(path.join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort()[0];
  return [first && path.join(ROOT, 'notebooks', first), path.join(ROOT, 'tests', 'fixtures', 'notebooks', 'chart.ipynb')].filter(Boolean);
}

async function main() {
  const notebooks = process.argv.length > 2 ? process.argv.slice(2).map((p) => path.resolve(p)) : defaultNotebooks();
  const chromium = findChromium();
  if (!chromium) {
    console.log('- browser smoke test skipped: no Chromium found (install Debian\'s `chromium` or set CHROMIUM_PATH).');
    return 3;
  }
  // A scratch server root holding copies of the notebooks and the lib link, as notebooks/ has.
  const work = path.join(OUT, 'smoke');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  for (const nb of notebooks) fs.copyFileSync(nb, path.join(work, path.basename(nb)));
  fs.symlinkSync(path.join(ROOT, 'lib'), path.join(work, 'lib'), 'dir');

  let jupyter;
  let context;
  try {
    jupyter = await startJupyterLab(work);
    const { base, token } = jupyter;
    context = await launchChromium(chromium, path.join(work, 'chromium-profile'));
    // Nothing but this JupyterLab may be reached.
    await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    const page = context.pages()[0] ?? (await context.newPage());
    let failed = 0;
    for (const nb of notebooks) {
      const problems = await checkNotebook(page, base, token, path.basename(nb)).catch((err) => {
        console.log(`✗ browser smoke: ${path.basename(nb)}: ${err.message}`);
        return [err.message];
      });
      failed += problems.length ? 1 : 0;
    }
    return failed ? 1 : 0;
  } catch (err) {
    console.log(`✗ browser smoke: ${err.message}\n  server log: ${path.relative(ROOT, path.join(work, 'jupyter.log'))}`);
    return 1;
  } finally {
    await context?.close().catch(() => {});
    jupyter?.stop();
  }
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  process.exit(await main());
}
