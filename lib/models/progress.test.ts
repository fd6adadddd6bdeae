import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DownloadTracker, formatDownloadProgress } from './progress';

test('formatDownloadProgress: files done / seen, MB loaded / known, percent, current file', () => {
  const line = formatDownloadProgress({
    modelId: 'Xenova/gpt2',
    files: [
      { file: 'config.json', loaded: 1000, total: 1000, done: true },
      { file: 'onnx/model_quantized.onnx', loaded: 40e6, total: 160e6, done: false },
      { file: 'tokenizer.json', loaded: 0, total: 0, done: false },
    ],
  });
  assert.equal(line, 'Xenova/gpt2 · 1/3 dosya · 40,0/160,0 MB · %25 · onnx/model_quantized.onnx');
});

test('formatDownloadProgress before any byte is known shows only the files', () => {
  assert.equal(formatDownloadProgress({ modelId: 'a/b', files: [] }), 'a/b · 0/0 dosya');
});

test('DownloadTracker follows transformers.js events, throttles, and always reports the final line', () => {
  const lines: [string, boolean][] = [];
  const tracker = new DownloadTracker('a/b', (line, final) => lines.push([line, final]), 60_000);
  tracker.callback({ status: 'initiate', name: 'a/b', file: 'config.json' });
  tracker.callback({ status: 'progress', name: 'a/b', file: 'config.json', progress: 50, loaded: 500, total: 1000 });
  tracker.callback({ status: 'done', name: 'a/b', file: 'config.json' });
  tracker.callback({ status: 'ready', task: 'fill-mask', model: 'a/b' }); // not a file event
  tracker.callback('garbage');
  assert.equal(lines.length, 1, 'later events fall inside the throttle window');
  assert.deepEqual(lines[0], ['a/b · 0/1 dosya', false]);
  tracker.finish();
  assert.deepEqual(lines[1], ['a/b · 1/1 dosya · 0,0/0,0 MB · %100', true]);
  assert.deepEqual(tracker.state.files, [{ file: 'config.json', loaded: 1000, total: 1000, done: true }]);
});
