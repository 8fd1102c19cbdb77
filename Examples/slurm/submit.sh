#!/usr/bin/env bash
# Submit a sharded pfmplan sweep to Slurm: an array of N shard tasks, then a merge job that
# starts only when every shard succeeded.
#   Examples/slurm/submit.sh SPEC OUTDIR N [extra sbatch options...]
# PFMPLAN names the pfmplan binary (default: pfmplan on PATH). OUTDIR must be on a file system
# that every compute node and the merge job see. Prints the two job ids.
set -euo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 SPEC OUTDIR N [sbatch options...]" >&2
    exit 64
fi
here=$(cd "$(dirname "$0")" && pwd)
spec=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2/logs"
outdir=$(cd "$2" && pwd)
n=$3
shift 3
case "$n" in ''|*[!0-9]*|0) echo "N must be a whole number ≥ 1, found '$n'" >&2; exit 64 ;; esac
pfmplan=${PFMPLAN:-$(command -v pfmplan || echo pfmplan)}
export PFMPLAN=$pfmplan SPEC=$spec OUTDIR=$outdir SHARDS=$n

# Stale parts of an earlier run with another N would be caught by merge (shard count
# mismatch); remove them so a fresh submission starts clean.
rm -f "$outdir"/part-*.jsonl "$outdir"/part-*.jsonl.partial "$outdir/results.jsonl"

array=$(sbatch --parsable --array="0-$((n - 1))" --export=ALL \
    --output="$outdir/logs/shard-%A_%a.out" "$@" "$here/shards.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --export=ALL \
    --output="$outdir/logs/merge-%j.out" "$@" "$here/merge.sbatch")
merge=${merge%%;*}
echo "shards: job $array (array 0-$((n - 1))), merge: job $merge (after all shards succeed)"
echo "results: $outdir/results.jsonl   parts: $outdir/part-*.jsonl   logs: $outdir/logs/"
echo "ARRAY_JOB=$array MERGE_JOB=$merge"
