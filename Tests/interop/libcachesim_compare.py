#!/usr/bin/env python3
"""Compares pfmplan's cache-only replay with libCacheSim (PyPI package `libcachesim`).

Usage: libcachesim_compare.py PFMPLAN_BINARY

Generates traces with objects of many sizes (and pfmplan's own `trace generate --format
libcachesim`), replays each under LRU, FIFO and LFU at several byte capacities in both tools, and
requires the object and byte miss ratios to be equal exactly (and the miss counts, recomputed from
the ratios, to match pfmplan's). Prints one line per comparison.

Exit status: 0 all equal; 1 a mismatch; 77 libcachesim could not be installed (skipped).
libcachesim is installed with pip into a cache folder under the temp directory, reused by later runs.
"""
import os
import random
import subprocess
import sys
import tempfile

PIP_TARGET = os.path.join(tempfile.gettempdir(), "pfmplan-libcachesim-py%d%d" % sys.version_info[:2])


def load_libcachesim():
    sys.path.insert(0, PIP_TARGET)
    try:
        import libcachesim  # noqa: F401
        return libcachesim
    except Exception:
        pass
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--target", PIP_TARGET, "libcachesim"], capture_output=True, text=True)
    if r.returncode != 0:
        print("SKIP: cannot install libcachesim with pip: " + (r.stderr.strip().splitlines() or ["?"])[-1])
        sys.exit(77)
    try:
        import importlib
        importlib.invalidate_caches()
        import libcachesim
        return libcachesim
    except Exception as e:  # pragma: no cover
        print("SKIP: libcachesim installed but does not import: %s" % e)
        sys.exit(77)


def write_trace(path, rows):
    with open(path, "w") as f:
        f.write("time,model,size_bytes\n")
        for t, o, s in rows:
            f.write("%d,%s,%d\n" % (t, o, s))


def synthetic(seed, n_req, n_obj, alpha, size_of):
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** alpha for i in range(n_obj)]
    sizes = [size_of(rng, i) for i in range(n_obj)]
    names = ["obj%d" % i for i in range(n_obj)]
    rng.shuffle(names)  # popularity independent of the name
    picks = rng.choices(range(n_obj), weights=weights, k=n_req)
    t = 0
    rows = []
    for k in picks:
        t += rng.randint(0, 3)
        rows.append((t, names[k], sizes[k]))
    return rows


def libcachesim_ratios(lcs, path, algo, capacity):
    p = lcs.ReaderInitParam(has_header=True, has_header_set=True, delimiter=",",
                            obj_id_is_num=False, obj_id_is_num_set=True)
    p.time_field, p.obj_id_field, p.obj_size_field = 1, 2, 3
    reader = lcs.TraceReader(path, lcs.TraceType.CSV_TRACE, p)
    cache = getattr(lcs, algo)(capacity)
    return cache.process_trace(reader)


def pfmplan_rows(binary, path, capacity):
    r = subprocess.run([binary, "simulate", "--trace", path, "--cache-only", "--capacity-bytes", str(capacity),
                        "--policies", "lru,fifo,lfu", "--format", "csv"], capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL: pfmplan exited %d: %s" % (r.returncode, r.stderr))
        sys.exit(1)
    lines = r.stdout.strip().splitlines()
    header = lines[0].split(",")
    return {row[0]: dict(zip(header, row)) for row in (l.split(",") for l in lines[1:])}


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    lcs = load_libcachesim()
    tmp = tempfile.mkdtemp(prefix="pfmplan-lcs-")
    traces = []

    # 1. Zipf 0.9 over 3000 objects, sizes log-uniform from 1 B to 4 MB.
    rows = synthetic(1, 100_000, 3000, 0.9, lambda r, i: int(10 ** r.uniform(0, 6.6)))
    traces.append(("zipf0.9-logsizes", rows))
    # 2. Zipf 0.6 over 500 objects: a few sizes only (many ties), some larger than small caches.
    rows = synthetic(2, 60_000, 500, 0.6, lambda r, i: r.choice([1, 7, 100, 4096, 65536, 10**6, 5 * 10**7]))
    traces.append(("zipf0.6-fewsizes", rows))
    # 3. Uniform popularity over 200 objects of 1..1000 bytes: heavy eviction churn.
    rows = synthetic(3, 40_000, 200, 0.0, lambda r, i: r.randint(1, 1000))
    traces.append(("uniform-small", rows))

    paths = []
    for name, rows in traces:
        path = os.path.join(tmp, name + ".csv")
        write_trace(path, rows)
        wss = sum({o: s for _, o, s in rows}.values())
        paths.append((name, path, wss))
    # 4. pfmplan's own generated trace (the Metaverse mix at fp16 on an L40S).
    gen = os.path.join(tmp, "metaverse.csv")
    g = subprocess.run([binary, "trace", "generate", "--workload", "metaverse", "--requests", "20000", "--seed", "7",
                        "--accelerator", "l40s", "--format", "libcachesim", "--out", gen], capture_output=True, text=True)
    if g.returncode != 0:
        print("FAIL: pfmplan trace generate: " + g.stderr)
        return 1
    with open(gen) as f:
        next(f)
        wss = sum({l.split(",")[1]: int(l.split(",")[2]) for l in f}.values())
    paths.append(("metaverse-generated", gen, wss))

    failures = 0
    compared = 0
    for name, path, wss in paths:
        for fraction in (0.002, 0.01, 0.05, 0.2, 0.6):
            capacity = max(1, int(wss * fraction))
            ours = pfmplan_rows(binary, path, capacity)
            for algo in ("LRU", "FIFO", "LFU"):
                omr, bmr = libcachesim_ratios(lcs, path, algo, capacity)
                mine = ours[algo.lower()]
                p_omr, p_bmr = float(mine["object_miss_ratio"]), float(mine["byte_miss_ratio"])
                n = int(mine["requests"])
                # Same ratios to the last bit, and the same miss count.
                same = (omr == p_omr and bmr == p_bmr and round((1 - omr) * n) == n - int(mine["misses"]))
                compared += 1
                failures += 0 if same else 1
                print("%s %-20s %-4s capacity %15d  object miss %.12f (libCacheSim %.12f)  byte miss %.12f (libCacheSim %.12f)  %s misses %s/%s"
                      % ("ok  " if same else "FAIL", name, algo.lower(), capacity, p_omr, omr, p_bmr, bmr,
                         "" if same else "<-", mine["misses"], mine["requests"]))
    print("%d comparisons, %d mismatches (libcachesim %s)" % (compared, failures, getattr(lcs, "__version__", "?")))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
