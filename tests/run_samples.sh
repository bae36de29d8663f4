#!/bin/sh
# Golden samples: every samples/**/*.ag must print exactly its .out (stdout and stderr).
# usage: tests/run_samples.sh AGREPL
set -e
cd "$(dirname "$0")/.."
AG=${1:-./agrepl}
files=$(ls samples/*.ag samples/demos/*.ag samples/demos/*.txt 2>/dev/null || true)
[ -n "$files" ] || { echo "samples: none found"; exit 1; }
# shellcheck disable=SC2086
if out=$(timeout 900 "$AG" --check $files 2>&1); then
    echo "$out" | tail -1
else
    echo "$out" | grep -v '^ok ' | head -200
    exit 1
fi
