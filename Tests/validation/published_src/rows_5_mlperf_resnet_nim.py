# MLPerf ResNet-50 Offline (more accelerators) and NVIDIA NIM batch-1 (concurrency 1) latency.
V40 = "mlcommons/inference_results_v4.0 @ 3c4a1cf196b70175cfe7c59e067cd1d923aa4f3f "
V31 = "mlcommons/inference_results_v3.1 @ eaf622a25c00f2b4b1d2c4f5b4f430570429d24a "
P = "/performance/run_1/mlperf_log_summary.txt"
add("vision","resnet50","H100 SXM 80GB",8,"unstated","TensorRT (MLPerf v4.0, NVIDIA closed, LWIS)","","","",
    "offline_images_per_s",703770,"images/s",V40+"closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx8_TRT/resnet50/Offline"+P,
    "ResNet-50 v1.5, ImageNet 224x224, Offline, 8 GPUs","resnet-50","h100-sxm")
add("vision","resnet50","L4",1,"unstated","TensorRT (MLPerf v3.1, NVIDIA closed, LWIS)","","","",
    "offline_images_per_s",12881.7,"images/s",V31+"closed/NVIDIA/results/L4x1_TRT/resnet50/Offline"+P,
    "ResNet-50 v1.5, ImageNet 224x224, Offline, 1 GPU","resnet-50","l4")
add("vision","resnet50","Jetson AGX Orin 64GB",1,"unstated","TensorRT 8.5.2 (MLPerf v3.1, NVIDIA closed, LWIS, JetPack 5.1.1)","","","",
    "offline_images_per_s",6423.63,"images/s",V31+"closed/NVIDIA/results/Orin_TRT/resnet50/Offline"+P,
    "ResNet-50 v1.5, Offline; system closed/NVIDIA/systems/Orin_TRT.json: 'GPU and both DLAs are used in resnet50 ... in Offline scenario' (so not GPU-only)","resnet-50","jetson-agx-orin-64gb")
# NVIDIA NIM for LLMs benchmarking page (AIPerf), concurrency 1 ~ batch 1
NIM = "https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance.md (Llama-3.3-70b-instruct Results, Version 1.8.0, 2 x H100 80G, fp8 TP2)"
nn = "NIM 1.8.0 container, AIPerf client, concurrency 1; Llama 3.3 70B has the Llama 3.1 70B architecture; "
add("ttft","llama-3.3-70b","H100 80G (form factor not stated)",2,"fp8","NIM 1.8.0",1,5000,500,"ttft_ms",406.77,"ms",NIM,nn+"5000 input / 500 output tokens; TP 2","llama-3.1-70b~","h100-sxm?")
add("decode","llama-3.3-70b","H100 80G (form factor not stated)",2,"fp8","NIM 1.8.0",1,5000,500,"itl_ms",18.58,"ms",NIM,nn+"inter-token latency, 5000 input / 500 output tokens; TP 2","llama-3.1-70b~","h100-sxm?")
add("ttft","llama-3.3-70b","H100 80G (form factor not stated)",2,"fp8","NIM 1.8.0",1,500,2000,"ttft_ms",47.77,"ms",NIM,nn+"500 input / 2000 output tokens; TP 2","llama-3.1-70b~","h100-sxm?")
add("decode","llama-3.3-70b","H100 80G (form factor not stated)",2,"fp8","NIM 1.8.0",1,500,2000,"itl_ms",18.91,"ms",NIM,nn+"inter-token latency, 500 input / 2000 output tokens; TP 2","llama-3.1-70b~","h100-sxm?")
