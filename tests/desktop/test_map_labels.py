"""Labels on the canvas and in the exports (issue 11 item 1): placed without overlaps, countries
and capitals on the basemap, the Nanning hub first, user layers labelled from the Style dock,
missing glyphs reported."""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor, QImage

from asean_atlas.desktop.cli import build_document, main
from asean_atlas.desktop.export import export_page_view, export_png
from asean_atlas.desktop.labels import missing_glyphs
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.desktop.renderer import MapRenderer
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.labels import boxes_overlap
from asean_atlas.layers.layer import Layer


@pytest.fixture
def window(qtbot):
    win = MainWindow(build_document([]))
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(win.canvas.frame_is_current, timeout=20_000)
    return win


def test_window_labels_countries_capitals_and_hub(window):
    placed = window.canvas.renderer.last_labels
    texts = {p.candidate.text for p in placed}
    assert not boxes_overlap(placed)
    assert {"Hanoi", "Bangkok", "Manila"} <= texts  # capitals (GeoNames)
    assert {"LAOS", "CAMBODIA"} & {t.upper() for t in texts}  # countries (Natural Earth)
    hubs = next(lyr for lyr in window.document.layers if lyr.source == "builtin:compute_hubs")
    assert texts & set(hubs.frame["name"])  # the Nanning hub (priority 10) is labelled
    cables = next(lyr for lyr in window.document.layers if lyr.source == "builtin:cables")
    along = [p for p in placed if p.candidate.text in set(cables.frame["name"])]
    assert along and any(abs(p.angle) > 5 for p in along)  # cables labelled along their path


def test_labels_in_the_exported_png(tmp_path):
    doc = build_document([])
    renderer = MapRenderer()
    opts = ExportOptions(width=1200, height=900, bbox=(95, 0, 125, 25))
    out = export_png(doc, tmp_path / "map.png", opts, renderer)
    placed = renderer.last_labels
    assert len(placed) > 20 and not boxes_overlap(placed)
    img = QImage(str(out))
    bangkok = next(p for p in placed if p.candidate.text == "Bangkok")
    frame = export_page_view(doc, opts).page.frame  # label boxes are in the map frame's pixels
    x0, x1 = (int(v + frame.left()) for v in (bangkok.box[0], bangkok.box[2]))
    y0, y1 = (int(v + frame.top()) for v in (bangkok.box[1], bangkok.box[3]))
    dark = sum(QColor(img.pixel(x, y)).lightness() < 90 for x in range(x0, x1) for y in range(y0, y1))
    assert dark > 20  # the letters are there


def test_style_dock_labels_a_user_layer_and_zoom_thins(window, qtbot):
    n = 60
    rng = np.random.default_rng(3)
    gdf = gpd.GeoDataFrame({"name": [f"Site {i}" for i in range(n)], "name_zh": [f"站{i}" for i in range(n)]},
                           geometry=shapely.points(rng.uniform(100, 106, n), rng.uniform(10, 16, n)), crs=4326)
    for lyr in window.document.layers:
        lyr.set_visible(False)
    layer = window.document.add_layer(Layer(gdf, "sites"))
    window.open_styling(layer)
    dock = window.style_dock_widget
    dock.label_field.setCurrentText("name")
    dock.label_field2.setCurrentText("name_zh")
    dock.label_priority.setValue(9)
    assert layer.style.label_field == "name" and layer.style.label_field2 == "name_zh"

    def labelled(bbox):
        window.canvas.zoom_to_bbox(bbox, pad=0.0)
        window.canvas.update()
        qtbot.waitUntil(window.canvas.frame_is_current, timeout=20_000)
        placed = window.canvas.renderer.last_labels
        assert not boxes_overlap(placed)
        return [p.candidate.text for p in placed if p.candidate.text.startswith("Site")]

    near, far = labelled((99.5, 9.5, 106.5, 16.5)), labelled((80, -10, 130, 40))
    assert "Site 0 (站0)" in near or any("(站" in t for t in near)
    assert len(far) < len(near)  # zoomed out: fewer labels fit


def test_missing_glyphs_are_reported(window, qtbot, capsys, tmp_path):
    assert missing_glyphs("Nanning 南宁") == []  # CJK: the Noto CJK fonts the README asks for
    pua = "Site \ue000\ue001"  # private use: no font has these
    assert missing_glyphs(pua) == ["\ue000", "\ue001"]
    gdf = gpd.GeoDataFrame({"name": [pua]}, geometry=[shapely.Point(103.0, 12.0)], crs=4326)
    layer = Layer(gdf, "odd")
    import dataclasses

    layer.style = dataclasses.replace(layer.style, label_field="name", label_priority=10)
    window.document.add_layer(layer)
    window.canvas.zoom_to_bbox((102.5, 11.5, 103.5, 12.5))
    qtbot.waitUntil(lambda: any("Site " in w for w in window.glyph_warnings), timeout=20_000)
    warning = next(w for w in window.glyph_warnings if "Site " in w)
    assert warning.startswith("No installed font can draw") and "\\ue000" in warning  # named, escaped
    assert "Site" in window.statusBar().currentMessage()
    path = tmp_path / "odd.geojson"
    gdf.to_file(path, driver="GeoJSON")
    assert main(["export", "--no-builtin", "--layer", str(path), "--png", str(tmp_path / "o.png")]) == 0
    # the user layer has no label field by default: no warning; with the built-ins and Thai text
    # of a font that is missing, the CLI says so (checked in the window test above)


def test_chinese_map_labels_use_name_zh(tmp_path):
    """The map in Chinese (document.language, set by the UI language of issue 13, saved in
    projects): labels on `name` show `name_zh` where a feature has one."""
    doc = build_document([])
    doc.language = "zh_CN"
    renderer = MapRenderer()
    export_png(doc, tmp_path / "zh.png", ExportOptions(width=1200, height=900, bbox=(95, 0, 125, 25)), renderer)
    texts = {p.candidate.text for p in renderer.last_labels}
    hubs = next(lyr for lyr in doc.layers if lyr.source == "builtin:compute_hubs")
    assert texts & set(hubs.frame["name_zh"].dropna())  # a Nanning hub in Chinese
    assert not texts & set(hubs.frame["name"])


def test_export_labels_keep_inside_the_map_frame_and_out_of_its_overlays(tmp_path, qapp):
    """Labels are drawn in the map frame, clipped to it; none is placed under an overlay inside the
    frame (a legend put inside, the date stamp of a page without a title), and the title band,
    legend and footer lie outside the frame (a second new-user pass found "Yangon" under the
    title band when they were drawn over the map)."""
    doc = build_document([])
    for legend, title in (("auto", None), ("inside", "")):
        renderer = MapRenderer()
        opts = ExportOptions(width=1600, height=1000, bbox=(92, -11, 141, 29), year=2024, legend=legend, title=title)
        export_png(doc, tmp_path / "m.png", opts, renderer)
        page = export_page_view(doc, opts).page
        boxes = page.reserved_in_frame()
        assert len(boxes) == (0 if legend == "auto" else 2)  # legend and stamp inside the frame
        placed = renderer.last_labels
        assert len(placed) > 30
        w, h = page.frame.width(), page.frame.height()
        for p in placed:
            b = p.box
            assert -1 <= b[0] and b[2] <= w + 1 and -1 <= b[1] and b[3] <= h + 1, p.candidate.text
            assert not any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in boxes), p.candidate.text
        if legend == "auto":
            for rect in (page.title, page.legend, page.footer):
                assert not rect.intersects(page.frame)


def test_point_labels_stay_beside_their_point_when_a_legend_covers_it(tmp_path, qapp):
    """A 960 x 600 export with the legend inside the map puts it over Bangkok, Kuala Lumpur and
    Singapore. Their labels
    were pushed clear of the whole legend and drawn hundreds of pixels away ("Bangkok" over the
    Philippine Sea); a point under an overlay is now not labelled, and every point label touches
    a ring of at most 40 px around its point."""
    doc = build_document([])
    renderer = MapRenderer()
    # the legend inside the map (over Bangkok, Kuala Lumpur and Singapore, its emptiest corner)
    export_png(doc, tmp_path / "m.png", ExportOptions(width=960, height=600, year=2026, legend="inside"), renderer)
    points = [p for p in renderer.last_labels if p.candidate.path is None and p.candidate.radius >= 0]
    assert len(points) > 10
    for p in points:
        x, y, b = p.candidate.x, p.candidate.y, p.box
        dx, dy = max(b[0] - x, 0, x - b[2]), max(b[1] - y, 0, y - b[3])
        assert (dx * dx + dy * dy) ** 0.5 <= 40, (p.candidate.text, (x, y), b)


def test_font_warnings_name_the_package_once_per_script(monkeypatch):
    """Issue 13 item 6: text of a script no installed font has is said once per script, with the
    Debian package that has its font; a character of no known script keeps the general advice."""
    from asean_atlas.desktop import labels

    monkeypatch.setattr(labels, "missing_glyphs", lambda text: [c for c in text if ord(c) >= 0x0E00 and c != "南"])
    seen: set = set()
    out = labels.font_warnings(["ភ្នំពេញ", "សៀមរាប", "ราชบุรี", "Site \ue000", "南宁"], seen)
    khmer = [w for w in out if "Khmer" in w]
    assert len(khmer) == 1 and "apt install fonts-noto-core" in khmer[0] and "'ភ្នំពេញ'" in khmer[0]
    assert any("Thai" in w and "fonts-noto-core" in w for w in out)
    assert any("\\ue000" in w and "Install a font for that script" in w for w in out)
    cjk = [w for w in out if "Chinese, Japanese or Korean" in w]
    assert len(cjk) == 1 and "fonts-noto-cjk" in cjk[0]
    # said once: the same scripts again say nothing
    assert labels.font_warnings(["ភ្នំ", "กรุงเทพ"], seen) == []


def test_khmer_thai_burmese_labels_have_real_glyphs_when_noto_is_installed():
    """With the usual Noto fonts (.ci/run installs fonts-noto-core and fonts-noto-cjk), labels in
    Chinese, Thai, Khmer and Burmese have real glyphs."""
    import subprocess

    have = subprocess.run(["fc-list", ":lang=km"], capture_output=True, text=True).stdout.strip()
    if not have:
        pytest.skip("no Khmer font installed (Debian: fonts-noto-core)")
    for text in ("南宁 臺北", "กรุงเทพมหานคร", "ភ្នំពេញ", "ရန်ကုန်"):
        assert missing_glyphs(text) == [], text


def test_zoomed_in_labels_on_a_segment_without_vertices_and_inside_an_area(qapp):
    """A view on the middle of a long segment (no vertex in view) still labels the line, and a
    view inside an area whose label point is outside it still names the area (new-user pass,
    session 24)."""
    from asean_atlas.desktop.labels import collect
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.style import Style
    from asean_atlas.layers.viewport import Viewport

    doc = MapDocument()
    line = gpd.GeoDataFrame({"name": ["Long Line"]}, geometry=[shapely.LineString([(112, 14), (118, 14)])], crs=4326)
    area = gpd.GeoDataFrame({"name": ["Big Area"]}, geometry=[shapely.box(120, 10, 124, 14)], crs=4326)
    doc.add_layer(Layer(line, "line", style=Style(label_field="name")))
    doc.add_layer(Layer(area, "area", style=Style(label_field="name")))
    vp = Viewport(width=800, height=600)

    def texts(bbox):
        vp.fit_bbox(bbox, 0.0)
        cands, _, _ = collect(doc, vp, doc.time_filter, 1.0, basemap=False)
        return {c.text: c for c in cands}

    got = texts((114.8, 13.5, 115.8, 14.5))
    assert "Long Line" in got
    xy = got["Long Line"].path
    assert xy[:, 0].min() >= -1 and xy[:, 0].max() <= 801 and np.ptp(xy[:, 0]) > 700  # across the view
    got = texts((121.1, 11.1, 121.9, 11.6))  # inside the box, away from its label point
    assert "Big Area" in got
    c = got["Big Area"]
    assert 0 <= c.x <= 800 and 0 <= c.y <= 600
    assert "Long Line" not in texts((100, 0, 101, 1))  # nothing in view: no label


def test_the_points_of_a_mixed_layer_keep_labels_off(qapp):
    """A user's file of sites and a route (points and lines in one layer): its points are markers
    the labels keep clear of, as a point layer's are ("VIETNAM" covered a Da Nang site, session 31)."""
    from asean_atlas.desktop.labels import collect
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.labels import place_labels
    from asean_atlas.layers.viewport import Viewport

    geoms = [shapely.Point(108.2, 16.05), shapely.Point(96.2, 16.8),
             shapely.LineString([(96.2, 16.8), (108.2, 16.05)])]
    layer = Layer(gpd.GeoDataFrame({"name": ["Da Nang", "Yangon", "route"]}, geometry=geoms, crs=4326), "mine")
    assert not layer.is_point_layer
    doc = MapDocument()
    doc.add_layer(layer)
    vp = Viewport(width=900, height=600)
    vp.fit_bbox((92, 0, 120, 26), 0.0)
    cands, obs, markers = collect(doc, vp, None, 1.0, basemap=True)
    from asean_atlas.layers.projection import lonlat_to_display

    x, y = lonlat_to_display(np.array([108.2, 96.2]), np.array([16.05, 16.8]))
    px, py = vp.to_pixels(x, y)
    for cx, cy in zip(px, py):
        assert any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in markers)
    placed = place_labels(cands, vp.width, vp.height, obs)
    assert any(p.candidate.text.upper() == "VIETNAM" or "Viet" in p.candidate.text for p in placed)
    for label in placed:
        box = label.box
        for cx, cy in zip(px, py):
            assert not (box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1), label.candidate.text
