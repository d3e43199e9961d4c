"""Issue 4 corpus, formats: each kind of file a user may drop, with counts and coordinates asserted.

Every input is written here, small, by the test itself (GDAL writers for the binary formats).
"""

import json
import zipfile

import geopandas as gpd
import pytest
import shapely

from asean_atlas.layers.errors import LayerLoadError
from asean_atlas.layers.io import list_vector_layers, read_layer, split_source

NANNING = (108.318, 22.822)
CHONBURI = (101.0, 13.4)


def _sites() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["Nanning", "Chon Buri"], "opened": [2022, 2021]},
        geometry=[shapely.Point(*NANNING), shapely.Point(*CHONBURI)],
        crs=4326,
    )


def _feature(i: int) -> dict:
    return {"type": "Feature", "properties": {"n": i}, "geometry": {"type": "Point", "coordinates": [100 + i, i]}}


def _xy(layer, row=0):
    g = layer.frame.geometry.iloc[row]
    return g.x, g.y


@pytest.mark.parametrize("suffix, sep", [(".geojsonl", ""), (".geojsons", "\x1e"), (".ndjson", "")])
def test_geojson_sequence(tmp_path, suffix, sep):
    path = tmp_path / f"seq{suffix}"
    path.write_text("".join(sep + json.dumps(_feature(i)) + "\n" for i in range(3)))
    layer = read_layer(path)
    assert layer.feature_count == 3
    assert _xy(layer, 2) == (102.0, 2.0)
    assert layer.report.driver == "GeoJSONSeq"


def test_one_line_geojsonl(tmp_path):
    path = tmp_path / "one.geojsonl"
    path.write_text(json.dumps(_feature(5)))  # no newline at all
    layer = read_layer(path)
    assert layer.feature_count == 1 and _xy(layer) == (105.0, 5.0)
    assert list(layer.frame["n"]) == [5]


def test_bare_feature_and_bare_geometry(tmp_path):
    feat = tmp_path / "feature.geojson"
    feat.write_text(json.dumps(_feature(3)))
    geom = tmp_path / "geometry.json"
    geom.write_text(json.dumps({"type": "LineString", "coordinates": [[100, 0], [101, 1]]}))
    a, b = read_layer(feat), read_layer(geom)
    assert a.feature_count == 1 and _xy(a) == (103.0, 3.0) and a.frame["n"].iloc[0] == 3
    assert b.feature_count == 1 and b.frame.geometry.iloc[0].length == pytest.approx(2**0.5)


def test_geopackage_layer_choice(tmp_path):
    path = tmp_path / "two.gpkg"
    _sites().to_file(path, layer="sites")
    gpd.GeoDataFrame({"name": ["Tuas"]}, geometry=[shapely.Point(103.64, 1.32)], crs=4326).to_file(
        path, layer="stations"
    )
    assert list_vector_layers(path) == ["sites", "stations"]
    first = read_layer(path)
    assert first.feature_count == 2 and "2 layers in the file (sites, stations), read 'sites'" in first.report.summary()
    chosen = read_layer(path, layer="stations")
    assert chosen.feature_count == 1 and _xy(chosen) == pytest.approx((103.64, 1.32))
    assert chosen.report.layer_name == "stations"
    assert chosen.source == f"{path}|layername=stations" and chosen.title == "two — stations"
    # the QGIS-style source string selects the same layer (CLI --layer, project files)
    assert split_source(chosen.source) == (str(path), "stations")
    again = read_layer(chosen.source)
    assert again.feature_count == 1 and again.source == chosen.source
    with pytest.raises(LayerLoadError) as err:
        read_layer(path, layer="roads")
    assert "has no layer 'roads'; its layers are: sites, stations" in str(err.value)


def test_zipped_shapefile(tmp_path):
    shp_dir = tmp_path / "shp"
    shp_dir.mkdir()
    _sites().to_file(shp_dir / "sites.shp")
    z = tmp_path / "sites.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in shp_dir.iterdir():
            zf.write(f, f"sites/{f.name}")  # inside a folder, as most zips are
    layer = read_layer(z)
    assert layer.feature_count == 2
    assert _xy(layer) == pytest.approx(NANNING)
    assert list(layer.frame["name"]) == ["Nanning", "Chon Buri"]


@pytest.mark.parametrize("suffix, driver", [(".kml", "KML"), (".fgb", "FlatGeobuf"), (".shp", "ESRI Shapefile")])
def test_gdal_formats(tmp_path, suffix, driver):
    path = tmp_path / f"sites{suffix}"
    _sites().to_file(path, driver=driver)
    layer = read_layer(path)
    assert layer.feature_count == 2
    assert _xy(layer, 1) == pytest.approx(CHONBURI)
    assert "Chon Buri" in set(layer.frame["name"] if "name" in layer.frame else layer.frame["Name"])


def test_geoparquet_in_utm_is_transformed(tmp_path):
    path = tmp_path / "sites.parquet"
    frame = _sites().to_crs(32648)  # UTM 48N
    frame["tags"] = [["dc", "ai"], []]
    frame.to_parquet(path)
    layer = read_layer(path)
    assert layer.feature_count == 2 and layer.report.driver == "GeoParquet"
    assert layer.report.transformed and layer.report.source_crs == "EPSG:32648"
    assert _xy(layer) == pytest.approx(NANNING, abs=1e-6)
    assert list(layer.frame["tags"]) == ['["dc", "ai"]', "[]"]


def test_parquet_without_geometry_is_a_clear_error(tmp_path):
    path = tmp_path / "plain.parquet"
    _sites().drop(columns="geometry").to_parquet(path)
    with pytest.raises(LayerLoadError) as err:
        read_layer(path)
    assert "without GeoParquet metadata" in str(err.value) and str(path) in str(err.value)


def test_csv_wkt_column(tmp_path):
    path = tmp_path / "routes.csv"
    path.write_text('name,WKT\nA,"LINESTRING (100 1, 101 2)"\nB,"POINT (108.318 22.822)"\n')
    layer = read_layer(path)
    assert layer.feature_count == 2
    assert layer.frame.geometry.iloc[0].geom_type == "LineString"
    assert _xy(layer, 1) == pytest.approx(NANNING)


@pytest.mark.parametrize("header", ["longitude,latitude", "Lon,Lat", "x,y", "lng,lat"])
def test_csv_coordinate_columns_found_by_name(tmp_path, header):
    path = tmp_path / "pts.csv"
    path.write_text(f"name,{header}\nNanning,108.318,22.822\n")
    layer = read_layer(path)
    assert _xy(layer) == pytest.approx(NANNING)


def test_csv_without_coordinates_names_its_columns(tmp_path):
    path = tmp_path / "nocoords.csv"
    path.write_text("name,where\nNanning,China\n")
    with pytest.raises(LayerLoadError) as err:
        read_layer(path)
    assert "no lon/lat or WKT column found among: name, where" in str(err.value)


def test_csv_swapped_lat_lon_detected_and_fixed(tmp_path):
    path = tmp_path / "swapped.csv"
    # the "lon" column holds latitudes and "lat" longitudes
    path.write_text("name,lon,lat\nNanning,22.822,108.318\nChon Buri,13.4,101.0\n")
    layer = read_layer(path)
    assert _xy(layer) == pytest.approx(NANNING) and _xy(layer, 1) == pytest.approx(CHONBURI)
    assert any("hold each other's values" in w and "swapped back" in w for w in layer.report.warnings)


def test_csv_leading_zero_codes_stay_text(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("code,zip,lon,lat,count\n007,10110,100,10,3\n123,00501,101,11,4\n")
    layer = read_layer(path)
    assert list(layer.frame["code"]) == ["007", "123"]
    assert list(layer.frame["zip"]) == ["10110", "00501"]
    assert list(layer.frame["count"]) == [3, 4]


def test_geojson_legacy_crs_member(tmp_path):
    fc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32647"}},
        "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [662000, 1521000]}}],
    }
    path = tmp_path / "legacy.geojson"
    path.write_text(json.dumps(fc))
    layer = read_layer(path)
    assert layer.report.source_crs == "EPSG:32647" and layer.report.transformed
    assert _xy(layer) == pytest.approx((100.498, 13.754), abs=0.001)


def test_real_files_report(cables_path, landing_points_path):
    cables = read_layer(cables_path)
    assert cables.report.encoding == "UTF-8" and cables.report.driver == "GeoJSON"
    assert cables.report.repaired == 0 and cables.report.null_geometries == 0
    points = read_layer(landing_points_path)
    assert points.report.features_read == 1436


@pytest.mark.parametrize("name, text", [
    ("tabs.tsv", "name\tlon\tlat\nNanning\t108.318\t22.822\n"),
    ("semicolons.csv", "name;lon;lat\nNanning;108,318;22,822\n"),  # European decimal commas
])
def test_csv_separators(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    layer = read_layer(path)
    assert _xy(layer) == pytest.approx(NANNING) and list(layer.frame["name"]) == ["Nanning"]


def test_kml_folders_are_layers(tmp_path):
    path = tmp_path / "places.kml"
    pm = "<Placemark><name>{}</name><Point><coordinates>{},{}</coordinates></Point></Placemark>"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<Folder><name>Hubs</name>{pm.format('Nanning', *NANNING)}</Folder>"
        f"<Folder><name>Factories</name>{pm.format('Chon Buri', *CHONBURI)}{pm.format('Rayong', 101.25, 12.68)}</Folder>"
        "</Document></kml>",
        encoding="utf-8",
    )
    assert list_vector_layers(path) == ["Hubs", "Factories"]
    layer = read_layer(path, layer="Factories")
    assert layer.feature_count == 2 and list(layer.frame["Name"]) == ["Chon Buri", "Rayong"]
    assert _xy(layer) == pytest.approx(CHONBURI)
