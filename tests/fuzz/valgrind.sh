#!/usr/bin/env bash
# valgrind.sh - memcheck over the zsmetrics command line.
#
#   tests/fuzz/valgrind.sh PATH/TO/zsmetrics [SAMPLES_DIR]
#
# Runs the tool under
#   valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
# over every samples/*.txt with -j 2 (JSON Lines and CSV), over --list-rules,
# and over three error paths (a missing input, a rules file that does not
# compile, standard input closed), where the tool itself exits 2: those use --error-exitcode=99 to
# tell a memcheck error from the tool's own status.  Any memcheck error, a
# definite or indirect leak, or an unexpected exit status fails the case.
# No suppressions: the normalized text keeps zeroed slack after its end, so
# PCRE2's JIT-compiled SIMD scans past the subject end read initialised bytes.
# The binary must not be built with sanitizers (ZSM_SANITIZE).
# Ends with "N passed, N failed"; exits 1 if any case failed.
# Environment: VALGRIND (default: valgrind from PATH).
set -u
export LC_ALL=C

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/zsmetrics [SAMPLES_DIR]" >&2
    exit 2
fi
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
samples=${2:-$here/../../samples}
valgrind=${VALGRIND:-valgrind}
if ! command -v "$valgrind" >/dev/null; then
    echo "valgrind.sh: $valgrind not found" >&2
    exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/zsm-valgrind.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

files=("$samples"/*.txt)
if [ ! -e "${files[0]}" ]; then
    echo "valgrind.sh: no *.txt in $samples" >&2
    exit 2
fi

passed=0 failed=0 n=0

# check NAME WANT_STATUS ERROR_EXITCODE ARGS...
check() {
    local name=$1 want=$2 code=$3 log t0 rc
    shift 3
    n=$((n + 1))
    log=$work/case$n.log
    t0=$SECONDS
    "$valgrind" --error-exitcode="$code" --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
        --track-origins=yes --log-fd=3 \
        "$bin" "$@" >"$work/out" 2>"$work/err" 3>"$log"
    rc=$?
    local summary
    summary=$(sed -n 's/^==[0-9]*== ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -n 1)
    if [ "$rc" -eq "$want" ] && [ "${summary:-1}" -eq 0 ]; then
        passed=$((passed + 1))
        printf 'ok    %-52s exit %d, 0 errors, %ss\n' "$name" "$rc" $((SECONDS - t0))
        return
    fi
    failed=$((failed + 1))
    printf 'FAIL  %-52s exit %d (expected %d), %s errors, %ss\n' "$name" "$rc" "$want" \
        "${summary:-?}" $((SECONDS - t0))
    # The first error or leak record, with its stack.
    awk '/^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|Source and|Argument)|are definitely lost|are indirectly lost/ {p = 1}
         p && /^==[0-9]+== $/ {exit}
         p' "$log" | head -n 24 | sed 's/^/        /'
    grep -E 'definitely lost:|indirectly lost:' "$log" | sed 's/^/        /'
    head -n 3 "$work/err" | sed 's/^/        stderr: /'
}

check "samples/*.txt, -j 2 (${#files[@]} files)" 0 1 -j 2 "${files[@]}"
check "samples/*.txt, -j 2, --format csv" 0 1 -j 2 --format csv "${files[@]}"
check "--list-rules" 0 1 --list-rules

# Damaged input: NUL bytes, invalid UTF-8 of several kinds, a truncated
# sequence at the end; and a backtracking rule that stops at the match limit.
{ printf '签约项目12个。\0\0\xc0\xaf\xed\xa0\x80\x80总投资3.5亿元。\xff\n'; cat "${files[0]}"
  printf '\xe7\xad'; } >"$work/damaged.txt"
check "damaged input (NUL, invalid UTF-8), --format tsv" 0 1 --format tsv "$work/damaged.txt"
# (its value a figure, as a rule is tried only with one of its kind in reach)
printf '%s\n' '{"rules": [{"id": "slow", "metric": "rate", "pattern": "(?<value>\\d+)%,(a+)+b"}]}' \
    >"$work/slow.json"
{ printf '增长1%%，'; head -c 5000 /dev/zero | tr '\0' a; printf 'c b，增长2%%。\n'; } >"$work/aaaa.txt"
check "--rules-add with a pattern that hits the match limit" 0 1 --rules-add "$work/slow.json" \
    "$work/aaaa.txt"

printf '%s\n' '{"rules": [{"id": "bad", "metric": "amount", "pattern": "(?<value>\\d+"}]}' \
    >"$work/bad.json"
check "error path: a missing input among samples" 2 99 -j 2 "$work/missing.txt" "${files[0]}"
check "error path: --rules-add that does not compile" 2 99 --rules-add "$work/bad.json" "${files[0]}"
# Standard input closed: its fstat fails, and what it would have filled is not
# read.  (The log is written to fd 3, opened by the shell: a --log-file would
# take the free fd 0 and stand in for standard input.)
check "error path: standard input closed" 2 99 - <&-

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
