/**
 * transformers.js itself, loaded on first use (it brings onnxruntime-node with it, about a second)
 * and pointed at the project's model cache instead of its default inside node_modules/, which a
 * reinstall wipes. Introduced in 3_Bert_transformers.ipynb.
 */
import * as path from 'path';
import { PROJECT_ROOT, projectPath } from '../paths';
import { assertString, shown } from '../validate';

export type Transformers = typeof import('@huggingface/transformers');

/** The project's model cache: hub downloads land in `<cache>/<owner>/<name>/`. */
export const MODEL_CACHE_DIR = projectPath('.cache', 'models');

/** The model cache in use: `DL_MODEL_CACHE` (absolute, or relative to the project) or `.cache/models/`. */
/** Throws unless `environment` is an object of variables such as process.env; `where` names the caller. */
export function checkEnvironment(environment: unknown, where: string): asserts environment is Record<string, string | undefined> {
  if (environment === null || typeof environment !== 'object' || Array.isArray(environment)) {
    throw new TypeError(`${where}: environment process.env gibi bir nesne olmalı (ör. { DL_MODELS: 'offline' }); verilen: ${shown(environment)}.`);
  }
}

export function modelCacheDir(environment: Record<string, string | undefined> = process.env): string {
  checkEnvironment(environment, 'modelCacheDir');
  const custom = environment.DL_MODEL_CACHE?.trim();
  return custom ? path.resolve(PROJECT_ROOT, custom) : MODEL_CACHE_DIR;
}

let loaded: Transformers | undefined;

/** The transformers.js module (CommonJS build), loaded once. */
export async function loadTransformersModule(): Promise<Transformers> {
  loaded ??= await import('@huggingface/transformers');
  return loaded;
}

/** A path as a learner reads it: relative to the project when inside it. */
export function displayPath(p: string): string {
  assertString(p, 'displayPath(p)');
  const rel = path.relative(PROJECT_ROOT, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') + '/' : p;
}

/** True when downloads are switched off (`DL_OFFLINE=1|true|yes|on`). */
export function isOffline(environment: Record<string, string | undefined> = process.env): boolean {
  checkEnvironment(environment, 'isOffline');
  return /^(1|true|yes|on)$/i.test((environment.DL_OFFLINE ?? '').trim());
}

/**
 * transformers.js with its `env` set for this project: cache and local lookups in `modelCacheDir()`,
 * downloads allowed unless `DL_OFFLINE=1`, hub mirror from `HF_ENDPOINT` if set.
 */
export async function transformersEnv(environment: Record<string, string | undefined> = process.env): Promise<Transformers> {
  const transformers = await loadTransformersModule();
  const { env } = transformers;
  // The same folder for both: a file downloaded into the cache is also found as a local file.
  const cacheDir = modelCacheDir(environment) + path.sep;
  env.cacheDir = cacheDir;
  env.localModelPath = cacheDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = !isOffline(environment);
  const endpoint = environment.HF_ENDPOINT?.trim();
  if (endpoint) env.remoteHost = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  return transformers;
}
