#!/usr/bin/env python3
"""Output readers and checks for the zsmetrics CLI tests (stdlib only).

usage: check.py COMMAND ARGS...

Each command reads zsmetrics output OUT, checks it, and either prints a
small plain-text summary on stdout (or nothing) for the case to compare, or
prints what is wrong on stderr and exits 1.  Commands:

  records  OUT          JSON Lines: one "source<TAB>n_metrics" line a record
  sources  OUT          JSON Lines: one source a line
  values   OUT          one "source value" line a metric
  pretty   OUT          --pretty output (records one after another, read
                        with JSONDecoder.raw_decode): same summary
  same     OUT MODE OTHER MODE_OTHER
                        the two outputs (MODE jsonl or pretty) hold equal
                        records; prints nothing
  same-sorted OUT OTHER the same records (JSON Lines), compared sorted by
                        source; prints the number of records
  metrics  OUT          one "source<TAB>metric<TAB>modality<TAB>value<TAB>rule"
                        line a metric
  field    OUT EXPR     prints EXPR (Python, with r = the record) per record
  py       OUT EXPR     prints EXPR once, Python with: out (the output as
                        text), rs (its records, JSON Lines or --pretty; None
                        if it does not parse), status (the exit status, or
                        None), read(PATH), real(PATH) (the real path, relative
                        to the current folder's), SAMPLES, json, os, re, glob
  filtered OUT ALL EXPR OUT's records have the sources of ALL's (JSON Lines),
                        and OUT's metrics are exactly ALL's metrics m for
                        which EXPR (Python, with m and r) is true, of which
                        there is at least one; prints nothing
  head     OUT N        the first N lines of OUT as they are
  column   OUT NAME     the NAME column of a csv or tsv output (tsv when the
                        header holds a tab), one value a row
  contract OUT [MODE]   every record and metric has the contract's fields and
                        types, metrics in input order (MODE jsonl or pretty);
                        prints nothing
  spans    OUT [STDIN]  every metric's input[start:end], decoded from the
                        record's encoding, equals its text, and its line is
                        the line of its span; the input is the file named by
                        source, or STDIN (default: the case's stdin, or the
                        file "stdin") when source is "-"; prints nothing
  spans-jsonl OUT INPUT the same for --input jsonl: INPUT's "text" by "id"
  csv      OUT JSONL    OUT (--format csv) has the header row and one row a
                        metric of the JSONL run, field for field; prints nothing
  tsv      OUT JSONL    the same for --format tsv (\\t \\n \\r \\\\ unescaped)
  rules    OUT          --list-rules output: prints the rule ids
  rules-cover OUT RUN   --list-rules output: no id twice, and every rule the
                        JSON Lines output RUN used is listed; prints nothing

tests/cli/run_cases.py imports this module and runs the commands as the
filters of its case files (the output file is the case's stdout or a file);
it sets CONTEXT (the case's stdin file, exit status and samples folder).
"""
import bisect
import contextlib
import csv
import glob
import io
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from zsm_contract import HEADER, RECORD, METRIC, KINDS, MODALITIES, APPROX  # noqa: E402


class Bad(Exception):
    pass


# Set by run_cases.py for each case: "stdin" (the file the case's stdin came
# from), "status" (zsmetrics' exit status), "samples" (the samples folder).
CONTEXT = {}


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def load_jsonl(path):
    recs = []
    data = read_bytes(path).decode("utf-8")
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif data:
        raise Bad("output does not end with a newline")
    for i, line in enumerate(lines, 1):
        try:
            rec = json.loads(line)
        except ValueError as e:
            raise Bad(f"output line {i} is not one JSON value ({e}): {line[:120]!r}")
        if not isinstance(rec, dict):
            raise Bad(f"output line {i} is not a JSON object")
        recs.append(rec)
    return recs


def load_pretty(path):
    data = read_bytes(path).decode("utf-8")
    dec = json.JSONDecoder()
    recs, pos = [], 0
    while True:
        while pos < len(data) and data[pos] in " \t\r\n":
            pos += 1
        if pos == len(data):
            return recs
        try:
            rec, pos = dec.raw_decode(data, pos)
        except ValueError as e:
            raise Bad(f"--pretty output: record {len(recs) + 1} does not parse: {e}")
        recs.append(rec)


def load(path, mode):
    return load_pretty(path) if mode == "pretty" else load_jsonl(path)


def fmt_value(v):
    if v is None:
        return "null"
    if isinstance(v, float) and v.is_integer():
        return repr(v)
    return json.dumps(v, ensure_ascii=False)


def contract_problems(rec):
    for key, typ in RECORD.items():
        v = rec.get(key)
        if key not in rec or not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
            yield f"{rec.get('source')}: record field {key!r} missing or of the wrong type"
    if rec.get("schema") != "zsmetrics/1":
        yield f"{rec.get('source')}: schema {rec.get('schema')!r}"
    if rec.get("encoding") not in ("utf-8", "gb18030"):
        yield f"{rec.get('source')}: encoding {rec.get('encoding')!r}"
    if not all(isinstance(w, str) for w in rec.get("warnings") or []):
        yield f"{rec.get('source')}: a warning is not a string"
    last = -1
    for m in rec.get("metrics") or []:
        where = f"{rec.get('source')}: {m.get('rule')} {m.get('text')!r}"
        for key, typ in METRIC.items():
            v = m.get(key)
            if key not in m or not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
                yield f"{where}: metric field {key!r} missing or of the wrong type"
        if m.get("metric") not in KINDS:
            yield f"{where}: metric {m.get('metric')!r}"
        if m.get("modality") not in MODALITIES:
            yield f"{where}: modality {m.get('modality')!r}"
        if m.get("approx") not in APPROX:
            yield f"{where}: approx {m.get('approx')!r}"
        if (m.get("value") is None) != bool(m.get("placeholder")):
            yield f"{where}: value is null but placeholder is not true (or the reverse)"
        if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
            if not 0 <= m["start"] < m["end"]:
                yield f"{where}: span {m['start']}..{m['end']}"
            if m["start"] < last:
                yield f"{where}: metrics not in input order"
            last = m["start"]


def line_finder(raw):
    """offset -> 1-based line number (a line ends at each \\n)"""
    ends = [i for i, b in enumerate(raw) if b == 0x0A]
    return lambda offset: bisect.bisect_left(ends, offset) + 1


def span_problems(rec, raw):
    """input[start:end] decoded == text; line within the span's lines."""
    enc = "gb18030" if rec.get("encoding") == "gb18030" else "utf-8"
    line_of = line_finder(raw)
    src = rec.get("source")
    for m in rec.get("metrics") or []:
        s, e = m["start"], m["end"]
        if not 0 <= s < e <= len(raw):
            yield f"{src}: span {s}..{e} outside the {len(raw)}-byte input ({m['text']!r})"
            continue
        try:
            got = raw[s:e].decode(enc)
        except UnicodeDecodeError:
            got = raw[s:e].decode(enc, errors="backslashreplace")
        if got != m["text"]:
            yield f"{src}: input[{s}:{e}].decode({enc}) is {got!r}, text is {m['text']!r}"
            continue
        lo, hi = line_of(s), line_of(e - 1)
        if not lo <= m["line"] <= hi:
            yield f"{src}: {m['text']!r} line {m['line']}, its span is on line(s) {lo}..{hi}"


def cmd_records(path, mode="jsonl"):
    for rec in load(path, mode):
        print(f"{rec.get('source')}\t{len(rec.get('metrics') or [])}")


def cmd_sources(path):
    for rec in load_jsonl(path):
        print(rec.get("source"))


def cmd_values(path):
    for rec in load_jsonl(path):
        for m in rec.get("metrics") or []:
            print(f"{rec.get('source')} {fmt_value(m.get('value'))}")


def cmd_same(a, mode_a, b, mode_b):
    ra, rb = load(a, mode_a), load(b, mode_b)
    if len(ra) != len(rb):
        raise Bad(f"{len(ra)} records ({mode_a}) vs {len(rb)} ({mode_b})")
    for i, (x, y) in enumerate(zip(ra, rb), 1):
        if x != y:
            keys = [k for k in set(x) | set(y) if x.get(k) != y.get(k)]
            raise Bad(f"record {i} ({x.get('source')}) differs in {sorted(keys)}")


def cmd_same_sorted(a, b):
    """the same records, compared sorted by source (and then by content)"""
    key = lambda r: (str(r.get("source")), json.dumps(r, sort_keys=True))
    ra, rb = sorted(load_jsonl(a), key=key), sorted(load_jsonl(b), key=key)
    if [r.get("source") for r in ra] != [r.get("source") for r in rb]:
        sa = [r.get("source") for r in ra]
        sb = [r.get("source") for r in rb]
        raise Bad(f"sources differ: only in the first {sorted(set(sa) - set(sb))[:3]}, "
                  f"only in the second {sorted(set(sb) - set(sa))[:3]}, counts {len(sa)} vs {len(sb)}")
    for x, y in zip(ra, rb):
        if x != y:
            keys = [k for k in set(x) | set(y) if x.get(k) != y.get(k)]
            raise Bad(f"record {x.get('source')} differs in {sorted(keys)}")
    print(len(ra))


def cmd_metrics(path):
    for rec in load_jsonl(path):
        for m in rec.get("metrics") or []:
            print(f"{rec.get('source')}\t{m.get('metric')}\t{m.get('modality')}\t"
                  f"{fmt_value(m.get('value'))}\t{m.get('rule')}")


def cmd_field(path, expr):
    for r in load_jsonl(path):
        v = eval(expr, {"json": json}, {"r": r})  # noqa: S307 - test helper
        print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))


def cmd_py(path, expr):
    data = read_bytes(path)
    out = data.decode("utf-8", errors="replace")
    try:
        rs = load_pretty(path)
    except (Bad, UnicodeDecodeError):
        rs = None
    here = os.path.realpath(".")

    def read(p):
        return read_bytes(p).decode("utf-8", errors="replace")

    def real(p):
        return os.path.relpath(os.path.realpath(p), here)

    names = {"json": json, "os": os, "re": re, "glob": glob, "out": out, "rs": rs,
             "status": CONTEXT.get("status"), "read": read, "real": real,
             "SAMPLES": CONTEXT.get("samples", os.environ.get("SAMPLES", ""))}
    v = eval(expr, names)  # noqa: S307 - test helper
    print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))


def cmd_filtered(path, all_path, expr):
    """OUT (a filtered run) against ALL (the same run unfiltered)."""
    def show(item):
        src, m = item
        return (f"[{src} {m.get('metric')} {m.get('modality')} {fmt_value(m.get('value'))} "
                f"{m.get('rule')}]")
    every = load_jsonl(all_path)
    want = [(r.get("source"), m) for r in every for m in r.get("metrics") or []
            if eval(expr, {"json": json}, {"m": m, "r": r})]  # noqa: S307 - test helper
    if not want:
        raise Bad(f"no metric of {all_path} satisfies {expr}: the filter is not exercised")
    recs = load_jsonl(path)
    got = [(r.get("source"), m) for r in recs for m in r.get("metrics") or []]
    for i, (g, w) in enumerate(zip(got, want), 1):
        if g != w:
            keys = sorted(k for k in set(g[1]) | set(w[1]) if g[1].get(k) != w[1].get(k))
            raise Bad(f"metric {i} is {show(g)}, the unfiltered run's is {show(w)}"
                      f" (differing in {['source'] if g[0] != w[0] else keys})")
    if len(got) > len(want):
        raise Bad(f"{len(got)} metrics, the unfiltered run has {len(want)} that pass; "
                  f"first extra: {show(got[len(want)])}")
    if len(got) < len(want):
        raise Bad(f"{len(got)} metrics, the unfiltered run has {len(want)} that pass; "
                  f"first missing: {show(want[len(got)])}")
    sa = [r.get("source") for r in recs]
    sb = [r.get("source") for r in every]
    if sa != sb:
        raise Bad(f"record sources {sa[:3]}... differ from the unfiltered run's {sb[:3]}... "
                  f"({len(sa)} vs {len(sb)} records)")


def cmd_head(path, n):
    lines = read_bytes(path).decode("utf-8", errors="replace").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines[:int(n)]:
        print(line)


def cmd_column(path, name):
    data = read_bytes(path).decode("utf-8")
    if "\t" in data.split("\n", 1)[0]:
        if not data.endswith("\n"):
            raise Bad("tsv: output does not end with a newline")
        rows = [[tsv_unescape(f) for f in line.split("\t")] for line in data[:-1].split("\n")]
    else:
        rows = list(csv.reader(io.StringIO(data, newline=""), strict=True))
    if not rows or name not in rows[0]:
        raise Bad(f"no column {name!r} in the header {rows[0] if rows else None!r}")
    k = rows[0].index(name)
    for i, row in enumerate(rows[1:], 2):
        if len(row) != len(rows[0]):
            raise Bad(f"row {i} has {len(row)} fields, the header {len(rows[0])}")
        print(row[k])


def cmd_contract(path, mode="jsonl"):
    bad = [p for rec in load(path, mode) for p in contract_problems(rec)]
    if bad:
        raise Bad("; ".join(bad[:5]) + (f" (+{len(bad) - 5} more)" if len(bad) > 5 else ""))


def cmd_spans(path, stdin=None):
    if stdin is None:
        stdin = CONTEXT.get("stdin") or "stdin"
    bad = []
    for rec in load_jsonl(path):
        src = rec.get("source")
        raw = read_bytes(stdin if src == "-" else src)
        if rec.get("bytes") != len(raw):
            bad.append(f"{src}: bytes {rec.get('bytes')}, the input has {len(raw)}")
        for p in span_problems(rec, raw):
            bad.append(p)
    if bad:
        raise Bad("; ".join(bad[:4]) + (f" (+{len(bad) - 4} more)" if len(bad) > 4 else ""))


def cmd_spans_jsonl(path, input_path):
    texts = {}
    for line in read_bytes(input_path).decode("utf-8").splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        texts[str(o.get("id"))] = o.get("text", "")
    bad = []
    for rec in load_jsonl(path):
        if rec.get("source") not in texts:
            bad.append(f"{rec.get('source')}: no such id in {input_path}")
            continue
        raw = texts[rec.get("source")].encode("utf-8")
        if rec.get("bytes") != len(raw):
            bad.append(f"{rec.get('source')}: bytes {rec.get('bytes')}, the text has {len(raw)}")
        bad.extend(span_problems(rec, raw))
    if bad:
        raise Bad("; ".join(bad[:4]))


def expected_row(rec, m):
    def s(v):
        if v is None:
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        return str(v)
    return [rec["source"], m["metric"], m["value"], s(m["unit"]), s(m["currency"]),
            s(m["category"]), s(m["approx"]), s(m["placeholder"]), s(m["modality"]),
            s(m["label"]), str(m["line"]), str(m["start"]), str(m["end"]), s(m["rule"]),
            m["text"], m.get("value_max"), s(m.get("id")), s(m.get("part_of")),
            s(m.get("target")), s(m.get("actual"))]


NUMERIC = (2, 15)  # value, value_max: compared as numbers


def compare_rows(rows, jsonl_path, what):
    if not rows:
        raise Bad(f"{what}: no header row")
    if rows[0] != HEADER:
        raise Bad(f"{what}: header is {rows[0]!r}")
    want = [expected_row(r, m) for r in load_jsonl(jsonl_path) for m in r["metrics"]]
    got = rows[1:]
    if len(got) != len(want):
        raise Bad(f"{what}: {len(got)} rows, the JSON Lines run has {len(want)} metrics")
    for i, (g, w) in enumerate(zip(got, want), 2):
        if len(g) != len(HEADER):
            raise Bad(f"{what}: row {i} has {len(g)} fields: {g!r}")
        for k in NUMERIC:
            wv, gv = w[k], g[k]
            if wv is None:
                ok = gv == ""
            else:
                try:
                    ok = float(gv) == float(wv)
                except ValueError:
                    ok = False
            if not ok:
                raise Bad(f"{what}: row {i} {HEADER[k]} {gv!r}, JSON value {wv!r}")
        for k in range(len(HEADER)):
            if k not in NUMERIC and g[k] != w[k]:
                raise Bad(f"{what}: row {i} column {HEADER[k]} is {g[k]!r}, JSON has {w[k]!r}")


def cmd_csv(path, jsonl_path):
    data = read_bytes(path).decode("utf-8")
    rows = list(csv.reader(io.StringIO(data, newline=""), strict=True))
    compare_rows(rows, jsonl_path, "csv")


def tsv_unescape(field):
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            nxt = field[i + 1]
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def cmd_tsv(path, jsonl_path):
    data = read_bytes(path).decode("utf-8")
    if not data.endswith("\n"):
        raise Bad("tsv: output does not end with a newline")
    rows = [[tsv_unescape(f) for f in line.split("\t")] for line in data[:-1].split("\n")]
    compare_rows(rows, jsonl_path, "tsv")


def rule_ids(path):
    data = json.loads(read_bytes(path).decode("utf-8"))
    if not isinstance(data, list) or not data:
        raise Bad("--list-rules did not print a non-empty JSON array")
    for r in data:
        if not isinstance(r, dict) or not isinstance(r.get("id"), str):
            raise Bad(f"--list-rules: an entry without a string id: {str(r)[:100]}")
    return [r["id"] for r in data]


def cmd_rules(path):
    for i in rule_ids(path):
        print(i)


def cmd_rules_cover(path, run_path):
    ids = rule_ids(path)
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise Bad(f"rule ids listed more than once: {twice}")
    used = {m.get("rule") for r in load_jsonl(run_path) for m in r.get("metrics") or []}
    missing = sorted(used - set(ids), key=str)
    if missing:
        raise Bad(f"rules used in {run_path} but not listed: {missing}")


COMMANDS = {"records": cmd_records, "pretty": lambda p: cmd_records(p, "pretty"),
            "sources": cmd_sources, "values": cmd_values, "metrics": cmd_metrics,
            "field": cmd_field, "py": cmd_py, "filtered": cmd_filtered, "head": cmd_head,
            "column": cmd_column, "same": cmd_same, "same-sorted": cmd_same_sorted,
            "contract": cmd_contract, "spans": cmd_spans, "spans-jsonl": cmd_spans_jsonl,
            "csv": cmd_csv, "tsv": cmd_tsv, "rules": cmd_rules, "rules-cover": cmd_rules_cover}
# The arguments a command takes after OUT: (required, optional) - for the
# case files' parser (lambdas do not tell).
ARITY = {"records": (0, 0), "pretty": (0, 0), "sources": (0, 0), "values": (0, 0),
         "metrics": (0, 0), "field": (1, 0), "py": (1, 0), "filtered": (2, 0), "head": (1, 0),
         "column": (1, 0), "same": (3, 0), "same-sorted": (1, 0), "contract": (0, 1),
         "spans": (0, 1), "spans-jsonl": (1, 0), "csv": (1, 0), "tsv": (1, 0), "rules": (0, 0),
         "rules-cover": (1, 0)}


def run(name, path, args):
    """Runs command NAME on PATH; returns (ok, text): its output, or what is wrong."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            COMMANDS[name](path, *args)
    except Bad as e:
        return False, str(e)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError,
            NameError, SyntaxError, ZeroDivisionError) as e:
        return False, f"{type(e).__name__}: {e}"
    return True, out.getvalue()


def main(argv):
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    if len(argv) < 2 or argv[1] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    ok, text = run(argv[1], argv[2], argv[3:])
    (sys.stdout if ok else sys.stderr).write(text if ok else text + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
