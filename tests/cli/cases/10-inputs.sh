# Inputs: stdin, files, folders, --files-from, --input jsonl, FIFOs.
# Sourced by run_cli_tests.sh (helpers and texts are defined there).
# shellcheck shell=bash disable=SC2016,SC2034

case_stdin_no_operand() {
  printf '%s\n' "$T1" >stdin
  zs <stdin
  expect_rc 0
  expect_eq "records" "$(ck records r.out)" "$(printf -- '-\t3')"
  ck contract r.out
  ck spans r.out . >/dev/null
}

case_stdin_dash() {
  printf '%s\n' "$T1" >stdin
  zs - <stdin
  expect_rc 0
  expect_eq "records" "$(ck records r.out)" "$(printf -- '-\t3')"
  ck spans r.out . >/dev/null
}

case_stdin_dash_between_files() {
  mkdoc a.txt 1
  mkdoc b.txt 3
  doc 2 >stdin
  zs -j 4 a.txt - b.txt <stdin
  expect_rc 0
  expect_eq "source value per metric" "$(values r.out)" "$(lines 'a.txt 1' '- 2' 'b.txt 3')"
}

case_stdin_large_pipe() {
  # ~500 KB through a pipe (not a regular file: no size known up front)
  python3 -c '
for i in range(1, 20001):
    print("本月签约项目%d个。" % i)' >stdin
  zs < <(cat stdin)
  expect_rc 0
  expect_eq "bytes, metrics, last value and line" \
    "$(ck field r.out '[r["bytes"], len(r["metrics"]), r["metrics"][-1]["value"], r["metrics"][-1]["line"]]')" \
    "[$(wc -c <stdin | tr -d ' '), 20000, 20000, 20000]"
  ck spans r.out . >/dev/null
}

case_several_files() {
  mkdoc c.txt 3
  mkdoc a.txt 1
  mkdoc b.txt 2
  zs c.txt a.txt b.txt
  expect_rc 0
  expect_eq "source value per metric (operand order)" "$(values r.out)" \
    "$(lines 'c.txt 3' 'a.txt 1' 'b.txt 2')"
}

case_folder_recursive_default_txt() {
  mkdoc d/a.txt 1
  mkdoc d/m.txt 2
  mkdoc d/sub/b.txt 3
  mkdoc d/sub/deeper/c.txt 4
  mkdoc d/z.md 5
  mkdoc d/notes.txt.bak 6
  mkdoc d/sub/e.json 7
  zs d
  expect_rc 0
  expect_eq "sources" "$(sources r.out)" \
    "$(lines d/a.txt d/m.txt d/sub/b.txt d/sub/deeper/c.txt)"
  # a trailing slash does not double the separator
  run s d/
  expect_eq "sources of d/" "$(sources s.out)" \
    "$(lines d/a.txt d/m.txt d/sub/b.txt d/sub/deeper/c.txt)"
}

case_folder_glob_md() {
  mkdoc d/a.txt 1
  mkdoc d/b.md 2
  mkdoc d/sub/c.md 3
  mkdoc d/sub/c.txt 4
  zs --glob '*.md' d
  expect_rc 0
  expect_eq "sources" "$(sources r.out)" "$(lines d/b.md d/sub/c.md)"
}

case_folder_hidden_skipped() {
  mkdoc d/a.txt 1
  mkdoc d/.h.txt 2
  mkdoc d/.hid/c.txt 3
  mkdoc d/sub/.x.txt 4
  mkdoc d/sub/.deep/y.txt 5
  mkdoc d/sub/b.txt 6
  zs d
  expect_rc 0
  expect_eq "sources" "$(sources r.out)" "$(lines d/a.txt d/sub/b.txt)"
  # named on the command line, a hidden file or folder is read
  run e d/.h.txt d/.hid
  expect_eq "sources of explicit hidden paths" "$(sources e.out)" "$(lines d/.h.txt d/.hid/c.txt)"
}

case_folder_symlink_loop() {
  mkdoc d/a.txt 1
  mkdoc d/sub/b.txt 2
  ln -s .. d/sub/up  # back to d
  ln -s . d/self     # d itself
  ln -s ../sub d/sub/again
  zs d
  expect_rc 0
  expect_eq "sources (each file once)" "$(sources r.out)" "$(lines d/a.txt d/sub/b.txt)"
}

case_folder_symlink_mutual_loop() {
  # d/a/to_b -> d/b and d/b/to_a -> d/a: a loop through two folders
  mkdoc d/a/x.txt 1
  mkdoc d/b/y.txt 2
  ln -s ../b d/a/to_b
  ln -s ../a d/b/to_a
  zs d
  expect_rc 0
  local got
  got=$(sources r.out | while IFS= read -r p; do realpath "$p"; done | sort | uniq -c |
    awk '$1 != 1 { printf "%s read %d times; ", $2, $1 }')
  expect_eq "files read more than once (sources: $(sources r.out | tr '\n' ' '))" "$got" ""
  expect_eq "number of records" "$(sources r.out | wc -l | tr -d ' ')" 2
}

case_files_from_newline() {
  mkdoc a.txt 1
  mkdoc 'sub dir/b c.txt' 2
  mkdoc c.txt 3
  printf 'a.txt\nsub dir/b c.txt\n\nc.txt\n' >list
  zs --files-from list
  expect_rc 0
  expect_eq "source value per metric" "$(values r.out)" \
    "$(lines 'a.txt 1' 'sub dir/b c.txt 2' 'c.txt 3')"
}

case_files_from_null_find_print0() {
  mkdoc d/a.txt 1
  mkdoc 'd/new
line.txt' 2
  mkdoc 'd/with space.txt' 3
  mkdoc d/sub/z.txt 4
  find d -name '*.txt' -print0 | sort -z >list0
  zs -0 --files-from list0
  expect_rc 0
  local want
  want=$(python3 -c '
import json
for p in open("list0", "rb").read().decode().split("\0"):
    if p:
        print(json.dumps(p))')
  expect_eq "sources" "$(ck field r.out 'json.dumps(r["source"])')" "$want"
  expect_eq "metrics" "$(ck field r.out 'len(r["metrics"])' | tr '\n' ' ')" "1 1 1 1 "
}

case_files_from_stdin() {
  mkdoc a.txt 1
  mkdoc b.txt 2
  printf 'b.txt\na.txt\n' >list
  zs --files-from - <list
  expect_rc 0
  expect_eq "source value per metric" "$(values r.out)" "$(lines 'b.txt 2' 'a.txt 1')"
}

case_files_from_null_stdin() {
  mkdoc a.txt 1
  mkdoc b.txt 2
  zs -0 --files-from - < <(printf 'a.txt\0b.txt\0')
  expect_rc 0
  expect_eq "source value per metric" "$(values r.out)" "$(lines 'a.txt 1' 'b.txt 2')"
}

case_files_from_directory() {
  mkdoc d/a.txt 1
  mkdoc d/sub/b.txt 2
  mkdoc d/c.md 3
  mkdoc z.txt 4
  printf 'd\nz.txt\n' >list
  zs --files-from list
  expect_rc 0
  expect_eq "sources" "$(sources r.out)" "$(lines d/a.txt d/sub/b.txt z.txt)"
}

case_files_from_missing_entry() {
  mkdoc a.txt 1
  mkdoc b.txt 2
  printf 'a.txt\nnope.txt\nb.txt\n' >list
  zs -j 4 --files-from list
  expect_rc 2
  expect_eq "sources" "$(sources r.out)" "$(lines a.txt b.txt)"
  expect_err 'nope\.txt' "name the missing file"
}

case_files_from_missing_list() {
  mkdoc a.txt 1
  zs --files-from no-such-list
  expect_rc 2
  expect_empty r.out "stdout"
  expect_err 'no-such-list' "name the missing list"
}

case_files_from_with_operand_not_dropped() {
  # an operand next to --files-from is either read too or refused (status
  # 2); it is never dropped without a word
  mkdoc a.txt 1
  mkdoc c.txt 3
  printf 'a.txt\n' >list
  zs --files-from list c.txt
  if [ "$RC" -ne 2 ] && ! sources r.out | grep -qx c.txt; then
    fail "operand c.txt silently ignored: exit $RC, sources [$(sources r.out | tr '\n' ' ')], stderr [$(tr '\n' '|' <r.err)]"
  fi
}

case_jsonl_input_string_ids() {
  python3 -c '
import json, sys
t1 = sys.argv[1]
print(json.dumps({"id": "doc-a", "text": t1}, ensure_ascii=False))
print(json.dumps({"id": "doc-b", "text": "本月签约项目4个。\n预计全年到位资金8000万元。"}))
print(json.dumps({"id": "文档c", "text": "没有数字的一段话。"}, ensure_ascii=False))' "$T1" >in.jsonl
  zs --input jsonl in.jsonl
  expect_rc 0
  expect_eq "records" "$(ck records r.out)" "$(printf 'doc-a\t3\ndoc-b\t2\n文档c\t0')"
  ck spans-jsonl r.out in.jsonl >/dev/null
}

case_jsonl_input_numeric_ids() {
  printf '{"id": 7, "text": "本月签约项目7个。"}\n{"id": 42, "text": "本月签约项目42个。"}\n{"id": -3, "text": "本月签约项目3个。"}\n' >in.jsonl
  zs --input jsonl <in.jsonl
  expect_rc 0
  expect_eq "source value per metric" "$(values r.out)" "$(lines '7 7' '42 42' '-3 3')"
}

case_jsonl_input_fractional_and_large_ids() {
  # a numeric id becomes the source as written, not with float noise
  printf '{"id": 2.5, "text": "本月签约项目1个。"}\n{"id": 0.1, "text": "本月签约项目2个。"}\n{"id": 100000000000000000, "text": "本月签约项目3个。"}\n' >in.jsonl
  zs --input jsonl in.jsonl
  expect_rc 0
  expect_eq "sources" "$(sources r.out)" "$(lines 2.5 0.1 100000000000000000)"
}

case_jsonl_input_malformed_line() {
  {
    printf '{"id": "a", "text": "本月签约项目1个。"}\n'
    printf '{"id": "b", "text": "本月签约项目2个。"\n' # no closing brace
    printf '{"id": "c", "text": "本月签约项目3个。"}\n'
    printf '{"id": "d"}\n' # no text
    printf '{"id": "e", "text": "本月签约项目5个。"}\n'
  } >in.jsonl
  zs -j 4 --input jsonl in.jsonl
  expect_rc 2
  expect_eq "source value per metric" "$(values r.out)" "$(lines 'a 1' 'c 3' 'e 5')"
  expect_err 'in\.jsonl:2\b' "name in.jsonl line 2"
  expect_err 'in\.jsonl:4\b' "name in.jsonl line 4"
}

case_jsonl_input_text_with_nul() {
  # "\u0000" is a valid JSON string character: the text is not cut there
  printf '{"id": "n", "text": "本月签约项目3个。\\u0000本月签约项目4个。"}\n' >in.jsonl
  zs --input jsonl in.jsonl
  expect_rc 0
  expect_eq "bytes and values" "$(ck field r.out '[r["bytes"], [m["value"] for m in r["metrics"]]]')" \
    "[51, [3, 4]]"
}

case_fifo_operand() {
  mkfifo p
  python3 -c '
for i in range(1, 4001):
    print("本月签约项目%d个。" % i)' >content # ~100 KB, more than one pipe buffer
  timeout 15 sh -c 'cat content > p' &
  local writer=$!
  zs p
  wait "$writer" 2>/dev/null
  expect_rc 0
  expect_eq "source, bytes, metrics, last value" \
    "$(ck field r.out '[r["source"], r["bytes"], len(r["metrics"]), r["metrics"][-1]["value"]]')" \
    "[\"p\", $(wc -c <content | tr -d ' '), 4000, 4000]"
}
