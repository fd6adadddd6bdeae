import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as path from 'path';

test('the committed kernels.wasm files are what assembly/kernels.ts compiles to', () => {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'build.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /kernels-mt-fma\.wasm is up to date/);
});
