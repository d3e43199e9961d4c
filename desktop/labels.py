"""Labels on the map (issue 11 item 1): measured and drawn with Qt, placed by
:mod:`asean_atlas.layers.labels` (no overlaps, never on a marker, thinning out by priority).

Drawn by :class:`~asean_atlas.desktop.renderer.MapRenderer` after the layers, so the canvas, the
PNG/SVG exports and the animation frames all carry them. Sources of labels:

- layers whose style names a ``label_field`` (and optionally ``label_field2`` in parentheses);
- the basemap: country names (Natural Earth 1:50m, at a point inside each country's largest
  part) and capital and hub cities (``geodata/sources/places.csv``, GeoNames CC BY 4.0).

Fonts: one family list with fallbacks for Chinese, Thai, Khmer, Burmese and Vietnamese
(:data:`FAMILIES`); Qt picks per character. A character no installed font has is reported by
:func:`missing_glyphs` (the window shows a warning naming the text).
"""

from __future__ import annotations

import functools
import threading

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPainterPath, QPen

from asean_atlas.layers.labels import LabelCandidate, PlacedLabel, label_text, place_labels
from asean_atlas.layers import map_text
from asean_atlas.layers.places import basemap_places
from asean_atlas.layers.projection import lonlat_to_display

#: Font families, in order; Qt falls back along the list (and then to fontconfig) per glyph.
FAMILIES = [
    "DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans Thai",
    "Noto Sans Khmer", "Noto Sans Myanmar", "Noto Sans Lao", "Liberation Sans",
]
#: At most this many label candidates per frame (the highest priorities first).
MAX_CANDIDATES = 4000
#: Point layers with more markers than this in view are not entered as obstacles (too dense to
#: keep labels off them anyway; placement stays fast).
MAX_OBSTACLES = 20_000
COUNTRY_COLOUR = QColor("#6b5a3a")
TEXT_COLOUR = QColor("#1f2a33")
_lock = threading.Lock()


def families(language: str | None = None) -> list[str]:
    """:data:`FAMILIES` for text in ``language``: the traditional Chinese face before the simplified
    one for ``zh_TW`` (Taiwan's glyph shapes), the simplified first otherwise. An explicit list,
    never the system's fallback, so that Chinese is never drawn with the Japanese face and an
    export embeds the same fonts every time (issue 13)."""
    out = list(FAMILIES)
    if str(language) in ("zh_TW", "zh_HK", "zh_MO"):
        sc, tc = out.index("Noto Sans CJK SC"), out.index("Noto Sans CJK TC")
        out[sc], out[tc] = out[tc], out[sc]
    return out


def label_font(pixels: float, bold: bool = False, caps: bool = False, language: str | None = None) -> QFont:
    """The label font at ``pixels`` size, with the fallback families of :func:`families`."""
    f = QFont()
    f.setFamilies(families(language))
    f.setPixelSize(max(1, round(pixels)))
    f.setBold(bold)
    if caps:
        f.setCapitalization(QFont.Capitalization.AllUppercase)
        f.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
    f.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return f


@functools.lru_cache(maxsize=1)
def _installed_fonts() -> tuple:
    """Every installed family as a QRawFont (its character map loaded once, ~15 ms for 40)."""
    from PySide6.QtGui import QRawFont

    return tuple(r for r in (QRawFont.fromFont(QFont(f)) for f in QFontDatabase.families()) if r.isValid())


@functools.lru_cache(maxsize=20000)
def _char_drawable(ch: str) -> bool:
    if ch.isspace() or ord(ch) < 0x250:  # Latin: every font here has it
        return True
    cp = ord(ch)
    return any(r.supportsCharacter(cp) for r in _installed_fonts())


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` that no installed font can draw (empty when all can)."""
    with _lock:
        return sorted({ch for ch in text if not _char_drawable(ch)})


class _Metrics:
    def __init__(self, language: str | None = None) -> None:
        self.fonts: dict[tuple, tuple[QFont, QFontMetricsF]] = {}
        self.language = language

    def get(self, px: float, bold=False, caps=False):
        key = (round(px, 1), bold, caps)
        if key not in self.fonts:
            f = label_font(px, bold, caps, self.language)
            self.fonts[key] = (f, QFontMetricsF(f))
        return self.fonts[key]


def collect(document, viewport, tf, scale: float, basemap: bool = True):
    """Label candidates and obstacles of what is drawn: ``(candidates, obstacles, markers)`` —
    obstacles are the feature markers and the city dots, ``markers`` the feature markers alone.

    Candidates carry ``key = (font, halo, colour, kind)`` for drawing. Features hidden by the time
    filter or the layer's attribute filter get no label.
    """
    m = _Metrics(getattr(document, "language", "en"))
    w, h = viewport.width, viewport.height
    cands: list[LabelCandidate] = []
    obstacles: list[np.ndarray] = []
    shifts = viewport.world_shifts()
    layers = document.visible_layers()
    any_labels = basemap or any(lyr.style.label_field for lyr in layers)
    for layer in layers:
        st = layer.style
        drawn = None
        labelled = bool(st.label_field) and st.label_field in layer.attributes.columns
        if not labelled and (not any_labels or layer.feature_count > 10 * MAX_OBSTACLES):
            continue  # nothing to label here, or too many markers to keep clear of
        xy = prow = None
        if layer.is_point_layer and layer.feature_count:
            xy, prow = layer.display_points()
        elif layer.feature_count and not layer.compact:
            # the Point features of a mixed layer are markers too (a user's file of sites and
            # routes: a country's name covered a site, session 31)
            prow = np.flatnonzero(shapely.get_type_id(layer.frame.geometry.values) == 0)
            xy = shapely.get_coordinates(layer.display_geometries(prow)) if prow.size else None
        if xy is not None:
            drawn = layer.drawn_mask(tf)
            size = (st.marker_sizes(layer.attributes) if st.size_field else None)
            for shift in shifts:
                px, py = viewport.to_pixels(xy[:, 0] + shift, xy[:, 1])
                inview = drawn[prow] & (px >= -20) & (px <= w + 20) & (py >= -20) & (py <= h + 20)
                if 0 < inview.sum() <= MAX_OBSTACLES:
                    sz = size[prow[inview]] if size is not None else np.full(int(inview.sum()), st.marker_size)
                    r = sz * scale / 2 + 1
                    obstacles.append(np.column_stack([px[inview] - r, py[inview] - r, px[inview] + r, py[inview] + r]))
        field = st.label_field
        if not field or field not in layer.attributes.columns or not layer.feature_count:
            continue
        second = st.label_field2 if st.label_field2 in layer.attributes.columns else None
        font, fm = m.get(st.label_size * 4 / 3 * scale)
        key = (font, st.label_halo, TEXT_COLOUR, "feature")
        if drawn is None:
            drawn = layer.drawn_mask(tf)
        values = layer.attributes[field]
        values2 = layer.attributes[second] if second else None
        zh_field = map_text.chinese_name_field(layer.attributes.columns, getattr(document, "language", "en")) if field == "name" else None
        if zh_field is not None:
            # the map in Chinese: the Chinese name where the feature has one, else the English
            zh = layer.attributes[zh_field]
            values = zh.where(zh.notna() & (zh.astype("string").str.strip() != ""), values)
            if second in ("name_zh", "name_zh_hant"):
                values2 = None
        if layer.is_point_layer:
            xy, prow = layer.display_points()
            size = (st.marker_sizes(layer.attributes) if st.size_field else None)
            for shift in shifts:
                px, py = viewport.to_pixels(xy[:, 0] + shift, xy[:, 1])
                sel = np.flatnonzero(drawn[prow] & (px >= 0) & (px <= w) & (py >= 0) & (py <= h))
                for i in sel[:MAX_CANDIDATES]:
                    r = int(prow[i])
                    text = label_text(values.iat[r], values2.iat[r] if values2 is not None else None)
                    if not text:
                        continue
                    rad = (size[r] if size is not None else st.marker_size) * scale / 2
                    cands.append(LabelCandidate(text, fm.horizontalAdvance(text), fm.height(), st.label_priority,
                                                float(px[i]), float(py[i]), rad, None, key))
        else:
            x0, y0, x1, y1 = viewport.extent()
            for shift in shifts:
                # the features in view through the identify index, projected as they are taken
                view = (x0 - shift, y0, x1 - shift, y1)
                hit, geoms = layer.index.intersecting(view, drawn, MAX_CANDIDATES)
                for r, g in zip(hit.tolist(), geoms):
                    text = label_text(values.iat[r], values2.iat[r] if values2 is not None else None)
                    if not text:
                        continue
                    if g.geom_type in ("Polygon", "MultiPolygon"):  # an area: its name inside it
                        c = g.representative_point()
                        px, py = viewport.to_pixels(c.x + shift, c.y)
                        if not (0 <= px <= w and 0 <= py <= h):
                            # zoomed into the area: its name inside the part in view
                            inner = shapely.clip_by_rect(g, *view)
                            if not inner.is_empty:
                                c = inner.representative_point()
                                px, py = viewport.to_pixels(c.x + shift, c.y)
                        if 0 <= px <= w and 0 <= py <= h:
                            cands.append(LabelCandidate(text, fm.horizontalAdvance(text), fm.height(),
                                                        st.label_priority, float(px), float(py), -1.0, None, key))
                        continue
                    parts = list(g.geoms) if hasattr(g, "geoms") else [g]
                    best, best_len = None, 0.0
                    for part in parts:
                        if part.geom_type == "Polygon":
                            part = part.exterior
                        # the part cut at the view's edges: a line crossing the view with no
                        # vertex inside it is labelled too (zoomed in on a long segment)
                        clipped = shapely.clip_by_rect(part, *view)
                        for piece in getattr(clipped, "geoms", [clipped]):
                            xy = shapely.get_coordinates(piece)
                            if len(xy) < 2:
                                continue
                            px, py = viewport.to_pixels(xy[:, 0] + shift, xy[:, 1])
                            vis = float(np.hypot(np.diff(px), np.diff(py)).sum())
                            if vis > best_len:
                                best, best_len = np.column_stack([px, py]), vis
                    if best is not None:
                        cands.append(LabelCandidate(text, fm.horizontalAdvance(text), fm.height(), st.label_priority - 0.5,
                                                    path=best, key=key))
    if basemap:
        cfont, cfm = m.get(11 * scale)
        pfont, pfm = m.get(11 * scale, bold=True)
        for text, lon, lat, prio, kind in basemap_places(str(getattr(document, "language", "en"))):
            x, y = lonlat_to_display(np.array([lon]), np.array([lat]))
            for shift in shifts:
                px, py = viewport.to_pixels(float(x[0]) + shift, float(y[0]))
                if not (0 <= px <= w and 0 <= py <= h):
                    continue
                if kind == "country":
                    up = text.upper()  # upper case in the text itself: SVG has no font capitalization
                    tw = cfm.horizontalAdvance(up)
                    cands.append(LabelCandidate(up, tw, cfm.height(), prio, px, py, -1.0, None,
                                                (cfont, True, COUNTRY_COLOUR, "country")))
                else:
                    # the label keeps clear of a facility marker on the same town point too
                    cands.append(LabelCandidate(text, pfm.horizontalAdvance(text), pfm.height(), prio, px, py, 7 * scale, None,
                                                (pfont, True, TEXT_COLOUR, "place")))
    markers = np.concatenate(obstacles) if obstacles else np.zeros((0, 4))
    if basemap:
        # the city dots are markers too: no label (a country's name) is drawn over one
        dots = [(c.x, c.y) for c in cands if c.key[3] == "place"]
        if dots:
            r = 3.5 * scale
            obstacles.append(np.array([[x - r, y - r, x + r, y + r] for x, y in dots]))
    cands.sort(key=lambda c: -c.priority)
    obs = np.concatenate(obstacles) if obstacles else None
    return cands[:MAX_CANDIDATES], obs, markers


def draw_labels(painter: QPainter, document, viewport, tf, scale: float = 1.0, basemap: bool = True,
                reserved: list | None = None) -> list[PlacedLabel]:
    """Place and draw the labels of ``document`` in ``viewport``; returns what was placed (the
    window's tests read the boxes)."""
    cands, obstacles, markers = collect(document, viewport, tf, scale, basemap)
    # overlays drawn after the map (title band, legend…): no label hides under one
    placed = place_labels(cands, viewport.width, viewport.height, obstacles,
                          np.asarray(reserved, dtype=float).reshape(-1, 4) if reserved else None)
    from .renderer import _is_raster

    raster = _is_raster(painter)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    obs = np.asarray(markers, dtype=float).reshape(-1, 4)  # feature markers (not the city dots)
    for p in placed:
        font, halo, colour, kind = p.candidate.key
        x, y = p.candidate.x, p.candidate.y
        covered = bool(((obs[:, 0] <= x) & (x <= obs[:, 2]) & (obs[:, 1] <= y) & (y <= obs[:, 3])).any())
        if kind == "place" and not covered:  # a city dot, unless a feature's marker is there already
            painter.setPen(QPen(QColor("white"), 1.2 * scale))
            painter.setBrush(QColor("#3a3a3a"))
            painter.drawEllipse(QPointF(p.candidate.x, p.candidate.y), 2.5 * scale, 2.5 * scale)
        fm = QFontMetricsF(font)
        text = p.candidate.text
        tw = fm.horizontalAdvance(text)
        painter.save()
        painter.translate(p.cx, p.cy)
        if p.angle:
            painter.rotate(p.angle)
        painter.setFont(font)
        origin = QPointF(-tw / 2, fm.ascent() - fm.height() / 2)
        if halo and raster:  # the text drawn in white around itself: a halo for a few glyph blits
            painter.setPen(QColor(255, 255, 255, 235))
            d = max(1.0, fm.height() / 12)
            for dx, dy in ((-d, 0), (d, 0), (0, -d), (0, d), (-d, -d), (d, d), (-d, d), (d, -d)):
                painter.drawText(origin + QPointF(dx, dy), text)
        elif halo:  # SVG/PDF: the halo as an outline path, so the text itself appears once (selectable)
            outline = QPainterPath()
            outline.addText(origin, font, text)
            pen = QPen(QColor(255, 255, 255, 235), max(1.5, fm.height() / 6))
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.strokePath(outline, pen)
        painter.setPen(colour)
        painter.drawText(origin, text)
        painter.restore()
    painter.restore()
    return placed


def label_bounds(placed: list[PlacedLabel]) -> list[QRectF]:
    """The boxes of the placed labels as QRectF (tests)."""
    return [QRectF(QPointF(b[0], b[1]), QPointF(b[2], b[3])) for b in (p.box for p in placed)]


#: Scripts whose fonts a Debian/Ubuntu user installs from one package (issue 13 item 6): the first
#: word of the characters' Unicode names -> (the script's name, the package).
FONT_PACKAGES = {
    "CJK": ("Chinese, Japanese or Korean", "fonts-noto-cjk"), "HIRAGANA": ("Japanese", "fonts-noto-cjk"),
    "KATAKANA": ("Japanese", "fonts-noto-cjk"), "HANGUL": ("Korean", "fonts-noto-cjk"),
    "BOPOMOFO": ("Chinese", "fonts-noto-cjk"), "THAI": ("Thai", "fonts-noto-core"), "LAO": ("Lao", "fonts-noto-core"),
    "KHMER": ("Khmer", "fonts-noto-core"), "MYANMAR": ("Burmese", "fonts-noto-core"),
    "TIBETAN": ("Tibetan", "fonts-noto-core"), "BENGALI": ("Bengali", "fonts-noto-core"),
    "DEVANAGARI": ("Devanagari", "fonts-noto-core"), "TAMIL": ("Tamil", "fonts-noto-core"),
    "SINHALA": ("Sinhala", "fonts-noto-core"), "JAVANESE": ("Javanese", "fonts-noto-core"),
    "BALINESE": ("Balinese", "fonts-noto-core"), "TAGALOG": ("Tagalog", "fonts-noto-core"),
}


def font_package(ch: str) -> tuple[str, str] | None:
    """``(script, Debian package)`` of a character whose script one package covers, else None."""
    import unicodedata

    first = unicodedata.name(ch, "").split(" ")[0]
    return FONT_PACKAGES.get(first)


def font_warnings(texts, seen: set | None = None) -> list[str]:
    """Warnings for label texts with characters no installed font has: once per script, naming
    the package that has its font ("No installed font can draw Khmer text ('ក' in the label
    'ភ្នំពេញ'): … apt install fonts-noto-core"); once per text for characters of no such script
    (private use). Texts and scripts in ``seen`` are skipped, and added."""
    out = []
    checked = 0
    for text in texts:
        if seen is not None:
            if text in seen:
                continue
            seen.add(text)
        checked += 1
        if checked > MAX_FONT_CHECKS:  # the rest at the next frame (a label of new characters is
            if seen is not None:        # checked against every installed font)
                seen.discard(text)
            continue
        missing = missing_glyphs(text)
        if not missing:
            continue
        scripts = {}
        for c in missing:
            got = font_package(c)
            if got is not None:
                scripts.setdefault(got, []).append(c)
        for (script, package), chars in scripts.items():
            key = ("script", script)
            if seen is not None:
                if key in seen:
                    continue
                seen.add(key)
            out.append(QCoreApplication.translate(
                "labels", "No installed font can draw {script} text ({chars} in the label {text}): labels in it show "
                "as boxes. Install its font (Debian/Ubuntu: apt install {package}).").format(
                    script=_script_name(script), chars=", ".join(repr(c) for c in chars[:6]) + (" …" if len(chars) > 6 else ""),
                    text=repr(_short(text)), package=package))
        other = [c for c in missing if font_package(c) is None]
        if other and (seen is None or ("script", None) not in seen):
            if seen is not None:  # characters of no known script (private use…): said once too
                seen.add(("script", None))
            chars = ", ".join(repr(c) for c in other[:6]) + (" …" if len(other) > 6 else "")
            out.append(QCoreApplication.translate(
                "labels", "No installed font can draw {chars} in the label {text}: it shows as boxes. "
                "Install a font for that script (Debian: fonts-noto-core, fonts-noto-cjk).").format(
                    chars=chars, text=repr(_short(text))))
    return out


#: Label texts checked for missing glyphs per call (:func:`font_warnings`).
MAX_FONT_CHECKS = 200


def _short(text: str, n: int = 60) -> str:
    """A label text as a warning quotes it: at most ``n`` characters."""
    return text if len(text) <= n else text[:n] + "…"


def _script_name(script: str) -> str:
    names = {
        "Chinese, Japanese or Korean": QCoreApplication.translate("labels", "Chinese, Japanese or Korean"),
        "Japanese": QCoreApplication.translate("labels", "Japanese"),
        "Korean": QCoreApplication.translate("labels", "Korean"),
        "Chinese": QCoreApplication.translate("labels", "Chinese"),
        "Thai": QCoreApplication.translate("labels", "Thai"),
        "Lao": QCoreApplication.translate("labels", "Lao"),
        "Khmer": QCoreApplication.translate("labels", "Khmer"),
        "Burmese": QCoreApplication.translate("labels", "Burmese"),
        "Tibetan": QCoreApplication.translate("labels", "Tibetan"),
        "Bengali": QCoreApplication.translate("labels", "Bengali"),
        "Devanagari": QCoreApplication.translate("labels", "Devanagari"),
        "Tamil": QCoreApplication.translate("labels", "Tamil"),
        "Sinhala": QCoreApplication.translate("labels", "Sinhala"),
        "Javanese": QCoreApplication.translate("labels", "Javanese"),
        "Balinese": QCoreApplication.translate("labels", "Balinese"),
        "Tagalog": QCoreApplication.translate("labels", "Tagalog"),
    }
    return names.get(script, script)


def glyph_warnings(placed: list[PlacedLabel], seen: set | None = None) -> list[str]:
    """:func:`font_warnings` of placed labels' texts."""
    return font_warnings([p.candidate.text for p in placed], seen)
