"""The start-up picture: the main window shown as it first looked, before the data stack loads.

A cold start spends most of its time before the main window can paint: importing pandas,
geopandas, pyogrio and GDAL (0.5–1.5 s on a 2-core machine) and reading the built-in layers.
A QGIS map canvas with the same layers paints in about half that time (issue 9, ``bench/``).

Like the app snapshots of phone operating systems, the Atlas keeps a picture of its main window
as the window first painted at the last *plain* start (no files, no project, no autosave to
restore) and, when nothing that shapes that window has changed since, shows the picture at once:
Qt only is imported (~0.2 s), the picture is shown with a busy cursor, then the data stack is
imported and the built-in layers are read on a worker thread while the picture window keeps
repainting, and the live main window takes the picture's place (same geometry) when its map has
painted. The picture is taken with :meth:`QWidget.grab` at that first paint (the same pixels; a
grab 300 ms later is identical) and written atomically in the background.

The picture is used only when its key matches. The key is a SHA-256 of everything that shapes the
first window: the size, name and modification time (ns) of every file of the Atlas's packages
(code, built-in layers, basemap, translations), the remembered settings file (language,
antialiasing…), the interface language chosen for this start (``--lang``, the remembered one or
the system locale's), ``--year``, the window size, the Qt platform, device pixel ratio, widget
style, default font and palette, the Python, Qt and PySide6 versions, the modification times of
the environment's ``site-packages`` (a package installed or removed) and of fontconfig's cache
folders (fonts installed or removed), and the current year (the time panel's range ends at it). Anything else (``--no-builtin``, files, a project, ``--screenshot``,
an autosave left by a crash) starts the ordinary way and neither reads nor writes a picture.
``ATLAS_STARTUP_PICTURE=0`` turns the picture off.

Where: ``<QStandardPaths.CacheLocation>/startup/window-<key>.png`` (on Linux
``$XDG_CACHE_HOME/asean-atlas/ASEAN Digital Atlas/startup``); one file is kept, older keys are
removed when a new picture is written.

Only PySide6 and the standard library are imported here, so the picture paints before numpy.
"""

from __future__ import annotations

import builtins
import hashlib
import json
import os
import sys
import threading
import time
from pathlib import Path

#: bumped when the picture's format or the key's contents change
FORMAT = 1
#: environment variable: ``0`` turns the start-up picture off
ENV_SWITCH = "ATLAS_STARTUP_PICTURE"
#: the Atlas's package folders whose files go into the key (beside this module's folder)
PACKAGE_DIRS = ("desktop", "layers", "geodata", "resources")
#: the PNG text key (tEXt chunk) holding the live window's title, shown on the picture window
TITLE_KEY = "Title"
#: the folder holding :data:`PACKAGE_DIRS` (the checkout, or ``site-packages/asean_atlas``)
PACKAGE_ROOT = Path(__file__).resolve().parent.parent

#: ``(event, time.time())`` of this process's start-up: ``"picture"`` when the picture was painted,
#: ``"window"`` when the live window's map was; ``bench/cold_start.py`` reads them.
events: list[tuple[str, float]] = []
#: called with ``(event, time.time())`` as each event happens (``bench/cold_start.py``)
listeners: list = []


def _event(name: str) -> None:
    t = time.time()
    events.append((name, t))
    for fn in list(listeners):
        fn(name, t)


def import_qt():
    """Import PySide6's widgets and take PySide6's ``__feature__`` import hook out again.

    PySide6 replaces ``builtins.__import__`` with a hook that reads the source of every module
    imported after it (for ``from __feature__ import snake_case``, which the Atlas does not use):
    pandas' 660 modules cost ~0.3 s and ~38 MB more when PySide6 is imported first (measured here:
    1.06–1.33 s vs 0.76–0.93 s for ``import PySide6.QtWidgets; import geopandas``, 189 vs 150 MB).
    Restoring the original import keeps both the time and the memory of the data-first order.
    """
    original = builtins.__import__
    import PySide6.QtWidgets as widgets

    builtins.__import__ = original
    return widgets


def enabled(files, project, builtin: bool, screenshot) -> bool:
    """Whether this start may use (and write) a start-up picture: a plain start of the window."""
    if os.environ.get(ENV_SWITCH, "1").strip() in ("0", "no", "off", "false"):
        return False
    if files or project or not builtin or screenshot:
        return False
    from .autosave_files import orphan_autosave

    return orphan_autosave() is None  # a crash's session is about to be restored: not the picture


def _files_digest(h) -> None:
    root = PACKAGE_ROOT
    for name in PACKAGE_DIRS:
        base = root / name
        for folder, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for f in sorted(files):
                if f.endswith((".pyc", ".pyo")):
                    continue
                p = os.path.join(folder, f)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                h.update(f"{os.path.relpath(p, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())


def _mtime(path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _font_caches() -> list[str]:
    """fontconfig's cache folders: rewritten whenever fonts are installed or removed (``fc-cache``),
    which changes how labels and Chinese names are drawn."""
    user = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return ["/var/cache/fontconfig", os.path.join(user, "fontconfig")]


def picture_key(language: str, year: int | None, size: tuple[int, int]) -> str:
    """SHA-256 (hex) of what shapes the first window (the module docstring lists it). Needs the
    QApplication."""
    import PySide6
    from PySide6.QtCore import QSettings, qVersion
    from PySide6.QtWidgets import QApplication

    h = hashlib.sha256()
    app = QApplication.instance()
    screen = app.primaryScreen()
    font = app.font()
    site = Path(PySide6.__file__).resolve().parent.parent
    try:
        site_mtime = os.stat(site).st_mtime_ns
    except OSError:
        site_mtime = 0
    settings = QSettings().fileName()
    try:
        settings_bytes = Path(settings).read_bytes()
    except OSError:
        settings_bytes = b""
    h.update(json.dumps({
        "format": FORMAT,
        "language": language,
        "year": year,
        "size": list(size),
        "platform": app.platformName(),
        "dpr": screen.devicePixelRatio() if screen else 1.0,
        "style": app.style().name(),
        "font": font.toString(),
        "python": sys.version,
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "site_packages": [str(site), site_mtime],
        "settings": [settings, hashlib.sha256(settings_bytes).hexdigest()],
        "this_year": time.localtime().tm_year,
        "palette": [app.palette().window().color().name(), app.palette().windowText().color().name()],
        "fonts": [_mtime(p) for p in _font_caches()],
    }, sort_keys=True).encode())
    _files_digest(h)
    return h.hexdigest()


def cache_folder() -> Path:
    """The folder of the start-up picture (needs the application's names set)."""
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)) / "startup"


class StartupPicture:
    """The start-up picture of this start: shown (if one matches) and written (if none did).

    Attributes
    ----------
    key : str
        :func:`picture_key` of this start.
    path : Path
        Where the picture of this key is (or will be) kept.
    widget : QWidget or None
        The window showing the picture until the live window has painted.
    """

    def __init__(self, key: str, size: tuple[int, int]) -> None:
        self.key = key
        self.size = size
        self.path = cache_folder() / f"window-{key}.png"
        self.widget = None
        #: the picture shown (a QImage), or None
        self.image = None
        #: the thread writing a new picture (tests join it), or None
        self.writer: threading.Thread | None = None
        #: the user closed the picture window before the live window came: the start ends there
        self.cancelled = False
        self._busy = False

    # -- showing --------------------------------------------------------------------------------
    def show(self) -> bool:
        """Show the picture of this key, if one is cached and readable; True if shown (and painted)."""
        from PySide6.QtCore import QElapsedTimer, QEventLoop, QSize, Qt
        from PySide6.QtGui import QImageReader, QPainter
        from PySide6.QtWidgets import QApplication, QWidget

        if not self.path.is_file():
            return False
        screen = QApplication.primaryScreen()
        dpr = screen.devicePixelRatio() if screen else 1.0
        reader = QImageReader(str(self.path), b"png")
        # the header first: a picture of another size (or a huge one) is not decoded at all
        expected = QSize(round(self.size[0] * dpr), round(self.size[1] * dpr))
        if reader.size() != expected:
            return False
        image = reader.read()  # (asking the reader its size after this would read the header again)
        if image.isNull() or image.size() != expected:
            return False
        image.setDevicePixelRatio(dpr)
        painted = {"done": False}

        owner = self

        class PictureWindow(QWidget):
            def closeEvent(self, event):  # noqa: N802 (Qt name)
                if owner.widget is self:  # closed by the user before the live window came
                    owner.cancelled = True
                super().closeEvent(event)

            def paintEvent(self, event):  # noqa: N802 (Qt name)
                p = QPainter(self)
                p.fillRect(self.rect(), self.palette().window())
                p.drawImage(0, 0, image)
                p.end()
                if not painted["done"]:
                    painted["done"] = True
                    _event("picture")

        w = PictureWindow()
        w.setWindowTitle(image.text(TITLE_KEY))  # the live window's title, in its language (written by _take)
        w.resize(*self.size)
        w.setCursor(Qt.CursorShape.BusyCursor)
        w.show()
        self.widget = w
        self.image = image
        clock = QElapsedTimer()
        clock.start()
        while not painted["done"] and clock.elapsed() < 1000:  # the expose comes from the window system
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._busy = True
        return True

    def run_while_showing(self, work):
        """Run ``work()`` on a worker thread while the picture window keeps handling its events
        (expose, move); return its result or raise its exception. Without a picture shown it runs
        on this thread."""
        if self.widget is None:
            return work()
        from PySide6.QtCore import QEventLoop, QTimer

        box: dict = {}

        def run():
            try:
                box["value"] = work()
            except BaseException as exc:  # noqa: BLE001 (re-raised on the GUI thread)
                box["error"] = exc

        thread = threading.Thread(target=run, name="atlas-startup", daemon=True)
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(10)
        # (closing the picture window does not end this loop: the work is waited for, then
        # :attr:`cancelled` says what the user wanted)
        poll.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
        thread.start()
        poll.start()
        loop.exec()
        poll.stop()
        thread.join()
        if "error" in box:
            raise box["error"]
        return box.get("value")

    # -- handing over to the live window --------------------------------------------------------
    def place(self, window) -> None:
        """Give the live ``window`` the picture window's place (before it is shown)."""
        if self.widget is not None:
            window.setGeometry(self.widget.geometry())
            # the live canvas shows the picture's map until its first frame: no blank map between
            window.canvas.placeholder = self.image

    def hand_over(self, window) -> None:
        """Once ``window``'s map has painted: close the picture window and, if no picture of this key
        was cached, take one of ``window`` and write it in the background."""
        from PySide6.QtCore import QTimer

        shown = self.widget is not None

        def on_painted() -> None:
            window.canvas.painted.disconnect(on_painted)
            # "painted" is emitted from the canvas's paintEvent: grab after it returns
            QTimer.singleShot(0, handed)

        def handed() -> None:
            if self.widget is not None:
                widget, self.widget = self.widget, None
                widget.close()
                widget.deleteLater()
            if self._busy:
                from PySide6.QtWidgets import QApplication

                QApplication.restoreOverrideCursor()
                self._busy = False
            if not shown:
                self._take(window)

        window.canvas.painted.connect(on_painted)
        record_first_paint(window)

    def _take(self, window) -> None:
        """Grab ``window`` as it first painted and write it (atomically, on a worker thread)."""
        from PySide6.QtWidgets import QApplication

        if getattr(window, "errors", None) or QApplication.activeModalWidget() is not None:
            return  # a load failed or a dialog is up: not the window a plain start shows
        if (window.width(), window.height()) != tuple(self.size):
            return  # the window system did not give the asked size (a small screen)
        image = window.grab().toImage()
        image.setText(TITLE_KEY, window.windowTitle())  # a PNG tEXt chunk: the picture window's title
        folder = self.path.parent
        path = self.path

        def write() -> None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                tmp = folder / f".{path.name}.{os.getpid()}.tmp"
                if not image.save(str(tmp), "PNG"):
                    tmp.unlink(missing_ok=True)
                    return
                os.replace(tmp, path)
                for old in [*folder.glob("window-*.png"), *folder.glob(".window-*.tmp")]:
                    if old != path and old != tmp:
                        old.unlink(missing_ok=True)
            except OSError:
                pass  # a cache: a start without it is only slower

        self.writer = threading.Thread(target=write, name="atlas-startup-picture", daemon=True)
        self.writer.start()


def record_first_paint(window) -> None:
    """Record the ``"window"`` event (:data:`events`) when ``window``'s map first paints."""

    def on_painted() -> None:
        window.canvas.painted.disconnect(on_painted)
        _event("window")

    window.canvas.painted.connect(on_painted)


def begin(files, project, builtin: bool, screenshot, year: int | None, lang: str | None,
          size: tuple[int, int]) -> StartupPicture | None:
    """At the start of the window (``asean-atlas`` without a subcommand): if this start may use a
    picture, create the QApplication (Qt only, no data stack), compute the key and show the cached
    picture when there is one. Returns the :class:`StartupPicture` (its ``widget`` set when shown),
    or None for a start that does not use pictures."""
    if not enabled(files, project, builtin, screenshot):
        return None
    widgets = import_qt()
    from . import i18n
    from .app import _quiet_offscreen_warnings

    _quiet_offscreen_warnings()

    app = widgets.QApplication.instance() or widgets.QApplication([sys.argv[0] if sys.argv else "asean-atlas"])
    app.setApplicationName("ASEAN Digital Atlas")
    app.setOrganizationName("asean-atlas")
    try:
        language = i18n.choose_language(lang)
    except ValueError:
        return None
    picture = StartupPicture(picture_key(language, year, size), size)
    picture.show()
    return picture
