/**
 * Download progress of a model as ONE line of text ("Xenova/gpt2 · 2/5 dosya · 45,1/120,3 MB · %37"),
 * built from transformers.js's `progress_callback` events (initiate → download → progress… → done
 * per file). The formatting is a pure function so it is tested without a network; where the line
 * goes (a notebook display updated in place, a terminal line rewritten with \r) is the caller's choice.
 * Introduced in 3_Bert_transformers.ipynb.
 */
import { formatNumber } from '../display/numbers';
import { assertString, checkNumber, shown } from '../validate';

/** Bytes loaded so far of one file (total 0 while unknown). */
export interface FileProgress {
  file: string;
  loaded: number;
  total: number;
  done: boolean;
}

/** The state of one model's download. */
export interface DownloadState {
  modelId: string;
  files: FileProgress[];
}

function formatMB(bytes: number): string {
  return formatNumber(bytes / 1e6, { digits: 1 });
}

/**
 * One line describing a download: files finished / files seen, MB loaded / MB known, percent.
 * Totals grow while transformers.js discovers files, so the percent is of the bytes known so far.
 */
export function formatDownloadProgress(state: DownloadState): string {
  if (state === null || typeof state !== 'object' || !Array.isArray(state.files)) {
    throw new TypeError(`formatDownloadProgress: state { modelId, files: [{ file, loaded, total, done }] } biçiminde olmalı; verilen: ${shown(state)}.`);
  }
  const files = state.files;
  const doneFiles = files.filter((f) => f.done).length;
  const loaded = files.reduce((s, f) => s + f.loaded, 0);
  const total = files.reduce((s, f) => s + Math.max(f.total, f.loaded), 0);
  const parts = [state.modelId, `${doneFiles}/${files.length} dosya`];
  if (total > 0) {
    parts.push(`${formatMB(loaded)}/${formatMB(total)} MB`);
    parts.push(`%${Math.floor((100 * loaded) / total)}`);
  }
  const current = files.find((f) => !f.done && f.loaded > 0);
  if (current) parts.push(current.file);
  return parts.join(' · ');
}

/** The subset of transformers.js's ProgressInfo events this module reads. */
export interface ProgressEvent {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

function isProgressEvent(value: unknown): value is ProgressEvent {
  return typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'string';
}

function finiteOrZero(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0;
}

/** Keeps a DownloadState up to date from progress events and reports a line, at most every `throttleMs`. */
export class DownloadTracker {
  readonly state: DownloadState;
  private lastEmit = -Infinity;
  private lastLine = '';

  /**
   * @param modelId shown at the start of the line
   * @param onLine receives each new line (`final` true for the last one)
   * @param throttleMs minimum milliseconds between two lines, except the final one
   */
  constructor(modelId: string, private readonly onLine: (line: string, final: boolean) => void, private readonly throttleMs = 250) {
    assertString(modelId, 'DownloadTracker(modelId)');
    if (typeof onLine !== 'function') throw new TypeError(`DownloadTracker: onLine (satır, bitti) => { … } biçiminde bir fonksiyon olmalı; verilen: ${shown(onLine)}.`);
    checkNumber(throttleMs, 'DownloadTracker: throttleMs', { min: 0 });
    this.state = { modelId, files: [] };
  }

  /** Pass this as transformers.js's `progress_callback`. */
  readonly callback = (info: unknown): void => {
    if (!isProgressEvent(info) || info.file === undefined) return;
    const file = this.file(info.file);
    if (info.status === 'progress') {
      // A byte count that is not a finite number (a broken event) is unknown, not NaN in the line.
      file.loaded = Math.max(file.loaded, finiteOrZero(info.loaded));
      file.total = Math.max(file.total, finiteOrZero(info.total));
    } else if (info.status === 'done') {
      file.done = true;
      file.loaded = Math.max(file.loaded, file.total);
    } else if (info.status !== 'initiate' && info.status !== 'download') {
      return;
    }
    this.emit(false);
  };

  /** Reports the final line (always, regardless of throttling). */
  finish(): void {
    this.emit(true);
  }

  private file(name: string): FileProgress {
    let f = this.state.files.find((x) => x.file === name);
    if (!f) {
      f = { file: name, loaded: 0, total: 0, done: false };
      this.state.files.push(f);
    }
    return f;
  }

  private emit(final: boolean): void {
    const now = Date.now();
    if (!final && now - this.lastEmit < this.throttleMs) return;
    const line = formatDownloadProgress(this.state);
    if (!final && line === this.lastLine) return;
    this.lastEmit = now;
    this.lastLine = line;
    this.onLine(line, final);
  }
}
