"""Connectivity and resilience of the submarine-cable network (issue 14). No Qt.

The network is built from a cable layer (lines; ``id`` and ``landing_station_ids``, ``;``-separated)
and a landing-station layer (points; ``id`` and ``country``, ISO 3166-1 alpha-3 with Hong Kong
``HKG`` and Macao ``MAC`` apart from mainland China ``CHN``), both in EPSG:4326: the built-in
layers, or a user's layers with the same attributes.

Model
-----
* Each cable's route is a graph of its vertices: consecutive vertices of a part are joined by an
  edge (geodesic length, WGS84 ellipsoid through :class:`pyproj.Geod`); parts meet where they share
  a vertex (branching units; a vertex split at ±180° joins its other half). Parts that do not touch
  in the source geometry (TeleGeography's release draws some branches with a gap of 1–700 km) are
  joined at their closest vertices: a cable system is connected by definition. Each landing station
  of the cable attaches to the route's nearest vertex.
* A cut removes whole cables (by id), landing stations (by id), or every route edge that
  intersects an area (a polygon: a strait, a sea area). A cable cut in an area still connects the
  stations on each side of the cut among themselves, as a real cut cable does.
* :meth:`Scenario.graph` gives the network as a networkx graph (stations, branching points,
  cables) for an analyst's own algorithms; the figures themselves are computed on scipy's sparse
  graphs (faster at 20,000 stations).
* A cable *works* for a station when, after the cuts, it still links the station to at least one
  other station. Stations of one country are taken as linked overland (no terrestrial network
  in open data): a path may change station within a country; that hop's length is not counted.

What the numbers are not: capacity (terabits; no open data), or the routes' exact course (schematic
routes are approximate; see docs/ANALYSIS.md). A cut counts cables.
"""

from __future__ import annotations

import dataclasses
import math
import time
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from .errors import AtlasError
from .measure import GEOD
from .network import CABLE_LINK_FIELD, STATION_LINK_FIELD, _ids

#: Owners whose name starts with one of these are counted as Chinese carriers (the three state
#: carriers and their international arms: "China Telecom Global", "China Mobile International").
CHINESE_CARRIERS = ("China Telecom", "China Unicom", "China Mobile")
#: Suppliers counted as Chinese (HMN Tech, formerly Huawei Marine Networks).
CHINESE_SUPPLIERS = ("HMN Tech", "Huawei Marine")
#: Overland links a station gets to its nearest stations in the same country (for paths).
OVERLAND_NEIGHBOURS = 3
#: Key of a vertex: its coordinates rounded to this many decimals of a degree (about 10 m).
_KEY_DECIMALS = 4

_SOURCES = Path(__file__).resolve().parent.parent / "geodata" / "sources"


class AnalysisError(AtlasError):
    """An analysis cannot run (no cable layer, unknown cable or station id, bad area)."""


def _km(x0, y0, x1, y1) -> np.ndarray:
    """Geodesic distances (km) between arrays of lon/lat points, WGS84."""
    x0, y0, x1, y1 = (np.broadcast_to(np.asarray(v, dtype=float), np.broadcast_shapes(
        np.shape(x0), np.shape(y0), np.shape(x1), np.shape(y1))) for v in (x0, y0, x1, y1))
    if x0.size == 0:
        return np.zeros(x0.shape)
    _, _, d = GEOD.inv(x0.ravel(), y0.ravel(), x1.ravel(), y1.ravel())
    return (np.asarray(d) / 1000.0).reshape(x0.shape)


def _has(text: str, names: tuple[str, ...]) -> bool:
    return any(part.strip().startswith(names) for part in str(text or "").split(";"))


@dataclasses.dataclass
class _Route:
    """One cable's route graph: ``n`` vertices, edges ``(a, b)`` with lengths (km) and the
    coordinates each edge was drawn with (``edge_xy``, shape (m, 2, 2); NaN for a join between
    parts that do not touch), the attached stations."""

    xy: np.ndarray  # (n, 2) lon/lat
    edges: np.ndarray  # (m, 2) int
    km: np.ndarray  # (m,)
    edge_xy: np.ndarray  # (m, 2, 2) lon/lat of each edge's ends as drawn
    stations: list[str]  # landing stations present in the station table, as listed, once each
    attach: np.ndarray  # (len(stations),) vertex of each station
    attach_km: np.ndarray  # (len(stations),) station to its vertex, km


def _xyz(xy: np.ndarray) -> np.ndarray:
    """Unit vectors of lon/lat points (degrees), shape (n, 3): nearest neighbours by chord are
    nearest by great circle, across ±180° too."""
    lon, lat = np.radians(xy[:, 0]), np.radians(xy[:, 1])
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def _join_nearest(xy: np.ndarray, labels: np.ndarray, k: int = 12) -> list[tuple[int, int]]:
    """Pairs of points ``(u, v)`` that join all components of ``labels`` into one, each at the
    closest points found: a minimum spanning forest over each point's ``k`` nearest neighbours in
    other components (scipy's cKDTree on the unit sphere), then, for what is still apart, each
    piece to its nearest point elsewhere. O(n log n) for routes drawn in many separate parts."""
    from scipy.spatial import cKDTree

    n = len(xy)
    parent = {int(c): int(c) for c in np.unique(labels)}

    def find(c):
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    if len(parent) <= 1:
        return []
    pts = _xyz(xy)
    tree = cKDTree(pts)
    kk = min(k + 1, n)
    d, j = tree.query(pts, k=kk)
    d, j = np.atleast_2d(d), np.atleast_2d(j)
    u = np.repeat(np.arange(n), kk)
    v, w = j.ravel(), d.ravel()
    other = labels[u] != labels[v]
    order = np.argsort(w[other], kind="stable")
    out = []
    for a, b in zip(u[other][order], v[other][order]):
        ra, rb = find(int(labels[a])), find(int(labels[b]))
        if ra != rb:
            parent[ra] = rb
            out.append((int(a), int(b)))
    while True:
        roots = np.array([find(int(c)) for c in labels])
        pieces = np.unique(roots)
        if len(pieces) <= 1:
            return out
        inside = roots == roots[0]  # the first piece to its nearest point in any other piece
        a_idx, b_idx = np.flatnonzero(inside), np.flatnonzero(~inside)
        dd, jj = cKDTree(pts[b_idx]).query(pts[a_idx], k=1)
        i = int(np.argmin(dd))
        a, b = int(a_idx[i]), int(b_idx[int(jj[i])])
        parent[find(int(labels[a]))] = find(int(labels[b]))
        out.append((a, b))


def _route(geom, stations: list[str], station_xy: dict[str, tuple[float, float]]) -> _Route:
    parts = [] if geom is None or geom.is_empty else (
        list(geom.geoms) if geom.geom_type.startswith("Multi") else [geom])
    coords = [np.asarray(p.coords, dtype=float)[:, :2] for p in parts if p.geom_type == "LineString" and len(p.coords) >= 2]
    coords = [c for c in coords if np.isfinite(c).all()]
    listed = list(dict.fromkeys(s for s in stations if s in station_xy))  # "a;a" lands once
    if not coords:
        # no route: the listed stations linked by straight hops, in order
        xy = np.array([station_xy[s] for s in listed], dtype=float).reshape(-1, 2)
        coords = [xy] if len(xy) >= 2 else []
    allxy = np.vstack(coords) if coords else np.empty((0, 2))
    keyx = np.where(allxy[:, 0] >= 180.0 - 1e-9, -180.0, allxy[:, 0]) if len(allxy) else allxy[:, 0]
    keys = np.round(np.column_stack([keyx, allxy[:, 1]]), _KEY_DECIMALS) if len(allxy) else allxy
    uniq, inverse = (np.unique(keys, axis=0, return_inverse=True) if len(keys) else (keys, np.empty(0, int)))
    inverse = np.asarray(inverse).ravel()
    xy = np.empty((len(uniq), 2))
    xy[inverse] = allxy
    edges, drawn, start = [], [], 0
    for c in coords:
        idx = inverse[start:start + len(c)]
        keep = idx[:-1] != idx[1:]
        edges.append(np.column_stack([idx[:-1], idx[1:]])[keep])
        drawn.append(np.stack([c[:-1], c[1:]], axis=1)[keep])  # the part's own coordinates (+180 stays +180)
        start += len(c)
    edges = np.vstack(edges) if edges else np.empty((0, 2), dtype=np.int64)
    edge_xy = np.vstack(drawn) if drawn else np.empty((0, 2, 2))
    km = _km(xy[edges[:, 0], 0], xy[edges[:, 0], 1], xy[edges[:, 1], 0], xy[edges[:, 1], 1]) if len(edges) else np.empty(0)
    # parts that do not touch: joined at their closest vertices (a cable system is connected)
    joins = _join_nearest(xy, _components(len(xy), edges)) if len(xy) else []
    if joins:
        jn = np.array(joins, dtype=np.int64)
        edges = np.vstack([edges, jn])
        km = np.concatenate([km, _km(xy[jn[:, 0], 0], xy[jn[:, 0], 1], xy[jn[:, 1], 0], xy[jn[:, 1], 1])])
        edge_xy = np.concatenate([edge_xy, np.full((len(jn), 2, 2), np.nan)])
    if listed and len(xy):
        from scipy.spatial import cKDTree

        sxy = np.array([station_xy[s] for s in listed], dtype=float)
        _, attach = cKDTree(_xyz(xy)).query(_xyz(sxy), k=1)
        attach = np.atleast_1d(attach)
        attach_km = _km(sxy[:, 0], sxy[:, 1], xy[attach, 0], xy[attach, 1])
    else:
        attach, attach_km = np.zeros(len(listed), dtype=int), np.zeros(len(listed))
    return _Route(xy, edges.astype(np.int64), km, edge_xy, listed, np.asarray(attach, dtype=np.int64), attach_km)


def _components(n: int, edges: np.ndarray) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if n == 0:
        return np.empty(0, dtype=np.int64)
    m = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n)) if len(edges) else coo_matrix((n, n))
    return connected_components(m, directed=False)[1]


@dataclasses.dataclass(frozen=True)
class Cut:
    """What a what-if scenario takes out.

    Parameters
    ----------
    cables : tuple of str
        Cable ids cut (out of service end to end).
    stations : tuple of str
        Landing station ids out of service.
    area : shapely Polygon or MultiPolygon, optional
        Every route edge that intersects it is cut (EPSG:4326 degrees).
    area_name : str
        The area's name for reports (a preset's id or a file name).
    """

    cables: tuple[str, ...] = ()
    stations: tuple[str, ...] = ()
    area: object | None = None
    area_name: str = ""

    @property
    def empty(self) -> bool:
        return not self.cables and not self.stations and self.area is None


@dataclasses.dataclass
class PairResult:
    """Whether two countries are still linked by cables, and how.

    Attributes
    ----------
    a, b : str
        ISO 3166-1 alpha-3 codes.
    connected : bool
    disjoint_paths : int
        Most paths from ``a`` to ``b`` that share no cable (a max-flow over cables; a path may pass
        through other countries).
    path : list of dict
        The shortest remaining path (cable and overland km together): hops ``{"from": station id,
        "to": station id, "via": cable id or "overland", "km": float}``; an overland hop is an
        assumed link between two stations of one country (:meth:`CableNetwork.overland_links`).
    km : float
        Cable km of ``path`` (NaN when not connected).
    overland_km : float
        Km of its overland hops (assumed links within a country, geodesic; NaN when not connected).
    """

    a: str
    b: str
    connected: bool
    disjoint_paths: int
    path: list
    km: float
    overland_km: float


@lru_cache(maxsize=1)
def _land():
    from asean_atlas.geodata.basemap import load_basemap

    land = shapely.union_all(load_basemap("land").geometry.values)
    shapely.prepare(land)
    return land


#: An assumed overland link whose straight line has a stretch of water longer than this
#: (degrees, about 15 km) crosses a strait or a sea between islands.
WATER_GAP_DEG = 0.15


def _crosses_water(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether the straight line between two stations (degrees) crosses more than
    :data:`WATER_GAP_DEG` of water in one stretch, off the basemap's land (Natural Earth 1:50m):
    an assumed overland link across a strait or between islands (a coast's bays and river mouths
    are shorter)."""
    line = shapely.LineString([a, b])
    if line.length == 0:
        return False
    water = shapely.difference(line, _land())
    return any(part.length > WATER_GAP_DEG for part in getattr(water, "geoms", [water]) if not part.is_empty)


def cable_layer_of(layers):
    """The cable layer among ``layers``: the built-in cables, else the first line layer with
    ``landing_station_ids`` that is not a terrestrial-link layer (``category`` "terrestrial
    cable"); None without one."""
    candidates = [lyr for lyr in layers if CABLE_LINK_FIELD in lyr.attributes.columns]
    for lyr in candidates:
        if lyr.source == "builtin:cables":
            return lyr
    for lyr in candidates:
        cat = lyr.attributes["category"] if "category" in lyr.attributes.columns else None
        if cat is None or not (cat.astype(str) == "terrestrial cable").all():
            return lyr
    return None


def terrestrial_layer_of(layers):
    """The terrestrial cross-border links layer among ``layers`` (the built-in one, or lines whose
    ``category`` is "terrestrial cable" with ``country`` listing the countries linked), or None."""
    for lyr in layers:
        if lyr.source == "builtin:terrestrial_links":
            return lyr
    for lyr in layers:
        cols = lyr.attributes.columns
        if "category" in cols and "country" in cols and len(lyr.attributes) \
                and (lyr.attributes["category"].astype(str) == "terrestrial cable").all():
            return lyr
    return None


@dataclasses.dataclass
class Reach:
    """What a facility reaches (:meth:`Scenario.reach`).

    Attributes
    ----------
    stations : list of dict
        The nearest landing stations with a working cable: ``{"id", "name", "country", "km"}``
        (geodesic km from the facility), nearest first.
    cables : list of str
        Cables in service landing at those stations.
    countries : list of str
        Countries (ISO alpha-3) those cables reach, the facility's own left out.
    terrestrial : list of dict
        Terrestrial cross-border links of the facility's country: ``{"id", "name", "countries"}``.
    """

    stations: list
    cables: list
    countries: list
    terrestrial: list


class CableNetwork:
    """The cable ↔ landing-station network, ready for what-if analysis.

    Parameters
    ----------
    cables : GeoDataFrame
        Cable features in EPSG:4326 with ``id`` and ``landing_station_ids``; optional ``name``,
        ``owners``, ``suppliers`` (``;``-separated).
    stations : GeoDataFrame
        Landing stations (points, EPSG:4326) with ``id`` and ``country`` (ISO 3166-1 alpha-3);
        optional ``name``.

    Raises
    ------
    AnalysisError
        Without the needed attributes.
    """

    def __init__(self, cables, stations) -> None:
        missing = [c for c in ("id", CABLE_LINK_FIELD) if c not in cables.columns]
        if missing:
            raise AnalysisError.of("the cable layer has no attribute {names}", names=", ".join(missing))
        missing = [c for c in ("id", "country") if c not in stations.columns]
        if missing:
            raise AnalysisError.of("the landing-station layer has no attribute {names}", names=", ".join(missing))
        st = stations[stations.geometry.notna() & ~stations.geometry.is_empty]
        pts = shapely.get_coordinates(shapely.centroid(np.asarray(st.geometry.values, dtype=object)))
        self.station_ids = [str(s) for s in st["id"]]
        self.station_xy = {s: (float(x), float(y)) for s, (x, y) in zip(self.station_ids, pts)}
        self.station_country = {s: str(c) if isinstance(c, str) and c.strip() else "?" for s, c in zip(self.station_ids, st["country"])}
        self.station_name = dict(zip(self.station_ids, (str(v) for v in st["name"]))) if "name" in st.columns else {s: s for s in self.station_ids}
        cables = cables[cables["id"].notna()]
        ids = [str(c).strip() for c in cables["id"]]
        first = ~pd.Series(ids, dtype=object).duplicated().to_numpy()
        #: cable ids listed more than once (the first row of each is used)
        self.duplicate_ids = sorted({c for c, f in zip(ids, first) if not f})
        cables = cables[first]
        self.cable_ids = [c for c, f in zip(ids, first) if f]
        col = lambda name: [str(v) if isinstance(v, str) else "" for v in cables[name]] if name in cables.columns else [""] * len(cables)  # noqa: E731
        self.cable_name = dict(zip(self.cable_ids, (n or i for n, i in zip(col("name"), self.cable_ids))))
        self.chinese_owner = {c: _has(o, CHINESE_CARRIERS) for c, o in zip(self.cable_ids, col("owners"))}
        self.chinese_supplier = {c: _has(s, CHINESE_SUPPLIERS) for c, s in zip(self.cable_ids, col("suppliers"))}
        self.routes: dict[str, _Route] = {}
        for cid, geom, links in zip(self.cable_ids, cables.geometry.values, cables[CABLE_LINK_FIELD]):
            self.routes[cid] = _route(geom, _ids(links), self.station_xy)
        # every route edge as drawn, for area cuts (a join of parts that do not touch has no line)
        lines, owner = [], []
        for cid, r in self.routes.items():
            ok = np.isfinite(r.edge_xy).all(axis=(1, 2)) & (np.abs(r.edge_xy[:, 0, 0] - r.edge_xy[:, 1, 0]) <= 180)
            lines.append(shapely.linestrings(r.edge_xy[ok]) if ok.any() else np.empty(0, dtype=object))
            owner += [(cid, int(e)) for e in np.flatnonzero(ok)]
        self._edge_lines = np.concatenate(lines) if lines else np.empty(0, dtype=object)
        self._edge_owner = owner
        self._tree = shapely.STRtree(self._edge_lines)
        self._groups_cache: dict[str, list[tuple[list[str], dict]]] = {}
        self._overland = None

    def overland_links(self) -> list[tuple[str, str, float]]:
        """Assumed overland links between the landing stations of each country, ``(s, t, km)``
        (geodesic km): each station to its :data:`OVERLAND_NEIGHBOURS` nearest in its country,
        plus the joins that link all its stations (:func:`_join_nearest`). Used for paths only;
        open data has no terrestrial network."""
        if self._overland is None:
            from scipy.spatial import cKDTree

            by_country: dict[str, list[str]] = {}
            for s in self.station_ids:
                by_country.setdefault(self.station_country[s], []).append(s)
            links = {}
            for c, ids in by_country.items():
                if c == "?" or len(ids) < 2:
                    continue
                xy = np.array([self.station_xy[s] for s in ids])
                k = min(OVERLAND_NEIGHBOURS + 1, len(ids))
                _, near = cKDTree(_xyz(xy)).query(_xyz(xy), k=k)
                pairs = {(i, int(j)) for i in range(len(ids)) for j in np.atleast_2d(near)[i][1:]}
                if pairs:
                    e = np.array(sorted(pairs))
                    labels = _components(len(ids), e)
                else:
                    labels = np.arange(len(ids))
                pairs |= set(_join_nearest(xy, labels))
                pairs = {tuple(sorted(p)) for p in pairs if p[0] != p[1]}
                if not pairs:
                    continue
                e = np.array(sorted(pairs))
                d = _km(xy[e[:, 0], 0], xy[e[:, 0], 1], xy[e[:, 1], 0], xy[e[:, 1], 1])
                for (i, j), km in zip(e, d):
                    links[(ids[i], ids[j])] = float(km)
            self._overland = [(a, b, km) for (a, b), km in links.items()]
        return self._overland

    # -- construction from the map ---------------------------------------------------------------
    @classmethod
    def from_layers(cls, layers, when=None) -> tuple["CableNetwork", list[str]]:
        """The network of the map's cable and landing-station layers, and the ids of the cables
        in service at ``when`` that the attribute filter passes.

        Parameters
        ----------
        layers : list of Layer
            The cable layer is :func:`cable_layer_of`'s; the first layer with ``id``,
            ``country`` and ``cable_ids`` (or any point layer with ``id`` and ``country``) the
            stations.
        when : int, TimeFilter or None
            A year or the time controller's filter: cables in service then (lifecycle stage "in
            service" where the layer has a lifecycle, else the time filter); None: all cables the
            attribute filter passes.

        Raises
        ------
        AnalysisError
            No cable or station layer.
        """
        cable_layer = cable_layer_of(layers)
        station_layer = next((lyr for lyr in layers if {"id", "country", STATION_LINK_FIELD} <= set(lyr.attributes.columns)), None) \
            or next((lyr for lyr in layers if lyr is not cable_layer and {"id", "country"} <= set(lyr.attributes.columns)
                     and lyr.is_point_layer), None)
        if cable_layer is None:
            raise AnalysisError.of("no cable layer (a layer with the attribute 'landing_station_ids') on the map")
        if station_layer is None:
            raise AnalysisError.of("no landing-station layer (points with the attributes 'id' and 'country') on the map")
        net = cls(cable_layer.attributes, station_layer.attributes)
        return net, net.active_ids(cable_layer, when)

    @staticmethod
    def active_ids(cable_layer, when=None) -> list[str]:
        """Ids of the cables of ``cable_layer`` in service at ``when`` that its attribute filter
        passes (see :meth:`from_layers`)."""
        stages = cable_layer.lifecycle_stages(when)
        mask = (stages == 2) if stages is not None else cable_layer.time_mask(when)
        return [str(c) for c in cable_layer.attributes["id"].to_numpy()[mask]]

    # -- the cut ---------------------------------------------------------------------------------
    def _cut_edges(self, cut: Cut) -> dict[str, np.ndarray]:
        if cut.area is None:
            return {}
        area = cut.area
        if not isinstance(area, (shapely.Polygon, shapely.MultiPolygon)) or area.is_empty:
            raise AnalysisError.of("the cut area is not a polygon")
        out: dict[str, list[int]] = {}
        for i in self._tree.query(area, predicate="intersects"):
            cid, e = self._edge_owner[int(i)]
            out.setdefault(cid, []).append(e)
        return {k: np.array(v, dtype=np.int64) for k, v in out.items()}

    def _alive(self, cid: str, cut_edges: np.ndarray | None) -> np.ndarray:
        """Which of a cable's route edges a cut leaves (bool, shape (m,))."""
        alive = np.ones(len(self.routes[cid].edges), dtype=bool)
        if cut_edges is not None and len(cut_edges):
            alive[cut_edges] = False
        return alive

    def _groups(self, cid: str, cut_edges: np.ndarray | None, down: frozenset) -> list[list[str]]:
        """The station groups a cable still links after a cut: lists of 2 or more station ids
        (the stations on one side of a cut, less the stations cut)."""
        key = None
        if cut_edges is None and not (down & set(self.routes[cid].stations)):
            key = cid
            hit = self._groups_cache.get(key)
            if hit is not None:
                return hit
        r = self.routes[cid]
        keep = [i for i, s in enumerate(r.stations) if s not in down]
        result = []
        if len(keep) >= 2:
            labels = _components(len(r.xy), r.edges[self._alive(cid, cut_edges)])
            groups: dict[int, list[str]] = {}
            for i in keep:
                groups.setdefault(int(labels[r.attach[i]]), []).append(r.stations[i])
            result = [members for members in groups.values() if len(members) >= 2]
        if key is not None:
            self._groups_cache[key] = result
        return result

    def scenario(self, active=None, cut: Cut | None = None) -> "Scenario":
        """The network with the cables ``active`` (ids; None: all) before and after ``cut``.

        Raises
        ------
        AnalysisError
            An unknown cable or station id in ``cut``, or an area that is not a polygon.
        """
        t0 = time.perf_counter()
        cut = cut or Cut()
        active = list(self.routes) if active is None else list(dict.fromkeys(c for c in active if c in self.routes))
        unknown = [c for c in cut.cables if c not in self.routes]
        if unknown:
            raise AnalysisError.of("no cable with id {ids}", ids=", ".join(map(repr, unknown)))
        unknown = [s for s in cut.stations if s not in self.station_xy]
        if unknown:
            raise AnalysisError.of("no landing station with id {ids}", ids=", ".join(map(repr, unknown)))
        cut_edges = self._cut_edges(cut)
        down = frozenset(cut.stations)
        before = {c: self._groups(c, None, frozenset()) for c in active}
        after = {}
        for c in active:
            if c in cut.cables:
                after[c] = []
            elif c in cut_edges or (down & set(self.routes[c].stations)):
                after[c] = self._groups(c, cut_edges.get(c), down)
            else:
                after[c] = before[c]
        cut_cables = sorted(c for c in active if c in cut.cables or c in cut_edges)
        sc = Scenario(self, active, cut, before, after, cut_cables, time.perf_counter() - t0)
        sc.cut_edges, sc.down = cut_edges, down
        return sc


class Scenario:
    """A network before and after a cut (:meth:`CableNetwork.scenario`).

    Attributes
    ----------
    cut_cables : list of str
        Active cables cut by id or crossing the cut area.
    isolated_stations : list of str
        Stations linked by at least one cable before and by none after (the stations cut by id
        are listed in ``cut.stations``, not here).
    seconds : float
        Time the scenario took to compute.
    """

    def __init__(self, net: CableNetwork, active, cut, before, after, cut_cables, seconds) -> None:
        self.net, self.active, self.cut = net, active, cut
        self.before, self.after, self.cut_cables, self.seconds = before, after, cut_cables, seconds
        self._figures: dict[bool, dict] = {}
        self._table = None
        linked_before = {s for groups in before.values() for members in groups for s in members}
        linked_after = {s for groups in after.values() for members in groups for s in members}
        self.cut_edges: dict[str, np.ndarray] = {}
        self.down: frozenset = frozenset()
        self._graphs: dict[bool, tuple] = {}
        self.isolated_stations = sorted(linked_before - linked_after - set(cut.stations))

    # -- per country -------------------------------------------------------------------------------
    def _country_figures(self, after: bool) -> dict[str, dict]:
        """Per country (before or ``after`` the cut): its international and domestic cables,
        working stations and the countries reached; computed once per side."""
        hit = self._figures.get(after)
        if hit is not None:
            return hit
        groups_of = self.after if after else self.before
        country = self.net.station_country
        out: dict[str, dict] = {}
        for cid, groups in groups_of.items():
            seen_intl = set()
            for members in groups:
                cs = {country[s] for s in members}
                for c in cs:
                    row = out.setdefault(c, {"cables": set(), "domestic": set(), "stations": set(), "reached": set()})
                    row["stations"].update(s for s in members if country[s] == c)
                    if len(cs) > 1:
                        row["cables"].add(cid)
                        row["reached"].update(cs - {c})
                        seen_intl.add(c)
                    else:
                        row["domestic"].add(cid)
            for c in seen_intl:
                out[c]["domestic"].discard(cid)
        self._figures[after] = out
        return out

    def country_table(self) -> pd.DataFrame:
        """Per country (rows sorted by ``country``), before → after the cut.

        Returns
        -------
        DataFrame
            ``country`` (ISO alpha-3), ``name``, ``international_cables`` (cables in service that
            link the country to another), ``landing_stations`` (its stations with a working
            cable), ``countries_reached`` (distinct foreign countries linked directly),
            ``chinese_carrier_cables`` (of its international cables, those with a Chinese carrier
            among the owners, :data:`CHINESE_CARRIERS`), ``chinese_carrier_share`` (0–1),
            ``hmn_tech_cables`` (supplied by HMN Tech); each figure before the cut, and with
            ``_after`` after it, plus ``cables_lost`` and ``share_lost`` (0–1; NaN for a country
            without international cables before).
        """
        names = country_names()
        if self._table is not None:  # the same scenario's table: computed once
            return self._table.copy()
        b, a = self._country_figures(False), self._country_figures(True)
        rows = []
        for c in sorted(set(b) | set(a)):
            rb, ra = b.get(c), a.get(c)
            rec = {"country": c, "name": names.get(c, c)}
            for suffix, r in (("", rb), ("_after", ra)):
                cables = r["cables"] if r else set()
                rec["international_cables" + suffix] = len(cables)
                rec["landing_stations" + suffix] = len(r["stations"]) if r else 0
                rec["countries_reached" + suffix] = len(r["reached"]) if r else 0
                chinese = sum(self.net.chinese_owner.get(x, False) for x in cables)
                rec["chinese_carrier_cables" + suffix] = chinese
                rec["chinese_carrier_share" + suffix] = chinese / len(cables) if cables else float("nan")
                rec["hmn_tech_cables" + suffix] = sum(self.net.chinese_supplier.get(x, False) for x in cables)
            rec["cables_lost"] = rec["international_cables"] - rec["international_cables_after"]
            rec["share_lost"] = rec["cables_lost"] / rec["international_cables"] if rec["international_cables"] else float("nan")
            rows.append(rec)
        figures = ["international_cables", "landing_stations", "countries_reached", "chinese_carrier_cables",
                   "chinese_carrier_share", "hmn_tech_cables"]
        columns = ["country", "name"] + figures + [f + "_after" for f in figures] + ["cables_lost", "share_lost"]
        self._table = pd.DataFrame(rows, columns=columns)
        return self._table.copy()

    def reached(self, country: str, after: bool = True) -> list[str]:
        """Foreign countries ``country`` is linked to directly (ISO alpha-3, sorted)."""
        r = self._country_figures(after).get(country)
        return sorted(r["reached"]) if r else []

    # -- between two countries -------------------------------------------------------------------
    def _graph(self, after: bool):
        """The network as one sparse graph (built once per side of the cut): station nodes
        ``0..S-1`` (:attr:`CableNetwork.station_ids` order), then each working cable's route
        vertices; edges are route edges (km, as drawn), station-to-route landings (km) and the
        assumed overland links (km). Returns ``(matrix, via, water, owner)``: the CSR matrix of km,
        ``via[(i, j)]`` the cable id or "overland" of an edge, ``owner[v]`` the cable of a route
        vertex (None for a station)."""
        hit = self._graphs.get(after)
        if hit is not None:
            return hit
        from scipy.sparse import coo_matrix

        net = self.net
        index = {s: i for i, s in enumerate(net.station_ids)}
        groups_of = self.after if after else self.before
        down = self.down if after else frozenset()
        rows, cols, km, via = [], [], [], {}
        owner: list = [None] * len(net.station_ids)
        offset = len(net.station_ids)
        for cid, groups in groups_of.items():
            if not groups:
                continue
            r = net.routes[cid]
            alive = net._alive(cid, self.cut_edges.get(cid) if after else None)
            e = r.edges[alive]
            rows.append(e[:, 0] + offset)
            cols.append(e[:, 1] + offset)
            km.append(r.km[alive])
            linked = {s for members in groups for s in members}
            for s, v, d in zip(r.stations, r.attach, r.attach_km):
                if s in linked and s not in down:
                    rows.append(np.array([index[s]]))
                    cols.append(np.array([offset + int(v)]))
                    km.append(np.array([d]))
            owner += [cid] * len(r.xy)
            offset += len(r.xy)
        for s, t2, d in net.overland_links():
            if s in down or t2 in down:
                continue
            i, j = index[s], index[t2]
            rows.append(np.array([i]))
            cols.append(np.array([j]))
            km.append(np.array([d]))
            via[(min(i, j), max(i, j))] = "overland"
        n = offset
        if rows:
            r_, c_, k_ = np.concatenate(rows), np.concatenate(cols), np.maximum(np.concatenate(km), 1e-9)
        else:
            r_, c_, k_ = np.empty(0, int), np.empty(0, int), np.empty(0)
        # one edge per pair of nodes, the shortest (a sparse matrix would add duplicates up)
        lo, hi = np.minimum(r_, c_), np.maximum(r_, c_)
        order = np.lexsort((k_, hi, lo))
        lo, hi, k_ = lo[order], hi[order], k_[order]
        first = np.ones(len(lo), dtype=bool)
        first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
        lo, hi, k_ = lo[first], hi[first], k_[first]
        matrix = coo_matrix((np.concatenate([k_, k_]), (np.concatenate([lo, hi]), np.concatenate([hi, lo]))),
                            shape=(n, n)).tocsr()
        self._graphs[after] = (matrix, via, owner)
        return self._graphs[after]

    def graph(self, after: bool = True):
        """The network as a :class:`networkx.MultiGraph` (for an analyst's own graph algorithms):
        station nodes (their ids; attributes ``kind="station"``, ``country``, ``name``) and the
        cables' route nodes (``"{cable}#{vertex}"``; ``kind`` "branching point" where three or
        more route edges meet, else "landing point"); edges (attributes ``cable``, ``km``,
        ``kind`` "route" or "landing") along each working cable's route between those nodes (the
        vertices between them contracted, their km summed) and from each working station to its
        point on the route. Before or ``after`` the cut; the cables in service only."""
        import networkx as nx

        net = self.net
        groups_of = self.after if after else self.before
        down = self.down if after else frozenset()
        g = nx.MultiGraph()
        for cid, groups in groups_of.items():
            if not groups:
                continue
            r = net.routes[cid]
            alive = net._alive(cid, self.cut_edges.get(cid) if after else None)
            adj: dict[int, list[tuple[int, float]]] = {}
            for (u, v), km in zip(r.edges[alive], r.km[alive]):
                adj.setdefault(int(u), []).append((int(v), float(km)))
                adj.setdefault(int(v), []).append((int(u), float(km)))
            linked = {s for members in groups for s in members} - set(down)
            landed = {int(v): [] for v in r.attach}
            for s, v, d in zip(r.stations, r.attach, r.attach_km):
                if s in linked:
                    landed[int(v)].append((s, float(d)))
            keys = {v for v, ss in landed.items() if ss} | {v for v, nb in adj.items() if len(nb) >= 3}
            for v in keys:
                node = f"{cid}#{v}"
                g.add_node(node, kind="branching point" if len(adj.get(v, ())) >= 3 else "landing point", cable=cid)
                for s, d in landed.get(v, ()):
                    g.add_node(s, kind="station", country=net.station_country[s], name=net.station_name.get(s, s))
                    g.add_edge(s, node, cable=cid, km=d, kind="landing")
            seen = set()
            for k in keys:  # walk from each key node to the next along the route
                for first, km0 in adj.get(k, ()):
                    prev, cur, km = k, first, km0
                    while cur not in keys and len(adj.get(cur, ())) == 2:
                        nxt, step = next((w, d) for w, d in adj[cur] if w != prev)
                        prev, cur, km = cur, nxt, km + step
                    if cur not in keys:  # a dead end of the drawing: nothing lands there
                        continue
                    walk = (min(k, cur), max(k, cur), round(km, 6))
                    if walk in seen:
                        continue
                    seen.add(walk)
                    g.add_edge(f"{cid}#{k}", f"{cid}#{cur}", cable=cid, km=km, kind="route")
        return g

    def pair(self, a: str, b: str, after: bool = True) -> PairResult:
        """Whether countries ``a`` and ``b`` (ISO alpha-3) are linked, by how many cable-disjoint
        paths, and the shortest path (see :class:`PairResult`): Dijkstra (scipy) over the cables'
        route graphs, their landings and the assumed overland links, from every station of ``a``
        to the nearest station of ``b``."""
        from scipy.sparse.csgraph import dijkstra

        net = self.net
        groups_of = self.after if after else self.before
        country = net.station_country
        down = self.down if after else frozenset()
        working = {s for groups in groups_of.values() for members in groups for s in members} - set(down)
        index = {s: i for i, s in enumerate(net.station_ids)}
        sources = [index[s] for s in working if country[s] == a]
        targets = [index[s] for s in working if country[s] == b]
        nan = float("nan")
        if a == b or not sources or not targets:
            return PairResult(a, b, False, 0, [], nan, nan)
        matrix, via, owner = self._graph(after)
        dist, pred, origin = dijkstra(matrix, directed=False, indices=sources, min_only=True, return_predecessors=True)
        best = min(targets, key=lambda j: dist[j])
        if not np.isfinite(dist[best]):
            return PairResult(a, b, False, 0, [], nan, nan)
        chain = [best]
        while pred[chain[-1]] >= 0:
            chain.append(int(pred[chain[-1]]))
        chain.reverse()
        path, km, overland = [], 0.0, 0.0
        hop_from, hop_km, hop_via = chain[0], 0.0, None
        for u, v in zip(chain[:-1], chain[1:]):
            w = float(matrix[u, v])
            hop_km += w
            if v >= len(net.station_ids):  # along a cable's route
                hop_via = owner[v]
                continue
            kind = hop_via if hop_via is not None else via.get((min(u, v), max(u, v)), "overland")
            s, t2 = net.station_ids[hop_from], net.station_ids[v]
            hop = {"from": s, "to": t2, "via": kind, "km": hop_km}
            if kind == "overland":  # an assumed link: say when its line crosses water
                hop["water"] = _crosses_water(net.station_xy[s], net.station_xy[t2])
                overland += hop_km
            else:
                km += hop_km
            path.append(hop)
            hop_from, hop_km, hop_via = v, 0.0, None
        return PairResult(a, b, True, self._disjoint_paths(groups_of, a, b), path, km, overland)

    def _disjoint_paths(self, groups_of, a: str, b: str) -> int:
        """Most paths from ``a`` to ``b`` that share no cable: an integer flow where each of a
        cable's working parts carries at most one path and all its parts together at most one
        (a cut cable's two halves are still one cable), solved exactly with HiGHS
        (:func:`scipy.optimize.milp`)."""
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import coo_matrix

        country = self.net.station_country
        nodes: dict = {}
        tails, heads, caps, cable_of = [], [], [], []

        def node(key):
            return nodes.setdefault(key, len(nodes))

        node(("country", a)), node(("country", b))
        for cid, groups in groups_of.items():
            for k, members in enumerate(groups):
                cs = sorted({country[s] for s in members})
                if len(cs) < 2:
                    continue
                gin, gout = node(("in", cid, k)), node(("out", cid, k))
                tails.append(gin), heads.append(gout), caps.append(1.0), cable_of.append(cid)
                for c in cs:
                    cn = node(("country", c))
                    for u, v in ((cn, gin), (gout, cn)):
                        tails.append(u), heads.append(v), caps.append(np.inf), cable_of.append(None)
        m, n = len(tails), len(nodes)
        if m == 0:
            return 0
        tails, heads = np.array(tails), np.array(heads)
        src, dst = nodes[("country", a)], nodes[("country", b)]
        # conservation at every node but the source and the sink
        inc = coo_matrix((np.concatenate([np.ones(m), -np.ones(m)]),
                          (np.concatenate([heads, tails]), np.concatenate([np.arange(m), np.arange(m)]))), shape=(n, m)).tocsr()
        keep = np.array([i for i in range(n) if i not in (src, dst)])
        constraints = [LinearConstraint(inc[keep], 0, 0)] if len(keep) else []
        cables = sorted({c for c in cable_of if c is not None})
        if cables:
            pos = {c: i for i, c in enumerate(cables)}
            rows = [pos[c] for c in cable_of if c is not None]
            cols = [j for j, c in enumerate(cable_of) if c is not None]
            bundle = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(cables), m))
            constraints.append(LinearConstraint(bundle, 0, 1))
        # maximise the flow out of the source (less what comes back), never into it from the sink
        objective = -(inc[src].toarray().ravel() * -1.0)
        upper = np.minimum(np.array(caps), len(cables) or 1)
        upper[heads == src] = 0
        upper[tails == dst] = 0
        res = milp(objective, constraints=constraints, integrality=np.ones(m), bounds=Bounds(0, upper))
        return int(round(-res.fun)) if res.success else 0

    def reach(self, lon: float, lat: float, country: str | None = None, n: int = 3, terrestrial=None,
              after: bool = True) -> Reach:
        """From a facility at ``lon``/``lat`` (degrees, EPSG:4326): its ``n`` nearest landing
        stations with a working cable (geodesic distance, WGS84), the cables landing there, the
        countries they reach, and the terrestrial links of ``country`` (the facility's, ISO
        alpha-3) from ``terrestrial`` (a links layer's frame with ``id``, ``name``, ``country``
        ``;``-separated, ``status``; see :func:`terrestrial_layer_of`)."""
        groups_of = self.after if after else self.before
        country_of = self.net.station_country
        working: dict[str, set] = {}
        for cid, groups in groups_of.items():
            for members in groups:
                for s in members:
                    working.setdefault(s, set()).add(cid)
        ids = sorted(working)
        if ids:
            xy = np.array([self.net.station_xy[s] for s in ids])
            d = _km(np.full(len(ids), lon), np.full(len(ids), lat), xy[:, 0], xy[:, 1])
            order = np.argsort(d, kind="stable")[:n]
        else:
            d, order = np.empty(0), np.empty(0, dtype=int)
        stations = [{"id": ids[i], "name": self.net.station_name.get(ids[i], ids[i]), "country": country_of[ids[i]],
                     "km": float(d[i])} for i in order]
        cables = sorted({c for s in stations for c in working[s["id"]]})
        reached = set()
        for c in cables:
            for members in groups_of[c]:
                if any(s["id"] in members for s in stations):
                    reached.update(country_of[m] for m in members)
        links = []
        if terrestrial is not None and country:
            for r in terrestrial.itertuples(index=False):
                codes = _ids(getattr(r, "country", ""))
                if country in codes and str(getattr(r, "status", "in service")) == "in service":
                    links.append({"id": str(r.id), "name": str(getattr(r, "name", r.id)), "countries": codes})
        return Reach(stations, cables, sorted(reached - {country}), links)

    def summary(self) -> str:
        """``"N cables cut; M stations left without a working cable"`` (the CLI's line), with
        ``"; K landing stations cut"`` after it when stations were cut by id."""
        n, m = len(self.cut_cables), len(self.isolated_stations)
        out = f"{n} cable{'s' if n != 1 else ''} cut; {m} station{'s' if m != 1 else ''} left without a working cable"
        k = len(self.cut.stations)
        if k:
            out += f"; {k} landing station{'s' if k != 1 else ''} cut"
        return out


@lru_cache(maxsize=1)
def _cldr_countries() -> pd.DataFrame:
    return pd.read_csv(_SOURCES / "country_names_zh.csv", dtype=str, keep_default_na=False)


def country_names(language: str = "en") -> dict[str, str]:
    """``{ISO alpha-3: name}`` in ``language`` (``en``, ``zh_CN``, ``zh_TW``) from the CLDR table
    ``geodata/sources/country_names_zh.csv``."""
    t = _cldr_countries()
    col = {"zh_CN": "name_zh", "zh_TW": "name_zh_hant"}.get(language, "name_en")
    return {a3: name for a3, name in zip(t["iso_a3"], t[col]) if a3}


@lru_cache(maxsize=1)
def area_presets() -> pd.DataFrame:
    """The named cut areas (``geodata/sources/straits.csv``): ``id``, ``name``, ``name_zh``,
    ``name_zh_hant``, ``geometry`` (shapely polygons, EPSG:4326), ``source``, ``confidence``,
    ``notes``. Approximate polygons (see their ``source``)."""
    t = pd.read_csv(_SOURCES / "straits.csv", dtype=str, keep_default_na=False)
    t["geometry"] = shapely.from_wkt(t.pop("wkt").to_numpy())
    return t


def area_from(spec: str):
    """A cut area from a preset id (``luzon-strait``) or a polygon file (any vector format the
    Atlas reads; its polygons are united).

    Returns
    -------
    (geometry, name)
        The polygon (EPSG:4326) and the area's name (a preset's English name, or the file name).

    Raises
    ------
    AnalysisError
        Neither a preset nor a file with a polygon.
    LayerLoadError
        The file cannot be read.
    """
    presets = area_presets()
    hit = presets[presets["id"] == spec]
    if len(hit):
        return hit["geometry"].iloc[0], hit["name"].iloc[0]
    path = Path(spec)
    if not path.exists():
        raise AnalysisError.of("{spec} is neither a named area ({names}) nor a file", spec=spec,
                               names=", ".join(presets["id"]))
    from .io import read_layer

    layer = read_layer(path)
    geoms = [g for g in layer.frame.geometry.values if g is not None and g.geom_type in ("Polygon", "MultiPolygon")]
    if not geoms:
        raise AnalysisError.of("{spec}: no polygon to cut with", spec=str(path))
    return shapely.union_all(geoms), path.name


#: Classes of the share of international cables a country loses, for the map: (label, upper
#: bound of the share, fill colour; ColorBrewer YlOrRd).
LOSS_CLASSES = (
    ("none lost", 0.0, "#ffffcc"),
    ("up to 25 %", 0.25, "#fed976"),
    ("25–50 %", 0.50, "#fd8d3c"),
    ("50–75 %", 0.75, "#e31a1c"),
    ("75–100 %", 1.0, "#800026"),
)
#: Colour of what a cut takes out on the map (magenta: apart from every status colour of the
#: cable layer, red "delayed" included), and of the cut area's outline.
CUT_COLOUR = "#c51b7d"
AREA_COLOUR = "#d7191c"


def loss_class(share: float) -> str:
    """The :data:`LOSS_CLASSES` label of a share lost (0–1); "" for NaN (no international cable)."""
    if share != share:  # NaN
        return ""
    for label, upper, _ in LOSS_CLASSES:
        if share <= upper + 1e-12:
            return label
    return LOSS_CLASSES[-1][0]


def scenario_layers(scenario: Scenario, cables=None, language: str = "en") -> list:
    """Map layers of a what-if scenario (EPSG:4326), bottom to top: the countries that lose
    international cables, shaded by the share lost (Natural Earth countries of the basemap, by ISO
    numeric code), the cut area's outline, the cables cut (their whole routes, from ``cables``, the cable
    GeoDataFrame the network was built from), the cut area's outline over them, the stations cut
    and those left without a working cable. Each shaded country is labelled with its name (in
    ``language``) and its international cables before → after ("Singapore 28 → 0"): a small
    country's shade alone would be missed.

    Returns
    -------
    list of Layer
        Empty parts are left out (no area, no station cut...).
    """
    import geopandas as gpd

    from asean_atlas.geodata.basemap import load_basemap

    from .layer import Layer
    from .style import Style

    net = scenario.net
    table = scenario.country_table()
    codes = _cldr_countries().set_index("iso_a3")["iso_n3"].to_dict()
    countries = load_basemap("countries")
    by_n3 = {codes.get(c, ""): r for c, r in zip(table["country"], table.itertuples(index=False)) if codes.get(c)}
    keep = countries["iso_n3"].isin(list(by_n3))
    shade = countries[keep].copy()
    rows = [by_n3[n] for n in shade["iso_n3"]]
    shade["country"] = [r.country for r in rows]
    shade["cables_before"] = [r.international_cables for r in rows]
    shade["cables_after"] = [r.international_cables_after for r in rows]
    shade["share_lost"] = [round(float(r.share_lost) * 100, 1) if r.share_lost == r.share_lost else None for r in rows]
    shade["loss"] = [loss_class(r.share_lost) for r in rows]
    shade = shade[(shade["loss"] != "") & (shade["loss"] != LOSS_CLASSES[0][0])]  # the countries that lose cables
    local = country_names(language)
    shade["label"] = [f"{local.get(c, n)} {b} → {a}" for c, n, b, a in
                      zip(shade["country"], shade["name"], shade["cables_before"], shade["cables_after"])]
    shade = shade[["name", "country", "cables_before", "cables_after", "share_lost", "loss", "label", "geometry"]]
    out = [Layer(gpd.GeoDataFrame(shade, geometry="geometry", crs=4326), "Share of international cables lost",
                 source="analysis:loss",
                 style=Style(color="#7f7f7f", stroke_width=0.6, fill_color="#ffffcc", fill_opacity=0.75,
                             categorized_field="loss", categories={label: colour for label, _, colour in LOSS_CLASSES[1:]},
                             categories_in_legend=True, label_field="label", label_size=12.0, label_priority=5))]
    cut = scenario.cut
    if scenario.cut_cables and cables is not None:
        cut_rows = cables[cables["id"].astype(str).isin(scenario.cut_cables)]
        cols = [c for c in ("id", "name", "status", "rfs_year", "owners") if c in cut_rows.columns]
        out.append(Layer(gpd.GeoDataFrame(cut_rows[cols + [cut_rows.geometry.name]], geometry=cut_rows.geometry.name, crs=4326),
                         "Cables cut", source="analysis:cut_cables", style=Style(color=CUT_COLOUR, stroke_width=1.8, opacity=0.8)))
    if cut.area is not None:  # over the cables: where the cut is must show
        out.append(Layer(gpd.GeoDataFrame({"name": [cut.area_name or "cut area"]}, geometry=[cut.area], crs=4326),
                         "Cut area", source="analysis:area",
                         style=Style(color=AREA_COLOUR, stroke_width=3.0, fill_color=AREA_COLOUR, fill_opacity=0.25)))
    for ids, title, source, shape in ((list(cut.stations), "Landing stations cut", "analysis:cut_stations", "square"),
                                      (scenario.isolated_stations, "Stations left without a working cable",
                                       "analysis:isolated", "circle")):
        if not ids:
            continue
        xy = np.array([net.station_xy[s] for s in ids])
        frame = gpd.GeoDataFrame({"id": ids, "name": [net.station_name.get(s, s) for s in ids],
                                  "country": [net.station_country[s] for s in ids]},
                                 geometry=shapely.points(xy[:, 0], xy[:, 1]), crs=4326)
        out.append(Layer(frame, title, source=source,
                         style=Style(color="#000000", fill_color=CUT_COLOUR, marker_size=11.0, marker_shape=shape)))
    return out


#: Limits of a saved scenario (a project file is untrusted input).
MAX_CUT_IDS = 5000
MAX_AREA_POINTS = 10000
MAX_PAIRS = 50


def analysis_state(data) -> dict | None:
    """A what-if scenario as saved in a project (``"analysis"``), checked: ``{"cables": [ids],
    "stations": [ids], "area": None | {"preset": id} | {"polygon": [[lon, lat], ...], "name": str}
    | {"file": path, "name": str},
    "pairs": [[A, B], ...], "since": year or None}``. Unknown keys are dropped; None for None.

    Raises
    ------
    AnalysisError
        A value of the wrong type or beyond its limits (the window says so and opens the rest).
    """
    if data is None:
        return None
    if not isinstance(data, dict):
        raise AnalysisError.of("the scenario is not an object")

    def ids(key):
        v = data.get(key, [])
        if not isinstance(v, list) or len(v) > MAX_CUT_IDS or not all(isinstance(x, str) and 0 < len(x) <= 300 for x in v):
            raise AnalysisError.of("{key}: expected a list of ids", key=key)
        return list(dict.fromkeys(v))

    out = {"cables": ids("cables"), "stations": ids("stations"), "area": None, "pairs": [], "since": None}
    area = data.get("area")

    def number(v, limit):
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            return None
        try:
            f = float(v)
        except OverflowError:  # an integer of 400 digits
            return None
        return f if math.isfinite(f) and -limit <= f <= limit else None

    if isinstance(area, dict) and "preset" in area:
        preset = area["preset"]
        if not isinstance(preset, str) or preset not in set(area_presets()["id"]):
            raise AnalysisError.of("unknown area {name}", name=repr(str(preset)[:80]))
        out["area"] = {"preset": preset}
    elif isinstance(area, dict) and "polygon" in area:
        pts = area["polygon"]
        ok = isinstance(pts, list) and 3 <= len(pts) <= MAX_AREA_POINTS and all(
            isinstance(p, list) and len(p) == 2 and number(p[0], 540) is not None and number(p[1], 90) is not None
            for p in pts)
        if not ok:
            raise AnalysisError.of("the cut area is not a list of 3 to {n} [lon, lat] points", n=MAX_AREA_POINTS)
        name = area.get("name") if isinstance(area.get("name"), str) else ""
        out["area"] = {"polygon": [[number(x, 540), number(y, 90)] for x, y in pts], "name": name[:200]}
    elif isinstance(area, dict) and "file" in area:
        path = area["file"]
        if not isinstance(path, str) or not 0 < len(path) <= 4096 or "\x00" in path:
            raise AnalysisError.of("the cut area's file is not a path")
        name = area.get("name") if isinstance(area.get("name"), str) else Path(path).name
        out["area"] = {"file": path, "name": name[:200]}
    elif area is not None:
        raise AnalysisError.of("the cut area is neither a preset, a polygon nor a file")
    pairs = data.get("pairs", [])
    if not isinstance(pairs, list) or len(pairs) > MAX_PAIRS or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(c, str) and len(c) == 3 and c.isalpha() for c in p)
            for p in pairs):
        raise AnalysisError.of("pairs: expected up to {n} pairs of ISO alpha-3 codes", n=MAX_PAIRS)
    out["pairs"] = [[a.upper(), b.upper()] for a, b in pairs]
    since = data.get("since")
    if since is not None:
        if not isinstance(since, int) or isinstance(since, bool) or not 1850 <= since <= 2200:
            raise AnalysisError.of("since: expected a year")
        out["since"] = since
    return out


def cut_of(state: dict | None) -> Cut:
    """The :class:`Cut` of a checked scenario (:func:`analysis_state`)."""
    if not state:
        return Cut()
    area, name = None, ""
    a = state.get("area")
    if a and "preset" in a:
        presets = area_presets().set_index("id")
        area, name = presets.at[a["preset"], "geometry"], presets.at[a["preset"], "name"]
    elif a and "polygon" in a:
        poly = shapely.make_valid(shapely.Polygon(a["polygon"]))
        polys = [g for g in getattr(poly, "geoms", [poly]) if g.geom_type in ("Polygon", "MultiPolygon")]
        area, name = (shapely.union_all(polys) if polys else None), a.get("name") or "polygon"
    elif a and "file" in a:
        area, name = _area_file(a["file"])
        name = a.get("name") or name
    return Cut(tuple(state.get("cables", ())), tuple(state.get("stations", ())), area, name)


def _area_file(path: str):
    """:func:`area_from` of a polygon file, kept while the file is unchanged (a scenario with a
    file area is recomputed at every step of the time slider)."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        raise AnalysisError.of("{spec} is neither a named area ({names}) nor a file", spec=str(path),
                               names=", ".join(area_presets()["id"])) from None
    return _area_file_cached(str(p), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=8)
def _area_file_cached(path: str, size: int, mtime: int):
    return area_from(path)


#: Colour of a facility's reach on the map.
REACH_COLOUR = "#e66101"


def reach_layers(net: CableNetwork, reach: Reach, lon: float, lat: float, name: str, cables=None) -> list:
    """Map layers of a facility's reach (EPSG:4326), bottom to top: the cables landing at its
    nearest stations (their whole routes, from ``cables``), and a line from the facility to each
    of those stations (straight in degrees; ``km`` is the geodesic distance)."""
    import geopandas as gpd

    from .layer import Layer
    from .style import Style

    out = []
    if reach.cables and cables is not None:
        rows = cables[cables["id"].astype(str).isin(reach.cables)]
        cols = [c for c in ("id", "name", "status", "rfs_year", "owners") if c in rows.columns]
        out.append(Layer(gpd.GeoDataFrame(rows[cols + [rows.geometry.name]], geometry=rows.geometry.name, crs=4326),
                         "Cables reached", source="analysis:reach_cables",
                         style=Style(color=REACH_COLOUR, stroke_width=2.0, opacity=0.85)))
    if reach.stations:
        lines = [shapely.LineString([(lon, lat), net.station_xy[s["id"]]]) for s in reach.stations]
        frame = gpd.GeoDataFrame({"facility": [name] * len(lines), "station": [s["name"] for s in reach.stations],
                                  "country": [s["country"] for s in reach.stations],
                                  "km": [round(s["km"], 1) for s in reach.stations]}, geometry=lines, crs=4326)
        out.append(Layer(frame, "Reach", source="analysis:reach",
                         style=Style(color=REACH_COLOUR, stroke_width=2.5, dashed=True, label_field="km")))
    return out
