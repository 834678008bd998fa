#!/bin/sh
# check-tables.sh - regenerate src/tables/zsm_t2s.c and check it is up to date.
#
# Usage: scripts/check-tables.sh [UNIHAN_VARIANTS]
#   (default /usr/share/unicode/Unihan_Variants.txt.bz2, Debian unicode-data)
#
# Exit: 0 = table up to date, 1 = differs (diff head printed) or generator
# failed, 77 = skipped (python3 or the Unihan file missing).

set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
unihan=${1:-/usr/share/unicode/Unihan_Variants.txt.bz2}
table="$root/src/tables/zsm_t2s.c"

if ! command -v python3 >/dev/null 2>&1; then
    echo "check-tables: SKIP: python3 not found" >&2
    exit 77
fi
if [ ! -f "$unihan" ]; then
    echo "check-tables: SKIP: $unihan not found (install Debian's unicode-data)" >&2
    exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zsm-check-tables.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

if ! python3 "$here/gen_t2s.py" "$unihan" "$tmp/zsm_t2s.c"; then
    echo "check-tables: FAIL: gen_t2s.py failed" >&2
    exit 1
fi

if [ ! -f "$table" ]; then
    echo "check-tables: FAIL: $table missing; run scripts/gen_t2s.py" >&2
    exit 1
fi

if diff -u "$table" "$tmp/zsm_t2s.c" >"$tmp/diff"; then
    echo "check-tables: OK: src/tables/zsm_t2s.c is up to date"
    exit 0
fi

echo "check-tables: FAIL: src/tables/zsm_t2s.c differs from a fresh generation" >&2
head -n 40 "$tmp/diff" >&2
echo "check-tables: run: python3 scripts/gen_t2s.py $unihan src/tables/zsm_t2s.c" >&2
exit 1
