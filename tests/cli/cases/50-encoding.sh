# Encodings, byte offsets, warnings, --max-bytes.
# Sourced by run_cli_tests.sh (helpers and texts are defined there).
# shellcheck shell=bash disable=SC2016,SC2034

case_gb18030_file() {
  command -v iconv >/dev/null || skip "iconv is missing"
  printf '%s\n%s\n' '招商引资工作情况' "$T1" | iconv -f UTF-8 -t GB18030 >g.txt || skip "iconv cannot write GB18030"
  zs g.txt
  expect_rc 0
  expect_eq "encoding and metric texts" \
    "$(ck field r.out '[r["encoding"], [m["text"] for m in r["metrics"]]]')" \
    '["gb18030", ["签约项目12个", "35.6亿元", "完成年度任务的75%"]]'
  ck spans r.out . >/dev/null
}

case_gbk_sample_encoding() {
  local f=$SAMPLES/shiqiao-district-2024h1-gbk.txt
  [ -f "$f" ] || skip "no GBK sample"
  zs "$f"
  expect_eq "encoding" "$(ck field r.out 'r["encoding"]')" "gb18030"
  ck spans r.out >/dev/null
}

case_spans_all_samples() {
  # input[start:end] (decoded from the record's encoding) == text, for
  # every metric of every sample; line is the span's line
  zs -j 4 "$SAMPLES"/*.txt
  expect_rc 0
  local n
  n=$(ck spans r.out) || return
  [ "$n" -gt 50 ] || fail "only $n metrics in the samples"
}

case_utf8_spans_own_text() {
  {
    printf '%s\n' '关于2023年招商引资工作的报告'
    printf '%s\n' "$T1"
    printf '%s\r\n' '全年实际到位资金约8000万元,同比增长12.5%。'
    printf '%s\n' '合同利用外资１８万美元,签约项目３个。'
  } >u.txt
  zs u.txt
  expect_rc 0
  expect_eq "encoding" "$(ck field r.out 'r["encoding"]')" "utf-8"
  local n
  n=$(ck spans r.out) || return
  [ "$n" -ge 5 ] || fail "only $n metrics"
}

case_invalid_bytes_warning() {
  # \xff is valid in neither UTF-8 nor GB18030
  printf '本月签约项目12个\xff\xfe,总投资35.6亿元。\n' >bad.txt
  zs bad.txt
  expect_rc 0
  expect_eq "encoding, has warnings, values" \
    "$(ck field r.out '[r["encoding"], len(r["warnings"]) > 0, [m["value"] for m in r["metrics"]]]')" \
    '["utf-8", true, [12, 35.6]]'
  ck contract r.out
  ck spans r.out >/dev/null
}

case_max_bytes_truncation() {
  python3 -c '
for i in range(1, 201):
    print("本月签约项目%d个。" % i)' >big.txt
  zs --max-bytes 1K big.txt
  expect_rc 0
  expect_eq "bytes, truncation warning, spans inside" \
    "$(ck field r.out '[r["bytes"], any("trunc" in w for w in r["warnings"]), all(m["end"] <= 1024 for m in r["metrics"]), len(r["metrics"]) > 30]')" \
    "[$(python3 -c 'print(len(open("big.txt", "rb").read()[:1024].decode("utf-8", "ignore").encode()))'), true, true, true]"
  # bytes: the 1024 bytes read, cut back to the last whole character
}

case_max_bytes_cut_inside_char() {
  # the 1024-byte cut falls inside a character: the input was valid UTF-8,
  # so the only warning is the truncation, not "invalid bytes"
  python3 -c '
for i in range(1, 201):
    print("本月签约项目%d个。" % i)' >big.txt
  python3 -c 'import sys; b = open("big.txt", "rb").read(); sys.exit(0 if b[1024] & 0xC0 == 0x80 else 1)' ||
    fail "test setup: byte 1024 is not inside a character"
  zs --max-bytes 1K big.txt
  expect_rc 0
  expect_eq "warnings" "$(ck field r.out '[w for w in r["warnings"] if "trunc" not in w]')" '[]'
  expect_eq "encoding" "$(ck field r.out 'r["encoding"]')" "utf-8"
}

case_parallel_scaling() {
  command -v parallel >/dev/null || skip "GNU parallel is not installed"
  parallel --version 2>/dev/null | grep -q 'GNU parallel' || skip "parallel is not GNU parallel"
  find "$SAMPLES" -name '*.txt' -print0 |
    timeout 60 parallel --will-cite -0 -j2 -X "$BIN" -q >par.out 2>par.err
  zs -q "$SAMPLES"
  expect_rc 0
  local n
  n=$(ck same-sorted par.out r.out) || return
  expect_eq "records" "$n" "$(find "$SAMPLES" -name '*.txt' | wc -l | tr -d ' ')"
}
