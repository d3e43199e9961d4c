"""Build the built-in layers ``geodata/atlas.gpkg`` and ``geodata/atlas_manifest.json``.

Run with::

    python -m asean_atlas.geodata.build [--out-dir DIR] [--res DEG]

Reads only the source tables in ``geodata/sources/*.csv`` and the basemap
(``geodata/basemap.gpkg``, for the sea raster of the cable routes). Output is
deterministic: same inputs, same file (GeoPackage timestamps are fixed).

The attribute tables (:func:`build_attributes`) are separate from the
geometry (:func:`build_geometries`); the cable routing needs ``scikit-image``
and ``scipy`` (the ``build`` extra) and takes a few minutes, the rest is fast.

Layers
------
``cables`` (MultiLineString), ``landing_stations``, ``compute_hubs``,
``factories``, ``data_centres``, ``fiveg`` (Point); all EPSG:4326. See
:mod:`asean_atlas.geodata.builtin` for the columns.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
GPKG_DATE = "2026-01-01T00:00:00.000Z"
#: station connectors longer than this (degrees) are listed in the manifest
LONG_CONNECTOR_DEG = 0.25

COMMON = [
    "id", "name", "name_zh", "category", "country", "operator", "status", "start_date",
    "end_date", "source", "source_url", "accessed", "confidence", "notes",
]
POINT_EXTRA = ["place", "location_precision", "location_source"]

#: layer id -> (source table, extra columns in output order, {column: dtype})
LAYERS: dict[str, tuple[str, list[str], dict[str, str]]] = {
    "cables": (
        "cables.csv",
        ["rfs_year", "length_km", "owners", "landing_station_ids", "route"],
        {"rfs_year": "Int64", "length_km": "float64"},
    ),
    "landing_stations": (
        "landing_stations.csv",
        POINT_EXTRA + ["cable_count", "cable_names", "cable_ids"],
        {"cable_count": "int64"},
    ),
    "compute_hubs": ("compute_hubs.csv", POINT_EXTRA, {}),
    "factories": (
        "factories.csv", POINT_EXTRA + ["area_m2", "capacity", "product"], {"area_m2": "float64"}
    ),
    "data_centres": ("data_centres.csv", POINT_EXTRA + ["capacity_mw"], {"capacity_mw": "float64"}),
    "fiveg": ("fiveg.csv", POINT_EXTRA + ["technology"], {}),
}

LICENCES = {
    "cables": "CC BY-NC-SA 3.0: facts from TeleGeography's submarine cable data release "
    "(www.submarinecablemap.com, Nov 2022) with later news as cited per row; routes are "
    "schematic, drawn by this project (no TeleGeography geometry).",
    "landing_stations": "CC BY-NC-SA 3.0: landing points from TeleGeography's submarine cable "
    "data release (www.submarinecablemap.com, Nov 2022).",
}
DEFAULT_LICENCE = (
    "Facts compiled from the public sources cited per row (source, source_url); "
    "coordinates from Natural Earth (public domain) or GeoNames (CC BY 4.0) as given in "
    "location_source."
)
ATTRIBUTION = {
    "cables": "Cable facts: TeleGeography (CC BY-NC-SA 3.0), schematic routes",
    "landing_stations": "Landing points: TeleGeography (CC BY-NC-SA 3.0)",
}


def read_source(name: str, sources: Path = SOURCES) -> pd.DataFrame:
    """Read a source table as strings (empty cells are "")."""
    return pd.read_csv(sources / name, dtype=str, keep_default_na=False, encoding="utf-8")


def _cut_stations(stations: pd.DataFrame) -> set[str]:
    from asean_atlas.geodata.routing import BOX  # plain constant; skimage is not imported

    x0, y0, x1, y1 = BOX
    lon = stations["lon"].astype(float)
    lat = stations["lat"].astype(float)
    out = ~((lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1))
    return set(stations.loc[out, "id"])


def build_attributes(sources: Path = SOURCES) -> dict[str, pd.DataFrame]:
    """Build the attribute tables of all layers from the source tables (fast, no geometry).

    Returns
    -------
    dict[str, pandas.DataFrame]
        layer id -> table with the common columns plus the layer's extra columns
        (see :data:`LAYERS`), plus ``lon``/``lat`` for point layers (used for the
        geometry, not written as columns). Rows sorted by ``id``.
    """
    out: dict[str, pd.DataFrame] = {}
    cables = read_source("cables.csv", sources)
    stations = read_source("landing_stations.csv", sources)
    cut = _cut_stations(stations)
    names = dict(zip(stations["id"], stations["place"]))

    cables = cables.copy()
    cables["route"] = "schematic"
    notes = []
    for n, ids in zip(cables["notes"], cables["landing_station_ids"]):
        outside = [i for i in ids.split(";") if i in cut]
        if outside:
            extra = (
                "route: schematic, cut at map edge towards "
                + "; ".join(names[i] for i in outside)
            )
        else:
            extra = "route: schematic"
        notes.append(f"{n} | {extra}" if n else extra)
    cables["notes"] = notes
    out["cables"] = cables

    # landing stations: cable counts, names, first RFS year and status from the cables
    by_station: dict[str, list[tuple[str, str, str, str]]] = {}
    for r in cables.itertuples(index=False):
        for sid in r.landing_station_ids.split(";"):
            by_station.setdefault(sid, []).append((r.id, r.name, r.rfs_year, r.status))
    st = stations.copy()
    cnt, cnames, cids, status, start = [], [], [], [], []
    for sid in st["id"]:
        cs = sorted(by_station.get(sid, []), key=lambda t: t[1].lower())
        cnt.append(len(cs))
        cnames.append(";".join(c[1] for c in cs))
        cids.append(";".join(c[0] for c in cs))
        years = sorted(int(c[2]) for c in cs if c[2])
        start.append(str(years[0]) if years else "")
        status.append("in service" if years else "planned")
    st["cable_count"], st["cable_names"], st["cable_ids"] = cnt, cnames, cids
    st["status"], st["start_date"] = status, start
    out["landing_stations"] = st

    for layer in ("compute_hubs", "factories", "data_centres", "fiveg"):
        out[layer] = read_source(LAYERS[layer][0], sources)

    for layer, df in out.items():
        _, extra, dtypes = LAYERS[layer]
        cols = COMMON + extra + (["lon", "lat"] if layer != "cables" else [])
        df = df[cols].copy()
        for col, dt in dtypes.items():
            if dt == "Int64":
                df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
            else:
                df[col] = pd.to_numeric(df[col].replace("", None)).astype(dt)
        out[layer] = df.sort_values("id", kind="stable").reset_index(drop=True)
    return out


def build_geometries(
    attrs: dict[str, pd.DataFrame], res: float | None = None, log=print
) -> dict[str, gpd.GeoDataFrame]:
    """Add geometry: points from lon/lat, schematic routes for cables (slow)."""
    from asean_atlas.geodata import routing
    from asean_atlas.geodata.basemap import load_basemap

    layers: dict[str, gpd.GeoDataFrame] = {}
    for layer, df in attrs.items():
        if layer == "cables":
            continue
        geom = [Point(float(x), float(y)) for x, y in zip(df["lon"], df["lat"])]
        layers[layer] = gpd.GeoDataFrame(
            df.drop(columns=["lon", "lat"]), geometry=geom, crs="EPSG:4326"
        )
    st = attrs["landing_stations"].set_index("id")
    t0 = time.perf_counter()
    sea = routing.SeaRaster(load_basemap("land").geometry, res=res or routing.RES)
    log(f"sea raster {sea.cost.shape} in {time.perf_counter() - t0:.1f} s")
    geoms, report = [], {}
    t0 = time.perf_counter()
    for r in attrs["cables"].itertuples(index=False):
        ids = r.landing_station_ids.split(";")
        stations = [(i, float(st.at[i, "lon"]), float(st.at[i, "lat"])) for i in ids]
        route = sea.route(stations)
        geoms.append(route.geometry)
        report[r.id] = {
            "land_length_deg": round(route.land_length_deg, 4),
            "max_connector_deg": max(route.connector_deg.values(), default=0.0),
            "long_connectors_deg": {
                k: v for k, v in sorted(route.connector_deg.items()) if v > LONG_CONNECTOR_DEG
            },
        }
    log(f"routed {len(geoms)} cables in {time.perf_counter() - t0:.1f} s")
    layers["cables"] = gpd.GeoDataFrame(attrs["cables"], geometry=geoms, crs="EPSG:4326")
    layers["_routing_report"] = report  # type: ignore[assignment]
    return layers


def build(out_dir: Path = HERE, res: float | None = None, log=print) -> dict:
    """Build ``atlas.gpkg`` and ``atlas_manifest.json`` in ``out_dir``; return the manifest."""
    from asean_atlas.geodata import builtin, routing

    t_start = time.perf_counter()
    attrs = build_attributes()
    layers = build_geometries(attrs, res=res, log=log)
    report = layers.pop("_routing_report")
    out = out_dir / "atlas.gpkg"
    if out.exists():
        out.unlink()
    os.environ["OGR_CURRENT_DATE"] = GPKG_DATE
    manifest_layers = []
    for info in builtin.BUILTIN_LAYERS:
        gdf = layers[info.id]
        gdf.to_file(out, layer=info.id, driver="GPKG", engine="pyogrio")
        srcs = sorted({s.strip() for v in gdf["source"] for s in v.split(";") if s.strip()})
        manifest_layers.append({
            "layer": info.id,
            "title": info.title,
            "geometry_type": str(gdf.geom_type.iloc[0]),
            "features": int(len(gdf)),
            "source_table": f"sources/{LAYERS[info.id][0]}",
            "sources": srcs if len(srcs) <= 40 else srcs[:40] + [f"... {len(srcs) - 40} more"],
            "licence": LICENCES.get(info.id, DEFAULT_LICENCE),
            "attribution": ATTRIBUTION.get(info.id, ""),
        })
    bad = {k: v["land_length_deg"] for k, v in report.items() if v["land_length_deg"] > 0}
    inland = {k: v["long_connectors_deg"] for k, v in report.items() if v["long_connectors_deg"]}
    manifest = {
        "file": "atlas.gpkg",
        "crs": "EPSG:4326",
        "build_command": "python -m asean_atlas.geodata.build",
        "layers": manifest_layers,
        "cable_routes": {
            "method": "schematic least-cost paths over a sea raster (skimage.graph.MCP_Geometric)",
            "raster_box": list(routing.BOX),
            "raster_res_deg": res or routing.RES,
            "cut_at_map_edge": "branches to landing stations outside the box end at the box edge",
            "cables_touching_land_away_from_stations": bad,
            "long_station_connectors": {
                "note": "straight last pieces (degrees) from the nearest open-sea cell to "
                f"stations more than {LONG_CONNECTOR_DEG} deg from it (inland or behind "
                "islands); they may cross land",
                "cables": inland,
            },
        },
        "basemap": "basemap.gpkg, Natural Earth 1:50m (public domain)",
    }
    (out_dir / "atlas_manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    log(f"wrote {out} ({out.stat().st_size} bytes) in {time.perf_counter() - t_start:.1f} s")
    return manifest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="build geodata/atlas.gpkg")
    p.add_argument("--out-dir", type=Path, default=HERE)
    p.add_argument("--res", type=float, default=None, help="sea raster cell size, degrees")
    a = p.parse_args(argv)
    m = build(a.out_dir, a.res)
    for layer in m["layers"]:
        print(f"{layer['layer']:18s} {layer['features']:4d}")
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main())
