"""The map canvas widget: paints the document with :class:`MapRenderer`, pans, zooms, identifies."""

from __future__ import annotations

import time

import numpy as np
import shapely
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen, QTransform, QWheelEvent
from PySide6.QtWidgets import QWidget

from asean_atlas.layers.document import DEFAULT_BBOX, MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.viewport import Viewport

from . import layout
from .qtgeom import geometry_path
from .render_thread import FrameWorker
from .renderer import MapRenderer

#: Identify search radius, pixels.
IDENTIFY_TOLERANCE_PX = 6.0
#: After the last pan or zoom input, the map is redrawn once this many ms have passed without
#: another (until then the last frame is shown moved and scaled: issue 9, as QGIS's canvas does).
SETTLE_MS = 150
HIGHLIGHT = QColor("#ffd400")
#: The attribute table's selection highlights at most this many features (drawn one by one).
MAX_SELECTED_DRAWN = 2000
#: The mouse rests this long over a feature before its name shows in a tooltip, ms.
HOVER_MS = 350
#: Colour of the features linked to the selection (a cable's landing stations, a station's cables).
RELATED = "#e8590c"


class MapCanvas(QWidget):
    """Interactive map: drag to pan, wheel to zoom (about the cursor), click to identify.

    Signals
    -------
    painted()
        After each paint that shows the up-to-date map (used by ``--screenshot`` and tests to
        wait for a drawn map). Frames are rendered on a worker thread
        (:mod:`~asean_atlas.desktop.render_thread`); until one is ready the last frame is shown
        moved and scaled to the view.
    feature_identified(object, int)
        The layer and positional row selected with :meth:`select`; ``(None, -1)`` for none.
    features_identified(list)
        After a click: every feature under it, ``[(layer, row), ...]``, top layer first and
        nearest first within a layer (empty when nothing is there).
    view_changed()
        The view moved or zoomed.
    cursor_moved(float, float)
        The mouse is over map point ``(lon, lat)`` degrees (the status bar's read-out).
    cursor_left()
        The mouse left the map.
    labels_drawn(list)
        The labels placed in the frame just received (:class:`~asean_atlas.layers.labels.PlacedLabel`).
    clicked(float, float)
        A click (not a drag) at ``(lon, lat)`` degrees, before ``features_identified``.
    """

    painted = Signal()
    feature_identified = Signal(object, int)
    features_identified = Signal(list)
    view_changed = Signal()
    cursor_moved = Signal(float, float)
    cursor_left = Signal()
    labels_drawn = Signal(list)
    clicked = Signal(float, float)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.renderer = MapRenderer()
        self.viewport = Viewport(width=max(self.width(), 1), height=max(self.height(), 1))
        self._pending_bbox: tuple[float, float, float, float] | None = DEFAULT_BBOX
        self._drag_from: QPointF | None = None
        self._drag_moved = False
        self.selection: tuple[Layer, int] | None = None
        #: features linked to the selection (a cable's stations, a station's cables), highlighted
        self.related: list[tuple[Layer, int]] = []
        #: features selected in the attribute table ``(layer, rows)``, or None
        self.selected_rows: tuple | None = None
        # highlighted features' display geometry and Qt path, kept between paints: a pan repaints
        # the selection, and projecting 2,000 lines again each time doubled the frame (issue 9)
        self._highlight_cache: dict[tuple, tuple] = {}
        #: the last hover tooltip's text (tests)
        self.hover_text = ""
        self.setMinimumSize(320, 240)
        self.setMouseTracking(True)  # the cursor read-out, hover tooltips, the measure rubber band
        #: the measure tool while it is active (clicks measure instead of identifying), else None
        self.measure = None
        self._hover = QTimer(self)
        self._hover.setSingleShot(True)
        self._hover.setInterval(HOVER_MS)
        self._hover.timeout.connect(self._show_hover_tip)
        self._hover_pos: QPointF | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # the last full map frame and the view it shows (reused while the user drags or zooms)
        self._frame: QImage | None = None
        self._frame_key: tuple | None = None
        self._frame_valid = False
        #: a picture of the whole window as a plain start first showed it (the start-up picture,
        #: :mod:`.startup`): its part under the canvas is shown until the first frame is ready
        self.placeholder: QImage | None = None
        self._last_input = 0.0
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        #: full renders done (tests count them)
        self.render_count = 0
        # frames are rendered on a worker thread; the GUI thread polls for them (issue 9)
        self._content_gen = 0
        #: smooth edges in the map frames (View > Antialiasing; exports are always antialiased)
        self.antialiasing = True
        self._worker = FrameWorker(self.renderer)
        self._wanted: tuple | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(8)
        self._poll.timeout.connect(self._collect)
        document.layers_changed.connect(self._content_changed)
        document.time_changed.connect(lambda _tf: self._time_moved())

    # -- view -----------------------------------------------------------------------------------
    def zoom_to_bbox(self, bbox: tuple[float, float, float, float], pad: float = 0.03) -> None:
        """Show ``(west, south, east, north)`` degrees (applied at the next resize if not shown yet)."""
        if self.width() <= 1 or not self.isVisible():
            self._pending_bbox = bbox
        self.viewport.resize(self.width(), self.height())
        self.viewport.fit_bbox(bbox, pad)
        self.view_changed.emit()
        self.update()

    def zoom_to_full_extent(self) -> None:
        """Show every visible layer (the Atlas region if no layer has an extent)."""
        from asean_atlas.layers.export_options import map_bbox

        extent = self.document.full_extent()
        self.zoom_to_bbox(map_bbox(extent) if extent else DEFAULT_BBOX)

    def zoom_to_layer(self, layer: Layer) -> None:
        """Show the extent of ``layer`` (a single point gets a padded extent)."""
        bbox = layer.view_bounds()
        if bbox is not None:
            self.zoom_to_bbox(bbox, pad=0.05)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.viewport.resize(self.width(), self.height())
        if self._pending_bbox is not None and self.width() > 1:
            self.viewport.fit_bbox(self._pending_bbox, 0.0)
            self._pending_bbox = None
        super().resizeEvent(event)

    # -- painting -------------------------------------------------------------------------------
    def _content_changed(self) -> None:
        self._frame_valid = False
        self._content_gen += 1
        self.update()

    def set_antialiasing(self, on: bool) -> None:
        """Draw the map with (``True``) or without smoothed edges; redraws if it changes."""
        if bool(on) != self.antialiasing:
            self.antialiasing = bool(on)
            self._content_changed()

    def _view_input(self) -> None:
        """A pan or zoom by the user: show the last frame moved until the input rests."""
        self._last_input = time.monotonic()
        self._settle.start()
        self.view_changed.emit()
        self.update()

    def _settled(self) -> None:
        self._last_input = 0.0  # Qt's timer may fire a little early: the input rests now
        self.update()

    def _interacting(self) -> bool:
        return self._drag_moved and self._drag_from is not None or (
            time.monotonic() - self._last_input < SETTLE_MS / 1000.0
        )

    def _key(self) -> tuple:
        return (self.viewport.affine(), self.viewport.width, self.viewport.height, self.devicePixelRatioF())

    def _request_frame(self, key: tuple) -> None:
        """Ask the worker thread for the frame of ``key`` at the current content and time."""
        token = (key, self._content_gen)
        if self._wanted == token:
            return
        self._wanted = token
        self._worker.request(token, self.document, self.viewport, self.document.time_filter, key[3],
                             self.antialiasing)
        self._poll.start()

    def _collect(self) -> None:
        """Poll the worker: take a finished frame (a stale one still serves as the moved preview)."""
        frame = self._worker.take()
        if self._worker.errors:  # a bug in rendering must not pass silently
            exc = self._worker.errors.pop(0)
            raise RuntimeError(f"map rendering failed: {type(exc).__name__}: {exc}") from exc
        if frame is None:
            if not self._worker.pending:
                self._poll.stop()
            return
        key, gen = frame.token
        self._frame, self._frame_key = frame.image, key
        self.placeholder = None
        self._frame_valid = gen == self._content_gen
        # the list is replaced whole by the worker: reading it needs no lock (a lock here would
        # make the GUI thread wait for the next frame)
        self.labels_drawn.emit(list(self.renderer.last_labels))
        self.render_count += 1
        self.last_frame_seconds = frame.seconds
        if not self._worker.pending:
            self._poll.stop()
        self.update()

    def frame_is_current(self) -> bool:
        """Whether the frame on screen shows the current view, layers and time (tests wait on it)."""
        return self._frame is not None and self._frame_valid and self._frame_key == self._key()

    def paintEvent(self, event) -> None:  # noqa: N802
        self.viewport.resize(self.width(), self.height())
        key = self._key()
        fresh = self._frame is not None and self._frame_valid and self._frame_key == key
        if not fresh and not self._interacting():
            self._request_frame(key)
        painter = QPainter(self)
        if self._frame is None and self.placeholder is not None:
            # the start-up picture's map (with its scale bar) until the first frame is ready
            dpr = self.placeholder.devicePixelRatio()
            at = self.mapTo(self.window(), QPoint(0, 0))
            painter.drawImage(QRectF(self.rect()), self.placeholder,
                              QRectF(at.x() * dpr, at.y() * dpr, self.width() * dpr, self.height() * dpr))
            painter.end()
            return
        try:
            painter.fillRect(self.rect(), QColor("#cfe3ef"))
            if fresh:
                painter.drawImage(QPointF(0, 0), self._frame)
            elif self._frame is not None and self._frame_key[1:] == key[1:]:
                # the last frame, moved and scaled to the new view, until the new one is ready
                old, _ = QTransform(*self._frame_key[0]).inverted()
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.setTransform(old * QTransform(*key[0]))
                painter.drawImage(QPointF(0, 0), self._frame)
                painter.resetTransform()
            self._paint_selection(painter)
            if self.measure is not None:
                self.measure.paint(painter, self.viewport)
            tf = self.document.time_filter
            lang = getattr(self.document, "language", "en")
            layout.draw_date_stamp(painter, tf.label if tf else None, self.viewport, 1.0, language=lang)
            layout.draw_scale_bar(painter, self.viewport, 1.0, self.viewport.height, language=lang)
        finally:
            painter.end()
        if fresh:  # "painted" means: the map on screen is up to date (--screenshot, tests)
            self.painted.emit()

    def set_selected_rows(self, layer: Layer | None, rows) -> None:
        """Highlight many features of one layer (the attribute table's selection); at most
        :data:`MAX_SELECTED_DRAWN` are drawn."""
        rows = np.asarray(rows if rows is not None else [], dtype=np.int64)
        self.selected_rows = (layer, rows) if layer is not None and rows.size else None
        self.update()

    def set_related(self, features: list) -> None:
        """Highlight the features linked to the selection (``[(layer, row), ...]``)."""
        self.related = list(features)
        self.update()

    def _highlighted(self, layer: Layer, rows) -> list[tuple]:
        """``(geometry, path)`` of each row to highlight: the display geometry (EPSG:3857, or
        None) and its QPainterPath (None for points), projected once for all the rows not kept
        yet and kept until the layer's data change."""
        data = id(layer.attributes)
        want = [int(r) for r in rows]
        missing = [r for r in want if (layer.id, data, r) not in self._highlight_cache]
        if missing:
            if len(self._highlight_cache) + len(missing) > 4 * MAX_SELECTED_DRAWN:
                self._highlight_cache.clear()
            if layer.is_point_layer:  # the layer's projected coordinates, looked up at once
                xy, prow = layer.display_points()
                want_rows = np.array(missing, dtype=np.int64)
                at = np.minimum(np.searchsorted(prow, want_rows), max(len(prow) - 1, 0))
                found = (prow[at] == want_rows) if len(prow) else np.zeros(len(missing), dtype=bool)
                geoms = np.full(len(missing), None, dtype=object)
                geoms[found] = shapely.points(xy[at[found]])
            else:
                geoms = list(layer.display_geometries(np.array(missing, dtype=np.int64)))
            for r, g in zip(missing, geoms):
                path = None
                if g is not None and not g.is_empty and g.geom_type not in ("Point", "MultiPoint"):
                    path = geometry_path(g)
                self._highlight_cache[(layer.id, data, r)] = (g, path)
        return [self._highlight_cache[(layer.id, data, r)] for r in want]

    def _paint_selection(self, painter: QPainter) -> None:
        # only features the map draws at the current time and filters are highlighted (as QGIS
        # draws a selection): a cable selected in the attribute table must not be drawn in the
        # years before it existed (session 31)
        drawn: dict[int, np.ndarray] = {}

        def shown(layer: Layer) -> np.ndarray:
            if id(layer) not in drawn:
                drawn[id(layer)] = layer.drawn_mask(self.document.time_filter)
            return drawn[id(layer)]

        if self.selected_rows is not None:
            layer, rows = self.selected_rows
            if layer in self.document.layers and layer.visible:
                rows = np.asarray(rows)
                rows = rows[shown(layer)[rows]][:MAX_SELECTED_DRAWN]
                for row, shape in zip(rows, self._highlighted(layer, rows)):
                    self._paint_highlight(painter, layer, int(row), HIGHLIGHT, 4.0, shape)
        for layer, row in self.related:
            if layer in self.document.layers and shown(layer)[row]:
                self._paint_highlight(painter, layer, row, QColor(RELATED), 2.5)
        if self.selection is not None:
            layer, row = self.selection
            self._paint_highlight(painter, layer, row, HIGHLIGHT, 4.0)

    def _paint_highlight(self, painter: QPainter, layer: Layer, row: int, color: QColor, extra: float,
                         shape: tuple | None = None) -> None:
        if layer not in self.document.layers or not layer.visible:
            return
        geom, path = shape if shape is not None else self._highlighted(layer, [row])[0]
        if geom is None or geom.is_empty:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if geom.geom_type in ("Point", "MultiPoint"):
            xy = shapely.get_coordinates(geom)
            px, py = self.viewport.to_pixels(xy[:, 0], xy[:, 1])
            ring = QColor("#202020") if color == HIGHLIGHT else color
            painter.setPen(QPen(ring, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            r = layer.style.marker_size / 2 + 5
            for x, y in zip(np.atleast_1d(px), np.atleast_1d(py)):
                painter.drawEllipse(QPointF(float(x), float(y)), r, r)
        else:
            for shift in self.viewport.world_shifts():  # the feature on each world copy in view
                painter.setTransform(QTransform(*self.viewport.affine()).translate(shift, 0.0))
                pen = QPen(color, layer.style.stroke_width + extra)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setOpacity(0.8)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
        painter.restore()

    # -- identify -------------------------------------------------------------------------------
    def identify(self, px: float, py: float) -> tuple[Layer, int] | None:
        """The top-most visible feature within :data:`IDENTIFY_TOLERANCE_PX` of pixel ``(px, py)``.

        Features hidden by the time filter are not found.

        Returns
        -------
        (Layer, int) or None
            The layer and the positional row of its GeoDataFrame.
        """
        mx, my = self.viewport.to_map(px, py)
        mx = self.viewport.wrap_x(mx)  # a click on a world copy east or west of ±180°
        tol = IDENTIFY_TOLERANCE_PX * self.viewport.resolution
        for layer in reversed(self.document.visible_layers()):
            if layer.feature_count == 0:
                continue
            row = layer.index.nearest_within(mx, my, tol, layer.drawn_mask(self.document.time_filter))
            if row is not None:
                return layer, row
        return None

    def identify_all(self, px: float, py: float, limit: int = 100) -> list[tuple[Layer, int]]:
        """Every visible feature within :data:`IDENTIFY_TOLERANCE_PX` of pixel ``(px, py)``.

        Returns
        -------
        list of (Layer, int)
            Top layer first, nearest first within a layer; at most ``limit`` entries.
        """
        mx, my = self.viewport.to_map(px, py)
        mx = self.viewport.wrap_x(mx)
        tol = IDENTIFY_TOLERANCE_PX * self.viewport.resolution
        hits: list[tuple[Layer, int]] = []
        for layer in reversed(self.document.visible_layers()):
            if layer.feature_count == 0:
                continue
            rows = layer.index.all_within(mx, my, tol, layer.drawn_mask(self.document.time_filter))
            hits.extend((layer, int(r)) for r in rows[: limit - len(hits)])
            if len(hits) >= limit:
                break
        return hits

    def highlight(self, layer: Layer | None, row: int = -1) -> None:
        """Highlight a feature on the map without announcing it (the attribute panel chose it: a
        feature at the clicked point, or a linked one, e.g. a cable's landing station). A
        feature outside the view is brought to its centre, at the same scale (QGIS's "pan to")."""
        self.selection = (layer, row) if layer is not None else None
        if layer is not None and row >= 0:
            self._pan_to(layer, row)
        self.update()

    def _pan_to(self, layer: Layer, row: int) -> None:
        geom = self._highlighted(layer, [row])[0][0]
        if geom is None or geom.is_empty:
            return
        x0, y0, x1, y1 = geom.bounds
        vx0, vy0, vx1, vy1 = self.viewport.extent()
        for shift in self.viewport.world_shifts():  # in view on any world copy: stay
            if x0 + shift <= vx1 and x1 + shift >= vx0 and y0 <= vy1 and y1 >= vy0:
                return
        self.viewport.cx, self.viewport.cy = (x0 + x1) / 2, (y0 + y1) / 2
        self.view_changed.emit()

    def _time_moved(self) -> None:
        # a selected feature that the time filter hides is no longer selected
        if self.selection is not None:
            layer, row = self.selection
            if not layer.drawn_mask(self.document.time_filter)[row]:
                self.select(None)
        self._content_changed()

    def select(self, layer: Layer | None, row: int = -1) -> None:
        """Highlight a feature (or clear with ``None``) and announce it."""
        self.selection = (layer, row) if layer is not None else None
        self.feature_identified.emit(layer, row)
        self.update()

    # -- mouse ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._hover.stop()
        if event.button() == Qt.MouseButton.RightButton and self.measure is not None:
            self.measure.finish()
            self.update()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position()
            self._drag_moved = False

    def lonlat_at(self, px: float, py: float) -> tuple[float, float]:
        """The map point under pixel ``(px, py)``, degrees (longitude wrapped to −180..180)."""
        from asean_atlas.layers.projection import display_to_lonlat

        mx, my = self.viewport.to_map(px, py)
        lon, lat = display_to_lonlat([self.viewport.wrap_x(mx)], [my])
        return float(lon[0]), float(lat[0])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._drag_from is None:
            lon, lat = self.lonlat_at(pos.x(), pos.y())
            self.cursor_moved.emit(lon, lat)
            if self.measure is not None:
                self.measure.move(lon, lat)
                self.update()
            self._hover_pos = pos
            self._hover.start()
            return
        d = pos - self._drag_from
        if self._drag_moved or abs(d.x()) + abs(d.y()) > 3:
            self._drag_moved = True
            self.viewport.pan_pixels(d.x(), d.y())
            self._drag_from = pos
            self._view_input()

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._hover.stop()
        self.cursor_left.emit()
        super().leaveEvent(event)

    def _show_hover_tip(self) -> None:
        """Tooltip with the name and layer of the feature under the resting cursor."""
        from PySide6.QtWidgets import QToolTip

        from .panels import _feature_name
        from .text import plain_tooltip

        if self._hover_pos is None or self._drag_from is not None or not self.underMouse():
            return
        hits = self.identify_all(self._hover_pos.x(), self._hover_pos.y(), limit=20)
        if not hits:
            QToolTip.hideText()
            return
        layer, row = hits[0]
        text = f"{_feature_name(layer, row)} — {layer.title}"
        if len(hits) > 1:
            text += "\n" + self.tr("(+{n} more here; click to list them)").format(n=len(hits) - 1)
        self.hover_text = text
        QToolTip.showText(self.mapToGlobal(self._hover_pos.toPoint()), plain_tooltip(text), self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._drag_from is not None:
            if not self._drag_moved:
                self._drag_from = None
                lon, lat = self.lonlat_at(event.position().x(), event.position().y())
                if self.measure is not None:
                    self.measure.click(lon, lat)
                    self.update()
                    return
                self.clicked.emit(lon, lat)
                hits = self.identify_all(event.position().x(), event.position().y())
                self.highlight(*(hits[0] if hits else (None, -1)))
                self.features_identified.emit(hits)
            else:
                self._view_input()  # the drag ended: redraw when the input rests
            self._drag_from = None

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.viewport.zoom(1.25**steps, event.position().x(), event.position().y())
            self._view_input()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if self.measure is not None and key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            {Qt.Key.Key_Escape: self.measure.clear, Qt.Key.Key_Backspace: self.measure.undo}.get(key, self.measure.finish)()
            self.update()
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.viewport.zoom(1.5)
        elif key == Qt.Key.Key_Minus:
            self.viewport.zoom(1 / 1.5)
        elif key == Qt.Key.Key_Left:
            self.viewport.pan_pixels(60, 0)
        elif key == Qt.Key.Key_Right:
            self.viewport.pan_pixels(-60, 0)
        elif key == Qt.Key.Key_Up:
            self.viewport.pan_pixels(0, 60)
        elif key == Qt.Key.Key_Down:
            self.viewport.pan_pixels(0, -60)
        else:
            super().keyPressEvent(event)
            return
        self._view_input()
