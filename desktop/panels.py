"""Docks of the main window: layer panel, attribute (identify) panel, time slider.

Each is a thin view of the :class:`MapDocument`: it redraws from the model on its signals and
writes user input back through the model's methods, keeping no state of its own.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.cells import cell_text
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.network import CABLE_LINK_FIELD, link_field, link_summary, linked_features

from . import words

from .text import plain_tooltip


def _swatch(color: str) -> QIcon:
    pm = QPixmap(14, 14)
    pm.fill(QColor(color))
    return QIcon(pm)


class LayerPanel(QWidget):
    """Layer list, top layer first: visibility check boxes, raise/lower, remove, zoom to layer.

    Signals
    -------
    zoom_to_layer(object)
        The user asked to zoom to a layer (double click or the button).
    """

    zoom_to_layer = Signal(object)
    #: the user asked for a layer's attribute table
    open_table = Signal(object)
    #: the user asked to style a layer
    open_style = Signal(object)
    #: a callable that removes a layer (the window's, which keeps it for Undo); None: remove here
    remove_handler = None

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemChanged.connect(self._item_changed)
        self.list.itemDoubleClicked.connect(lambda item: self.zoom_to_layer.emit(item.data(Qt.ItemDataRole.UserRole)))
        buttons = QHBoxLayout()
        self.up_button = QToolButton(text="▲", toolTip=self.tr("Raise layer"))
        self.down_button = QToolButton(text="▼", toolTip=self.tr("Lower layer"))
        self.zoom_button = QToolButton(text=self.tr("Zoom"), toolTip=self.tr("Zoom to layer"))
        self.remove_button = QToolButton(text=self.tr("Remove"), toolTip=self.tr("Remove layer"))
        self.table_button = QToolButton(text=self.tr("Table"), toolTip=self.tr("Open the layer's attribute table (F6)"))
        self.style_button = QToolButton(text=self.tr("Style"), toolTip=self.tr("Style the layer (F7)"))
        for b in (self.up_button, self.down_button, self.zoom_button, self.table_button, self.style_button,
                  self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.up_button.clicked.connect(lambda: self._move(+1))
        self.down_button.clicked.connect(lambda: self._move(-1))
        self.zoom_button.clicked.connect(self._zoom)
        self.table_button.clicked.connect(self._table)
        self.style_button.clicked.connect(self._style)
        self.remove_button.clicked.connect(self._remove)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.list)
        lay.addLayout(buttons)
        document.layers_changed.connect(self.refresh)
        self._updating = False
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the document (top layer first)."""
        selected = self.selected_layer()
        self._updating = True
        self.list.clear()
        for layer in reversed(self.document.layers):
            text = f"{words.layer_name(layer, self.document)}  ({layer.feature_count})"
            if layer.filter is not None:  # the filter is on the map: say so where the layer is listed
                text = self.tr("{layer}  ({n} of {total}, filtered)").format(
                    layer=words.layer_name(layer, self.document), n=int(layer.filter_mask().sum()),
                    total=layer.feature_count)
            item = QListWidgetItem(_swatch(layer.style.color), text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, layer)
            item.setToolTip(plain_tooltip(f"{layer.source}\n{layer.report.summary(tr=words.tr, message_tr=words.message_tr)}"))
            self.list.addItem(item)
            if layer is selected:
                item.setSelected(True)
        self._updating = False

    def selected_layer(self) -> Layer | None:
        """The selected layer, or None."""
        items = self.list.selectedItems() if hasattr(self, "list") else []
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _item_changed(self, item: QListWidgetItem) -> None:
        if not self._updating:
            layer = item.data(Qt.ItemDataRole.UserRole)
            layer.set_visible(item.checkState() == Qt.CheckState.Checked)

    def _move(self, delta: int) -> None:
        layer = self.selected_layer()
        if layer is not None:
            self.document.move_layer(layer, self.document.layers.index(layer) + delta)

    def _style(self) -> None:
        layer = self.selected_layer() or (self.document.layers[-1] if self.document.layers else None)
        if layer is not None:
            self.open_style.emit(layer)

    def _table(self) -> None:
        layer = self.selected_layer() or (self.document.layers[-1] if self.document.layers else None)
        if layer is not None:
            self.open_table.emit(layer)

    def _zoom(self) -> None:
        layer = self.selected_layer()
        if layer is not None:
            self.zoom_to_layer.emit(layer)

    def _remove(self) -> None:
        layer = self.selected_layer()
        if layer is not None:
            if self.remove_handler is not None:  # the window removes it (with undo)
                self.remove_handler(layer)
            else:
                self.document.remove_layer(layer)


#: Longest attribute value the Attributes panel shows, characters.
MAX_SHOWN = 5000


def _feature_name(layer: Layer, row: int) -> str:
    frame = layer.attributes
    for c in ("name", "NAME", "Name"):
        if c in frame.columns and frame[c].iloc[row] is not None and str(frame[c].iloc[row]) not in ("", "nan"):
            name = str(frame[c].iloc[row])
            return name if len(name) <= 200 else name[:199] + "…"
    return QCoreApplication.translate("panels", "feature {row}").format(row=row)


class AttributePanel(QWidget):
    """Identify results: every attribute of the clicked feature (source included), as text.

    Signals
    -------
    feature_chosen(object, int)
        The user picked another feature of the identify results (to highlight on the map).
    """

    feature_chosen = Signal(object, int)
    #: The features linked to the one shown (a cable's stations, a station's cables), to highlight.
    related_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None, document: MapDocument | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.header = QLabel(self.tr("Click a feature on the map to see its attributes."))
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)  # our markup; file text inside is escaped
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Value")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        # identify results: every feature under the click (several facilities may share a point)
        self.results = QComboBox()
        # long feature names must not widen the dock (and squeeze the map): issue 11 item 5
        self.results.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.results.setMinimumContentsLength(16)
        self.results.setVisible(False)
        self.results.currentIndexChanged.connect(self._result_chosen)
        self._hits: list[tuple[Layer, int]] = []
        self._click: tuple[float, float] | None = None
        self._result_click: tuple[float, float] | None = None
        self.derived_count = 0
        self.opened_links = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        # the cable <-> station network (issue 10): linked features, each a link to itself
        self.links_label = QLabel()
        self.links_label.setTextFormat(Qt.TextFormat.PlainText)
        self.links_label.setWordWrap(True)
        self.links_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.links = QListWidget()
        self.links.setMaximumHeight(160)
        self.links.itemActivated.connect(self._link_chosen)
        self.links.itemClicked.connect(self._link_chosen)
        self._linked: list[tuple[Layer, int]] = []
        lay.addWidget(self.results)
        lay.addWidget(self.header)
        lay.addWidget(self.table)
        lay.addWidget(self.links_label)
        lay.addWidget(self.links)
        self._show_links([], None)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """A fixed preferred size: the content (long names, many results) never widens the dock."""
        return QSize(320, 480)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(180, 200)

    def set_click(self, lon: float, lat: float) -> None:
        """The map point of the click whose results come next (:meth:`show_results`), degrees."""
        self._click = (lon, lat)

    def show_results(self, hits: list) -> None:
        """Show the identify results of a click: the first feature, and a list of all of them.

        Parameters
        ----------
        hits : list of (Layer, int)
            As :meth:`MapCanvas.identify_all` returns them.
        """
        self._hits = list(hits)
        self._result_click, self._click = self._click, None
        self.results.blockSignals(True)
        self.results.clear()
        for i, (layer, row) in enumerate(self._hits):
            self.results.addItem(self.tr("{i} of {n}: {feature} — {layer}").format(
                i=i + 1, n=len(self._hits), feature=_feature_name(layer, row), layer=words.layer_name(layer)))
        self.results.setCurrentIndex(0 if self._hits else -1)
        self.results.blockSignals(False)
        self.results.setVisible(len(self._hits) > 1)
        self._show_feature(*(self._hits[0] if self._hits else (None, -1)), click=self._result_click)

    def _result_chosen(self, index: int) -> None:
        if 0 <= index < len(self._hits):
            layer, row = self._hits[index]
            self._show_feature(layer, row, click=self._result_click)
            self.feature_chosen.emit(layer, row)

    def show_feature(self, layer: Layer | None, row: int, click: tuple[float, float] | None = None) -> None:
        """Show one feature chosen elsewhere (search, a link, the attribute table, a script): the
        list of a click's results is hidden, as it no longer describes what is shown. See
        :meth:`_show_feature`."""
        if self._hits and (layer, row) not in self._hits:
            self._hits = []
            self.results.setVisible(False)
        elif self._hits:  # one of the click's results (a link to it): the list says which
            self.results.blockSignals(True)
            self.results.setCurrentIndex(self._hits.index((layer, row)))
            self.results.blockSignals(False)
        self._show_feature(layer, row, click)

    def _show_feature(self, layer: Layer | None, row: int, click: tuple[float, float] | None = None) -> None:
        """Fill the table with the attributes of ``layer``'s feature at positional ``row``.

        Above the attributes, in italics, the values identify derives (as QGIS's "(Derived)"):
        the click's longitude/latitude and the distance from it, a point's coordinates, a line's
        geodesic length, a polygon's geodesic area and perimeter
        (:func:`asean_atlas.layers.measure.identify_measures`). ``click`` is ``(lon, lat)``
        degrees of the click that found the feature, or None (chosen from a list or a search).
        An attribute holding one ``http(s)`` URL is a link that opens in the browser.
        """
        from asean_atlas.layers.measure import identify_measures, safe_link

        self.table.setRowCount(0)
        if layer is None or row < 0:
            if click is not None:
                from asean_atlas.layers.measure import format_lonlat

                # rich text: every part escaped, the catalogue's words too
                self.header.setText(html.escape(self.tr("Nothing here. Click a feature on the map to see its attributes."))
                                    + "<br>" + html.escape(self.tr("Clicked at {where}").format(
                                        where=format_lonlat(*click, tr=words.tr))))
            else:
                self.header.setText(html.escape(self.tr("Nothing here. Click a feature on the map to see its attributes.")))
            self._show_links([], None)
            return
        frame = layer.attributes
        record = frame.iloc[row]
        # names come from user files: plain text, never markup
        self.header.setText(f"<b>{html.escape(_feature_name(layer, row))}</b><br>{html.escape(words.layer_name(layer))}")
        geom = layer.geometry_at(row)
        derived = identify_measures(geom, *(click if click is not None else (None, None)), tr=words.tr)
        items = [(str(c), record[c]) for c in frame.columns if c != layer.geometry_name]
        items.append(("geometry", geom.geom_type if geom is not None else "none"))
        self.table.setRowCount(len(derived) + len(items))
        italic = self.font()
        italic.setItalic(True)
        for i, (key, text) in enumerate(derived):
            for col, t in enumerate((key, text)):
                item = QTableWidgetItem(t)
                item.setFont(italic)
                item.setForeground(QColor("#555555"))
                item.setToolTip(self.tr("derived by the Atlas (geodesic, WGS84), not an attribute of the file"))
                self.table.setItem(i, col, item)
        for i, (key, value) in enumerate(items, start=len(derived)):
            name = QTableWidgetItem(words.field_name(key, self.document)[:300])
            name.setToolTip(plain_tooltip(key[:300]))  # the attribute's own name
            self.table.setItem(i, 0, name)
            text = cell_text(value)
            if len(text) > MAX_SHOWN:  # a value of megabytes would stall the panel's layout
                text = text[:MAX_SHOWN] + self.tr(
                    "… ({n} characters; the attribute table's Copy rows has it all)").format(n=f"{len(text):,}")
            self.table.setItem(i, 1, QTableWidgetItem(text))
            url = safe_link(text)
            if url is not None:
                link = QLabel()
                link.setTextFormat(Qt.TextFormat.RichText)
                link.setText(f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>')
                link.setToolTip(plain_tooltip(url))
                link.setWordWrap(True)
                link.linkActivated.connect(self._open_link)
                self.table.item(i, 1).setForeground(QColor(0, 0, 0, 0))  # the label shows it
                self.table.setCellWidget(i, 1, link)
        self.derived_count = len(derived)
        self.table.resizeRowsToContents()
        layers = self.document.layers if self.document is not None else []
        self._show_links(linked_features(layers, layer, row), link_field(layer))

    #: URLs opened by clicking attribute links (tests replace :meth:`_open_url`)
    opened_links: list

    def _open_link(self, url: str) -> None:
        from asean_atlas.layers.measure import safe_link

        if safe_link(url) is None:  # only http(s), checked again at the click
            return
        self.opened_links.append(url)
        self._open_url(url)

    @staticmethod
    def _open_url(url: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))

    def _show_links(self, linked: list, field: str | None) -> None:
        self._linked = list(linked)
        self.links.clear()
        for other, r in self._linked:
            item = QListWidgetItem(link_summary(other, r, tr=words.tr, zh_field=_zh_field()))
            owners = other.attributes["owners"].iloc[r] if "owners" in other.attributes.columns else None
            if isinstance(owners, str) and owners:
                item.setToolTip(plain_tooltip(item.text() + "\n\n" + self.tr("Owners: {owners}").format(owners=owners)))
            self.links.addItem(item)
        if field is None or not self._linked:
            self.links_label.setText("")
            self.links_label.setVisible(False)
            self.links.setVisible(False)
        else:
            n = len(self._linked)
            self.links_label.setText(self.tr("Landing stations ({n}) — click one to show it").format(n=n)
                                     if field == CABLE_LINK_FIELD
                                     else self.tr("Cables landing here ({n}) — click one to show it").format(n=n))
            self.links_label.setVisible(True)
            self.links.setVisible(True)
        self.related_changed.emit(self._linked)

    def _link_chosen(self, item: QListWidgetItem) -> None:
        i = self.links.row(item)
        if 0 <= i < len(self._linked):
            layer, row = self._linked[i]
            self.show_feature(layer, row)
            self.feature_chosen.emit(layer, row)

    def linked_rows(self) -> list[str]:
        """What the linked-features list shows (for tests)."""
        return [self.links.item(i).text() for i in range(self.links.count())]

    def rows(self) -> dict[str, str]:
        """What the table shows, ``{attribute: text}`` (for tests and copy)."""
        return {self.table.item(i, 0).text(): self.table.item(i, 1).text() for i in range(self.table.rowCount())}


# The year slider grew into the temporal controller dock (issue 5); the old name stays importable.
from .time_dock import QtTimeController as TimeSlider  # noqa: E402, F401


def _zh_field() -> str:
    """The Chinese name shown beside a name in lists: 繁體 in a zh_TW interface."""
    from . import i18n

    return "name_zh_hant" if i18n.current() == "zh_TW" else "name_zh"
