"""Cached reopen (issue 9): a file opened once (the cache is written), then reopened from the cache,
against ``read_parquet`` of that cache file in the same process: ``geopandas.read_parquet`` of a
GeoParquet entry, ``pandas.read_parquet`` of a compact point layer's plain Parquet entry (attributes
and two coordinate columns). Prints ``first_open_s``, ``reopen_s``, ``read_parquet_s``,
``compact``."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time


def main() -> None:
    os.environ["ASEAN_ATLAS_CACHE_DIR"] = tempfile.mkdtemp(prefix="atlas-bench-cache-")
    from pathlib import Path

    import geopandas as gpd

    from asean_atlas.layers.io import read_layer

    path = sys.argv[1]
    t = time.perf_counter()
    read_layer(path, cache=True)
    first = time.perf_counter() - t
    t = time.perf_counter()
    layer = read_layer(path, cache=True)
    reopen = time.perf_counter() - t
    assert "reopened from the GeoParquet cache" in layer.report.summary()
    cached = next(Path(os.environ["ASEAN_ATLAS_CACHE_DIR"]).rglob("*.parquet"))
    import pandas as pd

    t = time.perf_counter()
    (pd.read_parquet if layer.compact else gpd.read_parquet)(cached)
    rp = time.perf_counter() - t
    print(json.dumps({"first_open_s": first, "reopen_s": reopen, "read_parquet_s": rp, "compact": layer.compact}))


if __name__ == "__main__":
    main()
