import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadWord2VecText, parseWord2VecText, saveWord2VecText, toWord2VecText } from './word2vec-format';
import { WordVectors } from './vectors';

describe('word2vec text format', () => {
  const words = ['kitap', 'kitaplarımız', 'ağaç'];
  const vectors = Float32Array.from([0.1, -2.5e-7, 3.3333333, 1e-30, -0.7071068, 42, 0, 1, -1]);
  const model = new WordVectors(words, vectors, 3);

  it('writes the header and one line per word', () => {
    const lines = toWord2VecText(model).trimEnd().split('\n');
    assert.equal(lines[0], '3 3');
    assert.equal(lines.length, 4);
    assert.match(lines[2], /^kitaplarımız 1e-30 -0\.70710\d* 42$/);
  });

  it('round-trips every float32 exactly through a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'w2v-'));
    const file = path.join(dir, 'vectors.txt');
    try {
      saveWord2VecText(model, file);
      const loaded = loadWord2VecText(file);
      assert.deepEqual(loaded.words, words);
      assert.equal(loaded.dim, 3);
      assert.deepEqual([...loaded.vectors], [...vectors]);
      assert.equal(loaded.mostSimilar('kitap', 1)[0].word, model.mostSimilar('kitap', 1)[0].word);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads files written by gensim (trailing spaces, CRLF)', () => {
    const m = parseWord2VecText('2 2\r\nev 0.5 0.25 \r\nyol -1 2\r\n');
    assert.deepEqual(m.words, ['ev', 'yol']);
    assert.deepEqual([...m.vector('yol')], [-1, 2]);
  });

  it('rejects malformed input with a clear message', () => {
    assert.throws(() => parseWord2VecText(''), /boş/);
    assert.throws(() => parseWord2VecText('ev 1 2\n'), /ilk satır .* olmalı/);
    assert.throws(() => parseWord2VecText('2 2\nev 1 2\n'), /başlık 2 kelime bildiriyor ama ardından 1/);
    assert.throws(() => parseWord2VecText('1 2\nev 1\n'), /satır 2: bir kelime ve 2 sayı bekleniyordu/);
    assert.throws(() => parseWord2VecText('1 2\nev 1 x\n'), /"x" bir sayı değil/);
    assert.throws(() => toWord2VecText(new WordVectors(['iki kelime'], new Float32Array(1), 1)), /boşluk içeremez/);
    assert.throws(() => loadWord2VecText('/nonexistent/vectors.txt'), /Böyle bir dosya yok/);
  });
});
