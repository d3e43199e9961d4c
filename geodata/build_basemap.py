"""Build the offline basemap ``geodata/basemap.gpkg`` from Natural Earth 1:50m.

Run with::

    python -m asean_atlas.geodata.build_basemap [--source-dir DIR] [--out-dir DIR]

Input
-----
The npm package ``world-atlas@2.0.2`` (Mike Bostock, ISC licence for the packaging;
the geometry is Natural Earth 1:50m, public domain). It holds TopoJSON files that
GDAL reads directly: ``countries-50m.json`` (layer ``countries``; properties
``name`` and the numeric ISO 3166-1 code as the feature id) and ``land-50m.json``
(layer ``land``). Without ``--source-dir`` the script fetches the package with
``npm pack world-atlas@2.0.2`` into a temporary directory (needs ``npm`` and
access to the npm registry).

Output
------
``basemap.gpkg`` with two layers, both EPSG:4326:

``countries``
    columns ``name`` (str), ``iso_n3`` (str, zero-padded 3 digits, or empty
    for the few Natural Earth units without a code), ``geometry``
    (MultiPolygon).
``land``
    column ``geometry`` only (MultiPolygon).

and ``basemap_provenance.json`` next to it (source package, version and the
sha256 of each input file, licence, processing steps, build command).

Processing
----------
The TopoJSON rings are spherical (made for d3): rings crossing the antimeridian
(Russia, Fiji, the land of Eurasia) are unwrapped and split at +-180, and rings
round the South Pole (Antarctica) are closed along the pole. Geometries are then
made valid with :func:`shapely.make_valid` (keeping polygonal parts only),
clipped to latitudes [-85, 85] (Antarctica reaching -90 breaks Web
Mercator) and written as MultiPolygons. If the whole world at full 1:50m detail
fits in :data:`MAX_BYTES`, it is written as is; otherwise everything outside
:data:`REGION` is simplified with tolerance :data:`OUTSIDE_TOLERANCE_DEG` and the
region keeps full detail.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Polygon, box

PACKAGE = "world-atlas"
VERSION = "2.0.2"
INPUT_FILES = ("countries-50m.json", "land-50m.json")
#: latitude limits of the basemap, degrees
LAT_LIMIT = 85.0
#: area kept at full detail when the world has to be simplified: lon_min, lat_min, lon_max, lat_max
REGION = (60.0, -25.0, 180.0, 50.0)
#: simplification tolerance (degrees) outside REGION when the full world is too large
OUTSIDE_TOLERANCE_DEG = 0.05
#: largest basemap file accepted without simplification
MAX_BYTES = 3_000_000
#: fixed GeoPackage timestamp so rebuilds give the same file contents
GPKG_DATE = "2026-01-01T00:00:00.000Z"

HERE = Path(__file__).resolve().parent


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_package(workdir: Path) -> Path:
    """Fetch ``world-atlas@2.0.2`` with ``npm pack`` and unpack it; return its folder."""
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=workdir, check=True,
        stdout=subprocess.DEVNULL,
    )
    tgz = workdir / f"{PACKAGE}-{VERSION}.tgz"
    with tarfile.open(tgz) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def _unwrap(coords: np.ndarray) -> np.ndarray:
    """Unwrap the longitudes of a ring so that no step jumps by more than 180 degrees."""
    lon = coords[:, 0]
    d = np.diff(lon)
    d = d - 360.0 * np.round(d / 360.0)
    out = coords.copy()
    out[1:, 0] = lon[0] + np.cumsum(d)
    return out


def _ring_polygon(coords: np.ndarray) -> Polygon:
    """Planar polygon of a spherical ring (may cross the antimeridian or enclose a pole)."""
    u = _unwrap(np.asarray(coords, dtype=float)[:, :2])
    turns = round((u[-1, 0] - u[0, 0]) / 360.0)
    if turns:  # the ring goes round a pole: close it along the pole
        pole = -90.0 if u[:, 1].mean() < 0 else 90.0
        u = np.vstack([u, [[u[-1, 0], pole], [u[0, 0], pole]]])
    return shapely.make_valid(Polygon(u))


def _fix_antimeridian(poly: Polygon):
    """Rebuild a polygon whose rings are spherical (world-atlas TopoJSON is meant for d3's
    spherical projection: rings may cross the antimeridian or go round a pole) as a valid
    planar geometry within lon -180..180."""
    rings = [poly.exterior, *poly.interiors]
    if not any(np.abs(np.diff(np.asarray(r.coords)[:, 0])).max(initial=0) > 180 for r in rings):
        return poly
    world = box(-180.0, -90.0, 180.0, 90.0)
    shell = _ring_polygon(np.asarray(poly.exterior.coords))
    holes = list(poly.interiors)
    if np.ptp(np.asarray(poly.exterior.coords)[:, 1]) < 0.5 and poly.interiors:
        # GDAL returns Antarctica (countries) as a degenerate ring along the pole with
        # the coastline as its hole: the coastline ring, closed along the pole, is the shell
        polar = [h for h in holes if round(np.ptp(_unwrap(np.asarray(h.coords))[:, 0]) / 360.0)]
        shell = shapely.union_all([_ring_polygon(np.asarray(h.coords)) for h in polar])
        holes = [h for h in holes if h not in polar]
    for hole in holes:
        h = _ring_polygon(np.asarray(hole.coords))
        for shift in (-360.0, 0.0, 360.0):
            shell = shell.difference(shapely.affinity.translate(h, xoff=shift))
    parts = [
        shapely.affinity.translate(shell, xoff=shift).intersection(world)
        for shift in (-720.0, -360.0, 0.0, 360.0, 720.0)
    ]
    return shapely.union_all([q for q in parts if not q.is_empty])


def _polygonal(geom):
    """Return the polygonal part of ``geom`` as a MultiPolygon (or None if empty)."""
    if geom is None or geom.is_empty:
        return None
    if not geom.is_valid:
        fixed = [
            _fix_antimeridian(p) if isinstance(p, Polygon) else p
            for p in shapely.get_parts(geom)
        ]
        geom = shapely.make_valid(shapely.union_all(fixed))
    polys: list[Polygon] = []
    for part in shapely.get_parts(geom):
        if isinstance(part, Polygon):
            polys.append(part)
        elif isinstance(part, MultiPolygon):
            polys.extend(part.geoms)
        elif part.geom_type == "GeometryCollection":
            sub = _polygonal(part)
            if sub is not None:
                polys.extend(sub.geoms)
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    return MultiPolygon(polys) if polys else None


def _clean(gdf: gpd.GeoDataFrame, simplify_outside: bool) -> gpd.GeoDataFrame:
    world = box(-180.0, -LAT_LIMIT, 180.0, LAT_LIMIT)
    region = box(*REGION)
    geoms = []
    for g in gdf.geometry:
        g = _polygonal(g)
        if g is None:
            geoms.append(None)
            continue
        g = g.intersection(world)
        if simplify_outside and not g.is_empty:
            inside = g.intersection(region)
            outside = g.difference(region).simplify(OUTSIDE_TOLERANCE_DEG, preserve_topology=True)
            g = shapely.union(inside, outside) if not outside.is_empty else inside
        g = _polygonal(shapely.set_precision(g, 1e-6)) if not g.is_empty else None
        geoms.append(g)
    out = gdf.copy()
    out = out.set_geometry(gpd.GeoSeries(geoms, index=gdf.index, crs="EPSG:4326"))
    return out[~out.geometry.isna()].reset_index(drop=True)


def read_inputs(src: Path) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Read the TopoJSON countries and land layers (CRS set to EPSG:4326)."""
    c = gpd.read_file(src / "countries-50m.json", layer="countries")
    c = c.set_crs("EPSG:4326", allow_override=True)
    c["iso_n3"] = c["id"].fillna("").astype(str)
    c = c[["name", "iso_n3", "geometry"]].sort_values(["name", "iso_n3"], kind="stable")
    c = c.reset_index(drop=True)
    land = gpd.read_file(src / "land-50m.json", layer="land")
    land = land.set_crs("EPSG:4326", allow_override=True)
    land = land[["geometry"]]
    return c, land


def _write(countries, land, out: Path) -> None:
    if out.exists():
        out.unlink()
    os.environ["OGR_CURRENT_DATE"] = GPKG_DATE
    countries.to_file(out, layer="countries", driver="GPKG", engine="pyogrio")
    land.to_file(out, layer="land", driver="GPKG", engine="pyogrio")


def build(src: Path, out_dir: Path = HERE) -> dict:
    """Build ``basemap.gpkg`` and ``basemap_provenance.json`` in ``out_dir``.

    Returns the provenance dictionary.
    """
    countries_raw, land_raw = read_inputs(src)
    out = out_dir / "basemap.gpkg"
    simplified = False
    countries, land = _clean(countries_raw, False), _clean(land_raw, False)
    _write(countries, land, out)
    size_full = out.stat().st_size
    if size_full > MAX_BYTES:
        simplified = True
        countries, land = _clean(countries_raw, True), _clean(land_raw, True)
        _write(countries, land, out)
    size = out.stat().st_size
    sg = countries[countries["name"] == "Singapore"]
    if sg.empty or sg.geometry.iloc[0].is_empty:
        raise RuntimeError("Singapore missing from the basemap")

    prov = {
        "source": {
            "package": f"npm:{PACKAGE}@{VERSION}",
            "url": f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz",
            "files": {name: {"sha256": _sha256(src / name)} for name in INPUT_FILES},
            "data": "Natural Earth 1:50m Admin 0 countries and land (via world-atlas TopoJSON)",
        },
        "licence": "Natural Earth: public domain "
        "(https://www.naturalearthdata.com/about/terms-of-use/);"
        " world-atlas packaging: ISC licence",
        "attribution": "Made with Natural Earth. "
        "Free vector and raster map data @ naturalearthdata.com.",
        "crs": "EPSG:4326",
        "layers": {
            "countries": {
                "features": int(len(countries)), "columns": ["name", "iso_n3", "geometry"]
            },
            "land": {"features": int(len(land)), "columns": ["geometry"]},
        },
        "processing": [
            "read TopoJSON with GDAL (pyogrio); CRS set to EPSG:4326",
            "iso_n3 = TopoJSON feature id (numeric ISO 3166-1), empty where Natural Earth has none",
            "spherical TopoJSON rings made planar: rings crossing the antimeridian unwrapped "
            "and split at +-180 (Russia, Fiji, Eurasia land); rings round the South Pole closed "
            "along the pole (Antarctica)",
            "shapely.make_valid; polygonal parts kept; written as MultiPolygon",
            f"clipped to latitude [-{LAT_LIMIT:g}, {LAT_LIMIT:g}] (Web Mercator)",
            "coordinates rounded to 1e-6 degrees (shapely.set_precision)",
            (
                f"world outside lon {REGION[0]:g}..{REGION[2]:g}, lat {REGION[1]:g}..{REGION[3]:g} "
                f"simplified with tolerance {OUTSIDE_TOLERANCE_DEG} deg; region at full 1:50m"
                if simplified
                else f"no simplification: whole world at full 1:50m detail "
                f"({size_full} bytes <= {MAX_BYTES})"
            ),
        ],
        "simplified_outside_region": simplified,
        "size_bytes_full_world": size_full,
        "size_bytes": size,
        "build_command": "python -m asean_atlas.geodata.build_basemap",
    }
    (out_dir / "basemap_provenance.json").write_text(
        json.dumps(prov, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return prov


def main(argv: list[str] | None = None) -> int:
    """Command line of ``python -m asean_atlas.geodata.build_basemap``; returns the exit status."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source-dir", type=Path, help="unpacked world-atlas package folder")
    p.add_argument("--out-dir", type=Path, default=HERE)
    a = p.parse_args(argv)
    if a.source_dir:
        prov = build(a.source_dir, a.out_dir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            prov = build(fetch_package(Path(tmp)), a.out_dir)
    print(json.dumps({k: prov[k] for k in ("layers", "size_bytes", "simplified_outside_region")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
