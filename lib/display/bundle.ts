/**
 * Sending rich output (several MIME types at once) to the notebook, with a plain-text fallback
 * outside a kernel (unit tests, scripts). Everything lib/ shows goes through `displayBundle`.
 */
import * as crypto from 'crypto';
import { shown } from '../validate';

/** A Jupyter MIME bundle: MIME type → content (string, or an object for JSON types). */
export type MimeBundle = Record<string, unknown>;

interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}
type WriteDisplayData = (msg: DisplayMessage, update: boolean) => void;

/**
 * tslab's public `display.raw` sends one MIME type per output; a plot also needs HTML and text
 * fallbacks for exported notebooks, so we call the writer tslab installs for the running cell.
 * (tslab 1.0.22, dist/jupyter.js: `lastWriteDisplayData`.)
 */
function kernelWriter(): WriteDisplayData | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const jupyter: { lastWriteDisplayData?: WriteDisplayData | null } = require('tslab/dist/jupyter');
    return jupyter.lastWriteDisplayData ?? null;
  } catch {
    return null;
  }
}

/** True inside a running tslab kernel cell. */
export function inKernel(): boolean {
  return kernelWriter() !== null;
}

/**
 * Shows `bundle` as a cell output. With `displayId`, later calls with the same id replace that
 * output in place (`update: true`). Outside a kernel, prints the `text/plain` entry instead.
 */
export function displayBundle(bundle: MimeBundle, options: { displayId?: string; update?: boolean } = {}): void {
  if (bundle === null || typeof bundle !== 'object' || Array.isArray(bundle)) {
    throw new TypeError(`displayBundle(bundle) { 'text/plain': '…', 'text/html': '…' } gibi bir MIME nesnesi olmalı; verilen: ${shown(bundle)}.`);
  }
  const write = kernelWriter();
  if (write === null) {
    const text = bundle['text/plain'];
    if (typeof text === 'string') console.log(text);
    return;
  }
  const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
  write({ data: bundle, metadata: {}, transient }, options.update ?? false);
}

/** A fresh id for an output that will be updated in place. */
export function newDisplayId(): string {
  return crypto.randomBytes(8).toString('hex');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  if (typeof text !== 'string') {
    throw new TypeError(`escapeHtml(text) bir metin olmalı; verilen: ${shown(text)}. Sayı ya da nesneyi önce String(...) ile metne çevirin.`);
  }
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
