"""A seeded generator of broken and hostile vector files (issue 8, items 5 and 6). No network.

``generate(seed, n, folder)`` writes ``n`` small ("light") cases, each in its own sub-folder of
``folder``, and returns them as :class:`Case` (path, kind, description). The same seed gives the
same files, byte for byte. Light cases are below :data:`LIGHT_MAX_BYTES` each, so a few hundred
run in CI in well under a minute. ``heavy=True`` adds the on-demand cases of :data:`HEAVY_KINDS`
(tens of MB to a 1 GB zip bomb); :func:`generate_heavy` writes only those.

Kinds (light): truncated and garbled GeoJSON, coordinates of the wrong JSON type or depth,
non-finite and overflowing numbers, longitudes beyond ±540 and latitudes beyond ±90, deeply nested
JSON, colliding column names, broken text encodings, broken Shapefiles (.dbf/.shp/.shx/.prj/.cpg),
zipped Shapefiles, CSV with bad lon/lat, KML and GeoPackage garbage, GeoParquet garbage, empty files,
binary junk, odd file names, odd geometries, GeoJSON sequences with junk, odd attribute values.

Each case's description says how it was made, so a failing case can be rebuilt by hand. Run this
module to write cases to a folder: ``python tests/layers/broken_files.py FOLDER [N] [SEED] [--heavy]``.
"""

from __future__ import annotations

import io
import json
import math
import random
import sqlite3
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Upper bound of a light case's size on disk (all its files together).
LIGHT_MAX_BYTES = 200_000


@dataclass(frozen=True)
class Case:
    """One generated file.

    Attributes
    ----------
    path : Path
        The file to open (for a Shapefile, the ``.shp``; its siblings are beside it).
    kind : str
        Short category name, e.g. ``"geojson_truncated"``.
    description : str
        How it was made (enough to rebuild it by hand).
    heavy : bool
        An on-demand case (big file or big expansion).
    """

    path: Path
    kind: str
    description: str
    heavy: bool = False


# --------------------------------------------------------------------------------------------
# building blocks
# --------------------------------------------------------------------------------------------

_THAI = "ศูนย์ข้อมูล"
_WORDS = ["cable", "data centre", "landing", "5G", "hub", "factory", "Hà Nội", "สิงคโปร์", "雅加达", "Kuala Lumpur"]


def _lonlat(rng: random.Random) -> list[float]:
    return [round(rng.uniform(92.0, 141.0), 6), round(rng.uniform(-11.0, 28.0), 6)]


def _geom(rng: random.Random) -> dict:
    x, y = _lonlat(rng)
    t = rng.randrange(3)
    if t == 0:
        return {"type": "Point", "coordinates": [x, y]}
    if t == 1:
        return {"type": "LineString", "coordinates": [[x, y], [round(x + rng.uniform(0.1, 2), 6), round(y + rng.uniform(-1, 1), 6)]]}
    d = round(rng.uniform(0.05, 1.0), 6)
    return {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}


def _props(rng: random.Random, i: int) -> dict:
    return {"name": f"{rng.choice(_WORDS)} {i}", "year": rng.randrange(1995, 2031), "code": f"{rng.randrange(1000):03d}"}


def _feature(rng: random.Random, i: int = 0, geometry: object = "random", props: object = "random") -> dict:
    return {
        "type": "Feature",
        "properties": _props(rng, i) if props == "random" else props,
        "geometry": _geom(rng) if geometry == "random" else geometry,
    }


def _fc(features: list) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _valid_fc(rng: random.Random, n: int) -> dict:
    return _fc([_feature(rng, i) for i in range(n)])


def _dumps(obj: object, raws: dict[str, str] | None = None) -> str:
    """JSON text; string values ``"@@RAWk@@"`` are replaced by the raw text ``raws[k]`` (tokens
    JSON forbids, such as NaN, or numbers Python would round)."""
    text = json.dumps(obj, ensure_ascii=False, allow_nan=True, separators=(",", ":"))
    for key, raw in (raws or {}).items():
        text = text.replace(json.dumps(f"@@RAW{key}@@"), raw)
    return text


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _nest_list(depth: int, leaf: str = "1") -> str:
    return "[" * depth + leaf + "]" * depth


def _nest_obj(depth: int, key: str = "a", leaf: str = "1") -> str:
    return ('{"' + key + '":') * depth + leaf + "}" * depth


def _nest_gc(depth: int) -> str:
    inner = '{"type":"Point","coordinates":[100.5,13.7]}'
    return '{"type":"GeometryCollection","geometries":[' * depth + inner + "]}" * depth


# --- Shapefile, written by hand so every byte is under control ---------------------------------

def _shp_record(shape_type: int, geom) -> bytes:
    if geom is None:
        return struct.pack("<i", 0)
    if shape_type == 1:
        return struct.pack("<idd", 1, float(geom[0]), float(geom[1]))
    parts = geom  # list of rings / lines, each a list of (x, y)
    pts = [p for part in parts for p in part]
    xs = [p[0] for p in pts] or [0.0]
    ys = [p[1] for p in pts] or [0.0]
    out = struct.pack("<i4d2i", shape_type, min(xs), min(ys), max(xs), max(ys), len(parts), len(pts))
    offset = 0
    for part in parts:
        out += struct.pack("<i", offset)
        offset += len(part)
    for x, y in pts:
        out += struct.pack("<2d", float(x), float(y))
    return out


def _shp_header(code_len_words: int, shape_type: int, bbox) -> bytes:
    return (
        struct.pack(">7i", 9994, 0, 0, 0, 0, 0, code_len_words)
        + struct.pack("<2i", 1000, shape_type)
        + struct.pack("<4d", *bbox)
        + struct.pack("<4d", 0.0, 0.0, 0.0, 0.0)
    )


def shp_bytes(shape_type: int, geoms: list) -> tuple[bytes, bytes]:
    """The ``.shp`` and ``.shx`` of ``geoms`` (points ``(x, y)`` or part lists, None for null)."""
    contents = [_shp_record(shape_type, g) for g in geoms]
    xs, ys = [], []
    for g in geoms:
        if g is None:
            continue
        pts = [g] if shape_type == 1 else [p for part in g for p in part]
        xs += [p[0] for p in pts]
        ys += [p[1] for p in pts]
    bbox = (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, 0.0, 0.0)
    body = b""
    index = b""
    offset = 50  # words
    for i, c in enumerate(contents, start=1):
        body += struct.pack(">2i", i, len(c) // 2) + c
        index += struct.pack(">2i", offset, len(c) // 2)
        offset += 4 + len(c) // 2
    shp = _shp_header((100 + len(body)) // 2, shape_type, bbox) + body
    shx = _shp_header((100 + len(index)) // 2, shape_type, bbox) + index
    return shp, shx


def dbf_bytes(fields: list[tuple], rows: list[list], encoding: str = "utf-8", n_records: int | None = None) -> bytes:
    """A dBASE III table. ``fields``: ``(name, type, length, decimals)``; values str/bytes/numbers."""
    header_len = 32 + 32 * len(fields) + 1
    rec_len = 1 + sum(f[2] for f in fields)
    n = len(rows) if n_records is None else n_records
    out = struct.pack("<B3BIHH20x", 0x03, 124, 1, 1, n, header_len, rec_len)
    for name, ftype, length, dec in fields:
        raw = name if isinstance(name, bytes) else name.encode("ascii", "replace")
        out += struct.pack("<11sc4xBB14x", raw[:11], ftype.encode("ascii"), length, dec)
    out += b"\r"
    for row in rows:
        rec = b" "
        for (name, ftype, length, dec), v in zip(fields, row):
            if isinstance(v, bytes):
                raw = v
            elif ftype in ("N", "F") and not isinstance(v, str):
                raw = (f"{v:.{dec}f}" if dec else str(v)).encode("ascii")
            else:
                raw = str(v).encode(encoding, "replace")
            raw = raw[:length]
            rec += raw.rjust(length) if ftype in ("N", "F") else raw.ljust(length)
        out += rec
    return out + b"\x1a"


def write_shapefile(
    folder: Path, stem: str, shape_type: int, geoms: list, fields: list[tuple], rows: list[list],
    prj: str | None = None, cpg: str | None = None, encoding: str = "utf-8",
) -> Path:
    shp, shx = shp_bytes(shape_type, geoms)
    _write(folder / f"{stem}.shp", shp)
    _write(folder / f"{stem}.shx", shx)
    _write(folder / f"{stem}.dbf", dbf_bytes(fields, rows, encoding))
    if prj is not None:
        _write(folder / f"{stem}.prj", prj)
    if cpg is not None:
        _write(folder / f"{stem}.cpg", cpg)
    return folder / f"{stem}.shp"


WGS84_PRJ = (
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)
UTM47_PRJ = (
    'PROJCS["WGS_1984_UTM_Zone_47N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",'
    '6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
    'PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],'
    'PARAMETER["Central_Meridian",99.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],'
    'UNIT["Meter",1.0]]'
)
_BASIC_FIELDS = [("NAME", "C", 40, 0), ("YEAR", "N", 6, 0), ("VALUE", "N", 12, 3)]


def _basic_rows(rng: random.Random, n: int) -> list[list]:
    return [[f"{rng.choice(_WORDS)} {i}", rng.randrange(1995, 2031), rng.uniform(0, 1000)] for i in range(n)]


def _points(rng: random.Random, n: int) -> list:
    return [tuple(_lonlat(rng)) for _ in range(n)]


def _squares(rng: random.Random, n: int) -> list:
    out = []
    for _ in range(n):
        x, y = _lonlat(rng)
        d = rng.uniform(0.1, 1.0)
        out.append([[(x, y), (x, y + d), (x + d, y + d), (x + d, y), (x, y)]])  # clockwise shell
    return out


# --- WKB, GeoPackage, GeoParquet ---------------------------------------------------------------

def wkb_point(x: float, y: float) -> bytes:
    return struct.pack("<BIdd", 1, 1, x, y)


def wkb_linestring(pts) -> bytes:
    return struct.pack("<BII", 1, 2, len(pts)) + b"".join(struct.pack("<dd", *p) for p in pts)


def wkb_polygon(rings) -> bytes:
    out = struct.pack("<BII", 1, 3, len(rings))
    for r in rings:
        out += struct.pack("<I", len(r)) + b"".join(struct.pack("<dd", *p) for p in r)
    return out


def wkb_nested_gc(depth: int) -> bytes:
    return struct.pack("<BII", 1, 7, 1) * depth + wkb_point(100.5, 13.7)


def gpkg_blob(wkb: bytes, srs_id: int = 4326, magic: bytes = b"GP", flags: int = 0x01) -> bytes:
    return magic + bytes([0, flags]) + struct.pack("<i", srs_id) + wkb


def write_gpkg(
    path: Path, table: str, rows: list[tuple[bytes | None, object]], srs_id: int = 4326,
    srs_rows: list[tuple] | None = None, contents_table: str | None = None, geom_type: str = "GEOMETRY",
    name_type: str = "TEXT", extra_tables: list[str] = (),
) -> Path:
    """A minimal GeoPackage (GPKG 1.2): one feature table ``table`` (fid, geom, name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    try:
        q = '"' + table.replace('"', '""') + '"'
        con.execute("PRAGMA application_id = 1196444487")
        con.execute("PRAGMA user_version = 10200")
        con.execute(
            "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
            "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, "
            "description TEXT)"
        )
        srs = srs_rows if srs_rows is not None else [
            ("WGS 84", 4326, "EPSG", 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
             'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]', None),
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None),
        ]
        con.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", srs)
        con.execute(
            "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
            "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL, "
            "min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)"
        )
        con.execute(
            "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
            "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, "
            "CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))"
        )
        ct = contents_table if contents_table is not None else table
        con.execute(
            "INSERT INTO gpkg_contents VALUES (?, 'features', ?, '', '2024-01-01T00:00:00.000Z', NULL, NULL, NULL, NULL, ?)",
            (ct, ct, srs_id),
        )
        con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)", (ct, geom_type, srs_id))
        con.execute(f"CREATE TABLE {q} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, name {name_type})")
        con.executemany(f"INSERT INTO {q} (geom, name) VALUES (?, ?)", rows)
        for sql in extra_tables:
            con.execute(sql)
        con.commit()
    finally:
        con.close()
    return path


def write_geoparquet(path: Path, wkbs: list, names: list, geo_meta: object = "default", geom_col: str = "geometry") -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"name": pa.array(names, type=pa.string()), geom_col: pa.array(wkbs, type=pa.binary())})
    if geo_meta == "default":
        geo_meta = {"version": "1.0.0", "primary_column": "geometry",
                    "columns": {"geometry": {"encoding": "WKB", "geometry_types": []}}}
    if geo_meta is not None:
        raw = geo_meta if isinstance(geo_meta, (str, bytes)) else json.dumps(geo_meta)
        table = table.replace_schema_metadata({b"geo": raw if isinstance(raw, bytes) else raw.encode("utf-8")})
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="none")
    return path


def _zip(path: Path, members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return path


def _shapefile_members(rng: random.Random, stem: str, n: int = 5, prj: str | None = WGS84_PRJ, text=None) -> list[tuple[str, bytes]]:
    shp, shx = shp_bytes(1, _points(rng, n))
    rows = _basic_rows(rng, n)
    if text is not None:
        for r in rows:
            r[0] = text
    members = [(f"{stem}.shp", shp), (f"{stem}.shx", shx), (f"{stem}.dbf", dbf_bytes(_BASIC_FIELDS, rows))]
    if prj is not None:
        members.append((f"{stem}.prj", prj.encode("ascii")))
    return members


# --------------------------------------------------------------------------------------------
# the light kinds; each is ``f(rng, folder, variant) -> (path, description)``
# --------------------------------------------------------------------------------------------

Maker = Callable[[random.Random, Path, int], "tuple[Path, str]"]


def k_geojson_truncated(rng, d, v):
    if v == 3:
        lines = [_dumps(_feature(rng, i)) for i in range(rng.randrange(3, 60))]
        text = ("\n".join(lines)).encode("utf-8")
        cut = rng.randrange(len(text) - len(lines[-1]), len(text))
        return _write(d / "seq.geojsonl", text[:cut]), f"GeoJSONSeq of {len(lines)} features cut at byte {cut} of {len(text)} (inside the last line)"
    if v == 4:
        text = _dumps(_feature(rng, 0)).encode("utf-8")
        cut = rng.randrange(1, len(text))
        return _write(d / "feature.geojson", text[:cut]), f"bare Feature cut at byte {cut} of {len(text)}"
    if v == 5:
        fc = _valid_fc(rng, rng.randrange(2, 30))
        for f in fc["features"]:
            f["properties"]["name"] = _THAI * 3
        text = _dumps(fc).encode("utf-8")
        starts = [i for i in range(1, len(text)) if text[i] >= 0xE0]  # first byte of a 3-byte sequence
        cut = rng.choice(starts) + rng.choice((1, 2))
        return _write(d / "thai.geojson", text[:cut]), f"FeatureCollection with Thai names cut at byte {cut} of {len(text)}, inside a UTF-8 sequence"
    fc = _valid_fc(rng, rng.randrange(1, 200))
    text = _dumps(fc).encode("utf-8")
    if v == 1:
        quotes = [i for i, b in enumerate(text) if b == ord('"')]
        cut = rng.choice(quotes) + 1
        how = f"cut right after a quote at byte {cut} of {len(text)} (inside a string)"
    else:
        cut = rng.randrange(1, len(text))
        how = f"cut at byte {cut} of {len(text)}"
    data = text[:cut]
    if v == 2:
        tail = "".join(rng.choice("]}") for _ in range(rng.randrange(1, 12)))
        data += tail.encode()
        how += f", then {tail!r} appended"
    return _write(d / "truncated.geojson", data), f"FeatureCollection of {len(fc['features'])} features {how}"


def k_geojson_byteflip(rng, d, v):
    fc = _valid_fc(rng, rng.randrange(1, 150))
    data = bytearray(_dumps(fc).encode("utf-8"))
    n = len(data)
    edits = []
    k = rng.randrange(1, 21)
    for _ in range(k):
        i = rng.randrange(len(data))
        if v == 0:
            bit = 1 << rng.randrange(8)
            data[i] ^= bit
            edits.append(f"xor {bit:#x}@{i}")
        elif v == 1:
            c = rng.choice(b'{}[]",:')
            data[i] = c
            edits.append(f"{chr(c)}@{i}")
        elif v == 2:
            ln = rng.randrange(1, 40)
            del data[i : i + ln]
            edits.append(f"del {ln}@{i}")
        elif v == 3:
            ln = rng.randrange(1, 60)
            data[i:i] = data[i : i + ln]
            edits.append(f"dup {ln}@{i}")
        else:
            digits = [j for j, b in enumerate(data) if chr(b) in "0123456789.-"]
            j = rng.choice(digits)
            c = rng.choice(b"lOoe,+-.xX ")
            data[j] = c
            edits.append(f"{chr(c)}@{j}")
    names = ["bit flips", "structural characters", "deleted spans", "duplicated spans", "digits replaced"]
    return _write(d / "garbled.geojson", bytes(data)), (
        f"FeatureCollection ({len(fc['features'])} features, {n} bytes) with {k} {names[v]}: {', '.join(edits[:8])}"
        + (" ..." if len(edits) > 8 else "")
    )


_BAD_GEOMS = [
    ("Point coordinates a string", '{"type":"Point","coordinates":"100.5, 13.7"}'),
    ("Point coordinates strings", '{"type":"Point","coordinates":["100.5","13.7"]}'),
    ("Point coordinates null", '{"type":"Point","coordinates":[null,null]}'),
    ("Point coordinates booleans", '{"type":"Point","coordinates":[true,false]}'),
    ("Point coordinates an object", '{"type":"Point","coordinates":{"x":100.5,"y":13.7}}'),
    ("Point coordinates nested one too deep", '{"type":"Point","coordinates":[[100.5,13.7]]}'),
    ("Point coordinates nested two too deep", '{"type":"Point","coordinates":[[[100.5,13.7]]]}'),
    ("Point coordinates a bare number", '{"type":"Point","coordinates":100.5}'),
    ("Point with one ordinate", '{"type":"Point","coordinates":[100.5]}'),
    ("Point with empty coordinates", '{"type":"Point","coordinates":[]}'),
    ("Point with 6 ordinates", '{"type":"Point","coordinates":[100.5,13.7,1,2,3,4]}'),
    ("Point coordinates null (whole)", '{"type":"Point","coordinates":null}'),
    ("Point without coordinates", '{"type":"Point"}'),
    ("LineString of one position", '{"type":"LineString","coordinates":[[100.5,13.7]]}'),
    ("LineString one level too shallow", '{"type":"LineString","coordinates":[100.5,13.7]}'),
    ("LineString with string positions", '{"type":"LineString","coordinates":[["a","b"],[101,14]]}'),
    ("LineString with a null position", '{"type":"LineString","coordinates":[[100.5,13.7],null]}'),
    ("LineString with a boolean ordinate", '{"type":"LineString","coordinates":[[100.5,13.7],[true,1]]}'),
    ("LineString mixing 2D and 4D positions", '{"type":"LineString","coordinates":[[100,13],[101,14,5,6],[102,15]]}'),
    ("Polygon one level too shallow", '{"type":"Polygon","coordinates":[[100,13],[101,13],[101,14],[100,13]]}'),
    ("Polygon one level too deep", '{"type":"Polygon","coordinates":[[[[100,13],[101,13],[101,14],[100,13]]]]}'),
    ("Polygon with an empty ring", '{"type":"Polygon","coordinates":[[]]}'),
    ("Polygon ring of two positions", '{"type":"Polygon","coordinates":[[[100,13],[101,14]]]}'),
    ("Polygon ring a string", '{"type":"Polygon","coordinates":["ring"]}'),
    ("Polygon with a number as second ring", '{"type":"Polygon","coordinates":[[[100,13],[101,13],[101,14],[100,13]],5]}'),
    ("Polygon ring of objects", '{"type":"Polygon","coordinates":[[{"x":1},{"x":2},{"x":3},{"x":1}]]}'),
    ("MultiPolygon too shallow (Polygon coordinates)", '{"type":"MultiPolygon","coordinates":[[[100,13],[101,13],[101,14],[100,13]]]}'),
    ("MultiPolygon nested 12 levels", '{"type":"MultiPolygon","coordinates":' + _nest_list(12, "100,13") + "}"),
    ("MultiPoint of nulls", '{"type":"MultiPoint","coordinates":[null,null]}'),
    ("GeometryCollection geometries null", '{"type":"GeometryCollection","geometries":null}'),
    ("GeometryCollection geometries a string", '{"type":"GeometryCollection","geometries":"x"}'),
    ("GeometryCollection of null", '{"type":"GeometryCollection","geometries":[null]}'),
    ("GeometryCollection of a Point without coordinates", '{"type":"GeometryCollection","geometries":[{"type":"Point"}]}'),
    ("geometry without type", '{"coordinates":[100.5,13.7]}'),
    ("geometry type a number", '{"type":5,"coordinates":[100.5,13.7]}'),
    ("geometry type lower case", '{"type":"point","coordinates":[100.5,13.7]}'),
    ("geometry type Circle", '{"type":"Circle","coordinates":[100.5,13.7],"radius":5}'),
    ("geometry a WKT string", '"POINT (100.5 13.7)"'),
    ("geometry an array", "[]"),
    ("geometry a number", "0"),
    ("geometry true", "true"),
    ("geometry a Feature", '{"type":"Feature","geometry":{"type":"Point","coordinates":[100.5,13.7]},"properties":{}}'),
]


def k_coord_wrong_type(rng, d, v):
    label, geom = _BAD_GEOMS[v % len(_BAD_GEOMS)]
    n_good = rng.randrange(0, 4)
    feats = [_feature(rng, i) for i in range(n_good)]
    feats.insert(rng.randrange(len(feats) + 1), _feature(rng, 99, geometry="@@RAW0@@"))
    text = _dumps(_fc(feats), {"0": geom})
    return _write(d / "wrongtype.geojson", text), f"{label}: {geom[:80]} (with {n_good} valid features)"


_NONFINITE = ["NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e309", "-1e309", "1.7976931348623157e308",
              "5e-324", "-0.0", "1e-400", "18446744073709551616", "1" + "0" * 330, "-" + "9" * 400]


def k_coord_nonfinite(rng, d, v):
    tok = _NONFINITE[v % len(_NONFINITE)]
    shape = (v // len(_NONFINITE) + rng.randrange(6)) % 6
    x, y = _lonlat(rng)
    if shape == 0:
        geom, where = {"type": "Point", "coordinates": ["@@RAW0@@", y]}, "Point x"
    elif shape == 1:
        geom, where = {"type": "Point", "coordinates": [x, "@@RAW0@@"]}, "Point y"
    elif shape == 2:
        geom, where = {"type": "LineString", "coordinates": [[x, y], ["@@RAW0@@", y + 1], [x + 2, y]]}, "LineString middle vertex x"
    elif shape == 3:
        geom, where = {"type": "Polygon", "coordinates": [[[x, y], [x + 1, y], [x + 1, "@@RAW0@@"], [x, y]]]}, "Polygon vertex y"
    elif shape == 4:
        geom, where = {"type": "Polygon", "coordinates": [[["@@RAW0@@", "@@RAW0@@"]] * 4]}, "every Polygon ordinate"
    else:
        geom, where = {"type": "MultiPoint", "coordinates": [["@@RAW0@@", "@@RAW0@@"], [x, y]]}, "MultiPoint first position"
    n_good = rng.randrange(0, 3)
    feats = [_feature(rng, i) for i in range(n_good)] + [_feature(rng, 9, geometry=geom)]
    rng.shuffle(feats)
    fc = _fc(feats)
    if rng.random() < 0.3:
        fc["bbox"] = ["@@RAW0@@", -90, 180, 90]
        where += " and the collection bbox"
    return _write(d / "nonfinite.geojson", _dumps(fc, {"0": tok})), f"{tok[:30]} as {where} ({n_good} valid features)"


_OUT_LON = [540.0, -540.0, 540.0001, -540.0001, 541.0, 720.0, -1000.0, 360.0001, 1e6, 180.0000001, -180.0000001]
_OUT_LAT = [90.0001, -90.0001, 91.0, 180.0, -1000.0, 90.0, -90.0]


def k_coord_out_of_range(rng, d, v):
    if v % 4 == 0:
        lon = rng.choice(_OUT_LON)
        x, y = lon, _lonlat(rng)[1]
        geom = rng.choice([
            {"type": "Point", "coordinates": [x, y]},
            {"type": "LineString", "coordinates": [[170.0, y], [x, y]]},
            {"type": "Polygon", "coordinates": [[[-x, -10], [x, -10], [x, 10], [-x, 10], [-x, -10]]]},
        ])
        desc = f"longitude {lon} in a {geom['type']}"
    elif v % 4 == 1:
        lat = rng.choice(_OUT_LAT)
        x = _lonlat(rng)[0]
        geom = rng.choice([
            {"type": "Point", "coordinates": [x, lat]},
            {"type": "LineString", "coordinates": [[x, 0.0], [x + 1, lat]]},
            {"type": "Polygon", "coordinates": [[[-180, 80], [180, 80], [180, lat], [-180, lat], [-180, 80]]]},
        ])
        desc = f"latitude {lat} in a {geom['type']}"
    elif v % 4 == 2:
        lon, lat = rng.choice(_OUT_LON), rng.choice(_OUT_LAT)
        geom = {"type": "Point", "coordinates": [lon, lat]}
        desc = f"Point ({lon}, {lat}), both out of range"
    else:
        # Pacific-centred 0..360 data mixed with negative longitudes and a ring around the pole
        geom = rng.choice([
            {"type": "LineString", "coordinates": [[-179.0, 10.0], [350.0, 10.0], [190.0, -5.0]]},
            {"type": "Polygon", "coordinates": [[[0, 89], [90, 89], [180, 89], [270, 89], [360, 89], [0, 89]]]},
            {"type": "Polygon", "coordinates": [[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]]},
            {"type": "MultiLineString", "coordinates": [[[359.9, 0], [360.1, 0]], [[-0.1, 1], [0.1, 1]]]},
        ])
        desc = f"{geom['type']} mixing 0..360 and negative longitudes or touching the poles: {json.dumps(geom['coordinates'])[:90]}"
    feats = [_feature(rng, i) for i in range(rng.randrange(0, 3))] + [_feature(rng, 9, geometry=geom)]
    return _write(d / "range.geojson", _dumps(_fc(feats))), desc


_LIGHT_DEPTHS = [64, 512, 999, 1000, 1001, 1025, 2000, 5000, 20000]


def k_nesting_deep(rng, d, v):
    depth = _LIGHT_DEPTHS[v % len(_LIGHT_DEPTHS)]
    where = (v // len(_LIGHT_DEPTHS) + rng.randrange(5)) % 5
    base = _feature(rng, 0)
    if where == 0:
        feat = _dumps(_feature(rng, 1, props={"name": "deep", "deep": "@@RAW0@@"}), {"0": _nest_list(depth)})
        desc = f"property value nested {depth} arrays deep"
    elif where == 1:
        feat = _dumps(_feature(rng, 1, props={"name": "deep", "deep": "@@RAW0@@"}), {"0": _nest_obj(depth)})
        desc = f"property value nested {depth} objects deep"
    elif where == 2:
        feat = _dumps(_feature(rng, 1, geometry={"type": "Point", "coordinates": "@@RAW0@@"}), {"0": _nest_list(depth, "100.5,13.7")})
        desc = f"Point coordinates nested {depth} arrays deep"
    elif where == 3:
        depth = min(depth, 3000)  # 45 bytes a level: stay light
        feat = _dumps(_feature(rng, 1, geometry="@@RAW0@@"), {"0": _nest_gc(depth)})
        desc = f"GeometryCollection nested {depth} deep"
    else:
        feat = _dumps(_feature(rng, 1, props="@@RAW0@@"), {"0": _nest_obj(depth, "p")})
        desc = f"properties object nested {depth} deep"
    text = '{"type":"FeatureCollection","features":[' + _dumps(base) + "," + feat + "]}"
    return _write(d / "deep.geojson", text), desc


_COLLISIONS = [
    ("'a' and 'A'", '{"a":1,"A":2}'),
    ("'name', 'Name', 'NAME'", '{"name":"x","Name":"y","NAME":"z"}'),
    ("'geometry' property", '{"geometry":"POINT (1 2)","name":"g"}'),
    ("'geometry' and 'GEOMETRY'", '{"geometry":1,"GEOMETRY":2}'),
    ("'geometry' and 'geometry_attribute'", '{"geometry":1,"geometry_attribute":2}'),
    ("'wkb_geometry' (pyogrio's geometry column name)", '{"wkb_geometry":"abc","name":"w"}'),
    ("'geom' and 'the_geom'", '{"geom":1,"the_geom":"POINT (0 0)"}'),
    ("duplicate key 'a' (JSON text)", '{"a":1,"a":"two","a":[3]}'),
    ("empty key", '{"":1,"name":"e"}'),
    ("key of spaces", '{" ":1,"  ":2}'),
    ("'fid' and 'FID'", '{"fid":"x","FID":2}'),
    ("'OGC_FID' text", '{"OGC_FID":"abc"}'),
    ("'id' property beside a feature id", '{"id":"prop-id"}'),
    ("'__index_level_0__' and 'index'", '{"__index_level_0__":1,"index":"i"}'),
    ("'a.b' and nested a.b", '{"a.b":1,"a":{"b":2}}'),
    ("NFC and NFD 'é'", '{"\\u00e9":1,"e\\u0301":2}'),
    ("key with NUL", '{"a\\u0000b":1,"a":2}'),
    ("key with newline and tab", '{"a\\nb":1,"c\\td":2}'),
    ("key 10,000 characters", '{"' + "k" * 10000 + '":1}'),
    ("two keys equal in their first 10,000 characters", '{"' + "k" * 10000 + 'a":1,"' + "k" * 10000 + 'b":2}'),
    ("1,500 distinct keys", "{" + ",".join(f'"k{i}":{i}' for i in range(1500)) + "}"),
    ("keys differing by case in every feature", None),
    ("type and properties keys", '{"type":"Polygon","properties":1,"coordinates":2}'),
    ("key '<script>'", '{"<script>alert(1)</script>":"x","{{7*7}}":"y"}'),
]


def k_column_collision(rng, d, v):
    label, props = _COLLISIONS[v % len(_COLLISIONS)]
    if props is None:
        feats = [
            '{"type":"Feature","properties":{"%s":%d},"geometry":%s}' % (rng.choice(["year", "Year", "YEAR", "yEaR"]), 2000 + i, json.dumps(_geom(rng)))
            for i in range(rng.randrange(3, 20))
        ]
        return _write(d / "keys.geojson", '{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}"), label
    feats = []
    for i in range(rng.randrange(1, 4)):
        fid = ',"id":%d' % i if "feature id" in label else ""
        feats.append('{"type":"Feature"%s,"properties":%s,"geometry":%s}' % (fid, props, json.dumps(_geom(rng))))
    return _write(d / "collide.geojson", '{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}"), f"properties {label} ({len(feats)} features)"


_BAD_BYTES = [
    (b"\xff\xfe", "bytes FF FE"),
    (b"\x80", "lone continuation byte 80"),
    (b"\xc0\xaf", "overlong C0 AF"),
    (b"\xed\xa0\x80", "UTF-8-encoded surrogate ED A0 80"),
    (b"\xe0\xb8", "truncated Thai sequence E0 B8"),
    (b"\xe9t\xe9", "Latin-1 'été'"),
    (b"\xf8\x88\x80\x80\x80", "5-byte sequence F8"),
    (b"\xf4\x90\x80\x80", "code point above U+10FFFF"),
]


def k_encoding_broken(rng, d, v):
    n_var = len(_BAD_BYTES) + 8
    v = v % n_var
    fc = _valid_fc(rng, rng.randrange(1, 20))
    if v < len(_BAD_BYTES):
        bad, label = _BAD_BYTES[v]
        for f in fc["features"]:
            f["properties"]["name"] = _THAI + "@@BAD@@"
        data = _dumps(fc).encode("utf-8").replace(b"@@BAD@@", bad)
        if rng.random() < 0.5:
            data = data.replace(b'"name"', b'"n' + bad + b'me"', 1)
            label += ", also inside the first key"
        return _write(d / "badutf8.geojson", data), f"UTF-8 GeoJSON with {label} in Thai names"
    v -= len(_BAD_BYTES)
    if v == 0:
        for f in fc["features"]:
            f["properties"]["name"] = "@@S@@"
        data = _dumps(fc).replace('"@@S@@"', '"\\ud800 lone surrogate \\udfff"')
        return _write(d / "surrogate.geojson", data), "names with escaped lone surrogates \\ud800 and \\udfff"
    if v == 1:
        fc["features"][0]["properties"] = {"\\ud83d": 1, "ok": 2}
        data = _dumps(fc).replace('"\\\\ud83d"', '"\\ud83d"')
        return _write(d / "surrogate_key.geojson", data), "property key that is an escaped lone surrogate \\ud83d"
    if v == 2:
        half = _dumps(fc).encode("utf-8")
        cut = len(half) // 2
        data = half[:cut] + "ชื่อ é ü".encode("cp874", "replace") + "é".encode("latin-1") + half[cut:]
        return _write(d / "mixed.geojson", data), f"UTF-8 GeoJSON with cp874 and Latin-1 bytes inserted at byte {cut} (mixed encodings)"
    if v == 3:
        data = _dumps(fc).encode("utf-16-le")
        return _write(d / "utf16.geojson", data), "UTF-16-LE without a byte-order mark"
    if v == 4:
        data = b"\xef\xbb\xbf" + _dumps(fc).encode("utf-8")[:-1] + b"\xff}"
        return _write(d / "bom.geojson", data), "UTF-8 BOM, then UTF-8 text with a stray FF byte"
    if v == 5:
        data = b"\xff\xfe" + _dumps(fc).encode("utf-16-le") + b"\x00"
        return _write(d / "utf16odd.geojson", data), "UTF-16 BOM and an odd number of bytes"
    if v == 6:
        for f in fc["features"]:
            f["properties"]["name"] = "nul\u0000inside\u0001\u001f\u2028\u2029"
        return _write(d / "controls.geojson", _dumps(fc)), "names with escaped NUL, control characters, U+2028/U+2029"
    for f in fc["features"]:
        f["properties"]["name"] = "学校" + rng.choice(["", "数据中心"])
    data = _dumps(fc).encode("gb18030") + b"\x81"
    return _write(d / "gbk_trunc.geojson", data), "GB18030 text ending in a truncated double-byte lead 81"


def k_shp_dbf_broken(rng, d, v):
    n = rng.randrange(2, 12)
    geoms = _squares(rng, n) if rng.random() < 0.5 else _points(rng, n)
    st = 5 if isinstance(geoms[0], list) else 1
    rows = _basic_rows(rng, n)
    shp = write_shapefile(d, "layer", st, geoms, _BASIC_FIELDS, rows, prj=WGS84_PRJ)
    dbf = d / "layer.dbf"
    data = bytearray(dbf.read_bytes())
    v = v % 14
    if v == 0:
        cut = rng.randrange(1, 32)
        desc = f"dbf cut at byte {cut} (inside the 32-byte header)"
    elif v == 1:
        hl = struct.unpack_from("<H", data, 8)[0]
        cut = rng.randrange(32, hl)
        desc = f"dbf cut at byte {cut}, inside the field descriptors (header length {hl})"
    elif v == 2:
        hl = struct.unpack_from("<H", data, 8)[0]
        cut = rng.randrange(hl + 1, len(data) - 1)
        desc = f"dbf cut at byte {cut} of {len(data)}, inside the records"
    if v in (0, 1, 2):
        dbf.write_bytes(bytes(data[:cut]))
        return shp, f"{n}-feature Shapefile, {desc}"
    if v == 3:
        struct.pack_into("<I", data, 4, 0xFFFFFFFF)
        desc = "dbf header claims 4,294,967,295 records"
    elif v == 4:
        struct.pack_into("<I", data, 4, n + 1000)
        desc = f"dbf header claims {n + 1000} records ({n} present)"
    elif v == 5:
        struct.pack_into("<H", data, 8, 0xFFFF)
        desc = "dbf header length 65535 (beyond the file)"
    elif v == 6:
        struct.pack_into("<H", data, 10, 0)
        desc = "dbf record length 0"
    elif v == 7:
        struct.pack_into("<H", data, 10, 60000)
        desc = "dbf record length 60000"
    elif v == 8:
        data[32 + 16] = 0  # field length of the first field
        desc = "dbf first field of length 0"
    elif v == 9:
        data[32 + 11] = ord(rng.choice("X?\x00M"))
        desc = f"dbf first field of type {chr(data[32 + 11])!r}"
    elif v == 10:
        rows = [[b"\xff\xfe\x80 " + "ศูนย์".encode("cp874") + b"\xe9\xc3", b"12a4", b"1e999"] for _ in range(n)]
        dbf.write_bytes(dbf_bytes(_BASIC_FIELDS, rows))
        cpg = rng.choice([None, "UTF-8", "65001", "NOT-A-CODEPAGE", ""])
        if cpg is not None:
            (d / "layer.cpg").write_text(cpg)
        return shp, f"dbf text fields of invalid bytes (FF FE 80, cp874, E9 C3), numbers '12a4' and '1e999', .cpg {cpg!r}"
    elif v == 11:
        data[32:32 + 11] = b"\xff\xfeNAME\xe9\x00\x00\x00\x00"
        desc = "dbf first field name of invalid bytes FF FE ... E9"
    elif v == 12:
        head = bytearray(data[:32])
        struct.pack_into("<H", head, 8, 33)
        dbf.write_bytes(bytes(head) + b"\r" + bytes(data[32 + 32 * len(_BASIC_FIELDS) + 1 :]))
        return shp, f"{n}-feature Shapefile, dbf field descriptors removed (header length 33, records kept)"
    else:
        rows = [[f"{'Ω' * 20}"[:40], "**********", "-"] for _ in range(n)]
        dbf.write_bytes(dbf_bytes(_BASIC_FIELDS, rows))
        return shp, "dbf numeric fields of '*' overflow markers and '-'; text fields of multibyte UTF-8 cut at the field width"
    dbf.write_bytes(bytes(data))
    return shp, f"{n}-feature Shapefile ({'polygons' if st == 5 else 'points'}), {desc}"


def k_shp_missing_parts(rng, d, v):
    n = rng.randrange(2, 12)
    geoms = _squares(rng, n)
    shp = write_shapefile(d, "layer", 5, geoms, _BASIC_FIELDS, _basic_rows(rng, n), prj=WGS84_PRJ)
    v = v % 12
    data = bytearray(shp.read_bytes())
    if v == 0:
        (d / "layer.shx").unlink()
        return shp, f"{n}-polygon Shapefile without .shx"
    if v == 1:
        (d / "layer.dbf").unlink()
        return shp, f"{n}-polygon Shapefile without .dbf"
    if v == 2:
        (d / "layer.shx").unlink()
        (d / "layer.dbf").unlink()
        (d / "layer.prj").unlink()
        return shp, "a lone .shp"
    if v == 3:
        cut = rng.randrange(1, len(data))
        shp.write_bytes(bytes(data[:cut]))
        return shp, f".shp cut at byte {cut} of {len(data)}"
    if v == 4:
        struct.pack_into(">i", data, 24, 0x7FFFFFFF)
        desc = ".shp header file length 2^31-1 words"
    elif v == 5:
        struct.pack_into("<i", data, 100 + 8 + 36, 0x7FFFFFFF)
        desc = "first polygon numParts 2^31-1"
    elif v == 6:
        struct.pack_into("<i", data, 100 + 8 + 40, 0x7FFFFFFF)
        desc = "first polygon numPoints 2^31-1"
    elif v == 7:
        struct.pack_into("<i", data, 100 + 8 + 44, 1_000_000)
        desc = "first polygon part start index 1,000,000"
    elif v == 8:
        struct.pack_into("<i", data, 100 + 8, rng.choice([31, 99, -1, 13]))
        desc = f"first record shape type {struct.unpack_from('<i', data, 108)[0]}"
    elif v == 9:
        struct.pack_into("<d", data, 100 + 8 + 44 + 4, float("nan"))
        struct.pack_into("<4d", data, 36, float("nan"), float("inf"), float("-inf"), float("nan"))
        desc = "first vertex x NaN, header bbox NaN/inf"
    elif v == 10:
        shx = bytearray((d / "layer.shx").read_bytes())
        for i in range(100, len(shx), 8):
            struct.pack_into(">i", shx, i, rng.randrange(0, 10_000_000))
        (d / "layer.shx").write_bytes(bytes(shx))
        return shp, ".shx record offsets random (up to 20 MB, beyond the .shp)"
    else:
        (d / "layer.shx").write_bytes(b"")
        return shp, ".shx of 0 bytes"
    shp.write_bytes(bytes(data))
    return shp, f"{n}-polygon Shapefile, {desc}"


def k_shp_prj_mismatch(rng, d, v):
    v = v % 9
    n = rng.randrange(2, 10)
    if v == 0:
        shp = write_shapefile(d, "layer", 1, _points(rng, n), _BASIC_FIELDS, _basic_rows(rng, n), prj=UTM47_PRJ)
        return shp, "UTM 47N .prj over degree values (x 92..141, y -11..28)"
    if v == 1:
        pts = [(rng.uniform(166_000, 834_000), rng.uniform(0, 3_000_000)) for _ in range(n)]
        shp = write_shapefile(d, "layer", 1, pts, _BASIC_FIELDS, _basic_rows(rng, n), prj=WGS84_PRJ)
        return shp, "WGS 84 .prj over UTM metre values"
    if v == 2:
        pts = [(rng.uniform(166_000, 834_000), rng.uniform(0, 3_000_000)) for _ in range(n)]
        shp = write_shapefile(d, "layer", 1, pts, _BASIC_FIELDS, _basic_rows(rng, n), prj=None)
        return shp, "no .prj, UTM metre values"
    if v == 3:
        shp = write_shapefile(d, "layer", 1, _points(rng, n), _BASIC_FIELDS, _basic_rows(rng, n), prj=rng.choice(["hello", "PROJCS[", "\x00\xff", "GEOGCS[\"x\",DATUM[\"y\"]]"]))
        return shp, f".prj of garbage {(d / 'layer.prj').read_bytes()[:20]!r}"
    if v == 4:
        shp = write_shapefile(d, "layer", 1, _points(rng, n), _BASIC_FIELDS, _basic_rows(rng, n), prj='LOCAL_CS["arbitrary",UNIT["Meter",1]]')
        return shp, "LOCAL_CS .prj (engineering CRS, not transformable)"
    if v == 5:
        pts = [(rng.choice([1e308, -1e308, 1e30]), rng.uniform(0, 3_000_000)) for _ in range(n)]
        shp = write_shapefile(d, "layer", 1, pts, _BASIC_FIELDS, _basic_rows(rng, n), prj=UTM47_PRJ)
        return shp, "UTM 47N .prj with x of ±1e308 and 1e30"
    if v == 6:
        prj = 'PROJCS["ortho",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Orthographic"],PARAMETER["latitude_of_origin",90],PARAMETER["central_meridian",0],UNIT["metre",1]]'
        pts = [(rng.uniform(-2e7, 2e7), rng.uniform(-2e7, 2e7)) for _ in range(n)]
        shp = write_shapefile(d, "layer", 1, pts, _BASIC_FIELDS, _basic_rows(rng, n), prj=prj)
        return shp, "orthographic .prj with points outside the visible disc (x, y up to ±2e7 m)"
    if v == 7:
        shp = write_shapefile(d, "layer", 5, _squares(rng, n), _BASIC_FIELDS, _basic_rows(rng, n), prj=UTM47_PRJ.replace("Meter\",1.0", "Meter\",0.0"))
        return shp, "UTM .prj with a linear unit of 0 m"
    shp = write_shapefile(d, "layer", 1, _points(rng, n), _BASIC_FIELDS, _basic_rows(rng, n), prj=WGS84_PRJ.replace("6378137.0", "-1"))
    return shp, "WGS 84 .prj with a semi-major axis of -1"


def _patch_zip_method(data: bytes, method: int) -> bytes:
    """Rewrite the compression method of every entry (local and central headers)."""
    out = bytearray(data)
    i = 0
    while (i := out.find(b"PK\x03\x04", i)) != -1:
        struct.pack_into("<H", out, i + 8, method)
        i += 4
    i = 0
    while (i := out.find(b"PK\x01\x02", i)) != -1:
        struct.pack_into("<H", out, i + 10, method)
        i += 4
    return bytes(out)


def k_shp_zip(rng, d, v):
    v = v % 14
    stem = "layer"
    members = _shapefile_members(rng, stem, rng.randrange(2, 20))
    if v == 0:
        p = _zip(d / "layer.zip", members)
        data = p.read_bytes()
        cut = rng.randrange(1, len(data))
        p.write_bytes(data[:cut])
        return p, f"zipped Shapefile cut at byte {cut} of {len(data)}"
    if v == 1:
        p = _zip(d / "layer.zip", members)
        data = bytearray(p.read_bytes())
        i = data.find(b"layer.dbf") + len("layer.dbf") + rng.randrange(5, 30)
        data[i] ^= 0xFF
        p.write_bytes(bytes(data))
        return p, f"zipped Shapefile with one byte flipped at {i} (inside the deflated .dbf: bad CRC or bad deflate stream)"
    if v == 2:
        p = _zip(d / "layer.zip", members, zipfile.ZIP_STORED)
        p.write_bytes(_patch_zip_method(p.read_bytes(), 99))
        return p, "zipped Shapefile whose entries claim compression method 99 (AES)"
    if v == 3:
        p = _zip(d / "layer.zip", members, zipfile.ZIP_STORED)
        data = bytearray(p.read_bytes())
        for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            i = 0
            while (i := data.find(sig, i)) != -1:
                data[i + off] |= 1
                i += 4
        p.write_bytes(bytes(data))
        return p, "zipped Shapefile whose entries are flagged encrypted (flag bit 0), data stored plain"
    if v == 4:
        p = _zip(d / "layer.zip", members, zipfile.ZIP_BZIP2)
        return p, "zipped Shapefile compressed with bzip2 (method 12)"
    if v == 5:
        p = _zip(d / "layer.zip", members + _shapefile_members(rng, "other", 3))
        return p, "zip with two Shapefiles"
    if v == 6:
        p = _zip(d / "layer.zip", [(f"../../{n}", b) for n, b in members])
        return p, "zipped Shapefile with path-traversal names ../../layer.*"
    if v == 7:
        p = _zip(d / "layer.zip", [(f"/abs/{n}", b) for n, b in members] + [("__MACOSX/._layer.shp", b"\x00\x05\x16\x07junk")])
        return p, "zipped Shapefile with absolute names /abs/layer.* and a __MACOSX entry"
    if v == 8:
        p = _zip(d / "layer.zip", [])
        return p, "empty zip archive"
    if v == 9:
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w") as zf:
            for n, b in members:
                zf.writestr(zipfile.ZipInfo(n, date_time=(2024, 1, 1, 0, 0, 0)), b)
        p = _zip(d / "layer.zip", [("inner.zip", inner.getvalue())])
        return p, "zip holding only a zip of a Shapefile"
    if v == 10:
        p = _zip(d / "layer.zip", [(n, b) for n, b in members if not n.endswith(".dbf")]
                 + [("layer.dbf", dbf_bytes(_BASIC_FIELDS, [[b"\xe9\xff\x80" + "ศูนย์".encode("cp874"), 1, 2.0]] * 3)[:70])])
        return p, "zipped Shapefile whose .dbf (non-ASCII text) is cut to 70 bytes"
    if v == 11:
        p = _zip(d / "layer.zip", [(f"f{i:04d}.txt", b"x") for i in range(1500)] + members)
        return p, "zip of 1,500 small text entries and a Shapefile"
    if v == 12:
        p = _zip(d / "layer.zip", [(n.upper(), b) for n, b in members])
        return p, "zipped Shapefile with upper-case names LAYER.SHP/.DBF/.SHX"
    p = _zip(d / "layer.zip", [("layer.shp", members[0][1])])
    return p, "zip with only the .shp"


def k_csv_bad_lonlat(rng, d, v):
    v = v % 20
    n = rng.randrange(2, 15)
    name = "data.csv"
    if v == 0:
        vals = ["abc", "", "NaN", "nan", "inf", "-inf", "1e999", "-1e999", "13,7", "0x10", "١٢٣", " ", "--5", "1..2"]
        rows = [f"{rng.choice(vals)},{rng.choice(vals)},r{i}" for i in range(n)]
        text, desc = "lon,lat,name\n" + "\n".join(rows) + "\n", "lon/lat of text, empty, NaN, inf, 1e999, decimal comma, Arabic digits"
    elif v == 1:
        rows = [f"{rng.uniform(181, 540):.4f},{rng.uniform(91, 400):.4f},r{i}" for i in range(n)]
        text, desc = "lon,lat,name\n" + "\n".join(rows) + "\n", "lon 181..540 and lat 91..400"
    elif v == 2:
        rows = [f"{rng.uniform(-11, 28):.4f},{rng.uniform(92, 141):.4f},r{i}" for i in range(n)]
        text, desc = "lon,lat,name\n" + "\n".join(rows) + "\n", "lon and lat columns swapped (lat 92..141)"
    elif v == 3:
        text, desc = "lon,lat,name\n", "header only"
    elif v == 4:
        text, desc = 'lon,lat,name\n100.5,13.7,"unbalanced\n101,14,x\n', "unbalanced quote"
    elif v == 5:
        cols = [f"c{i}" for i in range(3000)]
        text = "lon,lat," + ",".join(cols) + "\n" + "\n".join(f"100,13," + ",".join("1" for _ in cols) for _ in range(n)) + "\n"
        desc = "3,000 columns"
    elif v == 6:
        text, desc = "lon,lon,lat,lat,name,name\n100,200,13,95,a,b\n", "duplicate column names lon,lon,lat,lat"
    elif v == 7:
        wkts = ["POLYGON((0 0, 1 1", "POINT(nan nan)", "POINT EMPTY", "LINESTRING(1 2)", "POINT(1e999 0)", "garbage",
                "GEOMETRYCOLLECTION(" * 200 + "POINT(1 2)" + ")" * 200, "POLYGON((0 0,1 1,1 0,0 1,0 0))"]
        rows = [f'"{rng.choice(wkts)}",r{i}' for i in range(n)]
        text, desc = "wkt,name\n" + "\n".join(rows) + "\n", "WKT column of broken, NaN, empty, 200-deep and self-intersecting geometries"
    elif v == 8:
        text, desc = "wkt,lon,lat\n\"POINT(100 13)\",5000000,5000000\n", "WKT and lon/lat columns that disagree (lon/lat of 5e6)"
    elif v == 9:
        text = "sep=;\nlon;lat;name\n100,5;13,7;a\n101,5;14,7;b\n"
        desc = "Excel 'sep=;' first line, semicolons, decimal commas"
    elif v == 10:
        text = "lon,lat,name\n100.5,13.7,a\x00b\n\x00,\x00,\x00\n"
        desc = "NUL bytes in the cells"
    elif v == 11:
        text = "lon,lat,name\n100.5,13.7," + "x" * 150_000 + "\n"
        desc = "one 150,000-character cell"
    elif v == 12:
        text = "\ufefflon,lat,name\r\n100.5,13.7,a\r101.5,14.7,b\n102,15,c\r\n"
        desc = "BOM, mixed CRLF/CR/LF line ends"
    elif v == 13:
        rows = [f"{rng.uniform(166000, 834000):.1f},{rng.uniform(0, 3e6):.1f},r{i}" for i in range(n)]
        text, desc = "X,Y,name\n" + "\n".join(rows) + "\n", "X/Y columns holding UTM metres (no CRS)"
    elif v == 14:
        text = "lon,lat,year,start_date\n100,13,99999999999999999999,0000-00-00\n101,14,-5000,9999-99-99\n102,15,1e20,2021-13-45\n"
        desc = "year 1e20 / -5000 / 99999999999999999999 and impossible dates"
    elif v == 15:
        name = "data.tsv"
        text, desc = "lon\tlat\tname\n100.5\t13.7\ta\n1e308\t-1e308\tb\n", "TSV with ±1e308"
    elif v == 16:
        text, desc = "lon,lat\n" + "\n".join(["100,13"] * 2 + [",".join(["1"] * 50)] * 3) + "\n", "rows with 50 cells under a 2-column header"
    elif v == 17:
        text, desc = "lon,lat,name\n" + "\n".join(f"{x},{y},r" for x, y in [(180, 90), (-180, -90), (180.0000001, 0), (0, 90.0000001)]) + "\n", "points on and just past ±180/±90"
    elif v == 18:
        text = "lon,lat,name\n" + "100.5,13.7," + "ü".encode("utf-8").decode("latin-1") + "\n"
        data = text.encode("utf-8")[:-3] + b"\xfc\xff\n"
        return _write(d / name, data), "CSV with Latin-1 and FF bytes in a cell"
    else:
        text, desc = "latitude,longitude\n" + "\n".join(f"{rng.uniform(-11, 28)},{rng.uniform(92, 141)}" for _ in range(n)) + "\n", "latitude first, then longitude (full names)"
    return _write(d / name, text), f"CSV: {desc}"


_KML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
_KML_TAIL = "</Document></kml>\n"


def _placemark(name: str, geom_xml: str, extra: str = "") -> str:
    return f"<Placemark><name>{name}</name>{extra}{geom_xml}</Placemark>"


def k_kml_garbage(rng, d, v):
    v = v % 16
    x, y = _lonlat(rng)
    good = _placemark("ok", f"<Point><coordinates>{x},{y}</coordinates></Point>")
    if v == 0:
        text = _KML_HEAD + good * rng.randrange(1, 20) + _KML_TAIL
        cut = rng.randrange(1, len(text))
        return _write(d / "cut.kml", text[:cut]), f"KML cut at character {cut} of {len(text)}"
    if v == 1:
        return _write(d / "junk.kml", "hello, this is not XML <<<>>>"), "text that is not XML"
    if v == 2:
        ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 6))
        text = f'<?xml version="1.0"?>\n<!DOCTYPE kml [{ents}]>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' + _placemark("&a5;", "<Point><coordinates>100,13</coordinates></Point>") + _KML_TAIL
        return _write(d / "laughs.kml", text), "entity expansion (5 levels of 10: 100,000 'lol's, 'billion laughs' in small)"
    if v == 3:
        text = '<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' + _placemark("&xxe;", "<Point><coordinates>100,13</coordinates></Point>") + _KML_TAIL
        return _write(d / "xxe.kml", text), "external entity file:///etc/passwd in a name (XXE)"
    if v == 4:
        coords = rng.choice(["a,b,c", "100,13,0 101", "nan,nan", "1e999,0", "", ",,,", "100;13", "100,13,0,5,6"])
        text = _KML_HEAD + _placemark("bad", f"<Point><coordinates>{coords}</coordinates></Point>") + good + _KML_TAIL
        return _write(d / "coords.kml", text), f"Point coordinates {coords!r}"
    if v == 5:
        text = _KML_HEAD + _placemark("poly", "<Polygon><outerBoundaryIs><LinearRing><coordinates>100,13 101,14</coordinates></LinearRing></outerBoundaryIs></Polygon>") + _KML_TAIL
        return _write(d / "poly2.kml", text), "Polygon ring of two points"
    if v == 6:
        depth = rng.choice([500, 2000, 5000])
        text = _KML_HEAD + "<Folder>" * depth + good + "</Folder>" * depth + _KML_TAIL
        return _write(d / "folders.kml", text), f"Placemark inside {depth} nested Folders"
    if v == 7:
        depth = rng.choice([100, 1000, 3000])
        geom = "<MultiGeometry>" * depth + f"<Point><coordinates>{x},{y}</coordinates></Point>" + "</MultiGeometry>" * depth
        return _write(d / "multigeom.kml", _KML_HEAD + _placemark("deep", geom) + _KML_TAIL), f"MultiGeometry nested {depth} deep"
    if v == 8:
        text = _KML_HEAD.replace("UTF-8", "ISO-8859-1") + _placemark(_THAI, f"<Point><coordinates>{x},{y}</coordinates></Point>") + _KML_TAIL
        return _write(d / "latin1.kml", text), "declared ISO-8859-1, content UTF-8 Thai"
    if v == 9:
        text = _KML_HEAD.replace("UTF-8", "x-no-such-encoding") + good + _KML_TAIL
        return _write(d / "unknownenc.kml", text), "declared encoding x-no-such-encoding"
    if v == 10:
        data = (_KML_HEAD + good + _KML_TAIL).encode("utf-16-le")
        return _write(d / "utf16.kml", data), "UTF-16-LE content, declaration says UTF-8, no BOM"
    if v == 11:
        ext = '<ExtendedData><Data name="Name"><value>1</value></Data><Data name="name"><value>2</value></Data><Data name=""><value>3</value></Data><Data name="geometry"><value>4</value></Data></ExtendedData>'
        return _write(d / "ext.kml", _KML_HEAD + _placemark("n", f"<Point><coordinates>{x},{y}</coordinates></Point>", ext) + _KML_TAIL), "ExtendedData names 'Name', 'name', '', 'geometry'"
    if v == 12:
        return _write(d / "empty.kml", _KML_HEAD + _KML_TAIL), "KML with an empty Document"
    if v == 13:
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as zf:
            zf.writestr(zipfile.ZipInfo("doc.kml", date_time=(2024, 1, 1, 0, 0, 0)), (_KML_HEAD + good)[: rng.randrange(20, 200)])
        return _write(d / "cut.kmz", data.getvalue()), "KMZ holding a truncated doc.kml"
    if v == 14:
        text = _KML_HEAD + _placemark("big", "<Point><coordinates>" + " ".join(f"{x},{y}" for _ in range(5000)) + "</coordinates></Point>") + _KML_TAIL
        return _write(d / "bigpoint.kml", text), "Point with 5,000 coordinate tuples"
    text = _KML_HEAD + "<Placemark><name>x</name><Point><coordinates>100,13</coordinates></Placemark>" + _KML_TAIL
    return _write(d / "mismatch.kml", text), "unclosed <Point> (mismatched tags)"


def k_gpkg_garbage(rng, d, v):
    v = v % 16
    n = rng.randrange(2, 20)

    def good_rows():
        return [(gpkg_blob(wkb_point(*_lonlat(rng))), f"{rng.choice(_WORDS)} {i}") for i in range(n)]

    if v == 0:
        return _write(d / "junk.gpkg", rng.randbytes(rng.randrange(1, 50_000))), "random bytes"
    if v == 1:
        return _write(d / "sqlitejunk.gpkg", b"SQLite format 3\x00" + rng.randbytes(rng.randrange(100, 20_000))), "SQLite magic then random bytes"
    p = write_gpkg(d / "layer.gpkg", "points", good_rows())
    data = bytearray(p.read_bytes())
    if v == 2:
        cut = rng.randrange(1, len(data))
        p.write_bytes(bytes(data[:cut]))
        return p, f"GeoPackage cut at byte {cut} of {len(data)}"
    if v == 3:
        k = rng.randrange(1, 30)
        for _ in range(k):
            data[rng.randrange(100, len(data))] ^= 1 << rng.randrange(8)
        p.write_bytes(bytes(data))
        return p, f"GeoPackage with {k} bit flips past the header"
    if v == 4:
        rows = [(rng.randbytes(rng.randrange(0, 40)), "junk") for _ in range(n)]
        return write_gpkg(p, "points", rows), "geometry blobs of random bytes"
    if v == 5:
        rows = [(gpkg_blob(wkb_point(100, 13), magic=b"XX"), "badmagic")] + good_rows()
        return write_gpkg(p, "points", rows), "one geometry blob with magic 'XX'"
    if v == 6:
        return write_gpkg(p, "points", good_rows(), srs_id=99999), "srs_id 99999 absent from gpkg_spatial_ref_sys"
    if v == 7:
        srs = [("bad", 4326, "EPSG", 4326, "this is not WKT", None)]
        return write_gpkg(p, "points", good_rows(), srs_rows=srs), "srs 4326 with definition 'this is not WKT'"
    if v == 8:
        return write_gpkg(p, "points", good_rows(), contents_table="missing_table"), "gpkg_contents names a table that does not exist"
    if v == 9:
        name = rng.choice(['x"; DROP TABLE gpkg_contents; --', "x' OR '1'='1", "名前 <b>", "a|layername=b"])
        return write_gpkg(p, name, good_rows()), f"feature table named {name!r}"
    if v == 10:
        rows = [(gpkg_blob(wkb_point(float("nan"), float("inf"))), "nan"), (gpkg_blob(wkb_point(1e308, -1e308)), "big")] + good_rows()
        return write_gpkg(p, "points", rows), "Point blobs (NaN, inf) and (1e308, -1e308)"
    if v == 11:
        depth = rng.choice([40, 1000, 5000])
        rows = [(gpkg_blob(wkb_nested_gc(depth)), "deep")] + good_rows()
        return write_gpkg(p, "points", rows), f"GeometryCollection WKB nested {depth} deep (one GeometryCollection of one member per level, a Point at the bottom) beside {n} points"
    if v == 12:
        p2 = write_gpkg(p, "points", [])
        return p2, "feature table with no rows"
    if v == 13:
        rows = [(gpkg_blob(wkb_point(*_lonlat(rng))), b"\xff\xfe\x80 not text") for _ in range(n)]
        con_rows = rows
        p2 = write_gpkg(p, "points", con_rows, name_type="TEXT")
        con = sqlite3.connect(p2)
        con.execute("UPDATE points SET name = CAST(X'FFFE80E9' AS TEXT)")
        con.commit()
        con.close()
        return p2, "TEXT column holding invalid UTF-8 bytes FF FE 80 E9"
    if v == 14:
        rows = [(gpkg_blob(wkb_polygon([[(0, 0), (1, 1)]])), "2-point ring"),
                (gpkg_blob(wkb_linestring([(100, 13)])), "1-point line")] + good_rows()
        return write_gpkg(p, "points", rows), "Polygon with a 2-point ring and a 1-point LineString"
    rows = [(gpkg_blob(wkb_point(100, 13), flags=0x0F), "bad envelope flag")] + good_rows()
    return write_gpkg(p, "points", rows), "blob flags 0x0F (envelope type 7, invalid)"


def k_parquet_garbage(rng, d, v):
    v = v % 10
    n = rng.randrange(1, 10)
    wkbs = [wkb_point(*_lonlat(rng)) for _ in range(n)]
    names = [f"p{i}" for i in range(n)]
    if v == 0:
        return _write(d / "junk.parquet", b"PAR1" + rng.randbytes(rng.randrange(10, 5000)) + b"PAR1"), "PAR1 magic around random bytes"
    if v == 1:
        return write_geoparquet(d / "l.parquet", [rng.randbytes(rng.randrange(0, 30)) for _ in range(n)], names), "GeoParquet whose WKB values are random bytes"
    if v == 2:
        return write_geoparquet(d / "l.parquet", wkbs, names, geo_meta="{not json"), "geo metadata that is not JSON"
    if v == 3:
        meta = {"version": "1.0.0", "primary_column": "nothere", "columns": {"nothere": {"encoding": "WKB"}}}
        return write_geoparquet(d / "l.parquet", wkbs, names, geo_meta=meta), "geo metadata names a missing column"
    if v == 4:
        meta = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": {"encoding": "WKB", "crs": "not a crs"}}}
        return write_geoparquet(d / "l.parquet", wkbs, names, geo_meta=meta), "geo metadata CRS 'not a crs'"
    if v == 5:
        w = [wkb_point(float("nan"), 1e308), wkb_point(600.0, 95.0)] + wkbs
        return write_geoparquet(d / "l.parquet", w, ["nan", "range"] + names), "WKB points (NaN, 1e308) and (600, 95)"
    if v == 6:
        depth = rng.choice([100, 1000, 3000])
        w = [wkb_nested_gc(depth)] + wkbs
        return write_geoparquet(d / "l.parquet", w, ["deep"] + names), f"WKB GeometryCollection nested {depth} deep (one member per level, a Point at the bottom) beside {n} points"
    if v == 7:
        meta = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": {"encoding": "WKB", "crs": {"id": {"authority": "EPSG", "code": 32647}}}}}
        return write_geoparquet(d / "l.parquet", wkbs, names, geo_meta=meta), "geo metadata CRS EPSG:32647 over degree values"
    if v == 8:
        p = write_geoparquet(d / "l.parquet", wkbs, names)
        data = p.read_bytes()
        cut = rng.randrange(1, len(data))
        p.write_bytes(data[:cut])
        return p, f"GeoParquet cut at byte {cut} of {len(data)}"
    return write_geoparquet(d / "l.parquet", wkbs, names, geo_meta=None), "plain Parquet without geo metadata"


_EMPTY = [
    ("empty.geojson", b""), ("empty.json", b""), ("empty.csv", b""), ("empty.kml", b""), ("empty.gpkg", b""),
    ("empty.shp", b""), ("empty.zip", b""), ("empty.geojsonl", b""), ("empty.fgb", b""), ("empty.parquet", b""),
    ("space.geojson", b"   \n\t  "), ("obj.geojson", b"{}"), ("arr.geojson", b"[]"), ("null.geojson", b"null"),
    ("true.geojson", b"true"), ("str.geojson", b'""'), ("fc.geojson", b'{"type":"FeatureCollection"}'),
    ("fcnull.geojson", b'{"type":"FeatureCollection","features":null}'),
    ("fcobj.geojson", b'{"type":"FeatureCollection","features":{}}'),
    ("fcnulls.geojson", b'{"type":"FeatureCollection","features":[null,1,"x"]}'),
    ("fcempty.geojson", b'{"type":"FeatureCollection","features":[]}'),
    ("feat.geojson", b'{"type":"Feature"}'), ("featnull.geojson", b'{"type":"Feature","geometry":null,"properties":null}'),
    ("bom.geojson", b"\xef\xbb\xbf"), ("nl.csv", b"\n\n\n"), ("nul.geojson", b"\x00"), ("dir.geojson", None),
]


def k_empty_file(rng, d, v):
    name, data = _EMPTY[v % len(_EMPTY)]
    if data is None:
        (d / name).mkdir(parents=True, exist_ok=True)
        return d / name, "a folder named like a GeoJSON file"
    return _write(d / name, data), f"{name}: {data[:60]!r}"


def k_binary_junk(rng, d, v):
    v = v % 10
    size = rng.randrange(1, 100_000)
    if v == 0:
        return _write(d / "junk.geojson", rng.randbytes(size)), f"{size} random bytes as .geojson"
    if v == 1:
        return _write(d / "image.geojson", b"\x89PNG\r\n\x1a\n" + rng.randbytes(size)), "PNG signature then random bytes as .geojson"
    if v == 2:
        return _write(d / "gz.geojson", zlib.compress(_dumps(_valid_fc(rng, 20)).encode())), "zlib-compressed GeoJSON named .geojson"
    if v == 3:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(zipfile.ZipInfo("a.geojson", date_time=(2024, 1, 1, 0, 0, 0)), _dumps(_valid_fc(rng, 3)))
        return _write(d / "zip.geojson", buf.getvalue()), "a zip archive named .geojson"
    if v == 4:
        return _write(d / "zeros.geojson", b"\x00" * size), f"{size} NUL bytes as .geojson"
    if v == 5:
        return _write(d / "utf32.geojson", b"\xff\xfe\x00\x00" + rng.randbytes(size)), "UTF-32 BOM then random bytes"
    if v == 6:
        return _write(d / "junk.fgb", b"fgb\x03fgb\x00" + rng.randbytes(size)), "FlatGeobuf magic then random bytes"
    if v == 7:
        return _write(d / "junk.shp", struct.pack(">7i", 9994, 0, 0, 0, 0, 0, 50) + rng.randbytes(size)), "Shapefile magic then random bytes, no siblings"
    if v == 8:
        return _write(d / "junk.csv", rng.randbytes(size)), f"{size} random bytes as .csv"
    return _write(d / "junk.geojsonl", rng.randbytes(size)), f"{size} random bytes as .geojsonl"


def _odd_names() -> list[str]:
    names = [
        "with space.geojson", "  leading and trailing  .geojson", "{{ config }}.geojson", "{% raw %}{{7*7}}.geojson",
        "${HOME}$(id)`id`.geojson", "%s%n%x%d.geojson", "<script>alert(1)<script>.geojson",
        '"><img src=x onerror=alert(1)>.geojson', "&lt;b&gt; & <b>.geojson", "ข้อมูล ศูนย์ข้อมูล.geojson",
        "数据中心.geojson", "Vie\u0323\u0302t Nam (NFD).geojson", "🛰️ cables 🌏.geojson", "evil\u202egpj.geojson",
        "\u200bzero width.geojson", "line1\nline2.geojson", "tab\there.geojson", "cr\rhere.geojson",
        "a|layername=b.geojson", "x" * 240 + ".geojson", "ก" * 80 + ".geojson", ".geojson", "UPPER.GEOJSON",
        "double.geojson.geojson", "trailing dot.geojson.", "back\\slash.geojson", "C:colon.geojson", "%2F..%2Fetc.geojson",
        "-starts-with-dash.geojson", "?*[].geojson", "'single' \"double\".geojson", "GeoJSONSeq:prefixed.geojson",
        "/vsizip/ lookalike.geojson".replace("/", "\u2215"), "bad\udcffbyte.geojson", "nul-free\x7fdel.geojson",
    ]
    return names


def _fs_allows(folder: Path, name: str) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        p = folder / name
        p.write_bytes(b"")
        p.unlink()
        return True
    except (OSError, ValueError, UnicodeEncodeError):
        return False


def k_odd_name(rng, d, v):
    names = _odd_names()
    name = names[v % len(names)]
    if not _fs_allows(d, name):
        name = "fs-refused-" + name.encode("ascii", "replace").decode().replace("\n", "_").replace("/", "_")
    fc = _valid_fc(rng, rng.randrange(1, 5))
    return _write(d / name, _dumps(fc)), f"valid GeoJSON named {name!r}"


_ODD_GEOMS = [
    ("bow-tie polygon", {"type": "Polygon", "coordinates": [[[100, 10], [101, 11], [101, 10], [100, 11], [100, 10]]]}),
    ("unclosed ring of 3 points", {"type": "Polygon", "coordinates": [[[100, 10], [101, 10], [101, 11]]]}),
    ("ring of one repeated point", {"type": "Polygon", "coordinates": [[[100, 10]] * 5]}),
    ("zero-area polygon", {"type": "Polygon", "coordinates": [[[100, 10], [101, 10], [102, 10], [100, 10]]]}),
    ("hole outside the shell", {"type": "Polygon", "coordinates": [[[100, 10], [101, 10], [101, 11], [100, 11], [100, 10]], [[105, 15], [106, 15], [106, 16], [105, 15]]]}),
    ("empty GeometryCollection", {"type": "GeometryCollection", "geometries": []}),
    ("MultiPoint with empty parts", {"type": "MultiPoint", "coordinates": [[], [100, 10]]}),
    ("line of two identical points", {"type": "LineString", "coordinates": [[100, 10], [100, 10]]}),
    ("line crossing the antimeridian 50 times", {"type": "LineString", "coordinates": [[179.9 if i % 2 else -179.9, i * 0.1] for i in range(100)]}),
    ("polygon across the antimeridian, unsplit", {"type": "Polygon", "coordinates": [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]]}),
    ("polygon ring around the north pole", {"type": "Polygon", "coordinates": [[[-180, 80], [-90, 80], [0, 80], [90, 80], [180, 80], [180, 90], [-180, 90], [-180, 80]]]}),
    ("MultiPolygon of overlapping parts", {"type": "MultiPolygon", "coordinates": [[[[100, 10], [102, 10], [102, 12], [100, 12], [100, 10]]], [[[101, 11], [103, 11], [103, 13], [101, 13], [101, 11]]]]}),
    ("GeometryCollection of mixed dimensions", {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [100, 10, 5]}, {"type": "LineString", "coordinates": [[100, 10], [101, 11]]}]}),
    ("polygon with 1e-12 wide spike", {"type": "Polygon", "coordinates": [[[100, 10], [101, 10], [101, 10.5], [105, 10.5], [101, 10.500000000001], [101, 11], [100, 11], [100, 10]]]}),
]
_CRS_MEMBERS = [
    {"type": "name", "properties": {"name": "EPSG:99999"}},
    {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32647"}},
    {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}},
    {"type": "link", "properties": {"href": "http://127.0.0.1:1/crs", "type": "proj4"}},
    "garbage",
    {"type": "name", "properties": {"name": "+proj=ortho +lat_0=90 +lon_0=0"}},
    {"type": "name", "properties": {"name": "EPSG:3857"}},
    {"type": "name", "properties": {"name": None}},
]


def k_geometry_odd(rng, d, v):
    n_geom = len(_ODD_GEOMS)
    if v % (n_geom + len(_CRS_MEMBERS)) < n_geom:
        label, geom = _ODD_GEOMS[v % (n_geom + len(_CRS_MEMBERS))]
        feats = [_feature(rng, i) for i in range(rng.randrange(0, 3))] + [_feature(rng, 9, geometry=geom)]
        return _write(d / "odd.geojson", _dumps(_fc(feats))), label
    crs = _CRS_MEMBERS[v % (n_geom + len(_CRS_MEMBERS)) - n_geom]
    fc = _valid_fc(rng, rng.randrange(1, 5))
    fc["crs"] = crs
    return _write(d / "crs.geojson", _dumps(fc)), f"legacy crs member {json.dumps(crs)} over degree values"


def k_geojsonseq_junk(rng, d, v):
    v = v % 8
    lines = [_dumps(_feature(rng, i)) for i in range(rng.randrange(2, 20))]
    suffix = rng.choice([".geojsonl", ".geojsons", ".ndjson", ".jsonl"])
    if v == 0:
        lines.insert(rng.randrange(len(lines)), "this is not json")
        desc = "one line that is not JSON"
    elif v == 1:
        lines = [l if i % 3 else "" for i, l in enumerate(lines)]
        desc = "empty lines"
    elif v == 2:
        text = "".join("\x1e" + l + "\n" for l in lines)
        return _write(d / f"rs{suffix}", text), f"RFC 8142 record separators ({suffix})"
    elif v == 3:
        lines.insert(1, _dumps(_valid_fc(rng, 3)))
        desc = "a FeatureCollection as one line"
    elif v == 4:
        lines.insert(1, '{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,Infinity]},"properties":{}}')
        desc = "a line with NaN/Infinity coordinates"
    elif v == 5:
        lines.insert(1, "[1,2,3]")
        lines.insert(2, "null")
        desc = "lines [1,2,3] and null"
    elif v == 6:
        lines = [l + "," for l in lines]
        desc = "every line ends with a comma"
    else:
        lines.insert(1, '{"type":"Feature","properties":{"x":"' + "y" * 150_000 + '"},"geometry":null}')
        desc = "a 150,000-character line"
    return _write(d / f"seq{suffix}", "\n".join(lines) + "\n"), f"GeoJSON sequence ({suffix}) with {desc}"


_ODD_VALUES = [
    ("int 2^63", "9223372036854775808"), ("int -2^63-1", "-9223372036854775809"), ("int 2^64", "18446744073709551616"),
    ("401-digit integer", "1" + "0" * 400), ("1e400", "1e400"), ("NaN", "NaN"), ("-0.0", "-0.0"), ("1e-400", "1e-400"),
    ("30 kB string", json.dumps("z" * 30_000)), ("'</script><script>alert(1)</script>'", json.dumps("</script><script>alert(1)</script>")),
    ("'{{7*7}}{% for %}'", json.dumps("{{7*7}}{% for x in y %}")), ("'javascript:alert(1)'", json.dumps("javascript:alert(1)")),
    ("U+2028/U+2029 and '<!--'", json.dumps("a\u2028b\u2029c<!--", ensure_ascii=False)),
]
_ODD_YEARS = ["1e20", "-5000", "99999999999999999999", '"abc"', '"2021-13-45"', '"0000-00-00"', '"9999-12-31T99:99"',
              '"10000-01-01"', '"-0001"', "2147483648", "NaN", "true", '"1.5e3"', '["2020"]', '{"y":2020}', "-1e308"]


def k_value_odd(rng, d, v):
    n_v = len(_ODD_VALUES)
    v = v % (n_v + len(_ODD_YEARS) + 2)
    if v < n_v:
        label, raw = _ODD_VALUES[v]
        feats = [_feature(rng, i, props={"name": "@@RAW0@@", "v": "@@RAW0@@"}) for i in range(rng.randrange(1, 4))]
        return _write(d / "values.geojson", _dumps(_fc(feats), {"0": raw})), f"property values {label}"
    v -= n_v
    if v < len(_ODD_YEARS):
        raw = _ODD_YEARS[v]
        field = rng.choice(["year", "start_date", "rfs", "date", "end_date"])
        feats = [_feature(rng, 0, props={field: "@@RAW0@@", "name": "odd"}), _feature(rng, 1, props={field: 2015, "name": "ok"})]
        return _write(d / "years.geojson", _dumps(_fc(feats), {"0": raw})), f"time field {field!r} = {raw} beside {field}=2015"
    v -= len(_ODD_YEARS)
    if v == 0:
        vals = ["1", '"two"', "true", '{"a":1}', "[1,2]", "null", "3.5", '""']
        feats = [_feature(rng, i, props={"mixed": "@@RAW%d@@" % i}) for i in range(len(vals))]
        return _write(d / "mixed.geojson", _dumps(_fc(feats), {str(i): vals[i] for i in range(len(vals))})), "one property of a different JSON type in every feature"
    feats = [_feature(rng, i, props={f"k{i}_{j}": j for j in range(30)}) for i in range(100)]
    return _write(d / "wide.geojson", _dumps(_fc(feats))), "100 features with 30 different keys each (3,000 sparse columns)"


#: kind -> (maker, number of variants the kind cycles through)
LIGHT_KINDS: dict[str, tuple[Maker, int]] = {
    "geojson_truncated": (k_geojson_truncated, 6),
    "geojson_byteflip": (k_geojson_byteflip, 5),
    "coord_wrong_type": (k_coord_wrong_type, len(_BAD_GEOMS)),
    "coord_nonfinite": (k_coord_nonfinite, len(_NONFINITE)),
    "coord_out_of_range": (k_coord_out_of_range, 4),
    "nesting_deep": (k_nesting_deep, len(_LIGHT_DEPTHS)),
    "column_collision": (k_column_collision, len(_COLLISIONS)),
    "encoding_broken": (k_encoding_broken, len(_BAD_BYTES) + 8),
    "shp_dbf_broken": (k_shp_dbf_broken, 14),
    "shp_missing_parts": (k_shp_missing_parts, 12),
    "shp_prj_mismatch": (k_shp_prj_mismatch, 9),
    "shp_zip": (k_shp_zip, 14),
    "csv_bad_lonlat": (k_csv_bad_lonlat, 20),
    "kml_garbage": (k_kml_garbage, 16),
    "gpkg_garbage": (k_gpkg_garbage, 16),
    "parquet_garbage": (k_parquet_garbage, 10),
    "empty_file": (k_empty_file, len(_EMPTY)),
    "binary_junk": (k_binary_junk, 10),
    "odd_name": (k_odd_name, len(_odd_names())),
    "geometry_odd": (k_geometry_odd, len(_ODD_GEOMS) + len(_CRS_MEMBERS)),
    "geojsonseq_junk": (k_geojsonseq_junk, 8),
    "value_odd": (k_value_odd, len(_ODD_VALUES) + len(_ODD_YEARS) + 2),
}


# --------------------------------------------------------------------------------------------
# heavy kinds (on demand)
# --------------------------------------------------------------------------------------------

def _big_text(n_bytes: int) -> str:
    unit = "ศูนย์ข้อมูล data centre "
    text = unit * (n_bytes // len(unit.encode("utf-8")) + 1)
    return text.encode("utf-8")[:n_bytes].decode("utf-8", "ignore")


def h_huge_property(d: Path, mb: int = 30) -> tuple[Path, str]:
    rng = random.Random("huge_property")
    big = _big_text(mb * 1024 * 1024)
    fc = _fc([_feature(rng, 0, props={"name": "huge", "note": "@@RAW0@@"}), _feature(rng, 1)])
    p = d / "huge_property.geojson"
    d.mkdir(parents=True, exist_ok=True)
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(_dumps(fc, {"0": json.dumps(big, ensure_ascii=False)}))
    return p, f"FeatureCollection of 2 features, one property string of {mb} MiB of UTF-8 (Thai + ASCII), file {p.stat().st_size / 1e6:.1f} MB"


def h_huge_properties_9mb(d: Path, n: int = 4, mb: int = 9) -> tuple[Path, str]:
    """Strings just under GDAL's 10,000,000-character limit of its GeoJSON parser, so they reach the
    rest of the pipeline (attribute table, HTML export)."""
    rng = random.Random("huge_properties")
    big = json.dumps(("data centre " * (mb * 100_000))[: mb * 1_000_000])  # ASCII: bytes == characters
    feats = [_feature(rng, i, props={"name": f"huge {i}", "note": "@@RAW0@@"}) for i in range(n)]
    p = d / "huge_properties.geojson"
    d.mkdir(parents=True, exist_ok=True)
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(_dumps(_fc(feats), {"0": big}))
    return p, (f"{n} features, each with a property string of {len(json.loads(big)):,} characters "
               f"(ASCII; under the 10,000,000-character string limit of GDAL's GeoJSON parser), file {p.stat().st_size / 1e6:.1f} MB")


def h_nesting(d: Path, depth: int = 5000) -> tuple[Path, str]:
    rng = random.Random("nesting")
    feats = [
        _dumps(_feature(rng, 0)),
        _dumps(_feature(rng, 1, props={"name": "deep list", "deep": "@@RAW0@@"}), {"0": _nest_list(depth)}),
        _dumps(_feature(rng, 2, props={"name": "deep obj", "deep": "@@RAW0@@"}), {"0": _nest_obj(depth)}),
        _dumps(_feature(rng, 3, geometry={"type": "Point", "coordinates": "@@RAW0@@"}), {"0": _nest_list(depth, "100.5,13.7")}),
        _dumps(_feature(rng, 4, geometry="@@RAW0@@"), {"0": _nest_gc(depth)}),
    ]
    p = _write(d / f"nesting_{depth}.geojson", '{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}")
    return p, (f"5 features: one valid; property nested {depth} arrays deep; property nested {depth} objects deep; "
               f"Point coordinates nested {depth} deep; GeometryCollection nested {depth} deep")


def _zip_bomb(p: Path, n_shapes: int, n_records: int, fill: bytes = b"A") -> int:
    """A zipped Shapefile of ``n_shapes`` points whose .dbf holds ``n_records`` records of 4 text
    fields of 255 ``fill`` bytes (1,021 bytes a record). Returns the unzipped size."""
    fields = [(f"F{i}", "C", 255, 0) for i in range(4)]
    rec_len = 1 + 4 * 255
    header_len = 32 + 32 * 4 + 1
    head = struct.pack("<B3BIHH20x", 0x03, 124, 1, 1, n_records, header_len, rec_len)
    for name, t, ln, dec in fields:
        head += struct.pack("<11sc4xBB14x", name.encode(), t.encode(), ln, dec)
    head += b"\r"
    record = b" " + fill * (rec_len - 1)
    point = struct.pack("<idd", 1, 100.5, 13.7)
    shp_head = _shp_header((100 + n_shapes * (8 + len(point))) // 2, 1, (100.5, 13.7, 100.5, 13.7))
    shx_head = _shp_header((100 + n_shapes * 8) // 2, 1, (100.5, 13.7, 100.5, 13.7))
    p.parent.mkdir(parents=True, exist_ok=True)
    chunk = 4096
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        def member(name, header, write_records):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as w:
                w.write(header)
                write_records(w)

        def shp_recs(w):
            for start in range(0, n_shapes, chunk):
                w.write(b"".join(struct.pack(">2i", i + 1, len(point) // 2) + point for i in range(start, min(n_shapes, start + chunk))))

        def shx_recs(w):
            for start in range(0, n_shapes, chunk):
                w.write(b"".join(struct.pack(">2i", 50 + i * (4 + len(point) // 2), len(point) // 2) for i in range(start, min(n_shapes, start + chunk))))

        def dbf_recs(w):
            block = record * chunk
            for start in range(0, n_records, chunk):
                w.write(block if start + chunk <= n_records else record * (n_records - start))
            w.write(b"\x1a")

        member("bomb.shp", shp_head, shp_recs)
        member("bomb.shx", shx_head, shx_recs)
        member("bomb.dbf", head, dbf_recs)
        zf.writestr(zipfile.ZipInfo("bomb.prj", date_time=(2024, 1, 1, 0, 0, 0)), WGS84_PRJ)
    with zipfile.ZipFile(p) as zf:
        return sum(i.file_size for i in zf.infolist())


def h_zip_bomb(d: Path) -> tuple[Path, str]:
    """~1 MB that unzips to ~1 GB: 1,000 points, a .dbf of 1,000,000 blank records (1 GB)."""
    p = d / "bomb.zip"
    total = _zip_bomb(p, 1_000, 1_000_000, fill=b" ")
    return p, (f"zipped Shapefile, {p.stat().st_size / 1e6:.2f} MB on disk, {total / 1e9:.2f} GB unzipped "
               f"({total / p.stat().st_size:,.0f}x): 1,000 points in .shp/.shx; .dbf of 1,000,000 records x 4 text "
               f"fields of 255 spaces (more records than the .shp has shapes)")


def h_zip_bomb_1m_features(d: Path) -> tuple[Path, str]:
    """A consistent zipped Shapefile of 1,000,000 points with 1 GB of attributes."""
    p = d / "bomb.zip"
    total = _zip_bomb(p, 1_000_000, 1_000_000)
    return p, (f"zipped Shapefile of 1,000,000 points, {p.stat().st_size / 1e6:.1f} MB on disk, {total / 1e9:.2f} GB "
               f"unzipped ({total / p.stat().st_size:,.0f}x); .dbf: 1,000,000 records x 4 text fields of 255 'A'")


def h_poly_jitter(d: Path, n: int = 100_000) -> tuple[Path, str]:
    rng = random.Random("poly_jitter")
    step = 2 * math.pi / n
    pts = []
    for i in range(n):
        a = i * step + rng.uniform(-3, 3) * step
        r = 5.0 * (1 + rng.uniform(-0.2, 0.2))
        pts.append([round(110 + r * math.cos(a), 7), round(10 + r * math.sin(a), 7)])
    pts.append(pts[0])
    geom = {"type": "Polygon", "coordinates": [pts]}
    p = _write(d / f"jitter_{n}.geojson", _dumps(_fc([_feature(rng, 0, geometry=geom)])))
    return p, (f"one Polygon of {n:,} vertices around (110, 10), radius 5° ±20 %, angles jittered ±3 steps "
               f"(many local self-intersections), {p.stat().st_size / 1e6:.1f} MB")


def h_poly_1m(d: Path, n: int = 1_000_000) -> tuple[Path, str]:
    rng = random.Random("poly_1m")
    step = 2 * math.pi / n
    parts = []
    for i in range(n):
        parts.append(f"[{110 + 5 * math.cos(i * step):.7f},{10 + 5 * math.sin(i * step):.7f}]")
    parts.append(parts[0])
    geom_text = '{"type":"Polygon","coordinates":[[' + ",".join(parts) + "]]}"
    p = _write(d / f"poly_{n}.geojson", _dumps(_fc([_feature(rng, 0, geometry="@@RAW0@@")]), {"0": geom_text}))
    return p, f"one valid circular Polygon of {n:,} vertices, {p.stat().st_size / 1e6:.1f} MB"


def h_nesting_100k(d: Path) -> tuple[Path, str]:
    return h_nesting(d, 100_000)


def h_kml_billion_laughs(d: Path) -> tuple[Path, str]:
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    text = (f'<?xml version="1.0"?>\n<!DOCTYPE kml [{ents}]>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
            + _placemark("&a9;", "<Point><coordinates>100,13</coordinates></Point>") + _KML_TAIL)
    return _write(d / "laughs.kml", text), "KML 'billion laughs': 9 entity levels of 10 (1e9 'lol's, 3 GB) in a name"


def h_poly_random_10k(d: Path, n: int = 10_000) -> tuple[Path, str]:
    rng = random.Random("poly_random")
    pts = [[round(rng.uniform(100, 120), 6), round(rng.uniform(0, 20), 6)] for _ in range(n)]
    pts.append(pts[0])
    p = _write(d / f"random_{n}.geojson", _dumps(_fc([_feature(rng, 0, geometry={"type": "Polygon", "coordinates": [pts]})])))
    return p, f"one Polygon of {n:,} uniformly random vertices (~n²/10 self-intersections), {p.stat().st_size / 1e6:.1f} MB"


#: kind -> maker(folder) -> (path, description). The first five are the issue's list.
HEAVY_KINDS: dict[str, Callable[[Path], tuple[Path, str]]] = {
    "heavy_huge_property": h_huge_property,
    "heavy_nesting_5000": h_nesting,
    "heavy_zip_bomb": h_zip_bomb,
    "heavy_poly_100k_jitter": h_poly_jitter,
    "heavy_poly_1m": h_poly_1m,
    "heavy_huge_properties_9mb": h_huge_properties_9mb,
    "heavy_zip_bomb_1m_features": h_zip_bomb_1m_features,
    "heavy_nesting_100k": h_nesting_100k,
    "heavy_kml_billion_laughs": h_kml_billion_laughs,
    "heavy_poly_random_10k": h_poly_random_10k,
}


# --------------------------------------------------------------------------------------------
# entry points
# --------------------------------------------------------------------------------------------

def generate(seed: int, n: int, folder: Path, heavy: bool = False, kinds: list[str] | None = None) -> list[Case]:
    """Write ``n`` light cases (and the heavy ones with ``heavy=True``) under ``folder``.

    Parameters
    ----------
    seed : int
        The same seed writes the same files.
    n : int
        Number of light cases; kinds are taken in turn, so every kind appears once ``n`` reaches
        the number of kinds, and each kind cycles through its variants.
    folder : Path
        Each case goes into its own sub-folder ``NNNNN_kind``.
    heavy : bool
        Also write every case of :data:`HEAVY_KINDS` (big; takes tens of seconds).
    kinds : list of str, optional
        Only these light kinds.

    Returns
    -------
    list of Case
    """
    folder = Path(folder)
    names = list(kinds) if kinds else list(LIGHT_KINDS)
    cases = []
    for i in range(n):
        kind = names[(i + seed) % len(names)]
        maker, n_variants = LIGHT_KINDS[kind]
        turn = (i + seed) // len(names)
        variant = (turn + seed) % n_variants
        rng = random.Random(f"{seed}/{i}/{kind}")
        d = folder / f"{i:05d}_{kind}"
        d.mkdir(parents=True, exist_ok=True)
        path, desc = maker(rng, d, variant)
        cases.append(Case(Path(path), kind, f"[seed {seed}, case {i}, variant {variant}] {desc}"))
    if heavy:
        cases += generate_heavy(folder)
    return cases


def generate_heavy(folder: Path, kinds: list[str] | None = None) -> list[Case]:
    """Write the on-demand heavy cases (all of :data:`HEAVY_KINDS`, or ``kinds``)."""
    out = []
    for kind in kinds or list(HEAVY_KINDS):
        d = Path(folder) / kind
        path, desc = HEAVY_KINDS[kind](d)
        out.append(Case(Path(path), kind, desc, heavy=True))
    return out


def case_size(case: Case) -> int:
    """Bytes on disk of a case (the file and its siblings in the case folder)."""
    folder = case.path.parent
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit("usage: broken_files.py FOLDER [N] [SEED] [--heavy]")
    out_folder = Path(args[0])
    cs = generate(int(args[2]) if len(args) > 2 else 0, int(args[1]) if len(args) > 1 else 300, out_folder, heavy="--heavy" in sys.argv)
    for c in cs:
        print(f"{c.kind:22s} {c.path}  {c.description}".replace("\n", "\\n"))
