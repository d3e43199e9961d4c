"""The Layer model: features, style, temporal spec, visibility. No Qt.

A layer holds a GeoDataFrame in EPSG:4326 (lon, lat). Derived data that the renderer and identify
need (projected geometries, a spatial index, parsed dates) is computed once, lazily, and cached on
the layer; a time-slider step only recomputes a boolean mask.

A big layer of plain 2D points is held compactly (issue 9, "one compact copy of coordinates"): a
:class:`PointTable` of attributes and two coordinate arrays. Its :attr:`Layer.frame` is built only
when something asks for shapely geometries (an export, a geometry operation); drawing, identify,
the time slider, filters, labels, search and the attribute table read :attr:`Layer.attributes` and
:meth:`Layer.lonlat` instead. One million shapely Points cost about 200 MB; their coordinates 16 MB.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from psygnal import Signal

from .errors import translate
from .geometry import seam_aware_bounds, seam_aware_point_bounds
from .identify import FeatureIndex, PointIndex
from .projection import MAX_LATITUDE, display_to_bbox, lonlat_to_display, project_geometries
from .style import Style
from .temporal import (
    LifecycleSpec,
    TemporalSpec,
    TimeFilter,
    data_year_range,
    detect_lifecycle,
    lifecycle_stages,
    parse_dates,
    parse_dates_counted,
    status_stages,
)

_ids = itertools.count(1)


@dataclass
class LoadReport:
    """What happened when a file was read.

    Attributes
    ----------
    source : str
        File path (or built-in id).
    features_read : int
        Rows read, null geometries included.
    null_geometries : int
        Features without geometry (kept in the attribute table, not drawn).
    repaired : int
        Invalid geometries repaired with ``shapely.make_valid``.
    antimeridian_split : int
        Lines/polygons cut at ±180° because their vertices jumped across the antimeridian.
    source_crs : str
        CRS of the file, e.g. ``"EPSG:32647"``.
    transformed : bool
        Whether coordinates were transformed to EPSG:4326.
    time_field : str or None
        Temporal field detected.
    notes : list of str
        Anything else the user should know.
    skipped : int
        Features dropped on reading (none today: kept in the table even without geometry).
    encoding : str or None
        Text encoding of the file (e.g. ``"UTF-8"``, ``"cp874 (detected)"``); None for binary
        formats.
    layer_name : str or None
        Layer read from a multi-layer source (GeoPackage).
    driver : str or None
        GDAL driver (or ``"GeoParquet"``) that read the file.
    z_features : int
        Features with Z values (kept in the data, dropped for display).
    dropped : int
        Features whose geometry was dropped because its coordinates are not geography (NaN or
        Infinity, longitude beyond ±540° or latitude beyond ±90° after any CRS transform); they
        stay in the attribute table without geometry and are not drawn.
    unrepaired : int
        Invalid geometries left as read because repairing them would pass the repair budget
        (:func:`asean_atlas.layers.geometry.repair_geometries`).
    warnings : list of str
        What changed the data or left something out (dropped geometries, wrapped longitudes...),
        each naming the features and the problem: printed by ``asean-atlas export`` and shown by
        the window, not only by ``info``.
    """

    source: str
    features_read: int = 0
    null_geometries: int = 0
    repaired: int = 0
    antimeridian_split: int = 0
    source_crs: str = "EPSG:4326"
    transformed: bool = False
    time_field: str | None = None
    notes: list[str] = field(default_factory=list)
    skipped: int = 0
    encoding: str | None = None
    layer_name: str | None = None
    driver: str | None = None
    z_features: int = 0
    dropped: int = 0
    warnings: list[str] = field(default_factory=list)
    unrepaired: int = 0

    @property
    def drawn(self) -> int:
        """Features with a geometry to draw: read, less those without geometry and those dropped."""
        return max(self.features_read - self.null_geometries - self.dropped, 0)

    def counts(self, tr=None) -> str:
        """The load in one line of counts (issue 16): features read and drawn, and when any, those
        without geometry (kept in the table), dropped (coordinates not geography), repaired and
        left unrepaired, e.g. ``"50 features read, 48 drawn, 2 without geometry, 1 repaired"``.
        ``tr`` translates the templates (the window passes Qt's translation; default English)."""
        tr = tr or _same
        n = self.features_read
        parts = [tr("1 feature read") if n == 1 else tr("{n} features read").format(n=n),
                 tr("{n} drawn").format(n=self.drawn)]
        if self.null_geometries:
            parts.append(tr("{n} without geometry").format(n=self.null_geometries))
        if self.dropped:
            parts.append(tr("{n} dropped (not geography)").format(n=self.dropped))
        if self.repaired:
            parts.append(tr("{n} repaired").format(n=self.repaired))
        if self.unrepaired:
            parts.append(tr("{n} invalid, drawn as read").format(n=self.unrepaired))
        return tr(", ").join(parts)

    def summary(self, warnings: bool = True, tr=None, message_tr=None) -> str:
        """One line for a status bar: :meth:`counts`, then CRS, encoding, notes and (unless
        ``warnings`` is False) the warnings. ``tr`` as for :meth:`counts`; ``message_tr``
        translates the reader's own words (notes, warnings, the CRS and encoding labels: each a
        :class:`~asean_atlas.layers.errors.Message`; the window passes the ``errors`` catalogue
        context; default English)."""
        tr, message_tr = tr or _same, message_tr or _same
        parts = [self.counts(tr)]
        if self.antimeridian_split:
            parts.append(tr("{n} split at the antimeridian").format(n=self.antimeridian_split))
        if self.skipped:
            parts.append(tr("{n} skipped").format(n=self.skipped))
        parts.append(tr("CRS {crs}").format(crs=translate(self.source_crs, message_tr))
                     + (" → EPSG:4326" if self.transformed else ""))
        if self.encoding:
            parts.append(tr("encoding {encoding}").format(encoding=translate(self.encoding, message_tr)))
        if self.time_field:
            parts.append(tr("time field {field}").format(field=repr(self.time_field)))
        notes = [translate(n, message_tr) for n in self.notes]
        said = [tr("warning: {text}").format(text=translate(w, message_tr)) for w in self.warnings] if warnings else []
        return tr(", ").join(parts + notes + said)


def _same(text: str) -> str:
    return text


def _lonlat_box(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A display box (EPSG:3857 metres) as the lon/lat box (degrees) that holds all of it: an
    edge at Web Mercator's latitude limit reaches the pole (latitudes beyond it are drawn there),
    a box past ±180° takes every longitude."""
    west, south, east, north = display_to_bbox(box)
    south = -90.0 if south <= -MAX_LATITUDE + 1e-9 else south
    north = 90.0 if north >= MAX_LATITUDE - 1e-9 else north
    if west > east:  # the box runs past ±180° (pyproj wraps longitudes): every longitude
        west, east = -180.0, 180.0
    return west, south, east, north


@dataclass(eq=False)
class PointTable:
    """A layer of plain 2D points without shapely geometries: attributes and coordinates.

    Attributes
    ----------
    attributes : DataFrame
        The attribute table, shape (n, k), RangeIndex, no geometry column.
    lon, lat : ndarray of float64, shape (n,)
        EPSG:4326 degrees; NaN in both for a feature without geometry (null or empty).

    Raises
    ------
    ValueError
        Arrays of different lengths, or a geometry column among the attributes.
    """

    attributes: pd.DataFrame
    lon: np.ndarray
    lat: np.ndarray

    def __post_init__(self) -> None:
        self.lon = np.ascontiguousarray(self.lon, dtype=np.float64)
        self.lat = np.ascontiguousarray(self.lat, dtype=np.float64)
        if not (len(self.attributes) == self.lon.shape[0] == self.lat.shape[0]) or self.lon.ndim != 1:
            raise ValueError("a point table needs one longitude and one latitude per row")
        if isinstance(self.attributes, gpd.GeoDataFrame):
            raise ValueError("a point table's attributes hold no geometry")

    def __len__(self) -> int:
        return self.lon.shape[0]

    @property
    def columns(self) -> pd.Index:
        """The attribute names."""
        return self.attributes.columns

    def __getitem__(self, name):
        return self.attributes[name]

    def geometries(self) -> np.ndarray:
        """shapely Points, ndarray of object shape (n,), None where there is no geometry."""
        ok = ~(np.isnan(self.lon) | np.isnan(self.lat))
        out = np.full(len(self), None, dtype=object)
        if ok.any():
            out[ok] = shapely.points(self.lon[ok], self.lat[ok])
        return out

    def to_frame(self) -> gpd.GeoDataFrame:
        """The GeoDataFrame (EPSG:4326) of the table: attributes plus a ``geometry`` column."""
        return gpd.GeoDataFrame(self.attributes, geometry=gpd.GeoSeries(self.geometries(), crs=4326,
                                                                         index=self.attributes.index))


class Layer:
    """A vector layer of the map.

    Parameters
    ----------
    frame : GeoDataFrame or PointTable
        Features in EPSG:4326 (a frame in another CRS is rejected: use
        :func:`asean_atlas.layers.io.read_layer`, which transforms). A :class:`PointTable` makes
        a compact point layer (:attr:`compact`).
    title : str
        Name shown in the layer panel and legend.
    source : str
        File path or ``"builtin:<id>"``.
    style : Style, optional
    temporal : TemporalSpec, optional
        None: the layer is not filtered by time.
    lifecycle : LifecycleSpec or None or "auto", optional
        How features move through planned / in service / retired; ``"auto"`` (default) detects a
        status attribute with stage words (:func:`~asean_atlas.layers.temporal.detect_lifecycle`).
    builtin : bool
        Whether this is one of the Atlas's own layers.
    report : LoadReport, optional
    attribution : str
        Source and licence line shown in exports (e.g. "Cable facts: TeleGeography, CC BY-NC-SA 3.0").

    Raises
    ------
    ValueError
        If ``frame`` is not in EPSG:4326.

    Notes
    -----
    The signal :attr:`changed` fires after :meth:`set_visible`, :meth:`set_style` and
    :meth:`set_temporal`.
    """

    changed = Signal()

    def __init__(
        self,
        frame: gpd.GeoDataFrame | PointTable,
        title: str,
        source: str = "",
        style: Style | None = None,
        temporal: TemporalSpec | None = None,
        builtin: bool = False,
        report: LoadReport | None = None,
        attribution: str = "",
        lifecycle: LifecycleSpec | str | None = "auto",
    ) -> None:
        self._lonlat: tuple[np.ndarray, np.ndarray] | None = None
        self._attributes: pd.DataFrame | None = None
        self._frame: gpd.GeoDataFrame | None = None
        if isinstance(frame, PointTable):
            self._attributes = frame.attributes.reset_index(drop=True)
            self._lonlat = (frame.lon, frame.lat)
        else:
            if frame.crs is not None and frame.crs.to_epsg() != 4326:
                raise ValueError(f"layer frame must be in EPSG:4326, not {frame.crs}")
            self._frame = frame.reset_index(drop=True)
            if self._frame.crs is None:
                self._frame = self._frame.set_crs(4326)
        self.id = f"layer{next(_ids)}"
        self.title = title
        self.source = source
        self.style = style or Style()
        self.builtin = builtin
        self.attribution = attribution
        self.report = report or LoadReport(source=source, features_read=len(frame))
        self.visible = True
        self._temporal: TemporalSpec | None = None
        self._start: np.ndarray | None = None
        self._undated = 0  # NaT count of _start, counted by its parse (set_temporal)
        self._end: np.ndarray | None = None
        self._bounds: tuple | None = None
        self._index: FeatureIndex | PointIndex | None = None
        self._points: tuple[np.ndarray, np.ndarray] | None = None
        self._point_layer: bool | None = None
        self._derive_lock = threading.RLock()  # prepare() may run on a worker thread
        self._lifecycle: LifecycleSpec | None = None
        self._status: np.ndarray | None = None
        self._service: np.ndarray | None = None
        self._feature_filter = None
        #: True while the layer holds what a server already filtered by time and attributes (a
        #: PostGIS layer that follows the view, issue 15): the masks then keep every feature
        self.server_filtered = False
        #: Years the layer's data span when its rows are only a part of them (a PostGIS layer that
        #: follows the view): what :meth:`year_range` gives, for the time slider's range
        self.full_year_range: tuple[int, int] | None = None
        self._filter_cache: tuple = (self.attributes, None)
        self.set_temporal(temporal, emit=False)
        self.set_lifecycle(detect_lifecycle(self.attributes) if lifecycle == "auto" else lifecycle, emit=False)

    # -- properties ---------------------------------------------------------------------------
    @property
    def frame(self) -> gpd.GeoDataFrame:
        """The features as a GeoDataFrame, EPSG:4326, RangeIndex. For a :attr:`compact` layer it is
        built on first use (shapely Points from the coordinates) and kept."""
        if self._frame is None:
            with self._derive_lock:
                if self._frame is None:
                    self._frame = PointTable(self._attributes, *self._lonlat).to_frame()
        return self._frame

    @frame.setter
    def frame(self, frame: gpd.GeoDataFrame) -> None:
        """New features for the layer (EPSG:4326): what was derived from the old ones is dropped."""
        with self._derive_lock:
            self._frame, self._attributes, self._lonlat = frame, None, None
            self._bounds = self._index = self._points = self._point_layer = None

    @property
    def attributes(self) -> pd.DataFrame:
        """The attribute table, shape (n_features, k): the same object until the layer's data
        change (caches key on its identity). A :attr:`compact` layer's has no geometry column;
        otherwise it is :attr:`frame` itself (whose geometry column readers skip)."""
        return self._attributes if self._attributes is not None else self._frame

    @property
    def compact(self) -> bool:
        """Whether the layer is held as a :class:`PointTable` (coordinates, no shapely geometries
        until :attr:`frame` is asked for)."""
        return self._lonlat is not None

    def lonlat(self) -> tuple[np.ndarray, np.ndarray] | None:
        """A compact layer's coordinates ``(lon, lat)``, float64 degrees, shape (n,) each (NaN:
        no geometry); None for other layers. Do not modify them."""
        return self._lonlat

    @property
    def geometry_name(self) -> str:
        """Name of the geometry column of :attr:`frame` (attribute lists leave it out)."""
        return "geometry" if self.compact else self._frame.geometry.name

    def geometries(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Geometries in EPSG:4326 (degrees) of ``rows`` (positions; default all), ndarray of
        shapely geometries or None, shape (len(rows),); a compact layer builds only those."""
        if self.compact and self._frame is None:
            lon, lat = self._lonlat
            sel = slice(None) if rows is None else np.asarray(rows, dtype=np.int64)
            return PointTable(self._attributes.iloc[sel] if rows is not None else self._attributes,
                              lon[sel], lat[sel]).geometries()
        values = np.asarray(self.frame.geometry.values, dtype=object)
        return values if rows is None else values[np.asarray(rows, dtype=np.int64)]

    def geometry_at(self, row: int):
        """The geometry of one feature, EPSG:4326 degrees (shapely), or None."""
        g = self.geometries(np.array([row]))[0]
        return None if g is None or g.is_empty else g

    def in_bbox(self, bbox: tuple[float, float, float, float]) -> np.ndarray:
        """Features whose geometry meets the box ``(west, south, east, north)`` in degrees
        (``west > east``: across ±180°), ndarray of bool, shape (n_features,)."""
        w, s, e, n = bbox
        if self.compact:
            lon, lat = self._lonlat
            with np.errstate(invalid="ignore"):
                across = (lon >= w) & (lon <= e) if w <= e else (lon >= w) | (lon <= e)
                return across & (lat >= s) & (lat <= n)
        geoms = self.frame.geometry.values
        boxes = [shapely.box(w, s, e, n)] if w <= e else [shapely.box(w, s, 180, n), shapely.box(-180, s, e, n)]
        inside = np.zeros(len(geoms), dtype=bool)
        for box in boxes:
            inside |= np.asarray(shapely.intersects(geoms, box), dtype=bool)
        return inside

    @property
    def temporal(self) -> TemporalSpec | None:
        """The temporal spec, or None."""
        return self._temporal

    @property
    def feature_count(self) -> int:
        """Number of features (rows), null geometries included."""
        return len(self.attributes)

    @property
    def geometry_kind(self) -> str:
        """``"point"``, ``"line"``, ``"polygon"``, ``"mixed"`` or ``"none"`` (for legends)."""
        if self.compact:
            return "point" if (~np.isnan(self._lonlat[0])).any() else "none"
        types = set(self.frame.geometry.dropna().geom_type.unique())
        kinds = set()
        for t in types:
            if "Point" in t:
                kinds.add("point")
            elif "LineString" in t:
                kinds.add("line")
            elif "Polygon" in t:
                kinds.add("polygon")
            else:
                kinds.add("mixed")
        if not kinds:
            return "none"
        return kinds.pop() if len(kinds) == 1 else "mixed"

    @property
    def is_point_layer(self) -> bool:
        """Whether every feature with a geometry is a single Point (the big layers: their display
        data is a coordinate array, never a second set of geometries)."""
        if self._point_layer is None and self.compact:
            self._point_layer = True
        if self._point_layer is None:
            geoms = self.frame.geometry.values
            types = shapely.get_type_id(geoms)
            self._point_layer = bool(np.all((types == 0) | (types == -1)))
        return self._point_layer

    def display_geometries(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Geometries projected to EPSG:3857 (metres), computed on each call and not kept (a
        layer holds one copy of its vertices, issue 9); shape (n,) or ``(len(rows),)``. A point
        layer's renderer and index use :meth:`display_points` instead.

        Parameters
        ----------
        rows : ndarray of int, optional
            Positional rows; all by default.
        """
        geoms = self.frame.geometry.values
        return project_geometries(geoms if rows is None else geoms[np.asarray(rows, dtype=np.int64)])

    def display_points(self) -> tuple[np.ndarray, np.ndarray]:
        """Projected coordinates of a point layer's points and their rows, computed once.

        Returns
        -------
        xy : ndarray of float, shape (m, 2)
            EPSG:3857, metres; points without geometry (or empty) are left out.
        rows : ndarray of int, shape (m,)
            The row of each point.

        Raises
        ------
        ValueError
            The layer is not a point layer (:attr:`is_point_layer`).
        """
        if not self.is_point_layer:
            raise ValueError(f"{self.title}: not a point layer")
        with self._derive_lock:
            if self._points is None and self.compact:
                lon, lat = self._lonlat
                rows = np.flatnonzero(~(np.isnan(lon) | np.isnan(lat)))
                x, y = lonlat_to_display(lon[rows], lat[rows])
                self._points = (np.column_stack([x, y]), rows)
            if self._points is None:
                geoms = self.frame.geometry.values
                ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
                rows = np.flatnonzero(ok)
                lonlat = shapely.get_coordinates(geoms[rows]) if rows.size else np.empty((0, 2))
                x, y = lonlat_to_display(lonlat[:, 0], lonlat[:, 1])
                self._points = (np.column_stack([x, y]), rows)
            return self._points

    @property
    def index(self) -> FeatureIndex | PointIndex:
        """Spatial index for identify (display coordinates), built once: a grid over the
        coordinates of a point layer, an STRtree over the display geometries otherwise."""
        with self._derive_lock:
            if self._index is None:
                if self.is_point_layer:
                    self._index = PointIndex(*self.display_points())
                else:
                    # boxes in display metres (Web Mercator's x follows longitude alone and y
                    # latitude alone, so a box projects corner to corner); the vertices are
                    # projected when a query reaches them
                    geoms = self.frame.geometry.values
                    b = shapely.bounds(geoms)
                    x0, y0 = lonlat_to_display(b[:, 0], b[:, 1])
                    x1, y1 = lonlat_to_display(b[:, 2], b[:, 3])
                    self._index = FeatureIndex(geoms, np.column_stack([x0, y0, x1, y1]), project_geometries,
                                               _lonlat_box)
            return self._index

    @property
    def prepared(self) -> bool:
        """Whether :meth:`prepare` has run (the identify index exists)."""
        return self._index is not None

    def prepare(self) -> None:
        """Compute what drawing and identify need (projected coordinates, spatial index) now,
        e.g. on the loading thread, so the first frame and the first click do not wait for it."""
        if self.is_point_layer:
            self.display_points()
        self.index

    def display_geometry(self, row: int):
        """The projected geometry of one feature (EPSG:3857), or None; for any layer kind."""
        if self.compact:
            lon, lat = float(self._lonlat[0][row]), float(self._lonlat[1][row])
            if np.isnan(lon) or np.isnan(lat):
                return None
            x, y = lonlat_to_display(np.array([lon]), np.array([lat]))
            return shapely.Point(float(x[0]), float(y[0]))
        if self.is_point_layer:
            g = self.frame.geometry.values[row]
            if g is None or g.is_empty:
                return None
            x, y = lonlat_to_display(np.array([g.x]), np.array([g.y]))
            return shapely.Point(float(x[0]), float(y[0]))
        return self.display_geometries(np.array([row]))[0]

    def bounds(self) -> tuple[float, float, float, float] | None:
        """Bbox ``(west, south, east, north)`` in degrees (min/max of the coordinates, as GDAL
        reports it), or None if no feature has geometry. See also :meth:`view_bounds`."""
        if self.compact:
            lon, lat = self._lonlat
            ok = ~(np.isnan(lon) | np.isnan(lat))
            if not ok.any():
                return None
            return float(lon[ok].min()), float(lat[ok].min()), float(lon[ok].max()), float(lat[ok].max())
        geoms = self.frame.geometry.values
        ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        if not ok.any():
            return None
        b = shapely.total_bounds(geoms[ok])
        if not np.all(np.isfinite(b)):
            return None
        return float(b[0]), float(b[1]), float(b[2]), float(b[3])

    def view_bounds(self) -> tuple[float, float, float, float] | None:
        """The narrowest bbox ``(west, south, east, north)`` in degrees holding the layer, for
        zoom-to: across the antimeridian ``west > east``
        (:func:`~asean_atlas.layers.geometry.seam_aware_bounds`), e.g. a trans-Pacific cable.
        None if no feature has geometry.
        """
        if self._bounds is None:
            self._bounds = ((seam_aware_point_bounds(*self._lonlat) if self.compact
                             else seam_aware_bounds(self.frame.geometry.values)),)
        return self._bounds[0]

    # -- mutation -----------------------------------------------------------------------------
    def low_confidence(self) -> np.ndarray | None:
        """Rows whose ``confidence`` attribute is "low" (any case), as a bool array of shape
        ``(n_features,)``; None when the layer has no such attribute or no such row. Renderers
        draw these features lighter and the legend keys them (issue 12 item 4)."""
        key = id(self.attributes)
        if getattr(self, "_low_key", None) != key:
            low = None
            if "confidence" in self.attributes.columns:
                values = self.attributes["confidence"].astype("string").str.strip().str.lower()
                mask = (values == "low").fillna(False).to_numpy(dtype=bool)
                low = mask if mask.any() else None
            self._low, self._low_key = low, key
        return self._low

    def set_visible(self, visible: bool) -> None:
        """Show or hide the layer."""
        if visible != self.visible:
            self.visible = visible
            self.changed.emit()

    @property
    def filter(self):
        """The attribute filter (:class:`~asean_atlas.layers.filter.FeatureFilter`) or None."""
        return self._feature_filter

    def set_filter(self, feature_filter) -> None:
        """Show only the features an attribute filter passes, on the map, in the time histogram
        and in every export (None: all features).

        Parameters
        ----------
        feature_filter : FeatureFilter, str or None
            A filter or its expression text (see :mod:`asean_atlas.layers.filter`).

        Raises
        ------
        FilterError
            The expression does not parse or names a missing attribute; the layer's filter is
            then unchanged.
        """
        from .filter import FeatureFilter

        if isinstance(feature_filter, str):
            feature_filter = FeatureFilter(feature_filter) if feature_filter.strip() else None
        # raises first; rows a server filtered are not evaluated again (it applies the new filter)
        mask = None if feature_filter is None or self.server_filtered else feature_filter.mask(self.attributes)
        self._feature_filter = feature_filter
        self._filter_cache = (self.attributes, mask)
        self.changed.emit()

    def filter_mask(self) -> np.ndarray:
        """Features the attribute filter passes, ndarray of bool, shape (n_features,); all True
        without a filter."""
        if self.server_filtered:
            return np.ones(self.feature_count, dtype=bool)
        frame, mask = self._filter_cache
        if frame is not self.attributes:  # new data: evaluate again (an error clears the filter)
            from .filter import FilterError

            try:
                mask = None if self._feature_filter is None else self._feature_filter.mask(self.attributes)
            except FilterError:
                self._feature_filter, mask = None, None
            self._filter_cache = (self.attributes, mask)
        return np.ones(self.feature_count, dtype=bool) if mask is None else mask

    def set_style(self, style: Style) -> None:
        """Replace the layer's style."""
        self.style = style
        self.changed.emit()

    def set_temporal(self, spec: TemporalSpec | None, emit: bool = True) -> None:
        """Set the temporal spec and parse its date attributes (once, vectorized).

        Raises
        ------
        KeyError
            If a named field is not an attribute of the layer.
        """
        for name in (spec.start_field, spec.end_field) if spec else ():
            if name is not None and name not in self.attributes.columns:
                raise KeyError(f"{self.title}: no attribute {name!r} for the temporal spec")
        self._temporal = spec
        if spec is None:
            self._start = self._end = None
            self._undated = 0
        else:
            self._start, self._undated = parse_dates_counted(self.attributes[spec.start_field])
            self._end = parse_dates(self.attributes[spec.end_field]) if spec.end_field else None
        if emit:
            self.changed.emit()

    def set_undated(self, policy: str) -> None:
        """Show or hide features without a start date (``"show"``/``"hide"``).

        Raises
        ------
        ValueError
            Unknown policy, or the layer has no temporal spec.
        """
        if policy not in ("show", "hide"):
            raise ValueError(f"undated policy {policy!r}: expected 'show' or 'hide'")
        if self._temporal is None:
            raise ValueError(f"{self.title}: no temporal spec to set an undated policy on")
        self._temporal.undated = policy
        self.changed.emit()

    @property
    def lifecycle(self) -> LifecycleSpec | None:
        """The lifecycle spec (planned / under construction / in service / retired), or None."""
        return self._lifecycle

    def set_lifecycle(self, spec: LifecycleSpec | None, emit: bool = True) -> None:
        """Set the lifecycle spec and parse its attributes once (vectorized).

        Raises
        ------
        KeyError
            If a named field is not an attribute of the layer.
        """
        for name in (spec.status_field, spec.service_field) if spec else ():
            if name is not None and name not in self.attributes.columns:
                raise KeyError(f"{self.title}: no attribute {name!r} for the lifecycle")
        self._lifecycle = spec
        n = self.feature_count
        if spec is None:
            self._status = self._service = None
        else:
            self._status = (
                status_stages(self.attributes[spec.status_field])
                if spec.status_field
                else np.full(n, 2, dtype=np.int8)
            )
            self._service = parse_dates(self.attributes[spec.service_field]) if spec.service_field else None
        if emit:
            self.changed.emit()

    # -- time ---------------------------------------------------------------------------------
    @property
    def start_dates(self) -> np.ndarray | None:
        """Parsed start dates, ``datetime64[s]`` shape (n,) (NaT: undated), or None."""
        return self._start

    @property
    def end_dates(self) -> np.ndarray | None:
        """Parsed end dates, ``datetime64[s]`` shape (n,) (NaT: no end), or None."""
        return self._end

    def time_key_arrays(self) -> list[np.ndarray]:
        """The per-feature arrays that decide visibility and lifecycle stage at any time (start,
        end, entry into service, status code). Features equal in all of them are always shown,
        hidden and styled together, so a renderer may batch them. The same array objects are
        returned until the temporal or lifecycle spec changes."""
        return [a for a in (self._start, self._end, self._service, self._status) if a is not None]

    def temporal_dates(self) -> list[np.ndarray]:
        """The date arrays of the layer (start, end, entry into service) for ranges and steps."""
        return [a for a in (self._start, self._end, self._service) if a is not None]

    def _filter(self, when: int | TimeFilter | None) -> TimeFilter | None:
        if when is None or isinstance(when, TimeFilter):
            return when
        return TimeFilter.as_of_year(int(when))

    def time_mask(self, when: int | TimeFilter | None) -> np.ndarray:
        """Features the time filter and the attribute filter (:meth:`set_filter`) show; all True
        for no filter, no temporal spec and no attribute filter.

        Parameters
        ----------
        when : int, TimeFilter or None
            A year ("as of the end of the year") or a :class:`TimeFilter`; None: no filter.
            Retired features drawn grey by the lifecycle are not in this mask (see
            :meth:`lifecycle_stages`).

        Returns
        -------
        ndarray of bool, shape (n_features,)
        """
        tf = self._filter(when)
        passes = self.filter_mask()
        if tf is None or self._temporal is None or self._start is None or self.server_filtered:
            return passes.copy()
        return tf.mask(self._start, self._end, self._temporal.undated, events=self._temporal.end_field is None) & passes

    def lifecycle_stages(self, when: int | TimeFilter | None) -> np.ndarray | None:
        """Lifecycle stage of each feature at ``when`` (-1 hidden, 0 planned, 1 under
        construction, 2 in service, 3 retired), or None for a layer without lifecycle.

        Returns
        -------
        ndarray of int8, shape (n_features,), or None
        """
        if self._lifecycle is None or self._status is None:
            return None
        tf = self._filter(when)
        visible = self.time_mask(tf)
        retired = None
        if tf is not None and self._temporal is not None and self._start is not None:
            retired = tf.ended(self._start, self._end, self._temporal.undated)
        return lifecycle_stages(visible, self._status, self._service, retired, tf, self._lifecycle.show_retired)

    def drawn_mask(self, when: int | TimeFilter | None) -> np.ndarray:
        """Features drawn at ``when``: the time mask plus retired features shown grey."""
        stages = self.lifecycle_stages(when)
        return self.time_mask(when) if stages is None else stages >= 0

    def year_range(self) -> tuple[int, int] | None:
        """First and last year in the layer's temporal data (:attr:`full_year_range` when set), or
        None."""
        if self.full_year_range is not None:
            return self.full_year_range
        if self._start is None:
            return None
        return data_year_range(self._start, self._end)

    def undated_count(self) -> int:
        """Features with no parsable start date (0 for a layer without temporal spec)."""
        return self._undated

    def __repr__(self) -> str:
        return f"Layer({self.title!r}, {self.feature_count} features, source={self.source!r})"
