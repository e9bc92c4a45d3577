"""Per-session bookkeeping for an open draft: the version this session last saw.

The version is what makes a concurrent save detectable: every write sends the version
this session loaded, and the service refuses it if someone else wrote in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from assessments.service.readiness import DraftView


@dataclass
class DraftSession:
    """What this browser session knows about one draft.

    Attributes:
        version: the draft version this session last loaded or wrote.
        generation: bumped when the form must be rebuilt from the database
            (after a reload, a prefill or a re-applied edit).
        conflict: the message of the last refused save, if any.
        errors: per-question messages of refused answers (e.g. a bad link).
        answered: ids of the questions with a stored answer; set on each full run, kept
            current by the saves in between (a save reruns only its own question).
    """

    version: int
    generation: int = 0
    conflict: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)

    def key(self, assessment_id: int, *parts: str) -> str:
        """A widget key that changes when the form is rebuilt."""
        return "_".join((f"a{assessment_id}", f"g{self.generation}", *parts))

    def reload(self, draft: DraftView) -> None:
        """Adopt the stored draft: newest version, a fresh form, no stale messages."""
        self.version = draft.version
        self.generation += 1
        self.conflict = None
        self.errors.clear()


def draft_session(draft: DraftView) -> DraftSession:
    """The session's record for this draft, created on first sight."""
    key = f"_draft.{draft.id}"
    state = st.session_state.get(key)
    if not isinstance(state, DraftSession):
        state = DraftSession(version=draft.version)
        st.session_state[key] = state
    return state
