#!/usr/bin/env bash
# bench/rules.sh - what each rule costs: a build with -DZSM_RULE_COST=ON times
# every PCRE2 call of every rule and every "needs" filter, and prints the
# totals at exit; this script runs it -j1 over the real-looking corpus (the
# samples joined into 1 MB files, as bench/ratio.sh) and prints a Markdown
# table, the costliest rule first.  Wall-clock times around each call (a few
# tens of nanoseconds of clock reading each): compare rules with each other and
# a rule before and after a change in one run of this script, not across
# machines.  About a minute.
#
# Environment:
#   BENCH_CORPUS_ROOT=DIR  where the corpus is cached (default bench/)
#   RULES_FILES=N          1 MB files of the corpus to read (default 8)
#   RULES_ARGS="..."       more zsmetrics arguments (--rules-add FILE ...)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
CORPUS_ROOT=${BENCH_CORPUS_ROOT:-$HERE}
FILES=${RULES_FILES:-8}
say() { printf '[rules.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zsm-rules.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
say "building with -DZSM_RULE_COST=ON in $WORK"
cmake -S "$ROOT" -B "$WORK/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZSM_RULE_COST=ON \
  -DZSM_BUILD_TESTS=OFF >/dev/null
cmake --build "$WORK/build" -j2 --target zsmetrics >/dev/null

CORPUS=$CORPUS_ROOT/rules-real-$FILES
id=$( (cat "$HERE/real_corpus.py" "$ROOT"/samples/*.txt; echo "$FILES") | sha256sum | cut -c1-16)
if [ "$(cat "$CORPUS/.stamp" 2>/dev/null)" != "$id" ]; then
  say "writing the real-looking corpus ($FILES files of 1 MB)"
  rm -rf "$CORPUS" && python3 "$HERE/real_corpus.py" "$CORPUS" --files "$FILES"
  echo "$id" > "$CORPUS/.stamp"
fi

say "running -j1 over $CORPUS"
# shellcheck disable=SC2086 # RULES_ARGS is a list of words
"$WORK/build/zsmetrics" -j1 -q ${RULES_ARGS:-} "$CORPUS" 2>"$WORK/cost.tsv" >/dev/null || true
python3 - "$WORK/cost.tsv" "$CORPUS" <<'EOF'
import os, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if "\t" in l]
head, rows = rows[0], rows[1:]
mb = sum(os.path.getsize(os.path.join(sys.argv[2], f)) for f in os.listdir(sys.argv[2])
         if f.endswith(".txt")) / 1e6
total = sum(float(r[3]) + float(r[6]) for r in rows)
rows.sort(key=lambda r: -(float(r[3]) + float(r[6])))
print("### What each rule costs (%.1f MB real-looking, -j1; ms of wall clock around the calls)\n" % mb)
print("| rule | PCRE2 calls | matches | ms | needs: calls | passed | ms | share |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for r in rows:
    ms = float(r[3]) + float(r[6])
    print("| `%s` | %s | %s | %s | %s | %s | %s | %.1f%% |" % (r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                                                             100 * ms / total if total else 0))
print("\nAll rules: %.1f ms, %.2f ms a MB." % (total, total / mb if mb else 0))
EOF
