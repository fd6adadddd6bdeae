// lib/decoding: logits processors, the seeded sampler, decode (greedy, sampling, beam search),
// the CausalLM adapters and the text metrics. The model is a 3-token table (lib/decoding/testing)
// or a tiny MiniGpt, so every case runs in milliseconds.
import { initTf, setSeed } from '../../lib/tf';
import { MiniGpt } from '../../lib/transformer';
import {
  applyRepetitionPenalty, applyTemperature, argmax, checkDecodeOptions, decode, distinctN, logSoftmax, miniGptCausalLM, perplexity,
  repetitionRate, sampleToken, scoreContinuation, SeededRandom, softmax, sortedIndices, tokenLogProb, topKFilter, topPFilter,
} from '../../lib/decoding';
import { transformersCausalLM } from '../../lib/models';
import type { DecodeOptions } from '../../lib/decoding';
import { tableLM } from '../../lib/decoding/testing';
import { loadPipeline } from '../../lib/models';
import { OFFLINE_ENV } from '../../lib/models/testing';
import type { Case } from './cases';
import { missingCases, numberCases, stringCases } from './cases';

// Token 0 ends a text; after 1 comes 2 (mostly), after 2 comes 1 or 0.
const TABLE = [[0.2, 0.4, 0.4], [0.1, 0.1, 0.8], [0.5, 0.4, 0.1]];
const lm = () => tableLM(TABLE, 8);
const LOGITS = [1, 3, 2];
const rng = () => new SeededRandom(0);
const HUGE = 'kelime '.repeat(14_286).slice(0, 100_000);
const run = (options: Partial<DecodeOptions>, prompt: number[] = [1]) => () => decode(lm(), prompt, { maxNewTokens: 3, ...options } as DecodeOptions);

async function onMiniGpt(prompt: number[], options: DecodeOptions) {
  await initTf({ quiet: true });
  setSeed(1);
  const gpt = new MiniGpt({ vocabSize: 11, contextLength: 6, numLayers: 1, numHeads: 2, dModel: 8 });
  try {
    return await decode(miniGptCausalLM(gpt, { name: 'mini', eosTokenIds: [0] }), prompt, options);
  } finally {
    gpt.dispose();
  }
}

/** decode on the committed tiny GPT-2 through transformers.js (offline). */
async function onTinyGpt2(prompt: (vocabSize: number, contextLength: number, encode: (text: string) => number[]) => number[], options: DecodeOptions) {
  const generator = await loadPipeline('tiny-gpt2' as never, { environment: OFFLINE_ENV });
  const lm = await transformersCausalLM(generator as never, 'tiny-gpt2');
  const encode = (text: string) => (generator as unknown as { tokenizer: { encode(t: string): number[] } }).tokenizer.encode(text);
  return decode(lm, prompt(lm.vocabSize, lm.contextLength, encode), options);
}

export const cases: Case[] = [
  // Logits processors
  { name: 'argmax([])', run: () => argmax([]), mentions: /logits|values/ },
  { name: 'argmax([NaN, 1])', run: () => argmax([NaN, 1]), mentions: /NaN/ },
  { name: 'argmax with -Infinity (filtered) logits', run: () => argmax([-Infinity, 2, -Infinity]), expect: (r) => (r === 1 ? null : `got ${String(r)}`) },
  ...missingCases('argmax(values)', (x) => argmax(x), /logits|values/),
  { name: 'softmax([])', run: () => softmax([]), mentions: /logits/ },
  { name: 'softmax([NaN, 1])', run: () => softmax([NaN, 1]), mentions: /logits/ },
  { name: 'softmax([Infinity, 1])', run: () => softmax([Infinity, 1]), mentions: /logits/ },
  { name: 'softmax of all -Infinity', run: () => softmax([-Infinity, -Infinity]), mentions: /logits/ },
  { name: 'softmax of huge logits stays finite', run: () => softmax([1e30, -1e30, 0]), expect: 'result' },
  ...missingCases('softmax(logits)', (x) => softmax(x), /logits/),
  { name: 'tokenLogProb([], 0)', run: () => tokenLogProb([], 0), mentions: /logits/ },
  { name: 'tokenLogProb([1, 2], 5)', run: () => tokenLogProb([1, 2], 5), mentions: /\bid\b/ },
  { name: 'tokenLogProb([NaN, 1], 1)', run: () => tokenLogProb([NaN, 1], 1), mentions: /logits/ },
  { name: 'tokenLogProb(null, 0)', run: () => tokenLogProb(null as never, 0), mentions: /logits/ },
  { name: 'tokenLogProb of a likely token', run: () => tokenLogProb([0, 10], 1), expect: (r) => (Math.abs((r as number) + Math.log1p(Math.exp(-10))) < 1e-9 ? null : `got ${String(r)}`) },
  { name: 'logSoftmax([NaN])', run: () => logSoftmax([NaN]), mentions: /logits/ },
  { name: 'logSoftmax([])', run: () => logSoftmax([]), mentions: /logits/ },
  ...numberCases('applyTemperature temperature', (x) => applyTemperature(LOGITS, x), /temperature/),
  { name: 'applyTemperature temperature 0', run: () => applyTemperature(LOGITS, 0), mentions: /temperature/ },
  { name: 'applyTemperature temperature as a string', run: () => applyTemperature(LOGITS, '0.7' as never), mentions: /temperature/ },
  { name: 'applyTemperature of NaN logits', run: () => applyTemperature([NaN, 1], 0.7), mentions: /logits/ },
  ...numberCases('topKFilter topK', (x) => topKFilter(LOGITS, x), /topK/),
  { name: 'topKFilter topK 0', run: () => topKFilter(LOGITS, 0), mentions: /topK/ },
  { name: 'topKFilter topK 1.5', run: () => topKFilter(LOGITS, 1.5), mentions: /topK/ },
  { name: 'topKFilter topK beyond the vocabulary keeps all', run: () => topKFilter(LOGITS, 50), expect: (r) => (Array.from(r as Float32Array).join() === '1,3,2' ? null : `got ${String(r)}`) },
  ...numberCases('topPFilter topP', (x) => topPFilter(LOGITS, x), /topP/),
  { name: 'topPFilter topP 0', run: () => topPFilter(LOGITS, 0), mentions: /topP/ },
  { name: 'topPFilter topP 1.5', run: () => topPFilter(LOGITS, 1.5), mentions: /topP/ },
  { name: 'topPFilter of NaN logits', run: () => topPFilter([NaN, 1], 0.9), mentions: /logits/ },
  ...numberCases('applyRepetitionPenalty penalty', (x) => applyRepetitionPenalty(LOGITS, [1], x), /repetitionPenalty|penalty/),
  { name: 'applyRepetitionPenalty penalty 0', run: () => applyRepetitionPenalty(LOGITS, [1], 0), mentions: /repetitionPenalty|penalty/ },
  { name: 'applyRepetitionPenalty with an id beyond the logits', run: () => applyRepetitionPenalty(LOGITS, [9], 1.2), mentions: /previousIds|id/ },
  { name: 'applyRepetitionPenalty with a negative id', run: () => applyRepetitionPenalty(LOGITS, [-1], 1.2), mentions: /previousIds|id/ },
  ...missingCases('applyRepetitionPenalty(previousIds)', (x) => applyRepetitionPenalty(LOGITS, x, 1.2), /previousIds/),
  ...numberCases('sortedIndices limit', (x) => sortedIndices(LOGITS, x), /limit/),
  { name: 'sortedIndices limit 0 (nothing)', run: () => sortedIndices(LOGITS, 0), expect: (r) => ((r as number[]).length === 0 ? null : `got ${String(r)}`) },
  { name: 'sortedIndices of NaN logits', run: () => sortedIndices([NaN, 1, 2]), mentions: /logits/ },
  // The sampler
  { name: 'sampleToken temperature 0', run: () => sampleToken(LOGITS, { temperature: 0 }, rng()), mentions: /temperature/ },
  { name: 'sampleToken topK 0', run: () => sampleToken(LOGITS, { topK: 0 }, rng()), mentions: /topK/ },
  { name: 'sampleToken topP 1.5', run: () => sampleToken(LOGITS, { topP: 1.5 }, rng()), mentions: /topP/ },
  { name: 'sampleToken of []', run: () => sampleToken([], {}, rng()), mentions: /logits/ },
  { name: 'sampleToken of NaN logits', run: () => sampleToken([NaN, NaN], {}, rng()), mentions: /logits/ },
  { name: 'sampleToken of all -Infinity', run: () => sampleToken([-Infinity, -Infinity], {}, rng()), mentions: /logits/ },
  { name: 'sampleToken without a generator', run: () => sampleToken(LOGITS, {}, null as never), mentions: /rng|SeededRandom/ },
  { name: 'sampleToken without settings', run: () => sampleToken(LOGITS, null as never, rng()), expect: (r) => ([0, 1, 2].includes(r as number) ? null : `got ${String(r)}`) },
  { name: 'sampleToken with a single finite logit picks it', run: () => sampleToken([-Infinity, 0, -Infinity], { topP: 0.5 }, rng()), expect: (r) => (r === 1 ? null : `got ${String(r)}`) },
  ...numberCases('SeededRandom seed', (x) => new SeededRandom(x), /seed/),
  { name: 'SeededRandom seed 1.5', run: () => new SeededRandom(1.5), mentions: /seed/ },
  { name: "SeededRandom seed '7'", run: () => new SeededRandom('7' as never), mentions: /seed/ },
  ...missingCases('SeededRandom(seed)', (x) => new SeededRandom(x), /seed/),
  // decode: the arguments of issue 17
  { name: 'decode with an empty prompt', run: () => decode(lm(), [], { maxNewTokens: 3 }), mentions: /prompt/ },
  ...missingCases('decode(promptIds)', (x) => decode(lm(), x, { maxNewTokens: 3 }), /prompt/),
  { name: 'decode with a prompt id beyond the vocabulary', run: run({}, [7]), mentions: /prompt/ },
  { name: 'decode with a negative prompt id', run: run({}, [-1]), mentions: /prompt/ },
  { name: 'decode with a NaN prompt id', run: run({}, [NaN]), mentions: /prompt/ },
  { name: 'decode with a fractional prompt id', run: run({}, [1.5]), mentions: /prompt/ },
  { name: 'decode with string prompt ids', run: run({}, ['a'] as never), mentions: /prompt/ },
  { name: 'decode with a prompt of 100 000 tokens', run: run({}, Array.from(HUGE, () => 1)), mentions: /maxNewTokens|bağlam|context/ },
  { name: 'decode with maxNewTokens beyond the context', run: run({ maxNewTokens: 8 }), mentions: /maxNewTokens/ },
  ...numberCases('decode maxNewTokens', (x) => run({ maxNewTokens: x })(), /maxNewTokens/),
  { name: 'decode maxNewTokens 0', run: run({ maxNewTokens: 0 }), mentions: /maxNewTokens/ },
  ...numberCases('decode temperature', (x) => run({ doSample: true, temperature: x })(), /temperature/),
  { name: 'decode temperature 0', run: run({ doSample: true, temperature: 0 }), mentions: /temperature/ },
  { name: 'decode topP 0', run: run({ doSample: true, topP: 0 }), mentions: /topP/ },
  { name: 'decode topP 1.5', run: run({ doSample: true, topP: 1.5 }), mentions: /topP/ },
  { name: 'decode topP NaN', run: run({ doSample: true, topP: NaN }), mentions: /topP/ },
  { name: 'decode topK 0', run: run({ doSample: true, topK: 0 }), mentions: /topK/ },
  { name: 'decode topK -1', run: run({ doSample: true, topK: -1 }), mentions: /topK/ },
  { name: 'decode numBeams 0', run: run({ numBeams: 0 }), mentions: /numBeams/ },
  { name: 'decode numBeams 1.5', run: run({ numBeams: 1.5 }), mentions: /numBeams/ },
  { name: 'decode numBeams NaN', run: run({ numBeams: NaN }), mentions: /numBeams/ },
  { name: 'decode numBeams 2 with doSample', run: run({ numBeams: 2, doSample: true }), mentions: /numBeams|doSample/ },
  ...numberCases('decode minNewTokens', (x) => run({ minNewTokens: x })(), /minNewTokens/),
  { name: 'decode minNewTokens beyond maxNewTokens', run: run({ minNewTokens: 5, maxNewTokens: 3 }), mentions: /minNewTokens/ },
  { name: 'decode minNewTokens with beam search (not supported)', run: run({ minNewTokens: 2, numBeams: 2 }), mentions: /minNewTokens/ },
  { name: 'decode minNewTokens 3 goes past the end-of-sequence token', run: run({ minNewTokens: 3 }), expect: (r) => ((r as { ids: number[] }).ids.length === 3 ? null : `got ${JSON.stringify(r)}`) },
  { name: 'decode repetitionPenalty 0', run: run({ repetitionPenalty: 0 }), mentions: /repetitionPenalty/ },
  { name: 'decode lengthPenalty NaN', run: run({ numBeams: 2, lengthPenalty: NaN }), mentions: /lengthPenalty/ },
  { name: 'decode lengthPenalty Infinity', run: run({ numBeams: 2, lengthPenalty: Infinity }), mentions: /lengthPenalty/ },
  { name: 'decode lengthPenalty -1 (favours short texts, legal)', run: run({ numBeams: 2, lengthPenalty: -1 }), expect: 'result' },
  ...numberCases('decode seed', (x) => run({ doSample: true, seed: x })(), /seed/),
  { name: 'decode with onToken not a function', run: run({ onToken: 'print' as never }), mentions: /onToken/ },
  { name: 'decode with doSample as a string', run: run({ doSample: 'yes' as never }), mentions: /doSample/ },
  ...missingCases('decode(options)', (x) => decode(lm(), [1], x), /options|maxNewTokens/),
  { name: 'decode without a model', run: () => decode(null as never, [1], { maxNewTokens: 3 }), mentions: /lm|model/ },
  { name: 'checkDecodeOptions of good settings', run: () => checkDecodeOptions(lm(), [1], { maxNewTokens: 3, doSample: true, topK: 2, topP: 0.9, temperature: 0.7 }), expect: (r) => (r === undefined ? null : 'returned something') },
  { name: 'decode greedy works', run: run({}), expect: (r) => ((r as { ids: number[] }).ids.join() === '2,0' ? null : `got ${JSON.stringify(r)}`) },
  { name: 'decode beam search works', run: run({ numBeams: 2 }), expect: 'result' },
  { name: 'decode topK beyond the vocabulary works', run: run({ doSample: true, topK: 100 }), expect: 'result' },
  // Through a MiniGpt
  { name: 'decode on MiniGpt: prompt id = vocabSize', run: () => onMiniGpt([11], { maxNewTokens: 2 }), mentions: /prompt|vocabSize/ },
  { name: 'decode on MiniGpt: maxNewTokens beyond the context', run: () => onMiniGpt([1, 2], { maxNewTokens: 5 }), mentions: /maxNewTokens/ },
  { name: 'decode on MiniGpt: beam search to the context end', run: () => onMiniGpt([1, 2], { maxNewTokens: 4, numBeams: 2, ignoreEos: true }), expect: 'result' },
  { name: 'miniGptCausalLM(null)', run: () => miniGptCausalLM(null as never, { name: 'x' }), mentions: /model/ },
  { name: 'miniGptCausalLM of a model without forward', run: () => miniGptCausalLM({ config: { vocabSize: 3, contextLength: 4 } } as never, { name: 'x' }), mentions: /model|forward/ },
  {
    name: 'miniGptCausalLM without options',
    run: async () => {
      await initTf({ quiet: true });
      const gpt = new MiniGpt({ vocabSize: 11, contextLength: 6, numLayers: 1, numHeads: 2, dModel: 8 });
      try {
        return miniGptCausalLM(gpt, undefined as never).name;
      } finally {
        gpt.dispose();
      }
    },
    mentions: /options|name/,
  },
  ...missingCases('transformersCausalLM(generator)', (x) => transformersCausalLM(x, 'x'), /generator|model/),
  { name: 'transformersCausalLM of a tokenizer-less generator', run: () => transformersCausalLM({ model: {} } as never, 'x'), mentions: /generator|model|tokenizer/ },
  // Through transformers.js (tiny GPT-2)
  { name: 'decode on tiny GPT-2: a prompt as long as the context', run: () => onTinyGpt2((_, n) => Array(n).fill(1), { maxNewTokens: 2 }), mentions: /prompt/, timeoutMs: 60_000 },
  { name: 'decode on tiny GPT-2: prompt id = vocabSize', run: () => onTinyGpt2((v) => [v], { maxNewTokens: 2 }), mentions: /promptIds/, timeoutMs: 60_000 },
  // Texts typed by attendees, tokenized: empty → no prompt, 100 000 characters → longer than the context.
  ...stringCases('decode on tiny GPT-2 of the text', (s) => onTinyGpt2((_v, _c, encode) => encode(s), { maxNewTokens: 2 }), 'any', /prompt/).map((c) => ({ ...c, timeoutMs: 60_000 })),
  { name: 'decode on tiny GPT-2: greedy works', run: () => onTinyGpt2(() => [1, 2], { maxNewTokens: 2 }), expect: 'result', timeoutMs: 60_000 },
  // Metrics
  { name: 'scoreContinuation with an empty prompt', run: () => scoreContinuation(lm(), [], [1]), mentions: /prompt/ },
  { name: 'scoreContinuation with a continuation id beyond the vocabulary', run: () => scoreContinuation(lm(), [1], [9]), mentions: /continuation/ },
  { name: 'scoreContinuation with a NaN continuation id', run: () => scoreContinuation(lm(), [1], [NaN]), mentions: /continuation/ },
  { name: 'scoreContinuation with a prompt id beyond the vocabulary', run: () => scoreContinuation(lm(), [7], [1]), mentions: /prompt/ },
  { name: 'scoreContinuation beyond the context', run: () => scoreContinuation(lm(), [1, 2, 1, 2, 1], [2, 1, 2, 1, 2]), mentions: /context|bağlam/ },
  { name: 'scoreContinuation of an empty continuation (log P = 0)', run: () => scoreContinuation(lm(), [1], []), expect: (r) => ((r as { logProb: number }).logProb === 0 ? null : 'not 0') },
  ...missingCases('scoreContinuation(continuationIds)', (x) => scoreContinuation(lm(), [1], x), /continuation/),
  { name: 'perplexity([])', run: () => perplexity([]), mentions: /perplexity/ },
  { name: 'perplexity([NaN])', run: () => perplexity([NaN]), mentions: /tokenLogProbs|NaN/ },
  { name: 'perplexity of a positive log-probability', run: () => perplexity([0.5]), mentions: /tokenLogProbs|log/ },
  ...missingCases('perplexity(tokenLogProbs)', (x) => perplexity(x), /tokenLogProbs/),
  ...numberCases('repetitionRate window', (x) => repetitionRate([1, 2, 1], x), /window/),
  { name: 'repetitionRate of []', run: () => repetitionRate([]), expect: (r) => (r === 0 ? null : `got ${String(r)}`) },
  ...missingCases('repetitionRate(ids)', (x) => repetitionRate(x), /ids/),
  ...numberCases('distinctN n', (x) => distinctN([1, 2, 1], x), /\bn\b/),
  { name: 'distinctN of a text shorter than n', run: () => distinctN([1], 3), expect: 'result' },
  ...missingCases('distinctN(ids)', (x) => distinctN(x, 2), /ids/),
  { name: 'distinctN of a string', run: () => distinctN('abc' as never, 2), mentions: /ids/ },
];
