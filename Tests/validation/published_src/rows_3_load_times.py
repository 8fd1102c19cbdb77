SL = "ServerlessLLM/ServerlessLLM benchmarks/results/h100_2025/README.md @ 3e76baecfdb6ccd14a64e858d903fc548681aaf6"
nsl = "8x H100 SXM, NVMe SSD 29.4 GB/s; checkpoint -> one GPU load time; "
for m, cat, fmt, scen, v, extra in [
    ("qwen3-32b","qwen3-32b","SafeTensors","random (30 different copies, cold page cache)",20.592,"min 17.880 max 28.763"),
    ("qwen3-32b","qwen3-32b","SafeTensors","cached (same model 5x, page cache warm)",12.466,"min 12.382 max 12.591"),
    ("qwen3-32b","qwen3-32b","ServerlessLLM Store","random",3.216,"min 2.194 max 3.539"),
    ("qwen3-32b","qwen3-32b","ServerlessLLM Store","cached",1.253,"min 1.165 max 1.508"),
    ("deepseek-r1-distill-qwen-32b","qwen3-32b~","SafeTensors","random",19.090,"min 17.661 max 23.704"),
    ("deepseek-r1-distill-qwen-32b","qwen3-32b~","SafeTensors","cached",10.165,"min 9.973 max 10.324"),
    ("deepseek-r1-distill-qwen-32b","qwen3-32b~","ServerlessLLM Store","random",3.220,"min 2.503 max 3.425"),
    ("deepseek-r1-distill-qwen-32b","qwen3-32b~","ServerlessLLM Store","cached",1.184,"min 1.169 max 1.207"),
    ("llama-3.1-8b","llama-3.1-8b","SafeTensors","random",4.437,"min 2.720 max 6.257"),
    ("llama-3.1-8b","llama-3.1-8b","ServerlessLLM Store","random",0.678,"min 0.657 max 0.704")]:
    add("load_time", m, "H100 SXM 80GB", 1, "bf16 (checkpoint dtype, not stated)", fmt+" loader (ServerlessLLM benchmark, Dec 2025)", "", "", "",
        "weights_load_s", v, "s", SL, nsl+"scenario "+scen+"; "+extra+"; weights only (no engine start)", cat, "h100-sxm")
VB = "vllm-project/vllm-project.github.io "
SW = VB+"assets/figures/2025-vllm-sleep-mode/plotly-switching-comparison.js @ 93ea815ccd42d8da3041d01db835256c0f0c4d0c"
SW4 = VB+"assets/figures/2025-vllm-sleep-mode/plotly-switching-a4000.js @ 20acc219380b172dfc8574cd6d567868bb0c1135"
POST = VB+"_posts/2025-10-26-zero_reload_model_switching_with_vllm_sleep_mode.md @ 12bdd34eca083463ee392da9ef92da76abb758b8"
nb = "vLLM 0.11.0 blog 'Zero-Reload Model Switching with vLLM Sleep Mode' (2025-10-26), cudagraph_mode FULL_AND_PIECEWISE; "
add("load_time","qwen3-235b-a22b-fp8","A100 (memory size not stated)",4,"fp8","vllm-0.11.0",  "", "", "", "cold_start_s", 97.67, "s", SW,
    nb+"cold start = fresh vLLM instance (process, weights, CUDA graphs, JIT); mean of 97.9, 97.4, 97.71; TP 4", "", "a100-80gb?")
add("load_time","qwen3-235b-a22b-fp8","A100 (memory size not stated)",4,"fp8","vllm-0.11.0 sleep level 1", "", "", "", "wake_s", 5.41, "s", SW,
    nb+"wake from sleep level 1 (weights in host RAM); mean of 5.66, 5.29, 5.27; TP 4", "", "a100-80gb?")
add("load_time","qwen3-coder-30b-a3b","A100 (memory size not stated)",1,"bf16 (not stated)","vllm-0.11.0", "", "", "", "cold_start_s", 47.42, "s", SW,
    nb+"cold start, fresh vLLM instance; mean of 47.33, 47.47, 47.46; TP 1 (same architecture as Qwen3-30B-A3B)", "qwen3-30b-a3b~", "a100-80gb?")
add("load_time","qwen3-coder-30b-a3b","A100 (memory size not stated)",1,"bf16 (not stated)","vllm-0.11.0 sleep level 1", "", "", "", "wake_s", 2.87, "s", SW,
    nb+"wake from sleep level 1; mean of 2.89, 2.86, 2.85; TP 1", "qwen3-30b-a3b~", "a100-80gb?")
add("load_time","qwen3-0.6b","RTX A4000",1,"bf16 (not stated)","vllm-0.11.0", "", "", "", "cold_start_s", 21.00, "s", SW4,
    nb+"cold start, fresh vLLM instance; mean of 21.04, 20.98, 20.98; A4000 not in the catalog", "qwen3-0.6b", "")
add("load_time","qwen3-0.6b","RTX A4000",1,"bf16 (not stated)","vllm-0.11.0 sleep level 1", "", "", "", "wake_s", 0.10, "s", SW4,
    nb+"wake from sleep level 1; mean of 0.11, 0.1, 0.1", "qwen3-0.6b", "")
add("load_time","phi-3-vision-128k-instruct","RTX A4000",1,"bf16 (not stated)","vllm-0.11.0", "", "", "", "cold_start_s", 46.02, "s", SW4,
    nb+"cold start; mean of 46.01, 46.02, 46.02", "", "")
add("load_time","qwen3-0.6b","A100 (memory size not stated)",1,"bf16 (not stated)","vllm-0.11.0 sleep level 1", "", "", "", "wake_s", 0.26, "s", POST,
    nb+"'Performance Summary' table, Level 1 wake time A", "qwen3-0.6b", "a100-80gb?")
add("load_time","qwen3-0.6b","A100 (memory size not stated)",1,"bf16 (not stated)","vllm-0.11.0 sleep level 2", "", "", "", "wake_s", 0.85, "s", POST,
    nb+"'Performance Summary' table, Level 2 wake time A (weights reloaded from SSD, engine kept)", "qwen3-0.6b", "a100-80gb?")
add("load_time","phi-3-vision-128k-instruct","A100 (memory size not stated)",1,"bf16 (not stated)","vllm-0.11.0 sleep level 2", "", "", "", "wake_s", 2.58, "s", POST,
    nb+"'Performance Summary' table, Level 2 wake time B", "", "a100-80gb?")
