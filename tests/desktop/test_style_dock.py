"""The Layer styling dock (F7, issue 11 item 4): categorized and graduated colours in the PNG,
symbol options, reset; applied live."""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor, QImage

from asean_atlas.desktop.cli import build_document
from asean_atlas.desktop.export import export_png
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.desktop.export import export_page_view
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.projection import lonlat_to_display
from asean_atlas.layers.style import Style


@pytest.fixture
def window(qtbot):
    win = MainWindow(build_document([], builtin=False))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _points(window):
    lon = np.array([95.0, 100.0, 105.0, 110.0, 115.0, 120.0])
    gdf = gpd.GeoDataFrame({"kind": ["a", "b", "c", "a", "b", "c"], "mw": [1.0, 2.0, 3.0, 40.0, 50.0, 60.0]},
                           geometry=shapely.points(lon, np.full(6, 5.0)), crs=4326)
    return window.document.add_layer(Layer(gdf, "sites", style=Style(color="#444444", marker_size=16)))


def _pixel(path, bbox, size, lon, lat, document):
    vp = export_page_view(document, ExportOptions(width=size[0], height=size[1], bbox=bbox))
    x, y = lonlat_to_display(np.array([lon]), np.array([lat]))
    px, py = vp.to_pixels(float(x[0]), float(y[0]))
    return QColor(QImage(str(path)).pixel(round(px), round(py))).name()


def test_categorized_and_graduated_colours_in_the_png(window, tmp_path):
    layer = _points(window)
    window.open_styling(layer)
    dock = window.style_dock_widget
    assert window.style_dock.isVisible() and dock.layer is layer
    dock.renderer.setCurrentText("Categorized")
    dock.field_box.setCurrentText("kind")
    dock.palette_box.setCurrentText("Set1")
    assert dock.classify()
    cats = layer.style.categories
    assert set(cats) == {"a", "b", "c"} and dock.class_table.rowCount() == 3
    bbox, size = (90.0, 0.0, 125.0, 10.0), (700, 700)  # points mid-height, above the legend
    opts = ExportOptions(width=size[0], height=size[1], bbox=bbox)
    png = export_png(window.document, tmp_path / "cat.png", opts)
    for lon, kind in ((95, "a"), (100, "b"), (105, "c"), (110, "a")):
        assert _pixel(png, bbox, size, lon, 5.0, window.document) == cats[kind], kind
    # edit one class colour: live on the layer
    dock.set_class_colour(0, "#00ff00")
    assert layer.style.categories["a"] == "#00ff00"
    # graduated: 2 classes of mw by equal interval
    dock.renderer.setCurrentText("Graduated")
    dock.field_box.setCurrentText("mw")
    dock.method_box.setCurrentText("equal interval")
    dock.classes.setValue(2)
    dock.palette_box.setCurrentText("Blues")
    assert dock.classify()
    assert layer.style.graduated_edges == (1.0, 30.5, 60.0)
    low, high = list(layer.style.categories.values())
    png = export_png(window.document, tmp_path / "grad.png", opts)
    assert [_pixel(png, bbox, size, lon, 5.0, window.document) for lon in (95, 105, 110, 120)] == [low, low, high, high]
    # the legend shows the classes
    labels = [r[0].strip() for r in window.legend_panel.legend.rows()]
    assert "1 – 30.5" in labels and "30.5 – 60" in labels


def test_symbol_options_and_reset(window):
    layer = _points(window)
    window.open_styling(layer)
    dock = window.style_dock_widget
    original = layer.style
    dock.size_spin.setValue(24)
    dock.shape_box.setCurrentText("diamond")
    dock.opacity.setValue(50)
    dock.size_field.setCurrentText("mw")
    assert layer.style.marker_size == 24 and layer.style.marker_shape == "diamond"
    assert layer.style.opacity == 0.5 and layer.style.size_field == "mw"
    sizes = layer.style.marker_sizes(layer.frame)
    assert sizes[5] > sizes[0]  # proportional to mw
    dock.set_colour("#ff00ff")
    assert layer.style.color == "#ff00ff"
    dock.renderer.setCurrentText("Single symbol")
    assert layer.style.categorized_field is None
    dock.reset()
    assert layer.style == original


def test_graduated_without_numbers_says_so(window):
    gdf = gpd.GeoDataFrame({"t": ["x", "y"]}, geometry=shapely.points([100, 101], [5, 5]), crs=4326)
    layer = window.document.add_layer(Layer(gdf, "text only"))
    window.open_styling(layer)
    dock = window.style_dock_widget
    before = layer.style
    dock.renderer.setCurrentText("Graduated")
    assert dock.error.isVisibleTo(window) and "no numeric attribute" in dock.error.text()
    assert layer.style == before


def test_builtin_layer_restyled_and_reset(qtbot):
    win = MainWindow(build_document([]))
    qtbot.addWidget(win)
    win.show()
    cables = next(lyr for lyr in win.document.layers if lyr.source == "builtin:cables")
    original = cables.style
    win.open_styling(cables)
    dock = win.style_dock_widget
    dock.width_spin.setValue(3.0)
    dock.dashed.setChecked(True)
    assert cables.style.stroke_width == 3.0 and cables.style.dashed
    dock.reset()
    assert cables.style == original


def test_graduated_on_numbers_written_as_text(window, tmp_path):
    """A CSV column of numbers with one "n/a" is read as text (pandas' string dtype): the
    graduated renderer still offers it and classifies the numbers (seen by the issue 13 new-user
    pass: the field list was empty)."""
    from asean_atlas.layers.io import read_layer

    path = tmp_path / "mixed.csv"
    rows = [f"s{i},{100 + i * 0.5},5,{i * 10}" for i in range(20)] + ["s20,111,5,n/a"]
    path.write_text("name,lon,lat,cap\n" + "\n".join(rows) + "\n", encoding="utf-8")
    layer = window.document.add_layer(read_layer(path, cache=False))
    assert not layer.frame["cap"].dtype.kind in "if"  # text, as read
    window.open_styling(layer)
    dock = window.style_dock_widget
    dock.renderer.setCurrentText("Graduated")
    assert [dock.field_box.itemText(i) for i in range(dock.field_box.count())] == ["cap"]
    dock.field_box.setCurrentText("cap")
    assert not dock.error.isVisibleTo(window), dock.error.text()
    assert layer.style.categorized_field == "cap" and layer.style.graduated_edges[0] == 0 \
        and layer.style.graduated_edges[-1] == 190
