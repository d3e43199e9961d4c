"""Text from files shown in the window as text, never as markup; PNG text never interpreted (issue 8)."""

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.layer import Layer

MARKUP = "<b>bold</b><img src='/etc/passwd'><a href='javascript:alert(1)'>x</a>"


@pytest.fixture
def window(qtbot):
    win = MainWindow(MapDocument())
    qtbot.addWidget(win)
    win.resize(900, 600)
    win.show()
    qtbot.waitExposed(win)
    return win


def _point_layer(title: str, name: str) -> Layer:
    frame = gpd.GeoDataFrame({"name": [name]}, geometry=[shapely.Point(101.0, 13.4)], crs=4326)
    return Layer(frame, title=title, source=title)


def test_layer_tooltip_shows_markup_as_text(window):
    window.document.add_layer(_point_layer(MARKUP, MARKUP))
    tip = window.layer_panel.list.item(0).toolTip()
    assert "<b>bold</b>" not in tip and "&lt;b&gt;bold&lt;/b&gt;" in tip and "<img" not in tip


def test_identify_header_escapes_names(window):
    layer = window.document.add_layer(_point_layer(MARKUP, MARKUP))
    window.attribute_panel.show_feature(layer, 0)
    header = window.attribute_panel.header
    assert header.textFormat() == Qt.TextFormat.RichText
    assert "<img" not in header.text() and "&lt;img" in header.text()
    assert window.attribute_panel.rows()["name"] == MARKUP  # the table shows it exactly


def test_error_dialog_is_plain_text(window, tmp_path):
    bad = tmp_path / "<b>bad<!--.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [ {')
    assert window.open_files([str(bad)]) == []
    box = window.show_error("Add layer failed", window.last_error)
    assert box is not None and box.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bad<!--.geojson" in box.text()
    box.close()


def test_progress_dialog_names_the_file_as_text(window, tmp_path, qtbot):
    path = tmp_path / "<i>sites<-i>.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Point", "coordinates": [100, 1]}}]}))
    window.open_files([str(path)], background=True)
    labels = window.loaders[0].dialog.findChildren(QLabel)
    assert labels and all(lbl.textFormat() == Qt.TextFormat.PlainText for lbl in labels)
    assert any("<i>sites<-i>.geojson" in lbl.text() for lbl in labels)
    qtbot.waitUntil(lambda: not window.loaders, timeout=30_000)
    assert window.document.layers[-1].title == "<i>sites<-i>"


@pytest.mark.parametrize("title", [MARKUP, "nul\x00byte", "\u202eright-to-left", "南宁 🌏", "{{ 7*7 }}", "x" * 20_000])
def test_png_draws_any_title(tmp_path, title):
    from asean_atlas.desktop.export import export_png

    doc = MapDocument(title=title)
    doc.add_layer(_point_layer(title, title))
    out = export_png(doc, tmp_path / "t.png", ExportOptions(width=400, height=300, bbox=(95, 5, 110, 20)))
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() == 400 and image.height() == 300
    # the title bar is drawn (dark text pixels in the top band), whatever the text
    top = np.array([[image.pixelColor(x, y).lightness() for x in range(0, 400, 2)] for y in range(0, 40)])
    assert (top < 100).any()
