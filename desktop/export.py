"""Image exports: PNG, animated GIF of the time playback, small-multiples PNG. Written atomically.

Every export paints with the canvas's :class:`MapRenderer` plus the map furniture (title, date
stamp, legend, scale bar, north arrow, attribution). Called by the main window's File menu and by
``asean-atlas export`` (``--png``, ``--gif``, ``--small-multiples``) with the same options.
An export draws at an explicit :class:`TimeFilter`; it never moves the window's time slider.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import unicodedata
import math
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from asean_atlas.layers.atomic import write_atomic
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.errors import ExportError
from asean_atlas.layers.export_options import ExportOptions, export_time_filter, export_viewport, stamp_text
from asean_atlas.layers.temporal import TimeFilter
from asean_atlas.layers.viewport import Viewport

from . import layout
from .renderer import MapRenderer

#: Longest animation accepted (frames); a 1600x1000 frame is ~0.5 MB in a GIF.
MAX_FRAMES = 1000


def _new_image(width: int, height: int, dpi: float) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def render_image(document: MapDocument, options: ExportOptions, renderer: MapRenderer | None = None) -> QImage:
    """Render the map with title, date stamp, legend, scale bar, north arrow and attribution.

    Parameters
    ----------
    document : MapDocument
        Layers and time state.
    options : ExportOptions
        Size (pixels), bbox (degrees), title, DPI, and the time: ``options.time_filter``, else
        ``options.year``, else the document's current filter.
    renderer : MapRenderer, optional
        Reuse the canvas's renderer (and its caches).

    Returns
    -------
    QImage
        ``options.width`` x ``options.height`` pixels, ARGB32, DPI set.

    Raises
    ------
    ExportError
        Bad size, bbox or DPI.
    """
    options.validate()
    renderer = renderer or MapRenderer()
    image = _new_image(options.width, options.height, options.dpi)
    painter = QPainter(image)
    try:
        paint_layout(painter, document, options, renderer)
    finally:
        painter.end()
    return image


def paint_layout(painter: QPainter, document: MapDocument, options: ExportOptions, renderer: MapRenderer) -> None:
    """Paint the whole export — map, labels, title, date stamp, north arrow, attribution, legend,
    scale bar — on ``painter``'s device of ``options.width`` x ``options.height`` pixels. The
    same call draws the PNG (a QImage), the SVG (QSvgGenerator) and the PDF (QPdfWriter), so the
    three have the same layout."""
    with layout.text_language(getattr(document, "language", "en")):
        _paint_layout(painter, document, options, renderer)


def _paint_layout(painter: QPainter, document: MapDocument, options: ExportOptions, renderer: MapRenderer) -> None:
    page, title, subtitle = page_of(document, options)
    painter.save()
    painter.fillRect(QRectF(0, 0, page.width, page.height), QColor("white"))
    painter.translate(page.frame.topLeft())
    painter.setClipRect(QRectF(0, 0, page.frame.width(), page.frame.height()))
    renderer.render(painter, document, page.viewport, page.scale, time_filter=export_time_filter(document, options),
                    reserved=page.reserved_in_frame())
    painter.restore()
    layout.paint_page(painter, page, document, title, subtitle)


class PageView:
    """The view of an export's map frame in page pixels: ``to_pixels`` of its viewport, offset by
    the frame's position on the page (a tool or test pointing at a feature on the PNG)."""

    def __init__(self, page: layout.PageLayout) -> None:
        self.page = page
        self.viewport = page.viewport

    def to_pixels(self, x, y):
        """Map metres (EPSG:3857) to page pixels."""
        px, py = self.viewport.to_pixels(x, y)
        return px + self.page.frame.left(), py + self.page.frame.top()


def export_page_view(document: MapDocument, options: ExportOptions) -> PageView:
    """Where the map of an export of ``document`` with ``options`` lands on the page.

    Returns
    -------
    PageView
        ``to_pixels(x, y)`` maps EPSG:3857 metres to page pixels; ``page`` is the
        :class:`~.layout.PageLayout` (rectangles in pixels).

    Raises
    ------
    ExportError
        The page leaves no room for the map.
    """
    return PageView(page_of(document, options)[0])


def _default_title(document: MapDocument) -> str:
    """The document's title in its map language (the default "ASEAN Digital Atlas" translated, a
    title the user wrote as written)."""
    from asean_atlas.layers.map_text import map_text

    return map_text(document.title, getattr(document, "language", "en"))


def page_of(document: MapDocument, options: ExportOptions):
    """The :class:`~.layout.PageLayout` of an export, with its title and subtitle."""
    with layout.text_language(getattr(document, "language", "en")):
        return _page_of(document, options)


def _page_of(document: MapDocument, options: ExportOptions):
    from asean_atlas.layers.map_text import map_text

    lang = getattr(document, "language", "en")
    tf = export_time_filter(document, options)
    stamp, subtitle = stamp_text(tf, lang)
    if options.subtitle is not None:
        subtitle = options.subtitle or None
    # the default title in the map's language; a title the user wrote stays as written
    title = options.title if options.title is not None else map_text(document.title, lang)
    return layout.page_layout(document, options, title, subtitle, stamp), title, subtitle


def _write_vector(document, path, options, renderer, kind: str, make_device) -> Path:
    """Paint the layout (:func:`paint_layout`) on the QPaintDevice ``make_device(tmp)`` returns
    (an SVG generator, a PDF writer) and move the file onto ``path`` atomically."""
    options.validate()
    renderer = renderer or MapRenderer()

    def write(tmp: Path) -> None:
        device = make_device(tmp)
        painter = QPainter(device)
        try:
            # the device's own pixel grid (a PDF page) mapped onto the export's pixel size
            painter.scale(device.width() / options.width, device.height() / options.height)
            paint_layout(painter, document, options, renderer)
        finally:
            painter.end()
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise ExportError(f"{path}: Qt could not write the {kind}")
        # Qt's writers do not report a failed write (a full disk, a file-size limit): the file's
        # own end marker must be there, or the export fails (issue 16: a PDF cut at 400 kB, exit 0)
        with open(tmp, "rb") as f:
            f.seek(max(tmp.stat().st_size - 64, 0))
            end = f.read().rstrip()
        if not end.endswith(b"%%EOF" if kind == "PDF" else b"</svg>"):
            raise ExportError(f"cannot write {path}: the {kind} was cut short (is the disk full?)")
        if kind == "PDF":
            _unify_cjk_radicals(tmp)
            _make_pdf_reproducible(tmp)

    return write_atomic(path, write)


# "D:" as Qt writes it, or "D\072" (the colon escaped) as pypdf rewrites it (_unify_cjk_radicals)
_PDF_DATE = re.compile(rb"(/CreationDate|/ModDate) \((D(?::|\\072))(\d{14})Z\)")
_XMP_DATE = re.compile(rb'(xmp:(?:CreateDate|ModifyDate|MetadataDate))="(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\+00:00"')


_PDF_ID_PLACEHOLDER = "00000000-0000-4000-8000-0000a71a5000"

_HEX4 = re.compile(r"<([0-9A-Fa-f]{4})>")


@functools.lru_cache(maxsize=1)
def _radical_glyph_twins() -> dict[int, int]:
    """``{radical: unified ideograph}`` of the radicals (U+2E80..U+2FDF) that the installed CJK
    font draws with the glyph of a unified ideograph (U+4E00..U+9FFF): ⻑ U+2ED1 -> 長 U+9577. The
    radicals NFKC leaves alone (CJK Radicals Supplement) are mended with it."""
    from PySide6.QtGui import QFont, QRawFont

    raw = QRawFont.fromFont(QFont("Noto Sans CJK SC"))
    if not raw.isValid():
        return {}
    unified = range(0x4E00, 0xA000)
    first: dict[int, int] = {}
    for cp, glyph in zip(unified, raw.glyphIndexesForString("".join(map(chr, unified)))):
        if glyph and glyph not in first:
            first[glyph] = cp
    radicals = range(0x2E80, 0x2FE0)
    return {cp: first[g] for cp, g in zip(radicals, raw.glyphIndexesForString("".join(map(chr, radicals))))
            if g in first}


def _unified(m: re.Match) -> str:
    cp = int(m.group(1), 16)
    if 0x2E80 <= cp <= 0x2FDF:  # CJK Radicals Supplement and Kangxi Radicals
        u = unicodedata.normalize("NFKC", chr(cp))
        if len(u) == 1 and ord(u) <= 0xFFFF and u != chr(cp):
            return f"<{ord(u):04X}>"
        twin = _radical_glyph_twins().get(cp)
        if twin is not None:
            return f"<{twin:04X}>"
    return m.group(0)


def _fix_to_unicode_cmap(text: str) -> str:
    """A ToUnicode CMap with its Kangxi-radical targets as the unified ideographs they stand for
    (only the targets: the source codes are glyph ids)."""
    out, block = [], None
    for line in text.split("\n"):
        if line.rstrip().endswith("beginbfrange"):
            block = "range"
        elif line.rstrip().endswith("beginbfchar"):
            block = "char"
        elif line.strip() in ("endbfrange", "endbfchar"):
            block = None
        elif block == "range" and "[" in line:  # <lo> <hi> [<u1> <u2> ...]
            head, _, tail = line.partition("[")
            line = head + "[" + _HEX4.sub(_unified, tail)
        elif block == "char":  # <cid> <u>
            parts = line.split(">", 1)
            if len(parts) == 2:
                line = parts[0] + ">" + _HEX4.sub(_unified, parts[1])
        out.append(line)
    return "\n".join(out)


def _unify_cjk_radicals(path: Path) -> None:
    """Make the PDF's Chinese text copy and search as written (issue 13).

    Noto CJK maps a Kangxi radical and the ideograph it looks like to one glyph (⼈ U+2F08 and
    人 U+4EBA); Qt writes each glyph's first code point into the fonts' ToUnicode maps, so
    "人工智能" was extracted as "⼈⼯智能" and searches failed. The maps' radical targets are
    replaced by their NFKC forms (the unified ideographs) with pypdf; a PDF without them is left
    as written."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(str(path))
    streams = []
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {}) or {}
        for font in fonts.values():
            tu = font.get_object().get("/ToUnicode")
            if tu is None:
                continue
            stream = tu.get_object()
            text = stream.get_data().decode("latin-1")
            fixed = _fix_to_unicode_cmap(text)
            if fixed != text:
                streams.append((stream, fixed))
    if not streams:
        return
    for stream, fixed in streams:
        stream.set_data(fixed.encode("latin-1"))
    writer = PdfWriter(clone_from=reader)
    with open(path, "wb") as f:
        writer.write(f)


def _make_pdf_reproducible(path: Path) -> None:
    """Make the PDF reproducible (issue 12 item 8: the same options give the same file): its
    dates ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else today at
    00:00 UTC -- Qt writes the second of writing; its document id (XMP and trailer ``/ID``) a
    UUID made of the content's SHA-256. Replaced in place, same length, so the cross-reference
    offsets hold."""
    import hashlib
    import uuid

    import datetime as dt

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch and epoch.isdigit() else \
        dt.datetime.now(dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    data = path.read_bytes()
    # the date's prefix kept as written ("D:" or pypdf's "D\072"): same length, the offsets hold
    data = _PDF_DATE.sub(lambda m: m.group(1) + b" (" + m.group(2) + when.strftime("%Y%m%d%H%M%S").encode() + b"Z)", data)
    data = _XMP_DATE.sub(lambda m: m.group(1) + b'="' + when.strftime("%Y-%m-%dT%H:%M:%S").encode() + b'+00:00"', data)
    ident = str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16], version=4)).encode()
    placeholder = _PDF_ID_PLACEHOLDER.encode()
    data = data.replace(placeholder, ident).replace(placeholder.hex().encode(), ident.hex().encode())
    path.write_bytes(data)


def export_svg(
    document: MapDocument, path: str | Path, options: ExportOptions, renderer: MapRenderer | None = None
) -> Path:
    """Write the export as SVG (Qt's ``QSvgGenerator``), atomically: ``options.width`` x
    ``height`` pixels of vector paths and real text, the same layout as the PNG
    (:func:`paint_layout`); a point layer of more than ``SPRITE_THRESHOLD`` visible markers is
    embedded as an image.

    Raises
    ------
    ExportError
        Bad options, or the file cannot be written.
    """
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtSvg import QSvgGenerator

    def device(tmp: Path):
        # SVG 1.1: Qt writes clip paths only then (the map frame, the locator inset); in SVG 1.2
        # Tiny mode it dropped every clip, and land and cables spilled over the page's margins
        gen = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
        gen.setFileName(str(tmp))
        gen.setSize(QSize(options.width, options.height))
        gen.setViewBox(QRect(0, 0, options.width, options.height))
        gen.setResolution(round(options.dpi))
        gen.setTitle(options.title if options.title is not None else _default_title(document))
        gen.setDescription(layout.attribution_text(document))
        return gen

    return _write_vector(document, path, options, renderer, "SVG", device)


def export_pdf(
    document: MapDocument, path: str | Path, options: ExportOptions, renderer: MapRenderer | None = None
) -> Path:
    """Write the export as a one-page PDF (Qt's ``QPdfWriter``), atomically: the page is the
    export's size at its DPI (``width / dpi`` inches, millimetres in the file), no margins;
    vector paths, real text (selectable, fonts embedded by Qt), the same layout as the PNG
    (:func:`paint_layout`).

    Raises
    ------
    ExportError
        Bad options, or the file cannot be written.
    """
    from PySide6.QtCore import QMarginsF, QSizeF, QUuid
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    def device(tmp: Path):
        writer = QPdfWriter(str(tmp))
        writer.setResolution(round(options.dpi))
        size = QPageSize(QSizeF(options.width * 25.4 / options.dpi, options.height * 25.4 / options.dpi),
                         QPageSize.Unit.Millimeter, "atlas", QPageSize.SizeMatchPolicy.ExactMatch)
        writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        writer.setTitle(options.title if options.title is not None else _default_title(document))
        writer.setCreator("ASEAN Digital Atlas")
        # a placeholder, replaced by an id made of the file's content (_make_pdf_reproducible): Qt's own
        # is random, so the same options gave different bytes
        writer.setDocumentId(QUuid(_PDF_ID_PLACEHOLDER))
        return writer

    return _write_vector(document, path, options, renderer, "PDF", device)


def _save_png(image: QImage, path: str | Path) -> Path:
    """Encode the PNG in memory and write its bytes from Python: a failed write (a full disk) is an
    error here, not a "libpng error" line on stderr (issue 16)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError(f"{path}: Qt could not encode the PNG")
    buffer.close()
    payload = bytes(data)

    def write(tmp: Path) -> None:
        try:
            tmp.write_bytes(payload)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror}") from None

    return write_atomic(path, write)


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
    return _save_png(render_image(document, options, renderer), path)


# -- animation ---------------------------------------------------------------------------------
def _to_pil(image: QImage):
    from PIL import Image

    return Image.frombytes("RGB", (image.width(), image.height()), _rgb_bytes(image))


def animation_filters(
    document: MapDocument, start=None, end=None, step: str | None = None
) -> list[TimeFilter]:
    """The frames of a playback: one :class:`TimeFilter` per step.

    Parameters
    ----------
    document : MapDocument
        Its time controller gives the mode, end semantics and (by default) the range and step.
    start, end : int or date-like, optional
        First and last step (years as int, or dates); default the controller's range.
    step : str, optional
        ``"1y"``, ``"5y"``, ``"1m"``, ``"source"`` (:func:`parse_step`); default the
        controller's step.

    Returns
    -------
    list of TimeFilter

    Raises
    ------
    ExportError
        A bad step, a range that runs backwards, no dates to step over, or too many frames.
    """
    from asean_atlas.layers.time_controller import parse_step

    ctl = document.time.copy()
    try:
        if step is not None:
            ctl.set_step(*parse_step(step))
        if start is not None or end is not None:
            ctl.set_range(start, end)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    filters = ctl.filters()
    if not filters:
        raise ExportError("no time steps: the layers hold no dates; give --from and --to")
    if len(filters) > MAX_FRAMES:
        raise ExportError(f"{len(filters)} frames is more than {MAX_FRAMES}: use a larger --step")
    return filters


def render_frames(
    document: MapDocument,
    options: ExportOptions,
    filters: Sequence[TimeFilter],
    renderer: MapRenderer | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> list[QImage]:
    """Render one image per time filter (same view, furniture and date stamp per frame).

    Parameters
    ----------
    progress : callable, optional
        Called as ``progress(done, total)`` after each frame; returning False cancels.

    Raises
    ------
    ExportError
        Cancelled, or bad options.
    """
    renderer = renderer or MapRenderer()
    frames = []
    for i, tf in enumerate(filters):
        frames.append(render_image(document, dataclasses.replace(options, time_filter=tf), renderer))
        if progress is not None and progress(i + 1, len(filters)) is False:
            raise ExportError("export cancelled")
    return frames


def export_gif(
    document: MapDocument,
    path: str | Path,
    options: ExportOptions,
    filters: Sequence[TimeFilter] | None = None,
    frame_ms: int | None = None,
    renderer: MapRenderer | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> Path:
    """Write an animated GIF of the time playback: one frame per step, the date stamped on each.

    Parameters
    ----------
    document : MapDocument
    path : str or Path
    options : ExportOptions
        Frame size, view, title, DPI (its time fields are ignored: each frame has its own).
    filters : sequence of TimeFilter, optional
        The frames; default :func:`animation_filters` of the document's controller.
    frame_ms : int, optional
        Display time of a frame in milliseconds; default the controller's playback speed.
    renderer : MapRenderer, optional
    progress : callable, optional
        ``progress(done, total)``; returning False cancels.

    Returns
    -------
    Path
        The file written (loops forever).

    Raises
    ------
    ExportError
        Bad options, no steps, cancelled, or the file cannot be written.
    """
    filters = list(filters) if filters is not None else animation_filters(document)
    if not filters:
        raise ExportError("no time steps to animate")
    _check_gif_memory(len(filters), options)
    frames = render_frames(document, options, filters, renderer, progress)
    pil = _quantize_shared(frames, _symbol_colours(document))
    duration = int(frame_ms if frame_ms is not None else document.time.interval_ms)

    def write(tmp: Path) -> None:
        # optimize=False keeps every frame whole, so each one is readable on its own
        pil[0].save(tmp, format="GIF", save_all=True, append_images=pil[1:], duration=duration, loop=0,
                    optimize=False, disposal=1)

    return write_atomic(path, write)


#: Bytes a GIF export holds per frame pixel: the rendered ARGB frame (4) and its palette image (1),
#: with the quantizer's working copy (GIF frames are all written at the end, by Pillow).
GIF_BYTES_PER_PIXEL = 9


def _check_gif_memory(frames: int, options: ExportOptions) -> None:
    """Refuse a GIF whose frames would not fit in memory (:func:`~asean_atlas.layers.io.memory_budget`)
    with a clear error, instead of the process being killed part-way.

    Raises
    ------
    ExportError
    """
    from asean_atlas.layers.io import memory_budget

    need = frames * options.width * options.height * GIF_BYTES_PER_PIXEL
    budget = memory_budget()
    if budget is not None and need > budget:
        raise ExportError(f"a GIF of {frames} frames at {options.width}x{options.height} px needs about "
                          f"{need / 1e9:.1f} GB of memory, more than the {budget / 1e9:.1f} GB available: use fewer "
                          "steps (--step), a smaller --size, or --mp4 (written frame by frame)")


#: Video frame rate of an MP4 (frames per second) unless given; each time step is held for its
#: display time (``frame_ms``) by repeating its frame, so players and social sites that expect a
#: usual rate play it (a 1.25 fps H.264 stream stutters in many).
MP4_FPS = 25


def mp4_frame_repeats(frame_ms: int, fps: float) -> int:
    """Video frames a time step is shown for: ``frame_ms`` milliseconds at ``fps``, at least 1."""
    return max(1, round(frame_ms * fps / 1000))


def export_mp4(
    document: MapDocument,
    path: str | Path,
    options: ExportOptions,
    filters: Sequence[TimeFilter] | None = None,
    frame_ms: int | None = None,
    fps: float = MP4_FPS,
    renderer: MapRenderer | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> Path:
    """Write an MP4 video (H.264, yuv420p, ``+faststart``) of the time playback: one time step
    per :func:`animation_filters` frame, the date stamped on each, each held ``frame_ms``.

    Frames are rendered one at a time and piped to the ``ffmpeg`` that the ``imageio-ffmpeg``
    package ships (libx264, CRF 18, bit-exact flags so the same input gives the same file), so
    memory stays that of one frame whatever the number of steps.

    Parameters
    ----------
    document : MapDocument
    path : str or Path
        Destination (``.mp4``); written atomically.
    options : ExportOptions
        Frame size in pixels (an odd width or height is made even, H.264 4:2:0 needs it), view,
        title, DPI; its time fields are ignored.
    filters : sequence of TimeFilter, optional
        The time steps; default :func:`animation_filters` of the document's controller.
    frame_ms : int, optional
        Display time of a step in milliseconds; default the controller's playback speed.
    fps : float
        Video frame rate (frames per second), default :data:`MP4_FPS`; the video holds
        ``len(filters) * mp4_frame_repeats(frame_ms, fps)`` frames.
    renderer : MapRenderer, optional
    progress : callable, optional
        ``progress(done, total)`` after each time step; returning False cancels (nothing is
        written).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ExportError
        Bad options, no steps, cancelled, the encoder missing or failing, or the file cannot be
        written.
    """
    try:
        import imageio_ffmpeg
    except ImportError:
        raise ExportError("MP4 export needs the imageio-ffmpeg package (pip install imageio-ffmpeg)") from None
    filters = list(filters) if filters is not None else animation_filters(document)
    if not filters:
        raise ExportError("no time steps to animate")
    if not (0 < fps <= 120):
        raise ExportError(f"frame rate {fps:g} fps: give 1 to 120")
    duration = int(frame_ms if frame_ms is not None else document.time.interval_ms)
    repeats = mp4_frame_repeats(duration, fps)
    options = dataclasses.replace(options, width=options.width - options.width % 2,
                                  height=options.height - options.height % 2)
    renderer = renderer or MapRenderer()

    def write(tmp: Path) -> None:
        writer = imageio_ffmpeg.write_frames(
            str(tmp), (options.width, options.height), fps=fps, codec="libx264", pix_fmt_in="rgb24",
            pix_fmt_out="yuv420p", quality=None, bitrate=None, macro_block_size=2, ffmpeg_log_level="error",
            output_params=["-crf", "18", "-preset", "medium", "-movflags", "+faststart", "-f", "mp4",
                           "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact"],
        )
        try:
            writer.send(None)  # starts ffmpeg
            for i, tf in enumerate(filters):
                frame = _rgb_bytes(render_image(document, dataclasses.replace(options, time_filter=tf), renderer))
                for _ in range(repeats):
                    writer.send(frame)
                if progress is not None and progress(i + 1, len(filters)) is False:
                    raise ExportError("export cancelled")
        except (OSError, RuntimeError) as exc:  # ffmpeg died or refused
            raise ExportError(f"the video encoder failed: {str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}") from None
        finally:
            writer.close()

    return write_atomic(path, write)


def _rgb_bytes(image: QImage) -> bytes:
    """Pixels of ``image`` as packed RGB24 rows (no line padding), top row first."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    data = np.frombuffer(bytes(rgb.constBits()), dtype=np.uint8).reshape(h, stride)[:, : w * 3]
    return np.ascontiguousarray(data).tobytes()


def _symbol_colours(document: MapDocument) -> list[tuple[int, int, int]]:
    """Every colour a layer's symbology can draw (strokes, fills, categories, retired grey),
    plus the furniture's ink and white: these must survive GIF quantization exactly."""
    from .layout import INK
    from .renderer import RETIRED_COLOR

    names = {RETIRED_COLOR, INK.name(), "#ffffff"}
    for layer in document.layers:
        st = layer.style
        names |= {st.color, *(st.categories or {}).values()}
        if st.fill_color:
            names.add(st.fill_color)
    out = []
    for name in sorted(names):
        c = QColor(name)
        if c.isValid():
            out.append((c.red(), c.green(), c.blue()))
    return out[:128]


def _quantize_shared(frames: list[QImage], reserved: list[tuple[int, int, int]]):
    """GIF frames (256 colours) on one shared palette: the exact symbol colours first, then the
    colours a median cut finds in the last frame (the fullest map). A per-frame median cut drops
    rare colours, so small layers took a neighbour's colour and no longer matched the legend."""
    from PIL import Image

    free = 256 - len(reserved)
    base = _to_pil(frames[-1]).quantize(colors=free, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    flat = [v for rgb in reserved for v in rgb] + base.getpalette()[: 3 * free]
    flat += [0] * (768 - len(flat))
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat)
    # Pillow maps to a given palette through a coarse colour cache, so close hues can still
    # merge: pixels that are exactly a symbol colour get that colour's index (vectorized)
    keys = np.array([(r << 16) | (g << 8) | b for r, g, b in reserved], dtype=np.int64)
    order = np.argsort(keys)
    sorted_keys = keys[order]
    out = []
    for f in frames:
        rgb = _to_pil(f)
        idx = np.array(rgb.quantize(palette=palette, dither=Image.Dither.NONE), dtype=np.uint8)
        if len(keys):
            a = np.asarray(rgb, dtype=np.int64)
            packed = (a[..., 0] << 16) | (a[..., 1] << 8) | a[..., 2]
            pos = np.clip(np.searchsorted(sorted_keys, packed), 0, len(keys) - 1)
            hit = sorted_keys[pos] == packed
            idx[hit] = order[pos[hit]].astype(np.uint8)
        im = Image.fromarray(idx, mode="P")
        im.putpalette(flat)
        out.append(im)
    return out


# -- small multiples ---------------------------------------------------------------------------
def _grid(n: int) -> tuple[int, int]:
    cols = n if n <= 4 else math.ceil(n / 2) if n <= 8 else math.ceil(math.sqrt(n))
    return cols, math.ceil(n / cols)


def render_small_multiples(
    document: MapDocument,
    options: ExportOptions,
    filters: Sequence[TimeFilter],
    renderer: MapRenderer | None = None,
) -> QImage:
    """One map per time filter side by side (e.g. 2010 / 2015 / 2020 / 2025), shared legend.

    The image is ``options.width`` x ``options.height`` pixels: a title band, a grid of panels
    (up to 4 in a row) each with its date stamped, the legend once on the right, the scale bar
    in the last panel and the attribution along the bottom.

    Raises
    ------
    ExportError
        No filters, bad options, or panels smaller than 16 pixels.
    """
    with layout.text_language(getattr(document, "language", "en")):
        return _render_small_multiples(document, options, filters, renderer)


def _render_small_multiples(document, options, filters, renderer=None):
    options.validate()
    if not filters:
        raise ExportError("small multiples need at least one date")
    renderer = renderer or MapRenderer()
    scale = options.dpi / 96.0
    image = _new_image(options.width, options.height, options.dpi)
    image.fill(QColor("white"))
    whole = Viewport(width=options.width, height=options.height)
    # measure the legend on a scratch image, then lay out around it
    scratch = _new_image(options.width, options.height, options.dpi)
    p = QPainter(scratch)
    legend_rect = layout.draw_legend(p, document, whole, scale, options.height, left=0.0)
    p.end()
    legend_w = legend_rect.width() + 24 * scale if not legend_rect.isEmpty() else 0.0
    painter = QPainter(image)
    try:
        from asean_atlas.layers.map_text import date_label, map_text

        lang = getattr(document, "language", "en")
        title = options.title if options.title is not None else map_text(document.title, lang)
        labels = " · ".join(date_label(f.label, lang) for f in filters)
        top = layout.draw_title(painter, title or "", labels, whole, scale)
        bottom = options.height - layout.draw_attribution(painter, document, whole, scale)
        cols, rows = _grid(len(filters))
        gap = 8 * scale
        area_w = options.width - legend_w - gap
        cell_w = (area_w - gap) / cols
        cell_h = (bottom - top - gap) / rows
        pw, ph = int(cell_w - gap), int(cell_h - gap)
        if pw < 16 or ph < 16:
            raise ExportError(f"{len(filters)} panels do not fit in {options.width}x{options.height} px")
        panel_opts = dataclasses.replace(options, width=pw, height=ph)
        vp = export_viewport(document, panel_opts)
        for i, tf in enumerate(filters):
            # each panel is painted on its own image: the renderer sets absolute transforms
            panel = _new_image(pw, ph, options.dpi)
            pp = QPainter(panel)
            try:
                renderer.render(pp, document, vp, scale, time_filter=tf)
                layout.draw_date_stamp(pp, tf.label, vp, scale, 0.0, language=lang)
                if i == len(filters) - 1:
                    layout.draw_scale_bar(pp, vp, scale, ph, language=lang)
                pp.setPen(QPen(QColor("#9aa5ad"), 1))
                pp.setBrush(QColor(0, 0, 0, 0))
                pp.drawRect(QRectF(0, 0, pw - 1, ph - 1))
            finally:
                pp.end()
            x0 = gap + (i % cols) * cell_w
            y0 = top + gap + (i // cols) * cell_h
            painter.drawImage(QPointF(x0, y0), panel)
        if legend_w:
            layout.draw_legend(painter, document, whole, scale, bottom, left=options.width - legend_w + 4 * scale)
    finally:
        painter.end()
    return image


def export_small_multiples(
    document: MapDocument,
    path: str | Path,
    options: ExportOptions,
    dates: Sequence[int] | Sequence[TimeFilter],
    renderer: MapRenderer | None = None,
) -> Path:
    """Write a small-multiples PNG (see :func:`render_small_multiples`).

    Parameters
    ----------
    dates : sequence of int or TimeFilter
        Years ("as of" the end of each, with the document's end semantics) or explicit filters.

    Returns
    -------
    Path

    Raises
    ------
    ExportError
    """
    from asean_atlas.layers.time_controller import STEP_YEAR

    years = document.time.copy()
    years.set_step(STEP_YEAR, 1)
    filters = [d if isinstance(d, TimeFilter) else years.filter_at(int(d)) for d in dates]
    return _save_png(render_small_multiples(document, options, filters, renderer), path)
