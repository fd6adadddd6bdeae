// tslab's output socket (scripts/setup.mjs, ensureTslabIopub): a cell that prints many lines at once must
// deliver every line and the kernel's final "idle" status. As published, tslab 1.0.22 loses everything after
// ~500 messages of a burst (zeromq 6 throws EBUSY once a send has to wait, and the console swallows it): the
// negative control runs a copy of tslab with the published line and must lose lines.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PROJECT_ROOT } from '../lib/paths';
import { TSLAB_IOPUB } from '../scripts/tslab-iopub.mjs';

const LINES = 2000;
const PYTHON = path.join(PROJECT_ROOT, '.venv', process.platform === 'win32' ? 'Scripts' : 'bin', process.platform === 'win32' ? 'python.exe' : 'python');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-iopub-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Runs one flooding cell in a fresh kernel; what reached the client (lines of stdout, whether "idle" came). */
function flood(kernelName: string, env: NodeJS.ProcessEnv = {}, cwd = PROJECT_ROOT): { lines: number; idle: boolean } {
  const client = `
import json, queue
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name=${JSON.stringify(kernelName)}, cwd=${JSON.stringify(cwd)})
try:
    msg_id = kc.execute("for (let i = 0; i < ${LINES}; i++) console.log('satır ' + i);")
    lines, idle = 0, False
    while True:
        try:
            m = kc.get_iopub_msg(timeout=15)
        except queue.Empty:
            break
        if m['parent_header'].get('msg_id') != msg_id:
            continue
        if m['msg_type'] == 'stream':
            lines += m['content']['text'].count('\\n')
        if m['msg_type'] == 'status' and m['content']['execution_state'] == 'idle':
            idle = True
            break
    print(json.dumps({'lines': lines, 'idle': idle}))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
`;
  const run = spawnSync(PYTHON, ['-c', client], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  assert.equal(run.status, 0, `the flooding client failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

test(`the course's kernel delivers all ${LINES} lines of a burst and its idle status`, () => {
  const source = fs.readFileSync(path.join(PROJECT_ROOT, ...TSLAB_IOPUB.file), 'utf8');
  assert.ok(source.includes(TSLAB_IOPUB.fixed), 'set-up has not made tslab\'s output socket lossless');
  assert.deepEqual(flood('tslab'), { lines: LINES, idle: true });
});

test('negative control: tslab as published loses the burst\'s later lines and the idle status', () => {
  // A copy of the installed tslab with the published line back, registered under another name; its other
  // dependencies (zeromq, typescript) resolve from the project's node_modules through NODE_PATH.
  const copy = path.join(scratch, 'node_modules', 'tslab');
  fs.cpSync(path.join(PROJECT_ROOT, 'node_modules', 'tslab'), copy, { recursive: true });
  const file = path.join(copy, ...TSLAB_IOPUB.file.slice(2));
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(TSLAB_IOPUB.fixed, TSLAB_IOPUB.published));
  const spec = path.join(scratch, 'jupyter', 'kernels', 'tslab-published');
  fs.mkdirSync(spec, { recursive: true });
  fs.writeFileSync(path.join(spec, 'kernel.json'), JSON.stringify({
    argv: [process.execPath, path.join(copy, 'bin', 'tslab'), 'kernel', '--config-path', '{connection_file}'],
    display_name: 'tslab as published',
    language: 'typescript',
  }));
  // cwd: tslab hands over to a node_modules/tslab it finds above the working folder, here the copy itself.
  const got = flood('tslab-published', { JUPYTER_PATH: path.join(scratch, 'jupyter'), NODE_PATH: path.join(PROJECT_ROOT, 'node_modules') }, scratch);
  assert.ok(got.lines < LINES && !got.idle, `tslab as published delivered ${got.lines} of ${LINES} lines, idle ${got.idle}: the control no longer shows the loss`);
});
