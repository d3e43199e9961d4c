"""Issue 4 corpus, geometry (repair, null/empty, mixed, Z, antimeridian) and attributes."""

import json
import re

import numpy as np
import pytest
import shapely

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.html_export import build_map, feature_collection
from asean_atlas.layers.io import read_layer


#: a NaN as a JSON/JS value (Leaflet's own code says isNaN and "cannot be NaN")
NAN_VALUE = re.compile(r"[:\[,(]\s*NaN\b")


def _fc(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def _f(geom, **props) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geom}


def test_unclosed_ring_is_closed_and_counted(tmp_path):
    path = tmp_path / "unclosed.geojson"
    square = {"type": "Polygon", "coordinates": [[[100, 0], [101, 0], [101, 1], [100, 1]]]}
    ok = {"type": "Point", "coordinates": [100, 5]}
    path.write_text(_fc(_f(square, name="open"), _f(ok, name="fine")))
    layer = read_layer(path)
    assert layer.feature_count == 2
    g = layer.frame.geometry.iloc[0]
    assert g.geom_type == "Polygon" and g.area == pytest.approx(1.0)
    assert layer.report.repaired == 1 and "1 unclosed rings closed" in layer.report.summary()


def test_ring_with_too_few_points_keeps_the_row(tmp_path):
    path = tmp_path / "degenerate.geojson"
    bad = {"type": "Polygon", "coordinates": [[[100, 0], [101, 0]]]}
    path.write_text(_fc(_f(bad, name="line-ish"), _f({"type": "Point", "coordinates": [1, 1]}, name="pt")))
    layer = read_layer(path)
    assert layer.feature_count == 2 and list(layer.frame["name"]) == ["line-ish", "pt"]
    assert layer.frame.geometry.iloc[1].x == 1.0


def test_null_and_empty_geometries_kept_and_not_exported(tmp_path):
    path = tmp_path / "nulls.geojson"
    path.write_text(_fc(
        _f(None, name="null"),
        _f({"type": "Polygon", "coordinates": []}, name="empty"),
        _f({"type": "Point", "coordinates": [100, 10]}, name="point"),
    ))
    layer = read_layer(path)
    assert layer.feature_count == 3 and layer.report.null_geometries == 2
    fc = json.loads(feature_collection(layer))
    assert [f["properties"]["name"] for f in fc["features"]] == ["point"]
    assert layer.bounds() == (100.0, 10.0, 100.0, 10.0)


def test_mixed_types_and_geometry_collection(tmp_path):
    path = tmp_path / "mixed.geojson"
    gc = {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [100, 1]},
        {"type": "LineString", "coordinates": [[100, 1], [101, 2]]},
    ]}
    path.write_text(_fc(
        _f({"type": "Point", "coordinates": [100, 0]}, k="pt"),
        _f({"type": "LineString", "coordinates": [[100, 0], [102, 0]]}, k="line"),
        _f({"type": "MultiPolygon", "coordinates": [[[[100, 0], [101, 0], [101, 1], [100, 0]]]]}, k="mpoly"),
        _f(gc, k="gc"),
    ))
    layer = read_layer(path)
    assert list(layer.frame.geometry.geom_type) == ["Point", "LineString", "MultiPolygon", "GeometryCollection"]
    assert layer.geometry_kind == "mixed"
    fc = json.loads(feature_collection(layer))
    assert [f["geometry"]["type"] for f in fc["features"]] == ["Point", "LineString", "MultiPolygon", "GeometryCollection"]


def test_z_kept_in_data_dropped_for_display(tmp_path):
    path = tmp_path / "z.geojson"
    path.write_text(_fc(_f({"type": "LineString", "coordinates": [[100, 0, 5], [101, 1, -40]]}, name="z")))
    layer = read_layer(path)
    g = layer.frame.geometry.iloc[0]
    assert g.has_z and list(shapely.get_coordinates(g, include_z=True)[:, 2]) == [5.0, -40.0]
    assert not layer.display_geometries()[0].has_z
    assert "Z values kept in the data (1 features), drawn in 2D" in layer.report.summary()
    assert json.loads(feature_collection(layer))["features"][0]["geometry"]["coordinates"] == [[100, 0], [101, 1]]


def test_polygon_jumping_across_antimeridian_is_split(tmp_path):
    path = tmp_path / "fiji.geojson"
    ring = [[178, -17], [-179, -17], [-179, -16], [178, -16], [178, -17]]
    path.write_text(_fc(_f({"type": "Polygon", "coordinates": [ring]}, name="fiji-ish")))
    layer = read_layer(path)
    g = layer.frame.geometry.iloc[0]
    assert layer.report.antimeridian_split == 1 and g.geom_type == "MultiPolygon"
    assert g.area == pytest.approx(3.0)  # 2° + 1° wide, 1° tall: the short way round


def test_attributes_nested_case_codes(tmp_path):
    path = tmp_path / "attrs.geojson"
    props = {"name": "a", "Name": "b", "NAME": "c", "code": "007", "owners": ["China Mobile", "CAT"],
             "meta": {"rfs": 2017, "km": [1, 2]}, "geometry": "attribute, not the geometry"}
    path.write_text(_fc(_f({"type": "Point", "coordinates": [100, 0]}, **props)))
    layer = read_layer(path)
    row = layer.frame.iloc[0]
    assert (row["name"], row["Name"], row["NAME"]) == ("a", "b", "c")
    assert row["code"] == "007"
    assert json.loads(row["owners"]) == ["China Mobile", "CAT"]
    assert json.loads(row["meta"]) == {"rfs": 2017, "km": [1, 2]}
    assert row["geometry_attribute"] == "attribute, not the geometry"
    assert layer.frame.geometry.iloc[0].x == 100.0
    props_out = json.loads(feature_collection(layer))["features"][0]["properties"]
    assert props_out["code"] == "007" and props_out["owners"] == '["China Mobile", "CAT"]'


def test_dates_and_missing_values_in_html_export(tmp_path):
    path = tmp_path / "dates.geojson"
    path.write_text(_fc(
        _f({"type": "Point", "coordinates": [100, 0]}, name="a", day="2021-03-04", at="2021-03-04T05:06:07Z", x=1.5),
        _f({"type": "Point", "coordinates": [101, 1]}, name="b", day=None, at=None, x=None),
    ))
    layer = read_layer(path)
    props = [f["properties"] for f in json.loads(feature_collection(layer))["features"]]
    # dates as the file writes them (GDAL's DATE_AS_STRING, issue 8)
    assert props[0]["day"] == "2021-03-04" and props[0]["at"] == "2021-03-04T05:06:07Z"
    assert props[1]["day"] is None and props[1]["at"] is None and props[1]["x"] is None
    doc = MapDocument(title="t")
    doc.add_layer(layer)
    html = build_map(doc, ExportOptions(width=400, height=300, bbox=(99, -1, 102, 2))).get_root().render()
    assert "2021-03-04" in html and not NAN_VALUE.search(html)


def test_empty_collection_note_and_export(tmp_path):
    path = tmp_path / "no_features.geojson"
    path.write_text(_fc())
    layer = read_layer(path)
    assert layer.feature_count == 0 and layer.bounds() is None
    assert "no features (an empty layer)" in layer.report.summary()
    doc = MapDocument(title="t")
    doc.add_layer(layer)
    html = build_map(doc, ExportOptions(width=400, height=300, bbox=(99, -1, 102, 2))).get_root().render()
    assert not NAN_VALUE.search(html) and "no_features" in html


def test_single_point_layer(tmp_path):
    path = tmp_path / "one.geojson"
    path.write_text(_fc(_f({"type": "Point", "coordinates": [108.318, 22.822]}, name="Nanning")))
    layer = read_layer(path)
    assert layer.bounds() == pytest.approx((108.318, 22.822, 108.318, 22.822))
    assert np.all(np.isfinite(layer.bounds()))


def test_seam_aware_bounds_of_a_layer_across_the_antimeridian(tmp_path):
    from asean_atlas.layers.geometry import seam_aware_bounds

    path = tmp_path / "pacific.geojson"
    path.write_text(_fc(
        _f({"type": "LineString", "coordinates": [[170, 0], [-170, 10]]}, name="jumps"),
        _f({"type": "Point", "coordinates": [175, -5]}, name="east"),
    ))
    layer = read_layer(path)
    assert layer.bounds() == pytest.approx((-180, -5, 180, 10))  # naive: the whole world
    assert seam_aware_bounds(layer.frame.geometry.values) == pytest.approx((170, -5, -170, 10))
    # a layer away from the seam keeps its ordinary box
    near = np.array([shapely.Point(100, 1), shapely.LineString([(101, 2), (105, 3)])], dtype=object)
    assert seam_aware_bounds(near) == (100.0, 1.0, 105.0, 3.0)
    assert seam_aware_bounds(np.array([None, shapely.Point()], dtype=object)) is None


def test_seam_aware_bounds_of_pre_split_real_cables(cables_path):
    from asean_atlas.layers.geometry import seam_aware_bounds

    layer = read_layer(cables_path)
    w, s, e, n = seam_aware_bounds(layer.frame.geometry.values)
    # cables circle the globe: no stretch of longitude is free, so the box is the world's
    assert w == pytest.approx(-180, abs=0.01) and e == pytest.approx(180, abs=0.01)
    # Southern Cross (Sydney - Fiji - Hawaii - California), pre-split at ±180 in the file: its box
    # crosses the seam instead of spanning the world
    sccn = layer.frame[layer.frame["name"] == "Southern Cross Cable Network (SCCN)"]
    assert layer.bounds() is not None and sccn.geometry.iloc[0].bounds[0] < -179.9
    w2, s2, e2, n2 = seam_aware_bounds(sccn.geometry.values)
    assert w2 == pytest.approx(151.196, abs=0.01) and e2 == pytest.approx(-120.847, abs=0.01)
    assert s2 == pytest.approx(-36.79, abs=0.01) and n2 == pytest.approx(45.86, abs=0.01)


def test_pacific_centred_longitudes_are_wrapped_and_split(tmp_path):
    path = tmp_path / "pacific360.geojson"
    path.write_text(_fc(
        _f({"type": "LineString", "coordinates": [[170, 0], [190, 10]]}, name="across"),
        _f({"type": "Point", "coordinates": [200, 5, 12]}, name="east, with Z"),
    ))
    layer = read_layer(path)
    line, pt = layer.frame.geometry
    assert line.geom_type == "MultiLineString" and layer.report.antimeridian_split == 1
    assert shapely.get_coordinates(line)[:, 0].max() <= 180 and shapely.get_coordinates(line)[:, 0].min() >= -180
    assert (pt.x, pt.y, pt.z) == (-160.0, 5.0, 12.0)
    assert "moved by 360° into -180..180" in layer.report.summary() and layer.report.warnings
