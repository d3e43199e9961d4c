"""Identify with derived values, links, hover tooltips, the cursor read-out and the measure tool
(issue 11 item 5); the Attributes dock keeps its width."""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from asean_atlas.desktop.cli import build_document
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.measure import format_km
from asean_atlas.layers.projection import lonlat_to_display

GEOD = Geod(ellps="WGS84")


@pytest.fixture
def window(qtbot):
    win = MainWindow(build_document([]))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _layer(win, source):
    return next(lyr for lyr in win.document.layers if lyr.source == source)


def _pixel(win, lon, lat) -> QPoint:
    x, y = lonlat_to_display(np.array([lon]), np.array([lat]))
    px, py = win.canvas.viewport.to_pixels(float(x[0]), float(y[0]))
    return QPoint(round(px), round(py))


def _only(win, *sources):
    for lyr in win.document.layers:
        lyr.set_visible(lyr.source in sources)


def test_click_on_a_cable_shows_its_geodesic_length(window, qtbot):
    _only(window, "builtin:cables")
    cables = _layer(window, "builtin:cables")
    row = int(np.flatnonzero(cables.frame["id"] == "southeast-asia-japan-cable-2-sjc2")[0])
    geom = cables.frame.geometry.values[row]
    window.canvas.zoom_to_bbox(geom.bounds)
    # a vertex of the route inside the view, off other cables as far as possible: take the middle
    coords = shapely.get_coordinates(geom)
    lon, lat = coords[len(coords) // 2]
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=_pixel(window, lon, lat))
    rows = window.attribute_panel.rows()
    assert "length (geodesic)" in rows and "clicked at" in rows and "distance from click" in rows
    shown_layer, shown_row = window.canvas.selection
    expected = GEOD.geometry_length(shown_layer.frame.geometry.values[shown_row]) / 1000
    assert rows["length (geodesic)"] == format_km(expected)
    if shown_row == row:
        assert 9_000 < expected < 12_000  # SJC2's route: ~10,500 km in the release
    km = float(rows["distance from click"].split()[0].replace(",", ""))
    assert km < 15  # within the 6-pixel tolerance at this scale
    assert window.attribute_panel.derived_count == 3


def test_polygon_area_and_point_coordinates(window, qtbot):
    countries = _layer(window, "builtin:countries")
    row = int(np.flatnonzero(countries.frame["id"] == "sgp")[0])
    window.attribute_panel.show_feature(countries, row)
    rows = window.attribute_panel.rows()
    area = float(rows["area (geodesic)"].split()[0].replace(",", ""))
    g = countries.frame.geometry.values[row]
    assert abs(area - abs(GEOD.geometry_area_perimeter(shapely.geometry.polygon.orient(g.geoms[0] if g.geom_type == "MultiPolygon" else g, 1.0))[0]) / 1e6) < area * 0.5
    assert 400 < area < 1000  # Singapore, Natural Earth 1:50m outline
    assert "clicked at" not in rows  # not found by a click
    hubs = _layer(window, "builtin:compute_hubs")
    window.attribute_panel.show_feature(hubs, 0)
    p = hubs.frame.geometry.values[0]
    assert window.attribute_panel.rows()["feature at"] == f"{p.x:.4f}° E, {p.y:.4f}° N"


def test_source_urls_are_links_and_only_http(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(type(window.attribute_panel), "_open_url", staticmethod(opened.append))
    gdf = gpd.GeoDataFrame(
        {"name": ["a"], "source_url": ["https://example.org/report?id=1&x=<b>"], "bad": ["javascript:alert(1)"],
         "userinfo": ["https://user:pw@example.org/"], "file": ["file:///etc/passwd"]},
        geometry=[shapely.Point(100, 5)], crs=4326,
    )
    layer = window.document.add_layer(Layer(gdf, "links"))
    panel = window.attribute_panel
    panel.show_feature(layer, 0)
    keys = [panel.table.item(i, 0).text() for i in range(panel.table.rowCount())]
    widgets = {keys[i]: panel.table.cellWidget(i, 1) for i in range(len(keys))}
    link = widgets["source_url"]
    assert link is not None and "&lt;b&gt;" in link.text() and "<b>" not in link.text().replace("<a", "").split(">", 1)[1]
    assert widgets["bad"] is None and widgets["userinfo"] is None and widgets["file"] is None
    link.linkActivated.emit("https://example.org/report?id=1&x=<b>")
    link.linkActivated.emit("javascript:alert(1)")  # a forged activation is refused
    assert opened == ["https://example.org/report?id=1&x=<b>"]


def test_hover_shows_the_name(window, qtbot):
    _only(window, "builtin:compute_hubs")
    hubs = _layer(window, "builtin:compute_hubs")
    p = hubs.frame.geometry.values[0]
    window.canvas.zoom_to_bbox((p.x - 1, p.y - 1, p.x + 1, p.y + 1))
    pos = _pixel(window, p.x, p.y)
    qtbot.mouseMove(window.canvas, pos)
    qtbot.waitUntil(lambda: window.canvas.hover_text != "", timeout=3000)
    names = set(hubs.frame["name"])
    first = window.canvas.hover_text.split(" — ")[0]
    assert first in names and hubs.title in window.canvas.hover_text


def test_cursor_read_out(window, qtbot):
    window.canvas.zoom_to_bbox((100, 0, 110, 10))
    qtbot.mouseMove(window.canvas, _pixel(window, 103.8, 1.35))
    text = window.coordinates.text()
    lon = float(text.split("°")[0])
    lat = float(text.split(", ")[1].split("°")[0])
    assert abs(lon - 103.8) < 0.05 and abs(lat - 1.35) < 0.05 and "E" in text and "N" in text


def test_measure_tool(window, qtbot):
    _only(window)  # an empty map: the clicks measure, they do not identify
    window.canvas.zoom_to_bbox((100, 0, 112, 25))
    window.measure_action.trigger()
    assert window.canvas.measure is not None and window.measure_dock.isVisible()
    sg, nn = (103.82, 1.35), (108.37, 22.82)
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=_pixel(window, *sg))
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=_pixel(window, *nn))
    pts = window.measure_tool.measurement.points
    assert len(pts) == 2
    expected = GEOD.inv(*pts[0], *pts[1])[2] / 1000
    assert 2_350 < expected < 2_500  # Singapore - Nanning, geodesic
    qtbot.mouseClick(window.canvas, Qt.MouseButton.RightButton, pos=_pixel(window, 110, 10))
    assert window.measure_panel.rows() == [format_km(expected)]
    assert window.measure_panel.total.text() == f"Total: {format_km(expected)} ({expected / 1.852:,.1f} nmi)"
    assert window.attribute_panel.table.rowCount() == 0  # no identify while measuring
    # the line is drawn: a pixel halfway along it has the tool's colour
    img = window.canvas.grab().toImage()
    mid = GEOD.npts(*pts[0], *pts[1], 1)[0]
    m = _pixel(window, *mid)
    found = any(
        QColor(img.pixel(m.x() + dx, m.y() + dy)).red() > 180 and QColor(img.pixel(m.x() + dx, m.y() + dy)).green() < 120
        for dx in range(-3, 4) for dy in range(-3, 4)
    )
    assert found
    # after a finished line the next click starts a new one; Backspace and Esc
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=_pixel(window, 105, 5))
    assert len(window.measure_tool.measurement.points) == 1
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=_pixel(window, 106, 5))
    qtbot.keyClick(window.canvas, Qt.Key.Key_Backspace)
    assert len(window.measure_tool.measurement.points) == 1
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert window.measure_tool.measurement.points == [] and window.measure_panel.rows() == []
    window.measure_action.trigger()
    assert window.canvas.measure is None and not window.measure_dock.isVisible()


def test_measure_across_the_antimeridian():
    from asean_atlas.layers.measure import Measurement

    m = Measurement()
    m.add(179.5, -17.0)
    m.add(-179.5, -17.0)
    assert m.segments_km()[0] == pytest.approx(GEOD.inv(179.5, -17, -179.5, -17)[2] / 1000)
    assert m.segments_km()[0] < 120  # the short way, not round the world
    path = m.path(step_km=10)
    assert np.all(np.diff(path[:, 0]) > 0) and path[-1, 0] == pytest.approx(180.5)


def test_attributes_dock_keeps_its_width(window, qtbot):
    dock = window.findChild(type(window.measure_dock), "Attributes")
    qtbot.wait(50)
    before, canvas_before = dock.width(), window.canvas.width()
    long = "Very long name " * 40
    gdf = gpd.GeoDataFrame({"name": [long, long + "2"], "notes": ["x" * 3000, "y"], "source_url": ["https://e.org/" + "a" * 400, ""]},
                           geometry=[shapely.Point(100, 5), shapely.Point(100, 5)], crs=4326)
    layer = window.document.add_layer(Layer(gdf, "long"))
    window.attribute_panel.show_results([(layer, 0), (layer, 1)])
    qtbot.wait(100)
    assert abs(dock.width() - before) <= 2 and abs(window.canvas.width() - canvas_before) <= 2


@pytest.mark.parametrize("url", [
    "https://@evil.example/", "https://evil\u034f.example/", "https://x.example/\ufe0f", "https://x.example/\u2800",
    "https://x.example/\U000e0041", "https://x.example/\ufff9",
])
def test_links_with_hidden_characters_stay_text(url):
    from asean_atlas.layers.measure import safe_link

    assert safe_link(url) is None
    assert safe_link("HTTPS://x.example/a?b=1") == "HTTPS://x.example/a?b=1"
