"""Translate domain errors into messages on the page; never show a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from assessments.errors import ReadinessError, StorageError
from ui.text import inert


@contextmanager
def shown_as_error() -> Iterator[None]:
    """Run a block; a ReadinessError becomes an `st.error` with its message, made inert (it
    may carry what someone typed: an email, a name)."""
    try:
        yield
    except ReadinessError as error:
        st.error(inert(str(error)), icon=":material/error:")


@contextmanager
def storage_failures_shown() -> Iterator[None]:
    """Run the page; a database that refuses or loses a statement ends it with the plain
    message (what happened, that nothing changed, what to do), not a crash box."""
    try:
        yield
    except StorageError as error:
        st.error(inert(str(error)), icon=":material/cloud_off:")
