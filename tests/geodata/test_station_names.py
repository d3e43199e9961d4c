"""Chinese names of landing stations (issue 10 item 3): every station in China, Hong Kong and Macao
has one from a source, and each name's provenance is in the station's notes."""

import pandas as pd
import pytest

from asean_atlas.geodata import build
from asean_atlas.geodata.builtin import load_builtin_layer


@pytest.fixture(scope="module")
def stations():
    return load_builtin_layer("landing_stations").set_index("id")


@pytest.fixture(scope="module")
def table():
    return build.read_source(build.STATION_NAMES).set_index("id")


def test_every_station_in_china_hong_kong_macao_has_a_sourced_name(stations, table):
    cn = stations[stations["country"].isin(["CHN", "HKG", "MAC"])]
    assert len(cn) >= 18
    for sid, r in cn.iterrows():
        assert r["name_zh"], sid
        assert table.at[sid, "method"] == "source", sid
        assert f"name_zh: as in {table.at[sid, 'name_zh_source']}" in r["notes"], sid


def test_known_names(stations):
    # as the sources write them (Hong Kong's in traditional characters) in name_zh_hant, and
    # name_zh in simplified characters (issue 13: the 简体 map shows no traditional name)
    want = {"tseung-kwan-o-china": "將軍澳", "chung-hom-kok-china": "舂坎角", "deep-water-bay-china": "深水灣",
            "cape-daguilar-china": "鶴咀", "chongming-china": "崇明", "qingdao-china": "青島", "tuas-singapore": "大士"}
    assert {k: stations.at[k, "name_zh_hant"] for k in want} == want
    simplified = {"tseung-kwan-o-china": "将军澳", "deep-water-bay-china": "深水湾", "cape-daguilar-china": "鹤咀",
                  "qingdao-china": "青岛"}
    assert {k: stations.at[k, "name_zh"] for k in simplified} == simplified
    assert "name_zh: simplified from the source's traditional form" in stations.at["tseung-kwan-o-china", "notes"]


def test_capital_landings_have_a_name_or_are_recorded(table, stations):
    sgp = stations[stations["country"] == "SGP"]
    assert all(sgp["name_zh"] != "")  # Singapore: every station is in the capital
    caps = table[table["in_capital"] == "yes"]
    assert {"jakarta-indonesia", "dili-timor-leste"} <= set(caps.index)
    # project translations say so in the notes
    for sid in table.index[table["method"] == "project_translation"]:
        assert "name_zh: project translation" in stations.at[sid, "notes"]


def test_names_only_where_the_table_gives_them(stations, table):
    named = set(stations.index[stations["name_zh"] != ""])
    assert named == set(table.index)


def test_bad_table_rows_are_refused():
    st = pd.DataFrame({"id": ["a"], "name_zh": [""], "notes": [""]})
    with pytest.raises(ValueError, match="unknown station"):
        build._apply_station_names(st, pd.DataFrame([{"id": "b", "name_zh": "乙", "method": "source",
                                                      "name_zh_source": "x", "name_zh_url": ""}]))
    with pytest.raises(ValueError, match="unknown method"):
        build._apply_station_names(st, pd.DataFrame([{"id": "a", "name_zh": "甲", "method": "guess",
                                                      "name_zh_source": "x", "name_zh_url": ""}]))
    build._apply_station_names(st, pd.DataFrame([{"id": "a", "name_zh": "甲", "method": "source",
                                                  "name_zh_source": "X", "name_zh_url": "https://x.example"}]))
    assert st.at[0, "name_zh"] == "甲" and st.at[0, "notes"] == "name_zh: as in X (https://x.example)"
