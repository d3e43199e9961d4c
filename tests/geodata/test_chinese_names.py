"""Chinese names of the built-in features and the basemap in both scripts (issue 13 item 2):
``name_zh_hant`` beside every ``name_zh``, each with its provenance; the basemap's countries and
cities from Unicode CLDR."""

from __future__ import annotations

import pytest

from asean_atlas.geodata import build
from asean_atlas.geodata.builtin import BUILTIN_LAYERS, load_builtin_layer
from asean_atlas.layers.places import basemap_places

LAYER_IDS = [info.id for info in BUILTIN_LAYERS]


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_every_chinese_name_has_its_traditional_form_and_provenance(layer_id):
    f = load_builtin_layer(layer_id)
    has = f["name_zh"].fillna("").str.strip() != ""
    assert has.any()
    assert (f.loc[has, "name_zh_hant"].str.strip() != "").all()
    assert (f.loc[~has, "name_zh_hant"].fillna("") == "").all()
    for note in f.loc[has, "notes"]:
        assert "name_zh_hant: " in note
    # simplified-only characters are gone from the traditional names
    assert not f.loc[has, "name_zh_hant"].str.contains("[国东为计网络数据]").any()


def test_countries_take_cldr_taiwan_names():
    f = load_builtin_layer("countries").set_index("id")
    assert f.at["lao", "name_zh"] == "老挝" and f.at["lao", "name_zh_hant"] == "寮國"  # not 老撾
    assert f.at["brn", "name_zh_hant"] == "汶萊" and f.at["idn", "name_zh_hant"] == "印尼"
    assert "Unicode CLDR" in f.at["lao", "notes"]


def test_names_in_the_article_are_marked_as_sourced():
    if not build.ARTICLE.exists():
        pytest.skip("the project's article is not available")
    f = load_builtin_layer("compute_hubs")
    row = f[f["name_zh"] == "中国—东盟人工智能计算中心"].iloc[0]
    assert row["name_zh_hant"] == "中國—東盟人工智能計算中心"
    assert row["name_zh_hant"] in build.ARTICLE.read_text(encoding="utf-8")
    assert "name_zh_hant: as in Fortune China" in row["notes"]
    converted = f[f["notes"].str.contains("converted from name_zh")]
    assert len(converted) and not any(n in build.ARTICLE.read_text(encoding="utf-8") for n in converted["name_zh_hant"])


def test_conversion_keeps_official_words():
    import pandas as pd

    df = pd.DataFrame({"id": ["a", "b"], "name_zh": ["中国—东盟(华为)人工智能创新中心", ""], "notes": ["", "x"]})
    build.add_traditional_names(df, article=build.HERE / "no-such-article.txt")
    assert df["name_zh_hant"].tolist() == ["中國—東盟(華為)人工智能創新中心", ""]  # s2tw: 華為, 人工智能 kept
    assert df["notes"].tolist() == ["name_zh_hant: converted from name_zh (OpenCC s2tw)", "x"]


def test_basemap_places_in_each_language():
    en = {p[0] for p in basemap_places("en")}
    assert {"Bangkok", "Nanning", "Laos"} <= en or {"Bangkok", "Nanning"} <= en
    cn = {p[0] for p in basemap_places("zh_CN")}
    tw = {p[0] for p in basemap_places("zh_TW")}
    assert {"曼谷", "万象", "南宁", "老挝", "泰国", "越南"} <= cn
    assert {"曼谷", "永珍", "南寧", "寮國", "泰國", "越南"} <= tw
    assert "Bangkok" not in cn and "Vientiane" not in tw
    # same places, same positions: only the text changes
    assert [p[1:] for p in basemap_places("en")] == [p[1:] for p in basemap_places("zh_TW")]


def test_place_names_table_marks_its_method():
    t = build.read_source("place_names_zh.csv")
    assert set(t["method"]) == {"cldr", "project_translation"}
    assert (t.loc[t["method"] == "cldr", "source"].str.startswith("Unicode CLDR")).all()
    assert len(t) == len(build.read_source("places.csv"))


def test_traditional_source_names_and_place_li():
    """A name the source writes in traditional characters keeps that form as name_zh_hant and
    gets its simplified name_zh; 里 of a place name stays 里 in 繁體 (春武里, not 春武裡)."""
    import pandas as pd

    df = pd.DataFrame({"id": ["a", "b"], "name_zh": ["將軍澳", "美的5G智慧工厂(泰国春武里)"], "notes": ["", ""]})
    build.add_traditional_names(df, article=build.HERE / "no-such-article.txt")
    assert df["name_zh"].tolist() == ["将军澳", "美的5G智慧工厂(泰国春武里)"]
    assert df["name_zh_hant"].tolist() == ["將軍澳", "美的5G智慧工廠(泰國春武里)"]
    assert "simplified from the source's traditional form" in df.at[0, "notes"]


def test_simplified_map_shows_no_traditional_name():
    for layer_id in LAYER_IDS:
        f = load_builtin_layer(layer_id)
        zh = f["name_zh"].fillna("")
        assert not zh.str.contains("[將軍灣鶴頭嶼島]").any(), layer_id
