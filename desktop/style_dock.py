"""The styling dock (F7, issue 11 item 4), as QGIS's Layer Styling panel: every change is applied
to the layer at once, so the map is the live preview.

Renderers: single symbol, categorized (a colour per value of a field, from a named palette, each
colour editable), graduated (a numeric field in classes by quantiles, equal interval or natural
breaks — mapclassify — along a colour ramp). For every renderer: stroke width, dash, marker size
and shape, proportional marker size by a numeric field, fill opacity and layer opacity. *Reset*
returns the layer to the style it had when the dock first saw it (a built-in layer: the Atlas's).
The class building is :mod:`asean_atlas.layers.classify` (no Qt).
"""

from __future__ import annotations

import dataclasses

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asean_atlas.layers.classify import METHODS, QUALITATIVE, SEQUENTIAL, StyleError, categorized_style, graduated_style, single_style
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.style import Style

from . import words

#: The renderers, as the code names them (the combo box's item data; its texts are translated).
RENDERERS = ("Single symbol", "Categorized", "Graduated")
MARKER_SHAPES = ("circle", "square", "triangle", "diamond", "star")
#: The "no field" item of the size-by and label combo boxes (shown translated; its data is None).
NO_FIELD = "(none)"


def _swatch(color: str, size: int = 14) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(QColor(color))
    return QIcon(pm)


def _spin(lo: float, hi: float, step: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setSingleStep(step)
    return box


def _numeric_columns(frame: pd.DataFrame) -> list[str]:
    geom = getattr(frame, "_geometry_column_name", None)
    out = []
    for c in frame.columns:
        if c == geom:
            continue
        s = frame[c]
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            out.append(str(c))
        elif (s.dtype == object or pd.api.types.is_string_dtype(s)) and len(s) \
                and pd.to_numeric(s.dropna().head(200), errors="coerce").notna().mean() > 0.9:
            out.append(str(c))
    return out


class StyleDock(QWidget):
    """The Layer Styling dock's widget.

    Signals
    -------
    style_applied(object)
        After a change was applied to a layer (the Layer).
    """

    style_applied = Signal(object)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._original: dict[str, Style] = {}
        self._updating = False
        self.layer_box = QComboBox()
        self.layer_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.layer_box.setMinimumContentsLength(14)
        self.layer_box.currentIndexChanged.connect(self._layer_chosen)
        # combo boxes of interface words: the texts are translated, the item data is what the code uses
        self.renderer = QComboBox()
        renderer_labels = {"Single symbol": self.tr("Single symbol"), "Categorized": self.tr("Categorized"),
                           "Graduated": self.tr("Graduated")}
        for kind in RENDERERS:
            self.renderer.addItem(renderer_labels[kind], kind)
        self.renderer.currentIndexChanged.connect(self._renderer_changed)
        # single symbol / base colour
        self.colour_button = QPushButton(self.tr("Colour…"))
        self.colour_button.clicked.connect(self._pick_colour)
        # categorized and graduated
        self.field_box = QComboBox()
        self.palette_box = QComboBox()
        self.method_box = QComboBox()
        method_labels = {"quantiles": self.tr("quantiles"), "equal interval": self.tr("equal interval"),
                         "natural breaks": self.tr("natural breaks")}
        for method in METHODS:
            self.method_box.addItem(method_labels.get(method, method), method)
        self.classes = QSpinBox()
        self.classes.setRange(2, 9)
        self.classes.setValue(5)
        classify = QPushButton(self.tr("Classify"))
        classify.clicked.connect(self.classify)
        self.class_table = QTableWidget(0, 2)
        self.class_table.setHorizontalHeaderLabels([self.tr("Colour"), self.tr("Class")])
        self.class_table.verticalHeader().setVisible(False)
        self.class_table.horizontalHeader().setStretchLastSection(True)
        self.class_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.class_table.cellDoubleClicked.connect(self._edit_class_colour)
        self.class_table.setToolTip(self.tr("Double-click a class to change its colour"))
        # symbol
        self.width_spin = _spin(0.25, 12.0, 0.25)
        self.dashed = QCheckBox(self.tr("Dashed lines"))
        self.size_spin = _spin(2.0, 40.0, 1.0)
        self.shape_box = QComboBox()
        shape_labels = {"circle": self.tr("circle"), "square": self.tr("square"), "triangle": self.tr("triangle"),
                        "diamond": self.tr("diamond"), "star": self.tr("star")}
        for shape in MARKER_SHAPES:
            self.shape_box.addItem(shape_labels[shape], shape)
        self.size_field = QComboBox()
        self.size_max = _spin(6.0, 60.0, 1.0)
        self.fill_opacity = QSlider(Qt.Orientation.Horizontal)
        self.fill_opacity.setRange(0, 100)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(5, 100)
        # labels (issue 11 item 1)
        self.label_field = QComboBox()
        self.label_field2 = QComboBox()
        self.label_size = _spin(5.0, 36.0, 0.5)
        self.label_halo = QCheckBox(self.tr("White halo"))
        self.label_priority = QSpinBox()
        self.label_priority.setRange(0, 10)
        self.label_priority.setToolTip(self.tr("Higher first: kept longest as the map zooms out"))
        for w in (self.label_field, self.label_field2):
            w.currentIndexChanged.connect(self.apply)
        self.label_size.valueChanged.connect(self.apply)
        self.label_priority.valueChanged.connect(self.apply)
        self.label_halo.toggled.connect(self.apply)
        reset = QPushButton(self.tr("Reset style"))
        reset.clicked.connect(self.reset)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.error.hide()
        for w in (self.width_spin, self.size_spin, self.size_max):
            w.valueChanged.connect(self.apply)
        for w in (self.shape_box, self.size_field):
            w.currentIndexChanged.connect(self.apply)
        self.dashed.toggled.connect(self.apply)
        self.fill_opacity.valueChanged.connect(self.apply)
        self.opacity.valueChanged.connect(self.apply)
        # layout
        form = QFormLayout()
        form.addRow(self.tr("Layer"), self.layer_box)
        form.addRow(self.tr("Renderer"), self.renderer)
        form.addRow(self.tr("Colour"), self.colour_button)
        self.field_label = QLabel(self.tr("Field"))
        form.addRow(self.field_label, self.field_box)
        self.palette_label = QLabel(self.tr("Palette"))
        form.addRow(self.palette_label, self.palette_box)
        self.method_label = QLabel(self.tr("Classes"))
        method_row = QHBoxLayout()
        method_row.addWidget(self.method_box, 1)
        method_row.addWidget(self.classes)
        method_row.addWidget(classify)
        self.method_holder = QWidget()
        self.method_holder.setLayout(method_row)
        method_row.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.method_label, self.method_holder)
        form.addRow(self.tr("Line width (px)"), self.width_spin)
        form.addRow("", self.dashed)
        form.addRow(self.tr("Marker size (px)"), self.size_spin)
        form.addRow(self.tr("Marker shape"), self.shape_box)
        size_row = QHBoxLayout()
        size_row.addWidget(self.size_field, 1)
        size_row.addWidget(QLabel(self.tr("max px")))
        size_row.addWidget(self.size_max)
        size_row.setContentsMargins(0, 0, 0, 0)
        size_holder = QWidget()
        size_holder.setLayout(size_row)
        form.addRow(self.tr("Size by"), size_holder)
        form.addRow(self.tr("Fill opacity"), self.fill_opacity)
        form.addRow(self.tr("Layer opacity"), self.opacity)
        form.addRow(QLabel("<b>{}</b>".format(self.tr("Labels"))))
        form.addRow(self.tr("Label"), self.label_field)
        form.addRow(self.tr("then (in brackets)"), self.label_field2)
        label_row = QHBoxLayout()
        label_row.addWidget(self.label_size)
        label_row.addWidget(self.label_halo)
        label_row.addWidget(QLabel(self.tr("priority")))
        label_row.addWidget(self.label_priority)
        label_row.setContentsMargins(0, 0, 0, 0)
        label_holder = QWidget()
        label_holder.setLayout(label_row)
        form.addRow(self.tr("Size (pt)"), label_holder)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.class_table, 1)
        lay.addWidget(reset)
        document.layers_changed.connect(self._layers_changed)
        self._layers_changed()

    # -- layer ----------------------------------------------------------------------------------
    @property
    def layer(self) -> Layer | None:
        layers = list(reversed(self.document.layers))
        i = self.layer_box.currentIndex()
        return layers[i] if 0 <= i < len(layers) else None

    def _layers_changed(self) -> None:
        current = self.layer
        layers = list(reversed(self.document.layers))
        for lyr in layers:
            self._original.setdefault(lyr.id, lyr.style)
        self._updating = True
        self.layer_box.clear()
        for lyr in layers:
            self.layer_box.addItem(_swatch(lyr.style.color), words.layer_name(lyr, self.document))
        if current in layers:
            self.layer_box.setCurrentIndex(layers.index(current))
        self._updating = False
        self._load(self.layer)

    def _layer_chosen(self, _index: int) -> None:
        if not self._updating:
            self._load(self.layer)

    def show_layer(self, layer: Layer) -> None:
        """Style ``layer`` (the dock opened on it)."""
        layers = list(reversed(self.document.layers))
        if layer in layers:
            self.layer_box.setCurrentIndex(layers.index(layer))
            self._load(layer)

    def _load(self, layer: Layer | None) -> None:
        """Fill the controls from ``layer``'s style, without applying anything."""
        self._updating = True
        try:
            self.setEnabled(layer is not None)
            if layer is None:
                return
            st = layer.style
            kind = "Graduated" if st.graduated_edges else ("Categorized" if st.categorized_field else "Single symbol")
            self.renderer.setCurrentIndex(self.renderer.findData(kind))
            self._fill_fields(layer, kind)
            if st.categorized_field:
                self.field_box.setCurrentText(st.categorized_field)
            self.width_spin.setValue(st.stroke_width)
            self.dashed.setChecked(st.dashed)
            self.size_spin.setValue(st.marker_size)
            self.shape_box.setCurrentIndex(self.shape_box.findData(st.marker_shape if st.marker_shape in MARKER_SHAPES else "circle"))
            self._fill_field_box(self.size_field, _numeric_columns(layer.attributes), st.size_field)
            self.size_max.setValue(st.size_range[1])
            geom = layer.geometry_name
            text_fields = [str(c) for c in layer.attributes.columns if c != geom]
            for box, value in ((self.label_field, st.label_field), (self.label_field2, st.label_field2)):
                self._fill_field_box(box, text_fields, value)
            self.label_size.setValue(st.label_size)
            self.label_halo.setChecked(st.label_halo)
            self.label_priority.setValue(int(st.label_priority))
            self.fill_opacity.setValue(round(st.fill_opacity * 100))
            self.opacity.setValue(round(st.opacity * 100))
            self.colour_button.setIcon(_swatch(st.color))
            self._show_classes(st)
            self._show_renderer_rows(kind)
            self.error.hide()
        finally:
            self._updating = False

    def _fill_field_box(self, box: QComboBox, fields: list[str], value: str | None) -> None:
        """``box``: "(none)" (data None), then ``fields`` (data: the field name); ``value`` chosen."""
        box.clear()
        box.addItem(self.tr("(none)"), None)
        for f in fields:
            box.addItem(f, f)
        i = box.findData(value) if value else 0
        box.setCurrentIndex(i if i >= 0 else 0)

    def _fill_fields(self, layer: Layer, kind: str) -> None:
        palette = self.palette_box.currentText()
        self.field_box.clear()
        self.palette_box.clear()
        if kind == "Graduated":
            self.field_box.addItems(_numeric_columns(layer.attributes))
            self.palette_box.addItems(list(SEQUENTIAL))
        else:
            geom = layer.geometry_name
            self.field_box.addItems([str(c) for c in layer.attributes.columns if c != geom])
            self.palette_box.addItems(list(QUALITATIVE))
        if palette and self.palette_box.findText(palette) >= 0:  # the user's palette stays chosen
            self.palette_box.setCurrentText(palette)

    def _show_renderer_rows(self, kind: str) -> None:
        classed = kind != "Single symbol"
        for w in (self.field_label, self.field_box, self.palette_label, self.palette_box, self.class_table):
            w.setVisible(classed)
        self.method_label.setVisible(kind == "Graduated")
        self.method_holder.setVisible(classed)
        self.method_box.setVisible(kind == "Graduated")
        self.classes.setVisible(kind == "Graduated")

    def _show_classes(self, st: Style) -> None:
        self.class_table.setRowCount(0)
        if not st.categorized_field:
            return
        items = list(st.categories.items())
        self.class_table.setRowCount(len(items))
        for i, (label, colour) in enumerate(items):
            sw = QTableWidgetItem()
            sw.setIcon(_swatch(colour))
            sw.setText(colour)
            self.class_table.setItem(i, 0, sw)
            self.class_table.setItem(i, 1, QTableWidgetItem(label))

    # -- changes --------------------------------------------------------------------------------
    def _renderer_changed(self, _i: int) -> None:
        if self._updating or self.layer is None:
            return
        kind = self.renderer.currentData()
        self._updating = True
        self._fill_fields(self.layer, kind)
        self._updating = False
        self._show_renderer_rows(kind)
        if kind == "Single symbol":
            self._set(single_style(self.layer.style))
        else:
            self.classify()

    def classify(self) -> bool:
        """Build the categorized or graduated classes from the field, palette/ramp, method and
        class count chosen, and apply them. An error (no numeric value…) is shown, nothing changes."""
        layer = self.layer
        if layer is None:
            return False
        kind = self.renderer.currentData()
        field = self.field_box.currentText()
        try:
            if not field:
                raise StyleError(self.tr("this layer has no attribute to classify by") if kind == "Categorized"
                                 else self.tr("this layer has no numeric attribute"))
            if kind == "Graduated":
                st = graduated_style(layer.style, layer.attributes, field, self.method_box.currentData(),
                                     self.classes.value(), self.palette_box.currentText())
            else:
                st = categorized_style(layer.style, layer.attributes, field, self.palette_box.currentText())
        except StyleError as exc:
            self.error.setText(self.tr("Not classified: {error}").format(error=words.error_text(exc)))
            self.error.show()
            return False
        st = dataclasses.replace(st, dashed_values=tuple(v for v in layer.style.dashed_values if v in st.categories))
        self.error.hide()
        self._set(st)
        self._show_classes(st)
        return True

    def apply(self, *_args) -> None:
        """Apply the symbol controls (width, dash, size, shape, size field, opacities)."""
        layer = self.layer
        if self._updating or layer is None:
            return
        size_field = self.size_field.currentData()
        lo = min(layer.style.size_range[0], self.size_max.value())
        st = dataclasses.replace(
            layer.style,
            stroke_width=float(self.width_spin.value()),
            dashed=self.dashed.isChecked(),
            marker_size=float(self.size_spin.value()),
            marker_shape=self.shape_box.currentData(),
            size_field=size_field or None,
            size_range=(lo, float(self.size_max.value())),
            fill_opacity=self.fill_opacity.value() / 100.0,
            opacity=self.opacity.value() / 100.0,
            label_field=self.label_field.currentData() or None,
            label_field2=self.label_field2.currentData() or None,
            label_size=float(self.label_size.value()),
            label_halo=self.label_halo.isChecked(),
            label_priority=int(self.label_priority.value()),
        )
        self._set(st)

    def set_colour(self, colour: str) -> None:
        """The base colour (single symbol; values outside the classes)."""
        if self.layer is None or not QColor(colour).isValid():
            return
        st = self.layer.style
        new = QColor(colour).name()
        # a fill that was the line colour follows it (user layers are read with fill = colour)
        fill = new if (st.fill_color is None or st.fill_color.lower() == st.color.lower()) else st.fill_color
        self._set(dataclasses.replace(st, color=new, fill_color=fill if st.fill_color is not None else None))
        self.colour_button.setIcon(_swatch(QColor(colour).name()))

    def set_class_colour(self, row: int, colour: str) -> None:
        """Change the colour of class ``row`` of the class table."""
        layer = self.layer
        if layer is None or not QColor(colour).isValid():
            return
        items = list(layer.style.categories.items())
        if not 0 <= row < len(items):
            return
        cats = dict(items)
        cats[items[row][0]] = QColor(colour).name()
        st = dataclasses.replace(layer.style, categories=cats)
        self._set(st)
        self._show_classes(st)

    def _pick_colour(self) -> None:
        if self.layer is None:
            return
        c = QColorDialog.getColor(QColor(self.layer.style.color), self, self.tr("Layer colour"))
        if c.isValid():
            self.set_colour(c.name())

    def _edit_class_colour(self, row: int, _col: int) -> None:
        layer = self.layer
        if layer is None:
            return
        items = list(layer.style.categories.items())
        if 0 <= row < len(items):
            c = QColorDialog.getColor(QColor(items[row][1]), self, self.tr("Colour of {value}").format(value=items[row][0]))
            if c.isValid():
                self.set_class_colour(row, c.name())

    def reset(self) -> None:
        """Back to the style the layer had when the dock first saw it (built-in: the Atlas's)."""
        layer = self.layer
        if layer is not None and layer.id in self._original:
            self._set(self._original[layer.id])
            self._load(layer)

    def _set(self, st: Style) -> None:
        layer = self.layer
        if layer is None:
            return
        layer.set_style(st)
        self.style_applied.emit(layer)
