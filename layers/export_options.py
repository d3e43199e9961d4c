"""Options shared by every exporter (PNG, HTML), and the view they imply. No Qt.

The GUI dialogs and the command line both fill a :class:`ExportOptions` and call the same
exporter function with it (qgis2web's single writer, without its GUI arguments).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .document import DEFAULT_BBOX, MapDocument
from .errors import ExportError
from . import page_size as _page_size
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
    legend : str
        Legend position of the PNG/SVG/PDF page: "auto" (right of the map on a landscape page,
        under it in columns otherwise), "right", "bottom", "inside" (the map's emptiest corner)
        or "off".
    scale_bar, north_arrow, date_stamp : bool
        Draw them (under the map; the date stamp in the title band).
    locator : bool
        A locator inset (PNG/SVG/PDF): a small overview map in the map frame's emptiest corner,
        the frame's extent outlined on it (QGIS's "overview" map item). Off by default.
    subtitle : str or None
        Text under the title; None: "As of YEAR" when a time filter is on.
    sources_footnote : bool
        List, numbered under the map, the sources of the features in view (PNG/SVG/PDF).
    center, scale_denominator : optional
        ``(lon, lat)`` in degrees and the map scale 1:N (N in EPSG:3857 metres per metre of page
        at ``dpi``, as QGIS's print layouts count it): the map frame shows this centre at this
        scale, whatever its pixel shape (the window's export dialog keeps the canvas's centre and
        scale). Both given: they override ``bbox``.
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
    legend: str = "auto"
    scale_bar: bool = True
    north_arrow: bool = True
    date_stamp: bool = True
    subtitle: str | None = None
    sources_footnote: bool = True
    center: tuple[float, float] | None = None
    scale_denominator: float | None = None
    locator: bool = False

    def validate(self) -> None:
        """Raise :class:`ExportError` for sizes or a bbox that cannot be drawn."""
        if not (16 <= self.width <= 20000 and 16 <= self.height <= 20000):
            raise ExportError(f"image size {self.width}x{self.height} px is outside 16..20000 px")
        if not (24 <= self.dpi <= 1200):
            raise ExportError(f"DPI {self.dpi} is outside 24..1200")
        if (self.center is None) != (self.scale_denominator is None):
            raise ExportError("give both the centre and the scale of the map, or neither")
        if self.center is not None:
            lon, lat = self.center
            if not (-180 <= lon <= 180 and -85 <= lat <= 85) or not (100 <= self.scale_denominator <= 1e10):
                raise ExportError(f"centre {lon},{lat} or scale 1:{self.scale_denominator:g} is out of range "
                                  "(lon -180..180, lat -85..85, scale 1:100 to 1:10,000,000,000)")
        if self.legend not in ("auto", "right", "bottom", "inside", "off"):
            raise ExportError(f"legend position {self.legend!r}: expected auto, right, bottom, inside or off")
        if self.bbox is not None:
            w, s, e, n = self.bbox
            # west > east is a bbox across the antimeridian (RFC 7946 §5.2), e.g. 150,-50,-120,10
            # (west in the eastern hemisphere, east in the western one; "10,5,0,6" stays an error)
            east = e + 360 if (e < w and -180 <= e < 0 < w <= 180) else e
            if not (-180 <= w < east <= 540 and -90 <= s < n <= 90 and east - w <= 360):
                raise ExportError(
                    f"bbox {w},{s},{e},{n} is not west<east (or across ±180), south<north in degrees"
                )


#: Page presets and ``--size`` parsing live in :mod:`.page_size` (standard library only: the window's
#: start-up parses ``--size`` before numpy and pandas load); here for the exports' callers.
PAGE_PRESETS = _page_size.PAGE_PRESETS
parse_size = _page_size.parse_size


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


def export_bbox(document: MapDocument, options: ExportOptions) -> tuple[tuple[float, float, float, float], float]:
    """The bbox an export shows (``options.bbox``, else :func:`default_bbox`) and the margin to add
    around it (a fraction of its size: 0 for a bbox the user gave, 3 % for the default)."""
    if options.bbox:
        return options.bbox, 0.0
    return default_bbox(document), 0.03


def export_viewport(document: MapDocument, options: ExportOptions) -> Viewport:
    """The view of an export the size of the whole image: ``options.bbox`` (or
    :func:`default_bbox`) fitted to it, widened along one axis to its aspect ratio, never cropped.
    The HTML page's initial view; the PNG/SVG/PDF map frame is a part of the page
    (:func:`asean_atlas.desktop.layout.page_layout`)."""
    vp = Viewport(width=options.width, height=options.height)
    place_view(vp, document, options)
    return vp


def place_view(vp: Viewport, document: MapDocument, options: ExportOptions) -> None:
    """Centre and zoom ``vp`` (a map frame or the HTML page) for ``options``: at
    ``options.center`` and 1:``options.scale_denominator`` when given (one page pixel is
    ``N * 0.0254 / dpi`` metres of EPSG:3857), else the export's bbox fitted to it."""
    if options.center is not None and options.scale_denominator is not None:
        from .projection import lonlat_to_display

        x, y = lonlat_to_display(np.array([options.center[0]]), np.array([options.center[1]]))
        vp.cx, vp.cy = float(x[0]), float(y[0])
        vp.resolution = float(options.scale_denominator) * 0.0254 / float(options.dpi)
        return
    bbox, pad = export_bbox(document, options)
    vp.fit_bbox(bbox, pad=pad)


def scale_denominator(vp: Viewport, dpi: float = 96.0) -> float:
    """The scale 1:N of ``vp`` printed at ``dpi``: N = metres (EPSG:3857) per pixel / metres of
    page per pixel."""
    return vp.resolution / (0.0254 / dpi)


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


def stamp_text(time_filter: TimeFilter | None, language: str = "en") -> tuple[str | None, str | None]:
    """Date stamp and title subtitle of an export: ``("2017", "As of 2017")``, in Chinese
    ``("2017年", "截至2017年")`` (:mod:`.map_text`); Nones when off."""
    from .map_text import date_label, map_text

    if time_filter is None:
        return None, None
    label = date_label(time_filter.label, language)
    if time_filter.mode == "as_of":
        return label, map_text("As of {label}", language, label=label)
    return label, map_text("Features present in {label}", language, label=label)
