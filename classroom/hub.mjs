// The classroom's hub as a library: its installs (classroom/.venv-hub, classroom/hub/node_modules), the
// Docker network, starting and stopping JupyterHub. Used by classroom/classroom.mjs (the teacher's
// commands), classroom/test.mjs and bench/classroom.ts. Only Node built-ins here.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLASSROOM = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(CLASSROOM);
export const SETTINGS = JSON.parse(fs.readFileSync(path.join(CLASSROOM, 'settings.json'), 'utf8'));
const HUB_DIR = path.join(CLASSROOM, 'hub');
const HUB_VENV = path.join(CLASSROOM, '.venv-hub');
export const DEFAULT_STATE = path.join(CLASSROOM, '.state');

/** A classroom failure: one clear message saying what to do. */
export class ClassroomError extends Error {}

const say = (line) => console.log(`[classroom] ${line}`);

/** `docker ARGS…`, its stdout trimmed; throws with docker's message unless `ok` allows the failure. */
export function docker(args, { ok = false, input } = {}) {
  const r = spawnSync(process.env.DOCKER ?? 'docker', args, { encoding: 'utf8', input, maxBuffer: 64 << 20 });
  if (r.error) throw new ClassroomError(`docker is not installed (${r.error.message}).\n→ sudo apt-get install docker.io`);
  if (r.status !== 0 && !ok) throw new ClassroomError(`docker ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.status === 0 ? r.stdout.trim() : null;
}

export function daemonReachable() {
  const r = spawnSync(process.env.DOCKER ?? 'docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

function run(cmd, args, what, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error || r.status !== 0) throw new ClassroomError(`${what} failed (${cmd} ${args.join(' ')}).\n→ Check the connection to PyPI / npm and run again.`);
}

const hash = (...files) => createHash('sha256').update(files.map((f) => fs.readFileSync(f, 'utf8')).join('\0')).digest('hex').slice(0, 16);

/** classroom/.venv-hub from hub/requirements.txt and hub/node_modules from hub/package-lock.json, each with a stamp. */
export function ensureHubInstall() {
  const venvStamp = path.join(HUB_VENV, '.stamp');
  const wantVenv = hash(path.join(HUB_DIR, 'requirements.txt'));
  if (!fs.existsSync(venvStamp) || fs.readFileSync(venvStamp, 'utf8') !== wantVenv) {
    say('installing JupyterHub, DockerSpawner, NativeAuthenticator, idle culler into classroom/.venv-hub…');
    run('python3', ['-m', 'venv', HUB_VENV], 'Creating classroom/.venv-hub');
    run(path.join(HUB_VENV, 'bin', 'pip'), ['install', '-q', '--disable-pip-version-check', '-r', path.join(HUB_DIR, 'requirements.txt')], 'Installing the hub');
    fs.writeFileSync(venvStamp, wantVenv);
  }
  const npmStamp = path.join(HUB_DIR, 'node_modules', '.stamp');
  const wantNpm = hash(path.join(HUB_DIR, 'package.json'), path.join(HUB_DIR, 'package-lock.json'));
  if (!fs.existsSync(npmStamp) || fs.readFileSync(npmStamp, 'utf8') !== wantNpm) {
    say('installing configurable-http-proxy into classroom/hub/node_modules…');
    run('npm', ['ci', '--no-audit', '--no-fund'], 'Installing configurable-http-proxy', { cwd: HUB_DIR });
    fs.writeFileSync(npmStamp, wantNpm);
  }
}

/**
 * The classroom's bridge network, created if missing. `--internal`: attendees' containers reach the hub
 * and each other's nothing else — no internet (the course runs on its offline models), and the host
 * reaches them through the bridge. Returns the gateway, the hub's address on that network.
 */
export function ensureNetwork(name) {
  if (docker(['network', 'inspect', name], { ok: true }) === null) {
    docker(['network', 'create', '--internal', '--label', 'dl-course=classroom', name]);
  }
  const gateway = docker(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Gateway}}{{end}}', name]);
  if (!gateway) throw new ClassroomError(`The Docker network ${name} has no gateway address.\n→ docker network rm ${name}, then start again.`);
  return gateway;
}

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts JupyterHub in the background (its own process group; log in STATE/jupyterhub.log) and waits
 * until it answers. Options: ip, port, state, auth ('native' | 'dummy'), password (dummy), image,
 * network, prefix (containers and volumes), memLimit (instead of classroom/settings.json's). Returns { url, state, pid, prefix, network, stop() }.
 */
export async function startHub({ ip = '0.0.0.0', port = 8000, state = DEFAULT_STATE, auth = 'native', password, image, network = SETTINGS.network, prefix, memLimit, proxyApiPort, hubPort } = {}) {
  ensureHubInstall();
  if (docker(['image', 'inspect', image ?? SETTINGS.image], { ok: true }) === null) {
    throw new ClassroomError(`The course image ${image ?? SETTINGS.image} is not built.\n→ npm run classroom -- build`);
  }
  fs.mkdirSync(state, { recursive: true });
  const pidFile = path.join(state, 'jupyterhub.pid');
  if (fs.existsSync(pidFile) && alive(Number(fs.readFileSync(pidFile, 'utf8')))) {
    throw new ClassroomError(`A hub already runs from ${state} (pid ${fs.readFileSync(pidFile, 'utf8').trim()}).\n→ npm run classroom -- stop`);
  }
  const hubIp = ensureNetwork(network);
  const env = {
    ...process.env,
    CLASSROOM_STATE: state,
    CLASSROOM_IP: ip,
    CLASSROOM_PORT: String(port),
    CLASSROOM_HUB_IP: hubIp,
    CLASSROOM_HUB_PORT: String(hubPort ?? (await freePort(hubIp))),
    CLASSROOM_PROXY_API_PORT: String(proxyApiPort ?? (await freePort())),
    CLASSROOM_AUTH: auth,
    CLASSROOM_NETWORK: network,
    ...(password ? { CLASSROOM_DUMMY_PASSWORD: password } : {}),
    ...(image ? { CLASSROOM_IMAGE: image } : {}),
    ...(prefix ? { CLASSROOM_PREFIX: prefix } : {}),
    ...(memLimit ? { CLASSROOM_MEM_LIMIT: memLimit } : {}),
  };
  const log = fs.openSync(path.join(state, 'jupyterhub.log'), 'a');
  const hub = spawn(path.join(HUB_VENV, 'bin', 'jupyterhub'), ['-f', path.join(HUB_DIR, 'jupyterhub_config.py')], {
    cwd: state, env, detached: true, stdio: ['ignore', log, log],
  });
  hub.unref();
  fs.closeSync(log);
  const url = `http://${ip === '0.0.0.0' ? '127.0.0.1' : ip}:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (hub.exitCode !== null || !alive(hub.pid)) throw new ClassroomError(`JupyterHub exited at start.\n→ See ${path.join(state, 'jupyterhub.log')}`);
    try {
      if ((await fetch(`${url}/hub/api/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new ClassroomError(`JupyterHub did not answer at ${url} within 120 s.\n→ See ${path.join(state, 'jupyterhub.log')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, state, pid: hub.pid, prefix: prefix ?? SETTINGS.containerPrefix, network, stop: () => stopHub(state, prefix) };
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The attendees' containers of this classroom (running or not). */
export function classroomContainers(prefix = SETTINGS.containerPrefix) {
  const out = docker(['ps', '-a', '--filter', `name=^/${prefix}`, '--format', '{{.Names}}']);
  return out ? out.split('\n') : [];
}

/**
 * Stops the hub started from `state` (SIGTERM: it stops every attendee's server, DockerSpawner removes
 * their containers, the proxy exits), then removes any container of the classroom still there.
 * Attendees' volumes stay. Returns the names of containers that had to be removed by force.
 */
export async function stopHub(state = DEFAULT_STATE, prefix = SETTINGS.containerPrefix) {
  const pidFile = path.join(state, 'jupyterhub.pid');
  const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : 0;
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 90_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
    if (alive(pid)) process.kill(-pid, 'SIGKILL');
  }
  const proxyPidFile = path.join(state, 'proxy.pid');
  const proxyPid = fs.existsSync(proxyPidFile) ? Number(fs.readFileSync(proxyPidFile, 'utf8')) : 0;
  if (proxyPid && alive(proxyPid)) process.kill(proxyPid, 'SIGTERM');
  const leftovers = classroomContainers(prefix);
  if (leftovers.length) docker(['rm', '-f', ...leftovers]);
  return leftovers;
}

/**
 * An attendee's container as its cgroup counts it, read on the host (cgroup v1 or v2): peak memory since
 * its start or the last reset(), CPU seconds used, OOM kills. Used by classroom/test.mjs and measure.mjs.
 */
export function containerCgroup(name) {
  const id = docker(['inspect', '-f', '{{.Id}}', name]);
  const read = (file) => fs.readFileSync(file, 'utf8');
  const v1 = `/sys/fs/cgroup/memory/docker/${id}`;
  if (fs.existsSync(v1)) {
    return {
      peakBytes: () => Number(read(`${v1}/memory.max_usage_in_bytes`)),
      cpuSeconds: () => Number(read(`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`)) / 1e9,
      oomKills: () => Number(read(`${v1}/memory.oom_control`).match(/oom_kill (\d+)/)?.[1] ?? 0),
      reset: () => fs.writeFileSync(`${v1}/memory.max_usage_in_bytes`, '0'),
    };
  }
  const v2 = `/sys/fs/cgroup/system.slice/docker-${id}.scope`;
  return {
    peakBytes: () => Number(read(`${v2}/memory.peak`)),
    cpuSeconds: () => Number(read(`${v2}/cpu.stat`).match(/usage_usec (\d+)/)[1]) / 1e6,
    oomKills: () => Number(read(`${v2}/memory.events`).match(/oom_kill (\d+)/)?.[1] ?? 0),
    // memory.peak is reset by a write since Linux 6.12; older kernels keep the peak since start.
    reset: () => { try { fs.writeFileSync(`${v2}/memory.peak`, '0'); } catch { /* peak since start */ } },
  };
}
