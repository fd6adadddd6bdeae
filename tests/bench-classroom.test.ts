// bench/classroom.ts's tables from kept runs: the sizing follows the largest peak, and a measurement where no
// notebook completed (tslab's lost outputs once did that) says the CPU figures are missing instead of crashing.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { summarize, type AttendeeRun, type Run, type Setting } from '../bench/classroom';

const GIB = 2 ** 30;
const IMAGE = 'sha256:6f214dbfb0741234567890abcdef';
const SETTING: Setting = { image: IMAGE, cores: 2, totalBytes: 24 * GIB, idleServerBytes: 0.15 * GIB, imageBytes: 4.914e9, build: { commit: '28c71d832b08', seconds: 919, cleanCache: false } };

const attendee = (name: string, peakGib: number, cpuSeconds: number, seconds: number, error: string | null = null): AttendeeRun =>
  ({ attendee: name, peakBytes: peakGib * GIB, cpuSeconds, seconds, figures: error ? 0 : 3, error });
const run = (notebook: string, attendees: AttendeeRun[]): Run => ({ image: IMAGE, notebook, concurrent: attendees.length, load: [11.4, 15.8], attendees });

test('the memory limit is the largest peak + 20 % to the next half GiB, CPU from the completed solo run', () => {
  const { lines, result, failed } = summarize([
    run('3_Bert_transformers.ipynb', [attendee('ayse', 1.46, 150, 400)]),
    run('5_LLAMA_transformers.ipynb', [attendee('ayse', 3.49, 259, 1371)]),
    run('5_LLAMA_transformers.ipynb', [attendee('ayse', 3.88, 320, 1854), attendee('mehmet', 3.55, 318, 1849), attendee('zeynep', 2.51, 90, 700, 'code cell 26/40: no reply')]),
  ], SETTING);
  assert.deepEqual(failed, ['5_LLAMA_transformers.ipynb × 3 (zeynep): code cell 26/40: no reply']);
  // 3.88 × 1.2 = 4.66 → 5 GiB; notebook 3 keeps 150 / 400 = 0.375 cores busy, notebook 5 259 / 1371 = 0.19.
  assert.match(result, /classroom_peak_gib=3\.88 classroom_mem_limit_gib=5 classroom_cores_per_attendee=0\.38 image_mb=4914 build_s=919 failed_runs=1 not_measured=1$/);
  const text = lines.join('\n');
  assert.match(text, /Memory limit per attendee: 5 GiB \(largest peak 3\.88 GiB, 5_LLAMA_transformers\.ipynb, \+ 20 %\); CPU: 3_Bert_transformers\.ipynb keeps 0\.38 cores busy/);
  // The failed attendee's peak counts, its times do not: means of 320 and 318, of 1854 and 1849.
  assert.match(text, /\| 5_LLAMA_transformers\.ipynb \| 3 \| 2 of 3 \| 3\.88 \(mean 3\.31\) \| 1852 \| 319 \| 11\.4 → 15\.8 \|/);
  // Notebook 1 has no run here: the limit is said to cover 3 and 5 only.
  assert.match(text, /\*\*Notebook 1 not measured on this image\*\*: this limit covers 3_Bert_transformers\.ipynb, 5_LLAMA_transformers\.ipynb only/);
});

test('all of notebooks 1, 3 and 5 measured: the limit is the classroom\'s, nothing said missing', () => {
  const { lines, result } = summarize([
    run('1_RNN.ipynb', [attendee('ayse', 1.12, 61, 128)]),
    run('3_Bert_transformers.ipynb', [attendee('ayse', 1.5, 201, 488)]),
    run('5_LLAMA_transformers.ipynb', [attendee('ayse', 3.49, 259, 1371)]),
  ], SETTING);
  assert.doesNotMatch(lines.join('\n'), /not measured/);
  assert.match(result, /classroom_mem_limit_gib=4.5 .*build_s=919$/);
});

test('no completed run at all: the tables and the memory limit from the peaks, the CPU said to be not measured', () => {
  const runs = [
    run('3_Bert_transformers.ipynb', [attendee('ayse', 1.4, 80, 500, 'code cell 38/70: no reply after 450 s')]),
    run('5_LLAMA_transformers.ipynb', [attendee('ayse', 2.2, 100, 600, 'code cell 26/40: kernel dead')]),
  ];
  const { lines, result, failed } = summarize(runs, SETTING);
  assert.equal(failed.length, 2);
  const text = lines.join('\n');
  assert.match(text, /Memory limit per attendee: 3 GiB \(largest peak 2\.20 GiB, 5_LLAMA_transformers\.ipynb, \+ 20 %\); CPU: not measured, no run of 3_Bert_transformers\.ipynb, 5_LLAMA_transformers\.ipynb completed/);
  assert.match(text, /npm run bench -- classroom --notebooks 3,5/);
  assert.match(text, /\| 3_Bert_transformers\.ipynb \| 1 \| 0 of 1 \| 1\.40 \(mean 1\.40\) \| – \| – \|/);
  assert.doesNotMatch(text, /undefined|-Infinity/);
  assert.match(result, /classroom_cores_per_attendee=NaN .* failed_runs=2 not_measured=1$/);
});

test('nothing to summarize is an error, not an empty table', () => {
  assert.throws(() => summarize([], SETTING), /no run to summarize/);
});
