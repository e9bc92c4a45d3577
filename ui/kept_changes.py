"""Changes kept aside after a race, listed for their author with a way to write them again."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from assessments.service.readiness import ConflictingEditView


def render_kept_changes(kept: Sequence[ConflictingEditView], *, reapply: bool) -> int | None:
    """One line per kept change; with `reapply`, a button each. The id of the change whose
    "Re-apply" button was pressed in this run, if any."""
    pressed = None
    for edit in kept:
        line = st.container(horizontal=True, vertical_alignment="center", key=f"kept_{edit.id}")
        line.text(f"{edit.subject}: {edit.summary}  (kept at {edit.created_at:%H:%M UTC})")
        if reapply and line.button(
            "Re-apply my change", key=f"reapply_{edit.id}", icon=":material/redo:"
        ):
            pressed = edit.id
    return pressed
