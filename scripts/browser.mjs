// What the browser tests share: finding Chromium, a JupyterLab from .venv on a free local port
// (its own settings, runtime and workspace folders under `work`), and launching headless Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { jupyterEnv, ROOT, rootFlag, VENV_BIN } from './setup.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));

const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (found || process.env.CI !== 'true') return found;
  // CI machines start bare: install Debian's Chromium (root there).
  console.log('[browser] installing Debian chromium for the browser tests…');
  spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return candidates.find((p) => fs.existsSync(p));
}

/** A persistent headless Chromium context (profile in `profileDir`). */
export function launchChromium(executablePath, profileDir, viewport = { width: 1400, height: 1000 }) {
  const { chromium } = require('playwright-core');
  return chromium.launchPersistentContext(profileDir, { executablePath, headless: true, args: CHROMIUM_FLAGS, viewport });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`JupyterLab exited early with code ${proc.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`JupyterLab did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * JupyterLab serving `work` on a free port: `{ base, token, log, stop() }`. The server log goes to
 * work/jupyter.log; `stop()` ends the server's process group.
 */
export async function startJupyterLab(work) {
  for (const sub of ['runtime', 'settings', 'workspaces']) fs.mkdirSync(path.join(work, '.jupyter', sub), { recursive: true });
  // Fresh user settings: what a newcomer sees comes from the project's defaults (setup.mjs LAB_SETTINGS).

  const port = await freePort();
  const token = randomBytes(12).toString('hex');
  const jupyter = spawn(
    path.join(VENV_BIN, 'jupyter'),
    ['lab', '--no-browser', `--port=${port}`, '--ip=127.0.0.1', `--ServerApp.root_dir=${work}`,
      `--IdentityProvider.token=${token}`, '--LabApp.expose_app_in_browser=True', '--ServerApp.port_retries=0', ...rootFlag()],
    {
      cwd: work,
      env: jupyterEnv({
        JUPYTER_RUNTIME_DIR: path.join(work, '.jupyter', 'runtime'),
        JUPYTERLAB_SETTINGS_DIR: path.join(work, '.jupyter', 'settings'),
        JUPYTERLAB_WORKSPACES_DIR: path.join(work, '.jupyter', 'workspaces'),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const log = path.join(work, 'jupyter.log');
  const serverLog = fs.createWriteStream(log);
  jupyter.stdout.pipe(serverLog);
  jupyter.stderr.pipe(serverLog);
  const stop = () => {
    try {
      process.kill(-jupyter.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${base}/api/status?token=${token}`, jupyter, 60_000);
  } catch (err) {
    stop();
    throw err;
  }
  return { base, token, log, stop };
}
