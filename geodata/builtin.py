"""Built-in layers of the atlas (read from the packaged ``atlas.gpkg``).

Built by ``python -m asean_atlas.geodata.build`` from the source tables in
``geodata/sources/``; see ``atlas_manifest.json`` and ``docs/DATA.md``.

Common columns of every layer (all ``str``, "" when unknown, unless noted)
-------------------------------------------------------------------------
``id``
    stable identifier, unique within the layer (slug).
``name``, ``name_zh``
    English name; Chinese name where known.
``category``
    e.g. "submarine cable", "cable landing station", "AI computing centre",
    "factory", "data centre", "cloud region", "5G commercial launch".
``country``
    ISO 3166-1 alpha-3; Hong Kong "HKG" and Macau "MAC" are told apart from
    "CHN". Cables: the ";"-joined sorted codes of all their landing countries.
``operator``
    operator/owner company (cables: see ``owners``).
``status``
    "in service", "under construction" or "planned".
``start_date``, ``end_date``
    "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" if unknown. For planned items the
    start date is the first dated report (licence, announcement); see ``notes``.
``source``, ``source_url``, ``accessed``, ``confidence``, ``notes``
    citation text, URL (or the source's site / "document: ..." where no
    article URL was recorded), date the fact was taken ("YYYY-MM-DD"),
    "high" / "medium" / "low", free text (uncertainties, method).

Point layers also have ``place`` (town or "Place, Country"), ``location_precision``
("site": the facility's own coordinates; "town": the point of the town it is in;
"proxy": the point of a nearby town) and ``location_source``.
"""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd


@dataclass(frozen=True)
class BuiltinLayerInfo:
    """Description of one built-in layer.

    Attributes
    ----------
    id : str
        GeoPackage layer name in ``atlas.gpkg``.
    title : str
        Human title, e.g. "Submarine cables".
    geometry_type : str
        "MultiPolygon", "MultiLineString" or "Point".
    style : dict
        ``color`` (hex "#rrggbb", line or marker outline/fill), ``stroke_width``
        (px), ``marker_size`` (px, 0 for lines), ``fill_color`` (hex or None),
        ``categorized_field`` (column name or None) and ``categories``
        (dict value -> hex colour; empty if not categorized). Optional keys:

        - ``fill_opacity`` (0..1): polygon fill opacity (countries: 0.12).
        - ``dashed_values`` (list of str): values of ``categorized_field`` drawn
          with a dashed line (cables: ``["planned"]``).
        - ``marker_shape``: "circle", "square", "triangle", "diamond" or "star";
          point symbol, one per layer so the layers can be told apart.
        - ``size_field``, ``size_range`` = ``[min_px, max_px]``, ``size_ref_value``:
          graduated (area-true) point size. Diameter in px of a feature with
          value ``v`` > 0 in ``size_field``:
          ``max(min_px, max_px * sqrt(v / size_ref_value))``, capped at ``max_px``;
          features whose value is missing, NaN or <= 0 use ``marker_size``.
          ``size_ref_value`` is fixed (not the layer maximum), so sizes do not change
          when the time filter hides features. Data centres: ``capacity_mw``,
          ``[6, 22]``, 500 MW -> 22 px, 100 MW -> 9.8 px, 28 MW -> 6 px (floor).
    temporal : dict
        ``start_field`` and ``end_field`` (column names; ``end_field`` may be None).
        Values are "YYYY"/"YYYY-MM"/"YYYY-MM-DD" strings. Optional ``undated`` ("show" or
        "hide"): what the time filter does with a feature without a start date; built-in
        layers default to "hide" (an undated planned cable), ``terrestrial_links`` shows them
        (a link known only by its decade, the 1990s).
    description : str
        One-line description of contents and sources.
    licence : str
        Licence of the layer's data.
    """

    id: str
    title: str
    geometry_type: str
    style: dict = field(default_factory=dict)
    temporal: dict = field(default_factory=dict)
    description: str = ""
    licence: str = ""


_TG = "CC BY-NC-SA 3.0 (facts and routes from TeleGeography's submarine cable data, Nov 2022)"
_OWN = "facts from the cited public sources; coordinates Natural Earth (PD) / GeoNames (CC BY 4.0)"
_NE = (
    "outlines: Natural Earth (public domain); attributes: facts from the cited public sources; "
    "cable counts computed from the TeleGeography-based cable table (CC BY-NC-SA 3.0)"
)
_T = {"start_field": "start_date", "end_field": "end_date"}

#: built-in layers in draw order, bottom to top
BUILTIN_LAYERS: list[BuiltinLayerInfo] = [
    BuiltinLayerInfo(
        id="countries",
        title="Countries (ASEAN and China)",
        geometry_type="MultiPolygon",
        style={
            "color": "#8c6d31", "stroke_width": 0.8, "marker_size": 0, "fill_color": "#d8b365",
            "fill_opacity": 0.12,
            "categorized_field": "status",
            "categories": {"member": "#d8b365", "non-member": "#969696"},
        },
        temporal=dict(_T),
        description="The 11 ASEAN members (Timor-Leste since 26 Oct 2025) and China, with "
        "ASEAN accession date, first 5G launch year, cables landing (computed) and "
        "data-localization regime where sourced. Natural Earth 1:50m outlines, simplified.",
        licence=_NE,
    ),
    BuiltinLayerInfo(
        id="cables",
        title="Submarine cables",
        geometry_type="MultiLineString",
        style={
            "label_field": "name", "label_priority": 4, "label_size": 8,
            "color": "#0b7fab", "stroke_width": 1.4, "marker_size": 0, "fill_color": None,
            "categorized_field": "status",
            "categories": {"in service": "#0b7fab", "under construction": "#d97706", "planned": "#e8710a",
                           "delayed": "#b91c1c"},
            "dashed_values": ["planned", "delayed"],
        },
        temporal=dict(_T),
        description="109 submarine cables landing in ASEAN or linking China/Hong Kong to "
        "ASEAN: 97 with their routes from TeleGeography's Nov 2022 open release, whole "
        "(route_source), 12 announced since then with schematic routes (corridor router).",
        licence=_TG,
    ),
    BuiltinLayerInfo(
        id="terrestrial_links",
        title="Terrestrial cross-border cables",
        geometry_type="MultiLineString",
        style={
            "label_field": "name", "label_priority": 4, "label_size": 8,
            "color": "#7b3f00", "stroke_width": 2.0, "marker_size": 0, "fill_color": None,
            "categorized_field": "route_source",
            "categories": {"schematic": "#7b3f00"},
        },
        # a link known only by its decade has no start date and is old: shown at every year
        temporal=dict(_T, undated="show"),
        description="Fibre across the land borders of China with Vietnam, Laos and Myanmar "
        "(跨境光缆), each from a cited report; drawn schematically (straight segments, solid: "
        "dashes mean planned) through the towns the report names.",
        licence=_OWN,
    ),
    BuiltinLayerInfo(
        id="landing_stations",
        title="Cable landing stations",
        geometry_type="Point",
        style={
            "label_field": "name", "label_priority": 2, "label_size": 7.5,
            "color": "#1f2d3d", "stroke_width": 1.0, "marker_size": 5, "fill_color": "#ffffff",
            "marker_shape": "circle",
            "categorized_field": None, "categories": {},
        },
        temporal=dict(_T),
        description="Landing points of those cables (TeleGeography coordinates, town-level).",
        licence=_TG,
    ),
    BuiltinLayerInfo(
        id="data_centres",
        title="Data centres and cloud regions",
        geometry_type="Point",
        style={
            "label_field": "name", "label_priority": 5,
            "color": "#1b7a3e", "stroke_width": 1.0, "marker_size": 7, "fill_color": "#41ab5d",
            "marker_shape": "square",
            "size_field": "capacity_mw", "size_range": [6, 22], "size_ref_value": 500.0,
            "categorized_field": None, "categories": {},
        },
        temporal=dict(_T),
        description="Data centres and Chinese cloud regions in ASEAN and Nanning; symbol area "
        "proportional to MW where sourced.",
        licence=_OWN,
    ),
    BuiltinLayerInfo(
        id="fiveg",
        title="5G commercial launches",
        geometry_type="Point",
        style={
            "color": "#8e0152", "stroke_width": 1.0, "marker_size": 8, "fill_color": "#de3a9a",
            "marker_shape": "triangle",
            "categorized_field": None, "categories": {},
        },
        temporal=dict(_T),
        description="5G commercial launch per country and operator, placed at the capital.",
        licence=_OWN,
    ),
    BuiltinLayerInfo(
        id="factories",
        title="Factories (Chinese-invested)",
        geometry_type="Point",
        style={
            "label_field": "name", "label_priority": 6,
            "color": "#54278f", "stroke_width": 1.0, "marker_size": 9, "fill_color": "#807dba",
            "marker_shape": "diamond",
            "categorized_field": None, "categories": {},
        },
        temporal=dict(_T),
        description="Midea Chonburi 5G factory and other Chinese-invested plants in ASEAN.",
        licence=_OWN,
    ),
    BuiltinLayerInfo(
        id="compute_hubs",
        title="Compute hubs and gateways (Nanning)",
        geometry_type="Point",
        style={
            "label_field": "name", "label_priority": 10, "label_size": 9.5,
            "color": "#99000d", "stroke_width": 1.2, "marker_size": 12, "fill_color": "#e31a1c",
            "marker_shape": "star",
            "categorized_field": None, "categories": {},
        },
        temporal=dict(_T),
        description="China–ASEAN AI computing/innovation centres, the Nanning international "
        "gateway and the Information Harbor.",
        licence=_OWN,
    ),
]

_BY_ID = {info.id: info for info in BUILTIN_LAYERS}


def atlas_path() -> Path:
    """Path of the packaged ``atlas.gpkg``."""
    return Path(str(importlib.resources.files("asean_atlas.geodata") / "atlas.gpkg"))


def builtin_layer_info(layer_id: str) -> BuiltinLayerInfo:
    """Return the :class:`BuiltinLayerInfo` of ``layer_id`` (KeyError if unknown)."""
    return _BY_ID[layer_id]


#: integer columns (pandas dtype) restored after reading the GeoPackage
_INT_COLUMNS = {
    "rfs_year": "Int64", "cable_count": "int64", "fiveg_launch_year": "Int64",
    "cables_landing": "int64", "cables_in_service": "int64", "landing_station_count": "int64",
}


@functools.lru_cache(maxsize=None)
def _read(layer_id: str) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(atlas_path(), layer=layer_id, engine="pyogrio")
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    ints = {c: t for c, t in _INT_COLUMNS.items() if c in gdf.columns}
    text = [c for c in gdf.columns if c != "geometry" and c not in ints and not pd.api.types.is_numeric_dtype(gdf[c])]
    # in bulk, not column by column (the start-up reads seven layers: issue 9 cold start)
    gdf = gdf.astype(ints)
    gdf[text] = gdf[text].fillna("").astype(str)
    return gdf


def load_builtin_layer(layer_id: str) -> gpd.GeoDataFrame:
    """Load a built-in layer.

    Parameters
    ----------
    layer_id : str
        One of the ``id`` values of :data:`BUILTIN_LAYERS`: "countries", "cables",
        "terrestrial_links", "landing_stations", "data_centres", "fiveg", "factories", "compute_hubs".

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326; one row per feature, sorted by ``id``; the common columns
        (module docstring) plus:

        - ``countries`` (MultiPolygon; id = lower-case ISO alpha-3): ``asean_member_since``
          ("YYYY-MM-DD", "" for China), ``data_flow_regime`` (OECD 2026 class, "" if
          not covered), ``data_localization`` (short text, "" if not sourced),
          ``data_localization_source``, ``data_localization_url``,
          ``fiveg_launch_year`` (Int64, <NA> if no sourced launch), ``fiveg_operators``,
          ``fiveg_source``, ``cables_landing`` / ``cables_in_service`` /
          ``landing_station_count`` (int, computed from the cable tables; China
          includes Hong Kong and Macau). ``start_date`` is empty (always shown).
        - ``cables`` (MultiLineString): ``rfs_year`` (Int64, <NA> if not in
          service), ``length_km`` (float), ``owners`` ("; "-joined), ``suppliers``
          ("; "-joined system suppliers, e.g. "NEC; SubCom"; "" where no source names one —
          41 of the 97 release cables),
          ``landing_station_ids`` (";"-joined ids of ``landing_stations``),
          ``route_source`` ("telegeography-2022": the route geometry of TeleGeography's
          Nov 2022 open release, whole, to the far landings, split at ±180° as there;
          "schematic": drawn by this project's corridor router, geodata/corridors.py, for a
          cable the release lacks, through its announced landings only),
          ``tg_color`` (the release's colour of the cable, "#rrggbb"; "" for schematic
          routes). ``start_date`` = RFS year.
        - ``terrestrial_links`` (MultiLineString): ``border_crossing`` (the crossing as the
          source names it, or marked as assumed), ``corridor`` (the towns the line is drawn
          through, " – "-joined), ``length_km`` (float, the reported length of the whole system,
          NaN if not reported; not the drawn line's), ``landing_station_ids`` (the landing
          station a link meets a submarine cable at, "" if none), ``route_source``
          ("schematic": straight segments between those towns), ``location_source``.
          ``start_date`` = date of the report of service ("" if only the decade is known).
        - ``landing_stations`` (Point): ``cable_count`` (int), ``cable_names``
          and ``cable_ids`` (";"-joined), ``status``/``start_date`` from the
          earliest in-service cable.
        - ``data_centres``: ``capacity_mw`` (float, NaN if not sourced).
        - ``factories``: ``area_m2`` (float or NaN), ``capacity``, ``product``.
        - ``fiveg``: ``technology`` ("5G"); ``operator`` is the launching operator.
        - ``compute_hubs``: no extra columns.

        The file is read once per process; each call returns a copy.

    Raises
    ------
    KeyError
        If ``layer_id`` is not a built-in layer.
    FileNotFoundError
        If ``atlas.gpkg`` is missing (not built).
    """
    if layer_id not in _BY_ID:
        raise KeyError(f"unknown built-in layer {layer_id!r}; known: {list(_BY_ID)}")
    if not atlas_path().exists():
        raise FileNotFoundError(
            f"{atlas_path()} not found; run python -m asean_atlas.geodata.build"
        )
    return _read(layer_id).copy()
