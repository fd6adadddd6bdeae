"""PyTorch reference for `npm run bench -- lstm` (bench/lstm.ts drives it; not run on its own).

The notebook-2 next-word model in PyTorch CPU: Embedding(vocabSize, 50) -> LSTM(100) -> Linear(vocabSize)
with softmax cross-entropy, Adam. Same data, batches, initial weights and Adam settings as the
TypeScript side, which writes them to a JSON file given as argv[1].

Protocol (one JSON object per line on stdout):
  start:                         {"ready": true, "torch": version}
  stdin "train <threads> <n>":   trains the model kept for that thread count n more steps and
                                 answers {"threads", "ms": [per-step ms], "losses": [per-step loss]}
  stdin "quit":                  exits
Each step, timed alone: zero_grad, forward, loss, backward, optimizer step, loss.item().
"""
import json
import sys
import time

import torch
from torch import nn


class NextWordModel(nn.Module):
    """Embedding -> LSTM (last output) -> Linear; the softmax lives in CrossEntropyLoss."""

    def __init__(self, vocab_size, embedding_dim, num_hiddens):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, num_hiddens, batch_first=True)
        self.dense = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X):  # X: [batchSize, seqLen] int64
        out, _ = self.lstm(self.embedding(X))  # [batchSize, seqLen, numHiddens]
        return self.dense(out[:, -1])  # [batchSize, vocabSize] logits


def load_weights(model, w):
    """Copies the Keras-layout weights of the TypeScript model (gate order i, f, c, o, as PyTorch's)."""
    H = w["numHiddens"]
    with torch.no_grad():
        model.embedding.weight.copy_(torch.tensor(w["embedding"]).reshape(model.embedding.weight.shape))
        kernel = torch.tensor(w["kernel"]).reshape(-1, 4 * H)  # [E, 4H]
        recurrent = torch.tensor(w["recurrentKernel"]).reshape(H, 4 * H)  # [H, 4H]
        model.lstm.weight_ih_l0.copy_(kernel.T)
        model.lstm.weight_hh_l0.copy_(recurrent.T)
        model.lstm.bias_ih_l0.copy_(torch.tensor(w["bias"]))
        model.lstm.bias_hh_l0.zero_()  # Keras has one bias per gate
        dense = torch.tensor(w["denseKernel"]).reshape(H, -1)  # [H, V]
        model.dense.weight.copy_(dense.T)
        model.dense.bias.copy_(torch.tensor(w["denseBias"]))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    X = torch.tensor(spec["X"], dtype=torch.int64)  # [numExamples, seqLen]
    y = torch.tensor(spec["y"], dtype=torch.int64)  # [numExamples]
    batch_size = spec["batchSize"]
    num_batches = X.shape[0] // batch_size
    states = {}

    def state_for(threads):
        if threads not in states:
            torch.manual_seed(spec["seed"])
            model = NextWordModel(spec["vocabSize"], spec["embeddingDim"], spec["numHiddens"])
            load_weights(model, spec["weights"])
            # Same settings as tf.train.adam (its default epsilon on float32 backends is 1e-7).
            opt = torch.optim.Adam(model.parameters(), lr=spec["lr"], betas=(0.9, 0.999), eps=1e-7)
            states[threads] = {"model": model, "opt": opt, "step": 0}
        return states[threads]

    loss_fn = nn.CrossEntropyLoss()
    print(json.dumps({"ready": True, "torch": torch.__version__}), flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            break
        threads, n = int(parts[1]), int(parts[2])
        torch.set_num_threads(threads)
        s = state_for(threads)
        model, opt = s["model"], s["opt"]
        times, losses = [], []
        for _ in range(n):
            b = s["step"] % num_batches
            xb = X[b * batch_size:(b + 1) * batch_size]
            yb = y[b * batch_size:(b + 1) * batch_size]
            t0 = time.perf_counter()
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            value = loss.item()
            times.append((time.perf_counter() - t0) * 1000)
            losses.append(value)
            s["step"] += 1
        print(json.dumps({"threads": threads, "ms": times, "losses": losses}), flush=True)


if __name__ == "__main__":
    main()
