"""Tests of the built-in layers (no Qt).

The committed ``atlas.gpkg`` is compared with the source tables by rebuilding the
attributes in memory (fast; the slow cable routing is not re-run).
"""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import Point

from asean_atlas.geodata import build
from asean_atlas.geodata.builtin import (
    BUILTIN_LAYERS,
    BuiltinLayerInfo,
    atlas_path,
    builtin_layer_info,
    load_builtin_layer,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
LAYER_IDS = [info.id for info in BUILTIN_LAYERS]
HEX = re.compile(r"^#[0-9a-f]{6}$")
DATE = re.compile(r"^(\d{4})(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def attrs():
    if not build.ARTICLE.exists():  # the 繁體 names' provenance checks names against it
        pytest.skip(f"the project's article is not available: {build.ARTICLE}")
    return build.build_attributes()


def test_layer_list():
    assert LAYER_IDS[:4] == ["countries", "cables", "terrestrial_links", "landing_stations"]
    assert set(LAYER_IDS) == {
        "countries", "cables", "terrestrial_links", "landing_stations", "compute_hubs", "factories", "data_centres",
        "fiveg",
    }
    assert set(pyogrio.list_layers(atlas_path())[:, 0]) == set(LAYER_IDS)
    assert atlas_path().stat().st_size < 3_000_000


@pytest.mark.parametrize("info", BUILTIN_LAYERS, ids=LAYER_IDS)
def test_style(info: BuiltinLayerInfo):
    s = info.style
    assert HEX.match(s["color"])
    assert s["fill_color"] is None or HEX.match(s["fill_color"])
    assert s["stroke_width"] > 0 and s["marker_size"] >= 0
    if s["categorized_field"]:
        assert s["categories"] and all(HEX.match(v) for v in s["categories"].values())
    assert info.temporal["start_field"] == "start_date"
    assert builtin_layer_info(info.id) is info
    gdf = load_builtin_layer(info.id)
    assert set(gdf.geom_type) == {info.geometry_type}
    if s["categorized_field"]:
        drawn = gdf[s["categorized_field"]][gdf["status"] != "cancelled"]  # cancelled: never drawn
        assert set(drawn) <= set(s["categories"])
    if info.geometry_type == "Point":
        assert s["marker_shape"] in {"circle", "square", "triangle", "diamond", "star"}


def test_distinct_point_symbols():
    points = [i for i in BUILTIN_LAYERS if i.geometry_type == "Point"]
    shapes = [i.style["marker_shape"] for i in points]
    assert len(set(shapes)) == len(shapes)
    fills = [i.style["fill_color"] for i in points]
    assert len(set(fills)) == len(fills)


def test_cable_status_colours():
    style = builtin_layer_info("cables").style
    cat = style["categories"]
    assert set(cat) == {"in service", "under construction", "planned", "delayed"}
    assert set(load_builtin_layer("cables")["status"]) <= set(cat) | {"cancelled"}
    assert style["dashed_values"] == ["planned", "delayed"]  # under construction: dash-dot (lifecycle)


def test_countries_style_light_and_bottom():
    info = BUILTIN_LAYERS[0]
    assert info.id == "countries" and info.geometry_type == "MultiPolygon"
    assert 0 < info.style["fill_opacity"] <= 0.2


def test_data_centre_size_by_mw():
    s = builtin_layer_info("data_centres").style
    assert s["size_field"] == "capacity_mw"
    lo, hi = s["size_range"]
    assert 0 < lo < hi and s["size_ref_value"] > 0
    mw = load_builtin_layer("data_centres")["capacity_mw"].dropna()
    assert len(mw) >= 5 and mw.max() <= s["size_ref_value"]


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_counts_match_source_tables(layer_id):
    src = build.read_source(build.LAYERS[layer_id][0])
    merges = build.read_source(build.STATION_MERGES)
    if layer_id == "cables":  # plus the cables announced since the Nov 2022 release
        src = pd.concat([src, build.read_source(build.NEW_CABLES)])
    elif layer_id == "landing_stations":  # plus their new stations, less the merged duplicates
        src = pd.concat([src, build.read_source(build.NEW_STATIONS)])
        assert set(merges["id"]) <= set(src["id"]) and set(merges["into"]) <= set(src["id"])
        src = src[~src["id"].isin(merges["id"])]
    gdf = load_builtin_layer(layer_id)
    assert len(gdf) == len(src) > 0
    assert gdf["id"].is_unique
    assert gdf.crs.to_epsg() == 4326


def test_minimum_counts():
    assert len(load_builtin_layer("cables")) >= 20
    assert len(load_builtin_layer("fiveg")) >= 10
    assert len(load_builtin_layer("compute_hubs")) >= 3


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_common_columns_and_citations(layer_id):
    gdf = load_builtin_layer(layer_id)
    assert set(build.COMMON) <= set(gdf.columns)
    for col in build.COMMON:
        assert not gdf[col].isna().any(), col
    for col in ("source", "accessed", "confidence", "name", "id", "status", "country"):
        assert (gdf[col].astype(str).str.strip() != "").all(), col
    assert set(gdf["confidence"]) <= {"high", "medium", "low"}
    assert gdf["accessed"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    allowed = {"in service", "under construction", "planned"}
    if layer_id == "countries":
        allowed = {"member", "non-member"}
    if layer_id == "cables":  # issue 10: dated 2026 statuses of the cables planned in 2022
        allowed |= {"delayed", "cancelled"}
    if layer_id == "landing_stations":
        allowed |= {"cancelled"}
    assert set(gdf["status"]) <= allowed
    for code in gdf["country"]:
        assert all(re.fullmatch(r"[A-Z]{3}", c) for c in code.split(";")), code


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_dates_plausible(layer_id):
    gdf = load_builtin_layer(layer_id)
    for col in ("start_date", "end_date"):
        for v in gdf[col]:
            if v:
                m = DATE.match(v)
                assert m, v
                assert 1990 <= int(m.group(1)) <= 2030, v


def test_rfs_year():
    c = load_builtin_layer("cables")
    years = c["rfs_year"].dropna().astype(int)
    assert years.between(1990, 2030).all()
    assert set(c.loc[c["rfs_year"].isna(), "status"]) <= {"planned", "under construction", "delayed", "cancelled"}
    assert (c.loc[c["rfs_year"].notna(), "status"] == "in service").all()
    assert set(c["route_source"]) <= {"telegeography-2022", "schematic"}


def test_no_cable_stays_planned_past_its_date():
    """Issue 10, item 4: no cable is planned or under construction with an expected date more than
    a year before the status look-up (2026-12-01); each of the cables planned in Nov 2022 has a
    dated 2026 status with its source."""
    from asean_atlas.geodata.build import UPDATES_ACCESSED, read_source

    c = load_builtin_layer("cables")
    pending = c[c["status"].isin(["planned", "under construction"])]
    years = pending["expected_rfs"].str.extract(r"^(\d{4})")[0].astype(float)
    assert (years.dropna() >= int(UPDATES_ACCESSED[:4]) - 1).all(), list(pending.loc[years < int(UPDATES_ACCESSED[:4]) - 1, "id"])
    undated = pending[years.isna()]  # no expected date: the notes say what was searched
    assert undated["notes"].str.contains("Searched|searched").all(), list(undated["id"])
    updates = read_source("cable_status_2026.csv")
    assert updates["source_url"].str.startswith("http").all() and (updates["source_date"] != "").all()
    planned_in_2022 = set(c.loc[c["notes"].str.contains("PLANNED at that date"), "id"])
    recently_in_service = set(c.loc[c["notes"].str.contains("later reports") & (c["status"] == "in service"), "id"])
    assert planned_in_2022 - recently_in_service <= set(updates["id"]), "planned in 2022, no 2026 status"
    dated = c.set_index("id").loc[list(updates["id"])]
    assert (dated["accessed"] == UPDATES_ACCESSED).all() and dated["notes"].str.contains("status 2026-12").all()


def test_cancelled_cables_are_kept_but_not_drawn():
    from asean_atlas.layers.builtin import builtin_layers

    cab = next(lyr for lyr in builtin_layers() if lyr.source == "builtin:cables")
    cancelled = (cab.frame["status"] == "cancelled").to_numpy()
    assert cancelled.sum() == 1 and not cab.drawn_mask(None)[cancelled].any()
    assert cab.drawn_mask(None)[~cancelled].all()


def test_hong_kong_macau_told_apart():
    st = load_builtin_layer("landing_stations").set_index("id")
    assert st.at["lantau-island-china", "country"] == "HKG"
    assert st.at["taipa-china", "country"] == "MAC"
    assert st.at["shantou-china", "country"] == "CHN"


def test_landing_station_cable_counts():
    st = load_builtin_layer("landing_stations")
    cables = load_builtin_layer("cables")
    n = sum(len(s.split(";")) for s in cables["landing_station_ids"])
    assert st["cable_count"].sum() == n
    assert (st["cable_count"] >= 1).all()


def test_cable_routes_end_at_stations():
    """Schematic routes (cables the TeleGeography release lacks) end exactly at each of their
    stations, wherever on Earth (the corridor router has no box)."""
    cables = load_builtin_layer("cables")
    cables = cables[cables["route_source"] == "schematic"]
    assert len(cables) >= 12
    st = load_builtin_layer("landing_stations").set_index("id")
    for r in cables.itertuples():
        ends = set()
        for line in r.geometry.geoms:
            for x, y in (line.coords[0], line.coords[-1]):
                ends.add((round(x, 6), round(y, 6)))
        for sid in r.landing_station_ids.split(";"):
            x, y = st.at[sid, "geometry"].x, st.at[sid, "geometry"].y
            assert (round(x, 6), round(y, 6)) in ends, (r.id, sid)
        assert "route: schematic" in r.notes


def test_schematic_routes_have_no_long_chords():
    """Issue 10 item 2: no long chord across open sea. A straight move of a schematic route longer
    than 1,000 km must lie on the great circle (within 30 km at its quarter points): over open
    ocean the router draws great circles, simplified where they are straight in degrees."""
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    cables = load_builtin_layer("cables")
    long_moves = 0
    for r in cables[cables["route_source"] == "schematic"].itertuples():
        for line in r.geometry.geoms:
            c = np.asarray(line.coords)
            for a, b in zip(c[:-1], c[1:]):
                if geod.inv(a[0], a[1], b[0], b[1])[2] < 1_000_000:
                    continue
                long_moves += 1
                gc = np.array(geod.npts(a[0], a[1], b[0], b[1], 3))
                straight = a + (b - a) * np.array([[0.25], [0.5], [0.75]])
                off = geod.inv(gc[:, 0], gc[:, 1], straight[:, 0], straight[:, 1])[2] / 1000
                assert off.max() < 30, (r.id, a, b, off)
    # across the Pacific the routes follow great circles (pieces of ~50 km), which bulge poleward:
    # MYUS (Guam 13.5°N to Oregon 44°N) and TPU cross 170°W north of 38°N, where a straight line
    # in degrees would cross at about 29°N (and TeleGeography's Jupiter route at about 43°N)
    meridian = shapely.LineString([(-170, -60), (-170, 80)])
    for cid in ("malaysia-us-myus", "taiwan-philippines-us-tpu"):
        hit = cables.set_index("id").at[cid, "geometry"].intersection(meridian)
        assert hit.geom_type == "Point" and hit.y > 38, (cid, hit)


def _normalise(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].fillna("").astype(str)
    return out.reset_index(drop=True)


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_gpkg_matches_source_tables(layer_id, attrs):
    """The committed atlas.gpkg holds exactly the attributes built from sources/*.csv."""
    want = attrs[layer_id].drop(columns=["lon", "lat", "waypoints"], errors="ignore")
    got = pyogrio.read_dataframe(atlas_path(), layer=layer_id, read_geometry=False)
    assert list(got.columns) == list(want.columns)
    got, want = _normalise(got), _normalise(want)
    for col in want.columns:
        if want[col].dtype.kind in "fiu" or str(want[col].dtype) == "Int64":
            a = pd.to_numeric(got[col]).astype(float).to_numpy()
            b = pd.to_numeric(want[col]).astype(float).to_numpy()
            assert np.allclose(a, b, equal_nan=True), col
        else:
            assert got[col].tolist() == want[col].tolist(), col
    if layer_id == "countries":
        gdf = load_builtin_layer(layer_id)
        want_geom = build.country_geometries(list(attrs[layer_id]["country"]))
        for g, w in zip(gdf.geometry, want_geom):
            assert g.equals_exact(w, 1e-6)
    elif layer_id not in ("cables", "terrestrial_links"):  # lines: test_terrestrial_links.py
        gdf = load_builtin_layer(layer_id)
        assert np.allclose(gdf.geometry.x, attrs[layer_id]["lon"].astype(float))
        assert np.allclose(gdf.geometry.y, attrs[layer_id]["lat"].astype(float))


def test_midea_chonburi():
    f = load_builtin_layer("factories").set_index("id")
    m = f.loc["midea-chonburi-ac"]
    assert m["area_m2"] == 208000
    assert "4,000,000" in m["capacity"]
    assert m["country"] == "THA" and m["location_precision"] == "town"


def test_nanning_hubs():
    h = load_builtin_layer("compute_hubs").set_index("id")
    ai = h.loc["cn-asean-ai-computing-center"]
    assert ai["start_date"] == "2022-09"
    # issue 10 audit: the name is attested (People's Daily, 2022-09-22), the site named
    assert "j.people.cn" in ai["notes"] and "Zhenbang" in ai["place"]
    gw = h.loc["nanning-intl-comms-gateway"]
    assert gw["status"] == "under construction" and gw["start_date"].startswith("2024-07")
    assert gw["confidence"] == "medium" and "main works completed in 2025" in gw["notes"]
    assert h.loc["cn-asean-information-harbor", "start_date"] == "2015-09-13"
    assert Point(108.318, 22.822).distance(gw.geometry) < 1e-6


def test_no_qt_or_upper_layers_imported():
    code = (
        "import sys, asean_atlas.geodata.builtin, asean_atlas.geodata.basemap, "
        "asean_atlas.geodata.build, asean_atlas.geodata.routing, asean_atlas.geodata.build_coast\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'PyQt', 'asean_atlas.layers',"
        " 'asean_atlas.desktop'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- the source tables against the project's fact tables (skipped when absent) --------------

needs_facts = pytest.mark.skipif(
    not (SHARED / "facts" / "facts_cables.csv").exists(), reason="shared/facts not present"
)


@needs_facts
def test_sources_match_facts():
    from asean_atlas.geodata import import_facts

    st = import_facts.landing_stations(SHARED / "facts")
    cb = import_facts.cables(SHARED / "facts", st)
    src_st = build.read_source("landing_stations.csv")
    src_cb = build.read_source("cables.csv")
    # rows added after the import (issue 10: the two release cables the facts lacked) say so
    for src, imported in ((src_st, st), (src_cb, cb)):
        added = src[~src["id"].isin(imported["id"])]
        assert added["notes"].str.contains("issue 10|In the Nov 2022 release").all(), list(added["id"])
        kept = src[src["id"].isin(imported["id"])].reset_index(drop=True)
        pd.testing.assert_frame_equal(imported.reset_index(drop=True), kept, check_dtype=False)


def test_manifest_matches_gpkg_and_inputs():
    import json

    m = json.loads((atlas_path().parent / "atlas_manifest.json").read_text(encoding="utf-8"))
    assert [entry["layer"] for entry in m["layers"]] == LAYER_IDS
    for entry in m["layers"]:
        assert entry["features"] == len(load_builtin_layer(entry["layer"]))
        assert entry["licence"] and entry["sources"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["inputs_accessed"]["latest"])
    # the committed GeoPackage was built from exactly these input files
    assert m["inputs"] == build.input_files()
    assert "CC BY-NC-SA" in next(e for e in m["layers"] if e["layer"] == "cables")["licence"]
    assert "Natural Earth" in next(e for e in m["layers"] if e["layer"] == "countries")["licence"]
