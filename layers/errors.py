"""The one exception family of the Atlas.

Every failure a user can cause (a broken file, an unknown CRS, a bad command-line value) is raised
as a subclass of :class:`AtlasError`. The GUI shows ``str(error)`` in a dialog; the command line prints
it on one line and exits with status 2. The message always names the file (when there is one) and
the problem in words a user understands.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

# C0/C1 controls (ANSI escape sequences start with ESC), DEL, and the bidirectional overrides and
# isolates that reorder what a terminal shows (CVE-2021-42574, "Trojan Source").
# Lone surrogates (undecodable bytes of a file name) too: a strict UTF-8 terminal cannot print them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` safe for one line of a terminal: control characters (newlines, ESC, NUL, bidi
    overrides) written as ``\\n``/``\\xNN``/``\\uNNNN`` escapes, so a file name or attribute can
    neither forge output lines nor send escape sequences to the terminal.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


#: A message field: a plain name; its format spec: numeric presentation only, no width or fill.
_FIELD = re.compile(r"[A-Za-z_]\w*")
_SPEC = re.compile(r",?(\.\d{1,2})?[fg%]?")


#: Characters of one value a message quotes (text from a file or GDAL: a 200,000-deep GPX gave a
#: 1 MB GDAL warning that froze the window's dialog for 20 s, session 31); longer values are cut.
MAX_VALUE_CHARS = 400


def _bounded(value):
    """``value`` with a plain string over :data:`MAX_VALUE_CHARS` cut, saying how long it was."""
    if type(value) is str and len(value) > MAX_VALUE_CHARS:
        return f"{value[:MAX_VALUE_CHARS - 60]}… ({len(value):,} characters)"
    return value


class Message(str):
    """English text that keeps its template and values, so the window can show it in the
    interface's language (issue 13): a load report's warnings and notes, an error's reason.

    It *is* the English text (a ``str``: printed, compared, written to JSON as it is);
    :meth:`translated` formats the translated template with the same values. ``template`` is a
    literal of the code, listed for translation in ``desktop/words.py`` (a test checks every
    literal ``Message(...)`` of ``layers/`` is listed); ``values`` are the parts that vary (file
    names, attribute values, numbers), substituted, never formatted again. A value that is itself a
    :class:`Message` (``"3 features"``) is translated with it; a tuple value is a list, joined
    with ", " (translated too).

    Parameters
    ----------
    template : str
        A :meth:`str.format` template, e.g. ``"{n} features without a date"``.
    **values
        The template's fields.
    """

    template: str
    values: dict

    def __new__(cls, template: str, /, **values):
        values = {k: _bounded(v) for k, v in values.items()}
        english = {k: ", ".join(map(str, v)) if isinstance(v, tuple) else v for k, v in values.items()}
        self = super().__new__(cls, template.format(**english))
        self.template, self.values = template, dict(values)
        return self

    def __reduce__(self):  # pickle/deepcopy: rebuilt from the template, not re-formatted text
        return (_message, (self.template, self.values))

    def translated(self, tr) -> str:
        """The text with its template (and any :class:`Message` value) through ``tr``."""
        return translate(self, tr)

    def to_json(self) -> dict:
        """``{"template": ..., "values": {...}}`` with nested messages likewise (for the layer
        cache's report, :mod:`asean_atlas.layers.cache`)."""
        return {"template": self.template, "values": {k: _to_json(v) for k, v in self.values.items()}}

    @classmethod
    def from_json(cls, data, depth: int = 0) -> str:
        """The message :meth:`to_json` wrote, checked (a cache file is on disk, i.e. untrusted):
        a template of at most 2,000 characters whose fields are plain names with a short numeric
        format spec (``{n}``, ``{n:,}``, ``{w:.6g}``, ``{score:.0%}``: no attribute or index
        look-ups, no width), every field given, values that are text (at most 10,000 characters),
        numbers, messages or lists of them, nested at most 8 deep; plain text as it is.

        Raises
        ------
        ValueError
            Anything else (the cache treats the entry as absent).
        """
        if isinstance(data, str):
            return data
        if depth > 8 or not isinstance(data, dict) or set(data) - {"template", "values"}:
            raise ValueError("not a message")
        template, raw = data.get("template"), data.get("values", {})
        if not isinstance(template, str) or len(template) > 2000 or not isinstance(raw, dict):
            raise ValueError("not a message")
        fields = set()
        for _literal, name, spec, conversion in string.Formatter().parse(template):
            if name is None:
                continue
            if not _FIELD.fullmatch(name) or conversion is not None or not _SPEC.fullmatch(spec or ""):
                raise ValueError(f"field {name!r} not allowed")
            fields.add(name)
        if not fields <= set(raw):
            raise ValueError("a field without a value")
        values = {}
        for k, v in raw.items():
            if not isinstance(k, str):
                raise ValueError("not a message")
            values[k] = (tuple(cls._value(x, depth) for x in v) if isinstance(v, list) and len(v) <= 100
                         else cls._value(v, depth))
        return cls(template, **values)

    @classmethod
    def _value(cls, v, depth: int):
        if isinstance(v, bool) or v is None:
            raise ValueError("not a value")
        if isinstance(v, (int, float)):
            return v
        if isinstance(v, str):
            if len(v) > 10000:
                raise ValueError("value too long")
            return v
        return cls.from_json(v, depth + 1)


def _to_json(value):
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, tuple):
        return [_to_json(v) for v in value]
    return value


def _message(template: str, values: dict) -> Message:
    return Message(template, **values)


def translate(text, tr) -> str:
    """``text`` in the interface's language: a :class:`Message`'s template (and message values)
    through ``tr``; any other text as it is."""
    if not isinstance(text, Message):
        return str(text)
    values = {k: tr(", ").join(translate(x, tr) for x in v) if isinstance(v, tuple)
              else translate(v, tr) if isinstance(v, Message) else v for k, v in text.values.items()}
    return tr(text.template).format(**values)


class AtlasError(Exception):
    """Base class of every user-facing error of the Atlas.

    An error made with :meth:`of` also keeps its message's English template and values, so the
    window can show it in the interface's language (:meth:`translated`, issue 13); ``str(error)``
    is the English message either way.
    """

    template: str | None = None
    values: dict = {}

    @classmethod
    def of(cls, template: str, **values):
        """The error whose message is ``template.format(**values)``; ``template`` is a literal of
        the code (listed for translation in ``desktop/words.py``), ``values`` the parts that vary
        (names, numbers: never formatted again)."""
        exc = cls(template.format(**values))
        exc.template, exc.values = template, dict(values)
        return exc

    def translated(self, tr) -> str:
        """The message with its template through ``tr`` (a translation function); the English
        message for an error without a template."""
        if self.template is None:
            return str(self)
        return translate(Message(self.template, **self.values), tr)


class LayerLoadError(AtlasError):
    """A vector file could not be read as a layer.

    Parameters
    ----------
    path : str or Path
        The file that failed.
    reason : str
        What is wrong, in words a user understands (no traceback).
    layer : str, optional
        The layer inside a multi-layer source (GeoPackage), if any.
    """

    def __init__(self, path: str | Path, reason: str, layer: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.layer = layer
        where = f"{self.path} (layer {layer!r})" if layer else self.path
        super().__init__(f"{where}: {reason}")
        if isinstance(reason, Message):  # the window shows it translated
            self.template, self.values = reason.template, reason.values

    def __reduce__(self):  # pickle/deepcopy (a worker process's error): rebuilt from its parts
        return (type(self), (self.path, self.reason, self.layer))

    @classmethod
    def of(cls, path: str | Path, template: str, layer: str | None = None, **values):
        """The error of ``path`` whose reason is ``Message(template, **values)``."""
        return cls(path, Message(template, **values), layer=layer)

    def translated(self, tr) -> str:
        """``path: reason`` with the reason (and "(layer ...)") through ``tr``."""
        reason = translate(self.reason, tr)
        where = tr("{path} (layer {layer})").format(path=self.path, layer=repr(self.layer)) if self.layer else self.path
        return f"{where}: {reason}"


class ExportError(AtlasError):
    """A map could not be exported (bad size, unwritable path, ...)."""


class CRSNeededError(LayerLoadError):
    """A file's coordinates are not longitude/latitude and it names no CRS that says what they are.

    The GUI answers it by asking the user for a CRS and reading the file again with it
    (``read_layer(path, crs=...)``); the command line takes ``--crs``.
    """


class LoadCancelled(AtlasError):
    """The user cancelled a load in progress (not an error to show; open layers stay unchanged)."""
