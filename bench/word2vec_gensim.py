"""gensim's Word2Vec for bench/word2vec.ts: trains once and prints one JSON line.

The corpus file is already tokenized by lib/text (one sentence per line, tokens separated by
single spaces), so both implementations see exactly the same words. Argument: a JSON object with
corpus, pairs, gold, architecture, dim, window, negative, epochs, minCount, sample, lr, minLr, workers, seed.
"""
import json
import platform
import sys
import time

import gensim
from gensim.models import Word2Vec
from scipy.stats import spearmanr
from gensim.models.word2vec_inner import FAST_VERSION


def main() -> None:
    args = json.loads(sys.argv[1])
    if FAST_VERSION < 0:
        raise SystemExit("gensim has no compiled training routines (FAST_VERSION < 0); timing would be meaningless.")
    with open(args["corpus"], encoding="utf-8") as f:
        sentences = [line.split(" ") for line in f.read().split("\n") if line]
    corpus_words = sum(len(s) for s in sentences)

    model = Word2Vec(
        vector_size=args["dim"],
        window=args["window"],
        negative=args["negative"],
        hs=0,
        sg=1 if args["architecture"] == "skipgram" else 0,
        cbow_mean=1,
        epochs=args["epochs"],
        min_count=args["minCount"],
        sample=args["sample"],
        alpha=args["lr"],
        min_alpha=args["minLr"],
        workers=args["workers"],
        seed=args["seed"],
    )
    t0 = time.perf_counter()
    model.build_vocab(sentences)
    t1 = time.perf_counter()
    c1 = time.process_time()
    model.train(sentences, total_examples=model.corpus_count, epochs=model.epochs)
    t2 = time.perf_counter()
    c2 = time.process_time()

    wv = model.wv
    similarities = [float(wv.similarity(a, b)) if a in wv and b in wv else None for a, b in args["pairs"]]
    known = [i for i, s in enumerate(similarities) if s is not None]
    # scipy's rho, so that the benchmark can check its own Spearman code against it.
    rho = spearmanr([similarities[i] for i in known], [args["gold"][i] for i in known]).statistic
    print(json.dumps({
        "gensim": gensim.__version__,
        "python": platform.python_version(),
        "vocabSize": len(wv),
        "corpusWords": corpus_words,
        "vocabSeconds": t1 - t0,
        "trainSeconds": t2 - t1,
        "trainCpuSeconds": c2 - c1,
        "similarities": similarities,
        "spearmanScipy": float(rho),
    }))


if __name__ == "__main__":
    main()
