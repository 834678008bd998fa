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
# Environment:
#   CC             compiler (default clang)
#   BUILD_DIR      build folder (default build-fuzz)
#   FUZZ_TARGETS   harnesses to run (default "extract numeral rules decode")
#   FUZZ_JOBS      build parallelism (default 2)
#   FUZZ_KEEP_GOING=1  fork mode (-fork=1 -ignore_crashes=1 ...): a harness
#                  goes on after a crash for the whole time, so one known
#                  bug does not hide the next; every crash is still saved
#                  and still fails the run.
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
case $seconds in
'' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac
build=${BUILD_DIR:-$root/build-fuzz}
targets=${FUZZ_TARGETS:-extract numeral rules decode}
work=$build/fuzz

mkdir -p "$build" || exit 2
CC=${CC:-clang} cmake -S "$root" -B "$build" -DZSM_FUZZ=ON -DZSM_WERROR=OFF \
    -DZSM_FUZZ_SECONDS="$seconds" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/fuzz-configure.log" 2>&1 ||
    { cat "$build/fuzz-configure.log" >&2; echo "fuzz.sh: configure failed" >&2; exit 2; }
if ! grep -qi '^CMAKE_C_COMPILER:.*clang' "$build/CMakeCache.txt"; then
    echo "fuzz.sh: $build is not configured with clang (remove it, or set CC=clang)" >&2
    exit 2
fi
# shellcheck disable=SC2046,SC2086 # one fuzz_NAME argument a target
cmake --build "$build" -j "${FUZZ_JOBS:-2}" --target $(printf 'fuzz_%s ' $targets) ||
    { echo "fuzz.sh: build failed" >&2; exit 2; }

mkdir -p "$work/artifacts" "$work/logs"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
mode=()
if [ -n "${FUZZ_KEEP_GOING:-}" ]; then
    mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
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
    stamp=$work/logs/$name.start
    : >"$stamp"
    echo "== fuzz_$name: $seconds s (log: $log)"
    start=$(date +%s)
    "$build/fuzz_$name" "${mode[@]}" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 \
        -print_final_stats=1 -dict="$root/tests/fuzz/dict/$dict.dict" \
        -artifact_prefix="$work/artifacts/$name-" "$corpus" "${seeds[@]}" >"$log" 2>&1
    status=$?
    took=$(($(date +%s) - start))
    # Executions: the final stats, else the last status line (#N or #N: in fork mode).
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
    units=$(find "$corpus" -type f | wc -l)
    found=$(find "$work/artifacts" -name "$name-*" -newer "$stamp" -type f | wc -l)
    if [ "$status" -ne 0 ] || [ "$found" -gt 0 ]; then
        failed=1
        echo "fuzz_$name: FAILED (exit $status) after ${execs:-?} executions, ${took}s," \
            "$found new input(s) in $work/artifacts:"
        find "$work/artifacts" -name "$name-*" -newer "$stamp" -type f | head -n 10 | sed 's/^/    /'
        [ "$found" -gt 10 ] && echo "    … and $((found - 10)) more"
        # Each input run again on its own: the distinct first report lines
        # (addresses and values blurred), then the first stack of our code.
        find "$work/artifacts" -name "$name-*" -newer "$stamp" -type f | head -n 100 |
            while read -r input; do
                timeout 120 "$build/fuzz_$name" "$input" 2>&1 |
                    grep -m 1 -E '^==[0-9]+==ERROR|runtime error|invariant broken|ALARM|out-of-memory'
            done |
            sed -E 's/0x[0-9a-f]+/0x…/g; s/^==[0-9]+==/==/; s/[0-9.]+e[+-][0-9]+/N/g
                    s/(invariant broken: [^:]*): .*/\1/' |
            sort | uniq -c | sort -rn | head -n 12
        grep -E '^ +#[0-9]+ ' "$log" |
            grep -v -E '__sanitizer|fuzzer::|libc\.so|pthread_kill|raise\.c|abort\.c|__asan|__ubsan' |
            head -n 8
        summary+=("fuzz_$name: FAILED  executions=${execs:-?} seconds=$took crashes=$found")
    else
        echo "fuzz_$name: ok, ${execs:-?} executions in ${took}s, corpus $units inputs"
        summary+=("fuzz_$name: ok      executions=${execs:-?} seconds=$took corpus=$units")
    fi
done
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $failed
