import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { ModelNotAvailableError } from './errors';
import { generate } from './generate';
import { isModelCached, loadPipeline, unloadPipelines } from './loader';
import { resolveModel } from './resolve';
import { loadTransformersModule } from './runtime';
import { cacheWithTinyGpt2AsHubModel, emptyCache } from './testing';

const cleanup: string[] = [];
after(async () => {
  await unloadPipelines();
  for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
});

function isUnavailable(reason: ModelNotAvailableError['reason'], ...mustMention: string[]) {
  return (err: unknown) => {
    assert.ok(err instanceof ModelNotAvailableError, `expected ModelNotAvailableError, got ${String(err)}`);
    assert.equal(err.reason, reason);
    for (const text of mustMention) assert.ok(err.message.includes(text), `message should mention ${text}: ${err.message}`);
    assert.equal(err.stack, `ModelNotAvailableError: ${err.message}`, 'no stack frames for the learner');
    assert.ok(!err.message.includes('\n'), 'one paragraph');
    return true;
  };
}

test('offline with the model missing: one message naming the model and the download command', async () => {
  const cache = emptyCache();
  cleanup.push(cache);
  const environment = { DL_OFFLINE: '1', DL_MODEL_CACHE: cache };
  await assert.rejects(loadPipeline('fill-mask', { environment }), isUnavailable('offline-not-cached', 'Xenova/bert-base-multilingual-cased', 'npm run models:download'));
  const { env } = await loadTransformersModule();
  assert.equal(env.allowRemoteModels, false);
  assert.equal(env.cacheDir, `${cache}/`);
});

test('hub unreachable with the model missing: the same advice, no stack dump', async () => {
  const cache = emptyCache();
  cleanup.push(cache);
  // Port 9 (discard) on localhost refuses at once: a deterministic "no network".
  const environment = { HF_ENDPOINT: 'http://127.0.0.1:9', DL_MODEL_CACHE: cache };
  await assert.rejects(loadPipeline('gpt2', { environment }), isUnavailable('hub-unreachable', 'Xenova/gpt2', 'npm run models:download'));
});

test('a hub model already in the project cache loads offline by its registry id and dtype', async () => {
  const cache = cacheWithTinyGpt2AsHubModel();
  cleanup.push(cache);
  const environment = { DL_OFFLINE: '1', DL_MODEL_CACHE: cache };
  const model = resolveModel('gpt2', {}, environment);
  assert.equal(await isModelCached(model, environment), true);
  assert.equal(await isModelCached({ ...model, dtype: 'q4' }, environment), false, 'no model_q4.onnx in the cache');
  const gpt2 = await loadPipeline('gpt2', { environment });
  const out = await generate(gpt2, 'Bu hafta sonu', { maxNewTokens: 8 });
  assert.ok(out.tokenIds.length >= 1 && out.tokenIds.length <= 8);
  assert.equal(await loadPipeline('gpt2', { environment }), gpt2, 'loaded once, then reused');
});

test('a local folder without the requested dtype lists the dtypes it has', async () => {
  await assert.rejects(loadPipeline('tiny-bert', { dtype: 'q4', environment: { DL_OFFLINE: '1' } }), isUnavailable('dtype-missing', 'models/tiny/bert', 'fp32, q8'));
});

test('a prepared model that was never built points to npm run models:prepare', async () => {
  const environment = { DL_OFFLINE: '1', DL_MODEL_CHAT: '.cache/models/local/not-built-yet' };
  await assert.rejects(loadPipeline('chat', { environment }), isUnavailable('local-missing', '.cache/models/local/not-built-yet', 'npm run models:prepare'));
});

test('the error prints as one line in a kernel (console.error uses util.inspect)', async () => {
  const { inspect } = await import('util');
  const err = new ModelNotAvailableError('"a/b" modeli bu bilgisayarda yok.', 'a/b', 'offline-not-cached');
  assert.equal(inspect(err), '[ModelNotAvailableError: "a/b" modeli bu bilgisayarda yok.]');
  assert.equal(err.modelId, 'a/b');
  assert.equal(err.reason, 'offline-not-cached');
  assert.ok(err instanceof Error);
});

test('a disposed pipeline leaves the cache: loading it again gives a new, working session (a re-run cell)', async () => {
  const environment = { DL_OFFLINE: '1' };
  const first = await loadPipeline('tiny-gpt2', { environment });
  assert.equal(await loadPipeline('tiny-gpt2', { environment }), first, 'loaded once, then reused');
  await first.dispose();
  const again = await loadPipeline('tiny-gpt2', { environment });
  assert.notEqual(again, first, 'not the disposed pipeline');
  const out = await generate(again, 'Bu hafta sonu', { maxNewTokens: 4 });
  assert.ok(out.tokenIds.length >= 1 && out.tokenIds.length <= 4);
  let disposed = 0;
  const dispose = again.dispose.bind(again);
  again.dispose = async () => { disposed++; await dispose(); };
  await unloadPipelines();
  assert.equal(disposed, 1, 'unloadPipelines disposes a loaded pipeline (a callable object, not a plain one)');
});
