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

from .errors import Message

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
    confidence : str
        For a detected legacy code page, how plausible its text is for its script, e.g.
        ``"text plausible as Chinese: 100% of 3 non-ASCII characters"``; "" otherwise.
    """

    codec: str
    label: str
    needs_transcoding: bool
    confidence: str = ""


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
            raise UnicodeError(Message("unknown text encoding {name}", name=repr(encoding))) from None
        p.read_bytes().decode(codec)  # raises UnicodeDecodeError if it does not fit
        is_utf8 = codec in ("utf-8", "utf_8")
        return EncodingGuess(codec, Message("{encoding} (chosen)", encoding=encoding), needs_transcoding=not is_utf8)
    with open(p, "rb") as fh:
        head = fh.read(3)
    if head == codecs.BOM_UTF8:
        # GDAL skips a UTF-8 BOM itself; a file with a BOM that is not UTF-8 after it is broken
        if not _is_utf8(p):
            raise UnicodeError(Message("starts with a UTF-8 byte-order mark but is not UTF-8 text"))
        return EncodingGuess("utf_8", Message("UTF-8 with BOM"), needs_transcoding=False)
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return EncodingGuess("utf_16", Message("UTF-16 (byte-order mark)"), needs_transcoding=True)
    if _is_utf8(p):
        return EncodingGuess("utf_8", "UTF-8", needs_transcoding=False)

    from charset_normalizer import from_bytes

    with open(p, "rb") as fh:
        sample = fh.read(_SAMPLE_BYTES)
    best = from_bytes(sample, cp_isolation=list(REGIONAL_ENCODINGS)).best()
    if best is None:
        best = from_bytes(sample).best()
    # (plausibility, codec, non-ASCII characters) of the region's code pages that decode it
    scores = [s for s in _script_scores(sample) if s[2]]
    if best is None:
        # charset-normalizer gives up on text with control characters; a code page whose text
        # is plainly of its script (80 % or more) still reads it
        plain = [s for s in scores if s[0] >= 0.8]
        if not plain:
            raise UnicodeError(
                Message("is neither UTF-8 nor an encoding that could be detected; choose the encoding")
            )
        name = max(plain)[1]
    else:
        name = best.encoding
    codec = codecs.lookup(name).name
    if codec not in SCRIPT_CANDIDATES or not scores:  # another code page: charset-normalizer's
        return EncodingGuess(codec, Message("{encoding} (detected)", encoding=name), needs_transcoding=True)
    # short texts fool statistical detection (two GBK names came out as Big5 nonsense, "鰭控桴";
    # Vietnamese as Thai): among the region's code pages that decode the sample, the one whose
    # text is most plausible for its script wins; charset-normalizer's choice on a tie
    score, codec, count = max(scores, key=lambda s: (s[0], s[1] == codec))
    return EncodingGuess(codec, Message("{encoding} (detected)", encoding=codec), needs_transcoding=True,
                         confidence=Message("text plausible as {script}: {score:.0%} of {n} non-ASCII characters",
                                            script=Message(SCRIPT_NAMES[codec]), score=score, n=count))


def _script_scores(sample: bytes) -> list[tuple[float, str, int]]:
    """``(plausibility, codec, non-ASCII characters)`` of each of :data:`SCRIPT_CANDIDATES` that
    decodes ``sample`` (a last character cut by the sample's end is left out)."""
    out = []
    for cand in SCRIPT_CANDIDATES:
        try:
            text = codecs.getincrementaldecoder(cand)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        score, count = script_plausibility(text, cand)
        out.append((score, cand, count))
    return out


#: Code pages compared by how plausible their decoded text is (:func:`script_plausibility`).
SCRIPT_CANDIDATES = ("gb18030", "big5", "cp874", "cp1258", "cp1252")
SCRIPT_NAMES = {"gb18030": "Chinese", "big5": "Chinese", "cp874": "Thai", "cp1258": "Vietnamese",
                "cp1252": "Western European"}
#: Letters of the Western European languages cp1252 is for (not Ð/Þ: Vietnamese read as cp1252
#: gives them for Đ and its tone marks).
_WESTERN = set("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŸ")
#: Vietnamese letters and the combining tone marks cp1258 writes.
_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵÀÁÈÉÌÍÒÓÙÚÝ") | {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _common_chinese(ch: str) -> bool:
    """A Chinese character in everyday use: GB 2312 level 1 (the 3,755 commonest simplified
    characters, rows 0xB0-0xD7) or Big5's frequently used block (5,401 traditional, 0xA440-0xC67E)."""
    try:
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return len(b) == 2 and 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E
    except UnicodeEncodeError:
        return False


def _plausible_thai(text: str) -> int:
    """Thai characters of ``text`` where Thai spelling allows them: a consonant; a leading vowel
    (เ แ โ ใ ไ) before a consonant; a following vowel or tone mark after a Thai letter; a Thai
    digit beside a digit. Latin text read as cp874 gives Thai characters in none of these places
    ("Hà Đông" came out as "Hเ ะ๔ng")."""
    def thai_letter(c: str) -> bool:
        return "\u0e01" <= c <= "\u0e4e"

    ok = 0
    for k, c in enumerate(text):
        if not "\u0e00" <= c <= "\u0e7f":
            continue
        prev, nxt = text[k - 1] if k else "", text[k + 1] if k + 1 < len(text) else ""
        if "\u0e01" <= c <= "\u0e2e":
            ok += 1
        elif "\u0e40" <= c <= "\u0e44":
            ok += "\u0e01" <= nxt <= "\u0e2e"
        elif "\u0e50" <= c <= "\u0e59":
            ok += prev.isdigit() or nxt.isdigit()
        else:
            ok += bool(prev) and thai_letter(prev)
    return ok


def script_plausibility(text: str, codec: str) -> tuple[float, int]:
    """How plausible ``text`` is as the script ``codec`` is for: the share of its non-ASCII
    characters that are everyday Chinese characters (GBK/GB18030, Big5), Thai letters (cp874),
    Vietnamese letters and tone marks (cp1258) or Western European letters (cp1252); and how many
    non-ASCII characters it has.

    Returns
    -------
    (float, int)
        Share in 0..1 (0.0 for no non-ASCII character) and the count.
    """
    chars = [c for c in text if ord(c) > 127]
    if not chars:
        return 0.0, 0
    name = SCRIPT_NAMES.get(codecs.lookup(codec).name)
    if name == "Chinese":
        ok = sum(_common_chinese(c) for c in chars)
    elif name == "Thai":
        ok = _plausible_thai(text)
    elif name == "Vietnamese":
        ok = sum(c in _VIETNAMESE for c in chars)
    else:
        ok = sum(c in _WESTERN for c in chars)
    return ok / len(chars), len(chars)


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
