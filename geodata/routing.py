"""Schematic submarine-cable routes: least-cost paths over a sea raster (build time only).

Used by :mod:`asean_atlas.geodata.build`; needs ``scikit-image`` and ``scipy``
(the ``build`` extra). Nothing here is imported at run time by the app.

Method
------
1. The land (Natural Earth 1:10m, ``land10m.gpkg``, as passed by the build) is rasterised on a regular grid of
   :data:`RES` degrees over :data:`BOX` (lon 90..150, lat -15..35). Cell costs:
   land (cell centre on land) :data:`COST_LAND`, cells touched by a coastline
   :data:`COST_COAST`, cells next to those :data:`COST_NEAR`, open sea 1.
2. Each landing station is routed to its own cell: where the point lies inland (town-level
   coordinates, river ports) the path crosses land by the cheapest way (fewest land cells,
   :data:`COST_LAND` each) instead of a straight line from the nearest open-sea cell (the
   older behaviour, ``to_station_cell=False``).
   Stations outside the box are replaced by the open-sea cell on the box edge
   nearest to where the ray from the box centre towards the station leaves
   the box; those branches are "cut at map edge".
3. A cable is routed as a tree (Prim's algorithm on the raster): starting at
   its first station, :class:`skimage.graph.MCP_Geometric` grows from all cells
   of the tree built so far and stops at the nearest remaining station; the
   path is traced back and added. So each station joins the nearest point of
   the tree so far.
4. Each branch is pulled taut (greedy line of sight on its raster path, keeping
   :data:`CLEARANCE_DEG` off land) and checked against land; if the taut line
   touches more land than the raster path, the raster path is used. Each branch
   starts on the tree drawn so far and ends exactly at its station (the last piece, from
   the centre of the station's cell, is under one cell long).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Point, box
from shapely.ops import nearest_points

#: routing box: lon_min, lat_min, lon_max, lat_max (degrees)
BOX = (90.0, -15.0, 150.0, 35.0)
#: raster cell size, degrees
RES = 0.02
COST_LAND = 1000.0
COST_COAST = 30.0
COST_NEAR = 2.0
#: straightened branches keep this distance (degrees) off land
CLEARANCE_DEG = 0.01
#: half size (cells) of the window searched for a station's way to the open sea
APPROACH_WINDOW = 150
#: near a station (degrees) a branch may cross land (the coast at the landing)
END_ALLOWANCE_DEG = 0.15


@dataclass
class Route:
    """A routed cable: geometry and the stations it ends at."""

    geometry: MultiLineString
    #: landing-station ids whose coordinates are branch ends
    reached: list[str] = field(default_factory=list)
    #: landing-station ids outside BOX (branch cut at the map edge)
    cut_at_edge: list[str] = field(default_factory=list)
    #: length (degrees) of the route on land away from the stations (should be 0)
    land_length_deg: float = 0.0
    #: station id -> length (degrees) of the straight connector from the sea path to the station
    connector_deg: dict[str, float] = field(default_factory=dict)


class SeaRaster:
    """Cost raster of the sea over :data:`BOX`, built from land polygons in EPSG:4326."""

    def __init__(
        self,
        land,
        res: float = RES,
        bbox: tuple[float, float, float, float] = BOX,
        to_station_cell: bool = True,
    ):
        from scipy import ndimage
        from skimage.draw import polygon as draw_polygon
        from skimage.graph import MCP_Geometric

        self.res = res
        #: route to each station's own cell (crossing land by the cheapest way where the
        #: station lies inland) instead of to its nearest open-sea cell plus a straight line
        self.to_station_cell = to_station_cell
        self.x0, self.y0, self.x1, self.y1 = bbox
        self.nx = int(round((self.x1 - self.x0) / res))
        self.ny = int(round((self.y1 - self.y0) / res))
        area = box(*bbox).buffer(1.0)
        land = shapely.union_all([g for g in land if g is not None]).intersection(area)
        self.land = land
        shapely.prepare(self.land)
        self._parts = shapely.get_parts(land)
        self._tree = shapely.STRtree(self._parts)
        self.clear_land = land.buffer(CLEARANCE_DEG, quad_segs=2)
        shapely.prepare(self.clear_land)
        inside = np.zeros((self.ny, self.nx), dtype=bool)
        polys = [p for p in shapely.get_parts(land) if p.geom_type == "Polygon"]
        for p in polys:
            for ring, val in [(p.exterior, True)] + [(r, False) for r in p.interiors]:
                x, y = np.asarray(ring.coords).T
                rr, cc = draw_polygon(*self.to_rc_float(x, y), shape=inside.shape)
                inside[rr, cc] = val
        # cells touched by a coastline: densify the boundaries below the cell size
        coast = np.zeros_like(inside)
        bnd = shapely.segmentize(shapely.boundary(land), res / 4)
        xy = shapely.get_coordinates(bnd)
        r, c = self.to_rc(xy[:, 0], xy[:, 1])
        ok = (r >= 0) & (r < self.ny) & (c >= 0) & (c < self.nx)
        coast[r[ok], c[ok]] = True
        near = ndimage.binary_dilation(inside | coast, iterations=1)
        cost = np.ones(inside.shape, dtype=np.float64)
        cost[near] = COST_NEAR
        cost[coast] = COST_COAST
        cost[inside] = COST_LAND
        self.cost = cost
        self.open_sea = cost == 1.0
        # index of the nearest open-sea cell for every cell
        _, idx = ndimage.distance_transform_edt(~self.open_sea, return_indices=True)
        self.nearest_sea = idx
        self.mcp = MCP_Geometric(cost, fully_connected=True)

    # -- coordinates -------------------------------------------------------------------------
    def to_rc_float(self, x, y):
        """Fractional (row, col) of lon/lat, row 0 at the top (lat max)."""
        row = (self.y1 - np.asarray(y)) / self.res - 0.5
        return row, (np.asarray(x) - self.x0) / self.res - 0.5

    def to_rc(self, x, y):
        """Integer raster (row, col) of lon/lat degrees (arrays or floats); row 0 at the top."""
        r = np.floor((self.y1 - np.asarray(y, dtype=float)) / self.res).astype(int)
        c = np.floor((np.asarray(x, dtype=float) - self.x0) / self.res).astype(int)
        return r, c

    def to_xy(self, r, c):
        """Lon/lat (degrees) of the centres of raster cells ``(r, c)``."""
        x = self.x0 + (np.asarray(c) + 0.5) * self.res
        return x, self.y1 - (np.asarray(r) + 0.5) * self.res

    def contains(self, lon: float, lat: float) -> bool:
        """Whether the point (degrees) lies inside the routing box."""
        return self.x0 <= lon <= self.x1 and self.y0 <= lat <= self.y1

    def approach(self, lon: float, lat: float) -> tuple[tuple[int, int], np.ndarray]:
        """Open-sea cell where a station's branch leaves the sea, and the path of cell centres
        from it to the station's cell.

        With ``to_station_cell`` the open-sea cell is the one reached from the station's cell
        at least cost within :data:`APPROACH_WINDOW` cells (fewest land and coast cells, then
        shortest), and the path is that least-cost path; so an inland station is reached over
        land by the shortest crossing. Otherwise (or if no open sea is in the window) it is the
        nearest open-sea cell and the path is just that cell (a straight connector follows).
        """
        from skimage.graph import MCP_Geometric

        r0, c0 = self.cell_of(lon, lat)
        if self.open_sea[r0, c0]:
            return (r0, c0), np.column_stack(self.to_xy(np.array([r0]), np.array([c0])))
        if self.to_station_cell:
            w = APPROACH_WINDOW
            ra, rb = max(0, r0 - w), min(self.ny, r0 + w + 1)
            ca, cb = max(0, c0 - w), min(self.nx, c0 + w + 1)
            sub = self.cost[ra:rb, ca:cb]
            sea = self.open_sea[ra:rb, ca:cb]
            if sea.any():
                m = MCP_Geometric(sub, fully_connected=True)
                cum, _ = m.find_costs([(r0 - ra, c0 - ca)])
                cum = np.where(sea, cum, np.inf)
                er, ec = np.unravel_index(int(np.argmin(cum)), cum.shape)
                rc = np.asarray(m.traceback((int(er), int(ec))))[::-1]  # sea -> station
                xs, ys = self.to_xy(rc[:, 0] + ra, rc[:, 1] + ca)
                return (int(er) + ra, int(ec) + ca), np.column_stack([xs, ys])
        r, c = self.snap(lon, lat)
        return (r, c), np.column_stack(self.to_xy(np.array([r]), np.array([c])))

    def cell_of(self, lon: float, lat: float) -> tuple[int, int]:
        """Raster cell of a point inside the box."""
        r, c = self.to_rc(lon, lat)
        return int(np.clip(r, 0, self.ny - 1)), int(np.clip(c, 0, self.nx - 1))

    def snap(self, lon: float, lat: float) -> tuple[int, int]:
        """Nearest open-sea cell of a point inside the box."""
        r, c = self.to_rc(lon, lat)
        r = int(np.clip(r, 0, self.ny - 1))
        c = int(np.clip(c, 0, self.nx - 1))
        return int(self.nearest_sea[0][r, c]), int(self.nearest_sea[1][r, c])

    def edge_cell(self, lon: float, lat: float) -> tuple[int, int]:
        """Open-sea cell on the box edge towards a station outside the box."""
        cx, cy = (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2
        dx = ((lon - cx + 180.0) % 360.0) - 180.0  # shortest way round
        dy = lat - cy
        hx, hy = (self.x1 - self.x0) / 2, (self.y1 - self.y0) / 2
        t = min(hx / abs(dx) if dx else np.inf, hy / abs(dy) if dy else np.inf)
        ex, ey = cx + dx * t, cy + dy * t
        r, c = self.to_rc(
            np.clip(ex, self.x0, self.x1 - 1e-9), np.clip(ey, self.y0 + 1e-9, self.y1)
        )
        r, c = int(np.clip(r, 0, self.ny - 1)), int(np.clip(c, 0, self.nx - 1))
        # open-sea cells on the border row/column of that side, nearest to (r, c)
        if abs(ex - self.x0) < 1e-6 or abs(ex - self.x1) < 1e-6:
            cc = 0 if abs(ex - self.x0) < 1e-6 else self.nx - 1
            rows = np.flatnonzero(self.open_sea[:, cc])
            rr = int(rows[np.argmin(np.abs(rows - r))])
            return rr, cc
        rr = 0 if abs(ey - self.y1) < 1e-6 else self.ny - 1
        cols = np.flatnonzero(self.open_sea[rr, :])
        cc = int(cols[np.argmin(np.abs(cols - c))])
        return rr, cc

    # -- path straightening -----------------------------------------------------------------
    def visible(self, a, b) -> bool:
        """True if the segment a-b keeps :data:`CLEARANCE_DEG` off land."""
        return not self.clear_land.intersects(LineString([a, b]))

    def taut(self, coords: np.ndarray) -> np.ndarray:
        """Pull a raster path taut: keep only the vertices needed to stay off land.

        Greedy line of sight: from each kept vertex jump to the farthest later vertex
        that can be reached by a straight segment keeping :data:`CLEARANCE_DEG` off land.
        """
        n = len(coords)
        if n <= 2:
            return coords
        keep = [0]
        i = 0
        while i < n - 1:
            stride = max(1, (n - 1 - i) // 40)
            j = i + 1
            for k in range(n - 1, i, -stride):
                if self.visible(coords[i], coords[k]):
                    j = k
                    break
            # the vertices just beyond j (up to the next one checked) may be visible too
            upper = min(n - 1, j + stride - 1)
            while j < upper and self.visible(coords[i], coords[j + 1]):
                j += 1
            keep.append(j)
            i = j
        return coords[keep]

    # -- land check --------------------------------------------------------------------------
    def land_length(self, line: LineString, ends: list[Point]) -> float:
        """Length (degrees) of ``line`` on land, ignoring :data:`END_ALLOWANCE_DEG` round
        ``ends``."""
        g = line
        if ends:
            g = g.difference(shapely.union_all([p.buffer(END_ALLOWANCE_DEG) for p in ends]))
        if g.is_empty or not self.land.intersects(g):
            return 0.0
        near = self._parts[self._tree.query(g, predicate="intersects")]
        return float(shapely.intersection(g, shapely.union_all(near)).length)

    # -- routing -----------------------------------------------------------------------------
    def route(self, stations: list[tuple[str, float, float]]) -> Route:
        """Route one cable through its stations ``[(id, lon, lat), ...]`` (order = priority)."""
        targets: list[tuple[tuple[int, int], list[str], tuple[float, float] | None]] = []
        by_cell: dict[tuple[int, int], int] = {}
        cut: list[str] = []
        #: target index -> approach path (cell centres) from its open-sea cell to its station cell
        approach: dict[int, np.ndarray] = {}
        for sid, lon, lat in stations:
            if self.contains(lon, lat):
                cell, conn = self.approach(lon, lat)
                end = (lon, lat)
                approach[len(targets)] = conn
                targets.append((cell, [sid], end))
            else:
                cell = self.edge_cell(lon, lat)
                cut.append(sid)
                if cell in by_cell:
                    targets[by_cell[cell]][1].append(sid)
                    continue
                by_cell[cell] = len(targets)
                targets.append((cell, [sid], None))
        # start at the first station inside the box (else the first edge point)
        first = next((i for i, t in enumerate(targets) if t[2] is not None), 0)
        tree_cells: list[tuple[int, int]] = [targets[first][0]]
        remaining = [i for i in range(len(targets)) if i != first]
        lines: list[LineString] = []
        land_len = 0.0
        connectors: dict[tuple[float, float], float] = {}
        head = targets[first][2]
        if not remaining:
            sx, sy = self.to_xy(*targets[first][0])
            remaining_line = np.array([[sx, sy], [sx, sy]])
            if head is not None:
                remaining_line = np.vstack(
                    [np.asarray(head), approach[first][::-1], remaining_line]
                )
            lines.append(LineString(remaining_line))
        while remaining:
            ends = [targets[i][0] for i in remaining]
            cum, _ = self.mcp.find_costs(tree_cells, ends, find_all_ends=False)
            k = int(np.argmin([cum[e] for e in ends]))
            i = remaining.pop(k)
            cell, _, tail = targets[i]
            rc = np.asarray(self.mcp.traceback(cell))
            xs, ys = self.to_xy(rc[:, 0], rc[:, 1])
            coords = np.column_stack([xs, ys])
            if lines:
                # attach to the drawn tree: the path starts on a cell sampled from it
                p = nearest_points(MultiLineString(lines), Point(coords[0]))[0]
                coords = np.vstack([[p.x, p.y], coords])
            if tail is None:
                # a branch towards a station outside the box ends where it first reaches the
                # box edge: the rest of the raster path would only run along the edge
                half = self.res * 0.75
                on_edge = (
                    (np.abs(coords[:, 0] - self.x0) <= half) | (np.abs(coords[:, 0] - self.x1) <= half)
                    | (np.abs(coords[:, 1] - self.y0) <= half) | (np.abs(coords[:, 1] - self.y1) <= half)
                )
                hits = np.flatnonzero(on_edge[1:]) + 1
                if hits.size:
                    coords = coords[: hits[0] + 1]
            if len(coords) == 1:
                coords = np.vstack([coords, coords])
            sea = LineString(coords)
            best = LineString(self.taut(coords))
            if self.land_length(best, []) > self.land_length(sea, []):
                best = sea
            land_len += self.land_length(best, [])
            c = np.asarray(best.coords)
            # later branches may start anywhere on this sea part
            dense = c if best.length == 0 else shapely.get_coordinates(
                shapely.segmentize(best, self.res / 2)
            )
            r_, c_ = self.to_rc(dense[:, 0], dense[:, 1])
            ok = (r_ >= 0) & (r_ < self.ny) & (c_ >= 0) & (c_ < self.nx)
            tree_cells.extend(sorted(set(zip(r_[ok].tolist(), c_[ok].tolist()))))
            if head is not None and not lines:
                piece = np.vstack([np.asarray(head), approach[first][::-1][:-1], c[:1]])
                connectors[head] = float(LineString(piece).length)
                c = np.vstack([piece[:-1], c])
            if tail is not None:
                piece = np.vstack([c[-1:], approach[i][1:], np.asarray(tail)])
                connectors[tail] = float(LineString(piece).length)
                c = np.vstack([c, piece[1:]])
            lines.append(LineString(c))
        reached = [sid for _, sids, end in targets if end is not None for sid in sids]
        inland = {
            sid: round(connectors.get(end, 0.0), 3)
            for _, sids, end in targets if end is not None for sid in sids
        }
        return Route(MultiLineString(lines), reached, cut, land_len, inland)



KM_PER_DEG = 111.32


def _line_km(xy: np.ndarray) -> float:
    if len(xy) < 2:
        return 0.0
    lat = np.radians((xy[1:, 1] + xy[:-1, 1]) / 2)
    return float(np.hypot(np.diff(xy[:, 0]) * np.cos(lat), np.diff(xy[:, 1])).sum() * KM_PER_DEG)


def station_zone(points: list[tuple[float, float]], km: float):
    """Union of circles of radius ``km`` round lon/lat points (ellipses in degrees)."""
    import shapely.affinity

    zones = []
    for x, y in points:
        c = Point(x, y).buffer(km / KM_PER_DEG, quad_segs=16)
        zones.append(shapely.affinity.scale(c, 1 / np.cos(np.radians(y)), 1, origin=(x, y)))
    return shapely.union_all(zones)


def land_km(line, parts: np.ndarray, tree: shapely.STRtree) -> float:
    """Length (km, local equirectangular) of ``line`` on the land ``parts`` (with their tree)."""
    if line.is_empty:
        return 0.0
    idx = tree.query(line, predicate="intersects")
    if len(idx) == 0:
        return 0.0
    inter = shapely.intersection(line, shapely.union_all(parts[idx]))
    return sum(
        _line_km(np.asarray(g.coords))
        for g in shapely.get_parts(inter)
        if g.geom_type == "LineString"
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m asean_atlas.geodata.routing --validate REF.geojson [--out ROUTES.gpkg]``: route
    every release cable of the region from its landings with the corridor router
    (:mod:`asean_atlas.geodata.corridors`, the router the build uses for cables the release
    lacks) and print the distances to the reference; exit status 0 when issue 10's targets are
    met, 1 if not, 2 on bad arguments."""
    from asean_atlas.geodata import corridors

    return corridors.main(argv)


if __name__ == "__main__":
    sys.exit(main())
