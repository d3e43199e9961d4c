"""The renderer draws the time filter and lifecycle stages (issue 5), fast paths included."""

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtGui import QImage, QPainter

from asean_atlas.desktop import renderer as R
from asean_atlas.desktop.renderer import MapRenderer
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.projection import lonlat_to_display
from asean_atlas.layers.style import Style
from asean_atlas.layers.temporal import TemporalSpec, TimeFilter
from asean_atlas.layers.viewport import Viewport

BBOX = (100.0, 0.0, 110.0, 8.0)


def _vp():
    vp = Viewport(width=500, height=400)
    vp.fit_bbox(BBOX, 0.0)
    return vp


def _px(vp, lon, lat):
    x, y = lonlat_to_display(np.array([lon]), np.array([lat]))
    px, py = vp.to_pixels(x[0], y[0])
    return int(round(float(px))), int(round(float(py)))


def _paint(doc, renderer, tf):
    img = QImage(500, 400, QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    renderer.render(p, doc, _vp(), time_filter=tf)
    p.end()
    return img


def _rgb(img, xy):
    c = img.pixelColor(*xy)
    return c.red(), c.green(), c.blue()


def _near(rgb, hexcolor, tol=10):
    h = hexcolor.lstrip("#")
    return all(abs(a - int(h[i:i + 2], 16)) <= tol for a, i in zip(rgb, (0, 2, 4)))


def test_many_points_are_stamped_with_the_time_filter(qapp):
    # 30,000 points (above the sprite threshold) far off to the south, one marker of 2017 in view
    n = 30_000
    rng = np.random.default_rng(0)
    lon = np.r_[105.0, rng.uniform(100, 110, n - 1)]
    lat = np.r_[4.0, rng.uniform(-40, -30, n - 1)]
    frame = gpd.GeoDataFrame({"year": np.r_[2017, rng.integers(1990, 2030, n - 1)]},
                             geometry=shapely.points(lon, lat), crs=4326)
    doc = MapDocument()
    doc.add_layer(Layer(frame, "pts", style=Style(color="#d62728", marker_size=10), temporal=TemporalSpec("year")))
    assert n > R.SPRITE_THRESHOLD
    r = MapRenderer(basemap=False)
    at = _px(_vp(), 105.0, 4.0)
    before = _rgb(_paint(doc, r, TimeFilter.as_of_year(2016)), at)
    after = _rgb(_paint(doc, r, TimeFilter.as_of_year(2017)), at)
    assert _near(before, "#cfe3ef") and _near(after, "#d62728")


def test_lines_batched_by_time_bucket_follow_the_filter(qapp):
    lines = [shapely.LineString([(101, y), (109, y)]) for y in (2, 4, 6)]
    frame = gpd.GeoDataFrame({"start": [2001, 2017, 2001], "end": [None, None, "2010"]},
                             geometry=lines, crs=4326)
    layer = Layer(frame, "cables", style=Style(color="#0b7fab", stroke_width=5), temporal=TemporalSpec("start", "end"))
    doc = MapDocument()
    doc.add_layer(layer)
    r = MapRenderer(basemap=False)
    probe = [_px(_vp(), 105.0, y) for y in (2, 4, 6)]
    shown = lambda img: [_near(_rgb(img, p), "#0b7fab") for p in probe]  # noqa: E731
    assert shown(_paint(doc, r, TimeFilter.as_of_year(2005))) == [True, False, True]
    assert shown(_paint(doc, r, TimeFilter.as_of_year(2017))) == [True, True, False]
    assert shown(_paint(doc, r, None)) == [True, True, True]
    # features with equal dates share one bucket: 3 distinct (start, end) -> 3 paths
    assert len(r.cache(layer).line_buckets(layer, r.cache(layer).class_codes(layer)[0])) == 3


def test_lifecycle_planned_dashed_retired_grey(qapp):
    lines = [shapely.LineString([(101, y), (109, y)]) for y in (2, 5)]
    frame = gpd.GeoDataFrame({"start": ["2001", "2001"], "end": [None, "2010"], "status": ["planned", "in service"]},
                             geometry=lines, crs=4326)
    doc = MapDocument()
    doc.add_layer(Layer(frame, "c", style=Style(color="#0b7fab", stroke_width=4), temporal=TemporalSpec("start", "end")))
    img = _paint(doc, MapRenderer(basemap=False), TimeFilter.as_of_year(2012))
    # planned: dashed -> along the line some pixels are line colour and some are background
    _, y = _px(_vp(), 105.0, 2)
    run = [_near(_rgb(img, (x, y)), "#0b7fab") for x in range(150, 350)]
    assert 0.3 < np.mean(run) < 0.9
    # retired in 2010: drawn grey (not hidden, not the layer colour) as of 2012
    xr, yr = _px(_vp(), 105.0, 5)
    assert _near(_rgb(img, (xr, yr)), R.RETIRED_COLOR)
