// A probe of lib's public exports with bad input (issue 31 item 6): every exported function and
// class of the areas below is called with NaN, null and Infinity in each parameter position (the
// other parameters left out) and judged by tests/bad-input/cases.ts's `classify`:
// clear error / silent wrong (returned instead of refusing) / cryptic error / hang.
// A clear error is also checked for language: Turkish (issue 27) or not.
// Usage: DL_MODELS=offline node --import tsx scripts/probe-exports.ts [LIB_DIR] [--list]
import * as path from 'path';
import { classify } from '../tests/bad-input/cases';

const AREAS = ['text', 'data', 'tf', 'embeddings', 'plot', 'display', 'models'];
const BAD: [string, unknown][] = [['NaN', NaN], ['null', null], ['Infinity', Infinity]];
const TURKISH = /[çğıöşüÇĞİÖŞÜ]|olmalı|verilen|gelen|değil|verin/;

async function main(): Promise<void> {
  const libDir = path.resolve(process.argv.find((a, i) => i >= 2 && !a.startsWith('--')) ?? path.join(__dirname, '..', 'lib'));
  const list = process.argv.includes('--list');
  const totals = { clear: 0, english: 0, silent: 0, cryptic: 0, hang: 0 };
  const origLog = console.log;
  for (const area of AREAS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(libDir, `${area}.ts`)) as Record<string, unknown>;
    const counts = { clear: 0, english: 0, silent: 0, cryptic: 0, hang: 0 };
    for (const [name, value] of Object.entries(mod).sort()) {
      if (typeof value !== 'function' || name === 'tf') continue;
      const source = Function.prototype.toString.call(value);
      const isClass = /^class\b/.test(source);
      const arity = isClass ? Math.max(1, value.length) : value.length;
      if (!isClass && /^(async\s+)?function\s*\*?\s*\w*\s*\(\s*\)/.test(source)) continue; // takes nothing
      if (isClass && !/\bconstructor\s*\(/.test(source)) continue; // takes nothing
      // Predicates (isX) and error classes answer any value by design; networkErrorCode classifies any thrown value.
      if (/^is[A-Z]/.test(name) || value.prototype instanceof Error || name === 'networkErrorCode') continue;
      for (let pos = 0; pos < Math.max(1, arity); pos++) {
        for (const [label, bad] of BAD) {
          const args = Array.from({ length: pos + 1 }, (_, i) => (i === pos ? bad : undefined));
          // Any answer counts as silent here, so the probe only says what type came back.
          const run = async () => {
            const r = isClass
              ? new (value as new (...a: unknown[]) => unknown)(...args)
              : await (value as (...a: unknown[]) => unknown)(...args);
            return `returned ${r === null ? 'null' : typeof r}`;
          };
          console.log = () => {}; // showX helpers print bundles
          const { outcome, detail } = await classify({ name, run, timeoutMs: 5000 });
          console.log = origLog;
          const key = outcome === 'clear error' ? (TURKISH.test(detail) ? 'clear' : 'english')
            : outcome === 'silent wrong' || outcome === 'sensible result' ? 'silent' : outcome === 'hang' ? 'hang' : 'cryptic';
          counts[key]++;
          if (list && key !== 'clear') origLog(`${key}\t${area}.${name}(arg ${pos} = ${label})\t${detail.slice(0, 160)}`);
        }
      }
    }
    origLog(`${area}: ${counts.clear} clear (Turkish), ${counts.english} clear (English), ${counts.silent} silent, ${counts.cryptic} cryptic, ${counts.hang} hang`);
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += counts[k];
  }
  const n = Object.values(totals).reduce((a, b) => a + b, 0);
  origLog(`TOTAL ${n} cases: ${totals.clear} clear (Turkish), ${totals.english} clear (English), ${totals.silent} silent, ${totals.cryptic} cryptic, ${totals.hang} hang`);
  process.exit(0);
}

void main();
