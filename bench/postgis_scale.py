"""PostGIS at scale (issue 15 item 5): 10,000,000 points with a date field in a local PostgreSQL +
PostGIS server, against the same points in a GeoPackage read whole.

Usage (a throw-away server is started and stopped; needs Debian ``postgresql postgis``)::

    QT_QPA_PLATFORM=offscreen python -m bench.postgis_scale [--points 10000000] [--runs 3]
                                                           [--out docs/POSTGIS-SCALE.json]

The points are made on the server (``generate_series``, ``setseed``: the same points every run),
uniform over lon 92..140, lat -10..28, ``opened`` a date in 1995..2025, then indexed (GiST),
clustered on the index (as ``asean-atlas db push`` leaves a table) and analysed. The GeoPackage
holds the same rows (written by pyogrio in chunks, its R-tree built).
Each measurement runs in a fresh process of :mod:`bench.postgis_worker`, as a user's window would:
a request for the view (:func:`asean_atlas.layers.postgis_view.fetch_view`: count, then grid counts
or features), the layer built from it, one frame of 1600x1000 pixels drawn by the window's
renderer. Views: the country (Thailand, lon 97.3..105.7, lat 5.6..20.5) and a city (Bangkok,
lon 100.35..100.75, lat 13.6..13.95); a time-slider step is the country view as of the next year.
Medians of the runs; the worker's peak RSS (MB) throughout.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: Views (west, south, east, north), degrees.
COUNTRY = (97.3, 5.6, 105.7, 20.5)
CITY = (100.35, 13.6, 100.75, 13.95)


def make_table(uri: str, n: int) -> float:
    """Create and fill ``public.points`` with ``n`` seeded points; seconds taken."""
    import psycopg

    t = time.perf_counter()
    with psycopg.connect(uri, autocommit=True) as con:
        con.execute("DROP TABLE IF EXISTS points")
        con.execute("CREATE TABLE points (id bigint, name text, opened date, geom geometry(Point, 4326))")
        con.execute("SELECT setseed(0.15)")
        con.execute("INSERT INTO points SELECT g, 'site ' || g, date '1995-01-01' + (random() * 11300)::int, "
                    "ST_SetSRID(ST_MakePoint(92 + random() * 48, -10 + random() * 38), 4326) "
                    "FROM generate_series(1, %s) AS g", (n,))
        con.execute("CREATE INDEX points_geom ON points USING gist (geom)")
        con.execute("CLUSTER points USING points_geom")  # as asean-atlas db push leaves a table
        con.execute("VACUUM ANALYZE points")
    return time.perf_counter() - t


def make_gpkg(uri: str, path: Path, chunk: int = 1_000_000) -> float:
    """Copy ``public.points`` into a GeoPackage (pyogrio, in chunks); seconds taken."""
    import numpy as np
    import pyarrow as pa
    import pyogrio
    import psycopg
    import shapely

    t = time.perf_counter()
    path.unlink(missing_ok=True)
    with psycopg.connect(uri) as con, con.cursor(name="dump") as cur:
        cur.execute("SELECT id, name, opened::text, ST_X(geom), ST_Y(geom) FROM points ORDER BY id")
        first = True
        while rows := cur.fetchmany(chunk):
            ids, names, opened, x, y = zip(*rows)
            wkb = shapely.to_wkb(shapely.points(np.array(x), np.array(y)))
            table = pa.table({"id": pa.array(ids, pa.int64()), "name": pa.array(names), "opened": pa.array(opened),
                              "geometry": pa.array(list(wkb), pa.binary())})
            pyogrio.write_arrow(table, path, layer="points", driver="GPKG", geometry_name="geometry",
                                geometry_type="Point", crs="EPSG:4326", append=not first,
                                layer_options={"SPATIAL_INDEX": "YES"})
            first = False
    return time.perf_counter() - t


def _worker(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, "-m", "bench.postgis_worker", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=3600)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1][:300]}
    return json.loads(lines[-1])


def _median(results: list[dict]) -> dict:
    ok = [r for r in results if "error" not in r]
    if not ok:
        return results[0] if results else {}
    return {k: statistics.median(r[k] for r in ok) for k in ok[0] if isinstance(ok[0][k], (int, float))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.postgis_scale", description=__doc__.split("\n\n")[0])
    ap.add_argument("--points", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-gpkg", action="store_true")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "postgis-scale.json")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO / "tests"))
    import pg_server

    why = pg_server.available()
    if why:
        print(f"no PostgreSQL/PostGIS here: {why}", file=sys.stderr)
        return 2
    server = pg_server.Server()
    out: dict = {"points": args.points}
    try:
        out["load_table_s"] = make_table(server.uri, args.points)
        print(f"table of {args.points:,} points made in {out['load_table_s']:.1f} s", file=sys.stderr)
        out["postgis"] = _median([_worker(["postgis", f"{server.uri}&table=public.points"]) for _ in range(args.runs)])
        print("postgis", out["postgis"], file=sys.stderr)
        if not args.no_gpkg:
            gpkg = Path("/tmp/atlas-bench-points.gpkg")
            out["write_gpkg_s"] = make_gpkg(server.uri, gpkg)
            out["gpkg_mb"] = gpkg.stat().st_size / 2**20
            out["gpkg"] = _median([_worker(["gpkg", str(gpkg)]) for _ in range(max(1, args.runs - 1))])
            print("gpkg", out["gpkg"], file=sys.stderr)
            gpkg.unlink(missing_ok=True)
    finally:
        server.stop()
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
