"""Options shared by every exporter (PNG, HTML), and the view they imply. No Qt.

The GUI dialogs and the command line both fill a :class:`ExportOptions` and call the same
exporter function with it (qgis2web's single writer, without its GUI arguments).
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import DEFAULT_BBOX, MapDocument
from .errors import ExportError
from .temporal import TimeFilter
from .viewport import Viewport


@dataclass
class ExportOptions:
    """What to export.

    Attributes
    ----------
    width, height : int
        Image size in pixels (PNG); also the aspect of the HTML initial view.
    bbox : tuple of float or None
        ``(west, south, east, north)`` in degrees; None: the document's view or full extent.
    title : str or None
        Map title; None uses the document's title.
    dpi : float
        Resolution written into the PNG; line widths and fonts scale with ``dpi / 96``.
    year : int or None
        Time filter "as of the end of year"; None keeps the document's year.
    html_time_slider : bool
        HTML export: keep every feature with its interval (``_t0``/``_t1``, epoch ms) and a time
        slider in the page with the controller's semantics; False bakes the current filter in.
    time_filter : TimeFilter or None
        An explicit time filter (an animation frame, a small-multiples panel); overrides
        ``year`` and the document's filter.
    html_self_contained : bool
        HTML export: inline Leaflet (from the ``xstatic-leaflet`` package) so the page works with
        no network; False links folium's CDN files instead (smaller page, needs the network).
    """

    width: int = 1600
    height: int = 1000
    bbox: tuple[float, float, float, float] | None = None
    title: str | None = None
    dpi: float = 96.0
    year: int | None = None
    html_self_contained: bool = True
    time_filter: TimeFilter | None = None
    html_time_slider: bool = True

    def validate(self) -> None:
        """Raise :class:`ExportError` for sizes or a bbox that cannot be drawn."""
        if not (16 <= self.width <= 20000 and 16 <= self.height <= 20000):
            raise ExportError(f"image size {self.width}x{self.height} px is outside 16..20000 px")
        if not (24 <= self.dpi <= 1200):
            raise ExportError(f"DPI {self.dpi} is outside 24..1200")
        if self.bbox is not None:
            w, s, e, n = self.bbox
            # west > east is a bbox across the antimeridian (RFC 7946 §5.2), e.g. 150,-50,-120,10
            # (west in the eastern hemisphere, east in the western one; "10,5,0,6" stays an error)
            east = e + 360 if (e < w and -180 <= e < 0 < w <= 180) else e
            if not (-180 <= w < east <= 540 and -90 <= s < n <= 90 and east - w <= 360):
                raise ExportError(
                    f"bbox {w},{s},{e},{n} is not west<east (or across ±180), south<north in degrees"
                )


def parse_size(text: str) -> tuple[int, int]:
    """Parse ``"WxH"`` (pixels), e.g. ``"1600x1000"``.

    Raises
    ------
    ExportError
    """
    try:
        w, h = text.lower().split("x")
        return int(w), int(h)
    except ValueError:
        raise ExportError(f"--size {text!r}: expected WIDTHxHEIGHT in pixels, e.g. 1600x1000") from None


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse ``"W,S,E,N"`` in degrees.

    Raises
    ------
    ExportError
    """
    try:
        parts = tuple(float(v) for v in text.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise ExportError(f"--bbox {text!r}: expected W,S,E,N in degrees, e.g. 90,-12,142,30")
    return parts  # type: ignore[return-value]


#: Latitudes shown when a bbox spans the whole world (Web Mercator makes polar areas enormous;
#: -60..80 keeps every inhabited coast and makes the world about 1.6:1, like a 1600x1000 image).
WORLD_LATITUDES = (-60.0, 80.0)


def map_bbox(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The bbox to *show* for a data bbox: a world-wide one (west <= -170, east >= 170) has its
    latitudes clipped to :data:`WORLD_LATITUDES`; any other is returned unchanged."""
    w, s, e, n = bbox
    if w <= -170.0 and e >= 170.0:
        lo, hi = WORLD_LATITUDES
        s2, n2 = max(s, lo), min(n, hi)
        if s2 < n2:
            return w, s2, e, n2
    return bbox


def default_bbox(document: MapDocument) -> tuple[float, float, float, float]:
    """The bbox an export shows when none is given.

    The Atlas region (:data:`DEFAULT_BBOX`) when a built-in layer is in the document; otherwise
    the full extent of the visible layers; the region when nothing has an extent.
    """
    if any(lyr.builtin for lyr in document.layers):
        return DEFAULT_BBOX
    extent = document.full_extent()
    return map_bbox(extent) if extent else DEFAULT_BBOX


def export_viewport(document: MapDocument, options: ExportOptions) -> Viewport:
    """The view of an export: ``options.bbox`` (or :func:`default_bbox`) fitted to the image size.

    The bbox is widened along one axis to the image's aspect ratio, never cropped.
    """
    vp = Viewport(width=options.width, height=options.height)
    bbox = options.bbox or default_bbox(document)
    vp.fit_bbox(bbox, pad=0.0 if options.bbox else 0.03)
    return vp


def export_time_filter(document: MapDocument, options: ExportOptions) -> TimeFilter | None:
    """The time filter an export draws: ``options.time_filter``, else "as of ``options.year``"
    (with the document's end-date semantics), else the document's current filter (None: off)."""
    if options.time_filter is not None:
        return options.time_filter
    if options.year is not None:
        years = document.time.copy()
        years.set_step("year", 1)
        return years.filter_at(int(options.year))
    return document.time_filter


def stamp_text(time_filter: TimeFilter | None) -> tuple[str | None, str | None]:
    """Date stamp and title subtitle of an export: ``("2017", "As of 2017")``; Nones when off."""
    if time_filter is None:
        return None, None
    if time_filter.mode == "as_of":
        return time_filter.label, f"As of {time_filter.label}"
    return time_filter.label, f"Features present in {time_filter.label}"
