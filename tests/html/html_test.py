#!/usr/bin/env python3
"""The review page (--format html) in a real browser: Chromium headless.

usage: html_test.py ZSMETRICS SAMPLES_DIR OUT_DIR

  - the page of the samples, as Chromium builds its DOM (--dump-dom): one
    summary row per report, and every metric of every report one <mark> with
    its id, metric, value, modality and category, around the metric's text;
  - the summary sorts and filters (#sort=-metrics, #filter=… on the address);
  - a report holding HTML and script shows it as text and runs none of it;
  - a screenshot of the samples page, kept as OUT_DIR/review-samples.png.
Exit 77 (skipped) when no Chromium is installed (Debian: chromium).
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL " + what)


def browser():
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    print("skip: no Chromium (Debian: apt-get install chromium)")
    sys.exit(77)


def chromium(page, *args, fragment=""):
    cmd = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--user-data-dir=" + tempfile.mkdtemp(prefix="zsm-chromium-"), *args,
           "file://" + os.path.abspath(page) + fragment]
    out = subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    return out.stdout.decode("utf-8", "replace")


class Dom(html.parser.HTMLParser):
    """The parts of the page the tests read: rows, marks (with their text),
    and every element's tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.marks, self.tags, self.section = [], [], [], None
        self.open_marks = []
        self.hidden_rows = 0
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "tr" and "data-source" in a:
            self.rows.append(a["data-source"])
            self.hidden_rows += "hidden" in a
        elif tag == "section":
            self.section = a.get("data-source")
        elif tag == "mark" and "data-id" in a:
            a["section"], a["text"] = self.section, ""
            self.marks.append(a)
            self.open_marks.append(a)
        elif tag == "mark":
            self.open_marks.append(None)
        elif tag == "title":
            self.in_title = True

    def handle_endtag(self, tag):
        if tag == "mark" and self.open_marks:
            self.open_marks.pop()
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        for m in self.open_marks:
            if m is not None:
                m["text"] += data
        if self.in_title:
            self.title += data


def parse(text):
    dom = Dom()
    dom.feed(text)
    return dom


def same_number(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    cli, samples, out_dir = sys.argv[1:]
    browser()
    work = tempfile.mkdtemp(prefix="zsm-html-")
    page = os.path.join(work, "review.html")
    with open(page, "wb") as f:
        subprocess.run([cli, "-q", "--format", "html", samples], stdout=f, check=False)
    records = [json.loads(line) for line in subprocess.run(
        [cli, "-q", samples], capture_output=True, check=False).stdout.decode().splitlines()]

    dom = parse(chromium(page, "--dump-dom"))
    check(dom.rows == [r["source"] for r in records],
          "the summary has one row per report, in order (%d rows, %d reports)"
          % (len(dom.rows), len(records)))
    by_source = {}
    for m in dom.marks:
        by_source.setdefault(m["section"], []).append(m)
    for r in records:
        marks = {int(m["data-id"]): m for m in by_source.get(r["source"], [])}
        check(len(marks) == len(by_source.get(r["source"], [])) == len(r["metrics"]),
              "%s: %d marks for %d metrics" % (r["source"], len(marks), len(r["metrics"])))
        for metric in r["metrics"]:
            m = marks.get(metric["id"])
            if m is None:
                check(False, "%s: metric %d has no mark" % (r["source"], metric["id"]))
                continue
            value = None if m["data-value"] == "null" else float(m["data-value"])
            ok = (m["data-metric"] == metric["metric"] and same_number(value, metric["value"])
                  and m["data-modality"] == metric["modality"]
                  and m.get("data-category") == metric.get("category")
                  and m["text"] == metric["text"].replace("\r\n", "\n").replace("\r", "\n"))
            check(ok, "%s: metric %d: mark %r, metric %r" % (r["source"], metric["id"],
                  {k: m.get(k) for k in ("data-metric", "data-value", "data-modality",
                                         "data-category", "text")},
                  {k: metric.get(k) for k in ("metric", "value", "modality", "category", "text")}))

    # Sorting and filtering, as a link opens them.
    most = max(records, key=lambda r: len(r["metrics"]))
    sorted_dom = parse(chromium(page, "--dump-dom", fragment="#sort=-metrics"))
    check(sorted_dom.rows and sorted_dom.rows[0] == most["source"],
          "#sort=-metrics puts the report with most metrics first (%s, not %s)"
          % (most["source"], sorted_dom.rows[:1]))
    region = next(r["report"]["region"] for r in records if r["report"]["region"])
    want_shown = sum(1 for r in records if region in (r["report"]["region"] or "") or
                     region in r["source"])
    filtered = parse(chromium(page, "--dump-dom", fragment="#filter=" + region))
    check(len(filtered.rows) - filtered.hidden_rows == want_shown,
          "#filter=%s leaves %d rows shown, not %d"
          % (region, len(filtered.rows) - filtered.hidden_rows, want_shown))

    # A report holding HTML and script: shown as text, none of it run.
    hostile = os.path.join(work, "hostile")
    os.mkdir(hostile)
    with open(os.path.join(hostile, "a.txt"), "w", encoding="utf-8") as f:
        f.write('<script>document.title="pwned"</script>招商引资工作总结\n'
                '签约项目12个,<img src=x onerror="document.title=\'pwned\'">总投资5亿元。'
                '<b>粗体</b>&amp;</div></pre></section>\n')
    hostile_page = os.path.join(work, "hostile.html")
    with open(hostile_page, "wb") as f:
        subprocess.run([cli, "-q", "--format", "html", hostile], stdout=f, check=False)
    inert = parse(chromium(hostile_page, "--dump-dom"))
    check(inert.tags.count("script") == 1 and "img" not in inert.tags and "b" not in inert.tags,
          "a report's <script>, <img> and <b> became elements: %s"
          % sorted(set(inert.tags) & {"img", "b"}))
    check(inert.title == "zsmetrics review", "the page title changed to %r" % inert.title)
    check(len(inert.marks) == 2, "%d marks in the hostile report, not 2" % len(inert.marks))

    # The screenshot, kept for a person to look at.
    os.makedirs(out_dir, exist_ok=True)
    shot = os.path.join(out_dir, "review-samples.png")
    chromium(page, "--window-size=1280,1600", "--screenshot=" + shot)
    check(os.path.exists(shot) and os.path.getsize(shot) > 10000,
          "no screenshot at %s" % shot)

    print("%d passed, %d failed" % (passed, failed))
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
