"""Symbology as drawn: proportional symbols (size by attribute) in the PNG renderer."""

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtGui import QColor, QImage

from asean_atlas.desktop.export import export_png
from asean_atlas.layers.document import MapDocument
from asean_atlas.desktop.export import export_page_view
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.projection import lonlat_to_display
from asean_atlas.layers.style import Style


def _near(c: QColor, hex_color: str, tol: int = 25) -> bool:
    want = QColor(hex_color)
    return abs(c.red() - want.red()) < tol and abs(c.green() - want.green()) < tol and abs(c.blue() - want.blue()) < tol


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
    vp = export_page_view(doc, opts)
    x, y = lonlat_to_display(np.array([100.0, 110.0]), np.array([5.0, 5.0]))
    px, py = vp.to_pixels(x, y)
    def is_green(c: QColor) -> bool:
        return _near(c, "#1b7a3e")

    # 10 px right of each centre: inside the 30 px marker, outside the small one (~10 px)
    assert is_green(QColor(image.pixel(round(px[0]) + 10, round(py[0]))))
    assert not is_green(QColor(image.pixel(round(px[1]) + 10, round(py[1]))))
    assert is_green(QColor(image.pixel(round(px[1]), round(py[1]))))


def test_marker_shapes_are_drawn_distinct(tmp_path, qapp):
    """A square marker fills its corner; a circle of the same size does not."""
    doc = MapDocument()
    for shape, lon in (("square", 100.0), ("circle", 110.0)):
        frame = gpd.GeoDataFrame({"name": [shape]}, geometry=[shapely.Point(lon, 5.0)], crs=4326)
        doc.add_layer(Layer(frame, shape, style=Style(color="#54278f", fill_color="#54278f", marker_size=30, marker_shape=shape)))
    opts = ExportOptions(width=800, height=400, bbox=(95.0, 0.0, 115.0, 10.0), title="")
    image = QImage(str(export_png(doc, tmp_path / "shapes.png", opts)))
    vp = export_page_view(doc, opts)
    x, y = lonlat_to_display(np.array([100.0, 110.0]), np.array([5.0, 5.0]))
    px, py = vp.to_pixels(x, y)
    def is_purple(c: QColor) -> bool:
        return _near(c, "#54278f")

    # 10 px right and 10 px down: inside the square (half side 13.5 px), outside the circle (r 15)
    assert is_purple(QColor(image.pixel(round(px[0]) + 11, round(py[0]) + 11)))
    assert not is_purple(QColor(image.pixel(round(px[1]) + 11, round(py[1]) + 11)))
    assert is_purple(QColor(image.pixel(round(px[1]), round(py[1]))))
