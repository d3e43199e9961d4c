"""The one exception family of the Atlas.

Every failure a user can cause (a broken file, an unknown CRS, a bad command-line value) is raised
as a subclass of :class:`AtlasError`. The GUI shows ``str(error)`` in a dialog; the command line prints
it on one line and exits with status 2. The message always names the file (when there is one) and
the problem in words a user understands.
"""

from __future__ import annotations

import re
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
        return tr(self.template).format(**self.values)


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


class ExportError(AtlasError):
    """A map could not be exported (bad size, unwritable path, ...)."""


class CRSNeededError(LayerLoadError):
    """A file's coordinates are not longitude/latitude and it names no CRS that says what they are.

    The GUI answers it by asking the user for a CRS and reading the file again with it
    (``read_layer(path, crs=...)``); the command line takes ``--crs``.
    """


class LoadCancelled(AtlasError):
    """The user cancelled a load in progress (not an error to show; open layers stay unchanged)."""
