"""The server does the filtering (issue 15 item 2), against a real PostgreSQL + PostGIS: a view's
bounding box, the time slider's filter and attribute filters become parameterised SQL whose
result equals the Atlas's own evaluation on the same rows; a crowded view comes back as grid
counts computed on the server; rows arrive in pages with progress, and a request can be
cancelled between pages. The server is started here and stopped at the end (tests/pg_server.py)."""

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pg_server  # noqa: E402

from asean_atlas.layers.filter import FeatureFilter, FilterError  # noqa: E402
from asean_atlas.layers.layer import Layer  # noqa: E402
from asean_atlas.layers.postgis import PostGISSource, connect, push_layer, read_table  # noqa: E402
from asean_atlas.layers.postgis_view import fetch_view  # noqa: E402
from asean_atlas.layers.projection import lonlat_to_display  # noqa: E402
from asean_atlas.layers.temporal import TemporalSpec, TimeFilter  # noqa: E402

pytestmark = pytest.mark.skipif(bool(pg_server.available()), reason=pg_server.available() or "ok")

N = 400


@pytest.fixture(scope="module")
def sites(server):
    """A table of N points with awkward attributes: nulls, blanks, numbers written as text,
    quotes and SQL in names, dates with gaps; pushed by the Atlas's own ``db push``."""
    rng = np.random.default_rng(15)
    names = np.array(["Alpha", "beta", "", None, "O'Brien'); DROP TABLE sites; --", "Ünïcode 数据中心", "alphabet",
                      "%_wild", "Beta", "\t", "\u00a0", "Straße", "ﬁsh"], dtype=object)
    opened = pd.Series(pd.to_datetime("1995-01-01") + pd.to_timedelta(rng.integers(0, 30 * 365, N), unit="D"))
    opened[rng.random(N) < 0.1] = pd.NaT
    closed = opened + pd.to_timedelta(rng.integers(200, 6000, N), unit="D")
    closed[rng.random(N) < 0.6] = pd.NaT
    frame = gpd.GeoDataFrame({
        "id": np.arange(N),
        "name": names[rng.integers(0, len(names), N)],
        "capacity": np.where(rng.random(N) < 0.1, np.nan, rng.integers(0, 500, N).astype(float)),
        "country": np.array(["SGP", "MYS", "THA", "VNM", None], dtype=object)[rng.integers(0, 5, N)],
        "code": np.array(["5", "12", "abc", " 7 ", None], dtype=object)[rng.integers(0, 5, N)],
        "opened": opened.dt.strftime("%Y-%m-%d").where(opened.notna(), None),
        "closed": closed.dt.strftime("%Y-%m-%d").where(closed.notna(), None),
    }, geometry=shapely.points(rng.uniform(95, 125, N), rng.uniform(-8, 22, N)), crs=4326)
    assert push_layer(server.uri, Layer(frame, "sites", temporal=TemporalSpec("opened", "closed")), "sites") == N
    # what a team's own tables hold besides (the break-it pass's cases): NaN in floats, padded
    # char(n), integers past 2**53, a time of day, nullable booleans, a column named geometry
    import psycopg

    with psycopg.connect(server.uri, autocommit=True) as con:
        con.execute("ALTER TABLE sites ADD COLUMN f float8, ADD COLUMN cc char(5), ADD COLUMN big bigint, "
                    "ADD COLUMN tm time, ADD COLUMN flag boolean, ADD COLUMN geometry text")
        con.execute("UPDATE sites SET f = CASE WHEN id % 7 = 0 THEN 'NaN'::float8 WHEN id % 11 = 0 THEN NULL "
                    "ELSE (id % 300)::float8 + 0.5 END, cc = CASE WHEN id % 3 = 0 THEN 'ab' END, "
                    "big = CASE WHEN id % 2 = 0 THEN 9007199254740992 ELSE 9007199254740993 END + id % 4, "
                    "tm = CASE WHEN id % 5 = 0 THEN NULL ELSE time '12:00' END, "
                    "flag = CASE WHEN id % 4 = 0 THEN NULL ELSE id % 2 = 0 END, geometry = 'g' || (id % 5)")
    source = PostGISSource.parse(f"{server.uri}&table=public.sites")
    whole = read_table(source)  # what the Atlas holds when it reads the table whole
    return source, whole


#: Filters the server evaluates, with the Atlas's results.
ON_THE_SERVER = [
    'name == "Alpha"', 'name != "Alpha"', 'name = null', 'name != null', 'name < "b"', 'name >= "beta"',
    'is_empty(name)', 'not is_empty(name)', 'capacity > 250', 'capacity <= 100 or capacity == null',
    '100 < capacity <= 300', 'capacity != 5', 'capacity == "250"', 'country in ["SGP", "MYS"]',
    'country not in ["SGP"]', 'capacity in [1, 2, 3, 250, 499]', 'year(opened) >= 2010',
    '2000 <= year(opened) < 2005', 'year(opened) == null', 'not (country == "THA" and capacity > 100)',
    'code in ["5", "abc"]', 'name == "O\'Brien\'); DROP TABLE sites; --"', 'is_empty(code)',
    'f > 5', 'f != 5.5', 'not (f > 5)', 'f in [1.5, 250.5]', 'f == null', 'not (name < "b" or f > 1)',
    'big == 9007199254740991', 'geometry_attribute == "g0"', 'is_empty(geometry_attribute)', 'year(f) > 100',
]
#: Filters without SQL of the same result: the rows come unfiltered and the Atlas filters them.
AFTER = [
    'contains(name, "ALPHA")', 'startswith(name, "o\'b")', 'contains(name, "%_")', 'contains(name, "数据")',
    'contains(name, "ss")', 'contains(name, "fi")', 'code > 6', 'capacity == country', 'cc == "ab"',
    'cc in ["ab"]', 'f in ["250.5"]', 'big in [9007199254740993]', 'big > 9007199254740993', 'big == 9007199254740993', 'year(tm) == null',
    'name == "a\\x00b"', 'flag', 'not flag', 'contains(f, ".5")',
]


def _local(expression, frame):
    try:
        return set(frame["id"][FeatureFilter(expression).mask(frame)])
    except FilterError as exc:
        return ("FilterError", str(exc))


@pytest.mark.parametrize("expression", ON_THE_SERVER + AFTER)
def test_attribute_filters_give_the_atlas_rows_wherever_evaluated(server, sites, expression):
    source, whole = sites
    expected = _local(expression, whole)
    with connect(server.uri) as con:
        got = fetch_view(con, source, None, expression=expression, aggregate_above=10 * N)
    assert got.local_filter == (expression in AFTER), expression
    rows = _local(expression, got.frame) if got.local_filter else set(got.frame["id"])
    assert rows == expected
    assert "DROP" not in got.sql and "Alpha" not in got.sql  # values are parameters, never SQL text


@pytest.mark.parametrize("expression", ["nope > 1", "geometry == 'g0'"])
def test_a_filter_naming_a_missing_column_is_refused(server, sites, expression):
    source, whole = sites
    with connect(server.uri) as con, pytest.raises(FilterError, match="no attribute named"):
        fetch_view(con, source, None, expression=expression)
    with pytest.raises(FilterError, match="no attribute named"):  # as the Atlas says of the rows read whole
        FeatureFilter(expression).mask(whole)


@pytest.mark.parametrize("year", [1990, 2000, 2012, 2030])
@pytest.mark.parametrize("undated", ["show", "hide"])
def test_time_filter_on_the_server_equals_the_time_slider(server, sites, year, undated):
    source, whole = sites
    layer = Layer(whole, "sites", temporal=TemporalSpec("opened", "closed", undated=undated))
    expected = set(whole["id"][layer.time_mask(year)])
    with connect(server.uri) as con:
        got = fetch_view(con, source, None, time_filter=TimeFilter.as_of_year(year), start_field="opened",
                         end_field="closed", undated=undated, aggregate_above=10 * N)
    assert not got.local_filter
    assert set(got.frame["id"]) == expected


def test_bbox_time_and_filter_together(server, sites):
    source, whole = sites
    bbox = (100.0, 0.0, 115.0, 15.0)
    layer = Layer(whole, "sites", temporal=TemporalSpec("opened", "closed"))
    inside = layer.in_bbox(bbox)
    expected = set(whole["id"][inside & layer.time_mask(2015) & FeatureFilter("capacity > 100").mask(whole)])
    with connect(server.uri) as con:
        got = fetch_view(con, source, bbox, time_filter=TimeFilter.as_of_year(2015), start_field="opened",
                         end_field="closed", expression="capacity > 100", aggregate_above=10 * N)
    assert set(got.frame["id"]) == expected and 10 < len(expected) < N


def test_a_crowded_view_comes_back_as_grid_counts(server, sites):
    source, whole = sites
    bbox = (90.0, -10.0, 130.0, 25.0)
    with connect(server.uri) as con:
        got = fetch_view(con, source, bbox, expression="capacity > 50", aggregate_above=100)
    assert got.frame is None and got.cells is not None and got.cell_m > 0
    passing = whole[FeatureFilter("capacity > 50").mask(whole)]
    assert got.total == int(got.cells["count"].sum()) == len(passing) > 100
    # each feature counted in the cell its projected point falls in
    x, y = lonlat_to_display(shapely.get_x(passing.geometry.values), shapely.get_y(passing.geometry.values))
    local = pd.Series(list(zip(np.floor(x / got.cell_m), np.floor(y / got.cell_m)))).value_counts()
    server_counts = {(round((cx / got.cell_m) - 0.5), round((cy / got.cell_m) - 0.5)): n
                     for cx, cy, n in got.cells[["x", "y", "count"]].itertuples(index=False)}
    assert {(int(a), int(b)): int(n) for (a, b), n in local.items()} == server_counts


def test_rows_arrive_in_pages_and_a_request_can_be_cancelled(server, sites):
    source, _ = sites
    seen = []
    with connect(server.uri) as con:
        got = fetch_view(con, source, None, aggregate_above=10 * N, page_rows=64,
                         progress=lambda done, total: seen.append(done))
        assert len(got.frame) == N
        assert seen == [64 * k for k in range(1, N // 64 + 1)] + [N]
        pages = []
        stopped = fetch_view(con, source, None, aggregate_above=10 * N, page_rows=64,
                             progress=lambda done, total: pages.append(done), cancelled=lambda: len(pages) >= 2)
        assert stopped is None and pages == [64, 128]
        # the connection is still usable after a cancelled request
        assert len(fetch_view(con, source, None, aggregate_above=10 * N).frame) == N


def test_a_text_time_field_is_filtered_after_the_rows_arrive(server, sites):
    source, _ = sites
    with connect(server.uri) as con:
        got = fetch_view(con, source, None, time_filter=TimeFilter.as_of_year(2010), start_field="name",
                         aggregate_above=10 * N)
    assert got.local_filter and len(got.frame) == N


@pytest.mark.parametrize("text,conninfo", [
    ("postgresql://?service=newsroom&table=public.dcs", "postgresql://?service=newsroom"),
    ("postgresql:///atlas?host=/run/postgresql&table=public.cables", "postgresql:///atlas?host=%2Frun%2Fpostgresql"),
])
def test_sources_without_a_host_stay_uris(text, conninfo):
    """A connection by service name (what a team's project names) or by socket keeps its
    ``postgresql://``: written ``postgresql:?service=…`` libpq would not read it, and a project
    would take it for a file name."""
    from asean_atlas.layers.postgis import is_postgis_source

    source = PostGISSource.parse(text)
    assert source.conninfo == conninfo
    assert is_postgis_source(source.uri()) and PostGISSource.parse(source.uri()) == source


def test_a_project_names_the_connection_by_service(server, sites, tmp_path, monkeypatch):
    """A project saved with a service-name source opens with the reader's own pg_service.conf."""
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.postgis import read_postgis_layer
    from asean_atlas.layers.project import load_project, save_project

    service = tmp_path / "pg_service.conf"
    service.write_text(f"[newsroom]\nhost={server.base}\nport={server.port}\nuser=atlas\ndbname=atlas_test\n",
                       encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    doc = MapDocument()
    doc.add_layer(read_postgis_layer("postgresql://?service=newsroom&table=public.sites"))
    path = tmp_path / "team.atlas.json"
    save_project(doc, path)
    assert "service=newsroom" in path.read_text(encoding="utf-8") and str(server.port) not in path.read_text(encoding="utf-8")
    loaded = load_project(path)
    assert loaded.errors == [] and loaded.document.layers[0].feature_count == N


def test_a_local_filter_on_a_crowded_view_sends_rows_up_to_a_cap_then_counts(server, sites):
    """A filter the Atlas evaluates (contains) cannot be counted by the server: up to 10x the
    threshold the rows come and the Atlas filters them; beyond, the cells count what the server
    could filter, and say so (``local_filter``)."""
    from asean_atlas.layers import postgis_view

    source, whole = sites
    expression = 'contains(name, "a") and capacity > 10'
    with connect(server.uri) as con:
        got = fetch_view(con, source, None, expression=expression, aggregate_above=N // postgis_view.LOCAL_ROWS_FACTOR)
        assert got.frame is not None and got.local_filter and len(got.frame) == int((whole["capacity"] > 10).sum())
        crowded = fetch_view(con, source, None, expression=expression, aggregate_above=5)
    assert crowded.frame is None and crowded.local_filter
    assert crowded.total == int((whole["capacity"] > 10).sum())  # counted before contains()
