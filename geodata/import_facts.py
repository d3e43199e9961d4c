"""Turn the project's cable fact tables into the source tables ``sources/cables.csv`` and
``sources/landing_stations.csv``.

Run with::

    python -m asean_atlas.geodata.import_facts [--facts DIR]

``DIR`` defaults to ``../shared/facts`` next to the repository. Its ``facts_cables.csv`` and
``facts_landing_points.csv`` hold facts (names, years, lengths, owners, landing points and
their coordinates) from TeleGeography's openly licensed data release (CC BY-NC-SA 3.0,
www.submarinecablemap.com repository at commit 0d684b2, 2022-11-11) plus later news where
stated. Only those facts are used, with attribution; no drawn route geometry.

The other source tables (``compute_hubs.csv``, ``factories.csv``, ``data_centres.csv``,
``fiveg.csv``) are curated by hand from ``facts_other.md`` and are not touched here.

This is a one-off import step; the build (:mod:`asean_atlas.geodata.build`) reads only
``sources/``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DEFAULT_FACTS = HERE.parent.parent / "shared" / "facts"

#: date the facts were taken from the project's fact tables
ACCESSED = "2026-11-29"
TG_COMMIT = "0d684b2"
TG_REPO = "https://github.com/telegeography/www.submarinecablemap.com"

COMMON = [
    "id", "name", "name_zh", "category", "country", "operator", "status", "start_date",
    "end_date", "source", "source_url", "accessed", "confidence", "notes",
]

#: country names used by TeleGeography -> ISO 3166-1 alpha-3
ISO3 = {
    "Algeria": "DZA", "Australia": "AUS", "Bangladesh": "BGD", "Belgium": "BEL", "Brunei": "BRN",
    "Cambodia": "KHM", "China": "CHN", "Christmas Island": "CXR", "Cyprus": "CYP",
    "Djibouti": "DJI", "Egypt": "EGY", "France": "FRA", "Greece": "GRC", "Guam": "GUM",
    "India": "IND", "Indonesia": "IDN", "Italy": "ITA", "Japan": "JPN", "Jordan": "JOR",
    "Kenya": "KEN", "Malaysia": "MYS", "Maldives": "MDV", "Malta": "MLT", "Mauritius": "MUS",
    "Mexico": "MEX", "Micronesia": "FSM", "Morocco": "MAR", "Myanmar": "MMR",
    "New Zealand": "NZL", "Oman": "OMN", "Pakistan": "PAK", "Palau": "PLW",
    "Papua New Guinea": "PNG", "Philippines": "PHL", "Portugal": "PRT", "Qatar": "QAT",
    "Réunion": "REU", "Saudi Arabia": "SAU", "Seychelles": "SYC", "Singapore": "SGP",
    "Somalia": "SOM", "South Africa": "ZAF", "South Korea": "KOR", "Spain": "ESP",
    "Sri Lanka": "LKA", "Taiwan": "TWN", "Thailand": "THA", "Timor-Leste": "TLS",
    "Tunisia": "TUN", "Turkey": "TUR", "United Arab Emirates": "ARE",
    "United Kingdom": "GBR", "United States": "USA", "Vietnam": "VNM", "Yemen": "YEM",
}

#: bounding boxes (lon_min, lat_min, lon_max, lat_max) telling Hong Kong and Macau apart
#: from mainland China, whose landings TeleGeography files under "China"
SAR_BOXES = {
    "HKG": (113.80, 22.13, 114.50, 22.60),
    "MAC": (113.50, 22.08, 113.62, 22.22),
}
SAR_NAMES = {"HKG": "Hong Kong", "MAC": "Macau"}


def iso3_of(country: str, lon: float, lat: float) -> str:
    """ISO alpha-3 of a TeleGeography country name, with HKG/MAC split from CHN by location."""
    code = ISO3[country]
    if code == "CHN":
        for sar, (x0, y0, x1, y1) in SAR_BOXES.items():
            if x0 <= lon <= x1 and y0 <= lat <= y1:
                return sar
    return code


def tg_url(kind: str, ident: str) -> str:
    """URL of TeleGeography's per-item JSON (``kind`` "cable" or "landing-point") at the pinned commit."""
    return f"{TG_REPO}/blob/{TG_COMMIT}/web/public/api/v3/{kind}/{ident}.json"


def landing_stations(facts: Path) -> pd.DataFrame:
    """Landing-station source table (one row per TeleGeography landing point, lon/lat degrees WGS84, ISO 3166-1 alpha-3 with HKG/MAC told apart) from ``facts/facts_landing_points.csv``."""
    lp = pd.read_csv(facts / "facts_landing_points.csv", dtype=str, keep_default_na=False)
    rows = []
    for r in lp.itertuples(index=False):
        lon, lat = float(r.lon), float(r.lat)
        iso = iso3_of(r.country, lon, lat)
        region = SAR_NAMES.get(iso, r.country)
        note = "coordinates: TeleGeography landing point (town-level)"
        if iso in SAR_NAMES:
            note += f"; filed under China by TeleGeography, placed in {region} by location"
        rows.append({
            "id": r.landing_point_id, "name": r.name, "name_zh": "",
            "category": "cable landing station", "country": iso, "operator": "", "status": "",
            "start_date": "", "end_date": "", "place": f"{r.name}, {region}",
            "lon": f"{lon:.6f}", "lat": f"{lat:.6f}", "location_precision": "town",
            "location_source": "TeleGeography landing point (CC BY-NC-SA 3.0)",
            "source": r.source, "source_url": tg_url("landing-point", r.landing_point_id),
            "accessed": ACCESSED, "confidence": "high", "notes": note,
        })
    return pd.DataFrame(rows)


def cables(facts: Path, stations: pd.DataFrame) -> pd.DataFrame:
    """Cable source table (one row per cable of ``facts/facts_cables.csv``, landing stations matched to ``stations`` ids); raises KeyError for a landing point not in ``stations``."""
    cf = pd.read_csv(facts / "facts_cables.csv", dtype=str, keep_default_na=False)
    key = {
        (n, c): sid
        for n, c, sid in zip(
            *[pd.read_csv(facts / "facts_landing_points.csv", dtype=str, keep_default_na=False)[k]
              for k in ("name", "country", "landing_point_id")]
        )
    }
    iso_of = dict(zip(stations["id"], stations["country"]))
    rows = []
    for r in cf.itertuples(index=False):
        ids = []
        for p in r.landing_points.split("; "):
            name, _, country = p.rpartition(", ")
            ids.append(key[(name, country)])
        head, _, tail = r.source.partition(";")
        tail = tail.strip()
        later = "later reports" in tail
        if r.rfs_year:
            status, conf = "in service", ("medium" if later else "high")
        else:
            status, conf = "planned", ("medium" if later else "low")
        notes = tail
        if not r.rfs_year and not later:
            notes = tail or "not in service per the 2022 data"
        rows.append({
            "id": r.cable_id, "name": r.name, "name_zh": "", "category": "submarine cable",
            "country": ";".join(sorted({iso_of[i] for i in ids})), "operator": "",
            "status": status, "start_date": r.rfs_year, "end_date": "",
            "rfs_year": r.rfs_year, "length_km": r.length_km, "owners": r.owners,
            "landing_station_ids": ";".join(ids),
            "source": head.strip() + ("; " + re.sub(r"^.*?later reports:\s*", "", tail)
                                      if later else ""),
            "source_url": tg_url("cable", r.cable_id), "accessed": ACCESSED,
            "confidence": conf, "notes": notes,
        })
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    """Command line of ``python -m asean_atlas.geodata.import_facts``; returns the exit status."""
    p = argparse.ArgumentParser(description="import cable facts into geodata/sources")
    p.add_argument("--facts", type=Path, default=DEFAULT_FACTS)
    a = p.parse_args(argv)
    st = landing_stations(a.facts)
    cb = cables(a.facts, st)
    SOURCES.mkdir(exist_ok=True)
    st.to_csv(SOURCES / "landing_stations.csv", index=False, lineterminator="\n")
    cb.to_csv(SOURCES / "cables.csv", index=False, lineterminator="\n")
    print(f"landing_stations: {len(st)}, cables: {len(cb)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
