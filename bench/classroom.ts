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
 * Every measured run is also kept in classroom/.state/measure.jsonl, so a measurement can be made in
 * parts (e.g. `--notebooks 5` now, `--notebooks 3,1` later): `npm run bench -- classroom --summarize`
 * builds the tables from the latest kept run of each notebook × attendees for the current image, without
 * running anything.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as readline from 'readline';
import { projectPath } from '../lib/paths';
import { writeResults } from './results';

export interface AttendeeRun {
  attendee: string;
  peakBytes: number;
  cpuSeconds: number;
  seconds: number;
  figures: number;
  error: string | null;
}
export interface Run {
  image: string;
  notebook: string;
  concurrent: number;
  /** The machine's 1-minute load average before and after the run. */
  load: [number, number];
  attendees: AttendeeRun[];
}
interface Idle {
  image: string;
  idleServerBytes: number;
}

const KEPT = projectPath('classroom', '.state', 'measure.jsonl');

const GIB = 2 ** 30;
/** The notebooks the classroom is sized by (measure.mjs's default): the light, the middle and the heaviest. */
const SIZED_BY = [1, 3, 5];
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

async function measure(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [projectPath('classroom', 'measure.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  fs.mkdirSync(projectPath('classroom', '.state'), { recursive: true });
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    if (!line.startsWith('MEASURE ')) {
      console.log(line);
      continue;
    }
    // Kept at once: a run cut short still leaves the runs it finished.
    fs.appendFileSync(KEPT, `${line.slice(8)}\n`);
    const data = JSON.parse(line.slice(8));
    if ('notebook' in data) {
      const r = data as Run;
      console.log(`${r.notebook} × ${r.concurrent} (load ${r.load.join(' → ')}): ${r.attendees.map((a) => `${a.attendee} ${(a.peakBytes / GIB).toFixed(2)} GiB ${a.seconds.toFixed(0)} s${a.error ? ` ERROR ${a.error}` : ''}`).join(', ')}`);
    }
  }
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`classroom/measure.mjs exited with ${code}`);
}

/** The kept runs of `image`: the latest of each notebook × attendees, in notebook then attendee order. */
function keptRuns(image: string): { runs: Run[]; idleServerBytes: number } {
  const all = fs.existsSync(KEPT) ? fs.readFileSync(KEPT, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Run | Idle) : [];
  const mine = all.filter((d) => d.image === image);
  const latest = new Map<string, Run>();
  for (const d of mine) if ('notebook' in d) latest.set(`${d.notebook}\t${d.concurrent}`, d);
  const runs = [...latest.values()].sort((a, b) => a.notebook.localeCompare(b.notebook) || a.concurrent - b.concurrent);
  const idle = mine.filter((d): d is Idle => 'idleServerBytes' in d).map((d) => d.idleServerBytes);
  return { runs, idleServerBytes: idle.length ? Math.max(...idle) : NaN };
}

/** The machine and image the tables describe (bench/classroom.ts reads them from os and Docker). */
export interface Setting {
  image: string;
  cores: number;
  totalBytes: number;
  idleServerBytes: number;
  imageBytes: number;
  build: { commit: string; seconds: number; cleanCache: boolean } | null;
}

/**
 * The classroom section of bench/results.md from the kept runs: the table of runs, the sizing table, the memory
 * limit and the CPU line, and the RESULT line. A run that failed still gives its peaks (real observations), not
 * its wall or CPU time; with no completed run at all the CPU figures are said to be missing, not computed from nothing.
 */
export function summarize(runs: Run[], setting: Setting): { lines: string[]; result: string; failed: string[] } {
  if (runs.length === 0) throw new Error('summarize: no run to summarize');
  const { image, idleServerBytes } = setting;
  const failed = runs.flatMap((r) => r.attendees.filter((a) => a.error).map((a) => `${r.notebook} × ${r.concurrent} (${a.attendee}): ${a.error}`));
  const lines: string[] = [
    `Measured on this machine (${setting.cores} cores, shared with other work: the load column is its 1-minute load average before → after each run; ${(setting.totalBytes / GIB).toFixed(0)} GiB), the course image (${image.slice(7, 19)}) on Docker, one container per attendee, memory limit lifted to 8 GiB for the measurement.`,
    `An attendee's server before any notebook: ${(idleServerBytes / GIB).toFixed(2)} GiB.`,
    '',
    '| notebook | attendees at once | runs completed | peak memory per attendee (GiB) | wall time per attendee (s) | CPU time per attendee (s) | machine load |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  // A failed run stopped early: its peak is still a real observation, but its wall and CPU time are not a
  // notebook's cost, so the means (and the sizing below) take the completed runs only.
  const completed = (attendees: AttendeeRun[]) => attendees.filter((a) => !a.error);
  const meanOf = (attendees: AttendeeRun[], value: (a: AttendeeRun) => number) => (attendees.length ? mean(attendees.map(value)).toFixed(0) : '–');
  for (const r of runs) {
    const peaks = r.attendees.map((a) => a.peakBytes / GIB);
    const done = completed(r.attendees);
    lines.push(`| ${r.notebook} | ${r.concurrent} | ${done.length} of ${r.attendees.length} | ${Math.max(...peaks).toFixed(2)} (mean ${mean(peaks).toFixed(2)}) | ${meanOf(done, (a) => a.seconds)} | ${meanOf(done, (a) => a.cpuSeconds)} | ${r.load.join(' → ')} |`);
  }
  // Sizing: per notebook, the largest peak; the cores one attendee keeps busy while the notebook runs (a completed
  // solo run; without one, the first completed run, and the table says at how many attendees at once).
  const notebooks = [...new Set(runs.map((r) => r.notebook))];
  const sizing = notebooks.map((nb) => {
    const mine = runs.filter((r) => r.notebook === nb);
    const all = mine.flatMap((r) => r.attendees);
    const soloRun = mine.find((r) => r.concurrent === 1 && completed(r.attendees).length) ?? mine.find((r) => completed(r.attendees).length);
    const solo = soloRun ? completed(soloRun.attendees)[0] : null;
    return {
      nb,
      peak: Math.max(...all.map((a) => a.peakBytes)) / GIB,
      cores: solo ? solo.cpuSeconds / solo.seconds : NaN,
      cpu: solo ? solo.cpuSeconds : NaN,
      at: soloRun?.concurrent ?? NaN,
    };
  });
  const peak = Math.max(...sizing.map((s) => s.peak));
  const byMemory = sizing.find((s) => s.peak === peak)!;
  // No completed run of any notebook: no CPU figure (Math.max of nothing would be -Infinity and name no notebook).
  const measuredCpu = sizing.filter((s) => !Number.isNaN(s.cores));
  const cores = measuredCpu.length ? Math.max(...measuredCpu.map((s) => s.cores)) : NaN;
  const byCpu = measuredCpu.find((s) => s.cores === cores);
  const limit = Math.ceil(peak * 1.2 * 2) / 2; // +20 %, to the next half GiB
  // The image's runs may be a part of the measurement (made in parts, or cut short): then this limit is not the classroom's.
  const notMeasured = SIZED_BY.filter((n) => !notebooks.some((nb) => nb.startsWith(`${n}_`)));
  // CPU time of one run is the work a notebook asks of the server, whatever else runs beside it; cores busy
  // (CPU ÷ wall time, solo) is what the machine gave it, low when the machine is shared.
  lines.push('', '| notebook | peak per attendee (GiB) | attendees per GiB at this peak | CPU time of one run (s) | cores busy per running attendee (at this load) | from the run with … attendees at once |', '| --- | --- | --- | --- | --- | --- |');
  const orDash = (x: number, digits: number) => (Number.isNaN(x) ? '– (no completed run)' : x.toFixed(digits));
  for (const s of sizing) lines.push(`| ${s.nb} | ${s.peak.toFixed(2)} | ${(1 / s.peak).toFixed(2)} | ${orDash(s.cpu, 0)} | ${orDash(s.cores, 2)} | ${orDash(s.at, 0)} |`);
  const cpuLine = byCpu
    ? `CPU: ${byCpu.nb} keeps ${cores.toFixed(2)} cores busy per running attendee.`
    : `CPU: not measured, no run of ${notebooks.join(', ')} completed (see "Runs that failed"); rerun them: npm run bench -- classroom --notebooks ${notebooks.map((nb) => nb.split('_')[0]).join(',')}.`;
  const partial = notMeasured.length
    ? ` **Notebook${notMeasured.length > 1 ? 's' : ''} ${notMeasured.join(', ')} not measured on this image**: this limit covers ${notebooks.join(', ')} only; the classroom's (classroom/settings.json) is set from every notebook's runs, classroom/OGRETMEN.md section 5.`
    : '';
  lines.push('', `Memory limit per attendee: ${limit} GiB (largest peak ${peak.toFixed(2)} GiB, ${byMemory.nb}, + 20 %); ${cpuLine}${partial}`);
  const { build } = setting;
  lines.push(`Image dl-course:latest: ${(setting.imageBytes / 1e6).toFixed(0)} MB; ${build ? `last build (${build.commit}, ${build.cleanCache ? 'clean cache' : 'with cache'}): ${build.seconds} s` : 'no build recorded'}.`);
  if (failed.length) lines.push('', `Runs that failed: ${failed.join('; ')}`);
  const result = `RESULT classroom_peak_gib=${peak.toFixed(2)} classroom_mem_limit_gib=${limit} classroom_cores_per_attendee=${cores.toFixed(2)} image_mb=${(setting.imageBytes / 1e6).toFixed(0)} build_s=${build?.seconds ?? 'NaN'}${failed.length ? ` failed_runs=${failed.length}` : ''}${notMeasured.length ? ` not_measured=${notMeasured.join(',')}` : ''}`;
  return { lines, result, failed };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (!args.includes('--summarize')) await measure(args);
  const image = spawnSync('docker', ['image', 'inspect', '-f', '{{.Id}}', 'dl-course:latest'], { encoding: 'utf8' }).stdout.trim();
  const { runs, idleServerBytes } = keptRuns(image);
  if (runs.length === 0) throw new Error(`No measured run of the image ${image || 'dl-course:latest (not built)'} in ${KEPT}.\n→ npm run bench -- classroom`);
  const buildFile = projectPath('classroom', '.state', 'last-build.json');
  const build = fs.existsSync(buildFile) ? JSON.parse(fs.readFileSync(buildFile, 'utf8')) : null;
  const imageBytes = Number(spawnSync('docker', ['image', 'inspect', '-f', '{{.Size}}', 'dl-course:latest'], { encoding: 'utf8' }).stdout.trim());
  const { lines, result, failed } = summarize(runs, { image, cores: os.cpus().length, totalBytes: os.totalmem(), idleServerBytes, imageBytes, build });
  writeResults('classroom', lines, result);
  if (failed.length) process.exitCode = 1;
}

// Run as the benchmark; imported (tests/bench-classroom.test.ts) only for summarize().
if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
