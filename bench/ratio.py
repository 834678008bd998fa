#!/usr/bin/env python3
"""The measurements of bench/ratio.sh: zsmetrics against a bare NFKC pass.

    ratio.py --bin ZSM --nfkc NFKC --synthetic DIR --real DIR --single FILE [--rounds 5]

For each corpus (synthetic reports; real-looking reports: the samples
concatenated into 1 MB files) one alternated run of: cat (I/O), the bare
utf8proc NFKC driver (bench/nfkc.c), ripgrep -j1 (a regex scan), zsmetrics -j1
and -j2, and two zsmetrics -j1 at once (what two workers can reach on this
machine: the -j2 speed-up's ceiling here).  Each command's CPU time (user + sys) comes from the kernel, the
peak RSS from GNU time, so MB per CPU-second does not depend on what else the
machine runs; wall time only matters for the -j2 speed-up.  The headline is the CPU
of zsmetrics -j1 over the CPU of the NFKC pass on the same bytes, taken round
by round and then the median (the machine's speed drifts between rounds).  Then peak
RSS: the batches, and one large document.  Markdown on stdout, progress on
stderr; Python 3 standard library only.  MB = 10^6 bytes.

With --pin CPU every one-worker command (all but zsmetrics -j2) runs on that
processor (taskset): on a machine whose processors differ in speed from
minute to minute (one shared with another tenant), a ratio of two programs
that landed on different processors measures the processors.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RG_PATTERN = "[个项元亿万%]"


def log(msg):
    sys.stderr.write("[ratio %s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stderr.flush()


def run(cmd, stdin_path=None, tmp="/tmp"):
    """Runs cmd with stdout to /dev/null: wall, cpu (user+sys) seconds, peak
    RSS in KiB.  The CPU time comes from the kernel (wait4: the command and
    the GNU time wrapping it, in microseconds); the RSS from GNU time (the
    command's own, not that of a forked copy of this script)."""
    tfile = os.path.join(tmp, "time.txt")
    with open(os.devnull, "wb") as devnull:
        fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        t0 = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M %x", "-o", tfile] + cmd, stdin=fin,
                             stdout=devnull, stderr=subprocess.PIPE)
        err = p.stderr.read()
        _, _, ru = os.wait4(p.pid, 0)
        p.returncode = 0
        wall = time.perf_counter() - t0
        if stdin_path:
            fin.close()
    rss, rc = open(tfile).read().split()[-2:]
    if int(rc) not in (0, 1):
        raise SystemExit("command failed (%s): %s\n%s" % (rc, " ".join(cmd), err.decode(errors="replace")))
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_kb": int(rss)}


def run_pair(cmd):
    """Two copies of cmd started together, stdout to /dev/null: each one's
    wall seconds (from the start to its own end) and CPU seconds.  What two
    workers can do on this machine at best: where two busy processors slow
    each other (siblings of one core, or a host's other tenants), no -j2 can
    reach 2x, and this says how far it could."""
    with open(os.devnull, "wb") as devnull:
        t0 = time.perf_counter()
        procs = [subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=devnull, stderr=devnull)
                 for _ in range(2)]
        ends = {}
        while len(ends) < 2:
            pid, status, ru = os.wait4(-1, 0)
            if pid in (p.pid for p in procs):
                ends[pid] = (time.perf_counter() - t0, ru.ru_utime + ru.ru_stime, status)
        for p in procs:
            p.returncode = 0
    for pid, (_, _, status) in ends.items():
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit("command failed: %s" % " ".join(cmd))
    return [{"wall": w, "cpu": c} for w, c, _ in ends.values()]


def corpus_files(d):
    out = []
    for dirpath, dirnames, filenames in os.walk(d):
        dirnames.sort()
        out += [os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".txt")]
    return out


def med(xs):
    return statistics.median(xs)


def one_worker(a, cmd):
    """cmd, on the processor --pin names when it is given."""
    return ["taskset", "-c", a.pin] + cmd if a.pin else cmd


def measure_corpus(a, name, d, tmp):
    files = corpus_files(d)
    total = sum(os.path.getsize(f) for f in files)
    nul = os.path.join(tmp, name + ".nul")
    with open(nul, "wb") as f:
        for p in files:
            f.write(os.fsencode(p) + b"\0")
    log("%s: %d files, %.1f MB; warming the page cache" % (name, len(files), total / 1e6))
    run(["xargs", "-0", "cat"], nul, tmp)
    cmds = [
        ("cat", one_worker(a, ["xargs", "-0", "cat"]), nul),
        ("NFKC (utf8proc)", one_worker(a, [a.nfkc, "-0"]), nul),
        ("rg -j1", one_worker(a, ["rg", "-j1", "-c", "--no-ignore", "--hidden", RG_PATTERN, d]), None),
        ("zsmetrics -j1", one_worker(a, [a.bin, "-j1", "-q", d]), None),
        ("zsmetrics -j2", [a.bin, "-j2", "-q", d], None),
    ]
    res = {c[0]: [] for c in cmds}
    pairs = []
    for rnd in range(a.rounds):
        for label, cmd, stdin_path in cmds:
            r = run(cmd, stdin_path, tmp)
            res[label].append(r)
        pairs.append(run_pair([a.bin, "-j1", "-q", d]))
        log("%s round %d/%d: zsmetrics -j1 %.2f s CPU, NFKC %.2f s CPU" % (
            name, rnd + 1, a.rounds, res["zsmetrics -j1"][-1]["cpu"], res["NFKC (utf8proc)"][-1]["cpu"]))
    return files, total, res, pairs


def pair_ceiling(res, pairs):
    """The -j2 speed-up this machine allows, round by round then the median:
    two one-worker runs at once against one alone (a -j2 sharing the files
    out as workers free up does the work at the two runs' rates summed)."""
    return med([r["wall"] * sum(1 / q["wall"] for q in pair)
                for r, pair in zip(res["zsmetrics -j1"], pairs)])


def corpus_table(name, total, nfiles, res, pairs, pinned=False):
    nfkc_cpu = med([r["cpu"] for r in res["NFKC (utf8proc)"]])
    # The headline ratio round by round (the two ran back to back), then the
    # median: a drift of the machine's speed hits both sides of a round.
    paired = med([z["cpu"] / n["cpu"] for z, n in zip(res["zsmetrics -j1"], res["NFKC (utf8proc)"])
                  if n["cpu"] > 0])
    j1 = res["zsmetrics -j1"]
    lines = ["", "#### %s: %d files, %.1f MB" % (name, nfiles, total / 1e6), "",
             "| command | CPU s (user+sys) | MB per CPU-second | CPU vs NFKC | wall s | peak RSS |",
             "| --- | --- | --- | --- | --- | --- |"]
    for label, rs in res.items():
        cpu = med([r["cpu"] for r in rs])
        wall = med([r["wall"] for r in rs])
        rss = max(r["rss_kb"] for r in rs)
        lines.append("| `%s` | %.3f [%.3f–%.3f] | %.1f | %.2f× | %.3f | %.1f MB |" % (
            label, cpu, min(r["cpu"] for r in rs), max(r["cpu"] for r in rs),
            total / cpu / 1e6 if cpu > 0 else float("inf"), cpu / nfkc_cpu if nfkc_cpu > 0 else 0,
            wall, rss / 1024))
    w1 = med([r["wall"] for r in j1])
    w2 = med([r["wall"] for r in res["zsmetrics -j2"]])
    c1 = med([r["cpu"] for r in j1])
    c2 = med([r["cpu"] for r in res["zsmetrics -j2"]])
    # Other tenants only ever add CPU time: the fastest run of each side is
    # the least disturbed one, a check on the median when the machine is busy.
    fast_z = min(r["cpu"] for r in j1)
    fast_n = min(r["cpu"] for r in res["NFKC (utf8proc)"])
    lines += ["", "CPU of zsmetrics -j1 over the NFKC pass, round by round: %s; median **%.2f×**." % (
                  ", ".join("%.2f" % (z["cpu"] / n["cpu"]) for z, n in zip(j1, res["NFKC (utf8proc)"])
                            if n["cpu"] > 0), paired),
              "", "Fastest run of each: zsmetrics -j1 %.3f s, NFKC %.3f s: %.2f×." % (
                  fast_z, fast_n, fast_z / fast_n if fast_n > 0 else 0),
              "", "-j2 speed-up (wall -j1 / wall -j2): **%.2f×**; cores busy during -j2: %.2f; "
              "CPU of -j2 / CPU of -j1: %.2f.%s" % (
                  w1 / w2, c2 / w2, c2 / c1,
                  " (-j1 was pinned, -j2 was not: where the processors differ in speed, this"
                  " speed-up is that of the pinned one over both.)" if pinned else "")]
    ceiling = pair_ceiling(res, pairs)
    lines += ["", "Two `zsmetrics -j1` runs at once (the same corpus each, unpinned): %s s wall "
              "against %.3f s for one alone, %.2f CPU s each against %.3f: the speed-up two workers "
              "can reach on this machine is **%.2f×**; -j2 reached %.0f%% of it." % (
                  " / ".join("%.3f" % med(sorted(q["wall"] for q in p)[k] for p in pairs) for k in (0, 1)),
                  w1, med(q["cpu"] for p in pairs for q in p), c1, ceiling, 100 * (w1 / w2) / ceiling)]
    return (lines, paired, total / c1 / 1e6, w1 / w2, max(r["rss_kb"] for r in j1 + res["zsmetrics -j2"]),
            ceiling)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--nfkc", required=True)
    ap.add_argument("--synthetic", required=True)
    ap.add_argument("--real", required=True)
    ap.add_argument("--single", required=True)
    ap.add_argument("--seeds", help="real reports joined into 1 MB files (a third corpus)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--command", default="bench/ratio.sh")
    ap.add_argument("--pin", help="a processor (as taskset -c takes it) for the one-worker commands")
    a = ap.parse_args()

    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load0 = open("/proc/loadavg").read().split()[:3]
    t0 = time.time()
    out = []
    summary = {}
    corpora = [("real-looking reports (samples concatenated to 1 MB files)", a.real),
               ("synthetic reports (bench/gen_corpus.py)", a.synthetic)]
    if a.seeds:
        corpora.append(("real reports (../shared/seeds concatenated to 1 MB files)", a.seeds))
    for name, d in corpora:
        files, total, res, pairs = measure_corpus(a, name.split()[0], d, a.tmp)
        lines, ratio, rate, speedup, rss, ceiling = corpus_table(name, total, len(files), res, pairs,
                                                                 a.pin is not None)
        out += lines
        summary[name.split()[0]] = (ratio, rate, speedup, rss, ceiling)

    single_bytes = os.path.getsize(a.single)
    log("one document of %.1f MB" % (single_bytes / 1e6))
    runs = [run(one_worker(a, [a.bin, "-j1", "-q", a.single]), None, a.tmp) for _ in range(2)]
    single = min(runs, key=lambda r: r["cpu"])
    single_nfkc = min((run(one_worker(a, [a.nfkc, a.single]), None, a.tmp) for _ in range(2)),
                      key=lambda r: r["cpu"])
    out += ["", "#### One document of %.1f MB (bench/gen_corpus.py --single)" % (single_bytes / 1e6), "",
            "| command | CPU s | MB per CPU-second | peak RSS | RSS per input byte |", "| --- | --- | --- | --- | --- |",
            "| `NFKC (utf8proc)` | %.3f | %.1f | %.1f MB | %.2f |" % (
                single_nfkc["cpu"], single_bytes / single_nfkc["cpu"] / 1e6, single_nfkc["rss_kb"] / 1024,
                single_nfkc["rss_kb"] * 1024 / single_bytes),
            "| `zsmetrics -j1` | %.3f | %.1f | %.1f MB | %.2f |" % (
                single["cpu"], single_bytes / single["cpu"] / 1e6, single["rss_kb"] / 1024,
                single["rss_kb"] * 1024 / single_bytes)]

    real, synth = summary["real-looking"], summary["synthetic"]
    head = ["### zsmetrics against a bare NFKC pass", "",
            "Run started %s, %.0f s in all; `%s`. Load average (1/5/15 min) at start %s, at end %s.%s" % (
                started, time.time() - t0, a.command, "/".join(load0),
                "/".join(open("/proc/loadavg").read().split()[:3]),
                " The one-worker commands ran on processor %s (`RATIO_PIN`); -j2 on any." % a.pin
                if a.pin else ""),
            "", "| target | measured | met |", "| --- | --- | --- |",
            "| real text, one worker: CPU within 2.6× of the NFKC pass | %.2f× (%.1f MB per CPU-second) | %s |" % (
                real[0], real[1], "yes" if real[0] <= 2.6 else "**no**"),
            "| the goal after: within 1.3× | %.2f× | %s |" % (real[0], "yes" if real[0] <= 1.3 else "**no**"),
            "| synthetic corpus (figure-dense), one worker | %.2f× NFKC (%.1f MB per CPU-second) | – |" % (
                synth[0], synth[1])] + ([
            "| real reports (the seeds joined: a quarter of the figures a byte), one worker | %.2f× NFKC (%.1f MB per CPU-second) | – |" % (
                summary["real"][0], summary["real"][1])] if "real" in summary else []) + [
            "| peak RSS over a batch of documents ≤ 1 MB ≤ 64 MB | %.1f MB (real-looking), %.1f MB (synthetic) | %s |" % (
                real[3] / 1024, synth[3] / 1024, "yes" if max(real[3], synth[3]) <= 64 * 1024 else "**no**"),
            "| one %.0f MB document ≤ 200 MB | %.1f MB | %s |" % (
                single_bytes / 1e6, single["rss_kb"] / 1024, "yes" if single["rss_kb"] <= 200 * 1024 else "**no**"),
            "| -j2 ≥ 1.8× -j1 | %.2f× (real-looking), %.2f× (synthetic); two -j1 runs at once allow "
            "%.2f× and %.2f× here | %s |" % (
                real[2], synth[2], real[4], synth[4], "yes" if min(real[2], synth[2]) >= 1.8 else "**no**")]
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    version = subprocess.run([a.bin, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True).stdout.strip()
    tail = ["", "Machine: %s, %s cores (`nproc`), kernel %s; %s, commit %s." % (
        cpu, os.cpu_count(), platform.release(), version, commit or "?")]
    print("\n".join(head + out + tail))


if __name__ == "__main__":
    main()
