"""Line paths drawn by several threads (issue 9, 1 px frames): the composited shares must be the
sequential drawing, and the native call must really let other Python threads run."""

from __future__ import annotations

import sys
import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QTransform

from asean_atlas.desktop import paint_threads as PT
from asean_atlas.desktop import renderer as R
from asean_atlas.desktop.renderer import MapRenderer
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.geometry import row_chunks
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.style import Style
from asean_atlas.layers.viewport import Viewport

W, H = 640, 420
COLORS = ["#1f78b4", "#e31a1c", "#33a02c", "#ff7f00"]


def _paths(n_paths=8, vertices=12_000, seed=3) -> list[QPainterPath]:
    """Random walks in a 640 x 420 box (pixels), ``vertices`` each."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_paths):
        xy = np.cumsum(rng.normal(0, 6, (vertices, 2)), axis=0)
        xy = np.mod(xy, [W, H])  # folded into the box: long jumps as well as short steps
        path = QPainterPath()
        path.moveTo(*xy[0])
        for x, y in xy[1:]:
            path.lineTo(float(x), float(y))
        out.append(path)
    return out


def _items(paths, width=1.0):
    out = []
    for i, p in enumerate(paths):
        pen = QPen(QColor(COLORS[i % len(COLORS)]), width)
        pen.setCosmetic(True)  # as the renderer's pens: widths in pixels whatever the transform
        out.append((pen, p))
    return out


def _pixels(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    arr = np.frombuffer(bytes(img.constBits()), dtype=np.uint8).reshape(img.height(), img.bytesPerLine())
    return arr[:, : img.width() * 4].astype(np.int16)


def _draw(items, threaded: bool, *, antialias=False, opacity=1.0, clip=None, transform=None, dpr=1.0,
          monkeypatch=None) -> tuple[QImage, int]:
    img = QImage(int(W * dpr), int(H * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(dpr)
    img.fill(QColor("#dfe9f2"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
    if transform is not None:
        p.setTransform(transform)
    if clip is not None:
        p.setClipRect(clip)
    p.setOpacity(opacity)
    if threaded:
        used = PT.draw_paths(p, items)
    else:
        p.setBrush(Qt.BrushStyle.NoBrush)
        for pen, path in items:
            p.setPen(pen)
            p.drawPath(path)
        used = 1
    # the painter must still work as the caller left it after the shares were composited
    p.fillRect(QRectF(5, 5, 10, 10), QColor("#000000"))
    p.end()
    return img, used


def _same_as_sequential(items, threads_used: int) -> None:
    """Drawing ``items`` through draw_paths used ``threads_used`` threads and gave the pixels of
    drawing them one after another with PySide6."""
    seq, _ = _draw(items, False)
    img, used = _draw(items, True)
    assert used == threads_used
    assert np.array_equal(_pixels(seq), _pixels(img))


@pytest.fixture
def two_threads(monkeypatch):
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "2")
    monkeypatch.setattr(PT, "MIN_PARALLEL_ELEMENTS", 1_000)


needs_native = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the native call is looked up on Linux")


@needs_native
def test_native_draw_path_is_found_in_pysides_qt(qapp):
    fn = PT.native_draw_path()
    assert fn is not None
    assert "libQt6Gui" in PT._qt_gui_library()


@needs_native
def test_shares_are_split_by_vertex_count():
    assert PT._splits([10, 10, 10, 10], 2) == [(0, 2), (2, 4)]
    assert PT._splits([100, 1, 1, 1], 2) == [(0, 1), (1, 4)]
    assert PT._splits([5], 4) == [(0, 1)]
    assert PT._splits([1, 1, 1, 1, 1, 1], 3) == [(0, 2), (2, 4), (4, 6)]
    assert PT._splits([0, 0, 7], 2) == [(0, 3)]


@needs_native
@pytest.mark.parametrize(
    "case",
    [
        {},
        {"opacity": 0.55},
        {"clip": QRectF(40, 30, 300, 250)},
        {"transform": QTransform().translate(30, -20).scale(0.8, 0.9)},
        {"dpr": 2.0},
    ],
    ids=["plain", "opacity", "clip", "transform", "dpr2"],
)
def test_threaded_aliased_frame_equals_sequential(qapp, two_threads, case):
    items = _items(_paths())
    seq, _ = _draw(items, False, **case)
    par, used = _draw(items, True, **case)
    assert used == 2
    a, b = _pixels(seq), _pixels(par)
    blank = _pixels(_draw([], False, **case)[0])
    drawn = (a != blank).reshape(a.shape[0], -1, 4).any(axis=-1).sum()
    assert drawn > 20_000  # the lines covered much of the image
    if case.get("opacity", 1.0) == 1.0:
        assert np.array_equal(a, b)
    else:  # translucent: 8-bit rounding of the composited share
        assert np.abs(a - b).max() <= 2


@needs_native
def test_threaded_antialiased_frame_matches_sequential(qapp, two_threads):
    items = _items(_paths())
    a = _pixels(_draw(items, False, antialias=True)[0])
    b = _pixels(_draw(items, True, antialias=True)[0])
    diff = np.abs(a - b)
    assert diff.max() <= 4
    assert (diff > 2).sum() < a.size * 0.001


@needs_native
def test_the_later_share_lies_over_the_earlier_one(qapp, two_threads):
    # two fat lines crossing: the second (drawn by the worker) must cover the first where they cross
    a, b = QPainterPath(), QPainterPath()
    a.moveTo(0, 200)
    a.lineTo(640, 200)
    b.moveTo(320, 0)
    b.lineTo(320, 420)
    for i in range(1500):  # enough elements to split (Qt drops a lineTo to the current point)
        a.lineTo(640 - i % 2, 200)
        b.lineTo(320, 420 - i % 2)
    items = [(QPen(QColor("#ff0000"), 9), a), (QPen(QColor("#0000ff"), 9), b)]
    img, used = _draw(items, True)
    assert used == 2
    assert img.pixelColor(320, 200) == QColor("#0000ff")
    assert img.pixelColor(100, 200) == QColor("#ff0000")


@needs_native
def test_few_elements_or_one_thread_draw_sequentially(qapp, monkeypatch):
    items = _items(_paths(n_paths=2, vertices=200))
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "2")
    assert _draw(items, True)[1] == 1  # under MIN_PARALLEL_ELEMENTS
    monkeypatch.setattr(PT, "MIN_PARALLEL_ELEMENTS", 10)
    assert _draw(items, True)[1] == 2
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "1")
    assert _draw(items, True)[1] == 1
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "nonsense")
    assert PT.thread_count() >= 1


def test_without_the_native_call_paths_are_drawn_by_pyside(qapp, monkeypatch):
    monkeypatch.setattr(PT, "native_draw_path", lambda: None)
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "2")
    _same_as_sequential(_items(_paths(n_paths=4, vertices=3000)), 1)


@needs_native
def test_a_non_image_device_or_other_composition_is_drawn_sequentially(qapp, two_threads):
    from PySide6.QtGui import QPicture

    items = _items(_paths(n_paths=2, vertices=2000))
    pic = QPicture()
    p = QPainter(pic)
    assert PT.draw_paths(p, items) == 1
    p.end()
    img = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Lighten)
    assert PT.draw_paths(p, items) == 1
    p.end()


@needs_native
def test_the_native_call_lets_other_python_threads_run(qapp):
    """During a drawPath through PySide6 another Python thread stands still (the GIL is held);
    during the native call it keeps running: the longest pause between two of its loop turns is
    measured while each draw runs."""
    path = _paths(n_paths=1, vertices=250_000)[0]
    img = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    pen = QPen(QColor("#000000"), 1)

    def longest_pause(draw) -> tuple[float, float]:
        state = {"gap": 0.0, "stop": False}
        started = threading.Event()

        def spin():
            last = time.perf_counter()
            started.set()
            while not state["stop"]:
                now = time.perf_counter()
                if now - last > state["gap"]:
                    state["gap"] = now - last
                last = now

        t = threading.Thread(target=spin)
        t.start()
        started.wait()
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(pen)
        time.sleep(0.02)
        state["gap"] = 0.0
        t0 = time.perf_counter()
        draw(p)
        took = time.perf_counter() - t0
        gap = state["gap"]
        p.end()
        state["stop"] = True
        t.join()
        return gap, took

    fn = PT.native_draw_path()
    gap, took = longest_pause(lambda p: p.drawPath(path))
    assert took > 0.015 and gap > 0.6 * took, (gap, took)  # PySide6: the thread waited the whole draw
    gap, took = longest_pause(lambda p: fn(PT._pointer(p), PT._pointer(path)))
    assert took > 0.015 and gap < 0.5 * took, (gap, took)  # native: it ran on


def _lines_layer(n=1500, vertices=60, seed=4):
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    x0, y0 = rng.uniform(95, 135, n), rng.uniform(-8, 25, n)
    steps = rng.normal(0, 0.3, (n, vertices, 2)).cumsum(axis=1)
    coords = np.stack([x0[:, None] + steps[..., 0], y0[:, None] + steps[..., 1]], axis=-1)
    lines = shapely.linestrings(coords.reshape(-1, 2), indices=np.repeat(np.arange(n), vertices))
    cls = np.array(["a", "b", "c"])[np.arange(n) % 3]
    return gpd.GeoDataFrame({"id": np.arange(n), "kind": cls}, geometry=lines, crs=4326)


def _render(frame, width, antialias, threads, monkeypatch) -> np.ndarray:
    monkeypatch.setenv("ATLAS_PAINT_THREADS", str(threads))
    doc = MapDocument()
    doc.add_layer(Layer(frame, "lines", style=Style(color="#1f78b4", stroke_width=width, categorized_field="kind",
                                                            categories={"a": "#1f78b4", "b": "#e31a1c", "c": "#33a02c"})))
    vp = Viewport(width=800, height=560)
    vp.fit_bbox((90.0, -12.0, 142.0, 30.0), 0.0)
    img = QImage(800, 560, QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    MapRenderer(basemap=False, labels=False).render(p, doc, vp, antialiasing=antialias)
    p.end()
    return _pixels(img)


@needs_native
@pytest.mark.parametrize("width", [1.0, 3.0])
def test_map_frames_of_many_lines_are_the_same_on_two_threads(qapp, monkeypatch, width):
    monkeypatch.setattr(PT, "MIN_PARALLEL_ELEMENTS", 1_000)
    monkeypatch.setattr(R, "WIDE_LINE_ELEMENTS", 1_000)
    # shares of 5,000 vertices, so each class (one pen) has several paths to split
    monkeypatch.setattr(R, "row_chunks", lambda geoms: row_chunks(geoms, 5_000))
    calls = []
    real = PT.draw_paths

    def spy(*a, **k):
        calls.append(real(*a, **k))
        return calls[-1]

    monkeypatch.setattr(R, "draw_paths", spy)
    frame = _lines_layer()
    one = _render(frame, width, False, 1, monkeypatch)
    assert calls and set(calls) == {1}
    calls.clear()
    two = _render(frame, width, False, 2, monkeypatch)
    assert calls and max(calls) == 2
    px = one.reshape(560, 800, 4)
    assert (px != px[0, 0]).any(axis=-1).mean() > 0.05  # lines over more than 5 % of the sea
    assert np.array_equal(one, two)
    aa_one = _render(frame, width, True, 1, monkeypatch)
    aa_two = _render(frame, width, True, 2, monkeypatch)
    assert np.abs(aa_one - aa_two).max() <= 4


def test_painting_still_works_after_the_pool_grows(qapp, monkeypatch):
    monkeypatch.setattr(PT, "MIN_PARALLEL_ELEMENTS", 1_000)
    items = _items(_paths(n_paths=6, vertices=2000))
    seq = _pixels(_draw(items, False)[0])
    for n in (2, 3, 2):
        monkeypatch.setenv("ATLAS_PAINT_THREADS", str(n))
        img, used = _draw(items, True)
        if PT.native_draw_path() is not None:
            assert used == n
        assert np.array_equal(seq, _pixels(img))


@needs_native
def test_three_shares_are_composited_in_their_order(qapp, monkeypatch):
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "3")
    monkeypatch.setattr(PT, "MIN_PARALLEL_ELEMENTS", 1_000)
    items = []
    for colour, (x0, y0, x1, y1) in zip(("#ff0000", "#00aa00", "#0000ff"),
                                         ((0, 200, 640, 200), (320, 0, 320, 420), (0, 0, 640, 420))):
        path = QPainterPath()
        path.moveTo(x0, y0)
        for i in range(1500):
            path.lineTo(x1 - i % 2, y1 - i % 2)
        pen = QPen(QColor(colour), 9)
        pen.setCosmetic(True)
        items.append((pen, path))
    # where two cross the later one lies on top: green over red, blue over green
    img, used = _draw(items, True)
    assert used == 3
    assert img.pixelColor(320, 200) == QColor("#00aa00")
    assert img.pixelColor(320, 210) == QColor("#0000ff")  # the diagonal passes (320, 210)
    assert img.pixelColor(320, 100) == QColor("#00aa00")
    assert img.pixelColor(60, 200) == QColor("#ff0000")
    seq, _ = _draw(items, False)
    assert np.array_equal(_pixels(seq), _pixels(img))


# --- found by a break-it review (session 29) ---------------------------------------------------


@needs_native
def test_one_path_twice_is_drawn_on_one_thread(qapp, two_threads):
    """Qt builds and drops a drawn path's vector copy unguarded: one path's data drawn by two
    threads at once crashed (a casing and an inner line over the same path)."""
    from PySide6.QtGui import QPainterPath as P

    path = _paths(n_paths=1, vertices=4000)[0]
    casing, inner = QPen(QColor("#ffffff"), 5), QPen(QColor("#1f78b4"), 1)
    for pen in (casing, inner):
        pen.setCosmetic(True)
    _same_as_sequential([(casing, path), (inner, path)], 1)
    # a copy made in Python is a deep copy (its own data): it may be shared out
    assert PT._path_data(P(path)) != PT._path_data(path)
    other = _paths(n_paths=1, vertices=4000, seed=9)[0]
    assert _draw([(casing, path), (inner, other)], True)[1] == 2  # distinct data: shared


@needs_native
def test_painter_states_the_shares_cannot_copy_or_must_copy(qapp, two_threads):
    from PySide6.QtGui import QLinearGradient

    items = _items(_paths(n_paths=4, vertices=3000))
    img = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    # a world transform set, then disabled: the shares are drawn untransformed too
    for threaded in (False, True):
        img.fill(QColor("#dfe9f2"))
        p = QPainter(img)
        p.setTransform(QTransform().scale(0.5, 0.5))
        p.setWorldMatrixEnabled(False)
        if threaded:
            assert PT.draw_paths(p, items) == 2
        else:
            for pen, path in items:
                p.setPen(pen)
                p.drawPath(path)
        p.end()
        if not threaded:
            want = _pixels(img)
    assert np.array_equal(want, _pixels(img))
    # devices other than 32-bit colour: one thread
    for fmt in (QImage.Format.Format_Grayscale8, QImage.Format.Format_RGB16, QImage.Format.Format_ARGB32):
        other = QImage(W, H, fmt)
        p = QPainter(other)
        assert PT.draw_paths(p, items) == 1
        p.end()
    # a gradient pen follows the brush origin; an antialiased elliptic clip applies once per path
    grad = QLinearGradient(0, 0, 40, 0)
    grad.setColorAt(0, QColor("#ff0000"))
    grad.setColorAt(1, QColor("#0000ff"))
    pens = []
    for i in range(4):
        # gradient and pattern brushes: both placed by the brush origin
        pen = QPen(grad if i % 2 else QBrush(QColor("#33a02c"), Qt.BrushStyle.Dense4Pattern), 3)
        pen.setCosmetic(True)
        pens.append((pen, items[i][1]))

    def draw(threaded):
        out = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
        out.fill(QColor("#dfe9f2"))
        q = QPainter(out)
        q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        q.setBrushOrigin(17, 5)
        clip = QPainterPath()
        clip.addEllipse(QRectF(60, 40, 500, 330))
        q.setClipPath(clip)
        if threaded:
            used = PT.draw_paths(q, pens)
        else:
            used = 1
            for pen, path in pens:
                q.setPen(pen)
                q.drawPath(path)
        q.end()
        return _pixels(out), used

    (a, _), (b, used) = draw(False), draw(True)
    assert used == 2
    assert np.abs(a - b).max() <= 4


@needs_native
def test_dashed_pens_shared_by_the_shares(qapp, two_threads):
    pen = QPen(QColor("#e31a1c"), 1, Qt.PenStyle.DashDotLine)
    pen.setCosmetic(True)
    _same_as_sequential([(pen, path) for path in _paths(n_paths=6, vertices=3000)], 2)


@needs_native
def test_concurrent_calls_while_the_pool_grows(qapp, monkeypatch):
    """Two threads drawing at once (the canvas's frame thread and an export on the GUI thread)
    while the pool grows: no share is lost to a pool shut down under it."""
    monkeypatch.setattr(PT, "MIN_PARALLEL_ELEMENTS", 1_000)
    monkeypatch.setattr(PT, "_pool", None)
    counts = iter([2, 3, 4] * 100)
    lock = threading.Lock()

    def next_count():
        with lock:
            return next(counts)

    monkeypatch.setattr(PT, "thread_count", next_count)
    items = _items(_paths(n_paths=6, vertices=1500))
    want = _pixels(_draw(items, False)[0])
    errors, results = [], []

    def work():
        try:
            for _ in range(10):
                results.append(np.array_equal(want, _pixels(_draw(items, True)[0])))
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results and all(results)


def test_thread_count_is_capped(monkeypatch):
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "1000")
    assert PT.thread_count() == PT.MAX_THREADS
    for value in ("0", "-3", "", "abc", "2.5"):
        monkeypatch.setenv("ATLAS_PAINT_THREADS", value)
        assert 1 <= PT.thread_count() <= PT.MAX_THREADS


# --- the dilation's drawImage calls in bands of rows (draw_image_bands) ---

def _line_image(w=W, h=H + 1, dpr=1.0, seed=5) -> QImage:
    """Antialiased random lines on a transparent image (odd height: bands of unequal rows)."""
    img = QImage(int(w * dpr), int(h * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(dpr)
    img.fill(0)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    rng = np.random.default_rng(seed)
    for i in range(300):
        p.setPen(QPen(QColor(COLORS[i % 2]), 1))
        x0, x1 = rng.uniform(0, w, 2)
        y0, y1 = rng.uniform(0, h, 2)
        p.drawLine(QPointF(x0, y0), QPointF(x1, y1))
    p.end()
    return img


def _drawn_by_one_painter(src: QImage, offsets, mode) -> QImage:
    out = QImage(src.width(), src.height(), QImage.Format.Format_ARGB32_Premultiplied)
    out.setDevicePixelRatio(src.devicePixelRatioF())
    out.fill(QColor(10, 20, 30, 40))
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    p.setCompositionMode(mode)
    for dx, dy in offsets:
        p.drawImage(QPointF(dx, dy), src)
    p.end()
    return out


def _drawn_in_bands(src: QImage, offsets, mode) -> tuple[QImage, int]:
    out = QImage(src.width(), src.height(), QImage.Format.Format_ARGB32_Premultiplied)
    out.setDevicePixelRatio(src.devicePixelRatioF())
    out.fill(QColor(10, 20, 30, 40))
    return out, PT.draw_image_bands(out, src, offsets, mode)


LIGHTEN = QPainter.CompositionMode.CompositionMode_Lighten
SOURCE_OVER = QPainter.CompositionMode.CompositionMode_SourceOver


@needs_native
@pytest.mark.parametrize("width, mode, dpr", [
    (1.5, LIGHTEN, 1.0), (3.0, LIGHTEN, 1.0), (1.5, LIGHTEN, 2.0), (None, SOURCE_OVER, 1.0), (None, SOURCE_OVER, 1.25),
])
def test_image_bands_give_the_pixels_of_one_painter(qapp, two_threads, width, mode, dpr):
    """Every pixel as one painter draws it, at offsets that fall on half pixels too (Qt rounds
    those away from zero: -0.5 and 60.5 round apart). A fractional pixel ratio is drawn by one
    painter (band edges would fall between device rows)."""
    src = _line_image(dpr=dpr)
    offsets = R.dilation_offsets(width) if width else [(0.0, 0.0), (10.5, -3.25), (-7.75, 60.5), (3.0, -0.5)]
    one = _drawn_by_one_painter(src, offsets, mode)
    banded, used = _drawn_in_bands(src, offsets, mode)
    assert used == (2 if dpr == int(dpr) else 1)
    a, b = _pixels(one), _pixels(banded)
    background = _pixels(_drawn_by_one_painter(_line_image(dpr=dpr, seed=0), [], mode))
    assert (a != background).reshape(a.shape[0], -1, 4).any(axis=-1).sum() > 50_000 * dpr * dpr
    assert np.array_equal(a, b)  # every pixel, the rows where the bands meet included


@needs_native
def test_image_bands_are_drawn_by_two_threads_at_once(qapp, two_threads, monkeypatch):
    seen = set()
    real = PT._pointer

    def spy(obj):
        seen.add(threading.get_ident())
        return real(obj)

    monkeypatch.setattr(PT, "_pointer", spy)
    src = _line_image()
    _, used = _drawn_in_bands(src, R.dilation_offsets(1.5), LIGHTEN)
    assert used == 2
    assert threading.get_ident() in seen and len(seen) == 2


def test_image_bands_fall_back_to_one_painter(qapp, monkeypatch):
    src = _line_image()
    offsets = R.dilation_offsets(3.0)
    one = _pixels(_drawn_by_one_painter(src, offsets, LIGHTEN))
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "1")
    out, used = _drawn_in_bands(src, offsets, LIGHTEN)
    assert used == 1 and np.array_equal(_pixels(out), one)
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "2")
    monkeypatch.setattr(PT, "native_draw_image", lambda: None)  # Qt's call not found: PySide6, one thread
    out, used = _drawn_in_bands(src, offsets, LIGHTEN)
    assert used == 1 and np.array_equal(_pixels(out), one)
    monkeypatch.undo()
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "2")
    small = _line_image(h=2 * PT.MIN_BAND_ROWS - 1)  # too few rows for two bands
    out, used = _drawn_in_bands(small, offsets, LIGHTEN)
    assert used == 1
    assert np.array_equal(_pixels(out), _pixels(_drawn_by_one_painter(small, offsets, LIGHTEN)))


@needs_native
def test_image_bands_leave_an_implicit_copy_of_the_target_alone(qapp, two_threads):
    src = _line_image()
    out = QImage(src.width(), src.height(), QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(0)
    copy = QImage(out)  # shares out's pixels until one of them is written
    assert PT.draw_image_bands(out, src, [(0.5, 0.5)], LIGHTEN) == 2
    assert not _pixels(copy).any()
    assert _pixels(out).any()
