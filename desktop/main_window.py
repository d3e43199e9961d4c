"""The main window: canvas in the middle, layer and attribute docks, time slider below."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QFileDialog, QMainWindow, QMessageBox, QWidget

from asean_atlas.layers.document import DEFAULT_BBOX, MapDocument
from asean_atlas.layers.errors import AtlasError, CRSNeededError, LoadCancelled
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.io import list_vector_layers, read_layer
from asean_atlas.layers.layer import Layer

from .canvas import MapCanvas
from .projects import ProjectController
from .loader import LayerLoader, LoadOptionsDialog, LoadRequest
from .panels import AttributePanel, LayerPanel
from .search import SearchBox, feature_view_bbox
from .settings import setting_bool
from . import words
from .text import plain_labels
from .time_dock import QtTimeController

#: The Add layer file filter (English; the dialogs show ``self.tr(VECTOR_FILTER)``, which the
#: catalogues hold under the MainWindow context through QT_TRANSLATE_NOOP).
VECTOR_FILTER = QT_TRANSLATE_NOOP(
    "MainWindow",
    "Vector files (*.geojson *.json *.geojsonl *.geojsons *.ndjson *.gpkg *.shp *.zip *.kml *.fgb "
    "*.parquet *.geoparquet *.csv *.tsv);;All files (*)",
)


class MainWindow(ProjectController, QMainWindow):
    """ASEAN Digital Atlas main window.

    Parameters
    ----------
    document : MapDocument
        The layers to show; the window is a view of it.
    """

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(self.tr("ASEAN Digital Atlas"))
        self.canvas = MapCanvas(document)
        self.canvas.antialiasing = setting_bool(QSettings().value(self.ANTIALIASING_KEY), True)
        self.setCentralWidget(self.canvas)
        self.layer_panel = LayerPanel(document)
        self.attribute_panel = AttributePanel(document=document)
        self.time_slider = QtTimeController(document)
        self._dock("Layers", self.layer_panel, Qt.DockWidgetArea.LeftDockWidgetArea, self.tr("Layers"))
        self._dock("Attributes", self.attribute_panel, Qt.DockWidgetArea.RightDockWidgetArea, self.tr("Attributes"))
        self._dock("Time", self.time_slider, Qt.DockWidgetArea.BottomDockWidgetArea, self.tr("Time"))
        self.canvas.feature_identified.connect(self.attribute_panel.show_feature)
        self.canvas.clicked.connect(self.attribute_panel.set_click)
        self.canvas.features_identified.connect(self.attribute_panel.show_results)
        self.attribute_panel.feature_chosen.connect(self.canvas.highlight)
        self.attribute_panel.related_changed.connect(self.canvas.set_related)
        self.layer_panel.zoom_to_layer.connect(self.canvas.zoom_to_layer)
        document.layers_changed.connect(self._forget_removed)
        # search (issue 11): a toolbar box, Ctrl+F
        self.search_box = SearchBox(document)
        self.search_box.feature_chosen.connect(self.go_to_feature)
        # the search indexes are built once the first map is on screen (issue 9, cold start), or
        # after 2 s if the window is never painted
        self.canvas.painted.connect(self.search_box.start_indexing)
        fallback = QTimer(self.search_box)  # dies with the box: never calls a deleted widget
        fallback.setSingleShot(True)
        fallback.timeout.connect(self.search_box.start_indexing)
        fallback.start(2000)
        bar = self.addToolBar(self.tr("Search"))
        bar.setObjectName("Search")
        bar.setMovable(False)
        bar.addWidget(self.search_box)
        self.last_error: str | None = None
        #: every error shown since the window opened (``--screenshot`` reports them on stderr)
        self.errors: list[str] = []
        #: Load warnings shown (data left out or changed), newest last.
        self.warnings_shown: list[str] = []
        #: False for ``--screenshot`` and scripts: never open a modal question (CRS, GeoPackage
        #: layers); multi-layer files load all their layers, files needing a CRS fail with a message
        self.interactive = True
        #: Loads running on worker threads (big files), see :meth:`open_files`.
        self.loaders: list[LayerLoader] = []
        # the measure tool (issue 11 item 5): a dock with the segments, shown while it is active
        from .measure_tool import MeasurePanel, MeasureTool

        self.measure_tool = MeasureTool(self)
        self.measure_tool.changed.connect(self.canvas.update)
        self.measure_panel = MeasurePanel(self.measure_tool)
        self.measure_dock = self._dock("Measure", self.measure_panel, Qt.DockWidgetArea.RightDockWidgetArea,
                                      self.tr("Measure"))
        self.tabifyDockWidget(self.findChild(QDockWidget, "Attributes"), self.measure_dock)
        self.measure_dock.hide()
        self.measure_dock.visibilityChanged.connect(self._measure_dock_toggled)
        # the legend (issue 11 item 4): below the Layers list
        from .legend import LegendPanel

        self.legend_panel = LegendPanel(document)
        self.legend_dock = self._dock("Legend", self.legend_panel, Qt.DockWidgetArea.LeftDockWidgetArea, self.tr("Legend"))
        # the attribute table (issue 11 item 3): a bottom dock, tabbed with Time, F6
        from .attribute_table import AttributeTable

        self.attribute_table = AttributeTable(document, self.canvas)
        self.table_dock = self._dock("Attribute table", self.attribute_table, Qt.DockWidgetArea.BottomDockWidgetArea,
                                     self.tr("Attribute table"))
        # below Time (not beside it: the bottom area would need both widths), hidden until F6 /
        # Table: the map keeps its size until then
        self.splitDockWidget(self.findChild(QDockWidget, "Time"), self.table_dock, Qt.Orientation.Vertical)
        self.table_dock.hide()
        self.attribute_table.selection_changed.connect(self._table_selection)
        self.canvas.features_identified.connect(
            lambda hits: self.attribute_table.select_feature(*(hits[0] if hits else (None, -1))))
        self.attribute_panel.feature_chosen.connect(self.attribute_table.select_feature)
        self.layer_panel.open_table.connect(self.open_attribute_table)
        # layer styling (issue 11 item 4): F7, a right dock tabbed with Attributes
        from .style_dock import StyleDock

        self.style_dock_widget = StyleDock(document)
        from PySide6.QtWidgets import QScrollArea

        scroller = QScrollArea()  # a small screen scrolls the form rather than growing the window
        scroller.setWidget(self.style_dock_widget)
        scroller.setWidgetResizable(True)
        self.style_dock = self._dock("Layer styling", scroller, Qt.DockWidgetArea.RightDockWidgetArea, self.tr("Layer styling"))
        self.tabifyDockWidget(self.findChild(QDockWidget, "Attributes"), self.style_dock)
        self.style_dock.hide()
        self.layer_panel.open_style.connect(self.open_styling)
        # connectivity and what-if cuts (issue 14): F8, a right dock tabbed with Attributes
        from .connectivity_dock import ConnectivityDock

        self.connectivity = ConnectivityDock(document, self.canvas)
        scroller = QScrollArea()
        scroller.setWidget(self.connectivity)
        scroller.setWidgetResizable(True)
        self.connectivity_dock = self._dock("Connectivity", scroller, Qt.DockWidgetArea.RightDockWidgetArea,
                                            self.tr("Connectivity"))
        self.tabifyDockWidget(self.findChild(QDockWidget, "Attributes"), self.connectivity_dock)
        self.connectivity_dock.hide()
        self._build_menus()
        self.setAcceptDrops(True)
        n = len(document.layers)
        self.statusBar().showMessage(self.tr("1 layer") if n == 1 else self.tr("{n} layers").format(n=n))
        # cursor read-out (issue 11 item 5)
        from PySide6.QtWidgets import QLabel

        self.coordinates = QLabel("")
        self.coordinates.setTextFormat(Qt.TextFormat.PlainText)
        self.coordinates.setMinimumWidth(230)
        self.statusBar().addPermanentWidget(self.coordinates)
        self.canvas.cursor_moved.connect(self._show_cursor)
        self.canvas.cursor_left.connect(lambda: self.coordinates.setText(""))
        # PostGIS layers follow the view (issue 15 item 2): requests on a worker thread, a Cancel
        # button in the status bar while one runs
        from PySide6.QtWidgets import QPushButton

        from .postgis_live import LiveLayers

        self.live_layers = LiveLayers(document, self.canvas)
        self.cancel_request = QPushButton(self.tr("Cancel"))
        self.cancel_request.setToolTip(self.tr("Stop the PostGIS request (the layer keeps what it shows)"))
        self.cancel_request.hide()
        self.cancel_request.clicked.connect(self.live_layers.cancel)
        self.statusBar().addPermanentWidget(self.cancel_request)
        self.live_layers.busy.connect(self.cancel_request.setVisible)
        self.live_layers.status.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.live_layers.failed.connect(self._live_failed)
        # labels whose script no installed font has: said once per text (issue 11)
        self._glyph_checked: set = set()
        self.glyph_warnings: list[str] = []
        self.canvas.labels_drawn.connect(self._check_label_glyphs)
        # projects (issue 11 item 6): save/open, unsaved-change prompt, autosave, undo remove
        self.layer_panel.remove_handler = self.remove_layer
        self._init_projects()
        self._fill_recent_menu()

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea, title: str | None = None) -> QDockWidget:
        """A dock named ``name`` (its objectName, for findChild and saved layouts) titled ``title``
        (translated; default ``name``)."""
        dock = QDockWidget(title or name, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.add_layer_action = self._action(file_menu, self.tr("&Add layer…"), self.add_layer_dialog, QKeySequence.StandardKey.Open)
        self.add_layer_options_action = self._action(
            file_menu, self.tr("Add layer with encoding/C&RS…"), self.add_layer_with_options_dialog
        )
        self.add_postgis_action = self._action(file_menu, self.tr("Add Post&GIS layer…"), self.add_postgis_dialog)
        file_menu.addSeparator()
        self.open_project_action = self._action(file_menu, self.tr("&Open project…"), self.open_project_dialog, "Ctrl+Shift+O")
        self.recent_menu = file_menu.addMenu(self.tr("Recent &projects"))
        self.save_project_action = self._action(file_menu, self.tr("&Save project"), lambda: self.save_project(),
                                                QKeySequence.StandardKey.Save)
        self.save_project_as_action = self._action(file_menu, self.tr("Sa&ve project as…"), self.save_project_as, "Ctrl+Shift+S")
        file_menu.addSeparator()
        self.export_png_action = self._action(file_menu, self.tr("Export &map (PNG, SVG, PDF)…"), self.export_map_dialog, "Ctrl+P")
        self.export_html_action = self._action(file_menu, self.tr("Export &HTML…"), self.export_html_dialog, "Ctrl+E")
        self.export_gif_action = self._action(file_menu, self.tr("Export time animat&ion (GIF)…"), self.export_gif_dialog)
        self.export_mp4_action = self._action(file_menu, self.tr("Export time animation (MP&4 video)…"), self.export_mp4_dialog)
        self.export_multiples_action = self._action(
            file_menu, self.tr("Export small m&ultiples (PNG)…"), self.export_small_multiples_dialog
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self._action(edit, self.tr("&Undo remove layer"), self.undo_remove, QKeySequence.StandardKey.Undo)
        view = self.menuBar().addMenu(self.tr("&View"))
        self.search_action = self._action(view, self.tr("&Search features…"), self.search_box.focus_search,
                                          QKeySequence.StandardKey.Find)
        self.table_action = self._action(view, self.tr("&Attribute table"), lambda: self.open_attribute_table(), "F6")
        self.style_action = self._action(view, self.tr("Layer st&yling"), lambda: self.open_styling(), "F7")
        self.connectivity_action = self._action(view, self.tr("&Connectivity and what-if…"),
                                                lambda: self.open_connectivity(), "F8")
        self._action(view, self.tr("Zoom to &full extent"), self.canvas.zoom_to_full_extent, "Ctrl+0")
        self._action(view, self.tr("Zoom to Atlas &region"), lambda: self.canvas.zoom_to_bbox(DEFAULT_BBOX), "Ctrl+R")
        # like QGIS's Settings > Rendering > "Make lines appear less jagged": on by default,
        # remembered between sessions; off draws many thin lines about a fifth faster (issue 9)
        self.antialiasing_action = QAction(self.tr("An&tialiasing (smooth edges)"), self, checkable=True)
        self.antialiasing_action.setChecked(self.canvas.antialiasing)
        self.antialiasing_action.toggled.connect(self.set_antialiasing)
        view.addAction(self.antialiasing_action)
        view.addSeparator()
        tools = self.menuBar().addMenu(self.tr("&Tools"))
        self.measure_action = self._action(tools, self.tr("&Measure distance"), lambda on: self.set_measuring(on), "Ctrl+Shift+M")
        self.measure_action.setCheckable(True)
        colours = view.addMenu(self.tr("Ca&ble colours"))
        group = QActionGroup(self)
        self.cable_colour_actions = {}
        for scheme, text in (("atlas", self.tr("&Atlas (by status)")),
                             ("telegeography", self.tr("&TeleGeography (per cable)"))):
            act = QAction(text, self, checkable=True)
            act.setChecked(scheme == "atlas")
            act.triggered.connect(lambda _=False, s=scheme: self.set_cable_colours(s))
            group.addAction(act)
            colours.addAction(act)
            self.cable_colour_actions[scheme] = act
        # View > Language (issue 13): each language named in its own script; like QGIS, the
        # choice is remembered and applies at the next start
        from . import i18n

        languages = view.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        self.language_actions = {}
        for code, name in i18n.LANGUAGES.items():
            act = QAction(name, self, checkable=True)
            act.setChecked(code == i18n.current())
            act.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            group.addAction(act)
            languages.addAction(act)
            self.language_actions[code] = act

    #: QSettings key of View > Antialiasing.
    ANTIALIASING_KEY = "render/antialiasing"

    def set_antialiasing(self, on: bool) -> None:
        """View > Antialiasing: draw the map with smoothed edges or not, and remember the choice
        (``QSettings`` key :attr:`ANTIALIASING_KEY`). Exports are always antialiased."""
        on = bool(on)
        QSettings().setValue(self.ANTIALIASING_KEY, on)
        if self.antialiasing_action.isChecked() != on:
            self.antialiasing_action.setChecked(on)
        self.canvas.set_antialiasing(on)

    def choose_language(self, code: str) -> None:
        """View > Language: remember ``code`` (``"en"``, ``"zh_CN"``, ``"zh_TW"``) for the next
        start and say so in the status bar."""
        from . import i18n

        i18n.remember_language(code)
        if code == i18n.current():
            self.statusBar().showMessage(self.tr("The interface is in {language}.").format(
                language=i18n.LANGUAGES[code]), 8000)
        else:
            self.statusBar().showMessage(self.tr("The interface will be in {language} when the Atlas next starts.").format(
                language=i18n.LANGUAGES[code]), 15000)

    def add_postgis_dialog(self) -> list[Layer]:
        """File > Add PostGIS layer…: connect, choose tables, add them (issue 15)."""
        from .postgis_dialog import PostGISDialog

        dlg = PostGISDialog(self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return []
        return self.add_postgis_layers(dlg.sources(), dlg.password_text())

    def add_postgis_layers(self, sources: list[str], password: str | None = None) -> list[Layer]:
        """Add PostGIS tables (source URIs) as layers that follow the view (:mod:`.postgis_live`);
        a failure is said in a dialog, naming the table, and the other layers stay."""
        added = []
        for source in sources:
            try:
                layer = self.live_layers.add(source, password=password, color=self.document.unused_color())
            except AtlasError as exc:
                self.show_error(self.tr("Could not open layer"), words.error_text(exc))
                continue
            except Exception as exc:  # a bug must not stop the other tables or the session
                self.show_error(self.tr("Could not open layer"), self.tr("{source}: unexpected error: {kind}: {error}").format(
                    source=source, kind=type(exc).__name__, error=exc))
                continue
            self.document.add_layer(layer)
            added.append(layer)
        return added

    def open_connectivity(self) -> None:
        """Show the Connectivity dock (figures per country, what-if cuts)."""
        self.connectivity_dock.show()
        self.connectivity_dock.raise_()
        # wide enough for the table's columns and the chart (the user can narrow it again)
        if self.connectivity_dock.width() < 520:
            self.resizeDocks([self.connectivity_dock], [min(560, max(320, self.width() // 3))], Qt.Orientation.Horizontal)
        self.connectivity.refresh()

    def open_styling(self, layer: Layer | None = None) -> None:
        """Show the Layer styling dock for ``layer`` (default: the selected layer, else the top one)."""
        layer = layer or self.layer_panel.selected_layer() or (self.document.layers[-1] if self.document.layers else None)
        if layer is not None:
            self.style_dock_widget.show_layer(layer)
        self.style_dock.show()
        self.style_dock.raise_()

    def open_attribute_table(self, layer: Layer | None = None) -> None:
        """Show the attribute table dock for ``layer`` (default: the layer selected in the Layers
        panel, else the top layer)."""
        layer = layer or self.layer_panel.selected_layer() or (self.document.layers[-1] if self.document.layers else None)
        if layer is not None:
            self.attribute_table.show_layer(layer)
        opening = self.table_dock.isHidden()
        self.table_dock.show()
        self.table_dock.raise_()
        if opening and not self.table_dock.isFloating():
            # a quarter of the window (at least 200 px): the map keeps most of its height (it
            # shrank to ~240 px of a 1000 px window, the new-user pass of session 31)
            self.resizeDocks([self.table_dock], [max(200, self.height() // 4)], Qt.Orientation.Vertical)

    def _table_selection(self, layer, rows) -> None:
        """Rows selected in the attribute table: highlight them on the map, the first one in the
        Attributes panel."""
        self.canvas.set_selected_rows(layer, rows)
        if layer is not None and len(rows):
            self.canvas.highlight(layer, int(rows[0]))
            self.attribute_panel.show_feature(layer, int(rows[0]))
        else:
            self.canvas.highlight(None)

    def _check_label_glyphs(self, placed: list) -> None:
        from .labels import glyph_warnings

        new = glyph_warnings(placed, self._glyph_checked)
        if new:
            self.glyph_warnings.extend(new)
            more = self.tr(" (+{n} more)").format(n=len(new) - 1) if len(new) > 1 else ""
            self.statusBar().showMessage(new[0] + more, 15000)

    def _show_cursor(self, lon: float, lat: float) -> None:
        from asean_atlas.layers.measure import format_lonlat


        self.coordinates.setText(format_lonlat(lon, lat, tr=words.tr))

    def set_measuring(self, on: bool) -> None:
        """Switch the measure tool on (clicks measure geodesic distances) or off (clicks identify)."""
        self.canvas.measure = self.measure_tool if on else None
        if self.measure_action.isChecked() != on:
            self.measure_action.setChecked(on)
        if on:
            self.measure_dock.show()
            self.measure_dock.raise_()
            self.canvas.setCursor(Qt.CursorShape.CrossCursor)
            self.canvas.setFocus()
        else:
            self.measure_tool.clear()
            self.canvas.unsetCursor()
            if self.measure_dock.isVisible():
                self.measure_dock.hide()
        self.canvas.update()

    def _measure_dock_toggled(self, visible: bool) -> None:
        # closed (not merely covered by the Attributes tab): the tool is off
        if not visible and self.measure_dock.isHidden() and self.canvas.measure is not None:
            self.set_measuring(False)

    def set_cable_colours(self, scheme: str) -> None:
        """Colour the built-in cables by status (``"atlas"``) or as TeleGeography's map does."""
        from asean_atlas.layers.builtin import cable_style

        for layer in self.document.layers:
            if layer.source == "builtin:cables":
                layer.set_style(cable_style(layer, scheme))
        self.cable_colour_actions[scheme].setChecked(True)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    # -- layers ---------------------------------------------------------------------------------
    #: Files at least this big load on a worker thread with a progress dialog (issue 4).
    BACKGROUND_MIN_BYTES = 4 * 1024 * 1024
    #: Suffixes whose files may hold several layers; the user picks among them.
    MULTI_LAYER_SUFFIXES = (".gpkg", ".sqlite", ".kml", ".gdb")

    def open_files(
        self, paths: list[str], background: bool | None = None, encoding: str | None = None, crs: str | None = None
    ) -> list[Layer]:
        """Load files as layers on top; each failure shows a dialog and leaves other layers alone.

        A file with several layers (GeoPackage) asks which to add (:meth:`choose_layers`); a file
        whose coordinates are not degrees and that names no CRS asks for one (:meth:`ask_crs`).

        Parameters
        ----------
        paths : list of str
        background : bool, optional
            Load on a worker thread with a progress dialog and Cancel; default: for files of
            :attr:`BACKGROUND_MIN_BYTES` or more. Such layers arrive later (:attr:`loaders`).
        encoding : str, optional
            Text encoding of the attributes (e.g. ``"cp874"``); default detected.
        crs : str, optional
            CRS of coordinates in files that name none (e.g. ``"EPSG:32647"``).

        Returns
        -------
        list of Layer
            The layers that loaded synchronously.
        """
        added = []
        for path in paths:
            for source in self._sources_of(path):
                big = background
                if big is None:
                    try:
                        big = Path(source.split("|layername=")[0]).stat().st_size >= self.BACKGROUND_MIN_BYTES
                    except OSError:
                        big = False
                if big:  # a colour none of the layers on the map or still loading has
                    pending = [ld.request.color for ld in self.loaders if ld.request.color]
                    self._load_in_background(LoadRequest(source, self.document.unused_color(pending), encoding, crs))
                    continue
                layer = self._load_now(source, crs=crs, encoding=encoding)
                if layer is not None:
                    added.append(layer)
        return added

    def _sources_of(self, path: str) -> list[str]:
        if not path.lower().endswith(self.MULTI_LAYER_SUFFIXES):
            return [path]
        try:
            names = list_vector_layers(path)
        except AtlasError as exc:
            self.show_error(self.tr("Could not open layer"), words.error_text(exc))
            return []
        if len(names) <= 1:
            return [path]
        chosen = self.choose_layers(path, names) if self.interactive else names
        return [f"{path}|layername={name}" for name in chosen]

    def choose_layers(self, path: str, names: list[str]) -> list[str]:
        """Ask which layers of a multi-layer file to add (a modal list, several may be picked).

        Returns
        -------
        list of str
            Chosen layer names; empty if the user cancelled.
        """
        from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QListWidget, QVBoxLayout

        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("Layers of {file}").format(file=Path(path).name))
        lst = QListWidget(dlg)
        lst.addItems(names)
        lst.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        lst.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dlg)
        buttons.accepted.connect(dlg.accept)
        buttons.rejected.connect(dlg.reject)
        box = QVBoxLayout(dlg)
        box.addWidget(lst)
        box.addWidget(buttons)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return []
        return [item.text() for item in lst.selectedItems()]

    def ask_crs(self, path: str, reason) -> str | None:
        """Ask the CRS of a file whose coordinates are not degrees (e.g. ``"EPSG:32647"``); None: cancel.
        ``reason`` is the :class:`CRSNeededError` (shown in the interface's language) or a text."""
        from PySide6.QtWidgets import QDialog, QInputDialog

        from PySide6.QtWidgets import QLabel

        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("Choose the CRS"))
        dlg.setLabelText(words.error_text(reason) + "\n\n" + self.tr("CRS of the coordinates (e.g. EPSG:32647 for UTM 47N):"))
        if "look like longitude/latitude degrees" in str(reason):  # the English message
            dlg.setTextValue("EPSG:4326")  # the coordinates are degrees: the likely answer
        plain_labels(dlg)  # the reason names the file: plain text, never markup
        for label in dlg.findChildren(QLabel):  # a long reason wraps instead of widening the dialog
            label.setWordWrap(True)
        dlg.setMaximumWidth(max(480, int(self.width() * 0.8)))
        dlg.resize(min(640, dlg.maximumWidth()), dlg.sizeHint().height())
        ok = dlg.exec() == QDialog.DialogCode.Accepted
        text = dlg.textValue()
        return text.strip() or None if ok else None

    def _load_now(self, source: str, crs: str | None = None, encoding: str | None = None) -> Layer | None:
        try:
            layer = read_layer(source, color=self.document.unused_color(), crs=crs, encoding=encoding)
        except CRSNeededError as exc:
            chosen = self.ask_crs(source, exc) if self.interactive else None
            if chosen:
                return self._load_now(source, crs=chosen, encoding=encoding)
            self.show_error(self.tr("Could not open layer"), words.error_text(exc))
            return None
        except AtlasError as exc:
            self.show_error(self.tr("Could not open layer"), words.error_text(exc))
            return None
        except Exception as exc:  # a bug must not take the user's work down with it
            self.show_error(self.tr("Could not open layer"), self.tr("{source}: unexpected error: {kind}: {error}").format(
                source=source, kind=type(exc).__name__, error=exc))
            return None
        self._add_loaded(layer)
        return layer

    def _add_loaded(self, layer: Layer) -> None:
        if not layer.prepared:  # read on this thread: the identify index is built beside it
            threading.Thread(target=layer.prepare, name="asean-atlas-prepare", daemon=True).start()
        self.document.add_layer(layer)
        if layer.report.warnings:  # data left out or changed on load: say so, naming the file
            self.show_warning(
                self.tr("Layer loaded with warnings"),
                f"{layer.source}:\n" + "\n".join(f"• {words.error_text(w)}" for w in layer.report.warnings),
            )
        # the counts stay in the status bar (the warnings are in their dialog)
        n = len(layer.report.warnings)
        said = (" · " + (self.tr("1 warning") if n == 1 else self.tr("{n} warnings").format(n=n))) if n else ""
        self.statusBar().showMessage(f"{words.layer_name(layer, self.document)}: "
                                     f"{layer.report.summary(warnings=False, tr=words.tr, message_tr=words.message_tr)}{said}", 15000)

    def _load_in_background(self, request: LoadRequest) -> LayerLoader:
        loader = LayerLoader(request, parent=self)
        self.loaders.append(loader)

        def failed(exc, _req=request):
            if isinstance(exc, LoadCancelled):
                self.statusBar().showMessage(self.tr("Cancelled loading {file}").format(file=_req.path), 15000)
            elif isinstance(exc, CRSNeededError) and _req.crs is None:
                chosen = self.ask_crs(_req.path, exc) if self.interactive else None
                if chosen:
                    self._load_in_background(LoadRequest(_req.path, _req.color, _req.encoding, chosen))
                else:
                    self.show_error(self.tr("Could not open layer"), words.error_text(exc))
            elif isinstance(exc, AtlasError):
                self.show_error(self.tr("Could not open layer"), words.error_text(exc))
            else:
                self.show_error(self.tr("Could not open layer"), self.tr("{source}: unexpected error: {kind}: {error}").format(
                    source=_req.path, kind=type(exc).__name__, error=exc))

        loader.loaded.connect(self._add_loaded)
        loader.failed.connect(failed)
        loader.finished.connect(lambda: self.loaders.remove(loader) if loader in self.loaders else None)
        loader.start()
        return loader

    def add_layer_dialog(self) -> None:
        """File > Add layer…"""
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add layer"), "", self.tr(VECTOR_FILTER))
        if paths:
            self.open_files(paths)

    def add_layer_with_options_dialog(self) -> None:
        """File > Add layer with encoding/CRS…: the user names the text encoding and/or the CRS."""
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add layer"), "", self.tr(VECTOR_FILTER))
        if not paths:
            return
        dlg = LoadOptionsDialog(self, paths)
        if dlg.exec() == LoadOptionsDialog.DialogCode.Accepted:
            self.open_files(paths, encoding=dlg.encoding(), crs=dlg.crs())

    def _forget_removed(self) -> None:
        from asean_atlas.layers import search

        self.canvas.renderer.retain(self.document.layers)
        search.retain(self.document.layers)
        sel = self.canvas.selection
        if sel is not None and sel[0] not in self.document.layers:
            self.canvas.select(None)
        many = self.canvas.selected_rows
        if many is not None and many[0] not in self.document.layers:
            self.canvas.set_selected_rows(None, [])

    def go_to_feature(self, layer: Layer, row: int) -> None:
        """Zoom to feature ``row`` of ``layer`` and select it (a search result). A hidden layer is
        shown; a feature the time filter hides is selected anyway and the status bar says when
        it is drawn."""
        if layer not in self.document.layers:
            return
        if not layer.visible:
            layer.set_visible(True)
        bbox = feature_view_bbox(layer, row, self.canvas.viewport.bbox())
        if bbox is not None:
            self.canvas.zoom_to_bbox(bbox, pad=0.1)
        self.canvas.select(layer, row)
        if not layer.filter_mask()[row]:
            self.statusBar().showMessage(
                self.tr("This feature is hidden by the layer filter ({filter}); clear it in the "
                        "attribute table to see it.").format(filter=layer.filter.expression), 8000)
        elif not layer.drawn_mask(self.document.time_filter)[row]:
            self.statusBar().showMessage(
                self.tr("This feature is not drawn at the current time; move the time slider to see it."), 8000
            )

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
        return ExportOptions(width=width, height=height, bbox=vp.bbox(), time_filter=self.document.time_filter)

    def export_gif(self, path: str | Path, width: int = 960) -> Path | None:
        """Export the time playback (the Time dock's range, step and mode) as an animated GIF,
        one frame per step with its date stamped; a progress dialog can cancel it."""
        from .export import export_gif

        return self._export_animation(path, width, export_gif, self.tr("Rendering GIF frames…"))

    def export_mp4(self, path: str | Path, width: int = 1280, fps: float | None = None) -> Path | None:
        """Export the time playback as an MP4 video (H.264; :func:`.export.export_mp4`), each step
        held for the Time dock's playback interval; a progress dialog can cancel it."""
        from .export import MP4_FPS, export_mp4

        def write(document, out, options, filters, renderer, progress):
            return export_mp4(document, out, options, filters, fps=fps or MP4_FPS, renderer=renderer, progress=progress)

        return self._export_animation(path, width, write, self.tr("Rendering MP4 frames…"))

    def _export_animation(self, path: str | Path, width: int, write, label: str) -> Path | None:
        import dataclasses

        from PySide6.QtWidgets import QApplication, QProgressDialog

        from .export import animation_filters

        base = self.current_export_options()
        height = max(16, round(width * base.height / base.width))
        options = dataclasses.replace(base, width=width, height=height)
        try:
            filters = animation_filters(self.document)
            dialog = QProgressDialog(label, self.tr("Cancel"), 0, len(filters), self)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)

            def progress(done: int, total: int) -> bool:
                dialog.setValue(done)
                QApplication.processEvents()
                return not dialog.wasCanceled()

            try:
                out = write(self.document, path, options, filters, renderer=self.canvas.renderer, progress=progress)
            finally:
                dialog.close()
        except AtlasError as exc:
            self.show_error(self.tr("Export animation failed"), words.error_text(exc))
            return None
        self.statusBar().showMessage(self.tr("Wrote {file} ({n} steps)").format(file=out, n=len(filters)), 15000)
        return out

    def export_small_multiples(self, path: str | Path, years: list[int]) -> Path | None:
        """Export side-by-side maps as of ``years`` (current view, shared legend) to PNG."""
        import dataclasses

        from .export import export_small_multiples

        base = self.current_export_options()
        options = dataclasses.replace(base, width=2400, height=900, time_filter=None)
        try:
            out = export_small_multiples(self.document, path, options, years, self.canvas.renderer)
        except AtlasError as exc:
            self.show_error(self.tr("Export small multiples failed"), words.error_text(exc))
            return None
        self.statusBar().showMessage(self.tr("Wrote {file}").format(file=out), 15000)
        return out

    def default_multiple_years(self) -> list[int]:
        """Four years five apart ending at the last year of the data (e.g. 2010, 2015, 2020, 2025)."""
        span = self.document.year_range()
        last = span[1] if span else 2025
        first = span[0] if span else last - 15
        return [y for y in (last - 15, last - 10, last - 5, last) if y >= first] or [last]

    def export_gif_dialog(self) -> None:
        """File > Export time animation (GIF)…: the export dialog set to GIF (size, title, legend,
        step duration, preview; progress and Cancel)."""
        self.export_map_dialog(".gif")

    def export_mp4_dialog(self) -> None:
        """File > Export time animation (MP4)…: the export dialog set to MP4 (also the frame rate)."""
        self.export_map_dialog(".mp4")

    def export_small_multiples_dialog(self) -> None:
        """File > Export small multiples (PNG)…: asks for the years, then the file."""
        from PySide6.QtWidgets import QInputDialog

        default = ",".join(str(y) for y in self.default_multiple_years())
        text, ok = QInputDialog.getText(self, self.tr("Small multiples"), self.tr("Years (comma-separated):"),
                                        text=default)
        if not ok:
            return
        try:
            years = [int(v) for v in text.split(",") if v.strip()]
        except ValueError:
            self.show_error(self.tr("Small multiples"),
                            self.tr("{text}: expected years such as 2010,2015,2020,2025").format(text=repr(text)))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export small multiples"), "atlas-multiples.png",
                                              self.tr("PNG image (*.png)"))
        if path and years:
            self.export_small_multiples(path, years)

    def export_png(self, path: str | Path) -> Path | None:
        """Export the current view to PNG (same renderer as the canvas); errors go to a dialog."""
        from .export import export_png

        try:
            out = export_png(self.document, path, self.current_export_options(), self.canvas.renderer)
        except AtlasError as exc:
            self.show_error(self.tr("Export PNG failed"), words.error_text(exc))
            return None
        self.statusBar().showMessage(self.tr("Wrote {file}").format(file=out), 15000)
        return out

    def export_html(self, path: str | Path) -> Path | None:
        """Export the current view to an interactive HTML map (folium); errors go to a dialog."""
        from asean_atlas.layers.html_export import export_html

        try:
            out = export_html(self.document, path, self.current_export_options())
        except AtlasError as exc:
            self.show_error(self.tr("Export HTML failed"), words.error_text(exc))
            return None
        self.statusBar().showMessage(self.tr("Wrote {file}").format(file=out), 15000)
        return out

    def export_png_dialog(self) -> None:
        """Export the current view to a PNG chosen in a file dialog (no layout choices)."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PNG"), "atlas.png", self.tr("PNG image (*.png)"))
        if path:
            self.export_png(path)

    def make_export_dialog(self, suffix: str | None = None):
        """The File > Export map… dialog for the current view and time (:mod:`.export_dialog`),
        set to the format ``suffix`` (".png", ".svg", ".pdf", ".html", ".gif", ".mp4") when given."""
        from .export_dialog import ExportDialog

        dialog = ExportDialog(self.document, self.canvas.viewport, self.canvas.renderer, self,
                              time_filter=self.document.time_filter)
        if suffix is not None:
            dialog.format.setCurrentIndex(max(0, dialog.format.findData(suffix)))
        return dialog

    def export_map_dialog(self, suffix: str | None = None) -> None:
        """File > Export map…: page size, DPI, title, legend… with a live preview, for PNG, SVG,
        PDF, the HTML page and the animations."""
        dialog = self.make_export_dialog(suffix if isinstance(suffix, str) else None)
        if dialog.exec() and dialog.saved_path is not None:
            self.statusBar().showMessage(self.tr("Wrote {file}").format(file=dialog.saved_path), 15000)

    def export_html_dialog(self) -> None:
        """File > Export HTML…: the export dialog set to the HTML page."""
        self.export_map_dialog(".html")

    # -- errors ---------------------------------------------------------------------------------
    def _live_failed(self, text: str) -> None:
        """A PostGIS request failed mid-session: remembered and shown in the status bar (not a
        dialog at every move of the map); the layer keeps what it showed."""
        self.last_error = text
        self.errors.append(text)

    def show_error(self, title: str, text: str) -> QMessageBox | None:
        """Show ``text`` in a window-modal dialog (non-blocking) and remember it in :attr:`last_error`
        and :attr:`errors`; with :attr:`interactive` False, only the status bar shows it."""
        self.last_error = text
        self.errors.append(text)
        return self._message(QMessageBox.Icon.Critical, title, text)

    def show_warning(self, title: str, text: str) -> QMessageBox | None:
        """Like :meth:`show_error` for a warning (the work went on): remembered in
        :attr:`warnings_shown`, not :attr:`last_error`."""
        self.warnings_shown.append(text)
        return self._message(QMessageBox.Icon.Warning, title, text)

    def _message(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox | None:
        if not self.interactive:  # --screenshot and scripts: no dialog to wait on
            self.statusBar().showMessage(text, 15000)
            return None
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message names a file: never markup
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.statusBar().showMessage(text, 15000)
        return box
