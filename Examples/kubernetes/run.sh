#!/usr/bin/env bash
# Run a sharded pfmplan sweep as a Kubernetes Indexed Job, then the merge Job.
#   Examples/kubernetes/run.sh SPEC N [IMAGE]
# Needs kubectl pointing at the cluster and namespace, and the pfmplan-results claim (pvc.yaml).
# Results land on that volume: /results/results.jsonl (parts: /results/part-*.jsonl).
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 SPEC N [IMAGE]" >&2
    exit 64
fi
here=$(cd "$(dirname "$0")" && pwd)
spec=$1 n=$2 image=${3:-pfmplan:latest}
timeout=${TIMEOUT:-24h}
case "$n" in ''|*[!0-9]*|0) echo "N must be a whole number ≥ 1, found '$n'" >&2; exit 64 ;; esac

kubectl apply -f "$here/pvc.yaml"
kubectl create configmap pfmplan-sweep --from-file=sweep.yaml="$spec" --dry-run=client -o yaml | kubectl apply -f -
kubectl delete job pfmplan-shards pfmplan-merge --ignore-not-found
# N in three places: completions, parallelism (at most N) and JOB_COMPLETION_COUNT.
sed -e "s/^  completions: 8 /  completions: $n /" -e "s/^  parallelism: 8 /  parallelism: $n /" \
    -e "s/value: \"8\"             # must equal/value: \"$n\"             # must equal/" \
    -e "s|image: pfmplan:latest|image: $image|" "$here/shards-job.yaml" | kubectl apply -f -
kubectl wait --for=condition=complete job/pfmplan-shards --timeout="$timeout"
sed -e "s|image: pfmplan:latest|image: $image|" "$here/merge-job.yaml" | kubectl apply -f -
kubectl wait --for=condition=complete job/pfmplan-merge --timeout=10m || { kubectl logs job/pfmplan-merge; exit 1; }
kubectl logs job/pfmplan-merge
echo "results: /results/results.jsonl on the pfmplan-results volume"
