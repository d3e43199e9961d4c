"""``asean-atlas info``: what the Atlas reads from a vector file, as text."""

from __future__ import annotations

from pathlib import Path

from .io import read_layer


def describe(path: str | Path) -> str:
    """Feature count, geometry types, CRS, bbox, fields and types, time field, load notes.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    str
        Several lines of text.

    Raises
    ------
    LayerLoadError
    """
    layer = read_layer(path)
    frame = layer.frame
    rep = layer.report
    types = frame.geometry.dropna().geom_type.value_counts()
    bbox = layer.bounds()
    lines = [
        f"file: {path}",
        f"features: {layer.feature_count}",
        "geometry types: " + (", ".join(f"{t} ({n})" for t, n in types.items()) or "none"),
        f"CRS: {rep.source_crs}" + (" (transformed to EPSG:4326)" if rep.transformed else ""),
        "bbox (W,S,E,N, degrees): "
        + ("none" if bbox is None else ", ".join(f"{v:.6f}" for v in bbox)),
        f"time field: {layer.temporal.start_field if layer.temporal else 'none'}"
        + (f" (end: {layer.temporal.end_field})" if layer.temporal and layer.temporal.end_field else ""),
    ]
    if layer.temporal:
        span = layer.year_range()
        if span:
            lines.append(f"years: {span[0]}–{span[1]}, undated features: {layer.undated_count()}")
    if rep.null_geometries:
        lines.append(f"features without geometry: {rep.null_geometries}")
    if rep.repaired:
        lines.append(f"geometries repaired (make_valid): {rep.repaired}")
    lines.extend(f"note: {n}" for n in rep.notes)
    lines.append("fields:")
    for col in frame.columns:
        if col == frame.geometry.name:
            continue
        lines.append(f"  {col}: {frame[col].dtype}")
    return "\n".join(lines)
