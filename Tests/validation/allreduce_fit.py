#!/usr/bin/env python3
"""Fits the accelerators' measured all-reduce entries (accelerators.yaml, interconnect.allreduce).

Reads NVIDIA AIConfigurator 0.12.0's measured all-reduce times (the PyPI wheel aiconfigurator-core
ships them: systems/data/SYSTEM/comm/vllm/VERSION/custom_allreduce_perf.parquet, newest vLLM
version per system, backend vllm_graph: vLLM's custom all-reduce captured in a CUDA graph, bf16)
and fits, per system and GPU count t, latency + 2(t-1)/t x bytes / bandwidth by least squares on
the log of the time, over messages of 64 KiB to 1 GiB (what a pass of 16 to 131,072 tokens
all-reduces). Prints one YAML line per accelerator, for accelerators.yaml.

    python3 -m venv /tmp/aicvenv && /tmp/aicvenv/bin/pip install aiconfigurator==0.12.0 scipy pandas pyarrow
    /tmp/aicvenv/bin/python Tests/validation/allreduce_fit.py

Without the package it says so and exits 0 (the committed catalog keeps its entries).
"""
import glob, os, sys
try:
    import numpy as np, pandas as pd
    from scipy.optimize import least_squares
    import aiconfigurator_core
except ImportError as e:
    print(f"allreduce_fit.py: skipped: {e} (pip install aiconfigurator==0.12.0 scipy pandas pyarrow)")
    sys.exit(0)

SYSTEMS = {"a100_sxm": "a100-80gb", "h100_sxm": "h100-sxm", "h200_sxm": "h200", "b200_sxm": "b200", "l40s": "l40s",
           "rtx_pro_6000_server": "rtx-pro-6000-blackwell"}
root = os.path.join(os.path.dirname(aiconfigurator_core.__file__), "systems", "data")

def version_key(path):
    v = path.split("/")[-2]
    return [int(x) if x.isdigit() else x for x in v.replace("rc", ".").split(".")]

for system, accelerator in SYSTEMS.items():
    files = sorted(glob.glob(f"{root}/{system}/comm/vllm/*/custom_allreduce_perf.parquet"), key=version_key)
    if not files:
        print(f"# {accelerator}: no vLLM all-reduce data for {system}")
        continue
    d = pd.read_parquet(files[-1])
    d = d[d.backend == "vllm_graph"]
    entries = []
    for t in sorted(int(x) for x in d.num_gpus.unique()):
        x = d[d.num_gpus == t].sort_values("message_size")
        nbytes = x.message_size.values * 2.0           # bf16 elements
        seconds = x.latency.values / 1000.0            # ms
        keep = (nbytes >= 64 * 1024) & (nbytes <= 2**30)
        vol = 2 * (t - 1) / t * nbytes[keep]
        def residual(z):
            return np.log(np.exp(z[0]) + vol / np.exp(z[1])) - np.log(seconds[keep])
        z = least_squares(residual, [np.log(1e-5), np.log(1e11)]).x
        err = np.abs(np.exp(residual(z)) - 1)
        entries.append(f"{t}: {{gbps: {np.exp(z[1]) / 1e9:.4g}, latency_us: {np.exp(z[0]) * 1e6:.3g}}}")
        print(f"# {accelerator} t={t}: {keep.sum()} sizes, median |error| {np.median(err):.0%}, worst {err.max():.0%}")
    version = files[-1].split("/")[-2]
    print(f"{accelerator}: allreduce: {{{', '.join(entries)}}}   # AIConfigurator 0.12.0 {system} vLLM {version}")
