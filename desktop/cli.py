"""The ``asean-atlas`` command line: open the window, export headless, describe a file.

Usage::

    asean-atlas [FILE ...] [--year YEAR] [--no-builtin]
    asean-atlas --screenshot PATH [FILE ...] [--year YEAR] [--size WxH]
    asean-atlas export [--layer FILE]... [--no-builtin] [--year YEAR] [--size WxH]
                       [--bbox W,S,E,N] [--title TEXT] [--dpi DPI] [--png PATH] [--html PATH]
    asean-atlas info FILE

Exit status: 0 success; 2 bad input (a one-line message naming the file and the problem, no
traceback); 1 an internal error (one line as well).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from asean_atlas.layers.errors import AtlasError

PROG = "asean-atlas"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse prints the usage too)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _export_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=f"{PROG} export", description="Render the map headless to PNG and/or HTML.")
    p.add_argument("--layer", action="append", default=[], metavar="FILE", help="vector file to add (repeatable)")
    p.add_argument("--no-builtin", action="store_true", help="leave out the built-in layers")
    p.add_argument("--year", type=int, help="time filter: show features as of the end of YEAR")
    p.add_argument("--size", default="1600x1000", help="PNG size WxH in pixels (default 1600x1000)")
    p.add_argument("--bbox", help="W,S,E,N in degrees (default: the Atlas region, or the layers' extent)")
    p.add_argument("--title", help="map title (default 'ASEAN Digital Atlas')")
    p.add_argument("--dpi", type=float, default=96.0, help="PNG resolution; widths and fonts scale with it")
    p.add_argument("--png", metavar="PATH", help="write a PNG")
    p.add_argument("--html", metavar="PATH", help="write an interactive HTML map (folium)")
    return p


def _main_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="ASEAN Digital Atlas: China–ASEAN digital infrastructure on a map. "
        "Subcommands: 'export' (headless PNG/HTML), 'info FILE'.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="vector files to open as layers")
    p.add_argument("--year", type=int, help="start with the time slider at YEAR")
    p.add_argument("--no-builtin", action="store_true", help="leave out the built-in layers")
    p.add_argument("--screenshot", metavar="PATH", help="save a PNG of the whole window once painted, then exit")
    p.add_argument("--size", default="1400x900", help="window size WxH for --screenshot (default 1400x900)")
    return p


def _no_display() -> bool:
    """True on Linux/BSD when Qt has no screen to open a window on."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith(("linux", "freebsd")):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _use_offscreen() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build_document(files: Sequence[str], builtin: bool = True, year: int | None = None, title: str | None = None):
    """A MapDocument with the built-in layers (unless ``builtin`` is False) and ``files`` on top.

    Raises
    ------
    LayerLoadError
        The first file that cannot be read.
    """
    from asean_atlas.layers.builtin import builtin_layers
    from asean_atlas.layers.document import MapDocument
    from asean_atlas.layers.io import read_layer

    doc = MapDocument(title=title or "ASEAN Digital Atlas")
    if builtin:
        for layer in builtin_layers():
            doc.add_layer(layer)
    for f in files:
        doc.add_layer(read_layer(f, color=doc.unused_color()))
    doc.set_year(year)
    return doc


def run_export(argv: Sequence[str]) -> int:
    """``asean-atlas export``: see the module docstring. Returns the exit status."""
    args = _export_parser().parse_args(argv)
    from asean_atlas.layers.export_options import ExportOptions, parse_bbox, parse_size
    from asean_atlas.layers.errors import ExportError

    width, height = parse_size(args.size)
    options = ExportOptions(
        width=width,
        height=height,
        bbox=parse_bbox(args.bbox) if args.bbox else None,
        title=args.title,
        dpi=args.dpi,
        year=args.year,
    )
    options.validate()
    if not args.png and not args.html:
        raise ExportError("nothing to export: give --png PATH and/or --html PATH")
    doc = build_document(args.layer, builtin=not args.no_builtin, year=args.year, title=args.title)
    if not doc.layers:
        raise ExportError("no layers: give --layer FILE or drop --no-builtin")
    for layer in doc.layers:
        line = f"{layer.title}: {layer.feature_count} features"
        if args.year is not None and layer.temporal is not None:
            line += f" ({int(layer.time_mask(args.year).sum())} as of {args.year})"
        if layer.report.repaired:
            line += f", {layer.report.repaired} repaired"
        print(line)
    if args.png:
        _use_offscreen()
        from PySide6.QtGui import QGuiApplication

        from .export import export_png

        _app = QGuiApplication.instance() or QGuiApplication([PROG])
        out = export_png(doc, args.png, options)
        print(f"wrote {out}")
    if args.html:
        from asean_atlas.layers.html_export import export_html

        out = export_html(doc, args.html, options)
        print(f"wrote {out}")
    return 0


def run_info(argv: Sequence[str]) -> int:
    """``asean-atlas info FILE``: print what the Atlas reads from a file."""
    p = _Parser(prog=f"{PROG} info", description="Describe a vector file as the Atlas reads it.")
    p.add_argument("file", metavar="FILE")
    args = p.parse_args(argv)
    from asean_atlas.layers.info import describe

    print(describe(args.file))
    return 0


def run_gui(argv: Sequence[str]) -> int:
    """Open the main window (or take a screenshot of it with ``--screenshot``)."""
    args = _main_parser().parse_args(argv)
    from asean_atlas.layers.export_options import parse_size

    size = parse_size(args.size)
    if args.screenshot:
        _use_offscreen()
    elif _no_display():
        raise AtlasError(
            "no display found (DISPLAY and WAYLAND_DISPLAY are unset): run it on a desktop, under "
            "'xvfb-run -a asean-atlas', or save a picture with 'asean-atlas --screenshot atlas.png'; "
            "headless maps: 'asean-atlas export --png map.png --html map.html'"
        )
    from .app import run_window

    return run_window(args.files, year=args.year, builtin=not args.no_builtin, screenshot=args.screenshot, size=size)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``asean-atlas``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "export":
            return run_export(argv[1:])
        if argv and argv[0] == "info":
            return run_info(argv[1:])
        return run_gui(argv)
    except AtlasError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # no traceback for users; say what broke in one line
        print(f"{PROG}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("ASEAN_ATLAS_DEBUG"):
            raise
        return 1
