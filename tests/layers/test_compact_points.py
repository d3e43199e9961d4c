"""Compact point layers (issue 9): a big layer of plain 2D points is read as coordinate arrays
(:class:`~asean_atlas.layers.layer.PointTable`), never as a million shapely Points. The compact
path must give the same features, coordinates, warnings and errors as the reader's geometry path,
which is the reference here: each file is read both ways."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from asean_atlas.layers import cache as layer_cache
from asean_atlas.layers import io
from asean_atlas.layers.errors import CRSNeededError
from asean_atlas.layers.layer import Layer, PointTable
from asean_atlas.layers.temporal import TemporalSpec


@pytest.fixture
def small_threshold(monkeypatch):
    """Compact reading from 5 features, so small test files take the compact path."""
    monkeypatch.setattr(io, "COMPACT_POINTS_MIN", 5)


def _geojson(path, features, crs=None):
    doc = {"type": "FeatureCollection", "features": features}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(doc, allow_nan=True), encoding="utf-8")
    return path


def _pt(name, x, y, year=2020):
    geom = None if x is None else {"type": "Point", "coordinates": [x, y]}
    return {"type": "Feature", "properties": {"name": name, "year": year}, "geometry": geom}


def _both(path, **kwargs):
    compact, rc = io.read_frame(path, compact=True, **kwargs)
    generic, rg = io.read_frame(path, compact=False, **kwargs)
    assert isinstance(compact, PointTable), "the file should take the compact path"
    assert isinstance(generic, gpd.GeoDataFrame)
    return compact, rc, generic, rg


def _coords(frame: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    g = frame.geometry.values
    ok = ~(shapely.is_missing(g) | shapely.is_empty(g))
    x = np.full(len(g), np.nan)
    y = np.full(len(g), np.nan)
    x[ok], y[ok] = shapely.get_x(g[ok]), shapely.get_y(g[ok])
    return x, y


def _assert_same(compact, rc, generic, rg, atol=0.0):
    assert list(compact.columns) == [c for c in generic.columns if c != "geometry"]
    pd.testing.assert_frame_equal(compact.attributes, pd.DataFrame(generic.drop(columns="geometry")))
    x, y = _coords(generic)
    np.testing.assert_allclose(compact.lon, x, atol=atol, equal_nan=True)
    np.testing.assert_allclose(compact.lat, y, atol=atol, equal_nan=True)
    assert [str(w) for w in rc.warnings] == [str(w) for w in rg.warnings]
    assert [str(n) for n in rc.notes] == [str(n) for n in rg.notes]
    for field in ("features_read", "null_geometries", "dropped", "transformed", "driver", "z_features"):
        assert getattr(rc, field) == getattr(rg, field), field
    assert str(rc.source_crs) == str(rg.source_crs)


def test_plain_points_read_compactly_as_the_geometry_path_reads_them(tmp_path, small_threshold):
    feats = [_pt(f"p{i}", 100 + i * 0.5, 5 + i * 0.25, 2000 + i) for i in range(8)]
    feats += [_pt("none", None, None), _pt("beyond", 190.0, 10.0), _pt("south", -185.5, -20.0)]
    path = _geojson(tmp_path / "pts.geojson", feats)
    compact, rc, generic, rg = _both(path)
    _assert_same(compact, rc, generic, rg)
    assert len(compact) == 11
    assert math.isnan(compact.lon[8]) and math.isnan(compact.lat[8])
    assert compact.lon[9] == pytest.approx(-170.0) and compact.lon[10] == pytest.approx(174.5)
    assert any("beyond ±180°" in str(w) for w in rc.warnings)


def test_off_earth_and_non_finite_points_dropped_with_the_same_messages(tmp_path, small_threshold):
    # GDAL's GeoJSON reader refuses NaN and Infinity; GeoPackage keeps them
    pts = [shapely.Point(100 + i, 10) for i in range(8)] + [shapely.Point(100, 95), shapely.Point(np.inf, 3),
                                                           shapely.Point(np.nan, 4), None]
    frame = gpd.GeoDataFrame({"name": [f"n{i}" for i in range(12)]}, geometry=pts, crs=4326)
    path = tmp_path / "odd.gpkg"
    frame.to_file(path)
    compact, rc, generic, rg = _both(path)
    _assert_same(compact, rc, generic, rg)
    assert rc.dropped == 3  # latitude 95, the infinite one and the half-NaN one
    assert np.isnan(compact.lat[8]) and np.isnan(compact.lon[9]) and np.isnan(compact.lon[10])
    assert any("off the Earth" in str(w) for w in rc.warnings)
    assert any("not numbers" in str(w) for w in rc.warnings)


def test_projected_points_transformed_like_geopandas(tmp_path, small_threshold):
    x = np.linspace(600_000, 700_000, 12)
    y = np.linspace(1_500_000, 1_600_000, 12)
    frame = gpd.GeoDataFrame({"id": np.arange(12)}, geometry=shapely.points(x, y), crs=32647)
    path = tmp_path / "utm.fgb"
    frame.to_file(path)
    compact, rc, generic, rg = _both(path)
    _assert_same(compact, rc, generic, rg, atol=1e-9)
    assert rc.transformed and str(rc.source_crs) == "EPSG:32647"
    assert 99 < compact.lon.min() < compact.lon.max() < 101


def test_projected_numbers_without_a_crs_refused_with_the_same_error(tmp_path, small_threshold):
    frame = gpd.GeoDataFrame({"id": np.arange(10)}, geometry=shapely.points(np.linspace(6e5, 7e5, 10), np.full(10, 1.5e6)))
    path = tmp_path / "nocrs.fgb"
    frame.to_file(path)
    with pytest.raises(CRSNeededError) as compact:
        io.read_frame(path, compact=True)
    with pytest.raises(CRSNeededError) as generic:
        io.read_frame(path, compact=False)
    assert str(compact.value) == str(generic.value)
    assert "not longitude/latitude" in str(compact.value)


def test_degrees_under_a_projected_crs_refused_with_the_same_error(tmp_path, small_threshold):
    frame = gpd.GeoDataFrame({"id": np.arange(10)}, geometry=shapely.points(np.linspace(100, 101, 10), np.full(10, 13.0)),
                             crs=3857)
    path = tmp_path / "wrongcrs.fgb"
    frame.to_file(path)
    with pytest.raises(CRSNeededError) as compact:
        io.read_frame(path, compact=True)
    with pytest.raises(CRSNeededError) as generic:
        io.read_frame(path, compact=False)
    assert str(compact.value) == str(generic.value)
    # the user's answer (degrees after all) reads it
    table, report = io.read_frame(path, compact=True, crs="EPSG:4326")
    assert isinstance(table, PointTable) and table.lon.min() == pytest.approx(100)


def test_csv_with_swapped_columns_swapped_back(tmp_path, small_threshold):
    rows = ["name,lon,lat"] + [f"s{i},{10 + i * 0.1},{100 + i}" for i in range(10)]
    path = tmp_path / "swapped.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    compact, rc, generic, rg = _both(path)
    _assert_same(compact, rc, generic, rg)
    assert compact.lon[0] == pytest.approx(100) and compact.lat[0] == pytest.approx(10)
    assert any("swapped back" in str(w) for w in rc.warnings)


def test_lines_and_3d_points_keep_the_geometry_path(tmp_path, small_threshold):
    lines = gpd.GeoDataFrame({"id": range(6)}, geometry=[shapely.LineString([(100, i), (101, i)]) for i in range(6)], crs=4326)
    lines.to_file(tmp_path / "lines.fgb")
    assert isinstance(io.read_frame(tmp_path / "lines.fgb", compact=True)[0], gpd.GeoDataFrame)
    pz = gpd.GeoDataFrame({"id": range(6)}, geometry=shapely.points(np.arange(6) + 100.0, np.zeros(6), np.ones(6)), crs=4326)
    pz.to_file(tmp_path / "pz.fgb")
    assert isinstance(io.read_frame(tmp_path / "pz.fgb", compact=True)[0], gpd.GeoDataFrame)


def test_small_point_files_keep_the_geometry_path(tmp_path):
    path = _geojson(tmp_path / "few.geojson", [_pt(f"p{i}", 100 + i, 5) for i in range(8)])
    assert isinstance(io.read_frame(path, compact=True)[0], gpd.GeoDataFrame)


def _layers(tmp_path):
    n = 40
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(95, 140, n), rng.uniform(-10, 25, n)
    lon[5] = lat[5] = np.nan
    lon[7], lat[7] = 179.5, 0.0
    lon[8], lat[8] = -179.5, 1.0
    attrs = pd.DataFrame({"name": [f"site {i}" for i in range(n)], "year": 1995 + np.arange(n) % 30,
                          "confidence": ["low" if i % 9 == 0 else "high" for i in range(n)]})
    table = PointTable(attrs, lon, lat)
    return Layer(table, "compact"), Layer(table.to_frame(), "geometry")


def test_compact_layer_answers_as_the_geometry_layer(tmp_path):
    compact, plain = _layers(tmp_path)
    assert compact.compact and not plain.compact
    assert compact._frame is None
    assert compact.feature_count == plain.feature_count == 40
    assert compact.is_point_layer and compact.geometry_kind == plain.geometry_kind == "point"
    assert compact.bounds() == plain.bounds()
    assert compact.view_bounds() == pytest.approx(plain.view_bounds())
    for a, b in zip(compact.display_points(), plain.display_points()):
        np.testing.assert_array_equal(a, b)
    for box in [(100, 0, 120, 20), (170, -5, -170, 5)]:  # the second across ±180°
        np.testing.assert_array_equal(compact.in_bbox(box), plain.in_bbox(box))
    assert compact.in_bbox((170, -5, -170, 5)).sum() == 2
    assert compact.geometry_at(5) is None
    assert compact.geometry_at(7).equals(plain.geometry_at(7))
    assert compact.display_geometry(3).equals(plain.display_geometry(3))
    for lyr in (compact, plain):
        lyr.set_temporal(TemporalSpec("year"))
        lyr.set_filter("year >= 2000")
    np.testing.assert_array_equal(compact.time_mask(2010), plain.time_mask(2010))
    assert compact.time_mask(2010).sum() == plain.time_mask(2010).sum() > 0
    np.testing.assert_array_equal(compact.low_confidence(), plain.low_confidence())
    x, y = compact.display_points()[0][0]
    assert compact.index.nearest_within(x, y, 1.0) == plain.index.nearest_within(x, y, 1.0)
    assert compact._frame is None, "nothing above needed shapely geometries"
    # asked for, the frame is built once and equals the other layer's
    frame = compact.frame
    assert frame is compact.frame and frame.crs.to_epsg() == 4326
    assert frame.geometry.values[5] is None
    assert shapely.equals(frame.geometry.values[np.arange(40) != 5], plain.frame.geometry.values[np.arange(40) != 5]).all()


def test_point_table_round_trips_through_the_cache(tmp_path):
    compact, _ = _layers(tmp_path)
    src = tmp_path / "source.geojson"
    src.write_text("{}", encoding="utf-8")
    table = PointTable(compact.attributes, *compact.lonlat())
    report = io.LoadReport(source=str(src), features_read=40)
    written = layer_cache.store(src, None, None, None, table, report, directory=tmp_path / "cache")
    assert written is not None
    frame, again = layer_cache.load(src, directory=tmp_path / "cache")
    assert isinstance(frame, PointTable)
    pd.testing.assert_frame_equal(frame.attributes, table.attributes)
    np.testing.assert_array_equal(frame.lon, table.lon)
    np.testing.assert_array_equal(frame.lat, table.lat)
    assert again.features_read == 40
    clash = PointTable(pd.DataFrame({"__atlas_lon__": np.arange(40)}), table.lon, table.lat)
    assert layer_cache.store(src, "other", None, None, clash, report, directory=tmp_path / "cache") is None


def test_big_point_file_loads_as_a_compact_layer(tmp_path):
    n = io.COMPACT_POINTS_MIN + 10
    rng = np.random.default_rng(1)
    frame = gpd.GeoDataFrame({"name": [f"cell {i}" for i in range(n)], "year": rng.integers(1990, 2026, n)},
                             geometry=shapely.points(rng.uniform(95, 140, n), rng.uniform(-10, 25, n)), crs=4326)
    path = tmp_path / "cells.fgb"
    frame.to_file(path)
    layer = io.read_layer(path, cache=False)
    assert layer.compact and layer.feature_count == n
    assert layer.temporal is not None and layer.temporal.start_field == "year"
    assert layer._frame is None
    # FlatGeobuf stores features in its spatial index's order: compared by name
    back = dict(zip(layer.attributes["name"], layer.lonlat()[0]))
    np.testing.assert_array_equal([back[v] for v in frame["name"]], shapely.get_x(frame.geometry.values))


def test_empty_points_read_compactly_as_without_geometry(tmp_path, small_threshold):
    """A POINT EMPTY (and a NaN point) among plain points: shapely's get_x raises on an empty
    point, so the reader takes coordinates with get_coordinates (break-it pass, session 23)."""
    geoms = shapely.points(np.arange(10) + 100.0, np.arange(10) * 0.5).astype(object)
    geoms[3] = shapely.Point()
    geoms[6] = None
    frame = gpd.GeoDataFrame({"name": [f"s{i}" for i in range(10)]}, geometry=geoms, crs=4326)
    path = tmp_path / "empty.gpkg"
    frame.to_file(path)
    compact, rc, generic, rg = _both(path)
    _assert_same(compact, rc, generic, rg)
    assert np.isnan(compact.lon[[3, 6]]).all() and compact.lon[4] == 104.0
    assert "2 features without geometry" in str(rc.warnings[0])


def test_html_export_of_a_compact_layer(tmp_path):
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.export_options import ExportOptions
    from asean_atlas.layers.html_export import export_html, page_data

    n = 300
    lon = np.linspace(100, 110, n)
    lon[5] = np.nan
    table = PointTable(pd.DataFrame({"name": [f"cell {i}" for i in range(n)], "year": 2000 + np.arange(n) % 20}),
                       lon, np.linspace(0, 10, n))
    layer = Layer(table, "Cells", temporal=TemporalSpec("year"))
    doc = MapDocument()
    doc.add_layer(layer)
    out = export_html(doc, tmp_path / "cells.html", ExportOptions(year=2009, html_time_slider=False))
    data = page_data(out.read_text(encoding="utf-8"))
    feats = data["layers"][0]["fc"]["features"]
    shown = (2000 + np.arange(n) % 20 <= 2009) & ~np.isnan(lon)
    assert len(feats) == int(shown.sum())
    first = feats[0]
    assert first["properties"]["name"] == "cell 0" and first["geometry"]["coordinates"] == [100.0, 0.0]
    assert layer._frame is None  # no million shapely Points for an export either
