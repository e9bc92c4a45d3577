"""Answers carried from last quarter on the self-assessment page: the counts that leave them
out, the marker on each, and the button that confirms a pillar's at once.

A prefill copies last quarter's answers; they count as answered only once confirmed (or
changed), so "30 of 30 answered" never shows two clicks after "Start from 2026-Q3's answers".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import streamlit as st

from assessments.content.questionnaire import Pillar, Question
from assessments.wording import count
from ui.draft_state import DraftSession
from ui.text import inert

CARRIED_HINT = (
    ":material/history: Answers carried from last quarter count as answered once confirmed:"
    " read each pillar, change what no longer holds (a change confirms that answer), then"
    " confirm the rest with the button at the end of the pillar."
)


def progress_line(answered: Collection[str], carried: Mapping[str, str], total: int) -> str:
    """ "12 of 30 questions answered · 18 carried answers to confirm": carried answers are
    not counted as answered until confirmed."""
    confirmed = sum(1 for qid in answered if qid not in carried)
    line = f"{confirmed} of {total} questions answered"
    waiting = sum(1 for qid in answered if qid in carried)
    return line + (f" · {count(waiting, 'carried answer')} to confirm" if waiting else "")


def pillar_count(questions: tuple[Question, ...], state: DraftSession) -> str:
    """ "3 of 10" for one pillar, and " (7 carried to confirm)" while any waits."""
    done = sum(1 for q in questions if q.id in state.answered and q.id not in state.carried)
    waiting = sum(1 for q in questions if q.id in state.carried)
    return f"{done} of {len(questions)}" + (f" ({waiting} carried to confirm)" if waiting else "")


def confirm_label(periods: list[str]) -> str:
    """ "Confirm the 7 answers carried from 2026-Q3" for the carried answers' source periods."""
    source = f" from {periods[0]}" if len(set(periods)) == 1 else ""
    if len(periods) == 1:
        return f"Confirm the answer carried{source}"
    return f"Confirm the {len(periods)} answers carried{source}"


def carried_marker(period: str) -> str:
    """The line on a carried question (markdown)."""
    return f":orange-badge[:material/history: Carried from {inert(period)} — confirm or change it]"


def render_pillar_counts(
    pillars: Sequence[tuple[Pillar, tuple[Question, ...]]], state: DraftSession
) -> None:
    """Under the progress bar, every pillar's count (only the open tab's questions are on
    the page): confirmed answers, and carried ones waiting."""
    counts = (f"{inert(p.name)} {pillar_count(qs, state)}" for p, qs in pillars)
    st.caption(f"Answered by pillar: {' · '.join(counts)}")


def render_pillar_confirm(
    questions: tuple[Question, ...],
    pillar: Pillar,
    state: DraftSession,
    button_key: str,
    confirm: Callable[[str], None],
) -> None:
    """Below the pillar's questions, while any is carried: the button that confirms them as
    they stand (`confirm(pillar_id)` writes and reruns the page). Below, not above: the
    answers are read before they are confirmed."""
    periods = [state.carried[q.id] for q in questions if q.id in state.carried]
    if periods and st.button(
        confirm_label(periods),
        key=button_key,
        icon=":material/done_all:",
        help="Keeps these answers as they are and counts them as answered. Change any that no"
        " longer hold first: a changed answer is confirmed by the change.",
    ):
        confirm(pillar.id)
