"""PostGIS layers that follow the view in the window (issue 15 items 2 and 6), against a real
server: the layer holds what is in view, filtered by the time slider and the layer's filter on
the server; a crowded view is drawn as the server's grid counts and as features again when zoomed
in; a server that goes away leaves the layer and the window working, says so without the
password, and the next move of the map reconnects. The server is started here and stopped at
the end (tests/pg_server.py)."""

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pg_server  # noqa: E402

from asean_atlas.desktop.cli import build_document  # noqa: E402
from asean_atlas.desktop.main_window import MainWindow  # noqa: E402
from asean_atlas.layers.filter import FeatureFilter  # noqa: E402
from asean_atlas.layers.layer import Layer  # noqa: E402
from asean_atlas.layers.postgis import push_layer  # noqa: E402
from asean_atlas.layers.temporal import TemporalSpec  # noqa: E402

pytestmark = pytest.mark.skipif(bool(pg_server.available()), reason=pg_server.available() or "ok")

N = 3_000


@pytest.fixture(scope="module")
def towers(server):
    rng = np.random.default_rng(5)
    opened = pd.Series(pd.to_datetime("2000-01-01") + pd.to_timedelta(rng.integers(0, 25 * 365, N), unit="D"))
    frame = gpd.GeoDataFrame({
        "id": np.arange(N), "name": [f"tower {i}" for i in range(N)],
        "capacity": rng.integers(0, 500, N),
        "opened": opened.dt.strftime("%Y-%m-%d"),
    }, geometry=shapely.points(rng.uniform(95, 125, N), rng.uniform(-8, 22, N)), crs=4326)
    push_layer(server.uri, Layer(frame, "towers", temporal=TemporalSpec("opened")), "towers")
    return frame


@pytest.fixture
def window(qtbot):
    win = MainWindow(build_document([], builtin=False))
    win.interactive = False
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


def _in(frame, bbox):
    x, y = shapely.get_x(frame.geometry.values), shapely.get_y(frame.geometry.values)
    w, s, e, n = bbox
    return (x >= w) & (x <= e) & (y >= s) & (y <= n)


def test_layer_follows_the_view_time_and_filter(server, towers, window):
    window.live_layers.aggregate_above = 10 * N
    window.canvas.zoom_to_bbox((94, -9, 126, 23))
    added = window.add_postgis_layers([f"{server.uri}&table=public.towers"])
    assert len(added) == 1, window.errors
    layer = added[0]
    assert layer.feature_count == 0  # the features arrive from a worker thread: the window never waits
    assert window.live_layers.wait()
    assert layer.feature_count == N and "password" not in layer.source
    assert layer.year_range() == (2000, int(pd.to_datetime(towers["opened"]).dt.year.max()))
    # zoom in: only what is in view comes
    bbox = (100.0, 0.0, 105.0, 5.0)
    window.canvas.zoom_to_bbox(bbox, pad=0.0)
    window.live_layers.wait()
    from asean_atlas.layers.projection import display_to_bbox

    view = display_to_bbox(window.canvas.viewport.extent())
    expected = _in(towers, view)
    assert layer.feature_count == int(expected.sum()) < N / 5
    assert "&&" in window.live_layers.last_sql[layer.id]
    # the time slider: the server sends what exists as of the year
    window.document.set_year(2010)
    window.live_layers.wait()
    opened = pd.to_datetime(towers["opened"])
    expected_t = expected & (opened < "2011-01-01").to_numpy()
    assert layer.feature_count == int(expected_t.sum()) and layer.server_filtered
    assert layer.drawn_mask(window.document.time_filter).all()
    # the layer's filter becomes SQL too
    layer.set_filter("capacity > 250")
    window.live_layers.wait()
    expected_f = expected_t & FeatureFilter("capacity > 250").mask(towers)
    assert set(layer.attributes["id"]) == set(towers["id"][expected_f])
    assert "250" not in window.live_layers.last_sql[layer.id]  # a parameter, not SQL text
    # identify works on what is shown: a click on a feature's point finds that feature
    row = 3
    x, y = layer.display_points()[0][list(layer.display_points()[1]).index(row)]
    hit = layer.index.nearest_within(x, y, 3 * window.canvas.viewport.resolution,
                                     layer.drawn_mask(window.document.time_filter))
    assert hit is not None and layer.attributes["id"].iloc[hit] == layer.attributes["id"].iloc[row]
    assert len(layer.attributes) == layer.feature_count


def test_crowded_view_drawn_as_counts_then_features(server, towers, window, qtbot):
    window.live_layers.aggregate_above = 500
    window.canvas.zoom_to_bbox((94, -9, 126, 23))
    (layer,) = window.add_postgis_layers([f"{server.uri}&table=public.towers"])
    window.live_layers.wait()
    fields = [c for c in layer.attributes.columns if c != layer.geometry_name]
    assert fields == ["count"] and int(layer.attributes["count"].sum()) == N
    assert layer.style.categorized_field == "count" and layer.geometry_kind == "polygon"
    qtbot.waitUntil(window.canvas.frame_is_current, timeout=10000)
    img = window.canvas.grab().toImage()
    colours = {img.pixelColor(x, y).name() for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    assert len(colours & {c.lower() for c in layer.style.categories.values()}) >= 2  # cells in the ramp's colours
    window.canvas.zoom_to_bbox((100.0, 0.0, 102.0, 2.0), pad=0.0)
    window.live_layers.wait()
    assert "count" not in layer.attributes.columns and layer.style.categorized_field is None  # its own style again
    assert 0 < layer.feature_count < 500


def test_server_going_away_keeps_the_layer_and_reconnects(server, towers, window):
    window.live_layers.aggregate_above = 10 * N
    window.canvas.zoom_to_bbox((94, -9, 126, 23))
    (layer,) = window.add_postgis_layers([f"{server.uri}&table=public.towers"])
    window.live_layers.wait()
    builtin_like = Layer(gpd.GeoDataFrame({"name": ["x"]}, geometry=[shapely.Point(100, 10)], crs=4326), "local")
    window.document.add_layer(builtin_like)
    shown = layer.feature_count
    server.halt()
    try:
        window.canvas.zoom_to_bbox((100.0, 0.0, 110.0, 10.0), pad=0.0)
        window.live_layers.wait()
        assert layer.feature_count == shown  # what it showed before
        assert window.errors and "towers" in window.errors[-1] or "connect" in window.errors[-1]
        assert "retrying when you move the map" in window.statusBar().currentMessage()
        assert builtin_like in window.document.layers and window.isVisible()
    finally:
        server.start()
    window.canvas.zoom_to_bbox((100.0, 0.0, 110.0, 10.0), pad=0.01)
    window.live_layers.wait()
    assert layer.feature_count < shown and layer.feature_count > 0


def test_cancel_keeps_what_is_shown(server, towers, window):
    window.live_layers.aggregate_above = 10 * N
    window.canvas.zoom_to_bbox((94, -9, 126, 23))
    (layer,) = window.add_postgis_layers([f"{server.uri}&table=public.towers"])
    window.live_layers.wait()
    window.live_layers.refresh()
    assert window.cancel_request.isVisibleTo(window)
    window.live_layers.cancel()
    window.live_layers.wait()
    assert layer.feature_count == N and not window.cancel_request.isVisibleTo(window)
