#!/usr/bin/env python3
"""Checks zsmetrics records against the output contract (schema zsmetrics/1).

usage: check_contract.py ZSMETRICS FILE...

Runs zsmetrics over the files, then checks every record: the fields and
their types, one record per file in input order, metrics in input order,
and that each metric's span points at its text in the input as read
(input[start:end] decoded from the record's encoding == text, line ==
the line of the figure's first character's span).  Ends with
"N passed, N failed".
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from zsm_contract import RECORD, METRIC, KINDS, MODALITIES, APPROX, CATEGORIES  # noqa: E402


def problems(rec, raw):
    for key, typ in RECORD.items():
        if not isinstance(rec.get(key), typ):
            yield f"record field {key!r} missing or of the wrong type"
    if rec.get("schema") != "zsmetrics/1":
        yield "schema is not zsmetrics/1"
    if rec.get("encoding") not in ("utf-8", "gb18030"):
        yield f"encoding {rec.get('encoding')!r}"
    if rec.get("bytes") != len(raw):
        yield f"bytes {rec.get('bytes')} but the file has {len(raw)}"
    text = raw.decode("gb18030" if rec["encoding"] == "gb18030" else "utf-8", errors="replace")
    last = -1
    for m in rec.get("metrics", []):
        for key, typ in METRIC.items():
            if not isinstance(m.get(key), typ) or (typ is int and isinstance(m.get(key), bool)):
                yield f"metric field {key!r} missing or of the wrong type in {m}"
        if m["metric"] not in KINDS or m["modality"] not in MODALITIES:
            yield f"bad metric or modality in {m}"
        if m["approx"] not in APPROX:
            yield f"bad approx in {m}"
        if m["metric"] == "amount" and (m["currency"] is None or m["category"] not in CATEGORIES
                                        or not m["unit"].startswith("亿")):
            yield f"amount without currency, unit or a known category: {m}"
        if (m["value"] is None) != m["placeholder"]:
            yield f"value null exactly when placeholder: {m}"
        if m["approx"] == "range" and not isinstance(m.get("value_max"), (int, float)):
            yield f"range without value_max: {m}"
        if not 0 <= m["start"] <= m["end"] <= len(raw):
            yield f"span out of the input: {m}"
            continue
        if m["start"] < last:
            yield f"metrics out of input order at {m['start']}"
        last = m["start"]
        got = raw[m["start"]:m["end"]].decode(
            "gb18030" if rec["encoding"] == "gb18030" else "utf-8", errors="replace")
        if got != m["text"]:
            yield f"input[start:end] is {got!r}, text is {m['text']!r}"
        first_line = raw[:m["start"]].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        if m["line"] < first_line:
            yield f"line {m['line']} before the span's line {first_line}: {m}"
        if "\n" not in m["text"] and "\r" not in m["text"] and m["line"] != first_line:
            yield f"line {m['line']} but the span is on line {first_line}: {m}"
    del text


def main():
    binary, files = sys.argv[1], sys.argv[2:]
    out = subprocess.run([binary, "-j2", *files], capture_output=True)
    if out.returncode not in (0, 1):
        print(f"FAIL zsmetrics exited {out.returncode}: {out.stderr.decode(errors='replace')}")
        print("0 passed, 1 failed")
        return 1
    lines = out.stdout.decode("utf-8").splitlines()
    passed = failed = 0
    if len(lines) != len(files):
        print(f"FAIL {len(lines)} records for {len(files)} files")
        failed += 1
    for path, line in zip(files, lines):
        rec = json.loads(line)
        if rec.get("source") != path:
            print(f"FAIL record for {rec.get('source')!r} where {path!r} was expected (order)")
            failed += 1
            continue
        raw = open(path, "rb").read()
        found = list(problems(rec, raw))
        for p in found:
            print(f"FAIL {path}: {p}")
        failed += bool(found)
        passed += not found
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
