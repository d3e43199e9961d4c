"""Categorized and graduated renderers (issue 11 item 4): mapclassify breaks, labels, ramps."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from asean_atlas.layers.classify import (
    QUALITATIVE,
    StyleError,
    categorized_style,
    class_edges,
    graduated_style,
    ramp,
    single_style,
)
from asean_atlas.layers.style import Style


def test_quantiles_equal_interval_natural_breaks():
    y = np.arange(1, 101, dtype=float)
    assert class_edges(y, "equal interval", 4) == (1.0, 25.75, 50.5, 75.25, 100.0)
    q = class_edges(y, "quantiles", 4)
    assert q[0] == 1 and q[-1] == 100 and q[2] == pytest.approx(50.5)
    # two clear clusters: natural breaks split between them
    two = np.r_[np.full(50, 1.0) + np.arange(50) * 0.01, np.full(50, 100.0) + np.arange(50) * 0.01]
    nb = class_edges(two, "natural breaks", 2)
    assert nb[0] == 1.0 and 1.49 <= nb[1] < 100 and nb[-1] == pytest.approx(100.49)


def test_few_distinct_values_and_minimum_class():
    y = [1, 1, 1, 2, 4, 4, 11, 18, None, "x"]
    e = class_edges(y, "natural breaks", 4)
    assert e[0] == 1 and e[-1] == 18 and len(e) <= 5
    st = graduated_style(Style(), pd.DataFrame({"v": y}), "v", "natural breaks", 4)
    keys = st.class_keys(pd.DataFrame({"v": y}))
    assert keys[-1] == "" and keys[-2] == ""  # missing and text: no class (base colour)
    assert set(keys[:8]) <= set(st.categories)
    assert class_edges([5, 5, 5], "quantiles", 3) == (5.0, 5.0)


def test_graduated_keys_labels_and_colours():
    f = pd.DataFrame({"v": [0, 5, 10, 15, 20, 25, 30, 35, 40, 45]})
    st = graduated_style(Style(color="#123456"), f, "v", "equal interval", 3, "Blues")
    assert st.graduated_edges == (0.0, 15.0, 30.0, 45.0)
    assert list(st.categories) == ["0 – 15", "15 – 30", "30 – 45"]
    assert st.class_keys(f).tolist() == ["0 – 15"] * 4 + ["15 – 30"] * 3 + ["30 – 45"] * 3
    cols = list(st.categories.values())
    assert cols == ramp("Blues", 3) and len(set(cols)) == 3
    assert st.color == "#123456"  # the base colour stays (values outside the classes)
    back = Style.from_dict(st.to_dict())
    assert back == st and isinstance(back.graduated_edges, tuple)


def test_categorized_and_single():
    f = pd.DataFrame({"s": ["b", "a", "b", None, "c", "b"]})
    st = categorized_style(Style(), f, "s", "Dark2")
    assert st.categories == {"a": QUALITATIVE["Dark2"][0], "b": QUALITATIVE["Dark2"][1], "c": QUALITATIVE["Dark2"][2]}
    assert st.class_keys(f).tolist() == ["b", "a", "b", "", "c", "b"]
    assert single_style(st).categorized_field is None and single_style(st).categories == {}
    # numbers sort as numbers
    n = categorized_style(Style(), pd.DataFrame({"n": [10, 9, 100]}), "n")
    assert list(n.categories) == ["9", "10", "100"]


@pytest.mark.parametrize("call, msg", [
    (lambda f: graduated_style(Style(), f, "nope"), "no attribute"),
    (lambda f: graduated_style(Style(), f, "t"), "no numeric value"),
    (lambda f: graduated_style(Style(), f, "v", "median", 3), "unknown classification"),
    (lambda f: graduated_style(Style(), f, "v", "quantiles", 12), "2 to 9"),
    (lambda f: graduated_style(Style(), f, "v", "quantiles", 3, "Rainbow"), "unknown colour ramp"),
    (lambda f: categorized_style(Style(), f, "t", "Nope"), "unknown palette"),
])
def test_errors(call, msg):
    f = pd.DataFrame({"v": [1.0, 2.0, 3.0], "t": ["a", "b", "c"]})
    with pytest.raises(StyleError, match=msg):
        call(f)


def test_dashed_style_flag():
    st = dataclasses.replace(Style(), dashed=True)
    assert st.is_dashed("") and st.legend_entries() == [("", st.color, True)]


def test_hostile_pass_regressions():
    f = pd.DataFrame({"b": [b"\xff\x00", b"ok", None], "v": [0.1230, 0.1234, 0.1239], "huge": [-1.7e308, 0.0, 1.7e308]})
    st = categorized_style(Style(), f, "b")  # bytes (a BLOB column) do not break classes
    assert len(st.class_keys(f)) == 3 and "ok" in st.categories
    with pytest.raises(StyleError, match="span more than a float"):
        class_edges(f["huge"], "equal interval", 3)
    g = graduated_style(Style(), pd.DataFrame({"v": np.linspace(0.1230, 0.1239, 50)}), "v", "quantiles", 5)
    assert len(set(g.categories)) == len(g.categories) == 5  # close edges keep distinct labels and colours


@pytest.mark.parametrize("seed,k", [(0, 5), (1, 3), (2, 9), (3, 4)])
def test_quantile_edges_are_mapclassify_quantiles(seed, k):
    """class_edges computes quantiles itself (mapclassify's import takes ~2 s): the same bins."""
    import warnings

    import mapclassify
    import numpy as np

    from asean_atlas.layers.classify import class_edges

    rng = np.random.default_rng(seed)
    for y in (rng.lognormal(3, 1, 1000), rng.integers(0, 7, 500).astype(float), np.r_[np.ones(50), np.arange(10.0)]):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bins = mapclassify.Quantiles(y, k=min(k, np.unique(y).size)).bins  # as class_edges caps k
        expected = [float(y.min())] + [float(b) for b in bins]
        merged = expected[:2] + [e for i, e in enumerate(expected[2:], 2) if e > max(expected[:i])]
        assert class_edges(y, "quantiles", k) == pytest.approx(tuple(merged))
