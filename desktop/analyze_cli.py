"""``asean-atlas analyze``: connectivity figures and what-if cuts of the cable network, headless
(issue 14 item 5). The numbers are :mod:`asean_atlas.layers.connectivity`'s, as in the window's
Connectivity panel.

    asean-atlas analyze connectivity [--as-of 2026] [--since 2015] --csv out.csv
    asean-atlas analyze cut (--cable ID ... | --station ID ... | --area FILE|PRESET)
                            [--as-of DATE] [--pair CHN:SGP ...] --csv out.csv [--png out.png] [--pdf out.pdf]

A cut prints one line, ``N cables cut; M stations left without a working cable``, then a line per
``--pair``. Bad input (an unknown id, an unreadable area file) is an error on one line, exit 2.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import math
from collections.abc import Sequence

import numpy as np

from asean_atlas.layers.errors import AtlasError, printable

from .cli import _Parser

PROG = "asean-atlas analyze"


def _year(text: str) -> int:
    """A year of ``--since`` (1800–2200)."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a year, e.g. 2015") from None
    if not 1800 <= year <= 2200:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a year between 1800 and 2200")
    return year


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as-of", default=None, metavar="DATE",
                   help="the network as of the end of a year (2026) or a date (2026-06-30); default: today")
    p.add_argument("--layer", action="append", default=[], metavar="FILE",
                   help="vector file to add (repeatable): a cable layer (landing_station_ids) or a station "
                   "layer (id, country) used instead of the built-in one")
    p.add_argument("--no-builtin", action="store_true", help="leave out the built-in layers")
    p.add_argument("--filter", action="append", default=[], metavar="LAYER=EXPRESSION",
                   help="attribute filter of a layer (repeatable), e.g. --filter 'cables=contains(owners, \"China\")'")
    p.add_argument("--csv", metavar="PATH", help="write the per-country table as CSV (UTF-8)")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Connectivity of countries by submarine cable, and what-if cuts.")
    sub = p.add_subparsers(dest="what", required=True, parser_class=_Parser)
    c = sub.add_parser("connectivity", help="per country: international cables, stations, countries reached, owners")
    _common(c)
    c.add_argument("--since", type=_year, metavar="YEAR", help="add the change since the end of YEAR")
    k = sub.add_parser("cut", help="what if cables, stations or everything crossing an area are cut")
    _common(k)
    k.add_argument("--cable", action="append", default=[], metavar="ID", help="cable id to cut (repeatable)")
    k.add_argument("--station", action="append", default=[], metavar="ID", help="landing station id to cut (repeatable)")
    k.add_argument("--area", metavar="FILE|PRESET",
                   help="cut every cable route crossing this polygon: a vector file or one of luzon-strait, "
                   "taiwan-strait, strait-of-malacca, singapore-strait, sunda-strait, bab-el-mandeb")
    k.add_argument("--pair", action="append", default=[], metavar="A:B",
                   help="two countries (ISO alpha-3, e.g. CHN:SGP): still linked? disjoint cable paths, shortest path")
    k.add_argument("--pairs-csv", metavar="PATH", help="write the --pair results as CSV")
    k.add_argument("--png", metavar="PATH", help="write a map of the cut (PNG)")
    k.add_argument("--pdf", metavar="PATH", help="write a map of the cut (PDF)")
    k.add_argument("--size", default="1600x1000", help="map size WxH in pixels (default 1600x1000)")
    k.add_argument("--lang", choices=("en", "zh_CN", "zh_TW"), default=None, help="language of the map")
    return p


def parse_as_of(text: str | None):
    """``--as-of`` as the time filter the layers take: a year as int, a date as a one-day
    :class:`~asean_atlas.layers.temporal.TimeFilter` (the network at the end of that day); None:
    today."""
    from asean_atlas.layers.temporal import MODE_AS_OF, TimeFilter, parse_dates

    if text is None:
        text = _dt.date.today().isoformat()
    t = text.strip()
    if t.isdigit() and len(t) <= 4:
        return int(t)
    day = parse_dates([t])[0]
    if np.isnat(day):
        raise AtlasError(f"--as-of {text!r}: expected a year (2026) or a date (2026-06-30)")
    day = day.astype("datetime64[D]").astype("datetime64[s]")
    return TimeFilter(MODE_AS_OF, day, day + np.timedelta64(1, "D"), label=str(day.astype("datetime64[D]")))


def _document(args):
    from .cli import apply_filter_option, build_document

    doc = build_document(args.layer, builtin=not args.no_builtin)
    for spec in args.filter:
        apply_filter_option(doc, spec)
    return doc


def _network(args):
    """(network, active cable ids, cable layer, as-of label)."""
    from asean_atlas.layers.connectivity import CableNetwork

    doc = _document(args)
    when = parse_as_of(args.as_of)
    # the user's layers come first: a --layer cable file is used instead of the built-in one
    layers = [lyr for lyr in doc.layers if not lyr.builtin] + [lyr for lyr in doc.layers if lyr.builtin]
    net, active = CableNetwork.from_layers(layers, when)
    cable_layer = next(lyr for lyr in layers if "landing_station_ids" in lyr.attributes.columns)
    label = str(when) if isinstance(when, int) else when.label
    return doc, net, active, cable_layer, when, label


def _write_csv(frame, path: str) -> None:
    from asean_atlas.layers.atomic import write_text_atomic

    write_text_atomic(path, frame.round(4).to_csv(index=False))


def run_connectivity(args) -> int:
    from asean_atlas.layers.connectivity import CableNetwork

    doc, net, active, cable_layer, when, label = _network(args)
    table = net.scenario(active).country_table()
    table = table[[c for c in table.columns if not c.endswith("_after") and c not in ("cables_lost", "share_lost")]]
    if args.since is not None:
        before = net.scenario(CableNetwork.active_ids(cable_layer, args.since)).country_table().set_index("country")
        for col in ("international_cables", "landing_stations", "countries_reached", "chinese_carrier_cables"):
            then = table["country"].map(before[col]).fillna(0).astype(int)
            table[f"{col}_change_since_{args.since}"] = table[col] - then
    print(f"connectivity as of {label}: {len(active)} cables in service, {int((table.international_cables > 0).sum())} "
          f"countries with international cables")
    if args.csv:
        _write_csv(table, args.csv)
        print(f"wrote {args.csv}")
    return 0


def _pair_line(r) -> str:
    if not r.connected:
        return f"{r.a} ↔ {r.b}: not connected"
    def via(h):
        return "overland, across water" if h.get("water") else h["via"]

    hops = " → ".join([r.path[0]["from"]] + [f"[{via(h)}] {h['to']}" for h in r.path]) if r.path else ""
    return (f"{r.a} ↔ {r.b}: connected, {r.disjoint_paths} cable-disjoint path{'s' if r.disjoint_paths != 1 else ''}; "
            f"shortest {r.km:,.0f} km of cable" + (f" + {r.overland_km:,.0f} km overland" if r.overland_km else "")
            + f": {hops}")


def run_cut(args) -> int:
    import pandas as pd

    from asean_atlas.layers.connectivity import Cut, area_from

    if not (args.cable or args.station or args.area):
        raise AtlasError("nothing to cut: give --cable ID, --station ID and/or --area FILE|PRESET")
    pairs = []
    for spec in args.pair:
        a, sep, b = spec.partition(":")
        if not sep or not a.strip() or not b.strip():
            raise AtlasError(f"--pair {spec!r}: expected two ISO alpha-3 codes, e.g. CHN:SGP")
        a, b = a.strip().upper(), b.strip().upper()
        if a == b:
            raise AtlasError(f"--pair {spec!r}: expected two different countries")
        pairs.append((a, b))
    area, area_name = area_from(args.area) if args.area else (None, "")
    doc, net, active, cable_layer, when, label = _network(args)
    known = set(net.station_country.values())
    for a, b in pairs:  # a typo (SIN for SGP) must not become "not connected" in a report
        for code in (a, b):
            if code not in known:
                raise AtlasError(f"--pair {a}:{b}: no landing station of {code!r} in the network "
                                 "(ISO 3166-1 alpha-3 codes, e.g. SGP, CHN, HKG)")
    scenario = net.scenario(active, Cut(tuple(args.cable), tuple(args.station), area, area_name))
    print(scenario.summary())
    idle = [c for c in dict.fromkeys(args.cable) if c not in set(active)]
    if idle:  # cut but not in service then: nothing to cut, said
        print(printable(f"note: not in service as of {label}, so not counted as cut: {', '.join(idle)}"))
    if net.duplicate_ids:
        print(printable(f"warning: cable ids listed more than once (the first is used): {', '.join(net.duplicate_ids)}"))
    rows = []
    for a, b in pairs:
        r0, r = scenario.pair(a, b, after=False), scenario.pair(a, b)
        print(printable(_pair_line(r)))
        rows.append({"a": a, "b": b, "connected_before": r0.connected, "connected_after": r.connected,
                     "disjoint_paths_before": r0.disjoint_paths, "disjoint_paths_after": r.disjoint_paths,
                     "cable_km_after": None if math.isnan(r.km) else round(r.km, 1),
                     "overland_km_after": None if math.isnan(r.overland_km) else round(r.overland_km, 1),
                     "path_after": " ; ".join(f"{h['from']} -[{h['via']}]-> {h['to']}" for h in r.path)})
    table = scenario.country_table()
    if args.csv:
        _write_csv(table, args.csv)
        print(f"wrote {args.csv}")
    if args.pairs_csv:
        _write_csv(pd.DataFrame(rows, columns=["a", "b", "connected_before", "connected_after", "disjoint_paths_before",
                                               "disjoint_paths_after", "cable_km_after", "overland_km_after", "path_after"]),
                   args.pairs_csv)
        print(f"wrote {args.pairs_csv}")
    if args.png or args.pdf:
        _write_map(args, doc, scenario, cable_layer, when, label, net)
    return 0


#: Built-in point layers of facilities, hidden on a what-if map of the command line.
FACILITY_LAYERS = ("builtin:compute_hubs", "builtin:factories", "builtin:fiveg", "builtin:data_centres")


def map_titles(scenario, label: str, language: str, area_spec: str | None = None, net=None) -> tuple[str, str]:
    """Title and subtitle of a what-if map in ``language``: "What if: Luzon Strait cut", "As of
    2026: 12 cables cut; 2 stations left without a working cable" (a preset area by its name in
    that language; cables and stations by name when ``net`` is given, else by id; the date as
    the map writes it, 2026年 in Chinese)."""
    from asean_atlas.layers.connectivity import area_presets
    from asean_atlas.layers.map_text import date_label, map_text

    what = scenario.cut.area_name
    presets = area_presets().set_index("id")
    if area_spec in presets.index:
        col = {"zh_CN": "name_zh", "zh_TW": "name_zh_hant"}.get(language, "name")
        what = presets.at[area_spec, col]
    cables = [net.cable_name.get(c, c) if net is not None else c for c in scenario.cut.cables]
    stations = [net.station_name.get(s, s) if net is not None else s for s in scenario.cut.stations]
    parts = ([what] if what else []) + cables + stations
    zh = language in ("zh_CN", "zh_TW")
    if len(parts) > 4:  # a title, not a list
        parts = parts[:3] + [map_text("{n} more", language, n=len(parts) - 3)]
    what = ("、" if zh else ", ").join(parts)
    if zh:
        summary = map_text("{n} cables cut; {m} stations left without a working cable", language,
                           n=len(scenario.cut_cables), m=len(scenario.isolated_stations))
    else:
        summary = scenario.summary()
    return (map_text("What if: {what} cut", language, what=what),
            map_text("As of {label}: {summary}", language, label=date_label(label, language), summary=summary))


def _write_map(args, doc, scenario, cable_layer, when, label, net=None) -> None:
    from asean_atlas.layers.connectivity import scenario_layers
    from asean_atlas.layers.export_options import ExportOptions, parse_size

    from .cli import qt_app
    from .export import export_pdf, export_png

    _app = qt_app()  # noqa: F841 (kept alive while painting)
    if args.lang:
        doc.language = args.lang
    overlays = scenario_layers(scenario, cable_layer.attributes, doc.language)
    for layer in overlays:
        doc.add_layer(layer)
    # the shaded countries over the built-in countries layer, under every line and point
    base = [i for i, lyr in enumerate(doc.layers) if lyr.source == "builtin:countries"]
    doc.move_layer(overlays[0], base[0] + 1 if base else 0)
    # a what-if map is about cables: the facilities' points and long labels are left out
    for layer in doc.layers:
        if layer.source in FACILITY_LAYERS:
            layer.set_visible(False)
    title, subtitle = map_titles(scenario, label, doc.language, args.area, net)
    width, height = parse_size(args.size, 96.0)
    options = ExportOptions(width=width, height=height, title=title, subtitle=subtitle)
    options.time_filter = when if not isinstance(when, int) else None
    options.year = when if isinstance(when, int) else None
    options.validate()
    for path, export in ((args.png, export_png), (args.pdf, export_pdf)):
        if path:
            export(doc, path, options)
            print(f"wrote {path}")


def run_analyze(argv: Sequence[str]) -> int:
    """``asean-atlas analyze``: see the module docstring. Returns the exit status."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as done:  # --help (0) or a usage error already printed on one line (2)
        return int(done.code or 0)
    return run_connectivity(args) if args.what == "connectivity" else run_cut(args)
