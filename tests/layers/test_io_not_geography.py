"""Values that are not geography are reported or refused, never drawn silently (issue 8, item 4)."""

import json

import numpy as np
import pytest
import shapely

from asean_atlas.desktop.cli import main
from asean_atlas.layers.errors import CRSNeededError
from asean_atlas.layers.io import read_layer

GOOD = [[100 + i, 10] for i in range(6)]


def _write(path, features, crs=None):
    fc = {"type": "FeatureCollection", "features": features}
    if crs:
        fc["crs"] = {"type": "name", "properties": {"name": crs}}
    # json.dumps writes NaN / Infinity tokens, as a careless exporter would
    path.write_text(json.dumps(fc), encoding="utf-8")
    return path


def _pt(name, xy):
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Point", "coordinates": xy}}


def _line(name, coords):
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "LineString", "coordinates": coords}}


def test_bad_features_dropped_named_and_counted(tmp_path):
    path = _write(tmp_path / "mixed.geojson", [
        *[_pt(f"g{i}", xy) for i, xy in enumerate(GOOD)],
        _line("inf line", [[100, 10], [float("inf"), 11], [102, 12]]),
        _pt("far", [600, 10]),
        _pt("huge", [1e308, 10]),
        _pt("north", [100, 95]),
    ])
    layer = read_layer(path, cache=False)
    rep = layer.report
    assert layer.feature_count == 10  # every row stays in the attribute table
    drawn = ~(shapely.is_missing(layer.frame.geometry.values))
    assert drawn.sum() == 6 and rep.dropped == 4
    assert layer.frame["name"][~drawn].tolist() == ["inf line", "far", "huge", "north"]
    text = " | ".join(rep.warnings)
    assert 'feature 7 ("inf line")' in text and "NaN or Infinity" in text
    assert 'feature 8 ("far")' in text and 'feature 9 ("huge")' in text and 'feature 10 ("north")' in text
    assert "longitude beyond ±540° or latitude beyond ±90°" in text
    assert "6 drawn, 4 dropped (not geography)" in rep.summary()
    # nothing beyond the limits reaches the map
    b = layer.bounds()
    assert b == pytest.approx((100, 10, 105, 10))


def test_nan_point_reads_as_without_geometry_and_is_reported(tmp_path):
    path = _write(tmp_path / "nan.geojson", [*[_pt(f"g{i}", xy) for i, xy in enumerate(GOOD)], _pt("nan", [float("nan"), 10])])
    layer = read_layer(path, cache=False)
    assert layer.report.null_geometries == 1
    assert any('feature 7 ("nan")' in w and "without geometry" in w for w in layer.report.warnings)


def test_longitudes_up_to_540_wrap_with_a_warning(tmp_path):
    path = _write(tmp_path / "pacific.geojson", [_pt("a", [500, 10]), _pt("b", [-500, -10]), _pt("c", [190, 0])])
    layer = read_layer(path, cache=False)
    xs = [g.x for g in layer.frame.geometry]
    assert xs == pytest.approx([140, -140, -170])
    assert any("moved by 360° into -180..180" in w for w in layer.report.warnings)


def test_mostly_out_of_range_still_asks_for_a_crs(tmp_path):
    path = _write(tmp_path / "utm.geojson", [_pt("a", [662000, 1521000]), _pt("b", [663000, 1522000]), _pt("c", [100, 10])])
    with pytest.raises(CRSNeededError, match="not longitude/latitude"):
        read_layer(path, cache=False)


def test_projected_value_off_the_earth_is_dropped(tmp_path):
    path = _write(
        tmp_path / "utm47.geojson",
        [_pt("Bangkok", [662000, 1521000]), _pt("Rayong", [740000, 1400000]), _pt("overflow", [1e308, 0])],
        crs="urn:ogc:def:crs:EPSG::32647",
    )
    layer = read_layer(path, cache=False)
    assert layer.report.transformed and layer.report.dropped == 1
    assert any('feature 3 ("overflow")' in w for w in layer.report.warnings)
    pt = layer.frame.geometry.iloc[0]
    assert pt.x == pytest.approx(100.498, abs=0.001)
    assert np.all(np.isfinite(layer.bounds()))


def test_export_prints_the_warnings(tmp_path, capsys):
    path = _write(tmp_path / "mixed.geojson", [*[_pt(f"g{i}", xy) for i, xy in enumerate(GOOD)], _pt("far", [600, 10])])
    assert main(["export", "--no-builtin", "--layer", str(path), "--html", str(tmp_path / "m.html")]) == 0
    out = capsys.readouterr().out
    assert "mixed: 7 features read, 6 drawn, 1 dropped (not geography)" in out
    assert ('warning: 1 feature not drawn, coordinates off the Earth: longitude beyond ±540° or latitude beyond ±90° '
            '(e.g. 600, 10): feature 7 ("far")') in out
    assert main(["info", str(path)]) == 0
    assert "geometries dropped (not geography): 1" in capsys.readouterr().out


def test_one_wrapped_longitude_is_named(tmp_path):
    path = _write(tmp_path / "one.geojson", [*[_pt(f"g{i}", xy) for i, xy in enumerate(GOOD)], _pt("Wrapped 460", [460, 5])])
    layer = read_layer(path, cache=False)
    (w,) = [w for w in layer.report.warnings if "moved by 360°" in w]
    assert w.startswith("1 feature with longitudes beyond ±180°") and 'feature 7 ("Wrapped 460")' in w


def test_swapped_axes_get_a_hint(tmp_path):
    cities = [("Hanoi", [21.03, 105.85]), ("Bangkok", [13.75, 100.5]), ("Manila", [14.6, 120.98])]
    path = _write(tmp_path / "swapped.geojson", [_pt(n, xy) for n, xy in cities])
    with pytest.raises(CRSNeededError, match="latitude, longitude in the wrong order"):
        read_layer(path, cache=False)


def test_a_saved_web_page_is_named_as_such(tmp_path):
    from asean_atlas.layers.errors import LayerLoadError

    path = tmp_path / "cables.geojson"
    path.write_text("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body></body></html>")
    with pytest.raises(LayerLoadError, match="is a web page"):
        read_layer(path, cache=False)
