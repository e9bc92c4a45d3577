"""Tabs whose hidden content is neither run nor sent: only the open tab's content is drawn.

A long page split into lazy tabs draws one part at a time, which is what keeps the review and
the team report quick at 2,000 teams. The open tab is mirrored in the URL (`?section=...`), so
a link opens the page on that tab and a reload keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.elements.lib.mutable_tab_container import TabContainer

SECTION_PARAM = "section"
"""The URL's query parameter that names the open tab (by its label)."""


def lazy_tabs(labels: Sequence[str], key: str) -> Sequence[TabContainer]:
    """Tabs of which only the open one is `.open`: draw a tab's content only when it is.

    The first tab opens by default; a new session (a link, a reload) opens the one the URL
    names. Not `bind="query-params"`: st.switch_page refuses to run while a parameter is bound.
    """
    if st.session_state.get(key) not in labels:
        asked = st.query_params.get(SECTION_PARAM)
        st.session_state[key] = asked if asked in labels else labels[0]
    tabs = st.tabs(list(labels), key=key, on_change="rerun")
    chosen = st.session_state[key]
    if chosen == labels[0]:
        # The default tab keeps the link clean: no parameter at all.
        if SECTION_PARAM in st.query_params:
            del st.query_params[SECTION_PARAM]
    else:
        st.query_params[SECTION_PARAM] = chosen
    return tabs
