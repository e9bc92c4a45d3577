"""CSV for spreadsheets: no cell may start a formula (CSV injection, OWASP)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula."""


def formula_safe(cell: object) -> object:
    """A text cell that starts like a formula gets a leading `'`; anything else is unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with every text cell (headers included) made formula-safe and quoted as needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow([formula_safe(h) for h in headers])
    for row in rows:
        writer.writerow([formula_safe(cell) for cell in row])
    return buffer.getvalue()
