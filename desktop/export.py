"""PNG export: the canvas renderer plus the map furniture, into a QImage, written atomically.

Called by the main window's File > Export PNG… and by ``asean-atlas export --png``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage, QPainter

from asean_atlas.layers.atomic import write_atomic
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.errors import ExportError
from asean_atlas.layers.export_options import ExportOptions, export_viewport

from . import layout
from .renderer import MapRenderer


def render_image(document: MapDocument, options: ExportOptions, renderer: MapRenderer | None = None) -> QImage:
    """Render the map with title, date stamp, legend, scale bar, north arrow and attribution.

    Parameters
    ----------
    document : MapDocument
        Layers and time state; ``options.year``, if set, overrides the document's year.
    options : ExportOptions
        Size (pixels), bbox (degrees), title, DPI.
    renderer : MapRenderer, optional
        Reuse the canvas's renderer (and its caches).

    Returns
    -------
    QImage
        ``options.width`` x ``options.height`` pixels, ARGB32, DPI set.
    """
    options.validate()
    renderer = renderer or MapRenderer()
    vp = export_viewport(document, options)
    image = QImage(options.width, options.height, QImage.Format.Format_ARGB32_Premultiplied)
    dots_per_metre = round(options.dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    scale = options.dpi / 96.0
    saved_year = document.year
    year = options.year if options.year is not None else document.year
    document.year = year  # without signals: an export must not move the GUI's slider
    try:
        painter = QPainter(image)
        try:
            renderer.render(painter, document, vp, scale)
            title = options.title if options.title is not None else document.title
            subtitle = f"As of {year}" if year is not None else None
            top = layout.draw_title(painter, title, subtitle, vp, scale) if title else 0.0
            layout.draw_date_stamp(painter, year, vp, scale, top)
            layout.draw_north_arrow(painter, vp, scale, top)
            bottom = vp.height - layout.draw_attribution(painter, document, vp, scale)
            layout.draw_legend(painter, document, vp, scale, bottom)
            layout.draw_scale_bar(painter, vp, scale, bottom)
        finally:
            painter.end()
    finally:
        document.year = saved_year
    return image


def export_png(
    document: MapDocument, path: str | Path, options: ExportOptions, renderer: MapRenderer | None = None
) -> Path:
    """Render (see :func:`render_image`) and write a PNG atomically.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ExportError
        Bad size/bbox/DPI, or the file cannot be written.
    """
    image = render_image(document, options, renderer)

    def write(tmp: Path) -> None:
        if not image.save(str(tmp), "PNG"):
            raise ExportError(f"{path}: Qt could not write the PNG")

    return write_atomic(path, write)
