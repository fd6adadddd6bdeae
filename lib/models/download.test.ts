import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../paths';
import { cacheChecker, formatPlan, planDownloads, selectUses } from './download';
import { MODEL_USES } from './registry';
import type { ResolvedModel } from './resolve';
import { cacheWithTinyGpt2AsHubModel, emptyCache } from './testing';

const cleanup: string[] = [];
after(() => cleanup.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const nothingCached = async (_: ResolvedModel) => false;

test('selectUses: no words means every use; unknown words are an error', () => {
  assert.deepEqual(selectUses([]), MODEL_USES);
  assert.deepEqual(selectUses(['chat', 'fill-mask', 'chat']), ['chat', 'fill-mask']);
  assert.throws(() => selectUses(['chat', 'bert']), /Bilinmeyen model kullanımı: "bert"/);
});

test('the plan has one entry per distinct model, with the registry dtype, and ignores DL_MODELS=offline', async () => {
  const plan = await planDownloads(MODEL_USES, nothingCached, { DL_MODELS: 'offline' });
  assert.equal(plan.length, 15);
  assert.ok(plan.every((p) => p.model.source === 'hub' && !p.cached));
  const chat = plan.find((p) => p.uses.includes('chat'));
  assert.deepEqual([chat?.model.id, chat?.model.dtype, chat?.sizeMB], ['HuggingFaceTB/SmolLM2-135M-Instruct', 'q4', 200]);
  assert.equal(plan.find((p) => p.uses.includes('gpt2-small'))?.model.modelFileName, 'decoder_model_merged');
});

test('the plan merges uses that share a model and leaves out local folders', async () => {
  const environment = {
    DL_MODEL_FILL_MASK_XLMR: 'Xenova/bert-base-multilingual-cased',
    DL_DTYPE_FILL_MASK_XLMR: 'q8',
    DL_MODEL_GPT2: 'models/tiny/gpt2',
  };
  const plan = await planDownloads(['fill-mask', 'fill-mask-xlmr', 'gpt2'], nothingCached, environment);
  assert.equal(plan.length, 1);
  assert.deepEqual(plan[0].uses, ['fill-mask', 'fill-mask-xlmr']);
  const lines = formatPlan(plan);
  assert.match(lines[1], /^download\s+Xenova\/bert-base-multilingual-cased\s+q8\s+~180 MB\s+fill-mask, fill-mask-xlmr$/);
  assert.equal(lines[2], '1 models, 1 to download (~180 MB known).');
});

test('the plan marks models already in the cache (real transformers.js cache check, no network)', async () => {
  const cache = cacheWithTinyGpt2AsHubModel();
  cleanup.push(cache);
  const environment = { DL_OFFLINE: '1', DL_MODEL_CACHE: cache };
  const plan = await planDownloads(['gpt2', 'fill-mask'], cacheChecker(environment), environment);
  assert.deepEqual(plan.map((p) => [p.model.id, p.cached]), [['Xenova/gpt2', true], ['Xenova/bert-base-multilingual-cased', false]]);
});

function downloadScript(args: string[], environment: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', 'download-models.mjs'), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...environment },
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('npm run models:download without a network fails with one clear message, no stack trace', () => {
  const cache = emptyCache();
  cleanup.push(cache);
  const { status, output } = downloadScript(['gpt2', 'chat'], { HF_ENDPOINT: 'http://127.0.0.1:9', DL_MODEL_CACHE: cache });
  assert.equal(status, 1, output);
  assert.match(output, /Xenova\/gpt2: hub unreachable/);
  assert.match(output, /1 not tried/, 'stops after the first network failure');
  assert.match(output, /cannot be reached .* run `npm run models:download` again/);
  assert.doesNotMatch(output, /^\s+at /m);
});

test('npm run models:download -- --list works offline; with everything cached there is nothing to do', () => {
  const cache = cacheWithTinyGpt2AsHubModel();
  cleanup.push(cache);
  const environment = { HF_ENDPOINT: 'http://127.0.0.1:9', DL_MODEL_CACHE: cache };
  const list = downloadScript(['--list', 'gpt2', 'ner'], environment);
  assert.equal(list.status, 0, list.output);
  assert.match(list.output, /^cached\s+Xenova\/gpt2\s+q8/m);
  assert.match(list.output, /^download\s+Xenova\/bert-base-NER\s+q8/m);
  const done = downloadScript(['gpt2'], environment);
  assert.equal(done.status, 0, done.output);
  assert.match(done.output, /Every model is already here/);
  assert.throws(() => selectUses(['--list']));
});
