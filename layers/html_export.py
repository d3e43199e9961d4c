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
from .export_options import ExportOptions, default_bbox, export_time_filter, stamp_text
from .layer import Layer
from .temporal import STAGE_IN_SERVICE, STATUS_STAGES, TimeFilter

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


def feature_collection(
    layer: Layer, mask: np.ndarray | None = None, precision: int = 6, extra: dict[str, np.ndarray] | None = None
) -> str:
    """GeoJSON FeatureCollection text (RFC 7946, EPSG:4326) of a layer's features.

    Parameters
    ----------
    layer : Layer
    mask : ndarray of bool, shape (n,), optional
        Features to include (e.g. the time filter). Null and empty geometries are always left out.
    precision : int
        Decimal places of coordinates (6 ≈ 0.1 m).
    extra : dict of str to ndarray, shape (n,), optional
        More properties per feature (e.g. the time interval ``_t0``/``_t1`` in epoch ms; NaN
        becomes null).

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
    if extra:
        attrs = attrs.assign(**{k: np.asarray(v)[rows] for k, v in extra.items()})
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
    tf = export_time_filter(document, options)
    stamp, _ = stamp_text(tf)
    slider = options.html_time_slider and any(lyr.temporal is not None for lyr in document.visible_layers())
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
    timed = []
    for layer in document.visible_layers():
        if slider and layer.temporal is not None:
            # every feature goes in with its interval; the page's slider shows and hides them
            gj = _add_layer(fmap, layer, None, time_properties(layer))
            timed.append((gj, layer))
        else:
            _add_layer(fmap, layer, None if slider else layer.drawn_mask(tf))
        legend_rows.append(_legend_html(layer))
    folium.LayerControl(collapsed=False).add_to(fmap)
    if timed:
        fmap.add_child(_time_slider_element(document, tf, timed))
    fmap.fit_bounds([[s, w], [n, e]])
    title = options.title if options.title is not None else document.title
    heading = html.escape(title or "")
    if stamp is not None or slider:
        prefix = "as of " if tf is None or tf.mode == "as_of" else ""
        text = "all dates" if tf is None else prefix + html.escape(stamp or "")
        heading += f" <span style='font-weight:normal'>— <span id='atlas-time'>{text}</span></span>"
    fmap.get_root().html.add_child(folium.Element(_overlay_html(heading, legend_rows, document)))
    return fmap


def _add_layer(fmap, layer: Layer, mask: np.ndarray | None, extra: dict[str, np.ndarray] | None = None):
    import folium

    style = layer.style
    life = layer.lifecycle.status_field if layer.lifecycle is not None else None
    field = style.categorized_field
    cats = dict(style.categories)
    dashed = set(style.dashed_values)

    sizes = style.marker_sizes(layer.frame)
    if sizes is not None:  # proportional symbols: per-feature radius (px), read by style_function
        extra = {**(extra or {}), "_r": np.round(sizes / 2, 1)}

    def style_function(feature, _s=style, _f=field, _c=cats, _d=dashed, _life=life):
        key = "" if not _f else str(feature["properties"].get(_f) or "")
        color = _c.get(key, _s.color)
        # lifecycle (issue 5): planned / under construction drawn dashed and hollow
        status = str(feature["properties"].get(_life) or "") if _life else ""
        planned = bool(status) and STATUS_STAGES.get(status.strip().lower(), STAGE_IN_SERVICE) < STAGE_IN_SERVICE
        return {
            "color": color,
            "weight": _s.stroke_width,
            "opacity": _s.opacity,
            "fillColor": _s.fill_color or color,
            "fillOpacity": 0.0 if planned else (_s.fill_opacity if "Polygon" in feature["geometry"]["type"] else 0.9),
            "dashArray": "6 5" if (key in _d or planned) else None,
            **({"radius": feature["properties"]["_r"]} if "_r" in feature["properties"] else {}),
        }

    data = feature_collection(layer, mask, extra=extra)
    has_features = '"type":"Feature"' in data
    # folium checks tooltip/popup fields against the first feature: none for an empty layer
    tip = _tooltip_field(layer) if has_features else None
    fields = [str(c) for c in layer.frame.columns if c != layer.frame.geometry.name][:40] if has_features else []
    return folium.GeoJson(
        data,
        name=html.escape(layer.title),
        style_function=style_function,
        tooltip=folium.GeoJsonTooltip(fields=[tip], labels=False) if tip else None,
        popup=folium.GeoJsonPopup(fields=fields) if fields else None,
        marker=folium.CircleMarker(radius=style.marker_size / 2 + 1, weight=1.5, fill=True),
        highlight_function=lambda f: {"weight": style.stroke_width + 2},
    ).add_to(fmap)


# -- time slider in the page (issue 5) -----------------------------------------------------------
def _epoch_ms(dates: np.ndarray | None, n: int) -> np.ndarray:
    if dates is None:
        return np.full(n, np.nan)
    out = dates.astype("datetime64[ms]").astype(np.int64).astype(float)
    out[np.isnat(dates)] = np.nan
    return out


def time_properties(layer: Layer) -> dict[str, np.ndarray]:
    """Per-feature interval for the page's slider: ``_t0`` start, ``_t1`` end (epoch ms, NaN
    when missing), vectorized.

    Returns
    -------
    dict of str to ndarray of float, shape (n,)
    """
    n = layer.feature_count
    return {"_t0": _epoch_ms(layer.start_dates, n), "_t1": _epoch_ms(layer.end_dates, n)}


def time_slider_config(document: MapDocument, time_filter: TimeFilter | None, layer_vars: list[tuple[str, Layer]]) -> dict:
    """What the page's time control needs: steps ``[t0_ms, t1_ms, label]``, mode, end semantics,
    start index, and per layer its JavaScript variable, event flag and undated policy.

    Parameters
    ----------
    document : MapDocument
        Its controller gives the steps (range and unit) and the mode.
    time_filter : TimeFilter or None
        The filter the page opens at (None: the filter off, every feature shown).
    layer_vars : list of (str, Layer)
        The folium GeoJson variable name of each temporal layer.

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
        "layers": [
            {
                "var": var,
                "events": lyr.temporal.end_field is None,
                "undatedShow": lyr.temporal.undated == "show",
                "retiredGrey": bool(lyr.lifecycle and lyr.lifecycle.show_retired),
            }
            for var, lyr in layer_vars
        ],
    }


# Same semantics as TimeFilter.mask/ended (layers/temporal.py); written here, not loaded from a
# CDN, so the page's slider works offline (DESIGN.md "Self-contained HTML").
_TIME_JS = """
(function () {
  var cfg = %(cfg)s;
  var map = %(map)s;
  var entries = cfg.layers.map(function (c) {
    var g = window[c.var], all = [];
    g.eachLayer(function (l) { all.push(l); });
    return {c: c, g: g, all: all};
  });
  function has(v) { return v !== null && v !== undefined; }
  function state(p, c, t0, t1) {  // 0 hidden, 1 shown, 2 retired (grey)
    var s = p._t0, e = p._t1;
    var started = has(s) ? s < t1 : c.undatedShow;
    if (!started) return 0;
    if (cfg.mode === "window" && c.events && has(s) && s < t0) return 0;
    if (!has(e)) return 1;
    var alive = cfg.mode === "as_of" ? e >= (cfg.endInclusive ? t0 : t1)
                                     : (cfg.endInclusive ? e >= t0 : e > t0);
    return alive ? 1 : (c.retiredGrey ? 2 : 0);
  }
  var box = L.DomUtil.create("div", "atlas-time-control");
  box.style.cssText = "background:rgba(255,255,255,.92);padding:6px 10px;font:13px sans-serif;" +
                      "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3)";
  box.innerHTML = "<label><input type='checkbox' id='atlas-time-on'> Time</label> " +
    "<button id='atlas-time-play' type='button'>\u25B6</button> " +
    "<input type='range' id='atlas-time-slider' min='0' style='width:320px;vertical-align:middle'> " +
    "<b id='atlas-time-label'></b>";
  var ctl = L.control({position: "bottomright"});
  ctl.onAdd = function () { L.DomEvent.disableClickPropagation(box); return box; };
  ctl.addTo(map);
  var on = box.querySelector("#atlas-time-on"), slider = box.querySelector("#atlas-time-slider"),
      label = box.querySelector("#atlas-time-label"), play = box.querySelector("#atlas-time-play"),
      head = document.getElementById("atlas-time");
  slider.max = Math.max(cfg.steps.length - 1, 0);
  slider.value = cfg.index;
  on.checked = cfg.enabled;
  function apply() {
    var step = cfg.steps[+slider.value] || cfg.start;
    var enabled = on.checked && step;
    var text = !enabled ? "all dates" : (cfg.mode === "as_of" ? "as of " : "") + step[2];
    label.textContent = enabled ? step[2] : "all dates";
    if (head) head.textContent = text;
    slider.disabled = !on.checked;
    entries.forEach(function (en) {
      en.all.forEach(function (l) {
        var st = enabled ? state(l.feature.properties, en.c, step[0], step[1]) : 1;
        if (st === 0) { en.g.removeLayer(l); return; }
        en.g.addLayer(l);
        if (l.setStyle) {
          if (st === 2) l.setStyle({color: "#9a9a9a", fillColor: "#9a9a9a"});
          else en.g.resetStyle(l);
        }
      });
    });
  }
  window.atlasTime = {config: cfg, apply: apply, slider: slider, toggle: on, state: state};
  on.addEventListener("change", apply);
  slider.addEventListener("input", function () { on.checked = true; apply(); });
  var timer = null;
  play.addEventListener("click", function () {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25B6"; return; }
    on.checked = true;
    play.textContent = "\u23F8";
    timer = setInterval(function () {
      slider.value = (+slider.value + 1) %% (cfg.steps.length || 1);
      apply();
    }, %(interval)d);
  });
  if (cfg.enabled && !cfg.steps.length) cfg.steps = [cfg.start];
  apply();
})();
"""


def _time_slider_element(document: MapDocument, time_filter: TimeFilter | None, timed: list):
    import folium

    cfg = time_slider_config(document, time_filter, [(gj.get_name(), lyr) for gj, lyr in timed])

    class _TimeControl(folium.MacroElement):
        def render(self, **kwargs):
            figure = self.get_root()
            js = _TIME_JS % {
                "cfg": json.dumps(cfg, ensure_ascii=False).replace("</", "<\\/"),
                "map": self._parent.get_name(),
                "interval": document.time.interval_ms,
            }
            figure.script.add_child(folium.Element(js), name=self.get_name())
            super().render(**kwargs)

    return _TimeControl()


def _legend_html(layer: Layer) -> str:
    kind = layer.geometry_kind
    fill = layer.style.fill_color if not layer.style.categorized_field else None
    entries = layer.style.legend_entries()
    if len(entries) == 1 and not entries[0][0]:
        return f"<div>{_swatch(entries[0][1], entries[0][2], kind, fill)}{html.escape(layer.title)}</div>"
    sub = "".join(
        f"<div style='margin-left:12px'>{_swatch(c, d, kind)}{html.escape(label)}</div>" for label, c, d in entries
    )
    return f"<div><b>{html.escape(layer.title)}</b></div>{sub}"


def _swatch(color: str, dashed: bool, kind: str = "line", fill: str | None = None) -> str:
    """A legend symbol like the layer's: a line for lines, a dot for points, a box for polygons."""
    border = "dashed" if dashed else "solid"
    base = "display:inline-block;vertical-align:middle;margin-right:6px;"
    if kind == "point":
        inside = "#ffffff" if dashed else (fill or color)
        return f"<span style='{base}width:10px;height:10px;border-radius:50%;border:2px solid {color};background:{inside}'></span>"
    if kind == "polygon":
        return f"<span style='{base}width:16px;height:10px;border:1.5px {border} {color};background:{fill or color}55'></span>"
    return f"<span style='{base}width:18px;height:0;border-top:3px {border} {color}'></span>"


def _overlay_html(heading: str, legend_rows: list[str], document: MapDocument) -> str:
    attrib = " · ".join(
        dict.fromkeys(
            html.escape(part)
            for lyr in document.visible_layers()
            for part in lyr.attribution.split(" · ")
            if part
        )
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
