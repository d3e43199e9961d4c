"""Write ``sources/country_names_zh.csv``: every basemap country's name in 简体 and 繁體 Chinese from
Unicode CLDR (issue 13 item 2), for the built-in countries layer's ``name_zh_hant`` and the
basemap's country labels; and ``sources/place_names_zh.csv``, the basemap's city labels
(``sources/places.csv``) in both scripts: CLDR's exemplar city of the city's time zone where
there is one (Bangkok 曼谷, Vientiane 万象/永珍), else a project translation, marked as such.
Build-time only (``pip install -e .[build]``)::

    python -m asean_atlas.geodata.build_names

CLDR's territory names are what operating systems and browsers show: ``zh_Hans_CN`` for simplified
(泰国, 老挝, 文莱), ``zh_Hant_TW`` for traditional as written in Taiwan (泰國, 寮國, 汶萊) — not a character
conversion of the simplified name. Countries are matched by ISO 3166 numeric code (the basemap's
``iso_n3``) through CLDR's territory aliases. CLDR is Unicode-licensed (Unicode License v3).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "sources" / "country_names_zh.csv"
COLUMNS = ["iso_n3", "iso_a2", "iso_a3", "name_en", "name_zh", "name_zh_hant", "source"]
#: CLDR names that are political descriptions rather than a map label: the label a map shows.
SHORT = {
    "HK": ("香港", "香港"),
    "MO": ("澳门", "澳門"),
}


#: ISO 3166-1 alpha-3 codes withdrawn from the standard that CLDR still lists as aliases of a current
#: territory (FXX "Metropolitan France" -> FR, TMP "East Timor" -> TL, ...): never a country's code
#: here (ISO 3166-3 lists them as formerly used).
WITHDRAWN_ALPHA3 = {"AFI", "ANT", "BUR", "BYS", "CSK", "DDR", "DHY", "FXX", "GEX", "HVO", "JTN", "MID", "NHB",
                    "NTZ", "PCI", "PCZ", "PHI", "RHO", "ROM", "SCG", "SUN", "TMP", "VDR", "WAK", "YMD", "YUG", "ZAR"}


#: ISO numeric codes of territories with landing stations that the basemap's countries lack
#: (Christmas Island, Réunion): named in the connectivity tables too (issue 14).
EXTRA_TERRITORIES = ("162", "638")


def rows() -> list[dict[str, str]]:
    """One row per basemap country with an ISO numeric code CLDR knows, and the
    :data:`EXTRA_TERRITORIES`."""
    import babel
    from babel import Locale
    from babel.core import get_cldr_version, get_global

    from asean_atlas.geodata.basemap import load_basemap

    aliases = get_global("territory_aliases")
    alpha3 = {v[0]: k for k, v in aliases.items()
              if len(k) == 3 and k.isalpha() and k.isupper() and len(v) == 1 and k not in WITHDRAWN_ALPHA3}
    en, hans, hant = Locale.parse("en"), Locale.parse("zh_Hans_CN"), Locale.parse("zh_Hant_TW")
    source = f"Unicode CLDR {get_cldr_version()} territory names (zh_Hans_CN, zh_Hant_TW) via babel {babel.__version__}"
    out = {}
    frame = load_basemap("countries")
    codes = {str(v).zfill(3) for v in frame["iso_n3"] if str(v).strip() not in ("", "None", "nan", "-99")}
    for code in sorted(codes | set(EXTRA_TERRITORIES)):
        a2 = (aliases.get(code) or [None])[0]
        if not a2 or a2 not in hans.territories:
            continue
        zh, zht = SHORT.get(a2, (hans.territories[a2], hant.territories[a2]))
        out[code] = {"iso_n3": code, "iso_a2": a2, "iso_a3": alpha3.get(a2, ""), "name_en": en.territories[a2], "name_zh": zh,
                     "name_zh_hant": zht, "source": source + (" (short form)" if a2 in SHORT else "")}
    return list(out.values())


PLACES_OUT = HERE / "sources" / "place_names_zh.csv"
PLACE_COLUMNS = ["id", "name", "name_zh", "name_zh_hant", "method", "source"]
#: Cities without a CLDR exemplar name: the names Chinese-language media and atlases use
#: (簡 / 繁 as written in Taiwan), marked ``project_translation``.
PROJECT_PLACE_NAMES = {
    "bn-bandar-seri-begawan": ("斯里巴加湾市", "斯里巴卡旺市"),
    "mm-nay-pyi-taw": ("内比都", "奈比多"),
    "vn-hanoi": ("河内", "河內"),
    "cn-beijing": ("北京", "北京"),
    "in-new-delhi": ("新德里", "新德里"),
    "au-canberra": ("堪培拉", "坎培拉"),
    "cn-nanning": ("南宁", "南寧"),
    "cn-guangzhou": ("广州", "廣州"),
    "th-chon-buri": ("春武里", "春武里"),
    "id-batam": ("巴淡", "巴淡"),
}


def place_rows() -> list[dict[str, str]]:
    """One row per city of ``sources/places.csv``."""
    import babel
    from babel import Locale
    from babel.core import get_cldr_version

    hans, hant = Locale.parse("zh_Hans_CN"), Locale.parse("zh_Hant_TW")
    by_city = {tz.split("/")[-1].replace("_", " "): tz for tz, d in hans.time_zones.items() if "city" in d}
    source = f"Unicode CLDR {get_cldr_version()} exemplar city of {{tz}} (zh_Hans_CN, zh_Hant_TW) via babel {babel.__version__}"
    out = []
    with open(HERE / "sources" / "places.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            tz = by_city.get(r["name"]) or by_city.get(r["name"].removesuffix(" City"))
            if tz and "city" in hant.time_zones.get(tz, {}):
                out.append({"id": r["id"], "name": r["name"], "name_zh": hans.time_zones[tz]["city"],
                            "name_zh_hant": hant.time_zones[tz]["city"], "method": "cldr",
                            "source": source.format(tz=tz)})
            elif r["id"] in PROJECT_PLACE_NAMES:
                zh, zht = PROJECT_PLACE_NAMES[r["id"]]
                out.append({"id": r["id"], "name": r["name"], "name_zh": zh, "name_zh_hant": zht,
                            "method": "project_translation", "source": "this project (no CLDR name)"})
    return out


def _write(path: Path, columns: list[str], data: list[dict[str, str]]) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, columns, lineterminator="\n")
        w.writeheader()
        w.writerows(data)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    data = rows()
    _write(OUT, COLUMNS, data)
    print(f"wrote {OUT} ({len(data)} countries)")
    places = place_rows()
    _write(PLACES_OUT, PLACE_COLUMNS, places)
    print(f"wrote {PLACES_OUT} ({len(places)} cities)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
