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


#: Templates of the errors ``layers/`` raises with :meth:`~asean_atlas.layers.errors.AtlasError.of`
#: (the attribute filter's; a test checks every ``FilterError.of`` template of layers/filter.py is here).
ERROR_WORDS = (
    QT_TRANSLATE_NOOP("errors", "no attribute named {name}"),
    QT_TRANSLATE_NOOP("errors", "the expression is empty"),
    QT_TRANSLATE_NOOP("errors", "the expression is longer than {n} characters"),
    QT_TRANSLATE_NOOP("errors", "a back-quote (`) is not closed"),
    QT_TRANSLATE_NOOP("errors", "the expression has {n} conditions; at most {max} (each one scans the layer)"),
    QT_TRANSLATE_NOOP("errors", "the expression is nested too deeply"),
    QT_TRANSLATE_NOOP("errors", "the attribute name {name} is ambiguous (several columns match it)"),
    QT_TRANSLATE_NOOP("errors", "this part of the expression is not a condition"),
    QT_TRANSLATE_NOOP("errors", "an attribute name with a back-quote cannot be used in an expression: {name}"),
    QT_TRANSLATE_NOOP("errors", "unknown operator {name}"),
    QT_TRANSLATE_NOOP("errors", "cannot read the expression: {error}"),
    QT_TRANSLATE_NOOP("errors", "syntax error (the expression ends too early): {error}"),
    QT_TRANSLATE_NOOP("errors", "cannot read the expression ({error})"),
    QT_TRANSLATE_NOOP("errors", "a comparison needs an attribute on one side"),
    QT_TRANSLATE_NOOP("errors", "a list goes with in / not in: attribute in [value, value, …]"),
    QT_TRANSLATE_NOOP("errors", "compare null only with == or !="),
    QT_TRANSLATE_NOOP("errors", "syntax error at column {column}: {error}"),
    QT_TRANSLATE_NOOP("errors", "minus applies to numbers only"),
    QT_TRANSLATE_NOOP("errors", "year() takes an attribute"),
    QT_TRANSLATE_NOOP("errors", "{name} is not true/false; compare it with a value"),
    QT_TRANSLATE_NOOP("errors", "use: attribute in [value, value, …]"),
    QT_TRANSLATE_NOOP("errors", "cannot evaluate it on these attributes: {kind}: {error}"),
    QT_TRANSLATE_NOOP("errors", "cannot evaluate it on these attributes: {kind}"),
    QT_TRANSLATE_NOOP("errors", "only == != < <= > >= in and not in compare values"),
    QT_TRANSLATE_NOOP("errors", "is_empty() takes an attribute"),
    QT_TRANSLATE_NOOP("errors", "{name}() takes an attribute and a text"),
    QT_TRANSLATE_NOOP("errors", "unknown function; available: {names}"),
    QT_TRANSLATE_NOOP("errors", "{name}() takes {n} arguments"),
    QT_TRANSLATE_NOOP("errors", "{name}() takes 1 argument"),
    QT_TRANSLATE_NOOP("errors", "a list may hold only text and numbers"),
    QT_TRANSLATE_NOOP("errors", "only text, numbers, true, false and null are values"),
    QT_TRANSLATE_NOOP("errors", "not allowed in a filter: {kind}"),
    QT_TRANSLATE_NOOP("errors", "{name} holds numbers: compare it with a number, not {value}"),
)


def error_text(exc) -> str:
    """An Atlas error's message in the interface's language (its template through the
    ``errors`` catalogue context; an error without one as it is)."""
    translated = getattr(exc, "translated", None)
    if translated is None:
        return str(exc)
    return translated(lambda text: QCoreApplication.translate("errors", text))


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
