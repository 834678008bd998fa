# Rules files: --rules, --rules-add, --list-rules, and bad files.
# Sourced by run_cli_tests.sh (helpers and texts are defined there).
# shellcheck shell=bash disable=SC2016,SC2034

LANDED_RULES='{"rules": [{"id": "local.landed_projects", "metric": "project_count", "priority": 25,
  "pattern": "(?<label>(?:新增)?落地[^,;。]{0,8}?项目){{COUNT_LINK}}\\s?(?<value>{{NUM}})\\s?(?<unit>{{COUNT_UNIT}})"}]}'

# bad_rules OPTION FILE_CONTENT: the run is refused with status 2 before any
# input is read or any output opened; stderr names the file.  Leaves r.err.
bad_rules() {
  printf '%s\n' "$2" >bad.json
  mk a.txt "$T1"
  zs "$1" bad.json a.txt
  expect_rc 2
  expect_empty r.out "stdout"
  expect_err 'bad\.json' "name the rules file"
  run o "$1" bad.json -o o.jsonl a.txt
  if [ -s o.jsonl ]; then fail "-o file written despite the bad rules"; fi
}

case_rules_bad_json() {
  bad_rules --rules-add '{"rules": [ {"id": "local.x", '
}

case_rules_bad_json_replace() {
  bad_rules --rules '{"rules": [ {"id": "local.x", '
}

case_rules_unknown_top_level_field() {
  bad_rules --rules-add '{"rules": [], "rulez": []}'
  expect_err 'rulez' "name the unknown field"
}

case_rules_unknown_rule_field() {
  bad_rules --rules-add '{"rules": [{"id": "local.x", "metric": "amount", "pattern": "(?<value>\\d+)亿元", "prio": 3}]}'
  expect_err 'local\.x' "name the rule id"
  expect_err 'prio' "name the unknown field"
}

case_rules_bad_pattern() {
  # an unmatched ")" at byte 19 of the pattern as written
  bad_rules --rules-add '{"rules": [{"id": "local.bad_paren", "metric": "amount", "pattern": "(?<value>\\d+)亿元)"}]}'
  expect_err 'local\.bad_paren' "name the rule id"
  expect_err 'offset 19\b' "give the offset (19) in the pattern"
}

case_rules_add_valid() {
  printf '%s\n' "$LANDED_RULES" >landed.json
  mk a.txt '全年新增落地项目23个,总投资56亿元。'
  zs --rules-add landed.json a.txt
  expect_rc 0
  expect_eq "project_count metrics" \
    "$(ck metrics r.out | awk -F'\t' '$2 == "project_count"' | cut -f4,5)" \
    "$(printf '23\tlocal.landed_projects')"
  run l --rules-add landed.json --list-rules
  if ! ck rules l.out | grep -qx local.landed_projects; then
    fail "--list-rules with --rules-add does not list local.landed_projects"
  fi
  # the built-in rules are still active
  if ! ck metrics r.out | grep -q 'amount'; then fail "built-in amount rule not active with --rules-add"; fi
}

case_rules_replace() {
  cat >only.json <<'EOF'
{"description": "one rule", "version": 1,
 "rules": [{"id": "only.amount", "metric": "amount",
            "pattern": "(?<value>\\d+(?:\\.\\d+)?)(?<unit>亿元)"}]}
EOF
  mk a.txt "$T1"
  zs --rules only.json a.txt
  expect_rc 0
  expect_eq "metrics" "$(ck metrics r.out | cut -f2,4,5)" "$(printf 'amount\t35.6\tonly.amount')"
  run l --rules only.json --list-rules
  expect_eq "--list-rules ids" "$(ck rules l.out)" "only.amount"
}

case_list_rules() {
  zs --list-rules
  expect_rc 0
  local ids
  ids=$(ck rules r.out) || return
  expect_eq "duplicate ids" "$(printf '%s\n' "$ids" | sort | uniq -d)" ""
  # every rule the samples fire is listed
  run s "$SAMPLES"/*.txt
  local used missing
  used=$(ck metrics s.out | cut -f5 | sort -u)
  missing=$(comm -23 <(printf '%s\n' "$used") <(printf '%s\n' "$ids" | sort -u))
  expect_eq "rules used but not listed" "$missing" ""
}
