"""Attribute values as the text a reader expects (issue 11). No Qt.

One rule for the Attributes panel, the attribute table, its copies, the linked-feature lists and
the sort of mixed columns: a missing value (None, NaN, NA, NaT) is ""; a float that is a whole
number below 10^16 prints without ".0" (a year reads 2013, not 2013.0); any other float prints with
every significant digit (``repr``: 98765.4321, never 98765.4); an array prints as a list.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def cell_text(value) -> str:
    """``value`` as display text (see the module docstring); never raises."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if np.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 1e16 else repr(v)
    if isinstance(value, (np.datetime64, np.timedelta64)) and np.isnat(value):
        return ""
    if isinstance(value, np.ndarray):
        return str(value.tolist())
    return str(value)
