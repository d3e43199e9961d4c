"""Tests of the offline basemap (no Qt)."""

import json
import importlib.resources

import pytest

from asean_atlas.geodata.basemap import BASEMAP_LAYERS, basemap_path, load_basemap

ASEAN = {
    "Brunei": "096", "Cambodia": "116", "Indonesia": "360", "Laos": "418", "Malaysia": "458",
    "Myanmar": "104", "Philippines": "608", "Singapore": "702", "Thailand": "764",
    "Vietnam": "704", "Timor-Leste": "626",
}


def test_file_small_and_present():
    assert basemap_path().exists()
    assert basemap_path().stat().st_size < 3_000_000


def test_countries_crs_and_columns():
    c = load_basemap("countries")
    assert c.crs.to_epsg() == 4326
    assert {"name", "iso_n3", "geometry"} <= set(c.columns)
    assert c.geometry.is_valid.all()
    assert set(c.geom_type) == {"MultiPolygon"}
    minx, miny, maxx, maxy = c.total_bounds
    assert miny >= -85.0 and maxy <= 85.0


@pytest.mark.parametrize("name,iso", sorted(ASEAN.items()))
def test_asean_countries_present(name, iso):
    c = load_basemap("countries")
    row = c[c["name"] == name]
    assert len(row) == 1
    assert row["iso_n3"].iloc[0] == iso
    assert row.geometry.iloc[0].area > 0


def test_singapore_present():
    c = load_basemap("countries")
    sg = c[c["name"] == "Singapore"].geometry.iloc[0]
    from shapely.geometry import Point

    assert sg.distance(Point(103.85, 1.30)) < 0.05


def test_hong_kong_macau_separate():
    names = set(load_basemap("countries")["name"])
    assert {"Hong Kong", "Macao", "China"} <= names


def test_land_layer():
    land = load_basemap("land")
    assert land.crs.to_epsg() == 4326
    assert land.geometry.is_valid.all()


def test_returns_copy():
    a = load_basemap("countries")
    a["name"] = "x"
    assert (load_basemap("countries")["name"] != "x").any()


def test_unknown_layer():
    with pytest.raises(ValueError):
        load_basemap("rivers")
    assert BASEMAP_LAYERS == ("countries", "land")


def test_provenance():
    p = importlib.resources.files("asean_atlas.geodata") / "basemap_provenance.json"
    prov = json.loads(p.read_text(encoding="utf-8"))
    assert prov["source"]["package"] == "npm:world-atlas@2.0.2"
    for f in ("countries-50m.json", "land-50m.json"):
        assert len(prov["source"]["files"][f]["sha256"]) == 64
    assert "public domain" in prov["licence"]


@pytest.mark.parametrize(
    "lon,lat,on_land",
    [
        (101.5, 0.5, True),  # Sumatra
        (103.82, 1.35, True),  # Singapore
        (175.0, 66.0, True),  # Chukotka (ring crosses the antimeridian in the TopoJSON)
        (178.0, -17.8, True),  # Fiji
        (0.0, -80.0, True),  # Antarctica (ring round the pole)
        (113.0, 12.0, False),  # South China Sea
        (-150.0, 0.0, False),  # Pacific
        (0.0, -60.0, False),  # Southern Ocean
    ],
)
def test_land_is_planar_and_correct(lon, lat, on_land):
    from shapely.geometry import Point

    land = load_basemap("land").geometry.iloc[0]
    assert land.contains(Point(lon, lat)) is on_land
    countries = load_basemap("countries")
    assert bool(countries.contains(Point(lon, lat)).any()) is on_land
