// 3_Bert_transformers.ipynb's checks: the reference answers get ✓, typical wrong answers get ✗ (and say
// what differs without the answer), an unwritten answer gets "henüz". 3.6 runs the offline attention model.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { kontrolVerdict, yapilacak } from '../../exercises';
import { initTf, tf } from '../../tf';
import { loadPipeline } from '../../models';
import { OFFLINE_ENV } from '../../models/testing';

before(async () => {
  Object.assign(process.env, OFFLINE_ENV); // the check loads the notebook's model the way the notebook does
  await initTf({ quiet: true });
});

const what = (v: { status: string }) => (v as { what?: string }).what ?? '';

test('3.1: softmax(QKᵀ/√d_k) and softmax(QKᵀ) pass; dividing by d_k, the wrong softmax axis or keys as rows fail', async () => {
  const weights = (scale: (dk: number) => number, axis = -1) => (q: tf.Tensor2D, k: tf.Tensor2D, olcekli: boolean) =>
    tf.tidy(() => tf.softmax(tf.matMul(q, k, false, true).div(olcekli ? scale(q.shape[1]) : 1), axis) as tf.Tensor2D);
  const before = tf.memory().numTensors;
  assert.equal((await kontrolVerdict('3.1', weights(Math.sqrt))).status, 'dogru');
  assert.match(what(await kontrolVerdict('3.1', weights((d) => d))), /girdisinde: biçim doğru, ama değerler tutmuyor/);
  const axis0 = (q: tf.Tensor2D, k: tf.Tensor2D, olcekli: boolean) => tf.tidy(() => tf.softmax(tf.matMul(q, k, false, true).div(olcekli ? Math.sqrt(q.shape[1]) : 1).transpose()).transpose() as tf.Tensor2D);
  assert.match(what(await kontrolVerdict('3.1', axis0)), /değerler tutmuyor/);
  const swapped = (q: tf.Tensor2D, k: tf.Tensor2D) => tf.tidy(() => tf.softmax(tf.matMul(k, q, false, true)) as tf.Tensor2D);   // keys as rows
  assert.match(what(await kontrolVerdict('3.1', swapped)), /biçim \(shape\) \[5, 7\] olmalıydı, \[7, 5\] döndü/);
  // The unscaled case alone is checked too: scaling both ways is wrong.
  assert.equal((await kontrolVerdict('3.1', (q: tf.Tensor2D, k: tf.Tensor2D) => weights(Math.sqrt)(q, k, true))).status, 'yanlis');
  assert.ok(tf.memory().numTensors - before < 8, 'the check disposes its hidden Q and K');
});

test('3.3: mBERT\'s total and embedding share pass; bert-base\'s number, a percentage or the vocabulary alone fail', async () => {
  const H = 768, I = 3072;
  const emb = (119_547 + 512 + 2) * H + 2 * H;
  const total = emb + 12 * (4 * (H * H + H) + (H * I + I) + (I * H + H) + 4 * H) + H * H + H;
  assert.equal(total, 177_853_440); // the number reported for bert-base-multilingual-cased
  assert.equal((await kontrolVerdict('3.3', { toplam: total, gommePayi: emb / total })).status, 'dogru');
  assert.match(what(await kontrolVerdict('3.3', { toplam: 109_482_240, gommePayi: 0.2 })), /bert-base'in sayısı/);
  assert.match(what(await kontrolVerdict('3.3', { toplam: total, gommePayi: (100 * emb) / total })), /yüzde değil/);
  assert.match(what(await kontrolVerdict('3.3', { toplam: total, gommePayi: (119_547 * H) / total })), /gommePayi = 0,5162 tutmuyor/);
  assert.match(what(await kontrolVerdict('3.3', { toplam: total })), /gommePayi için bir sayı bekleniyordu; gelen undefined/);
  assert.equal((await kontrolVerdict('3.3', { toplam: total, gommePayi: yapilacak() })).status, 'henuz');
});

test('3.4: shortest-match-first passes; the notebook\'s longest-match, pieces without ## or a partial word instead of [UNK] fail', async () => {
  const greedy = (shortest: boolean, marker = '##', wholeUnk = true) => (word: string, vocab: Map<string, number>) => {
    const chars = [...word];
    const pieces: string[] = [];
    for (let start = 0; start < chars.length;) {
      let found: string | null = null, end = start;
      const ends = Array.from({ length: chars.length - start }, (_, i) => start + i + 1);
      for (const e of shortest ? ends : ends.reverse()) {
        const c = (start > 0 ? marker : '') + chars.slice(start, e).join('');
        if (vocab.has(c)) { found = c; end = e; break; }
      }
      if (found === null) return wholeUnk ? ['[UNK]'] : [...pieces, '[UNK]'];
      pieces.push(found);
      start = end;
    }
    return pieces;
  };
  assert.equal((await kontrolVerdict('3.4', greedy(true))).status, 'dogru');
  assert.match(what(await kontrolVerdict('3.4', greedy(false))), /^\("evler", .*\) girdisinde: 5 öğe bekleniyordu, 2 öğe döndü/);
  assert.match(what(await kontrolVerdict('3.4', greedy(true, ''))), /"evler".*\[UNK\]|2\. öğe "##v" olmalıydı/);
  assert.match(what(await kontrolVerdict('3.4', greedy(true, '##', false))), /"kitaplar"/);
});

test('3.6: the it → target weight passes; the transposed entry or the layer counted from 1 fails', async () => {
  const model = await loadPipeline('minilm-attentions');
  const weight = (transpose: boolean, layerShift: number) => async (cumle: string, hedef: string, katman: number, bas: number) => {
    const enc = model.tokenizer(cumle);
    const tokens = (enc.input_ids.tolist() as number[][])[0].map((id) => model.tokenizer.decode([id]));
    const attn = ((await model.model(enc)).attentions.tolist() as number[][][][][])[0];
    const [it, target] = [tokens.indexOf('it'), tokens.indexOf(hedef)];
    const head = attn[Math.min(katman + layerShift, attn.length - 1)][bas];
    return transpose ? head[target][it] : head[it][target];
  };
  assert.equal((await kontrolVerdict('3.6', weight(false, 0))).status, 'dogru');
  assert.match(what(await kontrolVerdict('3.6', weight(true, 0))), /girdisinde: .* bekleniyordu, .* döndü/);
  assert.equal((await kontrolVerdict('3.6', weight(false, 1))).status, 'yanlis');
  assert.equal((await kontrolVerdict('3.6', async () => yapilacak())).status, 'henuz');
  assert.match(what(await kontrolVerdict('3.6', 0.5)), /Bir fonksiyon bekleniyordu/);
});

test('3.2: the order gaps with the seeded random table pass; no table, one row for every position, the sine table or another seed fail', async () => {
  // §2.2's experiment written out independently of the check: softmax(QKᵀ/√d)V by hand, the notebook's seeds.
  const gaps = (table: tf.Tensor | null) => tf.tidy(() => {
    const order = ['kedi', 'değil', 'köpek', 'geldi'], swapped = ['köpek', 'değil', 'kedi', 'geldi'];
    const words = tf.randomNormal([4, 8], 0, 1, 'float32', 21);
    const [wq, wk, wv] = [8, 9, 10].map((seed) => tf.randomNormal([8, 8], 0, 0.5, 'float32', seed));
    const out = (ws: string[]) => {
      const x0 = tf.gather(words, ws.map((w) => order.indexOf(w)));
      const x = table === null ? x0 : tf.add(x0, table);
      return tf.matMul(tf.softmax(tf.div(tf.matMul(tf.matMul(x, wq), tf.matMul(x, wk), false, true), Math.sqrt(8))), tf.matMul(x, wv));
    };
    const [a, b] = [out(order), out(swapped)];
    return { 'kelime çıktıları farkı': tf.max(tf.abs(tf.sub(a, tf.gather(b, order.map((w) => swapped.indexOf(w)))))).dataSync()[0],
      'cümle vektörü farkı': tf.max(tf.abs(tf.sub(tf.mean(a, 0), tf.mean(b, 0)))).dataSync()[0] };
  });
  const { sinusoidalPositionalEncoding } = await import('../../transformer');
  const table = (seed: number, shape: number[]) => tf.randomNormal(shape, 0, 1, 'float32', seed);
  assert.equal((await kontrolVerdict('3.2', gaps(table(5, [4, 8])))).status, 'dogru');
  assert.match(what(await kontrolVerdict('3.2', gaps(null))), /İki fark da sıfır/);
  assert.match(what(await kontrolVerdict('3.2', gaps(table(5, [8])))), /her konuma aynı vektör/);   // one row broadcast to every position
  assert.match(what(await kontrolVerdict('3.2', gaps(sinusoidalPositionalEncoding(4, 8)))), /sinüs tablosunun sonucu/);
  assert.match(what(await kontrolVerdict('3.2', gaps(table(6, [4, 8])))), /beklenenlere uymuyor/);
  assert.match(what(await kontrolVerdict('3.2', { 'cümle vektörü farkı': 0.3 })), /"kelime çıktıları farkı" için bir sayı bekleniyordu; gelen undefined/);
  assert.equal((await kontrolVerdict('3.2', yapilacak())).status, 'henuz');
});

test('3.5: a copy trained further passes; the same object, an untrained copy, a fresh model or another size fail', async () => {
  const { MiniBert, mlmMask, bertPretrainingLoss, trainTransformer, adamW } = await import('../../transformer');
  const { loadTreebank } = await import('../../data');
  const { setSeed } = await import('../../tf');
  const tok = (await loadPipeline('tiny-bert')).tokenizer;
  const config = { vocabSize: tok.get_vocab().size, contextLength: 64, numLayers: 2, numHeads: 4, dModel: 64 };
  setSeed(1);
  const onceki = new MiniBert(config);
  const copy = () => {
    const m = new MiniBert(config);
    m.setWeights(Object.fromEntries(onceki.namedParameters()));
    return m;
  };
  // 40 MLM steps on treebank train sentences (the check reads test ones): enough to lower the loss of random weights.
  const sentences = loadTreebank({ split: 'train' }).slice(0, 640).map((s) => (tok.encode(s.text) as number[]).slice(0, 48));
  const special = [tok.convert_tokens_to_ids('[CLS]') as number, tok.sep_token_id as number, tok.pad_token_id as number, tok.mask_token_id as number];
  const sonraki = copy();
  await trainTransformer(sonraki, { steps: 40, optimizer: adamW(2e-3), clipNorm: 1, batch: (step) => {
    const rows = sentences.slice((step * 16) % 624, (step * 16) % 624 + 16);
    const width = Math.max(...rows.map((r) => r.length));
    const ids = rows.map((r) => [...r, ...new Array<number>(width - r.length).fill(special[2])]);
    const masked = mlmMask(ids, { vocabSize: config.vocabSize, maskId: special[3], specialIds: special });
    return { ids: masked.inputs, mlmLabels: masked.labels, attentionMask: rows.map((r) => [...r.map(() => 1), ...new Array<number>(width - r.length).fill(0)]) };
  }, loss: (b) => bertPretrainingLoss(sonraki, b).loss });
  const verdict = await kontrolVerdict('3.5', { onceki, sonraki });
  assert.equal(verdict.status, 'dogru', what(verdict));
  assert.match(what(await kontrolVerdict('3.5', { onceki, sonraki: onceki })), /aynı model: miniBert'in kendisi eğitilmiş/);
  assert.match(what(await kontrolVerdict('3.5', { onceki, sonraki: copy() })), /ağırlıkları aynı: kopya henüz eğitilmemiş/);
  setSeed(2);
  assert.match(what(await kontrolVerdict('3.5', { onceki, sonraki: new MiniBert(config) })), /MLM kaybı yeterince düşmedi/);   // a fresh start, not a continuation
  assert.match(what(await kontrolVerdict('3.5', { onceki, sonraki: new MiniBert({ ...config, dModel: 32 }) })), /aynı yapılandırmada olmalı/);
  assert.match(what(await kontrolVerdict('3.5', sonraki)), /onceki: 5\. bölümün miniBert'i bekleniyordu/);
  assert.equal((await kontrolVerdict('3.5', { onceki, sonraki: yapilacak() })).status, 'henuz');
});
