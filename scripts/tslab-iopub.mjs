// The one line of tslab 1.0.22 that scripts/setup.mjs changes (ensureTslabIopub), kept apart from set-up
// so that tests can read it without running set-up.
/**
 * tslab's output socket, made lossless. zeromq 6 lets 512 sends in a row resolve at once, then makes the next
 * one wait for the event loop; while it waits, every other send on that socket throws EBUSY. tslab's output
 * (iopub) socket only sends, so this comes once every 512 outputs of a kernel's life; tslab does not await its
 * sends, and Node's console swallows a write that throws. Outputs in that window were silently lost: printed
 * text, a cell's error message, the final "idle" status — in CI a cell failed with no text (the "textless
 * failures" scripts/run_notebooks.py repeats), in JupyterLab a cell could stay "busy" forever (a classroom
 * attendee's notebook 3 did, 2026-12-07). With sendTimeout 0 a send never waits (a PUB socket never blocks),
 * and with sendHighWaterMark 0 a burst is queued, not dropped. tests/tslab-iopub.test.ts floods the kernel
 * and checks every line arrives, and that tslab as published loses them.
 */
export const TSLAB_IOPUB = {
  file: ['node_modules', 'tslab', 'dist', 'jupyter.js'],
  published: 'this.iopub = new zmq.Publisher();',
  fixed: 'this.iopub = new zmq.Publisher({ sendTimeout: 0, sendHighWaterMark: 0 }); // dl-course: scripts/setup.mjs',
};
