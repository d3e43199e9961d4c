"""Offline basemap: Natural Earth 1:50m countries and land (public domain).

The data file ``basemap.gpkg`` ships with the package and is built by
``python -m asean_atlas.geodata.build_basemap`` (see ``basemap_provenance.json``).
"""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

import geopandas as gpd

#: layer names in ``basemap.gpkg``
BASEMAP_LAYERS: tuple[str, ...] = ("countries", "land")
#: attribution line for exports
BASEMAP_ATTRIBUTION = "Basemap: Natural Earth (public domain)"


def basemap_path() -> Path:
    """Return the path of the packaged ``basemap.gpkg``."""
    return Path(str(importlib.resources.files("asean_atlas.geodata") / "basemap.gpkg"))


@functools.lru_cache(maxsize=None)
def _load_cached(layer: str) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(basemap_path(), layer=layer, engine="pyogrio")
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf


def load_basemap(layer: str = "countries") -> gpd.GeoDataFrame:
    """Load a basemap layer.

    Parameters
    ----------
    layer : {"countries", "land"}
        ``countries``: 241 Natural Earth admin-0 units with columns ``name`` (str,
        English short name, e.g. "Singapore", "Hong Kong", "Macao") and ``iso_n3``
        (str, numeric ISO 3166-1 code zero-padded to 3 digits, "" where none) and
        ``geometry`` (MultiPolygon). ``land``: a single MultiPolygon of all land.

    Returns
    -------
    geopandas.GeoDataFrame
        In EPSG:4326, latitudes clipped to [-85, 85], valid geometries. The file is
        read once per process (``functools.lru_cache``); each call returns a fresh
        copy, so callers may modify the result freely.

    Raises
    ------
    ValueError
        If ``layer`` is not one of :data:`BASEMAP_LAYERS`.
    """
    if layer not in BASEMAP_LAYERS:
        raise ValueError(f"unknown basemap layer {layer!r}; expected one of {BASEMAP_LAYERS}")
    return _load_cached(layer).copy()
