import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../tf/backend';
import { setSeed } from '../tf/seed';
import { assertTensorsClose } from '../tf/testing';
import { BertConfig, MiniBert } from './bert';
import { bertParameterFormula, parameterCounts } from './params';

const config: BertConfig = { vocabSize: 40, contextLength: 12, numLayers: 2, numHeads: 2, dModel: 16, intermediateSize: 32, numLabels: 3 };

before(async () => {
  await initTf({ backend: 'wasm', quiet: true });
});

test('MiniBert: Hugging Face names, parameter counts = formula, no separate MLM decoder weight', () => {
  setSeed(1);
  const bert = new MiniBert(config);
  const names = [...bert.namedParameters().keys()];
  for (const n of ['bert.embeddings.word_embeddings.weight', 'bert.embeddings.token_type_embeddings.weight', 'bert.embeddings.LayerNorm.bias',
    'bert.encoder.layer.1.attention.self.query.weight', 'bert.encoder.layer.1.attention.output.dense.bias', 'bert.encoder.layer.1.attention.output.LayerNorm.weight',
    'bert.encoder.layer.1.intermediate.dense.weight', 'bert.encoder.layer.1.output.dense.weight', 'bert.encoder.layer.1.output.LayerNorm.bias',
    'bert.pooler.dense.weight', 'cls.predictions.transform.dense.weight', 'cls.predictions.transform.LayerNorm.weight', 'cls.predictions.bias',
    'cls.seq_relationship.weight', 'classifier.bias']) assert.ok(names.includes(n), n);
  assert.ok(!names.some((n) => n.includes('decoder')), 'the MLM decoder is the word embedding matrix');
  assert.deepEqual(parameterCounts(bert), bertParameterFormula(config));
  bert.dispose();
  // BERT-base (110 M): embeddings + encoder + pooler = 109,482,240 parameters.
  const base = bertParameterFormula({ vocabSize: 30522, contextLength: 512, numLayers: 12, numHeads: 12, dModel: 768 });
  assert.equal(base.embeddings + base.attention + base.mlp + base.norms + 768 * 768 + 768, 109482240);
});

test('MiniBert: padding changes nothing for the real tokens; segments matter; heads have their shapes', () => {
  setSeed(2);
  const bert = new MiniBert(config);
  tf.tidy(() => {
    const padded = bert.forward([[2, 7, 9, 3, 0, 0], [2, 5, 6, 8, 11, 3]], {
      attentionMask: [[1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 1, 1]], returnAttention: true, returnHiddenStates: true,
    });
    const alone = bert.forward([[2, 7, 9, 3]]);
    assertTensorsClose(tf.slice(padded.hidden, [0, 0, 0], [1, 4, 16]), alone.hidden, 1e-5, 'padded = unpadded');
    assertTensorsClose(tf.slice(padded.pooled, [0, 0], [1, 16]), alone.pooled, 1e-5, 'pooled');
    assert.equal(padded.hiddenStates!.length, 3);
    assert.deepEqual(padded.attentions![0].shape, [2, 2, 6, 6]);
    assert.ok(padded.attentions![1].arraySync()[0][1].every((row) => row[4] === 0 && row[5] === 0), 'no weight on padding');
    const seg = bert.forward([[2, 7, 9, 3]], { tokenTypeIds: [[0, 0, 1, 1]] });
    assert.ok(tf.max(tf.abs(tf.sub(seg.hidden, alone.hidden))).dataSync()[0] > 1e-3, 'segment embeddings change the vectors');
    assert.deepEqual(bert.mlmLogits(alone.hidden).shape, [1, 4, 40]);
    assert.deepEqual(bert.nspLogits(alone.pooled).shape, [1, 2]);
    assert.deepEqual(bert.classifierLogits(alone.pooled).shape, [1, 3]);
    // Tied decoder: moving one word embedding moves exactly that word's MLM score.
    const before = bert.mlmLogits(alone.hidden);
    const e = bert.wordEmbeddings.weight;
    e.assign(tf.concat([tf.slice(e, [0, 0], [39, 16]), tf.add(tf.slice(e, [39, 0], [1, 16]), 1)]));
    const diff = tf.abs(tf.sub(bert.mlmLogits(alone.hidden), before)).arraySync() as number[][][];
    assert.ok(diff[0].every((row) => row.slice(0, 39).every((x) => x === 0) && row[39] > 0));
  });
  bert.dispose();
});

test('MiniBert: bad input names the argument', () => {
  setSeed(3);
  const bert = new MiniBert({ ...config, numLabels: undefined });
  const before = tf.memory().numTensors;
  assert.throws(() => bert.forward([[2, 40]]), /ids\[0\]\[1\] geçersiz, verilen: 40. Numaralar \[0, 39\] aralığında tam sayı olmalı \(vocabSize = 40\)/);
  assert.throws(() => bert.forward([[2, 3]], { tokenTypeIds: [[0, 2]] }), /tokenTypeIds\[0\]\[1\] geçersiz, verilen: 2. Numaralar \[0, 1\] aralığında tam sayı olmalı \(typeVocabSize = 2\)/);
  assert.throws(() => bert.forward([[2, 3]], { attentionMask: [[1, 1, 1]] }), /attentionMask ids ile aynı şekilde \[1,2\] olmalı/);
  assert.throws(() => bert.forward([Array(13).fill(1)]), /en çok contextLength = 12 belirteç alır, verilen: 13 belirteç/);
  assert.equal(tf.memory().numTensors, before);
  tf.tidy(() => assert.throws(() => bert.classifierLogits(tf.zeros([1, 16])), /sınıflandırıcı yok.*numLabels ile kurun/));
  assert.throws(() => new MiniBert({ ...config, numHeads: 5 }), /numHeads dModel = 16'i bölmeli, verilen: numHeads = 5/);
  bert.dispose();
});
