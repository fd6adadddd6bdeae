// `npm run classroom -- COMMAND`: the teacher's commands for one server (classroom/OGRETMEN.md).
//   build                 the course image (classroom/build-image.sh: Debian base by debootstrap, CA bundle as a secret)
//   start [--port 8000] [--ip 0.0.0.0]   JupyterHub in the background; attendees open http://SERVER:8000
//   stop                  the hub, every attendee's container (their volumes stay)
//   status                the hub and the attendees' containers, with their memory
//   reset NAME            delete NAME's volume (their work): they start again from the course's notebooks
//   link [NOTEBOOK]       an nbgitpuller link that brings the course repository's latest notebooks into each home
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { classroomContainers, ClassroomError, CLASSROOM, DEFAULT_STATE, docker, SETTINGS, startHub, stopHub } from './hub.mjs';

const USAGE = 'npm run classroom -- build | start [--port N] [--ip ADDR] | stop | status | reset NAME | link [NOTEBOOK] [--repo URL] [--hub URL]';

function option(args, name, fallback) {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
}

const commands = {
  build(args) {
    const r = spawnSync('bash', [path.join(CLASSROOM, 'build-image.sh'), ...args], { stdio: 'inherit' });
    process.exitCode = r.status ?? 1;
  },

  async start(args) {
    const port = Number(option(args, '--port', 8000));
    const ip = option(args, '--ip', '0.0.0.0');
    const hub = await startHub({ port, ip });
    console.log(`JupyterHub runs (pid ${hub.pid}): attendees open http://<this server>:${port}, the teacher (${SETTINGS.admin}) signs up first.`);
    console.log(`Log: ${path.join(DEFAULT_STATE, 'jupyterhub.log')}. Stop: npm run classroom -- stop`);
  },

  async stop() {
    const forced = await stopHub();
    console.log(`JupyterHub stopped${forced.length ? `; removed ${forced.join(', ')}` : ''}. Attendees' volumes are kept.`);
  },

  status() {
    const pidFile = path.join(DEFAULT_STATE, 'jupyterhub.pid');
    const pid = fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').trim() : null;
    let running = false;
    try {
      running = Boolean(pid) && process.kill(Number(pid), 0);
    } catch {
      running = false;
    }
    console.log(running ? `JupyterHub runs (pid ${pid})` : 'JupyterHub is not running');
    const names = classroomContainers();
    if (names.length) console.log(docker(['stats', '--no-stream', '--format', 'table {{.Name}}\t{{.MemUsage}}\t{{.CPUPerc}}', ...names]));
    const volumes = docker(['volume', 'ls', '-q', '--filter', `name=^${SETTINGS.containerPrefix}user-`]);
    console.log(`${volumes ? volumes.split('\n').length : 0} attendee volume(s)`);
  },

  reset([name]) {
    if (!name) throw new ClassroomError(`Name the attendee.\n→ ${USAGE}`);
    if (classroomContainers().includes(SETTINGS.containerPrefix + name)) {
      throw new ClassroomError(`${name}'s server is running.\n→ Stop it first: Admin page (/hub/admin) → ${name} → "Stop Server", then run this again.`);
    }
    const volume = `${SETTINGS.containerPrefix}user-${name}`;
    if (docker(['volume', 'rm', volume], { ok: true }) === null) throw new ClassroomError(`No volume ${volume}: ${name} has no saved work (or the name is misspelt).`);
    console.log(`${name}'s work is deleted; their next start begins from the course's notebooks.`);
  },

  link(args) {
    const repo = option(args, '--repo', null);
    if (!repo) throw new ClassroomError('Give the git repository the attendees\' servers can reach.\n→ npm run classroom -- link 1_RNN.ipynb --repo http://SERVER/dil-modelleri.git [--hub http://SERVER:8000]');
    const hub = option(args, '--hub', 'http://SERVER:8000');
    const notebook = args.find((a) => a.endsWith('.ipynb'));
    // The repository is cloned into ~/dil-modelleri; later clicks merge the teacher's changes without overwriting the attendee's edits.
    const target = notebook ? `lab/tree/dil-modelleri/notebooks/${notebook}` : 'lab/tree/dil-modelleri/notebooks';
    const query = new URLSearchParams({ repo, branch: option(args, '--branch', 'main'), urlpath: target, targetPath: 'dil-modelleri' });
    console.log(`${hub}/hub/user-redirect/git-pull?${query}`);
  },
};

const [command, ...args] = process.argv.slice(2);
try {
  if (!commands[command]) throw new ClassroomError(`${command ? `Unknown command "${command}".` : 'Name a command.'}\n→ ${USAGE}`);
  await commands[command](args);
} catch (err) {
  if (!(err instanceof ClassroomError)) throw err;
  console.error(`✗ ${err.message}`);
  process.exitCode = 1;
}
