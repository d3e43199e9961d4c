import json
import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.html_export import export_html, feature_collection, page_data
from asean_atlas.layers.io import read_layer
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.style import Style
from asean_atlas.layers.temporal import TemporalSpec


def _doc(*layers):
    doc = MapDocument()
    for lyr in layers:
        doc.add_layer(lyr)
    return doc


def _sites():
    frame = gpd.GeoDataFrame(
        {
            "name": ["Nanning <AI> & Co", "Chon Buri"],
            "opened": pd.to_datetime(["2022-09-01", None]),
            "rfs_year": [2017, 2005],
            "tags": [["a", "b"], None],
        },
        geometry=[shapely.Point(108.318, 22.822), shapely.Point(101.0, 13.4)],
        crs=4326,
    )
    return Layer(frame, "Sites", style=Style(color="#d62728"), temporal=TemporalSpec("rfs_year"))


def test_feature_collection_is_valid_geojson_with_safe_values():
    fc = json.loads(feature_collection(_sites()))
    assert len(fc["features"]) == 2
    props = fc["features"][0]["properties"]
    # the value as it is: the page writes it with textContent (escaping is the output's job)
    assert props["name"] == "Nanning <AI> & Co"
    assert props["opened"] == "2022-09-01"  # dates as ISO text, not a JSON error
    assert fc["features"][1]["properties"]["opened"] is None  # NaT -> null
    assert json.loads(props["tags"]) == ["a", "b"]  # nested values as JSON text
    assert fc["features"][0]["geometry"]["coordinates"] == [108.318, 22.822]


def test_html_has_layer_names_colours_and_respects_year(tmp_path):
    out = tmp_path / "map.html"
    export_html(_doc(_sites()), out, ExportOptions(year=2010, title="Test map", html_time_slider=False))
    text = out.read_text(encoding="utf-8")
    data = page_data(text)
    assert data["title"] == "Test map" and data["stamp"] == "as of 2010"
    names = [f["properties"]["name"] for f in data["layers"][0]["fc"]["features"]]
    assert names == ["Chon Buri"]  # 2005 shown; Nanning (2017) hidden as of 2010
    # the hidden feature is nowhere in the page (the basemap's "Nanning" city label may be)
    assert "Nanning" not in json.dumps(data["layers"]) and '"name": "Nanning"' not in text
    assert data["layers"][0]["classes"][0]["color"] == "#d62728"
    assert data["layers"][0]["title"] == "Sites"


def test_html_of_real_cables(cables_path, tmp_path):
    layer = read_layer(cables_path)
    out = tmp_path / "cables.html"
    export_html(_doc(layer), out, ExportOptions())
    text = out.read_text(encoding="utf-8")
    feats = page_data(text)["layers"][0]["fc"]["features"]
    assert len(feats) == 532  # one per cable feature
    assert "Asia-America Gateway (AAG) Cable System" in {f["properties"]["name"] for f in feats}


def test_empty_layer_exports_without_nan(tmp_path):
    empty = Layer(gpd.GeoDataFrame({"name": []}, geometry=[], crs=4326), "Empty")
    out = tmp_path / "empty.html"
    export_html(_doc(empty), out, ExportOptions(html_self_contained=False))  # Leaflet's own code has "NaN"
    text = out.read_text(encoding="utf-8")
    assert "NaN" not in text and page_data(text)["layers"][0]["title"] == "Empty"


def test_self_contained_html_has_no_external_files(tmp_path):
    out = tmp_path / "offline.html"
    export_html(_doc(_sites()), out, ExportOptions())
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']https?://", text)
    assert not re.search(r"<link[^>]+href=[\"']https?://", text)
    assert "L.map(" in text and "Leaflet" in text  # Leaflet itself is inline
    assert "jquery" not in text.lower() and "bootstrap" not in text.lower()
    cdn = tmp_path / "cdn.html"
    export_html(_doc(_sites()), cdn, ExportOptions(html_self_contained=False))
    cdn_text = cdn.read_text(encoding="utf-8")
    assert re.search(r"<script[^>]+src=[\"']https://cdn.jsdelivr.net/npm/leaflet", cdn_text)
    assert "jquery" not in cdn_text.lower()  # Leaflet only: the page needs nothing else


def test_proportional_symbols_radius_in_html(tmp_path):
    frame = gpd.GeoDataFrame(
        {"name": ["big", "small", "unknown"], "capacity_mw": [300.0, 75.0, None]},
        geometry=[shapely.Point(103.6, 1.6), shapely.Point(106.9, -6.2), shapely.Point(104.0, 1.1)],
        crs=4326,
    )
    style = Style(color="#1b7a3e", fill_color="#2ca25f", size_field="capacity_mw", size_range=(6.0, 22.0))
    layer = Layer(frame, "Data centres", style=style)
    sizes = style.marker_sizes(frame)
    # area-true: diameter grows with the square root of the value; missing -> marker_size
    assert sizes.tolist() == [22.0, 11.0, style.marker_size]
    fixed = Style(size_field="capacity_mw", size_range=(6.0, 22.0), size_ref_value=500.0)
    assert fixed.marker_sizes(frame)[0] == pytest.approx(22.0 * (300 / 500) ** 0.5)
    assert [label for label, _ in style.size_legend(frame)] == [
        "200 capacity_mw", "50 capacity_mw", "10 capacity_mw", "capacity_mw not given"]
    out = tmp_path / "dc.html"
    export_html(_doc(layer), out, ExportOptions(html_self_contained=False))
    feats = page_data(out.read_text(encoding="utf-8"))["layers"][0]["fc"]["features"]
    # each marker its own radius (px), a member of the feature the page's styler reads
    assert [f["atlas"]["r"] for f in feats] == [11.0, 5.5, style.marker_size / 2]


def test_new_layer_colour_is_far_from_the_colours_on_the_map():
    from asean_atlas.layers.style import USER_PALETTE, colour_distance, most_distinct_colour

    used = ["#e31a1c", "#0b7fab", "#f28e2b", "#2ca25f", "#de3a9a", "#807dba", "#1f2d3d"]
    pick = most_distinct_colour(used)
    assert pick in USER_PALETTE
    assert min(colour_distance(pick, u) for u in used) == max(
        min(colour_distance(c, u) for u in used) for c in USER_PALETTE)
    assert min(colour_distance(pick, u) for u in used) > 20  # CIEDE2000
    assert most_distinct_colour([]) == USER_PALETTE[0]


def test_page_labels_follow_the_map_language(tmp_path):
    from asean_atlas.layers.builtin import builtin_layers

    doc = MapDocument()
    for layer in builtin_layers():
        if layer.source == "builtin:compute_hubs":
            doc.add_layer(layer)
    out = export_html(doc, tmp_path / "en.html", ExportOptions())
    assert page_data(out.read_text(encoding="utf-8"))["layers"][0]["label"]["field"] == "name"
    doc.language = "zh_CN"
    out = export_html(doc, tmp_path / "zh.html", ExportOptions())
    label = page_data(out.read_text(encoding="utf-8"))["layers"][0]["label"]
    assert label["field"] == "name_zh" and label["fallback"] == "name"


def test_big_point_layer_written_as_columns(tmp_path, monkeypatch):
    """Issue 12 item 7: above CANVAS_POINTS a point layer is columns (x, y, members, attributes),
    with the same values as the GeoJSON form: MultiPoints give one row per point with its feature
    index, NaN members become null, hostile text stays data (escaped in the data block)."""
    import numpy as np

    from asean_atlas.layers import html_export

    monkeypatch.setattr(html_export, "CANVAS_POINTS", 3)
    hostile = "</script><script>alert(1)</script>"
    frame = gpd.GeoDataFrame(
        {"name": ["a", hostile, "c", "d"], "year": [2001, 2002, None, 2024], "big": [1, 2**60, 3, 4]},
        geometry=[shapely.Point(100.123456, 10.5), shapely.MultiPoint([(101, 11), (102, 12)]),
                  shapely.Point(103, 13), None],
        crs=4326,
    )
    layer = Layer(frame, "Many", temporal=TemporalSpec("year"))
    out = export_html(_doc(layer), tmp_path / "m.html", ExportOptions(bbox=(99, 9, 104, 14)))
    page = out.read_text(encoding="utf-8")
    assert hostile not in page and "<script>alert" not in page
    cfg = page_data(page)["layers"][0]
    assert cfg["fc"] is None
    cols = cfg["cols"]
    assert cols["x"] == [100.12346, 101.0, 102.0, 103.0] and cols["y"] == [10.5, 11.0, 12.0, 13.0]
    assert cols["i"] == [0, 1, 1, 2]  # the feature of each point; the null geometry left out
    assert cols["p"]["name"] == ["a", hostile, "c"]
    assert cols["p"]["big"] == [1, str(2**60), 3]  # beyond 2**53: text, as in the GeoJSON form
    t0 = cols["m"]["t0"]
    assert t0[2] is None and t0[0] == int(np.datetime64("2001-01-01", "ms").astype(np.int64))
    assert cols["m"]["c"] == [0, 0, 0]


def test_wrap_parts_moves_whole_parts_by_turns():
    """A view centred on 180°: the western part of a split cable moves east by 360° whole, a part
    near the centre stays, a part across 0° (Europe) is not torn apart."""
    import numpy as np

    from asean_atlas.layers.html_export import wrap_parts

    cable = shapely.MultiLineString([[(176, -17), (180, -17.5)], [(-180, -17.5), (-178, -18)]])
    europe = shapely.LineString([(-5, 50), (2, 51)])
    point = shapely.Point(-175, -15)
    out = wrap_parts(np.array([cable, europe, point], dtype=object), 180.0)
    assert out[0].geom_type == "MultiLineString"
    assert [list(g.coords) for g in out[0].geoms] == [[(176, -17), (180, -17.5)], [(180, -17.5), (182, -18)]]
    assert out[1].equals(europe) or list(out[1].coords) == [(355, 50), (362, 51)]  # whole, never split
    assert list(out[2].coords) == [(185, -15)]
    same = np.array([shapely.Point(100, 10)], dtype=object)
    assert wrap_parts(same, 105.0) is same


def test_wrap_parts_copies_world_wide_parts_and_scales():
    """A band round the whole Earth under a Pacific view keeps its place and gains a copy one turn
    east (moved whole, the view's west half lost it); 100,000 moved points take well under a
    second (a per-geometry scan made 200,000 take 10 s)."""
    import time

    import numpy as np

    from asean_atlas.layers.html_export import wrap_parts

    band = shapely.box(-180, -40, 180, -10)
    out = wrap_parts(np.array([band], dtype=object), 195.0)[0]
    assert out.geom_type == "MultiPolygon" and len(out.geoms) == 2
    assert out.bounds == (-180, -40, 540, -10)
    pts = shapely.points(np.full(100_000, -170.0), np.linspace(-10, 10, 100_000))
    t = time.perf_counter()
    moved = wrap_parts(pts, 180.0)
    assert time.perf_counter() - t < 2.0
    assert shapely.get_x(moved).min() == 190.0


def test_the_default_view_keeps_a_margin_round_the_layers(tmp_path):
    """A user's layers only: the page opens on their extent plus the PNG's 3 % margin, so points
    on the extent's edge are not cut at the page's edge (Yangon and Da Nang were, session 31); a
    bbox the user gives is kept exactly."""
    frame = gpd.GeoDataFrame({"name": ["Yangon", "Da Nang", "Jakarta"]},
                             geometry=[shapely.Point(96.2, 16.8), shapely.Point(108.2, 16.05), shapely.Point(106.8, -6.2)],
                             crs=4326)
    doc = _doc(Layer(frame, "mine"))
    out = tmp_path / "m.html"
    export_html(doc, out, ExportOptions(html_self_contained=False))
    (s, w), (n, e) = page_data(out.read_text(encoding="utf-8"))["view"]
    width, height = 108.2 - 96.2, 16.8 - -6.2
    assert w == pytest.approx(96.2 - 0.03 * width, abs=1e-6) and e == pytest.approx(108.2 + 0.03 * width, abs=1e-6)
    assert s == pytest.approx(-6.2 - 0.03 * height, abs=1e-6) and n == pytest.approx(16.8 + 0.03 * height, abs=1e-6)
    export_html(doc, out, ExportOptions(html_self_contained=False, bbox=(96.2, -6.2, 108.2, 16.8)))
    assert page_data(out.read_text(encoding="utf-8"))["view"] == [[-6.2, 96.2], [16.8, 108.2]]
