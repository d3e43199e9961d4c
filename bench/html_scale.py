"""HTML at scale (issue 12 item 7): the Atlas's page beside ``GeoDataFrame.explore().save()``.

Usage::

    python -m bench.html_scale [--runs 3] [--data DIR] [--out docs/PERFORMANCE.md]

Data: ``points_100k`` of :mod:`bench.datasets` (100,000 seeded points with a year) and the
TeleGeography Nov 2022 cables (``../shared/realdata/telegeography/cable-geo.json``, 532 features;
the suite stops with a message when the file is absent). Each run has fresh processes
(:func:`worker`): one for the Atlas (``export_html`` of both layers, read first, the write timed)
and one for geopandas (``p.explore(); c.explore(m=m); m.save()``, the same data read first), then
headless Chromium (Debian ``chromium``/``chromedriver`` through selenium, network blocked) opens
each page: the time from navigation to the first animation frame after the load event.
Medians over the runs; ratios Atlas ÷ explore from the same run (below 1: the Atlas is smaller or
faster). The figures replace the "HTML at scale" section of ``docs/PERFORMANCE.md`` (the rest of
the file is the suite's, :mod:`bench.run`). Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import datasets

REPO = Path(__file__).resolve().parents[1]
CABLES = REPO.parent / "shared" / "realdata" / "telegeography" / "cable-geo.json"
BEGIN, END = "<!-- html-scale -->", "<!-- /html-scale -->"
TARGETS = {"export": 0.1, "size": 0.6, "open_s": 5.0}


def worker(tool: str, points: str, cables: str, out: str) -> dict:
    """Write the page of ``tool`` (``atlas`` or ``explore``) in this process; the figures.

    folium (which both use) is imported before the clock starts, its import timed apart: it
    compiles ~50 Jinja templates (~0.4 s) once per process, in the window at its first export."""
    t = time.perf_counter()
    import folium  # noqa: F401

    folium_s = time.perf_counter() - t
    if tool == "atlas":
        from asean_atlas.layers.document import MapDocument
        from asean_atlas.layers.export_options import ExportOptions
        from asean_atlas.layers.html_export import export_html
        from asean_atlas.layers.io import read_layer

        doc = MapDocument()
        for f in (points, cables):
            doc.add_layer(read_layer(f))
        t = time.perf_counter()
        export_html(doc, out, ExportOptions())
    else:
        import geopandas as gpd

        p, c = gpd.read_file(points), gpd.read_file(cables)
        t = time.perf_counter()
        m = p.explore()
        c.explore(m=m)
        m.save(out)
    return {"export_s": time.perf_counter() - t, "bytes": os.path.getsize(out), "folium_import_s": folium_s}


def open_times(pages: list[Path]) -> list[float | None]:
    """Seconds for headless Chromium to open each page (navigation to the first frame after
    load), one browser for all; None for each page when Chromium or selenium is missing."""
    chromium, driver_bin = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return [None] * len(pages)
    if not chromium or not driver_bin:
        return [None] * len(pages)
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--proxy-server=127.0.0.1:9", "--window-size=1200,800"):
        opts.add_argument(a)
    d = webdriver.Chrome(options=opts, service=Service(driver_bin))
    d.set_page_load_timeout(600)
    d.set_script_timeout(600)
    out = []
    try:
        for page in pages:
            d.get("about:blank")
            t = time.perf_counter()
            d.get(page.as_uri())
            d.execute_async_script("var cb = arguments[0]; requestAnimationFrame(function () { setTimeout(cb, 0); });")
            out.append(time.perf_counter() - t)
    finally:
        d.quit()
    return out


def run(runs: int, data: Path) -> dict:
    """``runs`` paired runs (fresh worker processes, then Chromium): per-run figures, medians
    (seconds, bytes) and the median per-run ratios Atlas ÷ explore."""
    points = datasets.path("points_100k", data)
    per: dict[str, list[dict]] = {"atlas": [], "explore": []}
    with tempfile.TemporaryDirectory(prefix="atlas-html-bench-") as tmp:
        for k in range(runs):
            pages = []
            for tool in ("atlas", "explore"):
                out = Path(tmp) / f"{tool}-{k}.html"
                proc = subprocess.run(
                    [sys.executable, "-m", "bench.html_scale", "--worker", tool, str(points), str(CABLES), str(out)],
                    capture_output=True, text=True, cwd=REPO, env=dict(os.environ, ATLAS_AUTOSAVE_DIR=tmp), timeout=1800)
                lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
                if proc.returncode or not lines:
                    raise SystemExit(f"{tool} worker failed: {proc.stderr.strip()[-500:]}")
                per[tool].append(json.loads(lines[-1]))
                pages.append(out)
            for tool, secs in zip(("atlas", "explore"), open_times(pages)):
                per[tool][-1]["open_s"] = secs
            for p in pages:
                p.unlink()
    med = {}
    for tool, rs in per.items():
        med[tool] = {key: (statistics.median(r[key] for r in rs) if all(r[key] is not None for r in rs) else None)
                     for key in ("export_s", "bytes", "open_s", "folium_import_s")}
    ratio = lambda key: statistics.median(a[key] / e[key] for a, e in zip(per["atlas"], per["explore"]))  # noqa: E731
    return {"runs": runs, "median": med, "per_run": per,
            "export_ratio": ratio("export_s"), "size_ratio": ratio("bytes")}


def section(res: dict) -> str:
    """The Markdown section of :func:`run`'s results, between the section markers."""
    a, e = res["median"]["atlas"], res["median"]["explore"]
    fmt = lambda v, d=2: "–" if v is None else f"{v:.{d}f}"  # noqa: E731
    ok = lambda b: "yes" if b else "**no**"  # noqa: E731
    lines = [
        BEGIN,
        "## HTML at scale (issue 12 item 7)",
        "",
        f"Written by `python -m bench.html_scale` ({res['runs']} runs, fresh processes, medians; ratios Atlas ÷ "
        "explore per run, then the median): 100,000 points (`points_100k`) and the 532 TeleGeography cable "
        "features in one page; geopandas `GeoDataFrame.explore()` of both and `Map.save()` beside the Atlas's "
        "`export_html` (both with the data already read). 'Opens in' is headless Chromium from navigation to the "
        "first frame after the load event (1200×800, network blocked). folium is imported before the clock "
        f"starts in both (its import, once per process: {fmt(a['folium_import_s'])} s, compiles its Jinja "
        "templates; the window pays it at its first HTML export).",
        "",
        "| | Atlas | explore().save() | Atlas ÷ explore | target | met |",
        "|---|---|---|---|---|---|",
        f"| export (s) | {fmt(a['export_s'])} | {fmt(e['export_s'])} | {res['export_ratio']:.3f}× | ≤ 0.1× | "
        f"{ok(res['export_ratio'] <= TARGETS['export'])} |",
        f"| page size (MB) | {fmt(a['bytes'] / 1e6, 1)} | {fmt(e['bytes'] / 1e6, 1)} | {res['size_ratio']:.3f}× | ≤ 0.6× | "
        f"{ok(res['size_ratio'] <= TARGETS['size'])} |",
        f"| opens in Chromium (s) | {fmt(a['open_s'])} | {fmt(e['open_s'])} | "
        f"{'–' if a['open_s'] is None or e['open_s'] is None else format(a['open_s'] / e['open_s'], '.3f') + '×'} | ≤ 5 s | "
        f"{'–' if a['open_s'] is None else ok(a['open_s'] <= TARGETS['open_s'])} |",
        "",
        "A point layer of more than 5,000 features is written as columns (one array per coordinate, member and "
        "attribute: no per-feature keys) and drawn by one canvas per layer, one path per style class "
        "(`layers/html_export.py` `CANVAS_POINTS`, `point_columns`; the `PointCanvas` of `layers/html_page.js`); "
        "identify, hover, the time slider and labels work on it. Before this, the same page was 20 MB of GeoJSON "
        "with one SVG marker per point and took 7.1 s to open (explore's: 28.6 MB, 7.4 s). 1,000,000 points: the page opens in ~2 s, a redraw takes ~0.3 s (a marker is not stamped again where the same marker was the last in its 2 px cell).",
        END,
    ]
    return "\n".join(lines)


def write_section(text: str, out: Path, begin: str = BEGIN, end: str = END) -> None:
    """Replace the section of ``out`` between the markers ``begin`` and ``end`` (or append it),
    written atomically."""
    old = out.read_text(encoding="utf-8") if out.exists() else "# Performance\n"
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        new = head + text + rest.split(end, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    tmp = out.with_suffix(".tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.html_scale", description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "atlas-bench-data")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "PERFORMANCE.md")
    ap.add_argument("--worker", nargs=4, metavar=("TOOL", "POINTS", "CABLES", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return 0
    if not CABLES.exists():
        print(f"{CABLES} not found: the bench needs ../shared/realdata beside the checkout", file=sys.stderr)
        return 2
    res = run(args.runs, args.data)
    text = section(res)
    print(text)
    write_section(text, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
