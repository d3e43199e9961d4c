"""Geodesic measures for identify and the measure tool (issue 11 item 5). No Qt.

Every distance, length and area is computed on the WGS84 ellipsoid by pyproj's
:class:`pyproj.Geod` (Karney's algorithms, as in GeographicLib), never on projected map
coordinates: a Web Mercator measure at 20° N is 6 % too long, at 60° N twice too long.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import shapely
import shapely.ops
from pyproj import Geod

#: The WGS84 ellipsoid (EPSG:7030), the datum of every layer (EPSG:4326).
GEOD = Geod(ellps="WGS84")

_HIDDEN = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000e0000-\U000e007f]"
)


def _same(text: str) -> str:
    """No translation (the default ``tr`` of the functions here)."""
    return text


def safe_link(value) -> str | None:
    """``value`` as a link target if it is one ``http(s)`` URL without user info and without
    hidden or bidi-control characters (the same rule as the HTML export's ``safeUrl``), else None.
    ``javascript:``, ``file:``, ``data:`` and every other scheme stay text."""
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not re.match(r"(?i)^https?://", s) or _HIDDEN.search(s) or any(ch.isspace() for ch in s):
        return None
    from urllib.parse import urlsplit

    try:
        u = urlsplit(s)
    except ValueError:
        return None
    if u.scheme.lower() not in ("http", "https") or not u.hostname or "@" in u.netloc:
        return None  # user info, even empty ("https://@host"), is how links pretend to be elsewhere
    return s


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance between two points, km (WGS84)."""
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def length_km(geom) -> float:
    """Geodesic length of a line (sum over the parts of a MultiLineString; a polygon's perimeter),
    km, of a geometry in EPSG:4326 degrees. 0 for points and empty geometries."""
    if geom is None or geom.is_empty:
        return 0.0
    return GEOD.geometry_length(geom) / 1000.0


def area_km2(geom) -> float:
    """Geodesic area of a (multi)polygon, km² (WGS84; holes subtracted); 0 for other geometries."""
    if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return 0.0
    from shapely.geometry.polygon import orient

    # pyproj counts an exterior ring counter-clockwise and its holes clockwise as positive
    parts = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    return sum(abs(GEOD.geometry_area_perimeter(orient(p, 1.0))[0]) for p in parts) / 1e6


def distance_to_km(geom, lon: float, lat: float) -> float:
    """Geodesic distance from ``(lon, lat)`` to the nearest point of ``geom``, km; 0 inside a
    polygon. The nearest point is found in degrees (shapely), then measured on the ellipsoid:
    exact for points, within a fraction of a per cent for the short distances of a click."""
    if geom is None or geom.is_empty:
        return math.nan
    p = shapely.Point(lon, lat)
    if geom.geom_type in ("Polygon", "MultiPolygon") and geom.covers(p):
        return 0.0
    near = shapely.ops.nearest_points(geom, p)[0]
    return distance_km(lon, lat, near.x, near.y)


def identify_measures(geom, lon: float | None = None, lat: float | None = None, tr=_same) -> list[tuple[str, str]]:
    """The derived values identify shows above a feature's attributes, as ``(label, text)``.

    Parameters
    ----------
    geom : shapely geometry, EPSG:4326 degrees, or None
    lon, lat : float, optional
        The clicked point (degrees); omitted when the feature was chosen without a click.

    Returns
    -------
    list of (str, str)
        ``clicked at`` (``"103.8198° E, 1.3521° N"``), ``feature at`` (a point's coordinates),
        ``length`` (lines, geodesic km), ``area`` and ``perimeter`` (polygons, km² and km),
        ``distance from click`` (km). Labels and units through ``tr`` (the window's translation;
        default English).
    """
    out: list[tuple[str, str]] = []
    if lon is not None and lat is not None:
        out.append((tr("clicked at"), format_lonlat(lon, lat, tr=tr)))
    if geom is None or geom.is_empty:
        return out
    kind = geom.geom_type
    if kind in ("Point", "MultiPoint"):
        if kind == "Point":
            out.append((tr("feature at"), format_lonlat(geom.x, geom.y, tr=tr)))
    elif kind in ("LineString", "MultiLineString", "LinearRing"):
        out.append((tr("length (geodesic)"), format_km(length_km(geom), tr)))
    elif kind in ("Polygon", "MultiPolygon"):
        area = area_km2(geom)
        out.append((tr("area (geodesic)"), tr("{n} km²").format(n=f"{area:,.1f}" if area >= 10 else f"{area:,.3f}")))
        out.append((tr("perimeter (geodesic)"), format_km(length_km(geom), tr)))
    if lon is not None and lat is not None:
        d = distance_to_km(geom, lon, lat)
        if not (kind in ("Polygon", "MultiPolygon") and d == 0.0):  # a click inside says nothing
            out.append((tr("distance from click"), format_km(d, tr)))
    return out


def format_km(km: float, tr=_same) -> str:
    """``"1,234.5 km"``; below 10 km ``"3.214 km"``; NaN as ``"–"``; the unit through ``tr``."""
    if km is None or not np.isfinite(km):
        return "–"
    return tr("{n} km").format(n=f"{km:,.1f}" if km >= 10 else f"{km:,.3f}")


#: One international nautical mile, km (the unit of charts and cable-route surveys).
NMI_KM = 1.852


def format_km_nmi(km: float) -> str:
    """``"2,574.9 km (1,390.3 nmi)"``."""
    if km is None or not np.isfinite(km):
        return "–"
    return f"{format_km(km)} ({km / NMI_KM:,.1f} nmi)"


def format_lonlat(lon: float, lat: float, digits: int = 4, tr=_same) -> str:
    """``"103.8198° E, 1.3521° N"`` (longitude wrapped to −180..180).

    ``tr`` translates the template (the window passes Qt's translation, e.g.
    ``"东经 103.8198°，北纬 1.3521°"``); its ``{lon}``/``{lat}`` are the absolute values."""
    lon = ((lon + 180.0) % 360.0) - 180.0
    template = {
        (True, True): "{lon}° E, {lat}° N", (True, False): "{lon}° E, {lat}° S",
        (False, True): "{lon}° W, {lat}° N", (False, False): "{lon}° W, {lat}° S",
    }[(lon >= 0, lat >= 0)]
    return tr(template).format(lon=f"{abs(lon):.{digits}f}", lat=f"{abs(lat):.{digits}f}")


@dataclass
class Measurement:
    """A measure-tool path: clicked points and their geodesic segment lengths.

    Attributes
    ----------
    points : list of (lon, lat)
        Degrees, in click order.
    """

    points: list

    def __init__(self) -> None:
        self.points = []

    def add(self, lon: float, lat: float) -> None:
        """Add a clicked point (degrees)."""
        self.points.append((float(lon), float(lat)))

    def undo(self) -> None:
        """Remove the last point."""
        if self.points:
            self.points.pop()

    def clear(self) -> None:
        self.points = []

    def segments_km(self, moving: tuple[float, float] | None = None) -> list[float]:
        """Geodesic length of each segment, km (plus the rubber-band segment to ``moving``)."""
        pts = self.points + ([moving] if moving is not None and self.points else [])
        return [distance_km(*a, *b) for a, b in zip(pts, pts[1:])]

    def total_km(self, moving: tuple[float, float] | None = None) -> float:
        """Sum of :meth:`segments_km`, km."""
        return float(sum(self.segments_km(moving)))

    def path(self, moving: tuple[float, float] | None = None, step_km: float = 50.0) -> np.ndarray:
        """The path as drawn: each segment along its geodesic (intermediate points every
        ``step_km``, :meth:`pyproj.Geod.npts`), shape (n, 2) lon/lat degrees, longitudes
        continuous across ±180° (unwrapped) so the line never jumps across the map."""
        pts = self.points + ([moving] if moving is not None and self.points else [])
        if not pts:
            return np.zeros((0, 2))
        out = [pts[0]]
        for a, b in zip(pts, pts[1:]):
            d = distance_km(*a, *b)
            n = int(d // step_km)
            if n > 0:
                out.extend(GEOD.npts(a[0], a[1], b[0], b[1], n))
            out.append(b)
        arr = np.asarray(out, dtype=float)
        arr[:, 0] = np.degrees(np.unwrap(np.radians(arr[:, 0])))
        return arr
