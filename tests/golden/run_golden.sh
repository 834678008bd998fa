#!/usr/bin/env bash
# Golden test: zsmetrics over each samples/NAME.txt must print exactly
# samples/NAME.expected.jsonl (run from the source folder, so `source` is
# samples/NAME.txt).  Regenerate on purpose with scripts/update-golden.sh.
#   run_golden.sh ZSMETRICS SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
pass=0 fail=0
for txt in samples/*.txt; do
  want=${txt%.txt}.expected.jsonl
  if [ ! -f "$want" ]; then
    echo "FAIL $txt: no $want"; fail=$((fail + 1)); continue
  fi
  got=$("$bin" -j1 "$txt"); rc=$?
  if [ $rc -gt 1 ]; then
    echo "FAIL $txt: exit status $rc"; fail=$((fail + 1)); continue
  fi
  if [ "$got" != "$(cat "$want")" ]; then
    echo "FAIL $txt: output differs from $want:"
    diff <(printf '%s\n' "$got" | python3 -m json.tool --json-lines --no-ensure-ascii) \
         <(python3 -m json.tool --json-lines --no-ensure-ascii < "$want") | head -20
    fail=$((fail + 1)); continue
  fi
  pass=$((pass + 1))
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
