// lib/transformer reaches lib/tf only through its op-level face, lib/tf/ops.ts (fusedLayerNorm,
// fusedSoftmaxCrossEntropy, clipByGlobalNorm, …, all re-exported by lib/tf.ts), never its internals
// (tf/wasm/heap, tf/kernels/fork_rows, …): the kernels stay behind one fence. Test files may import helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

/** The `from '…'` specifiers of a TypeScript file's imports and re-exports. */
export function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map((m) => m[1]);
}

/** The imports of `source` (a file of lib/transformer) that reach into lib/tf/ past its op-level face. */
export function tfInternals(source: string): string[] {
  return importsOf(source).filter((spec) => /^\.\.\/tf\/|(^|\/)lib\/tf\//.test(spec) && !/^\.\.\/tf\/ops$/.test(spec));
}

test('lib/transformer imports lib/tf only through lib/tf/ops.ts', () => {
  const dir = __dirname;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  assert.ok(files.length >= 10, `found ${files.length} source files`);
  const crossings = files.flatMap((f) => tfInternals(fs.readFileSync(path.join(dir, f), 'utf8')).map((spec) => `${f} → ${spec}`));
  assert.deepEqual(crossings, []);
});

test('negative control: the check sees an import of lib/tf internals', () => {
  const source = "import * as tf from '@tensorflow/tfjs';\nimport { kernelHeap } from '../tf/wasm/heap';\n" +
    "import {\n  forkRows,\n} from '../tf/kernels/fork_rows';\nimport { fusedLayerNorm } from '../tf/ops';\n";
  assert.deepEqual(tfInternals(source), ['../tf/wasm/heap', '../tf/kernels/fork_rows']);
});
