"""Experiment (issue 10 item 2, session 31): route the release cables along the release's own lanes
as a graph, to see what a router that keeps *exactly* to known cable routes scores in the
validation. Not used by the build; the Atlas's router is ``geodata/corridors.py``.

The graph: every route of TeleGeography's Nov 2022 release (CC BY-NC-SA 3.0) cut into vertices
0.1 degrees apart (edges along each route, great-circle km); "switch" edges between vertices of
different cables closer than ``join_km`` (cost ``km * join_factor + join_cost``); from each part's
ends, edges to the nearest vertices of other cables up to ``end_km`` away (cost ``km * far_factor +
join_cost``: gaps between lanes); each landing station joined to every vertex within ``conn_km``
(``km * conn_factor``), to its ``far_k`` nearest beyond that up to ``far_km``, and to the other
stations (straight, the last resort). A cable is the shortest-path Steiner heuristic
(Takahashi-Matsuyama) over its stations, from the station farthest from their centre; Dijkstra by
``scipy.sparse.csgraph``; nearest vertices by ``scipy.spatial.cKDTree`` on unit vectors (no
antimeridian case). No land check: a figure, not a route to draw.

Run from the repository (``../shared`` beside it)::

    python docs/experiments/lane_graph_router.py loo            # leave-one-out (~2 min)
    python docs/experiments/lane_graph_router.py in join_cost=1000 join_factor=3

Measured 2026-12-03 on all 97 release cables of the Atlas (median / p90 of the per-cable mean
distance, km; the same measure as ``python -m asean_atlas.geodata.routing --validate``):
leave-one-out, defaults 55.5 / 189; join_cost 100, join_factor 3: 49.6 / 195 (the raster router:
53.9 / 166). In-sample: defaults 11.3 / 121; join_cost 30, factor 2: 11.1 / 131; join_cost 100,
factor 3: 8.1 / 109; join_cost 1000, factor 3: 4.3 / 98.9 (64 % within 15 km, 81 % within 60).
See docs/DATA.md ("What is schematic or approximate").
"""
import math
import sys
import time

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

R = 6371.0088
P = dict(step_deg=0.1, join_km=30.0, join_factor=1.5, join_cost=5.0, conn_km=60.0, conn_factor=1.2,
         far_km=800.0, far_factor=3.0, far_k=8, end_km=600.0, end_k=6)

def xyz(lon, lat):
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])

def chord_km(d):  # chord length on unit sphere -> great-circle km
    return 2 * R * np.arcsin(np.clip(d / 2, 0, 1))

def km_to_chord(km):
    return 2 * math.sin(km / R / 2)

class LaneGraph:
    def __init__(self, routes, p=P):
        self.p = p
        lon, lat, cab, ends, ei, ej, ew = [], [], [], [], [], [], []
        self.ids = list(routes)
        n = 0
        for ci, cid in enumerate(self.ids):
            for part in shapely.get_parts(routes[cid]):
                c = np.asarray(shapely.segmentize(part, p["step_deg"]).coords)
                if len(c) < 2:
                    continue
                k = len(c)
                lon.append(c[:, 0]); lat.append(c[:, 1]); cab.append(np.full(k, ci))
                a = np.arange(n, n + k - 1)
                ei.append(a); ej.append(a + 1)
                ends += [n, n + k - 1]
                n += k
        self.lon = np.concatenate(lon); self.lat = np.concatenate(lat); self.cab = np.concatenate(cab)
        self.xyz = xyz(self.lon, self.lat)
        self.tree = cKDTree(self.xyz)
        ei = np.concatenate(ei); ej = np.concatenate(ej)
        ew = chord_km(np.linalg.norm(self.xyz[ei] - self.xyz[ej], axis=1))
        # joins between lanes
        pairs = self.tree.query_pairs(km_to_chord(p["join_km"]), output_type="ndarray")
        d = chord_km(np.linalg.norm(self.xyz[pairs[:, 0]] - self.xyz[pairs[:, 1]], axis=1))
        same = self.cab[pairs[:, 0]] == self.cab[pairs[:, 1]]
        jw = np.where(same, d, d * p["join_factor"] + p["join_cost"])
        # far connectors from lane ends (gaps between lanes)
        ends = np.array(ends)
        dd, jj = self.tree.query(self.xyz[ends], k=p["end_k"] * 20, distance_upper_bound=km_to_chord(p["end_km"]))
        fi, fj, fw = [], [], []
        for row, e in enumerate(ends):
            got = 0
            for dist, j in zip(dd[row], jj[row]):
                if not np.isfinite(dist) or j >= len(self.lon):
                    break
                if self.cab[j] == self.cab[e] or dist < km_to_chord(p["join_km"]):
                    continue
                fi.append(e); fj.append(j); fw.append(chord_km(dist) * p["far_factor"] + p["join_cost"])
                got += 1
                if got >= p["end_k"]:
                    break
        self.ei = np.concatenate([ei, pairs[:, 0], np.array(fi, int)])
        self.ej = np.concatenate([ej, pairs[:, 1], np.array(fj, int)])
        self.ew = np.concatenate([ew, jw, np.array(fw)])
        self.n = len(self.lon)

    def route(self, stations, exclude=None):
        p = self.p
        keep_node = np.ones(self.n, bool)
        if exclude is not None and exclude in self.ids:
            keep_node &= self.cab != self.ids.index(exclude)
        m = len(stations)
        slon = np.array([s[1] for s in stations]); slat = np.array([s[2] for s in stations])
        sx = xyz(slon, slat)
        ok = keep_node[self.ei] & keep_node[self.ej]
        ei, ej, ew = list(self.ei[ok]), list(self.ej[ok]), list(self.ew[ok])
        N = self.n
        for s in range(m):
            dd, jj = self.tree.query(sx[s], k=400, distance_upper_bound=km_to_chord(p["far_km"]))
            got_near = 0; got_far = 0
            for dist, j in zip(dd, jj):
                if not np.isfinite(dist) or j >= N or not keep_node[j]:
                    continue
                km = chord_km(dist)
                if km <= p["conn_km"]:
                    ei.append(N + s); ej.append(j); ew.append(km * p["conn_factor"]); got_near += 1
                elif got_far < p["far_k"]:
                    ei.append(N + s); ej.append(j); ew.append(km * p["far_factor"] + p["join_cost"]); got_far += 1
            # station to station straight (fallback)
            for t in range(s + 1, m):
                km = float(chord_km(np.linalg.norm(sx[s] - sx[t])))
                ei.append(N + s); ej.append(N + t); ew.append(km * p["far_factor"] * 1.5 + p["join_cost"])
        tot = N + m
        g = sp.csr_matrix((np.array(ew) + 1e-9, (np.array(ei), np.array(ej))), shape=(tot, tot))
        g = g.maximum(g.T)
        lon = np.concatenate([self.lon, slon]); lat = np.concatenate([self.lat, slat])
        # Steiner: shortest path heuristic, from the station farthest from the others' centre
        cen = sx.mean(axis=0)
        start = int(np.argmax(np.linalg.norm(sx - cen, axis=1)))
        tree = [N + start]
        left = set(range(m)) - {start}
        paths = []
        while left:
            dist, pred, src = dijkstra(g, indices=tree, min_only=True, return_predecessors=True)
            t = min(left, key=lambda s: dist[N + s])
            left.discard(t)
            node = N + t
            path = [node]
            while pred[node] >= 0:
                node = pred[node]; path.append(node)
            path = path[::-1]
            paths.append(path)
            tree = sorted(set(tree) | set(path))
        lines = []
        for path in paths:
            c = np.column_stack([lon[path], lat[path]])
            lines += split_antimeridian(c)
        return MultiLineString([l for l in lines if not l.is_empty])

def split_antimeridian(c):
    out, cur = [], [tuple(c[0])]
    for a, b in zip(c[:-1], c[1:]):
        if abs(b[0] - a[0]) > 180:
            # crossing: interpolate at ±180
            bx = b[0] + (360 if b[0] < a[0] else -360)
            edge = 180.0 if bx > a[0] else -180.0
            f = (edge - a[0]) / (bx - a[0])
            y = a[1] + f * (b[1] - a[1])
            cur.append((edge, y)); out.append(cur); cur = [(-edge, y)]
        cur.append(tuple(b))
    out.append(cur)
    return [LineString(x) for x in out if len(x) >= 2]

if __name__ == "__main__":
    from pathlib import Path
    from asean_atlas.geodata import corridors as C
    from asean_atlas.geodata.build import read_source
    mode = sys.argv[1]  # loo | in
    for kv in sys.argv[2:]:
        k, v = kv.split("="); P[k] = float(v)
    rel = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "telegeography" / "cable-geo.json"
    routes = C.read_release(rel)
    t = time.time(); G = LaneGraph(routes, P); print("graph", G.n, len(G.ew), round(time.time() - t, 1), "s", file=sys.stderr)
    cables = read_source("cables.csv"); st = read_source("landing_stations.csv").set_index("id")
    res = {}
    geoms = {}
    for r in cables.itertuples(index=False):
        if r.id not in routes:
            continue
        stations = [(i, float(st.at[i, "lon"]), float(st.at[i, "lat"])) for i in r.landing_station_ids.split(";")]
        g = G.route(stations, exclude=r.id if mode == "loo" else None)
        res[r.id] = {"mean_km": round(C.mean_distance_km(g, routes[r.id]), 1),
                     "long": [round(v) for v in C.long_open_sea_segments(g, routes[r.id])]}
        geoms[r.id] = g
    v = np.array([x["mean_km"] for x in res.values()])
    print(mode, P, "n", len(v), "median", round(float(np.median(v)), 1), "p90", round(float(np.percentile(v, 90)), 1),
          "<=15", round(float((v <= 15).mean()) * 100), "% <=60", round(float((v <= 60).mean()) * 100), "%",
          "long", {k: x["long"] for k, x in res.items() if x["long"]})
    worst = sorted(res.items(), key=lambda kv: -kv[1]["mean_km"])[:12]
    print("worst", [(k, x["mean_km"]) for k, x in worst])
