"""Run the broken-file cases of :mod:`broken_files` through the ``asean-atlas`` command line.

Every case is read twice, as ``asean-atlas info FILE`` and as
``asean-atlas export --no-builtin --layer FILE --html OUT.html``. An outcome is acceptable when the
command exits 0, or exits 2 with a single line on stderr that names the file. Anything else fails:
exit 1 ("internal error"), any other status, a traceback on stdout/stderr, an exception escaping
``main``, a crash (signal), running out of the time or memory limit.

On-demand runs, in child processes with a timeout and an address-space limit (RLIMIT_AS)::

    python tests/layers/fuzz_run.py -n 3000 --seed 1 --jobs 2           # light cases, worker processes
    python tests/layers/fuzz_run.py -n 300 --isolate                    # one child per case
    python tests/layers/fuzz_run.py --heavy-only --separate --timeout 60 --mem-gb 4 --jobs 1
    python tests/layers/fuzz_run.py --kinds shp_zip,kml_garbage -n 200 --json out.json

By default cases run in-process in a few worker interpreters (``main`` called directly, so a case
costs milliseconds, not an interpreter start); a worker that crashes or hangs is ended, the command
is recorded as failed and a new worker goes on. ``--isolate`` runs one child per case and
``--separate`` one child per command, which gives the peak RSS of each.

(``python -m tests.layers.fuzz_run ...`` from the repository root works as well.) The exit status is 1
when any outcome failed. ``test_fuzz_files.py`` uses :func:`run_inprocess` and :func:`judge` for the
CI test, in-process.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import broken_files  # noqa: E402  (this folder is not a package)
from broken_files import Case  # noqa: E402

TRACEBACK_MARK = "Traceback (most recent call last)"
COMMANDS = ("info", "export")


@dataclass
class Outcome:
    """What one command did with one case."""

    kind: str
    path: str
    description: str
    command: str
    code: int | None
    stdout: str
    stderr: str
    seconds: float
    verdict: str  # "exit0", "exit2" or "FAIL"
    reason: str = ""
    peak_rss_mb: float | None = None

    @property
    def failed(self) -> bool:
        return self.verdict == "FAIL"


def command_argv(command: str, path: Path | str, out_dir: Path | str) -> list[str]:
    if command == "info":
        return ["info", str(path)]
    return ["export", "--no-builtin", "--layer", str(path), "--html", str(Path(out_dir) / "out.html")]


# --------------------------------------------------------------------------------------------
# in-process run of asean_atlas.desktop.cli.main, with stdout/stderr as a terminal would have them
# --------------------------------------------------------------------------------------------

class HardTimeout(BaseException):
    """Raised by SIGALRM in the main thread: a case ran past the hard limit (not an Exception, so
    ``main``'s ``except Exception`` does not turn it into an "internal error")."""


class _FdCapture:
    """Capture what C code (GDAL, PROJ, Qt) writes to file descriptors 1 and 2."""

    def __enter__(self):
        sys.stdout.flush()
        sys.stderr.flush()
        self._saved = {fd: os.dup(fd) for fd in (1, 2)}
        self._files = {fd: tempfile.TemporaryFile() for fd in (1, 2)}
        for fd, f in self._files.items():
            os.dup2(f.fileno(), fd)
        return self

    def __exit__(self, *exc):
        self.text = {}
        for fd in (1, 2):
            os.dup2(self._saved[fd], fd)
            os.close(self._saved[fd])
            f = self._files[fd]
            f.seek(0)
            self.text[fd] = f.read().decode("utf-8", "replace")
            f.close()
        return False


def run_inprocess(argv: list[str], hard_timeout: float = 60.0) -> tuple[int | None, str, str, float, str]:
    """Run ``asean_atlas.desktop.cli.main(argv)`` in this process.

    stdout is UTF-8 "strict" and stderr UTF-8 "backslashreplace", as Python sets them up on a UTF-8
    terminal; output of C code on fds 1/2 is included.

    Returns
    -------
    code : int or None
        Exit status (None when an exception escaped).
    stdout, stderr : str
    seconds : float
    escaped : str
        Empty, or the exception that escaped ``main`` with its traceback.
    """
    from asean_atlas.desktop.cli import main

    out_buf, err_buf = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_buf, encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(err_buf, encoding="utf-8", errors="backslashreplace", write_through=True)
    code: int | None = None
    escaped = ""
    use_alarm = hard_timeout and hasattr(signal, "setitimer") and _in_main_thread()
    old_handler = None
    if use_alarm:
        def _alarm(signum, frame):
            raise HardTimeout(f"still running after {hard_timeout:.0f} s")

        old_handler = signal.signal(signal.SIGALRM, _alarm)
    saved = sys.stdout, sys.stderr
    t0 = time.perf_counter()
    with _FdCapture() as fdcap:
        sys.stdout, sys.stderr = out, err
        try:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, hard_timeout)
            try:
                code = main(list(argv))
            finally:
                if use_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if isinstance(exc.code, str):
                err.write(exc.code + "\n")
        except BaseException as exc:  # noqa: BLE001 - anything escaping main is a finding
            escaped = f"{type(exc).__name__}: {exc}\n" + "".join(traceback.format_exception(exc))[-4000:]
        finally:
            for s in (out, err):
                try:
                    s.flush()
                except Exception:  # noqa: BLE001
                    pass
            sys.stdout, sys.stderr = saved
    seconds = time.perf_counter() - t0
    if use_alarm:
        signal.signal(signal.SIGALRM, old_handler)
    stdout = out_buf.getvalue().decode("utf-8", "replace") + fdcap.text[1]
    stderr = err_buf.getvalue().decode("utf-8", "replace") + fdcap.text[2]
    return code, stdout, stderr, seconds, escaped


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _names_file(path: str, line: str) -> bool:
    p = Path(path)
    candidates = {path, p.name, str(p.resolve()) if p.exists() else path}
    for c in list(candidates):
        candidates.add(c.encode("utf-8", "backslashreplace").decode("utf-8", "replace"))
        candidates.add(repr(c)[1:-1])
    return any(c and c in line for c in candidates)


def judge(path: str, code: int | None, stdout: str, stderr: str, seconds: float, limit: float,
          escaped: str = "") -> tuple[str, str]:
    """``(verdict, reason)`` of one run: verdict "exit0", "exit2" or "FAIL"."""
    if escaped:
        return "FAIL", "exception escaped main: " + escaped.splitlines()[0]
    if TRACEBACK_MARK in stdout or TRACEBACK_MARK in stderr:
        return "FAIL", f"traceback printed (exit {code})"
    if seconds > limit:
        return "FAIL", f"too slow: {seconds:.1f} s (limit {limit:.0f} s), exit {code}"
    lines = stderr.strip("\n").split("\n") if stderr.strip() else []
    if code == 0:
        # issue 16: a clean run prints nothing on stderr (library warnings become report notes)
        return ("FAIL", f"exit 0 with {len(lines)} lines on stderr: {lines[0][:300]}") if lines else ("exit0", "")
    own = [ln for ln in lines if ln.startswith("asean-atlas")]
    first = own[-1] if own else (lines[0] if lines else "")
    if len(lines) > 1:
        first += f"  [+{len(lines) - 1} more stderr lines: {' | '.join(ln for ln in lines if ln != first)[:200]}]"
    if code == 1:
        return "FAIL", "exit 1: " + first
    if code != 2:
        return "FAIL", f"exit {code}: " + first
    if len(lines) != 1:  # one line means one line: no library warning before the error (issue 16)
        return "FAIL", f"exit 2 with {len(lines)} lines on stderr: " + first[:400]
    if not _names_file(path, first):
        return "FAIL", "exit 2, message does not name the file: " + first
    return "exit2", first


def run_case_inprocess(case: Case, out_dir: Path, limit: float = 20.0, hard_timeout: float = 60.0,
                       commands=COMMANDS) -> list[Outcome]:
    """Both commands on one case, in this process."""
    results = []
    for command in commands:
        out_dir.mkdir(parents=True, exist_ok=True)
        code, stdout, stderr, seconds, escaped = run_inprocess(command_argv(command, case.path, out_dir), hard_timeout)
        verdict, reason = judge(str(case.path), code, stdout, stderr, seconds, limit, escaped)
        results.append(Outcome(case.kind, str(case.path), case.description, command, code,
                               stdout[-2000:], stderr[-2000:], seconds, verdict, reason))
        for f in out_dir.glob("*"):
            if f.is_file():
                f.unlink()
    return results


# --------------------------------------------------------------------------------------------
# a case in a child process: timeout, address-space limit, peak RSS
# --------------------------------------------------------------------------------------------

_FAULT_FILE = None


def _enable_faulthandler() -> None:
    """A native crash leaves the Python stack on the process's real stderr (a copy of fd 2, since
    :class:`_FdCapture` points fd 2 elsewhere while a case runs)."""
    global _FAULT_FILE
    import faulthandler

    _FAULT_FILE = os.fdopen(os.dup(2), "w")
    faulthandler.enable(file=_FAULT_FILE)


def _crash_tail(stderr_text: str) -> str:
    """The useful lines of a dead child's stderr: faulthandler's first frames, else the last lines."""
    lines = stderr_text.strip().splitlines()
    fatal = [ln.strip() for ln in lines if ln.startswith("Fatal Python error")]
    frames = [ln.strip() for ln in lines if ln.strip().startswith('File "')]
    if fatal or frames:
        return " | ".join(fatal[:1] + frames[:3])[:400]
    return " | ".join(lines[-3:])[:300]


def _child(spec_file: str) -> int:
    _enable_faulthandler()
    spec = json.loads(Path(spec_file).read_text())
    if spec.get("mem_bytes"):
        resource.setrlimit(resource.RLIMIT_AS, (spec["mem_bytes"], spec["mem_bytes"]))
    case = Case(Path(spec["path"]), spec["kind"], spec["description"])
    outcomes = run_case_inprocess(case, Path(spec["out_dir"]), spec["limit"], hard_timeout=0, commands=spec["commands"])
    Path(spec["result"]).write_text(json.dumps([asdict(o) for o in outcomes]))
    return 0


def run_case_subprocess(case: Case, work: Path, limit: float = 20.0, mem_bytes: int | None = 3 * 1024**3,
                        separate: bool = False, commands=COMMANDS) -> list[Outcome]:
    """The commands on one case in child processes (one child, or one per command with
    ``separate``); a child past ``limit`` seconds is killed. Each outcome gets the child's peak RSS."""
    results: list[Outcome] = []
    todo = list(commands)
    while todo:
        group = todo[:1] if separate else todo
        got = _run_child(case, work, group, limit, mem_bytes)
        results += got
        todo = todo[len(got):]
    return results


def _run_child(case: Case, work: Path, commands: list[str], limit: float, mem_bytes: int | None) -> list[Outcome]:
    work.mkdir(parents=True, exist_ok=True)
    tag = f"{os.getpid()}-{time.monotonic_ns()}"
    spec_file = work / f"spec-{tag}.json"
    result = work / f"result-{tag}.json"
    out_dir = work / f"out-{tag}"
    spec_file.write_text(json.dumps({
        "path": str(case.path), "kind": case.kind, "description": case.description, "out_dir": str(out_dir),
        "limit": limit, "commands": commands, "result": str(result), "mem_bytes": mem_bytes,
    }))
    env = dict(os.environ)
    env.pop("ASEAN_ATLAS_DEBUG", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("ASEAN_ATLAS_CACHE_DIR", str(work / "cache"))
    t0 = time.perf_counter()
    with open(work / f"stdout-{tag}", "wb") as so, open(work / f"stderr-{tag}", "wb") as se:
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", str(spec_file)],
                                stdout=so, stderr=se, env=env, start_new_session=True)
        timed_out = False
        status, usage = 0, None
        deadline = t0 + limit * len(commands) + 5  # + the interpreter start-up
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - t0
    rss_mb = usage.ru_maxrss / 1024 if usage is not None else None
    raw_err = (work / f"stderr-{tag}").read_bytes().decode("utf-8", "replace")
    raw_out = (work / f"stdout-{tag}").read_bytes().decode("utf-8", "replace")
    outcomes: list[Outcome] = []
    if result.exists():
        outcomes = [Outcome(**o) for o in json.loads(result.read_text())]
    done = {o.command for o in outcomes}
    for command in commands:
        if command in done:
            continue
        code = proc.returncode
        if timed_out:
            why = f"timeout: killed after {elapsed:.0f} s"
        elif code < 0:
            why = f"crashed with signal {signal.Signals(-code).name}"
        else:
            why = f"child exited {code} without a result"
        tail = _crash_tail(raw_err)
        outcomes.append(Outcome(case.kind, str(case.path), case.description, command, code, raw_out[-2000:],
                                raw_err[-2000:], elapsed, "FAIL", why + (f" ({tail})" if tail else "")))
        break  # the commands after the one that killed the child did not run
    for o in outcomes:
        o.peak_rss_mb = rss_mb
    for f in (spec_file, result, work / f"stdout-{tag}", work / f"stderr-{tag}"):
        f.unlink(missing_ok=True)
    if out_dir.exists():
        for f in out_dir.glob("*"):
            f.unlink()
        out_dir.rmdir()
    return outcomes


def run_cases_subprocess(cases: list[Case], work: Path, jobs: int = 2, limit: float = 20.0,
                         mem_bytes: int | None = 3 * 1024**3, separate: bool = False,
                         progress: bool = False) -> list[Outcome]:
    done = [0]

    def one(item):
        i, case = item
        out = run_case_subprocess(case, work / f"w{i % max(jobs, 1)}", limit, mem_bytes, separate)
        done[0] += 1
        if progress and (done[0] % 50 == 0 or any(o.failed for o in out)):
            bad = [o for o in out if o.failed]
            msg = f"[{done[0]}/{len(cases)}]" + (f" FAIL {case.kind} {bad[0].command}: {bad[0].reason[:150]}" if bad else "")
            print(msg, file=sys.stderr, flush=True)
        return out

    with ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
        results = list(pool.map(one, enumerate(cases)))
    return [o for r in results for o in r]


# --------------------------------------------------------------------------------------------
# many cases in one worker process (fast), restarted after a crash or a hung case
# --------------------------------------------------------------------------------------------

def _worker(spec_file: str) -> int:
    """Run tasks ``spec["tasks"][start:]`` in this process, one JSON line per event."""
    _enable_faulthandler()
    spec = json.loads(Path(spec_file).read_text())
    if spec.get("mem_bytes"):
        resource.setrlimit(resource.RLIMIT_AS, (spec["mem_bytes"], spec["mem_bytes"]))
    from asean_atlas.desktop.cli import main as _warm  # noqa: F401  (import time is not a case's)

    out_dir = Path(spec["out_dir"])
    with open(spec["result"], "a", encoding="utf-8") as log:
        for t in range(spec["start"], len(spec["tasks"])):
            task = spec["tasks"][t]
            log.write(json.dumps({"start": t}) + "\n")
            log.flush()
            case = Case(Path(task["path"]), task["kind"], task["description"])
            (o,) = run_case_inprocess(case, out_dir, spec["limit"], hard_timeout=0, commands=[task["command"]])
            log.write(json.dumps({"done": t, "outcome": asdict(o)}) + "\n")
            log.flush()
    return 0


def run_cases_worker(cases: list[Case], work: Path, limit: float = 20.0, hard_timeout: float = 60.0,
                     mem_bytes: int | None = 3 * 1024**3, commands=COMMANDS, progress=None) -> list[Outcome]:
    """Every command on every case, in-process in one worker interpreter (``main`` called directly,
    output captured as on a terminal). A worker that crashes (signal) or runs one command longer
    than ``hard_timeout`` is ended; that command is recorded as failed and a new worker goes on
    with the next one. ``progress(outcome)`` is called after each command."""
    work.mkdir(parents=True, exist_ok=True)
    tasks = [{"path": str(c.path), "kind": c.kind, "description": c.description, "command": cmd}
             for c in cases for cmd in commands]
    outcomes: list[Outcome | None] = [None] * len(tasks)
    start = 0
    env = dict(os.environ)
    env.pop("ASEAN_ATLAS_DEBUG", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("ASEAN_ATLAS_CACHE_DIR", str(work / "cache"))
    restarts = 0
    while start < len(tasks):
        tag = f"{os.getpid()}-{time.monotonic_ns()}"
        spec_file, result = work / f"wspec-{tag}.json", work / f"wresult-{tag}.jsonl"
        spec_file.write_text(json.dumps({"tasks": tasks, "start": start, "limit": limit, "mem_bytes": mem_bytes,
                                         "out_dir": str(work / f"wout-{tag}"), "result": str(result)}))
        result.write_text("")
        err_path = work / f"wstderr-{tag}"
        with open(err_path, "wb") as se:
            proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker", str(spec_file)],
                                    stdout=subprocess.DEVNULL, stderr=se, env=env, start_new_session=True)
        current, current_t0, pos, killed = None, None, 0, False
        while True:
            pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
            with open(result, encoding="utf-8") as fh:
                fh.seek(pos)
                chunk = fh.read()
            complete = chunk[: chunk.rfind("\n") + 1]
            pos += len(complete.encode("utf-8"))
            for line in complete.splitlines():
                ev = json.loads(line)
                if "start" in ev:
                    current, current_t0 = ev["start"], time.perf_counter()
                else:
                    o = Outcome(**ev["outcome"])
                    outcomes[ev["done"]] = o
                    current = None
                    if progress:
                        progress(o)
            if pid:
                break
            if current is not None and time.perf_counter() - current_t0 > hard_timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                killed = True
                break
            time.sleep(0.01)
        code = os.waitstatus_to_exitcode(status) if not killed else -signal.SIGKILL
        if current is None:  # finished (or died between commands)
            done_upto = max([i for i, o in enumerate(outcomes) if o is not None], default=start - 1)
            if code == 0 or done_upto + 1 >= len(tasks):
                start = done_upto + 1
                for f in (spec_file, result, err_path):
                    f.unlink(missing_ok=True)
                continue
            current = done_upto + 1
            current_t0 = time.perf_counter()
        task = tasks[current]
        tail = _crash_tail(err_path.read_bytes().decode("utf-8", "replace"))
        if killed:
            why = f"timeout: still running after {hard_timeout:.0f} s, worker killed"
        elif code < 0:
            why = f"crashed with signal {signal.Signals(-code).name}"
        else:
            why = f"worker exited {code} during the command"
        o = Outcome(task["kind"], task["path"], task["description"], task["command"], code, "", tail,
                    time.perf_counter() - current_t0, "FAIL", why + (f" ({tail})" if tail and not killed else ""))
        outcomes[current] = o
        if progress:
            progress(o)
        start = current + 1
        restarts += 1
        for f in (spec_file, result, err_path):
            f.unlink(missing_ok=True)
    return [o for o in outcomes if o is not None]


def run_cases_workers(cases: list[Case], work: Path, jobs: int = 1, **kwargs) -> list[Outcome]:
    """:func:`run_cases_worker` on ``jobs`` interleaved shares of ``cases`` in parallel."""
    jobs = max(1, min(jobs, len(cases)))
    if jobs == 1:
        return run_cases_worker(cases, work / "w0", **kwargs)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        parts = list(pool.map(lambda j: run_cases_worker(cases[j::jobs], work / f"w{j}", **kwargs), range(jobs)))
    return [o for p in parts for o in p]


# --------------------------------------------------------------------------------------------
# reporting
# --------------------------------------------------------------------------------------------

def _reason_class(reason: str) -> str:
    r = re.sub(r"/\S+", "<file>", reason)
    r = re.sub(r"\d+(\.\d+)?", "N", r)
    return r[:160]


def summary(outcomes: list[Outcome]) -> str:
    """A table of outcomes per kind, then the failures grouped by kind, command and reason."""
    per = collections.defaultdict(lambda: collections.Counter())
    noisy = collections.Counter()
    slowest = collections.defaultdict(float)
    rss = collections.defaultdict(float)
    for o in outcomes:
        per[o.kind][o.verdict] += 1
        if o.verdict == "exit0" and o.stderr.strip():
            noisy[o.kind] += 1
        slowest[o.kind] = max(slowest[o.kind], o.seconds)
        if o.peak_rss_mb:
            rss[o.kind] = max(rss[o.kind], o.peak_rss_mb)
    show_rss = bool(rss)
    head = f"{'kind':26s} {'runs':>5s} {'exit0':>6s} {'exit2':>6s} {'FAIL':>5s} {'noisy':>5s} {'max s':>7s}" + (f" {'max RSS MB':>10s}" if show_rss else "")
    lines = [head, "-" * len(head)]
    total = collections.Counter()
    for kind in sorted(per):
        c = per[kind]
        total.update(c)
        lines.append(f"{kind:26s} {sum(c.values()):5d} {c['exit0']:6d} {c['exit2']:6d} {c['FAIL']:5d} {noisy[kind]:5d} {slowest[kind]:7.2f}"
                     + (f" {rss[kind]:10.0f}" if show_rss else ""))
    lines.append("-" * len(head))
    lines.append(f"{'total':26s} {sum(total.values()):5d} {total['exit0']:6d} {total['exit2']:6d} {total['FAIL']:5d} {sum(noisy.values()):5d}")
    lines.append("(noisy: exit 0 but something on stderr, e.g. a GDAL 'ERROR 1:' or a Python warning; not a failure)")
    fails = [o for o in outcomes if o.failed]
    if fails:
        lines.append("")
        lines.append("failures (kind / command / reason: count; one example):")
        groups = collections.defaultdict(list)
        for o in fails:
            groups[(o.kind, o.command, _reason_class(o.reason))].append(o)
        for (kind, command, _), os_ in sorted(groups.items()):
            ex = os_[0]
            lines.append(f"- {kind} / {command}: {len(os_)}x  {ex.reason[:300]}")
            lines.append(f"    e.g. {ex.description[:300]}")
            lines.append(f"    file {ex.path!r}, {ex.seconds:.2f} s" + (f", peak RSS {ex.peak_rss_mb:.0f} MB" if ex.peak_rss_mb else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        return _child(argv[1])
    if argv[:1] == ["--worker"]:
        return _worker(argv[1])
    ap = argparse.ArgumentParser(prog="fuzz_run", description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=300, help="number of light cases (default 300)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kinds", help="comma-separated light kinds (default all)")
    ap.add_argument("--heavy", action="store_true", help="also the heavy cases")
    ap.add_argument("--heavy-only", action="store_true", help="only the heavy cases")
    ap.add_argument("--heavy-kinds", help="comma-separated heavy kinds (default all)")
    ap.add_argument("--folder", help="where to write the cases (default a temporary folder, removed after)")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per command (default 20)")
    ap.add_argument("--mem-gb", type=float, default=3.0, help="RLIMIT_AS of a child in GB (default 3; 0: none)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--isolate", action="store_true", help="one child per case (per-case peak RSS; slower)")
    ap.add_argument("--separate", action="store_true", help="one child per command (per-command peak RSS; implies --isolate)")
    ap.add_argument("--json", help="write all outcomes to this JSON file")
    args = ap.parse_args(argv)

    tmp = None
    if args.folder:
        folder = Path(args.folder)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="atlas-fuzz-")
        folder = Path(tmp.name)
    try:
        t0 = time.perf_counter()
        cases: list[Case] = []
        if not args.heavy_only:
            cases += broken_files.generate(args.seed, args.n, folder / "cases", kinds=args.kinds.split(",") if args.kinds else None)
        if args.heavy or args.heavy_only:
            cases += broken_files.generate_heavy(folder / "heavy", args.heavy_kinds.split(",") if args.heavy_kinds else None)
        print(f"{len(cases)} cases written to {folder} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        t0 = time.perf_counter()
        mem = int(args.mem_gb * 1024**3) if args.mem_gb else None
        if args.isolate or args.separate:
            outcomes = run_cases_subprocess(cases, folder / "work", args.jobs, args.timeout, mem, args.separate, progress=True)
        else:
            count = [0]

            def report(o: Outcome) -> None:
                count[0] += 1
                if o.failed:
                    print(f"FAIL {o.kind} {o.command}: {o.reason[:200]}", file=sys.stderr, flush=True)
                elif count[0] % 200 == 0:
                    print(f"[{count[0]} runs]", file=sys.stderr, flush=True)

            outcomes = run_cases_workers(cases, folder / "work", args.jobs, limit=args.timeout,
                                         hard_timeout=args.timeout + 5, mem_bytes=mem, progress=report)
        print(summary(outcomes))
        print(f"\n{len(cases)} cases, {len(outcomes)} runs in {time.perf_counter() - t0:.1f} s")
        if args.json:
            Path(args.json).write_text(json.dumps([asdict(o) for o in outcomes], indent=1))
        return 1 if any(o.failed for o in outcomes) else 0
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
