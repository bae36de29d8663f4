#!/bin/sh
# run.sh SECONDS — build the libFuzzer harnesses (tests/fuzz/fuzz_*.c) and run each for SECONDS
# after replaying every committed crasher in tests/fuzz/regress/. Used by `make fuzz`
# (FUZZ_TIME, default 300) and `make fuzz-smoke` (60, part of `make test`).
# Needs clang-14 with libclang-rt-14-dev: installed with apt-get when running as root,
# otherwise the run is skipped with a message (exit 0).
# Findings land in build/fuzz/crashes/; the growing corpora in build/fuzz/corpus-NAME/.
set -u
secs=${1:-300}
cd "$(dirname "$0")/../.."
root=$(pwd)
MAKE=${MAKE:-make}

have_libfuzzer() {
    command -v clang >/dev/null 2>&1 || return 1
    echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' > build/fuzz/probe.c
    clang -fsanitize=fuzzer,address,undefined -o build/fuzz/probe build/fuzz/probe.c >/dev/null 2>&1
}
mkdir -p build/fuzz/crashes
if ! have_libfuzzer; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "fuzz: installing clang libclang-rt-14-dev"
        (apt-get update -qq || true) >/dev/null 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >/dev/null 2>&1
    fi
    if ! have_libfuzzer; then
        echo "fuzz: SKIPPED — libFuzzer unavailable (run: sudo apt-get install -y clang libclang-rt-14-dev)"
        exit 0
    fi
fi
$MAKE --no-print-directory build/fuzz/fuzz_parse build/fuzz/fuzz_eval || exit 1

fail=0
for h in parse eval; do
    bin=$root/build/fuzz/fuzz_$h
    # 1. every committed crasher must now run clean
    if ls tests/fuzz/regress/* >/dev/null 2>&1; then
        if "$bin" -runs=0 -artifact_prefix="$root/build/fuzz/crashes/regress-" tests/fuzz/regress/ > build/fuzz/regress-$h.log 2>&1; then
            echo "fuzz: $h: $(ls tests/fuzz/regress | wc -l) regression inputs ok"
        else
            echo "fuzz: $h: a regression input fails:"; tail -40 build/fuzz/regress-$h.log; fail=1; continue
        fi
    fi
    [ "$secs" -gt 0 ] || continue
    # 2. fuzz: seeds are the samples, the differential tests and the regressions. -timeout is
    #    per input: some seeds are whole training loops (a 500-step fit on 2000 points takes
    #    some 5 s in this instrumented build on a busy machine); hangs are stopped sooner by the
    #    harness's step budget.
    corpus=build/fuzz/corpus-$h
    mkdir -p "$corpus" build/fuzz/crashes build/fuzz/work
    for f in samples/*.ag tests/diff/*.py tests/fuzz/regress/*; do
        [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
    done
    log=build/fuzz/fuzz-$h.log
    # run in a scratch directory: programs may write files (plot(file=...)) or import from "."
    (cd build/fuzz/work && "$bin" "$root/$corpus" -dict="$root/tests/fuzz/ag.dict" -max_len=4096 \
        -timeout=30 -rss_limit_mb=2048 -max_total_time="$secs" -print_final_stats=1 -seed="${FUZZ_SEED:-0}" \
        -artifact_prefix="$root/build/fuzz/crashes/$h-") > "$log" 2>&1
    rc=$?
    stats=$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1)
    execs=$(grep '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz: $h: ${secs}s, ${execs:-?} execs, $stats"
    if [ $rc -ne 0 ]; then
        echo "fuzz: $h FOUND A PROBLEM (artifacts in build/fuzz/crashes/):"
        grep -E 'ERROR|SUMMARY|leak:|Test unit written|deadly signal|timeout' "$log" | head -20
        fail=1
    fi
done
[ $fail -eq 0 ]
