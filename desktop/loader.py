"""Load a vector file off the GUI thread, with a progress dialog and Cancel (issue 4, DESIGN.md).

:func:`asean_atlas.layers.io.read_layer` runs in a plain Python thread that never calls Qt; it
reports the features read after each Arrow batch and polls a cancel flag between batches; the GUI
thread polls its results with a QTimer. GDAL and pyarrow release the GIL
while they parse, so the window keeps repainting (measured: the longest stall of the GUI thread
while 300,000 GeoJSON points load is ~0.15 s). The finished :class:`Layer` is handed to the GUI
thread through a queue; a failure arrives as the exception, never as a traceback.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QProgressDialog,
    QWidget,
)

from asean_atlas.layers.errors import LoadCancelled, Message
from asean_atlas.layers.io import read_layer

from . import words
from .text import plain_labels


@dataclass(frozen=True)
class LoadRequest:
    """What to read: the arguments of :func:`asean_atlas.layers.io.read_layer`.

    Attributes
    ----------
    path : str
        File, or ``"file.gpkg|layername=NAME"``.
    color : str or None
        ``"#rrggbb"`` of the layer's style.
    encoding : str or None
        Python codec name; None to detect.
    crs : str or None
        CRS of the coordinates if the file has none (e.g. ``"EPSG:32647"``).
    """

    path: str
    color: str | None = None
    encoding: str | None = None
    crs: str | None = None


def _read_in_thread(request: LoadRequest, cancel: threading.Event, out: queue.SimpleQueue) -> None:
    """Body of the worker thread: read the file, put ``("progress", n, total)`` items and one
    ``("done", layer)`` or ``("failed", exc)`` item on ``out``. No Qt call is made here: PySide6
    objects are touched on the GUI thread only (a Qt signal emitted from this thread raced with
    the GUI thread in shiboken and crashed the process about once in four full test runs)."""
    try:
        layer = read_layer(
            request.path,
            color=request.color,
            encoding=request.encoding,
            crs=request.crs,
            progress=lambda n, total: out.put(("progress", n, -1 if total is None else total)),
            cancelled=cancel.is_set,
        )
        # projected coordinates and the identify index, here rather than on the GUI thread at the
        # first frame or click (issue 9: first identify after a 1M-point load was 567 ms)
        layer.prepare()
    except Exception as exc:  # handed to the GUI thread, which shows it
        out.put(("failed", exc))
        return
    if cancel.is_set():
        out.put(("failed", LoadCancelled(f"{request.path}: loading cancelled")))
    else:
        out.put(("done", layer))


class LayerLoader(QObject):
    """Read one file on a worker thread; show a QProgressDialog with Cancel while it runs.

    The worker is a plain Python thread that never calls Qt; the GUI thread polls its results
    every :attr:`POLL_MS` milliseconds and turns them into this object's signals.

    Parameters
    ----------
    request : LoadRequest
    parent : QWidget, optional
        Parent of the progress dialog (the main window); None: no dialog.
    dialog_delay_ms : int
        The dialog appears only if the load takes longer than this.

    Notes
    -----
    Signals (all delivered on the GUI thread): :attr:`loaded` (Layer), :attr:`failed` (Exception,
    :class:`LoadCancelled` included), then :attr:`finished` once the thread has stopped.
    """

    loaded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    #: How often the GUI thread looks for the worker's progress and result, ms.
    POLL_MS = 40

    def __init__(self, request: LoadRequest, parent: QWidget | None = None, dialog_delay_ms: int = 400) -> None:
        super().__init__(parent)
        self.request = request
        self._cancel = threading.Event()
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(
            target=_read_in_thread, args=(request, self._cancel, self._queue), name="asean-atlas-loader", daemon=True
        )
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.dialog: QProgressDialog | None = None
        if parent is not None:
            self.dialog = QProgressDialog(self.tr("Loading {file}…").format(file=request.path), self.tr("Cancel"),
                                          0, 0, parent)
            self.dialog.setWindowTitle(self.tr("Add layer"))
            plain_labels(self.dialog)  # the file name is shown as it is, never as markup
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(dialog_delay_ms)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
        self._result_delivered = False

    def start(self) -> None:
        """Start reading (returns at once)."""
        if self.dialog is not None:
            self.dialog.setValue(0)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._thread.start()
        self._timer.start()

    def shutdown(self, ms: int = 10_000) -> None:
        """Cancel and wait for the worker (application exit, window closed)."""
        if self._thread.is_alive():
            self._cancel.set()
            self._thread.join(ms / 1000)

    def cancel(self) -> None:
        """Ask the worker to stop after the current batch; :attr:`failed` gets LoadCancelled."""
        self._cancel.set()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))

    def is_running(self) -> bool:
        """Whether the worker thread is still running."""
        return self._thread.is_alive()

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the worker thread ends (tests, application exit); True if it has."""
        if self._thread.ident is not None:
            self._thread.join(ms / 1000)
        return not self._thread.is_alive()

    @Slot()
    def _poll(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            kind = item[0]
            if kind == "progress":
                self._on_progress(item[1], item[2])
            elif kind == "done":
                self._finish()
                if self._cancel.is_set():
                    self.failed.emit(LoadCancelled(f"{self.request.path}: loading cancelled"))
                else:
                    self.loaded.emit(item[1])
                self.finished.emit()
                return
            else:
                self._finish()
                self.failed.emit(item[1])
                self.finished.emit()
                return

    def _on_progress(self, done: int, total: int) -> None:
        if self.dialog is None or self._cancel.is_set():
            return
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        read = self.tr("1 feature read") if done == 1 else self.tr("{n} features read").format(n=f"{done:,}")
        self.dialog.setLabelText(self.tr("Loading {file}…").format(file=self.request.path) + "\n" + read)

    def _finish(self) -> None:
        self._timer.stop()
        self._thread.join(5.0)  # the result is in: the thread is returning
        self._result_delivered = True
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


class LoadOptionsDialog(QDialog):
    """Ask the text encoding and the CRS to read files with (File > Add layer with encoding/CRS…).

    The encoding list offers the region's code pages; any Python codec name may be typed.
    """

    #: (label, codec) of the encoding list; codec None means "detect". The list shows the labels
    #: translated (:meth:`encoding_labels`).
    ENCODINGS = (
        ("Detect automatically", None),
        ("UTF-8", "utf-8"),
        ("Thai (TIS-620 / cp874)", "cp874"),
        ("Chinese, simplified (GBK / GB18030)", "gb18030"),
        ("Chinese, traditional (Big5)", "big5"),
        ("Vietnamese (cp1258)", "cp1258"),
        ("Western European (cp1252)", "cp1252"),
    )

    #: Bytes and lines of the first text file shown in the preview.
    PREVIEW_BYTES = 16_384
    PREVIEW_LINES = 8

    def __init__(self, parent: QWidget | None = None, paths: list[str] | None = None) -> None:
        from PySide6.QtWidgets import QLabel, QPlainTextEdit

        super().__init__(parent)
        self.setWindowTitle(self.tr("Reading options"))
        self.encoding_box = QComboBox(self)
        self.encoding_box.setEditable(True)
        labels = self.encoding_labels()
        for label, codec in self.ENCODINGS:
            self.encoding_box.addItem(labels.get(codec, label), codec)
        self.crs_edit = QLineEdit(self)
        self.crs_edit.setPlaceholderText(self.tr("from the file (e.g. EPSG:32647 if it has none)"))
        # a preview of the first text file (CSV, GeoJSON) as the chosen encoding reads it, as
        # QGIS's "Data Source Manager" shows one (issue 13 item 4); plain text only
        self.preview_path = next((p for p in (paths or []) if Path(p).suffix.lower() in
                                  (".csv", ".tsv", ".geojson", ".json", ".geojsonl", ".geojsons", ".ndjson", ".jsonl")), None)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setMinimumWidth(480)
        self.preview.setMaximumHeight(170)
        self.detected = QLabel(self)
        self.detected.setTextFormat(Qt.TextFormat.PlainText)
        self.detected.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Text encoding"), self.encoding_box)
        form.addRow(self.tr("CRS of the coordinates"), self.crs_edit)
        if self.preview_path is not None:
            form.addRow("", self.detected)
            form.addRow(self.tr("Preview"), self.preview)
            self.encoding_box.currentTextChanged.connect(self.update_preview)
            self.update_preview()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def encoding_labels(self) -> dict[str | None, str]:
        """The shown label of each of :attr:`ENCODINGS`, by codec."""
        return {None: self.tr("Detect automatically"), "utf-8": "UTF-8",
                "cp874": self.tr("Thai (TIS-620 / cp874)"),
                "gb18030": self.tr("Chinese, simplified (GBK / GB18030)"),
                "big5": self.tr("Chinese, traditional (Big5)"),
                "cp1258": self.tr("Vietnamese (cp1258)"),
                "cp1252": self.tr("Western European (cp1252)")}

    def update_preview(self, *_args) -> str:
        """Show the first lines of the first text file read with the chosen encoding (or the
        detected one, with its confidence); returns the text shown."""
        import codecs

        from asean_atlas.layers.encoding import detect_encoding

        path = Path(self.preview_path)
        chosen = self.encoding()
        try:
            if chosen is None:
                guess = detect_encoding(path)
                codec = guess.codec
                shown = (self.tr("Detected: {encoding}; {confidence}") if guess.confidence
                         else self.tr("Detected: {encoding}"))
                label = guess.label  # "Detected: big5", not "Detected: big5 (detected)"
                if isinstance(label, Message) and label.template == "{encoding} (detected)":
                    label = label.values["encoding"]
                self.detected.setText(shown.format(encoding=words.error_text(label),
                                                    confidence=words.error_text(guess.confidence)))
            else:
                codec = codecs.lookup(chosen).name
                self.detected.setText("")
            with open(path, "rb") as f:
                raw = f.read(self.PREVIEW_BYTES)
            text = codecs.getincrementaldecoder(codec)(errors="replace").decode(raw, final=False)
        except (OSError, UnicodeError, LookupError) as exc:
            text = self.tr("(cannot read it as {encoding}: {error})").format(
                encoding=chosen or self.tr("detected"), error=words.error_text(exc.args[0] if exc.args and isinstance(exc.args[0], Message) else exc))
        lines = text.splitlines()[: self.PREVIEW_LINES]
        # control characters (other than tab) shown as U+FFFD: nothing in a file steers the widget
        shown = "\n".join("".join(c if c >= " " or c == "\t" else "\ufffd" for c in ln)[:300] for ln in lines)
        self.preview.setPlainText(shown)
        return shown

    def encoding(self) -> str | None:
        """The chosen codec name, or None to detect."""
        text = self.encoding_box.currentText().strip()
        box = self.encoding_box
        for i in range(box.count()):  # a label of the list (in the interface's language)
            if text == box.itemText(i).strip():
                return box.itemData(i)
        for label, codec in self.ENCODINGS:  # its English label
            if text == label:
                return codec
        return text or None

    def crs(self) -> str | None:
        """The CRS typed by the user, or None to use the file's."""
        return self.crs_edit.text().strip() or None
