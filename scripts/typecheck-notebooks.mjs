// Type-checks every code cell of the notebooks with tslab's own compiler (TypeScript 5.0, its
// target, module and lib settings), cell after cell exactly as the kernel does, without running
// anything. A type error is then reported in seconds, before a kernel starts.
// A notebook with reference solutions (solutions/<name>.ts, blocks starting `// cevap: N.M`) is checked a
// second time with its answer cells replaced by them, as the solutions run of `npm test` executes it.
//   node scripts/typecheck-notebooks.mjs [NOTEBOOK...]   (default: notebooks/*.ipynb)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const { createConverter } = require('tslab/dist/converter');

const ANSWER_MARK = /^\/\/ cevap: (\d+\.\d+)\b/m;

/** {exercise id: block} of a solutions file, as scripts/run_notebooks.py reads it. */
function solutionBlocks(file) {
  const text = fs.readFileSync(file, 'utf8');
  const marks = [...text.matchAll(new RegExp(ANSWER_MARK.source, 'gm'))];
  return Object.fromEntries(marks.map((m, k) => [m[1], text.slice(m.index, marks[k + 1]?.index ?? text.length).trim() + '\n']));
}

/** Diagnostics of one notebook as readable lines ([] when it type-checks); `solutions` fills its answer cells. */
export function typecheckNotebook(notebook, solutions = null) {
  const file = path.resolve(notebook);
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (solutions) {
    const blocks = solutionBlocks(solutions);
    for (const cell of nb.cells) {
      const m = cell.cell_type === 'code' && ANSWER_MARK.exec(Array.isArray(cell.source) ? cell.source.join('') : cell.source);
      if (m && m.index === 0) cell.source = blocks[m[1]] ?? cell.source;
    }
  }
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
        const where = (d.fileName ? `${d.fileName}:${d.start.line + 1}` : `cell ${index} line ${d.start.line + 1}`) + (solutions ? ' (with solutions)' : '');
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
    const solutions = path.join(ROOT, 'solutions', path.basename(file, '.ipynb') + '.ts');
    const problems = [...typecheckNotebook(file), ...(fs.existsSync(solutions) ? typecheckNotebook(file, solutions) : [])];
    console.log(`${problems.length ? '✗' : '✓'} types: ${path.relative(ROOT, file)}${fs.existsSync(solutions) ? ' (and with its solutions)' : ''}`);
    for (const p of problems) console.log(`  ${p}`);
    failed += problems.length ? 1 : 0;
  }
  process.exit(failed ? 1 : 0);
}
