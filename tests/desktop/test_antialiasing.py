"""View > Antialiasing (issue 9: frames "with and without antialiasing"), like QGIS's rendering
setting: on by default, remembered between sessions; off draws edges in the pen's colour only;
exports stay antialiased whatever the window shows."""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage, QPainter

from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.desktop.renderer import MapRenderer
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.style import Style
from asean_atlas.layers.viewport import Viewport

PEN = (0xD6, 0x27, 0x28)  # #d62728


def _doc() -> MapDocument:
    doc = MapDocument()
    # shallow diagonals: every pixel of an antialiased edge is a blend of pen and sea
    lines = [shapely.LineString([(100, 5 + k), (120, 9 + k)]) for k in range(0, 20, 4)]
    frame = gpd.GeoDataFrame({"name": [f"l{k}" for k in range(len(lines))]}, geometry=lines, crs=4326)
    doc.add_layer(Layer(frame, "lines", style=Style(color="#d62728", stroke_width=1.0)))
    return doc


def _colours(img: QImage) -> set[tuple[int, int, int]]:
    img = img.convertToFormat(QImage.Format.Format_RGB32)
    arr = np.frombuffer(bytes(img.constBits()), dtype=np.uint32).reshape(img.height(), img.bytesPerLine() // 4)
    arr = arr[:, : img.width()]
    return {((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF) for v in np.unique(arr)}


def _render(doc, **kw) -> QImage:
    vp = Viewport(width=400, height=300)
    vp.fit_bbox((98, 3, 122, 30), 0.0)
    img = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    MapRenderer(basemap=False, labels=False).render(p, doc, vp, **kw)
    p.end()
    return img


def _reddish(colours):
    return {c for c in colours if c[0] > c[1] + 20 and c[0] > c[2] + 20}


def test_aliased_frames_draw_lines_in_the_pen_colour_only():
    doc = _doc()
    smooth, sharp = _colours(_render(doc)), _colours(_render(doc, antialiasing=False))
    # antialiased: many blends of red and sea; aliased: the red itself, and nothing between
    assert len(_reddish(smooth)) > 20
    assert _reddish(sharp) == {PEN}
    assert len(sharp) == 2  # sea and pen


def test_the_window_setting_is_remembered_and_exports_stay_antialiased(qtbot, tmp_path):
    QSettings().remove(MainWindow.ANTIALIASING_KEY)
    win = MainWindow(_doc())
    qtbot.addWidget(win)
    win.resize(900, 600)
    win.show()
    qtbot.waitExposed(win)
    c = win.canvas
    c.renderer.labels = False  # label text is always antialiased: compare the lines alone
    assert c.antialiasing and win.antialiasing_action.isChecked()  # default: on, as in QGIS
    qtbot.waitUntil(c.frame_is_current, timeout=10_000)
    assert len(_reddish(_colours(c._frame))) > 20
    before = c.render_count

    win.antialiasing_action.trigger()  # View > Antialiasing off
    assert not c.antialiasing
    qtbot.waitUntil(lambda: c.render_count > before and c.frame_is_current(), timeout=10_000)
    assert _reddish(_colours(c._frame)) == {PEN}
    assert QSettings().value(MainWindow.ANTIALIASING_KEY, True, type=bool) is False

    # a PNG export is antialiased although the window is not
    from asean_atlas.desktop.export import export_png

    out = export_png(win.document, tmp_path / "map.png", ExportOptions(width=800, height=600, title=""), c.renderer)
    assert len(_reddish(_colours(QImage(str(out))))) > 20

    # the next window starts with the remembered choice
    win2 = MainWindow(_doc())
    qtbot.addWidget(win2)
    assert not win2.canvas.antialiasing and not win2.antialiasing_action.isChecked()
    win2.set_antialiasing(True)
    assert win2.canvas.antialiasing and win2.antialiasing_action.isChecked()
    assert QSettings().value(MainWindow.ANTIALIASING_KEY, False, type=bool) is True


@pytest.mark.parametrize("aa", [True, False])
def test_a_wide_line_frame_follows_the_setting(aa):
    doc = _doc()
    doc.layers[0].set_style(Style(color="#d62728", stroke_width=3.0))
    reds = _reddish(_colours(_render(doc, antialiasing=aa)))
    assert (len(reds) > 20) if aa else (reds == {PEN})
