"""The temporal controller model (QGIS's Temporal Controller, kepler.gl's playback). No Qt.

The :class:`TimeController` holds every setting of the time filter — on/off, mode ("as of" or
window), step unit (year, month, or the dates found in the data), the current step, the range,
end-date semantics and playback (playing, loop, speed). The Qt dock is a thin view of it
(napari's ``Dims``/``QtDims`` split): it writes user input back through the methods below and
redraws on the signals.

The current position is a date (the start of the current step), not a slider index, so adding a
layer or changing the unit keeps the user's place in time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from psygnal import Signal

from .temporal import MODE_AS_OF, MODE_WINDOW, MODES, TimeFilter, year_start

if TYPE_CHECKING:
    from .layer import Layer

STEP_YEAR = "year"
STEP_MONTH = "month"
STEP_SOURCE = "source"
STEP_UNITS = (STEP_YEAR, STEP_MONTH, STEP_SOURCE)

_ONE_SECOND = np.timedelta64(1, "s")


def parse_step(text: str) -> tuple[str, int]:
    """Parse a step such as ``"1y"``, ``"5y"``, ``"6m"``, ``"1m"`` or ``"source"``.

    Parameters
    ----------
    text : str

    Returns
    -------
    (unit, size) : (str, int)
        ``unit`` one of :data:`STEP_UNITS`; ``size`` the number of units per step (>= 1).

    Raises
    ------
    ValueError
        Text that is none of these forms.
    """
    t = text.strip().lower()
    if t in ("source", "src", "data", "dates"):
        return STEP_SOURCE, 1
    for suffix, unit in (("y", STEP_YEAR), ("year", STEP_YEAR), ("years", STEP_YEAR),
                         ("m", STEP_MONTH), ("month", STEP_MONTH), ("months", STEP_MONTH)):
        if t.endswith(suffix) and t[: -len(suffix)].strip().isdigit():
            size = int(t[: -len(suffix)])
            if size >= 1:
                return unit, size
    raise ValueError(f"step {text!r}: expected e.g. 1y, 5y, 1m, 6m or source")


def _to_s(value: Any) -> np.datetime64:
    if isinstance(value, (int, np.integer)):
        return year_start(int(value))
    return np.datetime64(value, "s")


def _add_units(t: np.datetime64, unit: str, n: int) -> np.datetime64:
    code = "Y" if unit == STEP_YEAR else "M"
    return (t.astype(f"datetime64[{code}]") + n).astype("datetime64[s]")


def _floor(t: np.datetime64, unit: str) -> np.datetime64:
    code = "Y" if unit == STEP_YEAR else "M"
    return t.astype(f"datetime64[{code}]").astype("datetime64[s]")


def format_date(t: np.datetime64, unit: str = STEP_SOURCE) -> str:
    """Text of a step date: ``"2017"`` (year), ``"2017-05"`` (month), ISO date or datetime."""
    if unit == STEP_YEAR:
        return str(t.astype("datetime64[Y]"))
    if unit == STEP_MONTH:
        return str(t.astype("datetime64[M]"))
    day = t.astype("datetime64[D]")
    return str(day) if day.astype("datetime64[s]") == t else str(t).replace("T", " ")


#: Most steps a range is divided into; a longer range gets longer steps (issue 8: a date of year
#: ±146 million made a slider of 290 million steps and took all memory).
MAX_STEPS = 2_000


class TimeController:
    """State of the time filter and its playback.

    Signals
    -------
    changed()
        A setting changed (mode, unit, range, options, the data's dates); views re-read it.
    current_changed(object)
        The filter moved or was switched on/off; payload the :class:`TimeFilter` or None.
    playing_changed(bool)
        Playback started or stopped.

    Notes
    -----
    Defaults: off, "as of" mode, yearly steps, end dates exclusive, loop on, 1.5 steps per second.
    """

    changed = Signal()
    current_changed = Signal(object)
    playing_changed = Signal(bool)

    def __init__(self) -> None:
        self.enabled = False
        self.mode = MODE_AS_OF
        self.step_unit = STEP_YEAR
        self.step_size = 1
        self.window_length: int | None = None
        self.end_inclusive = False
        self.loop = True
        self.speed = 1.5
        self.playing = False
        self._current: np.datetime64 | None = None
        self._range: tuple[np.datetime64, np.datetime64] | None = None
        self._data_range: tuple[np.datetime64, np.datetime64] | None = None
        self._source_dates = np.array([], dtype="datetime64[s]")
        self._steps: np.ndarray | None = None

    # -- data -----------------------------------------------------------------------------------
    def update_from_layers(self, layers: Sequence[Layer]) -> None:
        """Read the dates of the temporal layers: the data range and the source dates.

        Parameters
        ----------
        layers : sequence of Layer
            All layers of the document (hidden ones too: the range does not jump when a layer is
            switched off).
        """
        dates = [d for lyr in layers for d in lyr.temporal_dates()]
        values = np.concatenate(dates) if dates else np.array([], dtype="datetime64[s]")
        values = values[~np.isnat(values)]
        src = np.unique(values)
        rng = (src[0], src[-1]) if src.size else None
        if rng == self._data_range and np.array_equal(src, self._source_dates):
            return
        self._data_range = rng
        self._source_dates = src
        self._steps = None
        self.changed.emit()
        if self.enabled:
            self.current_changed.emit(self.time_filter)

    @property
    def data_range(self) -> tuple[np.datetime64, np.datetime64] | None:
        """Earliest and latest date (``datetime64[s]``) in the temporal layers, or None."""
        return self._data_range

    @property
    def source_dates(self) -> np.ndarray:
        """Sorted distinct dates (``datetime64[s]``) occurring in the temporal layers."""
        return self._source_dates

    @property
    def range(self) -> tuple[np.datetime64, np.datetime64] | None:
        """The range the steps cover: the user's (:meth:`set_range`) or the data's."""
        return self._range or self._data_range

    # -- steps ----------------------------------------------------------------------------------
    def steps(self) -> np.ndarray:
        """Start dates of the steps over :attr:`range`, ``datetime64[s]``, ascending.

        Years and months are aligned on calendar boundaries from the first one of the range;
        ``"source"`` steps are the data's distinct dates within the range.
        """
        if self._steps is not None:
            return self._steps
        rng = self.range
        if rng is None:
            steps = np.array([], dtype="datetime64[s]")
        elif self.step_unit == STEP_SOURCE:
            src = self._source_dates
            steps = src[(src >= rng[0]) & (src <= rng[1])]
        else:
            code = "Y" if self.step_unit == STEP_YEAR else "M"
            lo = rng[0].astype(f"datetime64[{code}]")
            hi = rng[1].astype(f"datetime64[{code}]")
            # a range of millennia (a hostile or broken date) must not make millions of steps
            size = max(self.step_size, int(np.ceil((hi - lo).astype(np.int64) / MAX_STEPS)))
            steps = np.arange(lo, hi + 1, size).astype("datetime64[s]")
        self._steps = steps
        return steps

    @property
    def step_count(self) -> int:
        """Number of steps."""
        return int(self.steps().size)

    @property
    def current(self) -> np.datetime64 | None:
        """Start of the current step (``datetime64[s]``); the last step if none was chosen."""
        if self._current is not None:
            return self._current
        steps = self.steps()
        return steps[-1] if steps.size else None

    @property
    def index(self) -> int:
        """Index of the current step in :meth:`steps` (clamped to the steps); -1 if no steps."""
        steps = self.steps()
        cur = self.current
        if cur is None or not steps.size:
            return -1
        return int(np.clip(np.searchsorted(steps, cur, side="right") - 1, 0, steps.size - 1))

    def period(self, start: np.datetime64 | None = None) -> tuple[np.datetime64, np.datetime64] | None:
        """The period ``[t0, t1)`` that the filter reads at step ``start`` (default: current).

        "As of" mode: one unit (the year, the month, or the instant of a source date). Window
        mode: ``window_length`` units (default: the step size), or up to the next source date.
        """
        t0 = self.current if start is None else _to_s(start)
        if t0 is None:
            return None
        if self.step_unit == STEP_SOURCE:
            if self.mode == MODE_AS_OF:
                return t0, t0 + _ONE_SECOND
            n = self.window_length or 1
            later = self._source_dates[self._source_dates > t0]
            t1 = later[n - 1] if later.size >= n else t0 + np.timedelta64(1, "D")
            return t0, t1
        n = 1 if self.mode == MODE_AS_OF else (self.window_length or self.step_size)
        return t0, _add_units(t0, self.step_unit, n)

    def label(self, start: np.datetime64 | None = None) -> str:
        """Date-stamp text of a step (default: current), e.g. ``"2017"`` or ``"2010–2014"``."""
        per = self.period(start)
        if per is None:
            return ""
        t0, t1 = per
        first = format_date(t0, self.step_unit)
        if self.mode == MODE_AS_OF:
            return first
        if self.step_unit == STEP_SOURCE:
            return f"{first} – {format_date(t1)}"
        last = format_date(_add_units(t1, self.step_unit, -1), self.step_unit)
        return first if last == first else f"{first}–{last}"

    def filter_at(self, start: np.datetime64 | int) -> TimeFilter:
        """The :class:`TimeFilter` of the step starting at ``start`` (a date or a year)."""
        t0, t1 = self.period(start)  # type: ignore[misc]
        return TimeFilter(self.mode, t0, t1, self.end_inclusive, self.label(t0))

    def filters(self) -> list[TimeFilter]:
        """The :class:`TimeFilter` of every step, first to last (animation frames)."""
        return [self.filter_at(t) for t in self.steps()]

    def copy(self) -> TimeController:
        """An independent controller with the same settings and data (no signal connections).

        Exports step a copy, so an animation never moves the window's slider.
        """
        other = TimeController()
        other.update_from_dict(self.to_dict())
        other._data_range = self._data_range
        other._source_dates = self._source_dates
        other._steps = None
        return other

    @property
    def time_filter(self) -> TimeFilter | None:
        """The current filter; None when the controller is off or there is no step."""
        if not self.enabled or self.current is None:
            return None
        return self.filter_at(self.current)

    # -- user input -----------------------------------------------------------------------------
    def _moved(self) -> None:
        self.current_changed.emit(self.time_filter)

    def set_enabled(self, on: bool) -> None:
        """Switch the time filter on or off (off: every feature is shown)."""
        on = bool(on)
        if on != self.enabled:
            self.enabled = on
            if not on and self.playing:
                self.pause()
            self.changed.emit()
            self._moved()

    def set_mode(self, mode: str) -> None:
        """``"as_of"`` (cumulative) or ``"window"``.

        Raises
        ------
        ValueError
            Unknown mode.
        """
        if mode not in MODES:
            raise ValueError(f"time mode {mode!r}: expected one of {MODES}")
        if mode != self.mode:
            self.mode = mode
            self.changed.emit()
            self._moved()

    def set_step(self, unit: str, size: int = 1) -> None:
        """Step by ``size`` years, months, or (``"source"``) from one data date to the next.

        The current position moves to the step containing it.

        Raises
        ------
        ValueError
            Unknown unit or size < 1.
        """
        if unit not in STEP_UNITS:
            raise ValueError(f"step unit {unit!r}: expected one of {STEP_UNITS}")
        if int(size) < 1:
            raise ValueError(f"step size {size}: must be at least 1")
        if (unit, int(size)) == (self.step_unit, self.step_size):
            return
        cur = self._current
        self.step_unit, self.step_size = unit, int(size)
        self._steps = None
        if cur is not None:
            self._current = None
            self._current = self._snap(cur)
        self.changed.emit()
        self._moved()

    def _snap(self, t: np.datetime64) -> np.datetime64:
        steps = self.steps()
        if self.step_unit == STEP_SOURCE:
            if not steps.size:
                return t
            i = int(np.clip(np.searchsorted(steps, t, side="right") - 1, 0, steps.size - 1))
            return steps[i]
        return _floor(t, self.step_unit)

    def set_window_length(self, units: int | None) -> None:
        """Width of the window in step units (None: the step size)."""
        if units is not None and int(units) < 1:
            raise ValueError(f"window length {units}: must be at least 1")
        self.window_length = None if units is None else int(units)
        self.changed.emit()
        self._moved()

    def set_end_inclusive(self, inclusive: bool) -> None:
        """Read features' end dates as inclusive (last date of service) or exclusive (default)."""
        if bool(inclusive) != self.end_inclusive:
            self.end_inclusive = bool(inclusive)
            self.changed.emit()
            self._moved()

    def set_range(self, start: Any = None, end: Any = None) -> None:
        """Limit the steps to ``[start, end]`` (years as int, or dates); no arguments: the data's.

        Raises
        ------
        ValueError
            ``start`` after ``end``.
        """
        if start is None and end is None:
            rng = None
        else:
            data = self._data_range
            lo = _to_s(start) if start is not None else (data[0] if data else None)
            hi = _to_s(end) if end is not None else (data[1] if data else None)
            if lo is None or hi is None:
                raise ValueError("a range needs both ends when the layers hold no dates")
            if lo > hi:
                raise ValueError(f"time range {start} .. {end} runs backwards")
            rng = (lo, hi)
        self._range = rng
        self._steps = None
        self.changed.emit()
        self._moved()

    def set_current(self, when: Any) -> None:
        """Go to the step containing ``when`` (a year as int, or a date) and switch the filter on."""
        t = self._snap(_to_s(when))
        changed = t != self._current or not self.enabled
        self._current = t
        self.enabled = True
        if changed:
            self._moved()

    def set_index(self, index: int) -> None:
        """Go to step ``index`` (clamped) and switch the filter on."""
        steps = self.steps()
        if steps.size:
            self.set_current(steps[int(np.clip(index, 0, steps.size - 1))])

    def set_year(self, year: int | None) -> None:
        """Compatibility with the year slider: "as of the end of ``year``"; None turns it off.

        A year outside the data's range is honoured exactly (nothing is shown before the first
        date); the step unit becomes years.
        """
        if year is None:
            self.set_enabled(False)
            return
        if self.step_unit != STEP_YEAR:
            self.step_unit, self.step_size = STEP_YEAR, 1
            self._steps = None
            self.changed.emit()
        t = year_start(int(year))
        changed = t != self._current or not self.enabled
        self._current, self.enabled = t, True
        if changed:
            self._moved()

    def step(self, delta: int = 1) -> bool:
        """Move ``delta`` steps (negative: back), stopping at the ends.

        Returns
        -------
        bool
            Whether the position changed.
        """
        steps = self.steps()
        if not steps.size:
            return False
        before = (self._current, self.enabled)
        self.set_current(steps[int(np.clip(self.index + delta, 0, steps.size - 1))])
        return (self._current, self.enabled) != before

    def go_first(self) -> None:
        """Go to the first step."""
        self.set_index(0)

    def go_last(self) -> None:
        """Go to the last step."""
        self.set_index(self.step_count - 1)

    # -- playback -------------------------------------------------------------------------------
    def set_loop(self, loop: bool) -> None:
        """Whether playback starts again at the first step after the last."""
        self.loop = bool(loop)
        self.changed.emit()

    def set_speed(self, steps_per_second: float) -> None:
        """Playback speed in steps per second (0.1–30).

        Raises
        ------
        ValueError
            Outside 0.1–30.
        """
        if not 0.1 <= float(steps_per_second) <= 30:
            raise ValueError(f"speed {steps_per_second}: expected 0.1 to 30 steps per second")
        self.speed = float(steps_per_second)
        self.changed.emit()

    @property
    def interval_ms(self) -> int:
        """Milliseconds between playback steps."""
        return max(1, round(1000 / self.speed))

    def play(self) -> None:
        """Start playback (from the first step if at the last); switches the filter on."""
        if self.playing or not self.step_count:
            return
        if not self.enabled or self.index >= self.step_count - 1:
            self.set_index(0 if self.index >= self.step_count - 1 else self.index)
        self.playing = True
        self.playing_changed.emit(True)

    def pause(self) -> None:
        """Stop playback where it is."""
        if self.playing:
            self.playing = False
            self.playing_changed.emit(False)

    def toggle_play(self) -> None:
        """Play if paused, pause if playing."""
        self.pause() if self.playing else self.play()

    def advance(self) -> bool:
        """One playback tick: next step; at the last step loop or pause.

        Returns
        -------
        bool
            Whether playback continues.
        """
        if self.index >= self.step_count - 1:
            if not self.loop:
                self.pause()
                return False
            self.set_index(0)
        else:
            self.step(+1)
        return self.playing

    # -- histogram ------------------------------------------------------------------------------
    def histogram(self, layers: Sequence[Layer]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Features starting in each step, per temporal layer (kepler.gl's timeline histogram).

        Parameters
        ----------
        layers : sequence of Layer

        Returns
        -------
        edges : ndarray of datetime64[s], shape (k + 1,)
            Step boundaries (the last one closes the last step).
        counts : dict of str to ndarray of int, shape (k,)
            Layer id -> number of features whose start falls in each step (dates outside the
            range are not counted; features the layer's attribute filter hides are not counted).
        """
        steps = self.steps()
        if not steps.size:
            return np.array([], dtype="datetime64[s]"), {}
        if self.step_unit == STEP_SOURCE:
            last = steps[-1] + _ONE_SECOND
        else:
            last = _add_units(steps[-1], self.step_unit, self.step_size)
        edges = np.append(steps, last)
        counts = {}
        for lyr in layers:
            start = lyr.start_dates
            if start is None:
                continue
            start = start[lyr.filter_mask()]
            s = start[~np.isnat(start)]
            s = s[(s >= edges[0]) & (s < edges[-1])]
            idx = np.searchsorted(edges, s, side="right") - 1
            counts[lyr.id] = np.bincount(idx, minlength=steps.size)[: steps.size]
        return edges, counts

    # -- project file ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-serializable state (project files)."""
        rng = self._range
        cur = self._current
        return {
            "enabled": self.enabled,
            "mode": self.mode,
            "step_unit": self.step_unit,
            "step_size": self.step_size,
            "window_length": self.window_length,
            "end_inclusive": self.end_inclusive,
            "loop": self.loop,
            "speed": self.speed,
            "current": None if cur is None else str(cur),
            "range": None if rng is None else [str(rng[0]), str(rng[1])],
        }

    def update_from_dict(self, data: dict[str, Any]) -> None:
        """Restore :meth:`to_dict` output (unknown keys ignored)."""
        self.mode = data.get("mode", self.mode) if data.get("mode") in MODES else self.mode
        unit = data.get("step_unit", self.step_unit)
        self.step_unit = unit if unit in STEP_UNITS else self.step_unit
        self.step_size = max(1, int(data.get("step_size", self.step_size)))
        self.window_length = data.get("window_length")
        self.end_inclusive = bool(data.get("end_inclusive", self.end_inclusive))
        self.loop = bool(data.get("loop", self.loop))
        self.speed = float(data.get("speed", self.speed))
        rng = data.get("range")
        self._range = None if not rng else (np.datetime64(rng[0], "s"), np.datetime64(rng[1], "s"))
        cur = data.get("current")
        self._current = None if cur is None else np.datetime64(cur, "s")
        self.enabled = bool(data.get("enabled", False))
        self._steps = None
        self.changed.emit()
        self._moved()


__all__ = [
    "MODE_AS_OF",
    "MODE_WINDOW",
    "STEP_MONTH",
    "STEP_SOURCE",
    "STEP_UNITS",
    "STEP_YEAR",
    "TimeController",
    "format_date",
    "parse_step",
]
