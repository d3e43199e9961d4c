"""The measure tool (issue 11 item 5), as QGIS's "Measure Line": click points on the map, read the
geodesic length of each segment and the total (km, WGS84 via pyproj, :mod:`asean_atlas.layers.
measure`). Right-click or Enter ends a measurement (the next click starts a new one); Backspace
removes the last point; Esc clears. The line is drawn along the geodesics, across ±180° too.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asean_atlas.layers.measure import NMI_KM, Measurement, format_km

from . import words
from asean_atlas.layers.projection import lonlat_to_display
from asean_atlas.layers.viewport import WORLD_HALF, Viewport

LINE_COLOUR = QColor("#d6336c")


class MeasureTool(QObject):
    """State of the measure tool: the points clicked, the rubber-band point, finished or not.

    Signals
    -------
    changed()
        Points or the rubber band moved (repaint, refresh the panel).
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.measurement = Measurement()
        self.moving: tuple[float, float] | None = None
        self.finished = False

    def click(self, lon: float, lat: float) -> None:
        """A left click at ``(lon, lat)`` degrees: add a point (a new measurement after a finished one)."""
        if self.finished:
            self.measurement.clear()
            self.finished = False
        self.measurement.add(lon, lat)
        self.changed.emit()

    def move(self, lon: float, lat: float) -> None:
        """The cursor moved: the rubber band follows it until the measurement is finished."""
        if not self.finished and self.measurement.points:
            self.moving = (lon, lat)
            self.changed.emit()

    def finish(self) -> None:
        """Right click or Enter: end this measurement (it stays on the map)."""
        self.finished = True
        self.moving = None
        self.changed.emit()

    def undo(self) -> None:
        """Backspace: remove the last point."""
        self.measurement.undo()
        self.changed.emit()

    def clear(self) -> None:
        """Esc or New: start again."""
        self.measurement.clear()
        self.moving = None
        self.finished = False
        self.changed.emit()

    def segments_km(self) -> list[float]:
        return self.measurement.segments_km(None if self.finished else self.moving)

    def total_km(self) -> float:
        return float(sum(self.segments_km()))

    def paint(self, painter: QPainter, viewport: Viewport) -> None:
        """Draw the path (geodesic) and its vertices in the canvas's pixel space."""
        path_ll = self.measurement.path(None if self.finished else self.moving)
        if len(path_ll) == 0:
            return
        wrapped = ((path_ll[:, 0] + 180.0) % 360.0) - 180.0
        x, y = lonlat_to_display(wrapped, path_ll[:, 1])
        # the unwrapped longitude's world copy, so the line continues across ±180°
        x = np.asarray(x) + np.round((path_ll[:, 0] - wrapped) / 360.0) * 2 * WORLD_HALF
        # draw on the world copy nearest the view centre
        shift = round((viewport.cx - x[0]) / (2 * WORLD_HALF)) * 2 * WORLD_HALF
        px, py = viewport.to_pixels(x + shift, np.asarray(y))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        line = QPainterPath(QPointF(float(px[0]), float(py[0])))
        for a, b in zip(px[1:], py[1:]):
            line.lineTo(float(a), float(b))
        painter.setPen(QPen(QColor("white"), 5))
        painter.drawPath(line)
        painter.setPen(QPen(LINE_COLOUR, 2.5))
        painter.drawPath(line)
        vx, vy = lonlat_to_display(np.array([p[0] for p in self.measurement.points]),
                                   np.array([p[1] for p in self.measurement.points]))
        vpx, vpy = viewport.to_pixels(np.asarray(vx) + shift, np.asarray(vy))
        painter.setBrush(LINE_COLOUR)
        painter.setPen(QPen(QColor("white"), 1.5))
        for a, b in zip(np.atleast_1d(vpx), np.atleast_1d(vpy)):
            painter.drawEllipse(QPointF(float(a), float(b)), 4, 4)
        painter.restore()


class MeasurePanel(QWidget):
    """The measure tool's results: one row per segment (km) and the total."""

    def __init__(self, tool: MeasureTool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tool = tool
        self.help = QLabel(self.tr("Click points on the map. Right-click or Enter ends a line; Backspace "
                                   "removes the last point; Esc clears. Geodesic distances on the WGS84 ellipsoid."))
        self.help.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Segment"), self.tr("Length")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.total = QLabel()
        self.total.setTextFormat(Qt.TextFormat.PlainText)
        new = QPushButton(self.tr("New"))
        new.clicked.connect(tool.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.total, 1)
        buttons.addWidget(new)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.help)
        lay.addWidget(self.table)
        lay.addLayout(buttons)
        tool.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        segs = self.tool.segments_km()
        self.table.setRowCount(len(segs))
        for i, km in enumerate(segs):
            self.table.setItem(i, 0, QTableWidgetItem(f"{i + 1}"))
            self.table.setItem(i, 1, QTableWidgetItem(format_km(km, words.tr)))
        total = self.tool.total_km()
        if segs and np.isfinite(total):  # as format_km_nmi, with the units' words translated
            self.total.setText(self.tr("Total: {km} ({nmi} nmi)").format(km=format_km(total, words.tr),
                                                                        nmi=f"{total / NMI_KM:,.1f}"))
        else:
            self.total.setText(self.tr("Total: –"))

    def rows(self) -> list[str]:
        """The segment lengths as shown (for tests)."""
        return [self.table.item(i, 1).text() for i in range(self.table.rowCount())]
