"""Renderers of the styling dock (issue 11 item 4): categorized and graduated styles. No Qt.

Categorized: one colour per distinct value of a field, from a named qualitative palette.
Graduated: a numeric field cut into classes by `mapclassify <https://pysal.org/mapclassify/>`_
(quantiles, equal interval, natural breaks — Fisher–Jenks), coloured along a sequential ramp.
Both produce a :class:`~asean_atlas.layers.style.Style` whose ``categories`` map class labels to
colours, so the canvas, the legend and every export draw them without knowing the renderer.

Palettes are ColorBrewer's (Cynthia A. Brewer, colorbrewer2.org, Apache-2.0 licence), the
9-class versions; a ramp of k classes takes k colours evenly spaced along the 9 (interpolated in
the OKLab space by ColorAide).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from .errors import AtlasError
from .style import Style

#: Qualitative palettes (categorized), ColorBrewer.
QUALITATIVE = {
    "Set1": ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#ffff33", "#a65628", "#f781bf", "#999999"),
    "Dark2": ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"),
    "Paired": ("#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c", "#fdbf6f", "#ff7f00",
               "#cab2d6", "#6a3d9a", "#ffff99", "#b15928"),
    "Set2": ("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3"),
}
#: Sequential ramps (graduated), ColorBrewer 9-class.
SEQUENTIAL = {
    "YlOrRd": ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"),
    "Blues": ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"),
    "Greens": ("#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#006d2c", "#00441b"),
    "Purples": ("#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"),
    "YlGnBu": ("#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"),
}
#: Classification methods of mapclassify, by their names in the dock.
METHODS = ("quantiles", "equal interval", "natural breaks")
#: Most categories a categorized style lists (the rest draw in the base colour, "other").
MAX_CATEGORIES = 60
#: Values Fisher-Jenks classifies at most (a seeded sample of a bigger layer).
FJ_SAMPLE = 1000


class StyleError(AtlasError):
    """A style cannot be built (no such field, no numeric value to classify…)."""


def ramp(name: str, k: int) -> list[str]:
    """``k`` colours ``"#rrggbb"`` along the sequential ramp ``name``, light to dark.

    Raises
    ------
    StyleError
        Unknown ramp name or ``k`` < 1.
    """
    if name not in SEQUENTIAL:
        raise StyleError.of("unknown colour ramp {name}; choose from {names}", name=repr(name), names=", ".join(SEQUENTIAL))
    if k < 1:
        raise StyleError.of("a ramp needs at least one class")
    from coloraide import Color

    # skip the palest colour: it vanishes on the light basemap
    stops = SEQUENTIAL[name][1:]
    if k == 1:
        return [stops[len(stops) // 2]]
    interp = Color.interpolate(list(stops), space="oklab")
    return [interp(i / (k - 1)).convert("srgb").fit().to_string(hex=True) for i in range(k)]


def categorized_style(base: Style, frame: pd.DataFrame, field: str, palette: str = "Set1") -> Style:
    """``base`` with a colour per distinct value of ``field`` (most frequent first, at most
    :data:`MAX_CATEGORIES`; palette colours repeat after the palette's length).

    Raises
    ------
    StyleError
        ``field`` is not an attribute, or the palette is unknown.
    """
    if field not in frame.columns:
        raise StyleError.of("no attribute named {name}", name=repr(field))
    if palette not in QUALITATIVE:
        raise StyleError.of("unknown palette {name}; choose from {names}", name=repr(palette), names=", ".join(QUALITATIVE))
    col = frame[field]
    col = col.map(lambda v: v.decode("utf-8", "replace") if isinstance(v, bytes) else v) if col.dtype == object else col
    values = col[col.notna()].astype(str)
    order = values.value_counts(sort=True).index.tolist()[:MAX_CATEGORIES]
    colours = QUALITATIVE[palette]
    cats = {v: colours[i % len(colours)] for i, v in enumerate(sorted(order, key=_natural))}
    return dataclasses.replace(base, categorized_field=field, categories=cats, graduated_edges=(),
                               categories_in_legend=True)


def _natural(v: str):
    try:
        return (0, float(v), "")
    except ValueError:
        return (1, 0.0, v.casefold())


def class_edges(values, method: str = "quantiles", k: int = 5) -> tuple[float, ...]:
    """Class edges ``(min, b1, …, max)`` of the finite ``values`` by ``method`` (mapclassify):
    ``"quantiles"`` (``mapclassify.Quantiles``), ``"equal interval"`` (``EqualInterval``),
    ``"natural breaks"`` (``FisherJenks``, exact; on a seeded sample of :data:`FJ_SAMPLE` values above that).

    Raises
    ------
    StyleError
        Unknown method, no finite value, or ``k`` outside 2–9.
    """
    if method not in METHODS:
        raise StyleError.of("unknown classification {name}; choose from {names}", name=repr(method), names=", ".join(METHODS))
    if not 2 <= int(k) <= 9:
        raise StyleError.of("choose 2 to 9 classes")
    y = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    y = y[np.isfinite(y)]
    if y.size == 0:
        raise StyleError.of("no numeric value to classify")
    distinct = np.unique(y)
    k = int(min(k, distinct.size))
    lo = float(y.min())
    if k < 2:
        return (lo, float(y.max()))
    import warnings

    if method == "quantiles":
        # mapclassify.Quantiles' own rule (classifiers.quantile: scipy's scoreatpercentile, i.e.
        # numpy's linear percentile, at 100*i/k, repeats merged), without importing mapclassify
        # (~2 s on first use: a PostGIS layer's first grid of counts waited for it); a test keeps
        # the two equal
        with np.errstate(invalid="ignore"):
            pct = np.arange(1, k + 1) * (100.0 / k)
            bins = np.unique(np.percentile(y, np.minimum(pct, 100.0)))
        return _merge_edges(lo, bins)

    import mapclassify

    # mapclassify warns of fewer classes than asked (few distinct values) and of a missing Numba
    # (its pure-Python Fisher-Jenks is exact): the classes below say what was made
    if not np.isfinite(float(y.max()) - float(y.min())):
        raise StyleError.of("the values span more than a float can hold; classify a smaller range")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if method == "quantiles":
                bins = mapclassify.Quantiles(y, k=k).bins
            elif method == "equal interval":
                bins = mapclassify.EqualInterval(y, k=k).bins
            else:
                # exact Fisher-Jenks is O(k n^2) in pure Python without Numba: on a seeded sample
                # of FJ_SAMPLE values (about a second), the top class closed at the true maximum
                sample = y if y.size <= FJ_SAMPLE else np.random.default_rng(0).choice(y, FJ_SAMPLE, replace=False)
                bins = mapclassify.FisherJenks(sample, k=k).bins
                bins = np.append(bins[:-1], y.max())
        except (ValueError, OverflowError, ZeroDivisionError, MemoryError) as exc:
            raise StyleError.of("cannot classify these values: {why}", why=str(exc)) from None
    return _merge_edges(lo, bins)


def _merge_edges(lo: float, bins) -> tuple[float, ...]:
    """``(lo, b1, …)`` with repeated edges (many equal values) merged."""
    edges = [lo] + [float(b) for b in bins]
    out = edges[:2]  # a first class of the minimum alone ("1") is kept: (1, 1, 4, …)
    for e in edges[2:]:  # repeated edges (many equal values) merge their classes
        if e > out[-1]:
            out.append(e)
    if len(out) == 1:
        out.append(out[0])
    return tuple(out)


def graduated_style(base: Style, frame: pd.DataFrame, field: str, method: str = "quantiles", k: int = 5,
                    ramp_name: str = "YlOrRd") -> Style:
    """``base`` coloured by classes of the numeric ``field`` (see :func:`class_edges`); class
    labels are ``"lo – hi"`` (:meth:`Style.graduated_labels`).

    Raises
    ------
    StyleError
        ``field`` is not an attribute or holds no number; bad method, class count or ramp.
    """
    if field not in frame.columns:
        raise StyleError.of("no attribute named {name}", name=repr(field))
    edges = class_edges(frame[field], method, k)
    probe = dataclasses.replace(base, categorized_field=field, graduated_edges=edges, categories={})
    labels = probe.graduated_labels()
    cats = dict(zip(labels, ramp(ramp_name, len(labels))))
    return dataclasses.replace(probe, categories=cats, categories_in_legend=True)


def single_style(base: Style) -> Style:
    """``base`` as a single symbol (no classes)."""
    return dataclasses.replace(base, categorized_field=None, categories={}, graduated_edges=(), dashed_values=())
