"""The output contract (schema zsmetrics/1) as data, for the test scripts:
field types of a record and of a metric, and the allowed enum values.
Shared by tests/golden/check_contract.py and tests/cli/check.py."""

HEADER = ("source,metric,value,unit,currency,category,approx,placeholder,modality,"
          "label,line,start,end,rule,text,value_max,id,part_of,target,actual").split(",")
SUMMARY_HEADER = ("source,title,region,issuer,period_from,period_to,published,template,"
                  "signed_projects,contract,funds_in_place,total_investment,"
                  "investment_completed,completion_rate,checks_failed,metrics,warnings").split(",")
RECORD = {"schema": str, "source": str, "encoding": str, "bytes": int,
          "title": (str, type(None)), "metrics": list, "report": dict, "summary": dict,
          "checks": list, "warnings": list}
REPORT = {"region": (str, type(None)), "issuer": (str, type(None)),
          "period": (dict, type(None)), "published": (str, type(None)), "template": bool}
METRIC = {"metric": str, "value": (int, float, type(None)), "unit": (str, type(None)),
          "currency": (str, type(None)), "category": (str, type(None)),
          "approx": (str, type(None)), "placeholder": bool, "modality": str,
          "label": (str, type(None)), "text": str, "line": int, "start": int, "end": int,
          "rule": str, "id": int, "part_of": (int, type(None))}

def _names(kind):
    """The names of one enum, read from src/zsm_names.def (the library's own table)."""
    import os
    import re
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "zsm_names.def")
    out = set()
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*ZSMP_%s\(\w+, (NULL|\"([^\"]*)\")\)" % kind, line)
        if m:
            out.add(m.group(2))
    if not out:
        raise RuntimeError("no ZSMP_%s lines in %s" % (kind, path))
    return out


KINDS = _names("METRIC")
MODALITIES = _names("MODALITY")
APPROX = _names("APPROX")  # None for an exact figure
CATEGORIES = _names("CATEGORY")
