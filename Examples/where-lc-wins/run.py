#!/usr/bin/env python3
"""Where Least Context wins: LC against LFU, LRU and FIFO around the paper's Table II scenario
(Examples/paper-table2), varying one thing at a time:
  load   - the model load time: the three loading profiles (dram, nvme, cold) and the runtime's
           start time swept from 0.05 s to 30 s
  memory - GPU memory pressure: working set / usable memory from 0.5 to 3 (the card's memory scaled)
  half   - the context half-life, 10 s to 1 h
  prefix - vLLM prefix caching on and off
Writes results.csv and one SVG per axis (system cost of each policy / LC's, and the average
accuracy cost at the edge). Every run is `pfmplan simulate --format json` on a scenario whose
catalog files are the paper-table2 ones with one edit; the seeds are the workload's (2023).

  swift build -c release && python3 Examples/where-lc-wins/run.py [--requests N] [--axes load,memory,half,prefix]
"""
import argparse, csv, json, math, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CAT = os.path.join(ROOT, "Catalogs")
PAPER = os.path.join(ROOT, "Examples", "paper-table2", "paper.yaml")
POLICIES = ["lc", "lfu", "lru", "fifo"]
LOAD_STARTS = [0.05, 0.2, 0.5, 1, 2, 5, 10, 20, 30]
PRESSURES = [0.5, 0.75, 1.0, 1.1, 1.164, 1.2, 1.25, 1.3, 1.4, 1.5, 2, 3]   # 1.164: the L4 of paper-table2
HALF_LIVES = [10, 30, 60, 120, 300, 600, 1800, 3600]


def read(p):
    with open(p, encoding="utf-8") as f:
        return f.read()


def pfmplan():
    b = os.environ.get("PFMPLAN", os.path.join(ROOT, ".build", "release", "pfmplan"))
    if not os.path.exists(b):
        sys.exit(f"run.py: {b} not found: run `swift build -c release` first (or set PFMPLAN)")
    return b


def catalogs(d, paper=None, runtimes=None, accel=None):
    """Writes one variant's catalog files into d and returns the scenario path."""
    files = [os.path.join(CAT, "models-paper.yaml"), os.path.join(CAT, "precisions.yaml"),
             os.path.join(CAT, "accelerators.yaml"), os.path.join(CAT, "hosts.yaml")]
    rt = os.path.join(d, "runtimes.yaml")
    open(rt, "w").write(runtimes if runtimes is not None else read(os.path.join(CAT, "runtimes.yaml")))
    pp = os.path.join(d, "paper.yaml")
    open(pp, "w").write(paper if paper is not None else read(PAPER))
    files += [rt, pp]
    name = "l4"
    if accel is not None:
        ap = os.path.join(d, "study-accelerator.yaml")
        open(ap, "w").write(accel)
        files.append(ap)
        name = "l4-study"
    sc = os.path.join(d, "scenario.yaml")
    open(sc, "w").write("schema_version: 1\ncatalogs:\n" + "".join(f"  - {f}\n" for f in files) +
                        f"workload: paper-mix\nserver: {{accelerator: {name}, count: 1, precision: int8}}\n")
    return sc


def simulate(scenario, requests, extra=()):
    out = subprocess.run([pfmplan(), "simulate", "--scenario", scenario, "--policies", ",".join(POLICIES),
                          "--requests", str(requests), "--format", "json", *extra], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"run.py: pfmplan failed ({out.returncode}): {out.stderr.strip()}")
    res = {r["policy"]: r for r in json.loads(out.stdout)["results"]}
    return res


def start_times(text, seconds):
    """Every family's start_s for every source set to `seconds` (the load's fixed part)."""
    return re.sub(r"start_s: \{dram: [0-9.]+, nvme: [0-9.]+, cold: [0-9.]+\}",
                  f"start_s: {{dram: {seconds}, nvme: {seconds}, cold: {seconds}}}", text)


def l4_clone(memory_gib):
    text = read(os.path.join(CAT, "accelerators.yaml"))
    m = re.search(r"\n  - id: l4\n(.*?)(?=\n  - id: )", text, re.S)
    block = "  - id: l4-study\n" + m.group(1)
    block = re.sub(r"memory_gib: [0-9.]+", f"memory_gib: {memory_gib:.3f}", block)
    block = block.replace("name: NVIDIA L4", "name: NVIDIA L4 with its memory scaled (where-lc-wins)")
    return "schema_version: 1\naccelerators:\n" + block + "\n"


def working_set_gib():
    """GiB the four models the mix uses hold when all are resident (GPT3-13B with its KV reserve,
    UniFormer-S, CLIP-L, CLIP-H, each with its runtime's fixed overhead): `models[].residentGiB`
    of a run on a card with room for everything."""
    with tempfile.TemporaryDirectory() as d:
        res = simulate(catalogs(d, accel=l4_clone(64)), 2000)
    want = {"gpt3-13b", "uniformer-s", "clip-vit-l-14", "clip-vit-h-14"}
    return sum(m["residentGiB"] for m in res["lc"]["models"] if m["id"] in want)


def points(axis, requests):
    base_paper, base_rt = read(PAPER), read(os.path.join(CAT, "runtimes.yaml"))
    if axis == "load":
        for src in ["dram", "nvme", "cold"]:
            yield f"profile {src}", None, dict(paper=base_paper.replace("  admission: slo-aware", f"  loading: {src}\n  admission: slo-aware", 1)), ()
        for s in LOAD_STARTS:
            yield f"start {s} s", s, dict(runtimes=start_times(base_rt, s)), ()
    elif axis == "memory":
        ws = working_set_gib()
        usable = 0.90   # paper.yaml's usable_fraction
        print(f"working set {ws:.2f} GiB; the L4's usable 20.24 GiB is pressure {ws / 20.241:.3f}", flush=True)
        for p in PRESSURES:
            yield f"pressure {p}", p, dict(accel=l4_clone(ws / (p * usable))), ()
    elif axis == "half":
        for h in HALF_LIVES:
            yield f"half-life {h} s", h, dict(paper=re.sub(r"half_life_s: 300 ", f"half_life_s: {h} ", base_paper, count=1)), ()
    elif axis == "prefix":
        for on in ["true", "false"]:
            yield f"prefix caching {on}", 1 if on == "true" else 0, dict(runtimes=re.sub(r"prefix_caching: (true|false)", f"prefix_caching: {on}", base_rt)), ()


def svg(path, title, xlabel, rows, key, ylabel, logx, ratio):
    """A small line chart: one line per policy over the axis's numeric points."""
    pts = [r for r in rows if r["x"] != ""]
    if not pts:
        return
    W, H, L, R, T, B = 640, 360, 70, 120, 40, 50
    xs = [float(r["x"]) for r in pts]
    fx = (lambda v: math.log10(v)) if logx else (lambda v: v)
    x0, x1 = min(map(fx, xs)), max(map(fx, xs))
    series = {p: [(fx(float(r["x"])), r[f"{p}_{key}"]) for r in pts] for p in POLICIES if not (ratio and p == "lc")}
    ys = [y for s in series.values() for _, y in s] + ([1.0] if ratio else [])
    y0, y1 = min(ys), max(ys)
    pad = (y1 - y0) * 0.08 or 0.05
    y0, y1 = y0 - pad, y1 + pad
    X = lambda v: L + (v - x0) / ((x1 - x0) or 1) * (W - L - R)
    Y = lambda v: T + (y1 - v) / ((y1 - y0) or 1) * (H - T - B)
    colours = {"lc": "#1b9e77", "lfu": "#d95f02", "lru": "#7570b3", "fifo": "#e7298a"}
    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{W/2}" y="20" text-anchor="middle" font-size="14">{title}</text>',
         f'<rect x="{L}" y="{T}" width="{W-L-R}" height="{H-T-B}" fill="none" stroke="#888"/>']
    for i in range(5):
        v = y0 + (y1 - y0) * i / 4
        o.append(f'<line x1="{L}" y1="{Y(v):.1f}" x2="{W-R}" y2="{Y(v):.1f}" stroke="#eee"/>')
        o.append(f'<text x="{L-6}" y="{Y(v)+4:.1f}" text-anchor="end">{v:.3g}</text>')
    last = -1e9
    for v in sorted(xs):   # labels closer than 30 px to the previous one are left out (the points stay)
        if X(fx(v)) - last < 30:
            continue
        last = X(fx(v))
        o.append(f'<text x="{X(fx(v)):.1f}" y="{H-B+16}" text-anchor="middle">{v:g}</text>')
    o.append(f'<text x="{(L+W-R)/2}" y="{H-12}" text-anchor="middle">{xlabel}</text>')
    o.append(f'<text x="16" y="{(T+H-B)/2}" text-anchor="middle" transform="rotate(-90 16 {(T+H-B)/2})">{ylabel}</text>')
    if ratio:
        o.append(f'<line x1="{L}" y1="{Y(1):.1f}" x2="{W-R}" y2="{Y(1):.1f}" stroke="#1b9e77" stroke-dasharray="4 3"/>')
        o.append(f'<text x="{W-R+6}" y="{Y(1)+4:.1f}" fill="#1b9e77">= LC</text>')
    for k, (p, s) in enumerate(series.items()):
        d = " ".join(f"{X(a):.1f},{Y(b):.1f}" for a, b in s)
        o.append(f'<polyline points="{d}" fill="none" stroke="{colours[p]}" stroke-width="2"/>')
        for a, b in s:
            o.append(f'<circle cx="{X(a):.1f}" cy="{Y(b):.1f}" r="3" fill="{colours[p]}"/>')
        o.append(f'<text x="{W-R+6}" y="{T+16+16*k+(24 if ratio else 0)}" fill="{colours[p]}">{p}</text>')
    o.append("</svg>\n")
    open(path, "w").write("\n".join(o))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=20000)
    ap.add_argument("--axes", default="load,memory,half,prefix")
    ap.add_argument("--out", default=HERE)
    a = ap.parse_args()
    rows = []
    for axis in a.axes.split(","):
        for label, x, files, extra in points(axis, a.requests):
            with tempfile.TemporaryDirectory() as d:
                res = simulate(catalogs(d, **files), a.requests, extra)
            row = {"axis": axis, "point": label, "x": "" if x is None else x}
            lc = res["lc"]["cost"]["systemCost"]
            for p in POLICIES:
                c = res[p]["cost"]
                row[f"{p}_system_cost"] = c["systemCost"]
                row[f"{p}_ratio"] = c["systemCost"] / lc
                row[f"{p}_avg_accuracy_cost"] = c["averageAccuracyCost"]
                row[f"{p}_switching"] = c["switchingCost"]
                row[f"{p}_loads"] = res[p]["loads"]
                row[f"{p}_edge"] = c["edgeExecutionRatio"]
            best = min(POLICIES, key=lambda p: (row[f"{p}_system_cost"], POLICIES.index(p)))
            ties = [p for p in POLICIES if abs(row[f"{p}_system_cost"] - row[f"{best}_system_cost"]) <= 1e-3 * row[f"{best}_system_cost"]]
            row["best"] = "+".join(ties)
            rows.append(row)
            print(f"{axis:7s} {label:22s} best {row['best']:16s} " +
                  " ".join(f"{p} {row[f'{p}_system_cost']:.4f}" for p in POLICIES), flush=True)
    keys = list(rows[0].keys())
    with open(os.path.join(a.out, "results.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in r.items()})
    titles = {"load": ("runtime start time per load (s, log)", True), "memory": ("working set / usable memory", False),
              "half": ("context half-life (s, log)", True), "prefix": ("prefix caching (1 on, 0 off)", False)}
    for axis in a.axes.split(","):
        rs = [r for r in rows if r["axis"] == axis]
        xl, logx = titles[axis]
        svg(os.path.join(a.out, f"{axis}-cost-ratio.svg"), f"System cost / LC's ({axis})", xl, rs, "ratio", "system cost / LC's", logx, True)
        svg(os.path.join(a.out, f"{axis}-accuracy.svg"), f"Average accuracy cost at the edge ({axis})", xl, rs, "avg_accuracy_cost",
            "avg accuracy cost (lower is better)", logx, False)


if __name__ == "__main__":
    main()
