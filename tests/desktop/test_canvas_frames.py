"""The canvas reuses its last frame while the user pans or zooms and redraws once the input rests
(issue 9: dragging a 1M-point map shows a moved picture at once, as QGIS's canvas does)."""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from asean_atlas.desktop import canvas as C
from asean_atlas.desktop.canvas import MapCanvas
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.projection import lonlat_to_display
from asean_atlas.layers.style import Style


@pytest.fixture
def canvas(qtbot):
    doc = MapDocument()
    frame = gpd.GeoDataFrame({"name": ["Nanning"], "year": [2020]}, geometry=[shapely.Point(108.3, 22.8)], crs=4326)
    doc.add_layer(Layer(frame, "hub", style=Style(color="#ff0000", marker_size=14)))
    c = MapCanvas(doc)
    qtbot.addWidget(c)
    c.resize(600, 400)
    c.show()
    qtbot.waitExposed(c)
    c.zoom_to_bbox((100, 15, 116, 30), 0.0)
    qtbot.waitUntil(lambda: c.render_count >= 1)
    return c


def _pixel(c, lon, lat):
    x, y = lonlat_to_display(np.array([lon]), np.array([lat]))
    px, py = c.viewport.to_pixels(x[0], y[0])
    return int(round(float(px))), int(round(float(py)))


def _is_red(img, xy):
    col = QColor(img.pixel(*xy))
    return col.red() > 200 and col.green() < 80 and col.blue() < 80


def test_drag_shows_the_moved_frame_then_redraws_once(canvas, qtbot):
    before = canvas.render_count
    x, y = _pixel(canvas, 108.3, 22.8)
    assert _is_red(canvas.grab().toImage(), (x, y))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(300, 200))
    for dx in range(10, 90, 10):
        qtbot.mouseMove(canvas, QPoint(300 + dx, 200))
        canvas.repaint()
    img = canvas.grab().toImage()
    assert canvas.render_count == before  # no full render during the drag
    assert _is_red(img, (x + 80, y)) and not _is_red(img, (x, y))  # the marker moved with the mouse
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(380, 200))
    qtbot.waitUntil(lambda: canvas.render_count == before + 1, timeout=3000)
    qtbot.wait(C.SETTLE_MS + 100)
    assert canvas.render_count == before + 1  # one redraw at rest
    assert _is_red(canvas.grab().toImage(), _pixel(canvas, 108.3, 22.8))


def test_wheel_zoom_previews_then_redraws(canvas, qtbot):
    before = canvas.render_count
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtCore import QPoint as P

    for _ in range(3):
        ev = QWheelEvent(QPointF(300, 200), QPointF(300, 200), P(0, 0), P(0, 120), Qt.MouseButton.NoButton,
                         Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        canvas.wheelEvent(ev)
        canvas.repaint()
    assert canvas.render_count == before
    qtbot.waitUntil(lambda: canvas.render_count == before + 1, timeout=3000)


def test_a_time_step_or_style_change_redraws_at_once(canvas, qtbot):
    before = canvas.render_count
    canvas.document.set_year(2010)
    canvas.repaint()
    assert canvas.render_count == before + 1
    canvas.document.layers[0].set_style(Style(color="#0000ff"))
    canvas.repaint()
    assert canvas.render_count == before + 2
    canvas.repaint()  # nothing changed: the frame is reused
    assert canvas.render_count == before + 2
