import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { trainFastText, trainWord2Vec } from './train';
import type { TrainingProgress } from './train';
import type { WordVectors } from './vectors';
import { topicSentences, topicWords, TOPICS } from './fixtures/topics';
import { makeTopicsCorpus } from './fixtures/make-topics-corpus';

const sentences = topicSentences();
// Small and fast; sample 0 because the fixture is tiny (1e-3 would drop most of it).
const BASE = { dim: 24, window: 3, epochs: 10, minCount: 1, sample: 0, seed: 3 } as const;

/**
 * How topical the vectors are: the share of topic words whose nearest topic word (cosine) is in
 * the same topic, and mean within-topic minus mean cross-topic similarity.
 */
function topicality(model: WordVectors): { nearestSameTopic: number; margin: number } {
  const groups = topicWords();
  const topicOf = new Map(groups.flatMap((g, t) => g.map((w) => [w, t] as [string, number])));
  const all = [...topicOf.keys()];
  let same = 0;
  let within = 0;
  let nWithin = 0;
  let cross = 0;
  let nCross = 0;
  for (const a of all) {
    let best = '';
    let bestSim = -Infinity;
    for (const b of all) {
      if (a === b) continue;
      const s = model.similarity(a, b);
      if (s > bestSim) [best, bestSim] = [b, s];
      if (topicOf.get(a) === topicOf.get(b)) [within, nWithin] = [within + s, nWithin + 1];
      else [cross, nCross] = [cross + s, nCross + 1];
    }
    if (topicOf.get(best) === topicOf.get(a)) same++;
  }
  return { nearestSameTopic: same / all.length, margin: within / nWithin - cross / nCross };
}

function assertTopical(model: WordVectors, label: string): void {
  const { nearestSameTopic, margin } = topicality(model);
  assert.ok(nearestSameTopic >= 0.95, `${label}: nearest word in the same topic for only ${(nearestSameTopic * 100).toFixed(0)}%`);
  assert.ok(margin >= 0.3, `${label}: within-topic minus cross-topic similarity is only ${margin.toFixed(3)}`);
}

describe('fixture', () => {
  it('topics_tr.txt is what make-topics-corpus.ts writes', () => {
    assert.deepEqual(sentences.map((s) => s.join(' ')), makeTopicsCorpus());
  });
});

describe('trainWord2Vec', () => {
  for (const architecture of ['cbow', 'skipgram'] as const) {
    it(`${architecture} learns the fixture's topics`, async () => {
      const model = await trainWord2Vec(sentences, { ...BASE, architecture });
      assertTopical(model, architecture);
      assert.equal(model.vocabSize, new Set(sentences.flat()).size);
      assert.equal(model.stats?.architecture, architecture);
    });
  }

  it('the topic check fails for vectors that did not learn (so it can fail)', async () => {
    const untrained = await trainWord2Vec(sentences, { ...BASE, architecture: 'skipgram', lr: 1e-7, minLr: 1e-7 });
    assert.throws(() => assertTopical(untrained, 'untrained'), /only/);
  });

  it('the TypeScript reference backend learns as well', async () => {
    assertTopical(await trainWord2Vec(sentences, { ...BASE, architecture: 'skipgram', backend: 'js' }), 'js backend');
  });

  it('is exactly reproducible from the seed with one worker, for both backends', async () => {
    for (const backend of ['simd', 'js'] as const) {
      const a = await trainWord2Vec(sentences, { ...BASE, backend, seed: 9 });
      const b = await trainWord2Vec(sentences, { ...BASE, backend, seed: 9 });
      const c = await trainWord2Vec(sentences, { ...BASE, backend, seed: 10 });
      assert.deepEqual(a.vectors, b.vectors, backend);
      assert.notDeepEqual(a.vectors, c.vectors, backend);
    }
  });

  it('trains with worker threads (Hogwild; not bit-reproducible)', async () => {
    const model = await trainWord2Vec(sentences, { ...BASE, architecture: 'skipgram', workers: 2 });
    assert.equal(model.stats?.workers, 2);
    assert.ok(model.vectors.every(Number.isFinite));
    assertTopical(model, '2 workers');
  });

  it('reports progress up to the whole corpus', async () => {
    const seen: TrainingProgress[] = [];
    await trainWord2Vec(sentences, { ...BASE, epochs: 3, onProgress: (p) => seen.push(p) });
    assert.ok(seen.length >= 3, `only ${seen.length} progress reports`); // one per epoch at least
    assert.ok(seen[0].fraction > 0 && seen[0].fraction < 1);
    const last = seen[seen.length - 1];
    assert.equal(last.fraction, 1);
    assert.equal(last.wordsDone, last.totalWords);
    assert.equal(last.epoch, 3);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].wordsDone >= seen[i - 1].wordsDone);
  });

  it('explains bad input', async () => {
    await assert.rejects(trainWord2Vec([], BASE), /Derlem boş/);
    await assert.rejects(trainWord2Vec([[], []], BASE), /Derlem boş/);
    await assert.rejects(trainWord2Vec(sentences, { ...BASE, dim: 0 }), /dim bir tam sayı \(≥ 1\) olmalı; verilen: 0/);
    await assert.rejects(trainWord2Vec(sentences, { ...BASE, window: 2.5 }), /window/);
    await assert.rejects(trainWord2Vec(sentences, { ...BASE, minCount: 10_000 }), /Hiçbir kelime en az minCount=10000 kez/);
    await assert.rejects(trainWord2Vec(sentences, { ...BASE, architecture: 'sg' as 'cbow' }), /'cbow' ya da 'skipgram'/);
    await assert.rejects(trainWord2Vec(sentences, { ...BASE, backend: 'js', workers: 2 }), /tek iş parçacığında/);
    await assert.rejects(trainWord2Vec(sentences, { ...BASE, minN: 3 } as object), /Alt-kelime seçenekleri trainFastText içindir/);
    await assert.rejects(trainWord2Vec(sentences, { ...BASE, epoch: 3 } as object), /bilinmeyen seçenek: "epoch"/);
  });
});

describe('trainFastText', () => {
  it('gives the unseen "kitaplarımızdan" a vector closest to the kitap family', async () => {
    assert.ok(!sentences.flat().includes('kitaplarımızdan'));
    const w2v = await trainWord2Vec(sentences, BASE);
    assert.throws(() => w2v.vector('kitaplarımızdan'), /trainFastText/);

    const ft = await trainFastText(sentences, { ...BASE, architecture: 'skipgram', buckets: 20_000 });
    assert.equal(ft.has('kitaplarımızdan'), false);
    const v = ft.vector('kitaplarımızdan');
    assert.equal(v.length, BASE.dim);
    const meanSimilarity = (words: string[]) => words.reduce((s, w) => s + ft.similarity(v, w), 0) / words.length;
    const family = meanSimilarity(TOPICS.books.subjects);
    for (const [name, topic] of Object.entries(TOPICS)) {
      if (name !== 'books') assert.ok(family > meanSimilarity(topic.subjects) + 0.2, `books ${family} vs ${name}`);
    }
    const top = ft.mostSimilar('kitaplarımızdan', 3).map((n) => n.word);
    assert.ok(top.every((w) => w.startsWith('kita')), top.join(', '));
    assertTopical(ft, 'fasttext');
  });

  it('checks its subword options', async () => {
    await assert.rejects(trainFastText(sentences, { ...BASE, minN: 5, maxN: 4 }), /1 ≤ minN ≤ maxN/);
    await assert.rejects(trainFastText(sentences, { ...BASE, buckets: 0 }), /buckets/);
  });
});
