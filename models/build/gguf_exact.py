"""Puts a llama.cpp Q4_1 GGUF's own quantized weights, bit for bit, into an ONNX Llama graph.

onnxruntime-genai's model builder writes a fast graph (MatMulNBits, GroupQueryAttention, …) but
re-quantizes the weights it is given. For SmolLM2 those are already de-quantized Q4_1 values, so
re-quantizing shifts every 32-weight block by up to half a quantization step: another model, in
effect. This pass replaces each MatMulNBits weight with the GGUF block data instead:

* Q4_1 (llama.cpp ggml-quants.c): a block of 32 weights stores a scale d and a minimum m (fp16)
  and 4-bit q, with w = d·q + m. MatMulNBits computes Σ d·(q − zp)·x with an integer zero point,
  so we give it zp = 0 (d·q) and add the m term separately: Σ_block m·Σ_{k∈block} x_k, i.e. the
  block sums of x times a small [K/32, N] matrix of minima. llama.cpp's own Q4_1 dot product
  does the same split (it keeps the block sums of its quantized activations).
* Q8_0 (the tied embedding / LM head): w = d·q with int8 q; MatMulNBits with 8 bits and its
  default zero point 128 stores q + 128 exactly.

Two rewrites keep the extra work small: the block sums of x are one MatMul with a [K, K/32] 0/1
matrix (shared by all projections that read the same x), and gate_proj and up_proj, which read the
same x, become one MatMulNBits of 2N outputs followed by a Split.

Every replaced weight is checked against the de-quantized checkpoint transformers wrote from the
same GGUF (exact equality), so a wrong row order or packing cannot pass silently; prepare_real.py
then compares the finished graph's logits with PyTorch's on that checkpoint.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper

BLOCK = 32


def _f16(raw: np.ndarray) -> np.ndarray:
    """Two bytes per value (little-endian fp16) → float32."""
    return np.ascontiguousarray(raw).view(np.float16)[..., 0].astype(np.float32)


def q4_1_blocks(tensor) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """q [N, nb, 32] uint8 (element order along K), d [N, nb], m [N, nb] of a GGUF Q4_1 tensor."""
    n = tensor.data.shape[0]
    blocks = np.asarray(tensor.data).reshape(n, -1, 20)  # 2 B d, 2 B m, 16 B nibbles
    d, m, qs = _f16(blocks[..., 0:2]), _f16(blocks[..., 2:4]), blocks[..., 4:]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)  # elements 0-15 in low nibbles, 16-31 in high
    return q.astype(np.uint8), d, m


def q8_0_blocks(tensor) -> tuple[np.ndarray, np.ndarray]:
    """q [N, nb, 32] int8 and d [N, nb] of a GGUF Q8_0 tensor."""
    n = tensor.data.shape[0]
    blocks = np.asarray(tensor.data).reshape(n, -1, 34)  # 2 B d, 32 int8
    return np.ascontiguousarray(blocks[..., 2:]).view(np.int8), _f16(blocks[..., 0:2])


def unpermute_rows(n_rows: int, n_head: int) -> np.ndarray:
    """Row order transformers restores for attn_q / attn_k (llama.cpp's converter interleaves rotary halves)."""
    dim = n_rows // n_head // 2
    return np.arange(n_rows).reshape(n_head, dim, 2).swapaxes(2, 1).reshape(n_rows)


def pack4(q: np.ndarray) -> np.ndarray:
    """[N, nb, 32] values 0-15 → [N, nb, 16] bytes, element 2j in the low nibble (MatMulNBits layout)."""
    return (q[..., 0::2] | (q[..., 1::2] << 4)).astype(np.uint8)


def _checkpoint(hf_dir: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    out: dict[str, np.ndarray] = {}
    for f in sorted(hf_dir.glob("*.safetensors")):
        out.update(load_file(str(f)))
    return out


def exact_weights(onnx_in: Path, onnx_out: Path, gguf_path: Path, hf_dir: Path) -> dict:
    import gguf

    cfg = json.loads((hf_dir / "config.json").read_text())
    n_head, n_kv = cfg["num_attention_heads"], cfg["num_key_value_heads"]
    tensors = {t.name: t for t in gguf.GGUFReader(str(gguf_path)).tensors}
    reference = _checkpoint(hf_dir)
    model = onnx.load(str(onnx_in))
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}

    def set_init(name: str, array: np.ndarray) -> None:
        if name in inits:
            graph.initializer.remove(inits[name])
        t = numpy_helper.from_array(array, name)
        graph.initializer.append(t)
        inits[name] = t

    def q4_1_for(layer: int, kind: str):
        """(q, d, m) in Hugging Face row order for one projection, checked against the checkpoint."""
        parts = {
            "qkv_proj": [("attn_q", "self_attn.q_proj", n_head), ("attn_k", "self_attn.k_proj", n_kv), ("attn_v", "self_attn.v_proj", None)],
            "o_proj": [("attn_output", "self_attn.o_proj", None)],
            "gate_proj": [("ffn_gate", "mlp.gate_proj", None)],
            "up_proj": [("ffn_up", "mlp.up_proj", None)],
            "down_proj": [("ffn_down", "mlp.down_proj", None)],
        }[kind]
        qs, ds, ms = [], [], []
        for gguf_name, hf_name, heads in parts:
            t = tensors[f"blk.{layer}.{gguf_name}.weight"]
            if t.tensor_type != gguf.GGMLQuantizationType.Q4_1:
                raise ValueError(f"blk.{layer}.{gguf_name} is {t.tensor_type.name}, this pass handles Q4_1 only")
            q, d, m = q4_1_blocks(t)
            if heads is not None:
                order = unpermute_rows(q.shape[0], heads)
                q, d, m = q[order], d[order], m[order]
            w = (d[..., None] * q.astype(np.float32) + m[..., None]).reshape(q.shape[0], -1)  # [N, K], as gguf-py de-quantizes
            ref = reference[f"model.layers.{layer}.{hf_name}.weight"]
            if not np.array_equal(w, ref):
                raise ValueError(f"layer {layer} {hf_name}: GGUF blocks do not reproduce the checkpoint (max diff {np.abs(w - ref).max()})")
            qs.append(q)
            ds.append(d)
            ms.append(m)
        return np.concatenate(qs), np.concatenate(ds), np.concatenate(ms)

    def block_sum_of(x: str, k: int) -> str:
        """x [batchSize, seqLen, K] @ P [K, K/32] (ones on each block) = the block sums of x, one MatMul."""
        if x not in block_sums:
            nb = k // BLOCK
            ones = np.zeros((k, nb), np.float32)
            ones[np.arange(k), np.arange(k) // BLOCK] = 1.0
            set_init(f"{x}/q4_1/block_ones", ones)
            new_nodes.append(helper.make_node("MatMul", [x, f"{x}/q4_1/block_ones"], [f"{x}/q4_1/sums"], name=f"{x}/q4_1/BlockSum"))  # [batchSize, seqLen, K/32]
            block_sums[x] = f"{x}/q4_1/sums"
        return block_sums[x]

    def q4_1_node(node: onnx.NodeProto, q: np.ndarray, d: np.ndarray, m: np.ndarray, out: str) -> None:
        """Sets node's weights to the Q4_1 blocks (zp 0) and appends y = node(x) + blocksum(x) @ mᵀ → out."""
        n, nb, _ = q.shape
        k = nb * BLOCK
        for a in node.attribute:
            if a.name == "N":
                a.i = n
        set_init(node.input[1], pack4(q))  # [N, K/32, 16]
        set_init(node.input[2], d)  # [N, K/32]
        zp_name = f"{node.input[1]}_zero_points"
        set_init(zp_name, np.zeros((n, (nb + 1) // 2), np.uint8))  # zp = 0: the kernel computes Σ d·q·x
        del node.input[3:]
        node.input.append(zp_name)
        sums = block_sum_of(node.input[0], k)
        mins_name = f"{node.input[1]}_mins"
        set_init(mins_name, np.ascontiguousarray(m.T))  # [K/32, N]
        node.output[0] = f"{out}/scaled"
        new_nodes.append(helper.make_node("MatMul", [sums, mins_name], [f"{out}/minima"], name=f"{node.name}/minima"))  # [batchSize, seqLen, N]
        new_nodes.append(helper.make_node("Add", [f"{out}/scaled", f"{out}/minima"], [out], name=f"{node.name}/add_minima"))

    nodes = list(graph.node)
    by_name = {nd.name: nd for nd in nodes}
    new_nodes: list[onnx.NodeProto] = []
    block_sums: dict[str, str] = {}
    skip: set[str] = set()
    replaced = 0
    for node in nodes:
        if node.name in skip:
            continue
        new_nodes.append(node)
        if node.op_type != "MatMulNBits":
            continue
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        k, n = attrs["K"], attrs["N"]
        if attrs["block_size"] != BLOCK:
            raise ValueError(f"{node.name}: block_size {attrs['block_size']}, expected {BLOCK}")
        nb = k // BLOCK
        if node.name == "/lm_head/MatMul_Q4":
            q, d = q8_0_blocks(tensors["token_embd.weight"])
            w = (d[..., None] * q.astype(np.float32)).reshape(n, k)
            if "lm_head.weight" in reference and not np.array_equal(w, reference["lm_head.weight"]):
                raise ValueError("lm_head: GGUF Q8_0 blocks do not reproduce the checkpoint")
            if not np.array_equal(w, reference["model.embed_tokens.weight"]):
                raise ValueError("token_embd: GGUF Q8_0 blocks do not reproduce the checkpoint")
            set_init(node.input[1], (q.astype(np.int16) + 128).astype(np.uint8))  # [N, nb, 32]
            set_init(node.input[2], d)  # [N, nb]
            del node.input[3:]  # default zero point for 8 bits is 128
            for a in node.attribute:
                if a.name == "bits":
                    a.i = 8
            replaced += 1
            continue
        match = re.fullmatch(r"/model/layers\.(\d+)/(?:attn|mlp)/(qkv_proj|o_proj|gate_proj|up_proj|down_proj)/MatMul_Q4", node.name)
        if not match:
            raise ValueError(f"unexpected MatMulNBits node {node.name}")
        layer, kind = int(match.group(1)), match.group(2)
        q, d, m = q4_1_for(layer, kind)
        if q.shape != (n, nb, BLOCK):
            raise ValueError(f"{node.name}: GGUF gives {q.shape}, graph expects {(n, nb, BLOCK)}")
        up = by_name.get(node.name.replace("gate_proj", "up_proj")) if kind == "gate_proj" else None
        if up is not None and up.input[0] == node.input[0]:
            # gate and up read the same x: one MatMulNBits of 2N outputs, then Split (fewer, larger kernels).
            uq, ud, um = q4_1_for(layer, "up_proj")
            gate_out, up_out = node.output[0], up.output[0]
            fused = f"/model/layers.{layer}/mlp/gate_up_proj/MatMul/output_0"
            node.name = f"/model/layers.{layer}/mlp/gate_up_proj/MatMul_Q4"
            node.input[1], node.input[2] = f"model.layers.{layer}.mlp.gate_up_proj.MatMul.weight_Q4", f"model.layers.{layer}.mlp.gate_up_proj.MatMul.weight_scales"
            q4_1_node(node, np.concatenate([q, uq]), np.concatenate([d, ud]), np.concatenate([m, um]), fused)
            set_init(f"{fused}/split", np.array([n, n], np.int64))
            new_nodes.append(helper.make_node("Split", [fused, f"{fused}/split"], [gate_out, up_out], name=f"{node.name}/Split", axis=-1))
            skip.add(up.name)
            replaced += 2
            continue
        q4_1_node(node, q, d, m, node.output[0])
        replaced += 1

    del graph.node[:]
    graph.node.extend(new_nodes)
    used = {i for nd in graph.node for i in nd.input}
    for name in [i.name for i in graph.initializer if i.name not in used]:
        graph.initializer.remove(inits[name])
    onnx.save(model, str(onnx_out))
    return {"projections": replaced}
