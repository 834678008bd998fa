#!/usr/bin/env bash
# Rewrites samples/NAME.expected.jsonl from the current build.  Review the
# diff before committing: a changed line is a changed result.
#   scripts/update-golden.sh [path/to/zsmetrics]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/zsmetrics}
for txt in samples/*.txt; do
  "$bin" -j1 "$txt" > "${txt%.txt}.expected.jsonl" || [ $? -eq 1 ]
done
git --no-pager diff --stat -- samples/ || true
