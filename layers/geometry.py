"""Geometry clean-up on load: antimeridian splitting (RFC 7946 §3.1.9).

A line or polygon whose consecutive vertices jump by more than 180° of longitude crosses the
antimeridian the short way; drawn naively it streaks across the whole map. Such geometries are cut
at ±180° with the well-kept ``antimeridian`` package. Geometries already split at ±180 (as the
TeleGeography files are) have no such jump and are left untouched.
"""

from __future__ import annotations

import numpy as np
import shapely


def crosses_antimeridian(geoms: np.ndarray) -> np.ndarray:
    """Which geometries have a segment jumping more than 180° in longitude.

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry (or None), shape (n,), EPSG:4326

    Returns
    -------
    ndarray of bool, shape (n,)
    """
    geoms = np.asarray(geoms, dtype=object)
    out = np.zeros(len(geoms), dtype=bool)
    if len(geoms) == 0:
        return out
    types = shapely.get_type_id(geoms)
    cand = np.flatnonzero(np.isin(types, (1, 2, 3, 5, 6)))  # lines, rings, polygons, multi-
    if cand.size == 0:
        return out
    # rings and line parts, each with the row it came from
    parts, part_rows = shapely.get_parts(geoms[cand], return_index=True)
    ptype = shapely.get_type_id(parts)
    poly = ptype == 3
    if poly.any():
        rings, ring_idx = shapely.get_rings(parts[poly], return_index=True)
        lines = np.concatenate([parts[~poly], rings])
        line_rows = np.concatenate([part_rows[~poly], part_rows[poly][ring_idx]])
    else:
        lines, line_rows = parts, part_rows
    xy, idx = shapely.get_coordinates(lines, return_index=True)
    if len(xy) < 2:
        return out
    jump = (np.abs(np.diff(xy[:, 0])) > 180.0) & (idx[1:] == idx[:-1])
    hit_lines = np.unique(idx[1:][jump])
    out[cand[np.unique(line_rows[hit_lines])]] = True
    return out


def split_antimeridian(geoms: np.ndarray) -> tuple[np.ndarray, int]:
    """Cut geometries that cross the antimeridian at ±180° (see module docstring).

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry (or None), shape (n,), EPSG:4326

    Returns
    -------
    geoms : ndarray of shapely.Geometry, shape (n,)
        A copy where crossing lines became MultiLineStrings and polygons MultiPolygons.
    count : int
        How many geometries were split.
    """
    import antimeridian

    geoms = np.asarray(geoms, dtype=object)
    rows = np.flatnonzero(crosses_antimeridian(geoms))
    if rows.size == 0:
        return geoms, 0
    out = geoms.copy()
    for r in rows:  # only the few crossing geometries reach this loop
        g = geoms[r]
        if g.has_z:
            g = shapely.force_2d(g)
        kind = g.geom_type
        if kind == "LineString":
            out[r] = antimeridian.fix_line_string(g, great_circle=False)
        elif kind == "MultiLineString":
            out[r] = antimeridian.fix_multi_line_string(g, great_circle=False)
        elif kind == "Polygon":
            out[r] = antimeridian.fix_polygon(g, great_circle=False)
        elif kind == "MultiPolygon":
            out[r] = antimeridian.fix_multi_polygon(g, great_circle=False)
    return out, int(rows.size)
