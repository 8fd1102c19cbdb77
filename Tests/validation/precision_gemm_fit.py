#!/usr/bin/env python3
"""Measures how much of each precision's peak its GEMM kernels reach, against bf16 (precisions.yaml, mfu_scale).

Reads NVIDIA AIConfigurator 0.12.0's measured GEMM latencies (the PyPI wheel aiconfigurator-core ships them:
systems/data/SYSTEM/gemm/BACKEND/VERSION/gemm_perf.parquet, newest version per backend) and, per system, backend and
dtype, takes the median achieved FLOP/s of the large products (m = 2048, 4096 and 8192 tokens; n and k from 4096 to
16384) over the accelerator's peak for that precision in Catalogs/accelerators.yaml. The scale of a precision is that
share over bf16's share on the same system and backend; the script prints every ratio and their median per precision.
It also prints, for weight-only int4, the latency at m = 1..16 over bf16's (the memory-bound regime, where a quarter
of the bytes should take about a quarter of the time: the knee of pfmplan-model(7) TIME PER PASS).

    python3 -m venv /tmp/aicvenv && /tmp/aicvenv/bin/pip install aiconfigurator==0.12.0 scipy pandas pyarrow pyyaml
    /tmp/aicvenv/bin/python Tests/validation/precision_gemm_fit.py

Without the package it says so and exits 0 (the committed catalog keeps its values).
"""
import glob, os, statistics, sys
try:
    import pandas as pd, yaml
    import aiconfigurator_core
except ImportError as e:
    print(f"precision_gemm_fit.py: skipped: {e} (pip install aiconfigurator==0.12.0 pandas pyarrow pyyaml)")
    sys.exit(0)

SYSTEMS = {"a100_sxm": "a100-80gb", "h100_sxm": "h100-sxm", "h200_sxm": "h200", "b200_sxm": "b200", "l40s": "l40s",
           "rtx_pro_6000_server": "rtx-pro-6000-blackwell"}
# AIConfigurator gemm_dtype -> pfmplan precision id
DTYPES = {"bfloat16": "bf16", "fp8": "fp8", "nvfp4": "nvfp4", "int4_wo": "w4a16", "sq": "int8"}
root = os.path.join(os.path.dirname(aiconfigurator_core.__file__), "systems", "data")
here = os.path.dirname(os.path.abspath(__file__))
accs = {a["id"]: a for a in yaml.safe_load(open(os.path.join(here, "..", "..", "Catalogs", "accelerators.yaml")))["accelerators"]}

def version_key(path):
    v = path.split("/")[-2]
    return [int(x) if x.isdigit() else x for x in v.replace("rc", ".").replace(".dev", ".").split(".")]

ratios = {}
for system, acc in SYSTEMS.items():
    tflops = accs[acc]["tflops"]
    for backend in ("vllm", "trtllm"):
        files = sorted(glob.glob(f"{root}/{system}/gemm/{backend}/*/gemm_perf.parquet"), key=version_key)
        if not files:
            continue
        d = pd.read_parquet(files[-1])
        big = d[d.m.isin([2048, 4096, 8192]) & d.n.between(4096, 16384) & d.k.between(4096, 16384)]
        share = {}
        for dtype, prec in DTYPES.items():
            x = big[big.gemm_dtype == dtype]
            if len(x) == 0 or prec not in tflops:
                continue
            achieved = (2.0 * x.m * x.n * x.k / (x.latency * 1e-3)).median()
            share[prec] = achieved / (tflops[prec] * 1e12)
        if "bf16" not in share:
            continue
        line = ", ".join(f"{p} {s:.2f}" for p, s in share.items())
        print(f"# {acc} {backend} {files[-1].split('/')[-2]}: share of peak {line}")
        for p, s in share.items():
            if p != "bf16":
                ratios.setdefault(p, []).append(s / share["bf16"])
        small = d[d.m.between(1, 16) & d.n.between(4096, 16384) & d.k.between(4096, 16384)]
        wo = small[small.gemm_dtype == "int4_wo"].merge(small[small.gemm_dtype == "bfloat16"], on=["m", "n", "k"])
        if len(wo):
            print(f"#   int4 weight-only / bf16 latency at m 1-16: median {(wo.latency_x / wo.latency_y).median():.2f} ({len(wo)} shapes)")
for p, rs in sorted(ratios.items()):
    print(f"{p}: mfu_scale {statistics.median(rs):.2f}   # median of {len(rs)} system/backend ratios, {min(rs):.2f}-{max(rs):.2f}")
