#!/bin/sh
# make bench: run each benchmark with agrepl and with the reference side by side, several
# runs each, and print the median times and their ratio (agrepl / reference; below 1 = faster).
# usage: tests/bench/run.sh AGREPL
cd "$(dirname "$0")/../.."
AG=${1:-./agrepl}
RUNS=${RUNS:-5}
PY=${PYTHON:-python3}
ORACLE=/usr/bin/python3

# median wall time in seconds of RUNS runs of a command
median() {
    i=0
    : > /tmp/agbench.times
    while [ $i -lt "$RUNS" ]; do
        s=$(date +%s.%N)
        "$@" > /dev/null 2>&1
        e=$(date +%s.%N)
        awk -v s="$s" -v e="$e" 'BEGIN { printf "%.6f\n", e - s }' >> /tmp/agbench.times
        i=$((i + 1))
    done
    sort -g /tmp/agbench.times | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# fastest wall time in seconds of RUNS runs: on a shared machine noise only ever adds time,
# so the fastest run is the least disturbed one (used for the per-step differences, where a
# disturbed run would otherwise swamp a microsecond step)
fastest() {
    median "$@" > /dev/null
    sort -g /tmp/agbench.times | head -1
}

row() { # name agrepl-time ref-time refname
    printf '%-28s agrepl %8.4fs   %-14s %8.4fs   ratio %6.3f\n' "$1" "$2" "$4" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN { print a / b }')"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $($PY --version 2>&1)"
for b in fib loop; do
    a=$(median "$AG" tests/bench/$b.ag)
    p=$(median "$PY" tests/bench/$b.ag)
    row "$b" "$a" "$p" "python3"
done

# Tensor benchmarks (per step, start-up cancelled by differencing two step counts).
if [ -f tests/bench/tensor.sh ]; then . tests/bench/tensor.sh; fi
