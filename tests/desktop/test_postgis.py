"""PostGIS layers against a real server (issue 15 items 1, 3, 4, 6 — first slice): push the
built-in and hostile layers with their provenance and indexes, read them back whole and by
bounding box, export a PNG from a PostGIS layer on the command line, and the faults (no table,
an existing table, permission, a wrong password never shown). The server is started here and
stopped at the end (tests/pg_server.py); no mock database."""

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pg_server  # noqa: E402

from asean_atlas.desktop.cli import main  # noqa: E402
from asean_atlas.layers.builtin import builtin_layers  # noqa: E402
from asean_atlas.layers.layer import Layer  # noqa: E402
from asean_atlas.layers.postgis import (  # noqa: E402
    PostGISError,
    PostGISSource,
    list_tables,
    push_layer,
    read_postgis_layer,
    read_table,
)

pytestmark = pytest.mark.skipif(bool(pg_server.available()), reason=pg_server.available() or "ok")


@pytest.fixture(scope="module")
def pushed(server):
    layers = {lyr.source: lyr for lyr in builtin_layers()}
    for source, table in (("builtin:cables", "cables"), ("builtin:landing_stations", "landing_stations")):
        assert push_layer(server.uri, layers[source], table) == len(layers[source].frame)
    return layers


def _source(server, table):
    return f"{server.uri}&table=public.{table}"


def test_push_then_list_and_read_back(server, pushed):
    tables = list_tables(server.uri).set_index("table")
    assert set(tables.index) >= {"cables", "landing_stations"}
    assert tables.at["cables", "srid"] == 4326 and tables.at["cables", "rows"] == 109  # analysed after the push
    cables = read_postgis_layer(_source(server, "cables"))
    original = pushed["builtin:cables"].frame
    assert len(cables.frame) == len(original) == 109
    assert sorted(cables.frame["id"]) == sorted(original["id"])
    back = cables.frame.set_index("id")
    for cid in ("asia-pacific-gateway-apg", "southeast-asia-japan-cable-2-sjc2"):
        a = original.set_index("id").at[cid, "geometry"]
        assert shapely.equals_exact(back.at[cid, "geometry"], a, tolerance=1e-9)
        assert back.at[cid, "owners"] == original.set_index("id").at[cid, "owners"]
    # provenance columns and the time field typed as a date
    assert back.loc["asia-pacific-gateway-apg", "atlas_source"] == "builtin:cables"
    assert "TeleGeography" in back.at["asia-pacific-gateway-apg", "atlas_attribution"]
    assert cables.temporal is not None and cables.temporal.start_field == "start_date"
    # the same cables dated in service by 2010 (undated ones follow each layer's own setting)
    def dated_by_2010(layer):
        mask = layer.time_mask(2010) & ~np.isnat(layer.start_dates)
        return set(layer.frame["id"][mask])

    assert dated_by_2010(cables) == dated_by_2010(pushed["builtin:cables"]) and len(dated_by_2010(cables)) > 20
    import psycopg

    with psycopg.connect(server.uri) as con:
        kinds = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_name = 'cables'").fetchall())
        index = con.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'cables' AND indexdef LIKE '%gist%'").fetchone()
    assert kinds["start_date"] == "date" and kinds["rfs_year"] in ("bigint", "double precision") and kinds["name"] == "text"
    assert index is not None and "USING gist (geom)" in index[0]


def test_the_bounding_box_is_filtered_on_the_server(server, pushed):
    bbox = (100.0, 0.0, 105.0, 5.0)
    got = read_table(PostGISSource.parse(_source(server, "landing_stations")), bbox=bbox)
    local = pushed["builtin:landing_stations"].frame
    want = local[local.geometry.intersects(shapely.box(*bbox))]
    assert 5 < len(got) < len(local) and sorted(got["id"]) == sorted(want["id"])
    assert len(read_table(PostGISSource.parse(_source(server, "landing_stations")), limit=7)) == 7


def test_hostile_names_and_values_stay_data(server):
    evil = "x'); DROP TABLE cables; --"
    frame = gpd.GeoDataFrame({"name": [evil, "{0} <b>ok</b>"], "Robert'); DROP TABLE students;--": [1, 2]},
                             geometry=shapely.points([100, 101], [1, 2]), crs=4326)
    layer = Layer(frame, title="hostile")
    assert push_layer(server.uri, layer, 'weird"table', replace=True) == 2
    back = read_table(PostGISSource.parse(f"{server.uri}&table=public.weird\"table"))
    assert list(back["name"]) == [evil, "{0} <b>ok</b>"]
    assert list(back["Robert'); DROP TABLE students;--"]) == [1, 2]
    assert "cables" in set(list_tables(server.uri)["table"])  # nothing dropped


def test_faults_name_the_table_and_never_the_password(server, pushed):
    with pytest.raises(PostGISError, match=r"public\.nowhere: no such table"):
        read_table(PostGISSource.parse(_source(server, "nowhere")))
    with pytest.raises(PostGISError, match=r"public\.cables exists already \(use --replace"):
        push_layer(server.uri, pushed["builtin:cables"], "cables")
    import psycopg

    with psycopg.connect(server.uri, autocommit=True) as con:
        con.execute("DROP ROLE IF EXISTS reader")
        con.execute("CREATE ROLE reader LOGIN PASSWORD 'right-pw'")
        con.execute("GRANT CONNECT ON DATABASE atlas_test TO reader")
    tcp = f"postgresql://reader:Sup3r-Secret@127.0.0.1:{server.port}/atlas_test?table=public.cables"
    with pytest.raises(PostGISError) as info:
        read_table(PostGISSource.parse(tcp))
    assert "Sup3r-Secret" not in str(info.value) and "cannot connect" in str(info.value)
    with pytest.raises(PostGISError) as info:  # the password given in a DSN is not shown either
        list_tables(f"postgresql://reader:Sup3r-Secret@127.0.0.1:{server.port}/atlas_test")
    assert "Sup3r-Secret" not in str(info.value) and "***" in str(info.value)
    # the right password (libpq's PGPASSWORD here; ~/.pgpass for a user), no SELECT on the table
    import os

    os.environ["PGPASSWORD"] = "right-pw"
    try:
        with pytest.raises(PostGISError, match=r"public\.cables: permission denied"):
            read_table(PostGISSource.parse(f"postgresql://reader@127.0.0.1:{server.port}/atlas_test?table=public.cables"))
    finally:
        del os.environ["PGPASSWORD"]
    # a server that is gone: a clear message
    with pytest.raises(PostGISError, match="cannot connect"):
        list_tables("postgresql://atlas@127.0.0.1:1/none")


def test_a_source_keeps_no_password():
    s = PostGISSource.parse("postgresql://ann:pw@db.example:5432/atlas?table=team.datacentres&sslmode=require")
    assert (s.schema, s.table) == ("team", "datacentres")
    assert "pw" not in s.uri() and s.uri().startswith("postgresql://ann@db.example:5432/atlas?")
    assert "sslmode=require" in s.uri() and "table=team.datacentres" in s.uri()
    with pytest.raises(PostGISError, match="no table"):
        PostGISSource.parse("postgresql://ann@db/atlas")
    s = PostGISSource.parse("postgresql://ann@db/atlas?password=hunter2&table=public.t")
    assert "hunter2" not in s.uri() and "hunter2" not in s.conninfo


def test_command_line_push_and_export(server, tmp_path, capsys, qapp):
    geo = tmp_path / "sites.geojson"
    geo.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Tuas DC",'
                   '"opened":"2021-05-01"},"geometry":{"type":"Point","coordinates":[103.64,1.32]}}]}')
    assert main(["db", "push", "--dsn", server.uri, "--layer", str(geo), "--replace"]) == 0
    assert "wrote public.sites: 1 features" in capsys.readouterr().out
    assert main(["db", "list", "--dsn", server.uri]) == 0
    assert "public.sites (geom, EPSG:4326" in capsys.readouterr().out
    png = tmp_path / "pg.png"
    assert main(["export", "--no-builtin", "--layer", f"{server.uri}&table=public.sites", "--png", str(png),
                 "--bbox", "103,1,104.5,2", "--size", "400x300"]) == 0
    assert "sites: 1 feature read, 1 drawn" in capsys.readouterr().out and png.stat().st_size > 1000
    html = tmp_path / "pg.html"
    assert main(["export", "--no-builtin", "--layer", f"{server.uri}&table=public.sites", "--html", str(html),
                 "--year", "2022"]) == 0
    from asean_atlas.layers.html_export import page_data

    (layer,) = page_data(html.read_text(encoding="utf-8"))["layers"]
    (feature,) = layer["fc"]["features"]
    assert feature["properties"]["name"] == "Tuas DC" and feature["geometry"]["coordinates"] == [103.64, 1.32]
    capsys.readouterr()
    assert main(["db", "push", "--dsn", server.uri, "--layer", str(geo)]) == 2  # exists, no --replace
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "public.sites exists already" in err[0]


def test_the_add_postgis_layer_dialog(server, pushed, qtbot, tmp_path, monkeypatch):
    """File > Add PostGIS layer…: the fields make the connection, List tables shows the tables
    with their SRID and row estimate, the chosen table is added to the map; a typed password is
    used and never kept; a bad connection is said in the dialog."""
    import psycopg
    from PySide6.QtCore import QSettings

    from asean_atlas.desktop.cli import build_document
    from asean_atlas.desktop.main_window import MainWindow
    from asean_atlas.desktop.postgis_dialog import PostGISDialog

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings().clear()
    # the recent-projects list this test's save adds must not reach later tests' menus
    monkeypatch.setattr("asean_atlas.desktop.projects.ProjectController._remember_recent", lambda self, path: None)
    with psycopg.connect(server.uri, autocommit=True) as con:
        con.execute("DROP ROLE IF EXISTS analyst")
        con.execute("CREATE ROLE analyst LOGIN PASSWORD 'typed-pw-123'")
        con.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst")
    win = MainWindow(build_document([], builtin=False))
    win.interactive = False
    qtbot.addWidget(win)
    dlg = PostGISDialog(win)
    qtbot.addWidget(dlg)
    dlg.host.setText("127.0.0.1")
    dlg.port.setValue(server.port)
    dlg.database.setText("atlas_test")
    dlg.user.setText("analyst")
    dlg.sslmode.setCurrentIndex(dlg.sslmode.findData("disable"))
    assert dlg.list_tables() == 0 and "cannot connect" in dlg.status.text()  # no password yet
    dlg.password.setText("typed-pw-123")
    assert dlg.list_tables() >= 2
    rows = {dlg.tables.item(r, 0).text(): [dlg.tables.item(r, c).text() for c in range(5)] for r in range(dlg.tables.rowCount())}
    assert rows["public.cables"][1:] == ["geom", "4326", "GEOMETRY", "109"]
    dlg.tables.clearSelection()
    dlg.tables.selectRow(list(rows).index("public.landing_stations"))
    (source,) = dlg.sources()
    assert "typed-pw-123" not in source and source.endswith("table=public.landing_stations&geometry=geom")
    (layer,) = win.add_postgis_layers(dlg.sources(), dlg.password_text())
    win.live_layers.wait()
    assert len(layer.frame) == 388 and layer.source == source and layer in win.document.layers
    # a table gone: said, the other layers stay
    assert win.add_postgis_layers([source.replace("landing_stations", "gone")], "typed-pw-123") == []
    assert "public.gone: no such table" in win.last_error and len(win.document.layers) == 1
    # the project holds the source, never the password
    path = tmp_path / "team.atlas.json"
    win.save_project(path)
    text = path.read_text(encoding="utf-8")
    assert "landing_stations" in text and "typed-pw-123" not in text
    # reopened: the password from libpq's environment or password file, the table read again
    from asean_atlas.layers.project import load_project

    monkeypatch.setenv("PGPASSWORD", "typed-pw-123")
    loaded = load_project(path)
    assert loaded.errors == [] and [len(lyr.frame) for lyr in loaded.document.layers] == [388]
    monkeypatch.setenv("PGPASSWORD", "wrong")
    loaded = load_project(path)
    assert len(loaded.errors) == 1 and "cannot connect" in loaded.errors[0] and "wrong" not in loaded.errors[0]


def test_tables_as_a_team_makes_them(server):
    """What the break-it pass found: curves, unknown and mixed SRIDs, a UTM table seen from the
    whole world, materialized views, a column named geometry, JSON and bytes, dotted names."""
    import psycopg

    with psycopg.connect(server.uri, autocommit=True) as con:
        for stmt in (
            "DROP TABLE IF EXISTS tcurve, tsrid0, tutm, tcells, \"we.ird\".\"t.x\" CASCADE",
            "CREATE TABLE tcurve (id int, g geometry(CircularString, 4326))",
            "INSERT INTO tcurve VALUES (1, 'SRID=4326;CIRCULARSTRING(100 0, 101 1, 102 0)')",
            "CREATE TABLE tsrid0 (id int, g geometry)",
            "INSERT INTO tsrid0 VALUES (1, 'POINT(100 5)'), (2, 'SRID=3857;POINT(11131949 557305)')",
            "CREATE TABLE tutm (id int, g geometry(Point, 32647))",
            "INSERT INTO tutm VALUES (1, ST_Transform('SRID=4326;POINT(100.5 13.7)'::geometry, 32647))",
            "CREATE TABLE tcells (id int, geometry text, j jsonb, b bytea, g geometry(Point, 4326))",
            "INSERT INTO tcells VALUES (1, 'not the geometry', '{\"a\": 1}', '\\x00ff', 'SRID=4326;POINT(1 2)')",
            "CREATE MATERIALIZED VIEW mv_cells AS SELECT id, j, g FROM tcells",
            "CREATE SCHEMA IF NOT EXISTS \"we.ird\"",
            "CREATE TABLE \"we.ird\".\"t.x\" (id int, g geometry(Point, 4326))",
            "INSERT INTO \"we.ird\".\"t.x\" VALUES (7, 'SRID=4326;POINT(3 4)')",
        ):
            con.execute(stmt)
    curve = read_table(PostGISSource.parse(_source(server, "tcurve")))
    assert curve.geometry.iloc[0].geom_type == "LineString" and len(curve.geometry.iloc[0].coords) > 10
    mixed = read_table(PostGISSource.parse(_source(server, "tsrid0")))
    assert mixed.geometry.iloc[0].equals(shapely.Point(100, 5)) and abs(mixed.geometry.iloc[1].x - 100) < 1e-6
    assert len(read_table(PostGISSource.parse(_source(server, "tsrid0")), bbox=(99, 4, 101, 6))) == 2
    assert len(read_table(PostGISSource.parse(_source(server, "tutm")), bbox=(-180, -90, 180, 90))) == 1
    assert len(read_table(PostGISSource.parse(_source(server, "tutm")), bbox=(100, 13, 101, 14))) == 1
    cells = read_table(PostGISSource.parse(_source(server, "tcells")))
    assert cells.at[0, "geometry_attribute"] == "not the geometry" and cells.at[0, "j"] == '{"a": 1}'
    assert cells.at[0, "b"] == "\\x00ff" and cells.geometry.iloc[0].equals(shapely.Point(1, 2))
    mv = read_table(PostGISSource.parse(_source(server, "mv_cells")))
    assert list(mv.columns) == ["id", "j", "geometry"]
    s = PostGISSource(PostGISSource.parse(server.uri + "&table=x.y").conninfo, "we.ird", "t.x")
    assert PostGISSource.parse(s.uri()) == s and list(read_table(s)["id"]) == [7]


def test_pushes_that_once_failed_or_lost_data(server):
    import psycopg

    frame = gpd.GeoDataFrame({"fid": [1, 2], "geom": ["a", "b"], "atlas_source": ["mine", "mine"],
                              "x" * 70: [1, 2], "x" * 63 + "y": [3, 4], "opened": ["2020-05-01", "not a date"]},
                             geometry=shapely.points([[100, 1, 5], [101, 2, 6]]), crs=4326)
    from asean_atlas.layers.temporal import TemporalSpec

    layer = Layer(frame, title="odd", temporal=TemporalSpec(start_field="opened"))
    long_name = "é" * 40  # 80 bytes: cut to 63, the index apart from it
    assert push_layer(server.uri, layer, long_name, replace=True) == 2
    assert push_layer(server.uri, layer, long_name, replace=True) == 2  # and again, over it
    table = "é" * 31
    back = read_table(PostGISSource.parse(f"{server.uri}&table=public.{table}"))
    assert list(back["fid_1"]) == [1, 2] and list(back["geom_1"]) == ["a", "b"] and list(back["atlas_source_1"]) == ["mine"] * 2
    assert list(back["opened"]) == ["2020-05-01", "not a date"]  # not every value a date: text, nothing lost
    assert sorted(c for c in back.columns if c.startswith("xxx")) and len({c for c in back.columns if c.startswith("xxx")}) == 2
    assert back.geometry.iloc[0].has_z and back.geometry.iloc[0].z == 5


def test_a_password_with_odd_characters_is_never_shown(server):
    for dsn in (f"postgresql://alice:S3cr%t-Alice@127.0.0.1:{server.port}/atlas_test",
                f"postgresql://alice:WRONG/PW4@127.0.0.1:{server.port}/atlas_test",
                f"postgresql://alice@127.0.0.1:{server.port}/atlas_test?password=S3cr%25t",
                f"host=127.0.0.1 port={server.port} dbname=atlas_test user=alice password='WRONG PW3'"):
        with pytest.raises(PostGISError) as info:
            list_tables(dsn)
        text = str(info.value)
        assert not any(s in text for s in ("S3cr", "WRONG", "PW3", "PW4")), text
    s = PostGISSource.parse("postgresql://u@h/db?sslpassword=KEYPW&table=public.t")
    assert "KEYPW" not in s.uri()
