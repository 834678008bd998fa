"""The Python binding gives the CLI's records, from str, bytes and files."""
import concurrent.futures
import csv
import io
import json
import os
import subprocess
import sys

import pytest

import zsmetrics
from conftest import ROOT, run_cli

TEXT = "青岚县招商引资工作总结\n今年签约项目8个,总投资5.8亿元,到位资金3亿元,完成年度任务的75%。\n"


def test_every_sample_equals_the_cli(cli, samples):
    assert len(samples) >= 20
    records = run_cli(cli, *samples)
    assert [r["source"] for r in records] == samples
    for path, want in zip(samples, records):
        assert zsmetrics.extract_file(path) == want, path


def test_str_bytes_and_gb18030_agree():
    as_str = zsmetrics.extract(TEXT, source="t")
    as_utf8 = zsmetrics.extract(TEXT.encode("utf-8"), source="t")
    as_gb = zsmetrics.extract(TEXT.encode("gb18030"), source="t")
    assert as_str == as_utf8
    assert as_gb["encoding"] == "gb18030" and as_str["encoding"] == "utf-8"
    values = [(m["metric"], m["value"], m["line"]) for m in as_str["metrics"]]
    assert values == [(m["metric"], m["value"], m["line"]) for m in as_gb["metrics"]]
    assert ("signed_projects", 8, 2) in values and ("amount", 5.8, 2) in values


def test_source_is_kept_and_empty_text_has_no_metrics():
    rec = zsmetrics.extract("", source="空.txt")
    assert rec["source"] == "空.txt" and rec["metrics"] == []


def test_rules_errors_raise_with_the_library_message(tmp_path):
    with pytest.raises(zsmetrics.Error) as missing:
        zsmetrics.Rules(str(tmp_path / "none.json"))
    assert "none.json" in str(missing.value)
    bad = tmp_path / "bad.json"
    bad.write_text('{"rules": [{"id": "x", "metric": "amount", "pattern": "(?<value>\\\\d+(亿元"}]}',
                   encoding="utf-8")
    with pytest.raises(zsmetrics.Error) as broken:
        zsmetrics.Rules(add=[str(bad)])
    assert "x" in str(broken.value) and broken.value.status != 0


def test_rules_add_changes_results(tmp_path):
    extra = tmp_path / "kzt.json"
    extra.write_text(json.dumps({"currencies": {"KZT": {"name": "坚戈", "words": ["坚戈"]}}}),
                     encoding="utf-8")
    rules = zsmetrics.Rules(add=[str(extra)])
    rec = zsmetrics.extract("引进外资项目投资额5000万坚戈。", rules=rules)
    assert [(m["value"], m["currency"]) for m in rec["metrics"]] == [(0.5, "KZT")]
    assert len(rules) == len(zsmetrics.Rules())


def test_one_rules_from_many_threads(samples):
    rules = zsmetrics.Rules()
    want = [zsmetrics.extract_file(p, rules=rules) for p in samples]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            got = list(pool.map(lambda p: zsmetrics.extract_file(p, rules=rules), samples))
            assert got == want


pd = pytest.importorskip("pandas")


def test_to_frame_has_the_csv_rows(cli, samples):
    records = [zsmetrics.extract_file(p) for p in samples]
    frame = zsmetrics.to_frame(records)
    out = subprocess.run([cli, "-q", "-j1", "--format", "csv", *samples], capture_output=True,
                         check=False)
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode("utf-8"))))
    assert list(frame.columns) == list(rows[0].keys()) == zsmetrics.CSV_COLUMNS
    assert len(frame) == len(rows) == sum(len(r["metrics"]) for r in records)
    for got, want in zip(frame.to_dict("records"), rows):
        assert got["source"] == want["source"] and got["text"] == want["text"]
        assert str(got["line"]) == want["line"] and got["metric"] == want["metric"]
        if want["value"]:
            assert float(want["value"]) == got["value"]


def test_summary_frame_is_the_cli_summary(cli, samples):
    records = [zsmetrics.extract_file(p) for p in samples]
    frame = zsmetrics.summary_frame(records)
    want = run_cli(cli, "--summary", *samples)
    assert list(frame.columns) == zsmetrics.SUMMARY_COLUMNS == list(want[0].keys())
    got = json.loads(frame.to_json(orient="records", force_ascii=False))
    for g, w in zip(got, want):
        for key in zsmetrics.SUMMARY_COLUMNS:
            assert g[key] == w[key] or (g[key] is None and w[key] is None), (w["source"], key)


def test_a_groupby_of_funds_by_region(samples):
    frame = zsmetrics.to_frame([zsmetrics.extract_file(p) for p in samples])
    summary = zsmetrics.summary_frame([zsmetrics.extract_file(p) for p in samples])
    funds = frame[(frame.metric == "amount") & (frame.category == "funds_in_place") &
                  (frame.modality == "actual") & (frame.currency == "CNY")]
    by_region = funds.merge(summary[["source", "region"]], on="source").groupby("region")["value"].sum()
    assert by_region["青岚县"] > 0


def test_frames_without_pandas_say_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="python3-pandas"):
        zsmetrics.to_frame([])
