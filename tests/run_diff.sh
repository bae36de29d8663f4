#!/bin/sh
# Differential tests: every tests/diff/NAME.py is run by agrepl and its stdout
# compared with NAME.out, the output of CPython 3.11 + torch 1.13 + NumPy 1.24.
#
#   sh tests/run_diff.sh AGREPL
#
# - stdout only is compared (stderr is ignored); each script gets 10 s.
# - If /usr/bin/python3 can import torch and numpy, each NAME.out is also
#   checked against the oracle's fresh output: a stale .out is a failure.
#   Set DIFF_NO_ORACLE=1 to skip that check.  Scripts whose .py and .out are
#   unchanged since their last successful oracle check are not re-run (cache:
#   build/diff_oracle.ok, or $DIFF_ORACLE_CACHE); the oracle runs 2 at a time.
# - tests/diff/KNOWN_FAILURES (optional): one script name per line (NAME or
#   NAME.py), '#' starts a comment (the reason).  Those scripts still run; a
#   failure is reported as "known failure (expected)" and does not fail the
#   suite; a pass is reported as "now passes: remove from KNOWN_FAILURES".
# Prints "diff: N passed, M failed"; exits 1 if any failed, 2 on bad usage.

if [ $# -ne 1 ]; then
    echo "usage: sh tests/run_diff.sh AGREPL" >&2
    exit 2
fi

AGREPL=$1
case $AGREPL in
    /*) ;;
    *) AGREPL=$(pwd)/$AGREPL ;;
esac
if [ ! -x "$AGREPL" ]; then
    echo "run_diff: $AGREPL is not an executable" >&2
    exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$HERE/diff
KNOWN=$DIR/KNOWN_FAILURES
ORACLE=/usr/bin/python3
MAXSHOW=${DIFF_MAXSHOW:-5}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/agdiff.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT HUP INT TERM

if command -v timeout >/dev/null 2>&1; then
    TO="timeout 10"
    TOO="timeout 120"
else
    TO=""
    TOO=""
fi

use_oracle=0
if [ -z "$DIFF_NO_ORACLE" ] && [ -x "$ORACLE" ] &&
   "$ORACLE" -c 'import torch, numpy' >/dev/null 2>&1; then
    use_oracle=1
fi

CACHE=${DIFF_ORACLE_CACHE:-$HERE/../build/diff_oracle.ok}

sums() {
    # "NAME CKSUM(py) CKSUM(out)" for the cache
    printf '%s %s %s\n' "$1" "$(cksum < "$DIR/$1.py" | tr ' ' :)" \
        "$(cksum < "$DIR/$1.out" | tr ' ' :)"
}

is_known() {
    [ -f "$KNOWN" ] || return 1
    sed -e 's/#.*//' -e 's/[[:space:]]//g' -e 's/\.py$//' "$KNOWN" |
        grep -qx -- "$1"
}

passed=0
failed=0
known=0
nowpass=0
shown=0
stale=0

show_diff() {
    # $1 expected file, $2 actual file, $3 label
    if [ "$shown" -lt "$MAXSHOW" ]; then
        diff -u "$1" "$2" | sed -e "1s|.*|--- $3 (expected)|" -e "2s|.*|+++ $3 (got)|" | head -n 60
        shown=$((shown + 1))
    fi
}

set -- "$DIR"/*.py
if [ ! -e "$1" ]; then
    echo "run_diff: no scripts in $DIR" >&2
    exit 2
fi

# Run the oracle first, 2 scripts at a time, on every script not in the cache.
if [ "$use_oracle" = 1 ]; then
    mkdir -p "$(dirname "$CACHE")" 2>/dev/null
    touch "$CACHE" 2>/dev/null || CACHE=$TMP/cache
    touch "$CACHE"
    n=0
    for py in "$@"; do
        name=$(basename "$py" .py)
        [ -f "$DIR/$name.out" ] || continue
        if grep -qxF -- "$(sums "$name")" "$CACHE"; then
            cp "$DIR/$name.out" "$TMP/$name.oracle"
            continue
        fi
        (cd "$DIR" && $TOO "$ORACLE" "$name.py") > "$TMP/$name.oracle" 2>/dev/null &
        n=$((n + 1))
        if [ "$n" -ge 2 ]; then
            wait
            n=0
        fi
    done
    wait
fi

for py in "$@"; do
    name=$(basename "$py" .py)
    out=$DIR/$name.out
    got=$TMP/$name.got

    if [ ! -f "$out" ]; then
        echo "FAIL $name: missing $name.out"
        failed=$((failed + 1))
        continue
    fi

    # 1. is the committed .out still what the oracle prints?
    if [ "$use_oracle" = 1 ]; then
        if ! cmp -s "$out" "$TMP/$name.oracle"; then
            echo "FAIL $name: stale $name.out (the oracle now prints something else)"
            show_diff "$out" "$TMP/$name.oracle" "$name.out vs oracle"
            failed=$((failed + 1))
            stale=$((stale + 1))
            continue
        fi
        key=$(sums "$name")
        grep -qxF -- "$key" "$CACHE" || echo "$key" >> "$CACHE"
    fi

    # 2. does agrepl print the same?
    (cd "$DIR" && $TO "$AGREPL" "$name.py") > "$got" 2>"$TMP/$name.err" < /dev/null
    rc=$?
    if cmp -s "$out" "$got"; then
        if is_known "$name"; then
            echo "now passes: remove $name from KNOWN_FAILURES"
            nowpass=$((nowpass + 1))
        fi
        passed=$((passed + 1))
    elif is_known "$name"; then
        echo "known failure (expected): $name"
        known=$((known + 1))
    else
        case $rc in
            124) why=" (timed out after 10 s)" ;;
            0) why="" ;;
            *) why=" (exit $rc)" ;;
        esac
        echo "FAIL $name$why"
        if [ "$shown" -lt "$MAXSHOW" ]; then
            show_diff "$out" "$got" "$name"
            if [ -s "$TMP/$name.err" ]; then
                echo "  stderr:"
                head -n 5 "$TMP/$name.err" | sed 's/^/  | /'
            fi
        fi
        failed=$((failed + 1))
    fi
done

extra=""
[ "$known" -gt 0 ] && extra="$extra, $known known failures"
[ "$nowpass" -gt 0 ] && extra="$extra, $nowpass known failures now pass"
[ "$stale" -gt 0 ] && extra="$extra, $stale stale .out files"
[ "$use_oracle" = 0 ] && extra="$extra (oracle check skipped)"
echo "diff: $passed passed, $failed failed$extra"
[ "$failed" -eq 0 ]
