/**
 * `npm run models:download`: fetch every default model of the registry into the project cache
 * once, so a classroom can then work offline. The plan (which models, which are already cached)
 * is computed without a network; the download itself is transformers.js loading each pipeline
 * with the registry's dtype, which is exactly the set of files a notebook later needs.
 * Introduced in 3_Bert_transformers.ipynb.
 */
import { DEFAULT_MODELS, MODEL_USES, isModelUse } from './registry';
import type { ModelSpec, ModelUse } from './registry';
import { isModelCached } from './loader';
import { resolveModel } from './resolve';
import type { ResolvedModel } from './resolve';
import { networkErrorCode } from './errors';
import { DownloadTracker } from './progress';
import { checkEnvironment, modelCacheDir, transformersEnv } from './runtime';
import { assertStringArray, shown } from '../validate';

/** One model of the download plan. */
export interface PlannedModel {
  /** Registry uses served by this model (several uses may share one model). */
  uses: ModelUse[];
  model: ResolvedModel;
  sizeMB?: number;
  cached: boolean;
}

/** Registry uses from command-line words; no words means every use. Unknown words throw. */
export function selectUses(words: string[]): ModelUse[] {
  assertStringArray(words, 'selectUses(words)');
  if (words.length === 0) return [...MODEL_USES];
  const unknown = words.filter((w) => !isModelUse(w));
  if (unknown.length) throw new RangeError(`Bilinmeyen model kullanımı: ${unknown.map((w) => shown(w, 40)).join(', ')}; şunlardan birini seçin: ${MODEL_USES.join(', ')}.`);
  return [...new Set(words as ModelUse[])];
}

/**
 * Which hub models the given uses need, one entry per distinct (id, task, dtype, file), each
 * marked cached or not by `isCached`. Folders on disk (an environment override pointing at a
 * local model) need no download and are left out.
 */
export async function planDownloads(
  uses: ModelUse[],
  isCached: (model: ResolvedModel) => Promise<boolean>,
  environment: Record<string, string | undefined> = process.env,
): Promise<PlannedModel[]> {
  assertStringArray(uses, 'planDownloads(uses)');
  checkFunction(isCached, 'planDownloads(isCached)');
  checkEnvironment(environment, 'planDownloads');
  // The plan is about the hub defaults, so DL_MODELS=offline must not swap them for local ones.
  const env = { ...environment, DL_MODELS: undefined };
  const plan = new Map<string, PlannedModel>();
  for (const use of uses) {
    const model = resolveModel(use, {}, env);
    if (model.source === 'local') continue;
    const key = JSON.stringify([model.location, model.task, model.dtype, model.modelFileName ?? null]);
    const entry = plan.get(key);
    if (entry) entry.uses.push(use);
    else plan.set(key, { uses: [use], model, sizeMB: model.origin === 'registry' ? (DEFAULT_MODELS[use] as ModelSpec).sizeMB : undefined, cached: false });
  }
  const entries = [...plan.values()];
  for (const entry of entries) entry.cached = await isCached(entry.model);
  return entries;
}

function checkPlan(plan: unknown, where: string): asserts plan is PlannedModel[] {
  if (!Array.isArray(plan)) throw new TypeError(`${where}(plan) planDownloads(...) sonucu bir dizi olmalı; verilen: ${shown(plan)}.`);
}

function checkFunction(value: unknown, name: string): void {
  if (typeof value !== 'function') throw new TypeError(`${name} bir fonksiyon olmalı; verilen: ${shown(value)}.`);
}

/** A table of the plan as text lines (status, id, dtype, size, uses). */
export function formatPlan(plan: PlannedModel[]): string[] {
  checkPlan(plan, 'formatPlan');
  const rows = plan.map((p) => [p.cached ? 'cached' : 'download', p.model.id, p.model.dtype, p.sizeMB !== undefined ? `~${p.sizeMB} MB` : '?', p.uses.join(', ')]);
  const header = ['status', 'model', 'dtype', 'size', 'used for'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const missing = plan.filter((p) => !p.cached);
  const mb = missing.reduce((s, p) => s + (p.sizeMB ?? 0), 0);
  return [line(header), ...rows.map(line), `${plan.length} models, ${missing.length} to download (~${mb} MB known).`];
}

/** Outcome of downloading one planned model. */
export interface DownloadResult {
  id: string;
  ok: boolean;
  error?: string;
}

/**
 * Downloads every model of `plan` that is not cached, reporting progress lines through `onLine`.
 * Stops at the first network failure (the hub is unreachable: every other model would fail the
 * same way) and returns one result per attempted model.
 */
export async function downloadPlan(
  plan: PlannedModel[],
  onLine: (line: string, final: boolean) => void,
  environment: Record<string, string | undefined> = process.env,
): Promise<DownloadResult[]> {
  checkPlan(plan, 'downloadPlan');
  checkFunction(onLine, 'downloadPlan(onLine)');
  checkEnvironment(environment, 'downloadPlan');
  const transformers = await transformersEnv({ ...environment, DL_OFFLINE: undefined });
  const results: DownloadResult[] = [];
  for (const entry of plan) {
    if (entry.cached) continue;
    const { model } = entry;
    const tracker = new DownloadTracker(model.id, onLine);
    try {
      const pipe = await transformers.pipeline(model.task, model.location, {
        dtype: model.dtype,
        ...(model.modelFileName ? { model_file_name: model.modelFileName } : {}),
        cache_dir: modelCacheDir(environment),
        progress_callback: tracker.callback,
      });
      tracker.finish();
      await pipe.dispose();
      results.push({ id: model.id, ok: true });
    } catch (err) {
      const code = networkErrorCode(err);
      results.push({ id: model.id, ok: false, error: code ? `hub unreachable (${code})` : err instanceof Error ? err.message : String(err) });
      if (code) break;
    }
  }
  return results;
}

/** `isModelCached` bound to an environment, for `planDownloads`. */
export function cacheChecker(environment: Record<string, string | undefined> = process.env): (model: ResolvedModel) => Promise<boolean> {
  checkEnvironment(environment, 'cacheChecker');
  return (model) => isModelCached(model, environment);
}
