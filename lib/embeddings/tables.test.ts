import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aliasTableDistribution, buildAliasTable, buildExpTable, buildKeepThresholds } from './tables';

describe('tables', () => {
  it('alias table: exactly the count^0.75 distribution', () => {
    const counts = [1000, 100, 10, 1, 1, 37];
    const table = buildAliasTable(counts);
    const total = counts.reduce((s, c) => s + c ** 0.75, 0);
    const p = aliasTableDistribution(table);
    counts.forEach((c, w) => assert.ok(Math.abs(p[w] - c ** 0.75 / total) < 1e-12, `word ${w}: ${p[w]}`));
    assert.ok(table.prob.every((x) => x >= 0 && x <= 1));
  });

  it('alias table: draws made as the kernels make them follow the distribution', () => {
    const counts = [50, 20, 5, 1];
    const { prob, alias } = buildAliasTable(counts);
    const hits = [0, 0, 0, 0];
    let rng = 12345;
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      rng = (Math.imul(rng, 1664525) + 1013904223) | 0;
      const x = (rng >>> 0) * (counts.length / 4294967296);
      const k = x | 0;
      hits[x - k < prob[k] ? k : alias[k]]++;
    }
    const total = counts.reduce((s, c) => s + c ** 0.75, 0);
    counts.forEach((c, w) => assert.ok(Math.abs(hits[w] / draws - c ** 0.75 / total) < 0.005, `word ${w}`));
  });

  it('keeps a word with gensim probability (sqrt(c/t) + 1) t/c, capped at 1', () => {
    const counts = [9000, 1000, 10];
    const thresholds = buildKeepThresholds(counts, 1e-3);
    const t = 1e-3 * 10010;
    assert.ok(Math.abs(thresholds[0] / 2 ** 32 - (Math.sqrt(9000 / t) + 1) * (t / 9000)) < 1e-12);
    assert.equal(thresholds[2], 2 ** 32); // rare word: always kept
    assert.deepEqual([...buildKeepThresholds(counts, 0)], [2 ** 32, 2 ** 32, 2 ** 32]);
  });

  it('fills the sigmoid table like word2vec.c', () => {
    const exp = buildExpTable();
    assert.equal(exp.length, 1000);
    assert.ok(Math.abs(exp[500] - 0.5) < 1e-6);
    assert.ok(Math.abs(exp[0] - 1 / (1 + Math.exp(6))) < 1e-6);
  });
});
