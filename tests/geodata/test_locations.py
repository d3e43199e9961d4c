"""Location checks of the built-in layers against Natural Earth 1:10m land (``land10m.gpkg``).

- facilities (hubs, factories, data centres, 5G points) lie on land or within 5 km of it;
- landing stations lie within 3 km of the coastline, except the stations listed in
  ``landing_exceptions.csv`` (each with its reason and the largest distance accepted);
- each cable's schematic route (cables the TeleGeography release lacks) touches land only within
  10 km of its own landing stations,
  except the stretches listed in ``cable_land_exceptions.csv`` (inland landing points: the
  straight connector from the sea to the station crosses land; each with a reason and a limit).

An exception that is no longer needed (the point or route now passes) fails too, so the lists
stay exact. Distances: local equirectangular (longitudes scaled by cos(latitude)), 1 degree of
latitude = 111.32 km; good to well under 1% at these distances.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest
import shapely
import shapely.affinity
from shapely.geometry import Point

from asean_atlas.geodata.build_coast import load_land10m
from asean_atlas.geodata.builtin import load_builtin_layer

HERE = Path(__file__).resolve().parent
KM_PER_DEG = 111.32
FACILITY_KM = 5.0
COAST_KM = 3.0
CABLE_END_KM = 10.0


def _read_exceptions(name: str) -> dict[str, tuple[float, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return {r["id"]: (float(r["limit_km"]), r["reason"]) for r in csv.DictReader(f)}


LANDING_EXCEPTIONS = _read_exceptions("landing_exceptions.csv")
CABLE_EXCEPTIONS = _read_exceptions("cable_land_exceptions.csv")


@pytest.fixture(scope="module")
def land():
    g = load_land10m("land")
    parts = shapely.get_parts(g)
    tree = shapely.STRtree(parts)
    return g, parts, tree


@pytest.fixture(scope="module")
def coverage():
    return load_land10m("coverage")


def _local(geom, p: Point):
    """Geometry in a local frame round ``p``: x scaled by cos(lat), units km."""
    c = math.cos(math.radians(p.y))
    g = shapely.affinity.translate(geom, -p.x, -p.y)
    return shapely.affinity.scale(g, c * KM_PER_DEG, KM_PER_DEG, origin=(0, 0))


def _km(p: Point, land, boundary: bool, search_deg: float = 2.0) -> float:
    """Distance (km) from ``p`` to the land (0 inside) or to the coastline (``boundary``)."""
    _, parts, tree = land
    near = parts[tree.query(p.buffer(search_deg))]
    if len(near) == 0:
        return math.inf
    g = shapely.union_all(near)
    if boundary:
        g = g.boundary
    return float(_local(g, p).distance(Point(0, 0)))


def test_land10m_present_and_small():
    from asean_atlas.geodata.build_coast import land10m_path

    assert land10m_path().stat().st_size < 3_000_000
    assert load_land10m("land").is_valid


def test_all_points_inside_land10m_coverage(coverage):
    for layer in ("landing_stations", "compute_hubs", "factories", "data_centres", "fiveg"):
        gdf = load_builtin_layer(layer)
        outside = [i for i, g in zip(gdf["id"], gdf.geometry) if not coverage.contains(g)]
        assert not outside, (layer, outside)


@pytest.mark.parametrize("layer_id", ["compute_hubs", "factories", "data_centres", "fiveg"])
def test_facilities_on_land(layer_id, land):
    gdf = load_builtin_layer(layer_id)
    far = {}
    for i, p in zip(gdf["id"], gdf.geometry):
        d = _km(p, land, boundary=False)
        if d > FACILITY_KM:
            far[i] = round(d, 1)
    assert not far, far


def test_landing_stations_near_coast(land):
    st = load_builtin_layer("landing_stations")
    bad, stale = {}, []
    for i, p in zip(st["id"], st.geometry):
        d = _km(p, land, boundary=True)
        limit = LANDING_EXCEPTIONS.get(i, (COAST_KM, ""))[0]
        if d > limit:
            bad[i] = round(d, 2)
        elif i in LANDING_EXCEPTIONS and d <= COAST_KM:
            stale.append(i)
    assert not bad, f"landing stations further from the 1:10m coast than allowed (km): {bad}"
    assert not stale, f"exceptions no longer needed: {stale}"
    assert set(LANDING_EXCEPTIONS) <= set(st["id"])


def test_exception_reasons_given():
    for table in (LANDING_EXCEPTIONS, CABLE_EXCEPTIONS):
        for i, (limit, reason) in table.items():
            assert limit > 0 and len(reason) > 10, i


def _station_zone(points: list[Point], km: float):
    """Union of circles of ``km`` round the points (ellipses in degrees)."""
    zones = []
    for p in points:
        r = km / KM_PER_DEG
        c = p.buffer(r, quad_segs=16)
        zones.append(shapely.affinity.scale(c, 1 / math.cos(math.radians(p.y)), 1, origin=p))
    return shapely.union_all(zones)


def _land_length_km(line, land) -> float:
    g, parts, tree = land
    idx = tree.query(line, predicate="intersects")
    if len(idx) == 0:
        return 0.0
    inter = shapely.intersection(line, shapely.union_all(parts[idx]))
    total = 0.0
    for seg in shapely.get_parts(inter):
        if seg.length == 0:
            continue
        xy = np.asarray(seg.coords) if seg.geom_type == "LineString" else None
        if xy is None:
            for s in shapely.get_parts(seg):
                total += _line_km(np.asarray(s.coords))
        else:
            total += _line_km(xy)
    return total


def _line_km(xy: np.ndarray) -> float:
    if len(xy) < 2:
        return 0.0
    lat = np.radians((xy[1:, 1] + xy[:-1, 1]) / 2)
    dx = np.diff(xy[:, 0]) * np.cos(lat)
    dy = np.diff(xy[:, 1])
    return float(np.hypot(dx, dy).sum() * KM_PER_DEG)


def test_cable_routes_touch_land_only_near_own_stations(land):
    """Schematic routes only: the TeleGeography release's own lines cross land where it draws
    them (tests/geodata/test_routes.py checks those against the release)."""
    cables = load_builtin_layer("cables")
    cables = cables[cables["route_source"] == "schematic"]
    assert not set(CABLE_EXCEPTIONS) - set(cables["id"]), "exceptions for cables with release routes"
    st = load_builtin_layer("landing_stations").set_index("id")
    bad, stale = {}, []
    for r in cables.itertuples():
        pts = [st.at[i, "geometry"] for i in r.landing_station_ids.split(";")]
        away = r.geometry.difference(_station_zone(pts, CABLE_END_KM))
        km = _land_length_km(away, land) if not away.is_empty else 0.0
        limit = CABLE_EXCEPTIONS.get(r.id, (0.05, ""))[0]
        if km > limit:
            bad[r.id] = round(km, 2)
        elif r.id in CABLE_EXCEPTIONS and km <= 0.05:
            stale.append(r.id)
    assert not bad, f"cable routes on land away from their stations (km): {bad}"
    assert not stale, f"exceptions no longer needed: {stale}"
