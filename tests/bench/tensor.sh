# Sourced by tests/bench/run.sh: per-step ratios for the notebook's training loops.
# Per-step time = (t(N2) - t(N1)) / (N2 - N1), so start-up cancels; each t is the fastest of
# RUNS runs, for agrepl and the reference alike. agrepl runs 20 times as
# many steps as the reference (AG_N2): 10,000 of its steps take some 20 ms, too little to
# measure against a noisy machine, while 200,000 take about half a second.
N1=${N1:-1000}
N2=${N2:-11000}
AG_N2=${AG_N2:-201000}
step() { # n2 command... ; prints microseconds per step (fastest of RUNS at each N)
    n2=$1
    shift
    t1=$(fastest "$@" $N1)
    t2=$(fastest "$@" $n2)
    awk -v a="$t1" -v b="$t2" -v n1="$N1" -v n2="$n2" 'BEGIN { printf "%.3f\n", (b - a) / (n2 - n1) * 1e6 }'
}
if $ORACLE -c 'import torch, numpy' >/dev/null 2>&1; then
    for b in train_torch train_numpy; do
        a=$(step $AG_N2 "$AG" tests/bench/$b.py)
        p=$(step $N2 $ORACLE tests/bench/$b.py)
        printf '%-28s agrepl %8.3fus   %-14s %8.3fus   speed-up %6.1fx\n' "$b per step" "$a" "reference" "$p" \
            "$(awk -v a="$a" -v p="$p" 'BEGIN { print (a > 0 ? p / a : 0) }')"
    done
else
    echo "(tensor benchmarks skipped: /usr/bin/python3 lacks torch/numpy)"
fi
# Start-up: median of RUNS, less the median of running /bin/true the same way (median's two
# `date` processes cost a few milliseconds themselves, as much as agrepl's whole start-up).
z=$(median /bin/true)
a=$(median "$AG" tests/bench/startup.py | awk -v z="$z" '{ printf "%.6f\n", $1 - z }')
if $ORACLE -c 'import torch' >/dev/null 2>&1; then
    p=$(median $ORACLE tests/bench/startup.py | awk -v z="$z" '{ printf "%.6f\n", $1 - z }')
    row "startup (import torch)" "$a" "$p" "python3+torch"
else
    printf '%-28s agrepl %8.4fs\n' "startup (import torch)" "$a"
fi
# Resident memory over many training steps must stay flat.
if command -v /usr/bin/time >/dev/null 2>&1; then
    r1=$(/usr/bin/time -f %M "$AG" tests/bench/train_torch.py 1000 2>&1 >/dev/null | tail -1)
    r2=$(/usr/bin/time -f %M "$AG" tests/bench/train_torch.py 1000000 2>&1 >/dev/null | tail -1)
    echo "max RSS: 1000 steps ${r1} KiB, 1000000 steps ${r2} KiB (growth $((r2 - r1)) KiB)"
fi
