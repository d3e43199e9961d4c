"""The ``terrestrial_links`` layer (issue 10, item 6): cross-border fibre between China and
Vietnam, Laos and Myanmar, each row cited and drawn schematically through the towns it names."""

import re

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod

from asean_atlas.geodata import build
from asean_atlas.geodata.builtin import load_builtin_layer
from asean_atlas.layers.builtin import builtin_layers
from asean_atlas.layers.network import linked_features

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def links():
    return load_builtin_layer("terrestrial_links").set_index("id")


@pytest.fixture(scope="module")
def source():
    return build.read_source("terrestrial_links.csv").set_index("id")


def _km(a, b):
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def test_every_neighbour_of_china_in_the_issue_has_a_link(links):
    others = {c for cs in links["country"] for c in cs.split(";") if c != "CHN"}
    assert {"VNM", "LAO", "MMR"} <= others
    assert all("CHN" in cs.split(";") for cs in links["country"])
    assert set(links["route_source"]) == {"schematic"}
    assert set(links["category"]) == {"terrestrial cable"}


def test_rows_are_cited_and_dated(links):
    for fid, r in links.iterrows():
        assert r["source"] and r["source_url"].startswith(("http://", "https://")), fid
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["accessed"]), fid
        assert r["confidence"] in {"high", "medium", "low"}, fid
        assert r["location_source"], fid
        assert "schematic" in r["notes"], fid  # each row says how it is drawn
        # no date means only the decade is known: the notes must say so
        assert r["start_date"] or "decade" in r["notes"], fid


def test_lines_go_through_the_named_towns(links, source):
    for fid, r in links.iterrows():
        wps = build.parse_waypoints(source.at[fid, "waypoints"])
        coords = shapely.get_coordinates(r.geometry)
        assert [tuple(c) for c in coords] == [(x, y) for _, x, y in wps], fid
        assert r["corridor"] == " – ".join(n for n, _, _ in wps)


def test_lines_cross_the_border_from_china(links):
    countries = load_builtin_layer("countries").set_index("id")
    china = countries.at["chn", "geometry"]
    for fid, r in links.iterrows():
        first, last = shapely.get_coordinates(r.geometry)[[0, -1]]
        assert china.distance(shapely.Point(first)) < 0.02, fid  # starts in China (1:50m outline)
        other = [c for c in r["country"].split(";") if c != "CHN"]
        ends = [countries.at[c.lower(), "geometry"].distance(shapely.Point(last)) for c in other]
        assert min(ends) < 0.02, fid  # ends in one of the other countries


def test_cmi_matches_its_reports(links):
    cmi = links.loc["cn-mm-cmi"]
    assert cmi["start_date"] == "2014-11-14" and cmi["confidence"] == "high"
    assert cmi["length_km"] == 1500.0
    assert cmi["corridor"].split(" – ")[0] == "Ruili" and cmi["corridor"].endswith("Ngwe Saung")
    # the drawn line (straight segments) is shorter than the reported cable: never longer
    coords = shapely.get_coordinates(cmi.geometry)
    drawn = sum(_km(a, b) for a, b in zip(coords[:-1], coords[1:]))
    assert 1000 < drawn < 1500
    assert pd.isna(links.at["cn-vn-dongxing-mong-cai", "length_km"])


def test_cmi_meets_aae1_at_ngwe_saung(links):
    stations = load_builtin_layer("landing_stations").set_index("id")
    st = stations.loc["ngwe-saung-myanmar"]
    end = shapely.get_coordinates(links.at["cn-mm-cmi", "geometry"])[-1]
    assert _km(end, (st.geometry.x, st.geometry.y)) < 5
    assert "asia-africa-europe-1-aae-1" in st["cable_ids"].split(";")
    layers = builtin_layers()
    tl = next(lyr for lyr in layers if lyr.source == "builtin:terrestrial_links")
    row = list(tl.frame["id"]).index("cn-mm-cmi")
    linked = linked_features(layers, tl, row)
    assert [(lyr.frame["id"].iloc[i]) for lyr, i in linked] == ["ngwe-saung-myanmar"]


@pytest.mark.parametrize("text", ["", "A@1,2", "A@1,2;B@200,2", "A@1,2;@3,4", "A@1;B@2,3", "A 1,2;B@3,4"])
def test_bad_waypoints_are_refused(text):
    with pytest.raises(ValueError):
        build.parse_waypoints(text)


def test_lines_stay_on_land(links):
    """A terrestrial cable drawn across the sea would be a false statement: every drawn segment
    lies on Natural Earth 1:10m land (the Vietnam row needed towns of the road 1 corridor)."""
    from asean_atlas.geodata.build_coast import load_land10m

    land = shapely.union_all(shapely.get_parts(load_land10m("land")))
    for fid, g in links.geometry.items():
        assert g.difference(land).length < 1e-6, fid


def test_link_known_by_its_decade_shows_at_every_year():
    """The 1990s Pingxiang cable has no start date; unlike an undated planned cable it is not
    hidden by the time filter. The others appear from their dates."""
    from asean_atlas.layers.builtin import builtin_layers

    tl = next(lyr for lyr in builtin_layers() if lyr.source == "builtin:terrestrial_links")
    assert tl.temporal.undated == "show"
    ids = tl.frame["id"].tolist()
    shown = lambda year: {ids[i] for i in np.flatnonzero(tl.time_mask(year))}  # noqa: E731
    assert shown(2000) == {"cn-vn-pingxiang-lang-son"}
    assert shown(2013) == {"cn-vn-pingxiang-lang-son", "vn-first-international-land-cable",
                           "cn-vn-dongxing-mong-cai", "cn-la-mengla"}
    assert "cn-mm-cmi" in shown(2014)
    assert "GeoNames (CC BY 4.0)" in tl.attribution
