"""docs/PERFORMANCE.md from the suite's results (:mod:`bench.run`)."""

from __future__ import annotations

from pathlib import Path

WORKLOADS = [
    ("load_s", "load (s)", 1.0),
    ("first_identify_ms", "first identify after load (ms)", 1.0),
    ("identify_ms", "identify, later clicks (ms)", 1.0),
    ("first_frame_ms", "first frame (ms)", 1.0),
    ("step_ms", "time-slider step (ms)", 1.0),
    ("zoom_ms", "zoom (ms)", 1.0),
    ("pan_ms", "pan (ms)", 1.0),
    ("peak_rss_mb", "peak memory (MB)", 1.0),
]
TOOLS = ("atlas", "qgis", "matplotlib")

# What dominated each cost, from profiles (py-spy, cProfile) of the workers; kept by hand.
NOTES = Path(__file__).with_name("NOTES.md")


def _fmt(v) -> str:
    if v is None:
        return "–"
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def _ratio(q, a) -> str:
    if q is None or a is None or a <= 0:
        return "–"
    return f"**{q / a:.1f}×**" if q / a >= 1 else f"{q / a:.2f}×"


def dataset_table(name: str, res: dict) -> str:
    """A Markdown table of one dataset's medians: rows workloads, columns tools, QGIS/Atlas ratio."""
    head = "| " + name + " | Atlas | QGIS | matplotlib | QGIS ÷ Atlas |\n|---|---|---|---|---|\n"
    rows = []
    get = lambda tool, key: (res.get(tool) or {}).get(key) if "error" not in (res.get(tool) or {}) else None  # noqa: E731
    for key, label, _ in WORKLOADS:
        a, q, m = (get(t, key) for t in TOOLS)
        if a is None and q is None and m is None:
            continue
        rows.append(f"| {label} | {_fmt(a)} | {_fmt(q)} | {_fmt(m)} | {_ratio(q, a)} |")
    frames = sorted(set().union(*[(get(t, "frame_ms") or {}).keys() for t in TOOLS]),
                    key=lambda k: (float(k.split("/")[0]), -int(k.split("/")[1])))
    for k in frames:
        width, aa = k.split("/")
        a, q, m = ((get(t, "frame_ms") or {}).get(k) for t in TOOLS)
        rows.append(f"| frame {width} px, {'antialiased' if aa == '1' else 'aliased'} (ms) | {_fmt(a)} | {_fmt(q)} | {_fmt(m)} | {_ratio(q, a)} |")
    errors = [f"{t}: {res[t]['error']}" for t in TOOLS if isinstance(res.get(t), dict) and "error" in res[t]]
    return head + "\n".join(rows) + ("\n\n" + "; ".join(errors) if errors else "")


def write_report(results: dict, out: Path) -> None:
    """Write the Markdown report (machine, versions, one table per dataset, cold start, reopen)."""
    m = results["machine"]
    parts = [
        "# Performance",
        "",
        "Written by `QT_QPA_PLATFORM=offscreen python -m bench` (issue 9): every workload in fresh processes, "
        f"{results['runs']} runs, medians; the ratio column is QGIS ÷ Atlas from the same run (above 1: the "
        "Atlas is faster). Frames are 1600×1000 px of the Atlas region (lon 90–142°, lat −12–30°, EPSG:3857), "
        "no basemap, warm caches; 'first frame' includes building them. Data: `bench/datasets.py` "
        "(FlatGeobuf, seeded). Raw figures: `docs/PERFORMANCE.json`.",
        "",
        f"Machine: {m.get('cpu', '?')}, {m['cpus']} cores; {m['platform']}; Python {m['python']}, "
        f"PySide6 {m['pyside6']}; QGIS {results.get('qgis') or 'not installed (skipped)'}; {m['date']}.",
        "",
    ]
    for name, res in results["datasets"].items():
        parts += [f"## {name}", "", dataset_table(name, res), ""]
    cs = results.get("cold_start", {})
    if cs:
        parts += ["## Cold start", "", "Process launch to the first painted window with the built-in layers "
                  "(Atlas main window; QGIS: a `QgsMapCanvas` with the same layers from `geodata/*.gpkg`).", "",
                  "| | Atlas | QGIS | QGIS ÷ Atlas |", "|---|---|---|---|",
                  f"| first paint (s) | {_fmt((cs.get('atlas') or {}).get('first_paint_s'))} | "
                  f"{_fmt((cs.get('qgis') or {}).get('first_paint_s'))} | "
                  f"{_ratio((cs.get('qgis') or {}).get('first_paint_s'), (cs.get('atlas') or {}).get('first_paint_s'))} |", ""]
    ro = results.get("reopen", {})
    if ro:
        parts += ["## Cached reopen", "", "| dataset | first open (s) | reopen from cache (s) | `read_parquet` of the cache (s) | reopen ÷ read_parquet |",
                  "|---|---|---|---|---|"]
        for name, r in ro.items():
            if "error" in r:
                parts.append(f"| {name} | {r['error']} | | | |")
                continue
            parts.append(f"| {name} | {_fmt(r['first_open_s'])} | {_fmt(r['reopen_s'])} | {_fmt(r['read_parquet_s'])} | "
                         f"{r['reopen_s'] / r['read_parquet_s']:.2f}× |")
        parts.append("")
    if NOTES.exists():
        parts += [NOTES.read_text(encoding="utf-8").strip(), ""]
    out.write_text("\n".join(parts), encoding="utf-8")
