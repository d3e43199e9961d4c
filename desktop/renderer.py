"""The one renderer: draws a map document into any QPaintDevice (canvas, QImage, SVG, PDF).

What the canvas shows is what the PNG export writes: both call :meth:`MapRenderer.render`.
Geometry is projected (EPSG:3857) and turned into Qt paths once per layer and level of detail
(:class:`_LayerCache`); a time-slider step only recomputes the layer's boolean mask and repaints.
"""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF, QTransform

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.geometry import row_chunks
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.projection import lonlat_to_display, project_geometries
from asean_atlas.layers.style import LOW_CONFIDENCE_OPACITY, MARKER_SHAPES
from asean_atlas.layers.temporal import STAGE_CONSTRUCTION, STAGE_IN_SERVICE, STAGE_PLANNED, STAGE_RETIRED, TimeFilter
from asean_atlas.layers.viewport import Viewport

from .paint_threads import draw_image_bands, draw_paths
from .qtgeom import add_geometry, geometry_path, point_coordinates, polygonf

SEA_COLOR = QColor("#cfe3ef")
LAND_COLOR = QColor("#f4f1ea")
BORDER_COLOR = QColor("#b8ae9c")
COAST_COLOR = QColor("#9db8c8")
#: Colour of retired features (lifecycle, issue 5).
RETIRED_COLOR = "#9a9a9a"
#: Default of :meth:`MapRenderer.render`'s ``time_filter``: the document's current filter.
CURRENT_TIME = object()


#: Invalid polygons with more vertices than this are drawn as outlines, never filled (ten random
#: rings of 1,999 vertices, each just under a 2,000 limit, took 112 s to fill).
OUTLINE_ONLY_VERTICES = 200


class _LayerCache:
    """Projected, Qt-ready geometry of one layer (rebuilt only if the layer's geometry changes).

    Polygons keep one path per feature (their odd-even fill must not merge); lines keep only
    their merged paths per (class, time bucket) and level of detail, built straight from the
    layer's geometries projected a share at a time, so no projected copy of the vertices and no
    per-feature line path is held (issue 9: 10,000 lines of 125 vertices, ~70 MB less).
    """

    def __init__(self, layer: Layer) -> None:
        self.frame_id = id(layer.attributes)
        if layer.is_point_layer:  # the layer's own projected coordinates, not a copy (issue 9)
            self.point_xy, self.point_rows = layer.display_points()
            geoms = np.empty(0, dtype=object)
        else:
            geoms = layer.frame.geometry.values
            lonlat, self.point_rows = point_coordinates(geoms)
            x, y = lonlat_to_display(lonlat[:, 0], lonlat[:, 1])
            self.point_xy = np.column_stack([x, y])
        types = shapely.get_type_id(geoms)
        # 0 = Point, 4 = MultiPoint: drawn as markers only
        self.path_rows = np.flatnonzero((types > 0) & (types != 4))
        # 3 Polygon, 6 MultiPolygon, 7 GeometryCollection: filled
        self.filled = np.isin(types, (3, 6, 7))
        n = layer.feature_count
        self.polygon_rows = self.path_rows[self.filled[self.path_rows]]
        self.line_rows = self.path_rows[~self.filled[self.path_rows]]
        polygons = project_geometries(geoms[self.polygon_rows])
        self.paths: dict[int, QPainterPath] = {int(r): geometry_path(g) for r, g in zip(self.polygon_rows.tolist(), polygons)}
        # big polygons left invalid (repair over budget, issue 16): drawn as outlines. Filling a
        # self-intersecting ring of 10,000 random vertices took Qt's rasterizer 45 s per frame,
        # 100,000 vertices over 120 s; its outline is drawn in milliseconds.
        #: display bbox of each polygon row (metres, shape (len(polygon_rows), 4)): those outside
        #: the view are not drawn (a zoomed-in view of big polygons drew all of them)
        self.polygon_boxes = shapely.bounds(polygons) if len(polygons) else np.empty((0, 4))
        big = shapely.get_num_coordinates(polygons) > OUTLINE_ONLY_VERTICES
        with np.errstate(invalid="ignore"):
            self.outline_only = set(self.polygon_rows[big][~shapely.is_valid(polygons[big])].tolist()) if big.any() else set()
        del polygons
        self._class_sig: tuple | None = None
        self._codes = np.zeros(n, dtype=np.int32)
        self._labels: list[str] = [""]
        self._bucket_sig: tuple | None = None
        #: merged line paths per level of detail (:meth:`lod_level`; None: exact), a few kept
        self._buckets: dict[int | None, list[tuple[int, QPainterPath]]] = {}
        self.line_vertices = int(shapely.get_num_coordinates(geoms[self.line_rows]).sum()) if self.line_rows.size else 0
        self._layer_geoms = geoms

    def lod_level(self, viewport: Viewport, raster: bool) -> int | None:
        """The level of detail of this layer's lines in ``viewport``: None (exact) for a vector
        device, a layer under :data:`LOD_MIN_VERTICES` vertices, or a view finer than 1 m a
        pixel; else ``floor(log2(metres per pixel))``, whose simplification tolerance
        ``2 ** level`` metres is between half a pixel and one (QGIS simplifies at 1 px by
        default)."""
        if not raster or self.line_vertices < LOD_MIN_VERTICES or viewport.resolution < 1.0:
            return None
        return int(np.floor(np.log2(viewport.resolution)))

    def _line_paths(self, rows: np.ndarray, level: int | None) -> list[QPainterPath]:
        """Paths of the line features ``rows`` (one bucket), projected and simplified (at
        ``level``) a share of at most :data:`~asean_atlas.layers.geometry.CHUNK_VERTICES`
        vertices at a time, one path per share: no more than a share's copies exist at once."""
        paths = []
        geoms = self._layer_geoms[rows]
        for a, b in row_chunks(geoms):
            g = project_geometries(geoms[a:b])
            if level is not None:
                # Douglas-Peucker (GEOS) at 2**level metres: 10,000 lines of 125 vertices, 1.25
                # million vertices, keep 0.55 million at 1 px of the region view, in ~0.15 s
                g = shapely.simplify(g, float(2.0 ** level), preserve_topology=False)
            path = QPainterPath()
            # sized once: a path grown vertex by vertex keeps up to twice its memory
            path.reserve(int(shapely.get_num_coordinates(g).sum()) + 1)
            for one in g:
                add_geometry(path, one)
            paths.append(path)
        return paths

    def line_buckets(self, layer: Layer, codes: np.ndarray, level: int | None = None) -> list[tuple[int, QPainterPath]]:
        """Line features merged into one path per (class, time bucket): features with the same
        class and the same dates and status are shown, hidden and styled together at every time.

        Parameters
        ----------
        level : int or None
            Level of detail (:meth:`lod_level`): None for the exact lines.

        Returns
        -------
        list of (int, QPainterPath)
            A representative row of each bucket (its mask and stage are the bucket's) and a path;
            a bucket of many vertices comes as several entries with the same row.
        """
        arrays = layer.time_key_arrays()
        sig = (self._class_sig, tuple(id(a) for a in arrays))
        if sig != self._bucket_sig:
            self._buckets = {}
        elif level in self._buckets:
            self._buckets[level] = self._buckets.pop(level)  # most recently used last
            return self._buckets[level]
        rows = self.line_rows
        cols = [codes[rows].astype(np.int64)] + [a[rows].astype(np.int64) for a in arrays]
        keys = np.column_stack(cols)
        _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.ravel()
        order = np.argsort(inverse, kind="stable")
        bounds = np.searchsorted(inverse[order], np.arange(first.size + 1))
        buckets = []
        for b in range(first.size):
            members = rows[order[bounds[b]:bounds[b + 1]]]
            # a big bucket is drawn as several paths (same representative row, same pen)
            buckets.extend((int(members[0]), path) for path in self._line_paths(members, level))
        if len(self._buckets) >= LOD_LEVELS_KEPT:  # the level used least recently goes
            del self._buckets[next(iter(self._buckets))]
        self._buckets[level] = buckets
        self._bucket_sig, self._arrays = sig, arrays
        return buckets


    def class_codes(self, layer: Layer) -> tuple[np.ndarray, list[str]]:
        """Class of each feature as an int code and the class labels (recomputed on style change)."""
        style = layer.style
        sig = (style.categorized_field, style.graduated_edges, id(layer.attributes))
        if sig != self._class_sig:
            if style.categorized_field:
                codes, uniques = pd.factorize(style.class_keys(layer.attributes))
                self._codes = codes.astype(np.int32)
                self._labels = [str(u) for u in uniques] or [""]
            else:
                self._codes = np.zeros(len(layer.attributes), dtype=np.int32)
                self._labels = [""]
            self._class_sig = sig
            self._bucket_sig = None
        return self._codes, self._labels


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

    def __init__(self, basemap: bool = True, labels: bool = True) -> None:
        self.basemap = basemap
        #: draw labels (layers' label fields, countries and cities) after the layers (issue 11)
        self.labels = labels
        #: the labels placed in the last frame (:class:`~asean_atlas.layers.labels.PlacedLabel`)
        self.last_labels: list = []
        self._caches: dict[str, _LayerCache] = {}
        #: Held while rendering and while the caches change: the canvas renders on a worker thread
        #: (:mod:`.render_thread`) and exports use the same renderer on the GUI thread.
        self.lock = threading.RLock()

    def cache(self, layer: Layer) -> _LayerCache:
        """The Qt geometry cache of ``layer`` (built on first use)."""
        with self.lock:
            c = self._caches.get(layer.id)
            if c is None or c.frame_id != id(layer.attributes):
                c = self._caches[layer.id] = _LayerCache(layer)
            return c

    def forget(self, layer: Layer) -> None:
        """Drop the cache of a removed layer."""
        with self.lock:
            self._caches.pop(layer.id, None)

    def retain(self, layers: list[Layer]) -> None:
        """Drop the caches of every layer not in ``layers`` (the document's current stack)."""
        keep = {lyr.id for lyr in layers}
        with self.lock:
            for layer_id in [k for k in self._caches if k not in keep]:
                del self._caches[layer_id]

    def _basemap_image(self, painter: QPainter, viewport: Viewport, world: QTransform, scale: float, base,
                       antialiasing: bool = True) -> QImage:
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        key = (viewport.affine(), round(viewport.width), round(viewport.height), scale, dpr, antialiasing)
        if getattr(self, "_base_key", None) != key:
            img = QImage(round(viewport.width * dpr), round(viewport.height * dpr), QImage.Format.Format_ARGB32_Premultiplied)
            img.setDevicePixelRatio(dpr)
            img.fill(0)
            p = QPainter(img)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, antialiasing)
            for shift in viewport.world_shifts():
                _paint_basemap(p, _shifted(world, shift), scale, base)
            p.end()
            self._base_key, self._base_image = key, img
        return self._base_image

    @classmethod
    def basemap_paths(cls) -> _Basemap:
        """The shared basemap paths (loaded once per process)."""
        if cls._basemap is None:
            cls._basemap = _Basemap()
        return cls._basemap

    def render(
        self,
        painter: QPainter,
        document: MapDocument,
        viewport: Viewport,
        scale: float = 1.0,
        time_filter: TimeFilter | None | object = CURRENT_TIME,
        reserved: list | None = None,
        antialiasing: bool = True,
    ) -> None:
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
        time_filter : TimeFilter or None, optional
            The time to draw (exports, animation frames); default the document's current filter,
            None draws every feature. Layers with a lifecycle draw planned features dashed or
            hollow, retired ones grey.
        reserved : list of (x0, y0, x1, y1), optional
            Pixel boxes labels keep out of (an export's title band, legend, scale bar…).
        antialiasing : bool
            Smooth the edges of the basemap, lines, areas and round markers (QGIS's
            "antialiasing" rendering setting; off: about a fifth faster for many thin lines).
            Labels are always drawn with antialiased text. Exports keep the default (on).
        """
        with self.lock:
            self._render(painter, document, viewport, scale, time_filter, reserved, antialiasing)

    def _render(self, painter, document, viewport, scale, time_filter, reserved=None, antialiasing=True) -> None:
        tf = document.time_filter if time_filter is CURRENT_TIME else time_filter
        # the painter's transform on entry places the map on its device (an export's map frame
        # is offset by the title band and margins): every transform below is composed with it
        self._base = painter.transform()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, bool(antialiasing))
        painter.fillRect(QRectF(0, 0, viewport.width, viewport.height), SEA_COLOR)
        world = QTransform(*viewport.affine())
        if self.basemap:
            base = self.basemap_paths()
            if base.land is not None:
                if _is_raster(painter):
                    # the basemap does not change with time: a slider step blits it (issue 5)
                    painter.drawImage(QPointF(0, 0), self._basemap_image(painter, viewport, world, scale, base,
                                                                         bool(antialiasing)))
                else:  # SVG, PDF: keep it vector
                    for shift in viewport.world_shifts():
                        _paint_basemap(painter, _shifted(world, shift) * self._base, scale, base)
        shifts = viewport.world_shifts()
        for layer in document.visible_layers():
            stages = layer.lifecycle_stages(tf)
            mask = layer.time_mask(tf) if stages is None else stages >= 0
            # across the antimeridian the view holds two world copies: draw the layer in each
            for shift in shifts:
                self._draw_layer(painter, layer, mask, viewport, _shifted(world, shift), scale, stages, shift)
        if self.labels:  # issue 11: after every layer, placed so that none overlaps
            from .labels import draw_labels

            self.last_labels = draw_labels(painter, document, viewport, tf, scale, basemap=self.basemap,
                                           reserved=reserved)
        painter.restore()

    def _draw_layer(
        self,
        painter: QPainter,
        layer: Layer,
        mask: np.ndarray,
        viewport: Viewport,
        world: QTransform,
        scale: float,
        stages: np.ndarray | None = None,
        shift: float = 0.0,
    ) -> None:
        cache = self.cache(layer)
        style = layer.style
        codes, labels = cache.class_codes(layer)
        # one draw group per (class, lifecycle stage), as small ints: class * 6 + stage + 1 (5: none)
        # (int32: at 1M features each temporary is 4 MB, issue 9's peak memory)
        group = codes.astype(np.int32) * 6
        group += (stages.astype(np.int32) + 1) if stages is not None else 5
        pens: dict[int, tuple[QPen, QBrush]] = {}

        def pen_for(g: int) -> tuple[QPen, QBrush]:
            if g not in pens:
                pens[g] = _line_pen(style, labels[g // 6], _stage_of(g), scale)
            return pens[g]

        # features of low confidence (a `confidence` attribute of "low") are drawn lighter, in a
        # pass of their own (issue 12 item 4); lines are bucketed apart from the others for it
        low = layer.low_confidence()
        passes = [(mask, 1.0)] if low is None else [(mask & ~low, 1.0), (mask & low, LOW_CONFIDENCE_OPACITY)]
        bucket_codes = codes if low is None else codes.astype(np.int64) * 2 + low
        for mask, factor in passes:  # noqa: B020 (each pass draws its share of the features)
            if not mask.any():
                continue
            painter.setOpacity(style.opacity * factor)
            # lines: one combined path per (class, time bucket), built once (DESIGN.md "Rendering");
            # polygons: one path per feature (their odd-even fill must not merge), grouped by class
            if cache.path_rows.size:
                painter.setTransform(world * self._base)
                level = cache.lod_level(viewport, _is_raster(painter))
                buckets = [(int(group[rep]), path) for rep, path in cache.line_buckets(layer, bucket_codes, level)
                           if mask[rep]]
                width = style.stroke_width * scale
                if width > WIDE_LINE_MIN_PX and _is_raster(painter) and sum(p.elementCount() for _, p in buckets) >= WIDE_LINE_ELEMENTS:
                    self._draw_wide_lines(painter, buckets, pen_for, world, viewport, width)
                    painter.setTransform(world * self._base)
                else:
                    # many paths: shares drawn by several threads (desktop/paint_threads.py)
                    draw_paths(painter, [(pen_for(g)[0], path) for g, path in buckets], drawn=_drop_converter)
                # polygons in view only (their box, widened by a few pixels for the outline)
                x0, y0, x1, y1 = viewport.extent()
                pad = (style.stroke_width * scale + 4) * viewport.resolution
                b = cache.polygon_boxes
                seen = mask[cache.polygon_rows] & (b[:, 0] + shift <= x1 + pad) & (b[:, 2] + shift >= x0 - pad) \
                    & (b[:, 1] <= y1 + pad) & (b[:, 3] >= y0 - pad)
                rows = cache.polygon_rows[seen]
                for g in np.unique(group[rows]) if rows.size else ():
                    pen, brush = pen_for(int(g))
                    painter.setPen(pen)
                    painter.setBrush(brush)
                    for r in rows[group[rows] == g]:
                        if int(r) in cache.outline_only:  # 1 px: Qt's fast thin-line path, no fill
                            thin = QPen(pen)
                            thin.setWidthF(1.0)
                            painter.setPen(thin)
                            painter.setBrush(Qt.BrushStyle.NoBrush)
                            painter.drawPath(cache.paths[int(r)])
                            painter.setPen(pen)
                            painter.setBrush(brush)
                        else:
                            painter.drawPath(cache.paths[int(r)])
            # points: batched drawPoints with a round pen (one call per class), white halo below;
            # above SPRITE_THRESHOLD visible points, stamped from a sprite in numpy (issue 5 speed)
            if cache.point_xy.size:
                painter.setTransform(self._base)
                # selections skipped when they keep everything (the whole layer in view and shown:
                # 1M points, 75 -> 30 ms of the frame, issue 9)
                ok = mask[cache.point_rows]
                xy, rows = cache.point_xy, cache.point_rows
                if not ok.all():
                    xy, rows = xy[ok], rows[ok]
                px, py = viewport.to_pixels(xy[:, 0] + shift if shift else xy[:, 0], xy[:, 1])
                inside = (px > -50) & (px < viewport.width + 50)
                inside &= py > -50
                inside &= py < viewport.height + 50
                if not inside.all():
                    px, py, rows = px[inside], py[inside], rows[inside]
                size = style.marker_size * scale
                groups = _distinct(group[rows]) if rows.size else ()
                sizes = style.marker_sizes(layer.attributes)
                if sizes is not None and rows.size:
                    # proportional symbols: one batch per (class, diameter to 0.5 px), largest first
                    # so small markers stay visible on top of big ones
                    d = np.round(sizes[rows] * 2) / 2
                    for dv in np.unique(d)[::-1]:
                        for g in np.unique(group[rows][d == dv]):
                            sel = (d == dv) & (group[rows] == g)
                            poly = polygonf(np.column_stack([px[sel], py[sel]]))
                            _paint_markers(painter, poly, style, labels[g // 6], _stage_of(int(g)), dv * scale, scale)
                elif rows.size > SPRITE_THRESHOLD:
                    # pixel positions as int32, the float ones freed first (1M points: the frame's
                    # peak memory, issue 9)
                    ix = np.rint(px, out=px).astype(np.int32)
                    del px
                    iy = np.rint(py, out=py).astype(np.int32)
                    del py
                    self._stamp_points(painter, viewport, style, labels, ix, iy, group[rows], groups, size, scale)
                else:
                    for g in groups:
                        sel = group[rows] == g
                        poly = polygonf(np.column_stack([px[sel], py[sel]]))
                        _paint_markers(painter, poly, style, labels[g // 6], _stage_of(int(g)), size, scale)
        painter.setOpacity(1.0)
        painter.setTransform(self._base)

    def _draw_wide_lines(self, painter, buckets, pen_for, world, viewport, width: float) -> None:
        """Lines wider than 1 px, many of them: each pen group drawn 1 px wide into an image (Qt's
        fast thin-line rasterizer), then widened by drawing that image at sub-pixel offsets on a
        disk of radius ``(width - 1) / 2`` with the Lighten composition (a dilation), and blitted.

        Qt strokes a wide antialiased path by building its outline polygon and filling it; cost
        grows faster than linearly with the path (measured: 2,000 random-walk lines of 100
        vertices, 1.5 px: 19.8 s merged, 0.87 s one polyline each; 10,000 lines of 125 vertices
        took 80 s). Here it is the 1 px cost plus a few ms per offset, drawn in bands of rows on
        the paint threads (issue 9, lines_10k at 1600x1000 on two cores: 5 offsets at 1.5 px
        ~18 ms, 17 at 3 px ~38 ms). Caps come out round, joins round; dashes keep their on/off
        lengths.
        """
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        w, h = round(viewport.width * dpr), round(viewport.height * dpr)
        groups: dict[int, list[QPainterPath]] = {}
        for g, path in buckets:
            groups.setdefault(g, []).append(path)
        offsets = dilation_offsets(width)
        antialias = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        # two scratch images for every group (6.4 MB each at 1600x1000). (An 8-bit coverage
        # image for the thin lines saved 4.8 MB but made a wide frame ~40% slower: each offset
        # drawn converts it to ARGB.)
        thin_img, wide = _blank(w, h, dpr), _blank(w, h, dpr)
        for i, (g, paths) in enumerate(groups.items()):
            if i:
                thin_img.fill(0)
                wide.fill(0)
            pen, _ = pen_for(g)
            thin = QPen(pen)
            thin.setWidthF(1.0)
            if pen.style() != Qt.PenStyle.SolidLine:
                # dash lengths are in pen widths: keep the wide pen's on/off lengths in pixels
                thin.setDashPattern([v * width for v in pen.dashPattern()])
            p = QPainter(thin_img)
            # always antialiased here: without antialiasing the thresholded coverage below makes
            # the aliased picture (sub-pixel offsets of an aliased 1 px line would round to no
            # widening at all at 1.5 px)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setTransform(world)
            # `wide` is blank here: it serves as the second thread's scratch image
            if draw_paths(p, [(thin, path) for path in paths], scratch=wide, drawn=_drop_converter) > 1:
                wide.fill(0)
            p.end()
            # the dilation, in bands of rows on as many threads as the thin pass
            draw_image_bands(wide, thin_img, offsets, QPainter.CompositionMode.CompositionMode_Lighten)
            if not antialias:
                _threshold_coverage(wide, thin.color())
            painter.setTransform(self._base)
            painter.drawImage(QPointF(0, 0), wide)

    def _stamp_points(self, painter, viewport, style, labels, ix, iy, gcodes, groups, size, scale) -> None:
        """Stamp marker sprites at integer pixel positions ``ix``, ``iy`` (int32, shape (m,)), one
        sprite per draw group, into one overlay image drawn at once."""
        w, h = int(round(viewport.width)), int(round(viewport.height))
        overlay = np.zeros(h * w, dtype=np.uint32)
        flat = np.int32 if h * w < 2**31 else np.int64  # pixel offsets of a huge export need 64 bits
        for g in groups:
            dx, dy, argb = _marker_sprite(style, labels[g // 6], _stage_of(int(g)), size, scale,
                                          painter.testRenderHint(QPainter.RenderHint.Antialiasing))
            if len(groups) == 1:  # one class: no selection (no copies of 1M positions)
                gx, gy = ix, iy
            else:
                sel = gcodes == g
                gx, gy = ix[sel], iy[sel]
            m = int(max(np.abs(dx).max(), np.abs(dy).max())) if dx.size else 0
            safe = (gx >= m) & (gx < w - m) & (gy >= m) & (gy < h - m)
            # one stamp per occupied pixel, in pixel order: a point on the pixel of an earlier one of
            # the same class draws the same sprite, and sequential writes are ~3x faster than
            # scattered ones (1M points: 72 ms against 199 ms, issue 9 first frame)
            seen = np.zeros(h * w, dtype=bool)
            seen[gy[safe].astype(flat) * w + gx[safe]] = True
            base = np.flatnonzero(seen)
            del seen
            bx, by = gx[~safe], gy[~safe]
            for ddx, ddy, c in zip(dx.tolist(), dy.tolist(), argb.tolist()):
                overlay[base + (ddy * w + ddx)] = c
                if bx.size:
                    x, y = bx + ddx, by + ddy
                    inb = (x >= 0) & (x < w) & (y >= 0) & (y < h)
                    overlay[y[inb].astype(flat) * w + x[inb]] = c
        image = QImage(overlay.data, w, h, w * 4, QImage.Format.Format_ARGB32_Premultiplied)
        painter.drawImage(QPointF(0, 0), image)
        del image


#: Lines wider than this (pixels) and with at least :data:`WIDE_LINE_ELEMENTS` path elements visible
#: are drawn thin and widened (:meth:`MapRenderer._draw_wide_lines`); fewer keep Qt's exact stroke.
WIDE_LINE_MIN_PX = 1.05
WIDE_LINE_ELEMENTS = 20_000


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of an int array, ascending (as ``np.unique``): by counting when they are
    small non-negative codes (1M draw-group codes: 3 ms against 20 ms sorting)."""
    if values.size and values.min() >= 0 and values.max() < 1_000_000:
        return np.flatnonzero(np.bincount(values))
    return np.unique(values)


def dilation_offsets(width: float) -> list[tuple[float, float]]:
    """Sub-pixel offsets that widen a 1 px line to ``width`` pixels: the centre and rings on a
    disk of radius ``(width - 1) / 2``, points at most 0.75 px apart along each ring and at
    least 4 on it (1.5 px: 5 offsets; a ring of 8 drew no closer to Qt's stroke, bench/NOTES.md).

    Returns
    -------
    list of (float, float)
        Offsets in pixels.
    """
    r = (width - 1.0) / 2.0
    out = [(0.0, 0.0)]
    if r <= 0:
        return out
    rings = max(1, int(np.ceil(r)))
    for j in range(1, rings + 1):
        rr = r * j / rings
        m = max(4, int(np.ceil(2 * np.pi * rr / 0.75)))
        a = 2 * np.pi * np.arange(m) / m
        out += list(zip((rr * np.cos(a)).tolist(), (rr * np.sin(a)).tolist()))
    return out


def _threshold_coverage(img: QImage, color: QColor) -> None:
    """Make an antialiased drawing in one ``color`` aliased, in place: pixels covered at least
    half (alpha >= half the colour's) become the colour, the others transparent -- a pixel is
    drawn when its centre is inside the shape, as Qt's aliased rasterizer decides.

    ``img`` is ARGB32_Premultiplied."""
    one = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    one.fill(color)
    value = np.frombuffer(bytes(one.constBits()), dtype=np.uint32)[0]
    arr = np.frombuffer(img.bits(), dtype=np.uint32)
    # alpha is the top byte: alpha >= t exactly when the pixel's value >= t << 24 (two passes over
    # the image, ~2 ms at 1600x1000, not four)
    on = arr >= np.uint32(max(int(value >> np.uint32(24)) // 2, 1) << 24)
    np.multiply(on, np.uint32(value), out=arr)


def _blank(w: int, h: int, dpr: float) -> QImage:
    img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(dpr)
    img.fill(0)
    return img


def _shifted(world: QTransform, shift: float) -> QTransform:
    """``world`` applied after moving x by ``shift`` metres (a world copy east or west)."""
    return QTransform(world).translate(shift, 0.0) if shift else world


def _is_raster(painter: QPainter) -> bool:
    """Whether the painter draws pixels (image, pixmap, widget) rather than vectors (SVG, PDF)."""
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QWidget

    return isinstance(painter.device(), (QImage, QPixmap, QWidget))


def _paint_basemap(painter: QPainter, world: QTransform, scale: float, base) -> None:
    painter.save()
    painter.setTransform(world)
    pen = QPen(BORDER_COLOR, 0.8 * scale)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.setBrush(LAND_COLOR)
    painter.drawPath(base.land)
    painter.restore()


#: Line layers of at least this many vertices are drawn simplified to the view's pixel size on
#: raster devices (the window, PNG, GIF, MP4): issue 9, a frame of 10,000 lines of 125 vertices
#: drew 1.25 million segments where 0.55 million look the same.
LOD_MIN_VERTICES = 200_000
#: Levels of detail kept per layer (each ~a path of the layer's simplified vertices).
LOD_LEVELS_KEPT = 3
#: Line paths of at least this many vertices do not keep Qt's drawing copy (:func:`_drop_converter`).
DROP_CONVERTER_ELEMENTS = 4_096

#: Above this many visible points a layer's markers are stamped from a sprite in numpy instead of
#: drawn by Qt's stroker (antialiased round points cost ~3 µs each: 15k points took 46 ms, while
#: stamping 100k took ~5 ms, measured with bench/bench_time.py).
SPRITE_THRESHOLD = 3_000


def _drop_converter(path: QPainterPath) -> None:
    """Let a big line path go of the copy Qt makes of it to draw it.

    Qt keeps a vector form of a path once drawn (~20 bytes a vertex beside the path's 24): for the
    merged lines of 10,000 cables at the region view, 12 MB. Any change of the path drops it;
    rebuilding it costs ~1 ms per 100,000 vertices of the next frame (issue 9, peak memory).
    """
    if path.elementCount() >= DROP_CONVERTER_ELEMENTS:
        rule = path.fillRule()
        path.setFillRule(Qt.FillRule.WindingFill if rule == Qt.FillRule.OddEvenFill else Qt.FillRule.OddEvenFill)
        path.setFillRule(rule)


def _stage_of(g: int) -> int | None:
    s = g % 6 - 1
    return None if s == 4 else s


def _line_pen(style, cls: str, stage: int | None, scale: float) -> tuple[QPen, QBrush]:
    color = QColor(RETIRED_COLOR if stage == STAGE_RETIRED else style.color_for(cls))
    pen = QPen(color, style.stroke_width * scale)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if stage == STAGE_CONSTRUCTION:
        pen.setStyle(Qt.PenStyle.DashDotLine)
    elif style.is_dashed(cls) or stage == STAGE_PLANNED:
        pen.setStyle(Qt.PenStyle.DashLine)
    # a class with a colour of its own fills with it (a choropleth); otherwise the layer's fill
    own = bool(style.categorized_field) and cls in style.categories
    fill = QColor(RETIRED_COLOR if stage == STAGE_RETIRED else (style.color_for(cls) if own else (style.fill_color or style.color_for(cls))))
    fill.setAlphaF(style.fill_opacity)
    # planned and under-construction polygons are hollow
    brush = QBrush(fill) if stage in (None, STAGE_IN_SERVICE, STAGE_RETIRED) else QBrush()
    return pen, brush


def marker_shape_path(shape: str, size: float) -> QPainterPath:
    """Outline of a non-circular marker of about ``size`` pixels, centred on (0, 0).

    Shapes: ``"square"``, ``"triangle"``, ``"diamond"``, ``"star"`` (five points); anything else
    gives an empty path (circles are drawn as round points).
    """
    path = QPainterPath()
    r = size / 2
    unit = MARKER_SHAPES.get(shape)
    if unit:
        path.addPolygon(QPolygonF([QPointF(x * r, y * r) for x, y in unit]))
        path.closeSubpath()
    return path


def _paint_shapes(painter: QPainter, poly, style, cls: str, stage: int | None, size: float, scale: float) -> None:
    """Square, triangle, diamond or star markers: halo, outline in the class colour, fill."""
    shape = marker_shape_path(style.marker_shape, size)
    color = QColor(RETIRED_COLOR if stage == STAGE_RETIRED else style.color_for(cls))
    if stage in (STAGE_PLANNED, STAGE_CONSTRUCTION):
        fill = QColor(255, 255, 255)  # hollow (issue 5 lifecycle)
    elif stage == STAGE_RETIRED:
        fill = QColor(RETIRED_COLOR)
    else:
        fill = QColor(style.fill_color if (style.fill_color and not cls) else color)
    halo = QPen(QColor(255, 255, 255, 230), 2.5 * scale)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    outline = QPen(color, 1.3 * scale)
    outline.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    points = [poly[i] for i in range(poly.size())]
    for pen, brush in ((halo, Qt.BrushStyle.NoBrush), (outline, fill)):
        painter.setPen(pen)
        painter.setBrush(brush)
        for p in points:
            painter.drawPath(shape.translated(p))


def _paint_markers(painter: QPainter, poly, style, cls: str, stage: int | None, size: float, scale: float) -> None:
    """Markers at the points of ``poly``: white halo, colour, and a hollow or fill-colour centre."""
    if getattr(style, "marker_shape", "circle") not in ("circle", "", None):
        _paint_shapes(painter, poly, style, cls, stage, size, scale)
        return
    halo = QPen(QColor(255, 255, 255, 230), size + 2.5 * scale)
    halo.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(halo)
    painter.drawPoints(poly)
    color = QColor(RETIRED_COLOR if stage == STAGE_RETIRED else style.color_for(cls))
    pen = QPen(color, size)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawPoints(poly)
    if stage in (STAGE_PLANNED, STAGE_CONSTRUCTION):
        # planned: a hollow ring (issue 5 lifecycle)
        hole = QPen(QColor(255, 255, 255), max(size - 3.5 * scale, 1.0))
        hole.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(hole)
        painter.drawPoints(poly)
    # single-symbol markers with their own fill: outline ring of `color`, `fill_color` inside
    elif not cls and style.fill_color and style.fill_color.lower() != style.color.lower():
        inner = QPen(QColor(style.fill_color), max(size - 3.0 * scale, 1.0))
        inner.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(inner)
        painter.drawPoints(poly)


_SPRITES: dict[tuple, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}


def _marker_sprite(style, cls: str, stage: int | None, size: float, scale: float, antialias: bool = True):
    """Pixels of one marker as painted by :func:`_paint_markers`: offsets ``dx, dy`` from the
    centre and opaque premultiplied ARGB values, outermost first (so halos end up under colours,
    as with Qt's two passes). Pixels under 50 % coverage are left out; ``antialias`` False paints
    the marker aliased (no blends of fill and halo, View > Antialiasing)."""
    key = (style.color_for(cls), style.fill_color, bool(cls), stage, round(size, 2), round(scale, 2), bool(antialias))
    hit = _SPRITES.get(key)
    if hit is not None:
        return hit
    k = int(np.ceil(size + 2.5 * scale)) + 4
    k += 1 - k % 2
    img = QImage(k, k, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(0)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, bool(antialias))
    c = k // 2
    _paint_markers(p, polygonf(np.array([[c + 0.5, c + 0.5]])), style, cls, stage, size, scale)
    p.end()
    arr = np.frombuffer(bytes(img.constBits()), dtype=np.uint32).reshape(k, img.bytesPerLine() // 4)[:, :k]
    alpha = (arr >> 24).astype(np.int64)
    yy, xx = np.nonzero(alpha >= 128)
    a = alpha[yy, xx]
    px = arr[yy, xx].astype(np.int64)
    chans = [((px >> s) & 0xFF) * 255 // a for s in (16, 8, 0)]
    argb = (0xFF << 24) | (np.clip(chans[0], 0, 255) << 16) | (np.clip(chans[1], 0, 255) << 8) | np.clip(chans[2], 0, 255)
    dx, dy = xx - c, yy - c
    order = np.argsort(-(dx * dx + dy * dy), kind="stable")
    out = (dx[order], dy[order], argb[order].astype(np.uint32))
    _SPRITES[key] = out
    return out


def color_at(image, x: float, y: float) -> QColor:
    """Colour of ``image`` at pixel ``(x, y)`` (helper for tests and checks)."""
    return QColor(image.pixel(QPointF(x, y).toPoint()))
