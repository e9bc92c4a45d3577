"""Per-session bookkeeping for an open draft: the version this session last saw.

The version is what makes a concurrent save detectable: every write sends the version
this session loaded, and the service refuses it if someone else wrote in between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import streamlit as st

from assessments.content.answers import AnswerEntry
from assessments.errors import ConflictError, StorageError
from assessments.service.readiness import DraftView

TAB_KEY = "assessment_tab"
"""Session key of the self-assessment's tabs: the open tab's label."""
TAB_PARAM = "pillar"
"""URL parameter of the open tab: a pillar id, or `CHAINS` (absent for the first tab)."""
CHAINS = "chains"
CHAINS_LABEL = "Approval chains in place"
"""The last tab: the checklist of approval chains in place today."""

SaveAnswer = Callable[[str, AnswerEntry | None, int], int]
"""save(question_id, entry, expected_version) -> new version; raises ReadinessError."""
SetChain = Callable[[str, bool, int], int]
"""set(chain_id, removed, expected_version) -> new version; raises ReadinessError."""


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
        carried: answers a prefill carried and nobody confirmed yet, question id → source
            period; set on each full run, and a save of one of them drops it (it confirms it).
        unsaved_answers: answers the database could not store (StorageError), by question;
            kept here and saved again on the next run, never dropped.
        unsaved_chains: chain states the database could not store, by chain.
        storage_problem: the database's message for the changes still unsaved.
    """

    version: int
    generation: int = 0
    conflict: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)
    carried: dict[str, str] = field(default_factory=dict)
    unsaved_answers: dict[str, AnswerEntry | None] = field(default_factory=dict)
    unsaved_chains: dict[str, bool] = field(default_factory=dict)
    storage_problem: str | None = None

    @property
    def unsaved(self) -> int:
        """How many changes wait to be saved again."""
        return len(self.unsaved_answers) + len(self.unsaved_chains)

    def keep_unsaved(
        self,
        error: StorageError,
        *,
        answer: tuple[str, AnswerEntry | None] | None = None,
        chain: tuple[str, bool] | None = None,
    ) -> None:
        """Keep a change the database refused, to save it again."""
        if answer is not None:
            self.unsaved_answers[answer[0]] = answer[1]
        if chain is not None:
            self.unsaved_chains[chain[0]] = chain[1]
        self.storage_problem = str(error)

    def save_unsaved(self, save_answer: SaveAnswer, set_chain: SetChain) -> None:
        """Try again to save what the database refused; what still fails stays kept."""
        try:
            for question_id, entry in list(self.unsaved_answers.items()):
                self._save_again(partial(save_answer, question_id, entry))
                del self.unsaved_answers[question_id]
            for chain_id, removed in list(self.unsaved_chains.items()):
                self._save_again(partial(set_chain, chain_id, removed))
                del self.unsaved_chains[chain_id]
        except StorageError as error:
            self.storage_problem = str(error)
            return
        self.storage_problem = None

    def saved(self, version: int) -> None:
        """Adopt the version a write of this session returned. If teammates wrote other
        answers in between (the service merged them), rebuild the form so it shows theirs."""
        if version != self.version + 1:
            self.generation += 1
        self.version = version

    def _save_again(self, write: Callable[[int], int]) -> None:
        try:
            self.saved(write(self.version))
        except ConflictError as conflict:
            # Someone saved in between: the service kept this change aside, and the page
            # offers it back with the conflict notice.
            self.conflict = str(conflict)

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
