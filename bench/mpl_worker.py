"""One benchmark process of the geopandas/matplotlib baseline (issue 9): ``read_file`` and a
``GeoDataFrame.plot`` frame of the same 1600x1000 view, per line width (matplotlib's Agg is always
antialiased). Prints JSON with ``load_s``, ``first_frame_ms``, ``frame_ms``, ``peak_rss_mb``."""

from __future__ import annotations

import argparse
import json
import statistics
import time

from .peak import peak_rss_mb

T_START = time.perf_counter()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--widths", default="1,1.5,3")
    ap.add_argument("--frames", type=int, default=2)
    args = ap.parse_args()
    import io

    import geopandas as gpd
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .datasets import BBOX

    out = {"tool": "matplotlib", "import_s": time.perf_counter() - T_START}
    t = time.perf_counter()
    frame = gpd.read_file(args.path, engine="pyogrio", use_arrow=True)
    out["load_s"] = time.perf_counter() - t
    merc = frame.to_crs(3857)
    from pyproj import Transformer

    tr = Transformer.from_crs(4326, 3857, always_xy=True)
    x0, y0 = tr.transform(BBOX[0], BBOX[1])
    x1, y1 = tr.transform(BBOX[2], BBOX[3])
    kind = merc.geom_type.iloc[0]

    def draw(width):
        fig = plt.figure(figsize=(16, 10), dpi=100)
        ax = fig.add_axes([0, 0, 1, 1])
        if "Point" in kind:
            merc.plot(ax=ax, markersize=7, color="#1f78b4")
        elif "Line" in kind:
            merc.plot(ax=ax, linewidth=width * 72 / 100, color="#1f78b4")
        else:
            merc.plot(ax=ax, linewidth=width * 72 / 100, edgecolor="#1f78b4", facecolor="#a6cee3")
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_axis_off()
        fig.savefig(io.BytesIO(), format="raw")
        plt.close(fig)

    t = time.perf_counter()
    draw(1.5)
    out["first_frame_ms"] = (time.perf_counter() - t) * 1000
    out["frame_ms"] = {}
    for width in (float(v) for v in args.widths.split(",")):
        times = []
        for _ in range(args.frames):
            t = time.perf_counter()
            draw(width)
            times.append((time.perf_counter() - t) * 1000)
        out["frame_ms"][f"{width:g}/1"] = statistics.median(times)
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
