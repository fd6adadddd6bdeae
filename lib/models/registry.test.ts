import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { projectPath } from '../paths';
import { DEFAULT_MODELS, HUB_INTERFACES, MODEL_DTYPES, MODEL_USES, OFFLINE_MODELS, OFFLINE_SUBSTITUTES } from './registry';
import type { ModelSpec } from './registry';
import { DTYPE_FILE_SUFFIX, localDtypes } from './resolve';

test('every default model is a hub id with an explicit dtype and a task', () => {
  assert.equal(MODEL_USES.length, 15);
  for (const use of MODEL_USES) {
    const spec: ModelSpec = DEFAULT_MODELS[use];
    assert.match(spec.id, /^[\w.-]+\/[\w.-]+$/, `${use}: ${spec.id} is not owner/name`);
    assert.ok(MODEL_DTYPES.includes(spec.dtype), `${use}: dtype ${spec.dtype}`);
    assert.ok(spec.task.length > 0);
  }
  // MODELS.md: SmolLM2 has no q8 file on the hub; distilgpt2 needs its merged decoder.
  assert.equal(DEFAULT_MODELS.chat.dtype, 'q4');
  assert.equal(DEFAULT_MODELS['gpt2-small'].modelFileName, 'decoder_model_merged');
  assert.equal(DEFAULT_MODELS.gpt2.modelFileName, 'decoder_model_merged', 'Xenova/gpt2 has no onnx/model_quantized.onnx');
  assert.equal(DEFAULT_MODELS['fill-mask'].id, 'Xenova/bert-base-multilingual-cased');
});

test('offline substitutes exist and do the same task as the model they replace', () => {
  for (const [use, name] of Object.entries(OFFLINE_SUBSTITUTES)) {
    assert.ok(name && name in OFFLINE_MODELS, `${use} → ${name}`);
    const task = DEFAULT_MODELS[use as keyof typeof DEFAULT_MODELS].task;
    assert.equal(OFFLINE_MODELS[name].task, task, `${use} → ${name}`);
  }
});

test('a fill-mask substitute has the mask token of the model it replaces (a <mask> prompt must not meet a [MASK] model)', () => {
  for (const [use, name] of Object.entries(OFFLINE_SUBSTITUTES)) {
    const spec: ModelSpec = DEFAULT_MODELS[use as keyof typeof DEFAULT_MODELS];
    if (spec.task !== 'fill-mask' || !name) continue;
    const declared = spec.note?.match(/mask token ([^\s;,]+)/)?.[1];
    assert.ok(declared, `${use}: its note must name its mask token`);
    const config = JSON.parse(fs.readFileSync(projectPath(OFFLINE_MODELS[name].id, 'tokenizer_config.json'), 'utf8')) as { mask_token?: string };
    assert.equal(config.mask_token, declared, `${use} → ${name}`);
  }
});

test('the committed tiny models have the transformers.js layout and the ONNX file of their dtype', () => {
  for (const name of ['tiny-bert', 'tiny-gpt2', 'tiny-llama'] as const) {
    const spec = OFFLINE_MODELS[name];
    const dir = projectPath(spec.id);
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
      assert.ok(fs.existsSync(path.join(dir, f)), `${spec.id}/${f} missing`);
    }
    assert.ok(localDtypes(dir).includes(spec.dtype), `${spec.id}: no onnx/model${DTYPE_FILE_SUFFIX[spec.dtype]}.onnx`);
  }
});

test('the tiny models stay small (a few MB in the repository)', () => {
  let bytes = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else bytes += fs.statSync(full).size;
    }
  };
  walk(projectPath('models', 'tiny'));
  assert.ok(bytes < 8e6, `models/tiny is ${(bytes / 1e6).toFixed(1)} MB`);
});

test('tiny tokenizers were trained on the Turkish corpus (Turkish words are single tokens)', () => {
  for (const name of ['bert', 'gpt2', 'llama']) {
    const tok: unknown = JSON.parse(fs.readFileSync(projectPath('models', 'tiny', name, 'tokenizer.json'), 'utf8'));
    const vocab = (tok as { model: { vocab: Record<string, number> } }).model.vocab;
    const keys = Object.keys(vocab).join('\n');
    // WordPiece keeps words as-is, byte-level BPE maps ı→Ä±, SentencePiece marks word starts with ▁.
    const hasTurkish = /(^|▁|Ġ)(bir|için|çok)$/m.test(keys) || /^(bir|için|çok)$/m.test(keys) || keys.includes('Ã§ok');
    assert.ok(hasTurkish, `${name}: no common Turkish word in the vocabulary`);
    assert.ok(Object.keys(vocab).length >= 1000 && Object.keys(vocab).length <= 4000, `${name}: vocabSize ${Object.keys(vocab).length}`);
  }
});

test('every committed offline substitute presents its hub model\'s interface: label names in id order, mask token, case', () => {
  let checked = 0;
  for (const [use, facts] of Object.entries(HUB_INTERFACES)) {
    const name = OFFLINE_SUBSTITUTES[use as keyof typeof OFFLINE_SUBSTITUTES];
    assert.ok(name, `${use}: an interface entry without an offline substitute`);
    assert.ok(facts!.checked.length > 20, `${use}: say where the facts were checked`);
    const dir = projectPath(OFFLINE_MODELS[name].id);
    if (!dir.startsWith(projectPath('models'))) continue; // prepared real models (.cache): tasks.test.ts
    if (facts!.labels) {
      const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { id2label: Record<string, string> };
      const labels = Object.keys(config.id2label).sort((a, b) => Number(a) - Number(b)).map((k) => config.id2label[k]);
      assert.deepEqual(labels, facts!.labels, `${use} → ${name}: id2label`);
    }
    const tokConfig = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer_config.json'), 'utf8')) as { mask_token?: string; do_lower_case?: boolean };
    if (facts!.maskToken) assert.equal(tokConfig.mask_token, facts!.maskToken, `${use} → ${name}: mask token`);
    if (facts!.cased !== undefined) {
      const normalizer = (JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')) as { normalizer?: { lowercase?: boolean } }).normalizer;
      assert.equal(!(normalizer?.lowercase ?? tokConfig.do_lower_case ?? false), facts!.cased, `${use} → ${name}: cased`);
    }
    checked += 1;
  }
  assert.ok(checked >= 4, `only ${checked} committed substitutes checked`);
});
