"""No cliff at line widths above 1 px (issue 9, item 3): many wide lines are drawn thin and
widened, so a 1.5 px frame costs about what a 1 px frame does, and looks like Qt's stroke."""

import statistics
import time

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtGui import QImage, QPainter

from asean_atlas.desktop import renderer as R
from asean_atlas.desktop.renderer import MapRenderer, dilation_offsets
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.style import Style
from asean_atlas.layers.viewport import Viewport

BBOX = (90.0, -12.0, 142.0, 30.0)
COLOR = "#1f78b4"


def _lines(n: int, vertices: int, seed: int = 2, step: float = 0.3) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    x0, y0 = rng.uniform(95, 135, n), rng.uniform(-8, 25, n)
    steps = rng.normal(0, step, (n, vertices, 2)).cumsum(axis=1)
    coords = np.stack([x0[:, None] + steps[..., 0], y0[:, None] + steps[..., 1]], axis=-1)
    lines = shapely.linestrings(coords.reshape(-1, 2), indices=np.repeat(np.arange(n), vertices))
    return gpd.GeoDataFrame({"id": np.arange(n)}, geometry=lines, crs=4326)


def _doc(frame, width):
    doc = MapDocument()
    doc.add_layer(Layer(frame, "lines", style=Style(color=COLOR, stroke_width=width)))
    return doc


def _frame_ms(renderer, doc, size=(1000, 700)) -> tuple[float, QImage]:
    vp = Viewport(width=size[0], height=size[1])
    vp.fit_bbox(BBOX, 0.0)
    img = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    t = time.perf_counter()
    p = QPainter(img)
    renderer.render(p, doc, vp)
    p.end()
    return (time.perf_counter() - t) * 1000, img


def _median_frame(frame, width, runs=3) -> float:
    doc = _doc(frame, width)
    renderer = MapRenderer(basemap=False)
    _frame_ms(renderer, doc)  # caches (projection, Qt paths) warm, as on the canvas
    return statistics.median(_frame_ms(renderer, doc)[0] for _ in range(runs))


def test_wide_frames_cost_about_a_thin_frame(qapp):
    frame = _lines(2000, 100)
    thin = _median_frame(frame, 1.0)
    for width in (1.5, 3.0):
        wide = _median_frame(frame, width)
        assert wide <= 3 * thin + 30, f"{width} px frame {wide:.0f} ms vs 1 px {thin:.0f} ms"


def _ink(img: QImage) -> np.ndarray:
    """Pixels where the line colour dominates (alpha-weighted)."""
    arr = np.frombuffer(bytes(img.constBits()), dtype=np.uint32).reshape(img.height(), img.bytesPerLine() // 4)
    blue = arr & 0xFF
    red = (arr >> 16) & 0xFF
    return (blue > 100) & (red < 120)


@pytest.mark.parametrize("width", [1.5, 3.0, 5.0])
def test_widened_lines_cover_what_qt_strokes_cover(qapp, monkeypatch, width):
    frame = _lines(60, 40, seed=5, step=0.4)
    doc = _doc(frame, width)
    _, exact = _frame_ms(MapRenderer(basemap=False), doc, (600, 450))  # few elements: Qt's stroke
    monkeypatch.setattr(R, "WIDE_LINE_ELEMENTS", 0)
    _, widened = _frame_ms(MapRenderer(basemap=False), doc, (600, 450))
    a, b = _ink(exact), _ink(widened)
    assert a.sum() > 3000
    # the same pixels, give or take the antialiased fringe
    assert abs(int(b.sum()) - int(a.sum())) <= 0.2 * a.sum()
    assert (a & b).sum() >= 0.8 * a.sum()


def test_dashes_keep_their_lengths(qapp, monkeypatch):
    frame = gpd.GeoDataFrame({"status": ["planned"]}, geometry=[shapely.LineString([(95, 10), (135, 10)])], crs=4326)
    doc = MapDocument()
    doc.add_layer(Layer(frame, "planned", style=Style(color=COLOR, stroke_width=3.0)))
    monkeypatch.setattr(R, "WIDE_LINE_ELEMENTS", 0)
    _, img = _frame_ms(MapRenderer(basemap=False), doc, (600, 450))
    ink = _ink(img)
    row = ink[np.argmax(ink.sum(axis=1))]
    runs = np.diff(np.flatnonzero(np.diff(np.r_[0, row.astype(int), 0])))[::2]
    assert len(runs) > 10  # dashed, not solid
    assert 8 <= np.median(runs) <= 16  # a 4-width dash at 3 px, widened by the round caps


def test_dilation_offsets():
    assert dilation_offsets(1.0) == [(0.0, 0.0)]
    offs = np.array(dilation_offsets(3.0))
    assert np.hypot(offs[:, 0], offs[:, 1]).max() == pytest.approx(1.0)
    assert len(dilation_offsets(5.0)) > len(offs)
    # small widths: a ring of at least 4 points, at most 0.75 px apart
    for width, n in ((1.5, 5), (2.0, 6)):
        ring = np.array(dilation_offsets(width)[1:])
        assert len(ring) + 1 == n
        assert np.allclose(np.hypot(ring[:, 0], ring[:, 1]), (width - 1) / 2)
        gaps = np.hypot(*(ring - np.roll(ring, 1, axis=0)).T)
        assert gaps.max() <= 0.75


def test_big_line_layers_are_drawn_at_the_views_level_of_detail(qapp):
    """Issue 9: a line layer of many vertices is simplified to the view's pixel (Douglas-Peucker
    at between half a pixel and one, as QGIS's 1 px default) on raster devices: fewer path
    elements, the same picture; vector devices (SVG, PDF) and small layers keep every vertex."""
    frame = _lines(2000, 125, step=0.05)  # 250,000 vertices of ~5 km steps
    doc = _doc(frame, 1.0)
    layer = doc.layers[0]
    vp = Viewport(width=1000, height=700)
    vp.fit_bbox(BBOX, 0.0)
    renderer = MapRenderer(basemap=False, labels=False)
    cache = renderer.cache(layer)
    codes, _ = cache.class_codes(layer)
    level = cache.lod_level(vp, raster=True)
    assert level is not None and 0.5 * vp.resolution < 2.0 ** level <= vp.resolution
    assert cache.lod_level(vp, raster=False) is None
    exact = sum(p.elementCount() for _, p in cache.line_buckets(layer, codes, None))
    simple = sum(p.elementCount() for _, p in cache.line_buckets(layer, codes, level))
    assert exact == 250_000 and simple < 0.8 * exact, (exact, simple)
    images = []
    for lod in (10**12, R.LOD_MIN_VERTICES):
        old, R.LOD_MIN_VERTICES = R.LOD_MIN_VERTICES, lod
        try:
            images.append(_frame_ms(MapRenderer(basemap=False, labels=False), doc)[1])
        finally:
            R.LOD_MIN_VERTICES = old
    a, b = (np.frombuffer(bytes(i.constBits()), np.uint8).reshape(i.height(), i.bytesPerLine())[:, : i.width() * 4]
            .reshape(i.height(), i.width(), 4)[..., :3].astype(int) for i in images)
    differs = np.abs(a - b).max(axis=2) > 96
    assert differs.mean() < 0.02, differs.mean()
    small = MapRenderer(basemap=False).cache(_doc(_lines(100, 125), 1.0).layers[0])
    assert small.lod_level(vp, raster=True) is None  # 12,500 vertices: exact


def _pixels(img: QImage) -> np.ndarray:
    return (np.frombuffer(bytes(img.constBits()), np.uint8).reshape(img.height(), img.bytesPerLine())
            [:, : img.width() * 4].reshape(img.height(), img.width(), 4).copy())


@pytest.mark.parametrize("width", [1.0, 3.0])
def test_a_big_bucket_is_built_in_shares_and_draws_as_one_path(qapp, monkeypatch, width):
    """Issue 9 (peak memory): a bucket's lines are projected, simplified and turned into paths a
    share of vertices at a time, one path per share, with the bucket's representative row; the
    picture is the one a single path gives, frame after frame (Qt's drawing copy of each path is
    dropped after use). One thread draws (shares on threads: tests/desktop/test_paint_threads.py)."""
    monkeypatch.setenv("ATLAS_PAINT_THREADS", "1")
    frame = _lines(600, 125, step=0.05)  # 75,000 vertices, one bucket
    doc = _doc(frame, width)
    layer = doc.layers[0]
    shared = MapRenderer(basemap=False, labels=False)
    cache = shared.cache(layer)
    codes, _ = cache.class_codes(layer)
    buckets = cache.line_buckets(layer, codes, None)
    assert len(buckets) > 1 and {rep for rep, _ in buckets} == {0}
    assert sum(p.elementCount() for _, p in buckets) == 75_000
    first, again = _frame_ms(shared, doc)[1], _frame_ms(shared, doc)[1]
    assert all(p.fillRule() == buckets[0][1].fillRule() for _, p in buckets)
    monkeypatch.setattr(R, "row_chunks", lambda geoms: iter([(0, len(geoms))]))
    whole = MapRenderer(basemap=False, labels=False)
    assert len(whole.cache(layer).line_buckets(layer, codes, None)) == 1
    one = _frame_ms(whole, doc)[1]
    a, b, c = _pixels(first), _pixels(again), _pixels(one)
    assert (a[..., 3] > 0).mean() > 0.02  # lines were drawn
    assert np.array_equal(a, b)
    assert np.abs(a.astype(int) - c.astype(int)).max() <= 1


def test_polygons_outside_the_view_are_not_drawn_and_the_picture_is_the_same(qapp):
    """Polygons whose display box is outside the view are skipped (new-user pass, session 24: a
    zoomed-in view of big polygons drew all of them); what is drawn is unchanged, also on the
    world copy across the antimeridian."""
    rng = np.random.default_rng(4)
    cx, cy = rng.uniform(95, 135, 400), rng.uniform(-8, 25, 400)
    polys = [shapely.Point(x, y).buffer(0.4, 16) for x, y in zip(cx, cy)]
    polys.append(shapely.box(179.0, 10.0, 179.9, 11.0))  # east of the seam
    frame = gpd.GeoDataFrame({"id": np.arange(len(polys))}, geometry=polys, crs=4326)
    doc = MapDocument()
    doc.add_layer(Layer(frame, "polys", style=Style(color=COLOR, stroke_width=1.5, fill_color="#a6cee3")))
    layer = doc.layers[0]
    for bbox in ((110.0, 5.0, 114.0, 8.0), (179.5, 9.5, 180.5, 11.5)):
        vp = Viewport(width=600, height=450)
        vp.fit_bbox(bbox, 0.0)
        culled = MapRenderer(basemap=False, labels=False)
        img = QImage(600, 450, QImage.Format.Format_ARGB32_Premultiplied)
        p = QPainter(img)
        culled.render(p, doc, vp)
        p.end()
        full = MapRenderer(basemap=False, labels=False)
        full.cache(layer).polygon_boxes = np.tile([-np.inf, -np.inf, np.inf, np.inf], (len(polys), 1))
        ref = QImage(600, 450, QImage.Format.Format_ARGB32_Premultiplied)
        p = QPainter(ref)
        full.render(p, doc, vp)
        p.end()
        a, b = _pixels(img), _pixels(ref)
        assert np.array_equal(a, b)
        assert (np.abs(a.astype(int) - a[0, 0].astype(int)).max(axis=2) > 30).mean() > 0.002  # polygons drawn
