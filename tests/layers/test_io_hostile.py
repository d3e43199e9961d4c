"""Reproducers found by fuzzing (issue 8, items 5 and 6), one test each: every one ended in a crash,
an "internal error", a hang or unbounded memory before; now a clear message or a bounded load."""

import json
import os
import time
import zipfile

import numpy as np
import pytest
import shapely
from broken_files import UTM47_PRJ, WGS84_PRJ, gpkg_blob, wkb_nested_gc, wkb_point, write_gpkg, write_shapefile

from asean_atlas.desktop.cli import main
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.errors import CRSNeededError, LayerLoadError
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.geometry import REPAIR_MAX_CROSSINGS, crossing_estimate
from asean_atlas.layers.html_export import export_html, page_data
from asean_atlas.layers.io import read_layer


def _fc(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def _pt(props, xy=(100.5, 13.7)):
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": list(xy)}}


def test_csv_with_a_repeated_coordinate_column_is_refused_not_a_crash(tmp_path):
    # GDAL 3.12 segfaulted on this (KEEP_GEOM_COLUMNS=NO with two "lon" columns)
    for header in ("lon,lon,lat", "lat,lat,lon", "Lon;LON;lat"):
        path = tmp_path / "twice.csv"
        sep = ";" if ";" in header else ","
        path.write_text(header + "\n" + sep.join(["100", "101", "13"]) + "\n")
        with pytest.raises(LayerLoadError, match="more than once"):
            read_layer(path, cache=False)


def test_colliding_attribute_names_are_made_unique(tmp_path):
    path = tmp_path / "collide.geojson"
    path.write_text(_fc(_pt({"geometry": "text", "geometry_attribute": "other", "wkb_geometry": "third", "name": "a"})))
    layer = read_layer(path, cache=False)
    cols = [c for c in layer.frame.columns if c != "geometry"]
    assert len(cols) == len(set(cols)) == 4
    assert {"geometry_attribute", "geometry_attribute_2", "wkb_geometry", "name"} == set(cols)
    assert layer.frame.geometry.iloc[0].x == 100.5
    assert any("renamed" in w for w in layer.report.warnings)
    doc = MapDocument()
    doc.add_layer(layer)
    props = page_data(export_html(doc, tmp_path / "c.html", ExportOptions()).read_text())["layers"][0]["fc"]["features"][0]["properties"]
    assert props["wkb_geometry"] == "third"


def test_a_folder_named_like_a_file(tmp_path):
    (tmp_path / "dir.geojson").mkdir()
    with pytest.raises(LayerLoadError, match="is a folder"):
        read_layer(tmp_path / "dir.geojson", cache=False)


def test_text_that_is_not_utf8_is_replaced_and_reported(tmp_path):
    path = write_gpkg(tmp_path / "bytes.gpkg", "sites", [(gpkg_blob(wkb_point(100.5, 13.7)), b"\xff\xfe\x80\xe9".decode("latin-1"))])
    # write the raw bytes as TEXT (sqlite stores what it is given)
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("UPDATE sites SET name = CAST(X'41FFFE80E9' AS TEXT)")
    con.commit()
    con.close()
    layer = read_layer(path, cache=False)
    assert layer.frame["name"].iloc[0].startswith("A\ufffd")
    assert any("not valid UTF-8" in w for w in layer.report.warnings)
    doc = MapDocument()
    doc.add_layer(layer)
    export_html(doc, tmp_path / "b.html", ExportOptions())  # was "ArrowException: Wrapping ... failed"


def test_deeply_nested_collection_is_dropped_fast(tmp_path):
    path = write_gpkg(tmp_path / "nested.gpkg", "sites", [
        (gpkg_blob(wkb_nested_gc(1000)), "deep"), (gpkg_blob(wkb_point(101.0, 13.0)), "ok")])
    t0 = time.perf_counter()
    layer = read_layer(path, cache=False)
    doc = MapDocument()
    doc.add_layer(layer)
    export_html(doc, tmp_path / "n.html", ExportOptions())  # was 59 s in set_precision
    assert time.perf_counter() - t0 < 10
    assert layer.report.dropped == 1 and any("nested more than 32 deep" in w and '"deep"' in w for w in layer.report.warnings)


def test_unreadable_prj_asks_for_a_crs(tmp_path):
    shp = write_shapefile(tmp_path, "badunit", 1, [(100.5, 13.7)], [("NAME", "C", 10, 0)], [["a"]],
                          prj=UTM47_PRJ.replace('UNIT["Meter",1.0]', 'UNIT["Meter",0.0]'))
    with pytest.raises(CRSNeededError, match="cannot be read"):
        read_layer(shp, cache=False)


@pytest.mark.parametrize("damage", ["crc", "deflate"])
def test_broken_zip_members_fail_cleanly(tmp_path, damage):
    folder = tmp_path / "src"
    folder.mkdir()
    write_shapefile(folder, "pts", 1, [(100.5, 13.7), (101, 13)], [("NAME", "C", 20, 0)],
                    [["กรุงเทพ".encode("cp874")], [b"ok"]], prj=WGS84_PRJ)
    path = tmp_path / "pts.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for ext in ("shp", "shx", "dbf", "prj"):
            zf.write(folder / f"pts.{ext}", f"pts.{ext}")
    data = bytearray(path.read_bytes())
    at = data.find(b"pts.dbf") + len("pts.dbf")  # the local header's file name ends the header
    data[at + (3 if damage == "deflate" else 8)] ^= 0xFF
    path.write_bytes(bytes(data))
    # GDAL alone read 0 features and said nothing
    with pytest.raises(LayerLoadError, match="damaged zip archive") as exc:
        read_layer(path, cache=False)
    assert str(path) in str(exc.value)


def test_gdal_complaints_do_not_reach_stderr(tmp_path, capsys):
    path = write_gpkg(tmp_path / "ghost.gpkg", "sites", [(gpkg_blob(wkb_point(100, 10)), "a")], contents_table="missing_table")
    assert main(["info", str(path)]) in (0, 2)
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) <= 1


@pytest.mark.skipif(os.name != "posix", reason="file names as bytes")
def test_file_name_with_an_undecodable_byte(tmp_path, capsys):
    raw = os.fsencode(str(tmp_path)) + b"/bad\xffbyte.geojson"
    with open(raw, "w") as f:
        f.write(_fc(_pt({"name": "a"})))
    path = os.fsdecode(raw)
    layer = read_layer(path, cache=False)
    assert layer.title == "bad\ufffdbyte"
    assert main(["export", "--no-builtin", "--layer", path, "--html", str(tmp_path / "m.html")]) == 0
    out = capsys.readouterr().out
    assert "bad\ufffdbyte: 1 features" in out and "\udcff" not in out  # printable on a strict UTF-8 terminal
    assert page_data((tmp_path / "m.html").read_text())["layers"][0]["title"] == "bad\ufffdbyte"


def test_a_file_really_named_with_the_layer_syntax(tmp_path):
    path = tmp_path / "a|layername=b.geojson"
    path.write_text(_fc(_pt({"name": "a"})))
    assert read_layer(str(path), cache=False).feature_count == 1


def test_zip_bomb_is_refused_before_reading(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("bomb.dbf", "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            for _ in range(300):  # 300 MB of blanks compress about a thousandfold
                f.write(block)
        zf.writestr("bomb.shp", b"\0" * 100)
    assert path.stat().st_size < 2_000_000
    t0 = time.perf_counter()
    with pytest.raises(LayerLoadError, match="zip bomb"):
        read_layer(path, cache=False)
    assert time.perf_counter() - t0 < 2


def test_polygon_too_costly_to_repair_is_drawn_as_read(tmp_path):
    rng = np.random.default_rng(8)
    n = 6000
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    xy = np.c_[100 + np.cos(t), 10 + np.sin(t)] + rng.normal(0, 0.01, (n, 2))
    ring = xy.tolist() + [xy[0].tolist()]
    poly = shapely.Polygon(xy)
    assert crossing_estimate(poly, REPAIR_MAX_CROSSINGS) > REPAIR_MAX_CROSSINGS
    path = tmp_path / "jitter.geojson"
    path.write_text(_fc({"type": "Feature", "properties": {"name": "jitter"},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}},
                        {"type": "Feature", "properties": {"name": "bow"},
                         "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}}))
    t0 = time.perf_counter()
    layer = read_layer(path, cache=False)
    assert time.perf_counter() - t0 < 10  # make_valid alone: ~40 s here
    geoms = layer.frame.geometry
    assert not geoms.iloc[0].is_valid and shapely.get_num_coordinates(geoms.iloc[0]) == n + 1
    assert geoms.iloc[1].is_valid and layer.report.repaired == 1  # the small one is still repaired
    assert any("too complex to repair" in w for w in layer.report.warnings)


def test_gdal_warnings_become_load_warnings(tmp_path):
    path = tmp_path / "wide.csv"
    names = ["lon", "lat"] + [f"c{i}" for i in range(2100)]
    path.write_text(",".join(names) + "\n" + ",".join(["100", "10"] + ["1"] * 2100) + "\n")
    layer = read_layer(path, cache=False)
    assert any(w.startswith("GDAL:") and "2000" in w for w in layer.report.warnings)
