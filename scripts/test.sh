#!/usr/bin/env bash
# Builds zsmetrics twice and runs the whole test suite on each build:
#   build/       release build with -Wall -Wextra -Werror
#   build-asan/  the same with AddressSanitizer + UndefinedBehaviorSanitizer
# Exits non-zero on any failure.  Set ZSM_FUZZ_SECONDS to change the fuzz
# run length (default 60 s a harness, clang only).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
fuzz_seconds=${ZSM_FUZZ_SECONDS:-60}

echo "== release build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
(cd build && ctest --output-on-failure -j "$jobs")

echo "== sanitizer build (ASan + UBSan)"
fuzz=OFF
command -v clang >/dev/null && fuzz=ON
CC=${CC_SANITIZE:-$(command -v clang || echo cc)} \
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DZSM_SANITIZE=ON \
        -DZSM_FUZZ=$fuzz -DZSM_FUZZ_SECONDS="$fuzz_seconds" >/dev/null
cmake --build build-asan -j "$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
   ctest --output-on-failure -j "$jobs" -E '^valgrind$')
