"""Text from files shown in the window as text, never as markup; PNG text never interpreted (issue 8)."""

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

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


def _walk_texts(root):
    """(where, text, is_markup) for every text a user can see in ``root``'s widgets: labels with
    their format, tooltips (always rich-text capable), item-view cells and their tooltips."""
    from PySide6.QtCore import QModelIndex
    from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText lives in QtGui's Qt namespace
    from PySide6.QtWidgets import QAbstractItemView, QWidget

    rich = GuiQt.mightBeRichText

    found = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if isinstance(w, QLabel) and w.text():
            fmt = w.textFormat()
            markup = fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and rich(w.text()))
            found.append((f"label {w.objectName() or type(w.parent()).__name__}", w.text(), markup))
        if w.toolTip():
            found.append((f"tooltip of {type(w).__name__}", w.toolTip(), rich(w.toolTip())))
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()

            def visit(parent, depth=0):
                try:
                    columns = model.columnCount(parent)
                except TypeError:  # a list model: one column
                    columns = 1
                for r in range(min(model.rowCount(parent), 200)):
                    for c in range(min(columns, 50)):
                        idx = model.index(r, c, parent)
                        tip = model.data(idx, Qt.ItemDataRole.ToolTipRole)
                        if isinstance(tip, str) and tip:
                            found.append((f"item tooltip in {type(w).__name__}", tip, rich(tip)))
                        try:
                            deeper = depth < 3 and model.hasChildren(idx)
                        except TypeError:  # a flat model
                            deeper = False
                        if deeper:
                            visit(idx, depth + 1)

            visit(QModelIndex())
    for action in root.findChildren(QAction):
        for text in (action.toolTip(), action.statusTip()):
            if text:
                found.append(("action tooltip", text, rich(text)))
    return found


from PySide6.QtGui import QAction  # noqa: E402


def test_every_widget_shows_file_text_as_text(window, tmp_path, qtbot):
    """Issue 16 item 5: a file named ``<b>BIG<i>name.geojson`` with a feature ``<b>BIG<i>feat``
    and an attribute ``<u>BIG</u>``: after loading it (with a warning), identifying its feature,
    opening its attribute table, styling it and searching for it, every label shows the names
    literally (plain text, or rich text with the markup escaped) and every tooltip is escaped."""
    path = tmp_path / "<b>BIG<i>name.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "<b>BIG<i>feat", "<u>BIG</u>": "<i>BIG</i> value", "year": 2020},
         "geometry": {"type": "Point", "coordinates": [100.5, 13.7]}},
        {"type": "Feature", "properties": {"name": "<b>BIG far"}, "geometry": {"type": "Point", "coordinates": [600, 13]}},
    ]}))
    window.interactive = True
    layers = window.open_files([str(path)])
    assert layers and layers[0].title == "<b>BIG<i>name"
    layer = layers[0]
    window.attribute_panel.show_feature(layer, 0)
    window.open_attribute_table(layer)
    window.style_dock_widget.show_layer(layer)
    qtbot.wait(200)
    boxes = window.findChildren(QMessageBox)
    assert boxes, "the load warning is shown in a dialog"
    texts = _walk_texts(window)
    for box in boxes:
        texts += _walk_texts(box)
    seen_big = [t for t in texts if "BIG" in t[1]]
    assert len(seen_big) >= 3, texts  # the layer panel, the identify header, the dialog at least
    for where, text, markup in seen_big:
        if markup:  # shown as rich text: the file's markup must be escaped in it
            assert "<b>BIG" not in text and "<i>BIG" not in text and "<u>BIG" not in text, (where, text)
    for box in boxes:
        assert box.textFormat() == Qt.TextFormat.PlainText
        box.close()


def test_attribute_table_shows_file_text_and_filters_as_text(window):
    """The attribute table's cells, tooltips and status line (a filter quoting file text, a
    bytes value) never render file text as markup (project check, session 24)."""
    long_markup = MARKUP * 40  # a tooltip: over 40 characters, cut at 2,000 with a count
    frame = gpd.GeoDataFrame({"name": [MARKUP, long_markup], "blob": [b"<b>raw</b>", b""]},
                             geometry=[shapely.Point(101.0, 13.4), shapely.Point(102.0, 13.0)], crs=4326)
    layer = window.document.add_layer(Layer(frame, title="t", source="t"))
    layer.set_filter(f"name == {MARKUP!r}")
    window.open_attribute_table(layer)
    table = window.attribute_table
    assert table.status.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP in table.status.text() and "1 pass" in table.status.text()
    model = table.model
    col = {name: i for i, name in enumerate(model.columns)}
    assert model.data(model.index(0, col["name"])) == MARKUP  # a view draws display text as text
    assert model.data(model.index(0, col["blob"])) == "<10 bytes>"
    layer.set_filter(None)
    row = int(np.flatnonzero(model.rows == 1)[0])
    tip = model.data(model.index(row, col["name"]), Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip and f"({len(long_markup):,} characters)" in tip
