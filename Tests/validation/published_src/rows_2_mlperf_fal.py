V41 = "mlcommons/inference_results_v4.1 @ a2f5d66d17e8f75c02fd74dfe810ecca6a046696 "
V40 = "mlcommons/inference_results_v4.0 @ 3c4a1cf196b70175cfe7c59e067cd1d923aa4f3f "
P = "/performance/run_1/mlperf_log_summary.txt"
cfg70 = "closed/NVIDIA/configs/llama2-70b/Offline/__init__.py"
cfgsd = "closed/NVIDIA/configs/stable-diffusion-xl/Offline/__init__.py"
# MLPerf LLM offline (continuous / in-flight batching at max load)
add("continuous_rate","llama-2-70b","H200 SXM 141GB",8,"fp8","trtllm (MLPerf v4.1, NVIDIA closed)","806 per GPU (gpu_batch_size)","OpenOrca (variable)","291 mean (derived: tokens/s / samples/s)",
    "offline_output_tokens_per_s",31302.7,"tok/s",V41+"closed/NVIDIA/results/H200-SXM-141GBx8_TRT/llama2-70b-99/Offline"+P,
    "Offline scenario, 8 GPUs total (8 x TP1, use_fp8=True, gpu_batch_size 806 per "+cfg70+"); samples/s 107.477; in-flight batching at unlimited rate","llama-3.1-70b~","h200")
add("continuous_rate","llama-2-70b","H100 SXM 80GB",8,"fp8","trtllm (MLPerf v4.1, NVIDIA closed)","896 per TP2 instance (gpu_batch_size)","OpenOrca (variable)","290 mean (derived)",
    "offline_output_tokens_per_s",24524.9,"tok/s",V41+"closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx8_TRT/llama2-70b-99.9/Offline"+P,
    "Offline, 99.9% accuracy target, 8 GPUs total (4 x TP2, use_fp8=True per "+cfg70+"); samples/s 84.4792","llama-3.1-70b~","h100-sxm")
add("continuous_rate","llama-2-70b","B200 SXM 180GB",1,"unstated","trtllm (MLPerf v4.1, NVIDIA closed, preview)","","OpenOrca (variable)","274 mean (derived)",
    "offline_output_tokens_per_s",11264.4,"tok/s",V41+"closed/NVIDIA/results/B200-SXM-180GBx1_TRT/llama2-70b-99/Offline"+P,
    "Offline, 1 GPU; precision not in the stored config (B200 config class not found in "+cfg70+"); samples/s 41.1075","llama-3.1-70b~","b200")
add("continuous_rate","mixtral-8x7b","H100 SXM 80GB",8,"unstated","trtllm (MLPerf v4.1, NVIDIA closed)","","OpenOrca/GSM8K/MBXP mix (variable)","146 mean (derived)",
    "offline_output_tokens_per_s",52415.9,"tok/s",V41+"closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx8_TRT/mixtral-8x7b/Offline"+P,
    "Offline, 8 GPUs; samples/s 359.173; precision not checked","mixtral-8x7b","h100-sxm")
add("continuous_rate","mixtral-8x7b","H200 SXM 141GB",8,"unstated","trtllm (MLPerf v4.1, NVIDIA closed)","","OpenOrca/GSM8K/MBXP mix (variable)","146 mean (derived)",
    "offline_output_tokens_per_s",59022.3,"tok/s",V41+"closed/NVIDIA/results/H200-SXM-141GBx8_TRT/mixtral-8x7b/Offline"+P,
    "Offline, 8 GPUs; samples/s 404.431; precision not checked","mixtral-8x7b","h200")
add("continuous_rate","gpt-j-6b","H100 SXM 80GB",1,"unstated","trtllm (MLPerf v4.0, NVIDIA closed)","","CNN-DailyMail (variable)","",
    "offline_samples_per_s",31.0737,"samples/s",V40+"closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx1_TRT/gptj-99.9/Offline"+P,
    "Offline, 1 GPU, summarisation; tokens/s not in this log summary","","h100-sxm")
# MLPerf SDXL offline
sdn = "MLPerf SDXL: stabilityai/stable-diffusion-xl-base-1.0, 1024x1024, COCO-2014 captions (5000); "
add("diffusion","sdxl","H200 SXM 141GB",8,"fp8","TensorRT (MLPerf v4.1, NVIDIA closed)","unet 64 (32x2 CFG), vae 8","","",
    "offline_images_per_s",17.4186,"images/s",V41+"closed/NVIDIA/results/H200-SXM-141GBx8_TRT/stable-diffusion-xl/Offline"+P,
    sdn+"Offline, 8 GPUs; precision fp8 and batch sizes from "+cfgsd+"; denoising steps per the MLPerf rules (not in this file)","sdxl-unet","h200")
add("diffusion","sdxl","H100 SXM 80GB",8,"fp8","TensorRT (MLPerf v4.1, NVIDIA closed)","unet 64 (32x2 CFG), vae 8","","",
    "offline_images_per_s",16.3484,"images/s",V41+"closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx8_TRT/stable-diffusion-xl/Offline"+P,
    sdn+"Offline, 8 GPUs; precision/batch from "+cfgsd,"sdxl-unet","h100-sxm")
add("diffusion","sdxl","H100 SXM 80GB",1,"unstated","TensorRT (MLPerf v4.0, NVIDIA closed)","","","",
    "offline_images_per_s",1.64178,"images/s",V40+"closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx1_TRT/stable-diffusion-xl/Offline"+P,
    sdn+"Offline, 1 GPU; v4.0 config not checked","sdxl-unet","h100-sxm")
add("diffusion","sdxl","L40S",8,"unstated (v4.1 config: int8 for L40S)","TensorRT (MLPerf v4.0, NVIDIA closed)","","","",
    "offline_images_per_s",5.01972,"images/s",V40+"closed/NVIDIA/results/L40Sx8_TRT/stable-diffusion-xl/Offline"+P,
    sdn+"Offline, 8 GPUs; v4.0 config not checked (the v4.1 "+cfgsd+" sets int8, batch 2/1 for L40S)","sdxl-unet","l40s")
# MLPerf ResNet-50 offline (vision)
add("vision","resnet50","H200 SXM 141GB",8,"unstated","TensorRT (MLPerf v4.1, NVIDIA closed, LWIS)","","","",
    "offline_images_per_s",756960,"images/s",V41+"closed/NVIDIA/results/H200-SXM-141GBx8_TRT/resnet50/Offline"+P,
    "ResNet-50 v1.5, ImageNet 224x224, Offline, 8 GPUs (94,620 per GPU)","resnet-50","h200")
add("vision","resnet50","H100 SXM 80GB",1,"unstated","TensorRT (MLPerf v4.0, NVIDIA closed, LWIS)","","","",
    "offline_images_per_s",88714.3,"images/s",V40+"closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx1_TRT/resnet50/Offline"+P,
    "ResNet-50 v1.5, ImageNet 224x224, Offline, 1 GPU","resnet-50","h100-sxm")
# fal-ai SD benchmarks (A100 80G SXM, batch 1, 50 steps, fp16)
FAL = "fal-ai/stable-diffusion-benchmarks README.md @ 0490f6951258c06b3a930420cf9da63015677a53"
for model, res, cat, rows in [("sd-1.5","512x512","sd-unet",[("Diffusers (torch 2.1, xformers)",1.758,28.43),("Diffusers (torch 2.1, SDPA)",1.591,31.44),("Diffusers (torch 2.1, SDPA, compiled)",1.352,37.01),("Diffusers (torch 2.1, SDPA, compiled, channels last)",1.066,46.95),("OneFlow",0.951,52.48),("TensorRT 9.0 (cuda graphs, static shapes)",0.819,61.14)]),
                              ("sdxl","1024x1024","sdxl-unet",[("Diffusers (torch 2.1, SDPA)",5.933,8.43),("Diffusers (torch 2.1, xformers)",5.724,8.74),("Diffusers (torch 2.1, SDPA, compiled)",5.246,9.53),("Diffusers (torch 2.1, SDPA, compiled, channels last)",5.132,9.74),("OneFlow",4.605,10.85),("TensorRT 9.0 (cuda graphs, static shapes)",4.102,12.18)])]:
    for rt, sec, its in rows:
        add("diffusion", model, "A100 SXM 80GB", 1, "fp16", rt, 1, "", "", "image_latency_s", sec, "s", FAL,
            "end-to-end mean latency, 50 steps, %s, prompt 'A photo of a cat', batch 1; README speed %.2f it/s"%(res, its), cat, "a100-80gb")
