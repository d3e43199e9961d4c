"""What a map view asks of a PostGIS table (issue 15 item 2): the features in the view's bounding
box that the time filter and the attribute filter pass, the filtering done by the server, the
rows sent in pages (with progress and a cancel check between pages), or, when a view holds more
than :data:`AGGREGATE_ABOVE` features, their counts per grid cell computed on the server (as
kepler.gl's hexbin does in the browser). No Qt.

How the filters become SQL (every value a query parameter, every name a
:class:`psycopg.sql.Identifier`; the user's text never becomes SQL text):

- **view**: ``geom && ST_Transform(ST_MakeEnvelope(w, s, e, n, 4326), srid)`` (the GiST index);
- **time** (the slider's "as of" filter, :class:`~asean_atlas.layers.temporal.TimeFilter`):
  ``start < t1`` and, with an end field, ``end IS NULL OR end >= t1`` (``t0`` with
  ``end_inclusive``), undated features kept when the layer shows them, on date and timestamp
  columns (``asean-atlas db push`` types time fields as dates); numbers (years, epoch seconds or
  YYYYMMDD) and text are read by the Atlas, so with such a time field the time filter is applied
  after the rows arrive;
- **attribute filter** (:mod:`asean_atlas.layers.filter`): ``==``, ``!=``, ``<`` … and chained
  comparisons of an attribute with a number, a text or null, ``in``/``not in`` lists,
  ``is_empty``, ``year``, ``and``/``or``/``not``, with the same results as the Atlas's own
  evaluation (tested side by side); a condition outside that subset (``contains`` and
  ``startswith``, whose Unicode case folding PostgreSQL 15 lacks; ``char(n)`` columns; numbers
  compared as text; integers past 2**53; two attributes compared) makes the whole filter run
  after the rows arrive, so the result is the same either way.
"""

from __future__ import annotations

import ast
import dataclasses
import math

import numpy as np
import pandas as pd

from .filter import FilterError, parse
from .postgis import PostGISError, PostGISSource, _cell, _geometry_column
from .projection import MAX_LATITUDE
from .temporal import MODE_AS_OF, UNDATED_SHOW, TimeFilter

#: A view holding more features than this is drawn as server-side grid counts.
AGGREGATE_ABOVE = 50_000
#: Rows per page of a feature request.
PAGE_ROWS = 20_000
#: Grid cells across the view's width when aggregated (each cell 1/48 of the width: ~33 px at 1600 px).
GRID_CELLS_ACROSS = 48
#: With part of a filter evaluated by the Atlas, at most this many times :data:`AGGREGATE_ABOVE`
#: rows are sent before the view is drawn as counts (of what the server could filter).
LOCAL_ROWS_FACTOR = 10


class NotInSQL(Exception):
    """A filter the server cannot evaluate with the Atlas's semantics: applied locally instead."""


@dataclasses.dataclass(frozen=True)
class Column:
    """A column of the table as the Atlas names it (``name``: a column called ``geometry`` is
    ``geometry_attribute``, as the reader renames it), its name in the database (``sql``), its
    PostgreSQL type category (``pg_type.typcategory``: ``N`` number, ``S`` text, ``D``
    date/time, ``B`` boolean, others) and type (``format_type``)."""

    name: str
    category: str
    type: str
    sql: str = ""

    @property
    def ident(self) -> str:
        return self.sql or self.name


def columns(con, source: PostGISSource, geom: str) -> list[Column]:
    """The attribute columns of ``source`` (not its geometry column), in table order."""
    from psycopg import sql

    target = sql.Identifier(source.schema, source.table).as_string(con)
    rows = con.execute(
        "SELECT a.attname, t.typcategory, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
        "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = %s::regclass AND a.attnum > 0 "
        "AND NOT a.attisdropped ORDER BY a.attnum", (target,)).fetchall()
    return [Column("geometry_attribute" if r[0] == "geometry" else r[0], str(r[1]), r[2], r[0])
            for r in rows if r[0] != geom]


def _find(cols: list[Column], name: str) -> Column:
    """The column ``name`` names, as :func:`asean_atlas.layers.filter._column` finds it."""
    exact = [c for c in cols if c.name == name]
    if len(exact) == 1:
        return exact[0]
    found = [c for c in cols if c.name.lower() == name.lower()]
    if len(found) == 1:
        return found[0]
    if found:
        raise FilterError.of("the attribute name {name} is ambiguous (several columns match it)", name=repr(name))
    raise FilterError.of("no attribute named {name}", name=repr(name))


#: Characters Python's ``str.strip`` (and so the Atlas's "blank") removes.
_BLANK = "^[" + "".join(chr(i) for i in range(0x3001) if chr(i).isspace()) + "]*$"
_INTS = ("smallint", "integer", "bigint")
_FLOATS = ("real", "double precision")
_INSTANTS = ("date", "timestamp without time zone", "timestamp with time zone")
#: Integers compared exactly by both sides (the Atlas holds integer columns with nulls as floats).
_EXACT_INT = 2**53


def _is_bpchar(col: Column) -> bool:
    return col.type == "character" or col.type.startswith("character(")


class _SQL:
    """Translate a checked filter tree (:func:`asean_atlas.layers.filter.parse`) to a SQL
    condition that is never NULL, with its parameters. Whatever has no SQL with exactly the
    Atlas's result raises :class:`NotInSQL`: ``contains``/``startswith`` (Python's Unicode case
    folding: "Straße" contains "ss"), ``char(n)`` columns (their padding), numbers compared as
    text, bare boolean columns, text PostgreSQL cannot hold (NUL, lone surrogates)."""

    def __init__(self, cols: list[Column], fields: dict[str, str]) -> None:
        from psycopg import sql

        self.sql, self.cols, self.fields = sql, cols, fields
        self.params: list = []

    def p(self, value):
        self.params.append(value)
        return self.sql.Placeholder()

    def column(self, node) -> Column:
        return _find(self.cols, self.fields.get(node.id, node.id))

    def ident(self, col: Column):
        return self.sql.Identifier(col.ident)

    def number(self, col: Column):
        """A number column as float8, NaN as NULL (the Atlas's NaN passes no comparison)."""
        return self.sql.SQL("NULLIF({}::float8, 'NaN')").format(self.ident(col))

    def text(self, col: Column):
        """The column as the Atlas reads it as text (null as empty text)."""
        return self.sql.SQL("coalesce({}::text, '')").format(self.ident(col))

    def constant(self, node):
        if isinstance(node, ast.Constant):
            value = node.value
        elif isinstance(node, ast.Name) and node.id in ("True", "False", "None"):
            value = {"True": True, "False": False, "None": None}[node.id]
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
                and isinstance(node.operand.value, (int, float)) and not isinstance(node.operand.value, bool):
            value = -node.operand.value
        else:
            raise NotInSQL
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise NotInSQL from None
            if "\x00" in value:  # PostgreSQL's text holds no NUL
                raise NotInSQL
        return value

    def is_attribute(self, node) -> bool:
        return isinstance(node, ast.Name) and node.id not in ("True", "False", "None")

    def condition(self, node):
        sql = self.sql
        if isinstance(node, ast.BoolOp):
            joiner = sql.SQL(" AND " if isinstance(node.op, ast.And) else " OR ")
            return sql.SQL("({})").format(joiner.join(self.condition(v) for v in node.values))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return sql.SQL("(NOT {})").format(self.condition(node.operand))
        if isinstance(node, ast.Compare):
            parts, left = [], node.left
            for op, right in zip(node.ops, node.comparators):
                parts.append(self.compare(left, op, right))
                left = right
            return sql.SQL("({})").format(sql.SQL(" AND ").join(parts))
        if isinstance(node, ast.Call) and node.func.id == "is_empty" and self.is_attribute(node.args[0]):
            return self.missing(self.column(node.args[0]))
        raise NotInSQL

    def missing(self, col: Column):
        sql = self.sql
        if col.category == "N":
            if col.type in _INTS:
                return sql.SQL("({} IS NULL)").format(self.ident(col))
            return sql.SQL("({c} IS NULL OR {c} = 'NaN')").format(c=self.ident(col))
        # text blank as Python's strip makes it (tabs, no-break spaces…); other types are never blank
        return sql.SQL("({c} IS NULL OR {c}::text ~ {p})").format(c=self.ident(col), p=self.p(_BLANK))

    def year(self, node):
        """``year(field)`` as a float8 expression (NULL where there is no year)."""
        col = self.column(node.args[0])
        sql = self.sql
        if col.category == "D" and col.type in _INSTANTS:
            return sql.SQL("extract(year from {})::float8").format(self.ident(col))
        if col.category == "N":
            return self.number(col)
        if col.category == "S" and not _is_bpchar(col):
            return sql.SQL("(substring({}::text from '^\\s*(\\d{{4}})'))::float8").format(self.ident(col))
        raise NotInSQL

    def compare(self, left, op, right):
        sql = self.sql
        if isinstance(op, (ast.In, ast.NotIn)):
            if not self.is_attribute(left) or not isinstance(right, (ast.List, ast.Tuple)):
                raise NotInSQL
            col = self.column(left)
            values = [self.constant(e) for e in right.elts]
            numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
            if col.category == "N" and numbers:
                if col.type in _INTS and all(isinstance(v, int) and abs(v) < _EXACT_INT for v in values):
                    res = sql.SQL("coalesce({} = ANY({}::bigint[]), false)").format(self.ident(col), self.p(values))
                elif all(abs(float(v)) < float("inf") for v in values) and \
                        not any(isinstance(v, int) and abs(v) >= _EXACT_INT for v in values):
                    res = sql.SQL("coalesce({} = ANY({}::float8[]), false)").format(
                        self.number(col), self.p([float(v) for v in values]))
                else:
                    raise NotInSQL
            elif col.category == "S" and not _is_bpchar(col):
                res = sql.SQL("({} IS NOT NULL AND {}::text = ANY({}::text[]))").format(
                    self.ident(col), self.ident(col), self.p([str(v) for v in values]))
            else:  # numbers written as text by pandas ("250.0") and by PostgreSQL ("250") differ
                raise NotInSQL
            return sql.SQL("(NOT {})").format(res) if isinstance(op, ast.NotIn) else res
        flip = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}
        if not self.is_attribute(left) and not self._is_year(left):
            if self.is_attribute(right) or self._is_year(right):
                left, right, op = right, left, flip.get(type(op), type(op))()
            else:
                raise NotInSQL
        symbol = sql.SQL({ast.Eq: "=", ast.NotEq: "<>", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
                          ast.GtE: ">="}[type(op)])
        value = self.constant(right)  # NotInSQL for an attribute on the right too
        if self._is_year(left):
            if value is None and isinstance(op, (ast.Eq, ast.NotEq)):
                return sql.SQL("({} IS {}NULL)").format(self.year(left), sql.SQL("" if isinstance(op, ast.Eq) else "NOT "))
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(float(value)):
                raise NotInSQL
            return sql.SQL("coalesce({} {} {}, false)").format(self.year(left), symbol, self.p(float(value)))
        col = self.column(left)
        if value is None:
            if isinstance(op, ast.Eq):
                return self.missing(col)
            if isinstance(op, ast.NotEq):
                return sql.SQL("(NOT {})").format(self.missing(col))
            raise NotInSQL
        if isinstance(value, bool):
            raise NotInSQL
        if col.category == "N":
            if isinstance(value, str):
                try:
                    value = float(value.replace(",", ""))
                except ValueError:
                    raise NotInSQL from None  # the local evaluation says why
            if isinstance(value, float) and not math.isfinite(value):
                raise NotInSQL
            if isinstance(value, int) and col.type in _INTS:
                if abs(value) >= _EXACT_INT:
                    raise NotInSQL
                return sql.SQL("coalesce({} {} {}, false)").format(self.ident(col), symbol, self.p(value))
            return sql.SQL("coalesce({} {} {}, false)").format(self.number(col), symbol, self.p(float(value)))
        if col.category == "S" and not _is_bpchar(col) and isinstance(value, str):
            # text against text, by code point as the Atlas compares
            res = sql.SQL("({} COLLATE \"C\" {} {})").format(self.text(col), symbol, self.p(value))
            if isinstance(op, ast.NotEq):  # null != "x" is unknown, not true
                res = sql.SQL("({} IS NOT NULL AND {})").format(self.ident(col), res)
            return res
        raise NotInSQL  # a number against a text column: the local evaluation reads numbers in text

    def _is_year(self, node) -> bool:
        return isinstance(node, ast.Call) and node.func.id == "year" and self.is_attribute(node.args[0])


def filter_sql(expression: str, cols: list[Column]):
    """The SQL condition and parameters of an attribute filter expression.

    The conditions joined by a top-level ``and`` are translated one by one: those without SQL of
    the same result are left out (``complete`` False) and the caller evaluates the whole
    expression on the rows that arrive.

    Returns
    -------
    (psycopg.sql.Composable or None, list, bool)
        The condition (None: nothing could be sent), its parameters, whether it is the whole
        expression.

    Raises
    ------
    FilterError
        The expression does not parse or names no column of the table.
    """
    from psycopg import sql

    tree = parse(expression)
    fields = getattr(tree, "fields", {})
    body = tree.body
    parts = body.values if isinstance(body, ast.BoolOp) and isinstance(body.op, ast.And) else [body]
    sent, params, complete = [], [], True
    for part in parts:
        t = _SQL(cols, fields)
        try:
            sent.append(t.condition(part))
        except NotInSQL:
            complete = False
            continue
        params += t.params
    if not sent:
        return None, [], False
    return sql.SQL("({})").format(sql.SQL(" AND ").join(sent)), params, complete


def time_sql(tf: TimeFilter, start: Column, end: Column | None, undated: str = UNDATED_SHOW):
    """The "as of" time filter of the time slider as SQL on date and timestamp columns.

    Raises
    ------
    NotInSQL
        A window filter, or a text column (dates written as text are read by the Atlas, after).
    """
    from psycopg import sql

    if tf.mode != MODE_AS_OF:
        raise NotInSQL

    def bound(col: Column, instant: np.datetime64):
        if col.category != "D" or col.type not in _INSTANTS:  # numbers may be years, epoch seconds or
            raise NotInSQL  # YYYYMMDD, text any date: read by the Atlas; a time of day is no date
        t = pd.Timestamp(instant)
        return t.tz_localize("UTC").to_pydatetime() if col.type == "timestamp with time zone" else t.to_pydatetime()

    s = sql.Identifier(start.ident)
    params: list = [bound(start, tf.t1)]
    cond = sql.SQL("{} < %s").format(s)
    if end is not None:
        params.append(bound(end, tf.t0 if tf.end_inclusive else tf.t1))
        e = sql.Identifier(end.ident)
        cond = sql.SQL("{} AND ({} IS NULL OR {} >= %s)").format(cond, e, e)
    cond = sql.SQL("coalesce({}, false)").format(cond)
    if undated == UNDATED_SHOW:
        cond = sql.SQL("({} OR {} IS NULL)").format(cond, s)
    return sql.SQL("({})").format(cond), params


@dataclasses.dataclass
class ViewResult:
    """What a view request returns.

    Attributes
    ----------
    frame : GeoDataFrame or None
        The features (EPSG:4326), when the view holds at most the aggregation threshold.
    cells : DataFrame or None
        Otherwise the grid counts: ``x``, ``y`` (cell centres, EPSG:3857 metres), ``count``;
        ``cell_m`` is the cell size in metres.
    cell_m : float or None
    total : int
        Features in the view that pass the filters (counted on the server; for an aggregated
        view, the sum of the counts).
    local_filter : bool
        Whether part of the attribute or time filter could not be sent: the caller applies it to
        ``frame``; ``cells`` then count the features before that part.
    sql : str
        The query's text with ``%s`` for each parameter (for the docs and the tests; the values
        are never in it).
    """

    frame: object
    cells: pd.DataFrame | None
    cell_m: float | None
    total: int
    local_filter: bool
    sql: str


def fetch_view(con, source: PostGISSource, bbox: tuple[float, float, float, float] | None, *,
               time_filter: TimeFilter | None = None, start_field: str | None = None,
               end_field: str | None = None, undated: str = UNDATED_SHOW, expression: str | None = None,
               aggregate_above: int = AGGREGATE_ABOVE, view_width_m: float | None = None,
               page_rows: int = PAGE_ROWS, progress=None, cancelled=None) -> ViewResult | None:
    """The features of ``source`` in a view, filtered on the server; aggregated when too many.

    Parameters
    ----------
    con : psycopg.Connection
    source : PostGISSource
    bbox : (west, south, east, north), degrees, or None (no spatial filter)
    time_filter : TimeFilter, optional
        With ``start_field`` (and ``end_field``): the time slider's filter.
    expression : str, optional
        An attribute filter (:mod:`asean_atlas.layers.filter`).
    aggregate_above : int
        More features than this in the view are returned as grid counts (``cells``).
    view_width_m : float, optional
        The view's width in EPSG:3857 metres, for the grid's cell size
        (:data:`GRID_CELLS_ACROSS` cells across); default from ``bbox``.
    page_rows : int
        Rows fetched per page (a server-side cursor).
    progress : callable, optional
        ``progress(rows_received, total)`` after each page.
    cancelled : callable, optional
        Polled between pages; when it returns True the request stops and None is returned.

    Returns
    -------
    ViewResult or None (cancelled)

    Raises
    ------
    PostGISError
        The query failed (the message names the table).
    FilterError
        The expression does not parse or names a missing column.
    """
    import geopandas as gpd
    import psycopg
    import shapely
    from psycopg import sql

    name = f"{source.schema}.{source.table}"
    try:
        geom, srid = _geometry_column(con, source)
        cols = columns(con, source, geom)
        g = sql.Identifier(geom)
        target = sql.Identifier(source.schema, source.table)
        where: list = []
        params: list = []
        local = False
        if bbox is not None and (bbox[2] - bbox[0] < 180 and bbox[3] - bbox[1] < 120):
            if srid > 0:
                where.append(sql.SQL("{} && ST_Transform(ST_MakeEnvelope(%s, %s, %s, %s, 4326), %s)").format(g))
                params += [float(v) for v in bbox] + [srid]
            else:
                where.append(sql.SQL("ST_SetSRID({}, 4326) && ST_MakeEnvelope(%s, %s, %s, %s, 4326)").format(g))
                params += [float(v) for v in bbox]
        if time_filter is not None and start_field:
            try:
                start = _find(cols, start_field)
                end = _find(cols, end_field) if end_field else None
                cond, p = time_sql(time_filter, start, end, undated)
                where.append(cond)
                params += p
            except (NotInSQL, FilterError):
                local = True
        if expression:
            cond, p, complete = filter_sql(expression, cols)
            if cond is not None:
                where.append(cond)
                params += p
            local = local or not complete
        clause = sql.SQL(" WHERE ") + sql.SQL(" AND ").join(where) if where else sql.SQL("")
        # how many: stop counting past the threshold. With part of a filter left to the Atlas, rows
        # are sent up to LOCAL_ROWS_FACTOR times the threshold; beyond, the cells count what the
        # server could filter (``local_filter`` stays True to say so)
        cap = aggregate_above * (LOCAL_ROWS_FACTOR if local else 1)
        n = con.execute(sql.SQL("SELECT count(*) FROM (SELECT 1 FROM {}{} LIMIT %s) AS v").format(target, clause),
                        params + [cap + 1]).fetchone()[0]
        if n > cap:
            width = view_width_m
            if width is None:
                from .projection import bbox_to_display

                x0, _, x1, _ = bbox_to_display(bbox if bbox is not None else (-180, -85, 180, 85))
                width = x1 - x0
            cell = max(float(width) / GRID_CELLS_ACROSS, 1.0)
            if srid == 4326:  # Web Mercator by its formula: ~4x faster than ST_Transform per row
                kind = con.execute("SELECT type FROM geometry_columns WHERE f_table_schema = %s AND f_table_name = %s "
                                   "AND f_geometry_column = %s", (source.schema, source.table, geom)).fetchone()
                pt = g if kind is not None and kind[0] == "POINT" else sql.SQL(
                    "CASE WHEN GeometryType({g}) = 'POINT' THEN {g} ELSE ST_PointOnSurface({g}) END").format(g=g)
                q = sql.SQL(
                    "SELECT floor(x / %s)::bigint, floor(y / %s)::bigint, count(*) FROM ("
                    "SELECT 6378137.0 * radians(lon) AS x, 6378137.0 * ln(tan(pi() / 4 + radians(greatest(least("
                    "lat, {m}), -{m})) / 2)) AS y FROM (SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM "
                    "(SELECT {} AS p FROM {}{}) AS a) AS b) AS v WHERE x IS NOT NULL GROUP BY 1, 2"
                ).format(pt, target, clause, m=sql.Literal(MAX_LATITUDE))
            else:
                centre = sql.SQL("ST_Transform(ST_PointOnSurface({}), 3857)").format(
                    g if srid > 0 else sql.SQL("ST_SetSRID({}, 4326)").format(g))
                q = sql.SQL("SELECT floor(ST_X(c) / %s)::bigint, floor(ST_Y(c) / %s)::bigint, count(*) FROM "
                            "(SELECT {} AS c FROM {}{}) AS v WHERE c IS NOT NULL GROUP BY 1, 2").format(centre, target, clause)
            con.execute("SET LOCAL work_mem = '64MB'")  # the counts hashed in memory, not sorted on disk
            rows = con.execute(q, [cell, cell] + params).fetchall()
            cells = pd.DataFrame(rows, columns=["ix", "iy", "count"])
            cells["x"] = (cells["ix"] + 0.5) * cell
            cells["y"] = (cells["iy"] + 0.5) * cell
            return ViewResult(None, cells[["x", "y", "count"]], cell, int(cells["count"].sum()), local,
                              q.as_string(con))
        lonlat = sql.SQL("CASE WHEN ST_SRID({g}) = 0 THEN ST_SetSRID({g}, 4326) ELSE ST_Transform({g}, 4326) END"
                         ).format(g=sql.SQL("CASE WHEN ST_HasArc({g}) THEN ST_CurveToLine({g}) ELSE {g} END").format(g=g))
        q = sql.SQL("SELECT {}ST_AsBinary({}) FROM {}{}").format(
            sql.SQL("").join(sql.SQL("{}, ").format(sql.Identifier(c.ident)) for c in cols), lonlat, target, clause)
        rows: list = []
        with con.transaction():
            with con.cursor(name="atlas_view") as cur:  # server-side: pages, not the whole result
                cur.execute(q, params)
                while True:
                    if cancelled is not None and cancelled():
                        return None
                    page = cur.fetchmany(page_rows)
                    rows += page
                    if progress is not None:
                        progress(len(rows), None)
                    if len(page) < page_rows:
                        break
        text = q.as_string(con)
    except psycopg.errors.InsufficientPrivilege:
        raise PostGISError.of("{table}: permission denied (ask the database's owner for SELECT on it)",
                              table=name) from None
    except psycopg.Error as exc:
        raise PostGISError.of("{table}: {why}", table=name, why=str(exc).strip().splitlines()[0]) from None
    frame = pd.DataFrame([r[:-1] for r in rows], columns=[c.name for c in cols])
    for c in frame.columns:
        if frame[c].dtype == object:
            frame[c] = frame[c].map(_cell)
    geoms = shapely.from_wkb(np.array([None if r[-1] is None else bytes(r[-1]) for r in rows], dtype=object))
    gdf = gpd.GeoDataFrame(frame, geometry=geoms, crs=4326)
    return ViewResult(gdf, None, None, len(gdf), local, text)
