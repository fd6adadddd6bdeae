// The measurement behind the classroom's limits (run by bench/classroom.ts, `npm run bench -- classroom`):
// a hub on loopback with a high memory limit (so no run is cut short), attendees logged in, then for
// each notebook and each number of concurrent attendees, every attendee runs the whole notebook in a
// fresh kernel at the same time. Per attendee: the container's peak memory (cgroup, reset before each
// run), its CPU time, the wall time; per run the machine's load average before and after it (the
// machine may be shared: wall times mean little without it). One JSON line per run on stdout, prefixed "MEASURE ".
//   node classroom/measure.mjs [--notebooks 1,3,5] [--attendees 1,2,3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { classroomContainers, containerCgroup, daemonReachable, docker, freePort, ROOT, SETTINGS, startHub, stopHub } from './hub.mjs';

const PREFIX = 'dl-course-bench-';
const NETWORK = 'dl-course-bench-net';

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return (at >= 0 ? process.argv[at + 1] : fallback).split(',').map(Number);
}

async function main() {
  if (!daemonReachable()) throw new Error('no Docker daemon reachable');
  const notebooks = option('--notebooks', '1,3,5');
  const counts = option('--attendees', '1,2,3');
  const files = fs.readdirSync(path.join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb'));
  const names = ['ayse', 'mehmet', 'zeynep', 'ali', 'elif', 'can'].slice(0, Math.max(...counts));
  const password = randomBytes(9).toString('base64url');
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'classroom-bench-'));
  // Stopped early (Ctrl-C, kill): the runs already printed are kept by bench/classroom.ts; the hub and the
  // attendees' containers are stopped here, not left running.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => cleanUp(state).finally(() => process.exit(130)));
  }
  try {
    const hub = await startHub({ ip: '127.0.0.1', port: await freePort(), state, auth: 'dummy', password, network: NETWORK, prefix: PREFIX, memLimit: '8G' });
    // attendee.mjs needs `ws` from classroom/hub/node_modules, which startHub installs on a first run.
    const { Attendee, runNotebook } = await import('./attendee.mjs');
    const attendees = await Promise.all(names.map(async (name) => {
      const a = new Attendee(hub.url, name);
      await a.login(password);
      await a.startServer();
      return a;
    }));
    const idle = attendees.map((a) => containerCgroup(PREFIX + a.name).peakBytes());
    const image = docker(['image', 'inspect', '-f', '{{.Id}}', SETTINGS.image]);
    console.log(`MEASURE ${JSON.stringify({ image, idleServerBytes: Math.max(...idle) })}`);
    for (const number of notebooks) {
      const notebook = files.find((f) => f.startsWith(`${number}_`));
      for (const n of counts) {
        const group = attendees.slice(0, n);
        const cg = group.map((a) => containerCgroup(PREFIX + a.name));
        cg.forEach((c) => c.reset());
        const cpu0 = cg.map((c) => c.cpuSeconds());
        const loadBefore = os.loadavg()[0];
        const results = await Promise.all(group.map((a, i) => runNotebook(a, `notebooks/${notebook}`, { cpuSeconds: cg[i].cpuSeconds, log: console.error })));
        const line = group.map((a, i) => ({
          attendee: a.name,
          peakBytes: cg[i].peakBytes(),
          cpuSeconds: cg[i].cpuSeconds() - cpu0[i],
          seconds: results[i].seconds,
          figures: results[i].figures,
          error: results[i].error ?? null,
        }));
        const load = [loadBefore, os.loadavg()[0]].map((l) => Number(l.toFixed(1)));
        console.log(`MEASURE ${JSON.stringify({ image, notebook, concurrent: n, load, attendees: line })}`);
      }
    }
  } finally {
    await cleanUp(state);
  }
}

/** The hub and every container, volume and network of the measurement removed. */
async function cleanUp(state) {
  await stopHub(state, PREFIX);
  const volumes = docker(['volume', 'ls', '-q', '--filter', `name=^${PREFIX}`], { ok: true });
  if (volumes) docker(['volume', 'rm', '-f', ...volumes.split('\n')], { ok: true });
  docker(['network', 'rm', NETWORK], { ok: true });
  if (classroomContainers(PREFIX).length) console.error('containers left behind!');
  fs.rmSync(state, { recursive: true, force: true });
}

await main();
