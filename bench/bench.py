#!/usr/bin/env python3
"""The measurements of bench/run.sh; prints a Markdown report on stdout.

    bench.py --bin ZSM --corpus DIR --singles DIR --label 1G [--rounds 3]

Progress goes to stderr.  Python 3 standard library only.  Throughputs are in
MB/s with MB = 10^6 bytes; sizes given as 1G, 100M, 10K are binary (GiB, MiB, KiB).
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RG_PATTERN = "[个项元亿万%]"
STAGES = ["zsmp_decode", "zsmp_lines_index", "zsmp_normalize", "zsmp_lookup_init", "zsmp_tokenize",
          "zsmp_match_sentences", "zsmp_resolve", "zsmp_context", "zsmp_table", "zsmp_report_currency",
          "zsmp_report", "zsmp_relate", "zsmp_check", "zsm_doc_to_json", "zsm_doc_to_json_into"]
STARTUP = ["zsm_rules_default", "zsm_rules_load", "build_fold_table"]
OTHER = ["zsm_extract", "render_record", "zsmp_lexicon_search", "zsmp_periods_scan", "zsm_numeral_parse",
         "pcre2_jit_match_8", "pcre2_match_8", "read_whole", "write_ready", "zsm_doc_free"]


def log(msg):
    sys.stderr.write("[bench %s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stderr.flush()


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[:3]


def fmt_bytes(n):
    for unit, k in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= k:
            return "%.1f %s" % (n / k, unit)
    return "%d B" % n


def run(cmd, stdin=None, timed_rss=False, tmp=None):
    """Run cmd (a list) with stdout to /dev/null; return dict(wall, user, sys, rss_kb, rc)."""
    rss_file = None
    if timed_rss:
        rss_file = os.path.join(tmp, "time.txt")
        cmd = ["/usr/bin/time", "-v", "-o", rss_file] + cmd
    with open(os.devnull, "wb") as devnull:
        fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=fin, stdout=devnull, stderr=subprocess.PIPE)
        err = p.communicate()[1]
        wall = time.perf_counter() - t0
        if stdin:
            fin.close()
    res = {"wall": wall, "rc": p.returncode, "user": None, "sys": None, "rss_kb": None}
    if rss_file:
        txt = open(rss_file).read()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", txt)
        res["rss_kb"] = int(m.group(1)) if m else None
        m = re.search(r"User time \(seconds\): ([\d.]+)", txt)
        res["user"] = float(m.group(1)) if m else None
        m = re.search(r"System time \(seconds\): ([\d.]+)", txt)
        res["sys"] = float(m.group(1)) if m else None
        m = re.search(r"Exit status: (\d+)", txt)
        if m:
            res["rc"] = int(m.group(1))
    if res["rc"] not in (0, 1):
        raise SystemExit("command failed (%s): %s\n%s" % (res["rc"], " ".join(cmd), err.decode(errors="replace")))
    return res


def list_files(corpus):
    files = []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if f.endswith(".txt") and not f.startswith("."):
                files.append(os.path.join(dirpath, f))
    return files


def write_list(path, files, nul=False):
    with open(path, "wb") as f:
        sep = b"\0" if nul else b"\n"
        for p in files:
            f.write(os.fsencode(p) + sep)


def subset(files, nbytes):
    out, total = [], 0
    for p in files:
        if total >= nbytes:
            break
        out.append(p)
        total += os.path.getsize(p)
    return out, total


def med(xs):
    return statistics.median(xs)


def mbps(nbytes, secs):
    return nbytes / secs / 1e6 if secs > 0 else float("inf")


# ---------------------------------------------------------------- phases

def phase_throughput(a, files, total, tmp):
    nul_list = os.path.join(tmp, "files.nul")
    write_list(nul_list, files, nul=True)
    log("warm-up: reading %d files (%s) into the page cache" % (len(files), fmt_bytes(total)))
    run(["xargs", "-0", "cat"], stdin=nul_list)
    run(["xargs", "-0", "cat"], stdin=nul_list)
    cmds = [
        ("cat", ["xargs", "-0", "cat"], nul_list, False),
        ("rg", ["rg", "-c", "--no-ignore", "--hidden", RG_PATTERN, a.corpus], None, False),
        ("rg -j1", ["rg", "-j1", "-c", "--no-ignore", "--hidden", RG_PATTERN, a.corpus], None, False),
        ("zsmetrics -j1", [a.bin, "-j1", "-q", a.corpus], None, True),
        ("zsmetrics -j2", [a.bin, "-j2", "-q", a.corpus], None, True),
    ]
    results = {name: [] for name, *_ in cmds}
    for rnd in range(1, a.rounds + 1):
        for name, cmd, stdin, rss in cmds:
            r = run(cmd, stdin=stdin, timed_rss=rss, tmp=tmp)
            results[name].append(r)
            log("round %d/%d %-14s %7.2f s  %8.1f MB/s%s" % (rnd, a.rounds, name, r["wall"], mbps(total, r["wall"]),
                                                             "  RSS %.1f MB" % (r["rss_kb"] / 1024)
                                                             if r["rss_kb"] else ""))
    return results


def phase_startup(a, tmp):
    empty = os.path.join(tmp, "empty.list")
    open(empty, "w").close()
    ts = [run([a.bin, "-j1", "-q", "--files-from", empty])["wall"] for _ in range(15)]
    return med(ts)


def phase_sizes(a, tmp, startup):
    out = []
    for label in a.single_sizes.split(","):
        path = os.path.join(a.singles, "single-%s.txt" % label)
        size = os.path.getsize(path)
        k = max(1, int(round(10 * (1 << 20) / size)))
        lst = os.path.join(tmp, "single-%s.list" % label)
        write_list(lst, [path] * k)
        run(["cat", path])
        ts = []
        rss = 0
        for _ in range(3):
            r = run([a.bin, "-j1", "-q", "--files-from", lst], timed_rss=True, tmp=tmp)
            ts.append(r["wall"])
            rss = max(rss, r["rss_kb"] or 0)
        t = med(ts)
        per_doc = max(t - startup, 1e-9) / k
        out.append({"label": label, "size": size, "k": k, "wall": t, "per_doc": per_doc,
                    "ns_per_byte": per_doc / size * 1e9, "mbps": size / per_doc / 1e6, "rss_kb": rss})
        log("size %-5s %9d B x %5d: %.3f s  per doc %.3f ms  %.1f MB/s" % (label, size, k, t, per_doc * 1e3,
                                                                        size / per_doc / 1e6))
    # instructions per byte (deterministic, load-independent) for the larger sizes
    for s in out:
        if s["label"] not in a.cg_singles.split(","):
            continue
        path = os.path.join(a.singles, "single-%s.txt" % s["label"])
        cgo = os.path.join(tmp, "cg-single.out")
        t0 = time.perf_counter()
        subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + cgo, a.bin, "-j1", "-q", path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        total, incl, _ = parse_callgrind(cgo)
        fixed = sum(incl.get(f, 0) for f in STARTUP)
        s["ir_per_byte"] = (total - fixed) / s["size"]
        log("callgrind single-%s: %.1f Ir/byte (%.1f s)" % (s["label"], s["ir_per_byte"], time.perf_counter() - t0))
    return out


def rules_file(src, times, path):
    with open(src, encoding="utf-8") as f:
        d = json.load(f)
    base = d["rules"]
    rules = list(base)
    for i in range(1, times):
        for r in base:
            c = dict(r)
            c["id"] = "%s.dup%d" % (r["id"], i)
            rules.append(c)
    d["rules"] = rules
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False)
    return len(rules)


def embedded_rules(binary, tmp):
    """The rules file embedded in the binary (cmake/Embed.cmake: a static array
    `bytes`), written to tmp; else rules/default.json if the binary reads it as its
    own built-in rules.  The binary measured may predate the working tree's rules."""
    want = subprocess.run([binary, "--list-rules"], stdout=subprocess.PIPE, check=True).stdout
    cands = []
    try:
        nm = subprocess.run(["nm", "-S", binary], stdout=subprocess.PIPE, text=True, check=True).stdout
        secs = subprocess.run(["readelf", "-SW", binary], stdout=subprocess.PIPE, text=True, check=True).stdout
        sections = []
        for m in re.finditer(r"\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", secs):
            sections.append((int(m.group(2), 16), int(m.group(3), 16), int(m.group(4), 16)))
        with open(binary, "rb") as f:
            blob = f.read()
        for line in nm.splitlines():
            p = line.split()
            if len(p) == 4 and p[3] == "bytes" and p[2] in "rR":
                addr, size = int(p[0], 16), int(p[1], 16)
                for sa, so, ss in sections:
                    if sa <= addr < sa + ss and sa:
                        cands.append(blob[addr - sa + so:addr - sa + so + size].rstrip(b"\0"))
    except (OSError, subprocess.CalledProcessError):
        pass
    with open(os.path.join(ROOT, "rules", "default.json"), "rb") as f:
        cands.append(f.read())
    for i, data in enumerate(cands):
        try:
            d = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            continue
        if not isinstance(d, dict) or "rules" not in d:
            continue
        path = os.path.join(tmp, "rules-embedded.json")
        with open(path, "wb") as f:
            f.write(data)
        got = subprocess.run([binary, "--rules", path, "--list-rules"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout
        if got == want:
            return path, ("the rules embedded in the binary" if i < len(cands) - 1 else "rules/default.json")
    raise SystemExit("cannot find a rules file equal to the binary's built-in rules")


def phase_rules(a, files, tmp):
    sub, nbytes = subset(files, a.rule_mb * (1 << 20))
    lst = os.path.join(tmp, "rules-subset.list")
    write_list(lst, sub)
    src, a.rules_source = embedded_rules(a.bin, tmp)
    log("rule-count scaling from %s" % a.rules_source)
    variants = []
    for times in (1, 2, 4):
        p = os.path.join(tmp, "rules-x%d.json" % times)
        n = rules_file(src, times, p)
        variants.append((times, n, p))
    res = {t: [] for t, _, _ in variants}
    for rnd in range(a.rule_rounds):
        for times, n, p in variants:
            r = run([a.bin, "-j1", "-q", "--rules", p, "--files-from", lst])
            res[times].append(r["wall"])
            log("rules x%d (%d rules) round %d: %.2f s  %.1f MB/s" % (times, n, rnd + 1, r["wall"],
                                                                    mbps(nbytes, r["wall"])))
    out = []
    for times, n, p in variants:
        t = med(res[times])
        out.append({"times": times, "rules": n, "wall": t, "mbps": mbps(nbytes, t), "all": res[times]})
    return out, len(sub), nbytes


def parse_callgrind(path):
    """Inclusive and exclusive Ir per function name from callgrind_annotate."""
    def annotate(inclusive):
        cmd = ["callgrind_annotate", "--threshold=100", "--auto=no"]
        if inclusive:
            cmd.append("--inclusive=yes")
        # run outside the source tree: callgrind_annotate shortens paths under its cwd
        return subprocess.run(cmd + [os.path.abspath(path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, cwd="/").stdout

    line_re = re.compile(r"^\s*([\d,]+)\s+\([\s\d.]+%\)\s+(.*?)\s*(?:\[(.*)\])?\s*$")
    total = None
    incl, excl = {}, []
    for inclusive in (True, False):
        for line in annotate(inclusive).splitlines():
            m = line_re.match(line)
            if not m:
                continue
            ir = int(m.group(1).replace(",", ""))
            where = m.group(2)
            if where == "PROGRAM TOTALS":
                total = ir
                continue
            fn = where.rsplit(":", 1)[-1] if ":" in where else where
            if inclusive:
                if "'" not in fn:  # skip recursion cycles (fn'2)
                    incl[fn] = max(incl.get(fn, 0), ir)
            else:
                obj = os.path.basename(m.group(3) or "")
                if not obj and (where.startswith(ROOT) or where.startswith("./")):
                    obj = "zsmetrics"  # code inlined from a header of the project
                excl.append((ir, fn, obj))
    return total, incl, excl


def phase_callgrind(a, files, tmp):
    sub, nbytes = subset(files, int(a.cg_mb * (1 << 20)))
    lst = os.path.join(tmp, "cg.list")
    write_list(lst, sub)
    out = os.path.join(tmp, "callgrind.out")
    log("callgrind over %d files (%s)" % (len(sub), fmt_bytes(nbytes)))
    t0 = time.perf_counter()
    subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, a.bin, "-j1", "-q",
                    "--files-from", lst], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    log("callgrind took %.1f s" % (time.perf_counter() - t0))
    # keep a copy beside the results for callgrind_annotate / kcachegrind
    keep = os.path.join(a.keep_dir, "callgrind.out.%s" % a.label)
    shutil.copy(out, keep)
    total, incl, excl = parse_callgrind(out)
    # exclusive cost: JIT code has no symbol (???:0x... [???]); group it
    groups = {}
    for ir, fn, obj in excl:
        if obj == "???" or (fn.startswith("0x") and obj.startswith("libpcre2")):
            key = "PCRE2 JIT-compiled code" if obj == "???" else "%s (internal)" % obj
        elif fn.startswith("0x"):
            key = "%s (internal)" % obj
        elif obj.startswith("libc.so") and fn in ("malloc", "free", "_int_malloc", "_int_free", "malloc_consolidate",
                                                   "realloc", "_int_realloc", "calloc", "unlink_chunk.constprop.0"):
            key = "libc malloc/free"
        else:
            key = "%s [%s]" % (fn.replace("'2", ""), obj)
        groups[key] = groups.get(key, 0) + ir
    top = sorted(groups.items(), key=lambda kv: -kv[1])[:12]
    return {"files": len(sub), "bytes": nbytes, "total": total, "incl": incl, "top_self": top, "keep": keep}


def machine():
    info = {}
    info["nproc"] = subprocess.run(["nproc"], stdout=subprocess.PIPE, text=True).stdout.strip()
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["cpu"] = cpu
    mem = "?"
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = "%.1f GiB" % (int(line.split()[1]) / (1 << 20))
    info["mem"] = mem
    info["kernel"] = platform.release()
    return info


def tool_version(cmd):
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return "?"


def git_info():
    def g(*args):
        return subprocess.run(["git", "-C", ROOT] + list(args), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True).stdout.rstrip()  # porcelain lines open with a space
    commit = g("rev-parse", "--short=12", "HEAD")
    subject = g("log", "-1", "--format=%s")
    dirty = g("status", "--porcelain", "--untracked-files=no", "--", "src", "include", "rules", "CMakeLists.txt",
              "cmake")
    return commit, subject, dirty


# ---------------------------------------------------------------- report

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--singles", required=True)
    ap.add_argument("--single-sizes", default="1K,10K,100K,1M,10M")
    ap.add_argument("--label", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rule-mb", type=int, default=100)
    ap.add_argument("--rule-rounds", type=int, default=2)
    ap.add_argument("--cg-mb", type=float, default=2)
    ap.add_argument("--cg-singles", default="100K,1M,10M", help="single documents to count instructions of")
    ap.add_argument("--keep-dir", default=HERE)
    ap.add_argument("--binary-from", default=None, help="where the binary was copied from (for the report)")
    ap.add_argument("--command", default=None, help="the command line to print in the report")
    a = ap.parse_args()

    t_start = time.time()
    load_start = loadavg()
    tmp = tempfile.mkdtemp(prefix="zsm-bench-")
    try:
        files = list_files(a.corpus)
        total = sum(os.path.getsize(p) for p in files)
        log("corpus %s: %d files, %d bytes" % (a.corpus, len(files), total))
        thr = phase_throughput(a, files, total, tmp)
        load_mid = loadavg()
        startup = phase_startup(a, tmp)
        log("start-up (no input): %.1f ms" % (startup * 1e3))
        sizes = phase_sizes(a, tmp, startup)
        rules, rule_files, rule_bytes = phase_rules(a, files, tmp)
        cg = phase_callgrind(a, files, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    load_end = loadavg()
    elapsed = time.time() - t_start

    P = print
    mi = machine()
    commit, subject, dirty = git_info()
    version = tool_version([a.bin, "--version"])

    def stat(name):
        ws = [r["wall"] for r in thr[name]]
        return med(ws), min(ws), max(ws)

    j1 = stat("zsmetrics -j1")
    j2 = stat("zsmetrics -j2")
    rss1 = max(r["rss_kb"] for r in thr["zsmetrics -j1"]) / 1024
    rss2 = max(r["rss_kb"] for r in thr["zsmetrics -j2"]) / 1024
    speedup = j1[0] / j2[0]
    big = [s for s in sizes if s["label"] == "10M"] or sizes[-1:]
    npb = [s["ns_per_byte"] for s in sizes]
    ref = [s for s in sizes if s["size"] >= 100 * 1024] or sizes
    lin = big[0]["ns_per_byte"] / min(s["ns_per_byte"] for s in ref)

    def ok(c):
        return "yes" if c else "**no**"

    P("## zsmetrics benchmark: %s corpus (%d files, %s = %d bytes)" % (a.label, len(files), fmt_bytes(total), total))
    P()
    P("Run started %s, %.0f s in all; `%s`. Load average (1/5/15 min) at start %s, after the throughput rounds %s, "
      "at end %s."
      % (time.strftime("%Y-%m-%d %H:%M %Z", time.localtime(t_start)), elapsed, a.command or "bench/run.sh " + a.label,
         "/".join(load_start), "/".join(load_mid), "/".join(load_end)))
    P()
    P("### Targets")
    P()
    P("| target | measured | met |")
    P("| --- | --- | --- |")
    P("| end-to-end -j1 ≥ 100 MB/s | %.1f MB/s | %s |" % (mbps(total, j1[0]), ok(mbps(total, j1[0]) >= 100)))
    P("| -j2 ≥ 1.8× -j1 | %.2f× (%.1f MB/s) | %s |" % (speedup, mbps(total, j2[0]), ok(speedup >= 1.8)))
    P("| peak RSS ≤ 64 MB over the corpus | %.1f MB (-j1), %.1f MB (-j2) | %s |"
      % (rss1, rss2, ok(max(rss1, rss2) <= 64)))
    if big:
        b = big[0]
        irs = [s for s in sizes if "ir_per_byte" in s and s is not b]
        ir_txt, ir_ok = "", True
        if "ir_per_byte" in b and irs:
            ir_lin = b["ir_per_byte"] / min(s["ir_per_byte"] for s in irs)
            ir_ok = ir_lin <= 1.2
            ir_txt = "; instructions %.0f/byte = %.2f× the fewest of the smaller sizes" % (b["ir_per_byte"], ir_lin)
        P("| 10 MB single document in linear time | %.3f s, %.1f ns/byte = %.2f× the best ns/byte of the ≥100K sizes%s"
          "; peak RSS %.0f MB | %s |"
          % (b["per_doc"], b["ns_per_byte"], lin, ir_txt, b["rss_kb"] / 1024,
             ("instructions: " + ok(ir_ok) + ", " if ir_txt else "") + "time: " + ok(lin <= 1.5)))
    P()
    P("### Throughput (page cache hot; %d rounds, commands alternated; median [min–max])" % a.rounds)
    P()
    P("| command | wall s | MB/s | vs -j1 | user+sys s | cores busy | peak RSS |")
    P("| --- | --- | --- | --- | --- | --- | --- |")
    labels = {"cat": "`cat` (xargs -0 cat > /dev/null): I/O reference",
              "rg": "`rg -c '%s'` (2 threads): regex-scan reference" % RG_PATTERN,
              "rg -j1": "`rg -j1 -c '%s'`" % RG_PATTERN,
              "zsmetrics -j1": "`zsmetrics -j1 -q DIR > /dev/null`",
              "zsmetrics -j2": "`zsmetrics -j2 -q DIR > /dev/null`"}
    for name in thr:
        m, lo, hi = stat(name)
        cpu = busy = "–"
        rs = [r for r in thr[name] if r["user"] is not None]
        if rs:
            cpu = "%.1f" % med([r["user"] + r["sys"] for r in rs])
            busy = "%.2f" % med([(r["user"] + r["sys"]) / r["wall"] for r in rs])
        rss = max((r["rss_kb"] or 0) for r in thr[name])
        P("| %s | %.2f [%.2f–%.2f] | %.1f | %s | %s | %s | %s |"
          % (labels[name], m, lo, hi, mbps(total, m), "%.2f×" % (j1[0] / m) if name.startswith("zsm") else "–",
             cpu, busy, "%.1f MB" % (rss / 1024) if rss else "–"))
    cpu1 = med([r["user"] + r["sys"] for r in thr["zsmetrics -j1"]])
    cpu2 = med([r["user"] + r["sys"] for r in thr["zsmetrics -j2"]])
    P()
    P("CPU time of -j2 is %.2f× that of -j1: with both cores free, -j2 could run at most %.2f× as fast as -j1 "
      "(2 × CPU(-j1) / CPU(-j2)); a measured speed-up below that means the workers did not get two cores "
      "(see *cores busy*)." % (cpu2 / cpu1, 2 * cpu1 / cpu2))
    P()
    P("### Size scaling (one document, -j1; listed k times in one run so that a run reads ~10 MiB; the start-up "
      "of %.1f ms is subtracted)" % (startup * 1e3))
    P()
    P("| document | bytes | k | time per document | ns/byte | MB/s | Ir/byte (callgrind, less start-up) | peak RSS |")
    P("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for s in sizes:
        P("| single-%s | %d | %d | %s | %.1f | %.1f | %s | %.1f MB |"
          % (s["label"], s["size"], s["k"], ("%.3f ms" % (s["per_doc"] * 1e3)) if s["per_doc"] < 1 else
             "%.3f s" % s["per_doc"], s["ns_per_byte"], s["mbps"],
             "%.0f" % s["ir_per_byte"] if "ir_per_byte" in s else "–", s["rss_kb"] / 1024))
    P()
    P("### Rule-count scaling (%d files, %s, -j1, `--rules FILE` with each rule of %s copied under new ids; "
      "median of %d)" % (rule_files, fmt_bytes(rule_bytes), a.rules_source, a.rule_rounds))
    P()
    P("| rules | wall s | MB/s | time vs 1× |")
    P("| --- | --- | --- | --- |")
    for r in rules:
        P("| %d (%d×) | %.2f | %.1f | %.2f× |" % (r["rules"], r["times"], r["wall"], r["mbps"],
                                                 r["wall"] / rules[0]["wall"]))
    if len(rules) >= 2:
        per_rule = (rules[-1]["wall"] - rules[0]["wall"]) / (rules[-1]["rules"] - rules[0]["rules"])
        P()
        P("Marginal cost: %.3f s per added rule per %s (%.1f ns/byte per rule); the rule-independent part is "
          "about %.1f s." % (per_rule, fmt_bytes(rule_bytes), per_rule / rule_bytes * 1e9,
                             rules[0]["wall"] - per_rule * rules[0]["rules"]))
    P()
    P("### Stage costs (callgrind, -j1, %d files = %s; instructions, inclusive)" % (cg["files"], fmt_bytes(cg["bytes"])))
    P()
    P("| function | stage | Ir | % of total | Ir/byte |")
    P("| --- | --- | --- | --- | --- |")
    what = {"zsmp_decode": "decode", "zsmp_lines_index": "decode (line index)", "zsmp_normalize": "normalize",
            "zsmp_lookup_init": "class index", "zsmp_tokenize": "tokenize",
            "zsmp_match_sentences": "match (a batch of sentences, rule by rule; with each pattern's JIT compile at its first match)", "zsmp_resolve": "resolve",
            "zsmp_context": "context", "zsmp_table": "tables", "zsmp_report_currency": "currency",
            "zsmp_report": "report", "zsmp_relate": "relate", "zsmp_check": "checks",
            "zsm_doc_to_json": "emit (JSON)", "zsm_doc_to_json_into": "emit (JSON, the CLI's kept buffer)",
            "zsm_rules_default": "start-up: rules parse and compile (the JIT: at first match)",
            "zsm_rules_load": "start-up: rules file", "build_fold_table": "start-up: normalization table",
            "zsm_extract": "(decode…checks)", "render_record": "(emit, CLI)",
            "zsmp_lexicon_search": "inside the stages", "zsmp_periods_scan": "inside relate",
            "zsm_numeral_parse": "inside resolve", "pcre2_jit_match_8": "inside match and lookups",
            "pcre2_match_8": "inside match and lookups",
            "read_whole": "CLI: read files", "write_ready": "CLI: ordered output", "zsm_doc_free": "free records"}
    tot = cg["total"] or 1
    for fn in STAGES + STARTUP + OTHER:
        if fn not in cg["incl"]:
            continue
        ir = cg["incl"][fn]
        P("| `%s` | %s | %s | %.1f%% | %.1f |" % (fn, what.get(fn, ""), "{:,}".format(ir), 100.0 * ir / tot,
                                                 ir / cg["bytes"]))
    P("| **program total** | | %s | 100%% | %.1f |" % ("{:,}".format(tot), tot / cg["bytes"]))
    P()
    P("Top self costs (exclusive Ir):")
    P()
    P("| where | Ir | % | Ir/byte |")
    P("| --- | --- | --- | --- |")
    for key, ir in cg["top_self"]:
        P("| %s | %s | %.1f%% | %.1f |" % (key, "{:,}".format(ir), 100.0 * ir / tot, ir / cg["bytes"]))
    P()
    P("Profile kept as `%s` (`callgrind_annotate --inclusive=yes` it)." % os.path.relpath(cg["keep"], ROOT))
    P()
    P("### Machine and build")
    P()
    P("| | |")
    P("| --- | --- |")
    P("| CPU | %s, nproc %s |" % (mi["cpu"], mi["nproc"]))
    P("| memory | %s |" % mi["mem"])
    P("| kernel | %s |" % mi["kernel"])
    P("| zsmetrics | %s, binary %s (built %s; measured as a copy taken at the start) |"
      % (version, a.binary_from or a.bin, time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(a.bin)))))
    P("| git | %s \"%s\"%s |" % (commit, subject, "; working tree differs in: " + ", ".join(
        sorted({l[3:] for l in dirty.splitlines()})) if dirty else "; src/, include/, rules/ clean"))
    P("| tools | %s; %s; %s; Python %s |" % (tool_version(["rg", "--version"]), tool_version(["valgrind", "--version"]),
                                              tool_version(["cat", "--version"]), platform.python_version()))


if __name__ == "__main__":
    main()
