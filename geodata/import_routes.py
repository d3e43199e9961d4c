"""Import the cable routes of TeleGeography's Nov 2022 open release (issue 10).

Run with::

    python -m asean_atlas.geodata.import_routes [--release ../shared/realdata/telegeography/cable-geo.json]

Writes ``geodata/sources/cable_routes.geojson``: for every cable of ``sources/cables.csv`` found in
the release, its whole route as the release draws it (MultiLineString, split at ±180° as in the
release, to its far landings in Japan, India, Europe or the US), dissolved by cable ``id`` (six
cables are two features upstream), coordinates rounded to 6 decimals (~0.1 m), with the release's
``color`` (the first feature's) and ``feature_id``s. The FeatureCollection carries the provenance
(source, commit, licence, attribution) as foreign members (RFC 7946 §6.1).

Licence: CC BY-NC-SA 3.0 Unported, © TeleGeography (www.submarinecablemap.com), the same terms as
the cable facts; commit 0d684b2aedeae0f7473280270f3f71fa0983f0b3 of 2022-11-11.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "sources" / "cable_routes.geojson"
DEFAULT_RELEASE = HERE.parent.parent / "shared" / "realdata" / "telegeography" / "cable-geo.json"
PROVENANCE = {
    "source": "TeleGeography Submarine Cable Map, open data release: web/public/api/v3/cable/cable-geo.json",
    "repository": "github.com/telegeography/www.submarinecablemap.com (via the fork Kadantte/www.submarinecablemap.com)",
    "commit": "0d684b2aedeae0f7473280270f3f71fa0983f0b3",
    "date": "2022-11-11",
    "licence": "CC BY-NC-SA 3.0 Unported",
    "attribution": "Submarine cable data © TeleGeography, www.submarinecablemap.com, CC BY-NC-SA 3.0",
}


def _round(coords, nd: int = 6):
    if isinstance(coords[0], (int, float)):
        return [round(float(c), nd) for c in coords]
    return [_round(c, nd) for c in coords]


def import_routes(release: Path, cables_csv: Path = HERE / "sources" / "cables.csv", out: Path = OUT) -> dict:
    """Write the route table for the cables of ``cables_csv`` found in ``release``.

    Parameters
    ----------
    release : Path
        TeleGeography's ``cable-geo.json`` (EPSG:4326, MultiLineStrings).
    cables_csv : Path
        The cable source table (its ``id`` column).
    out : Path
        Destination GeoJSON.

    Returns
    -------
    dict
        ``{"routes": n, "missing": [ids of cables not in the release]}``.
    """
    ids = [r["id"] for r in csv.DictReader(cables_csv.open(encoding="utf-8"))]
    data = json.loads(release.read_text(encoding="utf-8"))
    by_id: dict[str, dict] = {}
    for f in data["features"]:
        cid = f["properties"]["id"]
        if cid not in ids:
            continue
        entry = by_id.setdefault(cid, {"lines": [], "feature_ids": [], "color": f["properties"]["color"],
                                       "name": f["properties"]["name"]})
        entry["lines"] += _round(f["geometry"]["coordinates"])
        entry["feature_ids"].append(f["properties"]["feature_id"])
    features = [
        {
            "type": "Feature",
            "properties": {"id": cid, "name": e["name"], "color": e["color"],
                           "feature_ids": ";".join(e["feature_ids"])},
            "geometry": {"type": "MultiLineString", "coordinates": e["lines"]},
        }
        for cid, e in sorted(by_id.items())
    ]
    fc = {"type": "FeatureCollection", **PROVENANCE, "features": features}
    out.write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return {"routes": len(features), "missing": [i for i in ids if i not in by_id]}


def main(argv: list[str] | None = None) -> int:
    """Command line; returns 0."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--release", type=Path, default=DEFAULT_RELEASE)
    a = p.parse_args(argv)
    r = import_routes(a.release)
    print(f"wrote {OUT}: {r['routes']} routes; not in the release: {', '.join(r['missing']) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
