/**
 * `reportAsyncFailures()`: writes the reason of a rejected promise that nobody awaited to stderr, in Turkish,
 * so that a cell failed by it says why. tslab 1.0.22 reports a failed cell only in its reply status; a fresh-clone
 * run of notebook 3 once stopped at its attention-heatmap cell (synchronous code) with a failed status and no text,
 * which fits a rejection from earlier async work (cause not found). The text contains "Unhandled", which
 * scripts/run_notebooks.py reads as an error in the cell that was running.
 */
let installed = false;

/** The message printed for one unhandled rejection (exported for the test). */
export function asyncFailureText(reason: unknown): string {
  const what = reason instanceof Error ? reason.stack ?? `${reason.name}: ${reason.message}` : String(reason);
  return `UnhandledRejection: beklenmeyen bir async hata; await edilmemiş bir promise reddedildi (çalışan hücre bunu başlatmamış olabilir). Neden: ${what}`;
}

/** Installs the handler once per kernel; later calls do nothing. */
export function reportAsyncFailures(): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => console.error(asyncFailureText(reason)));
}
