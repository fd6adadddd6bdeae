// `npm run models:download [-- USE ...] [--list]`: downloads the default pretrained models of notebooks 3–5
// (lib/models/registry.ts) from the Hugging Face hub into .cache/models/, once, so a classroom can
// then work offline. Needs internet; runs through tsx (started by the npm script) to reuse lib/models.
//
//   npm run models:download                      every default model (~4.5 GB in all)
//   npm run models:download -- fill-mask chat    only these uses
//   npm run models:download -- --list            show the plan and what is already cached; download nothing
//
// HF_ENDPOINT selects a hub mirror; DL_MODEL_CACHE another cache folder.
import path from 'node:path';
import { main, ROOT, SetupError } from './setup.mjs';
import { cacheChecker, displayPath, downloadPlan, formatPlan, modelCacheDir, planDownloads, selectUses } from '../lib/models/index.ts';

function progressWriter() {
  const tty = process.stdout.isTTY;
  let last = 0;
  return (line, final) => {
    if (tty) {
      const width = process.stdout.columns || 100;
      process.stdout.write(`\r${line.slice(0, width - 1).padEnd(width - 1)}${final ? '\n' : ''}`);
    } else if (final || Date.now() - last > 5000) {
      // A log file gets a line every few seconds, not thousands of carriage returns.
      last = Date.now();
      console.log(line);
    }
  };
}

await main(async () => {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const words = args.filter((a) => a !== '--list');
  const bad = words.filter((w) => w.startsWith('-'));
  if (bad.length) throw new SetupError(`Unknown option ${bad.join(' ')}.\n→ npm run models:download [-- USE ...] [--list]`);
  let uses;
  try {
    uses = selectUses(words);
  } catch (err) {
    throw new SetupError(`${err.message}\n→ npm run models:download -- --list shows them all.`);
  }
  const cacheDir = displayPath(modelCacheDir());
  const plan = await planDownloads(uses, cacheChecker());
  console.log(`Model cache: ${cacheDir}\n`);
  for (const line of formatPlan(plan)) console.log(line);
  if (list) return;
  const todo = plan.filter((p) => !p.cached);
  if (todo.length === 0) {
    console.log('\nEvery model is already here; notebooks 3–5 can run offline (DL_OFFLINE=1).');
    return;
  }
  console.log('');
  const results = await downloadPlan(plan, progressWriter());
  const failed = results.filter((r) => !r.ok);
  const skipped = todo.length - results.length;
  if (failed.length) {
    const lines = failed.map((f) => `  ${f.id}: ${f.error}`);
    const unreachable = failed.some((f) => f.error?.startsWith('hub unreachable'));
    throw new SetupError(
      `${failed.length} model(s) could not be downloaded${skipped ? `, ${skipped} not tried` : ''}:\n${lines.join('\n')}\n→ ` +
        (unreachable
          ? `The Hugging Face hub (${process.env.HF_ENDPOINT || 'https://huggingface.co'}) cannot be reached from this machine. Connect to the internet (or set HF_ENDPOINT to a mirror) and run \`npm run models:download\` again; models already downloaded are kept.`
          : 'Run `npm run models:download` again; models already downloaded are kept.'),
    );
  }
  console.log(`\n${results.length} model(s) downloaded into ${cacheDir} (${path.relative(ROOT, modelCacheDir()) || '.'}); notebooks 3–5 can now run offline.`);
});
