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


def _many_lines_doc(width: float) -> MapDocument:
    """400 random walks of 60 vertices (24,000 path elements: the wide-line path of the renderer,
    above WIDE_LINE_ELEMENTS), in one colour."""
    rng = np.random.default_rng(7)
    start = rng.uniform([100, 5], [118, 25], size=(400, 2))
    steps = rng.normal(0, 0.08, size=(400, 60, 2)).cumsum(axis=1)
    lines = [shapely.LineString(s + st) for s, st in zip(start, steps)]
    doc = MapDocument()
    frame = gpd.GeoDataFrame({"name": [str(k) for k in range(400)]}, geometry=lines, crs=4326)
    doc.add_layer(Layer(frame, "walks", style=Style(color="#d62728", stroke_width=width)))
    return doc


def _pen_pixels(img: QImage) -> int:
    img = img.convertToFormat(QImage.Format.Format_RGB32)
    arr = np.frombuffer(bytes(img.constBits()), dtype=np.uint32).reshape(img.height(), img.bytesPerLine() // 4)
    return int((arr[:, : img.width()] & 0xFFFFFF == 0xD62728).sum())


def test_many_aliased_lines_keep_their_width_and_pen_colour(monkeypatch):
    """Break-it pass: aliased, the wide-line path (a 1 px image widened by sub-pixel offsets)
    drew 1.5 px lines exactly as 1 px ones (the offsets rounded to nothing). Now it covers what
    Qt's own aliased stroke of the same lines covers."""
    from asean_atlas.desktop import renderer as R

    doc = _many_lines_doc(1.0)
    assert sum(len(g.coords) for g in doc.layers[0].frame.geometry) >= R.WIDE_LINE_ELEMENTS
    fast, qt = {}, {}
    for width in (1.0, 1.5, 3.0):
        img = _render(_many_lines_doc(width), antialiasing=False)
        assert _reddish(_colours(img)) == {PEN}, width  # aliased: no blends
        fast[width] = _pen_pixels(img)
    monkeypatch.setattr(R, "WIDE_LINE_ELEMENTS", 10**9)  # Qt strokes the wide lines itself
    for width in (1.5, 3.0):
        qt[width] = _pen_pixels(_render(_many_lines_doc(width), antialiasing=False))
        assert abs(fast[width] / qt[width] - 1) < 0.08, (width, fast, qt)
    assert fast[1.5] > 1.25 * fast[1.0] and fast[3.0] > 1.25 * fast[1.5], fast


def test_stamped_markers_follow_the_setting():
    """Above the sprite threshold markers are stamped from a sprite; aliased, the sprite has no
    blends of fill, outline and halo either (break-it pass: it was always antialiased)."""
    from asean_atlas.desktop import renderer as R

    rng = np.random.default_rng(3)
    n = R.SPRITE_THRESHOLD + 2000
    xy = rng.uniform([99, 4], [121, 29], size=(n, 2))
    doc = MapDocument()
    frame = gpd.GeoDataFrame({"k": np.arange(n)}, geometry=shapely.points(xy), crs=4326)
    doc.add_layer(Layer(frame, "pts", style=Style(color="#d62728", fill_color="#d62728", marker_size=8)))
    smooth = _colours(_render(doc))
    sharp = _colours(_render(doc, antialiasing=False))
    assert len(sharp) < len(smooth)
    assert len(_reddish(sharp)) <= 2 < len(_reddish(smooth))  # the pen, maybe one halo blend


@pytest.mark.parametrize("stored, expected", [
    ("true", True), ("false", False), ("0", False), ("1", True), (True, True), (False, False),
    ("", True), ("maybe", True), (None, True), ("@Invalid()", True), (["a", "b"], True), (42, True),
])
def test_a_blank_or_corrupted_setting_keeps_the_default(stored, expected):
    from asean_atlas.desktop.settings import setting_bool

    assert setting_bool(stored, True) is expected
