"""One process of :mod:`bench.postgis_scale`: the country view, a city view and time-slider steps
of a big point table, from PostGIS (``postgis URI``) or from a GeoPackage read whole
(``gpkg PATH``). Prints one JSON object: ``country_first_paint_s``, ``city_first_paint_s``,
``step_s`` (median of 4 steps at country scale), ``peak_rss_mb``, and for PostGIS the features
or cells each view came as; for the GeoPackage ``load_s`` (read whole, as the window's loader)."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from .peak import peak_rss_mb

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

W, H = 1600, 1000


def main() -> None:
    mode, target = sys.argv[1], sys.argv[2]
    from PySide6.QtGui import QGuiApplication, QImage, QPainter

    from asean_atlas.desktop.renderer import MapRenderer
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.viewport import Viewport

    from .postgis_scale import CITY, COUNTRY

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (kept alive while drawing)
    renderer = MapRenderer(basemap=False)
    image = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)

    def draw(doc, bbox) -> None:
        vp = Viewport(width=W, height=H)
        vp.fit_bbox(bbox, 0.0)
        p = QPainter(image)
        renderer.render(p, doc, vp)
        p.end()

    out: dict = {"mode": mode}
    if mode == "postgis":
        # what the window has imported before a user adds a layer: not part of a view's time
        import asean_atlas.layers.classify  # noqa: F401
        from asean_atlas.desktop.postgis_live import cells_frame
        from asean_atlas.layers.classify import graduated_style
        from asean_atlas.layers.layer import Layer
        from asean_atlas.layers.postgis import PostGISSource, connect
        from asean_atlas.layers.postgis_view import fetch_view
        from asean_atlas.layers.projection import bbox_to_display
        from asean_atlas.layers.temporal import TemporalSpec, TimeFilter

        source = PostGISSource.parse(target)

        def view(bbox, year=None) -> tuple[float, dict]:
            t = time.perf_counter()
            x0, _, x1, _ = bbox_to_display(bbox)
            with connect(source.conninfo) as con:  # a connection per request, as the window
                r = fetch_view(con, source, bbox, view_width_m=x1 - x0, start_field="opened",
                               time_filter=None if year is None else TimeFilter.as_of_year(year))
            doc = MapDocument()
            if r.frame is not None:
                layer = Layer(r.frame, "points", temporal=TemporalSpec("opened"))
                info = {"features": len(r.frame)}
            else:
                cells = cells_frame(r.cells, r.cell_m)
                layer = Layer(cells, "points")
                layer.style = graduated_style(layer.style, cells, "count", "quantiles", 5)
                info = {"cells": len(cells), "features_counted": r.total}
            layer.server_filtered = True
            doc.add_layer(layer)
            draw(doc, bbox)
            return time.perf_counter() - t, info

        out["country_first_paint_s"], info = view(COUNTRY)
        out["country_cells"] = info.get("cells", 0)
        out["country_features_counted"] = info.get("features_counted", info.get("features", 0))
        steps = [view(COUNTRY, year)[0] for year in (2005, 2006, 2007, 2008)]
        out["step_s"] = statistics.median(steps)
        out["city_first_paint_s"], info = view(CITY)
        out["city_features"] = info.get("features", 0)
    else:
        from asean_atlas.layers.io import read_layer

        t = time.perf_counter()
        layer = read_layer(target, cache=False)
        layer.prepare()
        out["load_s"] = time.perf_counter() - t
        doc = MapDocument()
        doc.add_layer(layer)
        t = time.perf_counter()
        draw(doc, COUNTRY)
        out["country_frame_s"] = time.perf_counter() - t
        out["country_first_paint_s"] = out["load_s"] + out["country_frame_s"]
        steps = []
        for year in (2005, 2006, 2007, 2008):
            t = time.perf_counter()
            doc.set_year(year)
            draw(doc, COUNTRY)
            steps.append(time.perf_counter() - t)
        out["step_s"] = statistics.median(steps)
        doc.set_year(None)
        t = time.perf_counter()
        draw(doc, CITY)
        out["city_frame_s"] = time.perf_counter() - t
        out["city_first_paint_s"] = out["load_s"] + out["city_frame_s"]
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
