#!/usr/bin/env bash
# A sharded pfmplan sweep on one box with GNU parallel: N shard processes, at most JOBS at a
# time, then the merge. The result is byte-identical to 'pfmplan sweep --sweep SPEC --out ...'.
#   Examples/parallel/run.sh SPEC OUTDIR N [JOBS]
# PFMPLAN names the pfmplan binary (default: pfmplan on PATH). JOBS defaults to the core count.
set -euo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 SPEC OUTDIR N [JOBS]" >&2
    exit 64
fi
spec=$1 outdir=$2 n=$3 jobs=${4:-$(nproc)}
case "$n" in ''|*[!0-9]*|0) echo "N must be a whole number ≥ 1, found '$n'" >&2; exit 64 ;; esac
pfmplan=${PFMPLAN:-pfmplan}
mkdir -p "$outdir"
rm -f "$outdir"/part-*.jsonl "$outdir"/part-*.jsonl.partial

# Each shard is one single-threaded process (--jobs 1): parallel keeps JOBS of them busy.
# --halt soon,fail=1: after a failure start no new shard, let running ones finish, exit non-zero.
seq 0 $((n - 1)) | parallel --jobs "$jobs" --halt soon,fail=1 --joblog "$outdir/joblog.tsv" \
    "$pfmplan" sweep --sweep "$spec" --shard {}/"$n" --jobs 1 --out "$outdir/part-{}.jsonl"

"$pfmplan" merge "$outdir"/part-*.jsonl --out "$outdir/results.jsonl"
