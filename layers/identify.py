"""Identify: find the feature under a map point, with a tolerance, through a shapely STRtree."""

from __future__ import annotations

import numpy as np
import shapely


class FeatureIndex:
    """Spatial index over one layer's geometries in display coordinates (EPSG:3857, metres).

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry, shape (n,)
        Projected geometries; None and empty ones are never returned.
    """

    def __init__(self, geoms: np.ndarray) -> None:
        self._geoms = np.asarray(geoms, dtype=object)
        ok = ~(shapely.is_missing(self._geoms) | shapely.is_empty(self._geoms))
        self._rows = np.flatnonzero(ok)
        self._tree = shapely.STRtree(self._geoms[self._rows])

    def nearest_within(
        self, x: float, y: float, tolerance: float, mask: np.ndarray | None = None
    ) -> int | None:
        """Row of the feature nearest to ``(x, y)`` within ``tolerance``, or None.

        Parameters
        ----------
        x, y : float
            Map point, metres (EPSG:3857).
        tolerance : float
            Search radius in metres (callers convert pixels with the map scale).
        mask : ndarray of bool, shape (n,), optional
            Only rows where ``mask`` is True are candidates (e.g. the time filter).

        Returns
        -------
        int or None
            Positional row of the layer's GeoDataFrame.
        """
        rows = self.all_within(x, y, tolerance, mask)
        return int(rows[0]) if rows.size else None

    def all_within(self, x: float, y: float, tolerance: float, mask: np.ndarray | None = None) -> np.ndarray:
        """Rows of every feature within ``tolerance`` of ``(x, y)``, nearest first.

        Features at the same point (several facilities placed on one town point) are all
        returned, in row order among equals, so each can be picked from the identify results.

        Parameters
        ----------
        x, y : float
            Map point, metres (EPSG:3857).
        tolerance : float
            Search radius, metres.
        mask : ndarray of bool, shape (n,), optional
            Only rows where ``mask`` is True.

        Returns
        -------
        ndarray of int
            Positional rows of the layer's GeoDataFrame.
        """
        point = shapely.Point(x, y)
        hits = self._tree.query(point, predicate="dwithin", distance=tolerance)
        rows = np.sort(self._rows[hits])
        if mask is not None:
            rows = rows[mask[rows]]
        if rows.size == 0:
            return rows
        dist = shapely.distance(self._geoms[rows], point)
        return rows[np.argsort(dist, kind="stable")]
