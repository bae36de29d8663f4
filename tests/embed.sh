#!/bin/sh
# Turn stdlib/*.ag into a C header of string literals (the stdlib is embedded in the binary).
echo "/* generated from the files in stdlib/ by tests/embed.sh; do not edit */"
echo "typedef struct { const char *name; const char *text; } StdlibFile;"
echo "static const StdlibFile stdlib_files[] = {"
for f in "$@"; do
    name=$(basename "$f" .ag)
    printf '  {"%s",\n' "$name"
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/   "/' -e 's/$/\\n"/' "$f"
    echo "  },"
done
echo "  {0, 0}"
echo "};"
