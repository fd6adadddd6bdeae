// The bad-input suite: what attendees type that nobody planned for, tried on lib/'s public exports.
// Every case ends in one of five outcomes, counted and printed at the end:
//   clear error      an Error of at most 500 characters that is not an engine's internal message
//   sensible result  legal (maybe degenerate) input answered without NaN/Infinity, and `check` agrees
//   cryptic error    an engine message (Cannot read properties…, onnxruntime, toFixed…) or a flood
//   silent wrong     a result where an error was due, NaN/Infinity in the result, or `check` disagrees
//   hang             no answer within the case's time limit
// Only the first two pass. Cases live in tests/bad-input/*.ts (one file per lib area, each exporting
// `cases`): a new lib module joins by adding a file there — see tests/bad-input/cases.ts for the shape.
// BAD_INPUT_VERBOSE=1 prints every case's outcome and message (to read what attendees will see).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { classify, OUTCOMES } from './bad-input/cases';
import type { Case, Outcome } from './bad-input/cases';

const dir = path.join(__dirname, 'bad-input');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'cases.ts').sort();
const counts = new Map<Outcome, number>(OUTCOMES.map((o) => [o, 0]));
const byArea = new Map<string, Map<Outcome, number>>();

for (const file of files) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { cases } = require(path.join(dir, file)) as { cases: Case[] };
  const area = path.basename(file, '.ts');
  for (const c of cases) {
    test(`${area}: ${c.name}`, { timeout: (c.timeoutMs ?? 20_000) + 5_000 }, async () => {
      const { outcome, detail } = await classify(c);
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      const areaCounts = byArea.get(area) ?? new Map<Outcome, number>(OUTCOMES.map((o) => [o, 0]));
      areaCounts.set(outcome, (areaCounts.get(outcome) ?? 0) + 1);
      byArea.set(area, areaCounts);
      if (process.env.BAD_INPUT_VERBOSE) console.log(`${area}: ${c.name} → ${outcome}: ${detail}`);
      assert.ok(outcome === 'clear error' || outcome === 'sensible result', `${outcome}: ${detail}`);
    });
  }
}

after(() => {
  const line = (m: Map<Outcome, number>) => OUTCOMES.map((o) => `${m.get(o) ?? 0} ${o}`).join(', ');
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`bad-input suite: ${total} cases: ${line(counts)}`);
  for (const [area, m] of byArea) console.log(`  ${area}: ${line(m)}`);
});
