"""HTML export through folium: an interactive Leaflet map of the visible layers.

Every visible layer becomes one GeoJSON overlay in a layer control, with the colours and widths of
its :class:`~asean_atlas.layers.style.Style`, a tooltip with the feature's name and a popup with all
its attributes (HTML-escaped). The built-in Natural Earth basemap is included as a vector layer, so
the map has land and coasts without any tile server. The same function serves the GUI and the CLI.

The FeatureCollection text is built vectorized (``shapely.to_geojson`` + orjson, coordinates
rounded to 6 decimals, ~0.1 m) rather than through folium's GeoDataFrame path, which serializes
everything twice (DESIGN.md "Known platform facts").
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import orjson
import pandas as pd
import shapely

from .atomic import write_text_atomic
from .document import MapDocument
from .export_options import ExportOptions, default_bbox
from .layer import Layer

SEA = "#cfe3ef"
LAND = "#f4f1ea"
BORDER = "#b8ae9c"
#: Attribute names tried, in order, for the tooltip label.
NAME_FIELDS = ("name", "NAME", "Name", "title", "id", "feature_id")


def _json_safe_properties(frame: pd.DataFrame) -> list[dict]:
    """Attribute rows as JSON-safe dicts: text HTML-escaped, NaN/NaT -> None, dates -> ISO text,
    nested values -> JSON text."""
    out = {}
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
            vals = s.astype(object).where(s.notna(), None)
        elif pd.api.types.is_datetime64_any_dtype(s.dtype):
            vals = s.dt.strftime("%Y-%m-%d %H:%M:%S").str.replace(" 00:00:00", "", regex=False)
            vals = vals.astype(object).where(s.notna(), None)
        else:
            vals = s.map(_text_value)
        out[str(col)] = vals.tolist()
    keys = list(out)
    return [dict(zip(keys, row)) for row in zip(*out.values())] if keys else [{} for _ in range(len(frame))]


def _text_value(v):
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT or v is pd.NA:
        return None
    if isinstance(v, (list, dict, tuple, np.ndarray)):
        v = json.dumps(v.tolist() if isinstance(v, np.ndarray) else v, ensure_ascii=False, default=str)
    return html.escape(str(v), quote=False)


def feature_collection(layer: Layer, mask: np.ndarray | None = None, precision: int = 6) -> str:
    """GeoJSON FeatureCollection text (RFC 7946, EPSG:4326) of a layer's features.

    Parameters
    ----------
    layer : Layer
    mask : ndarray of bool, shape (n,), optional
        Features to include (e.g. the time filter). Null and empty geometries are always left out.
    precision : int
        Decimal places of coordinates (6 ≈ 0.1 m).

    Returns
    -------
    str
    """
    geoms = np.asarray(layer.frame.geometry.values, dtype=object)
    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if mask is not None:
        keep &= mask
    rows = np.flatnonzero(keep)
    geoms = shapely.set_precision(geoms[rows], 10.0**-precision) if rows.size else geoms[rows]
    geoms = shapely.force_2d(geoms)
    gj = shapely.to_geojson(geoms)
    attrs = layer.frame.drop(columns=layer.frame.geometry.name).iloc[rows]
    props = _json_safe_properties(attrs)
    feats = [
        b'{"type":"Feature","geometry":' + g.encode() + b',"properties":' + orjson.dumps(p) + b"}"
        for g, p in zip(gj, props)
    ]
    return '{"type":"FeatureCollection","features":[' + b",".join(feats).decode() + "]}"


def _inline_leaflet(fmap) -> None:
    """Make the page work offline: Leaflet's own JS/CSS inline, no CDN files.

    folium's page links ~10 CDN files (Leaflet, jQuery, Bootstrap, Font Awesome...). This map uses
    only Leaflet (GeoJSON, tooltips, popups, layer control), so the others are dropped and Leaflet
    is inlined from the ``xstatic-leaflet`` package (DESIGN.md "Self-contained HTML").
    """
    import folium
    from xstatic.pkg import leaflet as xleaflet

    base = Path(xleaflet.BASE_DIR)
    js = (base / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    fmap.default_js = []
    fmap.default_css = []
    header = fmap.get_root().header
    header.add_child(folium.Element(f"<style>{css}</style>"), name="leaflet_css_inline")
    header.add_child(folium.Element(f"<script>{js}</script>"), name="leaflet_js_inline")


_EXTERNAL = re.compile(r"<(script|link)\b[^>]*(src|href)=[\"']https?://[^>]*>(\s*</script>)?", re.I)


def _basemap_collection(bbox: tuple[float, float, float, float]) -> str | None:
    try:
        from asean_atlas.geodata.basemap import load_basemap

        countries = load_basemap("countries")
    except Exception:
        return None
    w, s, e, n = bbox
    dx, dy = (e - w) * 0.5 + 2, (n - s) * 0.5 + 2
    clip = shapely.box(max(w - dx, -180), max(s - dy, -85), min(e + dx, 180), min(n + dy, 85))
    geoms = shapely.intersection(countries.geometry.values, clip)
    geoms = shapely.simplify(geoms, tolerance=max(e - w, n - s) / 2500)
    ok = ~shapely.is_empty(geoms)
    gj = shapely.to_geojson(shapely.set_precision(geoms[ok], 1e-4))
    return '{"type":"FeatureCollection","features":[' + ",".join(
        '{"type":"Feature","properties":{},"geometry":' + g + "}" for g in gj
    ) + "]}"


def _tooltip_field(layer: Layer) -> str | None:
    cols = [str(c) for c in layer.frame.columns]
    for name in NAME_FIELDS:
        if name in cols:
            return name
    text_cols = [c for c in cols if c != layer.frame.geometry.name and layer.frame[c].dtype == object]
    return text_cols[0] if text_cols else None


def build_map(document: MapDocument, options: ExportOptions):
    """Build the folium Map of the document's visible layers (see module docstring).

    Returns
    -------
    folium.Map

    Raises
    ------
    ExportError
        Bad options (see :meth:`ExportOptions.validate`).
    """
    import folium

    options.validate()
    year = options.year if options.year is not None else document.year
    bbox = options.bbox or default_bbox(document)
    w, s, e, n = bbox
    fmap = folium.Map(location=[(s + n) / 2, (w + e) / 2], zoom_start=4, tiles=None, control_scale=True)
    if options.html_self_contained:
        _inline_leaflet(fmap)
    fmap.get_root().header.add_child(
        folium.Element(f"<style>.leaflet-container{{background:{SEA};}}</style>")
    )
    base = _basemap_collection(bbox)
    if base is not None:
        folium.GeoJson(
            base,
            name="Basemap (Natural Earth)",
            style_function=lambda f: {"fillColor": LAND, "color": BORDER, "weight": 0.8, "fillOpacity": 1.0},
            interactive=False,
            control=False,
        ).add_to(fmap)
    legend_rows = []
    for layer in document.visible_layers():
        mask = layer.time_mask(year)
        _add_layer(fmap, layer, mask)
        legend_rows.append(_legend_html(layer))
    folium.LayerControl(collapsed=False).add_to(fmap)
    fmap.fit_bounds([[s, w], [n, e]])
    title = options.title if options.title is not None else document.title
    heading = html.escape(title or "")
    if year is not None:
        heading += f" <span style='font-weight:normal'>— as of {year}</span>"
    fmap.get_root().html.add_child(folium.Element(_overlay_html(heading, legend_rows, document)))
    return fmap


def _add_layer(fmap, layer: Layer, mask: np.ndarray) -> None:
    import folium

    style = layer.style
    field = style.categorized_field
    cats = dict(style.categories)
    dashed = set(style.dashed_values)

    def style_function(feature, _s=style, _f=field, _c=cats, _d=dashed):
        key = "" if not _f else str(feature["properties"].get(_f) or "")
        color = _c.get(key, _s.color)
        return {
            "color": color,
            "weight": _s.stroke_width,
            "opacity": _s.opacity,
            "fillColor": _s.fill_color or color,
            "fillOpacity": _s.fill_opacity if "Polygon" in feature["geometry"]["type"] else 0.9,
            "dashArray": "6 5" if key in _d else None,
        }

    data = feature_collection(layer, mask)
    has_features = '"type":"Feature"' in data
    # folium checks tooltip/popup fields against the first feature: none for an empty layer
    tip = _tooltip_field(layer) if has_features else None
    fields = [str(c) for c in layer.frame.columns if c != layer.frame.geometry.name][:40] if has_features else []
    folium.GeoJson(
        data,
        name=html.escape(layer.title),
        style_function=style_function,
        tooltip=folium.GeoJsonTooltip(fields=[tip], labels=False) if tip else None,
        popup=folium.GeoJsonPopup(fields=fields) if fields else None,
        marker=folium.CircleMarker(radius=style.marker_size / 2 + 1, weight=1.5, fill=True),
        highlight_function=lambda f: {"weight": style.stroke_width + 2},
    ).add_to(fmap)


def _legend_html(layer: Layer) -> str:
    entries = layer.style.legend_entries()
    if len(entries) == 1 and not entries[0][0]:
        return f"<div>{_swatch(entries[0][1], entries[0][2])}{html.escape(layer.title)}</div>"
    sub = "".join(
        f"<div style='margin-left:12px'>{_swatch(c, d)}{html.escape(label)}</div>" for label, c, d in entries
    )
    return f"<div><b>{html.escape(layer.title)}</b></div>{sub}"


def _swatch(color: str, dashed: bool) -> str:
    border = "dashed" if dashed else "solid"
    return (
        f"<span style='display:inline-block;width:18px;height:0;border-top:3px {border} {color};"
        "vertical-align:middle;margin-right:6px'></span>"
    )


def _overlay_html(heading: str, legend_rows: list[str], document: MapDocument) -> str:
    attrib = " · ".join(
        dict.fromkeys([html.escape(lyr.attribution) for lyr in document.visible_layers() if lyr.attribution])
    )
    box = "position:fixed;z-index:1000;background:rgba(255,255,255,.9);padding:6px 10px;font:13px sans-serif;"
    return (
        f"<div id='atlas-title' style='{box}top:10px;left:60px;font-size:18px;font-weight:bold'>{heading}</div>"
        f"<div id='atlas-legend' style='{box}bottom:64px;left:10px'><b>Legend</b>{''.join(legend_rows)}"
        f"<div style='margin-top:4px;font-size:11px;color:#555;max-width:360px'>{attrib}"
        "<br>Basemap: Natural Earth (public domain)</div></div>"
    )


def export_html(document: MapDocument, path: str | Path, options: ExportOptions) -> Path:
    """Write the folium map of :func:`build_map` to ``path`` atomically.

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
    page = fmap.get_root().render()
    if options.html_self_contained:
        page = _EXTERNAL.sub("", page)
    return write_text_atomic(path, page)
