"""``asean-atlas db``: PostGIS for a team (issue 15).

    asean-atlas db push --dsn postgresql://user@host/db [--layer FILE]... [--builtin] [--schema public] [--replace]
    asean-atlas db list --dsn postgresql://user@host/db

``push`` writes each layer as a table named after it (``cables``, ``landing_stations``, the file's
name), with its provenance columns, a GiST index and the time fields as dates
(:func:`asean_atlas.layers.postgis.push_layer`); the team's Atlas then opens them with
``--layer "postgresql://…?table=schema.name"``. Passwords come from libpq's password file or
service file, never from the command line. Errors are one line, exit 2.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence

from asean_atlas.layers.errors import AtlasError, printable

from .cli import _Parser

PROG = "asean-atlas db"


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Publish layers to PostGIS, list its tables.")
    sub = p.add_subparsers(dest="what", required=True, parser_class=_Parser)
    push = sub.add_parser("push", help="write layers to PostGIS tables")
    push.add_argument("--dsn", required=True, help="postgresql://user@host:port/dbname (password: ~/.pgpass)")
    push.add_argument("--layer", action="append", default=[], metavar="FILE", help="a vector file to push (repeatable)")
    push.add_argument("--builtin", action="store_true", help="push the built-in layers too")
    push.add_argument("--schema", default="public", help="schema of the tables (default public)")
    push.add_argument("--replace", action="store_true", help="write over tables that exist")
    ls = sub.add_parser("list", help="tables and views with a geometry column")
    ls.add_argument("--dsn", required=True)
    return p


def table_name(title: str) -> str:
    """A table name for a layer title: lower case; letters (with their combining marks: ข้อมูล
    stays whole), digits and underscores; at most 60 bytes."""
    import unicodedata

    from asean_atlas.layers.postgis import _fit

    kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" or ch == "_" else " " for ch in title.strip().lower())
    name = re.sub(r"\s+", "_", kept.strip()).strip("_") or "layer"
    return _fit("t_" + name if name[0].isdigit() else name, 60)


def run_db(argv: Sequence[str]) -> int:
    """``asean-atlas db``: see the module docstring. Returns the exit status."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as done:
        return int(done.code or 0)
    from asean_atlas.layers.postgis import list_tables, push_layer

    if args.what == "list":
        for r in list_tables(args.dsn).itertuples(index=False):
            rows = f"~{r.rows} rows" if r.rows >= 0 else "rows unknown (never analysed)"
            print(printable(f"{r.schema}.{r.table} ({r.geometry}, EPSG:{r.srid}, {r.type}, {rows})"))
        return 0
    from asean_atlas.layers.io import read_layer

    layers = []
    if args.builtin:
        from asean_atlas.layers.builtin import builtin_layers

        layers += [(lyr.source.split(":", 1)[1], lyr) for lyr in builtin_layers()]
    for f in args.layer:
        lyr = read_layer(f)
        layers.append((table_name(lyr.title), lyr))
    if not layers:
        raise AtlasError("nothing to push: give --layer FILE and/or --builtin")
    for name, lyr in layers:
        n = push_layer(args.dsn, lyr, name, schema=args.schema, replace=args.replace)
        print(printable(f"wrote {args.schema}.{name}: {n} features"))
    return 0
