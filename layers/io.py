"""Read any vector file into a :class:`~asean_atlas.layers.layer.Layer`, safely (issue 4).

Reading goes through pyogrio/GDAL (GeoJSON with or without the legacy ``crs`` member, GeoJSONSeq
``.geojsonl``/``.geojsons``, a bare Feature or Geometry, GeoPackage, Shapefile (also zipped), KML,
FlatGeobuf, CSV with lon/lat or WKT columns) and GeoParquet through pyarrow. The result is always
in EPSG:4326 (RFC 7946 order lon, lat):

- **CRS**: read from the file and transformed with pyproj. A file with no CRS, or a geographic CRS
  (GeoJSON always claims one, RFC 7946 §4) whose coordinates do not fit longitude/latitude, raises
  :class:`~asean_atlas.layers.errors.CRSNeededError` unless the caller names the CRS (``crs=``).
  CSV columns named lat/lon but holding lon/lat (|lat| > 90 while |lon| ≤ 90) are swapped back,
  and the load report says so.
- **Encoding**: text formats are checked to be UTF-8 (a BOM is fine); anything else is detected with
  charset-normalizer (:mod:`.encoding`) or taken from ``encoding=``, and converted before GDAL reads
  it. A Shapefile without ``.cpg`` gets its ``.dbf`` text detected the same way.
- **Geometry**: unclosed rings are closed (``shapely.from_wkb(on_invalid="fix")``), invalid
  geometries repaired with ``shapely.make_valid``, both counted; null and empty geometries stay in
  the table; Z is kept in the data (the display drops it); lines and polygons that jump across the
  antimeridian are split at ±180° (:mod:`.geometry`).
- **Attributes**: lists, arrays and nested objects become JSON text; codes with leading zeros stay
  text; property names that differ only in case are all kept; an attribute called ``geometry``
  is renamed so it does not collide with the geometry column.

Every failure is raised as :class:`~asean_atlas.layers.errors.LayerLoadError` naming the file and the
problem in one line. Reading is done in Arrow batches, so a caller on another thread can follow the
progress and cancel (:class:`~asean_atlas.layers.errors.LoadCancelled`) between batches.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import shutil
import sys
import tempfile
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from . import cache as layer_cache
from . import geometry as _geometry
from .encoding import EncodingGuess, detect_encoding, transcode_to_utf8
from .errors import CRSNeededError, LayerLoadError, LoadCancelled, Message, _bounded
from .geometry import (
    MAX_COLLECTION_DEPTH,
    nesting_type_codes,
    wkb_nesting_depth,
    REPAIR_MAX_CROSSINGS,
    deep_collections,
    repair_geometries,
    row_chunks,
    split_antimeridian,
)
from .layer import Layer, LoadReport, PointTable
from .style import USER_PALETTE, Style
from .temporal import detect_temporal

# GDAL prints some errors straight to stderr ("ERROR 1: Unable to read geometry") besides raising
# them; what they mean reaches the user through the load report, so the raw lines are sent away.
if not os.environ.get("ASEAN_ATLAS_DEBUG"):
    pyogrio.set_gdal_config_options({"CPL_LOG": os.devnull})
# No file may make GDAL reach the network (issue 8): a GeoJSON "crs" of type "link", a GML schema
# location, /vsicurl/ paths... Every HTTP request GDAL makes goes to a proxy that refuses at once.
pyogrio.set_gdal_config_options({
    "GDAL_HTTP_PROXY": "127.0.0.1:9", "GDAL_HTTPS_PROXY": "127.0.0.1:9", "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_CONNECTTIMEOUT": "1", "GDAL_HTTP_MAX_RETRY": "0", "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".none",
    "GML_DOWNLOAD_WFS_SCHEMA": "NO",
})


def _blocked_drivers_registered() -> list[str]:
    """Blocked GDAL drivers that are registered after all (pyogrio imported before this package)."""
    from asean_atlas.geodata import BLOCKED_GDAL_DRIVERS

    present = pyogrio.list_drivers()
    return [d for d in BLOCKED_GDAL_DRIVERS if d in present]


#: Signatures of files that make GDAL read other files or the network, refused by content when
#: their drivers could not be unregistered (:func:`_blocked_drivers_registered`).
_INDIRECT_SIGNATURES = (b"<ogrvrtdatasource", b"<vrtdataset", b"gdal_streamed_alg", b"<ogrwfsdatasource",
                        b"<wfs_capabilities", b"<ogrwfs", b"<ogcapi", b"<wms_capabilities")

#: ``progress(features_read, total_or_None)``, called from the reading thread between batches.
ProgressCallback = Callable[[int, "int | None"], None]
#: Returns True when the user asked to stop; polled between batches.
CancelCheck = Callable[[], bool]

# GDAL CSV driver open options: find coordinate / WKT columns by common names; typed columns
# (GDAL keeps values with leading zeros, e.g. "007", as text when it autodetects types).
_CSV_OPTIONS = {
    # Chinese column names too (issue 13 item 4): 经度/纬度 (longitude/latitude), 东经/北纬
    # (east longitude/north latitude), in simplified and traditional characters
    "X_POSSIBLE_NAMES": "lon,lng,long,longitude,x,Lon,Longitude,LON,X,经度,經度,东经,東經",
    "Y_POSSIBLE_NAMES": "lat,latitude,y,Lat,Latitude,LAT,Y,纬度,緯度,北纬,北緯",
    "GEOM_POSSIBLE_NAMES": "wkt,WKT,geometry,geom,the_geom",
    "KEEP_GEOM_COLUMNS": "NO",
    "AUTODETECT_TYPE": "YES",
}
_TEXT_SUFFIXES = {".geojson", ".json", ".geojsonl", ".geojsons", ".ndjson", ".jsonl", ".csv", ".tsv"}
# GDAL recognises .geojsonl/.geojsons itself; these other names for newline-delimited GeoJSON need
# the driver named.
_SEQ_SUFFIXES = {".ndjson", ".jsonl"}
_PARQUET_SUFFIXES = {".parquet", ".geoparquet"}
SINGLE_LAYER_SUFFIXES = {".geojson", ".json", ".geojsonl", ".geojsons", ".ndjson", ".jsonl", ".csv", ".tsv", ".fgb", ".shp"}
_BATCH = 16_384
#: Layers of at least this many features, all plain 2D points (or null), are read compactly
#: (issue 9): coordinate arrays and attributes, no shapely geometries
#: (:class:`~asean_atlas.layers.layer.PointTable`); 1M points then take ~16 MB, not ~200 MB.
COMPACT_POINTS_MIN = 50_000
#: The first five bytes of a 2D Point in WKB: byte order (little, big) and geometry type 1.
_POINT_HEADS = (b"\x01\x01\x00\x00\x00", b"\x00\x00\x00\x00\x01")
#: Attributes read from one layer at most, and attribute values (features x attributes): a 2 MB
#: GeoJSON whose 20,000 features each had a property of their own made a 20,000 x 20,000 table and
#: took 3.4 GB (issue 8). GDAL's CSV driver stops at 2,000 columns itself.
MAX_FIELDS = 1_000
MAX_VALUES = 60_000_000


#: Memory a loaded feature takes besides its attribute bytes (geometry object, WKB, index, table
#: row), bytes; measured on this machine class: 1.15 million points without properties took
#: ~850 MB, 700,000 points with a 20-character name ~650 MB (issue 16).
BYTES_PER_FEATURE = 900
#: Share of the memory free at the start of a load (``MemAvailable``) it may take.
MEMORY_SHARE = 0.8


def _read_int(path: str) -> int | None:
    try:
        with open(path, encoding="ascii") as f:
            text = f.read().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def memory_budget() -> int | None:
    """Bytes a load may take: :data:`MEMORY_SHARE` of the least of the memory the system has
    available now (Linux ``/proc/meminfo``), the room left under this process's address-space
    limit (``ulimit -v``, ``RLIMIT_AS``) and under its cgroup's ``memory.max`` (containers, CI);
    None where none of these can be read."""
    limits = []
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    limits.append(int(line.split()[1]) * 1024)
    except (OSError, ValueError):
        pass
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        if soft != resource.RLIM_INFINITY:
            with open("/proc/self/statm", encoding="ascii") as f:
                used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            # address space runs out before resident memory does (thread stacks, arenas): half of it
            limits.append(max(soft - used, 0) * 0.5 / MEMORY_SHARE)
    except (ImportError, OSError, ValueError):
        pass
    cgroup_max, cgroup_now = _read_int("/sys/fs/cgroup/memory.max"), _read_int("/sys/fs/cgroup/memory.current")
    if cgroup_max is not None and cgroup_now is not None:
        limits.append(max(cgroup_max - cgroup_now, 0))
    return int(min(limits) * MEMORY_SHARE) if limits else None


def estimated_memory(features: int, arrow_bytes: int) -> int:
    """Bytes a load of ``features`` features whose Arrow batches hold ``arrow_bytes`` will take at
    its peak (the batches, their pandas copy, and :data:`BYTES_PER_FEATURE` a feature)."""
    return 2 * arrow_bytes + BYTES_PER_FEATURE * features


class _TooBig(Exception):
    """A layer beyond :data:`MAX_FIELDS` / :data:`MAX_VALUES` (turned into a LayerLoadError)."""
#: Tolerance, degrees, on the lon/lat range check (rounding in files written by other tools).
_EPS = 1e-6


_BLOCKED_PRESENT = bool(_blocked_drivers_registered())


def split_source(source: str | Path) -> tuple[str, str | None]:
    """Split a layer source ``"file.gpkg|layername=roads"`` (the QGIS form) into path and layer.

    Parameters
    ----------
    source : str or Path

    Returns
    -------
    path : str
    layer : str or None
    """
    text = str(source)
    if "|layername=" in text and not Path(text).exists():  # a file really named so is that file
        path, _, name = text.partition("|layername=")
        return path, name
    return text, None


def list_vector_layers(path: str | Path) -> list[str]:
    """Names of the vector layers of a file (several for a GeoPackage; one for most formats).

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    list of str

    Raises
    ------
    LayerLoadError
        The file is missing or GDAL cannot open it.
    """
    p = Path(path)
    if not p.exists():
        raise LayerLoadError.of(p, "file not found")
    if p.suffix.lower() in _PARQUET_SUFFIXES:
        return [p.stem]
    if not p.is_file() and not p.is_dir():
        raise LayerLoadError.of(p, "is not a regular file (a pipe, a device or a socket)")
    _check_file(p)
    try:
        with _gdal_safe_name(p) as q, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # GDAL's complaints become the message below, not stderr noise
            return [str(name) for name in pyogrio.list_layers(_gdal_path(q))[:, 0]]
    except Exception as exc:  # GDAL raises several types; all mean "cannot open"
        raise LayerLoadError(p, _gdal_reason(exc)) from None


#: Characters GDAL/pyogrio take verbatim in a path; others ("!" is pyogrio's archive separator,
#: ";" and tab/newline cut GDAL's file name; found by the issue 8 injection corpus) make the file
#: be opened under a plain name (:func:`_gdal_safe_name`).
_GDAL_SAFE_PATH = re.compile(r"[\w.\-+@%,=~/ ]*")


@contextlib.contextmanager
def _gdal_safe_name(p: Path):
    """Yield a path to ``p`` that GDAL opens as it is: ``p`` itself, or when its path holds other
    characters, a link ``layer.<suffix>`` in a temporary folder, beside links to its sidecar
    files (a Shapefile's ``.shx``/``.dbf``/``.prj``/``.cpg``...), copies where links fail."""
    full = str(p.resolve())
    if _GDAL_SAFE_PATH.fullmatch(full):
        yield p
        return
    with tempfile.TemporaryDirectory(prefix="atlas-name-") as tmp:
        stem = p.name[: -len(p.suffix)] if p.suffix else p.name
        siblings = [f for f in p.resolve().parent.iterdir() if f.name == p.name or f.name.startswith(stem + ".")]
        for f in siblings:
            target = Path(tmp) / ("layer" + f.name[len(stem):])
            try:
                target.symlink_to(f.resolve())
            except OSError:
                shutil.copyfile(f, target)
        yield Path(tmp) / ("layer" + p.suffix)


#: Driver by file name; asking GDAL (read_info) would parse a big GeoJSON a second time.
_DRIVERS = {
    ".geojson": "GeoJSON", ".json": "GeoJSON", ".geojsonl": "GeoJSONSeq", ".geojsons": "GeoJSONSeq",
    ".ndjson": "GeoJSONSeq", ".jsonl": "GeoJSONSeq", ".csv": "CSV", ".tsv": "CSV", ".gpkg": "GPKG",
    ".shp": "ESRI Shapefile", ".kml": "KML", ".fgb": "FlatGeobuf",
}


#: A zip is refused when it would expand beyond this many bytes...
MAX_UNZIPPED_BYTES = 8 * 2**30
#: ...or expand more than this many times over, to more than :data:`_ZIP_RATIO_FROM` bytes (real
#: zipped Shapefiles and GeoJSON shrink 2-20 times; 356 kB expanding to 100 MB of identical lines
#: is a zip bomb, issue 8).
MAX_ZIP_RATIO = 100
_ZIP_RATIO_FROM = 10 * 2**20


def _size(n: float) -> str:
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


def _check_zip(p: Path) -> None:
    """Refuse a zip whose members would expand to more than the limits above (sizes as the archive
    declares them; GDAL reads them through /vsizip/)."""
    import zipfile
    import zlib as _zlib

    try:
        with zipfile.ZipFile(p) as zf:
            expanded = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return  # not a readable zip: GDAL says so when it tries
    packed = max(p.stat().st_size, 1)
    ratio = expanded / packed
    if expanded > MAX_UNZIPPED_BYTES or (expanded > _ZIP_RATIO_FROM and ratio > MAX_ZIP_RATIO):
        raise LayerLoadError.of(
            p,
            "would expand from {packed} to {expanded} ({ratio:,.0f} times): refused as a "
            "likely zip bomb; if you trust it, unzip it yourself and open the file inside",
            packed=_size(packed), expanded=_size(expanded), ratio=ratio,
        )
    # a damaged member makes GDAL read nothing and say nothing (0 features): check every member
    # (streamed, bounded by the sizes just checked)
    try:
        with zipfile.ZipFile(p) as zf:
            bad = zf.testzip()
    except RuntimeError as exc:  # an encrypted member
        raise LayerLoadError.of(p, "cannot be read: {detail}", detail=str(exc).splitlines()[0]) from None
    except (zipfile.BadZipFile, _zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise LayerLoadError.of(p, "is a damaged zip archive ({detail})",
                                detail=str(exc).splitlines()[0] or type(exc).__name__) from None
    if bad is not None:
        raise LayerLoadError.of(p, "is a damaged zip archive: {member} fails its checksum", member=repr(bad))


def _gdal_path(p: Path) -> str:
    suffix = p.suffix.lower()
    if suffix in _SEQ_SUFFIXES:
        return f"GeoJSONSeq:{p}"
    if suffix == ".zip":
        # /vsizip/ finds a dataset at the root of the archive only; most zips hold a folder
        import zipfile

        try:
            with zipfile.ZipFile(p) as zf:
                inner = [n for n in zf.namelist() if Path(n).suffix.lower() in _DRIVERS and not n.startswith("__MACOSX")]
        except (zipfile.BadZipFile, OSError):
            return str(p)
        shps = [n for n in inner if n.lower().endswith(".shp")] or inner
        if len(shps) == 1:
            return f"/vsizip/{p.absolute()}/{shps[0]}"
    return str(p)


def _driver_name(source: str, p: Path) -> str | None:
    name = _DRIVERS.get(Path(source).suffix.lower()) or _DRIVERS.get(p.suffix.lower())
    if name is None and p.suffix.lower() != ".zip":
        try:
            name = str(pyogrio.read_info(source)["driver"])
        except Exception:
            name = None
    return name or ("ESRI Shapefile" if p.suffix.lower() == ".zip" else None)


def _gdal_reason(exc: Exception) -> Message:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "not recognized as" in text or "not a supported" in text:
        return Message("not a readable vector file (GDAL could not recognise the format)")
    if "Too many characters" in text:  # json-c's token limit, about 10 million characters
        return Message("holds a value too long for GDAL's JSON reader (over ~10 million characters): {detail}",
                       detail=text)
    return Message("could not be read: {detail}", detail=text)


#: Bytes of a ``.dbf`` read to detect its encoding (a sample: a 2 GB table must not be read whole
#: into memory for this, issue 8).
_DBF_SAMPLE = 4 * 2**20


def _dbf_encoding(shp: Path, source: str) -> EncodingGuess | None:
    """Encoding of a Shapefile's attribute text when no ``.cpg`` names it (else GDAL's choice).

    ``source`` is the GDAL path: the ``.shp`` itself, or ``/vsizip/ARCHIVE/inner.shp`` for a
    zipped Shapefile, whose ``.cpg``/``.dbf`` are then read from the archive.
    """
    if source.startswith("/vsizip/"):
        import zipfile

        inner = source[len(f"/vsizip/{shp.absolute()}/") :]
        stem = inner[: -len(".shp")]
        with zipfile.ZipFile(shp) as zf:
            names = {n.lower(): n for n in zf.namelist()}
            if f"{stem}.cpg".lower() in names:
                return None
            dbf_name = names.get(f"{stem}.dbf".lower())
            if dbf_name is None:
                return None
            with zf.open(dbf_name) as f:
                data = f.read(_DBF_SAMPLE)
    else:
        if _sidecar(shp, ".cpg") is not None:
            return None
        dbf = _sidecar(shp, ".dbf")
        if dbf is None:
            return None
        with open(dbf, "rb") as f:
            data = f.read(_DBF_SAMPLE)
    if not data or len(data) <= 10:
        return None
    body = data[int.from_bytes(data[8:10], "little") :]
    if body.isascii():
        return None
    with tempfile.NamedTemporaryFile(suffix=".txt") as tmp:
        tmp.write(body)
        tmp.flush()
        return detect_encoding(tmp.name)


#: Longitudes accepted (degrees) and wrapped to -180..180: Pacific-centred files store 0..360, and
#: a line may run on past ±180 (issue 8: "longitude beyond ±540 ... is refused").
LON_LIMIT = 540.0
#: At most this many features are named in one warning; the rest are counted.
_NAMED = 3


def _non_finite_rows(geoms: np.ndarray) -> np.ndarray:
    """Rows whose geometry has a NaN or infinite coordinate (1e308 overflows to one once
    transformed), vectorized over every vertex."""
    found = []
    for a, b in row_chunks(geoms):  # a bounded share of the vertices at a time (issue 9)
        coords, idx = shapely.get_coordinates(geoms[a:b], return_index=True)
        with np.errstate(invalid="ignore"):
            bad = ~np.isfinite(coords).all(axis=1)
        if bad.any():
            found.append(np.unique(idx[bad]) + a)
    return np.concatenate(found) if found else np.empty(0, dtype=np.int64)


def _feature_label(frame: pd.DataFrame, row: int) -> Message:
    """``feature 13 ("Tuas")``: the 1-based position in the file and its name, if it has one."""
    for col in ("name", "NAME", "Name", "id", "ID"):
        if col in frame.columns:
            value = frame[col].iloc[row]
            if isinstance(value, str) and value.strip():
                text = value if len(value) <= 40 else value[:39] + "…"
                return Message("feature {n} ({name})", n=row + 1, name=json.dumps(text, ensure_ascii=False))
    return Message("feature {n}", n=row + 1)


def _drop_rows(geoms: np.ndarray, rows: np.ndarray, frame: pd.DataFrame, report: LoadReport, why: Message) -> np.ndarray:
    """Set the geometry of ``rows`` to None (the features stay in the table, not drawn); count them
    in ``report.dropped`` and say which and why in ``report.warnings``."""
    if len(rows) == 0:
        return geoms
    geoms = geoms.copy()
    geoms[rows] = None
    report.dropped += len(rows)
    report.warnings.append(Message("{features} not drawn, {why}: {named}", features=_features(len(rows)), why=why,
                                   named=_named(frame, rows)))
    return geoms


def _features(n: int) -> Message:
    return Message("1 feature") if n == 1 else Message("{n} features", n=n)


def _named(frame: pd.DataFrame, rows: np.ndarray) -> Message:
    """The first few of ``rows`` by position and name, and how many more."""
    named = tuple(_feature_label(frame, int(r)) for r in rows[:_NAMED])
    if len(rows) > _NAMED:
        return Message("{features} and {n} more", features=named, n=len(rows) - _NAMED)
    return Message("{features}", features=named)


def _check_lonlat(p: Path, geoms: np.ndarray, frame: pd.DataFrame, report: LoadReport, crs_error) -> np.ndarray:
    """Coordinates read as longitude/latitude: features beyond ±:data:`LON_LIMIT`° of longitude or
    ±90° of latitude are dropped (:func:`_drop_rows`); when they are most of the file, the file is
    not in degrees at all and ``crs_error(bbox)`` is raised instead."""
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not present.any():
        return geoms
    b = shapely.bounds(geoms)
    out, why = _off_earth_rows(p, (b[:, 0], b[:, 1], b[:, 2], b[:, 3]), present, crs_error)
    return _drop_rows(geoms, out, frame, report, why) if out.size else geoms


def _off_earth_rows(p: Path, b: tuple, present: np.ndarray, crs_error) -> tuple[np.ndarray, Message | None]:
    """:func:`_check_lonlat` on per-feature bounds ``b = (west, south, east, north)``, arrays of
    shape (n,): the rows to drop and why, or ``crs_error(bbox)`` raised."""
    bw, bs, be, bn = b
    with np.errstate(invalid="ignore"):
        fits = (bw >= -LON_LIMIT - _EPS) & (be <= LON_LIMIT + _EPS) & (bs >= -90 - _EPS) & (bn <= 90 + _EPS)
    out = np.flatnonzero(present & ~fits)
    if out.size == 0:
        return out, None
    if 2 * out.size > int(present.sum()):
        tb = np.array([np.nanmin(bw[present]), np.nanmin(bs[present]), np.nanmax(be[present]), np.nanmax(bn[present])])
        err = crs_error(tb)
        if err is not None and -90 <= tb[0] and tb[2] <= 90 and -180 <= tb[1] and tb[3] <= 180:
            # x within ±90 and y within ±180: latitude, longitude written the wrong way round
            err = type(err)(p, Message("{reason}; they look like latitude, longitude in the wrong order "
                                       "(GeoJSON and this app expect longitude first): swap them", reason=err.reason),
                            err.layer)
        raise err
    r = out[0]
    lon = bw[r] if not (-LON_LIMIT <= bw[r] <= LON_LIMIT) else be[r]
    lat = bs[r] if not (-90 <= bs[r] <= 90) else bn[r]
    why = Message("coordinates off the Earth: longitude beyond ±{limit:g}° or latitude beyond ±90° "
                  "(e.g. {lon:.6g}, {lat:.6g})", limit=LON_LIMIT, lon=lon, lat=lat)
    return out, why


def _check_projected_over_degrees(p: Path, geoms: np.ndarray, source_crs: CRS, report: LoadReport,
                                  frame: pd.DataFrame) -> np.ndarray:
    """Refuse a file whose CRS is projected (metres, feet) while most of its features have
    coordinates that fit in longitude/latitude (|x| <= 540, |y| <= 90): a ``.prj`` saying UTM, or a
    GeoJSON ``crs`` of EPSG:3857, written over degrees. Read as the file says, those features
    would fall within a few hundred metres of the projection's false origin and collapse to one
    spot (issue 16). The false origin of a projected CRS lies outside the area it is made for
    (false eastings and northings keep coordinates positive), so data really that close to it
    are taken at their word only when they land inside the CRS's area of use. When only a few
    features look like degrees among features in metres, those few are not drawn (a warning
    names them); returns the geometries."""
    if not source_crs.is_projected:
        return geoms
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not present.any():
        return geoms
    b = shapely.bounds(geoms[present])
    rows, why = _degree_like_rows(p, (b[:, 0], b[:, 1], b[:, 2], b[:, 3]), np.flatnonzero(present), source_crs, report)
    return _drop_rows(geoms, rows, frame, report, why) if rows.size else geoms


def _degree_like_rows(p: Path, b: tuple, rows: np.ndarray, source_crs: CRS,
                      report: LoadReport) -> tuple[np.ndarray, Message | None]:
    """:func:`_check_projected_over_degrees` on the bounds ``b = (west, south, east, north)``
    (arrays of shape (m,)) of the features at ``rows``: the rows to drop and why (none: an empty
    array), or :class:`CRSNeededError` raised."""
    bw, bs, be, bn = b
    none = np.empty(0, dtype=np.int64)
    with np.errstate(invalid="ignore"):
        degree_like = ((bw >= -LON_LIMIT) & (be <= LON_LIMIT) & (bs >= -90) & (bn <= 90)) | (
            (bw >= -90) & (be <= 90) & (bs >= -180) & (bn <= 180))  # latitude first
    if not degree_like.any():
        return none, None
    if 2 * int(degree_like.sum()) <= len(bw):  # most features are in metres: the few near the origin are not
        return rows[degree_like], Message("coordinates that look like longitude/latitude degrees although the "
                                          "file's CRS is {crs} (read so, they would lie within 540 units of its "
                                          "origin)", crs=report.source_crs)
    w, s, e, n = bw[degree_like].min(), bs[degree_like].min(), be[degree_like].max(), bn[degree_like].max()
    area = source_crs.area_of_use
    if area is not None:
        try:
            from pyproj import Transformer

            t = Transformer.from_crs(source_crs, 4326, always_xy=True)
            lon, lat = t.transform([w, e, w, e], [s, s, n, n])
        except Exception:  # a CRS PROJ cannot invert: judge by the coordinates alone
            lon, lat = [], []
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        west, east = area.west, area.east if area.east >= area.west else area.east + 360
        lon = np.where(lon < west, lon + 360, lon)
        narrow = (east - west) < 30
        near_origin_inside = narrow and lon.size and np.isfinite(lon).all() and np.isfinite(lat).all() and (
            (west <= lon).all() and (lon <= east).all() and (area.south <= lat).all() and (lat <= area.north).all())
        # ...unless the numbers, read as degrees, lie in that very area: degrees of the place the
        # CRS is made for (a Johor Grid .prj over Johor's longitudes and latitudes)
        as_degrees_inside = west <= (w if w >= west else w + 360) and (e if e >= west else e + 360) <= east \
            and area.south <= s and n <= area.north
        if near_origin_inside and not as_degrees_inside:
            return none, None
    unit = source_crs.axis_info[0].unit_name if source_crs.axis_info else "metre"
    units = {"foot": "feet", "US survey foot": "US survey feet"}.get(unit, unit + "s")
    who = (Message("{n} of {total} features have", n=int(degree_like.sum()), total=len(bw))
           if not degree_like.all() else Message("its features have"))
    raise CRSNeededError.of(
        p,
        "says its CRS is {crs} ({units}) but {who} coordinates "
        "(x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) that look like longitude/latitude degrees; read as "
        "{crs} they would all fall within {spread:.0f} {units} of one spot. "
        "If they are degrees, choose EPSG:4326 (on the command line: --crs EPSG:4326); otherwise choose the CRS "
        "they are in",
        crs=report.source_crs, units=units, who=who, w=w, e=e, s=s, n=n, spread=max(e - w, n - s, 1),
    )


def _json_text(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, np.ndarray):
        value = value.tolist()
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except RecursionError:  # nested deeper than Python's recursion limit (issue 8): keep its text
        return str(value)


def _compact_json(v: object) -> object:
    # a JSON-typed column may also hold plain text (a property that is an object in one feature
    # and a string in another): keep that text as it is
    if not isinstance(v, str):
        return v
    try:
        return _json_text(json.loads(v))
    except (ValueError, RecursionError):  # not JSON, or nested too deep to re-read: the text as is
        return v


def _too_deep_wkb(column, wkb: np.ndarray) -> np.ndarray:
    """Rows of a WKB column whose geometries nest deeper than :data:`MAX_COLLECTION_DEPTH`, found
    before GEOS reads them (GEOS recurses and crashed on ~20,000 levels, issue 8): a vectorized
    look at each blob's type field, then a non-recursive walk of the collections only."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(column) == 0:
        return np.empty(0, dtype=np.int64)
    # the type bytes sliced from the column as it is when Arrow can (a cast to large_binary
    # copied every blob); other stored types (binary_view, dictionary, string) are cast
    if not (pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type)):
        column = column.cast(pa.large_binary())
    heads = pc.binary_slice(column, 1, 5)
    nesting = pc.is_in(heads, value_set=pa.array(nesting_type_codes(), type=heads.type))
    cand = np.flatnonzero(nesting.to_numpy(zero_copy_only=False) == True)  # noqa: E712 (nulls are None)
    return np.array([r for r in cand.tolist() if wkb_nesting_depth(wkb[r]) > MAX_COLLECTION_DEPTH], dtype=np.int64)


class _Coords:
    """Coordinates of a column of plain 2D points (:func:`_plain_points`): ``lon``, ``lat``,
    float64 arrays of shape (n,), NaN in both for a null or empty point."""

    def __init__(self, lon: np.ndarray, lat: np.ndarray) -> None:
        self.lon, self.lat = lon, lat

    def __len__(self) -> int:
        return len(self.lon)


def _plain_points(column) -> _Coords | None:
    """The coordinates of an Arrow WKB column when it holds at least :data:`COMPACT_POINTS_MIN`
    values, each a 2D Point or null (found from the blobs' lengths and type fields, vectorized);
    else None. Decoded by shapely in chunks, so no more than a chunk of shapely Points exists."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(column)
    if n < COMPACT_POINTS_MIN:
        return None
    if not pc.all(pc.equal(pc.binary_length(column), 21)).as_py():  # nulls are skipped
        return None
    heads = pc.drop_null(pc.binary_slice(column, 0, 5))
    if not pc.all(pc.is_in(heads, value_set=pa.array(_POINT_HEADS, type=heads.type))).as_py():
        return None
    lon, lat = np.empty(n), np.empty(n)
    step = _BATCH * 4
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NaN coordinates: reported by read_frame
        lon.fill(np.nan)
        lat.fill(np.nan)
        for i in range(0, n, step):
            g = shapely.from_wkb(column.slice(i, step).to_numpy(zero_copy_only=False), on_invalid="ignore")
            # null and empty points have no coordinate and stay NaN (get_x raises on an empty one)
            xy, at = shapely.get_coordinates(g, return_index=True)
            lon[i + at], lat[i + at] = xy[:, 0], xy[:, 1]
    return _Coords(lon, lat)


def _arrow_to_frame(table, meta: dict, report: LoadReport,
                    compact: bool = False) -> tuple[pd.DataFrame, np.ndarray | _Coords | None, np.ndarray]:
    """Attributes as a DataFrame (nested values as JSON text, datetimes parsed, text that is not
    UTF-8 decoded with U+FFFD and reported) and the WKB column (with ``compact``, the coordinates
    of a big layer of plain points instead: :func:`_plain_points`)."""
    import pyarrow as pa

    geom_name = meta.get("geometry_name") or "wkb_geometry"
    wkb = None
    at = [i for i, name in enumerate(table.column_names) if name == geom_name]
    deep = np.empty(0, dtype=np.int64)
    if at:  # GDAL appends the geometry last; an attribute of the same name comes before it
        column = table.column(at[-1])
        wkb = _plain_points(column) if compact else None
        if wkb is None:
            wkb = column.to_numpy(zero_copy_only=False)
            deep = _too_deep_wkb(column, wkb)
            if deep.size:
                wkb = wkb.copy()
                wkb[deep] = None
        table = table.remove_column(at[-1])
    not_utf8 = []
    for i, fld in enumerate(table.schema):
        if pa.types.is_string(fld.type) or pa.types.is_large_string(fld.type):
            try:
                table.column(i).validate(full=True)
            except pa.ArrowInvalid:  # bytes GDAL passed through (a .cpg naming the wrong code page)
                raw = table.column(i).cast(pa.large_binary()).to_pylist()
                fixed = [None if b is None else b.decode("utf-8", "replace") for b in raw]
                table = table.set_column(i, fld.name, pa.array(fixed, type=pa.large_string()))
                not_utf8.append(fld.name)
    if not_utf8:
        report.warnings.append(Message(
            "text that is not valid UTF-8 shown with \ufffd in {fields}: the file's encoding may be wrong "
            "(choose it: --encoding, or Add layer > options)", fields=tuple(map(repr, not_utf8))))
    json_cols = {
        str(f) for f, sub in zip(meta.get("fields", ()), meta.get("ogr_subtypes", ())) if sub == "OFSTJSON"
    }
    # nested Arrow types (GDAL lists: IntegerList, StringList, ...) -> JSON text
    for i, fld in enumerate(table.schema):
        t = fld.type
        if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_struct(t) or pa.types.is_map(t):
            values = [_json_text(v) for v in table.column(i).to_pylist()]
            table = table.set_column(i, fld.name, pa.array(values, type=pa.string()))
    # every column copied out of GDAL's batches first: pandas keeps Arrow's buffers where it can
    # (strings, numbers without nulls), and one kept column held its whole batch alive, the WKB
    # of every geometry included (issue 9: ~20 MB for 10,000 lines of 125 vertices, ~60 MB for
    # 1M points). ``combine_chunks`` copies only columns of several chunks.
    if table.num_columns:  # (a table of no attributes keeps its row count as it is)
        table = pa.table([pa.concat_arrays(c.chunks) if c.num_chunks else pa.array([], type=c.type)
                          for c in table.columns], schema=table.schema)
    frame = table.to_pandas()
    for col in json_cols & set(frame.columns):
        # GDAL's JSON text ("{ \"k\": [ 1, 2 ] }") re-dumped so all nested values read alike
        frame[col] = frame[col].map(_compact_json)
    for dtype, col in zip(meta.get("dtypes", ()), meta.get("fields", ())):
        if dtype and str(dtype).startswith("datetime") and dtype != "datetime64[D]" and col in frame:
            frame[col] = _parse_datetimes(frame[col])
    return frame, wkb, deep


def _parse_datetimes(s: pd.Series) -> pd.Series:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for kwargs in ({}, {"utc": True}):  # mixed UTC offsets only parse as UTC
            try:
                return pd.to_datetime(s, format="ISO8601", **kwargs)
            except (ValueError, TypeError):
                continue
    return s


def _read_gdal(
    source: str,
    p: Path,
    report: LoadReport,
    layer: str | int | None,
    options: dict,
    encoding: str | None,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
    compact: bool = False,
) -> tuple[pd.DataFrame, np.ndarray | _Coords | None, str | None, str | None]:
    import pyarrow as pa

    kwargs: dict = dict(options)
    if encoding:
        kwargs["encoding"] = encoding
    total = None
    try:
        if progress is not None and p.suffix.lower() in (".gpkg", ".fgb", ".shp"):
            # these drivers know their feature count without a scan
            total = int(pyogrio.read_info(source, layer=layer)["features"]) or None
        with warnings.catch_warnings(record=True) as gdal_warnings:
            warnings.simplefilter("always")
            with pyogrio.open_arrow(
                source, layer=layer, batch_size=_BATCH, use_pyarrow=True, datetime_as_string=True, **kwargs
            ) as (meta, reader):
                n_fields = len(meta.get("fields", ()))
                if n_fields > MAX_FIELDS:
                    raise _TooBig(Message("has {n:,} attributes, more than the {max:,} the Atlas reads "
                                          "(a file whose features each have their own property names?)",
                                          n=n_fields, max=MAX_FIELDS))
                batches = []
                done = 0
                held = 0
                budget = memory_budget()
                for batch in reader:
                    batches.append(batch)
                    done += batch.num_rows
                    held += batch.nbytes
                    if budget is not None and estimated_memory(done, held) > budget:
                        raise _TooBig(Message("would need about {need} of memory or more "
                                              "({done:,} features read so far) and {free} is free; close other "
                                              "programs, or keep the features and attributes you need (e.g. ogr2ogr "
                                              "-spat/-select) and open that",
                                              need=_size(estimated_memory(done, held)), done=done, free=_size(budget)))
                    if done * max(n_fields, 1) > MAX_VALUES:
                        raise _TooBig(Message("holds more than {max:,} attribute values ({done:,} features x "
                                              "{n:,} attributes read so far); keep the attributes you need "
                                              "(e.g. ogr2ogr -select) and open that",
                                              max=MAX_VALUES, done=done, n=n_fields))
                    if cancelled is not None and cancelled():
                        raise LoadCancelled(f"{p}: loading cancelled")
                    if progress is not None:
                        progress(done, total)
                table = pa.Table.from_batches(batches, schema=reader.schema)
    except LoadCancelled:
        raise
    except _TooBig as exc:
        raise LayerLoadError(p, exc.args[0], layer=layer if isinstance(layer, str) else None) from None
    except UnicodeDecodeError:  # attribute *names* GDAL could not decode
        raise LayerLoadError.of(p, "its attribute names are not valid UTF-8: the file's encoding may be wrong "
                                   "(choose it: --encoding, or Add layer > options)",
                                layer=layer if isinstance(layer, str) else None) from None
    except (IndexError, KeyError):  # pyogrio on a header that does not match the contents
        raise LayerLoadError.of(p, "is damaged: its header does not match its contents",
                                layer=layer if isinstance(layer, str) else None) from None
    except Exception as exc:  # GDAL and Arrow raise several types; all mean "cannot read"
        raise LayerLoadError(p, _gdal_reason(exc), layer=layer if isinstance(layer, str) else None) from None
    try:
        frame, wkb, deep = _arrow_to_frame(table, meta, report, compact)
    except UnicodeDecodeError:
        raise LayerLoadError.of(p, "text is not UTF-8; choose its encoding") from None
    except pa.ArrowException:
        # GDAL's Arrow stream of some files cannot be converted (a FlatGeobuf without a spatial
        # index holding null geometries: "Unknown error: Wrapping"); its feature reader can
        frame, wkb, deep = _read_without_arrow(source, p, layer, kwargs)
    # what GDAL said while reading (e.g. "3002 columns detected. Limiting to 2000"): the user's to know
    said = dict.fromkeys(_plain_gdal(str(w.message).strip().splitlines()[0]) for w in gdal_warnings if str(w.message).strip())
    report.warnings.extend(f"GDAL: {m}" for m in list(said)[:3])
    return frame, wkb, meta.get("crs"), _driver_name(source, p), deep


def _read_without_arrow(source: str, p: Path, layer, kwargs: dict):
    """Attributes and WKB of a layer through GDAL's feature-by-feature reader (see the caller)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gdf = pyogrio.read_dataframe(source, layer=layer, use_arrow=False, datetime_as_string=True, **kwargs)
    except Exception as exc:  # GDAL raises several types; all mean "cannot read"
        raise LayerLoadError(p, _gdal_reason(exc), layer=layer if isinstance(layer, str) else None) from None
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    wkb = np.array([None if g is None else shapely.to_wkb(g) for g in geoms], dtype=object)
    frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    return frame, wkb, np.empty(0, dtype=np.int64)


def _plain_gdal(text: str) -> str:
    """GDAL's words for what it did, in the user's terms where we know them."""
    if text.startswith("Non closed ring detected"):
        return "some polygon rings were not closed; they were closed"
    return _bounded(text)  # GDAL quotes file text: a 200,000-deep GPX gave a 1 MB line


def _decode_geometries(wkb: np.ndarray, report: LoadReport) -> np.ndarray:
    """WKB to shapely; unclosed rings closed, undecodable geometries kept as null (counted)."""
    # in chunks: from_wkb holds the GIL, and a GUI thread waiting on it must get a turn
    # (0.25 s in one call for 400,000 points; issue 4 "the window keeps repainting")
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "invalid value encountered": NaN coordinates, reported later
        chunks = [shapely.from_wkb(wkb[i : i + _BATCH * 2], on_invalid="ignore") for i in range(0, len(wkb), _BATCH * 2)]
    geoms = np.concatenate(chunks) if len(chunks) > 1 else (chunks[0] if chunks else np.empty(0, dtype=object))
    missing = shapely.is_missing(geoms)
    if not missing.any():
        return geoms
    broken = np.flatnonzero(missing & np.array([w is not None for w in wkb], dtype=bool))
    if broken.size:
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # NaN coordinates: reported by read_frame
            fixed = shapely.from_wkb(wkb[broken], on_invalid="fix")
        ok = ~shapely.is_missing(fixed)
        geoms[broken[ok]] = fixed[ok]
        if ok.any():
            report.repaired += int(ok.sum())
            report.notes.append(Message("{n} unclosed rings closed", n=int(ok.sum())))
        if (~ok).any():
            report.notes.append(Message("{n} geometries unreadable (too few points), kept without geometry",
                                        n=int((~ok).sum())))
    return geoms


def read_frame(
    path: str | Path,
    layer: str | int | None = None,
    *,
    encoding: str | None = None,
    crs: str | int | CRS | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    compact: bool = False,
) -> tuple[gpd.GeoDataFrame | PointTable, LoadReport]:
    """Read a vector file into a GeoDataFrame in EPSG:4326, with a load report.

    Parameters
    ----------
    path : str or Path
        Any vector format GDAL reads, or GeoParquet; ``"file.gpkg|layername=NAME"`` selects a layer.
    layer : str or int, optional
        Layer of a multi-layer source (GeoPackage); default the first (the report notes the others).
    encoding : str, optional
        Text encoding of the attributes (Python codec name, e.g. ``"cp874"``); default detected.
    crs : str, int or pyproj.CRS, optional
        CRS of the coordinates when the file names none or names a wrong one (e.g. ``"EPSG:32647"``);
        it overrides the file's.
    progress : callable, optional
        ``progress(features_read, total)`` after each batch (total None when unknown).
    cancelled : callable, optional
        Polled after each batch; when it returns True, :class:`LoadCancelled` is raised.
    compact : bool
        Return a layer of at least :data:`COMPACT_POINTS_MIN` plain 2D points (read through GDAL)
        as a :class:`~asean_atlas.layers.layer.PointTable` (coordinate arrays, no shapely
        geometries), after the same checks, warnings and transformation (issue 9).

    Returns
    -------
    frame : GeoDataFrame or PointTable
        CRS EPSG:4326 (degrees, lon/lat); geometries repaired; null geometries kept.
    report : LoadReport

    Raises
    ------
    LayerLoadError
        File missing, empty or unreadable, undecodable text, no geometry, or a CRS that cannot be
        transformed.
    CRSNeededError
        Coordinates are not degrees and the file names no CRS for them (give ``crs``).
    LoadCancelled
        ``cancelled()`` returned True.
    """
    src, named_layer = split_source(path)
    layer = layer if layer is not None else named_layer
    p = Path(src)
    if not p.exists():
        raise LayerLoadError.of(p, "file not found")
    if not (p.is_file() or p.is_dir()):
        # a named pipe would block the read for ever, /dev/zero never end (issue 8)
        raise LayerLoadError.of(p, "is not a regular file (a pipe, a device or a socket)")
    if p.is_file() and p.stat().st_size == 0:
        raise LayerLoadError.of(p, "the file is empty (0 bytes)")
    if p.is_dir() and p.suffix.lower() in _TEXT_SUFFIXES | _PARQUET_SUFFIXES | {".zip", ".kml", ".fgb", ".gpkg"}:
        raise LayerLoadError.of(p, "is a folder, not a file")
    _check_file(p)
    if p.is_file() and _BLOCKED_PRESENT:
        with open(p, "rb") as f:
            sample = f.read(8192).lower()
        if any(sig in sample for sig in _INDIRECT_SIGNATURES):
            raise LayerLoadError.of(p, "refers to other files or to the network (a GDAL VRT, GDALG or web-service "
                                       "description), which the Atlas does not follow")
    if p.suffix.lower() in _TEXT_SUFFIXES and p.is_file():
        with open(p, "rb") as f:
            head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
            raise LayerLoadError.of(p, "is a web page (HTML), not a data file: it was probably saved from a "
                                       "browser or is an error page; download the file itself")
    report = LoadReport(source=str(path))
    suffix = p.suffix.lower()

    if suffix in _PARQUET_SUFFIXES:
        frame, wkb, deep = _read_parquet(p), None, np.empty(0, dtype=np.int64)
        file_crs = frame.crs
        report.driver = "GeoParquet"
    else:
        frame, wkb, file_crs, deep = _read_ogr(p, layer, encoding, report, progress, cancelled, compact)

    geom_name = "geometry"
    if geom_name in frame.columns and wkb is not None:
        frame = frame.rename(columns={geom_name: "geometry_attribute"})
        report.notes.append(Message("attribute 'geometry' renamed 'geometry_attribute'"))
    if isinstance(wkb, _Coords):
        frame = _stringify_nested(_unique_columns(frame, report))
        report.features_read = len(frame)
        return _finish_points(p, frame, wkb.lon, wkb.lat, file_crs, crs, report), report
    if wkb is not None:
        geoms = _decode_geometries(wkb, report)
        wkb = None  # GDAL's WKB buffers go now, not at the end of the read (issue 9, peak memory)
    else:
        geoms = np.asarray(frame.geometry.values, dtype=object)
        frame = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    frame = _unique_columns(frame, report)
    frame = _stringify_nested(frame)
    report.features_read = len(frame)

    no_geometry = np.setdiff1d(np.flatnonzero(shapely.is_missing(geoms) | shapely.is_empty(geoms)), deep)
    if no_geometry.size:  # null, empty, or coordinates GDAL could not read (a NaN point reads as empty)
        report.warnings.append(Message(
            "{features} without geometry (null, empty, or coordinates that are not "
            "numbers), kept with their attributes, not drawn: {named}",
            features=_features(no_geometry.size), named=_named(frame, no_geometry)))
    geoms = _drop_rows(geoms, np.union1d(deep, deep_collections(geoms)).astype(np.int64), frame, report,
                       Message("geometry collections nested more than {n} deep", n=MAX_COLLECTION_DEPTH))
    geoms = _drop_rows(geoms, _non_finite_rows(geoms), frame, report,
                       Message("coordinates that are not numbers (NaN or Infinity)"))
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    bounds = shapely.total_bounds(geoms[present]) if present.any() else None
    if report.driver == "CSV" and bounds is not None:
        geoms, bounds = _unswap_lat_lon(geoms, bounds, report)

    held = [geoms]

    def check_lonlat(crs_error) -> None:
        held[0] = _check_lonlat(p, held[0], frame, report, crs_error)

    def check_degrees(source_crs: CRS) -> None:
        held[0] = _check_projected_over_degrees(p, held[0], source_crs, report, frame)

    source_crs = _source_crs(p, crs, file_crs, report, check_lonlat, check_degrees)
    geoms = held[0]
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=source_crs, index=frame.index))
    if not _is_wgs84_lonlat(source_crs):
        try:
            gdf = gdf.to_crs(4326)
        except Exception as exc:
            why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise LayerLoadError.of(p, "cannot transform from {crs}: {why}", crs=report.source_crs, why=why) from None
        report.transformed = True
        geoms = np.asarray(gdf.geometry.values, dtype=object)
        off_earth = lambda b: CRSNeededError.of(  # noqa: E731
            p, "coordinates do not fall on the Earth when read as {crs}; choose the right CRS", crs=report.source_crs
        )
        present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        bad = _non_finite_rows(geoms)
        if present.any() and bad.size == int(present.sum()):
            raise off_earth(None)
        geoms = _drop_rows(geoms, bad, frame, report,
                           Message("coordinates that do not fall on the Earth in {crs}", crs=report.source_crs))
        geoms = _check_lonlat(p, geoms, frame, report, off_earth)
        gdf = gdf.set_geometry(gpd.GeoSeries(geoms, crs=4326, index=gdf.index))
    else:
        gdf = gdf.set_crs(4326, allow_override=True)

    geoms = np.asarray(gdf.geometry.values, dtype=object)
    geoms = _wrap_longitudes(geoms, report, frame)
    geoms, n_split = split_antimeridian(geoms)
    report.antimeridian_split = n_split
    missing = shapely.is_missing(geoms)
    report.z_features = int(shapely.has_z(geoms[~missing]).sum()) if (~missing).any() else 0
    before = geoms
    geoms, repaired, dropped, unrepaired = repair_geometries(geoms, cancelled)
    if unrepaired:
        with np.errstate(invalid="ignore"):
            rows = np.flatnonzero(~shapely.is_missing(geoms) & ~shapely.is_valid(geoms))
        report.unrepaired = unrepaired
        report.warnings.append(Message(
            "{features} with invalid geometry (e.g. self-intersecting) not repaired, drawn as read: "
            "repairing would pass the budget (over {crossings:,} self-intersections, "
            "{seconds:g} s or {gb:g} GB); fills and areas may be wrong: {named}",
            features=_features(unrepaired), crossings=REPAIR_MAX_CROSSINGS, seconds=_geometry.REPAIR_BUDGET_SECONDS,
            gb=_geometry.REPAIR_BUDGET_BYTES / 1e9, named=_named(frame, rows)))
    report.repaired += repaired
    if repaired:  # a repair that took a dimension away (a polygon of two points became a line) is said
        both = ~shapely.is_missing(before) & ~shapely.is_missing(geoms)
        with np.errstate(invalid="ignore"):
            lost = np.flatnonzero(both & (shapely.get_dimensions(geoms) < shapely.get_dimensions(before)))
        if lost.size:
            report.warnings.append(Message("{features} whose polygon collapsed to a line or a point when repaired "
                                           "(too few distinct points for an area): {named}",
                                           features=_features(lost.size), named=_named(frame, lost)))
    if dropped:
        rows = np.flatnonzero(shapely.is_missing(geoms) & ~shapely.is_missing(before))
        report.warnings.append(Message("{features} not drawn, invalid geometry GEOS could not repair: {named}",
                                       features=_features(dropped), named=_named(frame, rows)))
    missing = shapely.is_missing(geoms)
    report.null_geometries = int(missing.sum() + (~missing & shapely.is_empty(geoms)).sum()) - report.dropped
    gdf = gdf.set_geometry(gpd.GeoSeries(geoms, crs=4326, index=gdf.index))
    if report.z_features:
        report.notes.append(Message("Z values kept in the data ({n} features), drawn in 2D", n=report.z_features))
    if len(gdf) == 0:
        report.notes.append(Message("no features (an empty layer)"))
    return gdf, report


def _read_ogr(p, layer, encoding, report, progress, cancelled, compact=False):
    with _gdal_safe_name(p) as q:
        return _read_ogr_as(p, q, layer, encoding, report, progress, cancelled, compact)


def _read_ogr_as(p, q, layer, encoding, report, progress, cancelled, compact=False):
    """Read ``p`` (named in messages) through ``q``, the path GDAL opens (:func:`_gdal_safe_name`)."""
    suffix = p.suffix.lower()
    source = _gdal_path(q)
    options = dict(_CSV_OPTIONS) if suffix in (".csv", ".tsv") else {}
    if suffix in (".geojson", ".json"):
        # dates as the file writes them: GDAL would turn "2020-02-30" into 2020-03-01 and times with
        # an offset into UTC without saying so (issue 8: the map shows what the file says); the
        # time filter parses the text itself (layers/temporal.py)
        options["DATE_AS_STRING"] = "YES"
    if suffix in SINGLE_LAYER_SUFFIXES and layer is None:
        # one layer by definition; listing would make GDAL parse a big GeoJSON twice (+25 % time)
        names = [p.stem]
    else:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                layers = pyogrio.list_layers(source)
        except Exception as exc:  # GDAL raises several types; all mean "cannot open"
            raise LayerLoadError(p, _gdal_reason(exc)) from None
        if len(layers) == 0:
            raise LayerLoadError.of(p, "contains no layers")
        names = [str(n) for n in layers[:, 0]]
    if isinstance(layer, str) and layer not in names:
        raise LayerLoadError.of(p, "has no layer {name}; its layers are: {names}", layer=layer,
                                name=repr(layer), names=tuple(names))
    if layer is None and len(names) > 1:
        layer = names[0]
        report.notes.append(Message("{n} layers in the file ({names}), read {name}", n=len(names),
                                    names=tuple(names), name=repr(layer)))
    report.layer_name = layer if isinstance(layer, str) else None

    gdal_encoding = None
    tmpdir = None
    try:
        if suffix in _TEXT_SUFFIXES:
            try:
                guess = detect_encoding(p, encoding)
            except (UnicodeError, LookupError) as exc:
                raise LayerLoadError.of(p, "text encoding: {why}", why=exc.args[0] if exc.args and isinstance(exc.args[0], Message) else str(exc)) from None
            report.encoding = guess.label
            if guess.confidence:  # the detected code page and how sure (issue 13 item 4)
                report.notes.append(guess.confidence)
            if guess.needs_transcoding:
                try:
                    data = transcode_to_utf8(p, guess.codec)
                except UnicodeDecodeError as exc:
                    raise LayerLoadError.of(p, "text is not {codec}: {why}", codec=guess.codec, why=exc.reason) from None
                tmpdir = tempfile.TemporaryDirectory(prefix="atlas-load-")
                tmp = Path(tmpdir.name) / ("layer" + p.suffix)
                tmp.write_bytes(data)
                source = _gdal_path(tmp)
        elif suffix == ".shp" or source.lower().endswith(".shp"):
            guess = None
            if encoding is not None:
                gdal_encoding = encoding
                report.encoding = Message("{encoding} (chosen)", encoding=encoding)
            else:
                try:
                    guess = _dbf_encoding(q, source)
                except Exception:  # best effort: a broken archive or table is GDAL's to report below
                    guess = None
                if guess is not None:
                    gdal_encoding = guess.codec
                    report.encoding = guess.label
        if suffix in (".csv", ".tsv"):
            _check_csv_header(Path(source), p)
        try:
            if suffix in {".geojson", ".json", ".geojsonl", ".geojsons"} | _SEQ_SUFFIXES and _many_property_names(Path(source)):
                # GDAL's schema scan grows as features x distinct names: 20,000 features each with
                # 20 of 1,000 names took over 120 s, uncancellable (issue 16); Python's reader is linear
                raise LayerLoadError.of(p, "many distinct property names (read with Python's JSON reader)")
            frame, wkb, file_crs, driver, deep = _read_gdal(source, p, report, layer, options, gdal_encoding, progress,
                                                            cancelled, compact)
            _release_memory()  # GDAL's Arrow batches, before the geometries are decoded (issue 9)
        except LayerLoadError as exc:
            if suffix not in {".geojson", ".json", ".geojsonl", ".geojsons"} | _SEQ_SUFFIXES \
                    or not _JSON_LIMITS.search(exc.reason):
                raise
            frame, wkb, file_crs, driver, deep = _read_geojson_python(Path(source), p, report, exc.reason)
    finally:
        if tmpdir is not None:
            tmpdir.cleanup()
    report.driver = driver or None
    if wkb is None:
        if suffix in (".csv", ".tsv"):
            raise LayerLoadError.of(p, "has no geometry (for CSV: no lon/lat or WKT column found among: {columns})",
                                    columns=tuple(map(str, frame.columns)))
        raise LayerLoadError.of(p, "has no geometry")
    if suffix == ".shp" and source == str(q):
        frame, wkb, deep = _recover_short_dbf(p, q, frame, wkb, deep, report)
    if suffix in {".geojsonl", ".geojsons"} | _SEQ_SUFFIXES:
        _check_sequence(q, len(frame), report)
    if suffix in (".kml", ".gpx"):
        _check_xml_numbers(q, suffix, report)
    return frame, wkb, file_crs, deep


#: Bytes of a text file scanned for the checks below (a sample of a bigger file).
_SCAN_BYTES = 64 * 2**20


def _check_sequence(path: Path, n_read: int, report: LoadReport) -> None:
    """Warn of lines of a GeoJSON sequence that GDAL skipped without a word (not JSON, or not a
    Feature): their count and the first line numbers (issue 16)."""
    bad, records = [], 0
    try:
        with open(path, "rb") as f:
            for number, line in enumerate(f, 1):
                text = line.strip().strip(b"\x1e").strip()
                if not text:
                    continue
                records += 1
                if len(bad) < _NAMED:
                    try:
                        obj = json.loads(text)
                        ok = isinstance(obj, dict) and obj.get("type") in ("Feature", "FeatureCollection") \
                            or isinstance(obj, dict) and "coordinates" in obj
                    except (ValueError, RecursionError):
                        ok = False
                    if not ok:
                        bad.append(number)
                if f.tell() > _SCAN_BYTES:
                    return
    except OSError:
        return
    if records > n_read:
        report.warnings.append(Message(
            "{n} of its {total} lines are not GeoJSON features (not JSON, or cut short) and were skipped: line {lines}"
            if bad else "{n} of its {total} lines are not GeoJSON features (not JSON, or cut short) and were skipped",
            n=records - n_read, total=records, lines=tuple(map(str, bad))))


_XML_COORDS = re.compile(rb"<(?:\w+:)?(?:coordinates|coord)\b[^>]*>(.*?)</(?:\w+:)?(?:coordinates|coord)\s*>",
                         re.I | re.S)
_XML_LATLON = re.compile(rb"""\b(?:lat|lon)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_XML_NOISE = re.compile(rb"<!--.*?-->|<!\[CDATA\[|\]\]>", re.S)
_NUMBER = re.compile(rb"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def _check_xml_numbers(path: Path, suffix: str, report: LoadReport) -> None:
    """Warn of KML ``<coordinates>`` or GPX ``lat``/``lon`` values that are not numbers: GDAL reads
    ``2l.0`` as 2 and ``abc`` as 0 and draws the feature there (issue 16)."""
    try:
        with open(path, "rb") as f:
            data = f.read(_SCAN_BYTES)
    except OSError:
        return
    bad = []
    if suffix == ".kml":
        for m in _XML_COORDS.finditer(data):
            for token in re.split(rb"[\s,]+", _XML_NOISE.sub(b" ", m.group(1)).strip()):
                if token and not _NUMBER.match(token):
                    bad.append(token)
    else:
        values = [a or b for a, b in _XML_LATLON.findall(data)]
        bad = [v for v in values if not _NUMBER.match(v.strip())]
    if bad:
        shown = tuple(repr(b.decode("utf-8", "replace")[:20]) for b in bad[:_NAMED])
        values = Message("1 coordinate value that is not a number" if len(bad) == 1
                         else "{n} coordinate values that are not numbers", n=len(bad))
        report.warnings.append(Message("{values} ({shown}): GDAL reads them leniently (as the number they start "
                                       "with, or 0), so those features may be drawn in the wrong place",
                                       values=values, shown=shown))


def _sidecar(shp: Path, suffix: str) -> Path | None:
    """A Shapefile's companion file (``.dbf``, ``.shx``, ``.cpg``...) in lower or upper case, or
    None when it is not there."""
    return next((f for f in (shp.with_suffix(suffix), shp.with_suffix(suffix.upper())) if f.exists()), None)


def _shx_count(shp: Path) -> int | None:
    """Shapes a Shapefile holds by its ``.shx`` index (100-byte header, then 8 bytes a record)."""
    shx = _sidecar(shp, ".shx")
    if shx is None:
        return None
    size = shx.stat().st_size
    return (size - 100) // 8 if size >= 100 else None


def _dbf_records(dbf: Path) -> int | None:
    """Records a ``.dbf`` holds: its header's count, or fewer when the file is shorter; None when
    the header itself is missing or damaged."""
    try:
        size = dbf.stat().st_size
        with open(dbf, "rb") as f:
            head = f.read(32)
    except OSError:
        return None
    if len(head) < 32:
        return None
    count = int.from_bytes(head[4:8], "little")
    header, record = int.from_bytes(head[8:10], "little"), int.from_bytes(head[10:12], "little")
    if header < 33 or record < 1 or header > size:
        return None
    return min(count, (size - header) // record)


def _dbf_layout(dbf: Path, records: int) -> tuple[int | None, int, int]:
    """(sum of the field lengths from the ``.dbf``'s field descriptors, or None when they cannot
    be read; the record length its header gives, bytes; the number of records flagged deleted,
    ``*``, among the first 100,000)."""
    try:
        with open(dbf, "rb") as f:
            head = f.read(32)
            header, record = int.from_bytes(head[8:10], "little"), int.from_bytes(head[10:12], "little")
            descriptors = f.read(max(header - 32, 0))
            total = None
            running = 0
            for i in range(0, len(descriptors), 32):
                if descriptors[i] == 0x0D:  # the end of the field descriptors
                    total = running
                    break
                if i + 32 > len(descriptors):
                    break
                running += descriptors[i + 16]
            f.seek(header)
            n = min(records, 100_000)
            body = f.read(n * record) if record else b""
    except OSError:
        return None, 0, 0
    flags = body[0 : n * record : record] if record else b""
    return total, record, flags.count(b"*")


def _check_dbf(q: Path, frame: pd.DataFrame, shapes: int | None, report: LoadReport) -> None:
    """Warn of a Shapefile whose attribute table is missing or damaged (features come without
    attributes), or whose ``.shx`` index lists fewer shapes than the table has records (shapes
    past the index are not read; issue 16)."""
    dbf = _sidecar(q, ".dbf")
    if dbf is None:
        report.warnings.append(Message("has no .dbf (its attribute table): the features are loaded without attributes"))
        return
    records = _dbf_records(dbf)
    if records is None:
        report.warnings.append(Message("its .dbf (attribute table) is empty or damaged: the features are loaded "
                                       "without attributes"))
        return
    fields_length, record_length, deleted = _dbf_layout(dbf, records)
    if fields_length is not None and fields_length + 1 != record_length:
        report.warnings.append(Message("its .dbf (attribute table) says each record is {record} bytes but its "
                                       "fields add up to {fields}: the attributes may be garbled",
                                       record=record_length, fields=fields_length + 1))
    if deleted:
        report.warnings.append(
            Message("its .dbf marks 1 record as deleted: that feature is not loaded (as GDAL and QGIS do)")
            if deleted == 1 else
            Message("its .dbf marks {n} records as deleted: those features are not loaded (as GDAL and QGIS do)",
                    n=deleted))
    if shapes is not None and shapes < records and len(frame) <= shapes:
        report.warnings.append(Message(
            "its .shx (the index of its shapes) lists {shapes} shapes but its .dbf holds {records} records: "
            "{missing} features may be missing (the .shx cut short?); GDAL can rebuild the index: "
            "ogr2ogr -oo SHAPE_RESTORE_SHX=YES", shapes=shapes, records=records, missing=records - shapes))


def _recover_short_dbf(p: Path, q: Path, frame: pd.DataFrame, wkb: np.ndarray, deep: np.ndarray,
                       report: LoadReport) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """A Shapefile whose ``.dbf`` (its attribute table) holds fewer records than its ``.shp``
    holds shapes -- a table cut short in a copy or a download: GDAL reads as many features as the
    table has rows and says nothing (0 or 5 of 50, issue 16). The shapes are read again without the
    table, the features past its end are kept without attributes, and the report says so."""
    shapes = _shx_count(q)
    _check_dbf(q, frame, shapes, report)
    if shapes is None or shapes <= len(frame):
        return frame, wkb, deep
    dbf = _sidecar(q, ".dbf")
    records = _dbf_records(dbf) if dbf is not None else None
    if records is not None and records >= shapes:  # the table is whole: deleted records were skipped
        return frame, wkb, deep
    with tempfile.TemporaryDirectory(prefix="atlas-shp-") as tmp:
        for f in q.resolve().parent.iterdir():
            stem = q.name[: -len(q.suffix)]
            if f.name.startswith(stem + ".") and f.suffix.lower() in (".shp", ".shx", ".prj"):
                (Path(tmp) / ("layer" + f.suffix.lower())).symlink_to(f.resolve())
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                geo = pyogrio.read_arrow(str(Path(tmp) / "layer.shp"))[1]
        except Exception:  # the shapes cannot be read alone either: report the shortfall only
            geo = None
    if geo is None or geo.num_rows <= len(frame):
        report.warnings.append(Message("its .dbf (attribute table) holds {records} records but its .shx indexes "
                                       "{shapes} shapes: {missing} features not loaded (the .dbf is cut short?)",
                                       records=len(frame), shapes=shapes, missing=shapes - len(frame)))
        return frame, wkb, deep
    all_wkb = geo.column(geo.num_columns - 1).to_numpy(zero_copy_only=False)
    missing = len(all_wkb) - len(frame)
    report.warnings.append(Message(
        "its .dbf (attribute table) ends after {records} of {total} records (the file is cut short?): "
        "{features} loaded without attributes", records=len(frame), total=len(all_wkb), features=_features(missing)))
    frame = frame.reindex(range(len(all_wkb))).reset_index(drop=True)
    return frame, all_wkb, _too_deep_wkb(geo.column(geo.num_columns - 1), all_wkb)


#: GDAL's GeoJSON reader refusals that are limits of its JSON parser, not faults of the file: a
#: string or number token over 10 million characters, a number below the smallest double
#: (``1e-400``). Such files are read again with Python's :mod:`json` (issue 16).
_JSON_LIMITS = re.compile(r"Too many characters|Unrecognized number|value too long|many distinct property names")
#: Distinct JSON member names in a GeoJSON above which it is read by Python's reader
#: (:func:`_many_property_names`).
MANY_NAMES = 300
_NAMES_CHUNK = 2**20
_NAME = re.compile(rb'"([^"\\]{1,200})"\s*:')


def _many_property_names(path: Path) -> bool:
    """Whether a GeoJSON (or GeoJSON sequence) of at most :data:`PYTHON_JSON_MAX_BYTES` holds more
    than :data:`MANY_NAMES` distinct member names (a file whose features each have their own
    property names). Read in 1 MB chunks, one ``findall`` each (about 0.5 s per 50 MB), with the
    GIL handed back between chunks so a window loading in the background stays live; bigger
    files are left to GDAL."""
    import time

    try:
        if path.stat().st_size > PYTHON_JSON_MAX_BYTES:
            return False
        names: set[bytes] = set()
        with open(path, "rb") as f:
            tail = b""
            while True:
                chunk = f.read(_NAMES_CHUNK)
                if not chunk:
                    return False
                text = tail + chunk
                names.update(_NAME.findall(text))
                if len(names) > MANY_NAMES:
                    return True
                tail = text[-256:]
                time.sleep(0)  # let the GUI thread have the interpreter
    except OSError:
        return False


#: Largest GeoJSON read by that fallback (Python's objects take ~10 times the file's size).
PYTHON_JSON_MAX_BYTES = 200_000_000


def _read_geojson_python(path: Path, p: Path, report: LoadReport, gdal_said: str):
    """Read a GeoJSON that GDAL's parser refused for one of its limits (:data:`_JSON_LIMITS`) with
    Python's :mod:`json`; geometries through GEOS's GeoJSON reader (``shapely.from_geojson``),
    attributes as a DataFrame. Numbers beyond a double's range are reported (``1e-400`` reads as
    0, ``1e400`` as infinity). Returns what :func:`_read_gdal` returns."""
    if path.stat().st_size > PYTHON_JSON_MAX_BYTES:
        raise LayerLoadError(p, gdal_said)
    odd_numbers: list[str] = []

    def parse_float(text: str) -> float:
        value = float(text)
        mantissa = re.split("[eE]", text)[0]
        if (value == 0 and any(c in "123456789" for c in mantissa)) or not np.isfinite(value):
            odd_numbers.append(text)
        return value

    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8-sig")
        if p.suffix.lower() in {".geojsonl", ".geojsons"} | _SEQ_SUFFIXES:  # one feature a line
            feats = []
            for line in text.splitlines():
                line = line.strip().strip("\x1e").strip()
                if line:
                    try:
                        feats.append(json.loads(line, parse_float=parse_float))
                    except ValueError:
                        continue  # counted and reported by _check_sequence
            data = {"type": "FeatureCollection", "features": feats}
        else:
            data = json.loads(text, parse_float=parse_float)
    except RecursionError:
        raise LayerLoadError.of(p, "is nested too deeply for a JSON reader") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise LayerLoadError.of(p, "could not be read: {detail}", detail=str(exc).splitlines()[0][:200]) from None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection" and isinstance(data.get("features"), list):
        features = data["features"]
    elif isinstance(data, dict) and data.get("type") == "Feature":
        features = [data]
    elif isinstance(data, dict) and isinstance(data.get("type"), str) and "coordinates" in data or "geometries" in data:
        features = [{"type": "Feature", "properties": {}, "geometry": data}]
    else:
        raise LayerLoadError.of(p, "is not GeoJSON (no FeatureCollection, Feature or geometry at its top level)")
    features = [f if isinstance(f, dict) else {} for f in features]
    rows = [f.get("properties") if isinstance(f.get("properties"), dict) else {} for f in features]
    names = dict.fromkeys(k for r in rows for k in r)
    if len(names) > MAX_FIELDS:
        raise LayerLoadError.of(p, "has {n:,} attributes, more than the {max:,} the Atlas reads",
                                n=len(names), max=MAX_FIELDS)
    if len(names) * len(rows) > MAX_VALUES:
        raise LayerLoadError.of(p, "holds more than {max:,} attribute values", max=MAX_VALUES)
    frame = pd.DataFrame.from_records(rows, columns=list(names)) if rows else pd.DataFrame()
    texts = np.array([json.dumps(f.get("geometry")) if isinstance(f.get("geometry"), dict) else None
                      for f in features], dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        geoms = shapely.from_geojson(texts, on_invalid="ignore")  # coordinates that are not numbers: None
    wkb = np.array([None if g is None else shapely.to_wkb(g) for g in geoms], dtype=object)
    crs_name = (data.get("crs") or {}).get("properties", {}).get("name") if isinstance(data.get("crs"), dict) else None
    if "many distinct property names" in gdal_said:
        report.notes.append(Message("read with Python's JSON reader: more than {n} distinct property names "
                                    "(GDAL's reader slows down with each one)", n=MANY_NAMES))
    else:
        report.notes.append(Message("read with Python's JSON reader: GDAL's stops at values over 10 million "
                                    "characters and at numbers beyond the range of a double"))
    if odd_numbers:
        report.warnings.append(Message(
            "1 number beyond the range of a double (e.g. {example}) read as 0 or infinity" if len(odd_numbers) == 1
            else "{n} numbers beyond the range of a double (e.g. {example}) read as 0 or infinity",
            n=len(odd_numbers), example=odd_numbers[0][:40]))
    return frame, wkb, crs_name or "EPSG:4326", "GeoJSON", np.empty(0, dtype=np.int64)


#: The first 16 bytes of every SQLite database (GeoPackage, SpatiaLite, plain SQLite).
SQLITE_MAGIC = b"SQLite format 3\x00"
#: ``PRAGMA application_id`` of GeoPackages (``GPKG``; ``GP10``/``GP11`` before version 1.2).
_GPKG_APPLICATION_IDS = {0x47504B47, 0x47503130, 0x47503131}
#: The one virtual table a GeoPackage may hold: its spatial index, as the standard (and GDAL)
#: creates it (``CREATE VIRTUAL TABLE "rtree_<table>_<column>" USING rtree(id, minx, maxx, miny,
#: maxy)``). Other modules run code when read: GDAL's ``VirtualOGR`` and SpatiaLite's
#: ``VirtualShape``/``VirtualText`` read any file named in the schema.
_SPATIAL_INDEX_SQL = re.compile(
    r"\s*CREATE\s+VIRTUAL\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:\"rtree_[^\"]*\"|rtree_\w+)\s+USING\s+rtree(?:_i32)?"
    r"\s*\(\s*id\s*,\s*minx\s*,\s*maxx\s*,\s*miny\s*,\s*maxy\s*\)\s*;?\s*", re.I)


def _is_sqlite(p: Path) -> bool:
    try:
        with open(p, "rb") as f:
            return f.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _check_sqlite(p: Path) -> None:
    """Refuse an SQLite database (whatever its name) that is not a GeoPackage, and a GeoPackage
    holding a view or a virtual table other than a spatial index. A view is a stored SQL query
    that GDAL runs when it opens the file (a 36 kB file's recursive query took all memory or never
    ended, issue 8); GDAL's SQLite driver (``VirtualOGR``) makes a table of *any other file* named
    in the schema, so a ``.sqlite`` file could pull the user's other layers into a map (session
    31). The schema is read with SQLite directly, read-only, running nothing from the file.

    Raises
    ------
    LayerLoadError
        The file is such a database (the message says what it holds and what to do).
    """
    import sqlite3
    from urllib.parse import quote

    uri = f"file:{quote(str(p.absolute()))}"
    try:
        con = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.Error:
            con.close()
            # unfinished changes beside it (a write-ahead log or a hot journal) that cannot be read
            # here would be what GDAL sees: not checked, not opened
            for extra in ("-wal", "-journal"):
                side = p.with_name(p.name + extra)
                if side.exists() and side.stat().st_size > 0:
                    raise LayerLoadError.of(p, "has unfinished changes beside it ({name}) that cannot be checked "
                                               "read-only; open it once in QGIS or SQLite to finish them",
                                            name=repr(side.name))
            con = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
        schema = con.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'table')").fetchall()
        # generated columns: computed by SQLite on every row GDAL reads (a 96 kB file's expression
        # took minutes a row, session 31); table_xinfo's "hidden" is 2 or 3 for them
        generated = [(name, col[1]) for kind, name, sql in schema
                     if kind == "table" and not re.match(r"\s*create\s+virtual\b", sql or "", re.I)
                     for col in con.execute('SELECT * FROM pragma_table_xinfo(?)', (name,)) if col[-1] in (2, 3)]
    except sqlite3.Error as exc:  # what cannot be checked is not opened
        raise LayerLoadError.of(p, "is an SQLite database that cannot be read: {detail}",
                                detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    finally:
        with contextlib.suppress(Exception):
            con.close()
    if app_id not in _GPKG_APPLICATION_IDS:  # GDAL's SQLite driver (with VirtualOGR) would open it
        raise LayerLoadError.of(p, "is an SQLite or SpatiaLite database, which the Atlas does not open (its "
                                   "tables can run stored SQL and read other files); save the layer as a "
                                   "GeoPackage (e.g. in QGIS or with ogr2ogr) and open that")
    if generated:
        raise LayerLoadError.of(p, "has a generated column {column} in {table} (SQL the database runs on every row "
                                   "read), which the Atlas does not run; save the layer without it (e.g. in QGIS or "
                                   "with ogr2ogr) and open that", table=repr(generated[0][0]), column=repr(generated[0][1]))
    for kind, name, sql in schema:
        if kind == "view":
            raise LayerLoadError.of(p, "holds a view (a stored SQL query), {name}, which the Atlas does not run; "
                                       "export the view as a table (e.g. in QGIS or with ogr2ogr) and open that",
                                    name=repr(name))
        if re.match(r"\s*create\s+virtual\s+table\b", sql or "", re.I) and not _SPATIAL_INDEX_SQL.fullmatch(sql):
            # only the GeoPackage spatial index, written exactly as the standard does (no comment,
            # no quoted name hiding "USING rtree"); its module as SQL names it, for the message
            module = re.findall(r"\busing\s+[\"'`\[]?(\w+)", sql, re.I)
            raise LayerLoadError.of(p, "holds a virtual table {name} (module {module}) that would read other files "
                                       "or run code; the Atlas opens GeoPackages of plain tables only",
                                    name=repr(name), module=repr(module[-1] if module else "?"))


def _check_sidecars(p: Path) -> None:
    """Refuse a file whose companions (``NAME.*`` beside it: a Shapefile's ``.shx``, ``.dbf``,
    ``.prj``, ``.cpg``...) include a named pipe, a device or a socket: GDAL would block reading
    one for ever (an archive can unpack a pipe named ``x.dbf``)."""
    stem = p.name[: -len(p.suffix)] if p.suffix else p.name
    name = _special_entry(p.absolute().parent,
                          lambda n: n != p.name and n.lower().startswith(stem.lower() + "."))
    if name is not None:
        raise LayerLoadError.of(p, "has a companion file {name} that is not a regular file (a pipe, a device "
                                   "or a socket), which would block reading it", name=repr(name))


def _special_entry(folder: Path, wanted=lambda name: True) -> str | None:
    """The name of the first entry of ``folder`` (among those ``wanted``) that is neither a
    regular file nor a folder (a pipe, a device, a socket), or None. A broken link is a missing
    file, which GDAL reports itself."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return None
    for e in entries:
        if wanted(e.name):
            try:
                ok = e.is_file() or e.is_dir() or (e.is_symlink() and not os.path.exists(e.path))
            except OSError:
                ok = False
            if not ok:
                return e.name
    return None


def _check_zip_members(p: Path) -> None:
    """Refuse a zip holding an SQLite database (GeoPackage...): its schema cannot be checked
    without unpacking it (see :func:`_check_sqlite`)."""
    import zipfile

    try:
        with zipfile.ZipFile(p) as zf:
            for info in zf.infolist():
                if info.is_dir() or info.file_size < 16:
                    continue
                with zf.open(info) as f:
                    if f.read(16) == SQLITE_MAGIC:
                        raise LayerLoadError.of(p, "holds a GeoPackage or SQLite database ({member}); unzip it and "
                                                   "open the file inside", member=repr(info.filename))
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError, NotImplementedError):
        return  # _check_zip or GDAL says what is wrong


def _check_folder(p: Path) -> None:
    """Refuse a folder (GDAL opens a folder of Shapefiles as one dataset) holding a named pipe, a
    device or a socket: reading it would block for ever."""
    name = _special_entry(p)
    if name is not None:
        raise LayerLoadError.of(p, "holds {name}, which is not a regular file (a pipe, a device or a socket) "
                                   "and would block reading the folder", name=repr(name))


def _check_file(p: Path) -> None:
    """The checks every local file gets before GDAL opens it: companions, SQLite contents, zips;
    a folder's files."""
    if p.is_dir():
        _check_folder(p)
    if p.is_file():
        _check_sidecars(p)
        if _is_sqlite(p):
            _check_sqlite(p)
        if p.suffix.lower() == ".zip":
            _check_zip(p)
            _check_zip_members(p)


def _check_parquet_wkb(p: Path) -> None:
    """Refuse a GeoParquet whose WKB geometries nest deeper than :data:`MAX_COLLECTION_DEPTH`,
    before geopandas hands them to GEOS (which crashed on ~20,000 levels, issue 8)."""
    import pyarrow.parquet as pq

    try:
        meta = json.loads((pq.read_schema(p).metadata or {}).get(b"geo", b"{}"))
        name = meta.get("primary_column", "geometry")
        if meta.get("columns", {}).get(name, {}).get("encoding", "WKB").upper() != "WKB":
            return
        column = pq.read_table(p, columns=[name]).column(0)
    except Exception:  # not readable here: read_parquet says why below
        return
    try:
        deep = _too_deep_wkb(column, column.to_numpy(zero_copy_only=False)).size
    except Exception:  # a geometry column Arrow cannot read as binary: read_parquet says why below
        return
    if deep:
        raise LayerLoadError.of(p, "holds geometry collections nested more than {n} deep; refused", n=MAX_COLLECTION_DEPTH)


def _check_csv_header(path: Path, p: Path) -> None:
    """Refuse a CSV that repeats a coordinate column name (``lon,lon,lat``): GDAL 3.12 crashes the
    whole process on it (SIGSEGV, found by the issue 8 fuzzing), and which column to take is
    anybody's guess anyway."""
    with open(path, "rb") as f:
        first = f.read(65536).split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
    for option in ("X_POSSIBLE_NAMES", "Y_POSSIBLE_NAMES", "GEOM_POSSIBLE_NAMES"):
        wanted = {n.lower() for n in _CSV_OPTIONS[option].split(",")}
        for sep in (",", ";", "\t", "|"):
            names = [n.strip().strip('"').lower() for n in first.split(sep)]
            twice = sorted({n for n in names if n in wanted and names.count(n) > 1})
            if twice:
                raise LayerLoadError.of(p, "has the column {name} more than once; rename one so the coordinates are "
                                           "unambiguous", name=repr(twice[0]))


def _read_parquet(p: Path) -> gpd.GeoDataFrame:
    _check_parquet_wkb(p)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # geopandas' warnings quote file text to stderr (issue 8)
            try:
                return gpd.read_parquet(p)
            except ValueError as exc:
                if "out of range" not in str(exc):
                    raise
                # a date32 column holding a year Python's dates cannot (-221, 10000): read the
                # dates as datetime64, where the time parsing makes such a feature undated
                return gpd.read_parquet(p, to_pandas_kwargs={"date_as_object": False})
    except ImportError:
        raise LayerLoadError.of(p, "reading GeoParquet needs the pyarrow package") from None
    except ValueError as exc:
        if "geo" in str(exc) and "metadata" in str(exc):
            raise LayerLoadError.of(p, "is a Parquet file without GeoParquet metadata (no geometry column)") from None
        raise LayerLoadError.of(p, "could not be read: {detail}", detail=str(exc).splitlines()[0]) from None
    except Exception as exc:
        raise LayerLoadError.of(p, "could not be read: {detail}",
                                detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None


def _unique_columns(frame: pd.DataFrame, report: LoadReport) -> pd.DataFrame:
    """Attribute names made unique (``a``, ``a_2``...): a file may repeat one (a Shapefile's
    10-character names, a GeoJSON property colliding with a renamed one), and every later step
    needs one column per name. Renames are reported."""
    seen: set[str] = set()
    names, renamed = [], []
    for col in frame.columns:
        name = base = str(col)
        k = 2
        while name in seen:
            name = f"{base}_{k}"
            k += 1
        seen.add(name)
        names.append(name)
        if name != col:
            renamed.append(f"{base!r} → {name!r}")
    if renamed:
        frame = frame.copy()
        frame.columns = names
        report.warnings.append(Message("attribute names repeated in the file, renamed: {names}", names=tuple(renamed[:5])))
    return frame


def _stringify_nested(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns holding lists, arrays or dicts (GeoParquet, KML) become JSON text."""
    for col in frame.columns:
        s = frame[col]
        if s.dtype != object:
            continue
        nested = s.map(lambda v: isinstance(v, (list, dict, tuple, np.ndarray)))
        if nested.any():
            frame[col] = s.map(lambda v: _json_text(v) if isinstance(v, (list, dict, tuple, np.ndarray)) else v)
    return frame


def _unswap_lat_lon(geoms: np.ndarray, bounds: np.ndarray, report: LoadReport):
    """CSV points whose "lat" column holds longitudes: every |x| <= 90, every |y| <= 180, and most
    points (not one typo) with |y| > 90: swap back, and say so in a warning (the data changed).
    A few rows beyond 90° of latitude are left to the range check, which drops and names them."""
    w, s, e, n = bounds
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    only_points = bool(np.all(np.isin(shapely.get_type_id(geoms[present]), (0,))))
    if only_points and -90 <= w and e <= 90 and (s < -90 or n > 90) and -180 <= s and n <= 180:
        y = shapely.get_y(geoms[present])
        if 2 * int((np.abs(y) > 90).sum()) > int(present.sum()):
            geoms = shapely.transform(geoms, lambda xy: xy[:, ::-1])
            report.warnings.append(Message("its latitude and longitude columns hold each other's values (most "
                                           "latitudes beyond ±90°): swapped back"))
            return geoms, np.array([s, w, n, e])
    return geoms, bounds


def _wrap_longitudes(geoms: np.ndarray, report: LoadReport, report_frame: pd.DataFrame) -> np.ndarray:
    """Longitudes beyond ±180° (Pacific-centred data, 0..360; up to ±:data:`LON_LIMIT`) to
    -180..180; lines that now jump are split next. Reported as a warning: the data changed."""
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not present.any():
        return geoms
    tb = shapely.total_bounds(geoms[present])
    if -180.0 <= tb[0] and tb[2] <= 180.0:
        return geoms
    b = shapely.bounds(geoms)
    with np.errstate(invalid="ignore"):
        rows = np.flatnonzero(present & ((b[:, 0] < -180.0) | (b[:, 2] > 180.0)))
    report.warnings.append(Message(
        "{features} with longitudes beyond ±180° (x {w:.6g}..{e:.6g}) moved by 360° into -180..180: {named}",
        features=_features(rows.size), w=tb[0], e=tb[2], named=_named(report_frame, rows)))

    def wrap(xy: np.ndarray) -> np.ndarray:
        xy = xy.copy()
        xy[:, 0] = _wrap_x(xy[:, 0])
        return xy

    return shapely.transform(geoms, wrap, include_z=False) if not shapely.has_z(geoms[present]).any() \
        else _wrap_keep_z(geoms, wrap)


def _source_crs(p: Path, crs, file_crs, report: LoadReport, check_lonlat, check_degrees) -> CRS:
    """The CRS the coordinates are in: ``crs`` (the user's choice), the file's, or EPSG:4326 when
    the file names none; said in ``report.source_crs``. Coordinates that are not
    longitude/latitude where they must be are refused or dropped by ``check_lonlat(crs_error)``,
    degrees under a projected CRS by ``check_degrees(source_crs)`` (the callers' checks, on
    geometries or on coordinate arrays).

    Raises
    ------
    LayerLoadError
        ``crs`` is not a CRS.
    CRSNeededError
        The file's CRS cannot be read, or its coordinates do not fit it.
    """
    if crs is not None:
        try:
            source_crs = CRS.from_user_input(crs)
        except Exception:
            raise LayerLoadError.of(p, "unknown CRS {crs}", crs=repr(crs)) from None
        report.source_crs = Message("{crs} (chosen)", crs=_crs_label(source_crs))
        return source_crs
    if file_crs is None:
        check_lonlat(lambda b: CRSNeededError.of(
            p,
            "has no CRS and its coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) "
            "are not longitude/latitude; choose the CRS (e.g. EPSG:32647) or save the file with one",
            w=b[0], s=b[1], e=b[2], n=b[3],
        ))
        report.source_crs = Message("none (taken as EPSG:4326)")
        if p.suffix.lower() == ".shp" and any(p.with_suffix(x).exists() for x in (".prj", ".PRJ")):
            report.warnings.append(Message("its .prj could not be read (GDAL ignored it): coordinates taken as "
                                           "longitude/latitude (EPSG:4326); if they are not, choose the CRS"))
        return CRS.from_epsg(4326)
    try:
        source_crs = CRS.from_user_input(file_crs)
    except Exception as exc:  # pyproj.CRSError: a .prj that PROJ cannot read
        why = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise CRSNeededError.of(p, "names a CRS that cannot be read ({why}); choose the CRS of the coordinates",
                                why=why) from None
    report.source_crs = _crs_label(source_crs)
    check_degrees(source_crs)
    if source_crs.is_geographic:
        implied = (Message(" (GeoJSON is always lon/lat, RFC 7946)")
                   if report.driver in ("GeoJSON", "GeoJSONSeq") else "")
        check_lonlat(lambda b: CRSNeededError.of(
            p,
            "says its CRS is {crs}{implied} but its coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) "
            "are not longitude/latitude; choose the CRS they are in (e.g. EPSG:32647)",
            crs=report.source_crs, implied=implied, w=b[0], s=b[1], e=b[2], n=b[3],
        ))
    return source_crs


def _wrap_x(x: np.ndarray) -> np.ndarray:
    """Longitudes (degrees) beyond ±180° moved by 360° into -180..180 (a new array)."""
    with np.errstate(invalid="ignore"):
        outside = (x < -180.0) | (x > 180.0)
        out = np.where(outside, (x + 180.0) % 360.0 - 180.0, x)
        # 540 wraps to -180: keep the sign of the side it came from
        return np.where(outside & (out == -180.0) & (x > 0), 180.0, out)


def _finish_points(p: Path, frame: pd.DataFrame, lon: np.ndarray, lat: np.ndarray, file_crs, crs,
                   report: LoadReport) -> PointTable:
    """:func:`read_frame`'s checks and transformation for a compact layer of plain 2D points, on
    coordinate arrays (the same rules and messages as for geometries: points without geometry,
    coordinates that are not numbers, swapped CSV columns, the CRS given or named, off-Earth
    coordinates, longitudes beyond ±180°). ``lon``/``lat`` are modified in place."""
    def drop(rows: np.ndarray, why: Message) -> None:
        if rows.size:
            lon[rows] = np.nan
            lat[rows] = np.nan
            report.dropped += len(rows)
            report.warnings.append(Message("{features} not drawn, {why}: {named}", features=_features(len(rows)),
                                           why=why, named=_named(frame, rows)))

    empty = np.isnan(lon) & np.isnan(lat)
    no_geometry = np.flatnonzero(empty)
    if no_geometry.size:
        report.warnings.append(Message(
            "{features} without geometry (null, empty, or coordinates that are not "
            "numbers), kept with their attributes, not drawn: {named}",
            features=_features(no_geometry.size), named=_named(frame, no_geometry)))
    with np.errstate(invalid="ignore"):
        drop(np.flatnonzero(~empty & ~(np.isfinite(lon) & np.isfinite(lat))),
             Message("coordinates that are not numbers (NaN or Infinity)"))

    def present() -> np.ndarray:
        return ~np.isnan(lon)

    def check_lonlat(crs_error) -> None:
        ok = present()
        if ok.any():
            rows, why = _off_earth_rows(p, (lon, lat, lon, lat), ok, crs_error)
            drop(rows, why)

    ok = present()
    if report.driver == "CSV" and ok.any():
        w, s, e, n = lon[ok].min(), lat[ok].min(), lon[ok].max(), lat[ok].max()
        if -90 <= w and e <= 90 and (s < -90 or n > 90) and -180 <= s and n <= 180 \
                and 2 * int((np.abs(lat[ok]) > 90).sum()) > int(ok.sum()):
            lon[:], lat[:] = lat.copy(), lon.copy()
            report.warnings.append(Message("its latitude and longitude columns hold each other's values (most "
                                           "latitudes beyond ±90°): swapped back"))

    def check_degrees(source_crs: CRS) -> None:
        ok = present()
        if source_crs.is_projected and ok.any():
            x, y = lon[ok], lat[ok]
            rows, why = _degree_like_rows(p, (x, y, x, y), np.flatnonzero(ok), source_crs, report)
            drop(rows, why)

    source_crs = _source_crs(p, crs, file_crs, report, check_lonlat, check_degrees)
    if not _is_wgs84_lonlat(source_crs):
        from pyproj import Transformer

        ok = present()
        try:
            t = Transformer.from_crs(source_crs, 4326, always_xy=True)  # as GeoDataFrame.to_crs does
            with np.errstate(invalid="ignore"):
                x, y = t.transform(lon[ok], lat[ok], errcheck=False)
        except Exception as exc:
            why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise LayerLoadError.of(p, "cannot transform from {crs}: {why}", crs=report.source_crs, why=why) from None
        lon[ok], lat[ok] = x, y
        report.transformed = True
        off_earth = lambda b: CRSNeededError.of(  # noqa: E731
            p, "coordinates do not fall on the Earth when read as {crs}; choose the right CRS", crs=report.source_crs
        )
        with np.errstate(invalid="ignore"):
            bad = np.flatnonzero(ok & ~(np.isfinite(lon) & np.isfinite(lat)))
        if ok.any() and bad.size == int(ok.sum()):
            raise off_earth(None)
        drop(bad, Message("coordinates that do not fall on the Earth in {crs}", crs=report.source_crs))
        check_lonlat(off_earth)
    ok = present()
    if ok.any():
        w, e = lon[ok].min(), lon[ok].max()
        if not (-180.0 <= w and e <= 180.0):
            with np.errstate(invalid="ignore"):
                rows = np.flatnonzero(ok & ((lon < -180.0) | (lon > 180.0)))
            report.warnings.append(Message(
                "{features} with longitudes beyond ±180° (x {w:.6g}..{e:.6g}) moved by 360° into -180..180: {named}",
                features=_features(rows.size), w=w, e=e, named=_named(frame, rows)))
            lon[rows] = _wrap_x(lon[rows])
    report.null_geometries = int(np.isnan(lon).sum()) - report.dropped
    if len(frame) == 0:
        report.notes.append(Message("no features (an empty layer)"))
    return PointTable(frame.reset_index(drop=True), lon, lat)


def _wrap_keep_z(geoms: np.ndarray, wrap) -> np.ndarray:
    def wrap3(xyz: np.ndarray) -> np.ndarray:
        out = xyz.copy()
        out[:, :2] = wrap(xyz[:, :2])
        return out

    # include_z=True needs every geometry 3D; 2D ones get NaN Z, so wrap them separately
    out = geoms.copy()
    has_z = np.array([g is not None and g.has_z for g in geoms], dtype=bool)
    out[has_z] = shapely.transform(geoms[has_z], wrap3, include_z=True)
    out[~has_z] = shapely.transform(geoms[~has_z], wrap, include_z=False)
    return out


def _displayable(name: str) -> str:
    """A file name as text: bytes that were not valid in the file system's encoding (Python keeps
    them as lone surrogates) become U+FFFD, so every widget and file format can show it."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _crs_label(crs: CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def _is_wgs84_lonlat(crs: CRS) -> bool:
    # EPSG:4326, OGC:CRS84 and EPSG:4979 (3D) all mean WGS 84 degrees; pyogrio gives lon/lat order
    return crs.is_geographic and crs.name in ("WGS 84 (CRS84)", "WGS 84")


def _release_memory() -> None:
    """Give the memory the read freed back to the system: Arrow's pool keeps freed blocks, and
    glibc keeps freed pages between live ones (1M points: ~60 MB of GDAL's batches, issue 9)."""
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except Exception:  # an optional saving
        pass
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl): nothing to trim
            pass


def read_layer(
    path: str | Path,
    layer: str | int | None = None,
    title: str | None = None,
    color: str | None = None,
    *,
    encoding: str | None = None,
    crs: str | int | CRS | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    cache: bool | None = None,
) -> Layer:
    """Read a vector file as a map layer with a default style and detected temporal field.

    Parameters
    ----------
    path : str or Path
        A file, or ``"file.gpkg|layername=NAME"``.
    layer : str or int, optional
        Layer inside a multi-layer file.
    title : str, optional
        Defaults to the file name without extension (and the layer name, if one was chosen).
    color : str, optional
        ``"#rrggbb"`` of the single-symbol style; default a palette colour picked from the file
        name (stable across runs, so the same file looks the same in the window and the exports).
    encoding, crs, progress, cancelled
        See :func:`read_frame`.
    cache : bool, optional
        Keep/reuse a GeoParquet copy of the loaded layer in the user cache
        (:mod:`asean_atlas.layers.cache`); default: only for files of
        :data:`~asean_atlas.layers.cache.CACHE_MIN_BYTES` or more.

    Returns
    -------
    Layer

    Raises
    ------
    LayerLoadError, CRSNeededError, LoadCancelled
        See :func:`read_frame`.
    """
    src, named_layer = split_source(path)
    layer = layer if layer is not None else named_layer
    use_cache = layer_cache.should_cache(src) if cache is None else cache
    hit = layer_cache.load(src, layer, encoding, crs) if use_cache else None
    if hit is not None:
        frame, report = hit
    else:
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            try:
                frame, report = read_frame(src, layer, encoding=encoding, crs=crs, progress=progress,
                                           cancelled=cancelled, compact=True)
            except MemoryError:
                raise LayerLoadError.of(src, "ran out of memory while loading: keep the features and attributes you "
                                             "need (e.g. ogr2ogr -spat/-select) and open that") from None
        # what a library warned of while reading becomes a note of the report, never stderr (issue 16);
        # warnings about the code itself (resources, deprecations) mean nothing to a user
        meant = [w for w in said if str(w.message).strip()
                 and not issubclass(w.category, (ResourceWarning, DeprecationWarning, PendingDeprecationWarning))]
        for text in list(dict.fromkeys(str(w.message).strip().splitlines()[0] for w in meant))[:3]:
            report.notes.append(Message("while reading: {text}", text=text[:300]))
        if use_cache and not report.unrepaired:  # a repair cut short by its time budget is retried next time
            layer_cache.store(src, layer, encoding, crs, frame, report)
    _release_memory()
    attrs = frame.attributes if isinstance(frame, PointTable) else frame
    temporal = detect_temporal(attrs)  # no copy of the frame (1M rows: 47 ms)
    report.time_field = temporal.start_field if temporal else None
    if color is None:
        color = USER_PALETTE[zlib.crc32(os.fsencode(Path(src).name)) % len(USER_PALETTE)]
    style = Style(color=color, fill_color=color)
    default_title = _displayable(Path(src).stem) + (f" — {layer}" if isinstance(layer, str) else "")
    lyr = Layer(
        frame,
        title=title or default_title,
        source=str(path) if named_layer or not isinstance(layer, str) else f"{src}|layername={layer}",
        style=style,
        temporal=temporal,
        report=report,
    )
    n = lyr.undated_count()  # 0 without a temporal spec
    if n:
        report.notes.append(Message("1 feature without a date") if n == 1 else Message("{n} features without a date", n=n))
    # dates written but not dates (2030-13-45, year 10000, "abc"): said, never silently undated or
    # never-ending (issue 16)
    undated = (Message("they have no date (undated features are shown at every date)")
               if temporal and temporal.undated == "show" else Message("they have no date (undated features are hidden)"))
    for field, dates, what in ((temporal.start_field if temporal else None, lyr.start_dates, undated),
                               (temporal.end_field if temporal else None, lyr.end_dates, Message("they never end"))):
        if not field or dates is None or field not in attrs.columns or (dates is lyr.start_dates and not n):
            continue
        unparsed = np.isnat(dates)
        if not unparsed.any():  # every feature dated (the common case): nothing more to look at
            continue
        raw = attrs[field]
        written = raw.notna().to_numpy()
        if not (pd.api.types.is_numeric_dtype(raw.dtype) or pd.api.types.is_datetime64_any_dtype(raw.dtype)):
            written = written & (raw.astype("string").str.strip().fillna("") != "").to_numpy()
        unread = np.flatnonzero(written & unparsed)
        if unread.size:
            examples = tuple(repr(str(v)[:30]) for v in raw.iloc[unread[:_NAMED]])
            report.warnings.append(Message("{features} whose {field} is not a date ({examples}): {what}",
                                           features=_features(unread.size), field=repr(field), examples=examples,
                                           what=what))
    # how it was read, for project files (issue 11): the same options read it again
    lyr.load_encoding = encoding
    lyr.load_crs = None if crs is None else (crs if isinstance(crs, str) else str(crs))
    return lyr
