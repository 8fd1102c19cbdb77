#!/usr/bin/env python3
"""Reference grid from NVIDIA AIConfigurator (PyPI `aiconfigurator` 0.12.0), static mode.

Records AIConfigurator's single-point *static-batching* estimates (`aiconfigurator cli estimate
--estimate-mode static`, i.e. `aiconfigurator.cli.api.cli_estimate(mode="static")`: one batch
of `batch` requests prefilled together, then decoded together for `osl` steps, no in-flight
batching) for a grid of dense and mixture-of-experts models, tensor-parallel degrees, batch
sizes and input/output lengths on the systems whose measured (SILICON) database ships in
`aiconfigurator-core` and that the pfmplan catalog has. Only points whose memory fits
(AIConfigurator's own check, `InferenceSummary.check_oom()` False) are written.

Usage (see README.md in this folder):
    python3 -m venv /tmp/aicvenv
    /tmp/aicvenv/bin/pip install aiconfigurator==0.12.0
    nice -n 15 /tmp/aicvenv/bin/python Tests/validation/aiconfigurator_grid.py \
        --out Tests/validation/aiconfigurator.csv [--install]

The package is CPU only; its per-operation database (vLLM 0.14.0 on A100 SXM, vLLM 0.24.0 on
the others) is inside the `aiconfigurator-core` wheel, so no network is needed once installed
except for `--install`. When the package cannot be imported the script says so and exits 0
(the committed aiconfigurator.csv keeps the tests running).
"""
import argparse
import csv
import logging
import os
import subprocess
import sys
import time

AIC_VERSION = "0.12.0"

# AIConfigurator system name -> pfmplan accelerator id (Catalogs/accelerators.yaml).
SYSTEMS = [
    ("a100_sxm", "a100-80gb"),             # aiconfigurator a100_sxm.yaml: 80 GiB, 2.039 TB/s (A100 SXM4 80GB)
    ("h100_sxm", "h100-sxm"),
    ("h200_sxm", "h200"),
    ("l40s", "l40s"),
    ("b200_sxm", "b200"),
    ("rtx_pro_6000_server", "rtx-pro-6000-blackwell"),
]

# HuggingFace id (as bundled in aiconfigurator_core/model_configs) -> pfmplan model id
# (Catalogs/models-2026.yaml) and family.
MODELS = [
    ("meta-llama/Meta-Llama-3.1-8B", "llama-3.1-8b", "dense"),
    ("meta-llama/Meta-Llama-3.1-70B", "llama-3.1-70b", "dense"),
    ("Qwen/Qwen3-32B", "qwen3-32b", "dense"),
    ("Qwen/Qwen3-30B-A3B", "qwen3-30b-a3b", "moe"),
    ("Qwen/Qwen3-8B", "qwen3-8b", "dense"),
    ("mistralai/Mixtral-8x7B-v0.1", "mixtral-8x7b", "moe"),
]
# Bundled configs that cli_estimate does not take by HF id: Mixtral's config.json ships in
# aiconfigurator_core/model_configs, but the id is not in aiconfigurator_core.sdk.common.DefaultHFModels, so
# get_model_config_from_model_path would download it from Hugging Face. A local directory holding that same
# config.json is the documented alternative (sdk/utils.py: "model_path: HuggingFace model path or local
# directory path"), so the script passes one.
LOCAL_CONFIG = {"mistralai/Mixtral-8x7B-v0.1"}

TPS = [1, 2, 4, 8]
BATCHES = [1, 8, 32, 128, 256]
# (isl, osl) pairs: all 9 of {128, 1024, 8192}^2.
LENGTHS = [(i, o) for i in (128, 1024, 8192) for o in (128, 1024, 8192)]

COLUMNS = [
    "system", "accelerator", "model_hf", "model", "family", "backend", "backend_version",
    "database_mode", "tp", "pp", "moe_tp", "moe_ep", "gpus", "weights_precision", "kv_precision",
    "batch", "isl", "osl", "ttft_ms", "tpot_ms", "request_latency_ms", "context_latency_ms",
    "generation_latency_ms", "tokens_per_s", "tokens_per_s_per_gpu", "memory_gib", "split",
]


def fnv1a64(text):
    """FNV-1a, 64 bit, over the UTF-8 bytes of text (offset 0xcbf29ce484222325, prime 0x100000001b3)."""
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def split_of(accelerator, model, tp, batch, isl, osl):
    """fit when FNV-1a-64 of "accelerator|model|tp|batch|isl|osl" is even, else heldout."""
    key = f"{accelerator}|{model}|{tp}|{batch}|{isl}|{osl}"
    return "fit" if fnv1a64(key) % 2 == 0 else "heldout"


def precision_id(aic_mode):
    # aiconfigurator quant-mode names -> pfmplan precision ids (Catalogs/precisions.yaml)
    return {"bfloat16": "bf16", "float16": "fp16", "fp8": "fp8", "fp8_block": "fp8",
            "fp8_static": "fp8", "nvfp4": "nvfp4", "int8": "int8"}.get(str(aic_mode), str(aic_mode))


def ensure_installed(install):
    try:
        import aiconfigurator  # noqa: F401
        return True
    except ImportError:
        pass
    if install:
        wheel = "/tmp/aic/aiconfigurator-%s-py3-none-any.whl" % AIC_VERSION
        spec = wheel if os.path.exists(wheel) else "aiconfigurator==%s" % AIC_VERSION
        rc = subprocess.call([sys.executable, "-m", "pip", "install", "-q", spec])
        if rc == 0:
            try:
                import aiconfigurator  # noqa: F401
                return True
            except ImportError:
                pass
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=None, help="output CSV (default: aiconfigurator.csv next to this script)")
    ap.add_argument("--install", action="store_true", help="pip install aiconfigurator==%s first if missing" % AIC_VERSION)
    ap.add_argument("--limit", type=int, default=0, help="stop after this many estimates (testing)")
    ap.add_argument("--backend", default="vllm", choices=["vllm", "trtllm"],
                    help="AIConfigurator backend database (default vllm; trtllm writes aiconfigurator_trtllm.csv by default)")
    args = ap.parse_args()
    if args.out is None:
        if args.limit:
            ap.error("--limit writes a partial grid: give --out so the committed aiconfigurator.csv is not overwritten")
        name = "aiconfigurator.csv" if args.backend == "vllm" else "aiconfigurator_%s.csv" % args.backend
        args.out = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)

    if not ensure_installed(args.install):
        print("aiconfigurator_grid: aiconfigurator %s is not installed (pip install aiconfigurator==%s); "
              "skipping, the committed aiconfigurator.csv stays as it is" % (AIC_VERSION, AIC_VERSION))
        return 0

    logging.disable(logging.WARNING)
    import importlib.metadata as md
    from aiconfigurator.cli.api import cli_estimate
    from aiconfigurator.sdk.perf_database import get_latest_database_version

    version = md.version("aiconfigurator")
    if version != AIC_VERSION:
        print("aiconfigurator_grid: warning: aiconfigurator %s installed, the reference is %s" % (version, AIC_VERSION))

    models = MODELS
    import shutil
    import tempfile
    from importlib import resources
    local_dir = tempfile.mkdtemp(prefix="aic_models_")
    model_path = {}
    for hf, _, _ in models:
        if hf in LOCAL_CONFIG:
            d = os.path.join(local_dir, hf.replace("/", "--"))
            os.makedirs(d)
            src = resources.files("aiconfigurator_core") / "model_configs" / (hf.replace("/", "--") + "_config.json")
            with src.open("rb") as fi, open(os.path.join(d, "config.json"), "wb") as fo:
                shutil.copyfileobj(fi, fo)
            model_path[hf] = d
        else:
            model_path[hf] = hf

    rows, n_run, n_oom, n_err, errors = [], 0, 0, 0, {}
    t0 = time.time()
    for s, acc in SYSTEMS:
        # The newest database of the backend for the system, resolved once: cli_estimate resolves it
        # per call otherwise (the same answer, ~1 s of YAML parsing each time).
        bver = get_latest_database_version(system=s, backend=args.backend)
        if bver is None:
            print("aiconfigurator_grid: no %s database for %s; skipped" % (args.backend, s))
            continue
        for hf, mid, fam in models:
            for tp in TPS:
                for batch in BATCHES:
                    for isl, osl in LENGTHS:
                        if args.limit and n_run >= args.limit:
                            continue
                        kw = dict(moe_tp_size=tp, moe_ep_size=1) if fam == "moe" else {}
                        n_run += 1
                        try:
                            r = cli_estimate(model_path[hf], s, mode="static", backend_name=args.backend, backend_version=bver,
                                             database_mode="SILICON",
                                             isl=isl, osl=osl, batch_size=batch, tp_size=tp, pp_size=1, **kw)
                        except Exception as e:  # noqa: BLE001
                            # e.g. PerfDataNotAvailableError: a100_sxm's vLLM 0.14.0 database has no MoE
                            # rows at moe_tp_size 8. Reported once per (system, model, tp).
                            n_err += 1
                            key = (s, mid, tp, type(e).__name__, str(e).split(" at ")[0][:160])
                            errors[key] = errors.get(key, 0) + 1
                            continue
                        if r.summary is not None and r.summary.check_oom():
                            n_oom += 1
                            continue
                        raw = r.raw
                        rows.append({
                            "system": s, "accelerator": acc, "model_hf": hf, "model": mid, "family": fam,
                            "backend": raw.get("backend", args.backend), "backend_version": r.backend_version,
                            "database_mode": "SILICON", "tp": tp, "pp": 1,
                            "moe_tp": kw.get("moe_tp_size", ""), "moe_ep": kw.get("moe_ep_size", ""),
                            "gpus": int(raw.get("num_total_gpus", tp)),
                            "weights_precision": precision_id(raw.get("gemm")),
                            "kv_precision": precision_id(raw.get("kvcache")),
                            "batch": batch, "isl": isl, "osl": osl,
                            "ttft_ms": "%.4f" % r.ttft, "tpot_ms": "%.4f" % r.tpot,
                            "request_latency_ms": "%.3f" % r.request_latency,
                            "context_latency_ms": "%.4f" % float(raw.get("context_latency", 0.0)),
                            "generation_latency_ms": "%.3f" % float(raw.get("generation_latency", 0.0)),
                            "tokens_per_s": "%.3f" % r.tokens_per_second,
                            "tokens_per_s_per_gpu": "%.3f" % r.tokens_per_second_per_gpu,
                            "memory_gib": "%.3f" % r.memory,
                            "split": split_of(acc, mid, tp, batch, isl, osl),
                        })
                        if n_run % 500 == 0:
                            print("%d estimates, %d kept, %.0f s" % (n_run, len(rows), time.time() - t0), flush=True)

    shutil.rmtree(local_dir, ignore_errors=True)
    for (s, mid, tp, ename, msg), n in errors.items():
        print("aiconfigurator_grid: %s %s tp%d: %d points not estimated, %s: %s" % (s, mid, tp, n, ename, msg))
    with open(args.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("aiconfigurator_grid: aiconfigurator %s: %d estimates run, %d kept, %d out of memory "
          "(AIConfigurator check_oom), %d errors, %.0f s -> %s"
          % (version, n_run, len(rows), n_oom, n_err, time.time() - t0, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
