"""Tables shown whole: no inner scroll that hides rows, no cell cut short."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from ui.text import inert

ROW_PX = 35
"""Height of one st.dataframe row at the default row height."""
HEADER_PX = 38


def full_height(rows: int) -> int:
    """The st.dataframe height that shows every one of `rows` rows without an inner scroll."""
    return HEADER_PX + ROW_PX * max(rows, 1) + 2


def render_text_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A static table whose cells wrap, so long text (gaps, reasons) is never cut short.

    st.table renders Markdown in cells: every cell goes through `inert` first.
    """
    frame = pd.DataFrame(
        [[inert(str(cell)) for cell in row] for row in rows], columns=list(headers)
    )
    st.table(frame, hide_index=True)
