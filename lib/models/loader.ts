/**
 * The one way notebooks 3–5 load a pretrained model: `await loadPipeline('fill-mask')`.
 *
 * - The model comes from the registry (registry.ts), unless the environment swaps it (resolve.ts).
 * - Downloads go to the project folder `.cache/models/` (git-ignored), not transformers.js's default
 *   inside node_modules/ which a reinstall wipes; the same folder is where files are looked up.
 * - A download shows one progress line updated in place (lib/display's newProgress).
 * - Offline (`DL_OFFLINE=1`, or the hub unreachable) with the model missing: a one-paragraph
 *   ModelNotAvailableError naming the model and `npm run models:download`.
 *
 * transformers.js (https://huggingface.co/docs/transformers.js) runs the ONNX files with
 * onnxruntime-node on the CPU. Introduced in 3_Bert_transformers.ipynb.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AllTasks, PretrainedModelOptions } from '@huggingface/transformers';
import { newProgress } from '../display';
import { ModelNotAvailableError, PREPARE_COMMAND, networkErrorCode, offlineMessage } from './errors';
import { DownloadTracker } from './progress';
import { DEFAULT_MODELS, LOCAL_MODELS_DIR, OFFLINE_MODELS } from './registry';
import type { ModelUse, OfflineModelName } from './registry';
import { DTYPE_FILE_SUFFIX, localDtypes, resolveModel } from './resolve';
import { checkEnvironment, displayPath, isOffline, modelCacheDir, transformersEnv } from './runtime';
import { assertObject, checkNumber, shown } from '../validate';
import type { ModelChoice, ModelName, ResolvedModel } from './resolve';

/** The pipeline class transformers.js returns for a model name's task, e.g. FillMaskPipeline for 'fill-mask'. */
export type PipelineFor<N extends ModelName> = N extends ModelUse
  ? AllTasks[(typeof DEFAULT_MODELS)[N]['task']]
  : N extends OfflineModelName
    ? AllTasks[(typeof OFFLINE_MODELS)[N]['task']]
    : never;

/** Options of `loadPipeline`. */
export interface LoadOptions extends ModelChoice {
  /** Receives download progress lines instead of the default in-place display. */
  onProgress?: (line: string, final: boolean) => void;
  /** ONNX Runtime threads for this model (default: `DL_THREADS`, else onnxruntime's own choice). */
  threads?: number;
  /** The environment to read DL_* variables from (default `process.env`). */
  environment?: Record<string, string | undefined>;
}

const cache = new Map<string, Promise<unknown>>();

/**
 * Loads (once per kernel) the pipeline for a model use, e.g.
 * `const unmasker = await loadPipeline('fill-mask'); await unmasker('Ankara [MASK] başkentidir.')`.
 * `options.modelId` / `options.dtype` pick another model or ONNX variant.
 * Introduced in 3_Bert_transformers.ipynb.
 */
export async function loadPipeline<N extends ModelName>(name: N, options: LoadOptions = {}): Promise<PipelineFor<N>> {
  assertObject(options, 'loadPipeline options');
  const environment = options.environment ?? process.env;
  const model = resolveModel(name, options, environment);
  if (model.ignored) console.log(`Uyarı: ${model.ignored}`);
  if (options.threads !== undefined) checkNumber(options.threads, 'loadPipeline: threads', { integer: true, min: 1 });
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new TypeError(`loadPipeline: onProgress (satır, bitti) => { … } biçiminde bir fonksiyon olmalı; verilen: ${shown(options.onProgress)}.`);
  }
  const threads = options.threads ?? parseThreads(environment.DL_THREADS);
  const where = model.source === 'hub' ? modelCacheDir(environment) : null;
  const key = JSON.stringify([model.task, model.location, where, model.dtype, model.modelFileName ?? null, threads ?? null]);
  let pending = cache.get(key);
  if (!pending) {
    const created: Promise<unknown> = createPipeline(model, threads, options.onProgress, environment).then((pipe) => {
      forgetOnDispose(pipe, () => { if (cache.get(key) === created) cache.delete(key); });
      return pipe;
    });
    pending = created;
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return (await pending) as PipelineFor<N>;
}

/**
 * Makes a pipeline's own `dispose()` also drop it from the cache: loading the same model again after
 * `await pipe.dispose()` (a re-run cell) then builds a new session instead of returning the disposed one.
 */
function forgetOnDispose(pipe: unknown, forget: () => void): void {
  const dispose = disposerOf(pipe);
  if (dispose) (pipe as { dispose: () => Promise<unknown> }).dispose = () => { forget(); return dispose(); };
}

/** The pipeline's own `dispose`, bound, or null when it has none. */
function disposerOf(pipe: unknown): (() => Promise<unknown>) | null {
  // A transformers.js pipeline is callable: typeof 'function', not 'object' (checking 'object' alone never found one).
  if ((typeof pipe !== 'object' && typeof pipe !== 'function') || pipe === null || !('dispose' in pipe) || typeof pipe.dispose !== 'function') return null;
  return pipe.dispose.bind(pipe) as () => Promise<unknown>;
}

/** Disposes every pipeline loaded by `loadPipeline` (frees the ONNX sessions). */
export async function unloadPipelines(): Promise<void> {
  const all = [...cache.values()];
  cache.clear();
  for (const p of all) {
    await disposerOf(await p.catch(() => undefined))?.();
  }
}

function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`DL_THREADS=${shown(value)} pozitif bir tam sayı olmalı (ör. 2); değişkeni düzeltin ya da kaldırın.`);
  return n;
}

/** True when a hub model's files for this task and dtype are all in the project cache. */
export async function isModelCached(model: ResolvedModel, environment: Record<string, string | undefined> = process.env): Promise<boolean> {
  if (model === null || typeof model !== 'object' || typeof model.location !== 'string') {
    throw new TypeError(`isModelCached(model) resolveModel(...) sonucu olmalı; verilen: ${shown(model)}.`);
  }
  checkEnvironment(environment, 'isModelCached');
  if (model.source === 'local') return localDtypes(model.location, model.modelFileName).includes(model.dtype);
  const { ModelRegistry } = await transformersEnv(environment);
  return ModelRegistry.is_pipeline_cached(model.task, model.location, {
    dtype: model.dtype,
    cache_dir: modelCacheDir(environment) + path.sep,
    ...(model.modelFileName ? { model_file_name: model.modelFileName } : {}),
  }).catch(() => false);
}

function checkLocalFolder(model: ResolvedModel): void {
  const base = model.modelFileName ?? 'model';
  if (!fs.existsSync(path.join(model.location, 'config.json'))) {
    const prepared = model.id.startsWith(LOCAL_MODELS_DIR);
    throw new ModelNotAvailableError(
      prepared
        ? `Model klasörü "${model.id}" henüz yok: bu model PyPI paketlerinden dönüştürülerek hazırlanır. Proje klasöründe \`${PREPARE_COMMAND}\` komutunu bir kez çalıştırın.`
        : `Model klasörü "${model.id}" bulunamadı (config.json yok). Klasör yolunu kontrol edin.`,
      model.id,
      'local-missing',
    );
  }
  const available = localDtypes(model.location, base);
  if (!available.includes(model.dtype)) {
    throw new ModelNotAvailableError(
      `"${model.id}" klasöründe dtype "${model.dtype}" için onnx/${base}${DTYPE_FILE_SUFFIX[model.dtype]}.onnx yok; ` +
        `bulunanlar: ${available.length ? available.join(', ') : 'hiçbiri'}. dtype seçeneğini ya da DL_DTYPE_… değişkenini buna göre verin.`,
      model.id,
      'dtype-missing',
    );
  }
}

async function createPipeline(
  model: ResolvedModel,
  threads: number | undefined,
  onProgress: LoadOptions['onProgress'],
  environment: Record<string, string | undefined>,
): Promise<unknown> {
  const transformers = await transformersEnv(environment);
  const options: PretrainedModelOptions = { dtype: model.dtype };
  if (model.modelFileName) options.model_file_name = model.modelFileName;
  if (threads !== undefined) options.session_options = { intraOpNumThreads: threads, interOpNumThreads: 1 };

  if (model.source === 'local') {
    checkLocalFolder(model);
    return transformers.pipeline(model.task, model.location, options);
  }

  const cached = await isModelCached(model, environment);
  if (!cached && isOffline(environment)) {
    throw new ModelNotAvailableError(offlineMessage(model.id, displayPath(modelCacheDir(environment)), 'offline-not-cached'), model.id, 'offline-not-cached');
  }
  let tracker: DownloadTracker | undefined;
  if (!cached) {
    const sink = onProgress ?? displaySink();
    tracker = new DownloadTracker(model.id, sink);
    options.progress_callback = tracker.callback;
  }
  try {
    const pipe = await transformers.pipeline(model.task, model.location, options);
    tracker?.finish();
    return pipe;
  } catch (err) {
    const network = networkErrorCode(err);
    if (network !== undefined) {
      throw new ModelNotAvailableError(offlineMessage(model.id, displayPath(modelCacheDir(environment)), 'hub-unreachable', network), model.id, 'hub-unreachable');
    }
    throw err;
  }
}

/** Download progress in a notebook: one display line updated in place. */
function displaySink(): (line: string, final: boolean) => void {
  const progress = newProgress({ label: 'Model indiriliyor' });
  return (line, final) => (final ? progress.finish(line) : progress.update(0, line));
}
