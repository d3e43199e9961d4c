"""Identify: find the feature under a map point, with a tolerance, through a shapely STRtree."""

from __future__ import annotations

import numpy as np
import shapely


class FeatureIndex:
    """Spatial index over one layer's geometries in display coordinates (EPSG:3857, metres).

    An STRtree over the geometries themselves, or (with ``boxes`` and ``project``) over their
    display bounding boxes only, each candidate projected when a query reaches it: a layer of
    lines then keeps no projected copy of its vertices (issue 9: 10,000 lines of 125 vertices,
    ~30 MB less).

    Parameters
    ----------
    geoms : ndarray of shapely.Geometry, shape (n,)
        Projected geometries, or with ``project`` the layer's own (EPSG:4326); None and empty
        ones are never returned.
    boxes : ndarray of float, shape (n, 4), optional
        ``(xmin, ymin, xmax, ymax)`` of each geometry in display metres (NaN for none); with
        ``project``.
    project : callable, optional
        ``project(geoms) -> geoms`` to display coordinates, applied to the candidates of a query.
    source_box : callable, optional
        ``source_box((xmin, ymin, xmax, ymax)) -> (xmin, ymin, xmax, ymax)``: a display box as
        a box of ``geoms``' own CRS that holds all of it. With it a query's candidates are first
        tested against the box around the query in their own coordinates, and only those that
        meet it are projected (long lines have wide boxes: many candidates, few near).
    """

    def __init__(self, geoms: np.ndarray, boxes: np.ndarray | None = None, project=None, source_box=None) -> None:
        self._geoms = np.asarray(geoms, dtype=object)
        self._project = project
        self._source_box = source_box
        ok = ~(shapely.is_missing(self._geoms) | shapely.is_empty(self._geoms))
        self._rows = np.flatnonzero(ok)
        if project is None:
            self._tree = shapely.STRtree(self._geoms[self._rows])
            self._boxes = None
        else:
            b = np.asarray(boxes, dtype=float)[self._rows]
            self._boxes = b
            self._tree = shapely.STRtree(shapely.box(b[:, 0], b[:, 1], b[:, 2], b[:, 3]))

    def display_geometries(self, rows: np.ndarray) -> np.ndarray:
        """The geometries of ``rows`` in display coordinates (projected now if need be)."""
        rows = np.asarray(rows, dtype=np.int64)
        return self._geoms[rows] if self._project is None else self._project(self._geoms[rows])

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
        # the square around the point a hair wider than the tolerance: its edges are rounded, and
        # a feature at exactly the tolerance must stay a candidate (the distance decides below)
        r = tolerance + max(abs(x), abs(y), tolerance) * 1e-12
        if self._project is None:
            hits = self._tree.query(point, predicate="dwithin", distance=r)
        else:  # boxes meeting the square around the point; distances checked below
            hits = self._tree.query(shapely.box(x - r, y - r, x + r, y + r))
        rows = np.sort(self._rows[hits])
        if mask is not None:
            rows = rows[mask[rows]]
        if rows.size and self._source_box is not None:
            # a feature within the tolerance meets the square around the point: tested in the
            # geometries' own coordinates before any is projected
            near = shapely.box(*self._source_box((x - r, y - r, x + r, y + r)))
            rows = rows[np.asarray(shapely.intersects(self._geoms[rows], near), dtype=bool)]
        if rows.size == 0:
            return rows
        dist = shapely.distance(self.display_geometries(rows), point)
        rows, dist = rows[dist <= tolerance], dist[dist <= tolerance]  # a box within reach, its geometry maybe not
        return rows[np.argsort(dist, kind="stable")]

    def intersecting(self, box: tuple[float, float, float, float], mask: np.ndarray | None = None,
                     limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The first ``limit`` rows (in row order) whose geometry meets a box, with their
        display geometries.

        Parameters
        ----------
        box : tuple of float
            ``(xmin, ymin, xmax, ymax)``, display metres.
        mask : ndarray of bool, shape (n,), optional
            Only rows where ``mask`` is True.
        limit : int, optional
            At most this many rows; all by default.

        Returns
        -------
        rows : ndarray of int, shape (m,)
        geoms : ndarray of shapely.Geometry, shape (m,)
            EPSG:3857.
        """
        area = shapely.box(*box)
        # the tree's boxes that meet the area (their envelopes only, with ``project``)
        hits = np.sort(self._tree.query(area, predicate="intersects" if self._project is None else None))
        rows = self._rows[hits]
        if mask is not None:
            keep = mask[rows]
            rows, hits = rows[keep], hits[keep]
        if self._project is None:
            rows = rows[:limit] if limit is not None else rows
            return rows, self._geoms[rows]
        # a box wholly inside the view holds a geometry that meets it; the others are checked
        # exactly, in blocks, until ``limit`` rows are found
        b = self._boxes[hits]
        sure = (b[:, 0] >= box[0]) & (b[:, 1] >= box[1]) & (b[:, 2] <= box[2]) & (b[:, 3] <= box[3])
        want = len(rows) if limit is None else limit
        got_rows, got_geoms = [], []
        found = 0
        step = max(want, 256)
        for a in range(0, len(rows), step):
            r = rows[a:a + step]
            g = self._project(self._geoms[r])
            ok = sure[a:a + step] | np.asarray(shapely.intersects(g, area), dtype=bool)
            got_rows.append(r[ok])
            got_geoms.append(g[ok])
            found += int(ok.sum())
            if found >= want:
                break
        if not got_rows:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
        rows, geoms = np.concatenate(got_rows)[:want], np.concatenate(got_geoms)[:want]
        return rows, geoms


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
