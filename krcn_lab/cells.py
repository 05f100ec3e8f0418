"""Table cells as plain values: the lowest layer of the package (it imports nothing from it).

Example
-------
>>> as_text(None), as_text("KOR")
('', 'KOR')
"""

from __future__ import annotations

import pandas as pd

__all__ = ["as_text"]


def as_text(value) -> str:
    """A cell or attribute as plain text: ``''`` for None, NaN, NaT and ``pd.NA``.

    Parameters
    ----------
    value : object
        A table cell or a graph attribute.

    Returns
    -------
    str

    Example
    -------
    >>> as_text(pd.NA), as_text(float("nan")), as_text("KOR"), as_text(3)
    ('', '', 'KOR', '3')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)
