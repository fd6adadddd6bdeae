/**
 * What every benchmark shares: the median of timed runs, and bench/results.md, where each
 * benchmark owns one `## NAME` section, ending with its RESULT line, and rewrites only that one.
 */
import * as fs from 'fs';
import { projectPath } from '../lib/paths';

export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/**
 * Ends a benchmark: its `## name` section of bench/results.md (the given lines, then the RESULT
 * line in a code block) replaces the old one, keeping the other sections; the RESULT line is
 * printed last.
 */
export function writeResults(name: string, lines: string[], result: string): void {
  const file = projectPath('bench', 'results.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const section = [`## ${name}`, '', ...lines, '', '```', result, '```', ''].join('\n');
  const start = old.search(new RegExp(`^## ${name}\\s*$`, 'm'));
  if (start < 0) {
    fs.writeFileSync(file, `${old.trimEnd()}\n\n${section}`);
  } else {
    const next = old.slice(start + 1).search(/^## /m);
    fs.writeFileSync(file, next < 0 ? old.slice(0, start) + section : `${old.slice(0, start)}${section}\n${old.slice(start + 1 + next)}`);
  }
  console.log(result);
}
