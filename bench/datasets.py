"""Deterministic synthetic layers over Southeast Asia for the benchmark suite (issue 9).

Written once per size into a data folder as FlatGeobuf (read by the Atlas through GDAL, by QGIS's
OGR provider, and by geopandas), with a ``year`` field for the time-slider workloads:

- ``points_{10k,100k,1m}``: uniform over lon 92..140, lat -10..28;
- ``lines_{1k,10k}``: random walks of 50..200 vertices, steps of ~0.05° (≈5 km);
- ``polygons_1k``: star-shaped rings of ~100 vertices, 0.2..1° across.

Every layer is seeded: the same name gives the same file on every machine.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

SIZES = {
    "points_10k": ("points", 10_000),
    "points_100k": ("points", 100_000),
    "points_1m": ("points", 1_000_000),
    "lines_1k": ("lines", 1_000),
    "lines_10k": ("lines", 10_000),
    "polygons_1k": ("polygons", 1_000),
}
#: The Atlas region (degrees), also the view of every frame.
BBOX = (90.0, -12.0, 142.0, 30.0)


def make(name: str):
    """The GeoDataFrame of dataset ``name`` (EPSG:4326, columns ``id``, ``name``, ``year``)."""
    import geopandas as gpd
    import shapely

    kind, n = SIZES[name]
    rng = np.random.default_rng(sum(map(ord, name)))  # hash() is salted per process
    years = rng.integers(1995, 2026, n)
    if kind == "points":
        geoms = shapely.points(rng.uniform(92, 140, n), rng.uniform(-10, 28, n))
    elif kind == "lines":
        counts = rng.integers(50, 201, n)
        total = int(counts.sum())
        idx = np.repeat(np.arange(n), counts)
        steps = rng.normal(0, 0.05, (total, 2))
        starts = np.c_[rng.uniform(95, 135, n), rng.uniform(-8, 25, n)]
        # cumulative sum within each line
        steps[np.r_[0, np.cumsum(counts)[:-1]]] = starts
        coords = np.cumsum(steps, axis=0)
        offsets = np.r_[0, np.cumsum(counts)[:-1]]
        base = np.repeat(coords[offsets] - starts, counts, axis=0)
        coords = coords - base
        geoms = shapely.linestrings(coords, indices=idx)
    else:
        k = 100
        cx, cy = rng.uniform(94, 138, n), rng.uniform(-9, 27, n)
        size = rng.uniform(0.1, 0.5, n)
        t = np.linspace(0, 2 * np.pi, k, endpoint=False)
        r = size[:, None] * (1 + 0.3 * np.sin(5 * t)[None, :] + 0.1 * rng.random((n, k)))
        xs, ys = cx[:, None] + r * np.cos(t), cy[:, None] + r * np.sin(t)
        ring = np.stack([xs, ys], axis=-1)
        ring = np.concatenate([ring, ring[:, :1]], axis=1)
        geoms = shapely.polygons(shapely.linearrings(ring.reshape(-1, 2), indices=np.repeat(np.arange(n), k + 1)))
    return gpd.GeoDataFrame(
        {"id": np.arange(n), "name": [f"{kind} {i}" for i in range(n)], "year": years},
        geometry=geoms, crs=4326,
    )


def path(name: str, folder: Path) -> Path:
    """The FlatGeobuf of dataset ``name`` in ``folder``, written on first use."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{name}.fgb"
    if not out.exists():
        tmp = out.with_suffix(".tmp.fgb")
        make(name).to_file(tmp, driver="FlatGeobuf", engine="pyogrio")
        tmp.replace(out)
    return out
