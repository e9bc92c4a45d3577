"""The self-assessment's tabs, one per pillar and one for the approval chains.

Only the open tab's content runs and reaches the browser: thirty questions with every scale
level spelled out were most of the page's load time, and a tab shows ten. The open tab is
mirrored in the URL (`?pillar=production_access`), so a reload or a shared link opens it.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

TAB_KEY = "assessment_tab"
"""Session key of the tabs: the open tab's label."""
PARAM = "pillar"
"""URL parameter of the open tab: a pillar id, or CHAINS. Absent for the first tab."""
CHAINS = "chains"
CHAINS_LABEL = "Approval chains in place"


def pillar_tabs(labels: Mapping[str, str]) -> tuple[str, DeltaGenerator]:
    """Draw the tabs (`labels`: tab id → label, in order); return the open tab's id and
    container. The other tabs stay empty until chosen (choosing one reruns the page).

    Tab labels stay fixed: a label that changed on every answer would reset the open tab.
    (Mirrored by hand, not `bind="query-params"`: `st.switch_page`, which submitting uses,
    refuses to run while a parameter is bound.)
    """
    ids = {label: tab_id for tab_id, label in labels.items()}
    if st.session_state.get(TAB_KEY) not in ids:
        # A new session (a reload, a link, another page before) starts from the URL.
        asked = st.query_params.get(PARAM)
        st.session_state[TAB_KEY] = labels.get(asked or "", next(iter(labels.values())))
    tabs = st.tabs(list(labels.values()), key=TAB_KEY, on_change="rerun")
    opened = ids[str(st.session_state[TAB_KEY])]
    if opened == next(iter(labels)):
        if PARAM in st.query_params:
            del st.query_params[PARAM]
    else:
        st.query_params[PARAM] = opened
    return opened, tabs[list(labels).index(opened)]
