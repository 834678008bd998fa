# Output: formats, -o, order, --metric and --modality filters.
# Sourced by run_cli_tests.sh (helpers and texts are defined there).
# shellcheck shell=bash disable=SC2016,SC2034

case_format_jsonl_default() {
  zs -j 2 "$SAMPLES"/*.txt
  expect_rc 0
  expect_eq "sources (one line a record, in operand order)" "$(sources r.out)" \
    "$(lines "$SAMPLES"/*.txt)"
  ck contract r.out
}

case_format_pretty() {
  run j -j 2 "$SAMPLES"/*.txt
  zs -j 2 --pretty "$SAMPLES"/*.txt
  expect_rc 0
  ck same r.out pretty j.out jsonl
  local nrec nlines
  nrec=$(wc -l <j.out)
  nlines=$(wc -l <r.out)
  if [ "$nlines" -le $((nrec * 10)) ]; then
    fail "--pretty printed $nlines lines for $nrec records: not indented"
  fi
  if ! grep -q '^  "metrics": \[' r.out; then
    fail "--pretty output has no indented \"metrics\" field"
  fi
}

case_format_csv_roundtrip() {
  run j "$SAMPLES"/*.txt
  zs --format csv "$SAMPLES"/*.txt
  expect_rc 0
  expect_eq "first line" "$(head -n 1 r.out | tr -d '\r')" \
    'source,metric,value,unit,currency,category,approx,placeholder,modality,label,line,start,end,rule,text'
  ck csv r.out j.out >/dev/null
}

case_format_csv_quoting() {
  # a source, label and text holding commas and double quotes
  cat >quoted.json <<'EOF'
{"rules": [{"id": "local.quoted_projects", "metric": "project_count", "priority": 50,
  "pattern": "(?<label>\"[^\"]{1,12}\"项目)(?<value>{{NUM}})(?<unit>个)"}]}
EOF
  mk 'a,"q".txt' '今年引进"飞地,园区"项目7个。'
  run j --rules-add quoted.json 'a,"q".txt'
  zs --rules-add quoted.json --format csv 'a,"q".txt'
  expect_rc 0
  expect_eq "label from the JSON run" \
    "$(ck field j.out '[m["label"] for m in r["metrics"] if m["rule"] == "local.quoted_projects"]')" \
    '["\"飞地,园区\"项目"]'
  ck csv r.out j.out >/dev/null
}

case_format_csv_no_metrics() {
  mk none.txt "$T_NONE"
  zs --format csv none.txt
  expect_rc 1
  expect_eq "output (the header row only)" "$(tr -d '\r' <r.out)" \
    'source,metric,value,unit,currency,category,approx,placeholder,modality,label,line,start,end,rule,text'
}

case_format_tsv_roundtrip() {
  run j "$SAMPLES"/*.txt
  zs --format tsv "$SAMPLES"/*.txt
  expect_rc 0
  expect_eq "first line" "$(head -n 1 r.out)" \
    "$(printf 'source\tmetric\tvalue\tunit\tcurrency\tcategory\tapprox\tplaceholder\tmodality\tlabel\tline\tstart\tend\trule\ttext')"
  # the PDF-copy sample has texts spanning a line break: they must be escaped
  if [ "$(ck field j.out 'any("\n" in m["text"] for m in r["metrics"])' | grep -c true)" -eq 0 ]; then
    fail "no sample metric text holds a newline: the escaping is not exercised"
  fi
  ck tsv r.out j.out >/dev/null
}

case_output_file() {
  mkdoc a.txt 1
  mk b.txt "$T1"
  run std a.txt b.txt
  zs -o o.jsonl a.txt b.txt
  expect_rc 0
  expect_empty r.out "stdout with -o"
  if ! cmp -s o.jsonl std.out; then
    fail "-o o.jsonl differs from the standard output run: [$(head -c 200 o.jsonl | tr '\n' '|')]"
  fi
  run c --output o.csv --format csv a.txt b.txt
  ck csv o.csv std.out >/dev/null
}

case_output_file_bad_folder() {
  mkdoc a.txt 1
  zs -o no-such-folder/o.jsonl a.txt
  expect_rc 2
  expect_err 'no-such-folder/o\.jsonl' "name the output file"
}

# make_folder N: d/ with N files (copies of the samples, GBK one included),
# some in a subfolder; prints nothing.
make_folder() {
  local n=$1 i=0 files=("$SAMPLES"/*.txt)
  mkdir -p d/sub
  while [ $i -lt "$n" ]; do
    local dest
    dest=$(printf 'd/f%02d.txt' "$i")
    [ $((i % 5)) -eq 4 ] && dest=$(printf 'd/sub/g%02d.txt' "$i")
    cp "${files[$((i % ${#files[@]}))]}" "$dest"
    i=$((i + 1))
  done
}

case_order_folder_j1_j4() {
  make_folder 45
  run o1 -j 1 d
  run o4 -j 4 d
  expect_rc 0 o4
  local want
  # walk order: d's files and its subfolder "sub" in name order
  want=$( (ls d/f*.txt; ls d/sub/*.txt) )
  expect_eq "-j 1 sources" "$(sources o1.out)" "$want"
  expect_eq "-j 4 sources" "$(sources o4.out)" "$want"
  if ! cmp -s o1.out o4.out; then
    fail "-j 1 and -j 4 outputs differ: $(cmp o1.out o4.out 2>&1 | head -1)"
  fi
}

case_order_operands_j4() {
  make_folder 45
  local files
  files=$( (ls d/f*.txt; ls d/sub/*.txt) | sort -r)
  # shellcheck disable=SC2086
  zs -j 4 $files
  expect_rc 0
  expect_eq "sources (operand order)" "$(sources r.out)" "$files"
}

# filter_case OPTION VALUE AWK_COND INPUTS...: the filtered run's metrics are
# exactly the unfiltered run's metrics that satisfy AWK_COND (on the
# "source metric modality value rule" tab-separated line), and there are some.
filter_case() {
  local opt=$1 val=$2 cond=$3
  shift 3
  run all "$@"
  zs "$opt" "$val" "$@"
  expect_rc 0
  local want
  want=$(ck metrics all.out | awk -F'\t' "$cond")
  if [ -z "$want" ]; then fail "no metric of the filter in the unfiltered run"; fi
  expect_eq "$opt $val metrics" "$(ck metrics r.out)" "$want"
  expect_eq "$opt $val records" "$(sources r.out)" "$(sources all.out)"
}

case_metric_amount() {
  mk a.txt "$T1"
  filter_case --metric amount '$2 == "amount"' a.txt "$SAMPLES"/*.txt
}

case_metric_signed_and_completion() {
  mk a.txt "$T1"
  filter_case --metric signed_projects,completion_rate \
    '$2 == "signed_projects" || $2 == "completion_rate"' a.txt "$SAMPLES"/*.txt
}

case_modality_target() {
  mk a.txt '今年签约项目12个。明年力争签约项目20个。'
  filter_case --modality target '$3 == "target"' a.txt "$SAMPLES"/*.txt
}

case_metric_filter_leaves_none_exit_1() {
  mkdoc a.txt 5
  zs --metric completion_rate a.txt
  expect_rc 1
  expect_eq "records" "$(ck records r.out)" "$(printf 'a.txt\t0')"
}
