"""HTML export through folium: an interactive Leaflet map of the visible layers.

Every visible layer becomes one GeoJSON overlay in a layer control, with the colours and widths of
its :class:`~asean_atlas.layers.style.Style`, a tooltip with the feature's name and a popup with all
its attributes. The built-in Natural Earth basemap is included as a vector layer, so the map has
land and coasts without any tile server. The same function serves the GUI and the CLI.

Untrusted text never becomes template source (issue 8)
-------------------------------------------------------
Every text that comes from a file or from a user -- attribute names and values, layer titles, file
names, CRS names, category labels, the title, notes, sources, attributions, URLs -- is *data* and
reaches the page by one road only:

1. It is serialized into one JSON document (:func:`script_json`) in which ``<``, ``>``, ``&``,
   U+2028 and U+2029 are written as ``\\uXXXX`` escapes, inside
   ``<script type="application/json" id="atlas-data">``: a block the browser never runs and that no
   text inside it can close (no ``</script>``, no ``<!--``).
2. The page's own script, ``html_page.js`` (a constant file of this package), reads it with
   ``JSON.parse`` and builds every visible text with ``textContent``: popups, tooltips, legend,
   title, date stamp, time-slider labels, attribution, and the layer control (the script's own:
   Leaflet's control writes layer names as HTML). A value becomes a link only when it parses as an
   ``http:``/``https:`` URL (``javascript:``, ``data:``... stay text).
   Colours are checked to be ``#rrggbb`` here (:func:`_css_colour`) and set through CSSOM.
3. folium builds the page skeleton and the ``L.map`` (numbers only). folium's ``Element``,
   ``MacroElement`` and ``Template`` render their text as Jinja *template source* -- a
   ``MacroElement``'s output is even parsed a second time -- so no text derived from a file is ever
   given to them. Everything this module adds to the page is a :class:`_Raw` element, written as
   it is, and nothing builds markup or script from user text with f-strings, ``str.format`` or
   ``%``.
4. Defence in depth: a Content-Security-Policy in the page's head allows only the page's own
   inline scripts and styles (by SHA-256 hash) and no network at all (the CDN mode allows its CDN),
   so an injected ``<script>`` or event handler would not run and could not send anything out.

The FeatureCollection text is built vectorized (``shapely.to_geojson`` + orjson, coordinates
rounded to 6 decimals, ~0.1 m) rather than through folium's GeoDataFrame path, which serializes
everything twice (DESIGN.md "Known platform facts"); styles are per class in the page's script,
never a Python function per feature. A point layer of more than :data:`CANVAS_POINTS` features is
written as columns (:func:`point_columns`) and drawn by one canvas in the page (issue 12 item 7:
100,000 points open in ~0.5 s instead of 7 s; ``bench/html_scale.py``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from importlib import resources
from pathlib import Path

import numpy as np
import orjson
import pandas as pd
import shapely

from .atomic import write_text_atomic
from .document import MapDocument
from .export_options import ExportOptions, export_bbox, export_time_filter, export_viewport, stamp_text
from .filter import filter_notes
from .map_text import LANGUAGES, PAGE_TEXT, class_label, date_label, field_label, layer_title, map_text, page_text
from .map_text import size_row_label
from .map_text import chinese_name_field as _chinese_name_field
from .layer import Layer
from .search import NAME_FIELDS as SEARCH_NAME_FIELDS
from .search import pinyin, search_fields
from .style import LOW_CONFIDENCE_OPACITY, MARKER_SHAPES
from .temporal import STAGE_IN_SERVICE, TimeFilter, status_stages

SEA = "#cfe3ef"
LAND = "#f4f1ea"
BORDER = "#b8ae9c"
#: Attribute names tried, in order, for the tooltip label.
NAME_FIELDS = ("name", "NAME", "Name", "名称", "名稱", "title", "id", "feature_id")
#: Attributes shown in a popup, at most (the first ones of the table).
POPUP_FIELDS = 40
#: Integers beyond this magnitude lose digits as JavaScript numbers (2**53): written as text.
_JS_SAFE_INT = 2**53
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_FALLBACK_COLOUR = "#377eb8"

# The page's own CSS: constant (no user text), classes used by html_page.js.
_PAGE_CSS = """
.leaflet-container{background:#cfe3ef}
.atlas-box{position:fixed;z-index:1000;background:rgba(255,255,255,.9);padding:6px 10px;
  font:13px sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3)}
.atlas-title{top:10px;left:60px;font-size:18px;font-weight:bold;max-width:60%;overflow-wrap:anywhere}
.atlas-title-time{font-weight:normal}
.atlas-lang{background:#fff;padding:2px 4px;font:13px sans-serif}
.atlas-lang select{font:13px sans-serif;border:0;background:#fff}
.atlas-legend{bottom:64px;left:10px;max-width:360px;max-height:60%;overflow:auto}
.atlas-legend-row{overflow-wrap:anywhere}
.atlas-legend-layer{font-weight:bold;overflow-wrap:anywhere}
.atlas-legend-class{margin-left:12px}
.atlas-swatch{display:inline-block;vertical-align:middle;margin-right:6px}
.atlas-swatch-point{width:10px;height:10px;border-radius:50%;border:2px solid}
.atlas-swatch-polygon{width:16px;height:10px;border:1.5px solid}
.atlas-swatch-line{width:18px;height:0;border-top:3px solid}
.atlas-attribution{margin-top:4px;font-size:11px;color:#555}
.atlas-popup{max-height:320px;overflow:auto}
.atlas-stack-bar{font:12px sans-serif;margin-bottom:4px;padding-bottom:3px;border-bottom:1px solid #ddd;white-space:nowrap}
.atlas-stack-bar button{font:11px sans-serif;padding:0 5px;cursor:pointer}.atlas-stack-where{unicode-bidi:isolate}
.atlas-popup table{border-collapse:collapse;font:12px sans-serif}
.atlas-popup th{text-align:left;vertical-align:top;padding:1px 8px 1px 0;color:#444;white-space:pre-wrap;
  overflow-wrap:break-word;word-break:keep-all;line-break:strict;max-width:160px}
.atlas-popup th,.atlas-popup td,.atlas-tooltip,.atlas-legend span,.atlas-legend-layer,.atlas-layer-name,
  .atlas-title span,.atlas-attribution div{unicode-bidi:isolate}
.atlas-popup td{vertical-align:top;overflow-wrap:break-word;white-space:pre-wrap;min-width:120px;max-width:260px}
.atlas-tooltip{white-space:pre-wrap;overflow-wrap:break-word;display:inline-block;width:max-content;max-width:320px}
.leaflet-interactive:focus{outline:none}
.atlas-links{margin-bottom:6px;padding-bottom:4px;border-bottom:1px solid #ddd;font:12px sans-serif;max-width:400px}
.atlas-link{color:#0b5fa5;text-decoration:underline;cursor:pointer}
.atlas-link-list{max-height:180px;overflow-y:auto}.atlas-link-line{margin:1px 0}
.atlas-time-control{position:static}
.atlas-label{position:absolute;white-space:pre;font-family:sans-serif;color:#1f2a33;line-height:1.25;
  text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff;unicode-bidi:isolate}
.atlas-label-capital,.atlas-label-city{font-weight:bold}
.atlas-label-country{color:#6b5a3a;letter-spacing:0.1em;text-transform:uppercase}
.atlas-time-control input[type=range]{width:320px;vertical-align:middle}
.atlas-search{background:#fff;padding:4px;font:13px sans-serif;max-width:320px}
.atlas-search input{width:240px;font:13px sans-serif;padding:3px 5px;border:1px solid #bbb;border-radius:3px}
.atlas-search-results{max-height:300px;overflow-y:auto}
.leaflet-top.leaflet-left{z-index:1001}
.atlas-search a.atlas-search-hit{display:block;width:auto;height:auto;line-height:1.35;text-align:left;border:0;
  padding:2px 4px;color:#0b5fa5;background:#fff;text-decoration:none;overflow-wrap:anywhere}
.atlas-search-hit:hover{background:#eef4fa}.atlas-search-layer{color:#666;font-size:11px}
.atlas-search-none{padding:2px 4px;color:#666;font-size:12px}
.atlas-search-name,.atlas-search-layer{unicode-bidi:isolate}
"""


# -- safe page building blocks --------------------------------------------------------------------
@functools.cache
def _raw_class():
    from branca.element import Element

    class _Raw(Element):
        """Text written into the page as it is: never parsed as a Jinja template (module docstring)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._text = text

        def render(self, **kwargs) -> str:
            return self._text

    class _ScriptAfterMap(Element):
        """Script text appended to the page's script *after* the map's own (a child of the map
        renders after it), written as it is."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._text = text

        def render(self, **kwargs) -> None:
            self.get_root().script.add_child(_Raw(self._text), name=self.get_name())

    return _Raw, _ScriptAfterMap


def _raw(text: str):
    return _raw_class()[0](text)


def script_json(obj) -> str:
    """JSON text that is safe inside an HTML ``<script>`` block and a JavaScript string.

    ``<``, ``>``, ``&`` (so no ``</script>``, ``<!--`` or ``]]>``) and the line separators U+2028
    and U+2029 are written as ``\\uXXXX`` escapes, which JSON.parse reads back unchanged.
    ``orjson.Fragment`` values are taken as ready JSON text.

    Parameters
    ----------
    obj : JSON-serializable (dict, list, str, numbers, numpy arrays, orjson.Fragment)

    Returns
    -------
    str
    """
    try:
        text = orjson.dumps(obj, option=orjson.OPT_SERIALIZE_NUMPY).decode("utf-8")
    except orjson.JSONEncodeError:
        # lone surrogates (undecodable bytes of a file name or a command line): shown as U+FFFD
        text = orjson.dumps(_clean_text(obj), option=orjson.OPT_SERIALIZE_NUMPY).decode("utf-8")
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _clean_text(obj):
    """``obj`` with every string's lone surrogates replaced by U+FFFD (Fragments are JSON already)."""
    if isinstance(obj, str):
        return obj.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(obj, dict):
        return {_clean_text(k): _clean_text(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean_text(v) for v in obj]
    return obj


def _css_colour(value: object, fallback: str = _FALLBACK_COLOUR) -> str:
    """``value`` if it is a ``#rrggbb`` colour, else ``fallback`` (a colour from a project file or
    a style is never written into CSS unchecked)."""
    return value if isinstance(value, str) and _COLOUR.fullmatch(value) else fallback


# -- features -------------------------------------------------------------------------------------
def _json_safe_properties(frame: pd.DataFrame) -> list[dict]:
    """Attribute rows as JSON-safe dicts of the values as they are (text is *not* escaped here:
    the page writes it with textContent); NaN/NaT -> None, dates -> ISO text, nested values ->
    JSON text, integers beyond 2**53 -> text (JavaScript would round them)."""
    out = _json_safe_columns(frame)
    keys = list(out)
    return [dict(zip(keys, row)) for row in zip(*out.values())] if keys else [{} for _ in range(len(frame))]


def _json_safe_columns(frame: pd.DataFrame) -> dict[str, list]:
    """The attributes of :func:`_json_safe_properties` as one list per column (name -> values)."""
    out = {}
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
            vals = s.astype(object).where(s.notna(), None)
            if pd.api.types.is_integer_dtype(s.dtype) and len(s):
                big = (s.abs() > _JS_SAFE_INT).fillna(False).to_numpy(dtype=bool)
                if big.any():
                    vals = vals.copy()
                    vals[big] = s[big].astype(str)
            elif pd.api.types.is_float_dtype(s.dtype):
                vals = vals.where(np.isfinite(s.to_numpy(dtype=float, na_value=np.nan)), None)
        elif pd.api.types.is_datetime64_any_dtype(s.dtype):
            vals = s.dt.strftime("%Y-%m-%d %H:%M:%S").str.replace(" 00:00:00", "", regex=False)
            vals = vals.astype(object).where(s.notna(), None)
        elif pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty"):
            # text and missing values only (most attribute columns): no per-value function;
            # lone surrogates are replaced when the JSON is written (_clean_text)
            vals = s.astype(object).where(s.notna(), None)
        else:
            vals = s.map(_text_value)
        out[str(col)] = vals.tolist()
    return out


def _text_value(v):
    if v is None or (isinstance(v, float) and not np.isfinite(v)) or v is pd.NaT or v is pd.NA:
        return None
    if isinstance(v, (list, dict, tuple, np.ndarray)):
        try:
            return json.dumps(v.tolist() if isinstance(v, np.ndarray) else v, ensure_ascii=False, default=str)
        except RecursionError:
            return str(v)
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, (bool, np.bool_, int, np.integer)) and abs(int(v)) <= _JS_SAFE_INT:
        return bool(v) if isinstance(v, (bool, np.bool_)) else int(v)
    if isinstance(v, (float, np.floating)):
        return float(v)
    return str(v)


def _dumps_row(row: dict) -> bytes:
    try:
        return orjson.dumps(row)
    except orjson.JSONEncodeError:  # a lone surrogate, a value orjson does not know
        return orjson.dumps(_clean_text(row), default=str)


def _kept(layer: Layer, mask: np.ndarray | None, fields: list[str] | None):
    """The features a page holds: those with a geometry (and in ``mask``); their geometries,
    row numbers and attributes (``fields`` only, when given)."""
    if layer.compact:  # a big point layer: shapely Points only for the rows kept
        lon, lat = layer.lonlat()
        keep = ~(np.isnan(lon) | np.isnan(lat))
        if mask is not None:
            keep &= mask
        rows = np.flatnonzero(keep)
        attrs = layer.attributes.iloc[rows]
        if fields is not None:
            wanted = set(fields)
            attrs = attrs[[c for c in attrs.columns if str(c) in wanted]]
        return layer.geometries(rows), rows, attrs
    geoms = np.asarray(layer.frame.geometry.values, dtype=object)
    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if mask is not None:
        keep &= mask
    rows = np.flatnonzero(keep)
    attrs = layer.frame.drop(columns=layer.geometry_name).iloc[rows]
    if fields is not None:
        wanted = set(fields)
        attrs = attrs[[c for c in attrs.columns if str(c) in wanted]]
    return geoms[rows], rows, attrs


def feature_collection(
    layer: Layer,
    mask: np.ndarray | None = None,
    precision: int = 6,
    members: dict[str, np.ndarray] | None = None,
    fields: list[str] | None = None,
    wrap: float | None = None,
) -> str:
    """GeoJSON FeatureCollection text (RFC 7946, EPSG:4326) of a layer's features.

    Attribute values are written as they are (text unescaped): this is data, to be escaped by
    whatever writes it out (see the module docstring); the text is valid JSON.

    Parameters
    ----------
    layer : Layer
    mask : ndarray of bool, shape (n,), optional
        Features to include (e.g. the time filter). Null and empty geometries are always left out.
    precision : int
        Decimal places of coordinates (6 ≈ 0.1 m).
    members : dict of str to ndarray, shape (n,), optional
        Per-feature values for the page's script, written as the foreign member ``"atlas"`` of
        each Feature (RFC 7946 §6.1), never among the attributes: e.g. ``t0``/``t1`` (the time
        interval, epoch ms), ``c`` (style class), ``p`` (planned), ``r`` (marker radius, px);
        NaN becomes null.
    fields : list of str, optional
        Attributes to include (default: all).
    wrap : float, optional
        Longitude (degrees) of the centre of a view across ±180°: each part of each geometry is
        moved by whole turns (360°) to lie nearest it (:func:`wrap_parts`), so a Pacific view
        holds the features on both sides of the antimeridian. Longitudes may then pass 180.

    Returns
    -------
    str
    """
    geoms, rows, attrs = _kept(layer, mask, fields)
    # coordinates rounded, nothing else: set_precision would re-node every geometry (GEOS), which
    # costs minutes on a hostile one (a collection nested 1,000 deep, issue 8)
    geoms = shapely.force_2d(geoms)
    if rows.size:
        geoms = shapely.transform(geoms, lambda xy: np.round(xy, precision))
        if wrap is not None:
            geoms = wrap_parts(geoms, wrap)
    gj = shapely.to_geojson(geoms)
    props = _json_safe_properties(attrs)
    if members:
        cols = {k: np.asarray(v)[rows] for k, v in members.items()}
        keys = list(cols)
        metas = [
            orjson.dumps({k: (None if isinstance(x, float) and not np.isfinite(x) else x) for k, x in zip(keys, vals)})
            for vals in zip(*(c.tolist() for c in cols.values()))
        ]
    else:
        metas = [None] * len(rows)
    feats = [
        b'{"type":"Feature","geometry":' + g.encode() + b',"properties":' + _dumps_row(p)
        + (b',"atlas":' + m if m is not None else b"") + b"}"
        for g, p, m in zip(gj, props, metas)
    ]
    return '{"type":"FeatureCollection","features":[' + b",".join(feats).decode() + "]}"


_MULTI = {4: shapely.multipoints, 5: shapely.multilinestrings, 6: shapely.multipolygons, 7: shapely.geometrycollections}


def wrap_parts(geoms: np.ndarray, centre: float) -> np.ndarray:
    """Each part of each geometry moved east or west by whole turns (360° of longitude) so that the
    middle of its x-extent lies within 180° of ``centre`` (degrees, EPSG:4326).

    The page of a view across the antimeridian (a Pacific ``--bbox``, a layer around Fiji) is one
    short view of longitudes that may pass 180 (Leaflet draws them so); the data's parts on the
    other side of ±180° -- a cable split at the antimeridian as TeleGeography's are, Fiji's islands,
    Russia's Chukotka -- are moved beside it. Moving whole parts, not single vertices, keeps every
    line and ring unbroken.

    Parameters
    ----------
    geoms : ndarray of shapely geometries, shape (n,)
    centre : float

    Returns
    -------
    ndarray of shapely geometries, shape (n,)
        A new array (``geoms`` when nothing moves); a Multi* geometry with moved parts is rebuilt
        of the same type.
    """
    parts, owner = shapely.get_parts(geoms, return_index=True)
    if not len(parts):
        return geoms
    b = shapely.bounds(parts)
    turns = np.round((centre - (b[:, 0] + b[:, 2]) / 2) / 360.0)
    turns[~np.isfinite(turns)] = 0
    # a part more than half the world wide (a band round the Earth) keeps its place and gets a
    # copy one turn towards the centre: moved whole, the view's other side would lose it
    wide = (b[:, 2] - b[:, 0] > 180.0) & (turns != 0)
    extra_turns = np.sign(turns[wide])
    turns[wide] = 0
    moved = turns != 0
    if not moved.any() and not wide.any():
        return geoms
    for t in np.unique(turns[moved]):
        sel = turns == t
        parts[sel] = shapely.transform(parts[sel], lambda xy, dx=float(t) * 360.0: xy + (dx, 0.0))
    if wide.any():
        copies = np.array([shapely.transform(p, lambda xy, dx=float(t) * 360.0: xy + (dx, 0.0))
                           for p, t in zip(parts[wide], extra_turns)], dtype=object)
        parts = np.concatenate([parts, copies])
        owner = np.concatenate([owner, owner[wide]])
        moved = np.concatenate([moved | wide, np.ones(len(copies), dtype=bool)])
    touched = np.unique(owner[moved])
    order = np.argsort(owner, kind="stable")  # each geometry's parts together, in their order
    starts = np.searchsorted(owner[order], touched)
    ends = np.searchsorted(owner[order], touched, side="right")
    out = geoms.copy()
    types = shapely.get_type_id(geoms[touched])
    for g, t, a, z in zip(touched.tolist(), types.tolist(), starts.tolist(), ends.tolist()):
        mine = parts[order[a:z]]
        if t >= 4 or len(mine) > 1:  # a single Polygon with a copy becomes a MultiPolygon
            kind = t if t >= 4 else {0: 4, 1: 5, 2: 5, 3: 6}.get(t, 7)
            out[g] = _MULTI[kind](mine)
        else:
            out[g] = mine[0]
    return out


#: Layers of up to this many features carry the pinyin of their Chinese names for the page's
#: search (member ``"s"``); pypinyin takes ~50 µs a name.
PINYIN_FEATURES = 20_000
#: ... and the pinyin of a name's first this many characters (at most ~6 s a layer).
PINYIN_CHARS = 32


def _pinyin_table(layers: list[Layer]) -> dict[str, str]:
    """``{character: toneless pinyin}`` of the Chinese characters in the searched names of the
    layers that carry pinyin (:data:`PINYIN_FEATURES`): the page's search turns a Chinese query
    into pinyin with it, as the window's does with pypinyin (``"南宁"`` finds ``"Nanning"``)."""
    chars: set[str] = set()
    for layer in layers:
        if layer.feature_count > PINYIN_FEATURES:
            continue
        for c in search_fields(layer):
            if c.lower() in SEARCH_NAME_FIELDS:
                for v in layer.attributes[c].dropna().tolist():
                    if isinstance(v, str):
                        chars.update(_CJK_CHAR.findall(v[:PINYIN_CHARS]))
    if not chars:
        return {}
    import opencc
    from pypinyin import lazy_pinyin

    # each character's other script too (宁 and 寧, 台 and 臺): a query in either finds the name
    # by its pinyin (issue 13 item 5)
    conv = (opencc.OpenCC("s2tw"), opencc.OpenCC("t2s"))
    for ch in list(chars):
        chars.update(c for c in (conv[0].convert(ch), conv[1].convert(ch)) if _CJK_CHAR.fullmatch(c))
    order = sorted(chars)
    return {ch: pinyin_of.lower() for ch, pinyin_of in zip(order, lazy_pinyin(order))}


_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


#: A point layer with more features than this is written as columns and drawn by one canvas
#: layer in the page (issue 12 item 7: 100,000 points as SVG circle markers took 7 s to open in
#: Chromium; as columns on a canvas, see ``bench/html_scale.py``). Smaller layers stay GeoJSON
#: features, one Leaflet marker each.
CANVAS_POINTS = 5_000


def point_columns(
    layer: Layer,
    mask: np.ndarray | None = None,
    precision: int = 5,
    members: dict[str, np.ndarray] | None = None,
    fields: list[str] | None = None,
) -> str:
    """A point layer as JSON columns for the page's canvas layer (the compact form of
    :func:`feature_collection`; same arguments and values, EPSG:4326).

    Returns
    -------
    str
        JSON ``{"x": [lon...], "y": [lat...], "m": {member: [...]}, "p": {attribute: [...]}}``:
        one array per coordinate (degrees, ``precision`` decimals: 5 ≈ 1 m), per member and per
        attribute, row ``i`` of each being feature ``i``; with MultiPoints, ``"i"`` gives the
        feature of each point (every point of a MultiPoint is drawn and opens its feature).
    """
    geoms, rows, attrs = _kept(layer, mask, fields)
    xy, owner = shapely.get_coordinates(geoms, return_index=True)
    xy = np.round(xy, precision)
    cols = _json_safe_columns(attrs)
    meta = {}
    for k, v in (members or {}).items():
        v = np.asarray(v)[rows]
        if v.dtype.kind == "f":
            v = np.where(np.isfinite(v), v, None)
        meta[k] = v.tolist()
    doc = {"x": xy[:, 0].tolist(), "y": xy[:, 1].tolist(), "m": meta, "p": cols}
    if len(owner) != len(rows):  # MultiPoints: one marker per point, each opening its feature
        doc["i"] = owner.tolist()
    try:
        return orjson.dumps(doc).decode()
    except orjson.JSONEncodeError:  # a lone surrogate, a value orjson does not know
        return orjson.dumps(_clean_text(doc), default=str).decode()


# -- the page -------------------------------------------------------------------------------------
def _inline_leaflet(fmap) -> None:
    """Make the page work offline: Leaflet's own JS/CSS inline, no CDN files.

    folium's page links ~10 CDN files (Leaflet, jQuery, Bootstrap, Font Awesome...). This map uses
    only Leaflet, so the others are dropped and Leaflet is inlined from the ``xstatic-leaflet``
    package (DESIGN.md "Self-contained HTML").
    """
    from xstatic.pkg import leaflet as xleaflet

    base = Path(xleaflet.BASE_DIR)
    js = (base / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    css = (base / "leaflet.css").read_text(encoding="utf-8").replace("</style", "<\\/style")
    fmap.default_js = []
    fmap.default_css = []
    header = fmap.get_root().header
    header.add_child(_raw("<style>" + css + "</style>"), name="leaflet_css_inline")
    header.add_child(_raw("<script>" + js + "</script>"), name="leaflet_js_inline")


def _cdn_leaflet_only(fmap) -> None:
    """The CDN page: Leaflet's files only (the map uses no jQuery, Bootstrap or icon fonts)."""
    fmap.default_js = [(k, v) for k, v in fmap.default_js if k == "leaflet"]
    fmap.default_css = [(k, v) for k, v in fmap.default_css if k == "leaflet_css"]


_CDN_HOST = "https://cdn.jsdelivr.net"


def _basemap_collection(bbox: tuple[float, float, float, float]) -> str | None:
    try:
        from asean_atlas.geodata.basemap import load_basemap

        countries = load_basemap("countries")
    except Exception:
        return None
    w, s, e, n = bbox
    # the browser window may be wider or taller than the bbox: land well beyond it (issue 8 trial)
    span = max(e - w, n - s)
    dx, dy = span * 1.5 + 5, span + 5
    clip = shapely.box(max(w - dx, -180), max(s - dy, -85), min(e + dx, 180), min(n + dy, 85))
    if e + dx > 180:  # a view across the antimeridian: the land west of -180 + its overlap too
        clip = shapely.union(clip, shapely.box(-180, max(s - dy, -85), min(e + dx - 360, 180), min(n + dy, 85)))
    geoms = shapely.intersection(countries.geometry.values, clip)
    geoms = shapely.simplify(geoms, tolerance=max(e - w, n - s) / 2500)
    ok = ~shapely.is_empty(geoms)
    geoms = shapely.transform(geoms[ok], lambda xy: np.round(xy, 4))
    if e > 180:
        geoms = wrap_parts(geoms, (w + e) / 2)
    gj = shapely.to_geojson(geoms)
    return '{"type":"FeatureCollection","features":[' + ",".join(
        '{"type":"Feature","properties":{},"geometry":' + g + "}" for g in gj
    ) + "]}"


def _places(bbox, language: str = "en") -> list:
    """Basemap labels near the map (``[text, lon, lat, priority, kind]``) in ``language``, see
    :mod:`asean_atlas.layers.places`."""
    from .places import basemap_places

    w, s, e, n = bbox
    span = max(e - w, n - s)
    dx, dy = span * 1.5 + 5, span + 5
    out = []
    for text, lon, lat, prio, kind in basemap_places(language):
        if e > 180 and lon < w - dx:  # a view across the antimeridian: the place's east copy
            lon += 360.0
        if w - dx <= lon <= e + dx and s - dy <= lat <= n + dy:
            out.append([text, round(lon, 4), round(lat, 4), prio, kind])
    return out


def _tooltip_field(layer: Layer) -> str | None:
    cols = [str(c) for c in layer.attributes.columns]
    for name in NAME_FIELDS:
        if name in cols:
            return name
    text_cols = [c for c in cols if c != layer.geometry_name
                 and (layer.attributes[c].dtype == object or pd.api.types.is_string_dtype(layer.attributes[c].dtype))]
    return text_cols[0] if text_cols else None


def build_map(document: MapDocument, options: ExportOptions):
    """Build the folium Map of the document's visible layers (see module docstring).

    Parameters
    ----------
    document : MapDocument
        Visible layers (EPSG:4326), time state and title.
    options : ExportOptions
        bbox (degrees), title, time (``year``/``time_filter``), ``html_time_slider``,
        ``html_self_contained``.

    Returns
    -------
    folium.Map
        Render the page with ``fmap.get_root().render()``; :func:`export_html` also adds the
        Content-Security-Policy (:func:`with_csp`).

    Raises
    ------
    ExportError
        Bad options (see :meth:`ExportOptions.validate`).
    """
    import folium

    options.validate()
    tf = export_time_filter(document, options)
    stamp, _ = stamp_text(tf)
    visible = document.visible_layers()
    slider = options.html_time_slider and any(lyr.temporal is not None for lyr in visible)
    pad = 0.0
    if options.center is not None:  # the centre and scale of the window's export dialog
        bbox = export_viewport(document, options).bbox()
    else:
        bbox, pad = export_bbox(document, options)
    w, s, e, n = _viewable(bbox)
    if w > e:  # across the antimeridian (RFC 7946 §5.2): one short view, east past 180
        e += 360.0
    if pad:
        # the default view has the PNG's 3 % margin: features on the layers' extent are not cut
        # at the page's edge (a user's points at the top edge were half hidden, session 31)
        dx, dy = (e - w) * pad, (n - s) * pad
        w, e, s, n = w - dx, e + dx, max(s - dy, -85.0), min(n + dy, 85.0)
    wrap = (w + e) / 2 if e > 180 else None
    bbox = (w, s, e, n)
    # fractional zoom: the page opens on the export's own view, not the next whole zoom level out
    # (a --bbox of 8 by 15 degrees opened on 60 by 40; issue 12 item 6); + and - still step by one
    fmap = folium.Map(location=[(s + n) / 2, (w + e) / 2], zoom_start=4, tiles=None, control_scale=True,
                      zoom_snap=0.1, zoom_delta=1)
    fmap._id = "atlas"  # folium names it from urandom: the same options give the same bytes (item 8)
    if options.html_self_contained:
        _inline_leaflet(fmap)
    else:
        _cdn_leaflet_only(fmap)
    figure = fmap.get_root()
    figure.header.add_child(_raw("<style>" + _PAGE_CSS + "</style>"), name="atlas_css")

    layers = []
    for layer in visible:
        timed = slider and layer.temporal is not None
        # the attribute filter holds with the in-page slider too (the page filters only by time)
        mask = (layer.filter_mask() if layer.filter is not None else None) if slider else layer.drawn_mask(tf)
        layers.append(_layer_config(layer, mask, timed, str(getattr(document, "language", "en")), wrap))
    _add_links(visible, layers)
    language = str(getattr(document, "language", "en"))

    def stamp_in(lang: str) -> str | None:
        if stamp is None and not slider:
            return None
        if tf is None:
            return page_text("all dates", lang)
        prefix = page_text("as of ", lang) if tf.mode == "as_of" else ""
        return prefix + (date_label(stamp, lang) or "")

    base = _basemap_collection(bbox)
    titles = {lang: (options.title if options.title is not None else map_text(document.title, lang)) or ""
              for lang in LANG_CODES}
    attributions = {lang: _attribution_lines(visible, lang) + filter_notes(visible, lang) for lang in LANG_CODES}
    data = {
        "map": fmap.get_name(),
        # the page's language and its switch (issue 13 item 3): every text of the map in each
        # language, the page's own words (PAGE_TEXT); the switch redraws them in place
        "lang": language if language in LANG_CODES else "en",
        "langs": [list(x) for x in LANGUAGES],
        "ui": {k: {"zh_CN": v[0], "zh_TW": v[1]} for k, v in PAGE_TEXT.items()},
        "title": titles.get(language, titles["en"]),
        "titles": titles,
        "stamp": stamp_in(language),
        "stamps": {lang: stamp_in(lang) for lang in LANG_CODES},
        "attribution": attributions.get(language, attributions["en"]),
        "attributions": attributions,
        "basemap": None if base is None else {"fc": orjson.Fragment(base), "land": LAND, "border": BORDER,
                                               "places": _places(bbox, language),
                                               "placesBy": {lang: _places(bbox, lang) for lang in LANG_CODES}},
        # the first view, fitted by the page's script without animation (folium's fit_bounds
        # animated the zoom from its zoom_start: the page's first frames were of another view)
        "view": [[s, w], [n, e]],
        "layers": layers,
        "pinyin": _pinyin_table(visible),
        "searchNames": list(SEARCH_NAME_FIELDS),
        "lowOpacity": LOW_CONFIDENCE_OPACITY,
        "shapes": MARKER_SHAPES,
        "time": (
            time_slider_config(document, tf, [lyr for lyr in visible if lyr.temporal is not None])
            if slider
            else None
        ),
    }
    figure.html.add_child(
        _raw('<script type="application/json" id="atlas-data">' + script_json(data) + "</script>"),
        name="atlas_data",
    )
    fmap.add_child(_raw_class()[1](_page_script()), name="atlas_page_script")
    return fmap


#: The page's languages (issue 13 item 3).
LANG_CODES = tuple(code for code, _ in LANGUAGES)

#: Half-size (degrees) of the view of a single point (a bbox of zero width or height).
POINT_VIEW_HALF_SIZE = 0.25


def _viewable(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A bbox Leaflet can fit: one of zero width or height (a single point) widened by
    :data:`POINT_VIEW_HALF_SIZE` each way (Leaflet's fitBounds gives NaN otherwise)."""
    w, s, e, n = bbox
    if w == e:
        w, e = w - POINT_VIEW_HALF_SIZE, e + POINT_VIEW_HALF_SIZE
    if n - s <= 0:
        s, n = max(s - POINT_VIEW_HALF_SIZE, -90.0), min(n + POINT_VIEW_HALF_SIZE, 90.0)
    return w, s, e, n


@functools.cache
def _page_script() -> str:
    text = resources.files("asean_atlas.layers").joinpath("html_page.js").read_text(encoding="utf-8")
    return text.replace("</script", "<\\/script")


def _attribution_lines(layers: list[Layer], language: str = "en") -> list[str]:
    parts = dict.fromkeys(part for lyr in layers for part in lyr.attribution.split(" · ") if part.strip())
    base = "Basemap: Natural Earth (public domain); places: GeoNames (CC BY 4.0)"
    if str(language).startswith("zh"):  # the basemap's names in Chinese (layers/places.py)
        base += "; " + map_text("Chinese place names: Unicode CLDR", language)
    return ([" · ".join(parts)] if parts else []) + [base]


def _add_links(visible: list[Layer], configs: list[dict]) -> None:
    """The cable <-> station network in the page (issue 10): each layer that links to another
    names its link attribute and the layers holding the linked ids; the page lists the linked
    features in a popup and highlights them (:mod:`.network`)."""
    from .network import CABLE_LINK_FIELD, STATION_LINK_FIELD, link_field

    fields = [link_field(lyr) for lyr in visible]
    for i, (layer, field) in enumerate(zip(visible, fields)):
        configs[i]["links"] = None
        if field is None:
            continue
        other = STATION_LINK_FIELD if field == CABLE_LINK_FIELD else CABLE_LINK_FIELD
        targets = [j for j, f in enumerate(fields) if f == other and j != i]
        if targets:
            configs[i]["links"] = {
                "field": field,
                "layers": targets,
                "label": "Landing stations" if field == CABLE_LINK_FIELD else "Cables landing here",
            }
        for j in targets:  # the linked features are found by their id
            if "id" not in configs[j]["fields"]:
                configs[j]["fields"] = configs[j]["fields"] + ["id"]


def _layer_config(layer: Layer, mask: np.ndarray | None, timed: bool, language: str = "en",
                  wrap: float | None = None) -> dict:
    """What the page's script needs to draw one layer: its features (with the per-feature members
    of :func:`feature_collection`), style per class, tooltip and popup fields, legend, time."""
    style = layer.style
    frame = layer.attributes
    n = len(frame)
    # style classes: class 0 is the single symbol / values not listed; then one per category
    keys = style.class_keys(frame)
    cats = list(style.categories.items()) if style.categorized_field else []
    # values drawn dashed without a colour of their own: classes with the default colour, no legend row
    cats += [(k, None) for k in style.dashed_values if k not in style.categories] if style.categorized_field else []
    index = {k: i + 1 for i, (k, _) in enumerate(cats)}
    # the legend follows the filter: a class none of the page's features has gets no row
    present = None if mask is None or mask.all() else {str(k) for k in np.asarray(keys, dtype=object)[mask]}
    classes = [{"label": "", "color": _css_colour(style.color), "dashed": bool(style.dashed)}] + [
        {"label": str(k) if c is not None and style.categories_in_legend and (present is None or str(k) in present) else "",
         "color": _css_colour(c, _css_colour(style.color)),
         "dashed": bool(style.dashed) or k in style.dashed_values}
        for k, c in cats
    ]
    codes = pd.Series(keys, dtype=object).map(index).fillna(0).to_numpy(dtype=np.int64)
    members: dict[str, np.ndarray] = {"c": codes}
    life = layer.lifecycle.status_field if layer.lifecycle is not None else None
    if life:  # lifecycle (issue 5): planned / under construction drawn dashed and hollow
        members["p"] = (status_stages(frame[life]) < STAGE_IN_SERVICE).astype(np.int64)
    sizes = style.marker_sizes(frame)
    if sizes is not None:  # proportional symbols: per-feature radius (px)
        members["r"] = np.round(sizes / 2, 1)
    low = layer.low_confidence()
    if low is not None:  # issue 12 item 4: drawn lighter, as in the window and the PNG
        members["l"] = low.astype(np.int64)
    if timed:
        members.update(time_properties(layer))
    if layer.compact:
        has_geom = bool(n) and layer.geometry_kind != "none"
    else:
        geoms = layer.frame.geometry.values
        has_geom = bool(n) and bool((~(shapely.is_missing(geoms) | shapely.is_empty(geoms))).any())
    fields = [str(c) for c in frame.columns if c != layer.geometry_name][:POPUP_FIELDS]
    tip = _tooltip_field(layer)
    from .network import link_field

    labels = {}
    for lang in LANG_CODES:  # the page switches language (issue 13 item 3): one label set each
        label = None
        if style.label_field and style.label_field in frame.columns:
            second = style.label_field2 if style.label_field2 in frame.columns else None
            label = {"field": str(style.label_field), "field2": None if second is None else str(second),
                     "priority": float(style.label_priority), "size": float(style.label_size) * 4 / 3,
                     "halo": bool(style.label_halo), "fallback": None}
            zh_field = _chinese_name_field(frame.columns, lang) if style.label_field == "name" else None
            if zh_field is not None:
                # the map in Chinese: the Chinese name where there is one (as the window's labels)
                label.update(field=zh_field, fallback="name",
                             field2=None if second in ("name_zh", "name_zh_hant") else label["field2"])
        labels[lang] = label
    label = labels.get(language, labels["en"])
    extra = [c for c in (tip, "id", link_field(layer), style.label_field, style.label_field2,
                         *(("name_zh", "name_zh_hant") if style.label_field == "name" else ()))
             if c and c in frame.columns]
    searched = search_fields(layer)
    pinyin_of = [c for c in searched if c.lower() in SEARCH_NAME_FIELDS
                 and (frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype))]
    if pinyin_of and n <= PINYIN_FEATURES:  # the page's search finds Chinese names by pinyin too
        # the first PINYIN_CHARS characters of a name: pypinyin costs ~10 µs a character (a
        # layer of 500-character names took 95 s)
        py = [frame[c].map(lambda v: pinyin(v[:PINYIN_CHARS]) if isinstance(v, str) else "") for c in pinyin_of]
        # as the window's index holds it: "nanning nan ning" (both spellings people type)
        members["s"] = np.asarray(
            [" ".join(p.replace(" ", "") + " " + p for p in dict.fromkeys(p for p in row if p)) for row in zip(*py)],
            dtype=object)
    wanted = list(dict.fromkeys(fields + extra + searched))
    # points, not features: one MultiPoint of 200,000 parts is 200,000 markers
    if layer.compact:
        counts = (~np.isnan(layer.lonlat()[0])).astype(np.int64)
        drawn = int(counts[mask].sum()) if mask is not None else int(counts.sum())
    elif layer.geometry_kind == "point":
        counts = shapely.get_num_coordinates(layer.frame.geometry.values)
        drawn = int(counts[mask].sum()) if mask is not None else int(counts.sum())
    else:
        drawn = 0
    if drawn > CANVAS_POINTS:
        geo = {"fc": None, "cols": orjson.Fragment(point_columns(layer, mask, members=members, fields=wanted))}
    else:
        fc = feature_collection(layer, mask, members=members, fields=wanted, wrap=wrap)
        geo = {"fc": orjson.Fragment(fc), "cols": None}
    for c in classes:
        c["labels"] = {lang: class_label(c["label"], lang) for lang in LANG_CODES}
        c["label"] = c["labels"].get(language, c["label"])
    return {
        "title": layer_title(layer, language),
        "titles": {lang: layer_title(layer, lang) for lang in LANG_CODES},
        "kind": layer.geometry_kind,
        **geo,
        "style": {
            "weight": float(style.stroke_width),
            "opacity": float(style.opacity),
            "fillColor": None if style.fill_color is None else _css_colour(style.fill_color),
            "fillOpacity": float(style.fill_opacity),
            "radius": float(style.marker_size) / 2 + 1,
            "shape": style.marker_shape if style.marker_shape in MARKER_SHAPES else "circle",
        },
        "classes": classes,
        "search": searched if has_geom else [],
        "hasLow": bool(low is not None and (mask is None or (low & mask).any())),
        # proportional symbols: the window's size rows ("500 MW", "capacity not given"), per language
        "sizeRows": [{"d": round(float(d), 1), "labels": {lang: size_row_label(label, style.size_field, lang)
                                                            for lang in LANG_CODES}}
                     for label, d in style.size_legend(frame)] if sizes is not None and has_geom else [],
        "hasLife": bool(life) and has_geom,
        "label": label if has_geom else None,
        "labels": labels if has_geom else {lang: None for lang in LANG_CODES},
        "fieldNames": {lang: [field_label(f, lang) for f in fields] for lang in LANG_CODES} if has_geom else None,
        "tooltip": tip if has_geom else None,
        "fields": fields if has_geom else [],
        "time": (
            {
                "events": layer.temporal.end_field is None,
                "undatedShow": layer.temporal.undated == "show",
                "retiredGrey": bool(layer.lifecycle and layer.lifecycle.show_retired),
            }
            if timed
            else None
        ),
    }


# -- time slider in the page (issue 5) -----------------------------------------------------------
def _epoch_ms(dates: np.ndarray | None, n: int) -> np.ndarray:
    if dates is None:
        return np.full(n, np.nan)
    out = dates.astype("datetime64[ms]").astype(np.int64).astype(float)
    out[np.isnat(dates)] = np.nan
    return out


def time_properties(layer: Layer) -> dict[str, np.ndarray]:
    """Per-feature interval for the page's slider: ``t0`` start, ``t1`` end (epoch ms, NaN
    when missing), vectorized; written as members of each Feature (:func:`feature_collection`).

    Returns
    -------
    dict of str to ndarray of float, shape (n,)
    """
    n = layer.feature_count
    return {"t0": _epoch_ms(layer.start_dates, n), "t1": _epoch_ms(layer.end_dates, n)}


def time_slider_config(document: MapDocument, time_filter: TimeFilter | None, layers: list[Layer] | None = None) -> dict:
    """What the page's time control needs: steps ``[t0_ms, t1_ms, label]``, mode, end semantics,
    start index and the playback interval.

    Parameters
    ----------
    document : MapDocument
        Its controller gives the steps (range and unit), the mode and the interval.
    time_filter : TimeFilter or None
        The filter the page opens at (None: the filter off, every feature shown).
    layers : list of Layer, optional
        Unused (kept for callers of the earlier signature); each layer's own time settings are
        in its entry of the page data.

    Returns
    -------
    dict
        JSON-serializable.
    """
    ctl = document.time.copy()
    if time_filter is not None:
        ctl.set_mode(time_filter.mode)
        ctl.set_end_inclusive(time_filter.end_inclusive)
    filters = ctl.filters()
    ms = lambda t: int(np.datetime64(t, "ms").astype(np.int64))  # noqa: E731
    steps = [[ms(f.t0), ms(f.t1), f.label] for f in filters]
    index = len(steps) - 1
    if time_filter is not None and steps:
        t0s = np.array([s[0] for s in steps])
        index = int(np.clip(np.searchsorted(t0s, ms(time_filter.t0), side="right") - 1, 0, len(steps) - 1))
    return {
        "steps": steps,
        "mode": ctl.mode,
        "endInclusive": ctl.end_inclusive,
        "enabled": time_filter is not None,
        "index": index,
        "start": None if time_filter is None else [ms(time_filter.t0), ms(time_filter.t1), time_filter.label],
        "intervalMs": int(document.time.interval_ms),
    }


_DATA_BLOCK = re.compile(r'<script type="application/json" id="atlas-data">(.*?)</script>', re.S)


def page_data(page: str) -> dict:
    """The data of a page written by :func:`export_html` (title, layers with their features and
    styles, time steps), as the page's script reads it.

    Parameters
    ----------
    page : str
        The HTML text.

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        The page has no Atlas data block.
    """
    m = _DATA_BLOCK.search(page)
    if m is None:
        raise ValueError("not a page of the Atlas's HTML export (no atlas-data block)")
    return json.loads(m.group(1))


# -- Content-Security-Policy ----------------------------------------------------------------------
_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)


def with_csp(page: str, cdn: bool = False) -> str:
    """Add a Content-Security-Policy ``<meta>`` allowing exactly the page's inline scripts and
    styles (by SHA-256 hash, CSP Level 2) and no network (``cdn``: also the Leaflet CDN).

    Only attribute-less ``<script>``/``<style>`` blocks are executable inline code here; the data
    block is ``<script type="application/json">``, which the browser does not run, and user text
    inside it cannot form a tag (``<`` is escaped, :func:`script_json`).

    Parameters
    ----------
    page : str
        A rendered page with a ``<head>``.
    cdn : bool
        Whether the page loads Leaflet from its CDN (``ExportOptions.html_self_contained=False``).

    Returns
    -------
    str
    """
    hashes: dict[str, list[str]] = {"script": [], "style": []}
    for kind, body in _INLINE.findall(page):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes[kind].append(f"'sha256-{digest}'")
    extra = f" {_CDN_HOST}" if cdn else ""
    policy = (
        "default-src 'none'; "
        f"script-src {' '.join(dict.fromkeys(hashes['script']))}{extra}; "
        f"style-src {' '.join(dict.fromkeys(hashes['style']))}{extra}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page.replace("<head>", "<head>\n" + meta, 1)


def export_html(document: MapDocument, path: str | Path, options: ExportOptions) -> Path:
    """Write the folium map of :func:`build_map` to ``path`` atomically.

    Parameters
    ----------
    document : MapDocument
    path : str or Path
        Destination ``.html``; written through a temporary file and one rename.
    options : ExportOptions

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ExportError
        Bad options, or the file cannot be written.
    """
    fmap = build_map(document, options)
    page = with_csp(fmap.get_root().render(), cdn=not options.html_self_contained)
    return write_text_atomic(path, page)
