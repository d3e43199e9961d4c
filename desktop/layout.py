"""Map furniture painted over the map: title, date stamp, legend, scale bar, north arrow,
attribution. Used by the PNG export (all of it) and the canvas (date stamp and scale bar)."""

from __future__ import annotations

import numpy as np

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.viewport import Viewport

INK = QColor("#1f2a33")
PANEL = QColor(255, 255, 255, 225)
BASEMAP_ATTRIBUTION = "Basemap: Natural Earth (public domain); places: GeoNames (CC BY 4.0)"


def _font(point_px: float, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setPixelSize(max(6, round(point_px)))
    f.setBold(bold)
    return f


def draw_title(painter: QPainter, title: str, subtitle: str | None, vp: Viewport, scale: float) -> float:
    """Title band across the top; returns its height in pixels."""
    tf, sf = _font(22 * scale, True), _font(13 * scale)
    pad = 10 * scale
    h = QFontMetricsF(tf).height() + (QFontMetricsF(sf).height() if subtitle else 0) + 2 * pad
    painter.save()
    painter.fillRect(QRectF(0, 0, vp.width, h), PANEL)
    painter.setPen(INK)
    painter.setFont(tf)
    painter.drawText(QPointF(pad * 1.5, pad + QFontMetricsF(tf).ascent()), title)
    if subtitle:
        painter.setFont(sf)
        y = pad + QFontMetricsF(tf).height() + QFontMetricsF(sf).ascent()
        painter.drawText(QPointF(pad * 1.5, y), subtitle)
    painter.restore()
    return h


def draw_date_stamp(
    painter: QPainter, year: int | str | None, vp: Viewport, scale: float, top: float = 0.0, right: float | None = None
) -> None:
    """The date of the time filter (a year, or a label such as ``"2017-05"``), large, at the top
    right of the map (or left of x = ``right`` pixels)."""
    if year is None or year == "":
        return
    font = _font(30 * scale, True)
    fm = QFontMetricsF(font)
    text = str(year)
    pad = 8 * scale
    w, h = fm.horizontalAdvance(text) + 2 * pad, fm.height() + pad
    rect = QRectF((vp.width if right is None else right) - w - 12 * scale, top + 12 * scale, w, h)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PANEL)
    painter.drawRoundedRect(rect, 4 * scale, 4 * scale)
    painter.setPen(INK)
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def draw_scale_bar(painter: QPainter, vp: Viewport, scale: float, bottom: float) -> None:
    """Geodesic scale bar (pyproj Geod at the map centre) at the bottom right."""
    px, _, label = vp.scale_bar(max_pixels=160 * scale)
    font = _font(11 * scale)
    fm = QFontMetricsF(font)
    x1 = vp.width - 16 * scale
    x0 = x1 - px
    y = bottom - 10 * scale
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PANEL)
    painter.drawRect(QRectF(x0 - 6 * scale, y - fm.height() - 8 * scale, px + 12 * scale, fm.height() + 14 * scale))
    pen = QPen(INK, 2 * scale)
    painter.setPen(pen)
    painter.drawLine(QPointF(x0, y), QPointF(x1, y))
    painter.drawLine(QPointF(x0, y), QPointF(x0, y - 6 * scale))
    painter.drawLine(QPointF(x1, y), QPointF(x1, y - 6 * scale))
    painter.setFont(font)
    painter.drawText(QPointF(x0 + (px - fm.horizontalAdvance(label)) / 2, y - 4 * scale), label)
    painter.restore()


def draw_north_arrow(painter: QPainter, vp: Viewport, scale: float, top: float) -> None:
    """A north arrow at the top left of the map (north is up in Web Mercator)."""
    x, y, s = 28 * scale, top + 18 * scale, 14 * scale
    painter.save()
    painter.setPen(QPen(INK, 1.2 * scale))
    painter.setBrush(INK)
    painter.drawPolygon(QPolygonF([QPointF(x, y), QPointF(x - s / 2, y + s * 1.4), QPointF(x, y + s), QPointF(x + s / 2, y + s * 1.4)]))
    painter.setFont(_font(12 * scale, True))
    painter.drawText(QRectF(x - s, y + s * 1.4, 2 * s, s * 1.3), Qt.AlignmentFlag.AlignCenter, "N")
    painter.restore()


def legend_rows(document: MapDocument) -> list[tuple[Layer, str, str, bool]]:
    """Legend rows, top layer first: ``(layer, label, colour, dashed)``; one per category drawn
    now — the legend follows the attribute filter and the time filter (a class no drawn feature
    has is left out, as QGIS's "filter legend by map content")."""
    rows = []
    tf = document.time_filter
    for layer in reversed(document.visible_layers()):
        present = None
        if layer.style.categorized_field:
            mask = layer.drawn_mask(tf)
            if not mask.all():
                present = {str(k) for k in np.asarray(layer.style.class_keys(layer.frame), dtype=object)[mask]}
        entries = layer.style.legend_entries(present)
        if len(entries) == 1 and not entries[0][0]:
            rows.append((layer, layer.title, entries[0][1], entries[0][2]))
        else:
            rows.append((layer, layer.title, "", False))
            rows.extend((layer, f"   {label}", color, dashed) for label, color, dashed in entries)
        # proportional symbols: reference sizes, drawn by _draw_symbol from the "size:" prefix
        for label, diameter in layer.style.size_legend(layer.frame):
            rows.append((layer, f"   {label}", f"size:{diameter:.2f}", False))
    # lifecycle (issue 5): one shared key for how stages are drawn, when a visible layer has them
    staged = [lyr for lyr in reversed(document.visible_layers()) if lyr.lifecycle is not None]
    if staged:
        ref = next((lyr for lyr in staged if lyr.geometry_kind == "line"), staged[0])
        rows.append((ref, "Lifecycle", "", False))
        rows.append((ref, "   planned / under construction (dashed, hollow)", "#5f6b73", True))
        rows.append((ref, "   retired", "#9a9a9a", False))
    return rows


def legend_size(rows: list, scale: float = 1.0) -> tuple[float, float]:
    """Width and height (pixels) of the legend panel of ``rows`` (:func:`legend_rows`)."""
    font, head = _font(12 * scale), _font(12 * scale, True)
    fm = QFontMetricsF(font)
    line_h = fm.height() + 4 * scale
    sym_w = 26 * scale
    pad = 10 * scale
    text_w = max(QFontMetricsF(head).horizontalAdvance(r[1]) for r in rows) if rows else 0.0
    w = pad * 2 + sym_w + 8 * scale + text_w
    extra = sum(max(0.0, float(r[2][5:]) * scale - line_h + 2 * scale) for r in rows if r[2].startswith("size:"))
    h = pad * 2 + line_h * (len(rows) + 1) + extra
    return w, h


def draw_legend(
    painter: QPainter, document: MapDocument, vp: Viewport, scale: float, bottom: float, left: float | None = None
) -> QRectF:
    """Legend of the visible layers and their classes, bottom left; returns its rectangle."""
    rows = legend_rows(document)
    if not rows:
        return QRectF()
    w, h = legend_size(rows, scale)
    font, head = _font(12 * scale), _font(12 * scale, True)
    fm = QFontMetricsF(font)
    line_h = fm.height() + 4 * scale
    sym_w = 26 * scale
    pad = 10 * scale
    rect = QRectF(12 * scale if left is None else left, bottom - h - 12 * scale, w, h)
    painter.save()
    painter.setPen(QPen(QColor("#9aa5ad"), 1))
    painter.setBrush(PANEL)
    painter.drawRect(rect)
    painter.setPen(INK)
    painter.setFont(head)
    y = rect.top() + pad + fm.ascent()
    painter.drawText(QPointF(rect.left() + pad, y), "Legend")
    for layer, label, color, dashed in rows:
        y += line_h
        cy = y - fm.ascent() / 2 + 1
        x0 = rect.left() + pad
        if color.startswith("size:"):
            d = float(color[5:]) * scale
            y += max(0.0, d - line_h + 2 * scale)  # big reference circles get room
            cy = y - fm.ascent() / 2 + 1
            fill = QColor(layer.style.fill_color or layer.style.color)
            painter.setPen(QPen(QColor(layer.style.color), 1.2 * scale))
            painter.setBrush(fill)
            if layer.style.marker_shape not in ("circle", "", None):
                from .renderer import marker_shape_path

                painter.drawPath(marker_shape_path(layer.style.marker_shape, d).translated(QPointF(x0 + sym_w / 2, cy)))
            else:
                painter.drawEllipse(QPointF(x0 + sym_w / 2, cy), d / 2, d / 2)
        elif color:
            _draw_symbol(painter, layer, QColor(color), dashed, QRectF(x0, cy - 7 * scale, sym_w, 14 * scale), scale)
        painter.setPen(INK)
        painter.setFont(font if (color or label.startswith(" ")) else head)
        painter.drawText(QPointF(x0 + sym_w + 8 * scale, y), label.strip() if color and label.startswith(" ") else label)
    painter.restore()
    return rect


def _draw_symbol(painter: QPainter, layer: Layer, color: QColor, dashed: bool, box: QRectF, scale: float) -> None:
    kind = layer.geometry_kind
    style = layer.style
    painter.save()
    if kind == "point" and style.marker_shape not in ("circle", "", None):
        from .renderer import marker_shape_path

        fill = style.fill_color if style.fill_color and not style.categorized_field else color
        painter.setPen(QPen(color, 1.3 * scale))
        painter.setBrush(QColor("white") if dashed else QColor(fill))
        painter.drawPath(marker_shape_path(style.marker_shape, max(style.marker_size, 8.0) * scale).translated(box.center()))
    elif kind == "point":
        size = style.marker_size * scale
        fill = style.fill_color if style.fill_color and not style.categorized_field else color
        painter.setPen(QPen(color, 1.5 * scale))
        painter.setBrush(QColor("white") if dashed else QColor(fill))  # dashed row: hollow marker
        painter.drawEllipse(box.center(), size / 2 + 0.5, size / 2 + 0.5)
    elif kind == "line" or kind == "mixed":
        pen = QPen(color, max(2.0, style.stroke_width) * scale)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        path = QPainterPath(QPointF(box.left(), box.center().y() + 3 * scale))
        path.cubicTo(
            QPointF(box.left() + box.width() / 3, box.top()),
            QPointF(box.left() + 2 * box.width() / 3, box.bottom()),
            QPointF(box.right(), box.center().y() - 3 * scale),
        )
        painter.drawPath(path)
    else:
        # a categorized/graduated class fills with its colour, as on the map
        fill = QColor(color) if style.categorized_field else QColor(style.fill_color or color)
        fill.setAlphaF(style.fill_opacity)
        painter.setPen(QPen(color, 1.2 * scale))
        painter.setBrush(fill)
        painter.drawRect(box.adjusted(2 * scale, 0, -2 * scale, 0))
    painter.restore()


def attribution_text(document: MapDocument) -> str:
    """Sources of the visible layers and the basemap, de-duplicated, in one line."""
    parts = []
    for layer in document.visible_layers():
        text = layer.attribution or (f"Layer: {layer.title}" if not layer.builtin else "")
        for part in text.split(" · "):  # an attribution may hold several credits
            if part and part not in parts:
                parts.append(part)
    for part in BASEMAP_ATTRIBUTION.split("; "):  # the GeoNames credit once, whoever gives it
        if not any(part.lower() in p.lower() for p in parts):
            parts.append(part)
    return " · ".join(parts)


def draw_attribution(painter: QPainter, document: MapDocument, vp: Viewport, scale: float) -> float:
    """Attribution strip along the bottom, with a line per attribute filter above it ("filtered:
    Submarine cables: status == 'in service'", issue 11); returns its height in pixels."""
    from asean_atlas.layers.filter import filter_notes

    font = _font(10 * scale)
    fm = QFontMetricsF(font)
    lines = filter_notes(document.visible_layers()) + [attribution_text(document)]
    lines = [fm.elidedText(t, Qt.TextElideMode.ElideRight, vp.width - 16 * scale) for t in lines]
    h = fm.height() * len(lines) + 6 * scale
    painter.save()
    painter.fillRect(QRectF(0, vp.height - h, vp.width, h), PANEL)
    painter.setPen(QColor("#3b4650"))
    painter.setFont(font)
    for i, text in enumerate(reversed(lines)):
        painter.drawText(QPointF(8 * scale, vp.height - 3 * scale - fm.descent() - i * fm.height()), text)
    painter.restore()
    return h


def reserved_boxes(document: MapDocument, vp: Viewport, scale: float, title: str | None, subtitle: str | None,
                   stamp: str | None) -> list[tuple[float, float, float, float]]:
    """Where the export's title band, date stamp, north arrow, legend, scale bar and attribution
    will be drawn, as ``(x0, y0, x1, y1)`` pixel boxes: the labels keep out of them (they are
    drawn before these overlays and would be hidden under them)."""
    from asean_atlas.layers.filter import filter_notes

    boxes = []
    top = 0.0
    if title:
        tf, sf = _font(22 * scale, True), _font(13 * scale)
        top = QFontMetricsF(tf).height() + (QFontMetricsF(sf).height() if subtitle else 0) + 20 * scale
        boxes.append((0.0, 0.0, float(vp.width), top))
    if stamp:
        fm = QFontMetricsF(_font(30 * scale, True))
        w, h = fm.horizontalAdvance(str(stamp)) + 16 * scale, fm.height() + 8 * scale
        boxes.append((vp.width - w - 12 * scale, top + 12 * scale, vp.width - 12 * scale, top + 12 * scale + h))
    boxes.append((10 * scale, top + 14 * scale, 46 * scale, top + 60 * scale))  # north arrow
    fm = QFontMetricsF(_font(10 * scale))
    lines = len(filter_notes(document.visible_layers())) + 1
    bottom = vp.height - (fm.height() * lines + 6 * scale)
    boxes.append((0.0, bottom, float(vp.width), float(vp.height)))
    rows = legend_rows(document)
    if rows:
        w, h = legend_size(rows, scale)
        boxes.append((12 * scale, bottom - h - 12 * scale, 12 * scale + w, bottom - 12 * scale))
    boxes.append((vp.width - 200 * scale, bottom - 44 * scale, float(vp.width), bottom))  # scale bar
    return boxes
