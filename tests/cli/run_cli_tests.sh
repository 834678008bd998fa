#!/usr/bin/env bash
# Command-line tests of zsmetrics: inputs, output formats, exit statuses,
# rules files, encodings.  Each case is a function case_NAME in
# tests/cli/cases/*.sh, run in its own empty folder ($W, the current folder)
# in a subshell with stdin from /dev/null.
#
#   run_cli_tests.sh ZSMETRICS SAMPLES_DIR [CASE...]
#
# Prints one line per failing case ("FAIL name: what differed"), one per
# skipped case, then "N passed, N failed"; exits 0 only when none failed.
# ZSM_CLI_VERBOSE=1 also prints the passing cases.
set -u
export LC_ALL=C

if [ $# -lt 2 ]; then
  echo "usage: $0 ZSMETRICS SAMPLES_DIR [CASE...]" >&2
  exit 2
fi
abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }
BIN=$(abs "$1")
SAMPLES=$(abs "${2%/}")
shift 2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CHECK=$HERE/check.py
ZS_TIMEOUT=${ZS_TIMEOUT:-20}

if [ ! -x "$BIN" ]; then echo "not an executable: $BIN" >&2; exit 2; fi
if [ ! -d "$SAMPLES" ]; then echo "not a folder: $SAMPLES" >&2; exit 2; fi
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/zsm-cli.XXXXXX") || exit 2
cleanup() { chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 755 "$TMP" # the unreadable-file case may run the tool as another user

# ------------------------------------------------------------------ helpers
# Texts written by the tests themselves.
# shellcheck disable=SC2034 # T1, T_NONE: used by the cases
{
  T1='今年签约项目12个,总投资35.6亿元,完成年度任务的75%。'
  T_NONE='会议定于下午三点在三楼会议室召开,请各单位准时参加。'
}
# doc N: a one-metric document whose signed-project count is N.
doc() { printf '本月签约项目%s个。\n' "$1"; }
# mk PATH TEXT: writes TEXT and a newline to PATH, making its folders.
mk() { mkdir -p "$(dirname "$1")" && printf '%s\n' "$2" >"$1"; }
# mkdoc PATH N: writes `doc N` to PATH.
mkdoc() { mkdir -p "$(dirname "$1")" && doc "$2" >"$1"; }

# fail MESSAGE: records a difference; the case goes on and fails at the end.
fail() { printf '%s\n' "$*" >>"$W/.fail"; }
# skip MESSAGE: ends the case as skipped.
skip() { printf '%s\n' "$*" >"$W/.skip"; exit 77; }

# run NAME ARGS...: runs zsmetrics with a time limit, stdout to NAME.out,
# stderr to NAME.err, exit status in RC.  zs ARGS... is run r ARGS...
run() {
  local name=$1
  shift
  timeout -k 5 "$ZS_TIMEOUT" "$BIN" "$@" >"$name.out" 2>"$name.err"
  RC=$?
  if [ $RC -eq 124 ] || [ $RC -eq 137 ]; then
    fail "zsmetrics $* did not finish in ${ZS_TIMEOUT}s"
  fi
}
zs() { run r "$@"; }

# ck COMMAND ARGS...: check.py; on a failed check records its message.
ck() {
  python3 "$CHECK" "$@" 2>"$W/.ck.err"
  local s=$?
  if [ $s -ne 0 ]; then fail "check $1: $(head -c 600 "$W/.ck.err")"; fi
  return $s
}

one_line() { printf '%s' "$1" | tr '\n' '|'; }
# expect_eq WHAT GOT WANT
expect_eq() {
  if [ "$2" != "$3" ]; then
    fail "$1: got [$(one_line "$2")], expected [$(one_line "$3")]"
  fi
}
# expect_rc WANT [NAME]: the exit status of the last run.
expect_rc() {
  if [ "$RC" != "$1" ]; then
    fail "exit status $RC, expected $1 (stderr: $(head -c 300 "${2:-r}.err" | tr '\n' '|'))"
  fi
}
# expect_err REGEX WHAT [NAME]: stderr of the last run matches REGEX.
expect_err() {
  if ! grep -Eq -- "$1" "${3:-r}.err"; then
    fail "stderr does not $2 (/$1/): [$(head -c 300 "${3:-r}.err" | tr '\n' '|')]"
  fi
}
# expect_empty FILE WHAT
expect_empty() {
  if [ -s "$1" ]; then fail "$2 is not empty: [$(head -c 200 "$1" | tr '\n' '|')]"; fi
}
# sources OUT: the record sources of a JSON Lines output, one a line.
sources() { ck records "$1" | cut -f1; }
# values OUT: "source value" per metric.
values() { ck metrics "$1" | cut -f1,4 | tr '\t' ' '; }
lines() { printf '%s\n' "$@"; }

# ------------------------------------------------------------------- cases
for f in "$HERE"/cases/*.sh; do
  # shellcheck source=/dev/null
  . "$f"
done

if [ $# -gt 0 ]; then
  CASES=("$@")
else
  # in the order the case files define them
  mapfile -t CASES < <(cat "$HERE"/cases/*.sh |
    sed -n 's/^case_\([A-Za-z0-9_]*\)[[:space:]]*()[[:space:]]*{.*/\1/p')
fi

pass=0 failed=0 skipped=0
for name in "${CASES[@]}"; do
  if ! declare -F "case_$name" >/dev/null; then
    echo "FAIL $name: no such case"
    failed=$((failed + 1))
    continue
  fi
  W=$TMP/$name
  mkdir -p "$W"
  (
    cd "$W" || exit 3
    set -u
    "case_$name"
  ) </dev/null >"$W/.log" 2>&1
  status=$?
  if [ $status -eq 77 ] && [ -f "$W/.skip" ]; then
    echo "SKIP $name: $(head -c 300 "$W/.skip" | tr '\n' ' ')"
    skipped=$((skipped + 1))
  elif [ -s "$W/.fail" ]; then
    msg=$(tr '\n' ';' <"$W/.fail" | sed 's/;$//; s/;/; /g')
    echo "FAIL $name: ${msg:0:1500}"
    failed=$((failed + 1))
  elif [ $status -ne 0 ]; then
    echo "FAIL $name: the case stopped with status $status: $(tail -c 300 "$W/.log" | tr '\n' '|')"
    failed=$((failed + 1))
  else
    [ "${ZSM_CLI_VERBOSE:-0}" = 1 ] && echo "ok   $name"
    pass=$((pass + 1))
  fi
done
[ $skipped -gt 0 ] && echo "($skipped skipped)"
echo "$pass passed, $failed failed"
[ $failed -eq 0 ]
