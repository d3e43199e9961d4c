"""Temporal spec of a layer: which attributes hold its dates, how they parse, and the time filter.

The time filter never loops over features in Python: dates are parsed once per layer into
``numpy.datetime64[s]`` arrays and each slider step is a couple of vectorized comparisons.

Semantics (DESIGN.md "Temporal spec"): a feature exists from ``start`` (inclusive) to ``end``
(exclusive); a missing start means "undated" (shown or hidden by policy), a missing end means
"still there". "As of year Y" shows what exists at the end of year Y, i.e. the instant just before
``Y+1-01-01``: a cable ready for service in 2017 is hidden at 2016 and shown at 2017; a feature
retired in 2020 is shown at 2019 and hidden at 2020.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: Attribute names recognised as the start of a feature's life, in order of preference.
START_FIELD_NAMES = (
    "start_date",
    "rfs_year",
    "rfs",
    "ready_for_service",
    "start_year",
    "opened",
    "open_date",
    "opening_date",
    "launch_date",
    "launched",
    "built",
    "year",
    "date",
    "start",
)
#: Attribute names recognised as the end of a feature's life.
END_FIELD_NAMES = (
    "end_date",
    "retired",
    "retired_year",
    "decommissioned",
    "closed",
    "end_year",
    "end",
)

UNDATED_SHOW = "show"
UNDATED_HIDE = "hide"

_YEAR_RE = r"[+-]?\d{1,4}"
_ZH_RE = re.compile(r"^\s*(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?\s*$")


@dataclass
class TemporalSpec:
    """Which attributes give a layer's dates.

    Attributes
    ----------
    start_field : str
        Attribute holding the start (years, ISO dates, datetimes...).
    end_field : str or None
        Attribute holding the end (exclusive); None if features never end.
    undated : {"show", "hide"}
        Policy for features with no start date.
    """

    start_field: str
    end_field: str | None = None
    undated: str = UNDATED_SHOW

    def to_dict(self) -> dict[str, Any]:
        """JSON-serializable form."""
        return {"start_field": self.start_field, "end_field": self.end_field, "undated": self.undated}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> TemporalSpec | None:
        """Inverse of :meth:`to_dict`; None or an empty dict gives None."""
        if not data or not data.get("start_field"):
            return None
        return cls(
            start_field=data["start_field"],
            end_field=data.get("end_field"),
            undated=data.get("undated", UNDATED_SHOW),
        )


def detect_temporal(frame: pd.DataFrame) -> TemporalSpec | None:
    """Guess the temporal spec from attribute names and values.

    A candidate field is used only if at least one of its values parses as a date.

    Parameters
    ----------
    frame : DataFrame
        The layer's attributes.

    Returns
    -------
    TemporalSpec or None
        None when no recognised field holds dates.
    """
    lower = {str(c).lower(): c for c in frame.columns if c != "geometry"}

    def first(names: tuple[str, ...]) -> str | None:
        for name in names:
            col = lower.get(name)
            if col is not None and not np.all(np.isnat(parse_dates(frame[col]))):
                return str(col)
        return None

    start = first(START_FIELD_NAMES)
    if start is None:
        return None
    return TemporalSpec(start_field=start, end_field=first(END_FIELD_NAMES))


def _years_to_datetime(years: np.ndarray) -> np.ndarray:
    out = np.full(years.shape, np.datetime64("NaT"), dtype="datetime64[s]")
    ok = np.isfinite(years)
    out[ok] = (years[ok].astype(np.int64) - 1970).astype("datetime64[Y]").astype("datetime64[s]")
    return out


def parse_dates(values: pd.Series | np.ndarray | list) -> np.ndarray:
    """Parse a column of dates in any common form into ``datetime64[s]``.

    Understood: integer or float years (``2017``, ``2017.0``), epoch seconds or milliseconds
    (integers above 10**5 / 10**11), ``"2017"``, ``"2017-05"``, ISO 8601 dates and datetimes
    (time zones converted to UTC), ``datetime``/``date`` objects and pandas datetime columns,
    Chinese forms (``"2023年5月"``, ``"2023年5月4日"``). Empty, null and unparseable values give
    ``NaT``; nothing raises.

    Parameters
    ----------
    values : Series, ndarray or list, length n

    Returns
    -------
    ndarray of datetime64[s], shape (n,)
    """
    s = pd.Series(values) if not isinstance(values, pd.Series) else values
    s = s.reset_index(drop=True)
    n = len(s)
    if n == 0:
        return np.array([], dtype="datetime64[s]")
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        if getattr(s.dt, "tz", None) is not None:
            s = s.dt.tz_convert("UTC").dt.tz_localize(None)
        return s.to_numpy(dtype="datetime64[s]")
    if pd.api.types.is_bool_dtype(s.dtype):
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[s]")
    if pd.api.types.is_numeric_dtype(s.dtype):
        return _numbers_to_datetime(pd.to_numeric(s, errors="coerce").to_numpy(dtype=float))

    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[s]")
    text = s.astype("string").str.strip()
    text = text.mask(text == "")
    # Chinese year/month/day forms -> ISO-like text
    zh = text.str.extract(_ZH_RE)
    has_zh = zh[0].notna().to_numpy()
    if has_zh.any():
        iso = zh[0] + "-" + zh[1].fillna("1").str.zfill(2) + "-" + zh[2].fillna("1").str.zfill(2)
        text = text.where(~has_zh, iso)
    num = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
    is_num = np.isfinite(num) & text.str.fullmatch(r"[+-]?\d+(\.\d+)?").fillna(False).to_numpy()
    if is_num.any():
        out[is_num] = _numbers_to_datetime(num[is_num])
    ym = text.str.fullmatch(r"\d{4}-\d{1,2}").fillna(False).to_numpy() & ~is_num
    if ym.any():
        out[ym] = pd.to_datetime(text[ym] + "-01", errors="coerce", format="%Y-%m-%d").to_numpy(
            dtype="datetime64[s]"
        )
    rest = text.notna().to_numpy() & ~is_num & ~ym
    if rest.any():
        parsed = pd.to_datetime(text[rest], errors="coerce", format="mixed", utc=True)
        out[rest] = parsed.dt.tz_localize(None).to_numpy(dtype="datetime64[s]")
    return out


def _numbers_to_datetime(num: np.ndarray) -> np.ndarray:
    out = np.full(num.shape, np.datetime64("NaT"), dtype="datetime64[s]")
    finite = np.isfinite(num)
    year = finite & (np.abs(num) < 10_000)
    out[year] = _years_to_datetime(np.floor(num[year]))
    ms = finite & (np.abs(num) >= 1e11)
    out[ms] = (num[ms].astype(np.int64) // 1000).astype("datetime64[s]")
    sec = finite & ~year & ~ms & (np.abs(num) >= 1e5)
    out[sec] = num[sec].astype(np.int64).astype("datetime64[s]")
    return out


def year_start(year: int) -> np.datetime64:
    """The instant ``year-01-01T00:00:00`` as ``datetime64[s]``."""
    return (np.datetime64(int(year) - 1970, "Y")).astype("datetime64[s]")


def as_of_mask(
    start: np.ndarray, end: np.ndarray | None, instant: np.datetime64, undated: str = UNDATED_SHOW
) -> np.ndarray:
    """Features that exist just before ``instant``: ``start < instant <= end`` (end exclusive).

    Parameters
    ----------
    start, end : ndarray of datetime64[s], shape (n,)
        Parsed dates; ``end`` may be None (no end field).
    instant : datetime64
        For "as of year Y" pass ``year_start(Y + 1)``.
    undated : {"show", "hide"}
        What to do with features whose start is NaT.

    Returns
    -------
    ndarray of bool, shape (n,)
    """
    undated_rows = np.isnat(start)
    with np.errstate(invalid="ignore"):
        mask = start < instant
    if end is not None:
        mask &= np.isnat(end) | (end >= instant)
    mask |= undated_rows & (undated == UNDATED_SHOW)
    return mask


def as_of_year_mask(
    start: np.ndarray, end: np.ndarray | None, year: int, undated: str = UNDATED_SHOW
) -> np.ndarray:
    """Features in existence at the end of ``year`` (see module docstring)."""
    return as_of_mask(start, end, year_start(year + 1), undated)


def data_year_range(start: np.ndarray, end: np.ndarray | None = None) -> tuple[int, int] | None:
    """First and last calendar year found in the dates, or None if all are NaT."""
    vals = start[~np.isnat(start)]
    if end is not None:
        vals = np.concatenate([vals, end[~np.isnat(end)]])
    if vals.size == 0:
        return None
    years = vals.astype("datetime64[Y]").astype(int) + 1970
    return int(years.min()), int(years.max())
