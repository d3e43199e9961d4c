"""Text encodings of user files: UTF-8 (with or without BOM), or detected, never silently garbled.

GDAL reads GeoJSON, GeoJSONSeq and CSV as UTF-8 (RFC 8259 §8.1, RFC 7946). A file written in a
legacy code page of the region (Thai TIS-620/cp874, Chinese GBK/GB18030 or Big5, Vietnamese cp1258)
would come out as mojibake or fail to read. Such a file is detected with charset-normalizer (a
well-kept library; nothing here guesses by hand), decoded, normalised to NFC (cp1258 stores
Vietnamese tone marks as combining characters) and handed to GDAL as UTF-8. The user may also name
the encoding, which then wins over detection.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: Code pages tried first, in this order: the region's legacy encodings, then Western European.
#: Restricting the candidates matters on short texts, where e.g. Big5 is otherwise taken for
#: Shift-JIS (measured with charset-normalizer 3.5 on two lines of Traditional Chinese).
REGIONAL_ENCODINGS = ("utf_8", "cp874", "gb18030", "big5", "cp1258", "cp1252")

#: Bytes read for detection; charset-normalizer samples within them.
_SAMPLE_BYTES = 4 * 1024 * 1024
_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class EncodingGuess:
    """The text encoding of a file.

    Attributes
    ----------
    codec : str
        Python codec name, e.g. ``"utf_8"``, ``"cp874"``.
    label : str
        What the load report shows, e.g. ``"UTF-8 with BOM"``, ``"cp874 (detected)"``.
    needs_transcoding : bool
        Whether the bytes must be converted to UTF-8 before GDAL reads them.
    """

    codec: str
    label: str
    needs_transcoding: bool


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: str | Path, encoding: str | None = None) -> EncodingGuess:
    """Find the text encoding of a file.

    Parameters
    ----------
    path : str or Path
        A text file (GeoJSON, GeoJSONSeq, CSV).
    encoding : str, optional
        The user's choice (any Python codec name, e.g. ``"cp874"``, ``"big5"``); it is checked to
        decode the file, not guessed.

    Returns
    -------
    EncodingGuess

    Raises
    ------
    UnicodeError
        ``encoding`` is unknown or does not decode the file, or no encoding could be detected.
        (:mod:`asean_atlas.layers.io` turns it into a ``LayerLoadError`` naming the file.)
    """
    p = Path(path)
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise UnicodeError(f"unknown text encoding {encoding!r}") from None
        p.read_bytes().decode(codec)  # raises UnicodeDecodeError if it does not fit
        is_utf8 = codec in ("utf-8", "utf_8")
        return EncodingGuess(codec, f"{encoding} (chosen)", needs_transcoding=not is_utf8)
    with open(p, "rb") as fh:
        head = fh.read(3)
    if head == codecs.BOM_UTF8:
        # GDAL skips a UTF-8 BOM itself; a file with a BOM that is not UTF-8 after it is broken
        if not _is_utf8(p):
            raise UnicodeError("starts with a UTF-8 byte-order mark but is not UTF-8 text")
        return EncodingGuess("utf_8", "UTF-8 with BOM", needs_transcoding=False)
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return EncodingGuess("utf_16", "UTF-16 (byte-order mark)", needs_transcoding=True)
    if _is_utf8(p):
        return EncodingGuess("utf_8", "UTF-8", needs_transcoding=False)

    from charset_normalizer import from_bytes

    with open(p, "rb") as fh:
        sample = fh.read(_SAMPLE_BYTES)
    best = from_bytes(sample, cp_isolation=list(REGIONAL_ENCODINGS)).best()
    if best is None:
        best = from_bytes(sample).best()
    if best is None:
        raise UnicodeError(
            "is neither UTF-8 nor an encoding that could be detected; choose the encoding"
        )
    codec = codecs.lookup(best.encoding).name
    return EncodingGuess(codec, f"{best.encoding} (detected)", needs_transcoding=True)


def transcode_to_utf8(path: str | Path, codec: str) -> bytes:
    """The file's text as UTF-8 bytes, normalised to NFC.

    Parameters
    ----------
    path : str or Path
    codec : str
        Python codec name (from :func:`detect_encoding`).

    Returns
    -------
    bytes

    Raises
    ------
    UnicodeDecodeError
        The file does not decode with ``codec``.
    """
    text = Path(path).read_bytes().decode(codec)
    return unicodedata.normalize("NFC", text).encode("utf-8")
