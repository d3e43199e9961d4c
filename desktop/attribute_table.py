"""The attribute table (issue 11 item 3): a dock with the active layer's features as rows.

Model: :class:`AttributeTableModel`, a ``QAbstractTableModel`` over the layer's GeoDataFrame
that holds only an array of the positional rows shown (napari's features table and QGIS's
attribute table do the same): Qt asks for the cells on screen, so a layer of 1,000,000 features
opens in well under a second and sorts with one vectorised ``sort_values``.

Two kinds of filter, as in QGIS:

- the **layer filter** (filter builder and expression box): the layer's attribute filter
  (:meth:`Layer.set_filter`), which drives the map, the time histogram and every export, and
  is written in their footer;
- **table-only** narrowing: the quick text filter, "only features on the map now" (in the view
  and drawn at the current time) and "only features in the current time filter". These change
  what the table lists, not the map.

Selection is shared with the canvas: selecting rows highlights their features, clicking a feature
on the map selects its row.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from asean_atlas.layers.cells import cell_text
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.filter import BUILDER_OPERATORS, FilterError, condition
from asean_atlas.layers.layer import Layer

from . import words
from .text import plain_tooltip

from .canvas import MAX_SELECTED_DRAWN as MAX_HIGHLIGHT  # noqa: E402 (selected features drawn)

#: A selection of more separate runs of rows than this is not carried over a filter change (Qt
#: selections of 10^5 ranges take minutes); the status line says so.
MAX_RANGES = 5000


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def sorted_rows(frame: pd.DataFrame, column: str, rows: np.ndarray, descending: bool = False) -> np.ndarray:
    """``rows`` (positional) ordered by ``column``'s values: stable, missing values last, numbers
    as numbers, mixed types by their text.

    Parameters
    ----------
    frame : DataFrame with a RangeIndex (as :class:`Layer` keeps it)
    rows : ndarray of int, shape (k,)

    Returns
    -------
    ndarray of int, shape (k,)
    """
    s = frame[column].take(rows)
    s.index = rows
    try:
        out = s.sort_values(ascending=not descending, kind="stable", na_position="last")
    except (TypeError, ValueError):  # mixed types (text and numbers), arrays: by their text
        out = s.map(cell_text).astype("string").sort_values(ascending=not descending, kind="stable", na_position="last")
    return out.index.to_numpy(dtype=np.int64)


def text_matches(frame: pd.DataFrame, rows: np.ndarray, text: str) -> np.ndarray:
    """Which of ``rows`` hold ``text`` in any attribute (case-insensitive substring), bool (k,)."""
    needle = text.casefold()
    out = np.zeros(len(rows), dtype=bool)
    geom = getattr(frame, "_geometry_column_name", None)
    sub = frame.take(rows)
    for c in frame.columns:
        if c == geom:
            continue
        s = sub[c]
        if pd.api.types.is_numeric_dtype(s) and not any(ch.isdigit() for ch in needle):
            continue
        try:
            text = s.astype("string")
        except (TypeError, ValueError, UnicodeError):  # bytes (a BLOB column) and the like
            text = s.map(lambda v: v.decode("utf-8", "replace") if isinstance(v, bytes) else cell_text(v)).astype("string")
        out |= text.str.casefold().str.contains(needle, regex=False).fillna(False).to_numpy(dtype=bool)
    return out


class AttributeTableModel(QAbstractTableModel):
    """The rows ``rows`` (positional) of a layer's attributes; the geometry column is left out.

    Parameters
    ----------
    layer : Layer or None
    """

    def __init__(self, layer: Layer | None = None) -> None:
        super().__init__()
        self.layer: Layer | None = None
        self.columns: list[str] = []
        self.rows = np.zeros(0, dtype=np.int64)
        self._sort: tuple[int, bool] | None = None
        self.set_layer(layer)

    def set_layer(self, layer: Layer | None) -> None:
        self.beginResetModel()
        self.layer = layer
        if layer is None:
            self.columns, self.rows = [], np.zeros(0, dtype=np.int64)
        else:
            geom = layer.geometry_name
            self.columns = [c for c in layer.attributes.columns if c != geom]
            self.rows = np.arange(layer.feature_count, dtype=np.int64)
        self._sort = None
        self.endResetModel()

    def set_rows(self, rows: np.ndarray) -> None:
        """Show these positional rows (kept in the current sort order)."""
        self.beginResetModel()
        self.rows = np.asarray(rows, dtype=np.int64)
        if self._sort is not None and self.layer is not None and len(self.rows):
            col, desc = self._sort
            self.rows = sorted_rows(self.layer.attributes, self.columns[col], self.rows, desc)
        self.endResetModel()

    # -- Qt model -------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.layer is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.layer.attributes[self.columns[index.column()]].iat[int(self.rows[index.row()])]
            if isinstance(value, bytes):
                value = self.tr("<{n} bytes>").format(n=f"{len(value):,}")
            text = cell_text(value)
            if role == Qt.ItemDataRole.DisplayRole:
                return text[:200] + "…" if len(text) > 200 else text
            if len(text) <= 40:
                return None
            # file text as plain text (never rich text), and bounded: a 10 MB value must not stall
            more = self.tr("… ({n} characters)").format(n=f"{len(text):,}") if len(text) > 2000 else ""
            return plain_tooltip(text[:2000] + more)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(self.columns[section]) if section < len(self.columns) else None
        return str(int(self.rows[section]) + 1) if section < len(self.rows) else None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if self.layer is None or not (0 <= column < len(self.columns)):
            return
        desc = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        self.rows = sorted_rows(self.layer.attributes, self.columns[column], self.rows, desc)
        self._sort = (column, desc)
        self.layoutChanged.emit()

    def row_of(self, feature_row: int) -> int:
        """The table row showing positional feature ``feature_row``, or -1."""
        hit = np.flatnonzero(self.rows == feature_row)
        return int(hit[0]) if hit.size else -1


class AttributeTable(QWidget):
    """The attribute table dock's widget.

    Signals
    -------
    selection_changed(object, object)
        The layer and the ndarray of selected positional rows (the window highlights them).
    """

    selection_changed = Signal(object, object)

    def __init__(self, document: MapDocument, canvas=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.canvas = canvas
        self.model = AttributeTableModel()
        # -- controls
        self.layer_box = QComboBox()
        self.layer_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.layer_box.setMinimumContentsLength(14)
        self.layer_box.currentIndexChanged.connect(self._layer_chosen)
        self.quick = QLineEdit()
        self.quick.setMinimumWidth(60)
        self.quick.setPlaceholderText(self.tr("Quick filter (this table only)"))
        self.quick.setClearButtonEnabled(True)
        self._quick_timer = QTimer(self)
        self._quick_timer.setSingleShot(True)
        self._quick_timer.setInterval(250)
        self._quick_timer.timeout.connect(self.refresh_rows)
        self.quick.textChanged.connect(lambda _t: self._quick_timer.start())
        self.on_map = QCheckBox(self.tr("Only features on the map now"))
        self.in_time = QCheckBox(self.tr("Only features in the time filter"))
        self.on_map.toggled.connect(lambda _b: self.refresh_rows())
        self.in_time.toggled.connect(lambda _b: self.refresh_rows())
        # filter builder: field, operator, value -> a condition appended to the expression
        self.field_box = QComboBox()
        self.field_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.field_box.setMinimumContentsLength(10)
        self.op_box = QComboBox()
        # the operators' words shown translated; the item data is the operator condition() takes
        op_labels = {"contains": self.tr("contains"), "in list": self.tr("in list"),
                     "is empty": self.tr("is empty"), "is not empty": self.tr("is not empty")}
        for op in BUILDER_OPERATORS:
            self.op_box.addItem(op_labels.get(op, op), op)
        self.value_edit = QLineEdit()
        self.value_edit.setMinimumWidth(60)
        self.value_edit.setPlaceholderText(self.tr("value (in list: a, b, c)"))
        self.value_edit.returnPressed.connect(self.add_condition)
        add = QPushButton(self.tr("Add condition"))
        add.clicked.connect(self.add_condition)
        self.expression = QLineEdit()
        self.expression.setMinimumWidth(80)
        self.expression.setPlaceholderText(self.tr("Layer filter, e.g. status == 'in service' and rfs_year >= 2020"))
        self.expression.returnPressed.connect(self.apply_expression)
        apply = QPushButton(self.tr("Apply filter"))
        apply.clicked.connect(self.apply_expression)
        clear = QPushButton(self.tr("Clear filter"))
        clear.clicked.connect(self.clear_filter)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # -- table
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setMinimumHeight(60)
        vh = self.view.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: fluid at 1M
        vh.setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.horizontalHeader().setDefaultSectionSize(140)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        # Ctrl+C copies the selected rows (not only the current cell), as QGIS's table does
        from PySide6.QtGui import QKeySequence, QShortcut

        QShortcut(QKeySequence.StandardKey.Copy, self.view, activated=self.copy_rows,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # -- actions on the selection
        zoom = QPushButton(self.tr("Zoom to"))
        zoom.setToolTip(self.tr("Zoom to the selected rows (all listed rows when none is selected)"))
        zoom.clicked.connect(self.zoom_to_selection)
        copy = QPushButton(self.tr("Copy"))
        copy.setToolTip(self.tr("Copy the selected rows (Ctrl+C) as tab-separated text"))
        copy.clicked.connect(self.copy_rows)
        export_sel = QPushButton(self.tr("Export selected…"))
        export_sel.clicked.connect(lambda: self.export_dialog(selection=True))
        export_all = QPushButton(self.tr("Export listed…"))
        export_all.clicked.connect(lambda: self.export_dialog(selection=False))
        # -- layout
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Layer")))
        top.addWidget(self.layer_box, 1)
        top.addWidget(self.quick, 1)
        options = QHBoxLayout()
        options.addWidget(self.on_map)
        options.addWidget(self.in_time)
        options.addStretch(1)
        builder = QHBoxLayout()
        builder.addWidget(self.field_box, 1)
        builder.addWidget(self.op_box)
        builder.addWidget(self.value_edit, 1)
        builder.addWidget(add)
        expr = QHBoxLayout()
        expr.addWidget(self.expression, 1)
        expr.addWidget(apply)
        expr.addWidget(clear)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for b in (zoom, copy, export_sel, export_all):
            bottom.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addLayout(options)
        lay.addLayout(builder)
        lay.addLayout(expr)
        lay.addWidget(self.error)
        lay.addWidget(self.view, 1)
        lay.addLayout(bottom)
        self.error.hide()
        document.layers_changed.connect(self._layers_changed)
        document.time_changed.connect(lambda _tf: self._time_moved())
        if canvas is not None:
            canvas.view_changed.connect(self._view_moved)
            canvas.feature_identified.connect(self.select_feature)
        self._syncing = False
        self._layers_changed()

    # -- layers ---------------------------------------------------------------------------------
    @property
    def layer(self) -> Layer | None:
        return self.model.layer

    def _layers_changed(self) -> None:
        layers = list(reversed(self.document.layers))  # as the layer panel lists them: top first
        current = self.layer
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        for lyr in layers:
            self.layer_box.addItem(words.layer_name(lyr, self.document), lyr.id)
        self.layer_box.blockSignals(False)
        if current in layers:
            self.layer_box.setCurrentIndex(layers.index(current))
            if current.attributes is not self._frame or (current.filter != self._filter and self._filter != "applying"):
                self._show_layer(current)
        else:
            self._show_layer(layers[0] if layers else None)

    def _layer_chosen(self, index: int) -> None:
        layers = list(reversed(self.document.layers))
        if 0 <= index < len(layers) and layers[index] is not self.layer:
            self._show_layer(layers[index])

    def show_layer(self, layer: Layer) -> None:
        """Make ``layer`` the table's layer (Open attribute table)."""
        layers = list(reversed(self.document.layers))
        if layer in layers:
            self.layer_box.setCurrentIndex(layers.index(layer))
            if self.layer is not layer:
                self._show_layer(layer)

    _frame = None
    _filter = None

    def _show_layer(self, layer: Layer | None) -> None:
        self.model.set_layer(layer)
        self._frame = layer.attributes if layer is not None else None
        self._filter = layer.filter if layer is not None else None
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        field = self.field_box.currentText()
        self.field_box.clear()
        self.field_box.addItems([str(c) for c in self.model.columns])
        if field in self.model.columns:  # the same layer again (a new filter): keep the builder's field
            self.field_box.setCurrentText(field)
        self.expression.setText(layer.filter.expression if layer is not None and layer.filter is not None else "")
        self.error.hide()
        self.refresh_rows()

    # -- rows -----------------------------------------------------------------------------------
    def visible_rows(self) -> np.ndarray:
        """The positional rows the table lists: the layer filter, then the table-only filters."""
        layer = self.layer
        if layer is None:
            return np.zeros(0, dtype=np.int64)
        mask = layer.filter_mask().copy()
        if self.in_time.isChecked() or self.on_map.isChecked():
            mask &= layer.drawn_mask(self.document.time_filter)
        if self.on_map.isChecked() and self.canvas is not None:
            mask &= self._in_view(layer)
        rows = np.flatnonzero(mask)
        text = self.quick.text().strip()
        if text and len(rows):
            rows = rows[text_matches(layer.attributes, rows, text)]
        return rows

    def _in_view(self, layer: Layer) -> np.ndarray:
        from asean_atlas.layers.projection import display_to_bbox

        return layer.in_bbox(display_to_bbox(self.canvas.viewport.extent()))

    dropped_selection = 0

    def refresh_rows(self) -> None:
        """Recompute the listed rows (after a filter, the time or the view changed)."""
        selected = self.selected_rows()
        rows = self.visible_rows()
        self.model.set_rows(rows)
        self.dropped_selection = 0
        if len(selected):
            self.select_rows(selected[np.isin(selected, rows)])
        self._update_status()

    def _update_status(self) -> None:
        layer = self.layer
        if layer is None:
            self.status.setText(self.tr("No layer"))
            return
        text = self.tr("{n} of {total} features listed").format(
            n=f"{len(self.model.rows):,}", total=f"{layer.feature_count:,}")
        if layer.filter is not None:
            text += " · " + self.tr("layer filter: {expression} ({n} pass)").format(
                expression=layer.filter.expression, n=f"{int(layer.filter_mask().sum()):,}")
        if self.dropped_selection:
            text += " · " + self.tr("the selection of {n} scattered rows was cleared").format(
                n=f"{self.dropped_selection:,}")
        n = len(self.selected_rows())
        if n:
            if n > MAX_HIGHLIGHT:
                text += " · " + self.tr("{n} selected (the first {max} highlighted on the map)").format(
                    n=f"{n:,}", max=f"{MAX_HIGHLIGHT:,}")
            else:
                text += " · " + self.tr("{n} selected").format(n=f"{n:,}")
        self.status.setText(text)

    def _time_moved(self) -> None:
        if self.in_time.isChecked() or self.on_map.isChecked():
            self.refresh_rows()

    def _view_moved(self) -> None:
        if self.on_map.isChecked():
            self._quick_timer.start()  # debounced: the view moves many times a second

    # -- layer filter ---------------------------------------------------------------------------
    def add_condition(self) -> None:
        """Append the builder's condition to the expression (``and``) and apply it."""
        field = self.field_box.currentText()
        if not field:
            return
        try:
            col = self.layer.attributes[field] if self.layer is not None and field in self.layer.attributes.columns else None
            numeric = None if col is None else bool(pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col))
            cond = condition(field, self.op_box.currentData(), self.value_edit.text(), numeric=numeric)
        except FilterError as exc:
            self._show_error(words.error_text(exc))
            return
        current = self.expression.text().strip()
        self.expression.setText(f"({current}) and {cond}" if " or " in current.lower() else (f"{current} and {cond}" if current else cond))
        self.apply_expression()

    def apply_expression(self) -> bool:
        """Set the expression as the layer's filter; an error is shown and changes nothing."""
        layer = self.layer
        if layer is None:
            return False
        try:
            self._filter = "applying"  # layers_changed below: not a new layer, keep the table state
            layer.set_filter(self.expression.text())
        except FilterError as exc:
            self._filter = layer.filter
            self._show_error(words.error_text(exc))
            return False
        self.error.hide()
        self._filter = layer.filter
        self.refresh_rows()
        return True

    def clear_filter(self) -> None:
        self.expression.clear()
        self.apply_expression()

    def _show_error(self, text: str) -> None:
        self._show_message(self.tr("Filter not applied: {error}").format(error=text))

    def _show_message(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # -- selection ------------------------------------------------------------------------------
    def selected_rows(self) -> np.ndarray:
        """Positional feature rows selected in the table, in table order."""
        sm = self.view.selectionModel()
        if sm is None or not len(self.model.rows):
            return np.zeros(0, dtype=np.int64)
        # from the selection's ranges (selectedRows() makes an index per row: slow at 10^5 rows)
        spans = [np.arange(r.top(), r.bottom() + 1) for r in sm.selection()]
        if not spans:
            return np.zeros(0, dtype=np.int64)
        pos = np.unique(np.concatenate(spans))
        pos = pos[(pos >= 0) & (pos < len(self.model.rows))]
        return self.model.rows[pos]

    def select_rows(self, feature_rows) -> None:
        """Select the table rows of these positional feature rows (and scroll to the first)."""
        sm = self.view.selectionModel()
        self._syncing = True
        try:
            sel = QItemSelection()
            pos = np.flatnonzero(np.isin(self.model.rows, np.asarray(feature_rows, dtype=np.int64)))
            # contiguous runs as ranges: selecting 100,000 rows stays fast
            if pos.size:
                breaks = np.flatnonzero(np.diff(pos) > 1)
                if breaks.size >= MAX_RANGES:  # scattered over the table: not kept (said below)
                    self.dropped_selection = int(pos.size)
                    pos = pos[:0]
            if pos.size:
                starts = np.r_[pos[0], pos[breaks + 1]]
                ends = np.r_[pos[breaks], pos[-1]]
                last = self.model.columnCount() - 1
                for a, b in zip(starts, ends):
                    sel.select(self.model.index(int(a), 0), self.model.index(int(b), max(last, 0)))
            sm.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            if pos.size:
                self.view.scrollTo(self.model.index(int(pos[0]), 0))
        finally:
            self._syncing = False
        self._update_status()

    def select_feature(self, layer, row: int) -> None:
        """The map selected a feature: select its row when it is this table's layer."""
        if layer is None or layer is not self.layer:
            if layer is None and not self._syncing:
                self.select_rows([])
            return
        self.select_rows([row])

    def _selection_changed(self, *_args) -> None:
        self._update_status()
        if self._syncing:
            return
        rows = self.selected_rows()
        self.selection_changed.emit(self.layer, rows)

    def zoom_to_selection(self) -> None:
        """Zoom the map to the selected features (or the listed ones when none is selected)."""
        from asean_atlas.layers.geometry import seam_aware_bounds

        rows = self.selected_rows()
        if not len(rows):
            rows = self.model.rows
        if self.layer is None or not len(rows) or self.canvas is None:
            return
        bbox = seam_aware_bounds(self.layer.geometries(rows))
        if bbox is None:
            return
        w, s, e, n = bbox
        if (e - w) % 360 < 0.2 and n - s < 0.2:  # one point: a view around it
            cx, cy = w, s
            bbox = (cx - 1.0, cy - 1.0, cx + 1.0, cy + 1.0)
        self.canvas.zoom_to_bbox(bbox, pad=0.08)

    #: Most rows Copy puts on the clipboard.
    MAX_COPY = 100_000

    def copy_rows(self) -> str:
        """Copy the selected rows (or every listed row) as tab-separated text with a header:
        values exact (every digit), tabs, line breaks and other control characters as spaces; at
        most :attr:`MAX_COPY` rows (the status line says when more were selected)."""
        rows = self.selected_rows()
        if not len(rows):
            rows = self.model.rows
        if self.layer is None:
            return ""
        frame = self.layer.attributes
        cols = self.model.columns

        def clean(t: str) -> str:
            return _CONTROL.sub(" ", t)

        lines = ["\t".join(clean(str(c)) for c in cols)]
        for r in rows[: self.MAX_COPY]:
            lines.append("\t".join(clean(cell_text(frame[c].iat[int(r)])) for c in cols))
        text = "\n".join(lines)
        QGuiApplication.clipboard().setText(text)
        if len(rows) > self.MAX_COPY:
            self._show_message(self.tr("Copied the first {n} of {total} rows.").format(
                n=f"{self.MAX_COPY:,}", total=f"{len(rows):,}"))
        return text

    def export_dialog(self, selection: bool) -> None:
        if self.layer is None:
            return
        if selection and not len(self.selected_rows()):
            self._show_message(self.tr("Nothing selected: select rows first, or use Export filtered…"))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export features"), "", "GeoJSON (*.geojson);;GeoPackage (*.gpkg);;CSV (*.csv)")
        if path:
            try:
                self.export(path, selection=selection)
            except Exception as exc:  # noqa: BLE001 - shown to the user, the app keeps running
                self._show_message(self.tr("Export failed: {error}").format(error=exc))

    def export(self, path: str, selection: bool):
        """Write the selected (or all listed) features to GeoJSON, GeoPackage or CSV (WKT
        geometry), atomically (:func:`asean_atlas.layers.features_io.write_features`)."""
        from asean_atlas.layers.features_io import write_features

        rows = self.selected_rows() if selection else self.model.rows
        return write_features(self.layer, rows, path)
