"""The attribute table dock (issue 11 item 3): rows, sort, quick filter, filter builder and
expression (the layer filter drives the map), selection shared with the canvas, copy, export."""

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

from asean_atlas.desktop.cli import build_document
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.projection import lonlat_to_display
from asean_atlas.layers.style import Style


@pytest.fixture
def window(qtbot):
    win = MainWindow(build_document([]))
    qtbot.addWidget(win)
    win.resize(1300, 950)
    win.show()
    qtbot.waitExposed(win)
    return win


def _layer(win, source):
    return next(lyr for lyr in win.document.layers if lyr.source == source)


def test_f6_opens_the_table_of_the_selected_layer(window, qtbot):
    cables = _layer(window, "builtin:cables")
    window.layer_panel.list.setCurrentRow(list(reversed(window.document.layers)).index(cables))
    window.table_action.trigger()
    table = window.attribute_table
    assert window.table_dock.isVisible() and table.layer is cables
    assert table.model.rowCount() == 109 == cables.feature_count
    assert "geometry" not in table.model.columns and table.model.columns[0] == "id"
    assert table.status.text().startswith("109 of 109 features listed")


def test_builder_filter_drives_map_histogram_and_table(window, qtbot):
    cables = _layer(window, "builtin:cables")
    window.open_attribute_table(cables)
    t = window.attribute_table
    t.field_box.setCurrentText("status")
    t.op_box.setCurrentText("=")
    t.value_edit.setText("in service")
    t.add_condition()
    n_service = int((cables.frame["status"] == "in service").sum())
    assert t.expression.text() == "status == 'in service'"
    assert t.model.rowCount() == n_service and cables.filter is not None
    assert int(cables.drawn_mask(None).sum()) == n_service  # the map draws only those
    t.field_box.setCurrentText("rfs_year")
    t.op_box.setCurrentText("≥")
    t.value_edit.setText("2020")
    t.add_condition()
    expected = int(((cables.frame["status"] == "in service") & (cables.frame["rfs_year"] >= 2020)).sum())
    assert t.expression.text() == "status == 'in service' and rfs_year >= 2020"
    assert t.model.rowCount() == expected and 5 < expected < n_service
    _, counts = window.document.time.histogram([cables])
    assert int(counts[cables.id].sum()) == expected
    assert "filtered" in window.layer_panel.list.item(
        list(reversed(window.document.layers)).index(cables)).text()
    t.clear_filter()
    assert cables.filter is None and t.model.rowCount() == 109


def test_bad_expression_shows_an_error_and_keeps_the_filter(window, qtbot):
    cables = _layer(window, "builtin:cables")
    window.open_attribute_table(cables)
    t = window.attribute_table
    t.expression.setText("status == 'planned'")
    assert t.apply_expression()
    t.expression.setText("__import__('os').system('echo hi')")
    assert not t.apply_expression()
    assert t.error.isVisibleTo(window) and "Filter not applied" in t.error.text()
    assert cables.filter.expression == "status == 'planned'"
    assert t.model.rowCount() == int((cables.frame["status"] == "planned").sum())


def test_quick_filter_time_and_sort(window, qtbot):
    cables = _layer(window, "builtin:cables")
    window.open_attribute_table(cables)
    t = window.attribute_table
    t.quick.setText("china mobile")
    t.refresh_rows()  # (the box is debounced)
    listed = t.model.rows
    assert len(listed) >= 5
    assert all("china mobile" in " ".join(map(str, cables.frame.iloc[r].tolist())).lower() for r in listed)
    assert cables.filter is None  # the quick filter does not touch the map
    t.quick.clear()
    t.refresh_rows()
    window.document.set_year(2005)
    t.in_time.setChecked(True)
    assert t.model.rowCount() == int(cables.drawn_mask(window.document.time_filter).sum()) < 109
    t.in_time.setChecked(False)
    window.document.set_year(None)
    col = t.model.columns.index("rfs_year")
    t.view.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    years = [t.model.index(i, col).data() for i in range(5)]
    assert years[0] == str(int(cables.frame["rfs_year"].max()))
    assert [int(y) for y in years] == sorted((int(y) for y in years), reverse=True)
    # missing values last in both orders
    t.view.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    assert t.model.index(t.model.rowCount() - 1, col).data() == ""


def test_selection_is_shared_with_the_canvas(window, qtbot):
    gdf = gpd.GeoDataFrame({"name": ["west", "east"], "status": ["keep", "drop"]},
                           geometry=[shapely.Point(100, 5), shapely.Point(120, 5)], crs=4326)
    for lyr in window.document.layers:
        lyr.set_visible(False)
    layer = window.document.add_layer(Layer(gdf, "two", style=Style(color="#1f78b4", marker_size=12)))
    window.canvas.zoom_to_bbox((95, 0, 125, 10))
    window.open_attribute_table(layer)
    t = window.attribute_table

    def colour_at(lon, lat):
        qtbot.waitUntil(window.canvas.frame_is_current, timeout=5000)
        img = window.canvas.grab().toImage()
        x, y = lonlat_to_display(np.array([lon]), np.array([lat]))
        px, py = window.canvas.viewport.to_pixels(float(x[0]), float(y[0]))
        return QColor(img.pixel(round(px), round(py)))

    assert colour_at(120, 5).name() == "#1f78b4"
    # the filter hides "east" on the canvas
    t.expression.setText("status == 'keep'")
    t.apply_expression()
    window.canvas.update()
    assert colour_at(120, 5).name() != "#1f78b4" and colour_at(100, 5).name() == "#1f78b4"
    t.clear_filter()
    # table -> map: selecting the row highlights the feature
    t.select_rows([1])
    t._selection_changed()
    assert window.canvas.selection == (layer, 1)
    assert window.attribute_panel.rows()["name"] == "east"
    # map -> table: a click on "west" selects its row
    window.canvas.select(layer, 0)
    assert t.selected_rows().tolist() == [0]
    t.zoom_to_selection()
    w, s, e, n = window.canvas.viewport.bbox()
    assert w < 100 < e and s < 5 < n and e - w < 10


def test_copy_and_export(window, qtbot, tmp_path):
    cables = _layer(window, "builtin:cables")
    window.open_attribute_table(cables)
    t = window.attribute_table
    t.expression.setText("contains(suppliers, 'HMN')")
    t.apply_expression()
    n = t.model.rowCount()
    assert n >= 14
    t.select_rows(t.model.rows[:2])
    text = t.copy_rows()
    assert QGuiApplication.clipboard().text() == text
    lines = text.split("\n")
    assert lines[0].split("\t")[:2] == ["id", "name"] and len(lines) == 3
    sel = t.export(str(tmp_path / "sel.geojson"), selection=True)
    got = json.loads(sel.read_text())
    assert got["name"] == "sel"  # the layer name is the file's, not the temporary file's
    assert [f["properties"]["id"] for f in got["features"]] == [cables.frame["id"].iloc[r] for r in t.model.rows[:2]]
    allf = t.export(str(tmp_path / "hmn.gpkg"), selection=False)
    back = gpd.read_file(allf)
    assert len(back) == n and back["suppliers"].str.contains("HMN").all()
    csv = t.export(str(tmp_path / "hmn.csv"), selection=False)
    frame = pd.read_csv(csv)
    assert len(frame) == n and frame["WKT"].str.startswith("MULTILINESTRING").all()
    from asean_atlas.layers.errors import ExportError

    with pytest.raises(ExportError, match="choose"):
        t.export(str(tmp_path / "x.txt"), selection=False)
    t.select_rows([])
    with pytest.raises(ExportError, match="no feature"):
        t.export(str(tmp_path / "none.geojson"), selection=True)
    assert not (tmp_path / "none.geojson").exists()
    t.export_dialog(selection=True)  # nothing selected: said at once, no file dialog
    assert t.error.text().startswith("Nothing selected")


def test_table_follows_removed_layers(window, qtbot):
    gdf = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(100, 5)], crs=4326)
    layer = window.document.add_layer(Layer(gdf, "temp"))
    window.open_attribute_table(layer)
    assert window.attribute_table.layer is layer
    window.document.remove_layer(layer)
    assert window.attribute_table.layer is not layer and window.attribute_table.layer in window.document.layers


def test_table_dock_hidden_until_opened_and_map_click_selects_the_row(window, qtbot):
    from PySide6.QtCore import QPoint

    assert not window.table_dock.isVisible()
    h = window.canvas.height()
    gdf = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=[shapely.Point(100, 5), shapely.Point(110, 5)], crs=4326)
    for lyr in window.document.layers:
        lyr.set_visible(False)
    layer = window.document.add_layer(Layer(gdf, "pts", style=Style(color="#1f78b4", marker_size=12)))
    window.canvas.zoom_to_bbox((95, 0, 115, 10))
    window.open_attribute_table(layer)
    assert window.table_dock.isVisible() and window.canvas.height() < h
    x, y = lonlat_to_display(np.array([110.0]), np.array([5.0]))
    px, py = window.canvas.viewport.to_pixels(float(x[0]), float(y[0]))
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(px), round(py)))
    assert window.attribute_table.selected_rows().tolist() == [1]
    # a feature chosen by search replaces the click's result list in the Attributes panel
    window.attribute_panel.show_results([(layer, 0), (layer, 1)])
    assert window.attribute_panel.results.isVisibleTo(window)
    window.attribute_panel.show_feature(_layer(window, "builtin:cables"), 0)
    assert not window.attribute_panel.results.isVisibleTo(window)


def test_hostile_values_in_the_table(window, qtbot, tmp_path):
    """Regressions of a hostile pass (issue 11): tooltips are plain text and bounded, copies are
    exact and one line per row, odd columns sort and quick-filter, a scattered selection too big to
    carry over a filter change is dropped with a note."""
    long_html = "<h1>big</h1><img src=x width=2000>" + "y" * 5000
    gdf = gpd.GeoDataFrame(
        {"name": [long_html, "b\tc\rd\u2028e", "x"], "area_m2": [1234567.5, 98765.4321, 1.0],
         "blob": [b"\xff\x00", b"zz", None], "arr": [np.array([1, 2]), np.array([0]), np.array([3])]},
        geometry=[shapely.Point(100, 5)] * 3, crs=4326,
    )
    layer = window.document.add_layer(Layer(gdf, "odd"))
    window.open_attribute_table(layer)
    t = window.attribute_table
    tip = t.model.index(0, t.model.columns.index("name")).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<p style='white-space:pre-wrap'>") and "&lt;h1&gt;" in tip and "<h1>" not in tip
    assert len(tip) < 2200
    text = t.copy_rows()
    lines = text.split("\n")
    assert len(lines) == 4 and "1234567.5" in lines[1] and "98765.4321" in lines[2]
    assert "b c d e" in lines[2]
    t.view.sortByColumn(t.model.columns.index("arr"), Qt.SortOrder.AscendingOrder)  # arrays: by text
    assert t.model.rowCount() == 3
    t.quick.setText("zz")
    t.refresh_rows()  # a BLOB column does not break the quick filter
    assert t.model.rows.tolist() == [1]


def test_large_scattered_selection_is_dropped_with_a_note(window, qtbot):
    from asean_atlas.desktop import attribute_table as A

    n = 3 * A.MAX_RANGES
    gdf = gpd.GeoDataFrame({"k": np.arange(n) % 2}, geometry=shapely.points(np.full(n, 100.0), np.full(n, 5.0)), crs=4326)
    layer = window.document.add_layer(Layer(gdf, "many"))
    window.open_attribute_table(layer)
    t = window.attribute_table
    t.select_rows(np.arange(0, n, 2))  # every other row: n/2 separate runs
    assert "scattered" in t.status.text() and len(t.selected_rows()) == 0
    t.select_rows(np.arange(0, n // 2))  # one run: kept
    assert len(t.selected_rows()) == n // 2


def test_export_names_and_values(window, tmp_path):
    gdf = gpd.GeoDataFrame({"tags": [["a", "b"], {"k": 1}], "n": np.array([1, 2], dtype=object)},
                           geometry=[shapely.Point(100, 5), shapely.Point(101, 5)], crs=4326)
    layer = window.document.add_layer(Layer(gdf, "gpkg roads"))
    window.open_attribute_table(layer)
    t = window.attribute_table
    out = t.export(str(tmp_path / "r.gpkg"), selection=False)
    import pyogrio

    assert pyogrio.list_layers(out)[0][0] == "layer_gpkg_roads"  # GeoPackage reserves gpkg* names
    back = gpd.read_file(out)
    assert json.loads(back["tags"][0]) == ["a", "b"] and json.loads(back["tags"][1]) == {"k": 1}


def test_selected_row_is_highlighted_on_the_map(window, qtbot):
    """Selecting a row draws the selection highlight on the feature (pixel check), and a click on
    the map selects the row (test_table_dock_hidden_until_opened_and_map_click_selects_the_row)."""
    from asean_atlas.desktop.canvas import HIGHLIGHT

    gdf = gpd.GeoDataFrame({"name": ["line"]}, geometry=[shapely.LineString([(100, 5), (110, 5)])], crs=4326)
    for lyr in window.document.layers:
        lyr.set_visible(False)
    layer = window.document.add_layer(Layer(gdf, "one line", style=Style(color="#1f78b4", stroke_width=1.0)))
    window.canvas.zoom_to_bbox((98, 0, 112, 10))
    window.open_attribute_table(layer)
    t = window.attribute_table
    qtbot.waitUntil(window.canvas.frame_is_current, timeout=10_000)
    x, y = lonlat_to_display(np.array([105.0]), np.array([5.0]))
    px, py = (round(float(v)) for v in window.canvas.viewport.to_pixels(float(x[0]), float(y[0])))

    def yellowish():
        img = window.canvas.grab().toImage()
        cols = [QColor(img.pixel(px, py + d)) for d in range(-3, 4)]
        return any(c.red() > 200 and c.green() > 170 and c.blue() < 120 for c in cols)

    assert not yellowish()
    t.select_rows([0])
    t._selection_changed()
    window.canvas.repaint()
    assert yellowish() and HIGHLIGHT.name() == "#ffd400"


def test_many_selected_lines_are_projected_once_not_at_every_paint(window, qtbot, monkeypatch):
    """Issue 9: the highlighted features' projected geometry and path are kept between paints (a
    pan repaints the selection: projecting 2,000 lines again each time doubled the frame), and
    dropped when the layer's data change."""
    rng = np.random.default_rng(0)
    lines = [shapely.LineString(np.column_stack([np.linspace(x, x + 2, 50), np.full(50, y)]))
             for x, y in zip(rng.uniform(96, 130, 300), rng.uniform(-5, 20, 300))]
    layer = window.document.add_layer(Layer(gpd.GeoDataFrame({"n": range(300)}, geometry=lines, crs=4326), "lines"))
    calls = []
    real = layer.display_geometries
    monkeypatch.setattr(layer, "display_geometries", lambda rows=None: calls.append(len(rows)) or real(rows))
    window.canvas.set_selected_rows(layer, np.arange(300))
    window.canvas.repaint()
    assert calls == [300]  # one batch for the whole selection
    window.canvas.viewport.pan_pixels(40, 0)
    window.canvas.repaint()
    window.canvas.set_selected_rows(layer, np.arange(0, 300, 2))
    window.canvas.repaint()
    assert calls == [300]  # kept
    layer.frame = layer.frame.iloc[:100].copy()  # new data: projected again
    window.canvas.set_selected_rows(layer, np.arange(10))
    window.canvas.repaint()
    assert calls == [300, 10]


def test_selected_points_are_looked_up_in_the_layers_projected_coordinates(window):
    """Points to highlight come from the layer's one projected copy, in one lookup; a row without
    geometry highlights nothing."""
    pts = [shapely.Point(100, 5), None, shapely.Point(104, 9)]
    layer = window.document.add_layer(Layer(gpd.GeoDataFrame({"n": [0, 1, 2]}, geometry=pts, crs=4326), "pts"))
    got = window.canvas._highlighted(layer, [2, 1, 0])
    assert got[1] == (None, None)
    for (geom, path), row in zip((got[0], got[2]), (2, 0)):
        assert path is None and geom.equals_exact(layer.display_geometry(row), 1e-6)
    window.canvas.set_selected_rows(layer, np.array([0, 1, 2]))
    window.canvas.repaint()


def test_a_selected_feature_the_time_filter_hides_is_not_highlighted(window, qtbot):
    """A cable selected in the table (in service from 2025) must not be drawn, highlighted, in
    2015: the highlight follows what the map draws (the new-user pass of session 31 found it)."""
    from asean_atlas.layers.temporal import TemporalSpec

    gdf = gpd.GeoDataFrame({"name": ["old", "new"], "year": [2000, 2025]},
                           geometry=[shapely.LineString([(100, 3), (110, 3)]), shapely.LineString([(100, 7), (110, 7)])],
                           crs=4326)
    for lyr in window.document.layers:
        lyr.set_visible(False)
    layer = window.document.add_layer(Layer(gdf, "two lines", style=Style(color="#1f78b4", stroke_width=1.0)))
    layer.set_temporal(TemporalSpec("year"))
    window.canvas.zoom_to_bbox((98, 0, 112, 10))
    window.canvas.set_selected_rows(layer, np.array([0, 1]))
    window.canvas.highlight(layer, 1)  # the station/cable links of a clicked feature
    window.canvas.related = [(layer, 1)]

    def yellow_at(lat):
        x, y = lonlat_to_display(np.array([105.0]), np.array([lat]))
        px, py = (round(float(v)) for v in window.canvas.viewport.to_pixels(float(x[0]), float(y[0])))
        window.canvas.repaint()
        img = window.canvas.grab().toImage()
        cols = [QColor(img.pixel(px, py + d)) for d in range(-3, 4)]
        return any(c.red() > 200 and c.green() > 170 and c.blue() < 120 for c in cols)

    qtbot.waitUntil(window.canvas.frame_is_current, timeout=10_000)
    assert yellow_at(3) and yellow_at(7)
    window.document.set_year(2015)
    qtbot.waitUntil(window.canvas.frame_is_current, timeout=10_000)
    assert yellow_at(3) and not yellow_at(7)
    window.document.set_year(2026)
    qtbot.waitUntil(window.canvas.frame_is_current, timeout=10_000)
    assert yellow_at(7)


def test_the_table_opens_a_quarter_of_the_window_high(window, qtbot):
    """Opening the table leaves the map most of the window (it had ~240 px of 1000, session 31)."""
    before = window.canvas.height()
    window.open_attribute_table()
    qtbot.waitUntil(lambda: window.table_dock.isVisible())
    qtbot.wait(50)
    quarter = max(window.height() // 4, window.table_dock.minimumSizeHint().height())
    assert window.table_dock.height() <= quarter + 10
    assert window.canvas.height() >= before - quarter - 20 and window.canvas.height() >= 0.45 * window.height()
