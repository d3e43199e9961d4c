"""The map document: the ordered layer stack, the time state and the view. No Qt.

Views (the Qt layer panel, the canvas, the year slider) subscribe to its psygnal signals and write
user input back through its methods; they keep no state of their own (napari's model/view split).
"""

from __future__ import annotations

import numpy as np
from psygnal import Signal

from .layer import Layer
from .temporal import TimeFilter
from .time_controller import TimeController

#: Default view of the Atlas: Southeast Asia and south China, ``(west, south, east, north)`` degrees.
DEFAULT_BBOX = (89.0, -12.5, 142.0, 30.0)


class MapDocument:
    """Ordered layers (index 0 is drawn first, i.e. at the bottom), time controller, title.

    Attributes
    ----------
    time : TimeController
        The time filter and its playback (issue 5); its range and source dates follow the layers.

    Signals
    -------
    layers_changed()
        A layer was added, removed, reordered, or changed (style, visibility, temporal spec).
    time_changed(object)
        The time filter moved; the payload is the :class:`TimeFilter` or None (filter off).
    year_changed(object)
        Emitted with ``time_changed``; the payload is :attr:`year` (int or None).
    """

    layers_changed = Signal()
    time_changed = Signal(object)
    year_changed = Signal(object)

    def __init__(self, title: str = "ASEAN Digital Atlas") -> None:
        self.title = title
        #: the map's language, ``"en"``, ``"zh_CN"`` or ``"zh_TW"`` (issue 13 sets it from the UI):
        #: in Chinese, labels on ``name`` show ``name_zh`` where a feature has one (issue 11)
        self.language = "en"
        self.layers: list[Layer] = []
        #: the what-if scenario of the Connectivity panel (issue 14), saved in projects: a dict of
        #: :func:`asean_atlas.layers.connectivity.analysis_state`, or None
        self.analysis: dict | None = None
        self.time = TimeController()
        self.time.current_changed.connect(self._time_moved)
        self.layers_changed.connect(self._layers_changed)

    # -- layers -------------------------------------------------------------------------------
    def add_layer(self, layer: Layer) -> Layer:
        """Append ``layer`` on top of the stack and return it.

        A title already used by another layer gets a suffix, ``"datacentres (2)"``, so that
        layers from files of the same name stay apart in the panel, the legend and the exports."""
        layer.title = self.unique_title(layer.title)
        self.layers.append(layer)
        layer.changed.connect(self.layers_changed.emit)
        self.layers_changed.emit()
        return layer

    def add_layers(self, layers: list[Layer]) -> None:
        """Append several layers and announce the change once (opening a project: every view
        rebuilds once, not once per layer)."""
        for layer in layers:
            layer.title = self.unique_title(layer.title)
            self.layers.append(layer)
            layer.changed.connect(self.layers_changed.emit)
        self.layers_changed.emit()

    def clear(self) -> None:
        """Remove every layer, announcing the change once."""
        for layer in self.layers:
            layer.changed.disconnect(self.layers_changed.emit)
        self.layers = []
        self.layers_changed.emit()

    def unique_title(self, title: str) -> str:
        """``title``, or ``"title (2)"``, ``"title (3)"``… when a layer already has it."""
        taken = {lyr.title for lyr in self.layers}
        if title not in taken:
            return title
        n = 2
        while f"{title} ({n})" in taken:
            n += 1
        return f"{title} ({n})"

    def remove_layer(self, layer: Layer) -> None:
        """Remove ``layer`` from the stack (no error if it is absent)."""
        if layer in self.layers:
            self.layers.remove(layer)
            layer.changed.disconnect(self.layers_changed.emit)
            self.layers_changed.emit()

    def move_layer(self, layer: Layer, new_index: int) -> None:
        """Move ``layer`` to position ``new_index`` (0 = bottom), clamped to the stack."""
        self.layers.remove(layer)
        new_index = max(0, min(new_index, len(self.layers)))
        self.layers.insert(new_index, layer)
        self.layers_changed.emit()

    def unused_color(self, also_used=()) -> str:
        """A colour for a new layer: the user-palette colour farthest from every colour already
        used by a layer's symbology (strokes, fills, categories) and from ``also_used`` (colours
        given to layers still loading), so it stands out."""
        from .style import most_distinct_colour

        used = list(also_used)
        for lyr in self.layers:
            st = lyr.style
            used += [st.color, *(st.categories or {}).values()] + ([st.fill_color] if st.fill_color else [])
        return most_distinct_colour([c for c in used if isinstance(c, str) and c.startswith("#") and len(c) == 7])

    def visible_layers(self) -> list[Layer]:
        """Visible layers, bottom to top."""
        return [lyr for lyr in self.layers if lyr.visible]

    # -- time ---------------------------------------------------------------------------------
    def _layers_changed(self) -> None:
        self.time.update_from_layers(self.layers)

    def _time_moved(self, time_filter: TimeFilter | None) -> None:
        self.time_changed.emit(time_filter)
        self.year_changed.emit(None if time_filter is None else time_filter.year)

    @property
    def time_filter(self) -> TimeFilter | None:
        """The current time filter (None: off); shorthand for ``document.time.time_filter``."""
        return self.time.time_filter

    @property
    def year(self) -> int | None:
        """Year the time filter stands at (the year of the end of its period), or None if off."""
        tf = self.time.time_filter
        return None if tf is None else tf.year

    def set_year(self, year: int | None) -> None:
        """Move the time filter to "as of the end of ``year``"; None turns it off."""
        self.time.set_year(None if year is None else int(year))

    def year_range(self) -> tuple[int, int] | None:
        """Span of years over all temporal layers, or None if none is temporal."""
        spans = [r for r in (lyr.year_range() for lyr in self.layers) if r is not None]
        if not spans:
            return None
        return min(s[0] for s in spans), max(s[1] for s in spans)

    def has_temporal_layers(self) -> bool:
        """Whether any layer has a temporal spec."""
        return any(lyr.temporal is not None for lyr in self.layers)

    # -- extent -------------------------------------------------------------------------------
    def full_extent(self) -> tuple[float, float, float, float] | None:
        """Union bbox ``(west, south, east, north)`` in degrees of all visible layers, or None.

        ``west > east`` when the narrowest box crosses the antimeridian.
        """
        boxes = [b for b in (lyr.view_bounds() for lyr in self.visible_layers()) if b is not None]
        if not boxes:
            return None
        import shapely

        from .geometry import seam_aware_bounds

        # each layer's box as polygons (two when it crosses ±180); their seam-aware union
        polys = []
        for w, s, e, n in boxes:
            if w <= e:
                polys.append(shapely.box(w, s, e, n))
            else:
                polys += [shapely.box(w, s, 180.0, n), shapely.box(-180.0, s, e, n)]
        return seam_aware_bounds(np.array(polys, dtype=object))
