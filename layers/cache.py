"""A GeoParquet cache of imported layers (DESIGN.md "Known platform facts").

GeoJSON loads through GDAL at ~20–25 MB/s (1M points: several seconds); the same layer, already
cleaned and in EPSG:4326, reopens from GeoParquet in well under a second. An entry is keyed by the
file's absolute path, size and modification time (ns) and by the reading options (layer, encoding,
CRS), so an edited file is read again. Entries live in the user cache directory
(``$ASEAN_ATLAS_CACHE_DIR``, else ``$XDG_CACHE_HOME/asean-atlas/layers`` or the platform's
equivalent); deleting that folder is always safe.

A compact point layer (:class:`~asean_atlas.layers.layer.PointTable`, issue 9) is stored as plain
Parquet: its attributes plus two float64 columns of longitude and latitude, named in the file's
``asean_atlas`` metadata; it reopens as a PointTable, without shapely geometries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path

import geopandas as gpd

from .errors import Message
from .layer import LoadReport, PointTable

#: Files at least this big (bytes) are cached by default; small files load faster than a lookup.
CACHE_MIN_BYTES = 20 * 1024 * 1024
#: Bump when the reader's output changes, so old entries are not reused.
CACHE_VERSION = 3
#: The oldest entries are removed when the cache grows past this many bytes.
CACHE_MAX_BYTES = 2 * 1024**3


def cache_dir() -> Path:
    """The folder of cached layers (not created here).

    Returns
    -------
    Path
    """
    env = os.environ.get("ASEAN_ATLAS_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "asean-atlas" / "layers"


def should_cache(path: str | Path) -> bool:
    """Whether ``path`` is a regular file of at least :data:`CACHE_MIN_BYTES`."""
    try:
        return Path(path).stat().st_size >= CACHE_MIN_BYTES
    except OSError:
        return False


def cache_key(path: str | Path, layer=None, encoding=None, crs=None) -> str | None:
    """Hex key of a file's current version and reading options; None if the file is gone.

    Parameters
    ----------
    path : str or Path
    layer, encoding, crs
        The options given to :func:`asean_atlas.layers.io.read_frame`.

    Returns
    -------
    str or None
    """
    p = Path(path).resolve()
    try:
        st = p.stat()
    except OSError:
        return None
    # a Shapefile is several files: a new .dbf or .prj beside the same .shp is a new layer (issue 16)
    sidecars = []
    stem = p.name[: -len(p.suffix)] if p.suffix else p.name
    if p.suffix.lower() == ".shp":
        try:
            for f in sorted(p.parent.iterdir()):
                if f.name.startswith(stem + ".") and f.suffix.lower() in (".dbf", ".shx", ".prj", ".cpg"):
                    fs = f.stat()
                    sidecars.append([f.name, fs.st_size, fs.st_mtime_ns])
        except OSError:
            return None
    ident = json.dumps([CACHE_VERSION, str(p), st.st_size, st.st_mtime_ns, sidecars, layer, encoding, str(crs)])
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32]


def load(path, layer=None, encoding=None, crs=None, directory: Path | None = None):
    """The cached frame and report of a file, or None when absent, stale or unreadable.

    Parameters
    ----------
    path : str or Path
        The source file (its current size and mtime pick the entry).
    layer, encoding, crs
        The reading options, as for :func:`cache_key`.
    directory : Path, optional
        Cache folder; default :func:`cache_dir`.

    Returns
    -------
    tuple of (GeoDataFrame or PointTable, LoadReport) or None
    """
    key = cache_key(path, layer, encoding, crs)
    if key is None:
        return None
    folder = directory or cache_dir()
    data, meta = folder / f"{key}.parquet", folder / f"{key}.json"
    if not (data.exists() and meta.exists()):
        return None
    try:
        # memory-mapped: Arrow decodes from the page cache without first copying the file's bytes
        # (1M points: ~10 % of the read)
        frame = _read_points(data) or gpd.read_parquet(data, memory_map=True)
        report = _report_from_json(json.loads(meta.read_text(encoding="utf-8")))
    except Exception:  # a broken entry is just a miss
        return None
    report.notes = [*report.notes, Message("reopened from the GeoParquet cache")]
    return frame, report


def store(path, layer, encoding, crs, frame: gpd.GeoDataFrame, report: LoadReport, directory: Path | None = None) -> Path | None:
    """Write a cache entry atomically (best effort: a failure only means no cache).

    Parameters
    ----------
    path, layer, encoding, crs
        As for :func:`load`.
    frame : GeoDataFrame or PointTable
        The layer as read (EPSG:4326, cleaned).
    report : LoadReport
    directory : Path, optional
        Cache folder; default :func:`cache_dir`. The oldest entries are pruned past
        :data:`CACHE_MAX_BYTES`.

    Returns
    -------
    Path or None
        The GeoParquet file written, or None.
    """
    key = cache_key(path, layer, encoding, crs)
    if key is None:
        return None
    folder = directory or cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data, meta = folder / f"{key}.parquet", folder / f"{key}.json"
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        if isinstance(frame, PointTable):
            _write_points(frame, tmp)
        else:
            frame.to_parquet(tmp)
        os.replace(tmp, data)
        meta.write_text(json.dumps(_report_to_json(report), ensure_ascii=False), encoding="utf-8")
        prune(folder, keep=data)
        return data
    except Exception:
        return None


#: Names of the coordinate columns of a cached point table, and the metadata key naming them.
_POINT_COLUMNS = ("__atlas_lon__", "__atlas_lat__")
_POINT_META = b"asean_atlas"


def _write_points(table: PointTable, path: Path) -> None:
    """Write a point table as plain Parquet (attributes + coordinate columns).

    Raises
    ------
    ValueError
        An attribute already has one of the coordinate columns' names (nothing is cached).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if set(_POINT_COLUMNS) & {str(c) for c in table.columns}:
        raise ValueError("attribute names clash with the cache's coordinate columns")
    t = pa.Table.from_pandas(table.attributes, preserve_index=False)
    t = t.append_column(_POINT_COLUMNS[0], pa.array(table.lon)).append_column(_POINT_COLUMNS[1], pa.array(table.lat))
    meta = dict(t.schema.metadata or {})
    meta[_POINT_META] = json.dumps({"points": list(_POINT_COLUMNS)}).encode()
    pq.write_table(t.replace_schema_metadata(meta), path)


def _read_points(path: Path) -> PointTable | None:
    """The point table of a cache file written by :func:`_write_points`; None for a GeoParquet
    entry. Raises on a damaged file (the caller treats that as a miss)."""
    import pyarrow.parquet as pq

    meta = pq.read_schema(path).metadata or {}
    if _POINT_META not in meta:
        return None
    lon_name, lat_name = json.loads(meta[_POINT_META])["points"]
    # one to_pandas of every column (threaded, one float64 block of both coordinates that lon and lat
    # view without a copy): 1M points ~6 ms, against ~10 ms for two ChunkedArray.to_numpy and the rest
    frame = pq.read_table(path, memory_map=True).to_pandas()
    lon = frame[lon_name].to_numpy()
    lat = frame[lat_name].to_numpy()
    return PointTable(frame.drop(columns=[lon_name, lat_name]), lon, lat)


def prune(folder: Path, max_bytes: int = CACHE_MAX_BYTES, keep: Path | None = None) -> int:
    """Remove the least recently written entries until the folder holds at most ``max_bytes``.

    Returns
    -------
    int
        Entries removed.
    """
    entries = sorted(folder.glob("*.parquet"), key=lambda f: f.stat().st_mtime_ns)
    total = sum(f.stat().st_size for f in entries)
    removed = 0
    for f in entries:
        if total <= max_bytes:
            break
        if keep is not None and f == keep:
            continue
        total -= f.stat().st_size
        f.unlink(missing_ok=True)
        f.with_suffix(".json").unlink(missing_ok=True)
        removed += 1
    return removed


#: Report fields that may hold a :class:`~asean_atlas.layers.errors.Message` (kept with its template
#: in the cache, so a reopened layer's report is still shown in the interface's language).
_MESSAGE_FIELDS = ("source_crs", "encoding")
_MESSAGE_LISTS = ("notes", "warnings")


def _report_to_json(report: LoadReport) -> dict:
    data = dataclasses.asdict(report)
    for name in _MESSAGE_FIELDS:
        value = getattr(report, name)
        data[name] = value.to_json() if isinstance(value, Message) else value
    for name in _MESSAGE_LISTS:
        data[name] = [m.to_json() if isinstance(m, Message) else m for m in getattr(report, name)]
    return data


#: The report's other fields and the types a cache entry must give them.
_INT_FIELDS = ("features_read", "null_geometries", "repaired", "antimeridian_split", "skipped", "z_features",
               "dropped", "unrepaired")
_TEXT_FIELDS = ("time_field", "layer_name", "driver")
#: Most notes or warnings a cached report may hold.
_MAX_MESSAGES = 1000


def _report_from_json(data) -> LoadReport:
    """The report of a cache entry, checked field by field (the entry is a file on disk).

    Raises
    ------
    ValueError
        A field of the wrong type, an unknown field, or a message :meth:`Message.from_json`
        refuses: the entry is then treated as absent.
    """
    if not isinstance(data, dict) or set(data) - {f.name for f in dataclasses.fields(LoadReport)}:
        raise ValueError("not a load report")
    if not isinstance(data.get("source"), str):
        raise ValueError("source")
    for name in _INT_FIELDS:
        v = data.get(name, 0)
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise ValueError(name)
    if not isinstance(data.get("transformed", False), bool):
        raise ValueError("transformed")
    for name in _TEXT_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ValueError(name)
    for name in _MESSAGE_FIELDS:
        v = data.get(name)
        data[name] = None if v is None else Message.from_json(v)
    for name in _MESSAGE_LISTS:
        v = data.get(name, [])
        if not isinstance(v, list) or len(v) > _MAX_MESSAGES:
            raise ValueError(name)
        data[name] = [Message.from_json(m) for m in v]
    if data.get("source_crs") is None:
        raise ValueError("source_crs")
    return LoadReport(**data)
