#!/usr/bin/env python3
"""Output readers and checks for the zsmetrics CLI tests (stdlib only).

usage: check.py COMMAND ARGS...

Each command reads zsmetrics output, checks it, and either prints a small
plain-text summary on stdout for the shell case to compare, or prints what
is wrong on stderr and exits 1.  Commands:

  records  OUT          JSON Lines: one "source<TAB>n_metrics" line a record
  pretty   OUT          --pretty output (records one after another, read
                        with JSONDecoder.raw_decode): same summary
  same     OUT_A MODE_A OUT_B MODE_B
                        the two outputs (MODE jsonl or pretty) hold equal
                        records
  same-sorted OUT_A OUT_B
                        the same records (JSON Lines), compared sorted by source
  metrics  OUT          one "source<TAB>metric<TAB>modality<TAB>value<TAB>rule"
                        line a metric
  field    OUT EXPR     prints EXPR (Python, with r = the record) per record
  contract OUT          every record and metric has the contract's fields and
                        types, metrics in input order
  spans    OUT [DIR]    every metric's input[start:end], decoded from the
                        record's encoding, equals its text, and its line is
                        the line of its span; the input is the file named by
                        source (relative to DIR), or stdin's copy in DIR/stdin
                        when source is "-"
  spans-jsonl OUT INPUT the same for --input jsonl: INPUT's "text" by "id"
  csv      OUT JSONL    OUT (--format csv) has the header row and one row a
                        metric of the JSONL run, field for field
  tsv      OUT JSONL    the same for --format tsv (\\t \\n \\r \\\\ unescaped)
  rules    OUT          --list-rules output: prints the rule ids
"""
import bisect
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from zsm_contract import HEADER, RECORD, METRIC, KINDS, MODALITIES, APPROX  # noqa: E402


class Bad(Exception):
    pass


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


def cmd_contract(path, mode="jsonl"):
    bad = [p for rec in load(path, mode) for p in contract_problems(rec)]
    if bad:
        raise Bad("; ".join(bad[:5]) + (f" (+{len(bad) - 5} more)" if len(bad) > 5 else ""))


def cmd_spans(path, base="."):
    bad, n = [], 0
    for rec in load_jsonl(path):
        src = rec.get("source")
        raw = read_bytes(os.path.join(base, "stdin") if src == "-"
                         else os.path.join(base, src))
        if rec.get("bytes") != len(raw):
            bad.append(f"{src}: bytes {rec.get('bytes')}, the input has {len(raw)}")
        for p in span_problems(rec, raw):
            bad.append(p)
        n += len(rec.get("metrics") or [])
    if bad:
        raise Bad("; ".join(bad[:4]) + (f" (+{len(bad) - 4} more)" if len(bad) > 4 else ""))
    print(n)


def cmd_spans_jsonl(path, input_path):
    texts = {}
    for line in read_bytes(input_path).decode("utf-8").splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        texts[str(o.get("id"))] = o.get("text", "")
    bad, n = [], 0
    for rec in load_jsonl(path):
        raw = texts.get(rec.get("source"), "").encode("utf-8")
        if rec.get("bytes") != len(raw):
            bad.append(f"{rec.get('source')}: bytes {rec.get('bytes')}, the text has {len(raw)}")
        bad.extend(span_problems(rec, raw))
        n += len(rec.get("metrics") or [])
    if bad:
        raise Bad("; ".join(bad[:4]))
    print(n)


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
            m["text"]]


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
        wv = w[2]
        gv = g[2]
        if wv is None:
            ok = gv == ""
        else:
            try:
                ok = float(gv) == float(wv)
            except ValueError:
                ok = False
        if not ok:
            raise Bad(f"{what}: row {i} value {gv!r}, JSON value {wv!r}")
        for k in range(len(HEADER)):
            if k != 2 and g[k] != w[k]:
                raise Bad(f"{what}: row {i} column {HEADER[k]} is {g[k]!r}, JSON has {w[k]!r}")
    print(len(got))


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


def cmd_rules(path):
    data = json.loads(read_bytes(path).decode("utf-8"))
    if not isinstance(data, list) or not data:
        raise Bad("--list-rules did not print a non-empty JSON array")
    for r in data:
        if not isinstance(r, dict) or not isinstance(r.get("id"), str):
            raise Bad(f"--list-rules: an entry without a string id: {str(r)[:100]}")
        print(r["id"])


COMMANDS = {"records": cmd_records, "pretty": lambda p: cmd_records(p, "pretty"),
            "same": cmd_same, "same-sorted": cmd_same_sorted, "metrics": cmd_metrics, "field": cmd_field,
            "contract": cmd_contract, "spans": cmd_spans, "spans-jsonl": cmd_spans_jsonl,
            "csv": cmd_csv, "tsv": cmd_tsv, "rules": cmd_rules}


def main(argv):
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    if len(argv) < 2 or argv[1] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        COMMANDS[argv[1]](*argv[2:])
    except Bad as e:
        print(e, file=sys.stderr)
        return 1
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
