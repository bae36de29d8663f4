#!/bin/sh
# Install what the build and tests need (Debian), or say exactly how.
need=""
[ -f /usr/include/criterion/criterion.h ] || need="$need libcriterion-dev"
[ -f /usr/include/readline/readline.h ] || need="$need libreadline-dev"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "installing:$need"
    (apt-get update -qq || true) >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null || { echo "apt-get install$need failed"; exit 1; }
else
    echo "missing:$need — run: sudo apt-get install -y$need"
    exit 1
fi
