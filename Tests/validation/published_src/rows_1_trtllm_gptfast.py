# (category, model, accelerator, count, precision, runtime, batch, tokens_in, tokens_out, metric, value, unit, source, notes, catalog_model, catalog_accelerator)
TRT061 = "NVIDIA/TensorRT-LLM docs/source/performance.md @ 138f96d45f90b9667426f7c47297d8c06bafac73"
R = []
def add(*a): R.append(a)
# --- TensorRT-LLM v0.6.1 Peak Throughput (static batching, gptSessionBenchmark) ---
n061 = "TensorRT-LLM v0.6.1 'Peak Throughput' table (static batch, gptSessionBenchmark); "
# The doc's 'LLaMA 7B' and 'LLaMA 70B' are Llama 2 (its Methodology: "For the GPT-J, Llama2-7b, and Llama2-70b
# benchmarks"), so they map to the catalog's llama-2-7b / llama-2-70b (Catalogs/models-reference.yaml).
L2 = lambda m: "llama-2-7b" if m == "llama-7b" else "llama-2-70b"
for acc, cat_acc, prec, rows in [
  ("H100 SXM 80GB", "h100-sxm", "fp8", [("llama-7b",768,1,128,128,19694),("llama-7b",112,1,128,2048,6818),("llama-7b",80,1,2048,128,2244),("llama-7b",48,1,2048,2048,2740),
                            ("llama-70b",1024,2,128,128,2657),("llama-70b",480,4,128,2048,1486),("llama-70b",96,2,2048,128,306),("llama-70b",64,2,2048,2048,547)]),
]:
    for m,b,tp,i,o,v in rows:
        add("static_throughput", m, acc, tp, prec, "trtllm-0.6.1", b, i, o, "output_tokens_per_s_per_gpu", v, "tok/s/gpu", TRT061,
            n061+"H100 table reports out tok/s per GPU; TP %d"%tp, L2(m), cat_acc)
for m,b,tp,i,o,v in [("llama-7b",64,1,128,128,3240),("llama-7b",64,1,128,2048,1622),("llama-7b",32,1,2048,128,581),("llama-7b",16,1,2048,2048,531)]:
    add("static_throughput", m, "L40S", tp, "fp8", "trtllm-0.5", b, i, o, "output_tokens_per_s", v, "tok/s", TRT061,
        "TensorRT-LLM v0.5 data in the v0.6.1 doc (L40S FP8 table, marked '*' = v0.5); static batch", L2(m), "l40s")
for m,b,tp,i,o,v in [("llama-7b",384,1,128,128,5586),("llama-7b",60,1,128,2048,1928),("llama-7b",52,1,2048,128,591),("llama-7b",64,2,2048,2048,782),
                     ("llama-70b",1280,4,128,128,670),("llama-70b",240,4,128,2048,525),("llama-70b",120,4,2048,128,79)]:
    # The A100 table's header says 'out tok/s' where the H100 table's says 'out tok/s/GPU'. Read per GPU: as a total,
    # the TP 4 LLaMA 70B 2048/128 row (79 tok/s) would take 194 s per batch of 120, where the prefill alone (120 x 2048
    # tokens x 138 GFLOP) at the full 4 x 312 TFLOPS takes 27 s and the 128 decode steps a few seconds more: below 15% of
    # peak, far under any TensorRT-LLM measurement; per GPU it is 49 s, 55% of peak.
    add("static_throughput", m, "A100 (memory size not stated)", tp, "fp16", "trtllm-0.6.1", b, i, o, "output_tokens_per_s_per_gpu", v, "tok/s/gpu", TRT061,
        n061+"A100 FP16 table, 'out tok/s', read per GPU as the H100 table states (as a total, TP 4 rows would run below 15%% of peak); TP %d"%tp,
        L2(m), "a100-80gb?")
# --- TensorRT-LLM v0.5 Low Latency (batch 1 first-token latency) in the same doc ---
nll = "TensorRT-LLM v0.5 'Low Latency' table: batch 1, 1st token latency (= prefill of tokens_in)"
for acc, cat_acc, prec, rt, rows in [
  ("H100 SXM 80GB","h100-sxm","fp8","trtllm-0.5",[("llama-7b",1,128,7),("llama-7b",1,2048,36),("llama-70b",4,128,26),("llama-70b",4,2048,109)]),
  ("L40S","l40s","fp8","trtllm-0.5",[("llama-7b",1,128,14),("llama-7b",1,2048,73)]),
  ("A100 (memory size not stated)","a100-80gb?","fp16","trtllm-0.5",[("llama-7b",1,128,16),("llama-7b",1,2048,133),("llama-70b",4,128,47),("llama-70b",4,2048,377)]),
]:
    for m,tp,i,v in rows:
        add("ttft", m, acc, tp, prec, rt, 1, i, 1, "ttft_ms", v, "ms", TRT061, nll+"; TP %d"%tp, L2(m), cat_acc)
# --- gpt-fast (batch-1 decode) ---
GF = "pytorch-labs/gpt-fast README.md @ 0f925b5d4ce457b89a7ca6c9ce50f42bf2576945"
ngf = "gpt-fast, torch.compile, batch 1, ~5-token prompt; 8xA100-80GB power-limited to 330 W (README: 'peak bandwidth is about 1700 GB/s')"
for m,prec,tp,v in [("llama-2-7b","bf16",1,104.9),("llama-2-7b","int8 (weight-only)",1,155.58),("llama-2-7b","int4 (weight-only, g32)",1,196.80),
                    ("llama-2-70b","int8 (weight-only)",1,19.13),("llama-2-70b","int4 (weight-only, g32)",1,25.25),
                    ("llama-2-7b","bf16",2,168.84),("llama-2-7b","bf16",4,254.02),("llama-2-7b","bf16",8,328.43),
                    ("llama-2-70b","bf16",2,21.32),("llama-2-70b","bf16",4,38.01),("llama-2-70b","bf16",8,62.50),
                    ("llama-2-70b","int8 (weight-only)",8,80.44),("llama-2-70b","int4 (weight-only, g32)",8,90.77)]:
    add("decode", m, "A100 SXM 80GB (330 W limit)", tp, prec, "gpt-fast (PyTorch compile)", 1, 5, "", "decode_tokens_per_s", v, "tok/s", GF,
        ngf+"; TP %d"%tp, m, "a100-80gb")
