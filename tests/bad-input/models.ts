// lib/models: model resolution and generation with the committed tiny models (offline, no network).
import { chat, generate, loadPipeline, resolveModel } from '../../lib/models';
import { OFFLINE_ENV } from '../../lib/models/testing';
import type { Case } from './cases';
import { missingCases } from './cases';

const HUGE = 'kelime '.repeat(14_286).slice(0, 100_000);
const gpt2 = () => loadPipeline('tiny-gpt2' as never, { environment: OFFLINE_ENV });
const llama = () => loadPipeline('tiny-llama' as never, { environment: OFFLINE_ENV });

export const cases: Case[] = [
  { name: 'resolveModel of a 100 000-character name', run: () => resolveModel(HUGE as never, {}, OFFLINE_ENV) },
  { name: "resolveModel('nope')", run: () => resolveModel('nope' as never, {}, OFFLINE_ENV), mentions: /nope/ },
  { name: "resolveModel with dtype 'fp8'", run: () => resolveModel('fill-mask', { dtype: 'fp8' as never }, {}) },
  { name: 'fill-mask-xlmr offline (no project model has its <mask> token)', run: () => resolveModel('fill-mask-xlmr', {}, OFFLINE_ENV), mentions: /DL_MODEL_FILL_MASK_XLMR/ },
  {
    name: 'an explicit modelId offline is swapped with a warning, not silently',
    run: () => resolveModel('fill-mask', { modelId: 'Xenova/bert-base-turkish-cased' }, OFFLINE_ENV),
    expect: (r) => (/bert-base-turkish-cased/.test((r as { ignored?: string }).ignored ?? '') ? null : 'no note that the modelId was not used'),
  },
  { name: 'DL_MODELS=nonsense', run: () => resolveModel('fill-mask', {}, { DL_MODELS: 'nonsense' }) },
  { name: 'generate with a 100 000-character prompt', run: async () => generate(await gpt2(), HUGE, { maxNewTokens: 2 }), mentions: /token/, timeoutMs: 60_000 },
  { name: 'chat with a 100 000-character message', run: async () => chat(await llama(), HUGE, { maxNewTokens: 2 }), mentions: /token/, timeoutMs: 60_000 },
  { name: 'generate with temperature NaN', run: async () => generate(await gpt2(), 'Bu', { doSample: true, temperature: NaN, maxNewTokens: 2 }), mentions: /temperature/ },
  { name: 'generate with temperature -1', run: async () => generate(await gpt2(), 'Bu', { doSample: true, temperature: -1, maxNewTokens: 2 }), mentions: /temperature/ },
  { name: 'generate with topK 0.5', run: async () => generate(await gpt2(), 'Bu', { doSample: true, topK: 0.5, maxNewTokens: 2 }), mentions: /topK/ },
  { name: 'generate with topP 2', run: async () => generate(await gpt2(), 'Bu', { doSample: true, topP: 2, maxNewTokens: 2 }), mentions: /topP/ },
  { name: 'generate with maxNewTokens NaN', run: async () => generate(await gpt2(), 'Bu', { maxNewTokens: NaN }), mentions: /maxNewTokens/ },
  { name: 'generate with minNewTokens -1', run: async () => generate(await gpt2(), 'Bu', { minNewTokens: -1, maxNewTokens: 2 }), mentions: /minNewTokens/ },
  { name: "generate('')", run: async () => generate(await gpt2(), '') },
  { name: 'generate of whitespace', run: async () => generate(await gpt2(), ' \n ', { maxNewTokens: 2 }), expect: 'any' },
  { name: 'generate of emoji', run: async () => generate(await gpt2(), '😀🎉🔥', { maxNewTokens: 2 }), expect: 'any' },
  ...missingCases('generate(prompt)', (x) => gpt2().then((g) => generate(g, x))),
  { name: 'chat([])', run: async () => chat(await llama(), []) },
  { name: 'chat with a message without content', run: async () => chat(await llama(), [{ role: 'user' } as never], { maxNewTokens: 2 }) },
  ...missingCases('chat(messages)', (x) => llama().then((g) => chat(g, x))),
];

import { embedSentences, formatDownloadProgress, selectUses } from '../../lib/models';

const minilm = () => loadPipeline('minilm' as never, { environment: OFFLINE_ENV });

cases.push(
  { name: "selectUses(['nope'])", run: () => selectUses(['nope']), mentions: /nope/ },
  { name: 'selectUses of a 100 000-character word', run: () => selectUses([HUGE]) },
  { name: 'formatDownloadProgress(null)', run: () => formatDownloadProgress(null as never) },
  { name: 'embedSentences([])', run: async () => embedSentences(await minilm(), []), expect: 'any' },
  { name: "embedSentences([''])", run: async () => embedSentences(await minilm(), ['']), expect: 'any' },
  { name: 'embedSentences(a string)', run: async () => embedSentences(await minilm(), 'kedi' as never) },
  { name: 'embedSentences([null])', run: async () => embedSentences(await minilm(), [null as never]) },
  { name: 'embedSentences of a 100 000-character sentence', run: async () => embedSentences(await minilm(), [HUGE]), expect: 'any', timeoutMs: 60_000 },
  { name: 'embedSentences with batchSize NaN', run: async () => embedSentences(await minilm(), ['a'], { batchSize: NaN }) },
);

// Issue 31 item 6: loader options, download progress events, GGUF options, helpers.
import { DownloadTracker, displayPath, isOffline, loadGguf, modelCacheDir, offlineMessage } from '../../lib/models';

cases.push(
  { name: "loadPipeline with dtype 'fp8' offline (was dropped unseen)", run: () => loadPipeline('fill-mask', { dtype: 'fp8' as never, environment: OFFLINE_ENV }), mentions: /fp8/ },
  { name: "loadPipeline with dtype 'fp8' (transformers.js would load fp32)", run: () => loadPipeline('tiny-gpt2' as never, { dtype: 'fp8' as never, environment: OFFLINE_ENV }), mentions: /fp8/ },
  { name: 'loadPipeline with threads NaN', run: () => loadPipeline('tiny-gpt2' as never, { threads: NaN, environment: OFFLINE_ENV }), mentions: /threads/ },
  { name: 'loadPipeline with threads 1.5', run: () => loadPipeline('tiny-gpt2' as never, { threads: 1.5, environment: OFFLINE_ENV }), mentions: /threads/ },
  { name: 'loadPipeline with options null', run: () => loadPipeline('tiny-gpt2' as never, null as never) },
  { name: 'loadPipeline with modelId 42', run: () => loadPipeline('fill-mask', { modelId: 42 as never, environment: OFFLINE_ENV }), mentions: /modelId/ },
  {
    name: 'a download progress event with NaN bytes prints no NaN',
    run: () => {
      const lines: string[] = [];
      const t = new DownloadTracker('Xenova/gpt2', (line) => lines.push(line), 0);
      t.callback({ status: 'progress', file: 'onnx/model.onnx', loaded: NaN, total: NaN });
      t.callback({ status: 'progress', file: 'config.json', loaded: 10, total: Infinity });
      t.finish();
      return lines.join('\n');
    },
    expect: (r) => (/NaN|Infinity/.test(String(r)) ? `printed ${String(r)}` : null),
  },
  { name: 'DownloadTracker without a line callback', run: () => new DownloadTracker('Xenova/gpt2', null as never), mentions: /onLine/ },
  { name: 'loadGguf with threads NaN', run: () => loadGguf(undefined, { threads: NaN }), mentions: /threads/ },
  { name: 'loadGguf with contextSize -1', run: () => loadGguf(undefined, { contextSize: -1 }), mentions: /contextSize/ },
  { name: 'loadGguf(42)', run: () => loadGguf(42 as never), mentions: /ggufPath/ },
  { name: 'modelCacheDir(null)', run: () => modelCacheDir(null as never), mentions: /environment/ },
  { name: 'isOffline(NaN)', run: () => isOffline(NaN as never), mentions: /environment/ },
  { name: 'displayPath(null)', run: () => displayPath(null as never) },
  { name: 'offlineMessage(null, …)', run: () => offlineMessage(null as never, 'x', 'hub-unreachable'), mentions: /modelId/ },
);
