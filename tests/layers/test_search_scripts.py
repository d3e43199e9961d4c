"""Search across the two scripts of Chinese (issue 13 item 5): a name in simplified characters is
found by its traditional form and the other way round, and by its pinyin."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from asean_atlas.layers import search
from asean_atlas.layers.layer import Layer


@pytest.fixture
def layer():
    frame = gpd.GeoDataFrame(
        {"name": ["Nanning gateway", "Taipei landing", "Hong Kong hub", "Bangkok"],
         "name_zh": ["南宁国际通信业务出入口局", "臺北", "將軍澳", None]},
        geometry=[shapely.Point(108, 22), shapely.Point(121, 25), shapely.Point(114, 22), shapely.Point(100, 13)],
        crs=4326)
    return Layer(frame, "names")


@pytest.mark.parametrize("query, row", [
    ("南宁", 0), ("南寧", 0), ("南寧國際通信", 0), ("nanning", 0),  # simplified name: both scripts, pinyin
    ("臺北", 1), ("台北", 1), ("taibei", 1),                         # traditional name: both scripts
    ("将军澳", 2), ("將軍澳", 2), ("jiangjunao", 2),
])
def test_either_script_finds_the_name(layer, query, row):
    hits = search.search([layer], query)
    assert hits and hits[0].row == row


def test_no_false_match_and_english_untouched(layer):
    assert search.search([layer], "北京") == []
    assert [h.row for h in search.search([layer], "bangkok")] == [3]
    assert search.normalize("Đà Nẵng") == "da nang"
    assert search.fold_chinese("臺北 Bangkok") == "台北 Bangkok"


def test_a_lone_surrogate_does_not_break_search(layer):
    assert search.normalize("南寧\ud800x") == "南宁 x" or search.normalize("南寧\ud800x").startswith("南宁")
    assert search.search([layer], "\ud800南宁") is not None
