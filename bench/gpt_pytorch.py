"""PyTorch reference for `npm run bench -- gpt` (bench/gpt.ts drives it; not run on its own).

The same mini GPT as lib/transformer's MiniGpt, written the nanoGPT way: token + learned position
embeddings, pre-norm blocks (LayerNorm, causal self-attention with one fused c_attn projection and
F.scaled_dot_product_attention, GELU(tanh) MLP), final LayerNorm, LM head tied to the token
embeddings; F.cross_entropy; torch.optim.AdamW with weight decay on matrices only. Initial weights,
token stream and batch offsets come from the TypeScript side (argv[1]: spec JSON, argv[2]: float32
weights in the spec's order).

Protocol (one JSON object per line on stdout):
  start:                          {"ready": true, "torch": version}
  stdin "train <threads> <n>":    n more steps of the model kept for that thread count ->
                                  {"threads", "ms": [per step], "losses": [per step]}
  stdin "profile <threads> <n>":  n steps under torch.profiler -> {"ms": mean step ms,
                                  "matmulMs": mean ms per step in mm/bmm/addmm/linear kernels, "groups": {what: ms per step},
                                  "top": [[op, ms per step]]}
  stdin "quit"
A step, timed alone: zero_grad, forward, loss, backward, optimizer step, loss.item().
"""
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, C, nh):
        super().__init__()
        self.nh = nh
        self.c_attn = nn.Linear(C, 3 * C)
        self.c_proj = nn.Linear(C, C)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)  # (B, T, C) x3
        q, k, v = (t.view(B, T, self.nh, C // self.nh).transpose(1, 2) for t in (q, k, v))  # (B, nh, T, hs)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)  # (B, nh, T, hs)
        return self.c_proj(y.transpose(1, 2).contiguous().view(B, T, C))


class MLP(nn.Module):
    def __init__(self, C):
        super().__init__()
        self.c_fc = nn.Linear(C, 4 * C)
        self.c_proj = nn.Linear(4 * C, C)

    def forward(self, x):
        return self.c_proj(F.gelu(self.c_fc(x), approximate="tanh"))


class Block(nn.Module):
    def __init__(self, C, nh):
        super().__init__()
        self.ln_1 = nn.LayerNorm(C)
        self.attn = CausalSelfAttention(C, nh)
        self.ln_2 = nn.LayerNorm(C)
        self.mlp = MLP(C)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    def __init__(self, V, P, L, nh, C):
        super().__init__()
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(V, C), wpe=nn.Embedding(P, C),
            h=nn.ModuleList([Block(C, nh) for _ in range(L)]), ln_f=nn.LayerNorm(C)))

    def forward(self, idx):
        T = idx.shape[1]
        x = self.transformer.wte(idx) + self.transformer.wpe(torch.arange(T))  # (B, T, C)
        for block in self.transformer.h:
            x = block(x)
        return self.transformer.ln_f(x) @ self.transformer.wte.weight.T  # (B, T, V), tied head


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    flat = np.fromfile(sys.argv[2], dtype=np.float32)
    c = spec["config"]
    tokens = torch.tensor(spec["tokens"], dtype=torch.int64)
    offsets = spec["offsets"]
    B, T = spec["batchSize"], c["contextLength"]
    states = {}

    def state_for(threads):
        if threads not in states:
            model = GPT(c["vocabSize"], c["contextLength"], c["numLayers"], c["numHeads"], c["dModel"])
            params = dict(model.named_parameters())
            pos = 0
            with torch.no_grad():
                for entry in spec["weights"]:
                    n = math.prod(entry["shape"])
                    params[entry["name"]].copy_(torch.from_numpy(flat[pos:pos + n].copy()).view(entry["shape"]))
                    pos += n
            assert pos == flat.size and len(params) == len(spec["weights"]), "weights do not match the model"
            decay = [p for p in model.parameters() if p.dim() >= 2]
            other = [p for p in model.parameters() if p.dim() < 2]
            opt = torch.optim.AdamW([{"params": decay, "weight_decay": spec["weightDecay"]}, {"params": other, "weight_decay": 0.0}],
                                    lr=spec["lr"], betas=(0.9, 0.999), eps=1e-8)
            states[threads] = {"model": model, "opt": opt, "step": 0}
        return states[threads]

    def step(s):
        o = offsets[s["step"] % len(offsets)]
        xb = torch.stack([tokens[i:i + T] for i in o])
        yb = torch.stack([tokens[i + 1:i + T + 1] for i in o])
        s["opt"].zero_grad(set_to_none=True)
        logits = s["model"](xb)
        loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), yb.view(-1))
        loss.backward()
        s["opt"].step()
        s["step"] += 1
        return loss.item()

    print(json.dumps({"ready": True, "torch": torch.__version__}), flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            break
        threads, n = int(parts[1]), int(parts[2])
        torch.set_num_threads(threads)
        s = state_for(threads)
        if parts[0] == "train":
            times, losses = [], []
            for _ in range(n):
                t0 = time.perf_counter()
                losses.append(step(s))
                times.append((time.perf_counter() - t0) * 1000)
            print(json.dumps({"threads": threads, "ms": times, "losses": losses}), flush=True)
        elif parts[0] == "profile":
            from torch.profiler import ProfilerActivity, profile
            t0 = time.perf_counter()
            with profile(activities=[ProfilerActivity.CPU]) as prof:
                for _ in range(n):
                    step(s)
            ms = (time.perf_counter() - t0) * 1000 / n
            rows = [(e.key, e.self_cpu_time_total / 1000 / n) for e in prof.key_averages()]
            matmul = sum(t for k, t in rows if k in ("aten::mm", "aten::bmm", "aten::addmm", "aten::baddbmm", "aten::_mkldnn_matmul"))
            rows.sort(key=lambda r: -r[1])
            # Self time of the ops outside the matrix products, by what they compute (bench/gpt.ts's bound table).
            groups = {"LayerNorm": ("layer_norm",), "GELU": ("gelu",), "attention core": ("scaled_dot_product", "flash_attention"),
                      "softmax + cross-entropy": ("log_softmax", "nll_loss", "cross_entropy")}
            grouped = {g: sum(t for k, t in rows if any(w in k for w in words)) for g, words in groups.items()}
            print(json.dumps({"ms": ms, "matmulMs": matmul, "groups": grouped,
                              "top": [[k, round(t, 3)] for k, t in rows[:12]]}), flush=True)


if __name__ == "__main__":
    main()
