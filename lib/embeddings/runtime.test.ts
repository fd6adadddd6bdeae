/**
 * tslab compiles lib/ itself to CommonJS (no tsx there). This test does the same with the
 * TypeScript compiler and trains from the result with plain `node`, on one thread and on worker
 * threads, to prove that nothing at run time depends on a TypeScript loader.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { PROJECT_ROOT } from '../paths';

function compileTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'fixtures') compileTree(source, path.join(to, entry.name));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      const { outputText } = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      fs.mkdirSync(to, { recursive: true });
      fs.writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), outputText);
    } else if (entry.name.endsWith('.wat')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, path.join(to, entry.name));
    }
  }
}

describe('lib/embeddings compiled to plain CommonJS', () => {
  it('trains on one thread and on worker threads under plain node', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'embeddings-cjs-'));
    try {
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'dil-modelleri-ts' }));
      compileTree(path.join(PROJECT_ROOT, 'lib', 'embeddings'), path.join(root, 'lib', 'embeddings'));
      compileTree(path.join(PROJECT_ROOT, 'lib', 'text'), path.join(root, 'lib', 'text'));
      for (const entry of ['paths', 'validate', 'random', 'wasm', 'embeddings']) {
        const js = ts.transpileModule(fs.readFileSync(path.join(PROJECT_ROOT, 'lib', `${entry}.ts`), 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        });
        fs.writeFileSync(path.join(root, 'lib', `${entry}.js`), js.outputText);
      }
      const corpus = path.join(PROJECT_ROOT, 'lib', 'embeddings', 'fixtures', 'topics_tr.txt');
      const script = `
        const fs = require('fs');
        const { trainWord2Vec, trainFastText } = require('./lib/embeddings');
        const sentences = fs.readFileSync(${JSON.stringify(corpus)}, 'utf8').trim().split('\\n').map((l) => l.split(' '));
        (async () => {
          const options = { dim: 16, epochs: 5, minCount: 1, sample: 0 };
          const one = await trainWord2Vec(sentences, options);
          const two = await trainWord2Vec(sentences, { ...options, workers: 2, architecture: 'skipgram' });
          const ft = await trainFastText(sentences, { ...options, workers: 2, buckets: 1000 });
          console.log(JSON.stringify({ one: one.stats.workers, two: two.stats.workers, ft: ft.vector('kitaplarımızdan').length,
            finite: [...one.vectors, ...two.vectors].every(Number.isFinite) }));
        })().catch((e) => { console.error(e); process.exit(1); });`;
      const result = spawnSync(process.execPath, ['-e', script], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NODE_PATH: path.join(PROJECT_ROOT, 'node_modules'), NODE_OPTIONS: '' },
        timeout: 60_000,
      });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout.trim()), { one: 1, two: 2, ft: 16, finite: true });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
