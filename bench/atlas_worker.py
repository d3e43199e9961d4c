"""One benchmark process of the Atlas (issue 9): load a dataset and time every workload.

Run by :mod:`bench.run` in a fresh process per dataset and run::

    python -m bench.atlas_worker DATASET.fgb --widths 1,1.5,3 --aa 1,0 --frames 3

Prints one JSON object: ``load_s``, ``first_frame_ms``, ``frame_ms`` (per ``"width/aa"``),
``step_ms``, ``zoom_ms``, ``pan_ms``, ``first_identify_ms``, ``identify_ms``, ``peak_rss_mb``, and
the search workload (issue 11): ``search_index_s`` (index build), ``search_ms`` (first 20 results
of a query), ``search_pandas_ms`` (baseline: ``Series.str.contains`` over the names, same queries),
``peak_rss_search_mb`` (peak with the index); the attribute table: ``table_open_ms``,
``table_sort_ms`` (by name, descending) against ``table_sort_pandas_ms`` (``sort_values``),
``table_filter_ms`` (``Layer.set_filter`` of an expression) against ``table_filter_pandas_ms``
(``DataFrame.query`` of the same expression) and ``table_filter_mask_ms`` (the comparison
written by hand in pandas).
Frames are 1600x1000 pixels of the Atlas region (:data:`bench.datasets.BBOX`), no basemap, drawn
by the same :class:`MapRenderer` as the window, into a QImage.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

from .peak import peak_rss_mb

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

T_START = time.perf_counter()


def _ms(fn, repeat: int) -> float:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--widths", default="1,1.5,3")
    ap.add_argument("--aa", default="1,0")
    ap.add_argument("--frames", type=int, default=3)
    ap.add_argument("--size", default="1600x1000")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))

    # the data stack before PySide6, as the app imports it (desktop/cli.run_gui): PySide6's
    # import hook reads, and linecache keeps, the source of every module imported after it
    import geopandas  # noqa: F401
    import numpy as np
    from PySide6.QtGui import QGuiApplication, QImage, QPainter

    from asean_atlas.desktop.renderer import MapRenderer
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.io import read_layer
    from asean_atlas.layers.style import Style
    from asean_atlas.layers.temporal import TemporalSpec
    from asean_atlas.layers.viewport import Viewport

    from .datasets import BBOX

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    out: dict = {"tool": "atlas", "import_s": time.perf_counter() - T_START}

    # a load as the window's loader thread does it: read, then projected coordinates and the
    # identify index (Layer.prepare), before the layer is handed to the GUI thread
    t = time.perf_counter()
    layer = read_layer(args.path, cache=False)
    out["read_s"] = time.perf_counter() - t
    layer.prepare()
    out["load_s"] = time.perf_counter() - t
    layer.set_temporal(TemporalSpec("year"))
    doc = MapDocument()
    doc.add_layer(layer)
    vp = Viewport(width=w, height=h)
    vp.fit_bbox(BBOX, 0.0)
    renderer = MapRenderer(basemap=False)
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)

    def frame(viewport=vp, aa=True):
        # the renderer sets the painter's hints itself (View > Antialiasing); before session 25
        # it always antialiased, so the "aliased" Atlas figures were antialiased ones
        p = QPainter(image)
        renderer.render(p, doc, viewport, antialiasing=aa)
        p.end()

    # identify right after the load, as a user's first click
    import shapely

    from asean_atlas.layers.projection import lonlat_to_display

    ll = shapely.get_coordinates(shapely.point_on_surface(layer.geometries(np.arange(50))))
    pts = np.column_stack(lonlat_to_display(ll[:, 0], ll[:, 1]))
    tol = 6 * vp.resolution
    t = time.perf_counter()
    layer.index.nearest_within(pts[0, 0], pts[0, 1], tol, layer.drawn_mask(doc.time_filter))
    out["first_identify_ms"] = (time.perf_counter() - t) * 1000
    clicks = iter(range(1, 50))
    out["identify_ms"] = _ms(lambda: layer.index.nearest_within(
        *pts[next(clicks)], tol, layer.drawn_mask(doc.time_filter)), 20)

    t = time.perf_counter()
    frame()
    out["first_frame_ms"] = (time.perf_counter() - t) * 1000
    out["frame_ms"] = {}
    for width in (float(v) for v in args.widths.split(",")):
        layer.set_style(Style(color="#1f78b4", stroke_width=width, fill_color="#a6cee3"))
        for aa in (bool(int(v)) for v in args.aa.split(",")):
            frame(aa=aa)  # caches for this style
            out["frame_ms"][f"{width:g}/{int(aa)}"] = _ms(lambda: frame(aa=aa), args.frames)
    layer.set_style(Style(color="#1f78b4", stroke_width=1.5, fill_color="#a6cee3"))
    frame()
    years = iter(list(range(2000, 2026)) * 3)

    def step():
        doc.set_year(next(years))
        frame()

    step()
    out["step_ms"] = _ms(step, max(args.frames, 5))
    doc.set_year(None)
    zooms = iter([0.5, 2.0] * 20)
    pans = iter([0.1, -0.1] * 20)

    def zoom():
        vp.zoom(next(zooms), w / 2, h / 2)
        frame()

    def pan():
        vp.pan_pixels(next(pans) * w, 0)
        frame()

    out["zoom_ms"] = _ms(zoom, max(args.frames, 4))
    out["pan_ms"] = _ms(pan, max(args.frames, 4))
    out["peak_rss_mb"] = peak_rss_mb()
    out["compact"] = layer.compact

    # search (issue 11): the index is built once after a load (a worker thread in the window);
    # first results of a query against a plain pandas str.contains over the names, same data
    from asean_atlas.layers import search

    t = time.perf_counter()
    search.index_for(layer)
    out["search_index_s"] = time.perf_counter() - t
    n = layer.feature_count
    names = layer.attributes["name"]
    queries = iter([f"{names.iloc[n // 3]}", f"{n // 7}", "zzz", f"{names.iloc[-1]}"] * 5)
    out["search_ms"] = _ms(lambda: search.search([layer], next(queries), limit=20), 20)
    queries = iter([f"{names.iloc[n // 3]}", f"{n // 7}", "zzz", f"{names.iloc[-1]}"] * 5)
    out["search_pandas_ms"] = _ms(lambda: names.str.contains(next(queries), case=False, regex=False).to_numpy().nonzero(), 20)
    out["peak_rss_search_mb"] = peak_rss_mb()

    # attribute table (issue 11): open (model over the frame, the first screen of cells), sort a
    # column, apply a layer filter; baselines: pandas sort_values / a boolean mask on the same data
    from asean_atlas.desktop.attribute_table import AttributeTableModel, sorted_rows

    def table_open():
        m = AttributeTableModel(layer)
        for r in range(40):
            for c in range(m.columnCount()):
                m.data(m.index(r, c))

    out["table_open_ms"] = _ms(table_open, 3)
    rows = np.arange(layer.feature_count)
    out["table_sort_ms"] = _ms(lambda: sorted_rows(layer.attributes, "name", rows, True), 3)
    out["table_sort_pandas_ms"] = _ms(lambda: layer.attributes["name"].sort_values(ascending=False, kind="stable"), 3)
    exprs = iter(["year >= 2010", "year < 2000 or year == 2020"] * 5)
    out["table_filter_ms"] = _ms(lambda: layer.set_filter(next(exprs)), 4)
    layer.set_filter(None)
    years = layer.attributes["year"]
    exprs = iter(["year >= 2010", "year < 2000 or year == 2020"] * 5)
    out["table_filter_pandas_ms"] = _ms(lambda: layer.attributes.query(next(exprs)).index.to_numpy(), 4)
    exprs = iter([lambda: years >= 2010, lambda: (years < 2000) | (years == 2020)] * 5)
    out["table_filter_mask_ms"] = _ms(lambda: next(exprs)().to_numpy(), 4)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
