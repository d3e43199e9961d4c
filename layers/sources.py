"""The sources of what a map shows, for its footnote (issue 12 item 4). No Qt.

A published map must be citable and checkable: the export lists, numbered and in short form, the
sources of the features it draws (those in view and shown at its time), the most used first.
A feature's ``source`` attribute may hold several sources separated by ``;``; the short form of
each is its text up to the first comma or opening parenthesis ("TeleGeography
www.submarinecablemap.com repo, web/public/api/v3/cable/apcn-2.json" -> "TeleGeography
www.submarinecablemap.com repo").
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .document import MapDocument
from .temporal import TimeFilter

#: Longest short form of one source, characters.
SHORT_MAX = 60
_CUT = re.compile(r"[,(（，]")


def short_source(text: str) -> str:
    """The short form of one source: up to the first comma or "(", whitespace tidied, at most
    :data:`SHORT_MAX` characters (an ellipsis marks a cut)."""
    head = _CUT.split(text.strip(), maxsplit=1)[0].strip(" '\"‘’“”;:.")
    head = " ".join(head.split())
    return head if len(head) <= SHORT_MAX else head[: SHORT_MAX - 1].rstrip() + "…"


def visible_sources(
    document: MapDocument,
    bbox: tuple[float, float, float, float] | None,
    time_filter: TimeFilter | None,
) -> list[tuple[str, int]]:
    """The sources of the features drawn in ``bbox`` at ``time_filter``, with how many features
    cite each, most cited first (ties by name).

    Parameters
    ----------
    document : MapDocument
        Its visible layers; a layer without a ``source`` attribute contributes nothing.
    bbox : tuple of float or None
        ``(west, south, east, north)`` in degrees (west > east: across ±180°); None: everywhere.
    time_filter : TimeFilter or None
        Only features shown at this time (and passing the layer's attribute filter).

    Returns
    -------
    list of (str, int)
        Short source (:func:`short_source`) and feature count.
    """
    counts: Counter[str] = Counter()
    for layer in document.visible_layers():
        if "source" not in layer.attributes.columns or not layer.feature_count:
            continue
        shown = layer.drawn_mask(time_filter)
        if bbox is not None:
            shown = shown & layer.in_bbox(bbox)
        # each distinct source text counted once by pandas, then split: no per-feature Python loop
        texts = pd.Series(layer.attributes["source"].to_numpy(dtype=object)[shown], dtype=object)
        for value, n in texts[texts.map(lambda v: isinstance(v, str))].value_counts().items():
            for part in dict.fromkeys(short_source(p) for p in value.split(";") if p.strip()):
                if part:
                    counts[part] += int(n)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))


def sources_footnote(sources: list[tuple[str, int]], max_items: int = 12) -> str:
    """One line: ``"Sources: [1] TeleGeography … (412) · [2] Natural Earth … (12) · … and 9 more
    (each feature's source attribute)"``; empty when there are none."""
    if not sources:
        return ""
    items = [f"[{i}] {name} ({n})" for i, (name, n) in enumerate(sources[:max_items], 1)]
    more = len(sources) - max_items
    tail = f" · and {more} more (see each feature's source attribute)" if more > 0 else ""
    return "Sources (features): " + " · ".join(items) + tail
