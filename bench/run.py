"""The benchmark suite (issue 9): every workload, in fresh processes, beside QGIS and matplotlib.

Usage::

    QT_QPA_PLATFORM=offscreen python -m bench [--runs 3] [--datasets points_10k,lines_10k,...]
                                              [--no-qgis] [--out docs/PERFORMANCE.md] [--data DIR]
                                              [--only cold_start]

For each dataset of :mod:`bench.datasets` and each run, one fresh process of the Atlas
(:mod:`bench.atlas_worker`), of QGIS (:mod:`bench.qgis_worker`, under the system Python with
PyQGIS; skipped with a note where it cannot be imported) and of geopandas/matplotlib
(:mod:`bench.mpl_worker`: ``read_file`` and a ``GeoDataFrame.plot`` frame) loads the same
FlatGeobuf and times load, first identify and later clicks, the first frame, warm frames at
1, 1.5 and 3 px with and without antialiasing, a time-slider step, zoom and pan, and peak memory.
Cold start (process start to the first painted window with the built-in layers) and the cached
reopen (GeoParquet cache vs ``read_parquet`` of it) have processes of their own. Medians over the
runs; ratios are QGIS / Atlas (above 1: the Atlas is faster) from the same run. Results are written
as JSON beside the Markdown report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import datasets

REPO = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"
DEFAULT_SETS = ["points_10k", "points_100k", "points_1m", "lines_1k", "lines_10k", "polygons_1k"]


def _run(cmd: list[str], env: dict | None = None, timeout: float = 1800) -> dict | None:
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=e, cwd=REPO)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1][:300]}
    return json.loads(lines[-1])


def qgis_available() -> str | None:
    """The QGIS version PyQGIS reports under the system Python, or None."""
    if not Path(SYSTEM_PYTHON).exists():
        return None
    r = _run([SYSTEM_PYTHON, "-c", "import json; from qgis.core import Qgis; print(json.dumps({'v': Qgis.QGIS_VERSION}))"], timeout=120)
    return None if r is None or "error" in r else r["v"]


def _median_of(results: list[dict], key: str):
    vals = [r[key] for r in results if r and key in r]
    if not vals:
        return None
    if isinstance(vals[0], dict):
        return {k: statistics.median(v[k] for v in vals if k in v) for k in vals[0]}
    return statistics.median(vals)


def bench_dataset(name: str, data: Path, runs: int, tools: list[str]) -> dict:
    """Medians per tool of the per-process workloads of dataset ``name``."""
    path = datasets.path(name, data)
    cmds = {
        "atlas": [sys.executable, "-m", "bench.atlas_worker", str(path)],
        "qgis": [SYSTEM_PYTHON, str(REPO / "bench" / "qgis_worker.py"), str(path)],
        "matplotlib": [sys.executable, "-m", "bench.mpl_worker", str(path)],
    }
    per_tool: dict[str, list[dict]] = {t: [] for t in tools}
    for _ in range(runs):  # paired: the tools alternate within each run
        for tool in tools:
            per_tool[tool].append(_run(cmds[tool]))
    out = {}
    for tool, results in per_tool.items():
        ok = [r for r in results if r and "error" not in r]
        if not ok:
            out[tool] = {"error": next((r["error"] for r in results if r), "no result")}
            continue
        keys = set().union(*(r.keys() for r in ok)) - {"tool", "qgis"}
        out[tool] = {k: _median_of(ok, k) for k in sorted(keys)}
        out[tool]["runs"] = len(ok)
    return out


def _compile_bytecode() -> None:
    """Compile the Atlas's modules once, as ``pip install`` does: with ``PYTHONDONTWRITEBYTECODE``
    set (this machine's default) an editable checkout would compile ~50 modules at every start."""
    import compileall

    for folder in ("layers", "desktop", "geodata"):
        compileall.compile_dir(REPO / folder, quiet=1)


def bench_cold_start(runs: int, tools: list[str]) -> dict:
    """Process start to the first painted window (Atlas) / map canvas (QGIS), built-in layers.

    The Atlas is started through ``asean-atlas``'s own path (:mod:`bench.cold_start`) three ways,
    interleaved with QGIS in each run so the ratios are paired: with its start-up picture
    (:mod:`asean_atlas.desktop.startup`, written by one warm-up start into a fresh cache folder):
    ``first_paint_s`` (the picture) and ``window_paint_s`` (the live window's map); and with the
    picture off (``ATLAS_STARTUP_PICTURE=0``, a first start after an install or a change):
    ``no_picture_s``."""
    out: dict = {}
    _compile_bytecode()
    cache = tempfile.mkdtemp(prefix="atlas-bench-cache-")
    pictures = {"XDG_CACHE_HOME": cache}
    cmds = {
        "atlas": [sys.executable, "-m", "bench.cold_start"],
        "qgis": [SYSTEM_PYTHON, str(REPO / "bench" / "qgis_cold_start.py"), str(REPO / "geodata")],
    }
    if "atlas" in tools:
        warm = _run(cmds["atlas"], env={"BENCH_T0": repr(time.time()), **pictures})
        if warm and "error" in warm:
            out["atlas"] = {"error": warm["error"]}
    vals: dict[str, list[float]] = {k: [] for k in ("first_paint_s", "window_paint_s", "no_picture_s", "qgis")}
    for _ in range(runs):
        if "atlas" in tools and "error" not in out.get("atlas", {}):
            r = _run(cmds["atlas"], env={"BENCH_T0": repr(time.time()), **pictures})
            if r and "error" not in r and r.get("picture"):
                vals["first_paint_s"].append(r["first_paint_s"])
                vals["window_paint_s"].append(r["window_paint_s"])
            r = _run(cmds["atlas"], env={"BENCH_T0": repr(time.time()), "ATLAS_STARTUP_PICTURE": "0", **pictures})
            if r and "error" not in r:
                vals["no_picture_s"].append(r["first_paint_s"])
        if "qgis" in tools:
            r = _run(cmds["qgis"], env={"BENCH_T0": repr(time.time())})
            if r and "error" not in r:
                vals["qgis"].append(r["first_paint_s"])
            elif r:
                out["qgis"] = {"error": r["error"]}
    if vals["first_paint_s"]:
        out["atlas"] = {k: statistics.median(vals[k]) for k in ("first_paint_s", "window_paint_s", "no_picture_s") if vals[k]}
        out["atlas"]["runs"] = len(vals["first_paint_s"])
        if vals["qgis"] and len(vals["qgis"]) == len(vals["first_paint_s"]):
            out["atlas"]["paired_ratio"] = statistics.median(
                q / a for q, a in zip(vals["qgis"], vals["first_paint_s"]))  # QGIS / Atlas per run
    if vals["qgis"]:
        out["qgis"] = {"first_paint_s": statistics.median(vals["qgis"]), "runs": len(vals["qgis"])}
    out["date"] = time.strftime("%Y-%m-%d")
    shutil.rmtree(cache, ignore_errors=True)
    return out


def bench_reopen(name: str, data: Path, runs: int) -> dict:
    """Cached reopen of dataset ``name`` vs ``read_parquet`` of the same cache file, each in a
    fresh process; the order of the two alternates between runs (the one run second found the
    file in the page cache and, before session 25, in the same process: the ratio swung from
    0.4x to 1.3x between runs)."""
    path = datasets.path(name, data)
    keys = ("first_open_s", "reopen_s", "read_parquet_s")
    vals: dict[str, list[float]] = {k: [] for k in keys}
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="atlas-bench-cache-") as cache:
            env = {"ASEAN_ATLAS_CACHE_DIR": cache}
            steps = ["write"] + (["reopen", "read_parquet"] if run % 2 == 0 else ["read_parquet", "reopen"])
            for step in steps:
                v = _run([sys.executable, "-m", "bench.reopen_worker", step, str(path)], env=env)
                if not v or "error" in v:
                    return {"error": (v or {}).get("error", f"no result from {step}")}
                for k in keys:
                    if k in v:
                        vals[k].append(v[k])
    return {k: statistics.median(v) for k, v in vals.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--datasets", default=",".join(DEFAULT_SETS))
    ap.add_argument("--no-qgis", action="store_true")
    ap.add_argument("--no-matplotlib", action="store_true")
    ap.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "atlas-bench-data")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "PERFORMANCE.md")
    ap.add_argument("--only", choices=("cold_start", "reopen"),
                    help="measure only this workload and merge it into the existing docs/PERFORMANCE.json and report")
    args = ap.parse_args(argv)

    tools = ["atlas"]
    qgis = None if args.no_qgis else qgis_available()
    if qgis:
        tools.append("qgis")
    else:
        print("QGIS: not available (install Debian python3-qgis qgis-providers; runs under /usr/bin/python3): skipped")
    if not args.no_matplotlib:
        tools.append("matplotlib")
    if args.only:
        json_path = args.out.with_suffix(".json")
        results = json.loads(json_path.read_text(encoding="utf-8")) if json_path.exists() else {
            "machine": _machine(), "qgis": qgis, "runs": args.runs, "datasets": {}}
        if args.only == "cold_start":
            results["cold_start"] = bench_cold_start(args.runs, tools)
            print("cold start:", json.dumps(results["cold_start"]))
        else:
            names = [n for n in args.datasets.split(",") if n.startswith("points_1")]
            results["reopen"] = dict(results.get("reopen") or {}, date=time.strftime("%Y-%m-%d"),
                                     **{n: bench_reopen(n, args.data, args.runs) for n in names})
            print("reopen:", json.dumps(results["reopen"]))
        json_path.write_text(json.dumps(results, indent=1), encoding="utf-8")
        from .report import write_report

        write_report(results, args.out)
        print(f"wrote {args.out} and {json_path}")
        return 0
    names = [n for n in args.datasets.split(",") if n]
    results: dict = {"machine": _machine(), "qgis": qgis, "runs": args.runs, "datasets": {}}
    for name in names:
        t = time.perf_counter()
        results["datasets"][name] = bench_dataset(name, args.data, args.runs, tools)
        print(f"{name}: {time.perf_counter() - t:.0f} s", flush=True)
        print(_table_for(name, results["datasets"][name]), flush=True)
    results["cold_start"] = bench_cold_start(args.runs, tools)
    print("cold start:", json.dumps(results["cold_start"]))
    results["reopen"] = {n: bench_reopen(n, args.data, args.runs) for n in names if n.startswith("points_1")}
    print("reopen:", json.dumps(results["reopen"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    from .report import write_report

    write_report(results, args.out)
    print(f"wrote {args.out} and {args.out.with_suffix('.json')}")
    return 0


def _machine() -> dict:
    import PySide6

    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "pyside6": PySide6.__version__,
        "date": time.strftime("%Y-%m-%d"),
    }
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "")
    except OSError:
        pass
    info["has_xvfb"] = bool(shutil.which("Xvfb"))
    return info


def _table_for(name: str, res: dict) -> str:
    from .report import dataset_table

    return dataset_table(name, res)


if __name__ == "__main__":
    raise SystemExit(main())
