"""Drawing what a hostile file holds stays bounded (issue 16 item 2): a self-intersecting polygon
left unrepaired is drawn as its outline, 1 px wide -- filling it, or stroking it wider, made Qt
build an outline of millions of crossings (45 s a frame at 10,000 random vertices, over 120 s
at 100,000)."""

import time

import numpy as np
import shapely

from asean_atlas.desktop.export import render_image
from asean_atlas.desktop.renderer import MapRenderer
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.geometry import repair_geometries
from asean_atlas.layers.layer import Layer


def test_unrepaired_random_polygon_draws_as_an_outline_quickly(qapp):
    import geopandas as gpd

    rng = np.random.default_rng(0)
    ring = np.c_[rng.uniform(100, 120, 10_000), rng.uniform(0, 20, 10_000)]
    poly = shapely.Polygon(ring)
    geoms, repaired, _, unrepaired = repair_geometries(np.array([poly], dtype=object))
    assert (repaired, unrepaired) == (0, 1)  # too costly to repair: kept as read
    frame = gpd.GeoDataFrame({"name": ["knot"]}, geometry=list(geoms), crs=4326)
    doc = MapDocument()
    layer = doc.add_layer(Layer(frame, "knot"))
    renderer = MapRenderer()
    t0 = time.perf_counter()
    image = render_image(doc, ExportOptions(width=1200, height=800, bbox=(98, -2, 122, 22)), renderer)
    seconds = time.perf_counter() - t0
    assert renderer.cache(layer).outline_only == {0}
    assert seconds < 15, seconds  # ~0.3 s here; 45 s when it was filled
    # drawn: the layer's colour appears, as lines, not as a fill of the whole square
    rgb = image.convertToFormat(image.Format.Format_RGB888)
    data = np.frombuffer(bytes(rgb.constBits()), dtype=np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    pixels = data[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3).astype(int)
    colour = np.array([int(layer.style.color[i : i + 2], 16) for i in (1, 3, 5)])
    share = (np.abs(pixels - colour).sum(axis=2) < 60).mean()
    assert 0.01 < share < 0.6, share
