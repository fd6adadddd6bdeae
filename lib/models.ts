/**
 * Entry point of lib/models for notebooks (`import { loadPipeline } from './lib/models'`): tslab
 * resolves a module path to a file, not to a folder's index.ts. The code is in lib/models/.
 */
export * from './models/index';
