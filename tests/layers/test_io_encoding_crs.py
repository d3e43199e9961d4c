"""Issue 4 corpus, text encodings and CRS rules."""

import codecs
import json
import unicodedata

import geopandas as gpd
import pytest
import shapely

from asean_atlas.layers.errors import CRSNeededError, LayerLoadError
from asean_atlas.layers.info import describe
from asean_atlas.layers.io import read_layer

THAI = ["กรุงเทพมหานคร สถานีเคเบิลใต้น้ำ", "ชลบุรี โรงงานเครื่องปรับอากาศ"]
GBK = ["南宁中国东盟人工智能计算中心", "广西国际通信出入口局"]
BIG5 = ["臺北海底電纜登陸站", "高雄資料中心"]
VIET = ["Trạm cáp quang biển Vũng Tàu", "Trung tâm dữ liệu Hà Nội"]


def cp1258(text: str) -> bytes:
    """Vietnamese as cp1258 stores it: precomposed vowels (â, ơ, ...) plus combining tone marks."""
    out = bytearray()
    for c in text:
        try:
            out += c.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", c)
        for m in list(marks):
            comp = unicodedata.normalize("NFC", base + m)
            try:
                if len(comp) == 1:
                    comp.encode("cp1258")
                    base = comp
                    marks.remove(m)
                    break
            except UnicodeEncodeError:
                pass
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def _csv(names) -> str:
    return "name,lon,lat\n" + "".join(f"{n},{100 + i},{10 + i}\n" for i, n in enumerate(names))


@pytest.mark.parametrize(
    "codec, names, label",
    [("cp874", THAI, "cp874"), ("gbk", GBK, "gb18030"), ("big5", BIG5, "big5"), ("cp1258", VIET, "cp1258")],
)
def test_legacy_encodings_detected_in_csv(tmp_path, codec, names, label):
    path = tmp_path / f"{codec}.csv"
    path.write_bytes(cp1258(_csv(names)) if codec == "cp1258" else _csv(names).encode(codec))
    layer = read_layer(path)
    assert list(layer.frame["name"]) == names
    assert layer.report.encoding == f"{label} (detected)"
    assert f"encoding {label} (detected)" in layer.report.summary()


def test_legacy_encoding_in_geojson(tmp_path):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": n}, "geometry": {"type": "Point", "coordinates": [100, 13]}}
        for n in THAI
    ]}
    path = tmp_path / "thai.geojson"
    path.write_bytes(json.dumps(fc, ensure_ascii=False).encode("cp874"))
    layer = read_layer(path)
    assert list(layer.frame["name"]) == THAI and layer.report.encoding == "cp874 (detected)"


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_utf8_with_and_without_bom(tmp_path, bom):
    path = tmp_path / "u.csv"
    path.write_bytes(bom + _csv(THAI + GBK).encode("utf-8"))
    layer = read_layer(path)
    assert list(layer.frame["name"]) == THAI + GBK
    assert list(layer.frame.columns)[0] == "name"  # the BOM is not glued to the first header
    assert layer.report.encoding == ("UTF-8 with BOM" if bom else "UTF-8")


def test_user_chosen_encoding_wins(tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes(_csv(["南宁"]).encode("gbk"))  # two characters: too short to tell GBK from Big5
    layer = read_layer(path, encoding="gbk")
    assert list(layer.frame["name"]) == ["南宁"] and layer.report.encoding == "gbk (chosen)"
    with pytest.raises(LayerLoadError) as err:
        read_layer(path, encoding="no-such-codec")
    assert "unknown text encoding 'no-such-codec'" in str(err.value)


def test_shapefile_without_cpg_detected(tmp_path):
    path = tmp_path / "thai.shp"
    frame = gpd.GeoDataFrame({"name": THAI}, geometry=[shapely.Point(100, 13), shapely.Point(101, 13)], crs=4326)
    frame.to_file(path, encoding="cp874")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    layer = read_layer(path)
    assert list(layer.frame["name"]) == THAI
    assert layer.report.encoding == "cp874 (detected)"


# -- CRS ---------------------------------------------------------------------------------------


def test_geojson_in_metres_without_crs_is_refused(tmp_path):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [662000, 1521000]}}
    ]}
    path = tmp_path / "utm.geojson"
    path.write_text(json.dumps(fc))
    with pytest.raises(CRSNeededError) as err:
        read_layer(path)
    msg = str(err.value)
    assert str(path) in msg and "not longitude/latitude" in msg and "RFC 7946" in msg
    # ... and read right once the user names the CRS (the GUI prompt, the CLI --crs)
    layer = read_layer(path, crs="EPSG:32647")
    pt = layer.frame.geometry.iloc[0]
    assert pt.x == pytest.approx(100.498, abs=0.001) and pt.y == pytest.approx(13.754, abs=0.001)
    assert layer.report.source_crs == "EPSG:32647 (chosen)" and layer.report.transformed


def test_unknown_crs_name(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("lon,lat\n100,10\n")
    with pytest.raises(LayerLoadError) as err:
        read_layer(path, crs="EPSG:999999")
    assert "unknown CRS 'EPSG:999999'" in str(err.value)


def test_shapefile_prj_other_datum_is_transformed(tmp_path):
    # Indian 1975 (EPSG:4240), the old Thai datum: a few hundred metres off WGS 84
    path = tmp_path / "indian1975.shp"
    gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(100.5, 13.75)], crs=4240).to_file(path)
    layer = read_layer(path)
    pt = layer.frame.geometry.iloc[0]
    assert layer.report.source_crs == "EPSG:4240" and layer.report.transformed
    assert 0.001 < abs(pt.x - 100.5) + abs(pt.y - 13.75) < 0.02


def test_info_shows_encoding_crs_and_driver(tmp_path):
    path = tmp_path / "thai.csv"
    path.write_bytes(_csv(THAI).encode("cp874"))
    text = describe(path)
    assert "encoding: cp874 (detected)" in text
    assert "format: CSV" in text
    assert "CRS: none (taken as EPSG:4326)" in text


def test_info_extent_across_antimeridian(tmp_path):
    path = tmp_path / "fiji.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Suva"}, "geometry": {"type": "Point", "coordinates": [178.44, -18.14]}},
        {"type": "Feature", "properties": {"name": "Lau"}, "geometry": {"type": "Point", "coordinates": [-178.8, -17.5]}},
    ]}))
    text = describe(path)
    assert "bbox (W,S,E,N, degrees): -178.800000, -18.140000, 178.440000, -17.500000" in text
    assert "extent across the antimeridian (W,S,E,N, degrees): 178.440000, -18.140000, -178.800000, -17.500000" in text


def test_zipped_shapefile_without_cpg_detected(tmp_path):
    import zipfile

    folder = tmp_path / "shp"
    folder.mkdir()
    names = GBK + ["中国—东盟信息港"]
    frame = gpd.GeoDataFrame({"name": names}, geometry=[shapely.Point(108 + i, 22) for i in range(3)], crs=4326)
    frame.to_file(folder / "hubs.shp", encoding="gbk")
    (folder / "hubs.cpg").unlink(missing_ok=True)
    z = tmp_path / "hubs.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f"data/{f.name}")
    layer = read_layer(z)
    assert list(layer.frame["name"]) == names
    assert layer.report.encoding == "gb18030 (detected)"
