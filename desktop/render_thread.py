"""Map frames rendered off the GUI thread (issue 9: the window answers input during any frame).

A :class:`FrameWorker` owns one plain Python thread that paints a map document into a QImage with
the canvas's :class:`~asean_atlas.desktop.renderer.MapRenderer`. The GUI thread hands it the
latest request (an older request not yet started is replaced) and polls for the result with a
QTimer, as the layer loader does: no Qt signal crosses threads (a queued signal from a worker
QThread once raced with shiboken and crashed the process, see ``desktop/loader.py``). Painting a
QImage with QPainter outside the GUI thread is supported by Qt; the renderer's caches are guarded by
its lock, which exports on the GUI thread take too.

The thread ends after :data:`IDLE_S` seconds without work and starts again on the next request, so
closed canvases leave no thread behind.
"""

from __future__ import annotations

import dataclasses
import threading
import time

from PySide6.QtGui import QImage, QPainter

#: Seconds without a request after which the worker thread ends.
IDLE_S = 5.0


@dataclasses.dataclass
class Frame:
    """A rendered frame: the request's ``token``, the image, and the render time in seconds."""

    token: object
    image: QImage
    seconds: float


class FrameWorker:
    """Renders map frames on a worker thread, latest request first.

    Parameters
    ----------
    renderer : MapRenderer
        Shared with the canvas (its caches make later frames fast); used under its lock.
    """

    def __init__(self, renderer) -> None:
        self.renderer = renderer
        self._cond = threading.Condition()
        self._job: tuple | None = None
        self._result: Frame | None = None
        self._busy = False
        self._thread: threading.Thread | None = None
        self.errors: list[BaseException] = []

    def request(self, token, document, viewport, time_filter, dpr: float, antialiasing: bool = True) -> None:
        """Render ``document`` as seen through a copy of ``viewport`` at ``time_filter``, with or
        without ``antialiasing`` (:meth:`MapRenderer.render`); replaces a request not started
        yet. ``token`` comes back with the frame (:meth:`take`)."""
        job = (token, document, dataclasses.replace(viewport), time_filter, dpr, antialiasing)
        with self._cond:
            self._job = job
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="asean-atlas-render", daemon=True)
                self._thread.start()
            self._cond.notify()

    @property
    def pending(self) -> bool:
        """Whether a request is queued, being rendered, or finished and not taken yet (the canvas
        polls until then: a frame that finishes between a poll's :meth:`take` and its check of
        ``pending`` is not left behind)."""
        with self._cond:
            return self._busy or self._job is not None or self._result is not None

    def take(self) -> Frame | None:
        """The newest finished frame (once), or None."""
        with self._cond:
            frame, self._result = self._result, None
            return frame

    def _run(self) -> None:
        while True:
            with self._cond:
                if self._job is None:
                    self._cond.wait(IDLE_S)
                if self._job is None:
                    self._thread = None if self._thread is threading.current_thread() else self._thread
                    return
                token, document, viewport, time_filter, dpr, antialiasing = self._job
                self._job = None
                self._busy = True
            try:
                t = time.perf_counter()
                image = QImage(round(viewport.width * dpr), round(viewport.height * dpr),
                               QImage.Format.Format_ARGB32_Premultiplied)
                image.setDevicePixelRatio(dpr)
                painter = QPainter(image)
                try:
                    # the canvas draws its date stamp (top right) and scale bar (bottom right) over the
                    # frame: labels keep out of those corners
                    w, h = viewport.width, viewport.height
                    corners = [(w - 200.0, h - 44.0, float(w), float(h)), (w - 150.0, 0.0, float(w), 70.0)]
                    self.renderer.render(painter, document, viewport, time_filter=time_filter, reserved=corners,
                                         antialiasing=antialiasing)
                finally:
                    painter.end()
                frame = Frame(token, image, time.perf_counter() - t)
            except BaseException as exc:  # noqa: BLE001 - reported on the GUI thread, never lost
                self.errors.append(exc)
                frame = None
            with self._cond:
                self._busy = False
                if frame is not None:
                    self._result = frame
