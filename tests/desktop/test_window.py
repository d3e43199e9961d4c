import json

import numpy as np
import pytest

from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.projection import lonlat_to_display


def _write(tmp_path, name, features):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def _cable(name, rfs, coords):
    return {"type": "Feature", "properties": {"name": name, "rfs_year": rfs, "source": "test"},
            "geometry": {"type": "LineString", "coordinates": coords}}


@pytest.fixture
def window(qtbot):
    win = MainWindow(MapDocument())
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


def _pixel_of(canvas, lon, lat):
    x, y = lonlat_to_display(np.array([lon]), np.array([lat]))
    px, py = canvas.viewport.to_pixels(x[0], y[0])
    return float(px), float(py)


def test_identify_returns_feature_at_known_point(window, tmp_path, qtbot):
    path = _write(tmp_path, "sites.geojson", [
        {"type": "Feature", "properties": {"name": "Nanning AI centre", "source": "Fortune China 2025"},
         "geometry": {"type": "Point", "coordinates": [108.318, 22.822]}},
        {"type": "Feature", "properties": {"name": "Chon Buri factory", "source": "Huawei 2024"},
         "geometry": {"type": "Point", "coordinates": [101.0, 13.4]}},
    ])
    (layer,) = window.open_files([str(path)])
    window.canvas.zoom_to_bbox((95, 5, 115, 28))
    px, py = _pixel_of(window.canvas, 101.0, 13.4)
    hit = window.canvas.identify(px + 2, py - 2)
    assert hit == (layer, 1)
    assert window.canvas.identify(px + 200, py + 200) is None
    # a click fills the attribute panel, source included
    from PySide6.QtCore import QPoint, Qt

    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(px), round(py)))
    rows = window.attribute_panel.rows()
    assert rows["name"] == "Chon Buri factory" and rows["source"] == "Huawei 2024"


def test_year_slider_hides_cable_until_rfs(window, tmp_path):
    path = _write(tmp_path, "cables.geojson", [
        _cable("AAE-1", 2017, [[100.0, 5.0], [105.0, 8.0]]),
        _cable("APCN-2", 2001, [[110.0, 10.0], [115.0, 15.0]]),
    ])
    (layer,) = window.open_files([str(path)])
    slider = window.time_slider
    assert (slider.slider.minimum(), slider.slider.maximum()) == (2001, 2017)
    slider.enabled_box.setChecked(True)
    slider.slider.setValue(2005)
    assert window.document.year == 2005
    assert "2005" in slider.year_label.text()
    assert layer.time_mask(window.document.year).tolist() == [False, True]
    # identify does not find the hidden cable
    window.canvas.zoom_to_bbox((95, 0, 120, 20))
    px, py = _pixel_of(window.canvas, 102.5, 6.5)
    assert window.canvas.identify(px, py) is None
    slider.slider.setValue(2017)
    assert window.canvas.identify(px, py) == (layer, 0)


def test_broken_file_shows_error_and_keeps_layers(window, tmp_path):
    good = _write(tmp_path, "good.geojson", [_cable("APCN-2", 2001, [[110.0, 10.0], [115.0, 15.0]])])
    bad = tmp_path / "broken.geojson"
    bad.write_text("{ not json")
    window.open_files([str(good)])
    before = list(window.document.layers)
    added = window.open_files([str(bad)])
    assert added == []
    assert window.document.layers == before
    assert window.last_error is not None and str(bad) in window.last_error
    assert window.isVisible()
    # the window still works: it paints, and exports
    out = window.export_png(tmp_path / "after.png")
    assert out is not None and out.exists()


def test_layer_panel_visibility_and_order(window, tmp_path):
    a = _write(tmp_path, "a.geojson", [_cable("A", 2001, [[100, 0], [101, 1]])])
    b = _write(tmp_path, "b.geojson", [_cable("B", 2002, [[100, 0], [101, 1]])])
    la, lb = window.open_files([str(a), str(b)])
    panel = window.layer_panel
    assert [panel.list.item(i).data(256) for i in range(panel.list.count())] == [lb, la]  # top first
    from PySide6.QtCore import Qt

    panel.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert lb.visible is False and window.document.visible_layers() == [la]
    panel.list.item(1).setSelected(True)
    panel.up_button.click()
    assert window.document.layers == [lb, la]


def test_canvas_pan_and_zoom(window, qtbot):
    from PySide6.QtCore import QPoint, Qt

    canvas = window.canvas
    canvas.zoom_to_bbox((95, 0, 120, 20))
    res0, cx0 = canvas.viewport.resolution, canvas.viewport.cx
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    qtbot.mouseMove(canvas, QPoint(400, 300))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert canvas.viewport.cx == pytest.approx(cx0 - 100 * res0)
    canvas.viewport.zoom(2.0)
    assert canvas.viewport.resolution == pytest.approx(res0 / 2)


def test_export_png_and_html_from_window(window, tmp_path):
    path = _write(tmp_path, "c.geojson", [_cable("Test Cable Name", 2001, [[100, 0], [110, 10]])])
    window.open_files([str(path)])
    png = window.export_png(tmp_path / "w.png")
    html = window.export_html(tmp_path / "w.html")
    assert png.stat().st_size > 1000
    assert "Test Cable Name" in html.read_text(encoding="utf-8")


def test_selection_cleared_when_time_filter_hides_it(window, tmp_path):
    path = _write(tmp_path, "cables.geojson", [_cable("AAE-1", 2017, [[100.0, 5.0], [105.0, 8.0]]),
                                                _cable("APCN-2", 2001, [[110.0, 10.0], [115.0, 15.0]])])
    (layer,) = window.open_files([str(path)])
    window.canvas.select(layer, 0)
    window.time_slider.enabled_box.setChecked(True)
    window.time_slider.slider.setValue(2017)
    assert window.canvas.selection == (layer, 0)
    window.time_slider.slider.setValue(2010)
    assert window.canvas.selection is None
    assert "Nothing here" in window.attribute_panel.header.text()


def test_attribute_header_shows_markup_as_text(window, tmp_path):
    path = _write(tmp_path, "x.geojson", [{"type": "Feature", "properties": {"name": "AT&T <b>bold</b>"},
                                           "geometry": {"type": "Point", "coordinates": [100, 5]}}])
    (layer,) = window.open_files([str(path)])
    window.canvas.select(layer, 0)
    assert "&lt;b&gt;" in window.attribute_panel.header.text()


def test_real_cables_and_landing_points_in_the_window(window, cables_path, landing_points_path, qtbot):
    cables, points = window.open_files([str(cables_path), str(landing_points_path)], background=False)
    assert (cables.feature_count, points.feature_count) == (532, 1436)
    assert window.layer_panel.list.count() == 2
    with qtbot.waitSignal(window.canvas.painted, timeout=5000):
        window.canvas.zoom_to_full_extent()
    # Tuas (Singapore) is identified among the features under its pixel
    window.canvas.zoom_to_bbox((103.5, 1.1, 104.1, 1.5))
    tuas = int(np.flatnonzero(points.frame["id"] == "tuas-singapore")[0])
    geom = points.frame.geometry.iloc[tuas]
    px, py = _pixel_of(window.canvas, geom.x, geom.y)
    assert (points, tuas) in window.canvas.identify_all(px, py)
