"""Writing features out (issue 11: export the selection or the filtered rows). No Qt.

GDAL writes the file (pyogrio), always to a temporary file that is renamed onto the destination
(:func:`asean_atlas.layers.atomic.write_atomic`), so a failed or interrupted export never leaves a
half-written file where a good one was.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .errors import ExportError
from .layer import Layer

#: Output suffix -> (GDAL driver, layer creation options).
FORMATS = {
    ".geojson": ("GeoJSON", {"RFC7946": "YES"}),
    ".json": ("GeoJSON", {"RFC7946": "YES"}),
    ".gpkg": ("GPKG", {}),
    ".csv": ("CSV", {"GEOMETRY": "AS_WKT"}),
}


def _plain(v):
    import json

    if v is None or isinstance(v, (str, bool, int, float)):
        return v
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, np.ndarray):
        v = v.tolist()
    try:
        return json.dumps(v, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(v)


def _table_name(title: str) -> str:
    """A layer/table name GDAL accepts: letters, digits, ``-`` and ``_``; never one of the
    names GeoPackage reserves (``gpkg…``, ``sqlite…``, ``rtree…``)."""
    name = "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "-_" else "_" for ch in title)[:60].strip("_") or "features"
    if name.lower().startswith(("gpkg", "sqlite", "rtree")):
        name = "layer_" + name
    return name


def write_features(layer: Layer, rows, path: str | Path) -> Path:
    """Write features ``rows`` of ``layer`` (positional, in this order) to ``path``.

    Parameters
    ----------
    layer : Layer
    rows : array of int, shape (k,)
    path : str or Path
        ``.geojson``/``.json`` (RFC 7946, EPSG:4326), ``.gpkg`` (one layer named after the layer
        title) or ``.csv`` (attributes plus a ``WKT`` geometry column).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ExportError
        Unknown suffix, no feature to write, or GDAL could not write the file.
    """
    import pyogrio

    dest = Path(path)
    suffix = dest.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{dest.name}: choose .geojson, .gpkg or .csv")
    rows = np.asarray(rows, dtype=np.int64)
    if rows.size == 0:
        raise ExportError(f"{dest.name}: no feature to write (nothing selected or listed)")
    driver, options = FORMATS[suffix]
    out = layer.frame.take(rows).reset_index(drop=True)
    # GDAL cannot write lists/dicts/arrays: their JSON text; numpy scalars as Python numbers
    for c in out.columns:
        if c != out.geometry.name and out[c].dtype == object:
            out[c] = out[c].map(_plain)
    name = _table_name(layer.title)

    def write(tmp: Path) -> None:
        tmp.unlink(missing_ok=True)  # GDAL creates the file itself
        try:
            # the layer name (GeoJSON "name", GeoPackage table) from the destination, not the
            # temporary file
            layer_name = name if driver == "GPKG" else _table_name(dest.stem)
            pyogrio.write_dataframe(out, tmp, driver=driver, layer=layer_name if driver != "CSV" else None,
                                    layer_options=options or None)
        except Exception as exc:  # noqa: BLE001 - GDAL's message, for the user
            raise ExportError(f"{dest.name}: cannot write ({exc})") from None

    from .atomic import write_atomic

    return write_atomic(dest, write)
