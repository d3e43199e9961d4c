"""Issue 4, property-based: random FeatureCollections load or fail cleanly, never crash or hang.

Odd property values (unicode, huge ints, nested objects, mixed types across features, names that
differ only in case), every geometry type, coordinates at ±180° and the poles.
"""

import json

import numpy as np
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asean_atlas.layers.errors import LayerLoadError
from asean_atlas.layers.html_export import feature_collection
from asean_atlas.layers.io import read_layer

SETTINGS = settings(
    max_examples=60,
    deadline=3000,  # ms per example: a hang fails the test instead of stalling the suite
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# longitudes and latitudes with extra weight on the seam and the poles
lon = st.one_of(st.sampled_from([-180.0, 180.0, 179.999, -179.999, 0.0]), st.floats(-180, 180, allow_nan=False))
lat = st.one_of(st.sampled_from([-90.0, 90.0, 89.999, -89.999, 0.0]), st.floats(-90, 90, allow_nan=False))
position = st.tuples(lon, lat).map(list) | st.tuples(lon, lat, st.floats(-1e4, 1e4, allow_nan=False)).map(list)
line = st.lists(position, min_size=2, max_size=6)
ring = st.lists(position, min_size=3, max_size=6).map(lambda pts: pts + [pts[0]])  # closed, maybe invalid
point_g = position.map(lambda c: {"type": "Point", "coordinates": c})
line_g = line.map(lambda c: {"type": "LineString", "coordinates": c})
poly_g = st.lists(ring, min_size=1, max_size=2).map(lambda c: {"type": "Polygon", "coordinates": c})
multi_g = st.one_of(
    st.lists(position, min_size=1, max_size=4).map(lambda c: {"type": "MultiPoint", "coordinates": c}),
    st.lists(line, min_size=1, max_size=3).map(lambda c: {"type": "MultiLineString", "coordinates": c}),
    st.lists(st.lists(ring, min_size=1, max_size=2), min_size=1, max_size=2).map(
        lambda c: {"type": "MultiPolygon", "coordinates": c}),
)
simple_g = st.one_of(point_g, line_g, poly_g, multi_g)
geometry = st.one_of(
    simple_g,
    st.lists(simple_g, max_size=3).map(lambda gs: {"type": "GeometryCollection", "geometries": gs}),
    st.none(),
)
scalar = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.sampled_from(["007", "2017", "2021-03-04", "2021-03-04T05:06:07Z", "", "NaN"]),
)
value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                     max_leaves=6)
key = st.sampled_from(["name", "Name", "NAME", "year", "code", "rfs", "start_date", "géo", "名前", "a b"]) | st.text(
    "abcxyzABC_", min_size=1, max_size=6)
feature = st.builds(
    lambda g, props: {"type": "Feature", "properties": props, "geometry": g},
    geometry,
    st.dictionaries(key, value, max_size=5),
)
collection = st.lists(feature, max_size=8)


def _check_loaded(layer, n_features: int) -> None:
    assert layer.feature_count == n_features
    assert layer.frame.crs.to_epsg() == 4326
    b = layer.bounds()
    if b is not None:
        w, s, e, n = b
        assert np.all(np.isfinite(b)) and -180 <= w <= e <= 180 and -90 <= s <= n <= 90
    geoms = layer.frame.geometry.values
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    n_invalid = int((~shapely.is_valid(geoms[ok])).sum())
    assert n_invalid == 0 or f"{n_invalid} geometries still invalid" in layer.report.summary()
    layer.display_geometries()  # projection to the display CRS never raises
    # set_precision in the HTML export warns (divide by zero) on coordinates ~1e-300 that hypothesis
    # makes; the output is still right, so the warning is silenced here (reported to the lead)
    with np.errstate(all="ignore"):
        fc = json.loads(feature_collection(layer))  # the HTML export's data is valid JSON
    assert len(fc["features"]) == int(ok.sum())


@SETTINGS
@given(features=collection)
def test_random_feature_collections_load_or_fail_cleanly(tmp_path_factory, features):
    path = tmp_path_factory.mktemp("hyp") / "random.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), encoding="utf-8")
    try:
        layer = read_layer(path)
    except LayerLoadError as exc:
        msg = str(exc)
        assert str(path) in msg and "\n" not in msg
        return
    _check_loaded(layer, len(features))


@SETTINGS
@given(features=st.lists(feature, min_size=1, max_size=6))
def test_random_geojson_sequences_load_or_fail_cleanly(tmp_path_factory, features):
    path = tmp_path_factory.mktemp("hyp") / "random.geojsonl"
    path.write_text("\n".join(json.dumps(f, ensure_ascii=False) for f in features) + "\n", encoding="utf-8")
    try:
        layer = read_layer(path)
    except LayerLoadError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        return
    _check_loaded(layer, len(features))
