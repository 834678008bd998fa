# Exit statuses and errors: 0 found, 1 none, 2 errors (inputs, arguments,
# writes).  Sourced by run_cli_tests.sh (helpers and texts are defined there).
# shellcheck shell=bash disable=SC2016,SC2034

case_exit_0_when_found() {
  mk a.txt "$T1"
  mk none.txt "$T_NONE"
  zs none.txt a.txt
  expect_rc 0
  expect_eq "records" "$(ck records r.out)" "$(printf 'none.txt\t0\na.txt\t3')"
}

case_exit_1_when_none() {
  mk none.txt "$T_NONE"
  zs none.txt
  expect_rc 1
  expect_eq "records" "$(ck records r.out)" "$(printf 'none.txt\t0')"
  expect_empty r.err "stderr"
}

case_empty_file() {
  : >empty.txt
  zs empty.txt
  expect_rc 1
  expect_eq "source, bytes, metrics" "$(ck field r.out '[r["source"], r["bytes"], r["metrics"]]')" \
    '["empty.txt", 0, []]'
  ck contract r.out
}

case_missing_file() {
  mkdoc a.txt 1
  mkdoc b.txt 2
  zs -j 4 a.txt no-such-file.txt b.txt
  expect_rc 2
  expect_eq "source value per metric" "$(values r.out)" "$(lines 'a.txt 1' 'b.txt 2')"
  expect_err 'no-such-file\.txt' "name the missing file"
  ck contract r.out
}

case_unreadable_file() {
  mkdoc a.txt 1
  mkdoc secret.txt 2
  mkdoc b.txt 3
  chmod 000 secret.txt
  local -a as=()
  if [ "$(id -u)" -eq 0 ]; then
    # root reads any file: run the tool as nobody instead, if that works
    command -v setpriv >/dev/null || skip "running as root and setpriv is missing"
    as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    "${as[@]}" cat a.txt >/dev/null 2>&1 || skip "running as root; uid 65534 cannot read the test folder"
    "${as[@]}" "$BIN" --version >/dev/null 2>&1 || skip "running as root; uid 65534 cannot run $BIN"
    if "${as[@]}" cat secret.txt >/dev/null 2>&1; then skip "running as root; uid 65534 can read a mode 000 file"; fi
  fi
  timeout -k 5 "$ZS_TIMEOUT" "${as[@]}" "$BIN" -j 2 a.txt secret.txt b.txt >r.out 2>r.err
  RC=$?
  expect_rc 2
  expect_eq "source value per metric" "$(values r.out)" "$(lines 'a.txt 1' 'b.txt 3')"
  expect_err 'secret\.txt' "name the unreadable file"
}

# bad_args ARGS...: exit 2, nothing on stdout, a pointer to --help on stderr.
bad_args() {
  mkdoc a.txt 1
  zs "$@" a.txt
  expect_rc 2
  expect_empty r.out "stdout"
  expect_err '--help' "mention --help"
}

case_bad_args_format_xml() { bad_args --format xml; }
case_bad_args_jobs_zero() { bad_args -j 0; }
case_bad_args_unknown_option() { bad_args --no-such-option; }
case_bad_args_missing_value() { bad_args --metric; }
case_bad_args_unknown_metric() { bad_args --metric amount,volume; }
case_bad_args_null_without_files_from() { bad_args -0; }

case_write_dev_full_stdout() {
  [ -w /dev/full ] || skip "no /dev/full"
  mk a.txt "$T1"
  timeout -k 5 "$ZS_TIMEOUT" "$BIN" a.txt >/dev/full 2>r.err
  RC=$?
  expect_rc 2
  expect_err 'write|space' "report the write error"
}

case_write_dev_full_output_option() {
  [ -w /dev/full ] || skip "no /dev/full"
  mk a.txt "$T1"
  zs -o /dev/full a.txt
  expect_rc 2
  expect_err 'write|space' "report the write error"
}

case_write_dev_full_list_rules() {
  [ -w /dev/full ] || skip "no /dev/full"
  timeout -k 5 "$ZS_TIMEOUT" "$BIN" --list-rules >/dev/full 2>r.err
  RC=$?
  expect_rc 2
}

case_version() {
  zs --version
  expect_rc 0
  expect_empty r.err "stderr"
  if ! grep -Eq '^zsmetrics [0-9]+\.[0-9]+' r.out; then
    fail "--version printed [$(head -c 200 r.out)]"
  fi
}

case_help() {
  zs --help
  expect_rc 0
  expect_empty r.err "stderr"
  local opt
  for opt in Usage: --files-from --glob --input --format --pretty --metric --modality \
    --rules --rules-add --list-rules --jobs --output; do
    grep -q -- "$opt" r.out || fail "--help does not mention $opt"
  done
}
