"""Split a long org table into pages, so a chart of thousands of teams stays readable."""

from __future__ import annotations

import math

import pandas as pd

DEFAULT_PAGE_SIZE = 50


def page_count(rows: int, size: int = DEFAULT_PAGE_SIZE) -> int:
    """How many pages `rows` rows fill (at least one, so an empty table has a page)."""
    if size < 1:
        raise ValueError(f"page size must be 1 or more; got {size}")
    return max(1, math.ceil(rows / size))


def paginate(table: pd.DataFrame, page: int, size: int = DEFAULT_PAGE_SIZE) -> pd.DataFrame:
    """Rows of page `page` (1-based; clamped to the pages there are), in table order."""
    last = page_count(len(table), size)
    page = min(max(page, 1), last)
    return table.iloc[(page - 1) * size : page * size]


def page_caption(rows: int, page: int, size: int = DEFAULT_PAGE_SIZE, what: str = "Teams") -> str:
    """ "Teams 51–100 of 2,000" for the rows a page shows (`what` names the rows)."""
    if rows == 0:
        return f"No {what.lower()}"
    page = min(max(page, 1), page_count(rows, size))
    first, last = (page - 1) * size + 1, min(page * size, rows)
    return f"{what} {first:,}–{last:,} of {rows:,}"
