"""Translate domain errors into messages on the page; never show a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from assessments.errors import ReadinessError


@contextmanager
def shown_as_error() -> Iterator[None]:
    """Run a block; a ReadinessError becomes an `st.error` with its message."""
    try:
        yield
    except ReadinessError as error:
        st.error(str(error), icon=":material/error:")
