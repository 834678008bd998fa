#!/usr/bin/env bash
# Golden test: zsmetrics over each samples/NAME.txt must print exactly the
# bytes of samples/NAME.expected.jsonl (the final newline included), and
# exit 0 when that record holds a metric, 1 when it holds none (run from the
# source folder, so `source` is samples/NAME.txt).  Regenerate on purpose
# with scripts/update-golden.sh and review the diff.
#   run_golden.sh ZSMETRICS SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
pass=0 fail=0
for txt in samples/*.txt; do
  want=${txt%.txt}.expected.jsonl
  if [ ! -f "$want" ]; then
    echo "FAIL $txt: no $want"; fail=$((fail + 1)); continue
  fi
  "$bin" -j1 "$txt" >"$tmp"; rc=$?
  want_rc=0
  grep -q '"metrics":\[\]' "$want" && want_rc=1
  if [ $rc -ne $want_rc ]; then
    echo "FAIL $txt: exit status $rc, expected $want_rc"; fail=$((fail + 1)); continue
  fi
  if ! cmp -s "$tmp" "$want"; then
    echo "FAIL $txt: output differs from $want ($(cmp "$tmp" "$want" 2>&1 | head -1)):"
    diff <(tr ',' '\n' <"$tmp") <(tr ',' '\n' <"$want") | head -20
    fail=$((fail + 1)); continue
  fi
  pass=$((pass + 1))
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
