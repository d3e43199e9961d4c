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


class PointIndex:
    """Grid index over the points of a point layer, from projected coordinate arrays: a few bytes
    per point (a sorted cell key and an order), built with one argsort, so a 1,000,000-point layer
    needs no shapely geometry copy and no STRtree (issue 9: ~16 MB and ~0.1 s instead of ~280 MB
    and 0.5 s). Same queries as :class:`FeatureIndex`.

    Parameters
    ----------
    xy : ndarray of float, shape (m, 2)
        Projected point coordinates (EPSG:3857, metres).
    rows : ndarray of int, shape (m,)
        The layer row of each point.
    per_cell : float
        Points per grid cell on average.
    """

    def __init__(self, xy: np.ndarray, rows: np.ndarray, per_cell: float = 4.0) -> None:
        self._xy = xy
        self._rows = np.asarray(rows)
        if len(xy) == 0:
            self._x0 = self._y0 = 0.0
            self._cell, self._ncols = 1.0, 1
            self._keys = np.empty(0, dtype=np.int64)
            self._order = np.empty(0, dtype=np.int64)
            return
        x0, y0 = xy.min(axis=0)
        x1, y1 = xy.max(axis=0)
        area = max((x1 - x0) * (y1 - y0), 1.0)
        self._cell = max(float(np.sqrt(area * per_cell / len(xy))), 1.0)
        self._x0, self._y0 = float(x0), float(y0)
        gx = ((xy[:, 0] - x0) // self._cell).astype(np.int64)
        gy = ((xy[:, 1] - y0) // self._cell).astype(np.int64)
        self._ncols = int(gx.max()) + 1
        self._nrows = int(gy.max()) + 1
        keys = gy * self._ncols + gx
        del gx, gy
        # 32-bit cell keys and positions where they fit: 1M points, 8 MB instead of 16 (issue 9)
        if self._ncols * self._nrows < 2**31:
            keys = keys.astype(np.int32)
        order = np.argsort(keys, kind="stable")
        self._order = order.astype(np.int32) if len(order) < 2**31 else order
        self._keys = keys[order]

    def _candidates(self, x: float, y: float, tolerance: float) -> np.ndarray:
        if self._keys.size == 0:
            return np.empty(0, dtype=np.int64)
        c = self._cell
        ix0 = max(int((x - tolerance - self._x0) // c), 0)
        ix1 = min(int((x + tolerance - self._x0) // c), self._ncols - 1)
        iy0 = max(int((y - tolerance - self._y0) // c), 0)
        iy1 = min(int((y + tolerance - self._y0) // c), self._nrows - 1)
        if ix0 > ix1 or iy0 > iy1:
            return np.empty(0, dtype=np.int64)
        starts = np.arange(iy0, iy1 + 1, dtype=np.int64) * self._ncols
        lo = np.searchsorted(self._keys, starts + ix0, side="left")
        hi = np.searchsorted(self._keys, starts + ix1, side="right")
        if len(lo) == 1:
            return self._order[lo[0]:hi[0]]
        return np.concatenate([self._order[a:b] for a, b in zip(lo.tolist(), hi.tolist()) if b > a] or [np.empty(0, dtype=np.int64)])

    def nearest_within(self, x: float, y: float, tolerance: float, mask: np.ndarray | None = None) -> int | None:
        """As :meth:`FeatureIndex.nearest_within`."""
        rows = self.all_within(x, y, tolerance, mask)
        return int(rows[0]) if rows.size else None

    def all_within(self, x: float, y: float, tolerance: float, mask: np.ndarray | None = None) -> np.ndarray:
        """As :meth:`FeatureIndex.all_within`: rows within ``tolerance`` (metres), nearest first,
        row order among equals, only where ``mask`` is True."""
        cand = self._candidates(x, y, tolerance)
        if cand.size == 0:
            return np.empty(0, dtype=np.int64)
        d = np.hypot(self._xy[cand, 0] - x, self._xy[cand, 1] - y)
        keep = d <= tolerance
        cand, d = cand[keep], d[keep]
        rows = self._rows[cand]
        if mask is not None:
            ok = mask[rows]
            rows, d = rows[ok], d[ok]
        if rows.size == 0:
            return rows.astype(np.int64)
        # nearest first; a feature with several points counts once, at its nearest point
        order = np.lexsort((rows, d))
        rows = rows[order]
        _, first = np.unique(rows, return_index=True)
        return rows[np.sort(first)].astype(np.int64)
