import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROJECT_ROOT, projectPath } from '../paths';
import { ModelNotAvailableError } from './errors';
import { envSuffix, isLocalModelId, resolveModel } from './resolve';

test('with no overrides the registry default and its dtype are used', () => {
  const m = resolveModel('fill-mask', {}, {});
  assert.deepEqual(
    { id: m.id, source: m.source, location: m.location, task: m.task, dtype: m.dtype, origin: m.origin },
    { id: 'Xenova/bert-base-multilingual-cased', source: 'hub', location: 'Xenova/bert-base-multilingual-cased', task: 'fill-mask', dtype: 'q8', origin: 'registry' },
  );
  assert.equal(resolveModel('gpt2-small', {}, {}).modelFileName, 'decoder_model_merged');
});

test('an id and dtype given in code replace the default', () => {
  const m = resolveModel('chat', { modelId: 'HuggingFaceTB/SmolLM2-360M-Instruct', dtype: 'fp32' }, {});
  assert.equal(m.id, 'HuggingFaceTB/SmolLM2-360M-Instruct');
  assert.equal(m.dtype, 'fp32');
  assert.equal(m.origin, 'argument');
  // A model id from code never inherits the default's special file name.
  assert.equal(resolveModel('gpt2-small', { modelId: 'Xenova/gpt2' }, {}).modelFileName, undefined);
});

test('DL_MODEL_<USE> and DL_DTYPE_<USE> win over code; folders resolve inside the project', () => {
  const env = { DL_MODEL_FILL_MASK: 'models/tiny/bert', DL_DTYPE_FILL_MASK: 'fp32' };
  const m = resolveModel('fill-mask', { modelId: 'Xenova/xlm-roberta-base', dtype: 'q8' }, env);
  assert.equal(m.source, 'local');
  assert.equal(m.location, projectPath('models', 'tiny', 'bert'));
  assert.equal(m.id, 'models/tiny/bert');
  assert.equal(m.dtype, 'fp32');
  assert.equal(m.origin, 'environment');
  assert.equal(envSuffix('sentence-embeddings-e5'), 'SENTENCE_EMBEDDINGS_E5');
});

test('DL_MODELS=offline swaps each use for the project model that stands in for it', () => {
  const env = { DL_MODELS: 'offline' };
  assert.equal(resolveModel('fill-mask', {}, env).id, 'models/tiny/bert');
  assert.equal(resolveModel('gpt2', {}, env).id, 'models/tiny/gpt2');
  const chat = resolveModel('chat', { dtype: 'fp32' }, env);
  assert.equal(chat.id, '.cache/models/local/SmolLM2-135M-Instruct');
  assert.equal(chat.dtype, 'q4', 'the substitute keeps its own dtype');
  assert.equal(chat.origin, 'offline');
  assert.match(chat.ignored ?? '', /istenen dtype "fp32" yerine .*"smollm2"/, 'and the loader says so');
  const explicit = resolveModel('fill-mask', { modelId: 'Xenova/bert-base-turkish-cased' }, env);
  assert.match(explicit.ignored ?? '', /modelId "Xenova\/bert-base-turkish-cased"/);
  assert.equal(resolveModel('gpt2', {}, env).ignored, undefined);
  assert.equal(resolveModel('sentence-embeddings', {}, env).location, projectPath('.cache', 'models', 'local', 'all-MiniLM-L6-v2'));
});

test('DL_MODELS=offline with no substitute is a clear ModelNotAvailableError', () => {
  assert.throws(
    () => resolveModel('translation-tr-en', {}, { DL_MODELS: 'offline' }),
    (err: unknown) => err instanceof ModelNotAvailableError && err.reason === 'no-offline-substitute' && /DL_MODEL_TRANSLATION_TR_EN/.test(err.message),
  );
});

test('bad values say what is wrong', () => {
  assert.throws(() => resolveModel('fill-mask', {}, { DL_DTYPE_FILL_MASK: 'int3' }), /DL_DTYPE_FILL_MASK="int3" bir dtype değil/);
  assert.throws(() => resolveModel('fill-mask', {}, { DL_MODELS: 'online' }), /DL_MODELS="online"/);
  // @ts-expect-error an unknown name is a type error, and a runtime error for plain-JS callers
  assert.throws(() => resolveModel('bert-large', {}, {}), /Bilinmeyen model adı: "bert-large"/);
});

test('isLocalModelId tells folders from hub ids', () => {
  assert.equal(isLocalModelId('Xenova/gpt2'), false);
  assert.equal(isLocalModelId('models/tiny/gpt2'), true);
  assert.equal(isLocalModelId('models/tiny'), true, 'exists in the project, although shaped like owner/name');
  assert.equal(isLocalModelId('./anything'), true);
  assert.equal(isLocalModelId(PROJECT_ROOT), true);
});
