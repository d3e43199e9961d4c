"""A compact point layer (issue 9, :class:`~asean_atlas.layers.layer.PointTable`) draws the same
pixels as the same points held as shapely geometries."""

import numpy as np
import pandas as pd

from asean_atlas.layers.layer import Layer, PointTable


def test_compact_layer_draws_the_same_pixels(tmp_path, qapp):
    from PySide6.QtGui import QImage, QPainter

    from asean_atlas.desktop.renderer import MapRenderer
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.viewport import Viewport

    rng = np.random.default_rng(9)
    n = 5_000  # above the sprite threshold: the stamped path
    table = PointTable(pd.DataFrame({"year": 2000 + np.arange(n) % 20}), rng.uniform(95, 140, n), rng.uniform(-10, 25, n))
    images = []
    for layer in (Layer(table, "c"), Layer(table.to_frame(), "g")):
        doc = MapDocument()
        doc.add_layer(layer)
        vp = Viewport(width=400, height=300)
        vp.fit_bbox((90, -12, 142, 30), 0.0)
        img = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(0)
        p = QPainter(img)
        MapRenderer(basemap=False).render(p, doc, vp)
        p.end()
        images.append(img)
    assert images[0] == images[1]
    drawn = sum(1 for x in range(0, 400, 4) for y in range(0, 300, 4) if images[0].pixel(x, y) >> 24)
    assert drawn > 1000
