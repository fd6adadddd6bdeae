"""Builds the offline task models committed under models/tasks/ (used when DL_MODELS=offline).

    .venv-models/bin/python models/build/build_tasks.py

3_Bert_transformers.ipynb runs transformers.js pipelines for question answering, named-entity
recognition, zero-shot classification (NLI) and sentiment. The hub models it uses online cannot be
reached in tests and CI, so each task gets a small BERT of the same task, trained here on the
project's own data:

- `qa`         BertForQuestionAnswering on extractive questions generated from data/knowledge_base.json
               (a span of a sentence is the answer; the question is that sentence with the span
               replaced by a question word: "… 2014'te …" -> "… ne zaman …?"; the context is that
               sentence with its neighbours, which keeps training short).
- `ner`        BertForTokenClassification on data/ner_sentences.jsonl (BIO tags PER/LOC/ORG), with the
               hub model's nine labels in its order (MISC included, never seen in our data).
- `nli`        BertForSequenceClassification with MNLI's labels (entailment/neutral/contradiction) on
               premise/hypothesis pairs from the reviews ("Bu yorum olumlu." …) and off-topic
               hypotheses (neutral); the zero-shot pipeline reads the entailment logit.
- `sentiment`  BertForSequenceClassification on the reviews, with the hub model's three labels in its
               order (positive/neutral/negative; our reviews have no neutral ones).

The review models see only notebook 1's training and validation reviews (models/build/review_split.ts),
never its test reviews, on which the notebook measures them. All four share one WordPiece tokenizer
trained on the project's texts (build_tiny.train_wordpiece) and have 2 layers x 64 hidden units:
they do their task on text like the training data and nothing more. Seeded; the ONNX export is
Optimum's, fp32 (about 1 MB each).

Not byte-reproducible: the `tokenizers` WordPiece trainer orders the `##` alphabet and breaks ties
between equally frequent merges in hash-map order, so two builds give different token ids (measured:
202 of 3,000 ids moved, 2 tokens differ, e.g. `##bü`/`##übü` vs `##üb`/`Kulüb`) and hence different
weights. Rebuild only the models whose interface you change and commit only those folders (the other
folders keep their own tokenizer.json, so each model stays self-consistent); the notebook-3 second
reading rebuilt `ner` and `sentiment` (new label sets) and kept `qa` and `nli` from the earlier build.
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch
from transformers import BertConfig, BertForQuestionAnswering, BertForSequenceClassification, BertForTokenClassification

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_tiny  # noqa: E402  (shared tokenizer trainer, exporter, seeding)

ROOT = build_tiny.ROOT
OUT = ROOT / "models" / "tasks"
SEED = 2024
MAX_LEN = 384  # the longest knowledge-base paragraph is ~300 tokens with this vocabulary
LR = 2e-3
VOCAB_SIZE = 3000  # more Turkish words whole than the tiny fill-mask BERT's 2,000, still ~1 MB per model
HYPOTHESES = {  # label word pairs for "Bu yorum {}." (positive first)
    "pairs": [("olumlu", "olumsuz"), ("pozitif", "negatif"), ("iyi", "kötü"), ("memnuniyet dolu", "şikâyet dolu")],
    "templates": ["Bu yorum {}.", "Yorum {}.", "Bu {} bir yorum."],
    "off_topic": ["spor", "hava durumu", "bir film", "bilgisayarlar", "bir kitap", "tatil planları"],
}


def review_split() -> dict[str, list[int]]:
    out = subprocess.run(["node", "--import", "tsx", "models/build/review_split.ts"], cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def load_reviews() -> list[tuple[str, int]]:
    import csv

    with open(ROOT / "data" / "restaurant_reviews.csv", encoding="utf-8", newline="") as f:
        return [(r["text"], 1 if r["label"] == "pozitif" else 0) for r in csv.DictReader(f)]


# ---------------------------------------------------------------------------------------------
# Training data for each task.
# ---------------------------------------------------------------------------------------------

def qa_examples(rng: random.Random) -> list[dict]:
    """Extractive questions over the knowledge base: (question, context, answer_start, answer_text)."""
    examples = []
    for entry in json.loads((ROOT / "data" / "knowledge_base.json").read_text(encoding="utf-8")):
        sentences = list(re.finditer(r"[^.!?]+[.!?]", entry["text"]))
        for k, m in enumerate(sentences):
            # Context: the answer's sentence and its neighbours (short inputs keep training cheap).
            lo, hi = sentences[max(0, k - 1)].start(), sentences[min(len(sentences) - 1, k + 1)].end()
            context = entry["text"][lo:hi].strip()
            lo += len(entry["text"][lo:hi]) - len(entry["text"][lo:hi].lstrip())
            sentence, base = m.group(0), m.start() - lo
            words = list(re.finditer(r"\S+", sentence))
            for i, w in enumerate(words[1:-1], start=1):
                raw = w.group(0)
                token = raw.strip("(),;:\"")
                if not token or raw.startswith(("(", '"')):
                    continue
                if re.match(r"^\d", token):
                    qword = "ne zaman" if re.match(r"^(1[89]|20)\d\d\b", token) else "kaç"
                elif token[0].isupper():
                    qword = "kim"
                elif len(token) >= 6 and rng.random() < 0.35:
                    qword = "ne"
                else:
                    continue
                span = token
                following = words[i + 1].group(0) if i + 1 < len(words) - 1 else ""
                if token[0].isupper() and raw == token and following[:1].isupper():
                    span = token + " " + following.strip("(),;:\"")  # two-word names
                question = (sentence[: w.start()] + qword + sentence[w.start() + len(span):]).strip()
                question = re.sub(r"[.!]$", "?", question)
                examples.append({"question": question, "context": context, "start": base + w.start(), "answer": span})
    return examples


def nli_examples(reviews: list[tuple[str, int]], ids: list[int], rng: random.Random) -> list[tuple[str, str, int]]:
    """(premise, hypothesis, label) with 0 = entailment, 1 = neutral, 2 = contradiction."""
    out = []
    for i in ids:
        text, y = reviews[i]
        for _ in range(3):
            pos, neg = rng.choice(HYPOTHESES["pairs"])
            template = rng.choice(HYPOTHESES["templates"])
            out.append((text, template.format(pos), 0 if y == 1 else 2))
            out.append((text, template.format(neg), 0 if y == 0 else 2))
        out.append((text, rng.choice(HYPOTHESES["templates"]).format(rng.choice(HYPOTHESES["off_topic"]) + " hakkında"), 1))
    return out


# ---------------------------------------------------------------------------------------------
# One small BERT per task.
# ---------------------------------------------------------------------------------------------

def config(tokenizer, **extra) -> BertConfig:
    return BertConfig(
        vocab_size=len(tokenizer), hidden_size=64, num_hidden_layers=2, num_attention_heads=4, intermediate_size=256,
        max_position_embeddings=MAX_LEN, pad_token_id=tokenizer.pad_token_id, **extra,
    )


def fit(model, batches, epochs: int, name: str) -> float:
    """AdamW with a linear decay; returns the mean loss of the last epoch."""
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.01)
    total = epochs * len(batches)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.05, 1 - s / total))
    order = random.Random(SEED)
    model.train()
    started = time.time()
    for epoch in range(epochs):
        losses = []
        for batch in order.sample(batches, len(batches)):
            loss = model(**batch).loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            losses.append(loss.item())
    model.eval()
    print(f"  {name}: last-epoch loss {np.mean(losses):.3f} after {epochs} epochs ({time.time() - started:.0f} s)")
    return float(np.mean(losses))


def chunks(items: list, size: int) -> list[list]:
    return [items[i: i + size] for i in range(0, len(items), size)]


def build_qa(tok, rng) -> dict:
    examples = qa_examples(rng)
    batches = []
    for part in chunks(rng.sample(examples, len(examples)), 16):
        enc = tok([e["question"] for e in part], [e["context"] for e in part], truncation="only_second", max_length=MAX_LEN,
                  padding=True, return_offsets_mapping=True, return_tensors="pt")
        starts, ends = [], []
        for k, e in enumerate(part):
            a0, a1 = e["start"], e["start"] + len(e["answer"])
            offs = enc["offset_mapping"][k].tolist()
            ctx = [j for j, s in enumerate(enc.sequence_ids(k)) if s == 1 and offs[j][0] < a1 and offs[j][1] > a0]
            # An answer cut off by truncation points at [CLS] (index 0), SQuAD 2's "no answer".
            starts.append(ctx[0] if ctx and offs[ctx[-1]][1] >= a1 else 0)
            ends.append(ctx[-1] if ctx and offs[ctx[-1]][1] >= a1 else 0)
        enc.pop("offset_mapping")
        batches.append({**enc, "start_positions": torch.tensor(starts), "end_positions": torch.tensor(ends)})
    model = BertForQuestionAnswering(config(tok))
    loss = fit(model, batches, 8, "qa")
    return {"model": model, "task": "question-answering", "examples": len(examples), "loss": loss}


def build_ner(tok, rng) -> dict:
    rows = [json.loads(line) for line in (ROOT / "data" / "ner_sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    # The hub model's label set and order (Xenova/bert-base-NER, lib/models/registry.ts HUB_INTERFACES):
    # MISC is never in our data, so the stand-in learns never to predict it, but the ids mean the same.
    labels = ["O", "B-MISC", "I-MISC", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
    lid = {l: i for i, l in enumerate(labels)}
    batches = []
    for part in chunks(rows, 32):
        enc = tok([r["tokens"] for r in part], is_split_into_words=True, truncation=True, max_length=MAX_LEN, padding=True, return_tensors="pt")
        tags = []
        for k, r in enumerate(part):
            # Every word piece carries its word's tag, but a word's later pieces continue the entity (I-).
            prev, row = None, []
            for w in enc.word_ids(k):
                if w is None:
                    row.append(-100)
                else:
                    t = r["tags"][w]
                    row.append(lid[t if w != prev or t == "O" else "I-" + t[2:]])
                prev = w
            tags.append(row)
        batches.append({**enc, "labels": torch.tensor(tags)})
    model = BertForTokenClassification(config(tok, id2label=dict(enumerate(labels)), label2id=lid))
    loss = fit(model, batches, 4, "ner")
    return {"model": model, "task": "token-classification", "examples": len(rows), "loss": loss}


def build_pairs(tok, pairs, labels, name, epochs) -> dict:
    batches = []
    for part in chunks(pairs, 32):
        texts = [p[0] for p in part]
        seconds = [p[1] for p in part] if len(part[0]) == 3 else None
        enc = tok(texts, seconds, truncation=True, max_length=MAX_LEN, padding=True, return_tensors="pt")
        batches.append({**enc, "labels": torch.tensor([p[-1] for p in part])})
    model = BertForSequenceClassification(config(tok, id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)}))
    loss = fit(model, batches, epochs, name)
    return {"model": model, "task": "text-classification", "examples": len(pairs), "loss": loss}


def main() -> None:
    build_tiny.quiet()
    torch.set_num_threads(1)  # the build machine's 2 cores are shared
    reviews = load_reviews()
    split = review_split()
    seen_ids = split["train"] + split["val"]
    kb = [e["text"] for e in json.loads((ROOT / "data" / "knowledge_base.json").read_text(encoding="utf-8"))]
    ner_text = [" ".join(json.loads(l)["tokens"]) for l in (ROOT / "data" / "ner_sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    build_tiny.seed_everything(SEED)
    build_tiny.VOCAB_SIZE = VOCAB_SIZE
    tok = build_tiny.train_wordpiece(build_tiny.read_corpus() + kb + ner_text + [reviews[i][0] for i in seen_ids])
    tok.model_max_length = MAX_LEN

    rng = random.Random(SEED)
    built = {}
    build_tiny.seed_everything(SEED)
    built["qa"] = build_qa(tok, rng)
    build_tiny.seed_everything(SEED)
    built["ner"] = build_ner(tok, rng)
    build_tiny.seed_everything(SEED)
    pairs = nli_examples(reviews, seen_ids, rng)
    built["nli"] = build_pairs(tok, rng.sample(pairs, len(pairs)), ["entailment", "neutral", "contradiction"], "nli", 3)
    build_tiny.seed_everything(SEED)
    # The hub model's three labels in its order (positive, neutral, negative; registry.ts HUB_INTERFACES), so
    # that the notebook reads the same label names online and offline; our reviews have no neutral class,
    # so the stand-in learns never to predict "neutral".
    sentiment_labels = ["positive", "neutral", "negative"]
    sent = [(reviews[i][0], 0 if reviews[i][1] == 1 else 2) for i in seen_ids]
    built["sentiment"] = build_pairs(tok, rng.sample(sent, len(sent)), sentiment_labels, "sentiment", 8)

    build_tiny.OUT = OUT
    info = {"seed": SEED, "reviewsSeen": "notebook 1's train + val split (models/build/review_split.ts)", "models": {}}
    for name, b in built.items():
        build_tiny.export(b["model"], tok, b["task"], name, [])
        info["models"][name] = {"architecture": type(b["model"]).__name__, "task": b["task"], "trainingExamples": b["examples"], "lastEpochLoss": round(b["loss"], 4)}
    info["versions"] = {"torch": torch.__version__, "transformers": __import__("transformers").__version__}
    (OUT / "build-info.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n")
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"wrote {OUT.relative_to(ROOT)} ({total / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
