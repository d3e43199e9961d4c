import numpy as np
import pandas as pd
import pytest

from asean_atlas.layers.temporal import (
    TemporalSpec,
    as_of_year_mask,
    data_year_range,
    detect_temporal,
    parse_dates,
)


def _years(arr):
    return [None if np.isnat(v) else str(v)[:10] for v in arr]


def test_parse_mixed_forms_in_one_column():
    col = pd.Series(["2017", "2017-05", "2017-05-03", "2023年5月", "", None, "garbage", "1965", "2020-01-01T23:00:00-02:00"])
    assert _years(parse_dates(col)) == [
        "2017-01-01", "2017-05-01", "2017-05-03", "2023-05-01", None, None, None, "1965-01-01", "2020-01-02",
    ]


def test_parse_numbers_years_and_epochs():
    assert _years(parse_dates(pd.Series([2017, np.nan, 1999.0]))) == ["2017-01-01", None, "1999-01-01"]
    # epoch seconds and milliseconds of 2023-11-14
    assert _years(parse_dates(pd.Series([1_700_000_000, 1_700_000_000_000]))) == ["2023-11-14"] * 2


def test_parse_datetime_column_keeps_values():
    col = pd.Series(pd.to_datetime(["2001-02-03", None]))
    assert _years(parse_dates(col)) == ["2001-02-03", None]


def test_boundaries_start_inclusive_end_exclusive():
    start = parse_dates([2017, 2010])
    end = parse_dates([None, 2020])
    assert as_of_year_mask(start, end, 2016).tolist() == [False, True]
    assert as_of_year_mask(start, end, 2017).tolist() == [True, True]
    assert as_of_year_mask(start, end, 2019).tolist() == [True, True]
    # retired in 2020: gone as of the end of 2020
    assert as_of_year_mask(start, end, 2020).tolist() == [True, False]


def test_undated_policy():
    start = parse_dates([None, 2000])
    assert as_of_year_mask(start, None, 2005, "show").tolist() == [True, True]
    assert as_of_year_mask(start, None, 2005, "hide").tolist() == [False, True]


def test_detect_prefers_known_names_and_needs_dates():
    frame = pd.DataFrame({"name": ["a"], "year": ["not a year"], "rfs_year": [2009]})
    spec = detect_temporal(frame)
    assert spec == TemporalSpec("rfs_year", None)
    assert detect_temporal(pd.DataFrame({"name": ["a"], "year": ["n/a"]})) is None
    both = detect_temporal(pd.DataFrame({"start_date": ["2001"], "end_date": ["2011"]}))
    assert (both.start_field, both.end_field) == ("start_date", "end_date")


def test_year_range():
    assert data_year_range(parse_dates([2001, None, 2017]), parse_dates([None, None, 2024])) == (2001, 2024)
    assert data_year_range(parse_dates([None])) is None


@pytest.mark.parametrize("bad", [None, {}, {"start_field": ""}])
def test_spec_from_empty_dict(bad):
    assert TemporalSpec.from_dict(bad) is None


def test_huge_numbers_are_not_dates():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning from the int64 cast
        out = parse_dates(pd.Series([1e300, -1e20, 2017.0]))
    assert _years(out) == [None, None, "2017-01-01"]


def test_yyyymmdd_integers_and_relative_words():
    """8-digit integers are YYYYMMDD dates, not epoch seconds of 1970-73; "now" and "today" in a
    file are not the moment of reading (issue 16: a third hostile pass)."""
    import pandas as pd

    from asean_atlas.layers.temporal import parse_dates

    got = parse_dates(pd.Series([20201231, 20150601, 2010, 20191332]))
    assert [str(v)[:10] for v in got] == ["2020-12-31", "2015-06-01", "2010-01-01", "NaT"]
    got = parse_dates(pd.Series(["2010", "now", "Today", "20201231"]))
    assert [str(v)[:10] for v in got] == ["2010-01-01", "NaT", "NaT", "2020-12-31"]
    assert str(parse_dates(pd.Series([1500000000]))[0])[:10] == "2017-07-14"  # epoch seconds still read


@pytest.mark.parametrize("values", [
    pd.Series([1990, 2000, 2017]),                       # whole years: counted without counting
    pd.Series([0, 1, 9999, 10_000 - 1, -5]),             # year 0 and negatives are no dates
    pd.Series([1990, None], dtype="Int64"),              # nullable integers
    pd.Series([1990.0, np.nan, 0.0]),
    pd.Series([20201231, 1990, 1_700_000_000]),
    pd.Series(["2017", "x", None, "0"]),
    pd.Series([True, False]),
    pd.Series([], dtype="int64"),
    pd.Series(pd.to_datetime(["2001-02-03", None])),
])
def test_parse_dates_counted_agrees_with_parse_dates(values):
    """The undated count the parse gives (issue 9: not recounted for a column of years) is the
    NaT count of the same dates parse_dates gives."""
    from asean_atlas.layers.temporal import parse_dates_counted

    dates, undated = parse_dates_counted(values)
    assert dates.dtype == np.dtype("datetime64[s]")
    np.testing.assert_array_equal(dates, parse_dates(values))
    assert undated == int(np.isnat(dates).sum())


def test_whole_years_outside_1_to_9999_are_undated():
    """The table of years (issue 9) maps years outside ISO 8601's 1-9999 to NaT itself, since the
    range check is skipped for it; a big column takes the same path as a small one."""
    years = np.tile(np.array([0, 1, 2024, 9999, -3], dtype=np.int64), 200_000)
    got = parse_dates(pd.Series(years))
    assert _years(got[:5]) == [None, "0001-01-01", "2024-01-01", "9999-01-01", None]
    assert int(np.isnat(got).sum()) == 400_000
    assert _years(parse_dates(pd.Series(np.arange(1, 10_000)))[[0, -1]]) == ["0001-01-01", "9999-01-01"]
