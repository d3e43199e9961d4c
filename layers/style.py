"""Layer symbology: single symbol or categorized by an attribute.

A :class:`Style` is a small, JSON-serializable description of how a layer is drawn. It knows
nothing of Qt: the desktop renderer and the HTML exporter both read it, so the canvas, the PNG and
the HTML map use the same colours and widths.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

# A qualitative palette for user layers (ColorBrewer "Set1"/"Dark2"/"Paired" blend, distinct on
# a light basemap); a new layer takes the one farthest from the colours already on the map.
USER_PALETTE = (
    "#e41a1c",
    "#377eb8",
    "#4daf4a",
    "#984ea3",
    "#ff7f00",
    "#a65628",
    "#f781bf",
    "#1b9e77",
    "#e6ab02",
    "#17becf",
    "#bcbd22",
    "#6a3d9a",
)


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@functools.lru_cache(maxsize=8192)
def colour_distance(a: str, b: str) -> float:
    """Perceptual distance of two ``"#rrggbb"`` colours: CIEDE2000 ΔE in CIELAB (D65), as
    computed by `ColorAide <https://facelessuser.github.io/coloraide/>`_ (≈1: just noticeable;
    ≥ 20: clearly different hues)."""
    from coloraide import Color

    return float(Color(a).delta_e(Color(b), method="2000"))


#: A palette colour closer than this (CIEDE2000) to a colour on the map is a collision: then the
#: pick comes from a wider set of hues (:func:`_extended_palette`).
MIN_DISTANCE = 20.0


@functools.lru_cache(maxsize=1)
def _extended_palette() -> tuple[str, ...]:
    """36 hues at two lightness/chroma levels in CIE LCh (every 20°), mapped into sRGB by
    ColorAide's gamut mapping: candidates when the 12 palette colours are used up."""
    from coloraide import Color

    out = []
    for lightness, chroma in ((52, 62), (72, 48)):
        for hue in range(0, 360, 20):
            out.append(Color("lch", [lightness, chroma, hue]).convert("srgb").fit().to_string(hex=True))
    return tuple(dict.fromkeys(out))


def most_distinct_colour(used: list[str], palette: tuple[str, ...] = USER_PALETTE) -> str:
    """The palette colour farthest from every colour in ``used`` (maximin of CIEDE2000 distance,
    first on ties); when even that one is within :data:`MIN_DISTANCE` of a used colour, the
    farthest of the palette and :func:`_extended_palette` together."""
    if not used:
        return palette[0]

    def nearest(c: str) -> float:
        return min(colour_distance(c, u) for u in used)

    best = max(palette, key=nearest)
    if nearest(best) >= MIN_DISTANCE:
        return best
    return max(palette + _extended_palette(), key=nearest)


def _num(x: float, digits: int = 3) -> str:
    """A class edge as text: ``1,234``, ``0.25``, ``12.5``; years as written (``2005``)."""
    x = float(x)
    if abs(x) >= 1e15:
        return f"{x:.{digits}g}"
    if x == int(x) and abs(x) < 10_000:
        return str(int(x))  # years and small counts as written: 2005, not 2,005
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.{digits}g}" if abs(x) < 1000 else f"{x:,.0f}"


def _star(points: int = 5, outer: float = 1.3, inner: float = 0.55) -> list[tuple[float, float]]:
    angles = math.pi / 2 + np.arange(2 * points) * math.pi / points
    radii = np.where(np.arange(2 * points) % 2 == 0, outer, inner)
    return [(round(float(a * math.cos(t)), 4), round(float(-a * math.sin(t)), 4)) for a, t in zip(radii, angles)]


#: Marker shapes other than the circle, as polygons in units of the marker's radius, y down
#: (screen pixels), centred on the point. One definition for the window, the PNG/SVG/PDF
#: (``desktop.renderer.marker_shape_path``) and the HTML page (issue 12 item 6).
MARKER_SHAPES: dict[str, list[tuple[float, float]]] = {
    "square": [(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)],
    "triangle": [(0.0, -1.15), (1.05, 0.75), (-1.05, 0.75)],
    "diamond": [(0.0, -1.2), (1.0, 0.0), (0.0, 1.2), (-1.0, 0.0)],
    "star": _star(),
}

#: Opacity factor of features whose ``confidence`` is "low" in every renderer -- the window, the
#: PNG/SVG/PDF and the HTML page (issue 12 item 4: a published map shows which features rest on a
#: single or weak source).
LOW_CONFIDENCE_OPACITY = 0.4


@dataclass
class Style:
    """How a layer is drawn.

    Attributes
    ----------
    color : str
        Stroke colour of lines and marker colour of points, ``"#rrggbb"``.
    stroke_width : float
        Line width in pixels (device-independent, at 96 DPI).
    marker_size : float
        Point marker diameter in pixels.
    fill_color : str or None
        Polygon fill, ``"#rrggbb"``; None uses ``color``.
    fill_opacity : float
        Polygon fill opacity, 0–1.
    opacity : float
        Whole-layer opacity, 0–1.
    categorized_field : str or None
        Attribute whose value picks the colour from ``categories`` (categorized renderer);
        None means a single symbol.
    categories : dict
        Attribute value (as text) -> ``"#rrggbb"``. Values not listed use ``color``.
    dashed_values : tuple of str
        Values of ``categorized_field`` drawn with a dashed line (e.g. ``("planned",)``).
    size_field : str or None
        Numeric attribute that sizes point markers (proportional symbols, e.g. ``capacity_mw``);
        None: every marker is ``marker_size``.
    size_range : tuple of float
        ``(min_px, max_px)`` marker diameters for ``size_field``. Diameters scale with the square
        root of the value so that marker *area* is proportional to it (the usual rule for
        proportional symbols): ``d = max_px * sqrt(v / ref)`` clipped to the range, where ``ref``
        is ``size_ref_value`` or, if that is None, the layer's largest value. Missing, zero or
        negative values get ``marker_size``.
    size_ref_value : float or None
        Value drawn at ``max_px``; fixed, so sizes do not change when the time filter hides
        features (e.g. 500 for ``capacity_mw``).
    marker_shape : str
        ``"circle"``, ``"square"``, ``"triangle"``, ``"diamond"`` or ``"star"``.
    categories_in_legend : bool
        False: the legend shows the layer as one row even when categorized (a colour per
        feature, e.g. TeleGeography's cable colours, would make a row per cable).
    graduated_edges : tuple of float
        Graduated renderer: class edges ``(min, b1, …, max)`` of the numeric
        ``categorized_field`` (:func:`asean_atlas.layers.classify.class_edges`); a feature is in
        class i when ``edges[i] < v <= edges[i+1]`` (the first class includes the minimum), its key
        the class label ``"lo – hi"`` (:meth:`graduated_labels`), coloured by ``categories``.
        Empty: ``categorized_field`` is categorized by value.
    dashed : bool
        Every line and outline of the layer dashed (besides ``dashed_values``).
    label_field : str or None
        Attribute shown as the feature's label on the map and in the exports (issue 11); None:
        no labels.
    label_field2 : str or None
        A second attribute shown after it in parentheses when the feature has a value, e.g.
        ``name`` + ``name_zh`` → "Nanning hub (南宁…)".
    label_size : float
        Label font size, points at 96 DPI.
    label_halo : bool
        A white halo around the letters (readable over lines and land).
    label_priority : int
        0–10; higher places first and stays longest as the map is zoomed out (capitals, the
        Nanning hub); lower ones are dropped where they would overlap.
    """

    color: str = "#377eb8"
    stroke_width: float = 1.5
    marker_size: float = 7.0
    fill_color: str | None = None
    fill_opacity: float = 0.35
    opacity: float = 1.0
    categorized_field: str | None = None
    categories: dict[str, str] = field(default_factory=dict)
    dashed_values: tuple[str, ...] = ()
    size_field: str | None = None
    size_range: tuple[float, float] = (6.0, 22.0)
    size_ref_value: float | None = None
    marker_shape: str = "circle"
    categories_in_legend: bool = True
    graduated_edges: tuple[float, ...] = ()
    dashed: bool = False
    label_field: str | None = None
    label_field2: str | None = None
    label_size: float = 9.0
    label_halo: bool = True
    label_priority: int = 5

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serializable dict (the project-file form)."""
        d = dataclasses.asdict(self)
        d["dashed_values"] = list(self.dashed_values)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Style:
        """Build a style from :meth:`to_dict` output; unknown keys are ignored."""
        names = {f.name for f in dataclasses.fields(cls)}
        kw = {k: v for k, v in data.items() if k in names}
        if "dashed_values" in kw:
            kw["dashed_values"] = tuple(kw["dashed_values"])
        if "size_range" in kw:
            kw["size_range"] = tuple(float(v) for v in kw["size_range"])
        if "graduated_edges" in kw:
            kw["graduated_edges"] = tuple(float(v) for v in (kw["graduated_edges"] or ()))
        if "categories" in kw and kw["categories"] is None:
            kw["categories"] = {}
        return cls(**kw)

    def class_keys(self, frame: pd.DataFrame) -> np.ndarray:
        """Class of each feature: the categorized value as text, or ``""`` for single symbol.

        Parameters
        ----------
        frame : DataFrame
            The layer's attributes, one row per feature.

        Returns
        -------
        ndarray of object, shape (n_features,)
        """
        n = len(frame)
        if not self.categorized_field or self.categorized_field not in frame.columns:
            return np.full(n, "", dtype=object)
        col = frame[self.categorized_field]
        if self.graduated_edges:
            v = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float)
            edges = np.asarray(self.graduated_edges, dtype=float)
            labels = np.asarray(self.graduated_labels() + [""], dtype=object)
            i = np.searchsorted(edges[1:], v, side="left")  # v <= edges[i+1]
            i = np.where(~np.isfinite(v) | (v < edges[0]) | (v > edges[-1]), len(labels) - 1, i)
            return labels[np.minimum(i, len(labels) - 1)]
        if col.dtype == object and col.map(lambda v: isinstance(v, bytes)).any():
            col = col.map(lambda v: v.decode("utf-8", "replace") if isinstance(v, bytes) else v)  # BLOBs
        return np.where(col.isna(), "", col.astype(str)).astype(object)

    def graduated_labels(self) -> list[str]:
        """Class labels of a graduated style, ``["0 – 10", "10 – 50", …]`` (numbers with
        thousands separators and up to 3 significant decimals)."""
        e = self.graduated_edges
        if len(e) < 2:
            return []
        for digits in (3, 6, 10, 15):  # as few digits as keep every class's label its own
            labels = [_num(a, digits) if a == b else f"{_num(a, digits)} – {_num(b, digits)}" for a, b in zip(e[:-1], e[1:])]
            if len(set(labels)) == len(labels):
                return labels
        return [f"{lab} [{i + 1}]" for i, lab in enumerate(labels)]

    def _size_values(self, frame: pd.DataFrame) -> np.ndarray | None:
        if not self.size_field or self.size_field not in frame.columns:
            return None
        v = pd.to_numeric(frame[self.size_field], errors="coerce").to_numpy(dtype=float)
        return np.where(np.isfinite(v) & (v > 0), v, np.nan)

    def marker_sizes(self, frame: pd.DataFrame) -> np.ndarray | None:
        """Marker diameter of each feature in pixels (at 96 DPI), or None for a fixed size.

        See ``size_field``, ``size_range`` and ``size_ref_value``.

        Returns
        -------
        ndarray of float, shape (n_features,), or None
        """
        v = self._size_values(frame)
        if v is None:
            return None
        ref = self._size_ref(v)
        if ref is None:
            return np.full(len(frame), float(self.marker_size))
        d = self._diameter(v, ref)
        return np.where(np.isfinite(d), d, float(self.marker_size))

    def _size_ref(self, v: np.ndarray) -> float | None:
        if self.size_ref_value:
            return float(self.size_ref_value)
        return float(np.nanmax(v)) if np.isfinite(v).any() else None

    def _diameter(self, v, ref: float):
        lo, hi = self.size_range
        return np.clip(hi * np.sqrt(np.asarray(v, dtype=float) / ref), lo, hi)

    def size_legend(self, frame: pd.DataFrame) -> list[tuple[str, float]]:
        """Reference markers for the legend: ``(label, diameter_px)``, largest first.

        Round values (1, 2 or 5 × 10^k) at about the largest value, a quarter and a sixteenth of
        it, plus a row for features without a value when there are any.
        """
        v = self._size_values(frame)
        if v is None or not np.isfinite(v).any():
            return []
        ref = self._size_ref(v)
        vmax = float(np.nanmax(v))
        rows, seen = [], set()
        for target in (vmax, vmax / 4, vmax / 16):
            exp = 10 ** np.floor(np.log10(target))
            nice = max((m * exp for m in (1, 2, 5) if m * exp <= target), default=exp)
            if nice in seen:
                continue
            seen.add(nice)
            rows.append((f"{nice:g} {self.size_field}", float(self._diameter(nice, ref))))
        if np.isnan(v).any():
            rows.append((f"{self.size_field} not given", float(self.marker_size)))
        return rows

    def color_for(self, key: str) -> str:
        """Colour ``"#rrggbb"`` of a class key from :meth:`class_keys`."""
        return self.categories.get(key, self.color) if key else self.color

    def is_dashed(self, key: str) -> bool:
        """Whether the class ``key`` is drawn dashed."""
        return self.dashed or (bool(key) and key in self.dashed_values)

    def legend_entries(self, present: set[str] | None = None) -> list[tuple[str, str, bool]]:
        """Legend rows ``(label, colour, dashed)``; for categorized styles one per category.

        Parameters
        ----------
        present : set of str, optional
            Only categories whose key is in this set (e.g. the ones visible now).
        """
        if not self.categorized_field or not self.categories_in_legend:
            return [("", self.color, self.dashed)]
        rows = [
            (k, c, self.dashed or k in self.dashed_values)
            for k, c in self.categories.items()
            if present is None or k in present
        ]
        return rows or [("", self.color, self.dashed)]
