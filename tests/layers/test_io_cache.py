"""Issue 4: the GeoParquet cache of imported layers (keyed by path, size, mtime and options)."""

import json
import os

import pytest

from asean_atlas.layers import cache
from asean_atlas.layers.io import read_layer

REOPENED = "reopened from the GeoParquet cache"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ASEAN_ATLAS_CACHE_DIR", str(folder))
    return folder


def _write(path, names):
    feats = [{"type": "Feature", "properties": {"name": n, "tags": ["a", n], "rfs_year": 2000 + i},
              "geometry": {"type": "LineString", "coordinates": [[170, i], [-170, i + 1]]}} for i, n in enumerate(names)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))


def test_cache_reopens_same_layer(tmp_path, cache_dir):
    path = tmp_path / "cables.geojson"
    _write(path, ["A", "B"])
    first = read_layer(path, cache=True)
    assert REOPENED not in first.report.notes
    assert len(list(cache_dir.glob("*.parquet"))) == 1
    again = read_layer(path, cache=True)
    assert REOPENED in again.report.notes
    assert list(again.frame["name"]) == ["A", "B"] and list(again.frame["tags"]) == ['["a", "A"]', '["a", "B"]']
    assert again.frame.geometry.iloc[0].equals(first.frame.geometry.iloc[0])
    assert again.report.antimeridian_split == 2 and again.report.encoding == "UTF-8"
    assert again.temporal is not None and again.temporal.start_field == "rfs_year"


def test_cache_misses_after_the_file_changes(tmp_path, cache_dir):
    path = tmp_path / "sites.geojson"
    _write(path, ["A"])
    read_layer(path, cache=True)
    _write(path, ["A", "B", "C"])
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    changed = read_layer(path, cache=True)
    assert changed.feature_count == 3 and REOPENED not in changed.report.notes


def test_cache_key_covers_options_and_default_is_size_based(tmp_path, cache_dir):
    path = tmp_path / "s.geojson"
    _write(path, ["A"])
    assert cache.cache_key(path) != cache.cache_key(path, encoding="cp874")
    assert cache.cache_key(path) != cache.cache_key(path, crs="EPSG:32647")
    assert cache.cache_key(tmp_path / "gone.geojson") is None
    assert not cache.should_cache(path)  # small files are not cached by default
    read_layer(path)
    assert not cache_dir.exists()


def test_broken_cache_entry_is_a_miss(tmp_path, cache_dir):
    path = tmp_path / "s.geojson"
    _write(path, ["A"])
    read_layer(path, cache=True)
    for f in cache_dir.glob("*.parquet"):
        f.write_bytes(b"garbage")
    layer = read_layer(path, cache=True)
    assert layer.feature_count == 1 and REOPENED not in layer.report.notes


def test_prune_keeps_the_cache_bounded(tmp_path, cache_dir):
    paths = []
    for i in range(3):
        path = tmp_path / f"s{i}.geojson"
        _write(path, ["A"] * (i + 1))
        read_layer(path, cache=True)
        paths.append(path)
    entries = sorted(cache_dir.glob("*.parquet"), key=lambda f: f.stat().st_mtime_ns)
    assert len(entries) == 3
    newest = entries[-1]
    assert cache.prune(cache_dir, max_bytes=newest.stat().st_size) == 2
    assert list(cache_dir.glob("*.parquet")) == [newest] and len(list(cache_dir.glob("*.json"))) == 1


def test_load_path_runs_without_qt(tmp_path):
    """read_layer with the cache, encodings and geometry modules works with Qt blocked."""
    import subprocess
    import sys

    path = tmp_path / "thai.csv"
    path.write_bytes("name,lon,lat\nกรุงเทพมหานคร สถานีเคเบิลใต้น้ำ,100.5,13.7\n".encode("cp874"))
    code = f"""
import sys
class _Block:
    def find_spec(self, name, path=None, target=None):
        if name.startswith(("PySide6", "shiboken6")):
            raise ImportError("Qt is blocked in this test")
sys.meta_path.insert(0, _Block())
from asean_atlas.layers.io import read_layer
layer = read_layer({str(path)!r}, cache=True)
assert layer.report.encoding == "cp874 (detected)", layer.report.encoding
assert not any(m.startswith("PySide6") for m in sys.modules)
print("ok")
"""
    env = {**os.environ, "ASEAN_ATLAS_CACHE_DIR": str(tmp_path / "c")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok" and list((tmp_path / "c").glob("*.parquet"))


def test_reopen_leaves_no_mapping_of_the_entry(tmp_path, cache_dir, monkeypatch):
    """The cache entry is read memory-mapped (issue 9): once read, nothing maps it any more, so it
    can be replaced or pruned (on Windows a mapped file could not be)."""
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc/self/maps")
    import numpy as np
    import pandas as pd

    monkeypatch.setattr("asean_atlas.layers.io.COMPACT_POINTS_MIN", 1000)  # a compact point entry
    path = tmp_path / "sites.geojson"
    feats = [{"type": "Feature", "properties": {"name": f"s{i}", "year": 2000 + i % 20},
              "geometry": {"type": "Point", "coordinates": [100 + i * 1e-4, 10]}} for i in range(2000)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    read_layer(path, cache=True)
    entry = next(cache_dir.glob("*.parquet"))
    again = read_layer(path, cache=True)
    assert REOPENED in again.report.notes and again.compact
    assert str(entry) not in open("/proc/self/maps").read()
    assert list(again.attributes["name"][:2]) == ["s0", "s1"]
    np.testing.assert_allclose(again.lonlat()[0][:2], [100, 100.0001])
    assert pd.Series(again.start_dates).dt.year.tolist()[:3] == [2000, 2001, 2002]
    assert again.undated_count() == 0


@pytest.mark.parametrize("damage", ["truncated", "no coordinate columns", "zero bytes"])
def test_damaged_point_entry_is_a_miss(tmp_path, cache_dir, monkeypatch, damage):
    """A compact point entry cut short, emptied, or naming coordinate columns it lacks is read
    again from the file (memory-mapped reads included, issue 9), never an error."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    monkeypatch.setattr("asean_atlas.layers.io.COMPACT_POINTS_MIN", 10)
    path = tmp_path / "sites.geojson"
    feats = [{"type": "Feature", "properties": {"name": f"s{i}", "year": 2001},
              "geometry": {"type": "Point", "coordinates": [100 + i * 0.01, 10]}} for i in range(50)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    assert read_layer(path, cache=True).compact
    entry = next(cache_dir.glob("*.parquet"))
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "zero bytes":
        entry.write_bytes(b"")
    else:
        table = pq.read_table(entry)
        meta = dict(table.schema.metadata)
        table = pa.table({"name": table.column("name")}).replace_schema_metadata(meta)
        pq.write_table(table, entry)
    again = read_layer(path, cache=True)
    assert REOPENED not in again.report.notes
    assert again.feature_count == 50 and again.undated_count() == 0
