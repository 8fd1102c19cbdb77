PO = "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md @ 00f37686aa854010d68bcbd0f4ab000221541ca6"
npo = ("trtllm-bench throughput, PyTorch backend, requests at infinite rate (max load, in-flight batching), synthetic fixed ISL/OSL; "
       "metric 'Total Output Throughput (tokens/sec)'; ModelOpt-quantized checkpoint; ")
lens = [(128,128),(128,2048),(128,4096),(500,2000),(1000,1000),(1000,2000),(2048,128),(2048,2048),(5000,500),(20000,2000)]
tables = [
  ("llama-3.1-8b","llama-3.1-8b","H200 SXM 141GB","h200",1,"fp8","nvidia/Llama-3.1-8B-Instruct-FP8",[27911,26221,18027,20770,17744,16828,3538,12194,3902,1804]),
  ("llama-3.1-8b","llama-3.1-8b","H100 SXM 80GB","h100-sxm",1,"fp8","nvidia/Llama-3.1-8B-Instruct-FP8",[28312,22714,14325,17660,15220,13899,3450,9305,3459,1351]),
  ("llama-3.3-70b","llama-3.1-70b~","H200 SXM 141GB","h200",1,"fp8","nvidia/Llama-3.3-70B-Instruct-FP8 (same architecture as Llama 3.1 70B)",[3803,4336,2872,3666,2909,2994,442,2003,566,283]),
  ("llama-3.3-70b","llama-3.1-70b~","H100 SXM 80GB","h100-sxm",2,"fp8","nvidia/Llama-3.3-70B-Instruct-FP8, TP2",[6378,6651,4199,5222,4205,4146,762,3082,898,437]),
  ("qwen3-30b-a3b","qwen3-30b-a3b","B200 180GB (DGX B200)","b200",1,"nvfp4","nvidia/Qwen3-30B-A3B-FP4",[39827,37844,24953,27817,25828,22051,6251,17554,6142,2944]),
  ("qwen3-30b-a3b","qwen3-30b-a3b","RTX PRO 6000 Blackwell Server Edition","rtx-pro-6000-blackwell",1,"nvfp4","nvidia/Qwen3-30B-A3B-FP4, TP1 PP1",[28011,12540,7491,10695,9910,8378,3257,5908,2530,871]),
]
for m, cm, acc, ca, tp, prec, ck, vals in tables:
    for (i,o), v in zip(lens, vals):
        add("continuous_rate", m, acc, tp, prec, "trtllm (PyTorch backend, perf-overview for v1.0)", "max (infinite request rate)", i, o,
            "total_output_tokens_per_s", v, "tok/s", PO, npo+ck, cm, ca)
