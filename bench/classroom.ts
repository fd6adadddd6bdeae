/**
 * `npm run bench -- classroom [--notebooks 1,3,5] [--attendees 1,2,3]`: what one attendee costs the
 * classroom server. classroom/measure.mjs starts the hub with the course image on this machine's Docker
 * and has 1, 2 and 3 attendees run notebooks 1, 3 and 5 at the same time, each in their own container;
 * per attendee it reads the container's peak memory and CPU time (cgroup) and the wall time.
 * From them: the sizing table of classroom/OGRETMEN.md (memory limit from the largest peak plus 20 %,
 * cores one running attendee keeps busy), with the image size and build time of the last
 * classroom/build-image.sh run (classroom/.state/last-build.json).
 * Ends with `RESULT classroom_peak_gib=<largest per-attendee peak> classroom_mem_limit_gib=<limit>
 * classroom_cores_per_attendee=<largest> image_mb=<size> build_s=<time>` and writes bench/results.md.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as readline from 'readline';
import { projectPath } from '../lib/paths';
import { writeResults } from './results';

interface AttendeeRun {
  attendee: string;
  peakBytes: number;
  cpuSeconds: number;
  seconds: number;
  figures: number;
  error: string | null;
}
interface Run {
  notebook: string;
  concurrent: number;
  attendees: AttendeeRun[];
}

const GIB = 2 ** 30;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

async function measure(args: string[]): Promise<{ runs: Run[]; idleServerBytes: number }> {
  const child = spawn(process.execPath, [projectPath('classroom', 'measure.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const runs: Run[] = [];
  let idleServerBytes = NaN;
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    if (!line.startsWith('MEASURE ')) {
      console.log(line);
      continue;
    }
    const data = JSON.parse(line.slice(8));
    if ('idleServerBytes' in data) idleServerBytes = data.idleServerBytes;
    else {
      runs.push(data);
      const r = data as Run;
      console.log(`${r.notebook} × ${r.concurrent}: ${r.attendees.map((a) => `${a.attendee} ${(a.peakBytes / GIB).toFixed(2)} GiB ${a.seconds.toFixed(0)} s${a.error ? ` ERROR ${a.error}` : ''}`).join(', ')}`);
    }
  }
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`classroom/measure.mjs exited with ${code}`);
  return { runs, idleServerBytes };
}

async function main(): Promise<void> {
  const { runs, idleServerBytes } = await measure(process.argv.slice(2));
  const failed = runs.flatMap((r) => r.attendees.filter((a) => a.error).map((a) => `${r.notebook} × ${r.concurrent} (${a.attendee}): ${a.error}`));
  const lines: string[] = [
    `Measured on this machine (${os.cpus().length} cores, shared with other work; ${(os.totalmem() / GIB).toFixed(0)} GiB), the course image on Docker, one container per attendee, memory limit lifted to 8 GiB for the measurement.`,
    `An attendee's server before any notebook: ${(idleServerBytes / GIB).toFixed(2)} GiB.`,
    '',
    '| notebook | attendees at once | peak memory per attendee (GiB) | wall time per attendee (s) | CPU time per attendee (s) |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of runs) {
    const peaks = r.attendees.map((a) => a.peakBytes / GIB);
    lines.push(`| ${r.notebook} | ${r.concurrent} | ${Math.max(...peaks).toFixed(2)} (mean ${mean(peaks).toFixed(2)}) | ${mean(r.attendees.map((a) => a.seconds)).toFixed(0)} | ${mean(r.attendees.map((a) => a.cpuSeconds)).toFixed(0)} |`);
  }
  // Sizing: per notebook, the largest peak; the cores one attendee keeps busy while the notebook runs (solo run).
  const notebooks = [...new Set(runs.map((r) => r.notebook))];
  const sizing = notebooks.map((nb) => {
    const all = runs.filter((r) => r.notebook === nb).flatMap((r) => r.attendees);
    const solo = runs.find((r) => r.notebook === nb && r.concurrent === 1)?.attendees[0] ?? all[0];
    return { nb, peak: Math.max(...all.map((a) => a.peakBytes)) / GIB, cores: solo.cpuSeconds / solo.seconds, cpu: solo.cpuSeconds };
  });
  const peak = Math.max(...sizing.map((s) => s.peak));
  const byMemory = sizing.find((s) => s.peak === peak)!;
  const cores = Math.max(...sizing.map((s) => s.cores));
  const byCpu = sizing.find((s) => s.cores === cores)!;
  const limit = Math.ceil(peak * 1.2 * 2) / 2; // +20 %, to the next half GiB
  lines.push('', '| notebook | peak per attendee (GiB) | cores busy per running attendee | attendees per GiB at this peak | attendees per core, all running at once |', '| --- | --- | --- | --- | --- |');
  for (const s of sizing) lines.push(`| ${s.nb} | ${s.peak.toFixed(2)} | ${s.cores.toFixed(2)} | ${(1 / s.peak).toFixed(2)} | ${(1 / s.cores).toFixed(2)} |`);
  lines.push('', `Memory limit per attendee: ${limit} GiB (largest peak ${peak.toFixed(2)} GiB, ${byMemory.nb}, + 20 %); CPU: ${byCpu.nb} keeps ${cores.toFixed(2)} cores busy per running attendee.`);
  const buildFile = projectPath('classroom', '.state', 'last-build.json');
  const build = fs.existsSync(buildFile) ? JSON.parse(fs.readFileSync(buildFile, 'utf8')) : null;
  const size = Number(spawnSync('docker', ['image', 'inspect', '-f', '{{.Size}}', 'dl-course:latest'], { encoding: 'utf8' }).stdout.trim());
  lines.push(`Image dl-course:latest: ${(size / 1e6).toFixed(0)} MB; ${build ? `last build (${build.commit}, ${build.cleanCache ? 'clean cache' : 'with cache'}): ${build.seconds} s` : 'no build recorded'}.`);
  if (failed.length) lines.push('', `Runs that failed: ${failed.join('; ')}`);
  writeResults('classroom', lines, `RESULT classroom_peak_gib=${peak.toFixed(2)} classroom_mem_limit_gib=${limit} classroom_cores_per_attendee=${cores.toFixed(2)} image_mb=${(size / 1e6).toFixed(0)} build_s=${build?.seconds ?? 'NaN'}${failed.length ? ` failed_runs=${failed.length}` : ''}`);
  if (failed.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
