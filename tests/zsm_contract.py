"""The output contract (schema zsmetrics/1) as data, for the test scripts:
field types of a record and of a metric, and the allowed enum values.
Shared by tests/golden/check_contract.py and tests/cli/check.py."""

HEADER = ("source,metric,value,unit,currency,category,approx,placeholder,modality,"
          "label,line,start,end,rule,text").split(",")
RECORD = {"schema": str, "source": str, "encoding": str, "bytes": int,
          "title": (str, type(None)), "metrics": list, "warnings": list}
METRIC = {"metric": str, "value": (int, float, type(None)), "unit": (str, type(None)),
          "currency": (str, type(None)), "category": (str, type(None)),
          "approx": (str, type(None)), "placeholder": bool, "modality": str,
          "label": (str, type(None)), "text": str, "line": int, "start": int, "end": int,
          "rule": str}
KINDS = {"signed_projects", "amount", "completion_rate", "project_count", "rate"}
MODALITIES = {"actual", "target", "forecast"}
APPROX = {None, "about", "more_than", "at_least", "at_most", "range"}
CATEGORIES = {"total_investment", "contract", "funds_in_place", "investment_completed", "other"}
