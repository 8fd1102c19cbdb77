#!/usr/bin/env bash
# A real Slurm test of the sharded sweep: starts a single-node Slurm cluster on this machine
# (munged, slurmctld, slurmd as root, state under a temp folder, ports on loopback), submits
# Examples/slurm's shard array (4 shards) and its dependent merge job with sbatch, and checks
# with cmp that the merged results are byte-identical to a one-process 'pfmplan sweep --out'.
#
#   PFMPLAN=.build/debug/pfmplan .ci/slurm-test.sh
#
# Skips (exit 0, with a message) only when not root or when slurm-wlm and munge cannot be
# installed. Stops every daemon it started (by pid) and removes its temp folder, pass or fail
# (KEEP=1 keeps the folder). SLURM_TEST_TIMEOUT bounds the wait for the jobs (default 300 s).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

if [ "$(id -u)" -ne 0 ]; then
    echo "slurm-test: SKIP: needs root (to install slurm-wlm and munge and run the daemons)"
    exit 0
fi

PFMPLAN=${PFMPLAN:-$repo/.build/debug/pfmplan}
case "$PFMPLAN" in /*) ;; *) PFMPLAN=$repo/$PFMPLAN ;; esac
if [ ! -x "$PFMPLAN" ]; then
    echo "slurm-test: FAIL: no pfmplan binary at $PFMPLAN (build it first: swift build)" >&2
    exit 1
fi
timeout_s=${SLURM_TEST_TIMEOUT:-300}

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
    || ! command -v munged >/dev/null; then
    echo "slurm-test: installing slurm-wlm and munge"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q slurm-wlm munge >/tmp/slurm-test-apt.log 2>&1; then
        if ! { apt-get update -q && apt-get install -y -q slurm-wlm munge; } >>/tmp/slurm-test-apt.log 2>&1; then
            echo "slurm-test: SKIP: cannot install slurm-wlm and munge (see /tmp/slurm-test-apt.log)"
            exit 0
        fi
    fi
fi

work=$(mktemp -d /tmp/pfmplan-slurm.XXXXXX)
chmod 700 "$work"
pids=()
jobs_submitted=()
status=1

log_tail() {
    for f in "$work"/log/*.log "$work"/run/logs/*.out; do
        [ -f "$f" ] || continue
        echo "----- $f (last 30 lines)" >&2
        tail -n 30 "$f" >&2
    done
}

cleanup() {
    local rc=$?
    set +e
    if [ ${#jobs_submitted[@]} -gt 0 ] && [ -n "${SLURM_CONF:-}" ]; then
        scancel "${jobs_submitted[@]}" 2>/dev/null
        for _ in $(seq 1 20); do
            [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
            sleep 1
        done
    fi
    if [ "$status" -ne 0 ]; then log_tail; fi
    # Stop the daemons in reverse start order: slurmd, slurmctld, munged.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill -TERM "${pids[$i]}" 2>/dev/null
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    if [ "${KEEP:-0}" = 1 ]; then echo "slurm-test: kept $work"; else rm -rf "$work"; fi
    if [ "$status" -eq 0 ]; then echo "slurm-test: PASS"; else echo "slurm-test: FAIL" >&2; fi
    exit $((rc != 0 ? rc : (status != 0)))
}
trap cleanup EXIT

fail() { echo "slurm-test: FAIL: $*" >&2; exit 1; }

host=$(hostname -s)
mkdir -p "$work"/{munge,state,spool,log,run}

# A free loopback port (bash's /dev/tcp: a refused connection means nothing listens there).
free_port() {
    local p
    for _ in $(seq 1 100); do
        p=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    fail "no free port"
}
ctld_port=$(free_port)
slurmd_port=$(free_port)
[ "$slurmd_port" != "$ctld_port" ] || slurmd_port=$((ctld_port + 1))

# munge: its own key, socket and pid file; --force because /tmp is world-writable.
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged -F --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/log/munged.log" --seed-file="$work/munge/munge.seed" \
    >"$work/log/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -S "$work/munge/munge.socket" ] && break; sleep 0.1; done
[ -S "$work/munge/munge.socket" ] || fail "munged did not start"

cpus=$(nproc)
[ "$cpus" -le 2 ] || cpus=2
cat >"$work/slurm.conf" <<EOF
ClusterName=pfmplan-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$work/slurm.conf

slurmctld -D -c -f "$SLURM_CONF" >"$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N "$host" -f "$SLURM_CONF" >"$work/log/slurmd.out" 2>&1 &
pids+=($!)

echo "slurm-test: waiting for node $host to be idle (ports $ctld_port, $slurmd_port)"
state=""
for _ in $(seq 1 60); do
    state=$(sinfo -h -N -n "$host" -o %t 2>/dev/null || true)
    [ "$state" = idle ] && break
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || fail "a daemon exited (pid $pid)"; done
    sleep 1
done
[ "$state" = idle ] || fail "node $host is '${state:-unknown}', not idle, after 60 s"
sinfo

# The reference: one process, the same spec.
"$PFMPLAN" sweep --sweep Examples/slurm/sweep.yaml --out "$work/reference.jsonl" 2>/dev/null

# The example: 4 shards as a job array, then the dependent merge job.
submitted=$(PFMPLAN=$PFMPLAN Examples/slurm/submit.sh Examples/slurm/sweep.yaml "$work/run" 4)
echo "$submitted"
ids=$(echo "$submitted" | sed -n 's/^ARRAY_JOB=\([0-9]*\) MERGE_JOB=\([0-9]*\)$/\1 \2/p')
read -r array_job merge_job <<<"$ids"
[ -n "${merge_job:-}" ] || fail "could not read the job ids from submit.sh"
jobs_submitted=("$array_job" "$merge_job")

echo "slurm-test: waiting up to $timeout_s s for jobs $array_job and $merge_job"
deadline=$((SECONDS + timeout_s))
while [ -n "$(squeue -h -j "$array_job,$merge_job" -o %i 2>/dev/null)" ]; do
    [ $SECONDS -lt $deadline ] || fail "the jobs did not finish within $timeout_s s: $(squeue -h -o '%i %T %r')"
    sleep 2
done
merge_state=$(scontrol show job "$merge_job" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
[ "$merge_state" = COMPLETED ] || fail "merge job $merge_job ended $merge_state"
for i in 0 1 2 3; do
    [ -f "$work/run/part-$i.jsonl" ] || fail "no part-$i.jsonl"
    head -n 1 "$work/run/part-$i.jsonl" | grep -q "\"shard\":{\"count\":4,\"index\":$i}" || fail "part-$i.jsonl has no shard $i/4 header"
done
[ -f "$work/run/results.jsonl" ] || fail "no merged results.jsonl"
cmp "$work/reference.jsonl" "$work/run/results.jsonl" || fail "the merged results differ from a one-process sweep"
echo "slurm-test: merged results ($(wc -l <"$work/run/results.jsonl") lines from 4 shards) are byte-identical to a one-process sweep"
"$PFMPLAN" report "$work/run/results.jsonl" >/dev/null || fail "pfmplan report cannot read the merged results"
status=0
