// The committed tiny models (models/tiny/, trained on data/embedding_corpus.txt) through the real
// transformers.js pipelines, offline: env.allowRemoteModels is false for every load.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { projectPath } from '../paths';
import { generate, chat } from './generate';
import { loadPipeline, unloadPipelines } from './loader';
import { loadTransformersModule } from './runtime';
import { OFFLINE_ENV } from './testing';

after(unloadPipelines);

function vocabIds(name: string): Set<number> {
  const tok: unknown = JSON.parse(fs.readFileSync(projectPath('models', 'tiny', name, 'tokenizer.json'), 'utf8'));
  const { model, added_tokens } = tok as { model: { vocab: Record<string, number> }; added_tokens: { id: number }[] };
  return new Set([...Object.values(model.vocab), ...added_tokens.map((t) => t.id)]);
}

test('fill-mask on the tiny BERT: k ranked candidates from its vocabulary, scores summing to at most 1', async () => {
  const unmasker = await loadPipeline('fill-mask', { environment: OFFLINE_ENV }); // DL_MODELS=offline → models/tiny/bert, q8
  assert.equal((await loadTransformersModule()).env.allowRemoteModels, false);
  const k = 5;
  const out = await unmasker('Hakan her sabah parkta on kilometre [MASK].', { top_k: k });
  assert.equal(out.length, k);
  const vocab = vocabIds('bert');
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const c = out[i];
    assert.ok(c.score > 0 && c.score <= 1, `score ${c.score}`);
    if (i > 0) assert.ok(c.score <= out[i - 1].score, 'ranked by score');
    assert.ok(vocab.has(c.token), `token ${c.token} not in the vocabulary`);
    assert.equal(c.token_str, unmasker.tokenizer.decode([c.token]));
    assert.ok(c.sequence.startsWith('Hakan her sabah parkta on kilometre') && !c.sequence.includes('[MASK]'));
    sum += c.score;
  }
  assert.ok(sum <= 1 + 1e-6, `sum of scores ${sum}`);
  assert.equal(new Set(out.map((c) => c.token)).size, k, 'distinct candidates');
  // The fp32 file gives the same best candidate as the int8 (q8) one.
  const fp32 = await loadPipeline('tiny-bert', { dtype: 'fp32', environment: OFFLINE_ENV });
  const best = await fp32('Hakan her sabah parkta on kilometre [MASK].', { top_k: 1 });
  assert.equal(best[0].token, out[0].token);
});

test('fill-mask without a [MASK] token is an error, not a silent answer', async () => {
  const unmasker = await loadPipeline('fill-mask', { environment: OFFLINE_ENV });
  await assert.rejects(unmasker('Bu cümlede maske yok.'));
});

for (const [name, use] of [['gpt2', 'tiny-gpt2'], ['llama', 'tiny-llama']] as const) {
  test(`text-generation on the tiny ${name}: greedy, tokens from its vocabulary`, async () => {
    const generator = await loadPipeline(use, { environment: OFFLINE_ENV });
    assert.equal((await loadTransformersModule()).env.allowRemoteModels, false);
    const streamed: number[] = [];
    const out = await generate(generator, 'Bu hafta sonu', { maxNewTokens: 12, onToken: (_, id) => streamed.push(id) });
    assert.ok(out.tokenIds.length >= 1 && out.tokenIds.length <= 12);
    assert.deepEqual(streamed, out.tokenIds);
    const vocab = vocabIds(name);
    for (const id of out.tokenIds) assert.ok(vocab.has(id), `${id} not in the ${name} vocabulary`);
    assert.ok(out.text.trim().length > 0);
    assert.equal(out.text, generator.tokenizer.decode(out.tokenIds, { skip_special_tokens: true }));
    const again = await generate(generator, 'Bu hafta sonu', { maxNewTokens: 12 });
    assert.deepEqual(again.tokenIds, out.tokenIds, 'greedy decoding is deterministic');
    const full = await generator('Bu hafta sonu', { max_new_tokens: 12, do_sample: false });
    assert.ok(!Array.isArray(full[0]) && 'generated_text' in full[0]);
    assert.equal(full[0].generated_text, `Bu hafta sonu${out.text}`, 'the pipeline returns the prompt plus the same tokens');
  });
}

test('the tiny Llama runs the chat code path through its ChatML template', async () => {
  const llama = await loadPipeline('tiny-llama', { environment: OFFLINE_ENV });
  const reply = await chat(llama, 'Merhaba, nasılsın?', { maxNewTokens: 10 });
  assert.ok(reply.tokenIds.length >= 1);
  const gpt2 = await loadPipeline('tiny-gpt2', { environment: OFFLINE_ENV });
  await assert.rejects(chat(gpt2, 'Merhaba'), /sohbet şablonu yok/);
});
