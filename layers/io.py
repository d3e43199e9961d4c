"""Read any vector file into a :class:`~asean_atlas.layers.layer.Layer`, safely.

Reading goes through pyogrio/GDAL (GeoJSON, GeoPackage, Shapefile, KML, FlatGeobuf, CSV with
coordinate or WKT columns, ...). The result is always in EPSG:4326: a file's CRS is read and
transformed with pyproj; a file with no CRS is taken as lon/lat only when its coordinates fit.
Invalid geometries are repaired with ``shapely.make_valid`` and counted. Every failure is raised
as :class:`~asean_atlas.layers.errors.LayerLoadError` naming the file and the problem.
"""

from __future__ import annotations

import warnings
import zlib
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from .errors import LayerLoadError
from .geometry import split_antimeridian
from .layer import Layer, LoadReport
from .style import USER_PALETTE, Style
from .temporal import detect_temporal

# GDAL CSV driver open options: find coordinate / WKT columns by common names.
_CSV_OPTIONS = {
    "X_POSSIBLE_NAMES": "lon,lng,long,longitude,x,Lon,Longitude,LON,X",
    "Y_POSSIBLE_NAMES": "lat,latitude,y,Lat,Latitude,LAT,Y",
    "GEOM_POSSIBLE_NAMES": "wkt,WKT,geometry,geom",
    "KEEP_GEOM_COLUMNS": "NO",
}

def _gdal_reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "not recognized as" in text or "not a supported" in text:
        return "not a readable vector file (GDAL could not recognise the format)"
    return f"could not be read: {text}"


def read_frame(path: str | Path, layer: str | int | None = None) -> tuple[gpd.GeoDataFrame, LoadReport]:
    """Read a vector file into a GeoDataFrame in EPSG:4326, with a load report.

    Parameters
    ----------
    path : str or Path
        Any vector format GDAL reads.
    layer : str or int, optional
        Layer of a multi-layer source (GeoPackage); default the first.

    Returns
    -------
    frame : GeoDataFrame
        CRS EPSG:4326; geometries repaired; null geometries kept.
    report : LoadReport

    Raises
    ------
    LayerLoadError
        File missing or unreadable, no geometry, or coordinates that cannot be placed.
    """
    p = Path(path)
    if not p.exists():
        raise LayerLoadError(p, "file not found")
    if p.is_file() and p.stat().st_size == 0:
        raise LayerLoadError(p, "the file is empty (0 bytes)")
    report = LoadReport(source=str(p))
    kwargs: dict = {}
    if p.suffix.lower() in (".csv", ".tsv"):
        kwargs.update(_CSV_OPTIONS)
    try:
        layers = pyogrio.list_layers(p)
    except Exception as exc:  # GDAL raises several types; all mean "cannot open"
        raise LayerLoadError(p, _gdal_reason(exc)) from None
    if len(layers) == 0:
        raise LayerLoadError(p, "contains no layers")
    if layer is None and len(layers) > 1:
        layer = str(layers[0][0])
        report.notes.append(f"{len(layers)} layers in the file, read {layer!r}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pyogrio.read_dataframe(p, layer=layer, **kwargs)
    except Exception as exc:
        raise LayerLoadError(p, _gdal_reason(exc), layer=layer if isinstance(layer, str) else None) from None
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame.columns:
        raise LayerLoadError(p, "has no geometry (for CSV: no lon/lat or WKT column found)")
    report.features_read = len(frame)

    geoms = frame.geometry.values
    present = ~(shapely.is_missing(np.asarray(geoms, dtype=object)))
    if frame.crs is None:
        bounds = shapely.total_bounds(np.asarray(geoms, dtype=object)[present]) if present.any() else None
        if bounds is not None and np.all(np.isfinite(bounds)) and not (
            -180.0 <= bounds[0] and bounds[2] <= 360.0 and -90.0 <= bounds[1] and bounds[3] <= 90.0
        ):
            raise LayerLoadError(
                p,
                "has no CRS and its coordinates "
                f"(x {bounds[0]:.6g}..{bounds[2]:.6g}, y {bounds[1]:.6g}..{bounds[3]:.6g}) "
                "are not longitude/latitude; save it with a CRS (e.g. a .prj file) and reopen",
            )
        frame = frame.set_crs(4326)
        report.source_crs = "none (taken as EPSG:4326)"
    else:
        crs = frame.crs
        epsg = crs.to_epsg()
        report.source_crs = f"EPSG:{epsg}" if epsg else crs.name
        if epsg != 4326:
            is_wgs84_lonlat = crs.is_geographic and crs.name in ("WGS 84 (CRS84)", "WGS 84")
            if is_wgs84_lonlat:
                frame = frame.set_crs(4326, allow_override=True)
            else:
                try:
                    frame = frame.to_crs(4326)
                except Exception as exc:
                    raise LayerLoadError(p, f"cannot transform from {report.source_crs}: {exc}") from None
                report.transformed = True

    geoms, n_split = split_antimeridian(np.asarray(frame.geometry.values, dtype=object))
    if n_split:
        frame = frame.set_geometry(gpd.GeoSeries(geoms, crs=4326, index=frame.index))
        report.antimeridian_split = n_split
    missing = shapely.is_missing(geoms)
    empty = ~missing & shapely.is_empty(geoms)
    report.null_geometries = int(missing.sum() + empty.sum())
    with np.errstate(invalid="ignore"):
        invalid = ~missing & ~shapely.is_valid(geoms)
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(geoms[invalid])
        frame = frame.set_geometry(gpd.GeoSeries(geoms, crs=4326, index=frame.index))
        report.repaired = int(invalid.sum())
    return frame, report


def read_layer(
    path: str | Path, layer: str | int | None = None, title: str | None = None, color: str | None = None
) -> Layer:
    """Read a vector file as a map layer with a default style and detected temporal field.

    Parameters
    ----------
    path : str or Path
    layer : str or int, optional
        Layer inside a multi-layer file.
    title : str, optional
        Defaults to the file name without extension.
    color : str, optional
        ``"#rrggbb"`` of the single-symbol style; default a palette colour picked from the file
        name (stable across runs, so the same file looks the same in the window and the exports).

    Returns
    -------
    Layer

    Raises
    ------
    LayerLoadError
    """
    frame, report = read_frame(path, layer)
    temporal = detect_temporal(frame.drop(columns=frame.geometry.name))
    report.time_field = temporal.start_field if temporal else None
    if color is None:
        color = USER_PALETTE[zlib.crc32(Path(path).name.encode("utf-8")) % len(USER_PALETTE)]
    style = Style(color=color, fill_color=color)
    lyr = Layer(
        frame,
        title=title or Path(path).stem,
        source=str(path),
        style=style,
        temporal=temporal,
        report=report,
    )
    if temporal and lyr.undated_count():
        report.notes.append(f"{lyr.undated_count()} features without a date")
    return lyr
