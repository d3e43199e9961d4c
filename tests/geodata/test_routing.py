"""Unit test of the schematic cable routing on a small synthetic map (fast)."""

import pytest
from shapely.geometry import Point, box

pytest.importorskip("skimage")

from asean_atlas.geodata.routing import SeaRaster  # noqa: E402


@pytest.fixture(scope="module")
def sea():
    # a 10x10 degree sea with a wall of land in the middle, open at its north end
    land = [box(4.0, 0.0, 6.0, 8.0), box(0.0, 0.0, 1.0, 1.0)]
    return SeaRaster(land, res=0.1, bbox=(0.0, 0.0, 10.0, 10.0))


def test_route_goes_round_land_and_ends_at_stations(sea):
    stations = [("a", 2.0, 4.0), ("b", 8.0, 4.0), ("c", 8.0, 1.5)]
    r = sea.route(stations)
    assert r.reached == ["a", "b", "c"]
    assert r.cut_at_edge == []
    assert r.land_length_deg == 0.0
    assert not r.geometry.intersects(box(4.0, 0.0, 6.0, 8.0))
    ends = {pt for line in r.geometry.geoms for pt in (line.coords[0], line.coords[-1])}
    for _, x, y in stations:
        assert (x, y) in ends
    # the route must pass north of the wall
    assert r.geometry.bounds[3] > 8.0


def test_station_outside_box_cut_at_edge(sea):
    r = sea.route([("a", 2.0, 4.0), ("far", -50.0, 5.0)])
    assert r.cut_at_edge == ["far"]
    assert r.reached == ["a"]
    assert r.geometry.bounds[0] <= 0.1  # reaches the west edge
    assert r.geometry.distance(Point(2.0, 4.0)) == 0.0


def test_inland_station_reached_by_shortest_land_crossing(sea):
    # a station inside the land block (x 4..6): the route crosses land only from the nearest
    # coast (x = 4), about 0.75 degree, not round the wall
    r = sea.route([("a", 2.0, 4.0), ("inland", 4.75, 4.0)])
    assert r.land_length_deg == 0.0  # the sea part
    assert 0.75 <= r.connector_deg["inland"] <= 1.1  # the approach over land, from the west
    assert r.geometry.bounds[3] < 5.0
    ends = {pt for line in r.geometry.geoms for pt in (line.coords[0], line.coords[-1])}
    assert (4.75, 4.0) in ends


def test_inland_station_old_straight_connector():
    land = [box(4.0, 0.0, 6.0, 8.0)]
    sea = SeaRaster(land, res=0.1, bbox=(0.0, 0.0, 10.0, 10.0), to_station_cell=False)
    r = sea.route([("a", 2.0, 4.0), ("inland", 5.0, 4.0)])
    assert r.land_length_deg == 0.0
    assert r.connector_deg["inland"] >= 1.0
