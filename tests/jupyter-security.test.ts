// `npm start` serves JupyterLab to this machine only (127.0.0.1) and only with a token: anyone who
// reaches a Jupyter server can run code as the user. Starts the real server on a free port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { PROJECT_ROOT } from '../lib/paths';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Local addresses (hex "ADDR:PORT" of /proc/net/tcp{,6}) listening on `port`. */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8').split('\n').slice(1).map((l) => l.trim().split(/\s+/))
        .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A') // 0A: LISTEN
        .map((f) => f[1])
      : [],
  );
}

test('npm start: JupyterLab listens on 127.0.0.1 only and refuses requests without its token', { skip: process.platform !== 'linux' && 'reads /proc/net/tcp', timeout: 120_000 }, async () => {
  const port = await freePort();
  const lab = spawn(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'start.mjs'), '--port', String(port)], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  lab.stdout.on('data', (d) => (output += d));
  lab.stderr.on('data', (d) => (output += d));
  try {
    const token = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const found = output.match(/[?&]token=([0-9a-f]{16,})/);
        if (found) {
          clearInterval(timer);
          resolve(found[1]);
        }
      }, 200);
      lab.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing a link with a token:\n${output}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/api/status`)).status, 403, 'the API answers without the token');
    assert.equal((await fetch(`${base}/api/status?token=wrong${token}`)).status, 403, 'the API accepts a wrong token');
    assert.equal((await fetch(`${base}/api/status?token=${token}`)).status, 200);
    // 0100007F is 127.0.0.1 as /proc writes it; nothing may listen on 0.0.0.0, :: or another interface.
    assert.deepEqual([...new Set(listeners(port))], [`0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`]);
  } finally {
    lab.kill('SIGTERM');
    await new Promise((resolve) => (lab.exitCode !== null ? resolve(null) : lab.once('exit', resolve)));
  }
});
