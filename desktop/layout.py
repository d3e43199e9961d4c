"""Map furniture: title, date stamp, legend, scale bar, north arrow, attribution, sources, and
the page of an export that places them around the map frame (:func:`page_layout`, issue 12).
Used by the PNG/SVG/PDF exports, the small multiples, the Legend dock and the canvas (date stamp
and scale bar)."""

from __future__ import annotations

import contextlib
import contextvars

from dataclasses import dataclass

import numpy as np

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.viewport import Viewport

INK = QColor("#1f2a33")
PANEL = QColor(255, 255, 255, 225)
BASEMAP_ATTRIBUTION = "Basemap: Natural Earth (public domain); places: GeoNames (CC BY 4.0)"


#: The language of the map text being laid out (:func:`text_language`): picks the Chinese face.
_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("atlas_text_language", default="en")


@contextlib.contextmanager
def text_language(language: str | None):
    """Lay out and draw the furniture's text in ``language``'s fonts (``with`` block)."""
    token = _LANGUAGE.set(str(language or "en"))
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def _font(point_px: float, bold: bool = False) -> QFont:
    from .labels import families

    f = QFont()
    f.setFamilies(families(_LANGUAGE.get()))
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
    painter: QPainter, year: int | str | None, vp: Viewport, scale: float, top: float = 0.0, right: float | None = None,
    language: str = "en",
) -> None:
    """The date of the time filter (a year, or a label such as ``"2017-05"``), large, at the top
    right of the map (or left of x = ``right`` pixels); in Chinese ``"2024年"``
    (:func:`asean_atlas.layers.map_text.date_label`)."""
    from asean_atlas.layers.map_text import date_label

    if year is None or year == "":
        return
    year = date_label(str(year), language)
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


def draw_scale_bar(painter: QPainter, vp: Viewport, scale: float, bottom: float, language: str = "en") -> None:
    """Geodesic scale bar (pyproj Geod at the map centre) at the bottom right; its unit in
    ``language`` ("500 km", "500 公里")."""
    from asean_atlas.layers.map_text import scale_label

    px, _, label = vp.scale_bar(max_pixels=160 * scale)
    label = scale_label(label, language)
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


def legend_rows(document: MapDocument) -> list[tuple[Layer, str, str, bool]]:
    """Legend rows, top layer first: ``(layer, label, colour, dashed)``; one per category drawn
    now — the legend follows the attribute filter and the time filter (a class no drawn feature
    has is left out, as QGIS's "filter legend by map content")."""
    from asean_atlas.layers.map_text import class_label, layer_title, map_text, size_row_label

    lang = getattr(document, "language", "en")
    rows = []
    tf = document.time_filter
    for layer in reversed(document.visible_layers()):
        title = layer_title(layer, lang)
        present = None
        if layer.style.categorized_field:
            mask = layer.drawn_mask(tf)
            if not mask.all():
                present = {str(k) for k in np.asarray(layer.style.class_keys(layer.attributes), dtype=object)[mask]}
        entries = layer.style.legend_entries(present)
        if len(entries) == 1 and not entries[0][0]:
            rows.append((layer, title, entries[0][1], entries[0][2]))
        else:
            rows.append((layer, title, "", False))
            rows.extend((layer, f"   {class_label(label, lang)}", color, dashed) for label, color, dashed in entries)
        # proportional symbols: reference sizes, drawn by _draw_symbol from the "size:" prefix
        field = layer.style.size_field or ""
        for label, diameter in layer.style.size_legend(layer.attributes):
            # "500 MW", "capacity not given"; in Chinese "500 兆瓦", "容量未提供" (map_text)
            rows.append((layer, f"   {size_row_label(label, field, lang)}", f"size:{diameter:.2f}", False))
    # confidence (issue 12 item 4): a key for the features drawn lighter, when any is drawn now
    weak = [lyr for lyr in reversed(document.visible_layers())
            if lyr.low_confidence() is not None and (lyr.low_confidence() & lyr.drawn_mask(tf)).any()]
    if weak:
        ref = next((lyr for lyr in weak if lyr.is_point_layer), weak[0])
        rows.append((ref, map_text("Confidence", lang), "", False))
        rows.append((ref, map_text("   low: drawn lighter", lang), "light:#5f6b73", False))
    # lifecycle (issue 5): one shared key for how stages are drawn, when a visible layer has them
    staged = [lyr for lyr in reversed(document.visible_layers()) if lyr.lifecycle is not None]
    if staged:
        ref = next((lyr for lyr in staged if lyr.geometry_kind == "line"), staged[0])
        rows.append((ref, map_text("Lifecycle", lang), "", False))
        rows.append((ref, map_text("   planned / under construction (dashed, hollow)", lang), "#5f6b73", True))
        rows.append((ref, map_text("   retired", lang), "#9a9a9a", False))
    return rows


def legend_size(rows: list, scale: float = 1.0) -> tuple[float, float]:
    """Width and height (pixels) of the legend panel of ``rows`` (:func:`legend_rows`) in one
    column."""
    w, h, _ = legend_columns_size([rows], scale)
    return w, h


def draw_legend(
    painter: QPainter, document: MapDocument, vp: Viewport, scale: float, bottom: float, left: float | None = None
) -> QRectF:
    """Legend of the visible layers and their classes in one column, its bottom left corner at
    (``left``, ``bottom``) less a margin; returns its rectangle (the window's Legend dock, the
    small multiples)."""
    rows = legend_rows(document)
    if not rows:
        return QRectF()
    w, h = legend_size(rows, scale)
    rect = QRectF(12 * scale if left is None else left, bottom - h - 12 * scale, w, h)
    draw_legend_columns(painter, [rows], rect, scale, getattr(document, "language", "en"))
    return rect


def _draw_key_symbol(painter: QPainter, layer: Layer, color: str, dashed: bool, box: QRectF, scale: float) -> None:
    """A legend row's symbol; ``"light:#rrggbb"`` draws it at the low-confidence opacity."""
    if color.startswith("light:"):
        from asean_atlas.layers.style import LOW_CONFIDENCE_OPACITY

        painter.save()
        painter.setOpacity(painter.opacity() * LOW_CONFIDENCE_OPACITY)
        _draw_symbol(painter, layer, QColor(color[6:]), dashed, box, scale)
        painter.restore()
    else:
        _draw_symbol(painter, layer, QColor(color), dashed, box, scale)


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
        _draw_circle_marker(painter, style, color, dashed, box, scale)
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
        if kind == "mixed":  # points among the lines: their marker on the line too
            _draw_circle_marker(painter, style, color, dashed, box, scale)
    else:
        # a categorized/graduated class fills with its colour, as on the map
        fill = QColor(color) if style.categorized_field else QColor(style.fill_color or color)
        fill.setAlphaF(style.fill_opacity)
        painter.setPen(QPen(color, 1.2 * scale))
        painter.setBrush(fill)
        painter.drawRect(box.adjusted(2 * scale, 0, -2 * scale, 0))
    painter.restore()


def _draw_circle_marker(painter: QPainter, style, color: QColor, dashed: bool, box: QRectF, scale: float) -> None:
    """The layer's round marker at the centre of ``box`` (a dashed row: hollow)."""
    size = style.marker_size * scale
    fill = style.fill_color if style.fill_color and not style.categorized_field else color
    painter.setPen(QPen(color, 1.5 * scale))
    painter.setBrush(QColor("white") if dashed else QColor(fill))
    painter.drawEllipse(box.center(), size / 2 + 0.5, size / 2 + 0.5)


def attribution_text(document: MapDocument) -> str:
    """Sources of the visible layers and the basemap, de-duplicated, in one line."""
    from asean_atlas.layers.map_text import map_text

    lang = getattr(document, "language", "en")
    parts = []
    for layer in document.visible_layers():
        text = layer.attribution or (map_text("Layer: {title}", lang, title=layer.title) if not layer.builtin and not layer.source.startswith("analysis:") else "")
        for part in text.split(" · "):  # an attribution may hold several credits
            if part and part not in parts:
                parts.append(part)
    for part in BASEMAP_ATTRIBUTION.split("; "):  # the GeoNames credit once, whoever gives it
        if not any(part.lower() in p.lower() for p in parts):
            parts.append(part)
    if str(lang).startswith("zh"):  # the basemap's names in Chinese (layers/places.py)
        parts.append(map_text("Chinese place names: Unicode CLDR", lang))
    return " · ".join(parts)


def attribution_lines(document: MapDocument, fm: QFontMetricsF, room: float) -> list[str]:
    """:func:`attribution_text` in lines of at most ``room`` pixels in the font of ``fm``, broken
    at its " · " separators: the credits are licence terms (CC BY-NC-SA, CC BY), wrapped, never
    cut (a credit longer than ``room`` has a line of its own)."""
    out: list[str] = []
    for part in attribution_text(document).split(" · "):
        if out and fm.horizontalAdvance(out[-1] + " · " + part) <= room:
            out[-1] += " · " + part
        else:
            out.append(part)
    return out


def draw_attribution(painter: QPainter, document: MapDocument, vp: Viewport, scale: float) -> float:
    """Attribution strip along the bottom, with a line per attribute filter above it ("filtered:
    Submarine cables: status == 'in service'", issue 11); returns its height in pixels."""
    from asean_atlas.layers.filter import filter_notes

    font = _font(10 * scale)
    fm = QFontMetricsF(font)
    room = vp.width - 16 * scale
    notes = [fm.elidedText(t, Qt.TextElideMode.ElideRight, room)
             for t in filter_notes(document.visible_layers(), getattr(document, "language", "en"))]
    lines = notes + attribution_lines(document, fm, room)
    h = fm.height() * len(lines) + 6 * scale
    painter.save()
    painter.fillRect(QRectF(0, vp.height - h, vp.width, h), PANEL)
    painter.setPen(QColor("#3b4650"))
    painter.setFont(font)
    for i, text in enumerate(reversed(lines)):
        painter.drawText(QPointF(8 * scale, vp.height - 3 * scale - fm.descent() - i * fm.height()), text)
    painter.restore()
    return h


# -- the page of an export (issue 12 item 2: a layout that never hides the map) ------------------
#: Where the legend goes: beside the map frame, under it, inside it (the emptiest corner), or not
#: at all; "auto" is "right" on a landscape page (width >= 1.2 x height), "bottom" otherwise.
LEGEND_POSITIONS = ("auto", "right", "bottom", "inside", "off")


@dataclass
class PageLayout:
    """Where everything of an export goes, in page pixels (``(0, 0)`` top left).

    Attributes
    ----------
    width, height : float
        The page (image) size, pixels.
    scale : float
        ``dpi / 96``: every size (fonts, margins, line widths) is multiplied by it, so a 300-DPI
        A4 is the 96-DPI one, sharper.
    title : QRectF or None
        The title band across the top (title, subtitle; the date stamp at its right).
    frame : QRectF
        The map frame: the map is drawn in it, clipped, with nothing laid over it but its labels
        (and the legend when ``legend_position`` is "inside").
    viewport : Viewport
        The frame's view: ``frame`` width x height pixels, the export's bbox fitted (widened along
        one axis, never cropped).
    legend : QRectF or None
        The legend panel; its rows split into ``legend_columns`` when one column is too tall.
    legend_position : str
        "right", "bottom", "inside" or "off" (after "auto" is decided).
    footer : QRectF
        The strip under the map: north arrow and scale bar, then the footer lines.
    footer_lines : list of str
        Filter notes, the attribution line, the sources footnote.
    stamp : str or None
        The date stamp's text; ``stamp_rect`` where it is drawn.
    overlay : bool
        A small page (the bands would leave the map under 55 % of it): the frame is the whole
        page and the title band, footer and legend lie over the map on white panels.
    locator : QRectF or None
        The locator inset (``options.locator``), in the frame's emptiest corner free of the
        legend and the date stamp; ``locator_viewport`` its view (:func:`locator_viewport`).
    """

    width: float
    height: float
    scale: float
    title: QRectF | None
    frame: QRectF
    viewport: Viewport
    legend: QRectF | None
    legend_columns: list
    legend_position: str
    footer: QRectF
    footer_lines: list
    stamp: str | None
    stamp_rect: QRectF | None
    north_arrow: bool = True
    scale_bar: bool = True
    overlay: bool = False
    locator: QRectF | None = None
    locator_viewport: Viewport | None = None

    def reserved_in_frame(self) -> list[tuple[float, float, float, float]]:
        """Boxes inside the map frame that overlays cover (a legend inside it, a date stamp when
        there is no title band), in the frame's own pixels: labels keep out of them."""
        out = []
        bands = (self.title, self.footer) if self.overlay else ()
        for rect in (self.legend if self.legend_position == "inside" else None, self.stamp_rect, self.locator, *bands):
            if rect is not None and rect.intersects(self.frame):
                r = rect.intersected(self.frame).translated(-self.frame.left(), -self.frame.top())
                out.append((r.left(), r.top(), r.right(), r.bottom()))
        return out


def _legend_metrics(scale: float) -> tuple[float, float, float]:
    """(line height, symbol width, padding) of the legend, pixels."""
    fm = QFontMetricsF(_font(12 * scale))
    return fm.height() + 4 * scale, 26 * scale, 10 * scale


def _row_height(row, scale: float, line_h: float) -> float:
    color = row[2]
    if color.startswith("size:"):
        return line_h + max(0.0, float(color[5:]) * scale - line_h + 2 * scale)
    return line_h


def legend_columns(rows: list, scale: float, max_height: float) -> list[list]:
    """``rows`` (:func:`legend_rows`) split into columns no taller than ``max_height`` pixels
    (the "Legend" heading counts in the first); a class stays in the column of its layer's name
    when the name would otherwise end a column."""
    line_h, _, pad = _legend_metrics(scale)
    columns: list[list] = [[]]
    used = pad * 2 + line_h  # heading
    for i, row in enumerate(rows):
        h = _row_height(row, scale, line_h)
        heading_last = bool(columns[-1]) and not columns[-1][-1][2] and not columns[-1][-1][1].startswith(" ")
        if columns[-1] and used + h > max_height:
            carry = [columns[-1].pop()] if heading_last and len(columns[-1]) > 1 else []
            columns.append(carry)
            used = pad * 2 + sum(_row_height(r, scale, line_h) for r in carry)
        columns[-1].append(row)
        used += h
    return [c for c in columns if c]


def legend_columns_size(columns: list, scale: float) -> tuple[float, float, float]:
    """(total width, height, column width) of the legend panel of ``columns``, pixels."""
    line_h, sym_w, pad = _legend_metrics(scale)
    head, body = QFontMetricsF(_font(12 * scale, True)), QFontMetricsF(_font(12 * scale))
    rows = [r for c in columns for r in c]
    # a layer's name (no symbol, not indented) is bold; classes are not
    text_w = max((head if not r[2] and not r[1].startswith(" ") else body).horizontalAdvance(r[1].strip())
                 for r in rows) if rows else 0.0
    col_w = sym_w + 8 * scale + text_w + pad
    heights = [sum(_row_height(r, scale, line_h) for r in c) for c in columns]
    h = pad * 2 + line_h + max(heights, default=0.0)
    return pad + col_w * len(columns), h, col_w


def draw_legend_columns(painter: QPainter, columns: list, rect: QRectF, scale: float, language: str = "en") -> None:
    """The legend panel at ``rect``: "Legend" (in ``language``: 图例, 圖例), then the rows of each
    column side by side."""
    from asean_atlas.layers.map_text import map_text

    line_h, sym_w, pad = _legend_metrics(scale)
    font, head = _font(12 * scale), _font(12 * scale, True)
    fm = QFontMetricsF(font)
    _, _, col_w = legend_columns_size(columns, scale)
    painter.save()
    painter.setPen(QPen(QColor("#9aa5ad"), 1))
    painter.setBrush(PANEL)
    painter.drawRect(rect)
    painter.setPen(INK)
    painter.setFont(head)
    top = rect.top() + pad + fm.ascent()
    painter.drawText(QPointF(rect.left() + pad, top), map_text("Legend", language))
    for ci, column in enumerate(columns):
        y = top
        x0 = rect.left() + pad + ci * col_w
        for layer, label, color, dashed in column:
            y += line_h
            cy = y - fm.ascent() / 2 + 1
            if color.startswith("size:"):
                d = float(color[5:]) * scale
                y += max(0.0, d - line_h + 2 * scale)
                cy = y - fm.ascent() / 2 + 1
                painter.setPen(QPen(QColor(layer.style.color), 1.2 * scale))
                painter.setBrush(QColor(layer.style.fill_color or layer.style.color))
                if layer.style.marker_shape not in ("circle", "", None):
                    from .renderer import marker_shape_path

                    painter.drawPath(marker_shape_path(layer.style.marker_shape, d).translated(QPointF(x0 + sym_w / 2, cy)))
                else:
                    painter.drawEllipse(QPointF(x0 + sym_w / 2, cy), d / 2, d / 2)
            elif color:
                _draw_key_symbol(painter, layer, color, dashed, QRectF(x0, cy - 7 * scale, sym_w, 14 * scale), scale)
            painter.setPen(INK)
            painter.setFont(font if (color or label.startswith(" ")) else head)
            painter.drawText(QPointF(x0 + sym_w + 8 * scale, y), label.strip() if color and label.startswith(" ") else label)
    painter.restore()


def _title_height(title: str | None, subtitle: str | None, scale: float) -> float:
    if not title:
        return 0.0
    tf, sf = _font(22 * scale, True), _font(13 * scale)
    return QFontMetricsF(tf).height() + (QFontMetricsF(sf).height() if subtitle else 0) + 20 * scale


def _stamp_size(stamp: str, scale: float) -> tuple[float, float]:
    fm = QFontMetricsF(_font(30 * scale, True))
    return fm.horizontalAdvance(stamp) + 16 * scale, fm.height() + 8 * scale


def _emptiest_corner(size: tuple[float, float], frame: QRectF, data: QRectF | None, margin: float,
                     avoid: tuple = (), order: tuple = (0, 1, 2, 3)) -> QRectF | None:
    """The corner of ``frame`` where a box of ``size`` covers the least of ``data`` (the data's
    bounding box in page pixels), among the corners that meet none of the rectangles ``avoid``
    (None when each meets one); the first of ``order`` (0 bottom left, 1 bottom right, 2 top
    left, 3 top right) on a tie."""
    w, h = size
    corners = [
        QRectF(frame.left() + margin, frame.bottom() - h - margin, w, h),
        QRectF(frame.right() - w - margin, frame.bottom() - h - margin, w, h),
        QRectF(frame.left() + margin, frame.top() + margin, w, h),
        QRectF(frame.right() - w - margin, frame.top() + margin, w, h),
    ]
    corners = [corners[k] for k in order]
    free = [c for c in corners if not any(r is not None and c.intersects(r) for r in avoid)]
    if avoid and not free:
        return None
    corners = free or corners
    if data is None:
        return corners[0]

    def covered(r: QRectF) -> float:
        i = r.intersected(data)
        return i.width() * i.height() if i.isValid() else 0.0

    # near-ties (within 1 % of the box) go to the first in ``order``: the same corner at every
    # DPI (text metrics move the data's box by a pixel or two)
    least = min(covered(c) for c in corners)
    return next(c for c in corners if covered(c) <= least + 0.01 * w * h)


def page_layout(document: MapDocument, options, title: str | None, subtitle: str | None,
                stamp: str | None) -> PageLayout:
    """Lay out an export's page (:class:`PageLayout`) for ``options`` (an
    :class:`~asean_atlas.layers.export_options.ExportOptions`: size in pixels, DPI, bbox,
    ``legend`` position, ``scale_bar``, ``north_arrow``, ``date_stamp``, ``sources_footnote``).

    The title band takes the top, the footer (north arrow, scale bar, filter notes, attribution,
    sources) the bottom; the legend goes beside the map frame ("right"), under it in as many
    columns as fit ("bottom"), or in the frame's emptiest corner ("inside", and whenever the
    outside places would leave the map less than 40 % of the page); the frame takes the rest. The
    frame's view fits the export's bbox (:func:`~asean_atlas.layers.export_options.export_bbox`).

    Raises
    ------
    ExportError
        The page leaves no room (under 16 pixels) for the map frame.
    """
    from asean_atlas.layers.errors import ExportError
    from asean_atlas.layers.export_options import place_view
    from asean_atlas.layers.projection import bbox_to_display

    s = options.dpi / 96.0
    W, H = float(options.width), float(options.height)
    m = 12 * s
    th = _title_height(title, subtitle, s)
    title_rect = QRectF(0, 0, W, th) if th else None
    stamp = stamp if getattr(options, "date_stamp", True) else None
    lines = footer_lines(document, options)
    tfm = QFontMetricsF(_font(10 * s))
    furniture = 30 * s if (options.scale_bar or options.north_arrow) else 0.0
    footer_h = furniture + tfm.height() * len(lines) + 6 * s
    footer = QRectF(0, H - footer_h, W, footer_h)
    area = QRectF(m, th + m, W - 2 * m, H - footer_h - th - 1.5 * m)
    # a small page (a GIF frame, a thumbnail): the map takes it all, the bands lie over it
    overlay = area.height() < 0.55 * H or area.width() < 0.55 * W
    if overlay:
        area = QRectF(0, 0, W, H)
    rows = legend_rows(document) if options.legend != "off" else []
    position = "off" if not rows else options.legend
    if overlay and position != "off":
        position = "inside"
    if position == "auto":
        position = "right" if W >= 1.2 * H else "bottom"
    legend = None
    columns: list = []
    frame = QRectF(area)
    if position == "right":
        columns = legend_columns(rows, s, area.height())
        lw, lh, _ = legend_columns_size(columns, s)
        if lw <= 0.45 * W and (area.width() - lw - m) * area.height() >= 0.4 * W * H * 0.6:
            frame = QRectF(area.left(), area.top(), area.width() - lw - m, area.height())
            legend = QRectF(frame.right() + m, area.top(), lw, min(lh, area.height()))
        else:
            position = "bottom"
    if position == "bottom":
        col_w = legend_columns_size([rows], s)[2]
        n_cols = max(1, int((area.width() - 10 * s) // col_w))
        total = legend_columns_size([rows], s)[1]
        columns = legend_columns(rows, s, max(total / n_cols * 1.15, _legend_metrics(s)[0] * 4))
        while len(columns) > n_cols:  # balance: never more columns than fit across
            columns = legend_columns(rows, s, legend_columns_size(columns, s)[1] * 1.1)
        lw, lh, _ = legend_columns_size(columns, s)
        if area.height() - lh - m >= 0.4 * area.height():
            frame = QRectF(area.left(), area.top(), area.width(), area.height() - lh - m)
            legend = QRectF(area.left(), frame.bottom() + m, lw, lh)
        else:
            position = "inside"
    if frame.width() < 16 or frame.height() < 16:
        raise ExportError(f"a {options.width}x{options.height} px page at {options.dpi:g} DPI leaves no room "
                          "for the map: make it larger or lower the DPI")
    vp = Viewport(width=max(1, int(round(frame.width()))), height=max(1, int(round(frame.height()))))
    frame = QRectF(frame.left(), frame.top(), vp.width, vp.height)
    place_view(vp, document, options)
    stamp_rect = None
    if stamp:
        sw, sh = _stamp_size(stamp, s)
        if title_rect is not None and not overlay:
            stamp_rect = QRectF(W - sw - m, (th - sh) / 2, sw, sh)
        else:
            stamp_rect = QRectF(frame.right() - sw - m, frame.top() + th + m, sw, sh)
    inner = QRectF(frame.left(), frame.top() + (th if overlay else 0), frame.width(),
                   frame.height() - (th + footer_h if overlay else 0))
    data_rect = None
    data = document.full_extent() if document is not None and (position == "inside" or options.locator) else None
    if data is not None:
        mx0, my0, mx1, my1 = bbox_to_display(data)
        x0, y0 = vp.to_pixels(mx0, my1)
        x1, y1 = vp.to_pixels(mx1, my0)
        data_rect = QRectF(QPointF(min(x0, x1), min(y0, y1)), QPointF(max(x0, x1), max(y0, y1))).translated(
            frame.left(), frame.top())
    if position == "inside":
        columns = legend_columns(rows, s, inner.height() * 0.8)
        lw, lh, _ = legend_columns_size(columns, s)
        legend = _emptiest_corner((lw, lh), inner, data_rect, m)
    locator = locator_vp = None
    if getattr(options, "locator", False):
        iw = min(0.26 * frame.width(), 230 * s)
        ih = iw * 0.72
        if iw >= 60 * s and ih <= 0.45 * inner.height():  # room for a readable inset
            taken = (legend if position == "inside" else None, stamp_rect)
            # an inset reads best at the top left or bottom right, away from the legend
            locator = _emptiest_corner((iw, ih), inner, data_rect, m, avoid=taken, order=(1, 2, 3, 0))
            if locator is not None:  # None: the legend takes every corner; no inset over it
                locator_vp = locator_viewport(vp, int(round(iw)), int(round(ih)))
                locator = QRectF(locator.left(), locator.top(), locator_vp.width, locator_vp.height)
    return PageLayout(W, H, s, title_rect, frame, vp, legend, columns, position, footer, lines,
                      stamp, stamp_rect, options.north_arrow, options.scale_bar, overlay, locator, locator_vp)


#: The locator shows this many times the map frame's width (and height) ...
LOCATOR_ZOOM_OUT = 6.0
#: ... but at least this much ground across (EPSG:3857 metres, ~ South-East Asia's width)
LOCATOR_MIN_SPAN = 6.0e6


def locator_viewport(vp: Viewport, width: int, height: int) -> Viewport:
    """The view of a locator inset of ``width`` x ``height`` pixels for the map view ``vp``:
    the same centre, :data:`LOCATOR_ZOOM_OUT` times its span (at least
    :data:`LOCATOR_MIN_SPAN` metres, at most the world's width), kept within the Web Mercator
    world north and south (EPSG:3857).

    Returns
    -------
    Viewport
    """
    from asean_atlas.layers.viewport import WORLD_HALF

    out = Viewport(width=max(1, width), height=max(1, height))
    span = max(vp.width * vp.resolution * LOCATOR_ZOOM_OUT, vp.height * vp.resolution * LOCATOR_ZOOM_OUT * width / max(height, 1),
               LOCATOR_MIN_SPAN)
    out.resolution = min(span, 2 * WORLD_HALF) / out.width
    out.cx = vp.cx
    half_h = out.height * out.resolution / 2
    out.cy = float(np.clip(vp.cy, -WORLD_HALF + half_h, WORLD_HALF - half_h)) if half_h < WORLD_HALF else 0.0
    return out


def paint_locator(painter: QPainter, page: PageLayout) -> None:
    """The locator inset of ``page``: sea, Natural Earth land and borders, the map frame's extent
    outlined in red (a cross in a circle when it is under 8 pixels across), a thin border."""
    from PySide6.QtGui import QTransform

    from .renderer import BORDER_COLOR, LAND_COLOR, SEA_COLOR, MapRenderer

    rect, lvp, s = page.locator, page.locator_viewport, page.scale
    painter.save()
    painter.fillRect(rect, SEA_COLOR)
    painter.translate(rect.topLeft())
    painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
    base = MapRenderer.basemap_paths()
    if base.land is not None:
        pen = QPen(BORDER_COLOR, 0.5 * s)
        pen.setCosmetic(True)
        for shift in lvp.world_shifts():
            painter.save()
            painter.setTransform(QTransform(*lvp.affine()).translate(shift, 0.0), True)
            painter.setPen(pen)
            painter.setBrush(LAND_COLOR)
            painter.drawPath(base.land)
            painter.restore()
    x0, y0, x1, y1 = page.viewport.extent()
    px0, py0 = lvp.to_pixels(x0, y1)
    px1, py1 = lvp.to_pixels(x1, y0)
    box = QRectF(QPointF(px0, py0), QPointF(px1, py1)).normalized()
    red = QColor("#d62728")
    painter.setPen(QPen(red, 1.6 * s))
    painter.setBrush(QColor(214, 39, 40, 40))
    if box.width() < 8 * s and box.height() < 8 * s:
        c, r = box.center(), 6 * s
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(c, r, r)
        painter.drawLine(QPointF(c.x() - r * 1.6, c.y()), QPointF(c.x() + r * 1.6, c.y()))
        painter.drawLine(QPointF(c.x(), c.y() - r * 1.6), QPointF(c.x(), c.y() + r * 1.6))
    else:
        painter.drawRect(box)
    painter.restore()
    painter.save()
    painter.setPen(QPen(QColor("#6b7780"), max(1.0, s)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()


#: Lines the sources footnote may take under an export's map.
FOOTNOTE_LINES = 3


def footer_lines(document: MapDocument, options) -> list[str]:
    """The lines under an export's map: one per attribute filter ("filtered: ..."), the
    attribution of the visible layers and the basemap, then (``options.sources_footnote``) the
    numbered sources of the features in view at the export's time
    (:func:`asean_atlas.layers.sources.visible_sources`), wrapped to the page's width in at most
    :data:`FOOTNOTE_LINES` lines."""
    from asean_atlas.layers.export_options import export_bbox, export_time_filter, export_viewport
    from asean_atlas.layers.filter import filter_notes
    from asean_atlas.layers.sources import visible_sources

    s = options.dpi / 96.0
    fm = QFontMetricsF(_font(10 * s))
    room = options.width - 16 * s
    from asean_atlas.layers.map_text import map_text

    lang = getattr(document, "language", "en")
    lines = filter_notes(document.visible_layers(), lang) + attribution_lines(document, fm, room)
    if not getattr(options, "sources_footnote", True):
        return lines
    if getattr(options, "center", None) is not None and getattr(options, "scale_denominator", None):
        # the view at a centre and scale: its ground on a page-sized frame (a little more than
        # the frame, which the footer itself makes shorter)
        view = export_viewport(document, options).bbox()
    else:
        view = export_bbox(document, options)[0]
    sources = visible_sources(document, view, export_time_filter(document, options))
    if not sources:
        return lines
    items = [f"[{i}] {name} ({n})" for i, (name, n) in enumerate(sources, 1)]
    heading = map_text("Sources (number of features): ", lang)
    out, line, shown = [], heading, 0
    for k, item in enumerate(items):
        candidate = line + ("" if line == heading else " · ") + item
        if fm.horizontalAdvance(candidate) <= room:
            line, shown = candidate, k + 1
            continue
        out.append(line)
        if len(out) == FOOTNOTE_LINES:
            break
        line, shown = item, k + 1
    else:
        out.append(line)
    if shown < len(items):  # say what is left out, on the last line (shortening it if need be)
        last = out[-1]
        tail = map_text(" · and {n} more (each feature's source attribute)", lang, n=len(items) - shown)
        while last and fm.horizontalAdvance(last + tail) > room and " · " in last:
            last = last.rsplit(" · ", 1)[0]
            shown -= 1
            tail = map_text(" · and {n} more (each feature's source attribute)", lang, n=len(items) - shown)
        out[-1] = last + tail
    return lines + out


def paint_page(painter: QPainter, page: PageLayout, document: MapDocument, title: str | None,
               subtitle: str | None) -> None:
    """Paint everything of ``page`` but the map: the page, the frame's border, title band, date
    stamp, legend, north arrow, scale bar and footer lines."""
    s = page.scale
    painter.save()
    if page.overlay:
        for band in (page.title, page.footer):
            if band is not None:
                painter.fillRect(band, PANEL)
    else:
        painter.setPen(QPen(QColor("#9aa5ad"), max(1.0, s)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(page.frame)
    if page.title is not None and title:
        tf, sf = _font(22 * s, True), _font(13 * s)
        pad = 10 * s
        painter.setPen(INK)
        painter.setFont(tf)
        painter.drawText(QPointF(pad * 1.5, pad + QFontMetricsF(tf).ascent()), title)
        if subtitle:
            painter.setFont(sf)
            painter.drawText(QPointF(pad * 1.5, pad + QFontMetricsF(tf).height() + QFontMetricsF(sf).ascent()), subtitle)
    if page.stamp and page.stamp_rect is not None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PANEL)
        painter.drawRoundedRect(page.stamp_rect, 4 * s, 4 * s)
        painter.setPen(INK)
        painter.setFont(_font(30 * s, True))
        painter.drawText(page.stamp_rect, Qt.AlignmentFlag.AlignCenter, page.stamp)
    if page.locator is not None and page.locator_viewport is not None:
        paint_locator(painter, page)
    if page.legend is not None and page.legend_columns:
        draw_legend_columns(painter, page.legend_columns, page.legend, s, getattr(document, "language", "en"))
    f = page.footer
    x = 12 * s
    row_mid = f.top() + 15 * s
    if page.north_arrow:
        size = 11 * s
        painter.setPen(QPen(INK, 1.2 * s))
        painter.setBrush(INK)
        top = row_mid - size * 0.9
        painter.drawPolygon(QPolygonF([QPointF(x + size / 2, top), QPointF(x, top + size * 1.4),
                                       QPointF(x + size / 2, top + size), QPointF(x + size, top + size * 1.4)]))
        painter.setFont(_font(11 * s, True))
        painter.drawText(QPointF(x + size * 1.3, top + size * 1.4), "N")
        x += size * 1.3 + QFontMetricsF(_font(11 * s, True)).horizontalAdvance("N") + 14 * s
    if page.scale_bar:
        from asean_atlas.layers.map_text import scale_label

        px, _, label = page.viewport.scale_bar(max_pixels=160 * s)
        label = scale_label(label, getattr(document, "language", "en"))
        y = row_mid + 6 * s
        painter.setPen(QPen(INK, 2 * s))
        painter.drawLine(QPointF(x, y), QPointF(x + px, y))
        painter.drawLine(QPointF(x, y), QPointF(x, y - 6 * s))
        painter.drawLine(QPointF(x + px, y), QPointF(x + px, y - 6 * s))
        font = _font(11 * s)
        painter.setFont(font)
        painter.drawText(QPointF(x + px + 8 * s, y), label)
    font = _font(10 * s)
    fm = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(QColor("#3b4650"))
    y = f.bottom() - 3 * s - fm.descent()
    for text in reversed(page.footer_lines):
        painter.drawText(QPointF(8 * s, y), fm.elidedText(text, Qt.TextElideMode.ElideRight, page.width - 16 * s))
        y -= fm.height()
    painter.restore()
