#!/usr/bin/env bash
# fuzz.sh - build the libFuzzer harnesses and run each for a while.
#
#   scripts/fuzz.sh [SECONDS]          (default 60 seconds a harness)
#
# Configures build-fuzz/ with clang and -DZSM_FUZZ=ON, builds, then runs the
# harnesses of tests/fuzz/ one after another (they are CPU-bound: running
# them side by side only splits the cores).  Each starts from its seeds in
# tests/fuzz/corpus/NAME/ plus samples/*.txt (extract, decode) or
# rules/default.json (rules), keeps what it finds in build-fuzz/fuzz/corpus/NAME/
# and writes a crashing input to build-fuzz/fuzz/artifacts/NAME-crash-…
# Prints the executions of each harness; exits 1 if any harness found a
# crash, a leak, a timeout or an out-of-memory, 2 if the build failed.
#
# Environment: CC (default clang), BUILD_DIR (default build-fuzz),
# FUZZ_TARGETS (default "extract numeral rules decode"), FUZZ_JOBS (build -j).
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
case $seconds in
'' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac
build=${BUILD_DIR:-$root/build-fuzz}
targets=${FUZZ_TARGETS:-extract numeral rules decode}
work=$build/fuzz

CC=${CC:-clang} cmake -S "$root" -B "$build" -DZSM_FUZZ=ON -DZSM_WERROR=OFF \
    -DZSM_FUZZ_SECONDS="$seconds" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log" >&2; echo "fuzz.sh: configure failed" >&2; exit 2; }
if ! grep -qi '^CMAKE_C_COMPILER:.*clang' "$build/CMakeCache.txt"; then
    echo "fuzz.sh: $build is not configured with clang (remove it, or set CC=clang)" >&2
    exit 2
fi
cmake --build "$build" -j "${FUZZ_JOBS:-2}" --target $(printf 'fuzz_%s ' $targets) ||
    { echo "fuzz.sh: build failed" >&2; exit 2; }

mkdir -p "$work/artifacts" "$work/logs"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
failed=0
summary=()
for name in $targets; do
    corpus=$work/corpus/$name
    mkdir -p "$corpus"
    seeds=("$root/tests/fuzz/corpus/$name")
    dict=$name
    case $name in
    extract | decode) seeds+=("$work/seeds/samples"); dict=text ;;
    rules) seeds+=("$work/seeds/rules") ;;
    esac
    log=$work/logs/$name.log
    echo "== fuzz_$name: $seconds s (log: $log)"
    start=$(date +%s)
    "$build/fuzz_$name" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 \
        -print_final_stats=1 -dict="$root/tests/fuzz/dict/$dict.dict" \
        -artifact_prefix="$work/artifacts/$name-" "$corpus" "${seeds[@]}" >"$log" 2>&1
    status=$?
    took=$(($(date +%s) - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ -z "$execs" ]; then # a crash ends the run before the final stats
        execs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
    fi
    units=$(find "$corpus" -type f | wc -l)
    if [ "$status" -ne 0 ]; then
        failed=1
        artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
        echo "fuzz_$name: FAILED (exit $status) after ${execs:-?} executions, ${took}s; input: ${artifact:-see log}"
        grep -m 1 -E '^==[0-9]+==ERROR|runtime error|invariant broken|ALARM|out-of-memory' "$log"
        grep -E '^ +#[0-9]+ ' "$log" |
            grep -v -E '__sanitizer|fuzzer::|libc\.so|pthread_kill|raise\.c|abort\.c|__asan|__ubsan' |
            head -n 8
        summary+=("fuzz_$name: FAILED  executions=${execs:-?} seconds=$took")
    else
        echo "fuzz_$name: ok, ${execs:-?} executions in ${took}s, corpus $units inputs"
        summary+=("fuzz_$name: ok      executions=${execs:-?} seconds=$took corpus=$units")
    fi
done
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $failed
