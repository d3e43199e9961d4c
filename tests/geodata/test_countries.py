"""The ``countries`` layer and the Chinese names (no Qt)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from asean_atlas.geodata import build
from asean_atlas.geodata.builtin import load_builtin_layer

ASEAN = {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM"}


@pytest.fixture(scope="module")
def countries():
    return load_builtin_layer("countries").set_index("country")


def test_members_and_china(countries):
    assert set(countries.index) == ASEAN | {"CHN"}
    assert (countries.loc[sorted(ASEAN), "status"] == "member").all()
    assert countries.at["CHN", "status"] == "non-member"
    assert countries.at["TLS", "asean_member_since"] == "2025-10-26"
    assert countries.at["IDN", "asean_member_since"] == "1967-08-08"
    for v in countries.loc[sorted(ASEAN), "asean_member_since"]:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) and 1967 <= int(v[:4]) <= 2030
    assert (countries["start_date"] == "").all()  # outlines are always shown
    assert countries.geometry.is_valid.all()
    assert (countries["name_zh"] != "").all()
    assert countries.at["CHN", "name_zh"] == "中国"


def test_cable_counts_computed_from_tables(countries):
    cables = build.apply_status_updates(build.read_source("cables.csv"), build.read_source(build.STATUS_UPDATES))
    cables = pd.concat([cables, build.read_source(build.NEW_CABLES)], ignore_index=True)
    st = pd.concat([build.read_source("landing_stations.csv"), build.read_source(build.NEW_STATIONS)])
    cables, st = build.merge_stations(cables, st, build.read_source(build.STATION_MERGES))
    st = st.set_index("id")
    for iso, row in countries.iterrows():
        codes = {"CHN", "HKG", "MAC"} if iso == "CHN" else {iso}
        landing = set()
        in_service = set()
        for r in cables.itertuples():
            if any(st.at[s, "country"] in codes for s in r.landing_station_ids.split(";")):
                landing.add(r.id)
                if r.status == "in service":
                    in_service.add(r.id)
        assert row["cables_landing"] == len(landing), iso
        assert row["cables_in_service"] == len(in_service), iso
        assert row["landing_station_count"] == int(st["country"].isin(codes).sum()), iso
    assert countries.at["TLS", "cables_landing"] == 1  # ACC-1 only (facts_other.md)
    assert countries.at["LAO", "cables_landing"] == 0  # landlocked


def test_fiveg_year_from_fiveg_table(countries):
    f = load_builtin_layer("fiveg")
    f = f[(f["status"] == "in service") & (f["category"] == "5G commercial launch")]
    first = f.groupby("country")["start_date"].apply(lambda s: int(s.str[:4].astype(int).min()))
    for iso, row in countries.iterrows():
        y = row["fiveg_launch_year"]
        if iso in first.index:
            assert y == first[iso], iso
            assert row["fiveg_source"].startswith("fiveg layer:")
        elif iso == "CHN":
            assert y == 2019 and "MIIT" in row["fiveg_source"]
        else:
            assert pd.isna(y) and "no sourced commercial launch" in row["notes"], iso
        if not pd.isna(y):
            assert 1990 <= y <= 2030


def test_data_localization_sourced_or_empty(countries):
    for iso, row in countries.iterrows():
        if row["data_localization"]:
            assert row["data_localization_source"] and row["data_localization_url"], iso
    idn = countries.loc["IDN"]
    assert "GR 71/2019" in idn["data_localization"]
    assert "Fortune China" in idn["data_localization_source"]
    for iso in ("VNM", "CHN", "SGP"):
        assert countries.at[iso, "data_localization"], iso
    assert countries.at["TLS", "data_localization"] == ""
    assert "no source found" in countries.at["TLS", "notes"]


@pytest.mark.parametrize("layer_id", ["compute_hubs", "factories", "countries"])
def test_name_zh_everywhere_with_provenance(layer_id):
    gdf = load_builtin_layer(layer_id)
    assert (gdf["name_zh"].str.strip() != "").all()
    assert gdf["name_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert gdf["notes"].str.contains("name_zh:").all()


def test_major_cables_have_name_zh():
    c = load_builtin_layer("cables").set_index("id")
    zh = build.read_source("cables_name_zh.csv")
    assert set(zh["method"]) <= {"source", "translation"}
    import opencc

    to_simplified = opencc.OpenCC("t2s")
    for r in zh.itertuples():
        # a source in traditional characters (TPU海纜系統) gives name_zh_hant as written and
        # name_zh its simplified form; a simplified source gives name_zh as written
        simplified = to_simplified.convert(r.name_zh)
        assert c.at[r.id, "name_zh"] == simplified
        if simplified != r.name_zh:
            assert c.at[r.id, "name_zh_hant"] == r.name_zh
        assert "name_zh:" in c.at[r.id, "notes"]
        if r.method == "source":
            assert r.name_zh_url.startswith("http"), r.id
    # every cable of 15,000 km or more, and every in-service cable landing in mainland China
    st = load_builtin_layer("landing_stations").set_index("id")
    for cid, r in c.iterrows():
        lands_cn = any(st.at[s, "country"] == "CHN" for s in r.landing_station_ids.split(";"))
        if r["length_km"] >= 15000 or (lands_cn and r["status"] == "in service"):
            assert r["name_zh"], cid
