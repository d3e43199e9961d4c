"""Cables announced or landed since the Nov 2022 release, and merged duplicate stations (issue 10,
item 4)."""

import pandas as pd
import pytest

from asean_atlas.geodata import build
from asean_atlas.geodata.builtin import load_builtin_layer


@pytest.fixture(scope="module")
def cables():
    return load_builtin_layer("cables").set_index("id")


def test_new_cables_are_cited_and_routed_schematically(cables):
    new = build.read_source(build.NEW_CABLES)
    assert len(new) >= 12 and not set(new["id"]) & set(build.read_source("cables.csv")["id"])
    st = set(load_builtin_layer("landing_stations")["id"])
    for r in new.itertuples():
        c = cables.loc[r.id]
        assert c["route_source"] == "schematic" and c["tg_color"] == "", r.id
        assert r.source_url.startswith(("http://", "https://")) and r.source, r.id
        assert r.confidence in {"high", "medium", "low"} and r.accessed == "2026-12-01", r.id
        assert r.status in {"planned", "under construction", "delayed", "in service"}, r.id
        ids = c["landing_station_ids"].split(";")
        assert len(ids) >= 2 and set(ids) <= st, r.id
        assert r.expected_rfs or "earched" in r.notes, r.id  # a date, or what was searched
    assert {"candle", "taiwan-philippines-us-tpu", "hong-kong-sihanoukville-cable"} <= set(new["id"])


def test_announced_cables_without_landing_towns_are_recorded_not_drawn(cables):
    nd = build.read_source("cables_since_2022_not_drawn.csv")
    assert {"asia-united-gateway-east-aug-east", "vietnam-singapore-cable-system-vts",
            "intra-asia-marine-cable-i-am"} <= set(nd["id"])
    assert not set(nd["id"]) & set(cables.index)
    assert nd["source_url"].str.startswith("http").all() and (nd["why_not_drawn"] != "").all()


def test_duplicate_stations_are_merged(cables):
    merges = build.read_source(build.STATION_MERGES)
    st = load_builtin_layer("landing_stations").set_index("id")
    assert {"sangata-indonesia", "terante-indonesia"} <= set(merges["id"])
    for m in merges.itertuples():
        assert m.id not in st.index and m.into in st.index
        assert f"merged: the release's station '{m.id}'" in st.at[m.into, "notes"]
        assert not cables["landing_station_ids"].str.split(";").apply(lambda ids, i=m.id: i in ids).any()
    # JaKa2LaDeMa listed the misspelt Sangata: it now lands at Sangatta, once
    ids = cables.at["jaka2ladema", "landing_station_ids"].split(";")
    assert ids.count("sangatta-indonesia") == 1


def test_merge_rejects_unknown_stations_and_repoints_once():
    cab = pd.DataFrame({"id": ["c"], "landing_station_ids": ["a;b;x"]})
    st = pd.DataFrame({"id": ["a", "b", "x"], "notes": ["", "", ""]})
    with pytest.raises(KeyError):
        build.merge_stations(cab, st, pd.DataFrame([{"id": "zz", "into": "a", "distance_km": "1", "reason": "r"}]))
    c2, s2 = build.merge_stations(cab, st, pd.DataFrame([{"id": "x", "into": "a", "distance_km": "1", "reason": "r"}]))
    assert c2.at[0, "landing_station_ids"] == "a;b" and list(s2["id"]) == ["a", "b"]
    assert cab.at[0, "landing_station_ids"] == "a;b;x"  # inputs untouched
