"""The one renderer: draws a map document into any QPaintDevice (canvas, QImage, SVG, PDF).

What the canvas shows is what the PNG export writes: both call :meth:`MapRenderer.render`.
Geometry is projected once per layer (EPSG:3857, :attr:`Layer.display_geometries`) and turned into
Qt paths once; a time-slider step only recomputes the layer's boolean mask and repaints.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QTransform

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.viewport import Viewport

from .qtgeom import geometry_path, point_coordinates, polygonf

SEA_COLOR = QColor("#cfe3ef")
LAND_COLOR = QColor("#f4f1ea")
BORDER_COLOR = QColor("#b8ae9c")
COAST_COLOR = QColor("#9db8c8")


class _LayerCache:
    """Projected, Qt-ready geometry of one layer (rebuilt only if the layer's geometry changes)."""

    def __init__(self, layer: Layer) -> None:
        geoms = layer.display_geometries
        self.geoms_id = id(geoms)
        self.point_xy, self.point_rows = point_coordinates(geoms)
        types = shapely.get_type_id(geoms)
        # 0 = Point, 4 = MultiPoint: drawn as markers only
        self.path_rows = np.flatnonzero((types > 0) & (types != 4))
        self.paths: dict[int, QPainterPath] = {int(r): geometry_path(geoms[r]) for r in self.path_rows}
        # 3 Polygon, 6 MultiPolygon, 7 GeometryCollection: filled
        self.filled = np.isin(types, (3, 6, 7))


class _Basemap:
    """Land and country borders from the built-in Natural Earth basemap, as two Qt paths."""

    def __init__(self) -> None:
        self.land: QPainterPath | None = None
        try:
            from asean_atlas.geodata.basemap import load_basemap

            countries = load_basemap("countries")
        except Exception:  # basemap missing: the map still works, on a plain sea colour
            return
        from asean_atlas.layers.projection import project_geometries

        geoms = project_geometries(countries.geometry.values)
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for g in geoms:
            if g is not None and not g.is_empty:
                path.addPath(geometry_path(g))
        self.land = path


class MapRenderer:
    """Paints the basemap and the visible layers of a :class:`MapDocument`.

    Parameters
    ----------
    basemap : bool
        Draw the built-in Natural Earth basemap under the layers.
    """

    _basemap: _Basemap | None = None

    def __init__(self, basemap: bool = True) -> None:
        self.basemap = basemap
        self._caches: dict[str, _LayerCache] = {}

    def cache(self, layer: Layer) -> _LayerCache:
        """The Qt geometry cache of ``layer`` (built on first use)."""
        c = self._caches.get(layer.id)
        if c is None or c.geoms_id != id(layer.display_geometries):
            c = self._caches[layer.id] = _LayerCache(layer)
        return c

    def forget(self, layer: Layer) -> None:
        """Drop the cache of a removed layer."""
        self._caches.pop(layer.id, None)

    @classmethod
    def basemap_paths(cls) -> _Basemap:
        """The shared basemap paths (loaded once per process)."""
        if cls._basemap is None:
            cls._basemap = _Basemap()
        return cls._basemap

    def render(self, painter: QPainter, document: MapDocument, viewport: Viewport, scale: float = 1.0) -> None:
        """Draw the map into ``painter``'s device, which is ``viewport.width`` x ``height`` pixels.

        Parameters
        ----------
        painter : QPainter
            Active painter on the target device.
        document : MapDocument
            Layers (bottom to top), and the year of the time filter.
        viewport : Viewport
            Which part of the EPSG:3857 plane to show.
        scale : float
            Multiplier for pixel sizes (line widths, markers): ``dpi / 96`` for print exports.
        """
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(QRectF(0, 0, viewport.width, viewport.height), SEA_COLOR)
        world = QTransform(*viewport.affine())
        if self.basemap:
            base = self.basemap_paths()
            if base.land is not None:
                painter.setTransform(world)
                pen = QPen(BORDER_COLOR, 0.8 * scale)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(LAND_COLOR)
                painter.drawPath(base.land)
        for layer in document.visible_layers():
            self._draw_layer(painter, layer, layer.time_mask(document.year), viewport, world, scale)
        painter.restore()

    def _draw_layer(
        self,
        painter: QPainter,
        layer: Layer,
        mask: np.ndarray,
        viewport: Viewport,
        world: QTransform,
        scale: float,
    ) -> None:
        cache = self.cache(layer)
        style = layer.style
        keys = style.class_keys(layer.frame)
        painter.setOpacity(style.opacity)
        # lines and polygons: one cosmetic pen per class; paths live in map metres
        if cache.path_rows.size:
            painter.setTransform(world)
            rows = cache.path_rows[mask[cache.path_rows]]
            for key in np.unique(keys[rows]) if rows.size else ():
                color = QColor(style.color_for(key))
                pen = QPen(color, style.stroke_width * scale)
                pen.setCosmetic(True)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                if style.is_dashed(key):
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                fill = QColor(style.fill_color or style.color_for(key))
                fill.setAlphaF(style.fill_opacity)
                brush = QBrush(fill)
                for r in rows[keys[rows] == key]:
                    path = cache.paths[int(r)]
                    painter.setBrush(brush if cache.filled[r] else Qt.BrushStyle.NoBrush)
                    painter.drawPath(path)
        # points: batched drawPoints with a round pen (one call per class), white halo below
        if cache.point_xy.size:
            painter.resetTransform()
            ok = mask[cache.point_rows]
            xy = cache.point_xy[ok]
            rows = cache.point_rows[ok]
            px, py = viewport.to_pixels(xy[:, 0], xy[:, 1])
            inside = (px > -50) & (px < viewport.width + 50) & (py > -50) & (py < viewport.height + 50)
            px, py, rows = px[inside], py[inside], rows[inside]
            size = style.marker_size * scale
            for key in np.unique(keys[rows]) if rows.size else ():
                sel = keys[rows] == key
                poly = polygonf(np.column_stack([px[sel], py[sel]]))
                halo = QPen(QColor(255, 255, 255, 230), size + 2.5 * scale)
                halo.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(halo)
                painter.drawPoints(poly)
                pen = QPen(QColor(style.color_for(key)), size)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(pen)
                painter.drawPoints(poly)
        painter.setOpacity(1.0)
        painter.resetTransform()


def color_at(image, x: float, y: float) -> QColor:
    """Colour of ``image`` at pixel ``(x, y)`` (helper for tests and checks)."""
    return QColor(image.pixel(QPointF(x, y).toPoint()))
