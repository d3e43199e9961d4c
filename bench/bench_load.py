"""Benchmark (issue 4): load 1,000,000 GeoJSON points, the Atlas vs geopandas, and the cache reopen.

Prints the median of several runs, in the same process and on the same file, of

- ``geopandas.read_file(path, use_arrow=True)``: the reference (no checks at all);
- ``asean_atlas.layers.io.read_layer(path, cache=False)``: the Atlas, with every check of issue 4
  (encoding, CRS, repair, antimeridian, nested attributes, temporal detection) and Arrow batches;
- ``read_layer(path, cache=True)`` once the GeoParquet cache entry exists (target ≤ 1 s).

Usage::

    python bench/bench_load.py [--n 1000000] [--runs 3]

The file and the cache live in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np


def write_points(path: Path, n: int, seed: int = 0) -> None:
    """``n`` random points over Southeast Asia with an id, a name and a year, as GeoJSON."""
    rng = np.random.default_rng(seed)
    lon = np.char.mod("%.6f", rng.uniform(90, 140, n))
    lat = np.char.mod("%.6f", rng.uniform(-10, 30, n))
    ids = np.char.mod("%d", np.arange(n))
    years = np.char.mod("%d", rng.integers(1990, 2026, n))
    parts = [
        '{"type":"Feature","properties":{"id":', ids, ',"name":"site ', ids, '","rfs_year":', years,
        '},"geometry":{"type":"Point","coordinates":[', lon, ",", lat, "]}}",
    ]
    feats = parts[0]
    for part in parts[1:]:
        feats = np.char.add(feats, part)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        fh.write(",\n".join(feats.tolist()))
        fh.write("\n]}\n")


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        os.environ["ASEAN_ATLAS_CACHE_DIR"] = str(Path(tmp) / "cache")
        import geopandas as gpd

        from asean_atlas.layers.io import read_layer

        path = Path(tmp) / "points.geojson"
        t0 = time.perf_counter()
        write_points(path, args.n)
        size_mb = path.stat().st_size / 1e6
        print(f"file: {args.n:,} points, {size_mb:.0f} MB GeoJSON (written in {time.perf_counter() - t0:.1f} s)")

        # interleaved, so both see the same page cache and machine load
        runs_gpd, runs_atlas = [], []
        for _ in range(args.runs):
            t, ref = timed(lambda: gpd.read_file(path, use_arrow=True), 1)
            runs_gpd.append(t)
            t, layer = timed(lambda: read_layer(path, cache=False), 1)
            runs_atlas.append(t)
        t_gpd, t_atlas = statistics.median(runs_gpd), statistics.median(runs_atlas)
        assert len(ref) == layer.feature_count == args.n
        assert layer.temporal is not None and layer.temporal.start_field == "rfs_year"
        t0 = time.perf_counter()
        read_layer(path, cache=True)  # first open writes the cache entry
        t_first = time.perf_counter() - t0
        t_cache, cached = timed(lambda: read_layer(path, cache=True), args.runs)
        assert cached.feature_count == args.n and "reopened from the GeoParquet cache" in cached.report.notes
        cache_mb = sum(f.stat().st_size for f in (Path(tmp) / "cache").iterdir()) / 1e6

        print(f"geopandas.read_file(use_arrow=True): median {t_gpd:.2f} s ({size_mb / t_gpd:.0f} MB/s)")
        print(f"atlas read_layer (all checks):       median {t_atlas:.2f} s ({size_mb / t_atlas:.0f} MB/s)")
        print(f"ratio atlas / geopandas:             {t_atlas / t_gpd:.2f}x (target <= 1.10x)")
        print(f"first open with cache write:         {t_first:.2f} s (cache entry {cache_mb:.0f} MB)")
        print(f"reopen from GeoParquet cache:        median {t_cache:.2f} s (target <= 1 s)")


if __name__ == "__main__":
    main()
