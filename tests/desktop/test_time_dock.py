"""The Time dock (QtTimeController): a thin view of the document's TimeController."""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, Qt

from asean_atlas.desktop.time_dock import QtTimeController
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.temporal import TemporalSpec


def _doc():
    frame = gpd.GeoDataFrame(
        {"name": ["a", "b", "c", "d"], "start": ["2001", "2003", "2003-06-01", None], "end": [None, None, "2005", None]},
        geometry=[shapely.Point(100 + i, 10) for i in range(4)],
        crs=4326,
    )
    doc = MapDocument()
    layer = doc.add_layer(Layer(frame, "Sites", temporal=TemporalSpec("start", "end")))
    return doc, layer


@pytest.fixture
def dock(qtbot):
    doc, layer = _doc()
    w = QtTimeController(doc)
    qtbot.addWidget(w)
    w.resize(900, 160)
    w.show()
    qtbot.waitExposed(w)
    return w, doc, layer


def test_slider_writes_to_model_and_model_drives_widgets(dock):
    w, doc, layer = dock
    assert (w.slider.minimum(), w.slider.maximum()) == (2001, 2005)
    w.enabled_box.setChecked(True)
    w.slider.setValue(2002)
    assert doc.year == 2002 and w.year_label.text() == "as of 2002"
    assert layer.time_mask(doc.time_filter).tolist() == [True, False, False, True]
    doc.set_year(2004)  # model -> view
    assert w.slider.value() == 2004 and "2004" in w.year_label.text()


def test_keyboard_steps(dock, qtbot):
    w, doc, _ = dock
    doc.set_year(2002)
    w.slider.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_Right)
    assert doc.year == 2003
    qtbot.keyClick(w, Qt.Key.Key_Home)
    assert doc.year == 2001
    qtbot.keyClick(w, Qt.Key.Key_End)
    assert doc.year == 2005


def test_mode_step_and_end_widgets(dock):
    w, doc, _ = dock
    w.mode_box.setCurrentIndex(w.mode_box.findData("window"))
    assert doc.time.mode == "window"
    w.step_box.setCurrentIndex(w.step_box.findData("source"))
    assert doc.time.step_unit == "source"
    # source steps: slider values are indices over the dates of the data
    assert (w.slider.minimum(), w.slider.maximum()) == (0, 3)
    w.end_box.setChecked(True)
    assert doc.time.end_inclusive


def test_play_advances_on_timer(dock, qtbot):
    w, doc, _ = dock
    doc.time.set_speed(20)
    w.play_button.click()
    assert doc.time.playing and w.timer.isActive() and doc.year == 2001
    qtbot.waitUntil(lambda: doc.year >= 2003, timeout=2000)
    w.play_button.click()
    assert not doc.time.playing and not w.timer.isActive()


def test_histogram_counts_and_click_jumps(dock, qtbot):
    w, doc, _ = dock
    # starts: 2001 (1), 2003 (2); steps 2001..2005
    assert w.histogram.counts().tolist() == [1, 0, 2, 0, 0]
    width = w.histogram.width()
    qtbot.mouseClick(w.histogram, Qt.MouseButton.LeftButton, pos=QPoint(int(width * 2.5 / 5), 10))
    assert doc.year == 2003
    # the bar of 2003 is drawn in the layer colour, twice as tall as 2001's
    img = w.histogram.grab().toImage()
    h = img.height()
    col = lambda i, y: img.pixelColor(int(width * (i + 0.25) / 5), y).name()  # noqa: E731 (off the red marker)
    color = doc.layers[0].style.color
    assert col(2, 3) == color and col(0, h - 4) == color
    assert col(0, 3) != color and col(1, h - 4) != color


def test_layer_settings_edit_the_layer(dock):
    w, doc, layer = dock
    s = w.layer_settings
    assert s.undated_label.text() == "1 undated"
    s.undated_box.setCurrentIndex(s.undated_box.findData("hide"))
    assert layer.temporal.undated == "hide"
    s.kind_box.setCurrentIndex(s.kind_box.findData("single"))
    assert layer.temporal.end_field is None and layer.temporal.start_field == "start"
    s.kind_box.setCurrentIndex(s.kind_box.findData("none"))
    assert layer.temporal is None
    assert np.all(layer.time_mask(2001))


def test_window_exports_gif_and_small_multiples(qtbot, tmp_path):
    from PIL import Image

    from asean_atlas.desktop.main_window import MainWindow

    doc, layer = _doc()
    win = MainWindow(doc)
    qtbot.addWidget(win)
    win.resize(800, 600)
    win.show()
    qtbot.waitExposed(win)
    assert win.export_gif_action.text().startswith("Export time")
    doc.set_year(2003)
    out = win.export_gif(tmp_path / "w.gif", width=320)
    assert out is not None and Image.open(out).n_frames == 5  # 2001..2005
    assert doc.year == 2003  # the export did not move the slider
    assert win.default_multiple_years() == [2005]  # 1990..2000 fall before the data
    out = win.export_small_multiples(tmp_path / "m.png", [2001, 2003, 2005])
    assert out is not None and Image.open(out).size == (2400, 900)


def test_range_boxes_limit_the_steps(dock):
    w, doc, _ = dock
    assert (w.from_box.value(), w.to_box.value()) == (2001, 2005)
    w.to_box.setValue(2003)
    assert doc.time.step_count == 3 and w.slider.maximum() == 2003
    w.from_box.setValue(1998)
    assert [str(t)[:4] for t in doc.time.steps()] == ["1998", "1999", "2000", "2001", "2002", "2003"]
    assert w.slider.minimum() == 1998
