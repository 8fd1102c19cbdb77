#!/usr/bin/env bash
# Fuzzes pfmplan's input readers with libFuzzer + AddressSanitizer: catalogs, sweep specs and
# scenarios (YAML), then request traces (pfmplan and libCacheSim CSV), then the engine's set-up
# from random catalogs (a catalog that loads is compiled for a few servers and run briefly). The
# harness is Sources/pfmplan-fuzz; the committed seeds are Tests/fuzz/corpus/{catalog,traces,setup}.
#
#   .ci/fuzz.sh                 # 60 s per target
#   FUZZ_SECONDS=600 .ci/fuzz.sh
#
# Exits non-zero when a target crashes, traps, leaks past ASan, or takes more than
# FUZZ_TIMEOUT seconds on one input (a hang); the input is saved under .build-fuzz/artifacts/ and
# replays with `.build-fuzz/debug/pfmplan-fuzz FILE` (or without sanitizers: `swift run pfmplan-fuzz FILE`).
# Skips (exit 0, saying why) when this toolchain cannot build libFuzzer targets (-sanitize=fuzzer
# is supported by the swift.org toolchains on Linux, not by Xcode's on macOS).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
TIMEOUT=${FUZZ_TIMEOUT:-10}
SCRATCH=.build-fuzz

probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
cat > "$probe/probe.swift" <<'SWIFT'
@_cdecl("LLVMFuzzerTestOneInput") public func probe(_ d: UnsafePointer<UInt8>, _ n: Int) -> CInt { 0 }
SWIFT
if ! swiftc -sanitize=fuzzer,address -parse-as-library "$probe/probe.swift" -o "$probe/probe" >"$probe/log" 2>&1; then
    echo "fuzz.sh: SKIPPED: this Swift toolchain cannot build libFuzzer targets (swiftc -sanitize=fuzzer failed):" >&2
    grep -m 3 -i error "$probe/log" >&2 || true
    exit 0
fi

# (ld.gold warns once per ASan helper symbol; those lines are dropped.)
swift build --scratch-path "$SCRATCH" -c debug --product pfmplan-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DPFMPLAN_LIBFUZZER 2>&1 |
    { grep -v "Cannot export local symbol" || true; }
# Leaks inside the toolchain's Foundation are not findings (.ci/lsan-suppressions.txt).
export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
BIN="$SCRATCH/debug/pfmplan-fuzz"
mkdir -p "$SCRATCH/artifacts"

status=0
for target in catalog:yaml traces:trace setup:setup; do
    seeds=Tests/fuzz/corpus/${target%%:*}
    mode=${target##*:}
    # New inputs go to the first folder (scratch), never into the committed seeds.
    work="$SCRATCH/corpus/${target%%:*}"
    mkdir -p "$work"
    echo "fuzz.sh: fuzzing $seeds (PFMPLAN_FUZZ=$mode) for ${SECONDS_PER_TARGET}s"
    # The set-up target compiles and runs a whole catalog per input: a hang is 3x the readers' limit.
    limit=$TIMEOUT
    if [ "$mode" = setup ]; then limit=$((TIMEOUT * 3)); fi
    if ! PFMPLAN_FUZZ=$mode "$BIN" "$work" "$seeds" -max_total_time="$SECONDS_PER_TARGET" -timeout="$limit" \
        -rss_limit_mb=4096 -max_len=16384 -print_final_stats=1 -artifact_prefix="$SCRATCH/artifacts/$mode-" \
        >"$SCRATCH/fuzz-$mode.log" 2>&1; then
        echo "fuzz.sh: FAILED: $seeds; the input is in $SCRATCH/artifacts/, the log in $SCRATCH/fuzz-$mode.log:" >&2
        grep -E "ERROR|SUMMARY|Fatal error|deadly signal|timeout|Test unit written" "$SCRATCH/fuzz-$mode.log" | head -20 >&2 || true
        status=1
    else
        grep -E "^(stat::number_of_executed_units|stat::new_units_added|Done )" "$SCRATCH/fuzz-$mode.log" || tail -n 2 "$SCRATCH/fuzz-$mode.log"
    fi
done
exit $status
