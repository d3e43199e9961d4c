"""The Layer model: features, style, temporal spec, visibility. No Qt.

A layer holds a GeoDataFrame in EPSG:4326 (lon, lat). Derived data that the renderer and identify
need (projected geometries, a spatial index, parsed dates) is computed once, lazily, and cached on
the layer; a time-slider step only recomputes a boolean mask.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely
from psygnal import Signal

from .identify import FeatureIndex
from .projection import project_geometries
from .style import Style
from .temporal import TemporalSpec, as_of_year_mask, data_year_range, parse_dates

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

    def summary(self) -> str:
        """One line for a status bar or the CLI."""
        parts = [f"{self.features_read} features"]
        if self.null_geometries:
            parts.append(f"{self.null_geometries} without geometry")
        if self.repaired:
            parts.append(f"{self.repaired} geometries repaired")
        if self.antimeridian_split:
            parts.append(f"{self.antimeridian_split} split at the antimeridian")
        parts.append(f"CRS {self.source_crs}" + (" → EPSG:4326" if self.transformed else ""))
        if self.time_field:
            parts.append(f"time field {self.time_field!r}")
        return ", ".join(parts + self.notes)


class Layer:
    """A vector layer of the map.

    Parameters
    ----------
    frame : GeoDataFrame
        Features in EPSG:4326 (a frame in another CRS is rejected: use
        :func:`asean_atlas.layers.io.read_layer`, which transforms).
    title : str
        Name shown in the layer panel and legend.
    source : str
        File path or ``"builtin:<id>"``.
    style : Style, optional
    temporal : TemporalSpec, optional
        None: the layer is not filtered by time.
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
        frame: gpd.GeoDataFrame,
        title: str,
        source: str = "",
        style: Style | None = None,
        temporal: TemporalSpec | None = None,
        builtin: bool = False,
        report: LoadReport | None = None,
        attribution: str = "",
    ) -> None:
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            raise ValueError(f"layer frame must be in EPSG:4326, not {frame.crs}")
        self.id = f"layer{next(_ids)}"
        self.frame = frame.reset_index(drop=True)
        if self.frame.crs is None:
            self.frame = self.frame.set_crs(4326)
        self.title = title
        self.source = source
        self.style = style or Style()
        self.builtin = builtin
        self.attribution = attribution
        self.report = report or LoadReport(source=source, features_read=len(frame))
        self.visible = True
        self._temporal: TemporalSpec | None = None
        self._start: np.ndarray | None = None
        self._end: np.ndarray | None = None
        self._display: np.ndarray | None = None
        self._index: FeatureIndex | None = None
        self.set_temporal(temporal, emit=False)

    # -- properties ---------------------------------------------------------------------------
    @property
    def temporal(self) -> TemporalSpec | None:
        """The temporal spec, or None."""
        return self._temporal

    @property
    def feature_count(self) -> int:
        """Number of features (rows), null geometries included."""
        return len(self.frame)

    @property
    def geometry_kind(self) -> str:
        """``"point"``, ``"line"``, ``"polygon"``, ``"mixed"`` or ``"none"`` (for legends)."""
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
    def display_geometries(self) -> np.ndarray:
        """Geometries projected to EPSG:3857 (metres), computed once; shape (n,)."""
        if self._display is None:
            self._display = project_geometries(self.frame.geometry.values)
        return self._display

    @property
    def index(self) -> FeatureIndex:
        """STRtree over :attr:`display_geometries`, built once."""
        if self._index is None:
            self._index = FeatureIndex(self.display_geometries)
        return self._index

    def bounds(self) -> tuple[float, float, float, float] | None:
        """Bbox ``(west, south, east, north)`` in degrees, or None if no feature has geometry."""
        geoms = self.frame.geometry.values
        ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        if not ok.any():
            return None
        b = shapely.total_bounds(geoms[ok])
        if not np.all(np.isfinite(b)):
            return None
        return float(b[0]), float(b[1]), float(b[2]), float(b[3])

    # -- mutation -----------------------------------------------------------------------------
    def set_visible(self, visible: bool) -> None:
        """Show or hide the layer."""
        if visible != self.visible:
            self.visible = visible
            self.changed.emit()

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
            if name is not None and name not in self.frame.columns:
                raise KeyError(f"{self.title}: no attribute {name!r} for the temporal spec")
        self._temporal = spec
        if spec is None:
            self._start = self._end = None
        else:
            self._start = parse_dates(self.frame[spec.start_field])
            self._end = parse_dates(self.frame[spec.end_field]) if spec.end_field else None
        if emit:
            self.changed.emit()

    # -- time ---------------------------------------------------------------------------------
    def time_mask(self, year: int | None) -> np.ndarray:
        """Features shown "as of" the end of ``year``; all True for no year or no temporal spec.

        Returns
        -------
        ndarray of bool, shape (n_features,)
        """
        if year is None or self._temporal is None or self._start is None:
            return np.ones(len(self.frame), dtype=bool)
        return as_of_year_mask(self._start, self._end, year, self._temporal.undated)

    def year_range(self) -> tuple[int, int] | None:
        """First and last year in the layer's temporal data, or None."""
        if self._start is None:
            return None
        return data_year_range(self._start, self._end)

    def undated_count(self) -> int:
        """Features with no parsable start date (0 for a layer without temporal spec)."""
        return 0 if self._start is None else int(np.isnat(self._start).sum())

    def __repr__(self) -> str:
        return f"Layer({self.title!r}, {self.feature_count} features, source={self.source!r})"
