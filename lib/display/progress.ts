/**
 * A progress display that updates ONE output in place (a Jupyter display id), for training loops
 * and downloads. Updates are throttled so a fast loop does not flood the notebook with messages.
 * Introduced in 0_Word_Embeddings.ipynb.
 */
import { displayBundle, escapeHtml, inKernel, newDisplayId } from './bundle';
import { assertString, checkNumber, shown } from '../validate';
import { formatPercent, formatSeconds } from './numbers';

export interface ProgressOptions {
  /** What is being done, e.g. "Skip-gram eğitimi". */
  label: string;
  /** Number of steps when known (epochs, bytes, files); without it only the info text is shown. */
  total?: number;
  /** Minimum milliseconds between two redraws (default 200). */
  throttleMs?: number;
}

export interface Progress {
  /** Reports `done` steps out of `total`, with a short free text such as "kayıp 0,4123". */
  update(done: number, info?: string): void;
  /** Draws the final state (always, regardless of throttling). */
  finish(info?: string): void;
}

/** The text line of a progress state; exported for tests. */
export function progressLine(label: string, done: number, total: number | undefined, elapsedSeconds: number, info = ''): string {
  assertString(label, 'progress: label');
  assertString(info, 'progress: info');
  checkNumber(done, 'progress: done', { min: 0 });
  if (total !== undefined) checkNumber(total, 'progress: total', { min: 0 });
  checkNumber(elapsedSeconds, 'progress: elapsedSeconds', { min: 0 });
  const parts = [label];
  if (total !== undefined && total > 0) {
    const fraction = Math.min(1, Math.max(0, done / total));
    const bar = '█'.repeat(Math.round(fraction * 20)).padEnd(20, '░');
    parts.push(`${bar} ${formatPercent(fraction, 0).padStart(4)} (${done}/${total})`);
    if (done > 0 && done < total) parts.push(`kalan ~${formatSeconds((elapsedSeconds * (total - done)) / done)}`);
  }
  parts.push(`geçen ${formatSeconds(elapsedSeconds)}`);
  if (info) parts.push(info);
  return parts.join(' · ');
}

/** Starts a progress display: `const p = newProgress({ label: 'Eğitim', total: epochs }); p.update(1, 'kayıp 0,52');` */
export function newProgress(options: ProgressOptions): Progress {
  if (options === null || typeof options !== 'object' || typeof options.label !== 'string') {
    throw new TypeError(`newProgress: options { label: 'Eğitim', total?: sayı } gibi bir nesne olmalı; verilen: ${shown(options)}.`);
  }
  if (options.total !== undefined) checkNumber(options.total, 'newProgress: total', { min: 0 });
  const displayId = newDisplayId();
  const started = Date.now();
  const throttleMs = checkNumber(options.throttleMs ?? 200, 'newProgress: throttleMs', { min: 0 });
  const kernel = inKernel();
  let lastDraw = -Infinity;
  let drawn = false;

  const draw = (done: number, info: string | undefined, final: boolean) => {
    const now = Date.now();
    if (!final && now - lastDraw < throttleMs) return;
    lastDraw = now;
    const line = progressLine(options.label, done, options.total, (now - started) / 1000, info);
    if (!kernel) {
      if (final) console.log(line);
      return;
    }
    const bar =
      options.total !== undefined && options.total > 0
        ? `<progress value="${Math.min(done, options.total)}" max="${options.total}" style="width:16em;vertical-align:middle"></progress> `
        : '';
    const html = `<div style="font-family:monospace">${bar}${escapeHtml(line)}</div>`;
    displayBundle({ 'text/html': html, 'text/plain': line }, { displayId, update: drawn });
    drawn = true;
  };

  return {
    update: (done, info) => draw(done, info, false),
    finish: (info) => draw(options.total ?? 0, info, true),
  };
}
