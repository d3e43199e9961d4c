"""PostGIS layers (issue 15, first slice): read a table or view with its geometry column, the
view's bounding box pushed to the server, and publish layers to PostGIS. No Qt.

A source is a PostgreSQL connection URI with the table as a query parameter, the form the
command line and project files take::

    postgresql://user@host:5432/dbname?table=schema.name[&geometry=geom]
    postgresql:///dbname?host=/run/postgresql&table=public.cables
    postgresql://?service=newsroom&table=public.datacentres

A password is never written into a source: libpq takes it from the password file
(``~/.pgpass`` or ``PGPASSFILE``), a service file (``pg_service.conf``) or ``PGPASSWORD``; an
error message never shows it (:func:`_scrub`). Every query is parameterised (psycopg 3); table
and column names go through :class:`psycopg.sql.Identifier`, never string formatting.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
import pandas as pd
import shapely

from .errors import AtlasError

#: Schemes of a PostGIS source.
SCHEMES = ("postgresql://", "postgres://")
#: Seconds to wait for the server before saying it cannot be reached.
CONNECT_TIMEOUT = 10


class PostGISError(AtlasError):
    """A PostGIS source that cannot be read or written: the message names the table and the
    problem, never a password."""


def is_postgis_source(text) -> bool:
    """Whether ``text`` is a PostGIS source (a ``postgresql://`` URI)."""
    return isinstance(text, str) and text.startswith(SCHEMES)


@dataclasses.dataclass(frozen=True)
class PostGISSource:
    """A table (or view) of a PostGIS database.

    Attributes
    ----------
    conninfo : str
        The connection URI without ``table``/``geometry`` and without any password.
    schema, table : str
    geometry : str or None
        The geometry column; None: the table's first one (``geometry_columns``).
    """

    conninfo: str
    schema: str
    table: str
    geometry: str | None = None

    @classmethod
    def parse(cls, text: str) -> "PostGISSource":
        """The source of a ``postgresql://…?table=schema.name`` URI.

        Raises
        ------
        PostGISError
            Not such a URI, or no ``table``.
        """
        if not is_postgis_source(text):
            raise PostGISError.of("not a PostGIS source (postgresql://…?table=schema.name)")
        scheme, rest = text.split("://", 1)
        q = rest.find("?")
        at = rest.rfind("@", 0, q if q >= 0 else len(rest))
        if at >= 0:  # user[:password]@: the password (which may hold "/", "%", ":") is dropped
            user = rest[:at].split(":", 1)[0]
            rest = (user + "@" if user else "") + rest[at + 1:]
        parts = urlsplit(f"{scheme}://{rest}")
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        name = query.pop("table", "")
        geometry = query.pop("geometry", None) or None
        schema = query.pop("schema", None)
        for key in [k for k in query if "password" in k.lower()]:  # password, sslpassword: never kept
            query.pop(key)
        if not name:
            raise PostGISError.of("{source}: no table (add ?table=schema.name)", source=_scrub(text))
        if schema is None:  # "schema.name"; a name holding a dot comes with ?schema= (see uri)
            schema, _, name = name.rpartition(".")
        return cls(_unsplit(parts, query), schema or "public", name, geometry)

    def uri(self) -> str:
        """The source as a URI (no password), for project files and the layer's ``source``."""
        parts = urlsplit(self.conninfo)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        if "." in self.schema or "." in self.table:  # the split would be ambiguous: both given
            query["schema"], query["table"] = self.schema, self.table
        else:
            query["table"] = f"{self.schema}.{self.table}"
        if self.geometry:
            query["geometry"] = self.geometry
        return _unsplit(parts, query)


#: libpq parameters a project file may give (session 31). Others are refused there: ``hostaddr``
#: makes libpq look up the saved password (``~/.pgpass``) for ``host`` but send it to another
#: address; ``passfile``, ``sslkey``, ``sslcert``... name files of the user's; ``options`` sets
#: server settings. A source typed by the user (command line, window) may give any of them.
PROJECT_PARAMETERS = frozenset({
    "host", "port", "dbname", "user", "sslmode", "connect_timeout", "application_name", "service",
    "target_session_attrs", "table", "schema", "geometry",
})


def check_project_source(text: str) -> None:
    """Refuse a PostGIS source read from a project file whose URI gives a libpq parameter outside
    :data:`PROJECT_PARAMETERS` (a stranger's project could otherwise send the user's saved
    password to a server of its choosing).

    Raises
    ------
    PostGISError
        Names the parameters refused (the URI shown has no password) and says to add the
        layer by hand.
    """
    source = PostGISSource.parse(text)
    # the parameters libpq itself reads from the URI that would be connected with (a "#" in a
    # password made a text parser see no query at all, session 31)
    try:
        from psycopg.conninfo import conninfo_to_dict

        keys = {str(k).lower() for k in conninfo_to_dict(source.conninfo)}
    except ImportError:  # without psycopg nothing connects anyway; check what the URI says
        keys = {k.lower() for k, _ in parse_qsl(urlsplit(source.conninfo).query, keep_blank_values=True)}
    except Exception as exc:  # noqa: BLE001 - libpq's parse errors vary
        raise PostGISError.of("{source}: not a connection string libpq reads ({why})", source=_scrub(text),
                              why=_scrub(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)) from None
    refused = sorted(keys - PROJECT_PARAMETERS - {"password"})
    if refused:
        raise PostGISError.of(
            "{source}: a project file may not set {names} (it could send your saved password to "
            "another server or read your files); if you trust it, add the layer yourself",
            source=_scrub(source.uri()), names=", ".join(refused))


def _unsplit(parts, query: dict) -> str:
    """A URI again from its parts; ``scheme://`` kept when there is no host (``urlunsplit`` would
    write ``postgresql:?service=…``, which libpq does not read as a URI)."""
    text = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return text + ("?" + urlencode(query) if query else "")


_KEYWORD_SECRET = re.compile(r"\b(?:ssl)?password\s*=\s*('(?:[^'\\]|\\.)*'|[^&\s]*)", re.I)


def _secrets(text: str) -> list[str]:
    """The passwords written in a connection string: a URI's ``user:password@`` (up to the last
    ``@``, whatever the password holds: ``/``, ``%``, ``:``), ``password=``/``sslpassword=``
    values (quoted or not), each also URL-decoded."""
    from urllib.parse import unquote

    text = str(text)
    found = []
    if is_postgis_source(text):
        rest = text.split("://", 1)[1]
        at = rest.rfind("@")
        if at >= 0 and ":" in rest[:at]:
            found.append(rest[:at].split(":", 1)[1])
    for m in _KEYWORD_SECRET.finditer(text):
        value = m.group(1)
        found.append(value)
        if value.startswith("'") and value.endswith("'") and len(value) >= 2:
            found.append(value[1:-1])
    out = []
    for s in found:
        for v in (s, unquote(s)):
            if v and v not in out:
                out.append(v)
    return sorted(out, key=len, reverse=True)


def _scrub(text: str, secrets: list[str] = ()) -> str:
    """``text`` with every password of ``secrets`` (see :func:`_secrets`) and any written in
    ``text`` itself replaced by ``***``."""
    out = str(text)
    for s in list(secrets) + _secrets(out):
        if s:
            out = out.replace(s, "***")
    return out


def connect(conninfo: str, password: str | None = None):
    """A psycopg connection (autocommit off); ``password`` (the window asks for it) is given to
    libpq for this connection only, never kept.

    Raises
    ------
    PostGISError
        The server cannot be reached or refuses the login (the message never shows a password).
    """
    import psycopg

    secrets = _secrets(conninfo) + ([password] if password else [])
    try:
        extra = {"password": password} if password else {}
        return psycopg.connect(conninfo, connect_timeout=CONNECT_TIMEOUT, **extra)
    except (psycopg.Error, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PostGISError.of("cannot connect to {source}: {why}", source=_scrub(conninfo, secrets),
                              why=_scrub(first, secrets)) from None


def list_tables(conninfo: str, password: str | None = None) -> pd.DataFrame:
    """The tables and views with a geometry column: ``schema``, ``table``, ``geometry``,
    ``srid``, ``type``, ``rows`` (the planner's estimate, ``pg_class.reltuples``; -1 when the
    table was never analysed).

    Raises
    ------
    PostGISError
        No connection, or the database has no PostGIS.
    """
    import psycopg

    with connect(conninfo, password) as con:
        try:
            rows = con.execute(
                "SELECT g.f_table_schema, g.f_table_name, g.f_geometry_column, g.srid, g.type, "
                "coalesce(c.reltuples, -1)::bigint "
                "FROM geometry_columns g LEFT JOIN pg_namespace n ON n.nspname = g.f_table_schema "
                "LEFT JOIN pg_class c ON c.relname = g.f_table_name AND c.relnamespace = n.oid "
                "ORDER BY 1, 2, 3").fetchall()
        except psycopg.Error as exc:
            raise PostGISError.of("{source}: no PostGIS here ({why})", source=_scrub(conninfo),
                                  why=str(exc).strip().splitlines()[0]) from None
    return pd.DataFrame(rows, columns=["schema", "table", "geometry", "srid", "type", "rows"])


def _geometry_column(con, source: PostGISSource) -> tuple[str, int]:
    row = con.execute(
        "SELECT f_geometry_column, srid FROM geometry_columns WHERE f_table_schema = %s AND f_table_name = %s "
        "AND (%s::text IS NULL OR f_geometry_column = %s) ORDER BY f_geometry_column LIMIT 1",
        (source.schema, source.table, source.geometry, source.geometry)).fetchone()
    if row is None and source.geometry is not None and con.execute(
            "SELECT 1 FROM geometry_columns WHERE f_table_schema = %s AND f_table_name = %s",
            (source.schema, source.table)).fetchone():
        raise PostGISError.of("{table}: no geometry column {column}", table=f"{source.schema}.{source.table}",
                              column=repr(source.geometry))
    if row is None:
        name = f"{source.schema}.{source.table}"
        from psycopg import sql

        exists = con.execute("SELECT to_regclass(%s)::oid", (sql.Identifier(source.schema, source.table).as_string(con),)).fetchone()
        if exists and exists[0] is not None and not con.execute(
                "SELECT has_table_privilege(%s::oid, 'SELECT')", (exists[0],)).fetchone()[0]:
            raise PostGISError.of("{table}: permission denied (ask the database's owner for SELECT on it)", table=name)
        raise PostGISError.of("{table}: no such table with a geometry column", table=name)
    return row[0], int(row[1] or 0)  # 0: unknown or mixed SRIDs in the column


def read_table(source: PostGISSource, bbox: tuple[float, float, float, float] | None = None,
               limit: int | None = None, password: str | None = None):
    """The features of a PostGIS table, in EPSG:4326.

    Parameters
    ----------
    source : PostGISSource
    bbox : (west, south, east, north), degrees, optional
        Only features whose geometry's bounding box meets it: the ``&&`` operator against the
        table's GiST index, on the server.
    limit : int, optional
        At most this many features.

    Returns
    -------
    GeoDataFrame
        The table's columns (the geometry column as ``geometry``), EPSG:4326.

    Raises
    ------
    PostGISError
        No connection, no such table, no permission (the message names the table).
    """
    import geopandas as gpd
    import psycopg
    from psycopg import sql

    name = f"{source.schema}.{source.table}"
    with connect(source.conninfo, password) as con:
        try:
            geom, srid = _geometry_column(con, source)
            target = sql.Identifier(source.schema, source.table)
            # every column, of tables, views and materialized views alike (pg_attribute)
            cols = [r[0] for r in con.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped "
                "ORDER BY attnum", (target.as_string(con),)).fetchall() if r[0] != geom]
            g = sql.Identifier(geom)
            # curves as lines; SRID 0 (unknown) read as EPSG:4326; anything else transformed
            linear = sql.SQL("CASE WHEN ST_HasArc({g}) THEN ST_CurveToLine({g}) ELSE {g} END").format(g=g)
            lonlat = sql.SQL("CASE WHEN ST_SRID({x}) = 0 THEN ST_SetSRID({x}, 4326) ELSE ST_Transform({x}, 4326) END"
                             ).format(x=linear)
            query = sql.SQL("SELECT {cols}ST_AsBinary({e}) FROM {t}").format(
                cols=sql.SQL("").join(sql.SQL("{}, ").format(sql.Identifier(c)) for c in cols), e=lonlat, t=target)
            params: list = []
            if bbox is not None and (bbox[2] - bbox[0] < 180 and bbox[3] - bbox[1] < 120):
                # (a view of most of the world: no filter; a world box does not transform into UTM)
                if srid > 0:  # against the GiST index
                    query += sql.SQL(" WHERE {g} && ST_Transform(ST_MakeEnvelope(%s, %s, %s, %s, 4326), %s)").format(g=g)
                    params += [float(v) for v in bbox] + [srid]
                else:  # SRIDs mixed or unknown in the column: on the geometry in degrees
                    query += sql.SQL(" WHERE {e} && ST_MakeEnvelope(%s, %s, %s, %s, 4326)").format(e=lonlat)
                    params += [float(v) for v in bbox]
            # rows in the table's own order (its primary key): db push clusters a table on its
            # spatial index, which stores the rows in another order
            key = [r[0] for r in con.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary "
                "ORDER BY array_position(i.indkey::int2[], a.attnum)", (target.as_string(con),)).fetchall()]
            if key:
                query += sql.SQL(" ORDER BY ") + sql.SQL(", ").join(sql.Identifier(k) for k in key)
            if limit is not None:
                query += sql.SQL(" LIMIT %s")
                params.append(int(limit))
            rows = con.execute(query, params).fetchall()
        except psycopg.errors.InsufficientPrivilege:
            raise PostGISError.of("{table}: permission denied (ask the database's owner for SELECT on it)",
                                  table=name) from None
        except psycopg.Error as exc:
            raise PostGISError.of("{table}: {why}", table=name, why=str(exc).strip().splitlines()[0]) from None
    frame = pd.DataFrame([r[:-1] for r in rows], columns=cols)
    for c in frame.columns:  # numbers come as numbers; only the other columns need looking at
        if frame[c].dtype == object:
            frame[c] = frame[c].map(_cell)
    if "geometry" in frame.columns:  # an attribute of that name, as the file reader renames it
        frame = frame.rename(columns={"geometry": "geometry_attribute"})
    try:
        geoms = shapely.from_wkb(np.array([None if r[-1] is None else bytes(r[-1]) for r in rows], dtype=object))
    except Exception as exc:  # a geometry type GEOS cannot hold
        raise PostGISError.of("{table}: {why}", table=name, why=str(exc).splitlines()[0]) from None
    return gpd.GeoDataFrame(frame, geometry=geoms, crs=4326)


def _cell(v):
    """A value of a row as the Atlas keeps attributes: JSON as JSON text, bytes as ``\\x`` hex,
    UUIDs, intervals and the like as text; numbers, text, dates and times as they are."""
    import json

    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, default=str)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(v).hex()
    if hasattr(v, "isoformat"):
        return v
    from decimal import Decimal

    if isinstance(v, Decimal):
        return float(v)
    return str(v)


def iso_dates(frame):
    """``frame`` with its date and time values as ISO text, as a file's are read (psycopg gives
    ``datetime.date`` objects; the time filter and the attribute table read text). Returns the
    same GeoDataFrame, changed in place."""
    for col in frame.columns:
        if col != "geometry" and frame[col].dtype == object and len(frame) and \
                frame[col].map(lambda v: hasattr(v, "isoformat")).any():
            frame[col] = frame[col].map(lambda v: v.isoformat() if hasattr(v, "isoformat") else v)
    return frame


def read_postgis_layer(text: str, color: str | None = None, password: str | None = None):
    """A :class:`~asean_atlas.layers.layer.Layer` of a PostGIS source URI (the whole table; its
    ``source`` is the URI without password). The time field is detected as for files.

    Raises
    ------
    PostGISError
    """
    from .io import USER_PALETTE
    from .layer import Layer, LoadReport
    from .style import Style
    from .temporal import detect_temporal

    source = PostGISSource.parse(text)
    frame = iso_dates(read_table(source, password=password))
    report = LoadReport(source=source.uri(), features_read=len(frame), source_crs="EPSG:4326", driver="PostGIS")
    colour = color or USER_PALETTE[0]
    return Layer(frame, title=source.table, source=source.uri(), style=Style(color=colour, fill_color=colour),
                 temporal=detect_temporal(frame), report=report)


#: Columns a pushed layer gets besides its attributes (provenance, issue 15 item 3).
PROVENANCE = ("atlas_source", "atlas_attribution", "atlas_pushed")


def _fit(name: str, limit: int) -> str:
    """``name`` cut to at most ``limit`` bytes of UTF-8, whole characters (PostgreSQL's names
    are at most 63 bytes)."""
    out = name.encode("utf-8")[:limit]
    return out.decode("utf-8", "ignore")


def _pg_type(series: pd.Series, is_date: bool) -> str:
    if is_date:
        return "date"
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return "timestamptz"
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "bigint"
    if pd.api.types.is_float_dtype(series):
        return "double precision"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "timestamp"
    return "text"


def push_layer(conninfo: str, layer, table: str, schema: str = "public", replace: bool = False) -> int:
    """Write a layer to PostGIS as ``schema.table``: its attributes (numbers, booleans, text; the
    layer's time fields as ``date``), the provenance columns (:data:`PROVENANCE`), the geometry
    as ``geometry(Geometry, 4326)`` with a GiST index, the rows clustered on it; then ``ANALYZE``. One transaction: a
    failure leaves nothing behind.

    Returns
    -------
    int
        Features written.

    Raises
    ------
    PostGISError
        The table exists (without ``replace``), no permission, no connection.
    """
    import datetime

    import psycopg
    from psycopg import sql

    from .temporal import parse_dates

    if not schema.strip() or not table.strip():
        raise PostGISError.of("a table needs a schema and a name")
    table = _fit(table, 63)
    frame = layer.frame
    gcol = frame.geometry.name
    spec = layer.temporal
    cols = [c for c in frame.columns if c != gcol]
    # the time fields typed as dates when every value written reads as one (else kept as text:
    # nothing a file says is lost)
    date_cols = set()
    for f in ((spec.start_field, spec.end_field) if spec is not None else ()):
        if f and f in frame.columns:
            text = frame[f].astype("string").str.strip().fillna("")
            parsed = parse_dates(text.tolist())
            if not (np.isnat(parsed) & (text != "").to_numpy()).any():
                date_cols.add(f)
    types = {c: _pg_type(frame[c], c in date_cols) for c in cols}
    # column names: at most 63 bytes, apart from each other and from the table's own columns
    taken = {"fid", "geom", *PROVENANCE}
    names = {}
    for c in cols:
        base = _fit(str(c), 60) or "column"
        n, k = base, 1
        while n in taken:
            n, k = _fit(base, 58) + f"_{k}", k + 1
        taken.add(n)
        names[c] = n
    name = f"{schema}.{table}"
    target = sql.Identifier(schema, table)
    pushed = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    values = {}
    for c in cols:
        if types[c] == "date":
            d = parse_dates(frame[c].astype("string").fillna("").tolist())
            values[c] = [None if np.isnat(v) else v.astype("datetime64[D]").item() for v in d]
        elif types[c] == "text":
            values[c] = [None if v is None or (isinstance(v, float) and v != v) else str(v) for v in frame[c].tolist()]
        else:
            values[c] = [None if pd.isna(v) else v for v in frame[c].tolist()]
    geoms = np.asarray(frame.geometry.values, dtype=object)
    present = ~shapely.is_missing(geoms)
    has_z = bool(shapely.has_z(geoms[present]).any()) if present.any() else False
    if has_z:  # a 3D layer: every geometry 3D (PostGIS types a column 2D or 3D)
        geoms = geoms.copy()
        geoms[present] = shapely.force_3d(geoms[present])
    geoms = shapely.set_srid(geoms, 4326)
    ewkb = shapely.to_wkb(geoms, hex=True, include_srid=True)
    gtype = "GeometryZ" if has_z else "Geometry"
    try:
        with connect(conninfo) as con, con.transaction():
            if replace:
                con.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(target))
            columns = sql.SQL(", ").join(
                [sql.SQL("fid bigserial PRIMARY KEY")]
                + [sql.SQL("{} {}").format(sql.Identifier(names[c]), sql.SQL(types[c])) for c in cols]
                + [sql.SQL("{} text").format(sql.Identifier(p)) for p in PROVENANCE[:2]]
                + [sql.SQL("{} timestamptz").format(sql.Identifier(PROVENANCE[2])),
                   sql.SQL(f"geom geometry({gtype}, 4326)")])
            con.execute(sql.SQL("CREATE TABLE {} ({})").format(target, columns))
            listed = sql.SQL(", ").join([sql.Identifier(names[c]) for c in cols]
                                        + [sql.Identifier(p) for p in PROVENANCE] + [sql.Identifier("geom")])
            with con.cursor().copy(sql.SQL("COPY {} ({}) FROM STDIN").format(target, listed)) as copy:
                for i in range(len(frame)):
                    copy.write_row([values[c][i] for c in cols] + [layer.source, layer.attribution or "", pushed,
                                                                   ewkb[i]])
            import hashlib

            # an index name apart from the table's own (both cut at 63 bytes) and from other tables'
            tag = hashlib.sha1(f"{schema}.{table}".encode()).hexdigest()[:8]
            index = sql.Identifier(f"{_fit(table, 40)}_{tag}_gidx")
            con.execute(sql.SQL("CREATE INDEX {} ON {} USING GIST (geom)").format(index, target))
            # rows stored in the index's order: a view reads the pages of its own area, not rows
            # spread over the whole table (10M points, a country's grid counts: 1.0 s -> 0.25 s)
            con.execute(sql.SQL("CLUSTER {} USING {}").format(target, index))
        with connect(conninfo) as con:
            con.autocommit = True
            con.execute(sql.SQL("ANALYZE {}").format(target))
    except psycopg.errors.DuplicateTable:
        raise PostGISError.of("{table} exists already (use --replace to write over it)", table=name) from None
    except psycopg.errors.InsufficientPrivilege:
        raise PostGISError.of("{table}: permission denied (the user may not create tables in {schema}, or does not "
                              "own the table it would replace)", table=name, schema=schema) from None
    except psycopg.Error as exc:
        raise PostGISError.of("{table}: {why}", table=name, why=_scrub(str(exc).strip().splitlines()[0])) from None
    return len(frame)
