"""Attribute filters (issue 11 item 3): a safe expression language; the filter drives the map
(time_mask / drawn_mask), the time histogram and the exports."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.filter import FeatureFilter, FilterError, condition, filter_notes, quote_field
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.temporal import TemporalSpec


@pytest.fixture
def frame():
    return gpd.GeoDataFrame(
        {
            "name": ["Alpha", "beta", "Gamma", None, "delta"],
            "status": ["in service", "planned", "in service", "in service", ""],
            "year": pd.array([2001, 2015, 2020, None, 2024], dtype="Int64"),
            "owners": ["China Mobile; Singtel", "Telkom", "CHINA MOBILE", None, "PLDT"],
            "cable count": [1, 5, 3, 0, 2],
            "when": ["2001-05", "2015", "2020年5月", None, "bad"],
            "ok": [True, False, True, False, True],
        },
        geometry=[shapely.Point(i, i) for i in range(5)], crs=4326,
    )


@pytest.mark.parametrize("expr, rows", [
    ('status == "in service"', [0, 2, 3]),
    ("status = 'in service'", [0, 2, 3]),
    ("STATUS = 'in service' AND year >= 2015", [2]),
    ("status == 'in service' or year > 2020", [0, 2, 3, 4]),
    ("not status == 'in service'", [1, 4]),
    ("status != 'planned'", [0, 2, 3, 4]),
    ("status <> 'planned'", [0, 2, 3, 4]),
    ("2000 <= year < 2016", [0, 1]),
    ("year > 2010", [1, 2, 4]),
    ("2010 < year", [1, 2, 4]),
    ("year == null", [3]),
    ("year != null", [0, 1, 2, 4]),
    ("year != 2015", [0, 2, 4]),  # null != 2015 is unknown, not true
    ("contains(owners, 'china mobile')", [0, 2]),
    ("startswith(name, 'g')", [2]),
    ("is_empty(status)", [4]),
    ("is_empty(name) or is_empty(owners)", [3]),
    ("not is_empty(owners)", [0, 1, 2, 4]),
    ("name in ['Alpha', 'delta']", [0, 4]),
    ("name not in ['Alpha', 'delta']", [1, 2, 3]),
    ("year in [2001, 2024]", [0, 4]),
    ("`cable count` > 2", [1, 2]),
    ("year(when) >= 2015", [1, 2]),
    ("ok", [0, 2, 4]),
    ("ok == false", [1, 3]),
    ("true", [0, 1, 2, 3, 4]),
    ("(status == 'planned' or status == '') and `cable count` >= 2", [1, 4]),
    ("year == -5 or year > 2023", [4]),
])
def test_expressions(frame, expr, rows):
    assert np.flatnonzero(FeatureFilter(expr).mask(frame)).tolist() == rows


@pytest.mark.parametrize("expr, message", [
    ("", "empty"),
    ("nope == 1", "no attribute named 'nope'"),
    ("__import__('os').system('x')", "unknown function|not allowed"),
    ("name.upper() == 'A'", "unknown function|not allowed"),
    ("name.upper == 'A'", "not allowed"),
    ("open('/etc/passwd')", "unknown function"),
    ("eval('1')", "unknown function"),
    ("[x for x in name]", "not allowed"),
    ("lambda: 1", "not allowed"),
    ("name[0] == 'A'", "not allowed"),
    ("status == 'a' or", "syntax error"),
    ("contains(name)", "takes 2 arguments"),
    ("name in [name]", "only text and numbers"),
    ("status", "is not true/false"),
    ("year < null", "null only with"),
    ("`unclosed == 1", "back-quote"),
    ("(" * 300 + "1" + ")" * 300, "nested|syntax error"),
    ("x" * 3000, "longer than"),
    ("year + 1 > 2", "not allowed"),
    ("year > 'abc'", "holds numbers: compare it with a number"),
    ("status == 'a' and", "ends too early"),
])
def test_bad_expressions_are_refused_clearly(frame, expr, message):
    with pytest.raises(FilterError, match=message):
        FeatureFilter(expr).mask(frame)


def test_builder_conditions_round_trip(frame):
    assert condition("status", "=", "in service") == "status == 'in service'"
    assert condition("year", "≥", "2015") == "year >= 2015"
    assert condition("cable count", "<", "3") == "`cable count` < 3"
    assert condition("name", "in list", "Alpha, delta") == "name in ['Alpha', 'delta']"
    assert condition("owners", "contains", "it's") == 'contains(owners, "it\'s")'
    assert condition("name", "is empty") == "is_empty(name)"
    assert condition("name", "is not empty") == "not is_empty(name)"
    assert condition("year", "<", "1,000") == "year < 1000"  # thousands separators
    assert condition("name", "=", "1,2") == "name == '1,2'"
    assert np.flatnonzero(FeatureFilter("year > '2010'").mask(frame)).tolist() == [1, 2, 4]
    for f, op, v, rows in [("year", "≥", "2015", [1, 2, 4]), ("owners", "contains", "mobile", [0, 2]),
                           ("name", "in list", "Alpha, delta", [0, 4]), ("status", "≠", "planned", [0, 2, 3, 4])]:
        assert np.flatnonzero(FeatureFilter(condition(f, op, v)).mask(frame)).tolist() == rows
    with pytest.raises(FilterError):
        quote_field("a`b")


def test_layer_filter_drives_masks_histogram_and_notes(frame):
    layer = Layer(frame, "test", temporal=TemporalSpec("year"))
    doc = MapDocument()
    doc.add_layer(layer)
    before = layer.time_mask(None).sum()
    layer.set_filter("status == 'in service'")
    assert layer.filter.expression == "status == 'in service'"
    assert layer.time_mask(None).tolist() == [True, False, True, True, False]
    # as of 2016: 2001 in service; 2020 not yet; the undated row is shown (the default policy)
    assert layer.drawn_mask(2016).tolist() == [True, False, False, True, False]
    _, counts = doc.time.histogram([layer])
    assert int(counts[layer.id].sum()) == 2  # 2001 and 2020 pass; 2015 (planned) and 2024 ("") do not
    assert filter_notes([layer]) == ["filtered: test: status == 'in service'"]
    # a bad expression leaves the filter as it was
    with pytest.raises(FilterError):
        layer.set_filter("nope > 1")
    assert layer.filter.expression == "status == 'in service'"
    layer.set_filter(None)
    assert layer.time_mask(None).sum() == before and filter_notes([layer]) == []
    layer.set_filter("   ")
    assert layer.filter is None


def test_hostile_pass_regressions():
    """Found by trying to break the filter (issue 11): every failure is a FilterError with a
    message, never a traceback; != works on every numeric kind of column."""
    f = gpd.GeoDataFrame(
        {"km": [1.0, 2.0, float("nan")], "n32": np.array([1, 2, 3], dtype="int32"), "flag": [True, False, True],
         "name": ["a", "b", None], "blob": [b"\xff\x00", b"x", None],
         "when": pd.to_datetime(["2020-01-01", "2021-01-01", None]), "Geometry": ["g", "h", "i"]},
        geometry=[shapely.Point(0, 0)] * 3, crs=4326,
    )
    assert FeatureFilter("km != 1").mask(f).tolist() == [False, True, False]
    assert FeatureFilter("n32 <> 2").mask(f).tolist() == [True, False, True]
    assert FeatureFilter("flag != true").mask(f).tolist() == [False, True, False]
    for bad, msg in [("n32 == [1, 2]", "a list goes with in"), ("name < km", "cannot evaluate"),
                     ("when < n32", "cannot evaluate"), ("name == '\\ud800'", "cannot evaluate"),
                     ("contains(blob, 'x')", "cannot evaluate"), ("is_empty(blob)", "cannot evaluate"),
                     ("(km", "cannot read"), (" or ".join(["km == 1"] * 40), "at most 32")]:
        with pytest.raises(FilterError, match=msg):
            FeatureFilter(bad).mask(f)
    # the geometry column is never an attribute; "Geometry" (an attribute) is
    assert FeatureFilter("geometry == 'g'").mask(f).tolist() == [True, False, False]
    # builder: text stays text on a text column, long integers exact
    assert condition("name", "in list", "007, 008", numeric=False) == "name in ['007', '008']"
    assert condition("n32", "=", "9007199254740993") == "n32 == 9007199254740993"
