"""The ``asean-atlas`` command line: open the window, export headless, describe a file.

Usage::

    asean-atlas [FILE ...] [--year YEAR] [--no-builtin] [--size WxH]
    asean-atlas --screenshot PATH [FILE ...] [--year YEAR] [--size WxH]
    asean-atlas export [--layer FILE]... [--no-builtin] [--year YEAR] [--size WxH]
                       [--bbox W,S,E,N] [--title TEXT] [--dpi DPI] [--png PATH] [--html PATH]
    asean-atlas info FILE [--layer NAME] [--encoding ENC] [--crs CRS]

Exit status: 0 success; 2 bad input (a one-line message naming the file and the problem, no
traceback); 1 an internal error (one line as well).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence

from asean_atlas.layers.errors import AtlasError, printable

PROG = "asean-atlas"
#: the window's size when ``--size`` is not given (then made smaller to fit the screen)
DEFAULT_WINDOW_SIZE = "1400x900"
#: Where the window's picture goes when there is no display (see :func:`run_gui`).
NO_DISPLAY_SCREENSHOT = "asean-atlas-window.png"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse prints the usage too)
        # the message may quote an argument, i.e. a file name: escaped for the terminal (issue 8)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def _export_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=f"{PROG} export", description="Render the map headless to PNG and/or HTML.")
    p.add_argument("--project", metavar="FILE.atlas.json",
                   help="replay a project saved in the window: its layers, styles, filters, time and view "
                   "(--layer adds layers on top; --year, --bbox and --title override)")
    p.add_argument("--layer", action="append", default=[], metavar="FILE",
                   help="vector file to add (repeatable); FILE.gpkg|layername=NAME for one layer of a GeoPackage")
    p.add_argument("--crs", help="CRS of --layer files that name none, e.g. EPSG:32647")
    p.add_argument("--lang", choices=("en", "zh_CN", "zh_TW"), default=None,
                   help="language of the map: title, legend, layer titles, date stamp (2024年), scale bar, "
                   "sources (default: the project's, else en)")
    p.add_argument("--cable-colours", choices=("atlas", "telegeography"), default="atlas",
                   help="built-in cables by status (atlas, default) or in TeleGeography's colours")
    p.add_argument("--encoding", help="text encoding of the --layer files, e.g. cp874, gbk, big5 (default: detected)")
    p.add_argument("--no-builtin", action="store_true", help="leave out the built-in layers")
    p.add_argument("--year", type=int, help="time filter: show features as of the end of YEAR")
    p.add_argument("--filter", action="append", default=[], metavar="LAYER=EXPRESSION",
                   help="attribute filter of a layer (repeatable): LAYER is its title, its file name or "
                   "a built-in id (cables, landing_stations, ...), e.g. --filter 'cables=status == \"in service\"'; "
                   "the footer says 'filtered: ...'")
    p.add_argument("--size", default=None,
                   help="page size: WxH in pixels (default 1600x1000; with --project 1600 wide at the saved view's "
                   "aspect), WxHmm in millimetres at --dpi, or A4, A4-landscape, A3, A3-landscape, 16:9, 4:5, square")
    p.add_argument("--bbox", help="W,S,E,N in degrees (default: the Atlas region, or the layers' extent)")
    p.add_argument("--center", metavar="LON,LAT", help="centre of the map in degrees, with --scale (instead of --bbox)")
    p.add_argument("--scale", type=float, metavar="N", help="map scale 1:N at --dpi (EPSG:3857 metres), with --center")
    p.add_argument("--title", help="map title (default 'ASEAN Digital Atlas'; '' for none)")
    p.add_argument("--subtitle", help="text under the title (default 'As of YEAR' when a time filter is on; '' for none)")
    p.add_argument("--legend", choices=("auto", "right", "bottom", "inside", "off"), default="auto",
                   help="legend of the PNG/SVG/PDF: right of the map on a landscape page, under it in columns "
                   "otherwise (auto), or right, bottom, inside (the map's emptiest corner), off")
    p.add_argument("--no-scale-bar", dest="scale_bar", action="store_false", help="leave out the scale bar")
    p.add_argument("--no-north-arrow", dest="north_arrow", action="store_false", help="leave out the north arrow")
    p.add_argument("--locator", action="store_true",
                   help="add a locator inset: an overview map with the map's extent outlined, in the map's emptiest corner")
    p.add_argument("--no-date-stamp", dest="date_stamp", action="store_false", help="leave out the date stamp")
    p.add_argument("--no-sources", dest="sources_footnote", action="store_false",
                   help="leave out the numbered sources footnote under the map")
    p.add_argument("--dpi", type=float, default=96.0, help="PNG resolution; widths and fonts scale with it")
    p.add_argument("--png", metavar="PATH", help="write a PNG")
    p.add_argument("--html", metavar="PATH", help="write an interactive HTML map (folium)")
    p.add_argument("--svg", metavar="PATH", help="write an SVG: vector paths and real text, the PNG's layout")
    p.add_argument("--pdf", metavar="PATH", help="write a one-page PDF (the page is --size at --dpi): vector, selectable text")
    # time (issue 5): animation and small multiples
    p.add_argument("--gif", metavar="PATH", help="write an animated GIF of the time playback, one frame per step")
    p.add_argument("--mp4", metavar="PATH", help="write an MP4 video (H.264) of the time playback, one step per "
                   "--frame-ms (encoder: the ffmpeg of the imageio-ffmpeg package)")
    p.add_argument("--fps", type=float, default=None, help="video frame rate of --mp4 (default 25); each step is "
                   "held for --frame-ms")
    p.add_argument("--from", dest="time_from", metavar="DATE", help="first step of --gif/--mp4: a year or an ISO date")
    p.add_argument("--to", dest="time_to", metavar="DATE", help="last step of --gif/--mp4: a year or an ISO date")
    p.add_argument("--step", default=None, help="step of --gif/--mp4: 1y (default), 5y, 1m, 6m or source (the data's dates)")
    p.add_argument("--frame-ms", type=int, default=700, help="display time of a GIF frame or MP4 step in ms (default 700)")
    p.add_argument("--mode", choices=("as-of", "window"), default=None,
                   help="time filter: as of each step (cumulative, default; a --project keeps its own) or a window of one step")
    p.add_argument("--end-inclusive", action="store_true", help="read end dates as the last date of service")
    p.add_argument("--small-multiples", metavar="Y1,Y2,...",
                   help="write PNG --png as side-by-side maps as of these years, e.g. 2010,2015,2020,2025")
    return p


def _main_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="ASEAN Digital Atlas: China–ASEAN digital infrastructure on a map. "
        "Subcommands: 'export' (headless PNG/HTML), 'info FILE', 'analyze' (connectivity, what-if cuts), "
        "'db' (PostGIS).",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="vector files to open as layers")
    p.add_argument("--year", type=int, help="start with the time slider at YEAR")
    p.add_argument("--no-builtin", action="store_true", help="leave out the built-in layers")
    p.add_argument("--project", metavar="FILE.atlas.json", help="open a project saved with File > Save project")
    p.add_argument("--screenshot", metavar="PATH", help="save a PNG of the whole window once painted, then exit")
    p.add_argument("--size", default=None,
                   help="window size WxH (default 1400x900, made smaller to fit the screen's free area; "
                   "--screenshot: exactly 1400x900)")
    p.add_argument("--lang", choices=("en", "zh_CN", "zh_TW"), default=None,
                   help="interface language: en, zh_CN (简体中文) or zh_TW (繁體中文); default: the one "
                   "chosen in View > Language, else the system's")
    return p


def _say(text: str, stream=None) -> None:
    """Print one line; a closed pipe (``asean-atlas export ... | head -1``) ends the printing, not
    the export: the rest of the output goes to /dev/null."""
    stream = stream or sys.stdout
    try:
        print(text, file=stream, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def _no_display() -> bool:
    """True on Linux/BSD when Qt has no screen to open a window on."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith(("linux", "freebsd")):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _use_offscreen() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def qt_app():
    """The process's Qt application for painting headless exports (made offscreen when none
    runs yet; Qt needs one before any QImage or QFont)."""
    _use_offscreen()
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([PROG])


def build_document(
    files: Sequence[str],
    builtin: bool = True,
    year: int | None = None,
    title: str | None = None,
    crs: str | None = None,
    encoding: str | None = None,
):
    """A MapDocument with the built-in layers (unless ``builtin`` is False) and ``files`` on top.

    ``crs`` (for files that name none) and ``encoding`` apply to every file; a file may name
    one layer of a GeoPackage as ``FILE.gpkg|layername=NAME``.

    Raises
    ------
    LayerLoadError
        The first file that cannot be read.
    """
    from asean_atlas.layers.builtin import builtin_layers
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.io import read_layer
    from asean_atlas.layers.postgis import is_postgis_source

    doc = MapDocument(title=title or "ASEAN Digital Atlas")
    if builtin:
        for layer in builtin_layers():
            doc.add_layer(layer)
    for f in files:
        if is_postgis_source(f):  # a PostGIS table (issue 15): postgresql://…?table=schema.name
            from asean_atlas.layers.postgis import read_postgis_layer

            doc.add_layer(read_postgis_layer(f, color=doc.unused_color()))
        else:
            doc.add_layer(read_layer(f, color=doc.unused_color(), crs=crs, encoding=encoding))
    doc.set_year(year)
    return doc


def project_document(args, options):
    """The document of ``--project`` (plus ``--layer`` files on top); the project's view and
    title go into ``options`` unless ``--bbox``/``--title`` are given; ``--year`` overrides its
    time. Layers whose file is missing or unreadable are an error (exit 2): an export must draw
    what the window showed.

    Raises
    ------
    ProjectError
        The project cannot be read, or one of its layers is missing or unreadable.
    """
    from asean_atlas.layers.io import read_layer
    from asean_atlas.layers.project import ProjectError, load_project

    loaded = load_project(args.project)
    problems = [f"layer file not found: {m.entry.get('source')!r} (looked for {', '.join(dict.fromkeys(m.tried))})"
                for m in loaded.missing]
    problems += loaded.errors
    if problems:
        raise ProjectError(f"{args.project}: " + "; ".join(problems))
    if loaded.analysis_error:  # not drawn by an export: said, not fatal
        _say(f"warning: {printable(loaded.analysis_error)}")
    doc = loaded.document
    # the project's map language (as the window opens it); --lang overrides it
    doc.language = loaded.language if loaded.language in ("en", "zh_CN", "zh_TW") else "en"
    for f in args.layer:
        doc.add_layer(read_layer(f, color=doc.unused_color(), crs=args.crs, encoding=args.encoding))
    if args.year is not None:
        doc.set_year(args.year)
    if args.bbox is None and loaded.bbox is not None:
        options.bbox = loaded.bbox
    if args.size is None and loaded.size is not None:  # the window's shape, 1600 pixels wide
        w, h = loaded.size
        options.width, options.height = 1600, max(16, round(1600 * h / max(w, 1)))
    if args.title is None and doc.title != "ASEAN Digital Atlas":  # the default follows --lang
        options.title = doc.title
    return doc


def find_layer(doc, name: str):
    """The layer of ``doc`` that ``name`` designates: its title, its source, its file name (with
    or without suffix), or a built-in id (``cables``); None if none does."""
    from pathlib import Path

    for layer in doc.layers:
        src = layer.source
        names = {layer.title, src}
        if src.startswith("builtin:"):
            names.add(src.split(":", 1)[1])
        elif src:
            p = Path(src.split("|", 1)[0])
            names |= {p.name, p.stem}
        if name in names:
            return layer
    return None


def apply_filter_option(doc, spec: str) -> None:
    """Apply one ``--filter LAYER=EXPRESSION``.

    Raises
    ------
    ExportError
        No ``=``, or no layer of that name.
    FilterError
        The expression does not parse or names a missing attribute.
    """
    from asean_atlas.layers.errors import ExportError

    # LAYER may itself hold "=": take the longest layer name that the spec starts with
    name, sep, expression = spec.partition("=")
    for lyr in doc.layers:
        for candidate in {lyr.title, lyr.source}:
            if candidate and spec.startswith(candidate + "=") and len(candidate) > len(name):
                name, sep, expression = candidate, "=", spec[len(candidate) + 1:]
    if not sep or not name.strip() or not expression.strip():
        raise ExportError(f"--filter {spec!r}: expected LAYER=EXPRESSION, e.g. cables=status == 'in service'")
    layer = find_layer(doc, name.strip())
    if layer is None:
        titles = ", ".join(repr(lyr.title) for lyr in doc.layers)
        raise ExportError(f"--filter {spec!r}: no layer named {name.strip()!r} (layers: {titles})")
    from asean_atlas.layers.filter import FilterError

    try:
        layer.set_filter(expression)
    except FilterError as exc:
        raise FilterError(f"--filter for {layer.title!r}: {exc}") from None


def run_export(argv: Sequence[str]) -> int:
    """``asean-atlas export``: see the module docstring. Returns the exit status."""
    args = _export_parser().parse_args(argv)
    from asean_atlas.layers.export_options import ExportOptions, parse_bbox, parse_size
    from asean_atlas.layers.errors import ExportError

    width, height = parse_size(args.size or "1600x1000", args.dpi)
    options = ExportOptions(
        width=width,
        height=height,
        bbox=parse_bbox(args.bbox) if args.bbox else None,
        title=args.title,
        dpi=args.dpi,
        year=args.year,
        legend=args.legend,
        scale_bar=args.scale_bar,
        north_arrow=args.north_arrow,
        locator=args.locator,
        date_stamp=args.date_stamp,
        subtitle=args.subtitle,
        sources_footnote=args.sources_footnote,
        center=_parse_center(args.center),
        scale_denominator=args.scale,
    )
    options.validate()
    if args.small_multiples and not args.png:
        raise ExportError("--small-multiples writes the PNG: give --png PATH too")
    if not args.png and not args.html and not args.gif and not args.svg and not args.pdf and not args.mp4:
        raise ExportError("nothing to export: give --png, --svg, --pdf, --html, --gif and/or --mp4 PATH")
    _check_export_args(args)  # every option checked before any layer is read
    if args.project:
        doc = project_document(args, options)
    else:
        doc = build_document(args.layer, builtin=not args.no_builtin, year=args.year, title=args.title,
                             crs=args.crs, encoding=args.encoding)
    if not doc.layers:
        raise ExportError("no layers: give --layer FILE or drop --no-builtin")
    if args.lang is not None:
        doc.language = args.lang
    if args.cable_colours != "atlas":
        from asean_atlas.layers.builtin import cable_style

        for layer in doc.layers:
            if layer.source == "builtin:cables":
                layer.set_style(cable_style(layer, args.cable_colours))
    if args.mode is not None or not args.project:
        doc.time.set_mode("window" if args.mode == "window" else "as_of")
    if args.end_inclusive or not args.project:
        doc.time.set_end_inclusive(args.end_inclusive)
    if args.project and args.year is None:
        options.time_filter = doc.time_filter  # the project's time, as the window showed it
    for spec in args.filter:
        apply_filter_option(doc, spec)
    for layer in doc.layers:
        line = f"{layer.title}: {layer.report.counts()}"
        if layer.filter is not None:
            line += f" ({int(layer.filter_mask().sum())} pass the filter {layer.filter.expression})"
        if args.year is not None and layer.temporal is not None:
            line += f" ({int(layer.time_mask(args.year).sum())} as of {args.year})"
        _say(printable(line))
        for note in _warnings(layer):
            _say(f"  warning: {printable(note)}")
        undated = layer.undated_count() if options.time_filter is not None or args.year is not None \
            or doc.time_filter is not None else 0
        if undated and layer.temporal is not None and layer.temporal.undated == "show":
            _say(f"  warning: {undated} feature{'s' if undated != 1 else ''} without a date drawn at every date "
                 "(the layer shows undated features; hide them in the Time dock or with --filter)")
    # every output is written beside its final name first and renamed only when all are written:
    # an export never leaves one output and then fails on the next (issue 16)
    from asean_atlas.layers.atomic import Staging

    staging = Staging()
    stage = staging.stage
    wrote: list[str] = []

    try:
        if args.png:
            _use_offscreen()
            from .export import export_png

            _app = qt_app()  # noqa: F841 (kept alive while painting)
            if args.small_multiples:
                from .export import export_small_multiples

                out = export_small_multiples(doc, stage(args.png), options, _parse_years(args.small_multiples))
            else:
                from .labels import glyph_warnings
                from .renderer import MapRenderer

                renderer = MapRenderer()
                out = export_png(doc, stage(args.png), options, renderer)
                for note in glyph_warnings(renderer.last_labels):  # labels drawn as boxes: say so
                    _say(f"  warning: {printable(note)}")
            wrote.append(f"wrote {printable(str(staging.final(out)))}")
        for flag, kind in ((args.svg, "svg"), (args.pdf, "pdf")):
            if not flag:
                continue
            _use_offscreen()
            from .export import export_pdf, export_svg

            _app = qt_app()  # noqa: F841 (kept alive while painting)
            out = (export_svg if kind == "svg" else export_pdf)(doc, stage(flag), options)
            wrote.append(f"wrote {printable(str(staging.final(out)))}")
        if args.gif or args.mp4:
            _use_offscreen()
            from .export import MP4_FPS, animation_filters, export_gif, export_mp4, mp4_frame_repeats

            _app = qt_app()  # noqa: F841 (kept alive while painting)
            filters = animation_filters(doc, parse_when(args.time_from), parse_when(args.time_to), args.step or "1y")
            span = f"{filters[0].label} to {filters[-1].label}"
            if args.gif:
                out = export_gif(doc, stage(args.gif), options, filters, frame_ms=args.frame_ms)
                wrote.append(f"wrote {printable(str(staging.final(out)))} ({len(filters)} frames, {span})")
            if args.mp4:
                fps = args.fps or MP4_FPS
                out = export_mp4(doc, stage(args.mp4), options, filters, frame_ms=args.frame_ms, fps=fps)
                frames = len(filters) * mp4_frame_repeats(args.frame_ms, fps)
                wrote.append(f"wrote {printable(str(staging.final(out)))} ({len(filters)} steps, {frames} frames at "
                             f"{fps:g} fps, {span})")
        if args.html:
            from asean_atlas.layers.html_export import export_html

            out = export_html(doc, stage(args.html), options)
            wrote.append(f"wrote {printable(str(staging.final(out)))}")
        staging.commit()
    except BaseException as exc:
        staging.discard()
        if isinstance(exc, OSError):  # the rename: e.g. a folder of that name is in the way
            raise AtlasError(staging.user_text(f"cannot write {exc.filename2 or exc.filename}: {exc.strerror}")) from None
        if isinstance(exc, AtlasError) and staging.user_text(str(exc)) != str(exc):
            raise AtlasError(staging.user_text(str(exc))) from None  # the user's path, not the staged one
        raise
    for line in wrote:
        _say(line)
    return 0


def _parse_center(text: str | None) -> tuple[float, float] | None:
    """``--center LON,LAT`` in degrees."""
    if text is None:
        return None
    from asean_atlas.layers.errors import ExportError

    try:
        lon, lat = (float(v) for v in text.split(","))
    except ValueError:
        raise ExportError(f"--center {text!r}: expected LON,LAT in degrees, e.g. 110.5,8") from None
    return lon, lat


def _warnings(layer) -> list[str]:
    """What the load of ``layer`` left out or changed (:attr:`LoadReport.warnings`)."""
    return list(layer.report.warnings)


def _check_export_args(args: argparse.Namespace) -> None:
    """Reject bad export options with a message naming the option (before loading anything).

    Raises
    ------
    ExportError
    """
    from pathlib import Path

    from asean_atlas.layers.errors import ExportError
    from asean_atlas.layers.time_controller import parse_step

    if args.bbox and (args.center or args.scale):
        raise ExportError("--bbox and --center/--scale both give the map's view: use one of them")
    for option, value, suffixes in (
        ("--png", args.png, (".png",)),
        ("--html", args.html, (".html", ".htm")),
        ("--gif", args.gif, (".gif",)),
        ("--mp4", args.mp4, (".mp4",)),
        ("--svg", args.svg, (".svg",)),
        ("--pdf", args.pdf, (".pdf",)),
    ):
        if value is None:
            continue
        path = Path(value).expanduser()
        if path.suffix.lower() not in suffixes:
            raise ExportError(f"{option} {value}: the file name must end in {' or '.join(suffixes)}")
        if not path.resolve().parent.is_dir():
            raise ExportError(f"{option} {value}: folder {path.resolve().parent} does not exist")
    outputs = [Path(v).expanduser().resolve() for v in (args.png, args.html, args.gif, args.mp4, args.svg, args.pdf) if v]
    if len(set(outputs)) < len(outputs):
        raise ExportError("two outputs are given the same file name: give each its own")
    if args.small_multiples is not None:
        _parse_years(args.small_multiples)
    if args.fps is not None and not (1 <= args.fps <= 120):
        raise ExportError(f"--fps {args.fps:g}: expected 1 to 120 frames per second")
    if args.gif or args.mp4:
        if args.step:
            try:
                parse_step(args.step)
            except ValueError:
                raise ExportError(f"--step {args.step!r}: expected 1y, 5y, 1m, 6m or source") from None
        when = [(_parse_when_checked("--from", args.time_from)), _parse_when_checked("--to", args.time_to)]
        if when[0] is not None and when[1] is not None and when[0] > when[1]:
            raise ExportError(f"--from {args.time_from} is after --to {args.time_to}")
        if args.frame_ms is not None and not (20 <= args.frame_ms <= 60_000):
            raise ExportError(f"--frame-ms {args.frame_ms}: expected 20 to 60000 milliseconds per frame")


def _parse_when_checked(option: str, text: str | None):
    """The instant of ``--from``/``--to`` (a year or a date) as datetime64, None if not given."""
    from asean_atlas.layers.errors import ExportError
    from asean_atlas.layers.temporal import parse_dates

    if text is None:
        return None
    import numpy as np

    value = parse_dates([text.strip()])[0]
    if np.isnat(value):
        raise ExportError(f"{option} {text!r}: expected a year (2010) or a date (2010-06-01)")
    return value


def parse_when(text: str | None) -> int | str | None:
    """``--from``/``--to`` as :func:`~.export.animation_filters` takes them: a year (``"2010"``)
    as int, an ISO date as text, None as None (the export dialog uses it too, so its animation
    steps are the command line's)."""
    if text is None:
        return None
    t = text.strip()
    return int(t) if t.lstrip("-").isdigit() and len(t.lstrip("-")) <= 4 else t


def _parse_years(text: str) -> list[int]:
    """``"2010,2015,2020"`` -> ``[2010, 2015, 2020]``.

    Raises
    ------
    ExportError
        Not a comma-separated list of years.
    """
    from asean_atlas.layers.errors import ExportError

    try:
        years = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        years = []
    if not years:
        raise ExportError(f"--small-multiples {text!r}: expected years, e.g. 2010,2015,2020,2025")
    return years


def run_info(argv: Sequence[str]) -> int:
    """``asean-atlas info FILE``: print what the Atlas reads from a file."""
    p = _Parser(prog=f"{PROG} info", description="Describe a vector file as the Atlas reads it (import report).")
    p.add_argument("file", metavar="FILE", help="a vector file, or FILE.gpkg|layername=NAME")
    p.add_argument("--layer", help="layer of a multi-layer file (GeoPackage)")
    p.add_argument("--encoding", help="text encoding of the attributes, e.g. cp874, gbk, big5 (default: detected)")
    p.add_argument("--crs", help="CRS of the coordinates if the file has none, e.g. EPSG:32647")
    args = p.parse_args(argv)
    from asean_atlas.layers.info import describe

    _say(describe(args.file, layer=args.layer, encoding=args.encoding, crs=args.crs))
    return 0


def run_gui(argv: Sequence[str]) -> int:
    """Open the main window (or take a screenshot of it with ``--screenshot``)."""
    args = _main_parser().parse_args(argv)
    from asean_atlas.layers.page_size import parse_size

    size = parse_size(args.size or DEFAULT_WINDOW_SIZE)
    if not (320 <= size[0] <= 8000 and 240 <= size[1] <= 8000):
        raise AtlasError(f"--size {args.size}: the window must be 320x240 to 8000x8000 pixels")
    screenshot = args.screenshot
    if not screenshot and _no_display():
        # No screen to show a window on (a server, a container): rather than fail, open the window
        # offscreen and save a picture of it, and say how to get a real window.
        screenshot = NO_DISPLAY_SCREENSHOT
        print(
            f"{PROG}: no display found (DISPLAY and WAYLAND_DISPLAY are unset): the window was opened "
            f"offscreen and saved to {screenshot}. For a real window run it on a desktop or under "
            f"'xvfb-run -a {PROG}'; headless maps: '{PROG} export --png map.png --html map.html'.",
            file=sys.stderr,
        )
    if screenshot:
        _use_offscreen()
    from . import startup

    # a plain start shows the picture of the window's last plain start at once (Qt only), then
    # imports the data stack on a worker thread (issue 9: cold start; desktop/startup.py)
    # the default size is made to fit the screen (a 1366x768 laptop); an asked --size is kept
    fit = args.size is None and not screenshot
    picture = startup.begin(args.files, args.project, not args.no_builtin, screenshot, args.year, args.lang, size,
                            fit_screen=fit)
    if picture is not None:
        size = picture.size
    doc = None
    if picture is None:
        run_window = _import_window()
    else:  # the built-in layers are read on the worker thread too (a plain start has no files)
        run_window, doc = picture.run_while_showing(lambda: (_import_window(), build_document([], year=args.year)))
        if picture.cancelled:
            return 0  # the user closed the picture window while the Atlas was loading
    return run_window(args.files, year=args.year, builtin=not args.no_builtin, screenshot=screenshot, size=size,
                      project=args.project, lang=args.lang, startup=picture, doc=doc,
                      fit_screen=fit and picture is None)


def _import_window():
    """Import the data stack and the main window's modules; returns :func:`.app.run_window`."""
    # geopandas (pandas) before PySide6 where PySide6 is not imported yet: PySide6's import hook
    # reads the source of every module imported after it (shibokensupport "feature" check) and
    # linecache keeps it: ~0.1-0.3 s of the cold start and ~30 MB of memory (issue 9).
    # desktop/startup.import_qt takes the hook out when the start-up picture imports Qt first.
    import geopandas  # noqa: F401

    from . import main_window  # noqa: F401
    from .app import run_window

    return run_window


def _join_negative_values(argv: list[str]) -> list[str]:
    """``--bbox -180,-30,180,30`` -> ``--bbox=-180,-30,180,30``: argparse would take a value
    starting with ``-`` for an option (western and southern bboxes start with a minus)."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--bbox", "--center", "--from", "--to", "--size") and i + 1 < len(argv) and re.match(r"^-\d", argv[i + 1]):
            out.append(f"{a}={argv[i + 1]}")
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Python warnings from libraries never reach the user's stderr (issue 16: "one line means one
    line"); what a load's warnings mean is in its report (:func:`asean_atlas.layers.io.read_layer`).
    With ``ASEAN_ATLAS_DEBUG=1`` they are printed, as one escaped line each (issue 8)."""
    if os.environ.get("ASEAN_ATLAS_DEBUG"):
        _say(f"{PROG}: warning: {printable(str(message))}", file or sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``asean-atlas``; returns the exit status."""
    import warnings

    warnings.showwarning = _show_warning
    argv = _join_negative_values(list(sys.argv[1:] if argv is None else argv))
    try:
        if argv and argv[0] == "export":
            return run_export(argv[1:])
        if argv and argv[0] == "info":
            return run_info(argv[1:])
        if argv and argv[0] == "db":
            from .db_cli import run_db

            return run_db(argv[1:])
        if argv and argv[0] == "analyze":
            from .analyze_cli import run_analyze

            return run_analyze(argv[1:])
        return run_gui(argv)
    except AtlasError as exc:
        _say(f"{PROG}: error: {printable(str(exc))}", sys.stderr)
        return 2
    except MemoryError:  # a load or a render past the machine's (or ulimit's) memory
        _say(f"{PROG}: error: out of memory: keep the features and attributes you need "
             "(e.g. ogr2ogr -spat/-select), or export a smaller --size", sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # no traceback for users; say what broke in one line
        _say(f"{PROG}: internal error: {type(exc).__name__}: {printable(str(exc))}", sys.stderr)
        if os.environ.get("ASEAN_ATLAS_DEBUG"):
            raise
        return 1
