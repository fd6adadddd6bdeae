"""PyTorch reference for `npm run bench -- lstm` (bench/lstm.ts drives it; not run on its own).

The notebook-2 next-word model in PyTorch CPU: Embedding(vocabSize, 50) -> LSTM(100) -> Linear(vocabSize)
with softmax cross-entropy, Adam. Same data, batches, initial weights and Adam settings as the
TypeScript side, which writes them to a JSON file given as argv[1].

Protocol (one JSON object per line on stdout):
  start:                         {"ready": true, "torch": version}
  stdin "train <threads> <n>":   trains the model kept for that thread count n more steps and
                                 answers {"threads", "ms": [per-step ms], "losses": [per-step loss]}
  stdin "profile <threads> <n>": n more steps of that model, each cut into the parts of
                                 bench/lstm_profile.ts (timestamps between the modules, and tensor
                                 hooks in the backward pass); answers {"threads", "parts": {name: mean ms},
                                 "stepMs", "ops": [[name, calls per step, self CPU ms per step], ...]}
                                 with the ops from torch.profiler over the same steps
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


PARTS = ["embedding forward", "LSTM forward", "Dense + loss forward", "Dense + loss backward", "LSTM backward",
         "embedding backward", "Adam", "rest of the step"]


def profiled_step(model, opt, loss_fn, xb, yb, sums):
    """One training step (the same computation as the timed one) with timestamps between its parts."""
    now = time.perf_counter
    marks = {}

    def mark(name):
        def hook(grad):
            marks[name] = now()
            return grad
        return hook

    t0 = now()
    opt.zero_grad()
    e0 = now()
    emb = model.embedding(xb)  # [B, T, E]
    e1 = now()
    out, _ = model.lstm(emb)
    last = out[:, -1]  # [B, H]
    l1 = now()
    loss = loss_fn(model.dense(last), yb)
    f1 = now()
    last.register_hook(mark("lstm_grad_in"))  # the LSTM's backward starts after this gradient
    emb.register_hook(mark("lstm_grad_out"))  # ...and has ended when this one exists
    loss.backward()
    b1 = now()
    opt.step()
    a1 = now()
    value = loss.item()
    t1 = now()
    parts = {
        "embedding forward": e1 - e0, "LSTM forward": l1 - e1, "Dense + loss forward": f1 - l1,
        "Dense + loss backward": marks["lstm_grad_in"] - f1, "LSTM backward": marks["lstm_grad_out"] - marks["lstm_grad_in"],
        "embedding backward": b1 - marks["lstm_grad_out"], "Adam": a1 - b1,
    }
    parts["rest of the step"] = (t1 - t0) - sum(parts.values())
    for k, v in parts.items():
        sums[k] = sums.get(k, 0.0) + 1000 * v
    sums["step"] = sums.get("step", 0.0) + 1000 * (t1 - t0)
    return value


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
        if parts[0] == "profile":
            sums = {}
            for _ in range(n):  # the parts, without the profiler
                b = s["step"] % num_batches
                profiled_step(model, opt, loss_fn, X[b * batch_size:(b + 1) * batch_size], y[b * batch_size:(b + 1) * batch_size], sums)
                s["step"] += 1
            from torch.profiler import profile, ProfilerActivity
            with profile(activities=[ProfilerActivity.CPU]) as prof:  # the ops, in separate steps
                for _ in range(n):
                    b = s["step"] % num_batches
                    opt.zero_grad()
                    loss = loss_fn(model(X[b * batch_size:(b + 1) * batch_size]), y[b * batch_size:(b + 1) * batch_size])
                    loss.backward()
                    opt.step()
                    loss.item()
                    s["step"] += 1
            ops = sorted(((e.key, e.count / n, e.self_cpu_time_total / 1000 / n) for e in prof.key_averages()),
                         key=lambda o: -o[2])
            print(json.dumps({"threads": threads, "parts": {k: sums[k] / n for k in PARTS}, "stepMs": sums["step"] / n,
                              "ops": ops[:25], "opsPerStep": sum(e.count for e in prof.key_averages()) / n}), flush=True)
            continue
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
