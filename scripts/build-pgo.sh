#!/usr/bin/env bash
# Builds zsmetrics with profile-guided optimization (GCC): the build
# directory is compiled with instrumentation, the tool runs once over a
# training corpus, and the same directory is compiled again with the
# profile it wrote.  The training text is the bench generator's synthetic
# reports (4 MB, a fixed seed: Simplified and Traditional, GB18030, CRLF,
# full-width, PDF breaks), never samples/ - the bench's real-looking corpus
# is made of those, and a profile of the text measured would flatter it.
# The outputs are the same as a plain build's (scripts/test.sh compares);
# the tests are not built here (scripts/test.sh builds them without a profile).
#
# Usage: scripts/build-pgo.sh [BUILD_DIR]     (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
jobs=$(nproc 2>/dev/null || echo 2)
train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT

rm -rf "$dir/pgo"
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZSM_BUILD_TESTS=OFF -DZSM_PGO=generate >/dev/null
cmake --build "$dir" -j "$jobs" --target zsmetrics
python3 bench/gen_corpus.py "$train/corpus" --size 4M --seed 7 -q >/dev/null
"$dir/zsmetrics" -q -j1 -o /dev/null "$train/corpus"
cmake -S . -B "$dir" -DZSM_PGO=use >/dev/null
cmake --build "$dir" -j "$jobs"
echo "built $dir/zsmetrics with the profile of $(du -sh "$train/corpus" | cut -f1)B of synthetic reports"
