# Helpers for the cases of tests/cli/cases/*.test: run_cases.py sources this
# file before a case's setup lines (run with `set -e`) and before its command.
# The current folder is the case's own folder.  Environment: ZSM_BIN (the
# zsmetrics under test), SAMPLES (the samples folder), LC_ALL=C.
# shellcheck shell=bash disable=SC2034

# Texts written by the cases.
T1='今年签约项目12个,总投资35.6亿元,完成年度任务的75%。'
T_NONE='会议定于下午三点在三楼会议室召开,请各单位准时参加。'

# doc N: a one-metric document whose signed-project count is N.
doc() { printf '本月签约项目%s个。\n' "$1"; }
# mk PATH TEXT: writes TEXT and a newline to PATH, making its folders.
mk() { mkdir -p "$(dirname "$1")" && printf '%s\n' "$2" >"$1"; }
# mkdoc PATH N: writes `doc N` to PATH, making its folders.
mkdoc() { mkdir -p "$(dirname "$1")" && doc "$2" >"$1"; }
# lines ARG...: each ARG on a line.
lines() { printf '%s\n' "$@"; }

# make_folder N: d/ with N files d/f00.txt … (every fifth one d/sub/gNN.txt
# instead), copies of the samples in turn (the GBK one included).
make_folder() {
  local n=$1 i=0 dest files=("$SAMPLES"/*.txt)
  mkdir -p d/sub
  while [ "$i" -lt "$n" ]; do
    dest=$(printf 'd/f%02d.txt' "$i")
    [ $((i % 5)) -eq 4 ] && dest=$(printf 'd/sub/g%02d.txt' "$i")
    cp "${files[$((i % ${#files[@]}))]}" "$dest"
    i=$((i + 1))
  done
}

# builtin_rules: prints the built-in rules file of the zsmetrics under test:
# the copy embedded in it (verbatim, NUL-terminated: cmake/Embed.cmake), so
# that a binary built from another version of rules/default.json gets its
# own; rules/default.json itself when no such copy is found.
builtin_rules() {
  "$ZSM_PYTHON" - "$ZSM_BIN" "$SOURCE_DIR/rules/default.json" <<'PY'
import json, sys
data = open(sys.argv[1], "rb").read()
pos = data.find(b'"lexicon"')
while pos >= 0:
    seg = data[data.rfind(b"\0", 0, pos) + 1:data.find(b"\0", pos)]
    seg = seg[seg.find(b"{"):]
    try:
        obj = json.loads(seg.decode("utf-8"))
        if isinstance(obj, dict) and "lexicon" in obj and "rules" in obj:
            sys.stdout.write(seg.decode("utf-8"))
            sys.exit(0)
    except ValueError:
        pass
    pos = data.find(b'"lexicon"', pos + 1)
sys.stdout.write(open(sys.argv[2], encoding="utf-8").read())
PY
}

# skip MESSAGE: (setup) ends the case as skipped.
skip() { printf '%s\n' "$*" >"$ZSM_SKIP_FILE"; exit 77; }
# fail MESSAGE: (setup) ends the case as failed.
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }
# ck COMMAND OUT ARGS...: tests/cli/check.py.
ck() { "$ZSM_PYTHON" "$ZSM_CHECK" "$@"; }

# as_user COMMAND ARGS...: runs COMMAND as the case's command runs: as uid
# and gid 65534 when the case says `user nobody` and the runner is root.
as_user() {
  if [ -n "${ZSM_AS_NOBODY:-}" ]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
  else
    "$@"
  fi
}
# zsmetrics ARGS...: the zsmetrics under test.  In a setup (a reference
# run) it has the time limit of a case's command, ZSM_SETUP_RUN_LIMIT seconds.
zsmetrics() {
  if [ -n "${ZSM_SETUP_RUN_LIMIT:-}" ]; then
    local s=0
    as_user timeout -k 5 "$ZSM_SETUP_RUN_LIMIT" "$ZSM_BIN" "$@" || s=$?
    if [ "$s" -eq 124 ] || [ "$s" -eq 137 ]; then
      fail "zsmetrics $* did not finish in ${ZSM_SETUP_RUN_LIMIT}s"
    fi
    return "$s"
  fi
  as_user "$ZSM_BIN" "$@"
}
