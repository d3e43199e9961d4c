"""The legend in the window (issue 11 item 4): the same legend as the exports (:func:`layout.
draw_legend`), in a dock, redrawn when a layer's style, visibility or filter changes or the time
moves — so the orange dashed "planned" cables are explained on screen, not only in an export."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QScrollArea, QWidget

from asean_atlas.layers.document import MapDocument

from . import layout


class LegendCanvas(QWidget):
    """Paints :func:`layout.draw_legend` at 1:1 scale, top left, sized to its content."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        document.layers_changed.connect(self.refresh)
        document.time_changed.connect(lambda _tf: self.refresh())
        self.refresh()

    def rows(self) -> list[tuple[str, str, bool]]:
        """``(label, colour, dashed)`` of each legend row (tests)."""
        return [(label, colour, dashed) for _layer, label, colour, dashed in layout.legend_rows(self.document)]

    def refresh(self) -> None:
        w, h = layout.legend_size(layout.legend_rows(self.document), 1.0)
        self._size = QSize(int(w) + 2, int(h) + 2)
        self.setFixedSize(self._size)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._size

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            layout.draw_legend(painter, self.document, None, 1.0, bottom=self.height() + 12, left=0)
        finally:
            painter.end()


class LegendPanel(QScrollArea):
    """The Legend dock's widget: the legend, scrollable when it is long."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = LegendCanvas(document)
        self.setWidget(self.legend)
        self.setWidgetResizable(False)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 320)
