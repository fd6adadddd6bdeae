// Type-checks every code cell of the notebooks with tslab's own compiler (TypeScript 5.0, its
// target, module and lib settings), cell after cell exactly as the kernel does, without running
// anything. A type error is then reported in seconds, before a kernel starts.
//   node scripts/typecheck-notebooks.mjs [NOTEBOOK...]   (default: notebooks/*.ipynb)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const { createConverter } = require('tslab/dist/converter');

/** Diagnostics of one notebook as readable lines ([] when it type-checks). */
export function typecheckNotebook(notebook) {
  const file = path.resolve(notebook);
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  const cwd = process.cwd();
  // tslab compiles with rootDir = the kernel's working directory, the notebook's folder.
  process.chdir(path.dirname(file));
  const converter = createConverter();
  const problems = [];
  try {
    let prevDecl = '';
    nb.cells.forEach((cell, index) => {
      if (cell.cell_type !== 'code') return;
      const src = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      const result = converter.convert(prevDecl, src);
      for (const d of result.diagnostics) {
        const where = d.fileName ? `${d.fileName}:${d.start.line + 1}` : `cell ${index} line ${d.start.line + 1}`;
        problems.push(`${path.relative(ROOT, file)} ${where}: TS${d.code} ${d.messageText}`);
      }
      if (result.diagnostics.length === 0) prevDecl = result.declOutput ?? '';
    });
  } finally {
    converter.close();
    process.chdir(cwd);
  }
  return problems;
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = path.join(ROOT, 'notebooks');
  const files = args.length ? args : fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(dir, f));
  let failed = 0;
  for (const file of files) {
    const problems = typecheckNotebook(file);
    console.log(`${problems.length ? '✗' : '✓'} types: ${path.relative(ROOT, file)}`);
    for (const p of problems) console.log(`  ${p}`);
    failed += problems.length ? 1 : 0;
  }
  process.exit(failed ? 1 : 0);
}
