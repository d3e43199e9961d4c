"""Coordinate reference systems: geographic EPSG:4326 data and the EPSG:3857 display CRS.

All transforms go through pyproj (vectorized over arrays); nothing here hand-rolls projection
maths. Web Mercator is undefined at the poles, so latitudes are clamped to ±85.0511° (the square
world of Web Mercator, as Leaflet and folium do) before projecting.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Transformer

from .geometry import row_chunks

#: Geographic CRS of every layer's GeoDataFrame (RFC 7946 order: lon, lat).
DATA_CRS = CRS.from_epsg(4326)
#: Display CRS of the canvas and of the PNG export (as folium/Leaflet).
DISPLAY_CRS = CRS.from_epsg(3857)
#: Latitude limit of the square Web Mercator world, degrees.
MAX_LATITUDE = 85.0511287798066


@lru_cache(maxsize=None)
def _forward() -> Transformer:
    return Transformer.from_crs(DATA_CRS, DISPLAY_CRS, always_xy=True)


@lru_cache(maxsize=None)
def _inverse() -> Transformer:
    return Transformer.from_crs(DISPLAY_CRS, DATA_CRS, always_xy=True)


def lonlat_to_display(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project longitudes/latitudes (degrees, EPSG:4326) to EPSG:3857 metres.

    Latitudes are clamped to ±:data:`MAX_LATITUDE`.

    Parameters
    ----------
    lon, lat : array_like of float, same shape

    Returns
    -------
    x, y : ndarray of float, metres
    """
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_LATITUDE, MAX_LATITUDE)
    x, y = _forward().transform(np.asarray(lon, dtype=float), lat)
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def display_to_lonlat(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`lonlat_to_display`: EPSG:3857 metres to degrees (EPSG:4326)."""
    lon, lat = _inverse().transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def _project_coords(xy: np.ndarray) -> np.ndarray:
    x, y = lonlat_to_display(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def project_geometries(geoms: np.ndarray) -> np.ndarray:
    """Project shapely geometries from EPSG:4326 to EPSG:3857 in one vectorized call.

    Z values are dropped (display only); None and empty geometries pass through.

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry, shape (n,)

    Returns
    -------
    ndarray of shapely.Geometry, shape (n,), coordinates in metres
    """
    geoms = np.asarray(geoms, dtype=object)
    out = np.empty(len(geoms), dtype=object)
    for a, b in row_chunks(geoms):  # a bounded share of the vertices' copies at a time (issue 9)
        out[a:b] = shapely.transform(geoms[a:b], _project_coords, include_z=False)
    return out


def bbox_to_display(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Project a lon/lat bbox ``(west, south, east, north)`` (degrees) to EPSG:3857 metres.

    Returns
    -------
    tuple of float
        ``(xmin, ymin, xmax, ymax)`` in metres.

    A bbox crossing the antimeridian (``west > east``, RFC 7946 §5.2, or ``east > 180``) gives
    ``xmax`` beyond the world's east edge (x + world width), so the view runs across the seam.
    """
    w, s, e, n = bbox
    shift = 0.0
    if e < w:
        e += 360.0
    if e > 180.0:  # the east side is in the next world copy; pyproj wraps longitudes, so shift it
        e -= 360.0
        shift = 2 * 20037508.342789244
    x, y = lonlat_to_display(np.array([w, e]), np.array([s, n]))
    return float(x[0]), float(y[0]), float(x[1]) + shift, float(y[1])


def display_to_bbox(extent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Inverse of :func:`bbox_to_display`: metres to a ``(west, south, east, north)`` bbox."""
    xmin, ymin, xmax, ymax = extent
    lon, lat = display_to_lonlat(np.array([xmin, xmax]), np.array([ymin, ymax]))
    return float(lon[0]), float(lat[0]), float(lon[1]), float(lat[1])
