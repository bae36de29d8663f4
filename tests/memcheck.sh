#!/bin/sh
# Run every sample under valgrind; fail on any error or definite/indirect/possible leak.
# usage: tests/memcheck.sh AGREPL
cd "$(dirname "$0")/.."
AG=${1:-build/normal/agrepl}
if ! command -v valgrind >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq valgrind >/dev/null 2>&1; fi
fi
command -v valgrind >/dev/null 2>&1 || { echo "memcheck: valgrind missing — run: sudo apt-get install -y valgrind"; exit 1; }
fail=0; n=0
for f in samples/*.ag samples/demos/*.ag; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
        --error-exitcode=99 "$AG" "$f" > /tmp/agrepl-vg.out 2> /tmp/agrepl-vg.err
    rc=$?
    # exit 1 is a sample that ends in an error on purpose; valgrind's own reports start with ==PID==
    if [ $rc -eq 99 ] || grep -q '^==[0-9]*==' /tmp/agrepl-vg.err; then
        echo "memcheck FAIL: $f"; grep '^==[0-9]*==' /tmp/agrepl-vg.err | head -30
        fail=$((fail + 1))
    fi
done
echo "memcheck: $n samples, $fail with valgrind errors"
[ $fail -eq 0 ]
