"""The Atlas's built-in layers as :class:`Layer` objects (data from :mod:`asean_atlas.geodata`)."""

from __future__ import annotations

from .errors import AtlasError
from .layer import Layer, LoadReport
from .style import Style
from .temporal import TemporalSpec

#: Licence line of layers built from TeleGeography's CC BY-NC-SA 3.0 release (facts and routes).
TELEGEOGRAPHY_ATTRIBUTION = "Cable facts and routes © TeleGeography (submarinecablemap.com), CC BY-NC-SA 3.0"


#: Cable colour schemes (View > Cable colours; ``export --cable-colours``).
CABLE_COLOURS = ("atlas", "telegeography")


def cable_style(layer: Layer, scheme: str) -> Style:
    """The built-in cable layer's style in a colour ``scheme``: ``"atlas"`` (in service blue,
    planned orange dashed: the default) or ``"telegeography"`` (each cable in the colour of
    TeleGeography's map, attribute ``tg_color``; planned still dashed by the lifecycle).

    Raises
    ------
    ValueError
        Unknown scheme.
    """
    from asean_atlas.geodata import builtin as gb

    if scheme not in CABLE_COLOURS:
        raise ValueError(f"cable colours {scheme!r}: expected one of {', '.join(CABLE_COLOURS)}")
    style = Style.from_dict(dict(gb.builtin_layer_info("cables").style))
    if scheme == "telegeography" and "tg_color" in layer.attributes.columns:
        colours = sorted({c for c in layer.attributes["tg_color"] if isinstance(c, str) and len(c) == 7 and c.startswith("#")})
        style = Style(color=style.color, stroke_width=style.stroke_width, categorized_field="tg_color",
                      categories={c: c for c in colours}, categories_in_legend=False)
    return style


def builtin_layers() -> list[Layer]:
    """Load every built-in layer, bottom to top, with its default style and temporal spec.

    Returns
    -------
    list of Layer
        GeoDataFrames in EPSG:4326; ``layer.builtin`` is True and ``layer.source`` is
        ``"builtin:<id>"``.

    Raises
    ------
    AtlasError
        The packaged GeoPackage is missing or unreadable (a broken installation).
    """
    from asean_atlas.geodata import builtin as gb

    layers = []
    for info in gb.BUILTIN_LAYERS:
        try:
            frame = gb.load_builtin_layer(info.id)
        except Exception as exc:
            raise AtlasError(f"built-in layer {info.id!r} could not be read: {exc}") from None
        style = Style.from_dict(dict(info.style))
        temporal = TemporalSpec.from_dict(dict(info.temporal) if info.temporal else None)
        if temporal is not None and temporal.start_field not in frame.columns:
            temporal = None
        if temporal is not None and info.id == "countries":
            temporal = None  # country outlines are the frame of the map, not events in time
        if temporal is not None and "undated" not in (info.temporal or {}):
            # a built-in feature without a start date is planned with no date yet (a cable with
            # no RFS year): under the time filter it is hidden, not shown at every year since
            # 1997; the Time dock gives the count and can show them (issue 5 undated policy)
            temporal.undated = "hide"
        licence = getattr(info, "licence", "") or ""
        if info.id == "countries":
            # outlines from Natural Earth; cable counts computed from the TeleGeography facts
            attribution = f"Countries: Natural Earth (public domain) · {TELEGEOGRAPHY_ATTRIBUTION}"
        elif "TeleGeography" in licence or info.id in ("cables", "landing_stations"):
            attribution = TELEGEOGRAPHY_ATTRIBUTION
        else:
            attribution = (
                "Facilities: cited public sources (see each feature's source); places: GeoNames "
                "(CC BY 4.0)"
            )
        layer = Layer(
            frame,
            title=info.title,
            source=f"builtin:{info.id}",
            style=style,
            temporal=temporal,
            builtin=True,
            report=LoadReport(source=f"builtin:{info.id}", features_read=len(frame),
                              time_field=temporal.start_field if temporal else None),
            attribution=attribution,
        )
        layers.append(layer)
    return layers
