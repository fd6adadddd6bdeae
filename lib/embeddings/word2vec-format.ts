/**
 * The word2vec text format (word2vec.c's `-binary 0` output; gensim's save_word2vec_format /
 * load_word2vec_format with binary=False): a header line "<vocabSize> <dim>", then one line per
 * word, "<word> <v1> <v2> ... <vdim>", separated by single spaces.
 *
 * Numbers are written with 9 significant digits, enough to read back the exact float32. FastText
 * models are saved as their word vectors only: the n-gram buckets have no place in this format, so
 * a loaded file answers for its vocabulary only (as with gensim's format).
 */
import * as fs from 'fs';
import { checkWordVectors, WordVectors } from './vectors';
import { assertString, shown } from '../validate';

/** The model in word2vec text format. Introduced in 0_Word_Embeddings.ipynb. */
export function toWord2VecText(model: WordVectors): string {
  checkWordVectors(model, 'toWord2VecText(model)');
  const lines = [`${model.vocabSize} ${model.dim}`];
  for (let i = 0; i < model.vocabSize; i++) {
    const word = model.words[i];
    if (/\s/.test(word)) {
      throw new Error(`${shown(word)} kaydedilemiyor: word2vec metin biçimi alanları boşlukla ayırır, bu yüzden bir kelime boşluk içeremez. Kelimeyi düzeltin ya da çıkarın.`);
    }
    const numbers: string[] = [];
    for (let k = 0; k < model.dim; k++) numbers.push(formatFloat32(model.vectors[i * model.dim + k]));
    lines.push(`${word} ${numbers.join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Reads vectors in word2vec text format. Introduced in 0_Word_Embeddings.ipynb. */
export function parseWord2VecText(text: string, source = 'metin'): WordVectors {
  assertString(text, 'parseWord2VecText(text)');
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new Error(`${source} boş; "<vocabSize> <dim>" başlık satırı bekleniyordu.`);
  const header = lines[0].trim().split(/\s+/);
  const vocabSize = Number(header[0]);
  const dim = Number(header[1]);
  if (header.length !== 2 || !Number.isInteger(vocabSize) || !Number.isInteger(dim) || vocabSize < 0 || dim <= 0) {
    throw new Error(`${source}: ilk satır "<vocabSize> <dim>" (iki tam sayı) olmalı; verilen: ${shown(lines[0])}. Bu bir word2vec metin dosyası mı?`);
  }
  if (lines.length - 1 !== vocabSize) {
    throw new Error(`${source}: başlık ${vocabSize} kelime bildiriyor ama ardından ${lines.length - 1} satır geliyor; dosya eksik ya da bozuk olabilir.`);
  }
  const words: string[] = [];
  const vectors = new Float32Array(vocabSize * dim); // [vocabSize * dim]
  for (let i = 0; i < vocabSize; i++) {
    const fields = lines[i + 1].trim().split(/\s+/);
    if (fields.length !== dim + 1) {
      throw new Error(`${source}, satır ${i + 2}: bir kelime ve ${dim} sayı bekleniyordu; ${fields.length} alan var.`);
    }
    words.push(fields[0]);
    for (let k = 0; k < dim; k++) {
      const value = Number(fields[k + 1]);
      if (!Number.isFinite(value)) throw new Error(`${source}, satır ${i + 2}: ${shown(fields[k + 1])} bir sayı değil.`);
      vectors[i * dim + k] = value;
    }
  }
  return new WordVectors(words, vectors, dim);
}

/** Writes `model` to `filePath` in word2vec text format (UTF-8). Introduced in 0_Word_Embeddings.ipynb. */
export function saveWord2VecText(model: WordVectors, filePath: string): void {
  checkWordVectors(model, 'saveWord2VecText(model)');
  assertString(filePath, 'saveWord2VecText(filePath)');
  fs.writeFileSync(filePath, toWord2VecText(model), 'utf8');
}

/** Reads a word2vec text file, e.g. one written by gensim or word2vec.c. Introduced in 0_Word_Embeddings.ipynb. */
export function loadWord2VecText(filePath: string): WordVectors {
  assertString(filePath, 'loadWord2VecText(filePath)');
  if (!fs.existsSync(filePath)) throw new Error(`Böyle bir dosya yok: ${shown(filePath)}; yolu kontrol edin.`);
  return parseWord2VecText(fs.readFileSync(filePath, 'utf8'), filePath);
}

/** Shortest-enough decimal for a float32: 9 significant digits always read back to the same float32. */
function formatFloat32(value: number): string {
  return Number(value.toPrecision(9)).toString();
}
