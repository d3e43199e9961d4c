"""Search: find features by name, Chinese name, pinyin, id, operator or owner (issue 11 item 2).
No Qt.

Each layer gets a :class:`LayerSearchIndex`: one normalised text per feature, all of a layer's
texts joined into one string, so that a query is a few ``str.find`` calls (C speed) instead of a
Python loop over the features. At 1,000,000 point features a query answers in milliseconds
(``python -m bench`` workload ``search``); building the index is the slow part and runs once per
layer frame (on a worker thread in the window).

Matching, as QGIS's locator and kepler.gl's search do it, is case-insensitive substring matching
(a query with spaces also matches without them, and in layers up to 200,000 features a name or
place written with spaces also matches a query without them: "chonburi" finds "Chon Buri"; a
Chinese query also by its pinyin),
here also accent-insensitive (``"da nang"`` finds ``"Đà Nẵng"``), script-insensitive for Chinese
(traditional and simplified characters are one: ``"南寧"`` finds ``"南宁"``, OpenCC) and pinyin-aware: a Chinese name
is indexed with its pinyin without tones (``"南宁"`` → ``"nanning"`` and ``"nan ning"``) by
`pypinyin <https://github.com/mozillazg/python-pinyin>`_, whose phrase dictionary picks the
reading of polyphonic characters (``"重庆"`` → ``"chongqing"``). Ranking: a field equal to the query
first, then a field starting with it, then a word inside a field starting with it, then any
substring; a name or id equal to the query before everything, name fields before the others;
then layer order (top first) and feature order.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cells import cell_text
from .layer import Layer

#: Attributes searched, when a layer has them (lower-case column names), names first.
NAME_FIELDS = ("name", "name_en", "name_zh", "name_zh_hant", "name_local", "title", "label", "名称", "名稱", "名字")
#: Place names among :data:`OTHER_FIELDS` (searched without their spaces too, as names are).
PLACE_FIELDS = ("place", "city")
OTHER_FIELDS = (
    "id", "operator", "operators", "owner", "owners", "suppliers", "company", "place", "city",
)
#: Between two features' texts, and between two fields of one feature.
_FEATURE_SEP = "\x1e"
_FIELD_SEP = "\x1f"
_OPEN = _FEATURE_SEP + _FIELD_SEP
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MARKS = re.compile(r"[\u0300-\u036f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
#: punctuation becomes a space, so that "(SJC2)" and "sea-h2x" hold words ("sjc2", "h2x")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
#: letters NFKD does not decompose into a base letter and a mark
_FOLD = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


@functools.lru_cache(maxsize=1)
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s")


def fold_chinese(text: str) -> str:
    """Traditional Chinese characters as simplified (OpenCC ``t2s``), so that either script finds
    the other (``"南寧"`` and ``"南宁"``, ``"臺北"`` and ``"台北"``, issue 13 item 5); text without
    Chinese is returned as it is."""
    if not _CJK.search(text):
        return text
    # a lone surrogate (text cut inside a pair) cannot be encoded for OpenCC: U+FFFD instead
    return _to_simplified().convert(_SURROGATE.sub("\ufffd", text))


def normalize(text: str) -> str:
    """Text as the index holds it: case-folded, accents removed (NFKD), ``đ`` → ``d``,
    Chinese in simplified characters (:func:`fold_chinese`), punctuation as spaces, runs of
    white space as one space, control characters removed, stripped
    (``"Đà Nẵng (VN-DN)"`` → ``"da nang vn dn"``, ``"南寧"`` → ``"南宁"``)."""
    t = unicodedata.normalize("NFKD", str(text)).casefold()
    t = fold_chinese(_MARKS.sub("", t).translate(_FOLD))
    t = "".join(ch for ch in t if ch >= " " or ch == "\t")
    return _SPACE.sub(" ", _PUNCT.sub(" ", t)).strip()


def _normalize_series(values: pd.Series) -> pd.Series:
    s = values.astype("string").fillna("")
    chinese = s.str.contains(_CJK.pattern, regex=True).to_numpy(dtype=bool)
    if chinese.any():  # one script for both (issue 13 item 5); only the rows holding Chinese
        s = s.copy()
        s[chinese] = [fold_chinese(v) for v in s[chinese].tolist()]
    s = s.str.normalize("NFKD").str.casefold()
    s = s.str.replace(_MARKS.pattern, "", regex=True)
    s = s.str.translate(_FOLD)
    # our separators (and every other control character) can never come from a file
    s = s.str.replace(r"[\x00-\x1f\x7f]+", " ", regex=True)
    s = s.str.replace(_PUNCT.pattern, " ", regex=True)
    s = s.str.replace(_SPACE.pattern, " ", regex=True).str.strip()
    return s.astype(object)


def pinyin(text: str) -> str:
    """Toneless pinyin of the Chinese characters in ``text``, syllables separated by spaces
    (``"南宁 hub"`` → ``"nan ning hub"``); "" when ``text`` has no Chinese character."""
    if not isinstance(text, str) or not _CJK.search(text):
        return ""
    from pypinyin import lazy_pinyin

    return normalize(" ".join(lazy_pinyin(text)))


def search_fields(layer: Layer) -> list[str]:
    """The attributes of ``layer`` that search looks in: :data:`NAME_FIELDS` then
    :data:`OTHER_FIELDS` (by lower-case name; the first column of each name), then any other
    column whose name starts with ``name``."""
    by_lower: dict[str, str] = {}
    for c in layer.attributes.columns:
        if c == layer.geometry_name or not isinstance(c, str):
            continue
        by_lower.setdefault(c.lower(), c)
    out = [by_lower[f] for f in NAME_FIELDS + OTHER_FIELDS if f in by_lower]
    out += [c for low, c in by_lower.items() if low.startswith("name") and c not in out]
    return out


@dataclass(frozen=True)
class SearchHit:
    """One search result.

    Attributes
    ----------
    layer : Layer
    row : int
        Positional row of ``layer.frame``.
    name : str
        The feature's display name (``name``, else the first name field, else ``id``).
    field : str
        The attribute that matched (``"name_zh (pinyin)"`` for a pinyin match).
    snippet : str
        That attribute's text around the match, at most about 80 characters.
    rank : int
        0 (a field equals the query) to 3 (substring); lower is better.
    """

    layer: Layer
    row: int
    name: str
    field: str
    snippet: str
    rank: int


class LayerSearchIndex:
    """The search text of one layer's features (see the module docstring).

    Parameters
    ----------
    layer : Layer
        Indexed as it is now (its frame); a new frame needs a new index (:func:`index_for`).

    Notes
    -----
    Memory: one Python string of about the total length of the searched attributes (≈ 30 MB for
    1,000,000 features with a 20-character name and an id) and one int64 array of offsets.
    """

    #: rows normalised at a time while building (bounds the transient memory of the build)
    CHUNK = 100_000
    #: occurrences of a query read in one pass; a commoner query is answered rank by rank
    SCAN_CAP = 2_000
    #: layers up to this many features also index their names and places without spaces (a
    #: bigger one would grow its index ~60 % and every query with it: 1M points, issue 11's
    #: 50 ms first results)
    JOINED_MAX_FEATURES = 200_000

    def __init__(self, layer: Layer) -> None:
        self.frame = layer.attributes
        self.columns = search_fields(layer)
        #: name fields holding Chinese also get a pinyin field
        self.pinyin_columns = []
        for c in self.columns:
            raw = self.frame[c]
            if c.lower() in NAME_FIELDS and (raw.dtype == object or pd.api.types.is_string_dtype(raw)):
                if raw.astype("string").str.contains(_CJK.pattern, regex=True, na=False).any():
                    self.pinyin_columns.append(c)
        #: name and place fields also get their text without spaces ("chonburi" finds "Chon Buri";
        #: empty where the text has no space)
        self.joined_columns = ([c for c in self.columns if c.lower() in NAME_FIELDS + PLACE_FIELDS]
                               if len(self.frame) <= self.JOINED_MAX_FEATURES else [])
        #: the fields of each feature's text, in order: the columns, the pinyin fields, the joined
        self.fields: list[str] = (list(self.columns) + [f"{c} (pinyin)" for c in self.pinyin_columns]
                                  + [f"{c} (no spaces)" for c in self.joined_columns])
        n = len(self.frame)
        pieces, lengths = [], []
        for a in range(0, n, self.CHUNK):
            sub = self.frame.iloc[a:a + self.CHUNK]
            parts = [_normalize_series(sub[c]) for c in self.columns]
            for c in self.pinyin_columns:
                py = sub[c].map(pinyin).astype(object)
                # "nanning" and "nan ning": both spellings people type
                parts.append(py.str.replace(" ", "", regex=False) + " " + py)
            for c in self.joined_columns:
                norm = parts[self.columns.index(c)]
                joined = norm.str.replace(" ", "", regex=False)
                parts.append(joined.where(joined != norm, ""))
            if parts:
                texts = parts[0]
                for p in parts[1:]:
                    texts = texts + _FIELD_SEP + p
                texts = texts.tolist()
            else:
                texts = [""] * len(sub)
            lengths.append(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
            if texts:
                pieces.append(_OPEN + (_FIELD_SEP + _OPEN).join(texts) + _FIELD_SEP)
        # each feature is "\x1e\x1f" + its fields joined by "\x1f" + "\x1f": every field has a
        # separator on both sides, so "\x1f" + q + "\x1f" finds the fields equal to q in one pass;
        # feature i's fields are blob[starts[i]:ends[i]]
        self.blob = "".join(pieces)
        length = np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.int64)
        self.starts = np.full(n, len(_OPEN), dtype=np.int64)
        if n > 1:
            self.starts[1:] += np.cumsum(length[:-1] + len(_OPEN) + 1)
        self.ends = self.starts + length

    def text(self, row: int) -> str:
        """The normalised text of feature ``row``: its fields joined by ``"\\x1f"``."""
        return self.blob[self.starts[row]:self.ends[row]]

    def _find(self, needle: str, limit: int) -> list[int]:
        out, pos, blob = [], 0, self.blob
        while len(out) < limit:
            i = blob.find(needle, pos)
            if i < 0:
                break
            out.append(i)
            pos = i + 1
        return out

    def is_name_field(self, field: int) -> bool:
        """Whether field ``field`` of the texts is a name (or a name's pinyin)."""
        return self.fields[field].split(" ")[0].lower() in NAME_FIELDS

    def order_key(self, rank: int, field: int, whole: bool = True) -> tuple[bool, bool, bool, int, bool]:
        """How a match of ``rank`` in ``field`` sorts (smaller first): a name or id equal to the
        query; then word matches before bare substrings; names before other fields; rank; a
        whole word before a word that only starts with the query (``sjc`` finds "… (SJC)"
        before "… (SJC2)")."""
        name = self.is_name_field(field)
        exact_id = rank == 0 and (name or self.fields[field].lower() == "id")
        return (not exact_id, rank == 3, not name, rank, not whole)

    def rows_matching(self, q: str, limit: int) -> dict[int, tuple[int, int, bool]]:
        """``{row: (rank, field index, whole word)}`` of the features whose text holds the
        normalised query ``q`` (the best match per row, to be ordered as :func:`search` orders).

        One pass over the index finds every occurrence when there are fewer than
        :data:`SCAN_CAP`; a commoner query is answered from up to ``4 * limit`` field starts,
        then word starts, then the first :data:`SCAN_CAP` substrings, so the best ranked are
        never crowded out by early substrings.
        """
        seps = (_FIELD_SEP, _FEATURE_SEP)
        positions = self._find(q, self.SCAN_CAP)
        if len(positions) >= self.SCAN_CAP:
            exact = [p + 1 for p in self._find(_FIELD_SEP + q + _FIELD_SEP, 4 * limit)]
            first = [p + 1 for p in self._find(_FIELD_SEP + q, 4 * limit)]
            words = [p + 1 for p in self._find(" " + q, 4 * limit)]
            positions = exact + first + words + positions
        if not positions:
            return {}
        at_arr = np.asarray(positions, dtype=np.int64)
        rows = np.searchsorted(self.starts, at_arr, side="right") - 1
        blob, nq = self.blob, len(q)
        found: dict[int, tuple[int, int]] = {}
        for at, row in zip(positions, rows.tolist()):
            if row < 0 or at + nq > self.ends[row]:
                continue  # across a feature boundary (cannot happen: separators are not typed)
            before, after = blob[at - 1], blob[at + nq]
            if before in seps:
                rank = 0 if after == _FIELD_SEP else 1
            else:
                rank = 2 if before == " " else 3
            whole = after in (" ", _FIELD_SEP)
            field = blob.count(_FIELD_SEP, int(self.starts[row]), at)
            prev = found.get(row)
            if prev is None or (self.order_key(rank, field, whole), field) < (self.order_key(*prev), prev[1]):
                found[row] = (rank, field, whole)
        return found

    def snippet(self, row: int, field: int, q: str, width: int = 80) -> str:
        """The text of ``field`` of feature ``row`` around the match (original spelling where the
        normalised text has the same length)."""
        name = self.fields[field]
        if field < len(self.columns):
            raw = self.frame[self.columns[field]].iloc[row]
            original = cell_text(raw)[:5000]  # a value may be megabytes; the snippet needs 80 characters
            original = _SPACE.sub(" ", "".join(ch if ch >= " " else " " for ch in original)).strip()
        elif name.endswith(" (no spaces)"):  # the field's own text, as for the field itself
            raw = self.frame[name[: -len(" (no spaces)")]].iloc[row]
            return _SPACE.sub(" ", cell_text(raw)[:5000]).strip()[:width]
        else:  # pinyin: the Chinese name, then its pinyin
            column = name[: -len(" (pinyin)")]  # "name_zh (pinyin)" -> the name_zh column
            spaced = self.text(row).split(_FIELD_SEP)[field].split(" ", 1)[-1]
            return f"{self.frame[column].iloc[row]} ({spaced})"[:width]
        norm = self.text(row).split(_FIELD_SEP)[field]
        text = original
        if len(text) <= width:
            return text
        at = norm.find(q) if len(original) == len(norm) else 0
        start = max(0, min(max(at, 0) - width // 3, len(text) - width))
        out = text[start:start + width]
        return ("…" if start else "") + out + ("…" if start + width < len(text) else "")


_indexes: dict[str, tuple[object, LayerSearchIndex]] = {}
_lock = threading.Lock()


def index_for(layer: Layer, build: bool = True) -> LayerSearchIndex | None:
    """The search index of ``layer``'s current frame, built now if ``build`` (and cached), else
    None when it is not built yet (the window builds it on a worker thread after a load)."""
    with _lock:
        got = _indexes.get(layer.id)
    if got is not None and got[0] is layer.attributes:
        return got[1]
    if not build:
        return None
    idx = LayerSearchIndex(layer)
    with _lock:
        _indexes[layer.id] = (layer.attributes, idx)
    return idx


def forget(layer: Layer) -> None:
    """Drop ``layer``'s index (the layer left the map)."""
    with _lock:
        _indexes.pop(layer.id, None)


def retain(layers: list[Layer]) -> None:
    """Drop the indexes of every layer not in ``layers`` (they left the map)."""
    keep = {lyr.id for lyr in layers}
    with _lock:
        for lid in [k for k in _indexes if k not in keep]:
            del _indexes[lid]


def _display_name(layer: Layer, row: int, columns: list[str]) -> str:
    for c in columns:
        if c.lower() in NAME_FIELDS or c.lower() == "id":
            v = layer.attributes[c].iloc[row]
            if isinstance(v, str) and v.strip():
                v = " ".join(v[:400].split())  # a name from a file may be megabytes long
                return v if len(v) <= 200 else v[:199] + "…"
            if v is not None and not (isinstance(v, float) and np.isnan(v)) and not isinstance(v, str):
                return str(v)
    return f"feature {row}"


def search(layers: list[Layer], query: str, limit: int = 50, build: bool = True) -> list[SearchHit]:
    """Find features of ``layers`` matching ``query``.

    Parameters
    ----------
    layers : list of Layer
        In map order, top first (their order breaks ties).
    query : str
        Free text; case, accents and spaces at the ends do not matter. Empty → no hits.
    limit : int
        At most this many hits (the best ranked of those found; the search stops looking once
        it has ``limit`` candidates of a rank in a layer, which keeps a one-letter query fast).
    build : bool
        Build missing indexes now (True) or skip layers whose index is not ready (False).

    Returns
    -------
    list of SearchHit
        Best first: a name or id equal to the query; then whole-word matches (rank 0–2) before
        bare substrings (rank 3), among them name fields before the others, then rank; then
        layer order, then row.
    """
    q = normalize(query)
    if not q:
        return []
    # variants found too, ranked after the query itself: without spaces ("da nang" finds
    # "Danang", "sjc 2" finds "SJC2"), and the pinyin of a Chinese query ("南宁" finds "Nanning")
    variants = []
    if " " in q:
        variants.append(q.replace(" ", ""))
    py = pinyin(query)
    if py and py.replace(" ", "") != q:
        variants.append(py.replace(" ", ""))
    hits = []
    for li, layer in enumerate(layers):
        idx = index_for(layer, build=build)
        if idx is None:
            continue
        found = idx.rows_matching(q, limit)
        for v in variants:
            for row, (rank, field, _) in idx.rows_matching(v, limit).items():
                if row not in found:
                    found[row] = (3, field, False)  # after every match of the query as typed
        for row, (rank, field, whole) in found.items():
            hits.append((idx.order_key(rank, field, whole), li, row, layer, idx, field, rank))
    hits.sort(key=lambda h: h[:3])
    return [SearchHit(layer, row, _display_name(layer, row, idx.columns), idx.fields[field], idx.snippet(row, field, q), rank)
            for _, _, row, layer, idx, field, rank in hits[:limit]]
