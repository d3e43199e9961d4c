"""The time controller model (issue 5): filters, modes, steps, playback, lifecycle. No Qt."""

import geopandas as gpd
import numpy as np
import pytest
import shapely

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.layer import Layer
from asean_atlas.layers.temporal import (
    STAGE_CONSTRUCTION,
    STAGE_HIDDEN,
    STAGE_IN_SERVICE,
    STAGE_PLANNED,
    STAGE_RETIRED,
    LifecycleSpec,
    TemporalSpec,
    TimeFilter,
    parse_dates,
    status_stages,
)
from asean_atlas.layers.time_controller import TimeController, parse_step


def _layer(starts, ends=None, status=None, title="L", undated="show"):
    n = len(starts)
    data = {"name": [f"f{i}" for i in range(n)], "start": starts}
    if ends is not None:
        data["end"] = ends
    if status is not None:
        data["status"] = status
    frame = gpd.GeoDataFrame(data, geometry=[shapely.Point(100 + i, 10) for i in range(n)], crs=4326)
    spec = TemporalSpec("start", "end" if ends is not None else None, undated)
    return Layer(frame, title, temporal=spec)


def _doc(*layers):
    doc = MapDocument()
    for lyr in layers:
        doc.add_layer(lyr)
    return doc


# -- TimeFilter semantics ---------------------------------------------------------------------
def test_start_inclusive_end_exclusive_by_default():
    start, end = parse_dates([2017, 2010]), parse_dates([None, 2020])
    f = TimeFilter.as_of_year
    assert f(2016).mask(start, end).tolist() == [False, True]
    assert f(2017).mask(start, end).tolist() == [True, True]
    assert f(2019).mask(start, end).tolist() == [True, True]
    assert f(2020).mask(start, end).tolist() == [True, False]  # retired in 2020: gone as of 2020


def test_inclusive_end_keeps_the_end_year():
    start, end = parse_dates([2010]), parse_dates([2020])
    assert TimeFilter.as_of_year(2020, end_inclusive=True).mask(start, end).tolist() == [True]
    assert TimeFilter.as_of_year(2021, end_inclusive=True).mask(start, end).tolist() == [False]


def test_window_mode_overlap_and_events():
    start = parse_dates(["2012-06-01", "2005", "2016-01-01", "2011"])
    end = parse_dates([None, "2013-01-01", None, "2015-06-01"])
    win = TimeFilter("window", np.datetime64("2014-01-01", "s"), np.datetime64("2016-01-01", "s"))
    # overlap of [start, end) with [2014, 2016): 2016-01-01 starts at the window's exclusive end
    assert win.mask(start, end).tolist() == [True, False, False, True]
    # a single date field holds events: shown only when the date falls in the window
    ev = parse_dates(["2013-12-31", "2014-01-01", "2015-12-31", "2016-01-01"])
    assert win.mask(ev, None, events=True).tolist() == [False, True, True, False]
    # "as of" accumulates the same events
    asof = TimeFilter("as_of", np.datetime64("2015-01-01", "s"), np.datetime64("2016-01-01", "s"))
    assert asof.mask(ev, None, events=True).tolist() == [True, True, True, False]


def test_undated_policy_and_count():
    lyr = _layer([None, "2001", "", "2010年3月"])
    assert lyr.undated_count() == 2
    assert lyr.time_mask(2005).tolist() == [True, True, True, False]
    lyr.set_undated("hide")
    assert lyr.time_mask(2005).tolist() == [False, True, False, False]
    assert lyr.time_mask(2010).tolist() == [False, True, False, True]
    with pytest.raises(ValueError):
        lyr.set_undated("maybe")


def test_mixed_formats_in_one_column_filter_correctly():
    # a year, a year-month, an ISO date, a Chinese date, epoch milliseconds, an ISO datetime
    lyr = _layer(["2015", "2016-07", "2017-03-04", "2018年5月", 1_546_300_800_000, "2020-02-02T10:00:00Z"])
    counts = [int(lyr.time_mask(y).sum()) for y in range(2014, 2021)]
    assert counts == [0, 1, 2, 3, 4, 5, 6]


def test_filter_rejects_bad_mode_and_empty_period():
    t = np.datetime64("2020-01-01", "s")
    with pytest.raises(ValueError):
        TimeFilter("sometime", t, t + 1)
    with pytest.raises(ValueError):
        TimeFilter("as_of", t, t)


# -- controller -------------------------------------------------------------------------------
def test_range_from_data_and_year_steps():
    doc = _doc(_layer([2001, 2017, None], [None, None, "2024-05-01"]))
    ctl = doc.time
    assert ctl.steps()[0] == np.datetime64("2001-01-01", "s")
    assert ctl.step_count == 24  # 2001..2024
    assert ctl.enabled is False and doc.time_filter is None and doc.year is None
    ctl.set_index(5)
    assert doc.year == 2006 and ctl.label() == "2006"


def test_set_year_compat_emits_and_masks():
    lyr = _layer([2017, 2001])
    doc = _doc(lyr)
    seen = []
    doc.year_changed.connect(seen.append)
    doc.set_year(2005)
    assert doc.year == 2005 and seen == [2005]
    assert lyr.time_mask(doc.time_filter).tolist() == [False, True]
    doc.set_year(1990)  # before the data: honoured exactly
    assert doc.year == 1990 and not lyr.time_mask(doc.time_filter).any()
    doc.set_year(None)
    assert doc.year is None and seen[-1] is None


def test_month_steps_and_window_labels():
    doc = _doc(_layer(["2020-01-15", "2020-06-02"]))
    ctl = doc.time
    ctl.set_step("month")
    assert ctl.step_count == 6
    ctl.set_index(5)
    assert ctl.label() == "2020-06"
    ctl.set_mode("window")
    ctl.set_step("year")
    ctl.set_range(2010, 2019)
    ctl.set_step("year", 5)
    assert [str(t)[:4] for t in ctl.steps()] == ["2010", "2015"]
    ctl.set_index(0)
    assert ctl.label() == "2010–2014"
    tf = ctl.time_filter
    assert (str(tf.t0), str(tf.t1)) == ("2010-01-01T00:00:00", "2015-01-01T00:00:00")


def test_source_date_stepping_jumps_between_data_dates():
    lyr = _layer(["2003-04-05", "2010", "2003-04-05", "2018-11-30"], [None, "2015-02-01", None, None])
    doc = _doc(lyr)
    ctl = doc.time
    ctl.set_step("source")
    assert [str(t)[:10] for t in ctl.steps()] == ["2003-04-05", "2010-01-01", "2015-02-01", "2018-11-30"]
    ctl.go_first()
    assert ctl.label() == "2003-04-05"
    assert lyr.time_mask(doc.time_filter).tolist() == [True, False, True, False]
    ctl.step(+1)
    assert lyr.time_mask(doc.time_filter).tolist() == [True, True, True, False]
    ctl.step(+1)  # at 2015-02-01 the feature ending then is gone (end exclusive)
    assert lyr.time_mask(doc.time_filter).tolist() == [True, False, True, False]
    ctl.step(+1)
    assert ctl.label() == "2018-11-30" and lyr.time_mask(doc.time_filter).sum() == 3
    assert ctl.step(+1) is False  # stops at the end


def test_playback_loop_and_stop():
    doc = _doc(_layer([2000, 2002]))
    ctl = doc.time
    ctl.play()
    assert ctl.playing and doc.year == 2000
    assert ctl.advance() and doc.year == 2001
    ctl.advance()
    assert doc.year == 2002
    ctl.advance()  # loops
    assert doc.year == 2000 and ctl.playing
    ctl.set_loop(False)
    ctl.set_index(2)
    assert ctl.advance() is False and not ctl.playing and doc.year == 2002
    with pytest.raises(ValueError):
        ctl.set_speed(0)
    ctl.set_speed(4)
    assert ctl.interval_ms == 250


def test_position_kept_when_layers_change():
    doc = _doc(_layer([2005, 2010]))
    doc.set_year(2007)
    doc.add_layer(_layer([1990, 2020], title="B"))
    assert doc.year == 2007
    assert doc.time.steps()[0] == np.datetime64("1990-01-01", "s")


def test_histogram_counts_starts_per_step_per_layer():
    a = _layer([2001, 2001, 2003, None])
    b = _layer([2002, 2003, 2003], title="B")
    doc = _doc(a, b)
    edges, counts = doc.time.histogram(doc.layers)
    assert edges.size == 4
    assert counts[a.id].tolist() == [2, 0, 1]
    assert counts[b.id].tolist() == [0, 1, 2]


def test_state_round_trip():
    ctl = TimeController()
    ctl.set_mode("window")
    ctl.set_end_inclusive(True)
    ctl.set_range(2000, 2010)
    ctl.set_current(2004)
    other = TimeController()
    other.update_from_dict(ctl.to_dict())
    assert other.to_dict() == ctl.to_dict()
    assert other.time_filter == ctl.time_filter


@pytest.mark.parametrize("text,expected", [("1y", ("year", 1)), ("5y", ("year", 5)), ("6m", ("month", 6)),
                                           ("source", ("source", 1))])
def test_parse_step(text, expected):
    assert parse_step(text) == expected


def test_parse_step_rejects_garbage():
    with pytest.raises(ValueError):
        parse_step("fortnight")


# -- lifecycle --------------------------------------------------------------------------------
def test_status_words_to_stages():
    got = status_stages(["Planned", "under construction", "in service", "Retired", None, "whatever"])
    assert got.tolist() == [STAGE_PLANNED, STAGE_CONSTRUCTION, STAGE_IN_SERVICE, STAGE_RETIRED,
                            STAGE_IN_SERVICE, STAGE_IN_SERVICE]


def test_lifecycle_stages_move_with_time():
    lyr = _layer(["2015", "2010", "2012", None], [None, "2018", None, None],
                 status=["planned", "in service", "under construction", "planned"])
    assert lyr.lifecycle == LifecycleSpec("status")
    assert lyr.lifecycle_stages(2014).tolist() == [STAGE_HIDDEN, STAGE_IN_SERVICE, STAGE_CONSTRUCTION, STAGE_PLANNED]
    assert lyr.lifecycle_stages(2018).tolist() == [STAGE_PLANNED, STAGE_RETIRED, STAGE_CONSTRUCTION, STAGE_PLANNED]
    # retired features are drawn, not picked by the time mask
    assert lyr.drawn_mask(2018).tolist() == [True, True, True, True]
    assert lyr.time_mask(2018).tolist() == [True, False, True, True]
    lyr.set_lifecycle(LifecycleSpec("status", show_retired=False))
    assert lyr.lifecycle_stages(2018).tolist()[1] == STAGE_HIDDEN


def test_service_date_turns_planned_into_in_service():
    frame = gpd.GeoDataFrame(
        {"start": ["2010", "2010"], "rfs": [2016, None], "status": ["planned", "planned"]},
        geometry=[shapely.Point(0, 0), shapely.Point(1, 1)], crs=4326,
    )
    lyr = Layer(frame, "x", temporal=TemporalSpec("start"), lifecycle=LifecycleSpec("status", "rfs"))
    assert lyr.lifecycle_stages(2015).tolist() == [STAGE_PLANNED, STAGE_PLANNED]
    assert lyr.lifecycle_stages(2016).tolist() == [STAGE_IN_SERVICE, STAGE_PLANNED]


def test_no_lifecycle_without_status_words():
    lyr = _layer([2001], status=["blue"])
    assert lyr.lifecycle is None and lyr.lifecycle_stages(2005) is None


def test_builtin_cables_use_lifecycle():
    from asean_atlas.layers.builtin import builtin_layers

    cables = next(lyr for lyr in builtin_layers() if lyr.source == "builtin:cables")
    assert cables.lifecycle is not None and cables.lifecycle.status_field == "status"
    stages = cables.lifecycle_stages(2020)
    planned = (cables.frame["status"] == "planned").to_numpy()
    assert planned.any()
    assert set(stages[planned].tolist()) <= {STAGE_PLANNED, STAGE_HIDDEN}
    assert (stages[~planned & (stages >= 0)] == STAGE_IN_SERVICE).all()
