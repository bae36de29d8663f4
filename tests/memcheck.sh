#!/bin/sh
# Run every sample under valgrind, two at a time; fail on any error or
# definite/indirect/possible leak. Readline's still-reachable blocks are fine.
# usage: tests/memcheck.sh AGREPL
cd "$(dirname "$0")/.."
AG=${1:-build/normal/agrepl}
if ! command -v valgrind >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq valgrind >/dev/null 2>&1; fi
fi
command -v valgrind >/dev/null 2>&1 || { echo "memcheck: valgrind missing — run: sudo apt-get install -y valgrind"; exit 1; }
logs=$(mktemp -d)
# one sample: its valgrind report goes to $logs/NAME.err; exit 1 on exit status 1 is a sample
# that ends in an error on purpose, so only valgrind's own ==PID== lines count
ls samples/*.ag samples/demos/*.ag 2>/dev/null | xargs -P 2 -I{} sh -c '
    f={}; log="$1/$(echo "$f" | tr / _).err"
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
        --error-exitcode=99 "$2" "$f" > /dev/null 2> "$log"
    [ $? -eq 99 ] && echo "==0== valgrind exit status 99" >> "$log"
    true' _ "$logs" "$AG"
n=$(ls samples/*.ag samples/demos/*.ag 2>/dev/null | wc -l)
fail=0
for log in "$logs"/*.err; do
    if grep -q '^==[0-9]*==' "$log"; then
        echo "memcheck FAIL: $(basename "$log" .err)"; grep '^==[0-9]*==' "$log" | head -30
        fail=$((fail + 1))
    fi
done
rm -rf "$logs"
echo "memcheck: $n samples, $fail with valgrind errors"
[ $fail -eq 0 ]
