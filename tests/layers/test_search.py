"""Feature search (issue 11 item 2): names, Chinese names, pinyin, ids, operators, owners."""

import geopandas as gpd
import pytest
import shapely

from asean_atlas.layers import search as S
from asean_atlas.layers.builtin import builtin_layers
from asean_atlas.layers.layer import Layer


@pytest.fixture(scope="module")
def layers():
    return builtin_layers()


def _titles(hits):
    return [(h.name, h.layer.source) for h in hits]


def test_finds_sjc2(layers):
    hits = S.search(layers, "SJC2")
    assert hits[0].name == "Southeast Asia-Japan Cable 2 (SJC2)" and hits[0].layer.source == "builtin:cables"
    assert hits[0].field == "name"
    # "sjc" also finds SJC and SJC2, not unrelated cables
    names = [h.name for h in S.search(layers, "sjc")]
    assert "Southeast Asia-Japan Cable (SJC)" in names and all("SJC" in n for n in names)


def test_finds_chinese_and_pinyin(layers):
    zh = S.search(layers, "南宁")
    direct = [h for h in zh if h.rank < 3]  # the Chinese text itself; then its pinyin, "Nanning"
    assert direct and all("南宁" in str(h.layer.frame["name_zh"].iloc[h.row]) for h in direct)
    assert any(h.layer.source == "builtin:compute_hubs" for h in zh)
    py = S.search(layers, "nanning")
    assert py[0].layer.source == "builtin:compute_hubs" and py[0].field == "name"
    # a hub whose English name lacks "Nanning" is found through its Chinese name's pinyin
    spaced = S.search(layers, "nan ning guo ji")
    assert spaced and spaced[0].field == "name_zh (pinyin)"
    assert spaced[0].snippet.startswith("南宁国际") and "(nan ning guo ji" in spaced[0].snippet


def test_finds_chonburi_and_owners(layers):
    hits = S.search(layers, "Chonburi")
    sources = {h.layer.source for h in hits}
    assert {"builtin:factories"} <= sources
    assert any("Midea" in h.name for h in hits)
    owners = S.search(layers, "china mobile")
    assert any(h.field == "owners" and h.layer.source == "builtin:cables" for h in owners)
    assert all("china mobile" in h.snippet.lower() for h in owners if h.field == "owners")
    assert any(h.field == "suppliers" for h in S.search(layers, "HMN Tech"))


def test_ranking_exact_then_prefix_then_substring():
    gdf = gpd.GeoDataFrame(
        {"name": ["Port Dickson", "Dickson", "Xdickson", "Old Dickson Road"], "id": ["a", "b", "c", "d"]},
        geometry=[shapely.Point(i, i) for i in range(4)], crs=4326,
    )
    layer = Layer(gdf, "t")
    hits = S.search([layer], "dickson")
    assert [h.name for h in hits] == ["Dickson", "Port Dickson", "Old Dickson Road", "Xdickson"]
    assert [h.rank for h in hits] == [0, 2, 2, 3]


def test_accents_case_and_punctuation():
    gdf = gpd.GeoDataFrame(
        {"name": ["Đà Nẵng", "SEA-H2X (Hainan)", "Bình Dương"], "operator": ["VNPT", "CMI", None]},
        geometry=[shapely.Point(0, 0)] * 3, crs=4326,
    )
    layer = Layer(gdf, "t")
    assert [h.name for h in S.search([layer], "da nang")] == ["Đà Nẵng"]
    assert [h.name for h in S.search([layer], "ĐÀ NẴNG")] == ["Đà Nẵng"]
    assert [h.name for h in S.search([layer], "h2x")] == ["SEA-H2X (Hainan)"]
    assert [h.name for h in S.search([layer], "sea-h2x")] == ["SEA-H2X (Hainan)"]
    assert [h.name for h in S.search([layer], "binh duong")] == ["Bình Dương"]
    assert [h.field for h in S.search([layer], "vnpt")] == ["operator"]


def test_empty_and_hostile_queries(layers):
    assert S.search(layers, "") == [] and S.search(layers, "   ") == []
    # our separators cannot be typed into a match across fields or features
    assert S.search(layers, "\x1f") == [] and S.search(layers, "\x1e") == []
    assert S.search(layers, "zzzz-no-such-thing") == []
    # regex characters are text
    assert S.search(layers, ".*") == []


def test_file_text_cannot_break_the_index():
    gdf = gpd.GeoDataFrame(
        {"name": ["a\x1fb", "x\x1ey", None, 12.5], "id": [1, 2, 3, 4]},
        geometry=[shapely.Point(0, 0)] * 4, crs=4326,
    )
    layer = Layer(gdf, "t")
    hits = S.search([layer], "y")
    assert [h.row for h in hits] == [1]
    assert [h.row for h in S.search([layer], "12 5")] == [3]
    assert [h.row for h in S.search([layer], "3")] == [2]  # found by id; name missing
    assert S.search([layer], "3")[0].name == "3"


def test_limit_and_rows_map_back(layers):
    hits = S.search(layers, "a", limit=7)
    assert len(hits) == 7
    for h in hits:
        text = " ".join(str(h.layer.frame[c].iloc[h.row]) for c in S.search_fields(h.layer)).lower()
        assert "a" in text


def test_index_follows_a_new_frame():
    gdf = gpd.GeoDataFrame({"name": ["alpha"]}, geometry=[shapely.Point(0, 0)], crs=4326)
    layer = Layer(gdf, "t")
    assert S.search([layer], "alpha")
    layer.frame = gpd.GeoDataFrame({"name": ["beta"]}, geometry=[shapely.Point(0, 0)], crs=4326)
    assert not S.search([layer], "alpha") and S.search([layer], "beta")
    assert S.index_for(layer, build=False) is not None
    S.forget(layer)
    assert S.index_for(layer, build=False) is None


def test_common_query_still_ranks_exact_first():
    """More occurrences than one pass reads (SCAN_CAP): exact and field-start matches found anyway,
    wherever they lie in the layer (a FlatGeobuf's spatial order shuffles features)."""
    import numpy as np

    n = 3 * S.LayerSearchIndex.SCAN_CAP
    order = np.random.default_rng(0).permutation(n)
    gdf = gpd.GeoDataFrame(
        {"name": [f"site {i}" for i in order], "id": order},
        geometry=[shapely.Point(0, 0)] * n, crs=4326,
    )
    layer = Layer(gdf, "t")
    # each name twice: as written and without its spaces ("site4321")
    assert len(S.index_for(layer)._find("site", 10**9)) == 2 * n
    hits = S.search([layer], "site 4321", limit=5)
    assert hits[0].name == "site 4321" and hits[0].rank == 0
    assert all(h.name.startswith("site 4321") for h in hits)
    one = S.search([layer], "1", limit=5)
    assert one[0].field == "id" and one[0].rank == 0 and int(gdf["id"].iloc[one[0].row]) == 1
    assert len(S.search([layer], "site", limit=50)) == 50


def test_query_variants_without_spaces_and_by_pinyin(layers):
    # "da nang" finds the station spelt "Danang"; "sjc 2" finds SJC2 (after exact matches)
    assert S.search(layers, "da nang")[0].name == "Danang"
    assert S.search(layers, "sjc 2")[0].name == "Southeast Asia-Japan Cable 2 (SJC2)"
    # a Chinese query also finds the English spelling of its pinyin ("南宁" -> "Nanning")
    zh = S.search(layers, "南宁", limit=50)
    assert zh[0].field == "name_zh"  # the Chinese match first
    assert any(h.field == "place" and h.layer.source == "builtin:data_centres" for h in zh)


def test_spaces_do_not_matter_either_way(layers):
    """"chonburi" finds what is written "Chon Buri" as "chon buri" finds "Chonburi" (the new-user
    pass of session 31: Huawei Cloud Thailand and the Huawei 5G test bed were missed)."""
    joined = {h.name for h in S.search(layers, "chonburi", limit=20)}
    spaced = {h.name for h in S.search(layers, "chon buri", limit=20)}
    assert spaced <= joined and any("Huawei Cloud Thailand" in n for n in joined)
    kl = S.search(layers, "kualalumpur", limit=20)
    assert kl and all(h.snippet == "Kuala Lumpur" and h.field == "place (no spaces)" for h in kl)
    gdf = gpd.GeoDataFrame({"name": ["Ho Chi Minh City", "Hochiminh Tower"]},
                           geometry=[shapely.Point(106.7, 10.8)] * 2, crs=4326)
    hits = S.search([Layer(gdf, "t")], "hochiminh")
    assert [h.name for h in hits] == ["Hochiminh Tower", "Ho Chi Minh City"]  # as typed, then joined


def test_a_whole_word_comes_before_a_word_that_only_starts_with_the_query(layers):
    names = [h.name for h in S.search(layers, "SJC")]
    assert names[:2] == ["Southeast Asia-Japan Cable (SJC)", "Southeast Asia-Japan Cable 2 (SJC2)"]


def test_big_layers_do_not_index_names_without_spaces(monkeypatch):
    """Above JOINED_MAX_FEATURES the index keeps one text per name (its size, and every query's
    time, would grow ~60 % at 1M points)."""
    gdf = gpd.GeoDataFrame({"name": ["Chon Buri", "Kuala Lumpur", "Da Nang"]}, geometry=[shapely.Point(0, 0)] * 3, crs=4326)
    monkeypatch.setattr(S.LayerSearchIndex, "JOINED_MAX_FEATURES", 2)
    layer = Layer(gdf, "t")
    assert S.index_for(layer).fields == ["name"]
    assert S.search([layer], "chonburi") == [] and S.search([layer], "chon buri")[0].name == "Chon Buri"
