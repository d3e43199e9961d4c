"""Regenerate ``landing_exceptions.csv`` and ``cable_land_exceptions.csv`` after a rebuild.

Run with ``python tests/geodata/make_exceptions.py`` and review the diff: every row states the
measured distance and why it is accepted. Reasons for particular landing points are in
:data:`REASONS`; any other point gets the generic town-level reason. Cable rows name, for each
piece of land crossed more than 10 km from the cable's own stations, the inland station it
leads to, or the place where the sea path itself crosses land (investigate those).
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

import numpy as np
import shapely

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import test_locations as T  # noqa: E402

from asean_atlas.geodata.build_coast import load_land10m  # noqa: E402
from asean_atlas.geodata.builtin import load_builtin_layer  # noqa: E402

REASONS = {
    "palembang-indonesia": "river port on the Musi, about 80 km upstream of the Bangka Strait",
    "jambi-indonesia": "river port on the Batang Hari, far upstream of its mouth",
    "pekanbaru-indonesia": "river port on the Siak, about 100 km from the Malacca Strait",
    "rantu-prapat-indonesia": "Rantau Prapat lies inland on the Bilah river, Sumatra",
    "timika-indonesia": "Timika lies inland on the Papua lowlands (its port Amamapare is on the "
    "coast)",
    "kota-mappi-indonesia": "Kota Mappi (Kepi) is a river town in southern Papua",
    "banjarmasin-indonesia": "river port on the Barito/Martapura, south Kalimantan",
    "kuching-malaysia": "Kuching lies on the Sarawak river, upstream of its mouth",
    "pontianak-indonesia": "Pontianak lies on the Kapuas delta",
    "pyapon-myanmar": "Pyapon lies in the Irrawaddy delta, on a distributary",
    "shanghai-china": "city point (Shanghai); the landings are on the Yangtze estuary/coast",
    "los-angeles-ca-united-states": "city point (Los Angeles); the landings are on the coast",
    "san-luis-obispo-ca-united-states": "city point (San Luis Obispo); the landing is on the "
    "coast",
    "brisbane-qld-australia": "city point (Brisbane, on the Brisbane river); the landing is on "
    "the coast",
    "perth-wa-australia": "city point (Perth); the landing is on the coast",
    "christchurch-new-zealand": "city point (Christchurch); the landing is on the coast",
    "sydney-nsw-australia": "city point (Sydney); the landings are on the beaches",
    "melbourne-vic-australia": "city point (Melbourne); the landing is on the coast",
    "sakra-island-singapore": "Sakra is part of Jurong Island, reclaimed land missing from "
    "Natural Earth 1:10m",
    "jakarta-indonesia": "city point (Jakarta); the landings are on the Java Sea shore",
    "medan-indonesia": "city point (Medan, on the Deli river); the landing is on the Malacca "
    "Strait shore",
    "sedili-malaysia": "proxy point (Kota Tinggi, GeoNames): Sedili, the announced SALAM/MYUS landing, "
    "is a coastal village without a gazetteer point",
    "sibu-malaysia": "river port on the Rajang, about 60 km upstream of its mouth (GeoNames town point)",
    "florence-or-united-states": "TeleGeography's town point for Florence, Oregon (outside the region's 1:10m patch "
    "coverage measure)",
    "machilipatnam-india": "GeoNames town point of Machilipatnam (I-2SEA landing), inland of the coast",
}
GENERIC = "TeleGeography's point is town-level, not the landing site"


def _dist_km(p, q) -> float:
    c = math.cos(math.radians((p.y + q.y) / 2))
    return math.hypot((p.x - q.x) * c, p.y - q.y) * T.KM_PER_DEG


def main() -> int:
    g = load_land10m("land")
    parts = shapely.get_parts(g)
    land = (g, parts, shapely.STRtree(parts))
    st = load_builtin_layer("landing_stations").set_index("id")
    coast = {i: T._km(p, land, boundary=True) for i, p in zip(st.index, st.geometry)}
    rows = []
    for i, d in coast.items():
        if d > T.COAST_KM:
            where = "inland" if g.contains(st.at[i, "geometry"]) else "offshore"
            why = REASONS.get(i, GENERIC)
            rows.append((i, f"{math.ceil(d + 0.25):.0f}",
                         f"{d:.1f} km {where} of the 1:10m coast: {why}"))
    with open(HERE / "landing_exceptions.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "limit_km", "reason"])
        w.writerows(rows)
    print(f"landing_exceptions.csv: {len(rows)} of {len(st)}")

    rows = []
    cables = load_builtin_layer("cables")
    # schematic routes only: the release's own lines are checked against the release (test_routes.py)
    for r in cables[cables["route_source"] == "schematic"].itertuples():
        ids = r.landing_station_ids.split(";")
        pts = [st.at[i, "geometry"] for i in ids]
        away = r.geometry.difference(T._station_zone(pts, T.CABLE_END_KM))
        km = T._land_length_km(away, land) if not away.is_empty else 0.0
        if km <= 0.05:
            continue
        idx = land[2].query(away, predicate="intersects")
        inter = shapely.intersection(away, shapely.union_all(parts[idx]))
        why: dict[str, float] = {}
        for piece in shapely.get_parts(inter):
            if piece.geom_type != "LineString":
                continue
            length = T._line_km(np.asarray(piece.coords))
            if length < 0.01:
                continue
            mid = piece.interpolate(0.5, normalized=True)
            best = min(ids, key=lambda i: _dist_km(mid, st.at[i, "geometry"]) - coast[i])
            d, ck = _dist_km(mid, st.at[best, "geometry"]), coast[best]
            if ck > T.COAST_KM and d <= ck + 15:
                key = f"approach to {best} ({ck:.0f} km from the coast)"
            elif abs(mid.x - 150.0) < 0.03:
                key = ("sea path along the routing box's east edge (150 E) across the tip of "
                       f"Cape Vogel, PNG, which reaches beyond the box (at {mid.x:.2f},"
                       f"{mid.y:.2f})")
            else:
                key = (f"INVESTIGATE: sea path over land at {mid.x:.2f},{mid.y:.2f} (nearest "
                       f"own station {best}, {d:.0f} km)")
            why[key] = why.get(key, 0.0) + length
        reason = "; ".join(f"{k}: {v:.1f} km" for k, v in sorted(why.items(), key=lambda x: -x[1]))
        rows.append((r.id, f"{math.ceil(km + 0.5):.0f}",
                     f"{km:.1f} km on land beyond 10 km of its stations: {reason}"))
    with open(HERE / "cable_land_exceptions.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "limit_km", "reason"])
        w.writerows(rows)
    print(f"cable_land_exceptions.csv: {len(rows)} cables")
    return 0


if __name__ == "__main__":
    sys.exit(main())
