"""The temporal controller dock: a thin Qt view of :class:`~asean_atlas.layers.time_controller.TimeController`.

Like QGIS's Temporal Controller and kepler.gl's playback: a timeline histogram of features per
step per layer (click to jump), a slider over the steps, mode (as of / window), step unit (year,
month, source dates), play / pause / loop / speed, keyboard steps, the current date, and the
per-layer temporal settings. Every widget writes user input to the model and redraws from its
signals; the dock keeps no time state of its own (napari's ``QtDims``).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QMouseEvent, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.map_text import date_label
from asean_atlas.layers.temporal import MODE_AS_OF, MODE_WINDOW, UNDATED_HIDE, UNDATED_SHOW, TemporalSpec
from asean_atlas.layers.time_controller import STEP_MONTH, STEP_SOURCE, STEP_YEAR, TimeController

from . import i18n, words

# ``(key, English text)`` of the combo boxes' items; the widgets show them translated (``self.tr``
# literals in the classes below, which ``pyside6-lupdate`` extracts) and keep the keys as item data.
MODE_ITEMS = ((MODE_AS_OF, "As of (cumulative)"), (MODE_WINDOW, "Window [T0, T1)"))
STEP_ITEMS = ((STEP_YEAR, "Year"), (STEP_MONTH, "Month"), (STEP_SOURCE, "Source dates"))
KIND_ITEMS = (("none", "No time"), ("single", "Single date field"), ("range", "Start and end fields"))


class QtTimelineHistogram(QWidget):
    """Features starting per step per layer, stacked bars in the layers' colours; click jumps.

    Parameters
    ----------
    document : MapDocument
        Its :attr:`~MapDocument.time` controller and layers are read; a click calls
        ``document.time.set_index``.
    """

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setMinimumHeight(48)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("Features starting in each step, per layer. Click to jump there."))
        self._counts: list[tuple[QColor, np.ndarray]] = []
        self.refresh()

    def refresh(self) -> None:
        """Recount from the model (on layer or step changes, not on every slider move)."""
        layers = [lyr for lyr in self.document.visible_layers() if lyr.temporal is not None]
        _, counts = self.document.time.histogram(layers)
        self._counts = [(QColor(lyr.style.color), counts[lyr.id]) for lyr in layers if lyr.id in counts]
        self.update()

    def counts(self) -> np.ndarray:
        """Total features per step over the layers shown (for tests and tooltips)."""
        if not self._counts:
            return np.zeros(self.document.time.step_count, dtype=int)
        return np.sum([c for _, c in self._counts], axis=0)

    def step_at(self, x: float) -> int:
        """Index of the step under pixel column ``x``."""
        n = max(self.document.time.step_count, 1)
        return int(np.clip(x / max(self.width(), 1) * n, 0, n - 1))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("#f7f7f5"))
            n = self.document.time.step_count
            if not n or not self._counts:
                return
            w, h = self.width(), self.height() - 2
            total = self.counts()
            peak = max(int(total.max()), 1)
            bw = w / n
            base = np.zeros(n)
            painter.setPen(Qt.PenStyle.NoPen)
            for color, c in self._counts:
                painter.setBrush(color)
                for i in np.flatnonzero(c):
                    top = base[i] + c[i]
                    painter.drawRect(QRectF(i * bw + 0.5, h - top / peak * h, max(bw - 1, 1), c[i] / peak * h))
                base = base + c
            ctl = self.document.time
            if ctl.enabled and ctl.index >= 0:
                painter.setPen(QPen(QColor("#d62728"), 2))
                x = (ctl.index + 0.5) * bw
                painter.drawLine(round(x), 0, round(x), h)
        finally:
            painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.document.time.step_count:
            self.document.time.set_index(self.step_at(event.position().x()))


class QtLayerTimeSettings(QWidget):
    """Per-layer temporal settings: none / single date field / start+end, undated policy and count."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.layer_box = QComboBox()
        self.kind_box = QComboBox()
        kinds = {"none": self.tr("No time"), "single": self.tr("Single date field"),
                 "range": self.tr("Start and end fields")}
        for key, _text in KIND_ITEMS:
            self.kind_box.addItem(kinds[key], key)
        self.start_box, self.end_box = QComboBox(), QComboBox()
        self.undated_box = QComboBox()
        self.undated_box.addItem(self.tr("Undated: show"), UNDATED_SHOW)
        self.undated_box.addItem(self.tr("Undated: hide"), UNDATED_HIDE)
        self.undated_label = QLabel()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("Layer")))
        lay.addWidget(self.layer_box, 1)
        for w in (self.kind_box, QLabel(self.tr("start")), self.start_box, QLabel(self.tr("end")), self.end_box,
                  self.undated_box,
                  self.undated_label):
            lay.addWidget(w)
        self._updating = False
        self.layer_box.currentIndexChanged.connect(self._show_layer)
        for box in (self.kind_box, self.start_box, self.end_box, self.undated_box):
            box.currentIndexChanged.connect(self._apply)
        document.layers_changed.connect(self.refresh)
        self.refresh()

    def layer(self) -> Layer | None:
        """The layer being edited."""
        return self.layer_box.currentData()

    def refresh(self) -> None:
        """Re-list the layers (top first) and show the selected one's settings."""
        current = self.layer()
        self._updating = True
        self.layer_box.clear()
        for lyr in reversed(self.document.layers):
            self.layer_box.addItem(words.layer_name(lyr, self.document), lyr)
        idx = next((i for i in range(self.layer_box.count()) if self.layer_box.itemData(i) is current), 0)
        self.layer_box.setCurrentIndex(idx)
        self._updating = False
        self._show_layer()

    def _show_layer(self) -> None:
        lyr = self.layer()
        self._updating = True
        try:
            self.start_box.clear()
            self.end_box.clear()
            if lyr is None:
                return
            fields = [str(c) for c in lyr.attributes.columns if c != lyr.geometry_name]
            self.start_box.addItems(fields)
            self.end_box.addItems(fields)
            spec = lyr.temporal
            kind = "none" if spec is None else ("single" if spec.end_field is None else "range")
            self.kind_box.setCurrentIndex([k for k, _ in KIND_ITEMS].index(kind))
            if spec is not None:
                self.start_box.setCurrentText(spec.start_field)
                if spec.end_field:
                    self.end_box.setCurrentText(spec.end_field)
                self.undated_box.setCurrentIndex(0 if spec.undated == UNDATED_SHOW else 1)
            self.start_box.setEnabled(kind != "none")
            self.end_box.setEnabled(kind == "range")
            self.undated_box.setEnabled(kind != "none")
            n = lyr.undated_count()
            self.undated_label.setText(self.tr("{n} undated").format(n=n) if spec is not None else "")
        finally:
            self._updating = False

    def _apply(self) -> None:
        if self._updating:
            return
        lyr = self.layer()
        if lyr is None:
            return
        kind = self.kind_box.currentData()
        if kind == "none":
            spec = None
        else:
            spec = TemporalSpec(
                start_field=self.start_box.currentText(),
                end_field=self.end_box.currentText() if kind == "range" else None,
                undated=self.undated_box.currentData(),
            )
            if spec.end_field == spec.start_field:
                spec.end_field = None
        lyr.set_temporal(spec)  # layers_changed -> refresh


class QtTimeController(QWidget):
    """The Time dock (see module docstring).

    Attributes kept for the year-slider API: :attr:`enabled_box` (time filter on/off),
    :attr:`slider` (with yearly steps its values are the years themselves), :attr:`year_label`.
    """

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model: TimeController = document.time
        self.histogram = QtTimelineHistogram(document)
        self.enabled_box = QCheckBox(self.tr("Time filter"))
        self.mode_box = QComboBox()
        modes = {MODE_AS_OF: self.tr("As of (cumulative)"), MODE_WINDOW: self.tr("Window [T0, T1)")}
        for key, _text in MODE_ITEMS:
            self.mode_box.addItem(modes[key], key)
        self.step_box = QComboBox()
        steps = {STEP_YEAR: self.tr("Year"), STEP_MONTH: self.tr("Month"), STEP_SOURCE: self.tr("Source dates")}
        for key, _text in STEP_ITEMS:
            self.step_box.addItem(steps[key], key)
        self.from_box, self.to_box = QSpinBox(), QSpinBox()
        for box, tip in ((self.from_box, self.tr("First year of the steps")),
                         (self.to_box, self.tr("Last year of the steps"))):
            box.setRange(1, 9999)
            box.setToolTip(tip)
            box.setKeyboardTracking(False)
        self.end_box = QCheckBox(self.tr("End date inclusive"))
        self.end_box.setToolTip(self.tr("Off: a feature ending in 2020 is gone as of 2020. On: still shown in 2020."))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.first_button = QToolButton(text="|◀", toolTip=self.tr("First step (Home)"))
        self.prev_button = QToolButton(text="◀", toolTip=self.tr("Previous step (Left)"))
        self.play_button = QPushButton(self.tr("▶ Play"))
        self.play_button.setCheckable(True)
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.next_button = QToolButton(text="▶", toolTip=self.tr("Next step (Right)"))
        self.last_button = QToolButton(text="▶|", toolTip=self.tr("Last step (End)"))
        self.loop_box = QCheckBox(self.tr("Loop"))
        self.speed_box = QDoubleSpinBox()
        self.speed_box.setRange(0.1, 30)
        self.speed_box.setSingleStep(0.5)
        self.speed_box.setSuffix(self.tr(" steps/s"))
        self.year_label = QLabel(self.tr("all dates"))
        self.year_label.setMinimumWidth(110)
        font = self.year_label.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.year_label.setFont(font)
        self.min_label, self.max_label = QLabel(), QLabel()
        self.layer_settings = QtLayerTimeSettings(document)
        self.timer = QTimer(self)

        top = QHBoxLayout()
        for w in (self.enabled_box, self.mode_box, self.step_box, QLabel(self.tr("from")), self.from_box,
                  QLabel(self.tr("to")), self.to_box, self.end_box):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.first_button, self.prev_button, self.play_button, self.next_button, self.last_button,
                  self.loop_box, self.speed_box):
            top.addWidget(w)
        mid = QHBoxLayout()
        mid.addWidget(self.min_label)
        col = QVBoxLayout()
        col.setSpacing(0)
        col.addWidget(self.histogram)
        col.addWidget(self.slider)
        mid.addLayout(col, 1)
        mid.addWidget(self.max_label)
        mid.addWidget(self.year_label)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        lay.addLayout(top)
        lay.addLayout(mid)
        lay.addWidget(self.layer_settings)

        self.enabled_box.toggled.connect(self.model.set_enabled)
        self.mode_box.currentIndexChanged.connect(lambda _i: self.model.set_mode(self.mode_box.currentData()))
        self.step_box.currentIndexChanged.connect(lambda _i: self.model.set_step(self.step_box.currentData()))
        self.end_box.toggled.connect(self.model.set_end_inclusive)
        self.from_box.valueChanged.connect(self._range_edited)
        self.to_box.valueChanged.connect(self._range_edited)
        self.slider.valueChanged.connect(self._slider_moved)
        self.first_button.clicked.connect(self.model.go_first)
        self.prev_button.clicked.connect(lambda: self.model.step(-1))
        self.next_button.clicked.connect(lambda: self.model.step(+1))
        self.last_button.clicked.connect(self.model.go_last)
        self.play_button.toggled.connect(lambda on: self.model.play() if on else self.model.pause())
        self.loop_box.toggled.connect(self.model.set_loop)
        self.speed_box.valueChanged.connect(self.model.set_speed)
        self.timer.timeout.connect(self.model.advance)
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            (Qt.Key.Key_Left, lambda: self.model.step(-1)),
            (Qt.Key.Key_Right, lambda: self.model.step(+1)),
            (Qt.Key.Key_Home, self.model.go_first),
            (Qt.Key.Key_End, self.model.go_last),
            (Qt.Key.Key_Space, self.model.toggle_play),
        ):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(ctx)
            sc.activated.connect(slot)

        self.model.changed.connect(self._sync_settings)
        self.model.current_changed.connect(self._sync_position)
        self.model.playing_changed.connect(self._sync_playing)
        document.layers_changed.connect(self.histogram.refresh)
        self._sync_settings()

    # -- slider values: years for yearly steps (as the old year slider), else step indices -----
    def _yearly(self) -> bool:
        return self.model.step_unit == STEP_YEAR and self.model.step_count > 0

    def _first_year(self) -> int:
        return int(self.model.steps()[0].astype("datetime64[Y]").astype(int) + 1970)

    def _value_of(self, index: int) -> int:
        return self._first_year() + index * self.model.step_size if self._yearly() else index

    def _index_of(self, value: int) -> int:
        return (value - self._first_year()) // self.model.step_size if self._yearly() else value

    def refresh_range(self) -> None:
        """Compatibility name: re-read everything from the model."""
        self._sync_settings()

    # -- model -> widgets -------------------------------------------------------------------------
    def _sync_settings(self) -> None:
        m = self.model
        n = m.step_count
        self.setEnabled(n > 0 or m.enabled)
        for w, value in ((self.mode_box, m.mode), (self.step_box, m.step_unit)):
            w.blockSignals(True)
            w.setCurrentIndex(w.findData(value))
            w.blockSignals(False)
        for w, on in ((self.end_box, m.end_inclusive), (self.loop_box, m.loop), (self.enabled_box, m.enabled)):
            w.blockSignals(True)
            w.setChecked(on)
            w.blockSignals(False)
        self.speed_box.blockSignals(True)
        self.speed_box.setValue(m.speed)
        self.speed_box.blockSignals(False)
        rng = m.range
        if rng is not None:
            for box, t in ((self.from_box, rng[0]), (self.to_box, rng[1])):
                box.blockSignals(True)
                box.setValue(int(t.astype("datetime64[Y]").astype(int) + 1970))
                box.blockSignals(False)
        self.timer.setInterval(m.interval_ms)
        self.slider.blockSignals(True)
        if n:
            self.slider.setRange(self._value_of(0), self._value_of(n - 1))
            self.slider.setSingleStep(m.step_size if self._yearly() else 1)
            self.slider.setPageStep(5 * (m.step_size if self._yearly() else 1))
            self.slider.setTickInterval(5 * (m.step_size if self._yearly() else 1))
            steps = m.steps()
            self.min_label.setText(m.label(steps[0]) if m.mode == MODE_AS_OF else str(steps[0])[:10])
            self.max_label.setText(m.label(steps[-1]) if m.mode == MODE_AS_OF else str(steps[-1])[:10])
        self.slider.blockSignals(False)
        self.histogram.refresh()
        self._sync_position(m.time_filter)

    def _sync_position(self, time_filter) -> None:
        m = self.model
        self.enabled_box.blockSignals(True)
        self.enabled_box.setChecked(m.enabled)
        self.enabled_box.blockSignals(False)
        self.slider.setEnabled(m.enabled)
        if m.step_count and m.index >= 0:
            self.slider.blockSignals(True)
            self.slider.setValue(self._value_of(m.index))
            self.slider.blockSignals(False)
        self.year_label.setText(
            self.tr("all dates") if time_filter is None
            else (self.tr("as of {date}").format(date=date_label(time_filter.label, i18n.current())) if time_filter.mode == MODE_AS_OF
                  else time_filter.label)
        )
        self.histogram.update()

    def _sync_playing(self, playing: bool) -> None:
        self.play_button.blockSignals(True)
        self.play_button.setChecked(playing)
        self.play_button.blockSignals(False)
        # U+23F8 is missing from common fonts (DejaVu): an empty box; two bars are in every font
        self.play_button.setText(self.tr("❚❚ Pause") if playing else self.tr("▶ Play"))
        if playing:
            self.timer.start(self.model.interval_ms)
        else:
            self.timer.stop()

    # -- widgets -> model -------------------------------------------------------------------------
    def _range_edited(self, _value: int) -> None:
        lo, hi = self.from_box.value(), self.to_box.value()
        if lo <= hi:
            self.model.set_range(lo, np.datetime64(f"{hi:04d}-12-31", "s"))

    def _slider_moved(self, value: int) -> None:
        self.model.set_index(self._index_of(value))
