"""Cached reopen (issue 9): a file opened once (the cache is written), then reopened from the cache,
against ``read_parquet`` of that cache file: ``geopandas.read_parquet`` of a GeoParquet entry,
``pandas.read_parquet`` of a compact point layer's plain Parquet entry (attributes and two
coordinate columns).

Each step runs in a fresh process of its own (``bench.run.bench_reopen`` alternates the order of
the last two), so neither side of the ratio profits from the other's warm-up (pyarrow's pools and
thread pool, the imports)::

    ASEAN_ATLAS_CACHE_DIR=DIR python -m bench.reopen_worker write DATASET.fgb   # first_open_s
    ASEAN_ATLAS_CACHE_DIR=DIR python -m bench.reopen_worker reopen DATASET.fgb  # reopen_s
    ASEAN_ATLAS_CACHE_DIR=DIR python -m bench.reopen_worker read_parquet DATASET.fgb  # read_parquet_s

Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> None:
    step, path = sys.argv[1], sys.argv[2]
    cache_dir = os.environ["ASEAN_ATLAS_CACHE_DIR"]
    from pathlib import Path

    import geopandas as gpd
    import pandas as pd

    # the same modules before every clock (session 29): pyarrow.parquet (~12 ms) was imported by
    # the read_parquet step before its clock and by the reopen within it; pyarrow.dataset (~22 ms)
    # by both within (ParquetDataset imports it on first use)
    import pyarrow.dataset  # noqa: F401
    import pyarrow.parquet  # noqa: F401

    from asean_atlas.layers.io import read_layer

    if step == "write":
        t = time.perf_counter()
        layer = read_layer(path, cache=True)
        print(json.dumps({"first_open_s": time.perf_counter() - t, "compact": layer.compact}))
    elif step == "reopen":
        t = time.perf_counter()
        layer = read_layer(path, cache=True)
        reopen = time.perf_counter() - t
        assert "reopened from the GeoParquet cache" in layer.report.summary()
        print(json.dumps({"reopen_s": reopen, "compact": layer.compact}))
    elif step == "read_parquet":
        cached = next(Path(cache_dir).rglob("*.parquet"))
        import pyarrow.parquet as pq

        # a compact point layer's entry is plain Parquet (no "geo" metadata): pandas reads it
        compact = b"geo" not in (pq.read_schema(cached).metadata or {})
        t = time.perf_counter()
        (pd.read_parquet if compact else gpd.read_parquet)(cached)
        print(json.dumps({"read_parquet_s": time.perf_counter() - t, "compact": compact}))
    else:
        raise SystemExit(f"unknown step {step!r}")


if __name__ == "__main__":
    main()
