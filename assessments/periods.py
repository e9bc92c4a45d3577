"""Quarterly periods such as "2026-Q4": parsing, stepping back, and runs of quarters."""

from __future__ import annotations

import re
from datetime import date, timedelta

QUARTERS_PER_YEAR = 4
PERIOD_PATTERN = r"^[0-9]{4}-Q[1-4]$"
"""A period as written in files and URLs: "2026-Q4"."""


def parse_period(period: str) -> tuple[int, int]:
    """The (year, quarter) of a period written as "YYYY-Qn"."""
    if not re.match(PERIOD_PATTERN, period):
        raise ValueError(f"period {period!r} is not a quarter (hint: write it as e.g. 2026-Q4)")
    year, quarter = period.split("-Q")
    return int(year), int(quarter)


def format_period(year: int, quarter: int) -> str:
    """The "YYYY-Qn" text of a year and quarter."""
    return f"{year:04d}-Q{quarter}"


def previous_period(period: str) -> str:
    """The quarter before `period`: "2026-Q1" → "2025-Q4"."""
    year, quarter = parse_period(period)
    if quarter == 1:
        return format_period(year - 1, QUARTERS_PER_YEAR)
    return format_period(year, quarter - 1)


def period_sequence(last_period: str, count: int) -> list[str]:
    """The `count` quarters ending with `last_period`, oldest first."""
    if count < 0:
        raise ValueError(f"count must be 0 or more; got {count}")
    year, quarter = parse_period(last_period)
    # Quarters numbered from year 0, so stepping back across years is one subtraction.
    last = year * QUARTERS_PER_YEAR + quarter - 1
    return [
        format_period(index // QUARTERS_PER_YEAR, index % QUARTERS_PER_YEAR + 1)
        for index in range(last - count + 1, last + 1)
    ]


def period_bounds(period: str) -> tuple[date, date]:
    """The first and last day of a quarter: "2026-Q4" → (2026-10-01, 2026-12-31)."""
    year, quarter = parse_period(period)
    first = date(year, 3 * quarter - 2, 1)
    after = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, after - timedelta(days=1)
