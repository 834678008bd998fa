#!/usr/bin/env python3
"""Runs the command-line cases of zsmetrics (tests/cli/cases/*.test).

usage: run_cases.py ZSMETRICS SAMPLES_DIR [CASE...]

The case-file format is described in tests/cli/README.md.  Each case runs in
its own empty folder (its setup, then its command, with a time limit); the
runner prints one line per failing case ("FAIL name: what differed") and per
skipped case ("SKIP name: why"), then "N passed, N failed", and exits 0 only
when none failed (2 on a usage error or a bad case file).  A CASE argument
is a case name or a shell pattern of names ('rules_*').

Environment: ZS_TIMEOUT (seconds a command may take, default 20),
ZSM_CLI_JOBS (cases run at once, default 2 or the number of cores if fewer),
ZSM_CLI_VERBOSE=1 (also print "ok   name" lines), ZSM_CLI_KEEP=1 (keep the
cases' folders and print where they are), ZSM_CLI_CASES (another folder of
*.test files, to try the runner itself).  Python 3 standard library only.
"""
import concurrent.futures
import fnmatch
import glob
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import check  # noqa: E402

HELPERS = os.path.join(HERE, "helpers.sh")
CASES_DIR = os.path.abspath(os.environ.get("ZSM_CLI_CASES") or os.path.join(HERE, "cases"))
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
NAME_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*$")


class CaseFileError(Exception):
    pass


def rel(path):
    """a case file's name for messages: from the source tree's top"""
    top = os.path.dirname(os.path.dirname(HERE))
    path = os.path.abspath(path)
    return os.path.relpath(path, top) if path.startswith(top + os.sep) else path


class Expect:
    """One expectation: on a target (stdout, stderr, file NAME), through an
    optional filter, of a kind: exact (bytes), same (as a file), match /
    nomatch (a regex), absent."""

    def __init__(self, target, fname, filt, kind, value, line):
        self.target, self.fname, self.filt = target, fname, filt
        self.kind, self.value, self.line = kind, value, line

    def label(self):
        t = f"file {self.fname}" if self.target == "file" else self.target
        if self.filt:
            t += " | " + " ".join(shlex.quote(a) for a in [self.filt[0]] + list(self.filt[1]))
        return t


class Case:
    def __init__(self, name, path, line):
        self.name, self.path, self.line = name, path, line
        self.requires = []  # (condition words, line)
        self.nobody = False
        self.timeout = None
        self.setup = None
        self.setup_line = 0  # the case file's line of the setup's first line
        self.stdin = None  # ("inline", bytes) or ("file", NAME)
        self.command = None
        self.status = None  # set of allowed statuses
        self.expects = []

    def where(self):
        return f"{rel(self.path)}:{self.line}"


# ---------------------------------------------------------------- parsing

def unescape(text, where):
    """A body line's escapes: \\n \\t \\r \\\\ \\xHH; a final \\c means "no
    newline after this line".  Returns (bytes, no_newline)."""
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        nxt = text[i + 1:i + 2]
        if nxt in ("n", "t", "r", "\\"):
            out += {"n": b"\n", "t": b"\t", "r": b"\r", "\\": b"\\"}[nxt]
            i += 2
        elif nxt == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", text[i + 2:i + 4]):
            out.append(int(text[i + 2:i + 4], 16))
            i += 4
        elif nxt == "c" and i + 2 == len(text):
            return bytes(out), True
        else:
            raise CaseFileError(f"{where}: unknown escape \\{nxt} "
                                "(the escapes are \\n \\t \\r \\\\ \\xHH and a final \\c; "
                                "write a backslash as \\\\)")
    return bytes(out), False


def body_bytes(lines, where):
    parts = []
    for k, line in enumerate(lines):
        b, no_nl = unescape(line, where)
        if no_nl and k != len(lines) - 1:
            raise CaseFileError(f"{where}: \\c ends the last line of a body only")
        parts.append(b)
        if no_nl:
            return b"\n".join(parts)
    return b"\n".join(parts) + b"\n" if parts else b""


def parse_expect(text, where):
    """TARGET [| FILTER ARG...] [<FILE | ~ REGEX | !~ REGEX | empty | absent]"""
    regex = None
    m = re.search(r"\s(!?~)\s", text)
    if m:
        head, op, regex = text[:m.start()], m.group(1), text[m.end():]
        try:
            re.compile(regex)
        except re.error as e:
            raise CaseFileError(f"{where}: bad regex {regex!r}: {e}")
    else:
        head, op = text, None
    try:
        words = shlex.split(head)
    except ValueError as e:
        raise CaseFileError(f"{where}: {e}")
    target, fname = words[0], None
    words = words[1:]
    if target == "file":
        if not words:
            raise CaseFileError(f"{where}: 'file' needs a NAME")
        fname, words = words[0], words[1:]
    filt = None
    kind, value = "exact", None
    if words and words[-1].startswith("<"):
        kind, value = "same", words[-1][1:]
        words = words[:-1]
        if not value and words:
            raise CaseFileError(f"{where}: write <FILE with no space")
        if not value:
            raise CaseFileError(f"{where}: '<' needs a file name")
    if words and words[0] == "|":
        if len(words) < 2:
            raise CaseFileError(f"{where}: '|' needs a filter name")
        name, args = words[1], words[2:]
        if name not in check.COMMANDS:
            raise CaseFileError(f"{where}: unknown filter {name!r} (known: "
                                f"{', '.join(sorted(check.COMMANDS))})")
        need, opt = check.ARITY[name]
        if not need <= len(args) <= need + opt:
            raise CaseFileError(f"{where}: filter {name} takes {need}"
                                f"{f'..{need + opt}' if opt else ''} arguments, got {len(args)}")
        filt, words = (name, args), []
    if words == ["empty"] and kind == "exact" and op is None:
        kind, value, words = "exact", b"", []
    elif words == ["absent"] and target == "file" and kind == "exact" and op is None:
        kind, words = "absent", []
    if words:
        raise CaseFileError(f"{where}: cannot read {' '.join(words)!r} in this expectation")
    if op:
        if kind != "exact" or value is not None:
            raise CaseFileError(f"{where}: a regex expectation takes no <FILE or empty")
        kind, value = ("match" if op == "~" else "nomatch"), regex
    return target, fname, filt, kind, value


def parse_file(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    cases = []
    case = None
    i = 0

    def body_from(k):
        """the body lines (indented by two spaces) from index k, dedented;
        blank lines inside a body are empty lines, blank lines after it are
        not part of it.  Returns (lines, index after the body)."""
        out = []
        for line in lines[k:]:
            if line.startswith("  "):
                out.append(line[2:])
            elif line.strip() == "":
                out.append("")
            else:
                break
        while out and out[-1] == "":
            out.pop()
        return out, k + len(out)

    while i < len(lines):
        raw = lines[i]
        where = f"{rel(path)}:{i + 1}"
        i += 1
        if raw.strip() == "" or raw.startswith("#"):
            continue
        if raw[0] in " \t":
            raise CaseFileError(f"{where}: an indented line that belongs to no setup, stdin "
                                "or expectation body")
        if raw.startswith("case ") or raw == "case":
            name = raw[5:].strip()
            if not NAME_RE.match(name):
                raise CaseFileError(f"{where}: bad case name {name!r}")
            case = Case(name, path, i)
            cases.append(case)
            continue
        if case is None:
            raise CaseFileError(f"{where}: {raw!r} before the first 'case NAME' line")
        word = raw.split(None, 1)[0]
        rest = raw[len(word):].strip()
        takes_body = False  # the lines after it are its body
        once = {"status": case.status, "setup": case.setup, "stdin": case.stdin,
                "timeout": case.timeout, "$": case.command}
        if once.get(word) is not None:
            raise CaseFileError(f"{where}: a second '{word}' line in case {case.name}")
        if word == "$":
            if not re.search(r"(^|[\s|;&(])zsmetrics(\s|$)", rest):
                raise CaseFileError(f"{where}: the command does not run zsmetrics")
            case.command = rest
        elif word == "status":
            try:
                case.status = {int(w) for w in rest.split()}
            except ValueError:
                raise CaseFileError(f"{where}: status takes numbers")
            if not case.status:
                raise CaseFileError(f"{where}: status needs a number")
        elif word == "setup":
            if rest:
                raise CaseFileError(f"{where}: setup's shell lines go on the indented lines after it")
            takes_body = True
            case.setup_line = i + 1
            body, i = body_from(i)
            case.setup = "\n".join(body) + "\n"
        elif word == "stdin":
            if rest.startswith("<") and len(rest) > 1:
                case.stdin = ("file", rest[1:].strip())
            elif rest:
                raise CaseFileError(f"{where}: stdin takes an indented body or <FILE")
            else:
                takes_body = True
                body, i = body_from(i)
                case.stdin = ("inline", body_bytes(body, where))
        elif word == "require":
            words = rest.split()
            if not words or words[0] not in ("root", "not-root", "command", "writable",
                                             "readable"):
                raise CaseFileError(f"{where}: require root, not-root, command NAME, "
                                    "writable PATH or readable PATH")
            if (len(words) != 1) == (words[0] in ("root", "not-root")):
                raise CaseFileError(f"{where}: require {words[0]}: wrong number of words")
            case.requires.append((words, where))
        elif word == "user":
            if rest != "nobody":
                raise CaseFileError(f"{where}: the only user is 'nobody'")
            case.nobody = True
        elif word == "timeout":
            try:
                case.timeout = float(rest)
            except ValueError:
                raise CaseFileError(f"{where}: timeout takes seconds")
        elif word in ("stdout", "stderr", "file"):
            target, fname, filt, kind, value = parse_expect(raw, where)
            if kind == "exact" and value is None:
                takes_body = True
            e = Expect(target, fname, filt, kind, value, where)
            if takes_body:
                body, i = body_from(i)
                e.value = body_bytes(body, where)
            case.expects.append(e)
        else:
            raise CaseFileError(f"{where}: unknown line {raw!r} (case, require, user, timeout, "
                                "setup, stdin, $, status, stdout, stderr, file)")
        if not takes_body and i < len(lines) and lines[i].startswith("  "):
            raise CaseFileError(f"{rel(path)}:{i + 1}: an indented line after "
                                f"'{word}', which takes no body")
    for c in cases:
        if c.command is None:
            raise CaseFileError(f"{c.where()}: case {c.name} has no '$ zsmetrics …' line")
        if c.status is None:
            raise CaseFileError(f"{c.where()}: case {c.name} has no 'status' line")
    return cases


def load_cases():
    cases, seen = [], {}
    for path in sorted(glob.glob(os.path.join(CASES_DIR, "*.test"))):
        for c in parse_file(path):
            if c.name in seen:
                raise CaseFileError(f"{c.where()}: case {c.name} is also at {seen[c.name]}")
            seen[c.name] = c.where()
            cases.append(c)
    return cases


# ---------------------------------------------------------------- running

def show(data, limit=160):
    """bytes or str as one line, in the escapes of the case files"""
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="surrogateescape")
    out, n = [], 0
    for ch in data:
        o = ord(ch)
        if ch == "\\":
            ch = "\\\\"
        elif ch in "\n\t\r":
            ch = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}[ch]
        elif 0xDC80 <= o <= 0xDCFF:
            ch = f"\\x{o - 0xDC00:02x}"
        elif o < 0x20 or o == 0x7F:
            ch = f"\\x{o:02x}"
        out.append(ch)
        n += len(ch)
        if n > limit:
            return "".join(out)[:limit] + "…"
    return "".join(out)


def text_lines(data):
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return lines


def compare_exact(label, want, got):
    if want == got:
        return None
    wl, gl = want.split(b"\n"), got.split(b"\n")
    if not got:
        return f"{label}: expected [{show(want)}], got nothing"
    if not want:
        return f"{label}: expected nothing, got [{show(got)}]"
    if want.rstrip(b"\n") == got.rstrip(b"\n"):
        nw = len(want) - len(want.rstrip(b"\n"))
        ng = len(got) - len(got.rstrip(b"\n"))
        return (f"{label}: the expected text, but ending with {ng} newline(s) instead of {nw}: "
                f"[{show(got[-60:])}]")
    k = next(k for k in range(max(len(wl), len(gl)))
             if k >= len(wl) or k >= len(gl) or wl[k] != gl[k])
    e = f"[{show(wl[k])}]" if k < len(wl) else "no line"
    g = f"[{show(gl[k])}]" if k < len(gl) else "no line"
    msg = f"{label}: line {k + 1}: expected {e}, got {g}"
    nw, ng = len(text_lines(want)), len(text_lines(got))
    if nw != ng:
        msg += f" ({nw} lines expected, {ng} got)"
    return msg + f"; got [{show(got, 240)}]"


def compare_regex(label, kind, regex, got):
    lines = got.decode("utf-8", errors="replace").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    hit = next((line for line in lines if re.search(regex, line)), None)
    if kind == "match" and hit is None:
        return f"{label}: no line matches /{regex}/: [{show(got, 300)}]"
    if kind == "nomatch" and hit is not None:
        return f"{label}: a line matches /{regex}/: [{show(hit)}]"
    return None


def kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_shell(script, cwd, env, stdin, out, err, timeout):
    """Runs bash SCRIPT in its own process group; returns (status, pgid);
    status None when it did not finish in time (the group is then killed)."""
    p = subprocess.Popen(["bash", script], cwd=cwd, env=env, stdin=stdin, stdout=out,
                         stderr=err, start_new_session=True)
    try:
        return p.wait(timeout=timeout), p.pid
    except subprocess.TimeoutExpired:
        kill_group(p.pid)
        p.wait()
        return None, p.pid
    except BaseException:
        kill_group(p.pid)
        raise


def check_requires(case):
    for words, _ in case.requires:
        what = words[0]
        if what == "root" and os.geteuid() != 0:
            return "needs to run as root"
        if what == "not-root" and os.geteuid() == 0:
            return "running as root"
        if what == "command" and shutil.which(words[1]) is None:
            return f"{words[1]} is not installed"
        if what in ("writable", "readable"):
            p = os.path.expandvars(words[1])
            if not os.access(p, os.W_OK if what == "writable" else os.R_OK):
                return f"{p} is not {what}"
    return None


def run_case(case, cfg):
    """Returns ("ok"|"fail"|"skip", message)."""
    why = check_requires(case)
    if why:
        return "skip", why
    rdir = os.path.join(cfg["tmp"], case.name)
    work = os.path.join(rdir, "w")
    os.makedirs(work)
    os.chmod(rdir, 0o755)
    os.chmod(work, 0o755)
    env = dict(os.environ, LC_ALL="C", ZSM_BIN=cfg["bin"], SAMPLES=cfg["samples"],
               SOURCE_DIR=os.path.dirname(os.path.dirname(HERE)),
               ZSM_HELPERS=HELPERS, ZSM_CHECK=os.path.join(HERE, "check.py"),
               ZSM_PYTHON=sys.executable, ZSM_SKIP_FILE=os.path.join(rdir, "skip"),
               ZSM_AS_NOBODY="")
    if case.nobody and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            return "skip", "running as root and setpriv is missing"
        env["ZSM_AS_NOBODY"] = "1"
        probe = [(NOBODY + ["sh", "-c", 'cd "$1" && ls >/dev/null', "sh", work],
                  "uid 65534 cannot read the case folder"),
                 (NOBODY + [cfg["bin"], "--version"], f"uid 65534 cannot run {cfg['bin']}")]
        for argv, msg in probe:
            if subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode != 0:
                return "skip", "running as root; " + msg
    setup_pgid = None
    try:
        if case.setup is not None:
            script = os.path.join(rdir, "setup.sh")
            with open(script, "w") as f:
                # the setup's first line is the script's line 4; on a failure
                # the trap notes where (a helper's failure: where it was called)
                f.write('. "$ZSM_HELPERS"\nset -eE\n'
                        'trap \'zsm_line=$LINENO; { echo "$zsm_line"; printf "%s\\n" '
                        '"${#BASH_SOURCE[@]}" "${BASH_SOURCE[@]}" "${BASH_LINENO[@]}"; } '
                        '>"$ZSM_SETUP_ERR"\' ERR\n'
                        + case.setup)
            setup_env = dict(env, ZSM_SETUP_RUN_LIMIT=f"{cfg['timeout']:g}",
                             ZSM_SETUP_ERR=os.path.join(rdir, "setup.err"))
            with open(os.path.join(rdir, "setup.log"), "wb") as log:
                st, setup_pgid = run_shell(script, work, setup_env, subprocess.DEVNULL, log,
                                           subprocess.STDOUT, cfg["setup_timeout"])
            if st is None:
                return "fail", f"setup did not finish in {cfg['setup_timeout']:g}s"
            if st == 77 and os.path.exists(env["ZSM_SKIP_FILE"]):
                with open(env["ZSM_SKIP_FILE"], errors="replace") as f:
                    return "skip", " ".join(f.read().split())[:300]
            if st != 0:
                with open(os.path.join(rdir, "setup.log"), "rb") as f:
                    log = f.read()
                where = ""
                try:
                    with open(setup_env["ZSM_SETUP_ERR"]) as f:
                        t = f.read().split("\n")
                    n = int(t[1])
                    sources, linenos = t[2:2 + n], t[2 + n:2 + 2 * n]
                    k = sources.index(script)
                    line = int(t[0]) if k == 0 else int(linenos[k - 1])
                    where = f" at {rel(case.path)}:{case.setup_line + line - 4}"
                except (OSError, ValueError, IndexError):
                    pass
                tail = " | ".join(show(x, 200) for x in log.splitlines()[-3:])
                return "fail", f"setup failed with status {st}{where}: [{tail}]"
        if case.stdin is None:
            stdin_path = os.devnull
        elif case.stdin[0] == "inline":
            stdin_path = os.path.join(rdir, "stdin")
            with open(stdin_path, "wb") as f:
                f.write(case.stdin[1])
        else:
            stdin_path = os.path.join(work, case.stdin[1])
            if not os.path.isfile(stdin_path):
                return "fail", f"stdin <{case.stdin[1]}: the setup made no such file"
        script = os.path.join(rdir, "command.sh")
        with open(script, "w") as f:
            f.write('. "$ZSM_HELPERS"\n' + case.command + "\n")
        out_path, err_path = os.path.join(rdir, "stdout"), os.path.join(rdir, "stderr")
        limit = case.timeout or cfg["timeout"]
        with open(stdin_path, "rb") as i, open(out_path, "wb") as o, open(err_path, "wb") as e:
            status, _ = run_shell(script, work, env, i, o, e, limit)
        if setup_pgid is not None:
            kill_group(setup_pgid)  # a writer the setup left in the background
            setup_pgid = None
        with open(err_path, "rb") as f:
            err = f.read()
        if status is None:
            return "fail", (f"`{case.command}` did not finish in {limit:g}s "
                            f"(stderr: [{show(err, 300)}])")
        fails = []
        if status not in case.status:
            want = " or ".join(str(s) for s in sorted(case.status))
            fails.append(f"exit status {status}, expected {want} (stderr: [{show(err, 300)}])")
        check.CONTEXT.clear()
        check.CONTEXT.update(stdin=stdin_path, status=status, samples=cfg["samples"])
        os.chdir(work)
        try:
            for e in case.expects:
                msg = expect_problem(e, out_path, err_path)
                if msg:
                    fails.append(msg)
        finally:
            os.chdir(cfg["cwd"])
        if fails:
            return "fail", "; ".join(fails)
        return "ok", ""
    finally:
        if setup_pgid is not None:
            kill_group(setup_pgid)


def expect_problem(e, out_path, err_path):
    label = e.label()
    if e.target == "stdout":
        path = out_path
    elif e.target == "stderr":
        path = err_path
    else:
        path = e.fname
    if e.kind == "absent":
        return f"{label}: exists, expected absent" if os.path.lexists(path) else None
    if not os.path.isfile(path):
        return f"{label}: no such file"
    if e.filt:
        ok, text = check.run(e.filt[0], path, e.filt[1])
        if not ok:
            return f"{label}: {text}"
        got = text.encode("utf-8", errors="backslashreplace")
    else:
        with open(path, "rb") as f:
            got = f.read()
    if e.kind in ("match", "nomatch"):
        return compare_regex(label, e.kind, e.value, got)
    if e.kind == "same":
        if not os.path.isfile(e.value):
            return f"{label}: <{e.value}: no such file"
        with open(e.value, "rb") as f:
            return compare_exact(f"{label} <{e.value}", f.read(), got)
    return compare_exact(label, e.value, got)


def worker(args):
    case, cfg = args
    t0 = time.monotonic()
    try:
        kind, msg = run_case(case, cfg)
    except Exception as ex:  # a runner bug must not look like a pass
        kind, msg = "fail", f"runner error: {type(ex).__name__}: {ex}"
    return case.name, kind, msg, time.monotonic() - t0


def remove_tree(path):
    """Removes the runner's temporary folder, making the folders inside it
    writable first (a case may leave one read-only); never touches what is
    outside it."""
    for root, dirs, _ in os.walk(path):
        for d in dirs:
            p = os.path.join(root, d)
            if not os.path.islink(p):
                try:
                    os.chmod(p, stat.S_IRWXU)
                except OSError:
                    pass
    try:
        shutil.rmtree(path)
    except OSError as e:
        print(f"(could not remove {path}: {e})", file=sys.stderr)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    binary, samples = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"not an executable: {binary}", file=sys.stderr)
        return 2
    if not os.path.isdir(samples):
        print(f"not a folder: {samples}", file=sys.stderr)
        return 2
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace", line_buffering=True)
    try:
        cases = load_cases()
    except (CaseFileError, OSError) as e:
        print(f"bad case file: {e}", file=sys.stderr)
        return 2
    missing = []
    if len(argv) > 3:
        chosen = []
        for pat in argv[3:]:
            hit = [c for c in cases if fnmatch.fnmatchcase(c.name, pat)]
            if not hit:
                missing.append(pat)
            chosen += [c for c in hit if c not in chosen]
        cases = chosen
    os.environ["SAMPLES"] = samples
    os.umask(0o022)
    tmp = tempfile.mkdtemp(prefix="zsm-cli.", dir=os.environ.get("TMPDIR") or "/tmp")
    os.chmod(tmp, 0o755)  # a case may run the tool as another user
    cfg = {"bin": binary, "samples": samples, "tmp": tmp, "cwd": os.getcwd(),
           "timeout": float(os.environ.get("ZS_TIMEOUT") or 20)}
    cfg["setup_timeout"] = max(90.0, 3 * cfg["timeout"])
    jobs = int(os.environ.get("ZSM_CLI_JOBS") or min(2, os.cpu_count() or 1))
    verbose = os.environ.get("ZSM_CLI_VERBOSE") == "1"
    counts = {"ok": 0, "fail": len(missing), "skip": 0}
    for pat in missing:
        print(f"FAIL {pat}: no such case")
    t0 = time.monotonic()
    pool = None
    try:
        work = [(c, cfg) for c in cases]
        if jobs > 1 and len(work) > 1:
            pool = concurrent.futures.ProcessPoolExecutor(max_workers=jobs)
            results = pool.map(worker, work)
        else:
            results = map(worker, work)
        for name, kind, msg, secs in results:
            counts[kind] += 1
            if kind == "fail":
                print(f"FAIL {name}: {msg[:1500]}")
            elif kind == "skip":
                print(f"SKIP {name}: {msg}")
            elif verbose:
                print(f"ok   {name} ({secs:.1f}s)")
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        if pool:
            # the cases still running end (each within its time limits)
            # before their folders are removed
            pool.shutdown(wait=True, cancel_futures=True)
        if os.environ.get("ZSM_CLI_KEEP") == "1":
            print(f"(the cases' folders are in {tmp})", file=sys.stderr)
        else:
            remove_tree(tmp)
    if counts["skip"]:
        print(f"({counts['skip']} skipped)")
    if verbose:
        print(f"({time.monotonic() - t0:.1f}s)")
    print(f"{counts['ok']} passed, {counts['fail']} failed")
    return 0 if counts["fail"] == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except BrokenPipeError:  # stdout closed early (| head): the rest unsaid
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
