"""Many line paths drawn by several threads at once (issue 9: 1 px frames of big line layers).

PySide6's ``QPainter.drawPath`` holds the GIL while Qt rasterizes, so a second Python thread
cannot draw meanwhile (bench/NOTES.md, session 25: two threads took 119 ms for two frames, one
thread 109 ms). Qt's own ``QPainter::drawPath`` called through :mod:`ctypes` runs with the GIL
released (ctypes drops it around every foreign call), so :func:`draw_paths` splits a long list of
paths into contiguous shares of about equal vertex count: the first share is drawn straight onto
the painter's device on the calling thread, each other share by a worker thread onto a
transparent scratch image with the painter's transform, opacity, hints, brush origin and clip,
and the scratch images are then composited over the device in order. Source-over composition is
associative, so the result is the sequential drawing up to 8-bit rounding: identical pixels for
1 px aliased lines; antialiased or translucent edges where many lines overlap may differ by a few
steps (a 10,000-line antialiased export: at most 16/255, 204 of 1.6 million pixels more than 4
apart), and wide aliased lines (drawn antialiased and thresholded) may flip a rare pixel. The
number of shares follows the CPUs, so such pixels can differ between machines; on one machine a
frame is always drawn the same way. This is how QGIS's parallel renderer works too (each layer
into an image of its own on a thread, composited in order), one level finer: shares of one
layer's paths.

The native call is looked up by its Itanium C++ ABI name (Linux, and macOS where the same
mangling applies) in the Qt GUI library already loaded by PySide6. Where it cannot be found (other
platforms, another Qt build) or the painter is not a plain raster painter on a QImage, paths are
drawn one after another with PySide6 as before. ``ATLAS_PAINT_THREADS=1`` turns the threads off;
the default is the number of CPUs this process may use, at most :data:`MAX_THREADS`.

Measured (bench/NOTES.md "1 px lines"): 10,000 random-walk lines at the region view, 1600x1000 px,
two cores: 1 px antialiased 209 -> 103 ms, aliased 251 -> 128 ms.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import os
import sys
import threading
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPen, QTransform

#: Fewer path elements than this are drawn on the calling thread only (a share must outweigh
#: the scratch image's clear and compositing, ~1-2 ms at 1600x1000).
MIN_PARALLEL_ELEMENTS = 60_000
#: At most this many threads draw one list of paths (each beyond the first holds a scratch image
#: of the device's size: 6.4 MB at 1600x1000).
MAX_THREADS = 4
#: Itanium C++ ABI name of ``void QPainter::drawPath(const QPainterPath &)``.
DRAW_PATH_SYMBOL = "_ZN8QPainter8drawPathERK12QPainterPath"
#: Itanium C++ ABI name of ``void QPainter::drawImage(const QPointF &, const QImage &)``.
DRAW_IMAGE_SYMBOL = "_ZN8QPainter9drawImageERK7QPointFRK6QImage"
#: Fewer rows than this are drawn by :func:`draw_image_bands` on the calling thread only.
MIN_BAND_ROWS = 64

_lock = threading.Lock()
_natives: dict[str, object] = {}  # symbol -> the ctypes function, or None where not found
_pool: concurrent.futures.ThreadPoolExecutor | None = None
_pool_size = 0


def _qt_gui_library() -> str | None:
    """Path of the Qt GUI library loaded in this process (the one PySide6's QtGui uses), or None."""
    maps = "/proc/self/maps"
    if os.path.exists(maps):
        try:
            with open(maps, encoding="utf-8", errors="replace") as f:
                for line in f:
                    path = line.rstrip("\n").split(None, 5)[-1] if line.count(" ") >= 5 else ""
                    name = os.path.basename(path)
                    if name.startswith("libQt6Gui.so") or name.startswith("libQt6Gui_"):
                        return path
        except OSError:
            return None
        return None
    if sys.platform == "darwin":
        import PySide6

        path = os.path.join(os.path.dirname(PySide6.__file__), "Qt", "lib", "QtGui.framework", "Versions", "A", "QtGui")
        return path if os.path.exists(path) else None
    return None


def _native_call(symbol: str, pointers: int):
    """The function ``symbol`` of the Qt GUI library loaded by PySide6 as a ctypes function of
    ``pointers`` pointers returning nothing (ctypes releases the GIL around each call), or None
    where it cannot be found. Looked up once per process and symbol."""
    with _lock:
        if symbol not in _natives:
            fn = None
            path = _qt_gui_library()
            if path is not None:
                try:
                    fn = getattr(ctypes.CDLL(path), symbol)
                except (OSError, AttributeError):
                    fn = None
                if fn is not None:
                    fn.argtypes = [ctypes.c_void_p] * pointers
                    fn.restype = None
            _natives[symbol] = fn
        return _natives[symbol]


def native_draw_path():
    """Qt's ``QPainter::drawPath`` as a ctypes function of two pointers (painter, path) that
    releases the GIL, or None where it cannot be found."""
    return _native_call(DRAW_PATH_SYMBOL, 2)


def native_draw_image():
    """Qt's ``QPainter::drawImage(const QPointF &, const QImage &)`` as a ctypes function of three
    pointers (painter, point, image) that releases the GIL, or None where it cannot be found."""
    return _native_call(DRAW_IMAGE_SYMBOL, 3)


def thread_count() -> int:
    """Threads :func:`draw_paths` uses: ``ATLAS_PAINT_THREADS`` if set (1 turns them off), else
    the CPUs this process may run on; at most :data:`MAX_THREADS` either way."""
    value = os.environ.get("ATLAS_PAINT_THREADS", "").strip()
    if value:
        try:
            return max(1, min(int(value), MAX_THREADS))
        except ValueError:
            pass
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_THREADS))


def _executor(workers: int) -> concurrent.futures.ThreadPoolExecutor:
    """The worker pool, grown to ``workers`` threads if smaller (call with ``_lock`` held)."""
    global _pool, _pool_size
    if _pool is None or _pool_size < workers:
        old = _pool
        _pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="atlas-paint")
        _pool_size = workers
        if old is not None:
            old.shutdown(wait=False)  # work already submitted to it still runs
    return _pool


def _pointer(obj) -> int:
    """Address of the C++ object behind a PySide6 wrapper."""
    return shiboken6.getCppPointer(obj)[0]


def _splits(counts: Sequence[int], shares: int) -> list[tuple[int, int]]:
    """Contiguous index ranges of ``counts`` with about equal sums, at most ``shares`` of them."""
    total = sum(counts)
    out, start, acc = [], 0, 0
    for i, c in enumerate(counts):
        acc += c
        if len(out) < shares - 1 and acc >= total * (len(out) + 1) / shares and i + 1 < len(counts):
            out.append((start, i + 1))
            start = i + 1
    out.append((start, len(counts)))
    return [r for r in out if r[1] > r[0]]


#: Device formats whose pixels the composited shares reproduce (the Atlas's frames and exports use
#: the first; 8-bit grey, 16-bit and 1-bit devices round antialiased edges differently).
SHARE_FORMATS = (QImage.Format.Format_ARGB32_Premultiplied, QImage.Format.Format_RGB32)


def _can_share(painter: QPainter, items) -> bool:
    """Whether ``painter``'s drawing of ``items`` can be split into composited scratch images:
    a raster painter on a QImage of :data:`SHARE_FORMATS` whose state the scratch painters can
    copy, and paths that share no data (Qt builds and drops a drawn path's vector copy lazily,
    unguarded: one path drawn by two threads at once crashes)."""
    device = painter.device()
    if not (
        isinstance(device, QImage)
        and device.format() in SHARE_FORMATS
        and painter.compositionMode() == QPainter.CompositionMode.CompositionMode_SourceOver
        and not painter.viewTransformEnabled()
        and painter.backgroundMode() == Qt.BGMode.TransparentMode
    ):
        return False
    data = {_path_data(path) for _, path in items}
    return len(data) == len(items)


def _path_data(path: QPainterPath) -> int:
    """Address of the data a QPainterPath shares with its copies (its only member, ``d_ptr``)."""
    return ctypes.c_void_p.from_address(_pointer(path)).value or 0


def _stroke(painter: QPainter, items, fn, drawn) -> None:
    """Stroke ``items`` with ``painter`` in order: through the native call ``fn`` (GIL released)
    or, where it is None, through PySide6."""
    ptr = _pointer(painter) if fn is not None else 0
    for pen, path in items:
        painter.setPen(pen)
        if fn is None:
            painter.drawPath(path)
        else:
            fn(ptr, _pointer(path))
        if drawn is not None:
            drawn(path)


def draw_paths(
    painter: QPainter,
    items: Sequence[tuple[QPen, QPainterPath]],
    scratch: QImage | None = None,
    drawn: Callable[[QPainterPath], None] | None = None,
) -> int:
    """Stroke each ``(pen, path)`` of ``items`` in order with no brush, as ``painter.drawPath``
    one after another would, on several threads when that pays.

    Parameters
    ----------
    painter : QPainter
        Active painter; its transform, opacity, render hints and clip apply (as set on entry).
    items : sequence of (QPen, QPainterPath)
        Drawn in order (later paths over earlier ones).
    scratch : QImage, optional
        A spare ARGB32_Premultiplied image of the device's size and pixel ratio for the second
        share (saves allocating one); it is cleared first and left with that share's pixels.
    drawn : callable, optional
        Called with each path right after it is drawn, on the thread that drew it (e.g. to let
        Qt's drawing copy of the path go before the next is drawn).

    Returns
    -------
    int
        The number of threads that drew (1: sequential).

    Notes
    -----
    The painter's brush is left as NoBrush and its pen as one of the items'.
    """
    painter.setBrush(Qt.BrushStyle.NoBrush)
    fn = native_draw_path()
    counts = [p.elementCount() for _, p in items]
    threads = thread_count()
    if fn is None or threads < 2 or len(items) < 2 or sum(counts) < MIN_PARALLEL_ELEMENTS or not _can_share(painter, items):
        _stroke(painter, items, fn, drawn)
        return 1
    shares = _splits(counts, threads)
    device = painter.device()
    w, h, dpr = device.width(), device.height(), device.devicePixelRatioF()
    # worldMatrixEnabled() is False with no world transform in effect (identity, or one set then
    # disabled with setWorldMatrixEnabled(False)): the scratch painters then draw untransformed
    transform = painter.worldTransform() if painter.worldMatrixEnabled() else QTransform()
    opacity, hints = painter.opacity(), painter.renderHints()
    origin = painter.brushOrigin()
    clip = painter.clipPath() if painter.hasClipping() else None
    for pen, _ in items:
        # QPen fills in its dash pattern on first use, unguarded: done here, before the threads
        pen.dashPattern()

    def draw_into(index: int, start: int, stop: int) -> QImage:
        if index == 1 and scratch is not None and (scratch.width(), scratch.height()) == (w, h):
            img = scratch
        else:
            img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
            img.setDevicePixelRatio(dpr)
        img.fill(0)
        p = QPainter(img)
        try:
            p.setRenderHints(hints)
            p.setTransform(transform)
            p.setBrushOrigin(origin)
            if clip is not None:  # each path clipped once, as on the device (antialiased clip edges)
                p.setClipPath(clip)
            p.setOpacity(opacity)
            p.setBrush(Qt.BrushStyle.NoBrush)
            _stroke(p, items[start:stop], fn, drawn)
        finally:
            p.end()
        return img

    with _lock:  # a concurrent call that grows the pool must not shut this one down before submitting
        pool = _executor(len(shares) - 1)
        futures = [pool.submit(draw_into, i, a, b) for i, (a, b) in enumerate(shares) if i]
    try:
        _stroke(painter, items[shares[0][0]:shares[0][1]], fn, drawn)
    finally:
        images = [f.result() for f in futures]
    painter.save()
    try:
        painter.resetTransform()
        painter.setClipping(False)  # the shares were clipped as they were drawn
        painter.setOpacity(1.0)
        for img in images:
            painter.drawImage(QPointF(0, 0), img)
    finally:
        painter.restore()
    return len(shares)


def draw_image_bands(
    target: QImage,
    image: QImage,
    offsets: Sequence[tuple[float, float]],
    mode: QPainter.CompositionMode = QPainter.CompositionMode.CompositionMode_SourceOver,
    smooth: bool = True,
) -> int:
    """Draw ``image`` onto ``target`` once at each of ``offsets`` (logical pixels, as
    ``QPainter.drawImage(QPointF(dx, dy), image)``) with the composition ``mode``, as one painter
    drawing them in order would -- split into horizontal bands of ``target``'s rows drawn by
    several threads at once (issue 9: the wide-line dilation, 5 to 17 whole-frame ``drawImage``
    calls a frame).

    Each thread paints its own QImage over ``target``'s memory (no copy) clipped to its band of
    rows: every pixel is computed from the same positions as on the whole image (Qt rounds a
    position that falls on half a pixel away from zero, so a band translated to its first row
    could round differently) and the bands never overlap, so the threads write disjoint memory.
    Where the native call is missing, one thread is configured (``ATLAS_PAINT_THREADS=1``),
    ``target`` has fewer than 2 x :data:`MIN_BAND_ROWS` rows or a fractional device pixel ratio
    (band edges between device rows), one painter draws everything on the calling thread.

    Parameters
    ----------
    target : QImage
        ARGB32_Premultiplied (or RGB32) image drawn onto; not being painted by anyone else.
    image : QImage
        The source, drawn whole at each offset.
    offsets : sequence of (float, float)
        Positions of ``image``'s top-left corner in ``target``'s logical pixels.
    mode : QPainter.CompositionMode
        Composition of every draw (the dilation uses ``CompositionMode_Lighten``).
    smooth : bool
        Bilinear sampling at fractional offsets (``SmoothPixmapTransform``).

    Returns
    -------
    int
        The number of threads that drew (1: one painter on the calling thread).
    """
    fn = native_draw_image()
    threads = thread_count()
    h = target.height()
    bands = min(threads, h // MIN_BAND_ROWS)
    points = [QPointF(dx, dy) for dx, dy in offsets]

    def paint(device: QImage, band: QRect | None) -> None:
        p = QPainter(device)
        try:
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
            p.setCompositionMode(mode)
            if band is not None:
                p.setClipRect(band)
            if fn is None:
                for pt in points:
                    p.drawImage(pt, image)
            else:
                pp, ip = _pointer(p), _pointer(image)
                for pt in points:
                    fn(pp, _pointer(pt), ip)
        finally:
            p.end()

    dpr = target.devicePixelRatioF()
    if fn is None or bands < 2 or target.format() not in SHARE_FORMATS or dpr != round(dpr):
        paint(target, None)
        return 1
    # bands in logical rows; an integral pixel ratio puts their edges on device rows
    lw, lh = round(target.width() / dpr), h // round(dpr)
    rows = [round(lh * i / bands) for i in range(bands)] + [lh + 1]
    clips = [QRect(0, y0, lw + 1, y1 - y0) for y0, y1 in zip(rows, rows[1:])]
    buffer = target.bits()  # detaches target if shared: its rows are written in place below
    views = []
    for _ in clips[1:]:
        view = QImage(buffer, target.width(), h, target.bytesPerLine(), target.format())
        view.setDevicePixelRatio(dpr)
        views.append(view)
    with _lock:
        pool = _executor(bands - 1)
        futures = [pool.submit(paint, view, clip) for view, clip in zip(views, clips[1:])]
    try:
        paint(target, clips[0])
    finally:
        for f in futures:
            f.result()
    del views
    return bands
