"""``asean-atlas info``: what the Atlas reads from a vector file, as text."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .errors import LayerLoadError, printable
from .io import SINGLE_LAYER_SUFFIXES, list_vector_layers, read_layer, split_source


def describe(
    path: str | Path, layer: str | None = None, encoding: str | None = None, crs: str | None = None
) -> str:
    """The import report of a file: format, layers, features, geometry types, CRS, encoding, bbox,
    repairs, fields and types, time field, notes.

    Parameters
    ----------
    path : str or Path
        A file, or ``"file.gpkg|layername=NAME"``.
    layer, encoding, crs : str, optional
        As for :func:`asean_atlas.layers.io.read_layer`.

    Returns
    -------
    str
        Several lines of text.

    Raises
    ------
    LayerLoadError
    """
    lyr = read_layer(path, layer, encoding=encoding, crs=crs, cache=False)
    rep = lyr.report
    if lyr.compact:  # a big layer of points: counted from its coordinates, no shapely Points made
        n = int((~np.isnan(lyr.lonlat()[0])).sum())
        types = {"Point": n} if n else {}
    else:
        types = lyr.frame.geometry.dropna().geom_type.value_counts()
    bbox = lyr.bounds()
    src, _ = split_source(path)
    names: list[str] = []
    if Path(src).suffix.lower() not in SINGLE_LAYER_SUFFIXES:  # GDAL would parse a GeoJSON once more
        try:
            names = list_vector_layers(src)
        except LayerLoadError:  # read after transcoding (UTF-16) or by the JSON fallback: one layer
            names = []
    lines = [
        f"file: {src}",
        f"format: {rep.driver or 'unknown'}",
    ]
    if len(names) > 1 or rep.layer_name:
        lines.append(f"layer: {rep.layer_name} (layers in the file: {', '.join(names)})")
    lines += [
        f"features: {rep.counts()}",
        "geometry types: " + (", ".join(f"{t} ({n})" for t, n in types.items()) or "none"),
        f"CRS: {rep.source_crs}" + (" (transformed to EPSG:4326)" if rep.transformed else ""),
        f"encoding: {rep.encoding or 'n/a (binary format)'}",
        "bbox (W,S,E,N, degrees): "
        + ("none" if bbox is None else ", ".join(f"{v:.6f}" for v in bbox)),
    ]
    seam = lyr.view_bounds()
    if seam is not None and seam[0] > seam[2]:
        lines.append("extent across the antimeridian (W,S,E,N, degrees): " + ", ".join(f"{v:.6f}" for v in seam))
    lines += [
        f"time field: {lyr.temporal.start_field if lyr.temporal else 'none'}"
        + (f" (end: {lyr.temporal.end_field})" if lyr.temporal and lyr.temporal.end_field else ""),
    ]
    if lyr.temporal:
        span = lyr.year_range()
        if span:
            lines.append(f"years: {span[0]}–{span[1]}, undated features: {lyr.undated_count()}")
    if rep.null_geometries:
        lines.append(f"features without geometry: {rep.null_geometries}")
    if rep.dropped:
        lines.append(f"geometries dropped (not geography): {rep.dropped}")
    if rep.repaired:
        lines.append(f"geometries repaired (make_valid): {rep.repaired}")
    if rep.antimeridian_split:
        lines.append(f"split at the antimeridian: {rep.antimeridian_split}")
    if rep.skipped:
        lines.append(f"features skipped: {rep.skipped}")
    lines.extend(f"warning: {w}" for w in rep.warnings)
    lines.extend(f"note: {n}" for n in rep.notes)
    lines.append("fields:")
    frame = lyr.attributes
    for col in frame.columns:
        if col == lyr.geometry_name:
            continue
        lines.append(f"  {col}: {frame[col].dtype}")
    # every line one terminal line, whatever the file's names hold
    return "\n".join(printable(line) for line in lines)
