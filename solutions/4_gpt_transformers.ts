// Reference solutions of 4_gpt_transformers.ipynb's exercises, for teachers and for `npm test` (its solutions run puts
// each block below in place of the notebook's answer cell with the same `// cevap:` line; every kontrol must
// then say ✓). Not a module: the blocks use the notebook's variables. No block runs the language model, so the
// solutions add about a second to the notebook (learning 1000 merges on the embedding corpus).

// cevap: 4.1
const corpusMerges = learnBpeFast(loadEmbeddingCorpus().join('\n'), 1000);
const kitapParcalari: string[] = applyBpe('kitaplarımızdan', corpusMerges);
// The exercise's plot: mean tokens per parallel sentence (the sum of each word's BPE pieces) by merge count.
const mergeCounts = [100, 300, 1000];
const bpeTokens = (text: string, table: Merge[]): number => sum((text.match(/\p{L}+/gu) ?? []).map((w) => applyBpe(w, table).length));
const meanTokens = (side: 'tr' | 'en') => mergeCounts.map((n) => sum(parallel.map((p) => bpeTokens(p[side], corpusMerges.slice(0, n)))) / parallel.length);
showPlot({
  data: (['tr', 'en'] as const).map((side) => ({ type: 'scatter', mode: 'lines+markers', name: side === 'tr' ? 'Türkçe' : 'İngilizce', x: mergeCounts, y: meanTokens(side) })),
  layout: { title: { text: 'Gömme derleminde öğrenilen BPE: cümle başına ortalama token' }, height: 360,
    xaxis: { title: { text: 'birleştirme sayısı' } }, yaxis: { title: { text: 'ortalama token' } } },
});
kitapParcalari

// cevap: 4.2
/** Logits of the tokens whose probability is below minP × the largest probability become -Infinity; the rest stay. */
function minPFilter(logits: Float32Array, minP: number): Float32Array {
  const p = softmax(logits);
  const pMax = Math.max(...p);
  return Float32Array.from(logits, (z, i) => (p[i] < minP * pMax ? -Infinity : z));
}

// cevap: 4.3
/** Index of the finished hypothesis with the best log P / length^alpha (length counts the EOS token). */
function enIyiHipotez(bitenler: { ids: number[]; logProb: number }[], alpha: number): number {
  const skor = (h: { ids: number[]; logProb: number }) => h.logProb / h.ids.length ** alpha;
  let best = 0;
  bitenler.forEach((h, i) => { if (skor(h) > skor(bitenler[best])) best = i; });
  return best;
}

// cevap: 4.5
/** gptParameters with the MLP's inner width dFf (GPT-2: dFf = 4·d). */
function gptParametreleri(shape: GptShape & { dFf: number }): ReturnType<typeof gptParameters> {
  const d = shape.dModel, L = shape.numLayers, dFf = shape.dFf;   // no renaming destructuring: tslab 1.0.22 mangles it
  const base = gptParameters(shape);
  const mlp = L * (d * dFf + dFf + dFf * d + d);   // d → d_ff → d: two matrices, two bias vectors
  return { ...base, mlp, total: base.total - base.mlp + mlp };
}
