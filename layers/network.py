"""The cable ↔ landing-station network of a map (issue 10, item 3). No Qt.

A layer whose features list the ids of their landing stations in ``landing_station_ids``
(``;``-separated) is a *cable* layer; a layer whose features have an ``id`` and list the cables
landing there in ``cable_ids`` is a *station* layer. The built-in layers are both; a user's layers
with the same attributes join the network too. :func:`linked_features` answers "which stations does
this cable land at" and "which cables land at this station", in both directions, across every
layer of a document.
"""

from __future__ import annotations

from .cells import cell_text
from .layer import Layer

#: Attribute of a cable listing its landing stations' ids, and of a station listing its cables'.
CABLE_LINK_FIELD = "landing_station_ids"
STATION_LINK_FIELD = "cable_ids"


def _ids(value) -> list[str]:
    if not isinstance(value, str):
        return []
    return [v.strip() for v in value.split(";") if v.strip()]


def _row_of_id(layer: Layer) -> dict[str, int]:
    """``{id: row}`` of a layer with an ``id`` attribute (cached per frame)."""
    cache = getattr(layer, "_network_ids", None)
    if cache is None or cache[0] is not layer.attributes:
        ids = layer.attributes["id"].astype(str).tolist() if "id" in layer.attributes.columns else []
        cache = (layer.attributes, {v: i for i, v in enumerate(ids)})
        layer._network_ids = cache  # derived data, rebuilt with a new frame
    return cache[1]


def link_field(layer: Layer) -> str | None:
    """The attribute that links ``layer``'s features to the other side of the network, or None."""
    cols = layer.attributes.columns
    if CABLE_LINK_FIELD in cols:
        return CABLE_LINK_FIELD
    if STATION_LINK_FIELD in cols and "id" in cols:
        return STATION_LINK_FIELD
    return None


def linked_features(layers: list[Layer], layer: Layer, row: int) -> list[tuple[Layer, int]]:
    """The features linked to feature ``row`` of ``layer``: a cable's landing stations, or the
    cables landing at a station, found by id in ``layers`` (in the order the feature lists them).

    Parameters
    ----------
    layers : list of Layer
        Where to look (e.g. the document's layers).
    layer : Layer
    row : int
        Positional row of ``layer``'s frame.

    Returns
    -------
    list of (Layer, int)
        Empty when the feature links nothing or the linked layers are absent.
    """
    field = link_field(layer)
    if field is None:
        return []
    wanted = _ids(layer.attributes[field].iloc[row])
    other = STATION_LINK_FIELD if field == CABLE_LINK_FIELD else CABLE_LINK_FIELD
    targets = [lyr for lyr in layers if lyr is not layer and link_field(lyr) == other and "id" in lyr.attributes.columns]
    out = []
    for fid in wanted:
        for target in targets:
            r = _row_of_id(target).get(fid)
            if r is not None:
                out.append((target, r))
                break
    return out


#: owners named in a one-line summary before "+N more" (the attribute panel shows them all)
SUMMARY_OWNERS = 3


def _same(text: str) -> str:
    return text


def link_summary(layer: Layer, row: int, tr=_same, zh_field: str = "name_zh") -> str:
    """One line describing feature ``row`` of ``layer`` in a list of linked features.

    A station: ``"Chung Hom Kok 舂坎角 (HKG)"`` — the name, its Chinese name where the data has one,
    and ``country``. A cable: ``"SJC2 — RFS 2013 · 8,900 km · suppliers: NEC · owners: China
    Mobile, China Telecom, Chunghwa Telecom +9"`` — the RFS year (or "not yet in service",
    with ``expected_rfs`` where known), ``length_km`` (km, as the source gives it), ``suppliers``
    and ``owners`` (the first :data:`SUMMARY_OWNERS`, then how many more); parts the layer lacks
    are left out. Used by the window's attribute panel; the HTML page builds the same line in
    ``html_page.js`` (``linkLine``). ``tr`` translates the templates (the window passes Qt's
    translation; default English); ``zh_field`` is the Chinese name shown beside the name
    (``name_zh_hant`` in a 繁體 interface).
    """
    frame = layer.attributes
    rec = frame.iloc[row]

    def get(col: str) -> str:
        return cell_text(rec[col]).strip() if col in frame.columns else ""

    name = get("name") or get("id") or tr("feature {row}").format(row=row)
    zh = get(zh_field) or get("name_zh")
    if zh and zh != name:
        name = f"{name} {zh}"
    if "rfs_year" not in frame.columns:
        country = get("country")
        return f"{name} ({country})" if country else name
    parts = []
    year, expected = get("rfs_year"), get("expected_rfs")
    if year:
        parts.append(tr("RFS {year}").format(year=year))
    else:
        parts.append(tr("not yet in service (expected {date})").format(date=expected) if expected
                     else tr("not yet in service"))
    length = get("length_km")
    if length:
        try:
            parts.append(tr("{n} km").format(n=f"{float(length):,.0f}"))
        except ValueError:
            pass
    suppliers = get("suppliers")
    if suppliers:
        parts.append(tr("suppliers: {list}").format(list=suppliers))
    owners = [o.strip() for o in get("owners").split(";") if o.strip()]
    if owners:
        more = len(owners) - SUMMARY_OWNERS
        parts.append(tr("owners: {list}").format(list=", ".join(owners[:SUMMARY_OWNERS]) + (f" +{more}" if more > 0 else "")))
    return f"{name} — " + " · ".join(parts)
