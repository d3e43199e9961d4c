"""Cable routes (issue 10, items 1 and 7): every cable of the TeleGeography Nov 2022 open release
takes its whole route from the release; each route meets its landing stations; the licence and
attribution travel with it; TeleGeography's colours are an optional style."""

import csv
import json
from pathlib import Path

import numpy as np
import pyproj
import pytest
import shapely
from shapely.ops import nearest_points

from asean_atlas.geodata.builtin import load_builtin_layer

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
RELEASE = REPO.parent / "shared" / "realdata" / "telegeography" / "cable-geo.json"
#: A route must pass within this distance of each of its cable's landing stations (km).
STATION_KM = 5.0
GEOD = pyproj.Geod(ellps="WGS84")


def _km(a, b) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000


@pytest.fixture(scope="module")
def cables():
    return load_builtin_layer("cables")


@pytest.fixture(scope="module")
def stations():
    return load_builtin_layer("landing_stations").set_index("id")


def test_every_release_cable_has_its_release_route(cables):  # noqa: D103 (item 1)
    if not RELEASE.exists():
        pytest.skip(f"real data not available: {RELEASE}")
    release = json.loads(RELEASE.read_text(encoding="utf-8"))
    ref: dict[str, list] = {}
    for f in release["features"]:
        ref.setdefault(f["properties"]["id"], []).extend(f["geometry"]["coordinates"])
    in_release = cables["id"].isin(ref.keys())
    assert (cables.loc[in_release, "route_source"] == "telegeography-2022").all()
    assert (cables.loc[~in_release, "route_source"] == "schematic").all()
    assert in_release.sum() == 97
    for r in cables[in_release].itertuples():
        got = [np.asarray(p.coords) for p in shapely.get_parts(r.geometry)]
        want = [np.asarray(p) for p in ref[r.id]]
        assert len(got) == len(want), r.id  # whole: every part, to the far landings
        for g, w in zip(got, want):
            assert g.shape == w.shape and np.abs(g - w).max() < 1e-6, r.id  # within the 6-decimal rounding


def test_routes_go_beyond_the_region_and_split_at_the_antimeridian(cables):
    bounds = shapely.bounds(cables.geometry.values)
    assert bounds[:, 0].min() < 0 and bounds[:, 2].max() > 179.9  # e.g. to Europe and across the Pacific
    trans_pacific = cables[cables["id"] == "asia-america-gateway-aag-cable-system"].geometry.iloc[0]
    xs = np.concatenate([np.asarray(p.coords)[:, 0] for p in shapely.get_parts(trans_pacific)])
    assert xs.max() > 179.99 and xs.min() < -150  # reaches the US, split at ±180 (no long jump)
    for part in shapely.get_parts(trans_pacific):
        assert np.abs(np.diff(np.asarray(part.coords)[:, 0])).max() < 180


def _violations(cables, stations) -> set[tuple[str, str, str]]:
    out = {}
    for r in cables.itertuples():
        own = r.landing_station_ids.split(";")
        for sid in own:
            a, b = nearest_points(r.geometry, stations.at[sid, "geometry"])
            d = _km((a.x, a.y), (b.x, b.y))
            if d > STATION_KM:
                out[(r.id, "station", sid)] = d
        parts = list(shapely.get_parts(r.geometry))
        pts = [stations.at[s, "geometry"] for s in own]
        for i, p in enumerate(parts):
            for end in (p.coords[0], p.coords[-1]):
                if abs(abs(end[0]) - 180) < 0.01:  # split at the antimeridian, continues opposite
                    continue
                pt = shapely.Point(end)
                if any(q.distance(pt) < 0.01 for j, q in enumerate(parts) if j != i):  # a junction
                    continue
                d = min(_km(end, (s.x, s.y)) for s in pts)
                if d > STATION_KM:
                    out[(r.id, "end", f"{end[0]:.4f} {end[1]:.4f}")] = d
    return out


def test_routes_meet_their_stations_and_end_at_stations(cables, stations):
    """Every route passes within 5 km of each of its landing stations and every free end of a
    route is within 5 km of one of them -- but for the inconsistencies of the release itself,
    listed with the measured distance and why (an exception no longer needed fails too)."""
    with (HERE / "route_release_exceptions.csv").open(encoding="utf-8") as f:
        listed = {(r["id"], r["kind"], r["where"]): (float(r["km"]), r["reason"]) for r in csv.DictReader(f)}
    found = _violations(cables, stations)
    assert set(found) - set(listed) == set(), "routes away from their stations (not listed)"
    assert set(listed) - set(found) == set(), "exceptions no longer needed"
    for key, d in found.items():
        assert abs(d - listed[key][0]) < 0.5, key
        route_source = cables.set_index("id").at[key[0], "route_source"]
        assert route_source == "telegeography-2022" and "release" in listed[key][1], key


def test_release_routes_carry_licence_and_colour(cables):
    rel = cables[cables["route_source"] == "telegeography-2022"]
    assert rel["tg_color"].str.fullmatch(r"#[0-9a-fA-F]{6}").all()
    assert rel["notes"].str.contains("route: TeleGeography open release").all()
    manifest = json.loads((REPO / "geodata" / "atlas_manifest.json").read_text(encoding="utf-8"))
    cab = next(lay for lay in manifest["layers"] if lay["layer"] == "cables")
    assert "routes" in cab["attribution"] and "CC BY-NC-SA 3.0" in cab["licence"]
    assert manifest["cable_routes"]["release"]["cables"] == len(rel)
    assert "0d684b2" in manifest["cable_routes"]["release"]["commit"]
    table = json.loads((REPO / "geodata" / "sources" / "cable_routes.geojson").read_text(encoding="utf-8"))
    assert table["licence"] == "CC BY-NC-SA 3.0 Unported" and "TeleGeography" in table["attribution"]


def test_exports_name_the_routes_licence():
    from asean_atlas.layers.builtin import builtin_layers

    cab = next(lyr for lyr in builtin_layers() if lyr.source == "builtin:cables")
    assert "routes" in cab.attribution and "TeleGeography" in cab.attribution and "CC BY-NC-SA 3.0" in cab.attribution


def test_telegeography_colours_style(cables):
    from asean_atlas.layers.builtin import builtin_layers, cable_style

    cab = next(lyr for lyr in builtin_layers() if lyr.source == "builtin:cables")
    style = cable_style(cab, "telegeography")
    keys = style.class_keys(cab.frame)
    colours = [style.color_for(k) for k in keys]
    # each cable in its release colour; cables the release lacks in the Atlas's default colour
    assert colours == [c if c else style.color for c in cab.frame["tg_color"]]
    assert (cab.frame["tg_color"] == "").sum() == (cab.frame["route_source"] == "schematic").sum()
    assert style.legend_entries() == [("", style.color, False)]  # one legend row, not 95
    assert cable_style(cab, "atlas").categorized_field == "status"
    with pytest.raises(ValueError):
        cable_style(cab, "rainbow")
