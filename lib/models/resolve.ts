/**
 * Which model a notebook call really loads. Notebook code names a use ('fill-mask', 'chat', …);
 * the environment may swap the model without touching the notebook:
 *
 *   DL_MODEL_<USE>=id-or-folder   e.g. DL_MODEL_FILL_MASK=models/tiny/bert   (strongest)
 *   DL_DTYPE_<USE>=q8|q4|fp32|…   the ONNX variant to load for that use
 *   DL_MODELS=offline             every use switches to its offline substitute (registry.ts)
 *
 * Then an id passed in code, then the registry default. A folder may be absolute or relative to
 * the project; anything else is a Hugging Face hub id. Introduced in 3_Bert_transformers.ipynb.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ModelNotAvailableError } from './errors';
import { PROJECT_ROOT } from '../paths';
import { assertObject, assertString, shown } from '../validate';
import {
  DEFAULT_MODELS,
  MODEL_DTYPES,
  OFFLINE_MODELS,
  OFFLINE_SUBSTITUTES,
  isModelDtype,
  isModelUse,
} from './registry';
import type { ModelDtype, ModelSpec, ModelUse, OfflineModelName, PipelineTask } from './registry';
import { checkEnvironment } from './runtime';

/** A model use from the registry, or the name of one of the project's offline models. */
export type ModelName = ModelUse | OfflineModelName;

/** What `resolveModel` decided. */
export interface ResolvedModel {
  /** The use or offline model name that was asked for. */
  name: ModelName;
  /** The id as written (hub id, or folder relative to the project when inside it). */
  id: string;
  /** 'local' for a folder on disk, 'hub' for a hub id (downloaded into the cache). */
  source: 'local' | 'hub';
  /** What transformers.js is given: the hub id, or the folder's absolute path. */
  location: string;
  task: PipelineTask;
  dtype: ModelDtype;
  modelFileName?: string;
  /** Where the choice came from, for messages. */
  origin: 'registry' | 'argument' | 'environment' | 'offline';
  /** What was asked for in code but not used (DL_MODELS=offline swapped it), for a printed warning. */
  ignored?: string;
}

/** Options of `resolveModel` / `loadPipeline` that choose the model. */
export interface ModelChoice {
  /** A hub id or a folder, instead of the registry default. */
  modelId?: string;
  /** The ONNX variant, instead of the registry's dtype. */
  dtype?: ModelDtype;
}

function isOfflineName(name: string): name is OfflineModelName {
  return Object.prototype.hasOwnProperty.call(OFFLINE_MODELS, name);
}

/** `fill-mask` → `FILL_MASK`, the suffix of the DL_MODEL_ / DL_DTYPE_ variables. */
export function envSuffix(name: string): string {
  assertString(name, 'envSuffix(name)');
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

const HUB_ID = /^[\w.-]+\/[\w.-]+$/;

/** True when `id` names a folder on disk rather than a hub repository. */
export function isLocalModelId(id: string): boolean {
  assertString(id, 'isLocalModelId(id)');
  if (path.isAbsolute(id) || id.startsWith('.') || !HUB_ID.test(id)) return true;
  return fs.existsSync(path.join(PROJECT_ROOT, id));
}

function specOf(name: ModelName): ModelSpec {
  if (isModelUse(name)) return DEFAULT_MODELS[name];
  if (isOfflineName(name)) return OFFLINE_MODELS[name];
  const known = [...Object.keys(DEFAULT_MODELS), ...Object.keys(OFFLINE_MODELS)].join(', ');
  throw new RangeError(`Bilinmeyen model adı: ${shown(name)}. Bilinen adlar: ${known}.`);
}

function parseDtype(value: string, from: string): ModelDtype {
  if (!isModelDtype(value)) throw new RangeError(`${from}=${shown(value)} bir dtype değil; şunlardan birini kullanın: ${MODEL_DTYPES.join(', ')}.`);
  return value;
}

/**
 * Decides which model, dtype and file a call loads (pure apart from checking whether a folder
 * exists). `environment` defaults to `process.env`; tests pass their own.
 */
export function resolveModel(name: ModelName, choice: ModelChoice = {}, environment: Record<string, string | undefined> = process.env): ResolvedModel {
  assertString(name, 'resolveModel(name)');
  assertObject(choice, 'model seçenekleri');
  checkEnvironment(environment, 'resolveModel');
  if (choice.modelId !== undefined && (typeof choice.modelId !== 'string' || choice.modelId.trim() === '')) {
    throw new TypeError(`modelId bir hub kimliği ya da klasör yolu olmalı (ör. 'Xenova/gpt2'); verilen: ${shown(choice.modelId)}.`);
  }
  // Checked before any branch: offline the dtype is replaced, but a typo must not pass unseen.
  if (choice.dtype !== undefined) parseDtype(choice.dtype, 'dtype');
  const spec = specOf(name);
  const suffix = envSuffix(name);
  const envId = environment[`DL_MODEL_${suffix}`]?.trim();
  const envDtype = environment[`DL_DTYPE_${suffix}`]?.trim();
  const mode = (environment.DL_MODELS ?? '').trim().toLowerCase();
  if (mode !== '' && mode !== 'offline' && mode !== 'default') {
    throw new RangeError(`DL_MODELS=${shown(environment.DL_MODELS)} anlaşılmadı; "offline" (projenin kendi modelleri) verin ya da boş bırakın.`);
  }

  let chosen: ModelSpec;
  let origin: ResolvedModel['origin'];
  let ignored: string | undefined;
  if (envId) {
    chosen = { ...spec, id: envId, dtype: envDtype ? parseDtype(envDtype, `DL_DTYPE_${suffix}`) : spec.dtype, modelFileName: undefined };
    origin = 'environment';
  } else if (mode === 'offline' && isModelUse(name)) {
    const substitute = OFFLINE_SUBSTITUTES[name];
    if (!substitute) {
      throw new ModelNotAvailableError(
        `"${name}" için projede çevrimdışı bir yedek model yok (DL_MODELS=offline). ` +
          `Bu hücre için internete bağlıyken \`npm run models:download\` çalıştırın ya da DL_MODEL_${suffix} ile bir model klasörü gösterin.`,
        spec.id,
        'no-offline-substitute',
      );
    }
    chosen = { ...OFFLINE_MODELS[substitute] };
    if (envDtype) chosen.dtype = parseDtype(envDtype, `DL_DTYPE_${suffix}`);
    origin = 'offline';
    const asked = [choice.modelId && `modelId ${shown(choice.modelId)}`, choice.dtype && choice.dtype !== chosen.dtype && `dtype ${shown(choice.dtype)}`]
      .filter(Boolean);
    if (asked.length > 0) {
      ignored = `DL_MODELS=offline: "${name}" için istenen ${asked.join(' ve ')} yerine projenin çevrimdışı modeli ` +
        `"${substitute}" (${chosen.id}, ${chosen.dtype}) yüklendi. O modeli kullanmak için DL_MODELS'i kaldırın ya da DL_MODEL_${suffix} ile gösterin.`;
    }
  } else {
    chosen = { ...spec };
    origin = 'registry';
    if (choice.modelId) {
      chosen.id = choice.modelId;
      chosen.modelFileName = undefined;
      origin = 'argument';
    }
    if (choice.dtype) chosen.dtype = parseDtype(choice.dtype, 'dtype');
    if (envDtype) chosen.dtype = parseDtype(envDtype, `DL_DTYPE_${suffix}`);
  }

  const local = isLocalModelId(chosen.id);
  const location = local ? path.resolve(PROJECT_ROOT, chosen.id) : chosen.id;
  const relative = path.relative(PROJECT_ROOT, location);
  const id = local && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : chosen.id;
  return {
    name,
    id,
    source: local ? 'local' : 'hub',
    location,
    task: chosen.task,
    dtype: chosen.dtype,
    ...(chosen.modelFileName ? { modelFileName: chosen.modelFileName } : {}),
    origin,
    ...(ignored ? { ignored } : {}),
  };
}

/** Suffix transformers.js appends to the ONNX file name for each dtype (fp32 → model.onnx, q8 → model_quantized.onnx). */
export const DTYPE_FILE_SUFFIX: Readonly<Record<ModelDtype, string>> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/** The dtypes whose `onnx/<base><suffix>.onnx` file exists in a local model folder. */
export function localDtypes(folder: string, baseName = 'model'): ModelDtype[] {
  assertString(folder, 'localDtypes(folder)');
  assertString(baseName, 'localDtypes(baseName)');
  const onnxDir = path.join(folder, 'onnx');
  if (!fs.existsSync(onnxDir)) return [];
  const files = new Set(fs.readdirSync(onnxDir));
  return MODEL_DTYPES.filter((d) => files.has(`${baseName}${DTYPE_FILE_SUFFIX[d]}.onnx`));
}
