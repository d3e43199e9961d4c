"""Words of ``layers/`` (which has no Qt) shown in the window, in Qt's translation catalogues
(issue 13 item 1).

``layers/`` functions that build text for the window take a ``tr`` callable (default: English);
the window passes :func:`tr`, which looks the template up in the catalogues under the ``layers``
context. The templates are listed here with ``QT_TRANSLATE_NOOP`` so that ``pyside6-lupdate``
extracts them (a test calls the functions with a strict ``tr`` that fails on a template missing
from :data:`LAYER_WORDS`).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: Every template the ``layers/`` functions pass to ``tr``.
LAYER_WORDS = (
    # layers/measure.py: coordinates, identify's derived values, distances
    QT_TRANSLATE_NOOP("layers", "{lon}° E, {lat}° N"),
    QT_TRANSLATE_NOOP("layers", "{lon}° E, {lat}° S"),
    QT_TRANSLATE_NOOP("layers", "{lon}° W, {lat}° N"),
    QT_TRANSLATE_NOOP("layers", "{lon}° W, {lat}° S"),
    QT_TRANSLATE_NOOP("layers", "clicked at"),
    QT_TRANSLATE_NOOP("layers", "feature at"),
    QT_TRANSLATE_NOOP("layers", "length (geodesic)"),
    QT_TRANSLATE_NOOP("layers", "area (geodesic)"),
    QT_TRANSLATE_NOOP("layers", "perimeter (geodesic)"),
    QT_TRANSLATE_NOOP("layers", "distance from click"),
    QT_TRANSLATE_NOOP("layers", "{n} km"),
    QT_TRANSLATE_NOOP("layers", "{n} km²"),
    # layers/network.py: a linked feature's line
    QT_TRANSLATE_NOOP("layers", "feature {row}"),
    QT_TRANSLATE_NOOP("layers", "RFS {year}"),
    QT_TRANSLATE_NOOP("layers", "not yet in service (expected {date})"),
    QT_TRANSLATE_NOOP("layers", "not yet in service"),
    QT_TRANSLATE_NOOP("layers", "suppliers: {list}"),
    QT_TRANSLATE_NOOP("layers", "owners: {list}"),
    # layers/layer.py: the load report's line
    QT_TRANSLATE_NOOP("layers", "1 feature read"),
    QT_TRANSLATE_NOOP("layers", "{n} features read"),
    QT_TRANSLATE_NOOP("layers", "{n} drawn"),
    QT_TRANSLATE_NOOP("layers", "{n} without geometry"),
    QT_TRANSLATE_NOOP("layers", "{n} dropped (not geography)"),
    QT_TRANSLATE_NOOP("layers", "{n} repaired"),
    QT_TRANSLATE_NOOP("layers", "{n} invalid, drawn as read"),
    QT_TRANSLATE_NOOP("layers", ", "),
    QT_TRANSLATE_NOOP("layers", "{n} split at the antimeridian"),
    QT_TRANSLATE_NOOP("layers", "{n} skipped"),
    QT_TRANSLATE_NOOP("layers", "CRS {crs}"),
    QT_TRANSLATE_NOOP("layers", "encoding {encoding}"),
    QT_TRANSLATE_NOOP("layers", "time field {field}"),
    QT_TRANSLATE_NOOP("layers", "warning: {text}"),
)


def tr(text: str) -> str:
    """``text`` (one of :data:`LAYER_WORDS`) in the interface's language."""
    return QCoreApplication.translate("layers", text)


def layer_name(layer, document=None) -> str:
    """A layer's title as the window shows it: a built-in layer's in the map's language
    (:func:`asean_atlas.layers.map_text.layer_title`), a user's layer as titled."""
    from asean_atlas.layers.map_text import layer_title

    from . import i18n

    lang = getattr(document, "language", None) or i18n.current()
    return layer_title(layer, lang)


def field_name(field: str, document=None) -> str:
    """An attribute's name as the window shows it: the built-in layers' attributes in the
    interface's language (e.g. ``status`` -> 状态, an alias as QGIS shows), any other as named."""
    from asean_atlas.layers.map_text import field_label

    from . import i18n

    lang = getattr(document, "language", None) or i18n.current()
    return field_label(str(field), lang)
