#!/usr/bin/env bash
# Builds zsmetrics four times and runs the whole test suite on two builds:
#   build/       release build with -Wall -Wextra -Werror
#   build-pgo/   the profile-guided build (scripts/build-pgo.sh): its output
#                must equal the release build's on samples/ and 2 MB of
#                synthetic reports
#   build-tsan/  the tool with ThreadSanitizer, run -j4 over samples/ and 2 MB of
#                small synthetic reports (a race fails the run)
#   build-asan/  a debug build with AddressSanitizer + UndefinedBehaviorSanitizer
# Exits non-zero on any failure.  Set ZSM_FUZZ_SECONDS to change the fuzz
# run length (default 60 s a harness, clang only).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
fuzz_seconds=${ZSM_FUZZ_SECONDS:-60}

echo "== release build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZSM_PGO= -DZSM_BUILD_TESTS=ON >/dev/null
cmake --build build -j "$jobs"
(cd build && ctest --output-on-failure -j "$jobs")

echo "== profile-guided build (README's install): the same output as the release build"
scripts/build-pgo.sh build-pgo
compare=$(mktemp -d)
python3 bench/gen_corpus.py "$compare/corpus" --size 2M --seed 11 -q >/dev/null
for input in samples "$compare/corpus"; do
  build/zsmetrics -q "$input" >"$compare/plain.jsonl" || true
  build-pgo/zsmetrics -q "$input" >"$compare/pgo.jsonl" || true
  cmp "$compare/plain.jsonl" "$compare/pgo.jsonl"
done

echo "== thread sanitizer: the CLI's reader and workers (one writing at a time), -j4 over many small reports"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZSM_BUILD_TESTS=OFF -DZSM_PGO= \
      -DCMAKE_C_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread >/dev/null
cmake --build build-tsan -j "$jobs" --target zsmetrics
for input in samples "$compare/corpus"; do
  TSAN_OPTIONS=halt_on_error=1 build-tsan/zsmetrics -q -j4 "$input" >/dev/null
done
rm -rf "$compare"

echo "== sanitizer build (ASan + UBSan)"
fuzz=OFF
command -v clang >/dev/null && fuzz=ON
CC=${CC_SANITIZE:-$(command -v clang || echo cc)} \
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DZSM_SANITIZE=ON \
        -DZSM_FUZZ=$fuzz -DZSM_FUZZ_SECONDS="$fuzz_seconds" >/dev/null
cmake --build build-asan -j "$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
   ctest --output-on-failure -j "$jobs" -E '^valgrind$')
