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
    ("search_index_s", "search index build (s)", 1.0),
    ("search_ms", "search, first 20 results (ms)", 1.0),
    ("search_pandas_ms", "baseline: pandas str.contains on names (ms)", 1.0),
    ("peak_rss_search_mb", "peak memory with the search index (MB)", 1.0),
    ("table_open_ms", "attribute table: open (ms)", 1.0),
    ("table_sort_ms", "attribute table: sort a text column (ms)", 1.0),
    ("table_sort_pandas_ms", "baseline: pandas sort_values (ms)", 1.0),
    ("table_filter_ms", "attribute table: apply a filter expression (ms)", 1.0),
    ("table_filter_pandas_ms", "baseline: pandas DataFrame.query (ms)", 1.0),
    ("table_filter_mask_ms", "baseline: pandas comparison by hand (ms)", 1.0),
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


def targets(results: dict) -> list[tuple[str, str, bool | None]]:
    """Issue 9's targets against this run: ``(target, measured, met)``; met None when not measured."""
    ds = results.get("datasets", {})

    def a(name, key):
        return ((ds.get(name) or {}).get("atlas") or {}).get(key)

    def q(name, key):
        return ((ds.get(name) or {}).get("qgis") or {}).get(key)

    rows: list[tuple[str, str, bool | None]] = []
    frames = a("lines_10k", "frame_ms") or {}
    if frames:
        worst = max(frames.values())
        rows.append(("lines_10k frame ≤ 600 ms at every width up to 3 px", f"{worst:.0f} ms (slowest of {len(frames)})", worst <= 600))
        qf = q("lines_10k", "frame_ms") or {}
        ratios = {k: qf[k] / v for k, v in frames.items() if k in qf and v}
        if ratios:
            lo = min(ratios, key=ratios.get)
            rows.append(("lines_10k frame ≥ 10× faster than QGIS at the same width",
                         ", ".join(f"{k.replace('/1', ' px AA').replace('/0', ' px')}: {r:.1f}×" for k, r in sorted(ratios.items())),
                         ratios[lo] >= 10))
    for name, key, limit, label in (
        ("lines_10k", "step_ms", 250, "lines_10k step ≤ 250 ms"),
        ("points_1m", "first_frame_ms", 400, "points_1m first frame ≤ 400 ms"),
        ("points_1m", "step_ms", 250, "points_1m step ≤ 250 ms"),
        ("points_100k", "zoom_ms", 100, "points_100k zoom ≤ 100 ms (full redraw at rest)"),
        ("points_100k", "pan_ms", 100, "points_100k pan ≤ 100 ms (full redraw at rest)"),
        ("lines_10k", "zoom_ms", 100, "lines_10k zoom ≤ 100 ms (full redraw at rest)"),
        ("lines_10k", "pan_ms", 100, "lines_10k pan ≤ 100 ms (full redraw at rest)"),
        ("points_1m", "first_identify_ms", 50, "first identify after a 1M-point load ≤ 50 ms"),
        ("points_1m", "identify_ms", 5, "later identify at 1M points ≤ 5 ms"),
        ("points_1m", "peak_rss_mb", 400, "peak memory, 1M points loaded and drawn ≤ 400 MB"),
        ("lines_10k", "peak_rss_mb", 300, "peak memory, 10k lines ≤ 300 MB"),
        ("points_1m", "search_ms", 50, "search: first results at 1M features ≤ 50 ms (issue 11)"),
        ("points_1m", "table_open_ms", 1000, "attribute table: open at 1M rows ≤ 1 s (issue 11)"),
        ("points_1m", "table_sort_ms", 1500, "attribute table: sort at 1M rows ≤ 1.5 s (issue 11)"),
        ("points_1m", "table_filter_ms", 500, "attribute table: filter at 1M rows ≤ 0.5 s (issue 11)"),
    ):
        v = a(name, key)
        rows.append((label, "–" if v is None else _fmt(v) + (" MB" if "rss" in key else " ms"), None if v is None else v <= limit))
    cs = results.get("cold_start", {})
    ca, cq = (cs.get("atlas") or {}).get("first_paint_s"), (cs.get("qgis") or {}).get("first_paint_s")
    if ca is not None:
        pr = (cs.get("atlas") or {}).get("paired_ratio")
        rows.append(("cold start ≤ a QGIS canvas with the same layers",
                     (f"{ca:.2f} s vs {cq:.2f} s" if cq else f"{ca:.2f} s") + (f" (paired QGIS ÷ Atlas {pr:.2f}×)" if pr else ""),
                     None if cq is None else ca <= cq))
    ro = (results.get("reopen") or {}).get("points_1m") or {}
    if "reopen_s" in ro:
        r = ro["reopen_s"] / ro["read_parquet_s"]
        rows.append(("cached reopen ≤ 1.1× read_parquet (1M points)", f"{r:.2f}×", r <= 1.1))
    return rows


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
    parts += ["## Targets (issue 9)", "", "| target | this run | met |", "|---|---|---|"]
    parts += [f"| {t} | {m} | {'yes' if ok else ('–' if ok is None else '**no**')} |" for t, m, ok in targets(results)]
    parts += ["", "QGIS opens a layer lazily (its 'load' reads the header; every frame reads the features from the "
              "file), the Atlas reads the whole layer into memory once: compare loads with that in mind.", ""]
    for name, res in results["datasets"].items():
        parts += [f"## {name}", "", dataset_table(name, res), ""]
    cs = results.get("cold_start", {})
    if cs:
        at, qg = cs.get("atlas") or {}, cs.get("qgis") or {}
        parts += ["## Cold start", "", "Process launch to the first painted window with the built-in layers "
                  "(Atlas: `asean-atlas`'s own start-up path, `bench/cold_start.py`; QGIS: a `QgsMapCanvas` with the "
                  "same layers from `geodata/*.gpkg`), offscreen, runs interleaved"
                  + (f", measured {cs['date']} (`python -m bench --only cold_start`)" if cs.get("date") else "") + ". "
                  "A plain start shows the picture of the window's last plain start first "
                  "(`desktop/startup.py`), then the live window takes its place; without a picture (the first start "
                  "after an install or a change, or `ATLAS_STARTUP_PICTURE=0`) the first paint is the live window's.", "",
                  "| | Atlas | QGIS | QGIS ÷ Atlas |", "|---|---|---|---|",
                  f"| first paint (s) | {_fmt(at.get('first_paint_s'))} | {_fmt(qg.get('first_paint_s'))} | "
                  + (f"{at['paired_ratio']:.2f}× (paired)" if at.get("paired_ratio") else _ratio(qg.get("first_paint_s"), at.get("first_paint_s")))
                  + " |",
                  f"| live window's map painted (s) | {_fmt(at.get('window_paint_s'))} | | {_ratio(qg.get('first_paint_s'), at.get('window_paint_s'))} |",
                  f"| first paint without a picture (s) | {_fmt(at.get('no_picture_s'))} | | {_ratio(qg.get('first_paint_s'), at.get('no_picture_s'))} |",
                  ""]
    ro = dict(results.get("reopen", {}))
    date = ro.pop("date", None)
    if ro:
        parts += ["## Cached reopen", "", "Each step in a fresh process of its own (the reopen and `read_parquet` in "
                  "alternating order), with the same modules imported before each clock starts"
                  + (f"; measured {date} (`python -m bench --only reopen`)" if date else "") + ".", "",
                  "| dataset | first open (s) | reopen from cache (s) | `read_parquet` of the cache (s) | reopen ÷ read_parquet |",
                  "|---|---|---|---|---|"]
        for name, r in ro.items():
            if "error" in r:
                parts.append(f"| {name} | {r['error']} | | | |")
                continue
            parts.append(f"| {name} | {_fmt(r['first_open_s'])} | {_fmt(r['reopen_s'])} | {_fmt(r['read_parquet_s'])} | "
                         f"{r['reopen_s'] / r['read_parquet_s']:.2f}× |")
        parts.append("")
    # the "HTML at scale" section is written by bench.html_scale: kept as it is
    from .html_scale import BEGIN, END

    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if BEGIN in old and END in old:
        parts += [BEGIN + old.split(BEGIN, 1)[1].split(END, 1)[0] + END, ""]
    if NOTES.exists():
        parts += [NOTES.read_text(encoding="utf-8").strip(), ""]
    out.write_text("\n".join(parts), encoding="utf-8")
