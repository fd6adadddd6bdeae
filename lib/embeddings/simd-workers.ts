/**
 * Multi-threaded training: N worker threads, each with its own instance of the SIMD kernel on the
 * one shared memory, update the same weights without locks (Hogwild, Recht et al. 2011; the scheme
 * of word2vec.c's pthreads and gensim's workers). Each thread trains its own contiguous share of
 * the sentences every epoch; the learning rate follows the shared count of processed words.
 *
 * The result is NOT bit-reproducible: which thread writes a row first varies from run to run (as in
 * gensim with workers > 1). One thread (the default) is exactly reproducible from the seed.
 *
 * The worker's code is a plain JavaScript string run with `eval: true`, so it needs no file path
 * and no TypeScript loader: it works the same under tsx, ts-node and tslab.
 *
 * Internal to lib/embeddings: used by trainWord2Vec / trainFastText (0_Word_Embeddings.ipynb).
 */
import { Worker } from 'worker_threads';
import type { WasmMemory, WasmModule } from '../wasm';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const { module, memory, jobOffset, from, to, epochs, chunk } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
const train = instance.exports.trainSentences;
try {
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let s = from; s < to; s += chunk) train(jobOffset, s, Math.min(to, s + chunk));
  }
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, message: String(error && error.stack || error) });
}
`;

/** One worker's share of the work. */
export interface WorkerShare {
  jobOffset: number;
  from: number;
  to: number;
}

/**
 * Runs the shares on worker threads and resolves when all are done. `onTick` is called every
 * `tickMs` while they run (for progress displays).
 */
export async function runSimdWorkers(
  module: WasmModule,
  memory: WasmMemory,
  shares: WorkerShare[],
  epochs: number,
  chunk: number,
  onTick: () => void,
  tickMs = 100,
): Promise<void> {
  const workers = shares.map(
    (share) => new Worker(WORKER_SOURCE, {
        eval: true,
        // Not the parent's flags: a TypeScript loader such as tsx (--import tsx) is not needed here.
        execArgv: [],
        workerData: { module, memory, epochs, chunk, ...share },
      }),
  );
  const timer = setInterval(onTick, tickMs);
  try {
    await Promise.all(
      workers.map(
        (worker, k) =>
          new Promise<void>((resolve, reject) => {
            worker.once('message', (message: { ok: boolean; message?: string }) => {
              if (message.ok) resolve();
              else reject(new Error(`Eğitim iş parçacığı ${k} hata verdi: ${message.message ?? 'bilinmeyen hata'}`));
            });
            worker.once('error', reject);
            worker.once('exit', (code) => {
              if (code !== 0) reject(new Error(`Eğitim iş parçacığı ${k} ${code} koduyla çıktı; workers: 1 ile yeniden deneyin.`));
            });
          }),
      ),
    );
  } finally {
    clearInterval(timer);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * Splits sentences [0, numSentences) into `threads` contiguous shares with about the same number
 * of words each (sentenceEnds[i] is the exclusive word offset where sentence i ends).
 */
export function splitSentences(sentenceEnds: Int32Array, threads: number): Array<[number, number]> {
  const total = sentenceEnds.length === 0 ? 0 : sentenceEnds[sentenceEnds.length - 1];
  const shares: Array<[number, number]> = [];
  let from = 0;
  for (let k = 1; k <= threads; k++) {
    let to = from;
    const goal = (total * k) / threads;
    while (to < sentenceEnds.length && (k === threads || sentenceEnds[to] <= goal)) to++;
    shares.push([from, to]);
    from = to;
  }
  return shares;
}
