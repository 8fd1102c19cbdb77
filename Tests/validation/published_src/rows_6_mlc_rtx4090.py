# Batch-1 decode on an RTX 4090, int4 weights (mlc-ai/llm-perf-bench README).
MLC = "mlc-ai/llm-perf-bench README.md @ 027460030bf1ff2dce035d671fad1b885eb960b6"
nm = ("'Int4-quantized, Single GPU' table: int4 weights, fp16 activations and compute, decoding 256 tokens after the prompt "
      "'What is the meaning of life?' (batch 1); ")
for m, cm, rt, v, extra in [
    ("llama-2-7b", "llama-2-7b", "MLC LLM (q4f16_1, CUDA graph)", 204.8, ""),
    ("llama-2-7b", "llama-2-7b", "ExLlama", 152.56, ""),
    ("llama-2-7b", "llama-2-7b", "llama.cpp (Q4_K_M)", 50.13, "the same table's RTX 3090 Ti value is 123.75, so this 4090 figure is probably a setup artefact"),
    ("llama-2-13b", "llama-2-13b", "MLC LLM (q4f16_1, CUDA graph)", 113.5, ""),
    ("llama-2-13b", "llama-2-13b", "ExLlama", 93.88, ""),
]:
    add("decode", m, "RTX 4090", 1, "w4a16", rt, 1, "", 256, "decode_tokens_per_s", v, "tok/s", MLC, nm+extra, cm, "rtx-4090")
