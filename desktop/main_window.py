"""The main window: canvas in the middle, layer and attribute docks, time slider below."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMessageBox, QWidget

from asean_atlas.layers.document import DEFAULT_BBOX, MapDocument
from asean_atlas.layers.errors import AtlasError
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.io import read_layer
from asean_atlas.layers.layer import Layer

from .canvas import MapCanvas
from .panels import AttributePanel, LayerPanel, TimeSlider

VECTOR_FILTER = (
    "Vector files (*.geojson *.json *.geojsonl *.geojsons *.gpkg *.shp *.zip *.kml *.fgb *.parquet *.csv);;"
    "All files (*)"
)


class MainWindow(QMainWindow):
    """ASEAN Digital Atlas main window.

    Parameters
    ----------
    document : MapDocument
        The layers to show; the window is a view of it.
    """

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("ASEAN Digital Atlas")
        self.canvas = MapCanvas(document)
        self.setCentralWidget(self.canvas)
        self.layer_panel = LayerPanel(document)
        self.attribute_panel = AttributePanel()
        self.time_slider = TimeSlider(document)
        self._dock("Layers", self.layer_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("Attributes", self.attribute_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Time", self.time_slider, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.canvas.feature_identified.connect(self.attribute_panel.show_feature)
        self.layer_panel.zoom_to_layer.connect(self.canvas.zoom_to_layer)
        document.layers_changed.connect(self._forget_removed)
        self.last_error: str | None = None
        self._build_menus()
        self.setAcceptDrops(True)
        self.statusBar().showMessage(f"{len(document.layers)} layers")

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.add_layer_action = self._action(file_menu, "&Add layer…", self.add_layer_dialog, QKeySequence.StandardKey.Open)
        file_menu.addSeparator()
        self.export_png_action = self._action(file_menu, "Export &PNG…", self.export_png_dialog, "Ctrl+P")
        self.export_html_action = self._action(file_menu, "Export &HTML…", self.export_html_dialog, "Ctrl+E")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        view = self.menuBar().addMenu("&View")
        self._action(view, "Zoom to &full extent", self.canvas.zoom_to_full_extent, "Ctrl+0")
        self._action(view, "Zoom to Atlas &region", lambda: self.canvas.zoom_to_bbox(DEFAULT_BBOX), "Ctrl+R")

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    # -- layers ---------------------------------------------------------------------------------
    def open_files(self, paths: list[str]) -> list[Layer]:
        """Load files as layers on top; each failure shows a dialog and leaves other layers alone.

        Returns
        -------
        list of Layer
            The layers that loaded.
        """
        added = []
        for path in paths:
            try:
                layer = read_layer(path, color=self.document.unused_color())
            except AtlasError as exc:
                self.show_error("Could not open layer", str(exc))
                continue
            except Exception as exc:  # a bug must not take the user's work down with it
                self.show_error("Could not open layer", f"{path}: unexpected error: {exc}")
                continue
            self.document.add_layer(layer)
            added.append(layer)
            self.statusBar().showMessage(f"{layer.title}: {layer.report.summary()}", 15000)
        return added

    def add_layer_dialog(self) -> None:
        """File > Add layer…"""
        paths, _ = QFileDialog.getOpenFileNames(self, "Add layer", "", VECTOR_FILTER)
        if paths:
            self.open_files(paths)

    def _forget_removed(self) -> None:
        for layer_id in list(self.canvas.renderer._caches):
            if not any(lyr.id == layer_id for lyr in self.document.layers):
                self.canvas.renderer._caches.pop(layer_id, None)
        sel = self.canvas.selection
        if sel is not None and sel[0] not in self.document.layers:
            self.canvas.select(None)

    # -- drag and drop --------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_files(paths)
            event.acceptProposedAction()

    # -- exports --------------------------------------------------------------------------------
    def current_export_options(self) -> ExportOptions:
        """Export options for what the canvas shows now (its bbox, 1600 px wide, same aspect)."""
        vp = self.canvas.viewport
        width = 1600
        height = max(16, round(width * vp.height / max(vp.width, 1)))
        return ExportOptions(width=width, height=height, bbox=vp.bbox(), year=self.document.year)

    def export_png(self, path: str | Path) -> Path | None:
        """Export the current view to PNG (same renderer as the canvas); errors go to a dialog."""
        from .export import export_png

        try:
            out = export_png(self.document, path, self.current_export_options(), self.canvas.renderer)
        except AtlasError as exc:
            self.show_error("Export PNG failed", str(exc))
            return None
        self.statusBar().showMessage(f"Wrote {out}", 15000)
        return out

    def export_html(self, path: str | Path) -> Path | None:
        """Export the current view to an interactive HTML map (folium); errors go to a dialog."""
        from asean_atlas.layers.html_export import export_html

        try:
            out = export_html(self.document, path, self.current_export_options())
        except AtlasError as exc:
            self.show_error("Export HTML failed", str(exc))
            return None
        self.statusBar().showMessage(f"Wrote {out}", 15000)
        return out

    def export_png_dialog(self) -> None:
        """File > Export PNG…"""
        path, _ = QFileDialog.getSaveFileName(self, "Export PNG", "atlas.png", "PNG image (*.png)")
        if path:
            self.export_png(path)

    def export_html_dialog(self) -> None:
        """File > Export HTML…"""
        path, _ = QFileDialog.getSaveFileName(self, "Export HTML", "atlas.html", "HTML page (*.html)")
        if path:
            self.export_html(path)

    # -- errors ---------------------------------------------------------------------------------
    def show_error(self, title: str, text: str) -> QMessageBox:
        """Show ``text`` in a window-modal dialog (non-blocking) and remember it in :attr:`last_error`."""
        self.last_error = text
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.statusBar().showMessage(text, 15000)
        return box
