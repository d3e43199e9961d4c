"""Projects in the window (issue 11 item 6): File > Open / Save / Save as / Recent, unsaved-change
prompts, a crash-safe autosave, and undo of Remove layer. The file format is
:mod:`asean_atlas.layers.project` (no Qt).

Autosave: while there are unsaved changes, the session is written every :data:`AUTOSAVE_MS`
(atomically) to ``$XDG_STATE_HOME/asean-atlas/autosave.atlas.json`` (``~/.local/state/…``;
``ATLAS_AUTOSAVE_DIR`` overrides the folder). A clean exit removes it; after a crash or
``kill -9`` the next start finds it and restores that session (asking first in an interactive
window), so nothing is lost.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from asean_atlas.layers.errors import AtlasError
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.project import (
    SUFFIX,
    LoadedProject,
    ProjectError,
    apply_entry,
    load_project,
    save_project,
)

from . import words
from .autosave_files import autosave_dir, orphan_autosave  # noqa: F401 (re-exported)

#: Autosave interval while there are unsaved changes, ms (``ATLAS_AUTOSAVE_MS`` overrides).
AUTOSAVE_MS = 60_000
#: The file dialogs' filter (English; :func:`project_filter` gives it in the interface's language).
PROJECT_FILTER = f"ASEAN Digital Atlas projects (*{SUFFIX});;All files (*)"
MAX_RECENT = 8


def project_filter() -> str:
    """:data:`PROJECT_FILTER` in the interface's language (the patterns as they are)."""
    return (QCoreApplication.translate("projects", "ASEAN Digital Atlas projects (*{suffix})").format(suffix=SUFFIX)
            + ";;" + QCoreApplication.translate("projects", "All files (*)"))


def autosave_path(pid: int | None = None) -> Path:
    """Where this process autosaves: ``autosave-<pid>.atlas.json`` in :func:`autosave_dir` (one
    file per running Atlas, so two windows never overwrite or delete each other's)."""
    return autosave_dir() / f"autosave-{os.getpid() if pid is None else pid}{SUFFIX}"


def _real_display() -> bool:
    return QGuiApplication.platformName() not in ("offscreen", "minimal")


class ProjectController:
    """Project state of a :class:`MainWindow` (mixed into it)."""

    def _init_projects(self) -> None:
        self.project_path: Path | None = None
        self.dirty = False
        self._loading_project = False
        #: removed layers for Undo: ``[(layer, index)]``, newest last
        self.removed: list[tuple[Layer, int]] = []
        #: layers of the open project whose file was missing: ``(index, entry)``, saved back as they were
        self.unavailable: list[tuple[int, dict]] = []
        #: ask before closing with unsaved changes (only with a real display; tests set it)
        self.confirm_close = _real_display()
        self.document.layers_changed.connect(self._mark_dirty)
        self.document.time_changed.connect(lambda _tf: self._mark_dirty())
        self._autosave = QTimer(self)
        self._autosave.setInterval(int(os.environ.get("ATLAS_AUTOSAVE_MS", AUTOSAVE_MS)))
        self._autosave.timeout.connect(self.autosave)
        self._autosave.start()
        self._update_title()

    # -- state ----------------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        if self._loading_project:
            return
        self.dirty = True
        self._update_title()

    def _update_title(self) -> None:
        name = (self.project_path.name if self.project_path
                else QCoreApplication.translate("ProjectController", "untitled"))
        self.setWindowTitle(QCoreApplication.translate("ProjectController", "{name} — ASEAN Digital Atlas").format(
            name=f"{'*' if self.dirty else ''}{name}"))

    # -- save -----------------------------------------------------------------------------------
    def save_project(self, path: str | Path | None = None) -> Path | None:
        """Save the session (to ``path``, else the current project file, else ask for one).
        Returns the file written, or None (cancelled or failed: a dialog says why)."""
        if path is None:
            path = self.project_path
        if path is None:
            return self.save_project_as()
        path = Path(path)
        if not path.name.endswith(SUFFIX):
            path = path.with_name(path.name + SUFFIX) if path.suffix != ".json" else path
        try:
            out = save_project(self.document, path, bbox=self.canvas.viewport.bbox(), language=self.language(),
                               size=(self.canvas.width(), self.canvas.height()), unavailable=self.unavailable)
        except (ProjectError, OSError, UnicodeError) as exc:
            self.show_error(QCoreApplication.translate("ProjectController", "Project not saved"), str(exc))
            return None
        self.project_path = out
        self.dirty = False
        self._update_title()
        self._remember_recent(out)
        self.statusBar().showMessage(
            QCoreApplication.translate("ProjectController", "Saved {file}").format(file=out), 5000)
        return out

    def save_project_as(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("ProjectController", "Save project"),
                                              str(self.project_path or "story" + SUFFIX), project_filter())
        return self.save_project(path) if path else None

    def language(self) -> str:
        return getattr(self.document, "language", "en")

    # -- open -----------------------------------------------------------------------------------
    def open_project_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, QCoreApplication.translate("ProjectController", "Open project"), "",
                                              project_filter())
        if path:
            self.open_project(path)

    def open_project(self, path: str | Path, remember: bool = True) -> bool:
        """Replace the session by a project's. A file that cannot be read as a project leaves the
        session as it was (a dialog says why); a missing layer file is asked for (interactive) or
        reported, and the rest opens."""
        try:
            live = getattr(self, "live_layers", None)  # PostGIS layers follow the view (issue 15)
            loaded = load_project(path, read_postgis=None if live is None else
                                  (lambda source: live.add(source, color=self.document.unused_color())))
        except (ProjectError, AtlasError) as exc:
            self.show_error(QCoreApplication.translate("ProjectController", "Project not opened"), words.error_text(exc))
            return False
        self._apply_project(loaded)
        self.project_path = Path(path).expanduser().resolve() if remember else None
        problems = list(loaded.errors) + ([loaded.analysis_error] if loaded.analysis_error else [])
        self.unavailable = []
        relinked = False
        for missing in loaded.missing:
            name = missing.entry.get("title") or missing.entry.get("source")
            located = self._locate(missing) if self.interactive and _real_display() else None
            if located is None:
                tried = ", ".join(dict.fromkeys(missing.tried)) or QCoreApplication.translate("ProjectController",
                                                                                              "nothing")
                problems.append(QCoreApplication.translate(
                    "ProjectController", "{name}: file not found (looked for {tried}); not on the map, kept in the "
                    "project with its settings").format(name=name, tried=tried))
                self.unavailable.append((missing.index, missing.entry))
            else:
                relinked = True
        self.dirty = relinked  # a re-linked layer is a change to save
        self._update_title()
        if remember:
            self._remember_recent(Path(path))
        if problems:
            self.show_warning(QCoreApplication.translate("ProjectController", "Project opened with problems"),
                              "\n".join(problems))
            if not self.interactive:  # --screenshot: a map missing a layer is not the project's map
                self.errors.extend(problems)
        self.statusBar().showMessage(
            QCoreApplication.translate("ProjectController", "Opened {file}").format(file=path), 5000)
        return True

    def _locate(self, missing) -> Layer | None:
        """Ask the user where a moved layer file is; read it and put it back in its place."""
        name = missing.entry.get("title") or missing.entry.get("source")
        old = missing.entry.get("absolute") or missing.entry.get("source") or ""
        start = str(Path(str(old).split("|")[0]).parent) if old else ""
        title = QCoreApplication.translate("ProjectController", "Locate “{name}” (was {old})")
        title = title.format(name=name, old=old)
        path, _ = QFileDialog.getOpenFileName(
            self, title, start, QCoreApplication.translate("ProjectController", "Vector files (*)"))
        if not path:
            return None
        layer = self._load_now(path)
        if layer is None:
            return None
        errors: list[str] = []
        apply_entry(layer, missing.entry, errors)
        index = min(missing.index, len(self.document.layers) - 1)
        self.document.move_layer(layer, index)
        return layer

    def _apply_project(self, loaded: LoadedProject) -> None:
        """Move a loaded project's layers and settings into this window's document (its signals
        stay connected to every dock)."""
        self._loading_project = True
        try:
            doc = self.document
            doc.clear()
            self.removed.clear()
            self.unavailable = []
            doc.title = loaded.document.title
            doc.analysis = getattr(loaded.document, "analysis", None)  # the what-if scenario (issue 14)
            # the map stays in the interface's language (README "Language": with Chinese chosen the
            # map is in Chinese too), whatever language the project was saved in; the command
            # line's export uses the project's unless --lang says otherwise
            layers = list(loaded.document.layers)
            loaded.document.clear()  # disconnects them from the loaded document
            doc.add_layers(layers)
            doc.time.update_from_dict(loaded.document.time.to_dict())
            if loaded.bbox is not None:
                self.canvas.zoom_to_bbox(loaded.bbox, pad=0.0)
        finally:
            self._loading_project = False

    # -- recent ---------------------------------------------------------------------------------
    def recent_projects(self) -> list[str]:
        value = QSettings().value("projects/recent", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def _remember_recent(self, path: Path) -> None:
        p = str(Path(path).resolve())
        items = [p] + [v for v in self.recent_projects() if v != p]
        QSettings().setValue("projects/recent", items[:MAX_RECENT])
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        menu = getattr(self, "recent_menu", None)
        if menu is None:
            return
        menu.clear()
        items = self.recent_projects()
        for p in items:
            act = menu.addAction(p)
            act.triggered.connect(lambda _=False, path=p: self.maybe_save() and self.open_project(path))
        menu.setEnabled(bool(items))

    # -- unsaved changes --------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Before the session is replaced or closed: True to go on (saved or discarded), False to
        stay. Asks only with unsaved changes and a real display (``confirm_close``)."""
        if not self.dirty or not self.confirm_close:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("ProjectController", "Unsaved changes"),
                          QCoreApplication.translate("ProjectController",
                                                     "The map has changes that are not saved in a project. Save them?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save_project() is not None
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if not self.maybe_save():
            event.ignore()
            return
        self._autosave.stop()
        live = getattr(self, "live_layers", None)
        if live is not None:  # PostGIS requests in flight end now (also on the server)
            live.cancel()
        # a clean exit removes this process's autosave and the one it restored, never another's
        remove_autosave()
        restored = getattr(self, "restored_from", None)
        if restored:
            try:
                Path(restored).unlink()
            except OSError:
                pass
        super().closeEvent(event)

    # -- autosave -------------------------------------------------------------------------------
    def autosave(self) -> Path | None:
        """Write the session to :func:`autosave_path` when it has unsaved changes."""
        if not self.dirty:
            return None
        target = autosave_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            out = save_project(self.document, target, bbox=self.canvas.viewport.bbox(), language=self.language(),
                               size=(self.canvas.width(), self.canvas.height()), unavailable=self.unavailable)
        except Exception:  # noqa: BLE001 - the next tick tries again; autosave never interrupts the user
            return None
        self.last_autosave = time.time()
        return out

    # -- undo remove ----------------------------------------------------------------------------
    def remove_layer(self, layer: Layer) -> None:
        """Remove a layer; Edit > Undo (Ctrl+Z) brings it back in its place."""
        if layer not in self.document.layers:
            return
        self.removed.append((layer, self.document.layers.index(layer)))
        self.document.remove_layer(layer)
        self.statusBar().showMessage(
            QCoreApplication.translate("ProjectController",
                                       "Removed {layer} — Ctrl+Z to undo").format(layer=layer.title), 8000)

    def undo_remove(self) -> Layer | None:
        """Put the last removed layer back where it was."""
        if not self.removed:
            return None
        layer, index = self.removed.pop()
        self.document.add_layer(layer)
        self.document.move_layer(layer, index)
        self.statusBar().showMessage(
            QCoreApplication.translate("ProjectController", "Restored {layer}").format(layer=layer.title), 5000)
        return layer


def remove_autosave() -> None:
    try:
        autosave_path().unlink()
    except OSError:
        pass


def restore_autosave(window) -> bool:
    """At start-up: if an autosave is left from a session that did not end cleanly, restore it
    (an interactive window asks first). Returns True when a session was restored."""
    path = orphan_autosave()
    if path is None:
        return False
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
    if window.interactive and _real_display():
        answer = QMessageBox.question(
            window, QCoreApplication.translate("projects", "Restore the last session?"),
            QCoreApplication.translate("projects", "The Atlas was not closed cleanly. Restore the session autosaved at "
                                       "{time}?").format(time=when))
        if answer != QMessageBox.StandardButton.Yes:
            try:
                path.unlink()  # declined: the user chose to let it go
            except OSError:
                pass
            return False
    ok = window.open_project(path, remember=False)
    if ok:
        window.dirty = True  # not saved in a project yet
        window._update_title()
        window.restored_from = str(path)
        window.statusBar().showMessage(
            QCoreApplication.translate("projects", "Restored the session autosaved at {time}").format(time=when), 10000)
    return ok
