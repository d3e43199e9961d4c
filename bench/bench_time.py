"""Benchmark of a time-slider step (issue 5): mask + repaint vs a full re-render from scratch.

A step moves the document's :class:`TimeController` one year: every layer recomputes its boolean
mask (vectorized) and the map is repainted into a 1600x1000 QImage with the renderer's caches
warm (projected coordinates, Qt paths). The full re-render builds new :class:`Layer` objects
(reprojection to EPSG:3857) and a new :class:`MapRenderer` (Qt paths), then paints. The shared
Natural Earth basemap is loaded once per process in both cases.

Run::

    QT_QPA_PLATFORM=offscreen python bench/bench_time.py [--points 100000] [--lines 10000] [--repeat 15]

Prints the medians (ms) and the ratio for points alone, lines alone, and both together.
Target (issue 5): median step <= 30 ms for 100k points, >= 10x faster than the full re-render.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402


def make_points(n: int, seed: int = 1) -> gpd.GeoDataFrame:
    """``n`` points over Southeast Asia with start years 1995–2025 and some end years."""
    rng = np.random.default_rng(seed)
    start = rng.integers(1995, 2026, n)
    end = np.where(rng.random(n) < 0.2, start + rng.integers(3, 15, n), 0).astype(float)
    end[end == 0] = np.nan
    return gpd.GeoDataFrame(
        {"id": np.arange(n), "start": start, "end": end},
        geometry=shapely.points(rng.uniform(92, 140, n), rng.uniform(-10, 28, n)),
        crs=4326,
    )


def make_lines(n: int, vertices: int = 20, seed: int = 2) -> gpd.GeoDataFrame:
    """``n`` random-walk lines of ``vertices`` vertices with start years 1995–2025."""
    rng = np.random.default_rng(seed)
    x0, y0 = rng.uniform(95, 135, n), rng.uniform(-8, 25, n)
    steps = rng.normal(0, 0.3, (n, vertices, 2)).cumsum(axis=1)
    coords = np.stack([x0[:, None] + steps[..., 0], y0[:, None] + steps[..., 1]], axis=-1)
    lines = shapely.linestrings(coords.reshape(-1, 2), indices=np.repeat(np.arange(n), vertices))
    return gpd.GeoDataFrame(
        {"id": np.arange(n), "start": rng.integers(1995, 2026, n)}, geometry=lines, crs=4326
    )


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run(frames: dict[str, gpd.GeoDataFrame], repeat: int, width: int = 1600, height: int = 1000) -> tuple[float, float]:
    """Median ms of a slider step and of a full re-render for a document of ``frames``."""
    from PySide6.QtGui import QImage, QPainter

    from asean_atlas.desktop.renderer import MapRenderer
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.layer import Layer
    from asean_atlas.layers.style import Style
    from asean_atlas.layers.temporal import TemporalSpec
    from asean_atlas.layers.viewport import Viewport

    def build() -> MapDocument:
        doc = MapDocument()
        for name, frame in frames.items():
            spec = TemporalSpec("start", "end" if "end" in frame.columns else None)
            doc.add_layer(Layer(frame, name, style=Style(marker_size=4, stroke_width=1), temporal=spec))
        return doc

    vp = Viewport(width=width, height=height)
    vp.fit_bbox((90.0, -12.0, 142.0, 30.0))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)

    def paint(doc: MapDocument, renderer: MapRenderer) -> None:
        painter = QPainter(image)
        renderer.render(painter, doc, vp)
        painter.end()

    doc = build()
    renderer = MapRenderer()
    doc.time.set_range(2000, 2025)
    doc.set_year(2000)
    paint(doc, renderer)  # warm: projection and Qt paths built once

    def step() -> None:
        if not doc.time.step(+1):
            doc.time.go_first()
        paint(doc, renderer)

    step_ms = _median_ms(step, repeat * 2)

    def full() -> None:
        fresh = build()  # new layers: reprojection on first paint
        fresh.set_year(2012)
        paint(fresh, MapRenderer())

    full_ms = _median_ms(full, repeat)
    return step_ms, full_ms


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--points", type=int, default=100_000)
    p.add_argument("--lines", type=int, default=10_000)
    p.add_argument("--repeat", type=int, default=15)
    args = p.parse_args(argv)
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    from asean_atlas.desktop.renderer import MapRenderer

    MapRenderer.basemap_paths()  # shared by both measurements
    points, lines = make_points(args.points), make_lines(args.lines)
    cases = {
        f"{args.points:,} points": {"points": points},
        f"{args.lines:,} lines": {"lines": lines},
        "both": {"points": points, "lines": lines},
    }
    print(f"{'case':<18}{'step median':>14}{'full re-render median':>24}{'ratio':>9}")
    ok = True
    for name, frames in cases.items():
        step_ms, full_ms = run(frames, args.repeat)
        ratio = full_ms / step_ms
        print(f"{name:<18}{step_ms:>11.1f} ms{full_ms:>21.1f} ms{ratio:>8.1f}x")
        if "points" in name:
            ok = step_ms <= 30 and ratio >= 10
    print("target (100k points: step <= 30 ms and >= 10x):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
