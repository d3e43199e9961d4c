"""The start-up picture: the main window shown as it first looked, before the data stack loads.

A cold start spends most of its time before the main window can paint: importing pandas,
geopandas, pyogrio and GDAL (0.5–1.5 s on a 2-core machine) and reading the built-in layers.
A QGIS map canvas with the same layers paints in about half that time (issue 9, ``bench/``).

Like the app snapshots of phone operating systems, the Atlas keeps a picture of its main window
as the window first painted at the last *plain* start (no files, no project, no autosave to
restore) and, when nothing that shapes that window has changed since, shows the picture at once:
Qt only is imported (~0.2 s), the picture is shown with a busy cursor, then the data stack is
imported and the built-in layers are read on a worker thread while the picture window keeps
repainting, and the live main window takes the picture's place (same geometry; its canvas shows
the picture's map until its own first frame) and the picture window closes when the live map has
painted. Input given to the picture window is not kept (the busy cursor says so). The picture is
taken with :meth:`QWidget.grab` at that first paint (the same pixels; a grab 300 ms later is
identical) and written atomically in the background — only if the window is untouched then: no
input since it was shown, nothing to save, no session restored. A start that showed a picture
grabs its live window too and rewrites the picture if the two differ (a change the key missed
mends itself at the next start).

The picture is used only when its key matches. The key is a SHA-256 of everything that shapes the
first window: the size, name and modification time (ns) of every file of the Atlas's packages
(code, built-in layers, basemap, translations), the remembered settings that shape the window
(every ``QSettings`` key, fallback files included, but the export dialog's and the recent
projects), the interface language chosen for this start (``--lang``, the remembered one or the
system locale's), ``--year``, the window size, the Qt platform, device pixel ratio, widget style,
fonts (default, menus, docks, item views) and palette, the Python, Qt and PySide6 versions, the
modification times of the environment's ``site-packages`` (a package installed or removed) and of
fontconfig's cache folders (fonts installed or removed), and the current year (the time panel's
range ends at it). Anything else (``--no-builtin``, files, a project, ``--screenshot``, an autosave
left by a crash) starts the ordinary way and neither reads nor writes a picture.
``ATLAS_STARTUP_PICTURE=0`` (or ``off``, ``no``, ``false``) turns the picture off.

Where: ``<QStandardPaths.CacheLocation>/startup/window-<key>.png`` (on Linux
``$XDG_CACHE_HOME/asean-atlas/ASEAN Digital Atlas/startup``); the :data:`KEPT` most recently used
pictures are kept (a ``--lang`` or ``--year`` start does not cost the plain start its picture).

Only PySide6 and the standard library are imported here, so the picture paints before numpy.
"""

from __future__ import annotations

import builtins
import hashlib
import json
import os
import re
import signal
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
#: how many pictures (keys) are kept, the most recently used
KEPT = 3
#: a picture's (or its temporary file's) name: nothing else in the folder is ever removed
_NAME = re.compile(r"\.?window-[0-9a-f]{64}\.png(\.\d+\.tmp)?")
#: settings that do not shape the first window (changing them keeps the picture)
_SETTINGS_IGNORED = ("export/", "projects/recent")
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
    if os.environ.get(ENV_SWITCH, "1").strip().lower() in ("0", "no", "off", "false"):
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
    from PySide6.QtGui import QColor, QPalette
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
    st = QSettings()  # with its fallbacks (the organisation's file, the system's)
    remembered = sorted((k, repr(st.value(k))) for k in st.allKeys() if not k.startswith(_SETTINGS_IGNORED))
    palette = app.palette()
    colours = [palette.color(group, role).name(QColor.NameFormat.HexArgb)
               for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled, QPalette.ColorGroup.Inactive)
               for role in QPalette.ColorRole if role not in (QPalette.ColorRole.NColorRoles,)]
    fonts = [app.font(name).toString() for name in ("QMenuBar", "QMenu", "QDockWidget", "QAbstractItemView",
                                                     "QLabel", "QPushButton", "QComboBox", "QLineEdit")]
    h.update(json.dumps({
        "format": FORMAT,
        "language": language,
        "year": year,
        "size": list(size),
        "platform": app.platformName(),
        "dpr": screen.devicePixelRatio() if screen else 1.0,
        "style": app.style().name(),
        "font": font.toString(),
        "fonts": fonts,
        "python": sys.version,
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "site_packages": [str(site), site_mtime],
        "settings": remembered,
        "this_year": time.localtime().tm_year,
        "palette": colours,
        "font_caches": [_mtime(p) for p in _font_caches()],
    }, sort_keys=True).encode())
    _files_digest(h)
    return h.hexdigest()


def cache_folder() -> Path:
    """The folder of the start-up picture (needs the application's names set)."""
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)) / "startup"


class StartupPicture:
    """The start-up picture of this start: shown (if one matches) and written (if none did, or
    the one shown was not what the live window showed).

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
        #: input reached the live window before its first paint: it is not the plain window now
        self.touched = False
        self._busy = False
        self._watcher = None

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
        try:
            os.utime(self.path)  # most recently used: kept when other keys' pictures are written
        except OSError:
            pass
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
        on this thread.

        Raises
        ------
        KeyboardInterrupt
            Ctrl+C (SIGINT) came while it ran (after ``work`` has finished: imports cannot be cut).
        """
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
        interrupted = threading.Event()
        # Ctrl+C: a KeyboardInterrupt raised inside a Qt slot would only print a traceback
        previous = signal.signal(signal.SIGINT, lambda *_: (interrupted.set(), loop.quit()))
        try:
            thread.start()
            poll.start()
            loop.exec()
            poll.stop()
            thread.join()
        finally:
            signal.signal(signal.SIGINT, previous)
        if interrupted.is_set():
            raise KeyboardInterrupt
        if "error" in box:
            raise box["error"]
        return box.get("value")

    # -- handing over to the live window --------------------------------------------------------
    def place(self, window) -> None:
        """Give the live ``window`` the picture window's place (before it is shown); its canvas
        shows the picture's map until its first frame when the two windows are the same size."""
        if self.widget is not None:
            window.setGeometry(self.widget.geometry())
            if (self.widget.width(), self.widget.height()) == tuple(self.size):
                window.canvas.placeholder = self.image

    def _drop_widget(self) -> None:
        if self.widget is not None:
            widget, self.widget = self.widget, None
            widget.close()
            widget.deleteLater()
        if self._busy:
            from PySide6.QtWidgets import QApplication

            QApplication.restoreOverrideCursor()
            self._busy = False

    def hand_over(self, window) -> None:
        """Until ``window``'s map has painted: note any input to it and close the picture window
        if ``window`` is closed. Once it has painted: close the picture window and, unless the
        window was touched, take a picture of it (written in the background) when none was shown
        or the one shown differs."""
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        inputs = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.KeyPress,
                  QEvent.Type.Wheel, QEvent.Type.Drop, QEvent.Type.DragEnter, QEvent.Type.TouchBegin,
                  QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride, QEvent.Type.ContextMenu}
        owner = self

        class Watcher(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
                kind = event.type()
                if kind in inputs and obj is not owner.widget:
                    owner.touched = True
                elif kind == QEvent.Type.Close and obj is window:
                    owner._drop_widget()  # the live window closed before its map: no frozen copy left
                return False

        self._watcher = Watcher()
        app.installEventFilter(self._watcher)

        def on_painted() -> None:
            window.canvas.painted.disconnect(on_painted)
            # "painted" is emitted from the canvas's paintEvent: grab after it returns
            QTimer.singleShot(0, handed)

        def handed() -> None:
            if self._watcher is not None:
                app.removeEventFilter(self._watcher)
                self._watcher = None
            shown = self.image
            self._drop_widget()
            window.canvas.placeholder = None
            self._take(window, shown)

        window.canvas.painted.connect(on_painted)
        record_first_paint(window)

    def _take(self, window, shown=None) -> None:
        """Grab ``window`` as it first painted and write it (atomically, on a worker thread) unless
        it was touched or is not a plain window, or it is the picture ``shown`` already."""
        from PySide6.QtWidgets import QApplication

        if self.touched or getattr(window, "errors", None) or QApplication.activeModalWidget() is not None:
            return  # input, a failed load or a dialog: not the window a plain start shows
        if getattr(window, "dirty", False) or getattr(window, "restored_from", None):
            return  # the user's work (a layer dropped in, a session restored) is never cached
        if (window.width(), window.height()) != tuple(self.size):
            return  # the window system did not give the asked size (a small screen)
        image = window.grab().toImage()
        image.setText(TITLE_KEY, window.windowTitle())  # a PNG tEXt chunk: the picture window's title
        if shown is not None:
            same = image.convertToFormat(shown.format())
            same.setDevicePixelRatio(shown.devicePixelRatio())
            if same == shown and shown.text(TITLE_KEY) == image.text(TITLE_KEY):
                return
        folder = self.path.parent
        path = self.path

        def write() -> None:
            tmp = folder / f".{path.name}.{os.getpid()}.tmp"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                if image.save(str(tmp), "PNG"):
                    os.replace(tmp, path)
                _prune(folder, keep=path)
            except OSError:
                pass  # a cache: a start without it is only slower
            finally:
                try:
                    tmp.unlink(missing_ok=True)
                except OSError:
                    pass

        self.writer = threading.Thread(target=write, name="atlas-startup-picture", daemon=True)
        self.writer.start()
        writer = self.writer
        QApplication.instance().aboutToQuit.connect(lambda: writer.join(10))  # no half-written file at exit


def _prune(folder: Path, keep: Path) -> None:
    """Remove the Atlas's older pictures in ``folder`` (beyond the :data:`KEPT` most recently used)
    and temporary files of other processes that are gone; nothing else in the folder."""
    from .autosave_files import _alive

    pictures = []
    for p in folder.iterdir():
        if not _NAME.fullmatch(p.name) or p.is_symlink() or not p.is_file():
            continue
        if p.name.endswith(".tmp"):
            pid = int(p.name.rsplit(".", 2)[-2])
            if pid != os.getpid() and not _alive(pid):
                p.unlink(missing_ok=True)
        elif p != keep:
            pictures.append((p.stat().st_mtime_ns, p))
    for _, p in sorted(pictures, reverse=True)[KEPT - 1:]:
        p.unlink(missing_ok=True)


def record_first_paint(window) -> None:
    """Record the ``"window"`` event (:data:`events`) when ``window``'s map first paints."""

    def on_painted() -> None:
        window.canvas.painted.disconnect(on_painted)
        _event("window")

    window.canvas.painted.connect(on_painted)


def fit_size(size: tuple[int, int], available: tuple[int, int] | None) -> tuple[int, int]:
    """``size`` (pixels) made no larger than ``available`` (the screen's free area, pixels; None:
    unknown), each side on its own."""
    if not available or available[0] <= 0 or available[1] <= 0:
        return size
    return min(size[0], available[0]), min(size[1], available[1])


def fit_to_screen(size: tuple[int, int]) -> tuple[int, int]:
    """``size`` fitted into the primary screen's available geometry (the screen less panels and
    docks), as a window manager would; unchanged on the offscreen and minimal platforms, whose
    800x600 screen is no screen anyone looks at. Needs the QApplication."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.platformName() in ("offscreen", "minimal"):
        return size
    free = screen.availableGeometry()
    return fit_size(size, (free.width(), free.height()))


def begin(files, project, builtin: bool, screenshot, year: int | None, lang: str | None,
          size: tuple[int, int], fit_screen: bool = False) -> StartupPicture | None:
    """At the start of the window (``asean-atlas`` without a subcommand): if this start may use a
    picture, create the QApplication (Qt only, no data stack), compute the key and show the cached
    picture when there is one. ``fit_screen``: make ``size`` no larger than the screen's free area
    first (:func:`fit_to_screen`; the picture's ``size`` is the window's). Returns the
    :class:`StartupPicture` (its ``widget`` set when shown), or None for a start that does not use
    pictures."""
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
    if fit_screen:
        size = fit_to_screen(size)
    picture = StartupPicture(picture_key(language, year, size), size)
    picture.show()
    return picture
