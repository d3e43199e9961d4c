"""The start-up picture (issue 9: cold start; ``desktop/startup.py``): a plain start shows the picture
of the window's last plain start before the data stack is imported, then the live window takes
its place. The picture must be exactly what the window showed, used only when nothing that shapes
the window changed, and never in the way of a start (a broken or unwritable cache)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from asean_atlas.desktop import startup
from asean_atlas.desktop.cli import build_document

SIZE = (1200, 760)  # above the main window's minimum width (1034 px)


@pytest.fixture
def app(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("ATLAS_AUTOSAVE_DIR", str(tmp_path / "autosave"))
    monkeypatch.delenv(startup.ENV_SWITCH, raising=False)
    qapp = QApplication.instance() or QApplication([])
    qapp.setApplicationName("ASEAN Digital Atlas")
    qapp.setOrganizationName("asean-atlas")
    startup.events.clear()
    yield qapp
    while QApplication.overrideCursor() is not None:
        QApplication.restoreOverrideCursor()


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    ptr = image.constBits()
    return np.frombuffer(ptr, np.uint8, image.sizeInBytes()).reshape(image.height(), image.bytesPerLine())[
        :, : image.width() * 4].copy()


def _wait(cond, seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while not cond():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        QApplication.processEvents()
        time.sleep(0.005)


def _window(picture):
    """The live window of a plain start, as run_window makes it (without its event loop)."""
    from asean_atlas.desktop.main_window import MainWindow

    window = MainWindow(build_document([]))
    window.resize(*SIZE)
    picture.place(window)
    picture.hand_over(window)
    window.show()
    return window


def test_the_key_follows_what_shapes_the_window(app, tmp_path, monkeypatch):
    root = tmp_path / "pkg"
    (root / "desktop" / "__pycache__").mkdir(parents=True)
    (root / "geodata").mkdir()
    code = root / "desktop" / "canvas.py"
    code.write_text("x = 1\n")
    data = root / "geodata" / "atlas.gpkg"
    data.write_bytes(b"layers")
    monkeypatch.setattr(startup, "PACKAGE_ROOT", root)
    base = startup.picture_key("en", None, SIZE)
    assert base == startup.picture_key("en", None, SIZE) and len(base) == 64
    others = {
        startup.picture_key("zh_CN", None, SIZE),
        startup.picture_key("en", 2020, SIZE),
        startup.picture_key("en", None, (1201, 760)),
    }
    assert base not in others and len(others) == 3
    (root / "desktop" / "__pycache__" / "canvas.cpython-311.pyc").write_bytes(b"compiled")
    assert startup.picture_key("en", None, SIZE) == base  # compiled files are not the code
    st = data.stat()
    os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # the built-in layers rebuilt
    rebuilt = startup.picture_key("en", None, SIZE)
    assert rebuilt != base
    code.write_text("x = 2\n")  # same size, new time: the code changed
    os.utime(code, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000))
    edited = startup.picture_key("en", None, SIZE)
    assert edited not in (base, rebuilt)
    settings = QSettings()
    settings.setValue("view/antialiasing", not settings.value("view/antialiasing", True, bool))
    settings.sync()
    assert startup.picture_key("en", None, SIZE) != edited  # a remembered setting changed


def test_only_a_plain_start_uses_a_picture(app, tmp_path, monkeypatch):
    assert startup.enabled([], None, True, None)
    assert not startup.enabled(["roads.geojson"], None, True, None)
    assert not startup.enabled([], "story.atlas.json", True, None)
    assert not startup.enabled([], None, False, None)  # --no-builtin
    assert not startup.enabled([], None, True, "shot.png")
    monkeypatch.setenv(startup.ENV_SWITCH, "0")
    assert not startup.enabled([], None, True, None)
    monkeypatch.delenv(startup.ENV_SWITCH)
    # a crashed session's autosave is about to be restored: that window is not the picture's
    folder = tmp_path / "autosave"
    folder.mkdir()
    dead = 4_194_000 + 7  # above the default pid_max of small systems: no such process
    (folder / f"autosave-{dead}.atlas.json").write_text("{}")
    assert not startup.enabled([], None, True, None)
    assert startup.begin([], None, True, None, None, "en", SIZE) is None


def test_a_plain_start_writes_the_picture_and_the_next_start_shows_it(app, tmp_path):
    first = startup.begin([], None, True, None, None, "en", SIZE)
    assert first is not None and first.widget is None  # nothing cached yet
    assert not first.path.exists()
    window = _window(first)
    _wait(lambda: first.writer is not None and not first.writer.is_alive())
    assert first.path.is_file() and [n for n, _ in startup.events] == ["window"]
    written = QImage(str(first.path))
    assert (written.width(), written.height()) == SIZE
    # exactly the window as it painted (a map, docks, legend: not a blank frame)
    shown = _pixels(window.grab().toImage())
    assert np.array_equal(_pixels(written), shown)
    assert len(np.unique(shown.reshape(-1, 4), axis=0)) > 500
    window.close()
    window.deleteLater()

    startup.events.clear()
    second = startup.begin([], None, True, None, None, "en", SIZE)
    assert second.key == first.key and second.widget is not None and second.widget.isVisible()
    assert second.widget.windowTitle() == window.windowTitle() != ""
    assert [n for n, _ in startup.events] == ["picture"]  # painted before begin returned
    assert QApplication.overrideCursor() is not None  # busy until the live window is there
    assert np.array_equal(_pixels(second.widget.grab().toImage()), shown)
    # the data stack loads on a worker thread while the picture window handles its events
    seen = {}

    def work():
        seen["thread"] = threading.current_thread().name
        time.sleep(0.2)
        return 42

    assert second.run_while_showing(work) == 42 and seen["thread"] == "atlas-startup"
    with pytest.raises(ValueError, match="broken"):
        second.run_while_showing(lambda: (_ for _ in ()).throw(ValueError("broken")))
    live = _window(second)
    assert live.geometry() == second.widget.geometry()
    canvas = live.canvas
    assert canvas.placeholder is second.image
    # until its first frame, the live canvas shows the picture's map where the canvas is
    at = canvas.mapTo(live, canvas.rect().topLeft())
    crop = written.copy(at.x(), at.y(), canvas.width(), canvas.height())
    assert canvas._frame is None
    assert np.array_equal(_pixels(canvas.grab().toImage()), _pixels(crop))
    _wait(lambda: second.widget is None)  # the map painted: the picture window is gone
    assert canvas.placeholder is None and canvas._frame is not None
    assert QApplication.overrideCursor() is None
    assert [n for n, _ in startup.events] == ["picture", "window"]
    assert second.writer is None  # a picture was shown: nothing written
    live.close()
    live.deleteLater()

    # anything that shapes the window changes the key: no picture for another year
    third = startup.begin([], None, True, None, 2015, "en", SIZE)
    assert third.key != first.key and third.widget is None


def test_a_broken_or_unwritable_cache_never_stops_a_start(app, tmp_path, monkeypatch):
    picture = startup.begin([], None, True, None, None, "en", SIZE)
    picture.path.parent.mkdir(parents=True)
    picture.path.write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    again = startup.begin([], None, True, None, None, "en", SIZE)
    assert again.widget is None  # unreadable: the ordinary start
    assert again.run_while_showing(lambda: "ran here") == "ran here"
    # the cache folder cannot be made (a file where the folder should be): the window still opens
    blocked = tmp_path / "blocked"
    blocked.write_text("a file")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    third = startup.begin([], None, True, None, None, "en", SIZE)
    window = _window(third)
    _wait(lambda: third.writer is not None and not third.writer.is_alive())
    assert not third.path.exists() and window.isVisible()
    window.close()
    window.deleteLater()


def test_the_entry_point_shows_the_picture_then_the_window(tmp_path):
    """``asean-atlas`` twice, as a user starts it: the first start writes the picture, the second
    paints it before the live window, without PySide6's import hook reading pandas' sources."""
    code = "\n".join([
        "import builtins, json, os, sys, linecache",
        "from asean_atlas.desktop import app, startup",
        "def report():",
        "    print('RESULT', json.dumps({'events': [n for n, _ in startup.events],",
        "        'files': sorted(str(p) for p in startup.cache_folder().glob('*')),",
        "        'sha': [__import__('hashlib').sha256(p.read_bytes()).hexdigest() for p in sorted(startup.cache_folder().glob('*'))],",
        "        'hook': builtins.__import__.__name__,",
        "        'pandas_sources': sum(1 for k in linecache.cache if '/pandas/' in k)}), flush=True)",
        "    os._exit(0)",
        "def on(name, t):",
        "    if name == 'window':",
        "        from PySide6.QtCore import QTimer",  # Qt is imported by the start-up, not before it
        "        QTimer.singleShot(1500, report)",  # the first start's picture is written by then
        "startup.listeners.append(on)",
        "sys.exit(app.main([]))",
    ])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "ATLAS_AUTOSAVE_DIR": str(tmp_path / "autosave")}
    env.pop(startup.ENV_SWITCH, None)
    results = []
    for _ in range(2):
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180, env=env)
        assert r.returncode == 0, r.stderr
        line = next(ln for ln in r.stdout.splitlines() if ln.startswith("RESULT "))
        results.append(json.loads(line.split(" ", 1)[1]))
    first, second = results
    assert first["events"] == ["window"] and len(first["files"]) == 1
    assert first["files"][0].endswith(".png") and "/startup/window-" in first["files"][0]
    assert second["events"] == ["picture", "window"] and second["files"] == first["files"]
    assert second["sha"] == first["sha"]  # the live window was the picture: nothing rewritten
    assert second["hook"] == "__import__"  # PySide6's __feature__ hook taken out again
    assert second["pandas_sources"] < 30, second  # with the hook: ~600 of pandas' modules read
    assert "propagateSizeHints" not in r.stderr


def test_closing_the_picture_window_cancels_the_start(app):
    plain = startup.begin([], None, True, None, None, "en", SIZE)
    plain.path.parent.mkdir(parents=True)
    narrow = QImage(SIZE[0] - 10, SIZE[1], QImage.Format.Format_RGB32)
    narrow.fill(0xFF336699)
    assert narrow.save(str(plain.path), "PNG")
    assert startup.begin([], None, True, None, None, "en", SIZE).widget is None  # not this window's size
    image = QImage(*SIZE, QImage.Format.Format_RGB32)
    image.fill(0xFF336699)
    image.setText(startup.TITLE_KEY, "Atlas — picture")
    assert image.save(str(plain.path), "PNG")
    shown = startup.begin([], None, True, None, None, "en", SIZE)
    assert shown.widget is not None and shown.widget.windowTitle() == "Atlas — picture"
    grabbed = _pixels(shown.widget.grab().toImage())
    assert (grabbed[..., :3] == (0x99, 0x66, 0x33)).all()  # BGRA bytes of #336699 everywhere
    assert not shown.cancelled
    shown.widget.close()  # the user closes the window while the Atlas loads
    assert shown.cancelled
    assert shown.run_while_showing(lambda: "loaded") == "loaded"  # the load is waited for, not cut


def _solid_picture(picture, argb: int = 0xFF336699) -> None:
    picture.path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(*SIZE, QImage.Format.Format_RGB32)
    image.fill(argb)
    assert image.save(str(picture.path), "PNG")


def test_a_picture_unlike_the_live_window_is_rewritten(app):
    """A change the key missed (or a stale file) mends itself: the start that showed it grabs the
    live window and writes that instead."""
    _solid_picture(startup.begin([], None, True, None, None, "en", SIZE))
    shown = startup.begin([], None, True, None, None, "en", SIZE)
    assert shown.widget is not None
    window = _window(shown)
    _wait(lambda: shown.writer is not None and not shown.writer.is_alive())
    assert np.array_equal(_pixels(QImage(str(shown.path))), _pixels(window.grab().toImage()))
    window.close()
    window.deleteLater()


def test_a_touched_or_changed_window_is_never_cached(app):
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    first = startup.begin([], None, True, None, None, "en", SIZE)
    window = _window(first)
    # a key pressed before the map painted (e.g. F6 opening the attribute table)
    QApplication.sendEvent(window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier))
    _wait(lambda: [n for n, _ in startup.events] == ["window"])
    for _ in range(20):
        QApplication.processEvents()
    assert first.touched and first.writer is None and not first.path.exists()
    window.close()
    window.deleteLater()
    # a window with the user's work in it (a dropped layer, a restored session): never cached
    startup.events.clear()
    second = startup.begin([], None, True, None, None, "en", SIZE)
    window = _window(second)
    window.dirty = True
    _wait(lambda: [n for n, _ in startup.events] == ["window"])
    for _ in range(20):
        QApplication.processEvents()
    assert not second.touched and second.writer is None and not second.path.exists()
    window.close()
    window.deleteLater()


def test_closing_the_live_window_before_its_map_closes_the_picture(app):
    _solid_picture(startup.begin([], None, True, None, None, "en", SIZE))
    shown = startup.begin([], None, True, None, None, "en", SIZE)
    window = _window(shown)
    assert shown.widget is not None
    window.close()  # before its first frame
    assert shown.widget is None and QApplication.overrideCursor() is None and not shown.cancelled
    window.deleteLater()


def test_old_pictures_are_pruned_and_nothing_else(app, tmp_path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    names = [f"window-{c * 64}.png" for c in "abcde"]
    for i, name in enumerate(names):
        (folder / name).write_bytes(b"png")
        os.utime(folder / name, ns=(1_000_000_000 * (i + 1),) * 2)  # a oldest … e newest
    dead = 4_194_000 + 7
    (folder / f".window-{'f' * 64}.png.{dead}.tmp").write_bytes(b"half")
    (folder / f".window-{'f' * 64}.png.{os.getpid()}.tmp").write_bytes(b"ours, being written")
    (folder / "window-holiday.png").write_bytes(b"the user's")
    startup._prune(folder, keep=folder / names[0])
    left = sorted(p.name for p in folder.iterdir())
    # the one just written, the KEPT - 1 most recently used others, ours in progress, the user's
    assert left == sorted([names[0], names[3], names[4], f".window-{'f' * 64}.png.{os.getpid()}.tmp",
                           "window-holiday.png"])
    assert startup.KEPT == 3


def test_ctrl_c_while_loading_ends_the_start(app, monkeypatch):
    import signal

    _solid_picture(startup.begin([], None, True, None, None, "en", SIZE))
    shown = startup.begin([], None, True, None, None, "en", SIZE)
    before = signal.getsignal(signal.SIGINT)

    def work():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.3)
        return "loaded"

    with pytest.raises(KeyboardInterrupt):
        shown.run_while_showing(work)
    assert signal.getsignal(signal.SIGINT) is before
    monkeypatch.setenv(startup.ENV_SWITCH, "OFF")
    assert not startup.enabled([], None, True, None)


def test_the_default_window_fits_a_small_screen(app):
    # a 1366x768 laptop less its panel: the 1400x900 default would overflow it
    assert startup.fit_size((1400, 900), (1366, 740)) == (1366, 740)
    assert startup.fit_size((1400, 900), (1920, 1050)) == (1400, 900)
    assert startup.fit_size((1400, 900), (1200, 1050)) == (1200, 900)
    assert startup.fit_size((1400, 900), None) == (1400, 900)
    assert startup.fit_size((1400, 900), (0, 0)) == (1400, 900)  # a screen that reports nothing
    # the offscreen platform's 800x600 screen is no one's screen: sizes are kept there
    assert QApplication.platformName() == "offscreen"
    assert startup.fit_to_screen((1400, 900)) == (1400, 900)
    picture = startup.begin([], None, True, None, None, "en", (1400, 900), fit_screen=True)
    assert picture.size == (1400, 900)
