"""Issue 4 in the window: loading off the GUI thread, Cancel, layer choice, CRS prompt, errors."""

import json
import time

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QTimer

from asean_atlas.desktop.loader import LayerLoader, LoadRequest
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.errors import LoadCancelled

N_BIG = 400_000


def write_points_geojson(path, n: int, seed: int = 0) -> None:
    """n random points over Southeast Asia as a GeoJSON FeatureCollection (vectorized text)."""
    rng = np.random.default_rng(seed)
    lon = np.char.mod("%.6f", rng.uniform(90, 140, n))
    lat = np.char.mod("%.6f", rng.uniform(-10, 30, n))
    ids = np.char.mod("%d", np.arange(n))
    feats = np.char.add(np.char.add(np.char.add(np.char.add(np.char.add(np.char.add(
        '{"type":"Feature","properties":{"id":', ids), '},"geometry":{"type":"Point","coordinates":['), lon), ","), lat), "]}}")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        fh.write(",\n".join(feats.tolist()))
        fh.write("\n]}\n")


@pytest.fixture(scope="module")
def big_geojson(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "points.geojson"
    write_points_geojson(path, N_BIG)
    return path


@pytest.fixture
def window(qtbot):
    win = MainWindow(MapDocument())
    qtbot.addWidget(win)
    win.resize(900, 600)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for loader in list(win.loaders):
        loader.cancel()
        loader.wait()


def test_event_loop_keeps_turning_during_big_load(window, big_geojson, qtbot):
    # The objects the test session has made so far (a thousand tests' windows, frames, layers)
    # are frozen out of the cyclic garbage collector for the measurement: the load's own
    # collections would otherwise scan them all with the GIL held. Seen on 2026-12-03 in a full
    # suite run: one 0.56 s stall, all of it CPU, where the test alone passed 2 of 2 runs;
    # that is the test runner's heap, not the app's.
    import gc

    gc.collect()
    gc.freeze()
    try:
        _event_loop_during_big_load(window, big_geojson, qtbot)
    finally:
        gc.unfreeze()


def _loader_cpu_clock():
    """A function giving the CPU seconds the loader thread has run (0 before it starts, its last
    value after it ends): Linux's per-thread CPU clock (``pthread_getcpuclockid``)."""
    import threading

    state = {"clock": None, "last": 0.0}

    def read() -> float:
        if state["clock"] is None:
            thread = next((t for t in threading.enumerate() if t.name == "asean-atlas-loader"), None)
            if thread is None or thread.ident is None:
                return state["last"]
            try:
                state["clock"] = time.pthread_getcpuclockid(thread.ident)
            except OSError:
                return state["last"]
        try:
            state["last"] = time.clock_gettime(state["clock"])
        except OSError:  # the thread has ended
            pass
        return state["last"]

    return read


def _event_loop_during_big_load(window, big_geojson, qtbot):
    """The GUI thread's own stalls while a 400,000-point GeoJSON loads in the loader thread.

    A stall is a gap between two 50 Hz timer ticks. On a busy machine (CI, other processes) a gap
    also holds time when neither of our threads ran at all, which says nothing of the app (issue
    16 item 7: this test failed 5 of 5 runs on a loaded 2-core machine, 0.52-0.64 s against 0.5 s).
    So each gap is measured as the CPU time our two threads spent in it -- the loader's (a call
    holding the GIL blocks the GUI thread) plus the GUI thread's own (painting) -- and never more
    than the wall time: on an idle machine the two agree; a real regression (a 0.8 s call that
    holds the GIL) shows in both.
    """
    # the window's first paint (the basemap) is its own work, not a stall the load causes: done first
    qtbot.waitUntil(window.canvas.frame_is_current, timeout=20_000)
    loader_cpu = _loader_cpu_clock()
    ticks = []  # (wall, loader CPU, GUI-thread CPU)
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append((time.perf_counter(), loader_cpu(), time.thread_time())))
    paints = []
    # count paints through the canvas's own signal (no per-instance override of a Qt virtual)
    window.canvas.painted.connect(lambda: paints.append(time.perf_counter()))
    repaint = QTimer()
    repaint.setInterval(100)
    repaint.timeout.connect(window.canvas.update)
    timer.start()
    repaint.start()
    t0 = (time.perf_counter(), 0.0, time.thread_time())
    assert window.open_files([str(big_geojson)], background=True) == []
    assert len(window.loaders) == 1 and window.document.layers == []
    arrived = []
    window.loaders[0].loaded.connect(lambda _layer: arrived.append(time.perf_counter()))
    qtbot.waitUntil(lambda: len(window.document.layers) == 1, timeout=60_000)
    # the loop is measured while the file loads; the first paint of the new layer comes after
    elapsed = arrived[0] - t0[0]
    ticks = [t for t in ticks if t[0] <= arrived[0]]
    timer.stop()
    repaint.stop()
    layer = window.document.layers[0]
    assert layer.feature_count == N_BIG
    assert elapsed > 0.5  # a real load, long enough to measure the loop
    # gaps between ticks of the running loop (the first tick ends the test's own set-up: opening
    # the file returns in ~3 ms, but the loop's first turn also delivers the queued repaints)
    samples = np.array(ticks)
    wall, cpu = np.diff(samples[:, 0]), np.diff(samples[:, 1]) + np.diff(samples[:, 2])
    stalls = np.minimum(wall, cpu)
    worked = min(elapsed, float(samples[-1, 1]))  # the loader's CPU seconds, at most the wall time
    assert ticks[0][0] - t0[0] < 1.0, ticks[0][0] - t0[0]  # the loop turned soon after the file was opened
    # the GUI thread also paints the basemap; a quarter of the 50 Hz ticks is still a live window
    assert len(ticks) >= 0.25 * worked / 0.02, (len(ticks), elapsed, worked)
    assert stalls.max() < 0.5, (stalls.max(), wall[stalls.argmax()], cpu[stalls.argmax()])
    assert len([t for t in paints if t <= arrived[0]]) >= 3  # the canvas repainted while loading
    assert f"{N_BIG} features" in window.statusBar().currentMessage()


def test_cancel_leaves_layers_untouched(window, big_geojson, qtbot, tmp_path):
    small = tmp_path / "small.geojson"
    small.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "x"}, "geometry": {"type": "Point", "coordinates": [100, 1]}}]}))
    (kept,) = window.open_files([str(small)])
    loader = LayerLoader(LoadRequest(str(big_geojson)), parent=window, dialog_delay_ms=0)
    got = []
    loader.loaded.connect(got.append)
    loader.failed.connect(got.append)
    loader.start()
    assert loader.dialog is not None
    loader.dialog.canceled.emit()  # the user presses Cancel (QProgressDialog.cancel() emits nothing)
    qtbot.waitUntil(lambda: bool(got), timeout=60_000)
    assert isinstance(got[0], LoadCancelled) and "cancelled" in str(got[0])
    assert loader.wait(30_000)
    assert window.document.layers == [kept]


def test_window_cancel_message(window, big_geojson, qtbot):
    window.open_files([str(big_geojson)], background=True)
    window.loaders[0].cancel()
    qtbot.waitUntil(lambda: not window.loaders, timeout=60_000)
    assert window.document.layers == []
    assert window.last_error is None
    assert "Cancelled loading" in window.statusBar().currentMessage()


def test_background_failure_shows_dialog(window, tmp_path, qtbot):
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [ {')
    window.open_files([str(bad)], background=True)
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=30_000)
    assert str(bad) in window.last_error and window.document.layers == []


def test_geopackage_asks_which_layers(window, tmp_path, monkeypatch):
    path = tmp_path / "two.gpkg"
    gpd.GeoDataFrame({"name": ["A", "B"]}, geometry=[shapely.Point(100, 1), shapely.Point(101, 2)], crs=4326).to_file(
        path, layer="sites")
    gpd.GeoDataFrame({"name": ["Tuas"]}, geometry=[shapely.Point(103.64, 1.32)], crs=4326).to_file(path, layer="stations")
    asked = []
    monkeypatch.setattr(window, "choose_layers", lambda p, names: asked.append(names) or ["stations"])
    (layer,) = window.open_files([str(path)])
    assert asked == [["sites", "stations"]]
    assert layer.title == "two — stations" and layer.feature_count == 1
    monkeypatch.setattr(window, "choose_layers", lambda p, names: [])  # Cancel in the chooser
    assert window.open_files([str(path)]) == [] and len(window.document.layers) == 1


def test_missing_crs_prompts(window, tmp_path, monkeypatch):
    path = tmp_path / "utm.csv"
    path.write_text("name,x,y\nBangkok,662000,1521000\n")
    monkeypatch.setattr(window, "ask_crs", lambda p, reason: "EPSG:32647")
    (layer,) = window.open_files([str(path)])
    pt = layer.frame.geometry.iloc[0]
    assert pt.x == pytest.approx(100.498, abs=0.001) and pt.y == pytest.approx(13.754, abs=0.001)
    monkeypatch.setattr(window, "ask_crs", lambda p, reason: None)
    assert window.open_files([str(path)]) == []
    assert "no CRS" in window.last_error and len(window.document.layers) == 1


def test_drop_thai_csv_reports_in_status_bar(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    path = tmp_path / "thai.csv"
    path.write_bytes("name,lon,lat\nกรุงเทพมหานคร สถานีเคเบิลใต้น้ำ,100.5,13.7\nชลบุรี โรงงาน,101.0,13.4\n".encode("cp874"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    (layer,) = window.document.layers
    assert list(layer.frame["name"])[1] == "ชลบุรี โรงงาน"
    msg = window.statusBar().currentMessage()
    assert "thai: 2 features read, 2 drawn" in msg and "encoding cp874 (detected)" in msg


def test_single_point_zooms_to_padded_extent(window, tmp_path):
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Nanning"},
         "geometry": {"type": "Point", "coordinates": [108.318, 22.822]}}]}))
    (layer,) = window.open_files([str(path)])
    window.canvas.zoom_to_layer(layer)
    w, s, e, n = window.canvas.viewport.bbox()
    assert np.all(np.isfinite([w, s, e, n]))
    assert w < 108.318 < e and s < 22.822 < n
    assert 0.1 < e - w < 5  # padded (>= 20 km), not the whole world


def test_options_dialog_and_chosen_encoding(window, tmp_path):
    from asean_atlas.desktop.loader import LoadOptionsDialog

    dlg = LoadOptionsDialog(window)
    assert dlg.encoding() is None and dlg.crs() is None
    dlg.encoding_box.setCurrentIndex(3)
    dlg.crs_edit.setText(" EPSG:4326 ")
    assert dlg.encoding() == "gb18030" and dlg.crs() == "EPSG:4326"
    dlg.encoding_box.setEditText("big5")
    assert dlg.encoding() == "big5"
    path = tmp_path / "short.csv"
    path.write_bytes("name,lon,lat\n南宁,108.3,22.8\n".encode("gbk"))
    (layer,) = window.open_files([str(path)], encoding="gbk")
    assert layer.frame["name"].iloc[0] == "南宁" and layer.report.encoding == "gbk (chosen)"


def test_files_loading_together_get_different_colours(window, qtbot, tmp_path):
    """Several big files chosen at once load in the background side by side: each gets its own
    colour (before, all took the one colour unused by the layers already on the map)."""
    paths = []
    for i in range(3):
        p = tmp_path / f"f{i}.geojson"
        write_points_geojson(p, 2000, seed=i)
        paths.append(str(p))
    window.open_files(paths, background=True)
    qtbot.waitUntil(lambda: len(window.document.layers) == 3, timeout=30_000)
    colours = [lyr.style.color for lyr in window.document.layers]
    assert len(set(colours)) == 3, colours


def test_status_bar_keeps_the_counts_when_a_load_has_warnings(window, tmp_path):
    path = tmp_path / "mixed.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "ok"}, "geometry": {"type": "Point", "coordinates": [100, 10]}},
        {"type": "Feature", "properties": {"name": "far"}, "geometry": {"type": "Point", "coordinates": [600, 10]}},
    ]}))
    window.interactive = False  # warnings go to the status bar only: the counts must still be there
    window.open_files([str(path)])
    msg = window.statusBar().currentMessage()
    assert msg.startswith("mixed: 2 features read, 1 drawn, 1 dropped (not geography)") and "1 warning" in msg


def test_crs_dialog_wraps_and_suggests_degrees(window, tmp_path, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QInputDialog

    path = tmp_path / "legacy.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection",
                                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
                                "features": [{"type": "Feature", "properties": {"name": "a"},
                                              "geometry": {"type": "Point", "coordinates": [100.5, 13.7]}}]}))
    seen = {}

    def answer():
        dlg = next(w for w in window.findChildren(QInputDialog) if w.isVisible())
        seen["width"], seen["value"] = dlg.width(), dlg.textValue()
        dlg.accept()

    window.interactive = True
    QTimer.singleShot(300, answer)
    (layer,) = window.open_files([str(path)], background=False)
    assert seen["value"] == "EPSG:4326" and seen["width"] <= 900
    assert layer.report.source_crs == "EPSG:4326 (chosen)" and layer.bounds()[0] == pytest.approx(100.5)


def test_options_dialog_previews_the_file_in_the_chosen_encoding(window, tmp_path):
    """Issue 13 item 4: File > Add layer with encoding/CRS… shows the first lines of the file as
    the chosen encoding reads it, and the detected encoding with its confidence; a control
    character in the file is shown as U+FFFD, never acted on."""
    from asean_atlas.desktop.loader import LoadOptionsDialog

    path = tmp_path / "taipei.csv"
    path.write_bytes("name,lon,lat\n臺北站\x1b[31m,121.5,25.0\n".encode("gbk"))
    dlg = LoadOptionsDialog(window, [str(tmp_path / "other.shp"), str(path)])
    assert "臺北站" in dlg.preview.toPlainText() and "\ufffd[31m" in dlg.preview.toPlainText()
    assert dlg.detected.text().startswith("Detected: gb18030; text plausible as Chinese: 100%")
    dlg.encoding_box.setCurrentIndex(4)  # Big5: the same bytes as nonsense, for the user to see
    assert dlg.encoding() == "big5" and "臺北站" not in dlg.update_preview() and dlg.detected.text() == ""
    dlg.encoding_box.setEditText("no-such-codec")
    assert "cannot read it as no-such-codec" in dlg.update_preview()
    assert LoadOptionsDialog(window, [str(tmp_path / "a.shp")]).preview_path is None  # no text file: no preview
