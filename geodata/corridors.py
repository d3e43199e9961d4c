"""Schematic cable routes that look like cables: least-cost paths along the corridors real cables
use (issue 10, item 2). Build time only (scikit-image, the ``build`` extra).

Run the validation on the TeleGeography release itself::

    python -m asean_atlas.geodata.corridors --validate ../shared/realdata/telegeography/cable-geo.json \\
        [--out ROUTES.gpkg] [--only ID,ID] [--res 0.05] [--in-sample] [--jobs 2]

(``--in-sample`` keeps each cable's own route among the corridors; the default, leave-one-out,
does not. ``--jobs`` routes the cables in several processes. Exit status 0 when the targets are
met, 1 if not, 2 when the reference cannot be read.)

Method
------
For each cable, a raster of :data:`RES` degrees is made over its landing stations' box plus a margin
(:data:`MARGIN_DEG`), anywhere on Earth (:class:`Grid`). A cable across the Pacific is routed in
0..360° longitudes (land and routes clipped to the frame and moved, :func:`_in_frame`) and cut at
±180° afterwards. Cell costs: land :data:`COST_LAND` (Natural Earth 1:50m land, and the 1:10m
land where it exists, :func:`router_land`), coastline cells :data:`COST_COAST`, open sea 1, sea
near the coast :data:`NEAR_COAST_FACTOR` times more (not round the cable's own stations) --
divided by ``1 + CORRIDOR_GAIN * min(k, CORRIDOR_CAP)`` where ``k`` is the number of *other*
cables whose release route passes within one cell: the router prefers the corridors cables share
(straits, the routes along the Vietnamese coast, the Luzon Strait), never the cable's own
reference route (leave-one-out, so the validation is honest). The cable is routed as a tree:
Prim from the station farthest from the stations' centre (each further station joins the nearest
point of the tree so far: a chain along a coast); :class:`skimage.graph.MCP_Geometric`, stopped
at the first station reached.

Each raster path is string-pulled by cost
(:func:`pull_taut`: a straight move replaces a stretch when it costs at most ``1 + PULL_TOL`` times
as much -- no L-shaped paths over open sea), smoothed (:func:`smooth`: Chaikin corner cutting, then
simplification within half a cell, kept only where it does not touch more land), and moves longer
than :data:`GREAT_CIRCLE_KM` follow the great circle (pyproj) where that touches no more land. A
branch starts on the line drawn so far (a junction, not a free end) and ends exactly at its station.

Options measured in session 26 and left off (docs/DATA.md gives the figures: together they
improve the in-sample fit and the trans-Pacific cables, none the leave-one-out p90): :data:`MERCATOR`, a World
Mercator raster (EPSG:3395, pyproj) whose cells are weighed by their ground size, so path costs
count ground lengths (the lon/lat raster counts a step east at 45° N as 1.4 times its length, and
routes across the Pacific go south by Hawaii); :data:`GC_FRAME`, a frame that also holds the
great circle between the two stations farthest apart (PLCN's route runs at 42° N, beyond its
landings' box); :data:`TRUNK_FIRST` ``None``, the cheaper of the Prim tree and a tree whose trunk
joins the two stations farthest apart first (a trunk system such as SJC).

Validation (on every release cable with a landing in the region): the mean distance (km) from the
routed line to the reference route, sampled every :data:`SAMPLE_KM`; and the longest segment over
open sea that the reference does not have. Targets (issue 10): median <= 15 km, p90 <= 60 km, no
segment over 1,000 km across open sea that the reference lacks.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
import shapely.ops
from shapely.geometry import LineString, MultiLineString

#: raster cell size (degrees) and the margin round the stations' box (degrees)
RES = 0.05
MARGIN_DEG = 6.0
#: the frame also holds the great circle between the two stations farthest apart
GC_FRAME = False
#: route on a World Mercator raster weighed by ground size (False: a lon/lat raster, cells equal)
MERCATOR = False
COST_LAND = 1000.0
COST_COAST = 20.0
#: cables keep off the coast between landings: sea cells within NEAR_COAST_DEG of land cost this
#: much more, except within STATION_FREE_DEG of the cable's own stations
NEAR_COAST_DEG = 0.6
NEAR_COAST_FACTOR = 1.8
STATION_FREE_DEG = 1.0
#: corridor discount: cost / (1 + GAIN * min(k, CAP)), k other cables through the cell
CORRIDOR_GAIN = 1.5
CORRIDOR_CAP = 6
#: True: build the trunk first between the two stations farthest apart; False: Prim from the
#: station farthest from the stations' centre; None: both, the cheaper tree kept
TRUNK_FIRST: bool | None = False
#: string pulling of each raster path: a straight shortcut replaces a stretch of the path when it
#: costs at most (1 + PULL_TOL) times as much (None: no pulling). Removes the L-shaped paths an
#: 8-connected raster draws over uniform open sea, keeps the corridors where they pay.
PULL_TOL: float | None = 0.02
#: moves longer than this (km) follow the great circle where it is no worse on land (None: never)
GREAT_CIRCLE_KM: float | None = 300.0
#: sampling step (km) of the validation distances
SAMPLE_KM = 5.0
KM_PER_DEG = 111.32
#: the region (degrees) whose cables the validation covers
REGION = (90.0, -15.0, 150.0, 35.0)


@dataclass
class Grid:
    """A raster frame: column ``c`` spans longitudes ``x0 + c * res`` .. ``+ res`` (``shift``:
    the frame runs over 0..360° longitudes, a trans-Pacific cable), row ``r`` spans ordinates
    ``y1 - r * res`` .. ``- res``: latitudes (``mercator`` False, a lon/lat raster), or World
    Mercator (EPSG:3395) northings in "Mercator degrees" (the northing over the equatorial metres
    per degree; equal to the latitude near the equator). Mercator is conformal: each cell is a
    square on the ground, of side ``res`` degrees of the equator times :meth:`row_scale`, so a
    least-cost path over costs multiplied by that scale counts ground lengths (on a lon/lat
    raster a step east at 45° N counts 1.4 times its length and routes bend towards the
    equator)."""

    x0: float
    y1: float
    res: float
    nx: int
    ny: int
    shift: bool
    mercator: bool = False

    def y_of(self, lat) -> np.ndarray:
        """Ordinates of latitudes ``lat`` (degrees) on this grid."""
        return mercator_deg(lat) if self.mercator else np.asarray(lat, dtype=float)

    def lat_of(self, y) -> np.ndarray:
        """Latitudes (degrees) of ordinates ``y`` on this grid."""
        return latitude_of(y) if self.mercator else np.asarray(y, dtype=float)

    def rc(self, x, y):
        """Row and column (int arrays, clipped to the frame) of longitudes ``x``, latitudes ``y``."""
        x = np.asarray(x, dtype=float)
        if self.shift:
            x = np.where(x < 0, x + 360.0, x)
        c = np.floor((x - self.x0) / self.res).astype(int)
        r = np.floor((self.y1 - self.y_of(y)) / self.res).astype(int)
        return np.clip(r, 0, self.ny - 1), np.clip(c, 0, self.nx - 1)

    def xy(self, r, c):
        """Longitude and latitude (degrees) of the centres of cells ``r``, ``c``."""
        x = self.x0 + (np.asarray(c) + 0.5) * self.res
        y = self.lat_of(self.y1 - (np.asarray(r) + 0.5) * self.res)
        return x, y

    @property
    def x1(self) -> float:
        """Longitude of the frame's east edge (degrees; over 180 when ``shift``)."""
        return self.x0 + self.nx * self.res

    @property
    def lat_top(self) -> float:
        """Latitude of the frame's north edge (degrees)."""
        return float(self.lat_of(self.y1))

    @property
    def lat_bottom(self) -> float:
        """Latitude of the frame's south edge (degrees)."""
        return float(self.lat_of(self.y1 - self.ny * self.res))

    def row_scale(self) -> np.ndarray:
        """Ground size of a cell of each row over a cell at the equator (shape ``(ny,)``, the
        inverse of Mercator's scale factor at the row's latitude, pyproj ``get_factors``; ones on
        a lon/lat raster, which counts cells as equal)."""
        if not self.mercator:
            return np.ones(self.ny)
        lat = latitude_of(self.y1 - (np.arange(self.ny) + 0.5) * self.res)
        return _mercator_scale_inverse(lat)


@functools.cache
def _mercator():
    """pyproj's EPSG:4326 -> EPSG:3395 transformer, its Proj, and the metres of northing per
    degree of the equator."""
    from pyproj import CRS, Proj, Transformer

    crs = CRS.from_epsg(3395)
    per_deg = crs.ellipsoid.semi_major_metre * math.pi / 180.0
    return Transformer.from_crs(4326, crs, always_xy=True), Proj(crs), per_deg


def mercator_deg(lat) -> np.ndarray:
    """World Mercator (EPSG:3395, pyproj) northing of latitudes ``lat`` (degrees), in degrees
    of the equator."""
    t, _, per_deg = _mercator()
    lat = np.clip(np.asarray(lat, dtype=float), -85.0, 85.0)
    return np.asarray(t.transform(np.zeros_like(lat), lat)[1]) / per_deg


def latitude_of(y) -> np.ndarray:
    """Latitudes (degrees) of World Mercator northings ``y`` in degrees of the equator (the
    inverse of :func:`mercator_deg`)."""
    from pyproj.enums import TransformDirection

    t, _, per_deg = _mercator()
    y = np.asarray(y, dtype=float) * per_deg
    return np.asarray(t.transform(np.zeros_like(y), y, direction=TransformDirection.INVERSE)[1])


def _mercator_scale_inverse(lat) -> np.ndarray:
    _, proj, _ = _mercator()
    lat = np.asarray(lat, dtype=float)
    return 1.0 / np.asarray(proj.get_factors(np.zeros_like(lat), lat).parallel_scale)


def _shifted(geoms, shift: bool):
    """Geometries moved into 0..360° longitudes (negative x + 360) when ``shift``."""
    if not shift:
        return geoms

    def f(xy):
        xy = xy.copy()
        xy[:, 0] = np.where(xy[:, 0] < 0, xy[:, 0] + 360.0, xy[:, 0])
        return xy

    return shapely.transform(geoms, f)


def _in_frame(geoms, grid: "Grid"):
    """``geoms`` (EPSG:4326, -180..180) clipped to the grid's frame; when the frame runs over
    0..360° (``grid.shift``), the part west of -180+360 is clipped and moved by +360 -- not each
    vertex moved, which would smear a polygon or line across 0° over the whole frame."""
    geoms = np.asarray(geoms, dtype=object)
    pad = grid.res
    x1, y0, y1 = grid.x1, grid.lat_bottom, grid.lat_top
    if not grid.shift:
        return shapely.clip_by_rect(geoms, grid.x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    east = shapely.clip_by_rect(geoms, grid.x0 - pad, y0 - pad, 180.0, y1 + pad)
    west = shapely.clip_by_rect(geoms, -180.0, y0 - pad, x1 - 360.0 + pad, y1 + pad)
    west = shapely.transform(west, lambda xy: xy + np.array([360.0, 0.0]))
    return np.where(shapely.is_empty(west), east,
                    np.where(shapely.is_empty(east), west, shapely.union(east, west)))


class CorridorRouter:
    """Routes cables over any ocean along the corridors of known cable routes.

    Parameters
    ----------
    land : array of shapely Polygon/MultiPolygon
        Land, EPSG:4326 (1:50m world plus 1:10m where available).
    routes : dict of str to shapely geometry
        Known cable routes (EPSG:4326, split at ±180°), by cable id: the corridors.
    res : float
        Raster cell size, degrees.
    """

    def __init__(self, land, routes: dict, res: float = RES) -> None:
        self.res = res
        parts = shapely.get_parts(shapely.make_valid(np.asarray(land, dtype=object)))
        self.land = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
        self.land_tree = shapely.STRtree(self.land)
        self.route_ids = list(routes)
        self.routes = np.asarray([routes[i] for i in self.route_ids], dtype=object)

    # -- raster --------------------------------------------------------------------------------
    def grid_for(self, stations: list[tuple[str, float, float]]) -> Grid:
        lons = np.array([s[1] for s in stations])
        lats = np.array([s[2] for s in stations])
        shift = bool(lons.max() - lons.min() > 180.0)
        if shift:
            lons = np.where(lons < 0, lons + 360.0, lons)
        x0 = math.floor((lons.min() - MARGIN_DEG) / self.res) * self.res
        x1 = math.ceil((lons.max() + MARGIN_DEG) / self.res) * self.res
        if GC_FRAME and len(stations) >= 2:
            # the frame holds the great circle between the two stations farthest apart: across
            # an ocean a cable bends poleward beyond its stations' box (PLCN: landings at 34° N
            # and south of it, route at 42° N)
            from pyproj import Geod

            a, b = _trunk_first(stations)[:2]
            arc = np.asarray(Geod(ellps="WGS84").npts(a[1], a[2], b[1], b[2], 64))
            if len(arc):
                lats = np.concatenate([lats, arc[:, 1]])
        ordinate = mercator_deg if MERCATOR else float
        y0 = math.floor(float(ordinate(max(lats.min() - MARGIN_DEG, -78.0))) / self.res) * self.res
        y1 = math.ceil(float(ordinate(min(lats.max() + MARGIN_DEG, 84.0))) / self.res) * self.res
        return Grid(x0, y1, self.res, int(round((x1 - x0) / self.res)), int(round((y1 - y0) / self.res)), shift,
                    MERCATOR)

    def cost(self, grid: Grid, exclude: str | None = None) -> np.ndarray:
        """The cost raster of ``grid`` (see the module docstring), without the corridor of
        ``exclude`` (the cable being validated)."""
        from skimage.draw import polygon as draw_polygon

        x1, y0, y1 = grid.x1, grid.lat_bottom, grid.lat_top  # degrees
        frame = shapely.box(grid.x0, y0, x1, y1)
        inside = np.zeros((grid.ny, grid.nx), dtype=bool)
        coast = np.zeros_like(inside)
        # land in the frame (in 0..360 when shifted)
        land = _in_frame(self.land, grid)
        cand = shapely.STRtree(land).query(frame) if grid.shift else self.land_tree.query(frame)
        for poly in land[cand]:
            poly = shapely.clip_by_rect(poly, grid.x0 - grid.res, y0 - grid.res, x1 + grid.res, y1 + grid.res)
            for p in shapely.get_parts(poly):
                if p.geom_type != "Polygon":
                    continue
                for ring, val in [(p.exterior, True)] + [(r, False) for r in p.interiors]:
                    x, y = np.asarray(ring.coords).T
                    rr = (grid.y1 - grid.y_of(y)) / grid.res - 0.5
                    cc = (x - grid.x0) / grid.res - 0.5
                    r_, c_ = draw_polygon(rr, cc, shape=inside.shape)
                    inside[r_, c_] = val
                xy = shapely.get_coordinates(shapely.segmentize(p.boundary, grid.res / 3))
                r_, c_ = grid.rc(xy[:, 0], xy[:, 1])
                coast[r_, c_] = True
        cost = np.ones(inside.shape)
        cost[coast] = COST_COAST
        cost[inside] = COST_LAND
        # corridors: cables (but the excluded one) through each cell, counted once per cable
        count = np.zeros(inside.shape, dtype=np.int16)
        routes = _in_frame(self.routes, grid)
        for k in shapely.STRtree(routes).query(frame):
            if self.route_ids[k] == exclude:
                continue
            xy = shapely.get_coordinates(shapely.segmentize(routes[k], grid.res / 2))
            inb = (xy[:, 0] >= grid.x0) & (xy[:, 0] < x1) & (xy[:, 1] > y0) & (xy[:, 1] <= y1)
            if not inb.any():
                continue
            r_, c_ = grid.rc(xy[inb, 0], xy[inb, 1])
            mark = np.zeros(inside.shape, dtype=bool)
            mark[r_, c_] = True
            from scipy import ndimage

            mark = ndimage.binary_dilation(mark, iterations=1)
            count += mark
        sea = ~inside
        from scipy import ndimage

        near = ndimage.distance_transform_edt(sea) * grid.res
        if grid.mercator:
            near *= grid.row_scale()[:, None]  # ground size of each row's cells
        near = near < NEAR_COAST_DEG
        cost[sea & near] *= NEAR_COAST_FACTOR
        cost[sea] = cost[sea] / (1.0 + CORRIDOR_GAIN * np.minimum(count[sea], CORRIDOR_CAP))
        return cost

    def free_stations(self, cost: np.ndarray, grid: Grid, stations) -> None:
        """Undo the near-coast penalty round the cable's own stations (it lands there)."""
        k = int(round(STATION_FREE_DEG / grid.res))
        rs, cs = grid.rc([s[1] for s in stations], [s[2] for s in stations])
        for r, c in zip(rs, cs):
            win = cost[max(r - k, 0):r + k + 1, max(c - k, 0):c + k + 1]
            sea_win = win < COST_COAST
            win[sea_win] = np.minimum(win[sea_win], win[sea_win] / NEAR_COAST_FACTOR)

    # -- routing -------------------------------------------------------------------------------
    def route(self, stations: list[tuple[str, float, float]], exclude: str | None = None) -> MultiLineString:
        """A tree of branches joining ``stations`` (``(id, lon, lat)``, EPSG:4326), each branch
        ending exactly at its station; split at ±180° where it crosses.

        Parameters
        ----------
        stations : list of (str, float, float)
        exclude : str, optional
            A cable id whose own known route is left out of the corridors (validation).

        Returns
        -------
        MultiLineString
            EPSG:4326.
        """
        grid = self.grid_for(stations)
        cost = self.cost(grid, exclude)
        self.free_stations(cost, grid, stations)
        # cost per ground length: each row's cells weighed by their ground size (ones unless MERCATOR)
        walk = cost * grid.row_scale()[:, None] if grid.mercator else cost
        # Prim from the station farthest from the stations' centre (each next station joins the
        # nearest point of the tree so far: a coastal chain), or the trunk first between the two
        # stations farthest apart (the others branch off it), or (TRUNK_FIRST None) the cheaper
        trees = []
        for trunk in (False, True) if TRUNK_FIRST is None and len(stations) > 2 else (bool(TRUNK_FIRST),):
            order = _trunk_first(stations) if trunk else _extreme_first(stations)
            trees.append((*self._raster_tree(walk, grid, order, trunk), order))
        total, joins, stations = min(trees, key=lambda t: t[0])
        branches = []
        for nxt, path in joins:
            x, y = grid.xy(path[:, 0], path[:, 1])
            xy = np.column_stack([x, y])
            st = stations[nxt]
            end = np.array([[st[1] + (360.0 if grid.shift and st[1] < 0 else 0.0), st[2]]])
            xy = np.vstack([xy, end])
            if len(branches) == 0:
                s0 = stations[0]
                start = np.array([[s0[1] + (360.0 if grid.shift and s0[1] < 0 else 0.0), s0[2]]])
                xy = np.vstack([start, xy])
            xy = self._smooth_checked(xy, grid, cost)
            if GREAT_CIRCLE_KM is not None:  # after the simplification, which makes long moves
                xy = self._great_circles(xy, grid, cost)
            if branches:  # a branch starts on the line drawn so far (a junction, not a free end)
                drawn = MultiLineString([LineString(b) for b in branches if len(b) >= 2])
                _, on = shapely.ops.nearest_points(shapely.Point(xy[0]), drawn)
                xy = xy.copy()
                xy[0] = (on.x, on.y)
            branches.append(xy)
        geom = MultiLineString([LineString(b) for b in branches if len(b) >= 2])
        if grid.shift:
            import antimeridian

            def back(xy):
                xy = xy.copy()
                xy[:, 0] = np.where(xy[:, 0] > 180.0, xy[:, 0] - 360.0, xy[:, 0])
                return xy

            geom = antimeridian.fix_multi_line_string(shapely.transform(geom, back), great_circle=False)
            if geom.geom_type == "LineString":
                geom = MultiLineString([geom])
        return geom

    @staticmethod
    def _raster_tree(walk: np.ndarray, grid: Grid, stations: list, trunk: bool) -> tuple[float, list]:
        """Join ``stations`` into a tree of least-cost raster paths over ``walk``: from
        ``stations[0]``, the station cheapest to reach from the tree so far joins it next (with
        ``trunk``, ``stations[1]`` first). Dijkstra (:class:`skimage.graph.MCP_Geometric`) stops
        at the first station it reaches.

        Returns
        -------
        (float, list of (int, numpy.ndarray))
            The tree's total cost, and each join: the station's index and its path (``(n, 2)``
            rows, cols; string-pulled with :func:`pull_taut`) from the tree to the station.
        """
        from skimage.graph import MCP_Geometric

        rs, cs = grid.rc([s[1] for s in stations], [s[2] for s in stations])
        tree_cells = [(int(rs[0]), int(cs[0]))]
        todo = list(range(1, len(stations)))
        joins, total = [], 0.0
        while todo:
            mcp = MCP_Geometric(walk)
            first = trunk and len(joins) == 0
            targets = todo[:1] if first else todo
            dist, _ = mcp.find_costs(tree_cells, [(int(rs[i]), int(cs[i])) for i in targets], find_all_ends=False)
            # Dijkstra settles the cheapest station first; the others hold upper bounds
            nxt = min(targets, key=lambda i: dist[rs[i], cs[i]])
            total += float(dist[rs[nxt], cs[nxt]])
            path = np.array(mcp.traceback((int(rs[nxt]), int(cs[nxt]))))
            todo.remove(nxt)
            if PULL_TOL is not None:
                path = pull_taut(path, walk, PULL_TOL)
            tree_cells += _cells_along(path, walk.shape)
            joins.append((nxt, path))
        return total, joins

    def _great_circles(self, xy: np.ndarray, grid: Grid, cost: np.ndarray) -> np.ndarray:
        """Straight moves longer than :data:`GREAT_CIRCLE_KM` drawn along the great circle
        (pyproj ``Geod.npts``, WGS84) where that touches no more land than the straight move
        (else the move is split in two and each half tried, three times deep): across an ocean a
        cable's route bends poleward as on the reference maps."""
        from pyproj import Geod

        geod = Geod(ellps="WGS84")

        def unshift(x):
            return x - 360.0 if x > 180 else x

        def arc(a, b, depth):
            km = geod.inv(unshift(a[0]), a[1], unshift(b[0]), b[1])[2] / 1000.0
            if km <= GREAT_CIRCLE_KM:
                return []
            mid = np.array(geod.npts(unshift(a[0]), a[1], unshift(b[0]), b[1], int(km // 50)))
            if grid.shift:
                mid[:, 0] = np.where(mid[:, 0] < 0, mid[:, 0] + 360.0, mid[:, 0])
            else:  # keep a frame in -180..180 continuous
                mid[:, 0] = np.where(mid[:, 0] - a[0] > 180, mid[:, 0] - 360.0, mid[:, 0])
            line = np.vstack([a, mid, b])
            if _land_cells(line, grid, cost) <= _land_cells(np.vstack([a, b]), grid, cost):
                return list(mid)
            if depth == 0:
                return []
            m = (np.asarray(a) + np.asarray(b)) / 2
            return arc(a, m, depth - 1) + [m] + arc(m, b, depth - 1)

        out = [xy[0]]
        for a, b in zip(xy[:-1], xy[1:]):
            out.extend(arc(a, b, 3))
            out.append(b)
        return np.asarray(out)

    def _smooth_checked(self, xy: np.ndarray, grid: Grid, cost: np.ndarray) -> np.ndarray:
        """The branch smoothed, unless smoothing makes it cross more land than the raster path."""
        sm = smooth(xy, grid.res)
        return sm if _land_cells(sm, grid, cost) <= _land_cells(xy, grid, cost) else xy


def _trunk_first(stations: list) -> list:
    """The stations reordered so that the two farthest apart come first (the trunk)."""
    if len(stations) < 3:
        return list(stations)
    lon = np.radians([s[1] for s in stations])
    lat = np.radians([s[2] for s in stations])
    d = np.arccos(np.clip(np.sin(lat)[:, None] * np.sin(lat)[None, :]
                          + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.cos(lon[:, None] - lon[None, :]), -1, 1))
    i, j = np.unravel_index(np.argmax(d), d.shape)
    rest = [s for k, s in enumerate(stations) if k not in (i, j)]
    return [stations[i], stations[j]] + rest


def _land_cells(line: np.ndarray, grid: Grid, cost: np.ndarray) -> int:
    """How many land cells a polyline (lon, lat in the grid's frame) passes, sampled every half cell."""
    dense = shapely.get_coordinates(shapely.segmentize(LineString(line), grid.res / 2))
    r, c = grid.rc(dense[:, 0], dense[:, 1])
    inside = (r >= 0) & (c >= 0)
    return int((cost[r[inside], c[inside]] >= COST_LAND).sum())


def _segment_cost(cost: np.ndarray, a, b) -> float:
    """Cost of the straight move from cell ``a`` to cell ``b`` (row, col), sampled every half
    cell: sum of cell costs times the step length (cells), as :class:`MCP_Geometric` counts."""
    d = math.hypot(b[0] - a[0], b[1] - a[1])
    n = max(int(math.ceil(d * 2)), 1)
    t = (np.arange(n) + 0.5) / n
    r = np.rint(a[0] + (b[0] - a[0]) * t).astype(int)
    c = np.rint(a[1] + (b[1] - a[1]) * t).astype(int)
    return float(cost[r, c].sum() * d / n)


def pull_taut(path: np.ndarray, cost: np.ndarray, tol: float = 0.02) -> np.ndarray:
    """The raster path (``(n, 2)`` rows/cols) with stretches replaced by straight moves that cost
    at most ``1 + tol`` times the stretch (greedy, farthest first by galloping and bisection).

    Returns
    -------
    numpy.ndarray
        ``(m, 2)`` the kept cells, first and last included.
    """
    path = np.asarray(path)
    n = len(path)
    if n < 3:
        return path
    step = np.hypot(*np.diff(path, axis=0).T)
    cv = cost[path[:, 0], path[:, 1]]
    cum = np.concatenate([[0.0], np.cumsum(step * (cv[:-1] + cv[1:]) / 2)])

    def ok(i, j):
        return _segment_cost(cost, path[i], path[j]) <= (cum[j] - cum[i]) * (1 + tol) + 1e-9

    keep, i = [0], 0
    while i < n - 1:
        j, gap = i + 1, 1
        while j + gap < n and ok(i, j + gap):
            j += gap
            gap *= 2
        lo, hi = j, min(j + gap, n - 1)
        while hi - lo > 1:  # bisection between the last good and the first bad
            mid = (lo + hi) // 2
            if ok(i, mid):
                lo = mid
            else:
                hi = mid
        if hi != lo and ok(i, hi):
            lo = hi
        keep.append(lo)
        i = lo
    return path[keep]


def _cells_along(path: np.ndarray, shape) -> list:
    """The raster cells (row, col) along a polyline of cells (the tree the next branch joins)."""
    out = []
    for a, b in zip(path[:-1], path[1:]):
        n = max(int(math.ceil(math.hypot(b[0] - a[0], b[1] - a[1]) * 2)), 1)
        t = np.arange(n + 1) / n
        r = np.clip(np.rint(a[0] + (b[0] - a[0]) * t).astype(int), 0, shape[0] - 1)
        c = np.clip(np.rint(a[1] + (b[1] - a[1]) * t).astype(int), 0, shape[1] - 1)
        out += list(zip(r.tolist(), c.tolist()))
    if len(path) == 1:
        out.append((int(path[0][0]), int(path[0][1])))
    return out


def _extreme_first(stations: list) -> list:
    """The stations reordered so that the one farthest from their mean position comes first."""
    if len(stations) < 3:
        return list(stations)
    lon = np.array([s[1] for s in stations])
    lat = np.array([s[2] for s in stations])
    if lon.max() - lon.min() > 180.0:
        lon = np.where(lon < 0, lon + 360.0, lon)
    d = np.hypot((lon - lon.mean()) * np.cos(np.radians(lat)), lat - lat.mean())
    i = int(np.argmax(d))
    return [stations[i]] + [s for k, s in enumerate(stations) if k != i]


def smooth(xy: np.ndarray, res: float, rounds: int = 3) -> np.ndarray:
    """Chaikin corner cutting (``rounds`` times, ends kept), then simplification within half a
    cell: a raster staircase becomes a cable-like curve."""
    pts = np.asarray(xy, dtype=float)
    for _ in range(rounds):
        if len(pts) < 3:
            break
        q = 0.75 * pts[:-1] + 0.25 * pts[1:]
        r = 0.25 * pts[:-1] + 0.75 * pts[1:]
        mid = np.empty((2 * (len(pts) - 1), 2))
        mid[0::2], mid[1::2] = q, r
        pts = np.vstack([pts[:1], mid[1:-1], pts[-1:]])
    line = shapely.simplify(LineString(pts), res / 2)
    return np.asarray(line.coords)


# -- validation ------------------------------------------------------------------------------------
def _km_line_points(line, step_km: float) -> np.ndarray:
    """Points every ``step_km`` along a (Multi)LineString in degrees."""
    out = []
    for part in shapely.get_parts(line):
        lat = np.radians(np.mean(np.asarray(part.coords)[:, 1]))
        length_km = part.length * KM_PER_DEG * max(math.cos(lat), 0.2)
        n = max(int(length_km / step_km), 1)
        pts = shapely.line_interpolate_point(part, np.linspace(0, 1, n + 1), normalized=True)
        out.append(shapely.get_coordinates(pts))
    return np.vstack(out) if out else np.empty((0, 2))


def mean_distance_km(routed, reference) -> float:
    """Mean distance (km) from points every :data:`SAMPLE_KM` along ``routed`` to ``reference``
    (equirectangular at each point's latitude; both EPSG:4326)."""
    pts = _km_line_points(routed, SAMPLE_KM)
    if len(pts) == 0:
        return float("nan")
    near = shapely.get_coordinates(shapely.shortest_line(shapely.points(pts), reference))
    a, b = near[0::2], near[1::2]
    dx = (b[:, 0] - a[:, 0]) * np.cos(np.radians((a[:, 1] + b[:, 1]) / 2))
    return float(np.mean(np.hypot(dx, b[:, 1] - a[:, 1])) * KM_PER_DEG)


def long_open_sea_segments(routed, reference, min_km: float = 1000.0) -> list[float]:
    """Lengths (km) of routed segments over ``min_km`` lying farther than 100 km from the
    reference somewhere along them (a long straight chord the reference does not have)."""
    out = []
    for part in shapely.get_parts(routed):
        c = np.asarray(part.coords)
        for a, b in zip(c[:-1], c[1:]):
            lat = np.radians((a[1] + b[1]) / 2)
            km = math.hypot((b[0] - a[0]) * math.cos(lat), b[1] - a[1]) * KM_PER_DEG
            if km > min_km and mean_distance_km(LineString([a, b]), reference) > 100:
                out.append(km)
    return out


def router_land() -> np.ndarray:
    """The land the router avoids: Natural Earth 1:50m everywhere (``basemap.gpkg``) and 1:10m
    where the project has it (``land10m.gpkg``: the region and round every station), as parts."""
    from asean_atlas.geodata.basemap import load_basemap
    from asean_atlas.geodata.build_coast import load_land10m

    return np.concatenate([load_basemap("land").geometry.values,
                           np.asarray(shapely.get_parts(load_land10m("land")))])


def validate(release: Path, only: list[str] | None = None, res: float = RES, log=print, leave_one_out: bool = True,
             routes: dict | None = None):
    """Route every release cable of the Atlas (``cables.csv``) from its landing points and compare
    with its reference route.

    Parameters
    ----------
    release : Path
        TeleGeography's ``cable-geo.json`` (GeoJSON, EPSG:4326).
    only : list of str, optional
        Cable ids to validate (default: all).
    res : float
        Raster cell size, degrees.
    leave_one_out : bool
        Route each cable with the corridors of the *other* cables only (default; how well the
        router predicts an unseen route). False keeps its own route among the corridors
        (in-sample: how faithfully it follows known corridors).
    routes : dict, optional
        :func:`read_release` of ``release`` if already read (not read again).

    Returns
    -------
    (dict, dict)
        Per cable ``{"mean_km", "long_segments_km", "seconds"}``, and the routed geometries.
    """
    from asean_atlas.geodata.build import read_source

    routes = read_release(release) if routes is None else routes
    cables = read_source("cables.csv")
    st = read_source("landing_stations.csv").set_index("id")
    router = CorridorRouter(router_land(), routes, res=res)
    results, geoms = {}, {}
    for r in cables.itertuples(index=False):
        if r.id not in routes or (only and r.id not in only):
            continue
        stations = [(i, float(st.at[i, "lon"]), float(st.at[i, "lat"])) for i in r.landing_station_ids.split(";")]
        t = time.perf_counter()
        g = router.route(stations, exclude=r.id if leave_one_out else None)
        results[r.id] = {
            "mean_km": round(mean_distance_km(g, routes[r.id]), 1),
            "long_segments_km": [round(v) for v in long_open_sea_segments(g, routes[r.id])],
            "seconds": round(time.perf_counter() - t, 1),
        }
        if leave_one_out:
            # what the corridors can tell: the mean distance from the reference to the nearest
            # route of any other cable (a router that keeps to the others' corridors is about
            # this far off where the cable runs in a lane of its own)
            others = MultiLineString([p for k, v in routes.items() if k != r.id for p in v.geoms])
            results[r.id]["corridor_km"] = round(mean_distance_km(routes[r.id], others), 1)
        geoms[r.id] = g
        log(f"{r.id}: {results[r.id]}")
    return results, geoms


def summary(results: dict) -> dict:
    """Median and p90 of the per-cable mean distances (km), the cables with long chords, and
    (leave-one-out) the median and p90 of ``corridor_km``: how far each reference route lies from
    every other cable's route: roughly how far a router that keeps to known corridors stays from
    a route it has not seen where that cable runs in a lane of its own (not a strict bound: a leg
    over open sea may come closer)."""
    v = np.array([r["mean_km"] for r in results.values()])
    out = {
        "cables": len(v),
        "median_km": round(float(np.median(v)), 1) if len(v) else None,
        "p90_km": round(float(np.percentile(v, 90)), 1) if len(v) else None,
        "long_open_sea_segments": {k: r["long_segments_km"] for k, r in results.items() if r["long_segments_km"]},
    }
    c = np.array([r["corridor_km"] for r in results.values() if "corridor_km" in r])
    if len(c):
        # leave-one-out: the same figures for the reference itself against the other cables' routes
        out["corridor_median_km"] = round(float(np.median(c)), 1)
        out["corridor_p90_km"] = round(float(np.percentile(c, 90)), 1)
    return out


def _validate_share(args):
    """One worker's share of :func:`validate` (``--jobs``)."""
    release, ids, res, leave_one_out = args
    return validate(release, ids, res, log=lambda *_: None, leave_one_out=leave_one_out)


def read_release(release: Path) -> dict[str, MultiLineString]:
    """The routes of TeleGeography's ``cable-geo.json``: one MultiLineString (EPSG:4326) per
    cable ``id`` (the release splits a cable into several features).

    Raises
    ------
    OSError
        The file cannot be read.
    ValueError
        Not UTF-8 JSON, or not a FeatureCollection of (Multi)LineStrings with a text ``id``
        property (the message names the feature).
    """
    from shapely.geometry import shape

    try:
        data = json.loads(Path(release).read_text(encoding="utf-8"))
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    feats = data.get("features") if isinstance(data, dict) else None
    if not isinstance(feats, list):
        raise ValueError("not a GeoJSON FeatureCollection (no 'features' list)")
    parts: dict[str, list] = {}
    for n, f in enumerate(feats):
        props = f.get("properties") if isinstance(f, dict) else None
        cid = props.get("id") if isinstance(props, dict) else None
        if not isinstance(cid, str) or not cid:
            raise ValueError(f"feature {n}: no text 'id' property")
        try:
            g = shape(f.get("geometry"))
        except Exception as exc:  # noqa: BLE001 - shapely's errors vary with the bad input
            raise ValueError(f"feature {n} ({cid}): bad geometry ({exc})") from None
        if g.geom_type not in ("LineString", "MultiLineString"):
            raise ValueError(f"feature {n} ({cid}): {g.geom_type}, not a line")
        parts.setdefault(cid, []).extend(shapely.get_parts(g))
    return {k: MultiLineString(list(v)) for k, v in parts.items()}


def _release_ids(routes: dict) -> list[str]:
    """The ids of the Atlas's cables (``cables.csv`` order) that ``routes`` holds."""
    from asean_atlas.geodata.build import read_source

    return [i for i in read_source("cables.csv")["id"] if i in routes]


def _positive_int(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return n


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module docstring); returns 0 when the targets are met, 1 if not, 2
    on bad input (an unreadable reference, unknown cable ids, an output folder that does not
    exist)."""
    p = argparse.ArgumentParser(
        prog="python -m asean_atlas.geodata.routing",
        description="Route every TeleGeography release cable of the Atlas from its landing stations "
                    "with the corridor router and compare with the release's own route (issue 10).",
        epilog="Prints one JSON line per cable, then a JSON summary (median and p90 of the per-cable "
               "mean distance in km, long open-sea chords). Exit status: 0 when the targets are met "
               "(median <= 15 km, p90 <= 60 km, no open-sea segment over 1,000 km the reference "
               "lacks), 1 when not, 2 on bad input.")
    p.add_argument("--validate", type=Path, required=True, metavar="REF.geojson",
                   help="TeleGeography's cable-geo.json (the reference routes)")
    p.add_argument("--out", type=Path, metavar="ROUTES.gpkg",
                   help="write the routed lines (layer 'routes': cable id, mean_km) to a new GeoPackage; "
                        "an existing file of that name is replaced whole")
    p.add_argument("--only", help="comma-separated cable ids (default: every release cable of the Atlas)")
    p.add_argument("--res", type=float, default=RES, help=f"raster cell size in degrees (default {RES})")
    p.add_argument("--in-sample", action="store_true",
                   help="keep each cable's own reference route among the corridors (how faithfully the "
                        "router follows known corridors); default: leave-one-out (how well it predicts "
                        "a route it has not seen)")
    p.add_argument("--jobs", type=_positive_int, default=1, help="worker processes (default 1)")
    a = p.parse_args(argv)

    def fail(msg: str) -> int:
        print(f"error: {msg}", file=sys.stderr)
        return 2

    try:
        routes = read_release(a.validate)
    except (OSError, ValueError) as exc:
        return fail(f"cannot read the reference {a.validate}: {exc}")
    known = _release_ids(routes)
    if a.only is not None:
        ids = list(dict.fromkeys(i.strip() for i in a.only.split(",") if i.strip()))
        unknown = [i for i in ids if i not in known]
        if not ids or unknown:
            return fail(f"--only: not release cables of the Atlas in {a.validate}: {', '.join(unknown) or '(none given)'}")
    else:
        ids = known
    if a.out is not None:
        if a.out.suffix.lower() != ".gpkg":
            return fail(f"--out: {a.out} is not a GeoPackage name (.gpkg)")
        if a.out.is_dir():
            return fail(f"--out: {a.out} is a folder")
        if not a.out.resolve().parent.is_dir():
            return fail(f"--out: the folder {a.out.resolve().parent} does not exist")
    loo = not a.in_sample

    def show(cid: str, r: dict) -> None:
        print(json.dumps({"id": cid, **r}), flush=True)

    if a.jobs > 1 and len(ids) > 1:
        from concurrent.futures import ProcessPoolExecutor

        jobs = min(a.jobs, len(ids))
        shares = [ids[k::jobs] for k in range(jobs)]
        results, geoms = {}, {}
        with ProcessPoolExecutor(jobs) as pool:
            for res_k, geoms_k in pool.map(_validate_share, [(a.validate, s, a.res, loo) for s in shares]):
                results.update(res_k)
                geoms.update(geoms_k)
        results = {k: results[k] for k in ids}
        geoms = {k: geoms[k] for k in ids}
        for cid, r in results.items():
            show(cid, r)
    else:
        results, geoms = validate(a.validate, ids, a.res, leave_one_out=loo, log=lambda _: None, routes=routes)
        results = {k: results[k] for k in ids}
        geoms = {k: geoms[k] for k in ids}
        for cid, r in results.items():
            show(cid, r)
    s = summary(results)
    s["mode"] = "leave-one-out" if loo else "in-sample"
    print(json.dumps(s, indent=1))
    if a.out:
        import geopandas as gpd

        from asean_atlas.layers.atomic import write_atomic
        from asean_atlas.layers.errors import AtlasError

        frame = gpd.GeoDataFrame({"id": list(geoms), "mean_km": [results[k]["mean_km"] for k in geoms]},
                                 geometry=list(geoms.values()), crs="EPSG:4326")
        try:
            write_atomic(a.out, lambda tmp: frame.to_file(tmp, driver="GPKG", layer="routes", engine="pyogrio"))
        except AtlasError as exc:
            return fail(str(exc))
        print(f"wrote {a.out}")
    ok = s["median_km"] is not None and s["median_km"] <= 15 and s["p90_km"] <= 60 and not s["long_open_sea_segments"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
