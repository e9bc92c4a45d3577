"""Tabs whose hidden content is neither run nor sent: only the open tab's content is drawn.

A long page split into lazy tabs draws one part at a time, which is what keeps the review, the
team report, the org heatmap and the self-assessment quick at 2,000 teams. The open tab is
mirrored in the URL (`?section=Movers`, `?tab=Units`, `?pillar=production_access`), so a link
opens the page on that tab and a reload keeps it; the first tab needs no parameter.

Mirrored by hand, not with `bind="query-params"`: `st.switch_page` (submitting, opening a
team from a chart) refuses to run while a parameter is bound to a widget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st
from streamlit.elements.lib.mutable_tab_container import TabContainer

SECTION_PARAM = "section"
"""The review's and the team report's parameter: the open tab's label."""


def lazy_tabs(
    labels: Sequence[str] | Mapping[str, str], *, key: str, param: str = SECTION_PARAM
) -> Sequence[TabContainer]:
    """Tabs of which only the open one is `.open`: draw a tab's content only when it is.

    Args:
        labels: the tabs' labels, or tab id → label when the URL should name a tab by id.
            Labels stay fixed: one that changed (a count in it) would reset the open tab.
        key: the session key holding the open tab's label (set it to open a tab).
        param: the URL parameter naming the open tab.
    """
    ids = dict(labels) if isinstance(labels, Mapping) else {label: label for label in labels}
    by_label = {label: tab_id for tab_id, label in ids.items()}
    first = next(iter(ids.values()))
    if st.session_state.get(key) not in by_label:
        # A new session (a link, a reload, another page before) starts from the URL.
        st.session_state[key] = ids.get(str(st.query_params.get(param, "")), first)
    tabs = st.tabs(list(ids.values()), key=key, on_change="rerun")
    chosen = str(st.session_state[key])
    if chosen == first:
        if param in st.query_params:
            del st.query_params[param]
    else:
        st.query_params[param] = by_label[chosen]
    return tabs


def open_tab_id(labels: Mapping[str, str], tabs: Sequence[TabContainer]) -> str:
    """The id of the open tab among `tabs` (drawn by `lazy_tabs(labels, ...)`)."""
    return next(tab_id for tab_id, tab in zip(labels, tabs, strict=True) if tab.open)
