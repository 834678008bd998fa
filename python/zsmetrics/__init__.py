"""zsmetrics: investment-promotion figures from Chinese reports, in Python.

A thin ctypes layer over the C library (libzsmetrics.so): the records are the
CLI's JSON records, as dicts.

    import zsmetrics
    rec = zsmetrics.extract("今年签约项目8个,总投资5.8亿元。")
    rec["metrics"][1]["value"]            # 5.8
    rules = zsmetrics.Rules(add=["my-rules.json"])   # compile once, use from many threads
    recs = [zsmetrics.extract_file(p, rules=rules) for p in paths]
    zsmetrics.to_frame(recs)              # one row per metric (pandas)
    zsmetrics.summary_frame(recs)         # one row per report
"""
import ctypes
import json
import os
import threading

from ._lib import ZsmError, lib

__all__ = ["Error", "Rules", "extract", "extract_file", "to_frame", "summary_frame",
           "CSV_COLUMNS", "SUMMARY_COLUMNS", "version"]

ZSM_NEWLINE = 1 << 3

CSV_COLUMNS = lib.zsm_csv_header().decode("utf-8").split(",")
SUMMARY_KEYS = ["signed_projects", "contract", "funds_in_place", "total_investment",
                "investment_completed", "completion_rate"]
SUMMARY_COLUMNS = (["source", "title", "region", "issuer", "period_from", "period_to", "published",
                    "template"] + SUMMARY_KEYS + ["checks_failed", "metrics", "warnings"])


class Error(Exception):
    """A failure the library reports, worded as the CLI words it
    ("my.json: rule local.bad: offset 12: missing closing parenthesis"),
    with its parts: status (zsm_status), file, rule, offset (-1 if none)."""

    def __init__(self, message, status=0, file="", rule="", offset=-1):
        super().__init__(message)
        self.status, self.file, self.rule, self.offset = status, file, rule, offset


def version():
    return lib.zsm_version().decode("utf-8")


def _fail(status, err=None):
    if err is None or not err.message:
        raise Error(lib.zsm_strerror(status).decode("utf-8"), status)
    file, rule = err.file.decode("utf-8", "replace"), err.rule.decode("utf-8", "replace")
    message = err.message.decode("utf-8", "replace")
    parts = [file] if file else []
    if rule:
        parts.append(rule if rule.startswith("lexicon ") else "rule " + rule)
    if err.offset >= 0 and rule:
        parts.append("offset %d" % err.offset)
    parts.append(message)
    raise Error(": ".join(parts), status, file, rule, err.offset)


class Rules:
    """A compiled rule set: the built-in rules, or a rules file (path), plus
    files that add to them (add).  Compile once; extract() may use one Rules
    from several threads at once."""

    def __init__(self, path=None, add=()):
        err = ZsmError()
        if path is None:
            handle = lib.zsm_rules_default(ctypes.byref(err))
        else:
            handle = lib.zsm_rules_load(os.fsencode(path), ctypes.byref(err))
        if not handle:
            _fail(err.status, err)
        self._handle = handle
        for extra in add:
            st = lib.zsm_rules_add_file(handle, os.fsencode(extra), ctypes.byref(err))
            if st:
                self.close()
                _fail(st, err)

    def __len__(self):
        return lib.zsm_rules_count(self._handle)

    def close(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            lib.zsm_rules_free(handle)

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_default = None
_default_lock = threading.Lock()


def _rules(rules):
    global _default
    if rules is not None:
        return rules
    with _default_lock:
        if _default is None:
            _default = Rules()
        return _default


def extract(text, source="-", rules=None):
    """The record of one document: text as str (UTF-8) or bytes (UTF-8 or
    GB18030, as the CLI reads them)."""
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    r = _rules(rules)
    doc = ctypes.c_void_p()
    st = lib.zsm_extract(r._handle, data, len(data), source.encode("utf-8", "surrogateescape"),
                         ctypes.byref(doc))
    if st:
        _fail(st)
    try:
        raw = lib.zsm_doc_to_json(doc, 0)
        if not raw:
            _fail(1)
        try:
            return json.loads(ctypes.string_at(raw).decode("utf-8"))
        finally:
            lib.zsm_free(raw)
    finally:
        lib.zsm_doc_free(doc)


def extract_file(path, rules=None):
    """The record of one file, its source written as the path given (as the CLI does)."""
    with open(path, "rb") as f:
        data = f.read()
    return extract(data, source=os.fsdecode(path), rules=rules)


def _pandas():
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("zsmetrics.to_frame and summary_frame need pandas "
                          "(Debian: apt-get install python3-pandas)") from exc
    return pandas


def _csv_row(record, m):
    row = dict((c, m.get(c)) for c in CSV_COLUMNS)
    row["source"] = record.get("source")
    return row


def to_frame(records):
    """A DataFrame with one row per metric, the CSV columns (zsmetrics --format csv)."""
    pd = _pandas()
    rows = [_csv_row(r, m) for r in records for m in r.get("metrics", [])]
    return pd.DataFrame(rows, columns=CSV_COLUMNS)


def _headline(h):
    if h is None:
        return None
    cur = h.get("currency")
    if cur and cur != "CNY" and h.get("value") is not None:
        return "%s %s" % (repr(h["value"]) if not float(h["value"]).is_integer()
                          else int(h["value"]), cur)
    return h.get("value")


def _summary_row(r):
    rep = r.get("report") or {}
    period = rep.get("period") or {}
    summary = r.get("summary") or {}
    row = {"source": r.get("source"), "title": r.get("title"), "region": rep.get("region"),
           "issuer": rep.get("issuer"), "period_from": period.get("from"),
           "period_to": period.get("to"), "published": rep.get("published"),
           "template": rep.get("template")}
    for key in SUMMARY_KEYS:
        row[key] = _headline(summary.get(key))
    row["checks_failed"] = sum(1 for c in r.get("checks", []) if not c.get("ok"))
    row["metrics"] = len(r.get("metrics", []))
    row["warnings"] = len(r.get("warnings", []))
    return row


def summary_frame(records):
    """A DataFrame with one row per report: the columns of zsmetrics --summary."""
    pd = _pandas()
    return pd.DataFrame([_summary_row(r) for r in records], columns=SUMMARY_COLUMNS)
