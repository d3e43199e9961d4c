"""The grid index of point layers (issue 9) answers as the STRtree index does."""

import numpy as np
import pytest
import shapely
import geopandas as gpd

from asean_atlas.layers.identify import FeatureIndex, PointIndex
from asean_atlas.layers.layer import Layer


def test_point_index_matches_the_strtree_index():
    rng = np.random.default_rng(3)
    xy = np.round(rng.uniform(0, 1000, (5000, 2)), 1)
    xy[100] = xy[101] = xy[102] = (500.0, 500.0)  # facilities sharing a point
    rows = np.arange(len(xy))
    grid = PointIndex(xy, rows)
    tree = FeatureIndex(shapely.points(xy))
    mask = rng.random(len(xy)) < 0.8
    mask[100:103] = True
    for x, y in list(rng.uniform(-20, 1020, (300, 2))) + [(500.0, 500.0), (-500.0, 0.0)]:
        for tol in (0.5, 7.0, 40.0):
            assert grid.all_within(x, y, tol).tolist() == tree.all_within(x, y, tol).tolist()
            assert grid.all_within(x, y, tol, mask).tolist() == tree.all_within(x, y, tol, mask).tolist()
            assert grid.nearest_within(x, y, tol, mask) == tree.nearest_within(x, y, tol, mask)
    assert grid.all_within(500.0, 500.0, 0.1).tolist() == [100, 101, 102]


def test_point_layer_uses_one_compact_copy():
    frame = gpd.GeoDataFrame({"name": ["a", "b", "c"]},
                             geometry=[shapely.Point(100, 10), None, shapely.Point(101, 11)], crs=4326)
    layer = Layer(frame, "pts")
    assert layer.is_point_layer and not layer.prepared
    layer.prepare()
    xy, rows = layer.display_points()
    assert rows.tolist() == [0, 2] and xy.shape == (2, 2)
    assert isinstance(layer.index, PointIndex)
    assert layer.index.nearest_within(*xy[1], 10.0) == 2
    assert layer.display_geometry(1) is None and layer.display_geometry(2).x == pytest.approx(xy[1, 0])


def test_empty_and_single_point_layers():
    assert PointIndex(np.empty((0, 2)), np.empty(0, dtype=int)).all_within(0, 0, 10).size == 0
    one = PointIndex(np.array([[5.0, 5.0]]), np.array([7]))
    assert one.nearest_within(5.0, 6.0, 2.0) == 7 and one.nearest_within(50.0, 50.0, 2.0) is None
