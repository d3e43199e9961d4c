"""Projects (issue 11 item 6): save and reopen the session, the CLI replays it pixel for pixel,
moved files, hostile project files, undo of Remove layer, unsaved-change prompt, autosave after
kill -9."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from asean_atlas.desktop.cli import build_document, main
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.desktop.projects import autosave_path, restore_autosave
from asean_atlas.layers.project import ProjectError, load_project, read_project_dict

SITES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"name": "Alpha DC", "status": "in service", "year": 2019, "mw": 20},
         "geometry": {"type": "Point", "coordinates": [103.85, 1.29]}},
        {"type": "Feature", "properties": {"name": "Beta DC", "status": "planned", "year": 2027, "mw": 60},
         "geometry": {"type": "Point", "coordinates": [100.5, 13.75]}},
        {"type": "Feature", "properties": {"name": "Gamma DC", "status": "in service", "year": 2023, "mw": 45},
         "geometry": {"type": "Point", "coordinates": [106.7, 10.8]}},
    ],
}


@pytest.fixture
def sites(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    p = data / "sites.geojson"
    p.write_text(json.dumps(SITES), encoding="utf-8")
    return p


def _window(qtbot, files=(), builtin=True):
    win = MainWindow(build_document([], builtin=builtin))
    qtbot.addWidget(win)
    win.resize(1100, 750)
    win.interactive = False
    win.confirm_close = False
    win.show()
    qtbot.waitExposed(win)
    if files:
        win.open_files([str(f) for f in files], background=False)
    return win


def _story(win):
    """A session worth saving: a filtered, restyled user layer, a hidden built-in, a year, a view."""
    import dataclasses

    sites = win.document.layers[-1]
    sites.set_filter("status == 'in service'")
    sites.set_style(dataclasses.replace(sites.style, color="#d6336c", marker_size=14, marker_shape="diamond"))
    cables = next(lyr for lyr in win.document.layers if lyr.source == "builtin:cables")
    cables.set_visible(False)
    win.document.set_year(2024)
    win.canvas.zoom_to_bbox((98.0, -2.0, 110.0, 16.0), pad=0.0)
    return sites


def test_save_and_reopen_the_session(qtbot, tmp_path, sites):
    win = _window(qtbot, [sites])
    _story(win)
    assert win.dirty and win.windowTitle().startswith("*")
    path = win.save_project(tmp_path / "story")
    assert path == (tmp_path / "story.atlas.json").resolve() and not win.dirty
    data = read_project_dict(path)
    entry = data["layers"][-1]
    assert entry["source"] == "data/sites.geojson"  # relative to the project file
    assert entry["filter"] == "status == 'in service'"
    # a new window opens it: layers, order, styles, filters, visibility, time, view
    win2 = _window(qtbot, builtin=False)
    assert win2.open_project(path)
    a, b = win.document.layers, win2.document.layers
    assert [lyr.title for lyr in a] == [lyr.title for lyr in b]
    assert [lyr.visible for lyr in a] == [lyr.visible for lyr in b]
    assert [lyr.style for lyr in a] == [lyr.style for lyr in b]
    assert b[-1].filter.expression == "status == 'in service'" and int(b[-1].filter_mask().sum()) == 2
    assert win2.document.year == 2024
    w, s, e, n = win2.canvas.viewport.bbox()
    assert w <= 98.01 and e >= 109.99 and s <= -1.99 and n >= 15.99
    assert not win2.dirty and win2.project_path == path
    assert str(path) in win2.recent_projects()


def test_cli_replays_the_project_pixel_for_pixel(qtbot, tmp_path, sites, capsys):
    win = _window(qtbot, [sites])
    _story(win)
    path = win.save_project(tmp_path / "story.atlas.json")
    window_png = win.export_png(tmp_path / "window.png")
    # no --size: the CLI exports 1600 pixels wide at the saved view's aspect, as the window does
    assert main(["export", "--project", str(path),
                 "--png", str(tmp_path / "cli.png"), "--html", str(tmp_path / "cli.html")]) == 0
    a, b = QImage(str(window_png)), QImage(str(tmp_path / "cli.png"))
    assert a.size() == b.size()
    ba = np.frombuffer(a.convertToFormat(QImage.Format.Format_ARGB32).constBits(), dtype=np.uint8)
    bb = np.frombuffer(b.convertToFormat(QImage.Format.Format_ARGB32).constBits(), dtype=np.uint8)
    assert np.array_equal(ba, bb)
    page = (tmp_path / "cli.html").read_text(encoding="utf-8")
    assert "filtered: sites: status == 'in service'" in page and "Gamma DC" in page and "Beta DC" not in page


def test_moved_file_and_bad_entries(qtbot, tmp_path, sites):
    win = _window(qtbot, [sites])
    path = win.save_project(tmp_path / "story.atlas.json")
    moved = sites.with_name("elsewhere.geojson")
    sites.rename(moved)
    loaded = load_project(path)
    assert [m.entry["title"] for m in loaded.missing] == ["sites"]
    assert len(loaded.document.layers) == 8  # the built-in layers still open
    win2 = _window(qtbot, builtin=False)
    assert win2.open_project(path)  # the rest opens; the missing file is reported
    assert len(win2.document.layers) == 8
    assert any("sites: file not found" in w for w in win2.warnings_shown)
    # saving keeps the unavailable layer's entry (and its settings) in its place
    again = win2.save_project(tmp_path / "again.atlas.json")
    entries = read_project_dict(again)["layers"]
    assert [e.get("title") for e in entries][-1] == "sites" and entries[-1]["source"].endswith("sites.geojson")
    # the CLI refuses to draw a different map than the window's: exit 2 naming the file
    assert main(["export", "--project", str(path), "--png", str(tmp_path / "x.png")]) == 2
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("content, message", [
    (b"not json", "not valid JSON"),
    (b"\xff\xfe", "not UTF-8"),
    (b'{"format": "something-else", "layers": []}', "not an ASEAN Digital Atlas project"),
    (b'{"format": "asean-atlas-project", "version": 99, "layers": []}', "version 99"),
    (b'{"format": "asean-atlas-project", "version": 1, "layers": {}}', "no list of layers"),
    (b'{"format": "asean-atlas-project", "version": 1, "layers": [], "x": NaN}', "not valid JSON"),
    (b"[" * 100000, "not valid JSON"),
])
def test_bad_project_files_are_refused(tmp_path, content, message):
    p = tmp_path / "bad.atlas.json"
    p.write_bytes(content)
    with pytest.raises(ProjectError, match=message):
        load_project(p)


def test_hostile_values_are_checked_not_run(tmp_path):
    marker = tmp_path / "ran"
    project = {
        "format": "asean-atlas-project", "version": 1, "title": "<script>alert(1)</script>",
        "view": {"bbox": [float("1e400") if False else 1, "x", 3, 4]},
        "time": {"speed": 1e308, "step_size": "many", "current": "__import__('os')", "enabled": "yes"},
        "layers": [
            {"source": "builtin:cables", "title": "Cables {{ 7*7 }}", "visible": "no",
             "style": {"color": "javascript:alert(1)", "stroke_width": 1e9, "categories": {"a": "red", "b": "#00ff00"},
                       "marker_shape": "__class__", "graduated_edges": [3, 2, 1], "size_range": ["a", 2]},
             "filter": f"__import__('pathlib').Path('{marker}').touch()",
             "temporal": {"start_field": "no_such_field"}, "lifecycle": {"status_field": 5}},
            {"source": "builtin:nope"},
            "not an object",
            {"source": "/etc/passwd"},
        ],
    }
    p = tmp_path / "hostile.atlas.json"
    p.write_text(json.dumps(project), encoding="utf-8")
    loaded = load_project(p)
    assert not marker.exists()
    (cables,) = loaded.document.layers
    assert cables.title == "Cables {{ 7*7 }}" and cables.visible is True
    st = cables.style
    assert st.color == "#377eb8" and st.stroke_width == 50.0 and st.categories == {"b": "#00ff00"}
    assert st.marker_shape == "circle" and st.graduated_edges == () and cables.filter is None
    assert loaded.bbox is None and loaded.document.title == "<script>alert(1)</script>"
    text = "\n".join(loaded.errors)
    assert "filter not applied" in text and "builtin:nope" in text and "not an object" in text
    assert "passwd" in text  # /etc/passwd is read as a vector file like any other, and refused


def test_undo_remove_layer(qtbot, sites):
    win = _window(qtbot, [sites])
    cables = next(lyr for lyr in win.document.layers if lyr.source == "builtin:cables")
    index = win.document.layers.index(cables)
    win.layer_panel.list.setCurrentRow(list(reversed(win.document.layers)).index(cables))
    win.layer_panel.remove_button.click()
    assert cables not in win.document.layers
    win.undo_action.trigger()
    assert win.document.layers.index(cables) == index


def test_unsaved_changes_prompt(qtbot, sites, monkeypatch):
    win = _window(qtbot, [sites])
    win.confirm_close = True
    assert win.dirty
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Cancel)
    win.close()
    assert win.isVisible()  # Cancel keeps the window
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Discard)
    win.close()
    assert not win.isVisible()


AUTOSAVING = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["ATLAS_AUTOSAVE_MS"] = "100"
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from asean_atlas.desktop.cli import build_document
    from asean_atlas.desktop.main_window import MainWindow
    win = MainWindow(build_document([], builtin=False))
    win.open_files([sys.argv[1]], background=False)
    win.document.layers[-1].set_filter("status == 'planned'")
    t = time.time()
    while time.time() - t < 30:
        app.processEvents()
        time.sleep(0.02)
""")


def test_autosave_survives_kill_9(qtbot, tmp_path, sites):
    env = dict(os.environ, ATLAS_AUTOSAVE_DIR=str(tmp_path / "state"))
    proc = subprocess.Popen([sys.executable, "-c", AUTOSAVING, str(sites)], env=env)
    target = tmp_path / "state" / f"autosave-{proc.pid}.atlas.json"
    try:
        deadline = time.time() + 60
        while not target.exists() and time.time() < deadline:
            time.sleep(0.1)
        assert target.exists(), "no autosave written"
        time.sleep(0.3)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # the next start finds and restores the session
    os.environ["ATLAS_AUTOSAVE_DIR"], old = str(tmp_path / "state"), os.environ["ATLAS_AUTOSAVE_DIR"]
    try:
        assert autosave_path(proc.pid) == target
        # another Atlas closing cleanly (a --screenshot run, a second window) leaves it alone
        other = _window(qtbot, builtin=False)
        other.close()
        assert target.exists()
        win = _window(qtbot, builtin=False)
        assert restore_autosave(win)
        (layer,) = win.document.layers
        assert layer.title == "sites" and layer.filter.expression == "status == 'planned'"
        assert win.dirty  # restored but not saved in a project
        win.close()
        assert not target.exists()  # a clean exit removes the autosave
    finally:
        os.environ["ATLAS_AUTOSAVE_DIR"] = old


def test_reopened_project_renders_the_same_png(qtbot, tmp_path, sites):
    win = _window(qtbot, [sites])
    _story(win)
    path = win.save_project(tmp_path / "story.atlas.json")
    first = win.export_png(tmp_path / "first.png")
    win2 = _window(qtbot, builtin=False)
    win2.resize(win.size())
    assert win2.open_project(path)
    from asean_atlas.desktop.export import export_png

    second = export_png(win2.document, tmp_path / "second.png", win.current_export_options())
    a, b = QImage(str(first)), QImage(str(second))
    assert a.size() == b.size()
    assert a.convertToFormat(QImage.Format.Format_ARGB32) == b.convertToFormat(QImage.Format.Format_ARGB32)


def test_hostile_pass_regressions(tmp_path):
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.project import save_project

    doc = MapDocument(title="caf\udce9")  # a lone surrogate, as from a file name that is not UTF-8
    out = save_project(doc, tmp_path / "s.atlas.json")
    assert load_project(out).document.title == "caf\udce9"
    twice = tmp_path / "twice.atlas.json"
    twice.write_text(json.dumps({"format": "asean-atlas-project", "version": 1,
                                 "layers": [{"source": "builtin:cables"}, {"source": "builtin:cables", "title": "again"}]}))
    loaded = load_project(twice)
    assert [lyr.source for lyr in loaded.document.layers] == ["builtin:cables"]
    assert any("listed twice" in e for e in loaded.errors)
    folder = tmp_path / "dir.atlas.json"
    folder.mkdir()
    with pytest.raises(ProjectError):
        load_project(folder)
    long = tmp_path / "long.atlas.json"
    long.write_text(json.dumps({"format": "asean-atlas-project", "version": 1, "layers": [{"source": "x" * 6000}]}))
    assert [m.entry["source"][:1] for m in load_project(long).missing] == ["x"]


def test_an_english_project_opens_in_the_windows_map_language(qtbot, tmp_path):
    """A project saved with an English map, opened in a window whose interface (and map) is
    Chinese, gives a Chinese map: titles, legend (the new-user pass of session 31 found menus in
    Chinese over an English map). The command line's export keeps the project's language unless
    --lang says otherwise."""
    from asean_atlas.desktop import layout

    win = _window(qtbot)
    path = tmp_path / "story.atlas.json"
    win.save_project(path)
    assert json.loads(path.read_text(encoding="utf-8"))["language"] == "en"
    win.document.language = "zh_CN"  # as a start with --lang zh_CN sets it
    assert win.open_project(path)
    assert win.document.language == "zh_CN"
    labels = [label.strip() for _layer, label, _c, _d in layout.legend_rows(win.document)]
    assert "海底电缆" in labels and "Submarine cables" not in labels
