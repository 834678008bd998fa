#!/usr/bin/env python3
"""Money expressions as other extractors' public test suites write them.

usage: run_peer.py ZSMETRICS [--report]

Runs every case of cases.tsv (see SOURCES.md: 11 peer suites, their licenses,
and how each expected value was converted to zsmetrics' conventions) through
the CLI, each input as one document after the money word 金额 (so that a
figure without a currency word, 三百万, stands in a money context, as
ANNOTATION.md requires), and negatives.tsv (texts the peer finds no money in).

A case passes when the document holds an amount with the expected value
(relative difference under 1e-6), currency, value_max and approx.  Cases the
peer itself marks out of scope (prices) are left aside.  Every case must pass
unless known_failures.tsv lists it with the reason it is out of zsmetrics'
reach; a listed case that passes is reported too, so the list stays honest.
--report prints every failure and the pass rate per suite, and exits 0.
"""
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "金额"


def read_tsv(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def known_failures():
    path = os.path.join(HERE, "known_failures.tsv")
    known = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            text, why = line.rstrip("\n").split("\t", 1)
            known[text] = why
    return known


def run(binary, texts):
    """The amounts found in each text, by index."""
    lines = "".join(json.dumps({"id": str(i), "text": PREFIX + t}, ensure_ascii=False) + "\n"
                    for i, t in enumerate(texts))
    out = subprocess.run([binary, "--input", "jsonl", "-q"], input=lines.encode("utf-8"),
                         capture_output=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit("zsmetrics failed (%d): %s" % (out.returncode, out.stderr.decode()))
    found = {}
    for line in out.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        found[int(rec["source"])] = [m for m in rec["metrics"] if m["metric"] == "amount"]
    return found


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-300)


def number(field):
    return float(field) if field.strip() else None


def matches(case, m):
    return (close(m.get("value"), number(case["expected_value_yi"]))
            and close(m.get("value_max"), number(case["expected_value_max_yi"]))
            and m.get("currency") == case["expected_currency"]
            and (m.get("approx") or "") == case["expected_approx"])


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary, report = sys.argv[1], "--report" in sys.argv[2:]
    cases = [c for c in read_tsv("cases.tsv") if "out-of-scope" not in c["note"]]
    negatives = read_tsv("negatives.tsv")
    known = known_failures()
    texts = sorted({c["input"] for c in cases} | {n["input"] for n in negatives})
    index = {t: i for i, t in enumerate(texts)}
    found = run(binary, texts)

    per_suite, failures, fixed = {}, [], []
    for c in cases:
        ok = any(matches(c, m) for m in found.get(index[c["input"]], []))
        tally = per_suite.setdefault(c["source_repo"], [0, 0])
        tally[0] += ok
        tally[1] += 1
        got = [(m["value"], m.get("value_max"), m["currency"], m.get("approx"))
               for m in found.get(index[c["input"]], [])]
        want = (c["expected_value_yi"], c["expected_value_max_yi"], c["expected_currency"],
                c["expected_approx"])
        if not ok and c["input"] not in known:
            failures.append("FAIL %s: %r: want %s, got %s" % (c["source_repo"], c["input"], want, got))
        if ok and c["input"] in known and all(
                any(matches(d, m) for m in found.get(index[d["input"]], []))
                for d in cases if d["input"] == c["input"]):
            fixed.append(c["input"])
    for n in negatives:
        got = found.get(index[n["input"]], [])
        if got and n["input"] not in known:
            failures.append("FAIL negative %r: got %s" % (n["input"], [m["text"] for m in got]))

    total = sum(t[1] for t in per_suite.values())
    passed = sum(t[0] for t in per_suite.values())
    for suite, (ok, n) in sorted(per_suite.items()):
        print("%-34s %3d/%3d" % (suite, ok, n))
    print("all suites %d/%d (%.1f%%); %d listed in known_failures.tsv"
          % (passed, total, 100.0 * passed / total, len(known)))
    for line in failures:
        print(line)
    for text in sorted(set(fixed)):
        print("PASSES NOW, drop it from known_failures.tsv: %r" % text)
    if report:
        return 0
    return 1 if failures or fixed else 0


if __name__ == "__main__":
    sys.exit(main())
