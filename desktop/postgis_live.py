"""PostGIS layers that follow the view (issue 15 item 2), as QGIS's PostgreSQL provider does: the
window asks the server for what is in view, with the time slider's and the layer's filters as SQL
(:func:`asean_atlas.layers.postgis_view.fetch_view`), on a worker thread; the rows come in pages
(the status bar counts them, a Cancel button stops the request); a newer view or time cancels
the older request; a view of more than :data:`~asean_atlas.layers.postgis_view.AGGREGATE_ABOVE`
features is drawn as the server's grid counts (cells coloured by count, their legend "features
per cell"), and as features again once zoomed in.

A server that goes away leaves the layer with what it last showed and the other layers working:
the status bar says so, and the next view change tries again (a new connection each request).
"""

from __future__ import annotations

import threading

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtCore import QObject, QTimer, Signal

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.errors import AtlasError
from asean_atlas.layers.layer import Layer, LoadReport
from asean_atlas.layers.postgis import iso_dates
from asean_atlas.layers.projection import display_to_bbox, display_to_lonlat

from . import words

#: Milliseconds the view must rest before a request (a drag asks once, at its end).
REQUEST_DELAY_MS = 150
#: Rows read to detect a table's time field.
TIME_SAMPLE = 200


class _Token:
    """One request: cancelled when a newer one starts or the user presses Cancel."""

    def __init__(self) -> None:
        self.cancelled = False
        self.con = None
        self.lock = threading.Lock()

    def cancel(self) -> None:
        with self.lock:
            self.cancelled = True
            con = self.con
        if con is not None:
            try:
                con.cancel_safe()  # a count or an aggregate running on the server stops there
            except Exception:  # noqa: BLE001 - the request ends either way
                pass


class _Signals(QObject):
    done = Signal(str, int, object)  # layer id, generation, ViewResult / None (cancelled) / Exception
    progress = Signal(str, int, int)  # layer id, generation, rows received


class _Fetch:
    """One request, run on a thread of its own (a fresh Python thread per request: on threads a
    QThreadPool reused, building the GeoDataFrame's CRS crashed inside PROJ, new-user pass of
    session 23)."""

    def __init__(self, live: "_Live", generation: int, token: _Token, args: dict, signals: _Signals,
                 span_fields: list[str] | None = None) -> None:
        self.live, self.generation, self.token, self.args, self.signals = live, generation, token, args, signals
        self.span_fields = span_fields

    def run(self) -> None:  # worker thread
        from asean_atlas.layers.postgis import connect
        from asean_atlas.layers.postgis_view import fetch_view

        lid = self.live.layer.id
        try:
            con = connect(self.live.source.conninfo, self.live.password)
            with self.token.lock:
                self.token.con = con
            if self.token.cancelled:
                con.close()
                self.signals.done.emit(lid, self.generation, None)
                return
            with con:
                result = fetch_view(con, self.live.source, cancelled=lambda: self.token.cancelled,
                                    progress=lambda n, _t: self.signals.progress.emit(lid, self.generation, n),
                                    **self.args)
                if result is not None and self.span_fields:  # the first request: the table's years
                    result.year_span = _year_span(con, self.live.source, self.span_fields)
            if result is not None and result.cells is not None:
                # the cells and their classes made here, not on the GUI thread (mapclassify's first
                # import alone takes ~2 s)
                from asean_atlas.layers.classify import StyleError, graduated_style

                result.cells_frame = cells_frame(result.cells, result.cell_m)
                base = self.live.style if self.live.cells else self.live.layer.style
                try:
                    result.cells_style = graduated_style(base, result.cells_frame, "count", "quantiles", 5)
                except StyleError:  # one count everywhere: a single colour
                    result.cells_style = base
            self.signals.done.emit(lid, self.generation, result)
        except Exception as exc:  # noqa: BLE001 - told to the GUI thread, which says it
            try:
                self.signals.done.emit(lid, self.generation, None if self.token.cancelled else exc)
            except RuntimeError:  # the window closed meanwhile
                pass


class _Live:
    """The state of one live layer: its source, the user's style and time field (kept while the
    layer shows grid counts), the request in flight."""

    def __init__(self, layer: Layer, source, password: str | None, temporal, columns: list[str]) -> None:
        self.layer, self.source, self.password = layer, source, password
        self.temporal = temporal
        self.style = layer.style
        self.columns = columns
        self.cells = False
        self.generation = 0
        self.token: _Token | None = None


def _year_span(con, source, fields: list[str]) -> tuple[int, int] | None:
    """First and last year of the table's time fields (for the time slider's range, whatever the
    view holds)."""
    from psycopg import sql

    from asean_atlas.layers.temporal import parse_dates

    row = con.execute(sql.SQL("SELECT {} FROM {}").format(
        sql.SQL(", ").join(sql.SQL("min({f}), max({f})").format(f=sql.Identifier(f)) for f in fields),
        sql.Identifier(source.schema, source.table))).fetchone()
    years = parse_dates([v.isoformat() if hasattr(v, "isoformat") else v for v in row if v is not None])
    years = years[~np.isnat(years)].astype("datetime64[Y]").astype(int) + 1970
    return (int(years.min()), int(years.max())) if years.size else None


def cells_frame(cells, cell_m: float) -> gpd.GeoDataFrame:
    """Grid counts (``x``, ``y`` cell centres in EPSG:3857 metres, ``count``) as square polygons
    in EPSG:4326 with a ``count`` attribute."""
    x, y, h = cells["x"].to_numpy(float), cells["y"].to_numpy(float), cell_m / 2
    lon0, lat0 = display_to_lonlat(x - h, y - h)
    lon1, lat1 = display_to_lonlat(x + h, y + h)
    boxes = shapely.box(lon0, lat0, lon1, lat1) if len(x) else np.empty(0, dtype=object)
    return gpd.GeoDataFrame({"count": cells["count"].to_numpy(np.int64)}, geometry=boxes, crs=4326)


class LiveLayers(QObject):
    """The window's PostGIS layers that follow the view.

    Signals
    -------
    status(str)
        A line for the status bar ("" when done).
    busy(bool)
        A request is running (the Cancel button shows).
    failed(str)
        A request failed: the message (never a password).
    """

    status = Signal(str)
    busy = Signal(bool)
    failed = Signal(str)

    def __init__(self, document: MapDocument, canvas, aggregate_above: int | None = None) -> None:
        super().__init__(canvas)
        from asean_atlas.layers.postgis_view import AGGREGATE_ABOVE

        self.document, self.canvas = document, canvas
        self.aggregate_above = AGGREGATE_ABOVE if aggregate_above is None else aggregate_above
        self.live: dict[str, _Live] = {}
        self._signals = _Signals()
        self._signals.done.connect(self._done)
        self._signals.progress.connect(self._progress)
        self._threads: list[threading.Thread] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REQUEST_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        canvas.view_changed.connect(self._timer.start)
        document.time_changed.connect(lambda _tf: self._timer.start())
        document.layers_changed.connect(self._layers_changed)
        self._filters: dict[str, object] = {}
        #: the last request's SQL per layer (shown in the layer's info; the tests read it)
        self.last_sql: dict[str, str] = {}

    # -- layers ---------------------------------------------------------------------------------
    def add(self, text: str, password: str | None = None, color: str | None = None) -> Layer:
        """Open a PostGIS source as a live layer. What it is (geometry column, attributes, time
        field on a sample of rows) is read now, so a missing table or a refused login is raised
        here, naming the table; its features arrive from a worker thread (:meth:`wait`).

        Raises
        ------
        PostGISError, FilterError
        """
        from asean_atlas.layers.io import USER_PALETTE
        from asean_atlas.layers.postgis import PostGISSource, read_table
        from asean_atlas.layers.style import Style
        from asean_atlas.layers.temporal import detect_temporal

        source = PostGISSource.parse(text)
        # the time field, detected as for files, on a sample of the table's rows
        sample = iso_dates(read_table(source, limit=TIME_SAMPLE, password=password))
        temporal = detect_temporal(sample)
        colour = color or USER_PALETTE[0]
        layer = Layer(sample.iloc[:0], title=source.table, source=source.uri(),
                      style=Style(color=colour, fill_color=colour), temporal=temporal,
                      report=LoadReport(source=source.uri(), source_crs="EPSG:4326", driver="PostGIS"))
        cols = [c for c in sample.columns if c != "geometry"]
        live = _Live(layer, source, password, temporal, cols)
        self.live[layer.id] = live
        fields = [f for f in (temporal.start_field, temporal.end_field) if f] if temporal is not None else []
        self._request(live, span_fields=fields or None)
        return layer

    def _layers_changed(self) -> None:
        present = {lyr.id for lyr in self.document.layers}
        for lid in [k for k in self.live if k not in present]:
            live = self.live.pop(lid)
            if live.token is not None:
                live.token.cancel()
        # a changed attribute filter asks the server again
        changed = False
        for lid, live in self.live.items():
            text = live.layer.filter.expression if live.layer.filter is not None else None
            if self._filters.get(lid, None) != text:
                self._filters[lid] = text
                changed = True
        if changed:
            self._timer.start()

    # -- requests -------------------------------------------------------------------------------
    def _bbox(self):
        """The view's bbox in degrees; None (the whole table) while the map is not on screen."""
        if not self.canvas.isVisible():
            return None
        vp = self.canvas.viewport
        w, s, e, n = display_to_bbox(vp.extent())
        return (max(w, -180.0), max(s, -85.0), min(e, 180.0), min(n, 85.0))

    def _width(self) -> float | None:
        if not self.canvas.isVisible():
            return None
        x0, _, x1, _ = self.canvas.viewport.extent()
        return x1 - x0

    def _args(self, live: _Live) -> dict:
        tf = self.document.time_filter
        temporal = live.temporal
        return dict(bbox=self._bbox(), view_width_m=self._width(), aggregate_above=self.aggregate_above,
                    time_filter=tf if temporal is not None else None,
                    start_field=temporal.start_field if temporal is not None else None,
                    end_field=temporal.end_field if temporal is not None else None,
                    undated=temporal.undated if temporal is not None else "show",
                    expression=live.layer.filter.expression if live.layer.filter is not None else None)

    def refresh(self) -> None:
        """Ask the server for every live layer's current view (older requests cancelled)."""
        for live in list(self.live.values()):
            self._request(live)

    def _request(self, live: _Live, span_fields: list[str] | None = None) -> None:
        if live.token is not None:
            live.token.cancel()
        live.generation += 1
        live.token = _Token()
        job = _Fetch(live, live.generation, live.token, self._args(live), self._signals, span_fields)
        thread = threading.Thread(target=job.run, name="atlas-postgis", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        self.busy.emit(True)

    def cancel(self) -> None:
        """Stop the requests in flight (the layers keep what they show)."""
        running = [live for live in self.live.values() if live.token is not None]
        for live in running:
            live.token.cancel()
        if running:
            self.status.emit(self.tr("PostGIS request cancelled"))
        self.busy.emit(False)

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Block until the requests are done and applied (tests, scripts)."""
        from PySide6.QtCore import QCoreApplication

        import time

        if self._timer.isActive():
            self._timer.stop()
            self.refresh()
        deadline = time.monotonic() + timeout_ms / 1000
        for thread in list(self._threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        QCoreApplication.processEvents()  # the results, queued to this thread, are applied
        return not any(t.is_alive() for t in self._threads)

    def _progress(self, lid: str, generation: int, rows: int) -> None:
        live = self.live.get(lid)
        if live is not None and generation == live.generation:
            self.status.emit(self.tr("{layer}: {n:,} features received…").format(
                layer=words.layer_name(live.layer, self.document), n=rows))

    def _done(self, lid: str, generation: int, result) -> None:
        live = self.live.get(lid)
        if live is None or generation != live.generation:
            return  # an older request, or a removed layer
        live.token = None
        if not any(lv.token is not None for lv in self.live.values()):
            self.busy.emit(False)
        if result is None:
            return
        if isinstance(result, Exception):
            text = words.error_text(result) if isinstance(result, AtlasError) else f"{type(result).__name__}: {result}"
            self.status.emit(self.tr("{layer}: cannot reach the database ({why}); showing the last data received; "
                                     "retrying when you move the map").format(
                layer=words.layer_name(live.layer, self.document), why=text[:200]))
            self.failed.emit(text)
            return
        self._apply(live, result)

    def _apply(self, live: _Live, result) -> None:
        from asean_atlas.layers.classify import graduated_style
        from asean_atlas.layers.classify import StyleError

        layer = live.layer
        self.last_sql[layer.id] = result.sql
        span = getattr(result, "year_span", None)
        if span is not None:
            layer.full_year_range = span
        # rows are new: a selection by row number would point at another feature
        if getattr(self.canvas, "selection", None) is not None and self.canvas.selection[0] is layer:
            self.canvas.select(None)
        many = getattr(self.canvas, "selected_rows", None)
        if many is not None and many[0] is layer:
            self.canvas.set_selected_rows(None, [])
        if result.frame is not None:
            layer.frame = iso_dates(result.frame)
            if live.cells:
                live.cells = False
                layer.style = live.style
            layer.server_filtered = not result.local_filter
            layer.set_temporal(live.temporal, emit=False)
            layer.report.features_read = len(result.frame)
            self.status.emit(self.tr("{layer}: {n:,} features in view").format(
                layer=words.layer_name(layer, self.document), n=len(result.frame)))
        else:
            cells = getattr(result, "cells_frame", None)
            if cells is None:
                cells = cells_frame(result.cells, result.cell_m)
            if not live.cells:
                live.cells, live.style = True, layer.style
            layer.frame = cells
            layer.server_filtered = True
            layer.set_temporal(None, emit=False)
            style = getattr(result, "cells_style", None)
            if style is None:
                try:
                    style = graduated_style(live.style, cells, "count", "quantiles", 5)
                except StyleError:  # one count everywhere: a single colour
                    style = live.style
            layer.style = style
            if result.local_filter:  # part of the filter is the Atlas's: the counts come before it
                self.status.emit(self.tr("{layer}: {n:,} features in view before the part of the filter PostGIS "
                                         "cannot evaluate, drawn as counts per {km:,.0f} km cell; zoom in for the "
                                         "filtered features").format(
                    layer=words.layer_name(layer, self.document), n=result.total, km=result.cell_m / 1000))
            else:
                self.status.emit(self.tr("{layer}: {n:,} features in view, drawn as counts per {km:,.0f} km cell; "
                                         "zoom in for the features").format(
                    layer=words.layer_name(layer, self.document), n=result.total, km=result.cell_m / 1000))
        layer.changed.emit()
