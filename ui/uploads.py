"""Uploads on the admin page: a size limit checked in code, and problems listed row by row.

The widget refuses large files in the browser (`max_upload_size`), and `.streamlit/config.toml`
caps every upload at 5 MB; the check here still runs, so a limit holds even when a client
skips the widget's own check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from assessments.errors import Problem
from ui.text import inert

TEXT_LIMIT_MB = 1
"""Org structure, roles, questionnaire and catalogue files: far below this in practice."""
EXPORT_LIMIT_MB = 5
"""A full data export (JSON): about 20 KB per team and quarter; the server's cap."""
_MB = 1024 * 1024


@dataclass(frozen=True)
class Upload:
    """An uploaded file's name and bytes."""

    name: str
    data: bytes


def size_refusal(name: str, size: int, limit_mb: int) -> str | None:
    """Why a file of `size` bytes is refused, or None if it is within `limit_mb`."""
    if size <= limit_mb * _MB:
        return None
    return (
        f"{name} is {size / _MB:.1f} MB; files here may be at most {limit_mb} MB. Nothing was read."
    )


def read_upload(
    label: str, types: Sequence[str], *, key: str, limit_mb: int, help: str | None = None
) -> Upload | None:
    """A file uploader; the file's bytes once one is given and within the limit."""
    file = st.file_uploader(label, type=list(types), key=key, help=help, max_upload_size=limit_mb)
    if file is None:
        return None
    refusal = size_refusal(file.name, file.size, limit_mb)
    if refusal is not None:
        st.error(inert(refusal), icon=":material/block:")
        return None
    return Upload(file.name, file.getvalue())


def problem_rows(problems: Sequence[Problem]) -> pd.DataFrame:
    """One row per problem: line, field, problem, how to fix it."""
    return pd.DataFrame(
        [
            {
                "Line": "" if p.line is None else str(p.line),
                "Field": p.field,
                "Problem": p.message,
                "How to fix it": p.hint,
            }
            for p in problems
        ],
        columns=["Line", "Field", "Problem", "How to fix it"],
    )


def render_problems(file: str, problems: Sequence[Problem], *, verdict: str, key: str) -> None:
    """`verdict` ("rejected whole: nothing was written") and a table of every problem."""
    count = len(problems)
    st.error(
        f"{inert(file)} {verdict}: {count} problem{'s' if count != 1 else ''}, each with its"
        " line below.",
        icon=":material/rule:",
    )
    st.dataframe(problem_rows(problems), hide_index=True, key=key)
