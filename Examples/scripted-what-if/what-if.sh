#!/usr/bin/env bash
# What-if table: monthly cost, p95 and edge ratio of a few single-GPU boxes at a few load
# scales, one `pfmplan simulate --format json` run per cell, flattened into TSV with jq.
#
#   Examples/scripted-what-if/what-if.sh                     # pfmplan on PATH
#   PFMPLAN=.build/debug/pfmplan Examples/scripted-what-if/what-if.sh
#
# Environment (all optional):
#   PFMPLAN       the pfmplan binary (default: pfmplan)
#   ACCELERATORS  space-separated accelerator ids (default: "l4 a10 l40s")
#   SCALES        space-separated load multipliers (default: "0.5 1 2")
#   PRECISION     precision (default: int8)
#   DURATION      simulated seconds per run (default: 1800)
#   WORKLOAD      workload id (default: metaverse)
set -euo pipefail

PFMPLAN=${PFMPLAN:-pfmplan}
ACCELERATORS=${ACCELERATORS:-"l4 a10 l40s"}
SCALES=${SCALES:-"0.5 1 2"}
PRECISION=${PRECISION:-int8}
DURATION=${DURATION:-1800}
WORKLOAD=${WORKLOAD:-metaverse}

if ! command -v jq >/dev/null 2>&1; then
    echo "what-if.sh: jq is required but was not found on PATH; install it (e.g. 'apt-get install jq' or 'brew install jq')" >&2
    exit 2
fi
if ! command -v "$PFMPLAN" >/dev/null 2>&1; then
    echo "what-if.sh: cannot run pfmplan as '$PFMPLAN'; put it on PATH or set PFMPLAN=/path/to/pfmplan" >&2
    exit 2
fi

printf 'accelerator\tprecision\tload\tmonthly_usd\tcloud_usd\tusd_per_1k\tp95_ms\tedge_pct\tmean_accuracy\tslos_met\n'
for acc in $ACCELERATORS; do
    for scale in $SCALES; do
        "$PFMPLAN" simulate --workload "$WORKLOAD" --accelerator "$acc" --count 1 --precision "$PRECISION" \
            --policy lc --load-scale "$scale" --duration "$DURATION" --format json |
        jq -r --arg acc "$acc" --arg prec "$PRECISION" --arg scale "$scale" '
            .results[0] as $r
            | [ $acc, $prec, $scale,
                ($r.money.totalUSDPerMonth | round),
                ($r.money.cloudUSDPerMonth | round),
                ($r.money.usdPer1kRequests * 100 | round / 100),
                ($r.latency.p95 * 1000 | round),
                ($r.edgeRatio * 100 | round),
                ($r.meanAccuracy * 100 | round / 100),
                ([$r.services[] | .meetsP95 and ((.meanAccuracy // 100) >= (.minAccuracy // 0))] | all) ]
            | @tsv'
    done
done
