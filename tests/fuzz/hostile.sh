#!/usr/bin/env bash
# hostile.sh - the zsmetrics command line over hostile inputs.
#
#   tests/fuzz/hostile.sh PATH/TO/zsmetrics
#
# Every case checks that the tool
#   - does not crash: the exit status is 0, 1 or 2, never a signal;
#   - finishes within HOSTILE_TIMEOUT seconds (default 60, under timeout(1));
#   - writes valid JSON Lines (UTF-8, one object a line, schema zsmetrics/1,
#     no NaN/Infinity) with exactly one record per readable document;
#   - exits with the documented status: 0 some metric found, 1 none found,
#     2 an input could not be read (or bad rules) - and 0/1 agree with the
#     records written;
# plus what the case itself is about (a warning, a message on stderr ...).
# Ends with "N passed, N failed"; exits 1 if any case failed, 77 (skipped)
# without python3, which the JSON checks and input generation use.  The
# work folder is a mktemp -d (~1 GB sparse, ~45 MB real), removed on exit;
# HOSTILE_KEEP=1 keeps it.
set -u
export LC_ALL=C

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/zsmetrics" >&2
    exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$PWD/$1 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
limit=${HOSTILE_TIMEOUT:-60}
if ! command -v python3 >/dev/null; then
    echo "hostile.sh: skipped: python3 is needed" >&2
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/zsm-hostile.XXXXXX") || exit 2
cleanup() {
    chmod -R u+rwX "$work" 2>/dev/null
    if [ -n "${HOSTILE_KEEP:-}" ]; then
        echo "hostile.sh: inputs kept in $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work" || exit 2
out=$work/stdout
err=$work/stderr

# ------------------------------------------------------------ the checks

# Validates JSON Lines on stdin's file $1; prints "RECORDS METRICS" then one
# "S source" and "W warning" line per record and warning, or "ERR why".
read -r -d '' jsonl_check <<'PY'
import json, sys
def bad(why):
    print("ERR " + why)
    sys.exit(1)
def no_constant(name):
    raise ValueError("non-standard JSON constant " + name)
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    bad("stdout is not UTF-8: %s" % e)
if text and not text.endswith("\n"):
    bad("the last record has no newline")
records = metrics = 0
lines = []
for n, line in enumerate(text.split("\n")[:-1] if text else [], 1):
    try:
        r = json.loads(line, parse_constant=no_constant)
    except ValueError as e:
        bad("line %d is not JSON: %s: %.120r" % (n, e, line))
    if not isinstance(r, dict) or r.get("schema") != "zsmetrics/1":
        bad("line %d is not a zsmetrics/1 record" % n)
    if not isinstance(r.get("source"), str) or not isinstance(r.get("metrics"), list) \
            or not isinstance(r.get("warnings"), list):
        bad("line %d lacks source, metrics or warnings" % n)
    records += 1
    metrics += len(r["metrics"])
    lines.append("S " + r["source"].replace("\n", " "))
    lines += ["W " + str(w).replace("\n", " ") for w in r["warnings"]]
print(records, metrics)
print("\n".join(lines))
PY

passed=0 failed=0 skipped=0
name='' problems=() rc=0 records=0 metrics=0 report=''

begin() {
    name=$1
    problems=()
}

# run [ARGS...]: the tool under timeout, stdin from $stdin (default /dev/null).
run() {
    local t0=$SECONDS
    timeout -k 5 "$limit" "$bin" "$@" <"${stdin:-/dev/null}" >"$out" 2>"$err"
    rc=$?
    stdin=
    took=$((SECONDS - t0))
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        problems+=("did not finish within ${limit}s (timeout, exit $rc)")
    elif [ $rc -gt 128 ]; then
        problems+=("killed by signal $((rc - 128)) ($(kill -l $((rc - 128)) 2>/dev/null))")
    elif [ $rc -gt 2 ]; then
        problems+=("exit status $rc is not 0, 1 or 2")
    fi
    if ! report=$(python3 -c "$jsonl_check" "$out"); then
        problems+=("${report#ERR }")
        records=-1 metrics=-1
        return
    fi
    read -r records metrics <<<"$(head -n 1 <<<"$report")"
    # 0 and 1 say whether a metric was found: they must agree with stdout.
    if [ $rc -eq 0 ] && [ "$metrics" -eq 0 ]; then
        problems+=("exit 0 (found) but no record holds a metric")
    elif [ $rc -eq 1 ] && [ "$metrics" -gt 0 ]; then
        problems+=("exit 1 (none found) but the records hold $metrics metrics")
    fi
}

# expect_status "0 1": the allowed exit statuses.
expect_status() {
    case " $1 " in
    *" $rc "*) ;;
    *) [ $rc -le 2 ] && problems+=("exit status $rc, expected ${1// / or }") ;;
    esac
}

expect_records() {
    [ "$records" -ge 0 ] && [ "$records" -ne "$1" ] &&
        problems+=("$records records on stdout, expected $1")
}

# expect_warning REGEX: some record has a warning matching REGEX (grep -E).
expect_warning() {
    grep -E -q "^W .*($1)" <<<"$report" || problems+=("no warning matching /$1/")
}

expect_any_warning() {
    grep -q '^W ' <<<"$report" || problems+=("no warning in the record")
}

# expect_sources S...: the records' sources, in order.
expect_sources() {
    local want got
    want=$(printf 'S %s\n' "$@")
    got=$(grep '^S ' <<<"$report")
    [ "$got" = "$want" ] || problems+=("sources $(tr '\n' ' ' <<<"${got//S /}")- expected $*")
}

expect_stderr() {
    grep -E -q "$1" "$err" || problems+=("stderr does not match /$1/")
}

expect_no_stdout() {
    [ -s "$out" ] && problems+=("stdout is not empty")
}

# Every message is one line starting with "zsmetrics: ".
expect_clean_stderr() {
    grep -v -q '^zsmetrics: ' "$err" && problems+=("a stderr line does not start with 'zsmetrics: '")
}

end_case() {
    if [ ${#problems[@]} -eq 0 ]; then
        passed=$((passed + 1))
        printf 'ok    %-62s exit %d, %d records, %ss\n' "$name" "$rc" "$records" "$took"
        return
    fi
    failed=$((failed + 1))
    printf 'FAIL  %-62s exit %d, %ss\n' "$name" "$rc" "$took"
    printf '        - %s\n' "${problems[@]}"
    if [ -s "$err" ]; then
        head -c 600 "$err" | head -n 4 | sed 's/^/        stderr: /'
    fi
}

skip() {
    skipped=$((skipped + 1))
    printf 'skip  %-62s %s\n' "$1" "$2"
}

py() { python3 -c "$@"; }

# --------------------------------------------------------------- inputs

figure='签约项目12个。'     # one signed_projects metric
figure2='总投资3.5亿元。'   # one amount metric
filler='本区坚持以招商引资为第一要务，持续优化营商环境，深化放管服改革。'

# ------------------------------------------------------- empty and blank

: >empty.txt
begin "empty file"
run empty.txt
expect_status 1; expect_records 1; expect_sources empty.txt
end_case

begin "empty standard input"
stdin=/dev/null run
expect_status 1; expect_records 1; expect_sources -
end_case

printf ' \t\n\r\n\r   \xe3\x80\x80\xc2\xa0\n\n\t \n' >blank.txt
begin "only whitespace (ASCII, CR, CRLF, U+3000, U+00A0)"
run blank.txt
expect_status 1; expect_records 1
end_case

head -c 65536 /dev/zero >nul.txt
begin "only NUL bytes (64 KB)"
run nul.txt
expect_status 1; expect_records 1; expect_any_warning
end_case

{ printf '%s' "$figure"; head -c 100 /dev/zero; printf '%s\n\0' "$figure2"; } >nul-text.txt
begin "NUL bytes between sentences with figures"
run nul-text.txt
expect_status 0; expect_records 1; expect_any_warning
end_case

py 'import sys; sys.stdout.write("\n" * 500000 + "\r" * 300000 + "\r\n" * 200000)' >lines.txt
begin "a million empty lines (LF, lone CR, CRLF)"
run lines.txt
expect_status 1; expect_records 1
end_case

# ---------------------------------------------------------- invalid UTF-8

# Each kind of malformed sequence, in the middle of a short report and at
# its very end: the bytes become U+FFFD with a warning and the figures are
# still found.  (In a report of a few dozen bytes, as many bad bytes may
# rightly make GB18030 the better reading: the decoder weighs both.)
invalid_utf8() { # invalid_utf8 NAME HEXBYTES
    local file=bad-$1.txt bytes
    bytes=$(sed 's/../\\x&/g' <<<"$2") # C0AF -> \xC0\xAF, for printf %b
    { printf '%s%s%b' "$figure" "$filler" "$bytes"; printf '%s%s%b' "$figure2" "$filler" "$bytes"
    } >"$file"
    begin "invalid UTF-8: $1 ($2)"
    run "$file"
    expect_status 0; expect_records 1; expect_any_warning
    end_case
}
invalid_utf8 overlong-2-byte C0AF
invalid_utf8 overlong-3-byte E080AF
invalid_utf8 overlong-4-byte F08080AF
invalid_utf8 surrogate-high EDA080
invalid_utf8 surrogate-low EDBFBF
invalid_utf8 above-U+10FFFF F4908080
invalid_utf8 truncated-2-of-3 E7AD
invalid_utf8 truncated-3-of-4 F09F98
invalid_utf8 lone-continuation 80
invalid_utf8 continuations-run 80BF80BFBF
invalid_utf8 lone-C0-C1 C0C1
invalid_utf8 F5-to-FF F5F6F7F8F9FAFBFCFDFEFF

# A truncated sequence in the middle of a character run, not at a boundary.
{ printf '签约项目'; printf '\xe7\xad'; printf '12个。\n'; printf '%s\xe7' "$figure2"; } >bad-inside.txt
begin "invalid UTF-8: truncated inside a sentence and at end of file"
run bad-inside.txt
expect_status 0; expect_records 1; expect_any_warning
end_case

py 'import random, sys; random.seed(20240601); sys.stdout.buffer.write(random.randbytes(1 << 20))' >random.bin
begin "1 MB of random bytes (fixed seed)"
run random.bin
expect_status "0 1"; expect_records 1
end_case

# ---------------------------------------------------------------- sizes

# 20 MB without a line break, sentences ending in 。 every ~1 KB.
py '
import sys
filler = "本区坚持以招商引资为第一要务，持续优化营商环境，深化放管服改革，"
unit = (filler * 10 + "全区签约项目12个，总投资3.5亿元，完成年度任务的85%。").encode()
n = 20 << 20
sys.stdout.buffer.write((unit * (n // len(unit) + 1))[:n].decode("utf-8", "ignore").encode())
' >line-20m.txt
begin "20 MB single line of sentences with figures"
run line-20m.txt
expect_status 0; expect_records 1
end_case

# The same 20 MB as one sentence: no 。!?; or line end anywhere.
py '
import sys
filler = "本区坚持以招商引资为第一要务，持续优化营商环境，深化放管服改革，"
unit = (filler * 10 + "全区签约项目12个，总投资3.5亿元，完成年度任务的85%，").encode()
n = 20 << 20
sys.stdout.buffer.write((unit * (n // len(unit) + 1))[:n].decode("utf-8", "ignore").encode())
' >sentence-20m.txt
begin "20 MB single line that is one sentence, with figures"
run sentence-20m.txt
expect_status 0; expect_records 1
end_case

py 'import sys; sys.stdout.write("总投资" + "1" * 2000000 + "亿元。\n")' >digits-2m.txt
begin "a number of 2 million digits followed by 亿元"
run digits-2m.txt
expect_status "0 1"; expect_records 1
end_case

py 'import sys; sys.stdout.write("总投资5" + "亿" * 1000000 + "元。\n")' >yi-1m.txt
begin "亿 repeated 1 million times after a digit"
run yi-1m.txt
expect_status "0 1"; expect_records 1
end_case

truncate -s 1G sparse-1g.txt
begin "1 GB sparse file (default --max-bytes 32M)"
run sparse-1g.txt
expect_status 1; expect_records 1; expect_warning 'truncat'
grep -q '"bytes":33554432[,}]' "$out" || problems+=("\"bytes\" is not 33554432 (32M)")
end_case

begin "1 GB sparse file with --max-bytes 1M"
run --max-bytes 1M sparse-1g.txt
expect_status 1; expect_records 1; expect_warning 'truncat'
grep -q '"bytes":1048576[,}]' "$out" || problems+=("\"bytes\" is not 1048576 (1M)")
end_case

# ------------------------------------------------ odd files and folders

printf '%s\n' "$figure" >good.txt
mkdir -p folder/sub folder/empty
printf '%s\n' "$figure2" >folder/a.txt
printf '%s\n' "$figure" >folder/notes.md      # not *.txt
printf '%s\n' "$figure" >folder/.hidden.txt   # hidden
mkfifo fifo.txt

begin "FIFO, folder and missing path as operands (and a good file)"
# The writer gives up after the time limit if the tool never opens the FIFO.
timeout "$limit" sh -c "printf '%s\n' '$figure' >fifo.txt" &
writer=$!
run fifo.txt folder missing.txt good.txt
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
expect_status 2; expect_records 3
expect_sources fifo.txt folder/a.txt good.txt
expect_stderr 'missing\.txt'; expect_clean_stderr
end_case

printf '%s\n' folder missing.txt good.txt >list.txt
begin "--files-from: a folder, a missing path and a file"
run --files-from list.txt
expect_status 2; expect_records 2
expect_sources folder/a.txt good.txt
expect_stderr 'missing\.txt'
end_case

begin "an empty folder"
run folder/empty
expect_status 1; expect_records 0
end_case

if [ "$(id -u)" -eq 0 ]; then
    skip "unreadable file (mode 000)" "running as root: root reads any file"
else
    printf '%s\n' "$figure" >unreadable.txt
    chmod 000 unreadable.txt
    begin "unreadable file (mode 000) and a good file"
    run unreadable.txt good.txt
    expect_status 2; expect_records 1; expect_sources good.txt
    expect_stderr 'unreadable\.txt'
    end_case
fi

mkdir -p loop/sub/deeper
printf '%s\n' "$figure" >loop/a.txt
ln -s .. loop/sub/up                  # back to loop/
ln -s ../.. loop/sub/deeper/top       # back to loop/ from two levels down
ln -s ../../sub loop/sub/deeper/again # back to loop/sub/
ln -s . loop/sub/here
begin "folder with symlink loops back to its ancestors"
run loop
expect_status 0; expect_records 1; expect_sources loop/a.txt
end_case

mkdir -p selfloop
printf '%s\n' "$figure" >selfloop/a.txt
ln -s self.txt selfloop/self.txt       # ELOOP
ln -s pong.txt selfloop/ping.txt
ln -s ping.txt selfloop/pong.txt
begin "folder with self-referencing symlinks (ELOOP)"
run selfloop
expect_status 2; expect_records 1; expect_sources selfloop/a.txt
expect_stderr 'self\.txt'
end_case

# ---------------------------------------------------------------- rules

cat >slow.json <<'EOF'
{"rules": [{"id": "test.backtrack", "metric": "rate", "pattern": "(?<value>\\d+)%,(a+)+b"}]}
EOF
# A long run of a, then c b (PCRE2 skips a subject without the required b),
# after a percentage the rule's value is read from (a rule is tried only
# where a figure of its kind is within its value's reach: "(?<value>(a+)+)b"
# is never tried at a run of a).
py 'import sys; sys.stdout.write("增长1%，" + "a" * 200000 + "c b，增长2%。\n")' >aaaa.txt
begin "--rules-add with a catastrophically backtracking pattern"
run --rules-add slow.json aaaa.txt
expect_status "0 1"; expect_records 1; expect_warning 'limit|backtrack'
end_case

cat >badpattern.json <<'EOF'
{"currencies": {"CNY": {"name": "元", "words": ["元"]}},
 "rules": [{"id": "amount.broken", "metric": "amount", "pattern": "(?<value>\\d+(亿元"}]}
EOF
begin "--rules with an invalid pattern"
run --rules badpattern.json good.txt
expect_status 2; expect_no_stdout
expect_stderr '^zsmetrics: .*badpattern\.json.*amount\.broken'; expect_clean_stderr
[ "$(wc -l <"$err")" -eq 1 ] || problems+=("the error takes $(wc -l <"$err") lines, not 1")
end_case

begin "--rules-add with an invalid pattern"
run --rules-add badpattern.json good.txt
expect_status 2; expect_no_stdout
expect_stderr '^zsmetrics: .*badpattern\.json.*amount\.broken'; expect_clean_stderr
end_case

# Invalid UTF-8 inside a rules file must be an error, not undefined
# behaviour in PCRE2 (regressions/rules-invalid-utf8-in-pattern.json).
begin "--rules whose pattern is invalid UTF-8"
run --rules "$here/regressions/rules-invalid-utf8-in-pattern.json" good.txt
expect_status 2; expect_no_stdout; expect_stderr '^zsmetrics: '
end_case

begin "--rules-add whose lexicon holds invalid UTF-8"
run --rules-add "$here/regressions/rules-invalid-utf8-in-lexicon.json" good.txt
expect_status 2; expect_no_stdout; expect_stderr '^zsmetrics: '
end_case

# ---------------------------------------------------------------- total

[ $skipped -gt 0 ] && echo "($skipped skipped)"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
