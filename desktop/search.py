"""The search box (Ctrl+F, issue 11 item 2): completion as you type over every layer's names,
Chinese names, pinyin, ids, operators and owners; Enter (or a click on a result) zooms to the
feature and selects it. The matching itself is :mod:`asean_atlas.layers.search` (no Qt).

Indexes are built on a worker thread (``QThreadPool``) when layers are added, so typing never
waits for a big layer: a layer still being indexed is named in the result list ("indexing …")
and its hits appear when it is ready.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QModelIndex, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from asean_atlas.layers import search as S
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.geometry import seam_aware_bounds
from asean_atlas.layers.layer import Layer

from . import words
from .text import plain_tooltip

#: Results listed under the box.
MAX_RESULTS = 20
#: Zoom to a point result with a view at most this wide (degrees of longitude); a closer view stays.
POINT_VIEW_DEG = 3.0
_HIT_ROLE = Qt.ItemDataRole.UserRole + 1
_QUERY_ROLE = Qt.ItemDataRole.UserRole + 2


class _Built(QObject):
    done = Signal(object)  # the Layer indexed


class _IndexJob(QRunnable):
    def __init__(self, layer: Layer, built: _Built) -> None:
        super().__init__()
        self.layer, self.built = layer, built

    def run(self) -> None:  # worker thread
        try:
            S.index_for(self.layer)
        finally:
            try:
                self.built.done.emit(self.layer)
            except RuntimeError:  # the window (and its search box) closed while this ran: no one to tell
                pass


def result_text(hit: S.SearchHit) -> str:
    """One line of the result list: ``"SJC2 — Submarine cables"``, plus the matching attribute
    and its text when that is not the name (``"· owners: China Mobile; …"``)."""
    def short(t: str, n: int) -> str:
        return t if len(t) <= n else t[: n - 1] + "…"

    text = f"{short(hit.name, 100)} — {short(words.layer_name(hit.layer), 60)}"
    if hit.snippet and hit.snippet != hit.name:
        text += f"  ·  {short(hit.field, 40)}: {short(hit.snippet, 100)}"
    return text


class SearchBox(QLineEdit):
    """A line edit with a completion list of features.

    Signals
    -------
    feature_chosen(object, int)
        The user chose a result (layer, positional row); the window zooms to it and selects it.
    """

    feature_chosen = Signal(object, int)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setPlaceholderText(self.tr("Search features (Ctrl+F): name, 中文, pinyin, id, owner…"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(280)
        self.setMaximumWidth(560)
        self.hits: list[S.SearchHit] = []
        #: layers whose index is being built
        self.pending: set[str] = set()
        self._model = QStandardItemModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setWidget(self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.activated[QModelIndex].connect(self._chosen_index)
        self._just_chosen = False
        self.textEdited.connect(self.refresh)
        self.returnPressed.connect(self.choose_first)
        self._built = _Built()
        self._built.done.connect(self._index_ready)
        self._pool = QThreadPool.globalInstance()
        self._started = False
        document.layers_changed.connect(self.index_layers)

    # -- indexing --------------------------------------------------------------------------------
    def start_indexing(self) -> None:
        """Start building the indexes, and keep them built as layers come (idempotent). The window
        calls it after its first paint: the builds hold the interpreter for ~0.35 s and delayed
        the first painted map by as much (issue 9, cold start); a query or
        :meth:`wait_for_indexes` starts them too."""
        if not self._started:
            self._started = True
            self.index_layers()

    def index_layers(self) -> None:
        """Start building the index of every layer that has none (worker threads), once
        :meth:`start_indexing` was called."""
        if not self._started:
            return
        for layer in self.document.layers:
            if layer.id in self.pending or S.index_for(layer, build=False) is not None:
                continue
            self.pending.add(layer.id)
            self._pool.start(_IndexJob(layer, self._built))

    def _index_ready(self, layer: Layer) -> None:
        self.pending.discard(layer.id)
        if self.text().strip() and self.hasFocus():
            self.refresh(self.text())

    def wait_for_indexes(self, timeout_ms: int = 30000) -> bool:
        """Block until every index is built (tests and scripts)."""
        self.start_indexing()
        ok = self._pool.waitForDone(timeout_ms)
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.processEvents()
        return ok

    # -- results ---------------------------------------------------------------------------------
    def refresh(self, text: str | None = None) -> list[S.SearchHit]:
        """Search for ``text`` (default: the box's text) and show the results under the box."""
        text = self.text() if text is None else text
        self.start_indexing()
        layers = list(reversed(self.document.layers))  # top of the map first
        self.hits = S.search(layers, text, limit=MAX_RESULTS, build=False)
        self._model.clear()
        for i, hit in enumerate(self.hits):
            item = QStandardItem(result_text(hit))
            item.setData(i, _HIT_ROLE)
            item.setData(text, _QUERY_ROLE)
            item.setToolTip(plain_tooltip(result_text(hit)))  # file text: never rich text
            item.setEditable(False)
            self._model.appendRow(item)
        waiting = [words.layer_name(lyr, self.document) for lyr in self.document.layers if lyr.id in self.pending]
        if waiting and text.strip():
            item = QStandardItem(self.tr("indexing {layers} …").format(layers=", ".join(waiting)))
            item.setEnabled(False)
            self._model.appendRow(item)
        if not self.hits and text.strip() and not waiting:
            item = QStandardItem(self.tr("No feature matches “{query}”").format(query=text.strip()))
            item.setEnabled(False)
            self._model.appendRow(item)
        if self._model.rowCount() and text.strip():
            self.completer_.setCompletionPrefix("")
            self.completer_.complete()
        else:
            self.completer_.popup().hide()
        return self.hits

    def result_lines(self) -> list[str]:
        """The lines the result list shows (for tests)."""
        return [self._model.item(i).text() for i in range(self._model.rowCount())]

    def _chosen_index(self, index) -> None:
        i = index.data(_HIT_ROLE)
        if i is None or not (0 <= int(i) < len(self.hits)):
            return
        self.completer_.popup().hide()
        # the Enter that chose this result must not also choose the first one (returnPressed)
        self._just_chosen = True
        QTimer.singleShot(0, self._chosen_done)
        hit = self.hits[int(i)]
        self.feature_chosen.emit(hit.layer, hit.row)

    def _chosen_done(self) -> None:
        self._just_chosen = False

    def choose_first(self) -> None:
        """Enter: go to the highlighted result, else the best one."""
        if self._just_chosen:
            return
        popup = self.completer_.popup()
        current = popup.currentIndex() if popup.isVisible() else None
        if current is not None and current.isValid() and current.data(_HIT_ROLE) is not None:
            self._chosen_index(current)
            return
        if not self.hits or self.hits[0].layer not in self.document.layers:
            self.refresh()
        if self.hits:
            popup.hide()
            self.feature_chosen.emit(self.hits[0].layer, self.hits[0].row)

    def focus_search(self) -> None:
        """Ctrl+F: focus the box with its text selected."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()


def feature_view_bbox(layer: Layer, row: int, current: tuple[float, float, float, float] | None = None):
    """The bbox ``(west, south, east, north)`` in degrees to show feature ``row`` of ``layer``.

    A line or polygon: its extent (across ±180° when it crosses there). A point: centred on it,
    :data:`POINT_VIEW_DEG` wide, or the current view's width if that is closer already (a user
    zoomed in does not get zoomed out). None when the feature has no geometry.
    """
    g = layer.geometry_at(row)
    if g is None:
        return None
    if g.geom_type == "Point":
        width = POINT_VIEW_DEG
        if current is not None:
            w, _, e, _ = current
            span = (e - w) % 360 or 360.0
            width = min(width, span)
        half = width / 2
        return g.x - half, g.y - half, g.x + half, g.y + half
    return seam_aware_bounds(np.array([g], dtype=object))
