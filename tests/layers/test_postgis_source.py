"""PostGIS sources from project files (session 31): a stranger's project must not send the user's
saved password to a server of its choosing, nor name the user's files to libpq. No server needed:
the source is refused before any connection."""

import json

import pytest

from asean_atlas.layers.postgis import PostGISError, check_project_source
from asean_atlas.layers.project import load_project


def _project(tmp_path, source):
    path = tmp_path / "story.atlas.json"
    path.write_text(json.dumps({"format": "asean-atlas-project", "version": 1,
                                "layers": [{"source": source}]}), encoding="utf-8")
    return path


@pytest.mark.parametrize("query, refused", [
    ("hostaddr=127.0.0.1&sslmode=disable", "hostaddr"),  # ~/.pgpass looked up for host, sent to hostaddr
    ("passfile=/etc/passwd", "passfile"),
    ("sslkey=/home/u/.ssh/id_rsa&sslcert=/tmp/c", "sslcert, sslkey"),
    ("options=-c%20statement_timeout%3D0", "options"),
    ("HostAddr=10.0.0.1", None),  # libpq's keys are lower case: libpq itself refuses it
])
def test_a_project_cannot_set_libpq_parameters_beyond_the_plain_ones(tmp_path, query, refused):
    source = f"postgresql://alice@db.team.example:15432/gis?{query}&table=public.cables"
    calls = []
    loaded = load_project(_project(tmp_path, source), read_postgis=lambda s: calls.append(s))
    assert calls == []  # never connected
    assert len(loaded.errors) == 1 and loaded.document.layers == []
    assert (f"may not set {refused} " if refused else "not a connection string libpq reads") in loaded.errors[0]
    assert "db.team.example" in loaded.errors[0]


def test_plain_project_sources_are_read(tmp_path):
    from asean_atlas.layers.layer import Layer

    source = "postgresql://alice@db.team.example:5432/gis?sslmode=require&connect_timeout=5&table=public.cables"
    check_project_source(source)
    check_project_source("postgresql://?service=newsroom&table=public.datacentres")
    seen = []

    def fake(s):
        seen.append(s)
        import geopandas as gpd

        return Layer(gpd.GeoDataFrame({"name": ["a"]}, geometry=gpd.points_from_xy([100.5], [13.7]), crs=4326),
                     title="cables", source=s)

    loaded = load_project(_project(tmp_path, source), read_postgis=fake)
    assert seen == [source] and loaded.errors == [] and len(loaded.document.layers) == 1


def test_the_refusal_names_no_password():
    with pytest.raises(PostGISError) as err:
        check_project_source("postgresql://alice:hunter2@db/gis?hostaddr=1.2.3.4&table=public.t")
    assert "hunter2" not in str(err.value) and "hostaddr" in str(err.value)


def test_a_hash_in_the_password_does_not_hide_the_query(tmp_path):
    """"u:x#y@host/db?hostaddr=…": a URL parser sees the query as a fragment after "#", while the
    source connected with (the password dropped) has it: the check reads what libpq reads
    (the break-it pass of session 31 got the ~/.pgpass password this way)."""
    source = "postgresql://u:x#y@db.example/gis?hostaddr=127.0.0.2&table=public.t"
    calls = []
    loaded = load_project(_project(tmp_path, source), read_postgis=lambda s: calls.append(s))
    assert calls == [] and len(loaded.errors) == 1 and "may not set hostaddr" in loaded.errors[0]
    assert "x#y" not in loaded.errors[0]
