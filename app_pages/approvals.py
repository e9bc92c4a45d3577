"""Approvals: requests to remove an approval chain, to approve or decline with a note."""

import streamlit as st

from ui import resources
from ui.page_access import require_approver
from ui.track_record_pages import render_decided, render_to_decide

service = resources.authorized_service()
content = resources.content()

st.title("Approvals")
require_approver(service)
st.caption(
    "Sign off a chain's removal only when its compensating controls run. You never decide a"
    " request you made or one for a team you edit; another approver does."
)
render_to_decide(service, content)
st.subheader("Decided")
render_decided(service, content)
