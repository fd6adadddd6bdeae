/**
 * lib/models: pretrained transformer models for notebooks 3–5 through transformers.js: one
 * registry of model ids with their dtypes, one loader with a project cache, download progress,
 * offline substitutes and a chat helper with token streaming.
 */
export { DEFAULT_MODELS, LOCAL_MODELS_DIR, MODEL_DTYPES, MODEL_USES, OFFLINE_MODELS, OFFLINE_SUBSTITUTES, isModelDtype, isModelUse } from './registry';
export type { ModelDtype, ModelSpec, ModelUse, OfflineModelName, PipelineTask } from './registry';
export { DTYPE_FILE_SUFFIX, envSuffix, isLocalModelId, localDtypes, resolveModel } from './resolve';
export type { ModelChoice, ModelName, ResolvedModel } from './resolve';
export { MODEL_CACHE_DIR, displayPath, isOffline, loadTransformersModule, modelCacheDir, transformersEnv } from './runtime';
export { isModelCached, loadPipeline, unloadPipelines } from './loader';
export type { LoadOptions, PipelineFor } from './loader';
export { DOWNLOAD_COMMAND, ModelNotAvailableError, PREPARE_COMMAND, networkErrorCode, offlineMessage } from './errors';
export type { ModelUnavailableReason } from './errors';
export { DownloadTracker, formatDownloadProgress } from './progress';
export type { DownloadState, FileProgress, ProgressEvent } from './progress';
export { chat, generate } from './generate';
export { transformersCausalLM } from './causal-lm';
export type { TransformersCache, TransformersGenerator } from './causal-lm';
export type { GenerateOptions, GenerateResult } from './generate';
export { cacheChecker, downloadPlan, formatPlan, planDownloads, selectUses } from './download';
export type { DownloadResult, PlannedModel } from './download';
export { embedSentences } from './embed';
export type { EmbedOptions } from './embed';
export { SMOLLM2_GGUF, loadGguf, loadNodeLlamaCpp } from './llamacpp';
export type { GgufGenerator } from './llamacpp';
export { loadCheckpoint, loadSafetensors, readSafetensorsHeader } from './safetensors';
export type { Checkpoint, Float32Tensor, SafetensorsEntry, SafetensorsHeader } from './safetensors';
