"""Symbology as drawn: proportional symbols (size by attribute) in the PNG renderer."""

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtGui import QColor, QImage

from asean_atlas.desktop.export import export_png
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions, export_viewport
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.projection import lonlat_to_display
from asean_atlas.layers.style import Style


def test_markers_sized_by_attribute(tmp_path, qapp):
    frame = gpd.GeoDataFrame(
        {"name": ["300 MW", "10 MW"], "capacity_mw": [300.0, 10.0]},
        geometry=[shapely.Point(100.0, 5.0), shapely.Point(110.0, 5.0)],
        crs=4326,
    )
    style = Style(color="#1b7a3e", fill_color="#1b7a3e", size_field="capacity_mw", size_range=(6.0, 30.0))
    doc = MapDocument()
    doc.add_layer(Layer(frame, "Data centres", style=style))
    opts = ExportOptions(width=800, height=400, bbox=(95.0, 0.0, 115.0, 10.0), title="")
    out = export_png(doc, tmp_path / "sized.png", opts)
    image = QImage(str(out))
    vp = export_viewport(doc, opts)
    x, y = lonlat_to_display(np.array([100.0, 110.0]), np.array([5.0, 5.0]))
    px, py = vp.to_pixels(x, y)
    green = QColor("#1b7a3e")

    def is_green(c: QColor) -> bool:
        return abs(c.red() - green.red()) < 25 and abs(c.green() - green.green()) < 25 and abs(c.blue() - green.blue()) < 25

    # 10 px right of each centre: inside the 30 px marker, outside the small one (~10 px)
    assert is_green(QColor(image.pixel(round(px[0]) + 10, round(py[0]))))
    assert not is_green(QColor(image.pixel(round(px[1]) + 10, round(py[1]))))
    assert is_green(QColor(image.pixel(round(px[1]), round(py[1]))))
