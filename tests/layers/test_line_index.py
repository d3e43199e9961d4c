"""Line and polygon layers keep one copy of their vertices (issue 9, peak memory): the identify
index holds display bounding boxes and projects a query's candidates, answering exactly as an
STRtree over the projected geometries does."""

import geopandas as gpd
import numpy as np
import shapely

from asean_atlas.layers.geometry import row_chunks
from asean_atlas.layers.identify import FeatureIndex
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.projection import lonlat_to_display, project_geometries


def _layer() -> Layer:
    rng = np.random.default_rng(5)
    n, k = 400, 30
    x0, y0 = rng.uniform(95, 135, n), rng.uniform(-8, 25, n)
    steps = rng.normal(0, 0.2, (n, k, 2)).cumsum(axis=1)
    coords = np.stack([x0[:, None] + steps[..., 0], y0[:, None] + steps[..., 1]], axis=-1).reshape(-1, 2)
    geoms = shapely.linestrings(coords, indices=np.repeat(np.arange(n), k)).astype(object)
    geoms[3] = None
    geoms[4] = shapely.LineString()
    geoms[5] = shapely.MultiLineString([[(100, 0), (101, 1)], [(120, 5), (121, 7)]])  # far-apart parts
    geoms[6] = shapely.Polygon([(110, 10), (112, 10), (112, 12), (110, 12)])
    geoms[7] = shapely.Point(115, 15)
    return Layer(gpd.GeoDataFrame({"id": np.arange(n)}, geometry=list(geoms), crs=4326), "lines")


def test_box_index_answers_as_the_projected_strtree():
    layer = _layer()
    index = layer.index
    exact = FeatureIndex(project_geometries(layer.frame.geometry.values))
    rng = np.random.default_rng(1)
    mask = rng.random(layer.feature_count) < 0.7
    x, y = lonlat_to_display(rng.uniform(94, 136, 300), rng.uniform(-9, 26, 300))
    x, y = np.append(x, lonlat_to_display([100.5, 111], [0.5, 11])[0]), np.append(y, lonlat_to_display([100.5, 111], [0.5, 11])[1])
    found = 0
    for px, py in zip(x.tolist(), y.tolist()):
        for tol in (500.0, 20_000.0, 150_000.0):
            got = index.all_within(px, py, tol)
            assert got.tolist() == exact.all_within(px, py, tol).tolist()
            assert index.all_within(px, py, tol, mask).tolist() == exact.all_within(px, py, tol, mask).tolist()
            found += got.size
    assert found > 100  # the queries did reach features
    # inside the MultiLineString's box, far from both of its parts: not identified
    mx, my = lonlat_to_display([110.5], [3.0])
    assert 5 not in index.all_within(float(mx[0]), float(my[0]), 20_000.0).tolist()
    mx, my = lonlat_to_display([111.0], [11.0])  # inside the polygon
    assert 6 in index.all_within(float(mx[0]), float(my[0]), 1.0).tolist()


def test_intersecting_gives_the_first_rows_meeting_a_box_with_their_projected_geometries():
    layer = _layer()
    display = project_geometries(layer.frame.geometry.values)
    mask = np.ones(layer.feature_count, dtype=bool)
    mask[::3] = False
    x0, y0 = lonlat_to_display([104.0], [2.0])
    x1, y1 = lonlat_to_display([118.0], [14.0])
    box = (float(x0[0]), float(y0[0]), float(x1[0]), float(y1[0]))
    want = np.flatnonzero(mask & ~shapely.is_missing(display) & shapely.intersects(display, shapely.box(*box)))
    assert 20 < want.size < layer.feature_count
    for limit in (None, 1, 7, want.size + 5):
        rows, geoms = layer.index.intersecting(box, mask, limit)
        expect = want if limit is None else want[:limit]
        assert rows.tolist() == expect.tolist()
        assert all(g.equals_exact(d, 1e-6) for g, d in zip(geoms, display[rows]))
    # the MultiLineString's box covers the view, its parts do not meet it
    rows, _ = layer.index.intersecting(box)
    assert 5 not in rows.tolist()


def test_display_geometries_are_projected_on_request_and_not_kept():
    layer = _layer()
    rows = np.array([0, 6, 3])
    got = layer.display_geometries(rows)
    assert got[2] is None
    assert got[0].equals_exact(project_geometries(layer.frame.geometry.values[[0]])[0], 1e-6)
    assert layer.display_geometry(6).equals_exact(got[1], 1e-6)
    assert not hasattr(layer, "_display")


def test_row_chunks_cover_every_row_within_the_vertex_budget():
    geoms = np.array([shapely.LineString([(0, 0), (1, i + 1)] + [(2, j) for j in range(i % 7)]) for i in range(50)]
                     + [None, shapely.LineString([(0, 0)] * 2 + [(1, 1)] * 40)], dtype=object)
    counts = shapely.get_num_coordinates(geoms)
    chunks = list(row_chunks(geoms, 20))
    assert chunks[0][0] == 0 and chunks[-1][1] == len(geoms)
    assert all(a < b for a, b in chunks) and all(b == c for (_, b), (c, _) in zip(chunks, chunks[1:]))
    for a, b in chunks:
        assert counts[a:b].sum() <= 20 or b - a == 1
    assert list(row_chunks(np.empty(0, dtype=object))) == []


def test_candidates_are_tested_in_lonlat_before_projection_near_the_seam_and_the_poles():
    """The lon/lat pre-test keeps every feature the exact test would find: at ±180° (the query's
    box runs past the seam) and beyond Web Mercator's 85.05° (drawn at the edge)."""
    from asean_atlas.layers.layer import _lonlat_box

    geoms = [shapely.LineString([(179.9, 10), (179.99, 10.5)]), shapely.LineString([(-179.99, 10), (-179.9, 10.5)]),
             shapely.LineString([(10, 88), (20, 89)]), shapely.LineString([(10, -88), (20, -89)]),
             shapely.LineString([(100, 5), (101, 6)])]
    layer = Layer(gpd.GeoDataFrame({"id": range(5)}, geometry=geoms, crs=4326), "edges")
    exact = FeatureIndex(project_geometries(layer.frame.geometry.values))
    x, y = lonlat_to_display([180.0, -180.0, 15.0, 15.0, 100.5], [10.2, 10.2, 85.0, -85.0, 5.5])
    for px, py in zip(x.tolist(), y.tolist()):
        for tol in (1_000.0, 30_000.0, 500_000.0):
            assert layer.index.all_within(px, py, tol).tolist() == exact.all_within(px, py, tol).tolist()
    assert layer.index.all_within(float(x[2]), float(y[2]), 100_000.0).tolist() == [2]  # drawn at 85.05°
    w, s, e, n = _lonlat_box((19.9e6, 0.0, 20.1e6, 1e5))
    assert (w, e) == (-180.0, 180.0) and 0 <= s < n < 1
    assert _lonlat_box((0.0, 19e6, 1e5, 20.1e6))[3] == 90.0


def test_a_feature_at_exactly_the_tolerance_is_found():
    """distance <= tolerance: a feature exactly at the tolerance is identified, although the
    query square's edges are rounded (break-it pass, session 24: 18 of ~190,000 queries missed)."""
    layer = _layer()
    display = project_geometries(layer.frame.geometry.values)
    rng = np.random.default_rng(9)
    x, y = lonlat_to_display(rng.uniform(94, 136, 400), rng.uniform(-9, 26, 400))
    for px, py in zip(x.tolist(), y.tolist()):
        d = shapely.distance(display, shapely.Point(px, py))
        row = int(np.nanargmin(d))
        assert row in layer.index.all_within(px, py, float(d[row])).tolist()


def test_the_query_square_is_not_cut_short_by_rounding():
    """A case found by search where ``y + distance`` rounds below the line's y: the box query
    must still reach the line (both index kinds)."""
    py, line_y = -287901.9238241934, -203600.29537990896
    line = shapely.LineString([(0.0, line_y), (10.0, line_y)])
    d = float(shapely.distance(line, shapely.Point(5.0, py)))
    assert py + d < line_y  # the rounding this test is about
    geoms = np.array([line], dtype=object)
    boxes = np.array([shapely.bounds(line)])
    for index in (FeatureIndex(geoms), FeatureIndex(geoms, boxes, lambda g: g)):
        assert index.all_within(5.0, py, d).tolist() == [0]
