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
    assert "bad\ufffdbyte: 1 feature read, 1 drawn" in out and "\udcff" not in out  # printable on a strict UTF-8 terminal
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
    assert any("not repaired, drawn as read" in w and "jitter" in w for w in layer.report.warnings)
    assert layer.report.unrepaired == 1 and "1 invalid, drawn as read" in layer.report.counts()


def test_gdal_warnings_become_load_warnings(tmp_path):
    path = tmp_path / "dupid.geojson"
    feats = [dict(_pt({"a": i}, (100 + i, 10)), id=1) for i in range(2)]
    path.write_text(_fc(*feats))
    layer = read_layer(path, cache=False)
    assert any(w.startswith("GDAL:") and "Several features with id = 1" in w for w in layer.report.warnings)


def test_too_many_attributes_are_refused(tmp_path):
    path = tmp_path / "wide.csv"
    names = ["lon", "lat"] + [f"c{i}" for i in range(1500)]
    path.write_text(",".join(names) + "\n" + ",".join(["100", "10"] + ["1"] * 1500) + "\n")
    with pytest.raises(LayerLoadError, match="1,500 attributes"):
        read_layer(path, cache=False)


# -- found by the second review (issue 8): files that reach other files, the network, or never end --
VRT_PASSWD = """<OGRVRTDataSource><OGRVRTLayer name="p"><SrcDataSource>CSV:/etc/passwd</SrcDataSource>
<SrcSQL dialect="SQLite">SELECT *, 100.5 AS lon, 10.5 AS lat FROM passwd</SrcSQL>
<GeometryType>wkbPoint</GeometryType><GeometryField encoding="PointFromColumns" x="lon" y="lat"/></OGRVRTLayer>
</OGRVRTDataSource>"""


@pytest.mark.parametrize("name,text", [
    ("x.geojson", VRT_PASSWD),
    ("x.csv", VRT_PASSWD),
    ("g.geojson", '{"type":"gdal_streamed_alg","command_line":"gdal vector pipeline ! read /etc/passwd ! write --of stream streamed_dataset"}'),
    ("w.geojson", "<OGRWFSDataSource><URL>http://127.0.0.1:9/wfs?</URL></OGRWFSDataSource>"),
])
def test_files_that_point_elsewhere_are_not_followed(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(LayerLoadError) as exc:
        read_layer(path, cache=False)
    assert str(path) in str(exc.value) and "root:" not in str(exc.value)


def test_the_fallback_guard_when_gdal_registered_everything(tmp_path):
    """pyogrio imported before the Atlas: the dangerous drivers exist; files are refused by content."""
    import subprocess
    import sys

    path = tmp_path / "x.geojson"
    path.write_text(VRT_PASSWD)
    code = (
        "import pyogrio, sys\n"
        "pyogrio.list_drivers()  # GDAL registers every driver before the Atlas is imported\n"
        "from asean_atlas.layers import io\n"
        "assert io._BLOCKED_PRESENT\n"
        "try:\n    io.read_layer(sys.argv[1], cache=False)\n"
        "except io.LayerLoadError as e:\n    print('refused:', e)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "GDAL_SKIP"}  # this session's process set it
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120, env=env)
    assert "refused:" in out.stdout and "refers to other files or to the network" in out.stdout, out.stderr


def test_a_linked_crs_is_never_fetched(tmp_path):
    import http.server
    import threading

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"+proj=utm +zone=47 +datum=WGS84")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        path = tmp_path / "linked.geojson"
        path.write_text(json.dumps({
            "type": "FeatureCollection",
            "crs": {"type": "link", "properties": {"href": f"http://127.0.0.1:{server.server_port}/crs", "type": "proj4"}},
            "features": [_pt({"name": "a"}, (100.5, 13.7))]}))
        t0 = time.perf_counter()
        layer = read_layer(path, cache=False)
        assert time.perf_counter() - t0 < 10
        assert layer.frame.geometry.iloc[0].x == pytest.approx(100.5)
    finally:
        server.shutdown()
    assert hits == []


def _in_child(code: str, *args, timeout=120):
    """Run ``code`` in a fresh interpreter (a crash must not take the test session with it)."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def test_geoparquet_nested_20000_deep_is_refused_not_a_crash(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    wkb = b"\x01\x07\x00\x00\x00\x01\x00\x00\x00" * 20000 + shapely.Point(100, 10).wkb
    table = pa.table({"name": ["deep"], "geometry": pa.array([wkb], pa.binary())}).replace_schema_metadata(
        {b"geo": json.dumps({"version": "1.0.0", "primary_column": "geometry",
                             "columns": {"geometry": {"encoding": "WKB"}}}).encode()})
    path = tmp_path / "deep.parquet"
    pq.write_table(table, path)
    out = _in_child("import sys; from asean_atlas.desktop.cli import main; raise SystemExit(main(['info', sys.argv[1]]))", path)
    assert out.returncode == 2 and "nested more than 32 deep" in out.stderr  # was SIGSEGV (-11)


def test_geopackage_nested_20000_deep_is_dropped_not_a_crash(tmp_path):
    path = write_gpkg(tmp_path / "deep.gpkg", "sites", [(gpkg_blob(wkb_nested_gc(20000)), "deep"),
                                                       (gpkg_blob(wkb_point(101.0, 13.0)), "ok")])
    out = _in_child("import sys; from asean_atlas.desktop.cli import main; raise SystemExit(main(['info', sys.argv[1]]))", path)
    assert out.returncode == 0 and 'nested more than 32 deep: feature 1 ("deep")' in out.stdout


def test_geopackage_views_are_not_run(tmp_path):
    import sqlite3

    path = write_gpkg(tmp_path / "view.gpkg", "base", [(gpkg_blob(wkb_point(101.0, 13.0)), "ok")])
    con = sqlite3.connect(path)
    con.execute("CREATE VIEW v AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x AS fid, NULL AS geom FROM c")
    con.execute("INSERT INTO gpkg_contents VALUES ('v','features','v','','2024-01-01T00:00:00.000Z',NULL,NULL,NULL,NULL,4326)")
    con.execute("INSERT INTO gpkg_geometry_columns VALUES ('v','geom','GEOMETRY',4326,0,0)")
    con.commit()
    con.close()
    from asean_atlas.layers.io import list_vector_layers

    t0 = time.perf_counter()
    for call in (lambda: read_layer(path, cache=False), lambda: list_vector_layers(path)):
        with pytest.raises(LayerLoadError, match="holds a view"):
            call()
    assert time.perf_counter() - t0 < 5


def _recursive_view(path, name="hang"):
    import sqlite3

    con = sqlite3.connect(path)
    con.execute(f"CREATE VIEW {name} AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
                "SELECT x AS fid, NULL AS geom FROM c WHERE x < 0")
    con.commit()
    con.close()
    return path


def test_a_geopackage_by_any_name_with_any_view_is_refused_without_running_it(tmp_path):
    """GDAL recognises a GeoPackage by its contents: the view check cannot go by the name (a
    GeoPackage named .db, or none, hung the load and the window for ever: session 31)."""
    from asean_atlas.layers.io import list_vector_layers

    for name in ("viewonly.db", "viewonly", "viewonly.sqlite", "viewonly.GPKG"):
        path = write_gpkg(tmp_path / name, "base", [(gpkg_blob(wkb_point(101.0, 13.0)), "ok")])
        _recursive_view(path)  # a view the GeoPackage does not even list as a layer
        for call in (lambda: read_layer(path, cache=False), lambda: list_vector_layers(path)):
            with pytest.raises(LayerLoadError, match="holds a view.*'hang'"):
                call()


def test_a_geopackage_whose_contents_table_is_a_view_is_refused_in_a_child(tmp_path):
    """The check itself must not run the file's SQL (``gpkg_contents`` as a recursive view)."""
    import sqlite3

    path = write_gpkg(tmp_path / "contents_view.gpkg", "base", [(gpkg_blob(wkb_point(101.0, 13.0)), "ok")])
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE gpkg_contents RENAME TO real_contents")
    con.execute("CREATE VIEW gpkg_contents AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
                "SELECT r.* FROM real_contents r, c WHERE c.x < 0")
    con.commit()
    con.close()
    out = _in_child("import sys; from asean_atlas.desktop.cli import main; raise SystemExit(main(['info', sys.argv[1]]))",
                    path, timeout=60)
    assert out.returncode == 2 and "holds a view" in out.stderr and "'gpkg_contents'" in out.stderr


def _virtual_ogr(path, target):
    """An SQLite schema entry making table 'stations' GDAL's VirtualOGR view of ``target`` (how a
    stranger's file would read the user's other files: session 31)."""
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA writable_schema=ON")
    con.execute("INSERT INTO sqlite_master(type,name,tbl_name,rootpage,sql) VALUES('table','stations','stations',0,?)",
                (f"CREATE VIRTUAL TABLE stations USING VirtualOGR('{target}')",))
    con.commit()
    con.close()
    return path


def test_sqlite_files_cannot_read_other_files(tmp_path):
    import sqlite3

    from pyproj import CRS

    victim = tmp_path / "confidential_sites.geojson"
    victim.write_text(_fc(_pt({"name": "SECRET SITE"})))
    # a plain SQLite / SpatiaLite-style database: refused whatever its name
    for name in ("exfil.sqlite", "exfil.db", "exfil"):
        path = tmp_path / name
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE geometry_columns (f_table_name VARCHAR, f_geometry_column VARCHAR, geometry_type "
                    "INTEGER, coord_dimension INTEGER, srid INTEGER, geometry_format VARCHAR)")
        con.execute("CREATE TABLE spatial_ref_sys (srid INTEGER UNIQUE, auth_name TEXT, auth_srid TEXT, srtext TEXT)")
        con.execute("INSERT INTO spatial_ref_sys VALUES (4326,'EPSG','4326',?)", (CRS(4326).to_wkt("WKT1_GDAL"),))
        con.execute("INSERT INTO geometry_columns VALUES ('stations','GEOMETRY',0,2,4326,'SpatiaLite')")
        con.commit()
        con.close()
        _virtual_ogr(path, victim)
        with pytest.raises(LayerLoadError, match="SQLite or SpatiaLite database"):
            read_layer(path, cache=False)
    # the same table inside a GeoPackage
    path = _virtual_ogr(write_gpkg(tmp_path / "vogr.gpkg", "base", [(gpkg_blob(wkb_point(101.0, 13.0)), "ok")]), victim)
    with pytest.raises(LayerLoadError, match="virtual table 'stations' \\(module 'VirtualOGR'\\)"):
        read_layer(path, cache=False)
    # and from the command line: exit 2, nothing of the victim in the export
    html = tmp_path / "out.html"
    assert main(["export", "--no-builtin", "--layer", str(tmp_path / "exfil.sqlite"), "--html", str(html)]) == 2
    assert not html.exists()


def test_real_geopackages_with_spatial_indexes_still_load(tmp_path):
    import geopandas as gpd

    frame = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=gpd.points_from_xy([100.5, 101.0], [13.7, 14.0]), crs=4326)
    for name in ("sites.gpkg", "sites.db"):
        frame.to_file(tmp_path / name, driver="GPKG", layer="sites", SPATIAL_INDEX="YES")
        layer = read_layer(tmp_path / name, cache=False)
        assert layer.feature_count == 2 and list(layer.attributes["name"]) == ["a", "b"]


def test_a_geopackage_inside_a_zip_is_refused(tmp_path):
    import geopandas as gpd

    gpkg = tmp_path / "inner.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=gpd.points_from_xy([100.5], [13.7]), crs=4326).to_file(gpkg, driver="GPKG")
    with zipfile.ZipFile(tmp_path / "view.zip", "w") as zf:
        zf.write(gpkg, "data/view.gpkg")
    with pytest.raises(LayerLoadError, match="holds a GeoPackage or SQLite database \\('data/view.gpkg'\\); unzip it"):
        read_layer(tmp_path / "view.zip", cache=False)


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
def test_a_pipe_beside_a_shapefile_is_refused_at_once(tmp_path):
    import geopandas as gpd

    from asean_atlas.layers.io import list_vector_layers

    for sidecar in (".dbf", ".shx", ".prj", ".cpg"):
        d = tmp_path / sidecar[1:]
        d.mkdir()
        gpd.GeoDataFrame({"name": ["a"]}, geometry=gpd.points_from_xy([100.5], [13.7]), crs=4326).to_file(d / "x.shp")
        side = d / ("x" + sidecar)
        if side.exists():
            side.unlink()
        os.mkfifo(side)
        t0 = time.perf_counter()
        for call in (lambda: read_layer(d / "x.shp", cache=False), lambda: list_vector_layers(d / "x.shp")):
            with pytest.raises(LayerLoadError, match=f"companion file 'x{sidecar}' that is not a regular file"):
                call()
        assert time.perf_counter() - t0 < 5


@pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero")
def test_pipes_and_devices_are_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "pipe.geojson")
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    (tmp_path / "zero.kml").symlink_to("/dev/zero")
    for name in ("pipe.geojson", "zero.csv", "zero.kml"):
        t0 = time.perf_counter()
        with pytest.raises(LayerLoadError, match="not a regular file"):
            read_layer(tmp_path / name, cache=False)
        assert time.perf_counter() - t0 < 2


def test_dates_of_no_era_do_not_make_millions_of_steps(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.temporal import TemporalSpec
    from asean_atlas.layers.time_controller import MAX_STEPS

    table = pa.table({
        "start_date": pa.array([2**62, -(2**62), 1_500_000_000_000], pa.timestamp("ms")),
        "geometry": pa.array([shapely.Point(100 + i, 10).wkb for i in range(3)], pa.binary()),
    }).replace_schema_metadata({b"geo": json.dumps({"version": "1.0.0", "primary_column": "geometry",
                                                    "columns": {"geometry": {"encoding": "WKB"}}}).encode()})
    path = tmp_path / "dates.parquet"
    pq.write_table(table, path)
    layer = read_layer(path, cache=False)
    layer.set_temporal(TemporalSpec("start_date"))
    assert layer.undated_count() == 2 and layer.year_range() == (2017, 2017)
    doc = MapDocument()
    doc.add_layer(layer)
    doc.time.set_range(np.datetime64("0001-01-01"), np.datetime64("9999-01-01"))
    assert doc.time.step_count <= MAX_STEPS + 1


def test_a_property_per_feature_is_refused_before_memory_goes(tmp_path):
    path = tmp_path / "sparse.geojson"
    path.write_text(_fc(*[_pt({f"k{i}": 1}, (100 + i * 1e-4, 10)) for i in range(3000)]))
    with pytest.raises(LayerLoadError, match="attributes"):
        read_layer(path, cache=False)


def test_a_small_zip_of_a_big_repetitive_file_is_a_bomb(tmp_path):
    line = json.dumps(_pt({"name": "same"})) + "\n"
    path = tmp_path / "lines.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("a.geojsonl", line * (12 * 2**20 // len(line)))
    assert path.stat().st_size < 200_000
    with pytest.raises(LayerLoadError, match="zip bomb"):
        read_layer(path, cache=False)


def test_command_line_errors_are_escaped(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["info", str(tmp_path / "a.geojson"), "\x1b]0;PWNED\x07\x1b[31mred.geojson"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b]0;PWNED" in err


def test_an_export_with_a_long_file_name(tmp_path):
    doc = MapDocument()
    doc.add_layer(read_layer(_write_point(tmp_path), cache=False))
    out = export_html(doc, tmp_path / ("a" * 245 + ".html"), ExportOptions())
    assert out.exists() and [p.name for p in tmp_path.iterdir() if "atlas-tmp" in p.name] == []


def _write_point(folder):
    path = folder / "p.geojson"
    path.write_text(_fc(_pt({"name": "a"})))
    return path


def test_dates_read_as_written(tmp_path):
    path = tmp_path / "dates.geojson"
    path.write_text(_fc(_pt({"name": "a", "day": "2020-02-30", "at": "2020-01-01T23:30:00+07:00"})))
    row = read_layer(path, cache=False).frame.iloc[0]
    assert row["day"] == "2020-02-30" and row["at"] == "2020-01-01T23:30:00+07:00"  # GDAL made 2020-03-01 and UTC


@pytest.mark.parametrize("kind", ["binary_view", "dictionary", "int64"])
def test_geoparquet_geometry_stored_as_another_arrow_type(tmp_path, kind):
    """A GeoParquet whose WKB column is stored as binary_view (Polars-style writers) or
    dictionary-encoded reads as before; one that is not binary at all (int64) is refused with a
    LayerLoadError, never an Arrow error (break-it pass, session 24)."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from asean_atlas.layers.errors import LayerLoadError
    from asean_atlas.layers.io import read_layer

    wkb = [shapely.to_wkb(shapely.LineString([(100, 1), (105, 2)])),
           shapely.to_wkb(shapely.LineString([(110, 5), (115, 6)]))]
    col = {"binary_view": lambda: pa.array(wkb, type=pa.binary_view()),
           "dictionary": lambda: pa.array(wkb, type=pa.binary()).dictionary_encode(),
           "int64": lambda: pa.array([1, 2], type=pa.int64())}[kind]()
    geo = {"version": "1.0.0", "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["LineString"]}}}
    path = tmp_path / f"{kind}.parquet"
    pq.write_table(pa.table({"name": ["a", "b"], "geometry": col}).replace_schema_metadata(
        {b"geo": json.dumps(geo).encode()}), path)
    if kind == "int64":
        with pytest.raises(LayerLoadError, match="int64.parquet"):
            read_layer(path, cache=False)
        return
    layer = read_layer(path, cache=False)
    assert layer.feature_count == 2 and layer.geometry_at(1).coords[0] == (110.0, 5.0)


def test_a_gdal_warning_quoting_a_huge_value_is_cut(tmp_path):
    """GDAL quotes the file's text in some warnings: 200,000 nested GPX extension elements gave a
    1 MB warning line (and a 20 s freeze of the window's dialog): cut to a few hundred
    characters, saying how long it was (session 31)."""
    from asean_atlas.layers.errors import MAX_VALUE_CHARS
    n = 200_000
    path = tmp_path / "deep.gpx"
    path.write_text('<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">'
                    '<wpt lat="13.7" lon="100.5"><name>a</name><extensions>' + "<a>" * n + "</a>" * n
                    + "</extensions></wpt></gpx>")
    layer = read_layer(path, cache=False)
    assert layer.feature_count == 1
    said = [w for w in layer.report.warnings if "<a><a>" in w]
    assert said and all(len(w) < MAX_VALUE_CHARS + 20 for w in said)
    assert any("characters)" in w for w in said)


def test_a_geoparquet_date_beyond_pythons_years_makes_the_feature_undated(tmp_path):
    """A date32 value of year -221 refused the whole file ("year -221 is out of range", no column
    named); now the file loads and that feature is undated, with a warning naming the column."""
    import datetime

    import geopandas as gpd
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "dates.parquet"
    gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=[shapely.Point(100, 10), shapely.Point(101, 11)],
                     crs=4326).to_parquet(path)
    days = [(datetime.date(2020, 5, 1) - datetime.date(1970, 1, 1)).days, -800_000]  # 2020-05-01, year -221
    table = pq.read_table(path).append_column("start_date", pa.array(np.array(days, dtype=np.int32)).cast(pa.date32()))
    pq.write_table(table, path)
    layer = read_layer(path, cache=False)
    assert layer.feature_count == 2 and layer.temporal.start_field == "start_date"
    assert layer.undated_count() == 1
    assert layer.time_mask(2021).tolist() == [True, True]  # undated: shown at every date
    assert layer.time_mask(2019).tolist() == [False, True]
    assert any("'start_date' is not a date" in w for w in layer.report.warnings)


@pytest.mark.parametrize("name, sql", [
    ("stations", "CREATE VIRTUAL TABLE stations USING \"VirtualOGR\"('{t}')"),  # a quoted module name
    ("x using rtree", "CREATE VIRTUAL TABLE \"x using rtree\" USING VirtualOGR('{t}')"),  # "using rtree" in the name
    ("rtree_x_geom", "CREATE VIRTUAL TABLE rtree_x_geom /* USING rtree(id, minx, maxx, miny, maxy) */ USING VirtualOGR('{t}')"),
    ("stations", "create\nvirtual   table [stations] using VirtualOGR('{t}')"),
])
def test_virtual_tables_are_refused_however_their_sql_is_written(tmp_path, name, sql):
    import sqlite3

    victim = tmp_path / "victim.geojson"
    victim.write_text(_fc(_pt({"name": "SECRET"})))
    path = write_gpkg(tmp_path / "v.gpkg", "base", [(gpkg_blob(wkb_point(101.0, 13.0)), "ok")])
    con = sqlite3.connect(path)
    con.execute("PRAGMA writable_schema=ON")
    con.execute("INSERT INTO sqlite_master(type,name,tbl_name,rootpage,sql) VALUES('table',?,?,0,?)",
                (name, name, sql.format(t=victim)))
    con.commit()
    con.close()
    with pytest.raises(LayerLoadError, match=f"holds a virtual table '{name}' \\(module 'VirtualOGR'\\)"):
        read_layer(path, cache=False)


def test_unfinished_changes_that_cannot_be_read_are_not_opened(tmp_path, monkeypatch):
    """A write-ahead log beside a GeoPackage that SQLite cannot read here (a read-only folder: the
    read needs a -shm file beside it): what the log holds (a view, say) cannot be checked, so the
    file is refused. The failing read-only open is simulated (root can write to any folder)."""
    import sqlite3

    import geopandas as gpd

    path = tmp_path / "w.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=gpd.points_from_xy([100.5], [13.7]), crs=4326).to_file(path)
    real = sqlite3.connect

    def connect(database, *a, **k):
        con = real(database, *a, **k)
        if "immutable" in str(database):
            return con

        class Failing:
            def execute(self, *_):
                raise sqlite3.OperationalError("unable to open database file")

            def close(self):
                con.close()

        return Failing()

    monkeypatch.setattr(sqlite3, "connect", connect)
    assert read_layer(path, cache=False).feature_count == 1  # no log: the file as it is
    (tmp_path / "w.gpkg-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(60))
    with pytest.raises(LayerLoadError, match="unfinished changes beside it \\('w.gpkg-wal'\\)"):
        read_layer(path, cache=False)


def test_an_sqlite_file_needs_the_geopackage_id_not_just_its_tables(tmp_path):
    """A gpkg_contents table in a file without the GeoPackage application id is opened by GDAL's
    SQLite driver (with VirtualOGR), not its GeoPackage driver: refused (session 31)."""
    import sqlite3

    path = write_gpkg(tmp_path / "fake.sqlite", "base", [(gpkg_blob(wkb_point(101.0, 13.0)), "ok")])
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 0")
    con.commit()
    con.close()
    with pytest.raises(LayerLoadError, match="SQLite or SpatiaLite database"):
        read_layer(path, cache=False)


def test_a_generated_column_is_refused_without_computing_it(tmp_path):
    """SQLite computes a generated column on every row read: an expression taking minutes a row
    hung the load (session 31). The check reads the schema only."""
    import sqlite3

    path = write_gpkg(tmp_path / "gen.gpkg", "base", [(gpkg_blob(wkb_point(101.0, 13.0)), "ok")])
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE base ADD COLUMN slow TEXT GENERATED ALWAYS AS "
                "(instr(printf('%.*c', 10000000, 'a'), printf('%.*c', 5000000, 'a') || 'b')) VIRTUAL")
    con.commit()
    con.close()
    t0 = time.perf_counter()
    with pytest.raises(LayerLoadError, match="has a generated column 'slow' in 'base'"):
        read_layer(path, cache=False)
    assert time.perf_counter() - t0 < 5


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
def test_a_folder_holding_a_pipe_is_refused_at_once(tmp_path):
    """GDAL opens a folder of Shapefiles as one dataset: a pipe named a.dbf in it blocked the read."""
    import geopandas as gpd

    from asean_atlas.layers.io import list_vector_layers

    d = tmp_path / "data"
    d.mkdir()
    gpd.GeoDataFrame({"name": ["a"]}, geometry=gpd.points_from_xy([100.5], [13.7]), crs=4326).to_file(d / "a.shp")
    (d / "a.dbf").unlink()
    os.mkfifo(d / "a.dbf")
    t0 = time.perf_counter()
    for call in (lambda: read_layer(d, cache=False), lambda: list_vector_layers(d)):
        with pytest.raises(LayerLoadError, match="holds 'a.dbf', which is not a regular file"):
            call()
    assert time.perf_counter() - t0 < 5
